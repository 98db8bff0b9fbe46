//! The city list (View → City list, Ctrl+L): every city with its region, its status in the
//! shown year and how many reports it has then; sortable by any column; a click selects.
//! The same information as the map, for people who do not use a map.

use crate::command::Command;
use crate::i18n::Strings;
use crate::model::Dataset;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Name,
    Region,
    Status,
    Reports,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ListSort {
    pub by: SortBy,
    pub descending: bool,
}

/// City indices in the order the list shows them.
pub fn sorted_cities(dataset: &Dataset, year: i32, sort: ListSort, tr: &Strings) -> Vec<usize> {
    let event_day = dataset.info.event_day;
    let mut order: Vec<usize> = (0..dataset.cities.len()).collect();
    let name = |i: usize| {
        tr.name(
            dataset.cities[i].names_in(year, event_day),
            dataset.info.name_language.as_deref(),
        )
        .to_lowercase()
    };
    order.sort_by(|&a, &b| {
        let (ca, cb) = (dataset.city_year(a, year), dataset.city_year(b, year));
        let key = match sort.by {
            SortBy::Name => std::cmp::Ordering::Equal,
            SortBy::Region => dataset.cities[a].region.cmp(&dataset.cities[b].region),
            SortBy::Status => ca.status.index().cmp(&cb.status.index()),
            SortBy::Reports => ca.report_count.cmp(&cb.report_count),
        };
        let key = if sort.descending { key.reverse() } else { key };
        let by_name = name(a).cmp(&name(b));
        if sort.by == SortBy::Name && sort.descending {
            by_name.reverse()
        } else {
            key.then(by_name)
        }
    });
    order
}

pub fn city_list_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    year: i32,
    selected: Option<usize>,
    sort: &mut ListSort,
    commands: &mut Vec<Command>,
) {
    let event_day = dataset.info.event_day;
    let tr = crate::ui::tr(ui.ctx());
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            egui::Grid::new("city list")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    for (by, title) in [
                        (SortBy::Name, "list.city"),
                        (SortBy::Region, "list.region"),
                        (SortBy::Status, "list.status"),
                        (SortBy::Reports, "list.reports"),
                    ] {
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
                        if ui
                            .add(egui::Button::new(egui::RichText::new(text).strong()).frame(false))
                            .on_hover_text(tr.get("list.sort_hint"))
                            .clicked()
                        {
                            if sort.by == by {
                                sort.descending = !sort.descending;
                            } else {
                                // Counts are wanted most first; words A–Z.
                                *sort = ListSort {
                                    by,
                                    descending: by == SortBy::Reports,
                                };
                            }
                        }
                    }
                    ui.end_row();
                    for index in sorted_cities(dataset, year, *sort, tr) {
                        let city = &dataset.cities[index];
                        let cell = dataset.city_year(index, year);
                        let name = tr.name(
                            city.names_in(year, event_day),
                            dataset.info.name_language.as_deref(),
                        );
                        let row = ui
                            .selectable_label(selected == Some(index), name)
                            .on_hover_text(tr.get("list.select_hint"));
                        // Screen readers hear the status with the name, as on the map.
                        row.widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::accesskit::Role::Button,
                                true,
                                selected == Some(index),
                                format!(
                                    "{name}, {}, {year}: {}",
                                    city.region,
                                    tr.status(dataset.vocabulary(), cell.status)
                                ),
                            )
                        });
                        if row.clicked() {
                            commands.push(Command::Select(Some(index)));
                        }
                        ui.label(&city.region);
                        let mut status = tr.status(dataset.vocabulary(), cell.status).to_owned();
                        if cell.disputed {
                            status.push_str(&format!(" ({})", tr.get("list.disputed")));
                        }
                        ui.label(status);
                        ui.label(cell.report_count.to_string());
                        ui.end_row();
                    }
                });
        });
}
