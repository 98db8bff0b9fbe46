//! The dataset: cities, their reports per year, sources and the country timeline.
//!
//! Plain Rust with no UI in it: loading, validating and querying live here so the
//! command line, the window and the tests share one set of rules.

pub mod bibliography;
pub mod boundaries;
pub mod builtin;
pub mod check;
pub mod cite;
pub mod compare;
pub mod csv_form;
pub mod date;
pub mod export;
pub mod generate;
pub mod load;
pub mod problem;
pub mod query;
pub mod status;
pub mod table;
pub mod texts;

pub use check::{Check, CheckCounts, CheckedAgainst, Confirmed};
pub use date::PartialDate;
pub use load::{LoadError, LoadOptions, Loaded, load_bytes, load_path, read_file};
pub use problem::{Location, Problem, Severity};
pub use query::{CityYear, MapFilter};
pub use status::{MarkerShape, Outcome, Rgb, Status, Vocabulary};
pub use texts::{Names, Texts};

/// A position in degrees, longitude first as in GeoJSON.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

impl LonLat {
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }
}

/// An axis-aligned box in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLatBounds {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl LonLatBounds {
    pub fn mid_lat(&self) -> f64 {
        (self.min_lat + self.max_lat) / 2.0
    }

    /// The box grown by `fraction` of its size on every side.
    pub fn padded(&self, fraction: f64) -> Self {
        let dx = (self.max_lon - self.min_lon) * fraction;
        let dy = (self.max_lat - self.min_lat) * fraction;
        Self {
            min_lon: self.min_lon - dx,
            min_lat: self.min_lat - dy,
            max_lon: self.max_lon + dx,
            max_lat: self.max_lat + dy,
        }
    }
}

/// A former name and when it was used; either end may be open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamePeriod {
    pub names: Names,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
}

impl NamePeriod {
    /// Whether the name was in use on this day (month and day 1-based).
    fn covers(&self, year: i32, month: u8, day: u8) -> bool {
        let on = (year, month, day);
        self.from.is_none_or(|f| f.first_day() <= on) && self.to.is_none_or(|t| on <= t.last_day())
    }
}

/// Whether a report describes a plan or decision made before the day, or the day itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    Before,
    Day,
}

impl Timing {
    pub fn label(self) -> &'static str {
        match self {
            Self::Before => "before the day",
            Self::Day => "on the day",
        }
    }
}

/// One source's claim about one city in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub id: String,
    pub year: i32,
    pub date: PartialDate,
    pub timing: Timing,
    pub status: Status,
    pub summary: String,
    pub excerpt: Option<String>,
    /// Index into [`Dataset::sources`].
    pub source: usize,
    /// The year or the claim is inferred rather than stated.
    pub uncertain: bool,
    /// How the report was checked against its source, if it was.
    pub checked: Option<Check>,
}

/// A mention that fits no status (e.g. a region-wide figure), kept with its source.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub year: i32,
    pub summary: String,
    pub source: usize,
    pub checked: Option<Check>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct City {
    pub id: String,
    pub location: LonLat,
    pub names: Names,
    pub name_history: Vec<NamePeriod>,
    pub aliases: Vec<String>,
    pub region: String,
    pub population: Option<u64>,
    pub geonames_id: Option<u64>,
    /// Sorted by year, then date; reports with equal dates keep their file order.
    pub reports: Vec<Report>,
    pub notes: Vec<Note>,
}

impl City {
    /// The names in use on the dataset's reference day of `year`.
    pub fn names_in(&self, year: i32, (month, day): (u8, u8)) -> &Names {
        self.name_history
            .iter()
            .find(|p| p.covers(year, month, day))
            .map_or(&self.names, |p| &p.names)
    }

    pub fn reports_in(&self, year: i32) -> impl Iterator<Item = &Report> {
        self.reports.iter().filter(move |r| r.year == year)
    }

    /// The current names and every former name, in all languages.
    pub fn official_names(&self) -> impl Iterator<Item = &str> {
        self.names
            .iter()
            .chain(self.name_history.iter().flat_map(|p| p.names.iter()))
    }

