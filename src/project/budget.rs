//! DataStore request budgets per server and what a project spends of them.
//!
//! The figures are Roblox's current table (in force since April 2026, see
//! shared/roblox-platform.md). The seed's tip "60 + 10 x players" is the old
//! table, kept here only to show designers the difference.

use serde::Serialize;

use super::{Period, Project};

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

/// How often players and the game's team use the features that cost requests
/// beyond saving: the planner's guesses, which the designer can change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Activity {
    /// Developer products each player buys in an hour. Most players buy
    /// nothing; a busy shop sells about one product per player per hour.
    pub purchases_per_player_hour: f64,
    /// Gifts this server sends in an hour (`DataManager:Gift`), for example
    /// from an admin panel or a daily reward.
    pub gifts_per_hour: f64,
    /// Reads of other players' data in an hour (`DataManager:Peek`), for
    /// example from an admin panel.
    pub peeks_per_hour: f64,
    /// Right-to-erasure requests handled in a day (`DataManager:Erase`).
    /// Roblox sends a few a month to a small game.
    pub erasures_per_day: f64,
}

impl Default for Activity {
    fn default() -> Self {
        Activity {
            purchases_per_player_hour: 1.0,
            gifts_per_hour: 10.0,
            peeks_per_hour: 6.0,
            erasures_per_day: 1.0,
        }
    }
}

/// MessagingService publishes per minute one server may make with `players`
/// in it (150 + 60 per player).
pub fn messaging_per_minute(players: u32) -> f64 {
    150.0 + 60.0 * f64::from(players)
}

/// MessagingService publishes per minute that gifts make: one per gift, to
/// reach the server that holds the player's session.
pub fn gift_messages_per_minute(activity: &Activity) -> f64 {
    activity.gifts_per_hour.max(0.0) / 60.0
}

/// [`estimate`] plus what purchases, gifts, peeks and erasures cost at the
/// given activity. Purchases count only when the project sells products,
/// gifts only when it defines some.
pub fn estimate_with(project: &Project, players: u32, activity: &Activity) -> Vec<BudgetUse> {
    let mut uses = estimate(project, players);
    let mut add = |request: RequestType, source: &str, rate: f64| {
        if rate > 0.0 && rate.is_finite() {
            let entry = uses
                .iter_mut()
                .find(|u| u.request == request)
                .expect("all types listed");
            entry.used += rate;
            entry.sources.push((source.to_string(), rate));
        }
    };
    let per_minute = |per_hour: f64| per_hour.max(0.0) / 60.0;
    if !project.products.is_empty() {
        // Each purchase is one UpdateAsync: a read and a write.
        let rate = f64::from(players) * per_minute(activity.purchases_per_player_hour);
        add(RequestType::StandardRead, "purchases", rate);
        add(RequestType::StandardWrite, "purchases", rate);
    }
    if !project.gifts.is_empty() {
        // Each gift is one UpdateAsync on the player's record to queue it,
        // lock or not, and one early save by the server that applies it (the
        // player's server at once, or the one they join next).
        let rate = 2.0 * per_minute(activity.gifts_per_hour);
        add(RequestType::StandardRead, "gifts", rate);
        add(RequestType::StandardWrite, "gifts", rate);
    }
    add(
        RequestType::StandardRead,
        "peeks",
        per_minute(activity.peeks_per_hour),
    );
    // Each erasure reads the record (who holds the lock), removes the record
    // and the backups key here and in every older version's DataStore, and
    // the player's entry in every leaderboard's OrderedDataStore.
    let erasures = activity.erasures_per_day.max(0.0) / (24.0 * 60.0);
    let stores = 1 + older_stores(project);
    add(RequestType::StandardRead, "erasures", erasures);
    add(
        RequestType::StandardRemove,
        "erasures",
        2.0 * stores as f64 * erasures,
    );
    add(
        RequestType::OrderedRemove,
        "erasures",
        leaderboard_removals(project) as f64 * erasures,
    );
    uses
}

/// OrderedDataStore keys one erasure removes: one per all-time ranking, and
/// the current and the previous period's of each daily, weekly or monthly
/// one (earlier periods can't be listed).
pub fn leaderboard_removals(project: &Project) -> usize {
    project
        .leaderboards
        .iter()
        .flat_map(|b| &b.periods)
        .map(|p| if *p == Period::AllTime { 1 } else { 2 })
        .sum()
}

