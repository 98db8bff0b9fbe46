//! The eframe application: owns the dataset and what the user chose, lays out the
//! panels, and applies the commands they return after drawing. Files are opened, reloaded
//! and exported from here; loading runs on a worker thread.

mod apply;
mod choice;
mod clipboard;
mod exports;
mod fonts;
mod input;
mod loading;
mod message;
mod top_bar;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

pub use crate::command::Command;
use crate::command::UiCommand;
use crate::files::{Existing, write_atomically};
use crate::geography::Basemap;
use crate::i18n::Lang;
use crate::loader::{Arrived, FileWatcher, LoadJob, LoadReason, display_name};
use crate::model::compare::{Change, Comparison};
use crate::model::export::Scope;
use crate::model::{Dataset, LoadError, Loaded, Problem};
use crate::output::Output;
use crate::state::ViewState;
use crate::ui::export_dialog::{DialogAction, ExportDialog, ExportRequest};
use crate::ui::map_view::MapInput;
use crate::ui::problems::{ProblemReport, problems_ui};
use crate::ui::side_panel::SidePanelInput;
use crate::ui::{
    legend::legend_ui, map_view::MapView, side_panel::side_panel_ui, tr,
    year_selector::year_selector_ui,
};
pub use choice::{DetailsTab, Remembered, ViewChoice};
pub use clipboard::{ClipboardError, ClipboardSink, SystemClipboard};
pub use exports::ExportFailure;
use fonts::fonts_installed;
pub use fonts::{install_fonts, list_system_fonts};
use input::{drop_overlay, dropped_files};
pub use message::{Arg, Message};

