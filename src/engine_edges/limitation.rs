//! Limitation and next forfeitures.

use super::*;

/// 100 forfeited each day of 2020: 36,600 from its last day on.
fn forfeited_in_2020(day: NaiveDate) -> Result<Decimal, std::convert::Infallible> {
    let (first, last) = (d("2020-01-01"), d("2020-12-31"));
    let days = (day.min(last) - first).num_days() + 1;
    Ok(Decimal::from(days.max(0)) * dec!(100))
}

/// The sums forfeited at 100 a day through 2020, with these collection orders and appeals.
fn daily_100_in_2020<'a>(
    collection_orders: &'a [NaiveDate],
    appeals: &'a [crate::limitation::Appeal],
) -> crate::limitation::Forfeitures<'a> {
    crate::limitation::Forfeitures {
        forfeited: &forfeited_in_2020,
        first: d("2020-01-01"),
        last: d("2020-12-31"),
        collection_orders,
        appeals,
    }
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
    use crate::limitation::Appeal;
    // 100 forfeited each day of 2020. An appeal was open from 2020-06-01 and became
    // irrevocable on 2021-06-30. Awb 5:35(2) extends only years ending from 2021-04-01 on:
    // the sums of 2020-04-01 to 2020-06-30 are kept; those of 1 January to 31 March 2020
    // (31 + 29 + 31 = 91 days, 9,100) are barred as of 2021-05-01.
    let appeals = [Appeal {
        from: d("2020-06-01"),
        irrevocable: Some(d("2021-06-30")),
    }];
    let f = daily_100_in_2020(&[], &appeals);
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
    // 100 forfeited each day of 2020 (366 days, 36,600). A collection order dated 2020-01-01
    // keeps the sums whose year runs to that day or later: of 2020, only 1 January's. As of
    // 2022-01-01 every other day of 2020 is time-barred: 365 x 100 = 36,500.
    let orders = [d("2020-01-01")];
    let f = daily_100_in_2020(&orders, &[]);
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
    use crate::limitation::Appeal;
    // 100 forfeited each day of 2020; an appeal open from 2021-06-01, irrevocable on
    // 2021-08-01. As of 2021-08-01 the sums of 2020-06-01 to 2020-07-31 are still kept: 1
    // January to 31 May (152 days, 15,200) are barred. From 2021-08-02 the extension is over:
    // 1 January to 1 August (214 days, 21,400).
    let appeals = [Appeal {
        from: d("2021-06-01"),
        irrevocable: Some(d("2021-08-01")),
    }];
    let f = daily_100_in_2020(&[], &appeals);
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
    use crate::limitation::Appeal;
    // 100 forfeited each day of 2020; an appeal open from 2021-06-01, irrevocable on
    // 2021-08-01. As of 2021-07-01, within 60 days (by 2021-08-30), the sums of 1 June to 29
    // August 2020 lapse (30 + 31 + 29 = 90 days, 9,000): that of 1 June, whose year ended
    // during the appeal, on 2021-08-02; that of 29 August on 2021-08-30.
    let appeals = [Appeal {
        from: d("2021-06-01"),
        irrevocable: Some(d("2021-08-01")),
    }];
    let f = daily_100_in_2020(&[], &appeals);
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
