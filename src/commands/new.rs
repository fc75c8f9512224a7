//! `penalty new CASE_ID`: a commented starter case file for one regime, so a new case starts
//! from a file that already passes `penalty check` and names every common key. It never
//! overwrites: an existing file is an error and stays as it was.

use super::Status;
use crate::cli::{NewArgs, Template};
use crate::report::write_stdout;
use anyhow::{Context, bail};
use clap::ValueEnum;
use std::io::Write;

/// The placeholder a template carries where the case id goes.
const PLACEHOLDER: &str = "{{CASE_ID}}";

/// The longest case id accepted, so the file name stays portable.
const MAX_ID_LEN: usize = 100;

/// The text of a template, with `{{CASE_ID}}` where the case id goes.
pub fn template_text(template: Template) -> &'static str {
    match template {
        Template::Astreinte => include_str!("../templates/astreinte.toml"),
        Template::Dwangsom => include_str!("../templates/dwangsom.toml"),
        Template::EuPeriodic => include_str!("../templates/eu-periodic.toml"),
        Template::Fine => include_str!("../templates/fine.toml"),
    }
}

/// The starter file for `case_id`.
pub fn render(template: Template, case_id: &str) -> String {
    template_text(template).replace(PLACEHOLDER, case_id)
}

/// The template's name as written on the command line.
fn name(template: Template) -> String {
    template
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

/// Checks that a case id can be a file name and a TOML string as it is.
pub fn check_case_id(id: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if id.is_empty()
        || id.len() > MAX_ID_LEN
        || !id.chars().all(allowed)
        || !id.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        return Err(format!(
            "invalid case id {id:?}: expected 1 to {MAX_ID_LEN} letters, digits, '-', '_' or '.', starting with a letter or digit, such as \"acme-fr\""
        ));
    }
    Ok(())
}

/// Runs `penalty new`.
pub fn run(args: &NewArgs) -> anyhow::Result<Status> {
    let id = args.case_id.strip_suffix(".toml").unwrap_or(&args.case_id);
    check_case_id(id).map_err(anyhow::Error::msg)?;
    if !args.dir.is_dir() {
        bail!(
            "{}: no such directory (create it first, or choose another --dir)",
            args.dir.display()
        );
    }
    let file = format!("{id}.toml");
    let path = if args.dir == std::path::Path::new(".") {
        std::path::PathBuf::from(file)
    } else {
        args.dir.join(file)
    };
    let text = render(args.template, id);
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists and was left unchanged: choose another CASE_ID or --dir, or remove the file first",
            path.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
    };
    if let Err(e) = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
    {
        drop(file);
        let _ = std::fs::remove_file(&path);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    write_stdout(&format!(
        "created {} from the {} template: replace its example figures, then run `penalty check {}`\n",
        path.display(),
        name(args.template),
        path.display()
    ))?;
    Ok(Status::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_template_is_a_valid_case_without_warnings() {
        for t in Template::value_variants() {
            let text = render(*t, "acme");
            assert!(!text.contains(PLACEHOLDER));
            let case = crate::case::load_case_str(Path::new("acme.toml"), &text)
                .unwrap_or_else(|e| panic!("{}: {}", name(*t), crate::case::Diagnostics(e)));
            assert_eq!(case.id, "acme");
            assert!(!case.expects.is_empty(), "{} has no [[expect]]", name(*t));
            assert_eq!(
                crate::limits::statutory_warnings_in(&case, Some(&text)),
                vec![]
            );
        }
    }

    #[test]
    fn case_ids_must_be_plain_file_names() {
        assert_eq!(check_case_id("acme-fr_2.v1"), Ok(()));
        for bad in ["", "../x", "a/b", "-x", ".x", "a b", "é", "a\"b"] {
            assert!(check_case_id(bad).is_err(), "{bad:?} accepted");
        }
    }
}
