//! Every integration test, in one binary so that egui and wgpu are linked once.
//!
//! `cli`: the command line as a user runs it · `data`: the built-in dataset against the
//! seed article · `examples`: data/examples/ in the window · `figure`: figures drawn on the CPU against their snapshots · `large`: a 99 MB generated file · `man`: the man page is current ·
//! `roundtrip`: exports read back · `ui`: the window driven with egui_kittest.

mod cli;
mod data;
mod examples;
mod figure;
mod large;
mod man;
mod roundtrip;
mod ui;

/// The binary's allocator (src/main.rs): the tests load, export and free what the app
/// does, with the allocator it does it with (glibc's malloc made the 50,000-city export
/// test spend most of its time consolidating free lists).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
