//! `[[fine]]` tables and their events.

use super::{Validator, event_kind_name};
use crate::case::raw;
use crate::case::{Fine, FineEvent};
use chrono::NaiveDate;
use toml::Spanned;

impl Validator<'_> {
    pub(super) fn fine(&mut self, f: &raw::RawFine) -> Fine {
        let id = self.identifier(&f.id, "fine id");
        let amount = self.positive(&f.amount, "amount");
        let decided = self.date(&f.decided, "decided");
        let due = self.opt_date(&f.due, "due");
        if let (Some(due_date), Some(span)) = (due, f.due.as_ref().map(Spanned::span))
            && due_date < decided
        {
            self.error(
                span,
                format!("due {due_date} is before the decision (decided = {decided})"),
            );
        }
        let mut events = Vec::with_capacity(f.event.len());
        let mut last: Option<NaiveDate> = None;
        for e in &f.event {
            let e = e.get_ref();
            let date = self.date(&e.date, "date");
            if date < decided {
                self.error(
                    e.date.span(),
                    format!(
                        "event date {date} is before the fine was decided (decided = {decided})"
                    ),
                );
            }
            if let Some(prev) = last
                && date < prev
            {
                self.error(
                    e.date.span(),
                    format!(
                        "events must be in date order: {date} is listed after an event of {prev}"
                    ),
                );
            }
            last = Some(date);
            let kind = *e.kind.get_ref();
            let amount = match (&e.amount, kind) {
                (Some(a), raw::EventKind::Reduced) => Some(self.positive(a, "amount")),
                (None, raw::EventKind::Reduced) => {
                    self.error(
                        e.kind.span(),
                        "a \"reduced\" event needs the fine's new amount: add amount = \"...\"",
                    );
                    None
                }
                (Some(a), other) => {
                    self.error(
                        a.span(),
                        format!(
                            "amount is only for kind = \"reduced\", found kind = \"{}\"",
                            event_kind_name(other)
                        ),
                    );
                    None
                }
                (None, _) => None,
            };
            events.push(FineEvent {
                date,
                kind,
                amount,
                reference: e.reference.clone(),
            });
        }
        if let Some(basis) = &f.legal_basis
            && let Err(message) = crate::limits::check_legal_basis(basis.get_ref())
        {
            self.error(basis.span(), message);
        }
        Fine {
            id,
            amount,
            decided,
            due,
            reference: f.reference.clone(),
            legal_basis: f.legal_basis.as_ref().map(|b| b.get_ref().clone()),
            events,
        }
    }
}
