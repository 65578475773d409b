//! Acceptance criteria of the server data layer, as scenarios: an example's export runs unmodified
//! in the emulated server farm and every test checks the STORED data (the backend) and the request
//! log, not only what the scripts print.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Game, SoakConfig, example, lock_of, soak};
use datastore_designer::project::save_policy::Handoff;
use datastore_designer::sim::{Outcome, RequestLogEntry, ServerId, World};
use serde_json::{Value as Json, json};

const START_UNIX: f64 = 1_767_225_600.0;

/// Requests sent to the backend (each UpdateAsync once: its commit/cancel half is not a new request;
/// queued requests once, when they complete; answers from the GetAsync cache are not requests).
fn is_request(e: &RequestLogEntry) -> bool {
    !e.request_types.is_empty() && !matches!(e.outcome, Outcome::Queued | Outcome::Cached)
}

fn requests_since(world: &World, since: f64) -> Vec<RequestLogEntry> {
    world
        .backend()
        .log()
        .into_iter()
        .filter(|e| e.time >= since && is_request(e))
        .collect()
}

/// Times (and servers) at which a write of `key` in `store` was committed.
fn commits(world: &World, store: &str, key: &str) -> Vec<(usize, f64)> {
    world
        .backend()
        .log()
        .into_iter()
        .filter(|e| {
            e.method == "UpdateAsync:commit"
                && e.outcome == Outcome::Ok
                && e.store == store
                && e.key.as_deref() == Some(key)
        })
        .map(|e| (e.server, e.time))
        .collect()
}

fn stored_data(g: &Game, store: &str, user: i64) -> Json {
    g.record(store, user).expect("a stored record")["data"].clone()
}

/// The live data of a player as JSON (nil -> null).
fn live_json(g: &Game, s: ServerId, user: i64) -> Json {
    let text: String = g.eval(
        s,
        &format!(
            "local d = DM:GetData(P({user})) return if d then game:GetService(\"HttpService\"):JSONEncode(d) else \"null\""
        ),
    );
    serde_json::from_str(&text).unwrap()
}

// 1. Round trip, auto-save interval, save on leave, shutdown of 50 players ------------------------------

#[test]
fn round_trip_auto_saves_at_the_interval_and_saves_on_leave() {
    let mut project = example("starter");
    project.save_policy.auto_save_seconds = 120;
    project.save_policy.backups.count = 0;
    let store = project.save_policy.datastore.clone();
    let mut g = Game::new(&project);
    let a = g.server();
    let b = g.server();
    g.world.server(a).join(1, "alice").unwrap();
    g.world.advance(3.0);
    assert!(g.loaded(a, 1));
    let joined = g.world.now();
    let ok: bool = g.eval(
        a,
        r#"return DM:SetData(P(1), "Coins", 250) and DM:AddToInventory(P(1), 5) and DM:AddToInventory(P(1), 9)
            and DM:Update(P(1), function(d) d.Settings.MusicOn = false d.Gems = 4 end)"#,
    );
    assert!(ok);
    g.world.advance(610.0);
    // Auto-saves: the first within the first interval, then one every 120 s.
    let times: Vec<f64> = commits(&g.world, &store, "Player_1")
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| *t > joined)
        .collect();
    assert!(times.len() >= 4, "{times:?}");
    assert!(times[0] - joined <= 121.0, "first auto-save {times:?}");
    for w in times.windows(2) {
        assert!(
            (w[1] - w[0] - 120.0).abs() <= 2.0,
            "auto-saves not every 120 s: {times:?}"
        );
    }
    let record = g.record(&store, 1).unwrap();
    assert_eq!(
        record["data"],
        json!({ "Coins": 250, "Level": 1, "Gems": 4, "Inventory": [5, 9],
                "Settings": { "MusicOn": false, "Volume": 0.8 } })
    );
    assert_eq!(lock_of(&record)["jobId"], json!(g.world.server(a).job_id()));

    // Save on leave: the change made right before leaving is stored and the lock released.
    assert!(g.set_coins(a, 1, 300));
    g.world.server(a).leave(1).unwrap();
    g.world.advance(2.0);
    let record = g.record(&store, 1).unwrap();
    assert_eq!(record["data"]["Coins"], json!(300));
    assert!(lock_of(&record).is_null(), "{record}");

    // Load in another server: exactly the stored data (plus the session-only field at its default).
    g.world.server(b).join(1, "alice").unwrap();
    g.world.advance(2.0);
    assert!(g.loaded(b, 1));
    let mut expected = record["data"].clone();
    expected["CurrentZone"] = json!("Lobby");
    assert_eq!(live_json(&g, b, 1), expected);
    g.assert_no_errors(a);
    g.assert_no_errors(b);
}

