//! The side panel: the selected city's names, status, history and the reports behind
//! them, or, with nothing selected, the dataset and the country's timeline.

use egui::RichText;

use crate::command::Command;
use crate::i18n::Strings;
use crate::model::compare::CityChange;
use crate::model::{
    City, CityYear, Dataset, Problem, Reliability, Report, Status, TimelineEntry, Timing,
};
use crate::ui::compare_panel::change_hint_key;
use crate::ui::map_view::change_text;
use crate::ui::style::{WARN, change_icon_ui, marker_icon_ui, status_text_color};
use crate::ui::tr;

/// What the side panel shows.
pub struct SidePanelInput<'a> {
    pub dataset: &'a Dataset,
    /// Problems found when the dataset was loaded that did not stop it.
    pub warnings: &'a [Problem],
    pub year: i32,
    /// Compare mode: the year compared with `year`.
    pub compare: Option<i32>,
    pub selected: Option<usize>,
    /// The map shows Kazakhstan's regions, whose lines predate its reforms: say so.
    pub kz_regions_note: bool,
}

pub fn side_panel_ui(ui: &mut egui::Ui, input: &SidePanelInput<'_>, commands: &mut Vec<Command>) {
    let dataset = input.dataset;
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            match input
                .selected
                .and_then(|i| dataset.cities.get(i).map(|c| (i, c)))
            {
                Some((index, city)) => city_ui(ui, input, index, city, commands),
                None => overview_ui(ui, input),
            }
            crate::ui::focus::scroll_to_focus(ui);
        });
}

fn city_ui(
    ui: &mut egui::Ui,
    input: &SidePanelInput<'_>,
    index: usize,
    city: &City,
    commands: &mut Vec<Command>,
) {
    let (dataset, year) = (input.dataset, input.year);
    let tr = tr(ui.ctx());
    let names = city.names_in(year, dataset.info.event_day);
    ui.heading(tr.name(names, dataset.info.name_language.as_deref()));
    // The buttons get a row of their own: their labels are long in Russian and Kazakh.
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(tr.get("panel.copy_citation"))
            .on_hover_text(tr.get("panel.copy_citation_hint"))
            .clicked()
        {
            commands.push(Command::CopyCitation(index));
        }
        if ui
            .button(tr.get("panel.copy_link"))
            .on_hover_text(tr.get("panel.copy_link_hint"))
            .clicked()
        {
            commands.push(Command::CopyLink(index));
        }
        if ui
            .button(tr.get("panel.close"))
            .on_hover_text(tr.get("panel.close_hint"))
            .clicked()
        {
            commands.push(Command::Select(None));
        }
    });
    egui::Grid::new("names").num_columns(2).show(ui, |ui| {
        // Only the languages the city has a name in, named in the interface's language.
        for (language, name) in &names.0 {
            ui.weak(tr.language_name(language))
                .on_hover_text(language.as_str());
            ui.label(name);
            ui.end_row();
        }
        if names != &city.names {
            ui.weak(tr.get("panel.today"));
            ui.label(city.names.iter().collect::<Vec<_>>().join(" · "));
            ui.end_row();
        }
        for period in &city.name_history {
            if &period.names == names {
                continue;
            }
            ui.weak(tr.get("panel.former_name"));
            let from = period
                .from
                .map_or_else(|| "…".to_owned(), |d| d.to_string());
            let to = period.to.map_or_else(|| "…".to_owned(), |d| d.to_string());
            ui.label(format!(
                "{} ({from} – {to})",
                period.names.iter().collect::<Vec<_>>().join(" · ")
            ));
            ui.end_row();
        }
        // Aliases that are not already shown as a current or former name.
        let shown: Vec<&str> = city.official_names().collect();
        let aliases: Vec<&str> = city
            .aliases
            .iter()
            .map(String::as_str)
            .filter(|a| !shown.contains(a))
            .collect();
        if !aliases.is_empty() {
            ui.weak(tr.get("panel.also_written"));
            ui.label(aliases.join(", "));
            ui.end_row();
        }
        ui.weak(tr.get("panel.region"));
        ui.label(&city.region);
        ui.end_row();
        if let Some(population) = city.population {
            ui.weak(tr.get("panel.population"));
            ui.label(group_thousands(population));
            ui.end_row();
        }
    });

    ui.separator();
    let compare = input.compare.filter(|&a| a != year);
    if let Some(from) = compare {
        let change = CityChange::new(dataset, index, from, year);
        ui.horizontal(|ui| {
            change_icon_ui(ui, change.change, 18.0);
            ui.strong(change_text(tr, dataset.vocabulary(), &change, from, year));
        });
        ui.weak(tr.get(change_hint_key(change.change)));
        ui.add_space(4.0);
    }
    for y in std::iter::once(year).chain(compare) {
        let cell = dataset.city_year(index, y);
        let deciding = cell.deciding.and_then(|i| city.reports.get(i));
        status_line_ui(ui, dataset, y, cell, deciding);
        if let Some(report) = deciding {
            ui.weak(tr.fmt(
                "panel.decided_by",
                &[
                    ("date", &report.date),
                    ("timing", &timing(tr, report.timing)),
                ],
            ))
            .on_hover_text(&dataset.info.status_rule);
            let tied = same_date_as(city, y, report);
            if tied.len() >= 2 {
                let key = if tied.iter().any(|r| r.status != report.status) {
                    "panel.same_date_disagree"
                } else {
                    "panel.same_date_agree"
                };
                ui.weak(tr.get(key))
                    .on_hover_text(&dataset.info.status_rule);
            }
        }
    }

    ui.add_space(4.0);
    ui.label(RichText::new(tr.get("panel.history")).strong());
    history_ui(ui, dataset, index, year, commands);

    for y in std::iter::once(year).chain(compare) {
        ui.separator();
        reports_ui(ui, dataset, index, city, y);
    }

    let notes: Vec<_> = city.notes.iter().filter(|n| n.year == year).collect();
    if !notes.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(tr.get("panel.other_mentions")).strong());
        for note in notes {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(&note.summary);
                source_ui(ui, dataset, note.source);
                check_ui(ui, note.checked.as_ref());
            });
        }
    }

    // Statements about the whole area, and about the city's own country (not its
    // neighbours', in a dataset that spans several).
    let country = city_country(ui.ctx(), city);
    let context: Vec<&TimelineEntry> = dataset
        .timeline
        .iter()
        .filter(|e| e.covers(year))
        .filter(|e| e.country.is_none() || e.country == country)
        .collect();
    if !context.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(tr.fmt("panel.nationwide", &[("year", &year)])).strong());
        ui.weak(tr.get("panel.nationwide_note"));
        for entry in context {
            timeline_entry_ui(ui, dataset, entry, true);
        }
    }
}

