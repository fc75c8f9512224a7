//! Reading case files: paths and directories into files, text into `raw` types, and `raw`
//! types into a validated `Case`, collecting every error of a file in one pass.

use super::raw::{self, Amount, Date, RawFile, RawOrder, RawPeriod};
use super::{
    Case, Check, Diagnostic, Diagnostics, ExpectTarget, Expected, Fine, FineEvent, Liquidation,
    Order, Payment, Period, PeriodEnd, RateChange, Start, StartRule, Violation,
};
use crate::calendar::{self, Grace};
use crate::fx::Currency;
use chrono::NaiveDate;
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

/// The earliest date accepted in a case file.
const MIN_YEAR: i32 = 1900;

/// Expands files and directories (recursively, `*.toml`) into a sorted list of files.
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
                let mut visited = BTreeSet::new();
                walk(path, &mut files, &mut visited, &mut errors);
                if files.len() == before {
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

fn io_message(e: &std::io::Error, not_found: &str) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => not_found.to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
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
            errors.push(Diagnostic::file(dir, io_message(&e, "broken link")));
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
                io_message(&e, "cannot read directory"),
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
        match std::fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => walk(&child, files, visited, errors),
            Ok(_) if child.extension().is_some_and(|e| e == "toml") => {
                files.insert(child);
            }
            Ok(_) => {}
            Err(e) if child.extension().is_some_and(|e| e == "toml") => {
                errors.push(Diagnostic::file(&child, io_message(&e, "broken link")));
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
    for r in results {
        match r {
            Ok(c) => cases.push(c),
            Err(mut e) => errors.append(&mut e),
        }
    }
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for case in &cases {
        if let Some(first) = seen.get(&case.id) {
            let span = find_case_id_span(&case.path);
            errors.push(case.diagnostic(
                span,
                format!(
                    "duplicate case id \"{}\": already used by {}",
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

fn find_case_id_span(path: &Path) -> Range<usize> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|source| toml::from_str::<RawFile>(&source).ok())
        .map_or(0..0, |f| f.case.get_ref().id.span())
}

fn load_file(path: &Path) -> Result<Case, Vec<Diagnostic>> {
    let bytes = read_bounded(path).map_err(|d| vec![d])?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let mut d =
                Diagnostic::file(path, "the file is not valid UTF-8 text (save it as UTF-8)");
            d.position = Some((line, col));
            return Err(vec![d]);
        }
    };
    load_case_str(path, &text)
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let file = std::fs::File::open(path)
        .map_err(|e| Diagnostic::file(path, io_message(&e, "no such file")))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::file(path, io_message(&e, "cannot read file")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::file(
            path,
            format!(
                "the file is larger than {} MiB, too large for a case file",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(bytes)
}

/// Parses and validates the text of one case file.
pub fn load_case_str(path: &Path, text: &str) -> Result<Case, Vec<Diagnostic>> {
    let raw: RawFile = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let message = humanize_toml_error(e.message());
            return Err(vec![match e.span() {
                Some(span) => Diagnostic::at(path, text, span, message),
                None => Diagnostic::file(path, message),
            }]);
        }
    };
    let mut v = Validator {
        path,
        source: text,
        errors: Vec::new(),
    };
    let case = v.case(raw);
    match case {
        Some(c) if v.errors.is_empty() => Ok(c),
        _ => Err(v.errors),
    }
}

/// Rewrites serde's messages into the project's style, with a suggestion for a misspelt key.
fn humanize_toml_error(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((key, expected)) = rest.split_once('`') {
            let candidates: Vec<&str> = expected
                .split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 1)
                .map(|(_, s)| s)
                .collect();
            let best = candidates
                .iter()
                .map(|c| (strsim::damerau_levenshtein(key, c), *c))
                .filter(|(d, c)| *d <= 2.max(c.len() / 3))
                .min();
            let known = candidates
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            return match best {
                Some((_, c)) => format!("unknown key \"{key}\" (did you mean \"{c}\"?)"),
                None => format!("unknown key \"{key}\", expected one of {known}"),
            };
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        if let Some((key, _)) = rest.split_once('`') {
            return format!("missing required key \"{key}\"");
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        if let Some((value, expected)) = rest.split_once('`') {
            let expected = expected
                .trim_start_matches(", expected ")
                .replace('`', "\"");
            return format!("unknown value \"{value}\", expected {expected}");
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return format!("wrong type: {}", rest.replace('`', "\""));
    }
    message.replace('`', "\"")
}

struct Validator<'a> {
    path: &'a Path,
    source: &'a str,
    errors: Vec<Diagnostic>,
}

impl Validator<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors
            .push(Diagnostic::at(self.path, self.source, span, message));
    }

    fn date(&mut self, d: &Spanned<Date>, key: &str) -> NaiveDate {
        let date = d.get_ref().0;
        if chrono::Datelike::year(&date) < MIN_YEAR {
            self.error(
                d.span(),
                format!(
                    "{key} {date} is before {MIN_YEAR}: expected a date from {MIN_YEAR} to 9999"
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

    fn case(&mut self, raw: RawFile) -> Option<Case> {
        let header = raw.case.into_inner();
        let id = non_empty(self, &header.id, "case id");
        let company = non_empty(self, &header.company, "company");
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

        let mut ids: BTreeMap<String, &'static str> = BTreeMap::new();
        let mut fines = Vec::with_capacity(raw.fine.len());
        for f in &raw.fine {
            if let Some(fine) = self.fine(f.get_ref()) {
                self.unique_id(&mut ids, &f.get_ref().id, "fine");
                fines.push(fine);
            }
        }
        let mut orders = Vec::with_capacity(raw.order.len());
        for o in &raw.order {
            if let Some(order) = self.order(o.get_ref(), o.span()) {
                self.unique_id(&mut ids, &o.get_ref().id, "order");
                orders.push(order);
            }
        }
        let payments = self.payments(&raw.payment, &fines, &orders, &ids);
        let expects = self.expects(&raw.expect, &ids);

        Some(Case {
            path: self.path.to_path_buf(),
            id,
            company,
            jurisdiction,
            authority: header.authority,
            reference: header.reference,
            currency: currency?,
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
        ids: &mut BTreeMap<String, &'static str>,
        id: &Spanned<String>,
        what: &'static str,
    ) {
        if let Some(first) = ids.get(id.get_ref()) {
            self.error(
                id.span(),
                format!(
                    "duplicate id \"{}\": a {first} of this case already has it (fines and orders share one set of ids)",
                    id.get_ref()
                ),
            );
        } else {
            ids.insert(id.get_ref().clone(), what);
        }
    }

    fn fine(&mut self, f: &raw::RawFine) -> Option<Fine> {
        let id = non_empty(self, &f.id, "fine id");
        let amount = self.positive(&f.amount, "amount");
        let decided = self.date(&f.decided, "decided");
        let due = self.opt_date(&f.due, "due");
        if let (Some(due_date), Some(span)) = (due, f.due.as_ref().map(|d| d.span())) {
            if due_date < decided {
                self.error(
                    span,
                    format!("due {due_date} is before the decision of {decided}"),
                );
            }
        }
        let mut events = Vec::with_capacity(f.event.len());
        let mut last: Option<NaiveDate> = None;
        for e in &f.event {
            let e = e.get_ref();
            let date = self.date(&e.date, "date");
            if date < decided {
                self.error(
                    e.date.span(),
                    format!("event dated {date} is before the fine was decided on {decided}"),
                );
            }
            if let Some(prev) = last {
                if date < prev {
                    self.error(
                        e.date.span(),
                        format!("events must be in date order: {date} comes after {prev}"),
                    );
                }
            }
            last = Some(date);
            let kind = *e.kind.get_ref();
            let amount = match (&e.amount, kind) {
                (Some(a), raw::EventKind::Reduced) => Some(self.positive(a, "amount")),
                (None, raw::EventKind::Reduced) => {
                    self.error(e.kind.span(), "a \"reduced\" event needs the new amount");
                    None
                }
                (Some(a), _) => {
                    self.error(a.span(), "only a \"reduced\" event takes an amount");
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
        Some(Fine {
            id,
            amount,
            decided,
            due,
            reference: f.reference.clone(),
            legal_basis: f.legal_basis.as_ref().map(|b| b.get_ref().clone()),
            events,
        })
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
                    "a period ends with exactly one of \"through\" (last day counted) or \"until\" (first day not counted), not both",
                );
                return None;
            }
            (None, None) => {
                self.error(
                    span,
                    "a period needs \"through\" (last day counted) or \"until\" (first day not counted)",
                );
                return None;
            }
            (Some(t), None) => (
                self.date(t, "through").succ_opt()?,
                PeriodEnd::Through,
                t.span(),
            ),
            (None, Some(u)) => (self.date(u, "until"), PeriodEnd::Until, u.span()),
        };
        if end <= start {
            self.error(
                end_span,
                format!("the period ends before it starts (from {start})"),
            );
            return None;
        }
        Some(Period {
            from: start,
            until: end,
            written,
        })
    }

    fn order(&mut self, o: &RawOrder, span: Range<usize>) -> Option<Order> {
        let id = non_empty(self, &o.id, "order id");
        let decided = self.opt_date(&o.decided, "decided");
        let notified = self.opt_date(&o.notified, "notified");
        if let (Some(dec), Some(n)) = (decided, &o.notified) {
            if n.get_ref().0 < dec {
                self.error(
                    n.span(),
                    format!("notified {} is before the decision of {dec}", n.get_ref().0),
                );
            }
        }
        let holidays: Vec<NaiveDate> = o.holidays.iter().map(|h| self.date(h, "holiday")).collect();
        let extend = o
            .extend
            .as_ref()
            .is_some_and(|e| *e.get_ref() == raw::Extend::NextBusinessDay);
        if !holidays.is_empty() && !extend {
            self.error(
                o.holidays[0].span(),
                "holidays only matter with extend = \"next-business-day\"",
            );
        }
        let start = self.start(o, decided, notified, extend, &holidays)?;

        let per = o.per.as_ref().map_or(raw::Per::Day, |p| *p.get_ref());
        let count = match &o.count {
            Some(c) if !matches!(per, raw::Per::Week | raw::Per::Month | raw::Per::Semester) => {
                self.error(
                    c.span(),
                    "count applies only to per = \"week\", \"month\" or \"semester\"",
                );
                *c.get_ref()
            }
            Some(c) => *c.get_ref(),
            None => raw::Count::Started,
        };
        let rate = o.rate.as_ref().map(|r| self.positive(r, "rate"));
        if rate.is_none() && start != Start::Unknown {
            self.error(
                o.id.span(),
                format!(
                    "order \"{id}\" needs a rate (only an order whose start is unknown may omit it)"
                ),
            );
        }
        let mut rate_changes = Vec::with_capacity(o.rate_change.len());
        for rc in &o.rate_change {
            let rc = rc.get_ref();
            let from = self.date(&rc.from, "from");
            let rate = self.positive(&rc.rate, "rate");
            if let Some(prev) = rate_changes.last().map(|r: &RateChange| r.from) {
                if from <= prev {
                    self.error(
                        rc.from.span(),
                        format!("rate changes must be in increasing date order: {from} is not after {prev}"),
                    );
                }
            }
            if let Some(first) = start.first_day() {
                if from <= first {
                    self.error(
                        rc.from.span(),
                        format!("a rate change must come after the first day of delay ({first}); set rate instead"),
                    );
                }
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
        suspensions.sort_by_key(|(p, _)| p.from);
        for pair in suspensions.windows(2) {
            if pair[1].0.from < pair[0].0.until {
                self.error(
                    pair[1].1.clone(),
                    format!("suspension {} overlaps suspension {}", pair[1].0, pair[0].0),
                );
            }
        }
        let complied = self.opt_date(&o.complied, "complied");
        let lifted = self.opt_date(&o.lifted, "lifted");
        for (key, value) in [("complied", &o.complied), ("lifted", &o.lifted)] {
            if let (Some(v), Some(dec)) = (value, decided) {
                if v.get_ref().0 < dec {
                    self.error(
                        v.span(),
                        format!("{key} {} is before the decision of {dec}", v.get_ref().0),
                    );
                }
            }
        }

        let mut violations = Vec::with_capacity(o.violation.len());
        if per != raw::Per::Violation {
            if let Some(v) = o.violation.first() {
                self.error(
                    v.span(),
                    "violations are recorded only on an order with per = \"violation\"",
                );
            }
        }
        for v in &o.violation {
            let v = v.get_ref();
            let count = v.count.as_ref().map_or(1, |c| *c.get_ref());
            if let Some(c) = &v.count {
                if count == 0 {
                    self.error(c.span(), "a violation count must be at least 1");
                }
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
            let amount = r.amount.as_ref().map(|a| self.positive(a, "amount"));
            if let Some(window) = self.period(l.span(), &r.from, &r.through, &r.until) {
                if decided_on < window.from {
                    self.error(
                        r.decided.span(),
                        format!(
                            "liquidation decided on {decided_on}, before its window starts on {}",
                            window.from
                        ),
                    );
                }
                if window.until > decided_on.succ_opt().unwrap_or(decided_on) {
                    self.error(
                        r.decided.span(),
                        format!(
                            "liquidation decided on {decided_on}, before its window ends ({}): only days already passed can be liquidated",
                            window.last_day()
                        ),
                    );
                }
                if let Some(first) = start.first_day() {
                    if window.from < first {
                        self.error(
                            r.from.span(),
                            format!(
                                "liquidation window starts on {}, before the first day of delay ({first})",
                                window.from
                            ),
                        );
                    }
                } else {
                    self.error(
                        r.from.span(),
                        "a liquidation needs an order whose first day of delay is known",
                    );
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
        }
        liquidations.sort_by_key(|(l, _)| l.window.from);
        for pair in liquidations.windows(2) {
            if pair[1].0.window.from < pair[0].0.window.until {
                self.error(
                    pair[1].1.clone(),
                    format!(
                        "liquidation window {} overlaps liquidation window {}",
                        pair[1].0.window, pair[0].0.window
                    ),
                );
            }
        }

        Some(Order {
            id,
            description: o.description.clone(),
            start,
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

    fn start(
        &mut self,
        o: &RawOrder,
        decided: Option<NaiveDate>,
        notified: Option<NaiveDate>,
        extend: bool,
        holidays: &[NaiveDate],
    ) -> Option<Start> {
        let given: Vec<&str> = [
            ("starts", o.starts.is_some()),
            ("deadline", o.deadline.is_some()),
            ("grace", o.grace.is_some()),
        ]
        .iter()
        .filter(|(_, present)| *present)
        .map(|(k, _)| *k)
        .collect();
        if given.len() > 1 {
            self.error(
                o.id.span(),
                format!(
                    "give exactly one of starts, deadline or grace, found {}",
                    given.join(" and ")
                ),
            );
            return None;
        }
        let extend_to = |d: NaiveDate| {
            if extend {
                calendar::next_business_day(d, holidays)
            } else {
                Some(d)
            }
        };
        if let Some(s) = &o.starts {
            let first_day = self.date(s, "starts");
            if let Some(e) = &o.extend {
                self.error(
                    e.span(),
                    "extend applies to a deadline or a grace period, not to starts",
                );
            }
            if let Some(dec) = decided {
                if first_day <= dec {
                    self.error(
                        s.span(),
                        format!("starts {first_day} is not after the decision of {dec}"),
                    );
                }
            }
            return Some(Start::Known {
                first_day,
                rule: StartRule::Starts,
            });
        }
        if let Some(d) = &o.deadline {
            let written = self.date(d, "deadline");
            if let Some(dec) = decided {
                if written < dec {
                    self.error(
                        d.span(),
                        format!("deadline {written} is before the decision of {dec}"),
                    );
                }
            }
            let deadline = extend_to(written)?;
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
            let Some(computed) = grace.deadline(from) else {
                self.error(g.span(), "the grace period ends beyond the year 9999");
                return None;
            };
            let deadline = extend_to(computed)?;
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
            self.error(e.span(), "extend applies to a deadline or a grace period");
        }
        Some(Start::Unknown)
    }

    fn payments(
        &mut self,
        raw: &[Spanned<raw::RawPayment>],
        fines: &[Fine],
        orders: &[Order],
        ids: &BTreeMap<String, &'static str>,
    ) -> Vec<Payment> {
        let mut payments = Vec::with_capacity(raw.len());
        let mut totals: BTreeMap<String, (Decimal, Range<usize>)> = BTreeMap::new();
        for p in raw {
            let p = p.get_ref();
            let date = self.date(&p.date, "date");
            let amount = self.positive(&p.amount, "amount");
            let target = p.applies_to.get_ref();
            if !ids.contains_key(target) {
                let known: Vec<String> = ids.keys().map(|k| format!("\"{k}\"")).collect();
                self.error(
                    p.applies_to.span(),
                    format!(
                        "payment applies to \"{target}\", which names no fine or order of this case (known ids: {})",
                        if known.is_empty() { "none".to_string() } else { known.join(", ") }
                    ),
                );
                continue;
            }
            let entry = totals
                .entry(target.clone())
                .or_insert((Decimal::ZERO, p.amount.span()));
            entry.0 = entry.0.saturating_add(amount);
            entry.1 = p.amount.span();
            payments.push(Payment {
                date,
                amount,
                applies_to: target.clone(),
                reference: p.reference.clone(),
            });
        }
        for (target, (paid, span)) in totals {
            let payable = if let Some(f) = fines.iter().find(|f| f.id == target) {
                f.events
                    .iter()
                    .filter_map(|e| e.amount)
                    .fold(f.amount, Decimal::max)
            } else if let Some(o) = orders.iter().find(|o| o.id == target) {
                match crate::accrue::liquidated_total(o) {
                    Ok(total) => total,
                    Err(e) => {
                        self.error(o.span.clone(), e.to_string());
                        continue;
                    }
                }
            } else {
                continue;
            };
            if paid > payable {
                self.error(
                    span,
                    format!(
                        "payments to \"{target}\" total {paid}, more than the {payable} it amounts to"
                    ),
                );
            }
        }
        payments
    }

    fn expects(
        &mut self,
        raw: &[Spanned<raw::RawExpect>],
        ids: &BTreeMap<String, &'static str>,
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
                (Some(o), None) => {
                    if ids.get(o.get_ref()) != Some(&"order") {
                        self.error(
                            o.span(),
                            format!("no order \"{}\" in this case", o.get_ref()),
                        );
                        continue;
                    }
                    ExpectTarget::Order(o.get_ref().clone())
                }
                (None, Some(f)) => {
                    if ids.get(f.get_ref()) != Some(&"fine") {
                        self.error(
                            f.span(),
                            format!("no fine \"{}\" in this case", f.get_ref()),
                        );
                        continue;
                    }
                    ExpectTarget::Fine(f.get_ref().clone())
                }
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
                checks.push(Check {
                    field: "days",
                    expected: Expected::Days(*d.get_ref()),
                    span: d.span(),
                });
            }
            if let Some(d) = &e.cap_reached {
                checks.push(Check {
                    field: "cap_reached",
                    expected: Expected::Date(d.get_ref().0),
                    span: d.span(),
                });
            }
            if let Some(s) = &e.status {
                let status = s.get_ref().as_str();
                if !matches!(status, "enforceable" | "contested" | "annulled") {
                    self.error(
                        s.span(),
                        format!("expected a status of \"enforceable\", \"contested\" or \"annulled\", found \"{status}\""),
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
                self.error(span, "an assertion needs at least one figure to compare");
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
}

fn non_empty(v: &mut Validator<'_>, s: &Spanned<String>, what: &str) -> String {
    if s.get_ref().trim().is_empty() {
        v.error(s.span(), format!("{what} must not be empty"));
    }
    s.get_ref().clone()
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
    fn unknown_key_suggests_the_closest() {
        assert_eq!(
            humanize_toml_error("unknown field `rat`, expected one of `id`, `rate`, `per`"),
            "unknown key \"rat\" (did you mean \"rate\"?)"
        );
        assert_eq!(
            humanize_toml_error("unknown field `zzzzzz`, expected `id` or `rate`"),
            "unknown key \"zzzzzz\", expected one of \"id\", \"rate\""
        );
    }

    #[test]
    fn jurisdictions() {
        assert!(valid_jurisdiction("FR"));
        assert!(valid_jurisdiction("EU"));
        assert!(valid_jurisdiction("US-IL"));
        assert!(!valid_jurisdiction("fr"));
        assert!(!valid_jurisdiction("FRA"));
        assert!(!valid_jurisdiction("US-"));
    }
}
