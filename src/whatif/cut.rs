//! The liquidations an assumed compliance day cuts: a window running past the day ends the
//! day before, its amount scaled to the counted days left; one starting on or after it counts
//! zero.

use super::AssumeCompliance;
use crate::accrue;
use crate::case::{Liquidation, Order, Period, PeriodEnd};
use crate::fx::Currency;
use crate::report::format_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A liquidation that an assumed compliance day cut short or dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The case id.
    pub case: String,
    /// The order id.
    pub order: String,
    /// The override that made the cut.
    pub by: AssumeCompliance,
    /// The liquidation's reference, if any.
    pub reference: Option<String>,
    /// The day it was decided.
    pub decided: NaiveDate,
    /// Its window as written.
    pub window: Period,
    /// Its window under the hypothesis; `None` when it lies wholly on or after the assumed
    /// compliance day, and the liquidation counts zero.
    pub kept: Option<Period>,
    /// Days of delay counted in the window as written, and in the part kept.
    pub days: i64,
    /// Days of delay counted in the part kept.
    pub days_left: i64,
    /// The amount ordered, when the file gives one (a computed amount needs no scaling:
    /// the part kept computes its own).
    pub ordered: Option<Decimal>,
    /// `ordered x days_left / days`, rounded to the currency's minor unit, half away from
    /// zero; zero when dropped.
    pub scaled: Option<Decimal>,
    /// The minor-unit decimals the scaled amount was rounded to.
    pub decimals: u32,
}

impl Cut {
    /// Whether this cut applies to the liquidation `l` of order `order` of case `case`.
    pub fn is_of(&self, case: &str, order: &str, l: &Liquidation) -> bool {
        self.case == case
            && self.order == order
            && self.decided == l.decided
            && self.window.from == l.window.from
            && self.reference == l.reference
    }

    /// The liquidation's name: its reference, or its decision day.
    pub fn name(&self) -> String {
        match &self.reference {
            Some(r) => format!("liquidation {r} (decided {})", self.decided),
            None => format!("the liquidation decided {}", self.decided),
        }
    }

    /// What the cut did, in words (without the override and the order).
    pub fn words(&self) -> String {
        let compliance = self.by.date;
        match self.kept {
            None => {
                let instead = self
                    .ordered
                    .filter(|o| !o.is_zero())
                    .map(|o| format!(" instead of {}", format_amount(o)))
                    .unwrap_or_default();
                format!(
                    "dropped: its window {} lies wholly on or after the assumed compliance day {compliance}, so it counts 0.00{instead}",
                    self.window
                )
            }
            Some(kept) => {
                let amount = match (self.ordered, self.scaled) {
                    (Some(o), Some(s)) => format!(
                        "{} x {}/{} = {} (rounded to {} decimals, half away from zero)",
                        format_amount(o),
                        self.days_left,
                        self.days,
                        format_amount(s),
                        self.decimals
                    ),
                    _ => format!(
                        "no amount was ordered, so the accrual of those {} days counts",
                        self.days_left
                    ),
                };
                format!(
                    "cut: its window {} becomes {}, {} of its {} days (the others are on or after the assumed compliance day {compliance}): {amount}",
                    self.window, kept, self.days_left, self.days
                )
            }
        }
    }
}

/// Cuts the liquidations of `order` (not yet changed) whose windows run past `date`, the
/// assumed first day in compliance, and returns what was cut (case, order and override left
/// to fill in).
pub(super) fn cut_liquidations(order: &mut Order, date: NaiveDate, currency: Currency) -> Vec<Cut> {
    let mut cuts = Vec::new();
    // Days counted on the order as finally known (its latest deadline), before the
    // assumed compliance is set.
    let known = accrue::known(order, NaiveDate::MAX).into_owned();
    let days_before = |t: NaiveDate| accrue::days_before(&known, t);
    let mut changed: Vec<(usize, Liquidation)> = Vec::new();
    for (i, l) in order.liquidations.iter().enumerate() {
        if l.window.until <= date {
            continue;
        }
        let days = days_before(l.window.until) - days_before(l.window.from);
        let kept = (l.window.from < date).then_some(Period {
            from: l.window.from,
            until: date,
            written: PeriodEnd::Through,
        });
        let days_left = kept.map_or(0, |k| days_before(k.until) - days_before(k.from));
        let scale = |amount: Decimal| -> Decimal {
            if kept.is_none() {
                return Decimal::ZERO;
            }
            if days == 0 || days_left == days {
                return amount;
            }
            let (left, all) = (Decimal::from(days_left), Decimal::from(days));
            let exact = amount
                .checked_mul(left)
                .and_then(|x| x.checked_div(all))
                .or_else(|| amount.checked_div(all).and_then(|x| x.checked_mul(left)))
                .unwrap_or(amount);
            currency.round(exact)
        };
        let mut new = l.clone();
        // Without an ordered amount the part kept computes its own; a dropped liquidation
        // counts zero either way.
        new.amount = match (l.amount, kept) {
            (Some(a), _) => Some(scale(a)),
            (None, None) => Some(Decimal::ZERO),
            (None, Some(_)) => None,
        };
        for e in &mut new.events {
            e.amount = e.amount.map(scale);
        }
        if let Some(k) = kept {
            new.window = k;
        }
        cuts.push(Cut {
            case: String::new(),
            order: String::new(),
            by: AssumeCompliance { target: None, date },
            reference: l.reference.clone(),
            decided: l.decided,
            window: l.window,
            kept,
            days,
            days_left,
            ordered: l.amount,
            scaled: new.amount.filter(|_| l.amount.is_some() || kept.is_none()),
            decimals: currency.minor_units(),
        });
        changed.push((i, new));
    }
    for (i, new) in changed {
        if let Some(slot) = order.liquidations.get_mut(i) {
            *slot = new;
        }
    }
    cuts
}
