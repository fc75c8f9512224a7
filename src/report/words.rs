//! The phrases the reports share: what an order ordered, the rates used, what was annulled.

use super::{NumberFormat, format_amount};
use crate::exposure::{CaseLine, FineFigures, FineStatus, Report};

/// The fines a report counts zero because they are annulled: each with its case, and the
/// day of the annulment (the event that set the status), in case-id order.
pub fn annulled_fines(
    r: &Report,
) -> impl Iterator<Item = (&CaseLine, &FineFigures, Option<chrono::NaiveDate>)> {
    r.cases.iter().flat_map(|c| {
        c.figures
            .fines
            .iter()
            .filter(|f| f.status == FineStatus::Annulled)
            .map(move |f| (c, f, f.set_by.as_ref().map(|e| e.date)))
    })
}

/// A next forfeiture in a table cell: `10,000,000.00 on 2021-07-11`, or nothing.
pub fn next_words(f: Option<crate::accrue::Forfeiture>, numbers: NumberFormat) -> String {
    f.map(|f| format!("{} on {}", numbers.amount(f.amount), f.date))
        .unwrap_or_default()
}

/// A liquidation's ordered amount and its reduction, in words: ("ordered 5,200,000.00", "no
/// reduction"), ("ordered 4,000,000.00", "reduced by 1,200,000.00"), or, without an ordered
/// amount, ("no amount ordered, so the computed amount counts", "no reduction").
pub fn ordered_words(f: &crate::accrue::LiquidationFigures) -> (String, String) {
    let ordered = match f.liquidation.amount {
        Some(a) => format!("ordered {}", format_amount(a)),
        None => "no amount ordered, so the computed amount counts".to_string(),
    };
    if let Some(ceiling) = f.ceiling {
        // What an appeal took off the amount fixed is a reduction; the fixing itself is not.
        let reduction = if f.reduction.is_zero() {
            "the rate is a maximum, so this is no reduction".to_string()
        } else {
            format!(
                "the rate is a maximum, so only the {} taken off since is a reduction",
                format_amount(f.reduction)
            )
        };
        return (
            format!(
                "fixed at {} (ceiling {})",
                format_amount(f.ordered),
                format_amount(ceiling)
            ),
            reduction,
        );
    }
    let reduction = if f.reduction.is_zero() {
        "no reduction".to_string()
    } else if f.reduction.is_sign_positive() {
        format!("reduced by {}", format_amount(f.reduction))
    } else {
        format!("increased by {}", format_amount(-f.reduction))
    };
    (ordered, reduction)
}

/// The rates a report used, in words: `1 EUR = 0.8338 GBP (ECB, 2026-10-30), stale; ...`,
/// with a decimal comma in French typography; `None` when no conversion was needed.
pub fn rates_words(r: &Report, numbers: NumberFormat) -> Option<String> {
    if r.rates.is_empty() {
        return None;
    }
    let rates: Vec<String> = r.rates.iter().map(|u| rate_words(u, numbers)).collect();
    Some(rates.join("; "))
}

/// One rate used, in words: `1 EUR = 0.8338 GBP (ECB, 2026-10-30), stale`.
pub fn rate_words(u: &crate::fx::RateUsed, numbers: NumberFormat) -> String {
    let shown = match numbers {
        NumberFormat::En => u.to_string(),
        NumberFormat::Fr => {
            let rate = u.per_eur.to_string();
            u.to_string().replacen(&rate, &rate.replace('.', ","), 1)
        }
    };
    format!("{shown}{}", if u.stale { ", stale" } else { "" })
}

/// What a report's figures add up to, said under every table.
pub const EXPOSURE_NOTE: &str = "Exposure = fines (enforceable + contested) + penalties (liquidated enforceable + liquidated contested + accruing). Accruing penalties are provisional: owed only once liquidated. Run rate, at-risk and next forfeiture are not part of exposure.";

/// "annulled on D" (or "annulled" when the day is not known), for a fine counted zero.
pub fn annulled_words(on: Option<chrono::NaiveDate>) -> String {
    on.map_or_else(|| "annulled".to_string(), |d| format!("annulled on {d}"))
}

/// What is owed beyond the columns, under a table: `None` when everything outstanding is
/// payable with no interest, nothing suspended and nothing time-barred (the line says nothing
/// new then).
pub fn owed_words(t: &crate::exposure::Totals, numbers: NumberFormat) -> Option<String> {
    t.owed.as_ref()?;
    Some(format!(
        "What is owed: payable {}, suspended {}, late-payment interest {}; total due (outstanding + interest) {}; time-barred {} (counted zero).",
        numbers.amount(t.payable()),
        numbers.amount(t.suspended()),
        numbers.amount(t.interest()),
        numbers.amount(t.total_due()),
        numbers.amount(t.time_barred()),
    ))
}
