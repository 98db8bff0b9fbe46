//! The flat CSV form of a dataset, for spreadsheet users: one row per report (docs/DATA.md
//! §12). Rows are turned into the GeoJSON schema's JSON and checked by the same loader, and
//! every problem is then reported at the CSV line and column it came from.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::load::{finish, load_json_value};
use super::problem::{FieldPath, Segment};
use super::{LoadError, LoadOptions, Loaded, Location, Problem, Status, Vocabulary};

/// Every input column, in the order `export` writes them. Only the city columns
/// `city_id, lon, lat` and one name column are required in the header; a row whose report
/// columns are all empty declares a city without reports. Besides `name_en`, `name_kk` and
/// `name_ru`, any `name_<language code>` column gives names in that language (`name_es`,
/// `name_zh-Hant`).
pub const COLUMNS: [&str; 30] = concat_columns();

/// Written by `export` (the city's drawn status in the row's year); ignored on input.
pub const OUTPUT_ONLY_COLUMNS: [&str; 2] = ["city_status", "city_disputed"];

const REQUIRED: [&str; 3] = ["city_id", "lon", "lat"];

/// The language of a `name_<language code>` column.
fn name_column_language(column: &str) -> Option<&str> {
    column
        .strip_prefix("name_")
        .filter(|lang| crate::text::is_language_tag(lang))
}

/// The column groups in order; a wrong total length fails to compile.
const fn concat_columns() -> [&'static str; 30] {
    let groups: [&[&str]; 4] = [
        &DATASET_COLUMNS,
        &CITY_COLUMNS,
        &REPORT_COLUMNS,
        &SOURCE_COLUMNS,
    ];
    let mut out = [""; 30];
    let (mut at, mut g) = (0, 0);
    while g < groups.len() {
        let mut k = 0;
        while k < groups[g].len() {
            out[at] = groups[g][k];
            at += 1;
            k += 1;
        }
        g += 1;
    }
    assert!(
        at == out.len(),
        "the column groups do not add up to COLUMNS"
    );
    out
}
const DATASET_COLUMNS: [&str; 6] = [
    "dataset_id",
    "dataset_title",
    "dataset_version",
    "first_year",
    "last_year",
    "event_day",
];
const CITY_COLUMNS: [&str; 8] = [
    "city_id",
    "name_en",
    "name_kk",
    "name_ru",
    "region",
    "lon",
    "lat",
    "population",
];
const REPORT_COLUMNS: [&str; 8] = [
    "report_id",
    "year",
    "date",
    "timing",
    "status",
    "summary",
    "excerpt",
    "uncertain",
];
const SOURCE_COLUMNS: [&str; 8] = [
    "source_id",
    "source_title",
    "publisher",
    "url",
    "published",
    "published_uncertain",
    "source_language",
    "reliability",
];

/// Loads the CSV form from the bytes of a file called `file`.
pub fn load_csv_bytes(
    file: &str,
    bytes: &[u8],
    options: LoadOptions<'_>,
) -> Result<Loaded, LoadError> {
    let mut reader = Reader {
        file,
        problems: Vec::new(),
        lines: LineIndex::default(),
    };
    let built = reader.read(bytes);
    let Some(mut built) = built else {
        return finish(file, reader.problems, None);
    };
    if reader
        .problems
        .iter()
        .any(|p| p.severity == super::Severity::Error)
    {
        return finish(file, reader.problems, None);
    }
    let json = std::mem::take(&mut built.json);
    let (dataset, problems) = load_json_value(file, json, options);
    reader
        .problems
        .extend(problems.into_iter().map(|p| built.relocate(p)));
    finish(file, reader.problems, dataset)
}

/// The rows as the GeoJSON schema's JSON, and where each part came from.
struct Built {
    json: Value,
    /// Feature id → line of the city's first row.
    city_lines: HashMap<String, u64>,
    /// Feature id → the line of each of its reports, in order.
    report_lines: HashMap<String, Vec<u64>>,
    /// Source id → line of its first row.
    source_lines: HashMap<String, u64>,
    /// Dataset column → the line that gave its value.
    dataset_lines: HashMap<String, u64>,
}

