//! serde's messages rewritten in the project's style, and "did you mean" suggestions.

use toml::de::DeValue;

/// A short description of a TOML value, for "found ..." in messages.
pub(super) fn describe_value(v: &DeValue<'_>) -> String {
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
pub(in crate::case) fn suggest<'a>(
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
pub(super) fn unknown(what: &str, word: &str, known: &[&str]) -> String {
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
pub(in crate::case) fn humanize(message: &str) -> String {
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
    use crate::case::raw::TOP_LEVEL;

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
