//! Reading case files: paths and directories into a sorted list of files, and each file's
//! bytes into text for validation. Errors name the file and say what is wrong in plain words.

use super::diag::Diagnostics;
use super::validate::load_case_str;
use super::{Case, Diagnostic, Locus, locate_in};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The largest case file read, so a stray huge file fails fast instead of exhausting memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// From this many files on, they are loaded in parallel.
const PARALLEL_FROM: usize = 32;

/// Expands files and directories (recursively, `*.toml`) into a sorted list of files.
///
/// A path given by name is read whatever it is; inside directories only regular files named
/// `*.toml` are taken (a named pipe there would block the program), hidden entries are
/// skipped, and a directory reached twice (a symbolic link loop) is walked once. A file
/// reached twice (given twice, found in a directory and given by name, or through a symbolic
/// link beside it) is read once, under the first path it was reached by.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut files = Files::default();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(Diagnostic::file(
                path,
                io_message(&e, "no such file or directory"),
            )),
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                let errors_before = errors.len();
                let mut visited = BTreeSet::new();
                walk(path, &mut files, &mut visited, &mut errors);
                if files.len() == before && errors.len() == errors_before {
                    errors.push(Diagnostic::file(
                        path,
                        "no case files (*.toml) in this directory",
                    ));
                }
            }
            Ok(meta) => files.insert(path.clone(), &meta),
        }
    }
    if errors.is_empty() {
        Ok(files.paths.into_iter().collect())
    } else {
        Err(Diagnostics(errors))
    }
}

/// An I/O error in a few plain words: `not_found` for a missing file, the system's own
/// message (lowercased, without the "os error" number) otherwise.
fn io_message(e: &std::io::Error, not_found: &str) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => not_found.to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = e.to_string();
            let text = match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// The files found so far, each once whatever the path it was reached by.
#[derive(Default)]
struct Files {
    paths: BTreeSet<PathBuf>,
    /// What each file in `paths` is, to know it again by another path.
    identities: BTreeSet<FileId>,
    /// How many times a file was reached, counting a file reached again.
    reached: usize,
}

/// What a file is, whatever the path to it: its device and inode where there are such (no
/// system call beyond the `metadata` already made, and a hard link is known too), its
/// canonical path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

#[cfg(unix)]
fn file_id(_path: &Path, meta: &std::fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    FileId::Inode(meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(path: &Path, _meta: &std::fs::Metadata) -> FileId {
    FileId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

impl Files {
    /// How many times a file was reached: a directory whose files were all reached before
    /// still has case files.
    fn len(&self) -> usize {
        self.reached
    }

    /// Adds `path`, whose metadata (following links) is `meta`, unless the file it names is
    /// already in.
    fn insert(&mut self, path: PathBuf, meta: &std::fs::Metadata) {
        self.reached += 1;
        if self.identities.insert(file_id(&path, meta)) {
            self.paths.insert(path);
        }
    }
}

fn walk(
    dir: &Path,
    files: &mut Files,
    visited: &mut BTreeSet<PathBuf>,
    errors: &mut Vec<Diagnostic>,
) {
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            errors.push(Diagnostic::file(
                dir,
                io_message(&e, "broken symbolic link"),
            ));
            return;
        }
    };
    if !visited.insert(canonical) {
        // A directory already walked (a symbolic link loop or a second link to it).
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(Diagnostic::file(
                dir,
                format!(
                    "cannot read directory: {}",
                    io_message(&e, "no such directory")
                ),
            ));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        let hidden = child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let is_toml = child.extension().is_some_and(|e| e == "toml");
        match std::fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => walk(&child, files, visited, errors),
            Ok(meta) if is_toml && meta.is_file() => files.insert(child, &meta),
            Ok(_) => {}
            Err(e) if is_toml => {
                errors.push(Diagnostic::file(
                    &child,
                    io_message(&e, "broken symbolic link"),
                ));
            }
            Err(_) => {}
        }
    }
}

/// Reads and validates every case in `paths`; duplicate case ids across files are errors.
/// Cases come back sorted by id.
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<Case>, Diagnostics> {
    load_paths_with(paths, |case| case, |case| (&case.id, &case.path))
}

