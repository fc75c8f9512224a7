//! Text from a case file on its way to a terminal or a file: characters that could drive a
//! terminal (escape sequences that clear it, retitle it or move the cursor) or change how a
//! line reads (bidirectional overrides, line breaks inside a value) are shown as visible
//! escapes such as `\u{1b}`, never written raw.
//!
//! Identifiers (ids, company, jurisdiction, currency, `applies_to`) refuse these characters
//! when the file is loaded; free text (notes, references, descriptions, paths) and messages
//! that quote what a file holds go through [`escape`] when shown.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is: a control character (C0, DEL, C1), a
/// bidirectional formatting character (which reorders how a line reads), or a line or
/// paragraph separator.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// The first unsafe character of `s`, if any.
pub fn first_unsafe(s: &str) -> Option<char> {
    s.chars().find(|&c| is_unsafe(c))
}

/// How `c` is shown: `\u{1b}`.
pub fn escaped_char(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// `s` with every unsafe character shown as `\u{...}`; borrowed when there is none.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_keeping(s, &[])
}

/// `s` with every unsafe character except those in `keep` shown as `\u{...}`: multi-line
/// free text keeps its line breaks with `keep = &['\n']`.
pub fn escape_keeping<'a>(s: &'a str, keep: &[char]) -> Cow<'a, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep.contains(&c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep.contains(&c) {
            out.push_str(&escaped_char(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A name for an unsafe character in a message: `U+001B (escape)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\t' => " (tab)",
        '\n' => " (line feed)",
        '\r' => " (carriage return)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{1b}' => " (escape)",
        '\u{7f}' => " (delete)",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => " (a bidirectional override)",
        '\u{061c}' | '\u{200e}' | '\u{200f}' => " (a direction mark)",
        '\u{2028}' | '\u{2029}' => " (a line separator)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_osc_title_sequence_is_shown_escaped() {
        assert_eq!(escape("x\u{1b}]0;x\u{7}"), "x\\u{1b}]0;x\\u{7}");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            escape("Clearview AI, Inc. – été"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn c1_del_and_bidi_overrides_are_unsafe() {
        for c in [
            '\u{0}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in ['a', 'é', ' ', '\u{a0}', '–'] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn line_breaks_can_be_kept() {
        assert_eq!(escape_keeping("a\nb\u{1b}", &['\n']), "a\nb\\u{1b}");
        assert_eq!(escape("a\nb"), "a\\u{a}b");
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_holds_no_unsafe_character(s in "\\PC*|[\\x00-\\x{ff}\\x{2028}-\\x{2069}]*") {
            let e = escape(&s);
            proptest::prop_assert_eq!(first_unsafe(&e), None);
            proptest::prop_assert_eq!(e == s, first_unsafe(&s).is_none());
        }
    }

    #[test]
    fn characters_are_named() {
        assert_eq!(describe('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe('\u{9b}'), "U+009B");
    }
}