/// The year's reports the status rule told apart from `deciding` only by their order in
/// the file: those with its timing, date and certainty (`deciding` among them).
fn same_date_as<'a>(city: &'a City, year: i32, deciding: &Report) -> Vec<&'a Report> {
    city.reports_in(year)
        .filter(|r| {
            r.timing == deciding.timing
                && (r.date, r.uncertain) == (deciding.date, deciding.uncertain)
        })
        .collect()
}

/// The reports about one city in one year, the deciding one first, or a plain "no
/// report" that claims nothing.
fn reports_ui(ui: &mut egui::Ui, dataset: &Dataset, index: usize, city: &City, year: i32) {
    let tr = tr(ui.ctx());
    let cell = dataset.city_year(index, year);
    let deciding = cell.deciding.and_then(|i| city.reports.get(i));
    let is_deciding = |r: &Report| deciding.is_some_and(|d| std::ptr::eq(d, r));
    let mut reports: Vec<&Report> = city.reports_in(year).collect();
    // Stable: the others stay in the file's order.
    reports.sort_by_key(|r| !is_deciding(r));
    ui.label(
        RichText::new(tr.fmt(
            "panel.reports_for",
            &[("year", &year), ("n", &reports.len())],
        ))
        .strong(),
    );
    if reports.is_empty() {
        ui.label(tr.get("panel.no_reports"));
    }
    for report in reports {
        // When the panel already says that sources disagree, or that the plan changed,
        // the reports that say otherwise than the map are marked.
        let contradicts = (cell.disputed || cell.plan_changed)
            && deciding.is_some_and(|d| {
                !is_deciding(report) && dataset.vocabulary().contradicts(report.status, d.status)
            });
        report_ui(ui, dataset, report, is_deciding(report), contradicts);
    }
}

