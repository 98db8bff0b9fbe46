#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::model::{LoadOptions, load_bytes};

use crate::model::builtin::test_dataset as builtin;

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}"))
}

fn by_id<'a>(doc: &'a roxmltree::Document<'a>, id: &str) -> Option<roxmltree::Node<'a, 'a>> {
    doc.descendants().find(|n| n.attribute("id") == Some(id))
}

fn text_of(node: roxmltree::Node<'_, '_>, class: &str) -> Option<String> {
    node.descendants()
        .find(|n| n.attribute("class") == Some(class))
        .and_then(|n| n.text())
        .map(str::to_owned)
}

/// A small dataset in Kazakhstan with the given `statuses` declaration (JSON, or empty
/// for the built-in vocabulary) and cities `(id, English name, lon, lat, status)`.
fn small_dataset(statuses: &str, cities: &[(&str, &str, f64, f64, &str)]) -> Dataset {
    let statuses = if statuses.is_empty() {
        String::new()
    } else {
        format!(",\n\"statuses\": {statuses}")
    };
    let features: Vec<String> = cities
        .iter()
        .map(|(id, name, lon, lat, status)| {
            let name = serde_json::to_string(name).unwrap();
            format!(
                r#"{{"type": "Feature", "id": "{id}",
                  "geometry": {{"type": "Point", "coordinates": [{lon}, {lat}]}},
                  "properties": {{"names": {{"en": {name}}}, "region": "R", "population": 500000,
                    "reports": [{{"id": "{id}-r", "year": 2024, "date": "2024-05-09",
                      "timing": "day", "status": "{status}", "summary": "Said so.",
                      "source": "s"}}]}}}}"#
            )
        })
        .collect();
    let json = format!(
        r#"{{"type": "FeatureCollection",
          "memorymap": {{"schema_version": 1,
            "dataset": {{"id": "small", "title": "Small", "version": "1", "first_year": 2023,
              "last_year": 2024, "event_day": "05-09"{statuses}}},
            "sources": [{{"id": "s", "title": "T", "publisher": "P", "url": "https://example.org/",
              "published": "2024-05-09", "language": "en"}}]}},
          "features": [{}]}}"#,
        features.join(",")
    );
    load_bytes("small.geojson", json.as_bytes(), LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .dataset
}

/// Every label is inside its frame, clear of every other label, of every marker but
/// its own city's, and of the legend and callout.
/// A dataset of `data/examples/`.
fn example(name: &str) -> Dataset {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/examples")
        .join(name);
    crate::model::load_path(&path, LoadOptions::default())
        .unwrap()
        .dataset
}

/// The figure of the dataset's last year, checked to show every city inside its map.
fn last_year_with_every_city_in_view(dataset: &Dataset) -> Scene {
    let scene = build(dataset, &FigureOptions::new(*dataset.years().end()));
    let map = &scene.maps[0];
    assert_eq!(map.markers.len(), dataset.cities.len());
    for m in &map.markers {
        assert!(map.frame.contains_point(m.center), "{}", m.tooltip);
    }
    scene
}

fn assert_labels_clear(scene: &Scene) {
    let boxes: Vec<Rect> = scene
        .legend
        .iter()
        .map(|l| l.frame)
        .chain(scene.callout.iter().map(|c| c.frame))
        .collect();
    for map in &scene.maps {
        for (i, a) in map.labels.iter().enumerate() {
            assert!(map.frame.contains(&a.rect), "{} is cut at the edge", a.text);
            for b in &map.labels[i + 1..] {
                assert!(
                    !a.rect.intersects(&b.rect),
                    "{} overlaps {}",
                    a.text,
                    b.text
                );
            }
            for m in map.markers.iter().filter(|m| m.city != Some(a.city)) {
                let r = Rect::around(m.center, m.radius, m.radius);
                assert!(!a.rect.intersects(&r), "{} covers {:?}", a.text, m.tooltip);
            }
            for b in &boxes {
                assert!(!a.rect.intersects(b), "{} is under a box", a.text);
            }
        }
        for b in &boxes {
            for m in &map.markers {
                let r = Rect::around(m.center, m.radius, m.radius);
                assert!(!b.intersects(&r), "a box covers {}", m.tooltip);
            }
        }
    }
}

