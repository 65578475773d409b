//! Runs a scenario: the simulated game that plays the export, tick by tick.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;
use serde_json::Value as Json;

use super::commerce::{self, GiftSent};
use super::old_saves::{self, OldSave};
use super::plan::Plan;
use super::probes::{self, Action, Tracked};
use super::{
    Event, EventKind, Report, RunControl, Sample, Scenario, ScenarioError, Settings, Verdict,
    analysis,
};
use crate::export;
use crate::project::diagnostics::error_count;
use crate::project::words::{errors_stop_export, plural};
use crate::project::{Project, migration};
use crate::sim::{
    FaultConfig, MemoryConfig, MessagingConfig, OutputKind, OutputLine, Server, ServerConfig,
    ServerId, World, WorldConfig,
};

/// Virtual seconds between the simulated game's decisions.
const TICK: f64 = 2.0;
/// How long the servers get to finish saving after the last players leave.
const SETTLE_SECONDS: f64 = 60.0;

/// Runs `scenario` on the export of `project`. Checks `control` for a cancel
/// between steps and reports progress to it.
pub fn run(
    project: &Project,
    scenario: Scenario,
    settings: &Settings,
    control: &RunControl,
) -> Result<Report, ScenarioError> {
    run_keeping_world(project, scenario, settings, control).map(|(report, _)| report)
}

/// [`run`], also returning the emulated world as the run left it (its request
/// log and DataStore contents), so a report can be checked against it.
pub fn run_keeping_world(
    project: &Project,
    scenario: Scenario,
    settings: &Settings,
    control: &RunControl,
) -> Result<(Report, World), ScenarioError> {
    run_with_game_scripts(project, scenario, settings, control, &[])
}

/// [`run_keeping_world`] with the game's own server scripts beside the
/// export: each (name, source) runs as a Script in ServerScriptService of
/// every server, as a game's scripts do (a shop, an admin command).
pub fn run_with_game_scripts(
    project: &Project,
    scenario: Scenario,
    settings: &Settings,
    control: &RunControl,
    scripts: &[(String, String)],
) -> Result<(Report, World), ScenarioError> {
    settings.check()?;
    let (plan, _) = export::plan(project).map_err(|e| match e {
        export::ExportError::ProjectHasErrors(found) => {
            let errors = error_count(&found);
            ScenarioError::Project(format!(
                "{}. Test play runs the exported files, so fix {} first.",
                errors_stop_export(errors),
                plural(errors as u64, "it", "them")
            ))
        }
        other => ScenarioError::Project(other.to_string()),
    })?;
    // What the exported code is: the old saves and the report follow it.
    let shipped = migration::as_exported(project);
    let project = &*shipped;
    let export = TempExport::write(&plan.files)?;
    if scenario == Scenario::LeaderboardWeek {
        return super::week::run(project, settings, control, export.path());
    }
    let mut notes = Vec::new();
    let tracked = if scenario == Scenario::Purchases {
        let granted = commerce::granted_fields(project);
        let avoid: Vec<&str> = granted.iter().map(String::as_str).collect();
        commerce::notes(project, &mut notes);
        Tracked::choose_avoiding(project, &avoid, &mut notes)
    } else {
        Tracked::choose(project, &mut notes)
    };
    let mut driver = Driver::new(project, scenario, settings, control, tracked, export.path());
    driver.scripts = scripts.to_vec();
    driver.notes = notes;
    driver.play()?;
    control.set_progress(1.0);
    Ok(analysis::report(driver))
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    Left,
    Crashed,
    Kicked,
    Shutdown,
}

/// One stay of a player on one server.
#[derive(Debug, Clone)]
pub(super) struct Session {
    pub server: ServerId,
    pub joined: f64,
    pub loaded: Option<f64>,
    /// The progress counter the data loaded with.
    pub base: Option<f64>,
    pub read_only: bool,
    /// (progress counter after the change, when) of every change the game made.
    pub changes: Vec<(f64, f64)>,
    pub end: Option<(f64, End)>,
}

impl Session {
    /// The progress the player had when this session ended (or has now).
    pub fn last_counter(&self) -> Option<f64> {
        if self.read_only {
            return None;
        }
        self.changes.last().map(|c| c.0).or(self.base)
    }

    /// (progress at the end, how it ended, server) of a session that had the player's real data.
    pub fn known_progress(&self) -> Option<(f64, Option<End>, ServerId)> {
        Some((self.last_counter()?, self.end.map(|e| e.1), self.server))
    }
}

