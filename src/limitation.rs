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
//! - `awb-4:104`: an administrative money debt (a fine) lapses five years after the payment
//!   term expired (Awb 4:104(1)): due on T, time-barred from T + 5 years + 1 day.
//! - `N years`: a generic period, counted the same way from the due date.
//! - `none`: never time-barred.
//!
//! Years are calendar years: 29 February plus one year is 28 February.
//!
//! Not modelled: the extension of 5:35(2) while an objection or appeal against the order is
//! pending on the day the period ends, interruption (*stuiting*) under Awb 4:105 ff., and the
//! French rules.

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
/// (the order's capped accrual, in closed form), over forfeiture days `first..=last`; and the
/// dates of its collection orders.
pub struct Forfeitures<'a> {
    /// Total forfeited up to the end of a day; zero before `first`, non-decreasing.
    pub forfeited: &'a dyn Fn(NaiveDate) -> Decimal,
    /// The first day a sum can be forfeited.
    pub first: NaiveDate,
    /// The last forfeiture day to consider (at most the as-of date).
    pub last: NaiveDate,
    /// Dates of collection orders.
    pub collection_orders: &'a [NaiveDate],
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

/// The forfeiture days a collection order dated `order` keeps from lapsing: every F with
/// F <= order <= F + 1 year.
fn protected_by(order: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let mut first = order.checked_sub_months(chrono::Months::new(12))?;
    while add_months(first, 12).is_some_and(|end| end < order) {
        first = first.succ_opt()?;
    }
    while let Some(previous) = first.pred_opt()
        && add_months(previous, 12).is_some_and(|end| end >= order)
    {
        first = previous;
    }
    Some((first, order))
}

impl Forfeitures<'_> {
    /// The forfeiture days `from..=to` not kept by a collection order, with their sums.
    fn spans(&self, from: NaiveDate, to: NaiveDate) -> Lapsed {
        let mut kept: Vec<(NaiveDate, NaiveDate)> = self
            .collection_orders
            .iter()
            .filter_map(|&order| protected_by(order))
            .collect();
        kept.sort();
        let mut out = Lapsed::default();
        let mut push = |first: NaiveDate, last: NaiveDate| {
            if last < first {
                return;
            }
            let before = match first.pred_opt() {
                Some(day) if first > self.first => (self.forfeited)(day),
                _ => Decimal::ZERO,
            };
            let amount = (self.forfeited)(last) - before;
            if amount.is_zero() {
                return;
            }
            let lapses = |day| Rule::Dwangsom.lapse_date(day).unwrap_or(day);
            out.amount += amount;
            out.spans.push(LapsedSpan {
                first,
                last,
                amount,
                lapses_from: lapses(first),
                lapses_to: lapses(last),
            });
        };
        let mut cursor = from;
        for (start, end) in kept {
            if end < cursor {
                continue;
            }
            if start > to {
                break;
            }
            if start > cursor {
                push(cursor, start.pred_opt().unwrap_or(start).min(to));
            }
            match end.succ_opt() {
                Some(next) => cursor = cursor.max(next),
                None => return out,
            }
        }
        if cursor <= to {
            push(cursor, to);
        }
        out
    }

    /// The forfeited sums time-barred on `as_of` (Awb 5:35).
    pub fn barred(&self, as_of: NaiveDate) -> Lapsed {
        match last_barred_forfeiture(as_of) {
            Some(cutoff) => self.spans(self.first, cutoff.min(self.last)),
            None => Lapsed::default(),
        }
    }

    /// The forfeited sums not yet time-barred on `as_of` that will be within `days` days
    /// (by `as_of + days`, included), unless a collection order is made first.
    pub fn lapsing_within(&self, as_of: NaiveDate, days: u32) -> Lapsed {
        let Some(horizon) = as_of.checked_add_days(Days::new(u64::from(days))) else {
            return Lapsed::default();
        };
        let (Some(then), now) = (
            last_barred_forfeiture(horizon),
            last_barred_forfeiture(as_of),
        ) else {
            return Lapsed::default();
        };
        let from = match now {
            Some(day) => match day.succ_opt() {
                Some(next) => next.max(self.first),
                None => return Lapsed::default(),
            },
            None => self.first,
        };
        self.spans(from, then.min(self.last))
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

    fn daily(rate: Decimal, first: NaiveDate, last: NaiveDate) -> impl Fn(NaiveDate) -> Decimal {
        move |day: NaiveDate| {
            if day < first {
                Decimal::ZERO
            } else {
                rate * Decimal::from((day.min(last) - first).num_days() + 1)
            }
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
        ) {
            let base = d("2023-01-01");
            let first = base + Days::new(start);
            let last = first + Days::new(len);
            let as_of = base + Days::new(as_of);
            let orders: Vec<NaiveDate> = orders.into_iter().map(|o| base + Days::new(o)).collect();
            let f = daily(dec!(10), first, last);
            let forfeitures = Forfeitures {
                forfeited: &f,
                first,
                last: last.min(as_of),
                collection_orders: &orders,
            };
            let mut reference = Decimal::ZERO;
            let mut day = first;
            while day <= last.min(as_of) {
                let end = add_months(day, 12).unwrap();
                let kept = orders.iter().any(|&o| o >= day && o <= end);
                if Rule::Dwangsom.is_barred(day, as_of) && !kept {
                    reference += dec!(10);
                }
                day = day.succ_opt().unwrap();
            }
            let barred = forfeitures.barred(as_of);
            prop_assert_eq!(barred.amount, reference);
            let by_spans: Decimal = barred.spans.iter().map(|s| s.amount).sum();
            prop_assert_eq!(by_spans, reference);
            // What lapses within 30 days is what is barred then and not now.
            let later = forfeitures.barred(as_of + Days::new(30)).amount;
            prop_assert_eq!(forfeitures.lapsing_within(as_of, 30).amount, later - reference);
        }
    }
}
