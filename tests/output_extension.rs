//! `-o FILE` picks the report's format from the file's extension: `.csv`, `.json`, `.md`;
//! a `--format` that contradicts it, or an extension another command writes, exits 2 and
//! writes nothing.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const AS_OF: &str = "2026-11-22";

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PENALTY_TODAY", AS_OF)
        .env_remove("PENALTY_AS_OF")
        .env_remove("COLUMNS");
    cmd
}

/// Runs `compute cases/` with `extra`, writing to `name` in a fresh directory; returns the
/// file's content.
fn written(name: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    penalty()
        .args(["compute", "cases/", "--as-of", AS_OF, "-o"])
        .arg(&path)
        .args(extra)
        .assert()
        .code(0);
    std::fs::read_to_string(&path).unwrap()
}

#[test]
fn csv_extension_writes_csv() {
    let csv = written("r.csv", &[]);
    assert!(csv.starts_with("as_of,currency,case,company,jurisdiction,fines_enforceable,"));
    // clearview-fr: 20,000,000 fine + 5,200,000 liquidated (enforceable, none contested) +
    // 138,300,000 accruing.
    assert!(csv.contains(
        "\n2026-11-22,EUR,clearview-fr,Clearview AI Inc.,FR,20000000.00,0.00,20000000.00,5200000.00,0.00,5200000.00,138300000.00,143500000.00,163500000.00,"
    ));
}

#[test]
fn json_extension_writes_json_that_validates_against_the_schema() {
    let doc: Value = serde_json::from_str(&written("r.json", &[])).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("docs/penalty-report.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The whole library as of 2026-11-22 (tests/report_formats.rs adds it up).
    assert_eq!(doc["total"]["exposure"], "2723686015.54");
}

#[test]
fn md_extension_writes_markdown_and_an_unknown_one_the_table() {
    let md = written("r.md", &[]);
    assert!(
        md.contains("\n## Cases\n\n| Case | Jurisdiction | Enforceable |"),
        "{md}"
    );
    let txt = written("r.txt", &[]);
    let header = txt
        .lines()
        .find(|l| l.starts_with("Case "))
        .unwrap_or_default();
    let words: Vec<&str> = header.split_whitespace().take(3).collect();
    assert_eq!(words, ["Case", "Jurisdiction", "Enforceable"], "{txt}");
    assert!(!txt.contains("| Case |"), "{txt}");
    // An agreeing --format is fine; --format decides for an extension that names none.
    assert_eq!(
        written("r.csv", &["--format", "csv"]),
        written("r.csv", &[])
    );
    let json = written("report", &["--format", "json"]);
    assert!(json.starts_with("{\n"), "{json}");
}

#[test]
fn a_format_contradicting_the_extension_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.csv");
    let out = penalty()
        .args([
            "compute", "cases/", "--as-of", AS_OF, "--format", "json", "-o",
        ])
        .arg(&path)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: --format json contradicts -o {}, whose extension asks for csv; drop --format or change the extension\n",
            path.display()
        )
    );
    assert!(!path.exists());
}

#[test]
fn a_chart_extension_points_to_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.svg");
    let out = penalty()
        .args(["compute", "cases/", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.ends_with(
            "x.svg: compute does not write .svg files; use penalty chart PATH... -o CHART.svg, or penalty schedule FILE -o CHART.svg\n"
        ),
        "{err}"
    );
}

#[test]
fn explain_writes_its_sentences_to_a_text_file_and_refuses_a_data_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("why.md");
    let args = [
        "explain",
        "cases/clearview-fr.toml",
        "--as-of",
        "2023-04-13",
    ];
    let stdout = penalty()
        .args(args)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    penalty()
        .args(args)
        .arg("-o")
        .arg(&path)
        .assert()
        .code(0)
        .stdout("");
    // The file holds what stdout would: 52 days x 100,000 = 5,200,000 among the sentences.
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written.as_bytes(), &stdout[..]);
    assert!(written.contains("5,200,000.00"), "{written}");
    let csv = dir.path().join("why.csv");
    let out = penalty()
        .args(args)
        .arg("-o")
        .arg(&csv)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.ends_with("why.csv: explain writes sentences, not .csv; write it to a .txt or .md file, or use compute -o for figures as data\n"),
        "{err}"
    );
    assert!(!csv.exists());
}

#[test]
fn schedule_refuses_a_format_contradicting_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.svg");
    let out = penalty()
        .args([
            "schedule",
            "cases/clearview-fr.toml",
            "--as-of",
            AS_OF,
            "--format",
            "csv",
            "-o",
        ])
        .arg(&path)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: --format csv contradicts -o {}, whose extension asks for svg; drop --format or change the extension\n",
            path.display()
        )
    );
    assert!(!path.exists());
    // An agreeing --format, or one for an extension that names none, writes.
    for (name, format, starts) in [
        ("x.csv", "csv", "case,order,kind"),
        ("x.txt", "csv", "case,"),
    ] {
        let path = dir.path().join(name);
        penalty()
            .args(["schedule", "cases/clearview-fr.toml", "--as-of", AS_OF])
            .args(["--format", format, "-o"])
            .arg(&path)
            .assert()
            .code(0);
        assert!(std::fs::read_to_string(&path).unwrap().starts_with(starts));
    }
}
