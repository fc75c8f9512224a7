//! The command line: clap definitions, and their resolution into a plain `Config` (the as-of
//! date, the report currency, the rate table). Today's date is read here and nowhere else.

use crate::exposure::FxDate;
use crate::fx::{Currency, RateTable};
use crate::report::{By, Format, Output};
use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;

/// Computes regulatory fines and periodic penalties (astreintes, dwangsommen, EU periodic
/// penalty payments) exactly, from TOML case files.
#[derive(Debug, Parser)]
#[command(name = "penalty", version, about, long_about = None)]
#[command(after_long_help = EXIT_STATUS)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The EXIT STATUS section of `--help`.
pub const EXIT_STATUS: &str = "EXIT STATUS:
  0  success
  1  an [[expect]] assertion failed, or a --fail-above threshold was crossed
  2  an error: bad input, an unreadable file, bad arguments
A closed output pipe (penalty compute | head) is not an error.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute fines, penalties, exposure and totals per case, company and jurisdiction.
    #[command(after_long_help = format!("{COMPUTE_EXAMPLES}\n\n{EXIT_STATUS}"))]
    Compute(ComputeArgs),
    /// Validate case files and evaluate their [[expect]] assertions; silent when all hold.
    #[command(after_long_help = format!("{CHECK_EXAMPLES}\n\n{EXIT_STATUS}"))]
    Check(CheckArgs),
}

const COMPUTE_EXAMPLES: &str = "EXAMPLES:
  penalty compute cases/
  penalty compute cases/clearview-fr.toml --as-of 2023-04-13
  penalty compute cases/ --currency GBP --as-of 2026-11-22
  penalty compute cases/ --format json -o report.json
  penalty compute cases/ --format csv --by company
  penalty compute cases/ --by company --fail-above 250000000";

const CHECK_EXAMPLES: &str = "EXAMPLES:
  penalty check
  penalty check cases/clearview-fr.toml

A failed assertion prints FILE:LINE:COL: expected X, computed Y (difference Z).";

/// Arguments of `penalty compute`.
#[derive(Debug, Args)]
pub struct ComputeArgs {
    /// Case files and directories (searched recursively for *.toml).
    #[arg(default_value = "cases")]
    pub paths: Vec<PathBuf>,
    /// Options shared with the other computing commands.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output format, destination and grouping.
    #[command(flatten)]
    pub report: ReportArgs,
    /// Exit with status 1 when total exposure (with --by, any case's, company's or
    /// jurisdiction's exposure) exceeds AMOUNT, in the report currency. The report is still
    /// written.
    #[arg(long, value_name = "AMOUNT", value_parser = parse_threshold)]
    pub fail_above: Option<Decimal>,
}

/// Arguments of `penalty check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Case files and directories (searched recursively for *.toml).
    #[arg(default_value = "cases")]
    pub paths: Vec<PathBuf>,
}

/// How and where a command that reports writes its report.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format. json and csv are stable, documented formats for programs.
    #[arg(long, value_enum, default_value_t = Format::Table, value_name = "FORMAT")]
    pub format: Format,
    /// Write the report to FILE (atomically: a temporary file, then a rename), or to stdout
    /// with "-". FILE must not be one of the input files.
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    pub output: Output,
    /// The grouping shown: table and markdown show all of them unless one is chosen; csv
    /// shows cases unless one is chosen; json always holds all of them.
    #[arg(long, value_enum, value_name = "GROUPING")]
    pub by: Option<By>,
}

/// Options shared by the commands that compute figures.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Compute as of the end of this day (YYYY-MM-DD) [default: today].
    #[arg(long, env = "PENALTY_AS_OF", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Report currency (ISO 4217 code).
    #[arg(long, default_value = "EUR", value_name = "CODE", value_parser = parse_currency)]
    pub currency: Currency,
    /// Add exchange rates from FILE (ECB CSV layout, or TOML [[rate]] tables); repeatable.
    #[arg(long, value_name = "FILE")]
    pub rates: Vec<PathBuf>,
    /// When amounts are converted: at the as-of date, or at the date each one arose.
    #[arg(long, value_enum, default_value_t = FxDateArg::AsOf, value_name = "WHEN")]
    pub fx_date: FxDateArg,
}

/// `--fx-date` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FxDateArg {
    /// Every amount at the rate of the as-of date.
    AsOf,
    /// Fines and liquidations at their decision date, payments at their date.
    Decided,
}

/// Parses a `YYYY-MM-DD` date for clap.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date such as 2026-11-22 (YYYY-MM-DD), found {s:?}"))
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
    /// The rate table: the shipped ECB history plus `--rates` files.
    pub rates: RateTable,
    /// When amounts are converted.
    pub fx_date: FxDate,
}

impl CommonArgs {
    /// Resolves the options against today's date.
    pub fn resolve(&self, today: NaiveDate) -> anyhow::Result<Config> {
        let mut rates = RateTable::builtin();
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
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            parse_date("2026-11-22"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
        );
        assert!(parse_date("22/11/2026").unwrap_err().contains("YYYY-MM-DD"));
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
