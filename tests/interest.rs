//! The acceptance figures of late-payment interest and limitation, each worked out by hand
//! with the regime's day count: actual days x principal x rate / 36,500, rounded to the cent.

use std::path::Path;

use chrono::{Days, NaiveDate};
use penalty::interest::{
    Debt, InterestError, Payment, Rates, RatesError, Regime, Segment, Settlement, Suspension,
    TableId, explain, interest,
};
use penalty::limitation::{Appeal, Forfeitures, LapsedSpan, Rule};
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use rust_decimal_macros::dec;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn rates() -> Rates {
    Rates::builtin().unwrap()
}

fn regime(text: &str) -> Regime {
    text.parse().unwrap()
}

/// The days and rate of each segment, with its interest in cents.
fn summary(segments: &[Segment]) -> Vec<(i64, Decimal, Decimal, Decimal)> {
    segments
        .iter()
        .map(|s| (s.days, s.principal, s.rate, cents(s.interest)))
        .collect()
}

#[test]
fn fr_legal_100000_due_2023_01_31_unpaid_as_of_2023_12_31() {
    let debt = Debt::new(dec!(100000), d("2023-01-31"));
    let out = explain(&debt, regime("fr-legal"), d("2023-12-31"), &rates()).unwrap();
    // 1 February to 30 June: 28 + 31 + 30 + 31 + 30 = 150 days at 2.06 % ("autres cas", 2023 S1);
    // 1 July to 31 December: 184 days at 4.22 % (2023 S2).
    let first = dec!(150) * dec!(100000) * dec!(2.06) / dec!(36500); // 846.575...
    let second = dec!(184) * dec!(100000) * dec!(4.22) / dec!(36500); // 2,127.342...
    assert_eq!((cents(first), cents(second)), (dec!(846.58), dec!(2127.34)));
    assert_eq!(
        summary(&out.segments),
        vec![
            (150, dec!(100000), dec!(2.06), dec!(846.58)),
            (184, dec!(100000), dec!(4.22), dec!(2127.34)),
        ]
    );
    assert_eq!(
        out.segments[0].to_string(),
        "150 days x 100000 x 2.06 % / 365 = 846.58"
    );
    assert_eq!(out.segments[0].from, d("2023-02-01"));
    assert_eq!(out.segments[1].to, d("2023-12-31"));
    assert_eq!(out.interest, dec!(2973.92));
    assert_eq!(out.interest, cents(first + second));
    assert_eq!(out.principal, dec!(100000));
    assert_eq!(out.total(), dec!(102973.92));
    // The fast path gives the same figure without segments.
    let fast = interest(&debt, regime("fr-legal"), d("2023-12-31"), &rates()).unwrap();
    assert_eq!((fast.interest, fast.segments.len()), (dec!(2973.92), 0));
}

#[test]
fn fr_legal_individual_uses_the_other_column() {
    let debt = Debt::new(dec!(100000), d("2023-01-31"));
    let out = interest(
        &debt,
        regime("fr-legal-individual"),
        d("2023-12-31"),
        &rates(),
    )
    .unwrap();
    // 150 days at 4.47 % + 184 days at 6.82 %: (670.5 + 1,254.88) x 100,000 / 36,500.
    let hand = (dec!(150) * dec!(4.47) + dec!(184) * dec!(6.82)) * dec!(100000) / dec!(36500);
    assert_eq!(out.interest, cents(hand));
    assert_eq!(out.interest, dec!(5275.01));
}

