//! The JSON report: a documented, versioned contract for programs (docs/json-schema.md,
//! docs/penalty-report.schema.json). Each member is written by name from the domain types,
//! in the order the schema gives, so that a change inside the engine cannot change the
//! document by accident: the document changes only when these writers do, and then `SCHEMA`
//! says so.
//!
//! Amounts are decimal strings (exact; no float anywhere), dates are `YYYY-MM-DD` strings,
//! and every list is in a fixed order, so the same input gives byte-identical output.
//!
//! Submodules: `write` (objects and lists in serde_json's pretty layout), `wire` (dates and
//! figures), `case` (a case, its fines, orders and debts) and `pretty` (the layout of the
//! values serde_json writes, with terminal-safe escapes).

use super::{Meta, Render};
use crate::exposure::{CaseLine, Report, Totals};
use crate::fx::{Currency, RateSource, RateUsed};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

mod case;
mod pretty;
mod wire;
mod write;

pub(super) use pretty::Pretty;
use wire::Day;
use write::Obj;

/// The version of the document's layout. It changes when a key is removed or renamed or its
/// meaning changes; adding a key does not change it.
pub const SCHEMA: u32 = 2;

/// Renders a report as one pretty-printed JSON object, ending with a newline.
pub struct JsonRenderer;

impl Render for JsonRenderer {
    fn render(&self, report: &Report, meta: &Meta) -> anyhow::Result<String> {
        let mut out = Vec::new();
        self.render_to(report, meta, &mut out)?;
        Ok(String::from_utf8(out)?)
    }

    /// Streams the document: the cases are laid out a few tasks ahead of the writer, so the
    /// whole document is never held in memory.
    fn render_to(&self, report: &Report, meta: &Meta, out: &mut dyn Write) -> anyhow::Result<()> {
        // Buffered here, so that the many small pieces of the layout are copied into a buffer
        // of a known type rather than each passed through `dyn Write`.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        Document::new(report, meta).write(&mut out)?;
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(())
    }
}

/// Cases laid out by one task: enough to make a task worth its hand-over.
const CASES_PER_TASK: usize = 16;

/// The fewest cases laid out in parallel.
const PARALLEL_FROM: usize = 64;

/// About what a case's layout takes, to size a task's buffer once.
const CASE_BYTES: usize = 3584;

/// Tasks started and not yet written, per thread of the pool: this bounds the memory of the
/// layout (on two threads, about 64 cases' text) while keeping every thread busy.
const TASKS_IN_FLIGHT_PER_THREAD: usize = 2;

/// The case list, laid out in parallel and written in order.
struct Cases<'a> {
    lines: &'a [CaseLine],
    currency: Currency,
}

impl Cases<'_> {
    /// Writes the list as serde_json's pretty layout writes it at the document's second
    /// level: the same bytes as one serializer would write, each case laid out on its own.
    /// A list of many cases is laid out by the thread pool, a few tasks ahead of the writer,
    /// which writes each task's text as soon as those before it are written.
    fn write<W: Write>(&self, w: &mut W) -> anyhow::Result<()> {
        if self.lines.is_empty() {
            return Ok(w.write_all(b"[]")?);
        }
        w.write_all(b"[")?;
        let mut first = true;
        let mut write_piece = |piece: &[u8]| {
            // The first case has no comma before it.
            let written = w.write_all(piece.get(usize::from(first)..).unwrap_or_default());
            first = false;
            written
        };
        // A few cases are laid out on this thread, which spares starting a thread pool; so
        // are the cases of a report written from inside the pool, whose thread cannot wait
        // for tasks it would have to run itself.
        if self.lines.len() < PARALLEL_FROM || rayon::current_thread_index().is_some() {
            for task in self.lines.chunks(CASES_PER_TASK) {
                write_piece(&self.lay_out(task)?)?;
            }
        } else {
            rayon::in_place_scope(|scope| -> anyhow::Result<()> {
                let (done, finished) = std::sync::mpsc::channel();
                let mut tasks = self.lines.chunks(CASES_PER_TASK).enumerate();
                let (mut started, mut written) = (0, 0);
                let in_flight = TASKS_IN_FLIGHT_PER_THREAD * rayon::current_num_threads();
                // Texts laid out before those of earlier tasks, by task number.
                let mut waiting = BTreeMap::new();
                loop {
                    while started < written + in_flight {
                        let Some((number, task)) = tasks.next() else {
                            break;
                        };
                        let done = done.clone();
                        scope.spawn(move |_| {
                            let piece =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    self.lay_out(task)
                                }));
                            // The writer may have stopped: then nothing waits for the text.
                            match piece {
                                Ok(piece) => drop(done.send((number, Some(piece)))),
                                Err(panic) => {
                                    drop(done.send((number, None)));
                                    std::panic::resume_unwind(panic)
                                }
                            }
                        });
                        started += 1;
                    }
                    if written == started {
                        return Ok(());
                    }
                    let (number, piece) = finished.recv()?;
                    waiting.insert(number, piece);
                    while let Some(piece) = waiting.remove(&written) {
                        let piece = piece.ok_or_else(|| anyhow::anyhow!("a case failed"))?;
                        write_piece(&piece?)?;
                        written += 1;
                    }
                }
            })?;
        }
        w.write_all(b"\n  ]")?;
        Ok(())
    }

    /// Lays out consecutive cases, each after a comma and a line break.
    fn lay_out(&self, lines: &[CaseLine]) -> serde_json::Result<Vec<u8>> {
        let mut piece = Vec::with_capacity(CASE_BYTES * lines.len());
        for line in lines {
            piece.extend_from_slice(b",\n    ");
            case::case(&mut piece, 2, line, self.currency)?;
        }
        Ok(piece)
    }
}

