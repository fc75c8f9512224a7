//! The table of euro reference rates: the ECB histories it reads lazily, a column at a
//! time, and the rates added from files, with the order in which they take precedence.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::FxError;
use super::archive::rates_text;
use super::currency::Currency;
use super::ecb::{ECB_CSV, ECB_NAME, history_latest, parse_csv_file};
use super::parse::FileRates;
use super::toml_rates::parse_toml_file;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One day's rate in a cached column of the ECB history.
#[derive(Debug, Clone, Copy)]
pub(super) struct Point {
    pub(super) date: NaiveDate,
    pub(super) per_eur: Decimal,
}

/// A rate from an added file.
#[derive(Debug, Clone)]
pub(super) struct Added {
    pub(super) per_eur: Decimal,
    pub(super) source: Arc<PathBuf>,
}

/// One ECB history in the ECB's layout, parsed a column at a time on first use.
pub(super) struct EcbHistory {
    /// The CSV text.
    pub(super) text: std::borrow::Cow<'static, str>,
    /// The name its errors give.
    pub(super) name: PathBuf,
    /// Columns parsed so far, each sorted by date.
    pub(super) columns: Mutex<HashMap<Currency, Arc<[Point]>>>,
}

impl EcbHistory {
    pub(super) fn new(text: std::borrow::Cow<'static, str>, name: PathBuf) -> EcbHistory {
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
    pub(super) ecb: Vec<EcbHistory>,
    /// Rates from added files, by currency and date.
    pub(super) added: HashMap<Currency, BTreeMap<NaiveDate, Added>>,
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fx::test_support::*;
    use crate::fx::*;

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
