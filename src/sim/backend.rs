//! The DataStore backend shared by every server of a [`World`](super::World):
//! stores, versions, ordered stores, the request log and fault injection.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value as Json;

pub use crate::project::budget::RequestType;

/// How a logged request ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Reached the backend and succeeded.
    Ok,
    /// Answered from the server's GetAsync cache; no request was sent.
    Cached,
    /// An UpdateAsync commit found the key changed by someone else: the transform runs again.
    Conflict,
    /// An UpdateAsync whose transform returned nil: nothing written.
    Cancelled,
    /// Throttled: waited in the request queue (logged when queued).
    Queued,
    /// Failed with a Roblox-like error message (e.g. "301: ..." or "502: ...").
    Failed(String),
}

/// One line of the backend's request log.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestLogEntry {
    pub server: usize,
    /// Virtual time in seconds since the world started.
    pub time: f64,
    /// The Luau method, e.g. "UpdateAsync" or "GetSortedAsync".
    pub method: String,
    /// Budget categories the request is charged to.
    pub request_types: Vec<RequestType>,
    pub store: String,
    pub scope: String,
    pub ordered: bool,
    pub key: Option<String>,
    pub outcome: Outcome,
}

/// One stored version of a key in a standard DataStore.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub version: String,
    /// Unix milliseconds.
    pub created_time: i64,
    pub deleted: bool,
    pub value: Json,
    pub user_ids: Vec<i64>,
    pub metadata: serde_json::Map<String, Json>,
}

/// A key of a standard DataStore: its current value and its versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Unix milliseconds of the first write.
    pub created_time: i64,
    /// Unix milliseconds of the latest write.
    pub updated_time: i64,
    /// Every write, oldest first; the last one is the current value.
    pub versions: Vec<Version>,
    /// Monotonic write counter of the key, used for UpdateAsync's compare-and-swap.
    pub(crate) write_seq: u64,
}

impl Entry {
    /// The live version, or `None` when the key was removed.
    pub fn current(&self) -> Option<&Version> {
        self.versions.last().filter(|v| !v.deleted)
    }

    /// The current value (None when absent or removed).
    pub fn value(&self) -> Option<&Json> {
        self.current().map(|v| &v.value)
    }

    /// The versions Roblox keeps: the first write of each UTC hour, plus the latest.
    pub fn retained_versions(&self) -> Vec<&Version> {
        let mut out: Vec<&Version> = Vec::new();
        let mut last_hour = None;
        for (i, v) in self.versions.iter().enumerate() {
            let hour = v.created_time.div_euclid(3_600_000);
            if last_hour != Some(hour) || i + 1 == self.versions.len() {
                out.push(v);
            }
            last_hour = Some(hour);
        }
        out
    }
}

/// Identifies a store: name, scope and whether it is ordered.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StoreId {
    pub name: String,
    pub scope: String,
    pub ordered: bool,
}

/// Which part of a request a fault is rolled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FaultPhase {
    /// A request that completes in one go.
    Whole,
    /// The read of an UpdateAsync (before its transform runs).
    UpdateRead,
    /// The write of an UpdateAsync (after its transform ran).
    UpdateCommit,
}

/// Failures of one path to a service: a random share of requests, and
/// windows of virtual time in which every request fails. Used game-wide and
/// for one server's path only (that server fails, the others work).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PathFaults {
    /// Probability (0..1) that a request fails.
    pub failure_rate: f64,
    /// Virtual-time windows `[start, end)` in which every request fails.
    pub outages: Vec<(f64, f64)>,
}

impl PathFaults {
    /// A path whose requests all fail in `[start, end)`.
    pub fn outage(start: f64, end: f64) -> PathFaults {
        PathFaults {
            failure_rate: 0.0,
            outages: vec![(start, end)],
        }
    }

    /// A path whose requests fail at random at `rate`.
    pub fn failing(rate: f64) -> PathFaults {
        PathFaults {
            failure_rate: rate,
            outages: Vec::new(),
        }
    }

