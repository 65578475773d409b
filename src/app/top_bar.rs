//! The bar at the top: files, export, undo and redo, theme, and how the
//! project stands (saved or not, problems).

use egui::{RichText, Ui};

use super::widgets;
use super::{Command, PanelCtx, Request};
use crate::export::Format;
use crate::project::diagnostics::error_count;
use crate::project::examples;
use crate::project::words::{count, summary};

pub fn show(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let status = ctx.status;
    egui::Panel::top("top-bar").show(ui, |ui| {
        ui.add_space(3.0);
        ui.horizontal_wrapped(|ui| {
            ui.menu_button("📄 New", |ui| {
                ui.label(RichText::new("Start from a template").weak());
                for (name, about, _) in examples::EXAMPLES {
                    if ui.button(*name).on_hover_text(*about).clicked() {
                        ctx.requests.push(Request::NewProject(name.to_string()));
                        ui.close();
                    }
                }
            })
            .response
            .on_hover_text("Start a new project from a template");
            command(ui, ctx, Command::Open);
            open_recent(ui, ctx);
            command(ui, ctx, Command::Save);
            command(ui, ctx, Command::SaveAs);
            ui.separator();
            command(ui, ctx, Command::Undo);
            command(ui, ctx, Command::Redo);
            ui.separator();
            let formats = [
                (Format::Rojo, "Rojo folder"),
                (Format::Rbxmx, "Studio model (.rbxmx)"),
                (Format::Rbxm, "Studio model (.rbxm)"),
                (Format::All, "Rojo folder + models"),
                (Format::Rbxlx, "New game place (.rbxlx)"),
            ];
            if let Some(f) =
                widgets::choice(ui, "Export format", status.export_format, &formats, 150.0)
            {
                ctx.requests.push(Request::ExportFormat(f));
            }
            command(ui, ctx, Command::Export);
            command(ui, ctx, Command::ExportTo);
            export_on_save(ui, ctx);
            command(ui, ctx, Command::InstallIntoStudio);
            ui.separator();
            egui::widgets::global_theme_preference_buttons(ui);

            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let errors = error_count(ctx.diagnostics);
                let warnings = ctx.diagnostics.len() - errors;
                let (text, color) = match (errors, warnings) {
                    (0, 0) => (
                        "✔ No problems".to_string(),
                        egui::Color32::from_rgb(60, 160, 90),
                    ),
                    (0, w) => (
                        format!("⚠ {}", count(w as u64, "warning", "warnings")),
                        ui.visuals().warn_fg_color,
                    ),
                    (e, w) => (format!("⛔ {}", summary(e, w)), ui.visuals().error_fg_color),
                };
                ui.label(RichText::new(text).color(color))
                    .on_hover_text("Problems are listed at the bottom. Errors stop the export.");
                ui.separator();
                let file = status
                    .path
                    .and_then(|p| p.file_name())
                    .map_or("not saved yet".to_string(), |f| {
                        f.to_string_lossy().into_owned()
                    });
                let saved = if status.dirty {
                    format!("{file}: unsaved changes")
                } else {
                    file
                };
                ui.label(saved).on_hover_text(
                    status
                        .path
                        .map_or("Save to choose a file".to_string(), |p| {
                            p.display().to_string()
                        }),
                );
            });
        });
        ui.add_space(3.0);
        notice(ui, ctx);
    });
}

/// The button of a command, which runs it once the top bar is drawn.
fn command(ui: &mut Ui, ctx: &mut PanelCtx<'_>, command: Command) {
    if command.shown(&ctx.status) && command.button(ui, &ctx.status) {
        ctx.requests.push(Request::Command(command));
    }
}

/// The Export on save switch, for a Rojo folder that `rojo serve` serves.
fn export_on_save(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let mut on = ctx.status.export_on_save;
    let folder = ctx.status.rojo_folder.map_or_else(
        || "a Rojo folder you choose when you turn this on".to_string(),
        |f| f.display().to_string(),
    );
    let tip = format!(
        "Every Save also exports the Rojo folder ({folder}), so a folder that `rojo serve` serves stays in sync with the project. When the project has errors or files there were changed by hand, the save still happens and the folder is left as it was."
    );
    if ui
        .checkbox(&mut on, "Export on save")
        .on_hover_text(tip)
        .changed()
    {
        ctx.requests.push(Request::ExportOnSave(on));
    }
}

/// The "Open recent" menu: the files opened or saved lately.
fn open_recent(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let recent = ctx.status.recent;
    let enabled = !recent.is_empty();
    ui.add_enabled_ui(enabled, |ui| {
        ui.menu_button("🕘 Open recent", |ui| {
            let mut picked = None;
            for path in recent {
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
                ctx.requests.push(Request::OpenPath(path));
            }
        })
        .response
        .on_hover_text("Open a project you opened or saved lately")
        .on_disabled_hover_text("Projects you open or save will be listed here");
    });
}

fn notice(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    if let Some(notice) = ctx.status.notice {
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
                ctx.requests.push(Request::HideNotice);
            }
        });
    }
    if let Some(done) = ctx.status.last_export {
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
                ctx.requests.push(Request::HideExportSummary);
            }
        });
    }
}
