//! The top bar and its windows: search, menus, activity and status, dialogs, and the state file scripts read.

use super::*;

impl MemoryMapApp {
    /// The search box (Ctrl+F): matches as you type, in any script and any of a city's
    /// names; Enter or a click selects the city and moves the map to it.
    pub(super) fn search_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let edit = ui.add(
            egui::TextEdit::singleline(&mut self.search)
                .hint_text(tr(ui.ctx()).get("search.hint"))
                .desired_width(190.0)
                .id_salt("search"),
        );
        let label = ui.label(tr(ui.ctx()).get("search.label"));
        let edit = edit.labelled_by(label.id);
        if std::mem::take(&mut self.focus_search) {
            edit.request_focus();
        }
        let results = self.dataset.search(&self.search);
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter && let Some(&first) = results.first() {
            commands.push(Command::Find(first));
        }
        if self.search.trim().is_empty() {
            return;
        }
        let event_day = self.dataset.info.event_day;
        let tr = tr(ui.ctx());
        egui::Area::new(egui::Id::unique("search results"))
            .order(egui::Order::Foreground)
            .fixed_pos(edit.rect.left_bottom() + egui::vec2(0.0, 2.0))
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_width(edit.rect.width().max(320.0));
                    if results.is_empty() {
                        ui.weak(tr.fmt("search.none", &[("query", &self.search.trim())]));
                    }
                    for &index in results.iter().take(8) {
                        let city = &self.dataset.cities[index];
                        let status = self.dataset.city_year(index, self.choice.year).status;
                        let name = tr.name(
                            city.names_in(self.choice.year, event_day),
                            self.dataset.info.name_language.as_deref(),
                        );
                        let status = tr.status(self.dataset.vocabulary(), status);
                        let text = format!("{name} · {} · {status}", city.region);
                        if ui
                            .add(egui::Button::new(text).frame(false))
                            .on_hover_text(tr.get("search.select_hint"))
                            .clicked()
                        {
                            commands.push(Command::Find(index));
                        }
                    }
                    if results.len() > 8 {
                        ui.weak(tr.fmt("search.more", &[("n", &(results.len() - 8))]));
                    }
                });
            });
    }

    pub(super) fn title_name(&self) -> String {
        match &self.data_path {
            Some(path) => display_name(path),
            None => self.data_name.clone(),
        }
    }

    pub(super) fn menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let tr = self.choice.lang.tr();
        ui.menu_button(tr.get("menu.file"), |ui| {
            UiCommand::Open.menu_item_ui(ui, true, None, commands);
            UiCommand::Reload.menu_item_ui(ui, self.data_path.is_some(), None, commands);
            UiCommand::Export.menu_item_ui(ui, true, None, commands);
            ui.separator();
            UiCommand::Quit.menu_item_ui(ui, true, None, commands);
        });
        ui.menu_button(tr.get("menu.view"), |ui| {
            UiCommand::CityList.menu_item_ui(ui, true, None, commands);
            UiCommand::Find.menu_item_ui(ui, true, None, commands);
            UiCommand::FocusMap.menu_item_ui(ui, true, None, commands);
            let compare = self
                .choice
                .compare
                .is_some()
                .then_some("menu.stop_comparing");
            UiCommand::Compare.menu_item_ui(ui, true, compare, commands);
            UiCommand::ResetView.menu_item_ui(ui, true, None, commands);
            UiCommand::ClearSelection.menu_item_ui(ui, true, None, commands);
            UiCommand::CopyCitation.menu_item_ui(
                ui,
                self.choice.selected.is_some(),
                None,
                commands,
            );
            ui.separator();
            ui.menu_button(tr.get("menu.language"), |ui| {
                for lang in Lang::ALL {
                    if ui
                        .selectable_label(self.choice.lang == lang, lang.native_name())
                        .clicked()
                    {
                        commands.push(Command::SetLang(lang));
                    }
                }
            });
        });
    }

    /// Loading progress, and the last export's outcome.
    pub(super) fn activity_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(job) = &self.loading {
            ui.horizontal(|ui| {
                let (text, fraction) = job.progress_text(self.choice.lang.tr());
                match fraction {
                    Some(f) => {
                        ui.add(
                            egui::ProgressBar::new(f)
                                .desired_width(220.0)
                                .show_percentage(),
                        );
                    }
                    None => {
                        ui.spinner();
                    }
                }
                ui.label(text);
                ui.weak(self.choice.lang.tr().get("activity.loading_note"));
            });
        }
        if let Some(job) = &self.exporting {
            let tr = self.choice.lang.tr();
            ui.horizontal(|ui| {
                let (seconds, bytes, share) = job.progress();
                match share {
                    Some(share) => {
                        ui.add(
                            egui::ProgressBar::new(share)
                                .desired_width(160.0)
                                .show_percentage(),
                        );
                    }
                    None => {
                        ui.spinner();
                    }
                }
                let made = if bytes > 0 {
                    format!(", {:.1} MB", bytes as f64 / 1e6)
                } else {
                    String::new()
                };
                ui.label(format!(
                    "{} ({seconds:.0} s{made})",
                    tr.fmt(
                        "activity.exporting",
                        &[("format", &job.kind), ("path", &job.path.display())]
                    )
                ));
                let cancel = ui
                    .add_enabled(
                        !job.cancelling(),
                        egui::Button::new(tr.get("activity.cancel")),
                    )
                    .on_hover_text(tr.get("activity.cancel_hint"));
                if cancel.clicked() {
                    job.cancel();
                }
            });
            return;
        }
        if let Some(shown) = &self.status {
            let (ok, message) = (&shown.ok, shown.text(self.choice.lang.tr()));
            // "Exported …", "Copied …" fade after a few seconds; a failure stays until
            // the next thing is done.
            let now = ui.input(|i| i.time);
            if self.status_seen.as_ref().is_none_or(|(m, _)| m != shown) {
                self.status_seen = Some((shown.clone(), now));
            }
            let age = self.status_seen.as_ref().map_or(0.0, |(_, t)| now - t);
            if !*ok || age < STATUS_SECONDS {
                let color = if *ok {
                    egui::Color32::from_rgb(0x00, 0x70, 0x40)
                } else {
                    egui::Color32::from_rgb(0xB0, 0x20, 0x20)
                };
                ui.colored_label(color, message);
                if *ok {
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_secs_f64(
                            (STATUS_SECONDS - age).max(0.1),
                        ));
                }
            }
        }
    }

    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.list_open {
            let mut open = true;
            egui::Window::new(
                self.choice
                    .lang
                    .tr()
                    .fmt("list.title", &[("year", &self.choice.year)]),
            )
            .id(egui::Id::unique("city list window"))
            .open(&mut open)
            // Over the map's left side, clear of the side panel's buttons on the right.
            .anchor(egui::Align2::LEFT_TOP, [12.0, 72.0])
            .resizable(false)
            .show(ctx, |ui| {
                crate::ui::city_list::city_list_ui(
                    ui,
                    &self.dataset,
                    self.data_generation,
                    self.choice.year,
                    self.choice.selected,
                    self.choice.list_sort,
                    &mut self.list_order,
                    commands,
                );
            });
            if !open {
                commands.push(Command::ToggleList);
            }
        }
        if let Some(dialog) = &mut self.open_dialog {
            if dialog.show(ctx).selected() {
                if let Some(path) = dialog.path() {
                    commands.push(Command::Open(path.to_path_buf()));
                }
                self.open_dialog = None;
            } else if !dialog.visible() {
                self.open_dialog = None;
            }
        }
        if let Some(dialog) = &mut self.export_dialog {
            match dialog.show(
                ctx,
                self.choice.year,
                self.choice.compare,
                self.preview.shown(),
            ) {
                DialogAction::None => {}
                DialogAction::Close => self.export_dialog = None,
                DialogAction::Export(request) => commands.push(Command::Export(request)),
            }
        }
    }

    pub(super) fn write_state_file(&mut self) {
        let Some(path) = &self.state_file else {
            return;
        };
        let state = self.view_state();
        // The frame counter alone changes every frame: written at most once a second then,
        // not on every frame (anything else that changed is written at once).
        let same_but_frames = self.last_written.as_ref().is_some_and(|last| {
            ViewState {
                frames: state.frames,
                ..last.clone()
            } == state
        });
        let recently = self
            .state_written_at
            .is_some_and(|t| t.elapsed() < std::time::Duration::from_secs(1));
        if self.last_written.as_ref() == Some(&state) || (same_but_frames && recently) {
            return;
        }
        match state.write_atomically(path) {
            Ok(()) => {
                self.last_written = Some(state);
                self.state_written_at = Some(Instant::now());
            }
            Err(e) => {
                log::error!("{e}");
                // Do not retry every frame.
                self.state_file = None;
            }
        }
    }
}
