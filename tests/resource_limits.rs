//! Hostile files get a clear error in bounded time and memory, never a crash: deep nesting,
//! a 100 MB file, symbolic link loops, unreadable files, binary data, special files, and a
//! file with more errors than are worth printing. The inputs are generated in a temporary
//! directory.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

const HEADER: &str =
    "[case]\nid = \"x\"\ncompany = \"Example SA\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n";

/// Runs `penalty compute PATH --as-of 2026-11-22` in `dir`: (exit status, stdout, stderr).
fn compute(dir: &Path, path: &str) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("penalty")
        .unwrap()
        .current_dir(dir)
        .env_remove("PENALTY_AS_OF")
        .args(["compute", path, "--as-of", "2026-11-22"])
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts exit status 2, nothing on stdout, and a first stderr line equal to `headline`.
fn assert_rejected(dir: &Path, path: &str, headline: &str) -> String {
    let (code, stdout, stderr) = compute(dir, path);
    assert_eq!(code, Some(2), "stderr: {stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr.lines().next(), Some(headline), "stderr: {stderr}");
    stderr
}

#[test]
fn a_hundred_thousand_nested_arrays_are_refused_without_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{HEADER}notes = {}\n", "[".repeat(100_000));
    fs::write(dir.path().join("deep.toml"), text).unwrap();
    // TOML readers stop at 80 levels: the 81st "[" is in column 89 of line 6.
    let stderr = assert_rejected(
        dir.path(),
        "deep.toml",
        "error: deep.toml:6:89: arrays or tables nested too deeply",
    );
    // The excerpt shows a window of the 100,000-character line, not all of it.
    assert!(stderr.len() < 2_000, "{} bytes of stderr", stderr.len());
}

#[test]
fn a_hundred_thousand_nested_inline_tables_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{HEADER}notes = {}\n", "{a=".repeat(100_000));
    fs::write(dir.path().join("deep.toml"), text).unwrap();
    // "notes = " is 8 characters and each "{a=" 3: the 81st "{" is at column 9 + 80 x 3.
    assert_rejected(
        dir.path(),
        "deep.toml",
        "error: deep.toml:6:249: arrays or tables nested too deeply",
    );
}

#[test]
fn a_hundred_thousand_opening_brackets_are_not_toml() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("brackets.toml"), "[".repeat(100_000)).unwrap();
    assert_rejected(
        dir.path(),
        "brackets.toml",
        "error: brackets.toml:1:3: unquoted keys cannot be empty, expected letters, numbers, \"-\", \"_\"",
    );
}

#[test]
fn a_100_mb_file_is_refused_from_its_size_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse file: 100 MB long, taking no disk space.
    let file = fs::File::create(dir.path().join("huge.toml")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    assert_rejected(
        dir.path(),
        "huge.toml",
        "error: huge.toml: the file is larger than 8 MiB, too large for a case file",
    );
    // The same inside a directory.
    assert_rejected(
        dir.path(),
        ".",
        "error: ./huge.toml: the file is larger than 8 MiB, too large for a case file",
    );
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_read_only_up_to_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    assert_rejected(
        dir.path(),
        "/dev/zero",
        "error: /dev/zero: the file is larger than 8 MiB, too large for a case file",
    );
}

#[test]
fn a_megabyte_of_binary_data_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    // 0xFF never occurs in UTF-8; the first byte is already invalid.
    let bytes: Vec<u8> = (0..1_000_000u32).map(|i| (i % 7) as u8 | 0xF8).collect();
    fs::write(dir.path().join("binary.toml"), bytes).unwrap();
    assert_rejected(
        dir.path(),
        "binary.toml",
        "error: binary.toml:1:1: the file is not UTF-8 text (byte 0xF8 here is not UTF-8): save it as UTF-8",
    );
}

#[cfg(unix)]
#[test]
fn a_directory_that_links_to_itself_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    fs::create_dir(&cases).unwrap();
    fs::write(
        cases.join("x.toml"),
        format!("{HEADER}\n[[fine]]\nid = \"f\"\namount = \"100\"\ndecided = 2024-01-01\n"),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", cases.join("loop")).unwrap();
    std::os::unix::fs::symlink(".", cases.join("self")).unwrap();
    let (code, stdout, stderr) = compute(dir.path(), "cases");
    assert_eq!(code, Some(0), "stderr: {stderr}");
    // The one case, counted once: 100 enforceable, exposure 100.
    let line = stdout.lines().find(|l| l.starts_with("x ")).unwrap();
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        [
            "x", "FR", "100.00", "0.00", "0.00", "0.00", "0.00", "0.00", "100.00", "100.00",
            "0.00", "0.00"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_case_file_that_links_to_itself_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    fs::create_dir(&cases).unwrap();
    std::os::unix::fs::symlink("a.toml", cases.join("a.toml")).unwrap();
    assert_rejected(
        dir.path(),
        "cases",
        "error: cases/a.toml: too many levels of symbolic links",
    );
    assert_rejected(
        dir.path(),
        "cases/a.toml",
        "error: cases/a.toml: too many levels of symbolic links",
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.toml");
    fs::write(&path, HEADER).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Running as root (as in some containers): permissions do not stop reading, so
        // there is no unreadable file to test with.
        return;
    }
    assert_rejected(
        dir.path(),
        "locked.toml",
        "error: locked.toml: cannot open: permission denied",
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_directory_is_skipped_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    fs::create_dir(&cases).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(cases.join("pipe.toml"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        // No mkfifo on this system.
        return;
    }
    assert_rejected(
        dir.path(),
        "cases",
        "error: cases: no case files (*.toml) in this directory",
    );
}

#[test]
fn sixty_errors_show_fifty_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        format!("{HEADER}\n[[fine]]\nid = \"f\"\namount = \"100\"\ndecided = 2024-01-01\n");
    for _ in 0..60 {
        text.push_str("\n[[payment]]\ndate = 2024-02-01\namount = \"-1\"\napplies_to = \"f\"\n");
    }
    fs::write(dir.path().join("many.toml"), text).unwrap();
    let (code, _, stderr) = compute(dir.path(), "many.toml");
    assert_eq!(code, Some(2));
    let headlines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(headlines.len(), 51);
    // The first payment's amount is on line 14: 6 header lines, a blank, 4 fine lines,
    // a blank, [[payment]] and date.
    assert_eq!(
        headlines[0],
        "error: many.toml:14:10: amount must be positive, found \"-1\""
    );
    assert_eq!(headlines[50], "error: 10 more errors not shown");
}

#[test]
fn an_eight_megabyte_file_full_of_errors_is_reported_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    // 100,000 fines on one line (before the [case] header, so that the line is the
    // top-level key `fine`), each with a float amount: one error each.
    let mut text = "fine = [".to_string();
    for i in 0..100_000 {
        text.push_str(&format!(
            "{{id = \"f{i}\", amount = 1.5, decided = 2024-01-01}}, "
        ));
    }
    text.push_str("]\n");
    text.push_str(HEADER);
    assert!(text.len() < 8 * 1024 * 1024);
    fs::write(dir.path().join("wide.toml"), text).unwrap();
    let (code, _, stderr) = compute(dir.path(), "wide.toml");
    assert_eq!(code, Some(2));
    let headlines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(headlines.len(), 51);
    // `fine = [{id = "f0", amount = ` is 29 characters: the first float is in column 30.
    assert_eq!(
        headlines[0],
        "error: wide.toml:1:30: amounts must be exact: write 1.5 as a string, such as \"1.5\", not as a float"
    );
    assert_eq!(headlines[50], "error: 99950 more errors not shown");
}
