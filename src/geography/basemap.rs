//! Kazakhstan's border and first-level regions, embedded from `assets/basemap/`.

use geo::{BoundingRect as _, MultiPolygon};

use super::LonLatBounds;

const BORDER_GEOJSON: &str = include_str!("../../assets/basemap/kz_border.geojson");
const REGIONS_GEOJSON: &str = include_str!("../../assets/basemap/kz_regions.geojson");

#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    #[error("basemap {file}: {message}")]
    Invalid { file: &'static str, message: String },
}

/// A region's outline, as rings of `[lon, lat]` ready to draw.
#[derive(Clone, Debug)]
pub struct Region {
    pub name: String,
    pub rings: Vec<Vec<[f64; 2]>>,
}

#[derive(Clone, Debug)]
pub struct Basemap {
    /// The national border, for point-in-country tests.
    pub border: MultiPolygon<f64>,
    /// The border's rings as `[lon, lat]`, ready to draw.
    pub border_rings: Vec<Vec<[f64; 2]>>,
    pub regions: Vec<Region>,
    pub bounds: LonLatBounds,
}

impl Basemap {
    /// The basemap shipped in the binary.
    pub fn builtin() -> Result<Self, BasemapError> {
        let border = read_multipolygons("kz_border.geojson", BORDER_GEOJSON)?;
        let border = MultiPolygon(border.into_iter().flat_map(|(_, mp)| mp.0).collect());
        let rect = border.bounding_rect().ok_or(BasemapError::Invalid {
            file: "kz_border.geojson",
            message: "the border is empty".into(),
        })?;
        let regions = read_multipolygons("kz_regions.geojson", REGIONS_GEOJSON)?
            .into_iter()
            .map(|(name, mp)| Region {
                name,
                rings: rings(&mp),
            })
            .collect();
        Ok(Self {
            border_rings: rings(&border),
            border,
            regions,
            bounds: LonLatBounds {
                min_lon: rect.min().x,
                min_lat: rect.min().y,
                max_lon: rect.max().x,
                max_lat: rect.max().y,
            },
        })
    }
}

fn rings(mp: &MultiPolygon<f64>) -> Vec<Vec<[f64; 2]>> {
    mp.0.iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|ring| ring.coords().map(|c| [c.x, c.y]).collect())
        .collect()
}

/// Reads every Polygon/MultiPolygon feature with its `name_en` (or `name`) property.
fn read_multipolygons(
    file: &'static str,
    text: &str,
) -> Result<Vec<(String, MultiPolygon<f64>)>, BasemapError> {
    let invalid = |message: String| BasemapError::Invalid { file, message };
    let collection: geojson::FeatureCollection = text
        .parse::<geojson::GeoJson>()
        .map_err(|e| invalid(e.to_string()))?
        .try_into()
        .map_err(|e: geojson::Error| invalid(e.to_string()))?;
    collection
        .features
        .into_iter()
        .enumerate()
        .map(|(i, feature)| {
            let name = ["name_en", "name"]
                .iter()
                .find_map(|key| feature.property(key).and_then(|v| v.as_str()))
                .unwrap_or("")
                .to_owned();
            let geometry = feature
                .geometry
                .ok_or_else(|| invalid(format!("feature {i} has no geometry")))?;
            let geometry: geo::Geometry<f64> = geometry
                .try_into()
                .map_err(|e: geojson::Error| invalid(format!("feature {i}: {e}")))?;
            let mp = match geometry {
                geo::Geometry::Polygon(p) => MultiPolygon(vec![p]),
                geo::Geometry::MultiPolygon(mp) => mp,
                _ => return Err(invalid(format!("feature {i} is not a polygon"))),
            };
            Ok((name, mp))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Contains as _;

    #[test]
    fn builtin_basemap_covers_kazakhstan_and_not_its_neighbours() {
        let map = Basemap::builtin().unwrap();
        let b = map.bounds;
        assert!(
            (b.min_lon - 46.48).abs() < 0.2 && (b.max_lon - 87.32).abs() < 0.2,
            "{b:?}"
        );
        assert!(
            (b.min_lat - 40.58).abs() < 0.2 && (b.max_lat - 55.44).abs() < 0.2,
            "{b:?}"
        );
        let inside = |lon, lat| map.border.contains(&geo::Point::new(lon, lat));
        assert!(
            inside(63.32, 45.62),
            "Baikonur must not be a hole in the border"
        );
        assert!(inside(76.92, 43.25), "Almaty");
        assert!(!inside(60.0, 56.0), "a point in Russia");
        assert!(!inside(69.28, 41.31), "Tashkent");
        assert!(map.regions.len() >= 16, "{} regions", map.regions.len());
    }
}
