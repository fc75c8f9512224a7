//! `penalty rates`: which exchange-rate tables a run reads and how fresh they are
//! (`status`), and fetching the ECB's latest history into the user's data directory
//! (`update`).

use super::Status;
use crate::cli::{RatesArgs, RatesCommand, RatesStatusArgs, RatesUpdateArgs};
use crate::fx::{RateTable, STALE_AFTER_DAYS};
use crate::report::format_amount;
use anyhow::Context;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::path::Path;

/// Runs `penalty rates`.
pub fn run(args: &RatesArgs, today: NaiveDate) -> anyhow::Result<Status> {
    match &args.command {
        RatesCommand::Status(a) => status(a, today),
        RatesCommand::Update(a) => update(a),
    }
}

/// One line of `rates status`.
struct Line {
    table: &'static str,
    /// Whether the table exists (there may be no stored history yet).
    present: bool,
    /// Its latest day on or before the as-of date.
    latest: Option<NaiveDate>,
    file: String,
}

/// Whether a table whose latest rate on or before `as_of` is of `latest` is stale then, in
/// words.
fn freshness(latest: Option<NaiveDate>, as_of: NaiveDate) -> String {
    match latest {
        None => "no rate by then".to_string(),
        Some(d) => {
            let age = (as_of - d).num_days();
            if age > STALE_AFTER_DAYS {
                format!("stale ({age} days older)")
            } else {
                "fresh".to_string()
            }
        }
    }
}

/// Lists the rate tables; exit status 1 when the latest rate of them all, the one a run as
/// of `--as-of` would use, is stale then (more than [`STALE_AFTER_DAYS`] days older).
fn status(args: &RatesStatusArgs, today: NaiveDate) -> anyhow::Result<Status> {
    let as_of = args.as_of.unwrap_or(today);
    let mut lines = Vec::new();
    for (name, latest) in RateTable::builtin().histories(as_of) {
        lines.push(Line {
            table: "built in",
            present: true,
            latest,
            file: name.display().to_string(),
        });
    }
    let mut stored = RateTable::empty();
    match crate::rates::add_stored(&mut stored)? {
        Some(path) => {
            for (_, latest) in stored.histories(as_of) {
                lines.push(Line {
                    table: "stored",
                    present: true,
                    latest,
                    file: path.display().to_string(),
                });
            }
        }
        None => lines.push(Line {
            table: "stored",
            present: false,
            latest: None,
            file: crate::rates::stored_path().map_or_else(
                || "none: no data directory; set PENALTY_RATES_DIR".to_string(),
                |p| format!("none yet: `penalty rates update` writes {}", p.display()),
            ),
        }),
    }
    for file in &args.rates {
        let mut table = RateTable::empty();
        table
            .add_file(file)
            .with_context(|| format!("cannot use rates from {}", file.display()))?;
        lines.push(Line {
            table: "--rates",
            present: true,
            latest: table.latest_added(as_of),
            file: file.display().to_string(),
        });
    }

    let head_fresh = format!("AS OF {as_of}");
    let rows: Vec<[String; 4]> = lines
        .iter()
        .map(|l| {
            [
                l.table.to_string(),
                l.latest.map_or_else(|| "-".to_string(), |d| d.to_string()),
                if l.present {
                    freshness(l.latest, as_of)
                } else {
                    String::new()
                },
                l.file.clone(),
            ]
        })
        .collect();
    let header = [
        "TABLE".to_string(),
        "LATEST".to_string(),
        head_fresh,
        "FILE".to_string(),
    ];
    let mut widths = [0usize; 3];
    for row in rows.iter().chain(std::iter::once(&header)) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows.iter()) {
        let _ = writeln!(
            out,
            "{:w0$}  {:w1$}  {:w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
    }
    let latest = lines.iter().filter_map(|l| l.latest).max();
    let stale = latest.is_some_and(|d| (as_of - d).num_days() > STALE_AFTER_DAYS);
    match latest {
        Some(d) if (as_of - d).num_days() > STALE_AFTER_DAYS => {
            let _ = writeln!(
                out,
                "\nThe latest rate, of {d}, is {} days older than {as_of}: stale. Run `penalty rates update` for the ECB's latest, or pass newer rates with --rates FILE.",
                (as_of - d).num_days()
            );
        }
        Some(d) => {
            let _ = writeln!(
                out,
                "\nThe latest rate, of {d}, is fresh as of {as_of} (at most {STALE_AFTER_DAYS} days older)."
            );
        }
        None => {}
    }
    crate::report::write_stdout(&out)?;
    // A CI job can fail on stale rates: exit status 1, as for a crossed threshold.
    Ok(if stale {
        Status::Failure
    } else {
        Status::Success
    })
}

fn update(args: &RatesUpdateArgs) -> anyhow::Result<Status> {
    let Some(dir) = crate::rates::store_dir() else {
        anyhow::bail!(
            "no data directory to store the rates in: set PENALTY_RATES_DIR to a directory"
        );
    };
    let (bytes, origin) = match &args.from {
        Some(file) => (
            std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?,
            file.clone(),
        ),
        None => (
            crate::rates::download(&args.url)?,
            Path::new(&args.url).to_path_buf(),
        ),
    };
    let stored = crate::rates::store(&bytes, &origin, &dir)?;
    let s = &stored.summary;
    let mut out = format!(
        "stored the ECB rates of {} to {} ({} {}, {} {}) in {}\n",
        s.first,
        s.latest,
        format_amount(Decimal::from(s.days)).trim_end_matches(".00"),
        if s.days == 1 { "day" } else { "days" },
        s.currencies,
        if s.currencies == 1 {
            "currency"
        } else {
            "currencies"
        },
        stored.path.display()
    );
    if let Some(previous) = stored.replaced {
        let _ = writeln!(
            out,
            "replaced the rates stored before{}",
            previous.map_or_else(String::new, |d| format!(", up to {d}"))
        );
    }
    crate::report::write_stdout(&out)?;
    Ok(Status::Success)
}
