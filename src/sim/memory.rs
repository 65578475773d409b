//! MemoryStoreService shared by every server of a [`World`](super::World):
//! hash maps and sorted maps whose items expire on the virtual clock, the
//! game's request-unit and memory quotas, fault injection (game-wide and on
//! one server's path only) and a request log.
//!
//! Figures from Roblox's memory store pages (creator-docs, 2026):
//! - request units per minute for the whole game: 1000 + 120 x concurrent users;
//!   most calls cost 1 unit, a hash map's UpdateAsync at least 2, GetRangeAsync
//!   and ListItemsAsync one per item returned (at least 1);
//! - memory quota for the whole game: 64 KB + 1.2 KB x users (it does not
//!   shrink at once when users leave: the emulator keeps the most users seen);
//!   over it, writes that would grow the memory fail, others still succeed;
//! - keys and sort keys up to 128 characters, values up to 32 KB;
//! - expiration required, 0 to 3,888,000 seconds (45 days).

use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use mlua::{Table, Thread, Value};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use serde_json::{Value as Json, json};

use super::ServerId;
use super::backend::{FaultPhase, PathFaults, phase_rate};
use super::census::Census;
use super::value::to_storable_json;

/// Longest expiration Roblox accepts, in seconds (45 days).
pub const MAX_EXPIRATION: i64 = 3_888_000;
/// Longest key or string sort key, in characters.
pub const MAX_KEY_CHARS: usize = 128;
/// Largest value, in bytes of JSON (32 KB).
pub const MAX_VALUE_BYTES: usize = 32 * 1024;

/// Request units the whole game may spend per minute with `users` playing.
pub fn request_units_per_minute(users: usize) -> f64 {
    1000.0 + 120.0 * users as f64
}

/// Bytes the whole game may keep in memory stores with `users` playing.
pub fn memory_quota_bytes(users: usize) -> f64 {
    64.0 * 1024.0 + 1.2 * 1024.0 * users as f64
}

const THROTTLED: &str =
    "Code: RequestThrottled, Error: Recent MemoryStores requests hit one or more limits.";
const INTERNAL: &str = "Code: InternalError, Error: Internal Error.";
const MEMORY_FULL: &str = "Code: TotalMemoryOverLimit, Error: Exceeds universe-level memory quota.";

/// Which data structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MapKind {
    Hash,
    Sorted,
}

impl MapKind {
    pub fn label(self) -> &'static str {
        match self {
            MapKind::Hash => "hash map",
            MapKind::Sorted => "sorted map",
        }
    }
}

/// A sorted map item's sort key: numbers sort before text.
#[derive(Debug, Clone, PartialEq)]
pub enum SortKey {
    Number(f64),
    Text(String),
}

impl SortKey {
    fn to_json(&self) -> Json {
        match self {
            SortKey::Number(n) => json!(n),
            SortKey::Text(s) => json!(s),
        }
    }

    fn bytes(&self) -> usize {
        match self {
            SortKey::Number(_) => 8,
            SortKey::Text(s) => s.len(),
        }
    }
}

/// Where an item (or a range bound) sits in a sorted map: items with a
/// numeric sort key first, then text sort keys, then none; ties by key.
fn position_cmp(a: (Option<&SortKey>, &str), b: (Option<&SortKey>, &str)) -> Ordering {
    sort_cmp(a.0, b.0).then_with(|| a.1.cmp(b.1))
}

/// Compares sort keys only.
fn sort_cmp(a: Option<&SortKey>, b: Option<&SortKey>) -> Ordering {
    let rank = |s: Option<&SortKey>| match s {
        Some(SortKey::Number(_)) => 0,
        Some(SortKey::Text(_)) => 1,
        None => 2,
    };
    rank(a).cmp(&rank(b)).then_with(|| match (a, b) {
        (Some(SortKey::Number(x)), Some(SortKey::Number(y))) => x.total_cmp(y),
        (Some(SortKey::Text(x)), Some(SortKey::Text(y))) => x.cmp(y),
        _ => Ordering::Equal,
    })
}

