//! A schedule's rates, liquidations, events and figures in words, shared by the schedule's
//! renderers, `explain` and the chart.

use crate::accrue::{Accrual, LiquidationFigures, OrderState};
use crate::case::{Per, StartRule};
use crate::report::format_amount;
use crate::schedule::{Event, EventKind};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// The unit a rate is charged per, in words: `day`, `week`, ..., `violation`, `once`.
pub fn per_name(per: Per) -> &'static str {
    match per {
        Per::Day => "day",
        Per::Week => "week",
        Per::Month => "month",
        Per::Quarter => "quarter",
        Per::Semester => "semester",
        Per::Year => "year",
        Per::Violation => "violation",
        Per::Once => "once",
    }
}

/// A rate with its unit: `100,000.00 per day`, or `250,000.00 once`.
pub fn rate_words(rate: Decimal, per: Per) -> String {
    match per {
        Per::Once => format!("{} once", format_amount(rate)),
        _ => format!("{} per {}", format_amount(rate), per_name(per)),
    }
}

/// An amount as plain digits with at least two decimals, for CSV and JSON: `1300000.00`.
pub fn plain_amount(amount: Decimal) -> String {
    let mut a = amount.normalize();
    if a.scale() < 2 {
        a.rescale(2);
    }
    a.to_string()
}

/// A liquidation in one line: its reference, window as written, days, computed and ordered.
pub fn liquidation_words(f: &LiquidationFigures) -> String {
    let l = &f.liquidation;
    let name = l.reference.as_deref().map_or_else(
        || "liquidation".to_string(),
        |r| format!("liquidation {}", crate::text::escape(r)),
    );
    let (ordered, reduction) = crate::report::ordered_words(f);
    format!(
        "{name} decided: window {}, {} days; computed {}, {ordered}; {reduction}",
        l.window,
        f.days,
        format_amount(f.computed)
    )
}

/// An event in words.
pub fn event_words(event: &Event, per: Per) -> String {
    match &event.kind {
        EventKind::Deadline(rule) => match rule {
            StartRule::Grace {
                from,
                from_key,
                grace,
                computed,
                deadline,
            } => {
                let extended = if computed == deadline {
                    String::new()
                } else {
                    format!(", extended from {computed}")
                };
                format!("deadline: {from_key} {from} + {grace}{extended}")
            }
            StartRule::Deadline { written, deadline } if written != deadline => {
                format!("deadline, extended from {written}")
            }
            _ => "deadline".to_string(),
        },
        EventKind::FirstDayOfDelay => "first day of delay".to_string(),
        EventKind::RateChange(rate) => format!("rate changes to {}", rate_words(*rate, per)),
        EventKind::DeadlineChange(change, was) => deadline_change_words(change, *was),
        EventKind::Measurement(m) => {
            let values: Vec<String> = m
                .values
                .iter()
                .map(|(measure, value)| format!("{measure} = {}", value.normalize()))
                .collect();
            let known = match m.decided {
                Some(d) if d > m.date => format!(" (known {d})"),
                _ => String::new(),
            };
            format!("measured: {}{known}", values.join(", "))
        }
        EventKind::SuspensionStarts(last) => format!("suspension starts (through {last})"),
        EventKind::SuspensionEnds => "suspension ends: days count again".to_string(),
        EventKind::Liquidation(f) => liquidation_words(f),
        EventKind::CapReached(cap) => format!(
            "cap of {} reached: nothing accrues after this day",
            format_amount(*cap)
        ),
        EventKind::Complied(false) => "complied: the first day without penalty".to_string(),
        EventKind::Complied(true) => {
            "complied (assumed by --assume-compliance): the first day without penalty".to_string()
        }
        EventKind::Lifted => "lifted: the order no longer applies".to_string(),
    }
}

/// A deadline change in words: "deadline extended on 2019-10-15 to 2020-03-01", with its
/// reference.
fn deadline_change_words(
    change: &crate::case::DeadlineChange,
    was: Option<chrono::NaiveDate>,
) -> String {
    let decided = change.decided;
    let moved = match (change.start.first_day(), was) {
        (Some(new), Some(old)) if new > old => "extended",
        (Some(new), Some(old)) if new < old => "brought forward",
        _ => "changed",
    };
    let mut s = match &change.start {
        crate::case::Start::Known {
            rule: StartRule::Deadline { deadline, .. } | StartRule::Grace { deadline, .. },
            ..
        } => format!("deadline {moved} on {decided} to {deadline}"),
        crate::case::Start::Known { first_day, .. } => {
            format!("first day of delay {moved} on {decided} to {first_day}")
        }
        crate::case::Start::Unknown => {
            format!("deadline changed on {decided}: the first day of delay is not known")
        }
    };
    if let Some(r) = &change.reference {
        let _ = write!(s, " ({r})");
    }
    s
}

/// The order's figures as of the schedule's date, in one sentence.
pub fn summary_words(a: &Accrual, per: Per, as_of: chrono::NaiveDate) -> String {
    let mut s = format!(
        "As of {as_of}: accrued {} over {} days of delay; liquidated {} ({} days in liquidated windows); accruing {} ({} days, provisional)",
        format_amount(a.accrued),
        a.days,
        format_amount(a.liquidated),
        a.liquidated_days,
        format_amount(a.accruing),
        a.accruing_days,
    );
    if let Some(day) = a.cap_reached {
        let _ = write!(s, "; cap reached on {day}");
    }
    match a.state {
        OrderState::Complied(d) => {
            let _ = write!(s, "; complied {d}");
        }
        OrderState::Lifted(d) => {
            let _ = write!(s, "; lifted {d}");
        }
        _ => {
            if let Some(r) = a.run_rate.filter(|_| per != Per::Once) {
                let _ = write!(
                    s,
                    "; open: one more {} adds {}",
                    per_name(per),
                    format_amount(r)
                );
            }
            if let Some(r) = a.at_risk {
                let _ = write!(s, "; {} still at risk under the cap", format_amount(r));
            }
        }
    }
    s.push('.');
    s
}
