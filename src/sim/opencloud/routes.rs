//! What each endpoint answers, on the backend, as Open Cloud v2 would.

use serde_json::{Map, Value as Json, json};

use super::http::{Request, Response, percent_decode};
use super::{ServerState, scopes};
use crate::project::calendar::rfc3339;
use crate::sim::backend::{Backend, Entry, StoreId, Version};
use crate::sim::value::MAX_VALUE_CHARS;

fn reply(status: u16, body: Json, now_ms: i64) -> Response {
    Response {
        status,
        body: body.to_string(),
        retry_after: None,
        date: now_ms.div_euclid(1000),
    }
}

fn error(status: u16, code: &str, message: &str, now_ms: i64) -> Response {
    reply(status, json!({ "code": code, "message": message }), now_ms)
}

/// Which budget a request counts against (0 reads, 1 writes).
fn kind(method: &str) -> usize {
    match method {
        "PATCH" | "DELETE" | "PUT" => 1,
        _ => 0,
    }
}

/// What the request asks for, with the path's parts decoded.
enum Route {
    Entries {
        store: StoreId,
    },
    Entry {
        store: StoreId,
        key: String,
    },
    Revisions {
        store: StoreId,
        key: String,
    },
    Revision {
        store: StoreId,
        key: String,
        revision: String,
    },
    OrderedEntries {
        store: StoreId,
    },
    OrderedEntry {
        store: StoreId,
        key: String,
    },
    /// MessagingService: publish on a topic of every live server.
    PublishMessage,
    Usernames,
    User {
        id: i64,
    },
}

/// The route and the universe it names.
fn route(path: &str) -> Option<(Option<u64>, Route)> {
    if path == "/v1/usernames/users" {
        return Some((None, Route::Usernames));
    }
    if let Some(id) = path.strip_prefix("/v1/users/") {
        return Some((
            None,
            Route::User {
                id: id.parse().ok()?,
            },
        ));
    }
    let rest = path.strip_prefix("/cloud/v2/universes/")?;
    if let Some(universe) = rest.strip_suffix(":publishMessage") {
        return Some((Some(universe.parse().ok()?), Route::PublishMessage));
    }
    let parts: Vec<&str> = rest.split('/').collect();
    let universe = parts.first()?.parse().ok()?;
    let (ordered, store, after) = match parts.get(1..)? {
        ["data-stores", store, "scopes", scope, after @ ..] => (
            false,
            (percent_decode(store, false), percent_decode(scope, false)),
            after,
        ),
        ["data-stores", store, after @ ..] => (
            false,
            (percent_decode(store, false), "global".into()),
            after,
        ),
        ["ordered-data-stores", store, "scopes", scope, after @ ..] => (
            true,
            (percent_decode(store, false), percent_decode(scope, false)),
            after,
        ),
        _ => return None,
    };
    let store = StoreId {
        name: store.0,
        scope: store.1,
        ordered,
    };
    let route = match (ordered, after) {
        (false, ["entries"]) => Route::Entries { store },
        (true, ["entries"]) => Route::OrderedEntries { store },
        (true, ["entries", key]) => Route::OrderedEntry {
            store,
            key: percent_decode(key, false),
        },
        (false, ["entries", raw]) => {
            if let Some(key) = raw.strip_suffix(":listRevisions") {
                Route::Revisions {
                    store,
                    key: percent_decode(key, false),
                }
            } else if let Some((key, revision)) = raw.rsplit_once('@') {
                Route::Revision {
                    store,
                    key: percent_decode(key, false),
                    revision: percent_decode(revision, false),
                }
            } else {
                Route::Entry {
                    store,
                    key: percent_decode(raw, false),
                }
            }
        }
        _ => return None,
    };
    Some((Some(universe), route))
}

fn scope_needed(
    method: &str,
    route: &Route,
    exists: bool,
    allow_missing: bool,
) -> Option<&'static str> {
    Some(match (method, route) {
        ("GET", Route::Entries { .. }) => scopes::LIST,
        ("GET", Route::Entry { .. }) => scopes::READ,
        ("PATCH", Route::Entry { .. }) if !exists && allow_missing => scopes::CREATE,
        ("PATCH", Route::Entry { .. }) => scopes::UPDATE,
        ("DELETE", Route::Entry { .. }) => scopes::DELETE,
        ("GET", Route::Revisions { .. }) => scopes::LIST_VERSIONS,
        ("GET", Route::Revision { .. }) => scopes::READ_VERSION,
        ("GET", Route::OrderedEntries { .. }) => scopes::ORDERED_READ,
        ("DELETE", Route::OrderedEntry { .. }) => scopes::ORDERED_WRITE,
        ("POST", Route::PublishMessage) => scopes::MESSAGING,
        _ => return None,
    })
}

