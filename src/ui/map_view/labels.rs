//! City labels placed so that none covers another label or a marker.

use egui::{Color32, FontId, Rect, vec2};

use super::MapView;
use super::paint::change_badge_position;
use crate::model::Dataset;
use crate::model::compare::Comparison;
use crate::ui::style::{CHANGE_BADGE_RADIUS, DISPUTED_BADGE_RADIUS, change_symbol, marker_radius};
use crate::ui::tr;

/// At most this many cities get a label try (largest first).
const LABEL_LIMIT: usize = 250;

impl MapView {
    /// What each drawn city covers on screen, in `drawn`'s order: its marker, its change
    /// badge (comparing, at the lower left) and its "sources disagree" badge (upper right).
    pub(super) fn marker_rects(
        &self,
        dataset: &Dataset,
        year: i32,
        comparison: Option<&Comparison>,
    ) -> Vec<Rect> {
        self.drawn
            .iter()
            .map(|&(c, p)| {
                let radius = marker_radius(dataset.cities[c].population);
                let mut rect = Rect::from_center_size(p, egui::Vec2::splat(2.0 * radius));
                if let Some(change) = comparison.and_then(|cmp| cmp.of(c))
                    && change_symbol(change.change).is_some()
                {
                    rect = rect.union(Rect::from_center_size(
                        change_badge_position(p, radius),
                        egui::Vec2::splat(2.0 * CHANGE_BADGE_RADIUS),
                    ));
                }
                if dataset.city_year(c, year).disputed {
                    rect = rect.union(Rect::from_center_size(
                        p + vec2(radius + 2.0, -radius - 2.0),
                        egui::Vec2::splat(2.0 * DISPUTED_BADGE_RADIUS),
                    ));
                }
                rect
            })
            .collect()
    }

    /// Labels the largest cities first and skips any label that would cover another
    /// label or a marker; the selected city is always labelled. Returns where the labels
    /// went.
    pub(super) fn paint_labels(
        &self,
        painter: &egui::Painter,
        dataset: &Dataset,
        year: i32,
        selected: Option<usize>,
        comparison: Option<&Comparison>,
    ) -> Vec<Rect> {
        // The selected city, then the others largest first (`drawn` is smallest first).
        let chosen = self.drawn.iter().position(|&(c, _)| Some(c) == selected);
        let order = chosen.into_iter().chain(
            (0..self.drawn.len())
                .rev()
                .filter(|&i| Some(i) != chosen)
                .take(LABEL_LIMIT),
        );
        let markers = self.marker_rects(dataset, year, comparison);
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
        taken
    }
}
