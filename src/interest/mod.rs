//! Late-payment interest on a debt, in closed form over rate segments and payments.
//!
//! A [`Debt`] has a principal, a due date, periods in which collection is suspended and
//! payments. Interest runs on the unpaid part from the day after the due date until the day of
//! payment, both counted (a debt due 31 January and paid 10 February bears 10 days), and not on
//! the days of a suspension. A payment settles the interest accrued first, then the principal
//! (French Code civil art. 1343-1; Dutch BW 6:44).
//!
//! The computation walks the payments and, for `nl-statutory`, the anniversaries of default,
//! never the days: between two of these events the interest is the principal times the sum of
//! the daily rates over the days, and that sum comes from the prefix sums of the rate table in
//! two binary searches ([`table::StepTable::rate_days`]). Under the simple-interest regimes
//! thirty years cost what one year costs; `nl-statutory` adds one step per anniversary.
//!
//! ```
//! use penalty::interest::{Debt, Rates, interest};
//! use rust_decimal::Decimal;
//!
//! let rates = Rates::builtin()?;
//! let debt = Debt::new(Decimal::from(100_000), "2023-01-31".parse()?);
//! let out = interest(&debt, "fr-legal".parse()?, "2023-12-31".parse()?, &rates)?;
//! // 150 days at 2.06 % and 184 days at 4.22 %, over 365.
//! assert_eq!(out.interest.to_string(), "2973.92");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Regimes, day count and rounding
//!
//! | Regime | Rate | Source |
//! |---|---|---|
//! | `fr-legal` | *taux de l'intérêt légal*, "tous les autres cas", per semester | C. mon. fin. L313-2, D313-1-A |
//! | `fr-legal-individual` | the same, creditor a natural person not acting professionally | L313-2 |
//! | `fr-legal+5`, `fr-legal-individual+5` | plus 5 points from the day after two months from the day the decision became enforceable | L313-3 |
//! | `nl-statutory` | ordinary *wettelijke rente*, compounded yearly on each anniversary of default | BW 6:119(1)(2), Awb 4:98 |
//! | `eu-mro+3.5` | ECB MRO rate on the first calendar day of the month the debt fell due, plus 3.5 points, fixed for the life of the debt | Del. Reg. 1268/2012 art. 83(2)(b) |
//! | `fixed:R` | R percent per year | the decision or the file |
//!
//! Every regime counts actual days over a year of 365 days, leap years included: interest =
//! days x principal x rate / 36,500. For the French legal rate this is the rule of
//! service-public.fr (fiche F783, "diviser le résultat obtenu par 365 x 100") and, per a
//! Banque de France answer quoted there, 365 even in a leap year. No text fixes the divisor for
//! the Dutch statutory rate or for art. 83 of Reg. 1268/2012; 365 is this program's choice for
//! them, and for `fixed:R`.
//!
//! Interest is computed exactly and rounded to the cent (the currency's minor unit), half away
//! from zero, once per period: when a payment settles it, when an anniversary capitalises it
//! (`nl-statutory`) and at the as-of date.
//!
//! For `nl-statutory`, interest of a year still unpaid at the anniversary of default (the due
//! date plus whole years) is added to the amount that bears interest (BW 6:119(2)). Payments
//! settle the interest of the running year first, then the capitalised interest, then the
//! principal.

mod account;
mod csv;
pub mod table;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

pub use table::{Piece, Rates, RatesError, Step, StepTable, TableId};

/// The days in the year of every regime's day count.
pub const BASIS_DAYS: u32 = 365;

/// Percent per year times days, divided by this, times the principal, is the interest.
const DIVISOR: Decimal = Decimal::from_parts(36_500, 0, 0, false, 0);

/// The points L313-3 adds to the French legal rate.
const MAJORATION: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

/// The points art. 83(2)(b) of Reg. 1268/2012 adds to the MRO rate.
const EU_MARGIN: Decimal = Decimal::from_parts(35, 0, 0, false, 1);

