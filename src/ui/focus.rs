//! Keyboard focus that can be seen and followed: a ring around the focused widget (egui
//! draws a focused button only a shade darker, and a link not at all), and a scroll area
//! that brings a widget reached with Tab into view.

use egui::{Id, Stroke};

/// The id of a widget that rings itself while focused (the map's cities), this frame.
fn own_ring_id() -> Id {
    Id::unique("memorymap focus ringed by its widget")
}

/// Says that the focused widget `id` draws its own ring (so none is added around it).
pub fn rings_itself(ctx: &egui::Context, id: Id) {
    ctx.data_mut(|d| d.insert_temp(own_ring_id(), id));
}

/// Rings the widget that has keyboard focus, in its own layer (so a window above it stays
/// above the ring), around the part of it that is visible. Called once a frame, after
/// everything is drawn.
pub fn paint_focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    if ctx.data(|d| d.get_temp::<Id>(own_ring_id())) == Some(id) {
        return;
    }
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    let rect = response.interact_rect;
    if !rect.is_positive() {
        return;
    }
    let color = ctx.global_style().visuals.selection.stroke.color;
    ctx.layer_painter(response.layer_id).rect_stroke(
        rect.expand(1.0),
        3.0,
        Stroke::new(2.0, color),
        egui::StrokeKind::Outside,
    );
}

/// Call at the end of a scroll area's contents: a widget in it that just got keyboard
/// focus (Tab) is scrolled into view.
pub fn scroll_to_focus(ui: &egui::Ui) {
    let ctx = ui.ctx();
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    if let Some(response) = ctx.read_response(id)
        && response.gained_focus()
        && ui.min_rect().contains_rect(response.rect)
    {
        ui.scroll_to_rect(response.rect, None);
    }
}
