//! What is owed, end to end through the command line: the acceptance figures of late-payment
//! interest, suspended collection and limitation on the fixtures of `tests/data/owed/`, each
//! worked out by hand with the regime's day count (actual days x principal x rate / 36,500,
//! rounded to the cent).

use assert_cmd::Command;

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

/// The figures of what is owed for one case file as of a day, from the CSV report:
/// outstanding, payable, suspended, interest, time-barred and total due.
fn owed(file: &str, as_of: &str, extra: &[&str]) -> Vec<String> {
    let path = format!("tests/data/owed/{file}.toml");
    let mut args = vec![
        "compute",
        path.as_str(),
        "--as-of",
        as_of,
        "--format",
        "csv",
        "--columns",
        "outstanding,payable,suspended,interest,time_barred,total_due",
    ];
    args.extend_from_slice(extra);
    let out = stdout(&args);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("case,outstanding,payable,suspended,interest,time_barred,total_due")
    );
    let row = lines.next().unwrap();
    row.split(',').skip(1).map(str::to_string).collect()
}

#[test]
fn fr_legal_interest_on_100000_due_2023_01_31_is_2973_92() {
    // 150 days at 2.06 %: 100,000 x 150 x 2.06 / 36,500 = 846.58; 184 days at 4.22 %:
    // 100,000 x 184 x 4.22 / 36,500 = 2,127.34; 2,973.92 in all.
    assert_eq!(
        owed("fr-legal", "2023-12-31", &[]),
        [
            "100000.00",
            "102973.92",
            "0.00",
            "2973.92",
            "0.00",
            "102973.92"
        ]
    );
    let text = stdout(&[
        "explain",
        "tests/data/owed/fr-legal.toml",
        "--as-of",
        "2023-12-31",
    ]);
    assert!(text.contains("2023-02-01 to 2023-06-30: 150 days x 100000 x 2.06 % / 365 = 846.58"));
    assert!(text.contains("2023-07-01 to 2023-12-31: 184 days x 100000 x 4.22 % / 365 = 2127.34"));
    assert!(text.contains("Fine \"fine\": 100,000.00, enforceable, due 2023-01-31; payable."));
}

#[test]
fn eu_mro_interest_is_fixed_at_6_50_percent_for_291_days() {
    // MRO 3.00 % on 1 March 2023, + 3.5 = 6.50 %, though the MRO rose after March:
    // 1,000,000 x 291 x 6.5 / 36,500 = 51,821.92.
    assert_eq!(
        owed("eu-mro", "2023-12-31", &[]),
        [
            "1000000.00",
            "1051821.92",
            "0.00",
            "51821.92",
            "0.00",
            "1051821.92"
        ]
    );
}

#[test]
fn nl_statutory_interest_compounds_on_the_anniversary() {
    // Due 2023-01-02 (six weeks after 2022-11-21). First year: 100,000 x (179 x 4 + 184 x 6
    // + 2 x 7) / 36,500 = 5,024.66, added on 2024-01-02; then 180 days at 7 % on 105,024.66:
    // 3,625.51.
    assert_eq!(
        owed("nl-statutory", "2024-06-30", &[]),
        [
            "100000.00",
            "108650.17",
            "0.00",
            "8650.17",
            "0.00",
            "108650.17"
        ]
    );
    let text = stdout(&[
        "explain",
        "tests/data/owed/nl-statutory.toml",
        "--as-of",
        "2024-06-30",
    ]);
    assert!(text.contains("2024-01-02: 5,024.66 of interest added to the amount bearing interest"));
    assert!(text.contains("180 days x 105024.66 x 7 % / 365 = 3625.51"));
}

