//! The CSV report, for spreadsheets and scripts: one row per case (or per company or
//! jurisdiction with `--by`), with fixed, documented columns (docs/reports.md) and plain
//! decimal amounts in the report currency. No total row: every row is of one kind.
//! `--columns` chooses and orders the columns.

use super::columns::{Row, Value, case_rows, group_rows, selected};
use super::{By, Meta, Render, plain_amount};
use crate::exposure::Report;

/// The figure columns every row ends with, in this order.
pub const FIGURE_COLUMNS: [&str; 21] = [
    "fines_enforceable",
    "fines_contested",
    "fines",
    "liquidated_enforceable",
    "liquidated_contested",
    "liquidated",
    "accruing",
    "penalties",
    "exposure",
    "owed",
    "paid",
    "outstanding",
    "payable",
    "suspended",
    "interest",
    "time_barred",
    "total_due",
    "run_rate",
    "at_risk",
    "next_forfeiture_date",
    "next_forfeiture",
];

/// The columns every row ends with, after the figures: how the figures were made, so that a
/// row of a what-if run or a projection cannot pass for the real state.
pub const CONTEXT_COLUMNS: [&str; 4] = ["fx_date", "projection", "overrides", "filters"];

/// Renders a report as CSV with a header row.
pub struct CsvRenderer;

impl Render for CsvRenderer {
    fn render(&self, r: &Report, meta: &Meta) -> anyhow::Result<String> {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        let kind = meta.by.unwrap_or(By::Case);
        let keys: &[&str] = match kind {
            By::Case => &["as_of", "currency", "case", "company", "jurisdiction"],
            By::Company => &["as_of", "currency", "company", "cases"],
            By::Jurisdiction => &["as_of", "currency", "jurisdiction", "cases"],
        };
        let default: Vec<&str> = keys
            .iter()
            .chain(FIGURE_COLUMNS.iter())
            .chain(CONTEXT_COLUMNS.iter())
            .copied()
            .collect();
        let columns = selected(kind, &default, meta.columns.as_deref());
        w.write_record(columns.iter().map(|c| c.name))?;
        let cells = |row: &Row<'_>| -> Vec<String> {
            columns
                .iter()
                .map(|c| match c.value {
                    Value::Amount(get) => plain_amount(get(row.totals), r.currency),
                    Value::MaybeAmount(get) => get(row.totals)
                        .map(|a| plain_amount(a, r.currency))
                        .unwrap_or_default(),
                    Value::MaybeDate(get) => {
                        get(row.totals).map(|d| d.to_string()).unwrap_or_default()
                    }
                    Value::Text(get) => get(row),
                })
                .collect()
        };
        match kind {
            By::Case => {
                for row in case_rows(r, meta) {
                    w.write_record(cells(&row))?;
                }
            }
            By::Company | By::Jurisdiction => {
                for row in group_rows(r, kind, meta) {
                    w.write_record(cells(&row))?;
                }
            }
        }
        Ok(String::from_utf8(w.into_inner()?)?)
    }
}