#[test]
fn the_2025_svg_is_xml_with_every_reported_city_and_the_years_counts() {
    let dataset = builtin();
    let scene = build(&dataset, &FigureOptions::new(2025));
    let svg = to_svg(&scene);
    let doc = parse(&svg);
    assert_eq!(doc.root_element().attribute("version"), Some("1.1"));
    assert_eq!(doc.root_element().attribute("width"), Some("1200"));
    let mut reported = 0;
    for (i, city) in dataset.cities.iter().enumerate() {
        let status = dataset.city_year(i, 2025).status;
        let marker = by_id(&doc, &format!("city-{}", city.id));
        assert!(marker.is_some(), "{} has no marker", city.id);
        if !status.is_no_report() {
            reported += 1;
            let colour = dataset.vocabulary().colour(status).hex();
            assert!(
                marker
                    .unwrap()
                    .descendants()
                    .any(|n| n.attribute("fill") == Some(colour.as_str())
                        || n.attribute("stroke") == Some(colour.as_str())),
                "{} is not drawn in {colour}",
                city.id
            );
        }
    }
    let counts = dataset.counts(2025);
    assert_eq!(
        reported,
        dataset.cities.len() - counts[Status::NO_REPORT.index()]
    );
    assert!(reported > 0);
    let vocabulary = dataset.vocabulary();
    for status in vocabulary.legend() {
        let entry = by_id(&doc, &format!("legend-{}", vocabulary.id(status)));
        let n = counts[status.index()];
        if n == 0 && !status.is_no_report() {
            assert!(
                entry.is_none(),
                "{} has no city but is in the legend",
                vocabulary.id(status)
            );
            continue;
        }
        let entry =
            entry.unwrap_or_else(|| panic!("{} is not in the legend", vocabulary.id(status)));
        assert_eq!(text_of(entry, "legend-count"), Some(n.to_string()));
        assert_eq!(
            text_of(entry, "legend-label").as_deref(),
            Some(Lang::En.tr().status(vocabulary, status))
        );
    }
    assert!(svg.contains("Natural Earth"));
    assert!(svg.contains(&dataset.info.version));
    assert!(!svg.contains("Drag to pan"), "no window hints in a figure");
}

#[test]
fn labels_never_overlap_and_the_legend_covers_no_city() {
    let dataset = builtin();
    let mut opts = FigureOptions::new(2025);
    let scene = build(&dataset, &opts);
    assert!(
        scene.maps[0].labels.len() >= 12,
        "{:?}",
        scene.maps[0].labels.len()
    );
    assert_labels_clear(&scene);
    for (size, year) in [((800, 800), 2019), ((600, 900), 2020), ((1600, 500), 2015)] {
        opts.size = size;
        opts.year = year;
        opts.highlight = dataset.find_city("Astana");
        let scene = build(&dataset, &opts);
        assert_labels_clear(&scene);
        let astana = opts.highlight.unwrap();
        assert!(
            scene.maps[0].labels.iter().any(|l| l.city == astana),
            "{size:?}"
        );
    }
    let grid = build_grid(&dataset, 2015..=2025, &FigureOptions::new(2025));
    assert_labels_clear(&grid);
}

#[test]
fn every_marker_of_a_dataset_far_away_is_in_view() {
    let dataset = example("south-america.geojson");
    let scene = last_year_with_every_city_in_view(&dataset);
    let map = &scene.maps[0];
    assert!(map.basemap.areas.iter().any(|a| a.kind == AreaKind::Land));
    assert_labels_clear(&scene);
}

#[test]
fn a_dataset_around_the_pacific_is_drawn_across_180_degrees_with_land_on_both_sides() {
    let dataset = example("pacific.geojson");
    let scene = last_year_with_every_city_in_view(&dataset);
    let map = &scene.maps[0];
    // Tokyo (140°E) west of Honolulu (158°W), as on a map of the Pacific, not the
    // world's width apart.
    let x = |name: &str| {
        map.markers
            .iter()
            .find(|m| m.tooltip.starts_with(name))
            .unwrap()
            .center
            .x
    };
    assert!(x("Tokyo") < x("Honolulu"));
    assert!(x("Honolulu") - x("Tokyo") < 0.8 * map.frame.w);
    // Land is drawn in the frame's left part (Asia) and its right part (America).
    let third = map.frame.w / 3.0;
    let has_land = |from: f32, to: f32| {
        map.basemap.areas.iter().any(|a| {
            a.fill.is_some()
                && a.kind != AreaKind::Water
                && a.rings
                    .iter()
                    .flatten()
                    .any(|p| (from..to).contains(&p.x) && (0.0..map.frame.h).contains(&p.y))
        })
    };
    assert!(has_land(0.0, third) && has_land(2.0 * third, map.frame.w));
    // Russia is cut at 180° in Natural Earth: no outline runs along the cut.
    let x180 =
        ((180.0 - map.view.min_lon) / (map.view.max_lon - map.view.min_lon)) as f32 * map.frame.w;
    let along_the_cut = |a: &Point, b: &Point| {
        (a.x - x180).abs() < 1.0 && (b.x - x180).abs() < 1.0 && (a.y - b.y).abs() > 2.0
    };
    let stroked = map.basemap.areas.iter().filter(|a| a.stroke.is_some());
    for area in stroked {
        for ring in &area.rings {
            let closing = [ring[ring.len() - 1], ring[0]];
            assert!(
                !ring
                    .windows(2)
                    .chain(std::iter::once(&closing[..]))
                    .any(|w| along_the_cut(&w[0], &w[1])),
                "{:?} outlines the cut at 180°",
                area.kind
            );
        }
        for line in &area.lines {
            assert!(!line.windows(2).any(|w| along_the_cut(&w[0], &w[1])));
        }
    }
    assert!(map.basemap.areas.iter().any(|a| !a.lines.is_empty()));
    assert_labels_clear(&scene);
}

