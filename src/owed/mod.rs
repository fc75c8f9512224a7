//! What is owed as of a day: every fine and every liquidation as a debt, with its due date,
//! whether it can be collected, the late-payment interest it bears and when it lapses.
//!
//! A debt's amount is the amount in force (after reductions) and its status the one of
//! [`crate::events`]. Its **due date** is `due` in the file, else the rule of its interest
//! regime (`nl-statutory`: six weeks after the decision, Awb 4:87(1)), else none. As of a day
//! it is **payable** when it is not annulled, not suspended (a `suspended` event known by then
//! and no `resumed` after it) and due on or before the day; a debt without a due date is
//! payable from its decision, and bears no interest.
//!
//! Interest is [`crate::interest`]'s: from the day after the due date, not on suspended days,
//! payments settling interest first. A fine's payments are the `[[payment]]`s that name it; an
//! order's payments pay its liquidations in window order, each up to its amount.
//!
//! **Limitation** ([`crate::limitation`]): the fine's or order's `limitation`, else the
//! jurisdiction's rule (an `NL` fine is an administrative money debt, Awb 4:104; an `NL`
//! order a *last onder dwangsom*, Awb 5:35), else none. A fine lapses counted from its due
//! date (for Awb 4:104 without a due date, from the end of the six-week payment term of Awb
//! 4:87; for `N years`, from the decision). A liquidation is an administrative money debt
//! whatever its order's rule for forfeited sums (Awb 4:104 in place of Awb 5:35). The
//! forfeited sums of an order that no liquidation covers lapse one by one under Awb 5:35
//! ([`lapse`]). A time-barred debt counts zero: its unpaid principal leaves owed and exposure
//! and is reported as time-barred; of its interest only what was paid counts.

mod build;
pub mod lapse;
mod line;

pub use build::{Options, debts};
pub use line::{CaseOwed, Expiring, OwedError, case_owed, expiring};

use crate::case::{Case, Diagnostic, Liquidation, Locus, locate};
use crate::events::Status;
use crate::exposure::CaseFigures;
use crate::interest::{InterestError, Outcome, Rates, Regime};
use crate::limitation::Rule;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The payment term of an administrative money debt: six weeks (Awb 4:87(1)).
const PAYMENT_TERM_DAYS: u64 = 42;

/// Which sum a debt is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DebtOf {
    /// A fine, by id.
    Fine(String),
    /// A liquidation of an order, by the order's id and the liquidation's index in it.
    Liquidation {
        /// The order's id.
        order: String,
        /// The liquidation's index among the order's (in window order).
        index: usize,
    },
}

/// How the due date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueRule {
    /// `due` in the file.
    File,
    /// Six weeks after the decision (Awb 4:87(1)), the rule of `nl-statutory`.
    SixWeeks,
    /// No due date.
    None,
}

/// Where a debt stands for collection as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Collection {
    /// Due, not suspended, not paid: it can be collected.
    Payable,
    /// Collection is suspended since the day given.
    Suspended(NaiveDate),
    /// Not yet due.
    NotDue,
    /// Time-barred since the day given.
    TimeBarred(NaiveDate),
    /// Paid in full (interest included).
    Paid,
    /// An amount of zero (a liquidation that waived its window): nothing is owed.
    Nothing,
    /// Annulled: nothing is owed.
    Annulled,
}

impl std::fmt::Display for Collection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Collection::Payable => f.write_str("payable"),
            Collection::Suspended(since) => write!(f, "suspended since {since}"),
            Collection::NotDue => f.write_str("not yet due"),
            Collection::TimeBarred(since) => write!(f, "time-barred since {since}"),
            Collection::Paid => f.write_str("paid"),
            Collection::Nothing => f.write_str("nothing owed"),
            Collection::Annulled => f.write_str("annulled"),
        }
    }
}

/// One debt as of a day, in the case's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebtFigures {
    /// Which sum it is.
    pub of: DebtOf,
    /// Day of the decision.
    pub decided: NaiveDate,
    /// The amount in force (after reductions).
    pub amount: Decimal,
    /// Its standing.
    pub status: Status,
    /// The last day to pay, when known.
    pub due: Option<NaiveDate>,
    /// How the due date was found.
    pub due_rule: DueRule,
    /// Where it stands for collection.
    pub collection: Collection,
    /// Paid towards it on or before the day, as the file says.
    pub paid: Decimal,
    /// What `--assume-paid` assumed paid on its day: the debt's unpaid principal and interest
    /// then.
    pub assumed_paid: Option<Decimal>,
    /// Its interest regime, when it bears interest.
    pub regime: Option<Regime>,
    /// Principal and interest unpaid, interest accrued, payments applied (and the segments,
    /// for `explain`).
    pub outcome: Outcome,
    /// Its limitation rule.
    pub limitation: Rule,
    /// The first day it is (or will be) time-barred, when it can be.
    pub lapse: Option<NaiveDate>,
}

impl DebtFigures {
    /// The sum that no longer counts because it is time-barred: its unpaid principal.
    pub fn time_barred(&self) -> Decimal {
        match self.collection {
            Collection::TimeBarred(_) => self.outcome.principal,
            _ => Decimal::ZERO,
        }
    }

    /// The interest that counts: all accrued, or for a time-barred debt what was paid of it.
    pub fn interest(&self) -> Decimal {
        match self.collection {
            Collection::Annulled => Decimal::ZERO,
            Collection::TimeBarred(_) => self
                .outcome
                .settlements
                .iter()
                .fold(Decimal::ZERO, |sum, s| sum.saturating_add(s.interest)),
            _ => self.outcome.accrued,
        }
    }

