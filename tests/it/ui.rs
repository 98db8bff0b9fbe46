//! The three things a user does, driven through the real UI with egui_kittest:
//! click a city, change the year, clear the selection.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use memorymap::MemoryMapApp;
use memorymap::cli::load_dataset;
use memorymap::geography::Basemap;
use memorymap::model::Status;

fn app(year: Option<i32>) -> MemoryMapApp {
    let basemap = Basemap::builtin().unwrap();
    let dataset = load_dataset(None).unwrap().dataset;
    MemoryMapApp::new(dataset, "built-in dataset".into(), &basemap, year, None)
}

fn harness(year: Option<i32>) -> Harness<'static, MemoryMapApp> {
    harness_for(app(year))
}

/// The window at 1280×800 in the light theme, run until it settles.
pub(crate) fn harness_for(app: MemoryMapApp) -> Harness<'static, MemoryMapApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_theme(egui::Theme::Light)
        // Smooth scrolling animates the wheel's zoom over a few frames.
        .with_max_steps(32)
        .build_ui_state(|ui, app: &mut MemoryMapApp| app.root_ui(ui), app);
    harness.run();
    harness
}

fn city(harness: &Harness<'_, MemoryMapApp>, id: &str) -> usize {
    harness.state().dataset().city_index(id).unwrap()
}

/// Clicks at a screen position the way a mouse does: move, press, release.
pub(crate) fn click_at(harness: &mut Harness<'_, MemoryMapApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run();
}

fn click_city(harness: &mut Harness<'_, MemoryMapApp>, id: &str) {
    let index = city(harness, id);
    let pos = harness
        .state()
        .city_screen_position(index)
        .unwrap_or_else(|| panic!("{id} is not drawn on the map"));
    click_at(harness, pos);
}

fn click_year(harness: &mut Harness<'_, MemoryMapApp>, year: i32) {
    harness
        .get_by_role_and_label(Role::Button, &year.to_string())
        .click();
    harness.run();
}

#[test]
fn the_window_opens_on_the_last_year_with_the_country_overview() {
    let harness = harness(None);
    assert_eq!(harness.state().year(), 2025);
    assert_eq!(harness.state().selected(), None);
    harness.get_by_label("Timeline: statements beyond one city");
    harness.get_by_label_contains("Click a city on the map");
}

#[test]
fn clicking_almaty_shows_the_2025_excerpt_and_its_source() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "almaty");
    let almaty = city(&harness, "almaty");
    assert_eq!(harness.state().selected(), Some(almaty));

    // The seed article's words, attributed, beside the later report that outranks them.
    harness
        .get_by_label_contains("the administration of Almaty, the country's largest city, refused");
    assert!(
        !harness
            .get_all_by_label_contains("Kazakhstan bans May 9 Immortal Regiment march")
            .collect::<Vec<_>>()
            .is_empty()
    );
    harness.get_by_label(&status_heading(&harness, "almaty", 2025));
    harness.get_by_label_contains("Disputed");
    // The Kazakh and the Russian name are both «Алматы».
    assert_eq!(harness.get_all_by_label("Алматы").count(), 2);
}

#[test]
fn clicking_empty_map_clears_the_selection() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "almaty");
    assert!(harness.state().selected().is_some());
    // The point among the cities that is farthest from all of them.
    let drawn: Vec<egui::Pos2> = (0..harness.state().dataset().cities.len())
        .filter_map(|i| harness.state().city_screen_position(i))
        .collect();
    let (min, max) = drawn.iter().fold(
        (
            egui::pos2(f32::MAX, f32::MAX),
            egui::pos2(f32::MIN, f32::MIN),
        ),
        |(lo, hi), p| (lo.min(*p), hi.max(*p)),
    );
    let mut empty = min;
    let mut best = 0.0;
    for gx in 0..=40 {
        for gy in 0..=40 {
            let p = min + (max - min) * egui::vec2(gx as f32 / 40.0, gy as f32 / 40.0);
            let nearest = drawn.iter().map(|c| c.distance(p)).fold(f32::MAX, f32::min);
            if nearest > best {
                (best, empty) = (nearest, p);
            }
        }
    }
    assert!(best > 40.0, "no empty spot on the map ({best} px)");
    click_at(&mut harness, empty);
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn choosing_2019_changes_the_legend_counts() {
    let mut harness = harness(Some(2025));
    let held_2025 = harness.state().dataset().counts(2025)[0];
    let held_2019 = harness.state().dataset().counts(2019)[0];
    assert_ne!(
        held_2025, held_2019,
        "the data must differ for this test to mean anything"
    );
    harness.get_by_label(&format!("Held {held_2025}"));

    click_year(&mut harness, 2019);

    assert_eq!(harness.state().year(), 2019);
    harness.get_by_label(&format!("Held {held_2019}"));
    assert!(
        harness
            .query_by_label(&format!("Held {held_2025}"))
            .is_none()
    );
}

#[test]
fn arrow_keys_step_through_the_years_and_stop_at_the_ends() {
    let mut harness = harness(Some(2024));
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().year(), 2025);
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().year(), 2025, "no year after the last");
    harness.key_press(egui::Key::ArrowLeft);
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().year(), 2023);
}

#[test]
fn escape_clears_the_selection() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "pavlodar");
    assert_eq!(harness.state().selected(), Some(city(&harness, "pavlodar")));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected(), None);
    harness.get_by_label("Timeline: statements beyond one city");
}

#[test]
fn astana_is_called_nur_sultan_in_2021_and_astana_in_2025() {
    let mut harness = harness(Some(2021));
    click_city(&mut harness, "astana");
    harness.get_by_label("Нур-Султан");
    click_year(&mut harness, 2025);
    assert!(harness.query_by_label("Нур-Султан").is_none());
    harness.get_by_label("Nur-Sultan · Нұр-Сұлтан · Нур-Султан (2019-03-23 – 2022-09-17)");
}

#[test]
fn the_history_row_jumps_to_a_year() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "almaty");
    harness.get_by_role_and_label(Role::Button, "22").click();
    harness.run();
    assert_eq!(harness.state().year(), 2022);
    harness.get_by_label(&status_heading(&harness, "almaty", 2022));
}

#[test]
fn a_city_with_no_report_says_so_instead_of_claiming_nothing_happened() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "oskemen");
    harness.get_by_label("2025: No report");
    harness.get_by_label_contains("This is not a claim that nothing happened");
}

#[test]
fn map_2025_snapshot() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "almaty");
    harness.snapshot("map_2025_almaty");
}

#[test]
fn arrow_keys_still_step_years_after_clicking_a_year_button() {
    let mut harness = harness(Some(2025));
    click_year(&mut harness, 2019);
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().year(), 2018);
}

fn distance(harness: &Harness<'_, MemoryMapApp>, a: &str, b: &str) -> f32 {
    let pos = |id| {
        harness
            .state()
            .city_screen_position(city(harness, id))
            .unwrap()
    };
    pos(a).distance(pos(b))
}

#[test]
fn the_wheel_zooms_around_the_pointer_and_reset_view_fits_the_country_again() {
    let mut harness = harness(Some(2025));
    let before = distance(&harness, "almaty", "konaev");
    let almaty = harness
        .state()
        .city_screen_position(city(&harness, "almaty"))
        .unwrap();
    harness.hover_at(almaty);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 200.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    let zoomed = distance(&harness, "almaty", "konaev");
    assert!(zoomed > before * 1.3, "{before} -> {zoomed}");
    let almaty_after = harness
        .state()
        .city_screen_position(city(&harness, "almaty"))
        .unwrap();
    assert!(
        almaty_after.distance(almaty) < 3.0,
        "zoom keeps the point under the pointer"
    );

    harness.get_by_label("Reset view").click();
    harness.run();
    let reset = distance(&harness, "almaty", "konaev");
    assert!((reset - before).abs() < 1.0, "{before} vs {reset}");
}

#[test]
fn a_plan_that_changed_before_the_day_is_said_in_the_panel() {
    // Shymkent 2016: one source said it was cancelled, the march then took place.
    let mut harness = harness(Some(2016));
    click_city(&mut harness, "shymkent");
    harness.get_by_label(&status_heading(&harness, "shymkent", 2016));
    harness.get_by_label_contains("The plan changed");
    harness.get_by_label_contains("Disputed");
    assert!(
        harness.get_all_by_label("Cancelled").count() >= 1,
        "the cancellation is listed with the march"
    );
}

