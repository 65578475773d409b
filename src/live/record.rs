//! A player's stored value as the exported runtime writes it (see
//! RecordStore.luau, SessionLock.luau, Grants.luau, Backups.luau):
//!
//! ```text
//! { data = { ...saved fields... },
//!   meta = { schemaVersion, lock = { jobId, placeId, session, at }, loads,
//!            createdAt, savedAt, lastBackupAt, restoredAt, movedFrom,
//!            purchases, gifts, giftsApplied, ... } }
//! ```
//!
//! or, from before the DataManager, a plain table of fields (Migrate.unwrap).
//! Every part of the stored value is kept: meta keys this build does not
//! know are written back untouched, as the runtime's copyMeta does.

use serde_json::{Map, Value as Json};

use super::cloud::{CloudEntry, StoreRef};

/// How the stored value is shaped.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordShape {
    /// `{ data, meta }` as the DataManager saves it.
    Record,
    /// A plain table of fields, from before the DataManager; the runtime
    /// reads it as the oldest version published for its DataStore.
    Plain,
    /// No value: the player has not played since (or was erased).
    Missing,
    /// Not a table at all; the runtime refuses to load it ("unreadable").
    Unreadable { why: String },
}

/// meta.lock: the server and session playing with this data.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionLockInfo {
    /// The game server's JobId.
    pub job_id: String,
    pub place_id: Option<i64>,
    /// The session's id; None from DataManager versions before sessions.
    pub session: Option<String>,
    /// os.time() of the last save (the lock is refreshed by every save).
    pub at: Option<i64>,
    /// The lock exactly as stored, written back unchanged.
    pub raw: Json,
}

/// A gift sent with DataManager:Gift and not applied yet.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedGift {
    pub id: String,
    pub name: String,
    pub at: Option<i64>,
}

/// The record's meta, decoded; `raw` holds all of it, unknown keys too.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecordMeta {
    /// The version `data` was saved under.
    pub schema_version: Option<u32>,
    pub lock: Option<SessionLockInfo>,
    /// Sessions that have loaded the record.
    pub loads: Option<i64>,
    pub created_at: Option<i64>,
    pub saved_at: Option<i64>,
    pub last_backup_at: Option<i64>,
    pub restored_at: Option<i64>,
    /// The DataStore the data moved from, and when.
    pub moved_from: Option<(String, i64)>,
    /// Receipts already granted.
    pub purchases: Vec<String>,
    pub gifts: Vec<QueuedGift>,
    pub gifts_applied: Vec<String>,
    /// The whole meta table as stored.
    pub raw: Map<String, Json>,
}

/// A player's record as read through Open Cloud.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayerRecord {
    pub user_id: i64,
    pub store: StoreRef,
    pub key: String,
    pub shape: RecordShape,
    /// The saved fields (every key, known to the schema or not).
    pub data: Map<String, Json>,
    pub meta: RecordMeta,
    /// The version the data is in: meta.schemaVersion, or for a plain table
    /// the version the runtime would read it as.
    pub version: u32,
    /// The entry's etag when read; every write carries it.
    pub etag: Option<String>,
    pub revision_id: Option<String>,
    /// Unix milliseconds of the revision read.
    pub revision_time: Option<i64>,
    /// The user ids attached to the entry and its metadata, kept on writes.
    pub users: Vec<i64>,
    pub attributes: Map<String, Json>,
}

fn int(value: Option<&Json>) -> Option<i64> {
    let value = value?;
    value
        .as_i64()
        .or_else(|| value.as_f64().filter(|f| f.is_finite()).map(|f| f as i64))
}

