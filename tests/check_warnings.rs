//! `penalty check` warns about what loads and computes but was probably not meant: ids that
//! differ only in letter case, and a liquidation whose window holds no day of delay. The
//! warnings point at the value, leave the status at 0, and fail the check with
//! `--deny-warnings`.

use assert_cmd::Command;

const DIR: &str = "tests/data/warnings";

const WARNINGS: &str = r#"warning: tests/data/warnings/acme-upper.toml:14:6: fine id "FINE" differs only in letter case from the fine "fine": ids are compared exactly, so a payment or an assertion naming one does not name the other
   |
14 | id = "FINE"
   |      ^^^^^^
warning: tests/data/warnings/acme.toml:3:6: case id "acme" differs only in letter case from "ACME" (tests/data/warnings/acme-upper.toml): ids are compared exactly, so these are two cases
  |
3 | id = "acme"
  |      ^^^^^^
warning: tests/data/warnings/acme.toml:29:8: the liquidation window 2023-02-09 through 2023-03-31 of order "stop" starts on or after complied = 2023-02-09: it holds no day of delay, so it computes 0.00, while the amount it orders, "1000000", counts as liquidated
   |
29 | from = 2023-02-09
   |        ^^^^^^^^^^
"#;

fn check(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("penalty")
        .unwrap()
        .env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22")
        .arg("check")
        .args(args)
        .assert()
}

#[test]
fn ids_differing_in_case_and_a_liquidation_after_compliance_are_warned_about() {
    check(&[DIR]).code(0).stdout("").stderr(WARNINGS);
}

#[test]
fn deny_warnings_counts_them() {
    check(&[DIR, "--deny-warnings"])
        .code(1)
        .stdout("")
        .stderr(format!(
            "{WARNINGS}check failed: 3 warnings (--deny-warnings)\n"
        ));
}

#[test]
fn the_liquidation_after_compliance_still_counts_what_it_orders() {
    // 52 days x 100,000 = 5,200,000 ordered for the window before compliance, plus the
    // 1,000,000 the later liquidation orders for no day of delay: 6,200,000 liquidated.
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .env_remove("PENALTY_AS_OF")
        .args([
            "compute",
            "tests/data/warnings/acme.toml",
            "--as-of",
            "2026-11-22",
        ])
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.contains(",acme,Acme SA,FR,100000.00,0.00,100000.00,6200000.00,"),
        "{csv}"
    );
}
