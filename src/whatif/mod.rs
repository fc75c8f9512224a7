//! What-if overrides: `--assume-compliance [ORDER=]DATE` treats open orders as complied on a
//! date. Overrides apply to a copy of the loaded cases, never to the files, and the engine
//! stays pure: it computes on the copy as on any case. Every report made from a copy names the
//! overrides in force, so a pasted table cannot be mistaken for the real state of a case.
//!
//! What authorities decided is kept, but not for days that, by hypothesis, were never in
//! delay: a liquidation whose window runs past the assumed compliance day is cut to end the
//! day before, its amount scaled to the counted days left (rounded to the currency's minor
//! unit, half away from zero); one whose window starts on or after that day counts zero.
//! Each cut is named in every report. The cutting is `cut`'s.

use crate::case::{Case, Liquidation};
use crate::report::Meta;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

mod cut;

pub use cut::Cut;
use cut::cut_liquidations;

/// One `--assume-compliance` value: `DATE` (every open order), `ORDER=DATE` (the orders with
/// that id in any loaded case) or `CASE/ORDER=DATE` (one order of one case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssumeCompliance {
    /// The order it applies to; `None` for every open order.
    pub target: Option<OrderRef>,
    /// The first day in compliance.
    pub date: NaiveDate,
}

/// An order named on the command line: its id, optionally qualified by its case id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OrderRef {
    /// The case id, when given as `CASE/ORDER`.
    pub case: Option<String>,
    /// The order id.
    pub order: String,
}

impl OrderRef {
    /// Whether this names the order `order` of the case `case`.
    pub fn matches(&self, case: &str, order: &str) -> bool {
        self.order == order && self.case.as_deref().is_none_or(|c| c == case)
    }
}

impl fmt::Display for OrderRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.case {
            Some(case) => write!(f, "{case}/{}", self.order),
            None => f.write_str(&self.order),
        }
    }
}

impl FromStr for AssumeCompliance {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let expected = || {
            format!(
                "expected DATE, ORDER=DATE or CASE/ORDER=DATE with a date such as 2023-03-01, found {s:?}"
            )
        };
        let (target, date) = match s.split_once('=') {
            None => (None, s),
            Some((name, date)) => {
                let name = name.trim();
                let (case, order) = match name.split_once('/') {
                    Some((case, order)) => (Some(case.trim().to_string()), order.trim()),
                    None => (None, name),
                };
                if order.is_empty() || case.as_deref().is_some_and(str::is_empty) {
                    return Err(expected());
                }
                let target = OrderRef {
                    case,
                    order: order.to_string(),
                };
                (Some(target), date)
            }
        };
        let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| expected())?;
        Ok(AssumeCompliance { target, date })
    }
}

impl fmt::Display for AssumeCompliance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Some(t) => write!(f, "{t}={}", self.date),
            None => write!(f, "{}", self.date),
        }
    }
}

/// An order whose compliance date an override set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assumed {
    /// The case id.
    pub case: String,
    /// The order id.
    pub order: String,
    /// The assumed first day in compliance.
    pub date: NaiveDate,
    /// The override that set it.
    pub by: AssumeCompliance,
}

/// Why overrides could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhatIfError {
    /// An `ORDER=DATE` names no order of the loaded cases.
    #[error("--assume-compliance {given}: no order \"{target}\" in the cases loaded{hint}")]
    UnknownOrder {
        /// The value as given.
        given: String,
        /// The order named.
        target: String,
        /// The orders there are, or a close match.
        hint: String,
    },
    /// Two overrides give different dates for the same order.
    #[error(
        "--assume-compliance {first} and --assume-compliance {second} both apply to order \"{order}\" of case \"{case}\": give one date per order"
    )]
    Conflict {
        /// One override.
        first: String,
        /// The other.
        second: String,
        /// The case id.
        case: String,
        /// The order id.
        order: String,
    },
}

/// Loaded cases with the overrides applied, and what the overrides changed.
#[derive(Debug, Clone)]
pub struct WhatIf {
    /// The cases to compute on: copies, with the assumed compliance dates set.
    pub cases: Vec<Case>,
    /// The orders changed, in case and file order.
    pub assumed: Vec<Assumed>,
    /// The liquidations cut short or dropped, in case, order and window order.
    pub cuts: Vec<Cut>,
    /// The overrides as given.
    pub rules: Vec<AssumeCompliance>,
}

