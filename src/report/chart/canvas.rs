//! A small SVG writer that knows where its text is: every label is recorded with the box it
//! takes (its width estimated from the font size and the number of characters), so a label
//! that would overlap another can be moved or left out before it is drawn.

use std::fmt::Write as _;

/// The width of one character, as a share of the font size: generous for a sans-serif face,
/// so that the boxes estimated hold the text drawn.
pub const CHAR_WIDTH: f64 = 0.6;
/// How far a box reaches above the baseline, as a share of the font size.
pub const ASCENT: f64 = 1.0;
/// How far a box reaches below the baseline, as a share of the font size.
pub const DESCENT: f64 = 0.25;

/// Where a text's x coordinate is, along its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// At its start.
    Start,
    /// At its middle.
    Middle,
    /// At its end.
    End,
}

impl Anchor {
    fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// The box a text takes: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl TextBox {
    /// The box of `text` drawn at (`x`, `y`) (its baseline) in `size`, anchored as `anchor`.
    pub fn of(x: f64, y: f64, size: f64, anchor: Anchor, text: &str) -> TextBox {
        let width = width(text, size);
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        TextBox {
            left,
            top: y - ASCENT * size,
            right: left + width,
            bottom: y + DESCENT * size,
        }
    }

    /// Whether the two boxes share any area.
    pub fn overlaps(&self, other: &TextBox) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }
}

/// The estimated width of `text` in `size`.
pub fn width(text: &str, size: f64) -> f64 {
    let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    f64::from(chars) * CHAR_WIDTH * size
}

/// `text` cut to fit `room` in `size`, ending in an ellipsis when cut.
pub fn fit(text: &str, size: f64, room: f64) -> String {
    if width(text, size) <= room {
        return text.to_string();
    }
    let keep = (room / (CHAR_WIDTH * size)).floor();
    // A count of characters that fits in the room: small and positive.
    let keep = if keep >= 1.0 { keep as usize } else { 1 };
    let mut out: String = text.chars().take(keep.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `text` broken at spaces into lines that fit `room` in `size`; a word longer than the
/// room is cut to fit.
pub fn wrap(text: &str, size: f64, room: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, size) <= room || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    lines.push(line);
    lines.into_iter().map(|l| fit(&l, size, room)).collect()
}

/// Text safe inside an XML element or attribute: control characters shown as `\u{..}`, and
/// the markup characters as entities.
pub fn xml(text: &str) -> String {
    let shown = crate::text::escape(text);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A number as SVG writes it: at most one decimal.
pub fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// An SVG document being drawn, with the boxes of the text already on it.
#[derive(Debug, Default)]
pub struct Canvas {
    body: String,
    boxes: Vec<TextBox>,
}

impl Canvas {
    /// Whether `b` is clear of every text already drawn.
    pub fn is_free(&self, b: &TextBox) -> bool {
        !self.boxes.iter().any(|o| o.overlaps(b))
    }

    /// Draws `text` at (`x`, `y`), whether or not it overlaps: for text laid out so that it
    /// cannot (titles, legend lines, one label per row).
    pub fn text(&mut self, x: f64, y: f64, size: f64, anchor: Anchor, text: &str, attrs: &str) {
        self.boxes.push(TextBox::of(x, y, size, anchor, text));
        let _ = writeln!(
            self.body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{}\"{}{}>{}</text>",
            n(x),
            n(y),
            n(size),
            anchor.name(),
            if attrs.is_empty() { "" } else { " " },
            attrs,
            xml(text)
        );
    }

    /// Draws `text` at the first of `places` where it overlaps nothing; returns that place,
    /// or `None` (nothing drawn) when every place is taken.
    pub fn text_where_free(
        &mut self,
        places: &[(f64, f64)],
        size: f64,
        anchor: Anchor,
        text: &str,
        attrs: &str,
    ) -> Option<(f64, f64)> {
        let place = places
            .iter()
            .copied()
            .find(|&(x, y)| self.is_free(&TextBox::of(x, y, size, anchor, text)))?;
        self.text(place.0, place.1, size, anchor, text, attrs);
        Some(place)
    }

    /// Adds markup that holds no text.
    pub fn shape(&mut self, markup: &str) {
        self.body.push_str(markup);
        self.body.push('\n');
    }

    /// The whole document, `width` by `height`, described by `label`.
    pub fn finish(self, width: f64, height: f64, label: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" role=\"img\" aria-label=\"{l}\">\n<title>{l}</title>\n<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n{}</svg>\n",
            self.body,
            w = n(width),
            h = n(height),
            l = xml(label),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_follow_the_anchor_and_the_font_size() {
        // 10 characters at 12 px: 10 x 0.6 x 12 = 72 px wide, 12 px above the baseline.
        let b = TextBox::of(100.0, 50.0, 12.0, Anchor::End, "2023-01-01");
        assert_eq!(
            (b.left, b.right, b.top, b.bottom),
            (28.0, 100.0, 38.0, 53.0)
        );
        let c = TextBox::of(100.0, 50.0, 12.0, Anchor::Middle, "2023-01-01");
        assert_eq!((c.left, c.right), (64.0, 136.0));
        assert!(b.overlaps(&c));
        let below = TextBox::of(100.0, 66.0, 12.0, Anchor::End, "2023-01-01");
        assert!(!b.overlaps(&below));
    }

    #[test]
    fn a_label_moves_to_the_first_free_place() {
        let mut canvas = Canvas::default();
        canvas.text(0.0, 20.0, 10.0, Anchor::Start, "start 2022-10-17", "");
        let placed = canvas.text_where_free(
            &[(10.0, 20.0), (10.0, 36.0)],
            10.0,
            Anchor::Start,
            "today",
            "",
        );
        assert_eq!(placed, Some((10.0, 36.0)));
    }

    #[test]
    fn text_is_cut_to_its_room_and_escaped() {
        // 12 px: 7.2 px a character; 50 px hold 6, the last an ellipsis.
        assert_eq!(fit("liquidation SAN-2023-005", 12.0, 50.0), "liqui…");
        assert_eq!(fit("fine", 12.0, 50.0), "fine");
        // 100 px hold 13 characters.
        assert_eq!(
            wrap("order \"stop-processing\": first day of delay", 12.0, 100.0),
            ["order", "\"stop-proces…", "first day of", "delay"]
        );
        assert_eq!(
            xml("a<b & \"c\"\u{1b}"),
            "a&lt;b &amp; &quot;c&quot;\\u{1b}"
        );
    }
}
