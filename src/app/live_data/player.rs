//! Player: look up a player by user id or username and show their record as
//! a form built from the project's schema (types, limits, descriptions,
//! broken rules marked, unknown fields listed and kept, the session lock in
//! words); then Fix: edit, check with the export's own rules, and save with
//! the record's etag, refusing during a live session unless forced.

use egui::{RichText, Ui};
use serde_json::{Map, Value as Json};

use super::value_editor;
use super::{Live, PageAnswer, done_line, error_line};
use crate::live::diff::short;
use crate::live::time;
use crate::live::{
    Call, FieldChange, LiveError, LivePlayers, LockState, PlayerRecord, PlayerRef, RecordForm,
    RecordShape, RobloxUser, SaveOptions, diff_data,
};
use crate::project::Field;

/// A record as the page shows it, with what the worker worked out for it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub record: PlayerRecord,
    /// The form as read; the page edits a copy.
    pub form: RecordForm,
    pub lock: LockState,
    /// The schema of the record's own version (for checking edits).
    pub fields: Vec<Field>,
    /// The version this project's export stamps on records.
    pub current_version: u32,
    /// Said when the record is still in an older DataStore the game reads.
    pub older_store: Option<String>,
    /// Whose record it is on Roblox, when the users API said.
    pub account: Option<RobloxUser>,
}

impl Loaded {
    /// Works out the form and the lock of `record` (on the worker: the lock
    /// is judged by Roblox's clock).
    pub fn of(players: &LivePlayers, record: PlayerRecord) -> Loaded {
        Loaded {
            form: players.form(&record),
            lock: players.lock_state(&record),
            fields: players.fields_of(record.version).unwrap_or(&[]).to_vec(),
            current_version: players.current_version(),
            older_store: players.older_store_note(&record),
            account: None,
            record,
        }
    }
}

pub enum Answer {
    Looked(Result<Box<Loaded>, LiveError>),
    Saved(Result<Box<Loaded>, LiveError>),
    /// The save was refused because the record changed since it was read:
    /// the record as it is now, and how it differs from the edits.
    Conflict(Box<Loaded>),
}

/// The record shown and the edits made to it.
struct Shown {
    loaded: Loaded,
    form: RecordForm,
}

impl Shown {
    fn new(loaded: Loaded) -> Shown {
        let form = loaded.form.clone();
        Shown { loaded, form }
    }

    /// The edits, field by field, from the stored data.
    fn changes(&self) -> Vec<FieldChange> {
        diff_data(&self.loaded.record.data, &self.form.data())
    }
}

/// A save that could not be written because the record changed meanwhile.
struct Conflict {
    /// From the data now stored to the edits.
    changes: Vec<FieldChange>,
    current: Loaded,
}

#[derive(Default)]
pub struct PlayerPage {
    /// The user id or username typed.
    pub who: String,
    shown: Option<Shown>,
    error: Option<String>,
    notice: Option<String>,
    /// The player is in a live session: the next save may be forced.
    live_warning: Option<String>,
    /// The designer ticked "save anyway" after the warning.
    pub force: bool,
    conflict: Option<Conflict>,
    /// A look-up asked for by another tab, started at the next frame.
    look_up_next: Option<i64>,
}

impl PlayerPage {
    /// The record shown, as read.
    pub fn record(&self) -> Option<&PlayerRecord> {
        self.shown.as_ref().map(|s| &s.loaded.record)
    }

    /// The record shown, with its form and lock as read.
    pub fn loaded(&self) -> Option<&Loaded> {
        self.shown.as_ref().map(|s| &s.loaded)
    }

    /// The edited data, as it would be saved.
    pub fn edited(&self) -> Option<Map<String, Json>> {
        self.shown.as_ref().map(|s| s.form.data())
    }

    /// Shows `loaded` (a restore wrote it), dropping edits.
    pub(super) fn show_record(&mut self, mut loaded: Loaded) {
        // A save or restore reads no name: keep the one already shown.
        if loaded.account.is_none()
            && let Some(shown) = &self.shown
            && shown.loaded.record.user_id == loaded.record.user_id
        {
            loaded.account = shown.loaded.account.clone();
        }
        self.who = loaded.record.user_id.to_string();
        self.shown = Some(Shown::new(loaded));
        self.conflict = None;
        self.live_warning = None;
        self.force = false;
    }

    /// Drops the player shown if it is `user_id` (erased).
    pub(super) fn forget(&mut self, user_id: i64) {
        if self.record().is_some_and(|r| r.user_id == user_id) {
            self.shown = None;
            self.notice = None;
            self.conflict = None;
        }
    }

