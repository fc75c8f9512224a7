//! The command line: clap definitions, and their resolution into a plain `Config` (the as-of
//! date, the report currency, the rate table). Today's date is read here and nowhere else.

use crate::exposure::FxDate;
use crate::fx::{Currency, RateTable};
use crate::report::{By, Format, Formatting, NumberFormat, Output};
use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;
use std::ffi::OsStr;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::str::FromStr;

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
  1  an [[expect]] assertion failed, a --fail-above threshold was crossed, or
     a warning under check --deny-warnings
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
    /// Explain, in sentences, how each figure of `compute` was obtained.
    #[command(after_long_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// Show the exchange-rate tables in use and how fresh they are, or fetch the ECB's
    /// latest history.
    #[command(after_long_help = RATES_EXAMPLES)]
    Rates(RatesArgs),
}

/// The examples of `penalty rates --help`.
pub const RATES_EXAMPLES: &str = "EXAMPLES:
  penalty rates status --as-of 2026-11-30
  penalty rates update
  penalty rates update --from ~/Downloads/eurofxref-hist.zip";

/// Arguments of `penalty rates`.
#[derive(Debug, Args)]
pub struct RatesArgs {
    /// What to do with the rate tables.
    #[command(subcommand)]
    pub command: RatesCommand,
}

/// The subcommands of `penalty rates`.
#[derive(Debug, Subcommand)]
pub enum RatesCommand {
    /// List every rate table in use (the built-in ECB history, the stored update, --rates
    /// files) with its latest day, and whether it is stale as of a date.
    #[command(after_long_help = RATES_STATUS_EXAMPLES)]
    Status(RatesStatusArgs),
    /// Download the ECB's history of euro reference rates (or read it from a file), check
    /// it, and store it where every later run finds it.
    #[command(after_long_help = RATES_UPDATE_EXAMPLES)]
    Update(RatesUpdateArgs),
}

/// The examples of `penalty rates status --help`.
pub const RATES_STATUS_EXAMPLES: &str = "EXAMPLES:
  penalty rates status
  penalty rates status --as-of 2026-11-30 --rates eurofxref.csv";

/// The examples of `penalty rates update --help`.
pub const RATES_UPDATE_EXAMPLES: &str = "EXAMPLES:
  penalty rates update
  penalty rates update --from eurofxref-hist.zip
  PENALTY_RATES_DIR=/srv/penalty/rates penalty rates update";

/// Arguments of `penalty rates status`.
#[derive(Debug, Args)]
pub struct RatesStatusArgs {
    /// Say whether each table is stale as of this day (YYYY-MM-DD) [default: today].
    #[arg(long, env = "PENALTY_AS_OF", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Rates files to list too, as compute would read them; repeatable [default: none].
    #[arg(long, value_name = "FILE")]
    pub rates: Vec<PathBuf>,
}

/// Arguments of `penalty rates update`.
#[derive(Debug, Args)]
pub struct RatesUpdateArgs {
    /// Where to download the ECB history from (a zip archive or CSV file).
    #[arg(long, value_name = "URL", default_value = crate::rates::ECB_HISTORY_URL, conflicts_with = "from")]
    pub url: String,
    /// Read the history from FILE (zip or CSV) instead of downloading it [default: none:
    /// download from --url].
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
}

/// The examples of `penalty compute --help`.
pub const COMPUTE_EXAMPLES: &str = "EXAMPLES:
  penalty compute cases/
  penalty compute cases/clearview-fr.toml --as-of 2023-04-13
  penalty compute cases/ --currency GBP --as-of 2026-11-22 --number-format fr";

/// The examples of `penalty check --help`.
pub const CHECK_EXAMPLES: &str = "EXAMPLES:
  penalty check
  penalty check cases/clearview-fr.toml cases/clearview-nl.toml
  penalty check cases/ --deny-warnings";

/// The examples of `penalty new --help`.
pub const NEW_EXAMPLES: &str = "EXAMPLES:
  penalty new acme-fr --template astreinte
  penalty new acme-nl --template dwangsom --dir cases/
  penalty new acme-ie --template fine && penalty check acme-ie.toml";

/// The examples of `penalty completions --help`.
pub const COMPLETIONS_EXAMPLES: &str = "EXAMPLES:
  penalty completions bash > ~/.local/share/bash-completion/completions/penalty
  penalty completions zsh > ~/.zfunc/_penalty
  penalty completions fish > ~/.config/fish/completions/penalty.fish";

/// The examples of `penalty man --help`.
pub const MAN_EXAMPLES: &str = "EXAMPLES:
  penalty man | man -l -
  penalty man > ~/.local/share/man/man1/penalty.1";

