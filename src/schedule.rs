//! The timeline of an order's accrual: rows per day, week, month, quarter or year, with the
//! rate in force, the days counted, the amount accrued in the row and the cumulative amount,
//! and event rows (deadline changes, deadline, first day of delay, rate changes, measurements,
//! suspensions, liquidations, the cap, compliance and lifting).
//!
//! The order is laid out as known at the end of the as-of date (`accrue::known`), so the rows
//! start on the first day of delay the latest deadline change decided by then set. A row's
//! rate is the amount per unit the accrual counts (`accrue::amount_per_unit_on`): the rate in
//! force plus the measured adjustments; a daily penalty's rows are also cut at measurements.
//!
//! Rows are cut at every event as well as at the calendar boundaries, so that a row is
//! wholly liquidated or wholly accruing, has one rate, and the cap falls at a row's end.
//!
//! A timeline holds the order's figures, its events and the days rows are cut at, never its
//! rows: [`OrderTimeline::entries`] makes them one at a time, by one sweep that moves forward
//! over the cuts, the liquidated windows and the events, and asks `accrue::Running` for the
//! accrual at each row's end. Renderers write each entry as it comes, so a daily schedule over
//! eight thousand years takes the memory of one row, and its time grows with the rows plus
//! the events, not with their product.

use crate::accrue::{self, Accrual, LiquidationFigures, Overflow};
use crate::case::{DeadlineChange, Measurement, Order, Per, Start, StartRule};
use crate::fx::Currency;
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fmt;

mod entries;
mod events;

pub use entries::Entries;
use events::events;

/// The calendar unit rows are laid on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    /// One row per day.
    Day,
    /// One row per ISO week (Monday to Sunday).
    Week,
    /// One row per calendar month.
    Month,
    /// One row per calendar quarter.
    Quarter,
    /// One row per calendar year.
    Year,
}

impl Every {
    /// The first day of the bucket after the one holding `day`.
    pub fn next_start(self, day: NaiveDate) -> NaiveDate {
        let next = match self {
            Every::Day => day.succ_opt(),
            Every::Week => day.checked_add_days(Days::new(
                7 - u64::from(day.weekday().num_days_from_monday()),
            )),
            Every::Month | Every::Quarter | Every::Year => {
                let months = match self {
                    Every::Month => 1,
                    Every::Quarter => 3,
                    _ => 12,
                };
                let month0 = day.month0() - day.month0() % months;
                NaiveDate::from_ymd_opt(day.year(), month0 + 1, 1)
                    .and_then(|start| start.checked_add_months(Months::new(months)))
            }
        };
        next.unwrap_or(NaiveDate::MAX)
    }

    /// The name, as given to `--every`.
    pub fn name(self) -> &'static str {
        match self {
            Every::Day => "day",
            Every::Week => "week",
            Every::Month => "month",
            Every::Quarter => "quarter",
            Every::Year => "year",
        }
    }
}

/// Where a row's days stand as of the schedule's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    /// Covered by a liquidation decided on or before the as-of date.
    Liquidated,
    /// Days of delay not covered by such a liquidation: provisional.
    Accruing,
    /// Days of delay after the cap was reached: nothing more accrues.
    Capped,
    /// Before the first day of delay.
    NotYetDue,
    /// Inside a suspension.
    Suspended,
    /// On or after the day of compliance.
    Complied,
    /// On or after the day the order was lifted.
    Lifted,
}

impl RowStatus {
    /// The word shown in tables and files.
    pub fn name(self) -> &'static str {
        match self {
            RowStatus::Liquidated => "liquidated",
            RowStatus::Accruing => "accruing",
            RowStatus::Capped => "capped",
            RowStatus::NotYetDue => "not yet due",
            RowStatus::Suspended => "suspended",
            RowStatus::Complied => "complied",
            RowStatus::Lifted => "lifted",
        }
    }
}

