//! Diagnostics for bad input: the file, the line and column, what was expected, and the
//! offending line with a caret under it, the way rustc and hledger show them.

use crate::text::escape;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One input error, located in a file where the location is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the error is in.
    pub path: PathBuf,
    /// 1-based line and column of the offending value, when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong and what was expected.
    pub message: String,
    /// The offending line and the span of the caret within it (in characters).
    pub excerpt: Option<Excerpt>,
}

/// The text of the offending line and where to put the caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The line as written in the file.
    pub text: String,
    /// 0-based character column of the caret's start.
    pub column: usize,
    /// Number of characters to underline (at least 1).
    pub width: usize,
}

/// How many characters of the offending line an excerpt shows.
const EXCERPT_CHARS: usize = 160;

impl Diagnostic {
    /// An error about a whole file (unreadable, not UTF-8, no cases).
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            position: None,
            message: message.into(),
            excerpt: None,
        }
    }

    /// An error at byte range `span` of `source`, the text of `path`.
    pub fn at(path: &Path, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let mut c = Collector::new(path, source);
        c.push(span, message);
        c.finish()
            .pop()
            .unwrap_or_else(|| Diagnostic::file(path, "internal error: no diagnostic"))
    }

    /// The one-line form, `path:line:col: message`, without the excerpt. Control characters
    /// in the path or in the message (which may quote the file) are shown escaped, so the line
    /// stays one line and cannot drive a terminal.
    pub fn headline(&self) -> String {
        let path = self.path.display().to_string();
        let (path, message) = (escape(&path), escape(&self.message));
        match self.position {
            Some((line, col)) => format!("{path}:{line}:{col}: {message}"),
            None => format!("{path}: {message}"),
        }
    }
}

/// The errors found in one file, by byte span, turned into located diagnostics together.
///
/// Positions are worked out in one sweep over the text, and each excerpt keeps only a window
/// of its line, so a large file with many errors costs time and memory in proportion to its
/// size, not to its size times the number of errors.
#[derive(Debug)]
pub struct Collector<'a> {
    path: &'a Path,
    source: &'a str,
    items: Vec<(Option<Range<usize>>, String)>,
}

impl<'a> Collector<'a> {
    /// A collector for `source`, the text of `path`.
    pub fn new(path: &'a Path, source: &'a str) -> Self {
        Collector {
            path,
            source,
            items: Vec::new(),
        }
    }

    /// An error at byte range `span` of the text.
    pub fn push(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.items.push((Some(span), message.into()));
    }

    /// An error about the whole file.
    pub fn push_file(&mut self, message: impl Into<String>) {
        self.items.push((None, message.into()));
    }

    /// The text the errors are in.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// How many errors have been collected.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether no error has been collected.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics, in the order of their place in the file (whole-file errors first).
    pub fn finish(self) -> Vec<Diagnostic> {
        let Collector {
            path,
            source,
            mut items,
        } = self;
        items.sort_by_key(|(span, _)| span.as_ref().map(|s| s.start));
        let mut out = Vec::with_capacity(items.len());
        // The sweep: `off` is a char boundary on line `line` (1-based) that starts at
        // `line_start`, and `col` is the number of characters from `line_start` to `off`.
        // A byte order mark is not part of the first line's text: columns count after it.
        let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
        let (mut off, mut line, mut line_start, mut col) = (bom, 1usize, bom, 0usize);
        for (span, message) in items {
            let Some(span) = span else {
                out.push(Diagnostic::file(path, message));
                continue;
            };
            let start = floor_char_boundary(source, span.start.clamp(bom, source.len().max(bom)));
            let segment = &source[off..start];
            match segment.rfind('\n') {
                Some(i) => {
                    line += segment.matches('\n').count();
                    line_start = off + i + 1;
                    col = source[line_start..start].chars().count();
                }
                None => col += segment.chars().count(),
            }
            off = start;
            let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
            let width = source[start..end]
                .chars()
                .take_while(|&c| c != '\n')
                .take(EXCERPT_CHARS)
                .count()
                .max(1);
            out.push(Diagnostic {
                path: path.to_path_buf(),
                position: Some((line, col + 1)),
                message,
                excerpt: Some(excerpt(source, line_start, start, col, width)),
            });
        }
        out
    }
}

/// A window of the line starting at `line_start` around byte `start` (character column
/// `col`), with "..." where the line is cut. A tab is shown as a space and other control
/// characters as visible escapes (`\u{1b}`), so that an excerpt can neither drive the
/// terminal nor break its line; the caret moves with the text it points at.
fn excerpt(source: &str, line_start: usize, start: usize, col: usize, width: usize) -> Excerpt {
    let before = &source[line_start..start];
    let (from, skipped) = if col + width.min(EXCERPT_CHARS / 2) <= EXCERPT_CHARS {
        (line_start, 0)
    } else {
        let keep = EXCERPT_CHARS / 2;
        let back = before
            .char_indices()
            .rev()
            .nth(keep - 1)
            .map_or(line_start, |(i, _)| line_start + i);
        (back, col.saturating_sub(keep))
    };
    let caret_at = col - skipped;
    let mut text = String::new();
    // `text`'s length in characters, kept as it grows.
    let mut shown_len = 0;
    if skipped > 0 {
        text.push_str("...");
        shown_len = 3;
    }
    let (mut column, mut caret_width) = (None, 0);
    let mut cut = false;
    let mut chars = source[from..].chars().enumerate().peekable();
    while let Some((shown, c)) = chars.next() {
        let line_end = c == '\n' || (c == '\r' && chars.peek().is_none_or(|&(_, n)| n == '\n'));
        if line_end {
            break;
        }
        if shown == EXCERPT_CHARS {
            cut = true;
            break;
        }
        if shown == caret_at {
            column = Some(shown_len);
        }
        let added = match c {
            '\t' => {
                text.push(' ');
                1
            }
            c if crate::text::is_unsafe(c) || c == '\u{feff}' => {
                let e = crate::text::escaped_char(c);
                text.push_str(&e);
                e.len()
            }
            c => {
                text.push(c);
                1
            }
        };
        if shown >= caret_at && shown < caret_at + width {
            caret_width += added;
        }
        shown_len += added;
    }
    let text = if cut {
        format!("{}...", text.trim_end())
    } else {
        text.trim_end().to_string()
    };
    Excerpt {
        text,
        column: column.unwrap_or(shown_len),
        width: caret_width.max(1),
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let (Some(ex), Some((line, _))) = (&self.excerpt, self.position) {
            let gutter = line.to_string().len();
            let pad = " ".repeat(gutter);
            write!(
                f,
                "\n{pad} |\n{line} | {}\n{pad} | {}{}",
                ex.text,
                " ".repeat(ex.column),
                "^".repeat(ex.width)
            )?;
        }
        Ok(())
    }
}

