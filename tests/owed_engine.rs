//! The debt view of a case (`penalty::owed`) on the fixtures of `tests/data/owed/`: each
//! figure worked out by hand with the regime's day count, actual days x principal x rate /
//! 36,500, rounded to the cent.

use chrono::NaiveDate;
use penalty::case::{Case, load_paths};
use penalty::exposure::case_figures;
use penalty::interest::Rates;
use penalty::owed::{self, Collection, DebtFigures, DueRule, lapse};
use rust_decimal::{Decimal, RoundingStrategy};
use rust_decimal_macros::dec;
use std::path::PathBuf;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn case(name: &str) -> Case {
    let path = PathBuf::from(format!("tests/data/owed/{name}.toml"));
    load_paths(&[path]).unwrap().remove(0)
}

fn debts(case: &Case, as_of: &str) -> Vec<DebtFigures> {
    let figures = case_figures(case, d(as_of)).unwrap();
    let rates = Rates::builtin().unwrap();
    let options = owed::Options {
        rates: &rates,
        explain: true,
        assume_paid: None,
    };
    owed::debts(case, &figures, d(as_of), &options).unwrap()
}

#[test]
fn fr_legal_150_days_at_2_06_then_184_days_at_4_22() {
    let debt = &debts(&case("fr-legal"), "2023-12-31")[0];
    let first = cents(dec!(150) * dec!(100000) * dec!(2.06) / dec!(36500));
    let second = cents(dec!(184) * dec!(100000) * dec!(4.22) / dec!(36500));
    assert_eq!((first, second), (dec!(846.58), dec!(2127.34)));
    assert_eq!(debt.outcome.interest, dec!(2973.92));
    assert_eq!(debt.outcome.principal, dec!(100000));
    assert_eq!(debt.due, Some(d("2023-01-31")));
    assert_eq!(debt.due_rule, DueRule::File);
    assert_eq!(debt.collection, Collection::Payable);
    assert_eq!(debt.outcome.segments.len(), 2);
}

#[test]
fn eu_mro_fixed_at_6_50_for_291_days() {
    let debt = &debts(&case("eu-mro"), "2023-12-31")[0];
    // 16 March to 31 December 2023: 16 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 291 days,
    // at 3.00 + 3.5 = 6.50 %, though the MRO rose to 4.50 % by September.
    let expected = cents(dec!(291) * dec!(1000000) * dec!(6.5) / dec!(36500));
    assert_eq!(expected, dec!(51821.92));
    assert_eq!(debt.outcome.interest, expected);
    assert!(debt.outcome.segments.iter().all(|s| s.rate == dec!(6.5)));
}

#[test]
fn nl_statutory_compounds_on_the_anniversary_of_default() {
    let debt = &debts(&case("nl-statutory"), "2024-06-30")[0];
    // Decided 2022-11-21, due six weeks later, 2023-01-02 (Awb 4:87).
    assert_eq!(
        (debt.due, debt.due_rule),
        (Some(d("2023-01-02")), DueRule::SixWeeks)
    );
    // First year, 3 January 2023 to 2 January 2024: 179 days at 4 %, 184 at 6 %, 2 at 7 %.
    let first = cents(
        dec!(100000) * (dec!(179) * dec!(4) + dec!(184) * dec!(6) + dec!(2) * dec!(7))
            / dec!(36500),
    );
    assert_eq!(first, dec!(5024.66));
    assert_eq!(debt.outcome.capitalised, vec![(d("2024-01-02"), first)]);
    // Second year so far, 3 January to 30 June 2024: 180 days at 7 % on 105,024.66.
    let second = cents((dec!(100000) + first) * dec!(180) * dec!(7) / dec!(36500));
    assert_eq!(second, dec!(3625.51));
    assert_eq!(debt.outcome.interest, first + second);
    assert_eq!(debt.outcome.principal, dec!(100000));
}

#[test]
fn a_partial_payment_settles_the_interest_first() {
    let debt = &debts(&case("partial-payment"), "2023-12-31")[0];
    // 1 February to 1 May: 28 + 31 + 30 + 1 = 90 days x 100,000 x 10 % / 365 = 2,465.75.
    let before = cents(dec!(90) * dec!(100000) * dec!(10) / dec!(36500));
    assert_eq!(before, dec!(2465.75));
    let s = &debt.outcome.settlements[0];
    assert_eq!((s.interest, s.principal), (before, dec!(50000) - before));
    // Then 244 days (2 May to 31 December) on 52,465.75.
    let principal = dec!(100000) - (dec!(50000) - before);
    assert_eq!(principal, dec!(52465.75));
    let after = cents(principal * dec!(244) * dec!(10) / dec!(36500));
    assert_eq!(after, dec!(3507.30));
    assert_eq!(
        (debt.outcome.principal, debt.outcome.interest),
        (principal, after)
    );
    assert_eq!(debt.paid, dec!(50000));
}

