//! Reading case files: paths and directories into files, bytes into text, text into `raw`
//! types (`parse.rs`), and `raw` types into a validated `Case`, collecting every error of
//! every file in one pass.
//!
//! Messages follow one style: lowercase; keys named as written in the file; the offending
//! value quoted when it is written as a string (ids, amounts, codes), shown as written when it
//! is a date; a value it conflicts with given as `key = value`.

use super::diag::Collector;
use super::parse::{self, suggest};
use super::raw::{self, Amount, Date, RawFile, RawOrder, RawPeriod};
use super::{
    Case, Check, Diagnostic, Diagnostics, ExpectTarget, Expected, Fine, FineEvent, Liquidation,
    Order, Payment, Period, PeriodEnd, RateChange, Start, StartRule, Violation,
};
use crate::calendar::{self, Grace};
use crate::fx::Currency;
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The largest case file read, so a stray huge file fails fast instead of exhausting memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// From this many files on, they are loaded in parallel.
const PARALLEL_FROM: usize = 32;

/// The earliest year accepted in a case file.
const MIN_YEAR: i32 = 1900;

/// Above this many ids, an unknown id gets no "did you mean" (finding one would cost too much
/// on a huge file).
const MAX_SUGGESTIONS: usize = 1000;

/// Above this many ids, a message counts them instead of listing them.
const MAX_LISTED: usize = 10;

/// The latest year accepted in a case file, or reached by a computed deadline.
const MAX_YEAR: i32 = 9999;

/// Expands files and directories (recursively, `*.toml`) into a sorted list of files.
///
/// A path given by name is read whatever it is; inside directories only regular files named
/// `*.toml` are taken (a named pipe there would block the program), hidden entries are
/// skipped, and a directory reached twice (a symbolic link loop) is walked once.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut files = BTreeSet::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(Diagnostic::file(
                path,
                io_message(&e, "no such file or directory"),
            )),
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                let errors_before = errors.len();
                let mut visited = BTreeSet::new();
                walk(path, &mut files, &mut visited, &mut errors);
                if files.len() == before && errors.len() == errors_before {
                    errors.push(Diagnostic::file(
                        path,
                        "no case files (*.toml) in this directory",
                    ));
                }
            }
            Ok(_) => {
                files.insert(path.clone());
            }
        }
    }
    if errors.is_empty() {
        Ok(files.into_iter().collect())
    } else {
        Err(Diagnostics(errors))
    }
}

/// An I/O error in a few plain words: `not_found` for a missing file, the system's own
/// message (lowercased, without the "os error" number) otherwise.
fn io_message(e: &std::io::Error, not_found: &str) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => not_found.to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = e.to_string();
            let text = match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

fn walk(
    dir: &Path,
    files: &mut BTreeSet<PathBuf>,
    visited: &mut BTreeSet<PathBuf>,
    errors: &mut Vec<Diagnostic>,
) {
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            errors.push(Diagnostic::file(
                dir,
                io_message(&e, "broken symbolic link"),
            ));
            return;
        }
    };
    if !visited.insert(canonical) {
        // A directory already walked (a symbolic link loop or a second link to it).
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(Diagnostic::file(
                dir,
                format!(
                    "cannot read directory: {}",
                    io_message(&e, "no such directory")
                ),
            ));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        let hidden = child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let is_toml = child.extension().is_some_and(|e| e == "toml");
        match std::fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => walk(&child, files, visited, errors),
            Ok(meta) if is_toml && meta.is_file() => {
                files.insert(child);
            }
            Ok(_) => {}
            Err(e) if is_toml => {
                errors.push(Diagnostic::file(
                    &child,
                    io_message(&e, "broken symbolic link"),
                ));
            }
            Err(_) => {}
        }
    }
}

/// Reads and validates every case in `paths`; duplicate case ids across files are errors.
/// Cases come back sorted by id.
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<Case>, Diagnostics> {
    let files = collect_files(paths)?;
    // Many files are read and validated in parallel (`collect` keeps them in path order);
    // a few are read on this thread, which spares starting a thread pool.
    let results: Vec<Result<Case, Vec<Diagnostic>>> = if files.len() >= PARALLEL_FROM {
        files.par_iter().map(|f| load_file(f)).collect()
    } else {
        files.iter().map(|f| load_file(f)).collect()
    };
    let mut cases = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(c) => cases.push(c),
            Err(mut e) => errors.append(&mut e),
        }
    }
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for case in &cases {
        if let Some(first) = seen.get(&case.id) {
            errors.push(locate(
                case,
                Locus::CaseId,
                format!(
                    "duplicate case id \"{}\": {} already has it (case ids are unique across the portfolio)",
                    case.id,
                    first.display()
                ),
            ));
        } else {
            seen.insert(case.id.clone(), case.path.clone());
        }
    }
    if errors.is_empty() {
        // Ids are unique, so an unstable sort is deterministic and needs no buffer.
        cases.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Ok(cases)
    } else {
        Err(Diagnostics(errors))
    }
}

fn load_file(path: &Path) -> Result<Case, Vec<Diagnostic>> {
    let bytes = read_bounded(path).map_err(|d| vec![d])?;
    load_case_bytes(path, &bytes)
}

