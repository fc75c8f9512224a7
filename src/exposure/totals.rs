//! The figures every report line and total carries, and how they add up.

use crate::accrue::{Forfeiture, exact_add, exact_sub};
use crate::owed::Owed;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// The figures every report line carries. Exposure, owed and outstanding are derived.
///
/// The derived figures use plain `+` and `-`: `build_report` checks that they fit in a decimal
/// for every line and total of a report (`Totals::checked`), so they cannot overflow there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    /// The part of the payments that settled late-payment interest (payments settle interest
    /// first): it pays no principal, so outstanding adds it back.
    pub interest_paid: Decimal,
    /// What one more day adds, over the open orders charged per day.
    pub run_rate: Decimal,
    /// Cap still at risk on open orders (not part of exposure).
    pub at_risk: Decimal,
    /// The earliest next forfeiture of the open orders, with the sum of all those forfeited
    /// on that day (converted at the rate of the as-of date).
    pub next_forfeiture: Option<Forfeiture>,
    /// What is owed beyond the components: payable, suspended, interest and time-barred
    /// sums; `None` when everything outstanding is payable, with no interest, nothing
    /// suspended and nothing time-barred (most lines: a report holds one per case).
    pub owed: Option<Box<Owed>>,
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
    /// Principal still unpaid: owed less the payments that settled principal (paid less the
    /// interest it settled).
    pub fn outstanding(&self) -> Decimal {
        self.owed() - self.paid + self.interest_paid
    }

    /// What is owed, with `payable` the outstanding amount when nothing says otherwise.
    pub fn owed_figures(&self) -> Owed {
        match &self.owed {
            Some(owed) => **owed,
            None => Owed {
                payable: self.outstanding(),
                ..Owed::default()
            },
        }
    }
    /// Unpaid principal and interest of the debts that can be collected.
    pub fn payable(&self) -> Decimal {
        self.owed_figures().payable
    }
    /// Unpaid principal and interest of the debts whose collection is suspended.
    pub fn suspended(&self) -> Decimal {
        self.owed.as_ref().map_or(Decimal::ZERO, |o| o.suspended)
    }
    /// Late-payment interest accrued and not yet paid.
    pub fn interest(&self) -> Decimal {
        self.owed.as_ref().map_or(Decimal::ZERO, |o| o.interest)
    }
    /// Sums time-barred, counted zero in the components.
    pub fn time_barred(&self) -> Decimal {
        self.owed.as_ref().map_or(Decimal::ZERO, |o| o.time_barred)
    }
    /// Outstanding plus unpaid interest: what remains to pay.
    pub fn total_due(&self) -> Decimal {
        self.outstanding() + self.interest()
    }

    /// `owed` kept only when it says more than the components: see [`Totals::owed`].
    pub fn with_owed(mut self, owed: Owed) -> Totals {
        let plain = Owed {
            payable: self.outstanding(),
            ..Owed::default()
        };
        self.owed = (owed != plain).then(|| Box::new(owed));
        self
    }

    pub(super) fn checked_add(&self, o: &Totals) -> Option<Totals> {
        let owed = match (&self.owed, &o.owed) {
            (None, None) => None,
            _ => {
                let (a, b) = (self.owed_figures(), o.owed_figures());
                Some(Box::new(Owed {
                    payable: exact_add(a.payable, b.payable)?,
                    suspended: exact_add(a.suspended, b.suspended)?,
                    interest: exact_add(a.interest, b.interest)?,
                    time_barred: exact_add(a.time_barred, b.time_barred)?,
                }))
            }
        };
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
            interest_paid: exact_add(self.interest_paid, o.interest_paid)?,
            run_rate: exact_add(self.run_rate, o.run_rate)?,
            at_risk: exact_add(self.at_risk, o.at_risk)?,
            next_forfeiture: earliest(self.next_forfeiture, o.next_forfeiture)?,
            owed,
        })
        .filter(Totals::checked)
    }

    /// Whether every derived figure (fines, liquidated, penalties, exposure, owed,
    /// outstanding, total due) is exact in a decimal, so that the methods above cannot overflow or round.
    pub fn checked(&self) -> bool {
        let fines = exact_add(self.fines_enforceable, self.fines_contested);
        let Some(liquidated) = exact_add(self.liquidated_enforceable, self.liquidated_contested)
        else {
            return false;
        };
        let penalties = exact_add(liquidated, self.accruing);
        let owed = fines.and_then(|f| exact_add(f, liquidated));
        let exposure = fines.zip(penalties).and_then(|(f, p)| exact_add(f, p));
        let outstanding = owed
            .and_then(|o| exact_sub(o, self.paid))
            .and_then(|o| exact_add(o, self.interest_paid));
        let total_due = outstanding.and_then(|o| exact_add(o, self.interest()));
        exposure.is_some() && total_due.is_some()
    }
}

/// The earlier of two next forfeitures, or both summed when they fall on the same day;
/// `None` (outside) when that sum does not fit in a decimal.
pub fn earliest(a: Option<Forfeiture>, b: Option<Forfeiture>) -> Option<Option<Forfeiture>> {
    Some(match (a, b) {
        (Some(x), Some(y)) => Some(match x.date.cmp(&y.date) {
            Ordering::Less => x,
            Ordering::Greater => y,
            Ordering::Equal => Forfeiture {
                date: x.date,
                amount: exact_add(x.amount, y.amount)?,
            },
        }),
        (x, None) => x,
        (None, y) => y,
    })
}
