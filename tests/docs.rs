//! Docs that cannot rot: every `$ penalty ...` command shown in a ```` ```console ```` or
//! ```` ```sh ```` block of README.md and docs/*.md is run against the built binary, and what
//! it prints is compared with the lines that follow it in the document.
//!
//! The convention (docs/contributing.md describes it for writers):
//! - a line `$ penalty ARGS` is a command; the lines after it, up to the next `$ ` line or the
//!   end of the block, are what it prints, stdout and stderr together, as a terminal shows
//!   them; leading `NAME=value` words set environment variables;
//! - a line `? N` right after the command gives the exit status it must end with (default 0);
//! - a line `...` matches any number of lines, and `[..]` matches any text within a line;
//! - `$ ` lines running anything other than `penalty` are shown, not run.
//!
//! Each document runs in a fresh temporary directory holding copies of `cases/` and
//! `tests/data/`, with `PENALTY_AS_OF=2026-11-22` (and `PENALTY_TODAY`, so projections are marked the same
//! whatever the day), `NO_COLOR=1` and no `COLUMNS` (tables are whole, as into a pipe; a
//! command can set `COLUMNS=80` itself), so commands
//! that write files (`penalty new`) leave the repository alone and the figures do not move
//! with the clock. Commands of one document run in order and share its directory.
//!
//! `DOCS_BLESS=1 cargo test --test docs` rewrites the expected output in place with what the
//! commands print now (wildcards included in a rewritten block are lost: put them back).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The as-of date every documented command runs with.
const AS_OF: &str = "2026-11-22";

/// A documented command and what it must print.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    /// 1-based line of the `$ ` line in the document.
    line: usize,
    /// The command as written, after `$ `.
    text: String,
    /// Environment variables set before the command.
    env: Vec<(String, String)>,
    /// The arguments after `penalty`.
    args: Vec<String>,
    /// The exit status it must end with.
    status: i32,
    /// The expected lines (with `...` and `[..]` wildcards).
    expected: Vec<String>,
    /// The 0-based range of document lines holding the status and expected lines.
    range: std::ops::Range<usize>,
    /// The indentation of the block, re-added when blessing.
    indent: String,
}

/// Splits a command line the way a POSIX shell would for the simple commands the docs use:
/// words, single and double quotes, backslash escapes and a trailing `# comment`. Pipes,
/// redirections and command lists are refused, because the harness runs one process.
fn split(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("unclosed single quote".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c) => word.push(c),
                            None => return Err("unclosed double quote".into()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("unclosed double quote".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    word.push(c);
                }
            }
            '#' if !in_word => break,
            '|' | '>' | '<' | ';' | '&' | '`' | '$' => {
                return Err(format!(
                    "{c:?} is not supported: a documented command runs one process, without a shell"
                ));
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// Whether a word is an environment assignment such as `PENALTY_AS_OF=2023-04-13`.
fn assignment(word: &str) -> Option<(String, String)> {
    let (name, value) = word.split_once('=')?;
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    valid.then(|| (name.to_string(), value.to_string()))
}

/// The documented commands of a Markdown text.
fn parse(text: &str) -> Result<Vec<Step>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut steps = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        let ticks = trimmed.chars().take_while(|&c| c == '`').count();
        if ticks < 3 {
            i += 1;
            continue;
        }
        let info = &trimmed[ticks..];
        let indent = lines[i][..lines[i].len() - trimmed.len()].to_string();
        let lang = info.split_whitespace().next().unwrap_or("");
        let runs = matches!(lang, "console" | "sh");
        // A fence closes with at least as many backticks as it opened with, and nothing else.
        let closes = |line: &str| {
            let t = line.trim();
            t.len() >= ticks && t.chars().all(|c| c == '`')
        };
        let end = (i + 1..lines.len())
            .find(|&j| closes(lines[j]))
            .unwrap_or(lines.len());
        if runs {
            let body = |k: usize| lines[k].strip_prefix(indent.as_str()).unwrap_or(lines[k]);
            let mut k = i + 1;
            while k < end {
                let Some(command) = body(k).strip_prefix("$ ") else {
                    k += 1;
                    continue;
                };
                let mut out_start = k + 1;
                let mut out_end = out_start;
                while out_end < end && !body(out_end).starts_with("$ ") {
                    out_end += 1;
                }
                let words = split(command).map_err(|e| format!("line {}: {e}", k + 1))?;
                let mut env = Vec::new();
                let mut rest = words.as_slice();
                while let Some((first, tail)) = rest.split_first() {
                    match assignment(first) {
                        Some(pair) => {
                            env.push(pair);
                            rest = tail;
                        }
                        None => break,
                    }
                }
                if let Some((program, args)) = rest.split_first()
                    && program == "penalty"
                {
                    let mut status = 0;
                    if out_start < out_end
                        && let Some(code) = body(out_start).strip_prefix("? ")
                    {
                        status = code.trim().parse().map_err(|_| {
                            format!(
                                "line {}: expected `? N` with N an exit status",
                                out_start + 1
                            )
                        })?;
                        out_start += 1;
                    }
                    let mut expected: Vec<String> = (out_start..out_end)
                        .map(|n| body(n).trim_end().to_string())
                        .collect();
                    while expected.last().is_some_and(|l| l.is_empty()) {
                        expected.pop();
                    }
                    steps.push(Step {
                        line: k + 1,
                        text: command.to_string(),
                        env,
                        args: args.to_vec(),
                        status,
                        expected,
                        range: k + 1..out_end,
                        indent: indent.clone(),
                    });
                }
                k = out_end;
            }
        }
        i = end + 1;
    }
    Ok(steps)
}