/// A late-payment interest regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    /// The French legal rate.
    FrLegal {
        /// The rate of a creditor who is a natural person not acting professionally, instead of
        /// "tous les autres cas".
        individual: bool,
        /// Plus 5 points from two months after the decision became enforceable (L313-3).
        majorated: bool,
    },
    /// The Dutch ordinary statutory rate, compounded yearly.
    NlStatutory,
    /// The ECB MRO rate of the first day of the due month plus 3.5 points, fixed.
    EuMro35,
    /// A fixed rate in percent per year.
    Fixed(Decimal),
}

impl FromStr for Regime {
    type Err = String;

    fn from_str(text: &str) -> Result<Regime, String> {
        let expected = || {
            format!(
                "unknown interest regime {text:?} (expected fr-legal, fr-legal-individual, \
                 fr-legal+5, fr-legal-individual+5, nl-statutory, eu-mro+3.5 or fixed:R with R \
                 a rate in percent such as fixed:4.5)"
            )
        };
        match text {
            "fr-legal" => Ok(Regime::FrLegal {
                individual: false,
                majorated: false,
            }),
            "fr-legal-individual" => Ok(Regime::FrLegal {
                individual: true,
                majorated: false,
            }),
            "fr-legal+5" => Ok(Regime::FrLegal {
                individual: false,
                majorated: true,
            }),
            "fr-legal-individual+5" => Ok(Regime::FrLegal {
                individual: true,
                majorated: true,
            }),
            "nl-statutory" => Ok(Regime::NlStatutory),
            "eu-mro+3.5" => Ok(Regime::EuMro35),
            _ => {
                let Some(rate) = text.strip_prefix("fixed:") else {
                    return Err(expected());
                };
                let value: Decimal = rate.trim().parse().map_err(|_| {
                    format!(
                        "expected a rate in percent after \"fixed:\" such as fixed:4.5, found {rate:?}"
                    )
                })?;
                if value.is_sign_negative() && !value.is_zero() {
                    return Err(format!(
                        "an interest rate may not be negative, found {text:?}"
                    ));
                }
                if value > table::MAX_RATE {
                    return Err(format!(
                        "an interest rate above {} percent is not accepted, found {text:?}",
                        table::MAX_RATE
                    ));
                }
                Ok(Regime::Fixed(value.normalize()))
            }
        }
    }
}

impl fmt::Display for Regime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Regime::FrLegal {
                individual,
                majorated,
            } => write!(
                f,
                "fr-legal{}{}",
                if *individual { "-individual" } else { "" },
                if *majorated { "+5" } else { "" }
            ),
            Regime::NlStatutory => f.write_str("nl-statutory"),
            Regime::EuMro35 => f.write_str("eu-mro+3.5"),
            Regime::Fixed(rate) => write!(f, "fixed:{rate}"),
        }
    }
}

/// Days `from..=to` in which collection is suspended and no interest runs; `to` is `None`
/// while the suspension lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspension {
    /// First day suspended.
    pub from: NaiveDate,
    /// Last day suspended, `None` when not yet resumed.
    pub to: Option<NaiveDate>,
}

/// A payment towards a debt, at the end of its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    /// The day paid.
    pub date: NaiveDate,
    /// The amount, positive.
    pub amount: Decimal,
}

/// A money debt that bears late-payment interest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debt {
    /// The amount due.
    pub principal: Decimal,
    /// The last day to pay; interest runs from the next day.
    pub due: NaiveDate,
    /// The day the decision became enforceable, for the `+5` regimes.
    pub enforceable: Option<NaiveDate>,
    /// Periods in which collection is suspended.
    pub suspensions: Vec<Suspension>,
    /// Payments, in any order.
    pub payments: Vec<Payment>,
    /// Decimal places amounts are rounded to (2 for EUR).
    pub minor_units: u32,
}

impl Debt {
    /// A debt of `principal` due on `due`, in a currency with cents, without suspensions or
    /// payments.
    pub fn new(principal: Decimal, due: NaiveDate) -> Debt {
        Debt {
            principal,
            due,
            enforceable: None,
            suspensions: Vec::new(),
            payments: Vec::new(),
            minor_units: 2,
        }
    }

    /// Whether collection is suspended on `day`.
    pub fn suspended_on(&self, day: NaiveDate) -> bool {
        self.suspensions
            .iter()
            .any(|s| s.from <= day && s.to.is_none_or(|end| day <= end))
    }

