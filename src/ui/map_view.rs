//! The map: basemap lines in an egui_plot, cities painted on top in screen space,
//! hit testing, hover tooltip and labels that do not overlap.

use egui::{Color32, FontId, Pos2, Rect, Stroke, vec2};
use egui_plot::{Plot, PlotBounds, PlotPoint};

use crate::command::Command;
use crate::geography::index::INDIVIDUAL_LIMIT;
use crate::geography::{Basemap, CityIndex, LonLatBounds, aspect_for_latitude, nearest_within};
use crate::i18n::Strings;
use crate::model::compare::{CityChange, Comparison};
use crate::model::{Dataset, MapFilter, Status, Vocabulary};
use crate::ui::compare_panel::change_key;
use crate::ui::style::{
    CHANGE_BADGE_RADIUS, change_symbol, marker_radius, paint_change_badge, paint_disputed_badge,
    paint_marker, paint_split_marker,
};
use crate::ui::tr;

/// Above this many cities in view, the map adds no widget per city (the city list is the
/// accessible way through them).
pub const MAX_CITY_WIDGETS: usize = 2000;

/// Cluster cells are about this many screen points wide.
const CLUSTER_PX: f64 = 64.0;
/// At most this many cities get a label try (largest first).
const LABEL_LIMIT: usize = 250;

/// What the map shows this frame.
pub struct MapInput<'a> {
    pub dataset: &'a Dataset,
    /// Changes whenever another dataset is shown (the spatial index is rebuilt then).
    pub generation: u64,
    pub year: i32,
    pub selected: Option<usize>,
    /// Which cities are shown (the legend's toggles).
    pub filter: &'a MapFilter,
    /// Compare mode: how each city changed from the compared year to `year`.
    pub comparison: Option<&'a Comparison>,
}

/// A cluster drawn this frame.
#[derive(Clone, Debug)]
pub struct DrawnCluster {
    pub pos: Pos2,
    pub radius: f32,
    /// `[lon, lat]` of its cities' centre.
    pub centre: [f64; 2],
    pub shown: u32,
    pub counts: [u32; Status::SLOTS],
}

/// What the per-city widgets saw this frame.
#[derive(Default)]
struct CityWidgets {
    /// Opened with the keyboard (Enter or Space on a focused city).
    activated: Option<usize>,
    /// A cluster opened with the keyboard (zoom into it).
    cluster_activated: Option<usize>,
    /// A pointer click landed on a city's widget (the nearest marker is picked).
    pointer_clicked: bool,
    hovered: Option<egui::Response>,
    /// The marker with keyboard focus: where to ring it, and how large.
    focused: Option<(Pos2, f32)>,
}

/// A city's name for screen readers: name, year and status, and the change when comparing.
pub fn city_accessible_name(tr: &Strings, input: &MapInput<'_>, index: usize) -> String {
    let dataset = input.dataset;
    let city = &dataset.cities[index];
    let cell = dataset.city_year(index, input.year);
    let mut name = format!(
        "{}, {}: {}",
        tr.name(
            city.names_in(input.year, dataset.info.event_day),
            dataset.info.name_language.as_deref()
        ),
        input.year,
        tr.status(dataset.vocabulary(), cell.status)
    );
    if cell.disputed {
        name.push_str(&format!(" ({})", tr.get("map.disputed")));
    }
    if let Some(comparison) = input.comparison
        && let Some(change) = comparison.of(index)
    {
        name.push_str("; ");
        name.push_str(&change_text(
            tr,
            dataset.vocabulary(),
            change,
            comparison.from,
            input.year,
        ));
    }
    name
}

/// The id of a city's keyboard widget on the map.
fn city_widget_id(ui: &egui::Ui, city: usize) -> egui::Id {
    ui.scope_id().with(("city", city))
}

/// How a marker's widget was pressed this frame.
enum Activation {
    None,
    /// A pointer click (the nearest marker is picked, not necessarily this one).
    Pointer,
    /// Enter or Space while it had keyboard focus.
    Keyboard,
}

/// An invisible, focusable widget over a marker, named for screen readers by `info` (the
/// map rings the focused one when it draws).
fn marker_widget(
    ui: &egui::Ui,
    frame: Rect,
    id: egui::Id,
    pos: Pos2,
    hit_radius: f32,
    info: impl Fn() -> egui::WidgetInfo,
) -> (egui::Response, Activation) {
    let rect = Rect::from_center_size(pos, egui::Vec2::splat(2.0 * hit_radius)).intersect(frame);
    let response = ui.interact(rect, id, egui::Sense::click());
    response.widget_info(info);
    let how = if response.clicked_by(egui::PointerButton::Primary) {
        Activation::Pointer
    } else if response.clicked() {
        Activation::Keyboard
    } else {
        Activation::None
    };
    (response, how)
}

/// How far a click on a cluster zooms in.
const CLUSTER_ZOOM: f64 = 4.0;

/// "1234 cities: Held 1000, Refused 234".
fn cluster_text(tr: &Strings, dataset: &Dataset, cluster: &DrawnCluster) -> String {
    let parts: Vec<String> = dataset
        .vocabulary()
        .legend()
        .filter(|s| cluster.counts[s.index()] > 0)
        .map(|s| {
            format!(
                "{} {}",
                tr.status(dataset.vocabulary(), s),
                cluster.counts[s.index()]
            )
        })
        .collect();
    format!(
        "{}: {}",
        tr.fmt("map.cluster", &[("n", &cluster.shown)]),
        parts.join(", ")
    )
}

