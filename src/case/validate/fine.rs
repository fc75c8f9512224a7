//! `[[fine]]` tables and their events.

use super::Validator;
use crate::case::Fine;
use crate::case::raw;

impl Validator<'_> {
    pub(super) fn fine(&mut self, f: &raw::RawFine) -> Fine {
        let id = self.identifier(&f.id, "fine id");
        let amount = self.positive(&f.amount, "amount");
        let decided = self.date(&f.decided, "decided");
        let due = self.due_date(&f.due, decided);
        let interest = self.interest_regime(&f.interest);
        let limitation = self.limitation_rule(&f.limitation);
        let events = self.events(&f.event, decided, "fine");
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
            terms: (interest.is_some() || limitation.is_some()).then(|| {
                Box::new(crate::case::DebtTerms {
                    interest,
                    limitation,
                })
            }),
            reference: f.reference.clone(),
            legal_basis: f.legal_basis.as_ref().map(|b| b.get_ref().clone()),
            events,
        }
    }
}
