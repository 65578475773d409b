//! Restore: put back one of the project's own backups (the last-N ring the
//! export keeps) or one of Roblox's kept versions, after showing field by
//! field how it differs from the player's current data.

use egui::{RichText, Ui};

use super::player::Loaded;
use super::{Live, PageAnswer, done_line, error_line};
use crate::live::time;
use crate::live::{
    BackupEntry, Call, EntryState, LiveError, LivePlayers, PlayerRecord, RestorePlan,
    RestoreSource, Revision, SaveOptions,
};

/// Where the list comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    #[default]
    Backups,
    Versions,
}

pub enum Answer {
    Backups(i64, Result<Vec<BackupEntry>, LiveError>),
    /// A page of versions; `more` continues the list shown.
    Versions {
        user_id: i64,
        more: bool,
        result: Result<(Vec<Revision>, Option<String>), LiveError>,
    },
    Planned(Result<RestorePlan, LiveError>),
    Restored(Result<Box<Loaded>, LiveError>),
}

#[derive(Default)]
pub struct RestorePage {
    pub source: Source,
    /// The player the lists are of.
    user_id: Option<i64>,
    backups: Option<Vec<BackupEntry>>,
    versions: Option<Vec<Revision>>,
    next_versions: Option<String>,
    /// The restore chosen, with its difference, before anything is written.
    plan: Option<RestorePlan>,
    /// The player is in a live session: the restore may be forced.
    live_warning: Option<String>,
    pub force: bool,
    error: Option<String>,
    notice: Option<String>,
}

impl RestorePage {
    /// The restore waiting for the designer's go-ahead.
    pub fn plan(&self) -> Option<&RestorePlan> {
        self.plan.as_ref()
    }

    /// Returns the record as now stored when a restore was written.
    pub(super) fn receive(&mut self, answer: Answer) -> Option<Loaded> {
        self.error = None;
        self.notice = None;
        let failed = |e: LiveError| match e {
            LiveError::Cancelled => None,
            e => Some(e.to_string()),
        };
        match answer {
            Answer::Backups(user_id, Ok(list)) => {
                self.user_id = Some(user_id);
                self.backups = Some(list);
            }
            Answer::Versions {
                user_id,
                more,
                result: Ok((list, next)),
            } => {
                self.user_id = Some(user_id);
                let shown = self.versions.get_or_insert_default();
                if !more {
                    shown.clear();
                }
                shown.extend(list);
                self.next_versions = next;
            }
            Answer::Planned(Ok(plan)) => {
                self.plan = Some(plan);
                self.live_warning = None;
                self.force = false;
            }
            Answer::Restored(Ok(loaded)) => {
                let what = self
                    .plan
                    .take()
                    .map_or_else(String::new, |p| format!(" from {}", p.description));
                self.notice = Some(format!(
                    "Restored player {}{what}. The data it replaced is kept as a backup (\"before restore\"); the game brings the restored data up to date at the player's next join.",
                    loaded.record.user_id
                ));
                self.backups = None;
                self.versions = None;
                return Some(*loaded);
            }
            Answer::Restored(Err(e @ LiveError::InLiveSession { .. })) => {
                self.force = false;
                self.live_warning = Some(e.to_string());
            }
            Answer::Backups(_, Err(e))
            | Answer::Versions { result: Err(e), .. }
            | Answer::Planned(Err(e))
            | Answer::Restored(Err(e)) => self.error = failed(e),
        }
        None
    }

