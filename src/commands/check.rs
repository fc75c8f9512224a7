//! `penalty check`: validates every case file, warns about figures above a statutory limit
//! (`limits`), about liquidation windows that cut a unit (`grid`) and about what probably
//! does not say what its author meant (`case::lint`), and evaluates the `[[expect]]` assertions. Silent, with status 0, when all
//! hold; each failed assertion is printed as `FILE:LINE:COL: expected X, computed Y
//! (difference Z)` and the status is 1, as it is for a warning under `--deny-warnings`; bad
//! input is an error, status 2.

use super::{Status, load};
use crate::case::{Diagnostic, Diagnostics, MAX_SHOWN};
use crate::cli::CheckArgs;
use crate::expect::evaluate;
use crate::exposure::{FxDate, case_line};
use crate::fx::RateTable;
use crate::grid::grid_warnings;
use crate::limits::statutory_warnings;
use chrono::NaiveDate;
use std::io::Write;

/// Runs `penalty check`.
pub fn run(args: &CheckArgs, today: NaiveDate) -> anyhow::Result<Status> {
    let today = args.as_of.unwrap_or(today);
    let mut cases = load(&args.paths)?;
    cases.sort_by(|a, b| a.path.cmp(&b.path));
    // Each case is computed as of today in its own currency, so that figures too large to
    // compute exactly are found here and not first by compute. (Conversion depends on the
    // report currency and date, which are compute's.)
    let errors: Vec<Diagnostic> = cases
        .iter()
        .filter_map(|case| {
            case_line(
                case,
                today,
                case.currency,
                FxDate::AsOf,
                &RateTable::empty(),
            )
            .err()
            .map(|e| e.diagnostic().clone())
        })
        .collect();
    if !errors.is_empty() {
        return Err(Diagnostics(errors).into());
    }
    let warnings: Vec<_> = cases.iter().flat_map(statutory_warnings).collect();
    let expiring = match args.warn_expiring {
        Some(days) => expiring(&cases, today, days)?,
        None => Vec::new(),
    };
    // Ids that differ only in letter case, liquidations that hold no day of delay, and
    // liquidation windows that cut a unit, in file order.
    let mut lints = crate::case::lint::warnings(&cases);
    lints.extend(cases.iter().flat_map(grid_warnings));
    lints.sort_by(|a, b| (&a.path, a.position).cmp(&(&b.path, b.position)));
    let mut checked = 0;
    let mut failures: Vec<Diagnostic> = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for case in &cases {
        for expect in &case.expects {
            match evaluate(case, expect) {
                Ok(outcome) => {
                    checked += outcome.checked;
                    failures.extend(outcome.failures);
                }
                Err(e) => errors.push(e),
            }
        }
    }
    // In file order: by file, then line and column.
    failures.sort_by(|a, b| (&a.path, a.position).cmp(&(&b.path, b.position)));
    let mut err = std::io::stderr().lock();
    super::print_warnings(
        &mut err,
        warnings
            .iter()
            .map(|w| (w.source.to_string(), w.to_string()))
            .chain(
                lints
                    .iter()
                    .map(|w| ("of the case files".to_string(), w.to_string())),
            )
            .chain(
                expiring
                    .iter()
                    .map(|w| ("sums about to lapse".to_string(), w.clone())),
            ),
    );
    for f in failures.iter().take(MAX_SHOWN) {
        let _ = writeln!(err, "{f}");
    }
    if failures.len() > MAX_SHOWN {
        let _ = writeln!(
            err,
            "{} more failed figures not shown",
            failures.len() - MAX_SHOWN
        );
    }
    if !failures.is_empty() {
        let files = failures
            .iter()
            .map(|f| &f.path)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let _ = writeln!(
            err,
            "{} of {checked} expected figures failed, in {files} file{}",
            failures.len(),
            if files == 1 { "" } else { "s" }
        );
    }
    let denied =
        args.deny_warnings && !(warnings.is_empty() && lints.is_empty() && expiring.is_empty());
    if denied {
        let count = warnings.len() + lints.len() + expiring.len();
        let kind = if lints.is_empty() && expiring.is_empty() {
            "statutory-limit warning"
        } else {
            "warning"
        };
        let _ = writeln!(
            err,
            "check failed: {count} {kind}{} (--deny-warnings)",
            if count == 1 { "" } else { "s" }
        );
    }
    drop(err);
    if !errors.is_empty() {
        return Err(Diagnostics(errors).into());
    }
    Ok(if failures.is_empty() && !denied {
        Status::Success
    } else {
        Status::Failure
    })
}

/// The sums of `cases` that lapse within `days` days after `as_of`, as warnings naming their
/// file.
fn expiring(
    cases: &[crate::case::Case],
    as_of: NaiveDate,
    days: u32,
) -> anyhow::Result<Vec<String>> {
    let rates = crate::interest::Rates::shipped()?;
    let options = crate::owed::Options {
        rates,
        explain: false,
        assume_paid: None,
    };
    let mut out = Vec::new();
    for case in cases {
        let figures = crate::exposure::case_figures(case, as_of)
            .map_err(|o| Diagnostics(vec![crate::exposure::overflow_diagnostic(case, &o)]))?;
        let soon = crate::owed::expiring(case, &figures, as_of, days, &options)
            .map_err(|e| Diagnostics(vec![e.diagnostic(case)]))?;
        out.extend(soon.iter().map(|e| format!("{}: {e}", case.path.display())));
    }
    Ok(out)
}
