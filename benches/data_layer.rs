//! The server data layer in the emulated server farm: requests per session next to the seed's
//! session-locking script, handoff and shutdown times, MessagingService and MemoryStore use per server
//! (and what it comes to in a 1,000-server game), a 1,000-session soak under 30 % DataStore failures
//! with crashes, lost messages, MemoryStore failures and one-server outages, and the wall-clock time of
//! a simulated hour of a full server.
//! Prints a Markdown table. Run with `cargo bench --bench data_layer`.

#[path = "../tests/it/common/mod.rs"]
mod common;

use std::time::Instant;

use common::{Game, SoakConfig, example, soak};
use datastore_designer::project::Project;
use datastore_designer::sim::{
    Outcome, RequestLogEntry, ServerConfig, ServerId, World, WorldConfig,
};
use serde_json::json;

/// The seed's SessionLockedDataStore script, unmodified.
const SEED_SCRIPT: &str = include_str!("seed/SessionLockedDataStore.lua");

fn is_request(e: &RequestLogEntry) -> bool {
    !e.request_types.is_empty() && !matches!(e.outcome, Outcome::Queued | Outcome::Cached)
}

/// Requests on standard DataStores (player data, locks, backups; the leaderboard's ordered stores
/// are left out) since `since`.
fn requests_since(world: &World, since: f64) -> usize {
    world
        .backend()
        .log()
        .iter()
        .filter(|e| e.time >= since && is_request(e) && !e.ordered)
        .count()
}

/// A world with one server running the seed's script (no DataManager).
fn seed_world() -> (World, ServerId) {
    let mut world = World::new(WorldConfig::default());
    let s = world.add_server(ServerConfig::default()).unwrap();
    world
        .server(s)
        .run_script("SessionLockedDataStore", SEED_SCRIPT)
        .unwrap();
    (world, s)
}

struct SessionCost {
    join: usize,
    play: usize,
    leave: usize,
}

const PLAY: f64 = 1800.0;

/// Requests of one session of a returning player who plays PLAY seconds, in our export.
fn ours(project: &Project) -> SessionCost {
    let mut g = Game::new(project);
    g.world.backend().put(
        "PlayerData_v2",
        "global",
        "Player_1",
        json!({ "data": { "Coins": 5, "Level": 1, "Gems": 0, "Inventory": [],
            "Settings": { "MusicOn": true, "Volume": 0.8 } }, "meta": { "schemaVersion": 2 } }),
        0,
    );
    let s = g.server();
    g.world.advance(1.0);
    let t0 = g.world.now();
    g.world.server(s).join(1, "alice").unwrap();
    g.world.advance(5.0);
    assert!(g.loaded(s, 1));
    let join = requests_since(&g.world, t0);
    let t1 = g.world.now();
    g.world.advance(PLAY);
    let play = requests_since(&g.world, t1);
    let t2 = g.world.now();
    g.world.server(s).leave(1).unwrap();
    g.world.advance(5.0);
    let leave = requests_since(&g.world, t2);
    SessionCost { join, play, leave }
}

/// The same for the seed's script.
fn seed() -> SessionCost {
    let (mut world, s) = seed_world();
    world.backend().put(
        "PlayerData_v1",
        "global",
        "Player_1",
        json!({ "Coins": 5, "Level": 1 }),
        0,
    );
    world.advance(1.0);
    let t0 = world.now();
    world.server(s).join(1, "alice").unwrap();
    world.advance(5.0);
    let loaded = world
        .server(s)
        .output()
        .iter()
        .any(|l| l.text.contains("Data loaded for alice"));
    assert!(loaded, "{:#?}", world.server(s).output());
    let join = requests_since(&world, t0);
    let t1 = world.now();
    world.advance(PLAY);
    let play = requests_since(&world, t1);
    let t2 = world.now();
    world.server(s).leave(1).unwrap();
    world.advance(5.0);
    let leave = requests_since(&world, t2);
    SessionCost { join, play, leave }
}

/// Seconds until a player whose server crashed (after an auto-save) is loaded in another one, and
/// the MessagingService messages published meanwhile.
fn crash_handoff(project: &Project) -> (f64, usize) {
    let mut g = Game::new(project);
    let a = g.server();
    let b = g.server();
    g.world.server(a).join(1, "alice").unwrap();
    g.world.advance(3.0);
    assert!(g.set_coins(a, 1, 77));
    g.world.advance(320.0); // an auto-save
    g.world.crash(a).unwrap();
    let messages_before = g.world.bus().messages().len();
    g.world.server(b).join(1, "alice").unwrap();
    let took = g.wait_until(0.1, 60.0, |g| g.loaded(b, 1));
    assert_eq!(g.coins(b, 1), Some(77));
    (took, g.world.bus().messages().len() - messages_before)
}

