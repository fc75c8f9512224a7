//! The next forfeiture of an open order (design §11): the day and the amount of the next
//! sum forfeited if nothing changes, so that an order charged per semester never looks idle
//! between two units.
//!
//! It is the smallest day x after the as-of date whose forfeitures make the capped accrual
//! before x + 1 greater than before the day after the as-of date. The capped accrual is
//! monotone, so x is found by bisection over a bounded horizon (two years past the later of
//! the as-of date, the first day of delay and the end of a suspension in force): closed
//! form, never a walk over days. A daily order whose next day counts needs no search: that
//! day forfeits the run rate.

use super::{Calc, Overflow, day_after};
use crate::case::Per;
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;

/// The last year a report shows: later forfeitures are not foreseen.
const LAST_YEAR: i32 = 9999;

/// A sum forfeited on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Forfeiture {
    /// The day it is forfeited.
    pub date: NaiveDate,
    /// The amount.
    pub amount: Decimal,
}

impl Calc<'_> {
    /// The next forfeiture after the as-of date, given `t` (the day after it), the capped
    /// accrual before `t` and what the day `t` adds; `None` for violations (events cannot
    /// be foreseen), past the cap, or when nothing is forfeited within the horizon.
    pub(super) fn next_forfeiture(
        &self,
        t: NaiveDate,
        accrued: Decimal,
        next_day: Decimal,
    ) -> Result<Option<Forfeiture>, Overflow> {
        if self.order.per == Per::Violation {
            return Ok(None);
        }
        if next_day > Decimal::ZERO && t.year() <= LAST_YEAR {
            return Ok(Some(Forfeiture {
                date: t,
                amount: next_day,
            }));
        }
        let base = self
            .order
            .suspensions
            .iter()
            .filter(|s| s.until > t)
            .map(|s| s.until)
            .next()
            .map_or(t, |until| until.max(t))
            .max(self.first)
            .max(t);
        let horizon = base
            .checked_add_months(Months::new(24))
            .and_then(|h| h.checked_add_days(Days::new(1)))
            .unwrap_or(NaiveDate::MAX);
        // An amount too large to compute is more than the accrual so far.
        let more = |y: NaiveDate| self.capped(y).map_or(true, |a| a > accrued);
        if !more(horizon) {
            return Ok(None);
        }
        // The smallest y in (t, horizon] with capped(y) > accrued.
        let (mut lo, mut hi) = (day_after(t), horizon);
        while lo < hi {
            let mid = lo + Days::new(((hi - lo).num_days() / 2).unsigned_abs());
            if more(mid) {
                hi = mid;
            } else {
                lo = day_after(mid);
            }
        }
        let date = lo.pred_opt().unwrap_or(lo);
        if date.year() > LAST_YEAR {
            // Reports hold four-digit years: a forfeiture after 9999 is beyond what they show.
            return Ok(None);
        }
        let amount = self.sub(self.capped(lo)?, accrued, "rate")?;
        Ok(Some(Forfeiture { date, amount }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accrue::accrue;
    use crate::accrue::tests::{d, order};
    use crate::case::{Count, Period, PeriodEnd};
    use rust_decimal_macros::dec;

    fn next(o: &crate::case::Order, as_of: &str) -> Option<(NaiveDate, Decimal)> {
        accrue(o, d(as_of))
            .unwrap()
            .next_forfeiture
            .map(|f| (f.date, f.amount))
    }

    #[test]
    fn a_semester_started_forfeits_on_the_next_semester_s_first_day() {
        // EUR 10M per semester from 11 January 2021, count = "started": the first semester
        // was forfeited on 11 January; the next is forfeited on 11 July.
        let o = order("2021-01-11", dec!(10000000), Per::Semester);
        assert_eq!(
            next(&o, "2021-03-01"),
            Some((d("2021-07-11"), dec!(10000000)))
        );
        // Before the first day of delay, the first day itself.
        assert_eq!(
            next(&o, "2021-01-01"),
            Some((d("2021-01-11"), dec!(10000000)))
        );
    }

    #[test]
    fn a_semester_completed_forfeits_on_its_last_day() {
        let mut o = order("2021-01-11", dec!(10000000), Per::Semester);
        o.count = Count::Completed;
        // The first semester runs 11 January to 10 July 2021.
        assert_eq!(
            next(&o, "2021-03-01"),
            Some((d("2021-07-10"), dec!(10000000)))
        );
        assert_eq!(
            next(&o, "2021-07-10"),
            Some((d("2022-01-10"), dec!(10000000)))
        );
    }

    #[test]
    fn a_daily_order_forfeits_tomorrow_or_after_its_suspension() {
        let mut o = order("2024-01-01", dec!(100), Per::Day);
        assert_eq!(next(&o, "2024-01-05"), Some((d("2024-01-06"), dec!(100))));
        o.suspensions.push(Period {
            from: d("2024-01-06"),
            until: d("2024-02-01"),
            written: PeriodEnd::Until,
        });
        // A stay decided on 2 January, in force from 6 January.
        o.amendments_mut().suspensions_decided = vec![Some(d("2024-01-02"))];
        assert_eq!(next(&o, "2024-01-05"), Some((d("2024-02-01"), dec!(100))));
    }

    #[test]
    fn the_cap_s_last_part_then_nothing() {
        let mut o = order("2024-01-01", dec!(100), Per::Day);
        o.cap = Some(dec!(1050));
        // 10 days x 100 = 1,000 by 10 January; 11 January forfeits the last 50.
        assert_eq!(next(&o, "2024-01-10"), Some((d("2024-01-11"), dec!(50))));
        assert_eq!(next(&o, "2024-01-11"), None);
    }

    #[test]
    fn once_forfeits_its_first_day_if_ahead_and_violations_never() {
        let o = order("2024-03-01", dec!(250000), Per::Once);
        assert_eq!(
            next(&o, "2024-01-01"),
            Some((d("2024-03-01"), dec!(250000)))
        );
        assert_eq!(next(&o, "2024-03-01"), None);
        let v = order("2024-03-01", dec!(1000), Per::Violation);
        assert_eq!(next(&v, "2024-04-01"), None);
    }
}