fn store_path(universe: u64, store: &StoreId) -> String {
    let kind = if store.ordered {
        "ordered-data-stores"
    } else {
        "data-stores"
    };
    format!(
        "universes/{universe}/{kind}/{}/scopes/{}/entries",
        store.name, store.scope
    )
}

/// An entry (at one of its versions) as Open Cloud's DataStoreEntry.
fn entry_json(
    universe: u64,
    store: &StoreId,
    key: &str,
    entry: &Entry,
    version: &Version,
    with_value: bool,
    at_revision: bool,
) -> Json {
    let mut path = format!("{}/{key}", store_path(universe, store));
    if at_revision {
        path.push('@');
        path.push_str(&version.version);
    }
    let mut out = json!({
        "path": path,
        "createTime": rfc3339(entry.created_time),
        "revisionId": version.version,
        "revisionCreateTime": rfc3339(version.created_time),
        "state": if version.deleted { "DELETED" } else { "ACTIVE" },
        "etag": version.version,
        "id": key,
    });
    if with_value {
        out["value"] = if version.deleted {
            Json::Null
        } else {
            version.value.clone()
        };
        out["users"] = Json::from(
            version
                .user_ids
                .iter()
                .map(|u| format!("users/{u}"))
                .collect::<Vec<_>>(),
        );
        out["attributes"] = Json::Object(version.metadata.clone());
    }
    out
}

fn page_bounds(request: &Request, default: usize, max: usize, len: usize) -> (usize, usize) {
    let size = request
        .query("maxPageSize")
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(default)
        .min(max);
    let start = request
        .query("pageToken")
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(0)
        .min(len);
    (start, (start + size).min(len))
}

fn next_token(end: usize, len: usize) -> String {
    if end < len {
        end.to_string()
    } else {
        String::new()
    }
}

/// The prefix of a `id.startsWith("…")` filter.
fn prefix_filter(filter: &str) -> Option<String> {
    let inner = filter
        .trim()
        .strip_prefix("id.startsWith(")?
        .strip_suffix(')')?;
    let inner = inner.trim().strip_prefix('"')?.strip_suffix('"')?;
    Some(inner.replace("\\\"", "\"").replace("\\\\", "\\"))
}

fn user_id(value: &Json) -> Option<i64> {
    match value {
        Json::String(s) => s.rsplit('/').next()?.parse().ok(),
        Json::Number(n) => n.as_i64(),
        _ => None,
    }
}

