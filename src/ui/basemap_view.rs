//! The world under the cities: sea, the dataset's countries as land, the other countries
//! as lighter context, lakes, borders, and the dataset's countries' regions — at the level
//! of detail the zoom asks for, and only what is in view. Land is triangulated once per
//! layer; the screen-space shapes are rebuilt only when the view moves.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Shape, Stroke};
use egui_plot::{PlotPoint, PlotTransform};

use crate::geography::world::{Feature, Triangles, world};
use crate::model::{Dataset, LonLatBounds};

use crate::geography::palette;
use crate::ui::style::color;

// The colours figures are drawn with too (`geography::palette`).
pub const SEA_COLOR: Color32 = color(palette::SEA);
/// The dataset's countries.
pub const LAND_COLOR: Color32 = color(palette::LAND);
/// Every other country: there for orientation, quieter than the data's own.
pub const CONTEXT_COLOR: Color32 = color(palette::CONTEXT);
const BORDER_COLOR: Color32 = color(palette::BORDER);
const CONTEXT_BORDER_COLOR: Color32 = color(palette::CONTEXT_BORDER);
const REGION_COLOR: Color32 = color(palette::REGION);
/// The dataset's own boundaries: a little darker than the world's regions.
const OWN_REGION_COLOR: Color32 = color(palette::OWN_REGION);

