//! What happens to a decided sum after its decision: appeals, annulments, reinstatements,
//! reductions and confirmations, and suspensions of its collection. Fines (`[[fine.event]]`) and liquidations
//! (`[[order.liquidation.event]]`) share one grammar and one rule, so both read the same:
//! the standing of a sum as of a day follows from the events known on or before that day.
//!
//! `suspended` and `resumed` do not change the standing: they stay collection (an appeal with
//! suspensive effect, a court's order, the authority's own decision), from the day of
//! `suspended` to the day before `resumed` ([`suspensions`]).
//!
//! An event is known from its `decided` day when the file gives one (a judgment published
//! later than its date, a reduction learnt of afterwards), else from its `date`. As of a day,
//! an event not yet known does not exist.

use crate::case::EventKind;
use crate::interest::Suspension;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;

/// The standing of a fine or a liquidation as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// No event, or upheld: payable.
    Enforceable,
    /// Under appeal, or reinstated pending a remitted appeal: counted, but contested.
    Contested,
    /// Set aside: counts zero.
    Annulled,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Enforceable => "enforceable",
            Status::Contested => "contested",
            Status::Annulled => "annulled",
        })
    }
}

/// One event in the life of a fine or a liquidation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When it happened (the judgment's or decision's date).
    pub date: NaiveDate,
    /// What happened.
    pub kind: EventKind,
    /// The new amount, for `reduced`.
    pub amount: Option<Decimal>,
    /// The day it was decided or became known, when later than `date`.
    pub decided: Option<NaiveDate>,
    /// False for an appeal lodged on a day that is not public (`date_known = false`): `date`
    /// is then the earliest day it can have been lodged, a bound rather than the fact.
    pub date_known: bool,
    /// The decision's reference.
    pub reference: Option<String>,
    /// Free text.
    pub notes: Option<String>,
}

impl Event {
    /// The first day the event is known: `decided` when given, else `date`.
    pub fn known(&self) -> NaiveDate {
        self.decided.unwrap_or(self.date)
    }
}

/// A sum's standing as of a date: its amount in force, its status and the event that last
/// changed either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The amount in force: the amount decided, or the last reduction known.
    pub amount: Decimal,
    /// Its status.
    pub status: Status,
    /// The latest event known on or before the date, in date order.
    pub set_by: Option<Event>,
}

impl Standing {
    /// What the sum counts for: its amount, or zero when annulled.
    pub fn counted(&self) -> Decimal {
        if self.status == Status::Annulled {
            Decimal::ZERO
        } else {
            self.amount
        }
    }
}

/// The standing as of `as_of` of a sum decided at `amount` with `events` (in date order): the
/// events known on or before `as_of` apply in date order. `reduced` changes the amount and
/// keeps the status; `appealed` and `reinstated` make it contested, `upheld` enforceable and
/// `annulled` annulled.
pub fn standing(amount: Decimal, events: &[Event], as_of: NaiveDate) -> Standing {
    let mut out = Standing {
        amount,
        status: Status::Enforceable,
        set_by: None,
    };
    for e in events.iter().filter(|e| e.known() <= as_of) {
        match e.kind {
            EventKind::Appealed | EventKind::Reinstated => out.status = Status::Contested,
            EventKind::Upheld => out.status = Status::Enforceable,
            EventKind::Annulled => out.status = Status::Annulled,
            EventKind::Reduced => out.amount = e.amount.unwrap_or(out.amount),
            EventKind::Suspended | EventKind::Resumed => continue,
        }
        out.set_by = Some(e.clone());
    }
    out
}

/// The periods in which collection is suspended, from the `suspended` and `resumed` events
/// known on or before `as_of` (in date order): each from a `suspended` day through the day
/// before the next `resumed`, open when none is known.
pub fn suspensions(events: &[Event], as_of: NaiveDate) -> Vec<Suspension> {
    let mut out: Vec<Suspension> = Vec::new();
    for e in events.iter().filter(|e| e.known() <= as_of) {
        match e.kind {
            EventKind::Suspended if out.last().is_none_or(|s| s.to.is_some()) => {
                out.push(Suspension {
                    from: e.date,
                    to: None,
                });
            }
            EventKind::Resumed => {
                if let Some(open) = out.last_mut().filter(|s| s.to.is_none()) {
                    open.to = Some(e.date.pred_opt().unwrap_or(e.date));
                }
            }
            _ => {}
        }
    }
    // A suspension resumed on its first day suspends nothing.
    out.retain(|s| s.to.is_none_or(|to| to >= s.from));
    out
}

