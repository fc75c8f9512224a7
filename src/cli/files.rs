//! `penalty check`, `new`, `completions` and `man`: the commands about files rather than figures.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

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
    /// Warn of sums (fines, liquidations, forfeited periodic penalties) that become
    /// time-barred within DAYS days after the as-of date, so that they can be collected or a
    /// collection order made first [default: no such warning].
    #[arg(long, value_name = "DAYS")]
    pub warn_expiring: Option<u32>,
    /// The day the cases are checked as of, and `--warn-expiring` counts from (YYYY-MM-DD)
    /// [default: today].
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
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
