//! Bad input is rejected, never crashes, never misleads: every fixture under `tests/data/bad/`
//! (a `.toml` file or a directory of them) makes `penalty compute` exit with status 2, print
//! nothing on stdout, and print on stderr exactly the text of the fixture's `.stderr` file:
//! each error's file, line and column, message and excerpt.
//!
//! A fixture runs with `--as-of 2026-11-22` unless its first line reads `# args: ...`.
//! To write the `.stderr` files from the program's current output, run the tests with
//! `PENALTY_BLESS=1`, then review the diff.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

const BAD: &str = "tests/data/bad";
const DEFAULT_ARGS: [&str; 2] = ["--as-of", "2026-11-22"];

/// What a run of the program gave.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `penalty COMMAND... PATH ARGS...` from the crate root.
fn run(command: &[&str], path: &str, args: &[&str]) -> Outcome {
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PENALTY_AS_OF")
        .args(command)
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Asserts that `penalty COMMAND... PATH ARGS...` rejects its input: exit status 2, nothing on
/// stdout, and exactly `expected` on stderr. Returns a description of the mismatch, if any.
fn check_rejects(command: &[&str], path: &str, args: &[&str], expected: &str) -> Option<String> {
    let out = run(command, path, args);
    let mut problems = Vec::new();
    if out.code != Some(2) {
        problems.push(format!("exit status {:?}, expected 2", out.code));
    }
    if !out.stdout.is_empty() {
        problems.push(format!("printed figures on stdout:\n{}", out.stdout));
    }
    if out.stderr != expected {
        problems.push(format!(
            "stderr differs\n--- expected\n{expected}--- found\n{}",
            out.stderr
        ));
    }
    (!problems.is_empty()).then(|| format!("{path}: {}", problems.join("\n")))
}

/// Every fixture: a `.toml` file or a directory directly under `tests/data/bad/`.
fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(BAD);
    let mut found: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "toml"))
        .collect();
    found.sort();
    found
}

/// The arguments a fixture runs with: its `# args:` line, or the default.
fn fixture_args(fixture: &Path) -> Vec<String> {
    let first_line = fs::read(fixture)
        .ok()
        .and_then(|b| {
            String::from_utf8_lossy(&b)
                .lines()
                .next()
                .map(str::to_string)
        })
        .unwrap_or_default();
    match first_line.strip_prefix("# args:") {
        Some(args) => args.split_whitespace().map(str::to_string).collect(),
        None => DEFAULT_ARGS.iter().map(|s| s.to_string()).collect(),
    }
}

/// Runs every fixture through `command` and compares with its `.stderr` file.
fn all_fixtures_rejected_by(command: &[&str]) {
    let bless = std::env::var_os("PENALTY_BLESS").is_some();
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let name = fixture.file_stem().unwrap().to_string_lossy().into_owned();
        let relative = if fixture.is_dir() {
            format!("{BAD}/{name}")
        } else {
            format!("{BAD}/{name}.toml")
        };
        let expected_file = fixture.with_file_name(format!("{name}.stderr"));
        let args = fixture_args(&fixture);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        if bless {
            let out = run(command, &relative, &args);
            fs::write(&expected_file, out.stderr).unwrap();
            continue;
        }
        let Ok(expected) = fs::read_to_string(&expected_file) else {
            failures.push(format!("{relative}: no {}", expected_file.display()));
            continue;
        };
        failures.extend(check_rejects(command, &relative, &args, &expected));
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_bad_fixture_is_rejected_by_compute_with_its_message_and_status_2() {
    all_fixtures_rejected_by(&["compute"]);
}

#[test]
fn there_are_at_least_forty_fixtures_each_with_its_expected_stderr() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 40, "only {} fixtures", fixtures.len());
    for f in &fixtures {
        let name = f.file_stem().unwrap().to_string_lossy();
        let stderr = f.with_file_name(format!("{name}.stderr"));
        assert!(stderr.exists(), "{} has no .stderr file", f.display());
    }
}

#[test]
fn a_path_that_does_not_exist_is_an_error() {
    let expected = "error: tests/data/bad/no-such-file.toml: no such file or directory\n";
    if let Some(problem) = check_rejects(
        &["compute"],
        "tests/data/bad/no-such-file.toml",
        &DEFAULT_ARGS,
        expected,
    ) {
        panic!("{problem}");
    }
}

#[test]
fn no_expected_message_holds_a_raw_control_character() {
    // Several fixtures hold escape sequences, NUL bytes and bidirectional overrides: their
    // messages and excerpts must show them escaped, so that reading an error cannot drive the
    // terminal.
    for f in fixtures() {
        let name = f.file_stem().unwrap().to_string_lossy();
        let stderr = fs::read_to_string(f.with_file_name(format!("{name}.stderr"))).unwrap();
        let raw = stderr
            .chars()
            .find(|&c| c != '\n' && penalty::text::is_unsafe(c));
        assert_eq!(raw, None, "{name}.stderr holds a raw control character");
    }
}
