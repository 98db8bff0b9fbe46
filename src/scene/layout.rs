//! Laying a figure out: header, map frame(s), where the legend and callout go, credits.

use std::collections::HashSet;
use std::ops::RangeInclusive;
use std::sync::Arc;

use crate::i18n::Lang;
use crate::model::{Dataset, LonLatBounds, Rgb};

use super::boxes::{
    beside_or_under, callout_box, leader, legend_box, legend_specs, move_callout, move_legend,
};
use super::geo::{self, Geography, Projection};
use super::markers::{MarkerInput, MarkerStyle, map_labels, marker_obstacles, markers};
use super::metrics::{Units, text_width, wrap};
use super::place::{self, Obstacles};
use super::words::{Word, say};
use super::{Align, FigureOptions, MapPanel, Point, Rect, Scene, Text};

const BACKGROUND: Rgb = Rgb([0xFF, 0xFF, 0xFF]);
pub(super) const INK: Rgb = Rgb([0x1A, 0x1A, 0x1A]);
pub(super) const SOFT_INK: Rgb = Rgb([0x44, 0x44, 0x44]);
const CREDIT_INK: Rgb = Rgb([0x5E, 0x5E, 0x5E]);

/// Figures smaller or larger than this are made this size.
const SIZES: RangeInclusive<u32> = 64..=16_384;

#[allow(clippy::cast_precision_loss)]
fn figure_size((w, h): (u32, u32)) -> (f32, f32) {
    let clamp = |v: u32| v.clamp(*SIZES.start(), *SIZES.end()) as f32;
    (clamp(w), clamp(h))
}

pub(super) fn text(text: impl Into<String>, at: Point, size: f32, colour: Rgb) -> Text {
    Text {
        text: text.into(),
        at,
        size,
        colour,
        align: Align::Start,
        strong: false,
    }
}

/// The title (wrapped to two lines, smaller if it must) and the subtitle; returns them
/// and the header's bottom.
fn header(title: &str, subtitle: &str, width: f32, units: Units) -> (Vec<Text>, Text, f32) {
    let m = units.margin();
    let mut size = units.title();
    let mut lines = wrap(title, size, width);
    while (lines.len() > 2 || lines.iter().any(|l| text_width(l, size) > width))
        && size > units.title() * 0.55
    {
        size *= 0.9;
        lines = wrap(title, size, width);
    }
    let mut y = m + 0.8 * size;
    let mut texts = Vec::new();
    for line in lines {
        let mut t = text(line, Point::new(m, y), size, INK);
        t.strong = true;
        texts.push(t);
        y += 1.2 * size;
    }
    let s = units.subtitle();
    let baseline = y - 1.2 * size + 0.35 * size + 1.15 * s;
    let sub = text(subtitle, Point::new(m, baseline), s, SOFT_INK);
    (texts, sub, baseline + 0.35 * s + 0.6 * m)
}

/// The credits as lines no wider than `width`, from the bottom of the figure up;
/// returns them and the top of the footer.
fn footer(pieces: &[String], width: f32, height: f32, units: Units) -> (Vec<Text>, f32) {
    let size = units.credits();
    let mut lines: Vec<String> = Vec::new();
    for piece in pieces {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} · {piece}"), size) <= width => {
                line.push_str(" · ");
                line.push_str(piece);
            }
            _ => lines.push(piece.clone()),
        }
    }
    let m = units.margin();
    let step = 1.3 * size;
    let last = height - 0.8 * m;
    let count = lines.len();
    #[allow(clippy::cast_precision_loss)]
    let first = last - step * count.saturating_sub(1) as f32;
    let texts = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            #[allow(clippy::cast_precision_loss)]
            let y = first + step * i as f32;
            text(line, Point::new(m, y), size, CREDIT_INK)
        })
        .collect();
    (texts, first - 0.85 * size - 0.5 * m)
}

