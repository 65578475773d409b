//! The Open Cloud client: data-store entries (read with their etag, write
//! with it as a precondition, remove, list, revisions), ordered data stores
//! and the users API. Blocking: the window runs it on a worker thread. Every
//! request follows the per-universe budget, backs off on 429 and 5xx
//! answers, stops between tries when its [`Call`] is cancelled and counts
//! itself in the call's progress. Base URLs are settings, so tests point the
//! client at the loopback server in [`crate::sim::opencloud`].
//!
//! The endpoints and their documentation are listed in [`super::endpoints`].

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Map, Value as Json, json};

use super::call::Call;
use super::error::LiveError;
use super::keychain::ApiKey;
use super::rate::{Backoff, Budget, REQUESTS_PER_MINUTE, RequestKind};
use super::time;

/// Open Cloud's address.
pub const OPEN_CLOUD_URL: &str = "https://apis.roblox.com";
/// The users API's address (name to id).
pub const USERS_URL: &str = "https://users.roblox.com";
/// The scope Roblox uses when a game names none.
pub const DEFAULT_SCOPE: &str = "global";

/// Where and how to reach Open Cloud for one game.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudConfig {
    /// The game's universe id (the experience id on the Creator Dashboard).
    pub universe_id: u64,
    /// Open Cloud's base URL, without a trailing slash.
    pub base_url: String,
    /// The users API's base URL, without a trailing slash.
    pub users_url: String,
    /// How long to wait for an answer before the try counts as failed.
    pub read_timeout: Duration,
    /// Requests a minute per universe, for reads and for writes each.
    pub requests_per_minute: u32,
    pub backoff: Backoff,
}

impl CloudConfig {
    /// Roblox's own Open Cloud, with its documented limits.
    pub fn new(universe_id: u64) -> CloudConfig {
        CloudConfig {
            universe_id,
            base_url: OPEN_CLOUD_URL.into(),
            users_url: USERS_URL.into(),
            read_timeout: Duration::from_secs(20),
            requests_per_minute: REQUESTS_PER_MINUTE,
            backoff: Backoff::default(),
        }
    }

    /// A local server (tests) answering both Open Cloud and the users API,
    /// with short waits so backoff tests stay fast.
    pub fn loopback(url: &str, universe_id: u64) -> CloudConfig {
        let url = url.trim_end_matches('/').to_string();
        CloudConfig {
            universe_id,
            base_url: url.clone(),
            users_url: url,
            read_timeout: Duration::from_secs(5),
            requests_per_minute: REQUESTS_PER_MINUTE,
            backoff: Backoff {
                first: Duration::from_millis(50),
                max: Duration::from_secs(2),
                attempts: 6,
            },
        }
    }
}

/// A standard data store and scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StoreRef {
    pub name: String,
    pub scope: String,
}

impl StoreRef {
    pub fn new(name: impl Into<String>, scope: Option<&str>) -> StoreRef {
        StoreRef {
            name: name.into(),
            scope: scope.unwrap_or(DEFAULT_SCOPE).to_string(),
        }
    }
}

/// Whether an entry (or one of its revisions) holds a value or was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryState {
    Active,
    Deleted,
}

/// A data-store entry as Open Cloud returns it.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudEntry {
    /// The key.
    pub id: String,
    pub value: Json,
    /// Changes with every write; sent back with a write so a change made
    /// meanwhile is refused instead of overwritten.
    pub etag: String,
    pub revision_id: String,
    /// Unix milliseconds of this revision.
    pub revision_time: Option<i64>,
    /// Unix milliseconds of the entry's first write.
    pub create_time: Option<i64>,
    pub state: EntryState,
    /// User ids attached to the entry (for Roblox's data-deletion requests).
    pub users: Vec<i64>,
    /// The entry's metadata (attributes), kept as they are.
    pub attributes: Map<String, Json>,
}

/// What a write puts in an entry.
#[derive(Debug, Clone, Copy)]
pub struct EntryWrite<'a> {
    pub value: &'a Json,
    /// User ids attached to the entry (the runtime attaches the player's).
    pub users: &'a [i64],
    /// The entry's metadata, kept as read.
    pub attributes: &'a Map<String, Json>,
    /// The etag read; None writes a key that does not exist yet.
    pub etag: Option<&'a str>,
}

