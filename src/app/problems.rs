//! The list of problems at the bottom; clicking one shows where it is.

use egui::{RichText, Ui};

use super::widgets;
use super::{PanelCtx, Selection};
use crate::project::{FieldType, GuiAddr, Project};

pub fn show(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let (project, diagnostics) = (ctx.project, ctx.diagnostics);
    if diagnostics.is_empty() {
        ui.label(
            RichText::new("✔ No problems: the project is ready to export.")
                .color(egui::Color32::from_rgb(60, 160, 90)),
        );
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for d in diagnostics {
                ui.horizontal(|ui| {
                    let color = widgets::severity_color(ui, d.severity);
                    ui.label(RichText::new(widgets::severity_icon(d.severity)).color(color));
                    let response = ui
                        .add(egui::Button::new(RichText::new(&d.path).monospace()).frame(false))
                        .on_hover_text("Show where this is");
                    let message = ui
                        .add(egui::Label::new(&d.message).sense(egui::Sense::click()))
                        .on_hover_text(format!("How to fix it: {}", d.fix));
                    if response.clicked() || message.clicked() {
                        *ctx.selection = navigate(project, &d.path);
                    }
                });
            }
        });
}

/// What to select to show the thing at a problem's path.
pub fn navigate(project: &Project, path: &str) -> Selection {
    let mut parts = path.split('/');
    match parts.next() {
        Some("data") => {
            let mut fields = &project.schema.fields;
            let mut at = Vec::new();
            for name in parts {
                let Some(i) = fields.iter().position(|f| f.name == name) else {
                    break;
                };
                at.push(i);
                match &fields[i].ty {
                    FieldType::Record(inner) => fields = inner,
                    _ => break,
                }
            }
            if at.is_empty() {
                Selection::Data
            } else {
                Selection::Field(at)
            }
        }
        Some("saving") => match parts.next() {
            Some("backups") => Selection::Backups,
            _ => Selection::Saving,
        },
        Some("backups") => Selection::Backups,
        Some("versions") => Selection::Versions,
        Some("products") => Selection::Products,
        Some("gifts") => Selection::Gifts,
        Some("leaderboards") => {
            let Some(b) = parts
                .next()
                .and_then(|name| project.leaderboards.iter().position(|l| l.name == name))
            else {
                return Selection::Data;
            };
            match GuiAddr::from_diag_path(project, b, parts) {
                Some(addr) => addr.into(),
                None => Selection::Leaderboard(b),
            }
        }
        Some("data_status") => match GuiAddr::from_data_status_path(project, parts) {
            Some(addr) => addr.into(),
            None => Selection::DataStatus,
        },
        _ => Selection::Data,
    }
}
