//! Test play: the exported data layer against simulated players, crashes and
//! outages. A [`Scenario`] drives a [`World`](super::World) running the
//! project's exact export (players join, earn, buy and leave; servers crash or
//! shut down; the DataStore fails), then [`Report`] says in plain words what
//! happened to the players' data.
//!
//! Everything is decided by the seed in [`Settings`]: the same project,
//! scenario and settings give the same report, request for request.
//!
//! How lost and duplicated data are found, without trusting the data layer:
//! every change the simulated game makes adds 1 to one whole-number field (the
//! *progress counter*) and every purchase appends an item id never used before
//! to one list field. So a stored record whose counter went down lost a save,
//! and an item id stored twice was duplicated. Both are read from the
//! emulator's DataStore history, not from what the data layer reports.

mod analysis;
mod commerce;
mod driver;
mod old_saves;
mod plan;
mod probes;
mod text;
mod week;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use serde::{Deserialize, Serialize};

use crate::project::Project;
use crate::project::budget::RequestType;
use crate::sim::MemoryMinute;

pub use driver::{run, run_keeping_world, run_with_game_scripts};
pub use text::clock;

/// One kind of test play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    /// Players join, earn, buy and leave on one server.
    NormalPlay,
    /// Players leave and rejoin within seconds, often on another server.
    RejoinStorm,
    /// A server crashes mid-play; its players come back on another server.
    ServerCrash,
    /// Every DataStore request fails for a few minutes.
    Outage,
    /// 30 % of DataStore requests fail (the failure rate setting).
    Failures,
    /// A full server whose players all change data often and save by hand.
    Throttling,
    /// A full server shuts down (an update): every player is saved at once.
    Shutdown,
    /// A player who hops back and forth while both servers still hold them.
    TwoServers,
    /// Players with saves of the previous schema version join.
    Migration,
    /// Players hop between servers while one server's DataStore requests fail for a while.
    HopHiccup,
    /// MessagingService loses most deliveries and subscriptions fail for a while; players hop.
    LostMessages,
    /// Players buy developer products and get gifts during failures, a crash and hops.
    Purchases,
    /// Eight days pass: daily, weekly and monthly leaderboards roll over.
    LeaderboardWeek,
}

impl Scenario {
    pub const ALL: [Scenario; 13] = [
        Scenario::NormalPlay,
        Scenario::RejoinStorm,
        Scenario::ServerCrash,
        Scenario::Outage,
        Scenario::Failures,
        Scenario::Throttling,
        Scenario::Shutdown,
        Scenario::TwoServers,
        Scenario::Migration,
        Scenario::HopHiccup,
        Scenario::LostMessages,
        Scenario::Purchases,
        Scenario::LeaderboardWeek,
    ];