    /// Looks `user_id` up when the page next shows.
    pub(super) fn look_up_later(&mut self, user_id: i64) {
        self.who = user_id.to_string();
        self.look_up_next = Some(user_id);
    }

    pub(super) fn receive(&mut self, answer: Answer) {
        self.error = None;
        self.notice = None;
        match answer {
            Answer::Looked(Ok(loaded)) => self.show_record(*loaded),
            Answer::Saved(Ok(loaded)) => {
                let changed = self.shown.as_ref().map_or(0, |s| s.changes().len());
                self.show_record(*loaded);
                self.notice = Some(format!(
                    "Saved {} to Roblox.",
                    crate::project::words::count(changed as u64, "change", "changes")
                ));
            }
            Answer::Conflict(current) => {
                let edited = self.edited().unwrap_or_default();
                self.conflict = Some(Conflict {
                    changes: diff_data(&current.record.data, &edited),
                    current: *current,
                });
            }
            Answer::Looked(Err(e)) | Answer::Saved(Err(e)) => match e {
                LiveError::Cancelled => {}
                LiveError::InLiveSession { .. } => {
                    self.force = false;
                    self.live_warning = Some(e.to_string());
                }
                e => self.error = Some(e.to_string()),
            },
        }
    }

    /// Returns true when the designer asked to restore this player.
    pub(super) fn show(&mut self, ui: &mut Ui, live: &mut Live<'_>) -> bool {
        if let Some(user_id) = self.look_up_next
            && !live.busy
        {
            self.look_up_next = None;
            self.start_look_up(live, PlayerRef::Id(user_id));
        }
        ui.label(RichText::new("Look up a player").size(16.0));
        let mut go = false;
        ui.horizontal(|ui| {
            ui.label("User id or username");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.who)
                        .hint_text("e.g. 123456 or Builderman")
                        .desired_width(240.0),
                )
                .accessible_name("User id or username");
            go |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let who = PlayerRef::parse(&self.who);
            go |= ui
                .add_enabled(!live.busy && who.is_some(), egui::Button::new("🔍 Look up"))
                .on_hover_text("Read the player's saved data (nothing is changed)")
                .clicked();
        });
        if go
            && !live.busy
            && let Some(who) = PlayerRef::parse(&self.who)
        {
            self.start_look_up(live, who);
        }
        if let Some(error) = &self.error {
            error_line(ui, error);
        }
        if let Some(notice) = &self.notice {
            done_line(ui, notice);
        }
        let Some(shown) = &mut self.shown else {
            return false;
        };
        ui.add_space(8.0);
        let mut restore = false;
        summary(ui, &shown.loaded);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!live.busy, egui::Button::new("↻ Read again"))
                .on_hover_text("Read the player's data again; unsaved edits are dropped")
                .clicked()
            {
                go = true;
            }
            restore = ui
                .add_enabled(!live.busy, egui::Button::new("⏪ Restore…"))
                .on_hover_text("Put back one of the project's backups or one of Roblox's versions")
                .clicked();
        });
        ui.add_space(6.0);
        form(ui, shown);
        ui.add_space(8.0);
        let user_id = shown.loaded.record.user_id;
        self.fix(ui, live);
        if go && !live.busy {
            self.start_look_up(live, PlayerRef::Id(user_id));
        }
        restore
    }

    fn start_look_up(&mut self, live: &mut Live<'_>, who: PlayerRef) {
        let Some(players) = live.players() else {
            return;
        };
        self.error = None;
        self.notice = None;
        let what = match &who {
            PlayerRef::Id(id) => format!("Looking up player {id}"),
            PlayerRef::Name(name) => format!("Looking up {name}"),
        };
        live.start(what, PageAnswer::Player, move |call: &Call| {
            Answer::Looked(look_up(&players, &who, call))
        });
    }

    /// The edits, their problems, and Save.
    fn fix(&mut self, ui: &mut Ui, live: &mut Live<'_>) {
        let Some(shown) = &self.shown else {
            return;
        };
        ui.label(RichText::new("Fix").size(16.0));
        if let Some(why) = &shown.form.read_only {
            ui.label(format!("🔒 {why}"));
            return;
        }
        let changes = shown.changes();
        let problems = shown.form.problems();
        if changes.is_empty() {
            super::explain(
                ui,
                "Change a value above, then save. Edits are checked with the same rules as the exported game's, and the save only goes through if nobody changed the data since you read it.",
            );
        } else {
            ui.label(RichText::new("Your changes").strong());
            for change in &changes {
                ui.label(format!("• {}", super::change_words(change)));
            }
        }
        for problem in &problems {
            error_line(
                ui,
                &format!(
                    "{}: the game would refuse this data, so fix it before saving.",
                    problem.message
                ),
            );
        }
        let live_now = shown.loaded.lock.is_live() || self.live_warning.is_some();
        if live_now {
            let warning = self.live_warning.clone().unwrap_or_else(|| {
                format!(
                    "This player is {}. That server saves their data again soon and will overwrite what you save here. Wait until they leave the game, or save anyway.",
                    shown.loaded.lock.describe()
                )
            });
            ui.label(RichText::new(format!("⚠ {warning}")).color(ui.visuals().warn_fg_color));
            ui.checkbox(
                &mut self.force,
                "Save anyway: I know the live server may overwrite it",
            );
        }
        let can_save = !changes.is_empty() && problems.is_empty() && (!live_now || self.force);
        let label = if live_now {
            "💾 Save anyway"
        } else {
            "💾 Save changes"
        };
        let why_not = if changes.is_empty() {
            "Nothing is changed yet"
        } else if !problems.is_empty() {
            "Fix the values marked in red first"
        } else if live_now && !self.force {
            "The player is in a game: tick \"Save anyway\" to write regardless"
        } else {
            "Wait for the call that is running, or cancel it"
        };
        let save = ui
            .add_enabled(can_save && !live.busy, egui::Button::new(label))
            .on_hover_text("Write these changes to the player's saved data on Roblox")
            .on_disabled_hover_text(why_not)
            .clicked();
        if save && let Some(players) = live.players() {
            let record = shown.loaded.record.clone();
            let data = shown.form.data();
            let options = SaveOptions { force: self.force };
            self.conflict = None;
            live.start(
                format!("Saving player {}", record.user_id),
                PageAnswer::Player,
                move |call: &Call| save_record(&players, &record, data, options, call),
            );
        }
        self.show_conflict(ui);
    }

    fn show_conflict(&mut self, ui: &mut Ui) {
        let Some(conflict) = &self.conflict else {
            return;
        };
        ui.add_space(8.0);
        error_line(
            ui,
            "Someone else changed this player's data since you read it (the game, or another person). Nothing was written. Between the data now stored and yours:",
        );
        for change in &conflict.changes {
            ui.label(format!("• {}", super::change_words(change)));
        }
        let mut keep = false;
        let mut take = false;
        ui.horizontal(|ui| {
            keep = ui
                .button("Keep my values")
                .on_hover_text(
                    "Put your values over the data now stored; press Save again to write them",
                )
                .clicked();
            take = ui
                .button("Use the stored data")
                .on_hover_text("Drop your edits and show the data as it is stored now")
                .clicked();
        });
        if keep && let Some(conflict) = self.conflict.take() {
            let edited = self.edited().unwrap_or_default();
            let mut shown = Shown::new(conflict.current);
            set_data(&mut shown, &edited);
            self.shown = Some(shown);
        } else if take && let Some(conflict) = self.conflict.take() {
            self.show_record(conflict.current);
        }
    }
}

