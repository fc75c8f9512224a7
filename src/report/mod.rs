//! Rendering: one module per output format behind one trait. Renderers never compute; they
//! lay out a `Report` built by `exposure`. Where the output goes (stdout or a file, written
//! atomically by `file`, never over an input file) is decided once, here.

pub mod columns;
pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;

// The outputs of `schedule` and `explain`, which lay out more than a `Report`.
pub mod chart;
pub mod explain;
pub mod schedule;

// Writing `-o FILE`.
mod file;
pub use file::write_file_atomically_with;

use crate::exposure::{CaseLine, FineFigures, FineStatus, Report};
use crate::fx::Currency;
use rust_decimal::Decimal;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a report says about how it was made, beside its figures, and which of its
/// groupings the reader asked to see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The as-of date is after today: the figures are a projection.
    pub projection: bool,
    /// What-if overrides in force, in words.
    pub overrides: Vec<String>,
    /// The selection of cases (`--company`, `--jurisdiction`, `--case`), in words; empty
    /// when every case loaded is reported.
    pub filters: Vec<String>,
    /// How figures are written and whether they are coloured.
    pub formatting: Formatting,
    /// The one grouping to show (`--by`), or `None` for the format's default.
    pub by: Option<By>,
    /// The columns to show (`--columns`), or `None` for the format's own.
    pub columns: Option<Vec<&'static str>>,
    /// The width a table must fit in, in characters (`--width`, `COLUMNS` or the
    /// terminal's), or `None` for no limit.
    pub width: Option<usize>,
}

/// How a renderer writes figures for people: colour and number typography.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Formatting {
    /// Colour the terminal table (totals bold, contested amounts and projections yellow).
    pub color: bool,
    /// Thousands separator and decimal mark.
    pub numbers: NumberFormat,
}

/// The typography of numbers in tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NumberFormat {
    /// `5,200,000.00`: comma between thousands, point before decimals.
    #[default]
    En,
    /// `5 200 000,00`: a narrow no-break space (U+202F) between thousands, as French
    /// typography and the CLDR `fr` locale write it, and a decimal comma.
    Fr,
}

/// The French thousands separator: NARROW NO-BREAK SPACE, U+202F.
pub const FR_THOUSANDS: char = '\u{202F}';

impl NumberFormat {
    /// Formats an amount exactly, like [`format_amount`], in this typography.
    pub fn amount(self, amount: Decimal) -> String {
        let en = format_amount(amount);
        match self {
            NumberFormat::En => en,
            NumberFormat::Fr => en
                .chars()
                .map(|c| match c {
                    ',' => FR_THOUSANDS,
                    '.' => ',',
                    c => c,
                })
                .collect(),
        }
    }

    /// An amount with its currency: `EUR 5,200,000.00`, or in French `5 200 000,00 €` (the
    /// euro sign for EUR, the ISO code for other currencies, after a no-break space U+00A0).
    pub fn money(self, amount: Decimal, currency: Currency) -> String {
        match self {
            NumberFormat::En => format!("{currency} {}", self.amount(amount)),
            NumberFormat::Fr => {
                let unit = if currency.code() == "EUR" {
                    "€"
                } else {
                    currency.code()
                };
                format!("{}\u{A0}{unit}", self.amount(amount))
            }
        }
    }
}

/// An output format.
pub trait Render {
    /// Lays out the report as text.
    ///
    /// # Errors
    ///
    /// When the format's writer fails (a serializer error); input cannot cause one.
    fn render(&self, report: &Report, meta: &Meta) -> anyhow::Result<String>;

    /// Writes the report to `out`. Formats that can lay out a report piece by piece
    /// override this, so that a large portfolio's report is never held whole in memory.
    ///
    /// # Errors
    ///
    /// When `out` cannot be written, or the format's writer fails.
    fn render_to(&self, report: &Report, meta: &Meta, out: &mut dyn Write) -> anyhow::Result<()> {
        out.write_all(self.render(report, meta)?.as_bytes())?;
        Ok(())
    }
}

/// The output formats (`--format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    /// The versioned JSON document of docs/json-schema.md.
    Json,
    /// One row per case (or per --by group), with fixed columns.
    Csv,
    /// GitHub-flavoured Markdown tables.
    Markdown,
    /// One self-contained HTML page: headline figures, tables, charts, sources and rates.
    Html,
}

