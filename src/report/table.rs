//! The terminal table: case lines, then totals per company and per jurisdiction with the
//! grand total (or only the grouping chosen with `--by`), then the rates used and what was
//! counted zero.
//!
//! Colour, when `Formatting::color` asks for it, only underlines what a reader looks for:
//! totals rows in bold, contested amounts and a projection in yellow.

use super::columns::{
    COLUMNS, Column, FIGURES, Row, Value, abbreviate, case_rows, column, group_rows, row_name,
    selected, wrap,
};
use super::{By, Formatting, Meta, Render, annulled_fines, annulled_words, shows};
use crate::exposure::Report;
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};
use comfy_table::{LineStyle, TableStyle};
use std::fmt::Write;

/// Header rule only: readable in a terminal and in a pasted e-mail.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('-').junction(' '));

/// The narrowest a row's name is cut to before a table leaves out a column of figures, and
/// the narrowest any other column of words is cut to.
const MIN_NAME: usize = 12;
const MIN_TEXT: usize = 8;

/// Renders a report as aligned terminal tables.
pub struct TableRenderer;

/// A cell: its text, and whether it is yellow (a contested amount) and bold (a total).
struct Text {
    text: String,
    yellow: bool,
    bold: bool,
}

/// The columns of one table and its cells, column by column.
struct Grid {
    columns: Vec<&'static Column>,
    /// `cells[column][row]`.
    cells: Vec<Vec<Text>>,
}

