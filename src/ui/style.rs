//! How each status looks: an Okabe–Ito colour and a distinct marker shape, so the map
//! reads the same for people who cannot tell red from green.

use egui::{Color32, Painter, Pos2, Shape, Stroke, pos2, vec2};

use crate::model::compare::Change;
use crate::model::{MarkerShape, Status, Vocabulary};

/// A status's colour in the dataset's vocabulary.
pub fn status_color(vocabulary: &Vocabulary, status: Status) -> Color32 {
    let [r, g, b] = vocabulary.colour(status).0;
    Color32::from_rgb(r, g, b)
}

pub fn status_shape(vocabulary: &Vocabulary, status: Status) -> MarkerShape {
    vocabulary.shape(status)
}

/// Dark outline that keeps light colours (yellow, sky blue) visible on a light map.
const OUTLINE: Color32 = Color32::from_rgb(0x30, 0x30, 0x30);

/// Paints a status marker centred on `center` with roughly `radius` points.
pub fn paint_marker(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    vocabulary: &Vocabulary,
    status: Status,
) {
    let fill = status_color(vocabulary, status);
    let outline = Stroke::new(1.0, OUTLINE);
    let r = radius;
    let polygon = |points: Vec<Pos2>| Shape::convex_polygon(points, fill, outline);
    let shape = match status_shape(vocabulary, status) {
        MarkerShape::Circle => Shape::circle_filled(center, r, fill),
        MarkerShape::Diamond => polygon(vec![
            center + vec2(0.0, -r * 1.25),
            center + vec2(r * 1.25, 0.0),
            center + vec2(0.0, r * 1.25),
            center + vec2(-r * 1.25, 0.0),
        ]),
        MarkerShape::Square => polygon(square(center, r * 0.9)),
        MarkerShape::TriangleUp => polygon(vec![
            center + vec2(0.0, -r * 1.2),
            center + vec2(r * 1.1, r * 0.8),
            center + vec2(-r * 1.1, r * 0.8),
        ]),
        MarkerShape::TriangleDown => polygon(vec![
            center + vec2(-r * 1.1, -r * 0.8),
            center + vec2(r * 1.1, -r * 0.8),
            center + vec2(0.0, r * 1.2),
        ]),
        MarkerShape::Cross => {
            let d = r * 0.95;
            let stroke = Stroke::new(r * 0.6, fill);
            painter.line_segment([center + vec2(-d, -d), center + vec2(d, d)], stroke);
            painter.line_segment([center + vec2(-d, d), center + vec2(d, -d)], stroke);
            return;
        }
        MarkerShape::HollowSquare => {
            Shape::closed_line(square(center, r * 0.85), Stroke::new(r * 0.45, fill))
        }
        MarkerShape::Bar => polygon(vec![
            center + vec2(-r * 1.2, -r * 0.35),
            center + vec2(r * 1.2, -r * 0.35),
            center + vec2(r * 1.2, r * 0.35),
            center + vec2(-r * 1.2, r * 0.35),
        ]),
        MarkerShape::HollowCircle => Shape::circle_stroke(center, r * 0.7, Stroke::new(1.5, fill)),
    };
    if status_shape(vocabulary, status) == MarkerShape::Circle {
        painter.add(shape);
        painter.circle_stroke(center, r, outline);
    } else {
        painter.add(shape);
    }
}

/// The mark for "sources disagree": a small vermillion disc with "!" in it.
pub fn paint_disputed_badge(painter: &Painter, center: Pos2) {
    paint_badge(
        painter,
        center,
        6.0,
        Color32::from_rgb(0xD5, 0x5E, 0x00),
        "!",
        10.0,
    );
}

/// A small disc with a white rim and a white symbol in it.
fn paint_badge(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    fill: Color32,
    symbol: &str,
    font_size: f32,
) {
    painter.circle(center, radius, fill, Stroke::new(1.0, Color32::WHITE));
    painter.text(
        center + vec2(0.0, 0.5),
        egui::Align2::CENTER_CENTER,
        symbol,
        egui::FontId::proportional(font_size),
        Color32::WHITE,
    );
}

/// Allocates a `size` square and lets `paint` draw in it around its centre (legend icons).
fn icon_ui(ui: &mut egui::Ui, size: f32, paint: impl FnOnce(&Painter, Pos2)) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(size, size), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        paint(ui.painter(), rect.center());
    }
    response
}

/// Allocates a small square with the disputed badge in it (for legends and lists).
pub fn disputed_icon_ui(ui: &mut egui::Ui, size: f32) -> egui::Response {
    icon_ui(ui, size, paint_disputed_badge)
}

/// The mark of a city's change between two compared years: a dark disc with a symbol
/// (Δ changed, + newly reported, − no longer reported); unchanged cities have none.
pub fn paint_change_badge(painter: &Painter, center: Pos2, change: Change) {
    if let Some(symbol) = change_symbol(change) {
        paint_badge(
            painter,
            center,
            6.5,
            Color32::from_rgb(0x3A, 0x1F, 0x5C),
            symbol,
            11.0,
        );
    }
}

pub fn change_symbol(change: Change) -> Option<&'static str> {
    match change {
        Change::Changed => Some("Δ"),
        Change::NewlyReported => Some("+"),
        Change::NoLongerReported => Some("−"),
        Change::Unchanged | Change::NeverReported => None,
    }
}

/// Allocates a small square with the change badge in it (for the compare panel).
pub fn change_icon_ui(ui: &mut egui::Ui, change: Change, size: f32) -> egui::Response {
    icon_ui(ui, size, |painter, center| {
        paint_change_badge(painter, center, change);
    })
}

fn square(center: Pos2, half: f32) -> Vec<Pos2> {
    vec![
        pos2(center.x - half, center.y - half),
        pos2(center.x + half, center.y - half),
        pos2(center.x + half, center.y + half),
        pos2(center.x - half, center.y + half),
    ]
}

/// Allocates a small square and paints the status marker in it (for legends and lists).
pub fn marker_icon_ui(
    ui: &mut egui::Ui,
    vocabulary: &Vocabulary,
    status: Status,
    size: f32,
) -> egui::Response {
    icon_ui(ui, size, |painter, center| {
        paint_marker(painter, center, size * 0.32, vocabulary, status);
    })
}

/// Marker radius by population class, so larger cities read larger.
pub fn marker_radius(population: Option<u64>) -> f32 {
    match population.unwrap_or(0) {
        p if p >= 1_000_000 => 8.5,
        p if p >= 300_000 => 7.0,
        p if p >= 100_000 => 6.0,
        _ => 5.0,
    }
}
