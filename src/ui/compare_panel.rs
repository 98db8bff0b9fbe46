//! Compare mode's panel (View → Compare two years, Ctrl+D): pick year A, see how many
//! cities changed, appeared or went silent by the shown year B, and the list of them.

use egui::RichText;

use crate::command::Command;
use crate::model::Dataset;
use crate::model::compare::{Change, Comparison};
use crate::ui::style::{change_icon_ui, marker_icon_ui};
use crate::ui::tr;

pub fn compare_panel_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    comparison: &Comparison,
    selected: Option<usize>,
    commands: &mut Vec<Command>,
) {
    let tr = tr(ui.ctx());
    let (from, to) = (comparison.from, comparison.to);
    ui.horizontal(|ui| {
        ui.heading(tr.get("compare.heading"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(tr.get("compare.stop"))
                .on_hover_text(tr.get("compare.stop_hint"))
                .clicked()
            {
                commands.push(Command::SetCompare(None));
            }
        });
    });
    ui.horizontal(|ui| {
        let label = ui.label(tr.get("compare.from"));
        egui::ComboBox::from_id_salt("compare from")
            .selected_text(from.to_string())
            // Tall enough for every year, so none hides below a scroll.
            .height(600.0)
            .show_ui(ui, |ui| {
                for y in dataset.years() {
                    if ui.selectable_label(y == from, y.to_string()).clicked() {
                        commands.push(Command::SetCompare(Some(y)));
                    }
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(tr.get("compare.from_hint"));
        ui.label(tr.fmt("compare.to", &[("year", &to)]));
    });
    ui.weak(tr.get("compare.explain"));
    ui.add_space(4.0);

    egui::Grid::new("change counts")
        .num_columns(3)
        .show(ui, |ui| {
            for change in Change::ALL {
                change_icon_ui(ui, change, 16.0);
                ui.label(tr.get(change_key(change)))
                    .on_hover_text(tr.get(change_hint_key(change)));
                ui.strong(comparison.counts[change.index()].to_string());
                ui.end_row();
            }
        });
    ui.separator();

    let listed = comparison.differences().len();
    ui.label(
        RichText::new(tr.fmt(
            "compare.list",
            &[("from", &from), ("to", &to), ("n", &listed)],
        ))
        .strong(),
    );
    if listed == 0 {
        ui.weak(tr.get("compare.none"));
    }
    let event_day = dataset.info.event_day;
    // Only the rows in sight are laid out: a large dataset can list 100,000 cities.
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show_rows(ui, row_height, listed, |ui, rows| {
            for row in rows.filter_map(|n| comparison.difference(n)) {
                let city = &dataset.cities[row.city];
                let name = tr.name(
                    city.names_in(to, event_day),
                    dataset.info.name_language.as_deref(),
                );
                ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 3.0;
                    change_icon_ui(ui, row.change, 14.0);
                    marker_icon_ui(ui, dataset.vocabulary(), row.from, 14.0);
                    marker_icon_ui(ui, dataset.vocabulary(), row.to, 14.0);
                    let text = format!(
                        "{name}: {} → {}",
                        tr.status(dataset.vocabulary(), row.from),
                        tr.status(dataset.vocabulary(), row.to)
                    );
                    let response = ui
                        .selectable_label(selected == Some(row.city), text)
                        .on_hover_text(tr.get(change_hint_key(row.change)));
                    if response.clicked() {
                        commands.push(Command::Select(Some(row.city)));
                    }
                });
            }
            crate::ui::focus::scroll_to_focus(ui);
        });
}

pub fn change_key(change: Change) -> &'static str {
    match change {
        Change::Changed => "change.changed",
        Change::NewlyReported => "change.newly_reported",
        Change::NoLongerReported => "change.no_longer_reported",
        Change::Unchanged => "change.unchanged",
        Change::NeverReported => "change.never_reported",
    }
}

pub fn change_hint_key(change: Change) -> &'static str {
    match change {
        Change::Changed => "change.changed_hint",
        Change::NewlyReported => "change.newly_reported_hint",
        Change::NoLongerReported => "change.no_longer_reported_hint",
        Change::Unchanged => "change.unchanged_hint",
        Change::NeverReported => "change.never_reported_hint",
    }
}
