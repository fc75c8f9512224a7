//! One case's line: its figures and its components converted into the report currency.

use super::{
    CaseFigures, FineStatus, ReportError, Totals, case_figures, earliest, overflow_diagnostic,
};
use crate::accrue::{Forfeiture, LIMITS, exact_add};
use crate::case::{Case, Locus, Per, locate};
use crate::events::Status;
use crate::fx::{Currency, FxError, RateTable, RateUsed};
use crate::owed::{self, CaseOwed, Owed};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// When amounts are converted into the report currency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FxDate {
    /// Everything at the rate of the as-of date.
    #[default]
    AsOf,
    /// Each amount at the rate of the day it arose: fines and liquidations on their decision,
    /// payments on their date, accruing penalties on the as-of date.
    Decided,
}

/// A component of a case line, for conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Component {
    FinesEnforceable,
    FinesContested,
    LiquidatedEnforceable,
    LiquidatedContested,
    Accruing,
    Paid,
    RunRate,
    AtRisk,
}

impl Component {
    /// The component in words, for messages.
    fn name(self) -> &'static str {
        match self {
            Component::FinesEnforceable => "enforceable fines",
            Component::FinesContested => "contested fines",
            Component::LiquidatedEnforceable => "enforceable liquidated penalties",
            Component::LiquidatedContested => "contested liquidated penalties",
            Component::Accruing => "accruing penalties",
            Component::Paid => "payments",
            Component::RunRate => "run rates",
            Component::AtRisk => "amounts at risk",
        }
    }
}

/// One case's line in a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseLine {
    /// The case's id.
    pub id: String,
    /// The file the case was read from.
    pub path: std::path::PathBuf,
    /// Its company.
    pub company: String,
    /// Its jurisdiction.
    pub jurisdiction: String,
    /// Its authority.
    pub authority: Option<String>,
    /// The currency its amounts are written in.
    pub currency: Currency,
    /// Where its facts come from, as the file gives them.
    pub sources: Vec<String>,
    /// The figures in the case's own currency, exact.
    pub figures: CaseFigures,
    /// The case's components in its own currency, exact.
    pub own: Totals,
    /// The components in the report currency, each rounded.
    pub totals: Totals,
    /// The rates used to convert this case.
    pub rates: Vec<RateUsed>,
}

