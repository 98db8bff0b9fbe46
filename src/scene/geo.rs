//! From degrees to figure pixels: which area a figure shows (as the window's Reset
//! view does), the projection the window uses (equirectangular, longitudes narrowed by
//! the latitude's cosine), and the world basemap clipped to a frame.

use std::collections::{HashMap, HashSet};

use crate::geography::aspect_for_latitude;
use crate::geography::view::map_home_for;
use crate::geography::world::{Feature, world};
use crate::model::{Dataset, LonLatBounds};

use super::{Area, AreaKind, Basemap, Point, Rect, Stroke};

// The window's colours, from the one palette both draw with.
pub(crate) use crate::geography::palette::{
    BORDER, CONTEXT, CONTEXT_BORDER, LAND, OWN_REGION, REGION, SEA,
};

const WHOLE_WORLD: LonLatBounds = LonLatBounds {
    min_lon: -180.0,
    min_lat: -90.0,
    max_lon: 180.0,
    max_lat: 90.0,
};

/// The countries a dataset's cities lie in.
pub(crate) struct Geography {
    /// Alpha-2 codes, drawn as land.
    pub own: HashSet<String>,
    /// The country most cities lie in: what "the whole map" shows, as the window's
    /// basemap country does.
    main: Option<&'static Feature>,
}

impl Geography {
    /// Looks at up to 2,000 cities spread over the dataset, as the window does.
    pub fn of(dataset: &Dataset) -> Self {
        let mut own = HashSet::new();
        let mut counts: HashMap<&'static str, (usize, &'static Feature)> = HashMap::new();
        if let Some(world) = world() {
            let step = (dataset.cities.len() / 2000).max(1);
            for city in dataset.cities.iter().step_by(step) {
                if let Some(country) = world.country_at(city.location.lon, city.location.lat) {
                    own.insert(country.id.clone());
                    counts.entry(country.id.as_str()).or_insert((0, country)).0 += 1;
                }
            }
        }
        // Most cities, then the first id: the same country on every run.
        let main = counts
            .into_values()
            .max_by(|(a, fa), (b, fb)| a.cmp(b).then_with(|| fb.id.cmp(&fa.id)))
            .map(|(_, feature)| feature);
        Self { own, main }
    }

    /// Countries given by their alpha-2 codes, with none the main one.
    #[cfg(feature = "figure")]
    pub fn with_own(own: HashSet<String>) -> Self {
        Self { own, main: None }
    }

    /// The bounds the window's Reset view shows for `dataset` (across 180° for a
    /// dataset that spans the Pacific, as the window's).
    pub fn home(&self, dataset: &Dataset) -> LonLatBounds {
        match self.main {
            Some(country) => map_home_for(dataset, country.bounds, Some(&country.shape)),
            None => map_home_for(dataset, WHOLE_WORLD, None),
        }
    }
}

/// Whether a view is worth showing: finite, not empty, on the globe.
pub(crate) fn sane(view: &LonLatBounds) -> bool {
    crate::geography::sane_view([view.min_lon, view.min_lat, view.max_lon, view.max_lat])
}

/// Degrees of longitude and latitude to figure pixels, for one frame.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Projection {
    pub frame: Rect,
    /// What the frame shows: the home grown along one axis to the frame's shape.
    pub view: LonLatBounds,
    /// Pixels per degree of longitude and of latitude.
    kx: f64,
    ky: f64,
}

/// The widest view: a little more than the whole world (as the window).
const MAX_SPAN_DEGREES: f64 = 400.0;

