//! `schedule` fits the terminal as `compute` does: at a width (`COLUMNS` here), the columns
//! that matter least are left out, event words and sentences wrap, and no line is wider;
//! into a pipe every column is shown.

use assert_cmd::Command;

const AS_OF: &str = "2026-11-22";

fn schedule(columns: Option<&str>, args: &[&str]) -> String {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PENALTY_TODAY", AS_OF)
        .env_remove("PENALTY_AS_OF")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    let out = cmd.arg("schedule").args(args).assert().code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The widest line, in characters.
fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

const CNIL: [&str; 5] = [
    "cases/clearview-fr.toml",
    "--every",
    "month",
    "--as-of",
    "2023-04-30",
];

#[test]
fn at_80_120_and_200_columns_no_line_is_wider() {
    for (columns, name) in [
        ("80", "schedule_at_80"),
        ("120", "schedule_at_120"),
        ("200", "schedule_at_200"),
    ] {
        let out = schedule(Some(columns), &CNIL);
        let limit: usize = columns.parse().unwrap();
        assert!(widest(&out) <= limit, "{out}");
        // 133 days x 100,000 = 13,300,000 in every layout.
        assert!(
            out.contains("30  3,000,000.00  13,300,000.00  accruing"),
            "{out}"
        );
        insta::assert_snapshot!(name, out);
    }
}

#[test]
fn at_80_columns_every_case_of_the_library_fits() {
    for case in [
        "cases/clearview-fr.toml",
        "cases/clearview-nl.toml",
        "cases/fr-ce-air-quality.toml",
        "cases/eu/cjeu-hu-asylum.toml",
        "cases/eu/cjeu-it-landfills.toml",
        "cases/eu/cjeu-pl-disciplinary-chamber.toml",
        "cases/eu/cjeu-pl-turow.toml",
    ] {
        for every in ["day", "month", "year"] {
            let out = schedule(Some("80"), &[case, "--as-of", AS_OF, "--every", every]);
            assert!(widest(&out) <= 80, "{case} by {every}:\n{out}");
        }
    }
}

#[test]
fn width_wins_over_columns() {
    // --width 80 fits without COLUMNS; --width 0 shows every column at COLUMNS=80.
    let narrow = schedule(
        None,
        &[CNIL[0], CNIL[1], CNIL[2], CNIL[3], CNIL[4], "--width", "80"],
    );
    assert_eq!(narrow, schedule(Some("80"), &CNIL));
    assert!(
        narrow.ends_with(
            "Left out to fit 80 columns: Through, Rate/day. Show them all with --width=0.\n"
        ),
        "{narrow}"
    );
    let all = schedule(
        Some("80"),
        &[CNIL[0], CNIL[1], CNIL[2], CNIL[3], CNIL[4], "--width", "0"],
    );
    assert_eq!(all, schedule(None, &CNIL));
}

#[test]
fn a_pipe_gets_every_column_unwrapped() {
    let out = schedule(None, &CNIL);
    let header = out.lines().nth(3).unwrap();
    let words: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        words,
        [
            "From",
            "Through",
            "Rate/day",
            "Days",
            "Amount",
            "Cumulative",
            "Status",
            "or",
            "event"
        ]
    );
    assert!(out.contains("liquidation SAN-2023-005 decided: window 2022-12-19 until 2023-02-09 (not counted), 52 days; computed 5,200,000.00, ordered 5,200,000.00; no reduction"));
    assert!(!out.contains("Left out"));
}

/// In a real 80-column terminal (tmux), without COLUMNS: the terminal's width applies, and
/// no line wraps. Skipped where tmux is not installed.
#[test]
fn in_a_real_80_column_terminal_no_line_wraps() {
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
        "cd '{root}' && env -u COLUMNS NO_COLOR=1 PENALTY_TODAY={AS_OF} '{}' schedule {} 2>/dev/null; tmux -S '{}' wait-for -S done; sleep 60",
        bin.display(),
        CNIL.join(" "),
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
    // -J joins a line the terminal wrapped, so a wrapped line would show as one long line.
    let screen = tmux(&["capture-pane", "-p", "-J", "-S", "0", "-E", "59"]);
    let _ = std::process::Command::new("tmux")
        .arg("-S")
        .arg(&socket)
        .arg("kill-server")
        .output();
    assert!(widest(&screen) <= 80, "{screen}");
    // The screen shows what COLUMNS=80 gives.
    assert_eq!(
        screen.trim_end(),
        schedule(Some("80"), &CNIL).trim_end(),
        "{screen}"
    );
}
