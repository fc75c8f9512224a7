//! The terminal table: case lines, then totals per company and per jurisdiction with the
//! grand total (or only the grouping chosen with `--by`), then the rates used and what was
//! counted zero.
//!
//! Colour, when `Formatting::color` asks for it, only underlines what a reader looks for:
//! totals rows in bold, contested amounts and a projection in yellow.

use super::{By, Formatting, Meta, Render, annulled_fines, annulled_words, shows};
use crate::exposure::{Report, Totals};
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};
use comfy_table::{LineStyle, TableStyle};
use std::fmt::Write;

/// Header rule only: readable in a terminal and in a pasted e-mail.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('-').junction(' '));

/// The figure columns every line carries.
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

/// Renders a report as aligned terminal tables.
pub struct TableRenderer;

/// The figure cells of a line; `total` makes the whole line bold.
fn figure_cells(t: &Totals, f: Formatting, total: bool) -> Vec<Cell> {
    let cells = [
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
    .map(|amount| f.numbers.amount(amount))
    .chain([super::next_words(t.next_forfeiture, f.numbers)])
    .enumerate()
    .map(|(i, text)| {
        let cell = Cell::new(text);
        // Columns 1 and 3 are the contested fines and liquidated penalties.
        let contested = match i {
            1 => t.fines_contested,
            3 => t.liquidated_contested,
            _ => rust_decimal::Decimal::ZERO,
        };
        if !contested.is_zero() {
            cell.fg(Color::Yellow)
        } else {
            cell
        }
    });
    cells.map(|c| bold_if(c, total)).collect()
}

fn bold_if(cell: Cell, bold: bool) -> Cell {
    if bold {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

fn table(keys: &[&str], f: Formatting) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty();
    if f.color {
        // The decision to colour is made once, by `--color` and NO_COLOR in the command-line
        // layer; crossterm, which comfy-table styles with, would otherwise drop colours on its
        // own whenever NO_COLOR is set, even under `--color always`.
        crossterm::style::force_color_output(true);
        t.enforce_styling().style_text_only();
    }
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
    fn render(&self, r: &Report, meta: &Meta) -> anyhow::Result<String> {
        let f = meta.formatting;
        let mut out = String::new();
        let projection = if meta.projection {
            let warn = if f.color {
                anstyle::AnsiColor::Yellow.on_default().bold()
            } else {
                anstyle::Style::new()
            };
            format!(" {warn}(PROJECTION: the as-of date is in the future){warn:#}")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "Figures as of {}, in {}{projection}",
            r.as_of, r.currency
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

        if shows(meta, By::Case) {
            let mut cases = table(&["Case", "Jurisdiction"], f);
            for c in &r.cases {
                let mut row = vec![Cell::new(&c.id), Cell::new(&c.jurisdiction)];
                row.extend(figure_cells(&c.totals, f, false));
                cases.add_row(row);
            }
            if meta.by == Some(By::Case) {
                let mut row = vec![bold_if(Cell::new("Total"), true), Cell::new("")];
                row.extend(figure_cells(&r.total, f, true));
                cases.add_row(row);
            }
            let _ = writeln!(out, "\n{}", trimmed(&cases));
        }

        for (grouping, title, groups) in [
            (By::Company, "Company", &r.companies),
            (By::Jurisdiction, "Jurisdiction", &r.jurisdictions),
        ] {
            if !shows(meta, grouping) {
                continue;
            }
            let mut t = table(&[title], f);
            for (key, totals) in groups {
                let mut row = vec![Cell::new(key)];
                row.extend(figure_cells(totals, f, false));
                t.add_row(row);
            }
            let mut row = vec![bold_if(Cell::new("Total"), true)];
            row.extend(figure_cells(&r.total, f, true));
            t.add_row(row);
            let _ = writeln!(out, "\n{}", trimmed(&t));
        }

        let annulled: Vec<String> = annulled_fines(r)
            .map(|(c, fine, on)| {
                format!(
                    "{}/{} ({}, {})",
                    c.id,
                    fine.id,
                    f.numbers.money(fine.amount, c.currency),
                    annulled_words(on)
                )
            })
            .collect();
        if !annulled.is_empty() {
            let _ = writeln!(out, "\nCounted zero: {}", annulled.join("; "));
        }
        let _ = writeln!(out, "\n{}", super::EXPOSURE_NOTE);
        if let Some(rates) = super::rates_words(r, f.numbers) {
            let _ = writeln!(out, "Rates: {rates}");
        }
        Ok(out)
    }
}
