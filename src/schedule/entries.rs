//! The sweep that makes a timeline's rows and events one at a time, in date order.

use super::{Entry, OrderTimeline, Row, RowStatus};
use crate::accrue::{self, Overflow};
use crate::case::Order;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The rows and events of a timeline, made as they are asked for: one sweep over the rows,
/// the cuts, the liquidated windows and the events, all in date order, so that each entry
/// costs a constant amount of work (for orders charged per day, per violation or once; see
/// [`accrue::Running`]).
#[derive(Debug)]
pub struct Entries<'t, 'a> {
    timeline: &'t OrderTimeline<'a>,
    /// The first day of the next row.
    cursor: NaiveDate,
    /// The first day after the last row.
    end: NaiveDate,
    running: Option<accrue::Running<'t>>,
    /// Accrued and counted before `cursor` (set on the first row).
    cumulative: Decimal,
    days: i64,
    next_cut: usize,
    next_window: usize,
    next_event: usize,
}

impl<'t, 'a> Entries<'t, 'a> {
    /// The entries of `timeline`, from its first row.
    pub(super) fn new(timeline: &'t OrderTimeline<'a>) -> Self {
        let (Some(from), Some(to)) = (timeline.from, timeline.to) else {
            return Self {
                timeline,
                cursor: NaiveDate::MAX,
                end: NaiveDate::MAX,
                running: None,
                cumulative: Decimal::ZERO,
                days: 0,
                next_cut: 0,
                next_window: 0,
                next_event: timeline.events.len(),
            };
        };
        let end = to.succ_opt().unwrap_or(NaiveDate::MAX);
        Self {
            timeline,
            cursor: from,
            end,
            running: accrue::Running::new(&timeline.order, end),
            cumulative: Decimal::ZERO,
            days: 0,
            next_cut: 0,
            next_window: 0,
            next_event: 0,
        }
    }

    /// The capped accrual and the counted days before `t`.
    fn figures(&mut self, t: NaiveDate) -> Result<(Decimal, i64), Overflow> {
        match &mut self.running {
            Some(r) => Ok((r.accrued_before(t)?, r.days_before(t))),
            None => Ok((Decimal::ZERO, 0)),
        }
    }

    /// The row starting at the cursor.
    fn row(&mut self) -> Result<Row, Overflow> {
        let t = self.timeline;
        let cursor = self.cursor;
        if Some(cursor) == t.from {
            (self.cumulative, self.days) = self.figures(cursor)?;
        }
        while t.cuts.get(self.next_cut).is_some_and(|&c| c <= cursor) {
            self.next_cut += 1;
        }
        let cut = t.cuts.get(self.next_cut).copied().unwrap_or(NaiveDate::MAX);
        let until = t.every.next_start(cursor).min(cut).min(self.end);
        let (cumulative, days) = self.figures(until)?;
        let row_days = days - self.days;
        // Rows are cut at every window's ends: a row is wholly inside a window or outside.
        while t
            .liquidated
            .get(self.next_window)
            .is_some_and(|&(_, until)| until <= cursor)
        {
            self.next_window += 1;
        }
        let liquidated = t
            .liquidated
            .get(self.next_window)
            .is_some_and(|&(from, _)| from <= cursor);
        let first_day = t.first_day.unwrap_or(cursor);
        let status = if row_days == 0 {
            idle_status(&t.order, first_day, cursor)
        } else if liquidated {
            RowStatus::Liquidated
        } else if t.accrual.cap_reached.is_some_and(|c| c < cursor) {
            RowStatus::Capped
        } else {
            RowStatus::Accruing
        };
        let row = Row {
            from: cursor,
            until,
            rate: accrue::amount_per_unit_on(&t.order, cursor)?,
            days: row_days,
            amount: cumulative - self.cumulative,
            cumulative,
            status,
        };
        self.cursor = until;
        self.cumulative = cumulative;
        self.days = days;
        Ok(row)
    }
}

impl Iterator for Entries<'_, '_> {
    type Item = Result<Entry, Overflow>;

    fn next(&mut self) -> Option<Self::Item> {
        let rows_left = self.cursor < self.end;
        if let Some((sort, event)) = self.timeline.events.get(self.next_event) {
            if !rows_left || *sort <= self.cursor {
                self.next_event += 1;
                return Some(Ok(Entry::Event(event.clone())));
            }
        }
        if !rows_left {
            return None;
        }
        let row = self.row();
        if row.is_err() {
            // Nothing more after an error.
            self.cursor = self.end;
            self.next_event = self.timeline.events.len();
        }
        Some(row.map(Entry::Row))
    }
}

/// Why a row starting on `day` counts no day of delay.
pub(super) fn idle_status(order: &Order, first_day: NaiveDate, day: NaiveDate) -> RowStatus {
    let ended = |d: Option<NaiveDate>| d.is_some_and(|d| d <= day);
    match (ended(order.complied), ended(order.lifted)) {
        (true, true) if order.lifted < order.complied => RowStatus::Lifted,
        (true, _) => RowStatus::Complied,
        (false, true) => RowStatus::Lifted,
        _ if day < first_day => RowStatus::NotYetDue,
        _ => RowStatus::Suspended,
    }
}
