//! The options every command shares, and their resolution into a plain `Config`. Today's
//! date is read here and nowhere else.

use crate::exposure::FxDate;
use crate::fx::{Currency, RateTable};
use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rust_decimal::Decimal;
use std::ffi::OsStr;
use std::io::IsTerminal;
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
    /// of either, or TOML [[rate]] tables), or interest rates (a CSV whose header is `date`
    /// then table names: fr-legal, fr-legal-individual, nl-statutory, ecb-mro); repeatable
    /// [default: none: the shipped ECB history and interest tables, and the exchange rates
    /// `penalty rates update` stored].
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
    /// What if: every debt (fine or liquidation) payable on DATE is paid in full that day,
    /// principal and interest. The files are not changed [default: none: payments as the
    /// files state them].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub assume_paid: Option<NaiveDate>,
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

/// The width a table written to stdout or not must fit in: `flag` (`--width`, 0 for no
/// limit), else to stdout the `COLUMNS` variable, else the terminal's width; no limit into a
/// pipe or a file.
pub fn terminal_width(flag: Option<usize>, to_stdout: bool) -> Option<usize> {
    let terminal = || {
        std::io::stdout()
            .is_terminal()
            .then(crossterm::terminal::size)
            .and_then(Result::ok)
            .map(|(columns, _)| usize::from(columns))
    };
    table_width(
        flag,
        to_stdout,
        std::env::var("COLUMNS").ok().as_deref(),
        terminal,
    )
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
    let t = s.trim();
    let date = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        let hint = match crate::case::other_date_layout(t) {
            Some(Some(meant)) => format!(": did you mean {meant}?"),
            _ => no_such_day(t).unwrap_or_default(),
        };
        format!("expected a date such as 2026-11-22 (YYYY-MM-DD), found {s:?}{hint}")
    })?;
    if !(1900..=9999).contains(&chrono::Datelike::year(&date)) {
        return Err(format!("expected a date from 1900 to 9999, found {s:?}"));
    }
    Ok(date)
}

/// Why `t`, laid out as `YYYY-MM-DD`, names no day: its month, or its month's length.
fn no_such_day(t: &str) -> Option<String> {
    let parts: Vec<&str> = t.split('-').collect();
    let [y, m, d] = parts[..] else { return None };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&m) {
        return Some(format!(": there is no month {m}"));
    }
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    let days = (next - first).num_days();
    (i64::from(d) > days || d == 0).then(|| format!(": {} has {days} days", first.format("%B %Y")))
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
    /// The interest tables with `--rates` additions and the `--assume-paid` day, when either
    /// is given.
    pub owing: Option<std::sync::Arc<crate::owed::Owing>>,
}

impl Config {
    /// Sets on each case how its debts are valued (`--rates` interest tables,
    /// `--assume-paid`), when the command line says anything about it.
    pub fn set_owing(&self, cases: &mut [crate::case::Case]) {
        if let Some(owing) = &self.owing {
            for case in cases {
                case.owing = Some(owing.clone());
            }
        }
    }

    /// The `--assume-paid` what-if in words, for every report to name.
    pub fn owing_overrides(&self) -> Vec<String> {
        self.owing
            .as_ref()
            .and_then(|o| o.assume_paid)
            .map(|day| {
                format!(
                    "--assume-paid {day}: every debt payable on {day} treated as paid in full that day, principal and interest"
                )
            })
            .into_iter()
            .collect()
    }
}

impl CommonArgs {
    /// Resolves the options against today's date.
    pub fn resolve(&self, today: NaiveDate) -> anyhow::Result<Config> {
        let mut rates = RateTable::builtin();
        crate::rates::add_stored(&mut rates)?;
        let mut interest: Option<crate::interest::Rates> = None;
        for file in &self.rates {
            if crate::interest::Rates::claims(file) {
                let tables = match &mut interest {
                    Some(tables) => tables,
                    None => interest.insert(crate::interest::Rates::builtin()?),
                };
                tables.add_file(file)?;
                continue;
            }
            rates
                .add_file(file)
                .with_context(|| format!("cannot use rates from {}", file.display()))?;
        }
        let owing = match (interest, self.assume_paid) {
            (None, None) => None,
            (interest, assume_paid) => Some(std::sync::Arc::new(crate::owed::Owing {
                rates: match interest {
                    Some(tables) => tables,
                    None => crate::interest::Rates::builtin()?,
                },
                assume_paid,
            })),
        };
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
            owing,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_in_another_layout_or_on_no_day_says_why() {
        let why = |s: &str| parse_date(s).unwrap_err();
        assert!(why("22/11/2026").ends_with("found \"22/11/2026\": did you mean 2026-11-22?"));
        assert!(why("2026/11/22").ends_with(": did you mean 2026-11-22?"));
        assert!(why("22.11.2026").ends_with(": did you mean 2026-11-22?"));
        // 5 June or 6 May: no guess.
        assert!(why("05/06/2026").ends_with("found \"05/06/2026\""));
        assert!(why("2026-13-01").ends_with(": there is no month 13"));
        assert!(why("2026-00-10").ends_with(": there is no month 0"));
        assert!(why("2026-02-29").ends_with(": February 2026 has 28 days"));
        assert!(why("2024-02-30").ends_with(": February 2024 has 29 days"));
        assert!(why("2026-04-31").ends_with(": April 2026 has 30 days"));
        assert!(why("2026-04-00").ends_with(": April 2026 has 30 days"));
        assert!(why("yesterday").ends_with("found \"yesterday\""));
    }

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