fn strings(value: Option<&Json>) -> Vec<String> {
    value
        .and_then(Json::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| match i {
                    Json::String(s) => Some(s.clone()),
                    Json::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

impl SessionLockInfo {
    /// The lock in a stored meta.lock, when it names a server (as
    /// SessionLock.isHeld requires).
    pub fn decode(value: &Json) -> Option<SessionLockInfo> {
        let obj = value.as_object()?;
        Some(SessionLockInfo {
            job_id: obj.get("jobId")?.as_str()?.to_string(),
            place_id: int(obj.get("placeId")),
            session: obj
                .get("session")
                .and_then(Json::as_str)
                .map(str::to_string),
            at: int(obj.get("at")),
            raw: value.clone(),
        })
    }
}

impl RecordMeta {
    pub fn decode(meta: &Map<String, Json>) -> RecordMeta {
        let gifts = meta
            .get("gifts")
            .and_then(Json::as_array)
            .map(|gifts| {
                gifts
                    .iter()
                    .filter_map(|g| {
                        Some(QueuedGift {
                            id: g.get("id")?.as_str()?.to_string(),
                            name: g
                                .get("name")
                                .and_then(Json::as_str)
                                .unwrap_or_default()
                                .to_string(),
                            at: int(g.get("at")),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let moved_from = meta
            .get("movedFrom")
            .and_then(|m| Some((m.get("store")?.as_str()?.to_string(), int(m.get("at"))?)));
        RecordMeta {
            schema_version: int(meta.get("schemaVersion")).and_then(|v| u32::try_from(v).ok()),
            lock: meta.get("lock").and_then(SessionLockInfo::decode),
            loads: int(meta.get("loads")),
            created_at: int(meta.get("createdAt")),
            saved_at: int(meta.get("savedAt")),
            last_backup_at: int(meta.get("lastBackupAt")),
            restored_at: int(meta.get("restoredAt")),
            moved_from,
            purchases: strings(meta.get("purchases")),
            gifts,
            gifts_applied: strings(meta.get("giftsApplied")),
            raw: meta.clone(),
        }
    }
}

/// Whether a stored value is a record as the DataManager saves it
/// (Migrate.isRecord): data and meta tables and a numeric schemaVersion.
pub fn is_record(value: &Json) -> bool {
    let table = |v: Option<&Json>| matches!(v, Some(Json::Object(_)) | Some(Json::Array(_)));
    table(value.get("data"))
        && value.get("meta").is_some_and(Json::is_object)
        && value
            .get("meta")
            .and_then(|m| m.get("schemaVersion"))
            .is_some_and(Json::is_number)
}

/// A Luau table as a map. An empty table is stored as `[]` (JSON can't
/// tell an empty list from an empty map), so that reads as an empty map.
pub fn as_table(value: &Json) -> Option<Map<String, Json>> {
    match value {
        Json::Object(map) => Some(map.clone()),
        Json::Array(items) if items.is_empty() => Some(Map::new()),
        _ => None,
    }
}

impl PlayerRecord {
    /// Decodes `entry` (None: no value stored) as the runtime would, with
    /// `plain_version` the version a plain table counts as
    /// (Migrate.plainVersion for the store).
    pub fn decode(
        user_id: i64,
        store: StoreRef,
        key: String,
        entry: Option<&CloudEntry>,
        plain_version: u32,
    ) -> PlayerRecord {
        let mut record = PlayerRecord {
            user_id,
            store,
            key,
            shape: RecordShape::Missing,
            data: Map::new(),
            meta: RecordMeta::default(),
            version: plain_version,
            etag: entry.map(|e| e.etag.clone()),
            revision_id: entry.map(|e| e.revision_id.clone()),
            revision_time: entry.and_then(|e| e.revision_time),
            users: entry.map(|e| e.users.clone()).unwrap_or_default(),
            attributes: entry.map(|e| e.attributes.clone()).unwrap_or_default(),
        };
        let Some(entry) = entry else {
            return record;
        };
        let value = &entry.value;
        if is_record(value) {
            record.shape = RecordShape::Record;
            record.data = value.get("data").and_then(as_table).unwrap_or_default();
            let meta = value
                .get("meta")
                .and_then(Json::as_object)
                .cloned()
                .unwrap_or_default();
            record.meta = RecordMeta::decode(&meta);
            record.version = record.meta.schema_version.unwrap_or(plain_version);
        } else if let Some(table) = as_table(value) {
            record.shape = RecordShape::Plain;
            record.data = table;
        } else {
            record.shape = RecordShape::Unreadable {
                why: format!("the stored value is {}, not player data", describe(value)),
            };
        }
        record
    }

    /// Whether the record exists in the store.
    pub fn exists(&self) -> bool {
        self.etag.is_some() && self.shape != RecordShape::Missing
    }
}

/// A short description of a JSON value, as Validate.describe words it.
pub fn describe(value: &Json) -> String {
    match value {
        Json::Null => "nil".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => n.to_string(),
        Json::String(s) if s.len() > 40 => format!("text of {} bytes", s.len()),
        Json::String(s) => format!("{s:?}"),
        Json::Array(_) | Json::Object(_) => "a table".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(value: Json) -> CloudEntry {
        CloudEntry {
            id: "Player_1".into(),
            value,
            etag: "E".into(),
            revision_id: "R".into(),
            revision_time: None,
            create_time: None,
            state: super::super::cloud::EntryState::Active,
            users: vec![1],
            attributes: Map::new(),
        }
    }

    #[test]
    fn a_record_keeps_its_meta_lock_and_unknown_keys() {
        let value = json!({
            "data": {"Coins": 5, "Bag": []},
            "meta": {"schemaVersion": 2, "lock": {"jobId": "J", "placeId": 9, "session": "S", "at": 100},
                     "loads": 3, "purchases": ["p1"], "gifts": [{"id": "g", "name": "Gem", "at": 5}],
                     "somethingNew": 1}
        });
        let r = PlayerRecord::decode(
            1,
            StoreRef::new("S", None),
            "Player_1".into(),
            Some(&entry(value)),
            1,
        );
        assert_eq!(r.shape, RecordShape::Record);
        assert_eq!(r.version, 2);
        assert_eq!(r.meta.lock.as_ref().unwrap().job_id, "J");
        assert_eq!(r.meta.purchases, vec!["p1".to_string()]);
        assert_eq!(r.meta.gifts[0].name, "Gem");
        assert_eq!(r.meta.raw["somethingNew"], json!(1));
        assert_eq!(r.data["Bag"], json!([]));
    }

    #[test]
    fn plain_tables_and_unreadable_values_are_told_apart() {
        let plain = PlayerRecord::decode(
            1,
            StoreRef::new("S", None),
            "k".into(),
            Some(&entry(json!({"Coins": 1}))),
            1,
        );
        assert_eq!(plain.shape, RecordShape::Plain);
        let empty = PlayerRecord::decode(
            1,
            StoreRef::new("S", None),
            "k".into(),
            Some(&entry(json!([]))),
            1,
        );
        assert_eq!(empty.shape, RecordShape::Plain);
        let bad = PlayerRecord::decode(
            1,
            StoreRef::new("S", None),
            "k".into(),
            Some(&entry(json!(5))),
            1,
        );
        assert!(matches!(bad.shape, RecordShape::Unreadable { .. }));
        let none = PlayerRecord::decode(1, StoreRef::new("S", None), "k".into(), None, 1);
        assert!(!none.exists());
    }
}
