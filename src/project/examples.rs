//! The example projects shipped in examples/, embedded so `new --template`
//! and the app work without the source tree.

/// (template name, what it shows, project file text).
pub const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "starter",
        "Everything together: player stats, session locking, a Coins leaderboard, backups and a v1 -> v2 migration",
        include_str!("../../examples/starter.ron"),
    ),
    (
        "player-stats",
        "The seed's player stats: Coins, Level and an Inventory, auto-saved every 5 minutes",
        include_str!("../../examples/player-stats.ron"),
    ),
    (
        "session-locking",
        "Player data locked to one server at a time, with a 10-minute lock timeout",
        include_str!("../../examples/session-locking.ron"),
    ),
    (
        "global-leaderboard",
        "A global Coins leaderboard: top 10 every 2 minutes on a dark panel",
        include_str!("../../examples/global-leaderboard.ron"),
    ),
    (
        "migration",
        "Moving from PlayerData_v1 to PlayerData_v2 with new fields and 3 backups",
        include_str!("../../examples/migration.ron"),
    ),
];

/// The example the app opens on first run.
pub const DEFAULT_EXAMPLE: &str = "starter";

pub fn names() -> Vec<&'static str> {
    EXAMPLES.iter().map(|(name, _, _)| *name).collect()
}

/// The project text of an example by name.
pub fn text(name: &str) -> Option<&'static str> {
    EXAMPLES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, text)| *text)
}
