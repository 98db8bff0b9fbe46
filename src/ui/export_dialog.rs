//! The Export window (Ctrl+E): a figure of the map as PNG, SVG or PDF, the offline page, a
//! table of the cities for the year (or of the two years compared), or the cities for the
//! year (or all years) as CSV or GeoJSON with their reports and sources. It never replaces a file without
//! asking first.

use std::path::{Path, PathBuf};

use crate::model::export::{DataFormat, Scope};
pub use crate::output::ExportRequest;
use crate::output::Output as Format;

pub struct ExportDialog {
    format: Format,
    /// Width and height of a figure or animation, in pixels (one of the presets).
    size: (u32, u32),
    /// A still figure as small multiples of `years`.
    grid: bool,
    /// The years of small multiples and animations, and the dataset's, which bound them.
    years: (i32, i32),
    dataset_years: (i32, i32),
    all_years: bool,
    path: String,
    /// Set when the chosen file exists: the next click must confirm.
    confirm_replace: bool,
    browse: Option<egui_file::FileDialog>,
    /// The file field takes the keyboard when the window opens, so Ctrl+E, type, Enter works.
    focused: bool,
}

/// The preview of the figure chosen, as the app has it.
#[derive(Clone, Copy)]
pub enum Preview<'a> {
    Drawing,
    Ready(&'a egui::TextureHandle),
    /// Not drawn (it failed: the export will say why).
    Unavailable,
}

pub enum DialogAction {
    None,
    Close,
    Export(ExportRequest),
}

impl ExportDialog {
    pub fn new(folder: &Path, year: i32, years: std::ops::RangeInclusive<i32>) -> Self {
        let format = Format::Png;
        let years = (*years.start(), *years.end());
        Self {
            format,
            size: crate::scene::SIZE_PRESETS[0].1,
            grid: false,
            years,
            dataset_years: years,
            all_years: false,
            path: folder
                .join(default_name(format, Some(year)))
                .display()
                .to_string(),
            confirm_replace: false,
            browse: None,
            focused: false,
        }
    }

    /// The picture chosen and its size, when a picture of the map is chosen (the app
    /// makes its preview).
    pub fn picture(&self) -> Option<(Format, (u32, u32))> {
        (self.format.has_size() && !self.shows_grid()).then_some((self.format, self.size))
    }

    fn shows_grid(&self) -> bool {
        self.grid && self.format.can_be_grid()
    }