impl fmt::Display for RowStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One period of the timeline, `[from, until)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// First day of the row.
    pub from: NaiveDate,
    /// First day after it.
    pub until: NaiveDate,
    /// The amount per unit on its first day: the rate in force plus the measured
    /// adjustments, as the accrual counts them (`accrue::amount_per_unit_on`).
    pub rate: Decimal,
    /// Days of delay counted in the row.
    pub days: i64,
    /// Accrued in the row (after the cap).
    pub amount: Decimal,
    /// Accrued from the first day of delay through the row's last day.
    pub cumulative: Decimal,
    /// Liquidated, accruing, or why nothing counts.
    pub status: RowStatus,
}

impl Row {
    /// The row's last day.
    pub fn through(&self) -> NaiveDate {
        self.until.pred_opt().unwrap_or(self.until)
    }
}

/// What happened on an event row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// The last day to comply, found by a deadline or a grace period.
    Deadline(StartRule),
    /// The first day of delay.
    FirstDayOfDelay,
    /// A new rate from this day.
    RateChange(Decimal),
    /// A later decision moved the first day of delay (decided on the event's day), with the
    /// first day of delay it replaced.
    DeadlineChange(DeadlineChange, Option<NaiveDate>),
    /// Measured values in force from this day (they adjust the amount per unit).
    Measurement(Measurement),
    /// A suspension starts; its last day is given.
    SuspensionStarts(NaiveDate),
    /// A suspension has ended: days count again from this day.
    SuspensionEnds,
    /// A liquidation was decided.
    Liquidation(LiquidationFigures),
    /// The cap was reached on this day: nothing accrues after it.
    CapReached(Decimal),
    /// The first day in compliance; `true` when assumed by `--assume-compliance`.
    Complied(bool),
    /// The first day the order no longer applies.
    Lifted,
}

impl EventKind {
    /// A short machine-readable name.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Deadline(_) => "deadline",
            EventKind::FirstDayOfDelay => "first-day-of-delay",
            EventKind::RateChange(_) => "rate-change",
            EventKind::DeadlineChange(..) => "deadline-change",
            EventKind::Measurement(_) => "measurement",
            EventKind::SuspensionStarts(_) => "suspension-starts",
            EventKind::SuspensionEnds => "suspension-ends",
            EventKind::Liquidation(_) => "liquidation",
            EventKind::CapReached(_) => "cap-reached",
            EventKind::Complied(_) => "complied",
            EventKind::Lifted => "lifted",
        }
    }
}

/// An event on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The day it happened.
    pub date: NaiveDate,
    /// What happened.
    pub kind: EventKind,
}

/// A line of the timeline: a period or an event, in date order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A period with its figures.
    Row(Row),
    /// An event.
    Event(Event),
}

/// One order's timeline: its figures, its events, and what its rows are cut by. The rows
/// themselves are not held: [`OrderTimeline::entries`] makes them one after the other as
/// they are written, so a schedule of millions of rows takes no more memory than one of ten.
#[derive(Debug, Clone)]
pub struct OrderTimeline<'a> {
    /// The order laid out, as known at the end of the as-of date.
    order: Cow<'a, Order>,
    /// The order's id.
    pub id: String,
    /// The rate on the first day of delay, when known.
    pub rate: Option<Decimal>,
    /// The unit its rate is charged per.
    pub per: Per,
    /// Its cap, if any.
    pub cap: Option<Decimal>,
    /// The first day of delay, when known.
    pub first_day: Option<NaiveDate>,
    /// The first day shown (`None` when there is nothing to show).
    pub from: Option<NaiveDate>,
    /// The last day shown.
    pub to: Option<NaiveDate>,
    /// The order's figures as of the schedule's date, as `compute` gives them.
    pub accrual: Accrual,
    /// The calendar unit of rows.
    every: Every,
    /// Every day on which a row must start, in order.
    cuts: Vec<NaiveDate>,
    /// The liquidated windows (decided by the as-of date), merged where they overlap, in
    /// order.
    liquidated: Vec<(NaiveDate, NaiveDate)>,
    /// The events with the day each sorts on, in order (events of one day in the order
    /// they were found).
    events: Vec<(NaiveDate, Event)>,
}

impl<'a> OrderTimeline<'a> {
    /// Whether there is nothing to show: no first day of delay, or none in the range.
    pub fn is_empty(&self) -> bool {
        self.from.is_none()
    }

    /// Rows and events in date order, each event before the first row starting on or after
    /// the day it sorts on. Made one at a time.
    pub fn entries(&self) -> Entries<'_, 'a> {
        Entries::new(self)
    }

    /// The period rows only.
    pub fn rows(&self) -> impl Iterator<Item = Result<Row, Overflow>> {
        self.entries().filter_map(|e| match e {
            Ok(Entry::Row(r)) => Some(Ok(r)),
            Ok(Entry::Event(_)) => None,
            Err(e) => Some(Err(e)),
        })
    }
}

/// What to lay out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The schedule's date: events after it have not happened.
    pub as_of: NaiveDate,
    /// The calendar unit of rows.
    pub every: Every,
    /// First day shown [default: the first day of delay].
    pub from: Option<NaiveDate>,
    /// Last day shown [default: the as-of date, or the last day before compliance or
    /// lifting when earlier].
    pub to: Option<NaiveDate>,
}

/// The timelines of one case's orders.
#[derive(Debug, Clone)]
pub struct Timeline<'a> {
    /// The case's id.
    pub case: String,
    /// The currency its amounts are written in (the schedule is in it, exactly).
    pub currency: Currency,
    /// The schedule's date.
    pub as_of: NaiveDate,
    /// The calendar unit of rows.
    pub every: Every,
    /// One timeline per order, in file order.
    pub orders: Vec<OrderTimeline<'a>>,
}

/// Why a schedule could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// An accrual overflowed.
    #[error(transparent)]
    Overflow(#[from] Overflow),
    /// `--from` after `--to`.
    #[error("--from {from} is after --to {to}")]
    Reversed {
        /// The first day asked for.
        from: NaiveDate,
        /// The last day asked for.
        to: NaiveDate,
    },
    /// `--to` after the as-of date.
    #[error(
        "--to {to} is after the as-of date {as_of}: to project, pass --as-of {to} (events after the as-of date have not happened)"
    )]
    PastAsOf {
        /// The last day asked for.
        to: NaiveDate,
        /// The as-of date.
        as_of: NaiveDate,
    },
}

/// Lays out an order's timeline: its figures, its events and the days its rows are cut at.
/// The rows follow the order as known at the end of the as-of date (`accrue::known`: the
/// latest deadline change decided by then gives the first day of delay); the deadline
/// changes decided by then are shown as events. `assumed` tells whether its compliance date
/// was set by `--assume-compliance`. The rows are made by [`OrderTimeline::entries`] as they
/// are read.
///
/// # Errors
///
/// When the range is reversed or ends after the as-of date, or an amount overflows (found
/// here, before any row is made).
pub fn order_timeline(
    order: &Order,
    span: Span,
    assumed: bool,
) -> Result<OrderTimeline<'_>, ScheduleError> {
    if let Some(to) = span.to {
        if to > span.as_of {
            return Err(ScheduleError::PastAsOf {
                to,
                as_of: span.as_of,
            });
        }
        if let Some(from) = span.from.filter(|&f| f > to) {
            return Err(ScheduleError::Reversed { from, to });
        }
    }
    let changes = order.deadline_changes();
    let original = order.start.first_day();
    let view = accrue::known(order, span.as_of);
    let accrual = accrue::accrue(&view, span.as_of)?;
    let mut timeline = OrderTimeline {
        order: view,
        id: order.id.clone(),
        rate: order.rate,
        per: order.per,
        cap: order.cap,
        first_day: None,
        from: None,
        to: None,
        accrual,
        every: span.every,
        cuts: Vec::new(),
        liquidated: Vec::new(),
        events: Vec::new(),
    };
    timeline.first_day = timeline.order.start.first_day();
    let Start::Known { first_day, rule } = timeline.order.start.clone() else {
        return Ok(timeline);
    };
    let order: &Order = &timeline.order;
    let as_of = span.as_of;
    let ended = [order.complied, order.lifted]
        .into_iter()
        .flatten()
        .filter(|&d| d <= as_of)
        .min();
    let from = span.from.unwrap_or(first_day);
    let to = span.to.unwrap_or_else(|| {
        ended
            .and_then(|e| e.pred_opt())
            .map_or(as_of, |last| last.min(as_of))
    });
    if from > to {
        // Nothing to show: the first day of delay is after the as-of date (or compliance
        // came before it).
        return Ok(timeline);
    }
    let end = to.succ_opt().unwrap_or(NaiveDate::MAX);
    // The largest figure a row can show: an overflow is reported before any row is written.
    accrue::accrued_before(order, end)?;
    let liquidations: Vec<_> = order
        .liquidations
        .iter()
        .filter(|l| l.decided <= as_of)
        .collect();
    let cap_day = timeline.accrual.cap_reached;

    // Every day on which a row must start.
    let mut cuts = vec![first_day];
    cuts.extend(order.rate_changes.iter().map(|rc| rc.from));
    // A daily penalty's amount per day changes on a measurement's date.
    if order.per == Per::Day && !order.adjustments().is_empty() {
        cuts.extend(order.measurements().iter().map(|m| m.date));
    }
    for s in &order.suspensions {
        cuts.extend([s.from, s.until]);
    }
    for l in &liquidations {
        cuts.extend([l.window.from, l.window.until]);
    }
    cuts.extend(cap_day.and_then(|d| d.succ_opt()));
    cuts.extend(ended);
    cuts.sort_unstable();
    cuts.dedup();

    // An annulled liquidation's window is accruing again.
    let mut windows: Vec<(NaiveDate, NaiveDate)> = timeline
        .accrual
        .liquidations
        .iter()
        .filter(|f| f.status != crate::events::Status::Annulled)
        .map(|f| (f.liquidation.window.from, f.liquidation.window.until))
        .filter(|(a, b)| a < b)
        .collect();
    windows.sort_unstable();
    let mut liquidated: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(windows.len());
    for (a, b) in windows {
        match liquidated.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => liquidated.push((a, b)),
        }
    }

    let events = events(
        order,
        (changes, original),
        &timeline.accrual,
        span,
        (first_day, &rule),
        (from, to),
        assumed,
    );
    timeline.from = Some(from);
    timeline.to = Some(to);
    timeline.cuts = cuts;
    timeline.liquidated = liquidated;
    timeline.events = events;
    Ok(timeline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Count, Liquidation, Period, PeriodEnd};
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn order(starts: &str, rate: Decimal) -> Order {
        Order {
            id: "o".into(),
            description: None,
            start: Start::Known {
                first_day: d(starts),
                rule: StartRule::Starts,
            },
            rate: Some(rate),
            per: Per::Day,
            count: Count::Started,
            rate_changes: Vec::new(),
            cap: None,
            suspensions: Vec::new(),
            complied: None,
            lifted: None,
            violations: Vec::new(),
            liquidations: Vec::new(),
            reference: None,
            span: 0..0,
            ..Order::default()
        }
    }

    fn cnil() -> Order {
        let mut o = order("2022-12-19", dec!(100000));
        o.liquidations.push(Liquidation {
            decided: d("2023-04-13"),
            window: Period {
                from: d("2022-12-19"),
                until: d("2023-02-09"),
                written: PeriodEnd::Until,
            },
            amount: Some(dec!(5200000)),
            due: None,
            reference: Some("SAN-2023-005".into()),
            events: vec![],
        });
        o
    }

    fn entries(t: &OrderTimeline) -> Vec<Entry> {
        t.entries().collect::<Result<_, _>>().unwrap()
    }

    fn all_rows(t: &OrderTimeline) -> Vec<Row> {
        t.rows().collect::<Result<_, _>>().unwrap()
    }

    fn span(as_of: &str, every: Every) -> Span {
        Span {
            as_of: d(as_of),
            every,
            from: None,
            to: None,
        }
    }

    #[test]
    fn buckets_follow_the_calendar() {
        assert_eq!(Every::Day.next_start(d("2022-12-31")), d("2023-01-01"));
        // 2022-12-19 is a Monday; 2022-12-25 a Sunday.
        assert_eq!(Every::Week.next_start(d("2022-12-19")), d("2022-12-26"));
        assert_eq!(Every::Week.next_start(d("2022-12-25")), d("2022-12-26"));
        assert_eq!(Every::Month.next_start(d("2023-01-31")), d("2023-02-01"));
        assert_eq!(Every::Quarter.next_start(d("2023-02-09")), d("2023-04-01"));
        assert_eq!(Every::Quarter.next_start(d("2023-12-31")), d("2024-01-01"));
        assert_eq!(Every::Year.next_start(d("2023-06-15")), d("2024-01-01"));
    }

    #[test]
    fn cnil_months_split_at_the_liquidation_window() {
        let o = cnil();
        let t = order_timeline(&o, span("2023-04-30", Every::Month), false).unwrap();
        let rows: Vec<_> = t
            .rows()
            .map(Result::unwrap)
            .map(|r| (r.from, r.through(), r.days, r.amount, r.status))
            .collect();
        use RowStatus::*;
        assert_eq!(
            rows,
            [
                (
                    d("2022-12-19"),
                    d("2022-12-31"),
                    13,
                    dec!(1300000),
                    Liquidated
                ),
                (
                    d("2023-01-01"),
                    d("2023-01-31"),
                    31,
                    dec!(3100000),
                    Liquidated
                ),
                (
                    d("2023-02-01"),
                    d("2023-02-08"),
                    8,
                    dec!(800000),
                    Liquidated
                ),
                (
                    d("2023-02-09"),
                    d("2023-02-28"),
                    20,
                    dec!(2000000),
                    Accruing
                ),
                (
                    d("2023-03-01"),
                    d("2023-03-31"),
                    31,
                    dec!(3100000),
                    Accruing
                ),
                (
                    d("2023-04-01"),
                    d("2023-04-30"),
                    30,
                    dec!(3000000),
                    Accruing
                ),
            ]
        );
        // 133 days x 100,000 = 13,300,000, the figure `compute` gives.
        assert_eq!(all_rows(&t).last().unwrap().cumulative, dec!(13300000));
        assert_eq!(t.accrual.accrued, dec!(13300000));
        let events: Vec<_> = entries(&t)
            .iter()
            .filter_map(|e| match e {
                Entry::Event(e) => Some((e.date, e.kind.name())),
                Entry::Row(_) => None,
            })
            .collect();
        assert_eq!(
            events,
            [
                (d("2022-12-19"), "first-day-of-delay"),
                (d("2023-04-13"), "liquidation")
            ]
        );
    }

    #[test]
    fn before_the_liquidation_is_decided_its_window_is_accruing() {
        let o = cnil();
        let t = order_timeline(&o, span("2023-03-31", Every::Quarter), false).unwrap();
        let rows: Vec<_> = all_rows(&t)
            .into_iter()
            .map(|r| (r.days, r.status))
            .collect();
        assert_eq!(rows, [(13, RowStatus::Accruing), (90, RowStatus::Accruing)]);
    }

    #[test]
    fn the_cap_ends_a_row_on_the_day_it_is_reached() {
        let mut o = order("2024-01-01", dec!(300));
        o.cap = Some(dec!(1000));
        let t = order_timeline(&o, span("2024-01-31", Every::Month), false).unwrap();
        // 300 + 300 + 300 + 100 (cut by the cap) on 2024-01-04, then nothing.
        let rows: Vec<_> = t
            .rows()
            .map(Result::unwrap)
            .map(|r| (r.from, r.through(), r.amount, r.cumulative, r.status))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    d("2024-01-01"),
                    d("2024-01-04"),
                    dec!(1000),
                    dec!(1000),
                    RowStatus::Accruing
                ),
                (
                    d("2024-01-05"),
                    d("2024-01-31"),
                    dec!(0),
                    dec!(1000),
                    RowStatus::Capped
                ),
            ]
        );
        let cap_at = entries(&t)
            .iter()
            .position(|e| {
                matches!(
                    e,
                    Entry::Event(Event {
                        kind: EventKind::CapReached(_),
                        ..
                    })
                )
            })
            .unwrap();
        // After the row holding the cap day, before the next one.
        assert_eq!(cap_at, 2);
    }

    #[test]
    fn default_to_stops_before_compliance_and_shows_it() {
        let mut o = cnil();
        o.complied = Some(d("2023-03-01"));
        let t = order_timeline(&o, span("2026-11-22", Every::Month), true).unwrap();
        assert_eq!(t.to, Some(d("2023-02-28")));
        assert_eq!(all_rows(&t).last().unwrap().cumulative, dec!(7200000));
        let entries = entries(&t);
        let n = entries.len();
        assert!(matches!(
            entries[n - 2],
            Entry::Event(Event {
                kind: EventKind::Complied(true),
                ..
            })
        ));
        // The liquidation decided on 2023-04-13, after compliance, comes last.
        assert!(matches!(
            &entries[n - 1],
            Entry::Event(Event {
                kind: EventKind::Liquidation(_),
                date,
            }) if *date == d("2023-04-13")
        ));
    }

    #[test]
    fn suspended_days_and_rate_changes_cut_rows() {
        let mut o = order("2024-01-01", dec!(10));
        o.suspensions.push(Period {
            from: d("2024-01-11"),
            until: d("2024-01-21"),
            written: PeriodEnd::Until,
        });
        o.rate_changes.push(crate::case::RateChange {
            from: d("2024-01-26"),
            rate: dec!(20),
            decided: None,
        });
        let t = order_timeline(&o, span("2024-01-31", Every::Month), false).unwrap();
        let rows: Vec<_> = t
            .rows()
            .map(Result::unwrap)
            .map(|r| (r.days, r.rate, r.amount, r.status))
            .collect();
        assert_eq!(
            rows,
            [
                (10, dec!(10), dec!(100), RowStatus::Accruing),
                (0, dec!(10), dec!(0), RowStatus::Suspended),
                (5, dec!(10), dec!(50), RowStatus::Accruing),
                (6, dec!(20), dec!(120), RowStatus::Accruing),
            ]
        );
    }

    #[test]
    fn a_range_after_the_as_of_date_is_refused() {
        let mut s = span("2023-04-30", Every::Month);
        s.to = Some(d("2023-05-31"));
        assert!(matches!(
            order_timeline(&cnil(), s, false),
            Err(ScheduleError::PastAsOf { .. })
        ));
        s.to = Some(d("2023-01-01"));
        s.from = Some(d("2023-02-01"));
        assert!(matches!(
            order_timeline(&cnil(), s, false),
            Err(ScheduleError::Reversed { .. })
        ));
    }

    #[test]
    fn a_weekly_schedule_runs_to_the_last_day_a_case_can_reach() {
        // 1900-01-01 is a Monday: 2,958,464 days to 9999-12-31 are 422,637 whole weeks and
        // a last week of 5 days (Monday 9999-12-27 to Friday 9999-12-31).
        let o = order("1900-01-01", dec!(1000));
        let t = order_timeline(&o, span("9999-12-31", Every::Week), false).unwrap();
        let (mut n, mut last) = (0, None);
        for row in t.rows() {
            n += 1;
            last = Some(row.unwrap());
        }
        let last = last.unwrap();
        assert_eq!(n, 422_638);
        assert_eq!(
            (last.from, last.through(), last.days),
            (d("9999-12-27"), d("9999-12-31"), 5)
        );
        // 2,958,464 days x 1,000.
        assert_eq!(last.cumulative, dec!(2958464000));
    }

    #[test]
    fn a_monthly_rows_rate_reads_the_measure_on_its_units_last_day() {
        let mut o = order("2024-01-01", dec!(1000));
        o.per = Per::Month;
        o.amendments_mut()
            .adjustments
            .push(crate::case::Adjustment {
                measure: "sites".into(),
                per_item: dec!(100),
            });
        o.amendments_mut()
            .measurements
            .push(crate::case::Measurement {
                date: d("2024-01-20"),
                decided: None,
                values: [("sites".to_string(), dec!(2))].into_iter().collect(),
            });
        let t = order_timeline(&o, span("2024-01-31", Every::Week), false).unwrap();
        // January is one unit whose last day, 31 January, reads 2 sites: 1,000 + 2 x 100 =
        // 1,200 on every row of it, those before the measurement included; no cut at it.
        let rates: Vec<_> = all_rows(&t).iter().map(|r| (r.from, r.rate)).collect();
        assert_eq!(
            rates,
            [
                (d("2024-01-01"), dec!(1200)),
                (d("2024-01-08"), dec!(1200)),
                (d("2024-01-15"), dec!(1200)),
                (d("2024-01-22"), dec!(1200)),
                (d("2024-01-29"), dec!(1200)),
            ]
        );
        let measured = entries(&t).iter().any(|e| {
            matches!(e, Entry::Event(Event { date, kind: EventKind::Measurement(_) }) if *date == d("2024-01-20"))
        });
        assert!(measured);
    }

    #[test]
    fn a_yearly_schedule_over_a_century_has_one_row_per_year() {
        let o = order("1926-01-01", dec!(1));
        let t = order_timeline(&o, span("2025-12-31", Every::Year), false).unwrap();
        assert_eq!(all_rows(&t).len(), 100);
        assert_eq!(
            all_rows(&t).last().unwrap().cumulative,
            Decimal::from(t.accrual.days)
        );
    }
}