    pub(super) fn show(&mut self, ui: &mut Ui, live: &mut Live<'_>, loaded: Option<&Loaded>) {
        ui.label(RichText::new("Restore a player's data").size(16.0));
        let Some(loaded) = loaded else {
            ui.label("Look up a player first (the Player tab): a restore is compared with their current data before anything is written.");
            return;
        };
        let current = &loaded.record;
        let user_id = current.user_id;
        if self.user_id.is_some_and(|u| u != user_id) {
            // Another player was looked up: the lists were someone else's.
            *self = RestorePage {
                source: self.source,
                ..Default::default()
            };
        }
        ui.label(format!("Player {user_id}, from:"));
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.source, Source::Backups, "🛡 The project's backups")
                .on_hover_text("The copies the exported game keeps of each player's data (Backups in the project)");
            ui.selectable_value(&mut self.source, Source::Versions, "🕘 Roblox's versions")
                .on_hover_text("The earlier values Roblox keeps of every key for 30 days");
        });
        ui.add_space(4.0);
        match self.source {
            Source::Backups => self.backups_list(ui, live, user_id, current),
            Source::Versions => self.versions_list(ui, live, user_id, current),
        }
        if let Some(error) = &self.error {
            error_line(ui, error);
        }
        if let Some(notice) = &self.notice {
            done_line(ui, notice);
        }
        self.show_plan(ui, live, loaded);
    }

    fn backups_list(
        &mut self,
        ui: &mut Ui,
        live: &mut Live<'_>,
        user_id: i64,
        current: &PlayerRecord,
    ) {
        let label = if self.backups.is_some() {
            "↻ Read backups again"
        } else {
            "Read backups"
        };
        if ui
            .add_enabled(!live.busy, egui::Button::new(label))
            .on_hover_text("Read the player's backups (nothing is changed)")
            .clicked()
            && let Some(players) = live.players()
        {
            live.start(
                format!("Reading player {user_id}'s backups"),
                PageAnswer::Restore,
                move |call: &Call| Answer::Backups(user_id, players.backups(user_id, call)),
            );
        }
        let Some(list) = &self.backups else {
            return;
        };
        if list.is_empty() {
            ui.label("This player has no backups yet: the game makes the first one after their data has been saved for a while (see Backups in the project).");
            return;
        }
        let mut pick = None;
        egui::Grid::new("live-backups").num_columns(3).striped(true).spacing([14.0, 4.0]).show(ui, |ui| {
            for entry in list {
                let when = entry.at.map_or_else(|| "unknown time".into(), time::describe);
                let note = entry.note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default();
                ui.label(format!("Backup {}", entry.index));
                ui.label(format!("{when}{note}, {} fields", entry.data.len()));
                if ui
                    .add_enabled(!live.busy, egui::Button::new(format!("Compare backup {}", entry.index)))
                    .on_hover_text("Show how this backup differs from the current data, before restoring it")
                    .clicked()
                {
                    pick = Some(RestoreSource::Backup { index: entry.index });
                }
                ui.end_row();
            }
        });
        if let Some(source) = pick {
            self.start_plan(live, current, source);
        }
    }

    fn versions_list(
        &mut self,
        ui: &mut Ui,
        live: &mut Live<'_>,
        user_id: i64,
        current: &PlayerRecord,
    ) {
        let label = if self.versions.is_some() {
            "↻ List versions again"
        } else {
            "List versions"
        };
        let mut read = ui
            .add_enabled(!live.busy, egui::Button::new(label))
            .on_hover_text(
                "List the versions Roblox kept of this player's record (nothing is changed)",
            )
            .clicked()
            .then_some(None);
        let mut pick = None;
        if let Some(list) = &self.versions {
            if list.is_empty() {
                ui.label("Roblox keeps no earlier versions of this record.");
            }
            egui::Grid::new("live-versions").num_columns(3).striped(true).spacing([14.0, 4.0]).show(ui, |ui| {
                for revision in list {
                    let when = revision.time.map_or_else(|| "unknown time".into(), |ms| time::describe(ms / 1000));
                    ui.label(RichText::new(&revision.revision_id).monospace());
                    if revision.state == EntryState::Deleted {
                        ui.label(format!("{when}: removed"));
                        ui.label("");
                    } else {
                        ui.label(when);
                        if ui
                            .add_enabled(!live.busy, egui::Button::new(format!("Compare {}", revision.revision_id)))
                            .on_hover_text("Show how this version differs from the current data, before restoring it")
                            .clicked()
                        {
                            pick = Some(RestoreSource::Version { revision_id: revision.revision_id.clone() });
                        }
                    }
                    ui.end_row();
                }
            });
            if let Some(next) = &self.next_versions
                && ui
                    .add_enabled(!live.busy, egui::Button::new("More versions"))
                    .clicked()
            {
                read = Some(Some(next.clone()));
            }
        }
        if let Some(page) = read
            && let Some(players) = live.players()
        {
            let more = page.is_some();
            live.start(
                format!("Listing player {user_id}'s versions"),
                PageAnswer::Restore,
                move |call: &Call| Answer::Versions {
                    user_id,
                    more,
                    result: players
                        .versions(user_id, page.as_deref(), call)
                        .map(|p| (p.revisions, p.next_page)),
                },
            );
        }
        if let Some(source) = pick {
            self.start_plan(live, current, source);
        }
    }

    fn start_plan(&mut self, live: &mut Live<'_>, current: &PlayerRecord, source: RestoreSource) {
        let Some(players) = live.players() else {
            return;
        };
        self.plan = None;
        let current = current.clone();
        live.start(
            "Comparing with the current data",
            PageAnswer::Restore,
            move |call: &Call| Answer::Planned(players.plan_restore(&current, &source, call)),
        );
    }

    /// The difference, the rules it breaks, and Restore.
    fn show_plan(&mut self, ui: &mut Ui, live: &mut Live<'_>, loaded: &Loaded) {
        let Some(plan) = &self.plan else {
            return;
        };
        let current = &loaded.record;
        ui.add_space(8.0);
        ui.label(RichText::new(format!("Restoring {}", plan.description)).strong());
        if plan.changes.is_empty() {
            ui.label("It holds the same data as now: restoring changes nothing.");
        } else {
            ui.label("Field by field, from the current data to the restored one:");
            egui::Grid::new("live-restore-diff")
                .num_columns(3)
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for title in ["Field", "Now", "Restored"] {
                        ui.label(RichText::new(title).strong());
                    }
                    ui.end_row();
                    let show = |v: &Option<serde_json::Value>| {
                        v.as_ref()
                            .map_or_else(|| "(nothing)".to_string(), crate::live::diff::short)
                    };
                    for change in &plan.changes {
                        ui.label(&change.path);
                        ui.label(show(&change.before));
                        ui.label(show(&change.after));
                        ui.end_row();
                    }
                });
        }
        for problem in &plan.problems {
            error_line(
                ui,
                &format!(
                    "{}: the game would refuse this data, so it can't be restored.",
                    problem.message
                ),
            );
        }
        // Warned before the first try when the player was in a game at the
        // look-up; Roblox's refusal says so too if they joined since.
        let live_now = loaded.lock.is_live() || self.live_warning.is_some();
        if live_now {
            let warning = self.live_warning.clone().unwrap_or_else(|| {
                format!(
                    "This player is {}. That server saves their data again soon and will overwrite the restore. Wait until they leave the game, or restore anyway.",
                    loaded.lock.describe()
                )
            });
            ui.label(RichText::new(format!("⚠ {warning}")).color(ui.visuals().warn_fg_color));
            ui.checkbox(
                &mut self.force,
                "Restore anyway: I know the live server may overwrite it",
            );
        }
        let allowed = plan.problems.is_empty() && (!live_now || self.force);
        let restore = ui
            .add_enabled(allowed && !live.busy, egui::Button::new("⏪ Restore this"))
            .on_hover_text("Write this data over the player's current data; the current data is kept as a backup")
            .clicked();
        if restore && let Some(players) = live.players() {
            let plan = plan.clone();
            let current = current.clone();
            let options = SaveOptions { force: self.force };
            live.start(
                format!("Restoring player {}", current.user_id),
                PageAnswer::Restore,
                move |call: &Call| {
                    Answer::Restored(restore_record(&players, &current, &plan, options, call))
                },
            );
        }
    }
}

fn restore_record(
    players: &LivePlayers,
    current: &PlayerRecord,
    plan: &RestorePlan,
    options: SaveOptions,
    call: &Call,
) -> Result<Box<Loaded>, LiveError> {
    let written = players.restore(current, plan, options, call)?;
    Ok(Box::new(Loaded::of(players, written)))
}