impl WhatIf {
    /// Applies `rules` to `cases` (the loaded cases; the files are never changed).
    ///
    /// An order named by `ORDER=DATE` takes that date; every other order takes the date of a
    /// bare `DATE`, if one is given. The date is set as the order's compliance date unless the
    /// order was already complied with or lifted on or before it.
    pub fn apply(cases: Vec<Case>, rules: &[AssumeCompliance]) -> Result<WhatIf, WhatIfError> {
        for rule in rules {
            if let Some(target) = &rule.target {
                let found = cases
                    .iter()
                    .any(|c| c.orders.iter().any(|o| target.matches(&c.id, &o.id)));
                if !found {
                    return Err(WhatIfError::UnknownOrder {
                        given: rule.to_string(),
                        target: target.to_string(),
                        hint: order_hint(&cases, target),
                    });
                }
            }
        }
        let mut out = cases;
        let mut assumed = Vec::new();
        let mut cuts = Vec::new();
        for case in &mut out {
            let currency = case.currency;
            for order in &mut case.orders {
                let specific: Vec<&AssumeCompliance> = rules
                    .iter()
                    .filter(|r| {
                        r.target
                            .as_ref()
                            .is_some_and(|t| t.matches(&case.id, &order.id))
                    })
                    .collect();
                let candidates = if specific.is_empty() {
                    rules.iter().filter(|r| r.target.is_none()).collect()
                } else {
                    specific
                };
                let Some(first) = candidates.first() else {
                    continue;
                };
                if let Some(other) = candidates.iter().find(|r| r.date != first.date) {
                    return Err(WhatIfError::Conflict {
                        first: first.to_string(),
                        second: other.to_string(),
                        case: case.id.clone(),
                        order: order.id.clone(),
                    });
                }
                let date = first.date;
                let ended_by_then = [order.complied, order.lifted]
                    .into_iter()
                    .flatten()
                    .any(|d| d <= date);
                if !ended_by_then {
                    for cut in cut_liquidations(order, date, currency) {
                        cuts.push(Cut {
                            case: case.id.clone(),
                            order: order.id.clone(),
                            by: (*first).clone(),
                            ..cut
                        });
                    }
                    order.complied = Some(date);
                    assumed.push(Assumed {
                        case: case.id.clone(),
                        order: order.id.clone(),
                        date,
                        by: (*first).clone(),
                    });
                }
            }
        }
        Ok(WhatIf {
            cases: out,
            assumed,
            cuts,
            rules: rules.to_vec(),
        })
    }

    /// The overrides as seen on `as_of`, the report's date: a cut of a liquidation decided
    /// after it is forgotten, since the liquidation does not exist as of that date, with or
    /// without the override, and nothing may say the override changed it.
    #[must_use]
    pub fn as_of(mut self, as_of: NaiveDate) -> WhatIf {
        self.cuts.retain(|c| c.decided <= as_of);
        self
    }

    /// Whether `--assume-compliance` set the compliance date of this order.
    pub fn assumed(&self, case: &str, order: &str) -> Option<&Assumed> {
        self.assumed
            .iter()
            .find(|a| a.case == case && a.order == order)
    }

    /// The cut made to a liquidation of this order, if any.
    pub fn cut(&self, case: &str, order: &str, l: &Liquidation) -> Option<&Cut> {
        self.cuts.iter().find(|c| c.is_of(case, order, l))
    }

    /// A report's metadata under these overrides: the projection mark and the overrides in
    /// words; the other fields keep their defaults.
    #[allow(clippy::needless_update)]
    pub fn meta(&self, projection: bool) -> Meta {
        Meta {
            projection,
            overrides: self.describe(),
            ..Meta::default()
        }
    }

    /// The overrides in force, in words, one per `--assume-compliance` given.
    pub fn describe(&self) -> Vec<String> {
        let mut by_rule: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for a in &self.assumed {
            by_rule
                .entry(a.by.to_string())
                .or_default()
                .push(format!("{}/{}", a.case, a.order));
        }
        // In the rules' own order (by text), not the order given: the same overrides always
        // read the same.
        let keys: std::collections::BTreeSet<String> =
            self.rules.iter().map(ToString::to_string).collect();
        let mut out = Vec::new();
        for key in keys {
            let Some(rule) = self.rules.iter().find(|r| r.to_string() == key) else {
                continue;
            };
            let text = match by_rule.get(&key) {
                Some(orders) => format!(
                    "--assume-compliance {key}: {} treated as complied on {} (the first day without penalty)",
                    orders.join(", "),
                    rule.date
                ),
                None => format!(
                    "--assume-compliance {key}: no order changed (each was complied with or lifted by {}, or named by another override)",
                    rule.date
                ),
            };
            out.push(text);
            for cut in self.cuts.iter().filter(|c| c.by.to_string() == key) {
                out.push(format!(
                    "--assume-compliance {key}: {}/{} {} {}",
                    cut.case,
                    cut.order,
                    cut.name(),
                    cut.words()
                ));
            }
        }
        out
    }
}

