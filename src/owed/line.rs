//! What a case's report line needs of its debts: what each time-barred sum takes off the
//! exposure components, what `--assume-paid` adds to the payments, and the totals of
//! [`Owed`].

use super::lapse::{self, OrderLapse};
use super::{DebtError, DebtFigures, DebtOf, Options, Owed, debts};
use crate::accrue::Overflow;
use crate::case::{Case, Diagnostic};
use crate::exposure::CaseFigures;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A case's debts as of a day, with the lapsed forfeited sums of its orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOwed {
    /// Every fine and liquidation, fines first.
    pub debts: Vec<DebtFigures>,
    /// The forfeited sums of its orders that lapsed under Awb 5:35.
    pub lapsed: Vec<OrderLapse>,
    /// The totals; `None` when they do not fit in a decimal.
    pub owed: Option<Owed>,
}

/// Why a case's debts could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwedError {
    /// Interest could not be computed (a day without a rate, an overflow).
    Debt(DebtError),
    /// An order's forfeitures overflow.
    Overflow(Overflow),
}

impl OwedError {
    /// The located error.
    pub fn diagnostic(&self, case: &Case) -> Diagnostic {
        match self {
            OwedError::Debt(e) => e.diagnostic(case),
            OwedError::Overflow(o) => crate::exposure::overflow_diagnostic(case, o),
        }
    }
}

/// The debts of `case` as of `as_of` and their totals.
pub fn case_owed(
    case: &Case,
    figures: &CaseFigures,
    as_of: NaiveDate,
    options: &Options<'_>,
) -> Result<CaseOwed, OwedError> {
    let debts = debts(case, figures, as_of, options).map_err(OwedError::Debt)?;
    let lapsed = lapse::barred(case, figures, as_of).map_err(OwedError::Overflow)?;
    let owed = lapsed
        .iter()
        .try_fold(Decimal::ZERO, |sum, l| sum.checked_add(l.barred.amount))
        .and_then(|forfeited| super::owed(&debts, forfeited));
    Ok(CaseOwed {
        debts,
        lapsed,
        owed,
    })
}

impl CaseOwed {
    /// The part of fine `id` that is time-barred.
    pub fn fine_barred(&self, id: &str) -> Decimal {
        self.debts
            .iter()
            .find(|d| matches!(&d.of, DebtOf::Fine(f) if f == id))
            .map_or(Decimal::ZERO, DebtFigures::time_barred)
    }

    /// The part of liquidation `index` of order `order` that is time-barred.
    pub fn liquidation_barred(&self, order: &str, index: usize) -> Decimal {
        self.debts
            .iter()
            .find(|d| {
                matches!(&d.of, DebtOf::Liquidation { order: o, index: i } if o == order && *i == index)
            })
            .map_or(Decimal::ZERO, DebtFigures::time_barred)
    }

    /// The forfeited sums of order `order` no liquidation covers that lapsed.
    pub fn accruing_barred(&self, order: &str) -> Decimal {
        self.lapsed
            .iter()
            .filter(|l| l.order == order)
            .fold(Decimal::ZERO, |sum, l| sum.saturating_add(l.barred.amount))
    }

    /// What `--assume-paid` assumed paid, per fine or order id, with the day.
    pub fn assumed_payments(&self) -> impl Iterator<Item = (&str, Decimal)> {
        self.debts.iter().filter_map(|d| {
            let id = match &d.of {
                DebtOf::Fine(id) => id.as_str(),
                DebtOf::Liquidation { order, .. } => order.as_str(),
            };
            d.assumed_paid.map(|amount| (id, amount))
        })
    }
}

/// A sum that lapses soon: `check --warn-expiring` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiring {
    /// The fine, liquidation or order, in words.
    pub what: String,
    /// The sum that lapses.
    pub amount: Decimal,
    /// The first day of it that is time-barred.
    pub from: NaiveDate,
    /// The last such day (the same as `from` for a debt).
    pub to: NaiveDate,
    /// The rule, in words.
    pub rule: &'static str,
}

impl std::fmt::Display for Expiring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let when = if self.from == self.to {
            format!("on {}", self.from)
        } else {
            format!("from {} through {}", self.from, self.to)
        };
        write!(
            f,
            "{}: {} becomes time-barred {when} ({})",
            self.what,
            crate::report::format_amount(self.amount),
            self.rule
        )
    }
}

/// The sums of `case` not yet time-barred on `as_of` that will be within `days` days (by
/// `as_of + days`): unpaid debts, and forfeited sums of orders under Awb 5:35.
pub fn expiring(
    case: &Case,
    figures: &CaseFigures,
    as_of: NaiveDate,
    days: u32,
    options: &Options<'_>,
) -> Result<Vec<Expiring>, OwedError> {
    let mut out = Vec::new();
    let horizon = as_of.checked_add_days(chrono::Days::new(u64::from(days)));
    for d in debts(case, figures, as_of, options).map_err(OwedError::Debt)? {
        let Some(lapse) = d
            .lapse
            .filter(|lapse| *lapse > as_of && horizon.is_some_and(|h| *lapse <= h))
        else {
            continue;
        };
        if !matches!(
            d.collection,
            super::Collection::Payable
                | super::Collection::Suspended(_)
                | super::Collection::NotDue
        ) {
            continue;
        }
        let what = match &d.of {
            DebtOf::Fine(id) => format!("fine \"{id}\""),
            DebtOf::Liquidation { order, .. } => match super::liquidation(figures, &d.of) {
                Some(l) => format!("order \"{order}\", liquidation of {}", l.window),
                None => format!("order \"{order}\", a liquidation"),
            },
        };
        out.push(Expiring {
            what,
            amount: d.outcome.principal,
            from: lapse,
            to: lapse,
            rule: match d.limitation {
                crate::limitation::Rule::AdministrativeDebt => "Awb 4:104",
                _ => "its limitation period",
            },
        });
    }
    for l in lapse::lapsing(case, figures, as_of, days).map_err(OwedError::Overflow)? {
        for s in &l.barred.spans {
            out.push(Expiring {
                what: format!(
                    "order \"{}\", sums forfeited {} through {}",
                    l.order, s.first, s.last
                ),
                amount: s.amount,
                from: s.lapses_from,
                to: s.lapses_to,
                rule: "Awb 5:35, unless a collection order is made first",
            });
        }
    }
    Ok(out)
}