/// One page of keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntryPage {
    pub keys: Vec<String>,
    /// Pass back to get the next page; None on the last page.
    pub next_page: Option<String>,
}

/// One of Roblox's kept versions of an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub revision_id: String,
    /// Unix milliseconds.
    pub time: Option<i64>,
    pub state: EntryState,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct RevisionPage {
    /// Newest first.
    pub revisions: Vec<Revision>,
    pub next_page: Option<String>,
}

/// One entry of an ordered data store (a leaderboard's row).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedEntry {
    pub id: String,
    pub value: i64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderedPage {
    pub entries: Vec<OrderedEntry>,
    pub next_page: Option<String>,
}

/// A Roblox account.
#[derive(Debug, Clone, PartialEq)]
pub struct RobloxUser {
    pub id: i64,
    pub name: String,
    pub display_name: String,
}

/// What a refused request needed, for the 403 message.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Need {
    /// In words: "read players' saved data".
    pub what: &'static str,
    /// The Open Cloud permission.
    pub permission: &'static str,
}

pub(crate) const READ: Need = Need {
    what: "read players' saved data",
    permission: "universe-datastores.objects:read",
};
pub(crate) const LIST: Need = Need {
    what: "list the keys of a data store",
    permission: "universe-datastores.objects:list",
};
pub(crate) const UPDATE: Need = Need {
    what: "change players' saved data",
    permission: "universe-datastores.objects:update",
};
pub(crate) const CREATE: Need = Need {
    what: "write a player's saved data where there is none yet",
    permission: "universe-datastores.objects:create",
};
pub(crate) const DELETE: Need = Need {
    what: "remove players' saved data",
    permission: "universe-datastores.objects:delete",
};
pub(crate) const LIST_VERSIONS: Need = Need {
    what: "list Roblox's kept versions of players' data",
    permission: "universe-datastores.versions:list",
};
pub(crate) const READ_VERSION: Need = Need {
    what: "read Roblox's kept versions of players' data",
    permission: "universe-datastores.versions:read",
};
pub(crate) const ORDERED_READ: Need = Need {
    what: "read leaderboards",
    permission: "universe.ordered-data-store.scope.entry:read",
};
pub(crate) const ORDERED_WRITE: Need = Need {
    what: "remove a player from leaderboards",
    permission: "universe.ordered-data-store.scope.entry:write",
};

pub(crate) const MESSAGING: Need = Need {
    what: "ask a live game server to let go of a player (for an erase)",
    permission: "universe-messaging-service:publish",
};

/// An answer after the retries: its status, body and the server's clock.
struct Answer {
    status: u16,
    body: String,
}

/// The client for one game and one key. Cloning shares the rate budget and
/// the server clock.
#[derive(Clone)]
pub struct Cloud {
    config: CloudConfig,
    key: ApiKey,
    agent: ureq::Agent,
    budget: Budget,
    /// The server's clock (HTTP Date) at the last answer, and when it came.
    clock: Arc<Mutex<Option<(i64, Instant)>>>,
}

impl std::fmt::Debug for Cloud {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cloud")
            .field("config", &self.config)
            .field("key", &self.key)
            .finish()
    }
}

/// Whether `url` points at this computer.
fn is_loopback(url: &str) -> bool {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or(url);
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    matches!(host, "127.0.0.1" | "localhost") || rest.starts_with("[::1]")
}

/// Percent-encodes one path segment or query value.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn page_token(value: &Json) -> Option<String> {
    value
        .get("nextPageToken")
        .and_then(Json::as_str)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

fn parse_state(value: &Json) -> EntryState {
    match value.get("state").and_then(Json::as_str) {
        Some("DELETED") => EntryState::Deleted,
        _ => EntryState::Active,
    }
}

fn parse_time(value: &Json, field: &str) -> Option<i64> {
    value
        .get(field)
        .and_then(Json::as_str)
        .and_then(time::parse_rfc3339)
}

/// "users/123" (or a bare number) to 123.
fn parse_user(value: &Json) -> Option<i64> {
    match value {
        Json::String(s) => s.rsplit('/').next()?.parse().ok(),
        Json::Number(n) => n.as_i64(),
        _ => None,
    }
}

