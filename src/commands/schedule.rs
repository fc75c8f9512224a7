//! `penalty schedule`: the timeline of a case's penalties as a table, CSV, JSON or an SVG
//! chart, as of a date and under what-if overrides.

use super::{Status, is_projection, load};
use crate::cli::{EveryArg, ScheduleArgs, ScheduleFormat};
use crate::history::{Scope, history};
use crate::report::{Output, chart, schedule as render};
use crate::schedule::{Every, ScheduleError, Span, Timeline, order_timeline};
use crate::whatif::WhatIf;
use anyhow::bail;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Runs `penalty schedule`.
pub fn run(args: &ScheduleArgs, today: NaiveDate) -> anyhow::Result<Status> {
    let as_of = args.as_of.unwrap_or(today);
    let loaded = load(std::slice::from_ref(&args.file))?;
    let what_if = WhatIf::apply(loaded, &args.assume_compliance)?.as_of(as_of);
    let case = match what_if.cases.as_slice() {
        [case] => case,
        cases => bail!(
            "{}: schedule takes one case file; found {} cases (give one file)",
            args.file.display(),
            cases.len()
        ),
    };
    let orders: Vec<_> = match &args.order {
        Some(id) => {
            let Some(order) = case.orders.iter().find(|o| &o.id == id) else {
                let ids: Vec<&str> = case.orders.iter().map(|o| o.id.as_str()).collect();
                bail!(
                    "{}: no order \"{id}\" in case \"{}\" (orders: {})",
                    case.path.display(),
                    case.id,
                    if ids.is_empty() {
                        "none".to_string()
                    } else {
                        ids.join(", ")
                    }
                );
            };
            vec![order]
        }
        None => case.orders.iter().collect(),
    };
    if orders.is_empty() {
        bail!(
            "{}: case \"{}\" has no orders, so no penalty accrues over time",
            case.path.display(),
            case.id
        );
    }
    let span = Span {
        as_of,
        every: match args.every {
            EveryArg::Day => Every::Day,
            EveryArg::Week => Every::Week,
            EveryArg::Month => Every::Month,
            EveryArg::Quarter => Every::Quarter,
            EveryArg::Year => Every::Year,
        },
        from: args.from,
        to: args.to,
    };
    // Each timeline lays out its order as known at the end of the as-of date, as every
    // figure is computed, and shows the deadline changes decided by then.
    let mut timelines = Vec::with_capacity(orders.len());
    for order in orders.iter() {
        let order: &crate::case::Order = order;
        let assumed = what_if.assumed(&case.id, &order.id).is_some();
        let timeline = order_timeline(order, span, assumed).map_err(|e| match e {
            // An overflow points at the figure that caused it, as compute's does.
            ScheduleError::Overflow(o) => anyhow::Error::new(crate::case::Diagnostics(vec![
                crate::exposure::overflow_diagnostic(case, &o),
            ])),
            other => anyhow::Error::new(other).context(case.path.display().to_string()),
        })?;
        timelines.push(timeline);
    }
    let timeline = Timeline {
        case: case.id.clone(),
        currency: case.currency,
        as_of,
        every: span.every,
        orders: timelines,
    };
    let mut meta = what_if.meta(is_projection(as_of, today));
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let wanted = output.and_then(format_of);
    if let (Some(flag), Some(wanted), Some(path)) = (args.format, wanted, output) {
        if flag != wanted {
            bail!(
                "--format {} contradicts -o {}, whose extension asks for {}; drop --format or change the extension",
                format_name(flag),
                path.display(),
                format_name(wanted)
            );
        }
    }
    let format = args.format.or(wanted).unwrap_or(ScheduleFormat::Table);
    let destination = match output {
        Some(path) => {
            refuse_input(path, &args.file)?;
            Output::File(path.to_path_buf())
        }
        None => Output::Stdout,
    };
    // The table fits the terminal, as compute's does; a file or a pipe gets every column.
    meta.width = crate::cli::terminal_width(args.width, destination == Output::Stdout);
    // Rows are written as they are made; only the chart keeps what it draws, and is drawn
    // before anything is written.
    match format {
        ScheduleFormat::Table => {
            destination.write_with(|out| render::table(&timeline, &meta, out))?;
        }
        ScheduleFormat::Csv => destination.write_with(|out| render::csv(&timeline, &meta, out))?,
        ScheduleFormat::Json => {
            destination.write_with(|out| render::json(&timeline, &meta, out))?;
        }
        ScheduleFormat::Svg => {
            // The chart shows the whole case (fines too), or only the order asked for.
            let mut shown = case.clone();
            if let Some(id) = &args.order {
                shown.fines.clear();
                shown.orders.retain(|o| &o.id == id);
            }
            let rates = crate::fx::RateTable::empty();
            let scope = Scope {
                as_of,
                today,
                from: args.from,
                to: args.to,
                currency: None,
                fx_date: crate::exposure::FxDate::AsOf,
                rates: &rates,
                charted: 1,
            };
            let subject = match &args.order {
                Some(id) => format!("{}, order {id}", case.id),
                None => case.id.clone(),
            };
            let history = history(&subject, &[&shown], scope)?;
            destination.write(&chart::svg(&[history], &meta)?)?;
        }
    }
    Ok(Status::Success)
}

/// The format a file name asks for by its extension.
fn format_of(path: &Path) -> Option<ScheduleFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "csv" => Some(ScheduleFormat::Csv),
        "json" => Some(ScheduleFormat::Json),
        "svg" => Some(ScheduleFormat::Svg),
        _ => None,
    }
}

/// A format's name, as `--format` takes it.
fn format_name(format: ScheduleFormat) -> &'static str {
    match format {
        ScheduleFormat::Table => "table",
        ScheduleFormat::Csv => "csv",
        ScheduleFormat::Json => "json",
        ScheduleFormat::Svg => "svg",
    }
}

/// Refuses to write over the case file read.
fn refuse_input(output: &Path, input: &Path) -> anyhow::Result<()> {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| PathBuf::from(p));
    if output.exists() && canonical(output) == canonical(input) {
        bail!(
            "{}: -o names the case file read; choose another output file",
            output.display()
        );
    }
    Ok(())
}
