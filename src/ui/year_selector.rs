//! The row of year buttons, with Previous/Next (and the arrow keys) to step through them.
//! When the buttons do not fit on one row (a long span of years), a strip of one tick per
//! year takes their place: years with reports stand taller, the shown year is marked, and
//! a click or a drag picks a year. Either way it is one row.

use crate::command::Command;
use crate::model::Dataset;

/// Draws the year buttons; returns where each year's button was drawn (its centre),
/// so scripts and tests can click it.
pub fn year_selector_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    year: i32,
    compare: Option<i32>,
    commands: &mut Vec<Command>,
) -> Vec<(i32, egui::Pos2)> {
    let tr = crate::ui::tr(ui.ctx());
    let mut centres = Vec::new();
    let strip = !buttons_fit(ui, dataset);
    ui.horizontal(|ui| {
        let first = *dataset.years().start();
        let last = *dataset.years().end();
        if ui
            .add_enabled(year > first, egui::Button::new(tr.get("years.previous")))
            .on_hover_text(tr.get("years.previous_hint"))
            .clicked()
        {
            commands.push(Command::StepYear(-1));
        }
        if strip {
            centres = year_strip_ui(ui, dataset, year, compare, commands);
        }
        for y in dataset.years().filter(|_| !strip) {
            let text = egui::RichText::new(y.to_string()).size(15.0);
            let text = if y == year { text.strong() } else { text };
            // The compared year is underlined (and said so in its hover text).
            let compared = compare == Some(y) && y != year;
            let text = if compared { text.underline() } else { text };
            let button = egui::Button::new(text).selected(y == year);
            let hint = if compared {
                tr.fmt("years.compared_hint", &[("year", &y)])
            } else {
                tr.fmt("years.show_hint", &[("year", &y)])
            };
            let response = ui.add(button).on_hover_text(hint);
            if response.clicked() {
                commands.push(Command::SetYear(y));
            }
            centres.push((y, response.rect.center()));
        }
        if ui
            .add_enabled(year < last, egui::Button::new(tr.get("years.next")))
            .on_hover_text(tr.get("years.next_hint"))
            .clicked()
        {
            commands.push(Command::StepYear(1));
        }
        ui.separator();
        // A framed button (a bare toggle read as a label), drawn pressed while comparing.
        if ui
            .add(egui::Button::new(tr.get("years.compare")).selected(compare.is_some()))
            .on_hover_text(tr.get("years.compare_hint"))
            .clicked()
        {
            commands.push(Command::ToggleCompare);
        }
    });
    centres
}

/// The room the buttons need besides the years: Previous, Next, Compare and spacing.
const CONTROLS_WIDTH: f32 = 260.0;

/// Whether one button per year fits on one row.
fn buttons_fit(ui: &egui::Ui, dataset: &Dataset) -> bool {
    let font = egui::FontId::proportional(15.0);
    let spacing = ui.spacing();
    let per_button = 2.0 * spacing.button_padding.x + spacing.item_spacing.x;
    let years: f32 = dataset
        .years()
        .map(|y| crate::ui::text_width(ui, y.to_string(), &font) + per_button)
        .sum();
    years + CONTROLS_WIDTH <= ui.available_width()
}

/// One tick per year; returns each year's tick centre.
fn year_strip_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    year: i32,
    compare: Option<i32>,
    commands: &mut Vec<Command>,
) -> Vec<(i32, egui::Pos2)> {
    let tr = crate::ui::tr(ui.ctx());
    let years: Vec<i32> = dataset.years().collect();
    let width = (ui.available_width() - CONTROLS_WIDTH).max(120.0);
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, 34.0), egui::Sense::click_and_drag());
    #[allow(clippy::cast_precision_loss)]
    let step = rect.width() / years.len().max(1) as f32;
    #[allow(clippy::cast_precision_loss)]
    let x_of = |i: usize| rect.left() + (i as f32 + 0.5) * step;
    let year_at = |x: f32| {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let i = (((x - rect.left()) / step).floor().max(0.0) as usize).min(years.len() - 1);
        years[i]
    };
    let reported =
        |y: i32| dataset.cities.len() - dataset.counts(y)[crate::model::Status::NO_REPORT.index()];
    if let Some(pos) = response.interact_pointer_pos()
        && (response.clicked() || response.dragged())
    {
        let picked = year_at(pos.x);
        if picked != year {
            commands.push(Command::SetYear(picked));
        }
    }
    let hovered = response.hover_pos().map(|pos| year_at(pos.x));
    let response = match hovered {
        Some(y) => response.on_hover_text_at_pointer(tr.fmt(
            "years.strip_hint",
            &[
                ("year", &y),
                ("n", &reported(y)),
                ("total", &dataset.cities.len()),
            ],
        )),
        None => response,
    };
    response.widget_info(|| {
        egui::WidgetInfo::slider(true, f64::from(year), tr.get("years.strip_label"))
    });
    let painter = ui.painter_at(rect.expand(2.0));
    let visuals = ui.visuals();
    let base = rect.top() + 18.0;
    painter.line_segment(
        [
            egui::pos2(rect.left(), base),
            egui::pos2(rect.right(), base),
        ],
        egui::Stroke::new(1.0, visuals.weak_text_color()),
    );
    // Labels every so many years, as many as fit.
    let label_width = 34.0;
    let every = [1, 2, 5, 10, 20, 25, 50, 100]
        .into_iter()
        .find(|&n| step * n as f32 >= label_width)
        .unwrap_or(100);
    for (i, &y) in years.iter().enumerate() {
        let x = x_of(i);
        let has = reported(y) > 0;
        let (height, colour) = if has {
            (12.0, visuals.text_color())
        } else {
            (4.0, visuals.weak_text_color())
        };
        painter.line_segment(
            [egui::pos2(x, base - height), egui::pos2(x, base)],
            egui::Stroke::new((step * 0.5).clamp(1.0, 3.0), colour),
        );
        if compare == Some(y) && y != year {
            painter.line_segment(
                [
                    egui::pos2(x - 4.0, base + 2.0),
                    egui::pos2(x + 4.0, base + 2.0),
                ],
                egui::Stroke::new(2.0, visuals.text_color()),
            );
        }
        if y.rem_euclid(every) == 0 {
            painter.text(
                egui::pos2(x, base + 3.0),
                egui::Align2::CENTER_TOP,
                y.to_string(),
                egui::FontId::proportional(11.0),
                visuals.weak_text_color(),
            );
        }
    }
    if let Some(i) = years.iter().position(|&y| y == year) {
        let x = x_of(i);
        let accent = visuals.selection.bg_fill;
        painter.circle(
            egui::pos2(x, base - 6.0),
            6.0,
            accent,
            egui::Stroke::new(1.5, visuals.selection.stroke.color),
        );
    }
    if response.has_focus() {
        painter.rect_stroke(
            rect,
            2.0,
            visuals.selection.stroke,
            egui::StrokeKind::Outside,
        );
    }
    ui.label(egui::RichText::new(year.to_string()).size(17.0).strong());
    years
        .iter()
        .enumerate()
        .map(|(i, &y)| (y, egui::pos2(x_of(i), base - 6.0)))
        .collect()
}