/// 999, 1.2k, 15k, 1.3M: short enough for a cluster's disc.
fn compact_count(n: u32) -> String {
    match n {
        0..=999 => n.to_string(),
        1_000..=9_999 => format!("{:.1}k", f64::from(n) / 1e3),
        10_000..=999_999 => format!("{}k", n / 1_000),
        _ => format!("{:.1}M", f64::from(n) / 1e6),
    }
}

/// "2019 → 2025: Held → Refused (changed)".
pub fn change_text(
    tr: &Strings,
    vocabulary: &Vocabulary,
    change: &CityChange,
    from: i32,
    to: i32,
) -> String {
    format!(
        "{from} → {to}: {} → {} ({})",
        tr.status(vocabulary, change.from),
        tr.status(vocabulary, change.to),
        tr.get(change_key(change.change)).to_lowercase()
    )
}

/// Screen points within which a click or hover picks a city.
pub const PICK_RADIUS: f32 = 12.0;

/// Scrolling this many points zooms by a factor of e.
const WHEEL_ZOOM_POINTS: f32 = 400.0;
const GRID_STEP_DEGREES: f64 = 5.0;

/// State of the map widget between frames.
pub struct MapView {
    /// The world under the cities.
    basemap: crate::ui::basemap_view::BasemapView,
    home: LonLatBounds,
    /// The basemap's own extent (the country it draws).
    basemap_bounds: LonLatBounds,
    aspect: f32,
    /// Frames in which to fit the whole country (two at start: the first frame's panel
    /// sizes are not final yet).
    reset_pending: u8,
    /// Bounds to show on the next frame (a restored view), as `[min lon, min lat, max lon, max lat]`.
    restore: Option<[f64; 4]>,
    /// The bounds shown in the last frame.
    shown: Option<[f64; 4]>,
    /// Where each city was drawn last frame: `(city index, screen position)`.
    drawn: Vec<(usize, Pos2)>,
    /// Until the user pans or zooms, the whole country is fitted again whenever the map's
    /// size changes (panels settling, a panel opening, the window resized).
    fitted: bool,
    frame_size: egui::Vec2,
    /// The spatial index of a large dataset, and the dataset generation it was built for.
    index: Option<(u64, CityIndex)>,
    clusters: Vec<DrawnCluster>,
    /// The keyboard widgets made this frame (see [`Self::keyboard_widgets_ui`]), where
    /// they stood, and the plot's frame they were made for.
    widgets: CityWidgets,
    widgets_at: Vec<(usize, Pos2)>,
    widget_frame: Rect,
    /// Focus a city's widget in the next frame (F6).
    focus_wanted: bool,
    /// The dataset generation `drawn` and `clusters` were placed for.
    drawn_generation: u64,
}

impl MapView {
    pub fn new(basemap: &Basemap) -> Self {
        let home = basemap.bounds.padded(0.03);
        Self {
            basemap: crate::ui::basemap_view::BasemapView::new(),
            aspect: aspect_for_latitude(home.mid_lat()) as f32,
            home,
            basemap_bounds: basemap.bounds,
            reset_pending: 2,
            restore: None,
            shown: None,
            drawn: Vec::new(),
            fitted: true,
            frame_size: egui::Vec2::ZERO,
            index: None,
            clusters: Vec::new(),
            widgets: CityWidgets::default(),
            widgets_at: Vec::new(),
            widget_frame: Rect::NOTHING,
            focus_wanted: false,
            drawn_generation: 0,
        }
    }

    /// Makes "the whole map" (the first view and Reset view) fit `dataset`: its own view
    /// if it sets one, else its cities with a margin — and the basemap's country too when
    /// the cities lie in it, so a country's dataset shows the whole country.
    pub fn fit_dataset(&mut self, dataset: &Dataset, area: Option<&geo::MultiPolygon<f64>>) {
        self.basemap.set_dataset(dataset);
        self.home = home_for(dataset, self.basemap_bounds, area);
        self.aspect = aspect_for_latitude(self.home.mid_lat().clamp(-70.0, 70.0)) as f32;
    }

    /// The countries the dataset's cities lie in (alpha-2 codes), drawn as land.
    pub fn own_countries(&self) -> &std::collections::HashSet<String> {
        self.basemap.own_countries()
    }

    /// Fit the whole country on the next frame.
    pub fn reset_view(&mut self) {
        self.reset_pending = 1;
        self.fitted = true;
    }

    /// The bounds shown in the last frame: `[min lon, min lat, max lon, max lat]`.
    pub fn view_bounds(&self) -> Option<[f64; 4]> {
        self.shown
    }

    /// Show these bounds from the next frame on (ignored unless finite and non-empty).
    pub fn set_view_bounds(&mut self, bounds: [f64; 4]) {
        let [x0, y0, x1, y1] = bounds;
        if bounds.iter().all(|v| v.is_finite()) && x0 < x1 && y0 < y1 {
            self.restore = Some(bounds);
            self.reset_pending = 0;
            self.fitted = false;
        }
    }

