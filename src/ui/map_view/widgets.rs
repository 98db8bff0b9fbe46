//! The map's invisible widgets over its markers (reached with Tab, named for screen
//! readers) and the words they and the tooltips say.

use egui::{Pos2, Rect};

use super::{DrawnCluster, MAX_CITY_WIDGETS, MapInput, MapView, PICK_RADIUS};
use crate::i18n::Strings;
use crate::model::compare::CityChange;
use crate::model::{Dataset, Vocabulary};
use crate::ui::compare_panel::change_key;
use crate::ui::style::marker_radius;
use crate::ui::tr;

/// What the per-city widgets saw this frame.
#[derive(Default)]
pub(super) struct CityWidgets {
    /// Opened with the keyboard (Enter or Space on a focused city).
    pub(super) activated: Option<usize>,
    /// A cluster opened with the keyboard (zoom into it).
    pub(super) cluster_activated: Option<usize>,
    /// A pointer click landed on a city's widget (the nearest marker is picked).
    pub(super) pointer_clicked: bool,
    pub(super) hovered: Option<egui::Response>,
    /// The marker with keyboard focus: where to ring it, and how large.
    pub(super) focused: Option<(Pos2, f32)>,
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
    // The dashed ring, in words.
    if dataset.is_tentative(index, input.year) {
        name.push_str(&format!(" ({})", tr.get("legend.tentative")));
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
pub(super) fn city_widget_id(ui: &egui::Ui, city: usize) -> egui::Id {
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

/// "1234 cities: Held 1000, Refused 234".
pub(super) fn cluster_text(tr: &Strings, dataset: &Dataset, cluster: &DrawnCluster) -> String {
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

impl MapView {
    /// One invisible widget per drawn city (up to [`MAX_CITY_WIDGETS`]), so that every city
    /// on the map can be reached with Tab, opened with Enter or Space, and has an
    /// accessible name with its status. Pointer clicks still pick the nearest marker.
    pub(super) fn city_widgets(
        &self,
        ui: &mut egui::Ui,
        frame: Rect,
        input: &MapInput<'_>,
    ) -> CityWidgets {
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
}
