//! The orders of a case: deadline, rate, each liquidation with its window, what accrues
//! now, and the order's status on the as-of date.

use super::deadline::{deadline_history, deadline_words, first_day_in_force, rule_in_force};
use super::fine::history;
use super::segment::{segment_words, window_products};
use super::{plural, reference};
use crate::accrue::{Accrual, OrderState};
use crate::case::{Order, Per, Start};
use crate::events::Status;
use crate::report::format_amount;
use crate::report::schedule::{per_name, rate_words};
use crate::whatif::Cut;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write;

pub(super) fn order_text(
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
    for (i, s) in written.suspensions.iter().enumerate() {
        if let Some(decided) = written.suspension_decided(i).filter(|&d| d > as_of) {
            let _ = writeln!(
                out,
                "  Suspension {s} ({}), decided {decided}: decided after the as-of date, ignored.",
                plural(s.days(), "day")
            );
        }
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
        let (mut ordered, reduction) = crate::report::ordered_words(f);
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
    // The split the totals make: an annulled liquidation counts in neither.
    let (mut enforceable, mut contested) = (Decimal::ZERO, Decimal::ZERO);
    for f in &a.liquidations {
        match f.status {
            Status::Enforceable => enforceable = enforceable.saturating_add(f.amount),
            Status::Contested => contested = contested.saturating_add(f.amount),
            Status::Annulled => {}
        }
    }
    let _ = writeln!(
        out,
        "  Liquidated: {} ({} in liquidated windows): enforceable {} + contested {}. Accruing: {}{} ({} not covered by a liquidation; provisional, owed only once liquidated).",
        format_amount(a.liquidated),
        plural(a.liquidated_days, "day"),
        format_amount(enforceable),
        format_amount(contested),
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
