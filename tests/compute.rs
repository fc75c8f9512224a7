//! `penalty compute` on the shipped case library: the official figures of the Clearview AI
//! record, checked through the library and through the binary.

use assert_cmd::Command;
use chrono::NaiveDate;
use penalty::case::{Case, load_paths};
use penalty::exposure::{FineStatus, FxDate, Report, build_report};
use penalty::fx::{Currency, RateTable};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn amount(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn cases() -> Vec<Case> {
    load_paths(&[PathBuf::from("cases")]).unwrap()
}

fn report(cases: &[Case], as_of: &str) -> Report {
    let eur: Currency = "EUR".parse().unwrap();
    build_report(cases, d(as_of), eur, FxDate::AsOf, &RateTable::builtin()).unwrap()
}

fn only(id: &str) -> Vec<Case> {
    cases().into_iter().filter(|c| c.id == id).collect()
}

#[test]
fn clearview_fr_before_liquidation_52_days_accruing() {
    let r = report(&only("clearview-fr"), "2023-02-08");
    let line = &r.cases[0];
    assert_eq!(line.figures.fines[0].amount, amount("20000000"));
    assert_eq!(line.figures.fines[0].status, FineStatus::Enforceable);
    let order = &line.figures.orders[0].accrual;
    // 52 days x 100,000 = 5,200,000, nothing liquidated yet.
    assert_eq!(order.days, 52);
    assert_eq!(order.accruing, amount("5200000"));
    assert_eq!(order.liquidated, Decimal::ZERO);
    assert_eq!(line.totals.accruing, amount("5200000.00"));
}

#[test]
fn clearview_fr_on_liquidation_day() {
    let r = report(&only("clearview-fr"), "2023-04-13");
    let line = &r.cases[0];
    let order = &line.figures.orders[0].accrual;
    assert_eq!(order.liquidated, amount("5200000"));
    assert_eq!(order.liquidations[0].computed, amount("5200000"));
    assert_eq!(order.liquidations[0].reduction, Decimal::ZERO);
    // 64 days, 2023-02-09 through 2023-04-13, x 100,000.
    assert_eq!(order.accruing_days, 64);
    assert_eq!(order.accruing, amount("6400000"));
    assert_eq!(line.totals.exposure(), amount("31600000"));
}

#[test]
fn clearview_fr_today_1383_days_accruing() {
    let r = report(&only("clearview-fr"), "2026-11-22");
    let line = &r.cases[0];
    let order = &line.figures.orders[0].accrual;
    assert_eq!(order.accruing_days, 1383);
    assert_eq!(line.totals.accruing, amount("138300000"));
    assert_eq!(line.totals.exposure(), amount("163500000"));
    assert_eq!(line.totals.run_rate, amount("100000"));
}

#[test]
fn clearview_uk_annulled_then_contested() {
    let r = report(&only("clearview-uk"), "2024-01-01");
    assert_eq!(r.cases[0].figures.fines[0].status, FineStatus::Annulled);
    assert_eq!(r.cases[0].totals.exposure(), Decimal::ZERO);

    let r = report(&only("clearview-uk"), "2026-11-22");
    let line = &r.cases[0];
    assert_eq!(line.figures.fines[0].status, FineStatus::Contested);
    // GBP 7,552,800 / 0.8338 (ECB, 2026-10-30) = EUR 9,058,287.36.
    assert_eq!(line.totals.fines_contested, amount("9058287.36"));
    assert_eq!(line.rates[0].date, d("2026-10-30"));
    assert_eq!(line.rates[0].per_eur, amount("0.8338"));
    assert!(line.rates[0].stale);
}

#[test]
fn clearview_nl_cap_at_risk_nothing_accrued() {
    let r = report(&only("clearview-nl"), "2026-11-22");
    let line = &r.cases[0];
    assert_eq!(line.totals.exposure(), amount("30500000"));
    assert_eq!(line.totals.at_risk, amount("5100000"));
    assert_eq!(line.figures.orders[0].accrual.accrued, Decimal::ZERO);
}

#[test]
fn polismyndigheten_in_euros() {
    // SEK 2,500,000 / 10.978 (ECB, 2026-10-30) = EUR 227,728.18.
    let r = report(&only("polismyndigheten-se"), "2026-11-22");
    assert_eq!(r.cases[0].totals.exposure(), amount("227728.18"));
}

#[test]
fn portfolio_totals_add_up() {
    let r = report(&cases(), "2026-11-22");
    let clearview = &r.companies["Clearview AI Inc."];
    assert_eq!(clearview.exposure(), amount("243058287.36"));
    assert_eq!(clearview.fines_contested, amount("9058287.36"));
    let keys: Vec<&str> = r.jurisdictions.keys().map(String::as_str).collect();
    assert_eq!(keys, ["EU", "FR", "GB", "GR", "IT", "NL", "SE"]);
    let companies: Decimal = r.companies.values().map(|t| t.exposure()).sum();
    let jurisdictions: Decimal = r.jurisdictions.values().map(|t| t.exposure()).sum();
    let lines: Decimal = r.cases.iter().map(|c| c.totals.exposure()).sum();
    assert_eq!(companies, r.total.exposure());
    assert_eq!(jurisdictions, r.total.exposure());
    assert_eq!(lines, r.total.exposure());
    // Clearview 243,058,287.36 + Polismyndigheten 227,728.18 + Uber 300,600,000.00
    // + Hungary 1,093,000,000.00 + the Republic of Poland 625,000,000.00 + the French State
    // 40,000,000.00 + the Italian Republic 421,800,000.00.
    assert_eq!(r.total.exposure(), amount("2723686015.54"));
}

/// The cells of the first table row whose first cell is `key`, split on runs of spaces.
fn row(out: &str, key: &str) -> Vec<String> {
    out.lines()
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.first().map(String::as_str) == Some(key))
        .unwrap_or_else(|| panic!("no row {key:?} in:\n{out}"))
}

fn compute(args: &[&str]) -> (String, String) {
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .arg("compute")
        .args(args)
        .env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn binary_prints_the_portfolio_table() {
    let (out, err) = compute(&["cases/", "--as-of", "2026-11-22"]);
    assert!(out.starts_with("Figures as of 2026-11-22, in EUR"));
    let fr = row(&out, "clearview-fr");
    assert_eq!(fr[1], "FR");
    assert!(fr.contains(&"138,300,000.00".to_string()), "{fr:?}");
    assert!(fr.contains(&"163,500,000.00".to_string()), "{fr:?}");
    assert!(fr.contains(&"100,000.00".to_string()), "{fr:?}");
    let company = row(&out, "Clearview AI Inc.");
    assert!(
        company.contains(&"243,058,287.36".to_string()),
        "{company:?}"
    );
    assert!(company.contains(&"9,058,287.36".to_string()), "{company:?}");
    for j in ["EU", "FR", "IT", "GR", "GB", "NL", "SE"] {
        row(&out, j);
    }
    assert!(row(&out, "Total").contains(&"2,723,686,015.54".to_string()));
    assert!(
        err.contains("warning: the latest GBP rate on or before 2026-11-22 is of 2026-10-30"),
        "{err}"
    );
}

#[test]
fn as_of_comes_from_the_environment() {
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .args(["compute", "cases/clearview-fr.toml"])
        .env("PENALTY_AS_OF", "2023-02-08")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Figures as of 2023-02-08"));
    assert!(row(&text, "clearview-fr").contains(&"5,200,000.00".to_string()));
}

#[test]
fn a_missing_path_is_an_error_with_status_2() {
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .args(["compute", "no/such/dir", "--as-of", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: no/such/dir: no such file or directory\n"
    );
}
