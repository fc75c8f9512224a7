//! From cases to figures: each fine's status, each order's accrual, payments, and the
//! per-case, per-company, per-jurisdiction and grand totals in the report currency.
//!
//! Components (fines enforceable and contested, liquidated penalties enforceable and
//! contested, accruing, paid) are converted and rounded one by one; exposure, owed and outstanding are sums of the rounded components,
//! and every total is a sum of case lines, so every table adds up.

use crate::accrue::{self, Accrual, Forfeiture, LIMITS, Overflow, exact_add, exact_sub};
use crate::case::{Case, Diagnostic, EventKind, Locus, Per, locate, locate_in};
use crate::events::{self, Status};
use crate::fx::{Currency, FxError, RateTable, RateUsed};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// A fine's standing as of a date: the status shared with liquidations.
pub use crate::events::Status as FineStatus;

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

/// The event that set a fine's status: its date and kind, all a report shows of it (a
/// portfolio's report holds one per fine, so not the whole event with its texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetBy {
    /// When it happened.
    pub date: NaiveDate,
    /// What happened.
    pub kind: EventKind,
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

/// The figures every report line carries. Exposure, owed and outstanding are derived.
///
/// The derived figures use plain `+` and `-`: `build_report` checks that they fit in a decimal
/// for every line and total of a report (`Totals::checked`), so they cannot overflow there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Fines that are enforceable.
    pub fines_enforceable: Decimal,
    /// Fines that are contested (counted in exposure and owed).
    pub fines_contested: Decimal,
    /// Liquidated penalties that are enforceable.
    pub liquidated_enforceable: Decimal,
    /// Liquidated penalties that are contested (counted in exposure and owed).
    pub liquidated_contested: Decimal,
    /// Penalties accrued but not liquidated: provisional.
    pub accruing: Decimal,
    /// Payments made.
    pub paid: Decimal,
    /// What one more day adds, over the open orders charged per day.
    pub run_rate: Decimal,
    /// Cap still at risk on open orders (not part of exposure).
    pub at_risk: Decimal,
    /// The earliest next forfeiture of the open orders, with the sum of all those forfeited
    /// on that day (converted at the rate of the as-of date).
    pub next_forfeiture: Option<Forfeiture>,
}

impl Totals {
    /// Fines counted: enforceable plus contested.
    pub fn fines(&self) -> Decimal {
        self.fines_enforceable + self.fines_contested
    }
    /// Liquidated penalties counted: enforceable plus contested.
    pub fn liquidated(&self) -> Decimal {
        self.liquidated_enforceable + self.liquidated_contested
    }
    /// Penalties: liquidated plus accruing.
    pub fn penalties(&self) -> Decimal {
        self.liquidated() + self.accruing
    }
    /// Fines plus penalties.
    pub fn exposure(&self) -> Decimal {
        self.fines() + self.penalties()
    }
    /// Fines plus liquidated penalties: accruing penalties are not owed until liquidated.
    pub fn owed(&self) -> Decimal {
        self.fines() + self.liquidated()
    }
    /// Owed less paid.
    pub fn outstanding(&self) -> Decimal {
        self.owed() - self.paid
    }

    fn checked_add(&self, o: &Totals) -> Option<Totals> {
        Some(Totals {
            fines_enforceable: exact_add(self.fines_enforceable, o.fines_enforceable)?,
            fines_contested: exact_add(self.fines_contested, o.fines_contested)?,
            liquidated_enforceable: exact_add(
                self.liquidated_enforceable,
                o.liquidated_enforceable,
            )?,
            liquidated_contested: exact_add(self.liquidated_contested, o.liquidated_contested)?,
            accruing: exact_add(self.accruing, o.accruing)?,
            paid: exact_add(self.paid, o.paid)?,
            run_rate: exact_add(self.run_rate, o.run_rate)?,
            at_risk: exact_add(self.at_risk, o.at_risk)?,
            next_forfeiture: earliest(self.next_forfeiture, o.next_forfeiture)?,
        })
        .filter(Totals::checked)
    }

    /// Whether every derived figure (fines, liquidated, penalties, exposure, owed,
    /// outstanding) is exact in a decimal, so that the methods above cannot overflow or round.
    pub fn checked(&self) -> bool {
        let fines = exact_add(self.fines_enforceable, self.fines_contested);
        let Some(liquidated) = exact_add(self.liquidated_enforceable, self.liquidated_contested)
        else {
            return false;
        };
        let penalties = exact_add(liquidated, self.accruing);
        let owed = fines.and_then(|f| exact_add(f, liquidated));
        let exposure = fines.zip(penalties).and_then(|(f, p)| exact_add(f, p));
        let outstanding = owed.and_then(|o| exact_sub(o, self.paid));
        exposure.is_some() && outstanding.is_some()
    }
}

/// The earlier of two next forfeitures, or both summed when they fall on the same day;
/// `None` (outside) when that sum does not fit in a decimal.
pub fn earliest(a: Option<Forfeiture>, b: Option<Forfeiture>) -> Option<Option<Forfeiture>> {
    Some(match (a, b) {
        (Some(x), Some(y)) if x.date == y.date => Some(Forfeiture {
            date: x.date,
            amount: exact_add(x.amount, y.amount)?,
        }),
        (Some(x), Some(y)) => Some(if x.date < y.date { x } else { y }),
        (x, None) => x,
        (None, y) => y,
    })
}

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

/// A whole report: case lines and their totals, in one currency, as of one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The day the figures are for.
    pub as_of: NaiveDate,
    /// The report currency.
    pub currency: Currency,
    /// When amounts were converted.
    pub fx_date: FxDate,
    /// Case lines, sorted by case id.
    pub cases: Vec<CaseLine>,
    /// Sums of case lines per company.
    pub companies: BTreeMap<String, Totals>,
    /// Sums of case lines per jurisdiction.
    pub jurisdictions: BTreeMap<String, Totals>,
    /// Sum of all case lines.
    pub total: Totals,
    /// Every rate used, once.
    pub rates: BTreeSet<RateUsed>,
}