/// Seconds until a player who left A (alive) and joined B at once is loaded in B; and the same when
/// they show up in B while A still has them (A is asked to let go), with the MessagingService
/// messages that took.
fn hop(project: &Project) -> (f64, f64, usize) {
    let mut g = Game::new(project);
    let a = g.server();
    let b = g.server();
    g.world.server(a).join(1, "alice").unwrap();
    g.world.server(a).join(2, "bob").unwrap();
    g.world.advance(3.0);
    assert!(g.set_coins(a, 1, 11) && g.set_coins(a, 2, 22));
    g.world.server(a).leave(1).unwrap();
    g.world.server(b).join(1, "alice").unwrap();
    let left = g.wait_until(0.1, 60.0, |g| g.loaded(b, 1));
    assert_eq!(g.coins(b, 1), Some(11));
    let messages_before = g.world.bus().messages().len();
    g.world.server(b).join(2, "bob").unwrap();
    let asked = g.wait_until(0.1, 60.0, |g| g.loaded(b, 2));
    assert_eq!(g.coins(b, 2), Some(22));
    (
        left,
        asked,
        g.world.bus().messages().len() - messages_before,
    )
}

/// Per-server rates measured in a busy game: 4 full servers (50 players each) for 10 minutes, where
/// every minute a tenth of each server's players hop to another server while still in the first (so the
/// holder is asked to let go). Returns messages published, messages received on each server's own
/// topic, and MemoryStore requests, each per server-minute.
struct Rates {
    published: f64,
    received_per_topic: f64,
    memory_requests: f64,
}

fn busy_game_rates(project: &Project) -> Rates {
    use rand::{RngExt, SeedableRng};
    let mut g = Game::new(project);
    let servers: Vec<ServerId> = (0..4).map(|_| g.server()).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    let mut home: Vec<(i64, ServerId)> = Vec::new();
    for (i, &s) in servers.iter().enumerate() {
        for n in 0..50 {
            let user = (i * 50 + n + 1) as i64;
            g.world.server(s).join(user, &format!("p{user}")).unwrap();
            home.push((user, s));
        }
    }
    g.world.advance(30.0);
    let start = g.world.now();
    g.world.memory().clear_log();
    let messages_before = g.world.bus().messages().len();
    let deliveries_before = g.world.bus().deliveries().len();
    let minutes = 10.0;
    for _ in 0..minutes as usize {
        for entry in home.iter_mut() {
            if rng.random_bool(0.1) {
                let (user, from) = *entry;
                let to =
                    servers[(servers.iter().position(|&s| s == from).unwrap() + 1) % servers.len()];
                // Joins the next server while the first still has them, then leaves the first.
                g.world.server(to).join(user, &format!("p{user}")).unwrap();
                g.world.advance(0.5);
                g.world.server(from).leave(user).unwrap();
                *entry = (user, to);
            }
        }
        let next = start + 60.0 * ((g.world.now() - start) / 60.0).ceil();
        g.world.run_until(next.max(g.world.now()));
    }
    let elapsed_minutes = (g.world.now() - start) / 60.0;
    let server_minutes = servers.len() as f64 * elapsed_minutes;
    let published = (g.world.bus().messages().len() - messages_before) as f64;
    let received = g.world.bus().deliveries()[deliveries_before..]
        .iter()
        .filter(|d| {
            d.dropped.is_none()
                && d.topic == format!("DataManager_{}", g.world.server(d.to_server).job_id())
        })
        .count() as f64;
    let memory = g
        .world
        .memory()
        .log()
        .iter()
        .filter(|e| e.time >= start)
        .count() as f64;
    Rates {
        published: published / server_minutes,
        received_per_topic: received / server_minutes,
        memory_requests: memory / server_minutes,
    }
}

/// Seconds a shutdown of a full server takes, and whether every player's change is stored.
fn shutdown_50(project: &Project) -> (f64, bool) {
    let mut g = Game::new(project);
    let s = g.server();
    for id in 1..=50 {
        g.world.server(s).join(id, &format!("p{id}")).unwrap();
    }
    g.world.advance(30.0);
    for id in 1..=50 {
        assert!(g.set_coins(s, id, id * 3));
    }
    let report = g.world.shutdown(s).unwrap();
    let all = (1..=50).all(|id| {
        g.record("PlayerData_v2", id)
            .is_some_and(|r| r["data"]["Coins"] == json!(id * 3) && r["meta"]["lock"].is_null())
    });
    (report.elapsed, all && report.completed)
}