#[test]
fn shutdown_of_a_full_server_saves_all_50_players_within_30_seconds() {
    let project = example("starter");
    let store = project.save_policy.datastore.clone();
    let mut g = Game::new(&project);
    g.world.backend().set_latency(0.3, 0.4);
    let s = g.server();
    for id in 1..=50 {
        g.world.server(s).join(id, &format!("p{id}")).unwrap();
    }
    g.world.advance(30.0);
    for id in 1..=50 {
        assert!(g.loaded(s, id), "player {id}");
        let ok: bool = g.eval(
            s,
            &format!(
                "return DM:SetData(P({id}), \"Coins\", {}) and DM:AddToInventory(P({id}), {id})",
                id * 7
            ),
        );
        assert!(ok);
    }
    let start = g.world.now();
    let report = g.world.shutdown(s).unwrap();
    assert!(report.completed, "{report:?}");
    assert!(report.elapsed < 30.0, "{report:?}");
    let mut last = start;
    for id in 1..=50 {
        let record = g.record(&store, id).unwrap();
        assert_eq!(record["data"]["Coins"], json!(id * 7), "player {id}");
        assert_eq!(record["data"]["Inventory"], json!([id]), "player {id}");
        assert!(lock_of(&record).is_null(), "player {id}: {record}");
        let saved = commits(&g.world, &store, &format!("Player_{id}"));
        last = last.max(saved.last().unwrap().1);
    }
    assert!(last - start <= 30.0);
    println!(
        "shutdown with 50 players: all saved {:.2} s after it began; BindToClose returned after {:.2} s",
        last - start,
        report.elapsed
    );
}

// 2. The same player in two servers at once -------------------------------------------------------------

/// Advances in small steps and checks, at every step, that at most one server has the player loaded and
/// that a server with the player loaded holds the lock in the stored record.
fn advance_checking_one_owner(g: &mut Game, servers: &[ServerId], user: i64, seconds: f64) {
    let store = "PlayerData_v2";
    let end = g.world.now() + seconds;
    while g.world.now() < end {
        g.world.advance(0.05);
        let owners: Vec<ServerId> = servers
            .iter()
            .copied()
            .filter(|s| g.loaded(*s, user))
            .collect();
        assert!(
            owners.len() <= 1,
            "t={}: both servers have player {user} loaded",
            g.world.now()
        );
        if let Some(owner) = owners.first() {
            let record = g.record(store, user).unwrap();
            assert_eq!(
                lock_of(&record)["jobId"],
                json!(g.world.server(*owner).job_id()),
                "t={}: server {owner} plays without the lock",
                g.world.now()
            );
        }
    }
}