pub(super) struct PlayerRun {
    pub id: i64,
    pub sessions: Vec<Session>,
    /// When an offline player joins again (infinite: never).
    next_join: f64,
    leave_at: f64,
    last_slot: Option<usize>,
}

impl PlayerRun {
    fn open_session(&mut self) -> Option<&mut Session> {
        self.sessions.last_mut().filter(|s| s.end.is_none())
    }
}

/// A load that came back with less progress than the player had on a server
/// that did not crash: a save was lost. Whether it was lost to a take-over is
/// decided at the end, when every server's signals have been read.
#[derive(Debug, Clone)]
pub(super) struct LowerLoad {
    pub user: i64,
    pub time: f64,
    pub server: ServerId,
    pub old_server: ServerId,
    pub had: f64,
    pub got: f64,
    /// When the session that had the progress began.
    pub since: f64,
}

/// A place for a server; a crashed server's slot gets a fresh one.
struct Slot {
    server: ServerId,
    output_seen: usize,
    kicks_seen: usize,
}

/// A probe event as the Luau side encodes it.
#[derive(Debug, Deserialize)]
struct Probe {
    t: f64,
    kind: String,
    user: i64,
    #[serde(default)]
    counter: Option<f64>,
    #[serde(default, rename = "readOnly")]
    read_only: bool,
    #[serde(default)]
    data: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    what: Option<String>,
    #[serde(default)]
    seconds: Option<f64>,
}

/// What was read from a server, gathered before it goes away.
struct LastLook {
    probes: String,
    output: Vec<OutputLine>,
    kicks: Vec<(i64, String)>,
    present: Vec<i64>,
}

pub(super) struct Driver<'a> {
    pub project: &'a Project,
    pub scenario: Scenario,
    pub settings: Settings,
    control: &'a RunControl,
    pub tracked: Tracked,
    plan: Plan,
    export: PathBuf,
    pub world: World,
    rng: ChaCha8Rng,
    slots: Vec<Slot>,
    pub players: Vec<PlayerRun>,
    pub events: Vec<Event>,
    pub notes: Vec<String>,
    pub save_latency: Vec<Sample>,
    pub load_waits: Vec<Sample>,
    /// (time, server, players) each tick, for the request budget.
    pub occupancy: Vec<(f64, ServerId, usize)>,
    pub verdict: Verdict,
    /// Players already counted in `verdict.saves_lost`, so one loss counts once.
    pub lost_saves_of: BTreeSet<i64>,
    old: BTreeMap<i64, OldSave>,
    /// Servers that crashed, and when: data they still held died with them.
    pub crashed: BTreeMap<ServerId, f64>,
    /// Loads that came back with less progress than the player had.
    pub lower_loads: Vec<LowerLoad>,
    /// When a server lost or took a player's data in a take-over (the holder's
    /// "TakenOver" failure or its takenOver kick, or the taker's "taking the
    /// data over" warning), by player.
    pub takeovers: BTreeMap<i64, Vec<f64>>,
    /// Players who played read-only at least once.
    pub read_only_players: BTreeSet<i64>,
    next_item: i64,
    /// The game's own scripts, started in every server after the export.
    scripts: Vec<(String, String)>,
    /// Gifts DataManager:Gift reported sent.
    pub gifts_sent: Vec<GiftSent>,
    length: f64,
    pub store: String,
    pub scope: String,
}

