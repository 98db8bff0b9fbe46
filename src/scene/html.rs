//! A page that travels: one self-contained HTML file of a dataset — the map of every year
//! as inline SVG over one basemap, the legend with the year's counts, a city's panel with
//! every report and its source, a table of the cities, and a deep link
//! (`page.html#year=2019&city=almaty`). It makes no network request: data, script and
//! style are inside it, and its Content-Security-Policy blocks anything else.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::i18n::Lang;
use crate::model::{Dataset, Reliability, Rgb, Status};

use super::geo::{self, Geography, Projection};
use super::markers::{MarkerInput, MarkerStyle, city_name, map_labels, markers};
use super::metrics::{Units, text_width};
use super::svg::{self, escape};
use super::words::{self, say};
use super::{LegendIcon, Point, Rect};

/// The page's behaviour, hand-written; it inserts text with `textContent` only.
const JS: &str = include_str!("page.js");
const CSS: &str = include_str!("page.css");

/// Blocks every request the page might make by mistake: no fonts, images, frames or
/// fetches; only its own inline style and script run.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/// The map's size in SVG pixels (the page scales it to the window): about the map area of
/// a laptop's browser window beside the side panel, so text shows near its laid-out size.
const MAP_SIZE: (f32, f32) = (960.0, 720.0);

/// Status names wider than this many ems (as estimated, generously) put the legend in one
/// column instead of two.
const LEGEND_COLUMN_EMS: f32 = 10.5;

/// Spans of up to this many years get a button per year; longer ones a slider.
const MAX_YEAR_BUTTONS: i32 = 16;

/// What the page shows first and how it names its data.
#[derive(Clone, Debug, PartialEq)]
pub struct HtmlOptions {
    /// The interface language.
    pub lang: Lang,
    /// The year shown when the address names none; the dataset's last when `None`.
    pub year: Option<i32>,
    /// The heading; the dataset's title when `None`.
    pub title: Option<String>,
    /// Where the data comes from, for the credits: "built-in, sha256 …" or a file name.
    pub data_label: String,
}