    /// Whether `now` falls in an outage window.
    pub fn down_at(&self, now: f64) -> bool {
        self.outages.iter().any(|&(s, e)| now >= s && now < e)
    }
}

/// The share of a request's phase that fails so the request as a whole fails
/// at `rate` (an UpdateAsync is a read and a commit, each able to fail).
pub(crate) fn phase_rate(rate: f64, phase: FaultPhase) -> f64 {
    match phase {
        FaultPhase::Whole => rate,
        FaultPhase::UpdateRead => rate / 2.0,
        FaultPhase::UpdateCommit => (rate / 2.0) / (1.0 - rate / 2.0),
    }
}

/// A permanent DataStore error: retrying never helps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PermanentError {
    /// 105: the value is too large once serialized.
    ValueTooLarge,
    /// 103: the value holds a type a DataStore does not allow.
    ValueNotAllowed,
    /// 104: the value can't be serialized.
    CantStore,
}

impl PermanentError {
    /// The error as Roblox words it (the DataStore error code reference).
    pub fn message(&self) -> String {
        match self {
            PermanentError::ValueTooLarge => "105: Serialized value exceeds 4MB limit.".into(),
            PermanentError::ValueNotAllowed => "103: Can't allow userdata in DataStore.".into(),
            PermanentError::CantStore => "104: Cannot store userdata in data store.".into(),
        }
    }
}

/// Every write of `key` (SetAsync, IncrementAsync, the commit of an
/// UpdateAsync) fails with `error`, so a data layer's handling of errors that
/// retrying can't fix can be tested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermanentFault {
    /// The store's name; `None` for every store.
    pub store: Option<String>,
    pub key: String,
    pub error: PermanentError,
}

/// Fault injection settings. All randomness comes from one seeded RNG.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultConfig {
    /// Probability (0..1) that a request fails with a 5xx error (an UpdateAsync
    /// as a whole: its read or its write).
    pub failure_rate: f64,
    /// Virtual-time windows `[start, end)` in which every request fails.
    pub outages: Vec<(f64, f64)>,
    /// Faults of one server's path only, by server id: its requests fail
    /// (besides the game-wide faults above) while other servers' succeed.
    pub per_server: BTreeMap<usize, PathFaults>,
    /// Writes that always fail with a permanent error.
    pub permanent: Vec<PermanentFault>,
    /// Base latency of a request in virtual seconds.
    pub latency: f64,
    /// Extra random latency, uniform in `[0, latency_jitter)`.
    pub latency_jitter: f64,
    pub seed: u64,
}

impl Default for FaultConfig {
    fn default() -> Self {
        FaultConfig {
            failure_rate: 0.0,
            outages: Vec::new(),
            latency: 0.1,
            latency_jitter: 0.0,
            seed: 0,
            per_server: BTreeMap::new(),
            permanent: Vec::new(),
        }
    }
}

#[derive(Debug)]
pub(crate) struct BackendState {
    pub(crate) stores: BTreeMap<StoreId, BTreeMap<String, Entry>>,
    pub(crate) ordered: BTreeMap<StoreId, BTreeMap<String, i64>>,
    /// Write counters of ordered keys, for UpdateAsync's compare-and-swap.
    pub(crate) ordered_seq: BTreeMap<(StoreId, String), u64>,
    pub(crate) log: Vec<RequestLogEntry>,
    pub(crate) faults: FaultConfig,
    rng: ChaCha8Rng,
    version_counter: u64,
    pub(crate) write_counter: u64,
}

/// Handle to the shared backend. Cloning it shares the same state.
#[derive(Debug, Clone)]
pub struct Backend(pub(crate) Rc<RefCell<BackendState>>);

impl Default for Backend {
    fn default() -> Self {
        Backend::new(FaultConfig::default())
    }
}

/// A snapshot of every store, for tests.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contents {
    /// Standard stores: store -> key -> current value (removed keys are left out).
    pub stores: BTreeMap<StoreId, BTreeMap<String, Json>>,
    /// Ordered stores: store -> key -> value.
    pub ordered: BTreeMap<StoreId, BTreeMap<String, i64>>,
}

