//! Loading and watching files in the background, and what waits on a load.

use super::*;

impl MemoryMapApp {
    pub(super) fn start_loading(&mut self, path: PathBuf, reason: LoadReason) {
        // A file that never loaded is opened, not reloaded, whatever asked for it.
        let reason = if self.data_path.as_deref() == Some(path.as_path()) {
            reason
        } else {
            LoadReason::Open
        };
        let ctx = self.ctx.clone();
        let wake = move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        };
        // A newer request replaces an older one; its thread finishes unheard.
        self.loading = Some(LoadJob::start(path, reason, wake));
        // The file's names may need letters only the system's fonts have: list them
        // while the file loads.
        list_system_fonts();
    }

    /// The file F5 and the watcher reload: the one last opened, even if it failed.
    pub(super) fn reload_path(&self) -> Option<PathBuf> {
        self.watcher
            .as_ref()
            .map(|w| w.path.clone())
            .or_else(|| self.data_path.clone())
    }

    /// Checks the loading job and the file watcher; called once per frame.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.loading {
            match job.poll() {
                Some(result) => {
                    let (path, reason) = (job.path.clone(), job.reason);
                    self.loading = None;
                    self.finish_loading(ctx, path, reason, result);
                }
                // Keep the progress moving (4 times a second) without taking a core from
                // the load: under software rendering each frame costs tens of ms.
                None => ctx.request_repaint_after(std::time::Duration::from_millis(250)),
            }
        }
        if self.loading.is_none()
            && let Some(watcher) = &self.watcher
            && watcher.changed()
        {
            log::info!("{} changed on disk: reloading", watcher.path.display());
            let path = watcher.path.clone();
            self.start_loading(path, LoadReason::Reload);
            ctx.request_repaint();
        }
    }

    pub(super) fn finish_loading(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        reason: LoadReason,
        result: Result<Arrived, LoadError>,
    ) {
        let name = path.display().to_string();
        match result {
            Ok(loaded) => {
                let selected_id = self
                    .choice
                    .selected
                    .and_then(|i| self.dataset.cities.get(i))
                    .map(|c| c.id.clone());
                let Arrived {
                    loaded: Loaded { dataset, warnings },
                    sha256,
                    index,
                } = loaded;
                self.data_sha256 = sha256;
                let wanted_year = self.pending_year.take().unwrap_or(self.choice.year);
                self.choice.year = if dataset.years().contains(&wanted_year) {
                    wanted_year
                } else {
                    *dataset.years().end()
                };
                let wanted_city = self.pending_city.take().or(selected_id);
                self.choice.selected = wanted_city.and_then(|name| dataset.find_city(&name));
                self.choice.compare = self
                    .pending_compare
                    .take()
                    .or(self.choice.compare)
                    .filter(|y| dataset.years().contains(y));
                self.comparison = None;
                self.data_generation += 1;
                // A file opened shows its own area; a reload keeps the user's view.
                self.map.fit_dataset(&dataset, self.area.as_deref());
                if reason == LoadReason::Open && !std::mem::take(&mut self.keep_view_on_load) {
                    self.map.reset_view();
                }
                if let Some(index) = index {
                    self.map.set_index(self.data_generation, index);
                }
                // Another dataset may speak of other statuses: none of its is hidden.
                if self.dataset.vocabulary() != dataset.vocabulary() {
                    self.choice.filter = crate::model::MapFilter::default();
                }
                self.dataset = Arc::new(dataset);
                self.problems = (!warnings.is_empty()).then(|| ProblemReport {
                    file: name.clone(),
                    problems: warnings.clone(),
                    failed: false,
                    reason,
                });
                self.warnings = warnings;
                let watched = std::path::absolute(&path).ok();
                if self.watcher.as_ref().map(|w| &w.path) != watched.as_ref() {
                    self.watch(ctx, &path);
                }
                self.data_path = Some(path);
                self.data_name = name;
                self.set_title = true;
                log::info!("loaded {}", self.data_name);
            }
            Err(error) => {
                for problem in error.problems().iter().take(20) {
                    log::warn!("{problem}");
                }
                self.pending_year = None;
                self.pending_city = None;
                self.pending_compare = None;
                self.problems = Some(ProblemReport {
                    file: name,
                    problems: error.problems(),
                    failed: true,
                    reason,
                });
                // A file that failed to open is watched, so saving a fix shows it.
                if reason == LoadReason::Open {
                    self.watch(ctx, &path);
                }
            }
        }
        ctx.request_repaint();
    }

    pub(super) fn watch(&mut self, ctx: &egui::Context, path: &Path) {
        let ctx = ctx.clone();
        self.watcher = match FileWatcher::new(path, move || ctx.request_repaint()) {
            Ok(watcher) => Some(watcher),
            Err(e) => {
                log::warn!("{e}: changes to the file will not be reloaded automatically");
                self.status = Some(Message::failure("status.watch_failed").with("error", e));
                None
            }
        };
    }
}
