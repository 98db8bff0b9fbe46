//! The page: what it asks of the network (nothing), what hostile data can do to it
//! (nothing), what its data reads back as, its size and time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::model::builtin::{BUILTIN_DATA, builtin_data_sha256};
use crate::model::{LoadOptions, load_bytes};

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";
const THREE_MB: usize = 3 * 1024 * 1024;

use crate::model::builtin::test_dataset as builtin;

fn memorials() -> Dataset {
    let bytes = include_bytes!("../../../data/examples/memorials.geojson");
    load_bytes("memorials.geojson", bytes, LoadOptions::default())
        .unwrap()
        .dataset
}

/// The built-in data with markup for a name, in every summary and as a link.
fn hostile() -> Dataset {
    let json = BUILTIN_DATA
        .replacen(
            "\"en\": \"Almaty\"",
            r#""en": "</script><script>alert(1)</script>""#,
            1,
        )
        .replace(
            "\"summary\": \"",
            r#""summary": "<img src=x onerror=alert(2)> <!--<script> \u2028 & "#,
        )
        .replace("\"url\": \"https://", "\"url\": \"javascript:alert(3)//");
    assert_ne!(json, BUILTIN_DATA);
    load_bytes("hostile.geojson", json.as_bytes(), LoadOptions::default())
        .unwrap()
        .dataset
}

/// The text of the `<script type="application/json" id="data">` block, and the page
/// without it.
fn split_data(page: &str) -> (&str, String) {
    let open = "<script type=\"application/json\" id=\"data\">";
    let start = page.find(open).expect("a data block") + open.len();
    let end = start + page[start..].find("</script>").expect("the block ends");
    (
        &page[start..end],
        format!("{}{}", &page[..start], &page[end..]),
    )
}

fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn timed(dataset: &Dataset, opts: &HtmlOptions) -> String {
    let start = std::time::Instant::now();
    let page = to_html(dataset, opts).unwrap();
    eprintln!(
        "to_html({}): {} bytes ({:.2} MB) in {:.0} ms",
        dataset.info.id,
        page.len(),
        page.len() as f64 / 1_048_576.0,
        start.elapsed().as_secs_f64() * 1000.0
    );
    page
}

#[test]
fn the_builtin_page_asks_for_nothing_from_the_network_and_has_a_marker_per_city() {
    let dataset = builtin();
    let label = format!("built-in, sha256 {}", &builtin_data_sha256()[..12]);
    let page = timed(&dataset, &HtmlOptions::new(label.clone()));
    assert!(page.len() <= THREE_MB, "{} bytes", page.len());
    assert!(page.contains(&format!("content=\"{CSP}\"")));
    let (json, rest) = split_data(&page);
    // Outside the data, the only addresses are the SVG namespace (markup and
    // script) and the script's test for web links.
    let bare = rest
        .replace(SVG_NAMESPACE, "")
        .replace("http-equiv", "")
        .replace(r"/^https?:\/\//i", "");
    assert!(!bare.contains("http"), "an address outside the data");
    for needle in [
        "src=",
        "href=",
        "@import",
        "url(",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "fetch(",
        "XMLHttpRequest",
        "srcset",
        "@font-face",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!bare.contains(needle), "the page has {needle}");
    }
    // Inside the data, addresses are only the sources' own.
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut texts = Vec::new();
    strings(&value, &mut texts);
    let urls: Vec<&str> = dataset.sources.iter().map(|s| s.url.as_str()).collect();
    for text in texts.iter().filter(|t| t.contains("http")) {
        assert!(
            urls.contains(&text.as_str()),
            "{text} is no source's address"
        );
    }
    // One marker per city in every year, each a focusable button.
    let years: Vec<&str> = page.split("<g class=\"year").skip(1).collect();
    assert_eq!(years.len(), dataset.years().count());
    for (year, group) in dataset.years().zip(&years) {
        let group = &group[..group.find("</g>\n</g>").unwrap_or(group.len())];
        for city in &dataset.cities {
            assert_eq!(
                group.matches(&format!("data-city=\"{}\"", city.id)).count(),
                1,
                "{} in {year}",
                city.id
            );
        }
    }
    assert_eq!(
        page.matches("data-city=").count(),
        dataset.cities.len() * dataset.years().count()
    );
    assert_eq!(
        page.matches("tabindex=\"0\" role=\"button\" aria-label=\"")
            .count(),
        dataset.cities.len() * dataset.years().count()
    );
    assert!(page.contains("aria-label=\"Almaty, 2025: Held, renamed (Sources disagree)\""));
    // Only the last year is shown until the script reads the address.
    assert!(page.contains("<g class=\"year on\" data-year=\"2025\">"));
    assert_eq!(page.matches("<g class=\"year on\"").count(), 1);
    // The legend, the table, the credits.
    assert!(page.contains("<table>"));
    assert!(page.contains("<h2 id=\"legend-h\">Cities in 2025</h2>"));
    assert!(page.contains(&label));
    assert!(page.contains("Basemap: Natural Earth (public domain)"));
    assert!(page.contains(&dataset.info.version));
}

