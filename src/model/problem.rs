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
        field: String,
    },
    /// A field outside any item, as a path (`memorymap.schema_version`).
    Field(String),
    /// A cell of a CSV file: its line (1-based; the header is line 1) and column name, and
    /// the city the row belongs to, when known.
    Row {
        line: u64,
        column: String,
        feature: Option<String>,
    },
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
            Location::Field(field) => write!(f, "{file}: field {field}: ")?,
            Location::Row { line, column, .. } => write!(f, "{file}:{line}: column {column}: ")?,
        }
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.message)
    }
}
