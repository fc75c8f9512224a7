//! The subcommands: glue between the command line, the case loader, the engine and the
//! renderers. Each subcommand is one function.

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
        Command::Explain(args) => explain::run(&args, today),
        Command::Compute(args) => compute::run(&args, today),
        Command::Check(args) => check::run(&args, today),
        Command::New(args) => new::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man => man::run(),
        Command::Rates(args) => rates::run(&args, today),
    }
}

/// Loads cases, turning diagnostics into one error.
fn load(paths: &[std::path::PathBuf]) -> anyhow::Result<Vec<crate::case::Case>> {
    crate::case::load_paths(paths).map_err(|d: Diagnostics| anyhow::Error::new(d))
}

/// Warns on stderr about rates older than seven days before their valuation date.
fn warn_stale<'a>(rates: impl IntoIterator<Item = &'a RateUsed>) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    for r in rates.into_iter().filter(|r| r.stale) {
        let age = (r.valuation_date - r.date).num_days();
        // A closed stderr is not an error (nor a panic, as with eprintln!).
        let _ = writeln!(
            err,
            "warning: the latest {} rate on or before {} is of {} ({} days older); run `penalty rates update` for the ECB's latest, or pass newer rates with --rates FILE",
            r.currency, r.valuation_date, r.date, age
        );
    }
}

/// Whether `as_of` lies after `today`.
fn is_projection(as_of: NaiveDate, today: NaiveDate) -> bool {
    as_of > today
}
