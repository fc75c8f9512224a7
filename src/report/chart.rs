//! The exposure chart (`penalty schedule -o x.svg`, `penalty chart`): cumulative exposure
//! over time, stacked as fines, liquidated penalties (at the amounts decided) and accruing
//! penalties, from a `history::History` already computed. One panel per history: a case, a
//! company, or all the cases.
//!
//! Each panel has a title naming its subject, the currency and the as-of date; the figures of
//! its last day; date ticks on month, quarter or year boundaries with the first and last day
//! labelled; days after today shaded as a projection; and every event as a numbered marker
//! above the plot, listed in a legend below it. Markers stack in lanes so none covers
//! another, and every label is placed where it overlaps no other text (`canvas`).
//!
//! The SVG is written by hand, self-contained (no script, no external asset), so the HTML
//! report can hold it inline. Amounts stay `Decimal` everywhere else; here they become `f64`
//! only to place shapes. Every figure written as text is formatted from the decimals.

mod axis;
mod canvas;
mod markers;

use super::{Meta, format_amount};
use crate::history::{History, MarkKind, Point};
use axis::{amount_ticks, compact, date_ticks};
pub use canvas::{ASCENT, CHAR_WIDTH, DESCENT, TextBox};
use canvas::{Anchor, Canvas, fit, n, width, wrap};
use chrono::NaiveDate;
pub use markers::MARKS_MAX;
use markers::{lanes, legend, markers, shown_marks};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write as _;

/// Width of the picture, in pixels.
pub const WIDTH: f64 = 1000.0;
/// Left edge of the plot (room for the amount labels).
const LEFT: f64 = 84.0;
/// Right margin.
const RIGHT: f64 = 28.0;
/// Margin of the text at the panel's edges.
const PAD: f64 = 16.0;
/// Height of the plot.
const PLOT_HEIGHT: f64 = 300.0;
/// Height of a lane of markers.
const LANE: f64 = 22.0;
/// Radius of a marker.
const RADIUS: f64 = 9.0;
/// Font sizes.
const TITLE: f64 = 18.0;
const TEXT: f64 = 12.0;
const SMALL: f64 = 11.0;
const NUMBER: f64 = 10.0;
/// Line heights.
const LINE: f64 = 17.0;
const ROW: f64 = 16.0;
const EVENT_LINE: f64 = 21.0;

/// The layers, bottom to top: name, colour.
const LAYERS: [(&str, &str); 3] = [
    ("fines", "#4c72b0"),
    ("liquidated penalties (amounts decided)", "#dd8452"),
    ("accruing penalties (provisional)", "#e8c547"),
];
/// The shade of days after today.
const PROJECTION: &str = "#8c8c8c";

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// No history to draw.
    #[error("nothing to chart: no case has a fine, an order or an event by the last day")]
    Empty,
}

/// The colour of a marker.
fn mark_color(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Fine | MarkKind::FineEvent => "#4c72b0",
        MarkKind::Liquidation | MarkKind::LiquidationEvent => "#c44e00",
        MarkKind::DeadlineChange => "#8172b3",
        MarkKind::Measurement => "#555555",
        MarkKind::FirstDayOfDelay | MarkKind::CapReached => "#c42e2e",
        MarkKind::Compliance | MarkKind::Lifted => "#2e8b57",
    }
}

/// Draws the histories as one SVG document, a panel each, one under the other.
///
/// # Errors
///
/// When there is no history.
pub fn svg(histories: &[History], meta: &Meta) -> Result<String, ChartError> {
    let first = histories.first().ok_or(ChartError::Empty)?;
    let mut canvas = Canvas::default();
    let mut y = 0.0;
    for h in histories {
        y = panel(&mut canvas, h, meta, y);
    }
    let label = if histories.len() == 1 {
        format!(
            "Cumulative exposure of {} in {}, as of {}",
            first.subject, first.currency, first.as_of
        )
    } else {
        format!(
            "Cumulative exposure of {} groups in {}, as of {}",
            histories.len(),
            first.currency,
            first.as_of
        )
    };
    Ok(canvas.finish(WIDTH, y, &label))
}

/// The x of a day.
struct Scale {
    from: NaiveDate,
    days: f64,
    left: f64,
    width: f64,
    top: f64,
    height: f64,
    max: f64,
}

impl Scale {
    fn x(&self, d: NaiveDate) -> f64 {
        let since = (d - self.from).num_days();
        self.left + self.width * since.to_f64().unwrap_or(0.0) / self.days
    }

    fn y(&self, v: Decimal) -> f64 {
        let v = v.to_f64().unwrap_or(0.0);
        self.top + self.height - self.height * (v / self.max)
    }
}

