//! The DataStore client of a server: argument checks, the GetAsync cache,
//! request budgets and throttle queues, and executing requests on the backend.

use std::collections::{HashMap, VecDeque};
use std::ffi::c_void;

use mlua::{Table, Thread, Value};
use serde_json::{Map, Value as Json, json};

use super::backend::{
    BackendState, Entry, FaultPhase, Outcome, RequestLogEntry, RequestType, StoreId, Version,
};
use super::scheduler::EventKind;
use super::server::{OutputKind, ServerConfig, Shared, State};
use super::value::to_storable_json;

/// What a request does, with its arguments already checked.
#[derive(Debug, Clone)]
pub(crate) enum DsOp {
    Get {
        use_cache: bool,
    },
    Set {
        value: Json,
        user_ids: Vec<i64>,
        metadata: Map<String, Json>,
    },
    Increment {
        delta: i64,
        user_ids: Vec<i64>,
        metadata: Map<String, Json>,
    },
    Remove,
    UpdateRead,
    UpdateCommit {
        seq: u64,
        value: Json,
        user_ids: Vec<i64>,
        metadata: Map<String, Json>,
    },
    UpdateCancel,
    GetSorted {
        ascending: bool,
        page_size: usize,
        min: Option<i64>,
        max: Option<i64>,
        offset: usize,
    },
    GetVersion {
        version: String,
    },
    ListVersions {
        ascending: bool,
        min: Option<i64>,
        max: Option<i64>,
        page_size: usize,
        offset: usize,
    },
}

pub(crate) struct DsRequest {
    pub(crate) thread: Thread,
    pub(crate) method: String,
    pub(crate) store: StoreId,
    pub(crate) key: Option<String>,
    pub(crate) types: Vec<RequestType>,
    pub(crate) op: DsOp,
}

/// Checks a store's name and scope; returns the error message if invalid.
pub(crate) fn check_store_name(name: &str, scope: &str) -> Option<String> {
    if name.is_empty() {
        return Some("DataStore name can't be empty".into());
    }
    if name.chars().count() > 50 {
        return Some("DataStore name exceeds the 50 character limit".into());
    }
    if scope.chars().count() > 50 {
        return Some("DataStore scope exceeds the 50 character limit".into());
    }
    None
}

fn as_int(v: &Value, what: &str) -> Result<i64, String> {
    match v {
        Value::Integer(i) => Ok(*i),
        Value::Number(n) if n.fract() == 0.0 && n.is_finite() => Ok(*n as i64),
        Value::Number(_) => Err(format!("{what} must be an integer")),
        other => Err(format!(
            "Unable to cast {} to int64 ({what})",
            other.type_name()
        )),
    }
}

fn opt_int(opts: &Table, field: &str, what: &str) -> Result<Option<i64>, String> {
    match opts.get::<Value>(field).map_err(|e| e.to_string())? {
        Value::Nil => Ok(None),
        v => as_int(&v, what).map(Some),
    }
}

fn user_ids(opts: &Table) -> Result<Vec<i64>, String> {
    match opts.get::<Value>("userIds").map_err(|e| e.to_string())? {
        Value::Nil => Ok(Vec::new()),
        Value::Table(t) => t
            .sequence_values::<Value>()
            .map(|v| as_int(&v.map_err(|e| e.to_string())?, "userIds"))
            .collect(),
        _ => Err("userIds must be an array of user ids".into()),
    }
}

fn metadata(opts: &Table) -> Result<Map<String, Json>, String> {
    match opts.get::<Value>("metadata").map_err(|e| e.to_string())? {
        Value::Nil => Ok(Map::new()),
        v => match to_storable_json(&v).map_err(|e| e.to_string())? {
            Json::Object(m) => {
                if Json::Object(m.clone()).to_string().len() > 300 {
                    return Err("Metadata attribute size exceeds 300 characters limit.".into());
                }
                Ok(m)
            }
            Json::Array(a) if a.is_empty() => Ok(Map::new()),
            _ => Err("metadata must be a dictionary".into()),
        },
    }
}

fn stored_value(opts: &Table, ordered: bool) -> Result<Json, String> {
    let v: Value = opts.get("value").map_err(|e| e.to_string())?;
    if ordered {
        return as_int(&v, "OrderedDataStore values").map(Json::from);
    }
    to_storable_json(&v).map_err(|e| e.to_string())
}

