//! `penalty check` and the statutory limits: warnings cite their legal source, point at the
//! figure, and fail the check only with `--deny-warnings`.

use assert_cmd::Command;
use predicates::str::contains;

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22")
        .env("NO_COLOR", "1");
    cmd
}

const CNIL_150K: &str = "tests/data/limits/cnil-astreinte-150k.toml";

const CNIL_WARNING: &str = "\
warning: tests/data/limits/cnil-astreinte-150k.toml:14:8: order \"stop-processing\" charges EUR 150,000.00 per day, above the maximum of EUR 100,000.00 per day (art. 20, loi n° 78-17 du 6 janvier 1978)
   |
14 | rate = \"150000\"
   |        ^^^^^^^^
";

#[test]
fn cnil_astreinte_of_150_000_per_day_warns_citing_art_20_loi_78_17() {
    penalty()
        .args(["check", CNIL_150K])
        .assert()
        .code(0)
        .stdout("")
        .stderr(CNIL_WARNING);
}

#[test]
fn deny_warnings_turns_a_statutory_warning_into_exit_status_1() {
    penalty()
        .args(["check", CNIL_150K, "--deny-warnings"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "{CNIL_WARNING}check failed: 1 statutory-limit warning (--deny-warnings)\n"
        ));
}

#[test]
fn each_limit_fixture_warns_with_its_source() {
    for (file, source) in [
        ("dwangsom-without-cap.toml", "(Awb art. 5:32b(2))"),
        (
            "gdpr-above-83-4.toml",
            "(GDPR (Regulation (EU) 2016/679) art. 83(4))",
        ),
        (
            "eu-periodic-above-5-percent.toml",
            "(Regulation (EC) No 1/2003 art. 24(1))",
        ),
    ] {
        penalty()
            .args([
                "check",
                &format!("tests/data/limits/{file}"),
                "--deny-warnings",
            ])
            .assert()
            .code(1)
            .stderr(contains(source));
    }
}

#[test]
fn the_shipped_cases_break_no_statutory_limit() {
    penalty()
        .args(["check", "cases/", "--deny-warnings"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn check_prints_every_input_error_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let case = |id: &str, extra: &str| {
        format!(
            "[case]\nid = \"{id}\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n{extra}"
        )
    };
    std::fs::write(dir.path().join("a.toml"), case("a", "turnover = \"-1\"\n")).unwrap();
    std::fs::write(dir.path().join("b.toml"), case("b", "rate = \"1\"\n")).unwrap();
    penalty()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "a.toml:6:12: turnover must be positive, found \"-1\"",
        ))
        .stderr(contains("b.toml:6:1: unknown key \"rate\""));
}

#[test]
fn a_misspelt_gdpr_legal_basis_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.toml");
    std::fs::write(
        &path,
        "[case]\nid = \"x\"\ncompany = \"C\"\njurisdiction = \"IE\"\ncurrency = \"EUR\"\n\n[[fine]]\nid = \"f\"\namount = \"1\"\ndecided = 2024-01-01\nlegal_basis = \"GDPR art 83(5)\"\n",
    )
    .unwrap();
    penalty()
        .arg("check")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(contains(
            "x.toml:11:15: unknown GDPR legal basis \"GDPR art 83(5)\": expected one of \"GDPR 83(4)\", \"GDPR 83(5)\", \"GDPR 83(6)\"",
        ));
}
