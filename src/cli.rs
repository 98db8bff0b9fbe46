//! The command line: open the window, `validate` files, `list` a year as CSV.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand};

use crate::files::Existing;
use crate::model::export::{DataFormat, Scope};
use crate::model::{LoadError, LoadOptions, Loaded, Severity};
use crate::text::{count, escape_controls};

pub use crate::model::builtin::{BUILTIN_DATA, BUILTIN_NAME, builtin_data_sha256};

#[derive(Debug, Parser)]
#[command(
    name = "memorymap",
    version,
    about = "A map of who commemorated what, where and when, from any dataset in its schema (docs/DATA.md); built in: the Immortal Regiment march in Kazakhstan's cities, 2015–2025.",
    after_help = "With no command, opens the map window."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Open this dataset (GeoJSON, schema in docs/DATA.md) instead of the built-in one
    #[arg(value_name = "FILE", conflicts_with = "data")]
    pub file: Option<PathBuf>,

    /// Same as FILE
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Start on this year
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,

    /// Start with this city selected: its id or any of its names (Astana, Нур-Султан, …)
    #[arg(long, value_name = "NAME")]
    pub city: Option<String>,

    /// Start in compare mode: the shown year against YEAR, city by city
    #[arg(long, value_name = "YEAR")]
    pub compare: Option<i32>,

    /// Interface language: en, ru or kk (default: the system's, else English)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,

    /// Start with the defaults instead of the year, city, file and view remembered from last time
    #[arg(long)]
    pub fresh: bool,

    /// Close the window after N frames (to time start-up; see benches/README)
    #[arg(long, value_name = "N", hide = true)]
    pub exit_after_frames: Option<u64>,

    /// Write the view (year, selection, counts) as JSON to FILE whenever it changes
    #[arg(long, value_name = "FILE", hide = true)]
    pub state_file: Option<PathBuf>,
}

impl Cli {
    /// Parses the process arguments; `--version` also names the built-in dataset.
    pub fn parse_args() -> Self {
        let matches = command().get_matches();
        match Self::from_arg_matches(&matches) {
            Ok(cli) => cli,
            Err(error) => error.exit(),
        }
    }

    /// The dataset file to open in the window, given as FILE or `--data FILE`.
    pub fn data_file(&self) -> Option<&Path> {
        self.file.as_deref().or(self.data.as_deref())
    }
}

/// The full command-line definition, as parsed and as documented in the man page.
pub fn command() -> clap::Command {
    Cli::command().long_version(long_version())
}

/// `memorymap --version`: the program's version, then the built-in dataset's id, version
/// and SHA-256, so a figure can be traced to the exact data behind it.
pub fn long_version() -> String {
    let (id, version) = crate::model::builtin::builtin_dataset_id();
    format!(
        "{}\nbuilt-in dataset: {id} version {version}\nbuilt-in dataset sha256: {}",
        env!("CARGO_PKG_VERSION"),
        builtin_data_sha256()
    )
}

