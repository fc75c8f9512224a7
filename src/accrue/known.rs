//! An order as it was known at the end of a day D (design §10): a change decided after D
//! does not exist as of D, whatever the day it takes effect; without `decided`, a change is
//! known from the day it takes effect. Compliance or lifting after D has not happened, and
//! the latest deadline change decided on or before D gives the first day of delay.
//!
//! Every figure as of D is computed on this view, so that nothing peeks at the future (an
//! order complied with on D+1 is open as of D and one more day adds its rate). The view
//! borrows the order when nothing is filtered out, which is the common case, so that a
//! portfolio's report does not copy its orders.

use crate::case::{Measurement, Order, RateChange};
use chrono::NaiveDate;
use std::borrow::Cow;

/// Whether the order exists as of `as_of`: an order decided after it does not, like a fine
/// decided after it.
pub fn exists(order: &Order, as_of: NaiveDate) -> bool {
    order.decided.is_none_or(|d| d <= as_of)
}

/// The order as known at the end of `as_of`: changes decided after it left out, the first
/// day of delay set by the latest deadline change decided by then (and the changes
/// themselves dropped, so that the view of a view is the same view).
pub fn known(order: &Order, as_of: NaiveDate) -> Cow<'_, Order> {
    let later = |d: NaiveDate| d > as_of;
    let rate_change_later = |rc: &RateChange| later(rc.decided.unwrap_or(rc.from));
    let suspension_decided = |i: usize| order.suspension_decided(i);
    let measurement_later = |m: &Measurement| later(m.decided.unwrap_or(m.date));
    let filtered = order.complied.is_some_and(later)
        || order.lifted.is_some_and(later)
        || !order.deadline_changes().is_empty()
        || order.rate_changes.iter().any(rate_change_later)
        || order
            .suspensions
            .iter()
            .enumerate()
            .any(|(i, s)| later(suspension_decided(i).unwrap_or(s.from)))
        || order.measurements().iter().any(measurement_later);
    if !filtered {
        return Cow::Borrowed(order);
    }
    let mut o = order.clone();
    o.complied = o.complied.filter(|&d| !later(d));
    o.lifted = o.lifted.filter(|&d| !later(d));
    if let Some(change) = order
        .deadline_changes()
        .iter()
        .rev()
        .find(|c| !later(c.decided))
    {
        o.start = change.start.clone();
    }
    o.rate_changes.retain(|rc| !rate_change_later(rc));
    let (mut suspensions, mut decided) = (Vec::new(), Vec::new());
    for (i, s) in order.suspensions.iter().enumerate() {
        if !later(suspension_decided(i).unwrap_or(s.from)) {
            suspensions.push(*s);
            decided.push(suspension_decided(i));
        }
    }
    o.suspensions = suspensions;
    if let Some(a) = o.amendments.as_deref_mut() {
        a.deadline_changes.clear();
        a.suspensions_decided = decided;
        a.measurements.retain(|m| !measurement_later(m));
    }
    if o.amendments.as_deref().is_some_and(|a| a.is_empty()) {
        o.amendments = None;
    }
    Cow::Owned(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accrue::tests::{d, order};
    use crate::accrue::{OrderState, accrue};
    use crate::case::{DeadlineChange, Per, Period, PeriodEnd, Start, StartRule};
    use rust_decimal_macros::dec;

    #[test]
    fn nothing_filtered_borrows() {
        let o = order("2023-01-01", dec!(100), Per::Day);
        assert!(matches!(known(&o, d("2023-06-01")), Cow::Borrowed(_)));
    }

    #[test]
    fn the_view_of_a_view_is_the_same_view() {
        let mut o = order("2019-11-01", dec!(100), Per::Day);
        o.complied = Some(d("2020-06-01"));
        o.rate_changes.push(RateChange {
            from: d("2019-12-01"),
            rate: dec!(50),
            decided: Some(d("2020-01-15")),
        });
        o.amendments_mut().deadline_changes.push(DeadlineChange {
            decided: d("2019-11-20"),
            start: Start::Known {
                first_day: d("2019-12-01"),
                rule: StartRule::Starts,
            },
            reference: None,
        });
        for as_of in ["2019-11-19", "2019-12-31", "2020-02-01", "2020-07-01"] {
            let once = known(&o, d(as_of)).into_owned();
            let twice = known(&once, d(as_of));
            assert!(matches!(twice, Cow::Borrowed(_)), "as of {as_of}");
            assert_eq!(
                accrue(&o, d(as_of)).unwrap(),
                accrue(&once, d(as_of)).unwrap(),
                "as of {as_of}"
            );
        }
        // As of 2020-02-01: the extension moved the first day to 1 December and the halving
        // is known: 63 days (31 in December, 31 in January, 1 February) x 50 = 3,150.
        assert_eq!(accrue(&o, d("2020-02-01")).unwrap().accrued, dec!(3150));
    }

    #[test]
    fn complied_the_next_day_is_still_open_with_its_rate() {
        let mut o = order("2023-01-01", dec!(100), Per::Day);
        o.complied = Some(d("2023-01-21"));
        let a = accrue(&o, d("2023-01-20")).unwrap();
        // 20 days x 100 = 2,000, still open, and one more day adds 100.
        assert_eq!(a.state, OrderState::Open);
        assert_eq!(a.accrued, dec!(2000));
        assert_eq!(a.run_rate, Some(dec!(100)));
        let a = accrue(&o, d("2023-01-21")).unwrap();
        assert_eq!(a.state, OrderState::Complied(d("2023-01-21")));
        assert_eq!(a.run_rate, None);
    }

    #[test]
    fn a_rate_change_is_known_from_its_decision_or_its_first_day() {
        let mut o = order("2023-01-01", dec!(100), Per::Day);
        // Halved from 11 January, decided on 20 January with effect back to 11 January.
        o.rate_changes.push(RateChange {
            from: d("2023-01-11"),
            rate: dec!(50),
            decided: Some(d("2023-01-20")),
        });
        // As of 19 January, 19 days x 100 = 1,900: the halving is not known yet.
        assert_eq!(accrue(&o, d("2023-01-19")).unwrap().accrued, dec!(1900));
        // As of 20 January, 10 days x 100 + 10 days x 50 = 1,500.
        assert_eq!(accrue(&o, d("2023-01-20")).unwrap().accrued, dec!(1500));
        // Without a decision date, a change to 25 from 1 February is not known on 31
        // January: one more day still adds 50.
        o.rate_changes.push(RateChange {
            from: d("2023-02-01"),
            rate: dec!(25),
            decided: None,
        });
        assert_eq!(
            accrue(&o, d("2023-01-31")).unwrap().run_rate,
            Some(dec!(50))
        );
        assert_eq!(
            accrue(&o, d("2023-02-01")).unwrap().run_rate,
            Some(dec!(25))
        );
    }

    #[test]
    fn a_suspension_decided_later_does_not_exist_before() {
        let mut o = order("2023-01-01", dec!(100), Per::Day);
        o.suspensions.push(Period {
            from: d("2023-01-01"),
            until: d("2023-01-11"),
            written: PeriodEnd::Until,
        });
        o.amendments_mut().suspensions_decided = vec![Some(d("2023-02-01"))];
        // As of 31 January: 31 days x 100; as of 1 February, 10 of its 32 days suspended.
        assert_eq!(accrue(&o, d("2023-01-31")).unwrap().accrued, dec!(3100));
        assert_eq!(accrue(&o, d("2023-02-01")).unwrap().accrued, dec!(2200));
    }

    #[test]
    fn the_latest_deadline_change_decided_by_then_gives_the_first_day() {
        // Deadline 31 October 2019, extended to 1 March 2020 by a decision of 20 November.
        let mut o = order("2019-11-01", dec!(100), Per::Day);
        o.amendments_mut().deadline_changes.push(DeadlineChange {
            decided: d("2019-11-20"),
            start: Start::Known {
                first_day: d("2020-03-02"),
                rule: StartRule::Starts,
            },
            reference: None,
        });
        // As of 19 November: 1 to 19 November, 19 days of delay.
        assert_eq!(accrue(&o, d("2019-11-19")).unwrap().days, 19);
        // As of 20 November the extension removes them, retroactively.
        let a = accrue(&o, d("2019-11-20")).unwrap();
        assert_eq!((a.days, a.accrued), (0, dec!(0)));
        assert_eq!(a.state, OrderState::Pending);
    }
}