/// The answer to `request` at server time `now_ms`.
pub(super) fn answer(
    state: &mut ServerState,
    backend: &Backend,
    now_ms: i64,
    request: &Request,
) -> Response {
    let Some(rules) = state.rules.clone() else {
        return error(500, "INTERNAL", "no rules", now_ms);
    };
    let Some((universe, route)) = route(&request.path) else {
        return error(404, "NOT_FOUND", "No such endpoint.", now_ms);
    };
    match route {
        Route::Usernames => return usernames(&rules, request, now_ms),
        Route::User { id } => {
            return match rules.users.values().find(|(user, _)| *user == id) {
                Some((id, name)) => reply(
                    200,
                    json!({ "id": id, "name": name, "displayName": name, "description": "", "isBanned": false }),
                    now_ms,
                ),
                None => error(404, "NOT_FOUND", "The user id is invalid.", now_ms),
            };
        }
        _ => {}
    }
    // Authentication first: a refused key costs no budget.
    let key = request.header("x-api-key").unwrap_or_default();
    let Some(key_rule) = rules.keys.iter().find(|k| k.key == key) else {
        return error(401, "UNAUTHENTICATED", "Invalid API Key", now_ms);
    };
    if universe != Some(rules.universe_id) {
        return error(
            403,
            "PERMISSION_DENIED",
            "The API key is not allowed to access this universe.",
            now_ms,
        );
    }
    let exists = match &route {
        Route::Entry { store, key } => backend
            .0
            .borrow()
            .entry(store, key)
            .and_then(Entry::current)
            .is_some(),
        _ => false,
    };
    let allow_missing = request.query("allowMissing") == Some("true");
    let Some(needed) = scope_needed(&request.method, &route, exists, allow_missing) else {
        return error(
            405,
            "INVALID_ARGUMENT",
            "This method is not supported here.",
            now_ms,
        );
    };
    if !key_rule.scopes.iter().any(|s| s == needed) {
        return error(
            403,
            "PERMISSION_DENIED",
            &format!("Insufficient scope: this needs {needed}."),
            now_ms,
        );
    }
    if state.throttle_next > 0 {
        state.throttle_next -= 1;
        let mut response = error(429, "RESOURCE_EXHAUSTED", "Too many requests.", now_ms);
        response.retry_after = state.throttle_retry_after;
        return response;
    }
    if let Some(limit) = rules.requests_per_minute {
        let recent = &mut state.recent[kind(&request.method)];
        recent.retain(|t| now_ms - t < 60_000);
        if recent.len() >= limit as usize {
            let oldest = recent.first().copied().unwrap_or(now_ms);
            let mut response = error(429, "RESOURCE_EXHAUSTED", "Too many requests.", now_ms);
            response.retry_after =
                Some(((oldest + 60_000 - now_ms) as f64 / 1000.0).ceil().max(1.0) as u32);
            return response;
        }
        recent.push(now_ms);
    }
    let universe = rules.universe_id;
    match (request.method.as_str(), route) {
        ("POST", Route::PublishMessage) => publish_message(state, request, now_ms),
        ("GET", Route::Entry { store, key }) => {
            let st = backend.0.borrow();
            match st.entry(&store, &key).and_then(|e| Some((e, e.current()?))) {
                Some((entry, version)) => reply(
                    200,
                    entry_json(universe, &store, &key, entry, version, true, false),
                    now_ms,
                ),
                None => error(404, "NOT_FOUND", "The entry was not found.", now_ms),
            }
        }
        ("PATCH", Route::Entry { store, key }) => {
            update(backend, universe, &store, &key, request, now_ms)
        }
        ("DELETE", Route::Entry { store, key }) => {
            let removed = backend.0.borrow_mut().remove(&store, &key, now_ms);
            match removed {
                Some(_) => reply(200, json!({}), now_ms),
                None => error(404, "NOT_FOUND", "The entry was not found.", now_ms),
            }
        }
        ("GET", Route::Entries { store }) => {
            let st = backend.0.borrow();
            let prefix = request
                .query("filter")
                .and_then(prefix_filter)
                .unwrap_or_default();
            let keys: Vec<&String> = st
                .stores
                .get(&store)
                .map(|keys| {
                    keys.iter()
                        .filter(|(k, e)| k.starts_with(&prefix) && e.current().is_some())
                        .map(|(k, _)| k)
                        .collect()
                })
                .unwrap_or_default();
            let (start, end) = page_bounds(request, 10, 256, keys.len());
            let entries: Vec<Json> = keys[start..end]
                .iter()
                .map(
                    |k| json!({ "path": format!("{}/{k}", store_path(universe, &store)), "id": k }),
                )
                .collect();
            reply(
                200,
                json!({ "dataStoreEntries": entries, "nextPageToken": next_token(end, keys.len()) }),
                now_ms,
            )
        }
        ("GET", Route::Revisions { store, key }) => {
            let st = backend.0.borrow();
            let Some(entry) = st.entry(&store, &key) else {
                return error(404, "NOT_FOUND", "The entry was not found.", now_ms);
            };
            let mut kept = entry.retained_versions();
            kept.reverse();
            let (start, end) = page_bounds(request, 10, 100, kept.len());
            let revisions: Vec<Json> = kept[start..end]
                .iter()
                .map(|v| entry_json(universe, &store, &key, entry, v, false, true))
                .collect();
            reply(
                200,
                json!({ "dataStoreEntries": revisions, "nextPageToken": next_token(end, kept.len()) }),
                now_ms,
            )
        }
        (
            "GET",
            Route::Revision {
                store,
                key,
                revision,
            },
        ) => {
            let st = backend.0.borrow();
            let found = st.entry(&store, &key).and_then(|e| {
                let version = e
                    .retained_versions()
                    .into_iter()
                    .find(|v| v.version == revision)?;
                Some((e, version))
            });
            match found {
                Some((entry, version)) => reply(
                    200,
                    entry_json(universe, &store, &key, entry, version, true, true),
                    now_ms,
                ),
                None => error(404, "NOT_FOUND", "The revision was not found.", now_ms),
            }
        }
        ("GET", Route::OrderedEntries { store }) => {
            let st = backend.0.borrow();
            let mut rows: Vec<(&String, i64)> = st
                .ordered
                .get(&store)
                .map(|m| m.iter().map(|(k, v)| (k, *v)).collect())
                .unwrap_or_default();
            let descending = request
                .query("orderBy")
                .is_some_and(|o| o.trim().ends_with("desc"));
            rows.sort_by(|a, b| {
                if descending {
                    b.1.cmp(&a.1)
                } else {
                    a.1.cmp(&b.1)
                }
                .then(a.0.cmp(b.0))
            });
            let (start, end) = page_bounds(request, 10, 100, rows.len());
            let entries: Vec<Json> = rows[start..end]
                .iter()
                .map(|(k, v)| json!({ "path": format!("{}/{k}", store_path(universe, &store)), "value": v, "id": k }))
                .collect();
            reply(
                200,
                json!({ "orderedDataStoreEntries": entries, "nextPageToken": next_token(end, rows.len()) }),
                now_ms,
            )
        }
        ("DELETE", Route::OrderedEntry { store, key }) => {
            let mut st = backend.0.borrow_mut();
            let removed = st.ordered.get_mut(&store).and_then(|m| m.remove(&key));
            if removed.is_none() {
                return error(404, "NOT_FOUND", "The entry was not found.", now_ms);
            }
            // Bump the key's write counter, so a game's UpdateAsync in flight
            // sees the change.
            st.write_counter += 1;
            let seq = st.write_counter;
            st.ordered_seq.insert((store, key), seq);
            reply(200, json!({}), now_ms)
        }
        _ => error(
            405,
            "INVALID_ARGUMENT",
            "This method is not supported here.",
            now_ms,
        ),
    }
}