#[test]
fn fr_legal_plus_5_adds_five_points_from_two_months_after_enforceability() {
    let mut debt = Debt::new(dec!(100000), d("2023-01-31"));
    debt.enforceable = Some(d("2023-03-15"));
    let out = explain(&debt, regime("fr-legal+5"), d("2023-12-31"), &rates()).unwrap();
    // Two months from 15 March end on 15 May; the majoration runs from 16 May.
    // 1 Feb - 15 May: 28 + 31 + 30 + 15 = 104 days at 2.06 %;
    // 16 May - 30 June: 16 + 30 = 46 days at 2.06 + 5 = 7.06 %;
    // 1 July - 31 Dec: 184 days at 4.22 + 5 = 9.22 %.
    assert_eq!(
        summary(&out.segments)
            .iter()
            .map(|(days, _, rate, _)| (*days, *rate))
            .collect::<Vec<_>>(),
        vec![(104, dec!(2.06)), (46, dec!(7.06)), (184, dec!(9.22))]
    );
    let hand = (dec!(104) * dec!(2.06) + dec!(46) * dec!(7.06) + dec!(184) * dec!(9.22))
        * dec!(100000)
        / dec!(36500); // 2,235.48 rate-days: 6,124.6027...
    assert_eq!(out.interest, cents(hand));
    assert_eq!(out.interest, dec!(6124.60));
}

#[test]
fn eu_mro_plus_3_5_is_fixed_at_the_rate_of_the_first_day_of_the_due_month() {
    let debt = Debt::new(dec!(1000000), d("2023-03-15"));
    let out = explain(&debt, regime("eu-mro+3.5"), d("2023-12-31"), &rates()).unwrap();
    // MRO on 2023-03-01: 3.00 % (from 8 February 2023), so 6.50 % for the life of the debt,
    // although the MRO rose to 3.50 % on 22 March and to 4.50 % by September.
    // 16 March - 31 December: 16 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 291 days.
    assert_eq!(
        summary(&out.segments),
        vec![(291, dec!(1000000), dec!(6.50), dec!(51821.92))]
    );
    let hand = dec!(291) * dec!(1000000) * dec!(6.5) / dec!(36500); // 51,821.9178...
    assert_eq!(out.interest, cents(hand));
    assert_eq!(out.interest, dec!(51821.92));
}

#[test]
fn nl_statutory_compounds_on_the_anniversary_of_default() {
    let debt = Debt::new(dec!(10000), d("2023-06-30"));
    let out = explain(&debt, regime("nl-statutory"), d("2024-12-31"), &rates()).unwrap();
    // Year one, 1 July 2023 - 30 June 2024: 184 days at 6 % and 182 days at 7 % on 10,000:
    // (1,104 + 1,274) x 10,000 / 36,500 = 651.5068... = 651.51, added to the principal.
    let year_one = cents((dec!(184) * dec!(6) + dec!(182) * dec!(7)) * dec!(10000) / dec!(36500));
    assert_eq!(year_one, dec!(651.51));
    assert_eq!(out.capitalised, vec![(d("2024-06-30"), dec!(651.51))]);
    // Year two so far, 1 July - 31 December 2024: 184 days at 7 % on 10,651.51 = 375.8669...
    let year_two = cents(dec!(184) * dec!(7) * dec!(10651.51) / dec!(36500));
    assert_eq!(year_two, dec!(375.87));
    assert_eq!(
        summary(&out.segments),
        vec![
            (
                184,
                dec!(10000),
                dec!(6.00),
                dec!(1104) * dec!(10000) / dec!(36500)
            ),
            (
                182,
                dec!(10000),
                dec!(7.00),
                cents(dec!(1274) * dec!(10000) / dec!(36500))
            ),
            (184, dec!(10651.51), dec!(7.00), dec!(375.87)),
        ]
        .into_iter()
        .map(|(days, p, r, i)| (days, p, r, cents(i)))
        .collect::<Vec<_>>()
    );
    assert_eq!(out.principal, dec!(10000));
    assert_eq!(out.interest, year_one + year_two);
    assert_eq!(out.interest, dec!(1027.38));
    // Simple interest, 184 days at 6 % and 366 at 7 % on 10,000, is 1,004.38: the capitalised
    // 651.51 bore 184 x 7 % x 651.51 / 36,500 = 22.99 more, 23.00 after rounding.
    let simple = cents((dec!(184) * dec!(6) + dec!(366) * dec!(7)) * dec!(10000) / dec!(36500));
    assert_eq!(out.interest - simple, dec!(1027.38) - dec!(1004.38));
}

