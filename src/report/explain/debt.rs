//! What is owed, debt by debt: each fine and liquidation with its amount, status, due date,
//! collection state, payments, interest segments (days x principal x rate / 365) and lapse
//! date, then the forfeited sums of an order that lapsed under Awb 5:35.

use crate::case::Case;
use crate::exposure::CaseFigures;
use crate::interest::{Regime, Segment};
use crate::limitation::Rule;
use crate::owed::lapse::OrderLapse;
use crate::owed::{Collection, DebtFigures, DebtOf, DueRule, liquidation};
use crate::report::format_amount;
use std::fmt::Write;

/// The rule, day count and source of a regime, for the sentence that introduces its segments.
fn regime_words(regime: Regime) -> &'static str {
    match regime {
        Regime::FrLegal {
            majorated: false, ..
        } => "French legal rate, C. mon. fin. L313-2; actual days / 365 (service-public.fr F783)",
        Regime::FrLegal {
            majorated: true, ..
        } => {
            "French legal rate plus 5 points from two months after the decision, C. mon. fin. L313-3; actual days / 365 (service-public.fr F783)"
        }
        Regime::NlStatutory => {
            "Dutch statutory rate, BW 6:119 and Awb 4:98, compounded yearly; actual days / 365 (no text fixes the divisor)"
        }
        Regime::EuMro35 => {
            "ECB MRO rate of the first day of the due month plus 3.5 points, fixed, Del. Reg. 1268/2012 art. 83; actual days / 365 (no text fixes the divisor)"
        }
        Regime::Fixed(_) => "a fixed rate; actual days / 365",
    }
}

fn due_words(debt: &DebtFigures) -> String {
    match (debt.due, debt.due_rule) {
        (Some(due), DueRule::File) => format!("due {due}"),
        (Some(due), DueRule::SixWeeks) => {
            format!("due {due} (six weeks after the decision, Awb 4:87)")
        }
        _ => "no due date (payable from its decision)".to_string(),
    }
}

fn segment_line(out: &mut String, s: &Segment) {
    let _ = writeln!(out, "      {} to {}: {s}", s.from, s.to);
}

fn limitation_words(debt: &DebtFigures) -> String {
    let (rule, day) = match (debt.limitation, debt.lapse) {
        (Rule::None, _) | (_, None) => return "none".to_string(),
        (rule, Some(day)) => (rule, day),
    };
    let source = match rule {
        Rule::AdministrativeDebt => "Awb 4:104, five years after the payment term".to_string(),
        Rule::Dwangsom => "Awb 5:35".to_string(),
        other => format!("{other} after the due date, or the decision"),
    };
    match debt.collection {
        Collection::TimeBarred(_) => format!(
            "time-barred since {day} ({source}): the unpaid {} counts zero",
            format_amount(debt.outcome.principal)
        ),
        Collection::Paid => format!("paid before it could lapse ({source})"),
        _ => format!("lapses on {day} ({source})"),
    }
}

/// One debt: its lines, indented under the fine or liquidation it is.
fn debt_text(out: &mut String, debt: &DebtFigures, figures: &CaseFigures) {
    let name = match &debt.of {
        DebtOf::Fine(id) => format!("Fine \"{id}\""),
        DebtOf::Liquidation { order, .. } => match liquidation(figures, &debt.of) {
            Some(l) => format!("Order \"{order}\", liquidation of {}", l.window),
            None => format!("Order \"{order}\", liquidation"),
        },
    };
    let _ = writeln!(
        out,
        "  {name}: {}, {}, {}; {}.",
        format_amount(debt.amount),
        debt.status,
        due_words(debt),
        debt.collection
    );
    if matches!(debt.collection, Collection::Annulled | Collection::Nothing) {
        return;
    }
    if let Some(regime) = debt.regime
        && debt.due.is_some()
    {
        let _ = writeln!(out, "    Interest {regime} ({}):", regime_words(regime));
        if debt.outcome.segments.is_empty() {
            let _ = writeln!(out, "      none has run.");
        }
        let mut capitalised = debt.outcome.capitalised.iter().peekable();
        for s in &debt.outcome.segments {
            while let Some((day, amount)) = capitalised.next_if(|(day, _)| *day < s.from) {
                let _ = writeln!(
                    out,
                    "      {day}: {} of interest added to the amount bearing interest (anniversary of default)",
                    format_amount(*amount)
                );
            }
            segment_line(out, s);
        }
        for p in &debt.outcome.settlements {
            let _ = writeln!(
                out,
                "    Payment of {} on {}: {} to interest, then {} to principal.",
                format_amount(p.amount),
                p.date,
                format_amount(p.interest),
                format_amount(p.principal)
            );
        }
        let _ = writeln!(
            out,
            "    Interest accrued {} (rounded once per period); unpaid: principal {} + interest {}.",
            format_amount(debt.outcome.accrued),
            format_amount(debt.outcome.principal),
            format_amount(debt.outcome.interest)
        );
    } else {
        let _ = writeln!(
            out,
            "    No interest ({}); paid {}, unpaid {}.",
            if debt.regime.is_some() {
                "no due date"
            } else {
                "no regime named"
            },
            format_amount(debt.paid),
            format_amount(debt.outcome.principal)
        );
    }
    if let Some(amount) = debt.assumed_paid {
        let _ = writeln!(
            out,
            "    What-if (--assume-paid): {} paid, its unpaid principal and interest on the assumed day.",
            format_amount(amount)
        );
    }
    let _ = writeln!(out, "    Limitation: {}.", limitation_words(debt));
}

/// The debts of a case and the forfeited sums that lapsed, under a heading.
pub(super) fn debts_text(
    out: &mut String,
    case: &Case,
    figures: &CaseFigures,
    debts: &[DebtFigures],
    lapsed: &[OrderLapse],
) {
    if debts.is_empty() && lapsed.is_empty() {
        return;
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "What is owed, debt by debt (in {}; interest per period rounded to the cent):",
        case.currency
    );
    for debt in debts {
        debt_text(out, debt, figures);
    }
    for l in lapsed {
        let _ = writeln!(
            out,
            "  Order \"{}\": forfeited sums no liquidation covers, time-barred one year after each day (Awb 5:35), no collection order in time: {}.",
            l.order,
            format_amount(l.barred.amount)
        );
        for s in &l.barred.spans {
            let _ = writeln!(
                out,
                "    Forfeited {} through {}: {}, time-barred from {} through {}.",
                s.first,
                s.last,
                format_amount(s.amount),
                s.lapses_from,
                s.lapses_to
            );
        }
    }
}
