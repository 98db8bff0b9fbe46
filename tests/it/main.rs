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