    /// The name used on the command line (`--scenario`) and in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Scenario::NormalPlay => "normal-play",
            Scenario::RejoinStorm => "rejoin-storm",
            Scenario::ServerCrash => "server-crash",
            Scenario::Outage => "outage",
            Scenario::Failures => "failures",
            Scenario::Throttling => "throttling",
            Scenario::Shutdown => "shutdown",
            Scenario::TwoServers => "two-servers",
            Scenario::Migration => "migration",
            Scenario::HopHiccup => "hop-hiccup",
            Scenario::LostMessages => "lost-messages",
            Scenario::Purchases => "purchases",
            Scenario::LeaderboardWeek => "leaderboard-week",
        }
    }

    pub fn from_id(id: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.id() == id)
    }

    /// A short title for pickers.
    pub fn title(self) -> &'static str {
        match self {
            Scenario::NormalPlay => "Normal play",
            Scenario::RejoinStorm => "Rejoin storm",
            Scenario::ServerCrash => "Server crash",
            Scenario::Outage => "DataStore outage",
            Scenario::Failures => "Failing requests",
            Scenario::Throttling => "Throttling at max players",
            Scenario::Shutdown => "Full server shuts down",
            Scenario::TwoServers => "Two servers fight over a player",
            Scenario::Migration => "Migration from the previous version",
            Scenario::HopHiccup => "Server hop during a DataStore hiccup",
            Scenario::LostMessages => "Lost messages",
            Scenario::Purchases => "Purchases and gifts",
            Scenario::LeaderboardWeek => "A week of leaderboards",
        }
    }

    /// What the scenario does, in one or two plain sentences.
    pub fn describe(self) -> &'static str {
        match self {
            Scenario::NormalPlay => {
                "Players join, earn, buy items and leave on one server, with auto-saves as configured."
            }
            Scenario::RejoinStorm => {
                "Players leave and join again within a few seconds, often on another server, so their data must move between servers without a rollback."
            }
            Scenario::ServerCrash => {
                "A server crashes in the middle of play, with no chance to save. Its players come back on another server; only the changes since the last auto-save may be lost."
            }
            Scenario::Outage => {
                "Every DataStore request fails for a while (a Roblox outage). Loads, saves and leaves during it must not lose data."
            }
            Scenario::Failures => {
                "A share of DataStore requests fail at random all game long (the failure rate setting, 30 % unless changed)."
            }
            Scenario::Throttling => {
                "A full server whose players change their data constantly and ask for saves after every purchase, to push the request budget."
            }
            Scenario::Shutdown => {
                "A full server shuts down (an update): every player must be saved within Roblox's 30 seconds."
            }
            Scenario::TwoServers => {
                "Players hop between two servers faster than saves finish, so both servers want the same data at once."
            }
            Scenario::Migration => {
                "Players who saved under the previous schema version join: their old saves must be moved to today's shape without losing a value."
            }
            Scenario::HopHiccup => {
                "Players hop between servers while one server can't reach the DataStore for a few minutes (the others can). Its players' last saves keep failing while they join elsewhere, and now and then a message is lost, as on Roblox: no server may take their data before it is saved."
            }
            Scenario::LostMessages => {
                "Cross-server messages get lost (most of them) and servers can't subscribe for the first minutes, while players hop and some requests fail. A server that doesn't answer is not proof that it crashed: its players' progress must not be lost to a take-over."
            }
            Scenario::Purchases => {
                "Players buy the game's developer products while DataStore requests fail, a server crashes and players hop between servers; Roblox delivers each receipt again until a server grants it. The team sends gifts to players who are offline, on the same server and on another one. Every purchase and gift must be granted exactly once, or still be waiting: never twice, never charged and lost."
            }
            Scenario::LeaderboardWeek => {
                "Eight days pass from a Sunday evening (UTC). Players come back every day for the set minutes and earn; one always plays across midnight. Every daily, weekly and monthly leaderboard must start again at 00:00 UTC under a scope of its own, never take a score after its period ended, and never count what was earned twice."
            }
        }
    }

    /// Settings that show the scenario well for this project.
    pub fn defaults(self, project: &Project) -> Settings {
        let max = project.save_policy.max_players.clamp(1, 200);
        let (players, minutes, failure_rate) = match self {
            Scenario::NormalPlay => (max.min(20), 15.0, 0.0),
            Scenario::RejoinStorm => (max.min(20), 10.0, 0.0),
            Scenario::ServerCrash => (max.min(20), 15.0, 0.0),
            Scenario::Outage => (max.min(20), 15.0, 0.0),
            Scenario::Failures => (max.min(20), 15.0, 0.3),
            Scenario::Throttling => (max, 10.0, 0.0),
            Scenario::Shutdown => (max, 5.0, 0.0),
            Scenario::TwoServers => (max.min(10), 10.0, 0.0),
            Scenario::Migration => (max.min(20), 10.0, 0.0),
            Scenario::HopHiccup => (max.min(12), 10.0, 0.0),
            Scenario::LostMessages => (max.min(12), 10.0, 0.2),
            Scenario::Purchases => (max.min(12), 6.0, 0.2),
            // Minutes each player plays a day.
            Scenario::LeaderboardWeek => (max.min(6), 20.0, 0.0),
        };
        Settings {
            players,
            minutes,
            failure_rate,
            seed: 1,
        }
    }
}

impl std::fmt::Display for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// What every scenario takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Players taking part (1 to 200).
    pub players: u32,
    /// Length of the play in virtual minutes (0.5 to 240).
    pub minutes: f64,
    /// Share of DataStore requests that fail at random, 0 to 0.9.
    pub failure_rate: f64,
    /// Decides every random choice: the same seed gives the same run.
    pub seed: u64,
}

impl Settings {
    pub const MAX_PLAYERS: u32 = 200;
    pub const MIN_MINUTES: f64 = 0.5;
    pub const MAX_MINUTES: f64 = 240.0;
    pub const MAX_FAILURE_RATE: f64 = 0.9;

    /// Why these settings can't be run, in plain words.
    pub fn check(&self) -> Result<(), ScenarioError> {
        if self.players == 0 || self.players > Self::MAX_PLAYERS {
            return Err(ScenarioError::Settings(format!(
                "The number of players must be between 1 and {}; it is {}.",
                Self::MAX_PLAYERS,
                self.players
            )));
        }
        if !(Self::MIN_MINUTES..=Self::MAX_MINUTES).contains(&self.minutes) {
            return Err(ScenarioError::Settings(format!(
                "The length must be between {} and {} minutes; it is {}.",
                Self::MIN_MINUTES,
                Self::MAX_MINUTES,
                self.minutes
            )));
        }
        if !(0.0..=Self::MAX_FAILURE_RATE).contains(&self.failure_rate) {
            return Err(ScenarioError::Settings(format!(
                "The failure rate must be between 0 and {} (0 % to {} %); it is {}.",
                Self::MAX_FAILURE_RATE,
                Self::MAX_FAILURE_RATE * 100.0,
                self.failure_rate
            )));
        }
        Ok(())
    }
}

