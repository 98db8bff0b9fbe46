//! The row of year buttons, with Previous/Next (and the arrow keys) to step through them.

use crate::app::Command;
use crate::model::Dataset;

/// Draws the year buttons; returns where each year's button was drawn (its centre),
/// so scripts and tests can click it.
pub fn year_selector_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    year: i32,
    commands: &mut Vec<Command>,
) -> Vec<(i32, egui::Pos2)> {
    let mut centres = Vec::new();
    ui.horizontal_wrapped(|ui| {
        let first = *dataset.years().start();
        let last = *dataset.years().end();
        if ui
            .add_enabled(year > first, egui::Button::new("« Previous"))
            .on_hover_text("Previous year (Left arrow key)")
            .clicked()
        {
            commands.push(Command::StepYear(-1));
        }
        for y in dataset.years() {
            let text = egui::RichText::new(y.to_string()).size(15.0);
            let button =
                egui::Button::new(if y == year { text.strong() } else { text }).selected(y == year);
            let response = ui.add(button).on_hover_text(format!("Show {y}"));
            if response.clicked() {
                commands.push(Command::SetYear(y));
            }
            centres.push((y, response.rect.center()));
        }
        if ui
            .add_enabled(year < last, egui::Button::new("Next »"))
            .on_hover_text("Next year (Right arrow key)")
            .clicked()
        {
            commands.push(Command::StepYear(1));
        }
    });
    centres
}
