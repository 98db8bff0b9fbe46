//! Reading a dataset file: bytes → JSON → typed records → checked [`Dataset`].
//!
//! Every problem is collected (not just the first), with the file and the place:
//! a line and column for JSON syntax, an item id and field path for meaning.

mod cities;
mod fields;
mod meta;
mod raw;
mod scan;

use raw::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::check::{Check, CheckedAgainst, Confirmed};
use super::problem::{FieldPath, Location, Problem, Severity};
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
    fn at(&self, field: impl Into<FieldPath>) -> Location {
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
                Location::Field(FieldPath::whole()),
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
        let meta: RawMeta = self.typed(meta, |field| {
            Location::Field(FieldPath::from("memorymap").join(field))
        })?;
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
        // Values serde_json refuses outright are blanked out and reported here, so that
        // the rest of the file is still read and its other problems listed.
        let (patched, refused) = scan::scan(text);
        for found in refused {
            self.error(
                Location::Text {
                    line: found.line,
                    column: found.column,
                },
                format!("{} (at {})", found.refusal.message(), found.path),
            );
        }
        let text = patched.as_deref().unwrap_or(text);
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
                    format!(
                        "invalid JSON: nested too deeply (more than {} levels of [ and {{)",
                        scan::MAX_DEPTH
                    )
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
        at: impl Fn(FieldPath) -> Location,
    ) -> Option<T> {
        let result = serde_path_to_error::deserialize::<_, T>(value);
        self.typed_result(result, at)
    }

    /// [`Self::typed`] taking the value, so its strings move instead of being copied.
    fn typed_owned<T: for<'de> Deserialize<'de>>(
        &mut self,
        value: Value,
        at: impl Fn(FieldPath) -> Location,
    ) -> Option<T> {
        let result = serde_path_to_error::deserialize::<_, T>(value);
        self.typed_result(result, at)
    }

    fn typed_result<T>(
        &mut self,
        result: Result<T, serde_path_to_error::Error<serde_json::Error>>,
        at: impl Fn(FieldPath) -> Location,
    ) -> Option<T> {
        match result {
            Ok(t) => Some(t),
            Err(e) => {
                let path = FieldPath::from_serde(e.path());
                let message = plain_type_error(&e.inner().to_string());
                // "missing field `x`" is about the child `x`, not the parent the path names.
                let field = match message
                    .strip_prefix("missing field `")
                    .and_then(|m| m.strip_suffix('`'))
                {
                    Some(child) => path.key(child),
                    None => path,
                };
                self.error(at(field), message);
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
/// Something that names a field, turned into its [`FieldPath`] only when a problem is
/// reported there: the checks run for every field of every report, and a path is a few
/// allocations.
pub(super) trait AsPath {
    fn path(&self) -> FieldPath;
}

impl AsPath for FieldPath {
    fn path(&self) -> FieldPath {
        self.clone()
    }
}

/// A path written in the code (`"properties.region"`).
impl AsPath for str {
    fn path(&self) -> FieldPath {
        FieldPath::from(self)
    }
}

impl AsPath for String {
    fn path(&self) -> FieldPath {
        FieldPath::from(self.as_str())
    }
}

/// A field of one element of a list (`properties.reports[2].year`).
#[derive(Clone, Copy)]
struct ListField {
    list: &'static str,
    index: usize,
    field: &'static str,
}

impl AsPath for ListField {
    fn path(&self) -> FieldPath {
        FieldPath::from(self.list).index(self.index).key(self.field)
    }
}

/// One element of a list (`properties.aliases[2]`).
#[derive(Clone, Copy)]
struct ListIndex(&'static str, usize);

impl AsPath for ListIndex {
    fn path(&self) -> FieldPath {
        FieldPath::from(self.0).index(self.1)
    }
}

/// A member of another field (`….checked` → `….checked.on`).
struct Child<'a, P: AsPath + ?Sized>(&'a P, &'a str);

impl<P: AsPath + ?Sized> AsPath for Child<'_, P> {
    fn path(&self) -> FieldPath {
        self.0.path().key(self.1)
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
        let builtin = include_bytes!("../../../data/kazakhstan.geojson");
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