#[test]
fn a_partial_payment_settles_accrued_interest_first() {
    let mut debt = Debt::new(dec!(100000), d("2023-01-31"));
    debt.payments.push(Payment {
        date: d("2023-06-30"),
        amount: dec!(10000),
    });
    let out = explain(&debt, regime("fr-legal"), d("2023-12-31"), &rates()).unwrap();
    // On 30 June 846.58 of interest had accrued (150 days at 2.06 %): the payment settles it,
    // and the other 9,153.42 goes to principal, leaving 90,846.58.
    assert_eq!(
        out.settlements,
        vec![Settlement {
            date: d("2023-06-30"),
            amount: dec!(10000),
            interest: dec!(846.58),
            principal: dec!(9153.42),
            excess: dec!(0),
        }]
    );
    assert_eq!(out.principal, dec!(90846.58));
    // Then 184 days at 4.22 % on 90,846.58 = 1,932.6178...
    let after = cents(dec!(184) * dec!(4.22) * dec!(90846.58) / dec!(36500));
    assert_eq!(after, dec!(1932.62));
    assert_eq!(out.interest, dec!(1932.62));
    assert_eq!(out.accrued, dec!(846.58) + dec!(1932.62));
    assert_eq!(out.total(), dec!(92779.20));
}

#[test]
fn a_suspended_period_earns_no_interest() {
    let mut debt = Debt::new(dec!(100000), d("2023-01-31"));
    debt.suspensions.push(Suspension {
        from: d("2023-03-01"),
        to: Some(d("2023-03-31")),
    });
    let out = explain(&debt, regime("fr-legal"), d("2023-04-30"), &rates()).unwrap();
    // February (28 days) and April (30 days) at 2.06 %; none of March's 31 days.
    assert_eq!(
        out.segments
            .iter()
            .map(|s| (s.from, s.to, s.days))
            .collect::<Vec<_>>(),
        vec![
            (d("2023-02-01"), d("2023-02-28"), 28),
            (d("2023-04-01"), d("2023-04-30"), 30),
        ]
    );
    // Not payable while suspended, payable again after.
    assert!(debt.is_payable(d("2023-02-28")));
    assert!(!debt.is_payable(d("2023-03-01")));
    assert!(!debt.is_payable(d("2023-03-31")));
    assert!(debt.is_payable(d("2023-04-01")));
    assert!(!debt.is_payable(d("2023-01-30")));
    let hand = dec!(58) * dec!(100000) * dec!(2.06) / dec!(36500); // 327.342...
    assert_eq!(out.interest, cents(hand));
    assert_eq!(out.interest, dec!(327.34));
    // Suspended without end from 1 March: only February counts, whatever the as-of date.
    debt.suspensions = vec![Suspension {
        from: d("2023-03-01"),
        to: None,
    }];
    let out = interest(&debt, regime("fr-legal"), d("2023-12-31"), &rates()).unwrap();
    assert_eq!(
        out.interest,
        cents(dec!(28) * dec!(100000) * dec!(2.06) / dec!(36500))
    );
    assert_eq!(out.interest, dec!(158.03));
}

#[test]
fn a_rate_table_with_a_gap_names_the_table_and_the_date() {
    // The French table ends with the first semester of 2026.
    let debt = Debt::new(dec!(100000), d("2026-05-31"));
    let error = interest(&debt, regime("fr-legal"), d("2026-08-31"), &rates()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "no fr-legal rate for 2026-07-01: the table has no verified rate from that day; add the \
         rate with --rates"
    );
    // Up to 30 June it is fine: 30 days at 2.62 %.
    let out = interest(&debt, regime("fr-legal"), d("2026-06-30"), &rates()).unwrap();
    assert_eq!(
        out.interest,
        cents(dec!(30) * dec!(100000) * dec!(2.62) / dec!(36500))
    );
    // A gap a user leaves in their own rates is reported at its first day.
    let mut rates = rates();
    rates
        .add_str(
            Path::new("mine.csv"),
            "date,nl-statutory\n2025-01-01,6.00\n2025-07-01,unknown\n2026-01-01,4.00\n",
        )
        .unwrap();
    let debt = Debt::new(dec!(5000), d("2025-03-31"));
    assert_eq!(
        interest(&debt, regime("nl-statutory"), d("2026-03-31"), &rates),
        Err(InterestError::Rates(RatesError::NoRate {
            table: TableId::NlStatutory,
            date: d("2025-07-01"),
            before_first: false,
        }))
    );
}

