//! memorymap: a map of who commemorated what, where and when.
//!
//! `model` (no UI) loads and queries datasets; `geography` holds the basemap and
//! screen-space geometry; `ui` and `app` draw the window; `cli` is the command line.

#[cfg(feature = "gui")]
pub mod app;
#[cfg(feature = "gui")]
pub mod cli;
#[cfg(feature = "gui")]
pub mod command;
pub mod files;
pub mod geography;
pub mod i18n;
#[cfg(feature = "gui")]
pub mod loader;
pub mod model;
pub mod output;
#[cfg(feature = "gui")]
pub mod saved;
pub mod scene;
#[cfg(feature = "gui")]
pub mod state;
pub mod text;
pub mod timing;
#[cfg(feature = "gui")]
pub mod ui;

#[cfg(feature = "gui")]
pub use app::MemoryMapApp;
