//! `penalty check` and liquidation windows: a window that cuts a unit of a week, month,
//! quarter, semester or year order is a warning naming what it leaves out; it fails the check
//! only with `--deny-warnings`.

use assert_cmd::Command;

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22")
        .env("NO_COLOR", "1");
    cmd
}

const SHORT: &str = "tests/data/grid/semester-one-day-short.toml";

const SHORT_WARNING: &str = "\
warning: tests/data/grid/semester-one-day-short.toml:20:11: liquidation window 2021-01-11 through 2021-07-09 of order \"astreinte\" cuts semester 1 (2021-01-11 through 2021-07-10): no liquidation covers 2021-07-10 (1 day of delay), which forfeits 10,000,000.00 as accruing; end the window on the unit's last day (through = 2021-07-10), or liquidate those days
   |
20 | through = 2021-07-09
   |           ^^^^^^^^^^
";

#[test]
fn a_semester_window_one_day_short_warns_naming_the_day_and_the_semester_it_forfeits() {
    penalty()
        .args(["check", SHORT])
        .assert()
        .code(0)
        .stdout("")
        .stderr(SHORT_WARNING);
}

#[test]
fn deny_warnings_turns_a_window_warning_into_exit_status_1() {
    penalty()
        .args(["check", SHORT, "--deny-warnings"])
        .assert()
        .code(1)
        .stderr(format!(
            "{SHORT_WARNING}check failed: 1 warning (--deny-warnings)\n"
        ));
}

#[test]
fn the_uncovered_day_is_what_compute_shows_accruing() {
    // As of the liquidation, the one uncovered day forfeits the 10,000,000 semester:
    // liquidated 10,000,000, accruing 10,000,000.
    let out = penalty()
        .args(["compute", SHORT, "--as-of", "2021-08-04", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(",10000000.00,0.00,10000000.00,10000000.00,20000000.00,"),
        "{text}"
    );
}

#[test]
fn windows_on_the_grid_and_the_shipped_cases_give_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SHORT)
        .unwrap()
        .replace("through = 2021-07-09", "through = 2021-07-10");
    let path = dir.path().join("on-grid.toml");
    std::fs::write(&path, text).unwrap();
    penalty()
        .arg("check")
        .arg(&path)
        .arg("cases")
        .arg("--deny-warnings")
        .assert()
        .code(0)
        .stderr("");
}