#[test]
fn the_mro_table_ends_where_verification_ends_and_a_rates_file_extends_it() {
    let debt = Debt::new(dec!(1000000), d("2025-07-15"));
    let error = interest(&debt, regime("eu-mro+3.5"), d("2025-12-31"), &rates()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "no ecb-mro rate for 2025-07-01: the table has no verified rate from that day; add the \
         rate with --rates"
    );
    let mut rates = rates();
    rates
        .add_str(Path::new("mro.csv"), "date,ecb-mro\n2025-06-11,2.15\n")
        .unwrap();
    let out = interest(&debt, regime("eu-mro+3.5"), d("2025-12-31"), &rates).unwrap();
    // 16 July - 31 December: 16 + 31 + 30 + 31 + 30 + 31 = 169 days at 2.15 + 3.5 = 5.65 %.
    assert_eq!(
        out.interest,
        cents(dec!(169) * dec!(1000000) * dec!(5.65) / dec!(36500))
    );
}

/// The order of the acceptance: 1,000 a day forfeited from 1 January through 31 March 2024.
fn dwangsom_forfeited(day: NaiveDate) -> Result<Decimal, std::convert::Infallible> {
    let first = d("2024-01-01");
    if day < first {
        return Ok(Decimal::ZERO);
    }
    let days = (day.min(d("2024-03-31")) - first).num_days() + 1;
    Ok(dec!(1000) * Decimal::from(days))
}

#[test]
fn a_forfeited_dwangsom_lapses_one_year_after_each_day_of_forfeiture() {
    assert_eq!(dwangsom_forfeited(d("2024-03-31")), Ok(dec!(91000)));
    let forfeitures = Forfeitures {
        forfeited: &dwangsom_forfeited,
        first: d("2024-01-01"),
        last: d("2024-03-31"),
        collection_orders: &[],
        appeals: &[],
    };
    // As of 15 February 2025 the sums forfeited through 14 February 2024 (31 + 14 = 45 days
    // x 1,000) are time-barred: the sum of 14 February 2024 was collectable until 14 February
    // 2025.
    let barred = forfeitures.barred(d("2025-02-15")).unwrap();
    assert_eq!(barred.amount, dec!(45000));
    assert_eq!(
        barred.spans,
        vec![LapsedSpan {
            first: d("2024-01-01"),
            last: d("2024-02-14"),
            amount: dec!(45000),
            lapses_from: d("2025-01-02"),
            lapses_to: d("2025-02-15"),
        }]
    );
    // As of 1 April 2025, all 91 days: 91,000.
    assert_eq!(
        forfeitures.barred(d("2025-04-01")).unwrap().amount,
        dec!(91000)
    );
    // The day before, the sum of 31 March 2024 is still collectable.
    assert_eq!(
        forfeitures.barred(d("2025-03-31")).unwrap().amount,
        dec!(90000)
    );
}

