//! TOML rates files: `[[rate]]` tables with a TOML local date and an exact rate (a string
//! or an integer, never a float).

use std::path::Path;

use super::FxError;
use super::currency::Currency;
use super::parse::{BadRate, FileRates, insert_rate, positive_rate};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

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
pub(super) fn parse_toml_file(text: &str, origin: &Path) -> Result<FileRates, FxError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fx::test_support::*;
    use crate::fx::*;

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
}