fn look_up(players: &LivePlayers, who: &PlayerRef, call: &Call) -> Result<Box<Loaded>, LiveError> {
    let user_id = players.find_player(who, call)?;
    let record = players.look_up(user_id, call)?;
    let mut loaded = Loaded::of(players, record);
    // The name is a courtesy: a record is worth showing without it.
    loaded.account = players.account(user_id, call).ok().flatten();
    Ok(Box::new(loaded))
}

fn save_record(
    players: &LivePlayers,
    record: &PlayerRecord,
    data: Map<String, Json>,
    options: SaveOptions,
    call: &Call,
) -> Answer {
    match players.save(record, data, options, call) {
        Ok(saved) => Answer::Saved(Ok(Box::new(Loaded::of(players, saved)))),
        // Show what is stored now next to the edits: read it again when
        // it could not be had with the refusal.
        Err(LiveError::Conflict {
            current: Some(entry),
        }) => Answer::Conflict(Box::new(Loaded::of(
            players,
            players.decode_like(record, Some(&entry)),
        ))),
        Err(LiveError::Conflict { current: None }) => match players.look_up(record.user_id, call) {
            Ok(current) => Answer::Conflict(Box::new(Loaded::of(players, current))),
            Err(e) => Answer::Saved(Err(e)),
        },
        Err(e) => Answer::Saved(Err(e)),
    }
}

/// Puts `data`'s values of the form's fields into `shown` (keeping the
/// fields `data` doesn't have as stored).
fn set_data(shown: &mut Shown, data: &Map<String, Json>) {
    let fields = shown.loaded.fields.clone();
    for (name, value) in data {
        if shown.form.field(name).is_some() {
            shown.form.set(name, Some(value.clone()), &fields);
        }
    }
}

