//! `[[order.adjustment]]` and `[[order.measurement]]`: the measured part of a degressive
//! penalty ("EUR 42.8M per semester, less EUR 200,000 per site regularised").

use super::{Validator, per_name};
use crate::case::parse::suggest;
use crate::case::raw::{self, RawOrder};
use crate::case::{Adjustment, Measurement};
use std::collections::BTreeMap;

impl Validator<'_> {
    /// The order's adjustments and its measurements sorted by date.
    pub(super) fn measures(
        &mut self,
        o: &RawOrder,
        per: raw::Per,
    ) -> (Vec<Adjustment>, Vec<Measurement>) {
        if let Some(a) = o.adjustment.first()
            && matches!(per, raw::Per::Violation | raw::Per::Once)
        {
            self.error(
                a.span(),
                format!(
                    "adjustments apply to a rate per day, week, month, quarter, semester or year, found per = \"{}\"",
                    per_name(per)
                ),
            );
        }
        let mut adjustments: Vec<Adjustment> = Vec::with_capacity(o.adjustment.len());
        for a in &o.adjustment {
            let r = a.get_ref();
            let measure = self.identifier(&r.measure, "measure");
            if adjustments.iter().any(|x| x.measure == measure) {
                self.error(
                    r.measure.span(),
                    format!(
                        "measure \"{measure}\" already has an adjustment: give one per measure"
                    ),
                );
            }
            let per_item = r.per_item.get_ref().0;
            if per_item.is_zero() {
                self.error(
                    r.per_item.span(),
                    "per_item must not be zero: an adjustment of 0 per item changes nothing",
                );
            }
            adjustments.push(Adjustment { measure, per_item });
        }
        if adjustments.is_empty()
            && let Some(m) = o.measurement.first()
        {
            self.error(
                m.span(),
                "a measurement needs an [[order.adjustment]] that says what each measured item adds",
            );
        }
        let mut measurements: Vec<Measurement> = Vec::with_capacity(o.measurement.len());
        for m in &o.measurement {
            let r = m.get_ref();
            let date = self.date(&r.date, "date");
            let decided = self.opt_date(&r.decided, "decided");
            if let Some(prev) = measurements.iter().find(|p| p.date == date) {
                self.error(
                    r.date.span(),
                    format!(
                        "two measurements are dated {}: give all the values of one day in one measurement",
                        prev.date
                    ),
                );
            }
            let mut values = BTreeMap::new();
            for (name, value) in r.values.get_ref() {
                let name_text = name.get_ref();
                if !adjustments.is_empty() && !adjustments.iter().any(|a| &a.measure == name_text) {
                    let known = adjustments.iter().map(|a| a.measure.as_str());
                    let message = match suggest(name_text, known) {
                        Some(c) => format!(
                            "unknown measure \"{name_text}\" (did you mean \"{c}\"?): each measure needs an [[order.adjustment]]"
                        ),
                        None => format!(
                            "unknown measure \"{name_text}\", expected one of {}",
                            adjustments
                                .iter()
                                .map(|a| format!("\"{}\"", a.measure))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    self.error(name.span(), message);
                }
                let v = value.get_ref().0;
                if v.is_sign_negative() && !v.is_zero() {
                    self.error(
                        value.span(),
                        format!("a measured value must not be negative, found \"{v}\""),
                    );
                }
                values.insert(name_text.clone(), v);
            }
            if values.is_empty() {
                self.error(
                    r.values.span(),
                    "a measurement gives at least one value, such as values = { other-sites = 15 }",
                );
            }
            measurements.push(Measurement {
                date,
                decided,
                values,
            });
        }
        measurements.sort_by_key(|m| m.date);
        (adjustments, measurements)
    }
}