/// One case's line: its figures, and its components converted into `currency`.
pub fn case_line(
    case: &Case,
    as_of: NaiveDate,
    currency: Currency,
    fx_date: FxDate,
    rates: &RateTable,
) -> Result<CaseLine, ReportError> {
    let figures = case_figures(case, as_of).map_err(|o| ReportError::Overflow {
        diagnostic: Box::new(overflow_diagnostic(case, &o)),
    })?;
    let debts = owed_of(case, &figures, as_of)?;
    let overflow = |locus: Locus<'_>, what: &str| ReportError::Overflow {
        diagnostic: Box::new(locate(
            case,
            locus,
            format!("{what} cannot be added up exactly ({LIMITS})"),
        )),
    };
    // Each amount with the component it belongs to and the day it is valued on.
    let mut parts: BTreeMap<(Component, NaiveDate), Decimal> = BTreeMap::new();
    let mut put = |c: Component,
                   date: NaiveDate,
                   amount: Decimal,
                   locus: Locus<'_>|
     -> Result<(), ReportError> {
        if amount.is_zero() {
            return Ok(());
        }
        let on = match fx_date {
            FxDate::AsOf => as_of,
            FxDate::Decided => date,
        };
        let slot = parts.entry((c, on)).or_default();
        *slot = exact_add(*slot, amount)
            .ok_or_else(|| overflow(locus, &format!("the case's {}", c.name())))?;
        Ok(())
    };
    // A time-barred sum counts zero: what lapsed is taken off its component.
    for f in &figures.fines {
        let at = Locus::Fine {
            id: &f.id,
            key: "amount",
        };
        let amount = f.amount
            - debts
                .as_ref()
                .map_or(Decimal::ZERO, |d| d.fine_barred(&f.id));
        match f.status {
            FineStatus::Enforceable => put(Component::FinesEnforceable, f.decided, amount, at)?,
            FineStatus::Contested => put(Component::FinesContested, f.decided, amount, at)?,
            FineStatus::Annulled => {}
        }
    }
    for o in &figures.orders {
        let a = &o.accrual;
        let at = |key| Locus::Order { id: &o.id, key };
        for (index, l) in a.liquidations.iter().enumerate() {
            let component = match l.status {
                Status::Enforceable => Component::LiquidatedEnforceable,
                Status::Contested => Component::LiquidatedContested,
                Status::Annulled => continue,
            };
            let amount = l.amount
                - debts
                    .as_ref()
                    .map_or(Decimal::ZERO, |d| d.liquidation_barred(&o.id, index));
            put(component, l.liquidation.decided, amount, at("amount"))?;
        }
        let accruing = a.accruing
            - debts
                .as_ref()
                .map_or(Decimal::ZERO, |d| d.accruing_barred(&o.id));
        put(Component::Accruing, as_of, accruing, at("rate"))?;
        if o.per == Per::Day {
            put(
                Component::RunRate,
                as_of,
                a.run_rate.unwrap_or_default(),
                at("rate"),
            )?;
        }
        put(
            Component::AtRisk,
            as_of,
            a.at_risk.unwrap_or_default(),
            at("cap"),
        )?;
    }
    for (index, p) in case.payments.iter().enumerate() {
        if p.date <= as_of {
            put(Component::Paid, p.date, p.amount, Locus::Payment { index })?;
        }
    }
    if let (Some(day), Some(debts)) = (case.owing.as_ref().and_then(|o| o.assume_paid), &debts) {
        for (_, amount) in debts.assumed_payments() {
            put(Component::Paid, day, amount, Locus::CaseId)?;
        }
    }

    let mut own = Totals::default();
    let mut totals = Totals::default();
    // Interest and the sums owed are converted at the as-of date: they arise over time.
    let mut used = BTreeSet::new();
    let mut next = None;
    for o in &figures.orders {
        next = earliest(next, o.accrual.next_forfeiture).ok_or_else(|| {
            overflow(
                Locus::Order {
                    id: &o.id,
                    key: "rate",
                },
                "the case's next forfeitures",
            )
        })?;
    }
    if let Some(f) = next {
        own.next_forfeiture = Some(f);
        let converted = rates
            .convert(f.amount, case.currency, currency, as_of)
            .map_err(|error| ReportError::Fx {
                diagnostic: Box::new(locate(
                    case,
                    Locus::Currency,
                    format!("{error} (this case's next forfeiture)"),
                )),
                error: Box::new(error),
            })?;
        used.extend(converted.rates);
        totals.next_forfeiture = Some(Forfeiture {
            date: f.date,
            amount: converted.amount,
        });
    }
    for ((component, on), amount) in parts {
        let converted = rates
            .convert(amount, case.currency, currency, on)
            .map_err(|error| {
                let message = match &error {
                    FxError::MissingRate { .. } => format!(
                        "{error}, needed to convert this case's {} into {currency}; add the rate with --rates FILE",
                        component.name()
                    ),
                    _ => format!("{error} (this case's {})", component.name()),
                };
                ReportError::Fx {
                    diagnostic: Box::new(locate(case, Locus::Currency, message)),
                    error: Box::new(error),
                }
            })?;
        used.extend(converted.rates);
        for (t, value) in [(&mut own, amount), (&mut totals, converted.amount)] {
            let slot = match component {
                Component::FinesEnforceable => &mut t.fines_enforceable,
                Component::FinesContested => &mut t.fines_contested,
                Component::LiquidatedEnforceable => &mut t.liquidated_enforceable,
                Component::LiquidatedContested => &mut t.liquidated_contested,
                Component::Accruing => &mut t.accruing,
                Component::Paid => &mut t.paid,
                Component::RunRate => &mut t.run_rate,
                Component::AtRisk => &mut t.at_risk,
            };
            *slot = exact_add(*slot, value).ok_or_else(|| {
                overflow(Locus::CaseId, &format!("the case's {}", component.name()))
            })?;
        }
    }
    let own = match debts {
        None => own,
        Some(CaseOwed { owed: Some(o), .. }) => own.with_owed(o),
        Some(CaseOwed { owed: None, .. }) => {
            return Err(overflow(Locus::CaseId, "the case's interest and sums owed"));
        }
    };
    if let Some(owed) = own.owed.as_deref() {
        let mut converted = Owed::default();
        for (value, slot) in [
            (owed.payable, &mut converted.payable),
            (owed.suspended, &mut converted.suspended),
            (owed.interest, &mut converted.interest),
            (owed.time_barred, &mut converted.time_barred),
        ] {
            if value.is_zero() {
                continue;
            }
            let c = rates
                .convert(value, case.currency, currency, as_of)
                .map_err(|error| ReportError::Fx {
                    diagnostic: Box::new(locate(
                        case,
                        Locus::Currency,
                        format!("{error} (this case's sums owed and interest)"),
                    )),
                    error: Box::new(error),
                })?;
            used.extend(c.rates);
            *slot = c.amount;
        }
        totals.owed = Some(Box::new(converted));
    }
    if !own.checked() || !totals.checked() {
        return Err(overflow(Locus::CaseId, "the case's exposure and totals"));
    }
    Ok(CaseLine {
        id: case.id.clone(),
        path: case.path.clone(),
        company: case.company.clone(),
        jurisdiction: case.jurisdiction.clone(),
        authority: case.authority.clone(),
        currency: case.currency,
        sources: case.sources.clone(),
        figures,
        own,
        totals,
        rates: used.into_iter().collect(),
    })
}

/// The debts of `case` as of `as_of`, valued with the case's interest tables (the shipped
/// ones unless the command line added rates) and `--assume-paid` day; `None` for a case
/// whose debts can only be payable, paid or annulled (no interest regime, suspension, limitation
/// rule, due date after `as_of` or what-if), which most cases are: everything outstanding is
/// then payable, and nothing is computed or allocated for it.
fn owed_of(
    case: &Case,
    figures: &CaseFigures,
    as_of: NaiveDate,
) -> Result<Option<CaseOwed>, ReportError> {
    if owed::is_plain(case, figures, as_of) {
        return Ok(None);
    }
    let located = |diagnostic| ReportError::Owed {
        diagnostic: Box::new(diagnostic),
    };
    let owing = case.owing.as_deref();
    let rates = match owing {
        Some(o) => &o.rates,
        None => crate::interest::Rates::shipped()
            .map_err(|e| located(locate(case, Locus::Interest, e.to_string())))?,
    };
    let options = owed::Options {
        rates,
        explain: false,
        assume_paid: owing.and_then(|o| o.assume_paid),
    };
    owed::case_owed(case, figures, as_of, &options)
        .map(Some)
        .map_err(|e| located(e.diagnostic(case)))
}