    /// Moves the view so that `(lon, lat)` is in the middle, keeping the zoom.
    pub fn center_on(&mut self, lon: f64, lat: f64) {
        if let Some([x0, y0, x1, y1]) = self.shown {
            let (half_w, half_h) = ((x1 - x0) / 2.0, (y1 - y0) / 2.0);
            self.set_view_bounds([lon - half_w, lat - half_h, lon + half_w, lat + half_h]);
        }
    }

    /// Whether `(lon, lat)` was inside the view in the last frame.
    pub fn shows(&self, lon: f64, lat: f64) -> bool {
        self.shown
            .is_some_and(|[x0, y0, x1, y1]| (x0..=x1).contains(&lon) && (y0..=y1).contains(&lat))
    }

    /// Uses this index for the dataset of `generation` (built on the loading thread).
    pub fn set_index(&mut self, generation: u64, index: CityIndex) {
        self.index = Some((generation, index));
    }

    /// The clusters drawn in the last frame.
    pub fn clusters(&self) -> &[DrawnCluster] {
        &self.clusters
    }

    /// How many cities were drawn one by one in the last frame.
    pub fn drawn_cities(&self) -> usize {
        self.drawn.len()
    }

    /// Zooms in `factor` times around `(lon, lat)`.
    pub fn zoom_into(&mut self, lon: f64, lat: f64, factor: f64) {
        if let Some([x0, y0, x1, y1]) = self.shown {
            let (half_w, half_h) = ((x1 - x0) / 2.0 / factor, (y1 - y0) / 2.0 / factor);
            self.set_view_bounds([lon - half_w, lat - half_h, lon + half_w, lat + half_h]);
        }
    }

