//! Currencies: an ISO 4217 code known to `iso_currency`, read from its code (with a
//! suggestion for a name or sign written instead), its minor unit and its rounding.

use std::fmt;
use std::str::FromStr;

use super::FxError;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fx::test_support::*;
    use crate::fx::*;

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
    fn currencies_without_minor_unit_keep_two_decimals() {
        assert_eq!(cur("XAU").minor_units(), 2);
        assert_eq!(cur("XDR").round(dec("1.005")).to_string(), "1.01");
    }
}
