//! Edge cases of the engine's figures, each worked out by hand: an accrual landing exactly on
//! its cap, a measurement read on the right day, units laid across years. They complement the
//! tests beside each module, and are what `cargo mutants` (docs/contributing.md) checks the
//! engine against: each one fails when a comparison, a bound or an arithmetic operator of the
//! engine is changed.

use crate::accrue;
use crate::case::{Case, Order, load_case_str};
use chrono::NaiveDate;
use rust_decimal_macros::dec;
use std::path::Path;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A case in EUR made of `body` (its fines, orders and payments).
fn case(body: &str) -> Case {
    let text = format!(
        "[case]\nid = \"a\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n{body}"
    );
    match load_case_str(Path::new("a.toml"), &text) {
        Ok(case) => case,
        Err(e) => panic!("{e:?}"),
    }
}

/// The first order of a case made of `body`.
fn order(body: &str) -> Order {
    case(body).orders[0].clone()
}

/// 100 per day from 2024-01-01, capped at 1,000: ten days (1 to 10 January) land exactly on
/// the cap, reached on 2024-01-10.
const CAPPED: &str =
    "[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"100\"\nper = \"day\"\ncap = \"1000\"\n";

#[test]
fn ten_days_of_100_reach_a_cap_of_1000_on_the_tenth_day() {
    let o = order(CAPPED);
    // Before 2024-01-10 (nine days, 900) the cap is not reached; before 2024-01-11 it is, on
    // the tenth day.
    assert_eq!(
        accrue::cap_reached_before(&o, d("2024-01-10")).unwrap(),
        None
    );
    assert_eq!(
        accrue::cap_reached_before(&o, d("2024-01-11")).unwrap(),
        Some(d("2024-01-10"))
    );
    assert_eq!(
        accrue::accrued_before(&o, d("2024-01-10")).unwrap(),
        dec!(900)
    );
    assert_eq!(
        accrue::accrued_before(&o, d("2024-03-01")).unwrap(),
        dec!(1000)
    );
}

/// 100 per day from 2024-01-01, less 10 per item of `sites`, measured 2 from 2024-01-10.
const MEASURED_DAILY: &str = "[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"100\"\nper = \"day\"\n\
    [[order.adjustment]]\nmeasure = \"sites\"\nper_item = \"-10\"\n\
    [[order.measurement]]\ndate = 2024-01-10\nvalues = { sites = 2 }\n";

#[test]
fn a_daily_amount_reads_the_measure_on_the_day_itself() {
    let o = order(MEASURED_DAILY);
    // Before the measurement the measure is 0: 100; from 2024-01-10, 100 - 2 x 10 = 80.
    assert_eq!(
        accrue::amount_per_unit_on(&o, d("2024-01-05")).unwrap(),
        dec!(100)
    );
    assert_eq!(
        accrue::amount_per_unit_on(&o, d("2024-01-09")).unwrap(),
        dec!(100)
    );
    assert_eq!(
        accrue::amount_per_unit_on(&o, d("2024-01-10")).unwrap(),
        dec!(80)
    );
    // Nine days at 100 and one at 80 through 2024-01-10.
    assert_eq!(
        accrue::accrued_before(&o, d("2024-01-11")).unwrap(),
        dec!(980)
    );
}

/// The liquidation-grid warnings of a case file written to disk, as `check` prints them.
fn grid_warnings_of(body: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grid.toml");
    let text = format!(
        "[case]\nid = \"a\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n{body}"
    );
    std::fs::write(&path, &text).unwrap();
    let case = load_case_str(&path, &text).unwrap();
    crate::grid::grid_warnings(&case)
        .iter()
        .map(|w| {
            let (line, col) = w.position.unwrap_or((0, 0));
            format!("{line}:{col}: {}", w.message)
        })
        .collect()
}

