//! What makes a large dataset quick to draw: an R-tree of the cities (culling, hit tests
//! when zoomed in) and a pyramid of square grid cells for drawing clusters when zoomed out.
//!
//! Cells live in a plane where a degree of longitude is shrunk by `cos(mid latitude)`, so
//! that they are about square on the map. Level 0 has cells [`COARSEST_CELL`] degrees (of
//! latitude) wide; each level halves them. Each cell keeps how many of its cities are in each
//! status for one year; [`CityIndex::recount`] refreshes that when the year or the hidden
//! statuses change (once, not per frame), finest level first, then rolled up.

use std::collections::HashMap;

use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};

use crate::model::{Dataset, MapFilter, Status};

/// Cell width of the coarsest level, in degrees of latitude.
pub const COARSEST_CELL: f64 = 16.0;
/// Levels 0..LEVELS; the finest cells are `16 / 2^(LEVELS-1)` ≈ 0.001° (about 100 m).
pub const LEVELS: usize = 15;

type Point = GeomWithData<[f64; 2], u32>;

/// Up to this many cities in view are drawn one by one; beyond it, nearby cities are drawn
/// as clusters with their count (and a dataset with more cities gets an index).
pub const INDIVIDUAL_LIMIT: usize = 1500;

/// One grid cell of one level.
#[derive(Clone, Debug)]
pub struct Cell {
    pub key: (i32, i32),
    /// Cities in the cell, whatever their status.
    pub members: u32,
    /// Mean position of the members: `[lon, lat]`.
    pub centre: [f64; 2],
    /// Members per status in the counted year, by [`Status::index`]; hidden statuses count 0.
    pub counts: [u32; Status::SLOTS],
    /// Members not hidden, and one of them (the city itself when there is one).
    pub shown: u32,
    pub some_shown: u32,
}

#[derive(Debug)]
pub struct Level {
    /// Cell width in degrees of latitude.
    pub cell: f64,
    pub cells: Vec<Cell>,
    lookup: HashMap<(i32, i32), u32>,
    /// For each cell, its cell in the next coarser level (empty for level 0).
    parent: Vec<u32>,
}

#[derive(Debug)]
pub struct CityIndex {
    tree: RTree<Point>,
    /// Degrees of latitude per degree of longitude on the map (`cos` of the mid latitude).
    x_scale: f64,
    pub levels: Vec<Level>,
    /// The finest level's cell of each city.
    city_cell: Vec<u32>,
    /// The year and hidden statuses the counts are for.
    counted: Option<(i32, MapFilter)>,
}

