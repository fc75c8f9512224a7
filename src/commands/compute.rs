//! `penalty compute`: per-case lines and totals per company, per jurisdiction and overall.

use super::{Status, is_projection, load, warn_stale};
use crate::cli::ComputeArgs;
use crate::exposure::build_report;
use crate::report::{Meta, Render, table::TableRenderer, write_stdout};
use chrono::NaiveDate;

/// Runs `penalty compute`.
pub fn run(args: &ComputeArgs, today: NaiveDate) -> anyhow::Result<Status> {
    let config = args.common.resolve(today)?;
    let cases = load(&args.paths)?;
    let what_if = crate::whatif::WhatIf::apply(&cases, &config.assume_compliance)?;
    let overrides = what_if.describe();
    let cases = what_if.cases;
    let report = build_report(
        &cases,
        config.as_of,
        config.currency,
        config.fx_date,
        &config.rates,
    )?;
    warn_stale(&report.rates);
    let meta = Meta {
        projection: is_projection(config.as_of, today),
        overrides,
    };
    write_stdout(&TableRenderer.render(&report, &meta))?;
    Ok(Status::Success)
}