#[test]
fn warnings_found_at_load_are_listed_in_the_overview() {
    let basemap = Basemap::builtin().unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/good/minimal.geojson"),
    )
    .unwrap()
    // Move Pavlodar into the Indian Ocean (swapped, it is in the sea too): a warning
    // (check the numbers), not an error.
    .replace("76.9688", "70.0")
    .replace("52.276", "-10.0");
    let loaded = memorymap::model::load_bytes(
        "moved.geojson",
        text.as_bytes(),
        memorymap::model::LoadOptions {
            land: Some(memorymap::geography::world::on_world_land),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let app = MemoryMapApp::new(loaded.dataset, "moved.geojson".into(), &basemap, None, None)
        .with_warnings(loaded.warnings);
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui_state(|ui, app: &mut MemoryMapApp| app.root_ui(ui), app);
    harness.run();
    harness
        .get_by_label_contains("Warnings in this file: 1")
        .click();
    harness.run();
    harness.get_by_label_contains("lies in the sea, on no country's land");
}

fn fixture(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// Steps the UI until the background load has finished (at most 20 s).
fn wait_for_load(harness: &mut Harness<'_, MemoryMapApp>) {
    let start = std::time::Instant::now();
    harness.step();
    while harness.state().is_loading() {
        assert!(start.elapsed().as_secs() < 20, "loading did not finish");
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    harness.run();
}

fn open(harness: &mut Harness<'_, MemoryMapApp>, path: &std::path::Path) {
    harness
        .state_mut()
        .apply(memorymap::command::Command::Open(path.to_path_buf()));
    wait_for_load(harness);
}

#[test]
fn every_bad_file_opened_after_a_good_one_leaves_the_good_data_on_screen() {
    let mut harness = harness(Some(2019));
    let good = fixture("good/minimal.csv");
    open(&mut harness, &good);
    assert_eq!(harness.state().data_name(), good.display().to_string());
    let cities = harness.state().dataset().cities.len();
    let mut checked = 0;
    for entry in std::fs::read_dir(fixture("bad")).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("geojson" | "csv")
        ) {
            continue;
        }
        open(&mut harness, &path);
        let app = harness.state();
        let report = app
            .problems()
            .unwrap_or_else(|| panic!("{}: no problems shown", path.display()));
        assert!(report.failed, "{}", path.display());
        assert!(!report.problems.is_empty());
        // Still the good file, and the window says so.
        assert_eq!(
            app.data_name(),
            good.display().to_string(),
            "{}",
            path.display()
        );
        assert_eq!(app.dataset().cities.len(), cities);
        harness.get_by_label_contains("Still showing the");
        checked += 1;
    }
    assert!(checked >= 60, "only {checked} bad files");
}

#[test]
fn a_file_that_could_not_be_opened_is_listed_and_a_click_on_a_problem_selects_its_city() {
    let mut harness = harness(None);
    open(&mut harness, &fixture("bad/lonlat-swapped.geojson"));
    harness.get_by_label_contains("Could not open");
    harness.get_by_label_contains("1 error, 0 warnings. Still showing the built-in dataset.");
    // The data kept is still on screen and usable.
    harness.get_by_label_contains("About this dataset");
    // The problem names feature almaty, which the data shown has: a click selects it.
    harness
        .get_by_label_contains("longitude and latitude look swapped")
        .click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(city(&harness, "almaty")));
    harness
        .get_by_role_and_label(Role::Button, "Dismiss")
        .click();
    harness.run();
    assert!(harness.state().problems().is_none());
    assert!(harness.query_by_label_contains("Could not open").is_none());
}

#[test]
fn opening_a_csv_dataset_shows_it_and_keeps_the_year_when_it_has_it() {
    let mut harness = harness(Some(2025));
    open(&mut harness, &fixture("good/minimal.csv"));
    let app = harness.state();
    assert!(app.problems().is_none(), "{:?}", app.problems());
    assert!(app.data_name().ends_with("minimal.csv"));
    assert!(app.dataset().years().contains(&app.year()));
}

