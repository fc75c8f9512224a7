//! The account of one debt: the daily rate of its regime, and the walk over its payments and
//! anniversaries that accrues, capitalises and settles interest in closed form.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use super::{
    DIVISOR, Debt, EU_MARGIN, InterestError, MAJORATION, Outcome, Payment, Piece, Rates, Regime,
    Segment, Settlement, StepTable, Suspension, TableId,
};
use crate::calendar::add_months;

/// The daily rate of a regime for one debt: a table or a fixed rate, plus `extra` points from
/// `extra_from` on.
struct RateFn<'a> {
    table: Option<&'a StepTable>,
    fixed: Decimal,
    extra: Decimal,
    extra_from: Option<NaiveDate>,
}

impl RateFn<'_> {
    fn days(first: NaiveDate, last: NaiveDate) -> Decimal {
        Decimal::from((last - first).num_days() + 1)
    }

    /// The sum of the daily rates over `first..=last` (not empty).
    fn rate_days(&self, first: NaiveDate, last: NaiveDate) -> Result<Decimal, InterestError> {
        let base = match self.table {
            Some(table) => table.rate_days(first, last)?,
            None => self
                .fixed
                .checked_mul(Self::days(first, last))
                .ok_or(InterestError::Overflow)?,
        };
        let extra = match self.extra_from {
            Some(from) if from <= last => self.extra * Self::days(from.max(first), last),
            _ => Decimal::ZERO,
        };
        Ok(base + extra)
    }

    /// `first..=last` (not empty) cut where the rate changes.
    fn pieces(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<Piece>, InterestError> {
        let pieces = match self.table {
            Some(table) => table.pieces(first, last)?,
            None => vec![Piece {
                from: first,
                to: last,
                rate: self.fixed,
            }],
        };
        let Some(cut) = self.extra_from.filter(|from| *from <= last) else {
            return Ok(pieces);
        };
        let mut out = Vec::with_capacity(pieces.len() + 1);
        for piece in pieces {
            if piece.to < cut {
                out.push(piece);
            } else if piece.from >= cut {
                out.push(Piece {
                    rate: piece.rate + self.extra,
                    ..piece
                });
            } else {
                let before = cut.pred_opt().unwrap_or(cut);
                out.push(Piece {
                    to: before,
                    ..piece
                });
                out.push(Piece {
                    from: cut,
                    rate: piece.rate + self.extra,
                    ..piece
                });
            }
        }
        Ok(out)
    }
}

/// The rate function of `regime` for `debt`.
fn rate_fn<'a>(debt: &Debt, regime: Regime, rates: &'a Rates) -> Result<RateFn<'a>, InterestError> {
    let mut f = RateFn {
        table: None,
        fixed: Decimal::ZERO,
        extra: Decimal::ZERO,
        extra_from: None,
    };
    match regime {
        Regime::FrLegal {
            individual,
            majorated,
        } => {
            let id = if individual {
                TableId::FrLegalIndividual
            } else {
                TableId::FrLegal
            };
            f.table = Some(rates.table(id));
            if majorated {
                let enforceable = debt
                    .enforceable
                    .ok_or(InterestError::MissingEnforceable { regime })?;
                let end = add_months(enforceable, 2).ok_or(InterestError::Overflow)?;
                f.extra = MAJORATION;
                f.extra_from = Some(end.succ_opt().ok_or(InterestError::Overflow)?);
            }
        }
        Regime::NlStatutory => f.table = Some(rates.table(TableId::NlStatutory)),
        Regime::EuMro35 => {
            let first = debt.due.with_day0(0).ok_or(InterestError::Overflow)?;
            f.fixed = rates.table(TableId::EcbMro).rate_on(first)? + EU_MARGIN;
        }
        Regime::Fixed(rate) => f.fixed = rate,
    }
    Ok(f)
}

/// The running state of a debt's account.
struct Account<'a> {
    debt: &'a Debt,
    rate: Option<RateFn<'a>>,
    regime: Regime,
    rates: &'a Rates,
    explain: bool,
    /// The debt's suspensions in date order.
    suspensions: Vec<Suspension>,
    /// The last day accounted for.
    day: NaiveDate,
    /// Principal unpaid.
    principal: Decimal,
    /// Capitalised interest unpaid.
    capital_interest: Decimal,
    /// Interest of earlier periods unpaid, rounded.
    carried: Decimal,
    /// Sum of (amount bearing interest x rate-days) since the last rounding.
    pending: Decimal,
    outcome: Outcome,
}

