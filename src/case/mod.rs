//! The case model: the validated form of a case file that the engine computes on, and the
//! loading of files and directories into it.
//!
//! `raw` mirrors the TOML; `files` reads files and directories, `parse` and `validate` turn
//! their text into the types below, so the engine never sees an inconsistent case, and
//! `locate` points back into a file when a later step finds something wrong.

pub mod diag;
mod files;
pub mod lint;
mod locate;
mod parse;
mod terms;
mod validate;
// The raw types mirror the TOML keys one for one; docs/case-format.md documents each key.
#[allow(missing_docs)]
pub mod raw;

pub use diag::{Diagnostic, Diagnostics, MAX_SHOWN};
pub use files::{MAX_FILE_BYTES, collect_files, load_case_bytes, load_paths, load_paths_with};
pub use locate::{Locus, locate, locate_in, raw_tables};
pub(crate) use parse::other_date_layout;
pub use raw::{Count, EventKind, Per};
pub use terms::DebtTerms;
pub use validate::load_case_str;

pub use crate::events::Event;

use crate::calendar::Grace;
use crate::fx::Currency;
use crate::interest::Regime;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::ops::Range;
use std::path::PathBuf;

/// One validated case: a decision-maker's fines and orders against one company.
#[derive(Debug, Clone)]
pub struct Case {
    /// The file the case was read from.
    pub path: PathBuf,
    /// Unique across the portfolio.
    pub id: String,
    /// The grouping key for company totals.
    pub company: String,
    /// ISO 3166-1 alpha-2 code, `EU`, or a subdivision such as `US-IL`.
    pub jurisdiction: String,
    /// The authority that decided.
    pub authority: Option<String>,
    /// The decision's reference.
    pub reference: Option<String>,
    /// The currency every amount of the case is written in.
    pub currency: Currency,
    /// Worldwide annual turnover, when known (for statutory-limit checks).
    pub turnover: Option<Decimal>,
    /// The late-payment interest regime of the case's debts, unless a fine or order names
    /// another.
    pub interest: Option<Regime>,
    /// Free text.
    pub notes: Option<String>,
    /// Where the facts come from.
    pub sources: Vec<String>,
    /// Lump sums.
    pub fines: Vec<Fine>,
    /// Injunctions backed by periodic penalties.
    pub orders: Vec<Order>,
    /// Payments made.
    pub payments: Vec<Payment>,
    /// Official figures the case must reproduce.
    pub expects: Vec<Expect>,
    /// How its debts are valued when not by the shipped interest tables alone (`--rates`
    /// additions, `--assume-paid`); set by the command line, never by the file.
    pub owing: Option<std::sync::Arc<crate::owed::Owing>>,
}

impl Case {
    /// A diagnostic at byte range `span` of the case's file, with the offending line. The
    /// text is read again from the file (cases do not keep it, so a portfolio costs little
    /// memory); when it cannot be read, the diagnostic names the file only.
    pub fn diagnostic(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => Diagnostic::at(&self.path, &text, span, message),
            Err(_) => Diagnostic::file(&self.path, message),
        }
    }
}

/// A fine and what happened to it.
#[derive(Debug, Clone)]
pub struct Fine {
    /// Unique within the case (shared with order ids).
    pub id: String,
    /// The amount as decided.
    pub amount: Decimal,
    /// Day of the decision.
    pub decided: NaiveDate,
    /// Day payment is due.
    pub due: Option<NaiveDate>,
    /// Its own interest regime and limitation rule, when the file gives either (most fines
    /// have neither, and a portfolio's fines stay small).
    pub terms: Option<Box<DebtTerms>>,
    /// The decision's reference.
    pub reference: Option<String>,
    /// The provision the fine was imposed under, such as `GDPR 83(5)`; `limits` checks the
    /// fine against that provision's maximum.
    pub legal_basis: Option<String>,
    /// Appeals, annulments and the like, in date order.
    pub events: Vec<Event>,
}