impl Contents {
    /// The current value of a key in a standard store (scope "global").
    pub fn get(&self, store: &str, key: &str) -> Option<&Json> {
        self.get_scoped(store, "global", key)
    }

    pub fn get_scoped(&self, store: &str, scope: &str, key: &str) -> Option<&Json> {
        let id = StoreId {
            name: store.into(),
            scope: scope.into(),
            ordered: false,
        };
        self.stores.get(&id)?.get(key)
    }

    /// The value of a key in an ordered store (scope "global").
    pub fn get_ordered(&self, store: &str, key: &str) -> Option<i64> {
        let id = StoreId {
            name: store.into(),
            scope: "global".into(),
            ordered: true,
        };
        self.ordered.get(&id)?.get(key).copied()
    }
}

impl Backend {
    pub fn new(faults: FaultConfig) -> Self {
        let rng = ChaCha8Rng::seed_from_u64(faults.seed);
        Backend(Rc::new(RefCell::new(BackendState {
            stores: BTreeMap::new(),
            ordered: BTreeMap::new(),
            ordered_seq: BTreeMap::new(),
            log: Vec::new(),
            faults,
            rng,
            version_counter: 0,
            write_counter: 0,
        })))
    }

    /// Replaces the fault settings and reseeds the RNG.
    pub fn set_faults(&self, faults: FaultConfig) {
        let mut st = self.0.borrow_mut();
        st.rng = ChaCha8Rng::seed_from_u64(faults.seed);
        st.faults = faults;
    }

    pub fn faults(&self) -> FaultConfig {
        self.0.borrow().faults.clone()
    }

    pub fn set_failure_rate(&self, rate: f64) {
        self.0.borrow_mut().faults.failure_rate = rate;
    }

    pub fn add_outage(&self, start: f64, end: f64) {
        self.0.borrow_mut().faults.outages.push((start, end));
    }

    /// Replaces the faults of one server's path (its requests only).
    pub fn set_server_faults(&self, server: usize, faults: PathFaults) {
        self.0.borrow_mut().faults.per_server.insert(server, faults);
    }

    /// Every request of one server fails in `[start, end)`; the others work.
    pub fn add_server_outage(&self, server: usize, start: f64, end: f64) {
        self.0
            .borrow_mut()
            .faults
            .per_server
            .entry(server)
            .or_default()
            .outages
            .push((start, end));
    }

    /// A share of one server's requests fail; the others work.
    pub fn set_server_failure_rate(&self, server: usize, rate: f64) {
        self.0
            .borrow_mut()
            .faults
            .per_server
            .entry(server)
            .or_default()
            .failure_rate = rate;
    }

    /// From now on every write of `key` (in `store`, or any store) fails with `error`.
    pub fn add_permanent_fault(&self, store: Option<&str>, key: &str, error: PermanentError) {
        self.0.borrow_mut().faults.permanent.push(PermanentFault {
            store: store.map(str::to_string),
            key: key.to_string(),
            error,
        });
    }

    pub fn clear_permanent_faults(&self) {
        self.0.borrow_mut().faults.permanent.clear();
    }

    pub fn set_latency(&self, latency: f64, jitter: f64) {
        let mut st = self.0.borrow_mut();
        st.faults.latency = latency;
        st.faults.latency_jitter = jitter;
    }

    /// Every request so far, in the order they were decided.
    pub fn log(&self) -> Vec<RequestLogEntry> {
        self.0.borrow().log.clone()
    }

    pub fn clear_log(&self) {
        self.0.borrow_mut().log.clear();
    }

    /// A snapshot of all current values.
    pub fn contents(&self) -> Contents {
        let st = self.0.borrow();
        let stores = st
            .stores
            .iter()
            .map(|(id, keys)| {
                let live = keys
                    .iter()
                    .filter_map(|(k, e)| e.value().map(|v| (k.clone(), v.clone())))
                    .collect();
                (id.clone(), live)
            })
            .collect();
        Contents {
            stores,
            ordered: st.ordered.clone(),
        }
    }

