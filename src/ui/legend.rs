//! The legend: every status with its marker and how many cities have it this year. A click
//! on an entry hides or shows that status on the map; the counts stay.

use egui::RichText;

use crate::app::Command;
use crate::model::{Dataset, Status};
use crate::ui::style::{disputed_icon_ui, marker_icon_ui};

pub fn legend_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    year: i32,
    hidden: &[bool; Status::ALL.len()],
    commands: &mut Vec<Command>,
) {
    let counts = dataset.counts(year);
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("{year}:"));
        for status in Status::ALL {
            let count = counts[status.index()];
            let shown = !hidden[status.index()];
            ui.scope(|ui| {
                ui.spacing_mut().item_spacing.x = 3.0;
                // A toggle (AccessKit sees it selected while shown) that looks like a label.
                let text_color = ui.visuals().text_color();
                let selection = &mut ui.visuals_mut().selection;
                selection.bg_fill = egui::Color32::TRANSPARENT;
                selection.stroke.color = text_color;
                if !shown {
                    ui.multiply_opacity(0.35);
                }
                marker_icon_ui(ui, status, 16.0);
                let text = RichText::new(format!("{} {count}", status.label()));
                let text = if shown { text } else { text.strikethrough() };
                let hint = if shown {
                    "click to hide these cities on the map"
                } else {
                    "hidden on the map: click to show"
                };
                let entry = ui
                    .add(egui::Button::selectable(shown, text))
                    .on_hover_text(format!("{} ({hint})", status.meaning()));
                if entry.clicked() {
                    commands.push(Command::ToggleStatus(status));
                }
            });
            ui.add_space(4.0);
        }
        disputed_icon_ui(ui, 16.0);
        ui.label("Sources disagree")
            .on_hover_text("Two reports about the same city and year contradict each other");
        ui.add_space(8.0);
        let mut only_reported = hidden[Status::NoReport.index()];
        if ui
            .checkbox(&mut only_reported, "Only cities with reports")
            .changed()
        {
            commands.push(Command::ToggleStatus(Status::NoReport));
        }
    });
}