    /// Every name the city is known by: current, former and aliases.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        self.official_names()
            .chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reliability {
    Normal,
    Low,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub url_partial: bool,
    pub published: PartialDate,
    pub published_uncertain: bool,
    pub language: String,
    pub reliability: Reliability,
    pub facts_ref: Option<String>,
    pub note: Option<String>,
    /// The source this one reposts or rewrites (index into [`Dataset::sources`]): the two
    /// are one origin, not two independent reports.
    pub republishes: Option<usize>,
}

impl Source {
    /// Only web links are opened (http or https, with a host, no user name, no spaces);
    /// anything else is shown as text.
    pub fn has_web_link(&self) -> bool {
        crate::text::web_link_problem(&self.url).is_none()
    }
}

/// A disagreement with a timeline statement, and who disagrees.
#[derive(Clone, Debug, PartialEq)]
pub struct Contest {
    pub summary: String,
    pub sources: Vec<usize>,
}

/// A statement about the whole country, not about one city.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEntry {
    pub id: String,
    /// The country the statement is about (ISO 3166-1 alpha-2), when the dataset spans
    /// several; a city's panel shows only its own country's. `None`: the whole area.
    pub country: Option<String>,
    pub first_year: i32,
    pub last_year: i32,
    pub status: Option<Status>,
    pub summary: String,
    pub excerpt: Option<String>,
    pub source: usize,
    pub contested_by: Vec<Contest>,
    pub checked: Option<Check>,
}

impl TimelineEntry {
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    pub fn years_label(&self) -> String {
        if self.first_year == self.last_year {
            self.first_year.to_string()
        } else {
            format!("{}–{}", self.first_year, self.last_year)
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DatasetInfo {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    pub first_year: i32,
    pub last_year: i32,
    pub licence: String,
    pub status_rule: String,
    /// Month and day the commemoration takes place; names are shown as of this day.
    pub event_day: (u8, u8),
    /// The area the map shows first (and on Reset view), if the dataset sets one.
    pub view: Option<LonLatBounds>,
    /// What the dataset covers, in words ("Kazakhstan"): statements about all of it are
    /// its timeline.
    pub area: Option<String>,
    /// The statuses it speaks of: its own (`dataset.statuses`) or the built-in ones.
    pub vocabulary: Vocabulary,
    /// The language of the names to show when a city has none in the interface's language.
    pub name_language: Option<String>,
    /// The dataset's own region boundaries with the years they held (`boundaries`).
    pub boundaries: Option<std::sync::Arc<boundaries::Boundaries>>,
}

/// A validated dataset with its per-year statuses computed once at load.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub info: DatasetInfo,
    pub sources: Vec<Source>,
    pub timeline: Vec<TimelineEntry>,
    pub cities: Vec<City>,
    table: query::YearTable,
    /// City id → index, for lookups by id (problems, links, the saved selection).
    ids: rustc_hash::FxHashMap<String, usize>,
    /// Counted once: the overview shows them every frame, and a large dataset has
    /// hundreds of thousands of reports.
    reports: usize,
    checks: CheckCounts,
}

impl Dataset {
    pub(crate) fn new(
        info: DatasetInfo,
        sources: Vec<Source>,
        timeline: Vec<TimelineEntry>,
        cities: Vec<City>,
    ) -> Self {
        let table = query::YearTable::new(&info, &sources, &cities);
        let mut ids = rustc_hash::FxHashMap::default();
        for (index, city) in cities.iter().enumerate() {
            ids.entry(city.id.clone()).or_insert(index);
        }
        let mut dataset = Self {
            info,
            sources,
            timeline,
            cities,
            table,
            ids,
            reports: 0,
            checks: CheckCounts::default(),
        };
        dataset.reports = dataset.cities.iter().map(|c| c.reports.len()).sum();
        dataset.checks = dataset.count_checks();
        dataset
    }

    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.info.first_year..=self.info.last_year
    }

    /// The drawn status of a city in a year, by the dataset's rule (see [`query`]).
    pub fn city_year(&self, city: usize, year: i32) -> CityYear {
        self.table.get(city, year)
    }

    /// Every city's drawn status in `year`, in city order (empty outside the years).
    pub fn statuses(&self, year: i32) -> &[Status] {
        self.table.statuses(year)
    }

    /// How many cities are in each status in `year`, indexed by [`Status::index`].
    pub fn counts(&self, year: i32) -> [usize; Status::SLOTS] {
        self.table.counts(year)
    }

    /// The statuses this dataset speaks of, how each is drawn and what it contradicts.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.info.vocabulary
    }

    /// Whether a city-year's status stands on less than a stated, reliable report: the
    /// deciding claim is inferred, or its source is marked low reliability. The map draws
    /// such a marker with a dashed ring.
    pub fn is_tentative(&self, city: usize, year: i32) -> bool {
        self.city_year(city, year).tentative
    }

    /// How many cities of `year` are disputed, and how many tentative (counted at load).
    pub fn flagged(&self, year: i32) -> (usize, usize) {
        self.table.flagged(year)
    }