    /// The full entry (with versions) of a key in a standard store.
    pub fn entry(&self, store: &str, scope: &str, key: &str) -> Option<Entry> {
        let id = StoreId {
            name: store.into(),
            scope: scope.into(),
            ordered: false,
        };
        self.0.borrow().stores.get(&id)?.get(key).cloned()
    }

    /// Writes a value directly (test setup); not logged, no faults.
    pub fn put(&self, store: &str, scope: &str, key: &str, value: Json, unix_ms: i64) {
        let id = StoreId {
            name: store.into(),
            scope: scope.into(),
            ordered: false,
        };
        self.0
            .borrow_mut()
            .write(&id, key, value, Vec::new(), Default::default(), unix_ms);
    }

    /// Writes an ordered value directly (test setup).
    pub fn put_ordered(&self, store: &str, scope: &str, key: &str, value: i64) {
        let id = StoreId {
            name: store.into(),
            scope: scope.into(),
            ordered: true,
        };
        self.0
            .borrow_mut()
            .ordered
            .entry(id)
            .or_default()
            .insert(key.into(), value);
    }
}

impl BackendState {
    pub(crate) fn push_log(&mut self, entry: RequestLogEntry) {
        self.log.push(entry);
    }

    /// Latency of the next request (uses the RNG only when jitter is on).
    pub(crate) fn next_latency(&mut self) -> f64 {
        let f = &self.faults;
        let (base, jitter) = (f.latency, f.latency_jitter);
        if jitter > 0.0 {
            base + self.rng.random::<f64>() * jitter
        } else {
            base
        }
    }

    /// Decides whether (one phase of) a request of `server` completing at
    /// `now` fails; returns the error. An UpdateAsync is emulated as a read and
    /// a commit, each able to fail; each fails at half the rate (the commit's
    /// share scaled to what the read left), so the whole request still fails
    /// at `failure_rate`, not at nearly twice it. Game-wide faults are rolled
    /// first, then the server's own path (drawing from the RNG only for rates
    /// above 0, so adding a fault to one server leaves the others' pattern).
    pub(crate) fn roll_fault_in(
        &mut self,
        now: f64,
        server: usize,
        phase: FaultPhase,
    ) -> Option<String> {
        const UNAVAILABLE: &str =
            "502: API Services rejected request with error. HTTP 503 (Service Unavailable)";
        const INTERNAL: &str =
            "502: API Services rejected request with error. HTTP 500 (Internal Server Error)";
        let own = self.faults.per_server.get(&server).cloned();
        let game_down = self
            .faults
            .outages
            .iter()
            .any(|&(s, e)| now >= s && now < e);
        if game_down || own.as_ref().is_some_and(|f| f.down_at(now)) {
            return Some(UNAVAILABLE.into());
        }
        let rate = phase_rate(self.faults.failure_rate, phase);
        if rate > 0.0 && self.rng.random::<f64>() < rate {
            return Some(INTERNAL.into());
        }
        let rate = own.map_or(0.0, |f| phase_rate(f.failure_rate, phase));
        if rate > 0.0 && self.rng.random::<f64>() < rate {
            return Some(INTERNAL.into());
        }
        None
    }

    /// The permanent error a write of `key` in `store` fails with, if any.
    pub(crate) fn permanent_fault(&self, store: &str, key: &str) -> Option<String> {
        self.faults
            .permanent
            .iter()
            .find(|f| f.key == key && f.store.as_deref().is_none_or(|s| s == store))
            .map(|f| f.error.message())
    }

    fn next_version(&mut self, unix_ms: i64) -> String {
        self.version_counter += 1;
        format!("{:016X}.{:010}.01", unix_ms, self.version_counter)
    }

    pub(crate) fn entry(&self, id: &StoreId, key: &str) -> Option<&Entry> {
        self.stores.get(id)?.get(key)
    }

