//! A dataset's own region boundaries (`memorymap.dataset.boundaries`, docs/DATA.md §3.13):
//! polygons with the years they were valid, drawn under the cities for those years.

use serde_json::Value;

use super::LonLatBounds;

/// One region's outline and the years it held (both ends inclusive, open when absent).
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub name: Option<String>,
    pub valid_from: Option<i32>,
    pub valid_to: Option<i32>,
    pub shape: geo::MultiPolygon<f64>,
    pub bounds: LonLatBounds,
}

impl Region {
    /// Whether the region's outline held in `year`.
    pub fn valid_in(&self, year: i32) -> bool {
        self.valid_from.is_none_or(|from| from <= year) && self.valid_to.is_none_or(|to| year <= to)
    }
}

/// The dataset's boundary layer.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Boundaries {
    pub regions: Vec<Region>,
}

impl Boundaries {
    /// The regions whose outlines held in `year`.
    pub fn in_year(&self, year: i32) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(move |r| r.valid_in(year))
    }
}

/// What is wrong with a boundary layer, and where: `field` is a path below the layer
/// (`features[2].properties.valid_to`), empty for the layer itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundaryError {
    pub field: String,
    pub message: String,
}

fn error(field: impl Into<String>, message: impl Into<String>) -> BoundaryError {
    BoundaryError {
        field: field.into(),
        message: message.into(),
    }
}

/// At most this many regions and positions in a layer (a boundary layer is context, not
/// data; a bigger one should be simplified first).
pub const MAX_REGIONS: usize = 5_000;
pub const MAX_POSITIONS: usize = 500_000;

/// Reads a GeoJSON FeatureCollection of Polygon/MultiPolygon features, each with optional
/// `name`, `valid_from` and `valid_to` (years within `years`; a layer may start before the
/// dataset's first year) in its properties.
pub fn from_geojson(
    value: &Value,
    years: std::ops::RangeInclusive<i32>,
) -> Result<Boundaries, BoundaryError> {
    let Some(root) = value.as_object() else {
        return Err(error(
            "",
            "expected a GeoJSON FeatureCollection (an object)",
        ));
    };
    if root.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(error("type", "expected \"FeatureCollection\""));
    }
    let Some(features) = root.get("features").and_then(Value::as_array) else {
        return Err(error("features", "expected an array of features"));
    };
    if features.len() > MAX_REGIONS {
        return Err(error(
            "features",
            format!("{} features; at most {MAX_REGIONS}", features.len()),
        ));
    }
    let mut positions = 0usize;
    let mut regions = Vec::with_capacity(features.len());
    for (i, feature) in features.iter().enumerate() {
        let at = |f: &str| format!("features[{i}].{f}");
        let properties = feature.get("properties").filter(|p| !p.is_null());
        if let Some(p) = properties
            && !p.is_object()
        {
            return Err(error(at("properties"), "expected an object"));
        }
        let prop = |name: &str| {
            properties
                .and_then(|p| p.get(name))
                .filter(|v| !v.is_null())
        };
        let name = match prop("name") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(error(at("properties.name"), "expected a string")),
        };
        let year = |field: &str| -> Result<Option<i32>, BoundaryError> {
            let Some(v) = prop(field) else {
                return Ok(None);
            };
            let year = v
                .as_i64()
                .and_then(|y| i32::try_from(y).ok())
                .ok_or_else(|| error(at(&format!("properties.{field}")), "expected a year"))?;
            if !years.contains(&year) {
                return Err(error(
                    at(&format!("properties.{field}")),
                    format!(
                        "year {year} is out of range ({}–{})",
                        years.start(),
                        years.end()
                    ),
                ));
            }
            Ok(Some(year))
        };
        let valid_from = year("valid_from")?;
        let valid_to = year("valid_to")?;
        if let (Some(from), Some(to)) = (valid_from, valid_to)
            && to < from
        {
            return Err(error(
                at("properties.valid_to"),
                format!("valid_to {to} is before valid_from {from}"),
            ));
        }
        let Some(geometry) = feature.get("geometry").and_then(Value::as_object) else {
            return Err(error(at("geometry"), "expected a Polygon or MultiPolygon"));
        };
        let coordinates = geometry.get("coordinates");
        let polygons: Vec<&Value> = match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => coordinates.into_iter().collect(),
            Some("MultiPolygon") => match coordinates.and_then(Value::as_array) {
                Some(list) => list.iter().collect(),
                None => {
                    return Err(error(
                        at("geometry.coordinates"),
                        "expected an array of polygons",
                    ));
                }
            },
            _ => {
                return Err(error(
                    at("geometry.type"),
                    "expected \"Polygon\" or \"MultiPolygon\"",
                ));
            }
        };
        let mut shape = Vec::with_capacity(polygons.len());
        for polygon in polygons {
            let Some(rings) = polygon.as_array().filter(|r| !r.is_empty()) else {
                return Err(error(
                    at("geometry.coordinates"),
                    "expected a polygon: an array of rings",
                ));
            };
            let mut lines = Vec::with_capacity(rings.len());
            for ring in rings {
                let points = ring_points(ring).map_err(|m| error(at("geometry.coordinates"), m))?;
                positions += points.len();
                if positions > MAX_POSITIONS {
                    return Err(error(
                        "features",
                        format!("more than {MAX_POSITIONS} positions: simplify the layer first"),
                    ));
                }
                lines.push(geo::LineString::from(points));
            }
            let exterior = lines.remove(0);
            shape.push(geo::Polygon::new(exterior, lines));
        }
        let shape = geo::MultiPolygon(shape);
        let Some(bounds) = bounds_of(&shape) else {
            return Err(error(at("geometry.coordinates"), "no positions"));
        };
        regions.push(Region {
            name,
            valid_from,
            valid_to,
            shape,
            bounds,
        });
    }
    Ok(Boundaries { regions })
}

