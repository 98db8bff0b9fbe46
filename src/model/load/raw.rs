//! The file format as written (docs/DATA.md): the serde types the checker reads.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    pub(super) schema_version: u32,
    pub(super) dataset: RawInfo,
    #[serde(default)]
    pub(super) sources: Vec<Value>,
    #[serde(default)]
    pub(super) country_timeline: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInfo {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) version: String,
    #[serde(default)]
    pub(super) description: String,
    pub(super) first_year: i32,
    pub(super) last_year: i32,
    #[serde(default)]
    pub(super) licence: String,
    #[serde(default)]
    pub(super) status_rule: String,
    /// "MM-DD"
    #[serde(default)]
    pub(super) event_day: Option<String>,
    /// `[min lon, min lat, max lon, max lat]`
    #[serde(default)]
    pub(super) view: Option<[f64; 4]>,
    #[serde(default)]
    pub(super) area: Option<String>,
    /// The dataset's own statuses (docs/DATA.md §11); the built-in ones without it.
    #[serde(default)]
    pub(super) statuses: Option<Vec<RawStatusDef>>,
    /// BCP 47 code of the names to show when the interface's language has none.
    #[serde(default)]
    pub(super) name_language: Option<String>,
    /// A boundary layer: a file name beside the dataset, or an embedded FeatureCollection.
    #[serde(default)]
    pub(super) boundaries: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStatusDef {
    pub(super) id: String,
    pub(super) outcome: Outcome,
    #[serde(default)]
    pub(super) label: Option<RawTexts>,
    #[serde(default)]
    pub(super) meaning: Option<RawTexts>,
    /// `#RRGGBB`
    #[serde(default)]
    pub(super) colour: Option<String>,
    #[serde(default)]
    pub(super) shape: Option<MarkerShape>,
}

/// Words in one language (a plain string, taken as English) or several
/// (`{"en": "…", "es": "…"}`).
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawTexts {
    One(String),
    Many(serde_json::Map<String, Value>),
}

/// A status as a file gives it: the built-in ids without an allocation, others as text.
/// Which status it is depends on the dataset's vocabulary, known only once the dataset's
/// settings are read.
#[derive(Debug)]
pub(super) enum RawStatus {
    Builtin(&'static str),
    Other(Box<str>),
}

impl RawStatus {
    pub(super) fn as_str(&self) -> &str {
        match self {
            Self::Builtin(id) => id,
            Self::Other(id) => id,
        }
    }
}

impl<'de> Deserialize<'de> for RawStatus {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawStatus;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a status id")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawStatus, E> {
                Ok(match crate::model::status::builtin_id(v) {
                    Some(id) => RawStatus::Builtin(id),
                    None => RawStatus::Other(v.into()),
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) publisher: String,
    pub(super) url: String,
    #[serde(default)]
    pub(super) url_partial: bool,
    pub(super) published: String,
    #[serde(default)]
    pub(super) published_uncertain: bool,
    pub(super) language: String,
    #[serde(default = "normal")]
    pub(super) reliability: Reliability,
    #[serde(default)]
    pub(super) facts_ref: Option<String>,
    #[serde(default)]
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) republishes: Option<String>,
}

/// How an item was checked (docs/DATA.md §3).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCheck {
    pub(super) on: String,
    pub(super) against: CheckedAgainst,
    #[serde(default)]
    pub(super) what: Vec<Confirmed>,
    #[serde(default)]
    pub(super) note: Option<String>,
}

