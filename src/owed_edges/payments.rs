//! Interest settled first, assumed payments, suspension and the limitation of fines.

use super::*;

#[test]
fn a_partial_payment_of_50000_settles_2465_75_of_interest_first() {
    // 90 days x 100,000 x 10 % / 365 = 2,465.75 by 2023-05-01; the 50,000 paid leaves
    // 52,465.75 of principal, which bears 244 days x 10 % = 3,507.30 by 2023-12-31.
    let c = fixture("partial-payment");
    let o = owed_of(&c, "2023-12-31", None);
    assert_eq!(
        o.owed,
        Some(Owed {
            payable: dec!(55973.05),
            suspended: Decimal::ZERO,
            interest: dec!(3507.30),
            time_barred: Decimal::ZERO,
        })
    );
    let debt = &o.debts[0];
    assert_eq!(debt.collection, Collection::Payable);
    assert_eq!(debt.due_rule, DueRule::File);
    assert_eq!(debt.paid, dec!(50000));
    assert_eq!(debt.interest(), dec!(3507.30));
    assert_eq!(debt.interest_paid(), dec!(2465.75));
    assert_eq!(debt.unpaid(), Some(dec!(55973.05)));
    assert_eq!(debt.time_barred(), Decimal::ZERO);
    let line = DebtLine::from(debt);
    assert_eq!(
        (line.paid, line.principal, line.interest, line.interest_paid),
        (dec!(50000), dec!(52465.75), dec!(3507.30), dec!(2465.75))
    );
    let settled: Vec<_> = o.interest_settled().collect();
    assert_eq!(settled, [(d("2023-05-01"), dec!(2465.75))]);
    assert_eq!(o.assumed_payments().count(), 0);
    // On the day before the payment, nothing is paid: 89 days x 10 % = 2,438.36.
    let before = owed_of(&c, "2023-04-30", None);
    assert_eq!(before.debts[0].paid, Decimal::ZERO);
    assert_eq!(before.debts[0].interest(), dec!(2438.36));
    // On its due date the fine is payable and bears no interest yet; the day before, not due.
    assert_eq!(
        owed_of(&c, "2023-01-31", None).owed.map(|o| o.payable),
        Some(dec!(100000))
    );
    assert_eq!(
        owed_of(&c, "2023-01-30", None).debts[0].collection,
        Collection::NotDue
    );
}

#[test]
fn assuming_payment_on_2023_06_30_pays_53328_20() {
    // On 2023-06-30 the fine owes 52,465.75 + 60 days x 10 % on it (862.45) = 53,328.20.
    let c = fixture("partial-payment");
    let o = owed_of(&c, "2023-12-31", Some("2023-06-30"));
    let debt = &o.debts[0];
    assert_eq!(debt.assumed_paid, Some(dec!(53328.20)));
    assert_eq!(debt.collection, Collection::Paid);
    assert_eq!(DebtLine::from(debt).paid, dec!(103328.20));
    assert_eq!(
        o.assumed_payments().collect::<Vec<_>>(),
        [("fine", dec!(53328.20))]
    );
    assert!(o.owed.unwrap().is_zero());
    // The interest settled: 2,465.75 by the payment of 2023-05-01, 862.45 by the one assumed.
    assert_eq!(
        o.interest_settled().collect::<Vec<_>>(),
        [
            (d("2023-05-01"), dec!(2465.75)),
            (d("2023-06-30"), dec!(862.45))
        ]
    );
    // A day after the as-of date is not assumed.
    let later = owed_of(&c, "2023-06-29", Some("2023-06-30"));
    assert_eq!(later.debts[0].assumed_paid, None);
    // On a day the fine is not yet due, nothing is assumed paid.
    let early = owed_of(&c, "2023-12-31", Some("2023-01-30"));
    assert_eq!(early.debts[0].assumed_paid, None);
    assert!(!owed_of(&c, "2023-12-31", None).owed.unwrap().is_zero());
}

#[test]
fn a_fine_suspended_from_2023_03_01_earns_28_days_of_interest() {
    // February's 28 days: 100,000 x 28 x 10 / 36,500 = 767.12.
    let c = fixture("suspended");
    let o = owed_of(&c, "2023-04-30", None);
    assert_eq!(
        o.debts[0].collection,
        Collection::Suspended(d("2023-03-01"))
    );
    assert_eq!(
        o.owed,
        Some(Owed {
            payable: Decimal::ZERO,
            suspended: dec!(100767.12),
            interest: dec!(767.12),
            time_barred: Decimal::ZERO,
        })
    );
    // The last day of the suspension; resumed on 2023-06-01, it is payable.
    assert_eq!(
        owed_of(&c, "2023-05-31", None).debts[0].collection,
        Collection::Suspended(d("2023-03-01"))
    );
    assert_eq!(
        owed_of(&c, "2023-06-01", None).debts[0].collection,
        Collection::Payable
    );
    // Resumed: 28 + 214 days, 100,000 x 242 x 10 / 36,500 = 6,630.14.
    let o = owed_of(&c, "2023-12-31", None);
    assert_eq!(o.debts[0].collection, Collection::Payable);
    assert_eq!(o.owed.map(|o| o.payable), Some(dec!(106630.14)));
}

