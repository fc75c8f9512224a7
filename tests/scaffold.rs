//! `penalty new`, `penalty completions`, `penalty man` and `--help`: the commands that help
//! people start a case and find their way, run as a user runs them.

use assert_cmd::Command;
use predicates::str::contains;

fn penalty() -> Command {
    let mut cmd = Command::cargo_bin("penalty").unwrap();
    cmd.env_remove("PENALTY_AS_OF")
        .env("PENALTY_TODAY", "2026-11-22")
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn new_astreinte_passes_check_and_a_second_new_leaves_the_file_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    penalty()
        .current_dir(dir.path())
        .args(["new", "x", "--template", "astreinte"])
        .assert()
        .code(0)
        .stdout(
            "created x.toml from the astreinte template: replace its example figures, then run `penalty check x.toml`\n",
        );
    penalty()
        .current_dir(dir.path())
        .args(["check", "x.toml", "--deny-warnings"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");

    // The user edits the file; `penalty new x` again must not touch it.
    let path = dir.path().join("x.toml");
    let edited = std::fs::read_to_string(&path).unwrap() + "# edited by hand\n";
    std::fs::write(&path, &edited).unwrap();
    penalty()
        .current_dir(dir.path())
        .args(["new", "x"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: x.toml already exists and was left unchanged: choose another CASE_ID or --dir, or remove the file first\n");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn every_template_passes_check_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    for template in ["astreinte", "dwangsom", "eu-periodic", "fine"] {
        let id = format!("acme-{template}");
        penalty()
            .args(["new", &id, "--template", template, "--dir"])
            .arg(dir.path())
            .assert()
            .code(0);
        let text = std::fs::read_to_string(dir.path().join(format!("{id}.toml"))).unwrap();
        assert!(text.contains(&format!("id = \"{id}\"")), "{template}");
    }
    penalty()
        .args(["check", "--deny-warnings"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr("");
}

#[test]
fn new_refuses_a_missing_directory_and_a_case_id_that_is_not_a_file_name() {
    let dir = tempfile::tempdir().unwrap();
    penalty()
        .current_dir(dir.path())
        .args(["new", "x", "--dir", "no-such-dir"])
        .assert()
        .code(2)
        .stderr(
            "error: no-such-dir: no such directory (create it first, or choose another --dir)\n",
        );
    penalty()
        .current_dir(dir.path())
        .args(["new", "../escape"])
        .assert()
        .code(2)
        .stderr(contains("invalid case id \"../escape\""));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn bash_completions_complete_subcommands_and_options() {
    penalty()
        .args(["completions", "bash"])
        .assert()
        .code(0)
        .stdout(contains("_penalty() {"))
        .stdout(contains("complete -F _penalty"))
        .stdout(contains("compute check new completions man"))
        .stdout(contains("--deny-warnings"))
        .stdout(contains("astreinte dwangsom eu-periodic fine"));
}

#[test]
fn completions_for_zsh_fish_and_powershell() {
    for (shell, marker) in [
        ("zsh", "#compdef penalty"),
        ("fish", "complete -c penalty"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        penalty()
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(contains(marker));
    }
}

#[test]
fn man_page_has_an_exit_status_section() {
    penalty()
        .arg("man")
        .assert()
        .code(0)
        .stdout(contains(".TH penalty 1"))
        .stdout(contains(".SH \"EXIT STATUS\""))
        .stdout(contains(".TP\n\\fB0\\fR\nsuccess"))
        .stdout(contains(".TP\n\\fB1\\fR\nan [[expect]] assertion failed"))
        .stdout(contains(".SH ENVIRONMENT\n.TP\n\\fBPENALTY_AS_OF\\fR"));
}

#[test]
fn long_help_teaches_with_examples_and_defaults() {
    penalty()
        .args(["check", "--help"])
        .assert()
        .code(0)
        .stdout(contains("EXAMPLES:\n  penalty check\n"))
        .stdout(contains("penalty check cases/ --deny-warnings"))
        .stdout(contains("[default: off"));
    penalty()
        .args(["compute", "--help"])
        .assert()
        .code(0)
        .stdout(contains("[default: today]"))
        .stdout(contains("[default: auto]"))
        .stdout(contains("[default: en]"));
    penalty()
        .args(["new", "--help"])
        .assert()
        .code(0)
        .stdout(contains("[default: astreinte]"))
        .stdout(contains("penalty new acme-fr --template astreinte"));
}
