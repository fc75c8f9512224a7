//! Edge cases of the engine's figures, each worked out by hand: an accrual landing exactly on
//! its cap, a measurement read on the right day, units laid across years. They complement the
//! tests beside each module, and are what `cargo mutants` (docs/contributing.md) checks the
//! engine against: each one fails when a comparison, a bound or an arithmetic operator of the
//! engine is changed.

use crate::accrue;
use crate::case::{Case, Order, load_case_str};
use chrono::NaiveDate;
use rust_decimal::Decimal;
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

#[test]
fn a_violation_too_large_to_compute_does_not_exist_before_its_day() {
    // 10^28 per violation; 10 violations on 2024-01-10 forfeit 10^29, more than a decimal
    // holds. As of 2024-01-09 nothing has accrued and one more violation would forfeit 10^28;
    // as of 2024-01-10 the accrual cannot be computed.
    let o = order(
        "[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"10000000000000000000000000000\"\n\
         per = \"violation\"\n[[order.violation]]\ndate = 2024-01-10\ncount = 10\n",
    );
    let before = accrue::accrue(&o, d("2024-01-09")).unwrap();
    assert_eq!(before.accrued, dec!(0));
    assert_eq!(
        before.run_rate,
        Some(dec!(10_000_000_000_000_000_000_000_000_000))
    );
    assert!(accrue::accrue(&o, d("2024-01-10")).is_err());
}

#[test]
fn a_window_starting_inside_a_week_is_warned_about() {
    // 700 per started week from Monday 2024-01-01; the window starts on Wednesday 2024-01-03,
    // inside week 1, leaving its Monday and Tuesday uncovered: they start week 1 and forfeit
    // 700.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"w\"\nstarts = 2024-01-01\nrate = \"700\"\nper = \"week\"\n\
         [[order.liquidation]]\ndecided = 2024-02-01\nfrom = 2024-01-03\nuntil = 2024-01-15\n",
    );
    assert_eq!(
        warnings,
        [
            "13:8: liquidation window 2024-01-03 until 2024-01-15 (not counted) of order \"w\" cuts \
          week 1 (2024-01-01 through 2024-01-07): no liquidation covers 2024-01-01 through \
          2024-01-02 (2 days of delay), which forfeits 700.00 as accruing; start the window on \
          the unit's first day (from = 2024-01-01), or liquidate those days"
        ]
    );
}

/// A case in EUR of company Acme (France) as of 2024-03-31:
/// - fines: 100,000 enforceable, 40,000 appealed (contested), 7,000 annulled (counts 0);
/// - an order of 1,000 per day from 2024-03-01, capped at 50,000: 31 days, 31,000 accrued,
///   of which 10 days (10,000) liquidated and enforceable, 5 days (5,000) liquidated and
///   appealed, 2 days liquidated then annulled (back to accruing): 16,000 accruing, 1,000
///   more a day, 19,000 of the cap at risk, the next 1,000 forfeited on 2024-04-01;
/// - payments: 30,000 to the first fine, 4,000 to the order, and 1,000 after the as-of date.
const ACME_FR: &str = "\
[[fine]]\nid = \"f1\"\namount = \"100000\"\ndecided = 2024-01-05\n\
[[fine]]\nid = \"f2\"\namount = \"40000\"\ndecided = 2024-01-06\n\
[[fine.event]]\ndate = 2024-02-01\nkind = \"appealed\"\n\
[[fine]]\nid = \"f3\"\namount = \"7000\"\ndecided = 2024-01-07\n\
[[fine.event]]\ndate = 2024-02-01\nkind = \"annulled\"\n\
[[order]]\nid = \"o1\"\nstarts = 2024-03-01\nrate = \"1000\"\nper = \"day\"\ncap = \"50000\"\n\
[[order.liquidation]]\ndecided = 2024-03-20\nfrom = 2024-03-01\nuntil = 2024-03-11\namount = \"10000\"\n\
[[order.liquidation]]\ndecided = 2024-03-25\nfrom = 2024-03-11\nuntil = 2024-03-16\n\
[[order.liquidation.event]]\ndate = 2024-03-26\nkind = \"appealed\"\n\
[[order.liquidation]]\ndecided = 2024-03-28\nfrom = 2024-03-16\nuntil = 2024-03-18\n\
[[order.liquidation.event]]\ndate = 2024-03-30\nkind = \"annulled\"\n\
[[payment]]\ndate = 2024-02-15\namount = \"30000\"\napplies_to = \"f1\"\n\
[[payment]]\ndate = 2024-03-30\namount = \"4000\"\napplies_to = \"o1\"\n\
[[payment]]\ndate = 2024-04-15\namount = \"1000\"\napplies_to = \"f1\"\n";

/// A case with its own id, company and jurisdiction.
fn case_of(id: &str, company: &str, jurisdiction: &str, body: &str) -> Case {
    let text = format!(
        "[case]\nid = \"{id}\"\ncompany = \"{company}\"\njurisdiction = \"{jurisdiction}\"\ncurrency = \"EUR\"\n{body}"
    );
    match load_case_str(Path::new("a.toml"), &text) {
        Ok(case) => case,
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn a_case_line_sums_fines_liquidations_accruing_and_payments_by_status() {
    use crate::exposure::{FineStatus, case_figures};
    let c = case_of("acme-fr", "Acme", "FR", ACME_FR);
    let as_of = d("2024-03-31");
    let figures = case_figures(&c, as_of).unwrap();
    let statuses: Vec<_> = figures.fines.iter().map(|f| f.status).collect();
    assert_eq!(
        statuses,
        [
            FineStatus::Enforceable,
            FineStatus::Contested,
            FineStatus::Annulled
        ]
    );
    let counted: Vec<_> = figures.fines.iter().map(|f| f.counted()).collect();
    assert_eq!(counted, [dec!(100000), dec!(40000), dec!(0)]);
    assert_eq!(figures.fines[0].paid, dec!(30000));
    let o = &figures.orders[0];
    assert_eq!(o.accrual.accrued, dec!(31000));
    assert_eq!(o.liquidated_enforceable, dec!(10000));
    assert_eq!(o.liquidated_contested, dec!(5000));
    assert_eq!(o.accrual.accruing, dec!(16000));
    assert_eq!(o.paid, dec!(4000));
    let counted: Vec<_> = o.accrual.liquidations.iter().map(|l| l.counted()).collect();
    assert_eq!(counted, [dec!(10000), dec!(5000), dec!(0)]);

    let rates = crate::fx::RateTable::empty();
    let line = crate::exposure::case_line(
        &c,
        as_of,
        crate::fx::Currency::EUR,
        crate::exposure::FxDate::AsOf,
        &rates,
    )
    .unwrap();
    let t = line.totals;
    assert_eq!(t, line.own);
    assert_eq!(
        (t.fines_enforceable, t.fines_contested, t.fines()),
        (dec!(100000), dec!(40000), dec!(140000))
    );
    assert_eq!(
        (
            t.liquidated_enforceable,
            t.liquidated_contested,
            t.liquidated()
        ),
        (dec!(10000), dec!(5000), dec!(15000))
    );
    // Penalties 15,000 + 16,000; exposure 140,000 + 31,000; owed 140,000 + 15,000; paid
    // 30,000 + 4,000; outstanding 155,000 - 34,000.
    assert_eq!(t.accruing, dec!(16000));
    assert_eq!(t.penalties(), dec!(31000));
    assert_eq!(t.exposure(), dec!(171000));
    assert_eq!(t.owed(), dec!(155000));
    assert_eq!(t.paid, dec!(34000));
    assert_eq!(t.outstanding(), dec!(121000));
    assert_eq!(t.run_rate, dec!(1000));
    assert_eq!(t.at_risk, dec!(19000));
    assert_eq!(
        t.next_forfeiture,
        Some(accrue::Forfeiture {
            date: d("2024-04-01"),
            amount: dec!(1000)
        })
    );
}

#[test]
fn a_report_sums_case_lines_per_company_per_jurisdiction_and_overall() {
    use crate::exposure::{FxDate, build_report, build_report_owned};
    // Acme's French case (exposure 171,000, above), Acme's Dutch fine of 20,000 and Beta's
    // French fine of 5,000, contested: Acme 191,000, Beta 5,000; France 176,000, the
    // Netherlands 20,000; in all 196,000. Owed: fines 165,000 + liquidated 15,000, less
    // 34,000 paid: 146,000 outstanding.
    let cases = vec![
        case_of(
            "beta-fr",
            "Beta",
            "FR",
            "[[fine]]\nid = \"f\"\namount = \"5000\"\ndecided = 2024-01-05\n[[fine.event]]\ndate = 2024-01-20\nkind = \"appealed\"\n",
        ),
        case_of(
            "acme-nl",
            "Acme",
            "NL",
            "[[fine]]\nid = \"f\"\namount = \"20000\"\ndecided = 2024-01-05\n",
        ),
        case_of("acme-fr", "Acme", "FR", ACME_FR),
    ];
    let rates = crate::fx::RateTable::empty();
    let eur = crate::fx::Currency::EUR;
    let as_of = d("2024-03-31");
    let r = build_report(&cases, as_of, eur, FxDate::AsOf, &rates).unwrap();
    let ids: Vec<&str> = r.cases.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["acme-fr", "acme-nl", "beta-fr"]);
    let exposure = |t: &crate::exposure::Totals| t.exposure();
    assert_eq!(exposure(&r.companies["Acme"]), dec!(191000));
    assert_eq!(exposure(&r.companies["Beta"]), dec!(5000));
    assert_eq!(r.companies["Beta"].fines_contested, dec!(5000));
    assert_eq!(exposure(&r.jurisdictions["FR"]), dec!(176000));
    assert_eq!(exposure(&r.jurisdictions["NL"]), dec!(20000));
    assert_eq!(exposure(&r.total), dec!(196000));
    assert_eq!(r.total.fines_contested, dec!(45000));
    assert_eq!(r.total.paid, dec!(34000));
    assert_eq!(r.total.owed(), dec!(180000));
    assert_eq!(r.total.outstanding(), dec!(146000));
    let owned = build_report_owned(cases, as_of, eur, FxDate::AsOf, &rates).unwrap();
    assert_eq!(owned, r);
}

#[test]
fn a_window_opening_before_a_postponed_first_day_is_warned_about_once_at_its_end() {
    // Months from 2022-01-15, postponed on 2022-02-01 to start that day: the window written
    // from 2022-01-15 now opens before any delay (not a cut) and ends on 2022-02-20, inside
    // month 1 (2022-02-01 through 2022-02-28): one warning, at its end (line 17). Its last 9
    // days are uncovered but forfeit nothing, month 1 being started inside the window.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"m\"\nstarts = 2022-01-15\nrate = \"1000\"\nper = \"month\"\n\
         [[order.deadline_change]]\ndecided = 2022-02-01\nstarts = 2022-02-01\n\
         [[order.liquidation]]\ndecided = 2022-03-01\nfrom = 2022-01-15\nuntil = 2022-02-20\n",
    );
    assert_eq!(
        warnings,
        [
            "17:9: liquidation window 2022-01-15 until 2022-02-20 (not counted) of order \"m\" cuts \
          month 1 (2022-02-01 through 2022-02-28): no liquidation covers 2022-02-20 through \
          2022-02-28 (9 days of delay), which forfeits 0.00 as accruing; end the window on the \
          unit's last day (through = 2022-02-28), or liquidate those days"
        ]
    );
}