/// Whether an item at `pos` lies strictly on the `side` of a range bound. A
/// bound with a sort key only compares sort keys; with a key, whole positions.
fn beyond(pos: (Option<&SortKey>, &str), bound: &Bound, side: Ordering) -> bool {
    match bound {
        (s, Some(k)) => position_cmp(pos, (s.as_ref(), k)) == side,
        (s, None) => sort_cmp(pos.0, s.as_ref()) == side,
    }
}

/// A range bound: (sort key, key), at least one given.
type Bound = (Option<SortKey>, Option<String>);

/// One item of a map.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryItem {
    pub value: Json,
    pub sort_key: Option<SortKey>,
    /// Virtual time at which it expires (it is gone from then on).
    pub expires: f64,
    seq: u64,
}

impl MemoryItem {
    fn bytes(&self, key: &str) -> usize {
        key.len() + self.value.to_string().len() + self.sort_key.as_ref().map_or(0, SortKey::bytes)
    }
}

/// How a logged request ended.
#[derive(Debug, Clone, PartialEq)]
pub enum MemoryOutcome {
    Ok,
    /// An UpdateAsync commit found the item changed since its read: the transform runs again.
    Conflict,
    /// An UpdateAsync whose transform returned nil: nothing written.
    Cancelled,
    /// Refused by a limit (request units or memory quota).
    Throttled(String),
    /// Failed (fault injection) with this error.
    Failed(String),
}

/// One line of the memory store's request log.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryLogEntry {
    pub server: ServerId,
    /// Virtual seconds since the world started.
    pub time: f64,
    pub kind: MapKind,
    pub map: String,
    pub key: Option<String>,
    /// The Luau method, e.g. "SetAsync"; the parts of an UpdateAsync are
    /// "UpdateAsync" (its read), "UpdateAsync:commit" and "UpdateAsync:cancel".
    pub op: String,
    /// Request units charged.
    pub units: u32,
    pub outcome: MemoryOutcome,
}

/// Requests of one minute, against the game's limit in that minute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemoryMinute {
    /// Minute number from the start.
    pub minute: u32,
    /// Requests that reached the service (UpdateAsync counts once).
    pub requests: usize,
    pub units: u32,
    pub failed: usize,
    pub throttled: usize,
    /// The request-unit limit at the busiest moment of the minute.
    pub limit: f64,
}

/// One server's requests in one minute (heartbeats are counted per server-minute).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemoryServerMinute {
    pub server: ServerId,
    pub minute: u32,
    /// Requests that reached the service (UpdateAsync counts once).
    pub requests: usize,
    pub units: u32,
}

/// MemoryStore settings.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryConfig {
    /// Failures of the whole service (every server).
    pub faults: PathFaults,
    /// Failures of one server's path only, by server id.
    pub per_server: BTreeMap<ServerId, PathFaults>,
    /// Latency of a request in virtual seconds.
    pub latency: f64,
    /// Extra random latency, uniform in `[0, latency_jitter)`.
    pub latency_jitter: f64,
    pub seed: u64,
}

impl Default for MemoryConfig {
    fn default() -> Self {
        MemoryConfig {
            faults: PathFaults::default(),
            per_server: BTreeMap::new(),
            latency: 0.05,
            latency_jitter: 0.0,
            seed: 0,
        }
    }
}

/// What a request does, its arguments checked.
#[derive(Debug, Clone)]
pub(crate) enum MemOp {
    Get,
    Set {
        value: Json,
        expiration: i64,
        sort_key: Option<SortKey>,
    },
    Remove,
    UpdateRead,
    UpdateCommit {
        seq: u64,
        value: Json,
        expiration: i64,
        sort_key: Option<SortKey>,
    },
    UpdateCancel,
    GetRange {
        ascending: bool,
        count: usize,
        lower: Option<Bound>,
        upper: Option<Bound>,
    },
    ListItems {
        count: usize,
        after: Option<String>,
    },
}

