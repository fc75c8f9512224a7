//! `penalty explain`: how each figure of `compute` was obtained, in sentences a lawyer can
//! check against the decisions: each deadline with the rule that produced it, each window and
//! its segments (days x rate), each liquidation with its window as written in the file,
//! each fine's status with the event that set it, and each conversion with its rate.
//!
//! Like every renderer it lays out figures already computed (the report's case lines and
//! their accruals); the only arithmetic here is the restatement of a product or a sum that
//! the engine already made.

use super::schedule::{per_name, rate_words};
use super::{Meta, format_amount};
use crate::accrue::{Accrual, OrderState, Segment};
use crate::calendar::Grace;
use crate::case::{Case, Event, EventKind, Fine, Order, Per, Start, StartRule};
use crate::events::Status;
use crate::events::kind_name;
use crate::exposure::{CaseLine, FxDate, Report, Totals};
use crate::whatif::{Cut, WhatIf};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::fmt::Write;

/// Explains every case of `report`. `cases` are the cases it was computed from (with any
/// what-if overrides applied) and `what_if` tells which compliance dates were assumed.
pub fn render(report: &Report, cases: &[Case], what_if: &WhatIf, meta: &Meta) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Figures as of the end of {} (every day up to and including it has elapsed; events dated after it are ignored), in {}.",
        report.as_of, report.currency
    );
    if meta.projection {
        let _ = writeln!(
            out,
            "PROJECTION: the as-of date is in the future; the figures assume nothing changes until then."
        );
    }
    for o in &meta.overrides {
        let _ = writeln!(out, "What-if: {o}");
    }
    let _ = writeln!(
        out,
        "{}",
        match report.fx_date {
            FxDate::AsOf =>
                "Amounts in other currencies are converted at the rate of the as-of date (--fx-date as-of).",
            FxDate::Decided =>
                "Amounts in other currencies are converted at the rate of the day each arose: fines and liquidations on their decision, payments on their date, accruing penalties on the as-of date (--fx-date decided).",
        }
    );
    for line in &report.cases {
        if let Some(case) = cases.iter().find(|c| c.id == line.id) {
            out.push('\n');
            case_text(&mut out, case, line, report, what_if);
        }
    }
    // Notes, references and paths are free text from the case files: a control character in
    // them is shown escaped, never written to the terminal (line breaks stay line breaks).
    if out.chars().any(|c| c != '\n' && crate::text::is_unsafe(c)) {
        crate::text::escape_keeping(&out, &['\n']).into_owned()
    } else {
        out
    }
}

fn case_text(out: &mut String, case: &Case, line: &CaseLine, report: &Report, what_if: &WhatIf) {
    let as_of = report.as_of;
    let mut title = format!(
        "Case {} ({}): {}, {}",
        case.id,
        case.path.display(),
        case.company,
        case.jurisdiction
    );
    if let Some(a) = &case.authority {
        let _ = write!(title, ", decided by {a}");
    }
    if let Some(r) = &case.reference {
        let _ = write!(title, ", {r}");
    }
    let _ = writeln!(out, "{title}.");
    notes_text(out, case);
    let _ = writeln!(out, "Amounts in {}, the case's currency.", case.currency);

    for fine in &case.fines {
        out.push('\n');
        fine_text(out, fine, line, as_of);
    }
    for order in &case.orders {
        out.push('\n');
        let Some(figures) = line.figures.orders.iter().find(|f| f.id == order.id) else {
            let _ = writeln!(
                out,
                "Order \"{}\"{}, decided {}: decided after the as-of date, so it does not exist as of {as_of}: nothing accrues, nothing is at risk.",
                order.id,
                reference(order.reference.as_deref()),
                order.decided.map_or_else(String::new, |d| d.to_string())
            );
            continue;
        };
        let assumed = what_if
            .assumed(&case.id, &order.id)
            .map(|a| a.by.to_string());
        let cuts: Vec<&Cut> = what_if
            .cuts
            .iter()
            .filter(|c| c.case == case.id && c.order == order.id)
            .collect();
        order_text(
            out,
            order,
            &figures.accrual,
            as_of,
            assumed.as_deref(),
            &cuts,
        );
    }
    let paid: Vec<_> = case.payments.iter().filter(|p| p.date <= as_of).collect();
    if !paid.is_empty() {
        out.push('\n');
        for p in paid {
            let reference = p
                .reference
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "Payment of {} on {} towards \"{}\"{reference}.",
                format_amount(p.amount),
                p.date,
                p.applies_to
            );
        }
    }
    out.push('\n');
    totals_text(out, &line.own, &case.currency.to_string());
    conversion_text(out, case, line, report);
}