impl DsOp {
    pub(crate) fn parse(
        method: &str,
        store: &StoreId,
        key: Option<&str>,
        opts: &Table,
    ) -> Result<DsOp, String> {
        let needs_key = method != "GetSortedAsync";
        if needs_key {
            match key {
                None => return Err("Argument 1 missing or nil".into()),
                Some("") => return Err("101: Key name can't be empty.".into()),
                Some(k) if k.chars().count() > 50 => {
                    return Err("102: Key name exceeds the 50 character limit.".into());
                }
                _ => {}
            }
        }
        let ordered = store.ordered;
        let get = |f: &str| opts.get::<Value>(f).unwrap_or(Value::Nil);
        Ok(match method {
            "GetAsync" => DsOp::Get {
                use_cache: !matches!(get("useCache"), Value::Boolean(false)),
            },
            "SetAsync" => DsOp::Set {
                value: stored_value(opts, ordered)?,
                user_ids: user_ids(opts)?,
                metadata: metadata(opts)?,
            },
            "IncrementAsync" => DsOp::Increment {
                delta: as_int(&get("delta"), "delta")?,
                user_ids: user_ids(opts)?,
                metadata: metadata(opts)?,
            },
            "RemoveAsync" => DsOp::Remove,
            "UpdateAsync" => DsOp::UpdateRead,
            "UpdateAsync:cancel" => DsOp::UpdateCancel,
            "UpdateAsync:commit" => DsOp::UpdateCommit {
                seq: as_int(&get("seq"), "seq")? as u64,
                value: stored_value(opts, ordered)?,
                user_ids: user_ids(opts)?,
                metadata: metadata(opts)?,
            },
            "GetSortedAsync" if ordered => {
                let page_size = match get("pageSize") {
                    Value::Nil => return Err("Argument 2 missing or nil".into()),
                    v => as_int(&v, "PageSize")?,
                };
                if !(1..=100).contains(&page_size) {
                    return Err("106: PageSize must be within a predefined range.".into());
                }
                let min = opt_int(opts, "min", "106: MinValue")?;
                let max = opt_int(opts, "max", "106: MaxValue")?;
                if let (Some(a), Some(b)) = (min, max)
                    && b < a
                {
                    return Err("107: MaxValue needs to be larger than MinValue.".into());
                }
                DsOp::GetSorted {
                    ascending: matches!(get("ascending"), Value::Boolean(true)),
                    page_size: page_size as usize,
                    min,
                    max,
                    offset: opt_int(opts, "offset", "offset")?.unwrap_or(0).max(0) as usize,
                }
            }
            "GetVersionAsync" if !ordered => match get("version") {
                Value::String(s) => DsOp::GetVersion {
                    version: s.to_string_lossy(),
                },
                _ => return Err("Argument 2 missing or nil".into()),
            },
            "ListVersionsAsync" if !ordered => DsOp::ListVersions {
                ascending: !matches!(get("ascending"), Value::Boolean(false)),
                min: opt_int(opts, "min", "minDate")?,
                max: opt_int(opts, "max", "maxDate")?,
                page_size: opt_int(opts, "pageSize", "pageSize")?
                    .unwrap_or(1024)
                    .clamp(1, 1024) as usize,
                offset: opt_int(opts, "offset", "offset")?.unwrap_or(0).max(0) as usize,
            },
            other => return Err(format!("{other} is not a valid member of the store")),
        })
    }

    /// The budget categories the request is charged to (none for the second
    /// half of an UpdateAsync, which was charged when it started).
    pub(crate) fn request_types(&self, ordered: bool) -> Vec<RequestType> {
        use RequestType::*;
        match (self, ordered) {
            (DsOp::Get { .. } | DsOp::GetVersion { .. }, false) => vec![StandardRead],
            (DsOp::Set { .. } | DsOp::Increment { .. }, false) => vec![StandardWrite],
            (DsOp::Remove, false) => vec![StandardRemove],
            (DsOp::UpdateRead, false) => vec![StandardRead, StandardWrite],
            (DsOp::ListVersions { .. }, _) => vec![StandardList],
            (DsOp::Get { .. }, true) => vec![OrderedRead],
            (DsOp::Set { .. } | DsOp::Increment { .. } | DsOp::UpdateRead, true) => {
                vec![OrderedWrite]
            }
            (DsOp::Remove, true) => vec![OrderedRemove],
            (DsOp::GetSorted { .. }, _) => vec![OrderedList],
            _ => vec![],
        }
    }
}

