//! A case on the wire: its figures, fines, orders, their liquidations, and its debts. The
//! members are written in the order the schema gives (docs/penalty-report.schema.json).

use super::wire::figures;
use super::write::Obj;
use crate::accrue::{LiquidationFigures, OrderState};
use crate::case::{EventKind, Per};
use crate::exposure::{CaseLine, FineFigures, FineStatus, OrderFigures};
use crate::fx::Currency;
use crate::owed::{Collection, DebtLine, DebtOf};

/// Writes one case, on a line indented `indent` levels, with its figures in
/// `report_currency` and its fines, orders and debts in its own.
pub(super) fn case(
    buf: &mut Vec<u8>,
    indent: usize,
    c: &CaseLine,
    report_currency: Currency,
) -> serde_json::Result<()> {
    let mut o = Obj::open(buf, indent);
    o.value("id", &c.id)?;
    o.value("company", &c.company)?;
    o.value("jurisdiction", &c.jurisdiction)?;
    o.value("authority", &c.authority)?;
    o.name("case_currency", c.currency.code());
    o.object("figures", |o| figures(o, &c.totals, report_currency))?;
    o.object("own_figures", |o| figures(o, &c.own, c.currency))?;
    o.list("fines", &c.figures.fines, |o, f| fine(o, f, c.currency))?;
    o.list("orders", &c.figures.orders, |o, x| order(o, x, c.currency))?;
    match &c.debts {
        Some(debts) => o.list("debts", debts.iter(), |o, d| debt(o, d, c.currency))?,
        None => o.null("debts"),
    }
    o.close();
    Ok(())
}

/// A fine or a liquidation as a debt, in the case's currency.
fn debt(o: &mut Obj<'_>, d: &DebtLine, c: Currency) -> serde_json::Result<()> {
    let (kind, id, liquidation) = match &d.of {
        DebtOf::Fine(id) => ("fine", id.as_str(), None),
        DebtOf::Liquidation { order, index } => ("liquidation", order.as_str(), Some(*index)),
    };
    let (collection, since) = match d.collection {
        Collection::Payable => ("payable", None),
        Collection::Suspended(s) => ("suspended", Some(s)),
        Collection::NotDue => ("not_due", None),
        Collection::TimeBarred(s) => ("time_barred", Some(s)),
        Collection::Paid => ("paid", None),
        Collection::Nothing => ("nothing", None),
        Collection::Annulled => ("annulled", None),
    };
    o.name("kind", kind);
    o.value("id", id)?;
    o.value("liquidation", &liquidation)?;
    o.amount("amount", d.amount, c);
    o.name("status", status_name(d.status));
    o.opt_day("due", d.due)?;
    o.name("collection", collection);
    o.opt_day("collection_since", since)?;
    o.amount("paid", d.paid, c);
    o.amount("principal", d.principal, c);
    o.amount("interest", d.interest, c);
    o.amount("interest_paid", d.interest_paid, c);
    o.opt_day("lapse", d.lapse)?;
    o.amount("time_barred", d.time_barred, c);
    Ok(())
}

/// A fine, in the case's currency, with the event that set its status.
fn fine(o: &mut Obj<'_>, f: &FineFigures, c: Currency) -> serde_json::Result<()> {
    o.value("id", &f.id)?;
    o.day("decided", f.decided)?;
    o.amount("amount", f.amount, c);
    o.name("status", status_name(f.status));
    o.amount("counted", f.counted(), c);
    o.amount("paid", f.paid, c);
    match &f.set_by {
        Some(e) => o.object("status_set_by", |o| {
            o.day("date", e.date)?;
            o.name("kind", event_name(e.kind));
            o.bool("date_known", e.date_known);
            Ok(())
        })?,
        None => o.null("status_set_by"),
    }
    Ok(())
}

/// An order, in the case's currency, with its liquidations.
fn order(o: &mut Obj<'_>, x: &OrderFigures, c: Currency) -> serde_json::Result<()> {
    let a = &x.accrual;
    let (state, state_date) = match a.state {
        OrderState::Unknown => ("unknown", None),
        OrderState::Pending => ("pending", None),
        OrderState::Open => ("open", None),
        OrderState::Complied(d) => ("complied", Some(d)),
        OrderState::Lifted(d) => ("lifted", Some(d)),
    };
    o.value("id", &x.id)?;
    o.name("per", per_name(x.per));
    o.name("state", state);
    o.opt_day("state_date", state_date)?;
    o.opt_day("first_day", a.first_day)?;
    o.int("days", a.days);
    o.amount("accrued", a.accrued, c);
    o.amount("liquidated_enforceable", x.liquidated_enforceable, c);
    o.amount("liquidated_contested", x.liquidated_contested, c);
    o.amount("liquidated", a.liquidated, c);
    o.int("liquidated_days", a.liquidated_days);
    o.amount("accruing", a.accruing, c);
    o.int("accruing_days", a.accruing_days);
    o.bool("accruing_at_most", a.at_most);
    o.opt_day("cap_reached", a.cap_reached)?;
    o.opt_amount("run_rate", a.run_rate, c);
    o.opt_amount("at_risk", a.at_risk, c);
    super::wire::next_forfeiture(o, a.next_forfeiture, c)?;
    o.amount("paid", x.paid, c);
    o.list("liquidations", &a.liquidations, |o, l| liquidation(o, l, c))
}

/// A liquidation decided on or before the as-of date: `amount` is the amount in force (after
/// any reduction known by then), `counted` zero when it is annulled.
fn liquidation(o: &mut Obj<'_>, l: &LiquidationFigures, c: Currency) -> serde_json::Result<()> {
    o.day("decided", l.liquidation.decided)?;
    o.day("from", l.liquidation.window.from)?;
    o.day("until", l.liquidation.window.until)?;
    o.int("days", l.days);
    o.amount("computed", l.computed, c);
    o.amount("ordered", l.ordered, c);
    o.amount("amount", l.amount, c);
    o.amount("reduction", l.reduction, c);
    o.name("status", status_name(l.status));
    o.amount("counted", l.counted(), c);
    o.opt_amount("ceiling", l.ceiling, c);
    o.value("reference", &l.liquidation.reference)
}

/// The name of a fine status on the wire.
fn status_name(s: FineStatus) -> &'static str {
    match s {
        FineStatus::Enforceable => "enforceable",
        FineStatus::Contested => "contested",
        FineStatus::Annulled => "annulled",
    }
}

fn event_name(k: EventKind) -> &'static str {
    match k {
        EventKind::Appealed => "appealed",
        EventKind::Annulled => "annulled",
        EventKind::Reinstated => "reinstated",
        EventKind::Reduced => "reduced",
        EventKind::Upheld => "upheld",
        EventKind::Suspended => "suspended",
        EventKind::Resumed => "resumed",
    }
}

fn per_name(p: Per) -> &'static str {
    match p {
        Per::Day => "day",
        Per::Week => "week",
        Per::Month => "month",
        Per::Quarter => "quarter",
        Per::Semester => "semester",
        Per::Year => "year",
        Per::Violation => "violation",
        Per::Once => "once",
    }
}
