//! `penalty compute`: per-case lines and totals per company, per jurisdiction and overall,
//! in the format asked for, to stdout or a file; and the `--fail-above` threshold.

use super::{Status, is_projection, load, load_with, warn_stale};
use crate::case::Case;
use crate::cli::ComputeArgs;
use crate::exposure::{Report, build_report_owned, made_key, make_line, report_from_lines};
use crate::history::{Scope, history};
use crate::report::html::HtmlRenderer;
use crate::report::{By, Format, Meta, Render, chart, format_amount};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::io::Write;

/// Runs `penalty compute`.
pub fn run(args: &ComputeArgs, today: NaiveDate) -> anyhow::Result<Status> {
    let format = crate::report::Format::resolve(args.report.format, &args.report.output)?;
    let mut config = args.common.resolve(today)?;
    if args.debts {
        if format != Format::Json {
            anyhow::bail!(
                "--debts lists the debts in the JSON report; add --format json (or write to a .json file), or read them in words with `penalty explain`"
            );
        }
        config.keep_debts()?;
    }
    let projection = is_projection(config.as_of, today);
    let selection = args.select.resolve();
    let plain =
        config.assume_compliance.is_empty() && selection.is_empty() && format != Format::Html;
    let (report, overrides, filters, html) = if plain {
        // Nothing to apply to the cases as a whole: each case's line is made as it is read,
        // so that the portfolio's cases are never all held at once.
        let (as_of, currency, fx_date, rates) =
            (config.as_of, config.currency, config.fx_date, &config.rates);
        let made = load_with(
            &args.paths,
            |mut case| {
                config.set_owing(std::slice::from_mut(&mut case));
                make_line(case, as_of, currency, fx_date, rates)
            },
            made_key,
        )?;
        let inputs = made
            .iter()
            .map(|m| made_key(m).1)
            .chain(args.common.rates.iter().map(|p| p.as_path()));
        args.report.output.refuse_inputs(inputs)?;
        let report = report_from_lines(made, as_of, currency, fx_date)?;
        (report, config.owing_overrides(), Vec::new(), None)
    } else {
        let mut cases = load(&args.paths)?;
        config.set_owing(&mut cases);
        let inputs = cases
            .iter()
            .map(|c| c.path.as_path())
            .chain(args.common.rates.iter().map(|p| p.as_path()));
        args.report.output.refuse_inputs(inputs)?;
        let what_if =
            crate::whatif::WhatIf::apply(cases, &config.assume_compliance)?.as_of(config.as_of);
        let mut overrides = what_if.describe();
        overrides.extend(config.owing_overrides());
        let mut chart_meta = what_if.meta(projection);
        chart_meta.overrides.extend(config.owing_overrides());
        let cases = selection.apply(what_if.cases)?;
        let filters = selection.describe();
        let html = (format == Format::Html)
            .then(|| html_renderer(&cases, &chart_meta, config.as_of, today));
        let report = build_report_owned(
            cases,
            config.as_of,
            config.currency,
            config.fx_date,
            &config.rates,
        )?;
        (report, overrides, filters, html)
    };
    warn_stale(&report.rates, today);
    let meta = Meta {
        projection,
        overrides,
        filters,
        formatting: args.display.resolve(),
        by: args.report.by,
        columns: args.report.columns.clone().map(|c| c.0),
        width: args
            .display
            .width(args.report.output == crate::report::Output::Stdout),
    };
    let renderer: Box<dyn Render> = match html {
        Some(html) => Box::new(html),
        None => format.renderer(),
    };
    args.report
        .output
        .write_with(|out| renderer.render_to(&report, &meta, out))?;
    let Some(limit) = args.fail_above else {
        return Ok(Status::Success);
    };
    let crossed = crossed(&report, args.report.by, limit, &meta.filters);
    let mut err = std::io::stderr().lock();
    for reason in &crossed {
        let _ = writeln!(err, "{reason}");
    }
    Ok(if crossed.is_empty() {
        Status::Success
    } else {
        Status::Failure
    })
}

/// The most cases an HTML report draws a chart for: a portfolio's page stays a page.
pub const HTML_CHARTS_MAX: usize = 50;

/// The HTML renderer with each case's chart of cumulative exposure (in the case's currency,
/// as of the report's date, under the what-if overrides in force), for cases with an order
/// (a case of fines alone is its table's line). Past [`HTML_CHARTS_MAX`] cases the page has no charts and says so.
fn html_renderer(cases: &[Case], meta: &Meta, as_of: NaiveDate, today: NaiveDate) -> HtmlRenderer {
    let mut html = HtmlRenderer::default();
    if cases.len() > HTML_CHARTS_MAX {
        html.chart_note = Some(format!(
            "Charts are drawn for reports of up to {HTML_CHARTS_MAX} cases; this one has {}. `penalty schedule CASE -o chart.svg` draws one case's.",
            cases.len()
        ));
        return html;
    }
    let rates = crate::fx::RateTable::empty();
    let scope = Scope {
        as_of,
        today,
        from: None,
        to: None,
        currency: None,
        fx_date: crate::exposure::FxDate::AsOf,
        rates: &rates,
        charted: 1,
    };
    for case in cases.iter().filter(|c| !c.orders.is_empty()) {
        // A case with nothing to draw by the as-of date has no chart; an overflow fails the
        // report itself, with its located error.
        let Ok(history) = history(&case.id, &[case], scope) else {
            continue;
        };
        if let Ok(svg) = chart::svg(&[history], meta) {
            html.charts.insert(case.id.clone(), svg);
        }
    }
    html
}

/// One line per figure above `limit`: the total exposure (of the cases `filters` selected),
/// or with `by` each group's.
pub fn crossed(report: &Report, by: Option<By>, limit: Decimal, filters: &[String]) -> Vec<String> {
    let cur = report.currency;
    let line = |what: String, exposure: Decimal| {
        (exposure > limit).then(|| {
            format!(
                "threshold crossed: {what} {} {cur} is above --fail-above {} {cur}",
                format_amount(exposure),
                format_amount(limit)
            )
        })
    };
    match by {
        None if filters.is_empty() => line("total exposure".to_string(), report.total.exposure())
            .into_iter()
            .collect(),
        None => line(
            format!(
                "total exposure of the cases selected ({})",
                filters.join(", ")
            ),
            report.total.exposure(),
        )
        .into_iter()
        .collect(),
        Some(By::Case) => report
            .cases
            .iter()
            .filter_map(|c| {
                line(
                    format!("exposure of case \"{}\"", c.id),
                    c.totals.exposure(),
                )
            })
            .collect(),
        Some(by @ (By::Company | By::Jurisdiction)) => {
            let groups = if by == By::Company {
                &report.companies
            } else {
                &report.jurisdictions
            };
            groups
                .iter()
                .filter_map(|(k, t)| {
                    line(format!("exposure of {} \"{k}\"", by.name()), t.exposure())
                })
                .collect()
        }
    }
}