#[test]
fn an_order_is_open_from_its_first_day_of_delay() {
    use accrue::OrderState;
    let o = daily("");
    let eve = accrue::accrue(&o, d("2023-12-31")).unwrap();
    assert_eq!(eve.state, OrderState::Pending);
    assert_eq!(eve.accrued, dec!(0));
    let first = accrue::accrue(&o, d("2024-01-01")).unwrap();
    assert_eq!(first.state, OrderState::Open);
    assert_eq!(first.accrued, dec!(100));
}

#[test]
fn a_window_one_day_into_a_week_leaves_one_day() {
    // Weeks from Monday 2024-01-01; the window starts on Tuesday: Monday alone is uncovered,
    // and forfeits the week's 700.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"w\"\nstarts = 2024-01-01\nrate = \"700\"\nper = \"week\"\n\
         [[order.liquidation]]\ndecided = 2024-02-01\nfrom = 2024-01-02\nuntil = 2024-01-15\n",
    );
    assert_eq!(
        warnings,
        [
            "13:8: liquidation window 2024-01-02 until 2024-01-15 (not counted) of order \"w\" cuts \
          week 1 (2024-01-01 through 2024-01-07): no liquidation covers 2024-01-01 (1 day of \
          delay), which forfeits 700.00 as accruing; start the window on the unit's first day \
          (from = 2024-01-01), or liquidate those days"
        ]
    );
}

#[test]
fn gaps_between_windows_inside_a_completed_month_are_listed_in_order() {
    // 1,000 per completed month from 2022-01-15. Month 2 runs from 2022-02-15 through
    // 2022-03-14; three windows leave 2022-02-16 and 2022-02-25 through 2022-03-04 of it
    // uncovered (1 + 8 = 9 days), and month 2 completes on 2022-03-14, inside the last window:
    // the gaps forfeit nothing.
    let warnings = grid_warnings_of(
        "[[order]]\nid = \"m\"\nstarts = 2022-01-15\nrate = \"1000\"\nper = \"month\"\ncount = \"completed\"\n\
         [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-01-15\nuntil = 2022-02-16\n\
         [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-02-17\nuntil = 2022-02-25\n\
         [[order.liquidation]]\ndecided = 2022-04-01\nfrom = 2022-03-05\nuntil = 2022-03-15\n",
    );
    assert_eq!(
        warnings,
        [
            "15:9: liquidation window 2022-01-15 until 2022-02-16 (not counted) of order \"m\" cuts \
          month 2 (2022-02-15 through 2022-03-14): no liquidation covers 2022-02-16, 2022-02-25 \
          through 2022-03-04 (9 days of delay), which forfeits 0.00 as accruing; end the window \
          on the unit's last day (through = 2022-03-14), or liquidate those days"
        ]
    );
}

/// 1,000 per started month from 2024-01-15 (month 2 runs from 2024-02-15 through 2024-03-14),
/// with `suspensions`.
fn monthly_suspended(suspensions: &str) -> Order {
    order(&format!(
        "[[order]]\nid = \"o\"\nstarts = 2024-01-15\nrate = \"1000\"\nper = \"month\"\n{suspensions}"
    ))
}

#[test]
fn a_month_suspended_through_the_as_of_date_has_not_started() {
    // Suspended from 2024-02-01 until 2024-03-01: as of 2024-02-29 only month 1 has started
    // (15 to 31 January), 1,000; on 2024-03-01, a day of month 2 counts: 2,000.
    let o = monthly_suspended("[[order.suspension]]\nfrom = 2024-02-01\nuntil = 2024-03-01\n");
    assert_eq!(
        accrue::accrue(&o, d("2024-02-29")).unwrap().accrued,
        dec!(1000)
    );
    assert_eq!(
        accrue::accrue(&o, d("2024-03-01")).unwrap().accrued,
        dec!(2000)
    );
}

#[test]
fn a_month_covered_by_two_adjacent_suspensions_never_starts() {
    // Suspended from 2024-01-20 until 2024-02-20 and from 2024-02-20 until 2024-03-20: month 2
    // has no counted day, month 3 (from 2024-03-15) starts on 2024-03-20. As of 2024-03-19,
    // 1,000 (15 to 19 January, 5 days); as of 2024-03-20, 2,000 (6 days).
    let o = monthly_suspended(
        "[[order.suspension]]\nfrom = 2024-01-20\nuntil = 2024-02-20\n\
         [[order.suspension]]\nfrom = 2024-02-20\nuntil = 2024-03-20\n",
    );
    let before = accrue::accrue(&o, d("2024-03-19")).unwrap();
    assert_eq!((before.accrued, before.days), (dec!(1000), 5));
    let on = accrue::accrue(&o, d("2024-03-20")).unwrap();
    assert_eq!((on.accrued, on.days), (dec!(2000), 6));
}

#[test]
fn an_order_complied_with_before_it_was_lifted_stays_complied_with() {
    use accrue::OrderState;
    // Complied with on 2024-03-01, lifted on 2024-04-01: what ended the order is the
    // compliance, 60 x 100 = 6,000.
    let o = daily("complied = 2024-03-01\nlifted = 2024-04-01");
    let a = accrue::accrue(&o, d("2024-05-01")).unwrap();
    assert_eq!(a.state, OrderState::Complied(d("2024-03-01")));
    assert_eq!(a.accrued, dec!(6000));
}

#[test]
fn a_violation_on_the_day_a_suspension_ends_counts() {
    // 500 per violation from 2024-01-01, suspended from 2024-01-10 until 2024-01-20 (the first
    // day counted again): the violation of 2024-01-15 is suspended, that of 2024-01-20 counts.
    let o = order(
        "[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"500\"\nper = \"violation\"\n\
         [[order.suspension]]\nfrom = 2024-01-10\nuntil = 2024-01-20\n\
         [[order.violation]]\ndate = 2024-01-15\n\
         [[order.violation]]\ndate = 2024-01-20\n",
    );
    assert_eq!(
        accrue::accrue(&o, d("2024-01-31")).unwrap().accrued,
        dec!(500)
    );
}

#[test]
fn a_debt_is_payable_from_its_due_date_outside_its_suspensions() {
    use crate::interest::{Debt, Suspension};
    // Due 2024-01-31, suspended 1 to 10 February (both counted), then from 1 March on.
    let mut debt = Debt::new(dec!(1000), d("2024-01-31"));
    debt.suspensions = vec![
        Suspension {
            from: d("2024-02-01"),
            to: Some(d("2024-02-10")),
        },
        Suspension {
            from: d("2024-03-01"),
            to: None,
        },
    ];
    let payable = |day: &str| debt.is_payable(d(day));
    assert!(!payable("2024-01-30"));
    assert!(payable("2024-01-31"));
    assert!(!payable("2024-02-01"));
    assert!(!payable("2024-02-10"));
    assert!(payable("2024-02-11"));
    assert!(payable("2024-02-29"));
    assert!(!payable("2024-03-01"));
    assert!(!payable("2030-01-01"));
}

/// The interest of `debt` at a fixed 3.65 % a year, as of `as_of`: on 100,000, exactly 10.00
/// a day.
fn at_3_65(debt: &crate::interest::Debt, as_of: &str) -> crate::interest::Outcome {
    let rates = crate::interest::Rates::builtin().unwrap();
    let regime = "fixed:3.65".parse().unwrap();
    crate::interest::interest(debt, regime, d(as_of), &rates).unwrap()
}

#[test]
fn interest_runs_from_the_day_after_the_due_date_to_the_as_of_date_both_counted() {
    use crate::interest::Debt;
    let debt = Debt::new(dec!(100000), d("2024-01-31"));
    // 1 to 10 February: 10 days x 10.00.
    let out = at_3_65(&debt, "2024-02-10");
    assert_eq!(
        (out.principal, out.interest, out.accrued),
        (dec!(100000), dec!(100.00), dec!(100.00))
    );
    assert_eq!(out.total(), dec!(100100.00));
    assert_eq!(at_3_65(&debt, "2024-01-31").interest, dec!(0));
    assert_eq!(at_3_65(&debt, "2024-02-01").interest, dec!(10.00));
}

