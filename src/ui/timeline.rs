//! The timeline strip under the map: one bar per year, split at a baseline — above it the
//! cities where the commemoration took place (as planned, changed, or announced), below it
//! those where it did not (replaced, official only, not held, nothing planned) — so a year
//! of bans does not look like a year of marches. A y-axis counts cities; hovering a year
//! names its counts, hovering a segment its status; the shown year is a band behind its
//! bar with its number above; a click on a bar goes to that year. Play (Space) steps
//! through the years.

use egui_plot::{Bar, BarChart, Plot, PlotPoints, Polygon, Text};

use crate::command::Command;
use crate::model::{Dataset, Status};
use crate::ui::style::status_color;

/// One status's row of the chart: its count per year, negative below the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub status: Status,
    /// Drawn below the baseline: the commemoration did not take place.
    pub below: bool,
    /// `(year, cities)` for every year of the dataset.
    pub counts: Vec<(i32, usize)>,
}

/// The chart's rows, in legend order, for every status a report can claim ("no report"
/// is left out: the bars show what was reported, the legend and the tooltip the rest).
pub fn series(dataset: &Dataset) -> Vec<Series> {
    let vocabulary = dataset.vocabulary();
    vocabulary
        .claimable()
        .map(|status| Series {
            status,
            below: vocabulary
                .outcome(status)
                .is_some_and(crate::model::status::Outcome::did_not_happen),
            counts: dataset
                .years()
                .map(|y| (y, dataset.counts(y)[status.index()]))
                .collect(),
        })
        .collect()
}

/// What the tooltip of one year says: how many cities have a report, then each status
/// with its count (the ones with none left out), then those without a report.
pub fn year_summary(dataset: &Dataset, year: i32, tr: &crate::i18n::Strings) -> String {
    let counts = dataset.counts(year);
    let unreported = counts[Status::NO_REPORT.index()];
    let total = dataset.cities.len();
    let mut lines = vec![tr.fmt(
        "timeline.year_summary",
        &[
            ("year", &year),
            ("reported", &(total - unreported)),
            ("total", &total),
        ],
    )];
    let vocabulary = dataset.vocabulary();
    for status in vocabulary.claimable() {
        let n = counts[status.index()];
        if n > 0 {
            let side = match vocabulary.outcome(status) {
                Some(outcome) if outcome.did_not_happen() => "▼",
                _ => "▲",
            };
            lines.push(format!("{side} {}: {n}", tr.status(vocabulary, status)));
        }
    }
    lines.push(format!(
        "{}: {unreported}",
        tr.status(vocabulary, Status::NO_REPORT)
    ));
    lines.join("\n")
}

#[allow(clippy::cast_precision_loss)]
fn as_f64(n: usize) -> f64 {
    n as f64
}