/// Whether one line matches an expected line, where `[..]` matches any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let parts: Vec<&str> = expected.split("[..]").collect();
    if parts.len() == 1 {
        return expected == actual;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first) || actual.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &actual[first.len()..];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Whether the actual lines match the expected ones, where a `...` line matches any number of
/// lines.
fn lines_match(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e == "..." => {
            (0..=actual.len()).any(|skip| lines_match(rest, &actual[skip..]))
        }
        Some((e, rest)) => {
            !actual.is_empty() && line_matches(e, actual[0]) && lines_match(rest, &actual[1..])
        }
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A fresh directory with copies of `cases/` and `tests/data/`.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["cases", "tests/data"] {
        let from = repo().join(sub);
        if from.is_dir() {
            copy_dir(&from, &dir.path().join(sub));
        }
    }
    dir
}

/// Runs one step in `dir`: its exit status and its output, stdout and stderr interleaved as
/// they were written.
fn run(step: &Step, dir: &Path) -> (i32, String) {
    let log = tempfile::tempfile().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_penalty"));
    cmd.args(&step.args)
        .current_dir(dir)
        .env("PENALTY_AS_OF", AS_OF)
        .env("PENALTY_TODAY", AS_OF)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        // Rates stored by `penalty rates update` stay in the document's directory.
        .env("PENALTY_RATES_DIR", "penalty-rates")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log.try_clone().unwrap());
    for (name, value) in &step.env {
        cmd.env(name, value);
    }
    let status = cmd.status().unwrap().code().unwrap_or(-1);
    let mut log = log;
    use std::io::{Read, Seek};
    log.rewind().unwrap();
    let mut out = String::new();
    log.read_to_string(&mut out).unwrap();
    (status, out)
}

/// The documents whose commands are run: README.md and docs/*.md, those that exist.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![repo().join("README.md")];
    if let Ok(entries) = std::fs::read_dir(repo().join("docs")) {
        let mut md: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        md.sort();
        docs.extend(md);
    }
    docs.into_iter().filter(|p| p.is_file()).collect()
}

