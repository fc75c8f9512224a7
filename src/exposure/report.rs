//! A whole report: case lines sorted and summed per company, per jurisdiction and overall.

use super::{CaseLine, FxDate, Totals, case_line};
use crate::accrue::{LIMITS, Overflow};
use crate::case::{Case, Diagnostic, Locus, locate, locate_in};
use crate::fx::{Currency, FxError, RateTable, RateUsed};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A whole report: case lines and their totals, in one currency, as of one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The day the figures are for.
    pub as_of: NaiveDate,
    /// The report currency.
    pub currency: Currency,
    /// When amounts were converted.
    pub fx_date: FxDate,
    /// Case lines, sorted by case id.
    pub cases: Vec<CaseLine>,
    /// Sums of case lines per company.
    pub companies: BTreeMap<String, Totals>,
    /// Sums of case lines per jurisdiction.
    pub jurisdictions: BTreeMap<String, Totals>,
    /// Sum of all case lines.
    pub total: Totals,
    /// Every rate used, once.
    pub rates: BTreeSet<RateUsed>,
}

/// Why a report could not be made. Each error points at the value in a case file that
/// caused it.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// An amount does not fit in a decimal: an accrual, a case's sums or the totals.
    #[error("{diagnostic}")]
    Overflow {
        /// Where and what.
        diagnostic: Box<Diagnostic>,
    },
    /// A conversion failed: a missing exchange rate, or an amount too large to convert.
    #[error("{diagnostic}")]
    Fx {
        /// Where and what.
        diagnostic: Box<Diagnostic>,
        /// The conversion error.
        error: Box<FxError>,
    },
    /// What is owed could not be computed: a day without an interest rate, an overflow.
    #[error("{diagnostic}")]
    Owed {
        /// Where and what.
        diagnostic: Box<Diagnostic>,
    },
}

impl ReportError {
    /// The located error.
    pub fn diagnostic(&self) -> &Diagnostic {
        match self {
            ReportError::Overflow { diagnostic }
            | ReportError::Fx { diagnostic, .. }
            | ReportError::Owed { diagnostic } => diagnostic,
        }
    }
}

/// The located error for an order's accrual that overflows.
pub fn overflow_diagnostic(case: &Case, overflow: &Overflow) -> Diagnostic {
    locate(
        case,
        Locus::Order {
            id: &overflow.order,
            key: overflow.field,
        },
        overflow.to_string(),
    )
}

/// Computes every case as of `as_of` and sums them up in `currency`.
pub fn build_report(
    cases: &[Case],
    as_of: NaiveDate,
    currency: Currency,
    fx_date: FxDate,
    rates: &RateTable,
) -> Result<Report, ReportError> {
    let lines = cases
        .iter()
        .map(|case| case_line(case, as_of, currency, fx_date, rates))
        .collect::<Result<Vec<_>, _>>()?;
    sum_up(lines, as_of, currency, fx_date)
}

/// Like [`build_report`], but consumes the cases, dropping each one once its line is made,
/// so that a large portfolio is never held twice in memory.
pub fn build_report_owned(
    cases: Vec<Case>,
    as_of: NaiveDate,
    currency: Currency,
    fx_date: FxDate,
    rates: &RateTable,
) -> Result<Report, ReportError> {
    let lines = rayon::scope(|_| {
        let mut cases = cases;
        let mut lines = Vec::with_capacity(cases.len());
        while let Some(case) = cases.pop() {
            lines.push(case_line(&case, as_of, currency, fx_date, rates)?);
            // Give back the cases' slots as they empty, for the lines to use.
            if cases.len() < cases.capacity() / 2 {
                cases.shrink_to_fit();
            }
        }
        Ok(lines)
    })?;
    sum_up(lines, as_of, currency, fx_date)
}

/// A case's line, or why it could not be made.
pub type Made = Result<CaseLine, Box<Unmade>>;

/// A case whose line could not be made: its id and file, and the error.
#[derive(Debug)]
pub struct Unmade {
    /// The case's id.
    pub id: String,
    /// The case's file.
    pub path: PathBuf,
    /// Why its line could not be made.
    pub error: ReportError,
}

/// The line of `case`, which is given back (dropped) as soon as the line is made: made as
/// cases are read, lines take the place of the cases rather than adding to them.
pub fn make_line(
    case: Case,
    as_of: NaiveDate,
    currency: Currency,
    fx_date: FxDate,
    rates: &RateTable,
) -> Made {
    case_line(&case, as_of, currency, fx_date, rates).map_err(|error| {
        Box::new(Unmade {
            id: case.id,
            path: case.path,
            error,
        })
    })
}

/// The case id and file of a line made or not.
pub fn made_key(made: &Made) -> (&str, &Path) {
    match made {
        Ok(line) => (&line.id, &line.path),
        Err(unmade) => (&unmade.id, &unmade.path),
    }
}

