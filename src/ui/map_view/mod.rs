//! The map: basemap lines in an egui_plot, cities painted on top in screen space,
//! hit testing, hover tooltip and labels that do not overlap.

mod grid;
mod labels;
mod limits;
mod paint;
mod widgets;

use egui::{Pos2, Rect, Stroke};
use egui_plot::{Plot, PlotBounds, PlotPoint};

use crate::command::Command;
use crate::geography::index::{Cell, INDIVIDUAL_LIMIT};
use crate::geography::{Basemap, CityIndex, LonLatBounds, aspect_for_latitude, nearest_within};
use crate::model::compare::Comparison;
use crate::model::{Dataset, MapFilter, Status};
use crate::ui::style::MAP_SURROUND;
use crate::ui::tr;

use grid::degree_grid;
pub use grid::{latitude_label, longitude_label};
use limits::fit_to_frame;
pub use limits::{MAX_LAT_SPAN_DEGREES, MAX_SPAN_DEGREES, MIN_SPAN_DEGREES, within_limits};
use paint::paint_year_caption;
use widgets::{CityWidgets, city_widget_id, cluster_text};
pub use widgets::{change_text, city_accessible_name};

/// Above this many cities in view, the map adds no widget per city (the city list is the
/// accessible way through them).
pub const MAX_CITY_WIDGETS: usize = 2000;

/// Cluster cells are about this many screen points wide.
const CLUSTER_PX: f64 = 64.0;

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

/// How far a click on a cluster zooms in.
const CLUSTER_ZOOM: f64 = 4.0;

/// Screen points within which a click or hover picks a city.
pub const PICK_RADIUS: f32 = 12.0;

