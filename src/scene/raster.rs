//! The basemap as pixels, drawn on the CPU by tiny-skia (the rasteriser resvg draws
//! figures with): what the window shows under its cities. It is the figures' basemap
//! ([`super::geo::basemap`]: the same layers, colours, clipping and the same outlines
//! without the 180° cut), for a view given in degrees and a size in pixels.
//!
//! The window draws it as one texture instead of tens of thousands of triangles: a
//! software renderer (llvmpipe) pays about a microsecond for each triangle and more for
//! each pixel covered, so a frame of the map cost it ~100 ms; a texture costs one quad.

use resvg::tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform,
};

use super::geo::{Geography, Projection, basemap};
use super::{Point, Rect};
use crate::model::boundaries::Boundaries;
use crate::model::{LonLatBounds, Rgb};

/// The largest side drawn, in pixels (a 16K display's width).
pub const MAX_SIDE: u32 = 16_384;

/// The basemap of `view` (west, south, east, north in degrees; east may lie past 180°)
/// drawn into `width` × `height` pixels, with a thin line `line` pixels wide (the
/// window's pixels per point). `own_regions`: the dataset's own boundaries and the year
/// shown, drawn instead of the world's regions. `None` for an empty or oversized
/// frame. The pixels are premultiplied RGBA (all opaque: the sea is under everything).
pub(crate) fn basemap_pixmap(
    geography: &Geography,
    view: LonLatBounds,
    [width, height]: [u32; 2],
    line: f32,
    own_regions: Option<(&Boundaries, i32)>,
) -> Option<Pixmap> {
    if width > MAX_SIDE || height > MAX_SIDE {
        return None;
    }
    let mut pixmap = Pixmap::new(width, height)?;
    #[allow(clippy::cast_precision_loss)]
    let frame = Rect::new(0.0, 0.0, width as f32, height as f32);
    let projection = Projection::of_view(view, frame);
    let map = basemap(geography, &projection, line, own_regions);
    pixmap.fill(color(map.sea));
    let mut paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    for area in &map.areas {
        if let Some(fill) = area.fill
            && let Some(path) = path(&area.rings, &[])
        {
            paint.set_color(color(fill));
            pixmap.fill_path(
                &path,
                &paint,
                FillRule::EvenOdd,
                Transform::identity(),
                None,
            );
        }
        if let Some(stroke) = area.stroke
            && let Some(path) = path(&area.rings, &area.lines)
        {
            paint.set_color(color(stroke.colour));
            let stroke = Stroke {
                width: stroke.width,
                line_join: LineJoin::Round,
                line_cap: LineCap::Butt,
                ..Stroke::default()
            };
            pixmap.stroke_path(&path, &paint, &stroke, Transform::identity(), None);
        }
    }
    Some(pixmap)
}

fn color(Rgb([r, g, b]): Rgb) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

/// Closed rings and open lines as one path; `None` when there is nothing to draw.
fn path(rings: &[Vec<Point>], lines: &[Vec<Point>]) -> Option<resvg::tiny_skia::Path> {
    let mut builder = PathBuilder::new();
    let mut add = |points: &[Point], close: bool| {
        let Some((first, rest)) = points.split_first() else {
            return;
        };
        if rest.is_empty() {
            return;
        }
        builder.move_to(first.x, first.y);
        for p in rest {
            builder.line_to(p.x, p.y);
        }
        if close {
            builder.close();
        }
    };
    for ring in rings {
        add(ring, true);
    }
    for line in lines {
        add(line, false);
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn pixel(pixmap: &Pixmap, x: u32, y: u32) -> [u8; 3] {
        let c = pixmap.pixel(x, y).expect("in the pixmap");
        [c.red(), c.green(), c.blue()]
    }

    fn kazakhstan() -> Geography {
        Geography::with_own(HashSet::from(["KZ".to_string()]))
    }

    #[test]
    fn kazakhstan_is_land_the_caspian_is_sea_and_china_is_context() {
        // 40°E…90°E, 35°N…56°N in 500 × 210 pixels: 10 px per degree.
        let view = LonLatBounds {
            min_lon: 40.0,
            min_lat: 35.0,
            max_lon: 90.0,
            max_lat: 56.0,
        };
        let pixmap = basemap_pixmap(&kazakhstan(), view, [500, 210], 1.0, None).expect("drawn");
        let at = |lon: f64, lat: f64| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let (x, y) = (((lon - 40.0) * 10.0) as u32, ((56.0 - lat) * 10.0) as u32);
            pixel(&pixmap, x, y)
        };
        use crate::geography::palette::{CONTEXT, LAND, SEA};
        // Karaganda's steppe, the middle of the Caspian, and China's Tarim basin.
        assert_eq!(at(73.0, 48.5), LAND.0);
        assert_eq!(at(51.0, 42.0), SEA.0);
        assert_eq!(at(83.0, 39.0), CONTEXT.0);
        // Kazakhstan's border is drawn: some pixels along 55°N…41°N at 80.3°E (the
        // Chinese border near Zharkent) are darker than any fill.
        let darker = (0..210).any(|y| {
            let [r, g, b] = pixel(&pixmap, 403, y);
            u32::from(r) + u32::from(g) + u32::from(b) < 500
        });
        assert!(darker);
    }

    #[test]
    fn a_view_a_few_metres_wide_is_drawn_without_losing_the_land() {
        // 0.0005° across at Karaganda: the country's outline is ~10⁸ pixels away, which a
        // rasteriser cannot take unclipped.
        let view = LonLatBounds {
            min_lon: 73.1,
            min_lat: 49.8,
            max_lon: 73.1005,
            max_lat: 49.8003,
        };
        let pixmap = basemap_pixmap(&kazakhstan(), view, [200, 120], 1.0, None).expect("drawn");
        use crate::geography::palette::LAND;
        assert_eq!(pixel(&pixmap, 100, 60), LAND.0);
        assert_eq!(pixel(&pixmap, 0, 0), LAND.0);
    }

    #[test]
    fn an_empty_or_oversized_frame_is_not_drawn() {
        let view = LonLatBounds {
            min_lon: 0.0,
            min_lat: 0.0,
            max_lon: 10.0,
            max_lat: 10.0,
        };
        assert!(basemap_pixmap(&kazakhstan(), view, [0, 100], 1.0, None).is_none());
        assert!(basemap_pixmap(&kazakhstan(), view, [MAX_SIDE + 1, 10], 1.0, None).is_none());
    }
}