pub(crate) fn parse_entry(value: &Json, key: &str) -> Result<CloudEntry, LiveError> {
    let obj = value
        .as_object()
        .ok_or_else(|| LiveError::BadAnswer("an entry that is not a JSON object".into()))?;
    Ok(CloudEntry {
        id: obj
            .get("id")
            .and_then(Json::as_str)
            .unwrap_or(key)
            .to_string(),
        value: obj.get("value").cloned().unwrap_or(Json::Null),
        etag: obj
            .get("etag")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string(),
        revision_id: obj
            .get("revisionId")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string(),
        revision_time: parse_time(value, "revisionCreateTime"),
        create_time: parse_time(value, "createTime"),
        state: parse_state(value),
        users: obj
            .get("users")
            .and_then(Json::as_array)
            .map(|users| users.iter().filter_map(parse_user).collect())
            .unwrap_or_default(),
        attributes: obj
            .get("attributes")
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default(),
    })
}

fn parse_json(body: &str) -> Result<Json, LiveError> {
    serde_json::from_str(body).map_err(|e| LiveError::BadAnswer(e.to_string()))
}

/// Open Cloud's error message from an error body, or the body itself.
fn error_message(body: &str) -> String {
    let parsed: Option<Json> = serde_json::from_str(body).ok();
    let message = parsed.as_ref().and_then(|v| {
        v.get("message")
            .or_else(|| {
                v.get("errors")
                    .and_then(|e| e.get(0))
                    .and_then(|e| e.get("message"))
            })
            .and_then(Json::as_str)
            .map(str::to_string)
    });
    message.unwrap_or_else(|| {
        let body = body.trim();
        if body.is_empty() {
            "no details".into()
        } else {
            body.chars().take(200).collect()
        }
    })
}

fn error_code(body: &str) -> Option<String> {
    let parsed: Json = serde_json::from_str(body).ok()?;
    parsed
        .get("code")
        .and_then(Json::as_str)
        .map(str::to_string)
}

impl Cloud {
    pub fn new(config: CloudConfig, key: ApiKey) -> Cloud {
        // A loopback server (tests) is reached directly, whatever proxy the
        // environment names.
        let proxy = if is_loopback(&config.base_url) {
            None
        } else {
            ureq::Proxy::try_from_env()
        };
        let agent_config = ureq::Agent::config_builder()
            .proxy(proxy)
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_recv_response(Some(config.read_timeout))
            .timeout_recv_body(Some(config.read_timeout))
            .user_agent(concat!("DataStoreDesigner/", env!("CARGO_PKG_VERSION")))
            .build();
        Cloud {
            budget: Budget::for_universe(
                &config.base_url,
                config.universe_id,
                config.requests_per_minute,
            ),
            config,
            key,
            agent: agent_config.into(),
            clock: Arc::new(Mutex::new(None)),
        }
    }

    pub fn universe_id(&self) -> u64 {
        self.config.universe_id
    }

    pub fn config(&self) -> &CloudConfig {
        &self.config
    }

    /// The key's label ("key …a1b2") for the audit log.
    pub fn key_label(&self) -> String {
        self.key.label()
    }

    /// Now by Roblox's clock (the Date of its last answer, moved on by the
    /// time since), else this computer's. Session locks are stamped by game
    /// servers' clocks, so their age is judged by the server's.
    pub fn server_now(&self) -> i64 {
        let clock = self.clock.lock().unwrap_or_else(|e| e.into_inner());
        match *clock {
            Some((date, at)) => date + at.elapsed().as_secs() as i64,
            None => time::system_now(),
        }
    }

    fn universe_url(&self) -> String {
        format!(
            "{}/cloud/v2/universes/{}",
            self.config.base_url, self.config.universe_id
        )
    }

    fn entries_url(&self, store: &StoreRef) -> String {
        format!(
            "{}/data-stores/{}/scopes/{}/entries",
            self.universe_url(),
            encode(&store.name),
            encode(&store.scope)
        )
    }

    fn entry_url(&self, store: &StoreRef, key: &str) -> String {
        format!("{}/{}", self.entries_url(store), encode(key))
    }

    fn ordered_url(&self, store: &str, scope: &str) -> String {
        format!(
            "{}/ordered-data-stores/{}/scopes/{}/entries",
            self.universe_url(),
            encode(store),
            encode(scope)
        )
    }

