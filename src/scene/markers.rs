//! The cities on one map: a marker per city (or per grid cell of a large dataset) in
//! its status's colour and shape, and their labels.

use std::collections::BTreeMap;

use crate::i18n::Lang;
use crate::model::compare::{Change, CityChange};
use crate::model::{City, Dataset, Status};

use super::geo::Projection;
use super::metrics::Units;
use super::place::{self, LabelRequest, Obstacles};
use super::{Label, Marker, Point, Rect};

/// At most this many cities are labelled, largest first.
const LABEL_LIMIT: usize = 200;

/// The marker radius by population class (the window's `style::marker_radius`, in
/// points), so larger cities read larger.
fn marker_points(population: Option<u64>) -> f32 {
    match population.unwrap_or(0) {
        p if p >= 1_000_000 => 8.5,
        p if p >= 300_000 => 7.0,
        p if p >= 100_000 => 6.0,
        _ => 5.0,
    }
}

pub(crate) fn city_name<'a>(
    dataset: &'a Dataset,
    city: &'a City,
    year: i32,
    lang: Lang,
) -> &'a str {
    lang.tr().name(
        city.names_in(year, dataset.info.event_day),
        dataset.info.name_language.as_deref(),
    )
}

/// How markers are sized on one map.
#[derive(Clone, Copy)]
pub(super) struct MarkerStyle {
    /// Pixels per point of marker radius.
    scale: f32,
    min_radius: f32,
    badge_radius: f32,
    /// Side of a cluster cell in pixels.
    cell: f32,
}

impl MarkerStyle {
    /// Markers for a figure of `units`: as large beside its labels as in the window.
    pub fn new(units: Units) -> Self {
        let u = units.u;
        Self {
            scale: 0.85 * u,
            min_radius: 2.2,
            badge_radius: (5.2 * u).max(3.0),
            cell: (3.0 * u).max(6.0),
        }
    }

    /// Markers for a small map of the given frame (small multiples).
    pub fn for_frame(frame: Rect) -> Self {
        Self::new(Units::for_size(frame.w, frame.h))
    }

    fn radius(self, population: Option<u64>) -> f32 {
        (marker_points(population) * self.scale).max(self.min_radius)
    }
}

/// What the markers of one map show.
pub(super) struct MarkerInput<'a> {
    pub dataset: &'a Dataset,
    pub year: i32,
    pub compare: Option<i32>,
    pub highlight: Option<usize>,
    pub lang: Lang,
}

