//! A [`Scene`] as PDF: the same SVG that [`super::to_svg`] writes, read by usvg with the
//! PNG's fonts and drawn by krilla, so text stays text (selectable, searchable) in fonts
//! subset and embedded in the file, and shapes stay vectors.
//!
//! The page is the figure at 300 dots per inch, the resolution the print presets are
//! defined at: `--size a4` (3508 × 2480) is an A4 landscape page, 842 × 595 points, and the
//! 1200 × 800 web figure a 4 × 2.7 inch column-width figure.

use krilla::Document;
use krilla::geom::Size;
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;

use super::Scene;
use super::png::{FigureError, svg_tree};

/// The figure's resolution on paper.
pub const DOTS_PER_INCH: f32 = 300.0;
/// PDF points per figure pixel.
pub const POINTS_PER_PIXEL: f32 = 72.0 / DOTS_PER_INCH;

/// The page size in PDF points for a figure of `width` × `height` pixels.
pub fn page_size(width: f32, height: f32) -> (f32, f32) {
    (width * POINTS_PER_PIXEL, height * POINTS_PER_PIXEL)
}

/// The scene as a one-page PDF.
pub fn to_pdf(scene: &Scene) -> Result<Vec<u8>, FigureError> {
    let size_error = || FigureError::Size {
        width: scene.width,
        height: scene.height,
        scale: POINTS_PER_PIXEL,
    };
    let (width, height) = page_size(scene.width, scene.height);
    // PDF readers are only required to show pages up to 14 400 points a side.
    if !(1.0..=14_400.0).contains(&width) || !(1.0..=14_400.0).contains(&height) {
        return Err(size_error());
    }
    let tree: usvg::Tree = svg_tree(scene)?;
    let page_settings = PageSettings::from_wh(width, height).ok_or_else(size_error)?;
    let size = Size::from_wh(width, height).ok_or_else(size_error)?;
    let mut document = Document::new();
    let mut page = document.start_page_with(page_settings);
    let mut surface = page.surface();
    surface
        .draw_svg(&tree, size, SvgSettings::default())
        .ok_or_else(size_error)?;
    surface.finish();
    page.finish();
    document
        .finish()
        .map_err(|e| FigureError::Pdf(format!("{e:?}")))
}
