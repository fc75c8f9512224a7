//! Properties of whole reports and of conversion, for random portfolios written as case
//! files: every total is the sum of its lines, and converting into a currency and back moves
//! an amount by no more than the two roundings.

use chrono::{Duration, NaiveDate};
use penalty::case::{Case, load_case_str};
use penalty::exposure::{FxDate, Totals, build_report};
use penalty::fx::{Currency, RateTable};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::path::Path;
use std::sync::OnceLock;

fn rates() -> &'static RateTable {
    static RATES: OnceLock<RateTable> = OnceLock::new();
    RATES.get_or_init(RateTable::builtin)
}

fn currency(code: &str) -> Currency {
    code.parse().unwrap()
}

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + Duration::days(offset)
}

/// An amount in cents, written as a string with two decimals.
fn amount(cents: i64) -> String {
    Decimal::new(cents, 2).to_string()
}

prop_compose! {
    /// One case file: a few fines (some appealed, some paid) and daily orders (some capped,
    /// some liquidated, some liquidations appealed or annulled), in one of five currencies.
    fn arb_case(index: usize)(
        company in 0usize..3,
        jurisdiction in 0usize..3,
        code in prop::sample::select(vec!["EUR", "GBP", "SEK", "USD", "JPY"]),
        fines in prop::collection::vec((1i64..1_000_000_000, 0i64..3000, any::<bool>(), 0u8..3), 0..3),
        orders in prop::collection::vec((1i64..10_000_000, 0i64..3000, prop::option::of(1i64..1_000_000_000), prop::option::of((0i64..200, 1i64..200, 0u8..3))), 0..3),
    ) -> String {
        let mut text = format!(
            "[case]\nid = \"case-{index}\"\ncompany = \"Company {company}\"\njurisdiction = \"{}\"\ncurrency = \"{code}\"\n",
            ["FR", "NL", "GB"][jurisdiction]
        );
        let mut payments = String::new();
        for (i, (cents, decided, appealed, paid)) in fines.iter().enumerate() {
            text.push_str(&format!(
                "\n[[fine]]\nid = \"fine-{i}\"\namount = \"{}\"\ndecided = {}\n",
                amount(*cents),
                day(*decided)
            ));
            if *appealed {
                text.push_str(&format!("\n[[fine.event]]\ndate = {}\nkind = \"appealed\"\n", day(decided + 30)));
            }
            // Pay nothing, half or all of the fine, 60 days after the decision.
            if *paid > 0 {
                payments.push_str(&format!(
                    "\n[[payment]]\ndate = {}\namount = \"{}\"\napplies_to = \"fine-{i}\"\n",
                    day(decided + 60),
                    amount((cents * i64::from(*paid) / 2).max(1))
                ));
            }
        }
        for (i, (rate, starts, cap, liquidation)) in orders.iter().enumerate() {
            text.push_str(&format!(
                "\n[[order]]\nid = \"order-{i}\"\nstarts = {}\nrate = \"{}\"\n",
                day(*starts),
                amount(*rate)
            ));
            if let Some(cap) = cap {
                text.push_str(&format!("cap = \"{}\"\n", amount(*cap)));
            }
            if let Some((from, len, event)) = liquidation {
                let from = day(starts + from);
                let decided = from + Duration::days(len + 10);
                text.push_str(&format!(
                    "\n[[order.liquidation]]\ndecided = {decided}\nfrom = {from}\nuntil = {}\n",
                    from + Duration::days(*len)
                ));
                // Nothing happens to it, or it is appealed, or annulled, 30 days later.
                if let Some(kind) = [None, Some("appealed"), Some("annulled")][usize::from(*event)] {
                    text.push_str(&format!(
                        "\n[[order.liquidation.event]]\ndate = {}\nkind = \"{kind}\"\n",
                        decided + Duration::days(30)
                    ));
                }
            }
        }
        text.push_str(&payments);
        text
    }
}

fn arb_portfolio() -> impl Strategy<Value = Vec<String>> {
    (1usize..5).prop_flat_map(|n| (0..n).map(arb_case).collect::<Vec<_>>())
}

fn load(texts: &[String]) -> Vec<Case> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            load_case_str(Path::new(&format!("case-{i}.toml")), text)
                .unwrap_or_else(|e| panic!("{e:?}\n{text}"))
        })
        .collect()
}