pub(super) fn normal() -> Reliability {
    Reliability::Normal
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTimelineEntry {
    pub(super) id: String,
    /// ISO 3166-1 alpha-2: the country the statement is about.
    #[serde(default)]
    pub(super) country: Option<String>,
    pub(super) first_year: i32,
    pub(super) last_year: i32,
    #[serde(default)]
    pub(super) status: Option<RawStatus>,
    pub(super) summary: String,
    #[serde(default)]
    pub(super) excerpt: Option<String>,
    pub(super) source: String,
    #[serde(default)]
    pub(super) contested_by: Vec<RawContest>,
    #[serde(default)]
    pub(super) checked: Option<RawCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawContest {
    pub(super) summary: String,
    pub(super) sources: Vec<String>,
}

/// A feature as the fast path reads it: [`RawFeature`] with a string id.
pub(super) struct TypedFeature {
    pub(super) kind: String,
    pub(super) id: String,
    pub(super) geometry: Option<RawGeometry>,
    pub(super) properties: Option<RawProperties>,
}

/// The whole file as the fast path reads it.
pub(super) struct TypedCollection {
    pub(super) kind: Option<Value>,
    pub(super) memorymap: Option<Value>,
    pub(super) features: Vec<TypedFeature>,
}

/// Reads the members of a JSON object: `known` takes the ones it knows (returning false
/// for others); every other member (a GeoJSON foreign member) is read as a whole
/// [`Value`] and dropped, so that it is checked exactly as the slow path checks it —
/// UTF-8, escapes, number range, nesting depth — rather than skipped unread.
pub(super) fn read_members<'de, A: serde::de::MapAccess<'de>>(
    mut map: A,
    mut known: impl FnMut(&str, &mut A) -> Result<bool, A::Error>,
) -> Result<(), A::Error> {
    while let Some(key) = map.next_key::<String>()? {
        if !known(&key, &mut map)? {
            map.next_value::<Value>()?;
        }
    }
    Ok(())
}

/// A `Deserialize` for a struct read with [`read_members`].
macro_rules! deserialize_members {
    ($type:ident, $what:literal, |$key:ident, $map:ident| $body:expr, $build:expr) => {
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visit;
                impl<'de> serde::de::Visitor<'de> for Visit {
                    type Value = $type;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$type, A::Error> {
                        let mut fields = Default::default();
                        read_members(map, |$key, $map| {
                            let fields: &mut _ = &mut fields;
                            ($body)(fields)
                        })?;
                        ($build)(fields)
                    }
                }
                d.deserialize_map(Visit)
            }
        }
    };
}

type FeatureFields = (
    Option<String>,
    Option<String>,
    Option<Option<RawGeometry>>,
    Option<Option<RawProperties>>,
);