#[test]
fn markup_in_a_name_is_escaped() {
    let dataset = small_dataset(
        "",
        &[
            ("evil", "<script>&\"'", 71.4, 51.2, "held"),
            ("other", "Other", 76.9, 43.2, "refused"),
        ],
    );
    let scene = build(&dataset, &FigureOptions::new(2024));
    let svg = to_svg(&scene);
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;&amp;&quot;&apos;"));
    let doc = parse(&svg);
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"<script>&\"'"), "{texts:?}");
    let title = by_id(&doc, "city-evil").and_then(|n| n.first_element_child());
    assert_eq!(
        title.and_then(|t| t.text()),
        Some("<script>&\"', 2024: Held")
    );
}

#[test]
fn a_dataset_with_its_own_statuses_is_drawn_in_its_colours_and_words() {
    let statuses = r##"[
        {"id": "standing", "outcome": "took_place", "label": {"en": "Standing", "ru": "Стоит"},
         "colour": "#123456", "shape": "square"},
        {"id": "removed", "outcome": "not_held", "label": "Removed", "colour": "#ABCDEF"},
        {"id": "unused", "outcome": "announced", "colour": "#FEDCBA"}
    ]"##;
    let dataset = small_dataset(
        statuses,
        &[
            ("a", "Astana", 71.4, 51.2, "standing"),
            ("b", "Almaty", 76.9, 43.2, "removed"),
            ("c", "Aktobe", 57.2, 50.3, "removed"),
        ],
    );
    let mut opts = FigureOptions::new(2024);
    opts.lang = Lang::Ru;
    let scene = build(&dataset, &opts);
    let legend = scene.legend.as_ref().unwrap();
    let entries: Vec<(&str, Option<usize>)> = legend
        .entries
        .iter()
        .map(|e| (e.label.text.as_str(), e.count))
        .collect();
    assert_eq!(
        entries,
        [
            ("Стоит", Some(1)),
            ("Removed", Some(2)),
            (Lang::Ru.tr().get("status.no_report"), Some(0))
        ]
    );
    let svg = to_svg(&scene);
    let doc = parse(&svg);
    let drawn_in = |id: &str, colour: &str| {
        by_id(&doc, id).is_some_and(|g| {
            g.descendants().any(|n| {
                n.attribute("fill") == Some(colour) || n.attribute("stroke") == Some(colour)
            })
        })
    };
    assert!(drawn_in("city-a", "#123456"));
    assert!(drawn_in("city-b", "#ABCDEF"));
    assert!(drawn_in("legend-standing", "#123456"));
    assert!(!drawn_in("city-a", "#ABCDEF"));
    assert!(
        !svg.contains("#FEDCBA"),
        "a status with no city stays out of the legend"
    );
    let marker = scene.maps[0]
        .markers
        .iter()
        .find(|m| m.city == Some(0))
        .unwrap();
    assert_eq!(marker.shape, MarkerShape::Square);
}

#[test]
fn small_multiples_have_one_map_per_year_one_basemap_and_one_legend() {
    let dataset = builtin();
    let scene = build_grid(&dataset, 2015..=2025, &FigureOptions::new(2025));
    assert_eq!(scene.maps.len(), 11);
    for (map, year) in scene.maps.iter().zip(2015..) {
        assert_eq!(
            map.heading.as_ref().map(|h| h.text.clone()),
            Some(year.to_string())
        );
        assert_eq!(map.markers.len(), dataset.cities.len());
        for m in &map.markers {
            let city = m.city.unwrap();
            assert_eq!(m.status, dataset.city_year(city, year).status);
        }
        for other in &scene.maps {
            if !std::ptr::eq(map, other) {
                assert!(!map.frame.intersects(&other.frame));
            }
        }
        assert!(!scene.legend.as_ref().unwrap().frame.intersects(&map.frame));
    }
    assert!(
        scene
            .legend
            .as_ref()
            .unwrap()
            .entries
            .iter()
            .all(|e| e.count.is_none())
    );
    assert_eq!(
        scene.subtitle.as_ref().map(|s| s.text.as_str()),
        Some("2015–2025")
    );
    let svg = to_svg(&scene);
    parse(&svg);
    assert_eq!(svg.matches("<g id=\"basemap-").count(), 1);
    assert_eq!(svg.matches("xlink:href=\"#basemap-0\"").count(), 11);
}