/// Draws one panel from `top`; returns the y of its bottom.
fn panel(c: &mut Canvas, h: &History, meta: &Meta, top: f64) -> f64 {
    let y = header(c, h, meta, top);
    // The markers' lanes, above the plot; then the plot, its axes and its layers.
    let days = (h.to - h.from).num_days().max(1).to_f64().unwrap_or(1.0);
    let probe = Scale {
        from: h.from,
        days,
        left: LEFT,
        width: WIDTH - LEFT - RIGHT,
        top: 0.0,
        height: 1.0,
        max: 1.0,
    };
    let (marks, hidden) = shown_marks(&h.marks);
    let (placed, lanes) = lanes(&marks, &probe);
    let band_top = y + 10.0;
    let plot_top = band_top + lanes * LANE + 24.0;
    let max = h
        .points
        .iter()
        .map(Point::exposure)
        .max()
        .unwrap_or_default();
    let ticks = amount_ticks(max, 5);
    let top_value = ticks.last().copied().unwrap_or(Decimal::ONE);
    let scale = Scale {
        top: plot_top,
        height: PLOT_HEIGHT,
        max: top_value.to_f64().filter(|v| *v > 0.0).unwrap_or(1.0),
        ..probe
    };
    amount_axis(c, h, &scale, &ticks);
    layers(c, h, &scale);
    if h.projects() {
        projection(c, h, &scale);
    }
    let lowest = date_axis(c, h, &scale);
    markers(c, &marks, &scale, &placed, band_top);
    legend(c, h, &marks, hidden, lowest)
}

/// The title and the lines under it; returns the y of the last.
fn header(c: &mut Canvas, h: &History, meta: &Meta, top: f64) -> f64 {
    let text_room = WIDTH - 2.0 * PAD;
    let mut y = top + PAD + TITLE;
    let title = format!(
        "{}: cumulative exposure in {}, as of {}",
        h.subject, h.currency, h.as_of
    );
    c.text(
        PAD,
        y,
        TITLE,
        Anchor::Start,
        &fit(&title, TITLE, text_room),
        "font-weight=\"bold\" class=\"title\"",
    );
    let mut lines: Vec<(String, &str)> = Vec::new();
    if h.cases.len() > 1 || h.cases.first() != Some(&h.subject) {
        let noun = if h.cases.len() == 1 { "case" } else { "cases" };
        lines.push((
            format!("{} {noun}: {}", h.cases.len(), h.cases.join(", ")),
            "",
        ));
    }
    if let Some(last) = h.last() {
        let on = if h.to == h.as_of { "As of" } else { "On" };
        lines.push((figures_words(on, h, last), "class=\"figures\""));
    }
    if h.projects() {
        lines.push((
            format!(
                "Projection: days after today, {}, have not happened; they are shaded.",
                h.today
            ),
            "fill=\"#b00000\" class=\"projection-note\"",
        ));
    }
    for o in &meta.overrides {
        lines.push((format!("What-if: {o}"), "fill=\"#b00000\""));
    }
    if !meta.filters.is_empty() {
        lines.push((format!("Selected: {}", meta.filters.join(", ")), ""));
    }
    for (line, attrs) in &lines {
        for part in wrap(line, TEXT, text_room) {
            y += LINE;
            c.text(PAD, y, TEXT, Anchor::Start, &part, attrs);
        }
    }

    y
}

/// The amount grid and its labels, and the currency over them.
fn amount_axis(c: &mut Canvas, h: &History, scale: &Scale, ticks: &[Decimal]) {
    let (plot_top, right) = (scale.top, scale.left + scale.width);
    c.text(
        LEFT - 12.0,
        plot_top - 14.0,
        SMALL,
        Anchor::End,
        h.currency.code(),
        "class=\"unit\"",
    );
    for v in ticks {
        let ty = scale.y(*v);
        c.shape(&format!(
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#dddddd\" stroke-width=\"1\"/>",
            n(LEFT),
            n(right),
            y = n(ty)
        ));
        c.text_where_free(
            &[(LEFT - 6.0, ty + 4.0)],
            SMALL,
            Anchor::End,
            &compact(*v),
            "class=\"amount-label\"",
        );
    }
}

/// The layers stacked, the exposure's outline and the plot's frame.
fn layers(c: &mut Canvas, h: &History, scale: &Scale) {
    let sums: Vec<[Decimal; 4]> = h
        .points
        .iter()
        .map(|p| {
            let a = p.fines;
            let b = a + p.liquidated;
            [Decimal::ZERO, a, b, b + p.accruing]
        })
        .collect();
    for (i, (name, color)) in LAYERS.iter().enumerate() {
        let mut d = String::new();
        for (p, s) in h.points.iter().zip(&sums) {
            let _ = write!(d, "{},{} ", n(scale.x(p.date)), n(scale.y(s[i + 1])));
        }
        for (p, s) in h.points.iter().zip(&sums).rev() {
            let _ = write!(d, "{},{} ", n(scale.x(p.date)), n(scale.y(s[i])));
        }
        c.shape(&format!(
            "<polygon class=\"layer\" data-layer=\"{}\" points=\"{}\" fill=\"{color}\" fill-opacity=\"0.85\" stroke=\"none\"/>",
            name.split(' ').next().unwrap_or(name),
            d.trim_end()
        ));
    }
    let outline: Vec<String> = h
        .points
        .iter()
        .zip(&sums)
        .map(|(p, s)| format!("{},{}", n(scale.x(p.date)), n(scale.y(s[3]))))
        .collect();
    c.shape(&format!(
        "<polyline class=\"exposure\" points=\"{}\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.5\"/>",
        outline.join(" ")
    ));
    c.shape(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>",
        n(LEFT),
        n(scale.top),
        n(scale.width),
        n(PLOT_HEIGHT)
    ));
}

