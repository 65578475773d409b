//! "Player privacy": what a right-to-erasure request is, every key the
//! export keeps about a player (to copy into Roblox's templates), and the
//! call that erases them from inside the game.

use egui::{RichText, Ui};

use super::PanelCtx;
use super::scripting_page::code;
use super::widgets::explain;
use crate::project::erasure::ErasureList;

pub fn show(ui: &mut Ui, ctx: &PanelCtx<'_>) {
    let list = ErasureList::of(ctx.project);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Player privacy");
            explain(
                ui,
                "Players may ask Roblox to delete what a game stores about them (the right to erasure). Roblox then sends your game a request, and you have 30 days to remove their data. Roblox's tools on the Creator Dashboard can remove it for you if you tell them where it is: the DataStores, scopes and keys below. Every save also tags the player's id on the key, so those tools can find it.",
            );
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new("Where a player's data is kept").size(16.0));
                if ui
                    .button("📋 Copy list")
                    .on_hover_text("Copy this list as text, to paste into the Creator Dashboard or a note")
                    .clicked()
                {
                    ui.ctx().copy_text(list.to_text());
                }
            });
            explain(ui, "{UserId} stands for the player's user id, which the request names.");
            ui.add_space(4.0);
            egui::Frame::group(ui.style())
                .inner_margin(egui::Margin::same(8))
                .show(ui, |ui| {
                    egui::Grid::new("erasure keys")
                        .num_columns(5)
                        .spacing([18.0, 6.0])
                        .striped(true)
                        .show(ui, |ui| {
                            for title in ["Kind", "DataStore", "Scope", "Key", "Holds"] {
                                ui.label(RichText::new(title).strong());
                            }
                            ui.end_row();
                            for key in &list.keys {
                                ui.label(key.kind.describe());
                                ui.label(RichText::new(&key.store).monospace());
                                ui.label(RichText::new(&key.scope).monospace());
                                ui.label(RichText::new(&key.key).monospace());
                                ui.label(&key.holds);
                                ui.end_row();
                            }
                        });
                });
            ui.add_space(12.0);
            ui.label(RichText::new("Erasing from inside the game").size(16.0));
            explain(
                ui,
                "A server script can erase a player itself: it ends their session if they are playing, then removes their record, their backups and their leaderboard entries, and forgets any unsaved copy.",
            );
            code(ui, "local ok, err = DataManager:Erase(userId)");
        });
}
