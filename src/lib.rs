//! memorymap: a map of who commemorated what, where and when.
//!
//! `model` (no UI) loads and queries datasets; `geography` holds the basemap and
//! screen-space geometry; `ui` and `app` draw the window; `cli` is the command line.

pub mod app;
pub mod cli;
pub mod files;
pub mod geography;
pub mod model;
pub mod render;
pub mod state;
pub mod text;
pub mod ui;

pub use app::MemoryMapApp;