impl Grid {
    fn new(
        kind: By,
        columns: Vec<&'static Column>,
        rows: &[Row<'_>],
        total: Option<&Row<'_>>,
        f: Formatting,
    ) -> Grid {
        let cells = columns
            .iter()
            .map(|c| {
                rows.iter()
                    .map(|r| (r, false))
                    .chain(total.map(|r| (r, true)))
                    .map(|(r, bold)| match c.value {
                        Value::Amount(get) => {
                            let amount = get(r.totals);
                            Text {
                                text: f.numbers.amount(amount),
                                yellow: matches!(
                                    c.name,
                                    "fines_contested" | "liquidated_contested"
                                ) && !amount.is_zero(),
                                bold,
                            }
                        }
                        Value::MaybeAmount(get) => Text {
                            text: get(r.totals)
                                .map(|a| f.numbers.amount(a))
                                .unwrap_or_default(),
                            yellow: false,
                            bold,
                        },
                        Value::MaybeDate(get) => Text {
                            text: get(r.totals).map(|d| d.to_string()).unwrap_or_default(),
                            yellow: false,
                            bold,
                        },
                        Value::Text(get) => Text {
                            // A total row names itself and counts its cases; its other
                            // words (a company, a jurisdiction) would be one row's.
                            text: if !bold || c.name == "cases" {
                                get(r)
                            } else if c.name == row_name(kind) {
                                "Total".to_string()
                            } else {
                                String::new()
                            },
                            yellow: false,
                            bold,
                        },
                    })
                    .collect()
            })
            .collect();
        Grid { columns, cells }
    }

    /// The width of column `i` under `header`.
    fn width(&self, i: usize, header: &str) -> usize {
        self.cells[i]
            .iter()
            .map(|t| t.text.chars().count())
            .chain([header.chars().count()])
            .max()
            .unwrap_or(0)
    }

    /// The table with every column, as wide as its cells: three spaces between columns.
    fn full(&self, f: Formatting) -> (String, usize) {
        let picked: Vec<(usize, usize)> = (0..self.columns.len())
            .map(|i| (i, self.width(i, self.columns[i].header)))
            .collect();
        let width = picked
            .iter()
            .map(|(_, w)| w + 3)
            .sum::<usize>()
            .saturating_sub(3);
        (self.draw(&picked, false, f), width)
    }

    /// Columns `picked` (index, width), cut to their widths; narrow tables put two spaces
    /// after words and one between amounts.
    fn draw(&self, picked: &[(usize, usize)], narrow: bool, f: Formatting) -> String {
        let mut t = Table::new();
        t.load_style(STYLE)
            .set_content_arrangement(ContentArrangement::Disabled)
            .force_no_tty();
        if f.color {
            // The decision to colour is made once, by `--color` and NO_COLOR in the
            // command-line layer; crossterm, which comfy-table styles with, would otherwise
            // drop colours on its own whenever NO_COLOR is set, even under `--color always`.
            crossterm::style::force_color_output(true);
            t.enforce_styling().style_text_only();
        }
        let header = |c: &Column| if narrow { c.short } else { c.header };
        t.set_header(picked.iter().map(|&(i, _)| header(self.columns[i])));
        let rows = self.cells.first().map_or(0, Vec::len);
        for r in 0..rows {
            t.add_row(picked.iter().map(|&(i, w)| {
                let text = &self.cells[i][r];
                let mut cell = Cell::new(abbreviate(&text.text, w));
                if text.yellow {
                    cell = cell.fg(Color::Yellow);
                }
                if text.bold {
                    cell = cell.add_attribute(Attribute::Bold);
                }
                cell
            }));
        }
        for (n, &(i, _)) in picked.iter().enumerate() {
            if let Some(c) = t.column_mut(n) {
                let amount = self.columns[i].is_amount();
                let pad = match (narrow, amount) {
                    (false, _) => 2,
                    (true, false) => 1,
                    (true, true) => 0,
                };
                c.set_padding((0, pad));
                if amount {
                    c.set_cell_alignment(CellAlignment::Right);
                }
            }
        }
        trimmed(&t)
    }

    /// The table fitted to `width`: the first `keys` columns (words: the row's name), cut
    /// down if need be, then the others in order while they fit. With `all`, the columns
    /// that do not fit follow in further blocks under the first, each led by the same
    /// names; without, they are left out and returned.
    fn fitted(&self, width: usize, keys: usize, all: bool, f: Formatting) -> (String, Vec<usize>) {
        let natural: Vec<usize> = (0..self.columns.len())
            .map(|i| self.width(i, self.columns[i].short))
            .collect();
        let least: Vec<usize> = (0..keys)
            .map(|i| natural[i].min(if i == 0 { MIN_NAME } else { MIN_TEXT }))
            .collect();
        let gap = |i: usize| if self.columns[i].is_amount() { 1 } else { 2 };
        let key_width: usize = (0..keys).map(|i| least[i] + gap(i)).sum();
        let order: Vec<usize> = (keys..self.columns.len()).collect();
        let mut blocks = Vec::new();
        let mut rest = order.as_slice();
        loop {
            let mut used = key_width;
            let mut n = 0;
            for &i in rest {
                let need = natural[i] + if n == 0 { 0 } else { gap(i) };
                if n > 0 && used + need > width {
                    break;
                }
                used += need;
                n += 1;
            }
            let (block, after) = rest.split_at(n);
            // The room left widens the names, the first first, up to their own width.
            let mut spare = width.saturating_sub(used);
            let mut picked: Vec<(usize, usize)> = Vec::new();
            for (i, &w) in least.iter().enumerate() {
                let more = (natural[i] - w).min(spare);
                spare -= more;
                picked.push((i, w + more));
            }
            picked.extend(block.iter().map(|&i| (i, natural[i])));
            blocks.push(self.draw(&picked, true, f));
            rest = after;
            if rest.is_empty() || !all {
                break;
            }
        }
        (blocks.join("\n\n"), rest.to_vec())
    }
}

fn trimmed(t: &Table) -> String {
    t.lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lays out one table of `kind`: whole when it fits (or without a width); else every column
/// with short headers, narrow gaps and names cut, when that fits; else fitted, the columns
/// that matter most first. The columns of the whole table left out are added to `left_out`,
/// each with its table's kind.
fn lay_out(
    out: &mut String,
    kind: By,
    rows: &[Row<'_>],
    total: Option<&Row<'_>>,
    meta: &Meta,
    left_out: &mut Vec<(By, &'static str)>,
) {
    let f = meta.formatting;
    let keys: &[&str] = match kind {
        By::Case => &["case", "jurisdiction"],
        By::Company => &["company"],
        By::Jurisdiction => &["jurisdiction"],
    };
    let default: Vec<&str> = keys.iter().chain(FIGURES.iter()).copied().collect();
    let columns = selected(kind, &default, meta.columns.as_deref());
    let grid = Grid::new(kind, columns, rows, total, f);
    let (full, full_width) = grid.full(f);
    let text = match meta.width {
        Some(width) if full_width > width => {
            if meta.columns.is_some() {
                // Chosen columns all show, in their order, in blocks if need be, each led
                // by the row's name.
                let name = row_name(kind);
                let columns: Vec<&'static Column> = grid
                    .columns
                    .iter()
                    .filter(|c| c.name == name)
                    .chain(grid.columns.iter().filter(|c| c.name != name))
                    .copied()
                    .collect();
                let led = Grid::new(kind, columns, rows, total, f);
                led.fitted(width, 1, true, f).0
            } else if let (text, rest) = grid.fitted(width, keys.len(), false, f)
                && rest.is_empty()
            {
                // Every column fits once headers are short, gaps narrow and names cut.
                text
            } else {
                // The amounts most looked for come first; the rest is left out.
                let mut by_priority: Vec<&'static Column> =
                    COLUMNS.iter().filter(|c| c.priority.is_some()).collect();
                by_priority.sort_by_key(|c| c.priority);
                let columns: Vec<&'static Column> = keys
                    .iter()
                    .filter_map(|k| column(k))
                    .chain(by_priority)
                    .filter(|c| c.applies(kind))
                    .collect();
                let narrow = Grid::new(kind, columns, rows, total, f);
                let (text, rest) = narrow.fitted(width, keys.len(), false, f);
                // Only the columns the whole table would show count as left out.
                for i in rest {
                    let name = narrow.columns[i].name;
                    if grid.columns.iter().any(|c| c.name == name)
                        && !left_out.contains(&(kind, name))
                    {
                        left_out.push((kind, name));
                    }
                }
                text
            }
        }
        _ => full,
    };
    let _ = writeln!(out, "\n{text}");
}

impl Render for TableRenderer {
    fn render(&self, r: &Report, meta: &Meta) -> anyhow::Result<String> {
        let f = meta.formatting;
        let width = meta.width;
        let mut out = String::new();
        let line = |out: &mut String, text: &str| {
            let _ = writeln!(out, "{}", wrap(text, width));
        };
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
        line(
            &mut out,
            &format!("Figures as of {}, in {}{projection}", r.as_of, r.currency),
        );
        if !meta.filters.is_empty() {
            line(&mut out, &format!("Selected: {}", meta.filters.join("; ")));
        }
        for o in &meta.overrides {
            line(&mut out, &format!("What-if: {o}"));
        }
        if r.fx_date == crate::exposure::FxDate::Decided {
            line(
                &mut out,
                "Converted at the rate of the day each amount arose (--fx-date decided); accruing penalties at the as-of date",
            );
        }

        let mut left_out = Vec::new();
        if shows(meta, By::Case) {
            let rows = case_rows(r, meta);
            let total = (meta.by == Some(By::Case)).then(|| total_row(By::Case, r, meta));
            lay_out(
                &mut out,
                By::Case,
                &rows,
                total.as_ref(),
                meta,
                &mut left_out,
            );
        }

        for grouping in [By::Company, By::Jurisdiction] {
            if !shows(meta, grouping) {
                continue;
            }
            let rows = group_rows(r, grouping, meta);
            let total = total_row(grouping, r, meta);
            lay_out(&mut out, grouping, &rows, Some(&total), meta, &mut left_out);
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
            out.push('\n');
            line(&mut out, &format!("Counted zero: {}", annulled.join("; ")));
        }
        out.push('\n');
        if let Some(width) = width.filter(|_| !left_out.is_empty()) {
            line(
                &mut out,
                &format!(
                    "Left out to fit {width} characters: {}. Name columns with --columns, or show them all with --width=0.",
                    left_out_words(&left_out, meta)
                ),
            );
        }
        line(&mut out, super::EXPOSURE_NOTE);
        if let Some(owed) = super::owed_words(&r.total, f.numbers) {
            line(&mut out, &owed);
        }
        if let Some(rates) = super::rates_words(r, f.numbers) {
            line(&mut out, &format!("Rates: {rates}"));
        }
        Ok(out)
    }
}

/// The columns `left_out` names, in the order of [`COLUMNS`]: one list when every table shown
/// lost the same, else one list per table (`cases: ...; companies: ...`).
fn left_out_words(left_out: &[(By, &'static str)], meta: &Meta) -> String {
    let of = |kind: By| {
        let mut names: Vec<&str> = left_out
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, n)| *n)
            .collect();
        names.sort_by_key(|name| COLUMNS.iter().position(|c| c.name == *name));
        names
    };
    let tables: Vec<(By, Vec<&str>)> = [By::Case, By::Company, By::Jurisdiction]
        .into_iter()
        .filter(|&k| shows(meta, k))
        .map(|k| (k, of(k)))
        .collect();
    if tables.windows(2).all(|w| w[0].1 == w[1].1) {
        return tables.first().map(|t| t.1.join(", ")).unwrap_or_default();
    }
    let mut parts: Vec<(Vec<&str>, Vec<&str>)> = Vec::new();
    for (kind, names) in tables.iter().filter(|t| !t.1.is_empty()) {
        let table = match kind {
            By::Case => "cases",
            By::Company => "companies",
            By::Jurisdiction => "jurisdictions",
        };
        match parts.iter_mut().find(|(_, n)| n == names) {
            Some((t, _)) => t.push(table),
            None => parts.push((vec![table], names.clone())),
        }
    }
    parts
        .iter()
        .map(|(t, n)| format!("{}: {}", t.join(" and "), n.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The total row of a table of `kind`: the grand total.
fn total_row<'a>(kind: By, r: &'a Report, meta: &'a Meta) -> Row<'a> {
    Row {
        kind,
        key: "Total",
        case: None,
        cases: r.cases.len(),
        totals: &r.total,
        report: r,
        meta,
    }
}
