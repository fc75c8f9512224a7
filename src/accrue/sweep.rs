//! One pass over an order's segments that answers, for any day up to a horizon, the capped
//! accrual and the days counted before it: what many liquidations of one order need.

use super::{Calc, Overflow, Segment, exact_add};
use crate::case::Per;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The capped accrual and the counted days at any day up to a horizon, from one pass over
/// the segments: a liquidation needs both at its window's two ends, and an order may have
/// many liquidations. Only for orders charged per day, per violation or once, whose
/// forfeitures before a day are exactly the segments up to that day.
pub(super) struct Sweep<'c, 'a> {
    calc: &'c Calc<'a>,
    /// The counted intervals before the horizon, and the days counted before each.
    intervals: Vec<(NaiveDate, NaiveDate)>,
    days_before: Vec<i64>,
    /// The forfeitures before the horizon, and the amount forfeited before each (`None`
    /// from where the sum no longer fits in a decimal).
    segments: Vec<Segment>,
    amount_before: Vec<Option<Decimal>>,
}

impl<'c, 'a> Sweep<'c, 'a> {
    /// `None` for orders charged per larger unit, or when a segment up to the horizon
    /// overflows (the one-by-one computation then finds where).
    pub(super) fn new(calc: &'c Calc<'a>, horizon: NaiveDate) -> Option<Self> {
        if !matches!(calc.order.per, Per::Day | Per::Violation | Per::Once) {
            return None;
        }
        let intervals = calc.counted_intervals(horizon);
        let mut days_before = Vec::with_capacity(intervals.len() + 1);
        let mut days = 0i64;
        days_before.push(days);
        for (a, b) in &intervals {
            days += (*b - *a).num_days();
            days_before.push(days);
        }
        let segments = calc.raw_segments(horizon).ok()?;
        if !segments.is_sorted_by_key(|s| s.until) {
            return None;
        }
        let mut amount_before = Vec::with_capacity(segments.len() + 1);
        let mut sum = Some(Decimal::ZERO);
        amount_before.push(sum);
        for s in &segments {
            sum = sum.and_then(|x| exact_add(x, s.amount));
            amount_before.push(sum);
        }
        Some(Sweep {
            calc,
            intervals,
            days_before,
            segments,
            amount_before,
        })
    }

    /// Days counted before `t`.
    pub(super) fn days(&self, t: NaiveDate) -> i64 {
        let i = self.intervals.partition_point(|(_, b)| *b <= t);
        let partial = match self.intervals.get(i) {
            // Days from the interval's start to `t`; none when it starts on or after `t`.
            Some((a, _)) => (t - *a).num_days().max(0),
            None => 0,
        };
        self.days_before[i] + partial
    }

    /// The capped accrual of the forfeitures before `t`.
    pub(super) fn capped(&self, t: NaiveDate) -> Result<Decimal, Overflow> {
        let i = self.segments.partition_point(|s| s.until <= t);
        let before = self.amount_before[i].ok_or_else(|| self.calc.overflow("rate"))?;
        // Only a run of days can be cut by `t`: a violation or a once-off forfeiture is one day.
        let uncapped = match self.segments.get(i) {
            Some(s) => {
                // Nothing of the segment when it starts on or after `t`.
                let partial = self.calc.mul((t - s.from).num_days().max(0), s.rate)?;
                self.calc.add(before, partial, "rate")?
            }
            None => before,
        };
        Ok(match self.calc.order.cap {
            Some(cap) => uncapped.min(cap),
            None => uncapped,
        })
    }
}
