//! `[[order]]` tables: rates, suspensions, compliance, violations and liquidations.

use super::{Validator, per_name};
use crate::case::raw::{self, Date, RawOrder, RawPeriod};
use crate::case::{Order, Period, PeriodEnd, RateChange, Start, Violation};
use chrono::NaiveDate;
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

    pub(super) fn order(&mut self, o: &RawOrder, span: Range<usize>) -> Option<Order> {
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

        let liquidations = self.liquidations(&o.liquidation, &known, start.is_some());

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
            liquidations,
            reference: o.reference.clone(),
            span,
        })
    }
}