impl<'a> Driver<'a> {
    fn new(
        project: &'a Project,
        scenario: Scenario,
        settings: &Settings,
        control: &'a RunControl,
        tracked: Tracked,
        export: &Path,
    ) -> Driver<'a> {
        let plan = Plan::new(scenario, settings, project.save_policy.max_players);
        let faults = FaultConfig {
            failure_rate: settings.failure_rate,
            outages: plan.outage.into_iter().collect(),
            latency: 0.1,
            latency_jitter: 0.3,
            seed: settings.seed,
            ..FaultConfig::default()
        };
        let world = World::new(WorldConfig {
            seed: settings.seed,
            faults,
            messaging: MessagingConfig {
                loss_rate: plan.message_loss,
                seed: settings.seed,
                ..MessagingConfig::default()
            },
            memory: MemoryConfig {
                seed: settings.seed,
                ..MemoryConfig::default()
            },
            ..WorldConfig::default()
        });
        Driver {
            project,
            scenario,
            settings: settings.clone(),
            control,
            tracked,
            plan,
            export: export.to_path_buf(),
            world,
            rng: ChaCha8Rng::seed_from_u64(settings.seed),
            slots: Vec::new(),
            players: Vec::new(),
            events: Vec::new(),
            notes: Vec::new(),
            save_latency: Vec::new(),
            load_waits: Vec::new(),
            occupancy: Vec::new(),
            verdict: Verdict::default(),
            lost_saves_of: BTreeSet::new(),
            old: BTreeMap::new(),
            crashed: BTreeMap::new(),
            lower_loads: Vec::new(),
            takeovers: BTreeMap::new(),
            read_only_players: BTreeSet::new(),
            next_item: 0,
            scripts: Vec::new(),
            gifts_sent: Vec::new(),
            length: settings.minutes * 60.0,
            store: project.save_policy.datastore.clone(),
            scope: project
                .save_policy
                .scope
                .clone()
                .unwrap_or_else(|| "global".into()),
        }
    }

    fn play(&mut self) -> Result<(), ScenarioError> {
        for _ in 0..self.plan.servers {
            let server = self.start_server()?;
            self.slots.push(Slot {
                server,
                output_seen: 0,
                kicks_seen: 0,
            });
        }
        if let Some((slot, start, end)) = self.plan.hiccup {
            let server = self.slots[slot].server;
            self.world.backend().add_server_outage(server, start, end);
        }
        if self.plan.message_loss > 0.0 {
            let text = format!(
                "MessagingService loses {:.0} % of deliveries all game long (delivery is best effort).",
                self.plan.message_loss * 100.0
            );
            self.server_event(None, &text);
        }
        if let Some((_, end)) = self.plan.subscribe_outage {
            let text = format!(
                "MessagingService subscriptions fail on every server until {}: until then a server hears no messages.",
                super::text::clock(end)
            );
            self.server_event(None, &text);
        }
        let ids: Vec<i64> = (1..=i64::from(self.settings.players)).collect();
        if self.plan.old_saves {
            self.put_old_saves(&ids);
        }
        for &id in &ids {
            let next_join = self.rng.random_range(0.0..=self.plan.arrival.max(0.001));
            self.players.push(PlayerRun {
                id,
                sessions: Vec::new(),
                next_join,
                leave_at: f64::INFINITY,
                last_slot: None,
            });
        }
        let mut crashed = false;
        let mut next_gifts = self.plan.gift_every.unwrap_or(f64::INFINITY);
        let mut outage = (false, false);
        let mut hiccup = (false, false);
        while self.world.now() < self.length {
            if self.control.is_cancelled() {
                return Err(ScenarioError::Cancelled);
            }
            self.control
                .set_progress((self.world.now() / self.length * 0.95) as f32);
            let now = self.world.now();
            if let Some((start, end)) = self.plan.outage {
                if !outage.0 && now >= start {
                    outage.0 = true;
                    self.server_event(None, "DataStore outage begins: every request fails.");
                }
                if !outage.1 && now >= end {
                    outage.1 = true;
                    self.server_event(None, "DataStore outage ends.");
                }
            }
            if let Some((slot, start, end)) = self.plan.hiccup {
                let server = self.slots[slot].server;
                if !hiccup.0 && now >= start {
                    hiccup.0 = true;
                    self.server_event(
                        Some(server),
                        &format!("Server {server} can't reach the DataStore: its requests fail, the other servers' work."),
                    );
                }
                if !hiccup.1 && now >= end {
                    hiccup.1 = true;
                    self.server_event(
                        Some(server),
                        &format!("Server {server} reaches the DataStore again."),
                    );
                }
            }
            if let Some(at) = self.plan.crash_at
                && !crashed
                && now >= at
            {
                crashed = true;
                if self.plan.buy_products > 0.0 {
                    // A sale just before the crash: receipts whose calls die with the server.
                    let server = self.slots[0].server;
                    for p in 0..self.players.len() {
                        if self.players[p]
                            .open_session()
                            .is_some_and(|s| s.server == server)
                        {
                            self.buy_product(p);
                        }
                    }
                    self.world.advance(0.05);
                }
                self.crash(0)?;
            }
            self.leaves()?;
            self.joins()?;
            self.act()?;
            self.buy_products();
            if now >= next_gifts {
                next_gifts += self.plan.gift_every.unwrap_or(f64::INFINITY);
                self.send_gifts()?;
            }
            self.world.advance(TICK);
            self.look_all()?;
        }
        self.finish()
    }

    fn start_server(&mut self) -> Result<ServerId, ScenarioError> {
        let config = ServerConfig {
            max_players: self.project.save_policy.max_players,
            ..ServerConfig::default()
        };
        let id = self.world.add_server(config).map_err(emulator)?;
        // Before its scripts start: their first SubscribeAsync already fails.
        if let Some((start, end)) = self.plan.subscribe_outage
            && self.world.now() < end
        {
            self.world.bus().add_subscribe_outage(id, start, end);
        }
        let server = self.world.server(id);
        server.load_rojo_project(&self.export).map_err(emulator)?;
        server
            .eval::<()>(&probes::install(&self.tracked, self.plan.old_saves))
            .map_err(emulator)?;
        for (name, source) in &self.scripts {
            server.run_script(name, source).map_err(emulator)?;
        }
        Ok(id)
    }

    /// Players in a server buy the project's developer products now and then
    /// (loaded or not: Roblox lets them buy as soon as they are in).
    fn buy_products(&mut self) {
        if self.project.products.is_empty() || self.plan.buy_products <= 0.0 {
            return;
        }
        for p in 0..self.players.len() {
            if self.players[p].open_session().is_some()
                && self.rng.random_bool(self.plan.buy_products.clamp(0.0, 1.0))
            {
                self.buy_product(p);
            }
        }
    }

    /// A player in a server buys one of the project's products at random.
    fn buy_product(&mut self, p: usize) {
        let Some(server) = self.players[p].open_session().map(|s| s.server) else {
            return;
        };
        if self.project.products.is_empty() {
            return;
        }
        let product = &self.project.products[self.rng.random_range(0..self.project.products.len())];
        let (product_id, name) = (product.id as i64, product.name.clone());
        let user = self.players[p].id;
        if self.world.purchase(user, product_id).is_ok() {
            self.event(
                EventKind::Purchase,
                Some(server),
                Some(user),
                format!("bought {name} ({product_id})"),
            );
        }
    }

    /// The team sends one of the project's gifts from a server to a player
    /// who is offline, one on that server and one on another server.
    fn send_gifts(&mut self) -> Result<(), ScenarioError> {
        if self.project.gifts.is_empty() {
            return Ok(());
        }
        let live: Vec<usize> = (0..self.slots.len())
            .filter(|&i| self.world.try_server(self.slots[i].server).is_some())
            .collect();
        if live.is_empty() {
            return Ok(());
        }
        let sender = self.slots[live[self.rng.random_range(0..live.len())]].server;
        let online = |p: &PlayerRun| {
            p.sessions
                .last()
                .filter(|s| s.end.is_none())
                .map(|s| s.server)
        };
        let offline: Vec<i64> = self
            .players
            .iter()
            .filter(|p| online(p).is_none())
            .map(|p| p.id)
            .collect();
        let here: Vec<i64> = self
            .players
            .iter()
            .filter(|p| online(p) == Some(sender))
            .map(|p| p.id)
            .collect();
        let elsewhere: Vec<i64> = self
            .players
            .iter()
            .filter(|p| online(p).is_some_and(|s| s != sender))
            .map(|p| p.id)
            .collect();
        let mut targets = Vec::new();
        for group in [offline, here, elsewhere] {
            if !group.is_empty() {
                targets.push(group[self.rng.random_range(0..group.len())]);
            }
        }
        for user in targets {
            let gift = &self.project.gifts[self.rng.random_range(0..self.project.gifts.len())];
            let name = gift.name.clone();
            self.world
                .server(sender)
                .eval::<()>(&probes::gift(user, &name))
                .map_err(emulator)?;
            self.event(
                EventKind::Purchase,
                Some(sender),
                Some(user),
                format!("the team sends gift {name}"),
            );
        }
        Ok(())
    }

    fn put_old_saves(&mut self, ids: &[i64]) {
        let (saves, note) = old_saves::build(self.project, ids, self.settings.seed);
        self.notes.push(note);
        for (user, save) in saves {
            let key = self.key(user);
            self.world
                .backend()
                .put(&save.store, &self.scope, &key, save.stored.clone(), 0);
            self.old.insert(user, save);
        }
    }

    pub(super) fn key(&self, user: i64) -> String {
        self.project
            .save_policy
            .key_pattern
            .replace("{UserId}", &user.to_string())
    }

    fn live_slots_with_room(&self) -> Vec<usize> {
        let max = self.project.save_policy.max_players as usize;
        (0..self.slots.len())
            .filter(|&i| {
                self.world
                    .try_server(self.slots[i].server)
                    .is_some_and(|s| s.players().len() < max)
            })
            .collect()
    }

    fn joins(&mut self) -> Result<(), ScenarioError> {
        let now = self.world.now();
        for p in 0..self.players.len() {
            let player = &self.players[p];
            if player.next_join > now || player.sessions.last().is_some_and(|s| s.end.is_none()) {
                continue;
            }
            let mut room = self.live_slots_with_room();
            if room.is_empty() {
                self.players[p].next_join = now + 5.0;
                continue;
            }
            if self.plan.hop
                && let Some(last) = player.last_slot
                && room.len() > 1
            {
                room.retain(|&s| s != last);
            }
            let slot = room[self.rng.random_range(0..room.len())];
            let server = self.slots[slot].server;
            let id = self.players[p].id;
            self.world
                .server(server)
                .join(id, &format!("Player{id}"))
                .map_err(emulator)?;
            let stay = -self.rng.random_range(0.001f64..1.0).ln() * self.plan.session_seconds;
            let player = &mut self.players[p];
            player.leave_at = now + stay.max(4.0);
            player.next_join = f64::INFINITY;
            player.last_slot = Some(slot);
            player.sessions.push(Session {
                server,
                joined: now,
                loaded: None,
                base: None,
                read_only: false,
                changes: Vec::new(),
                end: None,
            });
            self.event(
                EventKind::Join,
                Some(server),
                Some(id),
                format!("joined server {server}"),
            );
        }
        Ok(())
    }

    fn leaves(&mut self) -> Result<(), ScenarioError> {
        let now = self.world.now();
        for p in 0..self.players.len() {
            if self.players[p].leave_at > now {
                continue;
            }
            // Some buy on their way out: the receipt is delivered again on their next server.
            if self.plan.buy_products > 0.0 && self.rng.random_bool(0.25) {
                self.buy_product(p);
            }
            self.leave(p)?;
            let away = self.rng.random_range(self.plan.away.0..=self.plan.away.1);
            self.players[p].next_join = now + away;
        }
        Ok(())
    }

    fn leave(&mut self, p: usize) -> Result<(), ScenarioError> {
        let now = self.world.now();
        let player = &mut self.players[p];
        player.leave_at = f64::INFINITY;
        let id = player.id;
        let Some(session) = player.open_session() else {
            return Ok(());
        };
        session.end = Some((now, End::Left));
        let server = session.server;
        if let Some(s) = self.world.try_server(server) {
            s.leave(id).map_err(emulator)?;
        }
        self.event(EventKind::Leave, Some(server), Some(id), "left".into());
        Ok(())
    }

    /// Each loaded player changes their data now and then: earning, or buying
    /// an item that no one has had before.
    fn act(&mut self) -> Result<(), ScenarioError> {
        let now = self.world.now();
        let mut by_server: BTreeMap<ServerId, Vec<Action>> = BTreeMap::new();
        for p in 0..self.players.len() {
            let Some(session) = self.players[p].sessions.last() else {
                continue;
            };
            if session.end.is_some() || session.loaded.is_none() || session.read_only {
                continue;
            }
            if !self.rng.random_bool(self.plan.act.clamp(0.0, 1.0)) {
                continue;
            }
            let server = session.server;
            let item = if self.rng.random_bool(self.plan.buy_share) {
                self.next_item += 1;
                Some(self.next_item)
            } else {
                None
            };
            by_server.entry(server).or_default().push(Action {
                user: self.players[p].id,
                item,
            });
        }
        for (server, actions) in by_server {
            let Some(s) = self.world.try_server(server) else {
                continue;
            };
            let code = probes::act(&self.tracked, &actions, self.plan.save_after_buy);
            let accepted: String = s.eval(&code).map_err(emulator)?;
            let accepted: Vec<(i64, f64, i64)> =
                serde_json::from_str(&accepted).map_err(|e| emulator(e.to_string()))?;
            for (user, counter, item) in accepted {
                self.verdict.changes += 1;
                if item != 0 {
                    self.verdict.items_bought += 1;
                }
                if let Some(session) = self.player_mut(user).and_then(PlayerRun::open_session) {
                    session.changes.push((counter, now));
                }
            }
        }
        Ok(())
    }

    fn player_mut(&mut self, user: i64) -> Option<&mut PlayerRun> {
        let i = usize::try_from(user - 1).ok()?;
        self.players.get_mut(i)
    }

    /// A server stops with no warning; its players come back elsewhere.
    fn crash(&mut self, slot: usize) -> Result<(), ScenarioError> {
        self.look(slot)?;
        let server = self.slots[slot].server;
        let now = self.world.now();
        let mut count = 0;
        for p in &mut self.players {
            if let Some(s) = p.open_session().filter(|s| s.server == server) {
                s.end = Some((now, End::Crashed));
                count += 1;
                p.leave_at = f64::INFINITY;
                p.next_join = now + 5.0 + (p.id % 16) as f64;
            }
        }
        self.world.crash(server).map_err(emulator)?;
        self.crashed.insert(server, now);
        self.server_event(
            Some(server),
            &format!("Server {server} crashed with {count} players: nothing it had not saved yet was saved."),
        );
        let fresh = self.start_server()?;
        self.slots[slot] = Slot {
            server: fresh,
            output_seen: 0,
            kicks_seen: 0,
        };
        Ok(())
    }

    fn look_all(&mut self) -> Result<(), ScenarioError> {
        let now = self.world.now();
        for slot in 0..self.slots.len() {
            let server = self.slots[slot].server;
            if let Some(s) = self.world.try_server(server) {
                self.occupancy.push((now, server, s.players().len()));
                self.look(slot)?;
            }
        }
        Ok(())
    }

    /// Reads what happened on a live server since the last look.
    fn look(&mut self, slot: usize) -> Result<(), ScenarioError> {
        let Some(s) = self.world.try_server(self.slots[slot].server) else {
            return Ok(());
        };
        let look = last_look(s, &self.slots[slot])?;
        self.absorb(slot, look)
    }

    fn absorb(&mut self, slot: usize, look: LastLook) -> Result<(), ScenarioError> {
        let server = self.slots[slot].server;
        self.slots[slot].output_seen += look.output.len();
        self.slots[slot].kicks_seen += look.kicks.len();
        let probes: Vec<Probe> =
            serde_json::from_str(&look.probes).map_err(|e| emulator(e.to_string()))?;
        for probe in probes {
            self.probe(server, probe);
        }
        for line in look.output {
            self.output_line(server, line);
        }
        let now = self.world.now();
        for (user, message) in look.kicks {
            if message == self.project.save_policy.messages.taken_over {
                self.takeovers.entry(user).or_default().push(now);
            }
            self.verdict.add_kick(&message);
            self.event(
                EventKind::Kick,
                Some(server),
                Some(user),
                format!("kicked: {message}"),
            );
            if let Some(p) = self.player_mut(user)
                && let Some(s) = p.open_session().filter(|s| s.server == server)
            {
                s.end = Some((now, End::Kicked));
                p.leave_at = f64::INFINITY;
                p.next_join = now + 10.0;
            }
        }
        // Players gone without a kick we saw (the server removed them).
        for p in &mut self.players {
            let gone = !look.present.contains(&p.id);
            if let Some(s) = p.open_session().filter(|s| s.server == server)
                && gone
            {
                s.end = Some((now, End::Kicked));
                p.leave_at = f64::INFINITY;
                p.next_join = now + 10.0;
            }
        }
        Ok(())
    }

    fn probe(&mut self, server: ServerId, probe: Probe) {
        let user = probe.user;
        match probe.kind.as_str() {
            "load" => self.loaded(server, probe),
            "save" => {
                self.verdict.saves += 1;
                let why = match probe.text.as_deref() {
                    Some("auto") => "auto-save",
                    Some("leave") => "saved on leaving",
                    Some("manual") => "saved on request",
                    Some("restore") => "saved a restored backup",
                    Some("shutdown") => "saved at shutdown",
                    _ => "saved",
                };
                self.event_at(
                    probe.t,
                    EventKind::Save,
                    Some(server),
                    Some(user),
                    why.into(),
                );
            }
            "gift" => {
                let name = probe.data.unwrap_or_default();
                match (probe.what.as_deref(), probe.text) {
                    (Some("ok"), Some(id)) => {
                        self.gifts_sent.push(GiftSent { user, id, name });
                    }
                    (_, text) => {
                        self.verdict.gifts.failed_to_send += 1;
                        self.event_at(
                            probe.t,
                            EventKind::Purchase,
                            Some(server),
                            Some(user),
                            format!("gift {name} was not sent: {}", text.unwrap_or_default()),
                        );
                    }
                }
            }
            "write" if probe.text.as_deref() == Some("ok") => {
                self.save_latency.push(Sample {
                    time: probe.t,
                    seconds: probe.seconds.unwrap_or(0.0),
                });
            }
            "failed" => {
                let what = probe.what.unwrap_or_default();
                if what == "TakenOver" {
                    self.takeovers.entry(user).or_default().push(probe.t);
                }
                let kind = match what.as_str() {
                    "Locked" | "TakenOver" => EventKind::Lock,
                    _ => EventKind::Failure,
                };
                let text = format!(
                    "{} failed: {}",
                    what.to_lowercase(),
                    probe.text.unwrap_or_default()
                );
                self.event_at(probe.t, kind, Some(server), Some(user), text);
            }
            _ => {}
        }
    }

    fn loaded(&mut self, server: ServerId, probe: Probe) {
        let user = probe.user;
        let Some(i) = usize::try_from(user - 1)
            .ok()
            .filter(|&i| i < self.players.len())
        else {
            return;
        };
        // The progress the player had before this session, and how that session ended.
        let before = self.players[i]
            .sessions
            .iter()
            .rev()
            .skip(1)
            .find_map(Session::known_progress);
        let Some(session) = self.players[i]
            .open_session()
            .filter(|s| s.server == server)
        else {
            return;
        };
        session.loaded = Some(probe.t);
        session.base = probe.counter;
        session.read_only = probe.read_only;
        if probe.read_only {
            self.verdict.read_only_sessions += 1;
            self.read_only_players.insert(user);
        }
        let waited = probe.t - session.joined;
        self.load_waits.push(Sample {
            time: probe.t,
            seconds: waited,
        });
        let mut text = format!("loaded after {waited:.1} s");
        if probe.read_only {
            text.push_str("; playing on defaults that will not be saved");
        }
        self.event_at(probe.t, EventKind::Load, Some(server), Some(user), text);
        // Defaults handed out read-only (the load failed) are not the player's data: nothing to compare.
        if let (Some((had, end, old_server)), Some(got), false) =
            (before, probe.counter, probe.read_only)
            && got + 1e-9 < had
        {
            let missing = had - got;
            // A server that crashed took with it what it had not stored, even of players who had left it.
            if end == Some(End::Crashed) || self.crashed.contains_key(&old_server) {
                self.verdict.changes_lost_in_crashes += missing.round() as usize;
                self.event_at(
                    probe.t,
                    EventKind::Failure,
                    Some(server),
                    Some(user),
                    format!("came back without the last {missing} change(s), made on server {old_server} after its last save, before it crashed"),
                );
            } else {
                // Counted at the end, as a lost save or as progress lost to a take-over.
                self.lost_saves_of.insert(user);
                let since = self.players[i]
                    .sessions
                    .iter()
                    .rev()
                    .skip(1)
                    .find(|s| s.known_progress().is_some())
                    .map_or(0.0, |s| s.joined);
                self.lower_loads.push(LowerLoad {
                    user,
                    time: probe.t,
                    server,
                    old_server,
                    had,
                    got,
                    since,
                });
            }
        }
        if let Some(old) = self.old.remove(&user) {
            let loaded: Json = probe
                .data
                .as_deref()
                .and_then(|d| serde_json::from_str(d).ok())
                .unwrap_or(Json::Null);
            let differences = old_saves::differences(&old.expected, &loaded);
            if differences.is_empty() {
                self.verdict.migrated += 1;
                self.event_at(
                    probe.t,
                    EventKind::Migration,
                    Some(server),
                    Some(user),
                    format!(
                        "old save from {} loaded with every value where expected",
                        old.store
                    ),
                );
            } else {
                self.verdict.saves_lost += 1;
                self.lost_saves_of.insert(user);
                let problem = format!(
                    "Player {user}'s old save came back wrong: {}.",
                    differences.join("; ")
                );
                self.verdict.problems.push(problem.clone());
                self.event_at(
                    probe.t,
                    EventKind::Migration,
                    Some(server),
                    Some(user),
                    problem,
                );
            }
        }
    }

    fn output_line(&mut self, server: ServerId, line: OutputLine) {
        let text = line.text.trim().to_string();
        let lower = text.to_lowercase();
        if lower.contains("taking the data over")
            && let Some(user) = player_in(&text)
        {
            self.takeovers.entry(user).or_default().push(line.time);
        }
        let kind = match line.kind {
            OutputKind::Error => {
                self.verdict.script_errors += 1;
                self.verdict
                    .problems
                    .push(format!("Script error on server {server}: {text}"));
                EventKind::Output
            }
            OutputKind::Info => return,
            _ if lower.contains("moving") || lower.contains("moved from") => EventKind::Migration,
            OutputKind::Print => return,
            _ if lower.contains("lock")
                || lower.contains("holding")
                || lower.contains("took over")
                || lower.contains("taking the data over") =>
            {
                EventKind::Lock
            }
            _ if lower.contains("fail") || lower.contains("could not") => EventKind::Failure,
            _ => EventKind::Output,
        };
        self.event_at(line.time, kind, Some(server), None, text);
    }

    /// The end: players leave and the servers close (or close full).
    fn finish(&mut self) -> Result<(), ScenarioError> {
        if !self.plan.shutdown_full {
            for p in 0..self.players.len() {
                self.leave(p)?;
                self.players[p].next_join = f64::INFINITY;
            }
            let settle_until = self.world.now() + SETTLE_SECONDS;
            while self.world.now() < settle_until {
                if self.control.is_cancelled() {
                    return Err(ScenarioError::Cancelled);
                }
                self.world.advance(TICK);
                self.look_all()?;
            }
        } else {
            for p in &mut self.players {
                p.next_join = f64::INFINITY;
            }
        }
        for slot in 0..self.slots.len() {
            let server = self.slots[slot].server;
            let Some(s) = self.world.try_server(server) else {
                continue;
            };
            let players = s.players().len();
            self.look(slot)?;
            let now = self.world.now();
            for p in &mut self.players {
                if let Some(s) = p.open_session().filter(|s| s.server == server) {
                    s.end = Some((now, End::Shutdown));
                }
            }
            self.server_event(
                Some(server),
                &format!("Server {server} shuts down with {players} players in it."),
            );
            let seen = (self.slots[slot].output_seen, self.slots[slot].kicks_seen);
            let mut look = None;
            let report = self
                .world
                .shutdown_then(server, |s| {
                    look = Some(last_look_from(s, seen));
                })
                .map_err(emulator)?;
            if let Some(look) = look {
                let look = look?;
                self.absorb(slot, look)?;
            }
            if !report.completed {
                self.verdict.problems.push(format!(
                    "Server {server}'s shutdown did not finish within Roblox's 30 seconds: saves still running were cut off."
                ));
            }
            self.server_event(
                Some(server),
                &format!("Server {server} closed after {:.1} s.", report.elapsed),
            );
        }
        Ok(())
    }

    fn server_event(&mut self, server: Option<ServerId>, text: &str) {
        self.event(EventKind::Server, server, None, text.into());
    }

    fn event(
        &mut self,
        kind: EventKind,
        server: Option<ServerId>,
        player: Option<i64>,
        text: String,
    ) {
        let time = self.world.now();
        self.event_at(time, kind, server, player, text);
    }

    fn event_at(
        &mut self,
        time: f64,
        kind: EventKind,
        server: Option<ServerId>,
        player: Option<i64>,
        text: String,
    ) {
        self.events.push(Event {
            time,
            kind,
            server,
            player,
            text,
        });
    }
}

