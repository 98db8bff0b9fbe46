//! How each status looks: an Okabe–Ito colour and a distinct marker shape, so the map
//! reads the same for people who cannot tell red from green.

use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};

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
const OUTLINE: Color32 = color(crate::geography::palette::MARKER_OUTLINE);

/// A colour of the shared palette (`geography::palette`) as egui's.
pub const fn color(rgb: crate::model::Rgb) -> Color32 {
    Color32::from_rgb(rgb.0[0], rgb.0[1], rgb.0[2])
}

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

/// The mark of a tentative status (an inferred claim or a weak source): a dashed ring.
pub fn paint_tentative_ring(painter: &Painter, center: Pos2, radius: f32) {
    let r = radius + 3.5;
    let points: Vec<Pos2> = (0..=48)
        .map(|k| {
            #[allow(clippy::cast_precision_loss)]
            let a = std::f32::consts::TAU * k as f32 / 48.0;
            center + r * vec2(a.cos(), a.sin())
        })
        .collect();
    painter.extend(Shape::dashed_line(
        &points,
        Stroke::new(1.5, color(crate::geography::palette::TENTATIVE_RING)),
        3.0,
        2.5,
    ));
}

/// Allocates a small square with a dashed ring in it (the legend's "tentative" entry).
pub fn tentative_icon_ui(ui: &mut egui::Ui, size: f32) -> egui::Response {
    icon_ui(ui, size, |painter, center| {
        paint_tentative_ring(painter, center, size * 0.18);
    })
}

/// The mark for "sources disagree": a small vermillion disc with "!" in it.
/// The "sources disagree" badge's radius.
pub const DISPUTED_BADGE_RADIUS: f32 = 6.0;

