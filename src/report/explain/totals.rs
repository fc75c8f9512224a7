//! A case's totals (exposure, owed, outstanding) and their conversion into the report
//! currency, with the rate, its date and its source.

use super::plural;
use crate::case::Case;
use crate::exposure::{CaseLine, Report, Totals};
use crate::report::format_amount;
use std::fmt::Write;

pub(super) fn totals_text(out: &mut String, t: &Totals, currency: &str) {
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
    let interest_paid = if t.interest_paid.is_zero() {
        String::new()
    } else {
        format!(" + interest paid {}", a(t.interest_paid))
    };
    let _ = writeln!(
        out,
        "Owed (fines + liquidated penalties) {} - paid {}{interest_paid} = outstanding {}.",
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

pub(super) fn conversion_text(out: &mut String, case: &Case, line: &CaseLine, report: &Report) {
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
        ("interest paid", own.interest_paid, to.interest_paid),
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
