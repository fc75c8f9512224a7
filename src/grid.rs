//! The liquidation grid check of `penalty check`: warnings about liquidation windows that do
//! not fit the order they liquidate.
//!
//! An order charged per week, month, quarter, semester or year forfeits whole units laid on
//! the calendar from its first day of delay. A liquidation window that starts or ends inside a
//! unit cuts it: the unit's days outside every liquidation stay accruing, and may forfeit a
//! whole unit (a window written "11 January to 11 July" for a semester order counted on
//! completion leaves one day that forfeits the semester). It is not an input error: the
//! decision may say so, and the figures are still exact; but it is almost always a slip in
//! writing the window, so `check` warns, naming the unit, the days left uncovered and what
//! they forfeit. (A window wholly after the order's end is `case::lint`'s.)

use crate::accrue;
use crate::case::{Case, Diagnostic, Liquidation, Order, Per, raw_tables};
use crate::events::{self, Status};
use crate::report::format_amount;
use chrono::{Datelike, Days, Months, NaiveDate};
use std::collections::BTreeSet;
use std::ops::Range;

/// Which end of a window a warning is about, to point at it in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    From,
    To,
}

/// A warning before it is located: the order, the liquidation, which end, and the message.
struct Finding {
    order: String,
    decided: NaiveDate,
    from: NaiveDate,
    end: End,
    message: String,
}

/// Every liquidation-window warning of `case`, in file order. The file is read again only
/// when there is one, to point at the window's end.
pub fn grid_warnings(case: &Case) -> Vec<Diagnostic> {
    let findings: Vec<Finding> = case.orders.iter().flat_map(findings).collect();
    if findings.is_empty() {
        return Vec::new();
    }
    let text = std::fs::read_to_string(&case.path).ok();
    let raw = text.as_deref().map(|t| raw_tables(&case.path, t));
    let mut out: Vec<Diagnostic> = findings
        .into_iter()
        .map(|f| {
            let span = raw.as_ref().and_then(|raw| span_of(raw, &f));
            match (span, text.as_deref()) {
                (Some(span), Some(text)) => Diagnostic::at(&case.path, text, span, f.message),
                _ => Diagnostic::file(&case.path, f.message),
            }
        })
        .collect();
    out.sort_by_key(|d| d.position);
    out
}

/// Where the end of the window a finding is about stands in the file.
fn span_of(raw: &crate::case::raw::RawFile, f: &Finding) -> Option<Range<usize>> {
    let order = raw
        .order
        .iter()
        .find(|o| o.get_ref().id.get_ref() == &f.order)?;
    let l = order.get_ref().liquidation.iter().find(|l| {
        let l = l.get_ref();
        l.decided.get_ref().0 == f.decided && l.from.get_ref().0 == f.from
    })?;
    let l = l.get_ref();
    Some(match f.end {
        End::From => l.from.span(),
        End::To => l
            .through
            .as_ref()
            .or(l.until.as_ref())
            .map_or_else(|| l.from.span(), |d| d.span()),
    })
}

/// The months a unit spans, for units laid by months; `None` for weeks and for orders not
/// charged per unit.
fn months_per_unit(per: Per) -> Option<u32> {
    match per {
        Per::Month => Some(1),
        Per::Quarter => Some(3),
        Per::Semester => Some(6),
        Per::Year => Some(12),
        Per::Week | Per::Day | Per::Violation | Per::Once => None,
    }
}

/// The first day of unit `k` of an order whose first day of delay is `first`.
fn unit_start(first: NaiveDate, per: Per, k: u32) -> Option<NaiveDate> {
    match per {
        Per::Week => first.checked_add_days(Days::new(u64::from(k) * 7)),
        _ => first.checked_add_months(Months::new(k.checked_mul(months_per_unit(per)?)?)),
    }
}