impl Projection {
    /// `home` grown along one axis so that all of it shows in `frame` at the aspect the
    /// window uses for its middle latitude (the window's `fit_to_frame`).
    pub fn fit(home: LonLatBounds, frame: Rect) -> Self {
        let aspect = aspect_for_latitude(home.mid_lat().clamp(-70.0, 70.0));
        let (w, h) = (f64::from(frame.w.max(1.0)), f64::from(frame.h.max(1.0)));
        // Degrees of longitude per degree of latitude that fill the frame.
        let ratio = aspect * w / h;
        let (mut xs, mut ys) = (
            (home.max_lon - home.min_lon).max(1e-6),
            (home.max_lat - home.min_lat).max(1e-6),
        );
        if xs / ys < ratio {
            xs = ys * ratio;
        } else {
            ys = xs / ratio;
        }
        let over = xs.max(ys) / MAX_SPAN_DEGREES;
        if over > 1.0 {
            xs /= over;
            ys /= over;
        }
        // A view across 180° has its centre east of it (Fiji to Hawaii: about 190°).
        let cx = f64::midpoint(home.min_lon, home.max_lon).clamp(-360.0, 360.0);
        let cy = f64::midpoint(home.min_lat, home.max_lat).clamp(-90.0, 90.0);
        let view = LonLatBounds {
            min_lon: cx - xs / 2.0,
            min_lat: cy - ys / 2.0,
            max_lon: cx + xs / 2.0,
            max_lat: cy + ys / 2.0,
        };
        Self {
            frame,
            view,
            kx: w / xs,
            ky: h / ys,
        }
    }

    /// `view` exactly in `frame` (the window's plot, whose bounds already have the
    /// frame's shape).
    #[cfg(feature = "figure")]
    pub fn of_view(view: LonLatBounds, frame: Rect) -> Self {
        let xs = (view.max_lon - view.min_lon).max(1e-9);
        let ys = (view.max_lat - view.min_lat).max(1e-9);
        Self {
            frame,
            view,
            kx: f64::from(frame.w.max(1.0)) / xs,
            ky: f64::from(frame.h.max(1.0)) / ys,
        }
    }

    /// The figure position of `(lon, lat)`, on the world's copy nearest the view's centre
    /// (a city at −158° is drawn at 202° on a map across 180°).
    #[allow(clippy::cast_possible_truncation)]
    pub fn figure_from_lonlat(&self, lon: f64, lat: f64) -> Point {
        let lon = crate::geography::nearest_copy(
            lon,
            f64::midpoint(self.view.min_lon, self.view.max_lon),
        );
        Point::new(
            self.frame.x + ((lon - self.view.min_lon) * self.kx) as f32,
            self.frame.y + ((self.view.max_lat - lat) * self.ky) as f32,
        )
    }

    /// The same, relative to the frame's top-left corner, not wrapped (outlines are
    /// shifted a whole copy at a time).
    #[allow(clippy::cast_possible_truncation)]
    fn frame_from_lonlat(&self, lon: f64, lat: f64) -> [f32; 2] {
        [
            ((lon - self.view.min_lon) * self.kx) as f32,
            ((self.view.max_lat - lat) * self.ky) as f32,
        ]
    }

    /// The larger of the view's spans, in degrees: what picks the level of detail.
    pub fn span(&self) -> f64 {
        (self.view.max_lon - self.view.min_lon).max(self.view.max_lat - self.view.min_lat)
    }

    /// Pixels per degree across: decides the level of detail with [`Self::span`].
    fn pixels_per_degree(&self) -> f64 {
        self.kx
    }
}

fn intersects(a: &LonLatBounds, b: &LonLatBounds) -> bool {
    a.min_lon <= b.max_lon
        && b.min_lon <= a.max_lon
        && a.min_lat <= b.max_lat
        && b.min_lat <= a.max_lat
}

/// The world under the cities for one frame: other countries, the dataset's countries
/// as land, lakes, the dataset's countries' regions (only once they would not crowd)
/// and their borders. `line` is the width of a thin line in pixels. `own_regions`: the
/// dataset's own boundary layer and the year shown, whose regions replace the world's.
/// A view across 180° gets the world's copy east (or west) of it too, as the window's.
pub(crate) fn basemap(
    geography: &Geography,
    projection: &Projection,
    line: f32,
    own_regions: Option<(&crate::model::boundaries::Boundaries, i32)>,
) -> Basemap {
    let frame = projection.frame;
    let mut areas = Vec::new();
    if let Some(world) = world() {
        let view = projection.view;
        for dx in [-360.0, 0.0, 360.0] {
            if view.max_lon >= -180.0 + dx && view.min_lon <= 180.0 + dx {
                let copy = WorldCopy {
                    geography,
                    projection,
                    line,
                    dx,
                };
                copy.areas(world, own_regions, &mut areas);
            }
        }
        // Every copy's countries under every copy's lines (a stable sort keeps each
        // kind's order).
        areas.sort_by_key(|a| match a.kind {
            AreaKind::Context => 0,
            AreaKind::Land => 1,
            AreaKind::Water => 2,
            AreaKind::Region => 3,
            AreaKind::Border => 4,
        });
    }
    Basemap {
        width: frame.w,
        height: frame.h,
        sea: SEA,
        areas,
    }
}