pub struct MemoryMapApp {
    /// Shared with export jobs, which read it on a worker thread.
    dataset: Arc<Dataset>,
    /// What the user chose (year, city, compared year, filters, language, list order):
    /// changed only by [`MemoryMapApp::apply`].
    choice: ViewChoice,
    /// The city list window is open.
    list_open: bool,
    /// The comparison of `choice.compare` with `choice.year` (recomputed only when either
    /// year or the data changes).
    comparison: Option<Comparison>,
    /// What is shown: a file's path, or "built-in dataset".
    data_name: String,
    /// The file shown, if any (reload and watch this).
    data_path: Option<PathBuf>,
    area: Option<Arc<geo::MultiPolygon<f64>>>,
    map: MapView,
    /// Problems found when the shown dataset was loaded that did not stop it.
    warnings: Vec<Problem>,
    /// The next file that arrives keeps the view (a restored one) instead of being fitted.
    keep_view_on_load: bool,
    /// Problems of the last file opened or reloaded, shown in the bottom panel.
    problems: Option<ProblemReport>,
    loading: Option<LoadJob>,
    /// The export running on its worker thread, if any.
    exporting: Option<exports::ExportJob>,
    /// The Export window's preview of the figure.
    preview: exports::PreviewState,
    /// Applied when the file being loaded arrives (from the command line or last session).
    pending_year: Option<i32>,
    pending_city: Option<String>,
    pending_compare: Option<i32>,
    watcher: Option<FileWatcher>,
    open_dialog: Option<egui_file::FileDialog>,
    export_dialog: Option<ExportDialog>,
    /// The last export's or copy's outcome, shown in the top bar.
    status: Option<Message>,
    /// The status message last drawn and when it first was (`ctx` time), to fade it.
    status_seen: Option<(Message, f64)>,
    /// Where each year button was drawn last frame.
    year_buttons: Vec<(i32, egui::Pos2)>,
    /// Where to write the view state whenever it changes (for scripts and end-to-end tests).
    state_file: Option<PathBuf>,
    last_written: Option<ViewState>,
    state_written_at: Option<Instant>,
    set_title: bool,
    /// Set on the first frame, so worker threads can wake the window.
    ctx: Option<egui::Context>,
    /// Frames still to draw after a click or key press (see `settle`).
    settle_frames: u8,
    /// SHA-256 of the file shown (the built-in data's when there is none).
    data_sha256: String,
    clipboard: Option<String>,
    /// Where copied text goes besides egui (the system clipboard, in the window); `None`
    /// leaves it to egui alone, whose result is not known (tests).
    clipboard_sink: Option<Box<dyn ClipboardSink>>,
    /// While playing: the egui time of the last step.
    playing: Option<f64>,
    /// The text in the search box, and whether Ctrl+F asked for its focus.
    search: String,
    focus_search: bool,
    /// Counts the datasets shown, so the map knows when to rebuild its index.
    data_generation: u64,
    /// The city list's order, sorted again only when it changes.
    list_order: crate::ui::city_list::ListOrder,
    /// Frames drawn so far (in the state file, so tests can see an idle window draws none).
    frames: u64,
    /// Close the window once this many frames have been drawn (start-up measurements).
    exit_after_frames: Option<u64>,
    /// Frames shown in the window (passes egui discards are not).
    shown_frames: u64,
    /// Whether the app paints the window's background itself (tests, offscreen renders);
    /// the window leaves it to its clear colour ([`eframe::App::clear_color`]).
    paint_background: bool,
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
        let mut map = MapView::new(basemap);
        map.fit_dataset(&dataset, Some(&basemap.border));
        Self {
            map,
            area: Some(Arc::new(basemap.border.clone())),
            year_buttons: Vec::new(),
            warnings: Vec::new(),
            keep_view_on_load: false,
            problems: None,
            loading: None,
            exporting: None,
            preview: Default::default(),
            pending_year: None,
            pending_city: None,
            pending_compare: None,
            watcher: None,
            open_dialog: None,
            export_dialog: None,
            status: None,
            status_seen: None,
            dataset: Arc::new(dataset),
            data_name,
            data_path: None,
            choice: ViewChoice::new(year, selected),
            state_file: None,
            last_written: None,
            state_written_at: None,
            set_title: true,
            ctx: None,
            settle_frames: 0,
            search: String::new(),
            focus_search: false,
            data_sha256: crate::model::builtin::builtin_data_sha256(),
            clipboard: None,
            clipboard_sink: None,
            playing: None,
            list_open: false,
            comparison: None,
            data_generation: 0,
            list_order: Default::default(),
            frames: 0,
            exit_after_frames: None,
            shown_frames: 0,
            paint_background: true,
        }
    }

    /// The interface language; `chosen` when the user chose it (on the command line),
    /// so that a remembered choice does not override it.
    pub fn with_lang(mut self, lang: Lang, chosen: bool) -> Self {
        self.choice.lang = lang;
        self.choice.lang_chosen = chosen;
        self
    }

    /// Starts in compare mode with `year` (ignored unless the dataset has it).
    pub fn with_compare(mut self, year: Option<i32>) -> Self {
        self.apply(Command::SetCompare(year));
        self
    }

    pub fn lang(&self) -> Lang {
        self.choice.lang
    }

    pub fn compare_year(&self) -> Option<i32> {
        self.choice.compare
    }

    /// The comparison shown, if comparing.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref()
    }

    /// Marks the dataset as read from `path`: it is watched and reloaded from there.
    pub fn with_data_path(mut self, path: Option<PathBuf>) -> Self {
        self.data_path = path;
        self
    }

    pub fn with_warnings(mut self, warnings: Vec<Problem>) -> Self {
        if !warnings.is_empty() && self.data_path.is_some() {
            self.problems = Some(ProblemReport {
                file: self.data_name.clone(),
                problems: warnings.clone(),
                failed: false,
                reason: LoadReason::Open,
            });
        }
        self.warnings = warnings;
        self
    }

    /// Shows these problems in the bottom panel (a file that could not be opened).
    /// Copies go to `sink` (the system clipboard, in the window) and a failure is reported.
    pub fn with_clipboard(mut self, sink: Box<dyn ClipboardSink>) -> Self {
        self.clipboard_sink = Some(sink);
        self
    }

    pub fn with_problems(mut self, report: Option<ProblemReport>) -> Self {
        self.problems = report;
        self
    }

    pub fn problems(&self) -> Option<&ProblemReport> {
        self.problems.as_ref()
    }

    /// For the window: its clear colour is the background, so the app paints none.
    pub fn on_clear_background(mut self) -> Self {
        self.paint_background = false;
        self
    }

    /// Closes the window after `frames` frames shown (to time start-up against a bare
    /// window).
    pub fn with_exit_after_frames(mut self, frames: Option<u64>) -> Self {
        self.exit_after_frames = frames;
        self
    }

    pub fn with_state_file(mut self, path: Option<PathBuf>) -> Self {
        self.state_file = path;
        self
    }

    /// Restores what the last session remembered. When the command line chose a file, year
    /// or city, only the map's view is restored, and only if it was the view of the same
    /// data (another dataset opens on its own area). A remembered file is opened in the
    /// background (a file since deleted is skipped).
    pub fn with_remembered(mut self, saved: Option<Remembered>, cli_chose: bool) -> Self {
        let Some(saved) = saved else {
            return self;
        };
        let same_data = match (&self.data_path, &saved.file) {
            (None, None) => self.loading.is_none(),
            (Some(shown), Some(file)) => std::path::absolute(shown).ok().as_ref() == Some(file),
            (None, Some(_)) => !cli_chose && self.loading.is_none(),
            (Some(_), None) => false,
        } || self
            .loading
            .as_ref()
            .is_some_and(|job| std::path::absolute(&job.path).ok() == saved.file);
        if let Some(view) = saved.view.filter(|_| same_data) {
            self.map.set_view_bounds(view);
            self.keep_view_on_load = true;
        }
        if let Some(lang) = saved.lang
            && !self.choice.lang_chosen
        {
            self.choice.lang = lang;
            self.choice.lang_chosen = true;
        }
        if cli_chose {
            return self;
        }
        match &saved.file {
            Some(file) if crate::files::is_regular_file(file) => {
                self.pending_year = Some(saved.year);
                self.pending_city = saved.city;
                self.pending_compare = saved.compare;
                self.apply(Command::Open(file.clone()));
            }
            _ => {
                if self.dataset.years().contains(&saved.year) {
                    self.choice.year = saved.year;
                }
                if self.choice.selected.is_none() {
                    self.choice.selected = saved.city.and_then(|id| self.dataset.city_index(&id));
                }
                self.apply(Command::SetCompare(saved.compare));
            }
        }
        self
    }

    /// Opens `path` in the background; `year`, `city` and `compare` apply once it has loaded.
    pub fn open_on_start(
        mut self,
        path: PathBuf,
        year: Option<i32>,
        city: Option<String>,
        compare: Option<i32>,
    ) -> Self {
        self.pending_year = year;
        self.pending_city = city;
        self.pending_compare = compare;
        self.apply(Command::Open(path));
        self
    }

    /// What to save for the next session.
    pub fn remembered(&self) -> Remembered {
        self.choice.remembered(
            &self.dataset,
            self.data_path
                .as_ref()
                .and_then(|p| std::path::absolute(p).ok()),
            self.map.view_bounds(),
        )
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn data_name(&self) -> &str {
        &self.data_name
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn year(&self) -> i32 {
        self.choice.year
    }

    pub fn selected(&self) -> Option<usize> {
        self.choice.selected
    }

    /// The last export's outcome: `(succeeded, message)`.
    pub fn export_status(&self) -> Option<(bool, String)> {
        self.status
            .as_ref()
            .map(|m| (m.ok, m.text(self.choice.lang.tr())))
    }

    /// Shows these bounds (`[min lon, min lat, max lon, max lat]`) from the next frame on.
    pub fn show_bounds(&mut self, bounds: [f64; 4]) {
        self.map.set_view_bounds(bounds);
    }

    /// The map's last frame: cities drawn one by one, and clusters.
    pub fn map_view(&self) -> &MapView {
        &self.map
    }

    /// Where a city was drawn in the last frame (screen points), for tests and scripts.
    pub fn city_screen_position(&self, city: usize) -> Option<egui::Pos2> {
        self.map.screen_position(city)
    }

    /// What is shown, and where cities and year buttons were drawn (window points).
    pub fn view_state(&self) -> ViewState {
        let mut state = ViewState::new(&self.dataset, self.choice.year, self.choice.selected);
        state.data.clone_from(&self.data_name);
        state.loading = self.loading.is_some();
        state.last_export = self.export_status().map(|(_, m)| m);
        state.lang = self.choice.lang.code().to_owned();
        state.frames = self.frames;
        state.compare = self.choice.compare;
        state.view = self.map.view_bounds();
        if let Some(comparison) = self.current_comparison() {
            state.changes = Change::ALL
                .into_iter()
                .map(|c| (c.id().to_owned(), comparison.counts[c.index()]))
                .collect();
        }
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

    /// Draws the whole window into `ui`; used by eframe and by the UI tests.
    pub fn root_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.frames += 1;
        if !fonts_installed(&ctx) {
            // Fonts change from the next pass on: this one draws nothing. (The window
            // installs them before its first frame; tests and offscreen renders come here.)
            install_fonts(&ctx);
            ctx.request_repaint();
            return;
        }
        crate::ui::set_lang(&ctx, self.choice.lang);
        let tr = self.choice.lang.tr();
        self.settle(&ctx);
        self.play(&ctx);
        self.poll_background(&ctx);
        self.poll_export(&ctx);
        self.refresh_comparison();
        if std::mem::take(&mut self.set_title) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!(
                "memorymap — {}",
                self.title_name()
            )));
        }
        let mut commands = Vec::new();
        crate::command::keyboard_commands(&ctx, &mut commands);
        // Esc closes the topmost window first; only with none open does it clear the
        // selected city behind them.
        if let Some(at) = commands.iter().position(|c| *c == Command::Select(None))
            && (self.export_dialog.is_some() || self.list_open)
        {
            commands.remove(at);
            if self.export_dialog.is_some() {
                self.export_dialog = None;
            } else {
                self.list_open = false;
            }
        }
        dropped_files(&ctx, &mut commands);
        // Focus the search box in this frame, so typing right after Ctrl+F lands in it.
        if commands.contains(&Command::FocusSearch) {
            self.focus_search = true;
        }

        // The panels leave their background to the window's clear colour (the same
        // colour): a software renderer pays for every pixel painted, and one full-window
        // fill cost llvmpipe ~25 ms a frame. Hosts without that clear paint it here.
        if self.paint_background {
            ctx.layer_painter(egui::LayerId::background()).rect_filled(
                ctx.content_rect(),
                0.0,
                ctx.global_style().visuals.panel_fill,
            );
        }
        let panel_frame =
            egui::Frame::side_top_panel(&ctx.global_style()).fill(egui::Color32::TRANSPARENT);
        egui::Panel::top("top").frame(panel_frame).show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu_ui(ui, &mut commands));
            ui.horizontal_wrapped(|ui| {
                ui.heading(&self.dataset.info.title);
                let shown = if self.data_path.is_none() {
                    tr.get("header.builtin")
                } else {
                    self.data_name.as_str()
                };
                ui.weak(format!("· {shown}"));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(tr.get("header.reset_view"))
                        .on_hover_text(tr.get("header.reset_view_hint"))
                        .clicked()
                    {
                        commands.push(Command::ResetView);
                    }
                    self.search_ui(ui, &mut commands);
                });
            });
            self.year_buttons = year_selector_ui(
                ui,
                &self.dataset,
                self.choice.year,
                self.choice.compare,
                &mut commands,
            );
            self.activity_ui(ui);
            ui.add_space(2.0);
        });
        // Only about the world basemap's Kazakh regions: not when the dataset draws its own.
        let kz_regions_note =
            self.map.own_countries().contains("KZ") && self.dataset.info.boundaries.is_none();
        // The map's keyboard widgets (one per city) come right after the top bar in Tab
        // order, though the map itself is drawn last (it takes the room the panels leave).
        let input = map_input(
            &self.dataset,
            self.data_generation,
            &self.choice,
            self.comparison.as_ref(),
        );
        self.map.keyboard_widgets_ui(ui, &input);
        // Never wider than 40% of the window (at most 560 points): long content (a
        // 40-year history strip) wraps instead of pushing the map away, and a width
        // remembered from a larger window is clamped. While comparing, the same panel
        // shows the comparison or the selected city (two tabs), so the map keeps its room.
        let details_max = (ui.available_width() * 0.4).clamp(280.0, 560.0);
        egui::Panel::right("details")
            .frame(panel_frame)
            .resizable(true)
            .default_size(400.0_f32.min(details_max))
            .min_size(280.0)
            .max_size(details_max)
            .show(ui, |ui| {
                ui.add_space(4.0);
                let comparison = comparison_for(
                    self.comparison.as_ref(),
                    self.choice.compare,
                    self.choice.year,
                );
                if let Some(comparison) = comparison {
                    let tab = details_tabs_ui(ui, self.choice.tab, &mut commands);
                    if tab == DetailsTab::Comparison {
                        crate::ui::compare_panel::compare_panel_ui(
                            ui,
                            &self.dataset,
                            comparison,
                            self.choice.selected,
                            &mut commands,
                        );
                        return;
                    }
                }
                side_panel_ui(
                    ui,
                    &SidePanelInput {
                        dataset: &self.dataset,
                        warnings: &self.warnings,
                        year: self.choice.year,
                        compare: self.choice.compare,
                        selected: self.choice.selected,
                        kz_regions_note,
                    },
                    &mut commands,
                );
            });
        // One panel under the map, in reading order: the timeline, the legend, then the
        // problems of the file (if any). Keyboard focus (Tab) follows the order widgets
        // are made in, so the regions are made in the order they are read: the top bar,
        // the map's cities, the side panel, then this panel.
        egui::Panel::bottom("under the map")
            .frame(panel_frame)
            .show(ui, |ui| {
                crate::ui::timeline::timeline_ui(
                    ui,
                    &self.dataset,
                    self.choice.year,
                    self.playing.is_some(),
                    &mut commands,
                );
                ui.separator();
                legend_ui(
                    ui,
                    &self.dataset,
                    self.choice.year,
                    &self.choice.filter,
                    comparison_for(
                        self.comparison.as_ref(),
                        self.choice.compare,
                        self.choice.year,
                    ),
                    &mut commands,
                );
                if kz_regions_note {
                    ui.weak(format!(
                        "{} {}",
                        tr.get("legend.footnote"),
                        tr.get("legend.kz_regions_note")
                    ));
                } else {
                    ui.weak(tr.get("legend.footnote"));
                }
                ui.add_space(2.0);
                if let Some(report) = &self.problems {
                    ui.separator();
                    let shown = if self.data_path.is_none() {
                        tr.get("activity.shown_builtin")
                    } else {
                        self.data_name.as_str()
                    };
                    problems_ui(ui, report, shown, &self.dataset, &mut commands);
                }
            });
        // The map paints its own surround (around the basemap, not under it).
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let input = map_input(
                    &self.dataset,
                    self.data_generation,
                    &self.choice,
                    self.comparison.as_ref(),
                );
                self.map.map_ui(ui, &input, &mut commands);
            });
        self.update_preview(&ctx);
        self.dialogs_ui(&ctx, &mut commands);
        crate::ui::focus::paint_focus_ring(&ctx);
        drop_overlay(&ctx);

        if !commands.is_empty() {
            // This frame was drawn before the commands took effect: draw the next one.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(command);
        }
        self.refresh_comparison();
        if !ctx.will_discard() {
            self.write_state_file();
        }
    }

    /// A menu, popup or dialog that opens is laid out invisibly in its first frame, and on
    /// X11 nothing asked for the frame that shows it, so it appeared only on the next mouse
    /// move. Two more frames after each click or key press show it; an idle window still
    /// draws nothing.
    fn settle(&mut self, ctx: &egui::Context) {
        let pressed = ctx.input(|i| {
            i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::Key { pressed: true, .. }
                        | egui::Event::PointerButton { .. }
                        | egui::Event::Text(_)
                )
            })
        });
        if pressed {
            self.settle_frames = 2;
        }
        if self.settle_frames > 0 {
            self.settle_frames -= 1;
            ctx.request_repaint();
        }
    }
}

