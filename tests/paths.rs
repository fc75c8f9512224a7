//! A case file reached twice, by a symbolic or hard link beside it, by its directory and its own
//! name, or by two spellings of one path, is one case: read once, counted once, never a duplicate.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

const CASE: &str = "[case]\nid = \"x\"\ncompany = \"Example SA\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n\n[[fine]]\nid = \"f\"\namount = \"100\"\ndecided = 2024-01-01\n";

/// `penalty compute PATHS... --as-of 2026-11-22 --format csv` in `dir`: its stdout, after
/// asserting status 0.
fn compute_csv(dir: &Path, paths: &[&str]) -> String {
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .current_dir(dir)
        .env_remove("PENALTY_AS_OF")
        .arg("compute")
        .args(paths)
        .args(["--as-of", "2026-11-22", "--format", "csv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// The case rows of a CSV report (every line after the header).
fn case_rows(csv: &str) -> Vec<&str> {
    csv.lines().skip(1).collect()
}

fn cases_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("cases")).unwrap();
    fs::write(dir.path().join("cases/x.toml"), CASE).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_file_and_a_symbolic_link_to_it_are_one_case() {
    let dir = cases_dir();
    std::os::unix::fs::symlink("x.toml", dir.path().join("cases/y.toml")).unwrap();
    let csv = compute_csv(dir.path(), &["cases"]);
    // One row: the fine of 100.00 counted once, not refused as a duplicate case id.
    let rows = case_rows(&csv);
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(rows[0].contains(",x,Example SA,FR,100.00,"), "{csv}");
}

#[cfg(unix)]
#[test]
fn a_hard_link_is_the_same_case() {
    let dir = cases_dir();
    fs::hard_link(
        dir.path().join("cases/x.toml"),
        dir.path().join("cases/z.toml"),
    )
    .unwrap();
    let csv = compute_csv(dir.path(), &["cases"]);
    assert_eq!(case_rows(&csv).len(), 1, "{csv}");
}

#[test]
fn a_directory_and_a_file_in_it_are_read_once() {
    let dir = cases_dir();
    for paths in [
        &["cases", "cases/x.toml"][..],
        &["cases/x.toml", "cases"],
        &["cases/x.toml", "./cases/x.toml"],
        &["cases/x.toml", "cases/../cases/x.toml"],
    ] {
        let csv = compute_csv(dir.path(), paths);
        assert_eq!(case_rows(&csv).len(), 1, "{paths:?}: {csv}");
    }
}

#[test]
fn two_files_with_one_id_are_still_a_duplicate() {
    let dir = cases_dir();
    fs::write(dir.path().join("cases/y.toml"), CASE).unwrap();
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("PENALTY_AS_OF")
        .args(["compute", "cases", "--as-of", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "error: cases/y.toml:2:6: duplicate case id \"x\": cases/x.toml already has it"
        ),
        "{stderr}"
    );
}