#[test]
fn a_collection_order_within_the_year_keeps_the_forfeited_sums() {
    let orders = [d("2024-06-01")];
    let forfeitures = Forfeitures {
        forfeited: &dwangsom_forfeited,
        first: d("2024-01-01"),
        last: d("2024-03-31"),
        collection_orders: &orders,
        appeals: &[],
    };
    assert_eq!(forfeitures.barred(d("2025-04-01")).unwrap().amount, dec!(0));
    assert_eq!(forfeitures.barred(d("2030-01-01")).unwrap().amount, dec!(0));
    // An order dated 15 January 2025 comes too late for the sums forfeited through
    // 14 January 2024 (their year ended on 14 January 2025) and keeps the rest.
    let late = [d("2025-01-15")];
    let forfeitures = Forfeitures {
        collection_orders: &late,
        ..forfeitures
    };
    let barred = forfeitures.barred(d("2025-04-01")).unwrap();
    assert_eq!(barred.amount, dec!(14000));
    assert_eq!(
        (barred.spans[0].first, barred.spans[0].last),
        (d("2024-01-01"), d("2024-01-14"))
    );
}

#[test]
fn an_appeal_pending_when_the_year_ends_extends_it_until_irrevocable() {
    // Objection open from 10 January 2024, decided irrevocably on 1 March 2025 (Awb 5:35(2)).
    let appeals = [Appeal {
        from: d("2024-01-10"),
        irrevocable: Some(d("2025-03-01")),
    }];
    let forfeitures = Forfeitures {
        forfeited: &dwangsom_forfeited,
        first: d("2024-01-01"),
        last: d("2024-03-31"),
        collection_orders: &[],
        appeals: &appeals,
    };
    // Without it 45,000 would be time-barred on 15 February 2025; every one of those sums'
    // years ended while the objection was pending, so none is.
    assert_eq!(forfeitures.barred(d("2025-02-15")).unwrap().amount, dec!(0));
    assert_eq!(forfeitures.barred(d("2025-03-01")).unwrap().amount, dec!(0));
    // From 2 March 2025 the sums whose year ended by 1 March lapse: those forfeited through
    // 1 March 2024, 31 + 29 + 1 = 61 days x 1,000.
    let barred = forfeitures.barred(d("2025-03-02")).unwrap();
    assert_eq!(barred.amount, dec!(61000));
    assert_eq!(
        (
            barred.spans[0].last,
            barred.spans[0].lapses_from,
            barred.spans[0].lapses_to
        ),
        (d("2024-03-01"), d("2025-03-02"), d("2025-03-02"))
    );
    // Still pending: nothing whose year ended during it lapses.
    let pending = [Appeal {
        from: d("2024-01-10"),
        irrevocable: None,
    }];
    let forfeitures = Forfeitures {
        appeals: &pending,
        ..forfeitures
    };
    assert_eq!(forfeitures.barred(d("2026-01-01")).unwrap().amount, dec!(0));
}

#[test]
fn warn_expiring_30_days_names_the_sums_lapsing_by_2025_01_14() {
    let forfeitures = Forfeitures {
        forfeited: &dwangsom_forfeited,
        first: d("2024-01-01"),
        last: d("2024-03-31"),
        collection_orders: &[],
        appeals: &[],
    };
    // As of 15 December 2024 nothing is time-barred yet; within 30 days, by 14 January 2025,
    // the sums forfeited 1 - 13 January 2024 lapse (13 x 1,000), the first on 2 January 2025.
    assert_eq!(forfeitures.barred(d("2024-12-15")).unwrap().amount, dec!(0));
    let soon = forfeitures.lapsing_within(d("2024-12-15"), 30).unwrap();
    assert_eq!(
        soon.spans,
        vec![LapsedSpan {
            first: d("2024-01-01"),
            last: d("2024-01-13"),
            amount: dec!(13000),
            lapses_from: d("2025-01-02"),
            lapses_to: d("2025-01-14"),
        }]
    );
    // A fine (Awb 4:104) due 31 December 2019 lapses on 1 January 2025: within the 30 days.
    assert_eq!(
        Rule::AdministrativeDebt.lapses_within(d("2019-12-31"), d("2024-12-15"), 30),
        Some(d("2025-01-01"))
    );
}