/// Write a file, open it, rewrite it valid, invalid, valid again: the window follows the
/// file through its watcher, keeping the last good version while the file is broken.
#[test]
fn the_open_file_is_reloaded_when_it_changes_and_a_broken_version_keeps_the_last_good_one() {
    let dir = std::env::temp_dir().join(format!("memorymap-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("live.csv");
    let good = std::fs::read_to_string(fixture("good/minimal.csv")).unwrap();
    std::fs::write(&path, &good).unwrap();
    let mut harness = harness(None);
    open(&mut harness, &path);
    let first = harness.state().dataset().clone();

    // Wait until the watcher reports a change and the reload has finished.
    let wait_for = |harness: &mut Harness<'_, MemoryMapApp>,
                    what: &dyn Fn(&MemoryMapApp) -> bool| {
        let start = std::time::Instant::now();
        loop {
            harness.step();
            if !harness.state().is_loading() && what(harness.state()) {
                break;
            }
            assert!(
                start.elapsed().as_secs() < 20,
                "the window did not follow the file"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        harness.run();
    };

    // 1. Valid, with one report fewer (the last data row removed).
    let mut lines: Vec<&str> = good.lines().collect();
    let last = lines.pop().unwrap();
    let fewer = lines.join("\n") + "\n";
    std::fs::write(&path, &fewer).unwrap();
    wait_for(&mut harness, &|app| {
        *app.dataset() != first || app.problems().is_some()
    });
    let second = harness.state().dataset().clone();
    assert!(harness.state().problems().is_none());
    assert_eq!(second.cities.len(), first.cities.len() - 1);

    // 2. Half-written: an error, and the previous version stays.
    std::fs::write(&path, &fewer[..fewer.len() / 2]).unwrap();
    wait_for(&mut harness, &|app| {
        app.problems().is_some_and(|p| p.failed)
    });
    assert_eq!(*harness.state().dataset(), second);
    harness.get_by_label_contains("could not be loaded");
    harness.get_by_label_contains("Still showing the version loaded before");

    // 3. Valid again: shown, and the problems are gone.
    std::fs::write(&path, format!("{fewer}{last}\n")).unwrap();
    wait_for(&mut harness, &|app| app.problems().is_none());
    assert_eq!(*harness.state().dataset(), first);

    // F5 reloads by hand too.
    harness.key_press(egui::Key::F5);
    wait_for_load(&mut harness);
    assert_eq!(*harness.state().dataset(), first);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Ctrl+E, and steps until the figure's preview is drawn.
fn open_export(harness: &mut Harness<'_, MemoryMapApp>) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    settle_preview(harness);
}

/// Steps the UI until the Export window's preview is drawn (at most 20 s).
fn settle_preview(harness: &mut Harness<'_, MemoryMapApp>) {
    let start = std::time::Instant::now();
    // A command (Ctrl+E, a click) takes effect after the frame that saw it, and the
    // preview starts in the frame after that.
    harness.step();
    harness.step();
    while harness.state().export_preview_drawing() {
        assert!(start.elapsed().as_secs() < 20, "the preview was not drawn");
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    // A message from the last export may still be waiting to fade (a repaint due in a
    // few seconds): that need not settle here.
    let _ = harness.run_ok();
}

/// Types `path` into the Export window's file field, replacing what is there.
fn type_path(harness: &mut Harness<'_, MemoryMapApp>, path: &std::path::Path) {
    harness.get_by_label("File:").focus();
    // The map behind may still be settling (a refit after leaving compare): the preview
    // follows its view, so wait for it rather than for a fixed number of frames.
    settle_preview(harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("File:")
        .type_text(path.to_str().unwrap());
    settle_preview(harness);
}

/// Ctrl+E, pick a format, type a path, press Export (or Replace).
fn export_through_the_dialog(
    harness: &mut Harness<'_, MemoryMapApp>,
    format: &str,
    path: &std::path::Path,
) {
    open_export(harness);
    harness.get_by_label(format).click();
    settle_preview(harness);
    type_path(harness, path);
    harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    wait_for_export(harness);
}

/// Steps the UI until the export on the worker thread has finished (at most 30 s).
fn wait_for_export(harness: &mut Harness<'_, MemoryMapApp>) {
    let start = std::time::Instant::now();
    harness.step();
    while harness.state().is_exporting() {
        assert!(start.elapsed().as_secs() < 30, "the export did not finish");
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    harness.run();
}

#[test]
fn export_writes_csv_and_geojson_and_asks_before_replacing_a_file() {
    let dir = std::env::temp_dir().join(format!("memorymap-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut harness = harness(Some(2025));
    for (format, name) in [
        ("Data table (CSV)", "out.csv"),
        ("Data with sources (GeoJSON)", "out.geojson"),
    ] {
        let path = dir.join(name);
        let _ = std::fs::remove_file(&path);
        export_through_the_dialog(&mut harness, format, &path);
        let (ok, message) = harness.state().export_status().unwrap();
        assert!(ok, "{message}");
        harness.get_by_label_contains("Exported");
        // The export is the 2025 citation bundle and reads back.
        let loaded =
            memorymap::model::load_path(&path, memorymap::model::LoadOptions::default()).unwrap();
        assert_eq!(loaded.dataset.years(), 2025..=2025);
        assert_eq!(
            loaded.dataset.report_count(),
            harness
                .state()
                .dataset()
                .restricted_to_year(2025)
                .report_count()
        );
    }
    // The same path again: nothing is written until the user says Replace.
    let path = dir.join("out.csv");
    std::fs::write(&path, "mine").unwrap();
    export_through_the_dialog(&mut harness, "Data table (CSV)", &path);
    harness.get_by_label_contains("exists. Replace it?");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    harness
        .get_by_role_and_label(Role::Button, "Replace")
        .click();
    wait_for_export(&mut harness);
    assert_ne!(std::fs::read_to_string(&path).unwrap(), "mine");
    assert!(
        harness.query_by_label("Export").is_none(),
        "the dialog closes after exporting"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_export_runs_beside_the_window_shows_its_progress_and_cancel_writes_nothing() {
    use memorymap::model::generate::{GenSpec, write_dataset};
    // Large enough that its GeoJSON takes a while: 50,000 cities with 4 reports each.
    let mut bytes = Vec::new();
    write_dataset(
        GenSpec {
            cities: 50_000,
            reports_per_city: 4,
            first_year: 2015,
            last_year: 2025,
            seed: 5,
        },
        &mut bytes,
    )
    .unwrap();
    let dataset = memorymap::model::load_bytes("big.geojson", &bytes, Default::default())
        .unwrap()
        .dataset;
    let basemap = Basemap::builtin().unwrap();
    let app = MemoryMapApp::new(dataset, "big.geojson".into(), &basemap, Some(2015), None);
    let mut harness = harness_for(app);
    let dir = std::env::temp_dir().join(format!("memorymap-cancel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("all.geojson");
    let _ = std::fs::remove_file(&path);
    let request = |path: &std::path::Path| {
        memorymap::app::Command::Export(memorymap::output::ExportRequest {
            format: memorymap::output::Output::Data(memorymap::model::export::DataFormat::Geojson),
            scope: memorymap::model::export::Scope::All,
            path: path.to_path_buf(),
            replace: false,
            size: (1200, 800),
            grid: false,
            years: (2015, 2025),
        })
    };
    harness.state_mut().apply(request(&path));
    harness.step();
    // The frame came back before the export was done, and the top bar says what runs.
    assert!(harness.state().is_exporting());
    harness.get_by_label_contains("Exporting GEOJSON to");
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    wait_for_export(&mut harness);
    let (_, message) = harness.state().export_status().unwrap();
    assert_eq!(message, "Export cancelled: nothing was written");
    assert!(
        !path.exists(),
        "a cancelled export wrote {}",
        path.display()
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Without Cancel, the same export is written, and reads back.
    harness.state_mut().apply(request(&path));
    wait_for_export(&mut harness);
    let (ok, message) = harness.state().export_status().unwrap();
    assert!(ok, "{message}");
    let back = memorymap::model::load_path(&path, Default::default()).unwrap();
    assert_eq!(back.dataset.cities.len(), 50_000);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_previews_the_figure_at_the_size_chosen_and_writes_every_year_as_a_gif() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(2025));
    open_export(&mut harness);
    // The web preset: a preview 3:2, like the figure.
    let [w, h] = harness.state().export_preview_size().unwrap();
    assert_eq!(w * 2, h * 3, "{w}×{h}");
    harness.get_by_label("Square 1080×1080").click();
    settle_preview(&mut harness);
    let [w, h] = harness.state().export_preview_size().unwrap();
    assert_eq!(w, h);
    // …and the figure is written at that size.
    let png = dir.path().join("square.png");
    type_path(&mut harness, &png);
    harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    wait_for_export(&mut harness);
    let header = std::fs::read(&png).unwrap();
    let side = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().unwrap());
    assert_eq!((side(16), side(20)), (1080, 1080));

    // Every year as a GIF, a frame a year at the web size, with progress in the top bar.
    let gif = dir.path().join("years.gif");
    open_export(&mut harness);
    harness
        .get_by_label("Every year as an animation (GIF)")
        .click();
    settle_preview(&mut harness);
    harness.get_by_label("Web 1200×800").click();
    settle_preview(&mut harness);
    type_path(&mut harness, &gif);
    harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    harness.step();
    harness.step();
    harness.get_by_label_contains("Exporting GIF to");
    wait_for_export(&mut harness);
    let (ok, message) = harness.state().export_status().unwrap();
    assert!(ok, "{message}");
    assert!(message.contains("2015–2025"), "{message}");
    let mut decoder = gif::DecodeOptions::new();
    decoder.set_color_output(gif::ColorOutput::RGBA);
    let mut reader = decoder
        .read_info(std::fs::File::open(&gif).unwrap())
        .unwrap();
    let mut frames = 0;
    while let Some(frame) = reader.read_next_frame().unwrap() {
        assert_eq!((frame.width, frame.height), (1200, 800));
        frames += 1;
    }
    assert_eq!(frames, 11);
}

#[test]
fn export_writes_small_multiples_and_the_sources_as_csl_json_and_bibtex() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(2019));
    // Small multiples: no single-figure preview, and every year's map in one picture.
    let grid = dir.path().join("grid.svg");
    open_export(&mut harness);
    harness
        .get_by_label("Figure of the map (SVG, for print and editing)")
        .click();
    settle_preview(&mut harness);
    harness
        .get_by_label("Every year side by side (small multiples)")
        .click();
    settle_preview(&mut harness);
    harness.get_by_label("Years:");
    type_path(&mut harness, &grid);
    harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    wait_for_export(&mut harness);
    let svg = std::fs::read_to_string(&grid).unwrap();
    for year in 2015..=2025 {
        assert!(
            svg.contains(&format!(">{year}</text>")),
            "{year} is not a panel"
        );
    }
    // The sources of 2019, as CSL-JSON and BibTeX, with the dataset first.
    let csl = dir.path().join("sources.json");
    export_through_the_dialog(
        &mut harness,
        "Sources of 2019 as CSL-JSON (Zotero, pandoc)",
        &csl,
    );
    let items: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&csl).unwrap()).unwrap();
    let items = items.as_array().unwrap();
    assert!(items.len() > 1, "{items:?}");
    assert_eq!(items[0]["type"], "dataset");
    // A video, through ffmpeg (installed by scripts/test.sh).
    if crate::cli::tool_present("ffmpeg", "ffmpeg") {
        let mp4 = dir.path().join("years.mp4");
        export_through_the_dialog(
            &mut harness,
            "Every year as a video (MP4, needs ffmpeg)",
            &mp4,
        );
        let (ok, message) = harness.state().export_status().unwrap();
        assert!(ok, "{message}");
        let bytes = std::fs::read(&mp4).unwrap();
        assert_eq!(&bytes[4..8], b"ftyp", "not an MP4");
    }
    let bib = dir.path().join("sources.bib");
    export_through_the_dialog(&mut harness, "Sources of 2019 as BibTeX", &bib);
    let text = std::fs::read_to_string(&bib).unwrap();
    assert_eq!(
        text.matches("\n@").count() + usize::from(text.starts_with('@')),
        items.len()
    );
}

#[test]
fn ctrl_o_shows_the_open_dialog_and_escape_or_cancel_closes_it() {
    // egui_file's two path fields have no accessible name (a limitation of that crate), so
    // kittest's accessibility check is off for this one test; every glyph must still draw.
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut MemoryMapApp| app.root_ui(ui), app(None));
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run();
    harness.get_by_label_contains("Open a dataset (GeoJSON or CSV)");
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run();
    assert!(harness.query_by_label_contains("Open a dataset").is_none());
    // The map is untouched.
    assert_eq!(harness.state().data_name(), "built-in dataset");
}

/// A file as the windowing layer hands it over when it is dropped on the window.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_is_opened() {
    let mut harness = harness(None);
    let path = fixture("good/quoted-multiline.csv");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    wait_for_load(&mut harness);
    assert_eq!(harness.state().data_name(), path.display().to_string());
    assert!(harness.state().problems().is_none());
}

/// Ctrl+F, type, Enter.
fn find(harness: &mut Harness<'_, MemoryMapApp>, text: &str) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Find:").type_text(text);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

#[test]
fn search_finds_astana_by_any_of_its_names_and_selects_it() {
    for query in [
        "Нур-Султан",
        "nur sultan",
        "Астана",
        "astana",
        "NUR-SULTAN",
        "Нұр-Сұлтан",
        "Akmola",
    ] {
        let mut harness = harness(Some(2021));
        find(&mut harness, query);
        assert_eq!(
            harness.state().selected(),
            Some(city(&harness, "astana")),
            "{query}"
        );
    }
}

#[test]
fn search_lists_matches_as_you_type_and_a_click_selects_one() {
    let mut harness = harness(Some(2025));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.get_by_label("Find:").type_text("ust");
    harness.run();
    // Ust-Kamenogorsk is Oskemen's former name.
    harness.get_by_label_contains("Oskemen ·").click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(city(&harness, "oskemen")));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.get_by_label("Find:").type_text("Atlantis");
    harness.run();
    harness.get_by_label_contains("No city is called “Atlantis”");
}

#[test]
fn copy_citation_and_copy_link_give_the_view_its_source_and_the_exact_data() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "almaty");
    harness
        .get_by_role_and_label(Role::Button, "Copy citation")
        .click();
    harness.run();
    let text = harness.state().last_copied().unwrap().to_owned();
    assert!(
        text.starts_with("Almaty, 2025: Held, renamed (sources disagree)."),
        "{text}"
    );
    let sha = memorymap::cli::builtin_data_sha256();
    assert!(
        text.contains(&format!("built-in, sha256 {}", &sha[..12])),
        "{text}"
    );
    assert_eq!(
        copy_link(&mut harness),
        "memorymap --year 2025 --city almaty"
    );
    // With a file open, the citation names the file and its own hash.
    let path = fixture("good/minimal.geojson");
    open(&mut harness, &path);
    click_city(&mut harness, "almaty");
    harness
        .get_by_role_and_label(Role::Button, "Copy citation")
        .click();
    harness.run();
    let text = harness.state().last_copied().unwrap().to_owned();
    assert!(text.contains("file minimal.geojson, sha256 "), "{text}");
    assert!(!text.contains(&sha[..12]), "{text}");
}

/// A clipboard that records what it is given, or refuses everything.
struct TestClipboard {
    got: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    refuse: bool,
}

impl memorymap::app::ClipboardSink for TestClipboard {
    fn set_text(&mut self, text: &str) -> Result<(), memorymap::app::ClipboardError> {
        if self.refuse {
            return Err(memorymap::app::ClipboardError(
                "no X11 display to talk to".into(),
            ));
        }
        self.got.lock().unwrap().push(text.to_owned());
        Ok(())
    }
}

#[test]
fn a_copy_the_system_clipboard_refuses_is_reported_as_a_failure_not_as_copied() {
    for refuse in [false, true] {
        let got = std::sync::Arc::default();
        let sink = TestClipboard {
            got: std::sync::Arc::clone(&got),
            refuse,
        };
        let mut harness = harness_for(app(Some(2025)).with_clipboard(Box::new(sink)));
        click_city(&mut harness, "almaty");
        harness
            .get_by_role_and_label(Role::Button, "Copy citation")
            .click();
        harness.run();
        let (ok, message) = harness.state().export_status().unwrap();
        let copied = harness.state().last_copied().unwrap().to_owned();
        if refuse {
            assert!(!ok, "{message}");
            assert!(message.starts_with("Not copied"), "{message}");
            assert!(message.contains("no X11 display to talk to"), "{message}");
            assert!(got.lock().unwrap().is_empty());
        } else {
            assert!(ok && message == "Copied the citation", "{message}");
            assert_eq!(*got.lock().unwrap(), [copied]);
        }
        // The failure is on screen, in the top bar.
        harness.get_by_label_contains(if refuse {
            "Not copied"
        } else {
            "Copied the citation"
        });
    }
}

#[test]
fn a_click_on_a_legend_entry_hides_those_cities_but_keeps_the_count() {
    let mut harness = harness(Some(2025));
    let none_planned: Vec<usize> = (0..harness.state().dataset().cities.len())
        .filter(|&i| {
            harness.state().dataset().city_year(i, 2025).status
                == memorymap::model::Status::NONE_PLANNED
        })
        .collect();
    assert_eq!(none_planned.len(), 3);
    assert!(
        harness
            .state()
            .city_screen_position(none_planned[0])
            .is_some()
    );
    harness.get_by_label("Nothing planned 3").click();
    harness.run();
    for &city in &none_planned {
        assert!(harness.state().city_screen_position(city).is_none());
    }
    // The count stays, and a second click shows them again.
    harness.get_by_label("Nothing planned 3").click();
    harness.run();
    assert!(
        harness
            .state()
            .city_screen_position(none_planned[0])
            .is_some()
    );

    // "Only cities with reports" hides the 15 cities without one.
    harness.get_by_label("Only cities with reports").click();
    harness.run();
    let drawn = (0..harness.state().dataset().cities.len())
        .filter(|&i| harness.state().city_screen_position(i).is_some())
        .count();
    assert_eq!(drawn, 23 - 15);
    harness.get_by_label("No report 15");
}

#[test]
fn space_plays_through_the_years_and_stops_at_the_last() {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(0.25)
        .build_ui_state(
            |ui, app: &mut MemoryMapApp| app.root_ui(ui),
            app(Some(2022)),
        );
    harness.run_steps(2);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(harness.state().is_playing());
    let mut seen = vec![harness.state().year()];
    for _ in 0..40 {
        harness.step();
        let year = harness.state().year();
        if seen.last() != Some(&year) {
            seen.push(year);
        }
    }
    assert_eq!(seen, vec![2022, 2023, 2024, 2025]);
    assert!(
        !harness.state().is_playing(),
        "playing stops after the last year"
    );
    // Space on the last year starts again from the first.
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert_eq!(harness.state().year(), 2015);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(!harness.state().is_playing());
}

#[test]
fn play_and_pause_keep_the_button_width() {
    let mut harness = harness(Some(2022));
    let play = harness.get_by_role_and_label(Role::Button, "Play").rect();
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(harness.state().is_playing());
    let pause = harness.get_by_role_and_label(Role::Button, "Pause").rect();
    assert!(
        (play.width() - pause.width()).abs() < 0.5 && (play.min - pause.min).length() < 0.5,
        "Play {play:?}, Pause {pause:?}"
    );
}

#[test]
fn a_click_on_a_timeline_bar_shows_that_year() {
    let mut harness = harness(Some(2025));
    let plot = harness.get_by_label_contains("Cities per status, year by year");
    let rect = plot.rect();
    let x = timeline_bar_x(rect, 2015..=2025, 2019);
    click_at(&mut harness, egui::pos2(x, rect.center().y));
    assert_eq!(harness.state().year(), 2019);
}

/// Where `year`'s bar is on the timeline of `rect`: the bars span first_year - 0.6 ..
/// last_year + 0.6 across the plot's width.
fn timeline_bar_x(rect: egui::Rect, years: std::ops::RangeInclusive<i32>, year: i32) -> f32 {
    let (first, last) = (*years.start() as f32 - 0.6, *years.end() as f32 + 0.6);
    rect.left() + (year as f32 - first) / (last - first) * rect.width()
}

#[test]
fn a_dataset_of_other_years_opened_after_the_first_gets_a_timeline_of_its_years() {
    // The timeline once kept the span of the dataset shown before (2015–2025) when a
    // file of 1985–2024 was opened: a click on its 1990 bar chose 2016.
    let mut harness = harness(Some(2025));
    open(
        &mut harness,
        &crate::examples::example("south-america.geojson"),
    );
    let years = harness.state().dataset().years();
    assert_eq!(years, 1985..=2024);
    let rect = harness
        .get_by_label_contains("Cities per status, year by year")
        .rect();
    let x = timeline_bar_x(rect, years, 1990);
    click_at(&mut harness, egui::pos2(x, rect.center().y));
    assert_eq!(harness.state().year(), 1990);
}

#[test]
fn the_city_list_sorts_by_reports_and_selects_on_click() {
    let mut harness = harness(Some(2025));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run();
    harness.get_by_label("Cities in 2025");
    // Sorted by name at first; every city is listed.
    let d = harness.state().dataset().clone();
    let order = memorymap::ui::city_list::sorted_cities(
        &d,
        2025,
        Default::default(),
        memorymap::i18n::Lang::En.tr(),
    );
    assert_eq!(order.len(), 23);
    assert_eq!(d.cities[order[0]].id, "aktau");
    // Reports: the most first at the first click, the sort said in words.
    harness.get_by_label("Reports").click();
    harness.run();
    let most = memorymap::ui::city_list::sorted_cities(
        &d,
        2025,
        memorymap::ui::city_list::ListSort {
            by: memorymap::ui::city_list::SortBy::Reports,
            descending: true,
        },
        memorymap::i18n::Lang::En.tr(),
    );
    assert_eq!(d.cities[most[0]].id, "almaty");
    harness.get_by_label("Reports (most first)");
    // The rows the window shows, top to bottom, follow the report counts (most first),
    // worked out here from the data rather than from the list's own sort.
    let row_label = |i: usize| {
        let c = &d.cities[i];
        let cell = d.city_year(i, 2025);
        format!(
            "{}, {}, 2025: {}",
            c.names_in(2025, d.info.event_day).reference(),
            c.region,
            d.vocabulary().label(cell.status, "en")
        )
    };
    let mut shown: Vec<(f32, usize)> = (0..d.cities.len())
        .filter_map(|i| {
            let label = row_label(i);
            harness
                .query_all(egui_kittest::kittest::by().role(Role::Button).label(&label))
                .next()
                .map(|n| (n.rect().min.y, i))
        })
        .collect();
    shown.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(shown.len() >= 10, "only {} rows found", shown.len());
    let counts: Vec<usize> = shown
        .iter()
        .map(|&(_, i)| d.city_year(i, 2025).report_count)
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "rows not sorted by reports, most first: {counts:?}"
    );
    assert_eq!(d.cities[shown[0].1].id, "almaty");
    // The row's accessible name says the region and the status, not only the name.
    harness
        .get_by_label("Almaty, Almaty (city), 2025: Held, renamed")
        .click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(city(&harness, "almaty")));
}

/// The window in compare mode, as `memorymap --year TO --compare FROM` opens it.
fn compare_harness(from: i32, to: i32) -> Harness<'static, MemoryMapApp> {
    harness_for(app(Some(to)).with_compare(Some(from)))
}

#[test]
fn compare_2019_to_2025_lists_the_changed_cities_with_correct_counts() {
    let mut harness = compare_harness(2019, 2025);
    let d = harness.state().dataset().clone();
    // Counted here from the statuses, not from the app's comparison.
    let (mut changed, mut newly, mut silent, mut same) = (Vec::new(), 0, 0, 0);
    for i in 0..d.cities.len() {
        let (a, b) = (d.city_year(i, 2019).status, d.city_year(i, 2025).status);
        match (a == Status::NO_REPORT, b == Status::NO_REPORT) {
            (true, false) => newly += 1,
            (false, true) => silent += 1,
            (false, false) if a == b => same += 1,
            (false, false) => changed.push((i, a, b)),
            (true, true) => {}
        }
    }
    assert!(!changed.is_empty() && newly + silent > 0, "{changed:?}");
    let counts = harness.state().comparison().unwrap().counts;
    assert_eq!(counts[0..4], [changed.len(), newly, silent, same]);
    harness.get_by_label(&format!(
        "What differs, 2019 → 2025 ({})",
        changed.len() + newly + silent
    ));
    for &(i, a, b) in &changed {
        let name = &d.cities[i].names_in(2025, d.info.event_day).reference();
        harness.get_by_label(&format!(
            "{name}: {} → {}",
            d.vocabulary().label(a, "en"),
            d.vocabulary().label(b, "en")
        ));
    }
    // The counts are shown beside their kinds.
    harness.get_by_label("Changed");
    harness.get_by_label("No longer reported");
    // Picking another year A recomputes the list.
    harness.get_by_role(Role::ComboBox).click();
    harness.run();
    // The popup's 2024, not the year button of the same name in the top bar.
    harness
        .get_all_by_role_and_label(Role::Button, "2024")
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .click();
    harness.run();
    assert_eq!(harness.state().compare_year(), Some(2024));
    assert_eq!(harness.state().comparison().unwrap().from, 2024);
    harness.snapshot("compare_2024_2025");
    // Stop leaves compare mode.
    harness.get_by_role_and_label(Role::Button, "Stop").click();
    harness.run();
    assert_eq!(harness.state().compare_year(), None);
    assert!(harness.query_by_label_contains("What differs").is_none());
}

#[test]
fn in_compare_mode_a_city_shows_both_years_reports_and_its_change() {
    let mut harness = compare_harness(2019, 2025);
    click_city(&mut harness, "almaty");
    let d = harness.state().dataset().clone();
    let almaty = city(&harness, "almaty");
    let n = |y| d.cities[almaty].reports_in(y).count();
    harness.get_by_label(&format!("Reports for 2025 ({})", n(2025)));
    harness.get_by_label(&format!("Reports for 2019 ({})", n(2019)));
    harness.get_by_label(&status_heading(&harness, "almaty", 2025));
    let a = d.city_year(almaty, 2019).status;
    let change = if a == Status::HELD_RENAMED {
        "unchanged"
    } else {
        "changed"
    };
    harness.get_by_label(&format!(
        "2019 → 2025: {} → Held, renamed ({change})",
        d.vocabulary().label(a, "en")
    ));
    // The link opens the same comparison.
    assert_eq!(
        copy_link(&mut harness),
        "memorymap --year 2025 --city almaty --compare 2019"
    );
}

/// Presses the side panel's Copy link and returns what it copied.
fn copy_link(harness: &mut Harness<'_, MemoryMapApp>) -> String {
    harness
        .get_by_role_and_label(Role::Button, "Copy link")
        .click();
    harness.run();
    harness.state().last_copied().unwrap_or_default().to_owned()
}

#[test]
fn ctrl_d_compares_with_the_year_before_and_again_stops() {
    let mut harness = harness(Some(2023));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    harness.run();
    assert_eq!(harness.state().compare_year(), Some(2022));
    let differ = harness.state().comparison().unwrap().differences().len();
    assert!(differ > 0);
    harness.get_by_label(&format!("What differs, 2022 → 2023 ({differ})"));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    harness.run();
    assert_eq!(harness.state().compare_year(), None);
}

/// What a screen reader should hear for a city on the map, built from the data.
fn expected_city_name(d: &memorymap::model::Dataset, i: usize, year: i32) -> String {
    let cell = d.city_year(i, year);
    let mut name = format!(
        "{}, {year}: {}",
        d.cities[i].names_in(year, d.info.event_day).reference(),
        d.vocabulary().label(cell.status, "en")
    );
    if cell.disputed {
        name.push_str(" (Sources disagree)");
    }
    if d.is_tentative(i, year) {
        name.push_str(" (Inferred or weak source)");
    }
    name
}

#[test]
fn every_city_on_the_map_has_an_accessible_name_with_its_status() {
    let mut tentative = 0;
    for year in [2019, 2021, 2025] {
        let harness = harness(Some(year));
        let d = harness.state().dataset().clone();
        for i in 0..d.cities.len() {
            harness.get_by_role_and_label(Role::Button, &expected_city_name(&d, i, year));
            tentative += usize::from(d.is_tentative(i, year));
        }
    }
    // The dashed ring is said in words too, and the built-in data has such cities.
    assert!(tentative > 0);
    // Astana is Nur-Sultan in 2021, to the screen reader too.
    let harness = harness(Some(2021));
    harness.get_by_label_contains("Nur-Sultan, 2021: ");
}

#[test]
fn a_city_can_be_chosen_with_the_keyboard_alone() {
    let mut harness = harness(Some(2025));
    let d = harness.state().dataset().clone();
    let almaty = city(&harness, "almaty");
    // Tab reaches the cities on the map (after the controls above and beside it).
    let names: Vec<String> = (0..d.cities.len())
        .map(|i| expected_city_name(&d, i, 2025))
        .collect();
    let mut presses = 0;
    while !names.iter().any(|n| harness.get_by_label(n).is_focused()) {
        presses += 1;
        assert!(presses < 300, "Tab never reached a city on the map");
        harness.key_press(egui::Key::Tab);
        harness.run();
    }
    // Focus (what Tab does) and Enter open a city.
    harness
        .get_by_label(&expected_city_name(&d, almaty, 2025))
        .focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().selected(), Some(almaty));
    // Space on a focused city does not start playing.
    assert!(!harness.state().is_playing());
    // Esc clears; ↓ and ↑ then walk the city list's order (by name).
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected(), None);
    let order = memorymap::ui::city_list::sorted_cities(
        &d,
        2025,
        Default::default(),
        memorymap::i18n::Lang::En.tr(),
    );
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().selected(), Some(order[0]));
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().selected(), Some(order[1]));
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().selected(), Some(order[0]));
}

