//! Export and load again: GeoJSON gives back exactly the same dataset; the CSV form gives
//! back everything it can hold. Checked on the built-in data and on generated datasets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use memorymap::cli::BUILTIN_DATA;
use memorymap::model::export::{Scope, write_csv, write_geojson};
use memorymap::model::{Dataset, LoadOptions, load_bytes};
use proptest::prelude::*;
use serde_json::{Value, json};

fn load(name: &str, bytes: &[u8]) -> Dataset {
    match load_bytes(name, bytes, LoadOptions::default()) {
        Ok(loaded) => loaded.dataset,
        Err(e) => panic!(
            "{name} did not load:\n{e}\n--- file ---\n{}",
            String::from_utf8_lossy(bytes)
        ),
    }
}

fn builtin() -> Dataset {
    load("builtin.geojson", BUILTIN_DATA.as_bytes())
}

fn geojson(dataset: &Dataset, scope: Scope) -> Vec<u8> {
    let mut out = Vec::new();
    write_geojson(dataset, scope, &mut out).unwrap();
    out
}

fn csv(dataset: &Dataset, scope: Scope) -> Vec<u8> {
    let mut out = Vec::new();
    write_csv(dataset, scope, &mut out).unwrap();
    out
}

/// What the CSV form holds: the dataset without what it cannot carry (docs/DATA.md §12).
fn csv_part(dataset: &Dataset) -> Dataset {
    let mut json: Value = serde_json::from_slice(&geojson(dataset, Scope::All)).unwrap();
    let meta = &mut json["memorymap"];
    let info = &mut meta["dataset"];
    for key in ["description", "licence", "status_rule"] {
        info[key] = json!("");
    }
    for key in ["area", "view"] {
        info.as_object_mut().unwrap().remove(key);
    }
    meta["country_timeline"] = json!([]);
    // Only sources that reports cite travel, without their notes and flags, in the order
    // the rows first cite them.
    let mut cited: Vec<String> = Vec::new();
    for feature in json["features"].as_array_mut().unwrap() {
        let p = &mut feature["properties"];
        for key in ["name_history", "aliases", "notes", "geonames_id"] {
            p.as_object_mut().unwrap().remove(key);
        }
        // Nor the check records (DATA.md §12).
        for r in p["reports"].as_array_mut().unwrap() {
            r.as_object_mut().unwrap().remove("checked");
        }
        for r in p["reports"].as_array().unwrap() {
            let id = r["source"].as_str().unwrap().to_owned();
            if !cited.contains(&id) {
                cited.push(id);
            }
        }
    }
    let sources = json["memorymap"]["sources"].as_array_mut().unwrap();
    sources.retain(|s| cited.iter().any(|id| id == s["id"].as_str().unwrap()));
    sources.sort_by_key(|s| cited.iter().position(|id| id == s["id"].as_str().unwrap()));
    for s in sources {
        let s = s.as_object_mut().unwrap();
        s.remove("note");
        s.remove("facts_ref");
        s.remove("republishes");
        s.insert("url_partial".into(), json!(false));
    }
    load("part.geojson", &serde_json::to_vec(&json).unwrap())
}

#[test]
fn builtin_data_round_trips_through_geojson_exactly() {
    let original = builtin();
    assert_eq!(
        load("all.geojson", &geojson(&original, Scope::All)),
        original
    );
}

#[test]
fn a_year_export_loads_as_that_year_with_its_sources_and_statuses() {
    let original = builtin();
    for year in original.years() {
        let part = original.restricted_to_year(year);
        let reloaded = load("year.geojson", &geojson(&original, Scope::Year(year)));
        assert_eq!(reloaded, part, "{year}");
        // The citation bundle: every status drawn for the year is the same, and every
        // source cited is there.
        for city in 0..original.cities.len() {
            let (a, b) = (
                original.city_year(city, year),
                reloaded.city_year(city, year),
            );
            assert_eq!(
                (
                    a.status,
                    a.disputed,
                    a.plan_changed,
                    a.uncertain,
                    a.report_count
                ),
                (
                    b.status,
                    b.disputed,
                    b.plan_changed,
                    b.uncertain,
                    b.report_count
                ),
                "{year} {}",
                original.cities[city].id
            );
            // The same report decides it (indices differ: the export has only this year).
            let deciding = |d: &Dataset, cell: memorymap::model::CityYear| {
                cell.deciding.map(|i| d.cities[city].reports[i].id.clone())
            };
            assert_eq!(deciding(&original, a), deciding(&reloaded, b));
        }
        let cited = original
            .cities
            .iter()
            .flat_map(|c| c.reports_in(year))
            .map(|r| &original.sources[r.source].id);
        for id in cited {
            assert!(reloaded.sources.iter().any(|s| &s.id == id), "{year}: {id}");
        }
    }
}

#[test]
fn builtin_data_round_trips_through_csv_for_what_csv_holds() {
    let original = builtin();
    let reloaded = load("all.csv", &csv(&original, Scope::All));
    assert_eq!(reloaded, csv_part(&original));
    // And once in CSV form, it stays the same.
    assert_eq!(csv(&reloaded, Scope::All), csv(&original, Scope::All));
}

#[test]
fn the_shipped_example_csv_is_the_export_of_the_builtin_data() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kazakhstan.csv");
    let expected = csv(&builtin(), Scope::All);
    if std::env::var_os("UPDATE_EXAMPLES").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let shipped = std::fs::read(&path).unwrap_or_default();
    assert!(
        shipped == expected,
        "data/kazakhstan.csv is out of date: UPDATE_EXAMPLES=1 cargo test --release --test roundtrip"
    );
}

// ---------------------------------------------------------------------------
// Generated datasets, within what both forms hold.

