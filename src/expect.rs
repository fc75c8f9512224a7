//! Evaluating `[[expect]]` assertions: the official figures a case must reproduce, like the
//! balance assertions of ledger and hledger. Each figure is compared exactly, in the case's
//! own currency, with no conversion; a figure that differs becomes a diagnostic pointing at
//! the expected value in the file.

use crate::case::{Case, Check, Diagnostic, Expect, ExpectTarget, Expected};
use crate::exposure::{CaseLine, FineStatus, FxDate, case_line};
use crate::fx::{Currency, RateTable};
use crate::report::format_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The outcome of one `[[expect]]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Figures compared.
    pub checked: usize,
    /// One diagnostic per figure that differs, in file order.
    pub failures: Vec<Diagnostic>,
}

/// A computed figure, to compare with an expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Computed {
    Amount(Decimal),
    Days(i64),
    /// The day the cap was reached, or `None` when it was not.
    Date(Option<NaiveDate>),
    /// The fine's status, or `None` when the fine is not decided yet.
    Status(Option<FineStatus>),
    /// The target does not exist as of the date (a fine decided later).
    Missing,
}

/// Evaluates one assertion of `case`.
///
/// # Errors
///
/// A diagnostic when the figures cannot be computed (an arithmetic overflow).
pub fn evaluate(case: &Case, expect: &Expect) -> Result<Outcome, Diagnostic> {
    let at = |check: Option<&Check>, message: String| match check {
        Some(c) => case.diagnostic(c.span.clone(), message),
        None => Diagnostic::file(&case.path, message),
    };
    // The case's own currency: no conversion, so no rate is needed.
    let line = case_line(
        case,
        expect.as_of,
        case.currency,
        FxDate::AsOf,
        &RateTable::empty(),
    )
    .map_err(|e| {
        let message = e.diagnostic().message.clone();
        at(
            expect.checks.first(),
            format!("cannot evaluate this assertion: {message}"),
        )
    })?;
    let mut failures = Vec::new();
    let mut checks: Vec<&Check> = expect.checks.iter().collect();
    checks.sort_by_key(|c| c.span.start);
    for check in checks {
        let (computed, note) = compute(&line, &expect.target, check.field);
        if let Some(message) = compare(&check.expected, &computed, &line) {
            let subject = match &expect.target {
                ExpectTarget::Case => format!("case \"{}\"", case.id),
                ExpectTarget::Order(id) => format!("order \"{id}\""),
                ExpectTarget::Fine(id) => format!("fine \"{id}\""),
            };
            failures.push(at(
                Some(check),
                format!(
                    "{message}; {} of {subject} as of {}{note}",
                    check.field, expect.as_of
                ),
            ));
        }
    }
    Ok(Outcome {
        checked: expect.checks.len(),
        failures,
    })
}

/// The computed value of `field` for `target`, and a note explaining an absent target.
fn compute(line: &CaseLine, target: &ExpectTarget, field: &str) -> (Computed, String) {
    match target {
        ExpectTarget::Case => {
            let t = &line.own;
            let value = match field {
                "fines" => t.fines(),
                "liquidated" => t.liquidated(),
                "liquidated_enforceable" => t.liquidated_enforceable,
                "liquidated_contested" => t.liquidated_contested,
                "penalties" => t.penalties(),
                "exposure" => t.exposure(),
                "owed" => t.owed(),
                "paid" => t.paid,
                "outstanding" => t.outstanding(),
                "payable" => t.payable(),
                "suspended" => t.suspended(),
                "interest" => t.interest(),
                "time_barred" => t.time_barred(),
                "total_due" => t.total_due(),
                _ => return (Computed::Missing, String::new()),
            };
            (Computed::Amount(value), String::new())
        }
        ExpectTarget::Order(id) => {
            let Some(o) = line.figures.orders.iter().find(|o| &o.id == id) else {
                // Validation guarantees the order exists: it is only decided later, and
                // does not exist yet, so it has accrued nothing.
                let note = ": the order is not decided yet on that day".to_string();
                let value = match field {
                    "accrued" | "liquidated" | "accruing" => Computed::Amount(Decimal::ZERO),
                    "days" => Computed::Days(0),
                    "cap_reached" => Computed::Date(None),
                    _ => Computed::Missing,
                };
                return (value, note);
            };
            let a = &o.accrual;
            let value = match field {
                "accrued" => Computed::Amount(a.accrued),
                "liquidated" => Computed::Amount(a.liquidated),
                "liquidated_enforceable" => Computed::Amount(o.liquidated_enforceable),
                "liquidated_contested" => Computed::Amount(o.liquidated_contested),
                "accruing" => Computed::Amount(a.accruing),
                "days" => Computed::Days(a.days),
                "cap_reached" => Computed::Date(a.cap_reached),
                _ => Computed::Missing,
            };
            (value, String::new())
        }
        ExpectTarget::Fine(id) => match line.figures.fines.iter().find(|f| &f.id == id) {
            Some(f) => {
                let value = match field {
                    "amount" => Computed::Amount(f.amount),
                    "status" => Computed::Status(Some(f.status)),
                    _ => Computed::Missing,
                };
                (value, String::new())
            }
            None => {
                // Validation guarantees the fine exists: it is only decided later.
                let note = ": the fine is not decided yet on that day".to_string();
                let value = match field {
                    "amount" => Computed::Amount(Decimal::ZERO),
                    "status" => Computed::Status(None),
                    _ => Computed::Missing,
                };
                (value, note)
            }
        },
    }
}

/// `computed - expected`, signed; an expected figure so far off that the difference does
/// not fit in a decimal is said so rather than computed.
fn signed_difference(computed: Decimal, expected: Decimal, cur: Currency) -> String {
    match computed.checked_sub(expected) {
        Some(d) if d > Decimal::ZERO => format!("+{} {cur}", format_amount(d)),
        Some(d) => format!("{} {cur}", format_amount(d)),
        None => "too large to compute exactly".to_string(),
    }
}

fn days(n: i128) -> String {
    let unit = if n.abs() == 1 { "day" } else { "days" };
    format!("{n} {unit}")
}

fn signed_days(n: i128) -> String {
    if n > 0 {
        format!("+{}", days(n))
    } else {
        days(n)
    }
}

fn status_name(s: Option<FineStatus>) -> String {
    match s {
        Some(s) => format!("\"{s}\""),
        None => "no status (not decided)".to_string(),
    }
}

/// `None` when the figures agree; otherwise `expected X, computed Y (difference Z)`.
fn compare(expected: &Expected, computed: &Computed, line: &CaseLine) -> Option<String> {
    let cur = line.currency;
    match (expected, computed) {
        (Expected::Amount(e), Computed::Amount(c)) => (e != c).then(|| {
            format!(
                "expected {} {cur}, computed {} {cur} (difference {})",
                format_amount(*e),
                format_amount(*c),
                signed_difference(*c, *e, cur)
            )
        }),
        (Expected::Days(e), Computed::Days(c)) => (e != c).then(|| {
            format!(
                "expected {}, computed {} (difference {})",
                days(i128::from(*e)),
                days(i128::from(*c)),
                signed_days(i128::from(*c) - i128::from(*e))
            )
        }),
        (Expected::Date(e), Computed::Date(Some(c))) => (e != c).then(|| {
            format!(
                "expected {e}, computed {c} (difference {})",
                signed_days(i128::from((*c - *e).num_days()))
            )
        }),
        (Expected::Date(e), Computed::Date(None)) => Some(format!(
            "expected {e}, computed none (the cap is not reached by that day)"
        )),
        (Expected::Status(e), Computed::Status(c)) => (c.map(|s| s.to_string()).as_deref()
            != Some(e.as_str()))
        .then(|| format!("expected \"{e}\", computed {}", status_name(*c))),
        _ => Some("this figure cannot be computed for this target".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildly_wrong_expected_amount_is_reported_not_a_panic() {
        let max = Decimal::MAX;
        assert_eq!(
            signed_difference(max, -max, Currency::EUR),
            "too large to compute exactly"
        );
        assert_eq!(
            signed_difference(Decimal::from(5), Decimal::from(7), Currency::EUR),
            "-2.00 EUR"
        );
        assert_eq!(
            signed_days(i128::from(i64::MAX) - i128::from(i64::MIN)),
            "+18446744073709551615 days"
        );
    }

    /// Runs `f` on the case of `text`, written to a file `x.toml` (diagnostics read it).
    fn with_case<T>(text: &str, f: impl FnOnce(&Case) -> T) -> T {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        std::fs::write(&path, text).unwrap();
        let case = crate::case::load_case_str(&path, text).unwrap();
        f(&case)
    }

    const CNIL: &str = r#"
[case]
id = "x"
company = "C"
jurisdiction = "FR"
currency = "EUR"

[[fine]]
id = "fine"
amount = "20000000"
decided = 2022-10-17

[[order]]
id = "o"
starts = 2022-12-19
rate = "100000"

[[order.liquidation]]
decided = 2023-04-13
from = 2022-12-19
until = 2023-02-09
amount = "5200000"
"#;

    fn run(extra: &str) -> Vec<Outcome> {
        with_case(&format!("{CNIL}{extra}"), |c| {
            c.expects.iter().map(|e| evaluate(c, e).unwrap()).collect()
        })
    }

    #[test]
    fn the_cnil_figures_hold() {
        // 116 days x 100,000 = 11,600,000; 52 of them liquidated at 5,200,000.
        let out = run(r#"
[[expect]]
as_of = 2023-04-13
order = "o"
days = 116
accrued = "11600000"
liquidated = "5200000.00"
accruing = "6400000"

[[expect]]
as_of = 2023-04-13
fines = "20000000"
penalties = "11600000"
exposure = "31600000"
owed = "25200000"
paid = "0"
outstanding = "25200000"
"#);
        assert_eq!(out[0].checked, 4);
        assert_eq!(out[1].checked, 6);
        assert!(out.iter().all(|o| o.failures.is_empty()), "{out:?}");
    }

    #[test]
    fn a_wrong_figure_names_line_column_and_difference() {
        // 53 days would be 5,300,000: the window's end is not counted, so 52 days.
        let out = run(r#"
[[expect]]
as_of = 2023-02-08
order = "o"
accrued = "5300000"
days = 53
"#);
        let f = &out[0].failures;
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].position, Some((27, 11)));
        assert_eq!(f[1].position, Some((28, 8)));
        assert_eq!(
            f[0].message,
            "expected 5,300,000.00 EUR, computed 5,200,000.00 EUR (difference -100,000.00 EUR); accrued of order \"o\" as of 2023-02-08"
        );
        assert_eq!(
            f[1].message,
            "expected 53 days, computed 52 days (difference -1 day); days of order \"o\" as of 2023-02-08"
        );
    }

    #[test]
    fn a_fine_not_yet_decided_counts_zero_without_panicking() {
        let out = run(r#"
[[expect]]
as_of = 2022-01-01
fine = "fine"
amount = "20000000"
status = "enforceable"
"#);
        let f: Vec<String> = out[0].failures.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            f,
            [
                "expected 20,000,000.00 EUR, computed 0.00 EUR (difference -20,000,000.00 EUR); amount of fine \"fine\" as of 2022-01-01: the fine is not decided yet on that day",
                "expected \"enforceable\", computed no status (not decided); status of fine \"fine\" as of 2022-01-01: the fine is not decided yet on that day",
            ]
        );
    }

    #[test]
    fn a_cap_not_reached_is_reported() {
        let out = run(r#"
[[expect]]
as_of = 2023-04-13
order = "o"
cap_reached = 2023-01-01
"#);
        assert_eq!(
            out[0].failures[0].message,
            "expected 2023-01-01, computed none (the cap is not reached by that day); cap_reached of order \"o\" as of 2023-04-13"
        );
    }
}