pub fn paint_disputed_badge(painter: &Painter, center: Pos2) {
    paint_badge(
        painter,
        center,
        DISPUTED_BADGE_RADIUS,
        color(crate::geography::palette::DISPUTED),
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

/// A marker split down the middle: `left`'s status on the left half, `right`'s on the
/// right, with a line between (a city whose status changed between compared years).
pub fn paint_split_marker(
    painter: &Painter,
    pos: Pos2,
    radius: f32,
    vocabulary: &Vocabulary,
    left: Status,
    right: Status,
) {
    let room = Rect::from_center_size(pos, Vec2::splat(4.0 * radius + 4.0));
    let (left_half, right_half) = room.split_left_right_at_x(pos.x);
    paint_marker(
        &painter.with_clip_rect(left_half),
        pos,
        radius,
        vocabulary,
        left,
    );
    paint_marker(
        &painter.with_clip_rect(right_half),
        pos,
        radius,
        vocabulary,
        right,
    );
    painter.line_segment(
        [pos - vec2(0.0, radius * 1.3), pos + vec2(0.0, radius * 1.3)],
        Stroke::new(1.5, Color32::from_gray(20)),
    );
}

/// A split marker for the legend: the vocabulary's first two legend statuses.
pub fn split_icon_ui(ui: &mut egui::Ui, vocabulary: &Vocabulary, size: f32) -> egui::Response {
    let mut statuses = vocabulary.legend();
    let left = statuses.next().unwrap_or(Status::NO_REPORT);
    let right = statuses.next().unwrap_or(left);
    icon_ui(ui, size, |painter, center| {
        paint_split_marker(painter, center, size * 0.3, vocabulary, left, right);
    })
}

/// The radius of a change badge, in points.
pub const CHANGE_BADGE_RADIUS: f32 = 6.5;

/// The mark of a city's change between two compared years: a dark disc with a symbol
/// (Δ changed, + newly reported, − no longer reported); unchanged cities have none.
pub fn paint_change_badge(painter: &Painter, center: Pos2, change: Change) {
    if let Some(symbol) = change_symbol(change) {
        paint_badge(
            painter,
            center,
            CHANGE_BADGE_RADIUS,
            color(crate::geography::palette::CHANGE),
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

/// Body text: egui's light-theme grey, 7.6:1 on the panel.
/// Around the map (its axes' strip): a warm paper colour, a little darker than the land.
pub const MAP_SURROUND: Color32 = Color32::from_rgb(0xF4, 0xF1, 0xEA);
pub const TEXT: Color32 = Color32::from_gray(0x50);
/// Secondary text (labels, dates, sources): 5.0:1 on the panel (egui's own, a
/// translucent body grey, is 2.9:1).
pub const WEAK_TEXT: Color32 = Color32::from_gray(0x6B);
/// Links: a darker blue than egui's (2.8:1), 5.8:1 on the panel.
pub const LINK: Color32 = Color32::from_rgb(0x00, 0x60, 0xC0);
/// Warnings in the panels: dark orange, 6.1:1 on the panel.
pub const WARN: Color32 = Color32::from_rgb(0xA0, 0x40, 0x00);
/// Errors: dark red, 6.1:1 on the panel (egui's pure red is 3.8:1).
pub const ERROR: Color32 = Color32::from_rgb(0xC0, 0x00, 0x00);

/// WCAG 2's minimum contrast for body text (level AA).
pub const MIN_TEXT_CONTRAST: f32 = 4.5;

/// Sets the text colours of the light theme: every text colour reaches
/// [`MIN_TEXT_CONTRAST`] against every background text sits on.
pub fn set_light_colours(visuals: &mut egui::Visuals) {
    visuals.override_text_color = None;
    visuals.widgets.noninteractive.fg_stroke.color = TEXT;
    visuals.weak_text_color = Some(WEAK_TEXT);
    visuals.hyperlink_color = LINK;
    visuals.warn_fg_color = WARN;
    visuals.error_fg_color = ERROR;
}

/// The light theme the app draws with: egui's, with [`set_light_colours`].
pub fn light_visuals() -> egui::Visuals {
    let mut visuals = egui::Visuals::light();
    set_light_colours(&mut visuals);
    visuals
}

/// Makes the context's light theme the app's (for the window, the tests and offscreen
/// renders alike). Only the colours change: other settings (a test harness's) stay.
pub fn apply_light_theme(ctx: &egui::Context) {
    ctx.style_mut_of(egui::Theme::Light, |style| {
        set_light_colours(&mut style.visuals);
    });
}

/// The backgrounds text is drawn on in a theme, each as it appears on screen (egui's
/// faint background is a translucent tint over the panel).
pub fn text_backgrounds(visuals: &egui::Visuals) -> [(&'static str, Color32); 4] {
    let panel = visuals.panel_fill;
    [
        ("panel", panel),
        ("window", visuals.window_fill),
        ("faint", panel.blend(visuals.faint_bg_color)),
        ("extreme", panel.blend(visuals.extreme_bg_color)),
    ]
}

/// WCAG 2 relative luminance of an opaque colour (0 black … 1 white).
pub fn relative_luminance(color: Color32) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

/// WCAG 2 contrast ratio of text `fg` drawn on the opaque `bg` (1 … 21); a translucent
/// `fg` is blended onto `bg` first, as it is drawn.
pub fn contrast_ratio(fg: Color32, bg: Color32) -> f32 {
    let fg = bg.blend(fg);
    let (a, b) = (relative_luminance(fg), relative_luminance(bg));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// A status's colour made dark enough to be read as text on `background`: three
/// quarters of it, darker still until it reaches [`MIN_TEXT_CONTRAST`].
pub fn status_text_color(vocabulary: &Vocabulary, status: Status, background: Color32) -> Color32 {
    let [r, g, b, _] = status_color(vocabulary, status).to_array();
    let (r, g, b) = (u32::from(r), u32::from(g), u32::from(b));
    // Darker in steps of a sixteenth, from three quarters down to black.
    (0..=12u32)
        .rev()
        .map(|sixteenths| {
            let scale = |c: u32| u8::try_from(c * sixteenths / 16).unwrap_or(u8::MAX);
            Color32::from_rgb(scale(r), scale(g), scale(b))
        })
        .find(|&color| contrast_ratio(color, background) >= MIN_TEXT_CONTRAST)
        .unwrap_or(Color32::BLACK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(c: Color32) -> String {
        format!("#{:02X}{:02X}{:02X}", c.r(), c.g(), c.b())
    }

    #[test]
    fn contrast_ratios_are_wcag_s() {
        let black_on_white = contrast_ratio(Color32::BLACK, Color32::WHITE);
        assert!((black_on_white - 21.0).abs() < 0.01, "{black_on_white}");
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-6);
        // #767676 on white is the well-known 4.54:1.
        let grey = contrast_ratio(Color32::from_gray(0x76), Color32::WHITE);
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
        // egui's own weak text and link colours fail, which is why the app sets its own.
        let egui = egui::Visuals::light();
        assert!(contrast_ratio(egui.weak_text_color(), egui.panel_fill) < 3.0);
        assert!(contrast_ratio(egui.hyperlink_color, egui.panel_fill) < 3.0);
    }

    #[test]
    fn every_text_colour_of_the_light_theme_reaches_wcag_aa_on_every_background() {
        // The visuals a context has after the app set it up, not a copy of the constants.
        let ctx = egui::Context::default();
        ctx.set_theme(egui::Theme::Light);
        apply_light_theme(&ctx);
        let visuals = ctx.style_of(egui::Theme::Light).visuals.clone();
        assert_eq!(visuals, light_visuals());
        let vocabulary = Vocabulary::builtin();
        let mut texts = vec![
            ("text", visuals.text_color()),
            ("strong text", visuals.strong_text_color()),
            ("weak text", visuals.weak_text_color()),
            ("hyperlink", visuals.hyperlink_color),
            ("warning", visuals.warn_fg_color),
            ("error", visuals.error_fg_color),
            ("side panel WARN", WARN),
        ];
        for status in vocabulary.legend() {
            texts.push((
                "status label",
                status_text_color(&vocabulary, status, visuals.panel_fill),
            ));
        }
        let mut failures = Vec::new();
        for (text, fg) in &texts {
            for (background, bg) in text_backgrounds(&visuals) {
                let ratio = contrast_ratio(*fg, bg);
                if ratio < MIN_TEXT_CONTRAST {
                    failures.push(format!(
                        "{text} {} on {background} {}: {ratio:.2}",
                        hex(*fg),
                        hex(bg)
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