impl Format {
    /// The renderer of this format.
    pub fn renderer(self) -> Box<dyn Render> {
        match self {
            Format::Table => Box::new(table::TableRenderer),
            Format::Json => Box::new(json::JsonRenderer),
            Format::Csv => Box::new(csv::CsvRenderer),
            Format::Markdown => Box::new(markdown::MarkdownRenderer),
            Format::Html => Box::new(html::HtmlRenderer::default()),
        }
    }
}

/// The report formats file names ask for by their extension, as `-o FILE` reads them
/// (without regard to case). An extension not listed asks for nothing: `--format` decides,
/// else the table.
pub const EXTENSIONS: &[(&str, Format)] = &[
    ("csv", Format::Csv),
    ("json", Format::Json),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
];

/// Extensions of formats that other commands write, and the command to use instead.
const OTHER_COMMANDS: &[(&str, &str)] = &[("svg", "penalty schedule FILE -o CHART.svg")];

impl Format {
    /// The name of the format, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The format `-o` and `--format` ask for together: the one the file's extension names
    /// (`.csv`, `.json`, `.md`, `.html`), or `--format`, else the table.
    ///
    /// # Errors
    ///
    /// When `--format` contradicts the extension, or the extension names a format that
    /// another command writes (`.svg`).
    pub fn resolve(flag: Option<Format>, output: &Output) -> anyhow::Result<Format> {
        let Output::File(path) = output else {
            return Ok(flag.unwrap_or_default());
        };
        let ext = path
            .extension()
            .and_then(OsStr::to_str)
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if let Some((_, command)) = OTHER_COMMANDS.iter().find(|(e, _)| *e == ext) {
            anyhow::bail!(
                "-o {}: compute does not write .{ext} files; use {command}",
                path.display()
            );
        }
        let wanted = EXTENSIONS.iter().find(|(e, _)| *e == ext).map(|(_, f)| *f);
        match (flag, wanted) {
            (Some(f), Some(w)) if f != w => anyhow::bail!(
                "--format {} contradicts -o {}, whose extension asks for {}; drop --format or change the extension",
                f.name(),
                path.display(),
                w.name()
            ),
            (f, w) => Ok(w.or(f).unwrap_or_default()),
        }
    }
}

/// The groupings of a report (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum By {
    /// One line per case.
    Case,
    /// One line per company.
    Company,
    /// One line per jurisdiction.
    Jurisdiction,
}

impl By {
    /// The grouping's name, as written on the command line.
    pub fn name(self) -> &'static str {
        match self {
            By::Case => "case",
            By::Company => "company",
            By::Jurisdiction => "jurisdiction",
        }
    }
}

/// Whether a format that shows every grouping by default shows `grouping`.
pub fn shows(meta: &Meta, grouping: By) -> bool {
    meta.by.is_none_or(|by| by == grouping)
}

/// Where a report goes (`-o`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Standard output (`-o -`, the default).
    Stdout,
    /// A file, written atomically.
    File(PathBuf),
}

impl From<&OsStr> for Output {
    fn from(s: &OsStr) -> Output {
        if s == "-" {
            Output::Stdout
        } else {
            Output::File(PathBuf::from(s))
        }
    }
}

