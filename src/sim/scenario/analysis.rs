//! Reads the verdict from the emulator's request log and DataStore history
//! (not from what the data layer says about itself).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value as Json;

use super::driver::{Driver, End};
use super::{BudgetPeak, EventKind, KickGroup, MessagingCounts, Report, RequestMinute, Verdict};
use crate::project::budget::RequestType;
use crate::sim::{DropReason, Outcome, World, WorldConfig};

pub(super) fn report(mut d: Driver<'_>) -> (Report, World) {
    let (requests_per_minute, peaks, counts) = requests(&d);
    d.verdict.peak_budget = peaks;
    d.verdict.requests = counts.sent;
    d.verdict.failed_requests = counts.failed;
    d.verdict.throttled_requests = counts.throttled;
    lower_loads(&mut d);
    stored_data(&mut d);
    if d.scenario == super::Scenario::Purchases {
        super::commerce::judge(&mut d);
    }
    d.verdict.players_read_only = d.read_only_players.len();
    d.verdict.messaging = messaging(&d.world);
    let minutes = d.world.memory().per_minute();
    d.verdict.memory_store_requests = minutes.iter().map(|m| m.requests).sum();
    d.verdict.memory_store_busiest_minute = minutes.into_iter().max_by(|a, b| {
        (f64::from(a.units) / a.limit.max(1.0)).total_cmp(&(f64::from(b.units) / b.limit.max(1.0)))
    });
    let mut events = std::mem::take(&mut d.events);
    events.sort_by(|a, b| a.time.total_cmp(&b.time));
    d.save_latency.sort_by(|a, b| a.time.total_cmp(&b.time));
    d.load_waits.sort_by(|a, b| a.time.total_cmp(&b.time));
    let report = Report {
        project: d.project.name.clone(),
        scenario: d.scenario,
        settings: d.settings.clone(),
        verdict: d.verdict,
        requests_per_minute,
        save_latency: d.save_latency,
        load_waits: d.load_waits,
        events,
        notes: d.notes,
        virtual_seconds: d.world.now(),
    };
    (report, d.world)
}

impl Verdict {
    pub(super) fn add_kick(&mut self, message: &str) {
        match self.kicks.iter_mut().find(|k| k.message == message) {
            Some(k) => k.players += 1,
            None => self.kicks.push(KickGroup {
                message: message.to_string(),
                players: 1,
            }),
        }
    }

    pub fn players_kicked(&self) -> usize {
        self.kicks.iter().map(|k| k.players).sum()
    }
}

#[derive(Default)]
struct Counts {
    sent: usize,
    failed: usize,
    throttled: usize,
}

/// Requests per minute (all servers), the busiest minute of any one server
/// against its budget, and the totals.
fn requests(d: &Driver<'_>) -> (Vec<RequestMinute>, Vec<BudgetPeak>, Counts) {
    let log = d.world.backend().log();
    let minute = |t: f64| (t.max(0.0) / 60.0).floor() as u32;
    let mut sent: BTreeMap<(u32, RequestType), usize> = BTreeMap::new();
    let mut per_server: BTreeMap<(usize, u32, RequestType), usize> = BTreeMap::new();
    let mut v = Counts::default();
    for e in &log {
        match &e.outcome {
            Outcome::Cached => continue,
            Outcome::Queued => {
                v.throttled += 1;
                continue;
            }
            Outcome::Failed(message) => {
                v.failed += 1;
                if message.contains("throttled") {
                    v.throttled += 1;
                    continue;
                }
            }
            _ => {}
        }
        // The commit of an UpdateAsync is part of the same request (charged when it started).
        if e.request_types.is_empty() {
            continue;
        }
        v.sent += 1;
        for t in &e.request_types {
            *sent.entry((minute(e.time), *t)).or_default() += 1;
            *per_server
                .entry((e.server, minute(e.time), *t))
                .or_default() += 1;
        }
    }
    // Budgets earn at the rate of the players in the server: the mean over each minute.
    let mut players: BTreeMap<(usize, u32), (f64, usize)> = BTreeMap::new();
    for &(time, server, n) in &d.occupancy {
        let slot = players.entry((server, minute(time - 1e-9))).or_default();
        slot.0 += n as f64;
        slot.1 += 1;
    }
    let budget_of = |server: usize, m: u32, t: RequestType| -> f64 {
        let (sum, count) = players.get(&(server, m)).copied().unwrap_or((0.0, 0));
        let mean = if count == 0 { 0.0 } else { sum / count as f64 };
        t.per_minute(0) + (t.per_minute(1) - t.per_minute(0)) * mean
    };
    let last_minute = minute(d.world.now());
    let servers: BTreeSet<usize> = d.occupancy.iter().map(|o| o.1).collect();
    let used: BTreeSet<RequestType> = sent.keys().map(|k| k.1).collect();
    let mut minutes = Vec::new();
    for m in 0..=last_minute {
        let live: Vec<usize> = servers
            .iter()
            .copied()
            .filter(|s| players.contains_key(&(*s, m)))
            .collect();
        minutes.push(RequestMinute {
            minute: m,
            sent: used
                .iter()
                .filter_map(|t| sent.get(&(m, *t)).map(|n| (*t, *n)))
                .collect(),
            budget: used
                .iter()
                .map(|t| (*t, live.iter().map(|s| budget_of(*s, m, *t)).sum()))
                .collect(),
        });
    }
    let mut peaks: Vec<BudgetPeak> = Vec::new();
    for (&(server, m, t), &n) in &per_server {
        let budget = budget_of(server, m, t);
        let fraction = if budget > 0.0 { n as f64 / budget } else { 0.0 };
        match peaks.iter_mut().find(|p| p.request_type == t) {
            Some(p) if p.fraction >= fraction => {}
            Some(p) => {
                *p = BudgetPeak {
                    request_type: t,
                    requests: n,
                    budget,
                    fraction,
                }
            }
            None => peaks.push(BudgetPeak {
                request_type: t,
                requests: n,
                budget,
                fraction,
            }),
        }
    }
    peaks.sort_by_key(|p| p.request_type);
    (minutes, peaks, v)
}