impl HtmlOptions {
    /// An English page opening on the dataset's last year.
    pub fn new(data_label: impl Into<String>) -> Self {
        Self {
            lang: Lang::En,
            year: None,
            title: None,
            data_label: data_label.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    #[error("year {year} is outside the dataset's years ({first}–{last})")]
    YearOutside { year: i32, first: i32, last: i32 },
    #[error("the page's data could not be written as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The page of `dataset`, opening on `opts.year` (or what the address asks for).
pub fn to_html(dataset: &Dataset, opts: &HtmlOptions) -> Result<String, HtmlError> {
    let info = &dataset.info;
    let year = opts.year.unwrap_or(info.last_year);
    if !dataset.years().contains(&year) {
        return Err(HtmlError::YearOutside {
            year,
            first: info.first_year,
            last: info.last_year,
        });
    }
    let lang = opts.lang;
    let tr = lang.tr();
    let title = opts.title.as_deref().unwrap_or(&info.title);
    let data = script_json(&page_data(dataset, year, lang))?;
    let legend: Vec<Status> = dataset.vocabulary().legend().collect();
    // Long status names get the legend's whole width: two columns would wrap them.
    let long_labels = legend
        .iter()
        .any(|&s| text_width(tr.status(dataset.vocabulary(), s), 1.0) > LEGEND_COLUMN_EMS);

    let mut out = String::with_capacity(1024 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"memorymap {}\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        lang.code(),
        env!("CARGO_PKG_VERSION"),
        escape(title),
    );
    let _ = write!(
        out,
        "<header>\n<h1 dir=\"auto\">{}</h1>\n{}\
         <button type=\"button\" id=\"table-toggle\" aria-pressed=\"false\" aria-controls=\"table-view\">{}</button>\n</header>\n",
        escape(title),
        year_control(dataset, year, lang),
        escape(word(lang, Word::TableView)),
    );
    let caption = escape(&tr.fmt("list.title", &[("year", &year)]));
    let _ = write!(
        out,
        "<main>\n<div id=\"view\">\n<div id=\"map\">\n{}</div>\n\
         <div id=\"table-view\" class=\"sr-only\">\n<table>\n<caption id=\"table-caption\">{caption}</caption>\n\
         <thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n\
         <tbody id=\"table-body\"></tbody>\n</table>\n</div>\n</div>\n",
        map_svg(dataset, year, lang),
        escape(tr.get("list.city")),
        escape(tr.get("list.status")),
        escape(tr.get("list.reports")),
        escape(word(lang, Word::DecidingSource)),
    );
    let _ = write!(
        out,
        "<aside id=\"side\">\n<section id=\"legend\" aria-labelledby=\"legend-h\">\n\
         <h2 id=\"legend-h\">{caption}</h2>\n<ul{}>\n{}</ul>\n</section>\n\
         <section id=\"panel\" aria-label=\"{}\">\n<p class=\"hint\">{}</p>\n</section>\n</aside>\n</main>\n",
        if long_labels { " class=\"long\"" } else { "" },
        legend_items(dataset, &legend, year, lang),
        escape(word(lang, Word::Panel)),
        escape(tr.get("overview.click_hint")),
    );
    let _ = write!(
        out,
        "<footer>\n<p>{}</p>\n<p class=\"keys\">{}</p>\n</footer>\n\
         <p id=\"announce\" class=\"sr-only\" aria-live=\"polite\"></p>\n\
         <script type=\"application/json\" id=\"data\">{data}</script>\n<script>\n{JS}</script>\n</body>\n</html>\n",
        escape(&credits(dataset, opts)),
        escape(word(lang, Word::Keys)),
    );
    Ok(out)
}

/// Data id, version and origin, the basemap, the program.
fn credits(dataset: &Dataset, opts: &HtmlOptions) -> String {
    let info = &dataset.info;
    let lang = opts.lang;
    let data = say(
        lang,
        words::Word::Data,
        &[("id", &info.id), ("version", &info.version)],
    );
    let made_with = word(lang, Word::MadeWith).replace("{version}", env!("CARGO_PKG_VERSION"));
    let mut pieces = vec![if opts.data_label.is_empty() {
        data
    } else {
        format!("{data} ({})", opts.data_label)
    }];
    if !info.licence.is_empty() {
        pieces.push(info.licence.clone());
    }
    pieces.push(say(lang, words::Word::Basemap, &[]));
    pieces.push(made_with);
    pieces.join(" · ")
}

/// A button per year, or for long spans a slider between "previous" and "next".
fn year_control(dataset: &Dataset, year: i32, lang: Lang) -> String {
    let tr = lang.tr();
    let (first, last) = (dataset.info.first_year, dataset.info.last_year);
    let label = escape(tr.get("years.strip_label"));
    let mut out = String::new();
    if last - first < MAX_YEAR_BUTTONS {
        let _ = write!(
            out,
            "<div id=\"years\" role=\"group\" aria-label=\"{label}\">"
        );
        for y in first..=last {
            let _ = write!(
                out,
                "<button type=\"button\" data-year=\"{y}\" aria-pressed=\"{}\" title=\"{}\">{y}</button>",
                y == year,
                escape(&tr.fmt("years.show_hint", &[("year", &y)])),
            );
        }
        out.push_str("</div>\n");
    } else {
        let _ = writeln!(
            out,
            "<div id=\"years\" class=\"slider\" role=\"group\" aria-label=\"{label}\">\
             <button type=\"button\" id=\"prev\" aria-label=\"{}\" title=\"{}\">‹</button>\
             <input type=\"range\" id=\"year-range\" min=\"{first}\" max=\"{last}\" step=\"1\" value=\"{year}\" aria-label=\"{label}\">\
             <output id=\"year-out\" for=\"year-range\">{year}</output>\
             <button type=\"button\" id=\"next\" aria-label=\"{}\" title=\"{}\">›</button></div>",
            escape(tr.get("years.previous_hint")),
            escape(tr.get("years.previous_hint")),
            escape(tr.get("years.next_hint")),
            escape(tr.get("years.next_hint")),
        );
    }
    out
}

/// One entry per status of the vocabulary (and "sources disagree"), with `year`'s counts;
/// the script updates the counts as the year changes.
fn legend_items(dataset: &Dataset, legend: &[Status], year: i32, lang: Lang) -> String {
    let vocabulary = dataset.vocabulary();
    let tr = lang.tr();
    let counts = dataset.counts(year);
    let mut out = String::new();
    let item = |out: &mut String, key: &str, icon: LegendIcon, label: &str, n: usize| {
        let _ = writeln!(
            out,
            "<li data-status=\"{key}\"{}><svg viewBox=\"-12 -12 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\">{}</svg>\
             <span class=\"label\">{}</span> <span class=\"count\">{n}</span></li>",
            if n == 0 { " class=\"zero\"" } else { "" },
            svg::legend_icon_elements(icon, Point::new(0.0, 0.0), 7.0),
            escape(label),
        );
    };
    for (i, &status) in legend.iter().enumerate() {
        let icon = LegendIcon::Marker {
            fill: vocabulary.colour(status),
            shape: vocabulary.shape(status),
        };
        let n = counts.get(status.index()).copied().unwrap_or(0);
        item(
            &mut out,
            &i.to_string(),
            icon,
            tr.status(vocabulary, status),
            n,
        );
    }
    let disputed = (0..dataset.cities.len())
        .filter(|&c| dataset.city_year(c, year).disputed)
        .count();
    item(
        &mut out,
        "disputed",
        LegendIcon::Disputed,
        tr.get("legend.disputed"),
        disputed,
    );
    let tentative = (0..dataset.cities.len())
        .filter(|&c| dataset.is_tentative(c, year))
        .count();
    item(
        &mut out,
        "tentative",
        LegendIcon::Tentative,
        tr.get("legend.tentative"),
        tentative,
    );
    out
}

/// The map: one basemap, then a group of markers and labels per year, only `year`'s
/// shown. Every year shares the projection, so a city stays where it is.
fn map_svg(dataset: &Dataset, year: i32, lang: Lang) -> String {
    let (w, h) = MAP_SIZE;
    let units = Units::for_size(w, h);
    let frame = Rect::new(0.0, 0.0, w, h);
    let geography = Geography::of(dataset);
    let projection = Projection::fit(geography.home(dataset), frame);
    let style = MarkerStyle::new(units);
    // One basemap serves every year of the page: the dataset's own boundaries are drawn
    // when they hold in all of its years; regions that change with the years are not (the
    // figures of single years draw them).
    let own_regions = dataset
        .info
        .boundaries
        .as_deref()
        .filter(|b| {
            b.regions
                .iter()
                .all(|r| dataset.years().all(|y| r.valid_in(y)))
        })
        .map(|b| (b, year));
    let basemap = geo::basemap(&geography, &projection, 0.9 * units.u, own_regions);
    let mut out = String::with_capacity(512 * 1024);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"xMidYMid meet\" \
         font-family=\"{}\" role=\"group\" aria-label=\"{}\">\n<g class=\"basemap\" aria-hidden=\"true\">\n{}</g>\n",
        escape(svg::FONT_FAMILY),
        escape(word(lang, Word::MapLabel)),
        svg::basemap_elements(&basemap),
    );
    // The selected city's ring (a white halo under a dark line), under the markers so
    // it hides none of their badges; the script places it.
    out.push_str(
        "<g class=\"ring\" display=\"none\" fill=\"none\"><circle stroke=\"#FFFFFF\" stroke-width=\"5\"/>\
         <circle stroke=\"#000000\" stroke-width=\"2.2\"/></g>\n",
    );
    for y in dataset.years() {
        let input = MarkerInput {
            dataset,
            year: y,
            compare: None,
            highlight: None,
            lang,
        };
        let (markers, clustered) = markers(&input, &projection, style);
        let labels = map_labels(&input, &markers, &[], frame, units.label(), !clustered);
        let _ = write!(
            out,
            "<g class=\"year{}\" data-year=\"{y}\">\n{}</g>\n",
            if y == year { " on" } else { "" },
            svg::marker_elements(&markers, &labels),
        );
    }
    out.push_str("</svg>\n");
    out
}

/// JSON for a `<script type="application/json">` block: every `<` (so no `</script>` or
/// `<!--` can end or confuse the block), `>`, `&` and the line and paragraph separators
/// written as `\u` escapes, which JSON reads back as the same characters.
fn script_json(value: &impl Serialize) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(value)?;
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Everything the script needs, in the interface language.
#[derive(Serialize)]
struct PageData<'a> {
    first: i32,
    last: i32,
    /// The year shown when the address names none.
    year: i32,
    lang: &'static str,
    words: BTreeMap<&'static str, &'a str>,
    /// In legend order; `"no report"` last.
    statuses: Vec<StatusData<'a>>,
    cities: Vec<CityData<'a>>,
    sources: Vec<SourceData<'a>>,
    /// What the panel shows with no city selected.
    about: About<'a>,
}

#[derive(Serialize)]
struct About<'a> {
    heading: &'a str,
    description: &'a str,
    /// "23 cities · 105 reports · 97 sources · version …"
    sizes: String,
}

