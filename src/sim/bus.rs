//! MessagingService's message bus shared by the servers of a world, with its
//! faults and limits.
//!
//! Limits from MessagingService's reference page (creator-docs, 2026): a
//! message is at most 1 kB; a server sends at most 600 + 240 x its players
//! messages per minute (over it, PublishAsync errors); a topic receives at most
//! 40 + 80 x servers messages per minute and the whole game 400 + 200 x servers
//! (over them, deliveries are dropped: every delivery to every subscribed
//! server counts); a server holds at most 20 + 8 x its players subscriptions
//! and makes at most 240 subscribe requests per minute (over them,
//! SubscribeAsync errors). "Delivery is best effort and not guaranteed": the
//! loss rate drops deliveries at random. Error texts are the emulator's own
//! (Roblox's exact wording is not documented).

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::rc::{Rc, Weak};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value as Json;

use super::ServerId;
use super::backend::PathFaults;
use super::census::Census;
use super::scheduler::{EventKind, EventQueue};

/// Messages a server may send per minute.
pub fn sent_per_minute(players: usize) -> f64 {
    600.0 + 240.0 * players as f64
}

/// Messages one topic may receive per minute (all servers' deliveries).
pub fn topic_received_per_minute(servers: usize) -> f64 {
    40.0 + 80.0 * servers as f64
}

/// Messages the whole game may receive per minute.
pub fn game_received_per_minute(servers: usize) -> f64 {
    400.0 + 200.0 * servers as f64
}

/// Subscriptions a server may hold.
pub fn subscriptions_allowed(players: usize) -> usize {
    20 + 8 * players
}

/// Subscribe requests a server may make per minute.
pub const SUBSCRIBE_REQUESTS_PER_MINUTE: usize = 240;

/// The sender of a message published through Open Cloud, not by a server.
pub const OPEN_CLOUD: ServerId = ServerId::MAX;

/// A published message, as recorded by the bus.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub from_server: usize,
    /// Virtual time of publication.
    pub time: f64,
    pub topic: String,
    pub data: Json,
}

/// Why a delivery was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DropReason {
    /// Lost at random (the loss rate): delivery is best effort.
    Lost,
    /// The topic had received its 40 + 80 x servers messages of the minute.
    TopicLimit,
    /// The game had received its 400 + 200 x servers messages of the minute.
    GameLimit,
}

impl DropReason {
    pub fn describe(self) -> &'static str {
        match self {
            DropReason::Lost => "lost (delivery is best effort)",
            DropReason::TopicLimit => {
                "over the topic's limit of 40 + 80 x servers messages a minute"
            }
            DropReason::GameLimit => {
                "over the game's limit of 400 + 200 x servers messages a minute"
            }
        }
    }
}

/// One delivery of a message to one subscribed server.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// Virtual time it arrived (or would have).
    pub time: f64,
    pub from_server: ServerId,
    pub to_server: ServerId,
    pub topic: String,
    /// `None` when it was delivered.
    pub dropped: Option<DropReason>,
}

/// A PublishAsync or SubscribeAsync that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedCall {
    pub server: ServerId,
    pub time: f64,
    pub topic: String,
    pub error: String,
}

/// SubscribeAsync failures of one server.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubscribeFaults {
    /// Every SubscribeAsync fails in these virtual-time windows `[start, end)`.
    pub outages: Vec<(f64, f64)>,
    /// The server's first this many SubscribeAsync calls fail.
    pub failing_tries: u32,
}

/// MessagingService faults. The default loses nothing and fails nothing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MessagingConfig {
    /// Probability (0..1) that one delivery to one subscribed server is lost.
    pub loss_rate: f64,
    /// PublishAsync failures on every server.
    pub publish: PathFaults,
    /// PublishAsync failures of one server's path only.
    pub publish_per_server: BTreeMap<ServerId, PathFaults>,
    /// SubscribeAsync failures of one server.
    pub subscribe_per_server: BTreeMap<ServerId, SubscribeFaults>,
    pub seed: u64,
}

