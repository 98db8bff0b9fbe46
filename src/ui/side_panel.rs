//! The side panel: the selected city's names, status, history and the reports behind
//! them, or, with nothing selected, the dataset and the country's timeline.

use egui::{Color32, RichText};

use crate::app::Command;
use crate::model::{
    City, CityYear, Dataset, Problem, Reliability, Report, Source, Status, TimelineEntry,
};
use crate::text::count;
use crate::ui::style::{marker_icon_ui, status_color};

const WARN: Color32 = Color32::from_rgb(0xA0, 0x40, 0x00);

/// `warnings` are the problems found when the dataset was loaded that did not stop it.
pub fn side_panel_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    warnings: &[Problem],
    year: i32,
    selected: Option<usize>,
    commands: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            match selected.and_then(|i| dataset.cities.get(i).map(|c| (i, c))) {
                Some((index, city)) => city_ui(ui, dataset, index, city, year, commands),
                None => overview_ui(ui, dataset, warnings, year),
            }
        });
}

fn city_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    index: usize,
    city: &City,
    year: i32,
    commands: &mut Vec<Command>,
) {
    let names = city.names_in(year, dataset.info.event_day);
    ui.horizontal(|ui| {
        ui.heading(&names.en);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Close")
                .on_hover_text("Clear the selection (Esc)")
                .clicked()
            {
                commands.push(Command::Select(None));
            }
            if ui
                .button("Copy link")
                .on_hover_text("Copy the command line that opens this city and year")
                .clicked()
            {
                commands.push(Command::CopyLink(index));
            }
            if ui
                .button("Copy citation")
                .on_hover_text(
                    "Copy a citation: the city, the year, its status, the deciding source and link, and the dataset's version and hash",
                )
                .clicked()
            {
                commands.push(Command::CopyCitation(index));
            }
        });
    });
    egui::Grid::new("names").num_columns(2).show(ui, |ui| {
        for (language, name) in [("Kazakh", &names.kk), ("Russian", &names.ru)] {
            ui.weak(language);
            ui.label(name.as_deref().unwrap_or("—"));
            ui.end_row();
        }
        ui.weak("English");
        ui.label(&names.en);
        ui.end_row();
        if names != &city.names {
            ui.weak("Today");
            ui.label(city.names.iter().collect::<Vec<_>>().join(" · "));
            ui.end_row();
        }
        for period in &city.name_history {
            if &period.names == names {
                continue;
            }
            ui.weak("Former name");
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
            ui.weak("Also written");
            ui.label(aliases.join(", "));
            ui.end_row();
        }
        ui.weak("Region");
        ui.label(&city.region);
        ui.end_row();
        if let Some(population) = city.population {
            ui.weak("Population");
            ui.label(group_thousands(population));
            ui.end_row();
        }
    });

    ui.separator();
    let cell = dataset.city_year(index, year);
    status_line_ui(ui, year, cell);
    if let Some(report) = cell.deciding.and_then(|i| city.reports.get(i)) {
        ui.weak(format!(
            "Decided by the report dated {} ({}), by the dataset's rule.",
            report.date,
            report.timing.label()
        ))
        .on_hover_text(&dataset.info.status_rule);
    }

    ui.add_space(4.0);
    ui.label(RichText::new("History").strong());
    history_ui(ui, dataset, index, year, commands);

    ui.separator();
    let reports: Vec<&Report> = city.reports_in(year).collect();
    ui.label(RichText::new(format!("Reports for {year} ({})", reports.len())).strong());
    if reports.is_empty() {
        ui.label("No source found says anything about this city in this year. This is not a claim that nothing happened.");
    }
    for report in reports {
        let deciding = cell
            .deciding
            .and_then(|i| city.reports.get(i))
            .is_some_and(|r| r.id == report.id);
        report_ui(ui, dataset, report, deciding, cell.disputed);
    }

    let notes: Vec<_> = city.notes.iter().filter(|n| n.year == year).collect();
    if !notes.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Other mentions (no status)").strong());
        for note in notes {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(&note.summary);
                source_ui(ui, &dataset.sources[note.source]);
            });
        }
    }

    let context: Vec<&TimelineEntry> = dataset.timeline.iter().filter(|e| e.covers(year)).collect();
    if !context.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(format!("Nationwide statements about {year}")).strong());
        ui.weak("Context about the whole country — not reports about this city.");
        for entry in context {
            timeline_entry_ui(ui, dataset, entry, true);
        }
    }
}

fn status_line_ui(ui: &mut egui::Ui, year: i32, cell: CityYear) {
    ui.horizontal(|ui| {
        marker_icon_ui(ui, cell.status, 22.0);
        ui.label(
            RichText::new(format!("{year}: {}", cell.status.label()))
                .size(17.0)
                .strong(),
        );
    });
    ui.label(cell.status.meaning());
    if cell.disputed {
        ui.colored_label(
            WARN,
            "! Disputed: sources contradict each other about this year; every report is listed below.",
        );
    }
    if cell.plan_changed {
        ui.colored_label(
            WARN,
            "The plan changed: a report from before the day says otherwise; see below.",
        );
    }
    if cell.uncertain {
        ui.colored_label(
            WARN,
            "The deciding report's year or claim is inferred, not stated by its source.",
        );
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
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(2.0, 2.0);
        for y in dataset.years() {
            let cell = dataset.city_year(index, y);
            let mark = if cell.disputed { "!" } else { "" };
            let response = ui
                .vertical(|ui| {
                    ui.set_width(30.0);
                    marker_icon_ui(ui, cell.status, 18.0);
                    let text = RichText::new(format!("{:02}{mark}", y.rem_euclid(100))).small();
                    ui.add(
                        egui::Button::new(if y == year { text.strong() } else { text })
                            .selected(y == year)
                            .small(),
                    )
                    .on_hover_text(format!(
                        "{y}: {}{}",
                        cell.status.label(),
                        if cell.disputed { " (disputed)" } else { "" }
                    ))
                })
                .inner;
            if response.clicked() {
                commands.push(Command::SetYear(y));
            }
        }
    });
}

