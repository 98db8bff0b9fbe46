//! The problems panel: what was wrong with the file the user opened or that changed on
//! disk, one line per problem, each naming its place; a click on a problem about a city
//! selects that city.

use egui::{Color32, RichText};

use crate::app::Command;
use crate::loader::LoadReason;
use crate::model::{Dataset, Problem, Severity};
use crate::text::count;

const ERROR: Color32 = Color32::from_rgb(0xB0, 0x20, 0x20);
const WARNING: Color32 = Color32::from_rgb(0xA0, 0x40, 0x00);

/// The problems found in one file, and whether they stopped it from loading.
#[derive(Clone, Debug)]
pub struct ProblemReport {
    pub file: String,
    pub problems: Vec<Problem>,
    /// True when the file was not loaded (the data shown is what was there before).
    pub failed: bool,
    pub reason: LoadReason,
}

impl ProblemReport {
    /// The one-line summary shown above the list.
    pub fn headline(&self, shown: &str) -> String {
        let errors = self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let warnings = self.problems.len() - errors;
        match (self.failed, self.reason) {
            (true, LoadReason::Open) => format!(
                "Could not open {}: {}. Still showing the {shown}.",
                self.file,
                count(self.problems.len(), "problem", "problems")
            ),
            (true, LoadReason::Reload) => format!(
                "{} changed but could not be loaded: {}. Still showing the version loaded before.",
                self.file,
                count(self.problems.len(), "problem", "problems")
            ),
            (false, _) => format!(
                "{} loaded with {}.",
                self.file,
                count(warnings, "warning", "warnings")
            ),
        }
    }
}

pub fn problems_ui(
    ui: &mut egui::Ui,
    report: &ProblemReport,
    shown: &str,
    dataset: &Dataset,
    commands: &mut Vec<Command>,
) {
    ui.add_space(3.0);
    ui.horizontal_wrapped(|ui| {
        let color = if report.failed { ERROR } else { WARNING };
        ui.label(RichText::new(report.headline(shown)).color(color).strong());
        if ui
            .button("Copy problems")
            .on_hover_text("Copy every line, to paste into an editor or a message")
            .clicked()
        {
            let text: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
            ui.ctx().copy_text(text.join("\n"));
        }
        if ui.button("Dismiss").clicked() {
            commands.push(Command::DismissProblems);
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .max_height(130.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for problem in &report.problems {
                let color = match problem.severity {
                    Severity::Error => ERROR,
                    Severity::Warning => WARNING,
                };
                let text = RichText::new(problem.to_string())
                    .small()
                    .monospace()
                    .color(color);
                match problem.feature_id().and_then(|id| dataset.city_index(id)) {
                    Some(city) => {
                        if ui
                            .add(egui::Button::new(text).frame(false))
                            .on_hover_text("Select this city")
                            .clicked()
                        {
                            commands.push(Command::Select(Some(city)));
                        }
                    }
                    None => {
                        ui.label(text);
                    }
                }
            }
        });
    ui.add_space(3.0);
}
