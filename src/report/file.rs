//! Writing a report to a file (`-o FILE`) so that no reader ever sees half of it, an
//! interrupted run leaves nothing behind, and a shared directory is safe to write into.
//!
//! The report is laid out into a temporary file beside the target, then renamed over it:
//!
//! - The temporary file has an unpredictable name (`.NAME.XXXXXX.tmp`, from the `tempfile`
//!   crate) and is created exclusively, so a file already there, whatever its name, is never
//!   opened, overwritten or deleted.
//! - Ctrl-C (SIGINT), SIGTERM and SIGHUP remove it: a handler thread (`signal-hook`) deletes
//!   the one temporary file this run created and has not yet renamed, then lets the signal
//!   end the process as it would have without the handler. A lock shared with the writer
//!   makes the rename and the deletion exclusive: the target is either the old file or the
//!   whole new one.
//! - An existing target keeps its permission bits (a mode-600 file stays 600); a new one gets
//!   the usual `0666` less the umask.
//! - A symbolic link is written through: the file it points to (followed to the end of a chain
//!   of links) is replaced, and the link stays a link. A device or a pipe (`/dev/null`, a
//!   FIFO) is written to directly.

use std::fs::{File, Permissions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

/// The temporary file this run created and has not yet renamed or removed.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Whether the signal handler could be installed (done once, on the first file written).
static HANDLER: OnceLock<bool> = OnceLock::new();

/// The most bytes of the target's name kept in the temporary file's name.
const MAX_NAME_KEPT: usize = 200;

/// The most links followed from `-o`'s path, as the kernel's own limit (ELOOP).
const MAX_LINKS: usize = 40;

fn pending() -> MutexGuard<'static, Option<PathBuf>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Installs, once, the handler that removes the pending temporary file on SIGINT, SIGTERM
/// or SIGHUP and then ends the process by that signal. Returns whether it is installed.
fn install_handler() -> bool {
    *HANDLER.get_or_init(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return false;
            };
            std::thread::Builder::new()
                .name("penalty-signals".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        // Held until the process ends: the writer cannot rename meanwhile.
                        let guard = pending();
                        if let Some(path) = guard.as_deref() {
                            let _ = std::fs::remove_file(path);
                        }
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                })
                .is_ok()
        }
        #[cfg(not(unix))]
        {
            false
        }
    })
}

/// The file `path` names once symbolic links are followed: a link's target is written, not
/// the link replaced. A dangling link names the file it would point to.
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(std::io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links to follow"
    )))
}

/// Lays out a file's content through `lay_out` into a temporary file beside `path`, then
/// renames it over `path`: a reader never sees half a file, and a failure or an interruption
/// leaves `path` as it was. See the module documentation for names, permissions and links.
///
/// # Errors
///
/// When the temporary file cannot be created, written or renamed, or `lay_out` fails.
pub fn write_file_atomically_with(
    path: &Path,
    lay_out: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let path = follow_links(path)?;
    let existing = std::fs::metadata(&path).ok();
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written through: a
    // rename would replace it with a regular file.
    if existing
        .as_ref()
        .is_some_and(|m| !m.is_file() && !m.is_dir())
    {
        let file = std::fs::OpenOptions::new().write(true).open(&path)?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        lay_out(&mut out)?;
        out.flush()?;
        return Ok(());
    }
    let mode = existing.map(|m| m.permissions());
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "penalty-output".into(), |n| n.to_string_lossy());
    // Room for the dot, the random part and the suffix within a file name's 255 bytes.
    let mut keep = name.len().min(MAX_NAME_KEPT);
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    let prefix = format!(".{}.", &name[..keep]);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with the target's mode (or 0666 for a new file), less the umask, so the
        // content is never more readable while written than it will be after.
        builder.permissions(
            mode.clone()
                .unwrap_or_else(|| Permissions::from_mode(0o666)),
        );
    }
    install_handler();
    let tmp = {
        let mut guard = pending();
        let tmp = builder.tempfile_in(dir)?;
        *guard = Some(tmp.path().to_path_buf());
        tmp
    };
    let written = (|| -> anyhow::Result<()> {
        let mut out = BufWriter::with_capacity(1 << 16, tmp.as_file());
        lay_out(&mut out)?;
        // Flushed, not synced: the rename makes the report appear whole to readers; forcing
        // it to disk would cost more than computing it.
        out.flush()?;
        if let Some(mode) = mode {
            // The umask may have cut bits the target had: give them back.
            File::set_permissions(tmp.as_file(), mode)?;
        }
        Ok(())
    })();
    let mut guard = pending();
    let outcome = match written {
        // A failed rename hands the temporary file back, and dropping it removes it.
        Ok(()) => tmp.persist(&path).map(drop).map_err(|e| e.error.into()),
        Err(e) => {
            drop(tmp);
            Err(e)
        }
    };
    *guard = None;
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_of_links_is_followed_to_the_file_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("real.csv", dir.path().join("one")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("one"), dir.path().join("two")).unwrap();
            assert_eq!(follow_links(&dir.path().join("two")).unwrap(), real);
            // Dangling: the file it would point to.
            assert_eq!(follow_links(&dir.path().join("one")).unwrap(), real);
            std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
            assert!(follow_links(&dir.path().join("loop")).is_err());
        }
        assert_eq!(follow_links(&real).unwrap(), real);
    }

    #[test]
    fn a_target_with_a_name_of_255_bytes_can_be_written() {
        let dir = tempfile::tempdir().unwrap();
        // 127 two-byte characters and one byte: the longest name most file systems allow.
        let name = format!("{}x", "é".repeat(127));
        assert_eq!(name.len(), 255);
        let target = dir.path().join(&name);
        write_file_atomically_with(&target, |out| Ok(out.write_all(b"whole")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "whole");
    }

    #[test]
    fn a_failed_lay_out_leaves_no_file_and_the_target_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.json");
        std::fs::write(&target, "old").unwrap();
        let err = write_file_atomically_with(&target, |out| {
            out.write_all(b"half")?;
            anyhow::bail!("stopped")
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "stopped");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["report.json"]);
        assert!(pending().is_none());
    }
}