/// Older versions' DataStores, other than the current one, that may still
/// hold a player's record.
pub fn older_stores(project: &Project) -> usize {
    let mut names: Vec<&str> = vec![project.save_policy.datastore.as_str()];
    for published in &project.history {
        if !names.contains(&published.datastore.as_str()) {
            names.push(&published.datastore);
        }
    }
    names.len() - 1
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
        // Each period is a ranking of its own: it writes every player's stat
        // and reads its top list. Worst case: every stat changed since the
        // last update.
        let periods = board.periods.len().max(1) as f64;
        let source = if periods > 1.0 {
            format!(
                "leaderboard {} ({} periods)",
                board.name,
                board.periods.len()
            )
        } else {
            format!("leaderboard {}", board.name)
        };
        // A board that ranks what was earned stores each period's start with
        // the player's next save: no request of its own. A period that begins
        // during play brings that save forward (by less than half an
        // interval, paced like auto-saves), once per player and period.
        add(
            RequestType::OrderedWrite,
            source.clone(),
            p * rate * periods,
        );
        add(RequestType::OrderedList, source, rate * periods);
    }
    uses
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Grant, Leaderboard, Product, examples, file};

    fn used(uses: &[BudgetUse], request: RequestType, source: &str) -> f64 {
        uses.iter()
            .find(|u| u.request == request)
            .and_then(|u| u.sources.iter().find(|(s, _)| s == source))
            .map_or(0.0, |(_, rate)| *rate)
    }

    #[test]
    fn purchases_gifts_peeks_and_erasures_cost_what_the_runtime_spends() {
        let mut project = Project::new("Shop");
        project.products.push(Product {
            id: 1,
            name: "Coins100".into(),
            grants: vec![Grant::Add {
                field: "Coins".into(),
                amount: 100.0,
            }],
            description: String::new(),
        });
        let activity = Activity {
            purchases_per_player_hour: 3.0,
            gifts_per_hour: 60.0,
            peeks_per_hour: 120.0,
            erasures_per_day: 1440.0,
        };
        let uses = estimate_with(&project, 20, &activity);
        // 20 players x 3 an hour = 1 a minute, each a read and a write.
        assert_eq!(used(&uses, RequestType::StandardRead, "purchases"), 1.0);
        assert_eq!(used(&uses, RequestType::StandardWrite, "purchases"), 1.0);
        // No gifts defined: nothing sends them.
        assert_eq!(used(&uses, RequestType::StandardWrite, "gifts"), 0.0);
        assert_eq!(used(&uses, RequestType::StandardRead, "peeks"), 2.0);
        assert_eq!(used(&uses, RequestType::StandardRemove, "erasures"), 2.0);
        assert_eq!(used(&uses, RequestType::OrderedRemove, "erasures"), 0.0);

        project.gifts.push(crate::project::Gift {
            name: "Welcome".into(),
            grants: Vec::new(),
            description: String::new(),
        });
        let starter = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
        let board: Leaderboard = starter.leaderboards[0].clone();
        project.leaderboards.push(board.clone());
        project.leaderboards.push(board);
        let uses = estimate_with(&project, 20, &activity);
        // Queued, then saved by the server that applies it.
        assert_eq!(used(&uses, RequestType::StandardWrite, "gifts"), 2.0);
        assert_eq!(gift_messages_per_minute(&activity), 1.0);
        assert_eq!(used(&uses, RequestType::OrderedRemove, "erasures"), 2.0);
        // Saving's own figures are unchanged.
        let plain = estimate(&project, 20);
        let total = |u: &[BudgetUse], r| u.iter().find(|x| x.request == r).unwrap().used;
        assert_eq!(
            total(&uses, RequestType::StandardRead),
            total(&plain, RequestType::StandardRead) + 1.0 + 2.0 + 2.0 + 1.0
        );
    }

    #[test]
    fn each_period_of_a_board_writes_and_reads_on_its_own() {
        let mut project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
        project.leaderboards.truncate(1);
        let board = &mut project.leaderboards[0];
        board.update_seconds = 60;
        board.name = "Top".into();
        let one = estimate(&project, 10);
        assert_eq!(
            used(&one, RequestType::OrderedWrite, "leaderboard Top"),
            10.0
        );
        assert_eq!(used(&one, RequestType::OrderedList, "leaderboard Top"), 1.0);
        project.leaderboards[0].periods = vec![Period::AllTime, Period::Weekly];
        let two = estimate(&project, 10);
        let source = "leaderboard Top (2 periods)";
        assert_eq!(used(&two, RequestType::OrderedWrite, source), 20.0);
        assert_eq!(used(&two, RequestType::OrderedList, source), 2.0);
        let activity = Activity {
            erasures_per_day: 1440.0,
            ..Activity::default()
        };
        let uses = estimate_with(&project, 10, &activity);
        // One key all time, this week's and last week's.
        assert_eq!(used(&uses, RequestType::OrderedRemove, "erasures"), 3.0);
    }
}