pub(crate) struct MemRequest {
    pub(crate) thread: Thread,
    pub(crate) server: ServerId,
    pub(crate) method: String,
    pub(crate) kind: MapKind,
    pub(crate) map: String,
    pub(crate) key: Option<String>,
    pub(crate) op: MemOp,
}

fn expiration(v: Value) -> Result<i64, String> {
    let secs = match v {
        Value::Nil => return Err("Argument 3 missing or nil".into()),
        Value::Integer(i) => i,
        Value::Number(n) if n.is_finite() => n.trunc() as i64,
        Value::Number(_) => i64::MAX,
        other => return Err(format!("Unable to cast {} to int64", other.type_name())),
    };
    if !(0..=MAX_EXPIRATION).contains(&secs) {
        return Err(
            "Code: InvalidExpirationTime, Error: The field 'expiration' time must be between 0 and 3,888,000."
                .into(),
        );
    }
    Ok(secs)
}

fn stored(v: Value, what: &str) -> Result<Json, String> {
    if v.is_nil() {
        return Err(format!("{what} missing or nil"));
    }
    let json = to_storable_json(&v)
        .map_err(|_| "Code: InvalidRequest, Error: Unable to convert value to json.".to_string())?;
    if json.to_string().len() > MAX_VALUE_BYTES {
        return Err("Code: ItemValueSizeTooLarge, Error: Value size exceeds limit (32KB).".into());
    }
    Ok(json)
}

fn sort_key(v: Value) -> Result<Option<SortKey>, String> {
    let bad = || {
        "Code: InvalidRequest, Error: Unable to convert sortKey to a valid number or string."
            .to_string()
    };
    match v {
        Value::Nil => Ok(None),
        Value::Integer(i) => Ok(Some(SortKey::Number(i as f64))),
        Value::Number(n) if n.is_finite() => Ok(Some(SortKey::Number(n))),
        Value::String(s) => {
            let s = s.to_str().map_err(|_| bad())?.to_string();
            if s.chars().count() > MAX_KEY_CHARS {
                return Err(
                    "Code: InvalidRequest, Error: The sort key exceeds the 128 character limit."
                        .into(),
                );
            }
            Ok(Some(SortKey::Text(s)))
        }
        _ => Err(bad()),
    }
}

fn bound(v: Value) -> Result<Option<Bound>, String> {
    match v {
        Value::Nil => Ok(None),
        Value::Table(t) => {
            let key = match t.get::<Value>("key").map_err(|e| e.to_string())? {
                Value::Nil => None,
                Value::String(s) => Some(s.to_string_lossy()),
                _ => {
                    return Err(
                        "Code: InvalidRequest, Error: The bound's key must be a string.".into(),
                    );
                }
            };
            let sort = sort_key(t.get::<Value>("sortKey").map_err(|e| e.to_string())?)?;
            if sort.is_none() && key.is_none() {
                return Ok(None);
            }
            Ok(Some((sort, key)))
        }
        _ => Err(
            "Unable to cast value to table (a range bound is { key = ..., sortKey = ... })".into(),
        ),
    }
}

fn count(v: Value, method: &str) -> Result<usize, String> {
    let n = match v {
        Value::Nil => return Err("Argument missing or nil: count".into()),
        Value::Integer(i) => i,
        Value::Number(n) if n.is_finite() => n.trunc() as i64,
        _ => return Err("Unable to cast value to int (count)".into()),
    };
    if !(1..=200).contains(&n) {
        return Err(format!(
            "Code: InvalidRequest, Error: {method} count must be between 1 and 200."
        ));
    }
    Ok(n as usize)
}

/// Checks a key the way the service does; returns it as text.
pub(crate) fn check_key(key: Value) -> Result<String, String> {
    let key = match key {
        Value::Nil => return Err("Argument 1 missing or nil".into()),
        Value::String(s) => s.to_string_lossy(),
        Value::Integer(i) => i.to_string(),
        Value::Number(n) => n.to_string(),
        other => return Err(format!("Unable to cast {} to string", other.type_name())),
    };
    if key.is_empty() {
        return Err("Code: InvalidRequest, Error: The key name can't be empty.".into());
    }
    if key.chars().count() > MAX_KEY_CHARS {
        return Err(
            "Code: InvalidRequest, Error: The key name exceeds the 128 character limit.".into(),
        );
    }
    Ok(key)
}

