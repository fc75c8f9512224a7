//! `--company`, `--jurisdiction` and `--case`: the cases a report covers, chosen before any
//! total and before `--fail-above`, and named in every format.

use assert_cmd::Command;
use serde_json::Value;

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PENALTY_TODAY", "2026-11-22")
        .env_remove("PENALTY_AS_OF")
        .env_remove("COLUMNS");
    cmd
}

fn run(args: &[&str], code: i32) -> (String, String) {
    let out = penalty()
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

// Clearview AI Inc. as of 2026-11-22: 243,058,287.36 (tests/report_formats.rs), of which the
// French order accrues 100,000 a day. 2026-11-22 to 2027-01-31 is 70 days: 243,058,287.36 +
// 7,000,000 = 250,058,287.36, above 250,000,000; a day earlier, 249,958,287.36, is not.
const GATE: [&str; 6] = [
    "compute",
    "cases/",
    "--company",
    "Clearview AI Inc.",
    "--fail-above",
    "250000000",
];

#[test]
fn a_company_gate_trips_on_that_company_only() {
    let (out, err) = run(&[&GATE[..], &["--as-of", "2027-01-31"]].concat(), 1);
    assert!(
        err.contains("threshold crossed: total exposure of the cases selected (company \"Clearview AI Inc.\") 250,058,287.36 EUR is above --fail-above 250,000,000.00 EUR\n"),
        "{err}"
    );
    assert!(
        out.contains("\nSelected: company \"Clearview AI Inc.\"\n"),
        "{out}"
    );
    assert!(!out.contains("Uber"), "{out}");
    assert!(!out.contains("uber-nl"), "{out}");
    let (_, err) = run(&[&GATE[..], &["--as-of", "2027-01-30"]].concat(), 0);
    assert!(!err.contains("threshold crossed"), "{err}");
}

#[test]
fn with_by_the_group_that_crossed_is_named() {
    // Uber alone is 300,600,000 but is not selected: only Clearview's jurisdictions count.
    let (_, err) = run(
        &[
            "compute",
            "cases/",
            "--as-of",
            "2026-11-22",
            "--company",
            "clearview ai inc.",
            "--by",
            "jurisdiction",
            "--fail-above",
            "100000000",
        ],
        1,
    );
    let crossed: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("threshold crossed"))
        .collect();
    assert_eq!(
        crossed,
        [
            "threshold crossed: exposure of jurisdiction \"FR\" 163,500,000.00 EUR is above --fail-above 100,000,000.00 EUR"
        ]
    );
}

#[test]
fn case_globs_and_jurisdictions_combine() {
    // clearview-* and NL: clearview-nl only, 30,500,000.
    let (out, _) = run(
        &[
            "compute",
            "cases/",
            "--as-of",
            "2026-11-22",
            "--case",
            "clearview-*",
            "--jurisdiction",
            "nl",
            "--format",
            "csv",
        ],
        0,
    );
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].ends_with(",fx_date,projection,overrides,filters"));
    assert!(rows[1].starts_with("2026-11-22,EUR,clearview-nl,Clearview AI Inc.,NL,30500000.00,"));
    // The selection is named in a fixed order, whatever the order given; CSV doubles quotes.
    assert!(
        rows[1].ends_with(",as-of,false,,\"jurisdiction \"\"nl\"\"; case \"\"clearview-*\"\"\""),
        "{}",
        rows[1]
    );
}

#[test]
fn repeated_values_of_one_option_add_up() {
    // clearview-fr 163,500,000 + uber-nl 300,600,000 = 464,100,000.
    let (out, _) = run(
        &[
            "compute",
            "cases/",
            "--as-of",
            "2026-11-22",
            "--case",
            "clearview-fr",
            "--case",
            "uber-*",
            "--format",
            "json",
        ],
        0,
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["total"]["exposure"], "464100000.00");
    assert_eq!(
        doc["filters"],
        serde_json::json!(["case \"clearview-fr\"", "case \"uber-*\""])
    );
    let ids: Vec<&str> = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["clearview-fr", "uber-nl"]);
}

#[test]
fn a_value_that_matches_nothing_is_an_error() {
    let (_, err) = run(&["compute", "cases/", "--company", "Clearview AI"], 2);
    assert_eq!(
        err,
        "error: --company \"Clearview AI\" matches no case; the companies are \"Clearview AI Inc.\", \"French State\", \"Hungary\", \"Italian Republic\", \"Polismyndigheten\", \"Republic of Poland\", \"Uber Technologies Inc.\"\n"
    );
    let (_, err) = run(
        &[
            "compute",
            "cases/",
            "--company",
            "Uber Technologies Inc.",
            "--jurisdiction",
            "FR",
        ],
        2,
    );
    assert_eq!(
        err,
        "error: no case matches company \"Uber Technologies Inc.\" and jurisdiction \"FR\"\n"
    );
}

#[test]
fn markdown_names_the_selection() {
    let (out, _) = run(
        &[
            "compute",
            "cases/",
            "--as-of",
            "2026-11-22",
            "--jurisdiction",
            "SE",
            "--format",
            "markdown",
        ],
        0,
    );
    assert!(out.contains("\nSelected: jurisdiction \"SE\"\n"), "{out}");
    assert!(out.contains("| polismyndigheten-se | SE |"), "{out}");
    assert!(!out.contains("clearview"), "{out}");
}