#[test]
fn a_hostile_dataset_cannot_break_out_of_the_page() {
    let dataset = hostile();
    let almaty = dataset.city_index("almaty").unwrap();
    assert_eq!(
        dataset.cities[almaty].names.get("en"),
        Some("</script><script>alert(1)</script>")
    );
    let opts = HtmlOptions {
        title: Some("<!--<script>".to_owned()),
        data_label: "</script>".to_owned(),
        ..HtmlOptions::new("")
    };
    let page = to_html(&dataset, &opts).unwrap();
    assert!(!page.contains("</script><script>alert"));
    assert!(!page.contains("<img src=x"));
    assert!(!page.contains("<!--"));
    assert!(!page.contains('\u{2028}'));
    assert_eq!(page.matches("<script").count(), 2);
    assert_eq!(page.matches("</script>").count(), 2);
    // The data reads back exactly.
    let (block, _) = split_data(&page);
    let value: serde_json::Value = serde_json::from_str(block).unwrap();
    assert_eq!(
        value["cities"][almaty]["names"][0],
        "</script><script>alert(1)</script>"
    );
    // A `javascript:` address stays text: the script links only what the data calls a link.
    let sources = value["sources"].as_array().unwrap();
    assert!(
        sources
            .iter()
            .any(|s| s["url"].as_str().unwrap().starts_with("javascript:"))
    );
    for source in sources {
        let url = source["url"].as_str().unwrap();
        assert_eq!(source["link"], url.starts_with("http"), "{url}");
    }
    let mut texts = Vec::new();
    strings(&value, &mut texts);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("<img src=x onerror=alert(2)> <!--<script> \u{2028} & "))
    );
}

#[test]
fn the_data_block_reads_back_as_the_dataset_says() {
    let dataset = builtin();
    let page = to_html(&dataset, &HtmlOptions::new("x")).unwrap();
    let (block, _) = split_data(&page);
    // Un-escaping is JSON's own: `\u003c` and `<\/` both read back as `<`, `</`.
    let value: serde_json::Value = serde_json::from_str(block).unwrap();
    assert_eq!(value["first"], 2015);
    assert_eq!(value["last"], 2025);
    assert_eq!(value["year"], 2025);
    let cities = value["cities"].as_array().unwrap();
    assert_eq!(cities.len(), dataset.cities.len());
    let almaty = dataset.city_index("almaty").unwrap();
    let city = &cities[almaty];
    assert_eq!(city["id"], "almaty");
    let cell = dataset.city_year(almaty, 2025);
    let page_cell = &city["years"][2025 - 2015];
    assert_eq!(page_cell["d"], cell.deciding.unwrap());
    assert_eq!(page_cell["r"], cell.report_count);
    assert_eq!(page_cell["disputed"], true);
    let status = &value["statuses"][page_cell["s"].as_u64().unwrap() as usize];
    assert_eq!(status["id"], "held_renamed");
    assert_eq!(status["label"], "Held, renamed");
    let deciding = &dataset.cities[almaty].reports[cell.deciding.unwrap()];
    let report = &city["reports"][cell.deciding.unwrap()];
    assert_eq!(report["summary"], deciding.summary.as_str());
    assert_eq!(
        value["sources"][report["source"].as_u64().unwrap() as usize]["url"],
        dataset.sources[deciding.source].url.as_str()
    );
    // Names follow the year: Astana is Nur-Sultan on the 2019–2022 maps.
    let astana = &cities[dataset.city_index("astana").unwrap()];
    let name = |y: usize| {
        let n = astana["years"][y - 2015]["n"].as_u64().unwrap_or(0) as usize;
        astana["names"][n].as_str().unwrap().to_owned()
    };
    assert_eq!(name(2021), "Nur-Sultan");
    assert_eq!(name(2025), "Astana");
}

