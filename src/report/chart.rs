//! The exposure chart (`penalty schedule --format svg`): cumulative accrual over time, one
//! line per order, liquidation windows shaded, the cap drawn and the day it is reached
//! marked. Drawn with plotters' SVG backend, so the markup, axes and labels come from a
//! maintained library rather than hand-built strings.
//!
//! Amounts stay `Decimal` everywhere else. Here, and only here, they are turned into `f64`
//! for one purpose: placing points on a picture. No figure shown as text is computed from
//! these floats except the axis tick labels, which are rounded positions, not amounts owed.

use super::Meta;
use super::format_amount;
use crate::accrue::Overflow;
use crate::case::Per;
use crate::schedule::{OrderTimeline, Timeline};
use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

/// Colours of the order lines, in turn (none of them red, which marks the cap).
const LINE_COLORS: [RGBColor; 5] = [
    RGBColor(31, 119, 180),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(23, 190, 207),
];

/// Width and height of the picture, in pixels.
const SIZE: (u32, u32) = (1000, 560);

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// No order has a row to draw.
    #[error(
        "nothing to chart for {0}: no order has a day of delay in the range (its first day of delay is unknown or after the as-of date)"
    )]
    Empty(String),
    /// The drawing library failed.
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    /// An amount overflowed.
    #[error(transparent)]
    Overflow(#[from] Overflow),
}

fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Days since the common era: the x coordinate of a date.
fn x_of(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The y coordinate of an amount (a pixel position, not money: see the module doc).
fn y_of(amount: Decimal) -> f64 {
    amount.to_f64().unwrap_or(0.0)
}

fn date_label(x: i32) -> String {
    NaiveDate::from_num_days_from_ce_opt(x).map_or_else(String::new, |d| d.to_string())
}

fn amount_label(y: f64) -> String {
    Decimal::from_f64(y.round()).map_or_else(String::new, |d| {
        let s = format_amount(d.round());
        s.strip_suffix(".00").map(str::to_string).unwrap_or(s)
    })
}

/// The points of an order's cumulative line. A daily penalty accrues evenly within a row
/// (rows are cut at every rate change, suspension and at the cap), so its line joins the row
/// ends. Other units are forfeited on single days: their line steps up at the start of the
/// row holding the forfeiture (exact with `--every day`).
///
/// The chart keeps these points, and only these, to draw them.
fn points(o: &OrderTimeline) -> Result<Vec<(i32, f64)>, Overflow> {
    let mut out = Vec::new();
    for (i, r) in o.rows().enumerate() {
        let r = r?;
        let before = y_of(r.cumulative - r.amount);
        let after = y_of(r.cumulative);
        if i == 0 {
            out.push((x_of(r.from), before));
        }
        if o.per != Per::Day {
            out.push((x_of(r.from), after));
        }
        out.push((x_of(r.until), after));
    }
    Ok(out)
}

/// Draws the timeline's cumulative accrual as an SVG document.
pub fn svg(t: &Timeline, meta: &Meta) -> Result<String, ChartError> {
    let mut lines: Vec<(&OrderTimeline, Vec<(i32, f64)>)> = Vec::new();
    for o in &t.orders {
        let p = points(o)?;
        if !p.is_empty() {
            lines.push((o, p));
        }
    }
    let (Some(x0), Some(x1)) = (
        lines.iter().flat_map(|(_, p)| p.first()).map(|p| p.0).min(),
        lines.iter().flat_map(|(_, p)| p.last()).map(|p| p.0).max(),
    ) else {
        return Err(ChartError::Empty(t.case.clone()));
    };
    let x1 = x1.max(x0 + 1);
    let top = lines
        .iter()
        .flat_map(|(o, p)| p.iter().map(|q| q.1).chain(o.cap.map(y_of)))
        .fold(0.0f64, f64::max);
    let y1 = if top > 0.0 { top * 1.08 } else { 1.0 };

    let mut notes = vec![format!(
        "As of {}{}; amounts in {}, the case's currency",
        t.as_of,
        if meta.projection {
            " (PROJECTION: the as-of date is in the future)"
        } else {
            ""
        },
        t.currency
    )];
    notes.extend(meta.overrides.iter().map(|o| format!("What-if: {o}")));

    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let header_height = 36 + 18 * i32::try_from(notes.len()).unwrap_or(0);
        let (header, body) = root.split_vertically(header_height);
        header
            .draw_text(
                &format!("{}: cumulative penalties accrued", t.case),
                &("sans-serif", 22).into_font().color(&BLACK),
                (16, 8),
            )
            .map_err(draw_err)?;
        for (i, note) in notes.iter().enumerate() {
            let y = 36 + 18 * i32::try_from(i).unwrap_or(0);
            let color = if note.starts_with("What-if") || meta.projection && i == 0 {
                RED
            } else {
                BLACK
            };
            header
                .draw_text(note, &("sans-serif", 14).into_font().color(&color), (16, y))
                .map_err(draw_err)?;
        }

        let mut chart = ChartBuilder::on(&body)
            .margin(16)
            .margin_right(48)
            .x_label_area_size(40)
            .y_label_area_size(110)
            .build_cartesian_2d(x0..x1, 0f64..y1)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .x_labels(8)
            .y_labels(8)
            .light_line_style(BLACK.mix(0.04))
            .x_label_formatter(&|x| date_label(*x))
            .y_label_formatter(&|y| amount_label(*y))
            .x_desc("date")
            .y_desc(format!("cumulative ({})", t.currency))
            .draw()
            .map_err(draw_err)?;

        let small = ("sans-serif", 13).into_font();
        let shade = RGBColor(70, 130, 180);
        let mut shaded = false;
        for (o, _) in &lines {
            for f in &o.accrual.liquidations {
                let w = &f.liquidation.window;
                let (a, b) = (x_of(w.from).clamp(x0, x1), x_of(w.until).clamp(x0, x1));
                if a >= b {
                    continue;
                }
                let series = chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(a, 0.0), (b, y1)],
                        shade.mix(0.15).filled(),
                    )))
                    .map_err(draw_err)?;
                if !shaded {
                    series.label("liquidated window").legend(move |(x, y)| {
                        Rectangle::new([(x, y - 5), (x + 20, y + 5)], shade.mix(0.3).filled())
                    });
                    shaded = true;
                }
                // A control character is not allowed in XML: the reference is shown escaped.
                let name =
                    crate::text::escape(f.liquidation.reference.as_deref().unwrap_or("liquidated"));
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at((a, y1))
                            + Text::new(
                                format!("{name}: {}", format_amount(f.amount)),
                                (4, 4),
                                small.clone().color(&shade),
                            ),
                    ))
                    .map_err(draw_err)?;
            }
        }

        for (i, (o, p)) in lines.iter().enumerate() {
            let color = LINE_COLORS[i % LINE_COLORS.len()];
            chart
                .draw_series(LineSeries::new(p.iter().copied(), color.stroke_width(2)))
                .map_err(draw_err)?
                .label(format!("order {}", o.id))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                });
            if let Some(cap) = o.cap {
                let y = y_of(cap);
                chart
                    .draw_series(DashedLineSeries::new(
                        [(x0, y), (x1, y)],
                        6,
                        4,
                        RED.stroke_width(1),
                    ))
                    .map_err(draw_err)?
                    .label(format!("cap of order {}: {}", o.id, format_amount(cap)))
                    .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RED));
                if let Some(day) = o.accrual.cap_reached.filter(|d| x_of(*d) <= x1) {
                    let at = (x_of(day).clamp(x0, x1), y);
                    chart
                        .draw_series(std::iter::once(
                            EmptyElement::at(at)
                                + Circle::new((0, 0), 5, RED.filled())
                                + Text::new(
                                    format!("cap reached {day}"),
                                    (8, 8),
                                    small.clone().color(&RED),
                                ),
                        ))
                        .map_err(draw_err)?;
                }
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(draw_err)?;
        root.present().map_err(draw_err)?;
    }
    Ok(out)
}