    /// The drawn cluster under `pointer`, as an index into [`Self::clusters`].
    pub fn cluster_at(&self, pointer: Pos2) -> Option<usize> {
        self.clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.pos.distance(pointer) <= c.radius + 2.0)
            .min_by(|a, b| {
                a.1.pos
                    .distance(pointer)
                    .total_cmp(&b.1.pos.distance(pointer))
            })
            .map(|(i, _)| i)
    }

    /// Decides what to draw: every city in view, or, with more than [`INDIVIDUAL_LIMIT`]
    /// of them, clusters (and the cities alone in their cell).
    fn place(&mut self, input: &MapInput<'_>, transform: &egui_plot::PlotTransform) {
        let &MapInput {
            dataset,
            generation,
            year,
            filter,
            ..
        } = input;
        let frame = *transform.frame();
        self.drawn.clear();
        self.clusters.clear();
        self.drawn_generation = generation;
        let push_city = |drawn: &mut Vec<(usize, Pos2)>, index: usize| {
            let city = &dataset.cities[index];
            let pos = transform
                .position_from_point(&PlotPoint::new(city.location.lon, city.location.lat));
            if frame.expand(PICK_RADIUS).contains(pos) {
                drawn.push((index, pos));
            }
        };
        if dataset.cities.len() <= INDIVIDUAL_LIMIT {
            for index in 0..dataset.cities.len() {
                if filter.shows(&dataset.city_year(index, year)) {
                    push_city(&mut self.drawn, index);
                }
            }
        } else {
            if self.index.as_ref().is_none_or(|(g, _)| *g != generation) {
                self.index = Some((generation, CityIndex::new(dataset)));
            }
            let Some((_, index)) = &mut self.index else {
                return;
            };
            index.recount(dataset, year, filter);
            let (min, max) = (transform.bounds().min(), transform.bounds().max());
            let margin = f64::from(PICK_RADIUS) * (max[1] - min[1]) / f64::from(frame.height());
            let bounds = [
                min[0] - margin,
                min[1] - margin,
                max[0] + margin,
                max[1] + margin,
            ];
            let px_per_degree = f64::from(frame.height()) / (max[1] - min[1]);
            let level = index.level_for(px_per_degree, CLUSTER_PX);
            let cells = index.cells_in(level, bounds);
            let shown: usize = cells.iter().map(|c| c.shown as usize).sum();
            if shown <= INDIVIDUAL_LIMIT {
                for city in index.cities_in(bounds) {
                    if filter.shows(&dataset.city_year(city, year)) {
                        push_city(&mut self.drawn, city);
                    }
                }
            } else {
                for cell in cells {
                    if cell.shown == 1 {
                        push_city(&mut self.drawn, cell.some_shown as usize);
                        continue;
                    }
                    let pos = transform
                        .position_from_point(&PlotPoint::new(cell.centre[0], cell.centre[1]));
                    #[allow(clippy::cast_possible_truncation)]
                    let radius = 8.0 + 3.0 * f64::from(cell.shown).log10() as f32;
                    self.clusters.push(DrawnCluster {
                        pos,
                        radius,
                        centre: cell.centre,
                        shown: cell.shown,
                        counts: cell.counts,
                    });
                }
            }
        }
        self.drawn
            .sort_by_key(|&(c, _)| dataset.cities[c].population.unwrap_or(0));
    }

    /// Where a city was drawn in the last frame, if it was visible.
    pub fn screen_position(&self, city: usize) -> Option<Pos2> {
        self.drawn.iter().find(|(c, _)| *c == city).map(|&(_, p)| p)
    }

    /// The drawn city within [`PICK_RADIUS`] of `pointer` (nearest first).
    pub fn city_at(&self, pointer: Pos2) -> Option<usize> {
        nearest_within(
            self.drawn.iter().map(|&(c, p)| (c, [p.x, p.y])),
            [pointer.x, pointer.y],
            PICK_RADIUS,
        )
    }

    pub fn map_ui(&mut self, ui: &mut egui::Ui, input: &MapInput<'_>, commands: &mut Vec<Command>) {
        let &MapInput {
            dataset,
            year,
            comparison,
            ..
        } = input;
        // The plot's frame is about the size of this panel, less the axes.
        let size = ui.available_size();
        if self.fitted && size != self.frame_size {
            self.reset_pending = self.reset_pending.max(1);
        }
        self.frame_size = size;
        let reset = self.reset_pending > 0;
        self.reset_pending = self.reset_pending.saturating_sub(1);
        let mut zoomed = false;
        let restore = self.restore.take();
        let home = self.home;
        let aspect = f64::from(self.aspect);
        // Filled in after the plot has computed this frame's transform, but drawn under it.
        let background = ui.painter().add(egui::Shape::Noop);
        let response = Plot::new("map")
            .data_aspect(self.aspect)
            .show_background(false)
            .x_grid_spacer(degree_grid)
            .y_grid_spacer(degree_grid)
            .show_x(false)
            .show_y(false)
            .show_crosshair(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            // The wheel and a pinch zoom (here, within limits), as on every map; dragging pans.
            .allow_scroll(false)
            .allow_zoom(false)
            .x_axis_formatter(|mark, _| longitude_label(mark.value))
            .y_axis_formatter(|mark, _| latitude_label(mark.value))
            .show(ui, |plot_ui| {
                let shown = plot_ui.plot_bounds();
                if let Some([x0, y0, x1, y1]) = restore {
                    plot_ui.set_plot_bounds(within_limits(PlotBounds::from_min_max(
                        [x0, y0],
                        [x1, y1],
                    )));
                } else if reset {
                    plot_ui.set_plot_bounds(fit_to_frame(home, aspect, size));
                } else if within_limits(shown) != shown {
                    // Dragged past the world's edge (or a bad saved view): back within it.
                    plot_ui.set_plot_bounds(within_limits(shown));
                } else if plot_ui.response().hovered() {
                    let (scroll, pinch) = plot_ui
                        .ctx()
                        .input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
                    let factor = f64::from((scroll / WHEEL_ZOOM_POINTS).exp() * pinch);
                    if factor.is_finite() && factor != 1.0 {
                        // Never past the whole world out, nor past a few metres in.
                        let span = shown.width().max(f64::MIN_POSITIVE);
                        let factor = factor.clamp(span / MAX_SPAN_DEGREES, span / MIN_SPAN_DEGREES);
                        if factor != 1.0 {
                            zoomed = true;
                            #[allow(clippy::cast_possible_truncation)]
                            let factor = factor as f32;
                            plot_ui.zoom_bounds_around_hovered(egui::vec2(factor, factor));
                        }
                    }
                }
            });

        if zoomed || response.response.dragged() {
            self.fitted = false;
        }
        let transform = response.transform;
        let frame = *transform.frame();
        let (min, max) = (transform.bounds().min(), transform.bounds().max());
        self.shown = Some([min[0], min[1], max[0], max[1]]);
        // A drag this frame may have carried the view off the globe: back on the next one.
        let limited = within_limits(*transform.bounds());
        if limited != *transform.bounds() {
            let (a, b) = (limited.min(), limited.max());
            self.restore = Some([a[0], a[1], b[0], b[1]]);
            ui.ctx().request_repaint();
        }
        ui.painter()
            .with_clip_rect(frame)
            .set(background, self.background_shape(&transform));
        self.place(input, &transform);

        let painter = ui.painter().with_clip_rect(frame);
        self.paint_clusters(&painter, dataset.vocabulary());
        self.paint_cities(&painter, input);
        paint_year_caption(&painter, frame, input);

        let plot = response.response;
        // Made before the panels (see `keyboard_widgets_ui`), at last frame's positions.
        let keyboard_pick = std::mem::take(&mut self.widgets);
        if let Some((pos, radius)) = keyboard_pick.focused {
            painter.circle_stroke(
                pos,
                radius,
                Stroke::new(2.5, ui.visuals().selection.stroke.color),
            );
        }
        if self.widget_frame != frame || self.widgets_at != self.drawn {
            // The widgets were placed for last frame's view: place them again.
            ui.ctx().request_repaint();
        }
        self.widget_frame = frame;
        let pointer_on_city = keyboard_pick.hovered;
        let pointer = ui.input(|i| i.pointer.hover_pos());
        let hovered = pointer
            .filter(|_| plot.hovered() || pointer_on_city.is_some())
            .and_then(|p| self.city_at(p));
        let pointer_clicked = plot.clicked() || keyboard_pick.pointer_clicked;
        let cluster_hovered = if hovered.is_none() {
            pointer
                .filter(|_| plot.hovered() || pointer_on_city.is_some())
                .and_then(|p| self.cluster_at(p))
        } else {
            None
        };
        if let Some(city) = keyboard_pick.activated {
            commands.push(Command::Select(Some(city)));
        } else if let Some(cluster) = keyboard_pick.cluster_activated {
            let [lon, lat] = self.clusters[cluster].centre;
            self.zoom_into(lon, lat, CLUSTER_ZOOM);
        } else if pointer_clicked {
            let picked = pointer.and_then(|p| self.city_at(p));
            let cluster = pointer.and_then(|p| self.cluster_at(p));
            match (picked, cluster) {
                (None, Some(cluster)) => {
                    // A click on a cluster zooms in on it.
                    let [lon, lat] = self.clusters[cluster].centre;
                    self.zoom_into(lon, lat, CLUSTER_ZOOM);
                }
                _ => commands.push(Command::Select(picked)),
            }
        }
        if let Some(cluster) = cluster_hovered {
            let tr = tr(ui.ctx());
            let text = cluster_text(tr, dataset, &self.clusters[cluster]);
            let tooltip = |ui: &mut egui::Ui| {
                ui.label(text);
                ui.weak(tr.get("map.cluster_hint"));
            };
            match pointer_on_city {
                Some(response) => {
                    response.on_hover_ui_at_pointer(tooltip);
                }
                None => {
                    plot.on_hover_ui_at_pointer(tooltip);
                }
            }
            ui.ctx().set_cursor_icon(egui::CursorIcon::ZoomIn);
            return;
        }
        if let Some(city_index) = hovered {
            let tr = tr(ui.ctx());
            let city = &dataset.cities[city_index];
            let cell = dataset.city_year(city_index, year);
            let name = tr.name(
                city.names_in(year, dataset.info.event_day),
                dataset.info.name_language.as_deref(),
            );
            let tooltip = |ui: &mut egui::Ui| {
                ui.strong(name);
                ui.label(format!(
                    "{year}: {}",
                    tr.status(dataset.vocabulary(), cell.status)
                ));
                if cell.disputed {
                    ui.label(format!("! {}", tr.get("map.disputed")));
                } else if cell.plan_changed {
                    ui.label(tr.get("map.plan_changed"));
                }
                if let Some(change) = comparison.and_then(|c| c.of(city_index)) {
                    ui.label(change_text(
                        tr,
                        dataset.vocabulary(),
                        change,
                        comparison.map_or(year, |c| c.from),
                        year,
                    ));
                }
                ui.weak(tr.get("map.click_for_sources"));
            };
            match pointer_on_city {
                Some(response) => {
                    response.on_hover_ui_at_pointer(tooltip);
                }
                None => {
                    plot.on_hover_ui_at_pointer(tooltip);
                }
            }
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
    }

    /// Makes the map's keyboard widgets, before the panels around the map, so that Tab
    /// reaches the cities right after the top bar (the order widgets are made in is the
    /// order of Tab). They stand where the cities were drawn in the last frame; the map
    /// asks for another frame when that moved. The map draws later, over them, and
    /// handles the pointer itself.
    pub fn keyboard_widgets_ui(&mut self, ui: &mut egui::Ui, input: &MapInput<'_>) {
        if self.drawn_generation != input.generation {
            // Last frame drew another dataset: its cities are not this one's.
            self.drawn.clear();
            self.clusters.clear();
        }
        self.widgets = self.city_widgets(ui, self.widget_frame, input);
        self.widgets_at.clone_from(&self.drawn);
        if std::mem::take(&mut self.focus_wanted) {
            // The selected city if it is drawn, else the largest in view (Tab's first).
            let city = input
                .selected
                .filter(|s| self.drawn.iter().any(|&(c, _)| c == *s))
                .or_else(|| self.drawn.last().map(|&(c, _)| c));
            if let Some(city) = city {
                ui.memory_mut(|m| m.request_focus(city_widget_id(ui, city)));
            }
        }
    }

    /// Where the map was drawn in the last frame (screen points).
    pub fn frame_rect(&self) -> Rect {
        self.widget_frame
    }

    /// Gives the keyboard focus to the map in the next frame (see [`Self::keyboard_widgets_ui`]).
    pub fn focus_next_frame(&mut self) {
        self.focus_wanted = true;
    }

    /// One invisible widget per drawn city (up to [`MAX_CITY_WIDGETS`]), so that every city
    /// on the map can be reached with Tab, opened with Enter or Space, and has an
    /// accessible name with its status. Pointer clicks still pick the nearest marker.
    fn city_widgets(&self, ui: &mut egui::Ui, frame: Rect, input: &MapInput<'_>) -> CityWidgets {
        let mut out = CityWidgets::default();
        if self.drawn.len() + self.clusters.len() > MAX_CITY_WIDGETS {
            return out;
        }
        let tr = tr(ui.ctx());
        for (i, cluster) in self.clusters.iter().enumerate() {
            let (response, how) = marker_widget(
                ui,
                frame,
                ui.scope_id().with(("cluster", i)),
                cluster.pos,
                cluster.radius,
                || {
                    egui::WidgetInfo::labeled(
                        egui::accesskit::Role::Button,
                        true,
                        format!(
                            "{}; {}",
                            cluster_text(tr, input.dataset, cluster),
                            tr.get("map.cluster_hint")
                        ),
                    )
                },
            );
            match how {
                Activation::Pointer => out.pointer_clicked = true,
                Activation::Keyboard => out.cluster_activated = Some(i),
                Activation::None => {}
            }
            if response.has_focus() {
                crate::ui::focus::rings_itself(ui.ctx(), response.id);
                out.focused = Some((cluster.pos, cluster.radius + 4.0));
            }
            if response.hovered() {
                out.hovered = Some(response);
            }
        }
        // Largest city first: the order Tab follows.
        for &(index, pos) in self.drawn.iter().rev() {
            let city = &input.dataset.cities[index];
            let (response, how) = marker_widget(
                ui,
                frame,
                city_widget_id(ui, index),
                pos,
                marker_radius(city.population).max(PICK_RADIUS),
                || {
                    egui::WidgetInfo::selected(
                        egui::accesskit::Role::Button,
                        true,
                        input.selected == Some(index),
                        city_accessible_name(tr, input, index),
                    )
                },
            );
            match how {
                Activation::Pointer => out.pointer_clicked = true,
                Activation::Keyboard => out.activated = Some(index),
                Activation::None => {}
            }
            if response.has_focus() {
                crate::ui::focus::rings_itself(ui.ctx(), response.id);
                out.focused = Some((pos, marker_radius(city.population) + 9.0));
            }
            if response.hovered() {
                out.hovered = Some(response);
            }
        }
        out
    }

    /// Clusters: a white disc ringed with each status's share, the count in the middle.
    fn paint_clusters(&self, painter: &egui::Painter, vocabulary: &Vocabulary) {
        for cluster in &self.clusters {
            painter.circle(
                cluster.pos,
                cluster.radius,
                Color32::from_rgba_unmultiplied(255, 255, 255, 230),
                Stroke::new(1.0, Color32::from_gray(60)),
            );
            let total: u32 = cluster.counts.iter().sum();
            let mut start = -std::f32::consts::FRAC_PI_2;
            for status in vocabulary.legend() {
                let n = cluster.counts[status.index()];
                if n == 0 || total == 0 {
                    continue;
                }
                #[allow(clippy::cast_precision_loss)]
                let sweep = std::f32::consts::TAU * n as f32 / total as f32;
                let steps = (sweep * 8.0).ceil().max(2.0);
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let points: Vec<Pos2> = (0..=steps as usize)
                    .map(|k| {
                        #[allow(clippy::cast_precision_loss)]
                        let a = start + sweep * k as f32 / steps;
                        cluster.pos + (cluster.radius - 2.5) * vec2(a.cos(), a.sin())
                    })
                    .collect();
                painter.add(egui::Shape::line(
                    points,
                    Stroke::new(4.0, crate::ui::style::status_color(vocabulary, status)),
                ));
                start += sweep;
            }
            painter.text(
                cluster.pos,
                egui::Align2::CENTER_CENTER,
                compact_count(cluster.shown),
                FontId::proportional(11.0),
                Color32::from_gray(20),
            );
        }
    }

    /// The world under the cities, in this frame's screen coordinates (rebuilt only when
    /// the view moved, not on every hover).
    fn background_shape(&mut self, transform: &egui_plot::PlotTransform) -> egui::Shape {
        egui::Shape::Vec(self.basemap.shapes(transform).as_ref().clone())
    }

    fn paint_cities(&self, painter: &egui::Painter, input: &MapInput<'_>) {
        let &MapInput {
            dataset,
            year,
            selected,
            comparison,
            ..
        } = input;
        // `drawn` is smallest city first, so large markers stay on top.
        for &(city_index, pos) in &self.drawn {
            let city = &dataset.cities[city_index];
            let cell = dataset.city_year(city_index, year);
            let radius = marker_radius(city.population);
            if selected == Some(city_index) {
                painter.circle_filled(
                    pos,
                    radius + 6.0,
                    Color32::from_rgba_unmultiplied(255, 255, 255, 200),
                );
                painter.circle_stroke(pos, radius + 6.0, Stroke::new(2.5, Color32::BLACK));
            }
            // Comparing: what did not change steps back, so the changes stand out.
            let quiet = comparison
                .and_then(|c| c.of(city_index))
                .is_some_and(|c| change_symbol(c.change).is_none());
            // Comparing, a city whose status differs is split: the compared (earlier)
            // year's marker on the left half, the shown year's on the right.
            let before = comparison
                .map(|c| dataset.city_year(city_index, c.from).status)
                .filter(|&s| s != cell.status);
            if quiet && selected != Some(city_index) {
                let mut faded = painter.clone();
                faded.multiply_opacity(0.35);
                paint_marker(&faded, pos, radius, dataset.vocabulary(), cell.status);
            } else if let Some(before) = before {
                paint_split_marker(
                    painter,
                    pos,
                    radius,
                    dataset.vocabulary(),
                    before,
                    cell.status,
                );
            } else {
                paint_marker(painter, pos, radius, dataset.vocabulary(), cell.status);
            }
        }
        self.paint_labels(painter, dataset, year, selected, comparison);
        // After the labels, so a label's background never hides the mark.
        for &(city_index, pos) in &self.drawn {
            let radius = marker_radius(dataset.cities[city_index].population);
            if dataset.is_tentative(city_index, year) {
                crate::ui::style::paint_tentative_ring(painter, pos, radius);
            }
            if dataset.city_year(city_index, year).disputed {
                paint_disputed_badge(painter, pos + vec2(radius + 2.0, -radius - 2.0));
            }
            if let Some(change) = comparison.and_then(|c| c.of(city_index)) {
                paint_change_badge(painter, change_badge_position(pos, radius), change.change);
            }
        }
    }

    /// Labels the largest cities first and skips any label that would cover another
    /// label or a marker; the selected city is always labelled.
    fn paint_labels(
        &self,
        painter: &egui::Painter,
        dataset: &Dataset,
        year: i32,
        selected: Option<usize>,
        comparison: Option<&Comparison>,
    ) {
        // The selected city, then the others largest first (`drawn` is smallest first).
        let chosen = self.drawn.iter().position(|&(c, _)| Some(c) == selected);
        let order = chosen.into_iter().chain(
            (0..self.drawn.len())
                .rev()
                .filter(|&i| Some(i) != chosen)
                .take(LABEL_LIMIT),
        );
        let markers: Vec<Rect> = self
            .drawn
            .iter()
            .map(|&(c, p)| {
                let radius = marker_radius(dataset.cities[c].population);
                let marker = Rect::from_center_size(p, egui::Vec2::splat(2.0 * radius));
                // A change badge (comparing) sits at the lower left: no label covers it.
                match comparison.and_then(|cmp| cmp.of(c)) {
                    Some(change) if change_symbol(change.change).is_some() => {
                        marker.union(Rect::from_center_size(
                            change_badge_position(p, radius),
                            egui::Vec2::splat(2.0 * CHANGE_BADGE_RADIUS),
                        ))
                    }
                    _ => marker,
                }
            })
            .collect();
        let mut taken: Vec<Rect> = Vec::new();
        for i in order {
            let (city_index, pos) = self.drawn[i];
            let city = &dataset.cities[city_index];
            let is_selected = selected == Some(city_index);
            let font = FontId::proportional(if is_selected { 14.0 } else { 12.0 });
            let text = tr(painter.ctx())
                .name(
                    city.names_in(year, dataset.info.event_day),
                    dataset.info.name_language.as_deref(),
                )
                .to_owned();
            let galley = painter.layout_no_wrap(text, font, Color32::from_gray(20));
            // Clear of the marker, and of the selection ring around it.
            let radius = marker_radius(city.population) + if is_selected { 6.0 } else { 0.0 };
            let candidates = [
                Rect::from_min_size(
                    pos + vec2(radius + 3.0, -galley.size().y / 2.0),
                    galley.size(),
                ),
                Rect::from_min_size(
                    pos + vec2(-radius - 3.0 - galley.size().x, -galley.size().y / 2.0),
                    galley.size(),
                ),
                Rect::from_min_size(
                    pos + vec2(-galley.size().x / 2.0, -radius - 2.0 - galley.size().y),
                    galley.size(),
                ),
                Rect::from_min_size(
                    pos + vec2(-galley.size().x / 2.0, radius + 2.0),
                    galley.size(),
                ),
            ];
            let free = |r: &Rect| {
                !taken.iter().any(|t| t.intersects(*r))
                    && !markers
                        .iter()
                        .enumerate()
                        .any(|(j, m)| j != i && m.intersects(*r))
            };
            let spot = candidates
                .iter()
                .find(|r| free(r))
                .or(is_selected.then_some(&candidates[0]));
            if let Some(&rect) = spot {
                painter.rect_filled(
                    rect.expand(1.0),
                    2.0,
                    Color32::from_rgba_unmultiplied(255, 255, 255, 170),
                );
                painter.galley(rect.min, galley, Color32::BLACK);
                taken.push(rect);
            }
        }
    }
}

/// Where a city's change badge goes (comparing): below left of its marker.
fn change_badge_position(pos: Pos2, radius: f32) -> Pos2 {
    pos + vec2(-radius - 3.0, radius + 3.0)
}

/// `home` grown along one axis so that, at the plot's data aspect on a frame of `size`
/// points, all of it is shown: egui_plot keeps the longitude span and derives the
/// latitude span from it, which would cut off the north and south of a tall area (Chile).
fn fit_to_frame(home: LonLatBounds, aspect: f64, size: egui::Vec2) -> PlotBounds {
    let (w, h) = (f64::from(size.x.max(1.0)), f64::from(size.y.max(1.0)));
    // Degrees of longitude per degree of latitude that fill the frame.
    let ratio = aspect * w / h;
    let (mut xs, mut ys) = (home.max_lon - home.min_lon, home.max_lat - home.min_lat);
    if xs / ys < ratio {
        xs = ys * ratio;
    } else {
        ys = xs / ratio;
    }
    let (cx, cy) = (
        f64::midpoint(home.min_lon, home.max_lon),
        f64::midpoint(home.min_lat, home.max_lat),
    );
    within_limits(PlotBounds::from_min_max(
        [cx - xs / 2.0, cy - ys / 2.0],
        [cx + xs / 2.0, cy + ys / 2.0],
    ))
}

pub use crate::geography::view::home_for;

/// The year in the map's corner, so a screenshot or a frame of Play says which year it
/// shows ("2019 → 2025" when comparing).
fn paint_year_caption(painter: &egui::Painter, frame: Rect, input: &MapInput<'_>) {
    let text = match input.comparison {
        Some(c) if c.from != input.year => format!("{} → {}", c.from, input.year),
        _ => input.year.to_string(),
    };
    let galley = painter.layout_no_wrap(text, FontId::proportional(24.0), Color32::from_gray(0x30));
    let at = frame.left_top() + egui::vec2(12.0, 10.0);
    let rect = Rect::from_min_size(at, galley.size()).expand2(egui::vec2(8.0, 3.0));
    painter.rect_filled(
        rect,
        4.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 210),
    );
    painter.galley(at, galley, Color32::from_gray(0x30));
}

