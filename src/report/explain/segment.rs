//! The segments of a window in words: days x rate, a unit's arithmetic from its measured
//! items, and a window restated as the sum of its days x rate products.

use super::plural;
use crate::accrue::Segment;
use crate::case::Per;
use crate::report::format_amount;
use crate::report::schedule::per_name;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::fmt::Write;

pub(super) fn segment_words(s: &Segment, per: Per) -> String {
    let through = s.until.pred_opt().unwrap_or(s.until);
    let when = if through == s.from {
        s.from.to_string()
    } else if through.year() > 9999 {
        // A unit started late in 9999 ends after the last date a case may reach.
        format!("{} through the end of the {}", s.from, per_name(per))
    } else {
        format!("{} through {through}", s.from)
    };
    let gross = s.amount + s.capped;
    let mut text = match per {
        Per::Once => format!(
            "{when}: the lump sum of {} is forfeited on the first day of delay",
            format_amount(gross)
        ),
        _ => format!(
            "{when}: {} x {} = {}",
            plural(s.units, per_name(per)),
            format_amount(s.rate),
            format_amount(gross)
        ),
    };
    if !s.adjustments.is_empty() {
        let _ = write!(text, "; each {}: {}", per_name(per), adjustment_words(s));
    }
    if !s.capped.is_zero() {
        let _ = write!(
            text,
            "; the cap cuts {}, leaving {}",
            format_amount(s.capped),
            format_amount(s.amount)
        );
    }
    text
}

/// A unit's arithmetic: "42,800,000.00 - 15 x 200,000.00 (other-sites) = 39,800,000.00";
/// measures whose value is 0 are left out.
fn adjustment_words(s: &Segment) -> String {
    let mut text = format_amount(s.base);
    let mut sum = s.base;
    for t in s.adjustments.iter().filter(|t| !t.value.is_zero()) {
        let sign = if t.per_item.is_sign_negative() {
            '-'
        } else {
            '+'
        };
        let _ = write!(
            text,
            " {sign} {} x {} ({})",
            t.value.normalize(),
            format_amount(t.per_item.abs()),
            t.measure
        );
        sum = sum
            .checked_add(t.per_item.checked_mul(t.value).unwrap_or_default())
            .unwrap_or(sum);
    }
    if s.adjustments.iter().all(|t| t.value.is_zero()) {
        text.push_str(" (no measured item yet)");
    }
    let _ = write!(text, " = {}", format_amount(sum));
    if sum != s.rate {
        let _ = write!(text, ", below zero, so {}", format_amount(s.rate));
    }
    text
}

/// The days x rate products of a daily order's segments inside `[from, until)`, when they
/// add up to `computed` (no cap cut inside); `None` otherwise.
pub(super) fn window_products(
    segments: &[Segment],
    from: NaiveDate,
    until: NaiveDate,
    computed: Decimal,
) -> Option<String> {
    let mut parts = Vec::new();
    let mut sum = Decimal::ZERO;
    for s in segments {
        let (lo, hi) = (s.from.max(from), s.until.min(until));
        if lo >= hi {
            continue;
        }
        if !s.capped.is_zero() {
            return None;
        }
        let days = (hi - lo).num_days();
        let amount = Decimal::from(days).checked_mul(s.rate)?;
        sum = sum.checked_add(amount)?;
        parts.push(format!(
            "{} x {}",
            plural(days, "day"),
            format_amount(s.rate)
        ));
    }
    (sum == computed && !parts.is_empty()).then(|| parts.join(" + "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::load_case_str;
    use std::path::Path;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_window_across_a_rate_change_is_a_sum_of_products() {
        let text = "[case]\nid = \"eu\"\ncompany = \"P\"\njurisdiction = \"EU\"\ncurrency = \"EUR\"\n\
            [[order]]\nid = \"o\"\ndecided = 2021-07-14\nstarts = 2021-09-20\nrate = \"1000000\"\n\
            [[order.rate_change]]\nfrom = 2021-09-30\nrate = \"500000\"\n";
        let case = load_case_str(Path::new("eu.toml"), text).unwrap();
        let a = crate::accrue::segments(&case.orders[0], d("2021-10-31")).unwrap();
        // 10 days at 1,000,000 and 5 at 500,000 in [20 Sept, 5 Oct).
        assert_eq!(
            window_products(
                &a,
                d("2021-09-20"),
                d("2021-10-05"),
                Decimal::from(12_500_000)
            ),
            Some("10 days x 1,000,000.00 + 5 days x 500,000.00".to_string())
        );
        assert_eq!(
            window_products(&a, d("2021-09-20"), d("2021-10-05"), Decimal::from(1)),
            None
        );
    }
}
