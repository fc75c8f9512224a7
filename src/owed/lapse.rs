//! Forfeited sums of a *last onder dwangsom* that no liquidation covers, and when they lapse
//! (Awb 5:35): the sum of each day lapses one year after it was forfeited, unless a collection
//! order (`[[order.collection]]`) was dated within that year.
//!
//! The sums are the order's accrual in closed form: forfeited through a day is what accrued
//! up to its end, less what the liquidations (not annulled) took of their windows.

use crate::accrue::{self, LiquidationFigures, Overflow};
use crate::case::{Case, Order};
use crate::events::Status;
use crate::exposure::CaseFigures;
use crate::limitation::{Forfeitures, Lapsed, Rule};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// An order's forfeited sums that lapse under Awb 5:35, as of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLapse {
    /// The order's id.
    pub order: String,
    /// The sums time-barred as of the day, at most the order's accruing penalties.
    pub barred: Lapsed,
}

/// The forfeited sums of `order` that no liquidation covers, through the end of `day`.
fn unliquidated(
    order: &Order,
    liquidations: &[&LiquidationFigures],
    day: NaiveDate,
) -> Result<Decimal, Overflow> {
    let Some(next) = day.succ_opt() else {
        return Ok(Decimal::ZERO);
    };
    let mut total = accrue::accrued_before(order, next)?;
    for l in liquidations {
        let window = l.liquidation.window;
        if window.from > day {
            continue;
        }
        let taken = accrue::accrued_before(order, window.until.min(next))?
            - accrue::accrued_before(order, window.from)?;
        total -= taken;
    }
    Ok(total.max(Decimal::ZERO))
}

/// The forfeitures of `order` under Awb 5:35 through `last`, or `None` when the order has no
/// first day of delay or its rule is not Awb 5:35.
fn with_forfeitures<T>(
    case: &Case,
    order: &Order,
    figures: &CaseFigures,
    last: NaiveDate,
    run: impl FnOnce(&Forfeitures<'_, Overflow>) -> Result<T, Overflow>,
) -> Result<Option<T>, Overflow> {
    if super::order_rule(case, order.limitation()) != Rule::Dwangsom {
        return Ok(None);
    }
    let Some(o) = figures.orders.iter().find(|o| o.id == order.id) else {
        return Ok(None);
    };
    let Some(first) = o.accrual.first_day.filter(|first| *first <= last) else {
        return Ok(None);
    };
    let liquidations: Vec<&LiquidationFigures> = o
        .accrual
        .liquidations
        .iter()
        .filter(|l| l.status != Status::Annulled)
        .collect();
    let forfeited = |day: NaiveDate| unliquidated(order, &liquidations, day);
    let f = Forfeitures {
        forfeited: &forfeited,
        first,
        last,
        collection_orders: order.collections(),
        appeals: &[],
    };
    run(&f).map(Some)
}

/// The lapsed forfeited sums of every order of `case` as of `as_of`, each at most the order's
/// accruing penalties; orders with nothing lapsed are left out.
pub fn barred(
    case: &Case,
    figures: &CaseFigures,
    as_of: NaiveDate,
) -> Result<Vec<OrderLapse>, Overflow> {
    let mut out = Vec::new();
    for order in &case.orders {
        let Some(mut barred) = with_forfeitures(case, order, figures, as_of, |f| f.barred(as_of))?
        else {
            continue;
        };
        let accruing = figures
            .orders
            .iter()
            .find(|o| o.id == order.id)
            .map_or(Decimal::ZERO, |o| o.accrual.accruing);
        barred.amount = barred.amount.min(accruing);
        if !barred.amount.is_zero() {
            out.push(OrderLapse {
                order: order.id.clone(),
                barred,
            });
        }
    }
    Ok(out)
}

/// The forfeited sums of every order of `case` not yet time-barred on `as_of` that will be by
/// `as_of + days`, unless a collection order comes first.
pub fn lapsing(
    case: &Case,
    figures: &CaseFigures,
    as_of: NaiveDate,
    days: u32,
) -> Result<Vec<OrderLapse>, Overflow> {
    let mut out = Vec::new();
    for order in &case.orders {
        let Some(lapsing) = with_forfeitures(case, order, figures, as_of, |f| {
            f.lapsing_within(as_of, days)
        })?
        else {
            continue;
        };
        if !lapsing.amount.is_zero() {
            out.push(OrderLapse {
                order: order.id.clone(),
                barred: lapsing,
            });
        }
    }
    Ok(out)
}
