//! Measured adjustments (design §11): a unit's amount is the rate in force on its first day
//! plus, for each `[[order.adjustment]]`, `per_item` x the value of its measure in force on
//! the unit's last day (0 before any measurement), and never below zero. For a daily penalty
//! each day is its own unit, so the closed form splits at measurement dates as it does at
//! rate changes: segments, never days.

use super::{Calc, Overflow, exact_add, exact_mul};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One adjustment's part of a unit's amount: `per_item x value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The measure's name.
    pub measure: String,
    /// Added per item.
    pub per_item: Decimal,
    /// The measured value in force.
    pub value: Decimal,
}

impl Calc<'_> {
    /// The value of `measure` in force on `day`: that of the latest measurement dated on or
    /// before it that gives the measure, else 0.
    fn value_on(&self, measure: &str, day: NaiveDate) -> Decimal {
        let ms = self.order.measurements();
        ms[..ms.partition_point(|m| m.date <= day)]
            .iter()
            .rev()
            .find_map(|m| m.values.get(measure).copied())
            .unwrap_or(Decimal::ZERO)
    }

    /// The amount of a unit whose rate is `base` and whose measures are read on `day`, with
    /// the terms that made it (none without adjustments).
    pub(super) fn adjusted(
        &self,
        base: Decimal,
        day: NaiveDate,
    ) -> Result<(Decimal, Vec<Term>), Overflow> {
        if self.order.adjustments().is_empty() {
            return Ok((base, Vec::new()));
        }
        let mut amount = base;
        let mut terms = Vec::with_capacity(self.order.adjustments().len());
        for a in self.order.adjustments() {
            let value = self.value_on(&a.measure, day);
            let part = exact_mul(a.per_item, value).ok_or_else(|| self.overflow("per_item"))?;
            amount = exact_add(amount, part).ok_or_else(|| self.overflow("per_item"))?;
            terms.push(Term {
                measure: a.measure.clone(),
                per_item: a.per_item,
                value,
            });
        }
        Ok((amount.max(Decimal::ZERO), terms))
    }

    /// The first measurement date after `day`, when the order has adjustments.
    pub(super) fn next_measurement_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        if self.order.adjustments().is_empty() {
            return None;
        }
        let ms = self.order.measurements();
        ms.get(ms.partition_point(|m| m.date <= day))
            .map(|m| m.date)
    }
}

#[cfg(test)]
mod tests {
    use crate::accrue::tests::{d, order};
    use crate::accrue::{accrue, segments};
    use crate::case::{Adjustment, Count, Measurement, Per};
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;
    use std::collections::BTreeMap;

    fn measured(date: &str, values: &[(&str, Decimal)]) -> Measurement {
        Measurement {
            date: d(date),
            decided: None,
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn a_yearly_rate_per_percent_of_non_compliant_areas() {
        // C-278/01 shape: rate 0, EUR 624,150 per year per 1 %; 20.4 % measured.
        let mut o = order("2004-01-01", Decimal::ZERO, Per::Year);
        o.amendments_mut().adjustments.push(Adjustment {
            measure: "non-compliant-percent".into(),
            per_item: dec!(624150),
        });
        o.amendments_mut().measurements.push(measured(
            "2004-06-01",
            &[("non-compliant-percent", dec!(20.4))],
        ));
        o.count = Count::Completed;
        // The first year ends on 31 December 2004: 624,150 x 20.4 = 12,732,660.
        assert_eq!(accrue(&o, d("2004-12-30")).unwrap().accrued, Decimal::ZERO);
        assert_eq!(
            accrue(&o, d("2004-12-31")).unwrap().accrued,
            dec!(12732660.0)
        );
    }

    #[test]
    fn a_semester_less_200000_per_site_regularised() {
        // C-196/13 shape: 42.8M per semester less 200,000 per other site, 400,000 per
        // hazardous site; 15 other sites measured in force on the first semester's last day.
        let mut o = order("2014-12-02", dec!(42800000), Per::Semester);
        o.count = Count::Completed;
        o.amendments_mut().adjustments = vec![
            Adjustment {
                measure: "hazardous".into(),
                per_item: dec!(-400000),
            },
            Adjustment {
                measure: "other".into(),
                per_item: dec!(-200000),
            },
        ];
        o.amendments_mut().measurements.push(measured(
            "2015-06-01",
            &[("hazardous", dec!(0)), ("other", dec!(15))],
        ));
        // 42,800,000 - 0 x 400,000 - 15 x 200,000 = 39,800,000 on 1 June 2015.
        assert_eq!(accrue(&o, d("2015-06-01")).unwrap().accrued, dec!(39800000));
        // A measurement dated inside the second semester counts for it only.
        o.amendments_mut()
            .measurements
            .push(measured("2015-09-01", &[("hazardous", dec!(2))]));
        let s = segments(&o, d("2015-12-01")).unwrap();
        assert_eq!(s.len(), 2);
        // 42,800,000 - 2 x 400,000 - 15 x 200,000 = 39,000,000.
        assert_eq!((s[1].units, s[1].rate), (1, dec!(39000000)));
        assert_eq!(s[1].adjustments[0].value, dec!(2));
    }

    #[test]
    fn a_daily_rate_splits_at_measurements_and_never_goes_below_zero() {
        let mut o = order("2024-01-01", dec!(100), Per::Day);
        o.amendments_mut().adjustments.push(Adjustment {
            measure: "sites".into(),
            per_item: dec!(-30),
        });
        o.amendments_mut()
            .measurements
            .push(measured("2024-01-11", &[("sites", dec!(2))]));
        o.amendments_mut()
            .measurements
            .push(measured("2024-01-21", &[("sites", dec!(5))]));
        // 10 days x 100 + 10 days x 40 + 10 days x 0 (100 - 150 is below zero) = 1,400.
        assert_eq!(accrue(&o, d("2024-01-30")).unwrap().accrued, dec!(1400));
        let s = segments(&o, d("2024-01-30")).unwrap();
        let days: Vec<_> = s.iter().map(|s| (s.units, s.rate)).collect();
        assert_eq!(
            days,
            vec![(10, dec!(100)), (10, dec!(40)), (10, Decimal::ZERO)]
        );
    }
}