    /// Writes a new version of a key; returns the version string.
    pub(crate) fn write(
        &mut self,
        id: &StoreId,
        key: &str,
        value: Json,
        user_ids: Vec<i64>,
        metadata: serde_json::Map<String, Json>,
        unix_ms: i64,
    ) -> String {
        let version = self.next_version(unix_ms);
        self.write_counter += 1;
        let seq = self.write_counter;
        let entry = self
            .stores
            .entry(id.clone())
            .or_default()
            .entry(key.to_string())
            .or_insert_with(|| Entry {
                created_time: unix_ms,
                updated_time: unix_ms,
                versions: Vec::new(),
                write_seq: 0,
            });
        if entry.current().is_none() {
            entry.created_time = unix_ms;
        }
        entry.updated_time = unix_ms;
        entry.write_seq = seq;
        entry.versions.push(Version {
            version: version.clone(),
            created_time: unix_ms,
            deleted: false,
            value,
            user_ids,
            metadata,
        });
        version
    }

    /// Marks a key removed; returns the removed version, if there was one.
    pub(crate) fn remove(&mut self, id: &StoreId, key: &str, unix_ms: i64) -> Option<Version> {
        let version = self.next_version(unix_ms);
        self.write_counter += 1;
        let seq = self.write_counter;
        let entry = self.stores.get_mut(id)?.get_mut(key)?;
        let old = entry.current()?.clone();
        entry.updated_time = unix_ms;
        entry.write_seq = seq;
        entry.versions.push(Version {
            version,
            created_time: unix_ms,
            deleted: true,
            value: Json::Null,
            user_ids: Vec::new(),
            metadata: Default::default(),
        });
        Some(old)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_async_fails_at_the_failure_rate_as_a_whole() {
        let b = Backend::new(FaultConfig {
            failure_rate: 0.3,
            seed: 3,
            ..Default::default()
        });
        let mut st = b.0.borrow_mut();
        let n = 20_000;
        let failed = (0..n)
            .filter(|_| {
                st.roll_fault_in(1.0, 0, FaultPhase::UpdateRead).is_some()
                    || st.roll_fault_in(1.0, 0, FaultPhase::UpdateCommit).is_some()
            })
            .count();
        let share = failed as f64 / n as f64;
        assert!((share - 0.3).abs() < 0.015, "{share}");
    }

    #[test]
    fn faults_are_deterministic_for_a_seed() {
        let run = |seed| {
            let b = Backend::new(FaultConfig {
                failure_rate: 0.5,
                seed,
                ..Default::default()
            });
            let mut st = b.0.borrow_mut();
            (0..64)
                .map(|_| st.roll_fault_in(1.0, 0, FaultPhase::Whole).is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        assert!(run(7).iter().any(|f| *f) && run(7).iter().any(|f| !*f));
    }

    #[test]
    fn outage_windows_fail_everything() {
        let b = Backend::new(FaultConfig {
            outages: vec![(10.0, 20.0)],
            ..Default::default()
        });
        let mut st = b.0.borrow_mut();
        assert!(st.roll_fault_in(9.9, 0, FaultPhase::Whole).is_none());
        assert!(st.roll_fault_in(10.0, 0, FaultPhase::Whole).is_some());
        assert!(st.roll_fault_in(20.0, 0, FaultPhase::Whole).is_none());
    }

    #[test]
    fn versions_keep_first_write_of_each_hour() {
        let b = Backend::default();
        for (i, t) in [0, 1000, 3_600_000, 3_601_000, 3_602_000]
            .iter()
            .enumerate()
        {
            b.put("S", "global", "k", Json::from(i), *t);
        }
        let e = b.entry("S", "global", "k").unwrap();
        let kept: Vec<_> = e
            .retained_versions()
            .iter()
            .map(|v| v.value.clone())
            .collect();
        assert_eq!(kept, vec![Json::from(0), Json::from(2), Json::from(4)]);
        assert_eq!(b.contents().get("S", "k"), Some(&Json::from(4)));
    }
}