/// The plot frame, bounds and year a cached shape was built for.
type View = (egui::Rect, [f64; 2], [f64; 2], i32);

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
    /// Alpha-2 codes of the countries the dataset's cities lie in.
    own: HashSet<String>,
    cached: Option<(View, Arc<Vec<Shape>>)>,
    /// The names of the regions the last build drew, largest region first.
    labels: Vec<RegionLabel>,
    /// Points inside each region whose name was placed (by feature id), found once.
    anchors: HashMap<String, Vec<[f64; 2]>>,
    /// The dataset's own boundary layer, drawn instead of the world's regions.
    boundaries: Option<Arc<crate::model::boundaries::Boundaries>>,
    /// How many of its regions the last build drew.
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
            own: HashSet::new(),
            cached: None,
            labels: Vec::new(),
            anchors: HashMap::new(),
            boundaries: None,
            boundaries_drawn: 0,
        }
    }

    /// The countries drawn as the data's own: those its cities lie in (at most 2,000
    /// cities are looked at, spread over the dataset).
    pub fn set_dataset(&mut self, dataset: &Dataset) {
        self.own.clear();
        self.cached = None;
        self.labels.clear();
        self.anchors.clear();
        self.boundaries.clone_from(&dataset.info.boundaries);
        let Some(world) = world() else {
            return;
        };
        let step = (dataset.cities.len() / 2000).max(1);
        for city in dataset.cities.iter().step_by(step) {
            if let Some(country) = world.country_at(city.location.lon, city.location.lat) {
                self.own.insert(country.id.clone());
            }
        }
    }

    /// The dataset's countries' alpha-2 codes.
    pub fn own_countries(&self) -> &HashSet<String> {
        &self.own
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

    /// The shapes to paint under the cities for this frame's view and the year shown (the
    /// dataset's own boundaries depend on it).
    pub fn shapes(&mut self, transform: &PlotTransform, year: i32) -> Arc<Vec<Shape>> {
        let year = if self.boundaries.is_some() { year } else { 0 };
        let view = (
            *transform.frame(),
            transform.bounds().min(),
            transform.bounds().max(),
            year,
        );
        if let Some((cached, shapes)) = &self.cached
            && *cached == view
        {
            return Arc::clone(shapes);
        }
        let shapes = Arc::new(self.build(transform, year));
        self.cached = Some((view, Arc::clone(&shapes)));
        shapes
    }

    fn build(&mut self, transform: &PlotTransform, year: i32) -> Vec<Shape> {
        self.boundaries_drawn = 0;
        self.labels.clear();
        let frame = *transform.frame();
        let mut shapes = vec![Shape::rect_filled(frame, 0.0, SEA_COLOR)];
        let Some(world) = world() else {
            return shapes;
        };
        let (min, max) = (transform.bounds().min(), transform.bounds().max());
        // A view across 180° shows the world's copy east (or west) of it too.
        for dx in [-360.0, 0.0, 360.0] {
            if max[0] >= -180.0 + dx && min[0] <= 180.0 + dx {
                self.build_copy(transform, year, dx, world, &mut shapes);
            }
        }
        self.labels
            .sort_by(|a, b| (b.room.x * b.room.y).total_cmp(&(a.room.x * a.room.y)));
        shapes
    }

    /// The world shifted `dx` degrees east (a copy across the antimeridian).
    fn build_copy(
        &mut self,
        transform: &PlotTransform,
        year: i32,
        dx: f64,
        world: &crate::geography::world::World,
        shapes: &mut Vec<Shape>,
    ) {
        let (min, max) = (transform.bounds().min(), transform.bounds().max());
        let view = LonLatBounds {
            min_lon: min[0] - dx,
            min_lat: min[1],
            max_lon: max[0] - dx,
            max_lat: max[1],
        };
        let span = (max[0] - min[0]).max(max[1] - min[1]);
        let to_screen =
            |[lon, lat]: [f64; 2]| transform.position_from_point(&PlotPoint::new(lon + dx, lat));
        let visible = |f: &Feature| intersects(&f.bounds, &view);

        let countries_name = crate::geography::world::countries_layer(span, 0.0);
        let countries = world.layer(countries_name);
        let fills = world.triangles(countries_name).unwrap_or_default();
        let lakes_name = crate::geography::world::lakes_layer(span);
        let lakes = world.layer(lakes_name);
        let lake_fills = world.triangles(lakes_name).unwrap_or_default();
        let mut mesh = egui::Mesh::default();
        // Triangles wholly outside the frame are left out (most of Russia's, China's…
        // when the map shows Kazakhstan): a software renderer pays for each one.
        let room = transform.frame().expand(2.0);
        let mut fill = |triangles: &Triangles, color: Color32| {
            for triangle in triangles {
                let corners = triangle.map(to_screen);
                if !room.intersects(Rect::from_points(&corners)) {
                    continue;
                }
                for corner in corners {
                    let index = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
                    mesh.colored_vertex(corner, color);
                    mesh.indices.push(index);
                }
            }
        };
        if let Some(countries) = countries {
            for (feature, triangles) in countries.features.iter().zip(fills.iter()) {
                if visible(feature) {
                    let color = if self.own.contains(&feature.id) {
                        LAND_COLOR
                    } else {
                        CONTEXT_COLOR
                    };
                    fill(triangles, color);
                }
            }
        }
        if let Some(lakes) = lakes {
            for (feature, triangles) in lakes.features.iter().zip(lake_fills.iter()) {
                if visible(feature) {
                    fill(triangles, SEA_COLOR);
                }
            }
        }
        shapes.push(Shape::mesh(mesh));

        let outline_shape =
            |shape: &geo::MultiPolygon<f64>, stroke: Stroke, shapes: &mut Vec<Shape>| {
                for polygon in &shape.0 {
                    for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                        let mut last: Option<[f64; 2]> = None;
                        ring_lines(
                            ring.coords().map(|c| {
                                let here = [c.x, c.y];
                                let cut = last
                                    .is_some_and(|a| crate::geography::along_antimeridian(a, here));
                                last = Some(here);
                                (to_screen(here), cut)
                            }),
                            room,
                            stroke,
                            shapes,
                        );
                    }
                }
            };
        let outline = |feature: &Feature, stroke: Stroke, shapes: &mut Vec<Shape>| {
            outline_shape(&feature.shape, stroke, shapes);
        };
        // The dataset's own boundaries for the year shown replace the world's regions.
        let mut named = Vec::new();
        if let Some(boundaries) = &self.boundaries {
            for (i, region) in boundaries
                .regions
                .iter()
                .enumerate()
                .filter(|(_, r)| r.valid_in(year) && intersects(&r.bounds, &view))
            {
                outline_shape(&region.shape, Stroke::new(1.2, OWN_REGION_COLOR), shapes);
                self.boundaries_drawn += 1;
                if let Some(name) = &region.name {
                    named.push((
                        format!("own/{i}"),
                        name,
                        &region.shape,
                        region.bounds,
                        false,
                    ));
                }
            }
        } else if span <= 60.0
            && let Some(regions) = world.layer(crate::geography::world::regions_layer(span))
        {
            for feature in regions
                .features
                .iter()
                .filter(|f| self.own.contains(&f.country) && visible(f))
            {
                outline(feature, Stroke::new(0.8, REGION_COLOR), shapes);
                if !feature.name.is_empty() {
                    named.push((
                        feature.id.clone(),
                        &feature.name,
                        &feature.shape,
                        feature.bounds,
                        true,
                    ));
                }
            }
        }
        for (key, name, shape, bounds, english_only) in named {
            let spots = self
                .anchors
                .entry(key)
                .or_insert_with(|| crate::geography::label::label_spots(shape, 6));
            if !spots.is_empty() {
                let corner = |lon: f64, lat: f64| to_screen([lon, lat]);
                let room =
                    corner(bounds.max_lon, bounds.min_lat) - corner(bounds.min_lon, bounds.max_lat);
                self.labels.push(RegionLabel {
                    name: name.clone(),
                    at: spots.iter().map(|&p| to_screen(p)).collect(),
                    room: room.abs(),
                    english_only,
                });
            }
        }
        // Other countries' borders first, so the data's own are drawn over them.
        if let Some(countries) = countries {
            for own in [false, true] {
                let stroke = if own {
                    Stroke::new(1.6, BORDER_COLOR)
                } else {
                    Stroke::new(0.8, CONTEXT_BORDER_COLOR)
                };
                for feature in countries
                    .features
                    .iter()
                    .filter(|f| visible(f) && self.own.contains(&f.id) == own)
                {
                    outline(feature, stroke, shapes);
                }
            }
        }
    }
}

/// Points closer than this (in points, along both axes together) to the last one kept are
/// dropped from an outline: finer than a line's width, so it looks the same.
const OUTLINE_TOLERANCE: f32 = 0.6;

