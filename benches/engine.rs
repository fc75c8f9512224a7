//! Benchmarks of the engine: accrual over 1 day, 1 year and 100 years (closed form: the
//! three should cost the same), a 10-year monthly schedule, parse plus compute of a
//! generated portfolio in memory, and 10,000 generated files read and parsed, against read,
//! parsed, computed and written as JSON.

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
    let _ = std::fs::remove_dir_all(portfolio_dir());
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

/// A monthly schedule over 10 years of daily accrual: 120 rows, made by one sweep.
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
    bencher.bench_local(|| {
        order_timeline(black_box(order), black_box(span), false).map(|t| t.entries().count())
    });
}

/// A generated portfolio of 10,000 case files, written once per run into the temporary
/// directory.
fn portfolio_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("penalty-bench-portfolio-{}", std::process::id()));
    if !dir.exists() {
        common::write_portfolio(&dir, 10_000, 1).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

/// Reading, parsing and validating 10,000 case files: what every command pays first.
#[divan::bench(sample_count = 10)]
fn read_and_parse_10000_files(bencher: Bencher) {
    let dir = portfolio_dir();
    bencher.bench_local(|| penalty::case::load_paths(std::slice::from_ref(&dir)).map(|c| c.len()));
}

/// The same, then computing every case and writing the JSON report (into a sink): what
/// `penalty compute DIR --format json` does. Compare with `read_and_parse_10000_files`.
#[divan::bench(sample_count = 10)]
fn read_parse_compute_and_write_json_10000_files(bencher: Bencher) {
    use penalty::report::{Meta, Render, json::JsonRenderer};
    let dir = portfolio_dir();
    let rates = RateTable::builtin();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    bencher.bench_local(|| {
        let cases =
            penalty::case::load_paths(std::slice::from_ref(&dir)).unwrap_or_else(|e| panic!("{e}"));
        let report = penalty::exposure::build_report_owned(
            cases,
            as_of,
            Currency::EUR,
            FxDate::AsOf,
            &rates,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        JsonRenderer
            .render_to(&report, &Meta::default(), &mut std::io::sink())
            .unwrap_or_else(|e| panic!("{e}"));
    });
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
