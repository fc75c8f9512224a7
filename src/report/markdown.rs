//! The Markdown report, to paste into an issue, a pull request or a wiki page: the same
//! sections as the terminal table (or only the grouping chosen with `--by`), as
//! GitHub-flavoured Markdown tables with right-aligned amounts.

use super::columns::{FIGURES, Row, Value, case_rows, group_rows, row_name, selected};
use super::{By, Meta, Render, annulled_fines, annulled_words, format_amount, shows};
use crate::exposure::Report;
use std::fmt::Write;

/// Renders a report as Markdown.
pub struct MarkdownRenderer;

/// Escapes text for a table cell: a pipe would end the cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// A table of `kind` under `title`: the rows, then the grand total when `total`. Words are
/// left-aligned, amounts right-aligned.
fn table(
    out: &mut String,
    title: &str,
    kind: By,
    rows: &[Row<'_>],
    total: bool,
    r: &Report,
    meta: &Meta,
) {
    let keys: &[&str] = match kind {
        By::Case => &["case", "jurisdiction"],
        By::Company => &["company"],
        By::Jurisdiction => &["jurisdiction"],
    };
    let default: Vec<&str> = keys.iter().chain(FIGURES.iter()).copied().collect();
    let columns = selected(kind, &default, meta.columns.as_deref());
    let _ = writeln!(out, "\n## {title}\n");
    let header: Vec<String> = columns.iter().map(|c| cell(c.header)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = columns
        .iter()
        .map(|c| if c.is_amount() { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    let line = |row: &Row<'_>, bold: bool| -> Vec<String> {
        columns
            .iter()
            .map(|c| match c.value {
                Value::Amount(get) if bold => format!("**{}**", format_amount(get(row.totals))),
                Value::Amount(get) => format_amount(get(row.totals)),
                Value::MaybeAmount(get) => get(row.totals)
                    .map(|a| {
                        if bold {
                            format!("**{}**", format_amount(a))
                        } else {
                            format_amount(a)
                        }
                    })
                    .unwrap_or_default(),
                Value::MaybeDate(get) => get(row.totals)
                    .map(|d| {
                        if bold {
                            format!("**{d}**")
                        } else {
                            d.to_string()
                        }
                    })
                    .unwrap_or_default(),
                Value::Text(get) if bold && c.name == "cases" => format!("**{}**", get(row)),
                Value::Text(_) if bold && c.name == row_name(kind) => "**Total**".to_string(),
                Value::Text(_) if bold => String::new(),
                Value::Text(get) => cell(&get(row)),
            })
            .collect()
    };
    for row in rows {
        let _ = writeln!(out, "| {} |", line(row, false).join(" | "));
    }
    if total {
        let row = Row {
            kind,
            key: "Total",
            case: None,
            cases: r.cases.len(),
            totals: &r.total,
            report: r,
            meta,
        };
        let _ = writeln!(out, "| {} |", line(&row, true).join(" | "));
    }
}

impl Render for MarkdownRenderer {
    fn render(&self, r: &Report, meta: &Meta) -> anyhow::Result<String> {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Figures as of {}, in {}{}.",
            r.as_of,
            r.currency,
            if meta.projection {
                " (**projection**: the as-of date is in the future)"
            } else {
                ""
            }
        );
        if !meta.filters.is_empty() {
            let _ = writeln!(out, "\nSelected: {}", cell(&meta.filters.join("; ")));
        }
        for o in &meta.overrides {
            let _ = writeln!(out, "\nWhat-if: {}", cell(o));
        }

        if shows(meta, By::Case) {
            let rows = case_rows(r, meta);
            let total = meta.by == Some(By::Case);
            table(&mut out, "Cases", By::Case, &rows, total, r, meta);
        }
        for (grouping, title) in [
            (By::Company, "Companies"),
            (By::Jurisdiction, "Jurisdictions"),
        ] {
            if !shows(meta, grouping) {
                continue;
            }
            let rows = group_rows(r, grouping, meta);
            table(&mut out, title, grouping, &rows, true, r, meta);
        }

        let annulled: Vec<String> = annulled_fines(r)
            .map(|(c, f, on)| {
                format!(
                    "{}/{} ({} {}, {})",
                    cell(&c.id),
                    cell(&f.id),
                    c.currency,
                    format_amount(f.amount),
                    annulled_words(on)
                )
            })
            .collect();
        if !annulled.is_empty() {
            let _ = writeln!(out, "\nCounted zero: {}.", annulled.join("; "));
        }
        let _ = writeln!(out, "\n{}", super::EXPOSURE_NOTE);
        if let Some(owed) = super::owed_words(&r.total, meta.formatting.numbers) {
            let _ = writeln!(out, "\n{owed}");
        }
        if let Some(rates) = super::rates_words(r, super::NumberFormat::En) {
            let _ = writeln!(out, "\nRates: {rates}.");
        }
        Ok(out)
    }
}