const PUBLISH_FAILED: &str =
    "MessagingService: PublishAsync failed: HTTP 503 (Service Unavailable)";
const SUBSCRIBE_FAILED: &str =
    "MessagingService: SubscribeAsync failed: HTTP 503 (Service Unavailable)";

#[derive(Default)]
pub(crate) struct BusState {
    servers: Vec<Weak<RefCell<EventQueue>>>,
    latency: f64,
    log: Vec<Message>,
    config: MessagingConfig,
    rng: Option<ChaCha8Rng>,
    census: Census,
    deliveries: Vec<Delivery>,
    publish_failures: Vec<FailedCall>,
    subscribe_failures: Vec<FailedCall>,
    sent: BTreeMap<ServerId, VecDeque<f64>>,
    topic_received: BTreeMap<String, VecDeque<f64>>,
    game_received: VecDeque<f64>,
    subscribe_requests: BTreeMap<ServerId, VecDeque<f64>>,
    subscribe_tries: BTreeMap<ServerId, u32>,
    /// Server -> topic -> connections.
    subscriptions: BTreeMap<ServerId, BTreeMap<String, usize>>,
}

/// Times within the last minute before `now`.
fn recent(window: &mut VecDeque<f64>, now: f64) -> usize {
    while window.front().is_some_and(|t| *t <= now - 60.0) {
        window.pop_front();
    }
    window.len()
}

impl BusState {
    fn rng(&mut self) -> &mut ChaCha8Rng {
        let seed = self.config.seed;
        self.rng
            .get_or_insert_with(|| ChaCha8Rng::seed_from_u64(seed ^ 0x6D65_7373_6167_6573))
    }

    fn roll(&mut self, rate: f64) -> bool {
        rate > 0.0 && self.rng().random::<f64>() < rate
    }
}

/// Handle to the bus; cloning shares it.
#[derive(Clone, Default)]
pub struct Bus(pub(crate) Rc<RefCell<BusState>>);

impl Bus {
    pub(crate) fn new(latency: f64, config: MessagingConfig, census: Census) -> Self {
        Bus(Rc::new(RefCell::new(BusState {
            latency,
            config,
            census,
            ..Default::default()
        })))
    }

    pub(crate) fn attach(&self, server: Weak<RefCell<EventQueue>>) {
        self.0.borrow_mut().servers.push(server);
    }

    /// Delivery latency in virtual seconds.
    pub fn set_latency(&self, latency: f64) {
        self.0.borrow_mut().latency = latency;
    }

    pub fn config(&self) -> MessagingConfig {
        self.0.borrow().config.clone()
    }

    /// Replaces the fault settings and reseeds the RNG.
    pub fn set_config(&self, config: MessagingConfig) {
        let mut bus = self.0.borrow_mut();
        bus.config = config;
        bus.rng = None;
    }

    /// Each delivery to each subscribed server is lost with this probability.
    pub fn set_loss_rate(&self, rate: f64) {
        self.0.borrow_mut().config.loss_rate = rate;
    }

    /// PublishAsync fails on every server: at random at `faults.failure_rate`, always in its outages.
    pub fn set_publish_faults(&self, faults: PathFaults) {
        self.0.borrow_mut().config.publish = faults;
    }

    /// PublishAsync of one server fails; the others' work.
    pub fn set_server_publish_faults(&self, server: ServerId, faults: PathFaults) {
        self.0
            .borrow_mut()
            .config
            .publish_per_server
            .insert(server, faults);
    }

    /// SubscribeAsync of one server fails in `[start, end)`.
    pub fn add_subscribe_outage(&self, server: ServerId, start: f64, end: f64) {
        self.0
            .borrow_mut()
            .config
            .subscribe_per_server
            .entry(server)
            .or_default()
            .outages
            .push((start, end));
    }

    /// The next `tries` SubscribeAsync calls of one server fail.
    pub fn fail_subscribe_tries(&self, server: ServerId, tries: u32) {
        let mut bus = self.0.borrow_mut();
        let made = bus.subscribe_tries.get(&server).copied().unwrap_or(0);
        bus.config
            .subscribe_per_server
            .entry(server)
            .or_default()
            .failing_tries = made + tries;
    }

