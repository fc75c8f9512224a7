//! Rendering a schedule (`penalty schedule`): a terminal table, CSV and JSON. Like the other
//! renderers these only lay out a `schedule::Timeline` already computed; every output says
//! whether it is a projection and which what-if overrides were in force.

use super::Meta;
use crate::schedule::{Entry, Timeline};
use serde::Serialize;

mod json;
mod table;
mod words;

pub use json::{SCHEMA, json};
pub use table::table;
pub use words::{
    event_words, liquidation_words, per_name, plain_amount, rate_words, summary_words,
};

/// One CSV record.
#[derive(Serialize)]
struct CsvRecord<'a> {
    case: &'a str,
    order: &'a str,
    kind: &'static str,
    from: String,
    through: String,
    rate: String,
    per: &'static str,
    days: String,
    amount: String,
    cumulative: String,
    status: &'static str,
    event: &'static str,
    description: String,
    as_of: &'a str,
    projection: bool,
    overrides: &'a str,
}

/// Writes the schedule as CSV, one record per row or event as it is made, each carrying
/// the as-of date, whether it is a projection and the overrides in force, so no record can
/// be read out of its context.
///
/// # Errors
///
/// When `out` cannot be written or an amount overflows.
pub fn csv(t: &Timeline, meta: &Meta, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let overrides = meta.overrides.join("; ");
    let as_of = t.as_of.to_string();
    for o in &t.orders {
        for e in o.entries() {
            let base = CsvRecord {
                case: &t.case,
                order: &o.id,
                kind: "period",
                from: String::new(),
                through: String::new(),
                rate: String::new(),
                per: per_name(o.per),
                days: String::new(),
                amount: String::new(),
                cumulative: String::new(),
                status: "",
                event: "",
                description: String::new(),
                as_of: &as_of,
                projection: meta.projection,
                overrides: &overrides,
            };
            let record = match e? {
                Entry::Row(r) => CsvRecord {
                    from: r.from.to_string(),
                    through: r.through().to_string(),
                    rate: plain_amount(r.rate),
                    days: r.days.to_string(),
                    amount: plain_amount(r.amount),
                    cumulative: plain_amount(r.cumulative),
                    status: r.status.name(),
                    ..base
                },
                Entry::Event(ev) => CsvRecord {
                    kind: "event",
                    from: ev.date.to_string(),
                    event: ev.kind.name(),
                    description: event_words(&ev, o.per),
                    ..base
                },
            };
            w.serialize(record)?;
        }
    }
    w.flush()?;
    Ok(())
}
