//! The example datasets far from Kazakhstan (data/examples/), opened in the window as a
//! researcher would: every city on screen after opening and after Reset view, no per-city
//! warnings, the legend in the dataset's own words, a long span of years on one row, a
//! city's panel beside the map, and every script drawn (kittest fails on a missing glyph).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use memorymap::MemoryMapApp;
use memorymap::cli::load_dataset;
use memorymap::command::Command;

use crate::ui::click_at;
use memorymap::geography::Basemap;
use memorymap::i18n::Lang;

pub(crate) fn example(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/examples")
        .join(name)
}

fn examples() -> Vec<std::path::PathBuf> {
    let mut all: Vec<_> = std::fs::read_dir(example(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "geojson"))
        .collect();
    all.sort();
    assert!(all.len() >= 4, "{all:?}");
    all
}

fn open(path: &std::path::Path, size: [f32; 2]) -> Harness<'static, MemoryMapApp> {
    let basemap = Basemap::builtin().unwrap();
    let loaded = load_dataset(Some(path)).unwrap();
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{}: {warnings:?}", path.display());
    let name = path.display().to_string();
    let app = MemoryMapApp::new(loaded.dataset, name, &basemap, None, None);
    let mut harness = Harness::builder()
        .with_size(size)
        .with_theme(egui::Theme::Light)
        .with_max_steps(32)
        .build_ui_state(|ui, app: &mut MemoryMapApp| app.root_ui(ui), app);
    harness.run();
    harness
}

/// 30 wheel bursts out over the map, then the frames they take.
fn wheel_far_out(harness: &mut Harness<'_, MemoryMapApp>) {
    harness.hover_at(egui::pos2(400.0, 400.0));
    for _ in 0..30 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, -3.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
    }
    harness.run();
}

fn on_screen(harness: &Harness<'_, MemoryMapApp>) -> usize {
    harness.state().view_state().screen.cities.len()
}

#[test]
fn every_city_of_every_example_is_on_screen_after_opening_and_after_reset_view() {
    for path in examples() {
        for size in [[1280.0, 800.0], [1024.0, 640.0]] {
            let mut harness = open(&path, size);
            let cities = harness.state().dataset().cities.len();
            assert_eq!(
                on_screen(&harness),
                cities,
                "{} at {size:?}",
                path.display()
            );
            // Away and back: the wheel far out, then Home.
            wheel_far_out(&mut harness);
            harness.key_press(egui::Key::Home);
            harness.run();
            assert_eq!(on_screen(&harness), cities, "{} after Home", path.display());
        }
    }
}

#[test]
fn the_legend_speaks_the_dataset_s_own_statuses_with_their_counts() {
    let mut harness = open(&example("memorials.geojson"), [1280.0, 800.0]);
    let d = harness.state().dataset().clone();
    let v = d.vocabulary();
    assert!(!v.is_builtin());
    let year = *d.years().end();
    let counts = d.counts(year);
    let tr = Lang::En.tr();
    for status in v.legend() {
        let label = format!("{} {}", tr.status(v, status), counts[status.index()]);
        harness.get_by_label(&label);
    }
    // The built-in words are nowhere in it.
    assert!(harness.query_by_label_contains("Held, renamed").is_none());
    // In Russian the dataset's Russian labels are used, English where it has none.
    harness.state_mut().apply(Command::SetLang(Lang::Ru));
    harness.run();
    harness.get_by_label(&format!(
        "Снесён {}",
        counts[v.find("removed").unwrap().index()]
    ));
    harness.get_by_label(&format!(
        "Vandalised, ceremony cancelled {}",
        counts[v.find("vandalised").unwrap().index()]
    ));
}

#[test]
fn sixty_five_years_fit_on_one_row_and_a_click_on_the_strip_picks_a_year() {
    let mut harness = open(&example("memorials.geojson"), [1280.0, 800.0]);
    let state = harness.state().view_state();
    assert_eq!(state.screen.year_buttons.len(), 65);
    let rows: std::collections::BTreeSet<i64> = state
        .screen
        .year_buttons
        .values()
        .map(|[_, y]| y.round() as i64)
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let [x, y] = state.screen.year_buttons["1990"];
    let pos = egui::pos2(x, y);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().view_state().year, 1990);
}

#[test]
fn a_city_of_a_long_span_opens_its_panel_beside_the_map_with_names_in_their_scripts() {
    for (file, id, names) in [
        (
            "memorials.geojson",
            "tbilisi",
            &["Georgian", "თბილისი", "Тбилиси"][..],
        ),
        ("memorials.geojson", "beijing", &["Chinese", "北京"][..]),
        ("memorials.geojson", "cairo", &["Arabic", "القاهرة"][..]),
        ("south-america.geojson", "mendoza", &["Mendoza"][..]),
    ] {
        let mut harness = open(&example(file), [1280.0, 800.0]);
        let index = harness.state().dataset().city_index(id).unwrap();
        let pos = harness.state().city_screen_position(index).unwrap();
        click_at(&mut harness, pos);
        assert_eq!(harness.state().view_state().selected.as_deref(), Some(id));
        for name in names {
            assert!(
                harness.query_all_by_label(name).next().is_some(),
                "{file} {id}: {name} is not in the panel"
            );
        }
        harness.get_by_label("History");
        // The map keeps most of the window and every city.
        let cities = harness.state().dataset().cities.len();
        assert_eq!(on_screen(&harness), cities, "{file} {id}");
        let panel = harness.get_by_label("History").rect();
        assert!(
            panel.left() > 640.0,
            "{file}: the panel starts at {}",
            panel.left()
        );
    }
}

