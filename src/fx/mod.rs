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

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The ECB history shipped with the project, newest day first.
const ECB_CSV: &str = include_str!("../../cases/rates/eurofxref-hist.csv");

/// The name under which errors in the embedded history are reported.
const ECB_NAME: &str = "eurofxref-hist.csv (built in)";

/// A rate older than this many days before the valuation date is stale.
pub const STALE_AFTER_DAYS: i64 = 7;

/// Currencies the ECB history lists that ISO 4217 (and so `iso_currency`) no longer
/// knows; their columns are skipped rather than rejected.
const ECB_LEGACY_CODES: [&str; 9] = [
    "CYP", "EEK", "LTL", "LVL", "MTL", "ROL", "SIT", "SKK", "TRL",
];

/// An ISO 4217 currency code known to `iso_currency`, e.g. EUR, GBP, SEK, USD.
///
/// Currencies order by their code (`AOA` < `EUR` < `XCG`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// The euro, the base of every reference rate.
    pub const EUR: Currency = Currency(iso_currency::Currency::EUR);

    /// The three-letter ISO 4217 code, e.g. `"GBP"`.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The number of decimal places of the currency's minor unit (2 for GBP, 0 for JPY,
    /// 3 for KWD).
    ///
    /// ISO 4217 gives no minor unit for precious metals, special drawing rights and
    /// the testing and "no currency" codes (XAU, XAG, XDR, XTS, XXX, ...). For these
    /// 2 is used, so that amounts keep hundredths instead of being rounded to whole
    /// ounces or whole units of account.
    pub fn minor_units(&self) -> u32 {
        self.0.exponent().map_or(2, u32::from)
    }

    /// Rounds `amount` to the currency's minor unit, half away from zero
    /// (0.125 EUR becomes 0.13, -0.125 EUR becomes -0.13). Trailing zeros are not
    /// added: an amount with fewer decimals than the minor unit is returned unchanged.
    #[must_use]
    pub fn round(&self, amount: Decimal) -> Decimal {
        amount.round_dp_with_strategy(self.minor_units(), RoundingStrategy::MidpointAwayFromZero)
    }
}

impl From<iso_currency::Currency> for Currency {
    fn from(currency: iso_currency::Currency) -> Self {
        Currency(currency)
    }
}

impl PartialOrd for Currency {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Currency {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl FromStr for Currency {
    type Err = FxError;

    /// Accepts exactly three upper-case letters forming an ISO 4217 code. A code in
    /// the wrong case or with spaces around it is rejected with a hint naming the
    /// code that was probably meant.
    fn from_str(text: &str) -> Result<Self, FxError> {
        let unknown = |hint: Option<String>| FxError::UnknownCurrency {
            code: text.to_owned(),
            hint,
        };
        if is_upper_code(text) {
            return iso_currency::Currency::from_code(text)
                .map(Currency)
                .ok_or_else(|| unknown(None));
        }
        let trimmed = text.trim();
        let upper = trimmed.to_ascii_uppercase();
        if is_upper_code(&upper) && iso_currency::Currency::from_code(&upper).is_some() {
            let hint = if trimmed == upper {
                format!("remove the spaces around the code: did you mean \"{upper}\"?")
            } else {
                format!("currency codes are upper case: did you mean \"{upper}\"?")
            };
            return Err(unknown(Some(hint)));
        }
        let name = trimmed.to_lowercase();
        let by_name = CURRENCY_NAMES
            .iter()
            .find(|(names, _)| names.split('|').any(|n| n == name))
            .map(|(_, code)| {
                format!("that is a currency's name or sign: did you mean \"{code}\"?")
            });
        Err(unknown(by_name))
    }
}

/// Names and signs people write for a currency instead of its code, lower case, separated
/// by `|`, with the code meant.
const CURRENCY_NAMES: &[(&str, &str)] = &[
    ("euro|euros|eur.|€", "EUR"),
    ("pound|pounds|pound sterling|sterling|£", "GBP"),
    ("dollar|dollars|us dollar|us dollars|$|us$", "USD"),
    ("krona|kronor|swedish krona|swedish kronor", "SEK"),
    ("danish krone|danish kroner", "DKK"),
    ("norwegian krone|norwegian kroner", "NOK"),
    ("swiss franc|swiss francs|franc|francs", "CHF"),
    ("yen|¥", "JPY"),
    ("zloty|złoty", "PLN"),
    ("forint", "HUF"),
    ("koruna|czech koruna", "CZK"),
    ("leu|lei", "RON"),
];

/// Whether `text` is exactly three ASCII upper-case letters.
fn is_upper_code(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase())
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

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

/// One day's rate in a cached column of the ECB history.
#[derive(Debug, Clone, Copy)]
struct Point {
    date: NaiveDate,
    per_eur: Decimal,
}

/// A rate from an added file.
#[derive(Debug, Clone)]
struct Added {
    per_eur: Decimal,
    source: Arc<PathBuf>,
}

/// One ECB history in the ECB's layout, parsed a column at a time on first use.
struct EcbHistory {
    /// The CSV text.
    text: std::borrow::Cow<'static, str>,
    /// The name its errors give.
    name: PathBuf,
    /// Columns parsed so far, each sorted by date.
    columns: Mutex<HashMap<Currency, Arc<[Point]>>>,
}

impl EcbHistory {
    fn new(text: std::borrow::Cow<'static, str>, name: PathBuf) -> EcbHistory {
        EcbHistory {
            text,
            name,
            columns: Mutex::new(HashMap::new()),
        }
    }
}

/// The table of euro reference rates: the embedded ECB history, a newer ECB history when
/// one was stored (`penalty rates update`), and any files added.
///
/// The table is `Send + Sync`; the columns of the ECB histories are parsed on first use
/// and cached behind a mutex.
pub struct RateTable {
    /// The ECB histories: the embedded one first (none for [`RateTable::empty`]), then any
    /// added with [`RateTable::add_ecb_history`]. Of two rates of the same day, the later
    /// history's counts.
    ecb: Vec<EcbHistory>,
    /// Rates from added files, by currency and date.
    added: HashMap<Currency, BTreeMap<NaiveDate, Added>>,
}

impl fmt::Debug for RateTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut added: Vec<(&str, usize)> = self
            .added
            .iter()
            .map(|(currency, rates)| (currency.code(), rates.len()))
            .collect();
        added.sort_unstable();
        f.debug_struct("RateTable")
            .field("ecb", &self.ecb.len())
            .field("parsed_columns", &self.parsed_columns())
            .field("added", &added)
            .finish()
    }
}

impl RateTable {
    /// A table backed by the embedded ECB history. Nothing is parsed here.
    #[must_use]
    pub fn builtin() -> RateTable {
        RateTable {
            ecb: vec![EcbHistory::new(ECB_CSV.into(), PathBuf::from(ECB_NAME))],
            added: HashMap::new(),
        }
    }

    /// A table without the ECB history; only rates from added files are known.
    #[must_use]
    pub fn empty() -> RateTable {
        RateTable {
            ecb: Vec::new(),
            added: HashMap::new(),
        }
    }

    /// How many columns of the ECB history have been parsed and cached so far.
    pub fn parsed_columns(&self) -> usize {
        self.ecb
            .iter()
            .map(|h| {
                h.columns
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .len()
            })
            .sum()
    }

    /// The ECB histories in use, each with its name and its latest day on or before `on`.
    pub fn histories(&self, on: NaiveDate) -> Vec<(PathBuf, Option<NaiveDate>)> {
        self.ecb
            .iter()
            .map(|h| (h.name.clone(), history_latest(&h.text, on)))
            .collect()
    }

    /// The latest day on or before `on` of the rates added from files (`None` when there is
    /// none).
    pub fn latest_added(&self, on: NaiveDate) -> Option<NaiveDate> {
        self.added
            .values()
            .filter_map(|rates| rates.range(..=on).next_back().map(|(d, _)| *d))
            .max()
    }