/// The widest view: a little more than the whole world.
pub const MAX_SPAN_DEGREES: f64 = 400.0;
/// The narrowest view: about 20 m.
pub const MIN_SPAN_DEGREES: f64 = 0.0002;

/// `bounds` zoomed and moved, if need be, so that the view is no wider than the world
/// (and no narrower than a few metres) and its centre stays on the globe. Bounds that are
/// not finite become the whole world.
pub fn within_limits(bounds: PlotBounds) -> PlotBounds {
    let (min, max) = (bounds.min(), bounds.max());
    if !min.iter().chain(&max).all(|v| v.is_finite()) || max[0] <= min[0] || max[1] <= min[1] {
        return PlotBounds::from_min_max([-180.0, -90.0], [180.0, 90.0]);
    }
    let (w, h) = (max[0] - min[0], max[1] - min[1]);
    // One factor for both axes keeps the aspect ratio.
    // A little slack, so that rounding in the plot's aspect correction never makes a
    // view bounce between "too wide" and "just right" (a repaint loop).
    let mut scale = 1.0_f64;
    if w.max(h) > MAX_SPAN_DEGREES * (1.0 + 1e-6) {
        scale = MAX_SPAN_DEGREES / w.max(h);
    } else if w.min(h) < MIN_SPAN_DEGREES * (1.0 - 1e-6) {
        scale = MIN_SPAN_DEGREES / w.min(h);
    }
    let mid = [f64::midpoint(min[0], max[0]), f64::midpoint(min[1], max[1])];
    // The centre back on the globe, with the same slack as the spans.
    let on_globe = |v: f64, limit: f64| {
        if v.abs() > limit + 1e-6 {
            v.clamp(-limit, limit)
        } else {
            v
        }
    };
    let centre = [on_globe(mid[0], 180.0), on_globe(mid[1], 90.0)];
    // Unchanged bounds come back bit for bit (the caller compares them).
    if scale == 1.0 && centre == mid {
        return bounds;
    }
    let (hw, hh) = (w * scale / 2.0, h * scale / 2.0);
    PlotBounds::from_min_max(
        [centre[0] - hw, centre[1] - hh],
        [centre[0] + hw, centre[1] + hh],
    )
}

