//! Making the debts of a case: each fine and liquidation with its due date, payments,
//! suspensions, interest and limitation.

use super::{
    Collection, DebtError, DebtFigures, DebtOf, DueRule, PAYMENT_TERM_DAYS, fine_rule, order_rule,
};
use crate::accrue::LiquidationFigures;
use crate::case::Case;
use crate::events::{self, Event, Status};
use crate::exposure::CaseFigures;
use crate::interest::{self, Debt, Outcome, Payment, Rates, Regime};
use crate::limitation::Rule;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// The due date of a sum decided on `decided`: `written`, else the regime's rule.
fn due_date(
    written: Option<NaiveDate>,
    decided: NaiveDate,
    regime: Option<Regime>,
) -> (Option<NaiveDate>, DueRule) {
    match (written, regime) {
        (Some(due), _) => (Some(due), DueRule::File),
        (None, Some(Regime::NlStatutory)) => (
            decided.checked_add_days(Days::new(PAYMENT_TERM_DAYS)),
            DueRule::SixWeeks,
        ),
        _ => (None, DueRule::None),
    }
}

/// A sum to make a debt of.
struct Sum<'a> {
    of: DebtOf,
    decided: NaiveDate,
    amount: Decimal,
    status: Status,
    written_due: Option<NaiveDate>,
    regime: Option<Regime>,
    own_regime: bool,
    events: &'a [Event],
    payments: Vec<Payment>,
    rule: Rule,
}

/// What the debts are computed with.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The interest rate tables.
    pub rates: &'a Rates,
    /// Keep each debt's interest segments, for `explain`.
    pub explain: bool,
    /// What if every debt payable on this day were paid in full on it (`--assume-paid`).
    pub assume_paid: Option<NaiveDate>,
}

/// A sum's account with its regime: everything needed to value it as of a day.
struct Valued<'a> {
    sum: &'a Sum<'a>,
    account: Debt,
    due: Option<NaiveDate>,
    lapse: Option<NaiveDate>,
}

impl Valued<'_> {
    fn annulled(&self) -> bool {
        self.sum.status == Status::Annulled
    }

    /// Principal and interest as of the end of `day`.
    fn outcome(&self, day: NaiveDate, options: &Options<'_>) -> Result<Outcome, DebtError> {
        match (self.sum.regime, self.due) {
            (Some(regime), Some(_)) if !self.annulled() => {
                let run = if options.explain {
                    interest::explain
                } else {
                    interest::interest
                };
                run(&self.account, regime, day, options.rates).map_err(|error| DebtError {
                    of: self.sum.of.clone(),
                    own_regime: self.sum.own_regime,
                    error,
                })
            }
            _ => {
                let paid = self
                    .account
                    .payments
                    .iter()
                    .filter(|p| p.date <= day)
                    .fold(Decimal::ZERO, |total, p| total.saturating_add(p.amount));
                Ok(Outcome {
                    principal: if self.annulled() {
                        Decimal::ZERO
                    } else {
                        (self.sum.amount - paid).max(Decimal::ZERO)
                    },
                    ..Outcome::default()
                })
            }
        }
    }

    /// Where the debt stands for collection on `day`, with `outcome` as of that day.
    fn collection(&self, outcome: &Outcome, day: NaiveDate) -> Collection {
        if self.annulled() {
            Collection::Annulled
        } else if self.sum.amount.is_zero() {
            Collection::Nothing
        } else if outcome.principal.is_zero() && outcome.interest.is_zero() {
            Collection::Paid
        } else if let Some(lapse) = self.lapse.filter(|lapse| *lapse <= day) {
            Collection::TimeBarred(lapse)
        } else if self.account.suspended_on(day) {
            let since = self
                .account
                .suspensions
                .iter()
                .filter(|s| s.from <= day && s.to.is_none_or(|end| day <= end))
                .map(|s| s.from)
                .min()
                .unwrap_or(day);
            Collection::Suspended(since)
        } else if self.due.is_some_and(|due| due > day) {
            Collection::NotDue
        } else {
            Collection::Payable
        }
    }
}

