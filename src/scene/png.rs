//! A [`Scene`] as PNG, rendered on the CPU by resvg from the same SVG that
//! [`super::to_svg`] writes: no GPU, no display, and the same pixels on every machine,
//! because text is set in the font egui ships (compiled into the binary). The system's
//! fonts are there only for characters that font lacks.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use super::Scene;

/// The largest PNG side, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels a PNG may have (256 MB of RGBA while it is drawn).
pub const MAX_PIXELS: u64 = 64 << 20;

#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    #[error(
        "a figure of {width} × {height} at scale {scale} is not a size to render (at most {MAX_SIDE} pixels a side)"
    )]
    Size { width: f32, height: f32, scale: f32 },
    #[error("the figure's SVG could not be read back: {0}")]
    Svg(#[from] usvg::Error),
    #[error("the PNG could not be encoded: {0}")]
    Encode(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// The fonts, made once per process: egui's Ubuntu Light, which answers every request
/// for the figure's first font family, then the system's fonts (without any "Ubuntu" of
/// theirs) for characters it lacks. resvg takes the first font that has a missing
/// character, and sets the whole text in it when that font has all of it, so sans fonts
/// come first and serif and monospaced ones last.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut system = fontdb::Database::new();
        system.load_system_fonts();
        let family = |f: &fontdb::FaceInfo| {
            f.families
                .first()
                .map_or("", |(n, _)| n.as_str())
                .to_owned()
        };
        let mut faces: Vec<fontdb::FaceInfo> = system
            .faces()
            .filter(|f| !f.families.iter().any(|(name, _)| name == BUILTIN_FAMILY))
            .cloned()
            .collect();
        faces.sort_by_cached_key(|f| (fallback_rank(f), family(f), f.post_script_name.clone()));
        let mut db = fontdb::Database::new();
        db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
        for face in faces {
            db.push_face_info(face);
        }
        db.set_sans_serif_family(BUILTIN_FAMILY);
        Arc::new(db)
    }))
}

/// The order in which system fonts are tried for a missing character.
fn fallback_rank(face: &fontdb::FaceInfo) -> u8 {
    let name = face.families.first().map_or("", |(n, _)| n.as_str());
    match name {
        "Noto Sans" => 0,
        "DejaVu Sans" => 1,
        _ if face.monospaced || name.contains("Mono") => 5,
        _ if name.contains("Serif") => 4,
        _ if name.contains("Sans") => 2,
        _ => 3,
    }
}

/// The family name of `epaint_default_fonts::UBUNTU_LIGHT`.
const BUILTIN_FAMILY: &str = "Ubuntu";

/// The scene as PNG bytes, `scale` pixels per scene pixel (2 for a sharp print).
pub fn to_png(scene: &Scene, scale: f32) -> Result<Vec<u8>, FigureError> {
    to_pixmap(scene, scale)?
        .encode_png()
        .map_err(|e| FigureError::Encode(e.to_string()))
}

/// A drawn figure: RGBA pixels, row by row (opaque: the figure has a background).
#[derive(Clone, Debug)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// The scene as RGBA pixels (frames of animations).
pub fn to_image(scene: &Scene, scale: f32) -> Result<Image, FigureError> {
    let pixmap = to_pixmap(scene, scale)?;
    Ok(Image {
        width: pixmap.width(),
        height: pixmap.height(),
        rgba: pixmap.take(),
    })
}

fn to_pixmap(scene: &Scene, scale: f32) -> Result<tiny_skia::Pixmap, FigureError> {
    let size_error = || FigureError::Size {
        width: scene.width,
        height: scene.height,
        scale,
    };
    let side = |v: f32| -> Option<u32> {
        let px = (v * scale).round();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        (px.is_finite() && px >= 1.0 && px <= MAX_SIDE as f32).then_some(px as u32)
    };
    let (Some(width), Some(height)) = (side(scene.width), side(scene.height)) else {
        return Err(size_error());
    };
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(size_error());
    }
    let tree = svg_tree(scene)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or_else(size_error)?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The scene's SVG read back by usvg with the figure's fonts (text laid out in them), the
/// tree both the PNG and the PDF are drawn from.
pub(super) fn svg_tree(scene: &Scene) -> Result<usvg::Tree, FigureError> {
    let svg = super::to_svg(scene);
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: BUILTIN_FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    Ok(usvg::Tree::from_str(&svg, &options)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_font_answers_for_the_figure_family() {
        let db = fonts();
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(BUILTIN_FAMILY)],
            ..fontdb::Query::default()
        };
        let id = db.query(&query);
        let face = id.and_then(|id| db.face(id));
        assert!(
            face.is_some_and(|f| matches!(f.source, fontdb::Source::Binary(_))),
            "{face:?}"
        );
    }
}
