//! When a case line needs its debts made one by one, and payments shared among liquidations.

use super::*;

#[test]
fn a_fine_of_1000_paid_500_or_1000_is_plain_paid_and_annulled_is_not() {
    let fr = |body: &str| case_in("FR", body);
    assert!(plain(&fr(FINE), "2023-06-30"));
    assert!(plain(
        &fr(&format!("{FINE}{}", paid("f", "500"))),
        "2023-06-30"
    ));
    assert!(plain(
        &fr(&format!("{FINE}{}", paid("f", "1000"))),
        "2023-06-30"
    ));
    let annulled = "[[fine.event]]\ndate = 2023-04-01\nkind = \"annulled\"\n";
    assert!(!plain(
        &fr(&format!("{FINE}{annulled}{}", paid("f", "1000"))),
        "2023-06-30"
    ));
    // The order's 1,000 liquidated: paid 500 or 1,000 is plain, paid and annulled is not.
    assert!(plain(&fr(ORDER), "2023-06-30"));
    assert!(plain(
        &fr(&format!("{ORDER}{}", paid("o", "500"))),
        "2023-06-30"
    ));
    assert!(plain(
        &fr(&format!("{ORDER}{}", paid("o", "1000"))),
        "2023-06-30"
    ));
    let annulled = "[[order.liquidation.event]]\ndate = 2023-04-01\nkind = \"annulled\"\n";
    assert!(!plain(
        &fr(&format!("{ORDER}{annulled}{}", paid("o", "1000"))),
        "2023-06-30"
    ));
}

#[test]
fn a_fine_is_not_plain_with_interest_a_limitation_a_later_due_date_or_a_suspension() {
    let fr = |body: &str| case_in("FR", body);
    assert!(!plain(&case_in("NL", FINE), "2023-06-30"));
    assert!(!plain(
        &fr(&format!("interest = \"fixed:10\"\n{FINE}")),
        "2023-06-30"
    ));
    assert!(!plain(
        &fr(&format!("{FINE}interest = \"fixed:10\"\n")),
        "2023-06-30"
    ));
    assert!(!plain(
        &fr(&format!("{FINE}limitation = \"3 years\"\n")),
        "2023-06-30"
    ));
    let due = format!("{FINE}due = 2023-06-30\n");
    assert!(plain(&fr(&due), "2023-06-30"));
    assert!(!plain(&fr(&due), "2023-06-29"));
    let suspended = "[[fine.event]]\ndate = 2023-04-01\nkind = \"suspended\"\n";
    assert!(!plain(&fr(&format!("{FINE}{suspended}")), "2023-06-30"));
    let mut assumed = fr(FINE);
    assumed.owing = Some(std::sync::Arc::new(owed::Owing {
        rates: Rates::builtin().unwrap(),
        assume_paid: Some(d("2023-06-30")),
        debts: false,
    }));
    assert!(!plain(&assumed, "2023-06-30"));
}

#[test]
fn an_order_is_not_plain_with_interest_a_limitation_a_later_due_date_or_a_suspension() {
    let fr = |body: &str| case_in("FR", body);
    assert!(!plain(&case_in("NL", ORDER), "2023-06-30"));
    let own = ORDER.replace("complied", "interest = \"fixed:10\"\ncomplied");
    assert!(!plain(&fr(&own), "2023-06-30"));
    let limited = ORDER.replace("complied", "limitation = \"3 years\"\ncomplied");
    assert!(!plain(&fr(&limited), "2023-06-30"));
    let due = format!("{ORDER}due = 2023-06-30\n");
    assert!(plain(&fr(&due), "2023-06-30"));
    assert!(!plain(&fr(&due), "2023-06-29"));
    let suspended = "[[order.liquidation.event]]\ndate = 2023-04-01\nkind = \"suspended\"\n";
    assert!(!plain(&fr(&format!("{ORDER}{suspended}")), "2023-06-30"));
}

#[test]
fn a_payment_of_10000_made_before_the_first_window_was_liquidated_goes_to_the_second() {
    // A payment goes to the liquidations decided by its day, in window order; the last takes
    // any rest. The 40,000 paid 2023-03-15 and read on that day counts.
    let c = fixture("two-liquidations");
    // January liquidated on 2023-03-10, February on 2023-03-01: a payment of 10,000 on
    // 2023-03-05 goes to February, the only one decided then.
    let early = case_in(
        "FR",
        "[[order]]\nid = \"stop\"\ndecided = 2022-12-01\nstarts = 2023-01-01\nrate = \"1000\"\n\
         complied = 2023-03-01\n\
         [[order.liquidation]]\ndecided = 2023-03-10\nfrom = 2023-01-01\nthrough = 2023-01-31\n\
         [[order.liquidation]]\ndecided = 2023-03-01\nfrom = 2023-02-01\nthrough = 2023-02-28\n\
         [[payment]]\ndate = 2023-03-05\namount = \"10000\"\napplies_to = \"stop\"\n",
    );
    let o = owed_of(&early, "2023-03-31", None);
    let paid: Vec<Decimal> = o.debts.iter().map(|d| d.paid).collect();
    assert_eq!(paid, [Decimal::ZERO, dec!(10000)]);
    assert_eq!(o.owed.map(|o| o.payable), Some(dec!(49000)));
    let o = owed_of(&c, "2023-03-15", None);
    let principal: Vec<Decimal> = o.debts.iter().map(|d| d.outcome.principal).collect();
    assert_eq!(principal, [Decimal::ZERO, dec!(19000)]);
    let o = owed_of(&c, "2023-03-14", None);
    let principal: Vec<Decimal> = o.debts.iter().map(|d| d.outcome.principal).collect();
    assert_eq!(principal, [dec!(31000), dec!(28000)]);
}

