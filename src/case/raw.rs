//! The case file as written: serde types that mirror the TOML keys one for one, with spans
//! kept on the values that validation may need to point at. Unknown keys are rejected.
//! `docs/case-format.md` documents every key.

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::str::FromStr;
use toml::Spanned;

/// A case file: one `[case]` table and its fines, orders, payments and assertions.
///
/// The loader fills it table by table (see `parse.rs`), so that an error in one table does not
/// hide the errors in the others; `case` is `None` when the `[case]` table is missing or
/// could not be read.
#[derive(Debug, Default)]
pub struct RawFile {
    pub case: Option<Spanned<RawCase>>,
    pub fine: Vec<Spanned<RawFine>>,
    pub order: Vec<Spanned<RawOrder>>,
    pub payment: Vec<Spanned<RawPayment>>,
    pub expect: Vec<Spanned<RawExpect>>,
}

/// The top-level tables of a case file: `[case]`, then arrays of tables.
pub const TOP_LEVEL: [&str; 5] = ["case", "fine", "order", "payment", "expect"];

/// The keys of `[case]`, to tell a key written above the `[case]` header.
pub const CASE_KEYS: [&str; 10] = [
    "id",
    "company",
    "jurisdiction",
    "authority",
    "reference",
    "currency",
    "turnover",
    "interest",
    "notes",
    "sources",
];

/// `[case]`: who decided what against whom, in which currency.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    pub id: Spanned<String>,
    pub company: Spanned<String>,
    pub jurisdiction: Spanned<String>,
    pub authority: Option<String>,
    pub reference: Option<String>,
    pub currency: Spanned<String>,
    pub turnover: Option<Spanned<Amount>>,
    pub interest: Option<Spanned<String>>,
    pub notes: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// `[[fine]]`: a lump sum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFine {
    pub id: Spanned<String>,
    pub amount: Spanned<Amount>,
    pub decided: Spanned<Date>,
    pub due: Option<Spanned<Date>>,
    pub interest: Option<Spanned<String>>,
    pub limitation: Option<Spanned<String>>,
    pub reference: Option<String>,
    pub legal_basis: Option<Spanned<String>>,
    pub notes: Option<String>,
    #[serde(default)]
    pub event: Vec<Spanned<RawEvent>>,
}

/// `[[fine.event]]` and `[[order.liquidation.event]]`: an appeal, annulment, reinstatement,
/// reduction or confirmation, or a suspension or resumption of collection.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub date: Spanned<Date>,
    pub kind: Spanned<EventKind>,
    pub amount: Option<Spanned<Amount>>,
    pub decided: Option<Spanned<Date>>,
    pub date_known: Option<Spanned<bool>>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// What happened to a fine or a liquidation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Appealed,
    Annulled,
    Reinstated,
    Reduced,
    Upheld,
    Suspended,
    Resumed,
}

/// `[[order]]`: an injunction backed by a periodic penalty.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrder {
    pub id: Spanned<String>,
    pub description: Option<String>,
    pub decided: Option<Spanned<Date>>,
    pub notified: Option<Spanned<Date>>,
    pub starts: Option<Spanned<Date>>,
    pub deadline: Option<Spanned<Date>>,
    pub grace: Option<Spanned<String>>,
    pub extend: Option<Spanned<Extend>>,
    #[serde(default)]
    pub holidays: Vec<Spanned<Date>>,
    pub rate: Option<Spanned<Amount>>,
    pub per: Option<Spanned<Per>>,
    pub count: Option<Spanned<Count>>,
    #[serde(default)]
    pub rate_change: Vec<Spanned<RawRateChange>>,
    pub cap: Option<Spanned<Amount>>,
    #[serde(default)]
    pub suspension: Vec<Spanned<RawPeriod>>,
    pub complied: Option<Spanned<Date>>,
    pub lifted: Option<Spanned<Date>>,
    #[serde(default)]
    pub violation: Vec<Spanned<RawViolation>>,
    #[serde(default)]
    pub liquidation: Vec<Spanned<RawLiquidation>>,
    #[serde(default)]
    pub deadline_change: Vec<Spanned<RawDeadlineChange>>,
    #[serde(default)]
    pub adjustment: Vec<Spanned<RawAdjustment>>,
    #[serde(default)]
    pub measurement: Vec<Spanned<RawMeasurement>>,
    pub ceiling: Option<Spanned<bool>>,
    pub interest: Option<Spanned<String>>,
    pub limitation: Option<Spanned<String>>,
    #[serde(default)]
    pub collection: Vec<Spanned<RawCollection>>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// `[[order.collection]]`: a collection order (*invorderingsbesluit*) for the order's
