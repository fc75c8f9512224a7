//! Rendering: one module per output format behind one trait. Renderers never compute; they
//! lay out a `Report` built by `exposure`. Where the output goes (stdout or a file, written
//! atomically) is decided once, here.

pub mod table;

// The outputs of `schedule` and `explain`, which lay out more than a `Report`.
pub mod chart;
pub mod explain;
pub mod schedule;

use crate::exposure::Report;
use rust_decimal::Decimal;
use std::io::Write;
use std::path::Path;

/// What a report says about how it was made, beside its figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The as-of date is after today: the figures are a projection.
    pub projection: bool,
    /// What-if overrides in force, in words.
    pub overrides: Vec<String>,
}

/// An output format.
pub trait Render {
    /// Lays out the report as text.
    fn render(&self, report: &Report, meta: &Meta) -> String;
}

/// Formats an amount with thousands separators and at least two decimals, exactly:
/// `5200000` -> `5,200,000.00`, `0.125` -> `0.125`.
pub fn format_amount(amount: Decimal) -> String {
    let mut a = amount.normalize();
    if a.scale() < 2 {
        a.rescale(2);
    }
    let text = a.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::with_capacity(text.len() + text.len() / 3 + 1);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// Writes `text` to stdout. A closed pipe (`penalty ... | head`) is not an error.
pub fn write_stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes `text` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_file_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map_or_else(
        || "penalty-output".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn amounts_get_separators_and_two_decimals() {
        let f = |s: &str| format_amount(Decimal::from_str(s).unwrap());
        assert_eq!(f("5200000"), "5,200,000.00");
        assert_eq!(f("9058287.36"), "9,058,287.36");
        assert_eq!(f("100"), "100.00");
        assert_eq!(f("0"), "0.00");
        assert_eq!(f("-1234.5"), "-1,234.50");
        assert_eq!(f("0.125"), "0.125");
        assert_eq!(f("123456"), "123,456.00");
    }
}