    /// Adds an ECB history (the layout of `eurofxref-hist.csv`, or of the daily
    /// `eurofxref.csv`), read lazily like the embedded one; `name` names it in errors. Its
    /// rates count as ECB rates; on a day both histories give, this one's counts. Only the
    /// header is checked here: [`validate_ecb_history`] checks a whole file.
    ///
    /// # Errors
    ///
    /// [`FxError::Parse`] when the first line is not a header like `Date,USD,JPY,...`.
    pub fn add_ecb_history(
        &mut self,
        text: impl Into<std::borrow::Cow<'static, str>>,
        name: &Path,
    ) -> Result<(), FxError> {
        let text = text.into();
        let header = text.lines().next().unwrap_or_default();
        let first = header.split(',').next().unwrap_or_default().trim();
        if !first
            .trim_start_matches('\u{feff}')
            .eq_ignore_ascii_case("date")
        {
            return Err(FxError::Parse {
                path: name.to_path_buf(),
                line: Some(1),
                message: format!(
                    "expected a header like \"Date,USD,JPY,GBP\", found \"{}\"",
                    header.chars().take(40).collect::<String>()
                ),
            });
        }
        self.ecb.push(EcbHistory::new(text, name.to_path_buf()));
        Ok(())
    }

    /// Reads a rates file and adds its rates: a `.csv` file in the ECB layout or a
    /// `.toml` file with `[[rate]]` tables (see the module documentation). The
    /// extension is matched without regard to case; any other extension is an error.
    /// Nothing is added if the file has an error.
    ///
    /// # Errors
    ///
    /// [`FxError::Read`] if the file cannot be read, [`FxError::Parse`] if its
    /// extension is not known or its contents are not in the expected layout.
    pub fn add_file(&mut self, path: &Path) -> Result<(), FxError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let is_csv = match extension.as_deref() {
            Some("csv") => true,
            Some("toml") => false,
            Some("zip") => {
                let bytes = std::fs::read(path).map_err(|error| FxError::Read {
                    path: path.to_path_buf(),
                    error,
                })?;
                let text = rates_text(&bytes, path)?;
                return self.add_csv_str(&text, path);
            }
            other => {
                let found = other.map_or_else(
                    || "no extension".to_owned(),
                    |e| format!("extension \"{e}\""),
                );
                return Err(FxError::Parse {
                    path: path.to_path_buf(),
                    line: None,
                    message: format!("expected a .csv, .zip or .toml rates file, found {found}"),
                });
            }
        };
        let text = std::fs::read_to_string(path).map_err(|error| FxError::Read {
            path: path.to_path_buf(),
            error,
        })?;
        if is_csv {
            self.add_csv_str(&text, path)
        } else {
            self.add_toml_str(&text, path)
        }
    }

    /// Adds the rates of a CSV text in the ECB layout; `origin` names it in errors and
    /// in [`RateSource::File`]. Nothing is added if the text has an error.
    ///
    /// # Errors
    ///
    /// [`FxError::Parse`] for a bad header, date or rate, or two rates for the same
    /// currency and day.
    pub fn add_csv_str(&mut self, text: &str, origin: &Path) -> Result<(), FxError> {
        let rates = parse_csv_file(text, origin)?;
        self.merge(rates, origin);
        Ok(())
    }

    /// Adds the rates of a TOML text with `[[rate]]` tables; `origin` names it in
    /// errors and in [`RateSource::File`]. Nothing is added if the text has an error.
    ///
    /// # Errors
    ///
    /// [`FxError::Parse`] for invalid TOML, unknown keys, a bad date, currency or rate,
    /// or two rates for the same currency and day.
    pub fn add_toml_str(&mut self, text: &str, origin: &Path) -> Result<(), FxError> {
        let rates = parse_toml_file(text, origin)?;
        self.merge(rates, origin);
        Ok(())
    }

    /// Adds parsed rates, replacing earlier ones on the same currency and day.
    fn merge(&mut self, rates: FileRates, origin: &Path) {
        let source = Arc::new(origin.to_path_buf());
        for ((currency, date), (per_eur, _line)) in rates {
            self.added.entry(currency).or_default().insert(
                date,
                Added {
                    per_eur,
                    source: Arc::clone(&source),
                },
            );
        }
    }

    /// The latest rate for `currency` on or before `on` (EUR itself is always 1, dated `on`).
    ///
    /// # Errors
    ///
    /// [`FxError::MissingRate`] if there is none, and [`FxError::Parse`] should the
    /// embedded history be malformed.
    pub fn rate(&self, currency: Currency, on: NaiveDate) -> Result<RateUsed, FxError> {
        if currency == Currency::EUR {
            return Ok(RateUsed {
                currency,
                date: on,
                per_eur: Decimal::ONE,
                valuation_date: on,
                stale: false,
                source: RateSource::Ecb,
            });
        }
        let added = self
            .added
            .get(&currency)
            .and_then(|rates| rates.range(..=on).next_back());
        let ecb = match added {
            // Nothing in the ECB history can be more recent than a rate of the day itself.
            Some((date, _)) if *date == on => None,
            _ => self.ecb_rate(currency, on)?,
        };
        let (date, per_eur, source) = match (added, ecb) {
            (Some((added_date, _)), Some(point)) if point.date > *added_date => {
                (point.date, point.per_eur, RateSource::Ecb)
            }
            (Some((date, rate)), _) => (
                *date,
                rate.per_eur,
                RateSource::File(rate.source.as_ref().clone()),
            ),
            (None, Some(point)) => (point.date, point.per_eur, RateSource::Ecb),
            (None, None) => return Err(FxError::MissingRate { currency, on }),
        };
        Ok(RateUsed {
            currency,
            date,
            per_eur,
            valuation_date: on,
            stale: on.signed_duration_since(date).num_days() > STALE_AFTER_DAYS,
            source,
        })
    }

    /// Converts `amount` from `from` to `to`, valued on `on`, through EUR (cross rates:
    /// `amount / from_per_eur * to_per_eur`), rounded once at the end to `to`'s minor
    /// unit. Same currency: returns the amount unchanged (no rounding, no rates).
    /// Returns the rates used (0, 1 or 2: EUR legs need no rate).
    ///
    /// # Errors
    ///
    /// [`FxError::MissingRate`] if either currency has no rate on or before `on`,
    /// [`FxError::Overflow`] if the result does not fit in a `Decimal`, and
    /// [`FxError::Parse`] should the embedded history be malformed.
    pub fn convert(
        &self,
        amount: Decimal,
        from: Currency,
        to: Currency,
        on: NaiveDate,
    ) -> Result<Conversion, FxError> {
        if from == to {
            return Ok(Conversion {
                amount,
                rates: Vec::new(),
            });
        }
        let overflow = || FxError::Overflow { amount, from, to };
        let mut rates = Vec::with_capacity(2);
        let mut value = amount;
        if from != Currency::EUR {
            let rate = self.rate(from, on)?;
            value = value.checked_div(rate.per_eur).ok_or_else(overflow)?;
            rates.push(rate);
        }
        if to != Currency::EUR {
            let rate = self.rate(to, on)?;
            value = value.checked_mul(rate.per_eur).ok_or_else(overflow)?;
            rates.push(rate);
        }
        Ok(Conversion {
            amount: to.round(value),
            rates,
        })
    }

    /// The latest ECB rate for `currency` on or before `on`, parsing its column if
    /// it is not cached yet.
    fn ecb_rate(&self, currency: Currency, on: NaiveDate) -> Result<Option<Point>, FxError> {
        let mut best: Option<Point> = None;
        for history in &self.ecb {
            let column = {
                let mut cache = history
                    .columns
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                match cache.get(&currency) {
                    Some(column) => Arc::clone(column),
                    None => match parse_ecb_column(&history.text, &history.name, currency)? {
                        Some(points) => {
                            let column: Arc<[Point]> = points.into();
                            cache.insert(currency, Arc::clone(&column));
                            column
                        }
                        None => continue,
                    },
                }
            };
            let after = column.partition_point(|point| point.date <= on);
            let found = after
                .checked_sub(1)
                .and_then(|last| column.get(last))
                .copied();
            // A later history wins a tie: it is the newer publication of the same day.
            best = match (best, found) {
                (Some(b), Some(point)) if point.date < b.date => Some(b),
                (b, None) => b,
                (_, point) => point,
            };
        }
        Ok(best)
    }
}

