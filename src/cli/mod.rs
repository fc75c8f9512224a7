//! The command line: clap definitions, and their resolution into a plain `Config` (the as-of
//! date, the report currency, the rate table). Today's date is read here and nowhere else.
//!
//! Submodules by command: `compute`, `schedule` (with `explain`), `chart`, `rates`, `files` (`check`,
//! `new`, `completions`, `man`), and `common` (the options every command shares, and `Config`).

use clap::{Parser, Subcommand};

mod chart;
mod common;
mod compute;
mod files;
mod rates;
mod schedule;

pub use chart::{CHART_EXAMPLES, ChartArgs, ChartBy};
pub use common::{
    ColorArg, CommonArgs, Config, FxDateArg, NumberFormatArg, color_enabled, parse_date,
    parse_threshold, table_width, terminal_width,
};
pub use compute::{COMPUTE_EXAMPLES, ComputeArgs, DisplayArgs, ReportArgs, SelectArgs};
pub use files::{
    CHECK_EXAMPLES, COMPLETIONS_EXAMPLES, CheckArgs, CompletionsArgs, MAN_EXAMPLES, NEW_EXAMPLES,
    NewArgs, Template,
};
pub use rates::{
    RATES_EXAMPLES, RATES_STATUS_EXAMPLES, RATES_UPDATE_EXAMPLES, RatesArgs, RatesCommand,
    RatesStatusArgs, RatesUpdateArgs,
};
use schedule::{EXPLAIN_EXAMPLES, SCHEDULE_EXAMPLES};
pub use schedule::{EveryArg, ExplainArgs, ScheduleArgs, ScheduleFormat};

/// Computes regulatory fines and periodic penalties (astreintes, dwangsommen, EU periodic
/// penalty payments) exactly, from TOML case files.
#[derive(Debug, Parser)]
#[command(name = "penalty", version, about, long_about = None)]
#[command(after_long_help = EXIT_STATUS)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The EXIT STATUS section of `--help`.
pub const EXIT_STATUS: &str = "EXIT STATUS:
  0  success
  1  an [[expect]] assertion failed, a --fail-above threshold was crossed,
     a warning under check --deny-warnings, or rates status found the latest
     rate stale
  2  an error: bad input, an unreadable file, bad arguments
A closed output pipe (penalty compute | head) is not an error.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute fines, penalties, exposure and totals per case, company and jurisdiction.
    #[command(after_long_help = COMPUTE_EXAMPLES)]
    Compute(ComputeArgs),
    /// Validate case files, evaluate their [[expect]] assertions and warn about figures above a
    /// statutory limit; silent when all hold.
    #[command(after_long_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Write a commented starter case file, CASE_ID.toml, for one regime.
    #[command(after_long_help = NEW_EXAMPLES)]
    New(NewArgs),
    /// Print a shell completion script.
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff).
    #[command(after_long_help = MAN_EXAMPLES)]
    Man,
    /// Print the timeline of a case's penalties: rows per day, week, month, quarter or year,
    /// and events; or draw it as an SVG chart.
    #[command(after_long_help = SCHEDULE_EXAMPLES)]
    Schedule(ScheduleArgs),
    /// Draw the cumulative exposure of many cases over time as one SVG chart: a panel per
    /// company, or one for them all, converted into one currency.
    #[command(after_long_help = CHART_EXAMPLES)]
    Chart(ChartArgs),
    /// Explain, in sentences, how each figure of `compute` was obtained.
    #[command(after_long_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// Show the exchange-rate tables in use and how fresh they are, or fetch the ECB's
    /// latest history.
    #[command(after_long_help = RATES_EXAMPLES)]
    Rates(RatesArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// The names --columns' help lists are the columns there are.
    #[test]
    fn the_columns_help_names_every_column() {
        let cmd = Cli::command();
        let compute = cmd.find_subcommand("compute").unwrap();
        let arg = compute
            .get_arguments()
            .find(|a| a.get_id() == "columns")
            .unwrap();
        let help = arg.get_help().unwrap().to_string().replace('\n', " ");
        let listed = crate::report::columns::names().join(", ");
        assert!(help.contains(&listed), "{help}");
    }

    /// Every option's help says its default, so `--help` alone tells what a bare command does.
    #[test]
    fn every_option_says_its_default() {
        fn walk(cmd: &clap::Command, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if arg.is_positional() || id == "help" || id == "version" {
                    continue;
                }
                let help = format!(
                    "{} {}",
                    arg.get_help().map(|h| h.to_string()).unwrap_or_default(),
                    arg.get_long_help()
                        .map(|h| h.to_string())
                        .unwrap_or_default()
                );
                let shown =
                    !arg.get_default_values().is_empty() && !arg.is_hide_default_value_set();
                let flag = matches!(arg.get_action(), clap::ArgAction::SetTrue);
                if !(help.contains("[default:") || (shown && !flag)) {
                    missing.push(format!("{} --{id}", cmd.get_name()));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, missing);
            }
        }
        let mut missing = Vec::new();
        let mut cmd = Cli::command();
        cmd.build();
        walk(&cmd, &mut missing);
        assert!(
            missing.is_empty(),
            "options without a default in their help: {missing:?}"
        );
    }

    /// Every subcommand's long help ends with two or three examples.
    #[test]
    fn every_subcommand_has_examples() {
        for sub in Cli::command().get_subcommands() {
            let after = sub
                .get_after_long_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            let examples = after
                .lines()
                .filter(|l| l.trim_start().starts_with("penalty "))
                .count();
            assert!(
                after.starts_with("EXAMPLES:") && (2..=3).contains(&examples),
                "{} has {examples} examples",
                sub.get_name()
            );
        }
    }
}