impl Built {
    /// Moves a problem found in the JSON to the CSV line and column it came from.
    fn relocate(&self, problem: Problem) -> Problem {
        let location = match &problem.location {
            Location::Item { kind, id, field } => {
                let (line, column) = match *kind {
                    "feature" => self.feature_place(id, field),
                    "source" => (
                        self.source_lines.get(id).copied(),
                        source_column(field.last_key().unwrap_or_default()).to_owned(),
                    ),
                    _ => (None, field.to_string()),
                };
                match line {
                    Some(line) => Location::Row {
                        line,
                        column,
                        feature: (*kind == "feature").then(|| id.clone()),
                    },
                    None => problem.location.clone(),
                }
            }
            Location::Field(path) => {
                let column = match path.last_key().unwrap_or_default() {
                    "id" => "dataset_id",
                    "title" => "dataset_title",
                    "version" => "dataset_version",
                    other => other,
                };
                match self.dataset_lines.get(column) {
                    Some(&line) => Location::Row {
                        line,
                        column: column.to_owned(),
                        feature: None,
                    },
                    None => Location::Column(column.to_owned()),
                }
            }
            other => other.clone(),
        };
        Problem {
            location,
            ..problem
        }
    }

    /// The line and the column a field of a city's JSON came from.
    fn feature_place(&self, id: &str, field: &FieldPath) -> (Option<u64>, String) {
        use super::problem::Segment::{Index, Key};
        let city_line = self.city_lines.get(id).copied();
        fn key(segment: &Segment) -> Option<&str> {
            match segment {
                Key(key) => Some(key),
                _ => None,
            }
        }
        let segments = field.segments();
        if let [Key(properties), Key(reports), Index(index), column, ..] = segments
            && properties == "properties"
            && reports == "reports"
        {
            let line = self
                .report_lines
                .get(id)
                .and_then(|l| l.get(*index))
                .copied();
            let column = match key(column).unwrap_or_default() {
                "id" => "report_id",
                "source" => "source_id",
                other => other,
            };
            return (line.or(city_line), column.to_owned());
        }
        let keys: Vec<&str> = segments.iter().filter_map(key).collect();
        let column = match keys[..] {
            ["geometry", "coordinates", ..] => "lon, lat".to_owned(),
            ["properties", "region"] => "region".to_owned(),
            ["properties", "names"] => "name_en".to_owned(),
            ["properties", "names", lang] => format!("name_{lang}"),
            ["id"] => "city_id".to_owned(),
            _ => field.to_string(),
        };
        (city_line, column)
    }
}

fn source_column(field: &str) -> &str {
    match field {
        "id" => "source_id",
        "title" => "source_title",
        "language" => "source_language",
        other => other,
    }
}

struct Reader<'f> {
    file: &'f str,
    problems: Vec<Problem>,
    lines: LineIndex,
}

/// Byte offsets where lines start, to turn an offset into a line number.
#[derive(Default)]
struct LineIndex(Vec<u64>);

impl LineIndex {
    fn new(bytes: &[u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i as u64 + 1),
        );
        Self(starts)
    }

    /// The line of the first byte at or after `byte` that is not a line break (the csv
    /// crate gives the offset of the line break before a record on CRLF files).
    fn line(&self, bytes: &[u8], byte: u64) -> u64 {
        let skip = usize::try_from(byte)
            .ok()
            .and_then(|start| bytes.get(start..))
            .map_or(0, |rest| {
                rest.iter()
                    .take_while(|&&b| b == b'\r' || b == b'\n')
                    .count()
            });
        let byte = byte + skip as u64;
        self.0.partition_point(|&start| start <= byte) as u64
    }
}

/// One CSV row, by column name.
struct Row<'r> {
    line: u64,
    header: &'r HashMap<String, usize>,
    record: &'r csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        self.header
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map_or("", |cell| crate::text::csv_cell_value(cell.trim()))
    }
}

