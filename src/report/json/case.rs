//! A case on the wire: its figures, fines, orders and their liquidations.

use super::wire::{Amt, Day, Figures, NextOut};
use crate::accrue::{LiquidationFigures, OrderState};
use crate::case::{EventKind, Per};
use crate::exposure::{CaseLine, FineFigures, FineStatus, OrderFigures};
use crate::fx::Currency;
use crate::owed::{Collection, DebtLine, DebtOf};
use serde::Serialize;

/// One case.
#[derive(Serialize)]
pub(super) struct CaseOut<'a> {
    id: &'a str,
    company: &'a str,
    jurisdiction: &'a str,
    authority: Option<&'a str>,
    case_currency: &'static str,
    figures: Figures,
    own_figures: Figures,
    fines: Each<'a, FineFigures, FineOut<'a>>,
    orders: Each<'a, OrderFigures, OrderOut<'a>>,
    debts: Option<Each<'a, DebtLine, DebtOut<'a>>>,
}

/// A list laid out as it is serialized, each item made from its figures on the way, so that
/// no list is collected first.
pub(super) struct Each<'a, T, O> {
    items: &'a [T],
    currency: Currency,
    make: fn(&'a T, Currency) -> O,
}

impl<'a, T, O> Each<'a, T, O> {
    fn new(items: &'a [T], currency: Currency, make: fn(&'a T, Currency) -> O) -> Self {
        Each {
            items,
            currency,
            make,
        }
    }
}

impl<'a, T, O: Serialize> Serialize for Each<'a, T, O> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.items
                .iter()
                .map(|item| (self.make)(item, self.currency)),
        )
    }
}

/// A fine or a liquidation as a debt, in the case's currency.
#[derive(Serialize)]
pub(super) struct DebtOut<'a> {
    kind: &'static str,
    id: &'a str,
    liquidation: Option<usize>,
    amount: Amt,
    status: &'static str,
    due: Option<Day>,
    collection: &'static str,
    collection_since: Option<Day>,
    paid: Amt,
    principal: Amt,
    interest: Amt,
    interest_paid: Amt,
    lapse: Option<Day>,
    time_barred: Amt,
}

impl<'a> DebtOut<'a> {
    fn new(d: &'a DebtLine, c: Currency) -> Self {
        let (kind, id, liquidation) = match &d.of {
            DebtOf::Fine(id) => ("fine", id.as_str(), None),
            DebtOf::Liquidation { order, index } => ("liquidation", order.as_str(), Some(*index)),
        };
        let (collection, since) = match d.collection {
            Collection::Payable => ("payable", None),
            Collection::Suspended(s) => ("suspended", Some(Day(s))),
            Collection::NotDue => ("not_due", None),
            Collection::TimeBarred(s) => ("time_barred", Some(Day(s))),
            Collection::Paid => ("paid", None),
            Collection::Nothing => ("nothing", None),
            Collection::Annulled => ("annulled", None),
        };
        DebtOut {
            kind,
            id,
            liquidation,
            amount: Amt(d.amount, c),
            status: status_name(d.status),
            due: d.due.map(Day),
            collection,
            collection_since: since,
            paid: Amt(d.paid, c),
            principal: Amt(d.principal, c),
            interest: Amt(d.interest, c),
            interest_paid: Amt(d.interest_paid, c),
            lapse: d.lapse.map(Day),
            time_barred: Amt(d.time_barred, c),
        }
    }
}

/// A fine, in the case's currency.
#[derive(Serialize)]
pub(super) struct FineOut<'a> {
    id: &'a str,
    decided: Day,
    amount: Amt,
    status: &'static str,
    counted: Amt,
    paid: Amt,
    status_set_by: Option<EventOut>,
}

/// The event that set a fine's status.
#[derive(Serialize)]
pub(super) struct EventOut {
    date: Day,
    kind: &'static str,
    date_known: bool,
}

/// An order, in the case's currency.
#[derive(Serialize)]
pub(super) struct OrderOut<'a> {
    id: &'a str,
    per: &'static str,
    state: &'static str,
    state_date: Option<Day>,
    first_day: Option<Day>,
    days: i64,
    accrued: Amt,
    liquidated_enforceable: Amt,
    liquidated_contested: Amt,
    liquidated: Amt,
    liquidated_days: i64,
    accruing: Amt,
    accruing_days: i64,
    accruing_at_most: bool,
    cap_reached: Option<Day>,
    run_rate: Option<Amt>,
    at_risk: Option<Amt>,
    next_forfeiture: Option<NextOut>,
    paid: Amt,
    liquidations: Each<'a, LiquidationFigures, LiquidationOut<'a>>,
}

