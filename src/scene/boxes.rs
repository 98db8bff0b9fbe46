//! The legend and the callout: their contents, their layout, and where they go when no
//! corner of the map is free of cities.

use std::ops::RangeInclusive;

use crate::i18n::Lang;
use crate::model::compare::{Change, CityChange};
use crate::model::{Dataset, LonLatBounds, Status};

use super::geo::Projection;
use super::layout::{INK, SOFT_INK, text};
use super::markers::city_name;
use super::metrics::{Units, text_width, wrap};
use super::words::{Word, say};
use super::{
    Align, Callout, FigureOptions, Label, Legend, LegendEntry, LegendIcon, Marker, Point, Rect,
    Text,
};

/// One legend entry before layout.
pub(super) struct EntrySpec {
    key: String,
    status: Option<Status>,
    icon: LegendIcon,
    label: String,
    count: Option<usize>,
}

/// The legend's entries for `years`: every status with cities in any of them, and
/// "no report"; the disputed badge when any city-year is disputed; the compare badges.
pub(super) fn legend_specs(
    dataset: &Dataset,
    years: &RangeInclusive<i32>,
    compare: Option<i32>,
    with_counts: bool,
    lang: Lang,
) -> Vec<EntrySpec> {
    let vocabulary = dataset.vocabulary();
    let tr = lang.tr();
    let mut totals = [0_usize; Status::SLOTS];
    let mut present = [false; Status::SLOTS];
    for year in years.clone() {
        let counts = dataset.counts(year);
        for (i, n) in counts.iter().enumerate() {
            totals[i] += n;
            present[i] |= *n > 0;
        }
    }
    let mut specs: Vec<EntrySpec> = vocabulary
        .legend()
        .filter(|s| present[s.index()] || s.is_no_report())
        .map(|s| EntrySpec {
            key: vocabulary.id(s).to_owned(),
            status: Some(s),
            icon: LegendIcon::Marker {
                fill: vocabulary.colour(s),
                shape: vocabulary.shape(s),
            },
            label: tr.status(vocabulary, s).to_owned(),
            count: with_counts.then_some(totals[s.index()]),
        })
        .collect();
    // City-years with a badge or a ring: one entry each, when there are any.
    let city_years = |flagged: &dyn Fn(usize, i32) -> bool| -> usize {
        (0..dataset.cities.len())
            .map(|c| years.clone().filter(|&y| flagged(c, y)).count())
            .sum()
    };
    let disputed = city_years(&|c, y| dataset.city_year(c, y).disputed);
    let tentative = city_years(&|c, y| dataset.is_tentative(c, y));
    for (key, icon, words, n) in [
        (
            "disputed",
            LegendIcon::Disputed,
            "legend.disputed",
            disputed,
        ),
        (
            "tentative",
            LegendIcon::Tentative,
            "legend.tentative",
            tentative,
        ),
    ] {
        if n > 0 {
            specs.push(EntrySpec {
                key: key.to_owned(),
                status: None,
                icon,
                label: tr.get(words).to_owned(),
                count: with_counts.then_some(n),
            });
        }
    }
    if let Some(from) = compare {
        let year = *years.end();
        let mut changes = [0_usize; Change::ALL.len()];
        for c in 0..dataset.cities.len() {
            changes[CityChange::new(dataset, c, from, year).change.index()] += 1;
        }
        for change in [
            Change::Changed,
            Change::NewlyReported,
            Change::NoLongerReported,
        ] {
            if changes[change.index()] > 0 {
                specs.push(EntrySpec {
                    key: format!("change-{}", change.id()),
                    status: None,
                    icon: LegendIcon::Change(change),
                    label: tr.get(&format!("change.{}", change.id())).to_owned(),
                    count: with_counts.then_some(changes[change.index()]),
                });
            }
        }
    }
    specs
}

