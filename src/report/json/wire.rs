//! The values on the wire: dates, and the figures of a line, a group or the total.

use super::write::{Obj, day_text};
use crate::exposure::Totals;
use crate::fx::Currency;
use chrono::NaiveDate;
use serde::Serialize;

/// Writes the figures of a case line, a group or the total, in one currency.
pub(super) fn figures(o: &mut Obj<'_>, t: &Totals, c: Currency) -> serde_json::Result<()> {
    o.amount("fines_enforceable", t.fines_enforceable, c);
    o.amount("fines_contested", t.fines_contested, c);
    o.amount("fines", t.fines(), c);
    o.amount("liquidated_enforceable", t.liquidated_enforceable, c);
    o.amount("liquidated_contested", t.liquidated_contested, c);
    o.amount("liquidated", t.liquidated(), c);
    o.amount("accruing", t.accruing, c);
    o.amount("penalties", t.penalties(), c);
    o.amount("exposure", t.exposure(), c);
    o.amount("owed", t.owed(), c);
    o.amount("paid", t.paid, c);
    o.amount("outstanding", t.outstanding(), c);
    o.amount("payable", t.payable(), c);
    o.amount("suspended", t.suspended(), c);
    o.amount("interest", t.interest(), c);
    o.amount("time_barred", t.time_barred(), c);
    o.amount("total_due", t.total_due(), c);
    o.amount("run_rate", t.run_rate, c);
    o.amount("at_risk", t.at_risk, c);
    next_forfeiture(o, t.next_forfeiture, c)
}

/// Writes the next sum forfeited if nothing changes: its date and amount, or `null`.
pub(super) fn next_forfeiture(
    o: &mut Obj<'_>,
    f: Option<crate::accrue::Forfeiture>,
    c: Currency,
) -> serde_json::Result<()> {
    match f {
        Some(f) => o.object("next_forfeiture", |o| {
            o.day("date", f.date)?;
            o.amount("amount", f.amount, c);
            Ok(())
        }),
        None => {
            o.null("next_forfeiture");
            Ok(())
        }
    }
}

/// A date on the wire: `"YYYY-MM-DD"`, for the values serde lays out.
pub(super) struct Day(pub(super) NaiveDate);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = day_text(self.0).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(std::str::from_utf8(&text).unwrap_or_default())
    }
}
