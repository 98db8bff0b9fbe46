//! The colours of the map, shared by the window (`ui::basemap_view`, `ui::style`) and the
//! figures (`scene`), so a figure looks like the window it was exported from. Plain RGB
//! with no egui in it: the scene and the data model build without the window.

use crate::model::Rgb;

/// The sea, and lakes.
pub const SEA: Rgb = Rgb([0xDD, 0xE5, 0xEB]);
/// The dataset's countries.
pub const LAND: Rgb = Rgb([0xFB, 0xF9, 0xF4]);
/// Every other country: there for orientation, quieter than the data's own.
pub const CONTEXT: Rgb = Rgb([0xEC, 0xEA, 0xE4]);
/// The dataset's countries' borders.
pub const BORDER: Rgb = Rgb([0x55, 0x55, 0x55]);
pub const CONTEXT_BORDER: Rgb = Rgb([0x9A, 0x9A, 0x9A]);
/// The world's first-level regions.
pub const REGION: Rgb = Rgb([0xB8, 0xB8, 0xB8]);
/// The dataset's own boundaries: a little darker than the world's regions.
pub const OWN_REGION: Rgb = Rgb([0x8C, 0x8C, 0x8C]);
/// Every marker's outline.
pub const MARKER_OUTLINE: Rgb = Rgb([0x30, 0x30, 0x30]);
/// The "sources disagree" badge.
pub const DISPUTED: Rgb = Rgb([0xD5, 0x5E, 0x00]);
/// The badges of what changed between two years.
pub const CHANGE: Rgb = Rgb([0x3A, 0x1F, 0x5C]);
/// The dashed ring of a tentative status.
pub const TENTATIVE_RING: Rgb = Rgb([0x40, 0x40, 0x40]);
