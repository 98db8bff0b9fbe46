//! The world basemap (`assets/basemap/world.mmb`, made by `tools/basemap/make_world.py`
//! from Natural Earth): every country at three levels of detail, first-level regions at
//! two, and large lakes. Opening the file reads only its table of layers; each layer is
//! decoded (and inflated, if it is stored compressed) the first time it is asked for, so
//! start-up reads only the layers the first view draws, and inflates nothing.
//!
//! Format (all little-endian): `MMB2`, u32 layer count, then per layer: name, u8 kind,
//! u8 codec (0 stored, 1 zlib), u32 body length, u32 stored length and the stored bytes.
//! A layer's body: f32 tolerance, u32 feature count; per feature: id, country, name
//! (u16-length strings), 4 × f32 bounding box, u32 polygons; per polygon u32 rings; per
//! ring u32 points, then zigzag-varint deltas of lon and lat in 1e-5 degrees.

use std::sync::OnceLock;

use geo::{BoundingRect as _, Contains as _, MultiPolygon};

use crate::model::LonLatBounds;

const WORLD_MMB: &[u8] = include_bytes!("../../assets/basemap/world.mmb");

#[derive(Debug, thiserror::Error)]
#[error("world basemap: {0}")]
pub struct WorldError(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerKind {
    Country,
    Region,
    Lake,
    Sea,
}

/// One country, region or lake.
#[derive(Clone, Debug)]
pub struct Feature {
    /// Countries: ISO 3166-1 alpha-2 ("KZ"); regions: "KZ/…"; lakes: "lake/…".
    pub id: String,
    /// The alpha-2 code of the country it belongs to ("" for lakes).
    pub country: String,
    pub name: String,
    pub bounds: LonLatBounds,
    pub shape: MultiPolygon<f64>,
}

/// A decoded layer.
#[derive(Debug)]
pub struct Layer {
    pub name: String,
    pub kind: LayerKind,
    /// Simplification tolerance in degrees (0: as Natural Earth gives it).
    pub tolerance: f32,
    pub features: Vec<Feature>,
}

/// The whole basemap: the file's bytes and its table of layers.
pub struct World {
    file: std::borrow::Cow<'static, [u8]>,
    layers: Vec<LayerEntry>,
    decoded: Vec<OnceLock<Layer>>,
}

/// A layer in the file's table: where its stored bytes are and how to read them.
#[derive(Debug)]
struct LayerEntry {
    name: String,
    kind: LayerKind,
    zlib: bool,
    body_len: usize,
    stored: std::ops::Range<usize>,
}

impl std::fmt::Debug for World {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("World")
            .field("layers", &self.layers)
            .finish_non_exhaustive()
    }
}

/// A cursor over the body.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn fail(&self, what: &str) -> WorldError {
        WorldError(format!("cut off at byte {} while reading {what}", self.at))
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&[u8], WorldError> {
        let end = self.at.checked_add(n).ok_or_else(|| self.fail(what))?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or_else(|| self.fail(what))?;
        self.at = end;
        Ok(slice)
    }

    /// The bytes not read yet.
    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    fn u8(&mut self, what: &str) -> Result<u8, WorldError> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16, WorldError> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &str) -> Result<usize, WorldError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn f32(&mut self, what: &str) -> Result<f32, WorldError> {
        let b = self.take(4, what)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn string(&mut self, what: &str) -> Result<String, WorldError> {
        let n = self.u16(what)? as usize;
        let bytes = self.take(n, what)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| WorldError(format!("{what} is not UTF-8")))
    }

    fn varint(&mut self) -> Result<i64, WorldError> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.u8("a coordinate")?;
            value |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                // Zigzag: 0, -1, 1, -2, … → 0, 1, 2, 3, …
                #[allow(clippy::cast_possible_wrap)]
                return Ok((value >> 1) as i64 ^ -((value & 1) as i64));
            }
        }
        Err(WorldError("a coordinate is longer than 64 bits".into()))
    }
}

impl World {
    /// The basemap shipped in the binary.
    pub fn builtin() -> Result<Self, WorldError> {
        Self::from_file(std::borrow::Cow::Borrowed(WORLD_MMB))
    }