/// The unit containing `day` (on or after `first`): its index, first day and the first day
/// of the next unit.
fn unit_of(first: NaiveDate, per: Per, day: NaiveDate) -> Option<(u32, NaiveDate, NaiveDate)> {
    let k = match per {
        Per::Week => u32::try_from((day - first).num_days().div_euclid(7)).ok()?,
        _ => {
            let months =
                (day.year() - first.year()) * 12 + day.month() as i32 - first.month() as i32;
            let mut k = u32::try_from(months.max(0)).ok()? / months_per_unit(per)?;
            // The estimate is at most one unit late (month ends): step back while it starts
            // after `day`.
            while k > 0 && unit_start(first, per, k)? > day {
                k -= 1;
            }
            k
        }
    };
    Some((
        k,
        unit_start(first, per, k)?,
        unit_start(first, per, k + 1)?,
    ))
}

/// The name of a unit kind.
fn unit_name(per: Per) -> &'static str {
    match per {
        Per::Week => "week",
        Per::Month => "month",
        Per::Quarter => "quarter",
        Per::Semester => "semester",
        Per::Year => "year",
        Per::Day => "day",
        Per::Violation => "violation",
        Per::Once => "once",
    }
}

/// `[a, b)` as written in messages: one day, or a run of days.
fn days_words(a: NaiveDate, b: NaiveDate) -> String {
    let last = b.pred_opt().unwrap_or(b);
    if last == a {
        a.to_string()
    } else {
        format!("{a} through {last}")
    }
}

/// Whether a liquidation stays annulled whatever happens later: its window no longer counts.
fn annulled_for_good(l: &Liquidation) -> bool {
    events::standing(rust_decimal::Decimal::ZERO, &l.events, NaiveDate::MAX).status
        == Status::Annulled
}

fn findings(order: &Order) -> Vec<Finding> {
    // The order as finally known: its latest deadline, rate changes and measurements.
    let order = &*accrue::known(order, NaiveDate::MAX);
    let mut out = Vec::new();
    let Some(first) = order.start.first_day() else {
        return out;
    };
    let end = [order.complied, order.lifted].into_iter().flatten().min();
    if months_per_unit(order.per).is_none() && order.per != Per::Week {
        return out;
    }
    let covering: Vec<&Liquidation> = order
        .liquidations
        .iter()
        .filter(|l| !annulled_for_good(l))
        .collect();
    let mut reported: BTreeSet<u32> = BTreeSet::new();
    for l in &covering {
        for (day, which) in [(l.window.from, End::From), (l.window.until, End::To)] {
            let Some((k, start, next)) = unit_of(first, order.per, day) else {
                continue;
            };
            // A window end on a unit's first day cuts none; one before the first day of
            // delay (in unit 0 from `unit_of`, which starts on `first`) neither.
            if day <= start || !reported.insert(k) {
                continue;
            }
            // The unit's days of delay (before the order's end) that no liquidation covers.
            let hi = end.map_or(next, |e| next.min(e));
            let uncovered = uncovered(start, hi, &covering);
            if uncovered.is_empty() {
                continue;
            }
            let mut forfeits = rust_decimal::Decimal::ZERO;
            let mut days = 0i64;
            for (a, b) in &uncovered {
                let (Ok(x), Ok(y)) = (
                    accrue::accrued_before(order, *a),
                    accrue::accrued_before(order, *b),
                ) else {
                    continue;
                };
                forfeits = crate::accrue::exact_sub(y, x)
                    .and_then(|d| crate::accrue::exact_add(forfeits, d))
                    .unwrap_or(forfeits);
                days += accrue::days_before(order, *b) - accrue::days_before(order, *a);
            }
            let list: Vec<String> = uncovered.iter().map(|(a, b)| days_words(*a, *b)).collect();
            let fix = match which {
                End::From => format!("start the window on the unit's first day (from = {start})"),
                End::To => format!(
                    "end the window on the unit's last day (through = {})",
                    next.pred_opt().unwrap_or(next)
                ),
            };
            out.push(Finding {
                order: order.id.clone(),
                decided: l.decided,
                from: l.window.from,
                end: which,
                message: format!(
                    "liquidation window {} of order \"{}\" cuts {} {} ({}): no liquidation covers {} ({} of delay), which forfeits {} as accruing; {fix}, or liquidate those days",
                    l.window,
                    order.id,
                    unit_name(order.per),
                    k + 1,
                    days_words(start, next),
                    list.join(", "),
                    plural_days(days),
                    format_amount(forfeits),
                ),
            });
        }
    }
    out
}

