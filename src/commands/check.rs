//! `penalty check`: load every case, reporting all input errors at once, then warn about
//! figures above a statutory limit (`limits`). With `--deny-warnings` a warning fails the
//! check (exit status 1), so CI can hold a portfolio to the law's maxima.

use super::{Status, load};
use crate::cli::CheckArgs;
use crate::limits::statutory_warnings;

/// Runs `penalty check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<Status> {
    let cases = load(&args.paths)?;
    let warnings: Vec<_> = cases.iter().flat_map(statutory_warnings).collect();
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    if args.deny_warnings && !warnings.is_empty() {
        eprintln!(
            "check failed: {} statutory-limit warning{} (--deny-warnings)",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        );
        return Ok(Status::Failure);
    }
    Ok(Status::Success)
}