    /// Sends one request, waiting for the budget and trying again after 429,
    /// 5xx and network failures, until an answer that is final.
    fn send(
        &self,
        kind: RequestKind,
        method: &str,
        url: &str,
        body: Option<&Json>,
        with_key: bool,
        call: &Call,
    ) -> Result<Answer, LiveError> {
        if with_key && url.starts_with("http://") && !is_loopback(url) {
            return Err(LiveError::Network(
                "the API key is only sent over an encrypted (https) connection".into(),
            ));
        }
        let backoff = &self.config.backoff;
        let attempts = backoff.attempts.max(1);
        let mut last_error = None;
        for attempt in 1..=attempts {
            if call.is_cancelled() {
                return Err(LiveError::Cancelled);
            }
            // The users API is not Open Cloud's: its requests don't count.
            let wait = if with_key {
                self.budget.take(kind)
            } else {
                Duration::ZERO
            };
            let spacing = "keeping under Roblox's limit of requests a minute for this game";
            if !wait.is_zero() && !call.wait(wait, spacing) {
                return Err(LiveError::Cancelled);
            }
            call.count_request();
            let result = self.send_once(method, url, body, with_key);
            let retry_after = match result {
                Ok((answer, retry_after)) => {
                    let temporary = answer.status == 429 || answer.status >= 500;
                    if !temporary {
                        return Ok(answer);
                    }
                    last_error = Some(if answer.status == 429 {
                        LiveError::RateLimited { tries: attempt }
                    } else {
                        LiveError::Server {
                            status: answer.status,
                            message: error_message(&answer.body),
                        }
                    });
                    retry_after
                }
                Err(error) => {
                    last_error = Some(error);
                    None
                }
            };
            let why = match &last_error {
                Some(LiveError::RateLimited { .. }) => "Roblox asked to slow down",
                _ => "Roblox could not answer just now",
            };
            if attempt < attempts && !call.wait(backoff.delay(attempt, retry_after), why) {
                return Err(LiveError::Cancelled);
            }
        }
        Err(last_error.unwrap_or(LiveError::RateLimited { tries: attempts }))
    }

