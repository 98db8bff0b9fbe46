//! The baseline for start-up time (docs/BENCHMARKS.md): an eframe window with the same
//! renderer, features and size as memorymap that draws one label. `--exit-after-frames N`
//! closes it after N frames, as memorymap's hidden flag of the same name does.
//!
//! ```sh
//! cargo build --release --example bare
//! hyperfine -w 2 'target/release/examples/bare --exit-after-frames 2' \
//!     'target/release/memorymap --fresh --exit-after-frames 2'
//! ```

fn main() -> eframe::Result {
    let mut args = std::env::args().skip(1);
    let mut exit_after = None;
    while let Some(arg) = args.next() {
        if arg == "--exit-after-frames" {
            exit_after = args.next().and_then(|n| n.parse::<u64>().ok());
        }
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    let mut frames = 0_u64;
    eframe::run_ui_native("bare", options, move |ui, _frame| {
        if exit_after.is_some_and(|n| frames >= n) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        frames += 1;
        ui.label("Hello");
        if exit_after.is_some() {
            ui.ctx().request_repaint();
        }
    })
}