/// Data id and version, the publishers cited in `years`, the basemap.
fn credit_pieces(dataset: &Dataset, years: &RangeInclusive<i32>, lang: Lang) -> Vec<String> {
    let publishers: HashSet<&str> = dataset
        .cities
        .iter()
        .flat_map(|c| c.reports.iter())
        .filter(|r| years.contains(&r.year))
        .filter_map(|r| dataset.sources.get(r.source))
        .map(|s| s.publisher.as_str())
        .collect();
    let span = if years.start() == years.end() {
        years.start().to_string()
    } else {
        format!("{}–{}", years.start(), years.end())
    };
    vec![
        say(
            lang,
            Word::Data,
            &[("id", &dataset.info.id), ("version", &dataset.info.version)],
        ),
        say(
            lang,
            Word::Publishers,
            &[("years", &span), ("n", &publishers.len().to_string())],
        ),
        say(lang, Word::Basemap, &[]),
    ]
}

/// What every figure has: its size and units, the area it shows, the heading and the
/// credits, and the rectangle left between them for the maps and the legend.
struct Page {
    width: f32,
    height: f32,
    units: Units,
    m: f32,
    geography: Geography,
    home: LonLatBounds,
    highlight: Option<usize>,
    title: Vec<Text>,
    subtitle: Text,
    credits: Vec<Text>,
    body: Rect,
}

fn page(
    dataset: &Dataset,
    opts: &FigureOptions,
    subtitle: &str,
    years: &RangeInclusive<i32>,
) -> Page {
    let (width, height) = figure_size(opts.size);
    let units = Units::for_size(width, height);
    let m = units.margin();
    let geography = Geography::of(dataset);
    let home = opts
        .view
        .filter(geo::sane)
        .unwrap_or_else(|| geography.home(dataset));
    let highlight = opts.highlight.filter(|&i| i < dataset.cities.len());
    let title = opts.title.as_deref().unwrap_or(&dataset.info.title);
    let (title, subtitle, header_bottom) = header(title, subtitle, width - 2.0 * m, units);
    let (credits, footer_top) = footer(
        &credit_pieces(dataset, years, opts.lang),
        width - 2.0 * m,
        height,
        units,
    );
    let body = Rect::new(
        m,
        header_bottom,
        width - 2.0 * m,
        (footer_top - header_bottom).max(1.0),
    );
    Page {
        width,
        height,
        units,
        m,
        geography,
        home,
        highlight,
        title,
        subtitle,
        credits,
        body,
    }
}

/// The single-map figure.
pub(crate) fn single(dataset: &Dataset, opts: &FigureOptions) -> Scene {
    let subtitle = match opts.compare {
        Some(from) => format!("{from} → {}", opts.year),
        None => opts.year.to_string(),
    };
    let years = opts.year..=opts.year;
    let Page {
        width,
        height,
        units,
        m,
        geography,
        home,
        highlight,
        title,
        subtitle,
        credits,
        body: mut frame,
    } = page(dataset, opts, &subtitle, &years);
    let input = MarkerInput {
        dataset,
        year: opts.year,
        compare: opts.compare,
        highlight,
        lang: opts.lang,
    };
    let specs = legend_specs(dataset, &years, opts.compare, true, opts.lang);
    let mut callout = highlight.and_then(|c| callout_box(dataset, opts, c, 0.45 * width, units));
    let mut projection = Projection::fit(home, frame);
    let style = MarkerStyle::new(units);
    let (mut markers, mut clustered) = markers(&input, &projection, style);
    // The boxes go in corners of the map that no city is in (the legend in one column,
    // else two); when there are none, beside the map or under it, whichever leaves the
    // map larger, and the map shrinks to make room.
    let inset = 0.6 * m;
    let mut obstacles = Obstacles::new(40.0);
    marker_obstacles(&markers, &mut obstacles);
    let near = markers.iter().find(|k| k.highlighted).map(|k| k.center);
    let in_corners = [1, 2].into_iter().find_map(|columns| {
        let legend = legend_box(&specs, units, columns);
        let spot = place::corner(
            frame,
            (legend.frame.w, legend.frame.h),
            inset,
            &obstacles,
            None,
        )?;
        let callout_spot = match &callout {
            None => None,
            Some(c) => {
                let mut obstacles = Obstacles::new(40.0);
                marker_obstacles(&markers, &mut obstacles);
                obstacles.add(spot);
                Some(place::corner(
                    frame,
                    (c.frame.w, c.frame.h),
                    inset,
                    &obstacles,
                    near,
                )?)
            }
        };
        Some((legend, spot, callout_spot))
    });
    let legend = match in_corners {
        Some((mut legend, spot, callout_spot)) => {
            move_legend(&mut legend, Point::new(spot.x, spot.y));
            if let (Some(c), Some(spot)) = (&mut callout, callout_spot) {
                move_callout(c, Point::new(spot.x, spot.y));
            }
            legend
        }
        None => {
            let (legend, shrunk) = beside_or_under(frame, home, &specs, callout.as_mut(), units);
            frame = shrunk;
            projection = Projection::fit(home, frame);
            (markers, clustered) = self::markers(&input, &projection, style);
            legend
        }
    };
    let boxes: Vec<Rect> = std::iter::once(legend.frame)
        .chain(callout.as_ref().map(|c| c.frame))
        .collect();
    let labels = map_labels(&input, &markers, &boxes, frame, units.label(), !clustered);
    if let Some(c) = &mut callout {
        c.leader = leader(c, &markers, &labels);
    }
    let own_regions = dataset.info.boundaries.as_deref().map(|b| (b, input.year));
    let basemap = Arc::new(geo::basemap(
        &geography,
        &projection,
        0.9 * units.u,
        own_regions,
    ));
    Scene {
        width,
        height,
        background: BACKGROUND,
        maps: vec![MapPanel {
            frame,
            view: projection.view,
            basemap,
            markers,
            labels,
            heading: None,
            clustered,
        }],
        legend: Some(legend),
        callout,
        title,
        subtitle: Some(subtitle),
        credits,
    }
}