fn messaging(world: &World) -> MessagingCounts {
    let bus = world.bus();
    let deliveries = bus.deliveries();
    let dropped = |why: &[DropReason]| {
        deliveries
            .iter()
            .filter(|d| d.dropped.is_some_and(|r| why.contains(&r)))
            .count()
    };
    MessagingCounts {
        published: bus.messages().len(),
        delivered: deliveries.iter().filter(|d| d.dropped.is_none()).count(),
        lost: dropped(&[DropReason::Lost]),
        over_limits: dropped(&[DropReason::TopicLimit, DropReason::GameLimit]),
        failed_publishes: bus.publish_failures().len(),
        failed_subscriptions: bus.subscribe_failures().len(),
    }
}

/// Whether a server lost or took `user`'s data in a take-over at or after `since`.
fn taken_over(d: &Driver<'_>, user: i64, since: f64) -> bool {
    d.takeovers
        .get(&user)
        .is_some_and(|times| times.iter().any(|t| *t + 1e-9 >= since))
}

/// Each load that came back with less progress than the player had on a
/// server that kept running: progress lost to a take-over when a server took
/// the data over (or lost it) during that session, else a lost save.
fn lower_loads(d: &mut Driver<'_>) {
    let counter = d.tracked.counter.clone().unwrap_or_default();
    for l in std::mem::take(&mut d.lower_loads) {
        let (user, server, old) = (l.user, l.server, l.old_server);
        let (had, got) = (l.had, l.got);
        let problem = if taken_over(d, user, l.since) {
            d.verdict.progress_lost_to_takeovers += (had - got).round() as usize;
            d.verdict.sessions_taken_over += 1;
            format!(
                "Player {user} had {counter} at {had} on server {old}, which was still running, but another server took their data over before it was saved: they loaded {got} on server {server}. {} change(s) lost to a take-over.",
                had - got
            )
        } else {
            d.verdict.saves_lost += 1;
            format!(
                "Player {user} left server {old} with {counter} at {had} but loaded {got} on server {server}: a save was lost."
            )
        };
        d.verdict.problems.push(problem.clone());
        d.events.push(super::Event {
            time: l.time,
            kind: EventKind::Failure,
            server: Some(server),
            player: Some(user),
            text: problem,
        });
    }
}

