//! Pointing back into a loaded case's file: the value an error found after loading (an
//! overflow, a missing exchange rate) is located by parsing the file again, so the domain
//! types carry no positions and no text.

use super::diag::Collector;
use super::parse;
use super::raw::{Amount, RawFile};
use super::{Case, Diagnostic};
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// A value of a loaded case that an error found later (an overflow, a missing exchange rate)
/// points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locus<'a> {
    /// The case's `id`.
    CaseId,
    /// The case's `currency`.
    Currency,
    /// The case's `interest` (the case's id when it has none).
    Interest,
    /// A key of an order: `rate` (the largest of its rates), `cap`, `amount` (the largest
    /// liquidation amount), or any other name for the order's table.
    Order {
        /// The order's id.
        id: &'a str,
        /// The key.
        key: &'a str,
    },
    /// A fine's `amount` (the largest, counting reductions), or its table for another key.
    Fine {
        /// The fine's id.
        id: &'a str,
        /// The key.
        key: &'a str,
    },
    /// The `amount` of a payment, by its place among the case's payments.
    Payment {
        /// 0-based index in the file's `[[payment]]` tables.
        index: usize,
    },
}

/// The tables of a case file's text as written, with their spans, to point into it. Errors
/// are not reported: the file was validated when it was loaded.
pub fn raw_tables(path: &Path, text: &str) -> RawFile {
    parse::parse(text, &mut Collector::new(path, text)).raw
}

/// A diagnostic pointing at `locus` in a loaded case's file.
///
/// Spans are found again by reading and parsing the file: this happens only on the way to
/// reporting an error, and keeps the domain types free of positions and of the file's text.
pub fn locate(case: &Case, locus: Locus<'_>, message: impl Into<String>) -> Diagnostic {
    locate_in(&case.path, locus, message)
}

/// A diagnostic pointing at `locus` in the case file at `path`.
pub fn locate_in(path: &Path, locus: Locus<'_>, message: impl Into<String>) -> Diagnostic {
    // Cases do not keep their text (a portfolio would cost twice its size in memory), and
    // diagnostics about a loaded case are rare: the file is read again to point into it.
    let Ok(source) = std::fs::read_to_string(path) else {
        return Diagnostic::file(path, message);
    };
    let parsed = parse::parse(&source, &mut Collector::new(path, &source));
    match span_of(&parsed.raw, locus) {
        Some(span) => Diagnostic::at(path, &source, span, message),
        None => Diagnostic::file(path, message),
    }
}

pub(super) fn span_of(raw: &RawFile, locus: Locus<'_>) -> Option<Range<usize>> {
    let largest = |amounts: Vec<&Spanned<Amount>>| {
        amounts
            .into_iter()
            .fold(None::<&Spanned<Amount>>, |best, a| match best {
                Some(b) if b.get_ref().0 >= a.get_ref().0 => Some(b),
                _ => Some(a),
            })
            .map(Spanned::span)
    };
    match locus {
        Locus::CaseId => raw.case.as_ref().map(|c| c.get_ref().id.span()),
        Locus::Currency => raw.case.as_ref().map(|c| c.get_ref().currency.span()),
        Locus::Interest => raw.case.as_ref().map(|c| {
            let c = c.get_ref();
            c.interest
                .as_ref()
                .map_or_else(|| c.id.span(), Spanned::span)
        }),
        Locus::Order { id, key } => {
            let o = raw.order.iter().find(|o| o.get_ref().id.get_ref() == id)?;
            let r = o.get_ref();
            let found = match key {
                "rate" => largest(
                    r.rate
                        .iter()
                        .chain(r.rate_change.iter().map(|c| &c.get_ref().rate))
                        .collect(),
                ),
                "cap" => r.cap.as_ref().map(Spanned::span),
                "interest" => r.interest.as_ref().map(Spanned::span),
                "amount" => largest(
                    r.liquidation
                        .iter()
                        .filter_map(|l| l.get_ref().amount.as_ref())
                        .collect(),
                ),
                _ => None,
            };
            Some(found.unwrap_or_else(|| o.span()))
        }
        Locus::Fine { id, key } => {
            let f = raw.fine.iter().find(|f| f.get_ref().id.get_ref() == id)?;
            let r = f.get_ref();
            let found = match key {
                "amount" => largest(
                    std::iter::once(&r.amount)
                        .chain(r.event.iter().filter_map(|e| e.get_ref().amount.as_ref()))
                        .collect(),
                ),
                "interest" => r.interest.as_ref().map(Spanned::span),
                _ => None,
            };
            Some(found.unwrap_or_else(|| f.span()))
        }
        Locus::Payment { index } => raw.payment.get(index).map(|p| p.get_ref().amount.span()),
    }
}
