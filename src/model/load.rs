//! Reading a dataset file: bytes → JSON → typed records → checked [`Dataset`].
//!
//! Every problem is collected (not just the first), with the file and the place:
//! a line and column for JSON syntax, an item id and field path for meaning.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::check::{Check, CheckedAgainst, Confirmed};
use super::problem::{Location, Problem, Severity};
use super::{
    City, Contest, Dataset, DatasetInfo, LonLat, MarkerShape, NamePeriod, Names, Note, Outcome,
    PartialDate, Reliability, Report, Rgb, Source, Status, Texts, TimelineEntry, Timing,
    Vocabulary,
};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Quotations longer than this are flagged: excerpts must stay short.
pub const MAX_EXCERPT_CHARS: usize = 300;

/// Years outside this range are taken to be typing mistakes.
const SANE_YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

#[derive(Clone, Copy, Default)]
pub struct LoadOptions<'a> {
    /// Set by another thread when the result is no longer wanted: checking stops early.
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
    /// Whether a point is on land: a city on no land gets a warning (longitude and
    /// latitude swapped, or a typing mistake), or an error when swapping them would put it
    /// on land.
    pub land: Option<fn(f64, f64) -> bool>,
}

/// A dataset that passed validation, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub warnings: Vec<Problem>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Not a regular file, or too large: refused before reading.
    #[error("{0}")]
    Refused(#[source] crate::files::ReadError),
    /// A newer load replaced this one.
    #[error("{path}: loading was cancelled")]
    Cancelled { path: String },
    /// The file was read but has errors; `problems` holds every error and warning found.
    #[error("{}", join_lines(problems))]
    Invalid { problems: Vec<Problem> },
}

impl LoadError {
    /// Every problem, as a list (a read failure becomes one problem about the file).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Self::Io { path, source } => vec![Problem::error(
                path,
                Location::File,
                format!("cannot read the file: {source}"),
            )],
            Self::Refused(error) => vec![Problem::error(
                &error.path().display().to_string(),
                Location::File,
                error.reason(),
            )],
            Self::Cancelled { path } => vec![Problem::error(
                path,
                Location::File,
                "loading was cancelled",
            )],
            Self::Invalid { problems } => problems.clone(),
        }
    }
}