#[test]
fn the_same_player_in_two_servers_at_once_is_loaded_in_one_and_items_are_never_duplicated() {
    let project = example("starter");
    let store = project.save_policy.datastore.clone();
    let mut g = Game::new(&project);
    let a = g.server();
    let b = g.server();
    let both = [a, b];

    // Joining both at the same instant.
    g.world.server(a).join(1, "alice").unwrap();
    g.world.server(b).join(1, "alice").unwrap();
    advance_checking_one_owner(&mut g, &both, 1, 20.0);
    let owners: Vec<ServerId> = both.iter().copied().filter(|s| g.loaded(*s, 1)).collect();
    assert_eq!(owners.len(), 1, "loaded in exactly one server");

    // An item added on A; the player hops to B; an item added on B.
    g.world.server(a).join(2, "bob").unwrap();
    advance_checking_one_owner(&mut g, &both, 2, 3.0);
    assert!(g.eval::<bool>(a, "return DM:AddToInventory(P(2), 101)"));
    g.world.server(a).leave(2).unwrap();
    g.world.server(b).join(2, "bob").unwrap();
    advance_checking_one_owner(&mut g, &both, 2, 5.0);
    assert!(g.loaded(b, 2));
    assert!(g.eval::<bool>(b, "return DM:AddToInventory(P(2), 102)"));
    g.world.server(b).leave(2).unwrap();
    g.world.advance(3.0);
    assert_eq!(stored_data(&g, &store, 2)["Inventory"], json!([101, 102]));

    // The exploit: join B while still in A, keep buying on A.
    g.world.server(a).join(3, "carol").unwrap();
    advance_checking_one_owner(&mut g, &both, 3, 3.0);
    assert!(g.eval::<bool>(a, "return DM:AddToInventory(P(3), 201)"));
    g.world.server(b).join(3, "carol").unwrap();
    advance_checking_one_owner(&mut g, &both, 3, 0.5);
    // A is asked to let go; anything added there from now on is refused.
    let late: bool = g.eval(a, "return DM:AddToInventory(P(3), 301)");
    advance_checking_one_owner(&mut g, &both, 3, 10.0);
    assert!(g.loaded(b, 3), "{:#?}", g.world.server(b).output());
    let on_b = live_json(&g, b, 3)["Inventory"].clone();
    assert!(g.eval::<bool>(b, "return DM:AddToInventory(P(3), 202)"));
    g.world.server(b).leave(3).unwrap();
    g.world.advance(3.0);
    let stored = stored_data(&g, &store, 3)["Inventory"].clone();
    if late {
        // Added on A before A heard of B: A's final save carried it over to B.
        assert_eq!(on_b, json!([201, 301]));
        assert_eq!(stored, json!([201, 301, 202]));
    } else {
        assert_eq!(stored, json!([201, 202]));
    }
    // No version of any record ever held an item twice.
    for user in 1..=3 {
        let entry = g
            .world
            .backend()
            .entry(&store, "global", &format!("Player_{user}"))
            .unwrap();
        for v in &entry.versions {
            let items: Vec<i64> = v.value["data"]["Inventory"]
                .as_array()
                .map(|a| a.iter().filter_map(Json::as_i64).collect())
                .unwrap_or_default();
            let unique: BTreeSet<i64> = items.iter().copied().collect();
            assert_eq!(unique.len(), items.len(), "player {user}: {}", v.value);
        }
    }
    g.assert_no_errors(a);
    g.assert_no_errors(b);
}

// 3. A crashed server -------------------------------------------------------------------------------------

struct CrashRun {
    g: Game,
    /// Virtual seconds from the crash until the player was loaded in the other server.
    back_after: f64,
    /// Virtual time of the crash and of the last auto-save (the lock's `at`).
    crashed_at: f64,
    lock_at: f64,
    coins: Option<i64>,
    kicks: usize,
}

