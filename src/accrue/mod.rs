//! The accrual engine: pure functions of (order, as-of date) that compute what a periodic
//! penalty has accrued, in closed form over segments (rate changes, suspensions, compliance),
//! so that one day and a hundred years of delay cost the same.
//!
//! Everything rests on one function, the uncapped accrual of the forfeitures dated before a
//! day `t` (`uncapped(t)`), which is monotone in `t`. The capped accrual is its minimum with
//! the cap; the day the cap is reached is found by bisection on it; a liquidation's computed
//! amount is the difference of the capped accrual at its window's two ends.
//!
//! Submodules: `calc` (the order resolved, and the closed form), `running` (the accrual at a
//! schedule's row ends in one pass), `known` (the order as known on a day), `units` (weeks to years on the
//! calendar), `adjust` (measured adjustments), `next` (the next forfeiture), `sweep` (many
//! liquidations in one pass), `exact` (arithmetic that refuses to round) and `state`.

mod adjust;
mod calc;
mod exact;
mod known;
mod next;
mod running;
mod state;
mod sweep;
mod units;

pub use adjust::Term;
use calc::Calc;
pub use exact::{LIMITS, exact_add, exact_mul, exact_sub};
pub use known::{exists, known};
pub use next::Forfeiture;
pub use running::Running;
pub use state::OrderState;
use sweep::Sweep;

use crate::case::{Liquidation, Order, Per};
use crate::events::Status;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// An arithmetic overflow: the amounts do not fit in a decimal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "order \"{order}\": the accrued amount cannot be computed exactly (amounts must stay below 79,228,162,514,264,337,593,543,950,335 and within 28 significant digits); check its {field}"
)]
pub struct Overflow {
    /// The order's id.
    pub order: String,
    /// The field whose size caused it.
    pub field: &'static str,
}

/// A run of forfeitures at one rate: days of a daily penalty, units of a weekly or monthly
/// one, or one violation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// First calendar day the segment covers.
    pub from: NaiveDate,
    /// First calendar day after it.
    pub until: NaiveDate,
    /// Days, units or violations forfeited.
    pub units: i64,
    /// The amount per unit: the rate in force, adjusted by measured values (never below
    /// zero).
    pub rate: Decimal,
    /// `units x rate`, less what the cap cut off.
    pub amount: Decimal,
    /// What the cap cut off this segment (zero when the cap was not reached in it).
    pub capped: Decimal,
    /// The rate in force before measured adjustments (equal to `rate` without them).
    pub base: Decimal,
    /// The measured adjustments that made `rate` from `base` (empty without them).
    pub adjustments: Vec<Term>,
}

/// A liquidation's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiquidationFigures {
    /// The liquidation as written.
    pub liquidation: Liquidation,
    /// The accrual computed over its window.
    pub computed: Decimal,
    /// The amount decided: the ordered amount, or the computed one when none is given.
    pub ordered: Decimal,
    /// The amount in force as of the date: `ordered`, or the last reduction known by then.
    pub amount: Decimal,
    /// `computed - amount`: what the authority or judges took off (negative if they added).
    pub reduction: Decimal,
    /// Days of delay counted in the window.
    pub days: i64,
    /// Its standing as of the date; an annulled liquidation counts zero and its window's
    /// days are accruing again.
    pub status: Status,
    /// For an order whose rate is a ceiling (`ceiling = true`), the computed amount when the
    /// liquidation fixed less: the amount was fixed within the ceiling, not reduced, so
    /// `reduction` counts only what was taken off the amount fixed (on appeal).
    pub ceiling: Option<Decimal>,
}

impl LiquidationFigures {
    /// What the liquidation counts for: its amount in force, or zero when annulled.
    pub fn counted(&self) -> Decimal {
        if self.status == Status::Annulled {
            Decimal::ZERO
        } else {
            self.amount
        }
    }
}

/// An order's figures as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accrual {
    /// The first day of delay, when known.
    pub first_day: Option<NaiveDate>,
    /// Where the order stands.
    pub state: OrderState,
    /// Days of delay counted through the as-of date (suspended days excluded).
    pub days: i64,
    /// Everything accrued from the first day of delay through the as-of date.
    pub accrued: Decimal,
    /// The day the cap was reached, if it was by the as-of date.
    pub cap_reached: Option<NaiveDate>,
    /// Liquidations decided on or before the as-of date.
    pub liquidations: Vec<LiquidationFigures>,
    /// Sum of their amounts.
    pub liquidated: Decimal,
    /// Days covered by them.
    pub liquidated_days: i64,
    /// Accrual on the days no liquidation covers: provisional, not owed until liquidated.
    pub accruing: Decimal,
    /// Days of delay not covered by a liquidation.
    pub accruing_days: i64,
    /// What one more day of delay (the day after the as-of date) adds, for an order that is
    /// still open: zero on a suspended day, before the first day of delay or past the cap. For
    /// `per = "violation"`, what one more violation would forfeit.
    pub run_rate: Option<Decimal>,
    /// The cap less what has accrued, for an open order with a cap.
    pub at_risk: Option<Decimal>,
    /// Whether the rate is a ceiling (`ceiling = true`): accruing penalties are then a
    /// maximum, "at most" that much, until a liquidation fixes them.
    pub at_most: bool,
    /// For an open order, the next sum forfeited if nothing changes: the next counted day,
    /// the next unit, or the cap's last part; `None` for violations, past the cap, or when
    /// the order is closed.
    pub next_forfeiture: Option<Forfeiture>,
}