/// The legend laid out in `columns` columns (filled top to bottom, then left to right),
/// its top-left corner at the origin.
pub(super) fn legend_box(specs: &[EntrySpec], units: Units, columns: usize) -> Legend {
    let size = units.legend();
    let pad = 0.7 * size;
    let row = 1.55 * size;
    let icon_column = 1.6 * size;
    let column_gap = 1.4 * size;
    let rows = specs.len().div_ceil(columns.max(1)).max(1);
    let mut entries = Vec::with_capacity(specs.len());
    let mut x = pad;
    for column in specs.chunks(rows) {
        let label_w = column
            .iter()
            .map(|s| text_width(&s.label, size))
            .fold(0.0, f32::max);
        let count_w = column
            .iter()
            .filter_map(|s| s.count)
            .map(|n| text_width(&n.to_string(), size))
            .fold(0.0, f32::max);
        let counts_w = if count_w > 0.0 {
            1.2 * size + count_w
        } else {
            0.0
        };
        let right = x + icon_column + label_w + counts_w;
        for (i, spec) in column.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let baseline = pad + i as f32 * row + 0.8 * size;
            let count_text = spec.count.map(|n| Text {
                align: Align::End,
                ..text(n.to_string(), Point::new(right, baseline), size, SOFT_INK)
            });
            entries.push(LegendEntry {
                key: spec.key.clone(),
                status: spec.status,
                icon: spec.icon,
                icon_at: Point::new(x + 0.55 * size, baseline - 0.33 * size),
                icon_radius: 0.36 * size,
                label: text(
                    spec.label.clone(),
                    Point::new(x + icon_column, baseline),
                    size,
                    INK,
                ),
                count: spec.count,
                count_text,
            });
        }
        x = right + column_gap;
    }
    let w = x - column_gap + pad;
    #[allow(clippy::cast_precision_loss)]
    let h = 2.0 * pad + rows as f32 * row - (row - 1.05 * size);
    Legend {
        frame: Rect::new(0.0, 0.0, w, h),
        entries,
    }
}

pub(super) fn move_legend(legend: &mut Legend, to: Point) {
    let (dx, dy) = (to.x - legend.frame.x, to.y - legend.frame.y);
    legend.frame = legend.frame.translate(dx, dy);
    for e in &mut legend.entries {
        e.icon_at = Point::new(e.icon_at.x + dx, e.icon_at.y + dy);
        for t in std::iter::once(&mut e.label).chain(e.count_text.as_mut()) {
            t.at = Point::new(t.at.x + dx, t.at.y + dy);
        }
    }
}

/// The highlighted city's name, status (and compared status), whether its sources
/// disagree, and the deciding source; laid out at the origin.
pub(super) fn callout_box(
    dataset: &Dataset,
    opts: &FigureOptions,
    city: usize,
    width: f32,
    units: Units,
) -> Option<Callout> {
    let c = dataset.cities.get(city)?;
    let tr = opts.lang.tr();
    let vocabulary = dataset.vocabulary();
    let year = opts.year;
    let cell = dataset.city_year(city, year);
    let size = units.legend();
    let pad = 0.7 * size;
    let max_w = width.min(24.0 * size);
    // Each year on its own line (the arrow the subtitle uses is missing from the
    // built-in font, and a line of mixed fonts reads badly).
    let mut now = format!("{year}: {}", tr.status(vocabulary, cell.status));
    if cell.uncertain {
        now.push_str(&format!(" ({})", tr.get("panel.uncertain_short")));
    }
    let mut body: Vec<String> = opts
        .compare
        .map(|from| {
            format!(
                "{from}: {}",
                tr.status(vocabulary, dataset.city_year(city, from).status)
            )
        })
        .into_iter()
        .chain(std::iter::once(now))
        .collect();
    let mut lines: Vec<(String, f32, bool)> = vec![(
        city_name(dataset, c, year, opts.lang).to_owned(),
        1.15 * size,
        true,
    )];
    if cell.disputed {
        body.push(tr.get("legend.disputed").to_owned());
    }
    match cell
        .deciding
        .and_then(|r| c.reports.get(r))
        .and_then(|r| dataset.sources.get(r.source))
    {
        Some(source) => body.push(say(
            opts.lang,
            Word::Source,
            &[
                ("publisher", &source.publisher),
                ("date", &source.published.to_string()),
            ],
        )),
        None => body.push(tr.get("meaning.no_report").to_owned()),
    }
    for part in body {
        for line in wrap(&part, size, max_w - 2.0 * pad) {
            lines.push((line, size, false));
        }
    }
    let w = lines
        .iter()
        .map(|(t, s, _)| text_width(t, *s))
        .fold(0.0, f32::max)
        + 2.0 * pad;
    let mut y = pad;
    let mut texts = Vec::new();
    for (line, s, strong) in lines {
        y += 0.85 * s;
        let mut t = text(
            line,
            Point::new(pad, y),
            s,
            if strong { INK } else { SOFT_INK },
        );
        t.strong = strong;
        texts.push(t);
        y += 0.5 * s;
    }
    Some(Callout {
        frame: Rect::new(0.0, 0.0, w, y - 0.5 * size + pad + 0.2 * size),
        lines: texts,
        leader: None,
        city,
    })
}