fn throttle_error(method: &str) -> String {
    let code = match method {
        "GetAsync" | "GetVersionAsync" => 301,
        "SetAsync" => 302,
        "IncrementAsync" => 303,
        "UpdateAsync" => 304,
        "GetSortedAsync" | "ListVersionsAsync" => 305,
        _ => 306,
    };
    format!(
        "{code}: {method} request dropped. Request was throttled, but throttled request queue was full."
    )
}

/// Per-server DataStore client state.
pub(crate) struct ClientState {
    budgets: HashMap<RequestType, f64>,
    last_refill: i64,
    /// Players in the server at the last refill.
    rate_players: usize,
    queues: HashMap<RequestType, VecDeque<DsRequest>>,
    tick_scheduled: bool,
    cache: HashMap<(StoreId, String), (f64, Vec<Json>)>,
    max_minutes: f64,
    queue_limit: usize,
    cache_seconds: f64,
}

impl ClientState {
    pub(crate) fn new(cfg: &ServerConfig) -> Self {
        let budgets = RequestType::ALL
            .into_iter()
            .map(|t| (t, t.per_minute(0) * cfg.initial_budget_minutes))
            .collect();
        ClientState {
            budgets,
            last_refill: 0,
            rate_players: 0,
            queues: HashMap::new(),
            tick_scheduled: false,
            cache: HashMap::new(),
            max_minutes: cfg.max_budget_minutes,
            queue_limit: cfg.queue_limit,
            cache_seconds: cfg.cache_seconds,
        }
    }

    /// Adds the budget earned since the last whole second.
    fn refill(&mut self, now: f64, players: usize) {
        // The time since the last refill earns at the rate of the players there were then or are now,
        // whichever is more: players who join count from when they came (no refill saw them yet), and
        // players removed (a shutdown) don't take back what the server earned while they played.
        let earning = std::mem::replace(&mut self.rate_players, players).max(players);
        let sec = now.floor() as i64;
        if sec <= self.last_refill {
            return;
        }
        let secs = (sec - self.last_refill) as f64;
        self.last_refill = sec;
        for t in RequestType::ALL {
            let per_minute = t.per_minute(u32::try_from(earning).unwrap_or(u32::MAX));
            let cap = per_minute * self.max_minutes;
            let b = self.budgets.entry(t).or_insert(0.0);
            if *b < cap {
                *b = (*b + secs * per_minute / 60.0).min(cap);
            }
        }
    }

    /// Whole requests left for a type now.
    pub(crate) fn budget(&mut self, t: RequestType, now: f64, players: usize) -> f64 {
        self.refill(now, players);
        self.budgets.get(&t).copied().unwrap_or(0.0).floor()
    }

    fn affordable(&self, types: &[RequestType]) -> bool {
        types
            .iter()
            .all(|t| self.budgets.get(t).copied().unwrap_or(0.0) >= 1.0)
    }

    fn take(&mut self, types: &[RequestType]) {
        for t in types {
            *self.budgets.entry(*t).or_insert(0.0) -= 1.0;
        }
    }

