//! Drawing the map window without a window: the same UI, rendered offscreen with wgpu
//! (egui_kittest's renderer) into an image. Used by `memorymap export --format png`.
//! Needs a Vulkan driver; on a machine without a GPU, Mesa's lavapipe
//! (`mesa-vulkan-drivers`) works.

use crate::MemoryMapApp;

/// Renders `app` at `size` points × `scale` pixels per point and returns PNG bytes.
pub fn render_png(app: MemoryMapApp, size: [f32; 2], scale: f32) -> Result<Vec<u8>, String> {
    // The renderer panics when no adapter can be created; turn that into an error.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| log::debug!("offscreen renderer: {info}")));
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let mut harness = egui_kittest::Harness::builder()
            .with_size(size)
            .with_pixels_per_point(scale)
            .with_theme(egui::Theme::Light)
            .with_max_steps(16)
            .allow_missing_glyphs()
            .wgpu()
            .build_ui_state(|ui, app: &mut MemoryMapApp| app.root_ui(ui), app);
        // Run until the layout settles (labels placed, fonts loaded).
        let _ = harness.try_run();
        harness.render()
    }));
    std::panic::set_hook(previous_hook);
    let image = match rendered {
        Ok(Ok(image)) => image,
        Ok(Err(e)) => return Err(format!("cannot render the map offscreen: {e}")),
        Err(panic) => {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            return Err(format!(
                "cannot render the map offscreen (needs a Vulkan driver; without a GPU install mesa-vulkan-drivers): {why}"
            ));
        }
    };
    encode_png(image.width(), image.height(), image.as_raw())
}

/// Encodes straight RGBA pixels as PNG.
pub fn encode_png(width: u32, height: u32, rgba: &[u8]) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut bytes),
        rgba,
        width,
        height,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| format!("cannot encode PNG: {e}"))?;
    Ok(bytes)
}
