//! Limitation: when a debt, or a forfeited periodic penalty, can no longer be collected.
//!
//! A sum that is **time-barred** counts zero in what is owed. The rules, as pure functions of
//! dates:
//!
//! - `awb-5:35`: a forfeited Dutch *dwangsom* lapses "door verloop van een jaar na de dag
//!   waarop zij is verbeurd" (Awb 5:35(1)). The year runs from the day after the forfeiture,
//!   so a sum forfeited on F can still be collected on F + 1 year and is time-barred from the
//!   next day. Each day's sum has its own period (ABRvS 10 May 2017, AB 2017/258). A collection
//!   order (*invorderingsbesluit*) dated on or after the forfeiture and no later than F + 1 year
//!   keeps the sum of F from lapsing.
//!   Since 1 April 2021, when objection, appeal or further appeal against the order is open or
//!   pending on the last day of that year, the period runs until the decision on it is
//!   irrevocable (Awb 5:35(2)): the sum is time-barred from the day after.
//! - `awb-4:104`: an administrative money debt (a fine) lapses five years after the payment
//!   term expired (Awb 4:104(1)): due on T, time-barred from T + 5 years + 1 day.
//! - `N years`: a generic period, counted the same way from the due date.
//! - `none`: never time-barred.
//!
//! Years are calendar years: 29 February plus one year is 28 February.
//!
//! Not modelled: interruption (*stuiting*) under Awb 4:105 ff., and the French rules.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::calendar::add_months;

/// A limitation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Awb 5:35: one year per forfeited sum, unless a collection order came within it.
    Dwangsom,
    /// Awb 4:104: five years after the payment term.
    AdministrativeDebt,
    /// A generic number of years after the due date.
    Years(u32),
    /// No limitation.
    None,
}

impl FromStr for Rule {
    type Err = String;

    fn from_str(text: &str) -> Result<Rule, String> {
        let expected = || {
            format!(
                "expected a limitation rule: \"awb-5:35\", \"awb-4:104\", a period such as \
                 \"3 years\", or \"none\"; found {text:?}"
            )
        };
        match text.trim() {
            "awb-5:35" => return Ok(Rule::Dwangsom),
            "awb-4:104" => return Ok(Rule::AdministrativeDebt),
            "none" => return Ok(Rule::None),
            _ => {}
        }
        let mut words = text.split_whitespace();
        let (Some(number), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(expected());
        };
        let years: u32 = number.parse().map_err(|_| expected())?;
        if !matches!(unit, "year" | "years") {
            return Err(expected());
        }
        if years == 0 || years > 100 {
            return Err(format!(
                "a limitation period must be 1 to 100 years, found {text:?}"
            ));
        }
        Ok(Rule::Years(years))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Dwangsom => f.write_str("awb-5:35"),
            Rule::AdministrativeDebt => f.write_str("awb-4:104"),
            Rule::Years(1) => f.write_str("1 year"),
            Rule::Years(n) => write!(f, "{n} years"),
            Rule::None => f.write_str("none"),
        }
    }
}

impl Rule {
    /// The period in years, `None` for [`Rule::None`].
    fn years(self) -> Option<u32> {
        match self {
            Rule::Dwangsom => Some(1),
            Rule::AdministrativeDebt => Some(5),
            Rule::Years(n) => Some(n),
            Rule::None => None,
        }
    }

    /// The first day on which a sum due (or forfeited) on `start` is time-barred: `start` plus
    /// the period plus one day. `None` when the rule never bars it or the calendar ends first.
    pub fn lapse_date(self, start: NaiveDate) -> Option<NaiveDate> {
        let last_day = add_months(start, self.years()?.checked_mul(12)?)?;
        last_day.succ_opt()
    }

    /// Whether a sum due on `start` is time-barred on `as_of`.
    pub fn is_barred(self, start: NaiveDate, as_of: NaiveDate) -> bool {
        self.lapse_date(start).is_some_and(|lapse| lapse <= as_of)
    }

    /// The lapse date of a sum due on `start` when it falls in the `days` days after `as_of`
    /// (`as_of` excluded, `as_of + days` included): what `check --warn-expiring` names.
    pub fn lapses_within(self, start: NaiveDate, as_of: NaiveDate, days: u32) -> Option<NaiveDate> {
        let lapse = self.lapse_date(start)?;
        let horizon = as_of.checked_add_days(Days::new(u64::from(days)))?;
        (lapse > as_of && lapse <= horizon).then_some(lapse)
    }
}