fn report_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    report: &Report,
    deciding: bool,
    disputed: bool,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            marker_icon_ui(ui, report.status, 16.0);
            ui.label(
                RichText::new(report.status.label())
                    .strong()
                    .color(darker(status_color(report.status))),
            );
            ui.weak(format!("· {} · {}", report.date, report.timing.label()));
            if deciding && disputed {
                ui.label(RichText::new("drawn on the map").small().italics());
            }
            if report.uncertain {
                ui.colored_label(WARN, RichText::new("uncertain").small())
                    .on_hover_text("The year or the claim is inferred, not stated by the source.");
            }
        });
        ui.label(&report.summary);
        if let Some(excerpt) = &report.excerpt {
            ui.label(RichText::new(format!("“{excerpt}”")).italics());
        }
        source_ui(ui, &dataset.sources[report.source]);
    });
}

fn source_ui(ui: &mut egui::Ui, source: &Source) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let date = if source.published_uncertain {
            format!("{} (date inferred)", source.published)
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
            ui.label(&source.title)
                .on_hover_text(format!("{} (address incomplete)", source.url));
        }
        if source.reliability == Reliability::Low {
            ui.colored_label(WARN, RichText::new("low-reliability source").small());
        }
    });
    if let Some(note) = &source.note {
        ui.weak(note);
    }
}

fn timeline_entry_ui(ui: &mut egui::Ui, dataset: &Dataset, entry: &TimelineEntry, highlight: bool) {
    let frame = egui::Frame::group(ui.style());
    let frame = if highlight {
        frame.fill(ui.visuals().faint_bg_color)
    } else {
        frame
    };
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(entry.years_label()).strong());
            if let Some(status) = entry.status {
                marker_icon_ui(ui, status, 14.0);
                ui.label(status.label());
            }
            ui.weak("· nationwide");
        });
        ui.label(&entry.summary);
        if let Some(excerpt) = &entry.excerpt {
            ui.label(RichText::new(format!("“{excerpt}”")).italics());
        }
        source_ui(ui, &dataset.sources[entry.source]);
        for contest in &entry.contested_by {
            ui.colored_label(WARN, format!("Contested: {}", contest.summary));
            let who: Vec<&str> = contest
                .sources
                .iter()
                .map(|&s| dataset.sources[s].publisher.as_str())
                .collect();
            ui.weak(format!("   per {}", who.join(", ")));
        }
    });
}

fn overview_ui(ui: &mut egui::Ui, dataset: &Dataset, warnings: &[Problem], year: i32) {
    let info = &dataset.info;
    ui.heading("About this dataset");
    ui.label(&info.description);
    ui.weak(format!(
        "{} cities · {} reports · {} sources · version {}",
        dataset.cities.len(),
        dataset.report_count(),
        dataset.sources.len(),
        info.version
    ));
    if !warnings.is_empty() {
        egui::CollapsingHeader::new(
            RichText::new(format!(
                "{} in this file",
                count(warnings.len(), "warning", "warnings")
            ))
            .color(WARN),
        )
        .id_salt("load warnings")
        .show(ui, |ui| {
            for warning in warnings {
                ui.label(RichText::new(warning.to_string()).small());
            }
        });
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new(
            "Click a city on the map to see its names, history and the reports behind its colour.",
        )
        .italics(),
    );
    let counts = dataset.counts(year);
    let reported = dataset.cities.len() - counts[Status::NoReport.index()];
    ui.label(format!(
        "{year}: {reported} of {} cities have at least one report.",
        dataset.cities.len()
    ));
    egui::CollapsingHeader::new("How the colour is chosen")
        .default_open(false)
        .show(ui, |ui| ui.label(&info.status_rule));
    ui.separator();
    ui.label(RichText::new("Country timeline").strong());
    ui.weak("Statements about Kazakhstan as a whole, with who made them and who disagrees.");
    let mut entries: Vec<&TimelineEntry> = dataset.timeline.iter().collect();
    entries.sort_by_key(|e| (e.first_year, e.last_year));
    for entry in entries {
        timeline_entry_ui(ui, dataset, entry, entry.covers(year));
    }
    ui.separator();
    ui.weak(&info.licence);
    ui.weak("Border and regions: Natural Earth (public domain). Region lines predate the 2018 and 2022 reforms; city regions follow the current division.");
}

fn darker(color: Color32) -> Color32 {
    let [r, g, b, _] = color.to_array();
    Color32::from_rgb(r / 4 * 3, g / 4 * 3, b / 4 * 3)
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