impl Output {
    /// Refuses a destination that is one of the `inputs` (compared as files on disk, so
    /// another spelling of the same path, a symbolic link or a hard link is caught too).
    ///
    /// # Errors
    ///
    /// When the destination is an input.
    pub fn refuse_inputs<'a>(
        &self,
        inputs: impl IntoIterator<Item = &'a Path>,
    ) -> anyhow::Result<()> {
        let Output::File(out) = self else {
            return Ok(());
        };
        if let Some(input) = inputs.into_iter().find(|i| same_file(out, i)) {
            anyhow::bail!(
                "refusing to write the report over an input file: -o {} is {}",
                out.display(),
                input.display()
            );
        }
        Ok(())
    }

    /// Writes `text` to the destination: stdout (a closed pipe is not an error), or the
    /// file, atomically.
    ///
    /// # Errors
    ///
    /// When stdout or the file cannot be written.
    pub fn write_with(
        &self,
        lay_out: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        use anyhow::Context;
        match self {
            Output::Stdout => {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                match lay_out(&mut out).and_then(|()| Ok(out.flush()?)) {
                    Err(e) if is_broken_pipe(&e) => Ok(()),
                    other => other.context("cannot write to stdout"),
                }
            }
            Output::File(path) => write_file_atomically_with(path, lay_out)
                .with_context(|| format!("cannot write the report to {}", path.display())),
        }
    }

    /// Writes `text` to the destination, like [`Output::write_with`].
    ///
    /// # Errors
    ///
    /// When stdout or the file cannot be written.
    pub fn write(&self, text: &str) -> anyhow::Result<()> {
        use anyhow::Context;
        match self {
            Output::Stdout => write_stdout(text).context("cannot write to stdout"),
            Output::File(path) => write_file_atomically(path, text)
                .with_context(|| format!("cannot write the report to {}", path.display())),
        }
    }
}

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// An amount as machine formats write it: a plain decimal string (no separators), exact,
/// with at least the currency's minor-unit decimals: `20000000` EUR -> `"20000000.00"`,
/// `0.125` EUR -> `"0.125"`, `-5` -> `"-5.00"`.
pub fn plain_amount(amount: Decimal, currency: Currency) -> String {
    PlainAmount(amount, currency).to_string()
}

/// [`plain_amount`] as a `Display`, to write an amount without building a string first.
#[derive(Debug, Clone, Copy)]
pub struct PlainAmount(pub Decimal, pub Currency);

impl std::fmt::Display for PlainAmount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.write(&mut [0; PLAIN_AMOUNT_MAX]))
    }
}

/// The longest plain amount: a sign, 29 digits and a decimal point, with room to spare.
pub const PLAIN_AMOUNT_MAX: usize = 48;

impl PlainAmount {
    /// Writes the amount into `buf` (from its end) and returns it: the digits of the
    /// decimal's mantissa with the point placed by its scale. Machine formats write millions
    /// of these, so this spares the general formatting machinery.
    pub fn write(self, buf: &mut [u8; PLAIN_AMOUNT_MAX]) -> &str {
        // Normalizing divides; the digits are written as they are and trailing zeros beyond
        // the currency's minor unit are dropped after.
        let a = self.0;
        let minor = self.1.minor_units() as usize;
        // Decimals to show: the amount's own, at least the currency's minor unit, made up
        // with zeros written here (a rescale could overflow the largest amounts).
        let scale = (a.scale() as usize).max(minor);
        let mut mantissa = a.mantissa().unsigned_abs();
        let mut i = buf.len();
        let mut digits = 0;
        for _ in a.scale() as usize..scale {
            i -= 1;
            buf[i] = b'0';
            digits += 1;
        }
        // At least one digit before the point: "0.125", "0.00".
        while mantissa > 0 || digits <= scale {
            if digits == scale && scale > 0 {
                i -= 1;
                buf[i] = b'.';
            }
            i -= 1;
            buf[i] = b'0' + (mantissa % 10) as u8;
            mantissa /= 10;
            digits += 1;
        }
        if a.is_sign_negative() && !a.is_zero() {
            i -= 1;
            buf[i] = b'-';
        }
        // Trailing zeros beyond the minor unit say nothing: "5200000.000" is "5200000.00".
        let mut end = buf.len();
        let mut decimals = scale;
        while decimals > minor && buf[end - 1] == b'0' {
            end -= 1;
            decimals -= 1;
        }
        if decimals == 0 && scale > 0 {
            end -= 1;
        }
        std::str::from_utf8(&buf[i..end]).unwrap_or_default()
    }
}

/// The fines a report counts zero because they are annulled: each with its case, and the
/// day of the annulment (the event that set the status), in case-id order.
pub fn annulled_fines(
    r: &Report,
) -> impl Iterator<Item = (&CaseLine, &FineFigures, Option<chrono::NaiveDate>)> {
    r.cases.iter().flat_map(|c| {
        c.figures
            .fines
            .iter()
            .filter(|f| f.status == FineStatus::Annulled)
            .map(move |f| (c, f, f.set_by.as_ref().map(|e| e.date)))
    })
}

