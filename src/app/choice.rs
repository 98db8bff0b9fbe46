//! What the user chose, in one place ([`ViewChoice`]), and the two forms derived from it:
//! what is saved for the next session ([`Remembered`], checked field by field when read
//! back) and what scripts read (`--state-file`, [`crate::state::ViewState`]).

use std::path::PathBuf;

pub use crate::command::DetailsTab;
use crate::command::ListSort;
use crate::i18n::Lang;
use crate::model::{Dataset, MapFilter};

/// What the user chose. The app owns one, and only [`super::MemoryMapApp::apply`] changes
/// it; the selected city is an index into the dataset shown (the saved form keeps its id).
/// The map's view is not here: the plot owns it while it is dragged and zoomed, and it is
/// read from there for saving.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewChoice {
    pub year: i32,
    pub selected: Option<usize>,
    /// Compare mode: the year compared with `year`.
    pub compare: Option<i32>,
    /// Which cities the map shows (the legend's toggles).
    pub filter: MapFilter,
    pub lang: Lang,
    /// The language was chosen (in the window or on the command line) rather than taken
    /// from the system; only a chosen language is remembered.
    pub lang_chosen: bool,
    /// How the city list (and stepping through cities with the keyboard) is ordered.
    pub list_sort: ListSort,
    /// What the side panel shows while comparing.
    pub tab: DetailsTab,
}

impl ViewChoice {
    pub fn new(year: i32, selected: Option<usize>) -> Self {
        Self {
            year,
            selected,
            compare: None,
            filter: MapFilter::default(),
            lang: Lang::default(),
            lang_chosen: false,
            list_sort: ListSort::default(),
            tab: DetailsTab::default(),
        }
    }

    /// The saved form: the city by its id, the file and the view given.
    pub fn remembered(
        &self,
        dataset: &Dataset,
        file: Option<PathBuf>,
        view: Option<[f64; 4]>,
    ) -> Remembered {
        Remembered {
            version: Remembered::VERSION,
            year: self.year,
            city: self
                .selected
                .and_then(|i| dataset.cities.get(i))
                .map(|c| c.id.clone()),
            file,
            view,
            compare: self.compare,
            lang: self.lang_chosen.then_some(self.lang),
        }
    }
}

/// What the window remembers between runs (eframe storage, as JSON).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Remembered {
    pub version: u32,
    pub year: i32,
    pub city: Option<String>,
    pub file: Option<PathBuf>,
    /// `[min lon, min lat, max lon, max lat]`
    pub view: Option<[f64; 4]>,
    /// The year compared with, in compare mode.
    #[serde(default)]
    pub compare: Option<i32>,
    /// The interface language chosen in the window (the system's when never chosen).
    #[serde(default)]
    pub lang: Option<Lang>,
}

impl Remembered {
    pub const KEY: &'static str = "memorymap-view";
    pub const VERSION: u32 = 1;

    /// Reads what was saved, field by field: a field that is unusable (a view that is not
    /// on the globe, a year no dataset has, a file that is now a folder or a pipe) falls
    /// back to its default with a log line, and the others are kept. Anything unreadable
    /// or from another version is discarded whole.
    pub fn parse(text: &str) -> Option<Self> {
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(value) => value,
            Err(e) => {
                log::warn!("discarding the saved window state: {e}");
                return None;
            }
        };
        let Some(fields) = value.as_object() else {
            log::warn!("discarding the saved window state: not an object");
            return None;
        };
        let version = fields.get("version").and_then(serde_json::Value::as_u64);
        if version != Some(u64::from(Self::VERSION)) {
            log::warn!(
                "discarding the saved window state: version {version:?} (this build writes {})",
                Self::VERSION
            );
            return None;
        }
        let drop_field = |name: &str, why: &str| {
            log::warn!("saved window state: {name} ignored ({why})");
        };
        let year_field = |name: &str| -> Option<i32> {
            let value = fields.get(name)?;
            match value.as_i64().and_then(|y| i32::try_from(y).ok()) {
                Some(y) if (1800..=2200).contains(&y) => Some(y),
                _ if value.is_null() => None,
                _ => {
                    drop_field(name, "not a year from 1800 to 2200");
                    None
                }
            }
        };
        let year = year_field("year").unwrap_or(0);
        let compare = year_field("compare");
        let city = match fields.get("city") {
            Some(serde_json::Value::String(id))
                if !id.is_empty() && id.len() <= 256 && !id.chars().any(char::is_control) =>
            {
                Some(id.clone())
            }
            None | Some(serde_json::Value::Null) => None,
            Some(_) => {
                drop_field("city", "not a city id");
                None
            }
        };
        let file = match fields.get("file") {
            Some(serde_json::Value::String(path)) if !path.is_empty() => {
                let path = PathBuf::from(path);
                if crate::files::is_regular_file(&path) {
                    Some(path)
                } else {
                    drop_field("file", "it is no longer a regular file");
                    None
                }
            }
            None | Some(serde_json::Value::Null) => None,
            Some(_) => {
                drop_field("file", "not a path");
                None
            }
        };
        let view = match fields.get("view") {
            None | Some(serde_json::Value::Null) => None,
            Some(value) => match serde_json::from_value::<[f64; 4]>(value.clone()) {
                Ok(view) if crate::geography::sane_view(view) => Some(view),
                _ => {
                    drop_field("view", "not a view of the globe");
                    None
                }
            },
        };
        let lang = match fields.get("lang") {
            None | Some(serde_json::Value::Null) => None,
            Some(value) => serde_json::from_value::<Lang>(value.clone())
                .map_err(|_| drop_field("lang", "not a known language"))
                .ok(),
        };
        Some(Self {
            version: Self::VERSION,
            year,
            city,
            file,
            view,
            compare,
            lang,
        })
    }
}
