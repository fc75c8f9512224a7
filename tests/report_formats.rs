//! `penalty compute` in each output format: one snapshot per format of the shipped cases as
//! of 2026-11-22, the JSON parsed back and checked against its schema and its own sums,
//! `--by`, `-o`, and byte-identical output whatever the order of the arguments or files.

use assert_cmd::Command;
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::Path;
use std::str::FromStr;

const AS_OF: &str = "2026-11-22";

/// `penalty` run from the crate root, with the as-of date fixed so nothing depends on today.
fn penalty() -> Command {
    let mut cmd = assert_cmd::cargo_bin_cmd!("penalty");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PENALTY_AS_OF", AS_OF);
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = penalty().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

fn compute(format: &str) -> String {
    stdout_of(&["compute", "cases/", "--as-of", AS_OF, "--format", format])
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("{v} is not a string"))).unwrap()
}

// The figures to check by hand, as of 2026-11-22 in EUR:
// - clearview-fr: fine 20,000,000 + liquidated 5,200,000 (52 days x 100,000) + accruing
//   138,300,000 (1,383 days x 100,000, from 9 Feb 2023 through 22 Nov 2026) = 163,500,000.00;
// - clearview-uk: GBP 7,552,800 contested / 0.8338 (ECB, 30 Oct 2026) = 9,058,287.36;
// - polismyndigheten-se: SEK 2,500,000 / 10.978 = 227,728.18;
// - Clearview AI Inc.: 163,500,000 + 20,000,000 (GR) + 20,000,000 (IT) + 30,500,000 (NL)
//   + 9,058,287.36 (GB) = 243,058,287.36;
// - the whole library: 543,886,015.54 for the data-protection cases + 1,718,000,000.00 for the
//   CJEU penalties (Hungary 200,000,000 lump sum + 893 days x 1,000,000; Poland 68,500,000
//   for Turów + 556,500,000 for the Disciplinary Chamber) + the French State 40,000,000 (air quality)
//   + the Italian Republic 421,800,000 (landfills: 40,000,000 lump sum + 16,000,000 for the
//   fifth semester + at most 4 x 39,800,000 + 7 x 16,000,000 + 11 x 8,600,000 accruing)
//   = 2,723,686,015.54.

#[test]
fn table_snapshot() {
    let out = compute("table");
    assert!(out.contains("163,500,000.00"));
    assert!(out.contains("9,058,287.36"));
    assert!(out.contains("243,058,287.36"));
    insta::assert_snapshot!("compute_table", out);
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!("compute_json", compute("json"));
}

#[test]
fn csv_snapshot() {
    let out = compute("csv");
    assert!(out.contains(
        "2026-11-22,EUR,clearview-fr,Clearview AI Inc.,FR,20000000.00,0.00,20000000.00,5200000.00,0.00,5200000.00,138300000.00,143500000.00,163500000.00,"
    ));
    insta::assert_snapshot!("compute_csv", out);
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("compute_markdown", compute("markdown"));
}

#[test]
fn csv_by_company_and_jurisdiction_have_fixed_columns() {
    let figures = "fines_enforceable,fines_contested,fines,liquidated_enforceable,liquidated_contested,liquidated,accruing,penalties,exposure,owed,paid,outstanding,payable,suspended,interest,time_barred,total_due,run_rate,at_risk,next_forfeiture_date,next_forfeiture,fx_date,projection,overrides,filters";
    let company = stdout_of(&["compute", "--format", "csv", "--by", "company"]);
    let lines: Vec<&str> = company.lines().collect();
    assert_eq!(lines[0], format!("as_of,currency,company,cases,{figures}"));
    assert!(
        lines[1].starts_with(
            "2026-11-22,EUR,Clearview AI Inc.,5,90500000.00,9058287.36,99558287.36,5200000.00,0.00,5200000.00,138300000.00,143500000.00,243058287.36,"
        ),
        "{}",
        lines[1]
    );
    assert_eq!(lines.len(), 8, "a header and seven companies, no total row");

    let jurisdiction = stdout_of(&["compute", "--format", "csv", "--by", "jurisdiction"]);
    let lines: Vec<&str> = jurisdiction.lines().collect();
    assert_eq!(
        lines[0],
        format!("as_of,currency,jurisdiction,cases,{figures}")
    );
    // NL: Clearview's EUR 30.5M and Uber's 600,000 + 10M + 290M, of which 600,000 paid.
    assert!(
        lines.iter().any(|l| l.starts_with(
            "2026-11-22,EUR,NL,2,31100000.00,300000000.00,331100000.00,0.00,0.00,0.00,0.00,0.00,331100000.00,331100000.00,600000.00,330500000.00,"
        )),
        "{jurisdiction}"
    );
}

#[test]
fn table_and_markdown_by_one_grouping_show_only_it_with_a_total() {
    let table = stdout_of(&["compute", "--by", "company"]);
    assert!(table.contains("Company"));
    assert!(!table.contains("Jurisdiction"));
    assert!(!table.contains("clearview-fr"));
    let markdown = stdout_of(&["compute", "--format", "markdown", "--by", "case"]);
    assert!(markdown.contains("## Cases"));
    assert!(!markdown.contains("## Companies"));
    assert!(
        markdown.contains("| **Total** |  | **331,100,000.00** |"),
        "{markdown}"
    );
}