/// An order backed by a periodic penalty.
#[derive(Debug, Clone)]
pub struct Order {
    /// Unique within the case (shared with fine ids).
    pub id: String,
    /// What the order requires.
    pub description: Option<String>,
    /// Day of the decision: as of an earlier day, the order does not exist.
    pub decided: Option<NaiveDate>,
    /// The first day of delay and how it was found.
    pub start: Start,
    /// The rate on the first day of delay; `None` only when the terms are unknown.
    pub rate: Option<Decimal>,
    /// The unit the rate is charged per.
    pub per: Per,
    /// Whether started or only completed units count.
    pub count: Count,
    /// Rate changes, in increasing date order.
    pub rate_changes: Vec<RateChange>,
    /// The total above which nothing more accrues.
    pub cap: Option<Decimal>,
    /// Periods in which nothing accrues, sorted and disjoint.
    pub suspensions: Vec<Period>,
    /// First day in compliance.
    pub complied: Option<NaiveDate>,
    /// First day the order no longer applies.
    pub lifted: Option<NaiveDate>,
    /// Recorded violations, for `per = "violation"`, in date order.
    pub violations: Vec<Violation>,
    /// Liquidations, sorted by window and disjoint.
    pub liquidations: Vec<Liquidation>,
    /// Decision dates of suspensions, deadline changes and measured adjustments, when the
    /// file gives any (most orders have none, and a portfolio's orders stay small).
    pub amendments: Option<Box<Amendments>>,
    /// Whether the rate is a maximum, the definitive amount being fixed by liquidation.
    pub ceiling: bool,
    /// The decision's reference.
    pub reference: Option<String>,
    /// Where the `[[order]]` table stands in the file.
    pub span: Range<usize>,
}

impl Default for Order {
    /// An order with no terms: no start, no rate, charged per day; for building orders in
    /// code.
    fn default() -> Self {
        Order {
            id: String::new(),
            description: None,
            decided: None,
            start: Start::Unknown,
            rate: None,
            per: Per::Day,
            count: Count::Started,
            rate_changes: Vec::new(),
            cap: None,
            suspensions: Vec::new(),
            complied: None,
            lifted: None,
            violations: Vec::new(),
            liquidations: Vec::new(),
            amendments: None,
            ceiling: false,
            reference: None,
            span: 0..0,
        }
    }
}

/// What later decisions and measurements add to an order's terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Amendments {
    /// The day each suspension was decided, index by index (`None`, or no entry: known from
    /// its first day).
    pub suspensions_decided: Vec<Option<NaiveDate>>,
    /// Later decisions that moved the first day of delay, by decision date.
    pub deadline_changes: Vec<DeadlineChange>,
    /// Amounts added to each unit per measured item.
    pub adjustments: Vec<Adjustment>,
    /// Measured values, by date.
    pub measurements: Vec<Measurement>,
    /// Dates of collection orders for the forfeited sums, in date order.
    pub collections: Vec<NaiveDate>,
    /// The interest regime of its liquidations and its limitation rule, when the file gives
    /// either.
    pub terms: DebtTerms,
}

impl Amendments {
    /// Whether there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.suspensions_decided.iter().all(Option::is_none)
            && self.deadline_changes.is_empty()
            && self.adjustments.is_empty()
            && self.measurements.is_empty()
            && self.collections.is_empty()
            && self.terms == DebtTerms::default()
    }
}

impl Order {
    /// The day suspension `i` was decided, when the file gives it.
    pub fn suspension_decided(&self, i: usize) -> Option<NaiveDate> {
        self.amendments
            .as_deref()
            .and_then(|a| a.suspensions_decided.get(i).copied().flatten())
    }

    /// Later decisions that moved the first day of delay, by decision date.
    pub fn deadline_changes(&self) -> &[DeadlineChange] {
        self.amendments
            .as_deref()
            .map_or(&[], |a| a.deadline_changes.as_slice())
    }

    /// Amounts added to each unit per measured item.
    pub fn adjustments(&self) -> &[Adjustment] {
        self.amendments
            .as_deref()
            .map_or(&[], |a| a.adjustments.as_slice())
    }

    /// Measured values, by date.
    pub fn measurements(&self) -> &[Measurement] {
        self.amendments
            .as_deref()
            .map_or(&[], |a| a.measurements.as_slice())
    }

    /// The amendments, created empty when there are none, to add to them.
    pub fn amendments_mut(&mut self) -> &mut Amendments {
        self.amendments.get_or_insert_with(Box::default)
    }
}

/// A later decision that moved an order's first day of delay (an extension, a new grace
/// period): as of a day on or after `decided`, it replaces the order's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineChange {
    /// Day of the decision.
    pub decided: NaiveDate,
    /// The first day of delay it sets, and how it was found.
    pub start: Start,
    /// The decision's reference.
    pub reference: Option<String>,
}

/// An amount added to each unit of a penalty per measured item: "less EUR 200,000 per site
/// regularised" is `per_item = "-200000"` on the measure of sites regularised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    /// The name of the measure.
    pub measure: String,
    /// Added per item measured; negative reduces.
    pub per_item: Decimal,
}

