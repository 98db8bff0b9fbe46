//! Entry point: parse the command line, then validate, list or open the window.

use std::process::ExitCode;

use memorymap::MemoryMapApp;
use memorymap::app::Remembered;
use memorymap::cli::{self, Cli, Command};
use memorymap::geography::Basemap;

/// mimalloc instead of glibc malloc: loading a large file allocates and frees millions of
/// small values, and glibc spends a third of that time consolidating its free lists.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    memorymap::timing::begin();
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
        Some(Command::Validate {
            files,
            max_problems,
        }) => cli::validate(&files, max_problems),
        Some(Command::List {
            year,
            compare,
            data,
        }) => cli::list(year, compare, data.as_deref()),
        Some(Command::Gen {
            cities,
            reports_per_city,
            years: (first_year, last_year),
            seed,
            out,
            force,
        }) => cli::generate(
            memorymap::model::generate::GenSpec {
                cities,
                reports_per_city,
                first_year,
                last_year,
                seed,
            },
            &out,
            force,
        ),
        Some(Command::Export {
            year,
            years,
            grid,
            compare,
            format,
            out,
            data,
            force,
            city,
            size,
            scale,
            fade,
            title,
            lang,
        }) => cli::export(&cli::ExportArgs {
            year,
            years,
            grid,
            compare,
            format,
            out: &out,
            data: data.as_deref(),
            force,
            city: city.as_deref(),
            size,
            scale,
            fade,
            title: title.as_deref(),
            lang,
        }),
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
    // Open the world and decode the layers the first view draws while the window
    // and its renderer start, so the first frame does not wait for them.
    let _ = std::thread::Builder::new()
        .name("basemap".into())
        .spawn(|| {
            if let Some(world) = memorymap::geography::world::world() {
                memorymap::timing::mark(format_args!("world basemap opened"));
                for layer in ["countries/50m", "lakes/50m", "regions/coarse"] {
                    let _ = world.layer(layer);
                }
                memorymap::timing::mark(format_args!("the first view's layers decoded"));
            }
        });
    // The built-in data is read (and its cities checked against the world's land, which
    // waits for the world's coarse countries) while the window and its renderer start; only
    // a --year, --compare or --city to check against it waits for it here.
    let builtin = std::thread::Builder::new()
        .name("dataset".into())
        .spawn(|| {
            let loaded = cli::load_dataset(None).map_err(|e| anyhow::anyhow!("{e}"));
            memorymap::timing::mark(format_args!("built-in dataset read"));
            loaded
        })?;
    let builtin = std::cell::Cell::new(Some(builtin));
    let dataset_now = move || -> anyhow::Result<memorymap::model::Dataset> {
        let thread = builtin
            .take()
            .ok_or_else(|| anyhow::anyhow!("the built-in dataset was taken twice"))?;
        let loaded = thread
            .join()
            .map_err(|_| anyhow::anyhow!("reading the built-in dataset crashed"))??;
        Ok(loaded.dataset)
    };
    let file = args.data_file().map(std::path::Path::to_path_buf);
    // With the built-in data the year and city are checked now; a file given on the
    // command line is loaded in the background once the window is open (it may be large,
    // and a bad one must not stop the window), and they are applied when it arrives.
    let mut early = None;
    let (year, selected) = if file.is_none()
        && (args.year.is_some() || args.compare.is_some() || args.city.is_some())
    {
        let dataset = early.insert(dataset_now()?);
        if cli::year_outside("--year", args.year, dataset)
            || cli::year_outside("--compare", args.compare, dataset)
        {
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
        (args.year, selected)
    } else {
        (None, None)
    };
    let cli_chose_view =
        file.is_some() || args.year.is_some() || args.city.is_some() || args.compare.is_some();
    let lang = args
        .lang
        .unwrap_or_else(memorymap::i18n::Lang::from_environment);
    let basemap = basemap.clone();
    let make_app = move || -> anyhow::Result<MemoryMapApp> {
        let dataset = match early {
            Some(dataset) => dataset,
            None => dataset_now()?,
        };
        let app = MemoryMapApp::new(
            dataset,
            cli::BUILTIN_NAME.to_owned(),
            &basemap,
            year,
            selected,
        )
        .with_state_file(args.state_file.clone())
        .with_exit_after_frames(args.exit_after_frames)
        .on_clear_background()
        .with_lang(lang, args.lang.is_some());
        Ok(match file {
            Some(file) => app.open_on_start(file, args.year, args.city.clone(), args.compare),
            None => app.with_compare(args.compare),
        })
    };
    let fresh = args.fresh;
    // What eframe restores on start (egui's zoom, the window's size) is checked first: a
    // bad value there would stop the window before any of our code runs.
    if let Some(path) = memorymap::saved::storage_file("memorymap") {
        memorymap::saved::sanitise(&path, Remembered::KEY, fresh);
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(format!("memorymap — {}", cli::BUILTIN_NAME))
            .with_app_id("memorymap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_icon(window_icon()),
        // install_fonts adds the system-font fallback itself (also for tests and renders).
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "memorymap",
        options,
        Box::new(move |cc| {
            memorymap::timing::mark(format_args!("window and renderer up"));
            cc.egui_ctx.set_theme(egui::Theme::Light);
            memorymap::app::install_fonts(&cc.egui_ctx);
            let app = make_app().map_err(|e| -> Box<dyn std::error::Error + Send + Sync> {
                e.to_string().into()
            })?;
            let saved = if fresh {
                None
            } else {
                cc.storage
                    .and_then(|s| s.get_string(Remembered::KEY))
                    .and_then(|text| Remembered::parse(&text))
            };
            memorymap::timing::mark(format_args!("app made"));
            Ok(Box::new(
                app.with_remembered(saved, cli_chose_view)
                    .with_clipboard(Box::<memorymap::app::SystemClipboard>::default()),
            ))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    memorymap::timing::mark(format_args!("window closed"));
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
