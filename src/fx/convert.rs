//! Lookup and conversion: the latest rate on or before a day, and an amount converted
//! through the euro, rounded once at the end.

use std::sync::{Arc, PoisonError};

use super::currency::Currency;
use super::ecb::parse_ecb_column;
use super::table::{Point, RateTable};
use super::{Conversion, FxError, RateSource, RateUsed, STALE_AFTER_DAYS};
use chrono::NaiveDate;
use rust_decimal::Decimal;

impl RateTable {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fx::test_support::*;
    use crate::fx::*;
    use std::path::Path;

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
}
