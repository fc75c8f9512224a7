//! The chart's events: numbered markers in lanes above the plot, each with a guide down to
//! it, and the legend below that names the layers and lists the events one a line.

use super::canvas::{Anchor, Canvas, fit, n, width, wrap};
use super::{
    EVENT_LINE, LANE, LAYERS, LINE, NUMBER, PAD, PROJECTION, RADIUS, Scale, TEXT, WIDTH, mark_color,
};
use crate::history::{History, Mark, MarkKind};
use rust_decimal::prelude::ToPrimitive;

/// Each marker's x and lane: the first lane where it clears the marker before it.
pub(super) fn lanes(marks: &[&Mark], probe: &Scale) -> (Vec<(f64, usize)>, f64) {
    let mut lane_ends: Vec<f64> = Vec::new();
    let mut placed: Vec<(f64, usize)> = Vec::with_capacity(marks.len());
    for m in marks {
        let x = probe.x(m.date);
        let lane = match lane_ends.iter().position(|&end| x - RADIUS >= end + 2.0) {
            Some(l) => l,
            None => {
                lane_ends.push(f64::MIN);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = x + RADIUS;
        placed.push((x, lane));
    }
    (placed, lane_ends.len().to_f64().unwrap_or(0.0))
}

/// The markers in their lanes, each with a guide down to the plot.
pub(super) fn markers(
    c: &mut Canvas,
    marks: &[&Mark],
    scale: &Scale,
    placed: &[(f64, usize)],
    band_top: f64,
) {
    let plot_bottom = scale.top + scale.height;
    for (i, (m, (x, lane))) in marks.iter().zip(placed).enumerate() {
        let cy = band_top + RADIUS + LANE * lane.to_f64().unwrap_or(0.0);
        let color = mark_color(m.kind);
        c.shape(&format!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{color}\" stroke-opacity=\"0.5\" stroke-dasharray=\"3 3\" stroke-width=\"1\"/>",
            n(cy + RADIUS),
            n(plot_bottom),
            x = n(*x)
        ));
        marker(c, *x, cy, i + 1, m.kind, color);
    }
}

/// The legend under the dates: the layers in a row, then the events one a line; returns
/// the panel's bottom.
pub(super) fn legend(
    c: &mut Canvas,
    h: &History,
    marks: &[&Mark],
    hidden: usize,
    lowest: f64,
) -> f64 {
    let mut ly = lowest + 28.0;
    let mut lx = PAD;
    for (name, color) in LAYERS.iter().copied().chain(
        h.projects()
            .then_some(("projection (after today)", PROJECTION)),
    ) {
        c.shape(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"{color}\" fill-opacity=\"0.85\"/>",
            n(lx),
            n(ly - 9.0)
        ));
        c.text(lx + 18.0, ly, TEXT, Anchor::Start, name, "class=\"legend\"");
        lx += 18.0 + width(name, TEXT) + 18.0;
    }
    for (i, m) in marks.iter().enumerate() {
        ly += EVENT_LINE;
        let color = mark_color(m.kind);
        marker(c, PAD + RADIUS, ly - 4.0, i + 1, m.kind, color);
        let words = format!("{}  {}", m.date, m.words);
        let x = PAD + 2.0 * RADIUS + 8.0;
        let attrs = format!("class=\"event\" data-kind=\"{}\"", m.kind.name());
        for (j, line) in wrap(&words, TEXT, WIDTH - PAD - x).iter().enumerate() {
            if j > 0 {
                ly += LINE - 2.0;
            }
            c.text(x, ly, TEXT, Anchor::Start, line, &attrs);
        }
    }
    if hidden > 0 {
        ly += EVENT_LINE;
        let note = format!(
            "{hidden} more events are not marked: a chart marks at most {MARKS_MAX}, liquidations and fines first."
        );
        c.text(
            PAD,
            ly,
            TEXT,
            Anchor::Start,
            &fit(&note, TEXT, WIDTH - 2.0 * PAD),
            "class=\"hidden-events\"",
        );
    }
    ly + PAD + 8.0
}

/// The most events a panel marks: past it, a legend would outgrow the chart.
pub const MARKS_MAX: usize = 99;

/// The events a panel marks, in date order, and how many it leaves out: at most
/// [`MARKS_MAX`], those that move the figures most first (liquidations, fines, their
/// events, compliance and lifting, deadline changes, caps), each kind from its first day.
pub(super) fn shown_marks(marks: &[Mark]) -> (Vec<&Mark>, usize) {
    if marks.len() <= MARKS_MAX {
        return (marks.iter().collect(), 0);
    }
    let rank = |k: MarkKind| match k {
        MarkKind::Liquidation => 0,
        MarkKind::Fine => 1,
        MarkKind::LiquidationEvent | MarkKind::FineEvent => 2,
        MarkKind::Compliance | MarkKind::Lifted => 3,
        MarkKind::DeadlineChange => 4,
        MarkKind::CapReached => 5,
        MarkKind::FirstDayOfDelay => 6,
        MarkKind::Measurement => 7,
    };
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| (rank(marks[i].kind), i));
    order.truncate(MARKS_MAX);
    order.sort_unstable();
    (
        order.iter().map(|&i| &marks[i]).collect(),
        marks.len() - MARKS_MAX,
    )
}

/// A numbered marker centred on (`x`, `y`).
fn marker(c: &mut Canvas, x: f64, y: f64, number: usize, kind: MarkKind, color: &str) {
    let r = RADIUS;
    c.shape(&format!(
        "<circle class=\"marker\" data-kind=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{color}\" stroke-width=\"1.5\"/>",
        kind.name(),
        n(x),
        n(y),
        n(r)
    ));
    c.text(
        x,
        y + NUMBER * 0.35,
        NUMBER,
        Anchor::Middle,
        &number.to_string(),
        &format!("fill=\"{color}\" class=\"marker-number\""),
    );
}