/// Text without leading or trailing blanks (cells are trimmed), with the characters that
/// make CSV and JSON quoting interesting.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-zА-Яа-яӘәҒғ0-9][A-Za-zА-Яа-яӘәҒғ0-9 ,;\"'«»\\n.-]{0,30}[A-Za-zА-Яа-я0-9.]"
}

fn date(year: i32) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(year.to_string()),
        (1..=12u8).prop_map(move |m| format!("{year}-{m:02}")),
        (1..=12u8, 1..=28u8).prop_map(move |(m, d)| format!("{year}-{m:02}-{d:02}")),
    ]
}

/// The statuses a report can give: every one but "no report".
fn statuses() -> Vec<String> {
    let vocabulary = memorymap::model::Vocabulary::builtin();
    vocabulary
        .claimable()
        .map(|s| vocabulary.id(s).to_owned())
        .collect()
}

fn report(sources: usize) -> impl Strategy<Value = Value> {
    (
        2000..2006i32,
        0..statuses().len(),
        any::<bool>(),
        any::<bool>(),
        0..sources,
    )
        .prop_flat_map(|(year, status, before, uncertain, source)| {
            (date(year), text(), proptest::option::of(text())).prop_map(
                move |(date, summary, excerpt)| {
                    let mut r = json!({
                        "id": "",
                        "year": year,
                        "date": date,
                        "timing": if before { "before" } else { "day" },
                        "status": statuses()[status],
                        "summary": summary,
                    });
                    if let Some(excerpt) = excerpt {
                        r["excerpt"] = json!(excerpt);
                    }
                    r["source"] = json!(format!("s{source}"));
                    if uncertain {
                        r["uncertain"] = json!(true);
                    }
                    r
                },
            )
        })
}

fn city(
    sources: usize,
) -> impl Strategy<Value = (String, Option<String>, f64, f64, Option<u64>, Vec<Value>)> {
    (
        text(),
        proptest::option::of(text()),
        -179.9..179.9f64,
        -89.9..89.9f64,
        proptest::option::of(0..50_000_000u64),
        proptest::collection::vec(report(sources), 0..5),
    )
}

fn dataset() -> impl Strategy<Value = Value> {
    (1..4usize).prop_flat_map(|n_sources| {
        (
            proptest::collection::vec((text(), text(), any::<bool>(), any::<bool>()), n_sources),
            proptest::collection::vec(city(n_sources), 1..6),
        )
            .prop_map(|(sources, cities)| {
                let mut report_number = 0;
                let features: Vec<Value> = cities
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, ru, lon, lat, population, mut reports))| {
                        for r in &mut reports {
                            r["id"] = json!(format!("r{report_number}"));
                            report_number += 1;
                        }
                        let mut names = json!({"en": name});
                        if let Some(ru) = ru {
                            names["ru"] = json!(ru);
                        }
                        let mut p = json!({"names": names, "region": "R"});
                        if let Some(population) = population {
                            p["population"] = json!(population);
                        }
                        p["reports"] = json!(reports);
                        json!({
                            "type": "Feature",
                            "id": format!("c{i}"),
                            "geometry": {"type": "Point", "coordinates": [lon, lat]},
                            "properties": p,
                        })
                    })
                    .collect();
                let sources: Vec<Value> = sources
                    .into_iter()
                    .enumerate()
                    .map(|(i, (title, publisher, low, uncertain))| {
                        json!({
                            "id": format!("s{i}"),
                            "title": title,
                            "publisher": publisher,
                            "url": format!("https://example.org/{i}?q=a,b"),
                            "url_partial": false,
                            "published": "2001-05",
                            "published_uncertain": uncertain,
                            "language": "ru",
                            "reliability": if low { "low" } else { "normal" },
                        })
                    })
                    .collect();
                json!({
                    "type": "FeatureCollection",
                    "memorymap": {
                        "schema_version": 1,
                        "dataset": {
                            "id": "generated", "title": "Generated", "version": "1",
                            "description": "", "first_year": 2000, "last_year": 2005,
                            "licence": "", "status_rule": "", "event_day": "05-09",
                        },
                        "sources": sources,
                    },
                    "features": features,
                })
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_datasets_round_trip_through_geojson_and_csv(json in dataset()) {
        let original = load("generated.geojson", &serde_json::to_vec(&json).unwrap());
        let via_geojson = load("again.geojson", &geojson(&original, Scope::All));
        prop_assert_eq!(&via_geojson, &original);
        let via_csv = load("again.csv", &csv(&original, Scope::All));
        prop_assert_eq!(&via_csv, &csv_part(&original));
        for year in original.years() {
            let part = load("year.geojson", &geojson(&original, Scope::Year(year)));
            prop_assert_eq!(&part, &original.restricted_to_year(year));
        }
    }
}

#[test]
fn a_view_across_the_antimeridian_loads_past_180_and_is_written_back_as_a_bbox() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/pacific.geojson");
    let mut json: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    // West greater than east: from 170°E over 180° to 140°W.
    json["memorymap"]["dataset"]["view"] = json!([170.0, -40.0, -140.0, 60.0]);
    let dataset = load("pacific.geojson", &serde_json::to_vec(&json).unwrap());
    let view = dataset.info.view.unwrap();
    assert_eq!((view.min_lon, view.max_lon), (170.0, 220.0));
    let written: Value = serde_json::from_slice(&geojson(&dataset, Scope::All)).unwrap();
    assert_eq!(
        written["memorymap"]["dataset"]["view"],
        json!([170.0, -40.0, -140.0, 60.0])
    );
    assert_eq!(
        load("again.geojson", &geojson(&dataset, Scope::All)),
        dataset
    );
}
