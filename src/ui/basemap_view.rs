//! The world under the cities: sea, the dataset's countries as land, the other countries
//! as lighter context, lakes, borders, and the dataset's countries' regions — at the level
//! of detail the zoom asks for, and only what is in view. It is the figures' basemap
//! (`scene::geo`), drawn on the CPU into one texture whenever the view moves
//! (`scene::raster`) and shown as one quad: a software renderer draws that in a few
//! milliseconds, where the same map as triangles cost it ~100 ms a frame.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Shape};
use egui_plot::{PlotPoint, PlotTransform};

use crate::geography::world::world;
use crate::model::{Dataset, LonLatBounds};
use crate::scene::Geography;

use crate::geography::palette;
use crate::ui::style::color;

// The colours figures are drawn with too (`geography::palette`).
pub const SEA_COLOR: Color32 = color(palette::SEA);
/// The dataset's countries.
pub const LAND_COLOR: Color32 = color(palette::LAND);
/// Every other country: there for orientation, quieter than the data's own.
pub const CONTEXT_COLOR: Color32 = color(palette::CONTEXT);

/// How wide a thin line of the basemap is, in points (the figures' `line`).
const LINE_POINTS: f32 = 1.1;

/// What a drawn basemap was drawn for: the screen rectangle (on whole pixels), the
/// degrees at its corners, the year (the dataset's own boundaries depend on it), the
/// pixels per point, and whether it was drawn coarse (while the view moved).
type View = (Rect, [f64; 2], [f64; 2], i32, f32, bool);

/// A region's name and the room its outline leaves for it on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionLabel {
    pub name: String,
    /// Points inside the region, the roomiest first: the name goes on the first where it
    /// covers nothing.
    pub at: Vec<Pos2>,
    /// The screen size of the region's bounding box.
    pub room: egui::Vec2,
    /// A name from the world basemap (English only), not the dataset's own.
    pub english_only: bool,
}

pub struct BasemapView {
    /// The countries the dataset's cities lie in, drawn as land.
    geography: Geography,
    /// The last basemap drawn, and where.
    drawn: Option<(View, egui::TextureHandle)>,
    /// The names of the regions the last view drew, largest region first.
    labels: Vec<RegionLabel>,
    /// Points inside each region whose name was placed (by feature id), found once.
    anchors: HashMap<String, Vec<[f64; 2]>>,
    /// The dataset's own boundary layer, drawn instead of the world's regions.
    boundaries: Option<Arc<crate::model::boundaries::Boundaries>>,
    /// How many of its regions the last view drew.
    boundaries_drawn: usize,
}

impl Default for BasemapView {
    fn default() -> Self {
        Self::new()
    }
}

impl BasemapView {
    pub fn new() -> Self {
        Self {
            geography: Geography::with_own(std::collections::HashSet::new()),
            drawn: None,
            labels: Vec::new(),
            anchors: HashMap::new(),
            boundaries: None,
            boundaries_drawn: 0,
        }
    }

    /// The countries drawn as the data's own: those its cities lie in (at most 2,000
    /// cities are looked at, spread over the dataset, as for figures).
    pub fn set_dataset(&mut self, dataset: &Dataset) {
        self.geography = Geography::of(dataset);
        self.drawn = None;
        self.labels.clear();
        self.anchors.clear();
        self.boundaries.clone_from(&dataset.info.boundaries);
    }

    /// The dataset's countries' alpha-2 codes.
    pub fn own_countries(&self) -> &std::collections::HashSet<String> {
        &self.geography.own
    }

    /// How many of the dataset's own boundary regions were drawn last (those in view and
    /// valid in the year shown).
    pub fn boundaries_drawn(&self) -> usize {
        self.boundaries_drawn
    }

    /// The names of the regions drawn last, largest first (where each may go; the map
    /// places those that fit).
    pub fn region_labels(&self) -> &[RegionLabel] {
        &self.labels
    }

