//! `penalty compute`: which cases, which figures, and how the report is laid out.

use super::{
    ColorArg, CommonArgs, NumberFormatArg, color_enabled, parse_threshold, terminal_width,
};
use crate::report::{By, Format, Formatting, NumberFormat, Output};
use clap::Args;
use rust_decimal::Decimal;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The examples of `penalty compute --help`.
pub const COMPUTE_EXAMPLES: &str = "EXAMPLES:
  penalty compute cases/
  penalty compute cases/clearview-fr.toml --as-of 2023-04-13
  penalty compute cases/ --currency GBP --as-of 2026-11-22 --number-format fr";

/// Arguments of `penalty compute`.
#[derive(Debug, Args)]
pub struct ComputeArgs {
    /// Case files and directories (searched recursively for *.toml).
    #[arg(default_value = "cases", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Options shared with the other computing commands.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output format, destination and grouping.
    #[command(flatten)]
    pub report: ReportArgs,
    /// Which cases the report covers.
    #[command(flatten)]
    pub select: SelectArgs,
    /// Colour and number typography of the table.
    #[command(flatten)]
    pub display: DisplayArgs,
    /// Exit with status 1 when total exposure (with --by, any case's, company's or
    /// jurisdiction's exposure) of the cases selected exceeds AMOUNT, in the report currency,
    /// naming what crossed it. The report is still written [default: no threshold].
    #[arg(long, value_name = "AMOUNT", value_parser = parse_threshold)]
    pub fail_above: Option<Decimal>,
    /// With the JSON report, list each case's debts (each fine and liquidation with its due
    /// date, collection state, payments, interest and lapse date) under `debts`; without it
    /// `debts` is null. Memory then grows with the number of debts [default: off].
    #[arg(long)]
    pub debts: bool,
}

/// Which cases a report covers: each option is repeatable, and a case is kept when it
/// matches one value of each option given.
#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Only the cases of this company (the whole name, without regard to case); repeatable
    /// [default: every company].
    #[arg(long, value_name = "NAME")]
    pub company: Vec<String>,
    /// Only the cases of this jurisdiction (FR, NL, ...); repeatable [default: every
    /// jurisdiction].
    #[arg(long, value_name = "CODE")]
    pub jurisdiction: Vec<String>,
    /// Only the cases whose id matches PATTERN, where * stands for any text and ? for one
    /// character (quote it: 'clearview-*'); repeatable [default: every case].
    #[arg(long = "case", value_name = "PATTERN")]
    pub cases: Vec<String>,
}

impl SelectArgs {
    /// The selection.
    pub fn resolve(&self) -> crate::select::Selection {
        crate::select::Selection {
            companies: self.company.clone(),
            jurisdictions: self.jurisdiction.clone(),
            cases: self.cases.clone(),
        }
    }
}

/// How the terminal table is written, for `compute`.
#[derive(Debug, Args)]
pub struct DisplayArgs {
    /// When to colour the table: auto colours only when stdout is a terminal and NO_COLOR is
    /// unset or empty.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// How to write numbers: en is 5,200,000.00; fr is 5 200 000,00 (a narrow no-break space,
    /// U+202F, between thousands).
    #[arg(long, value_enum, default_value_t = NumberFormatArg::En, value_name = "STYLE")]
    pub number_format: NumberFormatArg,
    /// Fit the table in N characters: the columns that matter most, long names cut, rows
    /// never wrapped; 0 for no limit [default: the COLUMNS variable, else the terminal's
    /// width; no limit into a pipe or a file].
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

impl DisplayArgs {
    /// The width the table must fit in: `--width` (0 for none), else to stdout the
    /// `COLUMNS` variable, else the terminal's width; no limit into a pipe or a file.
    pub fn width(&self, to_stdout: bool) -> Option<usize> {
        terminal_width(self.width, to_stdout)
    }

    /// Resolves colour (against the terminal and NO_COLOR) and number typography.
    pub fn resolve(&self) -> Formatting {
        Formatting {
            color: color_enabled(
                self.color,
                std::io::stdout().is_terminal(),
                std::env::var_os("NO_COLOR").as_deref(),
            ),
            numbers: match self.number_format {
                NumberFormatArg::En => NumberFormat::En,
                NumberFormatArg::Fr => NumberFormat::Fr,
            },
        }
    }
}

/// How and where a command that reports writes its report.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format. json and csv are stable, documented formats for programs [default:
    /// the one the -o extension names (.csv, .json, .md, .html), else table].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Write the report to FILE (atomically: a temporary file, then a rename), or to stdout
    /// with "-". FILE must not be one of the input files; its extension (.csv, .json, .md, .html)
    /// picks the format, and a --format that contradicts it is an error.
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    pub output: Output,
    /// The grouping shown: table and markdown show all of them unless one is chosen; csv
    /// shows cases unless one is chosen; json always holds all of them [default: the
    /// format's].
    #[arg(long, value_enum, value_name = "GROUPING")]
    pub by: Option<By>,
    /// The columns to show, in order, separated by commas: in the table, CSV and Markdown
    /// reports (JSON always holds every figure). The row's name comes first unless listed.
    /// Names: as_of, currency, case, company, jurisdiction, cases, fines_enforceable,
    /// fines_contested, fines, liquidated_enforceable, liquidated_contested, liquidated,
    /// accruing, penalties, exposure, owed, paid, outstanding, payable, suspended, interest,
    /// time_barred, total_due, run_rate, at_risk, next_forfeiture, next_forfeiture_date,
    /// fx_date, projection, overrides, filters
    /// [default: the format's].
    #[arg(long, value_name = "LIST")]
    pub columns: Option<crate::report::columns::ColumnList>,
}
