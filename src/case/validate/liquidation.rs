//! `[[order.liquidation]]` tables and their events.
//!
//! A day is liquidated once: two windows may overlap only where the liquidation decided first
//! was annulled, for good, by the day the other was decided (its days went back to accruing,
//! and the later liquidation took them up).

use super::Validator;
use crate::case::raw::RawLiquidation;
use crate::case::{Liquidation, Start};
use crate::events::{self, Status};
use std::ops::Range;
use toml::Spanned;

impl Validator<'_> {
    /// An order's liquidations, sorted by window. `start` is how the order's first day of
    /// delay was found; `start_valid` whether it was found without error (an order whose
    /// start has an error already has a message, and its liquidations get none more).
    pub(super) fn liquidations(
        &mut self,
        raw: &[Spanned<RawLiquidation>],
        start: &Start,
        start_valid: bool,
    ) -> Vec<Liquidation> {
        let mut liquidations: Vec<(Liquidation, Range<usize>)> = Vec::with_capacity(raw.len());
        for l in raw {
            let r = l.get_ref();
            let decided_on = self.date(&r.decided, "decided");
            let amount = r.amount.as_ref().map(|a| self.not_negative(a, "amount"));
            let due = self.due_date(&r.due, decided_on);
            let events = self.events(&r.event, decided_on, "liquidation");
            let Some(window) = self.period(l.span(), &r.from, &r.through, &r.until) else {
                continue;
            };
            if decided_on < window.from {
                self.error(
                    r.decided.span(),
                    format!(
                        "decided {decided_on} is before the liquidation window starts (from = {})",
                        window.from
                    ),
                );
            } else if window.until > decided_on.succ_opt().unwrap_or(decided_on) {
                self.error(
                    r.decided.span(),
                    format!(
                        "decided {decided_on} is before the liquidation window ends (its last day is {}): only days already passed can be liquidated",
                        window.last_day()
                    ),
                );
            }
            match start.first_day() {
                Some(first) if window.from < first => self.error(
                    r.from.span(),
                    format!(
                        "the liquidation window starts on {}, before the first day of delay ({first})",
                        window.from
                    ),
                ),
                Some(_) => {}
                None if start_valid => self.error(
                    r.from.span(),
                    "a liquidation needs the order's first day of delay: give starts, deadline or grace",
                ),
                None => {}
            }
            liquidations.push((
                Liquidation {
                    decided: decided_on,
                    window,
                    amount,
                    due,
                    reference: r.reference.clone(),
                    events,
                },
                r.from.span(),
            ));
        }
        self.liquidation_overlaps(&liquidations);
        liquidations.sort_by_key(|(l, s)| (l.window.from, s.start));
        liquidations.into_iter().map(|(l, _)| l).collect()
    }

    /// Reports each window that overlaps another, unless the one decided first was annulled
    /// for good by the day the other was decided.
    fn liquidation_overlaps(&mut self, ls: &[(Liquidation, Range<usize>)]) {
        let mut sorted: Vec<&(Liquidation, Range<usize>)> = ls.iter().collect();
        sorted.sort_by_key(|(l, s)| (l.window.from, s.start));
        // The windows seen so far that may still overlap the next ones.
        let mut open: Vec<&(Liquidation, Range<usize>)> = Vec::new();
        for item in sorted {
            open.retain(|(l, _)| l.window.until > item.0.window.from);
            let clash = open.iter().find(|other| {
                let (first, then) =
                    if (other.0.decided, other.1.start) <= (item.0.decided, item.1.start) {
                        (&other.0, &item.0)
                    } else {
                        (&item.0, &other.0)
                    };
                !annulled_for_good(first, then.decided)
            });
            if let Some(other) = clash {
                let (later, earlier) = if item.1.start > other.1.start {
                    (item, *other)
                } else {
                    (*other, item)
                };
                self.error(
                    later.1.clone(),
                    format!(
                        "liquidation window {} overlaps the liquidation window {} on line {}: a day is liquidated once, unless the liquidation decided first was annulled by the day the other was decided",
                        later.0.window,
                        earlier.0.window,
                        self.line_of(earlier.1.start)
                    ),
                );
            }
            open.push(item);
        }
    }
}

/// Whether `l` is annulled as of `day` and no event known later changes that (a reduction
/// does not).
fn annulled_for_good(l: &Liquidation, day: chrono::NaiveDate) -> bool {
    let zero = rust_decimal::Decimal::ZERO;
    events::standing(zero, &l.events, day).status == Status::Annulled
        && l.events.iter().filter(|e| e.known() > day).all(|e| {
            matches!(
                e.kind,
                crate::case::EventKind::Annulled | crate::case::EventKind::Reduced
            )
        })
}
