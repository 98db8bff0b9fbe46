//! Painting the map's clusters, markers, badges and year caption.

use egui::{Color32, FontId, Pos2, Rect, Stroke, vec2};

use super::{MapInput, MapView};
use crate::model::Vocabulary;
use crate::ui::style::{
    change_symbol, marker_radius, paint_change_badge, paint_disputed_badge, paint_marker,
    paint_split_marker,
};

/// 999, 1.2k, 15k, 1.3M: short enough for a cluster's disc.
fn compact_count(n: u32) -> String {
    match n {
        0..=999 => n.to_string(),
        1_000..=9_999 => format!("{:.1}k", f64::from(n) / 1e3),
        10_000..=999_999 => format!("{}k", n / 1_000),
        _ => format!("{:.1}M", f64::from(n) / 1e6),
    }
}

/// Region names: quieter than city names, and readable on land (WCAG AA against it).
pub(super) const REGION_LABEL_COLOR: Color32 = Color32::from_gray(0x6A);

impl MapView {
    /// The names of the regions drawn, largest region first, each only where it fits
    /// inside its region's outline box and covers no city, cluster, city name
    /// (`city_labels`) or other region name. Painted into `slot`, under the cities;
    /// returns the names placed and where.
    pub(super) fn paint_region_labels(
        &self,
        painter: &egui::Painter,
        slot: egui::layers::ShapeIdx,
        input: &MapInput<'_>,
        city_labels: &[Rect],
    ) -> Vec<(String, Rect)> {
        let frame = painter.clip_rect();
        let mut shapes = Vec::new();
        let mut placed = Vec::new();
        let mut taken: Vec<Rect> = self
            .marker_rects(input.dataset, input.year, input.comparison)
            .into_iter()
            .map(|r| r.expand(2.0))
            .chain(
                self.clusters
                    .iter()
                    .map(|c| Rect::from_center_size(c.pos, egui::Vec2::splat(2.0 * c.radius))),
            )
            .chain(city_labels.iter().map(|r| r.expand(2.0)))
            .collect();
        // The world basemap names regions in English only: in another interface language
        // only the dataset's own boundaries (named in its own words) are named.
        let english = crate::ui::lang(painter.ctx()) == crate::i18n::Lang::En;
        for label in self
            .basemap
            .region_labels()
            .iter()
            .filter(|l| english || !l.english_only)
        {
            let galley = painter.layout_no_wrap(
                label.name.clone(),
                FontId::proportional(11.0),
                REGION_LABEL_COLOR,
            );
            let size = galley.size();
            if size.x > 0.8 * label.room.x || size.y > 0.5 * label.room.y {
                continue;
            }
            let Some(rect) = label
                .at
                .iter()
                .map(|&at| Rect::from_center_size(at, size))
                .find(|rect| {
                    frame.contains_rect(*rect) && !taken.iter().any(|t| t.intersects(*rect))
                })
            else {
                continue;
            };
            shapes.push(egui::Shape::galley(rect.min, galley, REGION_LABEL_COLOR));
            taken.push(rect.expand(6.0));
            placed.push((label.name.clone(), rect));
        }
        painter.set(slot, egui::Shape::Vec(shapes));
        placed
    }

    /// Clusters: a white disc ringed with each status's share, the count in the middle.
    pub(super) fn paint_clusters(&self, painter: &egui::Painter, vocabulary: &Vocabulary) {
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

    /// The cities, their labels and badges; returns where the labels went.
    pub(super) fn paint_cities(&self, painter: &egui::Painter, input: &MapInput<'_>) -> Vec<Rect> {
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
        let labels = self.paint_labels(painter, dataset, year, selected, comparison);
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
        labels
    }
}

/// Where a city's change badge goes (comparing): below left of its marker.
pub(super) fn change_badge_position(pos: Pos2, radius: f32) -> Pos2 {
    pos + vec2(-radius - 3.0, radius + 3.0)
}

/// The year in the map's corner, so a screenshot or a frame of Play says which year it
/// shows ("2019 → 2025" when comparing).
pub(super) fn paint_year_caption(painter: &egui::Painter, frame: Rect, input: &MapInput<'_>) {
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