/// The years of `years` the dataset has; all of its years when none.
fn grid_years(dataset: &Dataset, years: RangeInclusive<i32>) -> RangeInclusive<i32> {
    let all = dataset.years();
    let start = (*years.start()).max(*all.start());
    let end = (*years.end()).min(*all.end());
    if start <= end { start..=end } else { all }
}

/// The screen width over height of `home` at the window's aspect.
fn home_ratio(home: &LonLatBounds) -> f32 {
    let aspect = crate::geography::aspect_for_latitude(home.mid_lat().clamp(-70.0, 70.0));
    let w = (home.max_lon - home.min_lon).max(1e-6) / aspect;
    let h = (home.max_lat - home.min_lat).max(1e-6);
    #[allow(clippy::cast_possible_truncation)]
    let ratio = (w / h) as f32;
    ratio.clamp(0.1, 10.0)
}

/// How the small maps fill the space: columns, the cell size, and whether the legend
/// sits in the empty cells of the last row (else in a column on the right), in how many
/// columns of its own.
struct GridPlan {
    cols: usize,
    cell_w: f32,
    cell_h: f32,
    legend_in_cells: bool,
    legend_columns: usize,
}

#[allow(clippy::cast_precision_loss)]
fn plan_grid(
    n: usize,
    region: Rect,
    legend: impl Fn(usize) -> (f32, f32),
    heading_h: f32,
    gap: f32,
    ratio: f32,
) -> GridPlan {
    let mut best: Option<(f32, GridPlan)> = None;
    let column = legend(1);
    for cols in 1..=n.max(1) {
        let rows = n.div_ceil(cols);
        let empty = rows * cols - n;
        for in_cells in [true, false] {
            if in_cells && empty == 0 {
                continue;
            }
            let area_w = region.w - if in_cells { 0.0 } else { column.0 + gap };
            let cell_w = (area_w - (cols - 1) as f32 * gap) / cols as f32;
            let cell_h = (region.h - (rows - 1) as f32 * gap) / rows as f32;
            let map_h = cell_h - heading_h;
            if cell_w <= 0.0 || map_h <= 0.0 {
                continue;
            }
            let mut legend_columns = 1;
            if in_cells {
                let empty_w = empty as f32 * cell_w + (empty - 1) as f32 * gap;
                let fits = (1..=4).find(|&c| {
                    let (w, h) = legend(c);
                    w <= empty_w && h <= map_h
                });
                match fits {
                    Some(c) => legend_columns = c,
                    None => continue,
                }
            }
            // The map's own area in the cell (the rest is context around it).
            let shown_w = cell_w.min(map_h * ratio);
            let score = shown_w * shown_w / ratio;
            if best.as_ref().is_none_or(|(s, _)| score > *s * 1.001) {
                best = Some((
                    score,
                    GridPlan {
                        cols,
                        cell_w,
                        cell_h,
                        legend_in_cells: in_cells,
                        legend_columns,
                    },
                ));
            }
        }
    }
    best.map_or(
        GridPlan {
            cols: n.max(1),
            cell_w: region.w / n.max(1) as f32,
            cell_h: region.h,
            legend_in_cells: false,
            legend_columns: 1,
        },
        |(_, plan)| plan,
    )
}

