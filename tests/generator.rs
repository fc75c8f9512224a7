//! The benchmark generator writes valid case files, and its portfolio holds the kinds of
//! record the engine must handle fast: deadline changes, measured adjustments, and
//! liquidations appealed, reduced and annulled.

#[path = "../benches/common/mod.rs"]
mod common;

use penalty::case::load_case_str;
use std::path::Path;

#[test]
fn every_generated_case_loads_and_some_liquidations_have_events() {
    let texts = common::portfolio(500, 1);
    for (i, text) in texts.iter().enumerate() {
        if let Err(e) = load_case_str(Path::new(&format!("case-{i}.toml")), text) {
            panic!("case {i} is invalid: {e:?}\n{text}");
        }
    }
    // The text of each liquidation event, up to the next table.
    let events: Vec<&str> = texts
        .iter()
        .flat_map(|t| t.split("[[order.liquidation.event]]").skip(1))
        .map(|e| e.split("[[").next().unwrap_or(""))
        .collect();
    for kind in ["appealed", "upheld", "reduced", "annulled"] {
        let n = events
            .iter()
            .filter(|e| e.contains(&format!("kind = \"{kind}\"")))
            .count();
        assert!(n > 0, "no liquidation {kind} in 500 generated cases");
    }
    // Deadline changes and measured adjustments are there too.
    for table in [
        "[[order.deadline_change]]",
        "[[order.adjustment]]",
        "[[order.measurement]]",
    ] {
        let n = texts.iter().filter(|t| t.contains(table)).count();
        assert!(n > 0, "no {table} in 500 generated cases");
    }
}

/// `compute` makes each case's line as the case is read: the report it sums up is the one
/// made from the cases loaded first, on a generated portfolio of 300 files (read in parallel).
#[test]
fn lines_made_as_cases_are_read_give_the_same_report() {
    use penalty::case::{load_paths, load_paths_with};
    use penalty::exposure::{FxDate, build_report, made_key, make_line, report_from_lines};
    use penalty::fx::RateTable;

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-300");
    let _ = std::fs::remove_dir_all(&dir);
    common::write_portfolio(&dir, 300, 7).unwrap();
    let (as_of, gbp, rates) = (
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        "GBP".parse().unwrap(),
        RateTable::builtin(),
    );
    let cases = load_paths(std::slice::from_ref(&dir)).unwrap();
    let whole = build_report(&cases, as_of, gbp, FxDate::Decided, &rates).unwrap();
    let made = load_paths_with(
        std::slice::from_ref(&dir),
        |case| make_line(case, as_of, gbp, FxDate::Decided, &rates),
        made_key,
    )
    .unwrap();
    let as_read = report_from_lines(made, as_of, gbp, FxDate::Decided).unwrap();
    assert_eq!(as_read.cases.len(), 300);
    assert_eq!(as_read, whole);
}

/// Sums of more than 1,024 lines are made in parallel, a run of lines per task: on 2,500
/// generated cases, every company's, jurisdiction's and the grand total's figures are the
/// sums of their lines, added here one by one.
#[test]
fn sums_made_in_parallel_are_the_sums_of_the_lines() {
    use penalty::exposure::{FxDate, build_report};
    use penalty::fx::RateTable;
    use rust_decimal::Decimal;

    let cases: Vec<_> = common::portfolio(2_500, 11)
        .iter()
        .enumerate()
        .map(|(i, t)| load_case_str(Path::new(&format!("case-{i}.toml")), t).unwrap())
        .collect();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let report = build_report(
        &cases,
        as_of,
        "EUR".parse().unwrap(),
        FxDate::AsOf,
        &RateTable::builtin(),
    )
    .unwrap();
    assert_eq!(report.cases.len(), 2_500);
    let figures = |t: &penalty::exposure::Totals| {
        [
            t.fines_enforceable,
            t.fines_contested,
            t.liquidated_enforceable,
            t.liquidated_contested,
            t.accruing,
            t.paid,
            t.run_rate,
            t.at_risk,
            t.exposure(),
            t.total_due(),
        ]
    };
    let sum = |pick: &dyn Fn(&penalty::exposure::CaseLine) -> bool| {
        let mut sum = [Decimal::ZERO; 10];
        for line in report.cases.iter().filter(|l| pick(l)) {
            for (s, x) in sum.iter_mut().zip(figures(&line.totals)) {
                *s += x;
            }
        }
        sum
    };
    assert_eq!(figures(&report.total), sum(&|_| true));
    assert!(report.total.exposure() > Decimal::ZERO);
    assert!(report.companies.len() > 1 && report.jurisdictions.len() > 1);
    for (company, totals) in &report.companies {
        assert_eq!(
            figures(totals),
            sum(&|l| &l.company == company),
            "{company}"
        );
    }
    for (jurisdiction, totals) in &report.jurisdictions {
        let lines = sum(&|l| &l.jurisdiction == jurisdiction);
        assert_eq!(figures(totals), lines, "{jurisdiction}");
    }
    // The earliest next forfeiture of all, with everything forfeited that day.
    let earliest = report
        .cases
        .iter()
        .filter_map(|l| l.totals.next_forfeiture)
        .map(|f| f.date)
        .min();
    assert_eq!(report.total.next_forfeiture.map(|f| f.date), earliest);
    let that_day: Decimal = report
        .cases
        .iter()
        .filter_map(|l| l.totals.next_forfeiture)
        .filter(|f| Some(f.date) == earliest)
        .map(|f| f.amount)
        .sum();
    assert_eq!(
        report.total.next_forfeiture.map(|f| f.amount),
        Some(that_day)
    );
}

/// When a sum made in parallel cannot be done exactly, the lines are added one by one: the
/// error names the case whose addition fails in id order, as with two cases alone. Two fines
/// of 5 x 10^28, at either end of 2,000 fines of 1, cannot be added.
#[test]
fn a_sum_that_overflows_in_parallel_names_the_case_it_names_alone() {
    use penalty::exposure::{FxDate, build_report};
    use penalty::fx::RateTable;

    let case = |id: &str, company: &str, amount: &str| {
        let text = format!(
            "[case]\nid = \"{id}\"\ncompany = \"{company}\"\njurisdiction = \"FR\"\n\
             currency = \"EUR\"\n\n[[fine]]\nid = \"fine\"\n\
             amount = \"{amount}\"\ndecided = 2022-10-17\n"
        );
        load_case_str(Path::new(&format!("{id}.toml")), &text).unwrap()
    };
    let huge = "50000000000000000000000000000";
    let mut cases = vec![case("a-huge", "Huge SA", huge)];
    cases.extend((0..2_000).map(|i| case(&format!("m-{i:04}"), "Small SA", "1")));
    cases.push(case("z-huge", "Huge SA", huge));
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let report = |cases: &[penalty::case::Case]| {
        let eur = "EUR".parse().unwrap();
        build_report(cases, as_of, eur, FxDate::AsOf, &RateTable::builtin())
    };
    let error = report(&cases).unwrap_err().to_string();
    assert!(
        error.contains("adding case \"z-huge\" to the totals of company \"Huge SA\""),
        "{error}"
    );
    // Without the last one, the sums hold: 5 x 10^28 + 2,000.
    cases.pop();
    let total = report(&cases).unwrap().total.fines();
    assert_eq!(total.to_string(), "50000000000000000000000002000");
}
