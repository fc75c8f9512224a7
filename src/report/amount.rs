//! Amounts in words for people (`1,234.50`, `1 234,50`) and in plain text for programs.

use crate::fx::Currency;
use rust_decimal::Decimal;

/// The typography of numbers in tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NumberFormat {
    /// `5,200,000.00`: comma between thousands, point before decimals.
    #[default]
    En,
    /// `5 200 000,00`: a narrow no-break space (U+202F) between thousands, as French
    /// typography and the CLDR `fr` locale write it, and a decimal comma.
    Fr,
}

/// The French thousands separator: NARROW NO-BREAK SPACE, U+202F.
pub const FR_THOUSANDS: char = '\u{202F}';

impl NumberFormat {
    /// Formats an amount exactly, like [`format_amount`], in this typography.
    pub fn amount(self, amount: Decimal) -> String {
        let en = format_amount(amount);
        match self {
            NumberFormat::En => en,
            NumberFormat::Fr => en
                .chars()
                .map(|c| match c {
                    ',' => FR_THOUSANDS,
                    '.' => ',',
                    c => c,
                })
                .collect(),
        }
    }

    /// An amount with its currency: `EUR 5,200,000.00`, or in French `5 200 000,00 €` (the
    /// euro sign for EUR, the ISO code for other currencies, after a no-break space U+00A0).
    pub fn money(self, amount: Decimal, currency: Currency) -> String {
        match self {
            NumberFormat::En => format!("{currency} {}", self.amount(amount)),
            NumberFormat::Fr => {
                let unit = if currency.code() == "EUR" {
                    "€"
                } else {
                    currency.code()
                };
                format!("{}\u{A0}{unit}", self.amount(amount))
            }
        }
    }
}

/// An amount as machine formats write it: a plain decimal string (no separators), exact,
/// with at least the currency's minor-unit decimals: `20000000` EUR -> `"20000000.00"`,
/// `0.125` EUR -> `"0.125"`, `-5` -> `"-5.00"`.
pub fn plain_amount(amount: Decimal, currency: Currency) -> String {
    PlainAmount(amount, currency).to_string()
}

/// [`plain_amount`] as a `Display`, to write an amount without building a string first.
#[derive(Debug, Clone, Copy)]
pub struct PlainAmount(pub Decimal, pub Currency);

impl std::fmt::Display for PlainAmount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.write(&mut [0; PLAIN_AMOUNT_MAX]))
    }
}

/// The longest plain amount: a sign, 29 digits and a decimal point, with room to spare.
pub const PLAIN_AMOUNT_MAX: usize = 48;

impl PlainAmount {
    /// Writes the amount into `buf` (from its end) and returns it: the digits of the
    /// decimal's mantissa with the point placed by its scale. Machine formats write millions
    /// of these, so this spares the general formatting machinery.
    pub fn write(self, buf: &mut [u8; PLAIN_AMOUNT_MAX]) -> &str {
        // Normalizing divides; the digits are written as they are and trailing zeros beyond
        // the currency's minor unit are dropped after.
        let a = self.0;
        let minor = self.1.minor_units() as usize;
        // Decimals to show: the amount's own, at least the currency's minor unit, made up
        // with zeros written here (a rescale could overflow the largest amounts).
        let scale = (a.scale() as usize).max(minor);
        let mantissa = a.mantissa().unsigned_abs();
        let mut i = buf.len();
        let mut digits = 0;
        for _ in a.scale() as usize..scale {
            i -= 1;
            buf[i] = b'0';
            digits += 1;
        }
        // Digits from the last: on 64 bits when the mantissa fits, as nearly every amount's
        // does (128-bit division is several times slower), then on 128 bits.
        let mut place = |digit: u8, digits: &mut usize| {
            if *digits == scale && scale > 0 {
                i -= 1;
                buf[i] = b'.';
            }
            i -= 1;
            buf[i] = b'0' + digit;
            *digits += 1;
        };
        match u64::try_from(mantissa) {
            Ok(mut m) => {
                // At least one digit before the point: "0.125", "0.00".
                while m > 0 || digits <= scale {
                    place((m % 10) as u8, &mut digits);
                    m /= 10;
                }
            }
            Err(_) => {
                let mut m = mantissa;
                while m > 0 || digits <= scale {
                    place((m % 10) as u8, &mut digits);
                    m /= 10;
                }
            }
        }
        if a.is_sign_negative() && !a.is_zero() {
            i -= 1;
            buf[i] = b'-';
        }
        // Trailing zeros beyond the minor unit say nothing: "5200000.000" is "5200000.00".
        let mut end = buf.len();
        let mut decimals = scale;
        while decimals > minor && buf[end - 1] == b'0' {
            end -= 1;
            decimals -= 1;
        }
        if decimals == 0 && scale > 0 {
            end -= 1;
        }
        std::str::from_utf8(&buf[i..end]).unwrap_or_default()
    }
}