fn timing(tr: &Strings, timing: Timing) -> &str {
    match timing {
        Timing::Before => tr.get("timing.before"),
        Timing::Day => tr.get("timing.day"),
    }
}

/// The year's status, headed with who says so: "2025: Held, renamed — Zakon.kz, 2025-05-09".
fn status_line_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    year: i32,
    cell: CityYear,
    deciding: Option<&Report>,
) {
    let tr = tr(ui.ctx());
    let status = tr.status(dataset.vocabulary(), cell.status);
    let heading = match deciding.map(|r| (r, dataset.sources.get(r.source))) {
        Some((report, Some(source))) => tr.fmt(
            "panel.status_by",
            &[
                ("year", &year),
                ("status", &status),
                ("publisher", &source.publisher),
                ("date", &report.date),
            ],
        ),
        _ => format!("{year}: {status}"),
    };
    ui.horizontal(|ui| {
        marker_icon_ui(ui, dataset.vocabulary(), cell.status, 22.0);
        ui.add(egui::Label::new(RichText::new(heading).size(17.0).strong()).wrap());
    });
    ui.label(tr.meaning(dataset.vocabulary(), cell.status));
    if cell.disputed {
        ui.colored_label(WARN, tr.get("panel.disputed"));
    }
    if cell.plan_changed {
        ui.colored_label(WARN, tr.get("panel.plan_changed"));
    }
    if cell.uncertain {
        ui.colored_label(WARN, tr.get("panel.uncertain"));
    }
}

/// One cell per year: the marker and the year; a click goes to that year.
fn history_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    index: usize,
    year: i32,
    commands: &mut Vec<Command>,
) {
    let tr = tr(ui.ctx());
    // Rows of as many years as fit: a long span (a century) wraps into more rows and
    // never widens the panel.
    const CELL: f32 = 30.0;
    const GAP: f32 = 2.0;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let per_row = (((ui.available_width() + GAP) / (CELL + GAP)).floor() as usize).max(1);
    let years: Vec<i32> = dataset.years().collect();
    for row in years.chunks(per_row) {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing = egui::vec2(GAP, GAP);
            for &y in row {
                let cell = dataset.city_year(index, y);
                let mark = if cell.disputed { "!" } else { "" };
                let response = ui
                    .vertical(|ui| {
                        ui.set_width(CELL);
                        marker_icon_ui(ui, dataset.vocabulary(), cell.status, 18.0);
                        let text = RichText::new(format!("{:02}{mark}", y.rem_euclid(100))).small();
                        ui.add(
                            egui::Button::new(if y == year { text.strong() } else { text })
                                .selected(y == year)
                                .small(),
                        )
                        .on_hover_text(if cell.disputed {
                            format!(
                                "{y}: {} ({})",
                                tr.status(dataset.vocabulary(), cell.status),
                                tr.get("list.disputed")
                            )
                        } else {
                            format!("{y}: {}", tr.status(dataset.vocabulary(), cell.status))
                        })
                    })
                    .inner;
                if response.clicked() {
                    commands.push(Command::SetYear(y));
                }
            }
        });
    }
}

/// One report's card; `deciding` marks the report the map shows, `contradicts` one
/// that says otherwise.
fn report_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    report: &Report,
    deciding: bool,
    contradicts: bool,
) {
    let tr = tr(ui.ctx());
    let background = ui.visuals().panel_fill;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            marker_icon_ui(ui, dataset.vocabulary(), report.status, 16.0);
            ui.label(
                RichText::new(tr.status(dataset.vocabulary(), report.status))
                    .strong()
                    .color(status_text_color(
                        dataset.vocabulary(),
                        report.status,
                        background,
                    )),
            );
            ui.weak(format!("· {} · {}", report.date, timing(tr, report.timing)));
            if deciding {
                ui.label(RichText::new(tr.get("panel.drawn")).small().italics());
            }
            if report.uncertain {
                ui.colored_label(WARN, RichText::new(tr.get("panel.uncertain_short")).small())
                    .on_hover_text(tr.get("panel.uncertain_hint"));
            }
        });
        if contradicts {
            ui.colored_label(WARN, tr.get("panel.contradicts"));
        }
        ui.label(&report.summary);
        if let Some(excerpt) = &report.excerpt {
            ui.label(RichText::new(format!("“{excerpt}”")).italics());
        }
        source_ui(ui, dataset, report.source);
        check_ui(ui, report.checked.as_ref());
    });
}

