//! The state saved between runs, checked before anything uses it.
//!
//! eframe keeps one file (`app.ron` in the app's data folder): egui's memory (including
//! its zoom factor), the window's size and position, and what the app remembers. A value
//! that would crash or hang the window on start (a zoom factor of a million, a window
//! larger than any screen, numbers that are not finite) is dropped here, with one log line
//! each, before eframe reads the file. `--fresh` drops all of it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// eframe's keys for egui's memory and the window's geometry.
const EGUI_KEY: &str = "egui";
const WINDOW_KEY: &str = "window";

/// The zoom factors egui's memory may hold (egui's own keyboard zoom stays within these).
const ZOOM_FACTORS: std::ops::RangeInclusive<f64> = 0.2..=5.0;
/// No window or screen coordinate is larger than this, in points or pixels.
const MAX_COORDINATE: f64 = 100_000.0;

/// The file eframe reads and writes for an app with this id.
pub fn storage_file(app_id: &str) -> Option<PathBuf> {
    eframe::storage_dir(app_id).map(|dir| dir.join("app.ron"))
}

/// Checks the saved state in `path` and rewrites it (atomically) without what is unusable;
/// with `fresh`, without egui's, the window's and the app's (`app_key`) state at all.
/// Returns what it dropped, one line each (also logged).
pub fn sanitise(path: &Path, app_key: &str, fresh: bool) -> Vec<String> {
    let mut dropped = Vec::new();
    if !path.exists() {
        return dropped;
    }
    let text = match crate::files::read_regular(path, 64 << 20, &|_| {}, &|| false) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            dropped.push(format!("saved state unreadable, ignored: {e}"));
            return finish(dropped);
        }
    };
    let mut entries: HashMap<String, String> = match ron::from_str(&text) {
        Ok(entries) => entries,
        Err(e) => {
            // eframe would ignore it too; start from nothing and let it write a new one.
            dropped.push(format!("saved state is not readable ({e}); starting fresh"));
            let _ = crate::files::write_atomically(path, b"{}", crate::files::Existing::Replace);
            return finish(dropped);
        }
    };
    let before = entries.len();
    if fresh {
        for key in [EGUI_KEY, WINDOW_KEY, app_key] {
            if entries.remove(key).is_some() {
                dropped.push(format!("--fresh: ignoring the saved {key} state"));
            }
        }
    }
    if let Some(memory) = entries.get(EGUI_KEY)
        && let Some(why) = egui_memory_problem(memory)
    {
        dropped.push(format!("saved egui state dropped: {why}"));
        entries.remove(EGUI_KEY);
    }
    if let Some(window) = entries.get(WINDOW_KEY)
        && let Some(why) = window_problem(window)
    {
        dropped.push(format!("saved window size and position dropped: {why}"));
        entries.remove(WINDOW_KEY);
    }
    if entries.len() != before {
        match ron::to_string(&entries) {
            Ok(text) => {
                if let Err(e) = crate::files::write_atomically(
                    path,
                    text.as_bytes(),
                    crate::files::Existing::Replace,
                ) {
                    dropped.push(format!("cannot rewrite the saved state: {e}"));
                }
            }
            Err(e) => dropped.push(format!("cannot rewrite the saved state: {e}")),
        }
    }
    finish(dropped)
}

fn finish(dropped: Vec<String>) -> Vec<String> {
    for line in &dropped {
        log::warn!("{line}");
    }
    dropped
}

/// Why egui's saved memory must not be used: its zoom factor out of range, or any number
/// in it that is not finite.
fn egui_memory_problem(text: &str) -> Option<String> {
    first_number_problem(text, |key, number| {
        if !number.is_finite() {
            Some(format!(
                "{} is not a finite number",
                key.unwrap_or("a value")
            ))
        } else if key == Some("zoom_factor") && !ZOOM_FACTORS.contains(&number) {
            Some(format!("zoom factor {number} is outside 0.2–5"))
        } else {
            None
        }
    })
}