#[test]
fn a_former_name_is_shown_for_the_years_it_was_used() {
    let mut harness = open(&example("memorials.geojson"), [1280.0, 800.0]);
    harness.state_mut().apply(Command::SetYear(1990));
    harness.run();
    // The map's marker is named for screen readers with the name of that year.
    assert!(harness.query_by_label_contains("Bombay, 1990").is_some());
    harness.state_mut().apply(Command::SetYear(2000));
    harness.run();
    assert!(harness.query_by_label_contains("Bombay").is_none());
    assert!(harness.query_by_label_contains("Mumbai, 2000").is_some());
}

#[test]
fn a_city_s_panel_shows_its_own_country_s_statements_not_its_neighbours() {
    let mut harness = open(&example("central-asia.geojson"), [1280.0, 800.0]);
    harness.state_mut().apply(Command::SetYear(2020));
    harness.run();
    let d = harness.state().dataset().clone();
    let summary = |id: &str| {
        let entry = d.timeline.iter().find(|t| t.id == id).unwrap();
        entry.summary.clone()
    };
    let (kyrgyz, uzbek) = (summary("kg-2020"), summary("uz-2015-2025"));
    for (city, shown, hidden) in [("bishkek", &kyrgyz, &uzbek), ("tashkent", &uzbek, &kyrgyz)] {
        let index = d.city_index(city).unwrap();
        harness.state_mut().apply(Command::Select(Some(index)));
        harness.run();
        assert!(harness.query_by_label(shown).is_some(), "{city}: {shown}");
        assert!(harness.query_by_label(hidden).is_none(), "{city}: {hidden}");
    }
}

#[test]
fn a_dataset_s_own_boundaries_are_drawn_for_the_years_they_held() {
    let mut harness = open(&example("east-kazakhstan.geojson"), [1280.0, 800.0]);
    let boundaries = harness.state().dataset().info.boundaries.clone().unwrap();
    assert_eq!(boundaries.regions.len(), 3);
    // Until 2021 one oblast; from 2022 East Kazakhstan and Abai.
    harness.state_mut().apply(Command::SetYear(2019));
    harness.run();
    assert_eq!(harness.state().map_view().boundaries_drawn(), 1);
    let names = |harness: &Harness<'_, MemoryMapApp>| -> Vec<String> {
        let mut names: Vec<String> = harness
            .state()
            .map_view()
            .region_names()
            .iter()
            .map(|(name, _)| name.clone())
            .collect();
        names.sort();
        names
    };
    // Each region's own name, for the year shown.
    assert_eq!(names(&harness), ["East Kazakhstan Region"]);
    harness.state_mut().apply(Command::SetYear(2023));
    harness.run();
    assert_eq!(harness.state().map_view().boundaries_drawn(), 2);
    // Two smaller regions: their names fit once the map is zoomed in on them.
    assert!(names(&harness).len() <= 2);
    let ayagoz = harness.state().dataset().city_index("ayagoz").unwrap();
    let at = harness.state().city_screen_position(ayagoz).unwrap();
    harness.hover_at(at);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 300.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    assert_eq!(names(&harness), ["Abai Region", "East Kazakhstan Region"]);
    // The dataset draws its own regions: the note about the world basemap's Kazakh region
    // lines does not apply.
    assert!(
        harness
            .query_all_by_label_contains("region lines predate")
            .next()
            .is_none()
    );
}

#[test]
fn the_kazakh_region_note_shows_without_boundaries_of_the_dataset_s_own() {
    let basemap = Basemap::builtin().unwrap();
    let dataset = load_dataset(None).unwrap().dataset;
    let app = MemoryMapApp::new(dataset, "built-in dataset".into(), &basemap, None, None);
    let harness = crate::ui::harness_for(app);
    assert_eq!(harness.state().map_view().boundaries_drawn(), 0);
    assert!(
        harness
            .query_all_by_label_contains("region lines predate")
            .next()
            .is_some()
    );
}

#[test]
fn a_dataset_across_the_pacific_opens_on_a_fit_across_180_degrees() {
    let mut harness = open(&example("pacific.geojson"), [1280.0, 800.0]);
    let cities = harness.state().dataset().cities.len();
    let view = |h: &Harness<'_, MemoryMapApp>| h.state().map_view().view_bounds().unwrap();
    let [x0, _, x1, _] = view(&harness);
    // Not nearly the whole world (Hiroshima to Anchorage the other way round is 280°
    // of longitude): the Pacific, across the antimeridian.
    assert!(x1 - x0 < 230.0, "{x0}..{x1}");
    let across = |x0: f64, x1: f64| (x0..=x1).contains(&180.0) || (x0..=x1).contains(&-180.0);
    assert!(across(x0, x1), "{x0}..{x1} does not cross 180°");
    assert_eq!(on_screen(&harness), cities);
    // Far out with the wheel: never past the poles; Home brings the fit back.
    wheel_far_out(&mut harness);
    let [_, y0, _, y1] = view(&harness);
    assert!(y0 >= -90.0 - 1e-6 && y1 <= 90.0 + 1e-6, "{y0}..{y1}");
    harness.key_press(egui::Key::Home);
    harness.run();
    let [x0, _, x1, _] = view(&harness);
    assert!(x1 - x0 < 230.0 && across(x0, x1), "after Home: {x0}..{x1}");
    assert_eq!(on_screen(&harness), cities, "after Home");
}
