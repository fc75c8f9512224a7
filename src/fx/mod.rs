//! Euro reference exchange rates and exact currency conversion.
//!
//! Fines and periodic penalties are often set in one currency (a cap in euros, a
//! turnover reported in pounds or kronor) and have to be compared or paid in another.
//! This module converts such amounts with the European Central Bank's euro reference
//! rates, using exact decimals (`rust_decimal::Decimal`) throughout, and records which
//! rate of which day was used so that a calculation can be checked and reproduced.
//!
//! # Where rates come from
//!
//! The ECB history (`cases/rates/eurofxref-hist.csv`) is embedded in the binary. It is
//! read lazily: nothing is parsed until a rate is actually needed, and then only the
//! column of that one currency is extracted and cached. A newer ECB history (the one
//! `penalty rates update` stores, see `crate::rates`) is added with
//! [`RateTable::add_ecb_history`] and read the same way. Users can add their own rates
//! files with [`RateTable::add_file`]; a rate from an added file takes precedence over
//! the ECB rate of the same currency on the same day, and of two added files the one
//! added later wins.
//!
//! A rate means "1 EUR = `per_eur` units of the currency". The rate used for a
//! valuation date is the latest one published on or before that date; it is flagged
//! as stale when it is more than seven days older than the valuation date.
//!
//! # CSV rates files
//!
//! The layout of the ECB's `eurofxref-hist.csv`: a header line `Date,USD,JPY,...`
//! naming the currencies, then one line per day with an ISO date (`2026-10-30`) and one
//! rate per currency. `N/A` or an empty field means "no rate that day". A trailing comma
//! is allowed, columns may come in any order and only some currencies need be present.
//! Columns of legacy currencies that the ECB still lists but ISO 4217 no longer does
//! (`CYP`, `EEK`, `LTL`, `LVL`, `MTL`, `ROL`, `SIT`, `SKK`, `TRL`) are ignored, so the
//! full ECB file can be added as it is downloaded.
//!
//! ```text
//! Date,GBP,SEK,
//! 2026-11-20,0.8352,10.9935,
//! 2026-11-19,0.8349,N/A,
//! ```
//!
//! # TOML rates files
//!
//! A list of `[[rate]]` tables; unknown keys are rejected:
//!
//! ```toml
//! # 1 EUR = per_eur units of currency
//! [[rate]]
//! date = 2026-11-20        # a TOML local date
//! currency = "GBP"
//! per_eur = "0.8352"       # a string or an integer; TOML floats are rejected because they are not exact
//! ```
//!
//! In both layouts rates must be positive, and a file may give only one rate per
//! currency and day.
//!
//! # Precision
//!
//! A conversion goes through the euro: `amount / from_per_eur * to_per_eur`. The
//! division is carried out to 28 significant digits, and the result is rounded once,
//! at the end, to the minor unit of the target currency, half away from zero.

mod archive;
mod convert;
mod currency;
mod ecb;
mod parse;
mod table;
mod toml_rates;

pub use archive::{MAX_RATES_BYTES, rates_text};
pub use currency::Currency;
pub use ecb::{HistorySummary, history_latest, validate_ecb_history};
pub use table::RateTable;

use std::fmt;
use std::io;
use std::path::PathBuf;

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A rate older than this many days before the valuation date is stale.
pub const STALE_AFTER_DAYS: i64 = 7;

/// Where a rate came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RateSource {
    /// The ECB reference rates shipped with the program (also used for EUR itself,
    /// whose rate is 1 by definition).
    Ecb,
    /// A rates file added with [`RateTable::add_file`] (or the origin given to
    /// [`RateTable::add_csv_str`] / [`RateTable::add_toml_str`]).
    File(PathBuf),
}

impl fmt::Display for RateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RateSource::Ecb => f.write_str("ECB"),
            RateSource::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One rate used in a conversion: 1 EUR = `per_eur` units of currency, published on `date`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RateUsed {
    /// The currency the rate is for.
    pub currency: Currency,
    /// The day the rate was published (for EUR, the valuation date).
    pub date: NaiveDate,
    /// Units of `currency` per 1 EUR.
    pub per_eur: Decimal,
    /// The day the amount was valued on; `date` is the latest rate on or before it.
    pub valuation_date: NaiveDate,
    /// Whether `date` is more than 7 days before `valuation_date`.
    pub stale: bool,
    /// Where the rate came from.
    pub source: RateSource,
}

impl fmt::Display for RateUsed {
    /// E.g. `1 EUR = 0.8338 GBP (ECB, 2026-10-30)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "1 EUR = {} {} ({}, {})",
            self.per_eur, self.currency, self.source, self.date
        )
    }
}

/// The result of a conversion: the amount in the target currency and the rates used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// The converted amount, rounded to the target currency's minor unit (or the
    /// original amount, unrounded, when both currencies are the same).
    pub amount: Decimal,
    /// The rates used, source currency first: none for a same-currency conversion,
    /// one when either side is EUR, two for a cross rate.
    pub rates: Vec<RateUsed>,
}

/// Errors from parsing currencies, reading rates files and converting amounts.
#[derive(Debug, thiserror::Error)]
pub enum FxError {
    /// A currency code that is not an upper-case ISO 4217 code.
    #[error(
        "unknown currency code \"{code}\" (expected an ISO 4217 code such as EUR, GBP, USD){}",
        hint.as_deref().map(|h| format!("; {h}")).unwrap_or_default()
    )]
    UnknownCurrency {
        /// The text that was given.
        code: String,
        /// What was probably meant, when that can be guessed.
        hint: Option<String>,
    },
    /// No rate for the currency on or before the valuation date.
    #[error("no exchange rate for {currency} on or before {on}")]
    MissingRate {
        /// The currency without a rate.
        currency: Currency,
        /// The valuation date.
        on: NaiveDate,
    },
    /// A conversion whose result does not fit in a `Decimal`.
    #[error("decimal overflow converting {amount} {from} to {to}")]
    Overflow {
        /// The amount being converted.
        amount: Decimal,
        /// The source currency.
        from: Currency,
        /// The target currency.
        to: Currency,
    },
    /// A rates file that could not be read.
    #[error("cannot read rates file \"{}\": {error}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why it could not be read (said in the message, so not a separate source that
        /// an error chain would repeat).
        error: io::Error,
    },
    /// A rates file (or the embedded history) that is not in the expected layout.
    #[error(
        "{}{}: {message}",
        path.display(),
        line.map(|n| format!(":{n}")).unwrap_or_default()
    )]
    Parse {
        /// The file.
        path: PathBuf,
        /// The 1-based line of the error, when known.
        line: Option<usize>,
        /// What was expected and what was found.
        message: String,
    },
}

#[cfg(test)]
mod test_support;
