//! What the window and the command line can export: a picture of the map, or the data.

use std::path::PathBuf;

use crate::model::export::{DataFormat, Scope};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// The map as a PNG picture.
    Png,
    /// The data behind the map.
    Data(DataFormat),
}

impl Output {
    pub const ALL: [Self; 3] = [
        Self::Png,
        Self::Data(DataFormat::Csv),
        Self::Data(DataFormat::Geojson),
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Data(format) => format.extension(),
        }
    }
}

/// What the user asked to export.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub format: Output,
    pub scope: Scope,
    pub path: PathBuf,
    /// The user agreed to replace an existing file.
    pub replace: bool,
}
