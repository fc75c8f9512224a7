//! serde_json's pretty layout, written a line at a time.

use std::io::Write;

/// serde_json's pretty layout (two spaces of indentation), writing each line break and its
/// indentation in one piece: serde_json's own pretty formatter writes them a level at a
/// time, which in a large report costs more than everything else written.
#[derive(Default)]
pub(in crate::report) struct Pretty {
    level: usize,
    has_value: bool,
}

/// A line break followed by enough indentation for 64 levels.
pub(super) const BREAK: &[u8; 129] = b"\n                                                                                                                                ";

fn line_break<W: ?Sized + Write>(w: &mut W, level: usize) -> std::io::Result<()> {
    match BREAK.get(..1 + 2 * level) {
        Some(piece) => w.write_all(piece),
        None => {
            w.write_all(b"\n")?;
            (0..level).try_for_each(|_| w.write_all(b"  "))
        }
    }
}

impl Pretty {
    /// The layout of a value written `level` levels deep in a document laid out around it.
    pub(in crate::report) fn at(level: usize) -> Self {
        Pretty {
            level,
            has_value: false,
        }
    }

    /// Opens an array or an object: one level deeper, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// Closes it: back a level, on a line of its own unless it was empty.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            line_break(w, self.level)?;
        }
        w.write_all(bracket)
    }

    /// Starts an element or a key: after a comma unless first, on a new line.
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        line_break(w, self.level)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    /// serde_json escapes C0 control characters; DEL, C1 controls (U+009B opens an escape
    /// sequence on some terminals) and bidirectional overrides are escaped here too, so that
    /// the document shown on a terminal cannot drive it. The escaped string is the same JSON
    /// value.
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Printable ASCII, what nearly every fragment is, is checked a byte at a time.
        if fragment.bytes().all(|b| (0x20..0x7f).contains(&b))
            || !fragment.chars().any(crate::text::is_unsafe)
        {
            return w.write_all(fragment.as_bytes());
        }
        for c in fragment.chars() {
            if crate::text::is_unsafe(c) {
                write!(w, "\\u{:04x}", u32::from(c))?;
            } else {
                w.write_all(c.encode_utf8(&mut [0; 4]).as_bytes())?;
            }
        }
        Ok(())
    }
}
