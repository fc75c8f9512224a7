//! `-o FILE`: an interrupted run leaves no temporary file and no partial report, an existing
//! file keeps its permissions, a symbolic link is written through, and files the run did not
//! create (even with a temporary-looking name) are left alone. The inputs are generated in a
//! temporary directory.

#[path = "../benches/common/mod.rs"]
mod common;

use assert_cmd::Command;
use std::path::Path;

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22");
    cmd
}

const CASE: &str = "[case]\nid = \"acme\"\ncompany = \"Acme SA\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n\n[[fine]]\nid = \"f\"\namount = \"5200000\"\ndecided = 2023-01-01\n";

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Writes the one-fine case into `dir` and runs `compute` on it with `-o out`.
fn compute_to(dir: &Path, out: &str) {
    std::fs::write(dir.join("case.toml"), CASE).unwrap();
    penalty()
        .current_dir(dir)
        .args(["compute", "case.toml", "--format", "csv", "-o", out])
        .assert()
        .success()
        .stdout("");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn an_existing_mode_600_file_stays_600() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.csv");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
    compute_to(dir.path(), "report.csv");
    assert_eq!(mode(&out), 0o600);
    // The fine of 5,200,000 is in the new content.
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("5200000.00")
    );
    assert_eq!(names(dir.path()), ["case.toml", "report.csv"]);
}

#[cfg(unix)]
#[test]
fn an_existing_group_writable_file_keeps_its_mode_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.csv");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o664)).unwrap();
    compute_to(dir.path(), "report.csv");
    assert_eq!(mode(&out), 0o664);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    let real = dir.path().join("reports").join("q4.csv");
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink("reports/q4.csv", dir.path().join("latest.csv")).unwrap();
    compute_to(dir.path(), "latest.csv");
    let link = dir.path().join("latest.csv");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("5200000.00")
    );
    assert_eq!(names(&dir.path().join("reports")), ["q4.csv"]);
    // A dangling link is written through too: the file it names is created.
    std::fs::remove_file(&real).unwrap();
    compute_to(dir.path(), "latest.csv");
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("5200000.00")
    );
}

#[test]
fn leftover_temporary_looking_files_are_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // What earlier versions named their temporary files, with any process id, and names in
    // the present form.
    let leftovers = [
        ".report.csv.1.tmp",
        ".report.csv.4242.tmp",
        ".report.csv.abcdef.tmp",
        ".report.csv..tmp",
    ];
    for name in leftovers {
        std::fs::write(dir.path().join(name), name).unwrap();
    }
    compute_to(dir.path(), "report.csv");
    compute_to(dir.path(), "report.csv");
    for name in leftovers {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            name
        );
    }
    let mut expected: Vec<&str> = leftovers.to_vec();
    expected.extend(["case.toml", "report.csv"]);
    expected.sort();
    assert_eq!(names(dir.path()), expected);
}

/// SIGINT sent to `compute -o` on a large portfolio while its temporary file exists: the
/// temporary file is gone and the target is absent or whole, whatever moment the signal
/// lands at. The run is retried until one is interrupted with its temporary file present
/// (a fast machine may finish first); every run, interrupted or not, is checked.
#[cfg(unix)]
#[test]
fn sigint_during_compute_o_leaves_no_temporary_file_and_no_partial_report() {
    interrupt_compute_o("INT", 2);
}

/// The same with SIGTERM, as a service manager or `kill` sends it.
#[cfg(unix)]
#[test]
fn sigterm_during_compute_o_leaves_no_temporary_file_and_no_partial_report() {
    interrupt_compute_o("TERM", 15);
}

/// Sends `signal` (numbered `number`) to `compute -o` runs, as described above.
#[cfg(unix)]
fn interrupt_compute_o(signal: &str, number: i32) {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    common::write_portfolio(&cases, 3000, 7).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("report.json");
    let bin = assert_cmd::cargo::cargo_bin("penalty");

    let mut interrupted_mid_write = 0;
    for _ in 0..20 {
        let _ = std::fs::remove_file(&target);
        let mut child = std::process::Command::new(&bin)
            .args(["compute", "--as-of", "2026-11-22", "--format", "json", "-o"])
            .arg(&target)
            .arg(&cases)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Watch for the temporary file, and interrupt as soon as it is there.
        let started = Instant::now();
        let mut seen = false;
        while child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(120) {
            if names(&out_dir).iter().any(|n| n.ends_with(".tmp")) {
                seen = true;
                let status = std::process::Command::new("kill")
                    .args([&format!("-{signal}"), &child.id().to_string()])
                    .status()
                    .unwrap();
                assert!(status.success());
                break;
            }
        }
        let status = child.wait().unwrap();
        assert_eq!(
            names(&out_dir)
                .iter()
                .filter(|n| *n != "report.json")
                .count(),
            0,
            "a temporary file was left: {:?}",
            names(&out_dir)
        );
        if status.signal() == Some(number) {
            // Interrupted: either before the rename (no report) or just after it.
            if target.exists() {
                let text = std::fs::read_to_string(&target).unwrap();
                serde_json::from_str::<serde_json::Value>(&text).unwrap();
            } else if seen {
                interrupted_mid_write += 1;
            }
        } else {
            assert!(status.success(), "{status:?}");
            let text = std::fs::read_to_string(&target).unwrap();
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(doc["cases"].as_array().unwrap().len(), 3000);
        }
        if interrupted_mid_write > 0 {
            break;
        }
    }
}
