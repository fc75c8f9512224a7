//! Every date penalty reads, computes or prints stays within 1900 to 9999: a key whose
//! computed dates would leave that range is refused (`tests/data/bad/deadline-9999-12-31.toml`
//! and its neighbours), and what is accepted prints only four-digit years.

use assert_cmd::Command;

const HEADER: &str =
    "[case]\nid = \"late\"\ncompany = \"Example SA\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n";

/// Runs `penalty ARGS... FILE --as-of 9999-12-31` on `case` written to a temporary file.
fn run(args: &[&str], case: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("late.toml");
    std::fs::write(&path, format!("{HEADER}{case}")).unwrap();
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .env_remove("PENALTY_AS_OF")
        .args(args)
        .arg(&path)
        .args(["--as-of", "9999-12-31"])
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

const SEMESTER: &str = "\n[[order]]\nid = \"stop\"\nstarts = 9999-12-15\nrate = \"1000\"\nper = \"semester\"\n\n[[order.liquidation]]\ndecided = 9999-12-31\nfrom = 9999-12-15\nthrough = 9999-12-30\n";

#[test]
fn a_semester_started_late_in_9999_is_explained_without_a_five_digit_year() {
    let out = run(&["explain"], SEMESTER);
    assert!(!out.contains("10000"), "{out}");
    // The semester starting 9999-12-15 is forfeited whole on its first day: 1 x 1,000.00.
    assert!(
        out.contains(
            "9999-12-15 through the end of the semester: 1 semester x 1,000.00 = 1,000.00"
        ),
        "{out}"
    );
}

#[test]
fn json_and_schedule_print_only_four_digit_years() {
    for args in [
        &["compute", "--format", "json"][..],
        &["schedule", "--format", "json"],
        &["schedule"],
    ] {
        let out = run(args, SEMESTER);
        assert!(!out.contains("10000"), "{args:?}: {out}");
    }
    let json = run(&["compute", "--format", "json"], SEMESTER);
    // The window 9999-12-15 through 9999-12-30 ends, as "until", on the last date there is.
    assert!(json.contains(r#""until": "9999-12-31""#), "{json}");
}
