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

/// The narrowest span of longitudes holding every city, as `(west, east)` with
/// `west < east`, when it crosses the antimeridian (then `east` is above 180: Fiji at 178°
/// to Honolulu at −158° is `(178, 202)`) and is clearly narrower than the plain span.
/// `None` when the plain span is as good (every dataset that does not cross 180°).
pub fn span_across_antimeridian(lons: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let mut lons: Vec<f64> = lons
        .filter(|l| l.is_finite())
        .map(|l| (l + 180.0).rem_euclid(360.0) - 180.0)
        .collect();
    if lons.len() < 2 {
        return None;
    }
    lons.sort_by(f64::total_cmp);
    let (first, last) = (lons[0], lons[lons.len() - 1]);
    let plain = last - first;
    // The widest gap between neighbours: the cities lie on the rest of the circle.
    let (gap, after) = lons
        .windows(2)
        .map(|w| (w[1] - w[0], w[1]))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    let crossing = 360.0 - gap;
    // Only worth it when it saves a good part of the world.
    if crossing < plain * 0.8 && crossing < plain - 20.0 {
        Some((after, after + crossing))
    } else {
        None
    }
}

/// The map's "whole map" for `dataset`: [`home_for`], but a dataset that spans the
/// Pacific is fitted across 180° (longitudes running past 180) instead of nearly the
/// whole world. (The window draws the world's copies east of 180°; figures use
/// [`home_for`].)
pub fn map_home_for(
    dataset: &Dataset,
    basemap: LonLatBounds,
    area: Option<&geo::MultiPolygon<f64>>,
) -> LonLatBounds {
    let home = home_for(dataset, basemap, area);
    if dataset.info.view.is_some() {
        return home;
    }
    match span_across_antimeridian(dataset.cities.iter().map(|c| c.location.lon)) {
        Some((west, east)) => {
            let lats = LonLatBounds {
                min_lon: west,
                max_lon: east,
                ..home
            };
            // The same margin as home_for's for cities outside the basemap's country.
            let lat_span = dataset
                .cities
                .iter()
                .map(|c| c.location.lat)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), l| {
                    (lo.min(l), hi.max(l))
                });
            LonLatBounds {
                min_lat: lat_span.0,
                max_lat: lat_span.1,
                ..lats
            }
            .padded(0.08)
        }
        None => home,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pacific_cities_are_fitted_across_the_antimeridian() {
        // Fiji, Samoa, Auckland, Honolulu.
        let (west, east) =
            span_across_antimeridian([178.44, -171.76, 174.76, -157.86].into_iter()).unwrap();
        assert!((west - 174.76).abs() < 1e-9, "{west}");
        assert!((east - (360.0 - 157.86)).abs() < 1e-9, "{east}");
        assert!(east - west < 30.0);
    }

    #[test]
    fn cities_that_do_not_cross_it_keep_the_plain_span() {
        assert_eq!(
            span_across_antimeridian([-70.0, -58.0, -65.0].into_iter()),
            None
        );
        assert_eq!(
            span_across_antimeridian([51.0, 87.0, 71.4].into_iter()),
            None
        );
        // Around the whole world: nothing to save.
        assert_eq!(
            span_across_antimeridian([-150.0, -90.0, -30.0, 30.0, 90.0, 150.0].into_iter()),
            None
        );
    }
}
