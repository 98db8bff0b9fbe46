//! The eframe application: owns the dataset and what the user chose, lays out the
//! panels, and applies the commands they return after drawing.

use std::path::PathBuf;

use crate::geography::Basemap;
use crate::model::{Dataset, Problem};
use crate::state::ViewState;
use crate::ui::{
    legend::legend_ui, map_view::MapView, side_panel::side_panel_ui,
    year_selector::year_selector_ui,
};

/// Something the user asked for; collected while drawing, applied after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    SetYear(i32),
    StepYear(i32),
    Select(Option<usize>),
    ResetView,
    DismissOpenFailure,
}

/// A file the user asked to open that could not be loaded; the app keeps the data it had.
#[derive(Clone, Debug)]
pub struct OpenFailure {
    pub file: String,
    pub problems: Vec<Problem>,
}

pub struct MemoryMapApp {
    dataset: Dataset,
    data_name: String,
    year: i32,
    selected: Option<usize>,
    map: MapView,
    /// Problems found at load that did not stop it, shown in the overview.
    warnings: Vec<Problem>,
    open_failure: Option<OpenFailure>,
    /// Where each year button was drawn last frame.
    year_buttons: Vec<(i32, egui::Pos2)>,
    /// Where to write the view state whenever it changes (for scripts and end-to-end tests).
    state_file: Option<PathBuf>,
    last_written: Option<ViewState>,
}

impl MemoryMapApp {
    /// `year` outside the dataset's years falls back to its last year.
    pub fn new(
        dataset: Dataset,
        data_name: String,
        basemap: &Basemap,
        year: Option<i32>,
        selected: Option<usize>,
    ) -> Self {
        let last = *dataset.years().end();
        let year = year.filter(|y| dataset.years().contains(y)).unwrap_or(last);
        let selected = selected.filter(|&i| i < dataset.cities.len());
        Self {
            map: MapView::new(basemap),
            year_buttons: Vec::new(),
            warnings: Vec::new(),
            open_failure: None,
            dataset,
            data_name,
            year,
            selected,
            state_file: None,
            last_written: None,
        }
    }

    pub fn with_warnings(mut self, warnings: Vec<Problem>) -> Self {
        self.warnings = warnings;
        self
    }

    /// Shows that `failure.file` could not be opened, above the data still shown.
    pub fn with_open_failure(mut self, failure: Option<OpenFailure>) -> Self {
        self.open_failure = failure;
        self
    }

    pub fn open_failure(&self) -> Option<&OpenFailure> {
        self.open_failure.as_ref()
    }