    /// Whether the debt can be collected as of `as_of`: due on or before it and not suspended
    /// on it (whether the decision is annulled is for the caller to say).
    pub fn is_payable(&self, as_of: NaiveDate) -> bool {
        self.due <= as_of && !self.suspended_on(as_of)
    }
}

/// Days at one rate on one principal: interest = days x principal x rate / 36,500.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Days, both ends counted.
    pub days: i64,
    /// The amount bearing interest.
    pub principal: Decimal,
    /// The rate in percent per year.
    pub rate: Decimal,
    /// days x principal x rate / 36,500, not rounded.
    pub interest: Decimal,
}

impl fmt::Display for Segment {
    /// `150 days x 100000 x 2.06 % / 365 = 846.58`: the interest rounded to the cent for
    /// reading; the debt's total is rounded once from the exact sum.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} day{} x {} x {} % / {BASIS_DAYS} = {}",
            self.days,
            if self.days == 1 { "" } else { "s" },
            self.principal.normalize(),
            self.rate.normalize(),
            self.interest
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        )
    }
}

/// How a payment was applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settlement {
    /// The day paid.
    pub date: NaiveDate,
    /// The amount paid.
    pub amount: Decimal,
    /// The part that settled interest.
    pub interest: Decimal,
    /// The part that settled principal.
    pub principal: Decimal,
    /// The part beyond everything owed.
    pub excess: Decimal,
}

/// A debt's position as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Principal still unpaid.
    pub principal: Decimal,
    /// Interest still unpaid, capitalised interest included.
    pub interest: Decimal,
    /// All interest accrued up to the day, paid or not.
    pub accrued: Decimal,
    /// How each payment up to the day was applied.
    pub settlements: Vec<Settlement>,
    /// Interest added to the amount bearing interest on each anniversary (`nl-statutory`).
    pub capitalised: Vec<(NaiveDate, Decimal)>,
    /// The segments of the computation; filled by [`explain`] only.
    pub segments: Vec<Segment>,
}

impl Outcome {
    /// Principal plus interest still unpaid.
    pub fn total(&self) -> Decimal {
        self.principal + self.interest
    }
}

/// Why interest could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InterestError {
    /// A day without a rate in the table the regime needs.
    #[error(transparent)]
    Rates(#[from] RatesError),
    /// A `+5` regime on a debt without the day its decision became enforceable.
    #[error("interest regime {regime} needs the day the decision became enforceable")]
    MissingEnforceable {
        /// The regime.
        regime: Regime,
    },
    /// A payment of zero or less.
    #[error("a payment must be positive, found {amount} on {date}")]
    BadPayment {
        /// The day.
        date: NaiveDate,
        /// The amount.
        amount: Decimal,
    },
    /// A day past the calendar's end, or an amount too large for exact decimals.
    #[error("interest overflows: the dates or amounts are too large")]
    Overflow,
}

/// The interest of `debt` under `regime` as of the end of `as_of`, without segments.
pub fn interest(
    debt: &Debt,
    regime: Regime,
    as_of: NaiveDate,
    rates: &Rates,
) -> Result<Outcome, InterestError> {
    account::compute(debt, regime, as_of, rates, false)
}

