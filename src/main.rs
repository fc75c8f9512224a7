//! The `penalty` binary: parse the command line, run, print an error once, exit with the
//! documented status (0 success, 1 a failed assertion or threshold, 2 an error).

#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = <penalty::cli::Cli as clap::Parser>::parse();
    match penalty::commands::run(cli) {
        Ok(status) => status.into(),
        Err(e) => {
            // A closed stderr must not turn an error into a panic: the status still says it.
            // Control characters that reach a message (from a rates file, say) are shown escaped.
            let message = format!("{e:#}");
            let message = penalty::text::escape_keeping(&message, &['\n']);
            let _ = writeln!(std::io::stderr(), "error: {message}");
            penalty::commands::Status::Error.into()
        }
    }
}
