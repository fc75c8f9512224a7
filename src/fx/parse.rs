//! The fields of a rates file: dates (ISO, or as the ECB's daily file writes them), exact
//! positive rates, and one rate per currency and day.

use std::collections::HashMap;

use super::currency::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The rates of one added file: rate and 1-based line, by currency and date.
pub(super) type FileRates = HashMap<(Currency, NaiveDate), (Decimal, usize)>;

/// Records one rate of an added file, rejecting a second rate for the same day.
pub(super) fn insert_rate(
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

/// Parses an ISO date `YYYY-MM-DD`, strictly (four-digit year, two-digit month and day),
/// or a date as the ECB's daily file writes it: `30 November 2026` (day, English month
/// name, four-digit year).
pub(super) fn parse_date(text: &str) -> Result<NaiveDate, String> {
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

/// Why a rate was rejected.
pub(super) enum BadRate {
    /// Not `digits[.digits]`.
    Malformed,
    /// Zero or negative.
    NotPositive,
}

/// Parses a positive decimal rate (digits with an optional decimal point), exactly.
/// A minus sign is recognised only to say that the rate must be positive.
pub(super) fn positive_rate(text: &str) -> Result<Decimal, BadRate> {
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
pub(super) fn parse_rate(text: &str, code: &str) -> Result<Decimal, String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fx::test_support::*;
    use crate::fx::*;
    use std::path::Path;

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
}