/// Like [`load_paths`], but turns each case into what `make` makes of it as soon as it is
/// read, on the thread that read it, so that the cases are never all held at once; `key`
/// gives back the case id and file of what was made, for the check of duplicate ids and the
/// order by id.
pub fn load_paths_with<T: Send>(
    paths: &[PathBuf],
    make: impl Fn(Case) -> T + Sync,
    key: impl Fn(&T) -> (&str, &Path),
) -> Result<Vec<T>, Diagnostics> {
    let files = collect_files(paths)?;
    let load = |f: &PathBuf| load_file(f).map(&make);
    // Many files are read and validated in parallel (`collect` keeps them in path order);
    // a few are read on this thread, which spares starting a thread pool.
    let mut results: Vec<Result<T, Vec<Diagnostic>>> = if files.len() >= PARALLEL_FROM {
        files.par_iter().map(load).collect()
    } else {
        files.iter().map(load).collect()
    };
    let mut errors = Vec::new();
    for result in &mut results {
        if let Err(e) = result {
            errors.append(e);
        }
    }
    // Kept in place: what was made is not copied into a second list.
    let mut made: Vec<T> = results.into_iter().filter_map(Result::ok).collect();
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for item in &made {
        let (id, path) = key(item);
        if let Some(first) = seen.get(id) {
            errors.push(locate_in(
                path,
                Locus::CaseId,
                format!(
                    "duplicate case id \"{id}\": {} already has it (case ids are unique across the portfolio)",
                    first.display()
                ),
            ));
        } else {
            seen.insert(id, path);
        }
    }
    drop(seen);
    if errors.is_empty() {
        // Ids are unique, so an unstable sort is deterministic and needs no buffer.
        made.sort_unstable_by(|a, b| key(a).0.cmp(key(b).0));
        Ok(made)
    } else {
        Err(Diagnostics(errors))
    }
}

fn load_file(path: &Path) -> Result<Case, Vec<Diagnostic>> {
    let bytes = read_bounded(path).map_err(|d| vec![d])?;
    load_case_bytes(path, &bytes)
}

/// Reads a file whole, refusing one larger than `MAX_FILE_BYTES` without reading it all.
fn read_bounded(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let too_large = || {
        Diagnostic::file(
            path,
            format!(
                "the file is larger than {} MiB, too large for a case file",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        )
    };
    let file = std::fs::File::open(path).map_err(|e| {
        Diagnostic::file(
            path,
            format!("cannot open: {}", io_message(&e, "no such file")),
        )
    })?;
    if file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() > MAX_FILE_BYTES)
    {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Diagnostic::file(
                path,
                format!("cannot read: {}", io_message(&e, "no such file")),
            )
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Checks that `bytes`, the content of `path`, are UTF-8 text, then parses and validates
/// them as a case file.
pub fn load_case_bytes(path: &Path, bytes: &[u8]) -> Result<Case, Vec<Diagnostic>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_case_str(path, text),
        Err(e) => Err(vec![not_utf8(path, bytes, e.valid_up_to())]),
    }
}

/// The error for a file that is not UTF-8, pointing at its first bad byte.
fn not_utf8(path: &Path, bytes: &[u8], valid: usize) -> Diagnostic {
    let byte = bytes.get(valid).copied().unwrap_or(0);
    let message = format!(
        "the file is not UTF-8 text (byte 0x{byte:02X} here is not UTF-8): save it as UTF-8"
    );
    // Show the line with the bad bytes replaced, and the caret on the first of them.
    let line_end = bytes[valid..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| valid + i);
    let text = String::from_utf8_lossy(&bytes[..line_end]);
    // The valid prefix is unchanged by the lossy conversion, so `valid` is still its length.
    Diagnostic::at(path, &text, valid..valid + 1, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_utf8_points_at_the_first_bad_byte() {
        let d = load_case_bytes(Path::new("x.toml"), b"[case]\nid = \"caf\xe9\"\n").unwrap_err();
        assert_eq!(d.len(), 1);
        let d = &d[0];
        // `id = "caf` is 9 characters: the bad byte is in column 10 of line 2.
        assert_eq!(d.position, Some((2, 10)));
        assert!(d.message.contains("0xE9"), "{}", d.message);
    }
}