#[derive(Serialize)]
struct StatusData<'a> {
    id: &'a str,
    label: &'a str,
    meaning: &'a str,
    colour: String,
    /// Black or white: what reads on `colour`.
    ink: &'static str,
}

#[derive(Serialize)]
struct CityData<'a> {
    id: &'a str,
    /// Its names on the maps, each once; `years[_].n` picks one.
    names: Vec<&'a str>,
    /// `[language, name]`, every current name.
    all_names: Vec<[&'a str; 2]>,
    former: Vec<FormerName<'a>>,
    aliases: &'a [String],
    region: &'a str,
    population: Option<u64>,
    /// One per year from `first`.
    years: Vec<CellData>,
    reports: Vec<ReportData<'a>>,
    notes: Vec<NoteData<'a>>,
}

#[derive(Serialize)]
struct FormerName<'a> {
    name: &'a str,
    from: Option<String>,
    to: Option<String>,
}

/// A city in a year: its status (index into `statuses`), the deciding report (index into
/// the city's `reports`), its name (index into `names`), the report count and the flags.
#[derive(Serialize)]
struct CellData {
    s: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<usize>,
    #[serde(skip_serializing_if = "is_zero")]
    n: usize,
    #[serde(skip_serializing_if = "is_zero")]
    r: usize,
    #[serde(skip_serializing_if = "is_false")]
    disputed: bool,
    #[serde(skip_serializing_if = "is_false")]
    tentative: bool,
    #[serde(skip_serializing_if = "is_false")]
    plan_changed: bool,
    #[serde(skip_serializing_if = "is_false")]
    uncertain: bool,
}

