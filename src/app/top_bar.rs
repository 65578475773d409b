//! The bar at the top: files, export, undo and redo, theme, and how the
//! project stands (saved or not, problems).

use egui::{RichText, Ui};

use super::state::AppState;
use super::widgets;
use crate::export::Format;
use crate::project::examples;

pub fn show(ui: &mut Ui, state: &mut AppState) {
    egui::Panel::top("top-bar").show(ui, |ui| {
        ui.add_space(3.0);
        ui.horizontal_wrapped(|ui| {
            ui.menu_button("📄 New", |ui| {
                ui.label(RichText::new("Start from a template").weak());
                for (name, about, _) in examples::EXAMPLES {
                    if ui.button(*name).on_hover_text(*about).clicked() {
                        state.request_new(name);
                        ui.close();
                    }
                }
            })
            .response
            .on_hover_text("Start a new project from a template");
            if ui
                .button("📂 Open…")
                .on_hover_text("Open a project file (Ctrl+O)")
                .clicked()
            {
                state.request_open();
            }
            open_recent(ui, state);
            if ui
                .button("💾 Save")
                .on_hover_text("Save the project (Ctrl+S)")
                .clicked()
            {
                state.save();
            }
            if ui
                .button("Save as…")
                .on_hover_text("Save the project under another name (Ctrl+Shift+S)")
                .clicked()
            {
                state.save_as();
            }
            ui.separator();
            let undo_tip = state
                .undo_label()
                .map_or("Nothing to undo".to_string(), |l| {
                    format!("Undo: {l} (Ctrl+Z)")
                });
            if ui
                .add_enabled(state.can_undo(), egui::Button::new("⟲ Undo"))
                .on_hover_text(undo_tip.clone())
                .on_disabled_hover_text(undo_tip)
                .clicked()
            {
                state.undo();
            }
            let redo_tip = state
                .redo_label()
                .map_or("Nothing to redo".to_string(), |l| {
                    format!("Redo: {l} (Ctrl+Y)")
                });
            if ui
                .add_enabled(state.can_redo(), egui::Button::new("⟳ Redo"))
                .on_hover_text(redo_tip.clone())
                .on_disabled_hover_text(redo_tip)
                .clicked()
            {
                state.redo();
            }
            ui.separator();
            let formats = [
                (Format::Rojo, "Rojo folder"),
                (Format::Rbxmx, "Studio model (.rbxmx)"),
                (Format::Rbxm, "Studio model (.rbxm)"),
                (Format::All, "Rojo folder + models"),
            ];
            if let Some(f) =
                widgets::choice(ui, "Export format", state.export_format, &formats, 150.0)
            {
                state.export_format = f;
            }
            let export_tip = match &state.export_folder {
                Some(folder) => format!("Write the Studio-ready files into {}", folder.display()),
                None => "Choose a folder and write the Studio-ready files into it".to_string(),
            };
            if ui.button("⬆ Export").on_hover_text(export_tip).clicked() {
                state.export();
            }
            if state.export_folder.is_some()
                && ui
                    .button("Export to…")
                    .on_hover_text("Choose another folder to export into")
                    .clicked()
            {
                state.choose_export_folder_and_export();
            }
            ui.separator();
            egui::widgets::global_theme_preference_buttons(ui);

            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let errors = state.error_count();
                let warnings = state.warning_count();
                let (text, color) = match (errors, warnings) {
                    (0, 0) => (
                        "✔ No problems".to_string(),
                        egui::Color32::from_rgb(60, 160, 90),
                    ),
                    (0, w) => (
                        format!("⚠ {w} warning{}", if w == 1 { "" } else { "s" }),
                        ui.visuals().warn_fg_color,
                    ),
                    (e, w) => (
                        format!(
                            "⛔ {e} error{}, {w} warning{}",
                            if e == 1 { "" } else { "s" },
                            if w == 1 { "" } else { "s" }
                        ),
                        ui.visuals().error_fg_color,
                    ),
                };
                ui.label(RichText::new(text).color(color))
                    .on_hover_text("Problems are listed at the bottom. Errors stop the export.");
                ui.separator();
                let file = state
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map_or("not saved yet".to_string(), |f| {
                        f.to_string_lossy().into_owned()
                    });
                let status = if state.dirty {
                    format!("{file}: unsaved changes")
                } else {
                    file
                };
                ui.label(status).on_hover_text(
                    state
                        .path
                        .as_ref()
                        .map_or("Save to choose a file".to_string(), |p| {
                            p.display().to_string()
                        }),
                );
            });
        });
        ui.add_space(3.0);
        notice(ui, state);
    });
}

/// The "Open recent" menu: the files opened or saved lately.
fn open_recent(ui: &mut Ui, state: &mut AppState) {
    let enabled = !state.recent.is_empty();
    ui.add_enabled_ui(enabled, |ui| {
        ui.menu_button("🕘 Open recent", |ui| {
            let mut picked = None;
            for path in &state.recent {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let folder = path
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                if path.is_file() {
                    if ui
                        .button(format!("{name}  ({folder})"))
                        .on_hover_text(format!("Open {}", path.display()))
                        .clicked()
                    {
                        picked = Some(path.clone());
                        ui.close();
                    }
                } else {
                    ui.add_enabled(
                        false,
                        egui::Button::new(format!("{name}  ({folder}) (missing)")),
                    )
                    .on_disabled_hover_text(format!(
                        "{} is no longer there: it was moved, renamed or deleted",
                        path.display()
                    ));
                }
            }
            if let Some(path) = picked {
                state.request_open_path(path);
            }
        })
        .response
        .on_hover_text("Open a project you opened or saved lately")
        .on_disabled_hover_text("Projects you open or save will be listed here");
    });
}

fn notice(ui: &mut Ui, state: &mut AppState) {
    if let Some(notice) = state.notice.clone() {
        let color = if notice.is_error {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().text_color()
        };
        ui.horizontal(|ui| {
            ui.add(egui::Label::new(RichText::new(&notice.text).color(color)).wrap());
            if ui
                .small_button("✖")
                .on_hover_text("Hide this message")
                .clicked()
            {
                state.notice = None;
            }
        });
    }
    if let Some(done) = state.last_export.clone() {
        ui.horizontal(|ui| {
            let header = format!(
                "Last export: {} files in {}{}",
                done.files.len(),
                done.folder.display(),
                if done.warnings > 0 {
                    format!(" ({} warnings)", done.warnings)
                } else {
                    String::new()
                }
            );
            ui.collapsing(header, |ui| {
                for f in &done.files {
                    ui.label(RichText::new(f).monospace().small());
                }
            });
            if ui
                .small_button("✖")
                .on_hover_text("Hide the export summary")
                .clicked()
            {
                state.last_export = None;
            }
        });
    }
}