#[test]
fn suspended_days_bear_no_interest() {
    use crate::interest::{Debt, Suspension};
    let suspension = |from: &str, to: Option<&str>| Suspension {
        from: d(from),
        to: to.map(d),
    };
    let mut debt = Debt::new(dec!(100000), d("2024-01-31"));
    // 3 to 5 February suspended: 10 - 3 = 7 days.
    debt.suspensions = vec![suspension("2024-02-03", Some("2024-02-05"))];
    assert_eq!(at_3_65(&debt, "2024-02-10").interest, dec!(70.00));
    // Overlapping suspensions, given out of order, 4 to 7 and 3 to 5 February: 3 to 7 are
    // suspended, 10 - 5 = 5 days.
    debt.suspensions = vec![
        suspension("2024-02-04", Some("2024-02-07")),
        suspension("2024-02-03", Some("2024-02-05")),
    ];
    assert_eq!(at_3_65(&debt, "2024-02-10").interest, dec!(50.00));
    // Suspended from 6 February on, not resumed: 1 to 5 February, 5 days.
    debt.suspensions = vec![suspension("2024-02-06", None)];
    assert_eq!(at_3_65(&debt, "2024-02-10").interest, dec!(50.00));
    // A suspension ending on the due date, one starting after the as-of date, and one ending
    // on the as-of date: 1 to 7 February, 7 days.
    debt.suspensions = vec![
        suspension("2024-01-20", Some("2024-01-31")),
        suspension("2024-02-08", Some("2024-02-10")),
        suspension("2024-02-11", Some("2024-02-20")),
    ];
    assert_eq!(at_3_65(&debt, "2024-02-10").interest, dec!(70.00));
    // A suspension of the first day only: 2 to 10 February, 9 days.
    debt.suspensions = vec![suspension("2024-02-01", Some("2024-02-01"))];
    assert_eq!(at_3_65(&debt, "2024-02-10").interest, dec!(90.00));
    // A suspension starting on the as-of date: 1 to 9 February, 9 days.
    debt.suspensions = vec![suspension("2024-02-10", Some("2024-02-12"))];
    assert_eq!(at_3_65(&debt, "2024-02-10").interest, dec!(90.00));
}

#[test]
fn a_payment_settles_interest_first_then_principal() {
    use crate::interest::{Debt, Payment, Settlement};
    let mut debt = Debt::new(dec!(100000), d("2024-01-31"));
    // On 10 February, 50,100 pays the 100.00 of interest, then 50,000 of principal; 11 to 20
    // February then bear 5.00 a day on 50,000: 50.00.
    debt.payments = vec![Payment {
        date: d("2024-02-10"),
        amount: dec!(50100),
    }];
    let out = at_3_65(&debt, "2024-02-20");
    assert_eq!(
        out.settlements,
        [Settlement {
            date: d("2024-02-10"),
            amount: dec!(50100),
            interest: dec!(100.00),
            principal: dec!(50000),
            excess: dec!(0),
        }]
    );
    assert_eq!(
        (out.principal, out.interest, out.accrued),
        (dec!(50000), dec!(50.00), dec!(150.00))
    );
    // Before the payment's day it is not counted: 9 days on 100,000.
    assert_eq!(at_3_65(&debt, "2024-02-09").interest, dec!(90.00));
}

#[test]
fn interest_is_rounded_once_per_period_between_payments() {
    use crate::interest::{Debt, Payment};
    // 333 at 3.65 %: 0.0333 a day. 1 to 10 February, 0.333, rounds to 0.33 when a payment of
    // 1 closes the period (0.33 interest, 0.67 principal: 332.33 left); 11 to 20 February on
    // 332.33, 0.33233, rounds to 0.33. In all 0.66, where one rounding would give 0.67.
    let mut debt = Debt::new(dec!(333), d("2024-01-31"));
    debt.payments = vec![Payment {
        date: d("2024-02-10"),
        amount: dec!(1),
    }];
    let out = at_3_65(&debt, "2024-02-20");
    assert_eq!(out.principal, dec!(332.33));
    assert_eq!(out.accrued, dec!(0.66));
    assert_eq!(out.interest, dec!(0.33));
}

#[test]
fn explained_interest_shows_each_run_of_days_as_a_product() {
    use crate::interest::{Debt, Suspension, explain};
    let rates = crate::interest::Rates::builtin().unwrap();
    let mut debt = Debt::new(dec!(100000), d("2024-01-31"));
    // 2 to 4 February suspended: 1 February alone, then 5 to 10 February.
    debt.suspensions = vec![Suspension {
        from: d("2024-02-02"),
        to: Some(d("2024-02-04")),
    }];
    let out = explain(
        &debt,
        "fixed:3.65".parse().unwrap(),
        d("2024-02-10"),
        &rates,
    )
    .unwrap();
    let lines: Vec<String> = out.segments.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "1 day x 100000 x 3.65 % / 365 = 10.00",
            "6 days x 100000 x 3.65 % / 365 = 60.00"
        ]
    );
    assert_eq!(out.interest, dec!(70.00));
}

#[test]
fn five_points_are_added_from_the_day_after_two_months_from_enforceability() {
    use crate::interest::{Debt, explain, interest};
    let rates = crate::interest::Rates::builtin().unwrap();
    let regime = "fr-legal+5".parse().unwrap();
    let mut debt = Debt::new(dec!(100000), d("2023-01-31"));
    debt.enforceable = Some(d("2023-03-15"));
    let at = |day: &str| interest(&debt, regime, d(day), &rates).unwrap().interest;
    // The French legal rate is 2.06 % in the first half of 2023 and 4.22 % in the second.
    // Two months from 15 March end on 15 May. Through 10 May, 99 days at 2.06 %, 99 x 2.06
    // x 100,000 / 36,500 = 558.739...
    assert_eq!(at("2023-05-10"), dec!(558.74));
    // Through 15 May, 104 days at 2.06 %,
    // 104 x 2.06 x 100,000 / 36,500 = 586.958...
    assert_eq!(at("2023-05-15"), dec!(586.96));
    // Then 46 days (16 May to 30 June) at 7.06 %: 539 rate-days, 1,476.712...
    assert_eq!(at("2023-06-30"), dec!(1476.71));
    // And 10 days of July at 9.22 %: 631.2 rate-days, 1,729.315...
    assert_eq!(at("2023-07-10"), dec!(1729.32));
    let out = explain(&debt, regime, d("2023-07-10"), &rates).unwrap();
    let runs: Vec<(i64, Decimal)> = out.segments.iter().map(|s| (s.days, s.rate)).collect();
    assert_eq!(
        runs,
        [(104, dec!(2.06)), (46, dec!(7.06)), (10, dec!(9.22))]
    );
    // Due 2022-12-15: 16 days of December 2022 at 0.77 %, before the majoration; 135 days (1
    // January to 15 May) at 2.06 %; 5 days at 7.06 %. 12.32 + 278.1 + 35.3 = 325.72
    // rate-days, 892.383...
    let mut debt = Debt::new(dec!(100000), d("2022-12-15"));
    debt.enforceable = Some(d("2023-03-15"));
    let out = explain(&debt, regime, d("2023-05-20"), &rates).unwrap();
    let runs: Vec<(i64, Decimal)> = out.segments.iter().map(|s| (s.days, s.rate)).collect();
    assert_eq!(runs, [(16, dec!(0.77)), (135, dec!(2.06)), (5, dec!(7.06))]);
    assert_eq!(out.interest, dec!(892.38));
    // Enforceable on 29 April: the majoration starts on 30 June, the last day of the
    // semester's step. 149 days at 2.06 %, 1 at 7.06 %, then 1 July at 9.22 %: 323.22
    // rate-days, 885.534...
    debt.due = d("2023-01-31");
    debt.enforceable = Some(d("2023-04-29"));
    let out = explain(&debt, regime, d("2023-07-01"), &rates).unwrap();
    let runs: Vec<(i64, Decimal)> = out.segments.iter().map(|s| (s.days, s.rate)).collect();
    assert_eq!(runs, [(149, dec!(2.06)), (1, dec!(7.06)), (1, dec!(9.22))]);
    assert_eq!(out.interest, dec!(885.53));
}

#[test]
fn dutch_statutory_interest_is_capitalised_before_a_payment_on_the_anniversary() {
    use crate::interest::{Debt, Payment, Settlement, interest};
    let rates = crate::interest::Rates::builtin().unwrap();
    let regime = "nl-statutory".parse().unwrap();
    let mut debt = Debt::new(dec!(10000), d("2023-06-30"));
    // Year one, 1 July 2023 to 30 June 2024: 184 days at 6 % and 182 at 7 % on 10,000,
    // (1,104 + 1,274) x 10,000 / 36,500 = 651.5068..., capitalised on 30 June 2024.
    let out = interest(&debt, regime, d("2024-06-30"), &rates).unwrap();
    assert_eq!(out.capitalised, [(d("2024-06-30"), dec!(651.51))]);
    assert_eq!((out.principal, out.interest), (dec!(10000), dec!(651.51)));
    // A payment of 1,000 that day settles the capitalised 651.51 first, then 348.49 of
    // principal; the next 184 days at 7 % run on 9,651.51: 1,288 x 9,651.51 / 36,500 =
    // 340.5793...
    debt.payments = vec![Payment {
        date: d("2024-06-30"),
        amount: dec!(1000),
    }];
    let out = interest(&debt, regime, d("2024-12-31"), &rates).unwrap();
    assert_eq!(
        out.settlements,
        [Settlement {
            date: d("2024-06-30"),
            amount: dec!(1000),
            interest: dec!(651.51),
            principal: dec!(348.49),
            excess: dec!(0),
        }]
    );
    assert_eq!(out.capitalised, [(d("2024-06-30"), dec!(651.51))]);
    assert_eq!(out.principal, dec!(9651.51));
    assert_eq!(out.interest, dec!(340.58));
    assert_eq!(out.accrued, dec!(992.09));
    // A payment of 1,000 on 1 January 2024, inside year one, comes before the anniversary:
    // 184 days at 6 % and 1 at 7 % on 10,000, 1,111 x 10,000 / 36,500 = 304.3835..., then
    // 695.62 of principal; the 181 days to 30 June at 7 % on 9,304.38 make 1,267 x 9,304.38 /
    // 36,500 = 322.9763..., capitalised.
    debt.payments[0].date = d("2024-01-01");
    let out = interest(&debt, regime, d("2024-06-30"), &rates).unwrap();
    assert_eq!(
        (out.settlements[0].interest, out.settlements[0].principal),
        (dec!(304.38), dec!(695.62))
    );
    assert_eq!(out.capitalised, [(d("2024-06-30"), dec!(322.98))]);
}

