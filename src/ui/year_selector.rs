//! The row of year buttons with ← and → to step through them.

use crate::app::Command;
use crate::model::Dataset;

pub fn year_selector_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    year: i32,
    commands: &mut Vec<Command>,
) {
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
            let button = egui::Button::new(
                egui::RichText::new(y.to_string())
                    .strong()
                    .size(if y == year { 16.0 } else { 14.0 }),
            )
            .selected(y == year);
            if ui.add(button).on_hover_text(format!("Show {y}")).clicked() {
                commands.push(Command::SetYear(y));
            }
        }
        if ui
            .add_enabled(year < last, egui::Button::new("Next »"))
            .on_hover_text("Next year (Right arrow key)")
            .clicked()
        {
            commands.push(Command::StepYear(1));
        }
    });
}
