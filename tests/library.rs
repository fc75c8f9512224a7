//! The case library against the public record: the figures that follow from the corrections
//! of December 2026 (decision dates, appeals, payments) and the CJEU's periodic penalties,
//! each checked by hand in a comment.

use chrono::NaiveDate;
use penalty::case::{Case, EventKind, load_paths};
use penalty::exposure::{CaseLine, FineStatus, FxDate, build_report};
use penalty::fx::{Currency, RateTable};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn amount(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn case(id: &str) -> Case {
    load_paths(&[PathBuf::from("cases")])
        .unwrap()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no case {id:?} in cases/"))
}

/// The case's line as of `as_of`; `own` holds its figures in its own currency.
fn line(id: &str, as_of: &str) -> CaseLine {
    let eur: Currency = "EUR".parse().unwrap();
    let report = build_report(
        &[case(id)],
        d(as_of),
        eur,
        FxDate::AsOf,
        &RateTable::builtin(),
    )
    .unwrap();
    report.cases.into_iter().next().unwrap()
}

#[test]
fn swedish_police_fine_is_contested_from_its_decision_of_10_february_2021() {
    // Decided 10 Feb 2021 (not 11 Feb): it exists on the 10th.
    let l = line("polismyndigheten-se", "2021-02-10");
    assert_eq!(l.figures.fines.len(), 1);
    assert_eq!(l.own.fines(), amount("2500000"));
    // Appealed: contested in 2021, SEK 2,500,000 in the contested column, none enforceable.
    let l = line("polismyndigheten-se", "2021-06-30");
    assert_eq!(l.figures.fines[0].status, FineStatus::Contested);
    assert_eq!(l.own.fines_contested, amount("2500000"));
    assert_eq!(l.own.fines_enforceable, Decimal::ZERO);
    // Still contested today: no court outcome is on record.
    let l = line("polismyndigheten-se", "2026-11-22");
    assert_eq!(l.figures.fines[0].status, FineStatus::Contested);
}

#[test]
fn uk_penalty_is_contested_until_the_tribunal_sets_it_aside() {
    // Under appeal from the notice (18 May 2022) to 17 Oct 2023: GBP 7,552,800 contested.
    let l = line("clearview-uk", "2022-12-31");
    assert_eq!(l.figures.fines[0].status, FineStatus::Contested);
    assert_eq!(l.own.fines_contested, amount("7552800"));
    assert_eq!(l.own.fines_enforceable, Decimal::ZERO);
    let l = line("clearview-uk", "2023-10-16");
    assert_eq!(l.figures.fines[0].status, FineStatus::Contested);
    let l = line("clearview-uk", "2023-10-17");
    assert_eq!(l.figures.fines[0].status, FineStatus::Annulled);
    assert_eq!(l.own.exposure(), Decimal::ZERO);
}

#[test]
fn uber_fines_dated_by_their_decisions_and_the_2018_fine_paid() {
    // The EUR 10M fine was decided on 11 Dec 2023, before its publication on 31 Jan 2024:
    // as of 1 Jan 2024, 600,000 + 10,000,000 = 10,600,000 in fines, the 10M contested.
    let l = line("uber-nl", "2024-01-01");
    assert_eq!(l.own.fines(), amount("10600000"));
    assert_eq!(l.own.fines_contested, amount("10000000"));
    // The EUR 290M fine was decided on 22 Jul 2024, before its announcement on 26 Aug 2024.
    let l = line("uber-nl", "2024-07-21");
    assert_eq!(l.own.fines(), amount("10600000"));
    let l = line("uber-nl", "2024-07-22");
    assert_eq!(l.own.fines(), amount("300600000"));
    assert_eq!(l.own.fines_contested, amount("300000000"));
    // The 2018 fine was accepted and paid: owed 300,600,000 - paid 600,000 = 300,000,000.
    let l = line("uber-nl", "2026-11-22");
    assert_eq!(l.own.owed(), amount("300600000"));
    assert_eq!(l.own.paid, amount("600000"));
    assert_eq!(l.own.outstanding(), amount("300000000"));
    assert_eq!(l.figures.fines[0].status, FineStatus::Enforceable);
    assert_eq!(l.figures.fines[0].paid, amount("600000"));
}

#[test]
fn turow_137_days_at_500000_is_68_500_000() {
    let l = line("eu-cjeu-pl-turow", "2026-11-22");
    let order = &l.figures.orders[0].accrual;
    // 20 Sep 2021 to 3 Feb 2022, both counted: 11 + 31 + 30 + 31 + 31 + 3 = 137 days.
    assert_eq!(order.days, 137);
    assert_eq!(order.accrued, amount("68500000"));
    // The first demand, 20 Sep - 19 Oct 2021: 30 days x 500,000 = 15,000,000.
    assert_eq!(order.liquidations.len(), 1);
    assert_eq!(order.liquidations[0].days, 30);
    assert_eq!(order.liquidations[0].computed, amount("15000000"));
    assert_eq!(order.liquidated, amount("15000000"));
    assert_eq!(
        order.run_rate, None,
        "the penalty ended with the settlement"
    );
}

#[test]
fn disciplinary_chamber_534_days_at_1m_and_45_at_500000_is_556_500_000() {
    let l = line("eu-cjeu-pl-disciplinary-chamber", "2023-06-05");
    let order = &l.figures.orders[0].accrual;
    // 3 Nov 2021 - 20 Apr 2023: 534 days x 1,000,000; 21 Apr - 4 Jun 2023: 45 x 500,000.
    assert_eq!(order.days, 534 + 45);
    assert_eq!(order.accrued, amount("556500000"));
    // The published demand windows, each day x 1,000,000.
    let windows: Vec<(i64, Decimal)> = order
        .liquidations
        .iter()
        .map(|f| (f.days, f.amount))
        .collect();
    assert_eq!(
        windows,
        [
            (69, amount("69000000")),
            (42, amount("42000000")),
            (30, amount("30000000")),
            (33, amount("33000000")),
            (30, amount("30000000")),
            (33, amount("33000000")),
            (30, amount("30000000")),
            (33, amount("33000000")),
        ]
    );
    assert!(order.liquidations.iter().all(|f| f.reduction.is_zero()));
    // The eight windows: exactly 300,000,000; the other 256,500,000 not yet demanded.
    assert_eq!(order.liquidated, amount("300000000"));
    assert_eq!(order.accruing, amount("256500000"));
    // Nothing accrues after the judgment.
    let later = line("eu-cjeu-pl-disciplinary-chamber", "2026-11-22");
    assert_eq!(later.figures.orders[0].accrual.accrued, amount("556500000"));
}

#[test]
fn disciplinary_chamber_demands_count_from_their_documented_dates() {
    // The first demand was sent on 19 Jan 2022: the day before, nothing is liquidated.
    let order = |as_of: &str| {
        line("eu-cjeu-pl-disciplinary-chamber", as_of)
            .figures
            .orders[0]
            .accrual
            .clone()
    };
    assert_eq!(order("2022-01-18").liquidated, Decimal::ZERO);
    assert_eq!(order("2022-01-19").liquidated, amount("69000000"));
    // 69 + 42 + 30 + 33 = 174 million by 25 Jul 2022, then the fifth, 30 million, on 24 Aug.
    assert_eq!(order("2022-07-25").liquidated, amount("174000000"));
    assert_eq!(order("2022-08-23").liquidated, amount("174000000"));
    assert_eq!(order("2022-08-24").liquidated, amount("204000000"));
}

#[test]
fn disciplinary_chamber_offsets_settle_the_demands_as_published() {
    // Offset by 25 Jul 2022: 174 million; by 24 Aug: 204 million; by 8 Dec: 300 million,
    // each equal to the demands liquidated by then, so nothing demanded is outstanding.
    for (as_of, paid) in [
        ("2022-07-25", "174000000"),
        ("2022-08-24", "204000000"),
        ("2022-12-08", "300000000"),
    ] {
        let l = line("eu-cjeu-pl-disciplinary-chamber", as_of);
        assert_eq!(l.own.paid, amount(paid), "{as_of}");
        assert_eq!(l.own.outstanding(), Decimal::ZERO, "{as_of}");
    }
    // The day before: only the first demand (69 million) is on record, and none is paid.
    let l = line("eu-cjeu-pl-disciplinary-chamber", "2022-07-24");
    assert_eq!(l.own.paid, Decimal::ZERO);
    assert_eq!(l.own.outstanding(), amount("69000000"));
}

#[test]
fn hungary_lump_sum_and_first_demand_of_93_days() {
    let l = line("eu-cjeu-hu-asylum", "2024-09-16");
    assert_eq!(l.figures.fines[0].amount, amount("200000000"));
    let order = &l.figures.orders[0].accrual;
    // 13 Jun - 13 Sep 2024: 18 + 31 + 31 + 13 = 93 days x 1,000,000 = 93,000,000.
    assert_eq!(order.liquidations[0].days, 93);
    assert_eq!(order.liquidated, amount("93000000"));
    // 14 - 16 Sep 2024 still accruing: 3 x 1,000,000.
    assert_eq!(order.accruing, amount("3000000"));
    // Owed: 200,000,000 + 93,000,000.
    assert_eq!(l.own.owed(), amount("293000000"));
    assert_eq!(order.run_rate, Some(amount("1000000")));
}

#[test]
fn cases_readme_lists_every_case_file() {
    // The case files under cases/, by their path relative to it.
    fn toml_files(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                toml_files(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let relative = path.strip_prefix(root).unwrap();
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let root = std::path::Path::new("cases");
    let mut files = Vec::new();
    toml_files(root, root, &mut files);
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let missing: Vec<&String> = files
        .iter()
        .filter(|f| !readme.contains(&format!("| `{f}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "cases/README.md has no line for {missing:?}: add one (what it is, when it was checked, its main sources)"
    );
}

#[test]
fn landfills_semesters_follow_the_counts_the_record_gives() {
    let accrued = |as_of: &str| {
        line("eu-cjeu-it-landfills", as_of).figures.orders[0]
            .accrual
            .accrued
    };
    // First semester, 2 Dec 2014 - 1 Jun 2015: 42,800,000 - 15 x 200,000 = 39,800,000.
    assert_eq!(accrued("2015-06-01"), amount("39800000"));
    // Fifth semester, forfeited on its last day, 1 Jun 2017:
    // 42,800,000 - 11 x 400,000 - 112 x 200,000 = 16,000,000.
    assert_eq!(
        accrued("2017-06-01") - accrued("2017-05-31"),
        amount("16000000")
    );
    // Thirteenth, to 1 Jun 2021: 42,800,000 - 11 x 400,000 - 149 x 200,000 = 8,600,000.
    assert_eq!(
        accrued("2021-06-01") - accrued("2021-05-31"),
        amount("8600000")
    );
    // The Commission's demand for the fifth semester, recorded at the end of Sep 2017.
    let order = |as_of: &str| {
        line("eu-cjeu-it-landfills", as_of).figures.orders[0]
            .accrual
            .clone()
    };
    assert_eq!(order("2017-09-29").liquidated, Decimal::ZERO);
    assert_eq!(order("2017-09-30").liquidated, amount("16000000"));
    // As of 22 Nov 2026: 4 x 39,800,000 + 8 x 16,000,000 + 11 x 8,600,000 = 381,800,000,
    // not the 23 x 39,800,000 = 915,400,000 the first count alone would give.
    let o = order("2026-11-22");
    assert_eq!(o.accrued, amount("381800000"));
    assert_eq!(o.liquidated, amount("16000000"));
    assert_eq!(o.accruing, amount("365800000"));
}

#[test]
fn appeals_filed_on_days_not_public_are_dated_on_the_decision_and_marked_so() {
    // (case, as of, fine, the decision's day on which the appeal is counted)
    for (id, as_of, fine, day) in [
        ("clearview-uk", "2022-12-31", 0, "2022-05-18"),
        ("polismyndigheten-se", "2021-06-30", 0, "2021-02-10"),
        ("uber-nl", "2026-11-22", 1, "2023-12-11"),
        ("uber-nl", "2026-11-22", 2, "2024-07-22"),
    ] {
        let l = line(id, as_of);
        let f = &l.figures.fines[fine];
        assert_eq!(f.status, FineStatus::Contested, "{id} {as_of}");
        let set_by = f.set_by.unwrap();
        assert_eq!(set_by.kind, EventKind::Appealed, "{id}");
        assert_eq!(set_by.date, d(day), "{id}");
        assert!(!set_by.date_known, "{id}: the filing day is not public");
    }
    // The Upper Tribunal's reinstatement has its own, known date.
    let l = line("clearview-uk", "2026-11-22");
    let set_by = l.figures.fines[0].set_by.unwrap();
    assert_eq!(
        (set_by.kind, set_by.date, set_by.date_known),
        (EventKind::Reinstated, d("2025-10-06"), true)
    );
    // explain says the day is not public rather than "appealed on 2022-05-18".
    let out = assert_cmd::Command::cargo_bin("penalty")
        .unwrap()
        .args([
            "explain",
            "cases/clearview-uk.toml",
            "--as-of",
            "2022-12-31",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "Status: contested: appealed on a day not public (appeal to the First-tier Tribunal), counted from 2022-05-18, the earliest it can have been lodged."
        ),
        "{text}"
    );
}