/// Computes an order's figures as of the end of day `as_of`, on the order as known then
/// ([`known`]).
pub fn accrue(order: &Order, as_of: NaiveDate) -> Result<Accrual, Overflow> {
    let order = &*known(order, as_of);
    let Some(calc) = Calc::new(order) else {
        return Ok(unknown(order));
    };
    let t = day_after(as_of);
    let accrued = calc.capped(t)?;
    let days = calc.counted_days(t);
    let (mut liquidated, mut liquidated_computed, mut liquidated_days) =
        (Decimal::ZERO, Decimal::ZERO, 0i64);
    let decided: Vec<&Liquidation> = order
        .liquidations
        .iter()
        .filter(|l| l.decided <= as_of)
        .collect();
    let mut liquidations = Vec::with_capacity(decided.len());
    for f in calc.liquidations(&decided, as_of)? {
        // An annulled liquidation's days go back to accruing.
        if f.status != Status::Annulled {
            liquidated = calc.add(liquidated, f.amount, "amount")?;
            liquidated_computed = calc.add(liquidated_computed, f.computed, "rate")?;
            liquidated_days += f.days;
        }
        liquidations.push(f);
    }
    let state = calc.state(as_of);
    let cap_reached = calc.cap_reached(t)?;
    let open = state.is_open();
    let at_risk = match (order.cap, open) {
        (Some(cap), true) => Some(calc.sub(cap, accrued, "cap")?),
        _ => None,
    };
    let next_day = if open && order.per != Per::Violation {
        // Exactly what the next day adds: nothing on a suspended day, before the first day
        // of delay, past the cap, or inside a week or month already forfeited.
        calc.sub(calc.capped(day_after(t))?, accrued, "rate")?
    } else {
        Decimal::ZERO
    };
    let run_rate = if !open {
        None
    } else if order.per == Per::Violation {
        // Violations are events, not days: what one more violation would forfeit.
        let rate = calc.rate_on(t.max(calc.first));
        Some(at_risk.map_or(rate, |left| rate.min(left)))
    } else {
        Some(next_day)
    };
    let next_forfeiture = if open {
        calc.next_forfeiture(t, accrued, next_day)?
    } else {
        None
    };
    Ok(Accrual {
        first_day: Some(calc.first),
        state,
        days,
        accrued,
        cap_reached,
        liquidations,
        liquidated,
        liquidated_days,
        accruing: calc.sub(accrued, liquidated_computed, "rate")?,
        accruing_days: days - liquidated_days,
        run_rate,
        at_risk,
        at_most: order.ceiling,
        next_forfeiture,
    })
}

/// The segments an order's accrual through the end of `as_of` is made of (days x rate, units
/// x rate, or violations), with what the cap cut off: how `accrue`'s figure was obtained.
/// Computed only when asked for, so that a portfolio's report does not carry them.
pub fn segments(order: &Order, as_of: NaiveDate) -> Result<Vec<Segment>, Overflow> {
    let order = &*known(order, as_of);
    match Calc::new(order) {
        Some(calc) => calc.segments(day_after(as_of)),
        None => Ok(Vec::new()),
    }
}

/// The capped accrual of the days before `t` (the first day not counted).
pub fn accrued_before(order: &Order, t: NaiveDate) -> Result<Decimal, Overflow> {
    match Calc::new(order) {
        Some(calc) => calc.capped(t),
        None => Ok(Decimal::ZERO),
    }
}

/// Days of delay counted before `t`.
pub fn days_before(order: &Order, t: NaiveDate) -> i64 {
    Calc::new(order).map_or(0, |c| c.counted_days(t))
}

/// The total of all the order's liquidations (ordered amounts, or computed ones), whatever
/// the date: the most that payments towards the order can amount to.
pub fn liquidated_total(order: &Order) -> Result<Decimal, Overflow> {
    let Some(calc) = Calc::new(order) else {
        return Ok(Decimal::ZERO);
    };
    let all: Vec<&Liquidation> = order.liquidations.iter().collect();
    calc.liquidations(&all, NaiveDate::MAX)?
        .iter()
        .try_fold(Decimal::ZERO, |sum, f| calc.add(sum, f.counted(), "amount"))
}

/// The day the cap is reached, when it is reached before `t`.
pub fn cap_reached_before(order: &Order, t: NaiveDate) -> Result<Option<NaiveDate>, Overflow> {
    Calc::new(order).map_or(Ok(None), |c| c.cap_reached(t))
}

/// The rate in force on `day` (the base rate before any change).
pub fn rate_on(order: &Order, day: NaiveDate) -> Decimal {
    let base = order.rate.unwrap_or_default();
    let i = order.rate_changes.partition_point(|rc| rc.from <= day);
    if i == 0 {
        base
    } else {
        order.rate_changes[i - 1].rate
    }
}

