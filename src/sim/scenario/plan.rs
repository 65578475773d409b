//! What each scenario does, as numbers the driver follows.

use super::{Scenario, Settings};

/// How the simulated game behaves in one scenario.
#[derive(Debug, Clone)]
pub(super) struct Plan {
    /// Servers running from the start.
    pub servers: usize,
    /// Mean seconds a session lasts before the player leaves.
    pub session_seconds: f64,
    /// Seconds a player stays away between sessions (uniform in the range).
    pub away: (f64, f64),
    /// Rejoin on another server than the last one when there is one.
    pub hop: bool,
    /// Chance per player per tick of a change (earning or buying).
    pub act: f64,
    /// Of the changes, the share that are purchases.
    pub buy_share: f64,
    /// Ask for a save after every purchase (DataManager:Save), as games do after spending real money.
    pub save_after_buy: bool,
    /// Seconds over which the players first join.
    pub arrival: f64,
    /// When a server crashes, in seconds from the start.
    pub crash_at: Option<f64>,
    /// When every request fails: [start, end) in seconds.
    pub outage: Option<(f64, f64)>,
    /// The play ends with the servers shutting down while full, instead of players leaving first.
    pub shutdown_full: bool,
    /// Players start with saves of the previous schema version.
    pub old_saves: bool,
    /// One server's DataStore requests fail (the others' work): (slot, start, end) in seconds.
    pub hiccup: Option<(usize, f64, f64)>,
    /// Share of MessagingService deliveries lost.
    pub message_loss: f64,
    /// Every server's SubscribeAsync fails in [start, end) seconds.
    pub subscribe_outage: Option<(f64, f64)>,
    /// Chance per player in a server per tick of buying one of the project's developer products.
    pub buy_products: f64,
    /// Seconds between rounds of gifts (to a player offline, one here, one on another server).
    pub gift_every: Option<f64>,
}

impl Plan {
    pub(super) fn new(scenario: Scenario, settings: &Settings, max_players: u32) -> Plan {
        let length = settings.minutes * 60.0;
        let per_server = max_players.max(1) as usize;
        let needed = (settings.players as usize).div_ceil(per_server);
        let base = Plan {
            servers: needed.max(1),
            session_seconds: (length * 0.6).max(30.0),
            away: (5.0, 60.0),
            hop: false,
            act: 0.3,
            buy_share: 0.4,
            save_after_buy: false,
            arrival: (length * 0.1).min(30.0),
            crash_at: None,
            outage: None,
            shutdown_full: false,
            old_saves: false,
            hiccup: None,
            message_loss: 0.0,
            subscribe_outage: None,
            buy_products: 0.0,
            gift_every: None,
        };
        match scenario {
            // Played by its own driver (week.rs); the tick plan is never used.
            Scenario::NormalPlay | Scenario::LeaderboardWeek => base,
            Scenario::RejoinStorm => Plan {
                servers: needed.max(2),
                session_seconds: 25.0,
                away: (0.5, 6.0),
                hop: true,
                ..base
            },
            Scenario::ServerCrash => Plan {
                servers: needed.max(2),
                crash_at: Some(length * 0.5),
                session_seconds: length * 2.0,
                ..base
            },
            Scenario::Outage => Plan {
                servers: needed.max(2),
                session_seconds: (length * 0.3).max(20.0),
                away: (2.0, 30.0),
                hop: true,
                outage: Some((length * 0.3, length * 0.3 + (length * 0.3).min(300.0))),
                ..base
            },
            Scenario::Failures => Plan {
                servers: needed.max(2),
                session_seconds: (length * 0.3).max(20.0),
                away: (2.0, 30.0),
                hop: true,
                ..base
            },
            Scenario::Throttling => Plan {
                act: 1.0,
                buy_share: 0.5,
                save_after_buy: true,
                session_seconds: length * 2.0,
                arrival: 2.0,
                ..base
            },
            Scenario::Shutdown => Plan {
                session_seconds: length * 4.0,
                arrival: 2.0,
                act: 0.6,
                shutdown_full: true,
                ..base
            },
            Scenario::TwoServers => Plan {
                servers: needed.max(2),
                session_seconds: 8.0,
                away: (0.0, 0.5),
                hop: true,
                act: 0.8,
                ..base
            },
            Scenario::Migration => Plan {
                old_saves: true,
                ..base
            },
            Scenario::HopHiccup => Plan {
                servers: needed.max(3),
                session_seconds: 30.0,
                away: (0.5, 8.0),
                hop: true,
                act: 0.6,
                hiccup: Some((0, length * 0.2, length * 0.2 + (length * 0.4).min(180.0))),
                // Delivery is best effort on Roblox: now and then a message is lost.
                message_loss: 0.1,
                ..base
            },
            Scenario::LostMessages => Plan {
                servers: needed.max(3),
                session_seconds: 25.0,
                away: (0.5, 6.0),
                hop: true,
                act: 0.6,
                message_loss: 0.6,
                subscribe_outage: Some((0.0, (length * 0.25).min(120.0))),
                ..base
            },
            Scenario::Purchases => Plan {
                servers: needed.max(2),
                session_seconds: 40.0,
                away: (1.0, 10.0),
                hop: true,
                act: 0.4,
                // The game's own item purchases would write into the fields products grant into.
                buy_share: 0.0,
                crash_at: Some(length * 0.5),
                buy_products: 0.015,
                gift_every: Some((length / 8.0).max(15.0)),
                ..base
            },
        }
    }
}
