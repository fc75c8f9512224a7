//! The events a timeline shows between its first and last day, each with the day it sorts on.

use super::{Event, EventKind, Span};
use crate::accrue::Accrual;
use crate::case::{DeadlineChange, Order, StartRule};
use chrono::NaiveDate;

/// The events shown between `from` and `to` (and compliance or lifting the day after), each
/// with the day it sorts on: it is placed before the first row starting on or after that
/// day. Sorted by that day; events of one day stay in the order they are found here.
pub(super) fn events(
    order: &Order,
    (changes, original): (&[DeadlineChange], Option<NaiveDate>),
    accrual: &Accrual,
    span: Span,
    (first_day, rule): (NaiveDate, &StartRule),
    (from, to): (NaiveDate, NaiveDate),
    assumed: bool,
) -> Vec<(NaiveDate, Event)> {
    let as_of = span.as_of;
    let end = to.succ_opt().unwrap_or(NaiveDate::MAX);
    let in_range = |d: NaiveDate| from <= d && d <= to;
    let mut events: Vec<(NaiveDate, Event)> = Vec::new();
    let mut push = |date: NaiveDate, sort: NaiveDate, kind: EventKind| {
        events.push((sort, Event { date, kind }));
    };
    let shows_start = from <= first_day && first_day <= to;
    // A deadline change shows when decided in range, or before it with the first day of
    // delay it led to.
    let mut was = original;
    for c in changes.iter().filter(|c| c.decided <= as_of) {
        if in_range(c.decided) || (shows_start && c.decided < from) {
            push(
                c.decided,
                c.decided,
                EventKind::DeadlineChange(c.clone(), was),
            );
        }
        was = c.start.first_day().or(was);
    }
    if shows_start {
        if let StartRule::Deadline { deadline, .. } | StartRule::Grace { deadline, .. } = rule {
            push(*deadline, first_day, EventKind::Deadline(rule.clone()));
        }
        push(first_day, first_day, EventKind::FirstDayOfDelay);
    }
    for rc in order.rate_changes.iter().filter(|rc| in_range(rc.from)) {
        push(rc.from, rc.from, EventKind::RateChange(rc.rate));
    }
    for m in order.measurements().iter().filter(|m| in_range(m.date)) {
        push(m.date, m.date, EventKind::Measurement(m.clone()));
    }
    for s in &order.suspensions {
        if in_range(s.from) {
            push(s.from, s.from, EventKind::SuspensionStarts(s.last_day()));
        }
        if from <= s.until && s.until <= end {
            push(s.until, s.until, EventKind::SuspensionEnds);
        }
    }
    // A liquidation shows when it is decided in range, or later (by the as-of date) over a
    // window the rows cover: after compliance the rows stop, but the decision still counts.
    let decided = order.liquidations.iter().filter(|l| l.decided <= as_of);
    for (l, figures) in decided.zip(&accrual.liquidations) {
        let covers_rows = l.window.from <= to && from < l.window.until;
        if in_range(l.decided) || (covers_rows && from <= l.decided && l.decided <= as_of) {
            push(
                l.decided,
                l.decided,
                EventKind::Liquidation(figures.clone()),
            );
        }
    }
    if let (Some(day), Some(cap)) = (accrual.cap_reached.filter(|&d| in_range(d)), order.cap) {
        push(
            day,
            day.succ_opt().unwrap_or(day),
            EventKind::CapReached(cap),
        );
    }
    // Compliance and lifting are first days without penalty: shown up to the day after `to`.
    let ends_here = |d: NaiveDate| d <= as_of && from <= d && d <= end;
    if let Some(c) = order.complied.filter(|&c| ends_here(c)) {
        push(c, c, EventKind::Complied(assumed));
    }
    if let Some(l) = order.lifted.filter(|&l| ends_here(l)) {
        push(l, l, EventKind::Lifted);
    }
    // A stable sort keeps events of one day in the order pushed.
    events.sort_by_key(|(sort, _)| *sort);
    events
}
