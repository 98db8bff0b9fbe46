//! Reading and writing the user's files safely.
//!
//! Reading: only regular files are read (a FIFO, a device or a folder is refused without
//! blocking on it), and never more than [`max_file_bytes`].
//!
//! Writing: the whole content goes to a temporary file with a random name beside the
//! target (created exclusively, so a planted link cannot redirect it), which then takes the
//! target's name in one step, so a reader never sees half a file and a failed write leaves
//! the old file as it was. Existing files are only replaced when the caller says the user
//! agreed, and only if they are regular files. Temporary files left by a killed write are
//! removed by the next write to the same folder.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Files larger than this are refused before they are read (4 GiB), unless
/// `MEMORYMAP_MAX_FILE_SIZE` says otherwise.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 4 << 30;

/// The environment variable that sets the largest file read, in bytes (`K`, `M`, `G`
/// suffixes allowed: `500M`).
pub const MAX_FILE_SIZE_VAR: &str = "MEMORYMAP_MAX_FILE_SIZE";

/// The largest file read: [`MAX_FILE_SIZE_VAR`] if it is set to a size, else the default.
pub fn max_file_bytes() -> u64 {
    std::env::var(MAX_FILE_SIZE_VAR)
        .ok()
        .and_then(|v| parse_size(&v))
        .unwrap_or(DEFAULT_MAX_FILE_BYTES)
}

/// "4096", "500K", "500M", "4G" (powers of 1024).
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last()? {
        (i, 'k' | 'K') => (&text[..i], 10),
        (i, 'm' | 'M') => (&text[..i], 20),
        (i, 'g' | 'G') => (&text[..i], 30),
        _ => (text, 0),
    };
    digits.trim().parse::<u64>().ok()?.checked_mul(1 << shift)
}

/// Why a file was not read: "PATH: REASON" as a whole, or its parts for a problem list.
#[derive(Debug)]
pub enum ReadError {
    NotAFile {
        path: PathBuf,
        kind: &'static str,
    },
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            Self::NotAFile { path, .. } | Self::TooLarge { path, .. } | Self::Io { path, .. } => {
                path
            }
        }
    }

    /// What was wrong, without the path.
    pub fn reason(&self) -> String {
        match self {
            Self::NotAFile { kind, .. } => {
                format!("is {kind}, not a regular file: only dataset files can be opened")
            }
            Self::TooLarge { size, limit, .. } => format!(
                "the file is {size} bytes, over the limit of {limit} bytes (set {MAX_FILE_SIZE_VAR} to read larger files)"
            ),
            Self::Io { source, .. } => format!("cannot read the file: {source}"),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path().display(), self.reason())
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// What kind of thing `file_type` is, for messages ("a folder", "a named pipe (FIFO)").
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a file"
    } else {
        "not a file"
    }
}

/// Whether `path` is a regular file now (following links); never blocks.
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Opens `path` for reading without blocking (a FIFO with no writer would block a plain
/// open forever) and checks that it is a regular file no larger than `limit`. Returns the
/// file and its size.
pub fn open_regular(path: &Path, limit: u64) -> Result<(std::fs::File, u64), ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options
        .open(path)
        .map_err(|e| match std::fs::metadata(path) {
            // A folder cannot be opened for reading on some systems: say what it is.
            Ok(meta) if !meta.is_file() => ReadError::NotAFile {
                path: path.to_owned(),
                kind: kind_of(meta.file_type()),
            },
            _ => io(e),
        })?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile {
            path: path.to_owned(),
            kind: kind_of(meta.file_type()),
        });
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit,
        });
    }
    Ok((file, meta.len()))
}

/// Reads a whole regular file of at most `limit` bytes, calling `progress(bytes read so
/// far)` after each chunk and stopping (with `Interrupted`) when `cancelled()` says so.
pub fn read_regular(
    path: &Path,
    limit: u64,
    progress: &dyn Fn(u64),
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let (file, size) = open_regular(path, limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let mut chunk = vec![0_u8; 1 << 20];
    // A file that grows while it is read still stops at the limit.
    let mut reader = file.take(limit.saturating_add(1));
    loop {
        if cancelled() {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::Interrupted,
                "cancelled",
            )));
        }
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        bytes.extend_from_slice(&chunk[..n]);
        progress(bytes.len() as u64);
    }
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// What to do when the target already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Fail with [`WriteError::Exists`].
    Keep,
    /// Replace it (the user was asked), if it is a regular file.
    Replace,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists; not replaced", path.display())]
    Exists { path: PathBuf },
    #[error("{} is {kind}: give the path of a file to write", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Our temporary files: `.NAME.memorymap-RANDOM.tmp` beside the target.
const TEMP_MARK: &str = ".memorymap-";
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file of ours this old, that no writer holds locked, was left by a write
/// that was killed.
const STALE_AFTER: Duration = Duration::from_secs(5);

