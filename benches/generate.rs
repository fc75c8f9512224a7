//! Writes a generated portfolio of case files, for timing the whole binary:
//! `cargo bench --bench generate -- DIR [N] [SEED]` (N defaults to 10,000, SEED to 1);
//! or one case file with one daily order and N liquidations (for `schedule --every day`):
//! `cargo bench --bench generate -- --liquidations N FILE`.

mod common;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let [flag, n, file] = args.as_slice() {
        if flag == "--liquidations" {
            let Ok(n) = n.parse() else {
                eprintln!("error: --liquidations takes a number, not {n:?}");
                return ExitCode::from(2);
            };
            return match std::fs::write(file, common::liquidations_case(n)) {
                Ok(()) => {
                    println!("wrote one order with {n} liquidations to {file}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {file}: {e}");
                    ExitCode::from(2)
                }
            };
        }
    }
    // Under a plain `cargo bench`, which runs every bench target, there is nothing to write.
    let Some(dir) = args.first().map(PathBuf::from) else {
        println!(
            "generate: nothing given; usage: cargo bench --bench generate -- DIR [N] [SEED], or -- --liquidations N FILE"
        );
        return ExitCode::SUCCESS;
    };
    let n = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    match common::write_portfolio(&dir, n, seed) {
        Ok(bytes) => {
            println!("wrote {n} case files ({bytes} bytes) to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", dir.display());
            ExitCode::from(2)
        }
    }
}