fn lang_harness(lang: memorymap::i18n::Lang, year: i32) -> Harness<'static, MemoryMapApp> {
    harness_for(app(Some(year)).with_lang(lang, true))
}

#[test]
fn the_kazakh_interface_shows_kazakh_status_names_and_city_names() {
    use memorymap::i18n::Lang;
    let mut harness = lang_harness(Lang::Kk, 2025);
    let d = harness.state().dataset().clone();
    let counts = d.counts(2025);
    let kk = Lang::Kk.tr();
    let v = d.vocabulary();
    for status in v.legend() {
        assert_ne!(
            kk.status(v, status),
            v.label(status, "en"),
            "{} is not translated",
            v.id(status)
        );
        harness.get_by_label(&format!(
            "{} {}",
            kk.status(v, status),
            counts[status.index()]
        ));
    }
    // Checked against the words themselves, not only against the file they come from.
    harness.get_by_label(&format!("Өтті {}", counts[Status::HELD.index()]));
    harness.get_by_label(&format!("Хабар жоқ {}", counts[Status::NO_REPORT.index()]));
    harness.get_by_label("Файл");
    // City names follow the language: Almaty's panel is headed in Kazakh.
    click_city(&mut harness, "almaty");
    let almaty = &d.cities[city(&harness, "almaty")];
    assert!(
        harness
            .get_all_by_label(almaty.names.tagged("kk").unwrap())
            .count()
            >= 2
    );
    harness.snapshot("kk_2025_almaty");
}

