//! What the user is looking at, in a form scripts can read (`--state-file`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Dataset;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewState {
    /// The dataset shown: a file's path, or "built-in dataset".
    #[serde(default)]
    pub data: String,
    /// A file is being loaded in the background.
    #[serde(default)]
    pub loading: bool,
    /// The last export written or failed, as shown in the window.
    #[serde(default)]
    pub last_export: Option<String>,
    pub year: i32,
    /// The selected city's id.
    pub selected: Option<String>,
    /// The selected city's status in `year` (its id in the dataset's vocabulary).
    pub selected_status: Option<String>,
    /// Cities per status in `year`, by status id.
    pub counts: BTreeMap<String, usize>,
    /// Where things were drawn, in window points, so scripts can click them.
    #[serde(default)]
    pub screen: ScreenPositions,
    /// The interface language's code.
    #[serde(default)]
    pub lang: String,
    /// Frames drawn since the window opened.
    #[serde(default)]
    pub frames: u64,
    /// Compare mode: the year compared with `year`, and the cities of each kind of change
    /// (by change id).
    #[serde(default)]
    pub compare: Option<i32>,
    #[serde(default)]
    pub changes: BTreeMap<String, usize>,
    /// The map's view in the last frame: `[min lon, min lat, max lon, max lat]`.
    #[serde(default)]
    pub view: Option<[f64; 4]>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScreenPositions {
    /// City id → centre of its marker (cities outside the visible map are left out).
    pub cities: BTreeMap<String, [f32; 2]>,
    /// Year → centre of its button.
    pub year_buttons: BTreeMap<String, [f32; 2]>,
}

impl ViewState {
    pub fn new(dataset: &Dataset, year: i32, selected: Option<usize>) -> Self {
        let counts = dataset.counts(year);
        let vocabulary = dataset.vocabulary();
        Self {
            data: String::new(),
            loading: false,
            last_export: None,
            year,
            selected: selected
                .and_then(|i| dataset.cities.get(i))
                .map(|c| c.id.clone()),
            selected_status: selected
                .map(|i| vocabulary.id(dataset.city_year(i, year).status).to_owned()),
            counts: vocabulary
                .legend()
                .map(|s| (vocabulary.id(s).to_owned(), counts[s.index()]))
                .collect(),
            screen: ScreenPositions::default(),
            lang: String::new(),
            frames: 0,
            compare: None,
            changes: BTreeMap::new(),
            view: None,
        }
    }

    /// Writes the state as JSON to a temporary file beside `path`, then renames it over
    /// `path`, so a reader never sees half a file.
    pub fn write_atomically(&self, path: &Path) -> Result<(), StateFileError> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| StateFileError {
            path: path.to_owned(),
            source: e.into(),
        })?;
        crate::files::write_atomically(path, &json, crate::files::Existing::Replace).map_err(|e| {
            StateFileError {
                path: path.to_owned(),
                source: match e {
                    crate::files::WriteError::Io { source, .. } => source,
                    other => std::io::Error::other(other.to_string()),
                },
            }
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("cannot write the state file {}: {source}", path.display())]
pub struct StateFileError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}