fn update(
    backend: &Backend,
    universe: u64,
    store: &StoreId,
    key: &str,
    request: &Request,
    now_ms: i64,
) -> Response {
    let Ok(body) = serde_json::from_str::<Json>(&request.body) else {
        return error(400, "INVALID_ARGUMENT", "The body is not JSON.", now_ms);
    };
    let Some(value) = body.get("value").cloned() else {
        return error(400, "INVALID_ARGUMENT", "The entry has no value.", now_ms);
    };
    if value.to_string().chars().count() > MAX_VALUE_CHARS {
        return error(
            400,
            "INVALID_ARGUMENT",
            "The value is larger than 4 MB.",
            now_ms,
        );
    }
    let etag = body
        .get("etag")
        .and_then(Json::as_str)
        .or_else(|| request.header("if-match"))
        .map(str::to_string);
    let allow_missing = request.query("allowMissing") == Some("true");
    let mut st = backend.0.borrow_mut();
    let current = st
        .entry(store, key)
        .and_then(Entry::current)
        .map(|v| v.version.clone());
    match (&current, &etag) {
        (None, _) if !allow_missing => {
            return error(404, "NOT_FOUND", "The entry was not found.", now_ms);
        }
        (None, Some(_)) => {
            return error(
                412,
                "FAILED_PRECONDITION",
                "The etag does not match: the entry does not exist.",
                now_ms,
            );
        }
        (Some(current), Some(etag)) if current != etag => {
            return error(
                412,
                "FAILED_PRECONDITION",
                "The etag does not match the entry's current etag.",
                now_ms,
            );
        }
        _ => {}
    }
    let users = body
        .get("users")
        .and_then(Json::as_array)
        .map(|u| u.iter().filter_map(user_id).collect())
        .unwrap_or_default();
    let attributes: Map<String, Json> = body
        .get("attributes")
        .and_then(Json::as_object)
        .cloned()
        .unwrap_or_default();
    st.write(store, key, value, users, attributes, now_ms);
    let entry = st.entry(store, key).expect("just written");
    let version = entry.current().expect("just written");
    reply(
        200,
        entry_json(universe, store, key, entry, version, true, false),
        now_ms,
    )
}

fn usernames(rules: &super::CloudRules, request: &Request, now_ms: i64) -> Response {
    let body: Json = serde_json::from_str(&request.body).unwrap_or(Json::Null);
    let data: Vec<Json> = body
        .get("usernames")
        .and_then(Json::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(Json::as_str)
                .filter_map(|name| {
                    let (id, display) = rules.users.get(&name.to_ascii_lowercase())?;
                    Some(json!({
                        "requestedUsername": name,
                        "hasVerifiedBadge": false,
                        "id": id,
                        "name": display,
                        "displayName": display,
                    }))
                })
                .collect()
        })
        .unwrap_or_default();
    reply(200, json!({ "data": data }), now_ms)
}

