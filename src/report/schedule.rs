//! Rendering a schedule (`penalty schedule`): a terminal table, CSV and JSON. Like the other
//! renderers these only lay out a `schedule::Timeline` already computed; every output says
//! whether it is a projection and which what-if overrides were in force.

use super::{Meta, format_amount};
use crate::case::Per;
use crate::schedule::{Entry, OrderTimeline, Timeline};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

mod json;
mod words;

pub use json::{SCHEMA, json};
pub use words::{
    event_words, liquidation_words, per_name, plain_amount, rate_words, summary_words,
};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{Row, RowStatus};
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
