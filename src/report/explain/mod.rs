//! `penalty explain`: how each figure of `compute` was obtained, in sentences a lawyer can
//! check against the decisions: each deadline with the rule that produced it, each window and
//! its segments (days x rate), each liquidation with its window as written in the file,
//! each fine's status with the event that set it, and each conversion with its rate.
//!
//! Like every renderer it lays out figures already computed (the report's case lines and
//! their accruals); the only arithmetic here is the restatement of a product or a sum that
//! the engine already made.

mod deadline;
mod debt;
mod fine;
mod order;
mod segment;
mod totals;

use super::{Meta, format_amount};
use crate::case::Case;
use crate::exposure::{CaseLine, FxDate, Report};
use crate::whatif::{Cut, WhatIf};
use fine::fine_text;
use order::order_text;
use rust_decimal::Decimal;
use std::fmt::Write;
use totals::{conversion_text, totals_text};

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
    let owing = case.owing.as_deref();
    let rates = match owing {
        Some(o) => Ok(&o.rates),
        None => crate::interest::Rates::shipped(),
    };
    if let Ok(rates) = rates
        && let Ok(debts) = crate::owed::debts(
            case,
            &line.figures,
            as_of,
            &crate::owed::Options {
                rates,
                explain: true,
                assume_paid: owing.and_then(|o| o.assume_paid),
            },
        )
        && let Ok(lapsed) = crate::owed::lapse::barred(case, &line.figures, as_of)
    {
        debt::debts_text(out, case, &line.figures, &debts, &lapsed);
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

fn plural(n: i64, word: &str) -> String {
    let n_text = format_amount(Decimal::from(n));
    let n_text = n_text.strip_suffix(".00").unwrap_or(&n_text);
    if n == 1 {
        format!("{n_text} {word}")
    } else {
        format!("{n_text} {word}s")
    }
}
