//! What one frame of the map window (built-in data, 2025, 1280×800) asks the renderer to
//! draw: primitives, triangles, and the pixels those triangles cover. A software renderer
//! (llvmpipe) pays for both: on the machine in docs/BENCHMARKS.md about 1 µs per small
//! triangle and 20–25 ns per pixel covered, so one full-window fill costs it ~25 ms.
//!
//! `cargo run --release --example gpu_load`

use memorymap::MemoryMapApp;
use memorymap::cli::load_dataset;
use memorymap::geography::Basemap;

fn main() -> anyhow::Result<()> {
    let basemap = Basemap::builtin()?;
    let dataset = load_dataset(None)?.dataset;
    // As the window runs it: its clear colour is the background.
    let mut app = MemoryMapApp::new(dataset, "built-in".into(), &basemap, Some(2025), None)
        .on_clear_background();
    let ctx = egui::Context::default();
    ctx.set_theme(egui::Theme::Light);
    memorymap::app::install_fonts(&ctx);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let input = || egui::RawInput {
        screen_rect: Some(screen),
        ..Default::default()
    };
    // Settle fonts, layout and the plot's memory first.
    for _ in 0..5 {
        let out = ctx.run_ui(input(), |ui| app.root_ui(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    let out = ctx.run_ui(input(), |ui| app.root_ui(ui));
    let primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
    let (mut triangles, mut small, mut area) = (0_usize, 0_usize, 0.0_f64);
    for primitive in &primitives {
        let egui::epaint::Primitive::Mesh(mesh) = &primitive.primitive else {
            continue;
        };
        for t in mesh.indices.chunks_exact(3) {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| mesh.vertices[i as usize].pos);
            let cross = (b - a).x * (c - a).y - (b - a).y * (c - a).x;
            let own = f64::from(cross.abs() / 2.0);
            // At most what of its bounding box lies inside its clip rectangle.
            let visible = egui::Rect::from_points(&[a, b, c]).intersect(primitive.clip_rect);
            if visible.is_positive() {
                area += own.min(f64::from(visible.area()));
            }
            triangles += 1;
            if own < 1.0 {
                small += 1;
            }
        }
    }
    println!(
        "{} primitives, {triangles} triangles ({small} under one pixel), covering {area:.0} px = {:.2} windows",
        primitives.len(),
        area / f64::from(screen.area()),
    );
    Ok(())
}
