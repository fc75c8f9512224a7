//! The chart's axes: date ticks on calendar boundaries (months, quarters or years, chosen by
//! the span so their labels fit), and amount ticks on round figures, kept as decimals.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The calendar unit of the date ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickUnit {
    /// The first day of a month.
    Month,
    /// The first day of a quarter.
    Quarter,
    /// The first of January, every `n` years (years divisible by `n`).
    Years(i32),
}

impl TickUnit {
    /// The label of a tick on `d`: `Jan 2023`, `Q1 2023` or `2023`.
    pub fn label(self, d: NaiveDate) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match self {
            TickUnit::Month => format!("{} {}", MONTHS[d.month0() as usize], d.year()),
            TickUnit::Quarter => format!("Q{} {}", d.month0() / 3 + 1, d.year()),
            TickUnit::Years(_) => d.year().to_string(),
        }
    }

    /// The unit's name, for the axis.
    pub fn name(self) -> &'static str {
        match self {
            TickUnit::Month => "month",
            TickUnit::Quarter => "quarter",
            TickUnit::Years(_) => "year",
        }
    }

    /// The boundaries of this unit after `from` and on or before `to`, in order.
    fn boundaries(self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let (months, years) = match self {
            TickUnit::Month => (1, 1),
            TickUnit::Quarter => (3, 1),
            TickUnit::Years(n) => (12, n),
        };
        let mut year = from.year();
        // The unit's first boundary in from's year, then each after it: at most one per
        // month of the span, and the caller stops at a handful.
        let mut month = 1;
        loop {
            let Some(d) = NaiveDate::from_ymd_opt(year, month, 1) else {
                return out;
            };
            if d > to {
                return out;
            }
            if d > from && (months < 12 || year.rem_euclid(years) == 0) {
                out.push(d);
            }
            month += months;
            if month > 12 {
                month -= 12;
                year += 1;
            }
        }
    }
}

/// The ticks between `from` and `to`: months when at most `most` month boundaries fall in
/// the span, else quarters, else years every 1, 2, 5, 10... years, whichever first gives at
/// most `most` ticks.
pub fn date_ticks(from: NaiveDate, to: NaiveDate, most: usize) -> (TickUnit, Vec<NaiveDate>) {
    let months =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    let most_i = i64::try_from(most).unwrap_or(i64::MAX);
    let unit = if months <= most_i {
        TickUnit::Month
    } else if months / 3 <= most_i {
        TickUnit::Quarter
    } else {
        let years = i64::from(to.year() - from.year());
        let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
            .into_iter()
            .find(|&s| years / i64::from(s) <= most_i.saturating_sub(1))
            .unwrap_or(10000);
        TickUnit::Years(step)
    };
    let ticks = unit.boundaries(from, to);
    (unit, ticks)
}

/// Round amounts from zero to at least `top`: a step of 1, 2 or 5 times a power of ten
/// giving at most `most` steps. Returns the ticks, the last at or above `top`.
pub fn amount_ticks(top: Decimal, most: u32) -> Vec<Decimal> {
    if top <= Decimal::ZERO {
        return vec![Decimal::ZERO, Decimal::ONE];
    }
    let most = Decimal::from(most.max(1));
    let fits = |step: Decimal| top.checked_div(step).is_some_and(|q| q <= most);
    let mut power = Decimal::new(1, 2);
    let step = 'found: loop {
        for m in [1, 2, 5] {
            if let Some(step) = power.checked_mul(Decimal::from(m)).filter(|s| fits(*s)) {
                break 'found step;
            }
        }
        match power.checked_mul(Decimal::TEN) {
            Some(p) => power = p,
            None => break top,
        }
    };
    let count = top.checked_div(step).unwrap_or(Decimal::ONE).ceil();
    let count = count.to_u32().unwrap_or(1).max(1);
    // The last tick may not fit in a decimal for the largest amounts: the ticks stop there.
    (0..=count)
        .map_while(|i| step.checked_mul(Decimal::from(i)))
        .collect()
}

/// An amount in a few characters: `20M`, `1.5bn`, `500k`, `250`.
pub fn compact(v: Decimal) -> String {
    let (unit, suffix) = if v.abs() >= Decimal::from(1_000_000_000) {
        (Decimal::from(1_000_000_000), "bn")
    } else if v.abs() >= Decimal::from(1_000_000) {
        (Decimal::from(1_000_000), "M")
    } else if v.abs() >= Decimal::from(1_000) {
        (Decimal::from(1_000), "k")
    } else {
        (Decimal::ONE, "")
    };
    let scaled = (v / unit).round_dp(2).normalize();
    format!("{scaled}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_unit_follows_the_span() {
        // Four months: month boundaries.
        let (unit, ticks) = date_ticks(d("2022-12-19"), d("2023-04-13"), 12);
        assert_eq!(unit, TickUnit::Month);
        assert_eq!(
            ticks,
            [
                d("2023-01-01"),
                d("2023-02-01"),
                d("2023-03-01"),
                d("2023-04-01")
            ]
        );
        assert_eq!(unit.label(ticks[0]), "Jan 2023");
        // Two and a half years: 30 months, 10 quarters.
        let (unit, ticks) = date_ticks(d("2022-10-17"), d("2025-04-30"), 12);
        assert_eq!(unit, TickUnit::Quarter);
        assert_eq!(ticks.len(), 10);
        assert_eq!(
            (ticks[0], unit.label(ticks[0])),
            (d("2023-01-01"), "Q1 2023".to_string())
        );
        // Four years: years.
        let (unit, ticks) = date_ticks(d("2022-10-17"), d("2026-11-22"), 12);
        assert_eq!(unit, TickUnit::Years(1));
        assert_eq!(
            ticks,
            [
                d("2023-01-01"),
                d("2024-01-01"),
                d("2025-01-01"),
                d("2026-01-01")
            ]
        );
        // Thirty years: every five.
        let (unit, ticks) = date_ticks(d("1996-03-01"), d("2026-11-22"), 12);
        assert_eq!(unit, TickUnit::Years(5));
        assert_eq!(ticks.first(), Some(&d("2000-01-01")));
        assert_eq!(ticks.last(), Some(&d("2025-01-01")));
    }

    #[test]
    fn amount_ticks_are_round() {
        // 163.5M in at most 5 steps: steps of 50M, to 200M.
        assert_eq!(
            amount_ticks(dec!(163500000), 5),
            [
                dec!(0),
                dec!(50000000),
                dec!(100000000),
                dec!(150000000),
                dec!(200000000)
            ]
        );
        assert_eq!(
            amount_ticks(dec!(40000000), 5).last(),
            Some(&dec!(40000000))
        );
        assert_eq!(compact(dec!(1500000000)), "1.5bn");
        assert_eq!(compact(dec!(20000000)), "20M");
        assert_eq!(compact(dec!(500000)), "500k");
        assert_eq!(compact(dec!(0)), "0");
        // The largest amount a case can reach still gets round ticks, without overflow.
        let ticks = amount_ticks(Decimal::MAX, 5);
        assert_eq!(ticks.first(), Some(&dec!(0)));
        assert!(ticks.len() >= 2);
    }
}