#[test]
fn the_eu_rate_is_the_mro_of_the_first_day_of_the_due_month_plus_three_and_a_half() {
    use crate::interest::{Debt, interest};
    let rates = crate::interest::Rates::builtin().unwrap();
    // MRO on 2023-03-01: 3.00 %, so 6.50 % for the life of the debt; 16 March to 31 December
    // 2023, 291 days: 291 x 6.5 x 1,000,000 / 36,500 = 51,821.917...
    let debt = Debt::new(dec!(1000000), d("2023-03-15"));
    let out = interest(
        &debt,
        "eu-mro+3.5".parse().unwrap(),
        d("2023-12-31"),
        &rates,
    )
    .unwrap();
    assert_eq!(out.interest, dec!(51821.92));
}

#[test]
fn a_sums_standing_follows_the_events_known_on_each_day() {
    use crate::case::EventKind;
    use crate::events::{Event, Status, kind_name, standing};
    let event = |date: &str, kind, amount: Option<Decimal>, decided: Option<&str>| Event {
        date: d(date),
        kind,
        amount,
        decided: decided.map(d),
        date_known: true,
        reference: None,
        notes: None,
    };
    // 100,000 decided; appealed on 1 February 2023; reduced to 60,000 by a judgment of 1 June
    // published on 15 June; upheld on 1 September; annulled on 10 January 2024; reinstated on
    // 1 June 2024.
    let events = [
        event("2023-02-01", EventKind::Appealed, None, None),
        event(
            "2023-06-01",
            EventKind::Reduced,
            Some(dec!(60000)),
            Some("2023-06-15"),
        ),
        event("2023-09-01", EventKind::Upheld, None, None),
        event("2024-01-10", EventKind::Annulled, None, None),
        event("2024-06-01", EventKind::Reinstated, None, None),
    ];
    let at = |day: &str| {
        let s = standing(dec!(100000), &events, d(day));
        let kind = s.set_by.as_ref().map(|e| kind_name(e.kind));
        (s.amount, s.status.to_string(), s.counted(), kind)
    };
    assert_eq!(
        at("2023-01-31"),
        (dec!(100000), "enforceable".into(), dec!(100000), None)
    );
    assert_eq!(
        at("2023-02-01"),
        (
            dec!(100000),
            "contested".into(),
            dec!(100000),
            Some("appealed")
        )
    );
    // The reduction is known from 15 June only.
    assert_eq!(
        at("2023-06-14"),
        (
            dec!(100000),
            "contested".into(),
            dec!(100000),
            Some("appealed")
        )
    );
    assert_eq!(
        at("2023-06-15"),
        (
            dec!(60000),
            "contested".into(),
            dec!(60000),
            Some("reduced")
        )
    );
    assert_eq!(
        at("2023-09-01"),
        (
            dec!(60000),
            "enforceable".into(),
            dec!(60000),
            Some("upheld")
        )
    );
    assert_eq!(
        at("2024-01-10"),
        (dec!(60000), "annulled".into(), dec!(0), Some("annulled"))
    );
    assert_eq!(
        at("2024-06-01"),
        (
            dec!(60000),
            "contested".into(),
            dec!(60000),
            Some("reinstated")
        )
    );
    assert_eq!(Status::Annulled.to_string(), "annulled");
}

#[test]
fn a_liquidation_fixed_below_a_ceiling_rate_is_not_a_reduction() {
    // At most 1,000 per day from 2024-01-01 (`ceiling = true`): 10 days, at most 10,000,
    // liquidated at 6,000. Nothing was taken off: the reduction is 0, and the ceiling's
    // 10,000 is kept beside it. Reduced to 5,000 on appeal, 1,000 was taken off. The next 5
    // days liquidated at the full 5,000 have no ceiling to show.
    let o = order(
        "[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"1000\"\nceiling = true\n\
         [[order.liquidation]]\ndecided = 2024-01-20\nfrom = 2024-01-01\nuntil = 2024-01-11\namount = \"6000\"\n\
         [[order.liquidation.event]]\ndate = 2024-03-01\nkind = \"reduced\"\namount = \"5000\"\n\
         [[order.liquidation]]\ndecided = 2024-01-20\nfrom = 2024-01-11\nuntil = 2024-01-16\namount = \"5000\"\n",
    );
    let l = &accrue::accrue(&o, d("2024-01-31")).unwrap().liquidations[0];
    assert_eq!(
        (l.computed, l.ordered, l.amount),
        (dec!(10000), dec!(6000), dec!(6000))
    );
    assert_eq!((l.reduction, l.ceiling), (dec!(0), Some(dec!(10000))));
    let full = &accrue::accrue(&o, d("2024-01-31")).unwrap().liquidations[1];
    assert_eq!((full.computed, full.amount), (dec!(5000), dec!(5000)));
    assert_eq!((full.reduction, full.ceiling), (dec!(0), None));
    let l = &accrue::accrue(&o, d("2024-03-01")).unwrap().liquidations[0];
    assert_eq!((l.amount, l.reduction), (dec!(5000), dec!(1000)));
}

#[test]
fn no_rate_is_needed_before_interest_runs() {
    use crate::interest::{Debt, InterestError, interest};
    let rates = crate::interest::Rates::builtin().unwrap();
    let regime = "fr-legal+5".parse().unwrap();
    // Without the day the decision became enforceable, fr-legal+5 has no rate; on the due
    // date no day bears interest yet, so none is needed.
    let debt = Debt::new(dec!(1000), d("2024-01-31"));
    assert_eq!(
        interest(&debt, regime, d("2024-01-31"), &rates)
            .unwrap()
            .interest,
        dec!(0)
    );
    assert_eq!(
        interest(&debt, regime, d("2024-02-01"), &rates),
        Err(InterestError::MissingEnforceable { regime })
    );
}

/// The line of a one-case report in EUR as of `as_of`.
fn line_of(
    body: &str,
    as_of: &str,
) -> Result<crate::exposure::CaseLine, crate::exposure::ReportError> {
    crate::exposure::case_line(
        &case(body),
        d(as_of),
        crate::fx::Currency::EUR,
        crate::exposure::FxDate::AsOf,
        &crate::fx::RateTable::empty(),
    )
}

#[test]
fn an_exposure_too_large_for_a_decimal_is_an_error_even_when_what_is_owed_fits() {
    // A fine of 79,228,162,514,264,337,593,543,950,325 (the largest decimal less 10) is owed
    // in full; with 2 days at 10 accruing, the exposure would be 10 more than a decimal holds.
    let fine =
        "[[fine]]\nid = \"f\"\namount = \"79228162514264337593543950325\"\ndecided = 2024-01-01\n";
    let order = "[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"10\"\n";
    let line = line_of(fine, "2024-01-02").unwrap();
    assert_eq!(line.totals.owed(), dec!(79228162514264337593543950325));
    let error = line_of(&format!("{fine}{order}"), "2024-01-02").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the case's exposure and totals cannot be added up exactly"),
        "{error}"
    );
    // One day at 10 fits exactly: 79,228,162,514,264,337,593,543,950,335.
    let line = line_of(&format!("{fine}{order}"), "2024-01-01").unwrap();
    assert_eq!(line.totals.exposure(), Decimal::MAX);
}

#[test]
fn fines_too_large_to_add_up_are_an_error() {
    // A fine of the largest decimal less 10, enforceable, and one appealed the day it was
    // decided, contested: each fits, and their sum fits only while the second is at most 10.
    let fines = |second: &str| {
        format!(
            "[[fine]]\nid = \"f\"\namount = \"79228162514264337593543950325\"\ndecided = 2024-01-01\n\
             [[fine]]\nid = \"g\"\namount = \"{second}\"\ndecided = 2024-01-01\n\
             [[fine.event]]\ndate = 2024-01-01\nkind = \"appealed\"\n"
        )
    };
    let line = line_of(&fines("10"), "2024-01-01").unwrap();
    assert_eq!(line.totals.fines_contested, dec!(10));
    assert_eq!(line.totals.fines(), Decimal::MAX);
    assert!(line_of(&fines("11"), "2024-01-01").is_err());
    // With the appeal dated the next day, both are enforceable on 2024-01-01: their sum is
    // refused as the case's enforceable fines.
    let both = fines("11").replace("date = 2024-01-01\nkind", "date = 2024-01-02\nkind");
    let error = line_of(&both, "2024-01-01").unwrap_err().to_string();
    assert!(
        error.contains("the case's enforceable fines cannot be added up exactly"),
        "{error}"
    );
}

