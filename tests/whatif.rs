//! `--assume-compliance` and `--as-of` what-if runs of `penalty compute`: the figures, the
//! projection mark, the named overrides, and the files left untouched.

use assert_cmd::Command;
use predicates::prelude::*;

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22");
    cmd
}

fn stdout(args: &[&str]) -> String {
    let out = penalty().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

/// The figure cells of the line that starts with `key`.
fn cells<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    let line = text
        .lines()
        .find(|l| l.starts_with(key))
        .unwrap_or_else(|| panic!("no line for {key} in:\n{text}"));
    line.split_whitespace().collect()
}

#[test]
fn assumed_compliance_on_1_march_2023_leaves_20_days_accruing() {
    let out = stdout(&[
        "compute",
        "cases/clearview-fr.toml",
        "--as-of",
        "2026-11-22",
        "--assume-compliance",
        "2023-03-01",
    ]);
    // Case, Jurisdiction, Enforceable, Contested, Liq. enforceable, Liq. contested, Accruing,
    // Paid, Outstanding, Exposure, Run rate/day, At risk.
    let c = cells(&out, "clearview-fr");
    // 52 days x 100,000 liquidated; 20 days (2023-02-09 through 2023-02-28) x 100,000 accruing.
    assert_eq!(c[4], "5,200,000.00");
    assert_eq!(c[6], "2,000,000.00");
    // Fine 20,000,000 + 5,200,000 + 2,000,000.
    assert_eq!(c[9], "27,200,000.00");
    // Complied: no run rate.
    assert_eq!(c[10], "0.00");
    assert!(out.contains(
        "What-if: --assume-compliance 2023-03-01: clearview-fr/stop-processing treated as complied on 2023-03-01"
    ));
    assert!(!out.contains("PROJECTION"));
}

#[test]
fn a_named_order_takes_the_override() {
    let out = stdout(&[
        "compute",
        "cases/clearview-fr.toml",
        "--as-of",
        "2026-11-22",
        "--assume-compliance",
        "stop-processing=2023-03-01",
    ]);
    assert_eq!(cells(&out, "clearview-fr")[6], "2,000,000.00");
    assert!(out.contains("What-if: --assume-compliance stop-processing=2023-03-01:"));
}

#[test]
fn as_of_end_of_2027_projects_1787_days_accruing() {
    let out = stdout(&[
        "compute",
        "cases/clearview-fr.toml",
        "--as-of",
        "2027-12-31",
    ]);
    // 2023-02-09 through 2027-12-31 is 1,787 days x 100,000.
    assert_eq!(cells(&out, "clearview-fr")[6], "178,700,000.00");
    assert!(
        out.starts_with(
            "Figures as of 2027-12-31, in EUR (PROJECTION: the as-of date is in the future)"
        ),
        "{out}"
    );
}

#[test]
fn an_as_of_date_in_the_past_is_not_a_projection() {
    let out = stdout(&[
        "compute",
        "cases/clearview-fr.toml",
        "--as-of",
        "2023-04-13",
    ]);
    let c = cells(&out, "clearview-fr");
    assert_eq!((c[4], c[6]), ("5,200,000.00", "6,400,000.00"));
    assert!(!out.contains("PROJECTION"));
    assert!(!out.contains("What-if"));
}

#[test]
fn an_override_naming_no_order_is_an_error() {
    penalty()
        .args([
            "compute",
            "cases/clearview-fr.toml",
            "--as-of",
            "2026-11-22",
            "--assume-compliance",
            "stop-procesing=2023-03-01",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: --assume-compliance stop-procesing=2023-03-01: no order \"stop-procesing\" in the cases loaded; did you mean \"clearview-fr/stop-processing\"?\n",
        );
}

#[test]
fn a_malformed_override_is_a_usage_error() {
    penalty()
        .args([
            "compute",
            "cases/clearview-fr.toml",
            "--assume-compliance",
            "1 March 2023",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected DATE, ORDER=DATE or CASE/ORDER=DATE",
        ));
}

#[test]
fn fx_date_decided_is_stated() {
    let out = stdout(&[
        "compute",
        "cases/clearview-uk.toml",
        "--as-of",
        "2026-11-22",
        "--fx-date",
        "decided",
    ]);
    assert!(out.contains("Converted at the rate of the day each amount arose (--fx-date decided)"));
}

#[test]
fn overrides_never_change_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clearview-fr.toml");
    let text = std::fs::read("cases/clearview-fr.toml").unwrap();
    std::fs::write(&file, &text).unwrap();
    for cmd in ["compute", "explain", "schedule"] {
        penalty()
            .args([cmd, file.to_str().unwrap(), "--as-of", "2026-11-22"])
            .args(["--assume-compliance", "2023-03-01"])
            .assert()
            .success();
    }
    assert_eq!(std::fs::read(&file).unwrap(), text);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["clearview-fr.toml"]);
}

