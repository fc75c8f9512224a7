//! Rendering a schedule (`penalty schedule`): a terminal table, CSV and JSON. Like the other
//! renderers these only lay out a `schedule::Timeline` already computed; every output says
//! whether it is a projection and which what-if overrides were in force.

use super::{Meta, format_amount};
use crate::accrue::{Accrual, LiquidationFigures, OrderState};
use crate::case::{Per, StartRule};
use crate::schedule::{Entry, Event, EventKind, OrderTimeline, Row, Timeline};
use comfy_table::{CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write;

/// Version of the JSON schedule object; bumped when a field changes meaning or goes away.
pub const SCHEMA: u32 = 1;

/// Header rule only, like the `compute` table.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('-').junction(' '));

/// The unit a rate is charged per, in words: `day`, `week`, ..., `violation`, `once`.
pub fn per_name(per: Per) -> &'static str {
    match per {
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

/// A rate with its unit: `100,000.00 per day`, or `250,000.00 once`.
pub fn rate_words(rate: Decimal, per: Per) -> String {
    match per {
        Per::Once => format!("{} once", format_amount(rate)),
        _ => format!("{} per {}", format_amount(rate), per_name(per)),
    }
}

/// An amount as plain digits with at least two decimals, for CSV and JSON: `1300000.00`.
pub fn plain_amount(amount: Decimal) -> String {
    let mut a = amount.normalize();
    if a.scale() < 2 {
        a.rescale(2);
    }
    a.to_string()
}

/// A liquidation in one line: its reference, window as written, days, computed and ordered.
pub fn liquidation_words(f: &LiquidationFigures) -> String {
    let l = &f.liquidation;
    let name = l.reference.as_deref().map_or_else(
        || "liquidation".to_string(),
        |r| format!("liquidation {}", crate::text::escape(r)),
    );
    let (ordered, reduction) = super::ordered_words(f);
    format!(
        "{name} decided: window {}, {} days; computed {}, {ordered}; {reduction}",
        l.window,
        f.days,
        format_amount(f.computed)
    )
}

/// An event in words.
pub fn event_words(event: &Event, per: Per) -> String {
    match &event.kind {
        EventKind::Deadline(rule) => match rule {
            StartRule::Grace {
                from,
                from_key,
                grace,
                computed,
                deadline,
            } => {
                let extended = if computed == deadline {
                    String::new()
                } else {
                    format!(", extended from {computed}")
                };
                format!("deadline: {from_key} {from} + {grace}{extended}")
            }
            StartRule::Deadline { written, deadline } if written != deadline => {
                format!("deadline, extended from {written}")
            }
            _ => "deadline".to_string(),
        },
        EventKind::FirstDayOfDelay => "first day of delay".to_string(),
        EventKind::RateChange(rate) => format!("rate changes to {}", rate_words(*rate, per)),
        EventKind::SuspensionStarts(last) => format!("suspension starts (through {last})"),
        EventKind::SuspensionEnds => "suspension ends: days count again".to_string(),
        EventKind::Liquidation(f) => liquidation_words(f),
        EventKind::CapReached(cap) => format!(
            "cap of {} reached: nothing accrues after this day",
            format_amount(*cap)
        ),
        EventKind::Complied(false) => "complied: the first day without penalty".to_string(),
        EventKind::Complied(true) => {
            "complied (assumed by --assume-compliance): the first day without penalty".to_string()
        }
        EventKind::Lifted => "lifted: the order no longer applies".to_string(),
    }
}

/// The order's figures as of the schedule's date, in one sentence.
pub fn summary_words(a: &Accrual, per: Per, as_of: chrono::NaiveDate) -> String {
    let mut s = format!(
        "As of {as_of}: accrued {} over {} days of delay; liquidated {} ({} days in liquidated windows); accruing {} ({} days, provisional)",
        format_amount(a.accrued),
        a.days,
        format_amount(a.liquidated),
        a.liquidated_days,
        format_amount(a.accruing),
        a.accruing_days,
    );
    if let Some(day) = a.cap_reached {
        let _ = write!(s, "; cap reached on {day}");
    }
    match a.state {
        OrderState::Complied(d) => {
            let _ = write!(s, "; complied {d}");
        }
        OrderState::Lifted(d) => {
            let _ = write!(s, "; lifted {d}");
        }
        _ => {
            if let Some(r) = a.run_rate.filter(|_| per != Per::Once) {
                let _ = write!(
                    s,
                    "; open: one more {} adds {}",
                    per_name(per),
                    format_amount(r)
                );
            }
            if let Some(r) = a.at_risk {
                let _ = write!(s, "; {} still at risk under the cap", format_amount(r));
            }
        }
    }
    s.push('.');
    s
}

/// The lines every output starts with: what, as of when, projection, overrides.
fn heading(t: &Timeline, meta: &Meta) -> String {
    let mut out = format!(
        "Schedule of {} as of {}, by {}, in {} (the case's currency){}\n",
        t.case,
        t.as_of,
        t.every.name(),
        t.currency,
        if meta.projection {
            " (PROJECTION: the as-of date is in the future)"
        } else {
            ""
        }
    );
    for o in &meta.overrides {
        let _ = writeln!(out, "What-if: {o}");
    }
    out
}

fn order_heading(o: &OrderTimeline) -> String {
    let mut s = format!("Order {}", o.id);
    if let Some(rate) = o.rate {
        let _ = write!(s, ": {}", rate_words(rate, o.per));
    }
    if let Some(cap) = o.cap {
        let _ = write!(s, ", capped at {}", format_amount(cap));
    }
    match o.first_day {
        Some(d) => {
            let _ = write!(s, "; first day of delay {d}");
        }
        None => s.push_str("; first day of delay not known: nothing accrues"),
    }
    s
}

/// Renders the schedule as aligned terminal tables, one per order.
pub fn table(t: &Timeline, meta: &Meta) -> String {
    let mut out = heading(t, meta);
    for o in &t.orders {
        let _ = writeln!(out, "\n{}", order_heading(o));
        if o.entries.is_empty() {
            let why = match o.first_day {
                Some(d) if d > t.as_of => {
                    format!(
                        "Nothing to show: the first day of delay, {d}, is after the as-of date."
                    )
                }
                Some(_) => "Nothing to show in this range.".to_string(),
                None => "Nothing to show.".to_string(),
            };
            let _ = writeln!(out, "{why}");
        } else {
            let mut table = Table::new();
            table
                .load_style(STYLE)
                .set_content_arrangement(ContentArrangement::Disabled)
                .force_no_tty();
            table.set_header([
                "From",
                "Through",
                &match o.per {
                    Per::Once => "Lump sum".to_string(),
                    per => format!("Rate/{}", per_name(per)),
                },
                "Days",
                "Amount",
                "Cumulative",
                "Status or event",
            ]);
            for i in 0..7 {
                if let Some(c) = table.column_mut(i) {
                    c.set_padding((0, 2));
                    if (2..6).contains(&i) {
                        c.set_cell_alignment(CellAlignment::Right);
                    }
                }
            }
            for e in &o.entries {
                match e {
                    Entry::Row(r) => table.add_row([
                        r.from.to_string(),
                        r.through().to_string(),
                        format_amount(r.rate),
                        r.days.to_string(),
                        format_amount(r.amount),
                        format_amount(r.cumulative),
                        r.status.to_string(),
                    ]),
                    Entry::Event(ev) => table.add_row([
                        ev.date.to_string(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        event_words(ev, o.per),
                    ]),
                };
            }
            for line in table.lines() {
                let _ = writeln!(out, "{}", line.trim_end());
            }
        }
        let _ = writeln!(out, "{}", summary_words(&o.accrual, o.per, t.as_of));
    }
    let _ = writeln!(
        out,
        "\nAmount: what the row's days accrued (after any cap). Cumulative: accrued from the first day of delay through the row's last day. Liquidated rows count at the liquidation's amount; accruing rows are provisional: owed only once liquidated."
    );
    out
}

/// One CSV record.
#[derive(Serialize)]
struct CsvRecord<'a> {
    case: &'a str,
    order: &'a str,
    kind: &'static str,
    from: String,
    through: String,
    rate: String,
    per: &'static str,
    days: String,
    amount: String,
    cumulative: String,
    status: &'static str,
    event: &'static str,
    description: String,
    as_of: String,
    projection: bool,
    overrides: String,
}

/// Renders the schedule as CSV: one record per row or event, each carrying the as-of date,
/// whether it is a projection and the overrides in force, so no record can be read out of
/// its context.
pub fn csv(t: &Timeline, meta: &Meta) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let overrides = meta.overrides.join("; ");
    for o in &t.orders {
        for e in &o.entries {
            let base = CsvRecord {
                case: &t.case,
                order: &o.id,
                kind: "period",
                from: String::new(),
                through: String::new(),
                rate: String::new(),
                per: per_name(o.per),
                days: String::new(),
                amount: String::new(),
                cumulative: String::new(),
                status: "",
                event: "",
                description: String::new(),
                as_of: t.as_of.to_string(),
                projection: meta.projection,
                overrides: overrides.clone(),
            };
            let record = match e {
                Entry::Row(r) => CsvRecord {
                    from: r.from.to_string(),
                    through: r.through().to_string(),
                    rate: plain_amount(r.rate),
                    days: r.days.to_string(),
                    amount: plain_amount(r.amount),
                    cumulative: plain_amount(r.cumulative),
                    status: r.status.name(),
                    ..base
                },
                Entry::Event(ev) => CsvRecord {
                    kind: "event",
                    from: ev.date.to_string(),
                    event: ev.kind.name(),
                    description: event_words(ev, o.per),
                    ..base
                },
            };
            w.serialize(record)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[derive(Serialize)]
struct JsonSchedule<'a> {
    schema: u32,
    kind: &'static str,
    case: &'a str,
    currency: &'a str,
    as_of: String,
    projection: bool,
    overrides: &'a [String],
    every: &'static str,
    orders: Vec<JsonOrder<'a>>,
}

#[derive(Serialize)]
struct JsonOrder<'a> {
    id: &'a str,
    per: &'static str,
    cap: Option<String>,
    first_day: Option<String>,
    from: Option<String>,
    to: Option<String>,
    entries: Vec<JsonEntry>,
    summary: JsonSummary,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum JsonEntry {
    Period {
        from: String,
        through: String,
        rate: String,
        days: i64,
        amount: String,
        cumulative: String,
        status: &'static str,
    },
    Event {
        date: String,
        event: &'static str,
        description: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        rate: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cap: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        liquidation: Option<JsonLiquidation>,
    },
}

#[derive(Serialize)]
struct JsonLiquidation {
    decided: String,
    reference: Option<String>,
    from: String,
    through: String,
    days: i64,
    computed: String,
    ordered: Option<String>,
    amount: String,
    reduction: String,
}

#[derive(Serialize)]
struct JsonSummary {
    state: String,
    days: i64,
    accrued: String,
    liquidated: String,
    liquidated_days: i64,
    accruing: String,
    accruing_days: i64,
    cap_reached: Option<String>,
    run_rate: Option<String>,
    at_risk: Option<String>,
}

fn json_row(r: &Row) -> JsonEntry {
    JsonEntry::Period {
        from: r.from.to_string(),
        through: r.through().to_string(),
        rate: plain_amount(r.rate),
        days: r.days,
        amount: plain_amount(r.amount),
        cumulative: plain_amount(r.cumulative),
        status: r.status.name(),
    }
}

fn json_event(ev: &Event, per: Per) -> JsonEntry {
    let (mut rate, mut cap, mut liquidation) = (None, None, None);
    match &ev.kind {
        EventKind::RateChange(r) => rate = Some(plain_amount(*r)),
        EventKind::CapReached(c) => cap = Some(plain_amount(*c)),
        EventKind::Liquidation(f) => {
            let l = &f.liquidation;
            let wire = JsonLiquidation {
                decided: l.decided.to_string(),
                reference: l.reference.clone(),
                from: l.window.from.to_string(),
                through: l.window.last_day().to_string(),
                days: f.days,
                computed: plain_amount(f.computed),
                ordered: l.amount.map(plain_amount),
                amount: plain_amount(f.amount),
                reduction: plain_amount(f.reduction),
            };
            liquidation = Some(wire);
        }
        _ => {}
    }
    JsonEntry::Event {
        date: ev.date.to_string(),
        event: ev.kind.name(),
        description: event_words(ev, per),
        rate,
        cap,
        liquidation,
    }
}

/// Renders the schedule as a JSON object (`"schema": 1`, `"kind": "schedule"`), amounts as
/// strings so no precision is lost.
pub fn json(t: &Timeline, meta: &Meta) -> Result<String, serde_json::Error> {
    let orders = t
        .orders
        .iter()
        .map(|o| {
            let a = &o.accrual;
            JsonOrder {
                id: &o.id,
                per: per_name(o.per),
                cap: o.cap.map(plain_amount),
                first_day: o.first_day.map(|d| d.to_string()),
                from: o.from.map(|d| d.to_string()),
                to: o.to.map(|d| d.to_string()),
                entries: o
                    .entries
                    .iter()
                    .map(|e| match e {
                        Entry::Row(r) => json_row(r),
                        Entry::Event(ev) => json_event(ev, o.per),
                    })
                    .collect(),
                summary: JsonSummary {
                    state: a.state.to_string(),
                    days: a.days,
                    accrued: plain_amount(a.accrued),
                    liquidated: plain_amount(a.liquidated),
                    liquidated_days: a.liquidated_days,
                    accruing: plain_amount(a.accruing),
                    accruing_days: a.accruing_days,
                    cap_reached: a.cap_reached.map(|d| d.to_string()),
                    run_rate: a.run_rate.map(plain_amount),
                    at_risk: a.at_risk.map(plain_amount),
                },
            }
        })
        .collect();
    let doc = JsonSchedule {
        schema: SCHEMA,
        kind: "schedule",
        case: &t.case,
        currency: t.currency.code(),
        as_of: t.as_of.to_string(),
        projection: meta.projection,
        overrides: &meta.overrides,
        every: t.every.name(),
        orders,
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}
