//! The JSON report: a documented, versioned contract for programs (docs/json-schema.md,
//! docs/penalty-report.schema.json). The wire types below are kept apart from the domain
//! types, so that a change inside the engine cannot change the document by accident: the
//! document changes only when these types do, and then `SCHEMA` says so.
//!
//! Amounts are decimal strings (exact; no float anywhere), dates are `YYYY-MM-DD` strings,
//! and every list is in a fixed order, so the same input gives byte-identical output.

use super::{Meta, PLAIN_AMOUNT_MAX, PlainAmount, Render};
use crate::accrue::OrderState;
use crate::case::{EventKind, Per};
use crate::exposure::{CaseLine, FineFigures, FineStatus, OrderFigures, Report, Totals};
use crate::fx::{Currency, RateSource, RateUsed};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// The version of the document's layout. It changes when a key is removed or renamed or its
/// meaning changes; adding a key does not change it.
pub const SCHEMA: u32 = 2;

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
        let mut serializer = serde_json::Serializer::with_formatter(&mut *out, Pretty::default());
        Document::new(report, meta).serialize(&mut serializer)?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

/// serde_json's pretty layout (two spaces of indentation), writing each line break and its
/// indentation in one piece: serde_json's own pretty formatter writes them a level at a
/// time, which in a large report costs more than everything else written.
#[derive(Default)]
pub(super) struct Pretty {
    level: usize,
    has_value: bool,
}

/// A line break followed by enough indentation for 64 levels.
const BREAK: &[u8; 129] = b"\n                                                                                                                                ";

fn line_break<W: ?Sized + Write>(w: &mut W, level: usize) -> std::io::Result<()> {
    match BREAK.get(..1 + 2 * level) {
        Some(piece) => w.write_all(piece),
        None => {
            w.write_all(b"\n")?;
            (0..level).try_for_each(|_| w.write_all(b"  "))
        }
    }
}

impl Pretty {
    /// Opens an array or an object: one level deeper, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// Closes it: back a level, on a line of its own unless it was empty.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            line_break(w, self.level)?;
        }
        w.write_all(bracket)
    }

    /// Starts an element or a key: after a comma unless first, on a new line.
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        line_break(w, self.level)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    /// serde_json escapes C0 control characters; DEL, C1 controls (U+009B opens an escape
    /// sequence on some terminals) and bidirectional overrides are escaped here too, so that
    /// the document shown on a terminal cannot drive it. The escaped string is the same JSON
    /// value.
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !fragment.chars().any(crate::text::is_unsafe) {
            return w.write_all(fragment.as_bytes());
        }
        for c in fragment.chars() {
            if crate::text::is_unsafe(c) {
                write!(w, "\\u{:04x}", u32::from(c))?;
            } else {
                w.write_all(c.encode_utf8(&mut [0; 4]).as_bytes())?;
            }
        }
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
    as_of: Day,
    currency: &'static str,
    fx_date: &'static str,
    projection: bool,
    overrides: &'a [String],
    filters: &'a [String],
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
    date: Day,
    per_eur: String,
    valuation_date: Day,
    stale: bool,
    source: String,
}

/// The figures of a case line, a group or the total, in one currency.
#[derive(Serialize)]
struct Figures {
    fines_enforceable: Amt,
    fines_contested: Amt,
    fines: Amt,
    liquidated_enforceable: Amt,
    liquidated_contested: Amt,
    liquidated: Amt,
    accruing: Amt,
    penalties: Amt,
    exposure: Amt,
    owed: Amt,
    paid: Amt,
    outstanding: Amt,
    run_rate: Amt,
    at_risk: Amt,
    next_forfeiture: Option<NextOut>,
}

/// The next sum forfeited if nothing changes.
#[derive(Serialize)]
struct NextOut {
    date: Day,
    amount: Amt,
}

impl NextOut {
    fn new(f: Option<crate::accrue::Forfeiture>, c: Currency) -> Option<Self> {
        f.map(|f| NextOut {
            date: Day(f.date),
            amount: Amt(f.amount, c),
        })
    }
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
    decided: Day,
    amount: Amt,
    status: &'static str,
    counted: Amt,
    paid: Amt,
    status_set_by: Option<EventOut>,
}

/// The event that set a fine's status.
#[derive(Serialize)]
struct EventOut {
    date: Day,
    kind: &'static str,
}

/// An order, in the case's currency.
#[derive(Serialize)]
struct OrderOut<'a> {
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
    liquidations: Vec<LiquidationOut<'a>>,
}

/// A liquidation decided on or before the as-of date: `amount` is the amount in force (after
/// any reduction known by then), `counted` zero when it is annulled.
#[derive(Serialize)]
struct LiquidationOut<'a> {
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

/// An amount on the wire: a plain decimal string (`"5200000.00"`), exact, written straight
/// into the output.
struct Amt(Decimal, Currency);

impl Serialize for Amt {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(PlainAmount(self.0, self.1).write(&mut [0; PLAIN_AMOUNT_MAX]))
    }
}

/// A date on the wire: `"YYYY-MM-DD"`, written straight into the output.
struct Day(NaiveDate);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Case files hold years 1900 to 9999, and validation refuses a key whose computed
        // dates would leave them, so the four-digit form is the whole date. A date outside
        // them is an error, never a `+10000-01-01` that the schema does not allow.
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        if !(0..=9999).contains(&y) {
            return Err(serde::ser::Error::custom(format!(
                "the date {} is outside the years 0 to 9999 the report can hold",
                self.0
            )));
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let y = y.unsigned_abs();
        let text = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ];
        serializer.serialize_str(std::str::from_utf8(&text).unwrap_or_default())
    }
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
            as_of: Day(r.as_of),
            currency: r.currency.code(),
            fx_date: match r.fx_date {
                crate::exposure::FxDate::AsOf => "as-of",
                crate::exposure::FxDate::Decided => "decided",
            },
            projection: meta.projection,
            overrides: &meta.overrides,
            filters: &meta.filters,
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
            date: Day(u.date),
            per_eur: u.per_eur.normalize().to_string(),
            valuation_date: Day(u.valuation_date),
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
        let a = |d| Amt(d, c);
        Figures {
            fines_enforceable: a(t.fines_enforceable),
            fines_contested: a(t.fines_contested),
            fines: a(t.fines()),
            liquidated_enforceable: a(t.liquidated_enforceable),
            liquidated_contested: a(t.liquidated_contested),
            liquidated: a(t.liquidated()),
            accruing: a(t.accruing),
            penalties: a(t.penalties()),
            exposure: a(t.exposure()),
            owed: a(t.owed()),
            paid: a(t.paid),
            outstanding: a(t.outstanding()),
            run_rate: a(t.run_rate),
            at_risk: a(t.at_risk),
            next_forfeiture: NextOut::new(t.next_forfeiture, c),
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
        Per::Quarter => "quarter",
        Per::Semester => "semester",
        Per::Year => "year",
        Per::Violation => "violation",
        Per::Once => "once",
    }
}

impl<'a> FineOut<'a> {
    fn new(f: &'a FineFigures, c: Currency) -> Self {
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
            liquidations: a
                .liquidations
                .iter()
                .map(|l| LiquidationOut {
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
                })
                .collect(),
        }
    }
}