#[test]
fn a_long_span_gets_a_slider_its_own_vocabulary_and_stays_small() {
    let dataset = memorials();
    let page = timed(&dataset, &HtmlOptions::new("memorials.geojson"));
    assert!(page.len() <= THREE_MB);
    assert!(page.contains("<input type=\"range\" id=\"year-range\""));
    assert!(!page.contains("<button type=\"button\" data-year="));
    assert_eq!(
        page.matches("<g class=\"year").count(),
        dataset.years().count()
    );
    for status in dataset.vocabulary().claimable() {
        let label = Lang::En.tr().status(dataset.vocabulary(), status);
        assert!(page.contains(&escape(label)), "{label}");
    }
}

#[test]
fn the_page_speaks_the_interface_language_and_refuses_a_year_outside_the_data() {
    let dataset = builtin();
    let opts = HtmlOptions {
        lang: Lang::Ru,
        year: Some(2019),
        ..HtmlOptions::new("x")
    };
    let page = to_html(&dataset, &opts).unwrap();
    assert!(page.contains("<html lang=\"ru\">"));
    assert!(page.contains("Таблица городов"));
    assert!(page.contains("<g class=\"year on\" data-year=\"2019\">"));
    assert!(page.contains(Lang::Ru.tr().status(dataset.vocabulary(), Status::HELD)));
    let outside = HtmlOptions {
        year: Some(2014),
        ..HtmlOptions::new("x")
    };
    assert!(matches!(
        to_html(&dataset, &outside),
        Err(HtmlError::YearOutside { year: 2014, .. })
    ));
}

#[test]
fn every_language_has_every_word_with_the_same_placeholders() {
    for w in Word::ALL {
        let english = crate::i18n::placeholders(word(Lang::En, w));
        for lang in Lang::ALL {
            assert_eq!(
                crate::i18n::placeholders(word(lang, w)),
                english,
                "{lang} {w:?}"
            );
        }
    }
    for key in I18N_KEYS {
        assert_ne!(Lang::En.tr().get(key), key, "{key} is no interface word");
    }
}

#[test]
fn ink_reads_on_its_colour() {
    assert_eq!(ink_on(Rgb([0xF0, 0xE4, 0x42])), "#000000");
    assert_eq!(ink_on(Rgb([0x56, 0xB4, 0xE9])), "#000000");
    assert_eq!(ink_on(Rgb([0x00, 0x72, 0xB2])), "#FFFFFF");
    assert_eq!(ink_on(Rgb([0x20, 0x20, 0x20])), "#FFFFFF");
}

/// Writes sample pages to `$MEMORYMAP_PAGES` (a folder), to look at in a browser:
/// `MEMORYMAP_PAGES=/tmp cargo test --lib scene::html -- --ignored`.
#[test]
#[ignore = "writes files; run by hand"]
fn write_sample_pages() {
    let dir = std::path::PathBuf::from(
        std::env::var("MEMORYMAP_PAGES").unwrap_or_else(|_| "/tmp".to_owned()),
    );
    let label = format!("built-in, sha256 {}", &builtin_data_sha256()[..12]);
    let builtin = builtin();
    for lang in Lang::ALL {
        let opts = HtmlOptions {
            lang,
            ..HtmlOptions::new(label.clone())
        };
        let name = if lang == Lang::En {
            "page.html".to_owned()
        } else {
            format!("page-{lang}.html")
        };
        std::fs::write(dir.join(name), timed(&builtin, &opts)).unwrap();
    }
    let page = timed(&memorials(), &HtmlOptions::new("memorials.geojson"));
    std::fs::write(dir.join("memorials.html"), page).unwrap();
    let page = to_html(
        &hostile(),
        &HtmlOptions::new("</script><script>alert(4)</script>"),
    )
    .unwrap();
    std::fs::write(dir.join("hostile.html"), page).unwrap();
}
