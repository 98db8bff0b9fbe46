//! A figure as data: what to draw for a dataset in a year — basemap, markers, labels,
//! legend, title and credits — laid out in pixels, with no UI toolkit in it. [`svg`]
//! writes a [`Scene`] as SVG and `png` (feature `figure`) renders that SVG on the CPU, so
//! every output shows the same figure. [`html`] puts every year's map in one
//! self-contained page, with each city's reports and sources.
//!
//! ```no_run
//! use memorymap::scene::{self, FigureOptions};
//! # fn dataset() -> memorymap::model::Dataset { unimplemented!() }
//! let figure = scene::build(&dataset(), &FigureOptions::new(2025));
//! std::fs::write("map-2025.svg", scene::to_svg(&figure))?;
//! # Ok::<(), std::io::Error>(())
//! ```

mod boxes;
mod geo;
pub mod html;
mod layout;
mod markers;
mod metrics;
mod place;
pub mod svg;
mod words;

#[cfg(feature = "figure")]
pub mod animate;
#[cfg(feature = "figure")]
pub mod pdf;
#[cfg(feature = "figure")]
pub mod png;
#[cfg(feature = "figure")]
pub(crate) mod raster;

use std::ops::RangeInclusive;
use std::sync::Arc;

use crate::i18n::Lang;
use crate::model::compare::Change;
use crate::model::{Dataset, LonLatBounds, MarkerShape, Rgb, Status};

#[cfg(feature = "figure")]
pub(crate) use geo::{Geography, region_outlines};
pub use html::{HtmlError, HtmlOptions, to_html};
#[cfg(feature = "figure")]
pub use pdf::to_pdf;
#[cfg(feature = "figure")]
pub use png::{FigureError, Image, to_image, to_png};
pub use svg::to_svg;

/// The sizes a figure is offered in, by name (`--size web`, the Export window's choices):
/// for the web, a square for social media, and ISO A5 and A4 landscape at 300 dpi.
pub const SIZE_PRESETS: [(&str, (u32, u32)); 4] = [
    ("web", (1200, 800)),
    ("square", (1080, 1080)),
    ("a5", (2480, 1748)),
    ("a4", (3508, 2480)),
];

/// What a figure shows and how large it is.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureOptions {
    /// The year whose statuses the markers show.
    pub year: i32,
    /// A year to compare `year` with: the subtitle reads "2019 → 2025", what did not
    /// change is faded and each change gets its badge.
    pub compare: Option<i32>,
    /// Width and height in pixels (CSS pixels: the PNG multiplies them by its scale).
    pub size: (u32, u32),
    /// The heading; the dataset's title when `None`.
    pub title: Option<String>,
    /// A city (index into `dataset.cities`) to ring, always label, and describe in a
    /// callout with its status and deciding source.
    pub highlight: Option<usize>,
    pub lang: Lang,
    /// The area to show; the dataset's own home (as the window's Reset view) when `None`.
    pub view: Option<LonLatBounds>,
}

impl FigureOptions {
    /// A 1200 × 800 figure of `year` in English, of the dataset's whole area.
    pub fn new(year: i32) -> Self {
        Self {
            year,
            compare: None,
            size: (1200, 800),
            title: None,
            highlight: None,
            lang: Lang::En,
            view: None,
        }
    }
}

/// A position in figure pixels, `y` downwards.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle in figure pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    pub fn around(center: Point, half_w: f32, half_h: f32) -> Self {
        Self::new(
            center.x - half_w,
            center.y - half_h,
            2.0 * half_w,
            2.0 * half_h,
        )
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Whether the two share any area (touching edges do not count).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    pub fn contains(&self, other: &Rect) -> bool {
        self.x <= other.x
            && self.y <= other.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }

    pub fn contains_point(&self, p: Point) -> bool {
        self.x <= p.x && p.x <= self.right() && self.y <= p.y && p.y <= self.bottom()
    }

    /// Grown by `by` on every side (shrunk when negative).
    pub fn expand(&self, by: f32) -> Self {
        Self::new(
            self.x - by,
            self.y - by,
            (self.w + 2.0 * by).max(0.0),
            (self.h + 2.0 * by).max(0.0),
        )
    }

    pub fn translate(&self, dx: f32, dy: f32) -> Self {
        Self::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    /// The point of the rectangle nearest to `p`.
    pub fn nearest(&self, p: Point) -> Point {
        Point::new(
            p.x.clamp(self.x, self.right()),
            p.y.clamp(self.y, self.bottom()),
        )
    }
}

/// A whole figure: everything to draw, in drawing order within each part.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    pub background: Rgb,
    /// One map, or one per year for small multiples.
    pub maps: Vec<MapPanel>,
    pub legend: Option<Legend>,
    /// The highlighted city's name, status and deciding source.
    pub callout: Option<Callout>,
    /// The title, one text per line.
    pub title: Vec<Text>,
    pub subtitle: Option<Text>,
    /// Where the data and the map come from, one text per line.
    pub credits: Vec<Text>,
}