/// Who the player is, where their data is, its version and the lock.
fn summary(ui: &mut Ui, loaded: &Loaded) {
    let record = &loaded.record;
    ui.label(RichText::new(format!("Player {}", record.user_id)).heading());
    if let Some(account) = &loaded.account {
        ui.label(format!(
            "{} (@{}) on Roblox",
            account.display_name, account.name
        ));
    }
    egui::Grid::new("live-record-summary")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            ui.label("Stored in");
            ui.label(
                RichText::new(format!(
                    "{} / {} / {}",
                    record.store.name, record.store.scope, record.key
                ))
                .monospace(),
            );
            ui.end_row();
            ui.label("Session lock");
            let lock = loaded.lock.describe();
            if loaded.lock.is_live() {
                ui.label(
                    RichText::new(lock)
                        .color(ui.visuals().warn_fg_color)
                        .strong(),
                );
            } else {
                ui.label(lock);
            }
            ui.end_row();
            ui.label("Data version");
            let version = if record.version == loaded.current_version {
                format!("{} (this project's)", record.version)
            } else {
                format!(
                    "{} (this project exports {}; the game brings it up to date at the next load)",
                    record.version, loaded.current_version
                )
            };
            ui.label(version);
            ui.end_row();
            let meta = &record.meta;
            if let Some(saved) = meta.saved_at {
                ui.label("Last saved");
                ui.label(time::describe(saved));
                ui.end_row();
            }
            if let Some(loads) = meta.loads {
                ui.label("Sessions");
                ui.label(format!("loaded {loads} times"));
                ui.end_row();
            }
            if !meta.purchases.is_empty() || !meta.gifts.is_empty() {
                ui.label("Purchases and gifts");
                ui.label(format!(
                    "{} purchases granted, {} gifts waiting",
                    meta.purchases.len(),
                    meta.gifts.len()
                ));
                ui.end_row();
            }
        });
    if let Some(note) = &loaded.older_store {
        ui.label(RichText::new(note.as_str()).color(ui.visuals().warn_fg_color));
    }
    match &record.shape {
        RecordShape::Missing => {
            ui.label("This player has no saved data: they never played, or it was erased. Saving creates their record.");
        }
        RecordShape::Plain => {
            ui.label("This is saved data from before the game used DataStore Designer's records; saving keeps it as the game reads it.");
        }
        RecordShape::Unreadable { why } => error_line(ui, why),
        RecordShape::Record => {}
    }
}

/// Each field of the schema with its type, limits, description and value.
fn form(ui: &mut Ui, shown: &mut Shown) {
    let read_only = shown.form.read_only.is_some();
    let fields = shown.loaded.fields.clone();
    egui::Grid::new("live-record-form")
        .num_columns(4)
        .spacing([14.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for title in ["Field", "Type and limits", "Value", "About"] {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for i in 0..shown.form.fields.len() {
                let field = shown.form.fields[i].clone();
                ui.label(RichText::new(&field.name).strong());
                let mut kind = field.type_name.clone();
                if !field.limits.is_empty() {
                    kind.push_str(&format!(", {}", field.limits.join(", ")));
                }
                ui.label(kind);
                ui.vertical(|ui| {
                    // A grid cell is as wide as its widest content: keep
                    // room for the edit box and its message.
                    ui.set_min_width(340.0);
                    ui.set_max_width(340.0);
                    if !field.saved {
                        ui.label(RichText::new("not saved (lives in a server only)").weak());
                        return;
                    }
                    let mut value = field.value.clone();
                    let edited = ui
                        .add_enabled_ui(!read_only, |ui| {
                            value_editor::field_value(
                                ui,
                                &field.name,
                                &field.ty,
                                &field.default,
                                &mut value,
                                field.problem.as_ref(),
                            )
                        })
                        .inner;
                    if edited {
                        shown.form.set(&field.name, value, &fields);
                    }
                    if field.value.is_none() && !edited {
                        ui.label(
                            RichText::new(format!(
                                "not stored: the game starts it at {}",
                                short(&field.default)
                            ))
                            .weak()
                            .small(),
                        );
                    }
                });
                ui.add(egui::Label::new(RichText::new(&field.description).weak()).wrap());
                ui.end_row();
            }
        });
    if !shown.form.unknown.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Fields this project doesn't know").strong());
        super::explain(
            ui,
            "Stored for this player but not in the project's fields (a removed field, or another script's data). They are kept exactly as they are when you save.",
        );
        for unknown in &shown.form.unknown {
            ui.label(
                RichText::new(format!("{} = {}", unknown.name, short(&unknown.value))).monospace(),
            );
        }
    }
}
