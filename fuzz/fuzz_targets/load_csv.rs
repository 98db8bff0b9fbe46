//! CSV-form loader: never panics, and what it accepts survives the CSV round trip.
//!
//! Oracle. A dataset *loaded from CSV* can only hold what the CSV form carries: the loader
//! never produces name_history, aliases, notes, a country timeline, geonames_id, the
//! sources' url_partial/facts_ref/note, or the dataset's description/licence/status_rule,
//! so those are empty/default on both sides and the whole dataset can be compared. The
//! one thing that legitimately changes is the order of `sources` (the loader lists them in
//! the order rows cite them, and export writes rows sorted by year and date), so citations
//! are compared by the cited source's id and content, not by index. Checked:
//!  1. load → write_csv(All) → load: equal dataset (modulo source order);
//!  2. exporting the reloaded dataset writes the same bytes again (a fixpoint);
//!  3. write_csv(Year(y)) → load: equal to restricted_to_year(y) (modulo source order);
//!  4. write_geojson(All) → load: exactly equal.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use memorymap::model::export::Scope;
use memorymap::model::{LoadOptions, load_bytes};

const NAME: &str = "fuzz.csv";

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = load_bytes(NAME, data, LoadOptions::default()) else {
        return;
    };
    let dataset = &loaded.dataset;

    let first = common::csv(dataset, Scope::All);
    let again = common::reload(NAME, &first, "write_csv(Scope::All)");
    if let Some(diff) = common::diff_modulo_source_order(dataset, &again) {
        panic!("write_csv(Scope::All) does not round-trip: {diff}");
    }
    let second = common::csv(&again, Scope::All);
    if first != second {
        panic!(
            "write_csv(Scope::All) is not a fixpoint:\n--- first ---\n{}\n--- second ---\n{}",
            String::from_utf8_lossy(&first),
            String::from_utf8_lossy(&second)
        );
    }

    let year = common::pick_year(dataset, data);
    let one = common::csv(dataset, Scope::Year(year));
    let again = common::reload(NAME, &one, "write_csv(Scope::Year)");
    let expected = dataset.restricted_to_year(year);
    if let Some(diff) = common::diff_modulo_source_order(&expected, &again) {
        panic!("write_csv(Scope::Year({year})) does not load as restricted_to_year({year}): {diff}");
    }

    let json = common::geojson(dataset, Scope::All);
    let again = common::reload("fuzz.geojson", &json, "write_geojson(Scope::All) of a CSV dataset");
    if let Some(diff) = common::diff_exact(dataset, &again) {
        panic!("write_geojson(Scope::All) of a CSV-loaded dataset does not round-trip: {diff}");
    }
});