pub fn timeline_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    year: i32,
    playing: bool,
    commands: &mut Vec<Command>,
) {
    let tr = crate::ui::tr(ui.ctx());
    ui.horizontal(|ui| {
        let label = if playing {
            tr.get("timeline.pause")
        } else {
            tr.get("timeline.play")
        };
        // As wide as the wider of its two words, so Play → Pause does not move the chart.
        let font = egui::TextStyle::Button.resolve(ui.style());
        let widest = [tr.get("timeline.play"), tr.get("timeline.pause")]
            .iter()
            .map(|t| crate::ui::text_width(ui, *t, &font))
            .fold(0.0_f32, f32::max);
        let width = widest + 2.0 * ui.spacing().button_padding.x;
        if ui
            .add(egui::Button::new(label).min_size(egui::vec2(width, 0.0)))
            .on_hover_text(tr.get("timeline.play_hint"))
            .clicked()
        {
            commands.push(Command::TogglePlay);
        }
        let years = dataset.years();
        let vocabulary = dataset.vocabulary();
        let rows = series(dataset);
        let (mut top, mut bottom) = (1.0_f64, 0.0_f64);
        for y in years.clone() {
            let (up, down) = rows.iter().fold((0, 0), |(up, down), row| {
                let n = dataset.counts(y)[row.status.index()];
                if row.below {
                    (up, down + n)
                } else {
                    (up + n, down)
                }
            });
            top = top.max(as_f64(up));
            bottom = bottom.max(as_f64(down));
        }
        let mut charts: Vec<BarChart> = Vec::new();
        for row in &rows {
            let colour = status_color(vocabulary, row.status);
            let name = tr.status(vocabulary, row.status).to_owned();
            let bars = row
                .counts
                .iter()
                .map(|&(y, n)| {
                    let value = if row.below { -as_f64(n) } else { as_f64(n) };
                    Bar::new(f64::from(y), value)
                        .width(0.7)
                        .fill(colour)
                        .name(format!("{y}: {name}"))
                })
                .collect();
            let below: Vec<&BarChart> = charts.iter().collect();
            let chart = BarChart::new(name, bars)
                .color(colour)
                .element_formatter(Box::new(|bar, _| {
                    format!("{}: {}", bar.name, bar.value.abs().round())
                }))
                .stack_on(&below);
            charts.push(chart);
        }
        let (first, last) = (f64::from(*years.start()), f64::from(*years.end()));
        let shown = f64::from(year);
        let label = year.to_string();
        let label_width =
            crate::ui::text_width(ui, &label, &egui::TextStyle::Body.resolve(ui.style())) + 2.0;
        // The plot remembers its bounds by id: a dataset of other years (opened after the
        // first one) gets a plot of its own, not the last one's span.
        let response = Plot::new(("timeline", *years.start(), *years.end()))
            .height(96.0)
            .show_axes([true, true])
            .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
            .y_grid_spacer(egui_plot::uniform_grid_spacer(|input| {
                // Whole cities: steps of 1, 5, 10… whatever fits the height.
                let span = input.bounds.1 - input.bounds.0;
                let step = [
                    1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1e3, 1e4, 1e5,
                ]
                .into_iter()
                .find(|s| span / s <= 4.0)
                .unwrap_or(1e6);
                [step, step * 5.0, step * 10.0]
            }))
            .x_axis_formatter(|mark, _| {
                if mark.value.fract() == 0.0 {
                    format!("{:.0}", mark.value)
                } else {
                    String::new()
                }
            })
            // Counts below the baseline are cities too: no minus signs.
            .y_axis_formatter(|mark, _| {
                if mark.value.fract() == 0.0 {
                    format!("{:.0}", mark.value.abs())
                } else {
                    String::new()
                }
            })
            .y_axis_min_width(18.0)
            .show_grid([false, true])
            .show_x(false)
            .show_y(false)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .include_y(-bottom)
            .include_y(top * 1.25)
            .default_x_bounds(first - 0.6, last + 0.6)
            .show(ui, |plot_ui| {
                // The shown year: a band behind its bar, and its number above it.
                let (lo, hi) = (-bottom - 0.5, top * 1.25);
                plot_ui.polygon(
                    Polygon::new(
                        "shown year",
                        PlotPoints::from(vec![
                            [shown - 0.5, lo],
                            [shown + 0.5, lo],
                            [shown + 0.5, hi],
                            [shown - 0.5, hi],
                        ]),
                    )
                    .fill_color(egui::Color32::from_rgba_unmultiplied(0x20, 0x60, 0xC0, 40))
                    .stroke(egui::Stroke::new(
                        1.5,
                        egui::Color32::from_rgb(0x20, 0x40, 0x80),
                    ))
                    .allow_hover(false),
                );
                for chart in charts {
                    plot_ui.bar_chart(chart);
                }
                plot_ui.hline(
                    egui_plot::HLine::new("baseline", 0.0)
                        .color(egui::Color32::from_gray(0x30))
                        .width(1.0)
                        .allow_hover(false),
                );
                // Over its bar, moved inside the plot at either end: with many years a bar
                // is narrower than its number, which was cut in half at the first or last.
                let half =
                    f64::from(label_width) / 2.0 * plot_ui.transform().dvalue_dpos()[0].abs();
                let (lo_x, hi_x) = (first - 0.6 + half, last + 0.6 - half);
                let x = if lo_x <= hi_x {
                    shown.clamp(lo_x, hi_x)
                } else {
                    shown
                };
                plot_ui.text(
                    Text::new(
                        "shown year label",
                        egui_plot::PlotPoint::new(x, top * 1.12),
                        egui::RichText::new(label)
                            .strong()
                            .color(egui::Color32::from_rgb(0x20, 0x40, 0x80)),
                    )
                    .allow_hover(false),
                );
                plot_ui.pointer_coordinate()
            });
        let pointer = response.inner;
        let hovered_year = pointer.filter(|p| p.x.is_finite()).map(|p| {
            #[allow(clippy::cast_possible_truncation)]
            let y = p.x.round() as i32;
            y.clamp(*years.start(), *years.end())
        });
        let plot = match hovered_year {
            Some(y) => response.response.on_hover_ui(|ui| {
                ui.label(year_summary(dataset, y, tr));
                ui.weak(tr.get("timeline.hint"));
            }),
            None => response.response.on_hover_text(tr.get("timeline.hint")),
        };
        if plot.clicked()
            && let Some(clicked_year) = hovered_year
        {
            commands.push(Command::SetYear(clicked_year));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builtin::test_dataset;

    #[test]
    fn what_did_not_happen_is_below_the_baseline_and_every_reported_city_is_counted_once() {
        let dataset = test_dataset();
        let rows = series(&dataset);
        let vocabulary = dataset.vocabulary();
        let refused = vocabulary.find("refused").expect("built-in status");
        let held = vocabulary.find("held").expect("built-in status");
        assert!(rows.iter().find(|r| r.status == refused).unwrap().below);
        assert!(!rows.iter().find(|r| r.status == held).unwrap().below);
        for y in dataset.years() {
            let counted: usize = rows
                .iter()
                .map(|r| r.counts.iter().find(|(year, _)| *year == y).unwrap().1)
                .sum();
            let unreported = dataset.counts(y)[Status::NO_REPORT.index()];
            assert_eq!(counted + unreported, dataset.cities.len(), "year {y}");
        }
        // 2025's refusals are drawn below, so 2025 does not stand as tall as 2015.
        let below_2025: usize = rows
            .iter()
            .filter(|r| r.below)
            .map(|r| r.counts.iter().find(|(y, _)| *y == 2025).unwrap().1)
            .sum();
        assert!(below_2025 > 0);
    }

    #[test]
    fn a_year_s_summary_counts_its_cities_and_names_its_statuses() {
        let dataset = test_dataset();
        let tr = crate::i18n::Lang::En.tr();
        let text = year_summary(&dataset, 2019, tr);
        let counts = dataset.counts(2019);
        let unreported = counts[Status::NO_REPORT.index()];
        let total = dataset.cities.len();
        assert!(
            text.starts_with(&format!(
                "2019: {} of {total} cities reported",
                total - unreported
            )),
            "{text}"
        );
        assert!(text.contains("▲ Held:"), "{text}");
        assert!(
            text.ends_with(&format!("No report: {unreported}")),
            "{text}"
        );
    }
}