#[test]
fn the_earliest_next_forfeiture_sums_those_of_the_same_day() {
    use crate::accrue::Forfeiture;
    use crate::exposure::earliest;
    let f = |date: &str, amount: Decimal| {
        Some(Forfeiture {
            date: d(date),
            amount,
        })
    };
    // 1,000 and 500 on 1 April: 1,500 that day.
    assert_eq!(
        earliest(f("2024-04-01", dec!(1000)), f("2024-04-01", dec!(500))),
        Some(f("2024-04-01", dec!(1500)))
    );
    // 1 April before 5 April, whichever comes first.
    assert_eq!(
        earliest(f("2024-04-01", dec!(1000)), f("2024-04-05", dec!(500))),
        Some(f("2024-04-01", dec!(1000)))
    );
    assert_eq!(
        earliest(f("2024-04-05", dec!(500)), f("2024-04-01", dec!(1000))),
        Some(f("2024-04-01", dec!(1000)))
    );
    assert_eq!(
        earliest(f("2024-04-05", dec!(500)), None),
        Some(f("2024-04-05", dec!(500)))
    );
    assert_eq!(
        earliest(None, f("2024-04-01", dec!(1000))),
        Some(f("2024-04-01", dec!(1000)))
    );
    // The largest decimal and 1 on the same day cannot be summed.
    assert_eq!(
        earliest(f("2024-04-01", Decimal::MAX), f("2024-04-01", dec!(1))),
        None
    );
}

#[test]
fn amounts_convert_at_the_rate_of_the_as_of_date_or_of_the_day_they_arose() {
    use crate::exposure::{FxDate, case_line};
    use crate::fx::{Currency, RateTable};
    // USD 100,000 fined on 2024-01-05, USD 10,000 paid on 2024-02-01. A euro buys 2 dollars
    // from 2024-01-01, 4 from 2024-02-01 and 5 from 2024-03-01.
    let mut rates = RateTable::empty();
    rates
        .add_toml_str(
            "[[rate]]\ndate = 2024-01-01\ncurrency = \"USD\"\nper_eur = \"2\"\n\
             [[rate]]\ndate = 2024-02-01\ncurrency = \"USD\"\nper_eur = \"4\"\n\
             [[rate]]\ndate = 2024-03-01\ncurrency = \"USD\"\nper_eur = \"5\"\n",
            Path::new("usd.toml"),
        )
        .unwrap();
    let text = "[case]\nid = \"a\"\ncompany = \"C\"\njurisdiction = \"US\"\ncurrency = \"USD\"\n\
                [[fine]]\nid = \"f\"\namount = \"100000\"\ndecided = 2024-01-05\n\
                [[payment]]\ndate = 2024-02-01\namount = \"10000\"\napplies_to = \"f\"\n";
    let c = load_case_str(Path::new("a.toml"), text).unwrap();
    let line = |fx| case_line(&c, d("2024-03-31"), Currency::EUR, fx, &rates).unwrap();
    // As of 2024-03-31, at 5: 20,000 fined, 2,000 paid.
    let t = line(FxDate::AsOf).totals;
    assert_eq!(
        (t.fines_enforceable, t.paid, t.outstanding()),
        (dec!(20000), dec!(2000), dec!(18000))
    );
    // On the days they arose: the fine at 2 (50,000), the payment at 4 (2,500).
    let t = line(FxDate::Decided).totals;
    assert_eq!(
        (t.fines_enforceable, t.paid, t.outstanding()),
        (dec!(50000), dec!(2500), dec!(47500))
    );
    // The case's own figures stay in dollars.
    assert_eq!(line(FxDate::Decided).own.fines_enforceable, dec!(100000));
}

#[test]
fn assumed_compliance_cuts_liquidations_and_scales_their_amounts() {
    use crate::whatif::{AssumeCompliance, WhatIf};
    // 1,000 a day from 2024-01-01. A liquidation of 30 days (1 to 30 January) ordered at
    // 10,000, reduced to 9,000 on appeal; one of 31 January to 29 February (30 days), computed. Complied with on
    // 2024-01-21 by hypothesis: 20 of the 30 days are kept, 10,000 x 20/30 = 6,666.67 and
    // 9,000 x 20/30 = 6,000.00; February is dropped. Order "done" was complied with on
    // 2024-01-10 already and is left as it is. Case "b"'s order is named on its own.
    let a = case_of(
        "a",
        "C",
        "FR",
        "[[order]]\nid = \"o1\"\nstarts = 2024-01-01\nrate = \"1000\"\n\
         [[order.liquidation]]\ndecided = 2024-02-15\nfrom = 2024-01-01\nuntil = 2024-01-31\namount = \"10000\"\n\
         [[order.liquidation.event]]\ndate = 2024-03-10\nkind = \"reduced\"\namount = \"9000\"\n\
         [[order.liquidation]]\ndecided = 2024-03-05\nfrom = 2024-01-31\nuntil = 2024-03-01\n\
         [[order]]\nid = \"done\"\nstarts = 2024-01-01\nrate = \"10\"\ncomplied = 2024-01-10\n",
    );
    let b = case_of(
        "b",
        "C",
        "FR",
        "[[order]]\nid = \"o1\"\nstarts = 2024-01-01\nrate = \"1\"\n",
    );
    let rules: Vec<AssumeCompliance> = ["2024-01-21", "b/o1=2024-03-01"]
        .iter()
        .map(|r| r.parse().unwrap())
        .collect();
    let w = WhatIf::apply(vec![a, b], &rules).unwrap();
    let complied: Vec<_> = w
        .cases
        .iter()
        .flat_map(|c| c.orders.iter().map(|o| (o.id.as_str(), o.complied)))
        .collect();
    assert_eq!(
        complied,
        [
            ("o1", Some(d("2024-01-21"))),
            ("done", Some(d("2024-01-10"))),
            ("o1", Some(d("2024-03-01")))
        ]
    );
    assert!(w.assumed("a", "o1").is_some());
    assert!(w.assumed("a", "done").is_none());
    let cuts: Vec<_> = w
        .cuts
        .iter()
        .map(|c| (c.days, c.days_left, c.ordered, c.scaled))
        .collect();
    assert_eq!(
        cuts,
        [
            (30, 20, Some(dec!(10000)), Some(dec!(6666.67))),
            (30, 0, None, Some(dec!(0)))
        ]
    );
    // Each cut names the override that made it; a report's metadata carries the overrides
    // and the projection mark.
    assert_eq!(w.cuts[0].by.to_string(), "2024-01-21");
    let meta = w.meta(true);
    assert!(meta.projection);
    assert_eq!(meta.overrides, w.describe());
    assert!(!w.meta(false).projection);
    let o = &w.cases[0].orders[0];
    assert_eq!(
        w.cut("a", "o1", &o.liquidations[1]).map(|c| c.days),
        Some(30)
    );
    assert!(w.cut("b", "o1", &o.liquidations[0]).is_none());
    // As of 2024-03-31: 20 days, 20,000 accrued, 6,666.67 liquidated, then 6,000.00 after the
    // reduction; the dropped liquidation counts 0.
    let before = accrue::accrue(o, d("2024-03-09")).unwrap();
    assert_eq!(
        (before.days, before.accrued, before.liquidated),
        (20, dec!(20000), dec!(6666.67))
    );
    let after = accrue::accrue(o, d("2024-03-31")).unwrap();
    assert_eq!(after.liquidated, dec!(6000.00));
    assert_eq!(
        w.describe(),
        [
            "--assume-compliance 2024-01-21: a/o1 treated as complied on 2024-01-21 (the first \
             day without penalty)",
            "--assume-compliance 2024-01-21: a/o1 the liquidation decided 2024-02-15 cut: its \
             window 2024-01-01 until 2024-01-31 (not counted) becomes 2024-01-01 through \
             2024-01-20, 20 of its 30 days (the others are on or after the assumed compliance \
             day 2024-01-21): 10,000.00 x 20/30 = 6,666.67 (rounded to 2 decimals, half away \
             from zero)",
            "--assume-compliance 2024-01-21: a/o1 the liquidation decided 2024-03-05 dropped: \
             its window 2024-01-31 until 2024-03-01 (not counted) lies wholly on or after the \
             assumed compliance day 2024-01-21, so it counts 0.00",
            "--assume-compliance b/o1=2024-03-01: b/o1 treated as complied on 2024-03-01 (the \
             first day without penalty)"
        ]
    );
}

#[test]
fn assumed_compliance_names_unknown_and_conflicting_orders() {
    use crate::whatif::{AssumeCompliance, WhatIf};
    let cases = || {
        vec![case_of(
            "a",
            "C",
            "FR",
            "[[order]]\nid = \"stop\"\nstarts = 2024-01-01\nrate = \"1\"\n",
        )]
    };
    let rules = |given: &[&str]| -> Vec<AssumeCompliance> {
        given.iter().map(|r| r.parse().unwrap()).collect()
    };
    let error = WhatIf::apply(cases(), &rules(&["stpo=2024-01-21"])).unwrap_err();
    assert_eq!(
        error.to_string(),
        "--assume-compliance stpo=2024-01-21: no order \"stpo\" in the cases loaded; did you mean \"a/stop\"?"
    );
    let error = WhatIf::apply(cases(), &rules(&["b/stop=2024-01-21"])).unwrap_err();
    assert_eq!(
        error.to_string(),
        "--assume-compliance b/stop=2024-01-21: no order \"b/stop\" in the cases loaded; did you mean \"a/stop\"?"
    );
    let error =
        WhatIf::apply(cases(), &rules(&["stop=2024-01-21", "a/stop=2024-01-22"])).unwrap_err();
    assert_eq!(
        error.to_string(),
        "--assume-compliance stop=2024-01-21 and --assume-compliance a/stop=2024-01-22 both apply to order \"stop\" of case \"a\": give one date per order"
    );
    // The same date twice is no conflict.
    let w = WhatIf::apply(cases(), &rules(&["stop=2024-01-21", "a/stop=2024-01-21"])).unwrap();
    assert_eq!(w.cases[0].orders[0].complied, Some(d("2024-01-21")));
    // A liquidation cut by an override naming its order names that override.
    let liquidated = vec![case_of(
        "a",
        "C",
        "FR",
        "[[order]]\nid = \"stop\"\nstarts = 2024-01-01\nrate = \"1\"\n\
         [[order.liquidation]]\ndecided = 2024-02-01\nfrom = 2024-01-01\nuntil = 2024-01-31\n",
    )];
    let w = WhatIf::apply(liquidated, &rules(&["a/stop=2024-01-21"])).unwrap();
    assert_eq!(w.cuts[0].by.to_string(), "a/stop=2024-01-21");
}

