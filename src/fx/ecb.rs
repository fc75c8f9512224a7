//! The ECB's CSV layout: the embedded history, one currency's column extracted fast, whole
//! CSV rates files, and the checks a downloaded history passes before it is stored.

use std::path::Path;

use super::FxError;
use super::currency::Currency;
use super::parse::{FileRates, insert_rate, parse_date, parse_rate};
use super::table::Point;
use chrono::NaiveDate;

/// The ECB history shipped with the project, newest day first.
pub(super) const ECB_CSV: &str = include_str!("../../cases/rates/eurofxref-hist.csv");

/// The name under which errors in the embedded history are reported.
pub(super) const ECB_NAME: &str = "eurofxref-hist.csv (built in)";

/// Currencies the ECB history lists that ISO 4217 (and so `iso_currency`) no longer
/// knows; their columns are skipped rather than rejected.
const ECB_LEGACY_CODES: [&str; 9] = [
    "CYP", "EEK", "LTL", "LVL", "MTL", "ROL", "SIT", "SKK", "TRL",
];

/// Extracts the column of `currency` from the embedded ECB CSV, sorted by date;
/// `None` if the header does not list the currency.
///
/// Only the wanted field of each line is looked at. Line ends and commas are found
/// eight bytes at a time, and rates and dates are parsed without allocating, so that
/// one column of the 1.9 MB history takes well under a millisecond.
pub(super) fn parse_ecb_column(
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

/// Parses a whole CSV rates file in the ECB layout.
pub(super) fn parse_csv_file(text: &str, origin: &Path) -> Result<FileRates, FxError> {
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
    use crate::fx::test_support::*;
    use crate::fx::*;

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
}