fn plural_days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// The parts of `[a, b)` that none of `ls` covers, in order.
fn uncovered(a: NaiveDate, b: NaiveDate, ls: &[&Liquidation]) -> Vec<(NaiveDate, NaiveDate)> {
    // A window wholly before `a` leaves the cursor where it is; the first one from `b` on
    // ends the walk with the run the last push would add.
    let mut windows: Vec<(NaiveDate, NaiveDate)> =
        ls.iter().map(|l| (l.window.from, l.window.until)).collect();
    windows.sort();
    let mut out = Vec::new();
    let mut cursor = a;
    for (f, u) in windows {
        if f > cursor {
            out.push((cursor, f.min(b)));
        }
        cursor = cursor.max(u);
        if cursor >= b {
            break;
        }
    }
    if cursor < b {
        out.push((cursor, b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn order(body: &str) -> Order {
        let text = format!(
            "[case]\nid = \"a\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n{body}"
        );
        let case = crate::case::load_case_str(std::path::Path::new("a.toml"), &text).unwrap();
        case.orders[0].clone()
    }

    #[test]
    fn a_window_starting_inside_a_started_month_names_the_days_before_it() {
        // 1,000 per month from 2022-01-15, a started month counting in full; the window
        // starts on 2022-02-20, inside month 2 (2022-02-15 through 2022-03-14), and nothing
        // covers 2022-02-15 through 2022-02-19: those 5 days start month 2 and forfeit 1,000.
        let o = order(
            "[[order]]\nid = \"m\"\nstarts = 2022-01-15\nrate = \"1000\"\nper = \"month\"\n\
             [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-02-20\nuntil = 2022-03-15\n",
        );
        let f = findings(&o);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].end, End::From);
        assert!(
            f[0].message.contains(
                "cuts month 2 (2022-02-15 through 2022-03-14): no liquidation covers 2022-02-15 through 2022-02-19 (5 days of delay), which forfeits 1,000.00 as accruing; start the window on the unit's first day (from = 2022-02-15)"
            ),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_unit_split_between_two_windows_is_not_a_warning() {
        let o = order(
            "[[order]]\nid = \"m\"\nstarts = 2022-01-15\nrate = \"1000\"\nper = \"month\"\n\
             [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-01-15\nuntil = 2022-02-20\n\
             [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-02-20\nuntil = 2022-03-15\n",
        );
        assert!(findings(&o).is_empty());
    }

    #[test]
    fn semesters_and_months_are_laid_from_the_first_day() {
        let first = d("2021-01-11");
        assert_eq!(
            unit_of(first, Per::Semester, d("2021-07-10")),
            Some((0, first, d("2021-07-11")))
        );
        assert_eq!(
            unit_of(first, Per::Semester, d("2021-07-11")),
            Some((1, d("2021-07-11"), d("2022-01-11")))
        );
        // Month k runs to the same day number k + 1 months later, or the month's end.
        let first = d("2021-01-31");
        assert_eq!(
            unit_of(first, Per::Month, d("2021-02-28")),
            Some((1, d("2021-02-28"), d("2021-03-31")))
        );
        assert_eq!(
            unit_of(first, Per::Month, d("2021-02-27")),
            Some((0, first, d("2021-02-28")))
        );
        assert_eq!(
            unit_of(d("2021-01-11"), Per::Week, d("2021-01-25")),
            Some((2, d("2021-01-25"), d("2021-02-01")))
        );
    }
}
