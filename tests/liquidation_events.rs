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

/// 10 days x 100,000 = 1,000,000, liquidated at that amount on 2022-02-01, appealed on
/// 2022-02-15; `then` is the judgment of 2022-06-30.
fn liquidated_then(then: &str) -> Case {
    case(&format!(
        r#"
[[order]]
id = "o"
starts = 2022-01-01
rate = "100000"
complied = 2022-01-11
[[order.liquidation]]
decided = 2022-02-01
from = 2022-01-01
through = 2022-01-10
amount = "1000000"
[[order.liquidation.event]]
date = 2022-02-15
kind = "appealed"
[[order.liquidation.event]]
date = 2022-06-30
{then}
"#
    ))
}

#[test]
fn a_liquidation_reduced_on_appeal_counts_its_new_amount_from_the_judgment() {
    let c = liquidated_then("kind = \"reduced\"\namount = \"600000\"");
    let before = report(&c, "2022-06-29");
    let o = &before.cases[0].figures.orders[0].accrual;
    assert_eq!(o.liquidated, amount("1000000"));
    assert_eq!(o.liquidations[0].status, FineStatus::Contested);
    assert_eq!(before.total.exposure(), amount("1000000.00"));
    let after = report(&c, "2022-06-30");
    let o = &after.cases[0].figures.orders[0].accrual;
    // The accrual is still 10 x 100,000; what counts is the court's 600,000.
    assert_eq!(o.accrued, amount("1000000"));
    assert_eq!(o.liquidations[0].ordered, amount("1000000"));
    assert_eq!(o.liquidations[0].amount, amount("600000"));
    assert_eq!(o.liquidations[0].reduction, amount("400000"));
    assert_eq!(
        (o.liquidated, o.accruing),
        (amount("600000"), Decimal::ZERO)
    );
    assert_eq!(after.total.exposure(), amount("600000.00"));
}

#[test]
fn an_annulled_liquidation_counts_zero_and_its_days_accrue_again() {
    let c = liquidated_then("kind = \"annulled\"");
    let before = report(&c, "2022-06-29");
    let o = &before.cases[0].figures.orders[0].accrual;
    assert_eq!((o.liquidated, o.liquidated_days), (amount("1000000"), 10));
    assert_eq!((o.accruing, o.accruing_days), (Decimal::ZERO, 0));
    let after = report(&c, "2022-06-30");
    let o = &after.cases[0].figures.orders[0].accrual;
    assert_eq!(o.liquidations[0].status, FineStatus::Annulled);
    assert_eq!(o.liquidations[0].counted(), Decimal::ZERO);
    // The 10 days are accruing again: 10 x 100,000.
    assert_eq!((o.liquidated, o.liquidated_days), (Decimal::ZERO, 0));
    assert_eq!((o.accruing, o.accruing_days), (amount("1000000"), 10));
    assert_eq!(after.total.owed(), Decimal::ZERO);
    assert_eq!(after.total.exposure(), amount("1000000.00"));
}

/// The annulled liquidation of `liquidated_then`, liquidated again on `decided` for the
/// days of 2022-01-06 through 2022-01-10 at 400,000.
fn liquidated_again(decided: &str) -> String {
    let c = "[case]\nid = \"t\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n";
    format!(
        "{c}[[order]]\nid = \"o\"\nstarts = 2022-01-01\nrate = \"100000\"\ncomplied = 2022-01-11\n\
         [[order.liquidation]]\ndecided = 2022-02-01\nfrom = 2022-01-01\nthrough = 2022-01-10\namount = \"1000000\"\n\
         [[order.liquidation.event]]\ndate = 2022-06-30\nkind = \"annulled\"\n\
         [[order.liquidation]]\ndecided = {decided}\nfrom = 2022-01-06\nthrough = 2022-01-10\namount = \"400000\"\n"
    )
}