/// Forfeiture days `first..=last` of a dwangsom, with what was forfeited on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LapsedSpan {
    /// First forfeiture day of the span.
    pub first: NaiveDate,
    /// Last forfeiture day of the span.
    pub last: NaiveDate,
    /// The sum forfeited on those days.
    pub amount: Decimal,
    /// The day the sum of `first` is (or will be) time-barred.
    pub lapses_from: NaiveDate,
    /// The day the sum of `last` is (or will be) time-barred.
    pub lapses_to: NaiveDate,
}

/// Time-barred (or soon time-barred) forfeited sums.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lapsed {
    /// Their total.
    pub amount: Decimal,
    /// The forfeiture days they cover, in order.
    pub spans: Vec<LapsedSpan>,
}

/// A dwangsom's forfeitures: `forfeited(d)` is the total forfeited up to the end of day `d`
/// (the order's capped accrual, in closed form), over forfeiture days `first..=last`; the
/// dates of its collection orders; and the periods in which an objection or appeal against the
/// order was open or pending.
pub struct Forfeitures<'a, E = std::convert::Infallible> {
    /// Total forfeited up to the end of a day; zero before `first`, non-decreasing. An error
    /// (an overflow in the accrual, say) is passed on.
    pub forfeited: &'a dyn Fn(NaiveDate) -> Result<Decimal, E>,
    /// The first day a sum can be forfeited.
    pub first: NaiveDate,
    /// The last forfeiture day to consider (at most the as-of date).
    pub last: NaiveDate,
    /// Dates of collection orders.
    pub collection_orders: &'a [NaiveDate],
    /// Periods in which an objection, appeal or further appeal against the order was open or
    /// pending, to the day the decision on it became irrevocable (`None`: still pending).
    pub appeals: &'a [Appeal],
}

/// A period in which objection or appeal against an order was open or pending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appeal {
    /// The first day objection was open.
    pub from: NaiveDate,
    /// The day the decision on the objection or appeal became irrevocable; `None` while
    /// pending.
    pub irrevocable: Option<NaiveDate>,
}

/// The day Awb 5:35(2) came into force: periods ending earlier are not extended.
fn awb_5_35_2_in_force() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 4, 1).unwrap_or_default()
}

/// The last forfeiture day whose sum is time-barred on `as_of` under Awb 5:35, leaving
/// collection orders aside: the largest F with F + 1 year + 1 day <= `as_of`.
fn last_barred_forfeiture(as_of: NaiveDate) -> Option<NaiveDate> {
    let limit = as_of.pred_opt()?;
    let mut day = limit.checked_sub_months(chrono::Months::new(12))?;
    // 29 February + 1 year is 28 February: two forfeiture days share a last day.
    while let Some(next) = day.succ_opt()
        && add_months(next, 12).is_some_and(|end| end <= limit)
    {
        day = next;
    }
    Some(day)
}

/// The first forfeiture day whose year ends on or after `day`: the smallest F with
/// F + 1 year >= `day`.
fn first_ending_on_or_after(day: NaiveDate) -> Option<NaiveDate> {
    let mut first = day.checked_sub_months(chrono::Months::new(12))?;
    while add_months(first, 12).is_some_and(|end| end < day) {
        first = first.succ_opt()?;
    }
    while let Some(previous) = first.pred_opt()
        && add_months(previous, 12).is_some_and(|end| end >= day)
    {
        first = previous;
    }
    Some(first)
}

/// The forfeiture days a collection order dated `order` keeps from lapsing: every F with
/// F <= order <= F + 1 year.
fn protected_by(order: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    Some((first_ending_on_or_after(order)?, order))
}

/// Days `first..=last`, in order and disjoint.
type Intervals = Vec<(NaiveDate, NaiveDate)>;

/// `outer` without the days of `inner`: `outer` in order and disjoint, `inner` in order (its
/// runs may overlap or touch).
fn subtract(outer: &[(NaiveDate, NaiveDate)], inner: &[(NaiveDate, NaiveDate)]) -> Intervals {
    let mut out = Vec::new();
    for &(start, end) in outer {
        let mut cursor = Some(start);
        for &(a, b) in inner {
            let Some(from) = cursor else { break };
            if b < from || a > end {
                continue;
            }
            if let Some(gap_end) = a.pred_opt().filter(|gap_end| *gap_end >= from) {
                out.push((from, gap_end));
            }
            cursor = b.succ_opt().filter(|next| *next <= end);
        }
        if let Some(from) = cursor {
            out.push((from, end));
        }
    }
    out
}