    pub fn with_state_file(mut self, path: Option<PathBuf>) -> Self {
        self.state_file = path;
        self
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Where a city was drawn in the last frame (screen points), for tests and scripts.
    pub fn city_screen_position(&self, city: usize) -> Option<egui::Pos2> {
        self.map.screen_position(city)
    }

    /// What is shown, and where cities and year buttons were drawn (window points).
    pub fn view_state(&self) -> ViewState {
        let mut state = ViewState::new(&self.dataset, self.year, self.selected);
        state.screen.cities = (0..self.dataset.cities.len())
            .filter_map(|i| {
                let pos = self.map.screen_position(i)?;
                Some((self.dataset.cities[i].id.clone(), [pos.x, pos.y]))
            })
            .collect();
        state.screen.year_buttons = self
            .year_buttons
            .iter()
            .map(|&(y, pos)| (y.to_string(), [pos.x, pos.y]))
            .collect();
        state
    }

    pub fn apply(&mut self, command: Command) {
        let years = self.dataset.years();
        match command {
            Command::SetYear(y) => {
                if years.contains(&y) {
                    self.year = y;
                }
            }
            Command::StepYear(step) => {
                self.year = (self.year + step).clamp(*years.start(), *years.end());
            }
            Command::Select(city) => {
                self.selected = city.filter(|&i| i < self.dataset.cities.len())
            }
            Command::ResetView => self.map.reset_view(),
            Command::DismissOpenFailure => self.open_failure = None,
        }
    }

    /// Draws the whole window into `ui`; used by eframe and by the UI tests.
    pub fn root_ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        keyboard_commands(ui.ctx(), &mut commands);

        egui::Panel::top("top").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.heading(&self.dataset.info.title);
                ui.weak(format!("· {}", self.data_name));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("Reset view")
                        .on_hover_text("Fit Kazakhstan (Home)")
                        .clicked()
                    {
                        commands.push(Command::ResetView);
                    }
                });
            });
            self.year_buttons = year_selector_ui(ui, &self.dataset, self.year, &mut commands);
            ui.add_space(2.0);
        });
        if let Some(failure) = &self.open_failure {
            egui::Panel::bottom("open failure").show(ui, |ui| {
                open_failure_ui(ui, failure, &self.data_name, &mut commands);
            });
        }
        egui::Panel::bottom("legend").show(ui, |ui| {
            ui.add_space(3.0);
            legend_ui(ui, &self.dataset, self.year);
            ui.weak("Drag to pan, scroll or pinch to zoom. Region lines predate the 2018/2022 reforms. Border and regions: Natural Earth; cities © GeoNames (CC BY 4.0).");
            ui.add_space(2.0);
        });
        egui::Panel::right("details")
            .resizable(true)
            .default_size(400.0)
            .min_size(280.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                side_panel_ui(
                    ui,
                    &self.dataset,
                    &self.warnings,
                    self.year,
                    self.selected,
                    &mut commands,
                );
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(egui::Color32::from_rgb(0xF4, 0xF1, 0xEA)))
            .show(ui, |ui| {
                self.map
                    .map_ui(ui, &self.dataset, self.year, self.selected, &mut commands);
            });

        if !commands.is_empty() {
            // This frame was drawn before the commands took effect: draw the next one.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(command);
        }
        if !ui.ctx().will_discard() {
            self.write_state_file();
        }
    }

    fn write_state_file(&mut self) {
        let Some(path) = &self.state_file else {
            return;
        };
        let state = self.view_state();
        if self.last_written.as_ref() == Some(&state) {
            return;
        }
        match state.write_atomically(path) {
            Ok(()) => self.last_written = Some(state),
            Err(e) => {
                log::error!("{e}");
                // Do not retry every frame.
                self.state_file = None;
            }
        }
    }
}

fn open_failure_ui(
    ui: &mut egui::Ui,
    failure: &OpenFailure,
    shown: &str,
    commands: &mut Vec<Command>,
) {
    let red = egui::Color32::from_rgb(0xB0, 0x20, 0x20);
    ui.add_space(3.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "Could not open {}: {}. Still showing the {shown}.",
                failure.file,
                crate::text::count(failure.problems.len(), "problem", "problems")
            ))
            .color(red)
            .strong(),
        );
        if ui.button("Copy problems").clicked() {
            let text: Vec<String> = failure.problems.iter().map(ToString::to_string).collect();
            ui.ctx().copy_text(text.join("\n"));
        }
        if ui.button("Dismiss").clicked() {
            commands.push(Command::DismissOpenFailure);
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("open failure problems")
        .max_height(120.0)
        .show(ui, |ui| {
            for problem in &failure.problems {
                ui.label(egui::RichText::new(problem.to_string()).small().monospace());
            }
        });
    ui.add_space(3.0);
}

fn keyboard_commands(ctx: &egui::Context, commands: &mut Vec<Command>) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    ctx.input(|i| {
        if i.key_pressed(egui::Key::ArrowLeft) {
            commands.push(Command::StepYear(-1));
        }
        if i.key_pressed(egui::Key::ArrowRight) {
            commands.push(Command::StepYear(1));
        }
        if i.key_pressed(egui::Key::Escape) {
            commands.push(Command::Select(None));
        }
        if i.key_pressed(egui::Key::Home) {
            commands.push(Command::ResetView);
        }
    });
}

impl eframe::App for MemoryMapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.root_ui(ui);
    }
}
