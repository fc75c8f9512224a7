//! The order with its first day of delay and end resolved, and the closed-form accrual
//! over its segments that everything else in the engine rests on.

use super::{
    LiquidationFigures, OrderState, Overflow, Segment, Sweep, day_after, exact_add, exact_mul,
    exact_sub, rate_on,
};
use crate::case::{Count, Liquidation, Order, Per, Start};
use crate::events;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// The order with its first day of delay and end resolved.
#[derive(Debug)]
pub(super) struct Calc<'a> {
    pub(super) order: &'a Order,
    pub(super) first: NaiveDate,
    /// First day not counted because of compliance or lifting.
    pub(super) end: NaiveDate,
}

impl<'a> Calc<'a> {
    pub(super) fn new(order: &'a Order) -> Option<Self> {
        let Start::Known { first_day, .. } = order.start else {
            return None;
        };
        let end = [order.complied, order.lifted]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(NaiveDate::MAX)
            .max(first_day);
        Some(Calc {
            order,
            first: first_day,
            end,
        })
    }

    pub(super) fn overflow(&self, field: &'static str) -> Overflow {
        Overflow {
            order: self.order.id.clone(),
            field,
        }
    }

    pub(super) fn add(
        &self,
        a: Decimal,
        b: Decimal,
        field: &'static str,
    ) -> Result<Decimal, Overflow> {
        exact_add(a, b).ok_or_else(|| self.overflow(field))
    }

    pub(super) fn sub(
        &self,
        a: Decimal,
        b: Decimal,
        field: &'static str,
    ) -> Result<Decimal, Overflow> {
        exact_sub(a, b).ok_or_else(|| self.overflow(field))
    }

    pub(super) fn mul(&self, n: i64, rate: Decimal) -> Result<Decimal, Overflow> {
        exact_mul(Decimal::from(n), rate).ok_or_else(|| self.overflow("rate"))
    }

    pub(super) fn rate_on(&self, day: NaiveDate) -> Decimal {
        rate_on(self.order, day)
    }

    /// The order's state at the end of `as_of`. The order is the one known then
    /// ([`super::known`]): a compliance or lifting it records is on or before `as_of`, and
    /// the earlier of the two closes the order.
    pub(super) fn state(&self, as_of: NaiveDate) -> OrderState {
        match (self.order.complied, self.order.lifted) {
            (c, Some(l)) if c.is_none_or(|c| l <= c) => OrderState::Lifted(l),
            (Some(c), _) => OrderState::Complied(c),
            _ if self.first > as_of => OrderState::Pending,
            _ => OrderState::Open,
        }
    }

    /// The counted days before `t`: [first, min(t, end)) less suspensions, as disjoint
    /// half-open intervals in order.
    pub(super) fn counted_intervals(&self, t: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
        let hi = t.min(self.end);
        let mut out = Vec::new();
        let mut cursor = self.first;
        for s in &self.order.suspensions {
            if cursor >= hi {
                break;
            }
            if s.until <= cursor {
                continue;
            }
            let stop = s.from.min(hi);
            if stop > cursor {
                out.push((cursor, stop));
            }
            cursor = cursor.max(s.until);
        }
        if cursor < hi {
            out.push((cursor, hi));
        }
        out
    }

    pub(super) fn counted_days(&self, t: NaiveDate) -> i64 {
        self.counted_intervals(t)
            .iter()
            .map(|(a, b)| (*b - *a).num_days())
            .sum()
    }

    pub(super) fn is_counted(&self, day: NaiveDate) -> bool {
        // Suspensions are sorted and disjoint: only the last one starting on or before `day`
        // can contain it.
        let suspensions = &self.order.suspensions;
        let i = suspensions.partition_point(|s| s.from <= day);
        day >= self.first && day < self.end && !(i > 0 && day < suspensions[i - 1].until)
    }

    pub(super) fn capped(&self, t: NaiveDate) -> Result<Decimal, Overflow> {
        let total = self.uncapped(t)?;
        Ok(match self.order.cap {
            Some(cap) => total.min(cap),
            None => total,
        })
    }

    pub(super) fn uncapped(&self, t: NaiveDate) -> Result<Decimal, Overflow> {
        self.raw_segments(t)?
            .iter()
            .try_fold(Decimal::ZERO, |sum, s| self.add(sum, s.amount, "rate"))
    }

