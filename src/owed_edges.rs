//! What is owed, computed by the library on the fixtures of `tests/data/owed/`: each figure
//! worked out by hand with the regime's day count (actual days x principal x rate / 36,500,
//! rounded to the cent). `tests/owed.rs` checks the same figures through the binary; these
//! are what `cargo mutants` (docs/contributing.md) checks `src/owed/` against.

use crate::case::{Case, load_case_str};
use crate::exposure::case_figures;
use crate::interest::Rates;
use crate::owed::{
    self, CaseOwed, Collection, DebtLine, DebtOf, DueRule, Expiring, Options, Owed, case_owed,
    expiring, lapse,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::Path;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn load(name: &str, text: &str) -> Case {
    match load_case_str(Path::new(name), text) {
        Ok(case) => case,
        Err(e) => panic!("{e:?}"),
    }
}

fn fixture(name: &str) -> Case {
    let text = match name {
        "partial-payment" => include_str!("../tests/data/owed/partial-payment.toml"),
        "suspended" => include_str!("../tests/data/owed/suspended.toml"),
        "fine-limitation" => include_str!("../tests/data/owed/fine-limitation.toml"),
        "barred-after-payment" => include_str!("../tests/data/owed/barred-after-payment.toml"),
        "dwangsom" => include_str!("../tests/data/owed/dwangsom.toml"),
        "dwangsom-collected" => include_str!("../tests/data/owed/dwangsom-collected.toml"),
        "two-liquidations" => include_str!("../tests/data/owed/two-liquidations.toml"),
        "nl-statutory" => include_str!("../tests/data/owed/nl-statutory.toml"),
        _ => panic!("no fixture {name}"),
    };
    load(name, text)
}

fn options(assume_paid: Option<&str>) -> Options<'static> {
    Options {
        rates: Rates::shipped().unwrap(),
        explain: false,
        assume_paid: assume_paid.map(d),
    }
}

fn owed_of(case: &Case, as_of: &str, assume_paid: Option<&str>) -> CaseOwed {
    let figures = case_figures(case, d(as_of)).unwrap();
    case_owed(case, &figures, d(as_of), &options(assume_paid)).unwrap()
}

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

/// A case of `jurisdiction` in EUR made of `body`.
fn case_in(jurisdiction: &str, body: &str) -> Case {
    load(
        "p.toml",
        &format!(
            "[case]\nid = \"p\"\ncompany = \"C\"\njurisdiction = \"{jurisdiction}\"\n\
             currency = \"EUR\"\n{body}"
        ),
    )
}

fn plain(case: &Case, as_of: &str) -> bool {
    let figures = case_figures(case, d(as_of)).unwrap();
    owed::is_plain(case, &figures, d(as_of))
}

const FINE: &str = "[[fine]]\nid = \"f\"\namount = \"1000\"\ndecided = 2023-01-10\n";

/// 10 days x 100 from 2023-01-01 (complied 2023-01-11), liquidated for 1,000 on 2023-02-01.
const ORDER: &str = "[[order]]\nid = \"o\"\nstarts = 2023-01-01\nrate = \"100\"\n\
    complied = 2023-01-11\n[[order.liquidation]]\ndecided = 2023-02-01\n\
    from = 2023-01-01\nthrough = 2023-01-10\n";

fn paid(id: &str, amount: &str) -> String {
    format!("[[payment]]\ndate = 2023-03-01\namount = \"{amount}\"\napplies_to = \"{id}\"\n")
}

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

/// January (31,000) liquidated on 2023-03-10, February (28,000) on 2023-03-01, and `payments`.
fn two_windows(payments: &str) -> Case {
    case_in(
        "FR",
        &format!(
            "[[order]]\nid = \"stop\"\ndecided = 2022-12-01\nstarts = 2023-01-01\n\
             rate = \"1000\"\ncomplied = 2023-03-01\n\
             [[order.liquidation]]\ndecided = 2023-03-10\nfrom = 2023-01-01\nthrough = 2023-01-31\n\
             [[order.liquidation]]\ndecided = 2023-03-01\nfrom = 2023-02-01\nthrough = 2023-02-28\n\
             {payments}"
        ),
    )
}

fn payment(date: &str, amount: &str) -> String {
    format!("[[payment]]\ndate = {date}\namount = \"{amount}\"\napplies_to = \"stop\"\n")
}

fn paid_per_liquidation(case: &Case) -> Vec<Decimal> {
    owed_of(case, "2023-06-30", None)
        .debts
        .iter()
        .map(|d| d.paid)
        .collect()
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
            include_str!("../tests/data/owed/two-liquidations.toml")
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