#[test]
fn the_language_menu_switches_the_interface_and_is_remembered() {
    use memorymap::i18n::Lang;
    let mut harness = lang_harness(Lang::En, 2025);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Language").hover();
    harness.run();
    harness.get_by_label("Русский").click();
    harness.run();
    assert_eq!(harness.state().lang(), Lang::Ru);
    harness.get_by_label("Вид");
    let held = harness.state().dataset().counts(2025)[Status::HELD.index()];
    harness.get_by_label(&format!("Прошёл {held}"));
    assert_eq!(harness.state().remembered().lang, Some(Lang::Ru));
}

#[test]
fn city_list_snapshot() {
    let mut harness = harness(Some(2025));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run();
    harness.snapshot("city_list_2025");
}

#[test]
fn a_hundred_thousand_cities_are_drawn_as_clusters_and_a_click_on_one_zooms_in() {
    use memorymap::geography::index::INDIVIDUAL_LIMIT;
    let dataset = generated(100_000, 3, Some(memorymap::geography::world::on_world_land));
    let mut harness = big_harness(dataset);

    let map = harness.state().map_view();
    let clusters = map.clusters().to_vec();
    assert!(
        clusters.len() > 10 && map.drawn_cities() + clusters.len() < INDIVIDUAL_LIMIT,
        "{} clusters, {} single cities",
        clusters.len(),
        map.drawn_cities()
    );
    // Every city is in one cluster or drawn alone: none is lost, none counted twice.
    let in_clusters: u32 = clusters.iter().map(|c| c.shown).sum();
    assert_eq!(in_clusters as usize + map.drawn_cities(), 100_000);
    // Each cluster says what is in it, to screen readers too.
    harness
        .get_all_by_label_contains("; click to zoom in")
        .next()
        .unwrap();

    let [x0, _, x1, _] = map.view_bounds().unwrap();
    let biggest = clusters.iter().max_by_key(|c| c.shown).unwrap().clone();
    click_at(&mut harness, biggest.pos);
    harness.run();
    let map = harness.state().map_view();
    let [z0, y0, z1, y1] = map.view_bounds().unwrap();
    let zoom = (x1 - x0) / (z1 - z0);
    assert!((3.5..4.5).contains(&zoom), "zoomed {zoom}×");
    let [lon, lat] = biggest.centre;
    assert!((z0..z1).contains(&lon) && (y0..y1).contains(&lat));
    // Zoomed in, the same cities are spread over more, smaller clusters or drawn alone.
    assert_eq!(
        harness.state().selected(),
        None,
        "a cluster click selects nothing"
    );
    // Only the cities in the zoomed view are drawn now: far fewer than the 100k.
    let after: u32 = map.clusters().iter().map(|c| c.shown).sum();
    let after = after as usize + map.drawn_cities();
    let inside = (0..harness.state().dataset().cities.len())
        .filter(|&i| {
            let c = &harness.state().dataset().cities[i].location;
            (z0..=z1).contains(&c.lon) && (y0..=y1).contains(&c.lat)
        })
        .count();
    let before: u32 = clusters.iter().map(|c| c.shown).sum();
    assert!(
        after > 0 && after < before as usize,
        "{after} cities drawn after zooming in, {before} before"
    );
    assert!(
        after >= inside,
        "{after} drawn, but {inside} lie inside the view"
    );
}

#[test]
fn the_export_dialog_speaks_the_interface_language() {
    use memorymap::i18n::Lang;
    let mut harness = lang_harness(Lang::Ru, 2025);
    open_export(&mut harness);
    harness.get_by_label("Что экспортировать:");
    harness.get_by_label("Только 2025");
    harness
        .get_by_role_and_label(Role::Button, "Отмена")
        .click();
    harness.run();
    assert!(harness.query_by_label("Что экспортировать:").is_none());
}

/// A small deterministic generator for the random gestures (xorshift64*).
struct Gestures(u64);