#[test]
fn an_annulled_fine_owes_nothing_and_a_paid_one_is_not_expiring() {
    let annulled = case_in(
        "FR",
        &format!(
            "{FINE}limitation = \"3 years\"\n[[fine.event]]\ndate = 2023-04-01\nkind = \"annulled\"\n"
        ),
    );
    let o = owed_of(&annulled, "2023-06-30", None);
    assert_eq!(o.debts[0].collection, Collection::Annulled);
    assert_eq!(o.debts[0].outcome.principal, Decimal::ZERO);
    // A fine of 1,000 decided 2020-01-10 without a due date lapses three years after its
    // decision, on 2023-01-11; paid in full, it is not named as expiring.
    let body = "[[fine]]\nid = \"f\"\namount = \"1000\"\ndecided = 2020-01-10\n\
                limitation = \"3 years\"\n";
    let c = case_in("FR", body);
    let o = owed_of(&c, "2022-12-31", None);
    assert_eq!(o.debts[0].lapse, Some(d("2023-01-11")));
    let figures = case_figures(&c, d("2022-12-31")).unwrap();
    assert_eq!(
        expiring(&c, &figures, d("2022-12-31"), 11, &options(None))
            .unwrap()
            .len(),
        1
    );
    let paid_up = case_in(
        "FR",
        &format!("{body}[[payment]]\ndate = 2020-03-01\namount = \"1000\"\napplies_to = \"f\"\n"),
    );
    let o = owed_of(&paid_up, "2022-12-31", None);
    assert_eq!(o.debts[0].collection, Collection::Paid);
    let figures = case_figures(&paid_up, d("2022-12-31")).unwrap();
    assert!(
        expiring(&paid_up, &figures, d("2022-12-31"), 11, &options(None))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn assuming_payment_on_the_as_of_day_pays_53328_20() {
    let c = fixture("partial-payment");
    let o = owed_of(&c, "2023-06-30", Some("2023-06-30"));
    assert_eq!(o.debts[0].assumed_paid, Some(dec!(53328.20)));
    assert_eq!(o.debts[0].collection, Collection::Paid);
}

/// NL, 1,000 a day from 2024-01-01 to 2024-03-31 (91 days), January liquidated on 2024-02-01.
const LIQUIDATED_DWANGSOM: &str = "[[order]]\nid = \"stop\"\ndecided = 2023-12-01\n\
    starts = 2024-01-01\nrate = \"1000\"\ncomplied = 2024-04-01\n[[order.liquidation]]\n\
    decided = 2024-02-01\nfrom = 2024-01-01\nthrough = 2024-01-31\n";

#[test]
fn forfeited_sums_a_liquidation_covers_do_not_lapse_under_awb_5_35() {
    let c = case_in("NL", LIQUIDATED_DWANGSOM);
    // As of 2025-02-15 the sums of 1 January to 14 February 2024 would be barred; January's
    // 31,000 are liquidated, so 14 days x 1,000 = 14,000 lapse.
    assert_eq!(
        owed_of(&c, "2025-02-15", None).accruing_barred("stop"),
        dec!(14000)
    );
    // As of 2025-04-01, February and March: 29 + 31 = 60 days, 60,000.
    let o = owed_of(&c, "2025-04-01", None);
    assert_eq!(o.accruing_barred("stop"), dec!(60000));
    // The span covers every forfeiture day; its sum leaves out the liquidated ones.
    let span = &o.lapsed[0].barred.spans[0];
    assert_eq!(
        (span.first, span.last, span.amount),
        (d("2024-01-01"), d("2024-03-31"), dec!(60000))
    );
    // The liquidation is an administrative money debt: due 2024-03-14, it lapses on
    // 2029-03-15, not a year after its days.
    assert_eq!(o.liquidation_barred("stop", 0), Decimal::ZERO);
    assert_eq!(o.debts[0].lapse, Some(d("2029-03-15")));
    assert_eq!(o.owed.map(|o| o.time_barred), Some(dec!(60000)));
    // Before the first day of delay nothing is forfeited.
    assert!(owed_of(&c, "2023-12-31", None).lapsed.is_empty());
}

#[test]
fn an_annulled_fine_bearing_interest_owes_no_principal() {
    let c = case_in(
        "FR",
        &format!(
            "interest = \"fixed:10\"\n{FINE}due = 2023-01-31\n\
             [[fine.event]]\ndate = 2023-04-01\nkind = \"annulled\"\n"
        ),
    );
    let o = owed_of(&c, "2023-06-30", None);
    assert_eq!(o.debts[0].collection, Collection::Annulled);
    assert_eq!(DebtLine::from(&o.debts[0]).principal, Decimal::ZERO);
    assert_eq!(o.debts[0].outcome.interest, Decimal::ZERO);
}

#[test]
fn a_fine_suspended_again_on_2023_05_01_is_suspended_since_then() {
    // Suspended 2023-03-01, resumed 2023-04-01, suspended again 2023-05-01.
    let c = case_in(
        "FR",
        &format!(
            "{FINE}[[fine.event]]\ndate = 2023-03-01\nkind = \"suspended\"\n\
             [[fine.event]]\ndate = 2023-04-01\nkind = \"resumed\"\n\
             [[fine.event]]\ndate = 2023-05-01\nkind = \"suspended\"\n"
        ),
    );
    assert_eq!(
        owed_of(&c, "2023-05-15", None).debts[0].collection,
        Collection::Suspended(d("2023-05-01"))
    );
    assert_eq!(
        owed_of(&c, "2023-03-15", None).debts[0].collection,
        Collection::Suspended(d("2023-03-01"))
    );
    assert_eq!(
        owed_of(&c, "2023-04-15", None).debts[0].collection,
        Collection::Payable
    );
}

#[test]
fn payments_fill_january_first_up_to_its_31000() {
    // Paid on the day January was liquidated, 10,000 goes to January.
    let c = two_windows(&payment("2023-03-10", "10000"));
    assert_eq!(paid_per_liquidation(&c), [dec!(10000), Decimal::ZERO]);
    // 20,000 and 20,000: January takes 20,000 then the 11,000 left of its room, February 9,000.
    let c = two_windows(&format!(
        "{}{}",
        payment("2023-03-20", "20000"),
        payment("2023-03-21", "20000")
    ));
    assert_eq!(paid_per_liquidation(&c), [dec!(31000), dec!(9000)]);
    // February annulled: January, the only liquidation that counts, takes all 40,000.
    let c = case_in(
        "FR",
        &format!(
            "{}[[order.liquidation.event]]\ndate = 2023-04-01\nkind = \"annulled\"\n{}",
            include_str!("../../tests/data/owed/two-liquidations.toml")
                .split_once("[[order]]")
                .map(|(_, rest)| format!("[[order]]{}", rest.split("[[payment]]").next().unwrap()))
                .unwrap(),
            payment("2023-03-15", "40000")
        ),
    );
    assert_eq!(paid_per_liquidation(&c), [dec!(40000), Decimal::ZERO]);
}

#[test]
fn the_first_day_liquidated_does_not_lapse_on_2025_01_02() {
    // Under Awb 5:35 the sum of 2024-01-01 lapses on 2025-01-02; January is liquidated.
    let c = case_in("NL", LIQUIDATED_DWANGSOM);
    assert_eq!(
        owed_of(&c, "2025-01-02", None).accruing_barred("stop"),
        Decimal::ZERO
    );
    // Without the liquidation, 1,000 lapses that day.
    let open = case_in(
        "NL",
        LIQUIDATED_DWANGSOM
            .split("[[order.liquidation]]")
            .next()
            .unwrap(),
    );
    assert_eq!(
        owed_of(&open, "2025-01-02", None).accruing_barred("stop"),
        dec!(1000)
    );
    // The same order in France has no limitation rule: nothing lapses.
    let fr = case_in(
        "FR",
        LIQUIDATED_DWANGSOM
            .split("[[order.liquidation]]")
            .next()
            .unwrap(),
    );
    assert!(owed_of(&fr, "2026-01-01", None).lapsed.is_empty());
}

#[test]
fn with_february_liquidated_62000_of_91000_lapse_by_2025_04_01() {
    // 91 days x 1,000; February's 29 days (29,000) liquidated: 31,000 + 31,000 lapse.
    let c = case_in(
        "NL",
        &LIQUIDATED_DWANGSOM.replace(
            "decided = 2024-02-01\nfrom = 2024-01-01\nthrough = 2024-01-31",
            "decided = 2024-03-05\nfrom = 2024-02-01\nthrough = 2024-02-29",
        ),
    );
    assert_eq!(
        owed_of(&c, "2025-04-01", None).accruing_barred("stop"),
        dec!(62000)
    );
}