/// Why a test play did not produce a report.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    #[error("{0}")]
    Settings(String),
    /// The project can't be exported (it has errors), so there is nothing to play.
    #[error("{0}")]
    Project(String),
    #[error("The emulated Roblox server failed: {0}")]
    Emulator(String),
    #[error("Test play was cancelled.")]
    Cancelled,
}

/// Shared between a running test play and whoever watches it (the app's
/// worker thread and the window): progress out, cancel in.
#[derive(Debug, Clone, Default)]
pub struct RunControl {
    cancelled: Arc<AtomicBool>,
    /// Progress in 0..=1, as f32 bits.
    progress: Arc<AtomicU32>,
}

impl RunControl {
    pub fn new() -> RunControl {
        RunControl::default()
    }

    /// Asks the run to stop at its next step; it returns [`ScenarioError::Cancelled`].
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// How far the run is, from 0 to 1.
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }

    pub(crate) fn set_progress(&self, fraction: f32) {
        self.progress
            .store(fraction.clamp(0.0, 1.0).to_bits(), Ordering::Relaxed);
    }
}

/// The outcome of a test play.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub project: String,
    pub scenario: Scenario,
    pub settings: Settings,
    pub verdict: Verdict,
    /// Requests sent per virtual minute, by type, with the budget of the
    /// servers running in that minute.
    pub requests_per_minute: Vec<RequestMinute>,
    /// Each save that reached the DataStore: when, and how long it took.
    pub save_latency: Vec<Sample>,
    /// Each load: when it finished, and how long the player waited for it
    /// (including waiting for another server to let go of the data).
    pub load_waits: Vec<Sample>,
    /// What happened, in time order.
    pub events: Vec<Event>,
    /// Things to know about how this project was tested (the field used as
    /// the progress counter, what could not be checked), in plain words.
    pub notes: Vec<String>,
    /// Virtual seconds simulated.
    pub virtual_seconds: f64,
}

/// What happened to cross-server messages.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MessagingCounts {
    pub published: usize,
    /// Deliveries to subscribed servers that arrived.
    pub delivered: usize,
    /// Deliveries lost at random (delivery is best effort).
    pub lost: usize,
    /// Deliveries dropped over a topic's or the game's receive limit.
    pub over_limits: usize,
    pub failed_publishes: usize,
    pub failed_subscriptions: usize,
}

impl Report {
    /// The report as the command line prints it.
    pub fn to_text(&self) -> String {
        text::render(self)
    }
}

/// The verdict in numbers; [`Verdict::summary`] says it in words.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Verdict {
    /// Saves lost: a player's stored data went back to older data after a
    /// newer save had been stored, or back to the defaults, or a player who
    /// left a server that kept running never had their last changes stored.
    pub saves_lost: usize,
    /// Item ids stored more than once, in one player's list or across players.
    pub items_duplicated: usize,
    /// Players kicked, grouped by the message they saw.
    pub kicks: Vec<KickGroup>,
    /// The most of each request budget used in any minute.
    pub peak_budget: Vec<BudgetPeak>,
    /// The longest a change the game made waited before it was stored
    /// (changes lost in a crash count up to the crash).
    pub worst_unsaved_seconds: f64,
    /// Changes lost because a server crashed before saving them (expected:
    /// at most one auto-save interval of play).
    pub changes_lost_in_crashes: usize,
    /// Changes lost to a take-over: a server that was still running lost a
    /// player's data to another server before it had saved them (never
    /// expected: fails the run).
    pub progress_lost_to_takeovers: usize,
    /// Sessions whose unsaved progress was lost to a take-over.
    pub sessions_taken_over: usize,
    /// Sessions that played read-only on defaults after a failed load: their
    /// progress was never saved.
    pub read_only_sessions: usize,
    /// Players who had at least one read-only session.
    pub players_read_only: usize,
    /// MessagingService traffic, from the emulator's own log.
    pub messaging: MessagingCounts,
    /// MemoryStoreService requests (every server; an UpdateAsync counts once).
    pub memory_store_requests: usize,
    /// The minute whose request units came closest to the game's MemoryStore
    /// limit (None when the export doesn't use MemoryStoreService).
    pub memory_store_busiest_minute: Option<MemoryMinute>,
    pub sessions: usize,
    pub changes: usize,
    pub items_bought: usize,
    /// DataStore requests sent (not counting answers from the cache).
    pub requests: usize,
    pub failed_requests: usize,
    pub throttled_requests: usize,
    pub saves: usize,
    /// Old saves found and brought to the current schema (migration scenario).
    pub migrated: usize,
    /// Developer product receipts, judged from the ledger and the stored records.
    pub purchases: PurchaseCounts,
    /// Gifts sent with DataManager:Gift, judged from the stored records.
    pub gifts: GiftCounts,
    /// Players whose granted fields don't add up to what their stored
    /// purchases and gifts grant (something was granted twice or lost).
    pub grant_totals_wrong: usize,
    /// Lua errors in the exported scripts.
    pub script_errors: usize,
    /// Leaderboard periods that went wrong (a week of leaderboards): a score
    /// written after its period ended, a period that never started again,
    /// or what was earned counted twice.
    pub periods_wrong: usize,
    /// What went wrong, one line each (empty when the verdict is clean).
    pub problems: Vec<String>,
}

