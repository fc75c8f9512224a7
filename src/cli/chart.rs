//! `penalty chart`: the exposure of many cases over time, as one SVG.

use super::{CommonArgs, SelectArgs};
use crate::report::Output;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// The examples of `penalty chart --help`.
pub const CHART_EXAMPLES: &str = "EXAMPLES:
  penalty chart cases/ --by company -o companies.svg
  penalty chart cases/ --company \"Clearview AI Inc.\" --as-of 2027-12-31 -o clearview.svg
  penalty chart cases/eu/ --currency GBP > eu.svg";

/// Arguments of `penalty chart`.
#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Case files and directories (searched recursively for *.toml).
    #[arg(default_value = "cases", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Options shared with the other computing commands.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Which cases the chart covers.
    #[command(flatten)]
    pub select: SelectArgs,
    /// One panel per company, or one for all the cases.
    #[arg(long, value_enum, default_value_t = ChartBy::Total, value_name = "GROUPING")]
    pub by: ChartBy,
    /// Write the SVG to FILE (atomically), or to stdout with "-"; an extension other than
    /// .svg is an error.
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    pub output: Output,
}

/// `penalty chart --by` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartBy {
    /// One panel per company, in the order of their names.
    Company,
    /// One panel summing every case.
    Total,
}
