//! Exposure over time, for the chart: the figures `compute` gives as of each of a set of
//! days, split into fines, liquidated penalties and accruing penalties, and the events that
//! moved them (fines, liquidations, deadline changes, measurements, compliance...).
//!
//! Each point is exactly what `penalty compute --as-of D` reports for the cases on day D:
//! what was known then (a liquidation counts at the amount the authority or court set, from
//! the day it was decided; an annulled fine counts zero from its annulment), in the case's
//! own currency or converted and rounded component by component as `compute` does. The last
//! point is therefore the report's exposure.
//!
//! The days are the chart's knots, not every day: the day before and the day of every event
//! that can move a figure, the first and last day, and an even grid between them (so a penalty
//! forfeited per month or per semester shows its steps). A daily penalty accrues evenly
//! between knots, so a straight line between two points is its exact course. A portfolio
//! with more than [`KNOT_CELLS`] knots keeps one per cell of the range, and one of more than
//! about a thousand cases fewer (see [`CASE_DAYS`]): the last point stays exact, the course
//! between knots is drawn to the chart's resolution.

use crate::accrue::{self, LIMITS};
use crate::case::Case;
use crate::exposure::{FxDate, ReportError, Totals, case_line};
use crate::fx::{Currency, RateTable, RateUsed};
use chrono::{Days, NaiveDate};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

mod events;

use events::{case_knots, case_marks};

/// Points on the even grid between the first and the last day, besides the knots.
pub const GRID: u64 = 240;

/// The most knots a history keeps all of: past it (a large portfolio), the range is cut into
/// this many cells and only the first knot of each is kept, so that the days sampled, and the
/// work, stay bounded (about a pixel and a half of the chart's width per cell).
pub const KNOT_CELLS: u64 = 600;

/// The most case lines a history computes (days sampled x cases): past about a thousand
/// cases, the grid and the cells shrink so the work stays near this, down to 50 grid days
/// and 75 cells (10,000 cases: about 200 days).
pub const CASE_DAYS: u64 = 2_000_000;

/// The grid days and the knot cells for `cases` cases: [`GRID`] and [`KNOT_CELLS`], or fewer
/// for a portfolio, so that days x cases stays near [`CASE_DAYS`].
fn resolution(cases: usize) -> (u64, u64) {
    let cases = u64::try_from(cases.max(1)).unwrap_or(u64::MAX);
    let days = (CASE_DAYS / cases).max(200);
    let grid = GRID.min(days / 4);
    let cells = KNOT_CELLS.min((days - grid) / 2);
    (grid, cells)
}

/// The figures as of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// The day (figures as of its end).
    pub date: NaiveDate,
    /// Fines counted: enforceable and contested.
    pub fines: Decimal,
    /// Liquidated penalties counted, at the amounts decided.
    pub liquidated: Decimal,
    /// Penalties accrued but not yet liquidated.
    pub accruing: Decimal,
}

impl Point {
    /// Fines plus penalties, as `compute` adds them up.
    pub fn exposure(&self) -> Decimal {
        self.fines + self.liquidated + self.accruing
    }
}

/// What kind of event a mark shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkKind {
    /// A fine was decided.
    Fine,
    /// A fine was appealed, reduced, annulled, reinstated or upheld.
    FineEvent,
    /// An order's first day of delay.
    FirstDayOfDelay,
    /// A later decision moved an order's deadline.
    DeadlineChange,
    /// Measured values, which adjust an order's amount per unit.
    Measurement,
    /// A liquidation was decided.
    Liquidation,
    /// A liquidation was appealed, reduced, annulled, reinstated or upheld.
    LiquidationEvent,
    /// An order's cap was reached.
    CapReached,
    /// An order was complied with.
    Compliance,
    /// An order was lifted.
    Lifted,
}

