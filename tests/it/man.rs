#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The man page shipped in the .deb (assets/man/memorymap.1) is generated from the CLI
//! definition; this test fails when the two drift apart. `UPDATE_MAN=1 cargo test --test man`
//! rewrites it.

use std::path::Path;

fn render() -> String {
    let mut out = Vec::new();
    clap_mangen::Man::new(memorymap::cli::command())
        .render(&mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn man_page_matches_the_command_line() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/man/memorymap.1");
    let page = render();
    if std::env::var_os("UPDATE_MAN").is_some() {
        std::fs::write(&path, &page).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        shipped == page,
        "{} is out of date: run UPDATE_MAN=1 cargo test --release --test man",
        path.display()
    );
    for needle in ["validate", "list", "\\-\\-year", "FILE"] {
        assert!(page.contains(needle), "man page lacks {needle}");
    }
}
