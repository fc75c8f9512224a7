//! Validation: a file's text into `raw` types (`parse.rs`), and `raw` types into a validated
//! `Case`, collecting every error of the file in one pass. One submodule per kind of table.
//!
//! Messages follow one style: lowercase; keys named as written in the file; the offending
//! value quoted when it is written as a string (ids, amounts, codes), shown as written when it
//! is a date; a value it conflicts with given as `key = value`.

mod event;
mod expect;
mod fine;
mod liquidation;
mod measure;
mod order;
mod owed;
mod payment;
mod start;

use super::diag::Collector;
use super::parse;
use super::raw::{self, Amount, Date, RawFile};
use super::{Case, Diagnostic};
use crate::fx::Currency;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// The earliest year accepted in a case file.
const MIN_YEAR: i32 = 1900;

/// Above this many ids, an unknown id gets no "did you mean" (finding one would cost too much
/// on a huge file).
const MAX_SUGGESTIONS: usize = 1000;

/// Above this many ids, a message counts them instead of listing them.
const MAX_LISTED: usize = 10;

/// The latest year accepted in a case file, or reached by a computed deadline.
const MAX_YEAR: i32 = 9999;

/// Parses and validates the text of one case file, reporting every error found, in the order
/// they appear in the file.
pub fn load_case_str(path: &Path, text: &str) -> Result<Case, Vec<Diagnostic>> {
    let mut errors = Collector::new(path, text);
    let parsed = parse::parse(text, &mut errors);
    if parsed.syntax {
        return Err(errors.finish());
    }
    let line_starts = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut v = Validator {
        path,
        line_starts,
        errors,
        broken: parsed.broken_ids,
    };
    let case = v.case(parsed.raw);
    match case {
        Some(c) if v.errors.is_empty() => Ok(c),
        _ if v.errors.is_empty() => {
            Err(vec![Diagnostic::file(path, "the file holds no valid case")])
        }
        _ => Err(v.errors.finish()),
    }
}
struct Validator<'a> {
    path: &'a Path,
    /// Byte offsets where lines start, to name a line in a message without a scan.
    line_starts: Vec<usize>,
    errors: Collector<'a>,
    /// Ids of fines and orders with errors: references to them are not checked further.
    broken: BTreeSet<String>,
}

