//! An order's first day of delay: `starts`, `deadline` or `grace`, extended to a business day
//! when asked.

use super::{MAX_YEAR, Validator};
use crate::calendar::{self, Grace};
use crate::case::raw::{Date, RawDeadlineChange, RawOrder};
use crate::case::{DeadlineChange, Start, StartRule};
use chrono::{Datelike, NaiveDate};
use std::ops::Range;
use toml::Spanned;

/// The keys that give a first day of delay, on an order or a deadline change.
#[derive(Clone, Copy)]
struct StartKeys<'r> {
    starts: &'r Option<Spanned<Date>>,
    deadline: &'r Option<Spanned<Date>>,
    grace: &'r Option<Spanned<String>>,
}

impl Validator<'_> {
    /// The order's first day of delay, from `starts`, `deadline` or `grace`; `None` after an
    /// error.
    pub(super) fn start(
        &mut self,
        o: &RawOrder,
        decided: Option<NaiveDate>,
        notified: Option<NaiveDate>,
        extend: bool,
        holidays: &[NaiveDate],
    ) -> Option<Start> {
        let keys = StartKeys {
            starts: &o.starts,
            deadline: &o.deadline,
            grace: &o.grace,
        };
        let start = self.start_from(keys, decided, notified, extend, holidays, "the decision")?;
        if start == Start::Unknown
            && let Some(e) = &o.extend
        {
            self.error(
                e.span(),
                "extend applies to a deadline or a grace period, and this order has neither",
            );
        }
        if let (Some(e), Some(_)) = (&o.extend, &o.starts) {
            self.error(
                e.span(),
                "extend applies to a deadline or a grace period, not to starts",
            );
        }
        Some(start)
    }

    /// The order's deadline changes, sorted by decision date; each must give one of starts,
    /// deadline or grace, and come on or after the order's decision.
    pub(super) fn deadline_changes(
        &mut self,
        o: &RawOrder,
        order_decided: Option<NaiveDate>,
        extend: bool,
        holidays: &[NaiveDate],
    ) -> Vec<DeadlineChange> {
        let mut out: Vec<DeadlineChange> = Vec::with_capacity(o.deadline_change.len());
        for c in &o.deadline_change {
            let r: &RawDeadlineChange = c.get_ref();
            let decided = self.date(&r.decided, "decided");
            let notified = self.opt_date(&r.notified, "notified");
            if let Some(n) = notified
                && n < decided
            {
                self.error(
                    r.notified.as_ref().map_or(c.span(), Spanned::span),
                    format!("notified {n} is before the change's decision (decided = {decided})"),
                );
            }
            if let Some(dec) = order_decided
                && decided < dec
            {
                self.error(
                    r.decided.span(),
                    format!(
                        "a deadline change decided {decided} comes before the order's decision (decided = {dec})"
                    ),
                );
            }
            if let Some(prev) = out.iter().find(|p| p.decided == decided) {
                self.error(
                    r.decided.span(),
                    format!(
                        "two deadline changes are decided on {}: give one change per decision",
                        prev.decided
                    ),
                );
            }
            let keys = StartKeys {
                starts: &r.starts,
                deadline: &r.deadline,
                grace: &r.grace,
            };
            match self.start_from(
                keys,
                Some(decided),
                notified,
                extend,
                holidays,
                "the change's decision",
            ) {
                Some(Start::Unknown) => self.error(
                    c.span(),
                    "a deadline change gives one of starts, deadline or grace",
                ),
                Some(start) => out.push(DeadlineChange {
                    decided,
                    start,
                    reference: r.reference.clone(),
                }),
                None => {}
            }
        }
        out.sort_by_key(|c| c.decided);
        out
    }

    /// A first day of delay from `starts`, `deadline` or `grace` (counted from `notified`,
    /// else `decided`); `Start::Unknown` when none is given, `None` after an error.
    fn start_from(
        &mut self,
        o: StartKeys<'_>,
        decided: Option<NaiveDate>,
        notified: Option<NaiveDate>,
        extend: bool,
        holidays: &[NaiveDate],
        decision: &str,
    ) -> Option<Start> {
        let given: Vec<(&str, Range<usize>)> = [
            ("starts", o.starts.as_ref().map(Spanned::span)),
            ("deadline", o.deadline.as_ref().map(Spanned::span)),
            ("grace", o.grace.as_ref().map(Spanned::span)),
        ]
        .into_iter()
        .filter_map(|(k, s)| s.map(|s| (k, s)))
        .collect();
        if let [(first, _), (second, span), ..] = given.as_slice() {
            self.error(
                span.clone(),
                format!(
                    "give one of starts, deadline or grace, not both: found {first} and {second}"
                ),
            );
            return None;
        }
        if let Some(s) = o.starts {
            let first_day = self.date(s, "starts");
            if let Some(dec) = decided
                && first_day < dec
            {
                self.error(
                    s.span(),
                    format!("starts {first_day} is before {decision} (decided = {dec})"),
                );
            }
            return Some(Start::Known {
                first_day,
                rule: StartRule::Starts,
            });
        }
        if let Some(d) = o.deadline {
            let written = self.date(d, "deadline");
            if let Some(dec) = decided
                && written < dec
            {
                self.error(
                    d.span(),
                    format!("deadline {written} is before {decision} (decided = {dec})"),
                );
            }
            let deadline = self.extended(written, extend, holidays, d.span())?;
            let what = if deadline == written {
                "deadline"
            } else {
                "the extended deadline"
            };
            return Some(Start::Known {
                first_day: self.first_day_after(deadline, d.span(), what)?,
                rule: StartRule::Deadline { written, deadline },
            });
        }
        if let Some(g) = o.grace {
            let grace: Grace = match g.get_ref().parse() {
                Ok(grace) => grace,
                Err(message) => {
                    self.error(g.span(), message);
                    return None;
                }
            };
            let (from, from_key) = match (notified, decided) {
                (Some(n), _) => (n, "notified"),
                (None, Some(d)) => (d, "decided"),
                (None, None) => {
                    self.error(
                        g.span(),
                        "a grace period is counted from notified (or decided): give one of them",
                    );
                    return None;
                }
            };
            let computed = match grace.deadline(from) {
                Some(d) if d.year() <= MAX_YEAR => d,
                _ => {
                    self.error(
                        g.span(),
                        format!(
                            "the grace period \"{grace}\" from {from_key} = {from} ends after the year {MAX_YEAR}"
                        ),
                    );
                    return None;
                }
            };
            let deadline = self.extended(computed, extend, holidays, g.span())?;
            return Some(Start::Known {
                first_day: self.first_day_after(
                    deadline,
                    g.span(),
                    "the grace period's deadline",
                )?,
                rule: StartRule::Grace {
                    from,
                    from_key,
                    grace,
                    computed,
                    deadline,
                },
            });
        }
        Some(Start::Unknown)
    }

    /// The deadline moved to the next business day when `extend` says so.
    pub(super) fn extended(
        &mut self,
        deadline: NaiveDate,
        extend: bool,
        holidays: &[NaiveDate],
        span: Range<usize>,
    ) -> Option<NaiveDate> {
        if !extend {
            return Some(deadline);
        }
        let moved = calendar::next_business_day(deadline, holidays);
        if moved.is_none_or(|d| d.year() > MAX_YEAR) {
            self.error(
                span,
                format!("the deadline {deadline}, moved to the next business day, falls after the year {MAX_YEAR}"),
            );
            return None;
        }
        moved
    }
}
