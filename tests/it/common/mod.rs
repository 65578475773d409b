//! Shared setup for the scenario tests (and the data_layer bench): export an
//! example into a temporary Rojo project and run it in the emulated server farm.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use datastore_designer::export;
use datastore_designer::project::{Project, examples, file};
use datastore_designer::sim::{
    FaultConfig, Outcome, OutputKind, OutputLine, ServerConfig, ServerId, World, WorldConfig,
};
use serde_json::Value as Json;
use tempfile::TempDir;

pub fn example(name: &str) -> Project {
    file::parse_str(examples::text(name).unwrap(), name).unwrap()
}

/// Every example project, by name.
pub fn example_projects() -> Vec<(&'static str, Project)> {
    examples::names()
        .into_iter()
        .map(|name| (name, example(name)))
        .collect()
}

/// Writes the export of `project` into a temporary folder.
pub fn exported(project: &Project) -> TempDir {
    let (plan, _) = export::plan(project).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in &plan.files {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    dir
}

const PRELUDE: &str = "local DM = require(game:GetService(\"ServerScriptService\").DataManager)\n\
    local function P(id) return game:GetService(\"Players\"):GetPlayerByUserId(id) end\n";

pub struct Game {
    pub world: World,
    pub dir: TempDir,
}

impl Game {
    pub fn new(project: &Project) -> Game {
        Game::with_world(project, WorldConfig::default())
    }

    pub fn with_world(project: &Project, config: WorldConfig) -> Game {
        Game {
            world: World::new(config),
            dir: exported(project),
        }
    }

    pub fn server(&mut self) -> ServerId {
        self.server_with(ServerConfig::default())
    }

    pub fn server_with(&mut self, config: ServerConfig) -> ServerId {
        let s = self.world.add_server(config).unwrap();
        self.world
            .server(s)
            .load_rojo_project(self.dir.path())
            .unwrap();
        s
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs Luau in a server with `DM` (DataManager) and `P(userId)` in scope; must not yield.
    pub fn eval<R: mlua::FromLuaMulti>(&self, s: ServerId, code: &str) -> R {
        let full = format!("{PRELUDE}{code}");
        self.world
            .server(s)
            .eval(&full)
            .unwrap_or_else(|e| panic!("{e}\n{code}\n{:#?}", self.world.server(s).output()))
    }

    /// Runs Luau that may yield in a new Script (DM and P in scope).
    pub fn run(&self, s: ServerId, code: &str) {
        let full = format!("{PRELUDE}{code}");
        self.world.server(s).run_script("Test", &full).unwrap();
    }

    pub fn record(&self, store: &str, user: i64) -> Option<Json> {
        self.world
            .backend()
            .contents()
            .get(store, &format!("Player_{user}"))
            .cloned()
    }

    pub fn lines(&self, s: ServerId, kind: OutputKind) -> Vec<String> {
        self.world
            .server(s)
            .output()
            .into_iter()
            .filter(|l| l.kind == kind)
            .map(|l| l.text)
            .collect()
    }

    pub fn assert_no_errors(&self, s: ServerId) {
        let errors: Vec<OutputLine> = self.world.server(s).errors();
        assert!(errors.is_empty(), "errors: {errors:#?}");
    }

    pub fn loaded(&self, s: ServerId, user: i64) -> bool {
        self.eval(s, &format!("return DM:IsLoaded(P({user}))"))
    }

    pub fn coins(&self, s: ServerId, user: i64) -> Option<i64> {
        self.eval(
            s,
            &format!("local d = DM:GetData(P({user})) return d and d.Coins"),
        )
    }

    pub fn set_coins(&self, s: ServerId, user: i64, coins: i64) -> bool {
        self.eval(
            s,
            &format!("return DM:SetData(P({user}), \"Coins\", {coins})"),
        )
    }

    /// UpdateAsync requests on player records.
    pub fn record_updates(&self) -> usize {
        self.world
            .backend()
            .log()
            .iter()
            .filter(|e| {
                e.method == "UpdateAsync"
                    && e.key
                        .as_deref()
                        .is_some_and(|k| k.starts_with("Player_") && !k.contains('/'))
            })
            .filter(|e| e.outcome == Outcome::Ok || e.outcome == Outcome::Cancelled)
            .count()
    }

    /// Advances in steps of `step` until `done` or `limit` seconds passed; returns the seconds taken.
    pub fn wait_until(
        &mut self,
        step: f64,
        limit: f64,
        mut done: impl FnMut(&Game) -> bool,
    ) -> f64 {
        let start = self.world.now();
        while !done(self) && self.world.now() - start < limit {
            self.world.advance(step);
        }
        self.world.now() - start
    }

    /// Records every save the runtime reports as stored (RecordStore.save returning "ok": the saves of
    /// sessions, which fire DataManager.Saved, and the late writes of data whose final save failed), with
    /// the exact data written. Read them with [`Game::take_saves`].
    pub fn track_saves(&self, s: ServerId) {
        self.eval::<()>(
            s,
            r#"local RS = require(game:GetService("ServerScriptService").DataManager.RecordStore)
            local HttpService = game:GetService("HttpService")
            if RS.__testSaves == nil then
                RS.__testSaves = {}
                local save = RS.save
                RS.save = function(userId, data, options)
                    local json = HttpService:JSONEncode(data)
                    local status, message, found = save(userId, data, options)
                    if status == "ok" then
                        table.insert(RS.__testSaves, { userId, json, os.clock() })
                    end
                    return status, message, found
                end
            end"#,
        );
    }

    /// The saves recorded by [`Game::track_saves`] since the last call: (user id, data, time).
    pub fn take_saves(&self, s: ServerId) -> Vec<(i64, Json, f64)> {
        let raw: Vec<(i64, String, f64)> = self.eval::<Vec<mlua::Table>>(
            s,
            r#"local RS = require(game:GetService("ServerScriptService").DataManager.RecordStore)
            local out = RS.__testSaves or {}
            RS.__testSaves = {}
            return out"#,
        )
        .into_iter()
        .map(|t| (t.get(1).unwrap(), t.get(2).unwrap(), t.get(3).unwrap()))
        .collect();
        raw.into_iter()
            .map(|(u, j, t)| (u, serde_json::from_str(&j).unwrap(), t))
            .collect()
    }
}

/// What a server printed (its `print` lines), for tests of the emulator itself.
pub fn prints(w: &World, s: ServerId) -> Vec<String> {
    w.server(s)
        .output()
        .into_iter()
        .filter(|l| l.kind == OutputKind::Print)
        .map(|l| l.text)
        .collect()
}

/// Fails with a server's script errors, if it had any.
pub fn assert_no_errors(w: &World, s: ServerId) {
    let errors = w.server(s).errors();
    assert!(errors.is_empty(), "errors: {errors:#?}");
}

pub fn lock_of(record: &Json) -> &Json {
    &record["meta"]["lock"]
}

/// Warnings in a server's output.
pub fn warnings(g: &Game, s: ServerId) -> Vec<String> {
    g.lines(s, OutputKind::Warn)
}

// The soak scenario: many player sessions over several servers with random DataStore failures and crashes.

pub struct SoakConfig {
    pub project: Project,
    pub sessions: usize,
    pub servers: usize,
    /// Distinct players (each plays sessions/players sessions on average).
    pub players: i64,
    /// Players online at once, over all servers.
    pub concurrent: usize,
    pub failure_rate: f64,
    /// Mean virtual seconds between server crashes.
    pub crash_every: f64,
    /// Mean virtual seconds a session lasts.
    pub session_seconds: f64,
    /// Share of MessagingService deliveries lost.
    pub message_loss: f64,
    /// Share of MemoryStore requests that fail (every server).
    pub memory_failure_rate: f64,
    /// Mean virtual seconds between outages of one server's DataStore path (0: none); each lasts 10-60 s.
    pub server_outage_every: f64,
    pub seed: u64,
}

impl SoakConfig {
    /// The issue 11 soak: 1,000 sessions on 4 servers, 30 % DataStore failures, crashes, lost messages,
    /// failing MemoryStore requests and outages of one server's DataStore path.
    pub fn with_every_fault(project: Project, sessions: usize) -> SoakConfig {
        SoakConfig {
            project,
            sessions,
            servers: 4,
            players: 150,
            concurrent: 40,
            failure_rate: 0.3,
            crash_every: 300.0,
            session_seconds: 90.0,
            message_loss: 0.3,
            memory_failure_rate: 0.2,
            server_outage_every: 200.0,
            seed: 7,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct SoakReport {
    pub sessions: usize,
    pub crashes: usize,
    pub kicks: usize,
    pub reported_saves: usize,
    pub changes: usize,
    pub items_bought: usize,
    /// Players whose stored data ended (or was seen at a checkpoint) older than their last reported save.
    pub rollbacks: usize,
    /// Versions of a record that went back to defaults after holding real data.
    pub resets: usize,
    /// Stored versions whose change counter went down (a rollback in the history).
    pub history_rollbacks: usize,
    /// Item ids stored more than once (in one inventory or across players).
    pub duplicates: usize,
    /// Sessions of a live server whose data another server took (their unsaved progress is lost).
    pub taken_over: usize,
    /// Sessions that loaded less progress than the player had when they left their last server, though
    /// that server never crashed (its final save was thrown away).
    pub lost_progress: usize,
    /// Outages of one server's DataStore path.
    pub server_outages: usize,
    pub virtual_seconds: f64,
    pub problems: Vec<String>,
}

/// Runs the soak. Every change bumps the player's `Gems` by one (a change counter), so "newer" is
/// well defined: stored data is at least as new as the last reported save when its Gems is higher, or
/// equal with the same content.
pub fn soak(config: &SoakConfig) -> SoakReport {
    use rand::{RngExt, SeedableRng};
    let store = config.project.save_policy.datastore.clone();
    let mut g = Game::with_world(
        &config.project,
        WorldConfig {
            seed: config.seed,
            faults: FaultConfig {
                failure_rate: config.failure_rate,
                latency: 0.1,
                latency_jitter: 0.3,
                seed: config.seed,
                ..Default::default()
            },
            ..WorldConfig::default()
        },
    );
    g.world.bus().set_loss_rate(config.message_loss);
    g.world
        .memory()
        .set_failure_rate(config.memory_failure_rate);
    let p_outage = if config.server_outage_every > 0.0 {
        2.0 / config.server_outage_every
    } else {
        0.0
    };
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(config.seed);
    let mut report = SoakReport::default();
    let mut servers: Vec<ServerId> = Vec::new();
    for _ in 0..config.servers {
        let s = g.server();
        g.track_saves(s);
        servers.push(s);
    }
    let mut online: BTreeMap<i64, ServerId> = BTreeMap::new();
    let mut last_saved: HashMap<i64, Json> = HashMap::new();
    let mut next_item = 1i64;
    // Change counter each player left their last server with, and that server.
    let mut left_with: HashMap<i64, (i64, ServerId)> = HashMap::new();
    let mut loaded_checked: BTreeSet<i64> = BTreeSet::new();
    let dt = 2.0;
    let p_leave = dt / config.session_seconds;
    let p_crash = dt / config.crash_every;

    let collect = |g: &Game, s: ServerId, last_saved: &mut HashMap<i64, Json>, n: &mut usize| {
        for (user, data, _) in g.take_saves(s) {
            *n += 1;
            last_saved.insert(user, data);
        }
    };
    let taken_over = |g: &Game, s: ServerId| {
        warnings(g, s)
            .iter()
            .filter(|w| w.contains("Another server took over the data of"))
            .count()
    };
    let check = |g: &Game, last_saved: &HashMap<i64, Json>, report: &mut SoakReport, end: bool| {
        let contents = g.world.backend().contents();
        for (user, saved) in last_saved {
            let stored = contents
                .get(&store, &format!("Player_{user}"))
                .map(|r| r["data"].clone());
            let older = match &stored {
                None => true,
                Some(d) => {
                    let (sg, vg) = (d["Gems"].as_i64(), saved["Gems"].as_i64());
                    sg < vg || (sg == vg && d != saved)
                }
            };
            if older {
                report.rollbacks += 1;
                report.problems.push(format!(
                    "{}player {user}: stored {stored:?}, last reported save {saved}",
                    if end { "end: " } else { "checkpoint: " }
                ));
            }
        }
    };

    let mut tick = 0u64;
    while report.sessions < config.sessions {
        tick += 1;
        // Joins, up to the wanted number of players online.
        while online.len() < config.concurrent && report.sessions < config.sessions {
            let user = rng.random_range(1..=config.players);
            if online.contains_key(&user) {
                continue;
            }
            let s = servers[rng.random_range(0..servers.len())];
            if g.world.server(s).players().len() >= 50 {
                continue;
            }
            g.world.server(s).join(user, &format!("p{user}")).unwrap();
            online.insert(user, s);
            report.sessions += 1;
        }
        // Each session, once loaded, must start from the progress its player left with (unless the server
        // they left crashed before it could save).
        for (&user, &s) in &online {
            if loaded_checked.contains(&user) {
                continue;
            }
            let gems: Option<i64> = g.eval(
                s,
                &format!("local p = P({user}) if p and DM:IsLoaded(p) and not DM:IsReadOnly(p) then return DM:GetData(p).Gems end return nil"),
            );
            let Some(gems) = gems else { continue };
            loaded_checked.insert(user);
            if let Some((left, from)) = left_with.remove(&user)
                && gems < left
            {
                report.lost_progress += 1;
                report.problems.push(format!(
                    "player {user}: left server {from} with change counter {left}, loaded {gems} in server {s}"
                ));
            }
        }
        // Changes: earn coins or buy an item, one script per server.
        for &s in &servers {
            let mut actions = String::new();
            for (&user, _) in online.iter().filter(|(_, v)| **v == s) {
                if rng.random_bool(0.4) {
                    if rng.random_bool(0.6) {
                        let amount = rng.random_range(1..100);
                        actions.push_str(&format!("earn({user}, {amount})\n"));
                    } else {
                        actions.push_str(&format!("buy({user}, {next_item}, 30)\n"));
                        next_item += 1;
                    }
                }
            }
            if actions.is_empty() {
                continue;
            }
            let (changes, bought): (usize, usize) = g.eval(
                s,
                &format!(
                    r#"local changes, bought = 0, 0
                    local function earn(id, amount)
                        local p = P(id)
                        if p and DM:IsLoaded(p) and DM:Update(p, function(d) d.Coins += amount d.Gems += 1 end) then
                            changes += 1
                        end
                    end
                    local function buy(id, item, price)
                        local p = P(id)
                        local d = p and DM:IsLoaded(p) and DM:GetData(p)
                        if d and d.Coins >= price and #d.Inventory < 200 then
                            if DM:Update(p, function(d) d.Coins -= price d.Gems += 1 table.insert(d.Inventory, item) end) then
                                changes += 1
                                bought += 1
                            end
                        end
                    end
                    {actions}
                    return changes, bought"#
                ),
            );
            report.changes += changes;
            report.items_bought += bought;
        }
        // Leaves.
        let leaving: Vec<i64> = online
            .keys()
            .copied()
            .filter(|_| rng.random_bool(p_leave.min(1.0)))
            .collect();
        for user in leaving {
            let s = online.remove(&user).unwrap();
            let gems: Option<i64> = g.eval(
                s,
                &format!("local p = P({user}) if p and DM:IsLoaded(p) and not DM:IsReadOnly(p) then return DM:GetData(p).Gems end return nil"),
            );
            loaded_checked.remove(&user);
            match gems {
                Some(gems) => {
                    left_with.insert(user, (gems, s));
                }
                None => {
                    left_with.remove(&user);
                }
            }
            g.world.server(s).leave(user).unwrap();
        }
        // An occasional crash; a fresh server takes its place.
        if rng.random_bool(p_crash.min(1.0)) {
            let i = rng.random_range(0..servers.len());
            let s = servers[i];
            collect(&g, s, &mut last_saved, &mut report.reported_saves);
            report.kicks += g.world.server(s).kicks().len();
            report.taken_over += taken_over(&g, s);
            // Players who left it may have had their final save lost in the crash: expected.
            left_with.retain(|_, (_, from)| *from != s);
            g.world.crash(s).unwrap();
            report.crashes += 1;
            online.retain(|_, v| *v != s);
            let fresh = g.server();
            g.track_saves(fresh);
            servers[i] = fresh;
        }
        // An occasional outage of one server's path to DataStores (the others work).
        if p_outage > 0.0 && rng.random_bool(p_outage.min(1.0)) {
            let s = servers[rng.random_range(0..servers.len())];
            let now = g.world.now();
            let length = rng.random_range(10.0..60.0);
            g.world.backend().add_server_outage(s, now, now + length);
            report.server_outages += 1;
        }
        g.world.advance(dt);
        for &s in &servers {
            collect(&g, s, &mut last_saved, &mut report.reported_saves);
            let present: BTreeSet<i64> = g.world.server(s).players().into_iter().collect();
            online.retain(|u, v| {
                let stays = *v != s || present.contains(u);
                if !stays {
                    loaded_checked.remove(u);
                }
                stays
            });
        }
        if tick.is_multiple_of(15) {
            check(&g, &last_saved, &mut report, false);
        }
    }
    // Everyone leaves; then the servers close.
    for (user, s) in std::mem::take(&mut online) {
        g.world.server(s).leave(user).unwrap();
    }
    g.world.advance(60.0);
    for &s in &servers {
        collect(&g, s, &mut last_saved, &mut report.reported_saves);
        report.kicks += g.world.server(s).kicks().len();
        report.taken_over += taken_over(&g, s);
        for e in g.world.server(s).errors() {
            report
                .problems
                .push(format!("server {s} error: {}", e.text));
        }
        g.world.shutdown(s).unwrap();
    }
    // Late writes of data whose final save failed are done by now (or the servers are gone).
    check(&g, &last_saved, &mut report, true);
    // The history of every record: the change counter never goes down, never back to defaults.
    let mut owner: HashMap<i64, i64> = HashMap::new();
    let contents = g.world.backend().contents();
    for user in 1..=config.players {
        let key = format!("Player_{user}");
        if let Some(entry) = g.world.backend().entry(&store, "global", &key) {
            let mut best = 0i64;
            for v in entry.versions.iter().filter(|v| !v.deleted) {
                let data = &v.value["data"];
                let gems = data["Gems"].as_i64().unwrap_or(0);
                let inv_empty = data["Inventory"].as_array().is_none_or(|a| a.is_empty());
                if best > 0 && gems == 0 && data["Coins"].as_i64() == Some(0) && inv_empty {
                    report.resets += 1;
                    report
                        .problems
                        .push(format!("player {user}: reset to defaults: {}", v.value));
                } else if gems < best {
                    report.history_rollbacks += 1;
                    report.problems.push(format!(
                        "player {user}: stored change counter went from {best} back to {gems}"
                    ));
                }
                best = best.max(gems);
            }
        }
        if let Some(record) = contents.get(&store, &key) {
            let mut seen = BTreeSet::new();
            for item in record["data"]["Inventory"].as_array().into_iter().flatten() {
                let id = item.as_i64().unwrap_or(-1);
                if !seen.insert(id) || owner.insert(id, user).is_some() {
                    report.duplicates += 1;
                    report
                        .problems
                        .push(format!("item {id} stored twice (player {user})"));
                }
            }
        }
    }
    report.virtual_seconds = g.world.now();
    report
}
