//! "Publish version N…": compares the current fields with the last
//! published version, shows the migration that implies and what happens to
//! a player's old save, and on Confirm freezes the version as one undo step.

use std::collections::BTreeMap;

use egui::{RichText, Ui};

use super::PanelCtx;
use super::edit::Edit;
use super::widgets::{self, explain};
use crate::project::migration::{self, Migration};
use crate::project::words::count;
use crate::project::{Conversion, Project};

/// What the designer chose in the open dialog. It lives in egui's memory,
/// not in the project: nothing changes until Confirm.
#[derive(Debug, Clone, Default)]
struct Draft {
    /// (old name, new name) pairs the designer says are renames.
    renames: Vec<(String, String)>,
    /// Chosen conversions, by old field name.
    conversions: BTreeMap<String, Conversion>,
}

fn draft_id() -> egui::Id {
    egui::Id::unique("publish-version-draft")
}

fn nothing_id() -> egui::Id {
    egui::Id::unique("publish-version-nothing")
}

fn last_schema(project: &Project) -> Option<&crate::project::Schema> {
    project.previous_schema().map(|p| &p.schema)
}

fn planned(project: &Project, draft: &Draft) -> Migration {
    migration::plan(
        last_schema(project),
        &project.schema,
        &draft.renames,
        &draft.conversions,
    )
}

/// The Publish button with its explanation, and the dialog once opened.
pub fn show(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let project = ctx.project;
    let version = migration::next_version(project);
    let data_errors = ctx
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && (d.path == "data" || d.path.starts_with("data/")))
        .count();
    let button = ui.add_enabled(
        data_errors == 0,
        egui::Button::new(format!("📦 Publish version {version}…")),
    );
    let button = if data_errors == 0 {
        button.on_hover_text(format!(
            "Freeze the player data as version {version}, the version your live game saves. Shows what changed since the last published version and what happens to players' old saves before anything is kept."
        ))
    } else {
        button.on_disabled_hover_text(format!(
            "Fix the {} in the player data first: a published version can't be changed afterwards.",
            count(data_errors as u64, "problem", "problems")
        ))
    };
    if button.clicked() {
        let hinted = migration::propose(last_schema(project), &project.schema);
        if hinted.is_empty() {
            ui.data_mut(|d| {
                d.remove::<Draft>(draft_id());
                d.insert_temp(nothing_id(), true)
            });
        } else {
            let draft = Draft {
                renames: hinted.renamed.clone(),
                conversions: hinted
                    .retyped
                    .iter()
                    .map(|r| (r.field.clone(), r.conversion))
                    .collect(),
            };
            ui.data_mut(|d| {
                d.insert_temp(draft_id(), draft);
                d.remove::<bool>(nothing_id())
            });
        }
    }
    // The message stays until something changes that is worth publishing.
    let nothing = ui
        .data(|d| d.get_temp::<bool>(nothing_id()))
        .unwrap_or(false)
        && migration::propose(last_schema(project), &project.schema).is_empty();
    if nothing {
        let last = project.previous_schema().map_or(0, |p| p.schema.version);
        ui.label(format!(
            "Nothing changed since version {last} was published, so there is nothing new to publish."
        ));
    }
    if let Some(mut draft) = ui.data(|d| d.get_temp::<Draft>(draft_id())) {
        let keep = dialog(ui.ctx(), ctx, &mut draft, version);
        ui.data_mut(|d| {
            if keep {
                d.insert_temp(draft_id(), draft);
            } else {
                d.remove::<Draft>(draft_id());
            }
        });
    }
}

