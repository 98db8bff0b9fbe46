//! What the window can export: a figure of the map (PNG, SVG or PDF), the offline page, a
//! table of the cities, or the data.

use std::path::PathBuf;

use crate::model::export::{DataFormat, Scope};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// A figure of the map (title, legend, credits) as a PNG picture.
    Png,
    /// The same figure as SVG.
    Svg,
    /// The same figure as PDF (fonts embedded, text as text).
    Pdf,
    /// One self-contained page with every year, report and link (works offline).
    Html,
    /// Every year as an animated GIF, a second each.
    Gif,
    /// Every year as an animated PNG (full colour), a second each.
    Apng,
    /// Every year as an MP4 video (H.264), through ffmpeg.
    Mp4,
    /// Every year as a WebM video (VP9), through ffmpeg.
    Webm,
    /// The sources of the shown year (or the selected city) as CSL-JSON, with the dataset.
    CslJson,
    /// The same as BibTeX.
    Bibtex,
    /// One row per city for the shown year, with the name it had then (CSV).
    CityTable,
    /// One row per city, the compared year against the shown one (CSV); only offered while
    /// comparing.
    CompareTable,
    /// The data behind the map.
    Data(DataFormat),
}

impl Output {
    pub const ALL: [Self; 14] = [
        Self::Png,
        Self::Svg,
        Self::Pdf,
        Self::Gif,
        Self::Apng,
        Self::Mp4,
        Self::Webm,
        Self::Html,
        Self::CityTable,
        Self::CompareTable,
        Self::CslJson,
        Self::Bibtex,
        Self::Data(DataFormat::Csv),
        Self::Data(DataFormat::Geojson),
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Pdf => "pdf",
            Self::Html => "html",
            Self::Gif => "gif",
            Self::Apng => "png",
            Self::Mp4 => "mp4",
            Self::Webm => "webm",
            Self::CslJson => "json",
            Self::Bibtex => "bib",
            Self::CityTable | Self::CompareTable => "csv",
            Self::Data(format) => format.extension(),
        }
    }

    /// Not a choice of one year or all: a figure or a table shows one, the page and the
    /// animations every year.
    pub fn is_figure(self) -> bool {
        !matches!(self, Self::Data(_))
    }

    /// A picture of the map, with a size to choose (and a preview).
    pub fn has_size(self) -> bool {
        matches!(
            self,
            Self::Png | Self::Svg | Self::Pdf | Self::Gif | Self::Apng | Self::Mp4 | Self::Webm
        )
    }

    /// A still figure, which can also be small multiples of several years.
    pub fn can_be_grid(self) -> bool {
        matches!(self, Self::Png | Self::Svg | Self::Pdf)
    }

    /// Shows a span of years (small multiples, animations).
    pub fn is_animation(self) -> bool {
        matches!(self, Self::Gif | Self::Apng | Self::Mp4 | Self::Webm)
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
    /// Width and height of a figure or animation, in pixels.
    pub size: (u32, u32),
    /// A still figure as small multiples, one map per year of `years`.
    pub grid: bool,
    /// The years of small multiples and animations (first, last).
    pub years: (i32, i32),
}
