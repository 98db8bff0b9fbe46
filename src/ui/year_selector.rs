//! The row of year buttons, with Previous/Next (and the arrow keys) to step through them.

use crate::command::Command;
use crate::model::Dataset;

/// Draws the year buttons; returns where each year's button was drawn (its centre),
/// so scripts and tests can click it.
pub fn year_selector_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    year: i32,
    compare: Option<i32>,
    commands: &mut Vec<Command>,
) -> Vec<(i32, egui::Pos2)> {
    let tr = crate::ui::tr(ui.ctx());
    let mut centres = Vec::new();
    ui.horizontal_wrapped(|ui| {
        let first = *dataset.years().start();
        let last = *dataset.years().end();
        if ui
            .add_enabled(year > first, egui::Button::new(tr.get("years.previous")))
            .on_hover_text(tr.get("years.previous_hint"))
            .clicked()
        {
            commands.push(Command::StepYear(-1));
        }
        for y in dataset.years() {
            let text = egui::RichText::new(y.to_string()).size(15.0);
            let text = if y == year { text.strong() } else { text };
            // The compared year is underlined (and said so in its hover text).
            let compared = compare == Some(y) && y != year;
            let text = if compared { text.underline() } else { text };
            let button = egui::Button::new(text).selected(y == year);
            let hint = if compared {
                tr.fmt("years.compared_hint", &[("year", &y)])
            } else {
                tr.fmt("years.show_hint", &[("year", &y)])
            };
            let response = ui.add(button).on_hover_text(hint);
            if response.clicked() {
                commands.push(Command::SetYear(y));
            }
            centres.push((y, response.rect.center()));
        }
        if ui
            .add_enabled(year < last, egui::Button::new(tr.get("years.next")))
            .on_hover_text(tr.get("years.next_hint"))
            .clicked()
        {
            commands.push(Command::StepYear(1));
        }
        ui.separator();
        let mut comparing = compare.is_some();
        if ui
            .toggle_value(&mut comparing, tr.get("years.compare"))
            .on_hover_text(tr.get("years.compare_hint"))
            .clicked()
        {
            commands.push(Command::ToggleCompare);
        }
    });
    centres
}