impl MarkKind {
    /// The kind in words, for the chart's legend.
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Fine => "fine",
            MarkKind::FineEvent => "fine event",
            MarkKind::FirstDayOfDelay => "first day of delay",
            MarkKind::DeadlineChange => "deadline change",
            MarkKind::Measurement => "measurement",
            MarkKind::Liquidation => "liquidation",
            MarkKind::LiquidationEvent => "liquidation event",
            MarkKind::CapReached => "cap reached",
            MarkKind::Compliance => "compliance",
            MarkKind::Lifted => "lifted",
        }
    }
}

/// An event on the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The day it happened.
    pub date: NaiveDate,
    /// What happened.
    pub kind: MarkKind,
    /// The case it belongs to.
    pub case: String,
    /// What happened, in words (amounts in the case's currency, exact).
    pub words: String,
}

/// The exposure of one case, or of a group of cases, over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// What the history is of: a case id, a company, or all the cases.
    pub subject: String,
    /// The ids of the cases summed, in the order given.
    pub cases: Vec<String>,
    /// The currency of every point.
    pub currency: Currency,
    /// The figures' date: the last point is as of it, unless `to` is earlier.
    pub as_of: NaiveDate,
    /// Today: days after it are a projection.
    pub today: NaiveDate,
    /// The first day shown.
    pub from: NaiveDate,
    /// The last day shown.
    pub to: NaiveDate,
    /// The figures, by day, in increasing date order; the first is as of `from`, the last as
    /// of `to`.
    pub points: Vec<Point>,
    /// The events between `from` and `to`, known by the as-of date, in date order.
    pub marks: Vec<Mark>,
    /// The exchange rates used for the last point (none in a case's own currency).
    pub rates: BTreeSet<RateUsed>,
}

impl History {
    /// The figures of the last day shown.
    pub fn last(&self) -> Option<&Point> {
        self.points.last()
    }

    /// Whether days after today are shown: the run projects.
    pub fn projects(&self) -> bool {
        self.to > self.today
    }
}

/// What to show and how to value it.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'r> {
    /// The figures' date.
    pub as_of: NaiveDate,
    /// Today (days after it are a projection).
    pub today: NaiveDate,
    /// The first day shown [default: the first event of the cases].
    pub from: Option<NaiveDate>,
    /// The last day shown [default: the as-of date].
    pub to: Option<NaiveDate>,
    /// The currency to convert into, or `None` for the cases' own (they must share one).
    pub currency: Option<Currency>,
    /// When amounts are converted.
    pub fx_date: FxDate,
    /// The exchange rates.
    pub rates: &'r RateTable,
    /// How many cases the whole chart draws, over all its panels: the work they share
    /// ([`CASE_DAYS`]) sets how many days each panel samples.
    pub charted: usize,
}

/// Why a history could not be made.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// Nothing happened by the last day.
    #[error("nothing to chart for {0}: no fine, order or event on or before the last day shown")]
    Empty(String),
    /// `--from` after the last day.
    #[error("--from {from} is after the last day shown, {to}")]
    Reversed {
        /// The first day asked for.
        from: NaiveDate,
        /// The last day shown.
        to: NaiveDate,
    },
    /// Cases in several currencies, and no currency to convert into.
    #[error("the cases are in several currencies ({0}): give one to convert into")]
    Currencies(String),
    /// The cases' figures do not add up exactly in a decimal.
    #[error("the figures of {0} cannot be added up exactly ({LIMITS})")]
    Overflow(String),
    /// A figure could not be computed or converted (located in its case file).
    #[error(transparent)]
    Report(#[from] ReportError),
}

