//! A launch's timeline, for measuring start-up (docs/BENCHMARKS.md): run with
//! `RUST_LOG=memorymap::timing=info` and each step logs the milliseconds since `main`
//! began — the world basemap opened, the dataset read, the window up, each of the first
//! passes laid out and each raster of the basemap. Off (one check of the log level), it
//! costs nothing.

use std::sync::OnceLock;
use std::time::Instant;

const TARGET: &str = "memorymap::timing";

static BEGAN: OnceLock<Instant> = OnceLock::new();

/// The start of the timeline; the first call wins (`main` calls it first).
pub fn begin() {
    BEGAN.get_or_init(Instant::now);
}

/// Whether the timeline is logged.
pub fn enabled() -> bool {
    log::log_enabled!(target: TARGET, log::Level::Info)
}

/// Logs `what` at the time since [`begin`] (since the first mark, if nothing began).
pub fn mark(what: std::fmt::Arguments<'_>) {
    if enabled() {
        let began = BEGAN.get_or_init(Instant::now);
        log::info!(target: TARGET, "{:8.1} ms  {what}", began.elapsed().as_secs_f64() * 1e3);
    }
}
