//! The terminal table for people: French number typography, and colour only when asked for
//! or on a terminal, never with NO_COLOR under `--color auto`.

use assert_cmd::Command;

fn compute(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22")
        .env_remove("NO_COLOR")
        .arg("compute")
        .args(args);
    cmd
}

fn stdout(mut cmd: Command) -> String {
    let out = cmd.assert().code(0).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

const NNBSP: char = '\u{202F}';

#[test]
fn french_numbers_use_a_narrow_no_break_space_and_a_decimal_comma() {
    // CNIL as of 2023-04-13: 52 days x 100,000 = 5,200,000 liquidated, 64 days accruing.
    let out = stdout(compute(&[
        "cases/clearview-fr.toml",
        "--as-of",
        "2023-04-13",
        "--number-format",
        "fr",
    ]));
    let line = out.lines().find(|l| l.starts_with("clearview-fr")).unwrap();
    let fr = |s: &str| s.replace(' ', &NNBSP.to_string());
    // Cells are separated by ASCII spaces; U+202F stays inside a number.
    let cells: Vec<&str> = line.split(' ').filter(|c| !c.is_empty()).collect();
    assert_eq!(
        cells,
        [
            "clearview-fr",
            "FR",
            &fr("20 000 000,00"),
            "0,00",
            &fr("5 200 000,00"),
            "0,00",
            &fr("6 400 000,00"),
            "0,00",
            &fr("25 200 000,00"),
            &fr("31 600 000,00"),
            &fr("100 000,00"),
            "0,00",
            &fr("100 000,00"),
            "2023-04-14",
        ]
    );
}

#[test]
fn annulled_fines_are_written_in_french_with_the_currency_after() {
    // The ICO penalty is annulled as of 2024-01-01 and listed as counted zero.
    let out = stdout(compute(&[
        "cases/clearview-uk.toml",
        "--as-of",
        "2024-01-01",
        "--number-format",
        "fr",
    ]));
    assert!(out.contains("clearview-uk/monetary-penalty (7\u{202F}552\u{202F}800,00\u{A0}GBP, annulled on 2023-10-17)"), "{out}");
}

#[test]
fn the_rate_used_gets_a_decimal_comma_in_french() {
    let out = stdout(compute(&[
        "cases/clearview-uk.toml",
        "--as-of",
        "2026-11-22",
        "--number-format",
        "fr",
    ]));
    assert!(
        out.contains("Rates: 1 EUR = 0,8338 GBP (ECB, 2026-10-30), stale"),
        "{out}"
    );
}

#[test]
fn colour_never_reaches_a_pipe_under_auto_or_never() {
    for color in ["auto", "never"] {
        let out = stdout(compute(&[
            "cases/",
            "--as-of",
            "2026-11-22",
            "--color",
            color,
        ]));
        assert!(!out.contains('\x1b'), "--color {color} wrote an escape");
    }
}

#[test]
fn colour_always_makes_totals_bold_and_contested_amounts_yellow_even_with_no_color() {
    let mut cmd = compute(&["cases/", "--as-of", "2026-11-22", "--color", "always"]);
    cmd.env("NO_COLOR", "1");
    let out = stdout(cmd);
    assert!(out.contains("\x1b[1mTotal\x1b[0m"));
    // The UK penalty, revived on 2025-10-06, is contested: GBP 7,552,800 = EUR 9,058,287.36.
    let uk = out.lines().find(|l| l.starts_with("clearview-uk")).unwrap();
    assert!(uk.contains("\x1b[38;5;11m9,058,287.36\x1b[39m"), "{uk}");
    let fr = out.lines().find(|l| l.starts_with("clearview-fr")).unwrap();
    assert!(!fr.contains('\x1b'), "{fr}");
}

#[test]
fn a_projection_is_flagged_in_yellow() {
    let out = stdout(compute(&[
        "cases/clearview-fr.toml",
        "--as-of",
        "2999-01-01",
        "--color",
        "always",
    ]));
    assert!(out.starts_with(
        "Figures as of 2999-01-01, in EUR \x1b[1m\x1b[33m(PROJECTION: the as-of date is in the future)\x1b[0m\n"
    ));
}