/// The exposure of `cases`, summed, over time.
///
/// # Errors
///
/// When nothing happened by the last day, the range is reversed, the cases' currencies differ
/// with no currency to convert into, or a figure overflows or lacks an exchange rate.
pub fn history(subject: &str, cases: &[&Case], scope: Scope<'_>) -> Result<History, HistoryError> {
    let currency = match scope.currency {
        Some(c) => c,
        None => {
            let own: BTreeSet<&str> = cases.iter().map(|c| c.currency.code()).collect();
            match (cases.first(), own.len()) {
                (Some(first), 1) => first.currency,
                (None, _) => return Err(HistoryError::Empty(subject.to_string())),
                _ => {
                    let list: Vec<&str> = own.into_iter().collect();
                    return Err(HistoryError::Currencies(list.join(", ")));
                }
            }
        }
    };
    let to = scope.to.unwrap_or(scope.as_of).min(scope.as_of);
    let mut knots: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut marks = Vec::new();
    for case in cases {
        knots.extend(case_knots(case, scope.as_of));
        marks.extend(case_marks(case, scope.as_of, cases.len() > 1));
    }
    let first = knots.iter().copied().find(|&k| k <= to);
    let from = match (scope.from, first) {
        (Some(f), _) if f > to => return Err(HistoryError::Reversed { from: f, to }),
        (Some(f), _) => f,
        (None, Some(f)) => f,
        (None, None) => return Err(HistoryError::Empty(subject.to_string())),
    };
    let mut days: BTreeSet<NaiveDate> = BTreeSet::new();
    days.extend([from, to]);
    let span = u64::try_from((to - from).num_days()).unwrap_or(0);
    // Past `cells` knots (a portfolio's), one knot per cell of the range is kept, the first:
    // as fine as the chart can show, and the work stays bounded.
    let (grid, cells) = resolution(scope.charted.max(cases.len()));
    let thin = knots.range(from..=to).count() > usize::try_from(cells).unwrap_or(0);
    let mut last_cell = None;
    for &k in knots.range(from..=to) {
        if thin {
            let since = u64::try_from((k - from).num_days()).unwrap_or(0);
            let cell = since * cells / span.max(1);
            if last_cell == Some(cell) {
                continue;
            }
            last_cell = Some(cell);
        }
        days.insert(k);
        days.extend(k.pred_opt().filter(|&p| p >= from));
    }
    if scope.today > from && scope.today < to {
        days.insert(scope.today);
    }
    for i in 1..grid {
        days.extend(from.checked_add_days(Days::new(span * i / grid)));
    }

    // Each day's figures are independent of the others': computed on the thread pool, in
    // day order, the first error (in day order) reported.
    let days: Vec<NaiveDate> = days.into_iter().collect();
    let figures: Vec<Result<(Point, Vec<RateUsed>), HistoryError>> = days
        .par_iter()
        .map(|&day| point_on(subject, cases, day, currency, scope))
        .collect();
    let mut rates = BTreeSet::new();
    let mut points = Vec::with_capacity(figures.len());
    for figure in figures {
        let (point, used) = figure?;
        if point.date == to {
            rates.extend(used);
        }
        points.push(point);
    }
    let points = drop_collinear(points);
    marks.retain(|m| from <= m.date && m.date <= to);
    marks.sort_by(|a, b| (a.date, &a.case, a.kind).cmp(&(b.date, &b.case, b.kind)));
    Ok(History {
        subject: subject.to_string(),
        cases: cases.iter().map(|c| c.id.clone()).collect(),
        currency,
        as_of: scope.as_of,
        today: scope.today,
        from,
        to,
        points,
        marks,
        rates,
    })
}

/// The cases' figures as of `day`, summed in `currency`, with the rates used.
fn point_on(
    subject: &str,
    cases: &[&Case],
    day: NaiveDate,
    currency: Currency,
    scope: Scope<'_>,
) -> Result<(Point, Vec<RateUsed>), HistoryError> {
    let mut point = Point {
        date: day,
        fines: Decimal::ZERO,
        liquidated: Decimal::ZERO,
        accruing: Decimal::ZERO,
    };
    let mut rates = Vec::new();
    let add = |a: Decimal, b: Decimal| {
        accrue::exact_add(a, b).ok_or_else(|| HistoryError::Overflow(subject.to_string()))
    };
    for case in cases {
        let line = case_line(case, day, currency, scope.fx_date, scope.rates)?;
        let t: &Totals = if case.currency == currency {
            &line.own
        } else {
            &line.totals
        };
        point.fines = add(point.fines, t.fines())?;
        point.liquidated = add(point.liquidated, t.liquidated())?;
        point.accruing = add(point.accruing, t.accruing)?;
        // The exposure too, so that `Point::exposure` cannot overflow.
        add(add(point.fines, point.liquidated)?, point.accruing)?;
        rates.extend(line.rates);
    }
    Ok((point, rates))
}

