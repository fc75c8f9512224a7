//! penalty as a step in CI pipelines: `penalty check` and its exit status, `--fail-above`,
//! a closed output pipe, and the "Use in CI" snippet of docs/ci.md, run line by line so it
//! cannot rot.

use assert_cmd::Command;
use predicates::str::contains;
use std::path::{Path, PathBuf};

const AS_OF: &str = "2026-11-22";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `penalty` run from the crate root, with the as-of date fixed so nothing depends on today.
fn penalty() -> Command {
    let mut cmd = assert_cmd::cargo_bin_cmd!("penalty");
    cmd.current_dir(root()).env("PENALTY_AS_OF", AS_OF);
    cmd
}

#[test]
fn check_of_the_shipped_cases_is_silent_and_exits_0() {
    penalty()
        .args(["check", "cases/"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn a_wrong_expectation_exits_1_naming_file_line_and_difference() {
    // The file expects 53 days (5,300,000) through 8 Feb 2023; the CNIL's window counts
    // 52 days x 100,000 = 5,200,000. Both figures of that assertion fail; the other holds.
    penalty()
        .args(["check", "tests/data/check/wrong-expect.toml"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "tests/data/check/wrong-expect.toml:26:8: expected 53 days, computed 52 days (difference -1 day); days of order \"astreinte\" as of 2023-02-08
   |
26 | days = 53
   |        ^^
tests/data/check/wrong-expect.toml:27:11: expected 5,300,000.00 EUR, computed 5,200,000.00 EUR (difference -100,000.00 EUR); accrued of order \"astreinte\" as of 2023-02-08
   |
27 | accrued = \"5300000\"
   |           ^^^^^^^^^
2 of 4 expected figures failed, in 1 file
",
        );
}

#[test]
fn a_malformed_file_exits_2_naming_file_line_and_column() {
    penalty()
        .args(["check", "tests/data/check/malformed.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "error: tests/data/check/malformed.toml:11:10: amounts must be exact",
        ));
}

#[test]
fn check_reports_the_errors_of_every_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        std::fs::write(
            dir.path().join(format!("{name}.toml")),
            format!(
                "[case]\nid = \"{name}\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\ncolour = \"red\"\n"
            ),
        )
        .unwrap();
    }
    penalty()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("a.toml:6:1: unknown key \"colour\""))
        .stderr(contains("b.toml:6:1: unknown key \"colour\""));
}

#[test]
fn a_missing_path_exits_2() {
    penalty()
        .args(["check", "no/such/dir"])
        .assert()
        .code(2)
        .stderr(contains("no/such/dir"));
}

#[test]
fn exposure_above_the_threshold_exits_1_after_printing_the_report() {
    // Total exposure as of 2026-11-22: 2,723,686,015.54 EUR, far above 1,000,000.
    penalty()
        .args(["compute", "cases/", "--fail-above", "1000000"])
        .assert()
        .code(1)
        .stdout(contains("2,723,686,015.54"))
        .stderr(contains(
            "threshold crossed: total exposure 2,723,686,015.54 EUR is above --fail-above 1,000,000.00 EUR",
        ));
}

#[test]
fn thresholds_by_group_name_each_group_above_it() {
    // Of Clearview AI Inc. (243,058,287.36), the French State (40,000,000.00), Hungary
    // (1,093,000,000.00), the Italian Republic (421,800,000.00), the Republic of Poland
    // (625,000,000.00) and Uber (300,600,000.00), Hungary and Poland are above 500M.
    let out = penalty()
        .args([
            "compute",
            "--format",
            "csv",
            "--by",
            "company",
            "--fail-above",
            "500000000",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let reasons: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("threshold"))
        .collect();
    assert_eq!(
        reasons,
        [
            "threshold crossed: exposure of company \"Hungary\" 1,093,000,000.00 EUR is above --fail-above 500,000,000.00 EUR",
            "threshold crossed: exposure of company \"Republic of Poland\" 625,000,000.00 EUR is above --fail-above 500,000,000.00 EUR",
        ]
    );
    // By jurisdiction, NL holds 331,100,000.00 (above 331M); no single case is above 1.1bn
    // (the largest, Hungary's, is 1,093,000,000.00).
    penalty()
        .args([
            "compute",
            "--by",
            "jurisdiction",
            "--fail-above",
            "331000000",
        ])
        .assert()
        .code(1)
        .stderr(contains(
            "exposure of jurisdiction \"NL\" 331,100,000.00 EUR",
        ));
    penalty()
        .args(["compute", "--by", "case", "--fail-above", "1100000000"])
        .assert()
        .code(0);
    // Equal is not above.
    penalty()
        .args(["compute", "--fail-above", "2723686015.54"])
        .assert()
        .code(0);
}

#[test]
fn a_bad_threshold_is_an_argument_error() {
    penalty()
        .args(["compute", "--fail-above", "1,000,000"])
        .assert()
        .code(2)
        .stderr(contains("expected an amount such as 1000000"));
}

/// Writes `n` small EUR cases with distinct ids into `dir`.
fn many_cases(dir: &Path, n: usize) {
    for i in 0..n {
        std::fs::write(
            dir.join(format!("case-{i:05}.toml")),
            format!(
                "[case]\nid = \"case-{i:05}\"\ncompany = \"Company {i}\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n\n[[fine]]\nid = \"fine\"\namount = \"1000000\"\ndecided = 2022-10-17\n"
            ),
        )
        .unwrap();
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // 2,000 rows of CSV (about 250 KB) overflow a pipe's buffer, so `head -1` closes the
    // pipe while penalty is still writing. penalty's own status is written to a file, since
    // a pipeline's status is that of its last command.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("cases");
    std::fs::create_dir(&data).unwrap();
    many_cases(&data, 2000);
    let status_file = dir.path().join("status");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"{ "$1" compute --format csv "$2"; echo $? > "$3"; } | head -1"#)
        .arg("sh")
        .arg(assert_cmd::cargo::cargo_bin!("penalty"))
        .arg(&data)
        .arg(&status_file)
        .env("PENALTY_AS_OF", AS_OF)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "as_of,currency,case,company,jurisdiction,fines_enforceable,fines_contested,fines,liquidated_enforceable,liquidated_contested,liquidated,accruing,penalties,exposure,owed,paid,outstanding,payable,suspended,interest,time_barred,total_due,run_rate,at_risk,next_forfeiture_date,next_forfeiture,fx_date,projection,overrides,filters\n"
    );
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    assert_eq!(std::fs::read_to_string(&status_file).unwrap().trim(), "0");
}

/// The lines of the first ```sh block of docs/ci.md that run penalty.
#[test]
fn a_closed_stderr_changes_no_exit_status() {
    // stderr is a pipe whose reading end is closed before penalty writes its warnings or
    // its error: the status must still be 0 for a report, 2 for an error, never a panic.
    for (args, expected) in [
        (vec!["compute", "cases/", "--as-of", AS_OF], 0),
        (vec!["compute", "no/such/dir"], 2),
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("penalty"))
            .args(&args)
            .current_dir(root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        assert_eq!(child.wait().unwrap().code(), Some(expected), "{args:?}");
    }
}

#[test]
fn the_readme_shows_the_ci_snippet_that_is_tested() {
    let block = |path: &str, after: &str| {
        let doc = std::fs::read_to_string(root().join(path)).unwrap();
        let from = doc
            .find(after)
            .unwrap_or_else(|| panic!("{path}: no {after:?}"));
        doc[from..]
            .split("```sh\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .map(str::to_string)
            .unwrap_or_else(|| panic!("{path}: no ```sh block after {after:?}"))
    };
    assert_eq!(
        block("README.md", "## Use in CI"),
        block("docs/ci.md", "## Use in CI")
    );
}

fn ci_snippet_commands() -> Vec<String> {
    let doc = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    let block = doc
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/ci.md has a ```sh block");
    block
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("penalty "))
        .map(str::to_string)
        .collect()
}

/// Copies the case files under `from` into `to`, subdirectories included, as a checkout
/// holds them.
fn copy_cases(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            copy_cases(&path, &to.join(path.file_name().unwrap()));
        } else if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// Runs `line` with `sh`, the freshly built penalty first on PATH, in `dir`.
fn run_line(line: &str, dir: &Path, as_of: &str) -> std::process::Output {
    let bin: PathBuf = assert_cmd::cargo::cargo_bin!("penalty")
        .parent()
        .unwrap()
        .to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    std::process::Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(dir)
        .env("PATH", path)
        .env("PENALTY_AS_OF", as_of)
        .output()
        .unwrap()
}

#[test]
fn the_ci_snippet_runs_as_documented() {
    let commands = ci_snippet_commands();
    assert!(commands.iter().any(|c| c.starts_with("penalty check")));
    let threshold: Vec<&String> = commands
        .iter()
        .filter(|c| c.contains("--fail-above"))
        .collect();
    assert_eq!(threshold.len(), 1, "{commands:?}");

    // A copy of the case library, as a CI job's checkout would hold it.
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    copy_cases(&root().join("cases"), &cases);
    // As of 2026-11-22 every line succeeds: the cases reproduce their figures and no
    // company's exposure is above the snippet's limit of 1.5bn (the largest, Hungary's, is
    // 200,000,000 + 893 days x 1,000,000 = 1,093,000,000).
    for line in &commands {
        let out = run_line(line, dir.path(), AS_OF);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for written in ["penalty-report.json", "exposure-by-company.csv"] {
        assert!(dir.path().join(written).is_file(), "{written}");
    }
    // On 1 Jan 2035 Hungary's exposure is 200,000,000 + 3,855 days x 1,000,000
    // = 4,055,000,000: above the limit, and the threshold line fails the job.
    let out = run_line(threshold[0], dir.path(), "2035-01-01");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("threshold crossed: exposure of company \"Hungary\" 4,055,000,000.00 EUR"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A broken case fails the check line with status 1.
    let fr = cases.join("clearview-fr.toml");
    let text = std::fs::read_to_string(&fr).unwrap();
    std::fs::write(
        &fr,
        text.replace("accrued = \"11600000\"", "accrued = \"11500000\""),
    )
    .unwrap();
    let check = commands
        .iter()
        .find(|c| c.starts_with("penalty check"))
        .unwrap();
    let out = run_line(check, dir.path(), AS_OF);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("clearview-fr.toml:"));
}

#[test]
fn failed_assertions_beyond_fifty_are_counted_not_shown() {
    // 60 assertions that each expect 1 day too many: 50 are shown, then a count of the rest.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "[case]\nid = \"many\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n\n[[order]]\nid = \"o\"\nstarts = 2022-12-19\nrate = \"100000\"\n",
    );
    for _ in 0..60 {
        text.push_str("\n[[expect]]\nas_of = 2022-12-19\norder = \"o\"\ndays = 2\n");
    }
    std::fs::write(dir.path().join("many.toml"), text).unwrap();
    let out = penalty()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr
            .matches("expected 2 days, computed 1 day (difference -1 day)")
            .count(),
        50
    );
    assert!(stderr.ends_with(
        "10 more failed figures not shown\n60 of 60 expected figures failed, in 1 file\n"
    ));
}

#[test]
fn input_errors_beyond_fifty_are_counted_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..55 {
        std::fs::write(dir.path().join(format!("bad-{i:02}.toml")), "[case\n").unwrap();
    }
    let out = penalty()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad-00.toml:1:"), "{stderr}");
    assert!(stderr.contains("bad-49.toml:1:"), "{stderr}");
    assert!(!stderr.contains("bad-50.toml"), "{stderr}");
    assert!(
        stderr.ends_with("error: 5 more errors not shown\n"),
        "{stderr}"
    );
}

#[test]
fn check_finds_figures_too_large_to_compute() {
    // Two fines at the largest decimal each: every file is valid on its own terms, but the
    // case's fines cannot be added up exactly. check reports it, as compute would.
    penalty()
        .args(["check", "tests/data/bad/overflow-fines.toml"])
        .assert()
        .code(2)
        .stderr(contains("cannot be added up exactly"));
}

#[test]
fn output_to_a_pipe_or_device_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    // `-o /dev/null` must not rename a regular file over the device; a FIFO stands in for
    // it here, so that a failure cannot damage the machine's /dev.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this system
    }
    // The reader sends what it read; a timeout, not a hang, if the FIFO was replaced.
    let (sent, received) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let _ = sent.send(std::fs::read_to_string(fifo));
        });
    }
    penalty()
        .args(["compute", "cases/", "--format", "csv", "-o"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .success();
    let text = received
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the report reached the pipe")
        .unwrap();
    assert!(text.starts_with("as_of,currency,case,"), "{text}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}