/// Grid lines at round numbers of degrees, fewer as the map is zoomed out (every 5° at
/// the size of a country). Nothing for a view that is not a sane one, so a bad view can
/// never ask for millions of lines.
fn degree_grid(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (min, max) = input.bounds;
    let span = max - min;
    if !(min.is_finite() && max.is_finite()) || span <= 0.0 || span > 4.0 * MAX_SPAN_DEGREES {
        return Vec::new();
    }
    // Every 5° from the size of a country up (as the map was drawn before), finer only
    // when zoomed in further.
    let least = if span >= 10.0 { GRID_STEP_DEGREES } else { 1.0 };
    let step = [1.0, 2.0, GRID_STEP_DEGREES, 10.0, 20.0, 30.0]
        .into_iter()
        .find(|&s| s >= least && span / s <= 16.0)
        .unwrap_or(45.0);
    #[allow(clippy::cast_possible_truncation)]
    let (first, last) = ((min / step).ceil() as i64, (max / step).floor() as i64);
    (first..=last)
        .map(|k| {
            #[allow(clippy::cast_precision_loss)]
            let value = k as f64 * step;
            let step_size = if k % 4 == 0 {
                step * 4.0
            } else if k % 2 == 0 {
                step * 2.0
            } else {
                step
            };
            egui_plot::GridMark { value, step_size }
        })
        .collect()
}

/// "65°W", "0°", "76°E"; nothing past the antimeridian.
pub fn longitude_label(value: f64) -> String {
    degrees_label(value, 180.0, "E", "W")
}

/// "30°S", "0°", "43°N"; nothing past the poles.
pub fn latitude_label(value: f64) -> String {
    degrees_label(value, 90.0, "N", "S")
}

fn degrees_label(value: f64, limit: f64, positive: &str, negative: &str) -> String {
    let rounded = value.round();
    if !rounded.is_finite() || rounded.abs() > limit {
        String::new()
    } else if rounded == 0.0 {
        "0°".to_owned()
    } else if rounded > 0.0 {
        format!("{rounded:.0}°{positive}")
    } else {
        format!("{:.0}°{negative}", -rounded)
    }
}
