//! `penalty rates`: which exchange-rate tables a run reads and how fresh they are, and up to
//! which day the interest rate tables are verified (`status`), and fetching the ECB's latest history into the user's data directory
//! (`update`).

use super::Status;
use crate::cli::{RatesArgs, RatesCommand, RatesStatusArgs, RatesUpdateArgs};
use crate::fx::{RateTable, STALE_AFTER_DAYS};
use crate::interest::{Rates, Step, TableId};
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
    let (interest_files, fx_files): (Vec<_>, Vec<_>) =
        args.rates.iter().partition(|f| Rates::claims(f));
    for file in fx_files {
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
    let mut out = String::new();
    columns(&mut out, &header, &rows);
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
    // Interest tables past their verified rates are listed but do not fail the run: whether
    // they matter depends on the cases, and a run whose debt needs a missing rate fails
    // itself (exit status 2, naming the table and the day).
    interest_status(&mut out, &interest_files, as_of)?;
    crate::report::write_stdout(&out)?;
    // A CI job can fail on stale exchange rates: exit status 1, as for a crossed threshold.
    Ok(if stale {
        Status::Failure
    } else {
        Status::Success
    })
}

/// Writes `header` and `rows` as four columns, the first three padded to their widest cell
/// and the last as it is.
fn columns(out: &mut String, header: &[String; 4], rows: &[[String; 4]]) {
    let mut widths = [0usize; 3];
    for row in rows.iter().chain(std::iter::once(header)) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(header).chain(rows.iter()) {
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
}

/// The last day of a table's verified rates: the day before its last step when that step is
/// `unknown`; `Some(None)` when its last rate runs on (a rate added from a file); `None` for
/// a table without steps.
fn verified_to(steps: &[Step]) -> Option<Option<NaiveDate>> {
    let last = steps.last()?;
    match last.rate {
        Some(_) => Some(None),
        None => last.from.pred_opt().map(Some),
    }
}

/// Lists the interest rate tables (with the `--rates` files that add to them) and the last
/// day each has verified rates for; returns whether `as_of` is past that day for any of them.
fn interest_status(
    out: &mut String,
    files: &[&std::path::PathBuf],
    as_of: NaiveDate,
) -> anyhow::Result<bool> {
    let shipped = Rates::builtin()?;
    let mut rates = shipped.clone();
    let mut sources: Vec<Vec<String>> = TableId::ALL
        .iter()
        .map(|id| vec![format!("{} (built in)", id.shipped_file())])
        .collect();
    for file in files {
        let before = rates.clone();
        rates
            .add_file(file)
            .with_context(|| format!("cannot use interest rates from {}", file.display()))?;
        for (id, names) in TableId::ALL.iter().zip(sources.iter_mut()) {
            if rates.table(*id) != before.table(*id) {
                names.push(file.display().to_string());
            }
        }
    }
    let mut past = Vec::new();
    let header = [
        "INTEREST TABLE".to_string(),
        "VERIFIED TO".to_string(),
        format!("AS OF {as_of}"),
        "FILE".to_string(),
    ];
    let mut rows = Vec::new();
    for (id, names) in TableId::ALL.iter().zip(&sources) {
        let (to, state) = match verified_to(rates.table(*id).steps()) {
            None => ("-".to_string(), "no rate".to_string()),
            Some(None) => ("open".to_string(), "covered".to_string()),
            Some(Some(day)) if as_of <= day => (day.to_string(), "covered".to_string()),
            Some(Some(day)) => {
                past.push(id.name());
                (
                    day.to_string(),
                    match (as_of - day).num_days() {
                        1 => "past it (1 day)".to_string(),
                        n => format!("past it ({n} days)"),
                    },
                )
            }
        };
        rows.push([id.name().to_string(), to, state, names.join(", ")]);
    }
    out.push('\n');
    columns(out, &header, &rows);
    if past.is_empty() {
        let _ = writeln!(
            out,
            "\nEvery interest table has verified rates up to {as_of}."
        );
    } else {
        let _ = writeln!(
            out,
            "\nAs of {as_of}, past the verified rates of {}: a debt that needs one of their rates for a later day is an error; add the rates with --rates FILE.",
            past.join(", ")
        );
    }
    Ok(!past.is_empty())
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