/// The amount per unit of the unit holding `day`, as the accrual counts it (design §11): the
/// rate in force on `day` plus each adjustment's `per_item` x the value of its measure read
/// where the engine reads it, on the day itself for a daily penalty and on the unit's last day
/// for one charged per week to year (0 before any measurement), never below zero. Without
/// adjustments, or for penalties per violation or once, the rate in force on `day`.
///
/// # Errors
///
/// When the adjusted amount does not fit in a decimal.
pub fn amount_per_unit_on(order: &Order, day: NaiveDate) -> Result<Decimal, Overflow> {
    let base = rate_on(order, day);
    let Some(calc) = Calc::new(order) else {
        return Ok(base);
    };
    let read_on = match order.per {
        Per::Violation | Per::Once => return Ok(base),
        Per::Day => day,
        _ => {
            let k = calc.unit_index(day.max(calc.first));
            let start = calc.unit_start(k);
            calc.unit_start(k.saturating_add(1))
                .pred_opt()
                .unwrap_or(start)
        }
    };
    Ok(calc.adjusted(base, read_on)?.0)
}

fn day_after(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(NaiveDate::MAX)
}

/// The figures of an order whose first day of delay is unknown. The order is the one known
/// as of the day asked about ([`known`]): a compliance or lifting it records has happened.
fn unknown(order: &Order) -> Accrual {
    let state = match (order.complied, order.lifted) {
        (_, Some(l)) => OrderState::Lifted(l),
        (Some(c), _) => OrderState::Complied(c),
        _ => OrderState::Unknown,
    };
    Accrual {
        first_day: None,
        state,
        days: 0,
        accrued: Decimal::ZERO,
        cap_reached: None,
        liquidations: Vec::new(),
        liquidated: Decimal::ZERO,
        liquidated_days: 0,
        accruing: Decimal::ZERO,
        accruing_days: 0,
        run_rate: None,
        at_risk: if state.is_open() { order.cap } else { None },
        at_most: order.ceiling,
        next_forfeiture: None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::case::{Count, Period, PeriodEnd, RateChange, Start, StartRule, Violation};
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    pub(crate) fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub(crate) fn order(first: &str, rate: Decimal, per: Per) -> Order {
        Order {
            id: "o".into(),
            description: None,
            start: Start::Known {
                first_day: d(first),
                rule: StartRule::Starts,
            },
            rate: Some(rate),
            per,
            count: Count::Started,
            rate_changes: vec![],
            cap: None,
            suspensions: vec![],
            complied: None,
            lifted: None,
            violations: vec![],
            liquidations: vec![],
            reference: None,
            span: 0..0,
            ..Order::default()
        }
    }

    fn until(from: &str, until: &str) -> Period {
        Period {
            from: d(from),
            until: d(until),
            written: PeriodEnd::Until,
        }
    }

    fn cnil() -> Order {
        let mut o = order("2022-12-19", dec!(100000), Per::Day);
        o.liquidations.push(Liquidation {
            decided: d("2023-04-13"),
            window: until("2022-12-19", "2023-02-09"),
            amount: Some(dec!(5200000)),
            due: None,
            reference: None,
            events: vec![],
        });
        o
    }

    #[test]
    fn cnil_before_liquidation_52_days_accruing() {
        let a = accrue(&cnil(), d("2023-02-08")).unwrap();
        assert_eq!(a.days, 52);
        assert_eq!(a.accrued, dec!(5200000));
        assert_eq!(a.accruing, dec!(5200000));
        assert_eq!(a.liquidated, Decimal::ZERO);
        assert_eq!(a.state, OrderState::Open);
    }

    #[test]
    fn cnil_on_liquidation_day_116_days_split_52_64() {
        let a = accrue(&cnil(), d("2023-04-13")).unwrap();
        assert_eq!(a.days, 116);
        assert_eq!(a.accrued, dec!(11600000));
        assert_eq!(a.liquidated, dec!(5200000));
        assert_eq!(a.liquidations[0].computed, dec!(5200000));
        assert_eq!(a.liquidations[0].reduction, Decimal::ZERO);
        assert_eq!(a.liquidations[0].days, 52);
        assert_eq!(a.accruing, dec!(6400000));
        assert_eq!(a.accruing_days, 64);
    }

    #[test]
    fn cnil_today_1383_days_accruing() {
        let a = accrue(&cnil(), d("2026-11-22")).unwrap();
        assert_eq!(a.accruing_days, 1383);
        assert_eq!(a.accruing, dec!(138300000));
        assert_eq!(a.run_rate, Some(dec!(100000)));
    }

    #[test]
    fn reduced_liquidation_shows_the_reduction() {
        let mut o = cnil();
        o.liquidations[0].amount = Some(dec!(4000000));
        let a = accrue(&o, d("2023-04-13")).unwrap();
        assert_eq!(a.liquidated, dec!(4000000));
        assert_eq!(a.liquidations[0].reduction, dec!(1200000));
        // The accruing part is what the window does not cover, whatever the reduction.
        assert_eq!(a.accruing, dec!(6400000));
    }

    #[test]
    fn through_counts_the_last_day_until_does_not() {
        // EU court style: 20 Sept 2021 to 3 Feb 2022, both ends counted: 137 days.
        let through = Period {
            from: d("2021-09-20"),
            until: d("2022-02-04"),
            written: PeriodEnd::Through,
        };
        assert_eq!(through.days(), 137);
        assert_eq!(until("2022-12-19", "2023-02-09").days(), 52);
    }

    #[test]
    fn rate_change_halves_the_rate() {
        let mut o = order("2023-04-01", dec!(1000000), Per::Day);
        o.rate_changes.push(RateChange {
            from: d("2023-04-21"),
            rate: dec!(500000),
            decided: None,
        });
        let a = accrue(&o, d("2023-04-30")).unwrap();
        // 20 days at 1,000,000 + 10 days at 500,000.
        assert_eq!(a.accrued, dec!(25000000));
        assert_eq!(segments(&o, d("2023-04-30")).unwrap().len(), 2);
        assert_eq!(a.run_rate, Some(dec!(500000)));
    }

    #[test]
    fn suspension_removes_days() {
        let mut o = order("2024-01-01", dec!(10), Per::Day);
        o.suspensions.push(until("2024-01-11", "2024-01-21"));
        let a = accrue(&o, d("2024-01-31")).unwrap();
        assert_eq!(a.days, 21);
        assert_eq!(a.accrued, dec!(210));
    }

    #[test]
    fn cap_stops_accrual_and_reports_the_day() {
        let mut o = order("2024-01-01", dec!(300), Per::Day);
        o.cap = Some(dec!(1000));
        // Day 1: 300, day 2: 600, day 3: 900, day 4: 1200 > 1000: reached on 2024-01-04.
        let a = accrue(&o, d("2024-01-03")).unwrap();
        assert_eq!(a.accrued, dec!(900));
        assert_eq!(a.cap_reached, None);
        assert_eq!(a.at_risk, Some(dec!(100)));
        assert_eq!(a.run_rate, Some(dec!(100)));
        let a = accrue(&o, d("2024-12-31")).unwrap();
        assert_eq!(a.accrued, dec!(1000));
        assert_eq!(a.cap_reached, Some(d("2024-01-04")));
        assert_eq!(a.at_risk, Some(Decimal::ZERO));
        assert_eq!(a.run_rate, Some(Decimal::ZERO));
        assert_eq!(
            segments(&o, d("2024-12-31")).unwrap()[0].capped,
            dec!(108800)
        );
    }

    #[test]
    fn complied_and_lifted_end_the_window() {
        let mut o = order("2024-01-01", dec!(10), Per::Day);
        o.complied = Some(d("2024-01-11"));
        let a = accrue(&o, d("2024-12-31")).unwrap();
        assert_eq!((a.days, a.accrued), (10, dec!(100)));
        assert_eq!(a.state, OrderState::Complied(d("2024-01-11")));
        assert_eq!(a.run_rate, None);
        // Before the compliance date it is still open.
        assert_eq!(accrue(&o, d("2024-01-05")).unwrap().state, OrderState::Open);

        let mut o = order("2024-01-01", dec!(10), Per::Day);
        o.lifted = Some(d("2024-01-06"));
        let a = accrue(&o, d("2024-12-31")).unwrap();
        assert_eq!((a.days, a.accrued), (5, dec!(50)));
        assert_eq!(a.state, OrderState::Lifted(d("2024-01-06")));
    }

    #[test]
    fn pending_order_accrues_nothing_yet() {
        let o = order("2030-01-01", dec!(10), Per::Day);
        let a = accrue(&o, d("2026-11-22")).unwrap();
        assert_eq!(a.state, OrderState::Pending);
        assert_eq!(a.accrued, Decimal::ZERO);
        // One more day adds nothing yet; on the eve of the first day of delay, the rate.
        assert_eq!(a.run_rate, Some(Decimal::ZERO));
        assert_eq!(
            accrue(&o, d("2029-12-31")).unwrap().run_rate,
            Some(dec!(10))
        );
    }

    #[test]
    fn run_rate_is_what_the_next_day_adds() {
        let mut o = order("2024-01-01", dec!(500), Per::Day);
        o.suspensions.push(until("2024-02-01", "2024-03-01"));
        // Inside the suspension, the next day adds nothing; on its last day, the next adds 500.
        assert_eq!(
            accrue(&o, d("2024-02-10")).unwrap().run_rate,
            Some(Decimal::ZERO)
        );
        assert_eq!(
            accrue(&o, d("2024-02-29")).unwrap().run_rate,
            Some(dec!(500))
        );
        // A lump sum already forfeited adds nothing more.
        let once = order("2024-01-01", dec!(9999), Per::Once);
        assert_eq!(
            accrue(&once, d("2024-01-01")).unwrap().run_rate,
            Some(Decimal::ZERO)
        );
        assert_eq!(
            accrue(&once, d("2023-12-31")).unwrap().run_rate,
            Some(dec!(9999))
        );
        // A week forfeits on its first day: the next day adds 700 only when it starts one.
        let week = order("2024-01-01", dec!(700), Per::Week);
        assert_eq!(
            accrue(&week, d("2024-01-03")).unwrap().run_rate,
            Some(Decimal::ZERO)
        );
        assert_eq!(
            accrue(&week, d("2024-01-07")).unwrap().run_rate,
            Some(dec!(700))
        );
    }

    #[test]
    fn unknown_start_accrues_nothing_and_puts_the_whole_cap_at_risk() {
        let mut o = order("2024-01-01", dec!(1), Per::Day);
        o.start = Start::Unknown;
        o.rate = None;
        o.cap = Some(dec!(5100000));
        let a = accrue(&o, d("2026-11-22")).unwrap();
        assert_eq!(a.accrued, Decimal::ZERO);
        assert_eq!(a.at_risk, Some(dec!(5100000)));
        assert_eq!(a.state, OrderState::Unknown);
    }

    #[test]
    fn weeks_started_count_in_full() {
        let o = order("2024-01-01", dec!(700), Per::Week);
        // 2024-01-01..=2024-01-08 is 8 days: week 0 and the first day of week 1.
        let a = accrue(&o, d("2024-01-08")).unwrap();
        assert_eq!(a.accrued, dec!(1400));
        let a = accrue(&o, d("2024-01-07")).unwrap();
        assert_eq!(a.accrued, dec!(700));
    }

    #[test]
    fn weeks_completed_count_on_their_last_day() {
        let mut o = order("2024-01-01", dec!(700), Per::Week);
        o.count = Count::Completed;
        assert_eq!(accrue(&o, d("2024-01-06")).unwrap().accrued, Decimal::ZERO);
        assert_eq!(accrue(&o, d("2024-01-07")).unwrap().accrued, dec!(700));
        assert_eq!(accrue(&o, d("2024-01-13")).unwrap().accrued, dec!(700));
        assert_eq!(accrue(&o, d("2024-01-14")).unwrap().accrued, dec!(1400));
        assert_eq!(accrue(&o, d("2024-01-21")).unwrap().accrued, dec!(2100));
        // A suspended day spoils its week.
        o.suspensions.push(until("2024-01-10", "2024-01-11"));
        assert_eq!(accrue(&o, d("2024-01-21")).unwrap().accrued, dec!(1400));
    }

    #[test]
    fn months_follow_the_month_end_rule() {
        let o = order("2023-01-31", dec!(1000), Per::Month);
        // Month 0: Jan 31 - Feb 27; month 1 starts Feb 28 (clamped), month 2 on Mar 31.
        assert_eq!(accrue(&o, d("2023-02-27")).unwrap().accrued, dec!(1000));
        assert_eq!(accrue(&o, d("2023-02-28")).unwrap().accrued, dec!(2000));
        assert_eq!(accrue(&o, d("2023-03-30")).unwrap().accrued, dec!(2000));
        assert_eq!(accrue(&o, d("2023-03-31")).unwrap().accrued, dec!(3000));
        let mut c = o.clone();
        c.count = Count::Completed;
        assert_eq!(accrue(&c, d("2023-02-27")).unwrap().accrued, dec!(1000));
        assert_eq!(accrue(&c, d("2023-02-26")).unwrap().accrued, Decimal::ZERO);
    }

    #[test]
    fn semesters_are_six_months() {
        let o = order("2024-01-01", dec!(5), Per::Semester);
        assert_eq!(accrue(&o, d("2024-06-30")).unwrap().accrued, dec!(5));
        assert_eq!(accrue(&o, d("2024-07-01")).unwrap().accrued, dec!(10));
    }

    #[test]
    fn quarters_and_years_are_laid_out_like_months() {
        // Quarters from 15 January: 15 Jan, 15 Apr, 15 Jul.
        let o = order("2024-01-15", dec!(300), Per::Quarter);
        assert_eq!(accrue(&o, d("2024-04-14")).unwrap().accrued, dec!(300));
        assert_eq!(accrue(&o, d("2024-04-15")).unwrap().accrued, dec!(600));
        let mut c = o.clone();
        c.count = Count::Completed;
        // A quarter counts on its last day, 14 April, only when completed.
        assert_eq!(accrue(&c, d("2024-04-13")).unwrap().accrued, Decimal::ZERO);
        assert_eq!(accrue(&c, d("2024-04-14")).unwrap().accrued, dec!(300));
        assert_eq!(accrue(&c, d("2024-10-14")).unwrap().accrued, dec!(900));
        // A year from 29 February 2024 runs to 27 February 2025 (the month-end rule).
        let y = order("2024-02-29", dec!(1000), Per::Year);
        assert_eq!(accrue(&y, d("2025-02-27")).unwrap().accrued, dec!(1000));
        assert_eq!(accrue(&y, d("2025-02-28")).unwrap().accrued, dec!(2000));
        let mut yc = y.clone();
        yc.count = Count::Completed;
        assert_eq!(accrue(&yc, d("2025-02-26")).unwrap().accrued, Decimal::ZERO);
        assert_eq!(accrue(&yc, d("2025-02-27")).unwrap().accrued, dec!(1000));
    }

    #[test]
    fn unit_rate_is_the_rate_on_its_first_day() {
        let mut o = order("2024-01-01", dec!(100), Per::Week);
        o.rate_changes.push(RateChange {
            from: d("2024-01-10"),
            rate: dec!(50),
            decided: None,
        });
        // Week 1 (Jan 8-14) started at 100; week 2 (Jan 15) at 50.
        assert_eq!(accrue(&o, d("2024-01-15")).unwrap().accrued, dec!(250));
    }

    #[test]
    fn once_forfeits_on_the_first_day() {
        let o = order("2024-01-01", dec!(250000), Per::Once);
        assert_eq!(accrue(&o, d("2023-12-31")).unwrap().accrued, Decimal::ZERO);
        assert_eq!(accrue(&o, d("2024-01-01")).unwrap().accrued, dec!(250000));
        assert_eq!(accrue(&o, d("2030-01-01")).unwrap().accrued, dec!(250000));
    }

    #[test]
    fn violations_count_inside_the_window_only() {
        let mut o = order("2024-01-01", dec!(1000), Per::Violation);
        o.violations = vec![
            Violation {
                date: d("2023-12-31"),
                count: 5,
            },
            Violation {
                date: d("2024-01-02"),
                count: 3,
            },
            Violation {
                date: d("2024-01-05"),
                count: 1,
            },
            Violation {
                date: d("2024-01-20"),
                count: 2,
            },
        ];
        o.suspensions.push(until("2024-01-05", "2024-01-06"));
        o.complied = Some(d("2024-01-20"));
        assert_eq!(accrue(&o, d("2024-12-31")).unwrap().accrued, dec!(3000));
    }

    #[test]
    fn sums_that_a_decimal_would_round_are_refused() {
        let max = Decimal::MAX;
        let tiny = Decimal::new(1, 28);
        // checked_add rounds silently; exact_add refuses.
        assert_eq!(max.checked_add(tiny), Some(max));
        assert_eq!(exact_add(max, tiny), None);
        assert_eq!(exact_add(dec!(1e27), dec!(0.01)), None);
        assert_eq!(exact_add(dec!(100000.50), dec!(2)), Some(dec!(100002.50)));
        assert_eq!(exact_sub(dec!(0.5), dec!(0.5)), Some(Decimal::ZERO));
        assert_eq!(exact_mul(dec!(116), dec!(100000)), Some(dec!(11600000)));
        assert_eq!(
            exact_mul(dec!(0.00000000000001), dec!(0.000000000000001)),
            None
        );
        assert_eq!(exact_add(max, Decimal::ONE), None);
    }

    #[test]
    fn a_century_of_a_huge_rate_overflows_with_an_error() {
        let o = order(
            "1926-01-01",
            Decimal::from_i128_with_scale(10i128.pow(27), 0),
            Per::Day,
        );
        let e = accrue(&o, d("2026-01-01")).unwrap_err();
        assert_eq!(e.field, "rate");
        assert!(e.to_string().contains("order \"o\""));
    }

    /// A unit's amount, day by day: the rate on its first day plus each adjustment times the
    /// value last measured on or before its last day, at least zero.
    fn unit_amount(o: &Order, first: NaiveDate, last: NaiveDate) -> Decimal {
        let mut amount = rate_on(o, first);
        for a in o.adjustments() {
            let value = o
                .measurements()
                .iter()
                .filter(|m| m.date <= last)
                .filter_map(|m| m.values.get(&a.measure))
                .next_back()
                .copied()
                .unwrap_or_default();
            amount += a.per_item * value;
        }
        amount.max(Decimal::ZERO)
    }

    /// Day-by-day reference: the sum of forfeitures dated before `t`, capped.
    fn reference(o: &Order, t: NaiveDate) -> Decimal {
        let Start::Known { first_day, .. } = o.start else {
            return Decimal::ZERO;
        };
        let end = [o.complied, o.lifted]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(NaiveDate::MAX);
        let counted = |day: NaiveDate| {
            day >= first_day
                && day < end
                && !o.suspensions.iter().any(|s| s.from <= day && day < s.until)
        };
        let mut total = Decimal::ZERO;
        let mut day = first_day;
        let mut unit_k = -1i64;
        let calc = Calc::new(o).unwrap();
        while day < t {
            match o.per {
                Per::Day if counted(day) => total += unit_amount(o, day, day),
                Per::Week | Per::Month | Per::Quarter | Per::Semester | Per::Year => {
                    let k = calc.unit_index(day);
                    let (us, ue) = (calc.unit_start(k), calc.unit_start(k + 1));
                    match o.count {
                        Count::Started if counted(day) && k != unit_k => {
                            unit_k = k;
                            total += unit_amount(o, us, ue.pred_opt().unwrap());
                        }
                        Count::Completed if ue.pred_opt().unwrap() == day => {
                            let mut all = true;
                            let mut x = us;
                            while x < ue {
                                all &= counted(x);
                                x = x.succ_opt().unwrap();
                            }
                            if all {
                                total += unit_amount(o, us, day);
                            }
                        }
                        _ => {}
                    }
                }
                Per::Once if day == first_day && counted(day) => total += rate_on(o, day),
                Per::Violation => {
                    for v in o
                        .violations
                        .iter()
                        .filter(|v| v.date == day && counted(day))
                    {
                        total += rate_on(o, day) * Decimal::from(v.count);
                    }
                }
                _ => {}
            }
            day = day.succ_opt().unwrap();
        }
        match o.cap {
            Some(c) => total.min(c),
            None => total,
        }
    }

    prop_compose! {
        pub(crate) fn arb_order()(
            per in prop::sample::select(vec![Per::Day, Per::Week, Per::Month, Per::Quarter, Per::Semester, Per::Year, Per::Once, Per::Violation]),
            completed in any::<bool>(),
            start in 0i64..60,
            rate in 1i64..1000,
            changes in prop::collection::vec((1i64..400, 1i64..1000), 0..3),
            susp in prop::collection::vec((0i64..400, 1i64..40), 0..3),
            cap in prop::option::of(1i64..200_000),
            complied in prop::option::of(0i64..500),
            viol in prop::collection::vec((0i64..400, 1u32..4), 0..5),
            adjust in prop::option::of((-300i64..300, prop::collection::vec((0i64..500, 0i64..5), 0..4))),
        ) -> Order {
            let base = d("2023-01-25");
            let at = |n: i64| base + chrono::Duration::days(n);
            let first = at(start);
            let mut o = order("2023-01-25", Decimal::from(rate), per);
            o.start = Start::Known { first_day: first, rule: StartRule::Starts };
            o.count = if completed { Count::Completed } else { Count::Started };
            let mut days: Vec<i64> = changes.iter().map(|(x, _)| start + x).collect();
            days.sort();
            days.dedup();
            o.rate_changes = days.iter().zip(changes.iter()).map(|(x, (_, r))| RateChange { from: at(*x), rate: Decimal::from(*r), decided: None }).collect();
            let mut cursor = 0i64;
            for (gap, len) in susp {
                let from = cursor + gap;
                o.suspensions.push(until_days(at(from), at(from + len)));
                cursor = from + len;
            }
            o.cap = cap.map(Decimal::from);
            o.complied = complied.map(|c| at(start + c));
            o.violations = viol.iter().map(|(x, c)| Violation { date: at(*x), count: *c }).collect();
            o.violations.sort_by_key(|v| v.date);
            if let Some((per_item, measured)) = adjust.filter(|_| !matches!(per, Per::Once | Per::Violation)) {
                o.amendments_mut().adjustments.push(crate::case::Adjustment { measure: "m".into(), per_item: Decimal::from(per_item) });
                let mut dates: Vec<(i64, i64)> = measured;
                dates.sort_by_key(|(x, _)| *x);
                dates.dedup_by_key(|(x, _)| *x);
                o.amendments_mut().measurements = dates.iter().map(|(x, v)| crate::case::Measurement {
                    date: at(*x),
                    // Known from the start, so that figures as of any day read every one.
                    decided: Some(base),
                    values: [("m".to_string(), Decimal::from(*v))].into_iter().collect(),
                }).collect();
            }
            o
        }
    }

    fn until_days(from: NaiveDate, until: NaiveDate) -> Period {
        Period {
            from,
            until,
            written: PeriodEnd::Until,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn closed_form_equals_day_by_day(o in arb_order(), t in 0i64..700) {
            let t = d("2023-01-25") + chrono::Duration::days(t);
            prop_assert_eq!(accrued_before(&o, t).unwrap(), reference(&o, t));
        }

        #[test]
        fn running_accrual_equals_the_closed_form_at_every_step(
            o in arb_order(),
            start in 0i64..300,
            steps in prop::collection::vec(0i64..40, 1..40),
            horizon in 0i64..80,
        ) {
            // Days moving forward by steps of 0 to 39 days, as a schedule's row ends do, up
            // to the horizon the order was laid out to, or short of it.
            let mut t = d("2023-01-25") + chrono::Duration::days(start);
            let end = t + chrono::Duration::days(steps.iter().sum::<i64>() + horizon);
            let mut running = Running::new(&o, end).unwrap();
            for step in steps {
                t += chrono::Duration::days(step);
                prop_assert_eq!(running.accrued_before(t).unwrap(), accrued_before(&o, t).unwrap(), "at {}", t);
                prop_assert_eq!(running.days_before(t), days_before(&o, t), "at {}", t);
            }
        }

        #[test]
        fn accrual_never_decreases_and_never_exceeds_the_cap(o in arb_order(), a in 0i64..700, b in 0i64..700) {
            let (a, b) = (a.min(b), a.max(b));
            let base = d("2023-01-25");
            let x = accrue(&o, base + chrono::Duration::days(a)).unwrap();
            let y = accrue(&o, base + chrono::Duration::days(b)).unwrap();
            prop_assert!(x.accrued <= y.accrued);
            if let Some(cap) = o.cap {
                prop_assert!(y.accrued <= cap);
            }
            let seg_sum: Decimal = segments(&o, base + chrono::Duration::days(b)).unwrap().iter().map(|s| s.amount).sum();
            prop_assert_eq!(seg_sum, y.accrued);
        }

        #[test]
        fn a_liquidation_computes_the_accrual_of_its_window(o in arb_order(), a in 0i64..600, len in 1i64..100) {
            let base = d("2023-01-25");
            let first = o.start.first_day().unwrap();
            let from = (base + chrono::Duration::days(a)).max(first);
            let window = until_days(from, from + chrono::Duration::days(len));
            let mut with = o.clone();
            with.liquidations.push(Liquidation { decided: window.last_day(), window, amount: None, due: None, reference: None, events: vec![] });
            let later = window.until + chrono::Duration::days(30);
            let acc = accrue(&with, later).unwrap();
            let whole = accrued_before(&o, window.until).unwrap() - accrued_before(&o, window.from).unwrap();
            prop_assert_eq!(acc.liquidations[0].computed, whole);
            prop_assert_eq!(acc.liquidated + acc.accruing, acc.accrued);
        }

        #[test]
        fn many_liquidations_each_compute_the_accrual_and_days_of_their_window(
            o in arb_order(),
            windows in prop::collection::vec((0i64..60, 1i64..60), 1..8),
        ) {
            // Disjoint windows laid one after the other from the first day of delay.
            let mut with = o.clone();
            let mut cursor = o.start.first_day().unwrap();
            for (gap, len) in windows {
                let from = cursor + chrono::Duration::days(gap);
                let window = until_days(from, from + chrono::Duration::days(len));
                with.liquidations.push(Liquidation { decided: window.last_day(), window, amount: None, due: None, reference: None, events: vec![] });
                cursor = window.until;
            }
            let acc = accrue(&with, cursor + chrono::Duration::days(1)).unwrap();
            prop_assert_eq!(acc.liquidations.len(), with.liquidations.len());
            for (l, f) in with.liquidations.iter().zip(&acc.liquidations) {
                let whole = accrued_before(&o, l.window.until).unwrap() - accrued_before(&o, l.window.from).unwrap();
                let days = days_before(&o, l.window.until) - days_before(&o, l.window.from);
                prop_assert_eq!(f.computed, whole);
                prop_assert_eq!(f.days, days);
            }
            prop_assert_eq!(liquidated_total(&with).unwrap(), acc.liquidated);
        }

        #[test]
        fn accrual_over_a_to_c_is_accrual_over_a_to_b_plus_b_to_c(
            o in arb_order(),
            a in 0i64..500,
            ab in 1i64..120,
            bc in 1i64..120,
        ) {
            let first = o.start.first_day().unwrap();
            let a = (d("2023-01-25") + chrono::Duration::days(a)).max(first);
            let b = a + chrono::Duration::days(ab);
            let c = b + chrono::Duration::days(bc);
            let liquidate = |windows: &[(NaiveDate, NaiveDate)]| {
                let mut with = o.clone();
                for &(from, until) in windows {
                    let window = until_days(from, until);
                    with.liquidations.push(Liquidation { decided: window.last_day(), window, amount: None, due: None, reference: None, events: vec![] });
                }
                accrue(&with, c).unwrap()
            };
            let whole = liquidate(&[(a, c)]);
            let parts = liquidate(&[(a, b), (b, c)]);
            prop_assert_eq!(
                whole.liquidations[0].computed,
                parts.liquidations[0].computed + parts.liquidations[1].computed
            );
            prop_assert_eq!(whole.liquidations[0].days, parts.liquidations[0].days + parts.liquidations[1].days);
            prop_assert_eq!(whole.accruing, parts.accruing);
            prop_assert_eq!(whole.accrued, parts.accrued);
        }

        #[test]
        fn the_next_forfeiture_is_the_first_day_that_adds_to_the_accrual(o in arb_order(), a in 0i64..500) {
            let as_of = d("2023-01-25") + chrono::Duration::days(a);
            let acc = accrue(&o, as_of).unwrap();
            let view = known(&o, as_of);
            let before = accrued_before(&view, day_after(as_of)).unwrap();
            // Day by day over 400 days: the first day whose forfeitures add to the accrual.
            let mut expected = None;
            let mut day = day_after(as_of);
            for _ in 0..400 {
                let after = accrued_before(&view, day_after(day)).unwrap();
                if after > before {
                    expected = Some(Forfeiture { date: day, amount: after - before });
                    break;
                }
                day = day_after(day);
            }
            if !acc.state.is_open() || o.per == Per::Violation {
                prop_assert_eq!(acc.next_forfeiture, None);
            } else if expected.is_some() {
                prop_assert_eq!(acc.next_forfeiture, expected);
            }
        }

        #[test]
        fn days_never_decrease_and_split_into_liquidated_and_accruing(o in arb_order(), a in 0i64..700, b in 0i64..700) {
            let (a, b) = (a.min(b), a.max(b));
            let base = d("2023-01-25");
            let x = accrue(&o, base + chrono::Duration::days(a)).unwrap();
            let y = accrue(&o, base + chrono::Duration::days(b)).unwrap();
            prop_assert!(x.days <= y.days);
            prop_assert_eq!(y.liquidated_days + y.accruing_days, y.days);
            if y.state.is_open() && o.cap.is_some() {
                prop_assert_eq!(y.at_risk, o.cap.map(|c| c - y.accrued));
            }
        }
    }

    #[test]
    fn an_unsorted_violation_list_is_still_computed_one_by_one() {
        // Orders built by hand need not be sorted: the sweep then steps aside.
        let mut o = order("2024-01-01", dec!(10), Per::Violation);
        o.violations = vec![
            Violation {
                date: d("2024-03-01"),
                count: 1,
            },
            Violation {
                date: d("2024-02-01"),
                count: 2,
            },
        ];
        o.liquidations.push(Liquidation {
            decided: d("2024-04-01"),
            window: until("2024-01-01", "2024-02-15"),
            amount: None,
            due: None,
            reference: None,
            events: vec![],
        });
        let a = accrue(&o, d("2024-04-01")).unwrap();
        // Only the two violations of 1 February fall in the window: 2 x 10.
        assert_eq!(a.liquidations[0].computed, dec!(20));
        assert_eq!(a.accrued, dec!(30));
    }
}
