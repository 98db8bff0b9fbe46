//! Writing a dataset back out: as GeoJSON in the documented schema (which loads again to
//! the same model) and in the flat CSV form, for all years or for one year with only the
//! sources that year cites — a citation bundle.

use serde_json::{Map, Value, json};

use super::csv_form::{COLUMNS, OUTPUT_ONLY_COLUMNS};
use super::load::SCHEMA_VERSION;
use super::{Check, City, Dataset, Names, Source};

/// The formats the data can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataFormat {
    Csv,
    Geojson,
}

impl DataFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Geojson => "geojson",
        }
    }

    /// Writes `dataset` (all of it, or one year) in this format.
    pub fn write(
        self,
        dataset: &Dataset,
        scope: Scope,
        out: impl std::io::Write,
    ) -> Result<(), ExportError> {
        match self {
            Self::Csv => write_csv(dataset, scope, out).map_err(ExportError::Csv),
            Self::Geojson => write_geojson(dataset, scope, out).map_err(ExportError::Io),
        }
    }
}

/// Why the data could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write CSV: {0}")]
    Csv(#[source] csv::Error),
    #[error("cannot write GeoJSON: {0}")]
    Io(#[source] std::io::Error),
}

/// Which part of a dataset to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Year(i32),
}

impl Scope {
    fn dataset(self, dataset: &Dataset) -> std::borrow::Cow<'_, Dataset> {
        match self {
            Self::All => std::borrow::Cow::Borrowed(dataset),
            Self::Year(year) => std::borrow::Cow::Owned(dataset.restricted_to_year(year)),
        }
    }
}