    /// The basemap under the cities for this frame's view and the year shown: one
    /// textured rectangle, drawn again only when the view, the year (with the dataset's
    /// own boundaries) or the pixels per point changed. While the view is `moving`
    /// (dragged or zoomed), a screen of more than one pixel per point gets one texel per
    /// point (a 2× screen's basemap costs ~18 ms to draw, a quarter of that at 1×), and
    /// the full one in the frame after it stops.
    pub fn shape(
        &mut self,
        ctx: &egui::Context,
        transform: &PlotTransform,
        year: i32,
        moving: bool,
    ) -> Shape {
        let year = if self.boundaries.is_some() { year } else { 0 };
        let ppp = ctx.pixels_per_point();
        let frame = *transform.frame();
        // On whole pixels, so that each of the texture's pixels is one on screen.
        let rect = Rect::from_min_max(
            ((frame.min.to_vec2() * ppp).floor() / ppp).to_pos2(),
            ((frame.max.to_vec2() * ppp).ceil() / ppp).to_pos2(),
        );
        let coarse = moving && ppp > 1.0;
        let key = (
            rect,
            transform.bounds().min(),
            transform.bounds().max(),
            year,
            ppp,
            coarse,
        );
        let uv = Rect::from_min_max(Pos2::ZERO, egui::pos2(1.0, 1.0));
        if let Some((drawn, texture)) = &self.drawn
            && *drawn == key
        {
            return Shape::image(texture.id(), rect, uv, Color32::WHITE);
        }
        if coarse {
            // The next frame draws it sharp if the view has stopped by then (a zoom by
            // the wheel ends without an event).
            ctx.request_repaint();
        }
        let corner = |p: Pos2| transform.value_from_position(p);
        let (north_west, south_east) = (corner(rect.min), corner(rect.max));
        let view = LonLatBounds {
            min_lon: north_west.x,
            min_lat: south_east.y,
            max_lon: south_east.x,
            max_lat: north_west.y,
        };
        self.place_labels(transform, &view, year);
        if ctx.will_discard() {
            // A pass egui lays out only to measure (the panels' first sizes): not shown.
            return Shape::rect_filled(frame, 0.0, SEA_COLOR);
        }
        // At most the renderer's largest texture: a larger frame gets a coarser map,
        // stretched.
        let largest = ctx.input(|i| i.max_texture_side).max(1) as f32;
        let pixels = rect.size() * ppp;
        let scale = (largest / pixels.max_elem()).min(if coarse { 1.0 / ppp } else { 1.0 });
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let size = [
            (pixels.x * scale).round().max(0.0) as u32,
            (pixels.y * scale).round().max(0.0) as u32,
        ];
        let own_regions = self.boundaries.as_deref().map(|b| (b, year));
        let started = crate::timing::enabled().then(std::time::Instant::now);
        let Some(pixmap) = crate::scene::raster::basemap_pixmap(
            &self.geography,
            view,
            size,
            LINE_POINTS * ppp * scale,
            own_regions,
        ) else {
            self.drawn = None;
            return Shape::rect_filled(frame, 0.0, SEA_COLOR);
        };
        if let Some(started) = started {
            crate::timing::mark(format_args!(
                "basemap rasterised, {}×{} px in {:.1} ms",
                size[0],
                size[1],
                started.elapsed().as_secs_f64() * 1e3
            ));
        }
        let image = egui::ColorImage::from_rgba_premultiplied(
            [pixmap.width() as usize, pixmap.height() as usize],
            pixmap.data(),
        );
        let options = if scale < 1.0 {
            egui::TextureOptions::LINEAR
        } else {
            egui::TextureOptions::NEAREST
        };
        let texture = match self.drawn.take() {
            Some((_, mut texture)) => {
                texture.set(image, options);
                texture
            }
            None => ctx.load_texture("basemap", image, options),
        };
        let shape = Shape::image(texture.id(), rect, uv, Color32::WHITE);
        self.drawn = Some((key, texture));
        shape
    }