/// A next forfeiture in a table cell: `10,000,000.00 on 2021-07-11`, or nothing.
pub fn next_words(f: Option<crate::accrue::Forfeiture>, numbers: NumberFormat) -> String {
    f.map(|f| format!("{} on {}", numbers.amount(f.amount), f.date))
        .unwrap_or_default()
}

/// A liquidation's ordered amount and its reduction, in words: ("ordered 5,200,000.00", "no
/// reduction"), ("ordered 4,000,000.00", "reduced by 1,200,000.00"), or, without an ordered
/// amount, ("no amount ordered, so the computed amount counts", "no reduction").
pub fn ordered_words(f: &crate::accrue::LiquidationFigures) -> (String, String) {
    let ordered = match f.liquidation.amount {
        Some(a) => format!("ordered {}", format_amount(a)),
        None => "no amount ordered, so the computed amount counts".to_string(),
    };
    if let Some(ceiling) = f.ceiling {
        // What an appeal took off the amount fixed is a reduction; the fixing itself is not.
        let reduction = if f.reduction.is_zero() {
            "the rate is a maximum, so this is no reduction".to_string()
        } else {
            format!(
                "the rate is a maximum, so only the {} taken off since is a reduction",
                format_amount(f.reduction)
            )
        };
        return (
            format!(
                "fixed at {} (ceiling {})",
                format_amount(f.ordered),
                format_amount(ceiling)
            ),
            reduction,
        );
    }
    let reduction = if f.reduction.is_zero() {
        "no reduction".to_string()
    } else if f.reduction.is_sign_positive() {
        format!("reduced by {}", format_amount(f.reduction))
    } else {
        format!("increased by {}", format_amount(-f.reduction))
    };
    (ordered, reduction)
}

/// The rates a report used, in words: `1 EUR = 0.8338 GBP (ECB, 2026-10-30), stale; ...`,
/// with a decimal comma in French typography; `None` when no conversion was needed.
pub fn rates_words(r: &Report, numbers: NumberFormat) -> Option<String> {
    if r.rates.is_empty() {
        return None;
    }
    let rates: Vec<String> = r.rates.iter().map(|u| rate_words(u, numbers)).collect();
    Some(rates.join("; "))
}

/// One rate used, in words: `1 EUR = 0.8338 GBP (ECB, 2026-10-30), stale`.
pub fn rate_words(u: &crate::fx::RateUsed, numbers: NumberFormat) -> String {
    let shown = match numbers {
        NumberFormat::En => u.to_string(),
        NumberFormat::Fr => {
            let rate = u.per_eur.to_string();
            u.to_string().replacen(&rate, &rate.replace('.', ","), 1)
        }
    };
    format!("{shown}{}", if u.stale { ", stale" } else { "" })
}

/// What a report's figures add up to, said under every table.
pub const EXPOSURE_NOTE: &str = "Exposure = fines (enforceable + contested) + penalties (liquidated enforceable + liquidated contested + accruing). Accruing penalties are provisional: owed only once liquidated. Run rate, at-risk and next forfeiture are not part of exposure.";

/// "annulled on D" (or "annulled" when the day is not known), for a fine counted zero.
pub fn annulled_words(on: Option<chrono::NaiveDate>) -> String {
    on.map_or_else(|| "annulled".to_string(), |d| format!("annulled on {d}"))
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

/// Writes `text` to `path` atomically: a temporary file beside it, then a rename (see
/// [`write_file_atomically_with`]).
pub fn write_file_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    write_file_atomically_with(path, |out| Ok(out.write_all(text.as_bytes())?))
        .map_err(std::io::Error::other)
}

