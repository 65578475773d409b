//! A small game's live data, for the window's tests and screenshots: what
//! the starter example's exported game stores for three players, as its
//! runtime writes it (RecordStore, Backups, Leaderboards).

use serde_json::json;

use super::CloudRules;
use crate::sim::backend::Backend;

/// The sample game's universe id.
pub const SAMPLE_UNIVERSE: u64 = 4242;
/// The API key the sample server accepts, with every permission.
pub const SAMPLE_KEY: &str = "sample-open-cloud-key";

/// The sample server's rules: the key above and the three players' names.
pub fn sample_rules() -> CloudRules {
    CloudRules::new(SAMPLE_UNIVERSE, SAMPLE_KEY)
        .with_user(1, "Ana")
        .with_user(2, "Bo")
        .with_user(3, "Cy")
}

/// Writes the sample into `backend` at unix milliseconds `now_ms`:
/// - Ana (1): free, 120 Coins, a field the schema no longer knows
///   (`OldQuest`), a purchase, two backups and a version three hours old
///   (with 80 Coins) besides the current one;
/// - Bo (2): in a game right now on server `9f1c-live-server`;
/// - Cy (3): data that breaks the rules (Coins below 0, Level above 1000);
/// - the `CoinsLeaderboard` ordered store with all three.
pub fn seed_starter_sample(backend: &Backend, now_ms: i64) {
    let now = now_ms / 1000;
    let store = "PlayerData_v2";
    let settings = json!({"MusicOn": true, "Volume": 0.6});
    let ana = |coins: i64, saved: i64| {
        json!({
            "data": {"Coins": coins, "Level": 4, "Gems": 3, "Inventory": [101, 102], "Settings": settings, "OldQuest": "Dragon"},
            "meta": {"schemaVersion": 2, "loads": 12, "createdAt": now - 30 * 86_400, "savedAt": saved,
                     "lastBackupAt": now - 2 * 3600, "purchases": ["receipt-7"]},
        })
    };
    backend.put(
        store,
        "global",
        "Player_1",
        ana(80, now - 3 * 3600),
        now_ms - 3 * 3_600_000,
    );
    backend.put(
        store,
        "global",
        "Player_1",
        ana(120, now - 600),
        now_ms - 600_000,
    );
    let backup = |coins: i64, at: i64| json!({"at": at, "schemaVersion": 2, "data": {"Coins": coins, "Level": 4, "Gems": 3, "Inventory": [101], "Settings": settings}});
    backend.put(
        store,
        "global",
        "Player_1/backups",
        json!({"entries": [backup(100, now - 2 * 3600), backup(60, now - 5 * 3600)]}),
        now_ms - 2 * 3_600_000,
    );
    let lock = json!({"jobId": "9f1c-live-server", "placeId": 1818, "session": "session-2", "at": now - 60});
    backend.put(
        store,
        "global",
        "Player_2",
        json!({
            "data": {"Coins": 75, "Level": 2, "Gems": 0, "Inventory": [], "Settings": settings},
            "meta": {"schemaVersion": 2, "loads": 3, "createdAt": now - 86_400, "savedAt": now - 60, "lock": lock},
        }),
        now_ms - 60_000,
    );
    backend.put(
        store,
        "global",
        "Player_3",
        json!({
            "data": {"Coins": -5, "Level": 2000, "Gems": 0, "Inventory": [], "Settings": settings},
            "meta": {"schemaVersion": 2, "loads": 1, "createdAt": now - 7200, "savedAt": now - 7200},
        }),
        now_ms - 7_200_000,
    );
    for (key, coins) in [("1", 120), ("2", 75), ("3", 0)] {
        backend.put_ordered("CoinsLeaderboard", "global", key, coins);
    }
}
