//! The window's panels and widgets; each `*_ui` function draws one part.

pub mod basemap_view;
pub mod city_list;
pub mod compare_panel;
pub mod export_dialog;
pub mod focus;
pub mod legend;
pub mod map_view;
pub mod problems;
pub mod side_panel;
pub mod style;
pub mod timeline;
pub mod year_selector;

use crate::i18n::{Lang, Strings};

/// How wide `text` is on one line in `font`, in points (to lay out rows before drawing).
pub fn text_width(ui: &egui::Ui, text: impl Into<String>, font: &egui::FontId) -> f32 {
    ui.fonts_mut(|f| {
        f.layout_no_wrap(text.into(), font.clone(), egui::Color32::BLACK)
            .size()
            .x
    })
}

fn lang_id() -> egui::Id {
    egui::Id::unique("memorymap interface language")
}

/// Sets the interface language for everything drawn with this context.
pub fn set_lang(ctx: &egui::Context, lang: Lang) {
    ctx.data_mut(|d| d.insert_temp(lang_id(), lang));
}

/// The interface language set with [`set_lang`].
pub fn lang(ctx: &egui::Context) -> Lang {
    ctx.data(|d| d.get_temp::<Lang>(lang_id()))
        .unwrap_or_default()
}

/// The interface language's words (kept per context, so tests in parallel do not mix).
pub fn tr(ctx: &egui::Context) -> &'static Strings {
    lang(ctx).tr()
}
