//! The window's fonts: egui's own, with the system's fonts as a fallback listed only when
//! first needed (not while the window opens).

/// egui's default fonts, with Hack (bundled with them) as the last fallback of the
/// proportional family: Ubuntu-Light has Cyrillic and Kazakh letters but no arrows
/// (→ ↑ ↓), which the compare mode and the hints use. Also sets the light theme's text
/// colours ([`crate::ui::style::apply_light_theme`]): the window calls this before its
/// first frame, tests and offscreen renders from [`super::MemoryMapApp::root_ui`].
pub fn install_fonts(ctx: &egui::Context) {
    crate::ui::style::apply_light_theme(ctx);
    let mut fonts = egui::FontDefinitions::default();
    if fonts.font_data.contains_key("Hack")
        && let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional)
    {
        family.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
    // Letters no built-in font has (Chinese, Arabic, Hebrew, Devanagari, Thai…) come from
    // the system's fonts, looked up only when such a letter is first drawn.
    ctx.add_font_provider(std::sync::Arc::new(SystemFontsWhenNeeded));
    ctx.data_mut(|d| d.insert_temp(fonts_id(), true));
}

/// The system's fonts, listed once per process on a thread of their own (fontconfig's
/// list and a look into every font file: 35–50 ms of CPU here, with 291 fonts). Not at
/// start, where both cores are busy opening the window and drawing its first frames, but
/// when a letter no built-in font has is first drawn (that pass waits for the list), when
/// a file starts loading, or a second after the window opened ([`super::SETTLED_AFTER`]),
/// whichever is first ([`list_system_fonts`]).
static SYSTEM_FONTS: std::sync::OnceLock<egui_system_font_provider::SystemFontProvider> =
    std::sync::OnceLock::new();

fn system_fonts() -> &'static egui_system_font_provider::SystemFontProvider {
    SYSTEM_FONTS.get_or_init(egui_system_font_provider::SystemFontProvider::new)
}

/// Starts listing the system's fonts in the background, if that has not started yet.
pub fn list_system_fonts() {
    let _ = system_fonts();
}

/// The fallback to the system's fonts ([`SYSTEM_FONTS`]), listing them when first asked.
struct SystemFontsWhenNeeded;

impl egui::FontProvider for SystemFontsWhenNeeded {
    fn font_for(&self, request: &egui::FallbackRequest<'_>) -> Option<egui::FontInsert> {
        egui::FontProvider::font_for(system_fonts(), request)
    }
}

fn fonts_id() -> egui::Id {
    egui::Id::unique("memorymap fonts installed")
}

pub(super) fn fonts_installed(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(fonts_id()))
        .unwrap_or(false)
}
