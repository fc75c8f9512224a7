//! Tables that fit: `compute` sized to `--width`, `COLUMNS` or the terminal (here a real
//! one, tmux, when it is installed), with the columns that matter most first, long names
//! cut and no row wrapped; the full table into a pipe; `--columns` in every format.

use assert_cmd::Command;

const AS_OF: &str = "2026-11-22";

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PENALTY_TODAY", AS_OF)
        .env_remove("PENALTY_AS_OF")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().code(0).get_output().stdout.clone()).unwrap()
}

fn compute_at(columns: &str) -> String {
    stdout(
        penalty()
            .env("COLUMNS", columns)
            .args(["compute", "cases/", "--as-of", AS_OF]),
    )
}

/// The widest line, in characters (a cut name's ellipsis is one character, three bytes).
fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

// The headline figures as of 2026-11-22 in EUR (see tests/report_formats.rs for the sums):
// fines 331,100,000.00 enforceable + 309,286,015.54 contested = 640,386,015.54; penalties
// 469,200,000 liquidated + 1,614,100,000 accruing = 2,083,300,000.00; exposure
// 2,723,686,015.54; outstanding 640,386,015.54 + 469,200,000 liquidated - 315,600,000 paid
// = 793,986,015.54.
const HEADLINE: [&str; 4] = [
    "640,386,015.54",
    "2,083,300,000.00",
    "2,723,686,015.54",
    "793,986,015.54",
];

/// The width of the whole table, as a pipe gets it: its widest line (every column of the
/// library's widest case id; it grows with the columns a report gains).
fn full_width() -> String {
    widest(&stdout(
        penalty().args(["compute", "cases/", "--as-of", AS_OF]),
    ))
    .to_string()
}

#[test]
fn at_80_columns_no_line_is_wider_and_the_headline_figures_are_there() {
    let out = compute_at("80");
    assert!(widest(&out) <= 80, "{out}");
    let total = out
        .lines()
        .find(|l| l.starts_with("Total "))
        .expect("a total row");
    for figure in HEADLINE {
        assert!(total.contains(figure), "{figure} missing from {total:?}");
    }
    // The first table leads with the case, its jurisdiction and the summary amounts.
    let header = out.lines().nth(2).unwrap();
    let words: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(words, ["Case", "Jur.", "Fines", "Penalties", "Exposure"]);
    // clearview-fr: fine 20,000,000 + penalties 143,500,000 = exposure 163,500,000.
    assert!(
        out.contains(
            "clearview-fr                FR     20,000,000.00 143,500,000.00   163,500,000.00"
        ),
        "{out}"
    );
    // A name longer than the room left keeps its start and its end.
    assert!(out.contains("eu-cjeu-pl-di…nary-chamber  EU"), "{out}");
    // The case table leaves out outstanding, which the company and jurisdiction tables show:
    // the note says which table lost what.
    assert!(
        out.contains("Left out to fit 80 characters: cases: fines_enforceable,"),
        "{out}"
    );
    assert!(
        out.contains("; companies and jurisdictions: fines_enforceable,"),
        "{out}"
    );
    // Columns only the narrow layout would add (liquidated, owed) are never "left out".
    let note = &out[out.find("Left out").unwrap()..out.find("Name columns").unwrap()];
    assert!(
        !note.contains("liquidated,") && !note.contains("owed"),
        "{note}"
    );
}

#[test]
fn at_its_own_width_and_into_a_pipe_the_full_table_appears() {
    let piped = stdout(penalty().args(["compute", "cases/", "--as-of", AS_OF]));
    assert_eq!(compute_at(&full_width()), piped);
    let header: Vec<&str> = piped
        .lines()
        .nth(2)
        .unwrap()
        .split("  ")
        .filter(|w| !w.is_empty())
        .map(str::trim)
        .collect();
    assert_eq!(
        header,
        [
            "Case",
            "Jurisdiction",
            "Enforceable",
            "Contested",
            "Liq. enforceable",
            "Liq. contested",
            "Accruing",
            "Paid",
            "Outstanding",
            "Exposure",
            "Run rate/day",
            "At risk",
            "Next forfeiture",
            "Forfeited on"
        ]
    );
    assert!(!piped.contains("Left out"));
}

#[test]
fn width_flag_overrides_columns_and_zero_means_no_limit() {
    let out = stdout(
        penalty()
            .env("COLUMNS", "200")
            .args(["compute", "cases/", "--as-of", AS_OF, "--width", "80"]),
    );
    assert_eq!(out, compute_at("80"));
    let all = stdout(
        penalty()
            .env("COLUMNS", "80")
            .args(["compute", "cases/", "--as-of", AS_OF, "--width", "0"]),
    );
    assert_eq!(all, compute_at(&full_width()));
}

#[test]
fn snapshots_at_80_120_and_200_columns() {
    for columns in ["80", "120", "200"] {
        let out = compute_at(columns);
        assert!(widest(&out) <= columns.parse().unwrap(), "{out}");
        insta::assert_snapshot!(format!("compute_at_{columns}_columns"), out);
    }
}