/// Wall-clock seconds of a simulated hour of a full server: 50 players, each changing their data every
/// 10 s, auto-saves, leaderboard updates and backups.
fn full_hour(project: &Project) -> f64 {
    let started = Instant::now();
    let mut g = Game::new(project);
    let s = g.server();
    for id in 1..=50 {
        g.world.server(s).join(id, &format!("p{id}")).unwrap();
    }
    let mut item = 0;
    while g.world.now() < 3600.0 {
        g.world.advance(10.0);
        item += 1;
        g.eval::<()>(
            s,
            &format!(
                "for id = 1, 50 do
                    local p = P(id)
                    if p and DM:IsLoaded(p) then
                        DM:Update(p, function(d) d.Coins += 3 d.Gems += 1 end)
                        if {item} % 30 == 0 then DM:AddToInventory(p, {item}) end
                    end
                end"
            ),
        );
    }
    assert!(g.world.server(s).errors().is_empty());
    started.elapsed().as_secs_f64()
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs this too: keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let starter = example("starter");
    let mut no_backups = starter.clone();
    no_backups.save_policy.backups.count = 0;
    let auto_saves = (PLAY / starter.save_policy.auto_save_seconds as f64).floor();

    let ours_cost = ours(&no_backups);
    let ours_backups = ours(&starter);
    let seed_cost = seed();
    let (fast, crash_messages) = crash_handoff(&starter);
    let (hop_left, hop_asked, hop_messages) = hop(&starter);
    let (shutdown, shutdown_ok) = shutdown_50(&starter);
    let rates = busy_game_rates(&starter);
    let soak_started = Instant::now();
    let report = soak(&SoakConfig::with_every_fault(
        starter.clone(),
        if quick { 100 } else { 1000 },
    ));
    let soak_wall = soak_started.elapsed().as_secs_f64();
    let hour = full_hour(&starter);

    println!();
    println!(
        "| Starter example, emulated servers (standard DataStore requests; leaderboard left out) | DataStore Designer export | Seed SessionLockedDataStore |"
    );
    println!("|---|---|---|");
    println!(
        "| Requests per join (returning player) | {} | {} |",
        ours_cost.join, seed_cost.join
    );
    println!(
        "| Requests per auto-save (every {} s) | {:.2} ({} in {PLAY} s of play; with 3 backups every 600 s: {} in {PLAY} s) | never auto-saves its data; {} lock refreshes in {PLAY} s |",
        starter.save_policy.auto_save_seconds,
        ours_cost.play as f64 / auto_saves,
        ours_cost.play,
        ours_backups.play,
        seed_cost.play
    );
    println!(
        "| Requests per leave | {} | {} |",
        ours_cost.leave, seed_cost.leave
    );
    println!(
        "| Crashed server's player back in another server (handoff Fast) | {fast:.1} s, {crash_messages} MessagingService messages | - |"
    );
    println!(
        "| Player who hopped while the first server was alive loaded | {hop_left:.1} s (left first); {hop_asked:.1} s (still in the first; {hop_messages} MessagingService messages) | - |"
    );
    println!(
        "| Shutdown with 50 players | {shutdown:.2} s ({}) | - |",
        if shutdown_ok {
            "all saved, locks released"
        } else {
            "NOT all saved"
        }
    );
    println!(
        "| Soak: {} sessions, 4 servers, 30 % failures, {} crashes ({} kicks, {} reported saves) | rollbacks {}, resets to defaults {}, duplicated items {} (history rollbacks {}) | - |",
        report.sessions,
        report.crashes,
        report.kicks,
        report.reported_saves,
        report.rollbacks,
        report.resets,
        report.duplicates,
        report.history_rollbacks
    );
    println!(
        "| Soak wall-clock | {soak_wall:.2} s for {:.0} virtual s | - |",
        report.virtual_seconds
    );
    println!("| Simulated hour of a full 50-player server, wall-clock | {hour:.2} s | - |");
    println!();
    // A 1,000-server game of full servers, from the per-server rates above (computed, not run). Each
    // server listens on its own topic, so a topic receives only the requests for its server.
    let servers = 1000.0;
    let users = servers * 50.0;
    let topic_limit = 40.0 + 80.0 * servers;
    let game_received_limit = 400.0 + 200.0 * servers;
    let sent_limit = 600.0 + 240.0 * 50.0;
    let memory_limit = 1000.0 + 120.0 * users;
    println!(
        "| Busy game (a tenth of each full server's players hop every minute), per server-minute | measured | 1,000-server game | Roblox's limit |"
    );
    println!("|---|---|---|---|");
    println!(
        "| MessagingService messages sent | {:.1} | {:.1} per server | {sent_limit:.0} per server |",
        rates.published, rates.published
    );
    println!(
        "| Messages received on a server's own topic | {:.1} | {:.1} per topic | {topic_limit:.0} per topic |",
        rates.received_per_topic, rates.received_per_topic
    );
    println!(
        "| Messages received, whole game | - | {:.0} | {game_received_limit:.0} |",
        rates.received_per_topic * servers
    );
    println!(
        "| MemoryStore requests (Presence refreshes, look-ups of lock holders) | {:.1} | {:.0} | {memory_limit:.0} (1,000 + 120 x 50,000 users) |",
        rates.memory_requests,
        rates.memory_requests * servers
    );
    println!(
        "| Progress lost to a take-over of a live server (soak) | {} sessions taken over, {} loaded less than they left with | - | - |",
        report.taken_over, report.lost_progress
    );
    println!();
    if !report.problems.is_empty() {
        println!("soak problems: {:#?}", report.problems);
    }
}