/// Values of measures, in force from `date` until the next measurement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    /// The first day the values hold.
    pub date: NaiveDate,
    /// The day they became known, when later than `date`.
    pub decided: Option<NaiveDate>,
    /// Each measure's value.
    pub values: std::collections::BTreeMap<String, Decimal>,
}

/// The first day of delay of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// The decision's terms are not known: the order accrues nothing.
    Unknown,
    /// Delay starts on `first_day`, found by `rule`.
    Known {
        /// The first day of delay.
        first_day: NaiveDate,
        /// How the first day was found.
        rule: StartRule,
    },
}

impl Start {
    /// The first day of delay, when known.
    pub fn first_day(&self) -> Option<NaiveDate> {
        match self {
            Start::Unknown => None,
            Start::Known { first_day, .. } => Some(*first_day),
        }
    }
}

/// How an order's first day of delay was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartRule {
    /// Given directly by `starts`.
    Starts,
    /// The day after `deadline` (possibly extended to a business day).
    Deadline {
        /// The deadline as written.
        written: NaiveDate,
        /// The deadline after extension (equal to `written` when not extended).
        deadline: NaiveDate,
    },
    /// A grace period counted from notification or decision.
    Grace {
        /// The day counted from.
        from: NaiveDate,
        /// `notified` or `decided`.
        from_key: &'static str,
        /// The grace period.
        grace: Grace,
        /// The deadline the grace period gives, before extension.
        computed: NaiveDate,
        /// The deadline after extension (equal to `computed` when not extended).
        deadline: NaiveDate,
    },
}

/// A rate change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateChange {
    /// First day of the new rate.
    pub from: NaiveDate,
    /// The new rate.
    pub rate: Decimal,
    /// The day the change was decided (`None`: known from `from`).
    pub decided: Option<NaiveDate>,
}

/// How a period's end was written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodEnd {
    /// `through`: the last day counted.
    Through,
    /// `until`: the first day not counted.
    Until,
}

/// A run of days, half-open: `[from, until)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day counted.
    pub from: NaiveDate,
    /// First day not counted.
    pub until: NaiveDate,
    /// How the end was written, so it can be shown back the same way.
    pub written: PeriodEnd,
}

impl Period {
    /// Number of days in the period.
    pub fn days(&self) -> i64 {
        (self.until - self.from).num_days()
    }

    /// The last day counted.
    pub fn last_day(&self) -> NaiveDate {
        self.until.pred_opt().unwrap_or(self.until)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.written {
            PeriodEnd::Through => write!(f, "{} through {}", self.from, self.last_day()),
            PeriodEnd::Until => write!(f, "{} until {} (not counted)", self.from, self.until),
        }
    }
}

/// A recorded violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Violation {
    /// When it happened.
    pub date: NaiveDate,
    /// How many violations that day.
    pub count: u32,
}

/// A liquidation: accrued penalties for a window turned into a definitive sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Liquidation {
    /// Day of the decision.
    pub decided: NaiveDate,
    /// The window liquidated.
    pub window: Period,
    /// The amount ordered, when the file gives one.
    pub amount: Option<Decimal>,
    /// Day payment is due, when the file gives it.
    pub due: Option<NaiveDate>,
    /// The decision's reference.
    pub reference: Option<String>,
    /// Appeals, reductions, annulments and the like, in date order.
    pub events: Vec<Event>,
}

/// A payment towards a fine or an order's liquidated penalties.
#[derive(Debug, Clone)]
pub struct Payment {
    /// When it was paid.
    pub date: NaiveDate,
    /// How much.
    pub amount: Decimal,
    /// The fine or order id it pays.
    pub applies_to: String,
    /// The reference.
    pub reference: Option<String>,
}

/// An `[[expect]]` assertion.
#[derive(Debug, Clone)]
pub struct Expect {
    /// The day the figures are for.
    pub as_of: NaiveDate,
    /// What the figures are of.
    pub target: ExpectTarget,
    /// The figures.
    pub checks: Vec<Check>,
}

/// What an assertion is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpectTarget {
    /// The case's totals.
    Case,
    /// One order.
    Order(String),
    /// One fine.
    Fine(String),
}

/// One figure of an assertion.
#[derive(Debug, Clone)]
pub struct Check {
    /// The key, such as `accrued`.
    pub field: &'static str,
    /// The expected value.
    pub expected: Expected,
    /// Where the value stands in the file.
    pub span: Range<usize>,
}

/// An expected value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// An amount in the case's currency.
    Amount(Decimal),
    /// A number of days.
    Days(i64),
    /// A date.
    Date(NaiveDate),
    /// A fine status.
    Status(String),
}
