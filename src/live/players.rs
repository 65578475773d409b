//! Looking up, fixing, restoring and erasing one player's data through Open
//! Cloud, as the exported runtime itself would: the record's key and store
//! from the project's save policy, the version stamp and lock kept as
//! RecordStore expects them, a write refused during a live session unless
//! forced, every write carrying the etag it read, a restore that keeps the
//! data it replaces as a backup (Backups.restoreStored), and an erase that
//! removes what DataManager:Erase removes. Every read and write goes to the
//! audit log.

use serde_json::{Map, Value as Json, json};

use crate::project::periods;

use super::audit::{AuditAction, AuditEntry, AuditLog, os_user};
use super::call::Call;
use super::cloud::{
    Cloud, CloudEntry, EntryPage, EntryWrite, OrderedPage, RevisionPage, RobloxUser, StoreRef,
};
use super::connection::{self, ConnectionReport};
use super::diff::{FieldChange, diff_data};
use super::error::LiveError;
use super::form::RecordForm;
use super::lock::LockState;
use super::record::{PlayerRecord, RecordShape, as_table, is_record};
use super::release::{self, ReleaseWait};
use super::validate::{self, Problem};
use crate::project::{Field, Project, migration};

/// Roblox's longest key, in characters (Backups.keyFor).
const MAX_KEY_CHARS: usize = 50;

/// A player as the designer names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlayerRef {
    Id(i64),
    /// A username, resolved with the users API.
    Name(String),
}

impl PlayerRef {
    /// A user id when the text is a number, else a username; None when empty.
    pub fn parse(text: &str) -> Option<PlayerRef> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        match text.parse::<i64>() {
            Ok(id) => Some(PlayerRef::Id(id)),
            Err(_) => Some(PlayerRef::Name(text.to_string())),
        }
    }
}

/// How a write treats a live session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SaveOptions {
    /// Write even though the player is in a game (after the warning that
    /// their server will overwrite it at its next save).
    pub force: bool,
}

/// One entry of the project's own backups ring (Backups.luau).
#[derive(Debug, Clone, PartialEq)]
pub struct BackupEntry {
    /// 1 is the newest, as DataManager:ListBackups numbers them.
    pub index: usize,
    /// os.time() when it was taken.
    pub at: Option<i64>,
    pub schema_version: Option<u32>,
    /// "before restore" for the copy a restore keeps.
    pub note: Option<String>,
    pub data: Map<String, Json>,
}

/// Where a restore takes the data from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreSource {
    /// The project's backups ring, by index (1 = newest).
    Backup { index: usize },
    /// One of Roblox's kept versions of the record.
    Version { revision_id: String },
}

/// A restore ready to write, with its difference from the current data.
#[derive(Debug, Clone, PartialEq)]
pub struct RestorePlan {
    pub source: RestoreSource,
    /// The data to write, in the version it was saved under.
    pub data: Map<String, Json>,
    pub version: u32,
    /// Field by field, from the current data to this.
    pub changes: Vec<FieldChange>,
    /// Rules the restored data breaks; a plan with problems is refused.
    pub problems: Vec<Problem>,
    /// The source in words ("backup 2, taken 2026-01-01 14:02 UTC").
    pub description: String,
}

/// One key an erase went through.
#[derive(Debug, Clone, PartialEq)]
pub struct ErasedKey {
    pub store: String,
    /// The store's scope: leaderboards keep each day, week or month in a
    /// scope of its own.
    pub scope: String,
    pub key: String,
    /// An ordered data store (a leaderboard).
    pub ordered: bool,
    /// False when there was nothing to remove.
    pub removed: bool,
}

