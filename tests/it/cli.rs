//! The command line as a user runs it: `validate` on good and bad files, `list` as CSV.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn memorymap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memorymap"))
        .args(args)
        .env("RUST_LOG", "off")
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn validate_accepts_the_builtin_data_and_the_good_fixtures() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kazakhstan.geojson");
    let mut files = vec![data];
    for entry in std::fs::read_dir(fixtures().join("good")).unwrap() {
        files.push(entry.unwrap().path());
    }
    for file in files {
        let output = memorymap(&["validate", file.to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}: {}",
            file.display(),
            text(&output)
        );
        assert!(text(&output).contains(": valid:"), "{}", text(&output));
    }
}

#[test]
fn validate_names_the_problem_in_every_bad_file_and_exits_1() {
    let dir = fixtures().join("bad");
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    // A file may have several lines: one for each problem it must report.
    let mut checked = std::collections::BTreeSet::new();
    for line in expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (file, substring) = line.split_once('\t').unwrap();
        let path = dir.join(file);
        assert!(path.exists(), "{file} listed in EXPECTED.tsv is missing");
        let output = memorymap(&["validate", path.to_str().unwrap()]);
        let out = text(&output);
        assert_eq!(output.status.code(), Some(1), "{file}: {out}");
        assert!(
            out.contains(substring),
            "{file}: expected {substring:?} in:\n{out}"
        );
        assert!(!out.contains("panicked"), "{file}: {out}");
        // Problems are reported against the file, with a place.
        assert!(out.contains(path.to_str().unwrap()), "{file}: {out}");
        checked.insert(file);
    }
    let checked = checked.len();
    let on_disk = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "geojson" || x == "csv")
        })
        .count();
    assert_eq!(
        checked, on_disk,
        "every bad fixture needs a line in EXPECTED.tsv"
    );
    assert!(checked >= 15, "only {checked} bad fixtures");
}

