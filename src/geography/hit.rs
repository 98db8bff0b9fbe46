//! Hit testing in screen space: which drawn city is under the pointer.

/// The index of the point nearest `pointer` within `radius` (same units, e.g. screen points).
/// Ties go to the earlier point, so the result is stable.
pub fn nearest_within(
    points: impl IntoIterator<Item = (usize, [f32; 2])>,
    pointer: [f32; 2],
    radius: f32,
) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (index, [x, y]) in points {
        let d2 = (x - pointer[0]).powi(2) + (y - pointer[1]).powi(2);
        if d2 <= radius * radius && best.is_none_or(|(_, b)| d2 < b) {
            best = Some((index, d2));
        }
    }
    best.map(|(index, _)| index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_nearest_point_inside_the_radius() {
        let points = [(0, [0.0, 0.0]), (1, [10.0, 0.0]), (2, [4.0, 0.0])];
        assert_eq!(nearest_within(points, [5.0, 0.0], 12.0), Some(2));
        assert_eq!(nearest_within(points, [9.0, 1.0], 12.0), Some(1));
    }

    #[test]
    fn nothing_outside_the_radius() {
        let points = [(0, [0.0, 0.0])];
        assert_eq!(nearest_within(points, [12.5, 0.0], 12.0), None);
        assert_eq!(nearest_within(points, [12.0, 0.0], 12.0), Some(0));
    }
}