impl ErasedKey {
    /// Where the key is, in words: the store, its scope when it isn't the
    /// default one, and the key.
    pub fn place(&self) -> String {
        if self.scope == super::cloud::DEFAULT_SCOPE {
            format!("{} / {}", self.store, self.key)
        } else {
            format!("{} ({}) / {}", self.store, self.scope, self.key)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct EraseReport {
    pub keys: Vec<ErasedKey>,
}

/// Live data of one game, seen through its project.
#[derive(Debug, Clone)]
pub struct LivePlayers {
    cloud: Cloud,
    /// The project as its export sees it (migration::as_exported).
    project: Project,
    audit: Option<AuditLog>,
    who: String,
    release_wait: ReleaseWait,
}

impl LivePlayers {
    /// `audit`: where to log every read and write (None: no log, for
    /// scripts that keep their own).
    pub fn new(cloud: Cloud, project: &Project, audit: Option<AuditLog>) -> LivePlayers {
        let who = format!("{} ({})", os_user(), cloud.key_label());
        LivePlayers {
            project: migration::as_exported(project).into_owned(),
            cloud,
            audit,
            who,
            release_wait: ReleaseWait::default(),
        }
    }

    /// How long an erase waits for a live server to let go of the player
    /// (tests shorten it).
    pub fn set_release_wait(&mut self, wait: ReleaseWait) {
        self.release_wait = wait;
    }

    pub fn cloud(&self) -> &Cloud {
        &self.cloud
    }

    /// The project as exported (the version stamp its records carry).
    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn audit_log(&self) -> Option<&AuditLog> {
        self.audit.as_ref()
    }

    /// The DataStore and scope of players' records.
    pub fn record_store(&self) -> StoreRef {
        let policy = &self.project.save_policy;
        StoreRef::new(policy.datastore.clone(), policy.scope.as_deref())
    }

    /// The record's key (RecordStore.keyFor).
    pub fn key_for(&self, user_id: i64) -> String {
        self.project
            .save_policy
            .key_pattern
            .replace("{UserId}", &user_id.to_string())
    }

    /// The backups key (Backups.keyFor).
    pub fn backups_key_for(&self, user_id: i64) -> String {
        let key = format!("{}/backups", self.key_for(user_id));
        if key.chars().count() <= MAX_KEY_CHARS {
            key
        } else {
            format!("backups/{user_id}")
        }
    }

    /// The version records of this build carry (Config.schemaVersion).
    pub fn current_version(&self) -> u32 {
        self.project.schema.version
    }

    /// The fields of schema `version`, if the project still has it.
    pub fn fields_of(&self, version: u32) -> Option<&[Field]> {
        if version == self.project.schema.version {
            return Some(&self.project.schema.fields);
        }
        self.project
            .history
            .iter()
            .find(|p| p.schema.version == version)
            .map(|p| p.schema.fields.as_slice())
    }

    /// The version a plain table read from `store` counts as
    /// (Migrate.plainVersion).
    pub fn plain_version(&self, store: &str) -> u32 {
        let history = &self.project.history;
        history
            .iter()
            .filter(|p| p.datastore == store)
            .map(|p| p.schema.version)
            .min()
            .or_else(|| history.iter().map(|p| p.schema.version).min())
            .unwrap_or(self.project.schema.version)
    }

    fn log(
        &self,
        action: AuditAction,
        user_id: Option<i64>,
        target: String,
        changes: Vec<FieldChange>,
        outcome: &Result<(), LiveError>,
    ) {
        let Some(audit) = &self.audit else {
            return;
        };
        let entry = AuditEntry {
            at: super::time::system_now(),
            who: self.who.clone(),
            universe: self.cloud.universe_id(),
            user_id,
            action,
            target,
            changes,
            outcome: match outcome {
                Ok(()) => "ok".into(),
                Err(e) => e.to_string(),
            },
        };
        // A log that can't be written must not hide the call's own result;
        // the window shows the log's path and state separately.
        let _ = audit.append(&entry);
    }

    fn logged<T>(
        &self,
        action: AuditAction,
        user_id: Option<i64>,
        target: String,
        changes: impl FnOnce(&T) -> Vec<FieldChange>,
        result: Result<T, LiveError>,
    ) -> Result<T, LiveError> {
        let (changes, outcome) = match &result {
            Ok(value) => (changes(value), Ok(())),
            Err(e) => (Vec::new(), Err(e.clone())),
        };
        if !matches!(outcome, Err(LiveError::Cancelled)) {
            self.log(action, user_id, target, changes, &outcome);
        }
        result
    }

    fn target(&self, key: &str) -> String {
        format!("{}/{}", self.record_store().name, key)
    }

    /// Probes every permission the pages need.
    pub fn test_connection(&self, call: &Call) -> Result<ConnectionReport, LiveError> {
        let boards: Vec<String> = self
            .project
            .leaderboards
            .iter()
            .map(|b| b.ordered_datastore.clone())
            .filter(|s| !s.is_empty())
            .collect();
        let result = connection::test_connection(&self.cloud, &self.record_store(), &boards, call);
        self.logged(
            AuditAction::TestConnection,
            None,
            self.record_store().name,
            |_| Vec::new(),
            result,
        )
    }

    /// The user id of `who` (a username is looked up).
    pub fn find_player(&self, who: &PlayerRef, call: &Call) -> Result<i64, LiveError> {
        match who {
            PlayerRef::Id(id) if *id >= 1 => Ok(*id),
            PlayerRef::Id(id) => Err(LiveError::NotFound {
                what: format!("A player with the user id {id}"),
            }),
            PlayerRef::Name(name) => {
                call.step(format!("Looking up the username {name}"));
                match self.cloud.resolve_username(name, call)? {
                    Some(user) => Ok(user.id),
                    None => Err(LiveError::NotFound {
                        what: format!("A Roblox account called \"{name}\""),
                    }),
                }
            }
        }
    }

    /// `entry` (None: nothing stored) as the record of `user_id` in the
    /// record store, as the runtime reads it: a plain table as the version
    /// Migrate.plainVersion gives, a player with no record at the version a
    /// new record gets. For a [`LiveError::Conflict`]'s current entry too.
    pub fn decode_entry(&self, user_id: i64, entry: Option<&CloudEntry>) -> PlayerRecord {
        self.decode_in(user_id, self.record_store(), entry)
    }

    /// `entry` as a newer read of `record` (same player, same DataStore):
    /// for a [`LiveError::Conflict`]'s current entry of a record that may be
    /// in an older DataStore.
    pub fn decode_like(&self, record: &PlayerRecord, entry: Option<&CloudEntry>) -> PlayerRecord {
        self.decode_in(record.user_id, record.store.clone(), entry)
    }

    fn decode_in(&self, user_id: i64, store: StoreRef, entry: Option<&CloudEntry>) -> PlayerRecord {
        let plain = self.plain_version(&store.name);
        let mut record = PlayerRecord::decode(user_id, store, self.key_for(user_id), entry, plain);
        if record.shape == RecordShape::Missing {
            record.version = self.current_version();
        }
        record
    }

    /// The DataStores earlier versions of the game saved in, newest first
    /// (RecordStore.olderStores).
    pub fn older_stores(&self) -> Vec<String> {
        let current = &self.project.save_policy.datastore;
        let mut published: Vec<_> = self.project.history.iter().collect();
        published.sort_by_key(|p| std::cmp::Reverse(p.schema.version));
        let mut names: Vec<String> = Vec::new();
        for p in published {
            if &p.datastore != current && !names.contains(&p.datastore) {
                names.push(p.datastore.clone());
            }
        }
        names
    }

    /// Why `record` is in an older DataStore, when it is.
    pub fn older_store_note(&self, record: &PlayerRecord) -> Option<String> {
        let current = &self.project.save_policy.datastore;
        (record.store.name != *current).then(|| {
            format!(
                "This player has not played since the game moved its data to {current}: their data is still in {}, where the game reads it (and moves it to {current}) at their next join. Changes made here are what the game moves.",
                record.store.name
            )
        })
    }

    /// The Roblox account of `user_id` (its username), for showing who a
    /// record belongs to.
    pub fn account(&self, user_id: i64, call: &Call) -> Result<Option<RobloxUser>, LiveError> {
        call.step(format!("Looking up the account of user {user_id}"));
        self.cloud.user_by_id(user_id, call)
    }

    /// Reads a player's record: in the record store, or for a player who
    /// has none there yet, in the older DataStores the game still reads
    /// (RecordStore.load's readOlder).
    pub fn look_up(&self, user_id: i64, call: &Call) -> Result<PlayerRecord, LiveError> {
        let store = self.record_store();
        let key = self.key_for(user_id);
        call.step(format!("Reading {key}"));
        let result = (|| {
            if let Some(entry) = self.cloud.get_entry(&store, &key, call)? {
                return Ok(self.decode_in(user_id, store.clone(), Some(&entry)));
            }
            for name in self.older_stores() {
                let older = StoreRef::new(name.clone(), Some(&store.scope));
                call.step(format!("Reading {key} in the older DataStore {name}"));
                if let Some(entry) = self.cloud.get_entry(&older, &key, call)? {
                    return Ok(self.decode_in(user_id, older, Some(&entry)));
                }
            }
            Ok(self.decode_in(user_id, store.clone(), None))
        })();
        self.logged(
            AuditAction::Read,
            Some(user_id),
            self.target(&key),
            |_| Vec::new(),
            result,
        )
    }

    /// The session lock of `record` now, by Roblox's clock.
    pub fn lock_state(&self, record: &PlayerRecord) -> LockState {
        let policy = &self.project.save_policy.session_lock;
        if !policy.enabled && record.meta.lock.is_none() {
            return LockState::Free;
        }
        LockState::of(
            record.meta.lock.as_ref(),
            policy.timeout_seconds,
            self.cloud.server_now(),
        )
    }

    /// Why `record` can't be edited, if it can't.
    pub fn read_only_reason(&self, record: &PlayerRecord) -> Option<String> {
        match &record.shape {
            RecordShape::Unreadable { why } => {
                return Some(format!("The game can't load this record: {why}."));
            }
            _ if record.version > self.current_version() => {
                return Some(format!(
                    "This record was saved by a newer version of the game (data version {}; this project exports version {}). Edit it with the newer project.",
                    record.version,
                    self.current_version()
                ));
            }
            _ => {}
        }
        self.fields_of(record.version).is_none().then(|| {
            format!(
                "This record is in data version {}, which this project no longer describes.",
                record.version
            )
        })
    }

    /// The record as a form, under the schema of its own version.
    pub fn form(&self, record: &PlayerRecord) -> RecordForm {
        let read_only = self.read_only_reason(record);
        let fields = self.fields_of(record.version).unwrap_or(&[]);
        RecordForm::build(record, fields, read_only)
    }

    /// The stored value for `data` in `version`, built on the record read
    /// (its meta and lock kept as the runtime expects): the lock of a live
    /// session stays (a forced write), a timed-out one is cleared as
    /// RecordStore.replace clears it.
    fn value_for(
        &self,
        record: &PlayerRecord,
        data: &Map<String, Json>,
        version: u32,
        restored: bool,
    ) -> Json {
        let now = self.cloud.server_now();
        if record.shape == RecordShape::Plain && version == record.version && !restored {
            // A plain table stays plain: the runtime reads it as it is.
            return Json::Object(data.clone());
        }
        let mut meta = record.meta.raw.clone();
        meta.insert("schemaVersion".into(), json!(version));
        meta.insert("savedAt".into(), json!(now));
        if !meta.contains_key("createdAt") {
            meta.insert("createdAt".into(), json!(now));
        }
        if restored {
            meta.insert("restoredAt".into(), json!(now));
        }
        if !self.lock_state(record).is_live() {
            meta.remove("lock");
        }
        json!({ "data": data, "meta": meta })
    }

    fn check_writable(&self, record: &PlayerRecord, options: SaveOptions) -> Result<(), LiveError> {
        if let Some(why) = self.read_only_reason(record) {
            return Err(LiveError::Unusable(why));
        }
        if !options.force
            && let LockState::InGame { .. } = self.lock_state(record)
            && let Some(lock) = &record.meta.lock
        {
            return Err(LiveError::InLiveSession { lock: lock.clone() });
        }
        Ok(())
    }

    fn write(
        &self,
        record: &PlayerRecord,
        value: &Json,
        call: &Call,
    ) -> Result<PlayerRecord, LiveError> {
        let users = if record.users.is_empty() {
            vec![record.user_id]
        } else {
            record.users.clone()
        };
        let etag = record.etag.as_deref().filter(|_| record.exists());
        call.step(format!("Writing {}", record.key));
        let write = EntryWrite {
            value,
            users: &users,
            attributes: &record.attributes,
            etag,
        };
        let entry = self
            .cloud
            .update_entry(&record.store, &record.key, &write, call)?;
        Ok(self.decode_in(record.user_id, record.store.clone(), Some(&entry)))
    }

    /// Saves edited `data` over `record` (as read): checked by the runtime's
    /// rules, refused during a live session unless forced, written with the
    /// record's etag. Returns the record as now stored.
    pub fn save(
        &self,
        record: &PlayerRecord,
        data: Map<String, Json>,
        options: SaveOptions,
        call: &Call,
    ) -> Result<PlayerRecord, LiveError> {
        let forced = options.force && self.lock_state(record).is_live();
        let action = if forced {
            AuditAction::ForcedSave
        } else {
            AuditAction::Save
        };
        let changes = diff_data(&record.data, &data);
        let result = (|| {
            self.check_writable(record, options)?;
            let fields = self.fields_of(record.version).unwrap_or(&[]);
            let problems = validate::check_data(fields, &data);
            if !problems.is_empty() {
                return Err(LiveError::Invalid { problems });
            }
            let version = if record.exists() {
                record.version
            } else {
                self.current_version()
            };
            let value = self.value_for(record, &data, version, false);
            self.write(record, &value, call)
        })();
        self.logged(
            action,
            Some(record.user_id),
            self.target(&record.key),
            |_| changes,
            result,
        )
    }

    fn read_backups(
        &self,
        user_id: i64,
        call: &Call,
    ) -> Result<(Vec<BackupEntry>, Option<super::cloud::CloudEntry>), LiveError> {
        let key = self.backups_key_for(user_id);
        call.step(format!("Reading {key}"));
        let entry = self.cloud.get_entry(&self.record_store(), &key, call)?;
        let list = entry
            .as_ref()
            .and_then(|e| e.value.get("entries"))
            .and_then(Json::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| BackupEntry {
                        index: i + 1,
                        at: e.get("at").and_then(Json::as_f64).map(|f| f as i64),
                        schema_version: e
                            .get("schemaVersion")
                            .and_then(Json::as_f64)
                            .map(|f| f as u32),
                        note: e.get("note").and_then(Json::as_str).map(str::to_string),
                        data: e.get("data").and_then(as_table).unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok((list, entry))
    }

    /// The player's backups, newest first (DataManager:ListBackups).
    pub fn backups(&self, user_id: i64, call: &Call) -> Result<Vec<BackupEntry>, LiveError> {
        let result = self.read_backups(user_id, call).map(|(list, _)| list);
        let target = self.target(&self.backups_key_for(user_id));
        self.logged(
            AuditAction::ReadBackups,
            Some(user_id),
            target,
            |_| Vec::new(),
            result,
        )
    }

    /// One page of Roblox's kept versions of the player's record.
    pub fn versions(
        &self,
        user_id: i64,
        page: Option<&str>,
        call: &Call,
    ) -> Result<RevisionPage, LiveError> {
        let key = self.key_for(user_id);
        call.step(format!("Listing Roblox's versions of {key}"));
        let result = self
            .cloud
            .list_revisions(&self.record_store(), &key, page, 50, call);
        self.logged(
            AuditAction::ReadVersions,
            Some(user_id),
            self.target(&key),
            |_| Vec::new(),
            result,
        )
    }

    /// Reads the data `source` holds and compares it with `current`.
    pub fn plan_restore(
        &self,
        current: &PlayerRecord,
        source: &RestoreSource,
        call: &Call,
    ) -> Result<RestorePlan, LiveError> {
        let (data, version, description) = match source {
            RestoreSource::Backup { index } => {
                let (list, _) = self.read_backups(current.user_id, call)?;
                let count = list.len();
                let entry = list
                    .into_iter()
                    .find(|e| e.index == *index)
                    .ok_or_else(|| LiveError::NotFound {
                        what: format!("Backup number {index} (there are {count})"),
                    })?;
                let version = entry.schema_version.unwrap_or(self.current_version());
                let when = entry.at.map_or_else(
                    || "at an unknown time".into(),
                    |at| format!("taken {}", super::time::describe(at)),
                );
                let note = entry.note.map(|n| format!(" ({n})")).unwrap_or_default();
                (entry.data, version, format!("backup {index}, {when}{note}"))
            }
            RestoreSource::Version { revision_id } => {
                call.step(format!("Reading Roblox's version {revision_id}"));
                let entry =
                    self.cloud
                        .get_revision(&current.store, &current.key, revision_id, call)?;
                let plain = self.plain_version(&current.store.name);
                let old = PlayerRecord::decode(
                    current.user_id,
                    current.store.clone(),
                    current.key.clone(),
                    Some(&entry),
                    plain,
                );
                if let RecordShape::Unreadable { why } = &old.shape {
                    return Err(LiveError::Unusable(format!(
                        "That version can't be restored: {why}."
                    )));
                }
                if !is_record(&entry.value) && entry.value.is_null() {
                    return Err(LiveError::Unusable(
                        "That version is a removal: it holds no data.".into(),
                    ));
                }
                let when = entry.revision_time.map_or_else(String::new, |ms| {
                    format!(", saved {}", super::time::describe(ms / 1000))
                });
                (
                    old.data,
                    old.version,
                    format!("Roblox's version {revision_id}{when}"),
                )
            }
        };
        if version > self.current_version() {
            return Err(LiveError::Unusable(format!(
                "That data was saved by a newer version of the game (data version {version}); this project exports version {}.",
                self.current_version()
            )));
        }
        let fields = self.fields_of(version).ok_or_else(|| {
            LiveError::Unusable(format!(
                "That data is in version {version}, which this project no longer describes."
            ))
        })?;
        Ok(RestorePlan {
            source: source.clone(),
            changes: diff_data(&current.data, &data),
            problems: validate::check_data(fields, &data),
            data,
            version,
            description,
        })
    }

    /// Writes `plan` over `current` (as read, with its etag), then keeps the
    /// replaced data as a "before restore" backup, as Backups.restoreStored
    /// does. The game migrates the restored data at the player's next load.
    pub fn restore(
        &self,
        current: &PlayerRecord,
        plan: &RestorePlan,
        options: SaveOptions,
        call: &Call,
    ) -> Result<PlayerRecord, LiveError> {
        let action = match plan.source {
            RestoreSource::Backup { .. } => AuditAction::RestoreBackup,
            RestoreSource::Version { .. } => AuditAction::RestoreVersion,
        };
        let result = (|| {
            if current.shape != RecordShape::Missing {
                self.check_writable(current, options)?;
            }
            if !plan.problems.is_empty() {
                return Err(LiveError::Invalid {
                    problems: plan.problems.clone(),
                });
            }
            let value = self.value_for(current, &plan.data, plan.version, true);
            let written = self.write(current, &value, call)?;
            if current.exists() && matches!(current.shape, RecordShape::Record | RecordShape::Plain)
            {
                self.keep_before_restore(current, call)?;
            }
            Ok(written)
        })();
        let target = format!("{} ({})", self.target(&current.key), plan.description);
        self.logged(
            action,
            Some(current.user_id),
            target,
            |_| plan.changes.clone(),
            result,
        )
    }

    /// Adds the data a restore replaced to the backups ring (newest first,
    /// at most the project's backup count, at least one).
    fn keep_before_restore(&self, replaced: &PlayerRecord, call: &Call) -> Result<(), LiveError> {
        let count = self.project.save_policy.backups.count.max(1) as usize;
        let key = self.backups_key_for(replaced.user_id);
        let store = self.record_store();
        // Two tries: a backup written by the game between the read and the
        // write is a conflict worth one more read.
        let mut last = None;
        for _ in 0..2 {
            let (_, entry) = self.read_backups(replaced.user_id, call)?;
            let old: Vec<Json> = entry
                .as_ref()
                .and_then(|e| e.value.get("entries"))
                .and_then(Json::as_array)
                .cloned()
                .unwrap_or_default();
            let mut entries = vec![json!({
                "at": self.cloud.server_now(),
                "schemaVersion": replaced.version,
                "data": replaced.data,
                "note": "before restore",
            })];
            entries.extend(old.into_iter().take(count - 1));
            let value = json!({ "entries": entries });
            let users = vec![replaced.user_id];
            let attributes = entry
                .as_ref()
                .map(|e| e.attributes.clone())
                .unwrap_or_default();
            call.step(format!("Keeping the replaced data in {key}"));
            let write = EntryWrite {
                value: &value,
                users: &users,
                attributes: &attributes,
                etag: entry.as_ref().map(|e| e.etag.as_str()),
            };
            match self.cloud.update_entry(&store, &key, &write, call) {
                Ok(_) => return Ok(()),
                Err(LiveError::Conflict { .. }) => {
                    last = Some(LiveError::Conflict { current: None })
                }
                Err(other) => return Err(other),
            }
        }
        Err(last.unwrap_or(LiveError::Conflict { current: None }))
    }

    /// Removes everything DataManager:Erase removes for `user_id`: the
    /// record and its backups here and in every older DataStore, and the
    /// player's entry on every leaderboard. A player in a live game is first
    /// asked out, as the game's Erase does: the server holding their lock is
    /// sent a release request (reason "erase": it kicks them with the
    /// erasure message and saves without a leaderboard entry), and the erase
    /// waits for the lock to go. If it stays, nothing is erased
    /// ([`LiveError::NotReleased`]) unless forced; a lock of a DataManager
    /// version before sessions can't be asked, and refuses unless forced.
    pub fn erase(
        &self,
        user_id: i64,
        options: SaveOptions,
        call: &Call,
    ) -> Result<EraseReport, LiveError> {
        let current = self.look_up(user_id, call);
        let before = current.as_ref().map(|r| r.data.clone()).unwrap_or_default();
        let result = (|| {
            let current = current?;
            if self.lock_state(&current).is_live()
                && let Some(lock) = &current.meta.lock
            {
                let released = match release::request_for(user_id, lock) {
                    Some(_) => self.ask_to_let_go(user_id, &current, call)?,
                    None => false,
                };
                if !released && !options.force {
                    if lock.session.is_none() {
                        return Err(LiveError::InLiveSession { lock: lock.clone() });
                    }
                    return Err(LiveError::NotReleased {
                        lock: lock.clone(),
                        waited_seconds: self.release_wait.total.as_secs(),
                    });
                }
            }
            let mut report = EraseReport::default();
            let scope = self.record_store().scope;
            let mut stores = vec![self.project.save_policy.datastore.clone()];
            stores.extend(self.older_stores());
            // Each board's store in every scope the game's own Erase reaches:
            // all time, and this and the last period of the others.
            let now = self.cloud.server_now();
            let mut boards: Vec<(String, String)> = Vec::new();
            for board in &self.project.leaderboards {
                if board.ordered_datastore.is_empty() {
                    continue;
                }
                for scope in periods::erasable_scopes(&board.periods, board.week_starts, now) {
                    let pair = (board.ordered_datastore.clone(), scope);
                    if !boards.contains(&pair) {
                        boards.push(pair);
                    }
                }
            }
            call.set_total((stores.len() * 2 + boards.len()) as u32);
            for name in &stores {
                let store = StoreRef::new(name.clone(), Some(&scope));
                for key in [self.key_for(user_id), self.backups_key_for(user_id)] {
                    call.step(format!("Erasing {key} in {name}"));
                    let removed = self.cloud.delete_entry(&store, &key, call)?;
                    call.step_done();
                    report.keys.push(ErasedKey {
                        store: name.clone(),
                        scope: scope.clone(),
                        key,
                        ordered: false,
                        removed,
                    });
                }
            }
            for (board, scope) in &boards {
                let key = user_id.to_string();
                call.step(if scope == super::cloud::DEFAULT_SCOPE {
                    format!("Erasing the leaderboard entry in {board}")
                } else {
                    format!("Erasing the leaderboard entry in {board} ({scope})")
                });
                let removed = self.cloud.delete_ordered(board, scope, &key, call)?;
                call.step_done();
                report.keys.push(ErasedKey {
                    store: board.clone(),
                    scope: scope.clone(),
                    key,
                    ordered: true,
                    removed,
                });
            }
            Ok(report)
        })();
        self.logged(
            AuditAction::Erase,
            Some(user_id),
            self.target(&self.key_for(user_id)),
            |_| diff_data(&before, &Map::new()),
            result,
        )
    }

    /// Asks the server holding `record`'s lock to let go of the player
    /// (again every `ask_every`: a message may be lost), and waits until no
    /// live lock is left, reading the record every `read_every`. True when
    /// it was let go within the wait. A lock that moves to another session
    /// meanwhile (the player joined elsewhere) is asked in turn.
    fn ask_to_let_go(
        &self,
        user_id: i64,
        record: &PlayerRecord,
        call: &Call,
    ) -> Result<bool, LiveError> {
        let wait = self.release_wait;
        let started = std::time::Instant::now();
        let mut asked: Option<(String, std::time::Instant)> = None;
        let mut lock = record.meta.lock.clone();
        while let Some(held) = lock {
            let Some((topic, message)) = release::request_for(user_id, &held) else {
                return Ok(false);
            };
            let due = match &asked {
                Some((session, at)) => {
                    held.session.as_deref() != Some(session) || at.elapsed() >= wait.ask_every
                }
                None => true,
            };
            if due {
                call.step(format!(
                    "Asking game server {} to let the player go",
                    held.job_id
                ));
                self.cloud.publish_message(&topic, &message, call)?;
                asked = Some((
                    held.session.clone().unwrap_or_default(),
                    std::time::Instant::now(),
                ));
            }
            let left = wait.total.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Ok(false);
            }
            call.step(format!(
                "Waiting for game server {} to save and let the player go ({} s of {} s)",
                held.job_id,
                started.elapsed().as_secs(),
                wait.total.as_secs()
            ));
            if !call.wait(wait.read_every.min(left), "waiting for the game server") {
                return Err(LiveError::Cancelled);
            }
            let entry = self
                .cloud
                .get_entry(&self.record_store(), &self.key_for(user_id), call)?;
            let now = self.decode_entry(user_id, entry.as_ref());
            lock = if self.lock_state(&now).is_live() {
                now.meta.lock
            } else {
                None
            };
        }
        Ok(true)
    }

    /// One page of the record store's keys, those starting with `prefix`.
    pub fn browse(
        &self,
        prefix: &str,
        page: Option<&str>,
        call: &Call,
    ) -> Result<EntryPage, LiveError> {
        let store = self.record_store();
        call.step(format!("Listing keys of {}", store.name));
        let result = self
            .cloud
            .list_entries(&store, Some(prefix), page, 50, call);
        self.logged(
            AuditAction::Browse,
            None,
            format!("{} (keys starting with \"{prefix}\")", store.name),
            |_| Vec::new(),
            result,
        )
    }

    /// One page of a leaderboard's top entries, in the board's own order.
    pub fn leaderboard_top(
        &self,
        board: &str,
        page: Option<&str>,
        call: &Call,
    ) -> Result<OrderedPage, LiveError> {
        let result = (|| {
            let found = self
                .project
                .leaderboard(board)
                .ok_or_else(|| LiveError::NotFound {
                    what: format!("A leaderboard called {board}"),
                })?;
            call.step(format!("Reading the leaderboard {board}"));
            let descending = found.order == crate::project::RankOrder::Descending;
            let size = found.top.clamp(1, 100);
            // The board's first period as it stands now, the list the game shows first.
            let period = found
                .periods
                .first()
                .copied()
                .unwrap_or(periods::Period::AllTime);
            let scope = periods::scope_at(period, found.week_starts, self.cloud.server_now());
            self.cloud.list_ordered(
                &found.ordered_datastore,
                &scope,
                descending,
                page,
                size,
                call,
            )
        })();
        self.logged(
            AuditAction::ReadLeaderboard,
            None,
            board.to_string(),
            |_| Vec::new(),
            result,
        )
    }
}
