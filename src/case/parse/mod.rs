//! TOML text into `raw` types, table by table, with every error located and worded for the
//! person who wrote the file.
//!
//! The document is parsed once into spanned TOML values; then `[case]` and each `[[fine]]`,
//! `[[order]]`, `[[payment]]` and `[[expect]]` are read on their own, so that a typo in one
//! table does not hide the errors in the others. serde's messages ("invalid type: map,
//! expected a sequence") are rewritten into the project's style ("expected an array of
//! tables, found a table"), and a misspelt key or value gets a "did you mean" suggestion
//! (`wording`); a syntax error gets a hint and its source quoted (`syntax`).

use crate::case::diag::Collector;
use crate::case::raw::{CASE_KEYS, RawFile, TOP_LEVEL};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeValue, ValueDeserializer};

mod syntax;
pub(crate) use syntax::other_date_layout;
mod wording;

pub(super) use syntax::quoted_source;
use syntax::{date_in_another_layout, syntax_hint};
use wording::{describe_value, unknown};
pub(super) use wording::{humanize, suggest};

/// How many TOML syntax errors of one file are reported: after the first few, the parser's
/// recovery mostly reports the consequences of the first ones.
const MAX_SYNTAX_ERRORS: usize = 5;

/// What parsing a file gave: the tables that could be read, and the ids of fines and orders
/// whose tables could not (so that validation does not report a payment to them as naming
/// nothing). Errors go to the collector.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// The tables read.
    pub raw: RawFile,
    /// Whether the text is not TOML at all (then nothing else is checked).
    pub syntax: bool,
    /// Ids of `[[fine]]` and `[[order]]` tables that could not be read.
    pub broken_ids: BTreeSet<String>,
}

/// Parses `text` into its tables, reporting what is wrong to `errors`.
pub(super) fn parse(text: &str, errors: &mut Collector<'_>) -> Parsed {
    let mut out = Parsed::default();
    let (root, mut syntax_errors) = toml::de::DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        out.syntax = true;
        syntax_errors.sort_by_key(|e| e.span().map(|s| s.start));
        syntax_errors.dedup_by_key(|e| e.span().map(|s| s.start));
        for e in syntax_errors.iter().take(MAX_SYNTAX_ERRORS) {
            report(text, e, errors);
        }
        return out;
    }
    let root = root.into_inner();
    // [case] keys written above the [case] header: each gets its own error, so the [case]
    // table does not also report them missing.
    let outside: BTreeSet<String> = root
        .iter()
        .filter(|(k, v)| CASE_KEYS.contains(&k.get_ref().as_ref()) && !v.get_ref().is_table())
        .map(|(k, _)| k.get_ref().to_string())
        .collect();
    let case_present = root.iter().any(|(k, _)| k.get_ref().as_ref() == "case");
    // Without a [case] header, the [case] keys written at the top are one mistake: one
    // error, at the first of them, says so.
    let mut headerless: Vec<(Range<usize>, String)> = Vec::new();
    for (key, value) in root {
        let name: &str = key.get_ref();
        match name {
            "case" => {
                if !value.get_ref().is_table() {
                    errors.push(
                        value.span(),
                        format!(
                            "expected the [case] table, found {}",
                            describe_value(value.get_ref())
                        ),
                    );
                    continue;
                }
                match read(value) {
                    Ok(case) => out.raw.case = Some(case),
                    Err(e) => {
                        let missing = e
                            .message()
                            .strip_prefix("missing field `")
                            .and_then(|rest| rest.split_once('`'))
                            .map(|(key, _)| key);
                        if !missing.is_some_and(|key| outside.contains(key)) {
                            report(text, &e, errors);
                        }
                    }
                }
            }
            "fine" => read_all(text, name, value, &mut out, errors, |raw, v| {
                raw.fine.push(v)
            }),
            "order" => read_all(text, name, value, &mut out, errors, |raw, v| {
                raw.order.push(v)
            }),
            "payment" => read_all(text, name, value, &mut out, errors, |raw, v| {
                raw.payment.push(v)
            }),
            "expect" => read_all(text, name, value, &mut out, errors, |raw, v| {
                raw.expect.push(v)
            }),
            _ if CASE_KEYS.contains(&name) && !value.get_ref().is_table() && !case_present => {
                headerless.push((key.span(), format!("{name:?}")));
            }
            _ => {
                let message = if CASE_KEYS.contains(&name) && !value.get_ref().is_table() {
                    format!("key \"{name}\" is outside any table: put it under the [case] header")
                } else if let Some((_, parent)) = NESTED.iter().find(|(n, _)| *n == name) {
                    let article = if parent.starts_with('o') { "an" } else { "a" };
                    format!(
                        "[[{name}]] belongs to {article} {parent}: write [[{parent}.{name}]] after the [[{parent}]] it is for"
                    )
                } else {
                    unknown("table", name, &TOP_LEVEL)
                };
                errors.push(key.span(), message);
            }
        }
    }
    headerless.sort_by_key(|(span, _)| span.start);
    let keys: Vec<String> = headerless.iter().map(|(_, k)| k.clone()).collect();
    match headerless.first().map(|(span, _)| span.clone()) {
        Some(span) => {
            let line = text
                .get(..span.start)
                .map_or(1, |t| t.matches('\n').count() + 1);
            errors.push(
                span,
                format!(
                    "missing the [case] header: {} belong{} under it; add a line [case] above line {line}",
                    list_words(&keys),
                    if keys.len() == 1 { "s" } else { "" }
                ),
            );
        }
        None if !case_present => errors.push_file(
            "missing required table [case] (with id, company, jurisdiction and currency)",
        ),
        None => {}
    }
    out
}