deserialize_members!(
    TypedFeature,
    "a Feature object",
    |key, map| |f: &mut FeatureFields| -> Result<bool, A::Error> {
        match key {
            "type" => f.0 = Some(map.next_value()?),
            "id" => f.1 = Some(map.next_value()?),
            "geometry" => f.2 = Some(map.next_value()?),
            "properties" => f.3 = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    },
    |f: FeatureFields| -> Result<TypedFeature, A::Error> {
        use serde::de::Error as _;
        Ok(TypedFeature {
            kind: f.0.ok_or_else(|| A::Error::missing_field("type"))?,
            id: f.1.ok_or_else(|| A::Error::missing_field("id"))?,
            geometry: f.2.flatten(),
            properties: f.3.flatten(),
        })
    }
);

type CollectionFields = (Option<Value>, Option<Value>, Option<Vec<TypedFeature>>);

deserialize_members!(
    TypedCollection,
    "a FeatureCollection object",
    |key, map| |f: &mut CollectionFields| -> Result<bool, A::Error> {
        match key {
            "type" => f.0 = Some(map.next_value()?),
            "memorymap" => f.1 = Some(map.next_value()?),
            "features" => f.2 = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    },
    |f: CollectionFields| -> Result<TypedCollection, A::Error> {
        use serde::de::Error as _;
        Ok(TypedCollection {
            kind: f.0,
            memorymap: f.1,
            features: f.2.ok_or_else(|| A::Error::missing_field("features"))?,
        })
    }
);

/// One feature to check, from either path. Only one exists at a time (they are taken from
/// their list one by one), so the size difference between the variants costs nothing.
#[allow(clippy::large_enum_variant)]
pub(super) enum FeatureInput {
    Json(Value),
    Typed(TypedFeature),
}

/// Reads the file straight into typed features, or `None` when anything at the JSON or
/// type level is off (the caller then takes the slow path, which reports it).
pub(super) fn parse_typed(bytes: &[u8]) -> Option<(Value, Vec<TypedFeature>)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let collection: TypedCollection = serde_json::from_slice(bytes).ok()?;
    let mut root = serde_json::Map::new();
    if let Some(kind) = collection.kind {
        root.insert("type".into(), kind);
    }
    if let Some(meta) = collection.memorymap {
        root.insert("memorymap".into(), meta);
    }
    Some((Value::Object(root), collection.features))
}

/// A GeoJSON Feature; foreign members are allowed here (RFC 7946 §6.1), not in properties.
#[derive(Deserialize)]
pub(super) struct RawFeature {
    #[serde(rename = "type")]
    pub(super) kind: String,
    pub(super) geometry: Option<RawGeometry>,
    pub(super) properties: Option<RawProperties>,
}

pub(super) struct RawGeometry {
    pub(super) kind: String,
    pub(super) coordinates: Value,
}

type GeometryFields = (Option<String>, Option<Value>);

deserialize_members!(
    RawGeometry,
    "a GeoJSON geometry object",
    |key, map| |f: &mut GeometryFields| -> Result<bool, A::Error> {
        match key {
            "type" => f.0 = Some(map.next_value()?),
            "coordinates" => f.1 = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    },
    |f: GeometryFields| -> Result<RawGeometry, A::Error> {
        use serde::de::Error as _;
        Ok(RawGeometry {
            kind: f.0.ok_or_else(|| A::Error::missing_field("type"))?,
            coordinates: f.1.ok_or_else(|| A::Error::missing_field("coordinates"))?,
        })
    }
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProperties {
    pub(super) names: RawNames,
    #[serde(default)]
    pub(super) name_history: Vec<RawNamePeriod>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    pub(super) region: String,
    #[serde(default)]
    pub(super) population: Option<u64>,
    #[serde(default)]
    pub(super) geonames_id: Option<u64>,
    #[serde(default)]
    pub(super) reports: Vec<RawReport>,
    #[serde(default)]
    pub(super) notes: Vec<RawNote>,
    /// Written by `export` for one year (the drawn status); recomputed, never read.
    #[serde(default, rename = "computed")]
    pub(super) _computed: Option<Value>,
}

/// A place's names as written: `{"en": "Almaty", "kk": "Алматы", "zh": "阿拉木图"}`, any
/// language code as the key, in the file's order.
pub(super) struct RawNames(pub(super) Vec<(String, String)>);

/// A former name: its names (as [`RawNames`]) and `from`/`to` in one object.
pub(super) struct RawNamePeriod {
    pub(super) names: Vec<(String, String)>,
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
}

/// Reads an object of language code → name; `from` and `to` are taken out when `dated`.
pub(super) fn names_map<'de, A: serde::de::MapAccess<'de>>(
    mut map: A,
    dated: bool,
) -> Result<RawNamePeriod, A::Error> {
    use serde::de::Error;
    let mut period = RawNamePeriod {
        names: Vec::new(),
        from: None,
        to: None,
    };
    while let Some(key) = map.next_key::<String>()? {
        match key.as_str() {
            "from" if dated => period.from = Some(map.next_value()?),
            "to" if dated => period.to = Some(map.next_value()?),
            _ => {
                if period.names.iter().any(|(lang, _)| *lang == key) {
                    return Err(A::Error::custom(format!("duplicate field `{key}`")));
                }
                let name: String = map.next_value()?;
                period.names.push((key, name));
            }
        }
    }
    Ok(period)
}

pub(super) struct NamesVisitor {
    pub(super) dated: bool,
}

impl<'de> serde::de::Visitor<'de> for NamesVisitor {
    type Value = RawNamePeriod;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object of language code → name")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawNamePeriod, A::Error> {
        names_map(map, self.dated)
    }
}

impl<'de> Deserialize<'de> for RawNames {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_map(NamesVisitor { dated: false })
            .map(|p| Self(p.names))
    }
}

impl<'de> Deserialize<'de> for RawNamePeriod {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(NamesVisitor { dated: true })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReport {
    pub(super) id: String,
    pub(super) year: i32,
    pub(super) date: String,
    pub(super) timing: Timing,
    pub(super) status: RawStatus,
    pub(super) summary: String,
    #[serde(default)]
    pub(super) excerpt: Option<String>,
    pub(super) source: String,
    #[serde(default)]
    pub(super) uncertain: bool,
    #[serde(default)]
    pub(super) checked: Option<RawCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNote {
    pub(super) year: i32,
    pub(super) summary: String,
    pub(super) source: String,
    #[serde(default)]
    pub(super) checked: Option<RawCheck>,
}
