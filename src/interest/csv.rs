//! The text of a rates file: comment lines, a `date,...` header naming the columns, then one
//! dated row per step (see [`super::table`] for the layout).

use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::table::{MAX_RATE, RatesError, Step, TableId};

/// Parses rates text: comments, a `date,...` header whose columns `column` maps to tables, then
/// rows. `expected` lists the column names accepted, for messages.
pub(super) fn parse(
    path: &Path,
    text: &str,
    column: &dyn Fn(&str) -> Option<TableId>,
    expected: &str,
) -> Result<Vec<(TableId, Vec<Step>)>, RatesError> {
    let error = |line: usize, column: usize, message: String| RatesError::Parse {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    let mut header: Option<Vec<TableId>> = None;
    let mut steps: Vec<Vec<Step>> = Vec::new();
    let mut last_date: Option<NaiveDate> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // Fields with the 1-based character column where each starts.
        let mut fields = Vec::new();
        let mut start = 0usize;
        for field in raw.split(',') {
            let lead = field.chars().take_while(|c| c.is_whitespace()).count();
            fields.push((raw[..start].chars().count() + lead + 1, field.trim()));
            start += field.len() + 1;
        }
        let Some(columns) = &header else {
            let (col, first) = fields[0];
            let first = first.trim_start_matches('\u{feff}');
            if first != "date" {
                return Err(error(
                    line,
                    col,
                    format!("expected the header \"date,{expected}\", found {trimmed:?}"),
                ));
            }
            let mut ids = Vec::new();
            for &(col, name) in &fields[1..] {
                let id = column(name).ok_or_else(|| {
                    error(
                        line,
                        col,
                        format!("unknown rate column {name:?} (expected one of: {expected})"),
                    )
                })?;
                if ids.contains(&id) {
                    return Err(error(line, col, format!("column {name:?} given twice")));
                }
                ids.push(id);
            }
            if ids.is_empty() {
                return Err(error(
                    line,
                    trimmed.chars().count() + 1,
                    format!("expected at least one rate column after \"date\" ({expected})"),
                ));
            }
            steps = vec![Vec::new(); ids.len()];
            header = Some(ids);
            continue;
        };
        if fields.len() != columns.len() + 1 {
            return Err(error(
                line,
                1,
                format!(
                    "expected {} fields (a date and {} rate{}), found {}",
                    columns.len() + 1,
                    columns.len(),
                    if columns.len() == 1 { "" } else { "s" },
                    fields.len()
                ),
            ));
        }
        let (col, date_text) = fields[0];
        let date: NaiveDate = date_text.parse().map_err(|_| {
            error(
                line,
                col,
                format!("expected a date such as 2025-01-01, found {date_text:?}"),
            )
        })?;
        if let Some(previous) = last_date
            && date <= previous
        {
            return Err(error(
                line,
                col,
                format!("dates must increase down the file: {date} comes after {previous}"),
            ));
        }
        last_date = Some(date);
        for (k, &(col, value)) in fields[1..].iter().enumerate() {
            let rate = if value == "unknown" {
                None
            } else {
                let rate: Decimal = value.parse().map_err(|_| {
                    error(
                        line,
                        col,
                        format!(
                            "expected a rate in percent such as 4.22, or \"unknown\", found {value:?}"
                        ),
                    )
                })?;
                if rate.is_sign_negative() && !rate.is_zero() {
                    return Err(error(
                        line,
                        col,
                        format!("a rate may not be negative, found {value:?}"),
                    ));
                }
                if rate > MAX_RATE {
                    return Err(error(
                        line,
                        col,
                        format!("a rate above {MAX_RATE} percent is not accepted, found {value:?}"),
                    ));
                }
                Some(rate)
            };
            steps[k].push(Step { from: date, rate });
        }
    }
    let Some(columns) = header else {
        return Err(error(
            text.lines().count().max(1),
            1,
            format!("expected a header \"date,{expected}\", found no rows"),
        ));
    };
    Ok(columns.into_iter().zip(steps).collect())
}
