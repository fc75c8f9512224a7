//! The keys of what is owed: `interest` (a late-payment interest regime), `limitation` (a
//! limitation rule), `due` on liquidations and `[[order.collection]]`.

use super::Validator;
use crate::case::parse::suggest;
use crate::case::raw::{Date, RawCollection};
use crate::interest::Regime;
use crate::limitation::Rule;
use chrono::NaiveDate;
use toml::Spanned;

/// The regimes as written in a case file, for "did you mean".
const REGIMES: [&str; 7] = [
    "fr-legal",
    "fr-legal-individual",
    "fr-legal+5",
    "fr-legal-individual+5",
    "nl-statutory",
    "eu-mro+3.5",
    "fixed:",
];

impl Validator<'_> {
    /// An `interest = "REGIME"` value.
    pub(super) fn interest_regime(&mut self, value: &Option<Spanned<String>>) -> Option<Regime> {
        let value = value.as_ref()?;
        let text = value.get_ref();
        match text.parse::<Regime>() {
            Ok(regime) => Some(regime),
            Err(message) => {
                let message = if text.starts_with("fixed:") {
                    message
                } else {
                    match suggest(text, REGIMES) {
                        Some("fixed:") => format!(
                            "unknown interest regime \"{text}\" (did you mean \"fixed:R\", with R a rate in percent such as fixed:4.5?)"
                        ),
                        Some(close) => {
                            format!(
                                "unknown interest regime \"{text}\" (did you mean \"{close}\"?)"
                            )
                        }
                        None => message,
                    }
                };
                self.error(value.span(), message);
                None
            }
        }
    }

    /// A `limitation = "none" | "N years"` value (the statutory rules `awb-5:35` and
    /// `awb-4:104` may be named too).
    pub(super) fn limitation_rule(&mut self, value: &Option<Spanned<String>>) -> Option<Rule> {
        let value = value.as_ref()?;
        match value.get_ref().parse::<Rule>() {
            Ok(rule) => Some(rule),
            Err(message) => {
                self.error(value.span(), message);
                None
            }
        }
    }

    /// A `due` date, on or after the decision of `decided`.
    pub(super) fn due_date(
        &mut self,
        due: &Option<Spanned<Date>>,
        decided: NaiveDate,
    ) -> Option<NaiveDate> {
        let spanned = due.as_ref()?;
        let date = self.date(spanned, "due");
        if date < decided {
            self.error(
                spanned.span(),
                format!("due {date} is before the decision (decided = {decided})"),
            );
        }
        Some(date)
    }

    /// The dates of an order's `[[order.collection]]` tables, in date order; each on or after
    /// the order's decision, when known.
    pub(super) fn collections(
        &mut self,
        raw: &[Spanned<RawCollection>],
        decided: Option<NaiveDate>,
    ) -> Vec<NaiveDate> {
        let mut dates = Vec::with_capacity(raw.len());
        for c in raw {
            let c = c.get_ref();
            let date = self.date(&c.date, "date");
            if let Some(decided) = decided
                && date < decided
            {
                self.error(
                    c.date.span(),
                    format!(
                        "collection order dated {date} is before the order was decided (decided = {decided})"
                    ),
                );
            }
            dates.push(date);
        }
        dates.sort_unstable();
        dates
    }
}
