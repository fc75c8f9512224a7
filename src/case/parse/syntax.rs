//! TOML syntax errors worded for people: a date in another layout, a missing quote, the
//! source quoted.

use std::ops::Range;

/// When a syntax error falls in a value written as a date in another layout (`17/10/2022`,
/// `17.10.2022`, `2022/10/17`), the value's span and a message that says how dates are
/// written, with the date meant when the layout leaves no doubt.
pub(super) fn date_in_another_layout(
    text: &str,
    span: &Range<usize>,
) -> Option<(Range<usize>, String)> {
    // A `key = date` line is short: only a window around the error is looked at, so that a
    // line of megabytes with thousands of errors costs one window per error, not one line.
    const WINDOW: usize = 256;
    let mut lo = span.start.saturating_sub(WINDOW);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let line_start = match text.get(lo..span.start)?.rfind('\n') {
        Some(i) => lo + i + 1,
        None if lo == 0 => 0,
        None => return None,
    };
    let rest = text.get(span.start..)?;
    let line_end = match rest.bytes().take(WINDOW).position(|b| b == b'\n') {
        Some(i) => span.start + i,
        None if rest.len() <= WINDOW => text.len(),
        None => return None,
    };
    let line = text.get(line_start..line_end)?;
    let eq = line.find('=')?;
    let after = &line[eq + 1..];
    let value = after.split('#').next()?.trim();
    let offset = line_start + eq + 1 + (after.len() - after.trim_start().len());
    if offset > span.start || span.start > offset + value.len() {
        return None;
    }
    let meant = other_date_layout(value)?;
    let guess = meant.map_or_else(String::new, |d| format!(": did you mean {d}?"));
    Some((
        offset..offset + value.len(),
        format!(
            "expected a date such as 2022-10-17 (YYYY-MM-DD, without quotes), found {value}{guess}"
        ),
    ))
}

/// Rewords the TOML syntax errors people make most, using the text around the error.
pub(super) fn syntax_hint(text: &str, span: &Range<usize>, message: String) -> String {
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
pub(in crate::case) fn quoted_source(text: &str, span: &Range<usize>) -> String {
    let s = text.get(span.clone()).unwrap_or("").trim();
    if s.starts_with('"') || s.starts_with('\'') {
        s.to_string()
    } else {
        format!("\"{s}\"")
    }
}

/// A date written in another layout than `YYYY-MM-DD` (`22/11/2026`, `2026/11/22`,
/// `22.11.2026`): `None` when `value` is not one, else the date it most likely means, when
/// that is clear (`Some(None)` for `05/06/2026`, which could be either).
pub(crate) fn other_date_layout(value: &str) -> Option<Option<chrono::NaiveDate>> {
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
    Some(meant)
}