impl Scene {
    /// The title as one line, for the SVG's `<title>`.
    pub fn title_text(&self) -> String {
        self.title
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One map: its frame in the figure, the basemap under it, the cities on it.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPanel {
    pub frame: Rect,
    /// The longitudes and latitudes the frame shows.
    pub view: LonLatBounds,
    /// In coordinates relative to the frame's top-left corner, so small multiples share
    /// one basemap.
    pub basemap: Arc<Basemap>,
    /// In drawing order: smaller cities first, so larger ones stay on top.
    pub markers: Vec<Marker>,
    pub labels: Vec<Label>,
    /// The year above a small multiple.
    pub heading: Option<Text>,
    /// Whether markers stand for grid cells of cities rather than for cities.
    pub clustered: bool,
}

/// The world under the cities, relative to the frame's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct Basemap {
    pub width: f32,
    pub height: f32,
    pub sea: Rgb,
    /// In drawing order: other countries, the dataset's countries, lakes, region lines,
    /// the dataset's countries' borders.
    pub areas: Vec<Area>,
}

/// What an area of the basemap is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AreaKind {
    /// A country the dataset's cities lie in.
    Land,
    /// Any other country.
    Context,
    Water,
    /// A first-level region's outline.
    Region,
    /// The outline of a country the dataset's cities lie in.
    Border,
}

/// Rings of one feature (filled with the even-odd rule, so holes stay holes).
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    pub kind: AreaKind,
    pub rings: Vec<Vec<Point>>,
    /// Open lines, stroked only (a country's outline where it is cut at 180°).
    pub lines: Vec<Vec<Point>>,
    pub fill: Option<Rgb>,
    pub stroke: Option<Stroke>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub colour: Rgb,
    pub width: f32,
}

/// One city's marker, or one grid cell's when the map is clustered.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub center: Point,
    pub radius: f32,
    pub status: Status,
    pub fill: Rgb,
    pub shape: MarkerShape,
    /// Its sources contradict each other (drawn as a "!" badge).
    pub disputed: bool,
    /// Its status rests on an inferred claim or a weak source (a dashed ring, as in the
    /// window).
    pub tentative: bool,
    /// Comparing two years: the status did not change, so the marker steps back.
    pub faded: bool,
    pub highlighted: bool,
    /// Comparing two years: how the city changed, when it did.
    pub change: Option<Change>,
    /// The city (index into `dataset.cities`); `None` for a cluster.
    pub city: Option<usize>,
    /// The city's id, for the SVG element's id.
    pub id: Option<String>,
    /// How many cities it stands for (1 unless clustered).
    pub cities: usize,
    /// "Almaty: Held", shown as a tooltip by SVG viewers.
    pub tooltip: String,
    /// The radius of its disputed and change badges.
    pub badge_radius: f32,
}

impl Marker {
    /// Where the "sources disagree" badge sits: up and to the right of the marker.
    pub fn disputed_badge_center(&self) -> Point {
        let d = self.radius * 0.8 + self.badge_radius * 0.75;
        Point::new(self.center.x + d, self.center.y - d)
    }

    /// Where the compare badge sits: down and to the left.
    pub fn change_badge_center(&self) -> Point {
        let d = self.radius * 0.8 + self.badge_radius * 0.75;
        Point::new(self.center.x - d, self.center.y + d)
    }

    /// The radius of the ring round a highlighted marker.
    pub fn ring_radius(&self) -> f32 {
        self.radius + (0.5 * self.radius).max(3.0)
    }

    /// How far the marker reaches from its centre (the diamond is the largest shape).
    pub fn reach(&self) -> f32 {
        if self.highlighted {
            self.ring_radius() + 1.0
        } else {
            self.radius * 1.3
        }
    }
}

/// A city's name, placed clear of every marker, label and box.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub city: usize,
    pub text: String,
    /// The baseline point `align` refers to: the start of the text right of its marker,
    /// the end left of it, the middle above or below it.
    pub at: Point,
    pub align: Align,
    pub size: f32,
    /// The space the text takes (estimated generously), for overlap tests.
    pub rect: Rect,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Start,
    Middle,
    End,
}

/// One line of text.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub text: String,
    /// The baseline point the alignment refers to.
    pub at: Point,
    pub size: f32,
    pub colour: Rgb,
    pub align: Align,
    /// Heavier, for headings.
    pub strong: bool,
}

/// The legend: a box of entries, one per status shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    pub frame: Rect,
    pub entries: Vec<LegendEntry>,
}

/// What a legend entry's icon is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LegendIcon {
    Marker {
        fill: Rgb,
        shape: MarkerShape,
    },
    /// The "sources disagree" badge.
    Disputed,
    /// The dashed ring of an inferred or weakly sourced status.
    Tentative,
    /// A compare badge.
    Change(Change),
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// What the entry is, as an identifier: the status's id (`held`, `no_report`),
    /// `disputed`, `tentative`, or `change-` and the change's id.
    pub key: String,
    /// The status, for marker entries.
    pub status: Option<Status>,
    pub icon: LegendIcon,
    pub icon_at: Point,
    pub icon_radius: f32,
    pub label: Text,
    /// How many cities (absent in small multiples, where it differs per year).
    pub count: Option<usize>,
    pub count_text: Option<Text>,
}

/// A box describing the highlighted city, with a line to its marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Callout {
    pub frame: Rect,
    pub lines: Vec<Text>,
    /// From the box's edge to the marker.
    pub leader: Option<(Point, Point)>,
    pub city: usize,
}

/// The figure of `dataset` in `opts.year`: one map with labels, a legend with each
/// status's count, the title, and credits.
pub fn build(dataset: &Dataset, opts: &FigureOptions) -> Scene {
    layout::single(dataset, opts)
}

/// Small multiples: one small map per year of `years` (within the dataset's years),
/// each with its year above it, sharing one legend, title and credits. `opts.year` and
/// `opts.compare` are not used.
pub fn build_grid(dataset: &Dataset, years: RangeInclusive<i32>, opts: &FigureOptions) -> Scene {
    layout::grid(dataset, years, opts)
}

#[cfg(test)]
mod tests;