    /// Where the names of the regions in view may go (and how many of the dataset's
    /// own regions are in view): the regions the basemap of `view` outlines
    /// ([`crate::scene::region_outlines`]), on each copy of the world the view shows.
    fn place_labels(&mut self, transform: &PlotTransform, view: &LonLatBounds, year: i32) {
        self.boundaries_drawn = 0;
        self.labels.clear();
        let Some(world) = world() else {
            return;
        };
        let boundaries = self.boundaries.clone();
        let own_regions = boundaries.as_deref().map(|b| (b, year));
        let span = (view.max_lon - view.min_lon).max(view.max_lat - view.min_lat);
        // A view across 180° shows the world's copy east (or west) of it too.
        for dx in [-360.0, 0.0, 360.0] {
            if view.max_lon < -180.0 + dx || view.min_lon > 180.0 + dx {
                continue;
            }
            let copy = LonLatBounds {
                min_lon: view.min_lon - dx,
                max_lon: view.max_lon - dx,
                ..*view
            };
            let to_screen = |[lon, lat]: [f64; 2]| {
                transform.position_from_point(&PlotPoint::new(lon + dx, lat))
            };
            let regions =
                crate::scene::region_outlines(world, &self.geography, &copy, span, own_regions);
            for region in regions {
                if region.own.is_some() {
                    self.boundaries_drawn += 1;
                }
                if region.name.is_empty() {
                    continue;
                }
                let key = region
                    .own
                    .map_or_else(|| region.id.to_owned(), |i| format!("own/{i}"));
                let spots = self
                    .anchors
                    .entry(key)
                    .or_insert_with(|| crate::geography::label::label_spots(region.shape, 6));
                if !spots.is_empty() {
                    let b = region.bounds;
                    let room =
                        to_screen([b.max_lon, b.min_lat]) - to_screen([b.min_lon, b.max_lat]);
                    self.labels.push(RegionLabel {
                        name: region.name.to_owned(),
                        at: spots.iter().map(|&p| to_screen(p)).collect(),
                        room: room.abs(),
                        english_only: region.own.is_none(),
                    });
                }
            }
        }
        self.labels
            .sort_by(|a, b| (b.room.x * b.room.y).total_cmp(&(a.room.x * a.room.y)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_plot::PlotBounds;

    /// The texture's size after drawing the Kazakh view in an 800 × 400-point frame.
    fn drawn_size(view: &mut BasemapView, ctx: &egui::Context, moving: bool) -> [usize; 2] {
        let frame = Rect::from_min_size(egui::pos2(10.3, 20.0), egui::vec2(800.0, 400.0));
        let bounds = PlotBounds::from_min_max([45.0, 39.0], [89.0, 57.0]);
        let transform = PlotTransform::new(frame, bounds, false);
        let shape = view.shape(ctx, &transform, 2025, moving);
        assert!(matches!(shape, Shape::Mesh(_)), "{shape:?}");
        view.drawn.as_ref().expect("drawn").1.size()
    }

    #[test]
    fn the_basemap_is_one_texture_on_whole_pixels_coarse_only_while_moving_on_a_dense_screen() {
        let ctx = egui::Context::default();
        let mut view = BasemapView::new();
        view.geography = Geography::with_own(std::collections::HashSet::from(["KZ".into()]));
        // 1 pixel per point: 10.3…810.3 covers pixels 10…811.
        assert_eq!(drawn_size(&mut view, &ctx, false), [801, 400]);
        assert_eq!(drawn_size(&mut view, &ctx, true), [801, 400]);
        // 2 pixels per point: full while still, a texel per point while moving, and full
        // again once it stops.
        ctx.set_pixels_per_point(2.0);
        let _ = ctx.run_ui(egui::RawInput::default(), |_| {});
        assert_eq!(drawn_size(&mut view, &ctx, false), [1601, 800]);
        let [w, h] = drawn_size(&mut view, &ctx, true);
        assert!(w.abs_diff(801) <= 1 && h == 400, "{w} × {h}");
        assert_eq!(drawn_size(&mut view, &ctx, false), [1601, 800]);
    }
}