/// A player plays in A until an auto-save, changes more, A crashes; the player tries B right away and,
/// when kicked (at the end of a load window), again at once or at the next 30 s mark.
fn crash_after_an_auto_save(handoff: Handoff) -> CrashRun {
    let mut project = example("starter");
    project.save_policy.session_lock.handoff = handoff;
    let store = project.save_policy.datastore.clone();
    let mut g = Game::new(&project);
    let a = g.server();
    let b = g.server();
    g.track_saves(a);
    g.world.server(a).join(1, "alice").unwrap();
    g.world.advance(3.0);
    assert!(g.set_coins(a, 1, 77));
    let mut saves = Vec::new();
    g.wait_until(1.0, 400.0, |g| {
        saves.extend(g.take_saves(a));
        !saves.is_empty()
    });
    assert_eq!(saves.len(), 1, "one auto-save");
    assert_eq!(stored_data(&g, &store, 1)["Coins"], json!(77));
    let lock_at = lock_of(&g.record(&store, 1).unwrap())["at"]
        .as_f64()
        .unwrap()
        - START_UNIX;
    assert!(g.set_coins(a, 1, 78)); // never saved: lost in the crash
    g.world.advance(20.0);
    let crashed_at = g.world.now();
    g.world.crash(a).unwrap();
    let mut kicks = 0;
    let window = project.save_policy.load_window_seconds as f64;
    loop {
        g.world.server(b).join(1, "alice").unwrap();
        g.wait_until(0.25, window + 10.0, |g| {
            g.world.server(b).players().is_empty() || g.loaded(b, 1)
        });
        if g.loaded(b, 1) {
            break;
        }
        kicks += 1;
        assert!(g.world.now() - crashed_at < 1200.0, "never loaded");
        let next = crashed_at + 30.0 * (kicks as f64);
        if next > g.world.now() {
            g.world.run_until(next);
        }
    }
    let back_after = g.world.now() - crashed_at;
    let coins = g.coins(b, 1);
    g.assert_no_errors(b);
    CrashRun {
        g,
        back_after,
        crashed_at,
        lock_at,
        coins,
        kicks,
    }
}

#[test]
fn after_a_crash_fast_handoff_loads_the_last_auto_save_within_seconds() {
    let run = crash_after_an_auto_save(Handoff::Fast);
    assert_eq!(run.coins, Some(77), "the last auto-saved data");
    assert_eq!(run.kicks, 0);
    assert!(run.back_after < 15.0, "took {} s", run.back_after);
    let record = run.g.record("PlayerData_v2", 1).unwrap();
    assert_eq!(record["data"]["Coins"], json!(77));
    println!(
        "crash, handoff Fast: player back after {:.1} s",
        run.back_after
    );
}

#[test]
fn after_a_crash_strict_handoff_loads_only_once_the_lock_timed_out() {
    let run = crash_after_an_auto_save(Handoff::Strict);
    let timeout = 600.0;
    assert_eq!(run.coins, Some(77), "the last auto-saved data");
    assert!(run.kicks >= 1);
    let loaded_at = run.crashed_at + run.back_after;
    assert!(
        loaded_at >= run.lock_at + timeout,
        "loaded at {loaded_at}, lock refreshed at {}",
        run.lock_at
    );
    // Within one rejoin attempt (30 s) and a retry after the timeout.
    assert!(
        loaded_at <= run.lock_at + timeout + 35.0,
        "{loaded_at} vs {}",
        run.lock_at
    );
    println!(
        "crash, handoff Strict: player back after {:.1} s ({} kicks; lock timeout {timeout} s after the last save)",
        run.back_after, run.kicks
    );
}

// 4. Random failures over 1,000 sessions ------------------------------------------------------------------

