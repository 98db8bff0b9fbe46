//! A 100 MB dataset, made by `memorymap gen`: `validate` accepts it, and the same file cut
//! off part-way is an error that says where it ends. Neither may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn memorymap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_memorymap"))
        .args(args)
        .env("RUST_LOG", "off")
        .output()
        .unwrap()
}

#[test]
fn a_100_mb_file_loads_and_the_same_file_cut_off_names_where_it_ends() {
    let dir = std::env::temp_dir().join(format!("memorymap-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.geojson");
    let out = memorymap(&[
        "gen",
        "--cities",
        "2000",
        "--reports-per-city",
        "100",
        "--seed",
        "1",
        "--out",
        big.to_str().unwrap(),
        "--force",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let size = std::fs::metadata(&big).unwrap().len();
    assert!(size > 95_000_000, "{size} bytes");

    let start = std::time::Instant::now();
    let out = memorymap(&["validate", big.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("valid: 2000 cities, 200000 reports"),
        "{text}"
    );
    eprintln!("validate of {size} bytes: {:.2?}", start.elapsed());

    let bytes = std::fs::read(&big).unwrap();
    let cut = dir.join("cut.geojson");
    std::fs::write(&cut, &bytes[..bytes.len() * 3 / 5]).unwrap();
    drop(bytes);
    let out = memorymap(&["validate", cut.to_str().unwrap()]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("the file ends too early"), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}