#[derive(Serialize)]
struct ReportData<'a> {
    year: i32,
    date: String,
    timing: &'a str,
    status: usize,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    excerpt: Option<&'a str>,
    source: usize,
    #[serde(skip_serializing_if = "is_false")]
    uncertain: bool,
}

#[derive(Serialize)]
struct NoteData<'a> {
    year: i32,
    summary: &'a str,
    source: usize,
}

#[derive(Serialize)]
struct SourceData<'a> {
    publisher: &'a str,
    title: &'a str,
    url: &'a str,
    /// Whether `url` may become a link (http or https with a host); else it is text.
    link: bool,
    published: String,
    /// "date inferred", "address incomplete", "low-reliability source".
    flags: Vec<&'a str>,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The interface's words the script uses (assets/lang), by key.
const I18N_KEYS: [&str; 23] = [
    "list.title",
    "list.disputed",
    "panel.close",
    "panel.history",
    "panel.reports_for",
    "panel.no_reports",
    "panel.disputed",
    "panel.plan_changed",
    "panel.uncertain",
    "panel.uncertain_hint",
    "panel.uncertain_short",
    "panel.drawn",
    "panel.former_name",
    "panel.also_written",
    "panel.region",
    "panel.population",
    "panel.other_mentions",
    "overview.click_hint",
    "timing.before",
    "timing.day",
    "years.show_hint",
    "legend.disputed",
    "legend.tentative_hint",
];

