//! The list of problems at the bottom; clicking one shows where it is.

use egui::{RichText, Ui};

use super::Selection;
use super::state::{DATA_STATUS_BOARD, GuiPart};
use super::widgets;
use crate::project::{Diagnostic, FieldType, GuiNode, Project};

pub fn show(ui: &mut Ui, project: &Project, diagnostics: &[Diagnostic], selection: &mut Selection) {
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
                        *selection = navigate(project, &d.path);
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
        Some("leaderboards") => {
            let Some(b) = parts
                .next()
                .and_then(|name| project.leaderboards.iter().position(|l| l.name == name))
            else {
                return Selection::Data;
            };
            let board = &project.leaderboards[b];
            let (part, root): (GuiPart, &GuiNode) = match parts.next() {
                Some("gui") => (GuiPart::Gui, &board.gui),
                Some("row_template") => (GuiPart::RowTemplate, &board.row_template),
                _ => return Selection::Leaderboard(b),
            };
            Selection::GuiNode(b, part, child_indices(root, parts))
        }
        Some("data_status") => match parts.next() {
            Some("gui") => Selection::GuiNode(
                DATA_STATUS_BOARD,
                GuiPart::DataStatus,
                child_indices(&project.data_status.gui, parts),
            ),
            _ => Selection::DataStatus,
        },
        _ => Selection::Data,
    }
}

/// Child indices of the object at a path of names below `root`, as far as
/// the names lead (a property name at the end is not an object).
fn child_indices<'a>(root: &GuiNode, names: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let mut node = root;
    let mut at = Vec::new();
    for name in names {
        let Some(i) = node.children.iter().position(|c| c.name == name) else {
            break;
        };
        at.push(i);
        node = &node.children[i];
    }
    at
}
