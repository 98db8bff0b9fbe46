//! Where an area's name can go: points well inside it, the roomiest first.

use geo::{
    Area as _, BoundingRect as _, Contains as _, Distance as _, Euclidean, InteriorPoint as _,
};

/// Points inside the largest part of `shape`, farthest from its outline first (a coarse
/// pole of inaccessibility: the centres of a 7 × 7 grid over the part that lie inside it,
/// ranked by their distance to the nearest ring), then geo's interior point, which every
/// polygon has. At most `limit` points; empty only for an empty shape.
pub fn label_spots(shape: &geo::MultiPolygon<f64>, limit: usize) -> Vec<[f64; 2]> {
    let Some(part) = shape
        .0
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
    else {
        return Vec::new();
    };
    let mut spots: Vec<(f64, [f64; 2])> = Vec::new();
    if let Some(bounds) = part.bounding_rect() {
        const STEPS: u32 = 7;
        let (w, h) = (bounds.width(), bounds.height());
        for i in 0..STEPS {
            for j in 0..STEPS {
                let x = bounds.min().x + w * (f64::from(i) + 0.5) / f64::from(STEPS);
                let y = bounds.min().y + h * (f64::from(j) + 0.5) / f64::from(STEPS);
                let point = geo::Point::new(x, y);
                if !part.contains(&point) {
                    continue;
                }
                let room = std::iter::once(part.exterior())
                    .chain(part.interiors())
                    .map(|ring| Euclidean.distance(&point, ring))
                    .fold(f64::INFINITY, f64::min);
                if room.is_finite() {
                    spots.push((room, [x, y]));
                }
            }
        }
    }
    spots.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<[f64; 2]> = spots.into_iter().map(|(_, p)| p).take(limit).collect();
    if out.len() < limit
        && let Some(p) = part.interior_point()
    {
        out.push([p.x(), p.y()]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn an_l_shaped_region_is_labelled_in_its_arms_not_in_the_missing_corner() {
        // An L: the square 0..10 without its upper right quarter 5..10 × 5..10.
        let l = polygon![
            (x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 5.0), (x: 5.0, y: 5.0),
            (x: 5.0, y: 10.0), (x: 0.0, y: 10.0), (x: 0.0, y: 0.0),
        ];
        let small = polygon![
            (x: 20.0, y: 0.0), (x: 21.0, y: 0.0), (x: 21.0, y: 1.0), (x: 20.0, y: 0.0),
        ];
        let spots = label_spots(&geo::MultiPolygon(vec![small, l.clone()]), 5);
        assert_eq!(spots.len(), 5);
        for [x, y] in &spots {
            assert!(l.contains(&geo::Point::new(*x, *y)), "{x} {y}");
        }
        // The roomiest spot is as far from the L's edges as its arms allow (2.5 at
        // best; the grid gets within a cell of it), and the spots come roomiest first.
        let room = |[x, y]: [f64; 2]| Euclidean.distance(&geo::Point::new(x, y), l.exterior());
        assert!(room(spots[0]) >= 2.0, "{:?}", spots[0]);
        assert!(spots.windows(2).all(|w| room(w[0]) >= room(w[1])));
        assert!(label_spots(&geo::MultiPolygon(vec![]), 5).is_empty());
    }
}