impl Gestures {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn thousands_of_random_wheel_drag_pinch_and_key_gestures_keep_the_map_on_the_globe() {
    use memorymap::ui::map_view::{MAX_SPAN_DEGREES, MIN_SPAN_DEGREES};
    // At half a pixel per point: the same window in points, a quarter of the basemap's
    // pixels to rasterise at each of the thousands of views (24.6 s → 18 s), and a scale
    // below 1 that no other test uses.
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_pixels_per_point(0.5)
        .with_theme(egui::Theme::Light)
        .with_max_steps(32)
        .build_ui_state(
            |ui, app: &mut MemoryMapApp| app.root_ui(ui),
            app(Some(2025)),
        );
    harness.run();
    let mut g = Gestures(0x9E37_79B9_7F4A_7C15);
    let keys = [
        egui::Key::Home,
        egui::Key::ArrowLeft,
        egui::Key::ArrowRight,
        egui::Key::Escape,
        egui::Key::ArrowDown,
    ];
    for step in 0..3000 {
        // Somewhere over the map (which fills the middle of the 1280×800 window).
        #[allow(clippy::cast_precision_loss)]
        let pos = egui::pos2(30.0 + g.below(820) as f32, 100.0 + g.below(520) as f32);
        harness.hover_at(pos);
        match g.below(10) {
            // The wheel, often in long bursts one way (the gesture that once panicked).
            0..=4 => {
                #[allow(clippy::cast_precision_loss)]
                let notches = (1 + g.below(40)) as f32;
                let sign = if g.below(3) == 0 { 1.0 } else { -1.0 };
                harness.event(egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Line,
                    delta: egui::vec2(0.0, sign * notches),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                    modifiers: egui::Modifiers::NONE,
                });
            }
            // A drag, sometimes far.
            5 | 6 => {
                #[allow(clippy::cast_precision_loss)]
                let to =
                    pos + egui::vec2(g.below(2000) as f32 - 1000.0, g.below(2000) as f32 - 1000.0);
                let button = |pos, pressed| egui::Event::PointerButton {
                    pos,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: egui::Modifiers::NONE,
                };
                harness.event(button(pos, true));
                harness.step();
                harness.event(egui::Event::PointerMoved(to));
                harness.step();
                harness.event(button(to, false));
            }
            // A pinch, in or out, sometimes absurd.
            7 => {
                let factors = [0.01, 0.5, 0.9, 1.1, 2.0, 100.0, 1e6];
                #[allow(clippy::cast_possible_truncation)]
                let factor = factors[g.below(factors.len() as u64) as usize];
                harness.event(egui::Event::Zoom(factor));
            }
            _ => {
                #[allow(clippy::cast_possible_truncation)]
                harness.key_press(keys[g.below(keys.len() as u64) as usize]);
            }
        }
        harness.step();
        if step % 50 == 0 || step == 2999 {
            // A drag may carry the view off the globe for one frame; the next brings it back.
            harness.step();
            let [x0, y0, x1, y1] = harness.state().map_view().view_bounds().unwrap();
            let (w, h) = (x1 - x0, y1 - y0);
            assert!(
                [x0, y0, x1, y1].iter().all(|v| v.is_finite()),
                "step {step}: {x0} {y0} {x1} {y1}"
            );
            // One frame of a gesture may overshoot before the next frame brings it back.
            assert!(
                w.max(h) <= MAX_SPAN_DEGREES * 4.0,
                "step {step}: {w}° × {h}°"
            );
            assert!(
                w.min(h) >= MIN_SPAN_DEGREES / 4.0,
                "step {step}: {w}° × {h}°"
            );
            assert!(
                (-200.0..=200.0).contains(&f64::midpoint(x0, x1))
                    && (-110.0..=110.0).contains(&f64::midpoint(y0, y1)),
                "step {step}: centre off the globe"
            );
        }
    }
    // Settled, the view is within the limits exactly.
    harness.run();
    let [x0, y0, x1, y1] = harness.state().map_view().view_bounds().unwrap();
    assert!((x1 - x0).max(y1 - y0) <= MAX_SPAN_DEGREES * 1.001);
    assert!((x1 - x0).min(y1 - y0) >= MIN_SPAN_DEGREES * 0.999);
}

#[test]
fn export_writes_the_figure_and_the_page_of_what_the_window_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(Some(2019));
    click_city(&mut harness, "almaty");
    let svg = dir.path().join("map.svg");
    export_through_the_dialog(
        &mut harness,
        "Figure of the map (SVG, for print and editing)",
        &svg,
    );
    let (ok, message) = harness.state().export_status().unwrap();
    assert!(ok, "{message}");
    let text = std::fs::read_to_string(&svg).unwrap();
    roxmltree::Document::parse(&text).unwrap();
    assert!(text.contains(">2019<"), "the figure says its year");
    assert!(
        text.contains("Almaty"),
        "the selected city is in the callout"
    );
    assert!(
        !text.contains("Reset view"),
        "no window controls in the figure"
    );
    let png = dir.path().join("map.png");
    export_through_the_dialog(&mut harness, "Figure of the map (PNG)", &png);
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");
    let html = dir.path().join("page.html");
    export_through_the_dialog(
        &mut harness,
        "Page for the web (HTML, works offline)",
        &html,
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("data-city=\"almaty\""));
    assert!(page.contains("Content-Security-Policy"));
}

/// The panel's heading for a city and year, "2025: Held, renamed — Zakon.kz, 2025-05-09",
/// built from the data: the status, and the deciding report's publisher and date.
fn status_heading(harness: &Harness<'_, MemoryMapApp>, id: &str, year: i32) -> String {
    let d = harness.state().dataset();
    let index = city(harness, id);
    let cell = d.city_year(index, year);
    let report = &d.cities[index].reports[cell.deciding.unwrap()];
    format!(
        "{year}: {} — {}, {}",
        d.vocabulary().label(cell.status, "en"),
        d.sources[report.source].publisher,
        report.date
    )
}

/// The top of each of the year's report cards, by its summary, in the file's order.
fn card_tops(harness: &Harness<'_, MemoryMapApp>, id: &str, year: i32) -> Vec<f32> {
    let d = harness.state().dataset();
    d.cities[city(harness, id)]
        .reports_in(year)
        .map(|r| {
            harness
                .get_all_by_label(&r.summary)
                .map(|n| n.rect().top())
                .fold(f32::INFINITY, f32::min)
        })
        .collect()
}

/// The position in the file's order of the year's deciding report.
fn deciding_position(harness: &Harness<'_, MemoryMapApp>, id: &str, year: i32) -> usize {
    let d = harness.state().dataset();
    let index = city(harness, id);
    let deciding = &d.cities[index].reports[d.city_year(index, year).deciding.unwrap()];
    d.cities[index]
        .reports_in(year)
        .position(|r| std::ptr::eq(r, deciding))
        .unwrap()
}

#[test]
fn the_heading_names_who_says_so_and_the_deciding_report_is_listed_first() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "almaty");
    let d = harness.state().dataset().clone();
    let almaty = city(&harness, "almaty");
    let report = &d.cities[almaty].reports[d.city_year(almaty, 2025).deciding.unwrap()];
    let publisher = &d.sources[report.source].publisher;
    // The heading says who: the deciding report's publisher and date.
    let heading_text = status_heading(&harness, "almaty", 2025);
    let heading = harness.get_by_label(&heading_text);
    assert!(
        heading_text.starts_with("2025: Held, renamed — "),
        "{heading_text}"
    );
    assert!(heading_text.contains(publisher.as_str()), "{heading_text}");
    assert!(
        heading_text.contains(&report.date.to_string()),
        "{heading_text}"
    );
    let heading_top = heading.rect().top();

    // In the file the deciding report is the last of seven; in the panel it comes first.
    let position = deciding_position(&harness, "almaty", 2025);
    let tops = card_tops(&harness, "almaty", 2025);
    assert!(
        tops.len() >= 2 && position > 0,
        "{position} of {}",
        tops.len()
    );
    let first = tops
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i)
        .unwrap();
    assert_eq!(first, position, "card tops in file order: {tops:?}");
    assert!(tops.iter().all(|&top| top > heading_top && top.is_finite()));
    // The other cards keep the file's order.
    let mut others: Vec<f32> = tops
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != position)
        .map(|(_, &t)| t)
        .collect();
    let in_file_order = others.clone();
    others.sort_by(f32::total_cmp);
    assert_eq!(others, in_file_order);
    // One card is marked as the one the map shows, and it is the first.
    let marks: Vec<f32> = harness
        .get_all_by_label("drawn on the map")
        .map(|n| n.rect().top())
        .collect();
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert!(marks[0] < tops[position] + 30.0 && marks[0] >= tops[position] - 30.0);
}

#[test]
fn reports_that_contradict_the_map_are_marked_when_sources_disagree() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "almaty");
    let d = harness.state().dataset().clone();
    let almaty = city(&harness, "almaty");
    let cell = d.city_year(almaty, 2025);
    assert!(cell.disputed);
    let shown = d.cities[almaty].reports[cell.deciding.unwrap()].status;
    let contradicting = d.cities[almaty]
        .reports_in(2025)
        .filter(|r| d.vocabulary().contradicts(r.status, shown))
        .count();
    assert!(contradicting > 0);
    assert_eq!(
        harness
            .get_all_by_label("Contradicts the report shown on the map")
            .count(),
        contradicting
    );
    // Its two reports of the day, both of 9 May, say the same: the later is named.
    harness.get_by_label_contains("Several reports of this date say the same");
    assert!(
        harness
            .query_by_label_contains("Reports of the same date disagree")
            .is_none()
    );
}

#[test]
fn when_reports_of_the_same_date_disagree_the_panel_says_the_later_one_was_taken() {
    // Almaty 2025 with the first of its two reports of 9 May saying "cancelled" instead.
    let mut data: serde_json::Value =
        serde_json::from_str(memorymap::model::builtin::BUILTIN_DATA).unwrap();
    let almaty = data["features"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["id"] == "almaty" || f["properties"]["id"] == "almaty")
        .unwrap();
    let report = almaty["properties"]["reports"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["id"] == "almaty-2025-informburo")
        .unwrap();
    report["status"] = "cancelled".into();
    let text = serde_json::to_string(&data).unwrap();
    let loaded =
        memorymap::model::load_bytes("tied.geojson", text.as_bytes(), Default::default()).unwrap();
    let basemap = Basemap::builtin().unwrap();
    let app = MemoryMapApp::new(
        loaded.dataset,
        "tied.geojson".into(),
        &basemap,
        Some(2025),
        None,
    );
    let mut harness = harness_for(app);
    click_city(&mut harness, "almaty");
    harness.get_by_label(&status_heading(&harness, "almaty", 2025));
    harness.get_by_label("Reports of the same date disagree; the later one in the file was taken.");
    // The cancellation is marked, with the refusals from before the day.
    let d = harness.state().dataset().clone();
    let index = city(&harness, "almaty");
    let shown = d.cities[index].reports[d.city_year(index, 2025).deciding.unwrap()].status;
    let contradicting = d.cities[index]
        .reports_in(2025)
        .filter(|r| d.vocabulary().contradicts(r.status, shown))
        .count();
    assert!(contradicting >= 2);
    assert_eq!(
        harness
            .get_all_by_label("Contradicts the report shown on the map")
            .count(),
        contradicting
    );
}