/// Writes `bytes` to `path` atomically (temporary file, then rename or link).
pub fn write_atomically(path: &Path, bytes: &[u8], existing: Existing) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    // What is there now, without following a link (a link is not replaced).
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() || !meta.is_file() => {
            return Err(WriteError::NotAFile {
                path: path.to_owned(),
                kind: kind_of(meta.file_type()),
            });
        }
        Ok(_) if existing == Existing::Keep => {
            return Err(WriteError::Exists {
                path: path.to_owned(),
            });
        }
        _ => {}
    }
    let Some(name) = path.file_name() else {
        // `.`, `..`, `/`: a folder, not a file name.
        return Err(WriteError::NotAFile {
            path: path.to_owned(),
            kind: "a folder",
        });
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    remove_stale_temporaries(dir);
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(TEMP_MARK);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // The mode an ordinary new file gets (the umask still applies).
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    // Held while writing, so that a concurrent cleanup knows this file is alive.
    let _ = tmp.as_file().try_lock();
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    match existing {
        Existing::Replace => tmp.persist(path).map(|_| ()).map_err(|e| io(e.error)),
        // A hard link fails if the target appeared meanwhile: no race with another writer.
        Existing::Keep => match tmp.persist_noclobber(path) {
            Ok(_) => Ok(()),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(WriteError::Exists {
                    path: path.to_owned(),
                })
            }
            Err(e) => Err(io(e.error)),
        },
    }
}

/// Removes our temporary files in `dir` that a killed write left behind: old enough, and
/// not locked by a live writer. Errors are ignored (it is housekeeping).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.contains(TEMP_MARK) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if !meta.is_file() || !old {
            continue;
        }
        let path = entry.path();
        if let Ok(file) = std::fs::File::open(&path)
            && file.try_lock().is_ok()
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("memorymap-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn writes_a_new_file_and_refuses_to_replace_it_unless_asked() {
        let dir = folder("write");
        let path = dir.join("out.csv");
        write_atomically(&path, b"one", Existing::Keep).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let err = write_atomically(&path, b"two", Existing::Keep).unwrap_err();
        assert!(matches!(err, WriteError::Exists { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomically(&path, b"two", Existing::Replace).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.csv")]);
        let err = write_atomically(&dir.join("missing/out.csv"), b"x", Existing::Keep).unwrap_err();
        assert!(err.to_string().contains("missing/out.csv"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_link_planted_at_a_predictable_temporary_name_is_not_followed() {
        let dir = folder("planted");
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, b"keep me").unwrap();
        // The names the old writer used: `.NAME.PID.tmp`.
        for pid in [std::process::id(), 1, 2] {
            #[cfg(unix)]
            std::os::unix::fs::symlink(&victim, dir.join(format!(".out.png.{pid}.tmp"))).unwrap();
        }
        write_atomically(&dir.join("out.png"), b"picture", Existing::Keep).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
        assert_eq!(std::fs::read(dir.join("out.png")).unwrap(), b"picture");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn temporaries_left_by_a_killed_write_are_removed_by_the_next_write() {
        let dir = folder("stale");
        let stale = dir.join(".out.csv.memorymap-abc123.tmp");
        std::fs::write(&stale, vec![0_u8; 1000]).unwrap();
        let old = std::time::SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        // A fresh one (a write in progress) and someone else's hidden file stay.
        let fresh = dir.join(".other.csv.memorymap-def456.tmp");
        std::fs::write(&fresh, b"x").unwrap();
        let foreign = dir.join(".hidden.tmp");
        std::fs::write(&foreign, b"x").unwrap();
        write_atomically(&dir.join("new.csv"), b"data", Existing::Keep).unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists());
        assert!(foreign.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_regular_files_are_replaced_and_folders_are_named_as_such() {
        let dir = folder("kinds");
        for target in [dir.clone(), PathBuf::from("."), PathBuf::from("/")] {
            let err = write_atomically(&target, b"x", Existing::Replace).unwrap_err();
            assert!(matches!(err, WriteError::NotAFile { .. }), "{err}");
            assert!(err.to_string().contains("folder"), "{err}");
        }
        #[cfg(unix)]
        {
            let link = dir.join("link");
            std::os::unix::fs::symlink("/dev/null", &link).unwrap();
            let err = write_atomically(&link, b"x", Existing::Replace).unwrap_err();
            assert!(matches!(err, WriteError::NotAFile { .. }), "{err}");
            let err =
                write_atomically(Path::new("/dev/null"), b"x", Existing::Replace).unwrap_err();
            assert!(err.to_string().contains("device"), "{err}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reading_refuses_what_is_not_a_regular_file_without_blocking() {
        let dir = folder("read");
        let none = |_: u64| {};
        let never = || false;
        let err = read_regular(&dir, 100, &none, &never).unwrap_err();
        assert!(err.to_string().contains("a folder"), "{err}");
        #[cfg(unix)]
        {
            let err = read_regular(Path::new("/dev/zero"), 100, &none, &never).unwrap_err();
            assert!(err.to_string().contains("a device"), "{err}");
            let fifo = dir.join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                // No writer: a plain open would block forever.
                let err = read_regular(&fifo, 100, &none, &never).unwrap_err();
                assert!(err.to_string().contains("FIFO"), "{err}");
            }
        }
        let big = dir.join("big.geojson");
        std::fs::write(&big, vec![b' '; 200]).unwrap();
        let err = read_regular(&big, 100, &none, &never).unwrap_err();
        assert!(
            matches!(err, ReadError::TooLarge { size: 200, .. }),
            "{err}"
        );
        assert_eq!(read_regular(&big, 200, &none, &never).unwrap().len(), 200);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn sizes_take_suffixes() {
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("500M"), Some(500 << 20));
        assert_eq!(parse_size("4g"), Some(4 << 30));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size(""), None);
    }
}
