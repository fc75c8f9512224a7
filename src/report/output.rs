//! The output formats and where a report goes: stdout or a file, never over an input file.

use super::{Render, csv, html, json, markdown, table, write_file_atomically_with};
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The output formats (`--format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    /// The versioned JSON document of docs/json-schema.md.
    Json,
    /// One row per case (or per --by group), with fixed columns.
    Csv,
    /// GitHub-flavoured Markdown tables.
    Markdown,
    /// One self-contained HTML page: headline figures, tables, charts, sources and rates.
    Html,
}

impl Format {
    /// The renderer of this format.
    pub fn renderer(self) -> Box<dyn Render> {
        match self {
            Format::Table => Box::new(table::TableRenderer),
            Format::Json => Box::new(json::JsonRenderer),
            Format::Csv => Box::new(csv::CsvRenderer),
            Format::Markdown => Box::new(markdown::MarkdownRenderer),
            Format::Html => Box::new(html::HtmlRenderer::default()),
        }
    }
}

/// The report formats file names ask for by their extension, as `-o FILE` reads them
/// (without regard to case). An extension not listed asks for nothing: `--format` decides,
/// else the table.
pub const EXTENSIONS: &[(&str, Format)] = &[
    ("csv", Format::Csv),
    ("json", Format::Json),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
];

/// Extensions of formats that other commands write, and the command to use instead.
pub(super) const OTHER_COMMANDS: &[(&str, &str)] = &[(
    "svg",
    "penalty chart PATH... -o CHART.svg, or penalty schedule FILE -o CHART.svg",
)];

impl Format {
    /// The name of the format, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The format `-o` and `--format` ask for together: the one the file's extension names
    /// (`.csv`, `.json`, `.md`, `.html`), or `--format`, else the table.
    ///
    /// # Errors
    ///
    /// When `--format` contradicts the extension, or the extension names a format that
    /// another command writes (`.svg`).
    pub fn resolve(flag: Option<Format>, output: &Output) -> anyhow::Result<Format> {
        let Output::File(path) = output else {
            return Ok(flag.unwrap_or_default());
        };
        let ext = path
            .extension()
            .and_then(OsStr::to_str)
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if let Some((_, command)) = OTHER_COMMANDS.iter().find(|(e, _)| *e == ext) {
            anyhow::bail!(
                "-o {}: compute does not write .{ext} files; use {command}",
                path.display()
            );
        }
        let wanted = EXTENSIONS.iter().find(|(e, _)| *e == ext).map(|(_, f)| *f);
        match (flag, wanted) {
            (Some(f), Some(w)) if f != w => anyhow::bail!(
                "--format {} contradicts -o {}, whose extension asks for {}; drop --format or change the extension",
                f.name(),
                path.display(),
                w.name()
            ),
            (f, w) => Ok(w.or(f).unwrap_or_default()),
        }
    }
}

/// Where a report goes (`-o`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Standard output (`-o -`, the default).
    Stdout,
    /// A file, written atomically.
    File(PathBuf),
}

impl From<&OsStr> for Output {
    fn from(s: &OsStr) -> Output {
        if s == "-" {
            Output::Stdout
        } else {
            Output::File(PathBuf::from(s))
        }
    }
}

impl Output {
    /// Refuses a destination that is one of the `inputs` (compared as files on disk, so
    /// another spelling of the same path, a symbolic link or a hard link is caught too).
    ///
    /// # Errors
    ///
    /// When the destination is an input.
    pub fn refuse_inputs<'a>(
        &self,
        inputs: impl IntoIterator<Item = &'a Path>,
    ) -> anyhow::Result<()> {
        let Output::File(out) = self else {
            return Ok(());
        };
        if let Some(input) = inputs.into_iter().find(|i| same_file(out, i)) {
            anyhow::bail!(
                "refusing to write the report over an input file: -o {} is {}",
                out.display(),
                input.display()
            );
        }
        Ok(())
    }

    /// Writes `text` to the destination: stdout (a closed pipe is not an error), or the
    /// file, atomically.
    ///
    /// # Errors
    ///
    /// When stdout or the file cannot be written.
    pub fn write_with(
        &self,
        lay_out: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        use anyhow::Context;
        match self {
            Output::Stdout => {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                match lay_out(&mut out).and_then(|()| Ok(out.flush()?)) {
                    Err(e) if is_broken_pipe(&e) => Ok(()),
                    other => other.context("cannot write to stdout"),
                }
            }
            Output::File(path) => write_file_atomically_with(path, lay_out)
                .with_context(|| format!("cannot write the report to {}", path.display())),
        }
    }

    /// Writes `text` to the destination, like [`Output::write_with`].
    ///
    /// # Errors
    ///
    /// When stdout or the file cannot be written.
    pub fn write(&self, text: &str) -> anyhow::Result<()> {
        use anyhow::Context;
        match self {
            Output::Stdout => write_stdout(text).context("cannot write to stdout"),
            Output::File(path) => write_file_atomically(path, text)
                .with_context(|| format!("cannot write the report to {}", path.display())),
        }
    }
}

/// Whether `a` and `b` name the same existing file.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// Writes `text` to stdout. A closed pipe (`penalty ... | head`) is not an error.
pub fn write_stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes `text` to `path` atomically: a temporary file beside it, then a rename (see
/// [`write_file_atomically_with`]).
pub fn write_file_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    write_file_atomically_with(path, |out| Ok(out.write_all(text.as_bytes())?))
        .map_err(std::io::Error::other)
}

/// Whether an error comes from writing into a closed pipe (`penalty ... | head`).
pub(super) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<::csv::Error>().is_some_and(|c| {
                matches!(c.kind(), ::csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_naming_an_input_is_refused_in_any_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("case.toml");
        std::fs::write(&input, "x").unwrap();
        let other = dir.path().join(".").join("case.toml");
        let err = Output::File(other)
            .refuse_inputs([input.as_path()])
            .unwrap_err();
        assert!(err.to_string().contains("refusing to write"), "{err}");
        let new = Output::File(dir.path().join("report.json"));
        assert!(new.refuse_inputs([input.as_path()]).is_ok());
        assert!(Output::Stdout.refuse_inputs([input.as_path()]).is_ok());
    }

    #[test]
    fn the_output_extension_picks_the_format_and_a_contradiction_is_refused() {
        let file = |name: &str| Output::File(PathBuf::from(name));
        assert_eq!(Format::resolve(None, &file("r.csv")).unwrap(), Format::Csv);
        assert_eq!(
            Format::resolve(None, &file("R.JSON")).unwrap(),
            Format::Json
        );
        assert_eq!(
            Format::resolve(None, &file("r.md")).unwrap(),
            Format::Markdown
        );
        assert_eq!(
            Format::resolve(None, &file("r.txt")).unwrap(),
            Format::Table
        );
        assert_eq!(
            Format::resolve(None, &Output::Stdout).unwrap(),
            Format::Table
        );
        assert_eq!(
            Format::resolve(Some(Format::Json), &file("report")).unwrap(),
            Format::Json
        );
        assert_eq!(
            Format::resolve(Some(Format::Csv), &file("r.csv")).unwrap(),
            Format::Csv
        );
        let err = Format::resolve(Some(Format::Json), &file("r.csv")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--format json contradicts -o r.csv, whose extension asks for csv; drop --format or change the extension"
        );
        let svg = Format::resolve(None, &file("x.svg")).unwrap_err();
        assert!(svg.to_string().contains("penalty schedule"), "{svg}");
    }
}
