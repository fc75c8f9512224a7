//! The CSV report, for spreadsheets and scripts: one row per case (or per company or
//! jurisdiction with `--by`), with fixed, documented columns (docs/reports.md) and plain
//! decimal amounts in the report currency. No total row: every row is of one kind.

use super::{By, Meta, Render, plain_amount};
use crate::exposure::{CaseLine, FxDate, Report, Totals};
use crate::fx::Currency;
use std::collections::BTreeMap;

/// The figure columns every row ends with, in this order.
pub const FIGURE_COLUMNS: [&str; 16] = [
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
    "run_rate",
    "at_risk",
    "next_forfeiture_date",
    "next_forfeiture",
];

/// The columns every row ends with, after the figures: how the figures were made, so that a
/// row of a what-if run or a projection cannot pass for the real state.
pub const CONTEXT_COLUMNS: [&str; 3] = ["fx_date", "projection", "overrides"];

/// Renders a report as CSV with a header row.
pub struct CsvRenderer;

fn figures(t: &Totals, c: Currency) -> impl Iterator<Item = String> {
    [
        t.fines_enforceable,
        t.fines_contested,
        t.fines(),
        t.liquidated_enforceable,
        t.liquidated_contested,
        t.liquidated(),
        t.accruing,
        t.penalties(),
        t.exposure(),
        t.owed(),
        t.paid,
        t.outstanding(),
        t.run_rate,
        t.at_risk,
    ]
    .into_iter()
    .map(move |d| plain_amount(d, c))
    .chain([
        t.next_forfeiture
            .map(|f| f.date.to_string())
            .unwrap_or_default(),
        t.next_forfeiture
            .map(|f| plain_amount(f.amount, c))
            .unwrap_or_default(),
    ])
}

impl Render for CsvRenderer {
    fn render(&self, r: &Report, meta: &Meta) -> anyhow::Result<String> {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        let by = meta.by.unwrap_or(By::Case);
        let keys: &[&str] = match by {
            By::Case => &["as_of", "currency", "case", "company", "jurisdiction"],
            By::Company => &["as_of", "currency", "company", "cases"],
            By::Jurisdiction => &["as_of", "currency", "jurisdiction", "cases"],
        };
        w.write_record(
            keys.iter()
                .chain(FIGURE_COLUMNS.iter())
                .chain(CONTEXT_COLUMNS.iter()),
        )?;
        let as_of = r.as_of.to_string();
        let currency = r.currency.code();
        let context = [
            match r.fx_date {
                FxDate::AsOf => "as-of",
                FxDate::Decided => "decided",
            }
            .to_string(),
            meta.projection.to_string(),
            meta.overrides.join("; "),
        ];
        match by {
            By::Case => {
                for c in &r.cases {
                    let head = [as_of.as_str(), currency, &c.id, &c.company, &c.jurisdiction]
                        .map(str::to_string);
                    w.write_record(
                        head.into_iter()
                            .chain(figures(&c.totals, r.currency))
                            .chain(context.iter().cloned()),
                    )?;
                }
            }
            By::Company | By::Jurisdiction => {
                let (groups, pick): (_, fn(&CaseLine) -> &str) = if by == By::Company {
                    (&r.companies, |c| &c.company)
                } else {
                    (&r.jurisdictions, |c| &c.jurisdiction)
                };
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for c in &r.cases {
                    *counts.entry(pick(c)).or_default() += 1;
                }
                for (key, totals) in groups {
                    let count = counts.get(key.as_str()).copied().unwrap_or_default();
                    let head = [
                        as_of.clone(),
                        currency.to_string(),
                        key.clone(),
                        count.to_string(),
                    ];
                    w.write_record(
                        head.into_iter()
                            .chain(figures(totals, r.currency))
                            .chain(context.iter().cloned()),
                    )?;
                }
            }
        }
        Ok(String::from_utf8(w.into_inner()?)?)
    }
}
