//! Snapshots of figures drawn on the CPU (resvg, egui's font compiled in), so they match
//! on any machine: one year, small multiples, and a comparison with a highlighted city.
//! `UPDATE_SNAPSHOTS=1` rewrites them; look at the new PNGs before committing them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use memorymap::scene::{self, FigureOptions};

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    buffer.truncate(info.buffer_size());
    assert_eq!(info.color_type, png::ColorType::Rgba);
    (info.width, info.height, buffer)
}

/// Compares with the stored snapshot: the same size, and at most 0.5% of pixels off by
/// more than 24 in any channel (anti-aliasing may differ by a shade between builds).
fn check(name: &str, png: &[u8]) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.png"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() || !path.exists() {
        std::fs::write(&path, png).unwrap();
    }
    let (w, h, now) = decode(png);
    let (sw, sh, stored) = decode(&std::fs::read(&path).unwrap());
    assert_eq!((w, h), (sw, sh), "{name}: size");
    let off = now
        .chunks_exact(4)
        .zip(stored.chunks_exact(4))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
        .count();
    let allowed = (w * h) as usize / 200;
    if off > allowed {
        let failed = path.with_extension("new.png");
        std::fs::write(&failed, png).unwrap();
        panic!(
            "{name}: {off} pixels differ (at most {allowed}); the new figure is {}",
            failed.display()
        );
    }
}

fn builtin() -> memorymap::model::Dataset {
    memorymap::cli::load_dataset(None).unwrap().dataset
}

#[test]
fn the_figure_of_2025_matches_its_snapshot() {
    let d = builtin();
    let scene = scene::build(&d, &FigureOptions::new(2025));
    check("figure_2025", &scene::to_png(&scene, 1.0).unwrap());
}

#[test]
fn the_small_multiples_match_their_snapshot() {
    let d = builtin();
    let scene = scene::build_grid(&d, 2015..=2025, &FigureOptions::new(2025));
    check(
        "figure_grid_2015_2025",
        &scene::to_png(&scene, 1.0).unwrap(),
    );
}

#[test]
fn a_comparison_with_a_highlighted_city_matches_its_snapshot() {
    let d = builtin();
    let mut options = FigureOptions::new(2025);
    options.compare = Some(2019);
    options.highlight = d.city_index("almaty");
    let scene = scene::build(&d, &options);
    check(
        "figure_compare_2019_2025_almaty",
        &scene::to_png(&scene, 1.0).unwrap(),
    );
}