/// A ring's outline as lines: only the runs of it within `room` (a ring that leaves the
/// frame becomes open lines, so Russia's far side is not tessellated every time the view
/// moves), without points that lie closer together than [`OUTLINE_TOLERANCE`]. A point
/// marked `true` is reached by a segment that is not drawn (one along 180°, where Natural
/// Earth cuts Russia and Fiji: not a border).
fn ring_lines(
    points: impl Iterator<Item = (Pos2, bool)>,
    room: egui::Rect,
    stroke: Stroke,
    shapes: &mut Vec<Shape>,
) {
    let mut run: Vec<Pos2> = Vec::new();
    let mut runs: Vec<Vec<Pos2>> = Vec::new();
    let mut previous: Option<Pos2> = None;
    let mut whole = true;
    for (p, cut) in points {
        let inside = room.contains(p);
        // A segment is drawn when either end is in room (and both its ends with it).
        let drawn = previous.is_none_or(|q| !cut && (inside || room.contains(q)));
        if drawn && (inside || previous.is_some()) {
            if run.is_empty()
                && let Some(q) = previous
            {
                run.push(q);
            }
            if run
                .last()
                .is_none_or(|q| (p.x - q.x).abs() + (p.y - q.y).abs() >= OUTLINE_TOLERANCE)
                || !inside
            {
                run.push(p);
            }
        } else {
            whole = false;
            if run.len() >= 2 {
                runs.push(std::mem::take(&mut run));
            } else {
                run.clear();
            }
        }
        if !inside {
            whole = false;
        }
        previous = Some(p);
    }
    if whole {
        if run.len() >= 2 {
            shapes.push(Shape::closed_line(run, stroke));
        }
        return;
    }
    if run.len() >= 2 {
        runs.push(run);
    }
    shapes.extend(runs.into_iter().map(|run| Shape::line(run, stroke)));
}

fn intersects(a: &LonLatBounds, b: &LonLatBounds) -> bool {
    a.min_lon <= b.max_lon
        && b.min_lon <= a.max_lon
        && a.min_lat <= b.max_lat
        && b.min_lat <= a.max_lat
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(shapes: &[Shape]) -> Vec<Vec<Pos2>> {
        shapes
            .iter()
            .map(|s| match s {
                Shape::Path(path) => path.points.clone(),
                other => panic!("not a path: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn an_outline_is_kept_only_inside_the_frame_and_thinned_to_what_shows() {
        let room = Rect::from_min_max(Pos2::ZERO, egui::pos2(100.0, 100.0));
        let stroke = Stroke::new(1.0, Color32::BLACK);
        // Inside: one closed line, points 0.1 apart thinned to about one per 0.6.
        let mut shapes = Vec::new();
        let dense = (0..=100).map(|i| egui::pos2(10.0 + 0.1 * i as f32, 10.0));
        ring_lines(
            dense
                .chain([egui::pos2(20.0, 20.0), egui::pos2(10.0, 10.0)])
                .map(|p| (p, false)),
            room,
            stroke,
            &mut shapes,
        );
        assert_eq!(shapes.len(), 1);
        assert!(matches!(&shapes[0], Shape::Path(p) if p.closed));
        let kept = points(&shapes)[0].len();
        assert!((15..=25).contains(&kept), "{kept}");
        // A ring that leaves the frame: open lines, each segment touching the frame.
        let mut shapes = Vec::new();
        let ring = [
            (50.0, 50.0),
            (150.0, 50.0),
            (150.0, 60.0),
            (250.0, 60.0),
            (150.0, 70.0),
            (50.0, 70.0),
            (50.0, 50.0),
        ]
        .map(|(x, y)| egui::pos2(x, y));
        ring_lines(
            ring.into_iter().map(|p| (p, false)),
            room,
            stroke,
            &mut shapes,
        );
        let lines = points(&shapes);
        assert_eq!(lines.len(), 2, "{lines:?}");
        for line in &lines {
            for pair in line.windows(2) {
                assert!(room.contains(pair[0]) || room.contains(pair[1]), "{pair:?}");
            }
        }
        assert!(lines.iter().flatten().all(|p| p.x != 250.0));
        // A ring cut at 180°: its segment along the meridian is not drawn.
        let mut shapes = Vec::new();
        let square = [
            (10.0, 10.0),
            (50.0, 10.0),
            (50.0, 50.0),
            (10.0, 50.0),
            (10.0, 10.0),
        ];
        let cut_after = 2; // the segment from (50, 10) to (50, 50)
        ring_lines(
            square
                .iter()
                .enumerate()
                .map(|(i, &(x, y))| (egui::pos2(x, y), i == cut_after)),
            room,
            stroke,
            &mut shapes,
        );
        let lines = points(&shapes);
        assert!(
            lines.iter().all(|line| line
                .windows(2)
                .all(|w| { !(w[0] == egui::pos2(50.0, 10.0) && w[1] == egui::pos2(50.0, 50.0)) })),
            "{lines:?}"
        );
        assert!(matches!(&shapes[0], Shape::Path(p) if !p.closed));
    }
}
