//! The exact files an export writes, made by the same `export::plan` the
//! export uses, each with a copy button.

use egui::{RichText, Ui};

use super::PanelCtx;
use crate::export::{self, ExportError};
use crate::project::Project;
use crate::project::diagnostics::error_count;
use crate::project::words::errors_stop_export;

pub struct CodeTab {
    /// The project generation the files were made for.
    made_for: Option<u64>,
    files: Result<Vec<(String, String)>, String>,
    selected: usize,
}

impl Default for CodeTab {
    fn default() -> Self {
        CodeTab {
            made_for: None,
            files: Ok(Vec::new()),
            selected: 0,
        }
    }
}

impl CodeTab {
    fn refresh(&mut self, project: &Project, generation: u64) {
        if self.made_for == Some(generation) {
            return;
        }
        self.made_for = Some(generation);
        self.files = match export::plan(project) {
            Ok((plan, _)) => Ok(plan
                .files
                .iter()
                .map(|(path, bytes)| (path.clone(), String::from_utf8_lossy(bytes).into_owned()))
                .collect()),
            Err(ExportError::ProjectHasErrors(d)) => Err(format!(
                "The files can't be made yet. {} (see Problems).",
                errors_stop_export(error_count(&d))
            )),
            Err(other) => Err(other.to_string()),
        };
    }

    pub fn show(&mut self, ui: &mut Ui, ctx: &PanelCtx<'_>) {
        self.refresh(ctx.project, ctx.status.generation);
        let files = match &self.files {
            Ok(files) => files,
            Err(message) => {
                ui.label(RichText::new(message).color(ui.visuals().warn_fg_color));
                return;
            }
        };
        if files.is_empty() {
            return;
        }
        self.selected = self.selected.min(files.len() - 1);
        egui::Panel::left("code-files")
            .resizable(true)
            .default_size(330.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("file-list")
                    .show(ui, |ui| {
                        for (i, (path, _)) in files.iter().enumerate() {
                            if ui
                                .selectable_label(
                                    self.selected == i,
                                    RichText::new(path).monospace().small(),
                                )
                                .clicked()
                            {
                                self.selected = i;
                            }
                        }
                    });
            });
        let (path, text) = &files[self.selected];
        ui.horizontal(|ui| {
            ui.label(RichText::new(path).monospace().strong());
            if ui
                .button("📋 Copy")
                .on_hover_text("Copy this file's text, to paste into Studio")
                .clicked()
            {
                ui.ctx().copy_text(text.clone());
            }
            ui.label(RichText::new(format!("{} lines", text.lines().count())).weak());
        });
        egui::ScrollArea::both()
            .id_salt("file-text")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut view = text.as_str();
                ui.add(
                    egui::TextEdit::multiline(&mut view)
                        .code_editor()
                        .desired_width(f32::INFINITY),
                )
                .accessible_name(format!("Text of {path}"));
            });
    }
}