/// Says on standard error when `year`, given with `flag`, is outside the dataset's years.
pub fn year_outside(flag: &str, year: Option<i32>, dataset: &crate::model::Dataset) -> bool {
    let outside = year.filter(|y| !dataset.years().contains(y));
    if let Some(year) = outside {
        eprintln!(
            "memorymap: {flag} {year} is outside the dataset's years {}–{}",
            dataset.info.first_year, dataset.info.last_year
        );
    }
    outside.is_some()
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check dataset files and print every problem; exit 0 if all are valid, 1 if not
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print at most N problems per file, then how many more there are (0: all)
        #[arg(long, value_name = "N", default_value_t = 200)]
        max_problems: usize,
    },
    /// Write the map (PNG) or the data behind it (CSV form or GeoJSON) for a year, or all years
    Export {
        /// The year to export; without it, CSV and GeoJSON hold every year and a figure
        /// shows the last
        #[arg(long, value_name = "YEAR", conflicts_with = "years")]
        year: Option<i32>,
        /// A figure of several years as small multiples (with --grid), as FIRST..LAST
        #[arg(long, value_name = "FIRST..LAST", value_parser = parse_years)]
        years: Option<(i32, i32)>,
        /// png, svg and pdf: one small map per year of --years (default: every year)
        #[arg(long)]
        grid: bool,
        /// png, svg and pdf: compare --year with this year ("2019 → 2025", changes marked)
        #[arg(long, value_name = "YEAR")]
        compare: Option<i32>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Where to write; an existing file is kept unless --force is given
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Dataset to read instead of the built-in one
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
        /// Replace PATH if it exists
        #[arg(long)]
        force: bool,
        /// png, svg and pdf: highlight this city (id or any name) with its status and source
        #[arg(long, value_name = "NAME")]
        city: Option<String>,
        /// png, svg and pdf: WIDTHxHEIGHT in pixels (200 to 8000), or web (1200x800), square
        /// (1080x1080), a5 or a4 (landscape at 300 dpi)
        #[arg(long, value_name = "WxH|PRESET", default_value = "web", value_parser = parse_size)]
        size: (u32, u32),
        /// png only: pixels per figure pixel (2 doubles the resolution), 0.5 to 4
        #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
        scale: f32,
        /// gif, apng, mp4 and webm: cross-fade from each year to the next over MS
        /// milliseconds (0 to 5000; default 0, a cut)
        #[arg(long, value_name = "MS", default_value_t = 0, value_parser = parse_fade)]
        fade: u32,
        /// png, svg and pdf: the heading (default: the dataset's title)
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// png, svg and pdf: the language of the figure's words (en, ru, kk)
        #[arg(long, value_name = "CODE", default_value = "en")]
        lang: crate::i18n::Lang,
    },
    /// Write a synthetic dataset (valid, not real events) for tests and measurements
    Gen {
        #[arg(long, default_value_t = 1000)]
        cities: usize,
        #[arg(long, default_value_t = 10)]
        reports_per_city: usize,
        /// Years as FIRST..LAST
        #[arg(long, default_value = "2015..2025", value_parser = parse_years)]
        years: (i32, i32),
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Replace PATH if it exists
        #[arg(long)]
        force: bool,
    },
    /// Print one CSV row per city for a year: its status and the sources behind it
    List {
        #[arg(long, value_name = "YEAR")]
        year: i32,
        /// Compare --year with this year instead: one row per city with both statuses and
        /// what changed (changed, newly_reported, no_longer_reported, unchanged, never_reported)
        #[arg(long, value_name = "YEAR")]
        compare: Option<i32>,
        /// Dataset to read instead of the built-in one
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
    },
}

/// The formats `memorymap export --format` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A figure: map, title, legend with counts, credits (drawn on the CPU)
    Png,
    /// The same figure as SVG (text stays text)
    Svg,
    /// The same figure as PDF, one page at 300 dpi (--size a4 is an A4 page), fonts
    /// embedded and text kept as text
    Pdf,
    /// Every year of --years as an animated GIF, a second a year
    Gif,
    /// The same as an animated PNG (full colour)
    Apng,
    /// The same as an MP4 video (needs ffmpeg on the PATH)
    Mp4,
    /// The same as a WebM video (needs ffmpeg on the PATH)
    Webm,
    /// One self-contained page (works offline from file://): the map, year buttons, every
    /// report, and deep links (page.html#year=2019&city=almaty)
    Html,
    /// The sources behind --year (and --city), and the dataset, as CSL-JSON (Zotero, Pandoc)
    CslJson,
    /// The same as BibTeX
    Bibtex,
    Csv,
    Geojson,
}

impl ExportFormat {
    fn animation(self) -> Option<crate::scene::animate::Animation> {
        use crate::scene::animate::Animation;
        match self {
            Self::Gif => Some(Animation::Gif),
            Self::Apng => Some(Animation::Apng),
            Self::Mp4 => Some(Animation::Mp4),
            Self::Webm => Some(Animation::Webm),
            _ => None,
        }
    }
}

