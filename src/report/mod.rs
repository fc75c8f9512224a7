//! Rendering: one module per output format behind one trait. Renderers never compute; they
//! lay out a `Report` built by `exposure`. Where the output goes (stdout or a file, written
//! atomically by `file`, never over an input file) is decided once, here (`output`). Amounts
//! are written by `amount`, and the phrases several formats share by `words`.

pub mod columns;
pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;

// The outputs of `schedule` and `explain`, which lay out more than a `Report`.
pub mod chart;
pub mod explain;
pub mod schedule;

// Writing `-o FILE`.
mod file;
pub use file::write_file_atomically_with;

use crate::exposure::Report;
use std::io::Write;

mod amount;
mod output;
mod words;

pub use amount::{
    FR_THOUSANDS, NumberFormat, PLAIN_AMOUNT_MAX, PlainAmount, format_amount, plain_amount,
};
pub use output::{EXTENSIONS, Format, Output, write_file_atomically, write_stdout};
pub use words::{
    EXPOSURE_NOTE, annulled_fines, annulled_words, next_words, ordered_words, owed_words,
    rate_words, rates_words,
};

/// What a report says about how it was made, beside its figures, and which of its
/// groupings the reader asked to see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The as-of date is after today: the figures are a projection.
    pub projection: bool,
    /// What-if overrides in force, in words.
    pub overrides: Vec<String>,
    /// The selection of cases (`--company`, `--jurisdiction`, `--case`), in words; empty
    /// when every case loaded is reported.
    pub filters: Vec<String>,
    /// How figures are written and whether they are coloured.
    pub formatting: Formatting,
    /// The one grouping to show (`--by`), or `None` for the format's default.
    pub by: Option<By>,
    /// The columns to show (`--columns`), or `None` for the format's own.
    pub columns: Option<Vec<&'static str>>,
    /// The width a table must fit in, in characters (`--width`, `COLUMNS` or the
    /// terminal's), or `None` for no limit.
    pub width: Option<usize>,
}

/// How a renderer writes figures for people: colour and number typography.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Formatting {
    /// Colour the terminal table (totals bold, contested amounts and projections yellow).
    pub color: bool,
    /// Thousands separator and decimal mark.
    pub numbers: NumberFormat,
}

/// An output format.
pub trait Render {
    /// Lays out the report as text.
    ///
    /// # Errors
    ///
    /// When the format's writer fails (a serializer error); input cannot cause one.
    fn render(&self, report: &Report, meta: &Meta) -> anyhow::Result<String>;

    /// Writes the report to `out`. Formats that can lay out a report piece by piece
    /// override this, so that a large portfolio's report is never held whole in memory.
    ///
    /// # Errors
    ///
    /// When `out` cannot be written, or the format's writer fails.
    fn render_to(&self, report: &Report, meta: &Meta, out: &mut dyn Write) -> anyhow::Result<()> {
        out.write_all(self.render(report, meta)?.as_bytes())?;
        Ok(())
    }
}

/// The groupings of a report (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum By {
    /// One line per case.
    Case,
    /// One line per company.
    Company,
    /// One line per jurisdiction.
    Jurisdiction,
}

impl By {
    /// The grouping's name, as written on the command line.
    pub fn name(self) -> &'static str {
        match self {
            By::Case => "case",
            By::Company => "company",
            By::Jurisdiction => "jurisdiction",
        }
    }
}

/// Whether a format that shows every grouping by default shows `grouping`.
pub fn shows(meta: &Meta, grouping: By) -> bool {
    meta.by.is_none_or(|by| by == grouping)
}
