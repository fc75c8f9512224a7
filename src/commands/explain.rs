//! `penalty explain`: how each figure of `compute` was obtained, for each case given, under
//! the same options and what-if overrides as `compute`.

use super::{Status, is_projection, load, warn_stale};
use crate::cli::ExplainArgs;
use crate::exposure::build_report;
use crate::report::{explain, write_stdout};
use crate::whatif::WhatIf;
use chrono::NaiveDate;

/// Runs `penalty explain`.
pub fn run(args: &ExplainArgs, today: NaiveDate) -> anyhow::Result<Status> {
    let config = args.common.resolve(today)?;
    let loaded = load(&args.paths)?;
    let what_if = WhatIf::apply(loaded, &config.assume_compliance)?;
    let report = build_report(
        &what_if.cases,
        config.as_of,
        config.currency,
        config.fx_date,
        &config.rates,
    )?;
    warn_stale(&report.rates);
    let meta = what_if.meta(is_projection(config.as_of, today));
    write_stdout(&explain::render(&report, &what_if.cases, &what_if, &meta))?;
    Ok(Status::Success)
}