/// A case in US dollars made of `body`, and a table where a euro buys `per_eur` dollars from
/// 2024-01-01.
fn usd_case(body: &str, per_eur: &str) -> (Case, crate::fx::RateTable) {
    let mut rates = crate::fx::RateTable::empty();
    if !per_eur.is_empty() {
        let text =
            format!("[[rate]]\ndate = 2024-01-01\ncurrency = \"USD\"\nper_eur = \"{per_eur}\"\n");
        rates.add_toml_str(&text, Path::new("usd.toml")).unwrap();
    }
    let text = format!(
        "[case]\nid = \"a\"\ncompany = \"C\"\njurisdiction = \"US\"\ncurrency = \"USD\"\n{body}"
    );
    (load_case_str(Path::new("a.toml"), &text).unwrap(), rates)
}

#[test]
fn totals_too_large_once_converted_are_an_error() {
    use crate::exposure::{FxDate, case_line};
    use crate::fx::Currency;
    // Two fines of USD 3 x 10^28, one contested: 6 x 10^28 in all, which fits in a decimal;
    // at 0.5 dollars per euro, EUR 6 x 10^28 each, 1.2 x 10^29 in all, which does not.
    let body = "[[fine]]\nid = \"f\"\namount = \"30000000000000000000000000000\"\ndecided = 2024-01-05\n\
                [[fine]]\nid = \"g\"\namount = \"30000000000000000000000000000\"\ndecided = 2024-01-05\n\
                [[fine.event]]\ndate = 2024-01-05\nkind = \"appealed\"\n";
    let (c, rates) = usd_case(body, "2");
    let line = case_line(&c, d("2024-03-31"), Currency::EUR, FxDate::AsOf, &rates).unwrap();
    assert_eq!(line.totals.fines(), dec!(30000000000000000000000000000));
    let (c, rates) = usd_case(body, "0.5");
    let error = case_line(&c, d("2024-03-31"), Currency::EUR, FxDate::AsOf, &rates).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the case's exposure and totals cannot be added up exactly"),
        "{error}"
    );
}

#[test]
fn a_missing_rate_names_the_component_and_the_remedy() {
    use crate::exposure::{FxDate, case_line};
    use crate::fx::Currency;
    let (c, rates) = usd_case(
        "[[fine]]\nid = \"f\"\namount = \"100\"\ndecided = 2024-01-05\n",
        "",
    );
    let error = case_line(&c, d("2024-03-31"), Currency::EUR, FxDate::AsOf, &rates).unwrap_err();
    assert!(
        error.to_string().contains(
            "needed to convert this case's enforceable fines into EUR; add the rate with --rates FILE"
        ),
        "{error}"
    );
}

#[test]
fn under_cargo_the_stored_history_is_looked_for_in_target() {
    // `.cargo/config.toml` sets PENALTY_RATES_DIR to target/penalty-rates, so that rates a
    // user stored never change the figures the tests expect.
    let path = crate::rates::stored_path().unwrap();
    assert!(
        path.ends_with("target/penalty-rates/eurofxref-hist.csv"),
        "{}",
        path.display()
    );
    assert_eq!(
        crate::rates::store_dir().map(|d| d.join("eurofxref-hist.csv")),
        Some(path)
    );
}

#[test]
fn a_limitation_period_runs_whole_years_from_the_due_date() {
    use crate::limitation::Rule;
    let rule = |text: &str| text.parse::<Rule>();
    assert_eq!(rule("100 years"), Ok(Rule::Years(100)));
    assert!(rule("101 years").is_err());
    assert!(rule("0 years").is_err());
    assert_eq!(
        rule("1 year").map(|r| r.to_string()),
        Ok("1 year".to_string())
    );
    // Three years after 31 January 2020 end on 31 January 2023: barred from 1 February.
    let three = Rule::Years(3);
    assert_eq!(three.lapse_date(d("2020-01-31")), Some(d("2023-02-01")));
    assert!(!three.is_barred(d("2020-01-31"), d("2023-01-31")));
    assert!(three.is_barred(d("2020-01-31"), d("2023-02-01")));
    // Within 10 days of 22 January 2023 (23 January to 1 February, both included).
    assert_eq!(
        three.lapses_within(d("2020-01-31"), d("2023-01-22"), 10),
        Some(d("2023-02-01"))
    );
    assert_eq!(
        three.lapses_within(d("2020-01-31"), d("2023-01-21"), 10),
        None
    );
    assert_eq!(
        three.lapses_within(d("2020-01-31"), d("2023-02-01"), 10),
        None
    );
    // A dwangsom forfeited on 29 February 2024: its year ends on 28 February 2025.
    assert_eq!(
        Rule::Dwangsom.lapse_date(d("2024-02-29")),
        Some(d("2025-03-01"))
    );
    // Five years for an administrative debt; never without limitation.
    assert_eq!(
        Rule::AdministrativeDebt.lapse_date(d("2020-06-30")),
        Some(d("2025-07-01"))
    );
    assert_eq!(Rule::None.lapse_date(d("2020-06-30")), None);
    assert!(!Rule::None.is_barred(d("2020-06-30"), d("2100-01-01")));
}

#[test]
fn a_product_that_a_decimal_would_round_is_refused() {
    use crate::accrue::exact_mul;
    // 1.0000000000000000000000000001 x 9 needs 29 significant digits: a decimal would round it
    // to 9.000000000000000000000000001.
    assert_eq!(
        exact_mul(dec!(1.0000000000000000000000000001), dec!(9)),
        None
    );
    assert_eq!(
        exact_mul(dec!(1.0000000000000000000000000001), dec!(3)),
        Some(dec!(3.0000000000000000000000000003))
    );
    // 0.5000000000000000000000000000 x 20 loses only trailing zeros: exactly 10.
    assert_eq!(
        exact_mul(dec!(0.5000000000000000000000000000), dec!(20)),
        Some(dec!(10))
    );
}

#[test]
fn an_order_exists_from_the_day_it_is_decided() {
    // Decided on 2024-02-01, 100 a day from that day: as of 2024-01-31 it does not exist (no
    // figures at all); on 2024-02-01 it has accrued one day, 100.
    let c =
        case("[[order]]\nid = \"o\"\ndecided = 2024-02-01\nstarts = 2024-02-01\nrate = \"100\"\n");
    let o = &c.orders[0];
    assert!(!accrue::exists(o, d("2024-01-31")));
    assert!(accrue::exists(o, d("2024-02-01")));
    let before = crate::exposure::case_figures(&c, d("2024-01-31")).unwrap();
    assert!(before.orders.is_empty());
    let on = crate::exposure::case_figures(&c, d("2024-02-01")).unwrap();
    assert_eq!(on.orders[0].accrual.accrued, dec!(100));
}

#[test]
fn an_appeal_extends_limitation_only_from_1_april_2021() {
    use crate::limitation::{Appeal, Forfeitures};
    use std::convert::Infallible;
    // 100 forfeited each day of 2020. An appeal was open from 2020-06-01 and became
    // irrevocable on 2021-06-30. Awb 5:35(2) extends only years ending from 2021-04-01 on:
    // the sums of 2020-04-01 to 2020-06-30 are kept; those of 1 January to 31 March 2020
    // (31 + 29 + 31 = 91 days, 9,100) are barred as of 2021-05-01.
    let first = d("2020-01-01");
    let last = d("2020-12-31");
    let forfeited = |day: NaiveDate| -> Result<Decimal, Infallible> {
        let days = (day.min(last) - first).num_days() + 1;
        Ok(Decimal::from(days.max(0)) * dec!(100))
    };
    let appeals = [Appeal {
        from: d("2020-06-01"),
        irrevocable: Some(d("2021-06-30")),
    }];
    let f = Forfeitures {
        forfeited: &forfeited,
        first,
        last,
        collection_orders: &[],
        appeals: &appeals,
    };
    let barred = f.barred(d("2021-05-01")).unwrap();
    assert_eq!(barred.amount, dec!(9100));
    // The sum of 1 January 2020 lapsed on 2 January 2021, that of 31 March on 1 April.
    assert_eq!(
        barred
            .spans
            .iter()
            .map(|s| (s.first, s.last, s.lapses_from, s.lapses_to))
            .collect::<Vec<_>>(),
        [(
            d("2020-01-01"),
            d("2020-03-31"),
            d("2021-01-02"),
            d("2021-04-01")
        )]
    );
}

#[test]
fn a_collection_order_on_the_first_forfeiture_day_keeps_that_days_sum() {
    use crate::limitation::Forfeitures;
    use std::convert::Infallible;
    // 100 forfeited each day of 2020 (366 days, 36,600). A collection order dated 2020-01-01
    // keeps the sums whose year runs to that day or later: of 2020, only 1 January's. As of
    // 2022-01-01 every other day of 2020 is time-barred: 365 x 100 = 36,500.
    let first = d("2020-01-01");
    let last = d("2020-12-31");
    let forfeited = |day: NaiveDate| -> Result<Decimal, Infallible> {
        let days = (day.min(last) - first).num_days() + 1;
        Ok(Decimal::from(days.max(0)) * dec!(100))
    };
    let f = Forfeitures {
        forfeited: &forfeited,
        first,
        last,
        collection_orders: &[first],
        appeals: &[],
    };
    let barred = f.barred(d("2022-01-01")).unwrap();
    assert_eq!(barred.amount, dec!(36500));
    assert_eq!(
        barred
            .spans
            .iter()
            .map(|s| (s.first, s.last))
            .collect::<Vec<_>>(),
        [(d("2020-01-02"), d("2020-12-31"))]
    );
}

