//! How and when player data is saved.

use serde::{Deserialize, Serialize};

/// Everything about saving that is not the shape of the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavePolicy {
    /// DataStore name, by convention with a version suffix (`PlayerData_v1`).
    pub datastore: String,
    /// Optional DataStore scope; most games leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Key of each player's record; `{UserId}` is replaced by the player's id.
    #[serde(default = "default_key_pattern")]
    pub key_pattern: String,
    /// Seconds between automatic saves of each player.
    pub auto_save_seconds: u32,
    /// Tries for each load or save before giving up (the first try included).
    pub attempts: u32,
    pub retry_backoff: Backoff,
    pub session_lock: SessionLock,
    pub backups: Backups,
    /// Most players one server holds (the game's Max Players setting).
    pub max_players: u32,
    /// What the exported code does when run in Roblox Studio.
    pub studio: StudioMode,
    /// How long a join keeps trying to load the player's data before giving
    /// up (kick, or play on unsaved defaults); the player sees the loading
    /// screen meanwhile.
    #[serde(default = "default_load_window")]
    pub load_window_seconds: u32,
    /// What happens to a player whose data could not be loaded.
    pub on_load_failure: LoadFailure,
    pub shutdown: Shutdown,
    /// Texts players see when they are kicked. Plain text, shown by Roblox.
    pub messages: Messages,
}

pub const USER_ID_PLACEHOLDER: &str = "{UserId}";

/// A minute: long enough to ride out most DataStore outages and a server
/// hand-off, short enough that players don't give up on the loading screen.
pub const DEFAULT_LOAD_WINDOW_SECONDS: u32 = 60;

fn default_load_window() -> u32 {
    DEFAULT_LOAD_WINDOW_SECONDS
}

fn default_key_pattern() -> String {
    format!("Player_{USER_ID_PLACEHOLDER}")
}

impl Default for SavePolicy {
    fn default() -> Self {
        SavePolicy {
            datastore: "PlayerData_v1".into(),
            scope: None,
            key_pattern: default_key_pattern(),
            auto_save_seconds: 300,
            attempts: 3,
            retry_backoff: Backoff::default(),
            session_lock: SessionLock::default(),
            backups: Backups::default(),
            max_players: 50,
            studio: StudioMode::SeparateTestData,
            load_window_seconds: DEFAULT_LOAD_WINDOW_SECONDS,
            on_load_failure: LoadFailure::Kick,
            shutdown: Shutdown::default(),
            messages: Messages::default(),
        }
    }
}

/// Waiting between tries: the first wait, doubled each try, capped, with
/// random jitter so many servers do not retry in step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backoff {
    pub first_delay_seconds: f64,
    pub max_delay_seconds: f64,
    pub jitter: bool,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            first_delay_seconds: 1.0,
            max_delay_seconds: 8.0,
            jitter: true,
        }
    }
}

/// Keeps one player's data in one server at a time, so items cannot be
/// duplicated by joining two servers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionLock {
    pub enabled: bool,
    /// A lock not refreshed for this long belongs to a server that crashed.
    pub timeout_seconds: u32,
    pub handoff: Handoff,
}

impl Default for SessionLock {
    fn default() -> Self {
        SessionLock {
            enabled: true,
            timeout_seconds: 600,
            handoff: Handoff::Fast,
        }
    }
}

/// What a server does when a joining player's data is locked by another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Handoff {
    /// Ask the other server to save and let go; take the data over only when
    /// that server is known to be gone (its MemoryStore "alive" entry ran out)
    /// and the lock is stale. Players get back in about 10 s after a crash; a
    /// live server is never overtaken before the lock times out.
    Fast,
    /// Wait until the lock times out. Slow after a crash; needs no MemoryStore.
    Strict,
}

/// Copies of each player's record kept apart from it, to restore from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backups {
    /// How many backups to keep per player; 0 turns backups off.
    pub count: u32,
    /// At most one backup per player per this many seconds.
    pub interval_seconds: u32,
}

impl Default for Backups {
    fn default() -> Self {
        Backups {
            count: 0,
            interval_seconds: 3600,
        }
    }
}

/// What [`StudioMode::SeparateTestData`] adds to every DataStore name in
/// Studio (the runtime's Mode module does the same).
pub const STUDIO_SUFFIX: &str = "_Studio";

/// Behaviour inside Roblox Studio, where DataStores need "Enable Studio
/// Access to API Services" and a published place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StudioMode {
    /// Load and save as in a live game, but in DataStores of their own: each
    /// name the export uses gets [`STUDIO_SUFFIX`], so a play test never
    /// touches live players' data. The default for new projects.
    SeparateTestData,
    /// Load and save the live game's data.
    UseDataStores,
    /// Load real data but never save it: safe for testing.
    LoadOnly,
    /// Never touch DataStores; every play test starts from the defaults.
    Offline,
}

/// What to do when a player's data still cannot be loaded when the load
/// window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LoadFailure {
    /// Kick the player with a friendly message; their saved data is untouched.
    Kick,
    /// Let them play on defaults that are never saved.
    ReadOnly,
}

/// Saving when the server shuts down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shutdown {
    /// How long shutdown waits for the last saves; Roblox allows 30 seconds in all.
    pub max_wait_seconds: u32,
    /// In Studio, don't keep retrying failed saves until the deadline, so stopping a play test is quick.
    /// The final saves themselves are always waited for: they release the locks on live data.
    pub skip_wait_in_studio: bool,
}

impl Default for Shutdown {
    fn default() -> Self {
        Shutdown {
            max_wait_seconds: 25,
            skip_wait_in_studio: true,
        }
    }
}

/// Texts players see: kick messages (plain text, shown by Roblox) and the
/// data-status GUI's messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    pub load_failed: String,
    pub session_locked: String,
    pub taken_over: String,
    /// When their data was saved by a newer version of the game than this server runs (an old server
    /// during an update): the data is fine, the player only needs a new server. Files from before this
    /// message get the default.
    #[serde(default = "default_newer_version")]
    pub newer_version: String,
    /// Shown while the player's data loads.
    #[serde(default = "default_loading")]
    pub loading: String,
    /// Shown for the whole session when the data could not be loaded and
    /// the player plays on defaults that are never saved.
    #[serde(default = "default_read_only_notice")]
    pub read_only_notice: String,
}

fn default_loading() -> String {
    "Loading your data...".into()
}

fn default_read_only_notice() -> String {
    "Your data couldn't be loaded, so progress in this server won't be saved. Rejoin later to play with your saved data.".into()
}

fn default_newer_version() -> String {
    "A new version of the game is out. Please rejoin to play it - your progress is safe.".into()
}

impl Default for Messages {
    fn default() -> Self {
        Messages {
            newer_version: default_newer_version(),
            load_failed:
                "We couldn't load your data. Your progress is safe - please rejoin in a minute."
                    .into(),
            session_locked:
                "Your data is still being saved by another server. Please rejoin in a minute."
                    .into(),
            taken_over: "You joined another server, so this one closed your session.".into(),
            loading: default_loading(),
            read_only_notice: default_read_only_notice(),
        }
    }
}

impl SavePolicy {
    /// The key of one player's record.
    pub fn key_for(&self, user_id: u64) -> String {
        self.key_pattern
            .replace(USER_ID_PLACEHOLDER, &user_id.to_string())
    }
}