/// forfeited sums.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCollection {
    pub date: Spanned<Date>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// The unit a penalty rate is charged per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    Day,
    Week,
    Month,
    Quarter,
    Semester,
    Year,
    Violation,
    Once,
}

/// Whether a started unit counts in full, or only a completed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Count {
    Started,
    Completed,
}

/// Whether a deadline falling on a weekend or holiday moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Extend {
    #[serde(rename = "none")]
    None,
    #[serde(rename = "next-business-day")]
    NextBusinessDay,
}

/// `[[order.rate_change]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRateChange {
    pub from: Spanned<Date>,
    pub rate: Spanned<Amount>,
    pub decided: Option<Spanned<Date>>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// A period: `from` plus exactly one of `through` (last day counted) or `until` (first day
/// not counted).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    pub from: Spanned<Date>,
    pub through: Option<Spanned<Date>>,
    pub until: Option<Spanned<Date>>,
    pub decided: Option<Spanned<Date>>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// `[[order.deadline_change]]`: a later decision that moves the first day of delay.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeadlineChange {
    pub decided: Spanned<Date>,
    pub notified: Option<Spanned<Date>>,
    pub starts: Option<Spanned<Date>>,
    pub deadline: Option<Spanned<Date>>,
    pub grace: Option<Spanned<String>>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// `[[order.adjustment]]`: an amount added to each unit per measured item.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdjustment {
    pub measure: Spanned<String>,
    pub per_item: Spanned<Amount>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// `[[order.measurement]]`: measured values, in force from `date`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeasurement {
    pub date: Spanned<Date>,
    pub decided: Option<Spanned<Date>>,
    pub values: Spanned<std::collections::BTreeMap<Spanned<String>, Spanned<Amount>>>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// `[[order.violation]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawViolation {
    pub date: Spanned<Date>,
    pub count: Option<Spanned<i64>>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// `[[order.liquidation]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLiquidation {
    pub decided: Spanned<Date>,
    pub from: Spanned<Date>,
    pub through: Option<Spanned<Date>>,
    pub until: Option<Spanned<Date>>,
    pub amount: Option<Spanned<Amount>>,
    pub due: Option<Spanned<Date>>,
    pub reference: Option<String>,
    pub notes: Option<String>,
    #[serde(default)]
    pub event: Vec<Spanned<RawEvent>>,
}

/// `[[payment]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPayment {
    pub date: Spanned<Date>,
    pub amount: Spanned<Amount>,
    pub applies_to: Spanned<String>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// `[[expect]]`: an official figure the case must reproduce.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    pub as_of: Spanned<Date>,
    pub order: Option<Spanned<String>>,
    pub fine: Option<Spanned<String>>,
    pub accrued: Option<Spanned<Amount>>,
    pub liquidated: Option<Spanned<Amount>>,
    pub liquidated_enforceable: Option<Spanned<Amount>>,
    pub liquidated_contested: Option<Spanned<Amount>>,
    pub accruing: Option<Spanned<Amount>>,
    pub days: Option<Spanned<i64>>,
    pub cap_reached: Option<Spanned<Date>>,
    pub amount: Option<Spanned<Amount>>,
    pub status: Option<Spanned<String>>,
    pub fines: Option<Spanned<Amount>>,
    pub penalties: Option<Spanned<Amount>>,
    pub exposure: Option<Spanned<Amount>>,
    pub owed: Option<Spanned<Amount>>,
    pub paid: Option<Spanned<Amount>>,
    pub outstanding: Option<Spanned<Amount>>,
    pub payable: Option<Spanned<Amount>>,
    pub suspended: Option<Spanned<Amount>>,
    pub interest: Option<Spanned<Amount>>,
    pub time_barred: Option<Spanned<Amount>>,
    pub total_due: Option<Spanned<Amount>>,
    pub notes: Option<String>,
}