/// Days after today, shaded over the layers and marked.
fn projection(c: &mut Canvas, h: &History, scale: &Scale) {
    let (plot_top, plot_bottom, right) = (
        scale.top,
        scale.top + scale.height,
        scale.left + scale.width,
    );
    let x0 = scale.x(h.today.max(h.from));
    c.shape(&format!(
            "<rect class=\"projection\" x=\"{x0}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{PROJECTION}\" fill-opacity=\"0.35\"/>\n<line x1=\"{x0}\" y1=\"{}\" x2=\"{x0}\" y2=\"{}\" stroke=\"#555555\" stroke-dasharray=\"4 3\" stroke-width=\"1\"/>",
            n(plot_top),
            n(right - x0),
            n(PLOT_HEIGHT),
            n(plot_top),
            n(plot_bottom),
            x0 = n(x0),
        ));
    // Inside the shade, or ending at the plot's right edge when the shade is narrow.
    let label_y = plot_top + 14.0;
    let (place, anchor) = if width("projection", TEXT) + 8.0 <= right - x0 {
        ((x0 + 4.0, label_y), Anchor::Start)
    } else {
        ((right - 4.0, label_y), Anchor::End)
    };
    c.text_where_free(
        &[place],
        TEXT,
        anchor,
        "projection",
        "fill=\"#555555\" font-style=\"italic\" class=\"projection-label\"",
    );
}

/// Date ticks, then the first, last and today's dates on rows below them; returns the y of
/// the lowest row used.
fn date_axis(c: &mut Canvas, h: &History, scale: &Scale) -> f64 {
    let (plot_top, plot_bottom) = (scale.top, scale.top + scale.height);
    let label_width = width("Jan 2023", SMALL) + 14.0;
    let most = (scale.width / label_width)
        .floor()
        .to_usize()
        .unwrap_or(1)
        .max(1);
    let (unit, dates) = date_ticks(h.from, h.to, most);
    for d in &dates {
        let x = scale.x(*d);
        c.shape(&format!(
            "<line class=\"tick\" data-date=\"{d}\" data-unit=\"{}\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#333333\" stroke-opacity=\"0.25\" stroke-width=\"1\"/>",
            unit.name(),
            n(plot_top),
            n(plot_bottom + 5.0),
            x = n(x)
        ));
        c.text_where_free(
            &[(x, plot_bottom + 18.0)],
            SMALL,
            Anchor::Middle,
            &unit.label(*d),
            &format!("class=\"tick-label\" data-date=\"{d}\""),
        );
    }
    let mut dated: Vec<(f64, Anchor, String, &str)> = vec![(
        scale.x(h.from),
        Anchor::Start,
        format!("start {}", h.from),
        "start",
    )];
    if h.to == h.as_of {
        dated.push((
            scale.x(h.to),
            Anchor::End,
            format!("end, as of {}", h.to),
            "end",
        ));
    } else {
        dated.push((scale.x(h.to), Anchor::End, format!("end {}", h.to), "end"));
    }
    if h.projects() && h.today >= h.from {
        dated.push((
            scale.x(h.today),
            Anchor::Middle,
            format!("today {}", h.today),
            "today",
        ));
    }
    let mut lowest = plot_bottom + 18.0;
    for (x, anchor, text, class) in &dated {
        let rows: Vec<(f64, f64)> = (0..6)
            .map(|r| (*x, plot_bottom + 36.0 + ROW * f64::from(r)))
            .collect();
        let attrs = format!("class=\"date-label\" data-kind=\"{class}\"");
        if let Some((_, ly)) = c.text_where_free(&rows, SMALL, *anchor, text, &attrs) {
            lowest = lowest.max(ly);
            c.shape(&format!(
                "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#333333\" stroke-width=\"1\"/>",
                n(plot_bottom),
                n(plot_bottom + 8.0),
                x = n(*x)
            ));
        }
    }

    lowest
}

/// The last day's figures in words: exposure and its three parts.
fn figures_words(on: &str, h: &History, p: &Point) -> String {
    let cur = h.currency;
    format!(
        "{on} {}: exposure {cur} {} = fines {} + liquidated {} + accruing {}",
        p.date,
        format_amount(p.exposure()),
        format_amount(p.fines),
        format_amount(p.liquidated),
        format_amount(p.accruing)
    )
}
