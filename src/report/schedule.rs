//! Rendering a schedule (`penalty schedule`): a terminal table, CSV and JSON. Like the other
//! renderers these only lay out a `schedule::Timeline` already computed; every output says
//! whether it is a projection and which what-if overrides were in force.

use super::{Meta, format_amount};
use crate::accrue::{Accrual, LiquidationFigures, OrderState};
use crate::case::{Per, StartRule};
use crate::schedule::{Entry, Event, EventKind, OrderTimeline, Row, Timeline};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Version of the JSON schedule object; bumped when a field changes meaning or goes away.
pub const SCHEMA: u32 = 1;

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
        EventKind::DeadlineChange(change, was) => deadline_change_words(change, *was),
        EventKind::Measurement(m) => {
            let values: Vec<String> = m
                .values
                .iter()
                .map(|(measure, value)| format!("{measure} = {}", value.normalize()))
                .collect();
            let known = match m.decided {
                Some(d) if d > m.date => format!(" (known {d})"),
                _ => String::new(),
            };
            format!("measured: {}{known}", values.join(", "))
        }
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

/// A deadline change in words: "deadline extended on 2019-10-15 to 2020-03-01", with its
/// reference.
fn deadline_change_words(
    change: &crate::case::DeadlineChange,
    was: Option<chrono::NaiveDate>,
) -> String {
    let decided = change.decided;
    let moved = match (change.start.first_day(), was) {
        (Some(new), Some(old)) if new > old => "extended",
        (Some(new), Some(old)) if new < old => "brought forward",
        _ => "changed",
    };
    let mut s = match &change.start {
        crate::case::Start::Known {
            rule: StartRule::Deadline { deadline, .. } | StartRule::Grace { deadline, .. },
            ..
        } => format!("deadline {moved} on {decided} to {deadline}"),
        crate::case::Start::Known { first_day, .. } => {
            format!("first day of delay {moved} on {decided} to {first_day}")
        }
        crate::case::Start::Unknown => {
            format!("deadline changed on {decided}: the first day of delay is not known")
        }
    };
    if let Some(r) = &change.reference {
        let _ = write!(s, " ({r})");
    }
    s
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

/// The seven cells of a table line: a row's figures, or an event's day and words.
fn table_cells(e: &Entry, per: Per) -> [String; 7] {
    match e {
        Entry::Row(r) => [
            r.from.to_string(),
            r.through().to_string(),
            format_amount(r.rate),
            r.days.to_string(),
            format_amount(r.amount),
            format_amount(r.cumulative),
            r.status.to_string(),
        ],
        Entry::Event(ev) => [
            ev.date.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            event_words(ev, per),
        ],
    }
}

/// The widths of [`table_cells`], found without writing a row's cells: the width pass of a
/// table of millions of rows costs little more than the sweep itself.
fn table_widths(e: &Entry, per: Per) -> [usize; 7] {
    match e {
        Entry::Row(r) => [
            date_width(r.from),
            date_width(r.through()),
            amount_width(r.rate),
            digits(r.days.unsigned_abs()) + usize::from(r.days < 0),
            amount_width(r.amount),
            amount_width(r.cumulative),
            r.status.name().len(),
        ],
        Entry::Event(ev) => [
            date_width(ev.date),
            0,
            0,
            0,
            0,
            0,
            event_words(ev, per).width(),
        ],
    }
}

/// The width of a date as `Display` writes it: `YYYY-MM-DD` for years 0 to 9999.
fn date_width(d: chrono::NaiveDate) -> usize {
    if (0..=9999).contains(&chrono::Datelike::year(&d)) {
        10
    } else {
        d.to_string().len()
    }
}

/// The number of decimal digits of `n` (1 for 0).
fn digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// The width of [`format_amount`]'s text: sign, digits with a separator every three, and the
/// decimals (at least two) of the normalized amount.
fn amount_width(amount: Decimal) -> usize {
    // As format_amount makes it: normalized, then given two decimals where they fit.
    let mut a = amount.normalize();
    if a.scale() < 2 {
        a.rescale(2);
    }
    let scale = a.scale() as usize;
    let all = a
        .mantissa()
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |l| l as usize + 1);
    let int = all.saturating_sub(scale).max(1);
    let sign = usize::from(amount.is_sign_negative() && !amount.is_zero());
    let decimals = if scale > 0 { 1 + scale } else { 0 };
    sign + int + (int - 1) / 3 + decimals
}

