//! The JSON schema (`docs/penalty-report.schema.json`) documents the fields that only the
//! fixtures produce: a ceiling, a next forfeiture, deadline changes, measured adjustments,
//! liquidations reduced or annulled on appeal, a grid gap, a what-if cut and a selection.
//! The shipped library alone is checked in `tests/report_formats.rs`; here every report of
//! the fixtures under `tests/data/life/`, `tests/data/liquidations/` and `tests/data/grid/`,
//! at the day its figures are asserted, validates too.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .current_dir(root())
        .env("PENALTY_TODAY", "2026-11-22")
        .env_remove("PENALTY_AS_OF")
        .env_remove("COLUMNS")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn errors(doc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/penalty-report.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_fixture_report_validates_against_the_schema() {
    let runs: [&[&str]; 14] = [
        &[
            "compute",
            "tests/data/life/ceiling.toml",
            "--as-of",
            "2024-03-01",
        ],
        &[
            "compute",
            "tests/data/life/semester-started.toml",
            "--as-of",
            "2021-03-01",
        ],
        &[
            "compute",
            "tests/data/life/complied-next-day.toml",
            "--as-of",
            "2023-01-20",
        ],
        &[
            "compute",
            "tests/data/life/deadline-extended.toml",
            "--as-of",
            "2019-12-01",
        ],
        &[
            "compute",
            "tests/data/life/deadline-extended-late.toml",
            "--as-of",
            "2019-11-19",
        ],
        &[
            "compute",
            "tests/data/life/yearly-adjustment.toml",
            "--as-of",
            "2004-12-31",
        ],
        &["compute", "tests/data/life/daily-adjustment.toml"],
        &[
            "compute",
            "tests/data/life/complied-before-decision.toml",
            "--as-of",
            "2023-06-30",
        ],
        &[
            "compute",
            "tests/data/liquidations/reduced-on-appeal.toml",
            "--as-of",
            "2022-06-30",
        ],
        &[
            "compute",
            "tests/data/liquidations/annulled.toml",
            "--as-of",
            "2022-06-30",
        ],
        &["compute", "tests/data/grid/semester-one-day-short.toml"],
        &[
            "compute",
            "cases/clearview-fr.toml",
            "--assume-compliance",
            "2023-01-01",
        ],
        &[
            "compute",
            "cases/",
            "--case",
            "clearview-*",
            "--as-of",
            "2027-01-31",
        ],
        &[
            "compute",
            "cases/clearview-nl.toml",
            "--as-of",
            "2019-01-01",
        ],
    ];
    for args in runs {
        let doc = json(args);
        assert_eq!(doc["schema"], 2, "{args:?}");
        let errors = errors(&doc);
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
}

#[test]
fn the_fixture_only_fields_are_there_to_be_checked() {
    // The ceiling order: 10 days x 2,000,000 = 20,000,000 at most, fixed at 15,000,000.
    let doc = json(&[
        "compute",
        "tests/data/life/ceiling.toml",
        "--as-of",
        "2024-03-01",
    ]);
    let liquidation = &doc["cases"][0]["orders"][0]["liquidations"][0];
    assert_eq!(liquidation["ceiling"], "20000000.00");
    assert_eq!(liquidation["reduction"], "0.00");
    // The semester order: its next forfeiture, 10,000,000 on 2021-07-11.
    let doc = json(&[
        "compute",
        "tests/data/life/semester-started.toml",
        "--as-of",
        "2021-03-01",
    ]);
    assert_eq!(
        doc["total"]["next_forfeiture"],
        serde_json::json!({"date": "2021-07-11", "amount": "10000000.00"})
    );
    // The selection is named in the report.
    let doc = json(&[
        "compute",
        "cases/",
        "--case",
        "clearview-*",
        "--as-of",
        "2027-01-31",
    ]);
    assert!(!doc["filters"].as_array().unwrap().is_empty(), "{doc}");
    // A validator that accepts anything would pass the test above: this one refuses a
    // ceiling written as a number.
    let mut bad = json(&[
        "compute",
        "tests/data/life/ceiling.toml",
        "--as-of",
        "2024-03-01",
    ]);
    bad["cases"][0]["orders"][0]["liquidations"][0]["ceiling"] = serde_json::json!(20000000);
    assert!(!errors(&bad).is_empty());
}