/// Extracts the column of `currency` from the embedded ECB CSV, sorted by date;
/// `None` if the header does not list the currency.
///
/// Only the wanted field of each line is looked at. Line ends and commas are found
/// eight bytes at a time, and rates and dates are parsed without allocating, so that
/// one column of the 1.9 MB history takes well under a millisecond.
fn parse_ecb_column(
    text: &str,
    name: &Path,
    currency: Currency,
) -> Result<Option<Vec<Point>>, FxError> {
    let code = currency.code();
    let error = |line: usize, message: String| FxError::Parse {
        path: name.to_path_buf(),
        line: Some(line),
        message,
    };
    let mut lines = ByteLines {
        rest: text,
        number: 0,
    };
    let Some((_, header)) = lines.next() else {
        return Ok(None);
    };
    let Some(index) = header
        .split(',')
        .position(|name| name.trim_ascii() == code)
        .filter(|&index| index > 0)
    else {
        return Ok(None);
    };
    let mut points = Vec::with_capacity(text.len() / header.len().max(1));
    for (number, line) in lines {
        let value = nth_field(line, index).unwrap_or_default().trim_ascii();
        if matches!(value.as_bytes(), b"" | b"N/A") {
            continue;
        }
        let date_field = nth_field(line, 0).unwrap_or_default().trim_ascii();
        let date = parse_date(date_field).map_err(|m| error(number, m))?;
        let per_eur = parse_rate(value, code).map_err(|m| error(number, m))?;
        points.push(Point { date, per_eur });
    }
    // The history is newest first; reversing is all the sorting it needs.
    points.reverse();
    if !points.is_sorted_by(|a, b| a.date < b.date) {
        points.sort_by_key(|point| point.date);
        let duplicate = points.windows(2).find_map(|pair| match pair {
            [a, b] if a.date == b.date => Some(a.date),
            _ => None,
        });
        if let Some(date) = duplicate {
            return Err(FxError::Parse {
                path: name.to_path_buf(),
                line: None,
                message: format!("duplicate rate for {code} on {date}"),
            });
        }
    }
    Ok(Some(points))
}

/// The lines of a text with their 1-based numbers, found eight bytes at a time.
/// A `\r` before the `\n` is kept; callers trim their fields.
struct ByteLines<'a> {
    rest: &'a str,
    number: usize,
}

impl<'a> Iterator for ByteLines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        self.number = self.number.saturating_add(1);
        let (line, rest) = match nth_byte(self.rest.as_bytes(), b'\n', 0) {
            Some(end) => (
                self.rest.get(..end).unwrap_or_default(),
                self.rest.get(end.saturating_add(1)..).unwrap_or_default(),
            ),
            None => (self.rest, ""),
        };
        self.rest = rest;
        Some((self.number, line))
    }
}

/// The rates of one added file: rate and 1-based line, by currency and date.
type FileRates = HashMap<(Currency, NaiveDate), (Decimal, usize)>;

/// Records one rate of an added file, rejecting a second rate for the same day.
fn insert_rate(
    rates: &mut FileRates,
    currency: Currency,
    date: NaiveDate,
    per_eur: Decimal,
    line: usize,
) -> Result<(), String> {
    match rates.insert((currency, date), (per_eur, line)) {
        Some((_, first)) => Err(format!(
            "duplicate rate for {currency} on {date} (first given on line {first})"
        )),
        None => Ok(()),
    }
}

/// Parses a whole CSV rates file in the ECB layout.
fn parse_csv_file(text: &str, origin: &Path) -> Result<FileRates, FxError> {
    let error = |line: usize, message: String| FxError::Parse {
        path: origin.to_path_buf(),
        line: Some(line),
        message,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    let header = lines.next().map_or("", |(_, line)| line);
    let mut names = header.split(',').map(str::trim);
    match names.next() {
        Some(first) if first.eq_ignore_ascii_case("date") => {}
        first => {
            return Err(error(
                1,
                format!(
                    "expected a header like \"Date,USD,JPY,GBP\", found \"{}\"",
                    first.unwrap_or("")
                ),
            ));
        }
    }
    let names: Vec<&str> = names.collect();
    let mut columns: Vec<Option<Currency>> = Vec::with_capacity(names.len());
    for (position, name) in names.iter().enumerate() {
        if name.is_empty() {
            if names.iter().skip(position).all(|rest| rest.is_empty()) {
                break;
            }
            return Err(error(
                1,
                format!("expected a currency code in column {}", position + 2),
            ));
        }
        if ECB_LEGACY_CODES.contains(name) {
            columns.push(None);
            continue;
        }
        let currency: Currency = name.parse().map_err(|e: FxError| error(1, e.to_string()))?;
        if currency == Currency::EUR {
            return Err(error(
                1,
                "unexpected column \"EUR\": rates are units of each currency per 1 EUR".to_owned(),
            ));
        }
        if columns.contains(&Some(currency)) {
            return Err(error(1, format!("duplicate column \"{currency}\"")));
        }
        columns.push(Some(currency));
    }
    let mut rates = FileRates::new();
    for (index, line) in lines {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split(',').map(str::trim);
        let date = parse_date(fields.next().unwrap_or("")).map_err(|m| error(number, m))?;
        for (position, value) in fields.enumerate() {
            if value.is_empty() || value == "N/A" {
                continue;
            }
            match columns.get(position) {
                Some(Some(currency)) => {
                    let per_eur =
                        parse_rate(value, currency.code()).map_err(|m| error(number, m))?;
                    insert_rate(&mut rates, *currency, date, per_eur, number)
                        .map_err(|m| error(number, m))?;
                }
                Some(None) => {}
                None => {
                    return Err(error(
                        number,
                        format!(
                            "expected at most {} rates as in the header, found \"{value}\" after them",
                            columns.len()
                        ),
                    ));
                }
            }
        }
    }
    Ok(rates)
}

/// The top level of a TOML rates file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlRates {
    #[serde(default)]
    rate: Vec<toml::Spanned<TomlRate>>,
}

/// One `[[rate]]` table of a TOML rates file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlRate {
    #[serde(deserialize_with = "toml_date")]
    date: NaiveDate,
    currency: Currency,
    #[serde(deserialize_with = "toml_per_eur")]
    per_eur: Decimal,
}

/// Deserializes a TOML local date (not a string, not a date-time).
fn toml_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    use serde::de::Error;
    let message = match toml::Value::deserialize(deserializer)? {
        toml::Value::Datetime(datetime) => match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => {
                return NaiveDate::from_ymd_opt(
                    i32::from(date.year),
                    u32::from(date.month),
                    u32::from(date.day),
                )
                .ok_or_else(|| {
                    D::Error::custom(format!(
                        "expected a date like 2026-11-20, found \"{datetime}\""
                    ))
                });
            }
            _ => format!("expected a local date like 2026-11-20, found \"{datetime}\""),
        },
        toml::Value::String(text) => format!(
            "expected a TOML date like 2026-11-20 (without quotes), found the string \"{text}\""
        ),
        other => format!("expected a date like 2026-11-20, found {other}"),
    };
    Err(D::Error::custom(message))
}

/// Deserializes a rate from a string or an integer, rejecting TOML floats.
fn toml_per_eur<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    use serde::de::Error;
    let result = match toml::Value::deserialize(deserializer)? {
        toml::Value::String(text) => positive_rate(text.trim()).map_err(|problem| match problem {
            BadRate::Malformed => {
                format!("expected per_eur as a rate like \"0.8352\", found \"{text}\"")
            }
            BadRate::NotPositive => {
                format!("expected a positive per_eur, found \"{text}\"")
            }
        }),
        toml::Value::Integer(number) if number > 0 => Ok(Decimal::from(number)),
        toml::Value::Integer(number) => Err(format!("expected a positive per_eur, found {number}")),
        toml::Value::Float(number) => Err(format!(
            "expected per_eur as a string like \"0.8352\" or an integer, found the float {number}: TOML floats are not exact"
        )),
        other => Err(format!(
            "expected per_eur as a string like \"0.8352\" or an integer, found {other}"
        )),
    };
    result.map_err(D::Error::custom)
}

/// Parses a whole TOML rates file.
fn parse_toml_file(text: &str, origin: &Path) -> Result<FileRates, FxError> {
    let line_of = |offset: usize| {
        let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
        before.iter().filter(|&&b| b == b'\n').count() + 1
    };
    let parsed: TomlRates = toml::from_str(text).map_err(|e| FxError::Parse {
        path: origin.to_path_buf(),
        line: e.span().map(|span| line_of(span.start)),
        message: e.message().trim_end().to_owned(),
    })?;
    let mut rates = FileRates::new();
    for spanned in parsed.rate {
        let line = line_of(spanned.span().start);
        let rate = spanned.into_inner();
        let located = |message: String| FxError::Parse {
            path: origin.to_path_buf(),
            line: Some(line),
            message,
        };
        if rate.currency == Currency::EUR {
            return Err(located(
                "expected a currency other than EUR: rates are units per 1 EUR".to_owned(),
            ));
        }
        insert_rate(&mut rates, rate.currency, rate.date, rate.per_eur, line).map_err(located)?;
    }
    Ok(rates)
}

