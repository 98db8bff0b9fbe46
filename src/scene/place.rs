//! Where labels and boxes go: greedily, the most important first, each clear of every
//! marker, box and label placed before it; one with no free spot is left out.

use std::collections::HashMap;

use super::metrics::text_width;
use super::{Align, Label, Point, Rect};

/// Rectangles to keep clear of, bucketed on a grid so that a dataset with 100,000
/// markers is checked as quickly as one with twenty.
pub(crate) struct Obstacles {
    cell: f32,
    rects: Vec<Rect>,
    buckets: HashMap<(i32, i32), Vec<usize>>,
}

impl Obstacles {
    pub fn new(cell: f32) -> Self {
        Self {
            cell: cell.max(1.0),
            rects: Vec::new(),
            buckets: HashMap::new(),
        }
    }

    #[allow(clippy::cast_possible_truncation)]
    fn cells(&self, r: &Rect) -> impl Iterator<Item = (i32, i32)> + use<> {
        let c = self.cell;
        let (x0, x1) = ((r.x / c).floor() as i32, (r.right() / c).floor() as i32);
        let (y0, y1) = ((r.y / c).floor() as i32, (r.bottom() / c).floor() as i32);
        // A rectangle far off the figure is kept to a bounded number of cells.
        let (x1, y1) = (
            x1.min(x0.saturating_add(512)),
            y1.min(y0.saturating_add(512)),
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Adds a rectangle; returns its index.
    pub fn add(&mut self, rect: Rect) -> usize {
        let index = self.rects.len();
        for key in self.cells(&rect) {
            self.buckets.entry(key).or_default().push(index);
        }
        self.rects.push(rect);
        index
    }

    /// Whether `rect` overlaps any rectangle but those in `except`.
    pub fn hits(&self, rect: &Rect, except: &[usize]) -> bool {
        self.cells(rect).any(|key| {
            self.buckets.get(&key).is_some_and(|list| {
                list.iter()
                    .any(|&i| !except.contains(&i) && self.rects[i].intersects(rect))
            })
        })
    }
}

/// A city that would like a label.
pub(crate) struct LabelRequest {
    pub city: usize,
    pub text: String,
    pub center: Point,
    /// How far from the centre the marker (and its ring) reaches.
    pub radius: f32,
    pub size: f32,
    /// The city's own marker's obstacles, which its label may touch.
    pub own: Vec<usize>,
}

/// Where a text sits in its label rectangle: the halo's room around it.
fn pad(size: f32) -> f32 {
    0.12 * size
}

/// The rectangle a label of `text` takes, with room for its halo.
pub(crate) fn label_size(text: &str, size: f32) -> (f32, f32) {
    let p = pad(size);
    (text_width(text, size) + 2.0 * p, 1.04 * size + 2.0 * p)
}

/// Labels for `requests` in their order (most important first), each in the first free
/// of eight spots around its marker — right, upper right, lower right, left, upper left,
/// lower left, above, below — inside `bounds`. Placed labels become obstacles.
pub(crate) fn labels(
    requests: &[LabelRequest],
    obstacles: &mut Obstacles,
    bounds: Rect,
) -> Vec<Label> {
    let mut placed = Vec::new();
    for request in requests {
        let (w, h) = label_size(&request.text, request.size);
        let (cx, cy, r) = (request.center.x, request.center.y, request.radius);
        let gap = 0.25 * request.size;
        let d = r * 0.72;
        // Left of the marker the text ends at it, above and below it is centred on it: the
        // estimated width then only decides what is free, never how far the text sits.
        let spots = [
            (cx + r + gap, cy - h / 2.0, Align::Start),
            (cx + d, cy - d - h, Align::Start),
            (cx + d, cy + d, Align::Start),
            (cx - r - gap - w, cy - h / 2.0, Align::End),
            (cx - d - w, cy - d - h, Align::End),
            (cx - d - w, cy + d, Align::End),
            (cx - w / 2.0, cy - r - gap / 2.0 - h, Align::Middle),
            (cx - w / 2.0, cy + r + gap / 2.0, Align::Middle),
        ];
        let free = spots
            .iter()
            .map(|&(x, y, align)| (Rect::new(x, y, w, h), align))
            .find(|(rect, _)| bounds.contains(rect) && !obstacles.hits(rect, &request.own));
        if let Some((rect, align)) = free {
            obstacles.add(rect);
            let p = pad(request.size);
            let x = match align {
                Align::Start => rect.x + p,
                Align::End => rect.right() - p,
                Align::Middle => rect.center().x,
            };
            placed.push(Label {
                city: request.city,
                text: request.text.clone(),
                at: Point::new(x, rect.y + p + 0.8 * request.size),
                align,
                size: request.size,
                rect,
            });
        }
    }
    placed
}

/// The first corner of `frame` (inset by `inset`) where a box of `size` overlaps no
/// obstacle; the corners nearest `near` first when given, else bottom left, top left,
/// bottom right, top right.
pub(crate) fn corner(
    frame: Rect,
    (w, h): (f32, f32),
    inset: f32,
    obstacles: &Obstacles,
    near: Option<Point>,
) -> Option<Rect> {
    if w + 2.0 * inset > frame.w || h + 2.0 * inset > frame.h {
        return None;
    }
    let (left, right) = (frame.x + inset, frame.right() - inset - w);
    let (top, bottom) = (frame.y + inset, frame.bottom() - inset - h);
    let mut corners = [
        Rect::new(left, bottom, w, h),
        Rect::new(left, top, w, h),
        Rect::new(right, bottom, w, h),
        Rect::new(right, top, w, h),
    ];
    if let Some(p) = near {
        let distance = |r: &Rect| {
            let c = r.center();
            (c.x - p.x).hypot(c.y - p.y)
        };
        corners.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
    }
    corners
        .into_iter()
        .find(|r| !obstacles.hits(&r.expand(inset / 2.0), &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_moves_round_its_marker_and_is_left_out_when_boxed_in() {
        let bounds = Rect::new(0.0, 0.0, 400.0, 400.0);
        let request = |own| LabelRequest {
            city: 0,
            text: "Almaty".into(),
            center: Point::new(100.0, 100.0),
            radius: 5.0,
            size: 12.0,
            own: vec![own],
        };
        let mut obstacles = Obstacles::new(20.0);
        let own = obstacles.add(Rect::around(Point::new(100.0, 100.0), 5.0, 5.0));
        let placed = labels(&[request(own)], &mut obstacles, bounds);
        assert!(
            placed[0].rect.x > 105.0,
            "right of the marker first: {placed:?}"
        );
        // Taken on the right: the label goes left, and becomes an obstacle itself.
        let mut obstacles = Obstacles::new(20.0);
        let own = obstacles.add(Rect::around(Point::new(100.0, 100.0), 5.0, 5.0));
        let right = Rect::new(106.0, 70.0, 100.0, 60.0);
        obstacles.add(right);
        let placed = labels(&[request(own)], &mut obstacles, bounds);
        assert!(placed[0].rect.right() < 95.0, "{placed:?}");
        assert!(!placed[0].rect.intersects(&right));
        assert!(obstacles.hits(&placed[0].rect, &[]));
        // Boxed in on every side, or at the edge of the bounds: no label.
        let mut full = Obstacles::new(20.0);
        let own = full.add(Rect::around(Point::new(100.0, 100.0), 5.0, 5.0));
        full.add(Rect::new(0.0, 0.0, 95.0, 400.0));
        full.add(Rect::new(105.0, 0.0, 300.0, 400.0));
        full.add(Rect::new(0.0, 0.0, 400.0, 95.0));
        full.add(Rect::new(0.0, 105.0, 400.0, 300.0));
        assert!(labels(&[request(own)], &mut full, bounds).is_empty());
        let mut edge = Obstacles::new(20.0);
        let own = edge.add(Rect::around(Point::new(100.0, 100.0), 5.0, 5.0));
        assert!(
            labels(
                &[request(own)],
                &mut edge,
                Rect::new(90.0, 90.0, 20.0, 20.0)
            )
            .is_empty()
        );
    }

    #[test]
    fn a_box_takes_a_free_corner() {
        let frame = Rect::new(0.0, 0.0, 300.0, 200.0);
        let mut obstacles = Obstacles::new(30.0);
        obstacles.add(Rect::around(Point::new(20.0, 180.0), 4.0, 4.0));
        let spot = corner(frame, (80.0, 50.0), 5.0, &obstacles, None).unwrap_or_default();
        assert_eq!(
            (spot.x, spot.y),
            (5.0, 5.0),
            "bottom left is taken: top left"
        );
        assert!(corner(frame, (400.0, 50.0), 5.0, &obstacles, None).is_none());
    }
}