    /// Reads the table of layers; the layers themselves are read when first asked for.
    fn from_file(file: std::borrow::Cow<'static, [u8]>) -> Result<Self, WorldError> {
        let mut r = Reader {
            bytes: &file,
            at: 0,
        };
        if r.take(4, "the magic number")? != b"MMB2" {
            return Err(WorldError(
                "not a memorymap basemap of version 2 (no MMB2)".into(),
            ));
        }
        let count = r.u32("the layer count")?;
        let mut layers = Vec::new();
        for _ in 0..count {
            let name = r.string("a layer name")?;
            let kind = match r.u8("a layer kind")? {
                0 => LayerKind::Country,
                1 => LayerKind::Region,
                2 => LayerKind::Lake,
                3 => LayerKind::Sea,
                other => return Err(WorldError(format!("layer {name}: unknown kind {other}"))),
            };
            let zlib = match r.u8("a codec")? {
                0 => false,
                1 => true,
                other => return Err(WorldError(format!("layer {name}: unknown codec {other}"))),
            };
            let body_len = r.u32("a body length")?;
            let stored_len = r.u32("a stored length")?;
            let start = r.at;
            r.take(stored_len, &format!("layer {name}"))?;
            layers.push(LayerEntry {
                name,
                kind,
                zlib,
                body_len,
                stored: start..r.at,
            });
        }
        if r.at != file.len() {
            return Err(WorldError(format!(
                "{} bytes after the last layer",
                file.len() - r.at
            )));
        }
        let decoded = layers.iter().map(|_| OnceLock::new()).collect();
        Ok(Self {
            file,
            layers,
            decoded,
        })
    }

    /// Inflates (if stored compressed) and decodes one layer of the table.
    fn decode(&self, entry: &LayerEntry) -> Result<Layer, WorldError> {
        let stored = &self.file[entry.stored.clone()];
        let inflated;
        let body = if entry.zlib {
            inflated =
                miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(stored, entry.body_len)
                    .map_err(|e| {
                        WorldError(format!("layer {}: cannot inflate: {e:?}", entry.name))
                    })?;
            &inflated[..]
        } else {
            stored
        };
        if body.len() != entry.body_len {
            return Err(WorldError(format!(
                "layer {}: {} bytes, the table says {}",
                entry.name,
                body.len(),
                entry.body_len
            )));
        }
        let mut r = Reader { bytes: body, at: 0 };
        let layer = read_layer(&mut r, &entry.name, entry.kind)
            .map_err(|WorldError(e)| WorldError(format!("layer {}: {e}", entry.name)))?;
        if r.at != body.len() {
            return Err(WorldError(format!(
                "layer {}: {} bytes after its last feature",
                entry.name,
                body.len() - r.at
            )));
        }
        Ok(layer)
    }

    /// The layers' names and kinds, in file order.
    pub fn layer_names(&self) -> impl Iterator<Item = (&str, LayerKind)> {
        self.layers.iter().map(|l| (l.name.as_str(), l.kind))
    }

    /// The layer called `name` ("countries/50m"), decoded on first use. A layer that
    /// cannot be read is logged and drawn empty.
    pub fn layer(&self, name: &str) -> Option<&Layer> {
        let index = self.layers.iter().position(|l| l.name == name)?;
        let entry = &self.layers[index];
        Some(self.decoded[index].get_or_init(|| {
            self.decode(entry).unwrap_or_else(|e| {
                log::error!("{e}");
                Layer {
                    name: entry.name.clone(),
                    kind: entry.kind,
                    tolerance: 0.0,
                    features: Vec::new(),
                }
            })
        }))
    }

    /// The feature of layer `name` that `(lon, lat)` lies in, if any.
    pub fn feature_at(&self, name: &str, lon: f64, lat: f64) -> Option<&Feature> {
        let point = geo::Point::new(lon, lat);
        self.layer(name)?.features.iter().find(|f| {
            f.bounds.min_lon <= lon
                && lon <= f.bounds.max_lon
                && f.bounds.min_lat <= lat
                && lat <= f.bounds.max_lat
                && f.shape.contains(&point)
        })
    }

    /// The country that `(lon, lat)` lies in, at the 50m level.
    pub fn country_at(&self, lon: f64, lat: f64) -> Option<&Feature> {
        self.feature_at("countries/50m", lon, lat)
    }

