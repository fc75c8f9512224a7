//! Benchmarks of the engine: accrual over 1 day, 1 year and 100 years (closed form: the
//! three should cost the same), late-payment interest over 1 and 30 years (the same again), a
//! 10-year monthly schedule, parse plus compute of a
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

/// The shipped rate tables with synthetic French and Dutch steps from 1994, so that a debt
/// can run 30 years: a new rate every semester.
fn rates_from_1994() -> penalty::interest::Rates {
    let mut text = String::from("date,fr-legal,nl-statutory\n");
    for year in 1994..2015 {
        for (month, rate) in [(1, "3.10"), (7, "2.90")] {
            text.push_str(&format!("{year}-{month:02}-01,{rate},{rate}\n"));
        }
    }
    let mut rates = penalty::interest::Rates::builtin().unwrap_or_else(|e| panic!("{e}"));
    rates
        .add_str(Path::new("bench-rates.csv"), &text)
        .unwrap_or_else(|e| panic!("{e}"));
    rates
}

/// A debt of 100,000 due 1 or 30 years before 2024-12-31, with a payment of 10,000 halfway.
fn bench_debt(years: i32) -> penalty::interest::Debt {
    let due = NaiveDate::from_ymd_opt(2024 - years, 12, 31).unwrap_or_default();
    let mut debt = penalty::interest::Debt::new(rust_decimal::Decimal::from(100_000), due);
    debt.payments.push(penalty::interest::Payment {
        date: NaiveDate::from_ymd_opt(2024 - years / 2, 6, 30).unwrap_or_default(),
        amount: rust_decimal::Decimal::from(10_000),
    });
    debt
}

/// fr-legal interest as of 2024-12-31 on `bench_debt`: one prefix-sum lookup per period
/// between payments, whatever the number of semesters crossed.
#[divan::bench(args = [1, 30])]
fn interest_fr_legal(bencher: Bencher, years: i32) {
    let rates = rates_from_1994();
    let as_of = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default();
    let debt = bench_debt(years);
    let fr = "fr-legal".parse().unwrap_or_else(|e: String| panic!("{e}"));
    penalty::interest::interest(&debt, fr, as_of, &rates).unwrap_or_else(|e| panic!("{e}"));
    bencher.bench_local(|| {
        penalty::interest::interest(black_box(&debt), fr, as_of, &rates).map(|o| o.interest)
    });
}

/// nl-statutory interest on the same debt: one more period per anniversary of default.
#[divan::bench(args = [1, 30])]
fn interest_nl_statutory(bencher: Bencher, years: i32) {
    let rates = rates_from_1994();
    let as_of = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default();
    let debt = bench_debt(years);
    let nl = "nl-statutory"
        .parse()
        .unwrap_or_else(|e: String| panic!("{e}"));
    penalty::interest::interest(&debt, nl, as_of, &rates).unwrap_or_else(|e| panic!("{e}"));
    bencher.bench_local(|| {
        penalty::interest::interest(black_box(&debt), nl, as_of, &rates).map(|o| o.interest)
    });
}

/// The same fr-legal debt with the segments `explain` lists: one per semester crossed.
#[divan::bench(args = [1, 30])]
fn interest_explained(bencher: Bencher, years: i32) {
    use penalty::interest::{Debt, explain};
    let rates = rates_from_1994();
    let as_of = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default();
    let due = NaiveDate::from_ymd_opt(2024 - years, 12, 31).unwrap_or_default();
    let debt = Debt::new(rust_decimal::Decimal::from(100_000), due);
    let fr = "fr-legal".parse().unwrap_or_else(|e: String| panic!("{e}"));
    bencher.bench_local(|| explain(black_box(&debt), fr, as_of, &rates).map(|o| o.segments.len()));
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
        // As `penalty compute` does: each case's line is made on the thread that read it.
        let made = penalty::case::load_paths_with(
            std::slice::from_ref(&dir),
            |case| penalty::exposure::make_line(case, as_of, Currency::EUR, FxDate::AsOf, &rates),
            penalty::exposure::made_key,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let report = penalty::exposure::report_from_lines(made, as_of, Currency::EUR, FxDate::AsOf)
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