pub(super) fn move_callout(callout: &mut Callout, to: Point) {
    let (dx, dy) = (to.x - callout.frame.x, to.y - callout.frame.y);
    callout.frame = callout.frame.translate(dx, dy);
    for t in &mut callout.lines {
        t.at = Point::new(t.at.x + dx, t.at.y + dy);
    }
}

/// The line from the callout to its city's marker, when they are apart and it crosses
/// no label or other marker (the city is ringed and labelled, and the callout names it:
/// a line across the map would only get in the way).
pub(super) fn leader(
    callout: &Callout,
    markers: &[Marker],
    labels: &[Label],
) -> Option<(Point, Point)> {
    let m = markers.iter().find(|m| m.city == Some(callout.city))?;
    let from = callout.frame.nearest(m.center);
    let (dx, dy) = (m.center.x - from.x, m.center.y - from.y);
    let length = dx.hypot(dy);
    let stop = m.ring_radius() + 2.0;
    if length <= stop + 4.0 {
        return None;
    }
    let k = (length - stop) / length;
    let to = Point::new(from.x + dx * k, from.y + dy * k);
    let in_the_way = labels
        .iter()
        .filter(|l| l.city != callout.city)
        .map(|l| l.rect)
        .chain(
            markers
                .iter()
                .filter(|o| o.city != Some(callout.city))
                .map(|o| Rect::around(o.center, o.radius, o.radius)),
        )
        .any(|r| crosses(from, to, &r));
    (!in_the_way).then_some((from, to))
}

/// Whether the segment from `a` to `b` passes through `r` (sampled every pixel or so).
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    let length = (b.x - a.x).hypot(b.y - a.y);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let steps = (length.ceil() as usize).clamp(1, 4096);
    (0..=steps).any(|i| {
        #[allow(clippy::cast_precision_loss)]
        let t = i as f32 / steps as f32;
        r.contains_point(Point::new(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
    })
}

/// The legend (and callout) outside the map: in a column on its right, or in a band
/// under it with the legend in as many columns as fit — whichever shows the home area
/// larger. Returns the legend and the map's new frame; moves the callout.
pub(super) fn beside_or_under(
    frame: Rect,
    home: LonLatBounds,
    specs: &[EntrySpec],
    callout: Option<&mut Callout>,
    units: Units,
) -> (Legend, Rect) {
    let m = units.margin();
    let (cw, ch) = callout
        .as_ref()
        .map_or((0.0, 0.0), |c| (c.frame.w, c.frame.h));
    let column = legend_box(specs, units, 1);
    let side_w = column.frame.w.max(cw);
    let side = Rect::new(frame.x, frame.y, (frame.w - side_w - m).max(1.0), frame.h);
    let room = frame.w - if cw > 0.0 { cw + m } else { 0.0 };
    let band = (1..=specs.len().max(1))
        .rev()
        .map(|columns| legend_box(specs, units, columns))
        .find(|l| l.frame.w <= room)
        .unwrap_or_else(|| legend_box(specs, units, 1));
    let band_h = band.frame.h.max(ch);
    let under = Rect::new(frame.x, frame.y, frame.w, (frame.h - band_h - m).max(1.0));
    let scale = |f: Rect| {
        let p = Projection::fit(home, f);
        f64::from(f.w) / (p.view.max_lon - p.view.min_lon)
    };
    if scale(side) >= scale(under) {
        let mut legend = column;
        let x = side.right() + m;
        move_legend(&mut legend, Point::new(x, side.y));
        if let Some(c) = callout {
            move_callout(c, Point::new(x, legend.frame.bottom() + m));
        }
        (legend, side)
    } else {
        let mut legend = band;
        let y = under.bottom() + m;
        move_legend(&mut legend, Point::new(under.x, y));
        if let Some(c) = callout {
            move_callout(c, Point::new(under.right() - c.frame.w, y));
        }
        (legend, under)
    }
}