/// Small multiples: one map per year.
pub(crate) fn grid(dataset: &Dataset, years: RangeInclusive<i32>, opts: &FigureOptions) -> Scene {
    let years = grid_years(dataset, years);
    let subtitle = format!("{}–{}", years.start(), years.end());
    let Page {
        width,
        height,
        units,
        m,
        geography,
        home,
        highlight,
        title,
        subtitle,
        credits,
        body: region,
    } = page(dataset, opts, &subtitle, &years);
    let specs = legend_specs(dataset, &years, None, false, opts.lang);
    let heading_size = units.heading();
    let heading_h = 1.35 * heading_size;
    let gap = 0.9 * m;
    let n = usize::try_from(years.end() - years.start() + 1).unwrap_or(1);
    let plan = plan_grid(
        n,
        region,
        |columns| {
            let l = legend_box(&specs, units, columns);
            (l.frame.w, l.frame.h)
        },
        heading_h,
        gap,
        home_ratio(&home),
    );
    let mut legend = legend_box(&specs, units, plan.legend_columns);
    let cell_origin = |k: usize| {
        #[allow(clippy::cast_precision_loss)]
        let (col, row) = ((k % plan.cols) as f32, (k / plan.cols) as f32);
        Point::new(
            region.x + col * (plan.cell_w + gap),
            region.y + row * (plan.cell_h + gap),
        )
    };
    let legend_at = if plan.legend_in_cells {
        let first_empty = cell_origin(n);
        Point::new(first_empty.x, first_empty.y + heading_h)
    } else {
        Point::new(region.right() - legend.frame.w, region.y + heading_h)
    };
    move_legend(&mut legend, legend_at);
    let map_size = (plan.cell_w, (plan.cell_h - heading_h).max(1.0));
    let mut basemap = None;
    let maps = years
        .clone()
        .enumerate()
        .map(|(k, year)| {
            let origin = cell_origin(k);
            let frame = Rect::new(origin.x, origin.y + heading_h, map_size.0, map_size.1);
            let projection = Projection::fit(home, frame);
            let style = MarkerStyle::for_frame(frame);
            let input = MarkerInput {
                dataset,
                year,
                compare: None,
                highlight,
                lang: opts.lang,
            };
            let (markers, clustered) = markers(&input, &projection, style);
            let labels = map_labels(&input, &markers, &[], frame, units.label(), false);
            // One basemap for every year, unless the dataset's own boundaries change.
            let own_regions = dataset.info.boundaries.as_deref().map(|b| (b, year));
            let basemap = match own_regions {
                Some(_) => Arc::new(geo::basemap(
                    &geography,
                    &projection,
                    0.6 * units.u,
                    own_regions,
                )),
                None => Arc::clone(basemap.get_or_insert_with(|| {
                    Arc::new(geo::basemap(&geography, &projection, 0.6 * units.u, None))
                })),
            };
            let mut heading = text(
                year.to_string(),
                Point::new(origin.x, origin.y + 0.95 * heading_size),
                heading_size,
                INK,
            );
            heading.strong = true;
            MapPanel {
                frame,
                view: projection.view,
                basemap,
                markers,
                labels,
                heading: Some(heading),
                clustered,
            }
        })
        .collect();
    Scene {
        width,
        height,
        background: BACKGROUND,
        maps,
        legend: Some(legend),
        callout: None,
        title,
        subtitle: Some(subtitle),
        credits,
    }
}
