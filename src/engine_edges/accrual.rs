//! Accrual, units, caps and order states.

use super::*;

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

/// 0.01 a day from 2015-01-01, the first day liquidated on 2015-01-12: as of 2015-01-31,
/// 31 days accrued 0.31, of which the liquidated day is 0.01 and 30 days are accruing, 0.30.
/// The liquidation's window starts where the order's only segment does: the sweep computes
/// the accrual before that day as 0 days x 0.01, a zero product that keeps no decimal place
/// and is still exact.
#[test]
fn a_cent_a_day_liquidated_from_its_first_day_is_exact() {
    let o = order(
        "[[order]]\nid = \"o\"\nstarts = 2015-01-01\nrate = \"0.01\"\n\
         [[order.liquidation]]\ndecided = 2015-01-12\nfrom = 2015-01-01\nuntil = 2015-01-02\n",
    );
    let a = accrue::accrue(&o, d("2015-01-31")).unwrap();
    assert_eq!(a.accrued, dec!(0.31));
    assert_eq!(a.liquidated, dec!(0.01));
    assert_eq!(a.liquidations[0].computed, dec!(0.01));
    assert_eq!(a.accruing, dec!(0.30));
    assert_eq!(a.accruing_days, 30);
    assert_eq!(
        accrue::exact_mul(Decimal::ZERO, dec!(0.01)),
        Some(Decimal::ZERO)
    );
    assert_eq!(
        accrue::exact_mul(dec!(0.01), Decimal::ZERO),
        Some(Decimal::ZERO)
    );
}