    /// Every message published so far.
    pub fn messages(&self) -> Vec<Message> {
        self.0.borrow().log.clone()
    }

    /// Every delivery to a subscribed server, delivered or dropped (with why).
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.0.borrow().deliveries.clone()
    }

    /// The deliveries that were dropped.
    pub fn drops(&self) -> Vec<Delivery> {
        self.0
            .borrow()
            .deliveries
            .iter()
            .filter(|d| d.dropped.is_some())
            .cloned()
            .collect()
    }

    pub fn publish_failures(&self) -> Vec<FailedCall> {
        self.0.borrow().publish_failures.clone()
    }

    pub fn subscribe_failures(&self) -> Vec<FailedCall> {
        self.0.borrow().subscribe_failures.clone()
    }

    /// Topics a server listens to (with at least one connection).
    pub fn subscriptions(&self, server: ServerId) -> Vec<String> {
        self.0
            .borrow()
            .subscriptions
            .get(&server)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Decides whether a PublishAsync of `server` at `now` goes through (faults,
    /// then the send limit); on success the message is published.
    pub(crate) fn publish(
        &self,
        from: ServerId,
        now: f64,
        topic: String,
        data: Json,
        sent_unix: i64,
    ) -> Result<(), String> {
        let (servers, latency) = {
            let mut guard = self.0.borrow_mut();
            let bus = &mut *guard;
            let own = bus.config.publish_per_server.get(&from).cloned();
            let game = bus.config.publish.clone();
            let failed = if game.down_at(now) || own.as_ref().is_some_and(|f| f.down_at(now)) {
                true
            } else {
                bus.roll(game.failure_rate) || bus.roll(own.map_or(0.0, |f| f.failure_rate))
            };
            let players = bus.census.players_in(from);
            let window = bus.sent.entry(from).or_default();
            let error = if failed {
                Some(PUBLISH_FAILED.to_string())
            } else if recent(window, now) as f64 >= sent_per_minute(players) {
                Some(format!(
                    "MessagingService: PublishAsync request throttled: this server sent more than {} messages in the last minute (600 + 240 x players).",
                    sent_per_minute(players)
                ))
            } else {
                None
            };
            if let Some(error) = error {
                bus.publish_failures.push(FailedCall {
                    server: from,
                    time: now,
                    topic,
                    error: error.clone(),
                });
                return Err(error);
            }
            window.push_back(now);
            bus.log.push(Message {
                from_server: from,
                time: now,
                topic: topic.clone(),
                data: data.clone(),
            });
            (bus.servers.clone(), bus.latency)
        };
        self.schedule(servers, latency, from, now, topic, data, sent_unix);
        Ok(())
    }

    /// A message published from outside the game's servers (Open Cloud's
    /// messaging API): no server's send limit applies; delivery counts
    /// against the topic's and the game's limits and may be lost, as any.
    /// `from` is [`OPEN_CLOUD`] in the deliveries.
    pub fn publish_from_open_cloud(&self, now: f64, topic: String, data: Json, sent_unix: i64) {
        let (servers, latency) = {
            let mut bus = self.0.borrow_mut();
            bus.log.push(Message {
                from_server: OPEN_CLOUD,
                time: now,
                topic: topic.clone(),
                data: data.clone(),
            });
            (bus.servers.clone(), bus.latency)
        };
        self.schedule(servers, latency, OPEN_CLOUD, now, topic, data, sent_unix);
    }

    #[allow(clippy::too_many_arguments)]
    fn schedule(
        &self,
        servers: Vec<Weak<RefCell<EventQueue>>>,
        latency: f64,
        from: ServerId,
        now: f64,
        topic: String,
        data: Json,
        sent_unix: i64,
    ) {
        for s in servers.iter().filter_map(Weak::upgrade) {
            let kind = EventKind::Message {
                from,
                topic: topic.clone(),
                data: data.clone(),
                sent: sent_unix,
            };
            s.borrow_mut().schedule(now + latency, kind);
        }
    }

    /// A message reaches `to` at `now`: whether it is delivered to the
    /// server's subscriptions. Servers not subscribed to the topic hear
    /// nothing and count for nothing.
    pub(crate) fn receive(&self, to: ServerId, from: ServerId, now: f64, topic: &str) -> bool {
        let mut guard = self.0.borrow_mut();
        let bus = &mut *guard;
        let subscribed = bus
            .subscriptions
            .get(&to)
            .is_some_and(|m| m.get(topic).is_some_and(|n| *n > 0));
        if !subscribed {
            return false;
        }
        let servers = bus.census.servers().max(1);
        let loss = bus.config.loss_rate;
        let dropped = if bus.roll(loss) {
            Some(DropReason::Lost)
        } else if recent(
            bus.topic_received.entry(topic.to_string()).or_default(),
            now,
        ) as f64
            >= topic_received_per_minute(servers)
        {
            Some(DropReason::TopicLimit)
        } else if recent(&mut bus.game_received, now) as f64 >= game_received_per_minute(servers) {
            Some(DropReason::GameLimit)
        } else {
            None
        };
        if dropped.is_none() {
            bus.topic_received
                .entry(topic.to_string())
                .or_default()
                .push_back(now);
            bus.game_received.push_back(now);
        }
        bus.deliveries.push(Delivery {
            time: now,
            from_server: from,
            to_server: to,
            topic: topic.to_string(),
            dropped,
        });
        dropped.is_none()
    }

    /// A SubscribeAsync of `server` at `now`: the request limit, faults, then
    /// the subscription limit. On success the subscription counts.
    pub(crate) fn subscribe(&self, server: ServerId, now: f64, topic: &str) -> Result<(), String> {
        let mut guard = self.0.borrow_mut();
        let bus = &mut *guard;
        let tries = bus.subscribe_tries.entry(server).or_default();
        *tries += 1;
        let tries = *tries;
        let requests = bus.subscribe_requests.entry(server).or_default();
        let over_requests = recent(requests, now) >= SUBSCRIBE_REQUESTS_PER_MINUTE;
        requests.push_back(now);
        let faults = bus.config.subscribe_per_server.get(&server);
        let failing = faults.is_some_and(|f| {
            tries <= f.failing_tries || f.outages.iter().any(|&(s, e)| now >= s && now < e)
        });
        let players = bus.census.players_in(server);
        let held: usize = bus
            .subscriptions
            .get(&server)
            .map_or(0, |m| m.values().sum());
        let error = if over_requests {
            Some(format!(
                "MessagingService: SubscribeAsync request throttled: more than {SUBSCRIBE_REQUESTS_PER_MINUTE} subscribe requests in the last minute."
            ))
        } else if failing {
            Some(SUBSCRIBE_FAILED.to_string())
        } else if held >= subscriptions_allowed(players) {
            Some(format!(
                "MessagingService: SubscribeAsync failed: this server already holds {held} subscriptions, its limit (20 + 8 x players)."
            ))
        } else {
            None
        };
        if let Some(error) = error {
            bus.subscribe_failures.push(FailedCall {
                server,
                time: now,
                topic: topic.to_string(),
                error: error.clone(),
            });
            return Err(error);
        }
        *bus.subscriptions
            .entry(server)
            .or_default()
            .entry(topic.to_string())
            .or_default() += 1;
        Ok(())
    }

    /// A connection of `server` to `topic` was disconnected.
    pub(crate) fn unsubscribe(&self, server: ServerId, topic: &str) {
        let mut bus = self.0.borrow_mut();
        if let Some(m) = bus.subscriptions.get_mut(&server)
            && let Some(n) = m.get_mut(topic)
        {
            *n = n.saturating_sub(1);
            if *n == 0 {
                m.remove(topic);
            }
        }
    }

    /// A server crashed or shut down: its subscriptions go with it.
    pub(crate) fn forget(&self, server: ServerId) {
        self.0.borrow_mut().subscriptions.remove(&server);
    }
}
