//! Fresh exchange rates: the ECB history that `penalty rates update` downloads (or takes
//! from a file), checks and stores in the user's data directory, where every later run
//! finds it and reads it beside the history built into the binary.
//!
//! A stored history is written atomically (a temporary file, then a rename) and only after
//! the whole of it has been checked, so a damaged download never replaces a good file.

use crate::fx::{FxError, HistorySummary, MAX_RATES_BYTES, RateTable, rates_text};
use anyhow::Context;
use std::path::{Path, PathBuf};

/// Where the ECB publishes its whole history of euro reference rates, zipped.
pub const ECB_HISTORY_URL: &str = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip";

/// The environment variable that names the directory of the stored history.
pub const RATES_DIR_ENV: &str = "PENALTY_RATES_DIR";

/// The stored history's file name in its directory.
pub const STORED_NAME: &str = "eurofxref-hist.csv";

/// The directory of the stored history: `PENALTY_RATES_DIR` when set and not empty, else
/// `penalty` in the user's data directory (`$XDG_DATA_HOME` or `~/.local/share` on Linux,
/// `~/Library/Application Support` on macOS, `%APPDATA%` on Windows); `None` when there is
/// no such directory.
pub fn store_dir() -> Option<PathBuf> {
    match std::env::var_os(RATES_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::data_dir().map(|d| d.join("penalty")),
    }
}

/// The stored history's path, whether or not it exists.
pub fn stored_path() -> Option<PathBuf> {
    store_dir().map(|d| d.join(STORED_NAME))
}

/// Adds the stored history to `table` when there is one, and returns its path.
///
/// # Errors
///
/// When the file exists but cannot be read, or does not start like an ECB history.
pub fn add_stored(table: &mut RateTable) -> anyhow::Result<Option<PathBuf>> {
    let Some(path) = stored_path() else {
        return Ok(None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(e).with_context(|| {
                format!(
                    "cannot read the stored rates {} (run `penalty rates update` to replace them)",
                    path.display()
                )
            });
        }
    };
    table.add_ecb_history(text, &path).with_context(|| {
        format!(
            "the stored rates {} are damaged (run `penalty rates update` to replace them)",
            path.display()
        )
    })?;
    Ok(Some(path))
}

/// Downloads `url` (http or https), following redirects, up to [`MAX_RATES_BYTES`]. Proxies
/// named by the usual environment variables are used.
///
/// # Errors
///
/// When the server cannot be reached, answers with an error status, or sends too much.
pub fn download(url: &str) -> anyhow::Result<Vec<u8>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(120)))
        .user_agent(concat!("penalty/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .with_context(|| format!("cannot download {url}"))?;
    response
        .body_mut()
        .with_config()
        .limit(MAX_RATES_BYTES)
        .read_to_vec()
        .with_context(|| format!("cannot download {url}"))
}

/// What an update stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The file written.
    pub path: PathBuf,
    /// What it holds.
    pub summary: HistorySummary,
    /// The latest day of the history it replaced, if there was one.
    pub replaced: Option<Option<chrono::NaiveDate>>,
}

/// Checks `bytes` (an ECB history, as CSV or zipped, read from `origin`) and stores it as
/// the history every later run reads, in `dir`. Nothing is written unless the whole history
/// checks out: the file in place, if any, is kept.
///
/// # Errors
///
/// When the bytes are not a valid ECB history (naming the line at fault), or `dir` or the
/// file cannot be written.
pub fn store(bytes: &[u8], origin: &Path, dir: &Path) -> anyhow::Result<Stored> {
    let refused = |e: FxError| {
        anyhow::Error::new(e).context(format!(
            "refusing {}: not a valid ECB rates file; the stored rates are unchanged",
            origin.display()
        ))
    };
    let text = rates_text(bytes, origin).map_err(refused)?;
    let summary = crate::fx::validate_ecb_history(&text, origin).map_err(refused)?;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the rates directory {}", dir.display()))?;
    let path = dir.join(STORED_NAME);
    let replaced = std::fs::read_to_string(&path)
        .ok()
        .map(|old| crate::fx::history_latest(&old, chrono::NaiveDate::MAX));
    crate::report::write_file_atomically(&path, &text)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Stored {
        path,
        summary,
        replaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HISTORY: &str = "Date,USD,GBP,\n2026-11-30,1.1500,0.8400,\n2026-11-27,1.1490,0.8390,\n";

    #[test]
    fn a_valid_history_is_stored_and_a_damaged_one_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let stored = store(HISTORY.as_bytes(), Path::new("hist.csv"), dir.path()).unwrap();
        assert_eq!(stored.summary.days, 2);
        assert_eq!(stored.summary.currencies, 2);
        assert_eq!(stored.summary.latest.to_string(), "2026-11-30");
        assert_eq!(stored.replaced, None);
        // Cut short in the middle of a line: 2 fields where the header has 4.
        let cut = &HISTORY[..HISTORY.len() - 12];
        let err = store(cut.as_bytes(), Path::new("cut.csv"), dir.path()).unwrap_err();
        assert!(format!("{err:#}").contains("cut short"), "{err:#}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(STORED_NAME)).unwrap(),
            HISTORY
        );
    }
}