#[test]
fn overrides_read_the_same_whatever_their_order() {
    let run = |first: &str, second: &str| {
        let out = penalty()
            .args([
                "compute",
                "cases/",
                "--as-of",
                "2026-11-22",
                "--format",
                "json",
            ])
            .args(["--assume-compliance", first, "--assume-compliance", second])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let a = run("stop-processing=2023-03-01", "2024-01-01");
    let b = run("2024-01-01", "stop-processing=2023-03-01");
    assert_eq!(a, b);
}

#[test]
fn compliance_before_the_liquidated_window_drops_the_liquidation() {
    let args = |format: &'static str| {
        [
            "compute",
            "cases/clearview-fr.toml",
            "--as-of",
            "2026-11-22",
            "--assume-compliance",
            "2022-11-01",
            "--format",
            format,
        ]
    };
    let out = stdout(&args("table"));
    let c = cells(&out, "clearview-fr");
    // Nothing liquidated or accruing: the fine's 20,000,000 is the whole exposure.
    assert_eq!((c[4], c[5], c[6]), ("0.00", "0.00", "0.00"));
    assert_eq!(c[9], "20,000,000.00");
    let dropped = "clearview-fr/stop-processing liquidation SAN-2023-005 (decided 2023-04-13) dropped: its window 2022-12-19 until 2023-02-09 (not counted) lies wholly on or after the assumed compliance day 2022-11-01, so it counts 0.00 instead of 5,200,000.00";
    assert!(out.contains(dropped), "{out}");
    for format in ["csv", "json", "markdown"] {
        assert!(stdout(&args(format)).contains(dropped), "{format}");
    }
    let explain = stdout(&[
        "explain",
        "cases/clearview-fr.toml",
        "--as-of",
        "2026-11-22",
        "--assume-compliance",
        "2022-11-01",
    ]);
    assert!(explain.contains(&format!(
        "    What-if (--assume-compliance 2022-11-01): {}",
        &dropped[dropped.find("dropped").unwrap()..]
    )));
    assert!(!explain.contains("increased by"), "{explain}");
}

#[test]
fn compliance_inside_the_liquidated_window_cuts_it_and_scales_its_amount() {
    let out = stdout(&[
        "compute",
        "cases/clearview-fr.toml",
        "--as-of",
        "2026-11-22",
        "--assume-compliance",
        "2023-01-01",
    ]);
    let c = cells(&out, "clearview-fr");
    // 2022-12-19 through 2022-12-31 is 13 days: 5,200,000 x 13/52 = 1,300,000, and nothing
    // accrues after the assumed compliance.
    assert_eq!((c[4], c[6]), ("1,300,000.00", "0.00"));
    assert_eq!(c[9], "21,300,000.00");
    assert!(
        out.contains(
            "liquidation SAN-2023-005 (decided 2023-04-13) cut: its window 2022-12-19 until 2023-02-09 (not counted) becomes 2022-12-19 through 2022-12-31, 13 of its 52 days (the others are on or after the assumed compliance day 2023-01-01): 5,200,000.00 x 13/52 = 1,300,000.00 (rounded to 2 decimals, half away from zero)"
        ),
        "{out}"
    );
}

#[test]
fn a_dropped_liquidation_of_zero_names_no_amount_it_replaces() {
    // The Conseil d'État's decision of 25 April 2025 liquidated nothing: dropped by a
    // compliance assumed on 2021-01-01, it counts 0.00, and there is no "instead of 0.00".
    let text = stdout(&[
        "compute",
        "cases/fr-ce-air-quality.toml",
        "--as-of",
        "2026-11-22",
        "--assume-compliance",
        "2021-01-01",
    ]);
    assert!(
        text.contains("so it counts 0.00 instead of 20,000,000.00\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "(decided 2025-04-25) dropped: its window 2023-07-11 until 2025-01-11 (not counted) lies wholly on or after the assumed compliance day 2021-01-01, so it counts 0.00\n"
        ),
        "{text}"
    );
    assert!(!text.contains("instead of 0.00"), "{text}");
}