/// How the item was checked against its source: "Checked against the page (2026-12-01):
/// claim, date, excerpt", "Page not found when checked", or "Not checked".
fn check_ui(ui: &mut egui::Ui, check: Option<&crate::model::Check>) {
    use crate::model::{CheckedAgainst, Confirmed};
    let tr = tr(ui.ctx());
    let text = match check {
        None => tr.get("check.none").to_owned(),
        Some(check) => {
            let what: Vec<&str> = Confirmed::ALL
                .into_iter()
                .filter(|w| check.what.contains(w))
                .map(|w| {
                    tr.get(match w {
                        Confirmed::Claim => "check.claim",
                        Confirmed::Date => "check.date",
                        Confirmed::Excerpt => "check.excerpt",
                        Confirmed::Place => "check.place",
                        Confirmed::Status => "check.status",
                    })
                })
                .collect();
            let key = match check.against {
                CheckedAgainst::Page => "check.page",
                CheckedAgainst::Archive => "check.archive",
                CheckedAgainst::NotFound => "check.not_found",
            };
            let what = if what.is_empty() {
                tr.get("check.nothing").to_owned()
            } else {
                what.join(", ")
            };
            tr.fmt(key, &[("on", &check.on), ("what", &what)])
        }
    };
    let response = ui.weak(text);
    if let Some(note) = check.and_then(|c| c.note.as_deref()) {
        response.on_hover_text(note);
    }
}

fn source_ui(ui: &mut egui::Ui, dataset: &Dataset, index: usize) {
    let source = &dataset.sources[index];
    let tr = tr(ui.ctx());
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let date = if source.published_uncertain {
            format!("{} ({})", source.published, tr.get("source.date_inferred"))
        } else {
            source.published.to_string()
        };
        ui.weak(format!(
            "— {}, {date}, {}:",
            source.publisher, source.language
        ));
        if source.has_web_link() && !source.url_partial {
            ui.hyperlink_to(&source.title, &source.url)
                .on_hover_text(&source.url);
        } else {
            ui.label(&source.title).on_hover_text(format!(
                "{} ({})",
                source.url,
                tr.get("source.url_partial")
            ));
        }
        if source.reliability == Reliability::Low {
            ui.colored_label(
                WARN,
                RichText::new(tr.get("source.low_reliability")).small(),
            );
        }
    });
    if let Some(note) = &source.note {
        ui.weak(note);
    }
    if let Some(origin) = source.republishes.and_then(|o| dataset.sources.get(o)) {
        ui.weak(tr.fmt(
            "source.republishes",
            &[("publisher", &origin.publisher), ("title", &origin.title)],
        ));
    }
}

/// The country a city lies in (ISO 3166-1 alpha-2), from the world basemap; looked up
/// once per city and remembered.
fn city_country(ctx: &egui::Context, city: &City) -> Option<String> {
    let id = egui::Id::unique((
        "city country",
        &city.id,
        city.location.lon.to_bits(),
        city.location.lat.to_bits(),
    ));
    if let Some(known) = ctx.data(|d| d.get_temp::<Option<String>>(id)) {
        return known;
    }
    let found = crate::geography::world::world()
        .and_then(|w| w.country_at(city.location.lon, city.location.lat))
        .map(|f| f.id.clone());
    ctx.data_mut(|d| d.insert_temp(id, found.clone()));
    found
}

/// A country's name from the basemap (English, as Natural Earth gives it), else its code.
fn country_name(code: &str) -> String {
    crate::geography::world::world()
        .and_then(|w| w.layer("countries/110m"))
        .and_then(|l| l.features.iter().find(|f| f.id == code))
        .map_or_else(|| code.to_owned(), |f| f.name.clone())
}