#[test]
fn a_partial_payment_settles_interest_first() {
    // 90 days x 100,000 x 10 % / 365 = 2,465.75 accrued by 2023-05-01; the 50,000 paid settles
    // it, then 47,534.25 of principal: 52,465.75 outstanding, which bears 244 days x 10 % =
    // 3,507.30 of interest not yet paid; total due 52,465.75 + 3,507.30 = 55,973.05.
    assert_eq!(
        owed("partial-payment", "2023-12-31", &[]),
        [
            "52465.75", "55973.05", "0.00", "3507.30", "0.00", "55973.05"
        ]
    );
    let text = stdout(&[
        "explain",
        "tests/data/owed/partial-payment.toml",
        "--as-of",
        "2023-12-31",
    ]);
    assert!(text.contains(
        "Payment of 50,000.00 on 2023-05-01: 2,465.75 to interest, then 47,534.25 to principal."
    ));
    assert!(text.contains("unpaid: principal 52,465.75 + interest 3,507.30."));
    assert!(text.contains(
        "Owed (fines + liquidated penalties) 100,000.00 - paid 50,000.00 + interest paid 2,465.75 = outstanding 52,465.75."
    ));
}

#[test]
fn a_suspended_debt_is_not_payable_and_earns_no_interest_while_suspended() {
    // Suspended from 2023-03-01: only February's 28 days earn interest, 767.12.
    assert_eq!(
        owed("suspended", "2023-04-30", &[]),
        [
            "100000.00",
            "0.00",
            "100767.12",
            "767.12",
            "0.00",
            "100767.12"
        ]
    );
    // Resumed 2023-06-01: 28 + 214 days, 100,000 x 242 x 10 / 36,500 = 6,630.14.
    assert_eq!(
        owed("suspended", "2023-12-31", &[]),
        [
            "100000.00",
            "106630.14",
            "0.00",
            "6630.14",
            "0.00",
            "106630.14"
        ]
    );
}

#[test]
fn a_forfeited_dwangsom_lapses_a_year_after_each_day() {
    // 91 days x 1,000 forfeited; as of 2025-02-15 the sums of 1 January to 14 February 2024
    // (45 days) are time-barred and count zero in exposure; as of 2025-04-01, all of them.
    let exposure = |as_of: &str, file: &str| {
        let out = stdout(&[
            "compute",
            &format!("tests/data/owed/{file}.toml"),
            "--as-of",
            as_of,
            "--format",
            "csv",
            "--columns",
            "accruing,exposure,time_barred",
        ]);
        out.lines().nth(1).unwrap().to_string()
    };
    assert_eq!(
        exposure("2025-02-15", "dwangsom"),
        "dwangsom,46000.00,46000.00,45000.00"
    );
    assert_eq!(
        exposure("2025-04-01", "dwangsom"),
        "dwangsom,0.00,0.00,91000.00"
    );
    assert_eq!(
        exposure("2025-04-01", "dwangsom-collected"),
        "dwangsom-collected,91000.00,91000.00,0.00"
    );
}