/// Parses an ISO date `YYYY-MM-DD`, strictly (four-digit year, two-digit month and day),
/// or a date as the ECB's daily file writes it: `30 November 2026` (day, English month
/// name, four-digit year).
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let bad = || format!("expected a date like 2026-10-30 (or 30 October 2026), found \"{text}\"");
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return long_date(text).ok_or_else(bad);
    }
    let number = |range: std::ops::Range<usize>| {
        bytes.get(range).map_or(0, |digits| {
            digits
                .iter()
                .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)).ok_or_else(bad)
}

/// A date written `30 November 2026`, as in the ECB's daily `eurofxref.csv`.
fn long_date(text: &str) -> Option<NaiveDate> {
    let mut words = text.split_ascii_whitespace();
    let (day, month, year) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some()
        || !(1..=2).contains(&day.len())
        || year.len() != 4
        || !day.bytes().chain(year.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let month = month.to_ascii_lowercase();
    let number = MONTHS.iter().position(|m| *m == month)?;
    NaiveDate::from_ymd_opt(
        year.parse().ok()?,
        u32::try_from(number).ok()? + 1,
        day.parse().ok()?,
    )
}

/// The largest rates file taken from a zip archive or a download: the ECB's whole history
/// is about 2 MB, so anything near this is not a rates file.
pub const MAX_RATES_BYTES: u64 = 64 * 1024 * 1024;

/// The text of a rates file's bytes: the one `.csv` member of a zip archive (the ECB
/// publishes `eurofxref-hist.zip` and `eurofxref.zip`), or the bytes themselves as UTF-8.
///
/// # Errors
///
/// [`FxError::Parse`] for an archive that is damaged or does not hold exactly one `.csv`
/// file, a member larger than [`MAX_RATES_BYTES`], or text that is not UTF-8.
pub fn rates_text(bytes: &[u8], origin: &Path) -> Result<String, FxError> {
    use std::io::Read;
    let error = |message: String| FxError::Parse {
        path: origin.to_path_buf(),
        line: None,
        message,
    };
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let mut archive = zip::ZipArchive::new(io::Cursor::new(bytes))
            .map_err(|e| error(format!("expected a zip archive holding one .csv file: {e}")))?;
        let csv: Vec<String> = archive
            .file_names()
            .filter(|n| n.to_ascii_lowercase().ends_with(".csv"))
            .map(str::to_owned)
            .collect();
        let [name] = csv.as_slice() else {
            return Err(error(format!(
                "expected a zip archive holding one .csv file, found {} .csv files",
                csv.len()
            )));
        };
        let member = archive
            .by_name(name)
            .map_err(|e| error(format!("cannot read {name} in the zip archive: {e}")))?;
        let mut text = String::new();
        member
            .take(MAX_RATES_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| error(format!("cannot read {name} in the zip archive: {e}")))?;
        if text.len() as u64 > MAX_RATES_BYTES {
            return Err(error(format!(
                "{name} in the zip archive is larger than {MAX_RATES_BYTES} bytes"
            )));
        }
        return Ok(text);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        error("expected a CSV rates file (UTF-8 text) or a zip archive of one".to_owned())
    })
}

/// What a whole ECB history holds, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistorySummary {
    /// The earliest day with rates.
    pub first: NaiveDate,
    /// The latest day with rates.
    pub latest: NaiveDate,
    /// How many days have rates.
    pub days: usize,
    /// How many currencies (legacy ones left out) have a column.
    pub currencies: usize,
}

/// Checks a whole ECB history (or the ECB's daily file) before it is stored: every line
/// parses (dates, rates, no day twice), every line has as many fields as the header (a
/// download cut short ends mid-line), and there is at least one day of rates.
///
/// # Errors
///
/// [`FxError::Parse`] naming the line at fault.
pub fn validate_ecb_history(text: &str, origin: &Path) -> Result<HistorySummary, FxError> {
    let error = |line: Option<usize>, message: String| FxError::Parse {
        path: origin.to_path_buf(),
        line,
        message,
    };
    let rates = parse_csv_file(text, origin)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    let header = lines.next().map_or("", |(_, l)| l);
    let fields = header.split(',').count();
    let mut dates = std::collections::BTreeSet::new();
    for (index, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let found = line.split(',').count();
        if found != fields {
            return Err(error(
                Some(index + 1),
                format!(
                    "expected {fields} fields as in the header, found {found}: the file is cut short or damaged"
                ),
            ));
        }
        if let Ok(date) = parse_date(line.split(',').next().unwrap_or_default().trim()) {
            dates.insert(date);
        }
    }
    let (Some(first), Some(latest)) = (dates.first().copied(), dates.last().copied()) else {
        return Err(error(
            None,
            "expected at least one day of rates, found none".to_owned(),
        ));
    };
    let currencies = rates
        .keys()
        .map(|(c, _)| *c)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    Ok(HistorySummary {
        first,
        latest,
        days: dates.len(),
        currencies,
    })
}

/// The latest day of an ECB history on or before `on`: the largest such date in its first
/// column (`None` when no line has one).
pub fn history_latest(text: &str, on: NaiveDate) -> Option<NaiveDate> {
    text.lines()
        .skip(1)
        .filter_map(|l| parse_date(nth_field(l, 0)?.trim()).ok())
        .filter(|d| *d <= on)
        .max()
}

/// Why a rate was rejected.
enum BadRate {
    /// Not `digits[.digits]`.
    Malformed,
    /// Zero or negative.
    NotPositive,
}

/// Parses a positive decimal rate (digits with an optional decimal point), exactly.
/// A minus sign is recognised only to say that the rate must be positive.
fn positive_rate(text: &str) -> Result<Decimal, BadRate> {
    let value = match text.strip_prefix('-') {
        Some(digits) => plain_decimal(digits).map(|d| -d),
        None => plain_decimal(text),
    };
    match value {
        Some(rate) if rate > Decimal::ZERO => Ok(rate),
        Some(_) => Err(BadRate::NotPositive),
        None => Err(BadRate::Malformed),
    }
}

/// Parses a rate of a CSV field, with a message naming the currency on error.
fn parse_rate(text: &str, code: &str) -> Result<Decimal, String> {
    positive_rate(text).map_err(|problem| match problem {
        BadRate::Malformed => format!("expected a rate like 0.8338 for {code}, found \"{text}\""),
        BadRate::NotPositive => format!("expected a positive rate for {code}, found \"{text}\""),
    })
}

/// Parses `digits[.digits]` exactly; `None` for anything else (signs, exponents,
/// separators, a bare or trailing point) or a number too large for a `Decimal`.
fn plain_decimal(text: &str) -> Option<Decimal> {
    let mut mantissa: i128 = 0;
    let mut whole_digits = 0usize;
    let mut scale: Option<u32> = None;
    for byte in text.bytes() {
        match byte {
            b'0'..=b'9' => {
                mantissa = mantissa
                    .checked_mul(10)?
                    .checked_add(i128::from(byte - b'0'))?;
                match scale.as_mut() {
                    Some(scale) => *scale = scale.checked_add(1)?,
                    None => whole_digits = whole_digits.saturating_add(1),
                }
            }
            b'.' if scale.is_none() && whole_digits > 0 => scale = Some(0),
            _ => return None,
        }
    }
    match scale {
        _ if whole_digits == 0 => None,
        Some(0) => None,
        scale => Decimal::try_from_i128_with_scale(mantissa, scale.unwrap_or(0)).ok(),
    }
}

/// The field of `line` at `index` (0 is the first), without the comma after it;
/// `None` if the line has fewer fields.
fn nth_field(line: &str, index: usize) -> Option<&str> {
    let start = match index.checked_sub(1) {
        None => 0,
        Some(commas_before) => nth_byte(line.as_bytes(), b',', commas_before)?.checked_add(1)?,
    };
    let rest = line.get(start..)?;
    match nth_byte(rest.as_bytes(), b',', 0) {
        Some(end) => rest.get(..end),
        None => Some(rest),
    }
}