impl Verdict {
    /// True when no data was lost (in a save or to a take-over) or
    /// duplicated and no script errored.
    pub fn passed(&self) -> bool {
        self.saves_lost == 0
            && self.progress_lost_to_takeovers == 0
            && self.items_duplicated == 0
            && self.script_errors == 0
            && self.purchases.granted_twice == 0
            && self.purchases.charged_and_lost == 0
            && self.gifts.applied_twice == 0
            && self.gifts.lost == 0
            && self.grant_totals_wrong == 0
            && self.periods_wrong == 0
    }
}

/// What became of the developer products bought in a test play. Roblox's
/// ledger says which receipts a server answered PurchaseGranted; the stored
/// record says which purchase ids were granted (meta.purchases).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PurchaseCounts {
    /// Receipts: products bought.
    pub bought: usize,
    /// Times ProcessReceipt was called (first deliveries and re-deliveries).
    pub deliveries: usize,
    /// Granted once in the stored record.
    pub granted_once: usize,
    /// Not granted and not answered PurchaseGranted: Roblox keeps delivering
    /// the receipt, so the player gets it next time (fine).
    pub pending: usize,
    /// Granted more than once in the stored record (never expected).
    pub granted_twice: usize,
    /// Roblox was told PurchaseGranted but the stored record lacks the grant:
    /// the player paid and got nothing (never expected).
    pub charged_and_lost: usize,
}

/// What became of the gifts sent in a test play, from the stored records
/// (meta.gifts waiting, meta.giftsApplied applied).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct GiftCounts {
    /// Gifts DataManager:Gift reported as sent.
    pub sent: usize,
    /// Gift calls that reported a failure (the sender knows to try again).
    pub failed_to_send: usize,
    pub applied_once: usize,
    /// Queued in the record, not applied yet: applied when the player next loads (fine).
    pub pending: usize,
    /// Applied more than once (never expected).
    pub applied_twice: usize,
    /// Reported sent but neither queued nor applied in the stored record (never expected).
    pub lost: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KickGroup {
    pub message: String,
    pub players: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetPeak {
    pub request_type: RequestType,
    /// Requests of this type in the busiest minute.
    pub requests: usize,
    /// The budget of that minute.
    pub budget: f64,
    /// requests / budget.
    pub fraction: f64,
}

/// Requests of one minute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestMinute {
    /// Minute number from the start (0 = the first minute).
    pub minute: u32,
    /// Requests sent, by type (types with none are left out).
    pub sent: Vec<(RequestType, usize)>,
    /// Each type's budget in that minute, summed over the servers running.
    pub budget: Vec<(RequestType, f64)>,
}

/// A measurement at a moment of the run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sample {
    /// Virtual seconds since the start.
    pub time: f64,
    pub seconds: f64,
}

/// One line of the event log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Virtual seconds since the start.
    pub time: f64,
    pub kind: EventKind,
    /// The server (0, 1, ...) it happened on, if any.
    pub server: Option<usize>,
    pub player: Option<i64>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Join,
    Leave,
    Load,
    Save,
    Lock,
    Kick,
    Failure,
    Migration,
    /// A server crashed, shut down, or an outage began or ended.
    Server,
    /// A warning or error printed by the exported scripts.
    Output,
    /// A developer product bought, a receipt delivered, a gift sent.
    Purchase,
}

impl EventKind {
    pub const ALL: [EventKind; 11] = [
        EventKind::Join,
        EventKind::Leave,
        EventKind::Load,
        EventKind::Save,
        EventKind::Lock,
        EventKind::Kick,
        EventKind::Failure,
        EventKind::Migration,
        EventKind::Server,
        EventKind::Output,
        EventKind::Purchase,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EventKind::Join => "join",
            EventKind::Leave => "leave",
            EventKind::Load => "load",
            EventKind::Save => "save",
            EventKind::Lock => "lock",
            EventKind::Kick => "kick",
            EventKind::Failure => "failure",
            EventKind::Migration => "migration",
            EventKind::Server => "server",
            EventKind::Output => "output",
            EventKind::Purchase => "purchase",
        }
    }
}