/// Reads a file whole, refusing one larger than `MAX_FILE_BYTES` without reading it all.
fn read_bounded(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let too_large = || {
        Diagnostic::file(
            path,
            format!(
                "the file is larger than {} MiB, too large for a case file",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        )
    };
    let file = std::fs::File::open(path).map_err(|e| {
        Diagnostic::file(
            path,
            format!("cannot open: {}", io_message(&e, "no such file")),
        )
    })?;
    if file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() > MAX_FILE_BYTES)
    {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Diagnostic::file(
                path,
                format!("cannot read: {}", io_message(&e, "no such file")),
            )
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Checks that `bytes`, the content of `path`, are UTF-8 text, then parses and validates
/// them as a case file.
pub fn load_case_bytes(path: &Path, bytes: &[u8]) -> Result<Case, Vec<Diagnostic>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_case_str(path, text),
        Err(e) => Err(vec![not_utf8(path, bytes, e.valid_up_to())]),
    }
}

/// The error for a file that is not UTF-8, pointing at its first bad byte.
fn not_utf8(path: &Path, bytes: &[u8], valid: usize) -> Diagnostic {
    let byte = bytes.get(valid).copied().unwrap_or(0);
    let message = format!(
        "the file is not UTF-8 text (byte 0x{byte:02X} here is not UTF-8): save it as UTF-8"
    );
    // Show the line with the bad bytes replaced, and the caret on the first of them.
    let line_end = bytes[valid..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| valid + i);
    let text = String::from_utf8_lossy(&bytes[..line_end]);
    // The valid prefix is unchanged by the lossy conversion, so `valid` is still its length.
    Diagnostic::at(path, &text, valid..valid + 1, message)
}

/// Parses and validates the text of one case file, reporting every error found, in the order
/// they appear in the file.
pub fn load_case_str(path: &Path, text: &str) -> Result<Case, Vec<Diagnostic>> {
    let mut errors = Collector::new(path, text);
    let parsed = parse::parse(text, &mut errors);
    if parsed.syntax {
        return Err(errors.finish());
    }
    let line_starts = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut v = Validator {
        path,
        line_starts,
        errors,
        broken: parsed.broken_ids,
    };
    let case = v.case(parsed.raw);
    match case {
        Some(c) if v.errors.is_empty() => Ok(c),
        _ if v.errors.is_empty() => {
            Err(vec![Diagnostic::file(path, "the file holds no valid case")])
        }
        _ => Err(v.errors.finish()),
    }
}

/// A value of a loaded case that an error found later (an overflow, a missing exchange rate)
/// points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locus<'a> {
    /// The case's `id`.
    CaseId,
    /// The case's `currency`.
    Currency,
    /// A key of an order: `rate` (the largest of its rates), `cap`, `amount` (the largest
    /// liquidation amount), or any other name for the order's table.
    Order {
        /// The order's id.
        id: &'a str,
        /// The key.
        key: &'a str,
    },
    /// A fine's `amount` (the largest, counting reductions), or its table for another key.
    Fine {
        /// The fine's id.
        id: &'a str,
        /// The key.
        key: &'a str,
    },
    /// The `amount` of a payment, by its place among the case's payments.
    Payment {
        /// 0-based index in the file's `[[payment]]` tables.
        index: usize,
    },
}

/// The tables of a case file's text as written, with their spans, to point into it. Errors
/// are not reported: the file was validated when it was loaded.
pub fn raw_tables(path: &Path, text: &str) -> RawFile {
    parse::parse(text, &mut Collector::new(path, text)).raw
}

/// A diagnostic pointing at `locus` in a loaded case's file.
///
/// Spans are found again by reading and parsing the file: this happens only on the way to
/// reporting an error, and keeps the domain types free of positions and of the file's text.
pub fn locate(case: &Case, locus: Locus<'_>, message: impl Into<String>) -> Diagnostic {
    locate_in(&case.path, locus, message)
}

/// A diagnostic pointing at `locus` in the case file at `path`.
pub fn locate_in(path: &Path, locus: Locus<'_>, message: impl Into<String>) -> Diagnostic {
    // Cases do not keep their text (a portfolio would cost twice its size in memory), and
    // diagnostics about a loaded case are rare: the file is read again to point into it.
    let Ok(source) = std::fs::read_to_string(path) else {
        return Diagnostic::file(path, message);
    };
    let parsed = parse::parse(&source, &mut Collector::new(path, &source));
    match span_of(&parsed.raw, locus) {
        Some(span) => Diagnostic::at(path, &source, span, message),
        None => Diagnostic::file(path, message),
    }
}

fn span_of(raw: &RawFile, locus: Locus<'_>) -> Option<Range<usize>> {
    let largest = |amounts: Vec<&Spanned<Amount>>| {
        amounts
            .into_iter()
            .fold(None::<&Spanned<Amount>>, |best, a| match best {
                Some(b) if b.get_ref().0 >= a.get_ref().0 => Some(b),
                _ => Some(a),
            })
            .map(Spanned::span)
    };
    match locus {
        Locus::CaseId => raw.case.as_ref().map(|c| c.get_ref().id.span()),
        Locus::Currency => raw.case.as_ref().map(|c| c.get_ref().currency.span()),
        Locus::Order { id, key } => {
            let o = raw.order.iter().find(|o| o.get_ref().id.get_ref() == id)?;
            let r = o.get_ref();
            let found = match key {
                "rate" => largest(
                    r.rate
                        .iter()
                        .chain(r.rate_change.iter().map(|c| &c.get_ref().rate))
                        .collect(),
                ),
                "cap" => r.cap.as_ref().map(Spanned::span),
                "amount" => largest(
                    r.liquidation
                        .iter()
                        .filter_map(|l| l.get_ref().amount.as_ref())
                        .collect(),
                ),
                _ => None,
            };
            Some(found.unwrap_or_else(|| o.span()))
        }
        Locus::Fine { id, key } => {
            let f = raw.fine.iter().find(|f| f.get_ref().id.get_ref() == id)?;
            let r = f.get_ref();
            let found = match key {
                "amount" => largest(
                    std::iter::once(&r.amount)
                        .chain(r.event.iter().filter_map(|e| e.get_ref().amount.as_ref()))
                        .collect(),
                ),
                _ => None,
            };
            Some(found.unwrap_or_else(|| f.span()))
        }
        Locus::Payment { index } => raw.payment.get(index).map(|p| p.get_ref().amount.span()),
    }
}

