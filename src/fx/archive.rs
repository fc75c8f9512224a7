//! The text of a rates file as given: the one `.csv` member of a zip archive, or plain
//! UTF-8, with a size limit.

use std::io;
use std::path::Path;

use super::FxError;

/// The largest rates file taken from a zip archive or a download: the ECB's whole history
/// is about 2 MB, so anything near this is not a rates file.
pub const MAX_RATES_BYTES: u64 = 64 * 1024 * 1024;

/// The text of a rates file's bytes: the one `.csv` member of a zip archive (the ECB
/// publishes `eurofxref-hist.zip` and `eurofxref.zip`), or the bytes themselves as UTF-8.
///
/// # Errors
///
/// [`FxError::Parse`] for an archive that is damaged or does not hold exactly one `.csv`
/// file, a member larger than [`MAX_RATES_BYTES`], or text that is not UTF-8.
pub fn rates_text(bytes: &[u8], origin: &Path) -> Result<String, FxError> {
    use std::io::Read;
    let error = |message: String| FxError::Parse {
        path: origin.to_path_buf(),
        line: None,
        message,
    };
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let mut archive = zip::ZipArchive::new(io::Cursor::new(bytes))
            .map_err(|e| error(format!("expected a zip archive holding one .csv file: {e}")))?;
        let csv: Vec<String> = archive
            .file_names()
            .filter(|n| n.to_ascii_lowercase().ends_with(".csv"))
            .map(str::to_owned)
            .collect();
        let [name] = csv.as_slice() else {
            return Err(error(format!(
                "expected a zip archive holding one .csv file, found {} .csv files",
                csv.len()
            )));
        };
        let member = archive
            .by_name(name)
            .map_err(|e| error(format!("cannot read {name} in the zip archive: {e}")))?;
        let mut text = String::new();
        member
            .take(MAX_RATES_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| error(format!("cannot read {name} in the zip archive: {e}")))?;
        if text.len() as u64 > MAX_RATES_BYTES {
            return Err(error(format!(
                "{name} in the zip archive is larger than {MAX_RATES_BYTES} bytes"
            )));
        }
        return Ok(text);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        error("expected a CSV rates file (UTF-8 text) or a zip archive of one".to_owned())
    })
}
