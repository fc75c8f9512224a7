//! The JSON report: a documented, versioned contract for programs (docs/json-schema.md,
//! docs/penalty-report.schema.json). The wire types below are kept apart from the domain
//! types, so that a change inside the engine cannot change the document by accident: the
//! document changes only when these types do, and then `SCHEMA` says so.
//!
//! Amounts are decimal strings (exact; no float anywhere), dates are `YYYY-MM-DD` strings,
//! and every list is in a fixed order, so the same input gives byte-identical output.
//!
//! Submodules: `wire` (amounts, dates and figures), `case` (a case, its fines and orders) and
//! `pretty` (the layout).

use super::{Meta, Render};
use crate::exposure::{CaseLine, Report};
use crate::fx::{Currency, RateSource, RateUsed};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

mod case;
mod pretty;
mod wire;

use case::CaseOut;
pub(super) use pretty::Pretty;
use wire::{Day, Figures};

/// The version of the document's layout. It changes when a key is removed or renamed or its
/// meaning changes; adding a key does not change it.
pub const SCHEMA: u32 = 2;

/// Renders a report as one pretty-printed JSON object, ending with a newline.
pub struct JsonRenderer;

impl Render for JsonRenderer {
    fn render(&self, report: &Report, meta: &Meta) -> anyhow::Result<String> {
        let mut out = Vec::new();
        self.render_to(report, meta, &mut out)?;
        Ok(String::from_utf8(out)?)
    }

    /// Streams the document: each case is laid out as it is written, so the whole document
    /// is never held in memory.
    fn render_to(&self, report: &Report, meta: &Meta, out: &mut dyn Write) -> anyhow::Result<()> {
        let mut serializer = serde_json::Serializer::with_formatter(&mut *out, Pretty::default());
        Document::new(report, meta).serialize(&mut serializer)?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

/// The case list, laid out one case at a time as it is serialized.
struct Cases<'a> {
    lines: &'a [CaseLine],
    currency: Currency,
}

impl Serialize for Cases<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.lines.iter().map(|c| CaseOut::new(c, self.currency)))
    }
}

/// The whole document.
#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    as_of: Day,
    currency: &'static str,
    fx_date: &'static str,
    projection: bool,
    overrides: &'a [String],
    filters: &'a [String],
    rates: Vec<Rate>,
    cases: Cases<'a>,
    companies: Vec<Company<'a>>,
    jurisdictions: Vec<Jurisdiction<'a>>,
    total: Figures,
}

/// An exchange rate used: 1 EUR = `per_eur` units of `currency`.
#[derive(Serialize)]
struct Rate {
    currency: &'static str,
    date: Day,
    per_eur: String,
    valuation_date: Day,
    stale: bool,
    source: String,
}

/// A company's sum of case lines.
#[derive(Serialize)]
struct Company<'a> {
    company: &'a str,
    cases: Vec<&'a str>,
    figures: Figures,
}

/// A jurisdiction's sum of case lines.
#[derive(Serialize)]
struct Jurisdiction<'a> {
    jurisdiction: &'a str,
    cases: Vec<&'a str>,
    figures: Figures,
}

impl<'a> Document<'a> {
    fn new(r: &'a Report, meta: &'a Meta) -> Self {
        // The ids of each group's cases, in id order, gathered in one pass per grouping.
        let group = |pick: fn(&'a CaseLine) -> &'a str| {
            let mut groups: BTreeMap<&'a str, Vec<&'a str>> = BTreeMap::new();
            for c in &r.cases {
                groups.entry(pick(c)).or_default().push(c.id.as_str());
            }
            groups
        };
        let (mut by_company, mut by_jurisdiction) =
            (group(|c| &c.company), group(|c| &c.jurisdiction));
        Document {
            schema: SCHEMA,
            as_of: Day(r.as_of),
            currency: r.currency.code(),
            fx_date: match r.fx_date {
                crate::exposure::FxDate::AsOf => "as-of",
                crate::exposure::FxDate::Decided => "decided",
            },
            projection: meta.projection,
            overrides: &meta.overrides,
            filters: &meta.filters,
            rates: r.rates.iter().map(Rate::new).collect(),
            cases: Cases {
                lines: &r.cases,
                currency: r.currency,
            },
            companies: r
                .companies
                .iter()
                .map(|(key, t)| Company {
                    company: key,
                    cases: by_company.remove(key.as_str()).unwrap_or_default(),
                    figures: Figures::new(t, r.currency),
                })
                .collect(),
            jurisdictions: r
                .jurisdictions
                .iter()
                .map(|(key, t)| Jurisdiction {
                    jurisdiction: key,
                    cases: by_jurisdiction.remove(key.as_str()).unwrap_or_default(),
                    figures: Figures::new(t, r.currency),
                })
                .collect(),
            total: Figures::new(&r.total, r.currency),
        }
    }
}

impl Rate {
    fn new(u: &RateUsed) -> Self {
        Rate {
            currency: u.currency.code(),
            date: Day(u.date),
            per_eur: u.per_eur.normalize().to_string(),
            valuation_date: Day(u.valuation_date),
            stale: u.stale,
            source: match &u.source {
                RateSource::Ecb => "ECB".to_string(),
                RateSource::File(p) => p.display().to_string(),
            },
        }
    }
}