/// `--size`: `WIDTHxHEIGHT` in pixels, or a preset.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let name = text.trim().to_ascii_lowercase();
    if let Some((_, size)) = crate::scene::SIZE_PRESETS.iter().find(|(n, _)| *n == name) {
        return Ok(*size);
    }
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{text}` is not WIDTHxHEIGHT or one of web, square, a5, a4"))?;
    let number = |t: &str| {
        t.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (200..=8000).contains(v))
            .ok_or_else(|| format!("`{t}` is not a whole number of pixels from 200 to 8000"))
    };
    Ok((number(w)?, number(h)?))
}

/// `--fade`: milliseconds, from 0 to [`crate::scene::animate::MAX_FADE_MS`].
fn parse_fade(text: &str) -> Result<u32, String> {
    let max = crate::scene::animate::MAX_FADE_MS;
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|ms| *ms <= max)
        .ok_or_else(|| format!("`{text}` is not a whole number of milliseconds from 0 to {max}"))
}

/// Pixels per point for `--scale`: a finite number from 0.5 to 4.
fn parse_scale(text: &str) -> Result<f32, String> {
    text.trim()
        .parse::<f32>()
        .ok()
        .filter(|s| s.is_finite() && (0.5..=4.0).contains(s))
        .ok_or_else(|| format!("`{text}` is not a scale from 0.5 to 4"))
}

/// The largest picture side `export --format png` draws, in pixels.
pub const MAX_PICTURE_PIXELS: f32 = 8192.0;

fn parse_years(text: &str) -> Result<(i32, i32), String> {
    let (a, b) = text
        .split_once("..")
        .ok_or_else(|| format!("`{text}` is not FIRST..LAST"))?;
    let year = |t: &str| {
        t.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1800..=2200).contains(y))
            .ok_or_else(|| format!("`{t}` is not a year"))
    };
    let (a, b) = (year(a)?, year(b)?);
    if a > b {
        return Err(format!("{a} is after {b}"));
    }
    Ok((a, b))
}

/// `memorymap gen`
pub fn generate(spec: crate::model::generate::GenSpec, out: &Path, force: bool) -> ExitCode {
    let start = std::time::Instant::now();
    let mut bytes = Vec::new();
    let reports = match crate::model::generate::write_dataset(spec, &mut bytes) {
        Ok(reports) => reports,
        Err(e) => {
            eprintln!("memorymap: {e}");
            return ExitCode::from(1);
        }
    };
    let existing = if force {
        Existing::Replace
    } else {
        Existing::Keep
    };
    match crate::files::write_atomically(out, &bytes, existing) {
        Ok(()) => {
            eprintln!(
                "memorymap: wrote {} ({} cities, {reports} reports, {:.1} MB) in {:.1} s",
                out.display(),
                spec.cities,
                bytes.len() as f64 / 1e6,
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("memorymap: {e}");
            ExitCode::from(1)
        }
    }
}

/// Everything `memorymap export` needs.
pub struct ExportArgs<'a> {
    pub year: Option<i32>,
    pub years: Option<(i32, i32)>,
    pub grid: bool,
    pub compare: Option<i32>,
    pub format: ExportFormat,
    pub out: &'a Path,
    pub data: Option<&'a Path>,
    pub force: bool,
    pub city: Option<&'a str>,
    pub size: (u32, u32),
    pub scale: f32,
    pub fade: u32,
    pub title: Option<&'a str>,
    pub lang: crate::i18n::Lang,
}

impl ExportArgs<'_> {
    fn is_figure(&self) -> bool {
        matches!(
            self.format,
            ExportFormat::Png | ExportFormat::Svg | ExportFormat::Pdf | ExportFormat::Html
        ) || self.is_animation()
    }

    fn is_animation(&self) -> bool {
        self.format.animation().is_some()
    }
}

/// Says which options only figures take, when a data export is given one.
fn figure_only_options(args: &ExportArgs<'_>) -> Option<&'static str> {
    if args.is_figure() {
        return None;
    }
    [
        (args.grid, "--grid"),
        (args.years.is_some(), "--years"),
        (args.compare.is_some(), "--compare"),
        (args.city.is_some(), "--city"),
        (args.title.is_some(), "--title"),
    ]
    .into_iter()
    .find_map(|(given, flag)| given.then_some(flag))
}

/// `memorymap export`: exit 0 when written, 1 on a load or write failure, 2 on bad arguments.
pub fn export(args: &ExportArgs<'_>) -> ExitCode {
    let citations = matches!(args.format, ExportFormat::CslJson | ExportFormat::Bibtex);
    if let Some(flag) = figure_only_options(args).filter(|f| !(citations && *f == "--city")) {
        eprintln!(
            "memorymap: {flag} is for figures (--format png, svg, pdf, gif, apng, mp4, webm)"
        );
        return ExitCode::from(2);
    }
    if args.is_animation() && (args.grid || args.compare.is_some() || args.year.is_some()) {
        eprintln!(
            "memorymap: an animation shows every year of --years (default: all); --grid, --compare and --year are for still figures"
        );
        return ExitCode::from(2);
    }
    if args.fade > 0 && !args.is_animation() {
        eprintln!("memorymap: --fade is for animations (--format gif, apng, mp4, webm)");
        return ExitCode::from(2);
    }
    if args.years.is_some() && !args.grid && !args.is_animation() {
        eprintln!("memorymap: --years makes small multiples: add --grid (or give --year)");
        return ExitCode::from(2);
    }
    if args.grid && args.compare.is_some() {
        eprintln!("memorymap: --grid and --compare cannot be combined");
        return ExitCode::from(2);
    }
    if matches!(args.format, ExportFormat::Png) || args.is_animation() {
        #[allow(clippy::cast_precision_loss)]
        let [w, h] = [args.size.0, args.size.1].map(|side| side as f32 * args.scale);
        if w > MAX_PICTURE_PIXELS || h > MAX_PICTURE_PIXELS {
            eprintln!(
                "memorymap: --size {}x{} at --scale {} is {w}x{h} pixels; at most {MAX_PICTURE_PIXELS} pixels a side",
                args.size.0, args.size.1, args.scale
            );
            return ExitCode::from(2);
        }
    }
    let Some(loaded) = load_or_report(args.data) else {
        return ExitCode::from(1);
    };
    let dataset = loaded.dataset;
    if year_outside("--year", args.year, &dataset)
        || year_outside("--compare", args.compare, &dataset)
        || year_outside("--years", args.years.map(|(a, _)| a), &dataset)
        || year_outside("--years", args.years.map(|(_, b)| b), &dataset)
    {
        return ExitCode::from(2);
    }
    let highlight = match args.city {
        None => None,
        Some(name) => match dataset.find_city(name) {
            Some(index) => Some(index),
            None => {
                eprintln!("memorymap: --city {name:?}: no city has that id or name");
                return ExitCode::from(2);
            }
        },
    };
    let start = std::time::Instant::now();
    let bytes = match args.format {
        ExportFormat::Csv | ExportFormat::Geojson => {
            if args.format == ExportFormat::Csv && !dataset.vocabulary().is_builtin() {
                eprintln!(
                    "memorymap: warning: this dataset declares statuses of its own, which the CSV form cannot carry: the CSV is for reading in a spreadsheet and will not load back (export GeoJSON to keep everything)"
                );
            }
            let format = if args.format == ExportFormat::Csv {
                DataFormat::Csv
            } else {
                DataFormat::Geojson
            };
            let scope = args.year.map_or(Scope::All, Scope::Year);
            let mut out = Vec::new();
            format
                .write(&dataset, scope, &mut out)
                .map(|()| out)
                .map_err(|e| e.to_string())
        }
        ExportFormat::Gif | ExportFormat::Apng | ExportFormat::Mp4 | ExportFormat::Webm => {
            let options = crate::scene::FigureOptions {
                year: *dataset.years().end(),
                compare: None,
                size: args.size,
                title: args.title.map(str::to_owned),
                highlight,
                lang: args.lang,
                view: None,
            };
            let (first, last) = args
                .years
                .unwrap_or((*dataset.years().start(), *dataset.years().end()));
            let scenes = crate::scene::animate::scenes(&dataset, first..=last, &options);
            let animation = args
                .format
                .animation()
                .unwrap_or(crate::scene::animate::Animation::Gif);
            let timing = crate::scene::animate::Timing {
                hold_ms: 1000,
                fade_ms: args.fade,
            };
            crate::scene::animate::write(&scenes, animation, args.scale, timing, |done, all| {
                eprint!("\rmemorymap: frame {done} of {all}");
                if done == all {
                    eprintln!();
                }
                std::ops::ControlFlow::Continue(())
            })
            .map_err(|e| e.to_string())
        }
        ExportFormat::CslJson | ExportFormat::Bibtex => {
            use crate::model::bibliography::{self, DatasetCitation, Selection};
            let selection = Selection {
                year: args.year,
                city: highlight,
            };
            let citation = DatasetCitation {
                sha256: data_sha256(args.data).unwrap_or_default(),
            };
            Ok(if args.format == ExportFormat::CslJson {
                bibliography::to_csl_json(&dataset, selection, &citation)
            } else {
                bibliography::to_bibtex(&dataset, selection, &citation)
            }
            .into_bytes())
        }
        ExportFormat::Html => {
            // Which data the page shows, exactly: the file's name and its SHA-256.
            let data_label = match (args.data, data_sha256(args.data)) {
                (Some(path), Some(sha)) => format!("{}, sha256 {sha}", path.display()),
                (Some(path), None) => path.display().to_string(),
                (None, sha) => format!("{BUILTIN_NAME}, sha256 {}", sha.unwrap_or_default()),
            };
            let options = crate::scene::HtmlOptions {
                lang: args.lang,
                year: args.year,
                title: args.title.map(str::to_owned),
                data_label,
            };
            crate::scene::to_html(&dataset, &options)
                .map(String::into_bytes)
                .map_err(|e| e.to_string())
        }
        ExportFormat::Png | ExportFormat::Svg | ExportFormat::Pdf => {
            let options = crate::scene::FigureOptions {
                year: args.year.unwrap_or(*dataset.years().end()),
                compare: args.compare,
                size: args.size,
                title: args.title.map(str::to_owned),
                highlight,
                lang: args.lang,
                view: None,
            };
            let scene = if args.grid {
                let (first, last) = args
                    .years
                    .unwrap_or((*dataset.years().start(), *dataset.years().end()));
                crate::scene::build_grid(&dataset, first..=last, &options)
            } else {
                crate::scene::build(&dataset, &options)
            };
            match args.format {
                ExportFormat::Svg => Ok(crate::scene::to_svg(&scene).into_bytes()),
                ExportFormat::Pdf => crate::scene::to_pdf(&scene).map_err(|e| e.to_string()),
                _ => crate::scene::to_png(&scene, args.scale).map_err(|e| e.to_string()),
            }
        }
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("memorymap: {e}");
            return ExitCode::from(1);
        }
    };
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Keep
    };
    match crate::files::write_atomically(args.out, &bytes, existing) {
        Ok(()) => {
            log::info!("exported in {:.0?}", start.elapsed());
            eprintln!(
                "memorymap: wrote {} ({} bytes)",
                args.out.display(),
                bytes.len()
            );
            ExitCode::SUCCESS
        }
        Err(e @ crate::files::WriteError::Exists { .. }) => {
            eprintln!("memorymap: {e} (pass --force to replace it)");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("memorymap: {e}");
            ExitCode::from(1)
        }
    }
}

/// The SHA-256 of the data file (or of the built-in data), in hex.
fn data_sha256(path: Option<&Path>) -> Option<String> {
    match path {
        Some(path) => std::fs::read(path)
            .ok()
            .map(|bytes| crate::model::builtin::sha256_hex(&bytes)),
        None => Some(builtin_data_sha256()),
    }
}

/// Loads `path`, or the built-in dataset when there is none, checking that cities lie on
/// land.
pub fn load_dataset(path: Option<&Path>) -> Result<Loaded, LoadError> {
    crate::model::builtin::load_dataset(
        path,
        LoadOptions {
            land: Some(crate::geography::world::on_world_land),
            ..Default::default()
        },
    )
}

/// Loads `path` (or the built-in data) for `list` and `export`: its problems go to standard
/// error, warnings as `validate` prints them, escaped for the terminal.
fn load_or_report(path: Option<&Path>) -> Option<Loaded> {
    match load_dataset(path) {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                eprintln!("{}", escape_controls(&warning.to_string()));
            }
            Some(loaded)
        }
        Err(error) => {
            for problem in error.problems() {
                eprintln!("{}", escape_controls(&problem.to_string()));
            }
            None
        }
    }
}

/// `memorymap validate FILE…`
pub fn validate(files: &[PathBuf], max_problems: usize) -> ExitCode {
    let mut all_valid = true;
    // A closed pipe (`| head`) ends the output quietly instead of panicking in println!.
    let mut out = std::io::stdout().lock();
    macro_rules! say {
        ($($arg:tt)*) => {
            if writeln!(out, $($arg)*).is_err() {
                return ExitCode::from(if all_valid { 0 } else { 1 });
            }
        };
    }
    let limit = if max_problems == 0 {
        usize::MAX
    } else {
        max_problems
    };
    for file in files {
        // Names and messages come from the file: escaped, so they cannot act on the terminal.
        let name = escape_controls(&file.display().to_string()).into_owned();
        match load_dataset(Some(file)) {
            Ok(loaded) => {
                for warning in loaded.warnings.iter().take(limit) {
                    say!("{}", escape_controls(&warning.to_string()));
                }
                if loaded.warnings.len() > limit {
                    say!(
                        "{name}: and {} more",
                        count(loaded.warnings.len() - limit, "warning", "warnings")
                    );
                }
                let d = &loaded.dataset;
                say!(
                    "{name}: valid: {}, {}, {}, {}, {}",
                    count(d.cities.len(), "city", "cities"),
                    count(d.report_count(), "report", "reports"),
                    count(d.sources.len(), "source", "sources"),
                    count(d.timeline.len(), "timeline entry", "timeline entries"),
                    count(loaded.warnings.len(), "warning", "warnings")
                );
                say!("{name}: checks: {}", d.check_counts());
            }
            Err(error) => {
                all_valid = false;
                let problems = error.problems();
                for problem in problems.iter().take(limit) {
                    say!("{}", escape_controls(&problem.to_string()));
                }
                if problems.len() > limit {
                    say!(
                        "{name}: and {} more",
                        count(problems.len() - limit, "problem", "problems")
                    );
                }
                let errors = problems
                    .iter()
                    .filter(|p| p.severity == Severity::Error)
                    .count();
                say!(
                    "{name}: invalid: {}, {}",
                    count(errors, "error", "errors"),
                    count(problems.len() - errors, "warning", "warnings")
                );
            }
        }
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `memorymap list --year Y [--compare Y2]`
pub fn list(year: i32, compare: Option<i32>, data: Option<&Path>) -> ExitCode {
    let Some(loaded) = load_or_report(data) else {
        return ExitCode::from(1);
    };
    if year_outside("--year", Some(year), &loaded.dataset)
        || year_outside("--compare", compare, &loaded.dataset)
    {
        return ExitCode::from(2);
    }
    let mut out = Vec::new();
    let written = match compare {
        Some(to) => crate::model::table::write_compare_table(&loaded.dataset, year, to, &mut out),
        None => crate::model::table::write_city_table(&loaded.dataset, year, &mut out),
    };
    if let Err(e) = written {
        eprintln!("memorymap: cannot write CSV: {e}");
        return ExitCode::from(1);
    }
    match std::io::stdout().lock().write_all(&out) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a panic.
        Err(_) => ExitCode::from(1),
    }
}