impl Account<'_> {
    fn round(&self, amount: Decimal) -> Decimal {
        amount.round_dp_with_strategy(
            self.debt.minor_units,
            RoundingStrategy::MidpointAwayFromZero,
        )
    }

    /// Accrues interest over the days after `self.day` up to `to`, skipping suspended days.
    fn accrue_to(&mut self, to: NaiveDate) -> Result<(), InterestError> {
        let mut first = self.day.succ_opt().ok_or(InterestError::Overflow)?;
        let base = self
            .principal
            .checked_add(self.capital_interest)
            .ok_or(InterestError::Overflow)?;
        if to >= first && !base.is_zero() {
            if self.rate.is_none() {
                self.rate = Some(rate_fn(self.debt, self.regime, self.rates)?);
            }
            // The suspensions are in date order; they may overlap.
            for index in 0..self.suspensions.len() {
                let s = self.suspensions[index];
                if s.from > to {
                    break;
                }
                if s.to.is_some_and(|end| end < first) {
                    continue;
                }
                if let Some(before) = s.from.pred_opt().filter(|before| *before >= first) {
                    self.window(first, before.min(to), base)?;
                }
                match s
                    .to
                    .and_then(|end| end.succ_opt())
                    .filter(|after| *after <= to)
                {
                    Some(after) => first = first.max(after),
                    None => {
                        first = to.succ_opt().unwrap_or(to);
                        break;
                    }
                }
            }
            if first <= to {
                self.window(first, to, base)?;
            }
        }
        self.day = self.day.max(to);
        Ok(())
    }

    /// Accrues interest on `base` over the days `from..=last` (none when `last < from`).
    fn window(
        &mut self,
        from: NaiveDate,
        last: NaiveDate,
        base: Decimal,
    ) -> Result<(), InterestError> {
        let Some(rate) = &self.rate else {
            return Ok(());
        };
        if last < from {
            return Ok(());
        }
        let rate_days = rate.rate_days(from, last)?;
        self.pending = base
            .checked_mul(rate_days)
            .and_then(|x| x.checked_add(self.pending))
            .ok_or(InterestError::Overflow)?;
        if self.explain {
            for piece in rate.pieces(from, last)? {
                let days = (piece.to - piece.from).num_days() + 1;
                self.outcome.segments.push(Segment {
                    from: piece.from,
                    to: piece.to,
                    days,
                    principal: base,
                    rate: piece.rate,
                    interest: base
                        .checked_mul(piece.rate * Decimal::from(days))
                        .ok_or(InterestError::Overflow)?
                        / DIVISOR,
                });
            }
        }
        Ok(())
    }

    /// Rounds the pending interest into the carried interest.
    fn close_period(&mut self) -> Result<(), InterestError> {
        let period = self.round(self.pending / DIVISOR);
        self.pending = Decimal::ZERO;
        self.carried = self
            .carried
            .checked_add(period)
            .ok_or(InterestError::Overflow)?;
        self.outcome.accrued = self
            .outcome
            .accrued
            .checked_add(period)
            .ok_or(InterestError::Overflow)?;
        Ok(())
    }

    fn capitalise(&mut self, date: NaiveDate) -> Result<(), InterestError> {
        self.close_period()?;
        if !self.carried.is_zero() {
            self.outcome.capitalised.push((date, self.carried));
            self.capital_interest = self
                .capital_interest
                .checked_add(self.carried)
                .ok_or(InterestError::Overflow)?;
            self.carried = Decimal::ZERO;
        }
        Ok(())
    }

    fn pay(&mut self, payment: Payment) -> Result<(), InterestError> {
        self.close_period()?;
        let mut left = payment.amount;
        let mut take = |owed: &mut Decimal| {
            let part = left.min(*owed);
            *owed -= part;
            left -= part;
            part
        };
        let to_interest = take(&mut self.carried) + take(&mut self.capital_interest);
        let to_principal = take(&mut self.principal);
        self.outcome.settlements.push(Settlement {
            date: payment.date,
            amount: payment.amount,
            interest: to_interest,
            principal: to_principal,
            excess: left,
        });
        Ok(())
    }
}

pub(super) fn compute(
    debt: &Debt,
    regime: Regime,
    as_of: NaiveDate,
    rates: &Rates,
    explain: bool,
) -> Result<Outcome, InterestError> {
    let mut payments: Vec<Payment> = Vec::with_capacity(debt.payments.len());
    for p in &debt.payments {
        if p.amount <= Decimal::ZERO {
            return Err(InterestError::BadPayment {
                date: p.date,
                amount: p.amount,
            });
        }
        if p.date <= as_of {
            payments.push(*p);
        }
    }
    payments.sort_by_key(|p| p.date);
    let mut suspensions = debt.suspensions.clone();
    suspensions.sort_by_key(|s| s.from);
    let mut account = Account {
        suspensions,
        debt,
        rate: None,
        regime,
        rates,
        explain,
        day: debt.due,
        principal: debt.principal,
        capital_interest: Decimal::ZERO,
        carried: Decimal::ZERO,
        pending: Decimal::ZERO,
        outcome: Outcome::default(),
    };
    let compounds = regime == Regime::NlStatutory;
    let anniversary = |year: u32| {
        year.checked_mul(12)
            .and_then(|months| add_months(debt.due, months))
            .filter(|a| *a <= as_of)
    };
    let mut year = 1u32;
    let mut next_anniversary = if compounds { anniversary(year) } else { None };
    let mut next_payment = 0usize;
    loop {
        let payment = payments.get(next_payment).copied();
        match (next_anniversary, payment) {
            // On the same day the anniversary comes first: the payment then settles the
            // capitalised interest before the principal.
            (Some(a), p) if p.is_none_or(|p| a <= p.date) => {
                account.accrue_to(a)?;
                account.capitalise(a)?;
                year += 1;
                next_anniversary = anniversary(year);
            }
            (_, Some(p)) => {
                account.accrue_to(p.date)?;
                account.pay(p)?;
                next_payment += 1;
            }
            _ => break,
        }
    }
    account.accrue_to(as_of)?;
    account.close_period()?;
    let mut outcome = account.outcome;
    outcome.principal = account.principal;
    outcome.interest = account.carried + account.capital_interest;
    Ok(outcome)
}
