//! Diagnostics for bad input: the file, the line and column, what was expected, and the
//! offending line with a caret under it, the way rustc and hledger show them.

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
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_no = source[..start].matches('\n').count() + 1;
        let text = source[line_start..line_end].trim_end_matches('\r');
        let column = source[line_start..start].chars().count();
        let width = source[start..end.min(line_end).max(start)]
            .chars()
            .count()
            .max(1);
        Diagnostic {
            path: path.to_path_buf(),
            position: Some((line_no, column + 1)),
            message: message.into(),
            excerpt: Some(Excerpt {
                text: text.to_string(),
                column,
                width,
            }),
        }
    }

    /// The one-line form, `path:line:col: message`, without the excerpt.
    pub fn headline(&self) -> String {
        match self.position {
            Some((line, col)) => format!("{}:{line}:{col}: {}", self.path.display(), self.message),
            None => format!("{}: {}", self.path.display(), self.message),
        }
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
            let shown: String = ex.text.chars().take(200).collect();
            let caret_col = ex.column.min(200);
            let width = ex.width.min(200usize.saturating_sub(caret_col)).max(1);
            write!(
                f,
                "\n{pad} |\n{line} | {shown}\n{pad} | {}{}",
                " ".repeat(caret_col),
                "^".repeat(width)
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
        if self.0.len() > MAX_SHOWN {
            write!(
                f,
                "\nerror: {} more errors not shown",
                self.0.len() - MAX_SHOWN
            )?;
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
    fn spans_past_the_end_do_not_panic() {
        let d = Diagnostic::at(Path::new("x.toml"), "é", 1..99, "m");
        assert_eq!(d.position, Some((1, 1)));
    }
}