fn page_data(dataset: &Dataset, year: i32, lang: Lang) -> PageData<'_> {
    let tr = lang.tr();
    let vocabulary = dataset.vocabulary();
    let legend: Vec<Status> = vocabulary.legend().collect();
    let mut position = [legend.len().saturating_sub(1); Status::SLOTS];
    for (i, s) in legend.iter().enumerate() {
        if let Some(p) = position.get_mut(s.index()) {
            *p = i;
        }
    }
    let position = |s: Status| position.get(s.index()).copied().unwrap_or(0);
    let statuses = legend
        .iter()
        .map(|&s| {
            let colour = vocabulary.colour(s);
            StatusData {
                id: vocabulary.id(s),
                label: tr.status(vocabulary, s),
                meaning: tr.meaning(vocabulary, s),
                colour: colour.hex(),
                ink: ink_on(colour),
            }
        })
        .collect();
    let cities = dataset
        .cities
        .iter()
        .enumerate()
        .map(|(c, city)| {
            let mut names: Vec<&str> = Vec::new();
            let years = dataset
                .years()
                .map(|y| {
                    let name = city_name(dataset, city, y, lang);
                    let n = names.iter().position(|&m| m == name).unwrap_or_else(|| {
                        names.push(name);
                        names.len() - 1
                    });
                    let cell = dataset.city_year(c, y);
                    CellData {
                        s: position(cell.status),
                        d: cell.deciding,
                        n,
                        r: cell.report_count,
                        disputed: cell.disputed,
                        tentative: dataset.is_tentative(c, y),
                        plan_changed: cell.plan_changed,
                        uncertain: cell.uncertain,
                    }
                })
                .collect();
            CityData {
                id: &city.id,
                names,
                all_names: city
                    .names
                    .0
                    .iter()
                    .map(|(code, name)| [tr.language_name(code), name.as_str()])
                    .collect(),
                former: city
                    .name_history
                    .iter()
                    .map(|p| FormerName {
                        name: tr.name(&p.names, dataset.info.name_language.as_deref()),
                        from: p.from.map(|d| d.to_string()),
                        to: p.to.map(|d| d.to_string()),
                    })
                    .collect(),
                aliases: &city.aliases,
                region: &city.region,
                population: city.population,
                years,
                reports: city
                    .reports
                    .iter()
                    .map(|r| ReportData {
                        year: r.year,
                        date: r.date.to_string(),
                        timing: tr.get(match r.timing {
                            crate::model::Timing::Before => "timing.before",
                            crate::model::Timing::Day => "timing.day",
                        }),
                        status: position(r.status),
                        summary: &r.summary,
                        excerpt: r.excerpt.as_deref(),
                        source: r.source,
                        uncertain: r.uncertain,
                    })
                    .collect(),
                notes: city
                    .notes
                    .iter()
                    .map(|n| NoteData {
                        year: n.year,
                        summary: &n.summary,
                        source: n.source,
                    })
                    .collect(),
            }
        })
        .collect();
    let sources = dataset
        .sources
        .iter()
        .map(|s| {
            let mut flags = Vec::new();
            if s.published_uncertain {
                flags.push(tr.get("source.date_inferred"));
            }
            if s.url_partial {
                flags.push(tr.get("source.url_partial"));
            }
            if s.reliability == Reliability::Low {
                flags.push(tr.get("source.low_reliability"));
            }
            SourceData {
                publisher: &s.publisher,
                title: &s.title,
                url: &s.url,
                link: s.has_web_link(),
                published: s.published.to_string(),
                flags,
            }
        })
        .collect();
    let mut words: BTreeMap<&'static str, &str> =
        I18N_KEYS.iter().map(|&k| (k, tr.get(k))).collect();
    for w in Word::ALL {
        words.insert(w.key(), word(lang, w));
    }
    let info = &dataset.info;
    let about = About {
        heading: tr.get("overview.heading"),
        description: &info.description,
        sizes: tr.fmt(
            "overview.sizes",
            &[
                ("cities", &dataset.cities.len()),
                ("reports", &dataset.report_count()),
                ("sources", &dataset.sources.len()),
                ("version", &info.version),
            ],
        ),
    };
    PageData {
        first: dataset.info.first_year,
        last: dataset.info.last_year,
        year,
        lang: lang.code(),
        words,
        statuses,
        cities,
        sources,
        about,
    }
}