/// What the map draws, from the dataset and what the user chose. (A free function, not a
/// method: `self.map` is borrowed mutably beside it.)
fn map_input<'a>(
    dataset: &'a Dataset,
    generation: u64,
    choice: &'a ViewChoice,
    comparison: Option<&'a Comparison>,
) -> MapInput<'a> {
    MapInput {
        dataset,
        generation,
        year: choice.year,
        selected: choice.selected,
        filter: &choice.filter,
        comparison: comparison_for(comparison, choice.compare, choice.year),
    }
}

/// The side panel's two tabs while comparing; returns the one to show.
fn details_tabs_ui(ui: &mut egui::Ui, tab: DetailsTab, commands: &mut Vec<Command>) -> DetailsTab {
    let tr = tr(ui.ctx());
    let mut shown = tab;
    ui.horizontal(|ui| {
        for (value, key) in [
            (DetailsTab::Comparison, "compare.tab_comparison"),
            (DetailsTab::City, "compare.tab_city"),
        ] {
            if ui
                .add(egui::Button::selectable(tab == value, tr.get(key)))
                .clicked()
            {
                shown = value;
                commands.push(Command::ShowTab(value));
            }
        }
    });
    ui.separator();
    shown
}

/// `comparison` if it is the one of year `compare` against `year`.
fn comparison_for(
    comparison: Option<&Comparison>,
    compare: Option<i32>,
    year: i32,
) -> Option<&Comparison> {
    let from = compare?;
    comparison.filter(|c| (c.from, c.to) == (from, year))
}

