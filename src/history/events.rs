//! The days on which a case's figures can move (the chart's knots) and its events in words
//! (the chart's markers), both as known by the as-of date.

use super::{Mark, MarkKind};
use crate::accrue;
use crate::case::{Case, Start};
use crate::report::format_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Every day on which a figure of `case` can move, as known by `as_of`.
pub(super) fn case_knots(case: &Case, as_of: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for f in &case.fines {
        out.push(f.decided);
        out.extend(f.events.iter().flat_map(|e| [e.date, e.known()]));
    }
    for o in &case.orders {
        out.extend(o.decided);
        out.extend(o.start.first_day());
        for c in o.deadline_changes() {
            out.push(c.decided);
            out.extend(c.start.first_day());
        }
        for rc in &o.rate_changes {
            out.push(rc.from);
            out.extend(rc.decided);
        }
        for s in &o.suspensions {
            out.extend([s.from, s.until]);
        }
        for m in o.measurements() {
            out.push(m.date);
            out.extend(m.decided);
        }
        for l in &o.liquidations {
            out.extend([l.decided, l.window.from, l.window.until]);
            out.extend(l.events.iter().flat_map(|e| [e.date, e.known()]));
        }
        out.extend(o.violations.iter().map(|v| v.date));
        out.extend(o.complied);
        out.extend(o.lifted);
        if let Ok(a) = accrue::accrue(&accrue::known(o, as_of), as_of) {
            out.extend(a.cap_reached.and_then(|d| d.succ_opt()));
        }
    }
    out.retain(|&d| d <= as_of);
    out
}

/// The events of `case` known by `as_of`, each in words; with `named`, each says its case.
pub(super) fn case_marks(case: &Case, as_of: NaiveDate, named: bool) -> Vec<Mark> {
    let cur = case.currency.code();
    let money = |a: Decimal| format!("{cur} {}", format_amount(a));
    let text = |s: &str| crate::text::escape(s).into_owned();
    let quoted = |s: &Option<String>| {
        s.as_deref()
            .map_or_else(String::new, |r| format!(" ({})", text(r)))
    };
    let mut out = Vec::new();
    let mut push = |date: NaiveDate, kind: MarkKind, words: String| {
        let words = if named {
            format!("{}: {words}", text(&case.id))
        } else {
            words
        };
        out.push(Mark {
            date,
            kind,
            case: case.id.clone(),
            words,
        });
    };
    let event_words = |e: &crate::events::Event| {
        use crate::case::EventKind;
        let kind = match e.kind {
            EventKind::Appealed => "appealed",
            EventKind::Annulled => "annulled",
            EventKind::Reinstated => "reinstated",
            EventKind::Reduced => "reduced",
            EventKind::Upheld => "upheld",
            EventKind::Suspended => "collection suspended",
            EventKind::Resumed => "collection resumed",
        };
        match e.amount {
            Some(a) => format!("{kind} to {}", money(a)),
            None => kind.to_string(),
        }
    };
    for f in case.fines.iter().filter(|f| f.decided <= as_of) {
        push(
            f.decided,
            MarkKind::Fine,
            format!(
                "fine \"{}\" of {}{}",
                text(&f.id),
                money(f.amount),
                quoted(&f.reference)
            ),
        );
        for e in f.events.iter().filter(|e| e.known() <= as_of) {
            push(
                e.date,
                MarkKind::FineEvent,
                format!(
                    "fine \"{}\" {}{}",
                    text(&f.id),
                    event_words(e),
                    quoted(&e.reference)
                ),
            );
        }
    }
    for o in case.orders.iter().filter(|o| accrue::exists(o, as_of)) {
        let view = accrue::known(o, as_of);
        let id = text(&o.id);
        if let Start::Known { first_day, .. } = &view.start {
            push(
                *first_day,
                MarkKind::FirstDayOfDelay,
                format!("order \"{id}\": first day of delay"),
            );
        }
        for c in o.deadline_changes().iter().filter(|c| c.decided <= as_of) {
            let to = c
                .start
                .first_day()
                .map_or_else(|| "not known".to_string(), |d| d.to_string());
            push(
                c.decided,
                MarkKind::DeadlineChange,
                format!(
                    "order \"{id}\": deadline changed, first day of delay {to}{}",
                    quoted(&c.reference)
                ),
            );
        }
        for m in o
            .measurements()
            .iter()
            .filter(|m| m.decided.unwrap_or(m.date) <= as_of)
        {
            let values: Vec<String> = m
                .values
                .iter()
                .map(|(k, v)| format!("{} = {}", text(k), v.normalize()))
                .collect();
            push(
                m.date,
                MarkKind::Measurement,
                format!("order \"{id}\": measured {}", values.join(", ")),
            );
        }
        let accrual = accrue::accrue(&view, as_of).ok();
        for l in o.liquidations.iter().filter(|l| l.decided <= as_of) {
            let figures = accrual.as_ref().and_then(|a| {
                a.liquidations.iter().find(|f| {
                    f.liquidation.decided == l.decided && f.liquidation.window == l.window
                })
            });
            let amounts = match (l.amount, figures) {
                (Some(ordered), Some(f)) if f.computed != ordered => format!(
                    "{} ordered (computed {})",
                    money(ordered),
                    format_amount(f.computed)
                ),
                (Some(ordered), _) => format!("{} ordered", money(ordered)),
                (None, Some(f)) => format!("{} computed", money(f.computed)),
                (None, None) => String::new(),
            };
            push(
                l.decided,
                MarkKind::Liquidation,
                format!(
                    "order \"{id}\": liquidation{}, {} to {}: {amounts}",
                    quoted(&l.reference),
                    l.window.from,
                    l.window.last_day()
                ),
            );
            for e in l.events.iter().filter(|e| e.known() <= as_of) {
                push(
                    e.date,
                    MarkKind::LiquidationEvent,
                    format!(
                        "order \"{id}\": liquidation{} {}",
                        quoted(&l.reference),
                        event_words(e)
                    ),
                );
            }
        }
        if let (Some(day), Some(cap)) = (accrual.as_ref().and_then(|a| a.cap_reached), o.cap) {
            push(
                day,
                MarkKind::CapReached,
                format!("order \"{id}\": cap of {} reached", money(cap)),
            );
        }
        if let Some(d) = view.complied.filter(|&d| d <= as_of) {
            push(d, MarkKind::Compliance, format!("order \"{id}\": complied"));
        }
        if let Some(d) = view.lifted.filter(|&d| d <= as_of) {
            push(d, MarkKind::Lifted, format!("order \"{id}\": lifted"));
        }
    }
    out
}
