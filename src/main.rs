//! Entry point: parse the command line, then validate, list or open the window.

use std::process::ExitCode;

use memorymap::app::OpenFailure;
use memorymap::cli::{self, Cli, Command};
use memorymap::geography::Basemap;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args = Cli::parse_args();
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
        Some(Command::Export {
            year,
            format,
            out,
            data,
            force,
            city,
            size,
            scale,
        }) => cli::export(
            &cli::ExportArgs {
                year,
                format,
                out: &out,
                data: data.as_deref(),
                force,
                city: city.as_deref(),
                size,
                scale,
            },
            &basemap,
        ),
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
    // A file that cannot be opened still opens the window (it may have come from a file
    // manager, with no terminal to read): the built-in data is shown with the problems.
    let (loaded, name, failure) = match cli::load_dataset(args.data_file(), basemap) {
        Ok(loaded) => {
            let name = args
                .data_file()
                .map_or_else(|| cli::BUILTIN_NAME.to_owned(), |p| p.display().to_string());
            (loaded, name, None)
        }
        Err(error) => {
            eprintln!("{error}");
            let file = args
                .data_file()
                .map_or_else(String::new, |p| p.display().to_string());
            let failure = OpenFailure {
                file,
                problems: error.problems(),
            };
            match cli::load_dataset(None, basemap) {
                Ok(builtin) => (builtin, cli::BUILTIN_NAME.to_owned(), Some(failure)),
                Err(builtin_error) => anyhow::bail!("{builtin_error}"),
            }
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
    let title = format!("memorymap — {name}");
    let app = memorymap::MemoryMapApp::new(dataset, name, basemap, args.year, selected)
        .with_warnings(warnings)
        .with_open_failure(failure)
        .with_state_file(args.state_file);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_app_id("memorymap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_icon(window_icon()),
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

/// The app icon (the 256 px render of assets/icon/memorymap.svg).
fn window_icon() -> std::sync::Arc<egui::IconData> {
    let png = include_bytes!("../assets/icon/hicolor/256x256/apps/memorymap.png");
    match eframe::icon_data::from_png_bytes(png) {
        Ok(icon) => std::sync::Arc::new(icon),
        Err(e) => {
            log::warn!("window icon: {e}");
            std::sync::Arc::new(egui::IconData::default())
        }
    }
}
