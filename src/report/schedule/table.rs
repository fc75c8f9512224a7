//! The schedule as aligned terminal tables, one per order, sized to the terminal like the
//! compute table: with a width, the columns that matter least are left out, and event words
//! and sentences wrap, so that no line is wider.

use super::{event_words, per_name, rate_words, summary_words};
use crate::case::Per;
use crate::report::{Meta, format_amount};
use crate::schedule::{Entry, OrderTimeline, Timeline};
use rust_decimal::Decimal;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

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

/// The least room a fitted table leaves its last column (status or event words).
const LAST_MIN: usize = 24;
/// The columns a fitted table leaves out, in turn, while its last column has less room than
/// [`LAST_MIN`]: Through (the next row's From tells it), the rate (the order's heading and its
/// rate-change events tell it), the days.
const LEFT_OUT_FIRST: [usize; 3] = [1, 2, 3];

/// A table fitted to a width: the columns shown, and the room of the last one.
struct Fit {
    shown: Vec<usize>,
    room: usize,
}

impl Fit {
    /// The columns to show so that a line of `widths` fits in `limit`, and the room left for
    /// the last column, whose words wrap within it.
    fn new(widths: &[usize; 7], limit: usize) -> Fit {
        let room = |shown: &[usize]| {
            let fixed: usize = shown
                .iter()
                .filter(|&&i| i < 6)
                .map(|&i| widths[i] + 2)
                .sum();
            limit.saturating_sub(fixed)
        };
        let mut shown: Vec<usize> = (0..7).collect();
        for column in LEFT_OUT_FIRST {
            if room(&shown) >= LAST_MIN.min(widths[6]) {
                break;
            }
            shown.retain(|&i| i != column);
        }
        let room = room(&shown).max(1);
        Fit { shown, room }
    }

    /// Writes one line: the shown cells aligned, two spaces apart, the last one's words
    /// wrapped in its room, its further lines under its start.
    fn line(
        &self,
        out: &mut dyn std::io::Write,
        cells: &[String; 7],
        widths: &[usize; 7],
    ) -> std::io::Result<()> {
        let mut line = String::new();
        for &i in self.shown.iter().filter(|&&i| i < 6) {
            let pad = widths[i].saturating_sub(cells[i].width());
            if right_aligned(i) {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(&cells[i]);
            } else {
                line.push_str(&cells[i]);
                line.extend(std::iter::repeat_n(' ', pad));
            }
            line.push_str("  ");
        }
        let indent = line.width();
        for (j, words) in wrap(&cells[6], self.room).iter().enumerate() {
            if j > 0 {
                line = " ".repeat(indent);
            }
            line.push_str(words);
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// The rule under the header.
    fn rule(&self, widths: &[usize; 7]) -> String {
        let rule: Vec<String> = self
            .shown
            .iter()
            .map(|&i| {
                "-".repeat(if i < 6 {
                    widths[i]
                } else {
                    widths[i].min(self.room)
                })
            })
            .collect();
        rule.join("  ")
    }
}

/// `text` broken at spaces into lines of at most `width` columns, a word wider than that
/// cut; each line of `text` on its own.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let sep = usize::from(!line.is_empty());
            if !line.is_empty() && line.width() + sep + word.width() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            for c in word.chars() {
                if line.width() + c.to_string().width() > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
        lines.push(line);
    }
    lines
}

/// Writes `text`, wrapped to `limit` when there is one.
fn say(out: &mut dyn std::io::Write, text: &str, limit: Option<usize>) -> std::io::Result<()> {
    match limit {
        None => writeln!(out, "{text}"),
        Some(width) => {
            for line in wrap(text, width) {
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
    }
}

/// Writes the schedule as aligned terminal tables, one per order, each line as it is made.
/// Column widths are those of the widest cell, found by a first sweep over the entries that
/// keeps nothing but the widths (measured without writing the cells); the second sweep
/// writes. Two sweeps of the rows cost time, never memory.
///
/// With a width (`meta.width`: the terminal's, `COLUMNS` or `--width`), no line is wider: the
/// columns that matter least are left out while the status or event words have less than
/// [`LAST_MIN`] characters of room, those words wrap in the room left, and the sentences
/// wrap too. Without one (into a pipe or a file), every column is shown and nothing wraps.
///
/// # Errors
///
/// When `out` cannot be written or an amount overflows.
pub fn table(t: &Timeline, meta: &Meta, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let limit = meta.width;
    for line in heading(t, meta).lines() {
        say(out, line, limit)?;
    }
    let mut left_out: Vec<String> = Vec::new();
    for o in &t.orders {
        writeln!(out)?;
        say(out, &order_heading(o), limit)?;
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
            say(out, &why, limit)?;
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
            match limit {
                None => {
                    table_line(out, &header, &widths)?;
                    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
                    writeln!(out, "{}", rule.join(" "))?;
                    for e in o.entries() {
                        table_line(out, &table_cells(&e?, o.per), &widths)?;
                    }
                }
                Some(limit) => {
                    let fit = Fit::new(&widths, limit);
                    for (i, name) in header.iter().enumerate() {
                        if !fit.shown.contains(&i) && !left_out.contains(name) {
                            left_out.push(name.clone());
                        }
                    }
                    fit.line(out, &header, &widths)?;
                    writeln!(out, "{}", fit.rule(&widths))?;
                    for e in o.entries() {
                        fit.line(out, &table_cells(&e?, o.per), &widths)?;
                    }
                }
            }
        }
        say(out, &summary_words(&o.accrual, o.per, t.as_of), limit)?;
    }
    writeln!(out)?;
    say(
        out,
        "Amount: what the row's days accrued (after any cap). Cumulative: accrued from the first day of delay through the row's last day. Liquidated rows count at the liquidation's amount; accruing rows are provisional: owed only once liquidated.",
        limit,
    )?;
    if let (Some(limit), false) = (limit, left_out.is_empty()) {
        say(
            out,
            &format!(
                "Left out to fit {limit} columns: {}. Show them all with --width=0.",
                left_out.join(", ")
            ),
            Some(limit),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{Row, RowStatus};
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use std::str::FromStr;

    #[test]
    fn words_wrap_at_spaces_and_a_long_word_is_cut() {
        assert_eq!(
            wrap("liquidation SAN-2023-005 decided: window", 12),
            ["liquidation", "SAN-2023-005", "decided:", "window"]
        );
        assert_eq!(
            wrap("2022-12-19-2023-02-09", 8),
            ["2022-12-", "19-2023-", "02-09"]
        );
        assert_eq!(wrap("", 8), [""]);
    }

    proptest! {
        /// No line of wrapped text is wider than the width, and no word is lost.
        #[test]
        fn wrapped_lines_fit(text in "[a-z0-9 ,.:-]{0,200}", width in 1usize..60) {
            let lines = wrap(&text, width);
            for l in &lines {
                prop_assert!(l.width() <= width, "{:?} at {}", l, width);
            }
            let words: String = text.split_whitespace().collect();
            let back: String = lines.iter().flat_map(|l| l.split_whitespace()).collect();
            prop_assert_eq!(words, back);
        }

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