/// The position of the occurrence at `n` (counting from 0) of `needle` in `bytes`,
/// found eight bytes at a time.
fn nth_byte(bytes: &[u8], needle: u8, mut n: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW_SEVEN: u64 = ONES * 0x7f;
    const HIGH: u64 = ONES * 0x80;
    let pattern = ONES.wrapping_mul(u64::from(needle));
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0usize;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().ok()?) ^ pattern;
        // The high bit of each byte is set exactly where the byte was the needle.
        let mut found = !((word & LOW_SEVEN).wrapping_add(LOW_SEVEN) | word) & HIGH;
        if found != 0 {
            // One bit per match, moved to the bottom of its byte and summed into the top byte.
            let count = ((found >> 7).wrapping_mul(ONES) >> 56) as usize;
            if count > n {
                for _ in 0..n {
                    found &= found.wrapping_sub(1);
                }
                return offset.checked_add(found.trailing_zeros() as usize / 8);
            }
            n -= count;
        }
        offset = offset.checked_add(8)?;
    }
    chunks
        .remainder()
        .iter()
        .enumerate()
        .filter(|(_, byte)| **byte == needle)
        .nth(n)
        .and_then(|(position, _)| offset.checked_add(position))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn cur(code: &str) -> Currency {
        code.parse().unwrap()
    }

    fn parse_error(result: Result<(), FxError>) -> (PathBuf, Option<usize>, String, String) {
        match result {
            Err(e @ FxError::Parse { .. }) => {
                let shown = e.to_string();
                let FxError::Parse {
                    path,
                    line,
                    message,
                } = e
                else {
                    unreachable!()
                };
                (path, line, message, shown)
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn gbp_to_eur_with_shipped_history() {
        let table = RateTable::builtin();
        let conversion = table
            .convert(dec("7552800"), cur("GBP"), Currency::EUR, day("2026-11-22"))
            .unwrap();
        assert_eq!(conversion.amount, dec("9058287.36"));
        assert_eq!(conversion.amount.to_string(), "9058287.36");
        assert_eq!(
            conversion.rates,
            vec![RateUsed {
                currency: cur("GBP"),
                date: day("2026-10-30"),
                per_eur: dec("0.8338"),
                valuation_date: day("2026-11-22"),
                stale: true,
                source: RateSource::Ecb,
            }]
        );
        let rate = &conversion.rates[0];
        assert_eq!(
            rate.valuation_date
                .signed_duration_since(rate.date)
                .num_days(),
            23
        );
        assert_eq!(rate.to_string(), "1 EUR = 0.8338 GBP (ECB, 2026-10-30)");
    }

    #[test]
    fn sek_to_eur_with_shipped_history() {
        let table = RateTable::builtin();
        let conversion = table
            .convert(dec("2500000"), cur("SEK"), Currency::EUR, day("2026-11-22"))
            .unwrap();
        assert_eq!(conversion.amount.to_string(), "227728.18");
        assert_eq!(conversion.rates.len(), 1);
        assert_eq!(conversion.rates[0].per_eur, dec("10.978"));
        assert_eq!(conversion.rates[0].date, day("2026-10-30"));
        assert!(conversion.rates[0].stale);
    }

    #[test]
    fn eur_to_gbp_multiplies() {
        let table = RateTable::builtin();
        let conversion = table
            .convert(dec("1000"), Currency::EUR, cur("GBP"), day("2026-10-29"))
            .unwrap();
        assert_eq!(conversion.amount, dec("835.78"));
        assert_eq!(conversion.rates.len(), 1);
        assert!(!conversion.rates[0].stale);
    }

    #[test]
    fn missing_rate_before_the_euro() {
        let table = RateTable::builtin();
        let error = table.rate(cur("GBP"), day("1998-01-01")).unwrap_err();
        assert!(matches!(
            error,
            FxError::MissingRate { currency, on } if currency == cur("GBP") && on == day("1998-01-01")
        ));
        assert_eq!(
            error.to_string(),
            "no exchange rate for GBP on or before 1998-01-01"
        );
        let error = table
            .convert(dec("1"), cur("GBP"), Currency::EUR, day("1998-01-01"))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "no exchange rate for GBP on or before 1998-01-01"
        );
        // The first day of the history is there.
        assert_eq!(
            table.rate(cur("GBP"), day("1999-01-04")).unwrap().per_eur,
            dec("0.7111")
        );
    }

    #[test]
    fn currency_not_in_history_is_missing() {
        let table = RateTable::builtin();
        let error = table.rate(cur("XDR"), day("2026-11-22")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "no exchange rate for XDR on or before 2026-11-22"
        );
        assert_eq!(table.parsed_columns(), 0);
        let empty = RateTable::empty();
        assert!(matches!(
            empty.rate(cur("GBP"), day("2026-11-22")),
            Err(FxError::MissingRate { .. })
        ));
    }

    #[test]
    fn eur_to_eur_is_identity() {
        let table = RateTable::builtin();
        let conversion = table
            .convert(
                dec("123.4567"),
                Currency::EUR,
                Currency::EUR,
                day("1990-01-01"),
            )
            .unwrap();
        assert_eq!(conversion.amount.to_string(), "123.4567");
        assert!(conversion.rates.is_empty());
        let same = table
            .convert(dec("0.005"), cur("GBP"), cur("GBP"), day("2026-11-22"))
            .unwrap();
        assert_eq!(same.amount.to_string(), "0.005");
        assert!(same.rates.is_empty());
        assert_eq!(table.parsed_columns(), 0);
        let eur = table.rate(Currency::EUR, day("2026-11-22")).unwrap();
        assert_eq!(eur.per_eur, Decimal::ONE);
        assert_eq!(eur.date, day("2026-11-22"));
        assert!(!eur.stale);
    }

    #[test]
    fn cross_rate_goes_through_eur() {
        let table = RateTable::builtin();
        let conversion = table
            .convert(dec("1000"), cur("GBP"), cur("SEK"), day("2026-11-22"))
            .unwrap();
        // 1000 / 0.8338 = 1199.328376109378747901175342 (28 digits); * 10.978 = 13166.22691...
        assert_eq!(conversion.amount, dec("13166.23"));
        let currencies: Vec<Currency> = conversion.rates.iter().map(|r| r.currency).collect();
        assert_eq!(currencies, vec![cur("GBP"), cur("SEK")]);
        assert_eq!(conversion.rates[0].per_eur, dec("0.8338"));
        assert_eq!(conversion.rates[1].per_eur, dec("10.978"));
        // The same as converting to EUR unrounded and then to SEK.
        let via_eur = (dec("1000") / dec("0.8338")) * dec("10.978");
        assert_eq!(cur("SEK").round(via_eur), conversion.amount);
    }

    #[test]
    fn toml_file_overrides_ecb_and_adds_a_newer_date() {
        let mut table = RateTable::builtin();
        let text = r#"
# 1 EUR = per_eur units of currency
[[rate]]
date = 2026-10-30
currency = "GBP"
per_eur = "0.9"

[[rate]]
date = 2026-11-20        # a TOML local date
currency = "GBP"
per_eur = "0.8352"

[[rate]]
date = 2026-11-20
currency = "JPY"
per_eur = 180
"#;
        table
            .add_toml_str(text, Path::new("my-rates.toml"))
            .unwrap();
        assert_eq!(table.parsed_columns(), 0);
        let origin = RateSource::File(PathBuf::from("my-rates.toml"));

        let overridden = table.rate(cur("GBP"), day("2026-10-31")).unwrap();
        assert_eq!(overridden.per_eur, dec("0.9"));
        assert_eq!(overridden.date, day("2026-10-30"));
        assert_eq!(overridden.source, origin);

        let newer = table.rate(cur("GBP"), day("2026-11-22")).unwrap();
        assert_eq!(newer.per_eur, dec("0.8352"));
        assert_eq!(newer.date, day("2026-11-20"));
        assert!(!newer.stale);
        assert_eq!(newer.source, origin);

        let older = table.rate(cur("GBP"), day("2026-10-29")).unwrap();
        assert_eq!(older.per_eur, dec("0.83578"));
        assert_eq!(older.source, RateSource::Ecb);

        let conversion = table
            .convert(dec("7552800"), cur("GBP"), Currency::EUR, day("2026-11-22"))
            .unwrap();
        // 7552800 / 0.8352 = 9043103.448275862...
        assert_eq!(conversion.amount, dec("9043103.45"));

        assert_eq!(
            table.rate(cur("JPY"), day("2026-11-20")).unwrap().per_eur,
            dec("180")
        );
        // SEK is untouched by the file.
        assert_eq!(
            table.rate(cur("SEK"), day("2026-11-22")).unwrap().per_eur,
            dec("10.978")
        );
    }

    #[test]
    fn ecb_rate_newer_than_file_rate_wins() {
        let mut table = RateTable::builtin();
        table
            .add_toml_str(
                "[[rate]]\ndate = 2026-10-01\ncurrency = \"GBP\"\nper_eur = \"2\"\n",
                Path::new("old.toml"),
            )
            .unwrap();
        let rate = table.rate(cur("GBP"), day("2026-10-30")).unwrap();
        assert_eq!(rate.per_eur, dec("0.8338"));
        assert_eq!(rate.source, RateSource::Ecb);
    }

    #[test]
    fn later_file_wins_over_earlier_file() {
        let mut table = RateTable::empty();
        table
            .add_csv_str("Date,GBP\n2026-11-20,0.84\n", Path::new("a.csv"))
            .unwrap();
        table
            .add_csv_str("Date,GBP\n2026-11-20,0.85\n", Path::new("b.csv"))
            .unwrap();
        let rate = table.rate(cur("GBP"), day("2026-11-20")).unwrap();
        assert_eq!(rate.per_eur, dec("0.85"));
        assert_eq!(rate.source, RateSource::File(PathBuf::from("b.csv")));
    }

    #[test]
    fn csv_with_only_some_columns() {
        let mut table = RateTable::builtin();
        let text = "\u{feff}Date,SEK,CYP,GBP,\r\n2026-11-20,11.0,0.5,0.8352,\r\n\r\n2026-11-19,N/A,,0.8349,\r\n";
        table.add_csv_str(text, Path::new("partial.csv")).unwrap();
        let gbp = table.rate(cur("GBP"), day("2026-11-19")).unwrap();
        assert_eq!(gbp.per_eur, dec("0.8349"));
        assert_eq!(gbp.source, RateSource::File(PathBuf::from("partial.csv")));
        // No SEK on the 19th in the file: the ECB rate of 2026-10-30 is used.
        let sek = table.rate(cur("SEK"), day("2026-11-19")).unwrap();
        assert_eq!(sek.per_eur, dec("10.978"));
        assert_eq!(sek.source, RateSource::Ecb);
        assert_eq!(
            table.rate(cur("SEK"), day("2026-11-20")).unwrap().per_eur,
            dec("11.0")
        );
        // USD is not in the file at all.
        assert_eq!(
            table.rate(cur("USD"), day("2026-11-20")).unwrap().per_eur,
            dec("1.1172")
        );
    }

    #[test]
    fn full_ecb_file_can_be_added() {
        let mut table = RateTable::empty();
        table
            .add_csv_str(ECB_CSV, Path::new("eurofxref-hist.csv"))
            .unwrap();
        let rate = table.rate(cur("GBP"), day("2026-11-22")).unwrap();
        assert_eq!(rate.per_eur, dec("0.8338"));
        assert_eq!(rate.date, day("2026-10-30"));
    }

    #[test]
    fn every_column_of_the_history_parses() {
        let table = RateTable::builtin();
        let header = ECB_CSV.lines().next().unwrap();
        let mut known = 0;
        for name in header.split(',').skip(1).filter(|n| !n.is_empty()) {
            match name.parse::<Currency>() {
                Ok(currency) => {
                    let rate = table.rate(currency, day("2026-11-22")).unwrap();
                    assert!(rate.per_eur > Decimal::ZERO);
                    known += 1;
                }
                Err(_) => assert!(ECB_LEGACY_CODES.contains(&name), "{name}"),
            }
        }
        assert_eq!(table.parsed_columns(), known);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(Currency::EUR.round(dec("0.125")).to_string(), "0.13");
        assert_eq!(Currency::EUR.round(dec("-0.125")).to_string(), "-0.13");
        assert_eq!(Currency::EUR.round(dec("0.135")).to_string(), "0.14");
        assert_eq!(Currency::EUR.round(dec("0.1249999")).to_string(), "0.12");
        assert_eq!(Currency::EUR.round(dec("5")).to_string(), "5");
        assert_eq!(cur("KWD").minor_units(), 3);
        assert_eq!(cur("KWD").round(dec("1.0005")).to_string(), "1.001");
    }

    #[test]
    fn jpy_rounds_to_whole_yen() {
        let jpy = cur("JPY");
        assert_eq!(jpy.minor_units(), 0);
        assert_eq!(jpy.round(dec("1234.5")).to_string(), "1235");
        assert_eq!(jpy.round(dec("-1234.5")).to_string(), "-1235");
        let table = RateTable::builtin();
        // 10.005 * 175.68 = 1757.6784
        let conversion = table
            .convert(dec("10.005"), Currency::EUR, jpy, day("2026-10-30"))
            .unwrap();
        assert_eq!(conversion.amount.to_string(), "1758");
    }

    #[test]
    fn currencies_without_minor_unit_keep_two_decimals() {
        assert_eq!(cur("XAU").minor_units(), 2);
        assert_eq!(cur("XDR").round(dec("1.005")).to_string(), "1.01");
    }

    #[test]
    fn unknown_and_lower_case_codes() {
        let error = "XYZ".parse::<Currency>().unwrap_err();
        assert!(matches!(
            &error,
            FxError::UnknownCurrency { code, hint: None } if code == "XYZ"
        ));
        assert_eq!(
            error.to_string(),
            "unknown currency code \"XYZ\" (expected an ISO 4217 code such as EUR, GBP, USD)"
        );

        let error = "gbp".parse::<Currency>().unwrap_err();
        match &error {
            FxError::UnknownCurrency { code, hint } => {
                assert_eq!(code, "gbp");
                assert_eq!(
                    hint.as_deref(),
                    Some("currency codes are upper case: did you mean \"GBP\"?")
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            error.to_string(),
            "unknown currency code \"gbp\" (expected an ISO 4217 code such as EUR, GBP, USD); \
             currency codes are upper case: did you mean \"GBP\"?"
        );

        let error = " GBP".parse::<Currency>().unwrap_err();
        assert!(error.to_string().ends_with("did you mean \"GBP\"?"));
        for bad in ["", "GB", "GBPX", "xyz", "G8P", "ÉUR"] {
            assert!(matches!(
                bad.parse::<Currency>(),
                Err(FxError::UnknownCurrency { hint: None, .. })
            ));
        }
        assert_eq!(cur("GBP").code(), "GBP");
        assert_eq!(cur("SEK").to_string(), "SEK");
        assert_eq!(format!("[{:>4}]", Currency::EUR), "[ EUR]");
    }

    #[test]
    fn currencies_order_by_code() {
        // iso_currency declares XCG between AMD and AOA; the order must not follow it.
        let mut list = [cur("XCG"), cur("AOA"), cur("EUR"), cur("AMD")];
        list.sort();
        let codes: Vec<&str> = list.iter().map(Currency::code).collect();
        assert_eq!(codes, ["AMD", "AOA", "EUR", "XCG"]);
    }

    #[test]
    fn builtin_table_parses_nothing_until_a_rate_is_needed() {
        let table = RateTable::builtin();
        assert_eq!(table.parsed_columns(), 0);
        table
            .convert(dec("5"), Currency::EUR, Currency::EUR, day("2026-11-22"))
            .unwrap();
        assert_eq!(table.parsed_columns(), 0);
        table.rate(cur("GBP"), day("2026-11-22")).unwrap();
        assert_eq!(table.parsed_columns(), 1);
        table.rate(cur("GBP"), day("2020-01-01")).unwrap();
        assert_eq!(table.parsed_columns(), 1);
        table
            .convert(dec("5"), cur("GBP"), cur("SEK"), day("2026-11-22"))
            .unwrap();
        assert_eq!(table.parsed_columns(), 2);
    }

    #[test]
    fn stale_after_more_than_seven_days() {
        let table = RateTable::builtin();
        // Latest GBP rate is 2026-10-30.
        assert!(!table.rate(cur("GBP"), day("2026-11-06")).unwrap().stale);
        assert!(table.rate(cur("GBP"), day("2026-11-07")).unwrap().stale);
    }

    #[test]
    fn overflow_is_an_error() {
        let mut table = RateTable::empty();
        table
            .add_toml_str(
                "[[rate]]\ndate = 2026-01-01\ncurrency = \"GBP\"\nper_eur = \"0.5\"\n",
                Path::new("r.toml"),
            )
            .unwrap();
        let error = table
            .convert(Decimal::MAX, cur("GBP"), Currency::EUR, day("2026-01-02"))
            .unwrap_err();
        assert!(matches!(error, FxError::Overflow { .. }));
        assert!(
            error
                .to_string()
                .starts_with("decimal overflow converting ")
        );
        let error = table
            .convert(Decimal::MAX, Currency::EUR, cur("GBP"), day("2026-01-02"))
            .map(|c| c.amount);
        // Multiplying by 0.5 cannot overflow.
        assert!(error.is_ok());
    }

    #[test]
    fn csv_errors_name_file_line_and_value() {
        let mut table = RateTable::empty();
        let (path, line, message, shown) = parse_error(table.add_csv_str(
            "Date,GBP,\n2026-11-20,0.84,\n2026-11-19,abc,\n",
            Path::new("rates.csv"),
        ));
        assert_eq!(path, PathBuf::from("rates.csv"));
        assert_eq!(line, Some(3));
        assert_eq!(
            message,
            "expected a rate like 0.8338 for GBP, found \"abc\""
        );
        assert_eq!(
            shown,
            "rates.csv:3: expected a rate like 0.8338 for GBP, found \"abc\""
        );
        // Nothing from the bad file was added.
        assert!(table.rate(cur("GBP"), day("2026-11-20")).is_err());

        let cases = [
            (
                "Date,GBP\n2026-11-20,0\n",
                2,
                "expected a positive rate for GBP, found \"0\"",
            ),
            (
                "Date,GBP\n2026-11-20,-0.8\n",
                2,
                "expected a positive rate for GBP, found \"-0.8\"",
            ),
            (
                "Date,GBP\n2026-11-20,1_000\n",
                2,
                "expected a rate like 0.8338 for GBP, found \"1_000\"",
            ),
            (
                "Date,GBP\n2026-11-20,1e3\n",
                2,
                "expected a rate like 0.8338 for GBP, found \"1e3\"",
            ),
            (
                "Date,GBP\n2026-11-20,.5\n",
                2,
                "expected a rate like 0.8338 for GBP, found \".5\"",
            ),
            (
                "Date,GBP\n2026-13-01,0.8\n",
                2,
                "expected a date like 2026-10-30 (or 30 October 2026), found \"2026-13-01\"",
            ),
            (
                "Date,GBP\n20/11/2026,0.8\n",
                2,
                "expected a date like 2026-10-30 (or 30 October 2026), found \"20/11/2026\"",
            ),
            (
                "Date,GBP\n2026-11-20,0.8,0.9\n",
                2,
                "expected at most 1 rates as in the header, found \"0.9\" after them",
            ),
            (
                "Date,GBP\n2026-11-20,0.8\n2026-11-20,0.9\n",
                3,
                "duplicate rate for GBP on 2026-11-20 (first given on line 2)",
            ),
            (
                "Day,GBP\n",
                1,
                "expected a header like \"Date,USD,JPY,GBP\", found \"Day\"",
            ),
            (
                "",
                1,
                "expected a header like \"Date,USD,JPY,GBP\", found \"\"",
            ),
            ("Date,GBP,GBP\n", 1, "duplicate column \"GBP\""),
            ("Date,,GBP\n", 1, "expected a currency code in column 2"),
            (
                "Date,EUR\n",
                1,
                "unexpected column \"EUR\": rates are units of each currency per 1 EUR",
            ),
            (
                "Date,GPB\n",
                1,
                "unknown currency code \"GPB\" (expected an ISO 4217 code such as EUR, GBP, USD)",
            ),
        ];
        for (text, expected_line, expected) in cases {
            let (_, line, message, _) = parse_error(table.add_csv_str(text, Path::new("r.csv")));
            assert_eq!(
                (line, message.as_str()),
                (Some(expected_line), expected),
                "{text:?}"
            );
        }
    }

    #[test]
    fn toml_errors_name_file_line_and_value() {
        let mut table = RateTable::empty();
        let float = "[[rate]]\ndate = 2026-11-20\ncurrency = \"GBP\"\nper_eur = 0.8352\n";
        let (path, line, message, shown) =
            parse_error(table.add_toml_str(float, Path::new("rates.toml")));
        assert_eq!(path, PathBuf::from("rates.toml"));
        assert_eq!(line, Some(4));
        assert!(message.contains("TOML floats are not exact"), "{message}");
        assert!(
            shown.starts_with("rates.toml:4: expected per_eur as a string"),
            "{shown}"
        );

        let unknown =
            "[[rate]]\ndate = 2026-11-20\ncurrency = \"GBP\"\nper_eur = \"0.8\"\nsource = \"me\"\n";
        let (_, line, message, _) = parse_error(table.add_toml_str(unknown, Path::new("r.toml")));
        assert_eq!(line, Some(5));
        assert!(message.contains("unknown field `source`"), "{message}");

        let top = "[[rates]]\ndate = 2026-11-20\n";
        let (_, line, message, _) = parse_error(table.add_toml_str(top, Path::new("r.toml")));
        assert_eq!(line, Some(1));
        assert!(message.contains("unknown field `rates`"), "{message}");

        let cases = [
            (
                "[[rate]]\ndate = 2026-11-20T10:00:00Z\ncurrency = \"GBP\"\nper_eur = \"0.8\"\n",
                2,
                "expected a local date like 2026-11-20, found \"2026-11-20T10:00:00Z\"",
            ),
            (
                "[[rate]]\ndate = \"2026-11-20\"\ncurrency = \"GBP\"\nper_eur = \"0.8\"\n",
                2,
                "expected a TOML date like 2026-11-20 (without quotes), found the string \"2026-11-20\"",
            ),
            (
                "[[rate]]\ndate = 2026-11-20\ncurrency = \"gbp\"\nper_eur = \"0.8\"\n",
                3,
                "unknown currency code \"gbp\" (expected an ISO 4217 code such as EUR, GBP, USD); currency codes are upper case: did you mean \"GBP\"?",
            ),
            (
                "[[rate]]\ndate = 2026-11-20\ncurrency = \"GBP\"\nper_eur = \"abc\"\n",
                4,
                "expected per_eur as a rate like \"0.8352\", found \"abc\"",
            ),
            (
                "[[rate]]\ndate = 2026-11-20\ncurrency = \"GBP\"\nper_eur = \"0\"\n",
                4,
                "expected a positive per_eur, found \"0\"",
            ),
            (
                "[[rate]]\ndate = 2026-11-20\ncurrency = \"GBP\"\nper_eur = -2\n",
                4,
                "expected a positive per_eur, found -2",
            ),
        ];
        for (text, expected_line, expected) in cases {
            let (_, line, message, _) = parse_error(table.add_toml_str(text, Path::new("r.toml")));
            assert_eq!(
                (line, message.as_str()),
                (Some(expected_line), expected),
                "{text:?}"
            );
        }

        let missing = "[[rate]]\ndate = 2026-11-20\ncurrency = \"GBP\"\n";
        let (_, line, message, _) = parse_error(table.add_toml_str(missing, Path::new("r.toml")));
        assert_eq!(line, Some(1));
        assert!(message.contains("missing field `per_eur`"), "{message}");

        let duplicate = "[[rate]]\ndate = 2026-11-20\ncurrency = \"GBP\"\nper_eur = \"0.8\"\n\n[[rate]]\ndate = 2026-11-20\ncurrency = \"GBP\"\nper_eur = \"0.9\"\n";
        let (_, line, message, _) = parse_error(table.add_toml_str(duplicate, Path::new("r.toml")));
        assert_eq!(line, Some(6));
        assert_eq!(
            message,
            "duplicate rate for GBP on 2026-11-20 (first given on line 1)"
        );

        let eur = "[[rate]]\ndate = 2026-11-20\ncurrency = \"EUR\"\nper_eur = 1\n";
        let (_, line, _, _) = parse_error(table.add_toml_str(eur, Path::new("r.toml")));
        assert_eq!(line, Some(1));

        let syntax = "[[rate]]\ndate = 2026-11-20\ncurrency = GBP\n";
        let (_, line, _, _) = parse_error(table.add_toml_str(syntax, Path::new("r.toml")));
        assert_eq!(line, Some(3));

        // An empty file adds nothing and is not an error.
        table.add_toml_str("", Path::new("r.toml")).unwrap();
        assert!(table.added.is_empty());
    }

    #[test]
    fn a_currency_name_or_sign_suggests_its_code() {
        for (given, code) in [
            ("euro", "EUR"),
            ("Euro", "EUR"),
            ("£", "GBP"),
            ("kronor", "SEK"),
        ] {
            let err = given.parse::<Currency>().unwrap_err().to_string();
            assert!(
                err.ends_with(&format!(
                    "that is a currency's name or sign: did you mean \"{code}\"?"
                )),
                "{given}: {err}"
            );
        }
        let err = "florin".parse::<Currency>().unwrap_err().to_string();
        assert!(!err.contains("did you mean"), "{err}");
    }

    #[test]
    fn add_file_reads_csv_and_toml_by_extension() {
        let dir = std::env::temp_dir().join(format!("penalty-fx-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let csv = dir.join("rates.CSV");
        let toml_file = dir.join("rates.toml");
        let json = dir.join("rates.json");
        std::fs::write(&csv, "Date,USD,\n2026-11-20,1.2,\n").unwrap();
        std::fs::write(
            &toml_file,
            "[[rate]]\ndate = 2026-11-21\ncurrency = \"USD\"\nper_eur = \"1.25\"\n",
        )
        .unwrap();
        std::fs::write(&json, "{}").unwrap();

        let mut table = RateTable::builtin();
        table.add_file(&csv).unwrap();
        table.add_file(&toml_file).unwrap();
        let usd = table.rate(cur("USD"), day("2026-11-20")).unwrap();
        assert_eq!(usd.per_eur, dec("1.2"));
        assert_eq!(usd.source, RateSource::File(csv.clone()));
        let usd = table.rate(cur("USD"), day("2026-11-21")).unwrap();
        assert_eq!(usd.per_eur, dec("1.25"));
        assert_eq!(usd.source.to_string(), toml_file.display().to_string());

        let (_, line, message, _) = parse_error(table.add_file(&json));
        assert_eq!(line, None);
        assert_eq!(
            message,
            "expected a .csv, .zip or .toml rates file, found extension \"json\""
        );
        let (_, _, message, _) = parse_error(table.add_file(&dir.join("rates")));
        assert_eq!(
            message,
            "expected a .csv, .zip or .toml rates file, found no extension"
        );

        let missing = dir.join("missing.csv");
        let error = table.add_file(&missing).unwrap_err();
        assert!(matches!(&error, FxError::Read { path, .. } if *path == missing));
        assert!(error.to_string().starts_with(&format!(
            "cannot read rates file \"{}\": ",
            missing.display()
        )));
        // The cause is in the message, not also a source an error chain would print again.
        assert!(std::error::Error::source(&error).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn byte_search_matches_a_plain_search() {
        fn naive(bytes: &[u8], needle: u8, n: usize) -> Option<usize> {
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == needle)
                .nth(n)
                .map(|(i, _)| i)
        }
        // Every byte value, including those with the high bit set, around the needles.
        let all: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        let texts: [&[u8]; 7] = [
            b"",
            b",",
            b",,,,,,,,,,,,,,,,,",
            b"2026-10-30,1.1172,175.68,N/A,N/A,24.353,7.4735,",
            "\u{e9},\u{2c2c},\n,\u{ff},x".as_bytes(),
            b"\x2c\xac\x2d\x2b\x0a\x8a\x0b\x09",
            &all,
        ];
        for text in texts {
            for needle in [b',', b'\n', 0, 0x80, 0xff] {
                for n in 0..text.len() + 2 {
                    assert_eq!(
                        nth_byte(text, needle, n),
                        naive(text, needle, n),
                        "{text:?} {needle} {n}"
                    );
                }
            }
        }
        let line = "2026-10-30,1.1172,,N/A,7.4735,\r";
        let fields: Vec<Option<&str>> = (0..7).map(|i| nth_field(line, i)).collect();
        assert_eq!(
            fields,
            [
                Some("2026-10-30"),
                Some("1.1172"),
                Some(""),
                Some("N/A"),
                Some("7.4735"),
                Some("\r"),
                None
            ]
        );
        let lines: Vec<(usize, &str)> = ByteLines {
            rest: "a\r\n\nbb\nlast",
            number: 0,
        }
        .collect();
        assert_eq!(lines, [(1, "a\r"), (2, ""), (3, "bb"), (4, "last")]);
    }

    #[test]
    fn rates_parse_exactly() {
        for (text, expected) in [
            ("0.8338", "0.8338"),
            ("136", "136"),
            ("20275.17", "20275.17"),
            ("0.00001", "0.00001"),
            ("007.50", "7.50"),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
            (
                "1.000000000000000000000000001",
                "1.000000000000000000000000001",
            ),
        ] {
            assert_eq!(plain_decimal(text), Some(dec(expected)), "{text}");
        }
        for text in [
            "",
            ".",
            ".5",
            "5.",
            "1.2.3",
            "+1",
            "-1",
            "1e3",
            "1_000",
            "1,5",
            " 1",
            "0x10",
            "79228162514264337593543950336",
            "0.00000000000000000000000000001",
        ] {
            assert_eq!(plain_decimal(text), None, "{text}");
        }
        // The scale is kept as written.
        assert_eq!(
            plain_decimal("7.50").map(|d| d.to_string()).as_deref(),
            Some("7.50")
        );
        assert_eq!(parse_rate("0.8338", "GBP"), Ok(dec("0.8338")));
        assert_eq!(
            parse_rate("-0", "GBP"),
            Err("expected a positive rate for GBP, found \"-0\"".to_owned())
        );
    }

    #[test]
    fn table_is_send_and_sync_and_shares_its_cache() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<RateTable>();
        assert_send_sync::<FxError>();
        let table = RateTable::builtin();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    let conversion = table
                        .convert(dec("2500000"), cur("SEK"), Currency::EUR, day("2026-11-22"))
                        .unwrap();
                    assert_eq!(conversion.amount, dec("227728.18"));
                });
            }
        });
        assert_eq!(table.parsed_columns(), 1);
        assert!(format!("{table:?}").contains("parsed_columns: 1"));
    }

    #[test]
    fn currency_serde_round_trip() {
        #[derive(Deserialize, Serialize)]
        struct Holder {
            currency: Currency,
        }
        let holder: Holder = toml::from_str("currency = \"SEK\"").unwrap();
        assert_eq!(holder.currency, cur("SEK"));
        assert_eq!(
            toml::to_string(&holder).unwrap().trim(),
            "currency = \"SEK\""
        );
        let error = toml::from_str::<Holder>("currency = \"sek\"")
            .err()
            .unwrap();
        assert!(error.message().contains("did you mean \"SEK\"?"));
    }

    #[test]
    fn the_ecb_daily_file_writes_its_day_in_words() {
        assert_eq!(parse_date("30 November 2026"), Ok(day("2026-11-30")));
        assert_eq!(parse_date("1 march 2027"), Ok(day("2027-03-01")));
        for bad in [
            "31 November 2026",
            "30 Novembre 2026",
            "30 November 26",
            "November 30 2026",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?} was accepted");
        }
        let mut table = RateTable::empty();
        table
            .add_csv_str(
                "Date, USD, GBP, \n30 November 2026, 1.1500, 0.8400, \n",
                Path::new("eurofxref.csv"),
            )
            .unwrap();
        let rate = table.rate(cur("GBP"), day("2026-12-02")).unwrap();
        assert_eq!(
            (rate.date, rate.per_eur),
            (day("2026-11-30"), dec("0.8400"))
        );
    }

    #[test]
    fn an_added_ecb_history_is_read_beside_the_built_in_one() {
        let mut table = RateTable::builtin();
        table
            .add_ecb_history(
                "Date,GBP,\n2026-11-30,0.8400,\n".to_owned(),
                Path::new("stored.csv"),
            )
            .unwrap();
        // After the built-in history's last day (30 Oct 2026) the added one is the latest.
        let later = table.rate(cur("GBP"), day("2026-12-01")).unwrap();
        assert_eq!(
            (later.date, later.per_eur),
            (day("2026-11-30"), dec("0.8400"))
        );
        assert_eq!(later.source, RateSource::Ecb);
        // Before it, the built-in history still answers: 0.8338 on 30 Oct 2026.
        let earlier = table.rate(cur("GBP"), day("2026-11-01")).unwrap();
        assert_eq!(
            (earlier.date, earlier.per_eur),
            (day("2026-10-30"), dec("0.8338"))
        );
        assert!(
            RateTable::empty()
                .add_ecb_history("<html>".to_owned(), Path::new("x"))
                .is_err()
        );
    }
}