proptest! {
    /// Interest is never negative and never more than the principal times the highest rate
    /// over the days, whatever the payments and suspensions.
    #[test]
    fn interest_is_never_negative(
        principal in 1u64..10_000_000,
        due in 0u64..2000,
        span in 0u64..1500,
        payments in proptest::collection::vec((0u64..1500, 1u64..2_000_000), 0..4),
        suspension in proptest::option::of((0u64..1500, 0u64..200)),
        which in 0usize..4,
    ) {
        let regimes = ["fr-legal", "fr-legal-individual", "fixed:4.5", "eu-mro+3.5"];
        let due_date = d("2015-01-01") + Days::new(due);
        let mut debt = Debt::new(Decimal::from(principal), due_date);
        debt.payments = payments
            .into_iter()
            .map(|(at, cents)| Payment { date: due_date + Days::new(at), amount: Decimal::new(cents as i64, 2) })
            .collect();
        debt.suspensions = suspension
            .into_iter()
            .map(|(at, len)| Suspension {
                from: due_date + Days::new(at),
                to: Some(due_date + Days::new(at + len)),
            })
            .collect();
        let as_of = (due_date + Days::new(span)).min(d("2026-06-30"));
        let rates = rates();
        // The MRO table has verified rates up to 10 June 2025.
        let outside_table = which == 3 && due_date >= d("2025-07-01");
        match interest(&debt, regime(regimes[which]), as_of, &rates) {
            Ok(out) => {
                prop_assert!(out.interest >= Decimal::ZERO);
                prop_assert!(out.principal >= Decimal::ZERO);
                prop_assert!(out.accrued >= out.interest);
                let days = Decimal::from((as_of - due_date).num_days().max(0));
                prop_assert!(out.accrued <= cents(Decimal::from(principal) * days * dec!(11) / dec!(36500)) + dec!(0.05));
            }
            Err(e) => prop_assert!(outside_table, "unexpected error {e}"),
        }
    }

    /// Without payments, interest as of a day equals the interest up to any earlier day plus
    /// the interest of a debt of the same principal due that day, up to one cent of rounding;
    /// and the segments add up to the whole.
    #[test]
    fn splitting_a_period_sums_to_the_whole(
        principal in 1u64..10_000_000,
        due in 0u64..3000,
        cut in 0u64..800,
        rest in 0u64..800,
        which in 0usize..3,
    ) {
        let regimes = ["fr-legal", "fr-legal-individual+5", "fixed:7.25"];
        let due_date = d("2015-01-01") + Days::new(due);
        let middle = due_date + Days::new(cut);
        let as_of = (middle + Days::new(rest)).min(d("2026-06-30"));
        let middle = middle.min(as_of);
        let mut debt = Debt::new(Decimal::from(principal), due_date);
        debt.enforceable = Some(d("2016-01-01"));
        let rates = rates();
        let r = regime(regimes[which]);
        let whole = explain(&debt, r, as_of, &rates).unwrap();
        let left = interest(&debt, r, middle, &rates).unwrap();
        let mut tail = debt.clone();
        tail.due = middle;
        let right = interest(&tail, r, as_of, &rates).unwrap();
        prop_assert!((left.interest + right.interest - whole.interest).abs() <= dec!(0.01));
        // Interest never decreases as the as-of day moves forward.
        prop_assert!(left.interest <= whole.interest);
        let exact: Decimal = whole.segments.iter().map(|s| s.interest).sum();
        prop_assert_eq!(cents(exact), whole.interest);
        let days: i64 = whole.segments.iter().map(|s| s.days).sum();
        prop_assert_eq!(days, (as_of - due_date).num_days());
    }
}

