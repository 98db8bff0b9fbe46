//! The dataset compiled into the binary (`data/kazakhstan.geojson`), and how to load it or
//! a file in its place.

use std::path::Path;

use sha2::{Digest as _, Sha256};

use super::{LoadError, LoadOptions, Loaded, load_bytes, load_path};

/// The built-in dataset's bytes, exactly as compiled in.
pub const BUILTIN_DATA: &str = include_str!("../../data/kazakhstan.geojson");
/// How the built-in dataset is named where a file name would be.
pub const BUILTIN_NAME: &str = "built-in dataset";

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Hex SHA-256 of the built-in dataset file exactly as compiled in.
pub fn builtin_data_sha256() -> String {
    sha256_hex(BUILTIN_DATA.as_bytes())
}

/// Loads `path`, or the built-in dataset when there is none.
pub fn load_dataset(path: Option<&Path>, options: LoadOptions<'_>) -> Result<Loaded, LoadError> {
    match path {
        Some(path) => load_path(path, options),
        None => load_bytes(BUILTIN_NAME, BUILTIN_DATA.as_bytes(), options),
    }
}

/// The built-in dataset, loaded: for the unit tests of every module.
#[cfg(test)]
#[allow(clippy::expect_used)]
pub(crate) fn test_dataset() -> super::Dataset {
    load_dataset(None, LoadOptions::default())
        .expect("the built-in dataset loads")
        .dataset
}

/// Id and version of the built-in dataset, read from its header without a full load.
pub fn builtin_dataset_id() -> (String, String) {
    #[derive(serde::Deserialize)]
    struct Header {
        memorymap: Meta,
    }
    #[derive(serde::Deserialize)]
    struct Meta {
        dataset: Info,
    }
    #[derive(serde::Deserialize)]
    struct Info {
        id: String,
        version: String,
    }
    match serde_json::from_str::<Header>(BUILTIN_DATA) {
        Ok(h) => (h.memorymap.dataset.id, h.memorymap.dataset.version),
        Err(e) => ("unreadable".to_owned(), e.to_string()),
    }
}
