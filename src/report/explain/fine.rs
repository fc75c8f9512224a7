//! The fines of a case: each amount, its status and the event that set it, and the history
//! of events as known on the as-of date (the history is shared with the liquidations).

use super::reference;
use crate::case::{Event, EventKind, Fine};
use crate::events::kind_name;
use crate::exposure::CaseLine;
use crate::report::format_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write;

pub(super) fn fine_text(out: &mut String, fine: &Fine, line: &CaseLine, as_of: NaiveDate) {
    let _ = writeln!(
        out,
        "Fine \"{}\"{}, decided {}: {}.",
        fine.id,
        reference(fine.reference.as_deref()),
        fine.decided,
        format_amount(fine.amount)
    );
    let Some(figures) = line.figures.fines.iter().find(|f| f.id == fine.id) else {
        let _ = writeln!(
            out,
            "  Decided after the as-of date: not counted as of {as_of}."
        );
        return;
    };
    history(out, "  ", fine.amount, &fine.events, as_of);
    let _ = writeln!(
        out,
        "  Counts for {} ({}).",
        format_amount(figures.counted()),
        figures.status
    );
}

/// The events of a fine or a liquidation known as of `as_of`: each reduction, the status and
/// the event that set it, then the events not yet happened or known.
pub(super) fn history(
    out: &mut String,
    indent: &str,
    amount: Decimal,
    events: &[Event],
    as_of: NaiveDate,
) {
    let happened: Vec<_> = events.iter().filter(|e| e.known() <= as_of).collect();
    for e in happened.iter().filter(|e| e.kind == EventKind::Reduced) {
        let _ = writeln!(
            out,
            "{indent}Reduced to {} on {}{}.",
            format_amount(e.amount.unwrap_or(amount)),
            e.date,
            reference(e.reference.as_deref())
        );
    }
    for e in happened
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Suspended | EventKind::Resumed))
    {
        let _ = writeln!(
            out,
            "{indent}Collection {} on {}{}.",
            kind_name(e.kind),
            e.date,
            reference(e.reference.as_deref())
        );
    }
    let setter = happened.iter().rev().find(|e| {
        !matches!(
            e.kind,
            EventKind::Reduced | EventKind::Suspended | EventKind::Resumed
        )
    });
    let status = match setter {
        None => format!(
            "enforceable: no appeal, annulment or other event is recorded on or before {as_of}"
        ),
        Some(e) => {
            let r = reference(e.reference.as_deref());
            match e.kind {
                EventKind::Appealed if !e.date_known => format!(
                    "contested: appealed on a day not public{r}, counted from {}, the earliest it can have been lodged",
                    e.date
                ),
                EventKind::Appealed => format!("contested: appealed on {}{r}", e.date),
                EventKind::Reinstated => format!(
                    "contested: reinstated on {}{r}, pending the remitted appeal",
                    e.date
                ),
                EventKind::Annulled => format!("annulled on {}{r}: it counts zero", e.date),
                EventKind::Upheld
                | EventKind::Reduced
                | EventKind::Suspended
                | EventKind::Resumed => {
                    format!("enforceable: upheld on {}{r}", e.date)
                }
            }
        }
    };
    let _ = writeln!(out, "{indent}Status: {status}.");
    let later: Vec<String> = events
        .iter()
        .filter(|e| e.known() > as_of)
        .map(|e| match e.decided {
            _ if !e.date_known => format!(
                "{} on a day not public, not before {}",
                kind_name(e.kind),
                e.date
            ),
            Some(known) if e.date <= as_of => {
                format!("{} on {} (known from {known})", kind_name(e.kind), e.date)
            }
            _ => format!("{} on {}", kind_name(e.kind), e.date),
        })
        .collect();
    if !later.is_empty() {
        let _ = writeln!(
            out,
            "{indent}Not yet happened as of {as_of}, so not counted: {}.",
            later.join(", ")
        );
    }
}