#[test]
fn documented_commands_print_what_the_docs_show() {
    let bless = std::env::var_os("DOCS_BLESS").is_some_and(|v| !v.is_empty());
    let mut failures = Vec::new();
    let mut ran = 0;
    for doc in documents() {
        let name = doc
            .strip_prefix(repo())
            .unwrap_or(&doc)
            .display()
            .to_string();
        let text = std::fs::read_to_string(&doc).unwrap();
        let steps = match parse(&text) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        if steps.is_empty() {
            continue;
        }
        let dir = sandbox();
        let mut replacements = Vec::new();
        for step in &steps {
            ran += 1;
            let (status, output) = run(step, dir.path());
            let actual: Vec<&str> = output.lines().map(str::trim_end).collect();
            let mut actual_trimmed = actual.as_slice();
            while actual_trimmed.last().is_some_and(|l| l.is_empty()) {
                actual_trimmed = &actual_trimmed[..actual_trimmed.len() - 1];
            }
            if status == step.status && lines_match(&step.expected, actual_trimmed) {
                continue;
            }
            if bless {
                let mut lines = Vec::new();
                if status != 0 {
                    lines.push(format!("{}? {status}", step.indent));
                }
                lines.extend(
                    actual_trimmed
                        .iter()
                        .map(|l| format!("{}{l}", step.indent).trim_end().to_string()),
                );
                replacements.push((step.range.clone(), lines));
            } else {
                failures.push(format!(
                    "{name}:{}: $ {}\n--- expected (exit {}):\n{}\n--- actual (exit {status}):\n{}",
                    step.line,
                    step.text,
                    step.status,
                    step.expected.join("\n"),
                    actual_trimmed.join("\n")
                ));
            }
        }
        if bless && !replacements.is_empty() {
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            for (range, new) in replacements.into_iter().rev() {
                lines.splice(range, new);
            }
            let mut new_text = lines.join("\n");
            if text.ends_with('\n') {
                new_text.push('\n');
            }
            std::fs::write(&doc, new_text).unwrap();
        }
    }
    eprintln!("ran {ran} documented commands");
    assert!(
        failures.is_empty(),
        "{} documented command(s) do not print what the docs show (DOCS_BLESS=1 rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn commands_are_found_in_console_and_sh_blocks_only() {
    let doc = "\
Text.

```console
$ penalty check cases/
$ penalty check tests/data/limits --deny-warnings   # a comment
? 1
warning: [..]
...
```

```toml
$ penalty not-run
```

````markdown
```console
$ penalty not-run-either
```
````

```sh
$ cargo install --path .
Installed.
$ PENALTY_AS_OF=2023-04-13 penalty compute 'cases/clearview-fr.toml'
Figures as of 2023-04-13, in EUR

```
";
    let steps = parse(doc).unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0].args, ["check", "cases/"]);
    assert_eq!(steps[0].expected, Vec::<String>::new());
    assert_eq!(steps[0].line, 4);
    assert_eq!(
        steps[1].args,
        ["check", "tests/data/limits", "--deny-warnings"]
    );
    assert_eq!(steps[1].status, 1);
    assert_eq!(steps[1].expected, ["warning: [..]", "..."]);
    assert_eq!(
        steps[2].env,
        [("PENALTY_AS_OF".to_string(), "2023-04-13".to_string())]
    );
    assert_eq!(steps[2].args, ["compute", "cases/clearview-fr.toml"]);
    assert_eq!(steps[2].expected, ["Figures as of 2023-04-13, in EUR"]);
}

#[test]
fn shell_features_beyond_one_process_are_refused() {
    assert!(split("penalty compute | head").is_err());
    assert!(split("penalty man > penalty.1").is_err());
    assert_eq!(
        split(r#"penalty new "a b" it\'s"#).unwrap(),
        ["penalty", "new", "a b", "it's"]
    );
}

#[test]
fn wildcards_match_lines_and_text() {
    let e = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(line_matches(
        "warning: [..] (art. 20[..])",
        "warning: x.toml:1:1: above (art. 20, loi)"
    ));
    assert!(!line_matches("warning: [..]!", "warning: no"));
    assert!(lines_match(&e(&["a", "...", "z"]), &["a", "b", "c", "z"]));
    assert!(lines_match(&e(&["a", "...", "z"]), &["a", "z"]));
    assert!(!lines_match(&e(&["a", "z"]), &["a", "b", "z"]));
    assert!(lines_match(&e(&["..."]), &[]));
}
