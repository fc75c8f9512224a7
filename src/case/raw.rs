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
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub case: Spanned<RawCase>,
    #[serde(default)]
    pub fine: Vec<Spanned<RawFine>>,
    #[serde(default)]
    pub order: Vec<Spanned<RawOrder>>,
    #[serde(default)]
    pub payment: Vec<Spanned<RawPayment>>,
    #[serde(default)]
    pub expect: Vec<Spanned<RawExpect>>,
}

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
    pub reference: Option<String>,
    pub legal_basis: Option<Spanned<String>>,
    pub notes: Option<String>,
    #[serde(default)]
    pub event: Vec<Spanned<RawFineEvent>>,
}

/// `[[fine.event]]`: an appeal, annulment, reinstatement, reduction or confirmation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFineEvent {
    pub date: Spanned<Date>,
    pub kind: Spanned<EventKind>,
    pub amount: Option<Spanned<Amount>>,
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// What happened to a fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Appealed,
    Annulled,
    Reinstated,
    Reduced,
    Upheld,
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
    Semester,
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
    pub reference: Option<String>,
    pub notes: Option<String>,
}

/// `[[order.violation]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawViolation {
    pub date: Spanned<Date>,
    pub count: Option<Spanned<u32>>,
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
    pub reference: Option<String>,
    pub notes: Option<String>,
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

/// Parses an amount such as `"100000.50"` or `"5_200_000"` exactly.
pub fn parse_amount(text: &str) -> Result<Decimal, String> {
    let cleaned: String = text.trim().chars().filter(|&c| c != '_').collect();
    let plain = !cleaned.is_empty()
        && cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
    if !plain {
        return Err(format!(
            "expected an amount such as \"100000.50\" (digits, an optional decimal point, no thousands separators), found {text:?}"
        ));
    }
    Decimal::from_str(&cleaned).map_err(|_| {
        format!("expected an amount such as \"100000.50\" with at most 28 significant digits, found {text:?}")
    })
}

/// A calendar date, written as a TOML local date (`2022-12-19`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub chrono::NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
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