fn join_lines(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn load_path(path: &Path, options: LoadOptions<'_>) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let bytes = read_file(path, &|_| {}, &|| false)?;
    load_bytes(&name, &bytes, options)
}

/// Reads a whole dataset file (a regular file no larger than [`crate::files::max_file_bytes`]),
/// calling `progress(bytes read so far)` after each chunk; stops when `cancelled()` says so.
pub fn read_file(
    path: &Path,
    progress: &dyn Fn(u64),
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<u8>, LoadError> {
    use crate::files::ReadError;
    match crate::files::read_regular(path, crate::files::max_file_bytes(), progress, cancelled) {
        Ok(bytes) => Ok(bytes),
        Err(ReadError::Io { source, .. }) if cancelled() => {
            drop(source);
            Err(LoadError::Cancelled {
                path: path.display().to_string(),
            })
        }
        Err(ReadError::Io { path, source }) => Err(LoadError::Io {
            path: path.display().to_string(),
            source,
        }),
        Err(refused) => Err(LoadError::Refused(refused)),
    }
}

/// Loads a dataset from the bytes of a file called `file` (used in messages): the CSV form
/// when the name ends in `.csv`, GeoJSON otherwise.
pub fn load_bytes(file: &str, bytes: &[u8], options: LoadOptions<'_>) -> Result<Loaded, LoadError> {
    if is_csv_name(file) {
        return super::csv_form::load_csv_bytes(file, bytes, options);
    }
    let mut checker = Checker {
        file,
        problems: Vec::new(),
        errors: 0,
    };
    let dataset = checker.load(bytes, options);
    finish(file, checker.problems, dataset)
}

/// True for names that end in `.csv` (any case): those files are read in the CSV form.
pub fn is_csv_name(file: &str) -> bool {
    file.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("csv"))
}

/// Checks a dataset already in the GeoJSON schema's JSON form (built from another format).
/// Returns the dataset, if it could be built, and every problem found.
pub(crate) fn load_json_value(
    file: &str,
    root: Value,
    options: LoadOptions<'_>,
) -> (Option<Dataset>, Vec<Problem>) {
    let mut checker = Checker {
        file,
        problems: Vec::new(),
        errors: 0,
    };
    let dataset = checker.load_value(root, options);
    (dataset, checker.problems)
}

/// A dataset passes when it was built and no problem is an error.
pub(crate) fn finish(
    file: &str,
    problems: Vec<Problem>,
    dataset: Option<Dataset>,
) -> Result<Loaded, LoadError> {
    let has_errors = problems.iter().any(|p| p.severity == Severity::Error);
    match dataset {
        Some(dataset) if !has_errors => Ok(Loaded {
            dataset,
            warnings: problems,
        }),
        _ => {
            // Errors first, in the order found; a file with no error still must not pass.
            let mut problems = problems;
            problems.sort_by_key(|p| std::cmp::Reverse(p.severity));
            if problems.is_empty() {
                problems.push(Problem::error(
                    file,
                    Location::File,
                    "the file could not be read as a dataset",
                ));
            }
            Err(LoadError::Invalid { problems })
        }
    }
}

// ---------------------------------------------------------------------------
// The file format, as written (see docs/DATA.md).

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    schema_version: u32,
    dataset: RawInfo,
    #[serde(default)]
    sources: Vec<Value>,
    #[serde(default)]
    country_timeline: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInfo {
    id: String,
    title: String,
    version: String,
    #[serde(default)]
    description: String,
    first_year: i32,
    last_year: i32,
    #[serde(default)]
    licence: String,
    #[serde(default)]
    status_rule: String,
    /// "MM-DD"
    #[serde(default)]
    event_day: Option<String>,
    /// `[min lon, min lat, max lon, max lat]`
    #[serde(default)]
    view: Option<[f64; 4]>,
    #[serde(default)]
    area: Option<String>,
    /// The dataset's own statuses (docs/DATA.md §11); the built-in ones without it.
    #[serde(default)]
    statuses: Option<Vec<RawStatusDef>>,
    /// BCP 47 code of the names to show when the interface's language has none.
    #[serde(default)]
    name_language: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatusDef {
    id: String,
    outcome: Outcome,
    #[serde(default)]
    label: Option<RawTexts>,
    #[serde(default)]
    meaning: Option<RawTexts>,
    /// `#RRGGBB`
    #[serde(default)]
    colour: Option<String>,
    #[serde(default)]
    shape: Option<MarkerShape>,
}

/// Words in one language (a plain string, taken as English) or several
/// (`{"en": "…", "es": "…"}`).
#[derive(Deserialize)]
#[serde(untagged)]
enum RawTexts {
    One(String),
    Many(serde_json::Map<String, Value>),
}

/// A status as a file gives it: the built-in ids without an allocation, others as text.
/// Which status it is depends on the dataset's vocabulary, known only once the dataset's
/// settings are read.
#[derive(Debug)]
enum RawStatus {
    Builtin(&'static str),
    Other(Box<str>),
}

impl RawStatus {
    fn as_str(&self) -> &str {
        match self {
            Self::Builtin(id) => id,
            Self::Other(id) => id,
        }
    }
}

impl<'de> Deserialize<'de> for RawStatus {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawStatus;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a status id")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawStatus, E> {
                const BUILTIN: [&str; 9] = [
                    "held",
                    "held_renamed",
                    "alternative",
                    "announced",
                    "official_only",
                    "refused",
                    "cancelled",
                    "none_planned",
                    "no_report",
                ];
                Ok(match BUILTIN.iter().find(|id| **id == v) {
                    Some(id) => RawStatus::Builtin(id),
                    None => RawStatus::Other(v.into()),
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    title: String,
    publisher: String,
    url: String,
    #[serde(default)]
    url_partial: bool,
    published: String,
    #[serde(default)]
    published_uncertain: bool,
    language: String,
    #[serde(default = "normal")]
    reliability: Reliability,
    #[serde(default)]
    facts_ref: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    republishes: Option<String>,
}

/// How an item was checked (docs/DATA.md §3).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    on: String,
    against: CheckedAgainst,
    #[serde(default)]
    what: Vec<Confirmed>,
    #[serde(default)]
    note: Option<String>,
}

fn normal() -> Reliability {
    Reliability::Normal
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimelineEntry {
    id: String,
    /// ISO 3166-1 alpha-2: the country the statement is about.
    #[serde(default)]
    country: Option<String>,
    first_year: i32,
    last_year: i32,
    #[serde(default)]
    status: Option<RawStatus>,
    summary: String,
    #[serde(default)]
    excerpt: Option<String>,
    source: String,
    #[serde(default)]
    contested_by: Vec<RawContest>,
    #[serde(default)]
    checked: Option<RawCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContest {
    summary: String,
    sources: Vec<String>,
}

/// A feature as the fast path reads it: [`RawFeature`] with a string id.
struct TypedFeature {
    kind: String,
    id: String,
    geometry: Option<RawGeometry>,
    properties: Option<RawProperties>,
}

/// The whole file as the fast path reads it.
struct TypedCollection {
    kind: Option<Value>,
    memorymap: Option<Value>,
    features: Vec<TypedFeature>,
}

/// Reads the members of a JSON object: `known` takes the ones it knows (returning false
/// for others); every other member (a GeoJSON foreign member) is read as a whole
/// [`Value`] and dropped, so that it is checked exactly as the slow path checks it —
/// UTF-8, escapes, number range, nesting depth — rather than skipped unread.
fn read_members<'de, A: serde::de::MapAccess<'de>>(
    mut map: A,
    mut known: impl FnMut(&str, &mut A) -> Result<bool, A::Error>,
) -> Result<(), A::Error> {
    while let Some(key) = map.next_key::<String>()? {
        if !known(&key, &mut map)? {
            map.next_value::<Value>()?;
        }
    }
    Ok(())
}

/// A `Deserialize` for a struct read with [`read_members`].
macro_rules! deserialize_members {
    ($type:ident, $what:literal, |$key:ident, $map:ident| $body:expr, $build:expr) => {
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visit;
                impl<'de> serde::de::Visitor<'de> for Visit {
                    type Value = $type;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$type, A::Error> {
                        let mut fields = Default::default();
                        read_members(map, |$key, $map| {
                            let fields: &mut _ = &mut fields;
                            ($body)(fields)
                        })?;
                        ($build)(fields)
                    }
                }
                d.deserialize_map(Visit)
            }
        }
    };
}

type FeatureFields = (
    Option<String>,
    Option<String>,
    Option<Option<RawGeometry>>,
    Option<Option<RawProperties>>,
);

deserialize_members!(
    TypedFeature,
    "a Feature object",
    |key, map| |f: &mut FeatureFields| -> Result<bool, A::Error> {
        match key {
            "type" => f.0 = Some(map.next_value()?),
            "id" => f.1 = Some(map.next_value()?),
            "geometry" => f.2 = Some(map.next_value()?),
            "properties" => f.3 = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    },
    |f: FeatureFields| -> Result<TypedFeature, A::Error> {
        use serde::de::Error as _;
        Ok(TypedFeature {
            kind: f.0.ok_or_else(|| A::Error::missing_field("type"))?,
            id: f.1.ok_or_else(|| A::Error::missing_field("id"))?,
            geometry: f.2.flatten(),
            properties: f.3.flatten(),
        })
    }
);

type CollectionFields = (Option<Value>, Option<Value>, Option<Vec<TypedFeature>>);

deserialize_members!(
    TypedCollection,
    "a FeatureCollection object",
    |key, map| |f: &mut CollectionFields| -> Result<bool, A::Error> {
        match key {
            "type" => f.0 = Some(map.next_value()?),
            "memorymap" => f.1 = Some(map.next_value()?),
            "features" => f.2 = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    },
    |f: CollectionFields| -> Result<TypedCollection, A::Error> {
        use serde::de::Error as _;
        Ok(TypedCollection {
            kind: f.0,
            memorymap: f.1,
            features: f.2.ok_or_else(|| A::Error::missing_field("features"))?,
        })
    }
);

/// One feature to check, from either path. Only one exists at a time (they are taken from
/// their list one by one), so the size difference between the variants costs nothing.
#[allow(clippy::large_enum_variant)]
enum FeatureInput {
    Json(Value),
    Typed(TypedFeature),
}

/// Reads the file straight into typed features, or `None` when anything at the JSON or
/// type level is off (the caller then takes the slow path, which reports it).
fn parse_typed(bytes: &[u8]) -> Option<(Value, Vec<TypedFeature>)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let collection: TypedCollection = serde_json::from_slice(bytes).ok()?;
    let mut root = serde_json::Map::new();
    if let Some(kind) = collection.kind {
        root.insert("type".into(), kind);
    }
    if let Some(meta) = collection.memorymap {
        root.insert("memorymap".into(), meta);
    }
    Some((Value::Object(root), collection.features))
}

/// A GeoJSON Feature; foreign members are allowed here (RFC 7946 §6.1), not in properties.
#[derive(Deserialize)]
struct RawFeature {
    #[serde(rename = "type")]
    kind: String,
    geometry: Option<RawGeometry>,
    properties: Option<RawProperties>,
}

struct RawGeometry {
    kind: String,
    coordinates: Value,
}

type GeometryFields = (Option<String>, Option<Value>);

deserialize_members!(
    RawGeometry,
    "a GeoJSON geometry object",
    |key, map| |f: &mut GeometryFields| -> Result<bool, A::Error> {
        match key {
            "type" => f.0 = Some(map.next_value()?),
            "coordinates" => f.1 = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    },
    |f: GeometryFields| -> Result<RawGeometry, A::Error> {
        use serde::de::Error as _;
        Ok(RawGeometry {
            kind: f.0.ok_or_else(|| A::Error::missing_field("type"))?,
            coordinates: f.1.ok_or_else(|| A::Error::missing_field("coordinates"))?,
        })
    }
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProperties {
    names: RawNames,
    #[serde(default)]
    name_history: Vec<RawNamePeriod>,
    #[serde(default)]
    aliases: Vec<String>,
    region: String,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default)]
    geonames_id: Option<u64>,
    #[serde(default)]
    reports: Vec<RawReport>,
    #[serde(default)]
    notes: Vec<RawNote>,
    /// Written by `export` for one year (the drawn status); recomputed, never read.
    #[serde(default, rename = "computed")]
    _computed: Option<Value>,
}

/// A place's names as written: `{"en": "Almaty", "kk": "Алматы", "zh": "阿拉木图"}`, any
/// language code as the key, in the file's order.
struct RawNames(Vec<(String, String)>);

/// A former name: its names (as [`RawNames`]) and `from`/`to` in one object.
struct RawNamePeriod {
    names: Vec<(String, String)>,
    from: Option<String>,
    to: Option<String>,
}

/// Reads an object of language code → name; `from` and `to` are taken out when `dated`.
fn names_map<'de, A: serde::de::MapAccess<'de>>(
    mut map: A,
    dated: bool,
) -> Result<RawNamePeriod, A::Error> {
    use serde::de::Error;
    let mut period = RawNamePeriod {
        names: Vec::new(),
        from: None,
        to: None,
    };
    while let Some(key) = map.next_key::<String>()? {
        match key.as_str() {
            "from" if dated => period.from = Some(map.next_value()?),
            "to" if dated => period.to = Some(map.next_value()?),
            _ => {
                if period.names.iter().any(|(lang, _)| *lang == key) {
                    return Err(A::Error::custom(format!("duplicate field `{key}`")));
                }
                let name: String = map.next_value()?;
                period.names.push((key, name));
            }
        }
    }
    Ok(period)
}

struct NamesVisitor {
    dated: bool,
}

impl<'de> serde::de::Visitor<'de> for NamesVisitor {
    type Value = RawNamePeriod;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object of language code → name")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawNamePeriod, A::Error> {
        names_map(map, self.dated)
    }
}

impl<'de> Deserialize<'de> for RawNames {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_map(NamesVisitor { dated: false })
            .map(|p| Self(p.names))
    }
}

impl<'de> Deserialize<'de> for RawNamePeriod {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(NamesVisitor { dated: true })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    id: String,
    year: i32,
    date: String,
    timing: Timing,
    status: RawStatus,
    summary: String,
    #[serde(default)]
    excerpt: Option<String>,
    source: String,
    #[serde(default)]
    uncertain: bool,
    #[serde(default)]
    checked: Option<RawCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNote {
    year: i32,
    summary: String,
    source: String,
    #[serde(default)]
    checked: Option<RawCheck>,
}

// ---------------------------------------------------------------------------

struct Checker<'f> {
    file: &'f str,
    problems: Vec<Problem>,
    /// How many of `problems` are errors, counted as they are added (a file full of errors
    /// must not cost a count over all problems per city).
    errors: usize,
}

/// Where an item's problems are reported: its kind and id.
struct Item<'a> {
    kind: &'static str,
    id: &'a str,
}

impl Item<'_> {
    fn at(&self, field: impl Into<String>) -> Location {
        Location::Item {
            kind: self.kind,
            id: self.id.to_owned(),
            field: field.into(),
        }
    }
}

impl Checker<'_> {
    fn error(&mut self, location: Location, message: impl Into<String>) {
        self.errors += 1;
        self.problems
            .push(Problem::error(self.file, location, message));
    }

    fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.problems
            .push(Problem::warning(self.file, location, message));
    }

    fn load(&mut self, bytes: &[u8], options: LoadOptions<'_>) -> Option<Dataset> {
        // The fast path reads the features straight into typed structs. Any problem at that
        // level (bad JSON, a wrong type, a missing field) sends the file down the slow path,
        // which parses it into a tree first so that every such problem is found and placed.
        if let Some((root, features)) = parse_typed(bytes) {
            return self.load_parts(root, Some(features), options);
        }
        let root = self.parse_json(bytes)?;
        self.load_value(root, options)
    }

    /// Checks and converts the parsed JSON, consuming it: each feature's tree is freed as
    /// soon as its city is built, so the tree and the dataset are not both held whole.
    fn load_value(&mut self, root: Value, options: LoadOptions<'_>) -> Option<Dataset> {
        self.load_parts(root, None, options)
    }

    /// `typed`: the features already read by the fast path (`root` then has none).
    fn load_parts(
        &mut self,
        mut root: Value,
        typed: Option<Vec<TypedFeature>>,
        options: LoadOptions<'_>,
    ) -> Option<Dataset> {
        let Some(root) = root.as_object_mut() else {
            self.error(
                Location::Field("(top level)".into()),
                "expected a GeoJSON FeatureCollection object",
            );
            return None;
        };
        match root.get("type").and_then(Value::as_str) {
            Some("FeatureCollection") => {}
            Some(other) => self.error(
                Location::Field("type".into()),
                format!("expected \"FeatureCollection\", found \"{other}\""),
            ),
            None => self.error(
                Location::Field("type".into()),
                "missing: a dataset is a GeoJSON FeatureCollection",
            ),
        }
        let Some(meta) = root.get("memorymap") else {
            self.error(
                Location::Field("memorymap".into()),
                "missing: the dataset's sources and settings go in a \"memorymap\" member (docs/DATA.md)",
            );
            return None;
        };
        let meta: RawMeta =
            self.typed(meta, |field| Location::Field(format!("memorymap.{field}")))?;
        if meta.schema_version != SCHEMA_VERSION {
            self.error(
                Location::Field("memorymap.schema_version".into()),
                format!(
                    "schema version {} is not supported: this build reads version {SCHEMA_VERSION}",
                    meta.schema_version
                ),
            );
            return None;
        }
        let info = self.info(meta.dataset)?;
        let (sources, source_index) = self.sources(&meta.sources);
        let mut cited = vec![false; sources.len()];
        let timeline = self.timeline(&meta.country_timeline, &info, &source_index, &mut cited);
        let no_features = match &typed {
            Some(features) => features.is_empty(),
            None => matches!(root.get("features"), Some(Value::Array(a)) if a.is_empty()),
        };
        // Each feature is taken from its list as it is checked, never all converted at once.
        let features: Box<dyn Iterator<Item = FeatureInput>> =
            match (typed, root.remove("features")) {
                (Some(typed), _) => Box::new(typed.into_iter().map(FeatureInput::Typed)),
                (None, Some(Value::Array(features))) => {
                    Box::new(features.into_iter().map(FeatureInput::Json))
                }
                (None, Some(_)) => {
                    self.error(
                        Location::Field("features".into()),
                        "expected an array of features",
                    );
                    Box::new(std::iter::empty())
                }
                (None, None) => {
                    self.error(
                        Location::Field("features".into()),
                        "missing: the list of cities",
                    );
                    Box::new(std::iter::empty())
                }
            };
        let cities = self.cities(features, &info, &source_index, &mut cited, options);
        if no_features {
            self.warning(
                Location::Field("features".into()),
                "the dataset has no cities",
            );
        }
        // An item dropped for an error cites nothing, so "uncited" would be noise then.
        let sound = self.error_count() == 0;
        for (source, cited) in sources.iter().zip(cited).filter(|_| sound) {
            if !cited {
                self.warning(
                    Location::Item {
                        kind: "source",
                        id: source.id.clone(),
                        field: "id".into(),
                    },
                    "no report, note or timeline entry cites this source",
                );
            }
        }
        Some(Dataset::new(info, sources, timeline, cities))
    }

    fn parse_json(&mut self, bytes: &[u8]) -> Option<Value> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            self.error(Location::File, "the file is empty");
            return None;
        }
        let lossy;
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
                let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
                self.error(
                    Location::Text { line, column },
                    format!(
                        "the file is not valid UTF-8 (byte 0x{:02X}); save it as UTF-8",
                        bytes[e.valid_up_to()]
                    ),
                );
                // Read on with the bad bytes replaced, so that the file's other problems
                // are listed too (it fails either way).
                lossy = String::from_utf8_lossy(bytes);
                &lossy
            }
        };
        match serde_json::from_str(text) {
            Ok(value) => Some(value),
            Err(e) => {
                let message = e.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(m, _)| m);
                let message = if e.is_eof() {
                    let inside = message
                        .strip_prefix("EOF while parsing ")
                        .unwrap_or("the data");
                    format!("the file ends too early, inside {inside} (is it cut off?)")
                } else if message.contains("recursion limit exceeded") {
                    "invalid JSON: nested too deeply (more than 128 levels of [ and {)".to_owned()
                } else {
                    format!("invalid JSON: {message}")
                };
                self.error(
                    Location::Text {
                        line: e.line().max(1),
                        // serde_json counts the newline itself as column 0 of the next line.
                        column: e.column().max(1),
                    },
                    message,
                );
                None
            }
        }
    }

    /// Reads `value` as `T`, reporting a type error at the failing field.
    fn typed<T: for<'de> Deserialize<'de>>(
        &mut self,
        value: &Value,
        at: impl Fn(&str) -> Location,
    ) -> Option<T> {
        let result = serde_path_to_error::deserialize::<_, T>(value);
        self.typed_result(result, at)
    }

    /// [`Self::typed`] taking the value, so its strings move instead of being copied.
    fn typed_owned<T: for<'de> Deserialize<'de>>(
        &mut self,
        value: Value,
        at: impl Fn(&str) -> Location,
    ) -> Option<T> {
        let result = serde_path_to_error::deserialize::<_, T>(value);
        self.typed_result(result, at)
    }

    fn typed_result<T>(
        &mut self,
        result: Result<T, serde_path_to_error::Error<serde_json::Error>>,
        at: impl Fn(&str) -> Location,
    ) -> Option<T> {
        match result {
            Ok(t) => Some(t),
            Err(e) => {
                let path = e.path().to_string();
                let message = plain_type_error(&e.inner().to_string());
                // "missing field `x`" is about the child `x`, not the parent the path names.
                let field = match message
                    .strip_prefix("missing field `")
                    .and_then(|m| m.strip_suffix('`'))
                {
                    Some(child) if path == "." => child.to_owned(),
                    Some(child) => format!("{path}.{child}"),
                    None if path == "." => "(whole item)".to_owned(),
                    None => path,
                };
                self.error(at(&field), message);
                None
            }
        }
    }

    fn info(&mut self, raw: RawInfo) -> Option<DatasetInfo> {
        let at = |f: &str| Location::Field(format!("memorymap.dataset.{f}"));
        let mut ok = true;
        for (field, year) in [("first_year", raw.first_year), ("last_year", raw.last_year)] {
            if !SANE_YEARS.contains(&year) {
                self.error(at(field), format!("year {year} is out of range"));
                ok = false;
            }
        }
        if raw.first_year > raw.last_year {
            self.error(
                at("last_year"),
                format!(
                    "last_year {} is before first_year {}",
                    raw.last_year, raw.first_year
                ),
            );
            ok = false;
        }
        let event_day = match raw
            .event_day
            .as_deref()
            .map(|text| (text, parse_month_day(text)))
        {
            None => (7, 1),
            Some((_, Ok(day))) => day,
            Some((_, Err(message))) => {
                self.error(at("event_day"), message);
                ok = false;
                (7, 1)
            }
        };
        let view = match raw.view {
            None => None,
            Some([min_lon, min_lat, max_lon, max_lat])
                if (-180.0..=180.0).contains(&min_lon)
                    && (-180.0..=180.0).contains(&max_lon)
                    && (-90.0..=90.0).contains(&min_lat)
                    && (-90.0..=90.0).contains(&max_lat)
                    && min_lon < max_lon
                    && min_lat < max_lat =>
            {
                Some(super::LonLatBounds {
                    min_lon,
                    min_lat,
                    max_lon,
                    max_lat,
                })
            }
            Some(_) => {
                self.error(
                    at("view"),
                    "expected [min longitude, min latitude, max longitude, max latitude] with min < max, longitudes -180..180 and latitudes -90..90",
                );
                ok = false;
                None
            }
        };
        let vocabulary = match raw.statuses {
            None => Vocabulary::builtin(),
            Some(statuses) => match self.vocabulary(statuses) {
                Some(vocabulary) => vocabulary,
                None => {
                    ok = false;
                    Vocabulary::builtin()
                }
            },
        };
        if let Some(lang) = &raw.name_language
            && !crate::text::is_language_tag(lang)
        {
            self.error(
                at("name_language"),
                format!("`{lang}` is not a language code (BCP 47, e.g. en, es, zh-Hant)"),
            );
            ok = false;
        }
        ok.then_some(DatasetInfo {
            id: raw.id,
            title: raw.title,
            version: raw.version,
            description: raw.description,
            first_year: raw.first_year,
            last_year: raw.last_year,
            licence: raw.licence,
            status_rule: raw.status_rule,
            event_day,
            view,
            area: raw.area.filter(|a| !crate::text::is_blank(a)),
            vocabulary,
            name_language: raw.name_language,
        })
    }

    /// A dataset's own statuses, each field checked; `None` after reporting what is wrong.
    fn vocabulary(&mut self, raw: Vec<RawStatusDef>) -> Option<Vocabulary> {
        let at = |i: usize, f: &str| Location::Field(format!("memorymap.dataset.statuses[{i}]{f}"));
        let mut ok = true;
        let mut declared = Vec::with_capacity(raw.len());
        for (i, def) in raw.into_iter().enumerate() {
            let colour = match def.colour.as_deref().map(|c| (c, Rgb::parse(c))) {
                None => None,
                Some((_, Some(rgb))) => Some(rgb),
                Some((given, None)) => {
                    self.error(
                        at(i, ".colour"),
                        format!("`{given}` is not a colour: write it as #RRGGBB, e.g. #D55E00"),
                    );
                    ok = false;
                    None
                }
            };
            let mut texts = |field: &str, raw: Option<RawTexts>| -> Texts {
                let pairs = match raw {
                    None => Vec::new(),
                    Some(RawTexts::One(text)) => vec![("en".to_owned(), text)],
                    Some(RawTexts::Many(map)) => map
                        .into_iter()
                        .filter_map(|(lang, text)| match text {
                            Value::String(text) => Some((lang, text)),
                            _ => {
                                self.error(at(i, &format!(".{field}.{lang}")), "expected a string");
                                ok = false;
                                None
                            }
                        })
                        .collect(),
                };
                for (lang, text) in &pairs {
                    if !crate::text::is_language_tag(lang) {
                        self.error(
                            at(i, &format!(".{field}")),
                            format!(
                                "`{lang}` is not a language code (BCP 47, e.g. en, es, zh-Hant)"
                            ),
                        );
                        ok = false;
                    }
                    self.hidden_characters_at(at(i, &format!(".{field}.{lang}")), text);
                }
                Texts(pairs)
            };
            let label = texts("label", def.label);
            let meaning = texts("meaning", def.meaning);
            declared.push(super::status::Declared {
                id: def.id,
                outcome: def.outcome,
                label,
                meaning,
                colour,
                shape: def.shape,
            });
        }
        match Vocabulary::declared(declared) {
            Ok(vocabulary) => ok.then_some(vocabulary),
            Err(message) => {
                self.error(
                    Location::Field("memorymap.dataset.statuses".into()),
                    message,
                );
                None
            }
        }
    }

    /// The status a report or timeline entry gives, in the dataset's vocabulary.
    fn status(&mut self, at: Location, given: &RawStatus, info: &DatasetInfo) -> Option<Status> {
        let found = info.vocabulary.find(given.as_str());
        if found.is_none() {
            self.error(at, info.vocabulary.unknown_status_message(given.as_str()));
        }
        found
    }

    fn sources(&mut self, raw: &[Value]) -> (Vec<Source>, HashMap<String, usize>) {
        let mut sources = Vec::new();
        let mut index = HashMap::default();
        let mut first_position = HashMap::default();
        let mut republished = Vec::new();
        for (i, value) in raw.iter().enumerate() {
            let id = item_id(value, i);
            let item = Item {
                kind: "source",
                id: &id,
            };
            let Some(raw) = self.typed::<RawSource>(value, |f| item.at(f)) else {
                continue;
            };
            let mut ok = self.check_id(&item, &raw.id);
            ok &= self.unique_id(&item, &mut first_position, &raw.id, i);
            let published = self.date(&item, "published", &raw.published);
            if crate::text::is_blank(&raw.url) {
                self.error(item.at("url"), "empty: every source needs an address");
                ok = false;
            } else if let Some(why) = crate::text::web_link_problem(&raw.url) {
                self.warning(
                    item.at("url"),
                    format!("{why}: it is shown as text, not as a link"),
                );
            }
            for (field, text) in [
                ("title", &raw.title),
                ("publisher", &raw.publisher),
                ("language", &raw.language),
            ] {
                ok &= self.not_empty(&item, field, text);
            }
            let (Some(published), true) = (published, ok) else {
                continue;
            };
            index.insert(raw.id.clone(), sources.len());
            sources.push(Source {
                id: raw.id,
                title: raw.title,
                publisher: raw.publisher,
                url: raw.url,
                url_partial: raw.url_partial,
                published,
                published_uncertain: raw.published_uncertain,
                language: raw.language,
                reliability: raw.reliability,
                facts_ref: raw.facts_ref,
                note: raw.note,
                republishes: None,
            });
            if let Some(origin) = raw.republishes {
                republished.push((sources.len() - 1, id.clone(), origin));
            }
        }
        for (source, id, origin) in republished {
            let item = Item {
                kind: "source",
                id: &id,
            };
            match index.get(&origin) {
                Some(&o) if o != source => sources[source].republishes = Some(o),
                Some(_) => self.error(item.at("republishes"), "a source cannot republish itself"),
                None => self.error(
                    item.at("republishes"),
                    format!("republishes `{origin}`, which is not in memorymap.sources"),
                ),
            }
        }
        (sources, index)
    }

    fn timeline(
        &mut self,
        raw: &[Value],
        info: &DatasetInfo,
        sources: &HashMap<String, usize>,
        cited: &mut [bool],
    ) -> Vec<TimelineEntry> {
        let mut entries = Vec::new();
        let mut first_position = HashMap::default();
        for (i, value) in raw.iter().enumerate() {
            let id = item_id(value, i);
            let item = Item {
                kind: "timeline entry",
                id: &id,
            };
            let Some(raw) = self.typed::<RawTimelineEntry>(value, |f| item.at(f)) else {
                continue;
            };
            let mut ok = self.check_id(&item, &raw.id);
            ok &= self.unique_id(&item, &mut first_position, &raw.id, i);
            ok &= self.year(&item, "first_year", raw.first_year, info);
            ok &= self.year(&item, "last_year", raw.last_year, info);
            if raw.first_year > raw.last_year {
                self.error(item.at("last_year"), "last_year is before first_year");
                ok = false;
            }
            if let Some(country) = &raw.country
                && !(country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()))
            {
                self.error(
                    item.at("country"),
                    format!("`{country}` is not a country code: write its ISO 3166-1 alpha-2 code in capitals (KZ, UZ, AR)"),
                );
                ok = false;
            }
            let status = match &raw.status {
                None => None,
                Some(given) => match self.status(item.at("status"), given, info) {
                    Some(Status::NO_REPORT) => {
                        self.error(
                            item.at("status"),
                            "no_report is not a claim; leave status out",
                        );
                        ok = false;
                        None
                    }
                    Some(status) => Some(status),
                    None => {
                        ok = false;
                        None
                    }
                },
            };
            let source = self.cite(&item, "source", &raw.source, sources, cited);
            self.excerpt(&item, "excerpt", raw.excerpt.as_deref());
            ok &= self.not_empty(&item, "summary", &raw.summary);
            let mut contested_by = Vec::new();
            for (c, contest) in raw.contested_by.into_iter().enumerate() {
                ok &= self.not_empty(
                    &item,
                    &format!("contested_by[{c}].summary"),
                    &contest.summary,
                );
                if contest.sources.is_empty() {
                    self.error(
                        item.at(format!("contested_by[{c}].sources")),
                        "empty: say who contests the statement",
                    );
                    ok = false;
                }
                let mut ids = Vec::new();
                for (s, source) in contest.sources.iter().enumerate() {
                    match self.cite(
                        &item,
                        &format!("contested_by[{c}].sources[{s}]"),
                        source,
                        sources,
                        cited,
                    ) {
                        Some(index) => ids.push(index),
                        None => ok = false,
                    }
                }
                contested_by.push(Contest {
                    summary: contest.summary,
                    sources: ids,
                });
            }
            let checked = self.check(&item, "checked", raw.checked, raw.excerpt.is_some());
            let (Some(source), true) = (source, ok) else {
                continue;
            };
            entries.push(TimelineEntry {
                id: raw.id,
                country: raw.country,
                first_year: raw.first_year,
                last_year: raw.last_year,
                status,
                summary: raw.summary,
                excerpt: raw.excerpt,
                source,
                contested_by,
                checked,
            });
        }
        entries
    }

    fn cities(
        &mut self,
        features: Box<dyn Iterator<Item = FeatureInput> + '_>,
        info: &DatasetInfo,
        sources: &HashMap<String, usize>,
        cited: &mut [bool],
        options: LoadOptions<'_>,
    ) -> Vec<City> {
        let mut cities = Vec::with_capacity(features.size_hint().0);
        let mut city_ids = HashMap::default();
        let mut report_ids = HashSet::default();
        for (i, input) in features.into_iter().enumerate() {
            if i % 4096 == 0
                && options
                    .cancel
                    .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
            {
                break;
            }
            let (id, id_is_string, empty_id, raw) = match input {
                FeatureInput::Typed(feature) => {
                    let empty_id = feature.id.is_empty();
                    let id = if empty_id {
                        format!("#{}", i + 1)
                    } else {
                        feature.id
                    };
                    let raw = RawFeature {
                        kind: feature.kind,
                        geometry: feature.geometry,
                        properties: feature.properties,
                    };
                    (id, true, empty_id, raw)
                }
                FeatureInput::Json(value) => {
                    let id = item_id(&value, i);
                    let item = Item {
                        kind: "feature",
                        id: &id,
                    };
                    if !value.is_object() {
                        self.error(item.at("(whole item)"), "expected a Feature object");
                        continue;
                    }
                    let id_is_string = matches!(value.get("id"), Some(Value::String(_)));
                    let empty_id =
                        matches!(value.get("id"), Some(Value::String(s)) if s.is_empty());

                    match value.get("id") {
                        Some(Value::String(_)) => {}
                        Some(_) => {
                            self.error(item.at("id"), "expected a string id such as \"almaty\"");
                        }
                        None => self.error(item.at("id"), "missing: every city needs an id"),
                    }
                    let Some(raw) = self.typed_owned::<RawFeature>(value, |f| item.at(f)) else {
                        continue;
                    };
                    (id, id_is_string, empty_id, raw)
                }
            };
            let item = Item {
                kind: "feature",
                id: &id,
            };
            if raw.kind != "Feature" {
                self.error(
                    item.at("type"),
                    format!("expected \"Feature\", found \"{}\"", raw.kind),
                );
            }
            let location = match &raw.geometry {
                Some(geometry) => self.point(&item, geometry, options),
                None => {
                    self.error(item.at("geometry"), "missing: a city needs a Point");
                    None
                }
            };
            let Some(properties) = raw.properties else {
                self.error(item.at("properties"), "missing: names, region and reports");
                continue;
            };
            // An empty id is named by its position ("#3") in messages.
            if empty_id {
                self.error(
                    item.at("id"),
                    "empty: every city needs an id (lower-case letters, digits, '-' and '_')",
                );
            } else if self.unique_id(&item, &mut city_ids, &id, i) && id_is_string {
                self.check_id(&item, &id);
            }
            if let Some(city) = self.city(
                &item,
                properties,
                location,
                info,
                sources,
                cited,
                &mut report_ids,
            ) {
                cities.push(city);
            }
        }
        cities
    }

    #[allow(clippy::too_many_arguments)]
    fn city(
        &mut self,
        item: &Item<'_>,
        raw: RawProperties,
        location: Option<LonLat>,
        info: &DatasetInfo,
        sources: &HashMap<String, usize>,
        cited: &mut [bool],
        report_ids: &mut HashSet<String>,
    ) -> Option<City> {
        let errors_before = self.error_count();
        let names = self.names(item, "properties.names", raw.names.0);
        if crate::text::is_blank(&raw.region) {
            self.error(item.at("properties.region"), "empty");
        }
        self.hidden_characters(item, "properties.region", &raw.region);
        for (i, alias) in raw.aliases.iter().enumerate() {
            self.hidden_characters(item, &format!("properties.aliases[{i}]"), alias);
        }
        let mut name_history = Vec::new();
        for (i, period) in raw.name_history.into_iter().enumerate() {
            let field = format!("properties.name_history[{i}]");
            let names = self.names(item, &field, period.names);
            let undated = period.from.is_none() && period.to.is_none();
            let from = period
                .from
                .and_then(|d| self.date(item, &format!("{field}.from"), &d));
            let to = period
                .to
                .and_then(|d| self.date(item, &format!("{field}.to"), &d));
            if let (Some(f), Some(t)) = (from, to)
                && f.first_day() > t.last_day()
            {
                self.error(
                    item.at(format!("{field}.to")),
                    "the name's end is before its start",
                );
            }
            if undated {
                self.error(
                    item.at(&field),
                    "a former name needs `from` or `to`; a name used at any time belongs in `aliases`",
                );
            }
            name_history.push(NamePeriod { names, from, to });
        }
        let mut reports = Vec::new();
        for (i, raw) in raw.reports.into_iter().enumerate() {
            let field = |f: &'static str| ListField {
                list: "properties.reports",
                index: i,
                field: f,
            };
            if !report_ids.insert(raw.id.clone()) {
                self.error(
                    item.at(field("id").to_string()),
                    format!("report id `{}` is used twice", raw.id),
                );
            }
            self.year(item, &field("year"), raw.year, info);
            let status = match self.status(item.at(field("status").to_string()), &raw.status, info)
            {
                Some(Status::NO_REPORT) => {
                    self.error(
                        item.at(field("status").to_string()),
                        "no_report is what a year without reports means; remove the report instead",
                    );
                    None
                }
                other => other,
            };
            let date = self.date(item, &field("date"), &raw.date);
            if let Some(date) = date {
                self.report_date(item, &field("date"), date, raw.year, raw.timing, info);
            }
            for (name, text) in [("summary", &raw.summary), ("id", &raw.id)] {
                self.not_empty(item, &field(name), text);
            }
            self.excerpt(item, &field("excerpt"), raw.excerpt.as_deref());
            let source = self.cite(item, &field("source"), &raw.source, sources, cited);
            let checked = self.check(item, &field("checked"), raw.checked, raw.excerpt.is_some());
            if let (Some(date), Some(source), Some(status)) = (date, source, status) {
                reports.push(Report {
                    id: raw.id,
                    year: raw.year,
                    date,
                    timing: raw.timing,
                    status,
                    summary: raw.summary,
                    excerpt: raw.excerpt,
                    source,
                    uncertain: raw.uncertain,
                    checked,
                });
            }
        }
        let mut notes = Vec::new();
        for (i, raw) in raw.notes.into_iter().enumerate() {
            let field = |f: &'static str| ListField {
                list: "properties.notes",
                index: i,
                field: f,
            };
            self.year(item, &field("year"), raw.year, info);
            self.not_empty(item, &field("summary"), &raw.summary);
            let checked = self.check(item, &field("checked"), raw.checked, false);
            if let Some(source) = self.cite(item, &field("source"), &raw.source, sources, cited) {
                notes.push(Note {
                    year: raw.year,
                    summary: raw.summary,
                    source,
                    checked,
                });
            }
        }
        if self.error_count() > errors_before {
            return None;
        }
        reports.sort_by_key(|r| (r.year, r.date));
        Some(City {
            id: item.id.to_owned(),
            location: location?,
            names,
            name_history,
            aliases: raw.aliases,
            region: raw.region,
            population: raw.population,
            geonames_id: raw.geonames_id,
            reports,
            notes,
        })
    }

    /// A report's date must not lie after its year; a date long before it, or a report
    /// "about the day" dated before the day, is probably a typing mistake.
    fn report_date(
        &mut self,
        item: &Item<'_>,
        field: &(impl std::fmt::Display + ?Sized),
        date: PartialDate,
        year: i32,
        timing: Timing,
        info: &DatasetInfo,
    ) {
        let (month, day) = info.event_day;
        if date.year > year {
            self.error(
                item.at(field.to_string()),
                format!("dated {date}, after the year {year} it reports on"),
            );
        } else if date.year < year.saturating_sub(1) {
            self.warning(
                item.at(field.to_string()),
                format!("dated {date}, long before the year {year} it reports on"),
            );
        } else if timing == Timing::Day && days_before(date.last_day(), (year, month, day)) > 7 {
            self.warning(
                item.at(field.to_string()),
                format!(
                    "dated {date}, more than a week before the day ({year}-{month:02}-{day:02}), but its timing is \"day\""
                ),
            );
        }
    }

    /// An error when a required text is empty or blank.
    fn not_empty(
        &mut self,
        item: &Item<'_>,
        field: &(impl std::fmt::Display + ?Sized),
        text: &str,
    ) -> bool {
        let ok = !crate::text::is_blank(text);
        if !ok {
            self.error(
                item.at(field.to_string()),
                if text.is_empty() {
                    "empty"
                } else {
                    "empty: only spaces or invisible characters"
                },
            );
        }
        self.hidden_characters(item, field, text);
        ok
    }

    /// Control characters (NUL, ESC…) are errors in any text; characters that reverse
    /// the direction text is shown in get a warning (they can make a name show as another).
    fn hidden_characters(
        &mut self,
        item: &Item<'_>,
        field: &(impl std::fmt::Display + ?Sized),
        text: &str,
    ) {
        if crate::text::control_char(text, &['\n', '\t']).is_some()
            || crate::text::bidi_control(text).is_some()
        {
            self.hidden_characters_at(item.at(field.to_string()), text);
        }
    }

    /// Control characters are errors; direction controls are warnings.
    fn hidden_characters_at(&mut self, at: Location, text: &str) {
        if let Some(c) = crate::text::control_char(text, &['\n', '\t']) {
            self.error(
                at.clone(),
                format!(
                    "contains the control character U+{:04X}; remove it",
                    u32::from(c)
                ),
            );
        }
        if let Some(c) = crate::text::bidi_control(text) {
            self.warning(
                at,
                format!(
                    "contains U+{:04X}, which changes the direction text is shown in: what is shown may differ from what is written",
                    u32::from(c)
                ),
            );
        }
    }

    fn error_count(&self) -> usize {
        self.errors
    }

    /// A place's names: at least one, each under a language code, none blank (a blank
    /// one is an error; the rest are kept).
    fn names(&mut self, item: &Item<'_>, field: &str, raw: Vec<(String, String)>) -> Names {
        if raw.is_empty() {
            self.error(
                item.at(field),
                "no name: give at least one, under its language code, e.g. {\"en\": \"Almaty\"}",
            );
        }
        let mut names = Vec::with_capacity(raw.len());
        for (lang, name) in raw {
            if !crate::text::is_language_tag(&lang) {
                self.error(
                    item.at(format!("{field}.{lang}")),
                    format!("`{lang}` is not a language code (BCP 47, e.g. en, kk, es, zh-Hant)"),
                );
                continue;
            }
            if crate::text::is_blank(&name) {
                self.error(
                    item.at(format!("{field}.{lang}")),
                    "empty: leave the language out instead",
                );
                continue;
            }
            self.hidden_characters(item, &format!("{field}.{lang}"), &name);
            names.push((lang, name));
        }
        Texts(names)
    }

    fn point(
        &mut self,
        item: &Item<'_>,
        geometry: &RawGeometry,
        options: LoadOptions<'_>,
    ) -> Option<LonLat> {
        if geometry.kind != "Point" {
            self.error(
                item.at("geometry.type"),
                format!("expected \"Point\", found \"{}\"", geometry.kind),
            );
            return None;
        }
        let numbers: Option<Vec<f64>> = geometry
            .coordinates
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect());
        let (lon, lat) = match (
            numbers.as_deref(),
            geometry.coordinates.as_array().map(Vec::len),
        ) {
            (Some(&[lon, lat]), Some(2)) | (Some(&[lon, lat, _]), Some(3)) => (lon, lat),
            _ => {
                self.error(
                    item.at("geometry.coordinates"),
                    "expected [longitude, latitude] as two numbers",
                );
                return None;
            }
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            let hint = if (-90.0..=90.0).contains(&lon) && (-180.0..=180.0).contains(&lat) {
                "; longitude and latitude look swapped (GeoJSON puts longitude first)"
            } else {
                ""
            };
            self.error(
                item.at("geometry.coordinates"),
                format!("[{lon}, {lat}] is out of range: longitude must be -180..180, latitude -90..90{hint}"),
            );
            return None;
        }
        // Cities in any country are fine; one in the sea is probably a slip.
        if let Some(on_land) = options.land
            && !on_land(lon, lat)
        {
            if (-180.0..=180.0).contains(&lat) && (-90.0..=90.0).contains(&lon) && on_land(lat, lon)
            {
                self.error(
                    item.at("geometry.coordinates"),
                    format!(
                        "[{lon}, {lat}] lies in the sea, but [{lat}, {lon}] is on land: longitude and latitude look swapped (GeoJSON puts longitude first)"
                    ),
                );
                return None;
            }
            self.warning(
                item.at("geometry.coordinates"),
                format!("[{lon}, {lat}] lies in the sea, on no country's land: check the longitude/latitude order and the numbers"),
            );
        }
        Some(LonLat::new(lon, lat))
    }

    /// Records that item `index` (0-based) has `id`; an error names the first item
    /// with the same id. `first_position` maps ids to 1-based positions.
    fn unique_id(
        &mut self,
        item: &Item<'_>,
        first_position: &mut HashMap<String, usize>,
        id: &str,
        index: usize,
    ) -> bool {
        match first_position.get(id) {
            Some(first) => {
                let kind = item.kind;
                self.error(
                    item.at("id"),
                    format!("{kind} #{} uses the same id as {kind} #{first}", index + 1),
                );
                false
            }
            None => {
                first_position.insert(id.to_owned(), index + 1);
                true
            }
        }
    }

    fn check_id(&mut self, item: &Item<'_>, id: &str) -> bool {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !ok {
            self.error(
                item.at("id"),
                format!("`{id}` is not a valid id: use lower-case letters, digits, '-' and '_'"),
            );
        }
        ok
    }

    fn year(
        &mut self,
        item: &Item<'_>,
        field: &(impl std::fmt::Display + ?Sized),
        year: i32,
        info: &DatasetInfo,
    ) -> bool {
        let ok = (info.first_year..=info.last_year).contains(&year);
        if !ok {
            self.error(
                item.at(field.to_string()),
                format!(
                    "year {year} is outside the dataset's years {}–{}",
                    info.first_year, info.last_year
                ),
            );
        }
        ok
    }

    fn date(
        &mut self,
        item: &Item<'_>,
        field: &(impl std::fmt::Display + ?Sized),
        text: &str,
    ) -> Option<PartialDate> {
        PartialDate::parse(text)
            .map_err(|message| self.error(item.at(field.to_string()), message))
            .ok()
    }

    fn excerpt(
        &mut self,
        item: &Item<'_>,
        field: &(impl std::fmt::Display + ?Sized),
        excerpt: Option<&str>,
    ) {
        if let Some(excerpt) = excerpt {
            let chars = excerpt.chars().count();
            if chars > MAX_EXCERPT_CHARS {
                self.warning(
                    item.at(field.to_string()),
                    format!("excerpt is {chars} characters; quotations should be at most {MAX_EXCERPT_CHARS}"),
                );
            }
        }
    }

    /// A check record: its date must be a date; a page not found confirms nothing; an
    /// excerpt cannot be confirmed on an item without one.
    fn check(
        &mut self,
        item: &Item<'_>,
        field: &(impl std::fmt::Display + ?Sized),
        raw: Option<RawCheck>,
        has_excerpt: bool,
    ) -> Option<Check> {
        let raw = raw?;
        let on = self.date(item, &format!("{field}.on"), &raw.on)?;
        let mut what = raw.what;
        what.sort_unstable();
        what.dedup();
        if raw.against == CheckedAgainst::NotFound && !what.is_empty() {
            self.warning(
                item.at(format!("{field}.what")),
                "the page was not found, so nothing on it can be confirmed; leave `what` empty",
            );
            what.clear();
        }
        if what.contains(&Confirmed::Excerpt) && !has_excerpt {
            self.warning(
                item.at(format!("{field}.what")),
                "confirms an excerpt, but the item has none",
            );
        }
        Some(Check {
            on,
            against: raw.against,
            what,
            note: raw.note.filter(|n| !n.trim().is_empty()),
        })
    }

    fn cite(
        &mut self,
        item: &Item<'_>,
        field: &(impl std::fmt::Display + ?Sized),
        source: &str,
        sources: &HashMap<String, usize>,
        cited: &mut [bool],
    ) -> Option<usize> {
        match sources.get(source) {
            Some(&index) => {
                if let Some(flag) = cited.get_mut(index) {
                    *flag = true;
                }
                Some(index)
            }
            None => {
                self.error(
                    item.at(field.to_string()),
                    format!("cites source `{source}`, which is not in memorymap.sources"),
                );
                None
            }
        }
    }
}