/// Why a report could not be made. Each error points at the value in a case file that
/// caused it.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// An amount does not fit in a decimal: an accrual, a case's sums or the totals.
    #[error("{diagnostic}")]
    Overflow {
        /// Where and what.
        diagnostic: Box<Diagnostic>,
    },
    /// A conversion failed: a missing exchange rate, or an amount too large to convert.
    #[error("{diagnostic}")]
    Fx {
        /// Where and what.
        diagnostic: Box<Diagnostic>,
        /// The conversion error.
        error: Box<FxError>,
    },
}

impl ReportError {
    /// The located error.
    pub fn diagnostic(&self) -> &Diagnostic {
        match self {
            ReportError::Overflow { diagnostic } | ReportError::Fx { diagnostic, .. } => diagnostic,
        }
    }
}

/// The located error for an order's accrual that overflows.
pub fn overflow_diagnostic(case: &Case, overflow: &Overflow) -> Diagnostic {
    locate(
        case,
        Locus::Order {
            id: &overflow.order,
            key: overflow.field,
        },
        overflow.to_string(),
    )
}

/// Computes every case as of `as_of` and sums them up in `currency`.
pub fn build_report(
    cases: &[Case],
    as_of: NaiveDate,
    currency: Currency,
    fx_date: FxDate,
    rates: &RateTable,
) -> Result<Report, ReportError> {
    let lines = cases
        .iter()
        .map(|case| case_line(case, as_of, currency, fx_date, rates))
        .collect::<Result<Vec<_>, _>>()?;
    sum_up(lines, as_of, currency, fx_date)
}

/// Like [`build_report`], but consumes the cases, dropping each one once its line is made,
/// so that a large portfolio is never held twice in memory.
pub fn build_report_owned(
    cases: Vec<Case>,
    as_of: NaiveDate,
    currency: Currency,
    fx_date: FxDate,
    rates: &RateTable,
) -> Result<Report, ReportError> {
    let lines = rayon::scope(|_| {
        let mut cases = cases;
        let mut lines = Vec::with_capacity(cases.len());
        while let Some(case) = cases.pop() {
            lines.push(case_line(&case, as_of, currency, fx_date, rates)?);
            // Give back the cases' slots as they empty, for the lines to use.
            if cases.len() < cases.capacity() / 2 {
                cases.shrink_to_fit();
            }
        }
        Ok(lines)
    })?;
    sum_up(lines, as_of, currency, fx_date)
}

/// Sorts case lines by case id and sums them per company, per jurisdiction and overall.
fn sum_up(
    mut lines: Vec<CaseLine>,
    as_of: NaiveDate,
    currency: Currency,
    fx_date: FxDate,
) -> Result<Report, ReportError> {
    let mut companies: BTreeMap<String, Totals> = BTreeMap::new();
    let mut jurisdictions: BTreeMap<String, Totals> = BTreeMap::new();
    let mut total = Totals::default();
    let mut used = BTreeSet::new();
    // Case ids are unique across a portfolio, so an unstable sort is deterministic; sums run
    // in id order, so an overflow is reported at the same case however the lines were made.
    lines.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    for line in &lines {
        // What is being added to is named only when it fails.
        let add = |t: &mut Totals, what: &dyn Fn() -> String| -> Result<(), ReportError> {
            *t = t
                .checked_add(&line.totals)
                .ok_or_else(|| ReportError::Overflow {
                    diagnostic: Box::new(locate_in(
                        &line.path,
                        Locus::CaseId,
                        format!(
                            "adding case \"{}\" to {} cannot be done exactly ({LIMITS})",
                            line.id,
                            what()
                        ),
                    )),
                })?;
            Ok(())
        };
        let company = || format!("the totals of company \"{}\"", line.company);
        match companies.get_mut(&line.company) {
            Some(t) => add(t, &company)?,
            None => add(companies.entry(line.company.clone()).or_default(), &company)?,
        }
        let jurisdiction = || format!("the totals of jurisdiction \"{}\"", line.jurisdiction);
        match jurisdictions.get_mut(&line.jurisdiction) {
            Some(t) => add(t, &jurisdiction)?,
            None => add(
                jurisdictions.entry(line.jurisdiction.clone()).or_default(),
                &jurisdiction,
            )?,
        }
        add(&mut total, &|| "the grand total".to_string())?;
        used.extend(line.rates.iter().cloned());
    }
    Ok(Report {
        as_of,
        currency,
        fx_date,
        cases: lines,
        companies,
        jurisdictions,
        total,
        rates: used,
    })
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
    for f in &figures.fines {
        let at = Locus::Fine {
            id: &f.id,
            key: "amount",
        };
        match f.status {
            FineStatus::Enforceable => put(Component::FinesEnforceable, f.decided, f.amount, at)?,
            FineStatus::Contested => put(Component::FinesContested, f.decided, f.amount, at)?,
            FineStatus::Annulled => {}
        }
    }
    for o in &figures.orders {
        let a = &o.accrual;
        let at = |key| Locus::Order { id: &o.id, key };
        for l in &a.liquidations {
            let component = match l.status {
                Status::Enforceable => Component::LiquidatedEnforceable,
                Status::Contested => Component::LiquidatedContested,
                Status::Annulled => continue,
            };
            put(component, l.liquidation.decided, l.amount, at("amount"))?;
        }
        put(Component::Accruing, as_of, a.accruing, at("rate"))?;
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

    let mut own = Totals::default();
    let mut totals = Totals::default();
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
