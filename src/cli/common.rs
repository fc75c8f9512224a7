//! The options every command shares, and their resolution into a plain `Config`. Today's
//! date is read here and nowhere else.

use crate::exposure::FxDate;
use crate::fx::{Currency, RateTable};
use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rust_decimal::Decimal;
use std::ffi::OsStr;
use std::path::PathBuf;
use std::str::FromStr;

/// Options shared by the commands that compute figures.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Compute as of the end of this day (YYYY-MM-DD) [default: today].
    #[arg(long, env = "PENALTY_AS_OF", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Report currency (ISO 4217 code).
    #[arg(long, default_value = "EUR", value_name = "CODE", value_parser = parse_currency)]
    pub currency: Currency,
    /// Add exchange rates from FILE (ECB CSV layout, the ECB's daily eurofxref.csv, a zip
    /// of either, or TOML [[rate]] tables); repeatable [default: none: the shipped ECB
    /// history, and the one `penalty rates update` stored].
    #[arg(long, value_name = "FILE")]
    pub rates: Vec<PathBuf>,
    /// When amounts are converted: at the as-of date, or at the date each one arose.
    #[arg(long, value_enum, default_value_t = FxDateArg::AsOf, value_name = "WHEN")]
    pub fx_date: FxDateArg,
    /// What if: treat open orders as complied on DATE (the first day without penalty), or
    /// only ORDER (or CASE/ORDER) with ORDER=DATE; repeatable. The files are not changed
    /// [default: none: orders as the files state them].
    #[arg(long, value_name = "[[CASE/]ORDER=]DATE")]
    pub assume_compliance: Vec<crate::whatif::AssumeCompliance>,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when stdout is a terminal and NO_COLOR is unset or empty.
    Auto,
    /// Always colour, even into a pipe or with NO_COLOR set.
    Always,
    /// Never colour.
    Never,
}

/// `--number-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NumberFormatArg {
    /// 5,200,000.00
    En,
    /// 5 200 000,00 (French typography)
    Fr,
}

/// Whether to colour: `--color` decides, and `auto` means only on a terminal without a
/// non-empty `NO_COLOR` (<https://no-color.org>).
pub fn color_enabled(choice: ColorArg, stdout_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => stdout_is_terminal && no_color.is_none_or(OsStr::is_empty),
    }
}

/// The width a table must fit in: `flag` (`--width`, 0 for no limit) wins; to stdout, a
/// positive `COLUMNS` comes next, then the `terminal`'s width; otherwise there is no limit.
pub fn table_width(
    flag: Option<usize>,
    to_stdout: bool,
    columns: Option<&str>,
    terminal: impl FnOnce() -> Option<usize>,
) -> Option<usize> {
    if let Some(n) = flag {
        return (n > 0).then_some(n);
    }
    if !to_stdout {
        return None;
    }
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or_else(terminal)
        .filter(|&n| n > 0)
}

/// `--fx-date` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FxDateArg {
    /// Every amount at the rate of the as-of date.
    AsOf,
    /// Fines and liquidations at their decision date, payments at their date.
    Decided,
}

/// Parses a `YYYY-MM-DD` date from 1900 to 9999 (the years a case file may use) for clap.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date such as 2026-11-22 (YYYY-MM-DD), found {s:?}"))?;
    if !(1900..=9999).contains(&chrono::Datelike::year(&date)) {
        return Err(format!("expected a date from 1900 to 9999, found {s:?}"));
    }
    Ok(date)
}

/// Parses a `--fail-above` amount: a non-negative decimal number without separators.
pub fn parse_threshold(s: &str) -> Result<Decimal, String> {
    let t = s.trim();
    let plain = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.matches('.').count() <= 1
        && t.chars().any(|c| c.is_ascii_digit());
    match Decimal::from_str(t) {
        Ok(d) if plain => Ok(d),
        _ => Err(format!(
            "expected an amount such as 1000000 or 2500000.50 (digits, an optional decimal point, no sign or separators), found {s:?}"
        )),
    }
}

fn parse_currency(s: &str) -> Result<Currency, String> {
    s.parse::<Currency>().map_err(|e| e.to_string())
}

/// The options of a computing command, resolved.
#[derive(Debug)]
pub struct Config {
    /// The day the figures are for.
    pub as_of: NaiveDate,
    /// Today's date, read once, to tell a projection from the past.
    pub today: NaiveDate,
    /// The report currency.
    pub currency: Currency,
    /// The rate table: the shipped ECB history, the stored update, and `--rates` files.
    pub rates: RateTable,
    /// When amounts are converted.
    pub fx_date: FxDate,
    /// What-if compliance dates.
    pub assume_compliance: Vec<crate::whatif::AssumeCompliance>,
}

impl CommonArgs {
    /// Resolves the options against today's date.
    pub fn resolve(&self, today: NaiveDate) -> anyhow::Result<Config> {
        let mut rates = RateTable::builtin();
        crate::rates::add_stored(&mut rates)?;
        for file in &self.rates {
            rates
                .add_file(file)
                .with_context(|| format!("cannot use rates from {}", file.display()))?;
        }
        Ok(Config {
            as_of: self.as_of.unwrap_or(today),
            today,
            currency: self.currency,
            rates,
            fx_date: match self.fx_date {
                FxDateArg::AsOf => FxDate::AsOf,
                FxDateArg::Decided => FxDate::Decided,
            },
            assume_compliance: self.assume_compliance.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            parse_date("2026-11-22"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
        );
        assert!(parse_date("22/11/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(
            parse_date("1899-12-31")
                .unwrap_err()
                .contains("1900 to 9999")
        );
        assert!(
            parse_date("+10000-01-01")
                .unwrap_err()
                .contains("1900 to 9999")
        );
    }

    #[test]
    fn the_width_flag_wins_then_columns_then_the_terminal() {
        let tty = || Some(120);
        assert_eq!(table_width(Some(80), true, Some("100"), tty), Some(80));
        assert_eq!(table_width(Some(0), true, Some("100"), tty), None);
        assert_eq!(table_width(None, true, Some("100"), tty), Some(100));
        assert_eq!(table_width(None, true, Some("wide"), tty), Some(120));
        assert_eq!(table_width(None, true, None, || None), None);
        // A file is not a terminal: only --width applies.
        assert_eq!(table_width(None, false, Some("100"), tty), None);
        assert_eq!(table_width(Some(80), false, None, tty), Some(80));
    }

    #[test]
    fn no_color_turns_auto_colour_off_but_not_always() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(color_enabled(ColorArg::Auto, true, None));
        assert!(color_enabled(ColorArg::Auto, true, empty));
        assert!(!color_enabled(ColorArg::Auto, true, set));
        assert!(!color_enabled(ColorArg::Auto, false, None));
        assert!(color_enabled(ColorArg::Always, false, set));
        assert!(!color_enabled(ColorArg::Never, true, None));
    }

    #[test]
    fn thresholds_are_plain_non_negative_amounts() {
        assert_eq!(parse_threshold("1000000"), Ok(Decimal::from(1_000_000)));
        assert_eq!(
            parse_threshold("2500000.50"),
            Ok(Decimal::from_str("2500000.50").unwrap())
        );
        for bad in ["-1", "1,000,000", "1e6", "", ".", "1.2.3", "EUR 5"] {
            assert!(
                parse_threshold(bad)
                    .unwrap_err()
                    .contains("expected an amount"),
                "{bad:?} was accepted"
            );
        }
    }
}
