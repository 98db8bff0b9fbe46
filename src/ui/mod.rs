//! The window's panels and widgets; each `*_ui` function draws one part.

pub mod city_list;
pub mod export_dialog;
pub mod legend;
pub mod map_view;
pub mod problems;
pub mod side_panel;
pub mod style;
pub mod timeline;
pub mod year_selector;