    fn send_once(
        &self,
        method: &str,
        url: &str,
        body: Option<&Json>,
        with_key: bool,
    ) -> Result<(Answer, Option<Duration>), LiveError> {
        let key = self.key.reveal();
        let network = |e: ureq::Error| LiveError::Network(e.to_string());
        let response = match (method, body) {
            ("GET", _) => {
                let mut request = self.agent.get(url);
                if with_key {
                    request = request.header("x-api-key", key);
                }
                request.call().map_err(network)?
            }
            ("DELETE", _) => {
                let mut request = self.agent.delete(url);
                if with_key {
                    request = request.header("x-api-key", key);
                }
                request.call().map_err(network)?
            }
            (method, body) => {
                let mut request = match method {
                    "PATCH" => self.agent.patch(url),
                    "PUT" => self.agent.put(url),
                    _ => self.agent.post(url),
                };
                if with_key {
                    request = request.header("x-api-key", key);
                }
                if let Some(etag) = body.and_then(|b| b.get("etag")).and_then(Json::as_str) {
                    request = request.header("If-Match", etag);
                }
                let text = body.map(Json::to_string).unwrap_or_default();
                request
                    .header("content-type", "application/json")
                    .send(text)
                    .map_err(network)?
            }
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if let Some(date) = header("date").as_deref().and_then(time::parse_http_date) {
            *self.clock.lock().unwrap_or_else(|e| e.into_inner()) = Some((date, Instant::now()));
        }
        let retry_after = header("retry-after")
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(Duration::from_secs_f64);
        let body = response
            .into_body()
            .read_to_string()
            .map_err(|e| LiveError::Network(e.to_string()))?;
        Ok((Answer { status, body }, retry_after))
    }

    /// Turns a final answer that is not a success into the error for it.
    fn refuse(answer: &Answer, need: Need, what: &str) -> LiveError {
        let message = error_message(&answer.body);
        match answer.status {
            401 => LiveError::BadKey { message },
            403 => LiveError::MissingPermission {
                what: need.what.into(),
                permission: need.permission.into(),
                message,
            },
            404 => LiveError::NotFound { what: what.into() },
            409 | 412 => LiveError::Conflict { current: None },
            400 if matches!(
                error_code(&answer.body).as_deref(),
                Some("FAILED_PRECONDITION" | "ABORTED")
            ) =>
            {
                LiveError::Conflict { current: None }
            }
            429 => LiveError::RateLimited { tries: 1 },
            status => LiveError::Server { status, message },
        }
    }

    /// Publishes `message` (text: Open Cloud sends only strings) on
    /// MessagingService `topic` of every live server of the game. Best
    /// effort, as MessagingService is: Roblox accepting it does not mean a
    /// server heard it.
    pub fn publish_message(
        &self,
        topic: &str,
        message: &str,
        call: &Call,
    ) -> Result<(), LiveError> {
        let url = format!("{}:publishMessage", self.universe_url());
        let body = json!({ "topic": topic, "message": message });
        let answer = self.send(RequestKind::Write, "POST", &url, Some(&body), true, call)?;
        match answer.status {
            200..=299 => Ok(()),
            _ => Err(Self::refuse(&answer, MESSAGING, topic)),
        }
    }

    /// The entry `key`, or None when there is none (or it was removed).
    pub fn get_entry(
        &self,
        store: &StoreRef,
        key: &str,
        call: &Call,
    ) -> Result<Option<CloudEntry>, LiveError> {
        let url = self.entry_url(store, key);
        let answer = self.send(RequestKind::Read, "GET", &url, None, true, call)?;
        match answer.status {
            200..=299 => {
                let entry = parse_entry(&parse_json(&answer.body)?, key)?;
                Ok((entry.state == EntryState::Active).then_some(entry))
            }
            404 => Ok(None),
            _ => Err(Self::refuse(&answer, READ, key)),
        }
    }

    /// Writes `write.value` to `key`. With an etag, only if the entry is
    /// still that version (else [`LiveError::Conflict`] with the entry as it
    /// is now); without one (a key that does not exist yet), the entry is
    /// created.
    pub fn update_entry(
        &self,
        store: &StoreRef,
        key: &str,
        write: &EntryWrite<'_>,
        call: &Call,
    ) -> Result<CloudEntry, LiveError> {
        let EntryWrite {
            value,
            users,
            attributes,
            etag,
        } = *write;
        let mut body = json!({
            "value": value,
            "users": users.iter().map(|u| format!("users/{u}")).collect::<Vec<_>>(),
            "attributes": attributes,
        });
        if let Some(etag) = etag {
            body["etag"] = Json::from(etag);
        }
        let url = format!(
            "{}?allowMissing={}",
            self.entry_url(store, key),
            etag.is_none()
        );
        let answer = self.send(RequestKind::Write, "PATCH", &url, Some(&body), true, call)?;
        match answer.status {
            200..=299 => parse_entry(&parse_json(&answer.body)?, key),
            404 if etag.is_some() => Err(LiveError::Conflict { current: None }),
            _ => {
                let need = if etag.is_none() { CREATE } else { UPDATE };
                let error = Self::refuse(&answer, need, key);
                if let LiveError::Conflict { .. } = error {
                    // Show what is there now; a failed read leaves it out.
                    let current = self.get_entry(store, key, call).ok().flatten();
                    return Err(LiveError::Conflict {
                        current: current.map(Box::new),
                    });
                }
                Err(error)
            }
        }
    }

    /// Removes `key` (Roblox keeps its versions for 30 days). False when
    /// there was nothing to remove.
    pub fn delete_entry(
        &self,
        store: &StoreRef,
        key: &str,
        call: &Call,
    ) -> Result<bool, LiveError> {
        let url = self.entry_url(store, key);
        let answer = self.send(RequestKind::Write, "DELETE", &url, None, true, call)?;
        match answer.status {
            200..=299 => Ok(true),
            404 => Ok(false),
            _ => Err(Self::refuse(&answer, DELETE, key)),
        }
    }

    /// One page of the store's keys, those starting with `prefix` when given.
    pub fn list_entries(
        &self,
        store: &StoreRef,
        prefix: Option<&str>,
        page: Option<&str>,
        page_size: u32,
        call: &Call,
    ) -> Result<EntryPage, LiveError> {
        let mut url = format!(
            "{}?maxPageSize={}",
            self.entries_url(store),
            page_size.clamp(1, 256)
        );
        if let Some(prefix) = prefix.filter(|p| !p.is_empty()) {
            let filter = format!(
                "id.startsWith(\"{}\")",
                prefix.replace('\\', "\\\\").replace('"', "\\\"")
            );
            url.push_str(&format!("&filter={}", encode(&filter)));
        }
        if let Some(page) = page {
            url.push_str(&format!("&pageToken={}", encode(page)));
        }
        let answer = self.send(RequestKind::Read, "GET", &url, None, true, call)?;
        if !(200..=299).contains(&answer.status) {
            return Err(Self::refuse(&answer, LIST, &store.name));
        }
        let value = parse_json(&answer.body)?;
        let keys = value
            .get("dataStoreEntries")
            .and_then(Json::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|e| e.get("id").and_then(Json::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        Ok(EntryPage {
            keys,
            next_page: page_token(&value),
        })
    }

    /// One page of Roblox's kept versions of `key`, newest first.
    pub fn list_revisions(
        &self,
        store: &StoreRef,
        key: &str,
        page: Option<&str>,
        page_size: u32,
        call: &Call,
    ) -> Result<RevisionPage, LiveError> {
        let mut url = format!(
            "{}:listRevisions?maxPageSize={}",
            self.entry_url(store, key),
            page_size.clamp(1, 100)
        );
        if let Some(page) = page {
            url.push_str(&format!("&pageToken={}", encode(page)));
        }
        let answer = self.send(RequestKind::Read, "GET", &url, None, true, call)?;
        if !(200..=299).contains(&answer.status) {
            return Err(Self::refuse(&answer, LIST_VERSIONS, key));
        }
        let value = parse_json(&answer.body)?;
        let revisions = value
            .get("dataStoreEntries")
            .and_then(Json::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|e| {
                        Some(Revision {
                            revision_id: e.get("revisionId")?.as_str()?.to_string(),
                            time: parse_time(e, "revisionCreateTime"),
                            state: parse_state(e),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(RevisionPage {
            revisions,
            next_page: page_token(&value),
        })
    }

    /// The entry `key` as it was at `revision_id`.
    pub fn get_revision(
        &self,
        store: &StoreRef,
        key: &str,
        revision_id: &str,
        call: &Call,
    ) -> Result<CloudEntry, LiveError> {
        let url = format!("{}@{}", self.entry_url(store, key), encode(revision_id));
        let answer = self.send(RequestKind::Read, "GET", &url, None, true, call)?;
        match answer.status {
            200..=299 => parse_entry(&parse_json(&answer.body)?, key),
            _ => Err(Self::refuse(
                &answer,
                READ_VERSION,
                &format!("The version {revision_id} of {key}"),
            )),
        }
    }

    /// One page of an ordered data store, highest first when `descending`.
    pub fn list_ordered(
        &self,
        store: &str,
        scope: &str,
        descending: bool,
        page: Option<&str>,
        page_size: u32,
        call: &Call,
    ) -> Result<OrderedPage, LiveError> {
        let order = if descending { "value desc" } else { "value" };
        let mut url = format!(
            "{}?maxPageSize={}&orderBy={}",
            self.ordered_url(store, scope),
            page_size.clamp(1, 100),
            encode(order)
        );
        if let Some(page) = page {
            url.push_str(&format!("&pageToken={}", encode(page)));
        }
        let answer = self.send(RequestKind::Read, "GET", &url, None, true, call)?;
        if !(200..=299).contains(&answer.status) {
            return Err(Self::refuse(&answer, ORDERED_READ, store));
        }
        let value = parse_json(&answer.body)?;
        let entries = value
            .get("orderedDataStoreEntries")
            .and_then(Json::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|e| {
                        let value = e.get("value")?;
                        let value = value
                            .as_i64()
                            .or_else(|| value.as_f64().map(|f| f as i64))
                            .or_else(|| value.as_str()?.parse().ok())?;
                        Some(OrderedEntry {
                            id: e.get("id")?.as_str()?.to_string(),
                            value,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(OrderedPage {
            entries,
            next_page: page_token(&value),
        })
    }

    /// Removes `key` from an ordered data store. False when it had none.
    pub fn delete_ordered(
        &self,
        store: &str,
        scope: &str,
        key: &str,
        call: &Call,
    ) -> Result<bool, LiveError> {
        let url = format!("{}/{}", self.ordered_url(store, scope), encode(key));
        let answer = self.send(RequestKind::Write, "DELETE", &url, None, true, call)?;
        match answer.status {
            200..=299 => Ok(true),
            404 => Ok(false),
            _ => Err(Self::refuse(&answer, ORDERED_WRITE, key)),
        }
    }

    /// The account with the user id `id`, if any (public: no key sent).
    pub fn user_by_id(&self, id: i64, call: &Call) -> Result<Option<RobloxUser>, LiveError> {
        let url = format!("{}/v1/users/{id}", self.config.users_url);
        let answer = self.send(RequestKind::Read, "GET", &url, None, false, call)?;
        match answer.status {
            200..=299 => {
                let u = parse_json(&answer.body)?;
                Ok(Some(RobloxUser {
                    id: u.get("id").and_then(Json::as_i64).unwrap_or(id),
                    name: u
                        .get("name")
                        .and_then(Json::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    display_name: u
                        .get("displayName")
                        .and_then(Json::as_str)
                        .unwrap_or_default()
                        .to_string(),
                }))
            }
            // The users API answers 404 for an id no account has.
            400 | 404 => Ok(None),
            status => Err(LiveError::Server {
                status,
                message: error_message(&answer.body),
            }),
        }
    }

    /// The account called `name` (a username, not a display name), if any.
    /// The users API is public: the API key is not sent to it.
    pub fn resolve_username(
        &self,
        name: &str,
        call: &Call,
    ) -> Result<Option<RobloxUser>, LiveError> {
        let url = format!("{}/v1/usernames/users", self.config.users_url);
        let body = json!({ "usernames": [name.trim()], "excludeBannedUsers": false });
        let answer = self.send(RequestKind::Read, "POST", &url, Some(&body), false, call)?;
        if !(200..=299).contains(&answer.status) {
            return Err(LiveError::Server {
                status: answer.status,
                message: error_message(&answer.body),
            });
        }
        let value = parse_json(&answer.body)?;
        let user = value
            .get("data")
            .and_then(Json::as_array)
            .and_then(|users| users.first())
            .and_then(|u| {
                Some(RobloxUser {
                    id: u.get("id")?.as_i64()?,
                    name: u.get("name")?.as_str()?.to_string(),
                    display_name: u
                        .get("displayName")
                        .and_then(Json::as_str)
                        .unwrap_or_default()
                        .to_string(),
                })
            });
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_never_sent_unencrypted_except_to_this_computer() {
        assert!(is_loopback("http://127.0.0.1:4000"));
        assert!(is_loopback("http://localhost/x"));
        assert!(!is_loopback("http://127.0.0.1.example.com"));
        let mut config = CloudConfig::new(1);
        config.base_url = "http://apis.example.com".into();
        let cloud = Cloud::new(config, ApiKey::new("k").unwrap());
        let refused = cloud.get_entry(&StoreRef::new("S", None), "k", &Call::new());
        match refused {
            Err(LiveError::Network(why)) => assert!(why.contains("https"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keys_and_filters_are_encoded_as_one_path_segment() {
        assert_eq!(encode("Player_1/backups"), "Player_1%2Fbackups");
        assert_eq!(encode("a b\"é"), "a%20b%22%C3%A9");
    }

    #[test]
    fn an_entry_answer_is_read_with_its_etag_users_and_attributes() {
        let answer = json!({
            "path": "universes/1/data-stores/S/entries/k",
            "createTime": "2024-07-22T19:02:27.811Z",
            "revisionId": "R1",
            "revisionCreateTime": "2024-07-22T19:02:27.811Z",
            "state": "ACTIVE",
            "etag": "E1",
            "value": {"a": 1},
            "id": "k",
            "users": ["users/45"],
            "attributes": {"x": true}
        });
        let entry = parse_entry(&answer, "k").unwrap();
        assert_eq!(entry.etag, "E1");
        assert_eq!(entry.users, vec![45]);
        assert_eq!(entry.attributes["x"], json!(true));
        assert_eq!(entry.revision_time, Some(1_721_674_947_811));
    }
}