#[test]
fn the_window_draws_with_the_readable_light_theme() {
    use memorymap::ui::style;
    let harness = harness(Some(2025));
    let visuals = harness.ctx.global_style().visuals.clone();
    assert!(!visuals.dark_mode);
    assert_eq!(visuals.weak_text_color(), style::WEAK_TEXT);
    assert_eq!(visuals.hyperlink_color, style::LINK);
    for fg in [
        visuals.text_color(),
        visuals.weak_text_color(),
        visuals.hyperlink_color,
        visuals.warn_fg_color,
        style::WARN,
    ] {
        for (name, bg) in style::text_backgrounds(&visuals) {
            let ratio = style::contrast_ratio(fg, bg);
            assert!(
                ratio >= style::MIN_TEXT_CONTRAST,
                "{fg:?} on {name}: {ratio}"
            );
        }
    }
}

#[test]
fn escape_closes_the_topmost_window_before_it_clears_the_selection() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "almaty");
    let almaty = Some(city(&harness, "almaty"));
    open_export(&mut harness);
    assert!(
        harness.query_by_label("File:").is_some(),
        "the Export window is open"
    );
    // The first Esc may only take the keyboard from the file field; by the second the
    // window is closed, and the city behind it is still selected.
    for _ in 0..2 {
        if harness.query_by_label("File:").is_some() {
            harness.key_press(egui::Key::Escape);
            harness.run();
        }
    }
    assert!(
        harness.query_by_label("File:").is_none(),
        "Esc closes the Export window"
    );
    assert_eq!(
        harness.state().selected(),
        almaty,
        "Esc cleared the city behind the window"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn the_legend_counts_disputed_and_tentative_cities_from_the_data() {
    let harness = harness(Some(2025));
    let d = harness.state().dataset().clone();
    let disputed = (0..d.cities.len())
        .filter(|&i| d.city_year(i, 2025).disputed)
        .count();
    let tentative: Vec<usize> = (0..d.cities.len())
        .filter(|&i| d.is_tentative(i, 2025))
        .collect();
    // Karaganda's 2025 status rests on an inferred claim (DATA.md, the audit of issue 14).
    assert!(tentative.contains(&d.city_index("karaganda").unwrap()));
    assert!(!d.is_tentative(d.city_index("almaty").unwrap(), 2019));
    harness.get_by_label(&format!("Sources disagree {disputed}"));
    harness.get_by_label(&format!("Inferred or weak source {}", tentative.len()));
}

/// The map's width as a share of the window's, in the last frame.
fn map_share(harness: &Harness<'_, MemoryMapApp>, window_width: f32) -> f32 {
    harness.state().map_view().frame_rect().width() / window_width
}

#[test]
fn comparing_keeps_the_map_at_least_half_the_window_with_a_city_open_too() {
    for (lang, width) in [
        (memorymap::i18n::Lang::En, 1280.0),
        (memorymap::i18n::Lang::Ru, 1024.0),
    ] {
        let app = app(Some(2025))
            .with_lang(lang, true)
            .with_compare(Some(2019));
        let mut harness = Harness::builder()
            .with_size([width, 700.0])
            .with_theme(egui::Theme::Light)
            .with_max_steps(32)
            .build_ui_state(|ui, app: &mut MemoryMapApp| app.root_ui(ui), app);
        harness.run();
        assert!(
            map_share(&harness, width) >= 0.5,
            "{lang:?} {width}: the map is {:.0}% of the window while comparing",
            100.0 * map_share(&harness, width)
        );
        click_city(&mut harness, "almaty");
        assert!(harness.state().selected().is_some());
        assert!(
            map_share(&harness, width) >= 0.5,
            "{lang:?} {width}: the map is {:.0}% with a city open",
            100.0 * map_share(&harness, width)
        );
    }
}

#[test]
fn comparing_the_side_panel_switches_between_the_comparison_and_the_city() {
    let mut harness = compare_harness(2019, 2025);
    harness.get_by_label_contains("What differs, 2019 → 2025");
    click_city(&mut harness, "almaty");
    // A city clicked while comparing opens in the City tab…
    assert!(harness.query_by_label_contains("What differs").is_none());
    harness.get_by_label(&status_heading(&harness, "almaty", 2025));
    // …and the Comparison tab brings the list back, the city still selected.
    harness
        .get_by_role_and_label(Role::Button, "Comparison")
        .click();
    harness.run();
    harness.get_by_label_contains("What differs, 2019 → 2025");
    assert!(harness.state().selected().is_some());
}

#[test]
fn the_legend_names_the_changes_and_the_halves_while_comparing() {
    let mut harness = compare_harness(2019, 2025);
    let counts = harness.state().comparison().unwrap().counts;
    harness.get_by_label(&format!("Changed {}", counts[0]));
    harness.get_by_label(&format!("Newly reported {}", counts[1]));
    harness.get_by_label("Split marker: 2019 left, 2025 right");
    harness.snapshot("compare_legend_2019_2025");
}

#[test]
fn the_legend_lists_only_the_statuses_the_data_uses_in_some_year() {
    let mut harness = harness(Some(2025));
    // The built-in data uses "Refused" in 2024 only: it stays in 2025's legend, at 0.
    harness.get_by_label("Refused 0");
    open(&mut harness, &fixture("good/minimal.geojson"));
    // minimal.geojson uses "held" and "cancelled" (and has a city without a report).
    harness.get_by_label_contains("Held ");
    harness.get_by_label_contains("Cancelled ");
    harness.get_by_label_contains("No report ");
    for unused in ["Refused", "Nothing planned", "Official events only"] {
        assert!(
            harness.query_by_label_contains(unused).is_none(),
            "{unused} is in the legend of a dataset that never uses it"
        );
    }
}

#[test]
fn sources_disagree_in_the_legend_filters_the_map_to_those_cities() {
    let mut harness = harness(Some(2025));
    let d = harness.state().dataset().clone();
    let disputed: Vec<usize> = (0..d.cities.len())
        .filter(|&i| d.city_year(i, 2025).disputed)
        .collect();
    assert!(!disputed.is_empty());
    let drawn = |h: &Harness<'_, MemoryMapApp>| {
        (0..d.cities.len())
            .filter(|&i| h.state().city_screen_position(i).is_some())
            .collect::<Vec<_>>()
    };
    assert!(drawn(&harness).len() > disputed.len());
    harness
        .get_by_label(&format!("Sources disagree {}", disputed.len()))
        .click();
    harness.run();
    assert_eq!(drawn(&harness), disputed);
    harness
        .get_by_label(&format!("Sources disagree {}", disputed.len()))
        .click();
    harness.run();
    assert!(drawn(&harness).len() > disputed.len());
}

#[test]
fn a_success_message_fades_after_a_few_seconds_and_a_failure_stays() {
    for refuse in [false, true] {
        let sink = TestClipboard {
            got: std::sync::Arc::default(),
            refuse,
        };
        let mut harness = harness_for(app(Some(2025)).with_clipboard(Box::new(sink)));
        click_city(&mut harness, "almaty");
        harness
            .get_by_role_and_label(Role::Button, "Copy citation")
            .click();
        harness.run_steps(2);
        let words = if refuse {
            "Not copied"
        } else {
            "Copied the citation"
        };
        harness.get_by_label_contains(words);
        // A frame is 0.25 s in the harness: 40 frames are 10 s.
        harness.run_steps(40);
        assert_eq!(
            harness.query_by_label_contains(words).is_some(),
            refuse,
            "{words:?} after 10 s"
        );
    }
}