/// Open Cloud's publishMessage: `{ topic, message }`, the message a string of
/// at most 1 kB (MessagingService's own limit), the topic at most 80
/// characters. Accepted messages wait in the outbox for the game's bus.
fn publish_message(state: &mut ServerState, request: &Request, now_ms: i64) -> Response {
    let body: Json = serde_json::from_str(&request.body).unwrap_or(Json::Null);
    let (Some(topic), Some(message)) = (
        body.get("topic").and_then(Json::as_str),
        body.get("message").and_then(Json::as_str),
    ) else {
        return error(
            400,
            "INVALID_ARGUMENT",
            "The body needs a topic and a message, both strings.",
            now_ms,
        );
    };
    if topic.is_empty() || topic.chars().count() > 80 {
        return error(
            400,
            "INVALID_ARGUMENT",
            "The topic must be 1 to 80 characters long.",
            now_ms,
        );
    }
    if message.len() > 1024 {
        return error(
            400,
            "INVALID_ARGUMENT",
            "The message must be at most 1 kB.",
            now_ms,
        );
    }
    state.outbox.push((topic.to_string(), message.to_string()));
    reply(200, json!({}), now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_the_entry_its_revisions_and_one_revision() {
        let base = "/cloud/v2/universes/7/data-stores/Player%20Data/scopes/global/entries";
        let Some((Some(7), Route::Entry { store, key })) =
            route(&format!("{base}/Player_1%2Fbackups"))
        else {
            panic!("an entry");
        };
        assert_eq!(
            (store.name.as_str(), key.as_str()),
            ("Player Data", "Player_1/backups")
        );
        assert!(matches!(
            route(&format!("{base}/Player_1:listRevisions")),
            Some((_, Route::Revisions { key, .. })) if key == "Player_1"
        ));
        assert!(matches!(
            route(&format!("{base}/Player_1%40x@0001.02")),
            Some((_, Route::Revision { key, revision, .. })) if key == "Player_1@x" && revision == "0001.02"
        ));
        assert!(matches!(route(base), Some((_, Route::Entries { .. }))));
        assert!(matches!(
            route("/cloud/v2/universes/7/ordered-data-stores/Coins/scopes/global/entries/12"),
            Some((_, Route::OrderedEntry { key, .. })) if key == "12"
        ));
        assert!(route("/cloud/v2/universes/x/data-stores/S/entries").is_none());
        assert!(route("/elsewhere").is_none());
    }

    #[test]
    fn publishing_is_a_universe_method_with_a_topic_and_a_text_message() {
        assert!(matches!(
            route("/cloud/v2/universes/7:publishMessage"),
            Some((Some(7), Route::PublishMessage))
        ));
        assert!(route("/cloud/v2/universes/x:publishMessage").is_none());
        let mut state = ServerState::default();
        let request = |body: &str| Request {
            method: "POST".into(),
            path: "/cloud/v2/universes/7:publishMessage".into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: body.into(),
        };
        let ok = publish_message(&mut state, &request(r#"{"topic":"T","message":"hi"}"#), 0);
        assert_eq!(ok.status, 200);
        assert_eq!(state.outbox, vec![("T".to_string(), "hi".to_string())]);
        for bad in [
            r#"{"topic":"T","message":{"a":1}}"#.to_string(),
            r#"{"topic":"","message":"hi"}"#.to_string(),
            format!(r#"{{"topic":"{}","message":"hi"}}"#, "t".repeat(81)),
            format!(r#"{{"topic":"T","message":"{}"}}"#, "m".repeat(1025)),
            "not json".to_string(),
        ] {
            assert_eq!(
                publish_message(&mut state, &request(&bad), 0).status,
                400,
                "{bad}"
            );
        }
        assert_eq!(state.outbox.len(), 1);
    }

    #[test]
    fn a_prefix_filter_is_read_from_its_expression() {
        assert_eq!(
            prefix_filter("id.startsWith(\"Player_1\")").as_deref(),
            Some("Player_1")
        );
        assert_eq!(
            prefix_filter("id.startsWith(\"a\\\"b\")").as_deref(),
            Some("a\"b")
        );
        assert_eq!(prefix_filter("value > 3"), None);
    }
}
