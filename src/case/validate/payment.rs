//! `[[payment]]` tables: each payment names a fine or order and is checked, in date order,
//! against what was payable on its date.

use super::{MAX_LISTED, MAX_SUGGESTIONS, Validator};
use crate::case::locate::span_of;
use crate::case::parse::suggest;
use crate::case::raw::RawFile;
use crate::case::{Fine, Locus, Order, Payment};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

impl Validator<'_> {
    pub(super) fn payments(
        &mut self,
        file: &RawFile,
        fines: &[Fine],
        orders: &[Order],
        known: &BTreeSet<String>,
    ) -> Vec<Payment> {
        let mut payments = Vec::with_capacity(file.payment.len());
        // Per target: each payment's date, amount, and the spans of both.
        #[allow(clippy::type_complexity)]
        let mut by_target: BTreeMap<
            String,
            Vec<(NaiveDate, Decimal, Range<usize>, Range<usize>)>,
        > = BTreeMap::new();
        for p in &file.payment {
            let p = p.get_ref();
            let date = self.date(&p.date, "date");
            let amount = self.positive(&p.amount, "amount");
            let target = p.applies_to.get_ref();
            let before = self.errors.len();
            self.identifier(&p.applies_to, "applies_to");
            if self.failed_since(before) {
                continue;
            }
            if !known.contains(target) {
                let close = if known.len() <= MAX_SUGGESTIONS {
                    suggest(target, known.iter().map(String::as_str))
                } else {
                    None
                };
                let hint = match close {
                    Some(c) => format!(" (did you mean \"{c}\"?)"),
                    None if known.is_empty() => ": this case has no fines or orders".to_string(),
                    None if known.len() > MAX_LISTED => {
                        format!("; the case has {} fines and orders", known.len())
                    }
                    None => format!(
                        "; the case's fines and orders are {}",
                        known
                            .iter()
                            .map(|k| format!("\"{k}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.error(
                    p.applies_to.span(),
                    format!("applies_to \"{target}\" names no fine or order of this case{hint}"),
                );
                continue;
            }
            by_target.entry(target.clone()).or_default().push((
                date,
                amount,
                p.date.span(),
                p.amount.span(),
            ));
            payments.push(Payment {
                date,
                amount,
                applies_to: target.clone(),
                reference: p.reference.clone(),
            });
        }
        let fines_by_id: BTreeMap<&str, &Fine> = fines.iter().map(|f| (f.id.as_str(), f)).collect();
        let orders_by_id: BTreeMap<&str, &Order> =
            orders.iter().map(|o| (o.id.as_str(), o)).collect();
        for (target, mut paid) in by_target {
            if self.broken.contains(&target) {
                continue;
            }
            // Each payment, in date order, against what was payable on its date.
            paid.sort_by_key(|(date, ..)| *date);
            let mut total = Decimal::ZERO;
            for (date, amount, date_span, amount_span) in paid {
                let Some(sum) = crate::accrue::exact_add(total, amount) else {
                    self.error(
                        amount_span,
                        format!(
                            "payments to \"{target}\" cannot be added up exactly ({})",
                            crate::accrue::LIMITS
                        ),
                    );
                    break;
                };
                total = sum;
                if let Some(f) = fines_by_id.get(target.as_str()) {
                    if date < f.decided {
                        self.error(
                            date_span,
                            format!(
                                "payment dated {date} to fine \"{target}\", before the fine was decided on {}",
                                f.decided
                            ),
                        );
                        break;
                    }
                    let standing = crate::events::standing(f.amount, &f.events, date);
                    let payable = standing.counted();
                    if total > payable {
                        let then = if standing.status == crate::events::Status::Annulled {
                            "annulled by then, so nothing was payable".to_string()
                        } else {
                            format!("more than its amount then, \"{payable}\"")
                        };
                        self.error(
                            amount_span,
                            format!(
                                "payments to fine \"{target}\" add up to \"{total}\" by {date}: {then}"
                            ),
                        );
                        break;
                    }
                } else if let Some(o) = orders_by_id.get(target.as_str()) {
                    let payable = match crate::accrue::accrue(o, date) {
                        Ok(a) => a.liquidated,
                        Err(e) => {
                            let at = span_of(
                                file,
                                Locus::Order {
                                    id: &o.id,
                                    key: e.field,
                                },
                            );
                            self.error(at.unwrap_or_else(|| o.span.clone()), e.to_string());
                            break;
                        }
                    };
                    if payable.is_zero() {
                        self.error(
                            date_span,
                            format!(
                                "payment dated {date} to order \"{target}\", when none of its penalties were liquidated: a payment pays a fine or liquidated penalties"
                            ),
                        );
                        break;
                    } else if total > payable {
                        self.error(
                            amount_span,
                            format!(
                                "payments to order \"{target}\" add up to \"{total}\" by {date}, more than its penalties liquidated by then, \"{payable}\""
                            ),
                        );
                        break;
                    }
                }
            }
        }
        payments
    }
}
