//! The basemap (border and regions) and the plot's geometry: aspect ratio, bounds, hit test.

pub mod basemap;
pub mod hit;
pub mod index;
pub mod label;
pub mod palette;
pub mod view;
pub mod world;

pub use basemap::{Basemap, BasemapError, Region};
pub use hit::nearest_within;
pub use index::CityIndex;

/// Plot aspect (degrees of longitude per degree of latitude on screen) that makes
/// shapes look right at `lat`: a degree of longitude is `cos(lat)` as long as one of latitude.
pub fn aspect_for_latitude(lat: f64) -> f64 {
    1.0 / lat.to_radians().cos()
}

/// `lon`, or its copy a whole turn east or west, whichever is nearest `centre` (a view
/// across the antimeridian shows a city at −170° at 190°).
pub fn nearest_copy(lon: f64, centre: f64) -> f64 {
    let turns = ((centre - lon) / 360.0).round();
    if turns.is_finite() {
        lon + 360.0 * turns
    } else {
        lon
    }
}

/// Whether the segment from `a` to `b` (`[lon, lat]`) runs along the antimeridian: where
/// Natural Earth cuts a country that crosses it (Russia's Chukotka, Fiji), which is not a
/// border to draw.
pub fn along_antimeridian(a: [f64; 2], b: [f64; 2]) -> bool {
    const EDGE: f64 = 180.0 - 1e-6;
    (a[0] >= EDGE && b[0] >= EDGE) || (a[0] <= -EDGE && b[0] <= -EDGE)
}

/// Whether `[min lon, min lat, max lon, max lat]` is a view of the globe worth restoring:
/// finite, not empty, its centre on the globe or on the world's copy either side of it
/// (a view across 180° has its centre past it) and no wider than a few worlds.
pub fn sane_view([x0, y0, x1, y1]: [f64; 4]) -> bool {
    [x0, y0, x1, y1].iter().all(|v| v.is_finite())
        && x0 < x1
        && y0 < y1
        && x1 - x0 <= 1000.0
        && y1 - y0 <= 1000.0
        && (-360.0..=360.0).contains(&f64::midpoint(x0, x1))
        && (-90.0..=90.0).contains(&f64::midpoint(y0, y1))
}

pub use crate::model::LonLatBounds;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_across_the_antimeridian_is_sane_and_one_off_the_worlds_is_not() {
        assert!(sane_view([170.0, -40.0, 210.0, 25.0]));
        assert!(sane_view([-200.0, -40.0, -150.0, 25.0]));
        assert!(!sane_view([500.0, -40.0, 560.0, 25.0]));
        assert!(!sane_view([10.0, 60.0, 20.0, 200.0]));
        assert!(!sane_view([10.0, 60.0, f64::NAN, 70.0]));
    }

    #[test]
    fn aspect_at_48_degrees_is_about_one_and_a_half() {
        let aspect = aspect_for_latitude(48.0);
        assert!((aspect - 1.494).abs() < 0.01, "{aspect}");
    }
}
