//! GeoJSON loader: never panics, and what it accepts exports to GeoJSON that loads again
//! to an equal dataset — for all years, and for one year (the citation bundle) equal to
//! `Dataset::restricted_to_year`.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use memorymap::model::export::Scope;
use memorymap::model::{LoadOptions, load_bytes};

const NAME: &str = "fuzz.geojson";

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = load_bytes(NAME, data, LoadOptions::default()) else {
        return;
    };
    let dataset = &loaded.dataset;

    // Every year: export → load must give the same dataset, exactly.
    let all = common::geojson(dataset, Scope::All);
    let again = common::reload(NAME, &all, "write_geojson(Scope::All)");
    if let Some(diff) = common::diff_exact(dataset, &again) {
        panic!("write_geojson(Scope::All) does not round-trip: {diff}");
    }

    // One year: export → load must give the dataset restricted to that year.
    let year = common::pick_year(dataset, data);
    let one = common::geojson(dataset, Scope::Year(year));
    let again = common::reload(NAME, &one, "write_geojson(Scope::Year)");
    let expected = dataset.restricted_to_year(year);
    if let Some(diff) = common::diff_exact(&expected, &again) {
        panic!("write_geojson(Scope::Year({year})) does not load as restricted_to_year({year}): {diff}");
    }

    // The CSV form drops fields and need not load again (e.g. a dataset without cities
    // has no rows), but writing it and reading it back must not panic.
    let flat = common::csv(dataset, Scope::All);
    let _ = load_bytes("fuzz.csv", &flat, LoadOptions::default());
});
