//! The accrual at the ends of a schedule's rows, in one forward pass.

use super::{Calc, Overflow, Segment, exact_add};
use crate::case::{Order, Per};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The capped accrual and the counted days before days that only move forward: what a
/// schedule needs at the end of each of its rows. The counted intervals and, for orders
/// charged per day, per violation or once, the segments up to a horizon are laid out once;
/// each query then moves a cursor forward over them, so a schedule of any number of rows
/// costs one pass over the rows and one over the order's suspensions, rate changes and
/// violations. For orders charged per week, month or semester, whose units are forfeited
/// inside the segments, the accrual at a row's end is the closed form, whose cost grows with
/// the order's suspensions and rate changes, not with the rows before it.
#[derive(Debug)]
pub struct Running<'a> {
    calc: Calc<'a>,
    /// The counted intervals before the horizon, with the days counted before each.
    intervals: Vec<(NaiveDate, NaiveDate)>,
    days_before: Vec<i64>,
    next_interval: usize,
    /// The forfeitures before the horizon with the amount forfeited before each (`None`
    /// where the sum no longer fits), when they can be summed this way.
    segments: Option<(Vec<Segment>, Vec<Option<Decimal>>)>,
    next_segment: usize,
}

impl<'a> Running<'a> {
    /// Lays out the order's accrual up to `horizon`, the last day that may be asked for;
    /// `None` when its first day of delay is not known (nothing accrues).
    pub fn new(order: &'a Order, horizon: NaiveDate) -> Option<Self> {
        let calc = Calc::new(order)?;
        let intervals = calc.counted_intervals(horizon);
        let mut days_before = Vec::with_capacity(intervals.len() + 1);
        let mut days = 0i64;
        days_before.push(days);
        for (a, b) in &intervals {
            days += (*b - *a).num_days();
            days_before.push(days);
        }
        let segments = if matches!(order.per, Per::Day | Per::Violation | Per::Once) {
            // An overflow is left to the closed form, which finds where.
            calc.raw_segments(horizon)
                .ok()
                .filter(|s| s.is_sorted_by_key(|s| s.until))
                .map(|segments| {
                    let mut before = Vec::with_capacity(segments.len() + 1);
                    let mut sum = Some(Decimal::ZERO);
                    before.push(sum);
                    for s in &segments {
                        sum = sum.and_then(|x| exact_add(x, s.amount));
                        before.push(sum);
                    }
                    (segments, before)
                })
        } else {
            None
        };
        Some(Running {
            calc,
            intervals,
            days_before,
            next_interval: 0,
            segments,
            next_segment: 0,
        })
    }

    /// Days of delay counted before `t`. `t` may not go back from one call to the next.
    pub fn days_before(&mut self, t: NaiveDate) -> i64 {
        let i = &mut self.next_interval;
        while self.intervals.get(*i).is_some_and(|(_, b)| *b <= t) {
            *i += 1;
        }
        let partial = match self.intervals.get(*i) {
            // Days from the interval's start to `t`; none when it starts on or after `t`.
            Some((a, _)) => (t - *a).num_days().max(0),
            None => 0,
        };
        self.days_before[*i] + partial
    }

    /// The capped accrual of the forfeitures before `t`, as [`accrued_before`] gives it.
    /// `t` may not go back from one call to the next.
    ///
    /// # Errors
    ///
    /// When the amount does not fit in a decimal.
    pub fn accrued_before(&mut self, t: NaiveDate) -> Result<Decimal, Overflow> {
        let Some((segments, amount_before)) = &self.segments else {
            return self.calc.capped(t);
        };
        let i = &mut self.next_segment;
        while segments.get(*i).is_some_and(|s| s.until <= t) {
            *i += 1;
        }
        let before = amount_before[*i].ok_or_else(|| self.calc.overflow("rate"))?;
        // Only a run of days can be cut by `t`: a violation or a once-off forfeiture is one day.
        let uncapped = match segments.get(*i) {
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
