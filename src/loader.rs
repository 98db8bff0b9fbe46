//! Loading a dataset file off the UI thread, with progress, and watching it for changes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::model::{LoadError, LoadOptions, Loaded, load_bytes, read_file};

/// Why a file is being loaded: the messages differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadReason {
    /// The user opened it (menu, drop, command line, or last session).
    Open,
    /// It changed on disk, or the user asked to reload it.
    Reload,
}

/// What a finished load hands over.
pub struct Arrived {
    pub loaded: Loaded,
    /// The file's SHA-256, in hex.
    pub sha256: String,
    /// The map's spatial index, built here for a dataset large enough to need one, so the
    /// window does not stall on its first frame with the new data.
    pub index: Option<crate::geography::CityIndex>,
}

/// A file being read and checked on a worker thread.
pub struct LoadJob {
    pub path: PathBuf,
    pub reason: LoadReason,
    pub started: Instant,
    /// Bytes read so far, and the file's size when the job started (0 if unknown).
    read: Arc<AtomicU64>,
    pub size: u64,
    result: mpsc::Receiver<Result<Arrived, LoadError>>,
    /// Set when the job is dropped (a newer load replaced it): the worker stops early.
    cancel: Arc<AtomicBool>,
    /// Why the worker could not be started, if it could not.
    spawn_error: Option<String>,
}

impl Drop for LoadJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl LoadJob {
    /// Starts loading `path`; `wake` is called when the result is ready (to repaint).
    pub fn start(path: PathBuf, reason: LoadReason, wake: impl Fn() + Send + 'static) -> Self {
        // metadata() does not open the file: a FIFO here cannot block.
        let size = std::fs::metadata(&path).map_or(0, |m| if m.is_file() { m.len() } else { 0 });
        let read = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (send, result) = mpsc::channel();
        let job_path = path.clone();
        let job_read = Arc::clone(&read);
        let job_cancel = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name("load dataset".into())
            .spawn(move || {
                // A bug in the loader must not take the window down: report it instead.
                let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    load_file(&job_path, &job_read, &job_cancel)
                }))
                .unwrap_or_else(|panic| {
                    Err(LoadError::Io {
                        path: job_path.display().to_string(),
                        source: std::io::Error::other(format!(
                            "the loader failed: {}",
                            panic_message(panic.as_ref())
                        )),
                    })
                });
                // The receiver is gone only if the app dropped the job (a newer load).
                let _ = send.send(loaded);
                wake();
            });
        let spawn_error = spawned
            .err()
            .map(|e| format!("cannot start the loading thread: {e}"));
        Self {
            path,
            reason,
            started: Instant::now(),
            read,
            size,
            result,
            cancel,
            spawn_error,
        }
    }

    /// The result, once the worker has finished: the dataset and the file's SHA-256 (hex).
    pub fn poll(&self) -> Option<Result<Arrived, LoadError>> {
        if let Some(why) = &self.spawn_error {
            return Some(Err(LoadError::Io {
                path: self.path.display().to_string(),
                source: std::io::Error::other(why.clone()),
            }));
        }
        match self.result.try_recv() {
            Ok(result) => Some(result),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(LoadError::Io {
                path: self.path.display().to_string(),
                source: std::io::Error::other("the loading thread stopped unexpectedly"),
            })),
        }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// What to show, in the interface language: reading (with a fraction) or checking
    /// (no fraction).
    pub fn progress_text(&self, tr: &crate::i18n::Strings) -> (String, Option<f32>) {
        let name = crate::text::escape_controls(&display_name(&self.path)).into_owned();
        let read = self.bytes_read();
        if self.size > 0 && read < self.size {
            #[allow(clippy::cast_precision_loss)]
            let fraction = read as f32 / self.size as f32;
            (
                tr.fmt(
                    "activity.reading",
                    &[
                        ("name", &name),
                        ("read", &megabytes(read)),
                        ("size", &megabytes(self.size)),
                    ],
                ),
                Some(fraction),
            )
        } else {
            (
                tr.fmt(
                    "activity.checking",
                    &[
                        ("name", &name),
                        ("read", &megabytes(read)),
                        (
                            "seconds",
                            &format!("{:.0}", self.started.elapsed().as_secs_f32()),
                        ),
                    ],
                ),
                None,
            )
        }
    }
}

fn megabytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / 1_000_000.0;
    if mb < 10.0 {
        format!("{mb:.1} MB")
    } else {
        format!("{mb:.0} MB")
    }
}

/// The file name alone, for titles and messages.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The text of a panic's payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "unknown error".to_owned())
}

fn load_file(path: &Path, read: &AtomicU64, cancel: &AtomicBool) -> Result<Arrived, LoadError> {
    let cancelled = || cancel.load(Ordering::Relaxed);
    let bytes = read_file(path, &|n| read.store(n, Ordering::Relaxed), &cancelled)?;
    // Hash on a second thread while this one parses (1.3 s for 500 MB here).
    let (loaded, sha256) = std::thread::scope(|scope| {
        let hashing = scope.spawn(|| crate::model::builtin::sha256_hex(&bytes));
        let loaded = load_bytes(
            &path.display().to_string(),
            &bytes,
            LoadOptions {
                land: Some(crate::geography::world::on_world_land),
                cancel: Some(cancel),
            },
        );
        (loaded, hashing.join().unwrap_or_default())
    });
    if cancelled() {
        return Err(LoadError::Cancelled {
            path: path.display().to_string(),
        });
    }
    let loaded = loaded?;
    let index = (loaded.dataset.cities.len() > crate::geography::index::INDIVIDUAL_LIMIT)
        .then(|| crate::geography::CityIndex::new(&loaded.dataset));
    Ok(Arrived {
        loaded,
        sha256,
        index,
    })
}

/// Watches one file for changes (its folder, so editors that save by renaming are seen),
/// debounced: a burst of writes gives one event after it settles.
pub struct FileWatcher {
    pub path: PathBuf,
    _debouncer: notify_debouncer_mini::Debouncer<notify::RecommendedWatcher>,
    changed: mpsc::Receiver<()>,
}

/// How long the file must be quiet before a change counts.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// Why a file cannot be watched for changes.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("{path}: {source}", path = .path.display())]
    Path {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot watch {folder}: {source}", folder = .folder.display())]
    Watch {
        folder: PathBuf,
        #[source]
        source: notify::Error,
    },
}

impl FileWatcher {
    pub fn new(path: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, WatchError> {
        let path = std::path::absolute(path).map_err(|source| WatchError::Path {
            path: path.to_owned(),
            source,
        })?;
        let folder = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let (send, changed) = mpsc::channel();
        let target = path.clone();
        let mut debouncer = notify_debouncer_mini::new_debouncer(
            DEBOUNCE,
            move |events: notify_debouncer_mini::DebounceEventResult| {
                let ours = match events {
                    Ok(events) => events.iter().any(|e| e.path == target),
                    Err(e) => {
                        log::warn!("watching for changes: {e}");
                        false
                    }
                };
                if ours {
                    let _ = send.send(());
                    wake();
                }
            },
        )
        .map_err(|source| WatchError::Watch {
            folder: folder.clone(),
            source,
        })?;
        debouncer
            .watcher()
            .watch(&folder, notify::RecursiveMode::NonRecursive)
            .map_err(|source| WatchError::Watch {
                folder: folder.clone(),
                source,
            })?;
        Ok(Self {
            path,
            _debouncer: debouncer,
            changed,
        })
    }

    /// True if the file changed since the last call.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.changed.try_recv().is_ok() {
            any = true;
        }
        any
    }
}