/// At 200 columns the full table appears: every column of the case table (short headers,
/// one space between amounts, long case ids cut in the middle), nothing left out.
#[test]
fn at_200_columns_every_column_shows() {
    let out = compute_at("200");
    assert!(widest(&out) <= 200, "{out}");
    assert!(!out.contains("Left out"), "{out}");
    let header = out.lines().nth(2).unwrap();
    let words: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        words,
        [
            "Case",
            "Jur.",
            "Enforceable",
            "Contested",
            "Liq.",
            "enf.",
            "Liq.",
            "cont.",
            "Accruing",
            "Paid",
            "Outstanding",
            "Exposure",
            "Run",
            "rate/day",
            "At",
            "risk",
            "Next",
            "On"
        ]
    );
    // eu-cjeu-hu-asylum: 200,000,000 fine + 93,000,000 liquidated + 800,000,000 accruing =
    // 1,093,000,000 exposure; its next forfeiture is 1,000,000 on 2026-11-23.
    assert!(
        out.lines().any(|l| l.starts_with("eu-cjeu-hu-asylum")
            && l.contains("1,093,000,000.00")
            && l.ends_with("1,000,000.00 2026-11-23")),
        "{out}"
    );
}

#[test]
fn chosen_columns_keep_their_order_in_table_csv_and_markdown() {
    let args = [
        "compute",
        "cases/clearview-fr.toml",
        "--as-of",
        "2023-04-13",
        "--by",
        "case",
        "--columns",
        "exposure,liquidated",
    ];
    // 52 days x 100,000 = 5,200,000 liquidated; + 20,000,000 fine + 64 days x 100,000
    // accruing = 31,600,000 exposure.
    let table = stdout(penalty().args(args));
    assert!(
        table.contains("Case                Exposure     Liquidated\n"),
        "{table}"
    );
    assert!(
        table.contains("clearview-fr   31,600,000.00   5,200,000.00\n"),
        "{table}"
    );
    let csv = stdout(penalty().args(args).args(["--format", "csv"]));
    assert_eq!(
        csv,
        "case,exposure,liquidated\nclearview-fr,31600000.00,5200000.00\n"
    );
    let md = stdout(penalty().args(args).args(["--format", "markdown"]));
    assert!(md.contains("| Case | Exposure | Liquidated |\n|---|---:|---:|\n| clearview-fr | 31,600,000.00 | 5,200,000.00 |\n"), "{md}");
}

#[test]
fn chosen_columns_wider_than_the_terminal_continue_in_a_second_block() {
    let out = stdout(penalty().args([
        "compute",
        "cases/",
        "--as-of",
        AS_OF,
        "--by",
        "company",
        "--width",
        "60",
        "--columns",
        "fines,penalties,exposure,outstanding",
    ]));
    assert!(widest(&out) <= 60, "{out}");
    let headers: Vec<&str> = out.lines().filter(|l| l.starts_with("Company")).collect();
    assert_eq!(headers.len(), 2, "{out}");
    assert!(headers[1].ends_with("Outstanding"), "{out}");
    assert!(
        out.contains("Total                   2,723,686,015.54 793,986,015.54"),
        "{out}"
    );
}

#[test]
fn an_unknown_column_is_refused_with_a_suggestion() {
    let out = penalty()
        .args(["compute", "cases/", "--columns", "case,exposre"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("unknown column \"exposre\" (did you mean exposure?)"),
        "{err}"
    );
}

/// In a real 80-column terminal (tmux), without COLUMNS: the terminal's width applies, and
/// no row wraps. Skipped where tmux is not installed.
#[test]
fn in_a_real_80_column_terminal_no_row_wraps() {
    if std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("tmux is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("tmux.sock");
    let bin = assert_cmd::cargo::cargo_bin("penalty");
    let root = env!("CARGO_MANIFEST_DIR");
    let command = format!(
        "cd '{root}' && env -u COLUMNS NO_COLOR=1 PENALTY_TODAY={AS_OF} '{}' compute cases/ --as-of {AS_OF} 2>/dev/null; tmux -S '{}' wait-for -S done; sleep 60",
        bin.display(),
        socket.display()
    );
    let tmux = |args: &[&str]| {
        let out = std::process::Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    tmux(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        "80",
        "-y",
        "60",
        "sh",
        "-c",
        &command,
    ]);
    tmux(&["wait-for", "done"]);
    // -J joins a line the terminal wrapped, so a wrapped row would show as one long line.
    let screen = tmux(&["capture-pane", "-p", "-J", "-S", "0", "-E", "59"]);
    let _ = std::process::Command::new("tmux")
        .arg("-S")
        .arg(&socket)
        .arg("kill-server")
        .output();
    assert!(widest(&screen) <= 80, "{screen}");
    assert!(screen.contains("Left out to fit 80 characters"), "{screen}");
    let total = screen.lines().find(|l| l.starts_with("Total ")).unwrap();
    for figure in HEADLINE {
        assert!(total.contains(figure), "{figure} missing from {total:?}");
    }
}

#[test]
fn a_total_row_counts_its_cases() {
    let out = stdout(penalty().args([
        "compute",
        "cases/clearview-fr.toml",
        "cases/clearview-gr.toml",
        "cases/uber-nl.toml",
        "--as-of",
        AS_OF,
        "--by",
        "company",
        "--columns",
        "cases,exposure",
    ]));
    // 163,500,000 (FR) + 20,000,000 (GR) = 183,500,000; + 300,600,000 (Uber) = 484,100,000.
    assert!(
        out.contains("Clearview AI Inc.        2       183,500,000.00\n"),
        "{out}"
    );
    assert!(
        out.contains("Total                    3       484,100,000.00\n"),
        "{out}"
    );
}
