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
