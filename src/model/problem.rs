//! A problem found in a data file: where it is and what is wrong.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Shown, but the file still loads.
    Warning,
    /// The file is not loaded.
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole (missing, empty, not UTF-8 at an unknown place).
    File,
    /// A place in the text (JSON syntax), 1-based.
    Text { line: usize, column: usize },
    /// A field of a named item: `kind` is "feature", "source" or "timeline entry".
    Item {
        kind: &'static str,
        id: String,
        field: FieldPath,
    },
    /// A field outside any item, as a path (`memorymap.schema_version`).
    Field(FieldPath),
    /// A column of a CSV file as a whole (a dataset column no row filled in).
    Column(String),
    /// A cell of a CSV file: its line (1-based; the header is line 1) and column name, and
    /// the city the row belongs to, when known.
    Row {
        line: u64,
        column: String,
        feature: Option<String>,
    },
}

/// Where a value is inside a JSON document, segment by segment: `properties`, `reports`,
/// `[2]`, `year`. Built by the loader from what it reads (and from serde's own path of a
/// type error), read by the CSV form to name the line and column a value came from, so
/// that neither side matches text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(Vec<Segment>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A member of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
    /// The file a part of the document was read from (a boundary layer beside the
    /// dataset), shown as `` (`name`) ``.
    File(String),
}

impl FieldPath {
    /// The item itself, shown as `(whole item)`.
    pub fn whole() -> Self {
        Self::default()
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.0.push(Segment::Key(key.into()));
        self
    }

    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Segment::Index(index));
        self
    }

    pub fn file(mut self, name: impl Into<String>) -> Self {
        self.0.push(Segment::File(name.into()));
        self
    }

    /// This path followed by `rest`.
    pub fn join(mut self, rest: impl Into<FieldPath>) -> Self {
        self.0.extend(rest.into().0);
        self
    }

    /// The last member's name (`year` of `properties.reports[0].year`).
    pub fn last_key(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|s| match s {
            Segment::Key(key) => Some(key.as_str()),
            _ => None,
        })
    }

    /// The path of a type error serde found, as serde_path_to_error gives it.
    pub fn from_serde(path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment as S;
        Self(
            path.iter()
                .filter_map(|segment| match segment {
                    S::Seq { index } => Some(Segment::Index(*index)),
                    S::Map { key } => Some(Segment::Key(key.clone())),
                    S::Enum { variant } => Some(Segment::Key(variant.clone())),
                    S::Unknown => None,
                })
                .collect(),
        )
    }
}

/// A path written in the code, such as `"properties.reports"` or `"statuses[0].colour"`:
/// members separated by dots, elements as `[n]`.
impl From<&str> for FieldPath {
    fn from(text: &str) -> Self {
        let mut path = Self::default();
        if text == "(whole item)" || text == "(top level)" {
            return path;
        }
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
            if !key.is_empty() {
                path.0.push(Segment::Key(key.to_owned()));
            }
            while let Some((index, after)) = rest.split_once(']') {
                match index.parse() {
                    Ok(i) => path.0.push(Segment::Index(i)),
                    Err(_) => path.0.push(Segment::Key(format!("[{index}]"))),
                }
                rest = after.strip_prefix('[').unwrap_or(after);
            }
        }
        path
    }
}

impl From<String> for FieldPath {
    fn from(text: String) -> Self {
        Self::from(text.as_str())
    }
}

impl From<&String> for FieldPath {
    fn from(text: &String) -> Self {
        Self::from(text.as_str())
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(whole item)");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::File(name) => write!(f, " (`{name}`)")?,
            }
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl Problem {
    pub fn error(file: &str, location: Location, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            severity: Severity::Error,
            location,
            message: message.into(),
        }
    }

    pub fn warning(file: &str, location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, location, message)
        }
    }

    /// The feature this problem is about, if any (so the UI can select that city).
    pub fn feature_id(&self) -> Option<&str> {
        match &self.location {
            Location::Item {
                kind: "feature",
                id,
                ..
            } => Some(id),
            Location::Row {
                feature: Some(id), ..
            } => Some(id),
            _ => None,
        }
    }
}

/// `file:line:column: message` for syntax, `file: feature <id>: field <name>: message`
/// for meaning; warnings say so.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = &self.file;
        match &self.location {
            Location::File => write!(f, "{file}: ")?,
            Location::Text { line, column } => write!(f, "{file}:{line}:{column}: ")?,
            Location::Item { kind, id, field } => {
                write!(f, "{file}: {kind} {id}: field {field}: ")?
            }
            Location::Field(field) if field.is_empty() => write!(f, "{file}: field (top level): ")?,
            Location::Field(field) => write!(f, "{file}: field {field}: ")?,
            Location::Column(column) => write!(f, "{file}: column {column}: ")?,
            Location::Row { line, column, .. } => write!(f, "{file}:{line}: column {column}: ")?,
        }
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_path_reads_and_prints_as_it_is_written() {
        for text in [
            "properties.reports[2].year",
            "memorymap.dataset.statuses[0].label.zh-Hant",
            "features[0].geometry.coordinates[1][0]",
            "id",
        ] {
            assert_eq!(FieldPath::from(text).to_string(), text);
        }
        let path = FieldPath::from("properties.reports[2].year");
        assert_eq!(
            path.segments(),
            [
                Segment::Key("properties".into()),
                Segment::Key("reports".into()),
                Segment::Index(2),
                Segment::Key("year".into()),
            ]
        );
        assert_eq!(path.last_key(), Some("year"));
        assert_eq!(FieldPath::from("(whole item)"), FieldPath::whole());
        assert_eq!(FieldPath::whole().to_string(), "(whole item)");
    }

    #[test]
    fn a_file_name_with_dots_stays_one_segment() {
        let path = FieldPath::from("memorymap.dataset.boundaries")
            .file("regions.v2.json")
            .join("features[3].properties.valid_to");
        assert_eq!(
            path.to_string(),
            "memorymap.dataset.boundaries (`regions.v2.json`).features[3].properties.valid_to"
        );
        assert_eq!(path.segments()[3], Segment::File("regions.v2.json".into()));
    }

    #[test]
    fn serde_s_path_of_a_type_error_becomes_segments() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Report {
            year: i32,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Properties {
            reports: Vec<Report>,
        }
        let value = serde_json::json!({"reports": [{"year": 2019}, {"year": "2020"}]});
        let error = serde_path_to_error::deserialize::<_, Properties>(value).unwrap_err();
        let path = FieldPath::from_serde(error.path());
        assert_eq!(path, FieldPath::from("reports[1].year"));
    }
}