#[test]
fn a_comparison_says_both_years_and_fades_what_did_not_change() {
    let dataset = builtin();
    let mut opts = FigureOptions::new(2025);
    opts.compare = Some(2019);
    let scene = build(&dataset, &opts);
    assert_eq!(
        scene.subtitle.as_ref().map(|s| s.text.as_str()),
        Some("2019 → 2025")
    );
    let markers = &scene.maps[0].markers;
    for m in markers {
        let change =
            crate::model::compare::CityChange::new(&dataset, m.city.unwrap(), 2019, 2025).change;
        let quiet = matches!(change, Change::Unchanged | Change::NeverReported);
        assert_eq!(m.faded, quiet, "{}", m.tooltip);
        assert_eq!(m.change.is_some(), !quiet, "{}", m.tooltip);
    }
    assert!(markers.iter().any(|m| m.change.is_some()));
}

#[test]
fn the_highlighted_city_has_a_callout_with_its_deciding_source() {
    let dataset = builtin();
    let almaty = dataset.find_city("almaty").unwrap();
    let mut opts = FigureOptions::new(2025);
    opts.highlight = Some(almaty);
    let scene = build(&dataset, &opts);
    let callout = scene.callout.as_ref().unwrap();
    let cell = dataset.city_year(almaty, 2025);
    let report = &dataset.cities[almaty].reports[cell.deciding.unwrap()];
    let source = &dataset.sources[report.source];
    let lines: Vec<&str> = callout.lines.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(lines[0], "Almaty");
    let joined = lines.join(" ");
    assert!(joined.contains(&source.publisher), "{lines:?}");
    assert!(joined.contains(&source.published.to_string()), "{lines:?}");
    assert!(joined.contains(Lang::En.tr().status(dataset.vocabulary(), cell.status)));
    let marker = scene.maps[0].markers.last().unwrap();
    assert!(
        marker.highlighted && marker.city == Some(almaty),
        "drawn last, on top"
    );
    assert!(scene.maps[0].labels.iter().any(|l| l.city == almaty));
    assert_labels_clear(&scene);
}

#[test]
fn a_large_dataset_is_drawn_as_cells_and_its_svg_stays_small() {
    use crate::model::generate::{GenSpec, write_dataset};
    let mut bytes = Vec::new();
    let spec = GenSpec {
        cities: 20_000,
        reports_per_city: 1,
        first_year: 2024,
        last_year: 2025,
        seed: 7,
    };
    write_dataset(spec, &mut bytes).unwrap();
    let dataset = load_bytes("large.geojson", &bytes, LoadOptions::default())
        .unwrap()
        .dataset;
    let scene = build(&dataset, &FigureOptions::new(2025));
    let map = &scene.maps[0];
    assert!(map.clustered);
    assert!(
        map.markers.len() < dataset.cities.len() / 2,
        "{}",
        map.markers.len()
    );
    let shown: usize = map.markers.iter().map(|m| m.cities).sum();
    assert_eq!(shown, dataset.cities.len());
    let svg = to_svg(&scene);
    assert!(svg.len() < 4 << 20, "{} bytes", svg.len());
    parse(&svg);
    // The legend still counts every city.
    let legend: usize = scene
        .legend
        .as_ref()
        .unwrap()
        .entries
        .iter()
        .filter(|e| e.status.is_some())
        .filter_map(|e| e.count)
        .sum();
    assert_eq!(legend, dataset.cities.len());
}

#[test]
fn odd_inputs_make_a_figure_not_a_panic() {
    let dataset = small_dataset("", &[("a", "A", 71.4, 51.2, "held")]);
    for size in [(0, 0), (1, 100_000), (100_000, 1)] {
        let mut opts = FigureOptions::new(1900);
        opts.size = size;
        opts.highlight = Some(99);
        opts.view = Some(LonLatBounds {
            min_lon: f64::NAN,
            min_lat: 0.0,
            max_lon: 1.0,
            max_lat: 1.0,
        });
        let scene = build(&dataset, &opts);
        parse(&to_svg(&scene));
        // Years the dataset does not have, the wrong way round: its own years instead.
        #[allow(clippy::reversed_empty_ranges)]
        let years = 3000..=2000;
        parse(&to_svg(&build_grid(&dataset, years, &opts)));
    }
}