/// How long each year is shown while playing.
pub const PLAY_STEP_SECONDS: f64 = 1.2;

/// Seconds after the window opened when work that start-up put off may begin (listing
/// the system's fonts, decoding the basemap's detailed layers).
const SETTLED_AFTER: f64 = 1.0;

/// How long a message of success stays in the top bar.
const STATUS_SECONDS: f64 = 6.0;

/// The first 12 hex digits of a hash: enough to tell versions apart in a citation.
fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

fn current_folder() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

impl eframe::App for MemoryMapApp {
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if self
            .exit_after_frames
            .is_some_and(|n| self.shown_frames >= n)
        {
            crate::timing::mark(format_args!("closing (--exit-after-frames)"));
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if ui.input(|i| i.time) > SETTLED_AFTER {
            // The window has been on screen for a while: what start-up put off begins, in
            // the first pass after that (a window nobody touches runs none: it lists the
            // fonts when a letter needs them, and decodes the detail when zoomed in).
            list_system_fonts();
            crate::geography::world::decode_detail_in_background();
        }
        self.root_ui(ui);
        let shown = !ui.ctx().will_discard();
        if self.shown_frames < 3 {
            crate::timing::mark(format_args!(
                "pass laid out ({})",
                if shown {
                    "shown"
                } else {
                    "measuring only, discarded"
                }
            ));
        }
        if shown {
            self.shown_frames += 1;
        }
        if self.exit_after_frames.is_some() {
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        match serde_json::to_string(&self.remembered()) {
            Ok(text) => storage.set_string(Remembered::KEY, text),
            Err(e) => log::warn!("cannot save the window state: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_saved_state_round_trips_and_a_bad_or_old_one_is_discarded() {
        // A file that exists: the test binary itself.
        let file = std::env::current_exe().unwrap();
        let saved = Remembered {
            version: Remembered::VERSION,
            year: 2019,
            city: Some("almaty".into()),
            file: Some(file),
            view: Some([50.0, 40.0, 80.0, 55.0]),
            compare: Some(2015),
            lang: Some(Lang::Kk),
        };
        let text = serde_json::to_string(&saved).unwrap();
        assert_eq!(Remembered::parse(&text), Some(saved.clone()));
        assert_eq!(Remembered::parse("{not json"), None);
        assert_eq!(Remembered::parse(""), None);
        assert_eq!(Remembered::parse(r#"{"year": "2019"}"#), None);
        let old = text.replace(
            &format!("\"version\":{}", Remembered::VERSION),
            "\"version\":0",
        );
        assert_ne!(old, text);
        assert_eq!(Remembered::parse(&old), None);
    }

    #[test]
    fn each_unusable_saved_field_falls_back_alone() {
        let parse = |fields: &str| {
            Remembered::parse(&format!(
                "{{\"version\": {}, \"year\": 2019, {fields}}}",
                Remembered::VERSION
            ))
            .unwrap()
        };
        // Views off the globe or not finite (1e300 once panicked in the grid, ±1e12 aborted).
        for view in [
            "[-1e300, -1e300, 1e300, 1e300]",
            "[-1e12, 40, 1e12, 55]",
            "[80, 40, 50, 55]",
            "[500, 40, 510, 55]",
            "\"wide\"",
        ] {
            let saved = parse(&format!("\"view\": {view}"));
            assert_eq!(saved.view, None, "{view}");
            assert_eq!(saved.year, 2019, "the rest is kept: {view}");
        }
        // A remembered file that is now a folder or a device is not opened again.
        for file in ["/", "/dev/null", "/no/such/file.geojson"] {
            assert_eq!(parse(&format!("\"file\": \"{file}\"")).file, None, "{file}");
        }
        assert_eq!(parse("\"year\": 99999").year, 0);
        assert_eq!(parse("\"compare\": \"x\"").compare, None);
        assert_eq!(parse("\"lang\": \"tlh\"").lang, None);
        assert_eq!(parse("\"city\": \"a\\u0000b\"").city, None);
    }

    #[test]
    fn a_remembered_year_and_city_are_restored_unless_the_command_line_chose() {
        let basemap = Basemap::builtin().unwrap();
        let dataset = crate::model::builtin::load_dataset(
            None,
            crate::model::LoadOptions {
                land: Some(crate::geography::world::on_world_land),
                ..Default::default()
            },
        )
        .unwrap()
        .dataset;
        let saved = Remembered {
            version: Remembered::VERSION,
            year: 2019,
            city: Some("almaty".into()),
            file: None,
            view: None,
            compare: None,
            lang: None,
        };
        let app = MemoryMapApp::new(dataset.clone(), "b".into(), &basemap, None, None)
            .with_remembered(Some(saved.clone()), false);
        assert_eq!(app.year(), 2019);
        assert_eq!(app.selected(), dataset.city_index("almaty"));
        let app = MemoryMapApp::new(dataset, "b".into(), &basemap, Some(2016), None)
            .with_remembered(Some(saved), true);
        assert_eq!((app.year(), app.selected()), (2016, None));
    }
}