#[test]
fn quarters_two_years_on_are_laid_from_the_first_day() {
    // 1,000 per started quarter from 2021-01-11. The first window covers quarters 1 to 8
    // exactly (2021-01-11 to 2023-01-11); the second starts on 2023-03-01, inside quarter 9
    // (2023-01-11 through 2023-04-10), leaving 2023-01-11 through 2023-02-28 uncovered: 21 +
    // 28 = 49 days, which start quarter 9 and forfeit 1,000. Both windows are decided the same
    // day: the warning points at the second one's `from` (line 17, column 8).
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"q\"\nstarts = 2021-01-11\nrate = \"1000\"\nper = \"quarter\"\n\
         [[order.liquidation]]\ndecided = 2023-06-01\nfrom = 2021-01-11\nuntil = 2023-01-11\n\
         [[order.liquidation]]\ndecided = 2023-06-01\nfrom = 2023-03-01\nuntil = 2023-04-11\n",
    );
    assert_eq!(
        warnings,
        [
            "17:8: liquidation window 2023-03-01 until 2023-04-11 (not counted) of order \"q\" cuts quarter 9 \
          (2023-01-11 through 2023-04-10): no liquidation covers 2023-01-11 through 2023-02-28 \
          (49 days of delay), which forfeits 1,000.00 as accruing; start the window on the \
          unit's first day (from = 2023-01-11), or liquidate those days"
        ]
    );
}

#[test]
fn a_month_of_february_first_is_counted_to_december() {
    // 500 per started month from 2022-02-01: the window ends before 2022-12-16, inside month
    // 11 (2022-12-01 through 2022-12-31); its last 16 days (16 to 31 December) are uncovered
    // but forfeit nothing, month 11 being started inside the window. The warning points at
    // `until` (line 14, column 9).
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"m\"\nstarts = 2022-02-01\nrate = \"500\"\nper = \"month\"\n\
         [[order.liquidation]]\ndecided = 2023-01-10\nfrom = 2022-02-01\nuntil = 2022-12-16\n",
    );
    assert_eq!(
        warnings,
        [
            "14:9: liquidation window 2022-02-01 until 2022-12-16 (not counted) of order \"m\" cuts \
          month 11 (2022-12-01 through 2022-12-31): no liquidation covers 2022-12-16 through \
          2022-12-31 (16 days of delay), which forfeits 0.00 as accruing; end the window on the \
          unit's last day (through = 2022-12-31), or liquidate those days"
        ]
    );
}

/// An order of unknown terms (no `starts`, `deadline` or `grace`) with a cap of 50,000,
/// decided 2024-01-10, ending with `end` (`complied = ...` or `lifted = ...`).
fn unknown_terms(end: &str) -> Order {
    order(&format!(
        "[[order]]\nid = \"o\"\ndecided = 2024-01-10\ncap = \"50000\"\n{end}\n"
    ))
}

#[test]
fn an_order_of_unknown_terms_keeps_its_cap_at_risk_until_complied_with() {
    use accrue::OrderState;
    let o = unknown_terms("complied = 2024-03-01");
    let before = accrue::accrue(&o, d("2024-02-29")).unwrap();
    assert_eq!(before.state, OrderState::Unknown);
    assert_eq!(before.at_risk, Some(dec!(50000)));
    let on = accrue::accrue(&o, d("2024-03-01")).unwrap();
    assert_eq!(on.state, OrderState::Complied(d("2024-03-01")));
    assert_eq!(on.at_risk, None);
}

#[test]
fn an_order_of_unknown_terms_keeps_its_cap_at_risk_until_lifted() {
    use accrue::OrderState;
    let o = unknown_terms("lifted = 2024-03-01");
    let before = accrue::accrue(&o, d("2024-02-29")).unwrap();
    assert_eq!(before.state, OrderState::Unknown);
    assert_eq!(before.at_risk, Some(dec!(50000)));
    let on = accrue::accrue(&o, d("2024-03-01")).unwrap();
    assert_eq!(on.state, OrderState::Lifted(d("2024-03-01")));
    assert_eq!(on.at_risk, None);
}

/// 100 per day from 2024-01-01 (no cap), ending with `end`.
fn daily(end: &str) -> Order {
    order(&format!(
        "[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"100\"\nper = \"day\"\n{end}\n"
    ))
}