struct Validator<'a> {
    path: &'a Path,
    /// Byte offsets where lines start, to name a line in a message without a scan.
    line_starts: Vec<usize>,
    errors: Collector<'a>,
    /// Ids of fines and orders with errors: references to them are not checked further.
    broken: BTreeSet<String>,
}

impl Validator<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(span, message);
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    fn date(&mut self, d: &Spanned<Date>, key: &str) -> NaiveDate {
        let date = d.get_ref().0;
        if date.year() < MIN_YEAR {
            self.error(
                d.span(),
                format!(
                    "{key} {date} is before {MIN_YEAR}: expected a date from {MIN_YEAR} to {MAX_YEAR}"
                ),
            );
        }
        date
    }

    fn opt_date(&mut self, d: &Option<Spanned<Date>>, key: &str) -> Option<NaiveDate> {
        d.as_ref().map(|d| self.date(d, key))
    }

    fn positive(&mut self, a: &Spanned<Amount>, key: &str) -> Decimal {
        let value = a.get_ref().0;
        if value <= Decimal::ZERO {
            self.error(
                a.span(),
                format!("{key} must be positive, found \"{value}\""),
            );
        }
        value
    }

    fn not_negative(&mut self, a: &Spanned<Amount>, key: &str) -> Decimal {
        let value = a.get_ref().0;
        if value < Decimal::ZERO {
            self.error(
                a.span(),
                format!("{key} must not be negative, found \"{value}\""),
            );
        }
        value
    }

    fn non_empty(&mut self, s: &Spanned<String>, what: &str) -> String {
        if s.get_ref().trim().is_empty() {
            self.error(s.span(), format!("{what} must not be empty"));
        }
        s.get_ref().clone()
    }

    /// Whether errors were reported since `before` (a count of errors).
    fn failed_since(&self, before: usize) -> bool {
        self.errors.len() > before
    }

    fn case(&mut self, mut raw: RawFile) -> Option<Case> {
        let header = raw.case.take().map(Spanned::into_inner);
        let mut header_ok = None;
        if let Some(header) = header {
            let id = self.non_empty(&header.id, "case id");
            let company = self.non_empty(&header.company, "company");
            let jurisdiction = header.jurisdiction.get_ref().clone();
            if !valid_jurisdiction(&jurisdiction) {
                self.error(
                    header.jurisdiction.span(),
                    format!(
                        "expected a jurisdiction such as \"FR\", \"EU\" or \"US-IL\" (ISO 3166-1 alpha-2, upper case), found \"{jurisdiction}\""
                    ),
                );
            }
            let currency = match header.currency.get_ref().parse::<Currency>() {
                Ok(c) => Some(c),
                Err(e) => {
                    self.error(header.currency.span(), e.to_string());
                    None
                }
            };
            let turnover = header
                .turnover
                .as_ref()
                .map(|t| self.positive(t, "turnover"));
            header_ok =
                currency.map(|currency| (header, id, company, jurisdiction, currency, turnover));
        }

        // Fines and orders share one set of ids; tables that could not be read count too.
        let mut ids: BTreeMap<String, (&'static str, usize)> = BTreeMap::new();
        let mut fines = Vec::with_capacity(raw.fine.len());
        for f in &raw.fine {
            let before = self.errors.len();
            let fine = self.fine(f.get_ref());
            self.unique_id(&mut ids, &f.get_ref().id, "fine");
            if self.failed_since(before) {
                self.broken.insert(fine.id.clone());
            }
            fines.push(fine);
        }
        let mut orders = Vec::with_capacity(raw.order.len());
        for o in &raw.order {
            let before = self.errors.len();
            let order = self.order(o.get_ref(), o.span());
            self.unique_id(&mut ids, &o.get_ref().id, "order");
            if self.failed_since(before) {
                self.broken.insert(o.get_ref().id.get_ref().clone());
            }
            orders.extend(order);
        }
        let known: BTreeSet<String> = ids.keys().chain(self.broken.iter()).cloned().collect();
        let payments = self.payments(&raw, &fines, &orders, &known);
        let expects = self.expects(&raw.expect, &ids);

        let (header, id, company, jurisdiction, currency, turnover) = header_ok?;
        Some(Case {
            path: self.path.to_path_buf(),
            id,
            company,
            jurisdiction,
            authority: header.authority,
            reference: header.reference,
            currency,
            turnover,
            notes: header.notes,
            sources: header.sources,
            fines,
            orders,
            payments,
            expects,
        })
    }

    fn unique_id(
        &mut self,
        ids: &mut BTreeMap<String, (&'static str, usize)>,
        id: &Spanned<String>,
        what: &'static str,
    ) {
        if let Some((first, line)) = ids.get(id.get_ref()) {
            self.error(
                id.span(),
                format!(
                    "duplicate id \"{}\": the {first} on line {line} already has it (fines and orders of a case share one set of ids)",
                    id.get_ref()
                ),
            );
        } else {
            let line = self.line_of(id.span().start);
            ids.insert(id.get_ref().clone(), (what, line));
        }
    }

    fn fine(&mut self, f: &raw::RawFine) -> Fine {
        let id = self.non_empty(&f.id, "fine id");
        let amount = self.positive(&f.amount, "amount");
        let decided = self.date(&f.decided, "decided");
        let due = self.opt_date(&f.due, "due");
        if let (Some(due_date), Some(span)) = (due, f.due.as_ref().map(Spanned::span))
            && due_date < decided
        {
            self.error(
                span,
                format!("due {due_date} is before the decision (decided = {decided})"),
            );
        }
        let mut events = Vec::with_capacity(f.event.len());
        let mut last: Option<NaiveDate> = None;
        for e in &f.event {
            let e = e.get_ref();
            let date = self.date(&e.date, "date");
            if date < decided {
                self.error(
                    e.date.span(),
                    format!(
                        "event date {date} is before the fine was decided (decided = {decided})"
                    ),
                );
            }
            if let Some(prev) = last
                && date < prev
            {
                self.error(
                    e.date.span(),
                    format!(
                        "events must be in date order: {date} is listed after an event of {prev}"
                    ),
                );
            }
            last = Some(date);
            let kind = *e.kind.get_ref();
            let amount = match (&e.amount, kind) {
                (Some(a), raw::EventKind::Reduced) => Some(self.positive(a, "amount")),
                (None, raw::EventKind::Reduced) => {
                    self.error(
                        e.kind.span(),
                        "a \"reduced\" event needs the fine's new amount: add amount = \"...\"",
                    );
                    None
                }
                (Some(a), other) => {
                    self.error(
                        a.span(),
                        format!(
                            "amount is only for kind = \"reduced\", found kind = \"{}\"",
                            event_kind_name(other)
                        ),
                    );
                    None
                }
                (None, _) => None,
            };
            events.push(FineEvent {
                date,
                kind,
                amount,
                reference: e.reference.clone(),
            });
        }
        if let Some(basis) = &f.legal_basis
            && let Err(message) = crate::limits::check_legal_basis(basis.get_ref())
        {
            self.error(basis.span(), message);
        }
        Fine {
            id,
            amount,
            decided,
            due,
            reference: f.reference.clone(),
            legal_basis: f.legal_basis.as_ref().map(|b| b.get_ref().clone()),
            events,
        }
    }

    fn period(
        &mut self,
        span: Range<usize>,
        from: &Spanned<Date>,
        through: &Option<Spanned<Date>>,
        until: &Option<Spanned<Date>>,
    ) -> Option<Period> {
        let start = self.date(from, "from");
        let (end, written, end_span) = match (through, until) {
            (Some(_), Some(u)) => {
                self.error(
                    u.span(),
                    "give one of through (the last day counted) or until (the first day not counted), not both",
                );
                return None;
            }
            (None, None) => {
                self.error(
                    span,
                    "a period needs through (the last day counted) or until (the first day not counted)",
                );
                return None;
            }
            (Some(t), None) => {
                let last = self.date(t, "through");
                if last < start {
                    self.error(
                        t.span(),
                        format!("the period ends before it starts: through {last} is before from = {start}"),
                    );
                    return None;
                }
                (last.succ_opt()?, PeriodEnd::Through, t.span())
            }
            (None, Some(u)) => (self.date(u, "until"), PeriodEnd::Until, u.span()),
        };
        if end <= start {
            self.error(
                end_span,
                format!(
                    "the period ends before it starts: until {end} (the first day not counted) is not after from = {start}"
                ),
            );
            return None;
        }
        Some(Period {
            from: start,
            until: end,
            written,
        })
    }

    /// Reports each period that overlaps an earlier one, pointing at whichever of the two
    /// comes later in the file.
    fn overlaps(&mut self, what: &str, periods: &[(Period, Range<usize>)]) {
        let mut sorted: Vec<&(Period, Range<usize>)> = periods.iter().collect();
        sorted.sort_by_key(|(p, s)| (p.from, s.start));
        let mut reach: Option<&(Period, Range<usize>)> = None;
        for item in sorted {
            if let Some(prev) = reach
                && item.0.from < prev.0.until
            {
                let (later, earlier) = if item.1.start > prev.1.start {
                    (item, prev)
                } else {
                    (prev, item)
                };
                self.error(
                    later.1.clone(),
                    format!(
                        "{what} {} overlaps the {what} {} on line {}",
                        later.0,
                        earlier.0,
                        self.line_of(earlier.1.start)
                    ),
                );
            }
            if reach.is_none_or(|r| item.0.until > r.0.until) {
                reach = Some(item);
            }
        }
    }

    fn order(&mut self, o: &RawOrder, span: Range<usize>) -> Option<Order> {
        let id = self.non_empty(&o.id, "order id");
        let decided = self.opt_date(&o.decided, "decided");
        let notified = self.opt_date(&o.notified, "notified");
        if let (Some(dec), Some(n)) = (decided, &o.notified)
            && n.get_ref().0 < dec
        {
            self.error(
                n.span(),
                format!(
                    "notified {} is before the decision (decided = {dec})",
                    n.get_ref().0
                ),
            );
        }
        let holidays: Vec<NaiveDate> = o.holidays.iter().map(|h| self.date(h, "holiday")).collect();
        let extend = o
            .extend
            .as_ref()
            .is_some_and(|e| *e.get_ref() == raw::Extend::NextBusinessDay);
        if let Some(h) = o.holidays.first()
            && !extend
        {
            self.error(
                h.span(),
                "holidays only matter with extend = \"next-business-day\"",
            );
        }
        let start = self.start(o, decided, notified, extend, &holidays);
        let known = start.clone().unwrap_or(Start::Unknown);

        let per = o.per.as_ref().map_or(raw::Per::Day, |p| *p.get_ref());
        let count = match &o.count {
            Some(c) if !matches!(per, raw::Per::Week | raw::Per::Month | raw::Per::Semester) => {
                self.error(
                    c.span(),
                    format!(
                        "count applies only to per = \"week\", \"month\" or \"semester\", found per = \"{}\"",
                        per_name(per)
                    ),
                );
                *c.get_ref()
            }
            Some(c) => *c.get_ref(),
            None => raw::Count::Started,
        };
        let rate = o.rate.as_ref().map(|r| self.positive(r, "rate"));
        if rate.is_none() && start.as_ref().is_some_and(|s| *s != Start::Unknown) {
            self.error(
                span.clone(),
                "missing required key \"rate\" (only an order whose terms are unknown, with no starts, deadline or grace, may omit it)",
            );
        }
        let mut rate_changes = Vec::with_capacity(o.rate_change.len());
        for rc in &o.rate_change {
            let rc = rc.get_ref();
            let from = self.date(&rc.from, "from");
            let rate = self.positive(&rc.rate, "rate");
            if let Some(prev) = rate_changes.last().map(|r: &RateChange| r.from)
                && from <= prev
            {
                self.error(
                    rc.from.span(),
                    format!(
                        "rate changes must be in increasing date order: from = {from} is not after the previous change (from = {prev})"
                    ),
                );
            }
            if let Some(first) = known.first_day()
                && from <= first
            {
                self.error(
                    rc.from.span(),
                    format!(
                        "a rate change must come after the first day of delay ({first}), found from = {from}: set rate instead"
                    ),
                );
            }
            rate_changes.push(RateChange { from, rate });
        }
        let cap = o.cap.as_ref().map(|c| self.positive(c, "cap"));

        let mut suspensions: Vec<(Period, Range<usize>)> = Vec::with_capacity(o.suspension.len());
        for s in &o.suspension {
            let r: &RawPeriod = s.get_ref();
            if let Some(p) = self.period(s.span(), &r.from, &r.through, &r.until) {
                suspensions.push((p, r.from.span()));
            }
        }
        self.overlaps("suspension", &suspensions);
        suspensions.sort_by_key(|(p, _)| p.from);
        let complied = self.opt_date(&o.complied, "complied");
        let lifted = self.opt_date(&o.lifted, "lifted");
        for (key, value) in [("complied", &o.complied), ("lifted", &o.lifted)] {
            if let (Some(v), Some(dec)) = (value, decided)
                && v.get_ref().0 < dec
            {
                self.error(
                    v.span(),
                    format!(
                        "{key} {} is before the decision (decided = {dec})",
                        v.get_ref().0
                    ),
                );
            }
        }

        let mut violations = Vec::with_capacity(o.violation.len());
        if per != raw::Per::Violation
            && let Some(v) = o.violation.first()
        {
            self.error(
                v.span(),
                format!(
                    "violations are recorded only on an order with per = \"violation\", found per = \"{}\"",
                    per_name(per)
                ),
            );
        }
        for v in &o.violation {
            let v = v.get_ref();
            let count = v.count.as_ref().map_or(1, |c| *c.get_ref());
            if let Some(c) = &v.count
                && count == 0
            {
                self.error(c.span(), "count must be at least 1, found 0");
            }
            violations.push(Violation {
                date: self.date(&v.date, "date"),
                count,
            });
        }
        violations.sort_by_key(|v| v.date);

        let mut liquidations: Vec<(Liquidation, Range<usize>)> =
            Vec::with_capacity(o.liquidation.len());
        for l in &o.liquidation {
            let r = l.get_ref();
            let decided_on = self.date(&r.decided, "decided");
            let amount = r.amount.as_ref().map(|a| self.not_negative(a, "amount"));
            let Some(window) = self.period(l.span(), &r.from, &r.through, &r.until) else {
                continue;
            };
            if decided_on < window.from {
                self.error(
                    r.decided.span(),
                    format!(
                        "decided {decided_on} is before the liquidation window starts (from = {})",
                        window.from
                    ),
                );
            } else if window.until > decided_on.succ_opt().unwrap_or(decided_on) {
                self.error(
                    r.decided.span(),
                    format!(
                        "decided {decided_on} is before the liquidation window ends (its last day is {}): only days already passed can be liquidated",
                        window.last_day()
                    ),
                );
            }
            match known.first_day() {
                Some(first) if window.from < first => self.error(
                    r.from.span(),
                    format!(
                        "the liquidation window starts on {}, before the first day of delay ({first})",
                        window.from
                    ),
                ),
                Some(_) => {}
                None if start.is_some() => self.error(
                    r.from.span(),
                    "a liquidation needs the order's first day of delay: give starts, deadline or grace",
                ),
                None => {}
            }
            liquidations.push((
                Liquidation {
                    decided: decided_on,
                    window,
                    amount,
                    reference: r.reference.clone(),
                },
                r.from.span(),
            ));
        }
        self.overlaps(
            "liquidation window",
            &liquidations
                .iter()
                .map(|(l, s)| (l.window, s.clone()))
                .collect::<Vec<_>>(),
        );
        liquidations.sort_by_key(|(l, _)| l.window.from);

        Some(Order {
            id,
            description: o.description.clone(),
            start: start?,
            rate,
            per,
            count,
            rate_changes,
            cap,
            suspensions: suspensions.into_iter().map(|(p, _)| p).collect(),
            complied,
            lifted,
            violations,
            liquidations: liquidations.into_iter().map(|(l, _)| l).collect(),
            reference: o.reference.clone(),
            span,
        })
    }

    /// The order's first day of delay, from `starts`, `deadline` or `grace`; `None` after an
    /// error.
    fn start(
        &mut self,
        o: &RawOrder,
        decided: Option<NaiveDate>,
        notified: Option<NaiveDate>,
        extend: bool,
        holidays: &[NaiveDate],
    ) -> Option<Start> {
        let given: Vec<(&str, Range<usize>)> = [
            ("starts", o.starts.as_ref().map(Spanned::span)),
            ("deadline", o.deadline.as_ref().map(Spanned::span)),
            ("grace", o.grace.as_ref().map(Spanned::span)),
        ]
        .into_iter()
        .filter_map(|(k, s)| s.map(|s| (k, s)))
        .collect();
        if let [(first, _), (second, span), ..] = given.as_slice() {
            self.error(
                span.clone(),
                format!(
                    "give one of starts, deadline or grace, not both: found {first} and {second}"
                ),
            );
            return None;
        }
        if let Some(s) = &o.starts {
            let first_day = self.date(s, "starts");
            if let Some(e) = &o.extend {
                self.error(
                    e.span(),
                    "extend applies to a deadline or a grace period, not to starts",
                );
            }
            if let Some(dec) = decided
                && first_day < dec
            {
                self.error(
                    s.span(),
                    format!("starts {first_day} is before the decision (decided = {dec})"),
                );
            }
            return Some(Start::Known {
                first_day,
                rule: StartRule::Starts,
            });
        }
        if let Some(d) = &o.deadline {
            let written = self.date(d, "deadline");
            if let Some(dec) = decided
                && written < dec
            {
                self.error(
                    d.span(),
                    format!("deadline {written} is before the decision (decided = {dec})"),
                );
            }
            let deadline = self.extended(written, extend, holidays, d.span())?;
            return Some(Start::Known {
                first_day: deadline.succ_opt()?,
                rule: StartRule::Deadline { written, deadline },
            });
        }
        if let Some(g) = &o.grace {
            let grace: Grace = match g.get_ref().parse() {
                Ok(grace) => grace,
                Err(message) => {
                    self.error(g.span(), message);
                    return None;
                }
            };
            let (from, from_key) = match (notified, decided) {
                (Some(n), _) => (n, "notified"),
                (None, Some(d)) => (d, "decided"),
                (None, None) => {
                    self.error(
                        g.span(),
                        "a grace period is counted from notified (or decided): give one of them",
                    );
                    return None;
                }
            };
            let computed = match grace.deadline(from) {
                Some(d) if d.year() <= MAX_YEAR => d,
                _ => {
                    self.error(
                        g.span(),
                        format!(
                            "the grace period \"{grace}\" from {from_key} = {from} ends after the year {MAX_YEAR}"
                        ),
                    );
                    return None;
                }
            };
            let deadline = self.extended(computed, extend, holidays, g.span())?;
            return Some(Start::Known {
                first_day: deadline.succ_opt()?,
                rule: StartRule::Grace {
                    from,
                    from_key,
                    grace,
                    computed,
                    deadline,
                },
            });
        }
        if let Some(e) = &o.extend {
            self.error(
                e.span(),
                "extend applies to a deadline or a grace period, and this order has neither",
            );
        }
        Some(Start::Unknown)
    }

    /// The deadline moved to the next business day when `extend` says so.
    fn extended(
        &mut self,
        deadline: NaiveDate,
        extend: bool,
        holidays: &[NaiveDate],
        span: Range<usize>,
    ) -> Option<NaiveDate> {
        if !extend {
            return Some(deadline);
        }
        let moved = calendar::next_business_day(deadline, holidays);
        if moved.is_none_or(|d| d.year() > MAX_YEAR) {
            self.error(
                span,
                format!("the deadline {deadline}, moved to the next business day, falls after the year {MAX_YEAR}"),
            );
            return None;
        }
        moved
    }

    fn payments(
        &mut self,
        file: &RawFile,
        fines: &[Fine],
        orders: &[Order],
        known: &BTreeSet<String>,
    ) -> Vec<Payment> {
        let mut payments = Vec::with_capacity(file.payment.len());
        // Per target: each payment's date, amount, and the spans of both.
        #[allow(clippy::type_complexity)]
        let mut by_target: BTreeMap<
            String,
            Vec<(NaiveDate, Decimal, Range<usize>, Range<usize>)>,
        > = BTreeMap::new();
        for p in &file.payment {
            let p = p.get_ref();
            let date = self.date(&p.date, "date");
            let amount = self.positive(&p.amount, "amount");
            let target = p.applies_to.get_ref();
            if !known.contains(target) {
                let close = if known.len() <= MAX_SUGGESTIONS {
                    suggest(target, known.iter().map(String::as_str))
                } else {
                    None
                };
                let hint = match close {
                    Some(c) => format!(" (did you mean \"{c}\"?)"),
                    None if known.is_empty() => ": this case has no fines or orders".to_string(),
                    None if known.len() > MAX_LISTED => {
                        format!("; the case has {} fines and orders", known.len())
                    }
                    None => format!(
                        "; the case's fines and orders are {}",
                        known
                            .iter()
                            .map(|k| format!("\"{k}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.error(
                    p.applies_to.span(),
                    format!("applies_to \"{target}\" names no fine or order of this case{hint}"),
                );
                continue;
            }
            by_target.entry(target.clone()).or_default().push((
                date,
                amount,
                p.date.span(),
                p.amount.span(),
            ));
            payments.push(Payment {
                date,
                amount,
                applies_to: target.clone(),
                reference: p.reference.clone(),
            });
        }
        let fines_by_id: BTreeMap<&str, &Fine> = fines.iter().map(|f| (f.id.as_str(), f)).collect();
        let orders_by_id: BTreeMap<&str, &Order> =
            orders.iter().map(|o| (o.id.as_str(), o)).collect();
        for (target, mut paid) in by_target {
            if self.broken.contains(&target) {
                continue;
            }
            // Each payment, in date order, against what was payable on its date.
            paid.sort_by_key(|(date, ..)| *date);
            let mut total = Decimal::ZERO;
            for (date, amount, date_span, amount_span) in paid {
                let Some(sum) = crate::accrue::exact_add(total, amount) else {
                    self.error(
                        amount_span,
                        format!(
                            "payments to \"{target}\" cannot be added up exactly ({})",
                            crate::accrue::LIMITS
                        ),
                    );
                    break;
                };
                total = sum;
                if let Some(f) = fines_by_id.get(target.as_str()) {
                    if date < f.decided {
                        self.error(
                            date_span,
                            format!(
                                "payment dated {date} to fine \"{target}\", before the fine was decided on {}",
                                f.decided
                            ),
                        );
                        break;
                    }
                    let (payable, status, _) = crate::exposure::fine_status(f, date);
                    let payable = if status == crate::exposure::FineStatus::Annulled {
                        Decimal::ZERO
                    } else {
                        payable
                    };
                    if total > payable {
                        let then = if status == crate::exposure::FineStatus::Annulled {
                            "annulled by then, so nothing was payable".to_string()
                        } else {
                            format!("more than its amount then, \"{payable}\"")
                        };
                        self.error(
                            amount_span,
                            format!(
                                "payments to fine \"{target}\" add up to \"{total}\" by {date}: {then}"
                            ),
                        );
                        break;
                    }
                } else if let Some(o) = orders_by_id.get(target.as_str()) {
                    let payable = match crate::accrue::accrue(o, date) {
                        Ok(a) => a.liquidated,
                        Err(e) => {
                            let at = span_of(
                                file,
                                Locus::Order {
                                    id: &o.id,
                                    key: e.field,
                                },
                            );
                            self.error(at.unwrap_or_else(|| o.span.clone()), e.to_string());
                            break;
                        }
                    };
                    if payable.is_zero() {
                        self.error(
                            date_span,
                            format!(
                                "payment dated {date} to order \"{target}\", when none of its penalties were liquidated: a payment pays a fine or liquidated penalties"
                            ),
                        );
                        break;
                    } else if total > payable {
                        self.error(
                            amount_span,
                            format!(
                                "payments to order \"{target}\" add up to \"{total}\" by {date}, more than its penalties liquidated by then, \"{payable}\""
                            ),
                        );
                        break;
                    }
                }
            }
        }
        payments
    }

    fn expects(
        &mut self,
        raw: &[Spanned<raw::RawExpect>],
        ids: &BTreeMap<String, (&'static str, usize)>,
    ) -> Vec<super::Expect> {
        let mut out = Vec::with_capacity(raw.len());
        for e in raw {
            let span = e.span();
            let e = e.get_ref();
            let as_of = self.date(&e.as_of, "as_of");
            let target = match (&e.order, &e.fine) {
                (Some(_), Some(f)) => {
                    self.error(
                        f.span(),
                        "an assertion is about one order or one fine, not both",
                    );
                    continue;
                }
                (Some(o), None) => match self.target(ids, o, "order") {
                    Some(()) => ExpectTarget::Order(o.get_ref().clone()),
                    None => continue,
                },
                (None, Some(f)) => match self.target(ids, f, "fine") {
                    Some(()) => ExpectTarget::Fine(f.get_ref().clone()),
                    None => continue,
                },
                (None, None) => ExpectTarget::Case,
            };
            let mut checks = Vec::new();
            let amounts = [
                ("accrued", &e.accrued),
                ("liquidated", &e.liquidated),
                ("accruing", &e.accruing),
                ("amount", &e.amount),
                ("fines", &e.fines),
                ("penalties", &e.penalties),
                ("exposure", &e.exposure),
                ("owed", &e.owed),
                ("paid", &e.paid),
                ("outstanding", &e.outstanding),
            ];
            for (field, value) in amounts {
                if let Some(v) = value {
                    checks.push(Check {
                        field,
                        expected: Expected::Amount(v.get_ref().0),
                        span: v.span(),
                    });
                }
            }
            if let Some(d) = &e.days {
                if *d.get_ref() < 0 {
                    self.error(
                        d.span(),
                        format!("days must not be negative, found {}", d.get_ref()),
                    );
                }
                checks.push(Check {
                    field: "days",
                    expected: Expected::Days(*d.get_ref()),
                    span: d.span(),
                });
            }
            if let Some(d) = &e.cap_reached {
                checks.push(Check {
                    field: "cap_reached",
                    expected: Expected::Date(self.date(d, "cap_reached")),
                    span: d.span(),
                });
            }
            if let Some(s) = &e.status {
                let status = s.get_ref().as_str();
                const STATUSES: [&str; 3] = ["enforceable", "contested", "annulled"];
                if !STATUSES.contains(&status) {
                    let hint = suggest(status, STATUSES)
                        .map(|c| format!(" (did you mean \"{c}\"?)"))
                        .unwrap_or_default();
                    self.error(
                        s.span(),
                        format!(
                            "expected a status of \"enforceable\", \"contested\" or \"annulled\", found \"{status}\"{hint}"
                        ),
                    );
                }
                checks.push(Check {
                    field: "status",
                    expected: Expected::Status(status.to_string()),
                    span: s.span(),
                });
            }
            let allowed: &[&str] = match target {
                ExpectTarget::Order(_) => {
                    &["accrued", "liquidated", "accruing", "days", "cap_reached"]
                }
                ExpectTarget::Fine(_) => &["amount", "status"],
                ExpectTarget::Case => &[
                    "fines",
                    "penalties",
                    "exposure",
                    "owed",
                    "paid",
                    "outstanding",
                ],
            };
            let what = match target {
                ExpectTarget::Order(_) => "an order",
                ExpectTarget::Fine(_) => "a fine",
                ExpectTarget::Case => "a case (no order or fine given)",
            };
            let mut ok = true;
            for c in &checks {
                if !allowed.contains(&c.field) {
                    ok = false;
                    self.error(
                        c.span.clone(),
                        format!(
                            "\"{}\" is not a figure of {what}: expected one of {}",
                            c.field,
                            allowed.join(", ")
                        ),
                    );
                }
            }
            if checks.is_empty() {
                self.error(
                    span,
                    format!(
                        "an assertion needs at least one figure to compare: for {what}, one of {}",
                        allowed.join(", ")
                    ),
                );
                continue;
            }
            if ok {
                out.push(super::Expect {
                    as_of,
                    target,
                    checks,
                });
            }
        }
        out
    }

    /// Checks that an assertion's `order` or `fine` names one of the case's.
    fn target(
        &mut self,
        ids: &BTreeMap<String, (&'static str, usize)>,
        name: &Spanned<String>,
        kind: &'static str,
    ) -> Option<()> {
        let id = name.get_ref();
        if self.broken.contains(id) {
            return None;
        }
        match ids.get(id) {
            Some((k, _)) if *k == kind => Some(()),
            Some((other, _)) => {
                self.error(
                    name.span(),
                    format!(
                        "\"{id}\" is a {other} of this case, not {}: write {other} = \"{id}\"",
                        if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                            format!("an {kind}")
                        } else {
                            format!("a {kind}")
                        }
                    ),
                );
                None
            }
            None => {
                let same_kind = ids
                    .iter()
                    .filter(|(_, (k, _))| *k == kind)
                    .map(|(i, _)| i.as_str());
                let hint = (ids.len() <= MAX_SUGGESTIONS)
                    .then(|| suggest(id, same_kind))
                    .flatten()
                    .map(|c| format!(" (did you mean \"{c}\"?)"))
                    .unwrap_or_default();
                self.error(
                    name.span(),
                    format!("no {kind} \"{id}\" in this case{hint}"),
                );
                None
            }
        }
    }
}

fn per_name(per: raw::Per) -> &'static str {
    match per {
        raw::Per::Day => "day",
        raw::Per::Week => "week",
        raw::Per::Month => "month",
        raw::Per::Semester => "semester",
        raw::Per::Violation => "violation",
        raw::Per::Once => "once",
    }
}

fn event_kind_name(kind: raw::EventKind) -> &'static str {
    match kind {
        raw::EventKind::Appealed => "appealed",
        raw::EventKind::Annulled => "annulled",
        raw::EventKind::Reinstated => "reinstated",
        raw::EventKind::Reduced => "reduced",
        raw::EventKind::Upheld => "upheld",
    }
}

fn valid_jurisdiction(j: &str) -> bool {
    let (country, sub) = match j.split_once('-') {
        Some((c, s)) => (c, Some(s)),
        None => (j, None),
    };
    country.len() == 2
        && country.chars().all(|c| c.is_ascii_uppercase())
        && sub.is_none_or(|s| {
            (1..=3).contains(&s.len())
                && s.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jurisdictions() {
        assert!(valid_jurisdiction("FR"));
        assert!(valid_jurisdiction("EU"));
        assert!(valid_jurisdiction("US-IL"));
        assert!(!valid_jurisdiction("fr"));
        assert!(!valid_jurisdiction("FRA"));
        assert!(!valid_jurisdiction("US-"));
    }

    #[test]
    fn not_utf8_points_at_the_first_bad_byte() {
        let d = load_case_bytes(Path::new("x.toml"), b"[case]\nid = \"caf\xe9\"\n").unwrap_err();
        assert_eq!(d.len(), 1);
        let d = &d[0];
        // `id = "caf` is 9 characters: the bad byte is in column 10 of line 2.
        assert_eq!(d.position, Some((2, 10)));
        assert!(d.message.contains("0xE9"), "{}", d.message);
    }
}
