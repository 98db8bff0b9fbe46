//! The timeline strip under the map: one stacked bar per year with the cities in each
//! reported status, the shown year marked; a click on a bar goes to that year. Play (Space) steps
//! through the years.

use egui_plot::{Bar, BarChart, Plot, VLine};

use crate::command::Command;
use crate::model::{Dataset, Status};
use crate::ui::style::status_color;

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
        let mut charts: Vec<BarChart> = Vec::new();
        // "No report" is left out: the bars show what was reported, the legend the rest.
        for status in dataset.vocabulary().claimable() {
            let bars = years
                .clone()
                .map(|y| {
                    #[allow(clippy::cast_precision_loss)]
                    let count = dataset.counts(y)[status.index()] as f64;
                    Bar::new(f64::from(y), count)
                        .width(0.7)
                        .fill(status_color(dataset.vocabulary(), status))
                        .name(format!("{y}: {}", tr.status(dataset.vocabulary(), status)))
                })
                .collect();
            let below: Vec<&BarChart> = charts.iter().collect();
            let chart = BarChart::new(tr.status(dataset.vocabulary(), status), bars)
                .color(status_color(dataset.vocabulary(), status))
                .stack_on(&below);
            charts.push(chart);
        }
        let most_reported = years
            .clone()
            .map(|y| dataset.cities.len() - dataset.counts(y)[Status::NO_REPORT.index()])
            .max()
            .unwrap_or(0)
            .max(1);
        #[allow(clippy::cast_precision_loss)]
        let top = most_reported as f64;
        let response = Plot::new("timeline")
            .height(72.0)
            .show_axes([true, false])
            .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
            .x_axis_formatter(|mark, _| {
                if mark.value.fract() == 0.0 {
                    format!("{:.0}", mark.value)
                } else {
                    String::new()
                }
            })
            .show_grid(false)
            .show_x(false)
            .show_y(false)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .include_y(0.0)
            .include_y(top)
            .default_x_bounds(
                f64::from(*years.start()) - 0.6,
                f64::from(*years.end()) + 0.6,
            )
            .show(ui, |plot_ui| {
                for chart in charts {
                    plot_ui.bar_chart(chart);
                }
                plot_ui.vline(
                    VLine::new("shown year", f64::from(year))
                        .color(egui::Color32::from_rgb(0x20, 0x20, 0x20))
                        .width(2.0),
                );
                plot_ui.pointer_coordinate()
            });
        let pointer = response.inner;
        let plot = response.response.on_hover_text(tr.get("timeline.hint"));
        if plot.clicked()
            && let Some(point) = pointer
        {
            #[allow(clippy::cast_possible_truncation)]
            let clicked_year = point.x.round() as i32;
            commands.push(Command::SetYear(clicked_year));
        }
    });
}
