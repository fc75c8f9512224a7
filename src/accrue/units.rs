//! Units of a penalty charged per week, month, quarter, semester or year, laid on the
//! calendar from the first day of delay (week k covers 7 days; month k runs to the same day
//! number k + 1 months later, the month-end rule included), and the ranges of units
//! forfeited before a day: started units, or completed ones. Each range is split where the
//! rate or a measured value changes, so that a segment is a run of units at one amount.

use super::{Calc, Overflow, Segment};
use crate::case::Per;
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;

impl Calc<'_> {
    pub(super) fn months_per_unit(&self) -> u32 {
        match self.order.per {
            Per::Quarter => 3,
            Per::Semester => 6,
            Per::Year => 12,
            _ => 1,
        }
    }

    /// The first day of unit `k` (k = 0 starts on the first day of delay).
    pub(super) fn unit_start(&self, k: i64) -> NaiveDate {
        let k = k.max(0);
        let r = match self.order.per {
            Per::Week => u64::try_from(k)
                .ok()
                .and_then(|k| k.checked_mul(7))
                .and_then(|d| self.first.checked_add_days(Days::new(d))),
            _ => u32::try_from(k)
                .ok()
                .and_then(|k| k.checked_mul(self.months_per_unit()))
                .and_then(|m| self.first.checked_add_months(Months::new(m))),
        };
        r.unwrap_or(NaiveDate::MAX)
    }

    /// The unit containing `day` (day >= first).
    pub(super) fn unit_index(&self, day: NaiveDate) -> i64 {
        match self.order.per {
            Per::Week => (day - self.first).num_days().div_euclid(7),
            _ => {
                let mut m = i64::from(day.year() - self.first.year()) * 12 + i64::from(day.month())
                    - i64::from(self.first.month());
                let lands = u32::try_from(m)
                    .ok()
                    .and_then(|m| self.first.checked_add_months(Months::new(m)));
                if lands.is_none_or(|d| d > day) {
                    m -= 1;
                }
                m.div_euclid(i64::from(self.months_per_unit()))
            }
        }
    }

    /// Units with at least one counted day before `t`, as inclusive index ranges.
    pub(super) fn started_units(&self, t: NaiveDate) -> Vec<(i64, i64)> {
        let mut ranges: Vec<(i64, i64)> = Vec::new();
        for (a, b) in self.counted_intervals(t) {
            let last = b.pred_opt().unwrap_or(b);
            let (k1, k2) = (self.unit_index(a), self.unit_index(last));
            match ranges.last_mut() {
                Some(prev) if k1 <= prev.1 => prev.1 = prev.1.max(k2),
                _ => ranges.push((k1, k2)),
            }
        }
        ranges
    }

    /// Units whose every day is counted and whose last day falls before `t`.
    pub(super) fn completed_units(&self, t: NaiveDate) -> Vec<(i64, i64)> {
        let hi = t.min(self.end);
        if hi <= self.first {
            return Vec::new();
        }
        let n = self.unit_index(hi); // units 0..n end on or before hi
        let mut ranges = Vec::new();
        let mut next = 0i64;
        for s in &self.order.suspensions {
            if s.until <= self.first || s.from >= hi {
                continue;
            }
            let from = s.from.max(self.first);
            let last = s.until.min(hi).pred_opt().unwrap_or(from);
            let (k1, k2) = (self.unit_index(from), self.unit_index(last));
            // `from` is before `hi`, so `k1 <= n`: the units before the suspension end by n - 1.
            ranges.push((next, k1 - 1));
            next = next.max(k2 + 1);
        }
        ranges.push((next, n - 1));
        // A suspension in the unit where the last one ended, or running to `hi`, leaves an
        // empty range.
        ranges.retain(|(a, b)| a <= b);
        ranges
    }

    /// Units k1..=k2 split where the rate in force on a unit's first day changes.
    pub(super) fn split_units(
        &self,
        k1: i64,
        k2: i64,
        out: &mut Vec<Segment>,
    ) -> Result<(), Overflow> {
        let mut k = k1;
        while k <= k2 {
            let start = self.unit_start(k);
            let last = self.unit_start(k + 1).pred_opt().unwrap_or(start);
            let base = self.rate_on(start);
            let (rate, adjustments) = self.adjusted(base, last)?;
            // The first unit after k whose first day is on or after the next rate change.
            let changes = &self.order.rate_changes;
            let next_change = changes.get(changes.partition_point(|rc| rc.from <= start));
            // The first unit whose last day is on or after the next measurement.
            let measured = self
                .next_measurement_after(last)
                .map_or(k2 + 1, |m| self.unit_index(m).max(k + 1));
            let stop = match next_change {
                Some(rc) => {
                    let j = self.unit_index(rc.from);
                    let j = if self.unit_start(j) == rc.from {
                        j
                    } else {
                        j + 1
                    };
                    j.min(k2 + 1)
                }
                None => k2 + 1,
            }
            .min(measured);
            let units = stop - k;
            out.push(Segment {
                from: start,
                until: self.unit_start(stop),
                units,
                rate,
                amount: self.mul(units, rate)?,
                capped: Decimal::ZERO,
                base,
                adjustments,
            });
            k = stop;
        }
        Ok(())
    }
}