impl CityIndex {
    pub fn new(dataset: &Dataset) -> Self {
        let (min_lat, max_lat) = dataset
            .cities
            .iter()
            .map(|c| c.location.lat)
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let mid = if min_lat <= max_lat {
            (min_lat + max_lat) / 2.0
        } else {
            0.0
        };
        let x_scale = mid.to_radians().cos().clamp(0.05, 1.0);
        let points: Vec<Point> = dataset
            .cities
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Point::new(
                    [c.location.lon, c.location.lat],
                    u32::try_from(i).unwrap_or(u32::MAX),
                )
            })
            .collect();
        let tree = RTree::bulk_load(points);

        // The finest level from the cities, then each coarser one from the one below.
        let finest_cell = COARSEST_CELL / f64::from(1u32 << (LEVELS - 1));
        let mut finest = Level::empty(finest_cell);
        let mut city_cell = Vec::with_capacity(dataset.cities.len());
        let mut sums: Vec<[f64; 2]> = Vec::new();
        for city in &dataset.cities {
            let key = cell_key(city.location.lon * x_scale, city.location.lat, finest_cell);
            let index = finest.cell_index(key, &mut sums);
            let cell = &mut finest.cells[index as usize];
            cell.members += 1;
            sums[index as usize][0] += city.location.lon;
            sums[index as usize][1] += city.location.lat;
            city_cell.push(index);
        }
        finest.set_centres(&sums);
        let mut levels = vec![finest];
        for _ in 1..LEVELS {
            let Some(fine) = levels.last_mut() else {
                break;
            };
            let mut coarse = Level::empty(fine.cell * 2.0);
            let mut sums: Vec<[f64; 2]> = Vec::new();
            fine.parent = fine
                .cells
                .iter()
                .map(|cell| {
                    let key = (cell.key.0.div_euclid(2), cell.key.1.div_euclid(2));
                    let index = coarse.cell_index(key, &mut sums);
                    let parent = &mut coarse.cells[index as usize];
                    parent.members += cell.members;
                    let m = f64::from(cell.members);
                    sums[index as usize][0] += cell.centre[0] * m;
                    sums[index as usize][1] += cell.centre[1] * m;
                    index
                })
                .collect();
            coarse.set_centres(&sums);
            levels.push(coarse);
        }
        levels.reverse();
        Self {
            tree,
            x_scale,
            levels,
            city_cell,
            counted: None,
        }
    }

    pub fn len(&self) -> usize {
        self.city_cell.len()
    }

    pub fn is_empty(&self) -> bool {
        self.city_cell.is_empty()
    }

    /// Counts each cell's cities per status in `year`, leaving out `hidden` statuses.
    /// Does nothing when the counts are already for this year and these statuses.
    pub fn recount(&mut self, dataset: &Dataset, year: i32, filter: &MapFilter) {
        if self.counted == Some((year, *filter)) {
            return;
        }
        for level in &mut self.levels {
            for cell in &mut level.cells {
                cell.counts = [0; Status::SLOTS];
                cell.shown = 0;
            }
        }
        let Some(finest) = self.levels.last_mut() else {
            return;
        };
        let statuses = dataset.statuses(year);
        for (city, &cell) in self.city_cell.iter().enumerate() {
            let status = statuses.get(city).copied().unwrap_or(Status::NO_REPORT);
            if filter.hidden[status.index()]
                || (filter.only_disputed && !dataset.city_year(city, year).disputed)
            {
                continue;
            }
            let cell = &mut finest.cells[cell as usize];
            cell.counts[status.index()] += 1;
            cell.shown += 1;
            cell.some_shown = u32::try_from(city).unwrap_or(u32::MAX);
        }
        for fine in (1..self.levels.len()).rev() {
            let (coarser, finer) = self.levels.split_at_mut(fine);
            let (coarse, fine) = (&mut coarser[fine - 1], &finer[0]);
            for (cell, &parent) in fine.cells.iter().zip(&fine.parent) {
                if cell.shown == 0 {
                    continue;
                }
                let up = &mut coarse.cells[parent as usize];
                for (total, n) in up.counts.iter_mut().zip(cell.counts) {
                    *total += n;
                }
                up.shown += cell.shown;
                up.some_shown = cell.some_shown;
            }
        }
        self.counted = Some((year, *filter));
    }

    /// The level whose cells are at most `cell_px` screen points wide when a degree of
    /// latitude is `px_per_degree` points (the finest level when zoomed in further).
    pub fn level_for(&self, px_per_degree: f64, cell_px: f64) -> usize {
        let wanted = cell_px / px_per_degree.max(f64::MIN_POSITIVE);
        self.levels
            .iter()
            .position(|l| l.cell <= wanted)
            .unwrap_or(self.levels.len().saturating_sub(1))
    }

    /// The cells of `level` that have a shown city and overlap `bounds`
    /// (`[min lon, min lat, max lon, max lat]`).
    pub fn cells_in(&self, level: usize, bounds: [f64; 4]) -> Vec<&Cell> {
        let Some(level) = self.levels.get(level) else {
            return Vec::new();
        };
        let [x0, y0, x1, y1] = bounds;
        let (i0, j0) = cell_key(x0 * self.x_scale, y0, level.cell);
        let (i1, j1) = cell_key(x1 * self.x_scale, y1, level.cell);
        let span = (i64::from(i1) - i64::from(i0) + 1) * (i64::from(j1) - i64::from(j0) + 1);
        let inside =
            |c: &&Cell| (i0..=i1).contains(&c.key.0) && (j0..=j1).contains(&c.key.1) && c.shown > 0;
        if span > i64::try_from(level.cells.len()).unwrap_or(i64::MAX) {
            level.cells.iter().filter(inside).collect()
        } else {
            (j0..=j1)
                .flat_map(|j| (i0..=i1).map(move |i| (i, j)))
                .filter_map(|key| level.lookup.get(&key))
                .map(|&i| &level.cells[i as usize])
                .filter(inside)
                .collect()
        }
    }

    /// The cities inside `bounds`, in no particular order.
    pub fn cities_in(&self, bounds: [f64; 4]) -> impl Iterator<Item = usize> + '_ {
        let [x0, y0, x1, y1] = bounds;
        self.tree
            .locate_in_envelope(&AABB::from_corners([x0, y0], [x1, y1]))
            .map(|p| p.data as usize)
    }

    /// The city nearest `(lon, lat)`, measured on the map (longitude shrunk by `cos(lat)`),
    /// if one is within `max_degrees` of latitude.
    pub fn nearest(&self, lon: f64, lat: f64, max_degrees: f64) -> Option<usize> {
        // The tree measures in plain degrees, where a longitude degree is longer than on
        // the map: search the wider box, then measure on the map.
        let reach = max_degrees / self.x_scale;
        let candidates = self.tree.locate_in_envelope(&AABB::from_corners(
            [lon - reach, lat - max_degrees],
            [lon + reach, lat + max_degrees],
        ));
        candidates
            .map(|p| {
                let [x, y] = *p.geom();
                let d2 = ((x - lon) * self.x_scale).powi(2) + (y - lat).powi(2);
                (d2, p.data)
            })
            .filter(|&(d2, _)| d2 <= max_degrees * max_degrees)
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            .map(|(_, i)| i as usize)
    }
}

impl Level {
    fn empty(cell: f64) -> Self {
        Self {
            cell,
            cells: Vec::new(),
            lookup: HashMap::new(),
            parent: Vec::new(),
        }
    }