#[test]
fn a_suspended_debt_earns_no_interest_and_is_not_payable() {
    let case = case("suspended");
    let during = &debts(&case, "2023-04-30")[0];
    // 1 to 28 February only: 28 days x 100,000 x 10 % / 365 = 767.12.
    let february = cents(dec!(28) * dec!(100000) * dec!(10) / dec!(36500));
    assert_eq!(february, dec!(767.12));
    assert_eq!(during.outcome.interest, february);
    assert_eq!(during.collection, Collection::Suspended(d("2023-03-01")));
    let totals = owed::owed(std::slice::from_ref(during), Decimal::ZERO).unwrap();
    assert_eq!(
        (totals.payable, totals.suspended),
        (dec!(0), dec!(100767.12))
    );
    // Resumed 1 June: February, then 1 June to 31 December (214 days); March to May earn
    // nothing.
    let after = &debts(&case, "2023-12-31")[0];
    let rest = dec!(214) * dec!(100000) * dec!(10) / dec!(36500);
    assert_eq!(
        after.outcome.interest,
        cents(dec!(28) * dec!(100000) * dec!(10) / dec!(36500) + rest)
    );
    assert_eq!(after.collection, Collection::Payable);
}

fn barred(case: &Case, as_of: &str) -> Decimal {
    let figures = case_figures(case, d(as_of)).unwrap();
    lapse::barred(case, &figures, d(as_of))
        .unwrap()
        .iter()
        .map(|l| l.barred.amount)
        .sum()
}

#[test]
fn a_forfeited_dwangsom_lapses_a_year_after_each_day() {
    let case = case("dwangsom");
    // As of 2025-02-15 the sums of 1 January to 14 February 2024 lapsed: 31 + 14 = 45 days.
    assert_eq!(barred(&case, "2025-02-15"), dec!(45) * dec!(1000));
    assert_eq!(barred(&case, "2025-04-01"), dec!(91000));
    assert_eq!(barred(&case, "2025-01-01"), dec!(0));
    // With a collection order dated 2024-06-01, nothing lapses under Awb 5:35.
    assert_eq!(
        barred(&self::case("dwangsom-collected"), "2025-04-01"),
        dec!(0)
    );
}

#[test]
fn sums_lapsing_within_30_days_of_2024_12_15() {
    let case = case("dwangsom");
    let figures = case_figures(&case, d("2024-12-15")).unwrap();
    let lapsing = lapse::lapsing(&case, &figures, d("2024-12-15"), 30).unwrap();
    // By 2025-01-14: the sums of 1 to 13 January 2024, lapsing from 2025-01-02 to 2025-01-14.
    let spans = &lapsing[0].barred.spans;
    assert_eq!(lapsing[0].barred.amount, dec!(13000));
    assert_eq!(
        (spans[0].first, spans[0].last),
        (d("2024-01-01"), d("2024-01-13"))
    );
    assert_eq!(
        (spans[0].lapses_from, spans[0].lapses_to),
        (d("2025-01-02"), d("2025-01-14"))
    );
}

#[test]
fn a_gap_in_the_rate_table_names_the_table_and_the_day() {
    let case = case("rate-gap");
    let figures = case_figures(&case, d("2025-03-31")).unwrap();
    let rates = Rates::builtin().unwrap();
    let options = owed::Options {
        rates: &rates,
        explain: false,
        assume_paid: None,
    };
    let error = owed::debts(&case, &figures, d("2025-03-31"), &options).unwrap_err();
    assert_eq!(
        error.diagnostic(&case).to_string().lines().next().unwrap(),
        "tests/data/owed/rate-gap.toml:7:12: late-payment interest on fine \"fine\": no nl-statutory rate for 2025-01-01: the table has no verified rate from that day; add the rate with --rates"
    );
}

#[test]
fn a_payment_to_an_order_pays_its_liquidations_in_window_order() {
    let debts = debts(&case("two-liquidations"), "2023-12-31");
    // 31 days x 1,000 for January, paid in full; 28 days x 1,000 for February, of which
    // 40,000 - 31,000 = 9,000 paid.
    let unpaid: Vec<(Decimal, Decimal, Collection)> = debts
        .iter()
        .map(|d| (d.amount, d.outcome.principal, d.collection))
        .collect();
    assert_eq!(
        unpaid,
        vec![
            (dec!(31000), dec!(0), Collection::Paid),
            (dec!(28000), dec!(19000), Collection::Payable),
        ]
    );
    let totals = owed::owed(&debts, Decimal::ZERO).unwrap();
    assert_eq!(totals.payable, dec!(19000));
}
