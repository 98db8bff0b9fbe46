//! Input that is not a widget's: files dropped on the window.

use crate::command::Command;

/// A file dropped on the window is opened.
pub(super) fn dropped_files(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let dropped = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .find(|p| !p.as_os_str().is_empty())
    });
    if let Some(path) = dropped {
        commands.push(Command::Open(path));
    }
}

/// While a file is dragged over the window, say what dropping it does.
pub(super) fn drop_overlay(ctx: &egui::Context) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop overlay"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        crate::ui::tr(ctx).get("drop.hint"),
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}