impl MemOp {
    /// Checks the arguments of `method` (in `opts`); the error is what Roblox raises at once.
    pub(crate) fn parse(method: &str, kind: MapKind, opts: &Table) -> Result<MemOp, String> {
        let get = |f: &str| opts.get::<Value>(f).unwrap_or(Value::Nil);
        let sort = |f: &str| match kind {
            MapKind::Sorted => sort_key(get(f)),
            MapKind::Hash => Ok(None),
        };
        Ok(match method {
            "GetAsync" => MemOp::Get,
            "RemoveAsync" => MemOp::Remove,
            "SetAsync" => MemOp::Set {
                value: stored(get("value"), "Argument 2")?,
                expiration: expiration(get("expiration"))?,
                sort_key: sort("sortKey")?,
            },
            "UpdateAsync" => {
                expiration(get("expiration"))?;
                MemOp::UpdateRead
            }
            "UpdateAsync:cancel" => MemOp::UpdateCancel,
            "UpdateAsync:commit" => MemOp::UpdateCommit {
                seq: match get("seq") {
                    Value::Integer(i) => i.max(0) as u64,
                    Value::Number(n) => n.max(0.0) as u64,
                    _ => 0,
                },
                value: stored(get("value"), "The transform's value")?,
                expiration: expiration(get("expiration"))?,
                sort_key: sort("sortKey")?,
            },
            "GetRangeAsync" if kind == MapKind::Sorted => MemOp::GetRange {
                ascending: !matches!(get("ascending"), Value::Boolean(false)),
                count: count(get("count"), "GetRangeAsync")?,
                lower: bound(get("lower"))?,
                upper: bound(get("upper"))?,
            },
            "ListItemsAsync" if kind == MapKind::Hash => MemOp::ListItems {
                count: count(get("count"), "ListItemsAsync")?,
                after: match get("after") {
                    Value::String(s) => Some(s.to_string_lossy()),
                    _ => None,
                },
            },
            other => {
                return Err(format!(
                    "{other} is not a valid member of the {}",
                    kind.label()
                ));
            }
        })
    }

    fn phase(&self) -> FaultPhase {
        match self {
            MemOp::UpdateRead => FaultPhase::UpdateRead,
            MemOp::UpdateCommit { .. } => FaultPhase::UpdateCommit,
            _ => FaultPhase::Whole,
        }
    }
}

struct MemoryState {
    maps: BTreeMap<(MapKind, String), BTreeMap<String, MemoryItem>>,
    config: MemoryConfig,
    rng: ChaCha8Rng,
    log: Vec<MemoryLogEntry>,
    /// (time, units) of the last minute's requests, for the request-unit limit.
    window: VecDeque<(f64, u32)>,
    /// (time, limit) at each request, for [`MemoryStore::per_minute`].
    limits: Vec<(f64, f64)>,
    most_users: usize,
    seq: u64,
    clock: Rc<Cell<f64>>,
    census: Census,
}

/// Handle to the shared memory store; cloning shares it.
#[derive(Clone)]
pub struct MemoryStore(Rc<RefCell<MemoryState>>);

impl MemoryStore {
    pub(crate) fn new(config: MemoryConfig, clock: Rc<Cell<f64>>, census: Census) -> MemoryStore {
        MemoryStore(Rc::new(RefCell::new(MemoryState {
            maps: BTreeMap::new(),
            rng: ChaCha8Rng::seed_from_u64(config.seed),
            config,
            log: Vec::new(),
            window: VecDeque::new(),
            limits: Vec::new(),
            most_users: 0,
            seq: 0,
            clock,
            census,
        })))
    }

    pub fn config(&self) -> MemoryConfig {
        self.0.borrow().config.clone()
    }