fn timeline_entry_ui(ui: &mut egui::Ui, dataset: &Dataset, entry: &TimelineEntry, highlight: bool) {
    let frame = egui::Frame::group(ui.style());
    let frame = if highlight {
        frame.fill(ui.visuals().faint_bg_color)
    } else {
        frame
    };
    let tr = tr(ui.ctx());
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(entry.years_label()).strong());
            if let Some(status) = entry.status {
                marker_icon_ui(ui, dataset.vocabulary(), status, 14.0);
                ui.label(tr.status(dataset.vocabulary(), status));
            }
            match entry.country.as_deref() {
                Some(code) => ui.weak(format!(
                    "· {}",
                    tr.fmt(
                        "timeline_entry.about_country",
                        &[("country", &country_name(code))]
                    )
                )),
                None => ui.weak(format!("· {}", tr.get("timeline_entry.nationwide"))),
            };
        });
        ui.label(&entry.summary);
        if let Some(excerpt) = &entry.excerpt {
            ui.label(RichText::new(format!("“{excerpt}”")).italics());
        }
        source_ui(ui, dataset, entry.source);
        check_ui(ui, entry.checked.as_ref());
        for contest in &entry.contested_by {
            ui.colored_label(
                WARN,
                tr.fmt("timeline_entry.contested", &[("summary", &contest.summary)]),
            );
            let who: Vec<&str> = contest
                .sources
                .iter()
                .map(|&s| dataset.sources[s].publisher.as_str())
                .collect();
            ui.weak(format!(
                "   {}",
                tr.fmt("timeline_entry.per", &[("who", &who.join(", "))])
            ));
        }
    });
}

fn overview_ui(ui: &mut egui::Ui, input: &SidePanelInput<'_>) {
    let (dataset, warnings, year) = (input.dataset, input.warnings, input.year);
    let info = &dataset.info;
    let tr = tr(ui.ctx());
    ui.heading(tr.get("overview.heading"));
    ui.label(&info.description);
    ui.weak(tr.fmt(
        "overview.sizes",
        &[
            ("cities", &dataset.cities.len()),
            ("reports", &dataset.report_count()),
            ("sources", &dataset.sources.len()),
            ("version", &info.version),
        ],
    ));
    let checks = dataset.check_counts();
    ui.weak(tr.fmt(
        "overview.checks",
        &[
            ("page", &checks.page),
            ("items", &checks.items),
            ("archive", &checks.archive),
            ("not_found", &checks.not_found),
            ("unchecked", &checks.unchecked()),
        ],
    ));
    if !warnings.is_empty() {
        egui::CollapsingHeader::new(
            RichText::new(tr.fmt("overview.warnings", &[("n", &warnings.len())])).color(WARN),
        )
        .id_salt("load warnings")
        .show(ui, |ui| {
            for warning in warnings {
                ui.label(RichText::new(warning.to_string()).small());
            }
        });
    }
    ui.add_space(4.0);
    ui.label(RichText::new(tr.get("overview.click_hint")).italics());
    let counts = dataset.counts(year);
    let reported = dataset.cities.len() - counts[Status::NO_REPORT.index()];
    ui.label(tr.fmt(
        "overview.reported",
        &[
            ("year", &year),
            ("reported", &reported),
            ("cities", &dataset.cities.len()),
        ],
    ));
    egui::CollapsingHeader::new(tr.get("overview.rule"))
        .id_salt("status rule")
        .default_open(false)
        .show(ui, |ui| ui.label(&info.status_rule));
    ui.separator();
    ui.label(RichText::new(tr.get("overview.timeline")).strong());
    match &info.area {
        Some(area) => ui.weak(tr.fmt("overview.timeline_note", &[("area", area)])),
        None => ui.weak(tr.get("overview.timeline_note_generic")),
    };
    let mut entries: Vec<&TimelineEntry> = dataset.timeline.iter().collect();
    entries.sort_by_key(|e| (e.first_year, e.last_year));
    for entry in entries {
        timeline_entry_ui(ui, dataset, entry, entry.covers(year));
    }
    ui.separator();
    ui.weak(&info.licence);
    ui.weak(tr.get("overview.basemap_note"));
    if input.kz_regions_note {
        ui.weak(tr.get("overview.kz_regions_note"));
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        assert_eq!(super::group_thousands(2_000_900), "2,000,900");
        assert_eq!(super::group_thousands(999), "999");
        assert_eq!(super::group_thousands(1000), "1,000");
    }
}
