//! The terminal table: case lines, then totals per company and per jurisdiction with the
//! grand total, then the rates used and what was counted zero.

use super::{Meta, Render, format_amount};
use crate::exposure::{FineStatus, Report, Totals};
use comfy_table::{CellAlignment, ContentArrangement, Table};
use comfy_table::{LineStyle, TableStyle};
use std::fmt::Write;

/// Header rule only: readable in a terminal and in a pasted e-mail.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('-').junction(' '));

/// The figure columns every line carries.
const FIGURES: [&str; 9] = [
    "Enforceable",
    "Contested",
    "Liquidated",
    "Accruing",
    "Paid",
    "Outstanding",
    "Exposure",
    "Run rate/day",
    "At risk",
];

/// Renders a report as aligned terminal tables.
pub struct TableRenderer;

fn figure_cells(t: &Totals) -> Vec<String> {
    [
        t.fines_enforceable,
        t.fines_contested,
        t.liquidated,
        t.accruing,
        t.paid,
        t.outstanding(),
        t.exposure(),
        t.run_rate,
        t.at_risk,
    ]
    .into_iter()
    .map(format_amount)
    .collect()
}

fn table(keys: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty();
    let header: Vec<&str> = keys.iter().copied().chain(FIGURES).collect();
    t.set_header(header);
    for i in 0..keys.len() + FIGURES.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_padding((0, 2));
            if i >= keys.len() {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    t
}

fn trimmed(t: &Table) -> String {
    t.lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

impl Render for TableRenderer {
    fn render(&self, r: &Report, meta: &Meta) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Figures as of {}, in {}{}",
            r.as_of,
            r.currency,
            if meta.projection {
                " (PROJECTION: the as-of date is in the future)"
            } else {
                ""
            }
        );
        for o in &meta.overrides {
            let _ = writeln!(out, "What-if: {o}");
        }
        if r.fx_date == crate::exposure::FxDate::Decided {
            let _ = writeln!(
                out,
                "Converted at the rate of the day each amount arose (--fx-date decided); accruing penalties at the as-of date"
            );
        }

        let mut cases = table(&["Case", "Jurisdiction"]);
        for c in &r.cases {
            let mut row = vec![c.id.clone(), c.jurisdiction.clone()];
            row.extend(figure_cells(&c.totals));
            cases.add_row(row);
        }
        let _ = writeln!(out, "\n{}", trimmed(&cases));

        for (title, groups) in [
            ("Company", &r.companies),
            ("Jurisdiction", &r.jurisdictions),
        ] {
            let mut t = table(&[title]);
            for (key, totals) in groups {
                let mut row = vec![key.clone()];
                row.extend(figure_cells(totals));
                t.add_row(row);
            }
            let mut row = vec!["Total".to_string()];
            row.extend(figure_cells(&r.total));
            t.add_row(row);
            let _ = writeln!(out, "\n{}", trimmed(&t));
        }

        let annulled: Vec<String> = r
            .cases
            .iter()
            .flat_map(|c| {
                c.figures
                    .fines
                    .iter()
                    .filter(|f| f.status == FineStatus::Annulled)
                    .map(move |f| {
                        let on = f
                            .set_by
                            .as_ref()
                            .map(|e| format!(" on {}", e.date))
                            .unwrap_or_default();
                        format!(
                            "{}/{} ({} {}, annulled{on})",
                            c.id,
                            f.id,
                            c.currency,
                            format_amount(f.amount)
                        )
                    })
            })
            .collect();
        if !annulled.is_empty() {
            let _ = writeln!(out, "\nCounted zero: {}", annulled.join("; "));
        }
        let _ = writeln!(
            out,
            "\nExposure = fines (enforceable + contested) + penalties (liquidated + accruing). Accruing penalties are provisional: owed only once liquidated. Run rate and at-risk are not part of exposure."
        );
        if !r.rates.is_empty() {
            let rates: Vec<String> = r
                .rates
                .iter()
                .map(|u| {
                    format!(
                        "1 EUR = {} {} (published {}{})",
                        u.per_eur,
                        u.currency,
                        u.date,
                        if u.stale { ", stale" } else { "" }
                    )
                })
                .collect();
            let _ = writeln!(out, "Rates: {}", rates.join("; "));
        }
        out
    }
}
