//! `penalty schedule` and `penalty explain`: one order or case over time.

use super::{CommonArgs, parse_date};
use crate::report::Output;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

pub(super) const SCHEDULE_EXAMPLES: &str = "EXAMPLES:
  penalty schedule cases/clearview-fr.toml --every month --as-of 2023-04-30
  penalty schedule cases/clearview-fr.toml --assume-compliance 2023-03-01 --format csv
  penalty schedule cases/clearview-fr.toml --every week --format svg -o exposure.svg";

/// Arguments of `penalty schedule`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The case file.
    pub file: PathBuf,
    /// Only this order [default: every order of the case].
    #[arg(long, value_name = "ID")]
    pub order: Option<String>,
    /// The calendar unit of the rows.
    #[arg(long, value_enum, default_value_t = EveryArg::Month, value_name = "UNIT")]
    pub every: EveryArg,
    /// First day shown [default: the first day of delay].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day shown [default: the as-of date, or the day before compliance or lifting].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Compute as of the end of this day (YYYY-MM-DD) [default: today]; a future date is a
    /// projection.
    #[arg(long, env = "PENALTY_AS_OF", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// What if: treat open orders as complied on DATE, or only ORDER (or CASE/ORDER) with ORDER=DATE;
    /// repeatable. The file is not changed [default: none: orders as the file states them].
    #[arg(long, value_name = "[[CASE/]ORDER=]DATE")]
    pub assume_compliance: Vec<crate::whatif::AssumeCompliance>,
    /// Output format [default: from the -o extension (.csv, .json, .svg), else table].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ScheduleFormat>,
    /// Write to FILE (atomically) instead of stdout; `-` is stdout [default: stdout].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Fit the table in N characters: the columns that matter least left out, event words
    /// and sentences wrapped; 0 for no limit [default: the COLUMNS variable, else the
    /// terminal's width; no limit into a pipe or a file].
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

/// `--every` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EveryArg {
    /// A row per day.
    Day,
    /// A row per ISO week, Monday to Sunday.
    Week,
    /// A row per calendar month.
    Month,
    /// A row per calendar quarter.
    Quarter,
    /// A row per calendar year.
    Year,
}

/// `penalty schedule --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScheduleFormat {
    /// Aligned text tables, one per order.
    Table,
    /// One record per row or event.
    Csv,
    /// A versioned JSON object, amounts as strings.
    Json,
    /// A chart of cumulative exposure over time.
    Svg,
}

pub(super) const EXPLAIN_EXAMPLES: &str = "EXAMPLES:
  penalty explain cases/clearview-fr.toml --as-of 2023-04-13
  penalty explain cases/clearview-uk.toml --currency EUR
  penalty explain cases/clearview-fr.toml --assume-compliance 2023-03-01";

/// Arguments of `penalty explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Case files and directories (searched recursively for *.toml).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Options shared with the other computing commands.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Write the explanation to FILE (atomically), or to stdout with "-". It is text: an
    /// extension that names a data format (.csv, .json, .svg, .html) is an error.
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    pub output: Output,
}