/// Columns 2 to 5 (rate, days, amount, cumulative) are aligned right.
fn right_aligned(column: usize) -> bool {
    (2..6).contains(&column)
}

/// Writes one line of a table: each cell aligned in its column's width and followed by two
/// spaces, columns joined by one, trailing spaces dropped.
fn table_line(
    out: &mut dyn std::io::Write,
    cells: &[String; 7],
    widths: &[usize; 7],
) -> std::io::Result<()> {
    let mut line = String::with_capacity(widths.iter().sum::<usize>() + 3 * 7);
    for (i, (cell, &width)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push(' ');
        }
        let pad = width.saturating_sub(cell.width());
        if right_aligned(i) {
            line.extend(std::iter::repeat_n(' ', pad));
            line.push_str(cell);
        } else {
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', pad));
        }
        line.push_str("  ");
    }
    writeln!(out, "{}", line.trim_end())
}

/// Writes the schedule as aligned terminal tables, one per order, each line as it is made.
/// Column widths are those of the widest cell, found by a first sweep over the entries that
/// keeps nothing but the widths (measured without writing the cells); the second sweep
/// writes. Two sweeps of the rows cost time,
/// never memory.
///
/// # Errors
///
/// When `out` cannot be written or an amount overflows.
pub fn table(t: &Timeline, meta: &Meta, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    out.write_all(heading(t, meta).as_bytes())?;
    for o in &t.orders {
        writeln!(out, "\n{}", order_heading(o))?;
        if o.is_empty() {
            let why = match o.first_day {
                Some(d) if d > t.as_of => {
                    format!(
                        "Nothing to show: the first day of delay, {d}, is after the as-of date."
                    )
                }
                Some(_) => "Nothing to show in this range.".to_string(),
                None => "Nothing to show.".to_string(),
            };
            writeln!(out, "{why}")?;
        } else {
            let header = [
                "From".to_string(),
                "Through".to_string(),
                match o.per {
                    Per::Once => "Lump sum".to_string(),
                    per => format!("Rate/{}", per_name(per)),
                },
                "Days".to_string(),
                "Amount".to_string(),
                "Cumulative".to_string(),
                "Status or event".to_string(),
            ];
            let mut widths = header.each_ref().map(|h| h.width());
            for e in o.entries() {
                for (w, cell) in widths.iter_mut().zip(table_widths(&e?, o.per)) {
                    *w = (*w).max(cell);
                }
            }
            table_line(out, &header, &widths)?;
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
            writeln!(out, "{}", rule.join(" "))?;
            for e in o.entries() {
                table_line(out, &table_cells(&e?, o.per), &widths)?;
            }
        }
        writeln!(out, "{}", summary_words(&o.accrual, o.per, t.as_of))?;
    }
    writeln!(
        out,
        "\nAmount: what the row's days accrued (after any cap). Cumulative: accrued from the first day of delay through the row's last day. Liquidated rows count at the liquidation's amount; accruing rows are provisional: owed only once liquidated."
    )?;
    Ok(())
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
    as_of: &'a str,
    projection: bool,
    overrides: &'a str,
}

/// Writes the schedule as CSV, one record per row or event as it is made, each carrying
/// the as-of date, whether it is a projection and the overrides in force, so no record can
/// be read out of its context.
///
/// # Errors
///
/// When `out` cannot be written or an amount overflows.
pub fn csv(t: &Timeline, meta: &Meta, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let overrides = meta.overrides.join("; ");
    let as_of = t.as_of.to_string();
    for o in &t.orders {
        for e in o.entries() {
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
                as_of: &as_of,
                projection: meta.projection,
                overrides: &overrides,
            };
            let record = match e? {
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
                    description: event_words(&ev, o.per),
                    ..base
                },
            };
            w.serialize(record)?;
        }
    }
    w.flush()?;
    Ok(())
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
    orders: JsonOrders<'a>,
}