/// Scrolling this many points zooms by a factor of e.
const WHEEL_ZOOM_POINTS: f32 = 400.0;

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
    /// The region names painted last frame and where.
    region_names: Vec<(String, Rect)>,
    /// Where last frame's city names went.
    city_labels: Vec<Rect>,
    /// The keyboard widgets made this frame (see [`Self::keyboard_widgets_ui`]), where
    /// they stood, and the plot's frame they were made for.
    widgets: CityWidgets,
    widgets_at: Vec<(usize, Pos2)>,
    widget_frame: Rect,
    /// Whether a pass has laid the map out (the first only measures: see [`Self::map_ui`]).
    measured: bool,
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
            region_names: Vec::new(),
            city_labels: Vec::new(),
            widgets: CityWidgets::default(),
            widgets_at: Vec::new(),
            widget_frame: Rect::NOTHING,
            measured: false,
            focus_wanted: false,
            drawn_generation: 0,
        }
    }

    /// Makes "the whole map" (the first view and Reset view) fit `dataset`: its own view
    /// if it sets one, else its cities with a margin — and the basemap's country too when
    /// the cities lie in it, so a country's dataset shows the whole country.
    pub fn fit_dataset(&mut self, dataset: &Dataset, area: Option<&geo::MultiPolygon<f64>>) {
        self.basemap.set_dataset(dataset);
        self.home = crate::geography::view::map_home_for(dataset, self.basemap_bounds, area);
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
        self.shown.is_some_and(|[x0, y0, x1, y1]| {
            let lon = nearest_copy(lon, f64::midpoint(x0, x1));
            (x0..=x1).contains(&lon) && (y0..=y1).contains(&lat)
        })
    }

    /// Uses this index for the dataset of `generation` (built on the loading thread).
    pub fn set_index(&mut self, generation: u64, index: CityIndex) {
        self.index = Some((generation, index));
    }

    /// The clusters drawn in the last frame.
    pub fn clusters(&self) -> &[DrawnCluster] {
        &self.clusters
    }

    /// The region names painted in the last frame, with where each went.
    pub fn region_names(&self) -> &[(String, Rect)] {
        &self.region_names
    }

    /// Where the city names went in the last frame.
    pub fn city_label_rects(&self) -> &[Rect] {
        &self.city_labels
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
        let centre_lon = f64::midpoint(transform.bounds().min()[0], transform.bounds().max()[0]);
        let push_city = |drawn: &mut Vec<(usize, Pos2)>, index: usize| {
            let city = &dataset.cities[index];
            // Across 180°, the copy of the city on the view's side of it.
            let lon = nearest_copy(city.location.lon, centre_lon);
            let pos = transform.position_from_point(&PlotPoint::new(lon, city.location.lat));
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
            // A view across 180° asks the index once per copy of the world it shows, in
            // that copy's own longitudes.
            let copies: Vec<(f64, [f64; 4])> = [-360.0, 0.0, 360.0]
                .into_iter()
                .filter(|dx| bounds[2] >= -180.0 + dx && bounds[0] <= 180.0 + dx)
                .map(|dx| (dx, [bounds[0] - dx, bounds[1], bounds[2] - dx, bounds[3]]))
                .collect();
            let cells: Vec<(f64, &Cell)> = copies
                .iter()
                .flat_map(|&(dx, b)| index.cells_in(level, b).into_iter().map(move |c| (dx, c)))
                .collect();
            let shown: usize = cells.iter().map(|(_, c)| c.shown as usize).sum();
            if shown <= INDIVIDUAL_LIMIT {
                let mut cities: Vec<usize> = copies
                    .iter()
                    .flat_map(|&(_, b)| index.cities_in(b))
                    .collect();
                // A view wider than the world asks for some cities twice; each is drawn once.
                if copies.len() > 1 {
                    cities.sort_unstable();
                    cities.dedup();
                }
                for city in cities {
                    if filter.shows(&dataset.city_year(city, year)) {
                        push_city(&mut self.drawn, city);
                    }
                }
            } else {
                for (dx, cell) in cells {
                    if cell.shown == 1 {
                        push_city(&mut self.drawn, cell.some_shown as usize);
                        continue;
                    }
                    let centre = [cell.centre[0] + dx, cell.centre[1]];
                    let pos = transform.position_from_point(&PlotPoint::new(centre[0], centre[1]));
                    #[allow(clippy::cast_possible_truncation)]
                    let radius = 8.0 + 3.0 * f64::from(cell.shown).log10() as f32;
                    self.clusters.push(DrawnCluster {
                        pos,
                        radius,
                        centre,
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
        if !std::mem::replace(&mut self.measured, true) {
            // The panels around the map and the plot's axes take their sizes from the
            // pass before: the first is laid out again at once, unseen, and its basemap
            // is not drawn.
            ui.ctx()
                .request_discard("the map's first layout measures the panels and axes");
        }
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
        // Filled in after the plot has computed this frame's transform, but drawn under it:
        // the panel's colour around the map's frame (not under it), and the basemap.
        let panel = ui.max_rect();
        let surround = ui.painter().add(egui::Shape::Noop);
        let background = ui.painter().add(egui::Shape::Noop);
        // The axes as wide as their labels from the first frame on (egui_plot otherwise
        // measures them in one pass and makes room in the next, and the map, its frame
        // and its basemap would move): every label is whole degrees, at most "90°N".
        let label_size = |text: &str| {
            ui.painter()
                .layout_no_wrap(
                    text.to_owned(),
                    egui::TextStyle::Body.resolve(ui.style()),
                    egui::Color32::PLACEHOLDER,
                )
                .size()
        };
        // egui_plot adds 4 points on either side of a y label.
        let y_axis_width = label_size("88°N").x.max(label_size("88°S").x) + 8.0;
        let x_axis_height = label_size("88°E").y;
        let response = Plot::new("map")
            .data_aspect(self.aspect)
            .custom_x_axes(vec![
                egui_plot::AxisHints::new_x()
                    .formatter(|mark, _| longitude_label(mark.value))
                    .min_thickness(x_axis_height),
            ])
            .y_axis_min_width(y_axis_width)
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
                        // Nor taller than pole to pole.
                        let narrowest = span / MIN_SPAN_DEGREES;
                        let widest = (span / MAX_SPAN_DEGREES)
                            .max(shown.height() / MAX_LAT_SPAN_DEGREES)
                            .min(1.0)
                            .min(narrowest);
                        let factor = factor.clamp(widest, narrowest);
                        if factor != 1.0 {
                            zoomed = true;
                            #[allow(clippy::cast_possible_truncation)]
                            let factor = factor as f32;
                            plot_ui.zoom_bounds_around_hovered(egui::vec2(factor, factor));
                        }
                    }
                }
            });

        let moving = zoomed || response.response.dragged();
        if moving {
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
        ui.painter().set(surround, surround_shape(panel, frame));
        ui.painter().with_clip_rect(frame).set(
            background,
            self.background_shape(ui.ctx(), &transform, year, moving),
        );
        self.place(input, &transform);

        let painter = ui.painter().with_clip_rect(frame);
        // Region names go under the cities but are placed after them, clear of their names.
        let region_names = painter.add(egui::Shape::Noop);
        self.paint_clusters(&painter, dataset.vocabulary());
        self.city_labels = self.paint_cities(&painter, input);
        self.region_names =
            self.paint_region_labels(&painter, region_names, input, &self.city_labels);
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
                if dataset.is_tentative(city_index, year) {
                    ui.label(format!("◌ {}", tr.get("legend.tentative")));
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

    /// The world under the cities, in this frame's screen coordinates (rebuilt only when
    /// the view moved, not on every hover).
    fn background_shape(
        &mut self,
        ctx: &egui::Context,
        transform: &egui_plot::PlotTransform,
        year: i32,
        moving: bool,
    ) -> egui::Shape {
        self.basemap.shape(ctx, transform, year, moving)
    }

    /// How many of the dataset's own boundary regions the last frame drew.
    pub fn boundaries_drawn(&self) -> usize {
        self.basemap.boundaries_drawn()
    }
}

/// The map panel's colour in the strips between `panel`'s edges and the map's `frame`.
fn surround_shape(panel: Rect, frame: Rect) -> egui::Shape {
    let strips = [
        Rect::from_min_max(panel.min, egui::pos2(panel.max.x, frame.min.y)),
        Rect::from_min_max(egui::pos2(panel.min.x, frame.max.y), panel.max),
        Rect::from_min_max(
            egui::pos2(panel.min.x, frame.min.y),
            egui::pos2(frame.min.x, frame.max.y),
        ),
        Rect::from_min_max(
            egui::pos2(frame.max.x, frame.min.y),
            egui::pos2(panel.max.x, frame.max.y),
        ),
    ];
    egui::Shape::Vec(
        strips
            .into_iter()
            .filter(|r| r.is_positive())
            .map(|r| egui::Shape::rect_filled(r, 0.0, MAP_SURROUND))
            .collect(),
    )
}

pub use crate::geography::view::home_for;

use crate::geography::nearest_copy;
