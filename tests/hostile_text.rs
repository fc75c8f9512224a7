//! Text from a case file that could drive a terminal (escape sequences, C1 controls,
//! bidirectional overrides) is never written raw: identifiers refuse it (`tests/data/bad/`),
//! and free text (notes, sources, authority, references) is shown escaped in every output.

use assert_cmd::Command;
use std::path::PathBuf;

/// A case whose free text holds an OSC title sequence, a C1 CSI and a right-to-left override.
const CASE: &str = r#"[case]
id = "hostile"
company = "Example SA"
jurisdiction = "FR"
authority = "CNIL\u009b2J"
currency = "EUR"
notes = """
The notification date is not public.\u001b]0;x\u0007
Second line."""
sources = ["press release \u202e"]

[[order]]
id = "stop"
decided = 2022-10-17
starts = 2022-12-19
rate = "100000"

[[order.liquidation]]
decided = 2023-04-13
from = 2022-12-19
until = 2023-02-09
reference = "SAN\u001b[31m"
"#;

fn write_case(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("hostile.toml");
    std::fs::write(&path, CASE).unwrap();
    path
}

fn run(args: &[&str], path: &PathBuf) -> String {
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .env_remove("PENALTY_AS_OF")
        .args(args)
        .arg(path)
        .args(["--as-of", "2023-04-13"])
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

/// The first character that is neither a line break nor safe on a terminal.
fn raw_control(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c != '\n' && penalty::text::is_unsafe(c))
}

#[test]
fn explain_shows_notes_sources_and_references_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_case(&dir);
    let out = run(&["explain"], &path);
    assert_eq!(raw_control(&out), None, "{out}");
    assert!(
        out.contains(
            "Notes:\n  The notification date is not public.\\u{1b}]0;x\\u{7}\n  Second line.\n"
        ),
        "{out}"
    );
    assert!(out.contains("Sources: press release \\u{202e}.\n"), "{out}");
    assert!(out.contains(", decided by CNIL\\u{9b}2J."), "{out}");
    assert!(
        out.contains("Liquidation SAN\\u{1b}[31m, decided 2023-04-13"),
        "{out}"
    );
}

#[test]
fn json_escapes_c1_controls_and_keeps_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_case(&dir);
    let out = run(&["compute", "--format", "json"], &path);
    assert_eq!(raw_control(&out), None, "{out}");
    assert!(out.contains(r#""authority": "CNIL\u009b2J""#), "{out}");
    // The escape is JSON's own: a reader gets the text as written in the case file.
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["cases"][0]["authority"], "CNIL\u{9b}2J");
}

#[test]
fn schedule_shows_a_liquidation_reference_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_case(&dir);
    let out = run(&["schedule"], &path);
    assert_eq!(raw_control(&out), None, "{out}");
    assert!(out.contains("liquidation SAN\\u{1b}[31m decided"), "{out}");
}

#[test]
fn the_svg_chart_shows_a_liquidation_reference_escaped_and_stays_xml() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_case(&dir);
    let out = run(&["schedule", "--format", "svg"], &path);
    assert_eq!(raw_control(&out), None);
    assert!(
        out.contains("liquidation (SAN\\u{1b}[31m), 2022-12-19 to 2023-02-08: EUR 5,200,000.00"),
        "{out}"
    );
    roxmltree::Document::parse(&out).unwrap();
}

#[test]
fn the_html_report_shows_authority_sources_and_chart_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_case(&dir);
    let out = run(&["compute", "--format", "html"], &path);
    assert_eq!(raw_control(&out), None, "{out}");
    assert!(
        out.contains("<dt>Authority</dt><dd>CNIL\\u{9b}2J</dd>"),
        "{out}"
    );
    assert!(out.contains("<li>press release \\u{202e}</li>"), "{out}");
    // The chart inside, drawn from the same case, escapes the liquidation's reference.
    assert!(
        out.contains("liquidation (SAN\\u{1b}[31m), 2022-12-19 to 2023-02-08: EUR 5,200,000.00"),
        "{out}"
    );
}

#[test]
fn schedule_json_escapes_c1_controls_and_keeps_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c1.toml");
    std::fs::write(&path, CASE.replace("SAN\\u001b[31m", "SAN\\u009b31m")).unwrap();
    let out = run(&["schedule", "--format", "json"], &path);
    assert_eq!(raw_control(&out), None, "{out}");
    assert!(out.contains(r#""reference": "SAN\u009b31m""#), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = v.to_string();
    assert!(text.contains("SAN\u{9b}31m"), "{text}");
}
