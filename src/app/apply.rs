//! Applying commands: everything the user asks for goes through `MemoryMapApp::apply`.

use super::*;

impl MemoryMapApp {
    /// Applies a command that needs no screen (everything but the dialogs' display).
    pub fn apply(&mut self, command: Command) {
        let years = self.dataset.years();
        match command {
            Command::SetYear(y) => {
                if years.contains(&y) {
                    self.choice.year = y;
                }
            }
            Command::StepYear(step) => {
                self.choice.year = (self.choice.year + step).clamp(*years.start(), *years.end());
            }
            Command::Select(city) => {
                self.choice.selected = city.filter(|&i| i < self.dataset.cities.len());
                if self.choice.selected.is_some() {
                    self.choice.tab = DetailsTab::City;
                }
            }
            Command::SetCompare(year) => {
                let was = self.choice.compare;
                self.choice.compare = year.filter(|y| years.contains(y));
                self.compare_changed(was);
            }
            Command::ToggleCompare => {
                let was = self.choice.compare;
                self.choice.compare = match self.choice.compare {
                    Some(_) => None,
                    // The year before, or after when the first year is shown.
                    None if self.choice.year > *years.start() => Some(self.choice.year - 1),
                    None => Some(self.choice.year + 1).filter(|y| years.contains(y)),
                };
                self.compare_changed(was);
            }
            Command::ShowTab(tab) => self.choice.tab = tab,
            Command::SortList(sort) => self.choice.list_sort = sort,
            Command::ToggleDisputedOnly => {
                self.choice.filter.only_disputed = !self.choice.filter.only_disputed;
            }
            Command::StepCity(step) => {
                let order: Vec<usize> = self
                    .list_order
                    .get(
                        &self.dataset,
                        self.data_generation,
                        self.choice.year,
                        self.choice.list_sort,
                        self.choice.lang.tr(),
                    )
                    .iter()
                    .copied()
                    .filter(|&i| {
                        self.choice
                            .filter
                            .shows(&self.dataset.city_year(i, self.choice.year))
                    })
                    .collect();
                let at = self
                    .choice
                    .selected
                    .and_then(|s| order.iter().position(|&i| i == s));
                let next = match (at, step.signum()) {
                    (None, 1) => order.first(),
                    (None, _) => order.last(),
                    (Some(at), 1) => order.get(at + 1).or(order.last()),
                    (Some(at), _) => order.get(at.saturating_sub(1)),
                };
                if let Some(&city) = next {
                    self.choice.selected = Some(city);
                    let c = &self.dataset.cities[city];
                    if !self.map.shows(c.location.lon, c.location.lat) {
                        self.map.center_on(c.location.lon, c.location.lat);
                    }
                }
            }
            Command::Quit => {
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::SetLang(lang) => {
                self.choice.lang = lang;
                self.choice.lang_chosen = true;
                self.set_title = true;
            }
            Command::ResetView => self.map.reset_view(),
            Command::DismissProblems => self.problems = None,
            Command::CopyProblems => {
                if let Some(report) = &self.problems {
                    let text: Vec<String> =
                        report.problems.iter().map(ToString::to_string).collect();
                    self.copy(text.join("\n"), "status.copied_problems");
                }
            }
            Command::Open(path) => self.start_loading(path, LoadReason::Open),
            Command::Reload => match self.reload_path() {
                Some(path) => self.start_loading(path, LoadReason::Reload),
                None => {
                    self.status = Some(Message::failure("status.no_reload"));
                }
            },
            Command::ShowOpenDialog => {
                let folder = self
                    .data_path
                    .as_deref()
                    .and_then(Path::parent)
                    .map_or_else(current_folder, Path::to_path_buf);
                let mut dialog = egui_file::FileDialog::open_file()
                    .initial_path(folder)
                    .title(self.choice.lang.tr().get("open.title"))
                    .show_files_filter(Box::new(|path: &Path| {
                        path.extension().is_some_and(|e| {
                            ["geojson", "json", "csv"]
                                .iter()
                                .any(|x| e.eq_ignore_ascii_case(x))
                        })
                    }));
                dialog.open();
                self.open_dialog = Some(dialog);
            }
            Command::ShowExportDialog => {
                let folder = self
                    .data_path
                    .as_deref()
                    .and_then(Path::parent)
                    .map_or_else(current_folder, Path::to_path_buf);
                self.export_dialog = Some(ExportDialog::new(
                    &folder,
                    self.choice.year,
                    self.dataset.years(),
                ));
            }
            Command::Export(request) => {
                self.export_dialog = None;
                self.export(request);
            }
            Command::FocusSearch => self.focus_search = true,
            Command::FocusMap => self.map.focus_next_frame(),
            Command::ToggleList => self.list_open = !self.list_open,
            Command::TogglePlay => {
                if self.playing.is_some() {
                    self.playing = None;
                } else {
                    // From the last year, play starts again at the first.
                    if self.choice.year == *years.end() {
                        self.choice.year = *years.start();
                    }
                    self.playing = Some(self.ctx.as_ref().map_or(0.0, |c| c.input(|i| i.time)));
                }
            }
            Command::ToggleStatus(status) => {
                self.choice.filter.hidden[status.index()] =
                    !self.choice.filter.hidden[status.index()];
            }
            Command::CopyCitation(city) => {
                let origin = self.data_origin();
                if let Some(text) =
                    crate::model::cite::citation(&self.dataset, city, self.choice.year, &origin)
                {
                    self.copy(text, "status.copied_citation");
                }
            }
            Command::CopySelectedCitation => {
                if let Some(city) = self.choice.selected {
                    self.apply(Command::CopyCitation(city));
                }
            }
            Command::CopyLink(city) => {
                let id = self.dataset.cities.get(city).map(|c| c.id.as_str());
                let text = crate::model::cite::command_line(
                    self.data_path.as_deref(),
                    self.choice.year,
                    id,
                    self.choice.compare,
                );
                self.copy(text, "status.copied_link");
            }
            Command::Find(city) => {
                if let Some(c) = self.dataset.cities.get(city) {
                    self.choice.selected = Some(city);
                    self.map.center_on(c.location.lon, c.location.lat);
                    self.search.clear();
                }
            }
        }
    }

    /// Entering compare mode shows the comparison in the side panel.
    fn compare_changed(&mut self, was: Option<i32>) {
        if was.is_none() && self.choice.compare.is_some() {
            self.choice.tab = DetailsTab::Comparison;
        }
    }

    /// The comparison of the compared year with the shown one, if comparing.
    pub(super) fn current_comparison(&self) -> Option<&Comparison> {
        comparison_for(
            self.comparison.as_ref(),
            self.choice.compare,
            self.choice.year,
        )
    }

    /// Recomputes the comparison when the years changed (a new dataset clears it).
    pub(super) fn refresh_comparison(&mut self) {
        match self.choice.compare {
            Some(from) if self.current_comparison().is_none() => {
                self.comparison = Some(Comparison::new(&self.dataset, from, self.choice.year));
            }
            Some(_) => {}
            None => self.comparison = None,
        }
    }

    /// Puts `text` on the clipboard and says in the top bar whether it got there.
    pub(super) fn copy(&mut self, text: String, done: &'static str) {
        let result = self
            .clipboard_sink
            .as_mut()
            .map(|sink| sink.set_text(&text));
        // egui gets the text too unless the system clipboard took it, so that at least
        // the window's own text fields can paste it.
        if !matches!(result, Some(Ok(())))
            && let Some(ctx) = &self.ctx
        {
            ctx.copy_text(text.clone());
        }
        self.status = Some(match result {
            Some(Err(error)) => {
                log::warn!("the system clipboard refused the text: {error}");
                Message::failure("status.copy_failed").with("error", error)
            }
            _ => Message::success(done),
        });
        self.clipboard = Some(text);
    }

    /// What was last put on the clipboard (for tests; the clipboard itself is the system's).
    pub fn last_copied(&self) -> Option<&str> {
        self.clipboard.as_deref()
    }

    /// While playing, steps to the next year every [`PLAY_STEP_SECONDS`] and stops after
    /// the last; asks for a frame only when the next step is due.
    pub(super) fn play(&mut self, ctx: &egui::Context) {
        let Some(last_step) = self.playing else {
            return;
        };
        let now = ctx.input(|i| i.time);
        if now - last_step >= PLAY_STEP_SECONDS {
            if self.choice.year < *self.dataset.years().end() {
                self.choice.year += 1;
                self.playing = Some(now);
            } else {
                self.playing = None;
                return;
            }
        }
        let wait = PLAY_STEP_SECONDS - (now - self.playing.unwrap_or(now));
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.0)));
    }

    pub fn is_playing(&self) -> bool {
        self.playing.is_some()
    }
}