    pub fn city_index(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// Finds a city by its id or any of its names, ignoring case, spaces and hyphens.
    pub fn find_city(&self, query: &str) -> Option<usize> {
        let wanted = query::normalise_name(query);
        if wanted.is_empty() {
            return None;
        }
        self.cities.iter().position(|c| {
            query::normalise_name(&c.id) == wanted
                || c.all_names().any(|n| query::normalise_name(n) == wanted)
        })
    }

    /// Cities whose id or any name (current, former, alias; any script and case; spaces and
    /// hyphens ignored) matches `query`: exact matches first, then names that start with
    /// it, then names that contain it; each group in dataset order.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let wanted = query::normalise_name(query);
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut ranked: Vec<(u8, usize)> = self
            .cities
            .iter()
            .enumerate()
            .filter_map(|(index, city)| {
                std::iter::once(city.id.as_str())
                    .chain(city.all_names())
                    .map(query::normalise_name)
                    .filter_map(|name| {
                        if name == wanted {
                            Some(0)
                        } else if name.starts_with(&wanted) {
                            Some(1)
                        } else if name.contains(&wanted) {
                            Some(2)
                        } else {
                            None
                        }
                    })
                    .min()
                    .map(|rank| (rank, index))
            })
            .collect();
        ranked.sort_unstable();
        ranked.into_iter().map(|(_, index)| index).collect()
    }

    /// How many reports, notes and timeline entries were checked, and how.
    pub fn check_counts(&self) -> CheckCounts {
        self.checks
    }

    fn count_checks(&self) -> CheckCounts {
        let mut counts = CheckCounts::default();
        for city in &self.cities {
            for report in &city.reports {
                counts.add(report.checked.as_ref());
            }
            for note in &city.notes {
                counts.add(note.checked.as_ref());
            }
        }
        for entry in &self.timeline {
            counts.add(entry.checked.as_ref());
        }
        counts
    }

    /// The source a source's content comes from: the one it republishes, or itself.
    pub fn origin(&self, source: usize) -> usize {
        self.sources
            .get(source)
            .and_then(|s| s.republishes)
            .unwrap_or(source)
    }

    pub fn report_count(&self) -> usize {
        self.reports
    }

    /// The same cities with only `year`'s reports and notes, the timeline statements that
    /// cover `year` (their years narrowed to it), and only the sources those cite. The
    /// dataset's years become `year..=year`; the drawn statuses for `year` are unchanged.
    pub fn restricted_to_year(&self, year: i32) -> Dataset {
        let mut keep = vec![false; self.sources.len()];
        let timeline: Vec<TimelineEntry> = self
            .timeline
            .iter()
            .filter(|t| t.covers(year))
            .cloned()
            .collect();
        for t in &timeline {
            keep[t.source] = true;
            for c in &t.contested_by {
                for &s in &c.sources {
                    keep[s] = true;
                }
            }
        }
        let cities: Vec<City> = self
            .cities
            .iter()
            .map(|city| City {
                reports: city.reports_in(year).cloned().collect(),
                notes: city
                    .notes
                    .iter()
                    .filter(|n| n.year == year)
                    .cloned()
                    .collect(),
                ..city.clone()
            })
            .collect();
        for city in &cities {
            for r in &city.reports {
                keep[r.source] = true;
            }
            for n in &city.notes {
                keep[n.source] = true;
            }
        }
        // A kept source keeps the source it republishes, so the origin stays traceable.
        for i in 0..keep.len() {
            if keep[i]
                && let Some(origin) = self.sources[i].republishes
            {
                keep[origin] = true;
            }
        }
        let mut new_index = vec![usize::MAX; self.sources.len()];
        let mut sources = Vec::new();
        for (old, source) in self.sources.iter().enumerate() {
            if keep[old] {
                new_index[old] = sources.len();
                sources.push(source.clone());
            }
        }
        let map = |i: usize| new_index[i];
        for source in &mut sources {
            source.republishes = source.republishes.map(map);
        }
        let timeline = timeline
            .into_iter()
            .map(|t| TimelineEntry {
                first_year: year,
                last_year: year,
                source: map(t.source),
                contested_by: t
                    .contested_by
                    .into_iter()
                    .map(|c| Contest {
                        sources: c.sources.into_iter().map(map).collect(),
                        ..c
                    })
                    .collect(),
                ..t
            })
            .collect();
        let cities = cities
            .into_iter()
            .map(|mut city| {
                for r in &mut city.reports {
                    r.source = map(r.source);
                }
                for n in &mut city.notes {
                    n.source = map(n.source);
                }
                city
            })
            .collect();
        let info = DatasetInfo {
            first_year: year,
            last_year: year,
            ..self.info.clone()
        };
        Dataset::new(info, sources, timeline, cities)
    }
}

/// Two datasets are equal when their contents are; the status table follows from them.
impl PartialEq for Dataset {
    fn eq(&self, other: &Self) -> bool {
        self.info == other.info
            && self.sources == other.sources
            && self.timeline == other.timeline
            && self.cities == other.cities
    }
}