#[test]
fn a_fine_due_2020_02_10_with_three_years_lapses_on_2023_02_11() {
    let c = fixture("fine-limitation");
    let o = owed_of(&c, "2023-02-10", None);
    assert_eq!(o.debts[0].lapse, Some(d("2023-02-11")));
    assert_eq!(o.debts[0].collection, Collection::Payable);
    assert_eq!(o.fine_barred("fine"), Decimal::ZERO);
    let o = owed_of(&c, "2023-02-11", None);
    assert_eq!(
        o.debts[0].collection,
        Collection::TimeBarred(d("2023-02-11"))
    );
    assert_eq!(o.fine_barred("fine"), dec!(100000));
    assert_eq!(o.fine_barred("other"), Decimal::ZERO);
    assert_eq!(o.debts[0].time_barred(), dec!(100000));
    assert_eq!(DebtLine::from(&o.debts[0]).time_barred, dec!(100000));
    assert_eq!(
        o.owed,
        Some(Owed {
            payable: Decimal::ZERO,
            suspended: Decimal::ZERO,
            interest: Decimal::ZERO,
            time_barred: dec!(100000),
        })
    );
}

#[test]
fn a_fine_barred_after_a_payment_drops_90821_92_and_its_interest() {
    // 10,000 paid on 2020-03-11: 30 days x 10 % on 100,000 = 821.92 of interest first, so
    // 90,821.92 of principal is left, and lapses on 2023-02-11 with the interest on it.
    let c = fixture("barred-after-payment");
    let o = owed_of(&c, "2023-02-10", None);
    assert_eq!(o.owed.map(|o| o.interest), Some(dec!(26524.98)));
    let o = owed_of(&c, "2023-02-11", None);
    let debt = &o.debts[0];
    assert_eq!(debt.time_barred(), dec!(90821.92));
    assert_eq!(debt.interest(), Decimal::ZERO);
    assert!(debt.outcome.interest > Decimal::ZERO);
    assert_eq!(
        o.owed,
        Some(Owed {
            payable: Decimal::ZERO,
            suspended: Decimal::ZERO,
            interest: Decimal::ZERO,
            time_barred: dec!(90821.92),
        })
    );
}

#[test]
fn sums_of_1000_a_day_forfeited_in_2024_lapse_a_year_after_each_day() {
    // 91 days x 1,000 from 2024-01-01 (complied 2024-04-01). As of 2025-02-15 the sums of
    // 1 January to 14 February 2024 (45 days, 45,000) are time-barred; as of 2025-04-01, all.
    let c = fixture("dwangsom");
    let o = owed_of(&c, "2025-02-15", None);
    assert_eq!(o.accruing_barred("stop"), dec!(45000));
    assert_eq!(o.accruing_barred("other"), Decimal::ZERO);
    assert_eq!(o.owed.map(|o| o.time_barred), Some(dec!(45000)));
    let o = owed_of(&c, "2025-04-01", None);
    assert_eq!(o.accruing_barred("stop"), dec!(91000));
    let span = &o.lapsed[0].barred.spans[0];
    assert_eq!(
        (span.first, span.last, span.amount),
        (d("2024-01-01"), d("2024-03-31"), dec!(91000))
    );
    // A collection order within the year keeps them.
    let collected = fixture("dwangsom-collected");
    assert!(owed_of(&collected, "2025-04-01", None).lapsed.is_empty());
    // Nothing is barred on 2024-12-31, the last day before the first sum's lapse.
    assert!(owed_of(&c, "2024-12-31", None).lapsed.is_empty());
}

#[test]
fn sums_forfeited_1_to_13_january_2024_lapse_within_30_days_of_2024_12_15() {
    let c = fixture("dwangsom");
    let as_of = d("2024-12-15");
    let figures = case_figures(&c, as_of).unwrap();
    let lapsing = lapse::lapsing(&c, &figures, as_of, 30).unwrap();
    assert_eq!(lapsing.len(), 1);
    assert_eq!(lapsing[0].barred.amount, dec!(13000));
    let warned = expiring(&c, &figures, as_of, 30, &options(None)).unwrap();
    assert_eq!(
        warned,
        [Expiring {
            what: "order \"stop\", sums forfeited 2024-01-01 through 2024-01-13".into(),
            amount: dec!(13000),
            from: d("2025-01-02"),
            to: d("2025-01-14"),
            rule: "Awb 5:35, unless a collection order is made first",
        }]
    );
    assert_eq!(
        warned[0].to_string(),
        "order \"stop\", sums forfeited 2024-01-01 through 2024-01-13: 13,000.00 becomes time-barred from 2025-01-02 through 2025-01-14 (Awb 5:35, unless a collection order is made first)"
    );
    // Within 16 days (by 2024-12-31) nothing lapses.
    assert!(lapse::lapsing(&c, &figures, as_of, 16).unwrap().is_empty());
    assert!(
        expiring(&c, &figures, as_of, 16, &options(None))
            .unwrap()
            .is_empty()
    );
}