fn last_look(s: &Server, slot: &Slot) -> Result<LastLook, ScenarioError> {
    last_look_from(s, (slot.output_seen, slot.kicks_seen))
}

fn last_look_from(s: &Server, (output, kicks): (usize, usize)) -> Result<LastLook, ScenarioError> {
    Ok(LastLook {
        probes: s.eval::<String>(probes::DRAIN).map_err(emulator)?,
        output: s.output_since(output),
        kicks: s.kicks_since(kicks),
        present: s.players(),
    })
}

/// The user id in a DataManager message about a player: "Name (123)".
fn player_in(text: &str) -> Option<i64> {
    text.match_indices('(').find_map(|(i, _)| {
        let rest = &text[i + 1..];
        let end = rest.find(')')?;
        rest[..end].parse().ok()
    })
}

fn emulator(e: impl ToString) -> ScenarioError {
    ScenarioError::Emulator(e.to_string())
}

/// The export written where the emulated servers can read it, removed after.
struct TempExport(PathBuf);

impl TempExport {
    fn write(files: &BTreeMap<String, Vec<u8>>) -> Result<TempExport, ScenarioError> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "datastore-designer-test-play-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let export = TempExport(dir);
        let fail = |e: std::io::Error| {
            ScenarioError::Emulator(format!(
                "could not write the export to the temporary folder {}: {e}",
                export.0.display()
            ))
        };
        for (path, bytes) in files {
            let target = export.0.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(fail)?;
            }
            std::fs::write(&target, bytes).map_err(fail)?;
        }
        Ok(export)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempExport {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