impl Reader<'_> {
    fn error(&mut self, location: Location, message: impl Into<String>) {
        self.problems
            .push(Problem::error(self.file, location, message));
    }

    fn at(line: u64, column: &str) -> Location {
        Location::Row {
            line,
            column: column.to_owned(),
            feature: None,
        }
    }

    fn read(&mut self, bytes: &[u8]) -> Option<Built> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            self.error(
                Location::File,
                "the file is empty: expected a header row (docs/DATA.md §12)",
            );
            return None;
        }
        self.lines = LineIndex::new(bytes);
        let header_line = bytes.split(|&b| b == b'\n').next().unwrap_or(bytes);
        // Spreadsheets set to a European locale save with semicolons.
        let delimiter = if !header_line.contains(&b',') && header_line.contains(&b';') {
            b';'
        } else {
            b','
        };
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .delimiter(delimiter)
            .from_reader(bytes);
        let header = match csv.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                self.csv_error(bytes, &e, &[]);
                return None;
            }
        };
        let names: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
        let header = self.header(&header)?;
        let mut rows = Vec::new();
        for result in csv.records() {
            match result {
                Ok(record) => {
                    let line = self.line_of(bytes, record.position());
                    rows.push((line, record));
                }
                Err(e) => {
                    self.csv_error(bytes, &e, &names);
                    // A quoting error makes the rest unreliable.
                    if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                        return None;
                    }
                }
            }
            if self.problems.len() >= 100 {
                self.error(Location::File, "too many problems; stopped reading");
                return None;
            }
        }
        if rows.is_empty() {
            self.error(Location::File, "no rows after the header");
            return None;
        }
        let rows: Vec<Row<'_>> = rows
            .iter()
            .map(|(line, record)| Row {
                line: *line,
                header: &header,
                record,
            })
            .collect();
        self.build(&rows)
    }

    /// The 1-based line a record starts on, from its byte offset (the csv crate's own line
    /// count is off by one on CRLF files).
    fn line_of(&self, bytes: &[u8], pos: Option<&csv::Position>) -> u64 {
        pos.map_or(0, |p| self.lines.line(bytes, p.byte()))
    }

    fn csv_error(&mut self, bytes: &[u8], e: &csv::Error, names: &[String]) {
        let lines = &self.lines;
        let location = |pos: Option<&csv::Position>, column: &str| {
            pos.map_or(Location::File, |p| Location::Row {
                line: lines.line(bytes, p.byte()),
                column: column.to_owned(),
                feature: None,
            })
        };
        match e.kind() {
            csv::ErrorKind::UnequalLengths {
                pos,
                expected_len,
                len,
            } => self.error(
                location(pos.as_ref(), "(row)"),
                format!(
                    "{len} fields, but the header has {expected_len} (a missing or extra separator, or an unclosed quote)"
                ),
            ),
            csv::ErrorKind::Utf8 { pos, err } => {
                let column = names
                    .get(err.field())
                    .map_or_else(|| format!("{}", err.field() + 1), Clone::clone);
                self.error(
                    location(pos.as_ref(), &column),
                    "not valid UTF-8 (save the file as UTF-8)",
                );
            }
            _ => self.error(Location::File, format!("cannot read as CSV: {e}")),
        }
    }

    fn header(&mut self, header: &csv::StringRecord) -> Option<HashMap<String, usize>> {
        let mut columns = HashMap::new();
        let mut ok = true;
        for (i, name) in header.iter().enumerate() {
            let name = name.trim();
            let at = Self::at(1, name);
            if !COLUMNS.contains(&name)
                && !OUTPUT_ONLY_COLUMNS.contains(&name)
                && name_column_language(name).is_none()
            {
                self.error(
                    at,
                    format!(
                        "unknown column `{name}`; the columns are {} (and name_<language code> for names in other languages)",
                        COLUMNS.join(", ")
                    ),
                );
                ok = false;
            } else if columns.insert(name.to_owned(), i).is_some() {
                self.error(at, format!("column `{name}` appears twice"));
                ok = false;
            }
        }
        for required in REQUIRED {
            if !columns.contains_key(required) {
                self.error(
                    Self::at(1, required),
                    format!(
                        "missing column `{required}` (required: {})",
                        REQUIRED.join(", ")
                    ),
                );
                ok = false;
            }
        }
        if !columns.keys().any(|c| name_column_language(c).is_some()) {
            self.error(
                Self::at(1, "name_en"),
                "missing a name column: name_en, or name_<language code> (name_es, name_zh)",
            );
            ok = false;
        }
        ok.then_some(columns)
    }

    fn build(&mut self, rows: &[Row<'_>]) -> Option<Built> {
        let mut dataset: HashMap<&str, (String, u64)> = HashMap::new();
        let mut city_order: Vec<String> = Vec::new();
        let mut cities: HashMap<String, (Map<String, Value>, Vec<Value>)> = HashMap::new();
        let mut city_lines: HashMap<String, u64> = HashMap::new();
        let mut city_rows: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut report_lines: HashMap<String, Vec<u64>> = HashMap::new();
        let mut sources: Vec<Value> = Vec::new();
        let mut source_lines: HashMap<String, u64> = HashMap::new();
        let mut source_rows: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut source_by_content: HashMap<Vec<String>, String> = HashMap::new();
        let mut years: Vec<i32> = Vec::new();

        for row in rows {
            // Dataset columns: the same value wherever given.
            for column in DATASET_COLUMNS {
                let value = row.get(column);
                if value.is_empty() {
                    continue;
                }
                match dataset.get(column) {
                    Some((first, first_line)) if first != value => {
                        let message = format!(
                            "`{value}` differs from `{first}` on line {first_line}; a dataset column has one value"
                        );
                        self.error(Self::at(row.line, column), message);
                    }
                    Some(_) => {}
                    None => {
                        dataset.insert(column, (value.to_owned(), row.line));
                    }
                }
            }
            // The city: defined by its first row; later rows must agree.
            let city_id = row.get("city_id").to_owned();
            if city_id.is_empty() {
                self.error(
                    Self::at(row.line, "city_id"),
                    "empty: every row names its city",
                );
                continue;
            }
            let fields: Vec<(String, String)> = CITY_COLUMNS
                .iter()
                .map(|c| ((*c).to_owned(), row.get(c).to_owned()))
                .collect();
            match city_rows.get(&city_id) {
                Some(first) => {
                    for ((column, value), (_, first_value)) in fields.iter().zip(first) {
                        let same_number = matches!(column.as_str(), "lon" | "lat" | "population")
                            && value.parse::<f64>().ok() == first_value.parse::<f64>().ok()
                            && value.parse::<f64>().is_ok();
                        if value != first_value && !value.is_empty() && !same_number {
                            let first_line = city_lines.get(&city_id).copied().unwrap_or(0);
                            self.error(
                                Self::at(row.line, column),
                                format!("`{value}` differs from `{first_value}` on line {first_line} for city {city_id}"),
                            );
                        }
                    }
                }
                None => {
                    let Some(properties) = self.city_properties(row) else {
                        continue;
                    };
                    city_rows.insert(city_id.clone(), fields);
                    city_lines.insert(city_id.clone(), row.line);
                    city_order.push(city_id.clone());
                    cities.insert(city_id.clone(), properties);
                }
            }
            // The report, if the row has one.
            if REPORT_COLUMNS
                .iter()
                .chain(&SOURCE_COLUMNS)
                .all(|c| row.get(c).is_empty())
            {
                continue;
            }
            if row.get("year").is_empty() {
                self.error(Self::at(row.line, "year"), "empty: a report needs its year");
                continue;
            }
            if ["source_id", "source_title", "url"]
                .iter()
                .all(|c| row.get(c).is_empty())
            {
                self.error(
                    Self::at(row.line, "source_title"),
                    "a report needs its source: source_title, publisher, url and published (or a source_id given on another row)",
                );
                continue;
            }
            if row.get("status").is_empty() {
                self.error(
                    Self::at(row.line, "status"),
                    "empty: a report needs its status (held, held_renamed, alternative, announced, official_only, refused, cancelled, none_planned)",
                );
                continue;
            }
            let Some(source_id) = self.source(
                row,
                &mut sources,
                &mut source_lines,
                &mut source_rows,
                &mut source_by_content,
            ) else {
                continue;
            };
            let Some(report) = self.report(row, &source_id, &mut years) else {
                continue;
            };
            if let Some((_, reports)) = cities.get_mut(&city_id) {
                reports.push(report);
                report_lines.entry(city_id).or_default().push(row.line);
            }
        }

        let given = |column: &str| dataset.get(column).map(|(v, _)| v.clone());
        let year_of = |column: &str, fallback: Option<i32>| -> Result<Option<i32>, (u64, String)> {
            match dataset.get(column) {
                Some((text, line)) => text
                    .parse::<i32>()
                    .map(Some)
                    .map_err(|_| (*line, format!("`{text}` is not a year"))),
                None => Ok(fallback),
            }
        };
        let (first_year, last_year) = match (
            year_of("first_year", years.iter().copied().min()),
            year_of("last_year", years.iter().copied().max()),
        ) {
            (Ok(Some(first)), Ok(Some(last))) => (first, last),
            (Err((line, message)), _) => {
                self.error(Self::at(line, "first_year"), message);
                return None;
            }
            (_, Err((line, message))) => {
                self.error(Self::at(line, "last_year"), message);
                return None;
            }
            _ => {
                self.error(
                    Location::File,
                    "no report and no first_year/last_year: the dataset's years are unknown",
                );
                return None;
            }
        };
        let stem = std::path::Path::new(self.file).file_stem().map_or_else(
            || "dataset".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let mut info = json!({
            "id": given("dataset_id").unwrap_or_else(|| stem.clone()),
            "title": given("dataset_title").unwrap_or(stem),
            "version": given("dataset_version").unwrap_or_default(),
            "first_year": first_year,
            "last_year": last_year,
        });
        if let Some(day) = given("event_day") {
            info["event_day"] = json!(day);
        }
        let features: Vec<Value> = city_order
            .iter()
            .filter_map(|id| {
                let (mut properties, reports) = cities.remove(id)?;
                let geometry = properties.remove("__geometry")?;
                properties.insert("reports".into(), Value::Array(reports));
                Some(json!({
                    "type": "Feature",
                    "id": id,
                    "geometry": geometry,
                    "properties": properties,
                }))
            })
            .collect();
        let json = json!({
            "type": "FeatureCollection",
            "memorymap": {
                "schema_version": super::load::SCHEMA_VERSION,
                "dataset": info,
                "sources": sources,
            },
            "features": features,
        });
        let dataset_lines = dataset
            .iter()
            .map(|(column, (_, line))| ((*column).to_owned(), *line))
            .collect();
        Some(Built {
            json,
            city_lines,
            report_lines,
            source_lines,
            dataset_lines,
        })
    }

    /// A city's properties from its first row; its Point is kept under `__geometry`.
    fn city_properties(&mut self, row: &Row<'_>) -> Option<(Map<String, Value>, Vec<Value>)> {
        let lon = self.number(row, "lon");
        let lat = self.number(row, "lat");
        let population = match row.get("population") {
            "" => None,
            text => match text.parse::<u64>() {
                Ok(p) => Some(p),
                Err(_) => {
                    self.error(
                        Self::at(row.line, "population"),
                        format!("`{text}` is not a whole number"),
                    );
                    return None;
                }
            },
        };
        let (lon, lat) = (lon?, lat?);
        // Names in the header's column order; an empty cell means no name in that language.
        let mut name_columns: Vec<(&String, &usize)> = row
            .header
            .iter()
            .filter(|(c, _)| name_column_language(c).is_some())
            .collect();
        name_columns.sort_by_key(|(_, i)| **i);
        let mut names = Map::new();
        for (column, _) in name_columns {
            let name = row.get(column);
            if let (Some(lang), false) = (name_column_language(column), name.is_empty()) {
                names.insert(lang.to_owned(), json!(name));
            }
        }
        let mut p = Map::new();
        p.insert(
            "__geometry".into(),
            json!({"type": "Point", "coordinates": [lon, lat]}),
        );
        p.insert("names".into(), Value::Object(names));
        p.insert("region".into(), json!(row.get("region")));
        if let Some(population) = population {
            p.insert("population".into(), json!(population));
        }
        Some((p, Vec::new()))
    }

    fn number(&mut self, row: &Row<'_>, column: &str) -> Option<f64> {
        let text = row.get(column);
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                let message = if text.is_empty() {
                    "empty: expected a number in decimal degrees".to_owned()
                } else {
                    format!("`{text}` is not a finite number (decimal degrees, with a dot)")
                };
                self.error(Self::at(row.line, column), message);
                None
            }
        }
    }

    fn flag(&mut self, row: &Row<'_>, column: &str) -> Option<bool> {
        match row.get(column).to_ascii_lowercase().as_str() {
            "" | "false" => Some(false),
            "true" => Some(true),
            other => {
                self.error(
                    Self::at(row.line, column),
                    format!("`{other}` is not true or false"),
                );
                None
            }
        }
    }

    fn report(&mut self, row: &Row<'_>, source: &str, years: &mut Vec<i32>) -> Option<Value> {
        let year_text = row.get("year");
        let Ok(year) = year_text.parse::<i32>() else {
            let message = if year_text.is_empty() {
                "empty: a report needs its year".to_owned()
            } else {
                format!("`{year_text}` is not a year")
            };
            self.error(Self::at(row.line, "year"), message);
            return None;
        };
        if !(1800..=2200).contains(&year) {
            self.error(
                Self::at(row.line, "year"),
                format!("year {year} is out of range: expected 1800 to 2200"),
            );
            return None;
        }
        let status = row.get("status");
        // The CSV form declares no statuses of its own: the built-in ones are its vocabulary.
        let vocabulary = Vocabulary::builtin();
        if vocabulary.claimable().all(|s| vocabulary.id(s) != status) {
            let message = if status.is_empty() {
                "empty: a report needs its status".to_owned()
            } else if status == vocabulary.id(Status::NO_REPORT) {
                "no_report is what a year without reports means; leave the report out".to_owned()
            } else {
                format!(
                    "{} (the CSV form knows only the built-in statuses: keep a dataset with statuses of its own as GeoJSON, DATA.md §4.1)",
                    vocabulary.unknown_status_message(status)
                )
            };
            self.error(Self::at(row.line, "status"), message);
            return None;
        }
        let uncertain = self.flag(row, "uncertain")?;
        years.push(year);
        let id = match row.get("report_id") {
            "" => format!("line-{}", row.line),
            id => id.to_owned(),
        };
        let date = match row.get("date") {
            "" => year.to_string(),
            date => date.to_owned(),
        };
        let timing = match row.get("timing") {
            "" => "day",
            timing => timing,
        };
        let mut report = json!({
            "id": id,
            "year": year,
            "date": date,
            "timing": timing,
            "status": row.get("status"),
            "summary": row.get("summary"),
        });
        if !row.get("excerpt").is_empty() {
            report["excerpt"] = json!(row.get("excerpt"));
        }
        report["source"] = json!(source);
        if uncertain {
            report["uncertain"] = json!(true);
        }
        Some(report)
    }

    /// The row's source: found by `source_id`, or by its title, publisher, URL and date
    /// when there is no id. Returns its id.
    fn source(
        &mut self,
        row: &Row<'_>,
        sources: &mut Vec<Value>,
        lines: &mut HashMap<String, u64>,
        rows: &mut HashMap<String, Vec<(String, String)>>,
        by_content: &mut HashMap<Vec<String>, String>,
    ) -> Option<String> {
        let fields: Vec<(String, String)> = SOURCE_COLUMNS[1..]
            .iter()
            .map(|c| ((*c).to_owned(), row.get(c).to_owned()))
            .collect();
        let content: Vec<String> = fields.iter().map(|(_, v)| v.clone()).collect();
        let id = match row.get("source_id") {
            "" => match by_content.get(&content) {
                Some(id) => id.clone(),
                None => format!("source-{}", row.line),
            },
            id => id.to_owned(),
        };
        if let Some(first) = rows.get(&id) {
            for ((column, value), (_, first_value)) in fields.iter().zip(first) {
                if value != first_value {
                    let first_line = lines.get(&id).copied().unwrap_or(0);
                    self.error(
                        Self::at(row.line, column),
                        format!("`{value}` differs from `{first_value}` on line {first_line} for source {id}"),
                    );
                    return None;
                }
            }
            return Some(id);
        }
        let published_uncertain = self.flag(row, "published_uncertain")?;
        let language = match row.get("source_language") {
            "" => "und",
            language => language,
        };
        let reliability = match row.get("reliability") {
            "" => "normal",
            reliability => reliability,
        };
        sources.push(json!({
            "id": id,
            "title": row.get("source_title"),
            "publisher": row.get("publisher"),
            "url": row.get("url"),
            "published": row.get("published"),
            "published_uncertain": published_uncertain,
            "language": language,
            "reliability": reliability,
        }));
        lines.insert(id.clone(), row.line);
        rows.insert(id.clone(), fields);
        by_content.insert(content, id.clone());
        Some(id)
    }
}