/// The case's notes, line by line as written, and its sources: the assumptions behind the
/// figures and where to check them.
fn notes_text(out: &mut String, case: &Case) {
    if let Some(notes) = case
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let _ = writeln!(out, "Notes:");
        for line in notes.lines() {
            let _ = writeln!(out, "  {}", line.trim_end());
        }
    }
    if !case.sources.is_empty() {
        let _ = writeln!(out, "Sources: {}.", case.sources.join("; "));
    }
}

fn reference(r: Option<&str>) -> String {
    r.map(|r| format!(" ({r})")).unwrap_or_default()
}

fn fine_text(out: &mut String, fine: &Fine, line: &CaseLine, as_of: NaiveDate) {
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
fn history(out: &mut String, indent: &str, amount: Decimal, events: &[Event], as_of: NaiveDate) {
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
    let setter = happened.iter().rev().find(|e| e.kind != EventKind::Reduced);
    let status = match setter {
        None => format!(
            "enforceable: no appeal, annulment or other event is recorded on or before {as_of}"
        ),
        Some(e) => {
            let r = reference(e.reference.as_deref());
            match e.kind {
                EventKind::Appealed => format!("contested: appealed on {}{r}", e.date),
                EventKind::Reinstated => format!(
                    "contested: reinstated on {}{r}, pending the remitted appeal",
                    e.date
                ),
                EventKind::Annulled => format!("annulled on {}{r}: it counts zero", e.date),
                EventKind::Upheld | EventKind::Reduced => {
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

fn plural(n: i64, word: &str) -> String {
    let n_text = format_amount(Decimal::from(n));
    let n_text = n_text.strip_suffix(".00").unwrap_or(&n_text);
    if n == 1 {
        format!("{n_text} {word}")
    } else {
        format!("{n_text} {word}s")
    }
}

fn rule_in_force(order: &Order) -> &StartRule {
    match &order.start {
        Start::Known { rule, .. } => rule,
        Start::Unknown => &StartRule::Starts,
    }
}

fn first_day_in_force(order: &Order) -> NaiveDate {
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
fn deadline_history(out: &mut String, order: &Order, as_of: NaiveDate) {
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
fn deadline_words(rule: &StartRule, first_day: NaiveDate) -> String {
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

fn segment_words(s: &Segment, per: Per) -> String {
    let through = s.until.pred_opt().unwrap_or(s.until);
    let when = if through == s.from {
        s.from.to_string()
    } else if through.year() > 9999 {
        // A unit started late in 9999 ends after the last date a case may reach.
        format!("{} through the end of the {}", s.from, per_name(per))
    } else {
        format!("{} through {through}", s.from)
    };
    let gross = s.amount + s.capped;
    let mut text = match per {
        Per::Once => format!(
            "{when}: the lump sum of {} is forfeited on the first day of delay",
            format_amount(gross)
        ),
        _ => format!(
            "{when}: {} x {} = {}",
            plural(s.units, per_name(per)),
            format_amount(s.rate),
            format_amount(gross)
        ),
    };
    if !s.adjustments.is_empty() {
        let _ = write!(text, "; each {}: {}", per_name(per), adjustment_words(s));
    }
    if !s.capped.is_zero() {
        let _ = write!(
            text,
            "; the cap cuts {}, leaving {}",
            format_amount(s.capped),
            format_amount(s.amount)
        );
    }
    text
}

/// A unit's arithmetic: "42,800,000.00 - 15 x 200,000.00 (other-sites) = 39,800,000.00";
/// measures whose value is 0 are left out.
fn adjustment_words(s: &Segment) -> String {
    let mut text = format_amount(s.base);
    let mut sum = s.base;
    for t in s.adjustments.iter().filter(|t| !t.value.is_zero()) {
        let sign = if t.per_item.is_sign_negative() {
            '-'
        } else {
            '+'
        };
        let _ = write!(
            text,
            " {sign} {} x {} ({})",
            t.value.normalize(),
            format_amount(t.per_item.abs()),
            t.measure
        );
        sum = sum
            .checked_add(t.per_item.checked_mul(t.value).unwrap_or_default())
            .unwrap_or(sum);
    }
    if s.adjustments.iter().all(|t| t.value.is_zero()) {
        text.push_str(" (no measured item yet)");
    }
    let _ = write!(text, " = {}", format_amount(sum));
    if sum != s.rate {
        let _ = write!(text, ", below zero, so {}", format_amount(s.rate));
    }
    text
}

/// The days x rate products of a daily order's segments inside `[from, until)`, when they
/// add up to `computed` (no cap cut inside); `None` otherwise.
fn window_products(
    segments: &[Segment],
    from: NaiveDate,
    until: NaiveDate,
    computed: Decimal,
) -> Option<String> {
    let mut parts = Vec::new();
    let mut sum = Decimal::ZERO;
    for s in segments {
        let (lo, hi) = (s.from.max(from), s.until.min(until));
        if lo >= hi {
            continue;
        }
        if !s.capped.is_zero() {
            return None;
        }
        let days = (hi - lo).num_days();
        let amount = Decimal::from(days).checked_mul(s.rate)?;
        sum = sum.checked_add(amount)?;
        parts.push(format!(
            "{} x {}",
            plural(days, "day"),
            format_amount(s.rate)
        ));
    }
    (sum == computed && !parts.is_empty()).then(|| parts.join(" + "))
}

fn order_text(
    out: &mut String,
    written: &Order,
    a: &Accrual,
    as_of: NaiveDate,
    assumed: Option<&str>,
    cuts: &[&Cut],
) {
    // The order as known at the end of the as-of date: what the figures were computed on.
    let view = crate::accrue::known(written, as_of);
    let order = &*view;
    let mut head = format!(
        "Order \"{}\"{}",
        order.id,
        reference(order.reference.as_deref())
    );
    match order.rate {
        Some(rate) if order.per == Per::Day => {
            let _ = write!(head, ": {} per day of delay", format_amount(rate));
        }
        Some(rate) => {
            let _ = write!(head, ": {}", rate_words(rate, order.per));
        }
        None => {}
    }
    if order.ceiling {
        head.push_str(
            ", a maximum (ceiling): the amount is fixed by liquidation, and days not liquidated count at the ceiling",
        );
    }
    if let Some(cap) = order.cap {
        let _ = write!(head, ", capped at {}", format_amount(cap));
    }
    let _ = writeln!(out, "{head}.");
    for rc in &written.rate_changes {
        let decided = rc
            .decided
            .map(|d| format!(" (decided {d})"))
            .unwrap_or_default();
        let later = if rc.decided.unwrap_or(rc.from) > as_of {
            "; not known as of the as-of date, not counted"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  Rate change: {} from {}{decided}{later}.",
            rate_words(rc.rate, order.per),
            rc.from
        );
    }

    for adj in order.adjustments() {
        let _ = writeln!(
            out,
            "  Adjustment: {} per item of \"{}\", on the value measured in force on {}.",
            format_amount(adj.per_item),
            adj.measure,
            if order.per == Per::Day {
                "each day".to_string()
            } else {
                format!("each {}'s last day", per_name(order.per))
            }
        );
    }
    for m in written.measurements() {
        let values: Vec<String> = m
            .values
            .iter()
            .map(|(k, v)| format!("{k} = {}", v.normalize()))
            .collect();
        let decided = m
            .decided
            .map(|d| format!(", decided {d}"))
            .unwrap_or_default();
        let later = if m.decided.unwrap_or(m.date) > as_of {
            "; not known as of the as-of date, not counted"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  Measurement in force from {}{decided}: {}{later}.",
            m.date,
            values.join(", ")
        );
    }

    let Start::Known { first_day, rule } = &order.start else {
        let at_risk = a
            .at_risk
            .map(|r| format!(", and its whole cap of {} is at risk", format_amount(r)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  Deadline: not known (no starts, deadline or grace in the file): the order accrues nothing{at_risk}. The tool never invents a date."
        );
        state_text(out, a, order.per, as_of, assumed);
        return;
    };
    let first_day = *first_day;
    // The same computation `accrue` made, laid out segment by segment; it cannot fail where
    // `accrue` succeeded.
    let segments = crate::accrue::segments(order, as_of).unwrap_or_default();
    match (&written.start, written.deadline_changes()) {
        (Start::Known { first_day, rule }, [_, ..]) => {
            let _ = writeln!(
                out,
                "  Deadline as decided: {}.",
                deadline_words(rule, *first_day)
            );
            deadline_history(out, written, as_of);
            let _ = writeln!(
                out,
                "  Deadline in force: {}.",
                deadline_words(rule_in_force(order), first_day_in_force(order))
            );
        }
        _ => {
            let _ = writeln!(out, "  Deadline: {}.", deadline_words(rule, first_day));
        }
    }
    if first_day > as_of {
        let _ = writeln!(
            out,
            "  Window: the first day of delay is after the as-of date: nothing has accrued yet."
        );
        state_text(out, a, order.per, as_of, assumed);
        return;
    }

    let end = match a.state {
        OrderState::Complied(d) | OrderState::Lifted(d) => Some(d),
        _ => None,
    };
    let window = match (end, a.state) {
        (Some(d), OrderState::Complied(_)) if order.decided.is_some_and(|dec| d <= dec) => {
            format!(
                "none: complied with on {d}, on or before the decision of {}: the condition the penalty enforces was met before it was imposed, so it never accrues",
                order.decided.unwrap_or(d)
            )
        }
        (Some(d), _) if d <= first_day => {
            format!("none: the order ended on {d}, before the first day of delay")
        }
        (Some(d), OrderState::Complied(_)) => format!(
            "days of delay run from {first_day} through {}; complied on {d}{}, the first day without penalty",
            d.pred_opt().unwrap_or(d),
            assumed
                .map(|r| format!(" (assumed: --assume-compliance {r})"))
                .unwrap_or_default()
        ),
        (Some(d), _) => format!(
            "days of delay run from {first_day} through {}; lifted on {d}, the first day the order no longer applies",
            d.pred_opt().unwrap_or(d)
        ),
        (None, _) => format!(
            "days of delay run from {first_day} through {as_of}, the as-of date; the order is still open"
        ),
    };
    let _ = writeln!(out, "  Window: {window}.");
    let window_end = end
        .unwrap_or_else(|| as_of.succ_opt().unwrap_or(as_of))
        .min(as_of.succ_opt().unwrap_or(as_of));
    for s in order
        .suspensions
        .iter()
        .filter(|s| s.from < window_end && s.until > first_day)
    {
        let _ = writeln!(
            out,
            "  Suspended {} ({}): those days do not count.",
            s,
            plural(s.days(), "day")
        );
    }

    let counted = format!("{} of delay", plural(a.days, "day"));
    if segments.is_empty() {
        let _ = writeln!(out, "  Accrual: {counted}; nothing accrued.");
    } else {
        let _ = writeln!(out, "  Accrual: {counted}, in these segments:");
        for s in &segments {
            let _ = writeln!(out, "    {}", segment_words(s, order.per));
        }
    }
    let _ = writeln!(out, "  Accrued: {}.", format_amount(a.accrued));
    if let (Some(cap), Some(day)) = (order.cap, a.cap_reached) {
        let _ = writeln!(
            out,
            "  Cap: {} reached on {day}; nothing accrues after it.",
            format_amount(cap)
        );
    }

    for f in &a.liquidations {
        let l = &f.liquidation;
        let name = l
            .reference
            .as_deref()
            .map_or_else(|| "Liquidation".to_string(), |r| format!("Liquidation {r}"));
        let _ = writeln!(
            out,
            "  {name}, decided {}: window {}, {}.",
            l.decided,
            l.window,
            plural(f.days, "day")
        );
        let computed = match (
            order.per,
            window_products(&segments, l.window.from, l.window.until, f.computed),
        ) {
            (Per::Day, Some(products)) => format!("{products} = {}", format_amount(f.computed)),
            _ => format!(
                "{} over its {}",
                format_amount(f.computed),
                plural(f.days, "day")
            ),
        };
        let (mut ordered, reduction) = super::ordered_words(f);
        let cut = cuts.iter().find(|c| c.is_of(&c.case, &c.order, l));
        if let (Some(c), Some(original)) = (cut, cut.and_then(|c| c.ordered)) {
            ordered = format!(
                "ordered {}, {} under the what-if",
                format_amount(original),
                format_amount(c.scaled.unwrap_or(original))
            );
        }
        let _ = writeln!(out, "    Computed {computed}; {ordered}; {reduction}.");
        if let Some(c) = cut {
            let _ = writeln!(
                out,
                "    What-if (--assume-compliance {}): {}.",
                c.by,
                c.words()
            );
        }
        if !l.events.is_empty() {
            history(out, "    ", f.ordered, &l.events, as_of);
        }
        let counts = match f.status {
            Status::Annulled => format!(
                "Counts for 0.00 (annulled): its {} are accruing again unless another liquidation covers them",
                plural(f.days, "day")
            ),
            status => format!("Counts for {} ({status})", format_amount(f.counted())),
        };
        let _ = writeln!(out, "    {counts}.");
    }
    let later: Vec<String> = order
        .liquidations
        .iter()
        .filter(|l| l.decided > as_of)
        .map(|l| format!("{} (decided {})", l.window, l.decided))
        .collect();
    if !later.is_empty() {
        let _ = writeln!(
            out,
            "  Liquidations decided after the as-of date, not counted: {}.",
            later.join("; ")
        );
    }
    let _ = writeln!(
        out,
        "  Liquidated: {} ({} in liquidated windows). Accruing: {}{} ({} not covered by a liquidation; provisional, owed only once liquidated).",
        format_amount(a.liquidated),
        plural(a.liquidated_days, "day"),
        if a.at_most { "at most " } else { "" },
        format_amount(a.accruing),
        plural(a.accruing_days, "day")
    );
    state_text(out, a, order.per, as_of, assumed);
}

fn state_text(out: &mut String, a: &Accrual, per: Per, as_of: NaiveDate, assumed: Option<&str>) {
    let what_if = assumed
        .map(|r| format!(" (assumed: --assume-compliance {r})"))
        .unwrap_or_default();
    let text = match a.state {
        OrderState::Complied(d) => format!("complied with on {d}{what_if}; nothing more accrues"),
        OrderState::Lifted(d) => format!("lifted on {d}; nothing more accrues"),
        OrderState::Unknown | OrderState::Pending | OrderState::Open => {
            let mut s = "open (neither complied with nor lifted".to_string();
            let _ = write!(s, " as of {as_of})");
            if let Some(r) = a.run_rate {
                let what = if per == Per::Violation {
                    "violation"
                } else {
                    "day of delay"
                };
                let why = if !r.is_zero() || per == Per::Violation {
                    ""
                } else if a.state == OrderState::Pending {
                    " (delay has not started)"
                } else if a.state == OrderState::Unknown {
                    " (its terms are not known)"
                } else if a.at_risk.is_some_and(|left| left.is_zero()) {
                    " (the cap is reached)"
                } else if matches!(per, Per::Day) {
                    " (the next day is suspended)"
                } else {
                    " (the next day starts no new unit)"
                };
                let _ = write!(s, "; one more {what} adds {}{why}", format_amount(r));
            }
            if let Some(r) = a.at_risk {
                let _ = write!(s, "; {} still at risk under the cap", format_amount(r));
            }
            match a.next_forfeiture {
                Some(f) => {
                    let _ = write!(
                        s,
                        "; next forfeiture, if nothing changes: {} on {}",
                        format_amount(f.amount),
                        f.date
                    );
                }
                None if per == Per::Violation => {
                    s.push_str("; no next forfeiture can be foreseen: each violation forfeits");
                }
                None => s.push_str("; nothing more will be forfeited"),
            }
            s
        }
    };
    let _ = writeln!(out, "  Status: {text}.");
}

fn totals_text(out: &mut String, t: &Totals, currency: &str) {
    let a = format_amount;
    let _ = writeln!(
        out,
        "Totals in {currency}: fines {} (enforceable {} + contested {}) + penalties {} (liquidated enforceable {} + liquidated contested {} + accruing {}) = exposure {}.",
        a(t.fines()),
        a(t.fines_enforceable),
        a(t.fines_contested),
        a(t.penalties()),
        a(t.liquidated_enforceable),
        a(t.liquidated_contested),
        a(t.accruing),
        a(t.exposure())
    );
    let _ = writeln!(
        out,
        "Owed (fines + liquidated penalties) {} - paid {} = outstanding {}.",
        a(t.owed()),
        a(t.paid),
        a(t.outstanding())
    );
    if let Some(f) = t.next_forfeiture {
        let _ = writeln!(
            out,
            "Next forfeiture of the case, if nothing changes: {} on {} (not part of exposure).",
            a(f.amount),
            f.date
        );
    }
}

fn conversion_text(out: &mut String, case: &Case, line: &CaseLine, report: &Report) {
    if case.currency == report.currency {
        let _ = writeln!(
            out,
            "Conversion: none; the case's amounts are in {}, the report currency.",
            report.currency
        );
        return;
    }
    let a = format_amount;
    let (own, to) = (&line.own, &line.totals);
    let parts: Vec<String> = [
        (
            "enforceable fines",
            own.fines_enforceable,
            to.fines_enforceable,
        ),
        ("contested fines", own.fines_contested, to.fines_contested),
        (
            "enforceable liquidated",
            own.liquidated_enforceable,
            to.liquidated_enforceable,
        ),
        (
            "contested liquidated",
            own.liquidated_contested,
            to.liquidated_contested,
        ),
        ("accruing", own.accruing, to.accruing),
        ("paid", own.paid, to.paid),
    ]
    .into_iter()
    .filter(|(_, from, _)| !from.is_zero())
    .map(|(name, from, into)| {
        format!(
            "{name} {} {} = {} {}",
            a(from),
            case.currency,
            a(into),
            report.currency
        )
    })
    .collect();
    if parts.is_empty() {
        let _ = writeln!(
            out,
            "Conversion into {}: nothing to convert.",
            report.currency
        );
    } else {
        let _ = writeln!(
            out,
            "Conversion into {}, each component rounded to the currency's minor unit: {}.",
            report.currency,
            parts.join("; ")
        );
    }
    for r in &line.rates {
        let stale = if r.stale {
            format!(
                " (stale: {} older than the valuation date)",
                plural((r.valuation_date - r.date).num_days(), "day")
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  Rate: {r}, the latest on or before {}{stale}.",
            r.valuation_date
        );
    }
    let _ = writeln!(
        out,
        "  In {}: exposure {}, owed {}, outstanding {}.",
        report.currency,
        a(to.exposure()),
        a(to.owed()),
        a(to.outstanding())
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::load_case_str;
    use std::path::Path;

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

    #[test]
    fn a_window_across_a_rate_change_is_a_sum_of_products() {
        let text = "[case]\nid = \"eu\"\ncompany = \"P\"\njurisdiction = \"EU\"\ncurrency = \"EUR\"\n\
            [[order]]\nid = \"o\"\ndecided = 2021-07-14\nstarts = 2021-09-20\nrate = \"1000000\"\n\
            [[order.rate_change]]\nfrom = 2021-09-30\nrate = \"500000\"\n";
        let case = load_case_str(Path::new("eu.toml"), text).unwrap();
        let a = crate::accrue::segments(&case.orders[0], d("2021-10-31")).unwrap();
        // 10 days at 1,000,000 and 5 at 500,000 in [20 Sept, 5 Oct).
        assert_eq!(
            window_products(
                &a,
                d("2021-09-20"),
                d("2021-10-05"),
                Decimal::from(12_500_000)
            ),
            Some("10 days x 1,000,000.00 + 5 days x 500,000.00".to_string())
        );
        assert_eq!(
            window_products(&a, d("2021-09-20"), d("2021-10-05"), Decimal::from(1)),
            None
        );
    }
}