/// Whether an error comes from writing into a closed pipe (`penalty ... | head`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<::csv::Error>().is_some_and(|c| {
                matches!(c.kind(), ::csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn machine_amounts_are_plain_and_exact() {
        let f = |s: &str, c: &str| plain_amount(Decimal::from_str(s).unwrap(), c.parse().unwrap());
        assert_eq!(f("20000000", "EUR"), "20000000.00");
        assert_eq!(f("9058287.36", "EUR"), "9058287.36");
        assert_eq!(f("5200000.000", "EUR"), "5200000.00");
        assert_eq!(f("0.125", "EUR"), "0.125");
        assert_eq!(f("-5", "SEK"), "-5.00");
        assert_eq!(f("-0", "EUR"), "0.00");
        assert_eq!(f("1500", "JPY"), "1500");
        assert_eq!(f("0", "JPY"), "0");
        assert_eq!(f("0.5", "JPY"), "0.5");
        assert_eq!(f("-0.05", "EUR"), "-0.05");
        let max = Decimal::MAX.to_string();
        assert_eq!(f(&max, "EUR"), format!("{max}.00"));
        assert_eq!(f(&format!("-{max}"), "EUR"), format!("-{max}.00"));
        assert_eq!(
            f("0.0000000000000000000000000001", "EUR"),
            "0.0000000000000000000000000001"
        );
    }

    proptest::proptest! {
        /// The fast writer agrees with rust_decimal's own formatting, for every amount.
        #[test]
        fn plain_amounts_match_decimal_display(lo in proptest::prelude::any::<u64>(), hi in 0u32..u32::MAX, scale in 0u32..=28, negative in proptest::prelude::any::<bool>()) {
            let d = Decimal::from_parts(lo as u32, (lo >> 32) as u32, hi, negative, scale);
            // rust_decimal's text of the normalized amount, made up to two decimals.
            let mut n = d.normalize();
            if n.is_zero() {
                n.set_sign_positive(true);
            }
            let text = n.to_string();
            let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
            let expected = match decimals {
                0 => format!("{text}.00"),
                1 => format!("{text}0"),
                _ => text,
            };
            proptest::prop_assert_eq!(plain_amount(d, Currency::EUR), expected);
        }
    }

    #[test]
    fn an_output_naming_an_input_is_refused_in_any_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("case.toml");
        std::fs::write(&input, "x").unwrap();
        let other = dir.path().join(".").join("case.toml");
        let err = Output::File(other)
            .refuse_inputs([input.as_path()])
            .unwrap_err();
        assert!(err.to_string().contains("refusing to write"), "{err}");
        let new = Output::File(dir.path().join("report.json"));
        assert!(new.refuse_inputs([input.as_path()]).is_ok());
        assert!(Output::Stdout.refuse_inputs([input.as_path()]).is_ok());
    }

    #[test]
    fn the_output_extension_picks_the_format_and_a_contradiction_is_refused() {
        let file = |name: &str| Output::File(PathBuf::from(name));
        assert_eq!(Format::resolve(None, &file("r.csv")).unwrap(), Format::Csv);
        assert_eq!(
            Format::resolve(None, &file("R.JSON")).unwrap(),
            Format::Json
        );
        assert_eq!(
            Format::resolve(None, &file("r.md")).unwrap(),
            Format::Markdown
        );
        assert_eq!(
            Format::resolve(None, &file("r.txt")).unwrap(),
            Format::Table
        );
        assert_eq!(
            Format::resolve(None, &Output::Stdout).unwrap(),
            Format::Table
        );
        assert_eq!(
            Format::resolve(Some(Format::Json), &file("report")).unwrap(),
            Format::Json
        );
        assert_eq!(
            Format::resolve(Some(Format::Csv), &file("r.csv")).unwrap(),
            Format::Csv
        );
        let err = Format::resolve(Some(Format::Json), &file("r.csv")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--format json contradicts -o r.csv, whose extension asks for csv; drop --format or change the extension"
        );
        let svg = Format::resolve(None, &file("x.svg")).unwrap_err();
        assert!(svg.to_string().contains("penalty schedule"), "{svg}");
    }

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

    #[test]
    fn french_typography_uses_a_narrow_no_break_space_and_a_decimal_comma() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        let eur: Currency = "EUR".parse().unwrap();
        let gbp: Currency = "GBP".parse().unwrap();
        assert_eq!(
            NumberFormat::Fr.amount(d("5200000")),
            "5\u{202F}200\u{202F}000,00"
        );
        assert_eq!(
            NumberFormat::Fr.money(d("5200000"), eur),
            "5\u{202F}200\u{202F}000,00\u{A0}€"
        );
        assert_eq!(
            NumberFormat::Fr.money(d("-7552800.5"), gbp),
            "-7\u{202F}552\u{202F}800,50\u{A0}GBP"
        );
        assert_eq!(NumberFormat::Fr.amount(d("0.125")), "0,125");
        assert_eq!(
            NumberFormat::En.money(d("5200000"), eur),
            "EUR 5,200,000.00"
        );
    }
}