/// The orders there are (up to a few), or the closest one by name.
fn order_hint(cases: &[Case], target: &OrderRef) -> String {
    let all: Vec<String> = cases
        .iter()
        .flat_map(|c| c.orders.iter().map(move |o| format!("{}/{}", c.id, o.id)))
        .collect();
    if all.is_empty() {
        return " (the cases have no orders)".to_string();
    }
    let close = cases
        .iter()
        .flat_map(|c| c.orders.iter().map(move |o| (c, o)))
        .filter(|(_, o)| strsim::jaro_winkler(&o.id, &target.order) > 0.85)
        .map(|(c, o)| format!("{}/{}", c.id, o.id))
        .next();
    if let Some(close) = close {
        return format!("; did you mean \"{close}\"?");
    }
    const SHOWN: usize = 8;
    let mut list = all
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if all.len() > SHOWN {
        list.push_str(&format!(" and {} more", all.len() - SHOWN));
    }
    format!(" (orders: {list})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::load_case_str;
    use rust_decimal::Decimal;
    use std::path::Path;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn case(id: &str, orders: &[(&str, Option<&str>)]) -> Case {
        let mut text = format!(
            "[case]\nid = \"{id}\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n"
        );
        for (order, complied) in orders {
            text.push_str(&format!(
                "[[order]]\nid = \"{order}\"\ndecided = 2022-10-17\nstarts = 2022-12-19\nrate = \"100\"\n"
            ));
            if let Some(c) = complied {
                text.push_str(&format!("complied = {c}\n"));
            }
        }
        load_case_str(Path::new("x.toml"), &text).unwrap()
    }

    #[test]
    fn values_parse_in_three_forms() {
        let a: AssumeCompliance = "2023-03-01".parse().unwrap();
        assert_eq!((a.target, a.date), (None, d("2023-03-01")));
        let a: AssumeCompliance = "stop=2023-03-01".parse().unwrap();
        assert_eq!(
            a.target,
            Some(OrderRef {
                case: None,
                order: "stop".into()
            })
        );
        let a: AssumeCompliance = "clearview-fr/stop=2023-03-01".parse().unwrap();
        assert_eq!(a.to_string(), "clearview-fr/stop=2023-03-01");
        for bad in [
            "",
            "=2023-03-01",
            "stop=",
            "stop=01/03/2023",
            "/stop=2023-03-01",
        ] {
            let e = bad.parse::<AssumeCompliance>().unwrap_err();
            assert!(e.contains("ORDER=DATE"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_bare_date_sets_every_open_order_and_keeps_earlier_compliance() {
        let cases = [case(
            "a",
            &[
                ("x", None),
                ("y", Some("2023-01-01")),
                ("z", Some("2024-01-01")),
            ],
        )];
        let w = WhatIf::apply(cases.to_vec(), &["2023-03-01".parse().unwrap()]).unwrap();
        let complied: Vec<_> = w.cases[0].orders.iter().map(|o| o.complied).collect();
        assert_eq!(
            complied,
            [
                Some(d("2023-03-01")),
                Some(d("2023-01-01")),
                Some(d("2023-03-01"))
            ]
        );
        assert_eq!(w.assumed.len(), 2);
        // The loaded cases are not touched.
        assert_eq!(cases[0].orders[0].complied, None);
        assert_eq!(
            w.describe(),
            [
                "--assume-compliance 2023-03-01: a/x, a/z treated as complied on 2023-03-01 (the first day without penalty)"
            ]
        );
    }

    #[test]
    fn a_named_order_takes_precedence_over_a_bare_date() {
        let cases = [
            case("a", &[("x", None), ("y", None)]),
            case("b", &[("x", None)]),
        ];
        let rules = [
            "2024-01-01".parse().unwrap(),
            "a/x=2023-03-01".parse().unwrap(),
        ];
        let w = WhatIf::apply(cases.to_vec(), &rules).unwrap();
        assert_eq!(w.cases[0].orders[0].complied, Some(d("2023-03-01")));
        assert_eq!(w.cases[0].orders[1].complied, Some(d("2024-01-01")));
        assert_eq!(w.cases[1].orders[0].complied, Some(d("2024-01-01")));
        assert_eq!(w.assumed("a", "x").unwrap().by, rules[1]);
    }

    #[test]
    fn an_unknown_order_is_an_error_with_a_suggestion() {
        let cases = [case("a", &[("stop-processing", None)])];
        let e = WhatIf::apply(
            cases.to_vec(),
            &["stop-procesing=2023-03-01".parse().unwrap()],
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "--assume-compliance stop-procesing=2023-03-01: no order \"stop-procesing\" in the cases loaded; did you mean \"a/stop-processing\"?"
        );
        let e = WhatIf::apply(
            cases.to_vec(),
            &["b/stop-processing=2023-03-01".parse().unwrap()],
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .ends_with("did you mean \"a/stop-processing\"?"),
            "{e}"
        );
        let e = WhatIf::apply(cases.to_vec(), &["fine=2023-03-01".parse().unwrap()]).unwrap_err();
        assert!(
            e.to_string().ends_with("(orders: a/stop-processing)"),
            "{e}"
        );
    }

    /// A daily order of 100 from 2022-12-19, liquidated for `window` at `amount`.
    fn liquidated(window: &str, amount: &str) -> Case {
        let text = format!(
            "[case]\nid = \"a\"\ncompany = \"C\"\njurisdiction = \"FR\"\ncurrency = \"EUR\"\n\
             [[order]]\nid = \"x\"\nstarts = 2022-12-19\nrate = \"100\"\n\
             [[order.liquidation]]\ndecided = 2023-04-13\n{window}\namount = \"{amount}\"\n"
        );
        load_case_str(Path::new("x.toml"), &text).unwrap()
    }

    #[test]
    fn a_cut_amount_is_rounded_to_the_cent_half_away_from_zero() {
        // 3 days liquidated at 0.05; compliance after the first day keeps 1 of 3 days:
        // 0.05 x 1/3 = 0.01666... rounds to 0.02.
        let case = liquidated("from = 2022-12-19\nthrough = 2022-12-21", "0.05");
        let w = WhatIf::apply(vec![case], &["2022-12-20".parse().unwrap()]).unwrap();
        let l = &w.cases[0].orders[0].liquidations[0];
        assert_eq!(l.amount, Some(Decimal::new(2, 2)));
        assert_eq!(l.window.last_day(), d("2022-12-19"));
        assert_eq!((w.cuts[0].days_left, w.cuts[0].days), (1, 3));
        // 0.05 x 1/2 = 0.025, half away from zero: 0.03.
        let case = liquidated("from = 2022-12-19\nthrough = 2022-12-20", "0.05");
        let w = WhatIf::apply(vec![case], &["2022-12-20".parse().unwrap()]).unwrap();
        assert_eq!(
            w.cases[0].orders[0].liquidations[0].amount,
            Some(Decimal::new(3, 2))
        );
    }

    #[test]
    fn a_window_ending_before_the_assumed_day_is_kept_as_decided() {
        let case = liquidated("from = 2022-12-19\nthrough = 2022-12-21", "300");
        let w = WhatIf::apply(vec![case.clone()], &["2022-12-22".parse().unwrap()]).unwrap();
        assert!(w.cuts.is_empty());
        assert_eq!(
            w.cases[0].orders[0].liquidations,
            case.orders[0].liquidations
        );
    }

    /// A liquidation decided after the report's date is not there to cut: the overrides say
    /// nothing of it as of that date, and name the cut from its decision on.
    #[test]
    fn a_cut_is_named_only_once_its_liquidation_is_decided() {
        // Decided 2023-04-13 over 2022-12-19 to 2022-12-21, 300; compliance assumed from
        // 2022-12-20 keeps 1 of 3 days: 300 x 1/3 = 100.00.
        let case = liquidated("from = 2022-12-19\nthrough = 2022-12-21", "300");
        let rules = ["2022-12-20".parse().unwrap()];
        let before = WhatIf::apply(vec![case.clone()], &rules)
            .unwrap()
            .as_of(d("2023-04-12"));
        assert!(before.cuts.is_empty());
        assert_eq!(
            before.describe(),
            [
                "--assume-compliance 2022-12-20: a/x treated as complied on 2022-12-20 (the first day without penalty)"
            ]
        );
        let on = WhatIf::apply(vec![case], &rules)
            .unwrap()
            .as_of(d("2023-04-13"));
        assert_eq!(on.cuts.len(), 1);
        assert_eq!(on.cuts[0].scaled, Some(Decimal::new(10000, 2)));
        assert_eq!(on.describe().len(), 2);
        assert!(
            on.describe()[1].contains("300.00 x 1/3 = 100.00"),
            "{:?}",
            on.describe()
        );
    }

    #[test]
    fn two_dates_for_one_order_conflict() {
        let cases = [case("a", &[("x", None)])];
        let rules = [
            "x=2023-03-01".parse().unwrap(),
            "a/x=2023-04-01".parse().unwrap(),
        ];
        let e = WhatIf::apply(cases.to_vec(), &rules).unwrap_err();
        assert!(matches!(e, WhatIfError::Conflict { .. }), "{e}");
    }
}