    /// Whether `(lon, lat)` is on land or within about 10 km of it (coastal cities lie
    /// just outside simplified coastlines). The coarse countries answer first; only points
    /// they put in the sea are looked at again in detail.
    pub fn on_land(&self, lon: f64, lat: f64) -> bool {
        const NEAR: f64 = 0.1;
        self.feature_at("countries/110m", lon, lat).is_some()
            || [
                (0.0, 0.0),
                (NEAR, 0.0),
                (-NEAR, 0.0),
                (0.0, NEAR),
                (0.0, -NEAR),
            ]
            .iter()
            .any(|(dx, dy)| self.country_at(lon + dx, lat + dy).is_some())
    }
}

fn read_layer(r: &mut Reader<'_>, name: &str, kind: LayerKind) -> Result<Layer, WorldError> {
    let tolerance = r.f32("a tolerance")?;
    let count = r.u32("a feature count")?;
    // Counts are capped by the bytes left (a damaged count must not allocate gigabytes).
    let mut features = Vec::with_capacity(count.min(r.left()));
    for _ in 0..count {
        let id = r.string("an id")?;
        let country = r.string("a country")?;
        let name = r.string("a name")?;
        let bbox = [
            r.f32("a bounding box")?,
            r.f32("a bounding box")?,
            r.f32("a bounding box")?,
            r.f32("a bounding box")?,
        ];
        let polygons = r.u32("a polygon count")?;
        let mut shape = Vec::with_capacity(polygons.min(r.left()));
        for _ in 0..polygons {
            let rings = r.u32("a ring count")?;
            let mut ring_list: Vec<geo::LineString<f64>> = Vec::with_capacity(rings.min(r.left()));
            for _ in 0..rings {
                let points = r.u32("a point count")?;
                let (mut x, mut y) = (0_i64, 0_i64);
                let mut coords = Vec::with_capacity(points.min(r.left()) + 1);
                for _ in 0..points {
                    x += r.varint()?;
                    y += r.varint()?;
                    #[allow(clippy::cast_precision_loss)]
                    coords.push(geo::coord! { x: x as f64 * 1e-5, y: y as f64 * 1e-5 });
                }
                ring_list.push(geo::LineString::new(coords));
            }
            let mut rings = ring_list.into_iter();
            if let Some(exterior) = rings.next() {
                shape.push(geo::Polygon::new(exterior, rings.collect()));
            }
        }
        let shape = MultiPolygon(shape);
        let bounds = shape.bounding_rect().map_or(
            LonLatBounds {
                min_lon: f64::from(bbox[0]),
                min_lat: f64::from(bbox[1]),
                max_lon: f64::from(bbox[2]),
                max_lat: f64::from(bbox[3]),
            },
            |rect| LonLatBounds {
                min_lon: rect.min().x,
                min_lat: rect.min().y,
                max_lon: rect.max().x,
                max_lat: rect.max().y,
            },
        );
        features.push(Feature {
            id,
            country,
            name,
            bounds,
            shape,
        });
    }
    Ok(Layer {
        name: name.to_owned(),
        kind,
        tolerance,
        features,
    })
}

/// [`World::on_land`] on the built-in basemap (true when it cannot be read: no warning
/// is better than a wrong one). A plain function, for [`crate::model::LoadOptions::land`].
/// Which level of detail a map `span` degrees wide draws, the same for the window and for
/// figures: the countries layer (a large figure with `pixels_per_degree` ≥ 8 gets the
/// finer one at world scale too), the regions and the lakes.
pub fn countries_layer(span: f64, pixels_per_degree: f64) -> &'static str {
    if span > 90.0 && pixels_per_degree < 8.0 {
        "countries/110m"
    } else if span > 12.0 {
        "countries/50m"
    } else {
        "countries/10m"
    }
}

/// See [`countries_layer`].
pub fn regions_layer(span: f64) -> &'static str {
    if span > 12.0 {
        "regions/coarse"
    } else {
        "regions/fine"
    }
}

/// See [`countries_layer`].
pub fn lakes_layer(span: f64) -> &'static str {
    if span > 90.0 {
        "lakes/110m"
    } else {
        "lakes/50m"
    }
}

pub fn on_world_land(lon: f64, lat: f64) -> bool {
    world().is_none_or(|w| w.on_land(lon, lat))
}