/// Why the saved window geometry must not be used: a size or position that is not finite
/// or larger than any screen.
fn window_problem(text: &str) -> Option<String> {
    first_number_problem(text, |key, number| {
        (!number.is_finite() || number.abs() > MAX_COORDINATE).then(|| {
            format!(
                "{} = {number} is not a size or position on any screen",
                key.unwrap_or("a value")
            )
        })
    })
}

/// Reads `text` as RON and returns the first problem `check(key, number)` finds among its
/// numbers (or that it is not readable).
fn first_number_problem(
    text: &str,
    check: impl Fn(Option<&str>, f64) -> Option<String>,
) -> Option<String> {
    let value: ron::Value = match ron::from_str(text) {
        Ok(value) => value,
        Err(e) => return Some(format!("not readable ({e})")),
    };
    let mut problem = None;
    walk(&value, None, &mut |key, number| {
        if problem.is_none() {
            problem = check(key, number);
        }
    });
    problem
}

/// Calls `found(key of the nearest map entry, number)` for every number in `value`.
fn walk(value: &ron::Value, key: Option<&str>, found: &mut impl FnMut(Option<&str>, f64)) {
    match value {
        ron::Value::Number(n) => found(key, n.into_f64()),
        ron::Value::Map(map) => {
            for (k, v) in map.iter() {
                let name = match k {
                    ron::Value::String(s) => Some(s.as_str()),
                    _ => key,
                };
                walk(v, name, found);
            }
        }
        ron::Value::Seq(items) => {
            for item in items {
                walk(item, key, found);
            }
        }
        ron::Value::Option(Some(inner)) => walk(inner, key, found),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A saved-state file in a directory of its own (tests run in parallel).
    fn saved(entries: &[(&str, &str)]) -> (PathBuf, PathBuf) {
        let dir = tempfile::Builder::new()
            .prefix("memorymap-saved-")
            .tempdir()
            .unwrap()
            .keep();
        let map: HashMap<String, String> = entries
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let path = dir.join("app.ron");
        std::fs::write(&path, ron::to_string(&map).unwrap()).unwrap();
        (dir, path)
    }

    fn keys(path: &Path) -> Vec<String> {
        let map: HashMap<String, String> =
            ron::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut keys: Vec<String> = map.into_keys().collect();
        keys.sort();
        keys
    }

    #[test]
    fn an_absurd_zoom_factor_or_window_size_is_dropped_and_the_rest_kept() {
        let (dir, path) = saved(&[
            ("egui", "(options: (zoom_factor: 1000000.0))"),
            ("window", "(inner_size: (1e12, 800.0))"),
            ("memorymap-view", "{\"year\": 2019}"),
        ]);
        let dropped = sanitise(&path, "memorymap-view", false);
        assert_eq!(dropped.len(), 2, "{dropped:?}");
        assert_eq!(keys(&path), ["memorymap-view"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn sane_state_is_left_alone_and_fresh_drops_everything() {
        let (dir, path) = saved(&[
            ("egui", "(options: (zoom_factor: 1.0))"),
            ("window", "(inner_size: (1280.0, 800.0))"),
            ("memorymap-view", "{}"),
        ]);
        assert!(sanitise(&path, "memorymap-view", false).is_empty());
        assert_eq!(keys(&path), ["egui", "memorymap-view", "window"]);
        assert_eq!(sanitise(&path, "memorymap-view", true).len(), 3);
        assert!(keys(&path).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_garbled_file_is_replaced_by_an_empty_one() {
        let dir =
            std::env::temp_dir().join(format!("memorymap-saved-garbled-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("app.ron");
        std::fs::write(&path, b"\xff\x00 not ron {{{").unwrap();
        assert_eq!(sanitise(&path, "k", false).len(), 1);
        assert!(keys(&path).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