/// The dataset as a GeoJSON FeatureCollection (RFC 7946) in memorymap's schema. For one
/// year, each feature's properties also carry `computed`: the drawn status (output only;
/// it is recomputed, not read, on load).
pub fn to_geojson(dataset: &Dataset, scope: Scope) -> Value {
    let part = scope.dataset(dataset);
    let d = part.as_ref();
    let source_id = |index: usize| d.sources[index].id.clone();
    let info = &d.info;
    let (month, day) = info.event_day;
    let mut meta = json!({
        "schema_version": SCHEMA_VERSION,
        "dataset": {
            "id": info.id,
            "title": info.title,
            "version": info.version,
            "description": info.description,
            "first_year": info.first_year,
            "last_year": info.last_year,
            "licence": info.licence,
            "status_rule": info.status_rule,
            "event_day": format!("{month:02}-{day:02}"),
        },
    });
    if let Some(area) = &info.area {
        meta["dataset"]["area"] = json!(area);
    }
    if let Some(v) = info.view {
        // A view across 180° is kept with its east past 180; the file says it as a
        // GeoJSON bbox does, west greater than east.
        let east = if v.max_lon > 180.0 {
            v.max_lon - 360.0
        } else {
            v.max_lon
        };
        meta["dataset"]["view"] = json!([v.min_lon, v.min_lat, east, v.max_lat]);
    }
    if !info.vocabulary.is_builtin() {
        meta["dataset"]["statuses"] = vocabulary_json(&info.vocabulary);
    }
    meta["sources"] = d.sources.iter().map(|s| source_json(d, s)).collect();
    meta["country_timeline"] = d
        .timeline
        .iter()
        .map(|t| {
            let mut entry = json!({
                "id": t.id,
                "first_year": t.first_year,
                "last_year": t.last_year,
            });
            if let Some(country) = &t.country {
                entry["country"] = json!(country);
            }
            if let Some(status) = t.status {
                entry["status"] = json!(d.vocabulary().id(status));
            }
            entry["summary"] = json!(t.summary);
            if let Some(excerpt) = &t.excerpt {
                entry["excerpt"] = json!(excerpt);
            }
            entry["source"] = json!(source_id(t.source));
            if let Some(check) = &t.checked {
                entry["checked"] = check_json(check);
            }
            if !t.contested_by.is_empty() {
                entry["contested_by"] = t
                    .contested_by
                    .iter()
                    .map(|c| {
                        json!({
                            "summary": c.summary,
                            "sources": c.sources.iter().map(|&s| source_id(s)).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
            }
            entry
        })
        .collect();
    let features: Vec<Value> = d
        .cities
        .iter()
        .enumerate()
        .map(|(index, city)| {
            let mut properties = city_properties(d, city);
            if let Scope::Year(year) = scope {
                let cell = d.city_year(index, year);
                properties.insert(
                    "computed".into(),
                    json!({
                        "year": year,
                        "status": d.vocabulary().id(cell.status),
                        "disputed": cell.disputed,
                        "plan_changed": cell.plan_changed,
                        "uncertain": cell.uncertain,
                        "report_count": cell.report_count,
                    }),
                );
            }
            json!({
                "type": "Feature",
                "id": city.id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [city.location.lon, city.location.lat],
                },
                "properties": properties,
            })
        })
        .collect();
    json!({
        "type": "FeatureCollection",
        "memorymap": meta,
        "features": features,
    })
}

fn check_json(check: &Check) -> Value {
    let mut v = json!({
        "on": check.on.to_string(),
        "against": check.against.id(),
        "what": check.what.iter().map(|w| w.id()).collect::<Vec<_>>(),
    });
    if let Some(note) = &check.note {
        v["note"] = json!(note);
    }
    v
}

/// A dataset's own statuses as `dataset.statuses` declares them (docs/DATA.md §11).
fn vocabulary_json(vocabulary: &super::Vocabulary) -> Value {
    let texts = |t: &super::Texts| {
        t.0.iter()
            .map(|(lang, text)| (lang.clone(), json!(text)))
            .collect::<Map<String, Value>>()
    };
    vocabulary
        .claimable()
        .filter_map(|s| vocabulary.def(s))
        .map(|d| {
            let mut v = json!({
                "id": d.id,
                "outcome": d.outcome,
                "label": texts(&d.label),
                "colour": d.colour.hex(),
                "shape": d.shape,
            });
            if !d.meaning.is_empty() {
                v["meaning"] = Value::Object(texts(&d.meaning));
            }
            v
        })
        .collect()
}

fn source_json(d: &Dataset, s: &Source) -> Value {
    let mut v = json!({
        "id": s.id,
        "title": s.title,
        "publisher": s.publisher,
        "url": s.url,
        "url_partial": s.url_partial,
        "published": s.published.to_string(),
        "published_uncertain": s.published_uncertain,
        "language": s.language,
        "reliability": s.reliability,
    });
    if let Some(facts_ref) = &s.facts_ref {
        v["facts_ref"] = json!(facts_ref);
    }
    if let Some(note) = &s.note {
        v["note"] = json!(note);
    }
    if let Some(origin) = s.republishes {
        v["republishes"] = json!(d.sources[origin].id);
    }
    v
}

fn names_json(names: &Names, into: &mut Map<String, Value>) {
    for (lang, name) in &names.0 {
        into.insert(lang.clone(), json!(name));
    }
}

fn city_properties(d: &Dataset, city: &City) -> Map<String, Value> {
    let source_id = |index: usize| d.sources[index].id.clone();
    let mut p = Map::new();
    let mut names = Map::new();
    names_json(&city.names, &mut names);
    p.insert("names".into(), Value::Object(names));
    if !city.name_history.is_empty() {
        let history = city
            .name_history
            .iter()
            .map(|period| {
                let mut v = Map::new();
                names_json(&period.names, &mut v);
                if let Some(from) = period.from {
                    v.insert("from".into(), json!(from.to_string()));
                }
                if let Some(to) = period.to {
                    v.insert("to".into(), json!(to.to_string()));
                }
                Value::Object(v)
            })
            .collect();
        p.insert("name_history".into(), Value::Array(history));
    }
    if !city.aliases.is_empty() {
        p.insert("aliases".into(), json!(city.aliases));
    }
    p.insert("region".into(), json!(city.region));
    if let Some(population) = city.population {
        p.insert("population".into(), json!(population));
    }
    if let Some(geonames_id) = city.geonames_id {
        p.insert("geonames_id".into(), json!(geonames_id));
    }
    let reports = city
        .reports
        .iter()
        .map(|r| {
            let mut v = json!({
                "id": r.id,
                "year": r.year,
                "date": r.date.to_string(),
                "timing": r.timing,
                "status": d.vocabulary().id(r.status),
                "summary": r.summary,
            });
            if let Some(excerpt) = &r.excerpt {
                v["excerpt"] = json!(excerpt);
            }
            v["source"] = json!(source_id(r.source));
            if r.uncertain {
                v["uncertain"] = json!(true);
            }
            if let Some(check) = &r.checked {
                v["checked"] = check_json(check);
            }
            v
        })
        .collect();
    p.insert("reports".into(), Value::Array(reports));
    if !city.notes.is_empty() {
        let notes = city
            .notes
            .iter()
            .map(|n| {
                let mut v =
                    json!({"year": n.year, "summary": n.summary, "source": source_id(n.source)});
                if let Some(check) = &n.checked {
                    v["checked"] = check_json(check);
                }
                v
            })
            .collect();
        p.insert("notes".into(), Value::Array(notes));
    }
    p
}

/// Writes [`to_geojson`] as indented UTF-8 JSON with a final newline.
pub fn write_geojson(
    dataset: &Dataset,
    scope: Scope,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, &to_geojson(dataset, scope))?;
    out.write_all(b"\n")
}

/// Writes the flat CSV form (docs/DATA.md): one row per report, and one row without a
/// report for each city that has none in scope. The last columns (`city_status`,
/// `city_disputed`) give the city's drawn status in the row's year; they are output only.
pub fn write_csv(dataset: &Dataset, scope: Scope, out: impl std::io::Write) -> csv::Result<()> {
    let part = scope.dataset(dataset);
    let d = part.as_ref();
    let info = &d.info;
    let (month, day) = info.event_day;
    let mut writer = csv::Writer::from_writer(out);
    // Names in languages beyond the fixed columns go in `name_<code>` columns at the end.
    let mut more_languages: Vec<&str> = Vec::new();
    for city in &d.cities {
        for (lang, _) in &city.names.0 {
            if !["en", "kk", "ru"].contains(&lang.as_str())
                && !more_languages.contains(&lang.as_str())
            {
                more_languages.push(lang);
            }
        }
    }
    let more_columns: Vec<String> = more_languages.iter().map(|l| format!("name_{l}")).collect();
    writer.write_record(
        COLUMNS
            .iter()
            .chain(&OUTPUT_ONLY_COLUMNS)
            .map(|c| (*c).to_owned())
            .chain(more_columns.iter().cloned()),
    )?;
    let event_day = format!("{month:02}-{day:02}");
    for (index, city) in d.cities.iter().enumerate() {
        let population = city.population.map(|p| p.to_string()).unwrap_or_default();
        let city_cells = [
            info.id.clone(),
            info.title.clone(),
            info.version.clone(),
            info.first_year.to_string(),
            info.last_year.to_string(),
            event_day.clone(),
            city.id.clone(),
            city.names.tagged("en").unwrap_or_default().to_owned(),
            city.names.tagged("kk").unwrap_or_default().to_owned(),
            city.names.tagged("ru").unwrap_or_default().to_owned(),
            city.region.clone(),
            city.location.lon.to_string(),
            city.location.lat.to_string(),
            population,
        ];
        let more_names: Vec<String> = more_languages
            .iter()
            .map(|l| city.names.tagged(l).unwrap_or_default().to_owned())
            .collect();
        if city.reports.is_empty() {
            let status = match scope {
                Scope::Year(year) => {
                    let cell = d.city_year(index, year);
                    [
                        d.vocabulary().id(cell.status).to_owned(),
                        cell.disputed.to_string(),
                    ]
                }
                Scope::All => [String::new(), String::new()],
            };
            let empty = COLUMNS.len() - city_cells.len();
            write_safe(
                &mut writer,
                city_cells
                    .iter()
                    .cloned()
                    .chain(std::iter::repeat_n(String::new(), empty))
                    .chain(status)
                    .chain(more_names.iter().cloned()),
            )?;
            continue;
        }
        for r in &city.reports {
            let s = &d.sources[r.source];
            let cell = d.city_year(index, r.year);
            let report_cells = [
                r.id.clone(),
                r.year.to_string(),
                r.date.to_string(),
                serde_plain(r.timing),
                d.vocabulary().id(r.status).to_owned(),
                r.summary.clone(),
                r.excerpt.clone().unwrap_or_default(),
                r.uncertain.to_string(),
                s.id.clone(),
                s.title.clone(),
                s.publisher.clone(),
                s.url.clone(),
                s.published.to_string(),
                s.published_uncertain.to_string(),
                s.language.clone(),
                serde_plain(s.reliability),
                d.vocabulary().id(cell.status).to_owned(),
                cell.disputed.to_string(),
            ];
            write_safe(
                &mut writer,
                city_cells
                    .iter()
                    .chain(report_cells.iter())
                    .chain(more_names.iter()),
            )?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// Writes a CSV record whose cells a spreadsheet will not run as formulas (DATA.md §12).
pub fn write_safe<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = impl AsRef<str>>,
) -> csv::Result<()> {
    writer.write_record(
        cells
            .into_iter()
            .map(|c| crate::text::csv_cell(c.as_ref()).into_owned()),
    )
}

/// The snake_case name serde gives a unit enum variant.
fn serde_plain(value: impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}
