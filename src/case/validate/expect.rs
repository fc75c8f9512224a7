//! `[[expect]]` tables: the official figures a case must reproduce.

use super::{MAX_SUGGESTIONS, Validator};
use crate::case::parse::suggest;
use crate::case::raw;
use crate::case::{Check, ExpectTarget, Expected};
use std::collections::BTreeMap;
use toml::Spanned;

impl Validator<'_> {
    pub(super) fn expects(
        &mut self,
        raw: &[Spanned<raw::RawExpect>],
        ids: &BTreeMap<String, (&'static str, usize)>,
    ) -> Vec<crate::case::Expect> {
        let mut out = Vec::with_capacity(raw.len());
        for e in raw {
            let span = e.span();
            let e = e.get_ref();
            let as_of = self.date(&e.as_of, "as_of");
            let target = match (&e.order, &e.fine) {
                (Some(_), Some(f)) => {
                    self.error(
                        f.span(),
                        "an assertion is about one order or one fine, not both",
                    );
                    continue;
                }
                (Some(o), None) => match self.target(ids, o, "order") {
                    Some(()) => ExpectTarget::Order(o.get_ref().clone()),
                    None => continue,
                },
                (None, Some(f)) => match self.target(ids, f, "fine") {
                    Some(()) => ExpectTarget::Fine(f.get_ref().clone()),
                    None => continue,
                },
                (None, None) => ExpectTarget::Case,
            };
            let mut checks = Vec::new();
            let amounts = [
                ("accrued", &e.accrued),
                ("liquidated", &e.liquidated),
                ("liquidated_enforceable", &e.liquidated_enforceable),
                ("liquidated_contested", &e.liquidated_contested),
                ("accruing", &e.accruing),
                ("amount", &e.amount),
                ("fines", &e.fines),
                ("penalties", &e.penalties),
                ("exposure", &e.exposure),
                ("owed", &e.owed),
                ("paid", &e.paid),
                ("outstanding", &e.outstanding),
                ("payable", &e.payable),
                ("suspended", &e.suspended),
                ("interest", &e.interest),
                ("time_barred", &e.time_barred),
                ("total_due", &e.total_due),
            ];
            for (field, value) in amounts {
                if let Some(v) = value {
                    checks.push(Check {
                        field,
                        expected: Expected::Amount(v.get_ref().0),
                        span: v.span(),
                    });
                }
            }
            if let Some(d) = &e.days {
                if *d.get_ref() < 0 {
                    self.error(
                        d.span(),
                        format!("days must not be negative, found {}", d.get_ref()),
                    );
                }
                checks.push(Check {
                    field: "days",
                    expected: Expected::Days(*d.get_ref()),
                    span: d.span(),
                });
            }
            if let Some(d) = &e.cap_reached {
                checks.push(Check {
                    field: "cap_reached",
                    expected: Expected::Date(self.date(d, "cap_reached")),
                    span: d.span(),
                });
            }
            if let Some(s) = &e.status {
                let status = s.get_ref().as_str();
                const STATUSES: [&str; 3] = ["enforceable", "contested", "annulled"];
                if !STATUSES.contains(&status) {
                    let hint = suggest(status, STATUSES)
                        .map(|c| format!(" (did you mean \"{c}\"?)"))
                        .unwrap_or_default();
                    self.error(
                        s.span(),
                        format!(
                            "expected a status of \"enforceable\", \"contested\" or \"annulled\", found \"{status}\"{hint}"
                        ),
                    );
                }
                checks.push(Check {
                    field: "status",
                    expected: Expected::Status(status.to_string()),
                    span: s.span(),
                });
            }
            let allowed: &[&str] = match target {
                ExpectTarget::Order(_) => &[
                    "accrued",
                    "liquidated",
                    "liquidated_enforceable",
                    "liquidated_contested",
                    "accruing",
                    "days",
                    "cap_reached",
                ],
                ExpectTarget::Fine(_) => &["amount", "status"],
                ExpectTarget::Case => &[
                    "fines",
                    "liquidated",
                    "liquidated_enforceable",
                    "liquidated_contested",
                    "penalties",
                    "exposure",
                    "owed",
                    "paid",
                    "outstanding",
                    "payable",
                    "suspended",
                    "interest",
                    "time_barred",
                    "total_due",
                ],
            };
            let what = match target {
                ExpectTarget::Order(_) => "an order",
                ExpectTarget::Fine(_) => "a fine",
                ExpectTarget::Case => "a case (no order or fine given)",
            };
            let mut ok = true;
            for c in &checks {
                if !allowed.contains(&c.field) {
                    ok = false;
                    self.error(
                        c.span.clone(),
                        format!(
                            "\"{}\" is not a figure of {what}: expected one of {}",
                            c.field,
                            allowed.join(", ")
                        ),
                    );
                }
            }
            if checks.is_empty() {
                self.error(
                    span,
                    format!(
                        "an assertion needs at least one figure to compare: for {what}, one of {}",
                        allowed.join(", ")
                    ),
                );
                continue;
            }
            if ok {
                out.push(crate::case::Expect {
                    as_of,
                    target,
                    checks,
                });
            }
        }
        out
    }

    /// Checks that an assertion's `order` or `fine` names one of the case's.
    pub(super) fn target(
        &mut self,
        ids: &BTreeMap<String, (&'static str, usize)>,
        name: &Spanned<String>,
        kind: &'static str,
    ) -> Option<()> {
        let id = name.get_ref();
        if self.broken.contains(id) {
            return None;
        }
        match ids.get(id) {
            Some((k, _)) if *k == kind => Some(()),
            Some((other, _)) => {
                self.error(
                    name.span(),
                    format!(
                        "\"{id}\" is a {other} of this case, not {}: write {other} = \"{id}\"",
                        if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                            format!("an {kind}")
                        } else {
                            format!("a {kind}")
                        }
                    ),
                );
                None
            }
            None => {
                let same_kind = ids
                    .iter()
                    .filter(|(_, (k, _))| *k == kind)
                    .map(|(i, _)| i.as_str());
                let hint = (ids.len() <= MAX_SUGGESTIONS)
                    .then(|| suggest(id, same_kind))
                    .flatten()
                    .map(|c| format!(" (did you mean \"{c}\"?)"))
                    .unwrap_or_default();
                self.error(
                    name.span(),
                    format!("no {kind} \"{id}\" in this case{hint}"),
                );
                None
            }
        }
    }
}
