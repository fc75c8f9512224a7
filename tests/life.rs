//! The life of an order: what was known as of a day (decisions dated after it do not exist),
//! deadline changes, compliance before the decision, quarterly and yearly units, measured
//! adjustments, ceiling rates and the next forfeiture, on shipped cases and on fixtures
//! under `tests/data/life/`.

use assert_cmd::Command;
use chrono::NaiveDate;
use penalty::case::{Case, load_paths};
use penalty::exposure::{FxDate, Report, build_report};
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

fn load(path: &str) -> Vec<Case> {
    load_paths(&[PathBuf::from(path)]).unwrap()
}

fn report(cases: &[Case], as_of: &str) -> Report {
    let eur: Currency = "EUR".parse().unwrap();
    build_report(cases, d(as_of), eur, FxDate::AsOf, &RateTable::builtin()).unwrap()
}

fn penalty(args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .args(args)
        .env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn an_order_decided_after_the_as_of_date_does_not_exist() {
    // The AP decided on 16 May 2024: as of 1 January 2019 neither its fine nor its order
    // exists, so nothing of its EUR 5.1M cap is at risk.
    let r = report(&load("cases/clearview-nl.toml"), "2019-01-01");
    let line = &r.cases[0];
    assert!(line.figures.orders.is_empty());
    assert_eq!(line.totals.at_risk, Decimal::ZERO);
    assert_eq!(line.totals.exposure(), Decimal::ZERO);
    // From its decision on, the whole cap is at risk.
    let r = report(&load("cases/clearview-nl.toml"), "2024-05-16");
    assert_eq!(r.cases[0].totals.at_risk, amount("5100000"));
}

#[test]
fn clearview_company_line_as_of_2019_has_nothing_at_risk() {
    let r = report(&load("cases"), "2019-01-01");
    assert_eq!(r.companies["Clearview AI Inc."].at_risk, Decimal::ZERO);
    let (out, _, code) = penalty(&[
        "explain",
        "cases/clearview-nl.toml",
        "--as-of",
        "2019-01-01",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Order \"dwangsom\", decided 2024-05-16: decided after the as-of date, so it does not exist as of 2019-01-01"),
        "{out}"
    );
}

#[test]
fn an_order_complied_with_the_next_day_is_open_with_its_rate() {
    let r = report(
        &load("tests/data/life/complied-next-day.toml"),
        "2023-01-20",
    );
    let a = &r.cases[0].figures.orders[0].accrual;
    // 20 days x 100 = 2,000; one more day adds 100.
    assert_eq!(a.accrued, amount("2000"));
    assert!(a.state.is_open());
    assert_eq!(a.run_rate, Some(amount("100")));
    assert_eq!(r.cases[0].totals.run_rate, amount("100.00"));
    let r = report(
        &load("tests/data/life/complied-next-day.toml"),
        "2023-01-21",
    );
    assert_eq!(r.cases[0].totals.run_rate, Decimal::ZERO);
}

#[test]
fn a_deadline_extended_before_it_passed_leaves_no_delay() {
    let cases = load("tests/data/life/deadline-extended.toml");
    // As of 1 December 2019 the deadline in force is 1 March 2020: 0 days of delay.
    let a = &report(&cases, "2019-12-01").cases[0].figures.orders[0].accrual;
    assert_eq!((a.days, a.accrued), (0, Decimal::ZERO));
    assert_eq!(a.first_day, Some(d("2020-03-02")));
    // From 2 March 2020: 30 days to 31 March x 1,000 = 30,000.
    let a = &report(&cases, "2020-03-31").cases[0].figures.orders[0].accrual;
    assert_eq!((a.days, a.accrued), (30, amount("30000")));
}

#[test]
fn a_deadline_extended_after_it_passed_removes_the_days_from_its_decision() {
    let cases = load("tests/data/life/deadline-extended-late.toml");
    // As of 19 November: 1 to 19 November, 19 days x 1,000 = 19,000.
    let a = &report(&cases, "2019-11-19").cases[0].figures.orders[0].accrual;
    assert_eq!((a.days, a.accrued), (19, amount("19000")));
    // As of 20 November the extension is decided: 0 days.
    let a = &report(&cases, "2019-11-20").cases[0].figures.orders[0].accrual;
    assert_eq!((a.days, a.accrued), (0, Decimal::ZERO));
}

#[test]
fn explain_shows_the_deadline_history() {
    let (out, _, code) = penalty(&[
        "explain",
        "tests/data/life/deadline-extended.toml",
        "--as-of",
        "2019-12-01",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "  Deadline history: deadline 2019-10-31, extended on 2019-10-15 to 2020-03-01 (Extension of 15 October 2019).\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  Deadline in force: deadline 2020-03-01, as written; not extended; first day of delay 2020-03-02.\n"),
        "{out}"
    );
    // Before the late extension was decided, it is named as not counted.
    let (out, _, _) = penalty(&[
        "explain",
        "tests/data/life/deadline-extended-late.toml",
        "--as-of",
        "2019-11-19",
    ]);
    assert!(
        out.contains("  Deadline changes decided after the as-of date, not counted: to 2020-03-01, decided 2019-11-20 (Extension of 20 November 2019).\n"),
        "{out}"
    );
}

#[test]
fn compliance_before_the_decision_is_valid_and_accrues_nothing() {
    let path = "tests/data/life/complied-before-decision.toml";
    let r = report(&load(path), "2023-06-30");
    let a = &r.cases[0].figures.orders[0].accrual;
    assert_eq!((a.days, a.accrued), (0, Decimal::ZERO));
    assert_eq!(a.run_rate, None);
    let (_, err, code) = penalty(&["check", path]);
    assert_eq!((err.as_str(), code), ("", 0));
    let (out, _, _) = penalty(&["explain", path, "--as-of", "2023-06-30"]);
    assert!(
        out.contains("  Window: none: complied with on 2022-01-01, on or before the decision of 2022-10-17: the condition the penalty enforces was met before it was imposed, so it never accrues.\n"),
        "{out}"
    );
}

#[test]
fn a_yearly_penalty_of_624150_per_percent_forfeits_12732660_for_its_first_year() {
    let path = "tests/data/life/yearly-adjustment.toml";
    // 0 + 20.4 x 624,150 = 12,732,660, on the first year's last day.
    let r = report(&load(path), "2004-12-31");
    assert_eq!(
        r.cases[0].figures.orders[0].accrual.accrued,
        amount("12732660")
    );
    let r = report(&load(path), "2004-12-30");
    assert_eq!(r.cases[0].figures.orders[0].accrual.accrued, Decimal::ZERO);
    let (out, _, code) = penalty(&["explain", path, "--as-of", "2004-12-31"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("    2004-01-01 through 2004-12-31: 1 year x 12,732,660.00 = 12,732,660.00; each year: 0.00 + 20.4 x 624,150.00 (non-compliant-percent) = 12,732,660.00\n"),
        "{out}"
    );
    let (_, err, code) = penalty(&["check", path]);
    assert_eq!((err.as_str(), code), ("", 0));
}

#[test]
fn a_ceiling_rate_liquidated_lower_is_fixed_not_reduced() {
    let path = "tests/data/life/ceiling.toml";
    let r = report(&load(path), "2024-03-01");
    let a = &r.cases[0].figures.orders[0].accrual;
    // 10 days x 2,000,000 = 20,000,000 at most; fixed at 15,000,000.
    let l = &a.liquidations[0];
    assert_eq!(
        (l.computed, l.amount),
        (amount("20000000"), amount("15000000"))
    );
    assert_eq!(l.reduction, Decimal::ZERO);
    assert_eq!(l.ceiling, Some(amount("20000000")));
    // The 20 days not liquidated count at the ceiling: at most 40,000,000.
    assert_eq!(a.accruing, amount("40000000"));
    assert!(a.at_most);
    let (out, _, _) = penalty(&["explain", path, "--as-of", "2024-03-01"]);
    assert!(
        out.contains("; fixed at 15,000,000.00 (ceiling 20,000,000.00); the rate is a maximum, so this is no reduction.\n"),
        "{out}"
    );
    assert!(out.contains("Accruing: at most 40,000,000.00"), "{out}");
    let (json, _, _) = penalty(&["compute", path, "--as-of", "2024-03-01", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let order = &doc["cases"][0]["orders"][0];
    assert_eq!(order["accruing_at_most"], true);
    assert_eq!(order["liquidations"][0]["reduction"], "0.00");
    assert_eq!(order["liquidations"][0]["ceiling"], "20000000.00");
}

#[test]
fn a_semester_order_shows_its_next_forfeiture_in_every_format() {
    let path = "tests/data/life/semester-started.toml";
    let args =
        |format: &'static str| ["compute", path, "--as-of", "2021-03-01", "--format", format];
    // The first semester (11 January to 10 July 2021) is forfeited; the second starts on
    // 11 July and forfeits 10,000,000 that day.
    let r = report(&load(path), "2021-03-01");
    let next = r.total.next_forfeiture.unwrap();
    assert_eq!(
        (next.date, next.amount),
        (d("2021-07-11"), amount("10000000"))
    );
    let (table, _, _) = penalty(&args("table"));
    assert!(
        table.contains("   10,000,000.00     2021-07-11\n"),
        "{table}"
    );
    let (csv, _, _) = penalty(&args("csv"));
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .ends_with(",0.00,0.00,2021-07-11,10000000.00,as-of,false,,"),
        "{csv}"
    );
    let (json, _, _) = penalty(&args("json"));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let expected = serde_json::json!({"date": "2021-07-11", "amount": "10000000.00"});
    assert_eq!(doc["total"]["next_forfeiture"], expected);
    assert_eq!(doc["cases"][0]["orders"][0]["next_forfeiture"], expected);
    let (md, _, _) = penalty(&args("markdown"));
    assert!(md.contains("| 10,000,000.00 | 2021-07-11 |"), "{md}");
    let (explain, _, _) = penalty(&["explain", path, "--as-of", "2021-03-01"]);
    assert!(
        explain.contains("next forfeiture, if nothing changes: 10,000,000.00 on 2021-07-11."),
        "{explain}"
    );
}

#[test]
fn an_order_not_yet_decided_has_no_next_forfeiture() {
    let r = report(&load("cases/clearview-nl.toml"), "2019-01-01");
    assert_eq!(r.total.next_forfeiture, None);
}

#[test]
fn fr_ce_air_quality_reproduces_the_three_liquidations() {
    let cases = load("cases/fr-ce-air-quality.toml");
    // 10M for the first semester; 20M for the next two; 10M for two more, halved.
    for (as_of, liquidated) in [
        ("2021-08-04", "10000000"),
        ("2022-10-17", "30000000"),
        ("2023-11-24", "40000000"),
    ] {
        let a = &report(&cases, as_of).cases[0].figures.orders[0].accrual;
        assert_eq!(a.liquidated, amount(liquidated), "as of {as_of}");
        assert_eq!(a.accruing, Decimal::ZERO, "as of {as_of}");
    }
    // The semesters the Conseil d'État did not liquidate are waived: nothing accrues.
    let a = &report(&cases, "2026-11-22").cases[0].figures.orders[0].accrual;
    assert_eq!(
        (a.liquidated, a.accruing),
        (amount("40000000"), Decimal::ZERO)
    );
    let (_, err, code) = penalty(&["check", "cases/"]);
    assert_eq!((err.as_str(), code), ("", 0));
}

#[test]
fn eu_cjeu_it_landfills_first_semester_is_39_8_million() {
    let cases = load("cases/eu/cjeu-it-landfills.toml");
    // 42,800,000 - 15 x 200,000 = 39,800,000, on the first semester's last day.
    let a = &report(&cases, "2015-06-01").cases[0].figures.orders[0].accrual;
    assert_eq!(a.accrued, amount("39800000"));
    let a = &report(&cases, "2015-05-31").cases[0].figures.orders[0].accrual;
    assert_eq!(a.accrued, Decimal::ZERO);
    let (out, _, _) = penalty(&[
        "explain",
        "cases/eu/cjeu-it-landfills.toml",
        "--as-of",
        "2015-06-01",
    ]);
    assert!(
        out.contains("1 semester x 39,800,000.00 = 39,800,000.00; each semester: 42,800,000.00 - 15 x 200,000.00 (other-sites) = 39,800,000.00\n"),
        "{out}"
    );
}

#[test]
fn an_assertion_before_the_order_was_decided_sees_no_order() {
    let (_, err, code) = penalty(&["check", "tests/data/life/expect-before-decision.toml"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(":23:11: expected 100.00 EUR, computed 0.00 EUR (difference -100.00 EUR); accrued of order \"daily\" as of 2022-12-31: the order is not decided yet on that day"),
        "{err}"
    );
    assert!(err.contains("1 of 3 expected figures failed"), "{err}");
}