/// The debt a sum is as of `as_of`.
fn debt(sum: Sum<'_>, as_of: NaiveDate, options: &Options<'_>) -> Result<DebtFigures, DebtError> {
    let (due, due_rule) = due_date(sum.written_due, sum.decided, sum.regime);
    // The loader checks that a sum's payments add up exactly to at most its amount.
    let paid = sum
        .payments
        .iter()
        .fold(Decimal::ZERO, |total, p| total.saturating_add(p.amount));
    let mut account = Debt::new(sum.amount, due.unwrap_or(sum.decided));
    account.enforceable = Some(sum.decided);
    account.suspensions = events::suspensions(sum.events, as_of);
    account.payments = sum.payments.clone();
    let start = match (due, sum.rule) {
        (Some(due), _) => Some(due),
        (None, Rule::AdministrativeDebt) => {
            sum.decided.checked_add_days(Days::new(PAYMENT_TERM_DAYS))
        }
        (None, _) => Some(sum.decided),
    };
    let lapse = start.and_then(|s| sum.rule.lapse_date(s));
    let mut valued = Valued {
        sum: &sum,
        account,
        due,
        lapse,
    };
    let mut assumed = None;
    if let Some(day) = options.assume_paid.filter(|day| *day <= as_of) {
        let then = valued.outcome(
            day,
            &Options {
                explain: false,
                ..*options
            },
        )?;
        if valued.collection(&then, day) == Collection::Payable
            && let Some(amount) = then.principal.checked_add(then.interest)
        {
            valued.account.payments.push(Payment { date: day, amount });
            assumed = Some(amount);
        }
    }
    let outcome = valued.outcome(as_of, options)?;
    let collection = valued.collection(&outcome, as_of);
    Ok(DebtFigures {
        of: sum.of.clone(),
        decided: sum.decided,
        amount: sum.amount,
        status: sum.status,
        due,
        due_rule,
        collection,
        paid,
        assumed_paid: assumed,
        regime: sum.regime,
        outcome,
        limitation: sum.rule,
        lapse,
    })
}

/// The payments of `applies_to` made on or before `as_of`.
fn payments_to(case: &Case, applies_to: &str, as_of: NaiveDate) -> Vec<Payment> {
    case.payments
        .iter()
        .filter(|p| p.applies_to == applies_to && p.date <= as_of)
        .map(|p| Payment {
            date: p.date,
            amount: p.amount,
        })
        .collect()
}

/// An order's payments shared among its liquidations, in window order, each up to its amount
/// (the last takes any rest).
fn share(payments: &[Payment], liquidations: &[&LiquidationFigures]) -> Vec<Vec<Payment>> {
    let mut out = vec![Vec::new(); liquidations.len()];
    let mut room: Vec<Decimal> = liquidations.iter().map(|l| l.counted()).collect();
    let mut sorted = payments.to_vec();
    sorted.sort_by_key(|p| p.date);
    for p in sorted {
        let mut left = p.amount;
        for (i, l) in liquidations.iter().enumerate() {
            if left.is_zero() {
                break;
            }
            let last = i + 1 == liquidations.len();
            if l.liquidation.decided > p.date && !last {
                continue;
            }
            let part = if last { left } else { left.min(room[i]) };
            if part > Decimal::ZERO {
                room[i] = (room[i] - part).max(Decimal::ZERO);
                left -= part;
                out[i].push(Payment {
                    date: p.date,
                    amount: part,
                });
            }
        }
    }
    out
}

/// Every debt of a case as of `as_of`: its fines, then its orders' liquidations, in file
/// order. `figures` are the case's figures as of the same day.
pub fn debts(
    case: &Case,
    figures: &CaseFigures,
    as_of: NaiveDate,
    options: &Options<'_>,
) -> Result<Vec<DebtFigures>, DebtError> {
    let mut out = Vec::new();
    for (fine, f) in case
        .fines
        .iter()
        .filter_map(|fine| Some((fine, figures.fines.iter().find(|f| f.id == fine.id)?)))
    {
        out.push(debt(
            Sum {
                of: DebtOf::Fine(fine.id.clone()),
                decided: fine.decided,
                amount: f.amount,
                status: f.status,
                written_due: fine.due,
                regime: fine.interest().or(case.interest),
                own_regime: fine.interest().is_some(),
                events: &fine.events,
                payments: payments_to(case, &fine.id, as_of),
                rule: fine_rule(case, fine.limitation()),
            },
            as_of,
            options,
        )?);
    }
    for (order, o) in case
        .orders
        .iter()
        .filter_map(|order| Some((order, figures.orders.iter().find(|o| o.id == order.id)?)))
    {
        let counted: Vec<&LiquidationFigures> = o
            .accrual
            .liquidations
            .iter()
            .filter(|l| l.status != Status::Annulled)
            .collect();
        let mut shares = share(&payments_to(case, &order.id, as_of), &counted).into_iter();
        let rule = match order_rule(case, order.limitation()) {
            Rule::Dwangsom => Rule::AdministrativeDebt,
            other => other,
        };
        for (index, l) in o.accrual.liquidations.iter().enumerate() {
            let payments = if l.status == Status::Annulled {
                Vec::new()
            } else {
                shares.next().unwrap_or_default()
            };
            out.push(debt(
                Sum {
                    of: DebtOf::Liquidation {
                        order: order.id.clone(),
                        index,
                    },
                    decided: l.liquidation.decided,
                    amount: l.amount,
                    status: l.status,
                    written_due: l.liquidation.due,
                    regime: order.interest().or(case.interest),
                    own_regime: order.interest().is_some(),
                    events: &l.liquidation.events,
                    payments,
                    rule,
                },
                as_of,
                options,
            )?);
        }
    }
    Ok(out)
}
