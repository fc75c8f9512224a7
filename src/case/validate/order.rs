//! `[[order]]` tables: rates, suspensions, compliance, violations and liquidations.

use super::{MAX_YEAR, Validator, per_name};
use crate::case::raw::{self, Date, RawOrder, RawPeriod};
use crate::case::{Order, Period, PeriodEnd, RateChange, Start, Violation};
use chrono::{Datelike, NaiveDate};
use std::ops::Range;
use toml::Spanned;

impl Validator<'_> {
    pub(super) fn period(
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
                let Some(end) = last.succ_opt().filter(|d| d.year() <= MAX_YEAR) else {
                    self.error(
                        t.span(),
                        format!(
                            "through {last} puts the first day after the period in the year {}, after {MAX_YEAR}-12-31, the last date a case may reach: end the period by {MAX_YEAR}-12-30",
                            MAX_YEAR + 1
                        ),
                    );
                    return None;
                };
                (end, PeriodEnd::Through, t.span())
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
    pub(super) fn overlaps(&mut self, what: &str, periods: &[(Period, Range<usize>)]) {
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

    /// A violation's `count`: 1 when not given, else a whole number from 1 to `u32::MAX`.
    fn violation_count(&mut self, count: Option<&Spanned<i64>>) -> u32 {
        let Some(c) = count else { return 1 };
        match u32::try_from(*c.get_ref()) {
            Ok(n) if n >= 1 => n,
            _ => {
                self.error(
                    c.span(),
                    format!(
                        "count must be a whole number from 1 to {}, found {}",
                        u32::MAX,
                        c.get_ref()
                    ),
                );
                1
            }
        }
    }

    pub(super) fn order(&mut self, o: &RawOrder, span: Range<usize>) -> Option<Order> {
        let id = self.identifier(&o.id, "order id");
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
        let deadline_changes = self.deadline_changes(o, decided, extend, &holidays);
        if known == Start::Unknown
            && start.is_some()
            && let Some(c) = o.deadline_change.first()
        {
            self.error(
                c.span(),
                "a deadline change needs the order's own starts, deadline or grace to change",
            );
        }

        let per = o.per.as_ref().map_or(raw::Per::Day, |p| *p.get_ref());
        let count = match &o.count {
            Some(c)
                if !matches!(
                    per,
                    raw::Per::Week
                        | raw::Per::Month
                        | raw::Per::Quarter
                        | raw::Per::Semester
                        | raw::Per::Year
                ) =>
            {
                self.error(
                    c.span(),
                    format!(
                        "count applies only to per = \"week\", \"month\", \"quarter\", \"semester\" or \"year\", found per = \"{}\"",
                        per_name(per)
                    ),
                );
                *c.get_ref()
            }
            Some(c) => *c.get_ref(),
            None => raw::Count::Started,
        };
        // With measured adjustments, the base rate may be zero: "EUR 624,150 per 1 % of
        // non-compliant areas" is all adjustment.
        let adjusted = !o.adjustment.is_empty();
        let rate = o.rate.as_ref().map(|r| {
            if adjusted {
                self.not_negative(r, "rate")
            } else {
                self.positive(r, "rate")
            }
        });
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
            let rate = if adjusted {
                self.not_negative(&rc.rate, "rate")
            } else {
                self.positive(&rc.rate, "rate")
            };
            let rc_decided = self.opt_date(&rc.decided, "decided");
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
            rate_changes.push(RateChange {
                from,
                rate,
                decided: rc_decided,
            });
        }
        let cap = o.cap.as_ref().map(|c| self.positive(c, "cap"));

        let mut suspensions: Vec<(Period, Range<usize>)> = Vec::with_capacity(o.suspension.len());
        let mut suspensions_decided = Vec::with_capacity(o.suspension.len());
        for s in &o.suspension {
            let r: &RawPeriod = s.get_ref();
            let decided_on = self.opt_date(&r.decided, "decided");
            if let Some(p) = self.period(s.span(), &r.from, &r.through, &r.until) {
                suspensions.push((p, r.from.span()));
                suspensions_decided.push((p.from, decided_on));
            }
        }
        self.overlaps("suspension", &suspensions);
        suspensions.sort_by_key(|(p, _)| p.from);
        suspensions_decided.sort_by_key(|(from, _)| *from);
        let suspensions_decided: Vec<Option<NaiveDate>> =
            if suspensions_decided.iter().all(|(_, d)| d.is_none()) {
                Vec::new()
            } else {
                suspensions_decided.into_iter().map(|(_, d)| d).collect()
            };
        let complied = self.opt_date(&o.complied, "complied");
        let lifted = self.opt_date(&o.lifted, "lifted");
        // Compliance before the decision is valid: the penalty never accrues. Lifting an
        // order before it was decided is a mistake.
        for (key, value) in [("lifted", &o.lifted)] {
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
            let count = self.violation_count(v.count.as_ref());
            violations.push(Violation {
                date: self.date(&v.date, "date"),
                count,
            });
        }
        violations.sort_by_key(|v| v.date);

        let liquidations = self.liquidations(&o.liquidation, &known, start.is_some());

        let (adjustments, measurements) = self.measures(o, per);
        let ceiling = o.ceiling.as_ref().is_some_and(|c| *c.get_ref());
        let interest = self.interest_regime(&o.interest);
        let limitation = self.limitation_rule(&o.limitation);
        let collections = self.collections(&o.collection, decided);
        if let Some(c) = o.ceiling.as_ref().filter(|c| *c.get_ref())
            && matches!(per, raw::Per::Violation | raw::Per::Once)
        {
            self.error(
                c.span(),
                format!(
                    "ceiling applies to a rate per day, week, month, quarter, semester or year, found per = \"{}\"",
                    per_name(per)
                ),
            );
        }

        Some(Order {
            id,
            description: o.description.clone(),
            decided,
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
            liquidations,
            amendments: {
                let a = crate::case::Amendments {
                    suspensions_decided,
                    deadline_changes,
                    adjustments,
                    measurements,
                    collections,
                    terms: crate::case::DebtTerms {
                        interest,
                        limitation,
                    },
                };
                (!a.is_empty()).then(|| Box::new(a))
            },
            ceiling,
            reference: o.reference.clone(),
            span,
        })
    }
}
