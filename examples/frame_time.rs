//! Measures the CPU time of one frame of the map window with the built-in data,
//! headless: egui layout + painting (`Context::run_ui`) and tessellation, no GPU.
//!
//! `cargo run --release --example frame_time`

use std::time::{Duration, Instant};

use memorymap::MemoryMapApp;
use memorymap::cli::load_dataset;
use memorymap::command::Command;
use memorymap::geography::Basemap;

const FRAMES: usize = 400;

fn main() -> anyhow::Result<()> {
    let basemap = Basemap::builtin()?;
    let started = Instant::now();
    let dataset = load_dataset(None)?.dataset;
    println!(
        "load built-in dataset: {:.2} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let almaty = dataset.city_index("almaty");

    for (name, switch_year) in [("steady", false), ("year switching every frame", true)] {
        let mut app = MemoryMapApp::new(
            dataset.clone(),
            "built-in".into(),
            &basemap,
            Some(2025),
            almaty,
        );
        let ctx = egui::Context::default();
        ctx.set_theme(egui::Theme::Light);
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..Default::default()
        };
        // Warm up: fonts, galleys and plot memory.
        for _ in 0..10 {
            let out = ctx.run_ui(input(), |ui| app.root_ui(ui));
            let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        }
        let mut times = Vec::with_capacity(FRAMES);
        for frame in 0..FRAMES {
            if switch_year {
                app.apply(Command::SetYear(2015 + (frame % 11) as i32));
            }
            let t = Instant::now();
            let out = ctx.run_ui(input(), |ui| app.root_ui(ui));
            let primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
            std::hint::black_box(primitives);
            times.push(t.elapsed());
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "frame ({name}), {FRAMES} frames: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
            ms(times[FRAMES / 2]),
            ms(times[FRAMES * 95 / 100]),
            ms(times[FRAMES - 1])
        );
    }
    Ok(())
}
