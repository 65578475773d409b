//! Erase: the right-to-erasure action. Removes everything the export stores
//! for a user, as the runtime's `DataManager:Erase` does, once the designer
//! has typed the confirmation.

use egui::{RichText, Ui};

use super::{Live, PageAnswer, done_line, error_line, parse_user_id};
use crate::live::{Call, EraseReport, LiveError, SaveOptions};
use crate::project::erasure::ErasureList;

pub enum Answer {
    Erased(i64, Result<EraseReport, LiveError>),
}

#[derive(Default)]
pub struct ErasePage {
    /// The user id typed.
    pub user: String,
    /// What the designer typed to confirm.
    pub confirm: String,
    /// The player is in a live session: the erase may be forced.
    live_warning: Option<String>,
    pub force: bool,
    /// The last erase: the player and what was removed.
    report: Option<(i64, EraseReport)>,
    error: Option<String>,
}

/// The words to type, which name the player so the wrong id can't be erased
/// by habit.
pub fn confirmation(user_id: i64) -> String {
    format!("erase {user_id}")
}

impl ErasePage {
    /// Returns the erased player.
    pub(super) fn receive(&mut self, answer: Answer) -> Option<i64> {
        self.error = None;
        match answer {
            Answer::Erased(user_id, Ok(report)) => {
                self.report = Some((user_id, report));
                self.confirm.clear();
                self.live_warning = None;
                self.force = false;
                Some(user_id)
            }
            Answer::Erased(_, Err(e @ LiveError::InLiveSession { .. })) => {
                self.force = false;
                self.live_warning = Some(e.to_string());
                None
            }
            Answer::Erased(_, Err(LiveError::Cancelled)) => None,
            Answer::Erased(_, Err(e)) => {
                self.error = Some(e.to_string());
                None
            }
        }
    }

    pub(super) fn show(&mut self, ui: &mut Ui, live: &mut Live<'_>) {
        ui.label(RichText::new("Erase a player's data").size(16.0));
        ui.label(
            "When Roblox sends a right-to-erasure request, this removes everything the exported game stores about the player, as DataManager:Erase does in the game. If the player is in a game, their server is first asked to let go of their data (up to 30 seconds), as the game's own Erase does. It can't be undone: Roblox's versions of the record stay only until Roblox removes them itself.",
        );
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label("User id");
            let before = self.user.clone();
            ui.add(
                egui::TextEdit::singleline(&mut self.user)
                    .hint_text("the id the request names")
                    .desired_width(200.0),
            )
            .accessible_name("User id to erase");
            if self.user != before {
                self.live_warning = None;
                self.force = false;
            }
        });
        let Some(user_id) = parse_user_id(&self.user) else {
            if !self.user.trim().is_empty() {
                error_line(ui, "A user id is a whole number above 0.");
            }
            self.result(ui);
            return;
        };
        ui.add_space(4.0);
        ui.label("These keys are removed (in the current DataStore and every older one the project used):");
        for key in ErasureList::of(live.project).keys {
            ui.label(
                RichText::new(format!(
                    "• {} {} / {} / {}",
                    key.kind.describe(),
                    key.store,
                    key.scope,
                    key.key.replace("{UserId}", &user_id.to_string())
                ))
                .monospace(),
            );
        }
        ui.add_space(6.0);
        let words = confirmation(user_id);
        ui.horizontal(|ui| {
            ui.label(format!("To confirm, type \"{words}\""));
            ui.add(egui::TextEdit::singleline(&mut self.confirm).desired_width(200.0))
                .accessible_name("Confirmation");
        });
        if let Some(warning) = &self.live_warning {
            ui.label(RichText::new(format!("⚠ {warning}")).color(ui.visuals().warn_fg_color));
            ui.checkbox(
                &mut self.force,
                "Erase anyway: the live server may write the player's data again when they leave",
            );
        }
        let confirmed = self.confirm.trim() == words;
        let allowed = confirmed && (self.live_warning.is_none() || self.force);
        let erase = ui
            .add_enabled(
                allowed && !live.busy,
                egui::Button::new(
                    RichText::new(format!("🗑 Erase player {user_id}"))
                        .color(ui.visuals().error_fg_color),
                ),
            )
            .on_hover_text("Remove the keys listed above from the live game")
            .on_disabled_hover_text(if confirmed {
                "Tick \"Erase anyway\" first, or wait until the player has left"
            } else {
                "Type the confirmation first"
            })
            .clicked();
        if erase && let Some(players) = live.players() {
            let options = SaveOptions { force: self.force };
            self.report = None;
            live.start(
                format!("Erasing player {user_id}"),
                PageAnswer::Erase,
                move |call: &Call| Answer::Erased(user_id, players.erase(user_id, options, call)),
            );
        }
        self.result(ui);
    }

    fn result(&self, ui: &mut Ui) {
        if let Some(error) = &self.error {
            error_line(ui, error);
        }
        let Some((user_id, report)) = &self.report else {
            return;
        };
        ui.add_space(6.0);
        done_line(ui, &format!("Player {user_id} is erased."));
        for key in &report.keys {
            let kind = if key.ordered {
                "leaderboard"
            } else {
                "DataStore"
            };
            let what = if key.removed {
                "removed"
            } else {
                "nothing was there"
            };
            ui.label(format!("• {kind} {}: {what}", key.place()));
        }
    }
}