#[cfg(feature = "figure")]
#[test]
fn the_png_has_the_size_asked_for_and_a_city_in_its_status_colour() {
    use resvg::tiny_skia::Pixmap;
    let dataset = builtin();
    let scene = build(&dataset, &FigureOptions::new(2025));
    let png = to_png(&scene, 1.0).unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (1200, 800));
    let almaty = dataset.find_city("almaty").unwrap();
    let marker = scene.maps[0]
        .markers
        .iter()
        .find(|m| m.city == Some(almaty))
        .unwrap();
    let status = dataset.city_year(almaty, 2025).status;
    assert_eq!(marker.fill, dataset.vocabulary().colour(status));
    assert!(
        matches!(
            marker.shape,
            MarkerShape::Circle | MarkerShape::Diamond | MarkerShape::Square
        ),
        "a filled shape, so its centre is its colour: {:?}",
        marker.shape
    );
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let pixel = pixmap
        .pixel(
            marker.center.x.round() as u32,
            marker.center.y.round() as u32,
        )
        .unwrap()
        .demultiply();
    let [r, g, b] = marker.fill.0;
    let near = |a: u8, b: u8| a.abs_diff(b) <= 3;
    assert!(
        near(pixel.red(), r) && near(pixel.green(), g) && near(pixel.blue(), b),
        "Almaty is {pixel:?}, not {}",
        marker.fill.hex()
    );
    let twice = Pixmap::decode_png(&to_png(&scene, 2.0).unwrap()).unwrap();
    assert_eq!((twice.width(), twice.height()), (2400, 1600));
    for scale in [0.0, -1.0, f32::NAN, f32::INFINITY, 100.0] {
        assert!(
            matches!(to_png(&scene, scale), Err(FigureError::Size { .. })),
            "{scale}"
        );
    }
}

#[test]
fn a_tentative_status_has_its_dashed_ring_and_its_legend_entry() {
    let dataset = builtin();
    for year in dataset.years() {
        let scene = build(&dataset, &FigureOptions::new(year));
        let svg = to_svg(&scene);
        let doc = parse(&svg);
        let tentative: Vec<usize> = (0..dataset.cities.len())
            .filter(|&c| dataset.is_tentative(c, year))
            .collect();
        for (i, city) in dataset.cities.iter().enumerate() {
            let marker = by_id(&doc, &format!("city-{}", city.id)).unwrap();
            let ringed = marker
                .descendants()
                .any(|n| n.attribute("class") == Some("tentative"));
            assert_eq!(ringed, tentative.contains(&i), "{} in {year}", city.id);
        }
        let legend = scene.legend.as_ref().unwrap();
        let entry = legend.entries.iter().find(|e| e.key == "tentative");
        match entry {
            Some(entry) => assert_eq!(entry.count, Some(tentative.len()), "{year}"),
            None => assert!(tentative.is_empty(), "{year}: no legend entry"),
        }
    }
    // The built-in data has such a city somewhere, or the test proves nothing.
    assert!(
        dataset
            .years()
            .any(|y| (0..dataset.cities.len()).any(|c| dataset.is_tentative(c, y)))
    );
    // The page carries the flag and the legend line for its own counts.
    let page = to_html(
        &dataset,
        &HtmlOptions {
            lang: crate::i18n::Lang::En,
            year: Some(2025),
            title: None,
            data_label: "built-in".into(),
        },
    )
    .unwrap();
    assert!(page.contains("data-status=\"tentative\""));
    assert!(page.contains("\"tentative\":true"));
}

#[test]
fn the_dataset_s_own_boundaries_of_the_year_replace_the_world_s_regions() {
    let dataset = example("east-kazakhstan.geojson");
    assert!(dataset.info.boundaries.is_some());
    let own_regions = |year: i32| {
        let scene = build(&dataset, &FigureOptions::new(year));
        let areas = &scene.maps[0].basemap.areas;
        let regions: Vec<_> = areas
            .iter()
            .filter(|a| a.kind == AreaKind::Region)
            .collect();
        assert!(
            regions
                .iter()
                .all(|a| a.stroke.unwrap().colour == geo::OWN_REGION)
        );
        regions.len()
    };
    // One East Kazakhstan region until 2021; East Kazakhstan and Abai from 2022.
    assert_eq!(own_regions(2021), 1);
    assert_eq!(own_regions(2022), 2);
}