/// The same as [`interest`], with the segments of the computation for `explain`.
pub fn explain(
    debt: &Debt,
    regime: Regime,
    as_of: NaiveDate,
    rates: &Rates,
) -> Result<Outcome, InterestError> {
    account::compute(debt, regime, as_of, rates, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn regimes_parse_and_print_back() {
        for text in [
            "fr-legal",
            "fr-legal-individual",
            "fr-legal+5",
            "fr-legal-individual+5",
            "nl-statutory",
            "eu-mro+3.5",
            "fixed:4.5",
            "fixed:8",
        ] {
            assert_eq!(text.parse::<Regime>().unwrap().to_string(), text);
        }
        assert_eq!("fixed:4.50".parse(), Ok(Regime::Fixed(dec!(4.5))));
        let error = "fr-legale".parse::<Regime>().unwrap_err();
        assert!(error.starts_with("unknown interest regime \"fr-legale\" (expected fr-legal,"));
        assert_eq!(
            "fixed:4,5".parse::<Regime>(),
            Err(
                "expected a rate in percent after \"fixed:\" such as fixed:4.5, found \"4,5\""
                    .into()
            )
        );
        assert_eq!(
            "fixed:-1".parse::<Regime>(),
            Err("an interest rate may not be negative, found \"fixed:-1\"".into())
        );
    }

    #[test]
    fn nothing_accrues_on_or_before_the_due_date() {
        let rates = Rates::builtin().unwrap();
        let debt = Debt::new(dec!(1000), d("2023-01-31"));
        let out = interest(&debt, Regime::Fixed(dec!(10)), d("2023-01-31"), &rates).unwrap();
        assert_eq!((out.principal, out.interest), (dec!(1000), dec!(0)));
        // A regime whose table does not reach the due date is not consulted either.
        let out = interest(&debt, Regime::EuMro35, d("2023-01-01"), &rates).unwrap();
        assert_eq!(out.interest, dec!(0));
    }

    #[test]
    fn a_payment_before_the_due_date_reduces_the_principal_only() {
        let rates = Rates::builtin().unwrap();
        let mut debt = Debt::new(dec!(1000), d("2023-01-31"));
        debt.payments.push(Payment {
            date: d("2023-01-10"),
            amount: dec!(400),
        });
        // 600 x 10 % x 365 / 365 = 60.00.
        let out = interest(&debt, Regime::Fixed(dec!(10)), d("2024-01-31"), &rates).unwrap();
        assert_eq!((out.principal, out.interest), (dec!(600), dec!(60.00)));
    }

    #[test]
    fn overpayment_is_reported_as_excess() {
        let rates = Rates::builtin().unwrap();
        let mut debt = Debt::new(dec!(1000), d("2023-01-31"));
        debt.payments.push(Payment {
            date: d("2023-03-02"),
            amount: dec!(2000),
        });
        // 30 days x 1,000 x 36.5 % / 36,500 = 30.00 interest, then 1,000 principal, 970 over.
        let out = interest(&debt, Regime::Fixed(dec!(36.5)), d("2023-12-31"), &rates).unwrap();
        assert_eq!(
            out.settlements,
            vec![Settlement {
                date: d("2023-03-02"),
                amount: dec!(2000),
                interest: dec!(30.00),
                principal: dec!(1000),
                excess: dec!(970.00),
            }]
        );
        assert_eq!(out.total(), dec!(0));
        assert_eq!(out.accrued, dec!(30.00));
    }

    #[test]
    fn amounts_too_large_for_decimals_are_errors_not_panics() {
        let rates = Rates::builtin().unwrap();
        let mut debt = Debt::new(Decimal::MAX, d("2023-01-31"));
        for regime in ["fr-legal", "nl-statutory", "fixed:1000"] {
            assert_eq!(
                explain(&debt, regime.parse().unwrap(), d("2024-12-31"), &rates),
                Err(InterestError::Overflow)
            );
        }
        debt.payments.push(Payment {
            date: d("2023-06-30"),
            amount: Decimal::MAX,
        });
        let out = interest(&debt, Regime::Fixed(dec!(0)), d("2024-12-31"), &rates).unwrap();
        assert_eq!(out.total(), dec!(0));
    }

    #[test]
    fn bad_payments_and_missing_enforceable_dates_are_errors() {
        let rates = Rates::builtin().unwrap();
        let mut debt = Debt::new(dec!(1000), d("2023-01-31"));
        assert_eq!(
            interest(
                &debt,
                "fr-legal+5".parse().unwrap(),
                d("2023-12-31"),
                &rates
            )
            .unwrap_err()
            .to_string(),
            "interest regime fr-legal+5 needs the day the decision became enforceable"
        );
        debt.payments.push(Payment {
            date: d("2023-03-02"),
            amount: dec!(0),
        });
        assert!(matches!(
            interest(&debt, Regime::Fixed(dec!(1)), d("2023-12-31"), &rates),
            Err(InterestError::BadPayment { .. })
        ));
    }
}