    /// Principal and interest unpaid (`None` when the sum does not fit in a decimal).
    pub fn unpaid(&self) -> Option<Decimal> {
        self.outcome.principal.checked_add(self.outcome.interest)
    }
}

/// What is owed in a case, in its own currency, beyond its exposure components.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Owed {
    /// Unpaid principal and interest of the payable debts.
    pub payable: Decimal,
    /// Unpaid principal and interest of the debts whose collection is suspended.
    pub suspended: Decimal,
    /// Late-payment interest accrued on the debts that count (paid or not).
    pub interest: Decimal,
    /// Sums time-barred: unpaid principal of lapsed debts and lapsed forfeited sums.
    pub time_barred: Decimal,
}

impl Owed {
    /// Whether every figure is zero.
    pub fn is_zero(&self) -> bool {
        *self == Owed::default()
    }
}

/// How a case's debts are valued when not by the shipped tables alone: the interest tables
/// with `--rates` additions, and the `--assume-paid` day. Set on loaded cases by the command
/// line, as the what-if overrides are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owing {
    /// The interest rate tables.
    pub rates: Rates,
    /// What if every debt payable on this day were paid in full on it.
    pub assume_paid: Option<NaiveDate>,
}

/// Why what is owed could not be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebtError {
    /// The debt.
    pub of: DebtOf,
    /// Whether the fine or order names its own regime (else the case's applies).
    pub own_regime: bool,
    /// What went wrong.
    pub error: InterestError,
}

impl DebtError {
    /// The located error: at the `interest` key that chose the regime.
    pub fn diagnostic(&self, case: &Case) -> Diagnostic {
        let (what, locus) = match &self.of {
            DebtOf::Fine(id) => (
                format!("fine \"{id}\""),
                Locus::Fine {
                    id,
                    key: "interest",
                },
            ),
            DebtOf::Liquidation { order, .. } => (
                format!("the liquidated penalties of order \"{order}\""),
                Locus::Order {
                    id: order,
                    key: "interest",
                },
            ),
        };
        let locus = if self.own_regime {
            locus
        } else {
            Locus::Interest
        };
        locate(
            case,
            locus,
            format!("late-payment interest on {what}: {}", self.error),
        )
    }
}

/// Whether every debt of `case` can only be payable, paid or annulled as of `as_of`: no interest
/// regime, no `suspended` event, no limitation rule (its own or its jurisdiction's), no due
/// date after `as_of`, no `--assume-paid`, and nothing paid beyond what counts (a fine paid and
/// then annulled). Then all that is outstanding is payable, with no interest, and the debts
/// need not be made one by one. `figures` are the case's as of `as_of`.
pub fn is_plain(case: &Case, figures: &CaseFigures, as_of: NaiveDate) -> bool {
    let overpaid = figures.fines.iter().any(|f| f.paid > f.counted())
        || figures.orders.iter().any(|o| {
            o.liquidated_enforceable
                .checked_add(o.liquidated_contested)
                .is_some_and(|counted| o.paid > counted)
        });
    if overpaid {
        return false;
    }
    let suspends = |events: &[crate::events::Event]| {
        events
            .iter()
            .any(|e| e.kind == crate::case::EventKind::Suspended)
    };
    case.owing.as_ref().is_none_or(|o| o.assume_paid.is_none())
        && case.interest.is_none()
        && case.fines.iter().all(|f| {
            f.interest().is_none()
                && fine_rule(case, f.limitation()) == Rule::None
                && f.due.is_none_or(|due| due <= as_of)
                && !suspends(&f.events)
        })
        && case.orders.iter().all(|o| {
            o.interest().is_none()
                && order_rule(case, o.limitation()) == Rule::None
                && o.liquidations
                    .iter()
                    .all(|l| l.due.is_none_or(|due| due <= as_of) && !suspends(&l.events))
        })
}

/// The limitation rule of a fine: its own, else its jurisdiction's.
pub fn fine_rule(case: &Case, written: Option<Rule>) -> Rule {
    written.unwrap_or(if case.jurisdiction == "NL" {
        Rule::AdministrativeDebt
    } else {
        Rule::None
    })
}

/// The limitation rule of an order's forfeited sums: its own, else its jurisdiction's.
pub fn order_rule(case: &Case, written: Option<Rule>) -> Rule {
    written.unwrap_or(if case.jurisdiction == "NL" {
        Rule::Dwangsom
    } else {
        Rule::None
    })
}

/// The liquidation a debt of an order is, from the order's figures.
pub fn liquidation<'a>(figures: &'a CaseFigures, of: &DebtOf) -> Option<&'a Liquidation> {
    let DebtOf::Liquidation { order, index } = of else {
        return None;
    };
    let o = figures.orders.iter().find(|o| &o.id == order)?;
    Some(&o.accrual.liquidations.get(*index)?.liquidation)
}

/// The totals of `debts` and of the lapsed forfeited sums `forfeited_barred`; `None` when
/// one does not fit in a decimal.
pub fn owed(debts: &[DebtFigures], forfeited_barred: Decimal) -> Option<Owed> {
    let mut out = Owed {
        time_barred: forfeited_barred,
        ..Owed::default()
    };
    for d in debts {
        out.interest = out.interest.checked_add(d.interest())?;
        out.time_barred = out.time_barred.checked_add(d.time_barred())?;
        match d.collection {
            Collection::Payable => out.payable = out.payable.checked_add(d.unpaid()?)?,
            Collection::Suspended(_) => out.suspended = out.suspended.checked_add(d.unpaid()?)?,
            _ => {}
        }
    }
    Some(out)
}