/// The points without those on a straight line between their neighbours (in every
/// component, exactly): the line drawn is the same, with fewer points.
fn drop_collinear(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        let (Some(prev), Some(next)) = (out.last(), points.get(i + 1)) else {
            out.push(*p);
            continue;
        };
        let (a, b) = (
            Decimal::from((p.date - prev.date).num_days()),
            Decimal::from((next.date - p.date).num_days()),
        );
        let on_line = |x: Decimal, y: Decimal, z: Decimal| {
            let before = y.checked_sub(x).and_then(|d| d.checked_mul(b));
            let after = z.checked_sub(y).and_then(|d| d.checked_mul(a));
            before.is_some() && before == after
        };
        let straight = on_line(prev.fines, p.fines, next.fines)
            && on_line(prev.liquidated, p.liquidated, next.liquidated)
            && on_line(prev.accruing, p.accruing, next.accruing);
        if !straight {
            out.push(*p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Fine, Liquidation, Order, Per, Period, PeriodEnd, Start, StartRule};
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A case of EUR: a fine of 20,000,000 on 2022-10-17 and an order of 100,000 a day from
    /// 2022-12-19, its first 52 days liquidated on 2023-04-13 at `ordered`.
    fn case(ordered: Decimal) -> Case {
        let order = Order {
            id: "o".into(),
            start: Start::Known {
                first_day: d("2022-12-19"),
                rule: StartRule::Starts,
            },
            rate: Some(dec!(100000)),
            per: Per::Day,
            liquidations: vec![Liquidation {
                decided: d("2023-04-13"),
                window: Period {
                    from: d("2022-12-19"),
                    until: d("2023-02-09"),
                    written: PeriodEnd::Until,
                },
                amount: Some(ordered),
                due: None,
                reference: None,
                events: vec![],
            }],
            ..Order::default()
        };
        Case {
            path: "c.toml".into(),
            id: "c".into(),
            company: "C".into(),
            jurisdiction: "FR".into(),
            authority: None,
            reference: None,
            currency: "EUR".parse().unwrap(),
            turnover: None,
            interest: None,
            notes: None,
            sources: vec![],
            fines: vec![Fine {
                id: "fine".into(),
                amount: dec!(20000000),
                decided: d("2022-10-17"),
                due: None,
                terms: None,
                reference: None,
                legal_basis: None,
                events: vec![],
            }],
            orders: vec![order],
            payments: vec![],
            expects: vec![],
            owing: None,
        }
    }

    fn scope<'r>(rates: &'r RateTable, as_of: &str) -> Scope<'r> {
        Scope {
            as_of: d(as_of),
            today: d("2026-11-22"),
            from: None,
            to: None,
            currency: None,
            fx_date: FxDate::AsOf,
            rates,
            charted: 1,
        }
    }

    fn at(h: &History, day: &str) -> Point {
        *h.points.iter().find(|p| p.date == d(day)).unwrap()
    }

    #[test]
    fn each_point_is_the_figures_known_that_day_and_a_liquidation_counts_as_ordered() {
        let rates = RateTable::empty();
        // Ordered at 4,000,000 for 52 days computed at 5,200,000.
        let c = case(dec!(4000000));
        let h = history("c", &[&c], scope(&rates, "2023-04-30")).unwrap();
        assert_eq!((h.from, h.to), (d("2022-10-17"), d("2023-04-30")));
        // The day before the liquidation: 115 days accruing x 100,000 = 11,500,000.
        let before = at(&h, "2023-04-12");
        assert_eq!(
            (before.fines, before.liquidated, before.accruing),
            (dec!(20000000), dec!(0), dec!(11500000))
        );
        // The day of it: 4,000,000 liquidated, 64 days x 100,000 = 6,400,000 accruing.
        let on = at(&h, "2023-04-13");
        assert_eq!(
            (on.liquidated, on.accruing, on.exposure()),
            (dec!(4000000), dec!(6400000), dec!(30400000))
        );
        // The last: 81 days accruing; 20,000,000 + 4,000,000 + 8,100,000 = 32,100,000.
        assert_eq!(h.last().unwrap().exposure(), dec!(32100000));
        let kinds: Vec<MarkKind> = h.marks.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                MarkKind::Fine,
                MarkKind::FirstDayOfDelay,
                MarkKind::Liquidation
            ]
        );
        assert_eq!(
            h.marks[2].words,
            "order \"o\": liquidation, 2022-12-19 to 2023-02-08: EUR 4,000,000.00 ordered (computed 5,200,000.00)"
        );
    }

    #[test]
    fn a_portfolio_gets_fewer_days_so_the_work_stays_bounded() {
        assert_eq!(resolution(1), (240, 600));
        assert_eq!(resolution(1_000), (240, 600));
        // 2,000,000 / 5,000 = 400 days: 100 on the grid, 150 cells of two.
        assert_eq!(resolution(5_000), (100, 150));
        // 10,000 cases: 200 days: 50 on the grid, 75 cells.
        assert_eq!(resolution(10_000), (50, 75));
        assert_eq!(resolution(1_000_000), (50, 75));
    }

    #[test]
    fn many_knots_are_thinned_and_the_last_point_stays_exact() {
        let rates = RateTable::empty();
        // One fine a day for 1,000 days: 1,000 knots, more than KNOT_CELLS.
        let mut c = case(dec!(5200000));
        c.orders.clear();
        let first = d("2020-01-01");
        c.fines = (0..1000u64)
            .map(|i| Fine {
                id: format!("f{i}"),
                amount: dec!(1),
                decided: first.checked_add_days(Days::new(i)).unwrap(),
                due: None,
                terms: None,
                reference: None,
                legal_basis: None,
                events: vec![],
            })
            .collect();
        let h = history("c", &[&c], scope(&rates, "2022-09-26")).unwrap();
        // 2020-01-01 + 999 days = 2022-09-26: the last fine, 1,000 x 1 = 1,000.
        assert_eq!(h.last().unwrap().fines, dec!(1000));
        // Fewer days than two per knot: at most two per cell, and the grid.
        assert!(h.points.len() <= 2 * 600 + 240 + 2, "{}", h.points.len());
        assert_eq!(h.marks.len(), 1000);
    }

    fn p(date: &str, fines: Decimal, accruing: Decimal) -> Point {
        Point {
            date: date.parse().unwrap(),
            fines,
            liquidated: Decimal::ZERO,
            accruing,
        }
    }

    #[test]
    fn points_on_a_straight_line_are_dropped_and_steps_kept() {
        // 100,000 a day from 2023-01-01: 10 days 1,000,000, 20 days 2,000,000; the fine of
        // 2023-01-21 is a step, kept with the day before it.
        let points = vec![
            p("2023-01-01", dec!(0), dec!(0)),
            p("2023-01-11", dec!(0), dec!(1000000)),
            p("2023-01-20", dec!(0), dec!(1900000)),
            p("2023-01-21", dec!(20000000), dec!(2000000)),
            p("2023-01-31", dec!(20000000), dec!(3000000)),
        ];
        let kept: Vec<NaiveDate> = drop_collinear(points).iter().map(|p| p.date).collect();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            kept,
            [
                d("2023-01-01"),
                d("2023-01-20"),
                d("2023-01-21"),
                d("2023-01-31")
            ]
        );
    }
}
