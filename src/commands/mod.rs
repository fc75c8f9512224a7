//! The subcommands: glue between the command line, the case loader, the engine and the
//! renderers. Each subcommand is one function.

mod chart;
mod check;
mod completions;
mod compute;
mod explain;
mod man;
mod new;
mod rates;
mod schedule;

use crate::case::Diagnostics;
use crate::cli::{Cli, Command};
use crate::fx::RateUsed;
use chrono::NaiveDate;
use std::process::ExitCode;

/// The documented exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 0: success.
    Success,
    /// 1: an assertion failed or a threshold was crossed.
    Failure,
    /// 2: an error (bad input, unreadable file, bad arguments).
    Error,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(match s {
            Status::Success => 0,
            Status::Failure => 1,
            Status::Error => 2,
        })
    }
}

/// Runs a parsed command line. Today's date is read here, once: from `PENALTY_TODAY` when
/// it is set (so that a projection's marking can be tested and reproduced), else the clock.
pub fn run(cli: Cli) -> anyhow::Result<Status> {
    let today = match std::env::var("PENALTY_TODAY") {
        Ok(text) => {
            crate::cli::parse_date(&text).map_err(|e| anyhow::anyhow!("PENALTY_TODAY: {e}"))?
        }
        Err(_) => chrono::Local::now().date_naive(),
    };
    match cli.command {
        Command::Schedule(args) => schedule::run(&args, today),
        Command::Chart(args) => chart::run(&args, today),
        Command::Explain(args) => explain::run(&args, today),
        Command::Compute(args) => compute::run(&args, today),
        Command::Check(args) => check::run(&args, today),
        Command::New(args) => new::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man => man::run(),
        Command::Rates(args) => rates::run(&args, today),
    }
}

/// The directory read when no path is given (clap's default for the path arguments).
const DEFAULT_DIR: &str = "cases";

/// Loads cases, turning diagnostics into one error. Run outside a case library with no
/// path, the error says that `./cases` is the default rather than only that it is missing.
fn load(paths: &[std::path::PathBuf]) -> anyhow::Result<Vec<crate::case::Case>> {
    load_with(paths, |case| case, |case| (&case.id, &case.path))
}

/// Like [`load`], but each case is turned into what `make` makes of it as it is read (see
/// [`crate::case::load_paths_with`]).
fn load_with<T: Send>(
    paths: &[std::path::PathBuf],
    make: impl Fn(crate::case::Case) -> T + Sync,
    key: impl Fn(&T) -> (&str, &std::path::Path),
) -> anyhow::Result<Vec<T>> {
    if let [only] = paths {
        if only.as_os_str() == DEFAULT_DIR && std::fs::symlink_metadata(only).is_err() {
            anyhow::bail!(
                "./{DEFAULT_DIR} does not exist here: with no path given, penalty reads the case files in ./{DEFAULT_DIR}; name the files or directories to read"
            );
        }
    }
    crate::case::load_paths_with(paths, make, key).map_err(|d: Diagnostics| anyhow::Error::new(d))
}

/// Warns on stderr about rates older than seven days before their valuation date; for a
/// valuation date after `today` (a projection), says that no rate exists yet for it.
fn warn_stale<'a>(rates: impl IntoIterator<Item = &'a RateUsed>, today: NaiveDate) {
    let warnings = rates.into_iter().filter(|r| r.stale).map(|r| {
        let age = (r.valuation_date - r.date).num_days();
        let advice = if r.valuation_date > today {
            "no rate is published for a day after today: the projection converts at the latest rate known; run `penalty rates update` for the ECB's latest, or pass an assumed rate with --rates FILE"
        } else {
            "run `penalty rates update` for the ECB's latest, or pass newer rates with --rates FILE"
        };
        (
            format!("stale {} rates", r.currency),
            format!(
                "the latest {} rate on or before {} is of {} ({} days older); {advice}",
                r.currency, r.valuation_date, r.date, age
            ),
        )
    });
    print_warnings(&mut std::io::stderr().lock(), warnings);
}

/// How many warnings of one kind a run prints before it summarises the rest.
pub const ALIKE_SHOWN: usize = 3;

/// Writes `warnings` (each a kind and its text), `warning: ` before each, at most
/// [`ALIKE_SHOWN`] of each kind; then, for each kind with more, in the order the kinds came,
/// one line: `warning: and 1,994 more like it (KIND)`. A closed stream is not an error.
pub fn print_warnings(
    out: &mut dyn std::io::Write,
    warnings: impl IntoIterator<Item = (String, String)>,
) {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (kind, text) in warnings {
        let i = match seen.iter().position(|(k, _)| *k == kind) {
            Some(i) => i,
            None => {
                seen.push((kind, 0));
                seen.len() - 1
            }
        };
        seen[i].1 += 1;
        if seen[i].1 <= ALIKE_SHOWN {
            let _ = writeln!(out, "warning: {text}");
        }
    }
    for (kind, n) in seen.iter().filter(|(_, n)| *n > ALIKE_SHOWN) {
        let _ = writeln!(
            out,
            "warning: and {} more like it ({kind})",
            grouped(*n - ALIKE_SHOWN)
        );
    }
}

/// A count with thousands separators: 1994 -> "1,994".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether `as_of` lies after `today`.
fn is_projection(as_of: NaiveDate, today: NaiveDate) -> bool {
    as_of > today
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_of_one_kind_beyond_three_are_summarised() {
        let warnings = (0..1997)
            .map(|i| ("cap".to_string(), format!("case {i} has no cap")))
            .chain([("rate".to_string(), "GBP is stale".to_string())]);
        let mut out = Vec::new();
        print_warnings(&mut out, warnings);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "warning: case 0 has no cap\nwarning: case 1 has no cap\nwarning: case 2 has no cap\nwarning: GBP is stale\nwarning: and 1,994 more like it (cap)\n"
        );
    }

    #[test]
    fn counts_get_separators() {
        assert_eq!(grouped(7), "7");
        assert_eq!(grouped(1994), "1,994");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
