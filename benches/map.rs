//! The numbers behind docs/BENCHMARKS.md: load, frame, hit test and year switch for
//! generated datasets of 1k to 1M reports (10 reports per city, so 100 to 100k cities).
//!
//! ```sh
//! cargo bench --bench map                                  # every size (1M takes minutes)
//! MEMORYMAP_BENCH_SIZES=1000,10000 cargo bench --bench map -- --quick   # what CI runs
//! ```

// A benchmark stops on broken input, as a test does.
#![allow(clippy::expect_used, clippy::cast_precision_loss)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use memorymap::MemoryMapApp;
use memorymap::command::Command;
use memorymap::geography::{Basemap, CityIndex};
use memorymap::model::generate::{GenSpec, write_dataset};
use memorymap::model::{Dataset, LoadOptions, load_bytes};

const REPORTS_PER_CITY: usize = 10;

/// The allocator the binary uses, so load times match `memorymap validate`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Report counts to measure: `MEMORYMAP_BENCH_SIZES=1000,10000`, or 1k to 1M.
fn sizes() -> Vec<usize> {
    std::env::var("MEMORYMAP_BENCH_SIZES")
        .ok()
        .map(|text| {
            text.split(',')
                .filter_map(|t| t.trim().replace('_', "").parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000, 1_000_000])
}

fn generated(reports: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    write_dataset(
        GenSpec {
            cities: (reports / REPORTS_PER_CITY).max(1),
            reports_per_city: REPORTS_PER_CITY,
            first_year: 2015,
            last_year: 2025,
            seed: 1,
        },
        &mut bytes,
    )
    .expect("writing to memory");
    bytes
}

fn load(bytes: &[u8]) -> Dataset {
    load_bytes(
        "bench.geojson",
        bytes,
        LoadOptions {
            land: Some(memorymap::geography::world::on_world_land),
            ..Default::default()
        },
    )
    .expect("the generated data is valid")
    .dataset
}

fn bench_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in sizes() {
        let bytes = generated(n);
        group.throughput(criterion::Throughput::Bytes(bytes.len() as u64));
        if n >= 100_000 {
            group.measurement_time(Duration::from_secs(30));
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &bytes, |b, bytes| {
            b.iter(|| load(black_box(bytes)));
        });
    }
    group.finish();
}

/// The whole window (1280×800 points) drawn headless: egui's pass, then tessellation.
struct Window {
    ctx: egui::Context,
    app: MemoryMapApp,
    input: egui::RawInput,
}

impl Window {
    fn new(dataset: Dataset, basemap: &Basemap) -> Self {
        let app = MemoryMapApp::new(dataset, "bench".into(), basemap, Some(2020), None);
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..Default::default()
        };
        let mut window = Self {
            ctx: egui::Context::default(),
            app,
            input,
        };
        // Fonts, panel sizes, the fitted view and the spatial index settle first.
        for _ in 0..4 {
            window.frame();
        }
        window
    }

    fn frame(&mut self) -> usize {
        let output = self
            .ctx
            .run_ui(self.input.clone(), |ui| self.app.root_ui(ui));
        self.ctx
            .tessellate(output.shapes, output.pixels_per_point)
            .len()
    }
}

/// Almaty's surroundings: about a fiftieth of the map's area.
const ZOOMED: [f64; 4] = [74.0, 42.0, 79.0, 45.0];

fn bench_frame(c: &mut Criterion) {
    let basemap = Basemap::builtin().expect("built-in basemap");
    let mut group = c.benchmark_group("frame");
    for n in sizes() {
        let dataset = load(&generated(n));
        for (view, bounds) in [("full", None), ("zoomed", Some(ZOOMED))] {
            let mut window = Window::new(dataset.clone(), &basemap);
            if let Some(bounds) = bounds {
                window.app.show_bounds(bounds);
                window.frame();
                window.frame();
            }
            group.bench_function(BenchmarkId::new(format!("{view}/same_year"), n), |b| {
                b.iter(|| window.frame());
            });
            let mut step = 1;
            group.bench_function(BenchmarkId::new(format!("{view}/year_switch"), n), |b| {
                b.iter(|| {
                    window.app.apply(Command::StepYear(step));
                    step = -step;
                    window.frame()
                });
            });
        }
    }
    group.finish();
}

fn bench_hit_test(c: &mut Criterion) {
    let basemap = Basemap::builtin().expect("built-in basemap");
    let mut group = c.benchmark_group("hit_test");
    for n in sizes() {
        let dataset = load(&generated(n));
        let mut window = Window::new(dataset, &basemap);
        window.frame();
        // Pointer positions spread over the map area of the window.
        let points: Vec<egui::Pos2> = (0..256)
            .map(|i| egui::pos2(40.0 + (i % 16) as f32 * 52.0, 90.0 + (i / 16) as f32 * 30.0))
            .collect();
        let mut i = 0;
        group.bench_function(BenchmarkId::new("pointer", n), |b| {
            b.iter(|| {
                i = (i + 1) % points.len();
                let map = window.app.map_view();
                let p = black_box(points[i]);
                map.city_at(p).or_else(|| map.cluster_at(p))
            });
        });
        let index = CityIndex::new(window.app.dataset());
        let mut k = 0_u32;
        group.bench_function(BenchmarkId::new("index_nearest", n), |b| {
            b.iter(|| {
                k = k.wrapping_add(1);
                let lon = 50.0 + f64::from(k % 300) / 10.0;
                let lat = 41.0 + f64::from(k % 130) / 10.0;
                index.nearest(black_box(lon), black_box(lat), 0.2)
            });
        });
    }
    group.finish();
}

fn bench_year_switch(c: &mut Criterion) {
    let mut group = c.benchmark_group("year_switch");
    for n in sizes() {
        let dataset = load(&generated(n));
        let mut index = CityIndex::new(&dataset);
        let filter = memorymap::model::MapFilter::default();
        let mut year = 2015;
        group.bench_function(BenchmarkId::new("recount", n), |b| {
            b.iter(|| {
                year = if year == 2025 { 2015 } else { year + 1 };
                index.recount(&dataset, year, &filter);
                dataset.counts(year)
            });
        });
        group.bench_function(BenchmarkId::new("index_build", n), |b| {
            b.iter(|| CityIndex::new(black_box(&dataset)));
        });
    }
    group.finish();
}

/// The CPU side of start-up, without a window: load the built-in data and basemap, build
/// the app, draw and tessellate its first frame in a new context (fonts, caches all cold);
/// beside the same for a context that draws one label.
fn bench_start(c: &mut Criterion) {
    let mut group = c.benchmark_group("start");
    group.sample_size(20);
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    group.bench_function("one_label_first_frame", |b| {
        b.iter(|| {
            let ctx = egui::Context::default();
            let output = ctx.run_ui(input.clone(), |ui| {
                ui.label("Hello");
            });
            ctx.tessellate(output.shapes, output.pixels_per_point).len()
        });
    });
    group.bench_function("builtin_first_frame", |b| {
        b.iter(|| {
            let basemap = Basemap::builtin().expect("built-in basemap");
            let dataset = memorymap::cli::load_dataset(None)
                .expect("built-in data")
                .dataset;
            let mut app = MemoryMapApp::new(dataset, "built-in".into(), &basemap, None, None);
            let ctx = egui::Context::default();
            memorymap::app::install_fonts(&ctx);
            let output = ctx.run_ui(input.clone(), |ui| app.root_ui(ui));
            ctx.tessellate(output.shapes, output.pixels_per_point).len()
        });
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_start,
    bench_year_switch,
    bench_hit_test,
    bench_frame,
    bench_load
);
criterion_main!(benches);
