//! `penalty chart`: the cumulative exposure of many cases over time, one panel per company
//! or one for them all, converted into the report currency as `compute` converts, drawn as
//! one SVG.

use super::{Status, is_projection, load, warn_stale};
use crate::case::Case;
use crate::cli::{ChartArgs, ChartBy};
use crate::history::{HistoryError, Scope, history};
use crate::report::{Output, chart};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Runs `penalty chart`.
pub fn run(args: &ChartArgs, today: NaiveDate) -> anyhow::Result<Status> {
    if let Output::File(path) = &args.output {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if let Some(ext) = ext.filter(|e| e != "svg") {
            anyhow::bail!(
                "-o {}: penalty chart writes SVG; name a .svg file (compute writes .{ext} reports)",
                path.display()
            );
        }
    }
    let config = args.common.resolve(today)?;
    let mut cases = load(&args.paths)?;
    config.set_owing(&mut cases);
    let inputs = cases
        .iter()
        .map(|c| c.path.as_path())
        .chain(args.common.rates.iter().map(|p| p.as_path()));
    args.output.refuse_inputs(inputs)?;
    let what_if = crate::whatif::WhatIf::apply(cases, &config.assume_compliance)?;
    let mut meta = what_if.meta(is_projection(config.as_of, today));
    meta.overrides.extend(config.owing_overrides());
    let selection = args.select.resolve();
    let cases = selection.apply(what_if.cases)?;
    meta.filters = selection.describe();

    let groups: Vec<(String, Vec<&Case>)> = match args.by {
        ChartBy::Total => {
            let subject = if meta.filters.is_empty() {
                "All cases"
            } else {
                "The cases selected"
            };
            vec![(subject.to_string(), cases.iter().collect())]
        }
        ChartBy::Company => {
            let mut by: BTreeMap<&str, Vec<&Case>> = BTreeMap::new();
            for c in &cases {
                by.entry(c.company.as_str()).or_default().push(c);
            }
            by.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
        }
    };
    let scope = Scope {
        as_of: config.as_of,
        today,
        from: None,
        to: None,
        currency: Some(config.currency),
        fx_date: config.fx_date,
        rates: &config.rates,
        charted: cases.len(),
    };
    let mut histories = Vec::with_capacity(groups.len());
    for (subject, members) in &groups {
        match history(subject, members, scope) {
            Ok(h) => histories.push(h),
            // A group with nothing by the as-of date has no panel.
            Err(HistoryError::Empty(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    warn_stale(histories.iter().flat_map(|h| h.rates.iter()), today);
    let svg = chart::svg(&histories, &meta)?;
    args.output.write(&svg)?;
    Ok(Status::Success)
}