/// The whole document.
struct Document<'a> {
    schema: u32,
    as_of: Day,
    currency: &'static str,
    fx_date: &'static str,
    projection: bool,
    overrides: &'a [String],
    filters: &'a [String],
    rates: Vec<Rate>,
    cases: Cases<'a>,
    companies: Vec<Group<'a>>,
    jurisdictions: Vec<Group<'a>>,
    total: &'a Totals,
    report_currency: Currency,
}

/// Writes `"key": value` as a member of the document's object, laid out at its level.
fn member<W: Write>(
    w: &mut W,
    first: bool,
    key: &str,
    value: &impl Serialize,
) -> anyhow::Result<()> {
    open_member(w, first, key)?;
    value.serialize(&mut serde_json::Serializer::with_formatter(
        w,
        Pretty::at(1),
    ))?;
    Ok(())
}

/// Writes the start of a member of the document's object: `"key": `, after a comma unless
/// first. The keys are plain ASCII names, which JSON writes as they are.
fn open_member<W: Write>(w: &mut W, first: bool, key: &str) -> std::io::Result<()> {
    w.write_all(if first { b"\n  \"" } else { b",\n  \"" })?;
    w.write_all(key.as_bytes())?;
    w.write_all(b"\": ")
}

impl Document<'_> {
    /// Writes the document, as serde_json's pretty layout would write it as one value.
    fn write<W: Write>(&self, w: &mut W) -> anyhow::Result<()> {
        w.write_all(b"{")?;
        member(w, true, "schema", &self.schema)?;
        member(w, false, "as_of", &self.as_of)?;
        member(w, false, "currency", &self.currency)?;
        member(w, false, "fx_date", &self.fx_date)?;
        member(w, false, "projection", &self.projection)?;
        member(w, false, "overrides", &self.overrides)?;
        member(w, false, "filters", &self.filters)?;
        member(w, false, "rates", &self.rates)?;
        open_member(w, false, "cases")?;
        self.cases.write(w)?;
        let c = self.report_currency;
        let mut text = Vec::new();
        for (key, groups, name) in [
            ("companies", &self.companies, "company"),
            ("jurisdictions", &self.jurisdictions, "jurisdiction"),
        ] {
            open_member(w, false, key)?;
            text.clear();
            let mut list = write::List::open(&mut text, 1);
            for g in groups {
                let mut o = list.item();
                o.value(name, g.name)?;
                o.value("cases", &g.cases)?;
                o.object("figures", |o| wire::figures(o, g.totals, c))?;
                o.close();
                list.write_to(w)?;
            }
            list.close();
            w.write_all(&text)?;
        }
        open_member(w, false, "total")?;
        text.clear();
        let mut o = Obj::open(&mut text, 1);
        wire::figures(&mut o, self.total, c)?;
        o.close();
        w.write_all(&text)?;
        w.write_all(b"\n}")?;
        Ok(())
    }
}

/// An exchange rate used: 1 EUR = `per_eur` units of `currency`.
#[derive(Serialize)]
struct Rate {
    currency: &'static str,
    date: Day,
    per_eur: String,
    valuation_date: Day,
    stale: bool,
    source: String,
}

/// A company's or a jurisdiction's sum of case lines.
struct Group<'a> {
    name: &'a str,
    cases: Vec<&'a str>,
    totals: &'a Totals,
}

impl<'a> Document<'a> {
    fn new(r: &'a Report, meta: &'a Meta) -> Self {
        // The ids of each group's cases, in id order, gathered in one pass per grouping.
        let group = |pick: fn(&'a CaseLine) -> &'a str| {
            let mut groups: BTreeMap<&'a str, Vec<&'a str>> = BTreeMap::new();
            for c in &r.cases {
                groups.entry(pick(c)).or_default().push(c.id.as_str());
            }
            groups
        };
        let (mut by_company, mut by_jurisdiction) =
            (group(|c| &c.company), group(|c| &c.jurisdiction));
        Document {
            schema: SCHEMA,
            as_of: Day(r.as_of),
            currency: r.currency.code(),
            fx_date: match r.fx_date {
                crate::exposure::FxDate::AsOf => "as-of",
                crate::exposure::FxDate::Decided => "decided",
            },
            projection: meta.projection,
            overrides: &meta.overrides,
            filters: &meta.filters,
            rates: r.rates.iter().map(Rate::new).collect(),
            cases: Cases {
                lines: &r.cases,
                currency: r.currency,
            },
            companies: r
                .companies
                .iter()
                .map(|(key, t)| Group {
                    name: key,
                    cases: by_company.remove(key.as_str()).unwrap_or_default(),
                    totals: t,
                })
                .collect(),
            jurisdictions: r
                .jurisdictions
                .iter()
                .map(|(key, t)| Group {
                    name: key,
                    cases: by_jurisdiction.remove(key.as_str()).unwrap_or_default(),
                    totals: t,
                })
                .collect(),
            total: &r.total,
            report_currency: r.currency,
        }
    }
}

impl Rate {
    fn new(u: &RateUsed) -> Self {
        Rate {
            currency: u.currency.code(),
            date: Day(u.date),
            per_eur: u.per_eur.normalize().to_string(),
            valuation_date: Day(u.valuation_date),
            stale: u.stale,
            source: match &u.source {
                RateSource::Ecb => "ECB".to_string(),
                RateSource::File(p) => p.display().to_string(),
            },
        }
    }
}