/// Roughly how many days `earlier` lies before `later` (months counted as 31 days);
/// negative when it lies after.
fn days_before(earlier: (i32, u8, u8), later: (i32, u8, u8)) -> i64 {
    let ordinal = |(y, m, d): (i32, u8, u8)| i64::from(y) * 372 + i64::from(m) * 31 + i64::from(d);
    ordinal(later) - ordinal(earlier)
}

/// Parses "MM-DD" (a day in any year; 02-29 is allowed).
fn parse_month_day(text: &str) -> Result<(u8, u8), String> {
    let shape_ok = text.len() == 5 && text.as_bytes()[2] == b'-';
    match PartialDate::parse(&format!("2000-{text}")) {
        Ok(PartialDate {
            month: Some(m),
            day: Some(d),
            ..
        }) if shape_ok => Ok((m, d)),
        Err(_) if shape_ok && text.bytes().filter(u8::is_ascii_digit).count() == 4 => {
            Err(format!("`{text}`: no such day"))
        }
        _ => Err(format!("`{text}` is not a day: expected MM-DD, e.g. 05-09")),
    }
}

/// Rewords serde's type errors for people who do not write Rust.
fn plain_type_error(message: &str) -> String {
    let mut message = message
        .replace(
            "expected i32",
            "expected a whole number from -2147483648 to 2147483647",
        )
        .replace(
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        )
        .replace("expected u64", "expected a whole number, 0 or more")
        .replace("expected f64", "expected a number")
        .replace("expected a sequence", "expected a list [...]")
        .replace("expected string or map", "expected a string");
    if let Some(start) = message.find("expected struct Raw") {
        message.replace_range(start.., "expected an object");
    }
    reword_unknown_variant(&message).unwrap_or(message)
}