    /// `compare`: the year compared with `year`, when comparing (the compare table needs
    /// one). `preview`: a small picture of the figure chosen, once it is drawn.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        year: i32,
        compare: Option<i32>,
        preview: Preview<'_>,
    ) -> DialogAction {
        let mut action = DialogAction::None;
        let mut open = true;
        egui::Window::new(crate::ui::tr(ctx).get("export.title"))
            .id(egui::Id::unique("export dialog"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                action = self.contents(ui, year, compare, preview);
            });
        if let Some(browse) = &mut self.browse {
            if browse.show(ctx).selected() {
                if let Some(path) = browse.path() {
                    self.path = path.display().to_string();
                    self.confirm_replace = false;
                }
                self.browse = None;
            } else if !browse.visible() {
                self.browse = None;
            }
        }
        if !open {
            return DialogAction::Close;
        }
        action
    }

    fn contents(
        &mut self,
        ui: &mut egui::Ui,
        year: i32,
        compare: Option<i32>,
        preview: Preview<'_>,
    ) -> DialogAction {
        let tr = crate::ui::tr(ui.ctx());
        if self.format == Format::CompareTable && compare.is_none() {
            self.format = Format::CityTable;
        }
        let before = (self.format, self.all_years);
        // The choices on the left; the size, the preview and what the choice makes on the
        // right, so the window stays short enough for a small screen.
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.label(tr.get("export.what"));
                for format in Format::ALL {
                    let text = match format {
                        Format::Png => tr.get("export.png").to_owned(),
                        Format::Svg => tr.get("export.svg").to_owned(),
                        Format::Pdf => tr.get("export.pdf").to_owned(),
                        Format::Gif => tr.get("export.gif").to_owned(),
                        Format::Apng => tr.get("export.apng").to_owned(),
                        Format::Mp4 => tr.get("export.mp4").to_owned(),
                        Format::Webm => tr.get("export.webm").to_owned(),
                        Format::Html => tr.get("export.html").to_owned(),
                        Format::CityTable => tr.fmt("export.city_table", &[("year", &year)]),
                        Format::CompareTable => match compare {
                            Some(from) => tr.fmt(
                                "export.compare_table",
                                &[("from", &from.min(year)), ("to", &from.max(year))],
                            ),
                            None => tr.get("export.compare_table_off").to_owned(),
                        },
                        Format::CslJson => tr.fmt("export.csl_json", &[("year", &year)]),
                        Format::Bibtex => tr.fmt("export.bibtex", &[("year", &year)]),
                        Format::Data(DataFormat::Csv) => tr.get("export.csv").to_owned(),
                        Format::Data(DataFormat::Geojson) => tr.get("export.geojson").to_owned(),
                    };
                    let offered = format != Format::CompareTable || compare.is_some();
                    ui.add_enabled_ui(offered, |ui| {
                        ui.radio_value(&mut self.format, format, text);
                    });
                }
                ui.add_enabled_ui(!self.format.is_figure(), |ui| {
                    ui.horizontal(|ui| {
                        ui.radio_value(
                            &mut self.all_years,
                            false,
                            tr.fmt("export.year_only", &[("year", &year)]),
                        );
                        ui.radio_value(&mut self.all_years, true, tr.get("export.all_years"));
                    });
                });
            });
            // Not a separator: in a row it takes all the height there is.
            ui.add_space(16.0);
            ui.vertical(|ui| {
                ui.set_width(PREVIEW_WIDTH);
                if self.format.has_size() {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(tr.get("export.size"));
                        for (name, size) in crate::scene::SIZE_PRESETS {
                            let text = tr.fmt(
                                &format!("export.size_{name}"),
                                &[("w", &size.0), ("h", &size.1)],
                            );
                            ui.radio_value(&mut self.size, size, text);
                        }
                    });
                }
                if self.format.can_be_grid() {
                    ui.checkbox(&mut self.grid, tr.get("export.grid"));
                }
                if self.shows_grid() || self.format.is_animation() {
                    let (first, last) = self.dataset_years;
                    ui.horizontal(|ui| {
                        let from = ui.label(tr.get("export.years"));
                        ui.add(egui::DragValue::new(&mut self.years.0).range(first..=last))
                            .labelled_by(from.id);
                        let to = ui.label(tr.get("export.years_to"));
                        ui.add(egui::DragValue::new(&mut self.years.1).range(first..=last))
                            .labelled_by(to.id);
                    });
                    if self.years.0 > self.years.1 {
                        self.years = (self.years.1, self.years.0);
                    }
                }
                if self.format.has_size() && !self.shows_grid() {
                    preview_ui(ui, preview, self.size);
                }
                ui.weak(tr.get(match self.format {
                    Format::Png | Format::Svg | Format::Pdf => "export.png_hint",
                    Format::Gif | Format::Apng => "export.animation_hint",
                    Format::Mp4 | Format::Webm => "export.video_hint",
                    Format::CslJson | Format::Bibtex => "export.citations_hint",
                    Format::CityTable => "export.city_table_hint",
                    Format::CompareTable => "export.compare_table_hint",
                    Format::Html => "export.html_hint",
                    Format::Data(DataFormat::Csv) => "export.csv_hint",
                    Format::Data(DataFormat::Geojson) => "export.geojson_hint",
                }));
            });
        });
        let scope_year = (!self.all_years || self.format.is_figure()).then_some(year);
        if (self.format, self.all_years) != before {
            // Keep the folder and follow the format in the name.
            let path = PathBuf::from(&self.path);
            let folder = path.parent().unwrap_or(Path::new(""));
            self.path = folder
                .join(default_name(self.format, scope_year))
                .display()
                .to_string();
            self.confirm_replace = false;
        }
        let mut enter = false;
        ui.horizontal(|ui| {
            let label = ui.label(tr.get("export.file"));
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path)
                        .desired_width(340.0)
                        .id_salt("export path"),
                )
                .labelled_by(label.id);
            if !self.focused {
                edit.request_focus();
                self.focused = true;
            }
            if edit.changed() {
                self.confirm_replace = false;
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                enter = true;
            }
            if ui.button(tr.get("export.browse")).clicked() {
                let mut dialog = egui_file::FileDialog::save_file()
                    .initial_path(PathBuf::from(&self.path))
                    .title(tr.get("export.browse_title"));
                dialog.open();
                self.browse = Some(dialog);
            }
        });
        let path = PathBuf::from(self.path.trim());
        let exists = path.exists();
        if self.confirm_replace {
            ui.colored_label(
                egui::Color32::from_rgb(0xA0, 0x40, 0x00),
                tr.fmt("export.exists", &[("path", &path.display())]),
            );
        }
        let mut action = DialogAction::None;
        ui.horizontal(|ui| {
            let label = if self.confirm_replace {
                tr.get("export.replace")
            } else {
                tr.get("export.export")
            };
            let ready = !self.path.trim().is_empty() && !path.is_dir();
            let clicked = ui.add_enabled(ready, egui::Button::new(label)).clicked();
            if ready && (clicked || enter) {
                if exists && !self.confirm_replace {
                    self.confirm_replace = true;
                } else {
                    action = DialogAction::Export(ExportRequest {
                        format: self.format,
                        scope: scope_year.map_or(Scope::All, Scope::Year),
                        path: path.clone(),
                        replace: exists,
                        size: self.size,
                        grid: self.shows_grid(),
                        years: self.years,
                    });
                }
            }
            if ui.button(tr.get("export.cancel")).clicked() {
                action = DialogAction::Close;
            }
        });
        action
    }
}

