//! What the window can export: a figure of the map (PNG or SVG), or the data.

use std::path::PathBuf;

use crate::model::export::{DataFormat, Scope};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// A figure of the map (title, legend, credits) as a PNG picture.
    Png,
    /// The same figure as SVG.
    Svg,
    /// The data behind the map.
    Data(DataFormat),
}

impl Output {
    pub const ALL: [Self; 4] = [
        Self::Png,
        Self::Svg,
        Self::Data(DataFormat::Csv),
        Self::Data(DataFormat::Geojson),
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Data(format) => format.extension(),
        }
    }

    /// A figure of one year (the data formats can hold every year).
    pub fn is_figure(self) -> bool {
        matches!(self, Self::Png | Self::Svg)
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