    /// Replaces the settings and reseeds the RNG.
    pub fn set_config(&self, config: MemoryConfig) {
        let mut st = self.0.borrow_mut();
        st.rng = ChaCha8Rng::seed_from_u64(config.seed);
        st.config = config;
    }

    /// A share of every server's requests fail.
    pub fn set_failure_rate(&self, rate: f64) {
        self.0.borrow_mut().config.faults.failure_rate = rate;
    }

    /// Every request of every server fails in `[start, end)`.
    pub fn add_outage(&self, start: f64, end: f64) {
        self.0.borrow_mut().config.faults.outages.push((start, end));
    }

    /// Replaces the faults of one server's path only.
    pub fn set_server_faults(&self, server: ServerId, faults: PathFaults) {
        self.0.borrow_mut().config.per_server.insert(server, faults);
    }

    /// Every request of one server fails in `[start, end)`; the others work.
    pub fn add_server_outage(&self, server: ServerId, start: f64, end: f64) {
        self.0
            .borrow_mut()
            .config
            .per_server
            .entry(server)
            .or_default()
            .outages
            .push((start, end));
    }

    /// A share of one server's requests fail; the others work.
    pub fn set_server_failure_rate(&self, server: ServerId, rate: f64) {
        self.0
            .borrow_mut()
            .config
            .per_server
            .entry(server)
            .or_default()
            .failure_rate = rate;
    }

    pub fn set_latency(&self, latency: f64, jitter: f64) {
        let mut st = self.0.borrow_mut();
        st.config.latency = latency;
        st.config.latency_jitter = jitter;
    }

    /// The live (not expired) items of a hash map: key -> value.
    pub fn hash_map(&self, name: &str) -> BTreeMap<String, Json> {
        self.items(MapKind::Hash, name)
            .into_iter()
            .map(|(k, i)| (k, i.value))
            .collect()
    }

    /// The live items of a sorted map, in its order: (key, value, sort key).
    pub fn sorted_map(&self, name: &str) -> Vec<(String, Json, Option<SortKey>)> {
        let mut items = self.items(MapKind::Sorted, name);
        items.sort_by(|a, b| {
            position_cmp((a.1.sort_key.as_ref(), &a.0), (b.1.sort_key.as_ref(), &b.0))
        });
        items
            .into_iter()
            .map(|(k, i)| (k, i.value, i.sort_key))
            .collect()
    }

    /// One live item, with its expiry.
    pub fn item(&self, kind: MapKind, map: &str, key: &str) -> Option<MemoryItem> {
        let st = self.0.borrow();
        let now = st.clock.get();
        st.maps
            .get(&(kind, map.to_string()))?
            .get(key)
            .filter(|i| i.expires > now)
            .cloned()
    }