/// The figure as it will look, at most [`PREVIEW_WIDTH`] wide, or a space of its shape
/// with a spinner while it is drawn.
fn preview_ui(ui: &mut egui::Ui, preview: Preview<'_>, size: (u32, u32)) {
    let aspect = size.1 as f32 / size.0.max(1) as f32;
    let shown = egui::vec2(PREVIEW_WIDTH, (PREVIEW_WIDTH * aspect).min(PREVIEW_WIDTH));
    let shown = egui::vec2(shown.y / aspect, shown.y);
    let tr = crate::ui::tr(ui.ctx());
    match preview {
        Preview::Ready(texture) => {
            ui.add(egui::Image::new((texture.id(), shown)))
                .on_hover_text(tr.get("export.preview"));
        }
        Preview::Drawing | Preview::Unavailable => {
            let (rect, _) = ui.allocate_exact_size(shown, egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
            if matches!(preview, Preview::Drawing) {
                ui.put(rect, egui::Spinner::new());
            }
        }
    }
}

/// The preview's width in points.
pub const PREVIEW_WIDTH: f32 = 300.0;

/// `memorymap-2025.png`, `memorymap-all-years.csv`, `memorymap-animation.gif`, …
pub fn default_name(format: Format, year: Option<i32>) -> String {
    if format.is_animation() {
        return format!("memorymap-animation.{}", format.extension());
    }
    let years = year.map_or_else(|| "all-years".to_owned(), |y| y.to_string());
    let kind = match format {
        Format::CityTable => "cities-",
        Format::CompareTable => "compare-",
        Format::CslJson | Format::Bibtex => "sources-",
        _ => "",
    };
    format!("memorymap-{kind}{years}.{}", format.extension())
}