#[test]
fn the_next_forfeiture_is_found_after_a_suspension_of_years() {
    // 100 a day from 2024-01-01, suspended from 2024-01-10 until 2027-01-01: as of
    // 2024-02-01 the next day forfeited is 2027-01-01, three years on.
    let next = |suspensions: &str| {
        let o = daily(suspensions);
        accrue::accrue(&o, d("2024-02-01")).unwrap().next_forfeiture
    };
    let expected = Some(accrue::Forfeiture {
        date: d("2027-01-01"),
        amount: dec!(100),
    });
    assert_eq!(
        next("[[order.suspension]]\nfrom = 2024-01-10\nuntil = 2027-01-01"),
        expected
    );
    // The same with the stay in two parts, the first ending on 2024-02-02, the day after the
    // as-of date, where the second begins (decided on 2024-01-20, so known by then).
    assert_eq!(
        next(
            "[[order.suspension]]\nfrom = 2024-01-10\nuntil = 2024-02-02\n\
             [[order.suspension]]\nfrom = 2024-02-02\nuntil = 2027-01-01\ndecided = 2024-01-20"
        ),
        expected
    );
}

#[test]
fn an_appeal_decided_irrevocably_on_the_as_of_date_still_extends_that_day() {
    use crate::limitation::{Appeal, Forfeitures};
    use std::convert::Infallible;
    // 100 forfeited each day of 2020; an appeal open from 2021-06-01, irrevocable on
    // 2021-08-01. As of 2021-08-01 the sums of 2020-06-01 to 2020-07-31 are still kept: 1
    // January to 31 May (152 days, 15,200) are barred. From 2021-08-02 the extension is over:
    // 1 January to 1 August (214 days, 21,400).
    let first = d("2020-01-01");
    let last = d("2020-12-31");
    let forfeited = |day: NaiveDate| -> Result<Decimal, Infallible> {
        let days = (day.min(last) - first).num_days() + 1;
        Ok(Decimal::from(days.max(0)) * dec!(100))
    };
    let appeals = [Appeal {
        from: d("2021-06-01"),
        irrevocable: Some(d("2021-08-01")),
    }];
    let f = Forfeitures {
        forfeited: &forfeited,
        first,
        last,
        collection_orders: &[],
        appeals: &appeals,
    };
    assert_eq!(f.barred(d("2021-08-01")).unwrap().amount, dec!(15200));
    assert_eq!(f.barred(d("2021-08-02")).unwrap().amount, dec!(21400));
}

#[test]
fn order_states_read_as_reports_print_them() {
    use accrue::OrderState;
    let states = [
        OrderState::Unknown,
        OrderState::Pending,
        OrderState::Open,
        OrderState::Complied(d("2024-03-01")),
        OrderState::Lifted(d("2024-04-01")),
    ];
    let words: Vec<String> = states.iter().map(ToString::to_string).collect();
    assert_eq!(
        words,
        [
            "terms unknown",
            "pending",
            "open",
            "complied 2024-03-01",
            "lifted 2024-04-01"
        ]
    );
}

#[test]
fn no_forfeiture_is_foreseen_after_the_year_9999() {
    // 100 per started month from 2024-01-01: as of 9999-01-15, the next month starts on
    // 9999-02-01, and forfeits 100 that day.
    let monthly =
        order("[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"100\"\nper = \"month\"\n");
    assert_eq!(
        accrue::accrue(&monthly, d("9999-01-15"))
            .unwrap()
            .next_forfeiture,
        Some(accrue::Forfeiture {
            date: d("9999-02-01"),
            amount: dec!(100)
        })
    );
    // 100 per started year: as of 9999-06-01 the next year would start in 10000.
    let yearly =
        order("[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"100\"\nper = \"year\"\n");
    assert_eq!(
        accrue::accrue(&yearly, d("9999-06-01"))
            .unwrap()
            .next_forfeiture,
        None
    );
}

#[test]
fn sums_lapsing_soon_show_when_an_appeal_extends_them() {
    use crate::limitation::{Appeal, Forfeitures};
    use std::convert::Infallible;
    // 100 forfeited each day of 2020; an appeal open from 2021-06-01, irrevocable on
    // 2021-08-01. As of 2021-07-01, within 60 days (by 2021-08-30), the sums of 1 June to 29
    // August 2020 lapse (30 + 31 + 29 = 90 days, 9,000): that of 1 June, whose year ended
    // during the appeal, on 2021-08-02; that of 29 August on 2021-08-30.
    let first = d("2020-01-01");
    let last = d("2020-12-31");
    let forfeited = |day: NaiveDate| -> Result<Decimal, Infallible> {
        let days = (day.min(last) - first).num_days() + 1;
        Ok(Decimal::from(days.max(0)) * dec!(100))
    };
    let appeals = [Appeal {
        from: d("2021-06-01"),
        irrevocable: Some(d("2021-08-01")),
    }];
    let f = Forfeitures {
        forfeited: &forfeited,
        first,
        last,
        collection_orders: &[],
        appeals: &appeals,
    };
    let soon = f.lapsing_within(d("2021-07-01"), 60).unwrap();
    assert_eq!(soon.amount, dec!(9000));
    assert_eq!(
        soon.spans
            .iter()
            .map(|s| (s.first, s.last, s.lapses_from, s.lapses_to))
            .collect::<Vec<_>>(),
        [(
            d("2020-06-01"),
            d("2020-08-29"),
            d("2021-08-02"),
            d("2021-08-30")
        )]
    );
}

#[test]
fn a_cut_scales_by_the_days_counted_on_each_side_of_the_assumed_day() {
    use crate::whatif::{AssumeCompliance, WhatIf};
    let rule: Vec<AssumeCompliance> = vec!["2024-01-21".parse().unwrap()];
    // A window of 11 to 30 January (20 days) ordered at 2,000, complied with on 21 January by
    // hypothesis: 10 days kept, 2,000 x 10/20 = 1,000.00. A window of another order opening
    // on 21 January itself is dropped whole.
    let c = case_of(
        "a",
        "C",
        "FR",
        "[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"100\"\n\
         [[order.liquidation]]\ndecided = 2024-02-01\nfrom = 2024-01-11\nuntil = 2024-01-31\namount = \"2000\"\n\
         [[order]]\nid = \"p\"\nstarts = 2024-01-01\nrate = \"100\"\n\
         [[order.liquidation]]\ndecided = 2024-02-01\nfrom = 2024-01-21\nuntil = 2024-01-31\namount = \"1000\"\n",
    );
    let w = WhatIf::apply(vec![c], &rule).unwrap();
    let cuts: Vec<_> = w
        .cuts
        .iter()
        .map(|c| (c.days, c.days_left, c.scaled, c.kept.is_some()))
        .collect();
    assert_eq!(
        cuts,
        [
            (20, 10, Some(dec!(1000.00)), true),
            (10, 0, Some(dec!(0)), false)
        ]
    );
    // When the days after the assumed day are all suspended, nothing is scaled: an amount of
    // 1,000.005 stays as ordered, not rounded to the cent.
    let c = case_of(
        "a",
        "C",
        "FR",
        "[[order]]\nid = \"o\"\nstarts = 2024-01-01\nrate = \"100\"\n\
         [[order.suspension]]\nfrom = 2024-01-21\nuntil = 2024-02-01\n\
         [[order.liquidation]]\ndecided = 2024-02-01\nfrom = 2024-01-01\nuntil = 2024-01-31\namount = \"1000.005\"\n",
    );
    let w = WhatIf::apply(vec![c], &rule).unwrap();
    assert_eq!(
        (w.cuts[0].days, w.cuts[0].days_left, w.cuts[0].scaled),
        (20, 20, Some(dec!(1000.005)))
    );
}

#[test]
fn an_unknown_order_lists_up_to_eight_orders() {
    use crate::whatif::{AssumeCompliance, WhatIf};
    let orders = |n: usize| {
        let body: String = (1..=n)
            .map(|i| format!("[[order]]\nid = \"order-{i}\"\nstarts = 2024-01-01\nrate = \"1\"\n"))
            .collect();
        vec![case_of("a", "C", "FR", &body)]
    };
    let rule: Vec<AssumeCompliance> = vec!["zzz=2024-01-21".parse().unwrap()];
    let eight = WhatIf::apply(orders(8), &rule).unwrap_err().to_string();
    assert!(eight.ends_with("a/order-7, a/order-8)"), "{eight}");
    let nine = WhatIf::apply(orders(9), &rule).unwrap_err().to_string();
    assert!(nine.ends_with("a/order-8 and 1 more)"), "{nine}");
}

#[test]
fn of_two_ecb_histories_the_latest_rate_wins_and_the_later_history_a_tie() {
    use crate::fx::RateTable;
    let usd: crate::fx::Currency = "USD".parse().unwrap();
    let mut table = RateTable::empty();
    // The first history has 1.10 on 2 January and 1.30 on 4 January; the second 1.20 on 1
    // January and 1.15 on 2 January.
    table
        .add_ecb_history(
            "Date,USD,\n2024-01-04,1.30,\n2024-01-02,1.10,\n".to_owned(),
            Path::new("first.csv"),
        )
        .unwrap();
    table
        .add_ecb_history(
            "Date,USD,\n2024-01-02,1.15,\n2024-01-01,1.20,\n".to_owned(),
            Path::new("second.csv"),
        )
        .unwrap();
    let rate = |day: &str| table.rate(usd, d(day)).unwrap().per_eur;
    assert_eq!(rate("2024-01-01"), dec!(1.20));
    // Both give 2 January: the later history's 1.15.
    assert_eq!(rate("2024-01-03"), dec!(1.15));
    // The first history's 4 January is more recent than anything in the second.
    assert_eq!(rate("2024-01-05"), dec!(1.30));
}