proptest! {
    /// The closed form over windows and payments equals a day-by-day reference: each day not
    /// suspended adds principal x rate / 36,500, each payment rounds the interest accrued to
    /// the cent and settles it before the principal.
    #[test]
    fn closed_form_equals_the_day_by_day_reference(
        principal in 1u64..1_000_000,
        due in 2900u64..3300,
        span in 0u64..400,
        payments in proptest::collection::vec((0u64..400, 1u64..500_000), 0..4),
        suspensions in proptest::collection::vec((0u64..400, proptest::option::of(0u64..60)), 0..3),
        individual in proptest::bool::ANY,
    ) {
        let regime = if individual { regime("fr-legal-individual") } else { regime("fr-legal") };
        let due_date = d("2015-01-01") + Days::new(due);
        let as_of = due_date + Days::new(span);
        let mut debt = Debt::new(Decimal::from(principal), due_date);
        debt.payments = payments
            .iter()
            .map(|&(at, cents)| Payment {
                date: due_date + Days::new(at),
                amount: Decimal::new(cents as i64, 2),
            })
            .collect();
        debt.suspensions = suspensions
            .iter()
            .map(|&(at, len)| Suspension {
                from: due_date + Days::new(at),
                to: len.map(|len| due_date + Days::new(at + len)),
            })
            .collect();
        let rates = rates();
        let out = interest(&debt, regime, as_of, &rates).unwrap();

        let table = rates.table(if individual { TableId::FrLegalIndividual } else { TableId::FrLegal });
        let mut sorted = debt.payments.clone();
        sorted.sort_by_key(|p| p.date);
        let (mut principal, mut carried, mut pending) = (Decimal::from(principal), dec!(0), dec!(0));
        let settle = |principal: &mut Decimal, carried: &mut Decimal, pending: &mut Decimal, amount: Decimal| {
            *carried += cents(*pending / dec!(36500));
            *pending = dec!(0);
            let to_interest = amount.min(*carried);
            *carried -= to_interest;
            *principal -= (amount - to_interest).min(*principal);
        };
        for p in sorted.iter().filter(|p| p.date <= due_date) {
            settle(&mut principal, &mut carried, &mut pending, p.amount);
        }
        let mut day = due_date.succ_opt().unwrap();
        while day <= as_of {
            let suspended = debt
                .suspensions
                .iter()
                .any(|s| s.from <= day && s.to.is_none_or(|end| day <= end));
            if !suspended {
                pending += principal * table.rate_on(day).unwrap();
            }
            for p in sorted.iter().filter(|p| p.date == day) {
                settle(&mut principal, &mut carried, &mut pending, p.amount);
            }
            day = day.succ_opt().unwrap();
        }
        carried += cents(pending / dec!(36500));
        prop_assert_eq!(out.principal, principal);
        prop_assert_eq!(out.interest, carried);
    }
}

#[test]
fn the_order_s_own_capped_accrual_gives_the_forfeited_sums() {
    // The acceptance's dwangsom as a case file: 1,000 a day from 1 January 2024, capped at
    // 91,000, which the 91st day (31 March 2024) reaches.
    let text = r#"
[case]
id = "dwangsom-lapse"
company = "Example B.V."
jurisdiction = "NL"
currency = "EUR"

[[order]]
id = "dwangsom"
starts = 2024-01-01
rate = "1000"
per = "day"
cap = "91000"
"#;
    let case = penalty::case::load_case_str(Path::new("dwangsom-lapse.toml"), text).unwrap();
    let order = &case.orders[0];
    // Forfeited up to the end of day D is the capped accrual of the days before D + 1.
    let forfeited =
        |day: NaiveDate| penalty::accrue::accrued_before(order, day.succ_opt().unwrap_or(day));
    let as_of = d("2025-02-15");
    let forfeitures = Forfeitures {
        forfeited: &forfeited,
        first: d("2024-01-01"),
        last: as_of,
        collection_orders: &[],
        appeals: &[],
    };
    assert_eq!(forfeitures.barred(as_of).unwrap().amount, dec!(45000));
    // Days after the cap forfeit nothing: the whole 91,000 by 1 April 2025, and no more later.
    assert_eq!(
        forfeitures.barred(d("2025-04-01")).unwrap().amount,
        dec!(91000)
    );
    let later = Forfeitures {
        last: d("2026-01-01"),
        ..forfeitures
    };
    assert_eq!(later.barred(d("2026-01-01")).unwrap().amount, dec!(91000));
}