/// The name of an event kind, as written in a case file.
pub fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Appealed => "appealed",
        EventKind::Annulled => "annulled",
        EventKind::Reinstated => "reinstated",
        EventKind::Reduced => "reduced",
        EventKind::Upheld => "upheld",
        EventKind::Suspended => "suspended",
        EventKind::Resumed => "resumed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn event(date: &str, kind: EventKind, amount: Option<Decimal>) -> Event {
        Event {
            date: d(date),
            kind,
            amount,
            decided: None,
            date_known: true,
            reference: None,
            notes: None,
        }
    }

    #[test]
    fn a_reduction_on_appeal_counts_from_its_date() {
        // General Court, T-167/08: EUR 899M cut to 860M on 27 June 2012.
        let events = [
            event("2008-05-09", EventKind::Appealed, None),
            event("2012-06-27", EventKind::Reduced, Some(dec!(860000000))),
        ];
        let before = standing(dec!(899000000), &events, d("2012-06-26"));
        assert_eq!(
            (before.amount, before.status),
            (dec!(899000000), Status::Contested)
        );
        let after = standing(dec!(899000000), &events, d("2012-06-27"));
        assert_eq!(
            (after.amount, after.status),
            (dec!(860000000), Status::Contested)
        );
        assert_eq!(after.set_by.map(|e| e.kind), Some(EventKind::Reduced));
    }

    #[test]
    fn an_event_decided_later_does_not_exist_before_it_is_known() {
        let mut annulled = event("2023-10-17", EventKind::Annulled, None);
        annulled.decided = Some(d("2023-11-01"));
        let events = [annulled];
        let s = standing(dec!(100), &events, d("2023-10-31"));
        assert_eq!((s.status, s.counted()), (Status::Enforceable, dec!(100)));
        let s = standing(dec!(100), &events, d("2023-11-01"));
        assert_eq!((s.status, s.counted()), (Status::Annulled, dec!(0)));
    }

    #[test]
    fn annulled_then_reinstated_counts_as_contested() {
        // The ICO's GBP 7,552,800: set aside 17 Oct 2023, revived on 6 Oct 2025.
        let events = [
            event("2023-10-17", EventKind::Annulled, None),
            event("2025-10-06", EventKind::Reinstated, None),
        ];
        assert_eq!(
            standing(dec!(7552800), &events, d("2024-01-01")).counted(),
            dec!(0)
        );
        let s = standing(dec!(7552800), &events, d("2025-10-06"));
        assert_eq!((s.status, s.counted()), (Status::Contested, dec!(7552800)));
    }

    #[test]
    fn collection_is_suspended_from_suspended_to_the_day_before_resumed() {
        let mut late = event("2023-09-01", EventKind::Suspended, None);
        late.decided = Some(d("2023-09-15"));
        let events = [
            event("2023-03-01", EventKind::Suspended, None),
            event("2023-06-01", EventKind::Resumed, None),
            late,
        ];
        let period = |from: &str, to: Option<&str>| Suspension {
            from: d(from),
            to: to.map(d),
        };
        // As of 2023-04-30 the suspension is open; the later one is not known before 15 Sep.
        assert_eq!(
            suspensions(&events, d("2023-04-30")),
            vec![period("2023-03-01", None)]
        );
        assert_eq!(
            suspensions(&events, d("2023-09-14")),
            vec![period("2023-03-01", Some("2023-05-31"))]
        );
        assert_eq!(
            suspensions(&events, d("2023-09-15")),
            vec![
                period("2023-03-01", Some("2023-05-31")),
                period("2023-09-01", None)
            ]
        );
        // Suspended and resumed on the same day: nothing is suspended.
        let same = [
            event("2023-03-01", EventKind::Suspended, None),
            event("2023-03-01", EventKind::Resumed, None),
        ];
        assert_eq!(suspensions(&same, d("2023-12-31")), vec![]);
        // Neither changes the status.
        assert_eq!(standing(dec!(100), &events, d("2023-12-31")).set_by, None);
    }
}