/// The markers of one map, smallest city first, the highlighted city last; clustered
/// into grid cells when there are more cities in the frame than it can show apart.
pub(super) fn markers(
    input: &MarkerInput<'_>,
    projection: &Projection,
    style: MarkerStyle,
) -> (Vec<Marker>, bool) {
    let MarkerInput {
        dataset,
        year,
        compare,
        highlight,
        lang,
    } = *input;
    let frame = projection.frame;
    let vocabulary = dataset.vocabulary();
    let tr = lang.tr();
    let visible: Vec<(usize, Point)> = dataset
        .cities
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                i,
                projection.figure_from_lonlat(c.location.lon, c.location.lat),
            )
        })
        .filter(|(_, p)| frame.contains_point(*p))
        .collect();
    let city_marker = |i: usize, center: Point| {
        let city = &dataset.cities[i];
        let cell = dataset.city_year(i, year);
        let change = compare.map(|from| CityChange::new(dataset, i, from, year).change);
        let quiet = matches!(change, Some(Change::Unchanged | Change::NeverReported));
        let label = tr.status(vocabulary, cell.status);
        let mut tooltip = format!("{}, {year}: {label}", city_name(dataset, city, year, lang));
        if cell.disputed {
            tooltip.push_str(&format!(" ({})", tr.get("legend.disputed")));
        }
        let tentative = dataset.is_tentative(i, year);
        if tentative {
            tooltip.push_str(&format!(" ({})", tr.get("legend.tentative")));
        }
        Marker {
            center,
            radius: style.radius(city.population),
            status: cell.status,
            fill: vocabulary.colour(cell.status),
            shape: vocabulary.shape(cell.status),
            disputed: cell.disputed,
            tentative,
            faded: quiet && highlight != Some(i),
            highlighted: highlight == Some(i),
            change: change.filter(|_| !quiet),
            city: Some(i),
            id: Some(city.id.clone()),
            cities: 1,
            tooltip,
            badge_radius: style.badge_radius,
        }
    };
    let area = frame.w * frame.h;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let threshold = ((area / 300.0) as usize).clamp(200, 1500);
    if visible.len() <= threshold {
        let mut order = visible;
        order.sort_by_key(|&(i, _)| {
            (
                highlight == Some(i),
                dataset.cities[i].population.unwrap_or(0),
                i,
            )
        });
        let markers = order.into_iter().map(|(i, p)| city_marker(i, p)).collect();
        return (markers, false);
    }
    // One marker per cell, at its cities' mean position, in the most frequent status
    // among those with reports (grey only when none has one).
    struct Cell {
        sum: (f64, f64),
        n: usize,
        counts: [usize; Status::SLOTS],
    }
    let mut cells: BTreeMap<(i32, i32), Cell> = BTreeMap::new();
    let statuses = dataset.statuses(year);
    for &(i, p) in &visible {
        #[allow(clippy::cast_possible_truncation)]
        let key = (
            ((p.x - frame.x) / style.cell).floor() as i32,
            ((p.y - frame.y) / style.cell).floor() as i32,
        );
        let cell = cells.entry(key).or_insert(Cell {
            sum: (0.0, 0.0),
            n: 0,
            counts: [0; Status::SLOTS],
        });
        cell.sum.0 += f64::from(p.x);
        cell.sum.1 += f64::from(p.y);
        cell.n += 1;
        let status = statuses.get(i).copied().unwrap_or(Status::NO_REPORT);
        cell.counts[status.index()] += 1;
    }
    let mut markers: Vec<Marker> = cells
        .into_values()
        .map(|cell| {
            let reported = vocabulary
                .claimable()
                .filter(|s| cell.counts[s.index()] > 0)
                // The most cities; on a tie the first in legend order.
                .max_by(|a, b| {
                    cell.counts[a.index()]
                        .cmp(&cell.counts[b.index()])
                        .then(b.cmp(a))
                });
            let status = reported.unwrap_or(Status::NO_REPORT);
            #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
            let center = Point::new(
                (cell.sum.0 / cell.n as f64) as f32,
                (cell.sum.1 / cell.n as f64) as f32,
            );
            Marker {
                center,
                radius: style.cell * 0.42,
                status,
                fill: vocabulary.colour(status),
                shape: vocabulary.shape(status),
                disputed: false,
                tentative: false,
                faded: false,
                highlighted: false,
                change: None,
                city: None,
                id: None,
                cities: cell.n,
                tooltip: format!(
                    "{}: {}",
                    tr.get("map.cluster").replace("{n}", &cell.n.to_string()),
                    tr.status(vocabulary, status)
                ),
                badge_radius: 0.0,
            }
        })
        .collect();
    // The highlighted city stands out on its own, on top.
    if let Some(&(i, p)) = visible.iter().find(|(i, _)| highlight == Some(*i)) {
        markers.push(city_marker(i, p));
    }
    (markers, true)
}

/// Every marker's reach (and its badges) as obstacles; returns, per marker, its own.
pub(super) fn marker_obstacles(markers: &[Marker], obstacles: &mut Obstacles) -> Vec<Vec<usize>> {
    markers
        .iter()
        .map(|m| {
            let mut own = vec![obstacles.add(Rect::around(m.center, m.reach(), m.reach()))];
            if m.disputed {
                let r = m.badge_radius + 1.0;
                own.push(obstacles.add(Rect::around(m.disputed_badge_center(), r, r)));
            }
            if m.change.is_some() {
                let r = m.badge_radius + 1.0;
                own.push(obstacles.add(Rect::around(m.change_badge_center(), r, r)));
            }
            own
        })
        .collect()
}

/// Labels for the highlighted city and then the largest cities, clear of every marker,
/// box and each other, inside the frame.
pub(super) fn map_labels(
    input: &MarkerInput<'_>,
    markers: &[Marker],
    boxes: &[Rect],
    frame: Rect,
    size: f32,
    all: bool,
) -> Vec<Label> {
    let mut obstacles = Obstacles::new(4.0 * size);
    let own = marker_obstacles(markers, &mut obstacles);
    for b in boxes {
        obstacles.add(b.expand(0.2 * size));
    }
    let mut order: Vec<usize> = (0..markers.len())
        .filter(|&i| markers[i].city.is_some() && (all || markers[i].highlighted))
        .collect();
    let population = |i: usize| {
        markers[i]
            .city
            .and_then(|c| input.dataset.cities.get(c))
            .and_then(|c| c.population)
            .unwrap_or(0)
    };
    order.sort_by_key(|&i| (!markers[i].highlighted, std::cmp::Reverse(population(i)), i));
    order.truncate(LABEL_LIMIT);
    let requests: Vec<LabelRequest> = order
        .into_iter()
        .filter_map(|i| {
            let m = &markers[i];
            let city = m.city?;
            let c = input.dataset.cities.get(city)?;
            Some(LabelRequest {
                city,
                text: city_name(input.dataset, c, input.year, input.lang).to_owned(),
                center: m.center,
                radius: m.reach(),
                size: if m.highlighted { 1.12 * size } else { size },
                own: own[i].clone(),
            })
        })
        .collect();
    place::labels(&requests, &mut obstacles, frame.expand(-2.0))
}
