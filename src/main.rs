//! Entry point: parse the command line, then validate, list or open the window.

use std::process::ExitCode;

use clap::Parser as _;
use memorymap::cli::{self, Cli, Command};
use memorymap::geography::Basemap;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args = Cli::parse();
    let basemap = match Basemap::builtin() {
        Ok(basemap) => basemap,
        Err(e) => {
            eprintln!("memorymap: {e}");
            return ExitCode::FAILURE;
        }
    };
    match args.command {
        Some(Command::Validate { files }) => cli::validate(&files, &basemap),
        Some(Command::List { year, data }) => cli::list(year, data.as_deref(), &basemap),
        None => match run_window(args, &basemap) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("memorymap: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run_window(args: Cli, basemap: &Basemap) -> anyhow::Result<ExitCode> {
    let loaded = match cli::load_dataset(args.data.as_deref(), basemap) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("{error}");
            return Ok(ExitCode::from(1));
        }
    };
    for warning in &loaded.warnings {
        log::warn!("{warning}");
    }
    let (dataset, warnings) = (loaded.dataset, loaded.warnings);
    if let Some(year) = args.year
        && !dataset.years().contains(&year)
    {
        eprintln!(
            "memorymap: --year {year} is outside the dataset's years {}–{}",
            dataset.info.first_year, dataset.info.last_year
        );
        return Ok(ExitCode::from(2));
    }
    let selected = match args.city.as_deref() {
        None => None,
        Some(name) => match dataset.find_city(name) {
            Some(index) => Some(index),
            None => {
                eprintln!("memorymap: --city {name:?}: no city has that id or name");
                return Ok(ExitCode::from(2));
            }
        },
    };
    let name = args
        .data
        .as_ref()
        .map_or_else(|| cli::BUILTIN_NAME.to_owned(), |p| p.display().to_string());
    let title = format!("memorymap — {name}");
    let app = memorymap::MemoryMapApp::new(dataset, name, basemap, args.year, selected)
        .with_warnings(warnings)
        .with_state_file(args.state_file);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_app_id("memorymap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "memorymap",
        options,
        Box::new(|cc| {
            cc.egui_ctx.set_theme(egui::Theme::Light);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