#[test]
fn json_validates_against_the_shipped_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("docs/penalty-report.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    // As of today's figures, at two earlier dates (before the liquidation; while the UK fine
    // was annulled), and converted at decision dates into GBP.
    for args in [
        vec!["compute", "--format", "json"],
        vec!["compute", "--format", "json", "--as-of", "2023-02-08"],
        vec!["compute", "--format", "json", "--as-of", "2024-01-01"],
        vec![
            "compute",
            "--format",
            "json",
            "--currency",
            "GBP",
            "--fx-date",
            "decided",
        ],
    ] {
        let doc: Value = serde_json::from_str(&stdout_of(&args)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
}

#[test]
fn json_totals_are_the_sums_of_their_parts() {
    let doc: Value = serde_json::from_str(&compute("json")).unwrap();
    assert_eq!(doc["schema"], 2);
    assert_eq!(doc["as_of"], AS_OF);
    assert_eq!(doc["currency"], "EUR");
    let exposure = |v: &Value| dec(&v["figures"]["exposure"]);
    let cases = doc["cases"].as_array().unwrap();
    let by_id = |id: &str| cases.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(exposure(by_id("clearview-fr")), Decimal::from(163_500_000));
    assert_eq!(
        exposure(by_id("clearview-uk")),
        Decimal::from_str("9058287.36").unwrap()
    );
    assert_eq!(
        by_id("clearview-uk")["own_figures"]["exposure"],
        "7552800.00"
    );
    assert_eq!(
        exposure(by_id("polismyndigheten-se")),
        Decimal::from_str("227728.18").unwrap()
    );
    let fr_order = &by_id("clearview-fr")["orders"][0];
    assert_eq!(fr_order["liquidated_days"], 52);
    assert_eq!(fr_order["accruing_days"], 1383);

    let total = dec(&doc["total"]["exposure"]);
    assert_eq!(total, Decimal::from_str("2723686015.54").unwrap());
    for c in cases {
        let f = &c["figures"];
        assert_eq!(
            dec(&f["exposure"]),
            dec(&f["fines"]) + dec(&f["penalties"]),
            "{}",
            c["id"]
        );
        assert_eq!(
            dec(&f["fines"]),
            dec(&f["fines_enforceable"]) + dec(&f["fines_contested"])
        );
        assert_eq!(
            dec(&f["liquidated"]),
            dec(&f["liquidated_enforceable"]) + dec(&f["liquidated_contested"])
        );
        assert_eq!(
            dec(&f["penalties"]),
            dec(&f["liquidated"]) + dec(&f["accruing"])
        );
        assert_eq!(dec(&f["outstanding"]), dec(&f["owed"]) - dec(&f["paid"]));
    }
    let case_sum: Decimal = cases.iter().map(exposure).sum();
    assert_eq!(case_sum, total);
    for key in ["companies", "jurisdictions"] {
        let groups = doc[key].as_array().unwrap();
        let sum: Decimal = groups.iter().map(exposure).sum();
        assert_eq!(sum, total, "{key} sum to the total");
        for g in groups {
            let members: Decimal = g["cases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| exposure(by_id(id.as_str().unwrap())))
                .sum();
            assert_eq!(members, exposure(g), "{key} {g}");
        }
    }
    let clearview = doc["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["company"] == "Clearview AI Inc.")
        .unwrap();
    assert_eq!(
        exposure(clearview),
        Decimal::from_str("243058287.36").unwrap()
    );
}

#[test]
fn reversed_arguments_give_byte_identical_output() {
    let files = [
        "cases/uber-nl.toml",
        "cases/clearview-uk.toml",
        "cases/clearview-fr.toml",
        "cases/polismyndigheten-se.toml",
    ];
    for format in ["table", "json", "csv", "markdown"] {
        let mut forward = vec!["compute", "--format", format];
        forward.extend(files);
        let mut reversed = vec!["compute", "--format", format];
        reversed.extend(files.iter().rev());
        assert_eq!(stdout_of(&forward), stdout_of(&reversed), "{format}");
    }
}

#[test]
fn the_order_files_are_written_on_disk_does_not_matter() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    // The case files' paths under cases/, subdirectories included.
    fn toml_files(root: &Path, dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                toml_files(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut names = Vec::new();
    toml_files(&root, &root, &mut names);
    names.sort();
    let outputs: Vec<String> = [false, true]
        .into_iter()
        .map(|reverse| {
            let dir = tempfile::tempdir().unwrap();
            let mut order = names.clone();
            if reverse {
                order.reverse();
            }
            for n in &order {
                let to = dir.path().join(n);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(root.join(n), to).unwrap();
            }
            let out = penalty()
                .args(["compute", "--format", "json"])
                .arg(dir.path())
                .assert()
                .success()
                .get_output()
                .stdout
                .clone();
            String::from_utf8(out).unwrap()
        })
        .collect();
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], compute("json"));
}

#[test]
fn output_file_holds_exactly_what_stdout_would() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.csv");
    penalty()
        .args(["compute", "cases/", "--format", "csv", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), compute("csv"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn output_over_an_input_file_is_refused_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("fr.toml");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/clearview-fr.toml"),
    )
    .unwrap();
    std::fs::write(&case, &original).unwrap();
    let other_spelling = dir.path().join(".").join("fr.toml");
    penalty()
        .args(["compute", "--format", "json"])
        .arg(dir.path())
        .arg("-o")
        .arg(&other_spelling)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "error: refusing to write the report over an input file",
        ));
    assert_eq!(std::fs::read_to_string(&case).unwrap(), original);
}

#[test]
fn an_unwritable_output_is_an_error_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    penalty()
        .args(["compute", "cases/", "-o"])
        .arg(dir.path().join("no-such-dir").join("report.json"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "error: cannot write the report to",
        ));
}
