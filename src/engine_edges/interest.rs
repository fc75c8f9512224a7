//! Debts, late-payment interest and the standing of a sum after its events.

use super::*;

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