impl<E> Forfeitures<'_, E> {
    /// The forfeiture days kept from lapsing as of `as_of`: by a collection order within their
    /// year, or because objection or appeal was open or pending on their last day and has not
    /// been decided irrevocably before `as_of` (Awb 5:35(2)). In order; runs may overlap.
    fn kept(&self, as_of: NaiveDate) -> Intervals {
        let mut kept: Intervals = self
            .collection_orders
            .iter()
            .filter_map(|&order| protected_by(order))
            .collect();
        for appeal in self.appeals {
            // Sums whose year ends inside the appeal period, once the extension is in force.
            let start = appeal.from.max(awb_5_35_2_in_force());
            let end = match appeal.irrevocable {
                // Extended to the day the decision became irrevocable: barred from the next day.
                Some(day) if day < as_of => continue,
                Some(day) => day,
                None => as_of,
            };
            let (Some(first), Some(last)) = (
                first_ending_on_or_after(start),
                end.succ_opt().and_then(last_barred_forfeiture),
            ) else {
                continue;
            };
            if first <= last {
                kept.push((first, last));
            }
        }
        kept.sort();
        kept
    }

    /// The forfeiture days whose sums are time-barred on `as_of`.
    fn barred_days(&self, as_of: NaiveDate) -> Intervals {
        match last_barred_forfeiture(as_of)
            .map(|cutoff| cutoff.min(self.last))
            .filter(|last| *last >= self.first)
        {
            Some(last) => subtract(&[(self.first, last)], &self.kept(as_of)),
            None => Vec::new(),
        }
    }

    /// The day the sum of forfeiture day `day` is time-barred, extension included; `None`
    /// while an appeal that extends it is pending.
    fn lapse_of(&self, day: NaiveDate) -> Option<NaiveDate> {
        let end = add_months(day, 12)?;
        for appeal in self.appeals {
            if end >= appeal.from.max(awb_5_35_2_in_force())
                && appeal.irrevocable.is_none_or(|last| end <= last)
            {
                return appeal.irrevocable.and_then(|last| last.succ_opt());
            }
        }
        end.succ_opt()
    }

    /// The sums forfeited on the days of `intervals`.
    fn lapsed(&self, intervals: &[(NaiveDate, NaiveDate)]) -> Result<Lapsed, E> {
        let mut out = Lapsed::default();
        for &(first, last) in intervals {
            // Zero on the first day: `forfeited` is zero before `self.first`.
            let before = match first.pred_opt() {
                Some(day) => (self.forfeited)(day)?,
                None => Decimal::ZERO,
            };
            let amount = (self.forfeited)(last)? - before;
            if amount.is_zero() {
                continue;
            }
            out.amount += amount;
            out.spans.push(LapsedSpan {
                first,
                last,
                amount,
                lapses_from: self.lapse_of(first).unwrap_or(first),
                lapses_to: self.lapse_of(last).unwrap_or(last),
            });
        }
        Ok(out)
    }

    /// The forfeited sums time-barred on `as_of` (Awb 5:35).
    pub fn barred(&self, as_of: NaiveDate) -> Result<Lapsed, E> {
        self.lapsed(&self.barred_days(as_of))
    }

    /// The forfeited sums not yet time-barred on `as_of` that will be within `days` days
    /// (by `as_of + days`, included), unless a collection order is made first.
    pub fn lapsing_within(&self, as_of: NaiveDate, days: u32) -> Result<Lapsed, E> {
        let Some(horizon) = as_of.checked_add_days(Days::new(u64::from(days))) else {
            return Ok(Lapsed::default());
        };
        let later = self.barred_days(horizon);
        let now = self.barred_days(as_of);
        self.lapsed(&subtract(&later, &now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn rules_parse_and_print_back() {
        for text in ["awb-5:35", "awb-4:104", "none", "3 years", "1 year"] {
            assert_eq!(text.parse::<Rule>().unwrap().to_string(), text);
        }
        assert_eq!("5 year".parse(), Ok(Rule::Years(5)));
        assert_eq!(
            "five years".parse::<Rule>(),
            Err(
                "expected a limitation rule: \"awb-5:35\", \"awb-4:104\", a period such as \
                 \"3 years\", or \"none\"; found \"five years\""
                    .into()
            )
        );
        assert!("0 years".parse::<Rule>().is_err());
        assert!("3 months".parse::<Rule>().is_err());
    }

    #[test]
    fn a_forfeited_sum_lapses_the_day_after_one_year() {
        assert_eq!(
            Rule::Dwangsom.lapse_date(d("2024-02-14")),
            Some(d("2025-02-15"))
        );
        assert_eq!(
            Rule::Dwangsom.lapse_date(d("2024-02-29")),
            Some(d("2025-03-01"))
        );
        assert!(!Rule::Dwangsom.is_barred(d("2024-02-14"), d("2025-02-14")));
        assert!(Rule::Dwangsom.is_barred(d("2024-02-14"), d("2025-02-15")));
        assert_eq!(Rule::None.lapse_date(d("2024-02-14")), None);
    }

    #[test]
    fn an_administrative_fine_lapses_five_years_after_its_payment_term() {
        // Due 2020-03-31: collectable through 2025-03-31, time-barred from 2025-04-01.
        assert_eq!(
            Rule::AdministrativeDebt.lapse_date(d("2020-03-31")),
            Some(d("2025-04-01"))
        );
        assert_eq!(
            Rule::Years(3).lapse_date(d("2020-03-31")),
            Some(d("2023-04-01"))
        );
        assert_eq!(
            Rule::AdministrativeDebt.lapses_within(d("2020-03-31"), d("2025-03-02"), 30),
            Some(d("2025-04-01"))
        );
        assert_eq!(
            Rule::AdministrativeDebt.lapses_within(d("2020-03-31"), d("2025-03-01"), 30),
            None
        );
        assert_eq!(
            Rule::AdministrativeDebt.lapses_within(d("2020-03-31"), d("2025-04-01"), 30),
            None
        );
    }

    #[test]
    fn the_last_barred_forfeiture_handles_leap_days() {
        assert_eq!(
            last_barred_forfeiture(d("2025-02-15")),
            Some(d("2024-02-14"))
        );
        // 2024-02-28 and 2024-02-29 both end on 2025-02-28 and lapse on 2025-03-01.
        assert_eq!(
            last_barred_forfeiture(d("2025-03-01")),
            Some(d("2024-02-29"))
        );
        assert_eq!(
            last_barred_forfeiture(d("2025-02-28")),
            Some(d("2024-02-27"))
        );
        assert_eq!(
            protected_by(d("2025-02-28")),
            Some((d("2024-02-28"), d("2025-02-28")))
        );
        assert_eq!(
            protected_by(d("2024-02-29")),
            Some((d("2023-03-01"), d("2024-02-29")))
        );
    }

    fn daily(
        rate: Decimal,
        first: NaiveDate,
        last: NaiveDate,
    ) -> impl Fn(NaiveDate) -> Result<Decimal, std::convert::Infallible> {
        move |day: NaiveDate| {
            Ok(if day < first {
                Decimal::ZERO
            } else {
                rate * Decimal::from((day.min(last) - first).num_days() + 1)
            })
        }
    }

    proptest! {
        /// The closed form agrees with a day-by-day reading of the rule, orders included.
        #[test]
        fn barred_sums_equal_the_day_by_day_rule(
            start in 0u64..800,
            len in 0u64..120,
            as_of in 0u64..1400,
            orders in proptest::collection::vec(0u64..1200, 0..3),
            appeal in proptest::option::of((0u64..1200, proptest::option::of(0u64..400))),
        ) {
            let base = d("2023-01-01");
            let first = base + Days::new(start);
            let last = first + Days::new(len);
            let as_of = base + Days::new(as_of);
            let orders: Vec<NaiveDate> = orders.into_iter().map(|o| base + Days::new(o)).collect();
            let appeals: Vec<Appeal> = appeal
                .into_iter()
                .map(|(from, len)| Appeal {
                    from: base + Days::new(from),
                    irrevocable: len.map(|len| base + Days::new(from + len)),
                })
                .collect();
            let f = daily(dec!(10), first, last);
            let forfeitures = Forfeitures {
                forfeited: &f,
                first,
                last: last.min(as_of),
                collection_orders: &orders,
                appeals: &appeals,
            };
            let mut reference = Decimal::ZERO;
            let mut day = first;
            while day <= last.min(as_of) {
                let end = add_months(day, 12).unwrap();
                let kept = orders.iter().any(|&o| o >= day && o <= end);
                // The last day the sum can be collected, extended while an appeal is open or
                // pending on it; `None` while that appeal is pending.
                let last_day = match appeals.first() {
                    Some(a) if end >= a.from && a.irrevocable.is_none_or(|i| end <= i) => a.irrevocable,
                    _ => Some(end),
                };
                let barred = last_day.is_some_and(|l| l < as_of);
                if barred && !kept {
                    reference += dec!(10);
                }
                day = day.succ_opt().unwrap();
            }
            let barred = forfeitures.barred(as_of).unwrap();
            prop_assert_eq!(barred.amount, reference);
            let by_spans: Decimal = barred.spans.iter().map(|s| s.amount).sum();
            prop_assert_eq!(by_spans, reference);
            // What lapses within 30 days is what is barred then and not now.
            let later = forfeitures.barred(as_of + Days::new(30)).unwrap().amount;
            prop_assert_eq!(forfeitures.lapsing_within(as_of, 30).unwrap().amount, later - reference);
        }
    }
}
