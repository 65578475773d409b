//! Looking for everything the game stores about one user, as a right-to-erasure
//! check would: in every DataStore, OrderedDataStore and MemoryStore map, keys
//! that name the user's id, the UserIds recorded with a key, and values that
//! hold the id.

use serde_json::Value as Json;

use super::backend::BackendState;
use super::memory::{MapKind, MemoryStore};

/// Which kind of storage something was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StoreKind {
    DataStore,
    OrderedDataStore,
    MemoryHashMap,
    MemorySortedMap,
}

/// Why a key counts as being about the user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FoundBy {
    /// The key names the id as a whole word (`Player_42`, `42`, `bans/42`).
    Key,
    /// The id is in the UserIds recorded with the key's current version.
    UserIds,
    /// The value holds the id (a number equal to it, or text naming it) at this path.
    Value(String),
}

/// Something stored about a user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Found {
    pub kind: StoreKind,
    /// The store's or map's name.
    pub store: String,
    /// The DataStore scope ("" for MemoryStore maps).
    pub scope: String,
    pub key: String,
    pub by: FoundBy,
}

/// True when `text` has `id` as a whole run of digits (not part of a longer number or word).
pub(crate) fn names_id(text: &str, id: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|token| token == id)
}

/// Paths in a value where the id appears.
fn value_paths(v: &Json, user_id: i64, id: &str, path: &str, out: &mut Vec<String>) {
    match v {
        Json::Number(n) => {
            let equal = n.as_i64() == Some(user_id)
                || n.as_f64()
                    .is_some_and(|f| f == user_id as f64 && f.fract() == 0.0);
            if equal {
                out.push(path.to_string());
            }
        }
        Json::String(s) if names_id(s, id) => out.push(path.to_string()),
        Json::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                value_paths(x, user_id, id, &format!("{path}[{}]", i + 1), out);
            }
        }
        Json::Object(fields) => {
            for (k, x) in fields {
                let here = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                if names_id(k, id) {
                    out.push(here.clone());
                }
                value_paths(x, user_id, id, &here, out);
            }
        }
        _ => {}
    }
}

fn found_in_value(v: &Json, user_id: i64) -> Vec<FoundBy> {
    let mut paths = Vec::new();
    value_paths(v, user_id, &user_id.to_string(), "", &mut paths);
    paths
        .into_iter()
        .map(|p| {
            FoundBy::Value(if p.is_empty() {
                "(the value)".into()
            } else {
                p
            })
        })
        .collect()
}

pub(crate) fn find_user(b: &BackendState, memory: &MemoryStore, user_id: i64) -> Vec<Found> {
    let id = user_id.to_string();
    let mut out = Vec::new();
    let mut add = |kind, store: &str, scope: &str, key: &str, by| {
        out.push(Found {
            kind,
            store: store.to_string(),
            scope: scope.to_string(),
            key: key.to_string(),
            by,
        })
    };
    for (store, keys) in &b.stores {
        for (key, entry) in keys {
            let Some(current) = entry.current().filter(|v| !v.deleted) else {
                continue;
            };
            let (name, scope) = (store.name.as_str(), store.scope.as_str());
            if names_id(key, &id) {
                add(StoreKind::DataStore, name, scope, key, FoundBy::Key);
            }
            if current.user_ids.contains(&user_id) {
                add(StoreKind::DataStore, name, scope, key, FoundBy::UserIds);
            }
            for by in found_in_value(&current.value, user_id) {
                add(StoreKind::DataStore, name, scope, key, by);
            }
        }
    }
    for (store, keys) in &b.ordered {
        for (key, value) in keys {
            let (name, scope) = (store.name.as_str(), store.scope.as_str());
            if names_id(key, &id) {
                add(StoreKind::OrderedDataStore, name, scope, key, FoundBy::Key);
            }
            if *value == user_id {
                let by = FoundBy::Value("(the value)".into());
                add(StoreKind::OrderedDataStore, name, scope, key, by);
            }
        }
    }
    for (kind, map, key, value) in memory.all_items() {
        let kind = match kind {
            MapKind::Hash => StoreKind::MemoryHashMap,
            MapKind::Sorted => StoreKind::MemorySortedMap,
        };
        if names_id(&key, &id) {
            add(kind, &map, "", &key, FoundBy::Key);
        }
        for by in found_in_value(&value, user_id) {
            add(kind, &map, "", &key, by);
        }
    }
    out
}
