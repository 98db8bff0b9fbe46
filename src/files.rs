//! Writing files safely: the whole content goes to a temporary file beside the target,
//! which then takes the target's name in one step, so a reader never sees half a file and
//! a failed write leaves the old file as it was. Existing files are only replaced when
//! the caller says the user agreed.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What to do when the target already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Fail with [`WriteError::Exists`].
    Keep,
    /// Replace it (the user was asked).
    Replace,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists; not replaced", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path` atomically (temporary file, then rename or link).
pub fn write_atomically(path: &Path, bytes: &[u8], existing: Existing) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    if existing == Existing::Keep && path.exists() {
        return Err(WriteError::Exists {
            path: path.to_owned(),
        });
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().map_or_else(
        || std::ffi::OsString::from("output"),
        std::ffi::OsStr::to_owned,
    );
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(&name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let written = std::fs::File::create(&tmp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    let placed = match existing {
        Existing::Replace => std::fs::rename(&tmp, path).map_err(io),
        // A hard link fails if the target appeared meanwhile: no race with another writer.
        Existing::Keep => match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(WriteError::Exists {
                path: path.to_owned(),
            }),
            // File systems without hard links (FAT, some network mounts).
            Err(_) if !path.exists() => std::fs::rename(&tmp, path).map_err(io),
            Err(e) => Err(io(e)),
        },
    };
    let _ = std::fs::remove_file(&tmp);
    placed
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn writes_a_new_file_and_refuses_to_replace_it_unless_asked() {
        let dir = std::env::temp_dir().join(format!("memorymap-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.csv");
        let _ = std::fs::remove_file(&path);
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
}
