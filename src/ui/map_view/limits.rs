//! How far the map may zoom and pan, and the view that fits an area in a frame.

use egui_plot::PlotBounds;

use crate::geography::LonLatBounds;

/// `home` grown along one axis so that, at the plot's data aspect on a frame of `size`
/// points, all of it is shown: egui_plot keeps the longitude span and derives the
/// latitude span from it, which would cut off the north and south of a tall area (Chile).
pub(super) fn fit_to_frame(home: LonLatBounds, aspect: f64, size: egui::Vec2) -> PlotBounds {
    let (w, h) = (f64::from(size.x.max(1.0)), f64::from(size.y.max(1.0)));
    // Degrees of longitude per degree of latitude that fill the frame.
    let ratio = aspect * w / h;
    let (mut xs, mut ys) = (home.max_lon - home.min_lon, home.max_lat - home.min_lat);
    if xs / ys < ratio {
        xs = ys * ratio;
    } else {
        ys = xs / ratio;
    }
    let (cx, cy) = (
        f64::midpoint(home.min_lon, home.max_lon),
        f64::midpoint(home.min_lat, home.max_lat),
    );
    within_limits(PlotBounds::from_min_max(
        [cx - xs / 2.0, cy - ys / 2.0],
        [cx + xs / 2.0, cy + ys / 2.0],
    ))
}

/// The widest view: a little more than the whole world.
pub const MAX_SPAN_DEGREES: f64 = 400.0;
/// The narrowest view: about 20 m.
pub const MIN_SPAN_DEGREES: f64 = 0.0002;
/// The tallest view: pole to pole (nothing is shown beyond ±90° latitude).
pub const MAX_LAT_SPAN_DEGREES: f64 = 180.0;

/// `bounds` zoomed and moved, if need be, so that the view is no wider than the world,
/// no taller than pole to pole (and no narrower than a few metres), its centre stays on
/// the globe (past 180° east or west, the same view a world away) and it never shows
/// space beyond ±90° latitude. Bounds that are not finite
/// become the whole world.
pub fn within_limits(bounds: PlotBounds) -> PlotBounds {
    let (min, max) = (bounds.min(), bounds.max());
    if !min.iter().chain(&max).all(|v| v.is_finite()) || max[0] <= min[0] || max[1] <= min[1] {
        return PlotBounds::from_min_max([-180.0, -90.0], [180.0, 90.0]);
    }
    let (w, h) = (max[0] - min[0], max[1] - min[1]);
    // One factor for both axes keeps the aspect ratio.
    // A little slack, so that rounding in the plot's aspect correction never makes a
    // view bounce between "too wide" and "just right" (a repaint loop).
    let mut scale = 1.0_f64;
    if w.max(h) > MAX_SPAN_DEGREES * (1.0 + 1e-6) {
        scale = MAX_SPAN_DEGREES / w.max(h);
    } else if w.min(h) < MIN_SPAN_DEGREES * (1.0 - 1e-6) {
        scale = MIN_SPAN_DEGREES / w.min(h);
    }
    if h * scale > MAX_LAT_SPAN_DEGREES * (1.0 + 1e-6) {
        scale = MAX_LAT_SPAN_DEGREES / h;
    }
    let mid = [f64::midpoint(min[0], max[0]), f64::midpoint(min[1], max[1])];
    // The centre back on the globe, with the same slack as the spans.
    let on_globe = |v: f64, limit: f64| {
        if v.abs() > limit + 1e-6 {
            v.clamp(-limit, limit)
        } else {
            v
        }
    };
    // The poles are edges: the view's top and bottom stay within ±90°.
    let lat_limit = (90.0 - h * scale / 2.0).max(0.0);
    // East or west past 180° the view is the same one a world away (the window draws the
    // world's copies): moved back by 360°, so longitudes stay near the globe's.
    let lon = if mid[0].abs() > 180.0 + 1e-6 {
        (mid[0] + 180.0).rem_euclid(360.0) - 180.0
    } else {
        mid[0]
    };
    let centre = [lon, on_globe(mid[1], lat_limit)];
    // Unchanged bounds come back bit for bit (the caller compares them).
    if scale == 1.0 && centre == mid {
        return bounds;
    }
    let (hw, hh) = (w * scale / 2.0, h * scale / 2.0);
    PlotBounds::from_min_max(
        [centre[0] - hw, centre[1] - hh],
        [centre[0] + hw, centre[1] + hh],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lat_range(b: PlotBounds) -> (f64, f64) {
        (b.min()[1], b.max()[1])
    }

    #[test]
    fn a_view_taller_than_pole_to_pole_is_zoomed_in_keeping_its_aspect() {
        let b = within_limits(PlotBounds::from_min_max([-300.0, -150.0], [300.0, 150.0]));
        let (y0, y1) = lat_range(b);
        assert!((y1 - y0 - MAX_LAT_SPAN_DEGREES).abs() < 1e-9, "{y0}..{y1}");
        assert!(y0 >= -90.0 - 1e-6 && y1 <= 90.0 + 1e-6, "{y0}..{y1}");
        // The aspect (2:1) is kept.
        assert!((b.width() / b.height() - 2.0).abs() < 1e-9);
    }

    #[test]
    fn a_view_past_a_pole_is_moved_back_to_show_no_space_beyond_it() {
        let b = within_limits(PlotBounds::from_min_max([60.0, 70.0], [100.0, 100.0]));
        let (y0, y1) = lat_range(b);
        assert!(
            y1 <= 90.0 + 1e-6 && (y1 - y0 - 30.0).abs() < 1e-9,
            "{y0}..{y1}"
        );
        let b = within_limits(PlotBounds::from_min_max([60.0, -120.0], [100.0, -80.0]));
        let (y0, _) = lat_range(b);
        assert!(y0 >= -90.0 - 1e-6, "{y0}");
    }

    #[test]
    fn a_view_within_the_limits_comes_back_unchanged() {
        let b = PlotBounds::from_min_max([40.0, 38.0], [90.0, 56.0]);
        assert_eq!(within_limits(b), b);
    }
}