    pub(super) fn cap_reached(&self, t: NaiveDate) -> Result<Option<NaiveDate>, Overflow> {
        let Some(cap) = self.order.cap else {
            return Ok(None);
        };
        if t <= self.first || self.uncapped(t)? < cap {
            return Ok(None);
        }
        // The smallest day d in [first, t) with uncapped(d + 1) >= cap.
        let (mut lo, mut hi) = (0i64, (t - self.first).num_days() - 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let day = self
                .first
                .checked_add_days(Days::new(mid.unsigned_abs()))
                .unwrap_or(NaiveDate::MAX);
            if self.uncapped(day_after(day))? >= cap {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Ok(self.first.checked_add_days(Days::new(lo.unsigned_abs())))
    }

    /// The figures of liquidations, from one sweep over the segments when the order is
    /// charged per day, per violation or once (so that many liquidations cost little more
    /// than one), or one by one otherwise.
    /// Each liquidation's standing is as of `as_of`.
    pub(super) fn liquidations(
        &self,
        ls: &[&Liquidation],
        as_of: NaiveDate,
    ) -> Result<Vec<LiquidationFigures>, Overflow> {
        let horizon = ls.iter().map(|l| l.window.until).max();
        let sweep = horizon.and_then(|h| Sweep::new(self, h));
        ls.iter()
            .map(|l| match &sweep {
                Some(sweep) => {
                    self.liquidation_with(l, as_of, |t| sweep.capped(t), |t| sweep.days(t))
                }
                None => {
                    self.liquidation_with(l, as_of, |t| self.capped(t), |t| self.counted_days(t))
                }
            })
            .collect()
    }

    pub(super) fn liquidation_with(
        &self,
        l: &Liquidation,
        as_of: NaiveDate,
        capped: impl Fn(NaiveDate) -> Result<Decimal, Overflow>,
        counted_days: impl Fn(NaiveDate) -> i64,
    ) -> Result<LiquidationFigures, Overflow> {
        let computed = self.sub(capped(l.window.until)?, capped(l.window.from)?, "rate")?;
        let days = counted_days(l.window.until) - counted_days(l.window.from);
        let ordered = l.amount.unwrap_or(computed);
        let standing = events::standing(ordered, &l.events, as_of);
        // Under a ceiling rate, an amount fixed below the computed one is not a reduction;
        // only what is taken off it later (on appeal) is.
        let ceiling = (self.order.ceiling && ordered < computed).then_some(computed);
        let reduction = match ceiling {
            Some(_) => self.sub(ordered, standing.amount, "amount")?,
            None => self.sub(computed, standing.amount, "amount")?,
        };
        Ok(LiquidationFigures {
            liquidation: l.clone(),
            computed,
            ordered,
            amount: standing.amount,
            reduction,
            days,
            status: standing.status,
            ceiling,
        })
    }

    /// The segments before `t` with the cap applied.
    pub(super) fn segments(&self, t: NaiveDate) -> Result<Vec<Segment>, Overflow> {
        let mut segments = self.raw_segments(t)?;
        if let Some(cap) = self.order.cap {
            let mut total = Decimal::ZERO;
            for s in &mut segments {
                let room = self.sub(cap, total, "cap")?.max(Decimal::ZERO);
                // The segment keeps what fits under the cap; the rest is capped.
                let kept = s.amount.min(room);
                s.capped = self.sub(s.amount, kept, "rate")?;
                s.amount = kept;
                total = self.add(total, s.amount, "rate")?;
            }
        }
        Ok(segments)
    }

    /// The forfeitures dated before `t`, uncapped, in closed form per segment.
    pub(super) fn raw_segments(&self, t: NaiveDate) -> Result<Vec<Segment>, Overflow> {
        match self.order.per {
            Per::Day => {
                let mut out = Vec::new();
                for (a, b) in self.counted_intervals(t) {
                    self.split_days(a, b, &mut out)?;
                }
                Ok(out)
            }
            Per::Week | Per::Month | Per::Quarter | Per::Semester | Per::Year => {
                let ranges = match self.order.count {
                    Count::Started => self.started_units(t),
                    Count::Completed => self.completed_units(t),
                };
                let mut out = Vec::new();
                for (k1, k2) in ranges {
                    self.split_units(k1, k2, &mut out)?;
                }
                Ok(out)
            }
            Per::Once => {
                let hi = t.min(self.end);
                if self.first < hi && self.is_counted(self.first) {
                    let rate = self.rate_on(self.first);
                    Ok(vec![Segment {
                        from: self.first,
                        until: day_after(self.first),
                        units: 1,
                        rate,
                        amount: rate,
                        capped: Decimal::ZERO,
                        base: rate,
                        adjustments: Vec::new(),
                    }])
                } else {
                    Ok(Vec::new())
                }
            }
            Per::Violation => {
                let hi = t.min(self.end);
                let mut out = Vec::new();
                for v in &self.order.violations {
                    if v.date < hi && self.is_counted(v.date) {
                        let rate = self.rate_on(v.date);
                        out.push(Segment {
                            from: v.date,
                            until: day_after(v.date),
                            units: i64::from(v.count),
                            rate,
                            amount: self.mul(i64::from(v.count), rate)?,
                            capped: Decimal::ZERO,
                            base: rate,
                            adjustments: Vec::new(),
                        });
                    }
                }
                Ok(out)
            }
        }
    }

    /// Days [a, b) split at rate changes.
    pub(super) fn split_days(
        &self,
        a: NaiveDate,
        b: NaiveDate,
        out: &mut Vec<Segment>,
    ) -> Result<(), Overflow> {
        let changes = &self.order.rate_changes;
        let mut i = changes.partition_point(|rc| rc.from <= a);
        let mut from = a;
        while from < b {
            let mut until = changes.get(i).map_or(b, |rc| rc.from.min(b));
            if let Some(m) = self.next_measurement_after(from) {
                until = until.min(m);
            }
            let base = self.rate_on(from);
            let (rate, adjustments) = self.adjusted(base, from)?;
            let days = (until - from).num_days();
            out.push(Segment {
                from,
                until,
                units: days,
                rate,
                amount: self.mul(days, rate)?,
                capped: Decimal::ZERO,
                base,
                adjustments,
            });
            from = until;
            i = changes.partition_point(|rc| rc.from <= from);
        }
        Ok(())
    }
}