#[test]
fn check_warns_of_sums_lapsing_within_30_days() {
    let path = "tests/data/owed/dwangsom.toml";
    let out = penalty()
        .args([
            "check",
            path,
            "--as-of",
            "2024-12-15",
            "--warn-expiring",
            "30",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "warning: tests/data/owed/dwangsom.toml: order \"stop\", sums forfeited 2024-01-01 through 2024-01-13: 13,000.00 becomes time-barred from 2025-01-02 through 2025-01-14 (Awb 5:35, unless a collection order is made first)\n"
    );
    penalty()
        .args([
            "check",
            path,
            "--as-of",
            "2024-12-15",
            "--warn-expiring",
            "30",
            "--deny-warnings",
        ])
        .assert()
        .code(1);
    // Nothing lapses by 2024-12-31.
    penalty()
        .args([
            "check",
            path,
            "--as-of",
            "2024-12-15",
            "--warn-expiring",
            "16",
            "--deny-warnings",
        ])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn uber_290m_is_contested_suspended_not_payable_and_bears_no_interest() {
    let out = stdout(&[
        "compute",
        "cases/uber-nl.toml",
        "--as-of",
        "2026-11-22",
        "--format",
        "csv",
        "--columns",
        "outstanding,payable,suspended,interest,total_due",
    ]);
    // Outstanding 300,000,000: the 10M fine payable, the 290M suspended, no interest.
    assert_eq!(
        out.lines().nth(1),
        Some("uber-nl,300000000.00,10000000.00,290000000.00,0.00,300000000.00")
    );
    let text = stdout(&["explain", "cases/uber-nl.toml", "--as-of", "2026-11-22"]);
    assert!(text.contains(
        "Fine \"us-transfers-2024\": 290,000,000.00, contested, due 2024-09-02 (six weeks after the decision, Awb 4:87); suspended since 2024-07-22."
    ));
}

#[test]
fn a_gap_in_the_rate_table_is_an_error_naming_the_table_and_the_day() {
    penalty()
        .args([
            "compute",
            "tests/data/owed/rate-gap.toml",
            "--as-of",
            "2025-03-31",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "error: tests/data/owed/rate-gap.toml:7:12: late-payment interest on fine \"fine\": no nl-statutory rate for 2025-01-01: the table has no verified rate from that day; add the rate with --rates\n",
        ));
}

#[test]
fn assume_paid_settles_every_payable_debt_on_its_day() {
    // On 2023-06-30 the fine owes 52,465.75 + 60 days x 10 % on it (862.45): 53,328.20 paid
    // then, so nothing is due by 2023-12-31: no principal outstanding, and the interest
    // (2,465.75 + 862.45 = 3,328.20) all paid.
    assert_eq!(
        owed(
            "partial-payment",
            "2023-12-31",
            &["--assume-paid", "2023-06-30"]
        ),
        ["0.00", "0.00", "0.00", "0.00", "0.00", "0.00"]
    );
    let text = stdout(&[
        "compute",
        "tests/data/owed/partial-payment.toml",
        "--as-of",
        "2023-12-31",
        "--assume-paid",
        "2023-06-30",
    ]);
    assert!(text.contains("What-if: --assume-paid 2023-06-30"));
}

#[test]
fn rates_adds_an_interest_rate_the_shipped_table_lacks() {
    // 16 July to 31 December 2024, 169 days at 7 %, and 1 January to 31 March 2025, 90 days at
    // the 6 % the file adds: 100,000 x (169 x 7 + 90 x 6) / 36,500 = 4,720.55.
    assert_eq!(
        owed(
            "rate-gap",
            "2025-03-31",
            &["--rates", "tests/data/owed/nl-2025.csv"]
        ),
        [
            "100000.00",
            "104720.55",
            "0.00",
            "4720.55",
            "0.00",
            "104720.55"
        ]
    );
}

#[test]
fn an_interest_rates_file_with_an_unknown_table_is_an_error_at_its_column() {
    penalty()
        .args([
            "compute",
            "tests/data/owed/rate-gap.toml",
            "--as-of",
            "2025-03-31",
            "--rates",
            "tests/data/owed/rates-unknown-table.csv",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: tests/data/owed/rates-unknown-table.csv:2:6: unknown rate column \"nl-statutoy\" (expected one of: fr-legal, fr-legal-individual, nl-statutory, ecb-mro)\n",
        );
}

#[test]
fn a_fine_with_a_three_year_limitation_counts_zero_from_the_day_after() {
    let figures = |as_of: &str| {
        let out = stdout(&[
            "compute",
            "tests/data/owed/fine-limitation.toml",
            "--as-of",
            as_of,
            "--format",
            "csv",
            "--columns",
            "exposure,outstanding,payable,time_barred",
        ]);
        out.lines().nth(1).unwrap().to_string()
    };
    // Due 2020-02-10 + 3 years = 2023-02-10, the last day it can be collected.
    assert_eq!(
        figures("2023-02-10"),
        "fine-limitation,100000.00,100000.00,100000.00,0.00"
    );
    assert_eq!(
        figures("2023-02-11"),
        "fine-limitation,0.00,0.00,0.00,100000.00"
    );
    penalty()
        .args([
            "check",
            "tests/data/owed/fine-limitation.toml",
            "--as-of",
            "2023-02-01",
            "--warn-expiring",
            "10",
        ])
        .assert()
        .success()
        .stderr(
            "warning: tests/data/owed/fine-limitation.toml: fine \"fine\": 100,000.00 becomes time-barred on 2023-02-11 (its limitation period)\n",
        );
}

#[test]
fn fr_legal_plus_5_adds_five_points_from_two_months_after_the_decision() {
    // Decided 2023-01-10: the 5 points run from 2023-03-11. 1 February to 10 March, 38 days at
    // 2.06 %; 11 March to 30 June, 112 days at 7.06 %; 1 July to 31 December, 184 days at
    // 9.22 %: 100,000 x (38 x 2.06 + 112 x 7.06 + 184 x 9.22) / 36,500 = 7,028.71.
    assert_eq!(
        owed("fr-legal-plus-5", "2023-12-31", &[]),
        [
            "100000.00",
            "107028.71",
            "0.00",
            "7028.71",
            "0.00",
            "107028.71"
        ]
    );
}

/// The `debts` of the only case of a fixture in the JSON report, checked against the shipped
/// schema.
fn json_debts(file: &str, as_of: &str) -> serde_json::Value {
    let out = stdout(&[
        "compute",
        &format!("tests/data/owed/{file}.toml"),
        "--as-of",
        as_of,
        "--format",
        "json",
        "--debts",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/penalty-report.schema.json")).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    doc["cases"][0]["debts"].clone()
}

#[test]
fn the_json_report_lists_each_debt_with_its_interest_and_lapse() {
    // The partial payment as of 2023-12-31: 50,000 paid settles 2,465.75 of interest (90 days
    // x 100,000 x 10 % / 365) and 47,534.25 of principal, leaving 52,465.75, which bears
    // 244 days x 10 % = 3,507.30 not yet paid.
    assert_eq!(
        json_debts("partial-payment", "2023-12-31"),
        serde_json::json!([{
            "kind": "fine",
            "id": "fine",
            "liquidation": null,
            "amount": "100000.00",
            "status": "enforceable",
            "due": "2023-01-31",
            "collection": "payable",
            "collection_since": null,
            "paid": "50000.00",
            "principal": "52465.75",
            "interest": "3507.30",
            "interest_paid": "2465.75",
            "lapse": null,
            "time_barred": "0.00"
        }])
    );
    // Due 2020-02-10 with three years' limitation: time-barred from 2023-02-11, its unpaid
    // 100,000 counted zero.
    assert_eq!(
        json_debts("fine-limitation", "2023-02-11"),
        serde_json::json!([{
            "kind": "fine",
            "id": "fine",
            "liquidation": null,
            "amount": "100000.00",
            "status": "enforceable",
            "due": "2020-02-10",
            "collection": "time_barred",
            "collection_since": "2023-02-11",
            "paid": "0.00",
            "principal": "100000.00",
            "interest": "0.00",
            "interest_paid": "0.00",
            "lapse": "2023-02-11",
            "time_barred": "100000.00"
        }])
    );
}

#[test]
fn a_case_without_debt_terms_has_no_debts_in_the_json_report() {
    // No interest, suspension, limitation (FR has no default rule) or later due date.
    let out = stdout(&[
        "compute",
        "cases/clearview-fr.toml",
        "--as-of",
        "2023-12-31",
        "--format",
        "json",
        "--debts",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["cases"][0]["debts"], serde_json::Value::Null);
}

#[test]
fn debts_are_listed_only_when_asked_and_only_in_json() {
    // Without --debts the JSON report leaves `debts` null, even for a case with debt terms.
    let out = stdout(&[
        "compute",
        "tests/data/owed/partial-payment.toml",
        "--as-of",
        "2023-12-31",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["cases"][0]["debts"], serde_json::Value::Null);
    // In a table they have no place: a usage error, status 2.
    penalty()
        .args(["compute", "tests/data/owed/partial-payment.toml", "--debts"])
        .assert()
        .code(2)
        .stderr("error: --debts lists the debts in the JSON report; add --format json (or write to a .json file), or read them in words with `penalty explain`\n");
}

#[test]
fn an_objection_against_the_order_extends_the_limitation_of_its_sums() {
    // EUR 1,000 a day forfeited 2024-01-01 through 2024-03-31. Without the objection the
    // sums of 2024-01-01 through 2024-02-14 lapse by 2025-02-15 (45 x 1,000 = 45,000; see
    // dwangsom.toml). With the objection open until 2025-02-28 every year ending by then runs
    // on to that day: nothing lapses before 2025-03-01, then the 60 days of January and
    // February 2024 (60,000), and the 14 days of 1 to 14 March by 2025-03-15 (74,000).
    let row = |as_of: &str| {
        let out = stdout(&[
            "compute",
            "tests/data/owed/dwangsom-appeal.toml",
            "--as-of",
            as_of,
            "--format",
            "csv",
            "--columns",
            "exposure,time_barred",
        ]);
        out.lines().nth(1).unwrap().to_string()
    };
    assert_eq!(row("2025-02-15"), "dwangsom-appeal,91000.00,0.00");
    assert_eq!(row("2025-02-28"), "dwangsom-appeal,91000.00,0.00");
    assert_eq!(row("2025-03-01"), "dwangsom-appeal,31000.00,60000.00");
    assert_eq!(row("2025-03-15"), "dwangsom-appeal,17000.00,74000.00");
    let text = stdout(&[
        "explain",
        "tests/data/owed/dwangsom-appeal.toml",
        "--as-of",
        "2025-03-15",
    ]);
    assert!(text.contains("when the year ends while it is open or pending (Awb 5:35(2))"));
    assert!(text.contains(
        "Forfeited 2024-01-01 through 2024-03-14: 74,000.00, time-barred from 2025-03-01 through 2025-03-15."
    ));
    // Still pending (no `irrevocable`): nothing lapses, however late.
    let dir = tempfile::tempdir().unwrap();
    let pending = dir.path().join("pending.toml");
    let text = std::fs::read_to_string("tests/data/owed/dwangsom-appeal.toml").unwrap();
    std::fs::write(&pending, text.replace("irrevocable = 2025-02-28\n", "")).unwrap();
    let out = stdout(&[
        "compute",
        pending.to_str().unwrap(),
        "--as-of",
        "2030-01-01",
        "--format",
        "csv",
        "--columns",
        "exposure,time_barred",
    ]);
    assert_eq!(out.lines().nth(1), Some("dwangsom-appeal,91000.00,0.00"));
    // Within 30 days of 2025-02-15 (by 2025-03-17): the 60 days extended to 2025-02-28 and
    // 1 to 16 March, 76 x 1,000.
    penalty()
        .args([
            "check",
            "tests/data/owed/dwangsom-appeal.toml",
            "--as-of",
            "2025-02-15",
            "--warn-expiring",
            "30",
        ])
        .assert()
        .success()
        .stderr(
            "warning: tests/data/owed/dwangsom-appeal.toml: order \"stop\", sums forfeited 2024-01-01 through 2024-03-16: 76,000.00 becomes time-barred from 2025-03-01 through 2025-03-17 (Awb 5:35, unless a collection order is made first)\n",
        );
}

#[test]
fn a_time_barred_debt_leaves_nothing_outstanding_though_a_payment_settled_interest() {
    // 10,000 paid on 2020-03-11 settles 30 days x 100,000 x 10 % / 365 = 821.92 of interest,
    // then 9,178.08 of principal: 90,821.92 unpaid. On 2023-02-10 it bears 1,066 days (12
    // March 2020 to 10 February 2023) x 10 % = 26,524.98 of interest not yet paid. From
    // 2023-02-11 it is time-barred: the fine counts 100,000 - 90,821.92 = 9,178.08, and
    // outstanding is 9,178.08 - 10,000 + 821.92 = 0.00, with no interest counted.
    let row = |as_of: &str| {
        let out = stdout(&[
            "compute",
            "tests/data/owed/barred-after-payment.toml",
            "--as-of",
            as_of,
            "--format",
            "csv",
            "--columns",
            "fines,paid,outstanding,interest,time_barred,total_due",
        ]);
        out.lines().nth(1).unwrap().to_string()
    };
    assert_eq!(
        row("2023-02-10"),
        "barred-after-payment,100000.00,10000.00,90821.92,26524.98,0.00,117346.90"
    );
    assert_eq!(
        row("2023-02-11"),
        "barred-after-payment,9178.08,10000.00,0.00,0.00,90821.92,0.00"
    );
}
