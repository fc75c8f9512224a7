//! The JSON report: a documented, versioned contract for programs (docs/json-schema.md,
//! docs/penalty-report.schema.json). The wire types below are kept apart from the domain
//! types, so that a change inside the engine cannot change the document by accident: the
//! document changes only when these types do, and then `SCHEMA` says so.
//!
//! Amounts are decimal strings (exact; no float anywhere), dates are `YYYY-MM-DD` strings,
//! and every list is in a fixed order, so the same input gives byte-identical output.

use super::{Meta, Render, plain_amount};
use crate::accrue::OrderState;
use crate::case::{EventKind, Per};
use crate::exposure::{CaseLine, FineFigures, FineStatus, OrderFigures, Report, Totals};
use crate::fx::{Currency, RateSource, RateUsed};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// The version of the document's layout. It changes when a key is removed or renamed or its
/// meaning changes; adding a key does not change it.
pub const SCHEMA: u32 = 1;

/// Renders a report as one pretty-printed JSON object, ending with a newline.
pub struct JsonRenderer;

impl Render for JsonRenderer {
    fn render(&self, report: &Report, meta: &Meta) -> anyhow::Result<String> {
        let mut out = Vec::new();
        self.render_to(report, meta, &mut out)?;
        Ok(String::from_utf8(out)?)
    }

    /// Streams the document: each case is laid out as it is written, so the whole document
    /// is never held in memory.
    fn render_to(&self, report: &Report, meta: &Meta, out: &mut dyn Write) -> anyhow::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &Document::new(report, meta))?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

/// The case list, laid out one case at a time as it is serialized.
struct Cases<'a> {
    lines: &'a [CaseLine],
    currency: Currency,
}

impl Serialize for Cases<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.lines.iter().map(|c| CaseOut::new(c, self.currency)))
    }
}

/// The whole document.
#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    as_of: String,
    currency: &'static str,
    fx_date: &'static str,
    projection: bool,
    overrides: &'a [String],
    rates: Vec<Rate>,
    cases: Cases<'a>,
    companies: Vec<Company<'a>>,
    jurisdictions: Vec<Jurisdiction<'a>>,
    total: Figures,
}

/// An exchange rate used: 1 EUR = `per_eur` units of `currency`.
#[derive(Serialize)]
struct Rate {
    currency: &'static str,
    date: String,
    per_eur: String,
    valuation_date: String,
    stale: bool,
    source: String,
}

/// The figures of a case line, a group or the total, in one currency.
#[derive(Serialize)]
struct Figures {
    fines_enforceable: String,
    fines_contested: String,
    fines: String,
    liquidated: String,
    accruing: String,
    penalties: String,
    exposure: String,
    owed: String,
    paid: String,
    outstanding: String,
    run_rate: String,
    at_risk: String,
}

/// One case.
#[derive(Serialize)]
struct CaseOut<'a> {
    id: &'a str,
    company: &'a str,
    jurisdiction: &'a str,
    authority: Option<&'a str>,
    case_currency: &'static str,
    figures: Figures,
    own_figures: Figures,
    fines: Vec<FineOut<'a>>,
    orders: Vec<OrderOut<'a>>,
}

/// A fine, in the case's currency.
#[derive(Serialize)]
struct FineOut<'a> {
    id: &'a str,
    decided: String,
    amount: String,
    status: &'static str,
    counted: String,
    paid: String,
    status_set_by: Option<EventOut>,
}

/// The event that set a fine's status.
#[derive(Serialize)]
struct EventOut {
    date: String,
    kind: &'static str,
}

/// An order, in the case's currency.
#[derive(Serialize)]
struct OrderOut<'a> {
    id: &'a str,
    per: &'static str,
    state: &'static str,
    state_date: Option<String>,
    first_day: Option<String>,
    days: i64,
    accrued: String,
    liquidated: String,
    liquidated_days: i64,
    accruing: String,
    accruing_days: i64,
    cap_reached: Option<String>,
    run_rate: Option<String>,
    at_risk: Option<String>,
    paid: String,
    liquidations: Vec<LiquidationOut<'a>>,
}

/// A liquidation decided on or before the as-of date.
#[derive(Serialize)]
struct LiquidationOut<'a> {
    decided: String,
    from: String,
    until: String,
    days: i64,
    computed: String,
    amount: String,
    reduction: String,
    reference: Option<&'a str>,
}

/// A company's sum of case lines.
#[derive(Serialize)]
struct Company<'a> {
    company: &'a str,
    cases: Vec<&'a str>,
    figures: Figures,
}

/// A jurisdiction's sum of case lines.
#[derive(Serialize)]
struct Jurisdiction<'a> {
    jurisdiction: &'a str,
    cases: Vec<&'a str>,
    figures: Figures,
}

fn date(d: NaiveDate) -> String {
    d.to_string()
}