/// The basemap, opened once per process (its table of layers: microseconds).
pub fn world() -> Option<&'static World> {
    static WORLD: OnceLock<Option<World>> = OnceLock::new();
    WORLD
        .get_or_init(|| match World::builtin() {
            Ok(world) => Some(world),
            Err(e) => {
                log::error!("{e}");
                None
            }
        })
        .as_ref()
}

/// Decodes the detailed layers (`countries/10m`, inflated, and `regions/fine`: ~40 ms
/// together) on a thread of their own, once per process, so that the first zoom below
/// 12° does not wait for them. The window calls it once start-up has settled; a layer
/// asked for meanwhile waits for this thread instead of decoding it twice.
pub fn decode_detail_in_background() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("basemap detail".into())
            .spawn(|| {
                if let Some(world) = world() {
                    for layer in [countries_layer(0.0, 0.0), regions_layer(0.0)] {
                        let _ = world.layer(layer);
                    }
                }
            });
        if let Err(e) = spawned {
            log::warn!("cannot start decoding the detailed basemap: {e}");
        }
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_world_has_every_layer_and_finds_countries_by_point() {
        let world = World::builtin().unwrap();
        let names: Vec<&str> = world.layer_names().map(|(n, _)| n).collect();
        for layer in [
            "countries/110m",
            "countries/50m",
            "countries/10m",
            "regions/fine",
        ] {
            assert!(names.contains(&layer), "{names:?}");
        }
        for (lon, lat, code) in [
            (76.92, 43.25, "KZ"),
            (63.32, 45.62, "KZ"),
            (74.59, 42.87, "KG"),
            (-70.65, -33.45, "CL"),
            (-68.83, -32.89, "AR"),
            (30.52, 50.45, "UA"),
            (139.69, 35.69, "JP"),
        ] {
            assert_eq!(
                world.country_at(lon, lat).map(|f| f.id.as_str()),
                Some(code),
                "{lon}, {lat}"
            );
        }
        assert!(world.country_at(-140.0, 0.0).is_none(), "the Pacific");
        assert!(world.on_land(51.17, 43.65), "Aktau, on the Caspian shore");
        assert!(!world.on_land(-140.0, 0.0));
        let kz = world
            .layer("countries/10m")
            .unwrap()
            .features
            .iter()
            .find(|f| f.id == "KZ")
            .unwrap();
        assert!((kz.bounds.min_lon - 46.48).abs() < 0.2, "{:?}", kz.bounds);
        assert!((kz.bounds.max_lat - 55.44).abs() < 0.2, "{:?}", kz.bounds);
    }

    #[test]
    fn every_layer_decodes_to_its_last_byte_and_only_countries_10m_and_lakes_are_inflated() {
        let world = World::builtin().unwrap();
        for entry in &world.layers {
            let layer = world.decode(entry).unwrap();
            assert!(!layer.features.is_empty(), "{}", entry.name);
        }
        // Opening the first view inflates nothing but the small lakes layers.
        let inflated: Vec<&str> = world
            .layers
            .iter()
            .filter(|l| l.zlib)
            .map(|l| l.name.as_str())
            .collect();
        assert_eq!(inflated, ["countries/10m", "lakes/110m", "lakes/50m"]);
    }

    #[test]
    fn a_cut_off_or_damaged_file_is_an_error_not_a_panic() {
        for len in [0, 3, 4, 10, 100, WORLD_MMB.len() / 2, WORLD_MMB.len() - 1] {
            let cut = WORLD_MMB[..len].to_vec();
            assert!(World::from_file(cut.into()).is_err(), "{len}");
        }
        let world = World::builtin().unwrap();
        // Every layer's stored bytes, damaged in the middle or cut short but with the
        // table intact: an error from decode, an empty layer from layer(), no panic.
        for (index, entry) in world.layers.iter().enumerate() {
            let mut damaged = WORLD_MMB.to_vec();
            let middle = entry.stored.start + entry.stored.len() / 2;
            for byte in &mut damaged[middle..middle + 64] {
                *byte = 0xFF;
            }
            let broken = World::from_file(damaged.into()).unwrap();
            assert!(
                broken.decode(&broken.layers[index]).is_err(),
                "{}",
                entry.name
            );
            assert!(broken.layer(&entry.name).unwrap().features.is_empty());
            let mut short = World::builtin().unwrap();
            short.layers[index].stored.end -= 1;
            assert!(
                short.decode(&short.layers[index]).is_err(),
                "{}",
                entry.name
            );
        }
    }
}