/// Arguments of `penalty check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Case files and directories (searched recursively for *.toml).
    #[arg(default_value = "cases", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Exit with status 1 on any warning: a case breaks a statutory limit, ids differ only in
    /// letter case, a liquidation holds no day of delay, a liquidation window cuts a unit
    /// [default: off: warnings are printed and the status stays 0].
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Arguments of `penalty new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The case id, also the file name (CASE_ID.toml): letters, digits, '-', '_' and '.'.
    #[arg(value_name = "CASE_ID")]
    pub case_id: String,
    /// The regime the starter file is for.
    #[arg(long, value_enum, default_value_t = Template::Astreinte, value_name = "TEMPLATE")]
    pub template: Template,
    /// The directory to write the file in; it must exist.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
}

/// The starter case files of `penalty new`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Template {
    /// A French astreinte: a fine and an order with a penalty per day of delay, liquidated.
    Astreinte,
    /// A Dutch last onder dwangsom: an order with a penalty per week, capped.
    Dwangsom,
    /// An EU periodic penalty payment (Reg. 1/2003 art. 24), per day, with turnover.
    EuPeriodic,
    /// A GDPR fine with its legal basis, an appeal and a payment.
    Fine,
}

/// Arguments of `penalty completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

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
        let terminal = || {
            std::io::stdout()
                .is_terminal()
                .then(crossterm::terminal::size)
                .and_then(Result::ok)
                .map(|(columns, _)| usize::from(columns))
        };
        table_width(
            self.width,
            to_stdout,
            std::env::var("COLUMNS").ok().as_deref(),
            terminal,
        )
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
    /// accruing, penalties, exposure, owed, paid, outstanding, run_rate, at_risk,
    /// next_forfeiture, next_forfeiture_date, fx_date, projection, overrides, filters
    /// [default: the format's].
    #[arg(long, value_name = "LIST")]
    pub columns: Option<crate::report::columns::ColumnList>,
}

/// Options shared by the commands that compute figures.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Compute as of the end of this day (YYYY-MM-DD) [default: today].
    #[arg(long, env = "PENALTY_AS_OF", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Report currency (ISO 4217 code).
    #[arg(long, default_value = "EUR", value_name = "CODE", value_parser = parse_currency)]
    pub currency: Currency,
    /// Add exchange rates from FILE (ECB CSV layout, the ECB's daily eurofxref.csv, a zip
    /// of either, or TOML [[rate]] tables); repeatable [default: none: the shipped ECB
    /// history, and the one `penalty rates update` stored].
    #[arg(long, value_name = "FILE")]
    pub rates: Vec<PathBuf>,
    /// When amounts are converted: at the as-of date, or at the date each one arose.
    #[arg(long, value_enum, default_value_t = FxDateArg::AsOf, value_name = "WHEN")]
    pub fx_date: FxDateArg,
    /// What if: treat open orders as complied on DATE (the first day without penalty), or
    /// only ORDER (or CASE/ORDER) with ORDER=DATE; repeatable. The files are not changed
    /// [default: none: orders as the files state them].
    #[arg(long, value_name = "[[CASE/]ORDER=]DATE")]
    pub assume_compliance: Vec<crate::whatif::AssumeCompliance>,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when stdout is a terminal and NO_COLOR is unset or empty.
    Auto,
    /// Always colour, even into a pipe or with NO_COLOR set.
    Always,
    /// Never colour.
    Never,
}

/// `--number-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NumberFormatArg {
    /// 5,200,000.00
    En,
    /// 5 200 000,00 (French typography)
    Fr,
}

/// Whether to colour: `--color` decides, and `auto` means only on a terminal without a
/// non-empty `NO_COLOR` (<https://no-color.org>).
pub fn color_enabled(choice: ColorArg, stdout_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => stdout_is_terminal && no_color.is_none_or(OsStr::is_empty),
    }
}

/// The width a table must fit in: `flag` (`--width`, 0 for no limit) wins; to stdout, a
/// positive `COLUMNS` comes next, then the `terminal`'s width; otherwise there is no limit.
pub fn table_width(
    flag: Option<usize>,
    to_stdout: bool,
    columns: Option<&str>,
    terminal: impl FnOnce() -> Option<usize>,
) -> Option<usize> {
    if let Some(n) = flag {
        return (n > 0).then_some(n);
    }
    if !to_stdout {
        return None;
    }
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or_else(terminal)
        .filter(|&n| n > 0)
}

/// `--fx-date` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FxDateArg {
    /// Every amount at the rate of the as-of date.
    AsOf,
    /// Fines and liquidations at their decision date, payments at their date.
    Decided,
}

