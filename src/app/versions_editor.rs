//! Schema versions: the current version number, earlier published versions
//! and the steps that bring a save of the previous version up to date.

use egui::{RichText, Ui};

use super::PanelCtx;
use super::edit::Edit;
use super::publish_dialog;
use super::widgets::{self, explain};
use crate::project::{Change, Conversion};

pub fn show(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let project = ctx.project;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Versions");
            explain(ui, "Every save remembers the data version it was made with. When you change fields after your game is live, raise the version and say how older saves are brought up to date.");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new("Current version").strong());
                if let Some((v, id)) =
                    widgets::drag_u32(ui, "Current version", project.schema.version, 1..=10_000, "")
                {
                    ctx.edits.push(
                        Edit::new("change the version", move |p| p.schema.version = v).in_session(id),
                    );
                }
            });
            widgets::show_problems(ui, &widgets::problems_at(ctx.diagnostics, "versions", &[]));
            ui.add_space(6.0);
            publish_dialog::show(ui, ctx);

            ui.add_space(10.0);
            ui.label(RichText::new("Earlier versions").size(16.0));
            if project.history.is_empty() {
                explain(ui, "None: this is the first version. Saves made now need no converting.");
            }
            for old in &project.history {
                ui.label(format!(
                    "Version {}: {} fields, saved in the DataStore {}",
                    old.schema.version,
                    old.schema.fields.len(),
                    old.datastore
                ))
                .on_hover_text(
                    old.schema
                        .fields
                        .iter()
                        .map(|f| format!("{}: {}", f.name, f.ty.describe()))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
                let path = format!("versions/{}", old.schema.version);
                widgets::show_problems(ui, &widgets::problems_under(ctx.diagnostics, &path));
            }

            ui.add_space(10.0);
            ui.label(RichText::new("Bringing older saves up to date").size(16.0));
            explain(ui, "New fields need nothing: older saves get their default. Renamed, removed or retyped fields need a step here.");
            let version = project.schema.version;
            for (i, change) in project.schema.changes.iter().enumerate() {
                change_row(ui, ctx, i, change);
                let path = format!("versions/{version}/changes/{i}");
                widgets::show_problems(ui, &widgets::problems_under(ctx.diagnostics, &path));
            }
            widgets::show_problems(
                ui,
                &widgets::problems_at(ctx.diagnostics, &format!("versions/{version}/changes"), &[]),
            );
            ui.horizontal(|ui| {
                let first = project.schema.fields.first().map(|f| f.name.clone()).unwrap_or_default();
                for (label, change) in [
                    ("➕ Renamed field", Change::Rename { from: "OldName".into(), to: first.clone() }),
                    ("➕ Removed field", Change::Remove { field: "OldField".into() }),
                    ("➕ Changed type", Change::Retype { field: first.clone(), conversion: Conversion::ResetToDefault }),
                ] {
                    if ui.button(label).on_hover_text("Add a step for saves of the previous version").clicked() {
                        ctx.edits.push(Edit::new("add a version step", move |p| p.schema.changes.push(change)));
                    }
                }
            });
        });
}

fn change_row(ui: &mut Ui, ctx: &mut PanelCtx<'_>, i: usize, change: &Change) {
    let set = move |label: &str, id: Option<egui::Id>, new: Change| {
        let e = Edit::new(label, move |p| {
            if let Some(c) = p.schema.changes.get_mut(i) {
                *c = new;
            }
        });
        match id {
            Some(id) => e.in_session(id),
            None => e,
        }
    };
    ui.horizontal(|ui| {
        match change {
            Change::Rename { from, to } => {
                ui.label("The field");
                if let Some((v, id)) =
                    widgets::text(ui, &format!("Step {} old name", i + 1), from, 120.0)
                {
                    ctx.edits.push(set(
                        "change a rename",
                        Some(id),
                        Change::Rename {
                            from: v,
                            to: to.clone(),
                        },
                    ));
                }
                ui.label("is now called");
                if let Some((v, id)) =
                    widgets::text(ui, &format!("Step {} new name", i + 1), to, 120.0)
                {
                    ctx.edits.push(set(
                        "change a rename",
                        Some(id),
                        Change::Rename {
                            from: from.clone(),
                            to: v,
                        },
                    ));
                }
            }
            Change::Remove { field } => {
                ui.label("The field");
                if let Some((v, id)) =
                    widgets::text(ui, &format!("Step {} removed field", i + 1), field, 120.0)
                {
                    ctx.edits.push(set(
                        "change a removal",
                        Some(id),
                        Change::Remove { field: v },
                    ));
                }
                ui.label("is gone (old saves keep it, new ones don't).");
            }
            Change::Retype { field, conversion } => {
                ui.label("The field");
                if let Some((v, id)) =
                    widgets::text(ui, &format!("Step {} retyped field", i + 1), field, 120.0)
                {
                    ctx.edits.push(set(
                        "change a type change",
                        Some(id),
                        Change::Retype {
                            field: v,
                            conversion: *conversion,
                        },
                    ));
                }
                ui.label("changed type: old values");
                let options: Vec<(Conversion, &str)> =
                    Conversion::ALL.iter().map(|c| (*c, c.describe())).collect();
                if let Some(v) = widgets::choice(
                    ui,
                    &format!("Step {} conversion", i + 1),
                    *conversion,
                    &options,
                    240.0,
                ) {
                    ctx.edits.push(set(
                        "change a conversion",
                        None,
                        Change::Retype {
                            field: field.clone(),
                            conversion: v,
                        },
                    ));
                }
            }
        }
        if ui
            .small_button("🗑")
            .on_hover_text("Delete this step")
            .clicked()
        {
            ctx.edits.push(Edit::new("delete a version step", move |p| {
                if i < p.schema.changes.len() {
                    p.schema.changes.remove(i);
                }
            }));
        }
    });
}
