//! Figures of the built-in data: the scene and its SVG for one year (target ≤ 50 ms), the
//! PNG at 1200 × 800 (target ≤ 300 ms), the small multiples of every year, and the
//! self-contained HTML page of every year (target ≤ 1 s and ≤ 3 MB).
//!
//! ```sh
//! cargo bench --bench figure --no-default-features --features figure
//! ```

// A benchmark stops on broken input, as a test does.
#![allow(clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use memorymap::model::builtin::load_dataset;
use memorymap::model::{Dataset, LoadOptions};
use memorymap::scene::{self, FigureOptions, HtmlOptions};

fn builtin() -> Dataset {
    load_dataset(None, LoadOptions::default())
        .expect("the built-in dataset loads")
        .dataset
}

fn bench_figure(c: &mut Criterion) {
    let dataset = builtin();
    let opts = FigureOptions::new(2025);
    // The basemap layers and the fonts are read once per process, not per figure.
    let warm = scene::build(&dataset, &opts);
    scene::to_png(&warm, 1.0).expect("a PNG");

    let mut group = c.benchmark_group("figure");
    group.bench_function("svg of 2025", |b| {
        b.iter(|| scene::to_svg(&scene::build(black_box(&dataset), black_box(&opts))));
    });
    group.bench_function("png of 2025, 1200x800", |b| {
        b.iter(|| {
            scene::to_png(&scene::build(black_box(&dataset), black_box(&opts)), 1.0).expect("a PNG")
        });
    });
    group.bench_function("svg of 2015-2025, small multiples", |b| {
        b.iter(|| scene::to_svg(&scene::build_grid(black_box(&dataset), 2015..=2025, &opts)));
    });
    let page = HtmlOptions::new("built-in");
    let size = scene::to_html(&dataset, &page).expect("a page").len();
    assert!(size <= 3 * 1024 * 1024, "the page is {size} bytes");
    group.bench_function("html page of 2015-2025", |b| {
        b.iter(|| scene::to_html(black_box(&dataset), black_box(&page)).expect("a page"));
    });
    group.finish();
}

criterion_group!(benches, bench_figure);
criterion_main!(benches);
