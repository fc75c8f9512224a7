//! `penalty explain`: how each figure of `compute` was obtained, for each case given, under
//! the same options and what-if overrides as `compute`.

use super::{Status, is_projection, load, warn_stale};
use crate::cli::ExplainArgs;
use crate::exposure::build_report;
use crate::report::{Output, explain};
use crate::whatif::WhatIf;
use chrono::NaiveDate;

/// Runs `penalty explain`.
pub fn run(args: &ExplainArgs, today: NaiveDate) -> anyhow::Result<Status> {
    refuse_data_extension(&args.output)?;
    let config = args.common.resolve(today)?;
    let mut loaded = load(&args.paths)?;
    config.set_owing(&mut loaded);
    let inputs = loaded
        .iter()
        .map(|c| c.path.as_path())
        .chain(args.common.rates.iter().map(|p| p.as_path()));
    args.output.refuse_inputs(inputs)?;
    let what_if = WhatIf::apply(loaded, &config.assume_compliance)?.as_of(config.as_of);
    let report = build_report(
        &what_if.cases,
        config.as_of,
        config.currency,
        config.fx_date,
        &config.rates,
    )?;
    warn_stale(&report.rates, today);
    let mut meta = what_if.meta(is_projection(config.as_of, today));
    meta.overrides.extend(config.owing_overrides());
    args.output
        .write(&explain::render(&report, &what_if.cases, &what_if, &meta))?;
    Ok(Status::Success)
}

/// The extensions of data formats, which an explanation (sentences) is not written as.
const DATA_EXTENSIONS: [&str; 5] = ["csv", "json", "svg", "html", "htm"];

/// Refuses `-o x.csv` and the like: the explanation is text, and a file named for data would
/// mislead whoever opens it.
fn refuse_data_extension(output: &Output) -> anyhow::Result<()> {
    let Output::File(path) = output else {
        return Ok(());
    };
    let ext = path
        .extension()
        .and_then(std::ffi::OsStr::to_str)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if DATA_EXTENSIONS.contains(&ext.as_str()) {
        anyhow::bail!(
            "-o {}: explain writes sentences, not .{ext}; write it to a .txt or .md file, or use compute -o for figures as data",
            path.display()
        );
    }
    Ok(())
}