#[test]
fn selecting_a_city_keeps_the_map_width_and_leaving_compare_fits_the_map_again() {
    let mut harness = harness(Some(2025));
    let fitted = harness.state().map_view().view_bounds().unwrap();
    let width = harness.state().map_view().frame_rect().width();
    // The city with the most reports has the longest panel.
    let d = harness.state().dataset().clone();
    let busiest = (0..d.cities.len())
        .max_by_key(|&i| d.cities[i].reports.len())
        .unwrap();
    click_city(&mut harness, &d.cities[busiest].id);
    harness.run();
    assert!(harness.state().selected().is_some());
    let with_city = harness.state().map_view().frame_rect().width();
    assert!(
        (with_city - width).abs() < 1.0,
        "the map is {width} px wide, {with_city} px with a city open"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    // Comparing narrows the map; leaving the comparison gives the whole view back.
    harness
        .state_mut()
        .apply(memorymap::app::Command::SetCompare(Some(2019)));
    harness.run();
    harness
        .state_mut()
        .apply(memorymap::app::Command::SetCompare(None));
    harness.run();
    let after = harness.state().map_view().view_bounds().unwrap();
    let close = fitted.iter().zip(after).all(|(a, b)| (a - b).abs() < 0.05);
    assert!(close, "fitted {fitted:?}, after comparing {after:?}");
}

#[test]
fn no_message_of_the_interface_carries_a_developer_timing() {
    for lang in ["en", "ru", "kk"] {
        let path = format!("{}/assets/lang/{lang}.json", env!("CARGO_MANIFEST_DIR"));
        let words: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (key, text) in words.iter().filter(|(k, _)| k.starts_with("status.")) {
            let text = text.as_str().unwrap();
            assert!(
                !["{ms}", "{elapsed}", "{seconds}", " ms"]
                    .iter()
                    .any(|t| text.contains(t)),
                "{lang} {key}: {text}"
            );
        }
    }
}

#[test]
fn a_message_in_the_top_bar_follows_the_interface_language() {
    let mut harness = harness(Some(2025));
    click_city(&mut harness, "almaty");
    harness
        .get_by_role_and_label(Role::Button, "Copy citation")
        .click();
    harness.run();
    let (ok, english) = harness.state().export_status().unwrap();
    assert!(ok && english.contains("Copied"), "{english}");
    harness
        .state_mut()
        .apply(memorymap::app::Command::SetLang(memorymap::i18n::Lang::Ru));
    harness.run();
    let (_, russian) = harness.state().export_status().unwrap();
    assert_ne!(russian, english);
    harness.get_by_label(&russian);
}

/// Where the widget with keyboard focus is: 0 the top bar, 1 the map, 2 the side panel,
/// 3 under the map (timeline, legend).
fn focused_region(harness: &Harness<'_, MemoryMapApp>) -> Option<u8> {
    let id = harness.ctx.memory(|m| m.focused())?;
    let rect = harness.ctx.read_response(id)?.rect;
    let map = harness.state().map_view().frame_rect();
    let c = rect.center();
    Some(if c.y < map.top() {
        0
    } else if map.shrink(8.0).contains(c) {
        1
    } else if c.x > map.right() {
        2
    } else {
        3
    })
}

#[test]
fn tab_follows_the_reading_order_and_f6_jumps_to_the_map() {
    let mut harness = harness(Some(2025));
    let mut regions = Vec::new();
    for _ in 0..1500 {
        harness.key_press(egui::Key::Tab);
        harness.run();
        if let Some(region) = focused_region(&harness)
            && regions.last() != Some(&region)
        {
            regions.push(region);
        }
        if regions.len() >= 4 {
            break;
        }
    }
    // Top bar, then the map's cities, then the side panel, then under the map.
    assert_eq!(regions, [0, 1, 2, 3], "the regions Tab went through");
    harness.key_press(egui::Key::F6);
    harness.run();
    harness.run();
    assert_eq!(focused_region(&harness), Some(1), "F6 focuses the map");
}

#[test]
fn export_offers_the_city_table_the_compare_table_and_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    // Without Compare the compare table is offered but cannot be chosen.
    let mut harness = harness(Some(2025));
    open_export(&mut harness);
    let off = harness.get_by_label_contains("Table of two years compared");
    assert!(
        egui_kittest::kittest::NodeT::accesskit_node(&off).is_disabled(),
        "offered while not comparing"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    let mut harness = compare_harness(2019, 2025);
    let cities = dir.path().join("cities.csv");
    export_through_the_dialog(&mut harness, "Table of the cities in 2025 (CSV)", &cities);
    let (ok, message) = harness.state().export_status().unwrap();
    assert!(ok, "{message}");
    let text = std::fs::read_to_string(&cities).unwrap();
    let d = harness.state().dataset().clone();
    assert!(text.starts_with("id,name_en,name_in_year,"), "{text}");
    assert_eq!(text.lines().count(), d.cities.len() + 1);
    let compare = dir.path().join("compare.csv");
    export_through_the_dialog(&mut harness, "Table of 2019 against 2025 (CSV)", &compare);
    let text = std::fs::read_to_string(&compare).unwrap();
    assert!(text.starts_with("id,name_from,name_to,"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("astana,Nur-Sultan,Astana,")),
        "{text}"
    );
    let pdf = dir.path().join("map.pdf");
    export_through_the_dialog(
        &mut harness,
        "Figure of the map (PDF, fonts embedded)",
        &pdf,
    );
    let (ok, message) = harness.state().export_status().unwrap();
    assert!(ok, "{message}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn clusters_across_the_antimeridian_hold_every_city_on_both_sides_of_it() {
    let mut dataset = generated(30_000, 5, None);
    // Spread the cities over 165°E…165°W: half of them east of 180°, half west of it.
    let n = dataset.cities.len();
    for (i, city) in dataset.cities.iter_mut().enumerate() {
        let t = i as f64 / n as f64;
        let lon = 165.0 + 30.0 * t;
        city.location.lon = if lon >= 180.0 { lon - 360.0 } else { lon };
        city.location.lat = -30.0 + 40.0 * ((i * 7919) % n) as f64 / n as f64;
    }
    let west_of_180 = dataset
        .cities
        .iter()
        .filter(|c| c.location.lon < 0.0)
        .count();
    assert!(west_of_180 > n / 3, "{west_of_180}");
    let harness = big_harness(dataset);
    let map = harness.state().map_view();
    let [x0, _, x1, _] = map.view_bounds().unwrap();
    assert!(x1 - x0 < 90.0, "fitted across 180°: {x0}…{x1}");
    let clusters = map.clusters();
    assert!(!clusters.is_empty());
    let in_clusters: u32 = clusters.iter().map(|c| c.shown).sum();
    assert_eq!(in_clusters as usize + map.drawn_cities(), n);
    // Both sides of 180° are drawn, in one piece: east of it at longitudes past 180.
    assert!(clusters.iter().any(|c| c.centre[0] < 180.0));
    assert!(clusters.iter().any(|c| c.centre[0] > 180.0));
    let margin = 0.05 * (x1 - x0);
    assert!(
        clusters
            .iter()
            .all(|c| (x0 - margin..=x1 + margin).contains(&c.centre[0]))
    );
}

#[test]
fn region_names_go_where_they_fit_and_cover_no_city_and_no_city_name() {
    let harness = harness(Some(2025));
    let map = harness.state().map_view();
    let names = map.region_names();
    // Kazakhstan's whole map has room for the large oblasts' names.
    assert!(names.len() >= 5, "{names:?}");
    assert!(names.iter().any(|(n, _)| n == "Karaganda"), "{names:?}");
    let dataset = harness.state().dataset();
    let cities: Vec<egui::Pos2> = (0..dataset.cities.len())
        .filter_map(|c| map.screen_position(c))
        .collect();
    assert_eq!(cities.len(), dataset.cities.len());
    for (i, (name, rect)) in names.iter().enumerate() {
        for p in &cities {
            assert!(
                !rect.expand(3.0).contains(*p),
                "{name} covers a city at {p:?}"
            );
        }
        for label in map.city_label_rects() {
            assert!(!rect.intersects(*label), "{name} covers a city's name");
        }
        for (other, r) in &names[i + 1..] {
            assert!(!rect.intersects(*r), "{name} and {other}");
        }
    }
    assert!(!map.city_label_rects().is_empty());
    // The world basemap names regions in English only: a Russian window does not mix
    // them with its Cyrillic city names.
    let russian = lang_harness(memorymap::i18n::Lang::Ru, 2025);
    assert_eq!(russian.state().map_view().region_names(), []);
}

/// A generated dataset of `cities` cities with one report each, 2015–2025.
fn generated(
    cities: usize,
    seed: u64,
    land: Option<fn(f64, f64) -> bool>,
) -> memorymap::model::Dataset {
    use memorymap::model::generate::{GenSpec, write_dataset};
    let mut bytes = Vec::new();
    write_dataset(
        GenSpec {
            cities,
            reports_per_city: 1,
            first_year: 2015,
            last_year: 2025,
            seed,
        },
        &mut bytes,
    )
    .unwrap();
    memorymap::model::load_bytes(
        "big.geojson",
        &bytes,
        memorymap::model::LoadOptions {
            land,
            ..Default::default()
        },
    )
    .unwrap()
    .dataset
}

/// The window on a large dataset at 2015, run until it settles.
fn big_harness(dataset: memorymap::model::Dataset) -> Harness<'static, MemoryMapApp> {
    let basemap = Basemap::builtin().unwrap();
    let app = MemoryMapApp::new(dataset, "big.geojson".into(), &basemap, Some(2015), None);
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(32)
        .build_ui_state(|ui, app: &mut MemoryMapApp| app.root_ui(ui), app);
    harness.run();
    harness
}

/// The triangles one frame asks the renderer for, and the pixels they cover (at most
/// what of each one's box lies in its clip rectangle), in windows of 1280 × 800.
fn renderer_load(app: &mut MemoryMapApp) -> (usize, f64) {
    let ctx = egui::Context::default();
    ctx.set_theme(egui::Theme::Light);
    memorymap::app::install_fonts(&ctx);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let input = || egui::RawInput {
        screen_rect: Some(screen),
        ..Default::default()
    };
    let mut primitives = Vec::new();
    for _ in 0..5 {
        let out = ctx.run_ui(input(), |ui| app.root_ui(ui));
        primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    let (mut triangles, mut area) = (0, 0.0_f64);
    for primitive in &primitives {
        let egui::epaint::Primitive::Mesh(mesh) = &primitive.primitive else {
            continue;
        };
        for t in mesh.indices.chunks_exact(3) {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| mesh.vertices[i as usize].pos);
            let own = ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0;
            let visible = egui::Rect::from_points(&[a, b, c]).intersect(primitive.clip_rect);
            if visible.is_positive() {
                area += f64::from(own.min(visible.area()));
            }
            triangles += 1;
        }
    }
    (triangles, area / f64::from(screen.area()))
}

#[test]
fn a_frame_of_the_map_asks_a_software_renderer_for_little() {
    // llvmpipe pays ~1 µs a small triangle and ~25 ms a window of pixels covered
    // (docs/BENCHMARKS.md). The basemap as triangles and panels painted over each other
    // were 42,106 triangles covering 2.4 windows; as one texture, with the panels left
    // to the clear colour, about 12,400 covering 0.73.
    let mut window = app(Some(2025)).on_clear_background();
    let (triangles, windows) = renderer_load(&mut window);
    // The numbers docs/BENCHMARKS.md quotes (`-- --nocapture`).
    eprintln!("one frame: {triangles} triangles covering {windows:.2} windows of pixels");
    assert!(triangles < 20_000, "{triangles} triangles");
    assert!(windows < 1.0, "{windows:.2} windows of pixels");
    // Without a clear colour (tests, offscreen renders) the app paints the background.
    let (_, painted) = renderer_load(&mut app(Some(2025)));
    assert!(painted > windows + 0.9, "{painted:.2} vs {windows:.2}");
}
