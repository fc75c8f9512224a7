//! `penalty rates`: the exchange-rate table's status and update.

use super::parse_date;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// The examples of `penalty rates --help`.
pub const RATES_EXAMPLES: &str = "EXAMPLES:
  penalty rates status --as-of 2026-11-30
  penalty rates update
  penalty rates update --from ~/Downloads/eurofxref-hist.zip";

/// Arguments of `penalty rates`.
#[derive(Debug, Args)]
pub struct RatesArgs {
    /// What to do with the rate tables.
    #[command(subcommand)]
    pub command: RatesCommand,
}

/// The subcommands of `penalty rates`.
#[derive(Debug, Subcommand)]
pub enum RatesCommand {
    /// List every rate table in use (the built-in ECB history, the stored update, --rates
    /// files) with its latest day, and whether it is stale as of a date; exit status 1 when
    /// the latest rate a run would use is stale.
    #[command(after_long_help = RATES_STATUS_EXAMPLES)]
    Status(RatesStatusArgs),
    /// Download the ECB's history of euro reference rates (or read it from a file), check
    /// it, and store it where every later run finds it.
    #[command(after_long_help = RATES_UPDATE_EXAMPLES)]
    Update(RatesUpdateArgs),
}

/// The examples of `penalty rates status --help`.
pub const RATES_STATUS_EXAMPLES: &str = "EXAMPLES:
  penalty rates status
  penalty rates status --as-of 2026-11-30 --rates eurofxref.csv";

/// The examples of `penalty rates update --help`.
pub const RATES_UPDATE_EXAMPLES: &str = "EXAMPLES:
  penalty rates update
  penalty rates update --from eurofxref-hist.zip
  PENALTY_RATES_DIR=/srv/penalty/rates penalty rates update";

/// Arguments of `penalty rates status`.
#[derive(Debug, Args)]
pub struct RatesStatusArgs {
    /// Say whether each table is stale as of this day (YYYY-MM-DD) [default: today].
    #[arg(long, env = "PENALTY_AS_OF", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Rates files to list too, as compute would read them; repeatable [default: none].
    #[arg(long, value_name = "FILE")]
    pub rates: Vec<PathBuf>,
}

/// Arguments of `penalty rates update`.
#[derive(Debug, Args)]
pub struct RatesUpdateArgs {
    /// Where to download the ECB history from (a zip archive or CSV file).
    #[arg(long, value_name = "URL", default_value = crate::rates::ECB_HISTORY_URL, conflicts_with = "from")]
    pub url: String,
    /// Read the history from FILE (zip or CSV) instead of downloading it [default: none:
    /// download from --url].
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
}