/// The orders, each laid out as it is serialized.
struct JsonOrders<'a>(&'a [OrderTimeline<'a>]);

impl Serialize for JsonOrders<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(json_order))
    }
}

/// An order's entries, each made and written in turn.
struct JsonEntries<'a>(&'a OrderTimeline<'a>);

impl Serialize for JsonEntries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(None)?;
        for e in self.0.entries() {
            let wire = match e.map_err(S::Error::custom)? {
                Entry::Row(r) => json_row(&r),
                Entry::Event(ev) => json_event(&ev, self.0.per),
            };
            seq.serialize_element(&wire)?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct JsonOrder<'a> {
    id: &'a str,
    per: &'static str,
    cap: Option<String>,
    first_day: Option<String>,
    from: Option<String>,
    to: Option<String>,
    entries: JsonEntries<'a>,
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
        liquidation: Option<Box<JsonLiquidation>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        values: Option<std::collections::BTreeMap<String, String>>,
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
    status: String,
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
    let (mut reference, mut values) = (None, None);
    match &ev.kind {
        EventKind::RateChange(r) => rate = Some(plain_amount(*r)),
        EventKind::CapReached(c) => cap = Some(plain_amount(*c)),
        EventKind::DeadlineChange(c, _) => reference.clone_from(&c.reference),
        EventKind::Measurement(m) => {
            let wire = m
                .values
                .iter()
                .map(|(k, v)| (k.clone(), v.normalize().to_string()));
            values = Some(wire.collect());
        }
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
                status: f.status.to_string(),
            };
            liquidation = Some(Box::new(wire));
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
        reference,
        values,
    }
}

fn json_order<'a>(o: &'a OrderTimeline<'a>) -> JsonOrder<'a> {
    let a = &o.accrual;
    JsonOrder {
        id: &o.id,
        per: per_name(o.per),
        cap: o.cap.map(plain_amount),
        first_day: o.first_day.map(|d| d.to_string()),
        from: o.from.map(|d| d.to_string()),
        to: o.to.map(|d| d.to_string()),
        entries: JsonEntries(o),
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
}

/// Writes the schedule as a JSON object (`"schema": 1`, `"kind": "schedule"`), amounts as
/// strings so no precision is lost, each entry as it is made.
///
/// # Errors
///
/// When `out` cannot be written or an amount overflows.
pub fn json(t: &Timeline, meta: &Meta, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let doc = JsonSchedule {
        schema: SCHEMA,
        kind: "schedule",
        case: &t.case,
        currency: t.currency.code(),
        as_of: t.as_of.to_string(),
        projection: meta.projection,
        overrides: &meta.overrides,
        every: t.every.name(),
        orders: JsonOrders(&t.orders),
    };
    // The compute report's layout, which also escapes the control characters serde_json
    // writes raw (C1, DEL, bidirectional overrides).
    let pretty = super::json::Pretty::default();
    doc.serialize(&mut serde_json::Serializer::with_formatter(
        &mut *out, pretty,
    ))?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::RowStatus;
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use std::str::FromStr;

    proptest! {
        /// The width pass measures exactly what the writing pass writes, for every amount.
        #[test]
        fn amount_width_is_the_width_of_the_formatted_amount(lo in any::<u64>(), hi in any::<u32>(), scale in 0u32..=28, negative in any::<bool>()) {
            let d = Decimal::from_parts(lo as u32, (lo >> 32) as u32, hi, negative, scale);
            prop_assert_eq!(amount_width(d), format_amount(d).len(), "{}", d);
        }

        #[test]
        fn row_widths_are_the_widths_of_its_cells(days in -5i64..100_000_000, day in 0i32..3_000_000, rate in any::<u32>()) {
            let from = NaiveDate::from_num_days_from_ce_opt(day).unwrap();
            let row = Entry::Row(Row {
                from,
                until: from.succ_opt().unwrap(),
                rate: Decimal::new(i64::from(rate), 3),
                days,
                amount: Decimal::from(days),
                cumulative: Decimal::from_str("-0.10").unwrap(),
                status: RowStatus::NotYetDue,
            });
            let widths = table_cells(&row, Per::Day).map(|c| c.width());
            prop_assert_eq!(table_widths(&row, Per::Day), widths);
        }
    }
}