impl Validator<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(span, message);
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    fn date(&mut self, d: &Spanned<Date>, key: &str) -> NaiveDate {
        let date = d.get_ref().0;
        if date.year() < MIN_YEAR {
            self.error(
                d.span(),
                format!(
                    "{key} {date} is before {MIN_YEAR}: expected a date from {MIN_YEAR} to {MAX_YEAR}"
                ),
            );
        }
        date
    }

    /// The first day of delay after `deadline`: the day after it, which must still be a date
    /// of the year 9999 at the latest (every date penalty reads, computes or prints is); an
    /// error at `span` otherwise. `what` names the deadline in the message.
    fn first_day_after(
        &mut self,
        deadline: NaiveDate,
        span: Range<usize>,
        what: &str,
    ) -> Option<NaiveDate> {
        match deadline.succ_opt() {
            Some(day) if day.year() <= MAX_YEAR => Some(day),
            _ => {
                self.error(
                    span,
                    format!(
                        "{what} {deadline} leaves no day of delay: the first would be in the year {}, after {MAX_YEAR}-12-31, the last date a case may reach",
                        MAX_YEAR + 1
                    ),
                );
                None
            }
        }
    }

    fn opt_date(&mut self, d: &Option<Spanned<Date>>, key: &str) -> Option<NaiveDate> {
        d.as_ref().map(|d| self.date(d, key))
    }

    /// The value at `span` as written in the file, quoted (`"-0"` stays `"-0"`, where the
    /// parsed decimal would read `0`).
    fn written(&self, span: &Range<usize>) -> String {
        parse::quoted_source(self.errors.source(), span)
    }

    fn positive(&mut self, a: &Spanned<Amount>, key: &str) -> Decimal {
        let value = a.get_ref().0;
        if value <= Decimal::ZERO {
            let written = self.written(&a.span());
            self.error(a.span(), format!("{key} must be positive, found {written}"));
        }
        value
    }

    fn not_negative(&mut self, a: &Spanned<Amount>, key: &str) -> Decimal {
        let value = a.get_ref().0;
        if value < Decimal::ZERO {
            let written = self.written(&a.span());
            self.error(
                a.span(),
                format!("{key} must not be negative, found {written}"),
            );
        }
        value
    }

    /// An identifier (an id, a company): not empty, no control characters (they would drive
    /// the terminal it is shown on, or split a table's row), and no spaces at either end
    /// (`"acme "` would be a second company beside `"acme"`).
    fn identifier(&mut self, s: &Spanned<String>, what: &str) -> String {
        let value = s.get_ref();
        if value.trim().is_empty() {
            self.error(s.span(), format!("{what} must not be empty"));
        } else if let Some(c) = crate::text::first_unsafe(value) {
            self.error(
                s.span(),
                format!(
                    "{what} must not contain control characters, found {} in \"{value}\": write it in plain text",
                    crate::text::describe(c)
                ),
            );
        } else if value.trim() != value {
            self.error(
                s.span(),
                format!("{what} must not begin or end with a space, found \"{value}\""),
            );
        }
        value.clone()
    }

    /// Whether errors were reported since `before` (a count of errors).
    fn failed_since(&self, before: usize) -> bool {
        self.errors.len() > before
    }

    fn case(&mut self, mut raw: RawFile) -> Option<Case> {
        let header = raw.case.take().map(Spanned::into_inner);
        let mut header_ok = None;
        if let Some(header) = header {
            let id = self.identifier(&header.id, "case id");
            let company = self.identifier(&header.company, "company");
            let jurisdiction = header.jurisdiction.get_ref().clone();
            if !valid_jurisdiction(&jurisdiction) {
                self.error(
                    header.jurisdiction.span(),
                    format!(
                        "expected a jurisdiction such as \"FR\", \"EU\" or \"US-IL\" (ISO 3166-1 alpha-2, upper case), found \"{jurisdiction}\""
                    ),
                );
            }
            let currency = match header.currency.get_ref().parse::<Currency>() {
                Ok(c) => Some(c),
                Err(e) => {
                    self.error(header.currency.span(), e.to_string());
                    None
                }
            };
            let turnover = header
                .turnover
                .as_ref()
                .map(|t| self.positive(t, "turnover"));
            let interest = self.interest_regime(&header.interest);
            header_ok = currency.map(|currency| {
                (
                    header,
                    id,
                    company,
                    jurisdiction,
                    currency,
                    turnover,
                    interest,
                )
            });
        }

        // Fines and orders share one set of ids; tables that could not be read count too.
        let mut ids: BTreeMap<String, (&'static str, usize)> = BTreeMap::new();
        let mut fines = Vec::with_capacity(raw.fine.len());
        for f in &raw.fine {
            let before = self.errors.len();
            let fine = self.fine(f.get_ref());
            self.unique_id(&mut ids, &f.get_ref().id, "fine");
            if self.failed_since(before) {
                self.broken.insert(fine.id.clone());
            }
            fines.push(fine);
        }
        let mut orders = Vec::with_capacity(raw.order.len());
        for o in &raw.order {
            let before = self.errors.len();
            let order = self.order(o.get_ref(), o.span());
            self.unique_id(&mut ids, &o.get_ref().id, "order");
            if self.failed_since(before) {
                self.broken.insert(o.get_ref().id.get_ref().clone());
            }
            orders.extend(order);
        }
        let known: BTreeSet<String> = ids.keys().chain(self.broken.iter()).cloned().collect();
        let payments = self.payments(&raw, &fines, &orders, &known);
        let expects = self.expects(&raw.expect, &ids);

        let (header, id, company, jurisdiction, currency, turnover, interest) = header_ok?;
        Some(Case {
            path: self.path.to_path_buf(),
            id,
            company,
            jurisdiction,
            authority: header.authority,
            reference: header.reference,
            currency,
            turnover,
            interest,
            notes: header.notes,
            sources: header.sources,
            fines,
            orders,
            payments,
            expects,
            owing: None,
        })
    }

    fn unique_id(
        &mut self,
        ids: &mut BTreeMap<String, (&'static str, usize)>,
        id: &Spanned<String>,
        what: &'static str,
    ) {
        if let Some((first, line)) = ids.get(id.get_ref()) {
            self.error(
                id.span(),
                format!(
                    "duplicate id \"{}\": the {first} on line {line} already has it (fines and orders of a case share one set of ids)",
                    id.get_ref()
                ),
            );
        } else {
            let line = self.line_of(id.span().start);
            ids.insert(id.get_ref().clone(), (what, line));
        }
    }
}

fn per_name(per: raw::Per) -> &'static str {
    match per {
        raw::Per::Day => "day",
        raw::Per::Week => "week",
        raw::Per::Month => "month",
        raw::Per::Quarter => "quarter",
        raw::Per::Semester => "semester",
        raw::Per::Year => "year",
        raw::Per::Violation => "violation",
        raw::Per::Once => "once",
    }
}

fn valid_jurisdiction(j: &str) -> bool {
    let (country, sub) = match j.split_once('-') {
        Some((c, s)) => (c, Some(s)),
        None => (j, None),
    };
    country.len() == 2
        && country.chars().all(|c| c.is_ascii_uppercase())
        && sub.is_none_or(|s| {
            (1..=3).contains(&s.len())
                && s.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jurisdictions() {
        assert!(valid_jurisdiction("FR"));
        assert!(valid_jurisdiction("EU"));
        assert!(valid_jurisdiction("US-IL"));
        assert!(!valid_jurisdiction("fr"));
        assert!(!valid_jurisdiction("FRA"));
        assert!(!valid_jurisdiction("US-"));
    }
}
