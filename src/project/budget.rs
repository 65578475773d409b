//! DataStore request budgets per server and what a project spends of them.
//!
//! The figures are Roblox's current table (in force since April 2026, see
//! shared/roblox-platform.md). The seed's tip "60 + 10 x players" is the old
//! table, kept here only to show designers the difference.

use serde::Serialize;

use super::Project;

/// Enum.DataStoreRequestType, the budgets DataStoreService tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum RequestType {
    StandardRead,
    StandardWrite,
    StandardRemove,
    StandardList,
    OrderedRead,
    OrderedWrite,
    OrderedRemove,
    OrderedList,
}

impl RequestType {
    pub const ALL: [RequestType; 8] = [
        RequestType::StandardRead,
        RequestType::StandardWrite,
        RequestType::StandardRemove,
        RequestType::StandardList,
        RequestType::OrderedRead,
        RequestType::OrderedWrite,
        RequestType::OrderedRemove,
        RequestType::OrderedList,
    ];

    /// The `Enum.DataStoreRequestType` item name.
    pub fn name(self) -> &'static str {
        match self {
            RequestType::StandardRead => "StandardRead",
            RequestType::StandardWrite => "StandardWrite",
            RequestType::StandardRemove => "StandardRemove",
            RequestType::StandardList => "StandardList",
            RequestType::OrderedRead => "OrderedRead",
            RequestType::OrderedWrite => "OrderedWrite",
            RequestType::OrderedRemove => "OrderedRemove",
            RequestType::OrderedList => "OrderedList",
        }
    }

    /// Parses an item name (current or legacy) of `Enum.DataStoreRequestType`.
    /// Legacy items map to the categories that budget them now.
    pub fn from_name(name: &str) -> Option<Vec<RequestType>> {
        use RequestType::*;
        Some(match name {
            "GetAsync" | "GetVersionAsync" => vec![StandardRead],
            "SetIncrementAsync" => vec![StandardWrite],
            "UpdateAsync" => vec![StandardRead, StandardWrite],
            "GetSortedAsync" => vec![OrderedList],
            "SetIncrementSortedAsync" | "OnUpdate" => vec![OrderedWrite],
            "ListAsync" => vec![StandardList],
            "RemoveVersionAsync" => vec![StandardRemove],
            other => vec![Self::ALL.into_iter().find(|t| t.name() == other)?],
        })
    }

    /// (base, per player) requests per minute in the current table.
    pub fn rate(self) -> (u32, u32) {
        match self {
            RequestType::StandardRead
            | RequestType::StandardWrite
            | RequestType::StandardRemove
            | RequestType::OrderedRead => (60, 40),
            RequestType::StandardList | RequestType::OrderedList => (5, 2),
            RequestType::OrderedWrite | RequestType::OrderedRemove => (30, 5),
        }
    }

    /// (base, per player) requests per minute in the table before 2026.
    pub fn old_rate(self) -> (u32, u32) {
        match self {
            RequestType::StandardRead
            | RequestType::StandardWrite
            | RequestType::StandardRemove
            | RequestType::OrderedRead => (60, 10),
            RequestType::StandardList | RequestType::OrderedList => (5, 2),
            RequestType::OrderedWrite | RequestType::OrderedRemove => (30, 5),
        }
    }

    /// Requests per minute one server may make with `players` in it.
    pub fn per_minute(self, players: u32) -> f64 {
        let (base, per) = self.rate();
        f64::from(base) + f64::from(per) * f64::from(players)
    }

    /// What the requests of this type are, in plain words.
    pub fn describe(self) -> &'static str {
        match self {
            RequestType::StandardRead => "reads of player data",
            RequestType::StandardWrite => "writes of player data",
            RequestType::StandardRemove => "removals of player data",
            RequestType::StandardList => "listings of keys and versions",
            RequestType::OrderedRead => "reads of leaderboard stats",
            RequestType::OrderedWrite => "writes of leaderboard stats",
            RequestType::OrderedRemove => "removals of leaderboard stats",
            RequestType::OrderedList => "reads of leaderboard top lists",
        }
    }
}

impl std::fmt::Display for RequestType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a project spends of one request type, per minute, in steady play.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetUse {
    pub request: RequestType,
    pub players: u32,
    /// Requests per minute the project's saving and leaderboards make.
    pub used: f64,
    /// Requests per minute Roblox allows this server.
    pub available: f64,
    /// What makes the requests, for explanations.
    pub sources: Vec<(String, f64)>,
}

impl BudgetUse {
    pub fn fraction(&self) -> f64 {
        if self.available <= 0.0 {
            f64::INFINITY
        } else {
            self.used / self.available
        }
    }
}

/// Steady-state requests per minute with `players` in a server: auto-saves,
/// backups and leaderboard updates. Joins and leaves come on top, which is
/// why validation warns well before the budget is used up.
pub fn estimate(project: &Project, players: u32) -> Vec<BudgetUse> {
    let p = f64::from(players);
    let per_minute = |seconds: u32| {
        if seconds == 0 {
            f64::INFINITY
        } else {
            60.0 / f64::from(seconds)
        }
    };
    let policy = &project.save_policy;
    let mut uses: Vec<BudgetUse> = RequestType::ALL
        .iter()
        .map(|&request| BudgetUse {
            request,
            players,
            used: 0.0,
            available: request.per_minute(players),
            sources: Vec::new(),
        })
        .collect();
    let mut add = |request: RequestType, source: String, rate: f64| {
        if rate > 0.0 {
            let entry = uses
                .iter_mut()
                .find(|u| u.request == request)
                .expect("all types listed");
            entry.used += rate;
            entry.sources.push((source, rate));
        }
    };

    // Each auto-save is one UpdateAsync: a read and a write.
    let saves = p * per_minute(policy.auto_save_seconds);
    add(RequestType::StandardRead, "auto-save".into(), saves);
    add(RequestType::StandardWrite, "auto-save".into(), saves);
    if policy.backups.count > 0 {
        let backups = p * per_minute(policy.backups.interval_seconds);
        add(RequestType::StandardRead, "backups".into(), backups);
        add(RequestType::StandardWrite, "backups".into(), backups);
    }
    for board in &project.leaderboards {
        let rate = per_minute(board.update_seconds);
        // Worst case: every player's stat changed since the last update.
        add(
            RequestType::OrderedWrite,
            format!("leaderboard {}", board.name),
            p * rate,
        );
        add(
            RequestType::OrderedList,
            format!("leaderboard {}", board.name),
            rate,
        );
    }
    uses
}
