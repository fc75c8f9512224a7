//! What a fine or an order says about its debts: its own late-payment interest regime and
//! limitation rule, and an order's collection orders.

use super::{Fine, Order};
use crate::interest::Regime;
use crate::limitation::Rule;
use chrono::NaiveDate;

/// A fine's or an order's own late-payment interest regime and limitation rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DebtTerms {
    /// The interest regime, when it differs from the case's.
    pub interest: Option<Regime>,
    /// The limitation rule, when the file gives one (else the jurisdiction's).
    pub limitation: Option<Rule>,
}

impl Fine {
    /// Its late-payment interest regime, when it differs from the case's.
    pub fn interest(&self) -> Option<Regime> {
        self.terms.as_deref().and_then(|t| t.interest)
    }

    /// Its limitation rule, when the file gives one (else the jurisdiction's).
    pub fn limitation(&self) -> Option<Rule> {
        self.terms.as_deref().and_then(|t| t.limitation)
    }
}

impl Order {
    /// The interest regime of its liquidations, when it differs from the case's.
    pub fn interest(&self) -> Option<Regime> {
        self.amendments.as_deref().and_then(|a| a.terms.interest)
    }

    /// Its limitation rule, when the file gives one (else the jurisdiction's).
    pub fn limitation(&self) -> Option<Rule> {
        self.amendments.as_deref().and_then(|a| a.terms.limitation)
    }

    /// Dates of collection orders for the forfeited sums, in date order.
    pub fn collections(&self) -> &[NaiveDate] {
        self.amendments
            .as_deref()
            .map_or(&[], |a| a.collections.as_slice())
    }
}
