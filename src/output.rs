//! What the window can export: a figure of the map (PNG or SVG), or the data.

use std::path::PathBuf;

use crate::model::export::{DataFormat, Scope};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// A figure of the map (title, legend, credits) as a PNG picture.
    Png,
    /// The same figure as SVG.
    Svg,
    /// One self-contained page with every year, report and link (works offline).
    Html,
    /// The data behind the map.
    Data(DataFormat),
}

impl Output {
    pub const ALL: [Self; 5] = [
        Self::Png,
        Self::Svg,
        Self::Html,
        Self::Data(DataFormat::Csv),
        Self::Data(DataFormat::Geojson),
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Html => "html",
            Self::Data(format) => format.extension(),
        }
    }

    /// Not a choice of one year or all: a figure shows one, the page every year.
    pub fn is_figure(self) -> bool {
        matches!(self, Self::Png | Self::Svg | Self::Html)
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
