//! The command line: clap definitions, and their resolution into a plain `Config` (the as-of
//! date, the report currency, the rate table). Today's date is read here and nowhere else.

use crate::exposure::FxDate;
use crate::fx::{Currency, RateTable};
use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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
  2  an error: bad input, an unreadable file, bad arguments";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute fines, penalties, exposure and totals per case, company and jurisdiction.
    #[command(after_long_help = COMPUTE_EXAMPLES)]
    Compute(ComputeArgs),
}

const COMPUTE_EXAMPLES: &str = "EXAMPLES:
  penalty compute cases/
  penalty compute cases/clearview-fr.toml --as-of 2023-04-13
  penalty compute cases/ --currency GBP --as-of 2026-11-22";

/// Arguments of `penalty compute`.
#[derive(Debug, Args)]
pub struct ComputeArgs {
    /// Case files and directories (searched recursively for *.toml).
    #[arg(default_value = "cases")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
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

/// Parses a `YYYY-MM-DD` date from 1900 to 9999 (the years a case file may use) for clap.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date such as 2026-11-22 (YYYY-MM-DD), found {s:?}"))?;
    if !(1900..=9999).contains(&chrono::Datelike::year(&date)) {
        return Err(format!("expected a date from 1900 to 9999, found {s:?}"));
    }
    Ok(date)
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
}
