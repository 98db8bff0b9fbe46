//! Which part of the world a dataset's map shows first.

use crate::model::{Dataset, LonLatBounds};

/// The bounds "the whole map" shows for `dataset` (the window's first view and Reset view, and figures): the dataset's own `view`, else its cities, padded.
pub fn home_for(
    dataset: &Dataset,
    basemap: LonLatBounds,
    area: Option<&geo::MultiPolygon<f64>>,
) -> LonLatBounds {
    use geo::Contains as _;
    if let Some(view) = dataset.info.view {
        return view;
    }
    let cities = &dataset.cities;
    if cities.is_empty() {
        return basemap.padded(0.03);
    }
    let mut b = LonLatBounds {
        min_lon: f64::INFINITY,
        min_lat: f64::INFINITY,
        max_lon: f64::NEG_INFINITY,
        max_lat: f64::NEG_INFINITY,
    };
    for c in cities {
        b.min_lon = b.min_lon.min(c.location.lon);
        b.min_lat = b.min_lat.min(c.location.lat);
        b.max_lon = b.max_lon.max(c.location.lon);
        b.max_lat = b.max_lat.max(c.location.lat);
    }
    // A single city, or cities in a row, still get some land around them.
    let grow = |lo: &mut f64, hi: &mut f64, least: f64| {
        if *hi - *lo < least {
            let mid = f64::midpoint(*lo, *hi);
            (*lo, *hi) = (mid - least / 2.0, mid + least / 2.0);
        }
    };
    grow(&mut b.min_lon, &mut b.max_lon, 2.0);
    grow(&mut b.min_lat, &mut b.max_lat, 2.0);
    // Most cities in the basemap's country: show all of it, as an atlas page would (and
    // any city outside it too).
    let inside = area.map_or(0, |area| {
        cities
            .iter()
            .filter(|c| area.contains(&geo::Point::new(c.location.lon, c.location.lat)))
            .count()
    });
    if inside * 2 > cities.len() {
        let country = basemap.padded(0.03);
        let b = b.padded(0.02);
        LonLatBounds {
            min_lon: b.min_lon.min(country.min_lon),
            min_lat: b.min_lat.min(country.min_lat),
            max_lon: b.max_lon.max(country.max_lon),
            max_lat: b.max_lat.max(country.max_lat),
        }
    } else {
        b.padded(0.08)
    }
}