/// Formats an amount with thousands separators and at least two decimals, exactly:
/// `5200000` -> `5,200,000.00`, `0.125` -> `0.125`.
pub fn format_amount(amount: Decimal) -> String {
    let mut a = amount.normalize();
    if a.scale() < 2 {
        a.rescale(2);
    }
    let text = a.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::with_capacity(text.len() + text.len() / 3 + 1);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn machine_amounts_are_plain_and_exact() {
        let f = |s: &str, c: &str| plain_amount(Decimal::from_str(s).unwrap(), c.parse().unwrap());
        assert_eq!(f("20000000", "EUR"), "20000000.00");
        assert_eq!(f("9058287.36", "EUR"), "9058287.36");
        assert_eq!(f("5200000.000", "EUR"), "5200000.00");
        assert_eq!(f("0.125", "EUR"), "0.125");
        assert_eq!(f("-5", "SEK"), "-5.00");
        assert_eq!(f("-0", "EUR"), "0.00");
        assert_eq!(f("1500", "JPY"), "1500");
        assert_eq!(f("0", "JPY"), "0");
        assert_eq!(f("0.5", "JPY"), "0.5");
        assert_eq!(f("-0.05", "EUR"), "-0.05");
        let max = Decimal::MAX.to_string();
        assert_eq!(f(&max, "EUR"), format!("{max}.00"));
        assert_eq!(f(&format!("-{max}"), "EUR"), format!("-{max}.00"));
        assert_eq!(
            f("0.0000000000000000000000000001", "EUR"),
            "0.0000000000000000000000000001"
        );
    }

    proptest::proptest! {
        /// The fast writer agrees with rust_decimal's own formatting, for every amount.
        #[test]
        fn plain_amounts_match_decimal_display(lo in proptest::prelude::any::<u64>(), hi in 0u32..u32::MAX, scale in 0u32..=28, negative in proptest::prelude::any::<bool>()) {
            let d = Decimal::from_parts(lo as u32, (lo >> 32) as u32, hi, negative, scale);
            // rust_decimal's text of the normalized amount, made up to two decimals.
            let mut n = d.normalize();
            if n.is_zero() {
                n.set_sign_positive(true);
            }
            let text = n.to_string();
            let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
            let expected = match decimals {
                0 => format!("{text}.00"),
                1 => format!("{text}0"),
                _ => text,
            };
            proptest::prop_assert_eq!(plain_amount(d, Currency::EUR), expected);
        }
    }

    #[test]
    fn amounts_get_separators_and_two_decimals() {
        let f = |s: &str| format_amount(Decimal::from_str(s).unwrap());
        assert_eq!(f("5200000"), "5,200,000.00");
        assert_eq!(f("9058287.36"), "9,058,287.36");
        assert_eq!(f("100"), "100.00");
        assert_eq!(f("0"), "0.00");
        assert_eq!(f("-1234.5"), "-1,234.50");
        assert_eq!(f("0.125"), "0.125");
        assert_eq!(f("123456"), "123,456.00");
    }

    #[test]
    fn french_typography_uses_a_narrow_no_break_space_and_a_decimal_comma() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        let eur: Currency = "EUR".parse().unwrap();
        let gbp: Currency = "GBP".parse().unwrap();
        assert_eq!(
            NumberFormat::Fr.amount(d("5200000")),
            "5\u{202F}200\u{202F}000,00"
        );
        assert_eq!(
            NumberFormat::Fr.money(d("5200000"), eur),
            "5\u{202F}200\u{202F}000,00\u{A0}€"
        );
        assert_eq!(
            NumberFormat::Fr.money(d("-7552800.5"), gbp),
            "-7\u{202F}552\u{202F}800,50\u{A0}GBP"
        );
        assert_eq!(NumberFormat::Fr.amount(d("0.125")), "0,125");
        assert_eq!(
            NumberFormat::En.money(d("5200000"), eur),
            "EUR 5,200,000.00"
        );
    }
}
