//! What the user can ask for. Widgets push [`Command`]s while they draw and the app applies
//! them afterwards; the ones with a name and a keyboard shortcut are listed once in
//! [`UiCommand`], which the menus, the keyboard handler and the tooltips all read, so a
//! shortcut shown in a menu is by construction the shortcut handled.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::Lang;
use crate::model::Status;
use crate::output::ExportRequest;

/// What the city list is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SortBy {
    #[default]
    Name,
    Region,
    Status,
    Reports,
}

/// The city list's order (also the order ↑/↓ walk through the cities).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ListSort {
    pub by: SortBy,
    pub descending: bool,
}

/// Something the user asked for; collected while drawing, applied after.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    SetYear(i32),
    StepYear(i32),
    Select(Option<usize>),
    ResetView,
    DismissProblems,
    /// Copy the problems of the last file opened, one per line.
    CopyProblems,
    /// Load this file in the background and show it when it is valid.
    Open(PathBuf),
    ShowOpenDialog,
    /// Load the open file again.
    Reload,
    ShowExportDialog,
    Export(ExportRequest),
    /// Select this city and move the map to it (from the search box).
    Find(usize),
    FocusSearch,
    /// Copy a citation of this city in the shown year, or the command line that opens it.
    CopyCitation(usize),
    CopyLink(usize),
    /// Copy the citation of the selected city, if one is selected.
    CopySelectedCitation,
    /// Hide or show the cities with this status on the map (the legend keeps counting them).
    ToggleStatus(Status),
    /// Start or stop stepping through the years.
    TogglePlay,
    /// Sort the city list so.
    SortList(ListSort),
    /// Show or hide the city list.
    ToggleList,
    /// Compare the shown year with this one, or stop comparing.
    SetCompare(Option<i32>),
    /// Start comparing (with the year before the shown one) or stop.
    ToggleCompare,
    /// While comparing: show the comparison or the selected city in the side panel.
    ShowTab(DetailsTab),
    /// Show only the cities whose sources disagree in the shown year, or all again.
    ToggleDisputedOnly,
    /// Give the keyboard focus to the map: the selected city, or the largest in view.
    FocusMap,
    /// Select the next (+1) or previous (-1) city in the city list's order.
    StepCity(i32),
    SetLang(Lang),
    /// Close the window (saving what it remembers).
    Quit,
}

/// While comparing, the side panel shows either the comparison or the selected city.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DetailsTab {
    #[default]
    Comparison,
    City,
}

/// When a shortcut is taken from the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Always, even while typing in a text field (Ctrl shortcuts).
    Always,
    /// Unless a text field has the keyboard (the arrows move its cursor then).
    NotTyping,
    /// Only when no widget has focus (Space and Enter press a focused button, ↑/↓ move
    /// the focus).
    NothingFocused,
}