#[test]
fn a_window_liquidated_again_after_an_annulment_counts_once() {
    let c = load_case_str(Path::new("t.toml"), &liquidated_again("2022-09-01")).unwrap();
    let r = report(&c, "2022-09-01");
    let o = &r.cases[0].figures.orders[0].accrual;
    // 400,000 for 5 days liquidated again; the other 5 days of the annulled window accrue:
    // 5 x 100,000.
    assert_eq!((o.liquidated, o.liquidated_days), (amount("400000"), 5));
    assert_eq!((o.accruing, o.accruing_days), (amount("500000"), 5));
}

#[test]
fn overlapping_windows_are_an_error_unless_the_first_was_annulled_by_then() {
    let e = load_case_str(Path::new("t.toml"), &liquidated_again("2022-06-29")).unwrap_err();
    assert!(
        e[0].to_string().contains(
            "overlaps the liquidation window 2022-01-01 through 2022-01-10 on line 13: a day is liquidated once, unless the liquidation decided first was annulled by the day the other was decided"
        ),
        "{}",
        e[0]
    );
}

fn penalty() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("penalty").unwrap()
}

const REDUCED: &str = "tests/data/liquidations/reduced-on-appeal.toml";

#[test]
fn the_reduced_liquidation_fixture_reproduces_its_assertions() {
    penalty().args(["check", REDUCED]).assert().code(0);
}

#[test]
fn contested_liquidated_penalties_are_a_column_of_their_own_in_csv() {
    let out = penalty()
        .args([
            "compute",
            REDUCED,
            "--as-of",
            "2022-06-30",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0]
            .contains(",fines,liquidated_enforceable,liquidated_contested,liquidated,accruing,")
    );
    // Fine 2,000,000 enforceable; liquidated 0 enforceable + 600,000 contested; exposure
    // 2,600,000.
    assert!(
        lines[1].starts_with(
            "2022-06-30,EUR,reduced-on-appeal,Example SA,FR,2000000.00,0.00,2000000.00,0.00,600000.00,600000.00,0.00,600000.00,2600000.00,"
        ),
        "{text}"
    );
}

#[test]
fn contested_liquidated_penalties_add_up_in_every_total() {
    let c = liquidated_then("kind = \"reduced\"\namount = \"600000\"");
    let r = report(&c, "2022-06-30");
    for t in [
        &r.cases[0].totals,
        &r.companies["C"],
        &r.jurisdictions["FR"],
        &r.total,
    ] {
        assert_eq!(
            (t.liquidated_enforceable, t.liquidated_contested),
            (Decimal::ZERO, amount("600000.00"))
        );
    }
    let o = &r.cases[0].figures.orders[0];
    assert_eq!(o.liquidated_contested, amount("600000"));
}

const ANNULLED: &str = "tests/data/liquidations/annulled.toml";

