//! Case lines, report totals, conversion and what-if cuts.

use super::*;

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
