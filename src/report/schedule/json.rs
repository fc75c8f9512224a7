//! The schedule as a versioned JSON object, each entry written as it is made.

use super::{event_words, per_name, plain_amount};
use crate::case::Per;
use crate::report::Meta;
use crate::schedule::{Entry, Event, EventKind, OrderTimeline, Row, Timeline};
use serde::Serialize;

/// Version of the JSON schedule object; bumped when a field changes meaning or goes away.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct JsonSchedule<'a> {
    schema: u32,
    kind: &'static str,
    case: &'a str,
    currency: &'a str,
    as_of: String,
    projection: bool,
    overrides: &'a [String],
    every: &'static str,
    orders: JsonOrders<'a>,
}

/// The orders, each laid out as it is serialized.
struct JsonOrders<'a>(&'a [OrderTimeline<'a>]);

impl Serialize for JsonOrders<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(json_order))
    }
}

/// An order's entries, each made and written in turn.
struct JsonEntries<'a>(&'a OrderTimeline<'a>);

impl Serialize for JsonEntries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(None)?;
        for e in self.0.entries() {
            let wire = match e.map_err(S::Error::custom)? {
                Entry::Row(r) => json_row(&r),
                Entry::Event(ev) => json_event(&ev, self.0.per),
            };
            seq.serialize_element(&wire)?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct JsonOrder<'a> {
    id: &'a str,
    per: &'static str,
    cap: Option<String>,
    first_day: Option<String>,
    from: Option<String>,
    to: Option<String>,
    entries: JsonEntries<'a>,
    summary: JsonSummary,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum JsonEntry {
    Period {
        from: String,
        through: String,
        rate: String,
        days: i64,
        amount: String,
        cumulative: String,
        status: &'static str,
    },
    Event {
        date: String,
        event: &'static str,
        description: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        rate: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cap: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        liquidation: Option<Box<JsonLiquidation>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        values: Option<std::collections::BTreeMap<String, String>>,
    },
}

#[derive(Serialize)]
struct JsonLiquidation {
    decided: String,
    reference: Option<String>,
    from: String,
    through: String,
    days: i64,
    computed: String,
    ordered: Option<String>,
    amount: String,
    reduction: String,
    status: String,
}

#[derive(Serialize)]
struct JsonSummary {
    state: String,
    days: i64,
    accrued: String,
    liquidated: String,
    liquidated_days: i64,
    accruing: String,
    accruing_days: i64,
    cap_reached: Option<String>,
    run_rate: Option<String>,
    at_risk: Option<String>,
}

fn json_row(r: &Row) -> JsonEntry {
    JsonEntry::Period {
        from: r.from.to_string(),
        through: r.through().to_string(),
        rate: plain_amount(r.rate),
        days: r.days,
        amount: plain_amount(r.amount),
        cumulative: plain_amount(r.cumulative),
        status: r.status.name(),
    }
}

fn json_event(ev: &Event, per: Per) -> JsonEntry {
    let (mut rate, mut cap, mut liquidation) = (None, None, None);
    let (mut reference, mut values) = (None, None);
    match &ev.kind {
        EventKind::RateChange(r) => rate = Some(plain_amount(*r)),
        EventKind::CapReached(c) => cap = Some(plain_amount(*c)),
        EventKind::DeadlineChange(c, _) => reference.clone_from(&c.reference),
        EventKind::Measurement(m) => {
            let wire = m
                .values
                .iter()
                .map(|(k, v)| (k.clone(), v.normalize().to_string()));
            values = Some(wire.collect());
        }
        EventKind::Liquidation(f) => {
            let l = &f.liquidation;
            let wire = JsonLiquidation {
                decided: l.decided.to_string(),
                reference: l.reference.clone(),
                from: l.window.from.to_string(),
                through: l.window.last_day().to_string(),
                days: f.days,
                computed: plain_amount(f.computed),
                ordered: l.amount.map(plain_amount),
                amount: plain_amount(f.amount),
                reduction: plain_amount(f.reduction),
                status: f.status.to_string(),
            };
            liquidation = Some(Box::new(wire));
        }
        _ => {}
    }
    JsonEntry::Event {
        date: ev.date.to_string(),
        event: ev.kind.name(),
        description: event_words(ev, per),
        rate,
        cap,
        liquidation,
        reference,
        values,
    }
}

fn json_order<'a>(o: &'a OrderTimeline<'a>) -> JsonOrder<'a> {
    let a = &o.accrual;
    JsonOrder {
        id: &o.id,
        per: per_name(o.per),
        cap: o.cap.map(plain_amount),
        first_day: o.first_day.map(|d| d.to_string()),
        from: o.from.map(|d| d.to_string()),
        to: o.to.map(|d| d.to_string()),
        entries: JsonEntries(o),
        summary: JsonSummary {
            state: a.state.to_string(),
            days: a.days,
            accrued: plain_amount(a.accrued),
            liquidated: plain_amount(a.liquidated),
            liquidated_days: a.liquidated_days,
            accruing: plain_amount(a.accruing),
            accruing_days: a.accruing_days,
            cap_reached: a.cap_reached.map(|d| d.to_string()),
            run_rate: a.run_rate.map(plain_amount),
            at_risk: a.at_risk.map(plain_amount),
        },
    }
}

/// Writes the schedule as a JSON object (`"schema": 1`, `"kind": "schedule"`), amounts as
/// strings so no precision is lost, each entry as it is made.
///
/// # Errors
///
/// When `out` cannot be written or an amount overflows.
pub fn json(t: &Timeline, meta: &Meta, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let doc = JsonSchedule {
        schema: SCHEMA,
        kind: "schedule",
        case: &t.case,
        currency: t.currency.code(),
        as_of: t.as_of.to_string(),
        projection: meta.projection,
        overrides: &meta.overrides,
        every: t.every.name(),
        orders: JsonOrders(&t.orders),
    };
    // The compute report's layout, which also escapes the control characters serde_json
    // writes raw (C1, DEL, bidirectional overrides).
    let pretty = crate::report::json::Pretty::default();
    doc.serialize(&mut serde_json::Serializer::with_formatter(
        &mut *out, pretty,
    ))?;
    out.write_all(b"\n")?;
    Ok(())
}
