//! The basemap (border and regions) and the plot's geometry: aspect ratio, bounds, hit test.

pub mod basemap;
pub mod hit;
pub mod index;

pub use basemap::{Basemap, BasemapError, Region};
pub use hit::nearest_within;
pub use index::CityIndex;

/// Plot aspect (degrees of longitude per degree of latitude on screen) that makes
/// shapes look right at `lat`: a degree of longitude is `cos(lat)` as long as one of latitude.
pub fn aspect_for_latitude(lat: f64) -> f64 {
    1.0 / lat.to_radians().cos()
}

/// Whether `[min lon, min lat, max lon, max lat]` is a view of the globe worth restoring:
/// finite, not empty, its centre on the globe and no wider than a few worlds.
pub fn sane_view([x0, y0, x1, y1]: [f64; 4]) -> bool {
    [x0, y0, x1, y1].iter().all(|v| v.is_finite())
        && x0 < x1
        && y0 < y1
        && x1 - x0 <= 1000.0
        && y1 - y0 <= 1000.0
        && (-180.0..=180.0).contains(&f64::midpoint(x0, x1))
        && (-90.0..=90.0).contains(&f64::midpoint(y0, y1))
}

/// An axis-aligned box in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLatBounds {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl LonLatBounds {
    pub fn mid_lat(&self) -> f64 {
        (self.min_lat + self.max_lat) / 2.0
    }

    /// The box grown by `fraction` of its size on every side.
    pub fn padded(&self, fraction: f64) -> Self {
        let dx = (self.max_lon - self.min_lon) * fraction;
        let dy = (self.max_lat - self.min_lat) * fraction;
        Self {
            min_lon: self.min_lon - dx,
            min_lat: self.min_lat - dy,
            max_lon: self.max_lon + dx,
            max_lat: self.max_lat + dy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aspect_at_48_degrees_is_about_one_and_a_half() {
        let aspect = aspect_for_latitude(48.0);
        assert!((aspect - 1.494).abs() < 0.01, "{aspect}");
    }
}