    pub(crate) fn cancel(&mut self, thread: *const c_void) {
        for q in self.queues.values_mut() {
            q.retain(|r| r.thread.to_pointer() != thread);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.queues.clear();
        self.cache.clear();
    }
}

/// Sends a request: answers it from the cache, or schedules its completion
/// after the latency, or queues it when the budget is empty. `Ok(None)` means
/// the calling thread must yield until resumed.
pub(crate) fn submit(
    state: &Shared,
    thread: Thread,
    method: String,
    store: StoreId,
    key: Option<String>,
    op: DsOp,
) -> Result<Option<Vec<Json>>, String> {
    let mut guard = state.borrow_mut();
    let st = &mut *guard;
    let now = st.now();
    let players = st.players.len();
    let types = op.request_types(store.ordered);
    let req = DsRequest {
        thread,
        method,
        store,
        key,
        types,
        op,
    };
    match &req.op {
        DsOp::UpdateCancel => {
            st.log(log_entry(st, &req, Outcome::Cancelled));
            return Ok(Some(Vec::new()));
        }
        DsOp::Get { use_cache: true } if !req.store.ordered => {
            let ck = (req.store.clone(), req.key.clone().unwrap_or_default());
            if let Some((t, values)) = st.ds.cache.get(&ck)
                && now - t < st.ds.cache_seconds
            {
                let values = values.clone();
                st.log(log_entry(st, &req, Outcome::Cached));
                return Ok(Some(values));
            }
        }
        _ => {}
    }
    if req.types.is_empty() {
        let latency = st.backend.0.borrow_mut().next_latency();
        st.schedule(now + latency, EventKind::DsComplete(Box::new(req)));
        return Ok(None);
    }
    st.ds.refill(now, players);
    let blocked =
        req.types.iter().copied().find(|t| {
            st.ds.queues.get(t).is_some_and(|q| !q.is_empty()) || !st.ds.affordable(&[*t])
        });
    let Some(queue_type) = blocked else {
        st.ds.take(&req.types);
        let latency = st.backend.0.borrow_mut().next_latency();
        st.schedule(now + latency, EventKind::DsComplete(Box::new(req)));
        return Ok(None);
    };
    let limit = st.ds.queue_limit;
    let queue = st.ds.queues.entry(queue_type).or_default();
    if queue.len() >= limit {
        let msg = throttle_error(&req.method);
        st.log(log_entry(st, &req, Outcome::Failed(msg.clone())));
        return Err(msg);
    }
    st.log(log_entry(st, &req, Outcome::Queued));
    let key = req.key.clone().unwrap_or_default();
    st.ds.queues.entry(queue_type).or_default().push_back(req);
    st.out(
        OutputKind::Warn,
        format!(
            "DataStore request was added to queue. If request queue fills, further requests will be dropped. Try sending fewer requests.Key = {key}"
        ),
        None,
    );
    if !st.ds.tick_scheduled {
        st.ds.tick_scheduled = true;
        st.schedule(now.floor() + 1.0, EventKind::BudgetTick);
    }
    Ok(None)
}

/// Once a second while requests wait: refill and send what the budget allows.
pub(crate) fn budget_tick(state: &Shared) {
    let mut guard = state.borrow_mut();
    let st = &mut *guard;
    let now = st.now();
    let players = st.players.len();
    st.ds.tick_scheduled = false;
    st.ds.refill(now, players);
    let mut ready = Vec::new();
    for t in RequestType::ALL {
        while let Some(front) = st.ds.queues.get(&t).and_then(|q| q.front()) {
            if !st.ds.affordable(&front.types) {
                break;
            }
            let types = front.types.clone();
            st.ds.take(&types);
            ready.extend(st.ds.queues.get_mut(&t).and_then(|q| q.pop_front()));
        }
    }
    for req in ready {
        let latency = st.backend.0.borrow_mut().next_latency();
        st.schedule(now + latency, EventKind::DsComplete(Box::new(req)));
    }
    if st.ds.queues.values().any(|q| !q.is_empty()) {
        st.ds.tick_scheduled = true;
        st.schedule(now.floor() + 1.0, EventKind::BudgetTick);
    }
}

fn key_info(entry: &Entry, v: &Version) -> Json {
    json!({
        "Version": v.version,
        "CreatedTime": entry.created_time,
        "UpdatedTime": entry.updated_time,
        "UserIds": v.user_ids,
        "Metadata": Json::Object(v.metadata.clone()),
    })
}

fn current(b: &BackendState, store: &StoreId, key: &str) -> (Json, Json, u64) {
    match b.entry(store, key) {
        Some(e) => match e.current() {
            Some(v) => (v.value.clone(), key_info(e, v), e.write_seq),
            None => (Json::Null, Json::Null, e.write_seq),
        },
        None => (Json::Null, Json::Null, 0),
    }
}

/// Executes a request whose latency has passed; returns the values to resume
/// the thread with, or a Roblox-like error.
pub(crate) fn complete(state: &Shared, req: DsRequest) -> Result<Vec<Json>, String> {
    let mut guard = state.borrow_mut();
    let st = &mut *guard;
    let now = st.now();
    let unix_ms = st.unix_ms();
    let backend = st.backend.clone();
    let mut b = backend.0.borrow_mut();
    let phase = match &req.op {
        DsOp::UpdateRead => FaultPhase::UpdateRead,
        DsOp::UpdateCommit { .. } => FaultPhase::UpdateCommit,
        _ => FaultPhase::Whole,
    };
    let writes = matches!(
        req.op,
        DsOp::Set { .. } | DsOp::Increment { .. } | DsOp::UpdateCommit { .. }
    );
    let permanent = req
        .key
        .as_deref()
        .filter(|_| writes)
        .and_then(|k| b.permanent_fault(&req.store.name, k));
    if let Some(err) = permanent.or_else(|| b.roll_fault_in(now, st.id, phase)) {
        b.push_log(log_entry(st, &req, Outcome::Failed(err.clone())));
        return Err(err);
    }
    let key = req.key.clone().unwrap_or_default();
    let done = if req.store.ordered {
        complete_ordered(&mut b, &req, &key)
    } else {
        complete_standard(&mut b, &req, &key, unix_ms)
    };
    let outcome = match &done.result {
        Err(e) => Outcome::Failed(e.clone()),
        Ok(_) => done.outcome,
    };
    b.push_log(log_entry(st, &req, outcome));
    drop(b);
    if let Some(values) = done.cache_values {
        st.ds.cache.insert((req.store.clone(), key), (now, values));
    }
    done.result
}

/// What executing a request on the backend gave.
struct Done {
    /// The values to resume the thread with, or a Roblox-like error.
    result: Result<Vec<Json>, String>,
    /// The log's outcome when `result` is not an error.
    outcome: Outcome,
    /// What GetAsync's cache now holds for the key (standard stores only).
    cache_values: Option<Vec<Json>>,
}

/// A request on an OrderedDataStore: integer values, sorted pages, no versions.
fn complete_ordered(b: &mut BackendState, req: &DsRequest, key: &str) -> Done {
    let store = &req.store;
    let mut outcome = Outcome::Ok;
    let seq_key = (store.clone(), key.to_string());
    let cur = b.ordered.get(store).and_then(|m| m.get(key)).copied();
    let cur_seq = b.ordered_seq.get(&seq_key).copied().unwrap_or(0);
    let write = |b: &mut BackendState, v: Option<i64>| {
        let m = b.ordered.entry(store.clone()).or_default();
        match v {
            Some(v) => m.insert(key.to_string(), v),
            None => m.remove(key),
        };
        b.write_counter += 1;
        let c = b.write_counter;
        b.ordered_seq.insert(seq_key.clone(), c);
    };
    let result = match &req.op {
        DsOp::Get { .. } => Ok(vec![cur.map(Json::from).unwrap_or(Json::Null)]),
        DsOp::Set { value, .. } => {
            write(b, value.as_i64());
            Ok(vec![Json::Null])
        }
        DsOp::Increment { delta, .. } => {
            let new = cur.unwrap_or(0).saturating_add(*delta);
            write(b, Some(new));
            Ok(vec![Json::from(new)])
        }
        DsOp::Remove => {
            if cur.is_some() {
                write(b, None);
            }
            Ok(vec![cur.map(Json::from).unwrap_or(Json::Null)])
        }
        DsOp::UpdateRead => Ok(vec![
            cur.map(Json::from).unwrap_or(Json::Null),
            Json::Null,
            Json::from(cur_seq),
        ]),
        DsOp::UpdateCommit { seq, value, .. } => {
            if *seq != cur_seq {
                outcome = Outcome::Conflict;
                Ok(vec![
                    json!("retry"),
                    cur.map(Json::from).unwrap_or(Json::Null),
                    Json::Null,
                    Json::from(cur_seq),
                ])
            } else {
                write(b, value.as_i64());
                Ok(vec![json!("ok"), value.clone(), Json::Null])
            }
        }
        DsOp::GetSorted {
            ascending,
            page_size,
            min,
            max,
            offset,
        } => {
            let mut items: Vec<(&String, i64)> = b
                .ordered
                .get(store)
                .map(|m| {
                    m.iter()
                        .filter(|(_, v)| {
                            min.is_none_or(|lo| **v >= lo) && max.is_none_or(|hi| **v <= hi)
                        })
                        .map(|(k, v)| (k, *v))
                        .collect()
                })
                .unwrap_or_default();
            items.sort_by(|a, b| {
                if *ascending {
                    a.1.cmp(&b.1)
                } else {
                    b.1.cmp(&a.1)
                }
                .then(a.0.cmp(b.0))
            });
            let page: Vec<Json> = items
                .iter()
                .skip(*offset)
                .take(*page_size)
                .map(|(k, v)| json!({"key": k, "value": v}))
                .collect();
            let finished = offset + page_size >= items.len();
            Ok(vec![Json::Array(page), Json::Bool(finished)])
        }
        _ => Err(format!(
            "{} is not supported on an OrderedDataStore",
            req.method
        )),
    };
    Done {
        result,
        outcome,
        cache_values: None,
    }
}

/// A request on a standard DataStore: JSON values with versions and key info;
/// reads and writes refresh GetAsync's cache.
fn complete_standard(b: &mut BackendState, req: &DsRequest, key: &str, unix_ms: i64) -> Done {
    let store = &req.store;
    let mut outcome = Outcome::Ok;
    let mut cache_values = None;
    let result = match &req.op {
        DsOp::Get { .. } => {
            let (v, info, _) = current(b, store, key);
            cache_values = Some(vec![v.clone(), info.clone()]);
            Ok(vec![v, info])
        }
        DsOp::Set {
            value,
            user_ids,
            metadata,
        } => {
            let version = b.write(
                store,
                key,
                value.clone(),
                user_ids.clone(),
                metadata.clone(),
                unix_ms,
            );
            let (v, info, _) = current(b, store, key);
            cache_values = Some(vec![v, info]);
            Ok(vec![Json::String(version)])
        }
        DsOp::Increment {
            delta,
            user_ids,
            metadata,
        } => {
            let (old, _, _) = current(b, store, key);
            let base = match &old {
                Json::Null => Some(0),
                Json::Number(n) => n.as_i64(),
                _ => None,
            };
            match base {
                None => Err("104: Cannot increment a value that is not an integer.".into()),
                Some(base) => {
                    let new = Json::from(base.saturating_add(*delta));
                    b.write(
                        store,
                        key,
                        new.clone(),
                        user_ids.clone(),
                        metadata.clone(),
                        unix_ms,
                    );
                    let (v, info, _) = current(b, store, key);
                    cache_values = Some(vec![v, info]);
                    Ok(vec![new])
                }
            }
        }
        DsOp::Remove => {
            let entry = b.entry(store, key).cloned();
            let out = match (b.remove(store, key, unix_ms), entry) {
                (Some(old), Some(e)) => vec![old.value.clone(), key_info(&e, &old)],
                _ => vec![Json::Null, Json::Null],
            };
            cache_values = Some(vec![Json::Null, Json::Null]);
            Ok(out)
        }
        DsOp::UpdateRead => {
            let (v, info, seq) = current(b, store, key);
            Ok(vec![v, info, Json::from(seq)])
        }
        DsOp::UpdateCommit {
            seq,
            value,
            user_ids,
            metadata,
        } => {
            let (v, info, cur_seq) = current(b, store, key);
            if *seq != cur_seq {
                outcome = Outcome::Conflict;
                Ok(vec![json!("retry"), v, info, Json::from(cur_seq)])
            } else {
                b.write(
                    store,
                    key,
                    value.clone(),
                    user_ids.clone(),
                    metadata.clone(),
                    unix_ms,
                );
                let (v, info, _) = current(b, store, key);
                cache_values = Some(vec![v.clone(), info.clone()]);
                Ok(vec![json!("ok"), v, info])
            }
        }
        DsOp::GetVersion { version } => {
            let found = b.entry(store, key).and_then(|e| {
                e.versions.iter().find(|v| &v.version == version).map(|v| {
                    let value = if v.deleted {
                        Json::Null
                    } else {
                        v.value.clone()
                    };
                    (value, key_info(e, v))
                })
            });
            Ok(match found {
                Some((v, info)) => vec![v, info],
                None => vec![Json::Null, Json::Null],
            })
        }
        DsOp::ListVersions {
            ascending,
            min,
            max,
            page_size,
            offset,
        } => {
            let mut list: Vec<Json> = b
                .entry(store, key)
                .map(|e| {
                    e.retained_versions()
                        .into_iter()
                        .filter(|v| {
                            min.is_none_or(|lo| v.created_time >= lo) && max.is_none_or(|hi| v.created_time <= hi)
                        })
                        .map(|v| json!({"Version": v.version, "CreatedTime": v.created_time, "IsDeleted": v.deleted}))
                        .collect()
                })
                .unwrap_or_default();
            if !ascending {
                list.reverse();
            }
            let finished = offset + page_size >= list.len();
            let page: Vec<Json> = list.into_iter().skip(*offset).take(*page_size).collect();
            Ok(vec![Json::Array(page), Json::Bool(finished)])
        }
        _ => Err(format!("{} is not supported on a DataStore", req.method)),
    };
    Done {
        result,
        outcome,
        cache_values,
    }
}

fn log_entry(st: &State, req: &DsRequest, outcome: Outcome) -> RequestLogEntry {
    RequestLogEntry {
        server: st.id,
        time: st.now(),
        method: req.method.clone(),
        request_types: req.types.clone(),
        store: req.store.name.clone(),
        scope: req.store.scope.clone(),
        ordered: req.store.ordered,
        key: req.key.clone(),
        outcome,
    }
}
