//! The degree grid behind the map and its coordinate labels.

use super::MAX_SPAN_DEGREES;

const GRID_STEP_DEGREES: f64 = 5.0;

/// Grid lines at round numbers of degrees, fewer as the map is zoomed out (every 5° at
/// the size of a country). Nothing for a view that is not a sane one, so a bad view can
/// never ask for millions of lines.
pub(super) fn degree_grid(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (min, max) = input.bounds;
    let span = max - min;
    if !(min.is_finite() && max.is_finite()) || span <= 0.0 || span > 4.0 * MAX_SPAN_DEGREES {
        return Vec::new();
    }
    // Every 5° from the size of a country up (as the map was drawn before), finer only
    // when zoomed in further.
    let least = if span >= 10.0 { GRID_STEP_DEGREES } else { 1.0 };
    let step = [1.0, 2.0, GRID_STEP_DEGREES, 10.0, 20.0, 30.0]
        .into_iter()
        .find(|&s| s >= least && span / s <= 16.0)
        .unwrap_or(45.0);
    #[allow(clippy::cast_possible_truncation)]
    let (first, last) = ((min / step).ceil() as i64, (max / step).floor() as i64);
    (first..=last)
        .map(|k| {
            #[allow(clippy::cast_precision_loss)]
            let value = k as f64 * step;
            let step_size = if k % 4 == 0 {
                step * 4.0
            } else if k % 2 == 0 {
                step * 2.0
            } else {
                step
            };
            egui_plot::GridMark { value, step_size }
        })
        .collect()
}

/// "65°W", "0°", "76°E", "180°"; past the antimeridian (a view across it) the
/// longitude wraps: 190 is "170°W".
pub fn longitude_label(value: f64) -> String {
    let rounded = value.round();
    if !rounded.is_finite() || rounded.abs() > 540.0 {
        return String::new();
    }
    // Into (-180, 180].
    let wrapped = 180.0 - (180.0 - rounded).rem_euclid(360.0);
    if wrapped == 180.0 {
        return "180°".to_owned();
    }
    degrees_label(wrapped, 180.0, "E", "W")
}

/// "30°S", "0°", "43°N"; nothing past the poles.
pub fn latitude_label(value: f64) -> String {
    degrees_label(value, 90.0, "N", "S")
}

fn degrees_label(value: f64, limit: f64, positive: &str, negative: &str) -> String {
    let rounded = value.round();
    if !rounded.is_finite() || rounded.abs() > limit {
        String::new()
    } else if rounded == 0.0 {
        "0°".to_owned()
    } else if rounded > 0.0 {
        format!("{rounded:.0}°{positive}")
    } else {
        format!("{:.0}°{negative}", -rounded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longitudes_wrap_at_the_antimeridian_and_180_has_no_side() {
        for (value, label) in [
            (0.0, "0°"),
            (76.0, "76°E"),
            (-65.0, "65°W"),
            (180.0, "180°"),
            (-180.0, "180°"),
            (190.0, "170°W"),
            (-190.0, "170°E"),
            (360.0, "0°"),
            (175.0, "175°E"),
        ] {
            assert_eq!(longitude_label(value), label, "{value}");
        }
        assert_eq!(longitude_label(f64::NAN), "");
        assert_eq!(longitude_label(1e9), "");
        assert_eq!(latitude_label(-30.0), "30°S");
        assert_eq!(latitude_label(95.0), "");
    }
}