/// The tables that belong inside another, and the table they belong to.
const NESTED: [(&str, &str); 5] = [
    ("liquidation", "order"),
    ("suspension", "order"),
    ("rate_change", "order"),
    ("violation", "order"),
    ("event", "fine"),
];

/// `"a"`, `"a" and "b"`, `"a", "b" and "c"`.
fn list_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Reads one value into a raw type.
fn read<T: for<'de> Deserialize<'de>>(
    value: Spanned<DeValue<'_>>,
) -> Result<Spanned<T>, toml::de::Error> {
    Spanned::<T>::deserialize(ValueDeserializer::from(value))
}

/// Reads an array of tables, `[[name]]`, element by element.
fn read_all<T: for<'de> Deserialize<'de>>(
    text: &str,
    name: &str,
    value: Spanned<DeValue<'_>>,
    out: &mut Parsed,
    errors: &mut Collector<'_>,
    mut push: impl FnMut(&mut RawFile, Spanned<T>),
) {
    let span = value.span();
    let DeValue::Array(items) = value.into_inner() else {
        let before = text.get(..span.start).unwrap_or("");
        let message = if before.ends_with("[[") {
            // `[[order.liquidation]]` with no `[[order]]` before it makes `order` a table.
            let header: String = text
                .get(span.start..)
                .unwrap_or("")
                .chars()
                .take_while(|&c| c != ']' && c != '\n')
                .take(80)
                .collect();
            format!("[[{header}]] needs an [[{name}]] table before it")
        } else {
            format!(
                "expected an array of tables, written [[{name}]] with double brackets, found a single table or value"
            )
        };
        errors.push(span, message);
        return;
    };
    for item in items.iter() {
        if !item.get_ref().is_table() {
            errors.push(
                item.span(),
                format!(
                    "expected a table in {name}, found {}",
                    describe_value(item.get_ref())
                ),
            );
            continue;
        }
        let id = item
            .get_ref()
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .map(str::to_string);
        match read::<T>(item.clone()) {
            Ok(v) => push(&mut out.raw, v),
            Err(e) => {
                report(text, &e, errors);
                if let Some(id) = id {
                    out.broken_ids.insert(id);
                }
            }
        }
    }
}

/// Reports a TOML or serde error in the project's words.
fn report(text: &str, e: &toml::de::Error, errors: &mut Collector<'_>) {
    let message = humanize(e.message());
    if let Some((span, message)) = e.span().and_then(|s| date_in_another_layout(text, &s)) {
        errors.push(span, message);
        return;
    }
    match e.span() {
        Some(span) => {
            let message = syntax_hint(text, &span, message);
            errors.push(span, message);
        }
        None => errors.push_file(message),
    }
}