/// An exact amount: a TOML string (`"100000.50"`) or integer. Floats are refused because
/// they are not exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Decimal);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount as a string or an integer, such as \"100000.50\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Amount, E> {
                Decimal::try_from_i128_with_scale(v, 0)
                    .map(Amount)
                    .map_err(|_| E::custom(too_many_digits(&v.to_string())))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Amount, E> {
                i128::try_from(v)
                    .map_err(|_| E::custom(too_many_digits(&v.to_string())))
                    .and_then(|v| self.visit_i128(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                Err(E::custom(format!(
                    "amounts must be exact: write {v} as a string, such as \"{v}\", not as a float"
                )))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                parse_amount(v).map(Amount).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

fn too_many_digits(text: &str) -> String {
    format!(
        "expected an amount with at most 28 significant digits, no larger than 79228162514264337593543950335, found \"{text}\""
    )
}

/// Parses an amount such as `"100000.50"` or `"5_200_000"` exactly: an optional sign, digits
/// (underscores between them are ignored), and an optional decimal point followed by digits.
/// An amount that a decimal cannot hold exactly (too large, or too many digits) is refused,
/// never rounded.
pub fn parse_amount(text: &str) -> Result<Decimal, String> {
    let cleaned: String = text.trim().chars().filter(|&c| c != '_').collect();
    let (negative, unsigned) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let plain = !int.is_empty()
        && digits(int)
        && digits(frac)
        && (frac.is_empty() != unsigned.contains('.'));
    if !plain {
        return Err(format!(
            "expected an amount such as \"100000.50\" (digits, an optional decimal point, no thousands separators), found {text:?}"
        ));
    }
    let value = Decimal::from_str(&cleaned).map_err(|_| too_many_digits(text))?;
    // The value as written, without leading or trailing zeros, must be what was parsed.
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let written = match (int.is_empty(), frac.is_empty()) {
        (true, true) => "0".to_string(),
        (_, true) => int.to_string(),
        (true, false) => format!("0.{frac}"),
        (false, false) => format!("{int}.{frac}"),
    };
    let written = if negative && written != "0" {
        format!("-{written}")
    } else {
        written
    };
    if value.normalize().to_string() != written {
        return Err(too_many_digits(text));
    }
    Ok(value)
}

/// A calendar date, written as a TOML local date (`2022-12-19`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub chrono::NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2022-12-19")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Err(E::custom(format!(
                    "expected a date such as 2022-12-19, written without quotes, found the string {v:?}"
                )))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
                let dt =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time, dt.offset) {
                    (Some(date), None, None) => chrono::NaiveDate::from_ymd_opt(
                        i32::from(date.year),
                        u32::from(date.month),
                        u32::from(date.day),
                    )
                    .map(Date)
                    .ok_or_else(|| de::Error::custom(format!("{dt} is not a calendar date"))),
                    _ => Err(de::Error::custom(format!(
                        "expected a date such as 2022-12-19 (no time, no time zone), found {dt}"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_exactly_or_not_at_all() {
        let ok = |s: &str| parse_amount(s).unwrap().to_string();
        assert_eq!(ok("100000.50"), "100000.50");
        assert_eq!(ok("5_200_000"), "5200000");
        assert_eq!(ok("-0.00"), "0.00");
        assert_eq!(ok("+7"), "7");
        assert_eq!(
            ok("79228162514264337593543950335"),
            "79228162514264337593543950335"
        );
        for bad in ["1.2.3", ".5", "5.", "", "-", "1e5", "1,000", "EUR 5"] {
            assert!(parse_amount(bad).is_err(), "{bad:?} was accepted");
        }
        // One more than the largest decimal, and 29 significant digits after the point.
        assert!(parse_amount("79228162514264337593543950336").is_err());
        assert!(parse_amount("0.10000000000000000000000000001").is_err());
    }
}