/// The commands that have a name in the menus and keyboard shortcuts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    Open,
    Reload,
    Export,
    Quit,
    CityList,
    Find,
    Compare,
    ResetView,
    ClearSelection,
    CopyCitation,
    PreviousYear,
    NextYear,
    Play,
    PreviousCity,
    NextCity,
    FocusMap,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl UiCommand {
    pub const ALL: [Self; 16] = [
        Self::Open,
        Self::Reload,
        Self::Export,
        Self::Quit,
        Self::CityList,
        Self::Find,
        Self::Compare,
        Self::ResetView,
        Self::ClearSelection,
        Self::CopyCitation,
        Self::PreviousYear,
        Self::NextYear,
        Self::Play,
        Self::PreviousCity,
        Self::NextCity,
        Self::FocusMap,
    ];

    /// The translation key of its name (as menus show it).
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Open => "menu.open",
            Self::Reload => "menu.reload",
            Self::Export => "menu.export",
            Self::Quit => "menu.quit",
            Self::CityList => "menu.city_list",
            Self::Find => "menu.find",
            Self::Compare => "menu.compare",
            Self::ResetView => "menu.reset_view",
            Self::ClearSelection => "menu.clear_selection",
            Self::CopyCitation => "panel.copy_citation",
            Self::PreviousYear => "years.previous",
            Self::NextYear => "years.next",
            Self::Play => "timeline.play",
            Self::PreviousCity => "menu.previous_city",
            Self::NextCity => "menu.next_city",
            Self::FocusMap => "menu.focus_map",
        }
    }

    /// Its shortcuts; the first is the one menus and tooltips show.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const OPEN: &[KeyboardShortcut] = &[ctrl(Key::O)];
        const RELOAD: &[KeyboardShortcut] = &[plain(Key::F5), ctrl(Key::R)];
        const EXPORT: &[KeyboardShortcut] = &[ctrl(Key::E)];
        const QUIT: &[KeyboardShortcut] = &[ctrl(Key::Q)];
        const CITY_LIST: &[KeyboardShortcut] = &[ctrl(Key::L)];
        const FIND: &[KeyboardShortcut] = &[ctrl(Key::F)];
        const COMPARE: &[KeyboardShortcut] = &[ctrl(Key::D)];
        const RESET_VIEW: &[KeyboardShortcut] = &[plain(Key::Home)];
        const CLEAR: &[KeyboardShortcut] = &[plain(Key::Escape)];
        const COPY_CITATION: &[KeyboardShortcut] = &[KeyboardShortcut::new(
            Modifiers::COMMAND.plus(Modifiers::SHIFT),
            Key::C,
        )];
        const PREVIOUS_YEAR: &[KeyboardShortcut] = &[plain(Key::ArrowLeft)];
        const NEXT_YEAR: &[KeyboardShortcut] = &[plain(Key::ArrowRight)];
        const PLAY: &[KeyboardShortcut] = &[plain(Key::Space)];
        const PREVIOUS_CITY: &[KeyboardShortcut] = &[plain(Key::ArrowUp)];
        const NEXT_CITY: &[KeyboardShortcut] = &[plain(Key::ArrowDown)];
        // F6 moves between the parts of a window in most desktop apps; M is for "map".
        const FOCUS_MAP: &[KeyboardShortcut] = &[plain(Key::F6), plain(Key::M)];
        match self {
            Self::Open => OPEN,
            Self::Reload => RELOAD,
            Self::Export => EXPORT,
            Self::Quit => QUIT,
            Self::CityList => CITY_LIST,
            Self::Find => FIND,
            Self::Compare => COMPARE,
            Self::ResetView => RESET_VIEW,
            Self::ClearSelection => CLEAR,
            Self::CopyCitation => COPY_CITATION,
            Self::PreviousYear => PREVIOUS_YEAR,
            Self::NextYear => NEXT_YEAR,
            Self::Play => PLAY,
            Self::PreviousCity => PREVIOUS_CITY,
            Self::NextCity => NEXT_CITY,
            Self::FocusMap => FOCUS_MAP,
        }
    }

    pub fn when(self) -> When {
        match self {
            Self::Open
            | Self::Reload
            | Self::Export
            | Self::Quit
            | Self::CityList
            | Self::Find
            | Self::Compare => When::Always,
            Self::ResetView
            | Self::ClearSelection
            | Self::CopyCitation
            | Self::PreviousYear
            | Self::NextYear
            | Self::FocusMap => When::NotTyping,
            Self::Play | Self::PreviousCity | Self::NextCity => When::NothingFocused,
        }
    }

    pub fn command(self) -> Command {
        match self {
            Self::Open => Command::ShowOpenDialog,
            Self::Reload => Command::Reload,
            Self::Export => Command::ShowExportDialog,
            Self::Quit => Command::Quit,
            Self::CityList => Command::ToggleList,
            Self::Find => Command::FocusSearch,
            Self::Compare => Command::ToggleCompare,
            Self::ResetView => Command::ResetView,
            Self::ClearSelection => Command::Select(None),
            Self::CopyCitation => Command::CopySelectedCitation,
            Self::PreviousYear => Command::StepYear(-1),
            Self::NextYear => Command::StepYear(1),
            Self::Play => Command::TogglePlay,
            Self::PreviousCity => Command::StepCity(-1),
            Self::NextCity => Command::StepCity(1),
            Self::FocusMap => Command::FocusMap,
        }
    }

    /// The first shortcut as this platform writes it ("Ctrl+O", "F5", "Home").
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| ctx.format_shortcut(s))
            .unwrap_or_default()
    }

    /// Every shortcut, for tooltips: "F5 or Ctrl+R".
    pub fn all_shortcuts_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// A menu entry: its name, its shortcut, and the command when clicked. `label_key`
    /// overrides the name (e.g. "Stop comparing" while comparing).
    pub fn menu_item_ui(
        self,
        ui: &mut egui::Ui,
        enabled: bool,
        label_key: Option<&str>,
        commands: &mut Vec<Command>,
    ) {
        let tr = crate::ui::tr(ui.ctx());
        let button = egui::Button::new(tr.get(label_key.unwrap_or(self.label_key())))
            .shortcut_text(self.shortcut_text(ui.ctx()));
        if ui.add_enabled(enabled, button).clicked() {
            commands.push(self.command());
        }
    }
}

/// The commands asked for with the keyboard this frame, read from [`UiCommand`]'s table.
pub fn keyboard_commands(ctx: &egui::Context, commands: &mut Vec<Command>) {
    // Typing in a text field (egui's `egui_wants_keyboard_input` is true for any focused
    // widget, a city marker or a year button too, where the arrows must still step years).
    let typing = ctx.text_edit_focused();
    let focused = ctx.memory(|m| m.focused().is_some());
    ctx.input_mut(|input| {
        for command in UiCommand::ALL {
            let allowed = match command.when() {
                When::Always => true,
                When::NotTyping => !typing,
                When::NothingFocused => !typing && !focused,
            };
            if !allowed {
                continue;
            }
            for shortcut in command.shortcuts() {
                let taken = if shortcut.modifiers.is_none() {
                    // Plain keys: pressed without Ctrl/Alt (egui's consume_shortcut would
                    // also take Shift+key, which is fine, but not Ctrl+key).
                    input.key_pressed(shortcut.logical_key)
                        && !input.modifiers.command
                        && !input.modifiers.alt
                } else {
                    input.consume_shortcut(shortcut)
                };
                if taken {
                    commands.push(command.command());
                    break;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut_and_every_one_has_a_name() {
        let mut seen = Vec::new();
        for command in UiCommand::ALL {
            assert!(!command.shortcuts().is_empty(), "{command:?}");
            let english = Lang::En.tr();
            assert_ne!(english.get(command.label_key()), command.label_key());
            for shortcut in command.shortcuts() {
                assert!(
                    !seen.contains(shortcut),
                    "{command:?}: {shortcut:?} is taken"
                );
                seen.push(*shortcut);
            }
        }
    }
}
