//! `penalty explain`: the traced figures of a case, pinned by snapshots a reader can check
//! against the decisions (52 days x EUR 100,000 = EUR 5,200,000 for the CNIL's first
//! liquidation).

use assert_cmd::Command;

fn explain(args: &[&str]) -> String {
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22")
        .arg("explain")
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn clearview_fr_as_of_22_november_2026() {
    let out = explain(&["cases/clearview-fr.toml", "--as-of", "2026-11-22"]);
    // The liquidated window, as the CNIL wrote it, and its product.
    assert!(out.contains(
        "  Liquidation SAN-2023-005, decided 2023-04-13: window 2022-12-19 until 2023-02-09 (not counted), 52 days.\n    Computed 52 days x 100,000.00 = 5,200,000.00; ordered 5,200,000.00; no reduction.\n"
    ));
    insta::assert_snapshot!(out);
}

#[test]
fn clearview_fr_if_it_had_complied_on_1_march_2023() {
    let out = explain(&[
        "cases/clearview-fr.toml",
        "--as-of",
        "2026-11-22",
        "--assume-compliance",
        "2023-03-01",
    ]);
    // 72 days (19 Dec 2022 through 28 Feb 2023): 52 liquidated, 20 accruing.
    assert!(out.contains(
        "  Liquidated: 5,200,000.00 (52 days in liquidated windows): enforceable 5,200,000.00 + contested 0.00. Accruing: 2,000,000.00 (20 days not covered by a liquidation;"
    ));
    insta::assert_snapshot!(out);
}

#[test]
fn a_capped_order_with_a_grace_period() {
    let out = explain(&["tests/data/capped.toml", "--as-of", "2024-03-31"]);
    assert!(out.contains(
        "  Deadline: notified 2024-01-15 + 2 weeks = 2024-01-29 (the day of notification not counted); not extended; first day of delay 2024-01-30.\n"
    ));
    assert!(out.contains("  Cap: 100,000.00 reached on 2024-02-12; nothing accrues after it.\n"));
    insta::assert_snapshot!(out);
}

#[test]
fn a_fine_set_aside_then_revived_names_the_event_that_set_its_status() {
    let before = explain(&["cases/clearview-uk.toml", "--as-of", "2024-01-01"]);
    assert!(before.contains(
        "  Status: annulled on 2023-10-17 (First-tier Tribunal: appeal allowed, the ICO lacked jurisdiction): it counts zero.\n  Not yet happened as of 2024-01-01, so not counted: reinstated on 2025-10-06.\n  Counts for 0.00 (annulled).\n"
    ));
    let after = explain(&["cases/clearview-uk.toml", "--as-of", "2026-11-22"]);
    assert!(after.contains("  Status: contested: reinstated on 2025-10-06 ([2025] UKUT 319 (AAC)"));
    // GBP 7,552,800 / 0.8338 = EUR 9,058,287.36 (rounded to the cent).
    assert!(after.contains(
        "contested fines 7,552,800.00 GBP = 9,058,287.36 EUR.\n  Rate: 1 EUR = 0.8338 GBP (ECB, 2026-10-30), the latest on or before 2026-11-22"
    ));
}

#[test]
fn a_projection_says_so() {
    let out = explain(&["cases/clearview-fr.toml", "--as-of", "2099-12-31"]);
    assert!(out.contains("\nPROJECTION: the as-of date is in the future"));
}

/// The liquidated line splits what is enforceable from what is contested, as the totals do:
/// 1,000,000 liquidated, appealed, and cut to 600,000 on 30 June 2022, still contested.
#[test]
fn the_liquidated_line_splits_enforceable_from_contested() {
    let out = explain(&[
        "tests/data/liquidations/reduced-on-appeal.toml",
        "--as-of",
        "2022-06-30",
    ]);
    assert!(
        out.contains(
            "  Liquidated: 600,000.00 (10 days in liquidated windows): enforceable 0.00 + contested 600,000.00. Accruing: 0.00"
        ),
        "{out}"
    );
}

/// A stay decided after the as-of date is listed as ignored, and its days count: as of
/// 31 January 2023, 31 days x 100 = 3,100; from its decision on 1 February, 10 of 32 days
/// are stayed: 22 x 100 = 2,200.
#[test]
fn a_suspension_decided_after_the_as_of_date_is_shown_ignored() {
    const FILE: &str = "tests/data/suspension-decided-later.toml";
    let before = explain(&[FILE, "--as-of", "2023-01-31"]);
    assert!(
        before.contains(
            "  Suspension 2023-01-01 until 2023-01-11 (not counted) (10 days), decided 2023-02-01: decided after the as-of date, ignored.\n"
        ),
        "{before}"
    );
    assert!(!before.contains("  Suspended "), "{before}");
    assert!(before.contains("  Accrued: 3,100.00.\n"), "{before}");
    let after = explain(&[FILE, "--as-of", "2023-02-01"]);
    assert!(!after.contains("decided after the as-of date"), "{after}");
    assert!(
        after.contains(
            "  Suspended 2023-01-01 until 2023-01-11 (not counted) (10 days): those days do not count.\n"
        ),
        "{after}"
    );
    assert!(after.contains("  Accrued: 2,200.00.\n"), "{after}");
}

/// A what-if names the cut of a liquidation only once the liquidation is decided: as of
/// 1 January 2023 the CNIL's liquidation of 13 April 2023 does not exist, so nothing says it
/// was dropped.
#[test]
fn a_what_if_says_nothing_of_a_liquidation_not_yet_decided() {
    let args = |as_of| {
        explain(&[
            "cases/clearview-fr.toml",
            "--as-of",
            as_of,
            "--assume-compliance",
            "2022-11-01",
        ])
    };
    let before = args("2023-01-01");
    assert!(!before.contains("dropped"), "{before}");
    assert!(before.contains(
        "  Liquidations decided after the as-of date, not counted: 2022-12-19 until 2023-02-09 (not counted) (decided 2023-04-13).\n"
    ));
    let after = args("2023-04-13");
    assert!(
        after.contains("SAN-2023-005 (decided 2023-04-13) dropped: its window 2022-12-19 until 2023-02-09 (not counted) lies wholly on or after the assumed compliance day 2022-11-01, so it counts 0.00 instead of 5,200,000.00"),
        "{after}"
    );
}
