//! Events with a decision date, on fines and liquidations: what a sum counts for as of a day
//! follows from the events known on that day.

use chrono::NaiveDate;
use penalty::case::{Case, load_case_str};
use penalty::exposure::{FineStatus, FxDate, Report, build_report};
use penalty::fx::{Currency, RateTable};
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn amount(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn case(body: &str) -> Case {
    let text = format!(
        "[case]\nid = \"t\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n{body}"
    );
    load_case_str(Path::new("t.toml"), &text).unwrap()
}

fn report(case: &Case, as_of: &str) -> Report {
    let eur: Currency = "EUR".parse().unwrap();
    build_report(
        std::slice::from_ref(case),
        d(as_of),
        eur,
        FxDate::AsOf,
        &RateTable::builtin(),
    )
    .unwrap()
}

#[test]
fn a_fine_annulment_decided_later_does_not_exist_before_it_is_known() {
    // Annulled by a judgment dated 2023-10-17 but published on 2023-11-02.
    let c = case(
        r#"
[[fine]]
id = "f"
amount = "1000000"
decided = 2023-01-10
[[fine.event]]
date = 2023-10-17
decided = 2023-11-02
kind = "annulled"
"#,
    );
    let r = report(&c, "2023-11-01");
    assert_eq!(r.cases[0].figures.fines[0].status, FineStatus::Enforceable);
    assert_eq!(r.total.fines_enforceable, amount("1000000.00"));
    let r = report(&c, "2023-11-02");
    assert_eq!(r.cases[0].figures.fines[0].status, FineStatus::Annulled);
    assert_eq!(r.total.fines(), Decimal::ZERO);
}

#[test]
fn an_event_decided_before_its_date_is_an_error() {
    let text = "[case]\nid = \"t\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n[[fine]]\nid = \"f\"\namount = \"10\"\ndecided = 2023-01-10\n[[fine.event]]\ndate = 2023-10-17\ndecided = 2023-10-16\nkind = \"annulled\"\n";
    let e = load_case_str(Path::new("t.toml"), text).unwrap_err();
    assert_eq!(
        e[0].to_string().lines().next().unwrap(),
        "t.toml:12:11: decided 2023-10-16 is before the event's date (2023-10-17): decided is the day the event was decided or became known, on or after its date"
    );
}