#[test]
fn a_future_lifting_leaves_the_order_running() {
    use accrue::OrderState;
    // Lifted on 2024-03-01: as of 2024-02-29 it is open, 60 days x 100 = 6,000, and the next
    // day adds 100; from 2024-03-01 it is lifted with the same 6,000 and no run rate.
    let o = daily("lifted = 2024-03-01");
    let before = accrue::accrue(&o, d("2024-02-29")).unwrap();
    assert_eq!(before.state, OrderState::Open);
    assert_eq!(before.accrued, dec!(6000));
    assert_eq!(before.run_rate, Some(dec!(100)));
    let after = accrue::accrue(&o, d("2024-03-10")).unwrap();
    assert_eq!(after.state, OrderState::Lifted(d("2024-03-01")));
    assert_eq!(after.accrued, dec!(6000));
    assert_eq!(after.run_rate, None);
}

#[test]
fn a_future_compliance_leaves_the_order_running() {
    use accrue::OrderState;
    // Complied with on 2024-03-01: open as of 2024-02-01 (31 days of
    // January and 1 February: 3,200, and 100 more a day).
    let o = daily("complied = 2024-03-01");
    let before = accrue::accrue(&o, d("2024-02-01")).unwrap();
    assert_eq!(before.state, OrderState::Open);
    assert_eq!(before.accrued, dec!(3200));
    assert_eq!(before.run_rate, Some(dec!(100)));
    let after = accrue::accrue(&o, d("2024-03-01")).unwrap();
    assert_eq!(after.state, OrderState::Complied(d("2024-03-01")));
    assert_eq!(after.accrued, dec!(6000));
}

#[test]
fn an_order_lifted_before_it_was_complied_with_stays_lifted() {
    use accrue::OrderState;
    // Lifted on 2024-03-01, compliance shown on 2024-04-01: what ended the order is the
    // lifting, and the days stop there, 60 x 100 = 6,000.
    let o = daily("lifted = 2024-03-01\ncomplied = 2024-04-01");
    let a = accrue::accrue(&o, d("2024-05-01")).unwrap();
    assert_eq!(a.state, OrderState::Lifted(d("2024-03-01")));
    assert_eq!(a.accrued, dec!(6000));
    assert_eq!(a.days, 60);
}

#[test]
fn windows_on_unit_boundaries_are_not_warned_about_even_after_an_uncovered_unit() {
    // Quarters from 2021-01-11: a window from the first day of quarter 2 (2021-04-11) to the
    // first day of quarter 3 cuts no unit, though quarter 1 is left to accrue.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"q\"\nstarts = 2021-01-11\nrate = \"1000\"\nper = \"quarter\"\n\
         [[order.liquidation]]\ndecided = 2021-08-01\nfrom = 2021-04-11\nuntil = 2021-07-11\n",
    );
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn an_annulled_window_covers_nothing_on_the_grid() {
    // Months from 2022-01-15, the first window (15 January to 20 February) annulled for good:
    // the second, from 2022-02-20, cuts month 2 (2022-02-15 through 2022-03-14), whose first
    // 5 days no standing liquidation covers; they start month 2 and forfeit 1,000.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"m\"\nstarts = 2022-01-15\nrate = \"1000\"\nper = \"month\"\n\
         [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-01-15\nuntil = 2022-02-20\n\
         [[order.liquidation.event]]\ndate = 2022-05-01\nkind = \"annulled\"\n\
         [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-02-20\nuntil = 2022-03-15\n",
    );
    assert_eq!(
        warnings,
        [
            "20:8: liquidation window 2022-02-20 until 2022-03-15 (not counted) of order \"m\" cuts \
          month 2 (2022-02-15 through 2022-03-14): no liquidation covers 2022-02-15 through \
          2022-02-19 (5 days of delay), which forfeits 1,000.00 as accruing; start the window \
          on the unit's first day (from = 2022-02-15), or liquidate those days"
        ]
    );
}
