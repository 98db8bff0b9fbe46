//! The legend: every status with its marker and how many cities have it this year. A click
//! on an entry hides or shows that status on the map; the counts stay.

use egui::RichText;

use crate::command::Command;
use crate::model::compare::{Change, Comparison};
use crate::model::{Dataset, MapFilter, Status, Vocabulary};
use crate::ui::compare_panel::{change_hint_key, change_key};
use crate::ui::style::{change_icon_ui, disputed_icon_ui, marker_icon_ui, split_icon_ui};

/// One piece of the legend, kept whole on a line.
#[derive(Clone, Copy)]
enum Entry {
    Year,
    Status(Status),
    /// Comparing: a kind of change, with its badge and count.
    Change(Change),
    /// Comparing: what the two halves of a split marker are.
    Split,
    Disputed,
    Tentative,
    OnlyReported,
}

const ICON: f32 = 16.0;
const GAP: f32 = 3.0;

pub fn legend_ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    year: i32,
    filter: &MapFilter,
    comparison: Option<&Comparison>,
    commands: &mut Vec<Command>,
) {
    let hidden = &filter.hidden;
    let counts = dataset.counts(year);
    let (disputed, tentative) = dataset.flagged(year);
    let tr = crate::ui::tr(ui.ctx());
    let label = |entry: Entry| match entry {
        Entry::Year => format!("{year}:"),
        Entry::Status(status) => format!(
            "{} {}",
            tr.status(dataset.vocabulary(), status),
            counts[status.index()]
        ),
        Entry::Disputed => format!("{} {disputed}", tr.get("legend.disputed")),
        Entry::Tentative => format!("{} {tentative}", tr.get("legend.tentative")),
        Entry::OnlyReported => tr.get("legend.only_reported").to_owned(),
        Entry::Change(change) => format!(
            "{} {}",
            tr.get(change_key(change)),
            comparison.map_or(0, |c| c.counts[change.index()])
        ),
        Entry::Split => comparison.map_or_else(String::new, |c| {
            tr.fmt("legend.split", &[("from", &c.from), ("to", &c.to)])
        }),
    };
    let changes = comparison.into_iter().flat_map(|_| {
        [
            Change::Changed,
            Change::NewlyReported,
            Change::NoLongerReported,
        ]
        .map(Entry::Change)
        .into_iter()
        .chain([Entry::Split])
    });
    // Statuses no city has in any year are left out (a vocabulary may be large); the
    // others stay in every year, so the legend does not jump as the years change.
    let mut used = [false; crate::model::Status::SLOTS];
    for year in dataset.years() {
        for (slot, n) in dataset.counts(year).iter().enumerate() {
            used[slot] |= *n > 0;
        }
    }
    let entries: Vec<Entry> = std::iter::once(Entry::Year)
        .chain(
            dataset
                .vocabulary()
                .legend()
                .filter(|s| s.is_no_report() || used[s.index()])
                .map(Entry::Status),
        )
        .chain(changes)
        .chain([Entry::Disputed, Entry::Tentative, Entry::OnlyReported])
        .collect();

    // Lines are packed here rather than by `horizontal_wrapped`, which breaks a long label
    // (Russian and Kazakh ones are) inside itself instead of moving it to the next line.
    let spacing = ui.spacing().clone();
    let font = egui::TextStyle::Button.resolve(ui.style());
    let width = |entry: Entry| {
        let text = crate::ui::text_width(ui, label(entry), &font);
        let extra = match entry {
            Entry::Year => 0.0,
            Entry::Status(_) => ICON + GAP + 2.0 * spacing.button_padding.x + 4.0,
            Entry::Disputed => ICON + GAP + 8.0 + 2.0 * spacing.button_padding.x,
            Entry::Tentative | Entry::Change(_) | Entry::Split => ICON + GAP + 8.0,
            Entry::OnlyReported => spacing.icon_width + spacing.icon_spacing,
        };
        text + extra + spacing.item_spacing.x
    };
    let available = ui.available_width();
    let mut lines: Vec<Vec<Entry>> = vec![Vec::new()];
    let mut used = 0.0;
    for entry in entries {
        let w = width(entry);
        if used + w > available && lines.last().is_some_and(|l| !l.is_empty()) {
            lines.push(Vec::new());
            used = 0.0;
        }
        used += w;
        if let Some(line) = lines.last_mut() {
            line.push(entry);
        }
    }
    for line in lines {
        ui.horizontal(|ui| {
            for entry in line {
                match entry {
                    Entry::Year => {
                        ui.strong(label(entry));
                    }
                    Entry::Status(status) => {
                        status_entry_ui(
                            ui,
                            dataset.vocabulary(),
                            status,
                            label(entry),
                            hidden,
                            commands,
                        );
                        ui.add_space(4.0);
                    }
                    Entry::Disputed => {
                        disputed_icon_ui(ui, ICON);
                        // A toggle: only the disputed city-years on the map, or all.
                        if ui
                            .selectable_label(filter.only_disputed, label(entry))
                            .on_hover_text(tr.get("legend.disputed_hint"))
                            .clicked()
                        {
                            commands.push(Command::ToggleDisputedOnly);
                        }
                        ui.add_space(8.0);
                    }
                    Entry::Change(change) => {
                        change_icon_ui(ui, change, ICON);
                        ui.label(label(entry))
                            .on_hover_text(tr.get(change_hint_key(change)));
                        ui.add_space(8.0);
                    }
                    Entry::Split => {
                        split_icon_ui(ui, dataset.vocabulary(), ICON);
                        ui.label(label(entry));
                        ui.add_space(8.0);
                    }
                    Entry::Tentative => {
                        crate::ui::style::tentative_icon_ui(ui, ICON);
                        ui.label(label(entry))
                            .on_hover_text(tr.get("legend.tentative_hint"));
                        ui.add_space(8.0);
                    }
                    Entry::OnlyReported => {
                        let mut only_reported = hidden[Status::NO_REPORT.index()];
                        if ui.checkbox(&mut only_reported, label(entry)).changed() {
                            commands.push(Command::ToggleStatus(Status::NO_REPORT));
                        }
                    }
                }
            }
        });
    }
}

/// A toggle (AccessKit sees it selected while shown) that looks like a label.
fn status_entry_ui(
    ui: &mut egui::Ui,
    vocabulary: &Vocabulary,
    status: Status,
    label: String,
    hidden: &[bool; Status::SLOTS],
    commands: &mut Vec<Command>,
) {
    let tr = crate::ui::tr(ui.ctx());
    let shown = !hidden[status.index()];
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing.x = GAP;
        let text_color = ui.visuals().text_color();
        let selection = &mut ui.visuals_mut().selection;
        selection.bg_fill = egui::Color32::TRANSPARENT;
        selection.stroke.color = text_color;
        if !shown {
            ui.multiply_opacity(0.35);
        }
        marker_icon_ui(ui, vocabulary, status, ICON);
        let text = RichText::new(label);
        let text = if shown { text } else { text.strikethrough() };
        let hint = if shown {
            tr.get("legend.hide_hint")
        } else {
            tr.get("legend.show_hint")
        };
        let entry = ui
            .add(egui::Button::selectable(shown, text).wrap_mode(egui::TextWrapMode::Extend))
            .on_hover_text(format!("{} ({hint})", tr.meaning(vocabulary, status)));
        if entry.clicked() {
            commands.push(Command::ToggleStatus(status));
        }
    });
}