    fn cell_index(&mut self, key: (i32, i32), sums: &mut Vec<[f64; 2]>) -> u32 {
        let next = u32::try_from(self.cells.len()).unwrap_or(u32::MAX);
        let cells = &mut self.cells;
        *self.lookup.entry(key).or_insert_with(|| {
            cells.push(Cell {
                key,
                members: 0,
                centre: [0.0, 0.0],
                counts: [0; Status::SLOTS],
                shown: 0,
                some_shown: 0,
            });
            sums.push([0.0, 0.0]);
            next
        })
    }

    fn set_centres(&mut self, sums: &[[f64; 2]]) {
        for (cell, sum) in self.cells.iter_mut().zip(sums) {
            let m = f64::from(cell.members.max(1));
            cell.centre = [sum[0] / m, sum[1] / m];
        }
    }
}

fn cell_key(x: f64, y: f64, cell: f64) -> (i32, i32) {
    #[allow(clippy::cast_possible_truncation)]
    let key = |v: f64| {
        (v / cell)
            .floor()
            .clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32
    };
    (key(x), key(y))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::generate::{GenSpec, write_dataset};
    use crate::model::{LoadOptions, load_bytes};

    fn generated(cities: usize) -> Dataset {
        let mut bytes = Vec::new();
        write_dataset(
            GenSpec {
                cities,
                reports_per_city: 2,
                first_year: 2015,
                last_year: 2025,
                seed: 7,
            },
            &mut bytes,
        )
        .unwrap();
        load_bytes("gen.geojson", &bytes, LoadOptions::default())
            .unwrap()
            .dataset
    }

    #[test]
    fn every_level_counts_every_shown_city_once() {
        let d = generated(3000);
        let mut index = CityIndex::new(&d);
        let mut filter = MapFilter::default();
        index.recount(&d, 2020, &filter);
        let counts = d.counts(2020);
        for level in &index.levels {
            let members: u32 = level.cells.iter().map(|c| c.members).sum();
            assert_eq!(members as usize, d.cities.len());
            for status in d.vocabulary().legend() {
                let n: u32 = level.cells.iter().map(|c| c.counts[status.index()]).sum();
                assert_eq!(n as usize, counts[status.index()], "{status:?}");
            }
        }
        assert!(index.levels[0].cells.len() < 20);
        filter.hidden[Status::NO_REPORT.index()] = true;
        index.recount(&d, 2020, &filter);
        let shown: u32 = index.levels[3].cells.iter().map(|c| c.shown).sum();
        assert_eq!(
            shown as usize,
            d.cities.len() - counts[Status::NO_REPORT.index()]
        );
    }

    #[test]
    fn cells_in_a_box_hold_the_cities_in_that_box() {
        let d = generated(2000);
        let mut index = CityIndex::new(&d);
        index.recount(&d, 2025, &MapFilter::default());
        let bounds = [60.0, 42.0, 75.0, 50.0];
        let inside = d
            .cities
            .iter()
            .filter(|c| {
                (60.0..=75.0).contains(&c.location.lon) && (42.0..=50.0).contains(&c.location.lat)
            })
            .count();
        assert!(inside > 100);
        assert_eq!(index.cities_in(bounds).count(), inside);
        // Cells cut by the edge count whole, so the grid holds at least as many.
        for level in [2, 6, 10] {
            let shown: u32 = index.cells_in(level, bounds).iter().map(|c| c.shown).sum();
            assert!(shown as usize >= inside, "level {level}");
        }
        // A fine level's cells are many, a coarse one's few.
        assert!(index.cells_in(10, bounds).len() > index.cells_in(2, bounds).len());
    }

    #[test]
    fn the_nearest_city_is_found_within_reach_only() {
        let d = generated(2000);
        let index = CityIndex::new(&d);
        let c = &d.cities[123].location;
        assert_eq!(index.nearest(c.lon, c.lat, 0.0001), Some(123));
        let brute = |lon: f64, lat: f64| {
            (0..d.cities.len()).min_by(|&a, &b| {
                let d2 = |i: usize| {
                    let l = &d.cities[i].location;
                    ((l.lon - lon) * index.x_scale).powi(2) + (l.lat - lat).powi(2)
                };
                d2(a).total_cmp(&d2(b))
            })
        };
        for (lon, lat) in [(70.0, 48.0), (55.5, 45.25), (80.1, 50.9)] {
            assert_eq!(index.nearest(lon, lat, 5.0), brute(lon, lat));
        }
        assert_eq!(index.nearest(0.0, 0.0, 1.0), None);
    }

    #[test]
    fn zooming_in_picks_finer_levels() {
        let d = generated(100);
        let index = CityIndex::new(&d);
        let coarse = index.level_for(20.0, 40.0);
        let fine = index.level_for(2000.0, 40.0);
        assert!(fine > coarse);
        assert!(index.levels[coarse].cell <= 2.0);
        assert_eq!(index.level_for(1e12, 40.0), LEVELS - 1);
    }
}
