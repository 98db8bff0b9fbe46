//! The problems panel: what was wrong with the file the user opened or that changed on
//! disk, one line per problem, each naming its place; a click on a problem about a city
//! selects that city.

use egui::{Color32, RichText};

use crate::command::Command;
use crate::i18n::Strings;
use crate::loader::LoadReason;
use crate::model::{Dataset, Problem, Severity};

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
    /// The one-line summary shown above the list: errors and warnings counted apart.
    pub fn headline(&self, tr: &Strings, shown: &str) -> String {
        let errors = self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let warnings = self.problems.len() - errors;
        let errors = tr.count("count.error", errors);
        let warnings = tr.count("count.warning", warnings);
        let file = crate::text::escape_controls(&self.file);
        let key = match (self.failed, self.reason) {
            (true, LoadReason::Open) => "problems.could_not_open",
            (true, LoadReason::Reload) => "problems.reload_failed",
            (false, _) => "problems.loaded_with",
        };
        tr.fmt(
            key,
            &[
                ("file", &file),
                ("errors", &errors),
                ("warnings", &warnings),
                ("shown", &shown),
            ],
        )
    }
}

pub fn problems_ui(
    ui: &mut egui::Ui,
    report: &ProblemReport,
    shown: &str,
    dataset: &Dataset,
    commands: &mut Vec<Command>,
) {
    let tr = crate::ui::tr(ui.ctx());
    ui.add_space(3.0);
    ui.horizontal_wrapped(|ui| {
        let color = if report.failed { ERROR } else { WARNING };
        ui.label(
            RichText::new(report.headline(tr, shown))
                .color(color)
                .strong(),
        );
        if ui
            .button(tr.get("problems.copy"))
            .on_hover_text(tr.get("problems.copy_hint"))
            .clicked()
        {
            commands.push(Command::CopyProblems);
        }
        if ui.button(tr.get("problems.dismiss")).clicked() {
            commands.push(Command::DismissProblems);
        }
    });
    // Only the rows in view are laid out: a file can have a hundred thousand problems.
    let row_height = ui.text_style_height(&egui::TextStyle::Small) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .max_height(130.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, report.problems.len(), |ui, rows| {
            for problem in &report.problems[rows] {
                let color = match problem.severity {
                    Severity::Error => ERROR,
                    Severity::Warning => WARNING,
                };
                // Text from the file is shown with its control characters escaped.
                let text = RichText::new(crate::text::escape_controls(&problem.to_string()))
                    .small()
                    .monospace()
                    .color(color);
                match problem.feature_id().and_then(|id| dataset.city_index(id)) {
                    Some(city) => {
                        if ui
                            .add(egui::Button::new(text).frame(false))
                            .on_hover_text(tr.get("problems.select_city"))
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
            crate::ui::focus::scroll_to_focus(ui);
        });
    ui.add_space(3.0);
}