#[test]
fn a_thousand_sessions_at_30_percent_failures_never_lose_a_reported_save() {
    let started = std::time::Instant::now();
    // Also lost messages, failing MemoryStore requests and outages of one server's DataStore path.
    let report = soak(&SoakConfig::with_every_fault(example("starter"), 1000));
    println!(
        "soak: {} sessions, {} crashes, {} one-server outages, {} kicks, {} changes, {} items, {} reported saves, {:.0} virtual s, {:.1} s wall",
        report.sessions,
        report.crashes,
        report.server_outages,
        report.kicks,
        report.changes,
        report.items_bought,
        report.reported_saves,
        report.virtual_seconds,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(report.sessions, 1000);
    assert!(report.crashes >= 3, "{report:?}");
    assert!(report.server_outages >= 3, "{report:?}");
    assert!(report.reported_saves >= 600, "{report:?}");
    assert!(report.items_bought >= 500, "{report:?}");
    assert_eq!(
        (
            report.rollbacks,
            report.resets,
            report.history_rollbacks,
            report.duplicates,
            report.taken_over,
            report.lost_progress
        ),
        (0, 0, 0, 0, 0, 0),
        "{:#?}",
        report.problems
    );
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
}

// 5. Migration, backups, moving stores --------------------------------------------------------------------

#[test]
fn migration_keeps_old_values_adds_new_defaults_and_never_touches_the_old_store() {
    let project = example("migration");
    let mut g = Game::new(&project);
    let old: BTreeMap<i64, Json> = (1..=5)
        .map(|i| {
            let level = if i == 5 { json!(7.9) } else { json!(i * 3) };
            (
                i,
                json!({ "Coins": i * 100 + 1, "Level": level, "Inventory": [i, i + 10, i + 20] }),
            )
        })
        .collect();
    for (i, v) in &old {
        g.world.backend().put(
            "PlayerData_v1",
            "global",
            &format!("Player_{i}"),
            v.clone(),
            0,
        );
    }
    // A v1 record already wrapped in the new store (migrated in place).
    g.world.backend().put(
        "PlayerData_v2",
        "global",
        "Player_6",
        json!({ "data": { "Coins": 66, "Level": 2, "Inventory": [6] }, "meta": { "schemaVersion": 1 } }),
        0,
    );
    let s = g.server();
    for i in 1..=6 {
        g.world.server(s).join(i, &format!("p{i}")).unwrap();
    }
    g.world.advance(10.0);
    for i in 1..=6 {
        g.world.server(s).leave(i).unwrap();
    }
    g.world.advance(10.0);
    g.assert_no_errors(s);
    let defaults = json!({ "Gems": 0, "Settings": { "MusicOn": true, "Volume": 0.8 }, "DailyStreak": 0, "LastRewardDay": 0 });
    for i in 1..=6 {
        let record = g.record("PlayerData_v2", i).unwrap();
        assert_eq!(record["meta"]["schemaVersion"], json!(2));
        let mut expected = if i == 6 {
            json!({ "Coins": 66, "Level": 2, "Inventory": [6] })
        } else {
            old[&i].clone()
        };
        if i == 5 {
            expected["Level"] = json!(7); // Retype Level: Floor
        }
        for (k, v) in defaults.as_object().unwrap() {
            expected[k] = v.clone();
        }
        assert_eq!(record["data"], expected, "player {i}");
    }
    // The old store: read only (GetAsync), each key still its one original version.
    let log = g.world.backend().log();
    let old_store: BTreeSet<&str> = log
        .iter()
        .filter(|e| e.store == "PlayerData_v1")
        .map(|e| e.method.as_str())
        .collect();
    assert_eq!(old_store, BTreeSet::from(["GetAsync"]));
    for (i, v) in &old {
        let entry = g
            .world
            .backend()
            .entry("PlayerData_v1", "global", &format!("Player_{i}"))
            .unwrap();
        assert_eq!(entry.versions.len(), 1);
        assert!(!entry.versions[0].deleted);
        assert_eq!(&entry.versions[0].value, v);
    }
}

#[test]
fn backups_keep_exactly_the_last_three() {
    let project = example("migration"); // 3 backups, at most one per 600 s; auto-save every 300 s
    let mut g = Game::new(&project);
    let s = g.server();
    g.track_saves(s);
    g.world.server(s).join(1, "alice").unwrap();
    g.world.advance(3.0);
    let mut saves = Vec::new();
    for step in 1..=40 {
        assert!(g.set_coins(s, 1, step * 10));
        g.world.advance(100.0);
        saves.extend(g.take_saves(s));
    }
    g.world.server(s).leave(1).unwrap();
    g.world.advance(5.0);
    saves.extend(g.take_saves(s));
    g.assert_no_errors(s);
    let backend = g.world.backend();
    let ring = backend
        .contents()
        .get("PlayerData_v2", "Player_1/backups")
        .cloned()
        .expect("backups");
    let entries = ring["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3, "{ring}");
    // Every write of the ring added one entry at the front; the ring now holds the last three.
    let history = backend
        .entry("PlayerData_v2", "global", "Player_1/backups")
        .unwrap();
    let heads: Vec<Json> = history
        .versions
        .iter()
        .map(|v| v.value["entries"][0].clone())
        .collect();
    assert!(heads.len() >= 6, "{} backups written", heads.len());
    let last3: Vec<Json> = heads.iter().rev().take(3).cloned().collect();
    assert_eq!(entries, &last3);
    let ats: Vec<i64> = entries.iter().map(|e| e["at"].as_i64().unwrap()).collect();
    assert!(
        ats.windows(2).all(|w| w[0] - w[1] >= 600),
        "newest first, 600 s apart: {ats:?}"
    );
    // Each backup holds the data of a save that was reported stored.
    for e in entries {
        assert!(
            saves.iter().any(|(_, d, _)| d == &e["data"]),
            "backup {e} is not a saved state"
        );
        assert_eq!(e["schemaVersion"], json!(2));
    }
}

// 6. Bad values -------------------------------------------------------------------------------------------

#[test]
fn bad_values_are_refused_and_the_stored_data_is_unchanged() {
    let project = example("starter");
    let store = project.save_policy.datastore.clone();
    let mut g = Game::new(&project);
    let s = g.server();
    g.world.server(s).join(1, "alice").unwrap();
    g.world.advance(3.0);
    let ok: bool = g.eval(
        s,
        r#"return DM:SetData(P(1), "Coins", 40) and DM:AddToInventory(P(1), 1) and DM:AddToInventory(P(1), 2)"#,
    );
    assert!(ok);
    g.run(s, "DM:Save(P(1))");
    g.world.advance(2.0);
    let before = stored_data(&g, &store, 1);
    assert_eq!(before["Coins"], json!(40));

    let refused: Vec<bool> = g.eval(
        s,
        r#"return {
            DM:SetData(P(1), "Coins", 0/0),
            DM:SetData(P(1), "Inventory", { 1, 2, x = 3 }),
            DM:Update(P(1), function(d) d.Coins = 0/0 end),
            DM:Update(P(1), function(d) d.Inventory = { 1, 2, x = 3 } end),
        }"#,
    );
    assert_eq!(refused, vec![false; 4]);
    // Straight into the live table: refused at save time, put back, the rest saved.
    g.eval::<()>(
        s,
        "local d = DM:GetData(P(1)) d.Coins = 0/0 d.Inventory = { 1, 2, x = 3 }",
    );
    g.run(
        s,
        r#"local failed = {}
        DM.Failed:Connect(function(_, what) table.insert(failed, what) end)
        DM:Save(P(1))
        task.wait()
        print("failed", table.concat(failed, ","))"#,
    );
    g.world.advance(2.0);
    assert_eq!(stored_data(&g, &store, 1), before);
    let live = live_json(&g, s, 1);
    assert_eq!(
        (&live["Coins"], &live["Inventory"]),
        (&json!(40), &json!([1, 2]))
    );
    let prints = g.lines(s, datastore_designer::sim::OutputKind::Print);
    assert!(
        prints
            .iter()
            .any(|l| l.starts_with("failed Validate,Validate")),
        "{prints:#?}"
    );
    // The same at the final save.
    g.eval::<()>(
        s,
        "local d = DM:GetData(P(1)) d.Coins = 0/0 d.Inventory = { 1, 2, x = 3 }",
    );
    g.world.server(s).leave(1).unwrap();
    g.world.advance(3.0);
    assert_eq!(stored_data(&g, &store, 1), before);
    assert!(lock_of(&g.record(&store, 1).unwrap()).is_null());
    // No version of the record ever held a bad value.
    let entry = g
        .world
        .backend()
        .entry(&store, "global", "Player_1")
        .unwrap();
    for v in &entry.versions {
        assert!(v.value["data"]["Coins"].is_i64(), "{}", v.value);
        assert!(v.value["data"]["Inventory"].is_array(), "{}", v.value);
    }
    g.assert_no_errors(s);
}

// 7. Requests per session ---------------------------------------------------------------------------------

/// Requests of one session of a returning player: (join, auto-saves, each auto-save's requests, leave).
fn session_requests(
    g: &mut Game,
    s: ServerId,
    user: i64,
    play: f64,
) -> (usize, usize, usize, usize) {
    let t0 = g.world.now();
    g.world.server(s).join(user, "alice").unwrap();
    g.wait_until(0.1, 30.0, |g| g.loaded(s, user));
    g.world.advance(1.0);
    let join = requests_since(&g.world, t0).len();
    let t1 = g.world.now();
    g.world.advance(play);
    let during = requests_since(&g.world, t1);
    let auto_saves = during
        .iter()
        .filter(|e| {
            e.method == "UpdateAsync" && e.key.as_deref() == Some(&format!("Player_{user}"))
        })
        .count();
    let t2 = g.world.now();
    g.world.server(s).leave(user).unwrap();
    g.world.advance(5.0);
    let leave = requests_since(&g.world, t2).len();
    (join, auto_saves, during.len(), leave)
}

#[test]
fn a_session_costs_one_request_to_join_one_per_auto_save_and_one_to_leave() {
    let mut project = example("starter");
    project.save_policy.backups.count = 0;
    project.leaderboards.clear();
    let mut g = Game::new(&project);
    let s = g.server();
    // A new player, whose key is also looked up in the older DataStore (history): reported, not counted.
    let t0 = g.world.now();
    g.world.server(s).join(1, "alice").unwrap();
    g.world.advance(3.0);
    let first: Vec<String> = requests_since(&g.world, t0)
        .iter()
        .map(|e| format!("{} {}", e.method, e.store))
        .collect();
    g.world.server(s).leave(1).unwrap();
    g.world.advance(3.0);
    // A returning player.
    let (join, auto_saves, during, leave) = session_requests(&mut g, s, 1, 1000.0);
    assert_eq!(join, 1, "join");
    assert_eq!(auto_saves, 3, "auto-saves in 1000 s at 300 s");
    assert_eq!(
        during, auto_saves,
        "nothing but the auto-saves while playing"
    );
    assert_eq!(leave, 1, "leave");
    // Without an older DataStore, a new player's join is one request too.
    let mut fresh = example("starter");
    fresh.save_policy.backups.count = 0;
    fresh.leaderboards.clear();
    // Version 1 was kept in the same store: no older DataStore to look in.
    fresh.history[0].datastore = fresh.save_policy.datastore.clone();
    let mut g2 = Game::new(&fresh);
    let s2 = g2.server();
    let t = g2.world.now();
    g2.world.server(s2).join(5, "new").unwrap();
    g2.world.advance(3.0);
    assert_eq!(requests_since(&g2.world, t).len(), 1);
    // Backups, counted separately: one UpdateAsync on the backup key per backup.
    let mut backed = example("starter");
    backed.leaderboards.clear();
    backed.history[0].datastore = backed.save_policy.datastore.clone();
    let mut g3 = Game::new(&backed);
    let s3 = g3.server();
    let (join3, _, during3, leave3) = session_requests(&mut g3, s3, 9, 1000.0);
    let backups = requests_since(&g3.world, 0.0)
        .iter()
        .filter(|e| e.key.as_deref() == Some("Player_9/backups"))
        .count();
    println!(
        "requests per session: join {join} (new player with an older DataStore: {} = {first:?}), \
         {auto_saves} auto-saves {during} requests, leave {leave}; with backups every 600 s: join {join3}, \
         1000 s of play {during3}, leave {leave3}, of which {backups} backup writes",
        first.len()
    );
    assert!(backups >= 1);
    assert_eq!(join3 + during3 + leave3, 1 + 3 + 1 + backups);
    g.assert_no_errors(s);
}

// 8. Leaderboard ------------------------------------------------------------------------------------------

fn top_list(g: &Game, s: ServerId) -> Vec<(i64, String, i64, i64)> {
    let rows: Vec<mlua::Table> = g.eval(s, r#"return DM:GetLeaderboard("TopCoins")"#);
    rows.into_iter()
        .map(|t| {
            (
                t.get("rank").unwrap(),
                t.get("name").unwrap(),
                t.get("value").unwrap(),
                t.get("userId").unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_leaderboard_publishes_the_correct_top_ten_and_writes_only_changed_values() {
    use rand::{RngExt, SeedableRng};
    let project = example("starter");
    let board = project.leaderboards[0].clone();
    let mut g = Game::new(&project);
    let servers: Vec<ServerId> = (0..4).map(|_| g.server()).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    let mut coins: BTreeMap<i64, i64> = BTreeMap::new();
    let mut used = BTreeSet::new();
    for id in 1..=200i64 {
        g.world.set_user_name(id, &format!("Name{id}"));
        let mut c = rng.random_range(0..1_000_000);
        while !used.insert(c) {
            c = rng.random_range(0..1_000_000);
        }
        coins.insert(id, c);
    }
    let server_of = |id: i64| servers[((id - 1) / 50) as usize];
    for id in 1..=200 {
        g.world
            .server(server_of(id))
            .join(id, &format!("Name{id}"))
            .unwrap();
    }
    g.world.advance(20.0);
    for id in 1..=200 {
        assert!(g.set_coins(server_of(id), id, coins[&id]));
        // Boards show saved values (issue 11, item 8): save now rather than wait for the auto-save.
        g.run(server_of(id), &format!("DM:Save(P({id}))"));
    }
    let expected = |coins: &BTreeMap<i64, i64>| -> Vec<(i64, String, i64, i64)> {
        let mut all: Vec<(i64, i64)> = coins.iter().map(|(id, c)| (*id, *c)).collect();
        all.sort_by_key(|b| std::cmp::Reverse(b.1));
        all.iter()
            .take(10)
            .enumerate()
            .map(|(i, (id, c))| (i as i64 + 1, format!("Name{id}"), *c, *id))
            .collect()
    };
    // Two update cycles: every stat written, then every server reads the complete top list.
    g.world.advance(board.update_seconds as f64 * 2.0 + 20.0);
    for &s in &servers {
        assert_eq!(top_list(&g, s), expected(&coins), "server {s}");
    }
    for id in 1..=200 {
        assert_eq!(
            g.world
                .backend()
                .contents()
                .get_ordered(&board.ordered_datastore, &id.to_string()),
            Some(coins[&id])
        );
    }
    // Nothing changed: no writes in a whole cycle.
    let t = g.world.now();
    g.world.advance(board.update_seconds as f64 + 10.0);
    let ordered_writes = |g: &Game, since: f64| -> BTreeMap<usize, usize> {
        let mut per_server = BTreeMap::new();
        for e in requests_since(&g.world, since) {
            // This board's writes (the starter's weekly board writes what was earned, too).
            if e.ordered
                && e.store == board.ordered_datastore
                && e.request_types
                    .contains(&datastore_designer::sim::RequestType::OrderedWrite)
            {
                *per_server.entry(e.server).or_insert(0) += 1;
            }
        }
        per_server
    };
    assert!(
        ordered_writes(&g, t).is_empty(),
        "{:?}",
        ordered_writes(&g, t)
    );
    // Seven players' coins change (two into the top 10): exactly those are written, once.
    let changed: Vec<i64> = vec![3, 60, 61, 110, 150, 151, 199];
    let mut want: BTreeMap<usize, usize> = BTreeMap::new();
    for (n, id) in changed.iter().enumerate() {
        let c = if n < 2 {
            2_000_000 + n as i64
        } else {
            coins[id] + 1
        };
        coins.insert(*id, c);
        assert!(g.set_coins(server_of(*id), *id, c));
        g.run(server_of(*id), &format!("DM:Save(P({id}))"));
        *want.entry(server_of(*id)).or_insert(0) += 1;
    }
    let t = g.world.now();
    g.world.advance(board.update_seconds as f64 * 2.0 + 10.0);
    assert_eq!(ordered_writes(&g, t), want);
    g.world.advance(board.update_seconds as f64 + 10.0);
    for &s in &servers {
        let top = top_list(&g, s);
        assert_eq!(top, expected(&coins), "server {s}");
        assert!(top.windows(2).all(|w| w[0].2 > w[1].2));
        g.assert_no_errors(s);
    }
    println!(
        "leaderboard top 10 over 4 servers: {:?}",
        top_list(&g, servers[0])
    );
}
