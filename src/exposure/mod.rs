//! From cases to figures: each fine's status, each order's accrual, payments, and the
//! per-case, per-company, per-jurisdiction and grand totals in the report currency.
//!
//! Components (fines enforceable and contested, liquidated penalties enforceable and
//! contested, accruing, paid) are converted and rounded one by one; exposure, owed and outstanding are sums of the rounded components,
//! and every total is a sum of case lines, so every table adds up.
//!
//! Submodules: `totals` (the components and how they add up), `line` (one case's line in the
//! report currency) and `report` (lines sorted and summed per company, jurisdiction and overall).

use crate::accrue::{self, Accrual, Overflow, exact_add};
use crate::case::{Case, EventKind, Per};
use crate::events::{self, Status};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A fine's standing as of a date: the status shared with liquidations.
pub use crate::events::Status as FineStatus;
pub use line::{CaseLine, FxDate, case_line};
pub use report::{
    Made, Report, ReportError, Unmade, build_report, build_report_owned, made_key, make_line,
    overflow_diagnostic, report_from_lines,
};
pub use totals::{Totals, earliest};

mod line;
mod report;
mod totals;

/// A fine's figures as of a date, in the case's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FineFigures {
    /// The fine's id.
    pub id: String,
    /// Day of the decision.
    pub decided: NaiveDate,
    /// The amount in force (after any reduction).
    pub amount: Decimal,
    /// Its standing.
    pub status: FineStatus,
    /// The latest event known on or before the as-of date, which set the status.
    pub set_by: Option<SetBy>,
    /// Paid towards it on or before the as-of date.
    pub paid: Decimal,
}

/// The event that set a fine's status: its date, kind and whether the date is the fact,
/// all a report shows of it (a portfolio's report holds one per fine, so not the whole event
/// with its texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetBy {
    /// When it happened; for an appeal lodged on a day not public, the earliest it can have.
    pub date: NaiveDate,
    /// What happened.
    pub kind: EventKind,
    /// False when `date` is only the earliest day an appeal can have been lodged.
    pub date_known: bool,
}

impl FineFigures {
    /// What the fine counts for: its amount, or zero when annulled.
    pub fn counted(&self) -> Decimal {
        if self.status == FineStatus::Annulled {
            Decimal::ZERO
        } else {
            self.amount
        }
    }
}

/// An order's figures as of a date, in the case's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFigures {
    /// The order's id.
    pub id: String,
    /// The unit its rate is charged per.
    pub per: Per,
    /// The accrual.
    pub accrual: Accrual,
    /// Of its liquidated penalties, those enforceable.
    pub liquidated_enforceable: Decimal,
    /// Of its liquidated penalties, those contested (counted in exposure and owed).
    pub liquidated_contested: Decimal,
    /// Paid towards its liquidated penalties on or before the as-of date.
    pub paid: Decimal,
}

/// One case's figures in its own currency, as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFigures {
    /// Fines decided on or before the as-of date, in file order.
    pub fines: Vec<FineFigures>,
    /// Orders decided on or before the as-of date, in file order.
    pub orders: Vec<OrderFigures>,
}

/// Computes a case's fines and orders as of `as_of`, in its own currency.
pub fn case_figures(case: &Case, as_of: NaiveDate) -> Result<CaseFigures, Overflow> {
    // The loader checks that all the payments to a fine or order add up exactly to at most
    // its amount; those made by the as-of date are some of them, all positive, so their sum
    // needs no more digits. Saturating only keeps a case built by hand from panicking.
    let paid_to = |id: &str| -> Decimal {
        case.payments
            .iter()
            .filter(|p| p.applies_to == id && p.date <= as_of)
            .fold(Decimal::ZERO, |sum, p| sum.saturating_add(p.amount))
    };
    // Sized exactly: a portfolio's report holds one of these per case.
    let mut fines = Vec::with_capacity(case.fines.iter().filter(|f| f.decided <= as_of).count());
    fines.extend(case.fines.iter().filter(|f| f.decided <= as_of).map(|f| {
        let s = events::standing(f.amount, &f.events, as_of);
        FineFigures {
            id: f.id.clone(),
            decided: f.decided,
            amount: s.amount,
            status: s.status,
            set_by: s.set_by.map(|e| SetBy {
                date: e.date,
                kind: e.kind,
                date_known: e.date_known,
            }),
            paid: paid_to(&f.id),
        }
    }));
    // An order decided after the as-of date does not exist yet, like such a fine.
    let orders = case
        .orders
        .iter()
        .filter(|o| accrue::exists(o, as_of))
        .map(|o| {
            let accrual = accrue::accrue(o, as_of)?;
            let (mut enforceable, mut contested) = (Decimal::ZERO, Decimal::ZERO);
            for l in &accrual.liquidations {
                let slot = match l.status {
                    Status::Enforceable => &mut enforceable,
                    Status::Contested => &mut contested,
                    Status::Annulled => continue,
                };
                *slot = exact_add(*slot, l.amount).ok_or_else(|| Overflow {
                    order: o.id.clone(),
                    field: "amount",
                })?;
            }
            Ok(OrderFigures {
                id: o.id.clone(),
                per: o.per,
                accrual,
                liquidated_enforceable: enforceable,
                liquidated_contested: contested,
                paid: paid_to(&o.id),
            })
        })
        .collect::<Result<_, Overflow>>()?;
    Ok(CaseFigures { fines, orders })
}
