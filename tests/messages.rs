//! Messages for people: the default path named when it is missing, and a warning repeated
//! many times in one run summarised after the first few.

use assert_cmd::Command;

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22")
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn outside_a_case_library_the_default_path_is_named() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["compute", "check"] {
        penalty()
            .current_dir(dir.path())
            .arg(command)
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                "error: ./cases does not exist here: with no path given, penalty reads the case files in ./cases; name the files or directories to read\n",
            );
    }
}

#[test]
fn a_statutory_warning_repeated_in_many_files_is_summarised_after_three() {
    // Seven copies of a CNIL order of EUR 150,000 a day: three warnings shown, four summed up.
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/limits/cnil-astreinte-150k.toml"),
    )
    .unwrap();
    let id_line = source
        .lines()
        .find(|l| l.starts_with("id = "))
        .unwrap()
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    for i in 1..=7 {
        let text = source.replacen(&id_line, &format!("id = \"acme-{i}\""), 1);
        std::fs::write(dir.path().join(format!("acme-{i}.toml")), text).unwrap();
    }
    let out = penalty()
        .current_dir(dir.path())
        .args(["check", "."])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 4, "{err}");
    for (n, w) in warnings[..3].iter().enumerate() {
        assert!(
            w.starts_with(&format!("warning: ./acme-{}.toml:14:8: order \"stop-processing\" charges EUR 150,000.00 per day", n + 1)),
            "{w}"
        );
    }
    assert_eq!(
        warnings[3],
        "warning: and 4 more like it (art. 20, loi n° 78-17 du 6 janvier 1978)"
    );
    // --deny-warnings still counts every one.
    penalty()
        .current_dir(dir.path())
        .args(["check", ".", "--deny-warnings"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "check failed: 7 statutory-limit warnings (--deny-warnings)",
        ));
}