/// Black on light colours, white on dark ones (by WCAG relative luminance).
fn ink_on(colour: Rgb) -> &'static str {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = colour.0;
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    // The contrast with black beats the contrast with white above ~0.18.
    if luminance > 0.179 {
        "#000000"
    } else {
        "#FFFFFF"
    }
}

/// The page's own words, which neither the interface's language files nor the figures'
/// have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    TableView,
    DecidingSource,
    Panel,
    MapLabel,
    Keys,
    /// `{version}`
    MadeWith,
    Names,
    /// `{year}`
    StatusIn,
    /// `{date}`
    Published,
    /// `{text}`
    Quote,
}

impl Word {
    const ALL: [Self; 10] = [
        Self::TableView,
        Self::DecidingSource,
        Self::Panel,
        Self::MapLabel,
        Self::Keys,
        Self::MadeWith,
        Self::Names,
        Self::StatusIn,
        Self::Published,
        Self::Quote,
    ];

    /// The key the script looks it up by.
    fn key(self) -> &'static str {
        match self {
            Self::TableView => "page.table",
            Self::DecidingSource => "page.deciding_source",
            Self::Panel => "page.panel",
            Self::MapLabel => "page.map",
            Self::Keys => "page.keys",
            Self::MadeWith => "page.made_with",
            Self::Names => "page.names",
            Self::StatusIn => "page.status_in",
            Self::Published => "page.published",
            Self::Quote => "page.quote",
        }
    }
}

fn word(lang: Lang, word: Word) -> &'static str {
    match (lang, word) {
        (Lang::En, Word::TableView) => "Table of cities",
        (Lang::En, Word::DecidingSource) => "Deciding source",
        (Lang::En, Word::Panel) => "The selected city",
        (Lang::En, Word::MapLabel) => "Map: click a city, or press Enter on it, for its reports",
        (Lang::En, Word::Keys) => {
            "← / → change the year · Tab to a city and press Enter for its reports · Esc closes the panel"
        }
        (Lang::En, Word::MadeWith) => "Made with memorymap {version}",
        (Lang::En, Word::Names) => "Names",
        (Lang::En, Word::StatusIn) => "Status in {year}",
        (Lang::En, Word::Published) => "published {date}",
        (Lang::En, Word::Quote) => "“{text}”",
        (Lang::Ru, Word::TableView) => "Таблица городов",
        (Lang::Ru, Word::DecidingSource) => "Решающий источник",
        (Lang::Ru, Word::Panel) => "Выбранный город",
        (Lang::Ru, Word::MapLabel) => {
            "Карта: нажмите на город или Enter на нём, чтобы увидеть сообщения"
        }
        (Lang::Ru, Word::Keys) => {
            "← / → меняют год · Tab до города и Enter открывают его сообщения · Esc закрывает панель"
        }
        (Lang::Ru, Word::MadeWith) => "Сделано в memorymap {version}",
        (Lang::Ru, Word::Names) => "Названия",
        (Lang::Ru, Word::StatusIn) => "Статус в {year} году",
        (Lang::Ru, Word::Published) => "опубликовано {date}",
        (Lang::Ru, Word::Quote) => "«{text}»",
        (Lang::Kk, Word::TableView) => "Қалалар кестесі",
        (Lang::Kk, Word::DecidingSource) => "Шешуші дереккөз",
        (Lang::Kk, Word::Panel) => "Таңдалған қала",
        (Lang::Kk, Word::MapLabel) => {
            "Карта: хабарларын көру үшін қаланы басыңыз немесе онда Enter басыңыз"
        }
        (Lang::Kk, Word::Keys) => {
            "← / → жылды ауыстырады · Tab арқылы қалаға барып, Enter басыңыз · Esc панельді жабады"
        }
        (Lang::Kk, Word::MadeWith) => "memorymap {version} арқылы жасалған",
        (Lang::Kk, Word::Names) => "Атаулары",
        (Lang::Kk, Word::StatusIn) => "{year} жылғы мәртебесі",
        (Lang::Kk, Word::Published) => "жарияланған күні: {date}",
        (Lang::Kk, Word::Quote) => "«{text}»",
    }
}

#[cfg(test)]
mod tests;
