//! Synthetic datasets for tests and measurements (`memorymap gen`): valid files of any size,
//! with cities spread over Kazakhstan, realistic text lengths, and every status. The same
//! seed gives the same bytes.

use std::io::Write;

use super::Vocabulary;
use super::load::SCHEMA_VERSION;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct GenSpec {
    pub cities: usize,
    pub reports_per_city: usize,
    pub first_year: i32,
    pub last_year: i32,
    pub seed: u64,
}

const WORDS: [&str; 16] = [
    "march",
    "portraits",
    "veterans",
    "column",
    "city",
    "akimat",
    "square",
    "memorial",
    "thousands",
    "residents",
    "flowers",
    "procession",
    "organisers",
    "reported",
    "Victory",
    "Day",
];

/// A small deterministic generator (SplitMix64): no dependency, same output everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    /// Uniform in `[lo, hi)`.
    fn float(&mut self, lo: f64, hi: f64) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let unit = (self.next() >> 11) as f64 / (1_u64 << 53) as f64;
        lo + unit * (hi - lo)
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut text = String::new();
        for i in 0..words {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(WORDS[self.below(WORDS.len())]);
        }
        text.push('.');
        text
    }
}

/// Points inside Kazakhstan's interior (boxes well inside the border), so a generated
/// dataset passes the "inside the map" check.
const AREAS: [[f64; 4]; 4] = [
    [54.0, 47.5, 60.0, 50.5],
    [62.0, 45.0, 75.0, 52.0],
    [68.0, 43.5, 79.0, 46.0],
    [75.0, 47.0, 79.5, 50.0],
];

/// Writes a valid dataset in the GeoJSON schema. Returns the number of reports written.
pub fn write_dataset(spec: GenSpec, out: &mut impl Write) -> std::io::Result<usize> {
    let mut rng = Rng(spec.seed);
    // Every status a report can give (all but "no report").
    let vocabulary = Vocabulary::builtin();
    let reported: Vec<&str> = vocabulary.claimable().map(|s| vocabulary.id(s)).collect();
    let years = (spec.last_year - spec.first_year + 1).max(1);
    let sources = (spec.cities / 10).clamp(1, 5_000);
    let json = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    writeln!(out, "{{\"type\": \"FeatureCollection\", \"memorymap\": {{")?;
    writeln!(out, "  \"schema_version\": {SCHEMA_VERSION},")?;
    writeln!(
        out,
        "  \"dataset\": {{\"id\": \"generated-{}\", \"title\": \"Generated: {} cities, {} reports each\", \"version\": \"seed {}\", \"description\": \"Synthetic data from memorymap gen, for tests and benchmarks. Not real events.\", \"first_year\": {}, \"last_year\": {}, \"event_day\": \"05-09\"}},",
        spec.seed, spec.cities, spec.reports_per_city, spec.seed, spec.first_year, spec.last_year
    )?;
    writeln!(out, "  \"sources\": [")?;
    for s in 0..sources {
        let comma = if s + 1 < sources { "," } else { "" };
        writeln!(
            out,
            "    {{\"id\": \"s{s}\", \"title\": {}, \"publisher\": \"Publisher {}\", \"url\": \"https://example.org/news/{s}\", \"published\": \"{}\", \"language\": \"ru\"}}{comma}",
            json(&rng.sentence(6)),
            s % 97,
            spec.first_year
        )?;
    }
    writeln!(out, "  ]}},\n\"features\": [")?;
    let mut reports = 0;
    for c in 0..spec.cities {
        let [x0, y0, x1, y1] = AREAS[rng.below(AREAS.len())];
        let (lon, lat) = (rng.float(x0, x1), rng.float(y0, y1));
        write!(
            out,
            "{{\"type\": \"Feature\", \"id\": \"c{c}\", \"geometry\": {{\"type\": \"Point\", \"coordinates\": [{lon:.5}, {lat:.5}]}}, \"properties\": {{\"names\": {{\"en\": \"City {c}\", \"ru\": \"Город {c}\", \"kk\": \"Қала {c}\"}}, \"region\": \"Region {}\", \"population\": {}, \"reports\": [",
            c % 17,
            10_000 + rng.below(2_000_000)
        )?;
        for r in 0..spec.reports_per_city {
            let year = spec.first_year + i32::try_from(r).unwrap_or(0) % years;
            let day = rng.below(3) == 0;
            let date = if day {
                format!("{year}-05-09")
            } else {
                format!("{year}-04-{:02}", 1 + rng.below(28))
            };
            let excerpt = if rng.below(3) == 0 {
                format!(", \"excerpt\": {}", json(&rng.sentence(12)))
            } else {
                String::new()
            };
            let comma = if r + 1 < spec.reports_per_city {
                ","
            } else {
                ""
            };
            let words = 25 + rng.below(30);
            let summary = json(&rng.sentence(words));
            write!(
                out,
                "\n  {{\"id\": \"c{c}-r{r}\", \"year\": {year}, \"date\": \"{date}\", \"timing\": \"{}\", \"status\": \"{}\", \"summary\": {}{excerpt}, \"source\": \"s{}\"}}{comma}",
                if day { "day" } else { "before" },
                reported[rng.below(reported.len())],
                summary,
                rng.below(sources)
            )?;
            reports += 1;
        }
        let comma = if c + 1 < spec.cities { "," } else { "" };
        writeln!(out, "]}}}}{comma}")?;
    }
    writeln!(out, "]}}")?;
    Ok(reports)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{LoadOptions, load_bytes};

    #[test]
    fn generated_datasets_are_valid_and_repeatable() {
        let spec = GenSpec {
            cities: 30,
            reports_per_city: 12,
            first_year: 2015,
            last_year: 2025,
            seed: 7,
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        assert_eq!(write_dataset(spec, &mut a).unwrap(), 360);
        write_dataset(spec, &mut b).unwrap();
        assert_eq!(a, b);
        let loaded = load_bytes("gen.geojson", &a, LoadOptions::default()).unwrap();
        assert_eq!(loaded.dataset.cities.len(), 30);
        assert_eq!(loaded.dataset.report_count(), 360);
    }
}