/// Every diagnostic found in one pass, shown together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

/// How many diagnostics are printed before the rest are summed up as "N more".
pub const MAX_SHOWN: usize = 50;

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().take(MAX_SHOWN).enumerate() {
            if i > 0 {
                f.write_str("\nerror: ")?;
            }
            write!(f, "{d}")?;
        }
        let more = self.0.len().saturating_sub(MAX_SHOWN);
        if more > 0 {
            let s = if more == 1 { "" } else { "s" };
            write!(f, "\nerror: {more} more error{s} not shown")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_line_and_column_with_a_caret() {
        let src = "[case]\nid = \"x\"\nrate = \"-100\"\n";
        let start = src.find("\"-100\"").unwrap();
        let d = Diagnostic::at(
            Path::new("cases/x.toml"),
            src,
            start..start + 6,
            "rate must be positive",
        );
        assert_eq!(d.position, Some((3, 8)));
        assert_eq!(
            d.to_string(),
            "cases/x.toml:3:8: rate must be positive\n  |\n3 | rate = \"-100\"\n  |        ^^^^^^"
        );
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_caret() {
        let src = format!("x = [{}1.5]", "1, ".repeat(1000));
        let start = src.find("1.5").unwrap();
        let d = Diagnostic::at(Path::new("x.toml"), &src, start..start + 3, "m");
        // "x = [" is 5 characters and each "1, " 3: the float is in column 3006.
        assert_eq!(d.position, Some((1, 3006)));
        let ex = d.excerpt.unwrap();
        assert!(ex.text.starts_with("..."));
        assert!(ex.text.chars().count() <= EXCERPT_CHARS + 3);
        let caret: String = ex.text.chars().skip(ex.column).take(ex.width).collect();
        assert_eq!(caret, "1.5");
    }

    #[test]
    fn control_characters_are_shown_escaped_and_the_caret_follows() {
        let src = "id = \"a\u{1b}[31mb\" x";
        let at = src.find('x').unwrap();
        let d = Diagnostic::at(Path::new("x.toml"), src, at..at + 1, "m");
        // In the file `x` is the 16th character; in the excerpt, `id = "a` (7 characters), the
        // escape shown as `\u{1b}` (6) and `[31mb" ` (7) come before it.
        assert_eq!(
            d.to_string(),
            "x.toml:1:16: m\n  |\n1 | id = \"a\\u{1b}[31mb\" x\n  |                     ^"
        );
    }

    #[test]
    fn a_message_quoting_a_control_character_shows_it_escaped() {
        let d = Diagnostic::file(Path::new("x\u{1b}.toml"), "found \"a\nb\u{9b}\"");
        assert_eq!(d.to_string(), "x\\u{1b}.toml: found \"a\\u{a}b\\u{9b}\"");
    }

    #[test]
    fn a_byte_order_mark_does_not_shift_the_first_line() {
        let src = "\u{feff}[cse]\n";
        let d = Diagnostic::at(Path::new("x.toml"), src, 4..7, "m");
        assert_eq!(d.position, Some((1, 2)));
        assert_eq!(d.to_string(), "x.toml:1:2: m\n  |\n1 | [cse]\n  |  ^^^");
    }

    #[test]
    fn a_carriage_return_ending_a_line_is_not_shown() {
        let src = "a = 1\r\nb = x\r\n";
        let d = Diagnostic::at(Path::new("x.toml"), src, 11..12, "m");
        assert_eq!(d.excerpt.unwrap().text, "b = x");
    }

    #[test]
    fn collected_errors_come_out_in_file_order() {
        let src = "a = 1\nb = 2\nc = 3\n";
        let mut c = Collector::new(Path::new("x.toml"), src);
        c.push(12..13, "third");
        c.push(0..1, "first");
        c.push_file("whole file");
        c.push(6..7, "second");
        let positions: Vec<_> = c
            .finish()
            .into_iter()
            .map(|d| (d.position, d.message))
            .collect();
        assert_eq!(
            positions,
            [
                (None, "whole file".to_string()),
                (Some((1, 1)), "first".to_string()),
                (Some((2, 1)), "second".to_string()),
                (Some((3, 1)), "third".to_string()),
            ]
        );
    }

    #[test]
    fn spans_past_the_end_do_not_panic() {
        let d = Diagnostic::at(Path::new("x.toml"), "é", 1..99, "m");
        assert_eq!(d.position, Some((1, 1)));
    }
}