/// Parses a `YYYY-MM-DD` date from 1900 to 9999 (the years a case file may use) for clap.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date such as 2026-11-22 (YYYY-MM-DD), found {s:?}"))?;
    if !(1900..=9999).contains(&chrono::Datelike::year(&date)) {
        return Err(format!("expected a date from 1900 to 9999, found {s:?}"));
    }
    Ok(date)
}

/// Parses a `--fail-above` amount: a non-negative decimal number without separators.
pub fn parse_threshold(s: &str) -> Result<Decimal, String> {
    let t = s.trim();
    let plain = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.matches('.').count() <= 1
        && t.chars().any(|c| c.is_ascii_digit());
    match Decimal::from_str(t) {
        Ok(d) if plain => Ok(d),
        _ => Err(format!(
            "expected an amount such as 1000000 or 2500000.50 (digits, an optional decimal point, no sign or separators), found {s:?}"
        )),
    }
}

fn parse_currency(s: &str) -> Result<Currency, String> {
    s.parse::<Currency>().map_err(|e| e.to_string())
}

/// The options of a computing command, resolved.
#[derive(Debug)]
pub struct Config {
    /// The day the figures are for.
    pub as_of: NaiveDate,
    /// Today's date, read once, to tell a projection from the past.
    pub today: NaiveDate,
    /// The report currency.
    pub currency: Currency,
    /// The rate table: the shipped ECB history, the stored update, and `--rates` files.
    pub rates: RateTable,
    /// When amounts are converted.
    pub fx_date: FxDate,
    /// What-if compliance dates.
    pub assume_compliance: Vec<crate::whatif::AssumeCompliance>,
}

impl CommonArgs {
    /// Resolves the options against today's date.
    pub fn resolve(&self, today: NaiveDate) -> anyhow::Result<Config> {
        let mut rates = RateTable::builtin();
        crate::rates::add_stored(&mut rates)?;
        for file in &self.rates {
            rates
                .add_file(file)
                .with_context(|| format!("cannot use rates from {}", file.display()))?;
        }
        Ok(Config {
            as_of: self.as_of.unwrap_or(today),
            today,
            currency: self.currency,
            rates,
            fx_date: match self.fx_date {
                FxDateArg::AsOf => FxDate::AsOf,
                FxDateArg::Decided => FxDate::Decided,
            },
            assume_compliance: self.assume_compliance.clone(),
        })
    }
}

const SCHEDULE_EXAMPLES: &str = "EXAMPLES:
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
    /// A chart of cumulative accrual over time.
    Svg,
}

const EXPLAIN_EXAMPLES: &str = "EXAMPLES:
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            parse_date("2026-11-22"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
        );
        assert!(parse_date("22/11/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(
            parse_date("1899-12-31")
                .unwrap_err()
                .contains("1900 to 9999")
        );
        assert!(
            parse_date("+10000-01-01")
                .unwrap_err()
                .contains("1900 to 9999")
        );
    }

    #[test]
    fn the_width_flag_wins_then_columns_then_the_terminal() {
        let tty = || Some(120);
        assert_eq!(table_width(Some(80), true, Some("100"), tty), Some(80));
        assert_eq!(table_width(Some(0), true, Some("100"), tty), None);
        assert_eq!(table_width(None, true, Some("100"), tty), Some(100));
        assert_eq!(table_width(None, true, Some("wide"), tty), Some(120));
        assert_eq!(table_width(None, true, None, || None), None);
        // A file is not a terminal: only --width applies.
        assert_eq!(table_width(None, false, Some("100"), tty), None);
        assert_eq!(table_width(Some(80), false, None, tty), Some(80));
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

    #[test]
    fn no_color_turns_auto_colour_off_but_not_always() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(color_enabled(ColorArg::Auto, true, None));
        assert!(color_enabled(ColorArg::Auto, true, empty));
        assert!(!color_enabled(ColorArg::Auto, true, set));
        assert!(!color_enabled(ColorArg::Auto, false, None));
        assert!(color_enabled(ColorArg::Always, false, set));
        assert!(!color_enabled(ColorArg::Never, true, None));
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

    #[test]
    fn thresholds_are_plain_non_negative_amounts() {
        assert_eq!(parse_threshold("1000000"), Ok(Decimal::from(1_000_000)));
        assert_eq!(
            parse_threshold("2500000.50"),
            Ok(Decimal::from_str("2500000.50").unwrap())
        );
        for bad in ["-1", "1,000,000", "1e6", "", ".", "1.2.3", "EUR 5"] {
            assert!(
                parse_threshold(bad)
                    .unwrap_err()
                    .contains("expected an amount"),
                "{bad:?} was accepted"
            );
        }
    }
}
