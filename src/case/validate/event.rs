//! `[[fine.event]]` and `[[order.liquidation.event]]`: one grammar for what happens to a
//! decided sum after its decision.

use super::Validator;
use crate::case::Event;
use crate::case::raw;
use crate::events::kind_name;
use chrono::NaiveDate;
use toml::Spanned;

impl Validator<'_> {
    /// The events of a sum decided on `decided`, in date order; `what` names the sum
    /// (`fine`, `liquidation`) in messages.
    pub(super) fn events(
        &mut self,
        raw_events: &[Spanned<raw::RawEvent>],
        decided: NaiveDate,
        what: &str,
    ) -> Vec<Event> {
        let mut events = Vec::with_capacity(raw_events.len());
        let mut last: Option<NaiveDate> = None;
        // The day collection was suspended, while it is.
        let mut suspended: Option<NaiveDate> = None;
        for e in raw_events {
            let e = e.get_ref();
            let date = self.date(&e.date, "date");
            if date < decided {
                self.error(
                    e.date.span(),
                    format!(
                        "event date {date} is before the {what} was decided (decided = {decided})"
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
            let known = self.opt_date(&e.decided, "decided");
            if let (Some(k), Some(span)) = (known, e.decided.as_ref().map(Spanned::span))
                && k < date
            {
                self.error(
                    span,
                    format!(
                        "decided {k} is before the event's date ({date}): decided is the day the event was decided or became known, on or after its date"
                    ),
                );
            }
            let kind = *e.kind.get_ref();
            match (kind, suspended) {
                (raw::EventKind::Suspended, Some(since)) => self.error(
                    e.kind.span(),
                    format!(
                        "collection of the {what} is already suspended since {since}: add a \"resumed\" event before suspending it again"
                    ),
                ),
                (raw::EventKind::Suspended, None) => suspended = Some(date),
                (raw::EventKind::Resumed, None) => self.error(
                    e.kind.span(),
                    format!(
                        "a \"resumed\" event needs a \"suspended\" event before it: collection of the {what} is not suspended"
                    ),
                ),
                (raw::EventKind::Resumed, Some(_)) => suspended = None,
                _ => {}
            }
            let amount = match (&e.amount, kind) {
                (Some(a), raw::EventKind::Reduced) => Some(self.not_negative_or_positive(a, what)),
                (None, raw::EventKind::Reduced) => {
                    self.error(
                        e.kind.span(),
                        format!(
                            "a \"reduced\" event needs the {what}'s new amount: add amount = \"...\""
                        ),
                    );
                    None
                }
                (Some(a), other) => {
                    self.error(
                        a.span(),
                        format!(
                            "amount is only for kind = \"reduced\", found kind = \"{}\"",
                            kind_name(other)
                        ),
                    );
                    None
                }
                (None, _) => None,
            };
            let date_known = match &e.date_known {
                Some(flag) if !*flag.get_ref() && kind != raw::EventKind::Appealed => {
                    self.error(
                        flag.span(),
                        format!(
                            "date_known = false is only for kind = \"appealed\" (an appeal lodged on a day that is not public); kind = \"{}\" is a decision, dated by whoever took it: give its date",
                            kind_name(kind)
                        ),
                    );
                    true
                }
                Some(flag) => *flag.get_ref(),
                None => true,
            };
            events.push(Event {
                date,
                kind,
                amount,
                decided: known,
                date_known,
                reference: e.reference.clone(),
                notes: e.notes.clone(),
            });
        }
        events
    }

    /// A reduced amount: a fine's must be positive (annulment sets a fine to nothing); a
    /// liquidation's may be zero, as a liquidation may waive its window.
    fn not_negative_or_positive(
        &mut self,
        a: &Spanned<raw::Amount>,
        what: &str,
    ) -> rust_decimal::Decimal {
        if what == "fine" {
            self.positive(a, "amount")
        } else {
            self.not_negative(a, "amount")
        }
    }
}
