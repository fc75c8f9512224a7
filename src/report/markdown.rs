//! The Markdown report, to paste into an issue, a pull request or a wiki page: the same
//! sections as the terminal table (or only the grouping chosen with `--by`), as
//! GitHub-flavoured Markdown tables with right-aligned amounts.

use super::{By, Meta, Render, annulled_fines, annulled_words, format_amount, shows};
use crate::exposure::{Report, Totals};
use std::fmt::Write;

/// The figure columns every table carries.
const FIGURES: [&str; 11] = [
    "Enforceable",
    "Contested",
    "Liq. enforceable",
    "Liq. contested",
    "Accruing",
    "Paid",
    "Outstanding",
    "Exposure",
    "Run rate/day",
    "At risk",
    "Next forfeiture",
];

/// Renders a report as Markdown.
pub struct MarkdownRenderer;

/// Escapes text for a table cell: a pipe would end the cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn figure_cells(t: &Totals) -> Vec<String> {
    [
        t.fines_enforceable,
        t.fines_contested,
        t.liquidated_enforceable,
        t.liquidated_contested,
        t.accruing,
        t.paid,
        t.outstanding(),
        t.exposure(),
        t.run_rate,
        t.at_risk,
    ]
    .into_iter()
    .map(format_amount)
    .chain([super::next_words(
        t.next_forfeiture,
        super::NumberFormat::En,
    )])
    .collect()
}

/// A table: `keys` left-aligned, then the figures right-aligned.
fn table(out: &mut String, title: &str, keys: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "\n## {title}\n");
    let header: Vec<String> = keys.iter().chain(FIGURES.iter()).map(|h| cell(h)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = keys
        .iter()
        .map(|_| "---")
        .chain(FIGURES.iter().map(|_| "---:"))
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
}

fn total_row(keys: usize, r: &Report) -> Vec<String> {
    let mut row = vec!["**Total**".to_string()];
    row.extend((1..keys).map(|_| String::new()));
    row.extend(
        figure_cells(&r.total)
            .into_iter()
            .map(|c| if c.is_empty() { c } else { format!("**{c}**") }),
    );
    row
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
        for o in &meta.overrides {
            let _ = writeln!(out, "\nWhat-if: {}", cell(o));
        }

        if shows(meta, By::Case) {
            let mut rows: Vec<Vec<String>> = r
                .cases
                .iter()
                .map(|c| {
                    let mut row = vec![cell(&c.id), cell(&c.jurisdiction)];
                    row.extend(figure_cells(&c.totals));
                    row
                })
                .collect();
            if meta.by == Some(By::Case) {
                rows.push(total_row(2, r));
            }
            table(&mut out, "Cases", &["Case", "Jurisdiction"], &rows);
        }
        for (grouping, title, key, groups) in [
            (By::Company, "Companies", "Company", &r.companies),
            (
                By::Jurisdiction,
                "Jurisdictions",
                "Jurisdiction",
                &r.jurisdictions,
            ),
        ] {
            if !shows(meta, grouping) {
                continue;
            }
            let mut rows: Vec<Vec<String>> = groups
                .iter()
                .map(|(k, t)| {
                    let mut row = vec![cell(k)];
                    row.extend(figure_cells(t));
                    row
                })
                .collect();
            rows.push(total_row(1, r));
            table(&mut out, title, &[key], &rows);
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
        if let Some(rates) = super::rates_words(r, super::NumberFormat::En) {
            let _ = writeln!(out, "\nRates: {rates}.");
        }
        Ok(out)
    }
}