/// A closed ring of at least four `[lon, lat]` positions within the globe.
fn ring_points(ring: &Value) -> Result<Vec<(f64, f64)>, String> {
    let Some(list) = ring.as_array() else {
        return Err("expected a ring: an array of [longitude, latitude] positions".to_owned());
    };
    let mut points = Vec::with_capacity(list.len());
    for position in list {
        let pair = position.as_array().and_then(|p| match p.as_slice() {
            [lon, lat, ..] => Some((lon.as_f64()?, lat.as_f64()?)),
            _ => None,
        });
        match pair {
            Some((lon, lat))
                if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) =>
            {
                points.push((lon, lat));
            }
            Some((lon, lat)) => {
                return Err(format!(
                    "position [{lon}, {lat}] is off the globe (longitude -180..180, latitude -90..90)"
                ));
            }
            None => return Err("expected [longitude, latitude] numbers".to_owned()),
        }
    }
    if points.len() < 4 {
        return Err(format!(
            "a ring needs at least 4 positions, this one has {}",
            points.len()
        ));
    }
    if points.first() != points.last() {
        return Err("a ring must end where it starts".to_owned());
    }
    Ok(points)
}

fn bounds_of(shape: &geo::MultiPolygon<f64>) -> Option<LonLatBounds> {
    use geo::BoundingRect;
    let rect = shape.bounding_rect()?;
    Some(LonLatBounds {
        min_lon: rect.min().x,
        min_lat: rect.min().y,
        max_lon: rect.max().x,
        max_lat: rect.max().y,
    })
}

/// Where a layer named by a relative `path` in the dataset file `dataset_file` lies: next
/// to the dataset file. Absolute paths and `..` are refused, so a dataset only reaches
/// files beside it.
pub fn resolve(dataset_file: &str, path: &str) -> Result<std::path::PathBuf, String> {
    let relative = std::path::Path::new(path);
    if path.trim().is_empty() {
        return Err("expected a file name or an embedded FeatureCollection".to_owned());
    }
    if relative.is_absolute()
        || relative.components().any(|c| {
            !matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
    {
        return Err(format!(
            "`{path}`: give a path relative to the dataset's folder, without `..`"
        ));
    }
    let base = std::path::Path::new(dataset_file)
        .parent()
        .unwrap_or_else(|| std::path::Path::new(""));
    Ok(base.join(relative))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(properties: &str) -> Value {
        serde_json::from_str(&format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{properties},
            "geometry":{{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}}}]}}"#
        ))
        .unwrap()
    }

    #[test]
    fn a_region_is_drawn_only_in_the_years_it_held() {
        let b = from_geojson(
            &layer(r#"{"name":"A","valid_from":2000,"valid_to":2021}"#),
            1990..=2025,
        )
        .unwrap();
        assert_eq!(b.in_year(1999).count(), 0);
        assert_eq!(b.in_year(2000).count(), 1);
        assert_eq!(b.in_year(2021).count(), 1);
        assert_eq!(b.in_year(2022).count(), 0);
        assert_eq!(b.regions[0].bounds.max_lon, 1.0);
    }

    #[test]
    fn errors_name_the_field() {
        let e = from_geojson(
            &layer(r#"{"valid_from":2010,"valid_to":2001}"#),
            1990..=2025,
        )
        .unwrap_err();
        assert_eq!(e.field, "features[0].properties.valid_to");
        let e = from_geojson(&layer(r#"{"valid_from":1700}"#), 1990..=2025).unwrap_err();
        assert_eq!(e.field, "features[0].properties.valid_from");
        let e = from_geojson(&layer(r#"{"name":3}"#), 1990..=2025).unwrap_err();
        assert_eq!(e.field, "features[0].properties.name");
    }

    #[test]
    fn only_files_beside_the_dataset_are_reached() {
        assert_eq!(
            resolve("data/x.geojson", "b.geojson").unwrap(),
            std::path::Path::new("data/b.geojson")
        );
        assert!(resolve("data/x.geojson", "../b.geojson").is_err());
        assert!(resolve("data/x.geojson", "/etc/passwd").is_err());
    }
}