/// Draws the dialog; returns whether it stays open.
fn dialog(
    egui_ctx: &egui::Context,
    ctx: &mut PanelCtx<'_>,
    draft: &mut Draft,
    version: u32,
) -> bool {
    let project = ctx.project;
    let plan = planned(project, draft);
    let mut keep = true;
    let modal = egui::Modal::new(egui::Id::unique("publish-version")).show(egui_ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(format!("Publish version {version}"));
        match project.previous_schema() {
            Some(last) => explain(
                ui,
                &format!(
                    "Compared with version {}, the last published version. Check each change: players' saves depend on it.",
                    last.schema.version
                ),
            ),
            None => explain(
                ui,
                "This is the first published version: there are no older saves to convert.",
            ),
        }
        if let Some(warning) = migration::store_change_warning(project) {
            ui.add_space(6.0);
            ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {warning}"));
        }
        ui.add_space(6.0);
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            sections(ui, draft, &plan);
        });
        ui.add_space(6.0);
        ui.label(RichText::new("What happens to a player's old save").strong());
        let words = plan.in_plain_words();
        if words.is_empty() || project.previous_schema().is_none() {
            ui.label("It loads as it is: nothing needs converting.");
        } else {
            for line in words {
                ui.label(format!("• {line}"));
            }
        }
        ui.add_space(6.0);
        explain(
            ui,
            &format!(
                "Publishing keeps version {version} exactly as it is now. Changes you make afterwards become version {}.",
                version.saturating_add(1)
            ),
        );
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .button("✔ Confirm and publish")
                .on_hover_text(format!("Keep version {version} as published (one undo step)"))
                .clicked()
            {
                let migration = plan.clone();
                ctx.edits.push(Edit::new(
                    format!("publish version {version}"),
                    move |p| migration::publish(p, &migration),
                ));
                keep = false;
            }
            if ui
                .button("Cancel")
                .on_hover_text("Close without publishing; nothing changes")
                .clicked()
            {
                keep = false;
            }
        });
    });
    if modal.should_close() {
        keep = false;
    }
    keep
}

fn sections(ui: &mut Ui, draft: &mut Draft, plan: &Migration) {
    if !plan.added.is_empty() {
        ui.label(RichText::new("New fields").strong());
        for (name, start) in &plan.added {
            ui.label(format!("➕ {name}: starts at {start}"));
        }
    }
    // Removed and renamed old fields share one choice: what happened to it.
    let targets: Vec<String> = plan.added.iter().map(|(n, _)| n.clone()).collect();
    let gone: Vec<(String, Option<String>)> = plan
        .renamed
        .iter()
        .map(|(from, to)| (from.clone(), Some(to.clone())))
        .chain(plan.removed.iter().map(|f| (f.clone(), None)))
        .collect();
    if !gone.is_empty() {
        ui.label(RichText::new("Renamed or removed fields").strong());
        explain(
            ui,
            "A field that is gone may have been renamed: say so, or its saved values are lost.",
        );
    }
    for (old, now) in gone {
        let mut names: Vec<String> = targets.clone();
        if let Some(now) = &now {
            names.insert(0, now.clone());
        }
        let mut options: Vec<(Option<usize>, String)> = vec![(None, "was removed".to_string())];
        options.extend(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (Some(i), format!("is now called {n}"))),
        );
        let labels: Vec<(Option<usize>, &str)> =
            options.iter().map(|(v, l)| (*v, l.as_str())).collect();
        let current = now.as_ref().map(|_| 0);
        ui.horizontal(|ui| {
            ui.label(&old);
            if let Some(choice) = widgets::choice(
                ui,
                &format!("What happened to {old}"),
                current,
                &labels,
                200.0,
            ) {
                draft.renames.retain(|(from, _)| *from != old);
                if let Some(i) = choice {
                    draft.renames.push((old.clone(), names[i].clone()));
                }
            }
        });
    }
    if !plan.retyped.is_empty() {
        ui.label(RichText::new("Fields whose type changed").strong());
    }
    for r in &plan.retyped {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{}: from {} to {}; old values",
                r.now_called,
                r.from.describe(),
                r.to.describe()
            ));
            if r.choices.len() > 1 {
                let options: Vec<(Conversion, &str)> =
                    r.choices.iter().map(|c| (*c, c.describe())).collect();
                if let Some(c) = widgets::choice(
                    ui,
                    &format!("Conversion of {}", r.now_called),
                    r.conversion,
                    &options,
                    240.0,
                ) {
                    draft.conversions.insert(r.field.clone(), c);
                }
            } else {
                ui.label(r.conversion.describe());
            }
        });
    }
    if !plan.settings_changed.is_empty() {
        ui.label(RichText::new("Settings changed").strong());
        ui.label(plan.settings_changed.join(", "))
            .on_hover_text("Defaults, limits or descriptions: saved values load as they are");
    }
}