/// serde's "unknown variant `x`, expected one of `a`, `b`" in people's words: a status
/// gets a suggestion and never offers `no_report`; other fields list their values.
fn reword_unknown_variant(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (given, rest) = rest.split_once('`')?;
    let choices: Vec<&str> = rest
        .strip_prefix(", expected one of ")
        .or_else(|| rest.strip_prefix(", expected "))?
        .split(", ")
        .map(|c| c.trim_matches('`'))
        .collect();
    Some(match super::status::did_you_mean(given, &choices) {
        Some(choice) => format!("unknown value `{given}`; did you mean `{choice}`?"),
        None => format!("unknown value `{given}`: use one of {}", choices.join(", ")),
    })
}

/// The item's id for messages: its `id` if it has a usable one, else its position.
/// `list[index].field`, formatted only when a problem is reported.
struct ListField {
    list: &'static str,
    index: usize,
    field: &'static str,
}

impl std::fmt::Display for ListField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}].{}", self.list, self.index, self.field)
    }
}

fn item_id(value: &Value, index: usize) -> String {
    match value.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("#{}", index + 1),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The fast (typed) path and the slow (tree) path must agree on every valid file:
    /// the same dataset and the same warnings.
    fn both_paths(name: &str, bytes: &[u8], area: Option<&geo::MultiPolygon<f64>>) {
        let options = LoadOptions {
            land: area.map(|_| crate::geography::world::on_world_land as fn(f64, f64) -> bool),
            cancel: None,
        };
        let (root, features) = parse_typed(bytes).expect("the fast path reads a valid file");
        let mut fast = Checker {
            file: name,
            problems: Vec::new(),
            errors: 0,
        };
        let fast_dataset = fast.load_parts(root, Some(features), options);
        let slow_root: Value = serde_json::from_slice(bytes).unwrap();
        let (slow_dataset, slow_problems) = load_json_value(name, slow_root, options);
        assert!(fast_dataset.is_some(), "{name}");
        assert!(fast_dataset == slow_dataset, "{name}: the datasets differ");
        let text = |p: &[Problem]| p.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(text(&fast.problems), text(&slow_problems), "{name}");
    }

    #[test]
    fn the_fast_and_the_slow_path_agree_on_valid_files() {
        let basemap = crate::geography::Basemap::builtin().unwrap();
        let builtin = include_bytes!("../../data/kazakhstan.geojson");
        both_paths("kazakhstan.geojson", builtin, Some(&basemap.border));
        // With a warning (a city in the sea) and an empty id.
        let moved = String::from_utf8_lossy(builtin)
            .replace("76.9115", "70.0")
            .replace("43.2525", "-10.0");
        both_paths("moved.geojson", moved.as_bytes(), Some(&basemap.border));
        let mut generated = Vec::new();
        super::super::generate::write_dataset(
            super::super::generate::GenSpec {
                cities: 300,
                reports_per_city: 4,
                first_year: 2015,
                last_year: 2025,
                seed: 11,
            },
            &mut generated,
        )
        .unwrap();
        both_paths("gen.geojson", &generated, Some(&basemap.border));
    }

    #[test]
    fn anything_off_at_the_json_level_takes_the_slow_path() {
        assert!(parse_typed(b"{").is_none());
        assert!(parse_typed(br#"{"type":"FeatureCollection"}"#).is_none());
        assert!(
            parse_typed(
                br#"{"features":[{"type":"Feature","id":3,"geometry":null,"properties":null}]}"#
            )
            .is_none()
        );
        assert!(parse_typed(br#"{"features":[]}"#).is_some());
    }
}
