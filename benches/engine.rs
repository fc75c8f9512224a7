//! Benchmarks of the engine: accrual over 1 day, 1 year and 100 years (closed form: the
//! three should cost the same), a 10-year monthly schedule, and parse plus compute of a
//! generated portfolio.

mod common;

use chrono::{Days, NaiveDate};
use divan::{Bencher, black_box};
use penalty::accrue::accrue;
use penalty::case::{Case, load_case_str};
use penalty::exposure::{FxDate, build_report};
use penalty::fx::{Currency, RateTable};
use penalty::schedule::{Every, Span, order_timeline};
use std::path::Path;

fn main() {
    divan::main();
}

fn daily_order_case() -> Case {
    let text = r#"
[case]
id = "bench"
company = "Bench"
jurisdiction = "FR"
currency = "EUR"

[[order]]
id = "o"
starts = 1926-01-01
rate = "100000"

[[order.rate_change]]
from = 1950-01-01
rate = "50000"
"#;
    load_case_str(Path::new("bench.toml"), text).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Daily accrual of one order over 1 day, 1 year and 100 years.
#[divan::bench(args = [1, 365, 36_500])]
fn accrue_daily(bencher: Bencher, days: u64) {
    let case = daily_order_case();
    let order = &case.orders[0];
    let first = NaiveDate::from_ymd_opt(1926, 1, 1).unwrap_or_default();
    let as_of = first + Days::new(days - 1);
    bencher.bench_local(|| accrue(black_box(order), black_box(as_of)));
}

/// A monthly schedule over 10 years of daily accrual: 120 rows, each one closed-form
/// computation.
#[divan::bench]
fn schedule_monthly_10_years(bencher: Bencher) {
    let case = daily_order_case();
    let order = &case.orders[0];
    let span = Span {
        as_of: NaiveDate::from_ymd_opt(1935, 12, 31).unwrap_or_default(),
        every: Every::Month,
        from: None,
        to: None,
    };
    bencher.bench_local(|| order_timeline(black_box(order), black_box(span), false));
}

/// Parse, validate and compute a generated portfolio of 1,000 cases, in EUR.
#[divan::bench(sample_count = 20)]
fn parse_and_compute_1000(bencher: Bencher) {
    let texts = common::portfolio(1_000, 1);
    let rates = RateTable::builtin();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    bencher.bench_local(|| {
        let cases: Vec<Case> = texts
            .iter()
            .enumerate()
            .filter_map(|(i, t)| load_case_str(Path::new(&format!("{i}.toml")), t).ok())
            .collect();
        assert_eq!(cases.len(), texts.len());
        build_report(&cases, as_of, Currency::EUR, FxDate::AsOf, &rates).map(|r| r.total)
    });
}