#[test]
fn validate_reports_a_missing_file_and_exits_1() {
    let output = memorymap(&["validate", "no/such/file.geojson"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("no/such/file.geojson: cannot read the file"),
        "{}",
        text(&output)
    );
}

#[test]
fn validate_checks_every_file_given_and_fails_if_any_is_bad() {
    let good = fixtures().join("good/minimal.geojson");
    let output = memorymap(&["validate", good.to_str().unwrap(), "missing.geojson"]);
    assert_eq!(output.status.code(), Some(1));
    let out = text(&output);
    assert!(
        out.contains("minimal.geojson: valid:") && out.contains("missing.geojson: invalid"),
        "{out}"
    );
}

#[test]
fn list_prints_one_csv_row_per_city_with_status_and_sources() {
    let output = memorymap(&["list", "--year", "2025"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let csv = String::from_utf8(output.stdout).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for column in ["id", "name_en", "lon", "lat", "status", "source_ids"] {
        assert!(header.contains(&column), "{column} missing from {header:?}");
    }
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 23);
    let almaty = rows.iter().find(|r| r.starts_with("almaty,")).unwrap();
    assert!(almaty.contains(",held_renamed,"), "{almaty}");
    assert!(almaty.contains("daryo-2025-04-28"), "{almaty}");
    let oskemen = rows.iter().find(|r| r.starts_with("oskemen,")).unwrap();
    assert!(oskemen.contains(",no_report,"), "{oskemen}");
}

#[test]
fn list_uses_the_name_of_the_year() {
    let output = memorymap(&["list", "--year", "2020"]);
    let csv = String::from_utf8(output.stdout).unwrap();
    let astana = csv.lines().find(|r| r.starts_with("astana,")).unwrap();
    assert!(astana.starts_with("astana,Astana,Nur-Sultan,"), "{astana}");
}

#[test]
fn list_compare_prints_both_years_and_what_changed_per_city() {
    let output = memorymap(&["list", "--year", "2019", "--compare", "2025"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let csv = String::from_utf8(output.stdout).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("id,name_from,name_to,region,status_from,status_to,change,"),
        "{header}"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 23);
    // Nur-Sultan in 2019, Astana in 2025.
    let astana = rows.iter().find(|r| r.starts_with("astana,")).unwrap();
    assert!(astana.starts_with("astana,Nur-Sultan,Astana,"), "{astana}");
    assert!(rows.iter().any(|r| r.contains(",changed,")), "{csv}");
    let output = memorymap(&["list", "--year", "2019", "--compare", "1990"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("--compare"), "{}", text(&output));
}

#[test]
fn list_rejects_a_year_outside_the_data_and_a_bad_file() {
    let output = memorymap(&["list", "--year", "1990"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("outside the dataset's years 2015–2025"),
        "{}",
        text(&output)
    );
    let output = memorymap(&["list", "--year", "2025", "--data", "missing.geojson"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn the_window_refuses_an_unknown_city_or_year_before_opening() {
    let output = memorymap(&["--city", "Atlantis"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("no city has that id or name"),
        "{}",
        text(&output)
    );
    let output = memorymap(&["--year", "2030"]);
    assert_eq!(output.status.code(), Some(2));
}

/// FILE and `--data FILE` say the same thing; giving both is a usage error. (What the
/// window does with a bad file is tested in tests/ui.rs: it stays open with the data it
/// had and lists the problems.)
#[test]
fn a_file_is_given_once() {
    let output = memorymap(&["a.geojson", "--data", "b.geojson"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("cannot be used with"));
}

#[test]
fn export_writes_each_format_and_never_replaces_a_file_without_force() {
    let dir = std::env::temp_dir().join(format!("memorymap-cli-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for format in ["csv", "geojson"] {
        let out = dir.join(format!("2025.{format}"));
        let _ = std::fs::remove_file(&out);
        let args = [
            "export",
            "--year",
            "2025",
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ];
        let output = memorymap(&args);
        assert!(output.status.success(), "{}", text(&output));
        let check = memorymap(&["validate", out.to_str().unwrap()]);
        assert!(check.status.success(), "{}", text(&check));
        assert!(
            text(&check).contains("valid: 23 cities, 15 reports"),
            "{}",
            text(&check)
        );
        // Again: refused, file untouched; with --force: replaced.
        std::fs::write(&out, "mine").unwrap();
        let again = memorymap(&args);
        assert_eq!(again.status.code(), Some(1));
        assert!(text(&again).contains("already exists"), "{}", text(&again));
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
        let mut forced = args.to_vec();
        forced.push("--force");
        assert!(memorymap(&forced).status.success());
        assert_ne!(std::fs::read_to_string(&out).unwrap(), "mine");
    }
    let bad = memorymap(&[
        "export", "--year", "1990", "--format", "csv", "--out", "x.csv",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn version_names_the_builtin_dataset_and_its_hash() {
    let output = memorymap(&["--version"]);
    assert!(output.status.success());
    let text = text(&output);
    let data = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kazakhstan.geojson"))
        .unwrap();
    let hex: String = {
        use sha2::Digest as _;
        sha2::Sha256::digest(&data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    assert!(
        text.starts_with(&format!("memorymap {}\n", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(
        text.contains("built-in dataset: kz-immortal-regiment version "),
        "{text}"
    );
    assert!(text.contains(&format!("sha256: {hex}")), "{text}");
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn export_draws_figures_as_png_and_svg_without_a_display_or_a_gpu() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        // No display and no Vulkan driver: the figure is drawn on the CPU.
        let output = Command::new(env!("CARGO_BIN_EXE_memorymap"))
            .args(args)
            .env("RUST_LOG", "off")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("VK_ICD_FILENAMES", "/nonexistent.json")
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", text(&output));
    };
    let png = dir.path().join("map.png");
    let p = png.to_str().unwrap();
    run(&["export", "--format", "png", "--year", "2025", "--out", p]);
    assert_eq!(png_size(&std::fs::read(&png).unwrap()), (1200, 800));
    run(&[
        "export", "--format", "png", "--size", "square", "--scale", "2", "--out", p, "--force",
    ]);
    assert_eq!(png_size(&std::fs::read(&png).unwrap()), (2160, 2160));

    let svg = dir.path().join("map.svg");
    let s = svg.to_str().unwrap();
    run(&[
        "export",
        "--format",
        "svg",
        "--year",
        "2025",
        "--compare",
        "2019",
        "--city",
        "almaty",
        "--title",
        "Marches & bans",
        "--out",
        s,
    ]);
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(texts.contains(&"Marches & bans"), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("2019 → 2025")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("Almaty")), "{texts:?}");
    // No menus, buttons or hints of the window.
    for window_word in ["Reset view", "Find a city", "Play", "Previous"] {
        assert!(!text.contains(window_word), "{window_word}");
    }

    let grid = dir.path().join("grid.svg");
    run(&[
        "export",
        "--format",
        "svg",
        "--grid",
        "--years",
        "2015..2025",
        "--out",
        grid.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&grid).unwrap();
    for year in 2015..=2025 {
        assert!(text.contains(&format!(">{year}<")), "{year} has no map");
    }

    // An animation of six years: six frames of 1200x800, a second each.
    let gif_path = dir.path().join("years.gif");
    run(&[
        "export",
        "--format",
        "gif",
        "--years",
        "2020..2025",
        "--out",
        gif_path.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&gif_path).unwrap();
    let mut reader = gif::DecodeOptions::new()
        .read_info(bytes.as_slice())
        .unwrap();
    let mut frames = 0;
    while let Some(frame) = reader.next_frame_info().unwrap() {
        assert_eq!((frame.width, frame.height, frame.delay), (1200, 800, 100));
        frames += 1;
    }
    assert_eq!(frames, 6);
}

#[test]
fn impossible_figure_options_are_usage_errors_naming_what_is_allowed() {
    for (args, says) in [
        (&["--format", "csv", "--grid"][..], "--grid is for figures"),
        (
            &["--format", "png", "--years", "2015..2020"][..],
            "add --grid",
        ),
        (
            &["--format", "png", "--compare", "1990"][..],
            "outside the dataset's years",
        ),
        (
            &["--format", "png", "--size", "100x100"][..],
            "from 200 to 8000",
        ),
        (
            &["--format", "png", "--size", "huge"][..],
            "web, square, a5, a4",
        ),
        (
            &["--format", "png", "--size", "8000x8000", "--scale", "2"][..],
            "at most 8192",
        ),
        (
            &["--format", "svg", "--city", "Atlantis"][..],
            "no city has that id or name",
        ),
    ] {
        let mut all = vec!["export", "--out", "/nonexistent/x"];
        all.extend_from_slice(args);
        let output = memorymap(&all);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output));
        assert!(text(&output).contains(says), "{args:?}: {}", text(&output));
    }
}

#[test]
fn export_writes_the_sources_of_a_year_as_csl_json_and_bibtex() {
    let dir = tempfile::tempdir().unwrap();
    let json_path = dir.path().join("sources.json");
    let output = memorymap(&[
        "export",
        "--format",
        "csl-json",
        "--year",
        "2025",
        "--city",
        "almaty",
        "--out",
        json_path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    let items: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(items[0]["type"], "dataset");
    assert!(items[0]["note"].as_str().unwrap().starts_with("sha256 "));
    // Almaty's 2025 reports and the year's nationwide statements: each source once, with
    // its link and publication year.
    assert!(items.len() > 2, "{items:?}");
    let ids: std::collections::BTreeSet<&str> =
        items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), items.len());
    for item in &items[1..] {
        assert!(item["URL"].as_str().unwrap().starts_with("http"), "{item}");
        assert!(item["issued"]["date-parts"][0][0].is_number(), "{item}");
    }
    let bib_path = dir.path().join("sources.bib");
    let output = memorymap(&[
        "export",
        "--format",
        "bibtex",
        "--out",
        bib_path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    let bib = std::fs::read_to_string(&bib_path).unwrap();
    assert!(
        bib.starts_with("@misc{kz-immortal-regiment,"),
        "{}",
        &bib[..200]
    );
    assert!(bib.matches("@misc{").count() > 50);
}

/// Whether an outside program the test reads outputs with is installed. Missing, the test
/// is skipped with the reason printed on a developer's machine, and fails under CI (where
/// scripts/test.sh installs it).
pub fn tool_present(program: &str, package: &str) -> bool {
    // On the PATH is enough (not run: some, like chromium, would open a window).
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
    let under_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    if !found {
        assert!(
            !under_ci,
            "{program} is missing under CI: install {package} (scripts/test.sh does)"
        );
        eprintln!("skipped: {program} is not installed (apt-get install {package})");
    }
    found
}

#[test]
fn export_writes_a_pdf_with_text_embedded_fonts_and_the_preset_page() {
    if !tool_present("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let poppler = |program: &str, pdf: &Path| {
        let output = Command::new(program).arg(pdf).arg("-").output().unwrap();
        assert!(output.status.success(), "{program}: {}", text(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    let info = |pdf: &Path| {
        let output = Command::new("pdfinfo").arg(pdf).output().unwrap();
        assert!(output.status.success(), "pdfinfo: {}", text(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    let export = |args: &[&str], out: &Path| {
        let mut all = vec!["export", "--format", "pdf", "--out", out.to_str().unwrap()];
        all.extend_from_slice(args);
        let output = memorymap(&all);
        assert!(output.status.success(), "{args:?}: {}", text(&output));
    };

    // One year on an A4 page: text is text, in an embedded font, on a landscape A4 page.
    let single = dir.path().join("map.pdf");
    export(
        &[
            "--year",
            "2019",
            "--size",
            "a4",
            "--title",
            "Marches & bans",
        ],
        &single,
    );
    let words = poppler("pdftotext", &single);
    for needle in ["Marches & bans", "2019", "Held", "No report", "Almaty"] {
        assert!(
            words.contains(needle),
            "{needle:?} not in the PDF's text:\n{words}"
        );
    }
    let page = info(&single);
    assert!(
        page.contains("Page size:       841.92 x 595.2 pts (A4)"),
        "{page}"
    );
    let fonts = Command::new("pdffonts").arg(&single).output().unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    let faces: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!faces.is_empty(), "no fonts: {fonts}");
    for face in faces {
        // name, type…, then the columns emb sub uni: every font embedded.
        let columns: Vec<&str> = face.split_whitespace().collect();
        assert_eq!(columns[columns.len() - 5], "yes", "not embedded: {face}");
    }

    // Compared years on an A5 page.
    let compare = dir.path().join("compare.pdf");
    export(
        &["--year", "2025", "--compare", "2019", "--size", "a5"],
        &compare,
    );
    assert!(poppler("pdftotext", &compare).contains("2019 → 2025"));
    assert!(info(&compare).contains("Page size:       595.2 x 419.52 pts"));

    // Small multiples: every year's heading on one page of the web figure at 300 dpi.
    let grid = dir.path().join("grid.pdf");
    export(&["--grid", "--years", "2015..2025"], &grid);
    let words = poppler("pdftotext", &grid);
    for year in 2015..=2025 {
        assert!(
            words.contains(&year.to_string()),
            "{year} missing:\n{words}"
        );
    }
    assert!(info(&grid).contains("Page size:       288 x 192 pts"));
    assert!(info(&grid).contains("Pages:           1"));
}

#[test]
fn export_writes_an_mp4_through_ffmpeg_one_second_a_year() {
    if !tool_present("ffprobe", "ffmpeg") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Three years at 400×300, with more options.
    let export_mp4 = |out: &std::path::Path, extra: &[&str]| {
        let mut args = vec!["export", "--format", "mp4", "--years", "2017..2019"];
        args.extend_from_slice(&["--size", "400x300", "--out", out.to_str().unwrap()]);
        args.extend_from_slice(extra);
        let output = memorymap(&args);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    };
    let out = dir.path().join("years.mp4");
    let started = std::time::Instant::now();
    export_mp4(&out, &[]);
    eprintln!("mp4 of 3 years at 400×300: {:?}", started.elapsed());
    let probe = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=codec_name,width,height:format=duration",
            "-of",
            "default=noprint_wrappers=1",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(probe.status.success(), "ffprobe: {}", text(&probe));
    let report = String::from_utf8_lossy(&probe.stdout).into_owned();
    let field = |name: &str| {
        report
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("{name} missing from {report}"))
            .to_owned()
    };
    assert_eq!(field("codec_name"), "h264", "{report}");
    assert_eq!(
        (field("width"), field("height")),
        ("400".into(), "300".into())
    );
    // Three years held one second each.
    let seconds: f64 = field("duration").parse().unwrap();
    assert!((2.5..=3.5).contains(&seconds), "{seconds} s: {report}");

    // With half-second cross-fades between them: one more second in all.
    let faded = dir.path().join("faded.mp4");
    export_mp4(&faded, &["--fade", "500"]);
    let probe = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(&faded)
        .output()
        .unwrap();
    let seconds: f64 = String::from_utf8_lossy(&probe.stdout)
        .trim()
        .parse()
        .unwrap();
    assert!((3.6..=4.4).contains(&seconds), "{seconds} s with fades");
}

#[test]
fn fade_is_for_animations_and_has_a_range() {
    for args in [
        &["--format", "png", "--fade", "500"][..],
        &["--format", "gif", "--fade", "9000"][..],
        &["--format", "gif", "--fade", "half"][..],
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("x");
        let mut all = vec!["export"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--out", out.to_str().unwrap()]);
        let output = memorymap(&all);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output));
        assert!(
            text(&output).contains("fade"),
            "{args:?}: {}",
            text(&output)
        );
        assert!(!out.exists());
    }
}

/// Runs an outside program and returns what it printed, failing the test when it fails.
fn run_tool(program: &str, args: &[&std::ffi::OsStr]) -> String {
    let output = Command::new(program).args(args).output().unwrap();
    assert!(output.status.success(), "{program}: {}", text(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn other_programs_read_the_svg_the_gif_and_the_pdf() {
    if !(tool_present("rsvg-convert", "librsvg2-bin")
        && tool_present("identify", "imagemagick")
        && tool_present("pdftoppm", "poppler-utils"))
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let os = |p: &std::path::Path| p.as_os_str().to_owned();
    for (format, name, extra) in [
        ("svg", "map.svg", &[][..]),
        (
            "gif",
            "years.gif",
            &["--years", "2019..2021", "--size", "400x300"][..],
        ),
        ("pdf", "map.pdf", &["--size", "a5"][..]),
    ] {
        let out = path(name);
        let mut args = vec!["export", "--format", format, "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        let output = memorymap(&args);
        assert_eq!(output.status.code(), Some(0), "{format}: {}", text(&output));
    }
    // librsvg draws the SVG at its size, in more than a handful of colours.
    let png = path("map-rsvg.png");
    run_tool(
        "rsvg-convert",
        &[
            os(&path("map.svg")).as_os_str(),
            "-o".as_ref(),
            os(&png).as_os_str(),
        ],
    );
    let info = run_tool(
        "identify",
        &[
            "-format".as_ref(),
            "%w %h %k".as_ref(),
            os(&png).as_os_str(),
        ],
    );
    let numbers: Vec<u32> = info
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(numbers[..2], [1200, 800], "{info}");
    assert!(numbers[2] > 20, "librsvg drew {} colours", numbers[2]);
    // ImageMagick counts a frame per year.
    let frames = run_tool(
        "identify",
        &[
            "-format".as_ref(),
            "%w×%h\n".as_ref(),
            os(&path("years.gif")).as_os_str(),
        ],
    );
    assert_eq!(
        frames.lines().collect::<Vec<_>>(),
        ["400×300"; 3],
        "{frames}"
    );
    // poppler draws the PDF's one page, A5 landscape (210 × 148 mm at 36 dpi: 298 × 210).
    let prefix = path("page");
    run_tool(
        "pdftoppm",
        &[
            "-png".as_ref(),
            "-r".as_ref(),
            "36".as_ref(),
            os(&path("map.pdf")).as_os_str(),
            os(&prefix).as_os_str(),
        ],
    );
    let page = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("page"))
        .expect("pdftoppm wrote a page");
    let info = run_tool(
        "identify",
        &[
            "-format".as_ref(),
            "%w %h %k".as_ref(),
            os(&page).as_os_str(),
        ],
    );
    let numbers: Vec<u32> = info
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(
        (296..=300).contains(&numbers[0]) && (208..=212).contains(&numbers[1]),
        "{info}"
    );
    assert!(numbers[2] > 20, "poppler drew {} colours", numbers[2]);
}

/// Waits for `command` at most `seconds`, killing it after; its standard output.
fn run_with_deadline(command: &mut Command, seconds: u64) -> String {
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut out).unwrap_or_default();
        out
    });
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed().as_secs() > seconds {
            let _ = child.kill();
            panic!("{command:?} took more than {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    reader.join().unwrap()
}

#[test]
fn the_page_opens_in_a_real_browser_offline_on_its_deep_link() {
    if !(tool_present("chromium", "chromium") && tool_present("identify", "imagemagick")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let output = memorymap(&[
        "export",
        "--format",
        "html",
        "--out",
        page.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let url = format!("file://{}#year=2019&city=almaty", page.display());
    let browser = |extra: &[&str]| {
        let mut command = Command::new("chromium");
        command.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            // No network: every request goes to a closed port and no name resolves.
            "--proxy-server=http://127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--virtual-time-budget=3000",
            "--window-size=1280,900",
        ]);
        command.arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ));
        command.args(extra).arg(&url);
        command
    };
    // The deep link opens 2019 with Almaty's panel: its names, status and reports.
    let dom = run_with_deadline(&mut browser(&["--dump-dom"]), 90);
    let panel = dom
        .split_once("id=\"panel\"")
        .map(|(_, rest)| rest)
        .expect("the page has its panel");
    let panel = &panel[..panel.len().min(20_000)];
    for words in [
        "Almaty",
        "Алматы",
        "Status in 2019",
        "Held",
        "Reports for 2019",
    ] {
        assert!(panel.contains(words), "{words:?} is not in the panel");
    }
    // …and it draws: a screenshot in more than a few colours.
    let shot = dir.path().join("page.png");
    run_with_deadline(
        &mut browser(&[&format!("--screenshot={}", shot.display())]),
        90,
    );
    let info = run_tool(
        "identify",
        &["-format".as_ref(), "%w %h %k".as_ref(), shot.as_os_str()],
    );
    let numbers: Vec<u32> = info
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(numbers[..2], [1280, 900], "{info}");
    assert!(numbers[2] > 50, "the page drew {} colours", numbers[2]);
}