#[test]
fn steps_that_repeat_a_rate_are_one_run_of_days() {
    use crate::interest::{Debt, explain};
    let rates = crate::interest::Rates::builtin().unwrap();
    // The French legal rate was 0.90 % in both halves of 2017: 365 days in one run,
    // 365 x 0.90 x 100,000 / 36,500 = 900.00.
    let debt = Debt::new(dec!(100000), d("2016-12-31"));
    let out = explain(&debt, "fr-legal".parse().unwrap(), d("2017-12-31"), &rates).unwrap();
    let runs: Vec<(i64, Decimal)> = out.segments.iter().map(|s| (s.days, s.rate)).collect();
    assert_eq!(runs, [(365, dec!(0.90))]);
    assert_eq!(out.interest, dec!(900.00));
}

#[test]
fn a_table_names_its_histories_and_their_latest_days() {
    use crate::fx::RateTable;
    let mut table = RateTable::empty();
    table
        .add_ecb_history(
            "Date,USD,\n2024-01-04,1.30,\n2024-01-02,1.10,\n".to_owned(),
            Path::new("first.csv"),
        )
        .unwrap();
    table
        .add_toml_str(
            "[[rate]]\ndate = 2024-01-03\ncurrency = \"GBP\"\nper_eur = \"0.85\"\n\
             [[rate]]\ndate = 2024-01-05\ncurrency = \"CHF\"\nper_eur = \"0.95\"\n",
            Path::new("added.toml"),
        )
        .unwrap();
    // As of 3 January the history's latest day is 2 January, the added rates' 3 January.
    assert_eq!(
        table.histories(d("2024-01-03")),
        [(std::path::PathBuf::from("first.csv"), Some(d("2024-01-02")))]
    );
    assert_eq!(table.latest_added(d("2024-01-03")), Some(d("2024-01-03")));
    assert_eq!(table.latest_added(d("2024-01-06")), Some(d("2024-01-05")));
    assert_eq!(table.latest_added(d("2024-01-02")), None);
}

#[test]
fn a_rates_file_without_rate_columns_is_refused_after_its_header() {
    use crate::interest::Rates;
    let error = Rates::builtin()
        .unwrap()
        .add_str(Path::new("r.csv"), "date\n")
        .unwrap_err()
        .to_string();
    // "date" is 4 characters: the column expected is the 5th.
    assert!(
        error.starts_with("r.csv:1:5: expected at least one rate column"),
        "{error}"
    );
}

#[test]
fn a_rate_of_1000_percent_is_the_highest_accepted() {
    use crate::interest::Rates;
    let add = |rate: &str| {
        let text = format!("date,ecb-mro\n2030-01-01,{rate}\n");
        Rates::builtin().unwrap().add_str(Path::new("r.csv"), &text)
    };
    assert!(add("1000").is_ok());
    let error = add("1000.01").unwrap_err().to_string();
    assert!(
        error.contains("a rate above 1000 percent is not accepted"),
        "{error}"
    );
}

#[test]
fn a_line_without_debt_terms_has_its_outstanding_payable() {
    use crate::exposure::Totals;
    use crate::owed::Owed;
    // Fines 1,000 + liquidated 500 - paid 300 = outstanding 1,200, all of it payable.
    let plain = Totals {
        fines_enforceable: dec!(1000),
        liquidated_enforceable: dec!(500),
        paid: dec!(300),
        ..Totals::default()
    };
    assert_eq!(plain.outstanding(), dec!(1200));
    assert_eq!(plain.payable(), dec!(1200));
    assert_eq!(plain.owed_figures().payable, dec!(1200));
    // Owed figures that say no more than that are not kept; 200 suspended are.
    let same = plain.clone().with_owed(Owed {
        payable: dec!(1200),
        ..Owed::default()
    });
    assert!(same.owed.is_none());
    let stayed = plain.with_owed(Owed {
        payable: dec!(1000),
        suspended: dec!(200),
        ..Owed::default()
    });
    assert_eq!(stayed.payable(), dec!(1000));
    assert_eq!(stayed.suspended(), dec!(200));
}

/// The report line of a fixture under `tests/data/owed/`, as of `as_of`, in EUR.
fn owed_line(file: &str, text: &str, as_of: &str) -> crate::exposure::CaseLine {
    let case = load_case_str(Path::new(file), text).unwrap();
    crate::exposure::case_line(
        &case,
        d(as_of),
        crate::fx::Currency::EUR,
        crate::exposure::FxDate::AsOf,
        &crate::fx::RateTable::empty(),
    )
    .unwrap()
}

#[test]
fn a_case_line_carries_interest_paid_and_unpaid_and_takes_lapsed_sums_off() {
    // 100,000 at 10 %, due 2023-01-31; 50,000 paid on 2023-05-01 settles 90 days of interest
    // (2,465.75) first and 47,534.25 of principal; 52,465.75 then bears 244 days (3,507.30).
    let paid = owed_line(
        "partial-payment.toml",
        include_str!("../tests/data/owed/partial-payment.toml"),
        "2023-12-31",
    );
    let t = &paid.totals;
    assert_eq!(t.interest_paid, dec!(2465.75));
    assert_eq!(t.outstanding(), dec!(52465.75));
    assert_eq!(t.interest(), dec!(3507.30));
    assert_eq!(t.total_due(), dec!(55973.05));
    assert_eq!(t.payable(), dec!(55973.05));
    // A fine of 100,000 due 2020-02-10 under a 3-year limitation: counted until 2023-02-10,
    // zero and time-barred from the next day.
    let text = include_str!("../tests/data/owed/fine-limitation.toml");
    let before = owed_line("fine-limitation.toml", text, "2023-02-10");
    assert_eq!(before.totals.fines(), dec!(100000));
    assert_eq!(before.totals.time_barred(), dec!(0));
    let after = owed_line("fine-limitation.toml", text, "2023-02-11");
    assert_eq!(after.totals.fines(), dec!(0));
    assert_eq!(after.totals.time_barred(), dec!(100000));
    // A dwangsom of 1,000 a day, 2024-01-01 to 2024-03-31 (91,000), no collection order: as
    // of 2025-02-15 the sums forfeited through 2024-02-14 (45,000) lapsed, 46,000 accrue.
    let lapsed = owed_line(
        "dwangsom.toml",
        include_str!("../tests/data/owed/dwangsom.toml"),
        "2025-02-15",
    );
    assert_eq!(lapsed.totals.accruing, dec!(46000));
    assert_eq!(lapsed.totals.time_barred(), dec!(45000));
}

#[test]
fn a_liquidation_time_barred_counts_zero_in_its_component() {
    // A Dutch liquidation of 10,000 due 2023-03-15 lapses five years after (Awb 4:104): on
    // 2028-03-15 it is still liquidated; from 2028-03-16 it counts zero, time-barred.
    let text = "[case]\nid = \"nl\"\ncompany = \"C\"\njurisdiction = \"NL\"\ncurrency = \"EUR\"\n\n[[order]]\nid = \"o\"\ndecided = 2023-01-01\nstarts = 2023-01-02\nrate = \"1000\"\ncomplied = 2023-01-12\n\n[[order.liquidation]]\ndecided = 2023-02-01\ndue = 2023-03-15\nfrom = 2023-01-02\nthrough = 2023-01-11\namount = \"10000\"\n";
    let before = owed_line("nl.toml", text, "2028-03-15");
    assert_eq!(before.totals.liquidated(), dec!(10000));
    let after = owed_line("nl.toml", text, "2028-03-16");
    assert_eq!(after.totals.liquidated(), dec!(0));
    assert_eq!(after.totals.time_barred(), dec!(10000));
}

#[test]
fn a_rates_file_goes_to_the_interest_tables_by_its_header() {
    use crate::interest::{Rates, TableId};
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    // An interest rates file: `date`, then columns with a hyphen, after comments and blanks.
    let interest = "# Dutch rate\n\ndate,nl-statutory\n2025-01-01,6.00\n";
    assert!(Rates::claims(&file("a.csv", interest)));
    assert!(Rates::claims(&file("b.CSV", interest)));
    assert!(Rates::claims(&file("c.csv", "\u{feff}date,fr-legal\n")));
    // Not one: an ECB file, a column without a hyphen, another extension, an empty or
    // missing file.
    assert!(!Rates::claims(&file(
        "d.csv",
        "Date,GBP\n2026-11-30,0.8338\n"
    )));
    assert!(!Rates::claims(&file("e.csv", "date,GBP\n")));
    assert!(!Rates::claims(&file("f.txt", interest)));
    assert!(!Rates::claims(&file("g.csv", "# only a comment\n\n")));
    assert!(!Rates::claims(&file("h.csv", "when,nl-statutory\n")));
    assert!(!Rates::claims(&dir.path().join("missing.csv")));
    assert_eq!(TableId::FrLegal.shipped_file(), "fr-interet-legal.csv");
    assert_eq!(
        TableId::FrLegalIndividual.shipped_file(),
        "fr-interet-legal.csv"
    );
    assert_eq!(
        TableId::NlStatutory.shipped_file(),
        "nl-wettelijke-rente.csv"
    );
    assert_eq!(TableId::EcbMro.shipped_file(), "ecb-mro.csv");
}