/// A liquidation decided on or before the as-of date: `amount` is the amount in force (after
/// any reduction known by then), `counted` zero when it is annulled.
#[derive(Serialize)]
pub(super) struct LiquidationOut<'a> {
    decided: Day,
    from: Day,
    until: Day,
    days: i64,
    computed: Amt,
    ordered: Amt,
    amount: Amt,
    reduction: Amt,
    status: &'static str,
    counted: Amt,
    ceiling: Option<Amt>,
    reference: Option<&'a str>,
}

impl<'a> CaseOut<'a> {
    pub(super) fn new(c: &'a CaseLine, report_currency: Currency) -> Self {
        CaseOut {
            id: &c.id,
            company: &c.company,
            jurisdiction: &c.jurisdiction,
            authority: c.authority.as_deref(),
            case_currency: c.currency.code(),
            figures: Figures::new(&c.totals, report_currency),
            own_figures: Figures::new(&c.own, c.currency),
            fines: Each::new(&c.figures.fines, c.currency, FineOut::new),
            orders: Each::new(&c.figures.orders, c.currency, OrderOut::new),
            debts: c
                .debts
                .as_ref()
                .map(|d| Each::new(d, c.currency, DebtOut::new)),
        }
    }
}

/// The name of a fine status on the wire.
pub(super) fn status_name(s: FineStatus) -> &'static str {
    match s {
        FineStatus::Enforceable => "enforceable",
        FineStatus::Contested => "contested",
        FineStatus::Annulled => "annulled",
    }
}

pub(super) fn event_name(k: EventKind) -> &'static str {
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

pub(super) fn per_name(p: Per) -> &'static str {
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

impl<'a> FineOut<'a> {
    pub(super) fn new(f: &'a FineFigures, c: Currency) -> Self {
        FineOut {
            id: &f.id,
            decided: Day(f.decided),
            amount: Amt(f.amount, c),
            status: status_name(f.status),
            counted: Amt(f.counted(), c),
            paid: Amt(f.paid, c),
            status_set_by: f.set_by.as_ref().map(|e| EventOut {
                date: Day(e.date),
                kind: event_name(e.kind),
                date_known: e.date_known,
            }),
        }
    }
}

impl<'a> OrderOut<'a> {
    pub(super) fn new(o: &'a OrderFigures, c: Currency) -> Self {
        let a = &o.accrual;
        let (state, state_date) = match a.state {
            OrderState::Unknown => ("unknown", None),
            OrderState::Pending => ("pending", None),
            OrderState::Open => ("open", None),
            OrderState::Complied(d) => ("complied", Some(Day(d))),
            OrderState::Lifted(d) => ("lifted", Some(Day(d))),
        };
        OrderOut {
            id: &o.id,
            per: per_name(o.per),
            state,
            state_date,
            first_day: a.first_day.map(Day),
            days: a.days,
            accrued: Amt(a.accrued, c),
            liquidated_enforceable: Amt(o.liquidated_enforceable, c),
            liquidated_contested: Amt(o.liquidated_contested, c),
            liquidated: Amt(a.liquidated, c),
            liquidated_days: a.liquidated_days,
            accruing: Amt(a.accruing, c),
            accruing_days: a.accruing_days,
            accruing_at_most: a.at_most,
            cap_reached: a.cap_reached.map(Day),
            run_rate: a.run_rate.map(|d| Amt(d, c)),
            at_risk: a.at_risk.map(|d| Amt(d, c)),
            next_forfeiture: NextOut::new(a.next_forfeiture, c),
            paid: Amt(o.paid, c),
            liquidations: Each::new(&a.liquidations, c, LiquidationOut::new),
        }
    }
}

impl<'a> LiquidationOut<'a> {
    fn new(l: &'a LiquidationFigures, c: Currency) -> Self {
        LiquidationOut {
            decided: Day(l.liquidation.decided),
            from: Day(l.liquidation.window.from),
            until: Day(l.liquidation.window.until),
            days: l.days,
            computed: Amt(l.computed, c),
            ordered: Amt(l.ordered, c),
            amount: Amt(l.amount, c),
            reduction: Amt(l.reduction, c),
            status: status_name(l.status),
            counted: Amt(l.counted(), c),
            ceiling: l.ceiling.map(|x| Amt(x, c)),
            reference: l.liquidation.reference.as_deref(),
        }
    }
}