/// Sums up lines made by [`make_line`], as [`build_report_owned`] sums the lines it makes.
///
/// # Errors
///
/// The error of a line that could not be made (of the case with the greatest id, the first
/// [`build_report_owned`] meets, as it makes lines from the last case), or an overflow of the
/// sums.
pub fn report_from_lines(
    mut made: Vec<Made>,
    as_of: NaiveDate,
    currency: Currency,
    fx_date: FxDate,
) -> Result<Report, ReportError> {
    let worst = made
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.as_ref().err().map(|u| (i, &u.id)))
        .max_by(|a, b| a.1.cmp(b.1))
        .map(|(i, _)| i);
    if let Some(i) = worst {
        if let Err(unmade) = made.swap_remove(i) {
            return Err(unmade.error);
        }
    }
    // Kept in place: the lines are not copied into a second list.
    let lines: Vec<CaseLine> = made.into_iter().filter_map(Result::ok).collect();
    sum_up(lines, as_of, currency, fx_date)
}

/// The fewest lines summed by one task when a report's sums are made in parallel.
const LINES_PER_TASK: usize = 1024;

/// The sums of case lines: per company, per jurisdiction, overall, and the rates used.
#[derive(Default)]
struct Sums {
    companies: BTreeMap<String, Totals>,
    jurisdictions: BTreeMap<String, Totals>,
    total: Totals,
    used: BTreeSet<RateUsed>,
}

impl Sums {
    /// Adds the lines one by one, in their order; an error names the line whose addition
    /// cannot be done exactly and what it was being added to.
    fn of(lines: &[CaseLine]) -> Result<Sums, ReportError> {
        let mut sums = Sums::default();
        for line in lines {
            // What is being added to is named only when it fails.
            let add = |t: &mut Totals, what: &dyn Fn() -> String| -> Result<(), ReportError> {
                *t = t
                    .checked_add(&line.totals)
                    .ok_or_else(|| ReportError::Overflow {
                        diagnostic: Box::new(locate_in(
                            &line.path,
                            Locus::CaseId,
                            format!(
                                "adding case \"{}\" to {} cannot be done exactly ({LIMITS})",
                                line.id,
                                what()
                            ),
                        )),
                    })?;
                Ok(())
            };
            let company = || format!("the totals of company \"{}\"", line.company);
            match sums.companies.get_mut(&line.company) {
                Some(t) => add(t, &company)?,
                None => add(
                    sums.companies.entry(line.company.clone()).or_default(),
                    &company,
                )?,
            }
            let jurisdiction = || format!("the totals of jurisdiction \"{}\"", line.jurisdiction);
            match sums.jurisdictions.get_mut(&line.jurisdiction) {
                Some(t) => add(t, &jurisdiction)?,
                None => add(
                    sums.jurisdictions
                        .entry(line.jurisdiction.clone())
                        .or_default(),
                    &jurisdiction,
                )?,
            }
            add(&mut sums.total, &|| "the grand total".to_string())?;
            sums.used.extend(line.rates.iter().cloned());
        }
        Ok(sums)
    }

    /// Adds the sums of the lines that follow: `None` when a sum cannot be done exactly.
    fn then(mut self, next: Sums) -> Option<Sums> {
        let merge = |into: &mut BTreeMap<String, Totals>, from: BTreeMap<String, Totals>| {
            for (key, t) in from {
                match into.get_mut(&key) {
                    Some(sum) => *sum = sum.checked_add(&t)?,
                    None => {
                        into.insert(key, t);
                    }
                }
            }
            Some(())
        };
        merge(&mut self.companies, next.companies)?;
        merge(&mut self.jurisdictions, next.jurisdictions)?;
        self.total = self.total.checked_add(&next.total)?;
        self.used.extend(next.used);
        Some(self)
    }
}

/// Sorts case lines by case id and sums them per company, per jurisdiction and overall.
fn sum_up(
    mut lines: Vec<CaseLine>,
    as_of: NaiveDate,
    currency: Currency,
    fx_date: FxDate,
) -> Result<Report, ReportError> {
    // Case ids are unique across a portfolio, so an unstable sort is deterministic.
    // A few lines are sorted and summed on this thread, which spares starting a thread pool.
    if lines.len() > LINES_PER_TASK {
        lines.par_sort_unstable_by(|a, b| a.id.cmp(&b.id));
    } else {
        lines.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    }
    // Many lines are summed in parallel, a run of consecutive lines per thread (each run's
    // sums hold every company and jurisdiction it meets, so runs are few), and the sums of
    // the runs added in order: exact sums do not depend on how they are grouped. When a sum
    // cannot be done exactly, the lines are added one by one in id order, so that the error
    // names the same case however the lines were made.
    let parallel = (lines.len() > LINES_PER_TASK)
        .then(|| {
            let run = lines
                .len()
                .div_ceil(rayon::current_num_threads())
                .max(LINES_PER_TASK);
            lines
                .par_chunks(run)
                .map(|run| Sums::of(run).ok())
                .collect::<Option<Vec<Sums>>>()
        })
        .flatten()
        .and_then(|runs| {
            let mut runs = runs.into_iter();
            let first = runs.next().unwrap_or_default();
            runs.try_fold(first, Sums::then)
        });
    let sums = match parallel {
        Some(sums) => sums,
        None => Sums::of(&lines)?,
    };
    Ok(Report {
        as_of,
        currency,
        fx_date,
        cases: lines,
        companies: sums.companies,
        jurisdictions: sums.jurisdictions,
        total: sums.total,
        rates: sums.used,
    })
}