impl<'a> Document<'a> {
    fn new(r: &'a Report, meta: &'a Meta) -> Self {
        // The ids of each group's cases, in id order, gathered in one pass per grouping.
        let group = |pick: fn(&'a CaseLine) -> &'a str| {
            let mut groups: BTreeMap<&'a str, Vec<&'a str>> = BTreeMap::new();
            for c in &r.cases {
                groups.entry(pick(c)).or_default().push(c.id.as_str());
            }
            groups
        };
        let (mut by_company, mut by_jurisdiction) =
            (group(|c| &c.company), group(|c| &c.jurisdiction));
        Document {
            schema: SCHEMA,
            as_of: date(r.as_of),
            currency: r.currency.code(),
            fx_date: match r.fx_date {
                crate::exposure::FxDate::AsOf => "as-of",
                crate::exposure::FxDate::Decided => "decided",
            },
            projection: meta.projection,
            overrides: &meta.overrides,
            rates: r.rates.iter().map(Rate::new).collect(),
            cases: Cases {
                lines: &r.cases,
                currency: r.currency,
            },
            companies: r
                .companies
                .iter()
                .map(|(key, t)| Company {
                    company: key,
                    cases: by_company.remove(key.as_str()).unwrap_or_default(),
                    figures: Figures::new(t, r.currency),
                })
                .collect(),
            jurisdictions: r
                .jurisdictions
                .iter()
                .map(|(key, t)| Jurisdiction {
                    jurisdiction: key,
                    cases: by_jurisdiction.remove(key.as_str()).unwrap_or_default(),
                    figures: Figures::new(t, r.currency),
                })
                .collect(),
            total: Figures::new(&r.total, r.currency),
        }
    }
}

impl Rate {
    fn new(u: &RateUsed) -> Self {
        Rate {
            currency: u.currency.code(),
            date: date(u.date),
            per_eur: u.per_eur.normalize().to_string(),
            valuation_date: date(u.valuation_date),
            stale: u.stale,
            source: match &u.source {
                RateSource::Ecb => "ECB".to_string(),
                RateSource::File(p) => p.display().to_string(),
            },
        }
    }
}

impl Figures {
    fn new(t: &Totals, c: Currency) -> Self {
        let a = |d| plain_amount(d, c);
        Figures {
            fines_enforceable: a(t.fines_enforceable),
            fines_contested: a(t.fines_contested),
            fines: a(t.fines()),
            liquidated: a(t.liquidated),
            accruing: a(t.accruing),
            penalties: a(t.penalties()),
            exposure: a(t.exposure()),
            owed: a(t.owed()),
            paid: a(t.paid),
            outstanding: a(t.outstanding()),
            run_rate: a(t.run_rate),
            at_risk: a(t.at_risk),
        }
    }
}

impl<'a> CaseOut<'a> {
    fn new(c: &'a CaseLine, report_currency: Currency) -> Self {
        CaseOut {
            id: &c.id,
            company: &c.company,
            jurisdiction: &c.jurisdiction,
            authority: c.authority.as_deref(),
            case_currency: c.currency.code(),
            figures: Figures::new(&c.totals, report_currency),
            own_figures: Figures::new(&c.own, c.currency),
            fines: c
                .figures
                .fines
                .iter()
                .map(|f| FineOut::new(f, c.currency))
                .collect(),
            orders: c
                .figures
                .orders
                .iter()
                .map(|o| OrderOut::new(o, c.currency))
                .collect(),
        }
    }
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
    }
}

fn per_name(p: Per) -> &'static str {
    match p {
        Per::Day => "day",
        Per::Week => "week",
        Per::Month => "month",
        Per::Semester => "semester",
        Per::Violation => "violation",
        Per::Once => "once",
    }
}

impl<'a> FineOut<'a> {
    fn new(f: &'a FineFigures, c: Currency) -> Self {
        FineOut {
            id: &f.id,
            decided: date(f.decided),
            amount: plain_amount(f.amount, c),
            status: status_name(f.status),
            counted: plain_amount(f.counted(), c),
            paid: plain_amount(f.paid, c),
            status_set_by: f.set_by.as_ref().map(|e| EventOut {
                date: date(e.date),
                kind: event_name(e.kind),
            }),
        }
    }
}

impl<'a> OrderOut<'a> {
    fn new(o: &'a OrderFigures, c: Currency) -> Self {
        let a = &o.accrual;
        let (state, state_date) = match a.state {
            OrderState::Unknown => ("unknown", None),
            OrderState::Pending => ("pending", None),
            OrderState::Open => ("open", None),
            OrderState::Complied(d) => ("complied", Some(date(d))),
            OrderState::Lifted(d) => ("lifted", Some(date(d))),
        };
        OrderOut {
            id: &o.id,
            per: per_name(o.per),
            state,
            state_date,
            first_day: a.first_day.map(date),
            days: a.days,
            accrued: plain_amount(a.accrued, c),
            liquidated: plain_amount(a.liquidated, c),
            liquidated_days: a.liquidated_days,
            accruing: plain_amount(a.accruing, c),
            accruing_days: a.accruing_days,
            cap_reached: a.cap_reached.map(date),
            run_rate: a.run_rate.map(|d| plain_amount(d, c)),
            at_risk: a.at_risk.map(|d| plain_amount(d, c)),
            paid: plain_amount(o.paid, c),
            liquidations: a
                .liquidations
                .iter()
                .map(|l| LiquidationOut {
                    decided: date(l.liquidation.decided),
                    from: date(l.liquidation.window.from),
                    until: date(l.liquidation.window.until),
                    days: l.days,
                    computed: plain_amount(l.computed, c),
                    amount: plain_amount(l.amount, c),
                    reduction: plain_amount(l.reduction, c),
                    reference: l.liquidation.reference.as_deref(),
                })
                .collect(),
        }
    }
}
