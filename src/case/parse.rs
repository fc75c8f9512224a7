//! TOML text into `raw` types, table by table, with every error located and worded for the
//! person who wrote the file.
//!
//! The document is parsed once into spanned TOML values; then `[case]` and each `[[fine]]`,
//! `[[order]]`, `[[payment]]` and `[[expect]]` are read on their own, so that a typo in one
//! table does not hide the errors in the others. serde's messages ("invalid type: map,
//! expected a sequence") are rewritten into the project's style ("expected an array of
//! tables, found a table"), and a misspelt key or value gets a "did you mean" suggestion.

use super::diag::Collector;
use super::raw::{CASE_KEYS, RawFile, TOP_LEVEL};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeValue, ValueDeserializer};

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

/// When a syntax error falls in a value written as a date in another layout (`17/10/2022`,
/// `17.10.2022`, `2022/10/17`), the value's span and a message that says how dates are
/// written, with the date meant when the layout leaves no doubt.
fn date_in_another_layout(text: &str, span: &Range<usize>) -> Option<(Range<usize>, String)> {
    let line_start = text.get(..span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text
        .get(span.start..)?
        .find('\n')
        .map_or(text.len(), |i| span.start + i);
    let line = text.get(line_start..line_end)?;
    let eq = line.find('=')?;
    let after = &line[eq + 1..];
    let value = after.split('#').next()?.trim();
    let offset = line_start + eq + 1 + (after.len() - after.trim_start().len());
    if offset > span.start || span.start > offset + value.len() {
        return None;
    }
    let sep = value.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = value.split(sep).collect();
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect::<Option<_>>()?;
    let [a, b, c] = numbers[..] else {
        return None;
    };
    let (a_len, c_len) = (parts[0].len(), parts[2].len());
    if sep == '-' && a_len == 4 {
        // The right layout with a wrong day or month: TOML's own message says which.
        return None;
    }
    // Year first is YYYY/MM/DD; year last is DD/MM/YYYY, unless the month cannot be first.
    let meant = match (a_len, c_len) {
        (4, _) => Some((a, b, c)),
        (_, 4) if a > 12 && b <= 12 => Some((c, b, a)),
        (_, 4) if b > 12 && a <= 12 => Some((c, a, b)),
        (_, 4) => None,
        _ => return None,
    }
    .and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d));
    let guess = meant.map_or_else(String::new, |d| format!(": did you mean {d}?"));
    Some((
        offset..offset + value.len(),
        format!(
            "expected a date such as 2022-10-17 (YYYY-MM-DD, without quotes), found {value}{guess}"
        ),
    ))
}

/// Rewords the TOML syntax errors people make most, using the text around the error.
fn syntax_hint(text: &str, span: &Range<usize>, message: String) -> String {
    let before = text.get(..span.start).unwrap_or("");
    // A bounded look ahead: a line may be megabytes long.
    let rest_of_line: String = text
        .get(span.start..)
        .unwrap_or("")
        .chars()
        .take_while(|&c| c != '\n')
        .take(80)
        .collect();
    let rest_of_line = rest_of_line.trim();
    let at = rest_of_line.chars().next();
    let (head, _) = message.split_once(", expected").unwrap_or((&message, ""));
    // A control character written raw inside a string (TOML allows only a tab there) ends
    // the string for the parser: say what it is rather than "unclosed string".
    let raw_control = text
        .get(span.start..)
        .and_then(|t| t.chars().next())
        .filter(|&c| c != '\n' && c != '\r' && crate::text::is_unsafe(c));
    if head.starts_with("invalid")
        && head.ends_with(" string")
        && let Some(c) = raw_control
    {
        return format!(
            "a string cannot hold the control character {} as written: remove it (a case file is plain text)",
            crate::text::describe(c)
        );
    }
    match head {
        "duplicate key" => format!(
            "duplicate key {}: it is already set in this table",
            quoted_source(text, span)
        ),
        "string values must be quoted" | "missing value" | "missing value for key"
            if rest_of_line.is_empty() || rest_of_line.starts_with('#') =>
        {
            "expected a value after \"=\"".to_string()
        }
        "string values must be quoted" => {
            "expected a value: text must be in quotes, such as \"2 months\"".to_string()
        }
        "unexpected key or value" if at == Some(',') && before.ends_with(|c: char| c.is_ascii_digit()) => {
            "unexpected \",\" after a number: write amounts without thousands separators, as strings such as \"5200000\"".to_string()
        }
        "unexpected key or value" => {
            "unexpected text after the value: expected the end of the line (or a # comment)"
                .to_string()
        }
        "invalid basic string" | "invalid multi-line basic string" => {
            "unclosed string: expected a closing '\"'".to_string()
        }
        "invalid date" if message.contains("four-digit year") => {
            "invalid date: expected a four-digit year (dates run from 1900 to 9999)".to_string()
        }
        "invalid date" => match message.split_once(", expected ") {
            Some((_, expected)) => format!("invalid date: expected a {expected}"),
            None => message,
        },
        "unclosed array table" => "unclosed [[...]] header: expected \"]]\"".to_string(),
        "unclosed table" => "unclosed [...] header: expected \"]\"".to_string(),
        "cannot recurse further; max recursion depth met" => {
            "arrays or tables nested too deeply".to_string()
        }
        _ => message,
    }
}

