//! The legend: every status with its marker and how many cities have it this year.

use crate::model::{Dataset, Status};
use crate::ui::style::{disputed_icon_ui, marker_icon_ui};

pub fn legend_ui(ui: &mut egui::Ui, dataset: &Dataset, year: i32) {
    let counts = dataset.counts(year);
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("{year}:"));
        for status in Status::ALL {
            let count = counts[status.index()];
            ui.scope(|ui| {
                ui.spacing_mut().item_spacing.x = 3.0;
                marker_icon_ui(ui, status, 16.0);
                let label = ui.label(format!("{} {count}", status.label()));
                label.on_hover_text(status.meaning());
            });
            ui.add_space(6.0);
        }
        disputed_icon_ui(ui, 16.0);
        ui.label("Sources disagree")
            .on_hover_text("Two reports about the same city and year contradict each other");
    });
}
