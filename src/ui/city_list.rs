//! The city list (View → City list, Ctrl+L): every city with its region, its status in the
//! shown year (with the map's colour and shape) and how many reports it has then; sortable
//! by any column; a click selects. The same information as the map, for people who do not
//! use a map. The order is worked out once per year, sort, language and dataset
//! ([`ListOrder`]), and only the rows in view are laid out.

use crate::command::Command;
pub use crate::command::{ListSort, SortBy};
use crate::i18n::Strings;
use crate::model::Dataset;

/// City indices in the order the list shows them.
pub fn sorted_cities(dataset: &Dataset, year: i32, sort: ListSort, tr: &Strings) -> Vec<usize> {
    let event_day = dataset.info.event_day;
    // Each name once, not twice per comparison.
    let names: Vec<String> = dataset
        .cities
        .iter()
        .map(|city| {
            tr.name(
                city.names_in(year, event_day),
                dataset.info.name_language.as_deref(),
            )
            .to_lowercase()
        })
        .collect();
    let mut order: Vec<usize> = (0..dataset.cities.len()).collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (dataset.city_year(a, year), dataset.city_year(b, year));
        let key = match sort.by {
            SortBy::Name => std::cmp::Ordering::Equal,
            SortBy::Region => dataset.cities[a].region.cmp(&dataset.cities[b].region),
            SortBy::Status => ca.status.index().cmp(&cb.status.index()),
            SortBy::Reports => ca.report_count.cmp(&cb.report_count),
        };
        let key = if sort.descending { key.reverse() } else { key };
        let by_name = names[a].cmp(&names[b]);
        if sort.by == SortBy::Name && sort.descending {
            by_name.reverse()
        } else {
            key.then(by_name)
        }
    });
    order
}

/// The list's order, kept until the dataset, the year, the sort or the language changes.
#[derive(Debug, Default)]
pub struct ListOrder {
    key: Option<(u64, i32, ListSort, usize)>,
    order: Vec<usize>,
}

impl ListOrder {
    /// The order for the dataset of `generation` in `year`, sorted anew only when needed.
    pub fn get(
        &mut self,
        dataset: &Dataset,
        generation: u64,
        year: i32,
        sort: ListSort,
        tr: &'static Strings,
    ) -> &[usize] {
        // Each language's strings are one static table: its address names the language.
        let key = (generation, year, sort, std::ptr::from_ref(tr) as usize);
        if self.key != Some(key) {
            self.order = sorted_cities(dataset, year, sort, tr);
            self.key = Some(key);
        }
        &self.order
    }
}

/// Column widths: city, region, status, reports.
const COLUMNS: [f32; 4] = [190.0, 170.0, 220.0, 70.0];

/// A cell of the given width, its content left-aligned and vertically centred.
fn cell<R>(ui: &mut egui::Ui, width: f32, height: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(egui::vec2(width, height));
            ui.set_max_width(width);
            add(ui)
        },
    )
    .inner
}

fn header_ui(ui: &mut egui::Ui, sort: ListSort, tr: &Strings, commands: &mut Vec<Command>) {
    let height = ui.spacing().interact_size.y;
    ui.horizontal(|ui| {
        for ((by, title), width) in [
            (SortBy::Name, "list.city"),
            (SortBy::Region, "list.region"),
            (SortBy::Status, "list.status"),
            (SortBy::Reports, "list.reports"),
        ]
        .into_iter()
        .zip(COLUMNS)
        {
            let title = tr.get(title);
            // The order in words that fit the column: names A–Z, counts most first.
            let text = if sort.by == by {
                let order = match (by, sort.descending) {
                    (SortBy::Reports, true) => "list.order_most",
                    (SortBy::Reports, false) => "list.order_fewest",
                    (SortBy::Status, false) => "list.order_legend",
                    (SortBy::Status, true) => "list.order_legend_reversed",
                    (_, false) => "list.order_az",
                    (_, true) => "list.order_za",
                };
                format!("{title} ({})", tr.get(order))
            } else {
                title.to_owned()
            };
            let clicked = cell(ui, width, height, |ui| {
                ui.add(egui::Button::new(egui::RichText::new(text).strong()).frame(false))
                    .on_hover_text(tr.get("list.sort_hint"))
                    .clicked()
            });
            if clicked {
                let next = if sort.by == by {
                    ListSort {
                        by,
                        descending: !sort.descending,
                    }
                } else {
                    // Counts are wanted most first; words A–Z.
                    ListSort {
                        by,
                        descending: by == SortBy::Reports,
                    }
                };
                commands.push(Command::SortList(next));
            }
        }
    });
}

#[allow(clippy::too_many_arguments)]
pub fn city_list_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    generation: u64,
    year: i32,
    selected: Option<usize>,
    sort: ListSort,
    order: &mut ListOrder,
    commands: &mut Vec<Command>,
) {
    let event_day = dataset.info.event_day;
    let tr = crate::ui::tr(ui.ctx());
    let vocabulary = dataset.vocabulary();
    header_ui(ui, sort, tr, commands);
    ui.separator();
    let row_height = ui.spacing().interact_size.y.max(20.0);
    let rows = order.get(dataset, generation, year, sort, tr);
    let stripe = ui.visuals().faint_bg_color;
    let background = ui.visuals().window_fill;
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for (n, &index) in rows.iter().enumerate().skip(range.start).take(range.len()) {
                let city = &dataset.cities[index];
                let city_year = dataset.city_year(index, year);
                let name = tr.name(
                    city.names_in(year, event_day),
                    dataset.info.name_language.as_deref(),
                );
                let status = tr.status(vocabulary, city_year.status);
                ui.horizontal(|ui| {
                    if n % 2 == 1 {
                        let rect = egui::Rect::from_min_size(
                            ui.cursor().min,
                            egui::vec2(COLUMNS.iter().sum::<f32>() + 24.0, row_height),
                        );
                        ui.painter().rect_filled(rect, 0.0, stripe);
                    }
                    let row = cell(ui, COLUMNS[0], row_height, |ui| {
                        ui.selectable_label(selected == Some(index), name)
                            .on_hover_text(tr.get("list.select_hint"))
                    });
                    // Screen readers hear the status with the name, as on the map.
                    row.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::accesskit::Role::Button,
                            true,
                            selected == Some(index),
                            format!("{name}, {}, {year}: {status}", city.region),
                        )
                    });
                    if row.clicked() {
                        commands.push(Command::Select(Some(index)));
                    }
                    cell(ui, COLUMNS[1], row_height, |ui| {
                        ui.add(egui::Label::new(&city.region).truncate());
                    });
                    cell(ui, COLUMNS[2], row_height, |ui| {
                        // The map's marker, so colour and shape read as on the map.
                        crate::ui::style::marker_icon_ui(ui, vocabulary, city_year.status, 14.0);
                        if city_year.tentative {
                            crate::ui::style::tentative_icon_ui(ui, 14.0)
                                .on_hover_text(tr.get("legend.tentative_hint"));
                        }
                        let colour = crate::ui::style::status_text_color(
                            vocabulary,
                            city_year.status,
                            background,
                        );
                        let mut text = status.to_owned();
                        if city_year.disputed {
                            text.push_str(&format!(" ({})", tr.get("list.disputed")));
                        }
                        ui.add(
                            egui::Label::new(egui::RichText::new(text).color(colour)).truncate(),
                        );
                    });
                    cell(ui, COLUMNS[3], row_height, |ui| {
                        ui.label(city_year.report_count.to_string());
                    });
                });
            }
        });
}