    fn items(&self, kind: MapKind, map: &str) -> Vec<(String, MemoryItem)> {
        let st = self.0.borrow();
        let now = st.clock.get();
        st.maps
            .get(&(kind, map.to_string()))
            .map(|m| {
                m.iter()
                    .filter(|(_, i)| i.expires > now)
                    .map(|(k, i)| (k.clone(), i.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every live item of every map: (kind, map, key, value).
    pub(crate) fn all_items(&self) -> Vec<(MapKind, String, String, Json)> {
        let st = self.0.borrow();
        let now = st.clock.get();
        st.maps
            .iter()
            .flat_map(|((kind, map), items)| {
                items
                    .iter()
                    .filter(move |(_, i)| i.expires > now)
                    .map(move |(k, i)| (*kind, map.clone(), k.clone(), i.value.clone()))
            })
            .collect()
    }

    /// Writes an item directly (test setup): not logged, no faults or limits.
    pub fn put(&self, kind: MapKind, map: &str, key: &str, value: Json, expiration: f64) {
        let mut st = self.0.borrow_mut();
        let now = st.clock.get();
        st.seq += 1;
        let seq = st.seq;
        st.maps.entry((kind, map.to_string())).or_default().insert(
            key.to_string(),
            MemoryItem {
                value,
                sort_key: None,
                expires: now + expiration,
                seq,
            },
        );
    }

    /// Bytes held by live items (keys, values and sort keys).
    pub fn memory_used(&self) -> usize {
        let st = self.0.borrow();
        st.used(st.clock.get())
    }

    /// Every request so far.
    pub fn log(&self) -> Vec<MemoryLogEntry> {
        self.0.borrow().log.clone()
    }

    pub fn clear_log(&self) {
        self.0.borrow_mut().log.clear();
    }

    /// Requests and request units per minute, with the game's limit.
    pub fn per_minute(&self) -> Vec<MemoryMinute> {
        let st = self.0.borrow();
        let minute = |t: f64| (t.max(0.0) / 60.0).floor() as u32;
        let mut out: BTreeMap<u32, MemoryMinute> = BTreeMap::new();
        let entry = |out: &mut BTreeMap<u32, MemoryMinute>, m: u32| {
            out.entry(m)
                .or_insert_with(|| MemoryMinute {
                    minute: m,
                    requests: 0,
                    units: 0,
                    failed: 0,
                    throttled: 0,
                    limit: 0.0,
                })
                .minute
        };
        for e in &st.log {
            let m = minute(e.time);
            entry(&mut out, m);
            let slot = out.get_mut(&m).expect("just added");
            slot.units += e.units;
            let part = e.op.starts_with("UpdateAsync:");
            if !part {
                slot.requests += 1;
            }
            match &e.outcome {
                MemoryOutcome::Failed(_) => slot.failed += 1,
                MemoryOutcome::Throttled(_) => slot.throttled += 1,
                _ => {}
            }
        }
        for &(t, limit) in &st.limits {
            let m = minute(t);
            entry(&mut out, m);
            let slot = out.get_mut(&m).expect("just added");
            slot.limit = slot.limit.max(limit);
        }
        out.into_values().collect()
    }

    /// Requests and request units per server and minute.
    pub fn per_server_minute(&self) -> Vec<MemoryServerMinute> {
        let st = self.0.borrow();
        let mut out: BTreeMap<(ServerId, u32), MemoryServerMinute> = BTreeMap::new();
        for e in &st.log {
            let minute = (e.time.max(0.0) / 60.0).floor() as u32;
            let slot = out
                .entry((e.server, minute))
                .or_insert_with(|| MemoryServerMinute {
                    server: e.server,
                    minute,
                    requests: 0,
                    units: 0,
                });
            slot.units += e.units;
            if !e.op.starts_with("UpdateAsync:") {
                slot.requests += 1;
            }
        }
        out.into_values().collect()
    }

    pub(crate) fn next_latency(&self) -> f64 {
        let mut st = self.0.borrow_mut();
        let (base, jitter) = (st.config.latency, st.config.latency_jitter);
        if jitter > 0.0 {
            base + st.rng.random::<f64>() * jitter
        } else {
            base
        }
    }

    /// Executes a request whose latency has passed: faults, limits, then the
    /// operation. Returns the values to resume the caller with, or the error.
    pub(crate) fn execute(&self, req: &MemRequest) -> Result<Vec<Json>, String> {
        let mut guard = self.0.borrow_mut();
        let st = &mut *guard;
        let now = st.clock.get();
        let users = st.census.players();
        st.most_users = st.most_users.max(users);
        let limit = request_units_per_minute(users);
        st.limits.push((now, limit));
        let log = |st: &mut MemoryState, units: u32, outcome: MemoryOutcome| {
            st.log.push(MemoryLogEntry {
                server: req.server,
                time: now,
                kind: req.kind,
                map: req.map.clone(),
                key: req.key.clone(),
                op: req.method.clone(),
                units,
                outcome,
            });
        };
        if matches!(req.op, MemOp::UpdateCancel) {
            log(st, 0, MemoryOutcome::Cancelled);
            return Ok(Vec::new());
        }
        if let Some(err) = st.roll_fault(now, req.server, req.op.phase()) {
            log(st, 0, MemoryOutcome::Failed(err.clone()));
            return Err(err);
        }
        while st.window.front().is_some_and(|(t, _)| *t <= now - 60.0) {
            st.window.pop_front();
        }
        let spent: u32 = st.window.iter().map(|w| w.1).sum();
        // What the request costs before it runs; ranges are charged for what they return below.
        let base_units = match (&req.op, req.kind) {
            (MemOp::UpdateCommit { .. }, MapKind::Sorted) => 0,
            _ => 1,
        };
        if f64::from(spent + base_units) > limit {
            log(st, 0, MemoryOutcome::Throttled(THROTTLED.into()));
            return Err(THROTTLED.into());
        }
        let map_id = (req.kind, req.map.clone());
        let key = req.key.clone().unwrap_or_default();
        let live = |st: &MemoryState| {
            st.maps
                .get(&map_id)
                .and_then(|m| m.get(&key))
                .filter(|i| i.expires > now)
                .cloned()
        };
        let mut outcome = MemoryOutcome::Ok;
        let mut units = base_units;
        let sort_json = |i: &MemoryItem| i.sort_key.as_ref().map_or(Json::Null, SortKey::to_json);
        let result: Result<Vec<Json>, String> = match &req.op {
            MemOp::Get => Ok(match live(st) {
                Some(i) => vec![i.value.clone(), sort_json(&i)],
                None => vec![Json::Null, Json::Null],
            }),
            MemOp::Set {
                value,
                expiration,
                sort_key,
            } => {
                let existed = live(st).is_some();
                st.write(now, &map_id, &key, value, *expiration, sort_key.clone())
                    .map(|()| vec![Json::Bool(existed)])
            }
            MemOp::Remove => {
                if let Some(m) = st.maps.get_mut(&map_id) {
                    m.remove(&key);
                }
                Ok(Vec::new())
            }
            MemOp::UpdateRead => Ok(match live(st) {
                Some(i) => vec![i.value.clone(), sort_json(&i), json!(i.seq)],
                None => vec![Json::Null, Json::Null, json!(0)],
            }),
            MemOp::UpdateCommit {
                seq,
                value,
                expiration,
                sort_key,
            } => {
                let current = live(st);
                let current_seq = current.as_ref().map_or(0, |i| i.seq);
                if current_seq != *seq {
                    outcome = MemoryOutcome::Conflict;
                    Ok(match current {
                        Some(i) => {
                            vec![json!("retry"), i.value.clone(), sort_json(&i), json!(i.seq)]
                        }
                        None => vec![json!("retry"), Json::Null, Json::Null, json!(0)],
                    })
                } else {
                    st.write(now, &map_id, &key, value, *expiration, sort_key.clone())
                        .map(|()| vec![json!("ok")])
                }
            }
            MemOp::UpdateCancel => Ok(Vec::new()),
            MemOp::GetRange {
                ascending,
                count,
                lower,
                upper,
            } => {
                let mut items: Vec<(String, MemoryItem)> = st
                    .maps
                    .get(&map_id)
                    .map(|m| {
                        m.iter()
                            .filter(|(_, i)| i.expires > now)
                            .map(|(k, i)| (k.clone(), i.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                let inside = |k: &str, i: &MemoryItem| {
                    let pos = (i.sort_key.as_ref(), k);
                    lower
                        .as_ref()
                        .is_none_or(|b| beyond(pos, b, Ordering::Greater))
                        && upper
                            .as_ref()
                            .is_none_or(|b| beyond(pos, b, Ordering::Less))
                };
                items.retain(|(k, i)| inside(k, i));
                items.sort_by(|a, b| {
                    position_cmp((a.1.sort_key.as_ref(), &a.0), (b.1.sort_key.as_ref(), &b.0))
                });
                if !ascending {
                    items.reverse();
                }
                items.truncate(*count);
                units = units.max(items.len() as u32);
                Ok(vec![Json::Array(
                    items
                        .iter()
                        .map(|(k, i)| json!({"key": k, "value": i.value, "sortKey": sort_json(i)}))
                        .collect(),
                )])
            }
            MemOp::ListItems { count, after } => {
                let items: Vec<Json> = st
                    .maps
                    .get(&map_id)
                    .map(|m| {
                        m.iter()
                            .filter(|(k, i)| {
                                i.expires > now && after.as_ref().is_none_or(|a| *k > a)
                            })
                            .take(*count + 1)
                            .map(|(k, i)| json!({"key": k, "value": i.value}))
                            .collect()
                    })
                    .unwrap_or_default();
                let finished = items.len() <= *count;
                let page: Vec<Json> = items.into_iter().take(*count).collect();
                units = 1 + page.len() as u32;
                Ok(vec![Json::Array(page), Json::Bool(finished)])
            }
        };
        if units > base_units && f64::from(spent + units) > limit {
            log(st, 0, MemoryOutcome::Throttled(THROTTLED.into()));
            return Err(THROTTLED.into());
        }
        let outcome = match &result {
            Err(e) if e == MEMORY_FULL => MemoryOutcome::Throttled(e.clone()),
            Err(e) => MemoryOutcome::Failed(e.clone()),
            Ok(_) => outcome,
        };
        if !matches!(outcome, MemoryOutcome::Throttled(_)) {
            st.window.push_back((now, units));
        } else {
            units = 0;
        }
        log(st, units, outcome);
        result
    }
}

impl MemoryState {
    fn roll_fault(&mut self, now: f64, server: ServerId, phase: FaultPhase) -> Option<String> {
        let own = self.config.per_server.get(&server).cloned();
        if self.config.faults.down_at(now) || own.as_ref().is_some_and(|f| f.down_at(now)) {
            return Some(INTERNAL.into());
        }
        let rate = phase_rate(self.config.faults.failure_rate, phase);
        if rate > 0.0 && self.rng.random::<f64>() < rate {
            return Some(INTERNAL.into());
        }
        let rate = own.map_or(0.0, |f| phase_rate(f.failure_rate, phase));
        if rate > 0.0 && self.rng.random::<f64>() < rate {
            return Some(INTERNAL.into());
        }
        None
    }

    /// Bytes of live items.
    fn used(&self, now: f64) -> usize {
        self.maps
            .values()
            .flat_map(|m| m.iter())
            .filter(|(_, i)| i.expires > now)
            .map(|(k, i)| i.bytes(k))
            .sum()
    }

    fn write(
        &mut self,
        now: f64,
        map: &(MapKind, String),
        key: &str,
        value: &Json,
        expiration: i64,
        sort_key: Option<SortKey>,
    ) -> Result<(), String> {
        for m in self.maps.values_mut() {
            m.retain(|_, i| i.expires > now);
        }
        self.seq += 1;
        let item = MemoryItem {
            value: value.clone(),
            sort_key,
            expires: now + expiration as f64,
            seq: self.seq,
        };
        let old = self
            .maps
            .get(map)
            .and_then(|m| m.get(key))
            .map_or(0, |i| i.bytes(key));
        let new = item.bytes(key);
        let after = self.used(now) - old + new;
        if new > old && after as f64 > memory_quota_bytes(self.most_users) {
            return Err(MEMORY_FULL.into());
        }
        self.maps
            .entry(map.clone())
            .or_default()
            .insert(key.to_string(), item);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_order_numbers_then_text_then_none_then_keys() {
        let n = SortKey::Number(2.0);
        let t = SortKey::Text("a".into());
        assert_eq!(
            position_cmp((Some(&n), "z"), (Some(&t), "a")),
            Ordering::Less
        );
        assert_eq!(position_cmp((Some(&t), "z"), (None, "a")), Ordering::Less);
        assert_eq!(position_cmp((None, "a"), (None, "b")), Ordering::Less);
    }

    #[test]
    fn limits_follow_the_documented_formulas() {
        assert_eq!(request_units_per_minute(0), 1000.0);
        assert_eq!(request_units_per_minute(10), 2200.0);
        assert_eq!(memory_quota_bytes(0), 65_536.0);
        assert_eq!(memory_quota_bytes(10), 65_536.0 + 12_288.0);
    }
}