/// One copy of the world, shifted `dx` degrees east.
struct WorldCopy<'a> {
    geography: &'a Geography,
    projection: &'a Projection,
    line: f32,
    dx: f64,
}

impl WorldCopy<'_> {
    fn areas(
        &self,
        world: &crate::geography::world::World,
        own_regions: Option<(&crate::model::boundaries::Boundaries, i32)>,
        areas: &mut Vec<Area>,
    ) {
        let Self {
            geography,
            projection,
            line,
            dx,
        } = *self;
        let frame = projection.frame;
        // The view in this copy's own longitudes.
        let view = LonLatBounds {
            min_lon: projection.view.min_lon - dx,
            max_lon: projection.view.max_lon - dx,
            ..projection.view
        };
        let span = projection.span();
        let visible = |f: &Feature| intersects(&f.bounds, &view);
        // A little past the frame, so clipped edges fall outside what is shown.
        let clip = Rect::new(0.0, 0.0, frame.w, frame.h).expand(4.0 * line.max(1.0));
        // One ring projected, clipped to the frame and thinned; `None` when nothing of it
        // is left to fill.
        let ring_points = |ring: &geo::LineString<f64>| -> Option<Vec<Point>> {
            let points: Vec<[f32; 2]> = ring
                .coords()
                .map(|c| projection.frame_from_lonlat(c.x + dx, c.y))
                .collect();
            let clipped = simplify(&clip_ring(&points, &clip), 0.4);
            (clipped.len() >= 3)
                .then(|| clipped.into_iter().map(|[x, y]| Point::new(x, y)).collect())
        };
        let shape_rings = |shape: &geo::MultiPolygon<f64>| -> Vec<Vec<Point>> {
            shape
                .0
                .iter()
                .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
                .filter_map(ring_points)
                .collect()
        };
        let rings = |feature: &Feature| shape_rings(&feature.shape);
        // A country Natural Earth cuts at 180° (Russia, Fiji) is outlined without the cut:
        // its rings as closed outlines where they have no such edge, the rest as open lines.
        // `None` for the others (their rings are their outlines).
        let outlines = |shape: &geo::MultiPolygon<f64>| -> Option<Outlines> {
            let all = || {
                shape.0.iter().flat_map(|polygon| {
                    std::iter::once(polygon.exterior()).chain(polygon.interiors())
                })
            };
            let cut = |ring: &geo::LineString<f64>| {
                ring.0.windows(2).any(|w| {
                    crate::geography::along_antimeridian([w[0].x, w[0].y], [w[1].x, w[1].y])
                })
            };
            if !all().any(cut) {
                return None;
            }
            let mut out = Outlines::default();
            for ring in all() {
                if !cut(ring) {
                    out.rings.extend(ring_points(ring));
                    continue;
                }
                let mut piece: Vec<[f32; 2]> = Vec::new();
                let mut pieces = Vec::new();
                for w in ring.0.windows(2) {
                    if crate::geography::along_antimeridian([w[0].x, w[0].y], [w[1].x, w[1].y]) {
                        pieces.push(std::mem::take(&mut piece));
                        continue;
                    }
                    if piece.is_empty() {
                        piece.push(projection.frame_from_lonlat(w[0].x + dx, w[0].y));
                    }
                    piece.push(projection.frame_from_lonlat(w[1].x + dx, w[1].y));
                }
                pieces.push(piece);
                out.lines.extend(
                    pieces
                        .iter()
                        .flat_map(|piece| clip_line(piece, &clip))
                        .map(|run| simplify_line(&run, 0.4))
                        .filter(|run| run.len() >= 2)
                        .map(|run| run.into_iter().map(|[x, y]| Point::new(x, y)).collect()),
                );
            }
            Some(out)
        };
        let countries = world.layer(crate::geography::world::countries_layer(
            span,
            projection.pixels_per_degree(),
        ));
        let own_countries: Vec<(&Feature, Vec<Vec<Point>>)> = countries
            .map(|layer| {
                layer
                    .features
                    .iter()
                    .filter(|f| visible(f) && geography.own.contains(&f.id))
                    .map(|f| (f, rings(f)))
                    .filter(|(_, r)| !r.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(layer) = countries {
            for feature in layer
                .features
                .iter()
                .filter(|f| visible(f) && !geography.own.contains(&f.id))
            {
                let rings = rings(feature);
                if rings.is_empty() {
                    continue;
                }
                let stroke = Stroke {
                    colour: CONTEXT_BORDER,
                    width: 0.8 * line,
                };
                match outlines(&feature.shape) {
                    None => areas.push(Area {
                        kind: AreaKind::Context,
                        rings,
                        lines: Vec::new(),
                        fill: Some(CONTEXT),
                        stroke: Some(stroke),
                    }),
                    Some(outlines) => {
                        areas.push(Area {
                            kind: AreaKind::Context,
                            rings,
                            lines: Vec::new(),
                            fill: Some(CONTEXT),
                            stroke: None,
                        });
                        areas.push(Area {
                            kind: AreaKind::Context,
                            rings: outlines.rings,
                            lines: outlines.lines,
                            fill: None,
                            stroke: Some(stroke),
                        });
                    }
                }
            }
        }
        for (_, rings) in &own_countries {
            areas.push(Area {
                kind: AreaKind::Land,
                rings: rings.clone(),
                lines: Vec::new(),
                fill: Some(LAND),
                stroke: None,
            });
        }
        if let Some(lakes) = world.layer(crate::geography::world::lakes_layer(span)) {
            for feature in lakes.features.iter().filter(|f| visible(f)) {
                let rings = rings(feature);
                if !rings.is_empty() {
                    areas.push(Area {
                        kind: AreaKind::Water,
                        rings,
                        lines: Vec::new(),
                        fill: Some(SEA),
                        stroke: None,
                    });
                }
            }
        }
        // Region lines: the dataset's own for the year, else the world's (once they would
        // not crowd the map).
        let line_area = |rings: Vec<Vec<Point>>, colour, width| Area {
            kind: AreaKind::Region,
            rings,
            lines: Vec::new(),
            fill: None,
            stroke: Some(Stroke { colour, width }),
        };
        let (colour, width) = if own_regions.is_some() {
            (OWN_REGION, 0.8 * line)
        } else {
            (REGION, 0.7 * line)
        };
        areas.extend(
            region_outlines(world, geography, &view, span, own_regions)
                .iter()
                .map(|r| shape_rings(r.shape))
                .filter(|rings| !rings.is_empty())
                .map(|rings| line_area(rings, colour, width)),
        );
        for (feature, rings) in own_countries {
            let (rings, lines) = match outlines(&feature.shape) {
                Some(outlines) => (outlines.rings, outlines.lines),
                None => (rings, Vec::new()),
            };
            areas.push(Area {
                kind: AreaKind::Border,
                rings,
                lines,
                fill: None,
                stroke: Some(Stroke {
                    colour: BORDER,
                    width: 1.4 * line,
                }),
            });
        }
    }
}

/// A region the basemap outlines (and the window names: the fields beside `shape` are
/// read only there).
#[cfg_attr(not(feature = "figure"), allow(dead_code))]
pub(crate) struct RegionOutline<'a> {
    /// Its index in the dataset's own boundary layer; `None` for a world region.
    pub own: Option<usize>,
    /// The world region's feature id ("" for the dataset's own).
    pub id: &'a str,
    /// "" when it has none.
    pub name: &'a str,
    pub shape: &'a geo::MultiPolygon<f64>,
    pub bounds: LonLatBounds,
}

/// The regions outlined in `view` (in one world copy's own longitudes; `span`: the view's
/// larger side in degrees): the dataset's own boundaries valid in the year shown, else
/// the world's first-level regions of the dataset's countries once they would not crowd
/// the map (a view at most 60° across).
pub(crate) fn region_outlines<'a>(
    world: &'a crate::geography::world::World,
    geography: &Geography,
    view: &LonLatBounds,
    span: f64,
    own_regions: Option<(&'a crate::model::boundaries::Boundaries, i32)>,
) -> Vec<RegionOutline<'a>> {
    if let Some((boundaries, year)) = own_regions {
        return boundaries
            .regions
            .iter()
            .enumerate()
            .filter(|(_, r)| r.valid_in(year) && intersects(&r.bounds, view))
            .map(|(i, r)| RegionOutline {
                own: Some(i),
                id: "",
                name: r.name.as_deref().unwrap_or(""),
                shape: &r.shape,
                bounds: r.bounds,
            })
            .collect();
    }
    if span > 60.0 {
        return Vec::new();
    }
    world
        .layer(crate::geography::world::regions_layer(span))
        .map(|layer| {
            layer
                .features
                .iter()
                .filter(|f| intersects(&f.bounds, view) && geography.own.contains(&f.country))
                .map(|f| RegionOutline {
                    own: None,
                    id: &f.id,
                    name: &f.name,
                    shape: &f.shape,
                    bounds: f.bounds,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A country's outline where Natural Earth cuts it at 180°: closed rings and open lines.
#[derive(Default)]
struct Outlines {
    rings: Vec<Vec<Point>>,
    lines: Vec<Vec<Point>>,
}

/// The runs of an open line that come near `rect` (a segment is kept when either end is
/// inside), each end outside it moved in to where its segment crosses the rectangle's
/// edge: an outline's far end may lie millions of pixels away at a close zoom.
fn clip_line(points: &[[f32; 2]], rect: &Rect) -> Vec<Vec<[f32; 2]>> {
    let inside = |&[x, y]: &[f32; 2]| rect.contains_point(Point::new(x, y));
    let mut runs = Vec::new();
    let mut run: Vec<[f32; 2]> = Vec::new();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if !inside(&a) && !inside(&b) {
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            continue;
        }
        if run.is_empty() {
            run.push(if inside(&a) { a } else { to_edge(b, a, rect) });
        }
        if inside(&b) {
            run.push(b);
        } else {
            run.push(to_edge(a, b, rect));
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Where the segment from `inside` (in `rect`) to `outside` leaves `rect`.
fn to_edge(inside: [f32; 2], outside: [f32; 2], rect: &Rect) -> [f32; 2] {
    let (dx, dy) = (outside[0] - inside[0], outside[1] - inside[1]);
    let mut t = 1.0_f32;
    for (d, from, low, high) in [
        (dx, inside[0], rect.x, rect.right()),
        (dy, inside[1], rect.y, rect.bottom()),
    ] {
        if d > 0.0 {
            t = t.min((high - from) / d);
        } else if d < 0.0 {
            t = t.min((low - from) / d);
        }
    }
    let t = t.clamp(0.0, 1.0);
    [inside[0] + t * dx, inside[1] + t * dy]
}

/// [`simplify`] for an open line: its last point is kept.
fn simplify_line(points: &[[f32; 2]], tolerance: f32) -> Vec<[f32; 2]> {
    let mut out: Vec<[f32; 2]> = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        let last = i + 1 == points.len();
        if last
            || out
                .last()
                .is_none_or(|q| (p[0] - q[0]).abs() + (p[1] - q[1]).abs() >= tolerance)
        {
            out.push(p);
        }
    }
    out
}

/// A ring clipped to a rectangle (Sutherland–Hodgman: exact for filling; the edges it
/// adds run along the rectangle, which lies outside the shown frame).
fn clip_ring(points: &[[f32; 2]], rect: &Rect) -> Vec<[f32; 2]> {
    let all_inside = points
        .iter()
        .all(|&[x, y]| rect.contains_point(Point::new(x, y)));
    if all_inside {
        return points.to_vec();
    }
    let (x0, y0, x1, y1) = (rect.x, rect.y, rect.right(), rect.bottom());
    // Each edge: is a point inside, and where a segment crosses it.
    type Inside = fn(&[f32; 2], f32) -> bool;
    let edges: [(Inside, f32, bool); 4] = [
        (|p, v| p[0] >= v, x0, true),
        (|p, v| p[0] <= v, x1, true),
        (|p, v| p[1] >= v, y0, false),
        (|p, v| p[1] <= v, y1, false),
    ];
    let mut output = points.to_vec();
    for (inside, value, vertical) in edges {
        let input = std::mem::take(&mut output);
        let Some(&last) = input.last() else {
            break;
        };
        let mut previous = last;
        for &current in &input {
            let cross = |a: [f32; 2], b: [f32; 2]| -> [f32; 2] {
                if vertical {
                    let t = (value - a[0]) / (b[0] - a[0]);
                    [value, a[1] + t * (b[1] - a[1])]
                } else {
                    let t = (value - a[1]) / (b[1] - a[1]);
                    [a[0] + t * (b[0] - a[0]), value]
                }
            };
            match (inside(&current, value), inside(&previous, value)) {
                (true, true) => output.push(current),
                (true, false) => {
                    output.push(cross(previous, current));
                    output.push(current);
                }
                (false, true) => output.push(cross(previous, current)),
                (false, false) => {}
            }
            previous = current;
        }
    }
    output
}

/// Drops points closer than `tolerance` pixels to the last one kept, and the closing
/// point that repeats the first (the path closes itself).
fn simplify(points: &[[f32; 2]], tolerance: f32) -> Vec<[f32; 2]> {
    let mut out: Vec<[f32; 2]> = Vec::with_capacity(points.len());
    for &p in points {
        if out
            .last()
            .is_none_or(|q| (p[0] - q[0]).abs() + (p[1] - q[1]).abs() >= tolerance)
        {
            out.push(p);
        }
    }
    while out.len() > 1
        && out
            .first()
            .zip(out.last())
            .is_some_and(|(a, b)| (a[0] - b[0]).abs() + (a[1] - b[1]).abs() < tolerance)
    {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_line_ends_where_it_leaves_the_frame_not_millions_of_pixels_away() {
        let rect = Rect::new(0.0, 0.0, 100.0, 100.0);
        // In from far left, along y = 50, then out far below.
        let line = [[-1e9, 50.0], [50.0, 50.0], [50.0, 1e9]];
        let runs = clip_line(&line, &rect);
        assert_eq!(runs, vec![vec![[0.0, 50.0], [50.0, 50.0], [50.0, 100.0]]]);
        // Out and back in: two runs, each ending on the edge.
        let line = [[50.0, 50.0], [500.0, 50.0], [500.0, 60.0], [50.0, 60.0]];
        let runs = clip_line(&line, &rect);
        assert_eq!(
            runs,
            vec![
                vec![[50.0, 50.0], [100.0, 50.0]],
                vec![[100.0, 60.0], [50.0, 60.0]]
            ]
        );
    }

    #[test]
    fn a_ring_across_the_frame_is_cut_at_it_and_one_inside_is_kept() {
        let rect = Rect::new(0.0, 0.0, 10.0, 10.0);
        let inside = [[1.0, 1.0], [5.0, 1.0], [5.0, 5.0]];
        assert_eq!(clip_ring(&inside, &rect), inside);
        let across = [[-5.0, 5.0], [5.0, -5.0], [15.0, 5.0], [5.0, 15.0]];
        let cut = clip_ring(&across, &rect);
        assert!(cut.len() >= 4, "{cut:?}");
        assert!(
            cut.iter()
                .all(|&[x, y]| (0.0..=10.0).contains(&x) && (0.0..=10.0).contains(&y)),
            "{cut:?}"
        );
        let outside = [[20.0, 20.0], [30.0, 20.0], [30.0, 30.0]];
        assert!(clip_ring(&outside, &rect).is_empty());
    }

    #[test]
    fn a_tall_home_is_shown_whole_in_a_wide_frame() {
        // Chile-like: 20° of latitude, 5° of longitude.
        let home = LonLatBounds {
            min_lon: -75.0,
            min_lat: -45.0,
            max_lon: -70.0,
            max_lat: -25.0,
        };
        let p = Projection::fit(home, Rect::new(0.0, 0.0, 1200.0, 600.0));
        assert!(p.view.min_lat <= home.min_lat && p.view.max_lat >= home.max_lat);
        assert!(p.view.min_lon <= home.min_lon && p.view.max_lon >= home.max_lon);
        let corner = p.figure_from_lonlat(p.view.max_lon, p.view.min_lat);
        assert!((corner.x - 1200.0).abs() < 0.1 && (corner.y - 600.0).abs() < 0.1);
    }
}
