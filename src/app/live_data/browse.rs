//! Browse: page through the player data store's keys with a filter, and
//! each leaderboard's top entries. Read-only: nothing here writes.

use egui::{RichText, Ui};

use super::{Live, PageAnswer, error_line};
use crate::live::{Call, LiveError, OrderedEntry};
use crate::project::Project;
use crate::project::save_policy::USER_ID_PLACEHOLDER;

pub enum Answer {
    /// A page of keys; `more` adds to the list shown.
    Keys {
        more: bool,
        result: Result<(Vec<String>, Option<String>), LiveError>,
    },
    Top {
        board: String,
        more: bool,
        result: Result<(Vec<OrderedEntry>, Option<String>), LiveError>,
    },
}

#[derive(Default)]
pub struct BrowsePage {
    /// Keys starting with this.
    pub prefix: String,
    keys: Option<Vec<String>>,
    next_keys: Option<String>,
    /// The leaderboard picked (its name).
    pub board: Option<String>,
    /// The leaderboard whose top is shown, and its rows.
    top: Option<(String, Vec<OrderedEntry>)>,
    next_top: Option<String>,
    error: Option<String>,
}

impl BrowsePage {
    pub(super) fn receive(&mut self, answer: Answer) {
        self.error = None;
        match answer {
            Answer::Keys {
                more,
                result: Ok((keys, next)),
            } => {
                let shown = self.keys.get_or_insert_default();
                if !more {
                    shown.clear();
                }
                shown.extend(keys);
                self.next_keys = next;
            }
            Answer::Top {
                board,
                more,
                result: Ok((rows, next)),
            } => {
                match &mut self.top {
                    Some((shown, list)) if more && *shown == board => list.extend(rows),
                    _ => self.top = Some((board, rows)),
                }
                self.next_top = next;
            }
            Answer::Keys { result: Err(e), .. } | Answer::Top { result: Err(e), .. } => {
                if !matches!(e, LiveError::Cancelled) {
                    self.error = Some(e.to_string());
                }
            }
        }
    }

    /// Returns a player to look up when the designer picked a key.
    pub(super) fn show(&mut self, ui: &mut Ui, live: &mut Live<'_>) -> Option<i64> {
        if let Some(error) = &self.error {
            error_line(ui, error);
        }
        let key = self.keys_section(ui, live);
        ui.add_space(12.0);
        let row = self.leaderboards_section(ui, live);
        key.or(row)
    }

    fn keys_section(&mut self, ui: &mut Ui, live: &mut Live<'_>) -> Option<i64> {
        let policy = &live.project.save_policy;
        ui.label(RichText::new(format!("Keys in {}", policy.datastore)).size(16.0));
        if self.prefix.is_empty() && self.keys.is_none() {
            self.prefix = key_prefix(live.project);
        }
        let mut read = None;
        ui.horizontal(|ui| {
            ui.label("Keys starting with");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.prefix).desired_width(200.0))
                .accessible_name("Keys starting with");
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui
                .add_enabled(!live.busy, egui::Button::new("List keys"))
                .on_hover_text("List the first page of keys (nothing is changed)")
                .clicked()
                || (enter && !live.busy)
            {
                read = Some(None);
            }
        });
        let mut picked = None;
        if let Some(keys) = &self.keys {
            if keys.is_empty() {
                ui.label("No key starts with that.");
            }
            for key in keys {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(key).monospace());
                    if let Some(user_id) = user_of(live.project, key)
                        && ui
                            .add_enabled(
                                !live.busy,
                                egui::Button::new(format!("Look up {user_id}")),
                            )
                            .on_hover_text("Open this player's data on the Player tab")
                            .clicked()
                    {
                        picked = Some(user_id);
                    }
                });
            }
            if let Some(next) = &self.next_keys
                && ui
                    .add_enabled(!live.busy, egui::Button::new("Next page of keys"))
                    .clicked()
            {
                read = Some(Some(next.clone()));
            }
        }
        if let Some(page) = read
            && let Some(players) = live.players()
        {
            let prefix = self.prefix.clone();
            let more = page.is_some();
            live.start("Listing keys", PageAnswer::Browse, move |call: &Call| {
                Answer::Keys {
                    more,
                    result: players
                        .browse(&prefix, page.as_deref(), call)
                        .map(|p| (p.keys, p.next_page)),
                }
            });
        }
        picked
    }

    /// Returns a player to look up when the designer picked a row.
    fn leaderboards_section(&mut self, ui: &mut Ui, live: &mut Live<'_>) -> Option<i64> {
        ui.label(RichText::new("Leaderboards").size(16.0));
        let boards: Vec<String> = live
            .project
            .leaderboards
            .iter()
            .map(|b| b.name.clone())
            .collect();
        if boards.is_empty() {
            ui.label("The project has no leaderboards.");
            return None;
        }
        let mut picked = None;
        let mut read = None;
        ui.horizontal(|ui| {
            for board in &boards {
                if ui
                    .add_enabled(!live.busy, egui::Button::new(format!("Top of {board}")))
                    .on_hover_text("Read this leaderboard's top entries (nothing is changed)")
                    .clicked()
                {
                    self.board = Some(board.clone());
                    read = Some(None);
                }
            }
        });
        if let Some((board, rows)) = &self.top {
            ui.label(RichText::new(board).strong());
            if rows.is_empty() {
                ui.label("Nobody is on this leaderboard yet.");
            }
            egui::Grid::new("live-top")
                .num_columns(4)
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for title in ["Rank", "Player (key)", "Value"] {
                        ui.label(RichText::new(title).strong());
                    }
                    ui.end_row();
                    for (rank, row) in rows.iter().enumerate() {
                        ui.label(format!("{}", rank + 1));
                        ui.label(RichText::new(&row.id).monospace());
                        ui.label(row.value.to_string());
                        // Leaderboard keys are user ids (Leaderboards.luau).
                        match super::parse_user_id(&row.id) {
                            Some(user_id)
                                if ui
                                    .add_enabled(
                                        !live.busy,
                                        egui::Button::new(format!("Open player {user_id}")),
                                    )
                                    .on_hover_text("Open this player's data on the Player tab")
                                    .clicked() =>
                            {
                                picked = Some(user_id);
                            }
                            _ => {}
                        }
                        ui.end_row();
                    }
                });
            if let Some(next) = &self.next_top
                && ui
                    .add_enabled(!live.busy, egui::Button::new("More of this leaderboard"))
                    .clicked()
            {
                self.board = Some(board.clone());
                read = Some(Some(next.clone()));
            }
        }
        if let Some(page) = read
            && let Some(board) = self.board.clone()
            && let Some(players) = live.players()
        {
            let more = page.is_some();
            live.start(
                format!("Reading the leaderboard {board}"),
                PageAnswer::Browse,
                move |call: &Call| Answer::Top {
                    more,
                    result: players
                        .leaderboard_top(&board, page.as_deref(), call)
                        .map(|p| (p.entries, p.next_page)),
                    board,
                },
            );
        }
        picked
    }
}

/// The keys' common start: the key pattern up to the user id.
fn key_prefix(project: &Project) -> String {
    let pattern = &project.save_policy.key_pattern;
    pattern
        .split(USER_ID_PLACEHOLDER)
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The player whose record `key` is, by the project's key pattern.
fn user_of(project: &Project, key: &str) -> Option<i64> {
    let pattern = &project.save_policy.key_pattern;
    let (before, after) = pattern.split_once(USER_ID_PLACEHOLDER)?;
    let id = key.strip_prefix(before)?.strip_suffix(after)?;
    super::parse_user_id(id)
}
