//! Helpers shared by the fuzz targets: exporting to bytes, reloading, and saying where two
//! datasets differ (a `Dataset`'s Debug output is long; the first difference is what helps).

#![allow(dead_code)]

use std::fmt::Debug;

use memorymap::model::export::{Scope, write_csv, write_geojson};
use memorymap::model::{Dataset, LoadOptions, load_bytes};

pub fn geojson(dataset: &Dataset, scope: Scope) -> Vec<u8> {
    let mut out = Vec::new();
    write_geojson(dataset, scope, &mut out).expect("writing GeoJSON to a Vec cannot fail");
    out
}

pub fn csv(dataset: &Dataset, scope: Scope) -> Vec<u8> {
    let mut out = Vec::new();
    write_csv(dataset, scope, &mut out).expect("writing CSV to a Vec cannot fail");
    out
}

/// Loads what an export wrote; it must load (the exporter's output is valid by definition).
pub fn reload(file_name: &str, bytes: &[u8], what: &str) -> Dataset {
    match load_bytes(file_name, bytes, LoadOptions::default()) {
        Ok(loaded) => loaded.dataset,
        Err(e) => panic!(
            "{what}: the export does not load again:\n{e}\n--- exported ---\n{}",
            String::from_utf8_lossy(bytes)
        ),
    }
}

/// A year in the dataset's range, picked from the input so that different inputs try
/// different years.
pub fn pick_year(dataset: &Dataset, data: &[u8]) -> i32 {
    let first = i64::from(dataset.info.first_year);
    let last = i64::from(dataset.info.last_year);
    let span = (last - first + 1).max(1);
    let seed = data
        .iter()
        .fold(data.len() as u64, |h, &b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    i32::try_from(first + (seed % span as u64) as i64).expect("in the dataset's i32 range")
}

fn first_diff<T: PartialEq + Debug>(what: &str, a: &[T], b: &[T]) -> Option<String> {
    if a.len() != b.len() {
        return Some(format!("{what}: {} items before, {} after", a.len(), b.len()));
    }
    a.iter()
        .zip(b)
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| format!("{what}[{i}] differs:\n  before: {x:?}\n  after:  {y:?}"))
}

/// Where `a` and `b` differ, field by field (exact equality, source indices included).
pub fn diff_exact(a: &Dataset, b: &Dataset) -> Option<String> {
    if a.info != b.info {
        return Some(format!(
            "info differs:\n  before: {:?}\n  after:  {:?}",
            a.info, b.info
        ));
    }
    first_diff("sources", &a.sources, &b.sources)
        .or_else(|| first_diff("timeline", &a.timeline, &b.timeline))
        .or_else(|| first_diff("cities", &a.cities, &b.cities))
        .or_else(|| (a != b).then(|| "Dataset::eq is false but no field differs".to_owned()))
}

/// Where `a` and `b` differ when each citation is compared by the cited source's id and
/// content rather than by its index into `sources` (the order of `sources` is not
/// meaningful: the CSV loader lists sources in the order rows cite them).
pub fn diff_modulo_source_order(a: &Dataset, b: &Dataset) -> Option<String> {
    if a.info != b.info {
        return Some(format!(
            "info differs:\n  before: {:?}\n  after:  {:?}",
            a.info, b.info
        ));
    }
    let sorted = |d: &Dataset| {
        let mut s = d.sources.clone();
        s.sort_by(|x, y| x.id.cmp(&y.id));
        s
    };
    if let Some(diff) = first_diff("sources (sorted by id)", &sorted(a), &sorted(b)) {
        return Some(diff);
    }
    // Replace each index by the cited source's id, then compare the rest as it is.
    let timeline = |d: &Dataset| {
        d.timeline
            .iter()
            .map(|t| {
                let mut t = t.clone();
                let source = d.sources[t.source].id.clone();
                let contests: Vec<Vec<String>> = t
                    .contested_by
                    .iter()
                    .map(|c| c.sources.iter().map(|&s| d.sources[s].id.clone()).collect())
                    .collect();
                t.source = 0;
                for c in &mut t.contested_by {
                    c.sources.clear();
                }
                (t, source, contests)
            })
            .collect::<Vec<_>>()
    };
    if let Some(diff) = first_diff("timeline", &timeline(a), &timeline(b)) {
        return Some(diff);
    }
    let cities = |d: &Dataset| {
        d.cities
            .iter()
            .map(|c| {
                let mut c = c.clone();
                let reports: Vec<String> =
                    c.reports.iter().map(|r| d.sources[r.source].id.clone()).collect();
                let notes: Vec<String> =
                    c.notes.iter().map(|n| d.sources[n.source].id.clone()).collect();
                for r in &mut c.reports {
                    r.source = 0;
                }
                for n in &mut c.notes {
                    n.source = 0;
                }
                (c, reports, notes)
            })
            .collect::<Vec<_>>()
    };
    first_diff("cities", &cities(a), &cities(b))
}
