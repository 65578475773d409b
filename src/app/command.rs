//! Every command of the window in one table: its label, tooltip, keyboard
//! shortcuts and what it does. The top bar's buttons and the keyboard both
//! run commands from here, so a tooltip names the shortcut that works on the
//! computer at hand (Ctrl+S on Windows and Linux, ⌘S on macOS) and the two
//! can't drift apart. Modelled on rerun's `UICommand`.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::state::{AppState, Status};

/// Something the user can do from the top bar or the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Open,
    Save,
    SaveAs,
    Undo,
    Redo,
    Export,
    ExportTo,
    InstallIntoStudio,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl Command {
    pub const ALL: [Command; 8] = [
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Undo,
        Command::Redo,
        Command::Export,
        Command::ExportTo,
        Command::InstallIntoStudio,
    ];

    /// The button's text.
    pub fn label(self) -> &'static str {
        match self {
            Command::Open => "📂 Open…",
            Command::Save => "💾 Save",
            Command::SaveAs => "Save as…",
            Command::Undo => "⟲ Undo",
            Command::Redo => "⟳ Redo",
            Command::Export => "⬆ Export",
            Command::ExportTo => "Export to…",
            Command::InstallIntoStudio => "⬇ Install into Studio",
        }
    }

    /// The keys that run it; the first is the one tooltips name.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const OPEN: &[KeyboardShortcut] = &[KeyboardShortcut::new(CMD, Key::O)];
        const SAVE: &[KeyboardShortcut] = &[KeyboardShortcut::new(CMD, Key::S)];
        const SAVE_AS: &[KeyboardShortcut] = &[KeyboardShortcut::new(CMD_SHIFT, Key::S)];
        const UNDO: &[KeyboardShortcut] = &[KeyboardShortcut::new(CMD, Key::Z)];
        const REDO: &[KeyboardShortcut] = &[
            KeyboardShortcut::new(CMD, Key::Y),
            KeyboardShortcut::new(CMD_SHIFT, Key::Z),
        ];
        match self {
            Command::Open => OPEN,
            Command::Save => SAVE,
            Command::SaveAs => SAVE_AS,
            Command::Undo => UNDO,
            Command::Redo => REDO,
            Command::Export | Command::ExportTo | Command::InstallIntoStudio => &[],
        }
    }

    /// Whether its shortcut still works while a text field has the
    /// keyboard. Undo and redo don't: there they undo the typing instead.
    fn works_while_typing(self) -> bool {
        !matches!(self, Command::Undo | Command::Redo)
    }

    /// Whether the button can be pressed now.
    pub fn enabled(self, status: &Status<'_>) -> bool {
        match self {
            Command::Undo => status.undo_label.is_some(),
            Command::Redo => status.redo_label.is_some(),
            _ => true,
        }
    }

    /// Whether the button shows at all.
    pub fn shown(self, status: &Status<'_>) -> bool {
        match self {
            // Export asks for a folder itself the first time.
            Command::ExportTo => status.export_folder.is_some(),
            _ => true,
        }
    }

    /// What it does, in plain words, without its shortcut.
    fn about(self, status: &Status<'_>) -> String {
        match self {
            Command::Open => "Open a project file".into(),
            Command::Save => match status.rojo_folder {
                Some(folder) if status.export_on_save => format!(
                    "Save the project, and export it to {} (Export on save)",
                    folder.display()
                ),
                _ => "Save the project".into(),
            },
            Command::SaveAs => "Save the project under another name".into(),
            Command::Undo => status
                .undo_label
                .map_or("Nothing to undo".into(), |l| format!("Undo: {l}")),
            Command::Redo => status
                .redo_label
                .map_or("Nothing to redo".into(), |l| format!("Redo: {l}")),
            Command::Export => match status.export_folder {
                Some(folder) => format!("Write the Studio-ready files into {}", folder.display()),
                None => "Choose a folder and write the Studio-ready files into it".into(),
            },
            Command::ExportTo => "Choose another folder to export into".into(),
            Command::InstallIntoStudio => "Put a plugin for this project into Roblox Studio. In Studio, its button in the Plugins tab puts every script in its service, replacing only what an earlier install put there (Ctrl+Z undoes it)".into(),
        }
    }

    /// The tooltip: what it does and, when it can be done, its shortcut as
    /// this computer spells it.
    pub fn tooltip(self, ctx: &egui::Context, status: &Status<'_>) -> String {
        let about = self.about(status);
        match self.shortcuts().first() {
            Some(shortcut) if self.enabled(status) => {
                format!("{about} ({})", ctx.format_shortcut(shortcut))
            }
            _ => about,
        }
    }

    /// Does it.
    pub fn run(self, state: &mut AppState) {
        match self {
            Command::Open => state.request_open(),
            Command::Save => {
                state.save();
            }
            Command::SaveAs => {
                state.save_as();
            }
            Command::Undo => state.undo(),
            Command::Redo => state.redo(),
            Command::Export => state.export(),
            Command::ExportTo => state.choose_export_folder_and_export(),
            Command::InstallIntoStudio => state.install_into_studio(),
        }
    }

    /// The button for it, with its tooltip; true when clicked.
    pub fn button(self, ui: &mut egui::Ui, status: &Status<'_>) -> bool {
        let tip = self.tooltip(ui.ctx(), status);
        ui.add_enabled(self.enabled(status), egui::Button::new(self.label()))
            .on_hover_text(&tip)
            .on_disabled_hover_text(&tip)
            .clicked()
    }

    /// The commands whose shortcut was pressed this frame, taking those keys
    /// from the input. Longer shortcuts are tried first: egui matches Ctrl+S
    /// on a press of Ctrl+Shift+S too, which must save as, not save.
    pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
        let typing = ctx.egui_wants_keyboard_input();
        let mut bindings: Vec<(Command, &KeyboardShortcut)> = Command::ALL
            .into_iter()
            .filter(|c| !typing || c.works_while_typing())
            .flat_map(|c| c.shortcuts().iter().map(move |s| (c, s)))
            .collect();
        bindings.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        let mut pressed = Vec::new();
        ctx.input_mut(|i| {
            for (command, shortcut) in bindings {
                if i.consume_shortcut(shortcut) && !pressed.contains(&command) {
                    pressed.push(command);
                }
            }
        });
        pressed
    }
}

fn modifier_count(m: Modifiers) -> usize {
    [m.alt, m.shift, m.ctrl || m.command || m.mac_cmd]
        .into_iter()
        .filter(|&on| on)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let all: Vec<&KeyboardShortcut> = Command::ALL
            .iter()
            .flat_map(|c| c.shortcuts().iter())
            .collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a:?} is bound twice");
        }
    }

    #[test]
    fn tooltips_name_the_shortcut_as_the_computer_spells_it() {
        let status = Status::default();
        let ctx = egui::Context::default();
        // Fonts exist from the first frame on; the Mac spelling asks them.
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        assert_eq!(
            Command::SaveAs.tooltip(&ctx, &status),
            "Save the project under another name (Ctrl+Shift+S)"
        );
        ctx.set_os(egui::os::OperatingSystem::Mac);
        let mac = Command::Save.tooltip(&ctx, &status);
        assert!(
            mac == "Save the project (⌘S)" || mac == "Save the project (Cmd+S)",
            "{mac}"
        );
        // Nothing to undo: no shortcut to offer.
        assert_eq!(Command::Undo.tooltip(&ctx, &status), "Nothing to undo");
    }
}