/// The source text of `span`, quoted, for messages that name what was written.
pub(super) fn quoted_source(text: &str, span: &Range<usize>) -> String {
    let s = text.get(span.clone()).unwrap_or("").trim();
    if s.starts_with('"') || s.starts_with('\'') {
        s.to_string()
    } else {
        format!("\"{s}\"")
    }
}

/// A short description of a TOML value, for "found ..." in messages.
fn describe_value(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("the string {:?}", s.as_ref()),
        DeValue::Integer(i) => format!("the integer {}", i.as_str()),
        DeValue::Float(f) => format!("the float {}", f.as_str()),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "an array".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

/// The candidate closest to `word`, when it is close enough to be a likely typo.
pub(super) fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            let lower = word.to_lowercase();
            (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c)
        })
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3) && *d < c.chars().count().max(2))
        .min()
        .map(|(_, c)| c)
}

/// "unknown key "rat" (did you mean "rate"?)", or the list of what is known.
fn unknown(what: &str, word: &str, known: &[&str]) -> String {
    match suggest(word, known.iter().copied()) {
        Some(c) => format!("unknown {what} \"{word}\" (did you mean \"{c}\"?)"),
        None => format!(
            "unknown {what} \"{word}\", expected one of {}",
            known
                .iter()
                .map(|k| format!("\"{k}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The names between backticks in a serde list such as "`id`, `rate` or `per`".
fn backticked(list: &str) -> Vec<&str> {
    list.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect()
}

/// Rewrites toml's and serde's messages into the project's style.
pub(super) fn humanize(message: &str) -> String {
    let message = message.trim();
    if let Some((key, expected)) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
    {
        return unknown("key", key, &backticked(expected));
    }
    if let Some((value, expected)) = message
        .strip_prefix("unknown variant `")
        .and_then(|rest| rest.split_once('`'))
    {
        return unknown("value", value, &backticked(expected));
    }
    if let Some((key, _)) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
    {
        return format!("missing required key \"{key}\"");
    }
    // toml's own words for a value of the wrong type where one of a few words is expected
    // (per, count, kind, extend).
    if message == "wanted string or table" {
        return "expected one of this key's words, in quotes (such as per = \"day\"; docs/case-format.md lists them)"
            .to_string();
    }
    if message == "invalid type: map, expected a sequence" {
        return "expected an array of tables, written [[...]] with double brackets, found a single table"
            .to_string();
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return format!(
            "expected {}, found {}",
            describe_expected(expected),
            describe_unexpected(found)
        );
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid value: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return format!(
            "expected {}, found {}",
            describe_expected(expected),
            describe_unexpected(found)
        );
    }
    requote(message)
}

/// serde's "expected" phrases in plain words.
fn describe_expected(expected: &str) -> String {
    match expected {
        "a sequence" => "an array".to_string(),
        "u32" | "u64" | "i64" | "i32" => "a whole number".to_string(),
        "a string" => "a string in quotes".to_string(),
        e if e.starts_with("struct ") => "a table".to_string(),
        e if e.starts_with("enum ") => "one of the listed words, in quotes".to_string(),
        e => requote(e),
    }
}

/// serde's "unexpected" phrases ("integer `5`", "map") in plain words.
fn describe_unexpected(found: &str) -> String {
    let value = |s: &str| s.trim_matches('`').to_string();
    if let Some(v) = found.strip_prefix("integer ") {
        return format!("the integer {}", value(v));
    }
    if let Some(v) = found.strip_prefix("floating point ") {
        return format!("the float {}", value(v));
    }
    if let Some(v) = found.strip_prefix("boolean ") {
        return value(v);
    }
    if let Some(v) = found.strip_prefix("string ") {
        return format!("the string {v}");
    }
    match found {
        "map" => "a table".to_string(),
        "sequence" => "an array".to_string(),
        f => requote(f),
    }
}

/// Backticks become double quotes, except around a quote character itself.
fn requote(s: &str) -> String {
    s.replace("`\"`", "'\"'")
        .replace("`'`", "\"'\"")
        .replace('`', "\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_suggests_the_closest() {
        assert_eq!(
            humanize("unknown field `rat`, expected one of `id`, `rate`, `per`"),
            "unknown key \"rat\" (did you mean \"rate\"?)"
        );
        assert_eq!(
            humanize("unknown field `zzzzzz`, expected `id` or `rate`"),
            "unknown key \"zzzzzz\", expected one of \"id\", \"rate\""
        );
    }

    #[test]
    fn unknown_value_suggests_the_closest() {
        assert_eq!(
            humanize("unknown variant `daily`, expected one of `day`, `week`, `month`"),
            "unknown value \"daily\" (did you mean \"day\"?)"
        );
    }

    #[test]
    fn type_errors_say_expected_then_found() {
        assert_eq!(
            humanize("wanted string or table"),
            "expected one of this key's words, in quotes (such as per = \"day\"; docs/case-format.md lists them)"
        );
        assert_eq!(
            humanize("invalid type: integer `5`, expected a string"),
            "expected a string in quotes, found the integer 5"
        );
        assert_eq!(
            humanize("invalid type: integer `5`, expected a sequence"),
            "expected an array, found the integer 5"
        );
    }

    #[test]
    fn suggestions_need_to_be_close() {
        assert_eq!(
            suggest("dedline", ["deadline", "decided"]),
            Some("deadline")
        );
        assert_eq!(suggest("x", ["id", "rate"]), None);
        assert_eq!(suggest("fines", TOP_LEVEL), Some("fine"));
    }
}
