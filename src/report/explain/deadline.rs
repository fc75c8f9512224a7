//! The deadlines: the rule that produced the first day of delay (as written, or a grace
//! period from an event, with the month-end rule and the extension to a business day), and
//! the deadline's history of extensions.

use super::{plural, reference};
use crate::calendar::Grace;
use crate::case::{Order, Start, StartRule};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

pub(super) fn rule_in_force(order: &Order) -> &StartRule {
    match &order.start {
        Start::Known { rule, .. } => rule,
        Start::Unknown => &StartRule::Starts,
    }
}

pub(super) fn first_day_in_force(order: &Order) -> NaiveDate {
    order.start.first_day().unwrap_or(NaiveDate::MIN)
}

/// The last day to comply a start gives: its deadline, or the day before `starts`.
fn last_day_to_comply(start: &Start) -> Option<NaiveDate> {
    match start {
        Start::Known {
            rule: StartRule::Deadline { deadline, .. } | StartRule::Grace { deadline, .. },
            ..
        } => Some(*deadline),
        Start::Known { first_day, .. } => first_day.pred_opt(),
        Start::Unknown => None,
    }
}

/// "Deadline history: deadline 2019-10-31, extended on 2019-10-15 to 2020-03-01.", then the
/// changes decided after the as-of date, not counted.
pub(super) fn deadline_history(out: &mut String, order: &Order, as_of: NaiveDate) {
    let Some(mut current) = last_day_to_comply(&order.start) else {
        return;
    };
    let mut text = format!("deadline {current}");
    let mut later = Vec::new();
    for c in order.deadline_changes() {
        let Some(new) = last_day_to_comply(&c.start) else {
            continue;
        };
        let r = reference(c.reference.as_deref());
        if c.decided > as_of {
            later.push(format!("to {new}, decided {}{r}", c.decided));
            continue;
        }
        let verb = match new.cmp(&current) {
            std::cmp::Ordering::Greater => "extended",
            std::cmp::Ordering::Less => "brought forward",
            std::cmp::Ordering::Equal => "confirmed",
        };
        let _ = write!(text, ", {verb} on {} to {new}{r}", c.decided);
        current = new;
    }
    let _ = writeln!(out, "  Deadline history: {text}.");
    if !later.is_empty() {
        let _ = writeln!(
            out,
            "  Deadline changes decided after the as-of date, not counted: {}.",
            later.join("; ")
        );
    }
}

/// `notified 2022-10-18 + 2 months = 2022-12-18 (month-end rule: ...); not extended`.
pub(super) fn deadline_words(rule: &StartRule, first_day: NaiveDate) -> String {
    match rule {
        StartRule::Starts => format!("first day of delay {first_day}, as published (starts)"),
        StartRule::Deadline { written, deadline } => format!(
            "deadline {written}, as written; {}; first day of delay {first_day}",
            extension(*written, *deadline)
        ),
        StartRule::Grace {
            from,
            from_key,
            grace,
            computed,
            deadline,
        } => {
            let how = match grace {
                Grace::Months(n) if computed.day() == from.day() => format!(
                    "month-end rule: the same day number {} later",
                    plural(i64::from(*n), "month")
                ),
                Grace::Months(_) => format!(
                    "month-end rule: {} has no day {}, so its last day",
                    computed.format("%B %Y"),
                    from.day()
                ),
                Grace::Days(_) | Grace::Weeks(_) => {
                    format!(
                        "the day of {} not counted",
                        if *from_key == "notified" {
                            "notification"
                        } else {
                            "decision"
                        }
                    )
                }
            };
            format!(
                "{from_key} {from} + {grace} = {computed} ({how}); {}; first day of delay {first_day}",
                extension(*computed, *deadline)
            )
        }
    }
}

fn extension(computed: NaiveDate, deadline: NaiveDate) -> String {
    if computed == deadline {
        "not extended".to_string()
    } else {
        format!(
            "{computed} is a {}, a day off, so the deadline moves to the next business day, {} {deadline} (extend = \"next-business-day\")",
            computed.format("%A"),
            deadline.format("%A")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_grace_period_in_months_names_the_rule() {
        // Notified 18 October 2022, two months: 18 December 2022, a Sunday, not extended.
        let rule = StartRule::Grace {
            from: d("2022-10-18"),
            from_key: "notified",
            grace: Grace::Months(2),
            computed: d("2022-12-18"),
            deadline: d("2022-12-18"),
        };
        assert_eq!(
            deadline_words(&rule, d("2022-12-19")),
            "notified 2022-10-18 + 2 months = 2022-12-18 (month-end rule: the same day number 2 months later); not extended; first day of delay 2022-12-19"
        );
        // One month from 31 January 2023 lands on the last day of February.
        let rule = StartRule::Grace {
            from: d("2023-01-31"),
            from_key: "decided",
            grace: Grace::Months(1),
            computed: d("2023-02-28"),
            deadline: d("2023-02-28"),
        };
        assert_eq!(
            deadline_words(&rule, d("2023-03-01")),
            "decided 2023-01-31 + 1 month = 2023-02-28 (month-end rule: February 2023 has no day 31, so its last day); not extended; first day of delay 2023-03-01"
        );
    }

    #[test]
    fn an_extended_deadline_names_the_weekday() {
        let rule = StartRule::Deadline {
            written: d("2022-12-18"),
            deadline: d("2022-12-19"),
        };
        assert_eq!(
            deadline_words(&rule, d("2022-12-20")),
            "deadline 2022-12-18, as written; 2022-12-18 is a Sunday, a day off, so the deadline moves to the next business day, Monday 2022-12-19 (extend = \"next-business-day\"); first day of delay 2022-12-20"
        );
    }
}
