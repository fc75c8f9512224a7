//! Sums lapsing, expiring warnings, payments shared between liquidations and due dates.

use super::*;

#[test]
fn a_fine_lapsing_on_2023_02_11_is_named_within_10_days_of_2023_02_01_not_9() {
    let c = fixture("fine-limitation");
    let as_of = d("2023-02-01");
    let figures = case_figures(&c, as_of).unwrap();
    let warned = expiring(&c, &figures, as_of, 10, &options(None)).unwrap();
    assert_eq!(
        warned,
        [Expiring {
            what: "fine \"fine\"".into(),
            amount: dec!(100000),
            from: d("2023-02-11"),
            to: d("2023-02-11"),
            rule: "its limitation period",
        }]
    );
    assert_eq!(
        warned[0].to_string(),
        "fine \"fine\": 100,000.00 becomes time-barred on 2023-02-11 (its limitation period)"
    );
    assert!(
        expiring(&c, &figures, as_of, 9, &options(None))
            .unwrap()
            .is_empty()
    );
    // On the day it lapses it is no longer expiring: it is time-barred.
    let on = d("2023-02-11");
    let figures = case_figures(&c, on).unwrap();
    assert!(
        expiring(&c, &figures, on, 10, &options(None))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_liquidation_lapsing_under_awb_4_104_is_named_with_its_window() {
    // An NL liquidation decided 2023-02-01 without a due date: Awb 4:104 counts five years
    // from the end of the six-week payment term (2023-03-15), so it lapses on 2028-03-16.
    let c = load(
        "nl.toml",
        "[case]\nid = \"nl\"\ncompany = \"C\"\njurisdiction = \"NL\"\ncurrency = \"EUR\"\n\
         [[order]]\nid = \"stop\"\ndecided = 2022-12-01\nstarts = 2023-01-01\nrate = \"1000\"\n\
         complied = 2023-01-11\n\
         [[order.liquidation]]\ndecided = 2023-02-01\nfrom = 2023-01-01\nthrough = 2023-01-10\n",
    );
    let o = owed_of(&c, "2023-03-15", None);
    let debt = &o.debts[0];
    assert_eq!(
        debt.of,
        DebtOf::Liquidation {
            order: "stop".into(),
            index: 0
        }
    );
    assert_eq!((debt.due, debt.due_rule), (None, DueRule::None));
    assert_eq!(debt.amount, dec!(10000));
    let lapse = debt.lapse.unwrap();
    assert_eq!(lapse, d("2028-03-16"));
    assert_eq!(o.liquidation_barred("stop", 0), Decimal::ZERO);
    let as_of = lapse.pred_opt().unwrap();
    let figures = case_figures(&c, as_of).unwrap();
    let warned = expiring(&c, &figures, as_of, 1, &options(None)).unwrap();
    assert_eq!(warned.len(), 1);
    assert_eq!(
        warned[0].what,
        "order \"stop\", liquidation of 2023-01-01 through 2023-01-10"
    );
    assert_eq!(warned[0].rule, "Awb 4:104");
    // On the lapse day the liquidation counts zero: its unpaid principal is time-barred.
    let o = owed_of(&c, &lapse.to_string(), None);
    assert_eq!(o.liquidation_barred("stop", 0), dec!(10000));
    assert_eq!(o.liquidation_barred("stop", 1), Decimal::ZERO);
    assert_eq!(o.liquidation_barred("other", 0), Decimal::ZERO);
}

#[test]
fn a_payment_of_40000_pays_31000_to_january_and_9000_to_february() {
    // January: 31 days x 1,000 = 31,000; February: 28 x 1,000 = 28,000. Paid 40,000 on
    // 2023-03-15: 31,000 to the first, the 9,000 left to the second, 19,000 outstanding.
    let c = fixture("two-liquidations");
    let o = owed_of(&c, "2023-03-31", None);
    let paid: Vec<Decimal> = o.debts.iter().map(|d| d.paid).collect();
    assert_eq!(paid, [dec!(31000), dec!(9000)]);
    assert_eq!(o.debts[0].collection, Collection::Paid);
    assert_eq!(o.debts[1].outcome.principal, dec!(19000));
    assert_eq!(o.owed.map(|o| o.payable), Some(dec!(19000)));
    assert_eq!(
        owed::liquidation(&case_figures(&c, d("2023-03-31")).unwrap(), &o.debts[1].of)
            .map(|l| l.decided),
        Some(d("2023-03-01"))
    );
}

#[test]
fn nl_statutory_makes_a_fine_decided_2022_11_21_due_2023_01_02() {
    let c = fixture("nl-statutory");
    let o = owed_of(&c, "2023-01-02", None);
    assert_eq!(o.debts[0].due, Some(d("2023-01-02")));
    assert_eq!(o.debts[0].due_rule, DueRule::SixWeeks);
    assert_eq!(o.debts[0].collection, Collection::Payable);
}

#[test]
fn collections_read_as_words() {
    let words: Vec<String> = [
        Collection::Payable,
        Collection::Suspended(d("2023-03-01")),
        Collection::NotDue,
        Collection::TimeBarred(d("2023-02-11")),
        Collection::Paid,
        Collection::Nothing,
        Collection::Annulled,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        words,
        [
            "payable",
            "suspended since 2023-03-01",
            "not yet due",
            "time-barred since 2023-02-11",
            "paid",
            "nothing owed",
            "annulled"
        ]
    );
}