/// What is in the DataStore at the end, and every version before it.
fn stored_data(d: &mut Driver<'_>) {
    let start = WorldConfig::default().start_unix;
    let backend = d.world.backend().clone();
    let mut item_owner: BTreeMap<String, i64> = BTreeMap::new();
    let mut worst: f64 = 0.0;
    for p in 0..d.players.len() {
        let user = d.players[p].id;
        let key = d.key(user);
        let entry = backend.entry(&d.store, &d.scope, &key);
        // (virtual time, progress counter) of every stored version.
        let versions: Vec<(f64, Option<f64>)> = entry
            .iter()
            .flat_map(|e| e.versions.iter())
            .filter(|v| !v.deleted)
            .map(|v| {
                let counter = d
                    .tracked
                    .counter
                    .as_ref()
                    .and_then(|c| v.value["data"][c.as_str()].as_f64());
                (v.created_time as f64 / 1000.0 - start, counter)
            })
            .collect();
        let sessions = d.players[p].sessions.clone();
        let mut flagged = d.lost_saves_of.contains(&user);
        // The last progress the game knew of, against what is stored now.
        let last = sessions.iter().rev().find_map(|s| s.known_progress());
        let stored = versions.last().and_then(|v| v.1);
        if let (Some((had, end, server)), Some(counter)) = (last, &d.tracked.counter) {
            let now = stored.unwrap_or(f64::NEG_INFINITY);
            if now + 1e-9 < had {
                let since = sessions
                    .iter()
                    .rev()
                    .find(|s| s.known_progress().is_some())
                    .map_or(0.0, |s| s.joined);
                if end == Some(End::Crashed) || d.crashed.contains_key(&server) {
                    d.verdict.changes_lost_in_crashes += (had - now.max(0.0)).round() as usize;
                } else if !flagged && taken_over(d, user, since) {
                    d.verdict.progress_lost_to_takeovers += (had - now.max(0.0)).round() as usize;
                    d.verdict.sessions_taken_over += 1;
                    flagged = true;
                    d.verdict.problems.push(format!(
                        "Player {user} ended with {counter} at {had} on server {server}, which was still running, but another server took their data over before it was saved: the DataStore holds {}.",
                        stored.map_or("nothing".to_string(), |s| s.to_string())
                    ));
                } else if !flagged {
                    d.verdict.saves_lost += 1;
                    flagged = true;
                    d.verdict.problems.push(format!(
                        "Player {user} ended with {counter} at {had} on server {server}, but the DataStore holds {}: their last changes were never saved.",
                        stored.map_or("nothing".to_string(), |s| s.to_string())
                    ));
                }
            }
        }
        // A stored version older than the one before it: someone wrote stale data.
        let mut best: Option<f64> = None;
        for (time, counter) in &versions {
            let Some(c) = counter else { continue };
            if let Some(b) = best
                && *c + 1e-9 < b
                && !flagged
                && *time >= 0.0
            {
                d.verdict.saves_lost += 1;
                flagged = true;
                d.verdict.problems.push(format!(
                    "Player {user}'s stored data went back from {b} to {c} at {}: an older copy was saved over a newer one.",
                    super::text::clock(*time)
                ));
            }
            best = Some(best.map_or(*c, |b: f64| b.max(*c)));
        }
        // How long each change waited to be stored.
        for (i, s) in sessions.iter().enumerate() {
            let cutoff = sessions
                .get(i + 1)
                .and_then(|n| n.loaded)
                .unwrap_or(f64::INFINITY);
            for &(c, t) in &s.changes {
                let saved = versions.iter().find(|(vt, vc)| {
                    *vt + 1e-6 >= t && *vt <= cutoff && vc.is_some_and(|x| x + 1e-9 >= c)
                });
                let waited = match (saved, s.end) {
                    (Some((vt, _)), _) => vt - t,
                    (None, Some((at, _))) => at - t,
                    (None, None) => d.world.now() - t,
                };
                worst = worst.max(waited);
            }
        }
        // Items: each id once, in one player's list only.
        if let Some(items) = &d.tracked.items
            && let Some(list) = entry
                .as_ref()
                .and_then(|e| e.value())
                .and_then(|v| v["data"][items.as_str()].as_array())
        {
            let mut mine = BTreeSet::new();
            for item in list.iter().filter(|i| d.tracked.is_test_item(i)) {
                let id = match item {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                };
                if !mine.insert(id.clone()) {
                    d.verdict.items_duplicated += 1;
                    d.verdict.problems.push(format!(
                        "Item {id} is stored twice in player {user}'s {items}."
                    ));
                } else if let Some(other) = item_owner.insert(id.clone(), user) {
                    d.verdict.items_duplicated += 1;
                    d.verdict.problems.push(format!(
                        "Item {id} is stored for both player {other} and player {user}."
                    ));
                }
            }
        }
    }
    d.verdict.worst_unsaved_seconds = worst;
    d.verdict.sessions = d.players.iter().map(|p| p.sessions.len()).sum();
}