fn sum<'a>(lines: impl IntoIterator<Item = &'a Totals>) -> Totals {
    lines.into_iter().fold(Totals::default(), |s, t| Totals {
        fines_enforceable: s.fines_enforceable + t.fines_enforceable,
        fines_contested: s.fines_contested + t.fines_contested,
        liquidated_enforceable: s.liquidated_enforceable + t.liquidated_enforceable,
        liquidated_contested: s.liquidated_contested + t.liquidated_contested,
        accruing: s.accruing + t.accruing,
        paid: s.paid + t.paid,
        run_rate: s.run_rate + t.run_rate,
        at_risk: s.at_risk + t.at_risk,
        next_forfeiture: penalty::exposure::earliest(s.next_forfeiture, t.next_forfeiture).unwrap(),
        owed: match (&s.owed, &t.owed) {
            (None, None) => None,
            _ => Some(Box::new(penalty::owed::Owed {
                payable: s.payable() + t.payable(),
                suspended: s.suspended() + t.suspended(),
                interest: s.interest() + t.interest(),
                time_barred: s.time_barred() + t.time_barred(),
            })),
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_total_is_the_sum_of_its_case_lines(
        texts in arb_portfolio(),
        as_of in 0i64..4400,
        report_currency in prop::sample::select(vec!["EUR", "GBP", "JPY"]),
        decided in any::<bool>(),
    ) {
        let cases = load(&texts);
        let fx_date = if decided { FxDate::Decided } else { FxDate::AsOf };
        let report = build_report(&cases, day(as_of), currency(report_currency), fx_date, rates()).unwrap();
        prop_assert_eq!(report.cases.len(), cases.len());
        prop_assert_eq!(&sum(report.cases.iter().map(|l| &l.totals)), &report.total);
        for (company, totals) in &report.companies {
            let lines = report.cases.iter().filter(|l| &l.company == company).map(|l| &l.totals);
            prop_assert_eq!(&sum(lines), totals);
        }
        for (jurisdiction, totals) in &report.jurisdictions {
            let lines = report.cases.iter().filter(|l| &l.jurisdiction == jurisdiction).map(|l| &l.totals);
            prop_assert_eq!(&sum(lines), totals);
        }
        // The derived figures are sums of the components, on every line and in the total.
        for t in report.cases.iter().map(|l| &l.totals).chain([&report.total]) {
            prop_assert_eq!(t.exposure(), t.fines_enforceable + t.fines_contested + t.liquidated_enforceable + t.liquidated_contested + t.accruing);
            prop_assert_eq!(t.outstanding(), t.fines() + t.liquidated_enforceable + t.liquidated_contested - t.paid);
        }
    }

    #[test]
    fn euros_to_another_currency_and_back_move_by_no_more_than_rounding(
        cents in 0i64..100_000_000_000_000,
        code in prop::sample::select(vec!["GBP", "SEK", "USD", "JPY", "CHF", "HUF"]),
        on in 1462i64..4400,
    ) {
        // From 2019 on, every one of these currencies has an ECB rate.
        let (eur, other, on) = (Currency::EUR, currency(code), day(on));
        let a = Decimal::new(cents, 2);
        let there = rates().convert(a, eur, other, on).unwrap().amount;
        let back = rates().convert(there, other, eur, on).unwrap().amount;
        // Rounding into `other` moves the amount by at most half its minor unit, worth
        // half / rate euros; rounding back by at most half a cent.
        let rate = rates().rate(other, on).unwrap().per_eur;
        let half = |c: Currency| Decimal::new(5, c.minor_units() + 1);
        let bound = half(eur) + half(other) / rate;
        prop_assert!((back - a).abs() <= bound, "{a} EUR -> {there} {code} -> {back} EUR");
    }

    #[test]
    fn another_currency_to_euros_and_back_moves_by_no_more_than_rounding(
        units in 0i64..100_000_000_000_000,
        code in prop::sample::select(vec!["GBP", "SEK", "USD", "JPY", "CHF", "HUF"]),
        on in 1462i64..4400,
    ) {
        let (eur, other, on) = (Currency::EUR, currency(code), day(on));
        let a = Decimal::new(units, other.minor_units());
        let there = rates().convert(a, other, eur, on).unwrap().amount;
        let back = rates().convert(there, eur, other, on).unwrap().amount;
        let rate = rates().rate(other, on).unwrap().per_eur;
        let half = |c: Currency| Decimal::new(5, c.minor_units() + 1);
        let bound = half(other) + half(eur) * rate;
        prop_assert!((back - a).abs() <= bound, "{a} {code} -> {there} EUR -> {back} {code}");
    }
}
