//! The data-status screen's page: what it is for, its two messages, and a
//! way back to the default design. Its objects are edited in the tree and on
//! the canvas like a leaderboard's.

use egui::{RichText, Ui};

use super::edit::Edit;
use super::widgets::{self, explain};
use super::{PanelCtx, Selection};
use crate::project::DataStatusGui;
use crate::project::data_status::{LOADING, MESSAGE, READ_ONLY};
use crate::project::save_policy::LoadFailure;

pub fn show(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let project = ctx.project;
    let messages = &project.save_policy.messages;
    let mut edits = Vec::new();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Data status screen");
            explain(
                ui,
                &format!(
                    "Shown on every player's screen. While their data loads, the object called {LOADING} shows; if it can't be loaded and they play without saving, the object called {READ_ONLY} shows for the rest of the session. Once the data is ready, nothing shows. Pick which one the preview shows above the canvas."
                ),
            );
            widgets::show_problems(ui, &widgets::problems_under(ctx.diagnostics, "data_status"));
            ui.add_space(8.0);
            ui.label(RichText::new("Messages").size(16.0));
            explain(
                ui,
                &format!("Texts holding {MESSAGE} show these; they are also on the Saving page."),
            );
            for (title, key, value, help) in [
                (
                    "Loading message",
                    "loading",
                    &messages.loading,
                    "Shown while the player's data loads.",
                ),
                (
                    "Not-saving notice",
                    "read_only_notice",
                    &messages.read_only_notice,
                    "Shown all session when the data couldn't be loaded and nothing is saved.",
                ),
            ] {
                ui.add_space(4.0);
                ui.label(RichText::new(title).strong());
                if let Some((v, id)) = widgets::text(ui, title, value, 320.0) {
                    edits.push(
                        Edit::new("change a message", move |p| match key {
                            "loading" => p.save_policy.messages.loading = v,
                            _ => p.save_policy.messages.read_only_notice = v,
                        })
                        .in_session(id),
                    );
                }
                explain(ui, help);
                widgets::show_problems(
                    ui,
                    &widgets::problems_under(
                        ctx.diagnostics,
                        &format!("saving/messages/{key}"),
                    ),
                );
            }
            if project.save_policy.on_load_failure == LoadFailure::Kick {
                ui.add_space(4.0);
                explain(
                    ui,
                    "Players whose data can't be loaded are kicked (see Saving), so the not-saving notice is never shown unless you choose \"Play without saving\" there.",
                );
                if ui
                    .button("Open the Saving page")
                    .on_hover_text("Where you choose what happens when data can't be loaded")
                    .clicked()
                {
                    *ctx.selection = Selection::Saving;
                }
            }
            ui.add_space(10.0);
            let is_default = project.data_status.is_default();
            if ui
                .add_enabled(!is_default, egui::Button::new("Reset to the default design"))
                .on_hover_text("Replace this GUI with DataStore Designer's dark panel with a gold title (you can undo this)")
                .on_disabled_hover_text("This is the default design already")
                .clicked()
            {
                edits.push(Edit::new("reset the data status screen", |p| {
                    p.data_status = DataStatusGui::default();
                }));
            }
        });
    ctx.edits.extend(edits);
}