fn explain(path: &str, as_of: &str) -> String {
    let out = penalty()
        .args(["explain", path, "--as-of", as_of])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn explain_shows_a_liquidation_reduced_on_appeal() {
    let before = explain(REDUCED, "2022-06-29");
    assert!(before.contains(
        "    Status: contested: appealed on 2022-02-15 (appeal).\n    Not yet happened as of 2022-06-29, so not counted: reduced on 2022-06-30.\n    Counts for 1,000,000.00 (contested).\n"
    ), "{before}");
    let after = explain(REDUCED, "2022-06-30");
    assert!(after.contains(
        "    Computed 10 days x 100,000.00 = 1,000,000.00; ordered 1,000,000.00; reduced by 400,000.00.\n    Reduced to 600,000.00 on 2022-06-30 (judgment).\n    Status: contested: appealed on 2022-02-15 (appeal).\n    Counts for 600,000.00 (contested).\n"
    ), "{after}");
}

#[test]
fn explain_shows_an_annulment_from_the_day_it_is_known() {
    penalty().args(["check", ANNULLED]).assert().code(0);
    let before = explain(ANNULLED, "2022-07-03");
    assert!(before.contains(
        "Not yet happened as of 2022-07-03, so not counted: annulled on 2022-06-30 (known from 2022-07-04)."
    ), "{before}");
    let after = explain(ANNULLED, "2022-07-04");
    assert!(after.contains(
        "    Status: annulled on 2022-06-30: it counts zero.\n    Counts for 0.00 (annulled): its 10 days are accruing again unless another liquidation covers them.\n"
    ), "{after}");
}

#[test]
fn the_schedule_shows_an_annulled_window_as_accruing_again() {
    let row = |as_of: &str| {
        let out = penalty()
            .args(["schedule", ANNULLED, "--as-of", as_of])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines()
            .find(|l| l.starts_with("2022-01-01   2022-01-10"))
            .map(|l| l.split_whitespace().last().unwrap_or("").to_string())
            .unwrap_or_else(|| panic!("{text}"))
    };
    // 10 days x 100,000 = 1,000,000, liquidated until the annulment is known.
    assert_eq!(row("2022-07-03"), "liquidated");
    assert_eq!(row("2022-07-04"), "accruing");
}

#[test]
fn a_ceiling_liquidation_cut_on_appeal_is_reduced_by_the_cut_only() {
    // 2,000,000 a day at most over 10 days: a ceiling of 20,000,000, fixed at 15,000,000
    // (no reduction: the rate is a maximum), then cut on appeal to 12,000,000: a reduction
    // of 3,000,000.
    let c = case(
        r#"
[[order]]
id = "o"
starts = 2022-01-01
rate = "2000000"
ceiling = true
complied = 2022-01-11
[[order.liquidation]]
decided = 2022-02-01
from = 2022-01-01
through = 2022-01-10
amount = "15000000"
[[order.liquidation.event]]
date = 2022-06-30
kind = "reduced"
amount = "12000000"
"#,
    );
    let f = |as_of: &str| {
        report(&c, as_of).cases[0].figures.orders[0]
            .accrual
            .liquidations[0]
            .clone()
    };
    let before = f("2022-06-29");
    assert_eq!(before.ceiling, Some(amount("20000000")));
    assert_eq!(
        (before.amount, before.reduction),
        (amount("15000000"), Decimal::ZERO)
    );
    let after = f("2022-06-30");
    assert_eq!(
        (after.ordered, after.amount),
        (amount("15000000"), amount("12000000"))
    );
    assert_eq!(after.reduction, amount("3000000"));
}

#[test]
fn a_liquidation_appealed_on_a_day_not_public_is_contested_from_its_decision() {
    // Liquidated on 2022-02-01 at 10 days x 100,000; appealed on a day not public, written on
    // the liquidation's day, the earliest the appeal can have been lodged.
    let c = case(
        r#"
[[order]]
id = "o"
starts = 2022-01-01
rate = "100000"
complied = 2022-01-11
[[order.liquidation]]
decided = 2022-02-01
from = 2022-01-01
through = 2022-01-10
amount = "1000000"
[[order.liquidation.event]]
date = 2022-02-01
kind = "appealed"
date_known = false
"#,
    );
    let r = report(&c, "2022-02-01");
    let o = &r.cases[0].figures.orders[0];
    assert_eq!(o.accrual.liquidations[0].status, FineStatus::Contested);
    assert_eq!(o.liquidated_contested, amount("1000000"));
    assert!(!c.orders[0].liquidations[0].events[0].date_known);
}

#[test]
fn date_known_false_on_a_reduction_is_an_error_at_the_key() {
    let text = "[case]\nid = \"t\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n[[order]]\nid = \"o\"\nstarts = 2022-01-01\nrate = \"100000\"\n[[order.liquidation]]\ndecided = 2022-02-01\nfrom = 2022-01-01\nthrough = 2022-01-10\n[[order.liquidation.event]]\ndate = 2022-06-30\nkind = \"reduced\"\namount = \"600000\"\ndate_known = false\n";
    let e = load_case_str(Path::new("t.toml"), text).unwrap_err();
    assert_eq!(
        e[0].to_string().lines().next().unwrap(),
        "t.toml:18:14: date_known = false is only for kind = \"appealed\" (an appeal lodged on a day that is not public); kind = \"reduced\" is a decision, dated by whoever took it: give its date"
    );
}
