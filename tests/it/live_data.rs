//! Live player data end to end: an exported game runs in the emulator, the
//! loopback Open Cloud server answers on the same backend, and the live-data
//! client reads, fixes, restores and erases through it.

use std::time::{Duration, Instant};

use datastore_designer::live::{
    ApiKey, AuditAction, AuditLog, Call, Cloud, CloudConfig, LiveError, LivePlayers, LockState,
    PlayerRef, ReleaseWait, RestoreSource, SaveOptions,
};
use datastore_designer::sim::opencloud::{
    CloudRules, KeyRule, LoopbackCloud, RunningCloud, scopes, system_ms,
};
use datastore_designer::sim::{World, WorldConfig};
use serde_json::{Value as Json, json};

use crate::common::{Game, example};

const UNIVERSE: u64 = 4242;
const KEY: &str = "test-key-0001";

/// A game of the starter example, its loopback server, an audit log and the
/// client, seen by the test thread.
struct Live {
    game: Game,
    cloud: LoopbackCloud,
    players: LivePlayers,
    audit: tempfile::TempDir,
}

fn unix_ms(world: &World) -> i64 {
    ((WorldConfig::default().start_unix + world.now()) * 1000.0) as i64
}

impl Live {
    fn new() -> Live {
        Live::with_rules(CloudRules::new(UNIVERSE, KEY).with_user(1, "Ana"))
    }

    fn with_rules(rules: CloudRules) -> Live {
        let project = example("starter");
        let game = Game::new(&project);
        let cloud = LoopbackCloud::start(rules).unwrap();
        let audit = tempfile::tempdir().unwrap();
        let players = client(
            &cloud,
            KEY,
            &project,
            Some(AuditLog::at(audit.path().join("audit.jsonl"))),
        );
        Live {
            game,
            cloud,
            players,
            audit,
        }
    }

    /// Runs `f` on a worker thread (as the window does) while this thread
    /// answers its requests on the game's backend.
    fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&LivePlayers, &Call) -> T + Send + 'static,
    ) -> T {
        let players = self.players.clone();
        let call = Call::new();
        let handle = std::thread::spawn(move || f(&players, &call));
        let world = &self.game.world;
        let done = self.cloud.serve_until(
            world.backend(),
            || unix_ms(world),
            || handle.is_finished(),
            Duration::from_secs(60),
        );
        assert!(done, "the client did not finish");
        handle.join().unwrap()
    }

    /// Runs `f` on a worker thread while this thread answers its requests
    /// and the game plays on (0.1 s of game time per round): for calls that
    /// wait for the game to do something.
    fn run_playing<T: Send + 'static>(
        &mut self,
        f: impl FnOnce(&LivePlayers, &Call) -> T + Send + 'static,
    ) -> T {
        let players = self.players.clone();
        let call = Call::new();
        let handle = std::thread::spawn(move || f(&players, &call));
        let until = Instant::now() + Duration::from_secs(120);
        while !handle.is_finished() && Instant::now() < until {
            let world = &self.game.world;
            self.cloud
                .serve_for(world.backend(), || unix_ms(world), Duration::from_millis(5));
            self.game.world.advance(0.1);
        }
        let world = &self.game.world;
        self.cloud.serve_pending(world.backend(), unix_ms(world));
        assert!(handle.is_finished(), "the client did not finish");
        handle.join().unwrap()
    }

    /// Messages published through the API reach the game's servers.
    fn connect_messaging(&self) {
        self.cloud.connect_messaging(
            self.game.world.bus().clone(),
            WorldConfig::default().start_unix,
        );
    }

    fn audit(&self) -> Vec<datastore_designer::live::AuditEntry> {
        AuditLog::at(self.audit.path().join("audit.jsonl"))
            .read_all()
            .unwrap()
    }

    /// Player 1 plays a session with `coins` and leaves (the final save
    /// releases the lock).
    fn play_session(&mut self, coins: i64) {
        let s = self.game.server();
        self.game.world.server(s).join(1, "Ana").unwrap();
        self.game.wait_until(0.5, 30.0, |g| g.loaded(s, 1));
        assert!(self.game.set_coins(s, 1, coins));
        self.game.world.server(s).leave(1).unwrap();
        self.game.world.advance(10.0);
        self.game.assert_no_errors(s);
    }

    fn stored_coins(&self) -> Option<i64> {
        self.game
            .record("PlayerData_v2", 1)
            .and_then(|r| r["data"]["Coins"].as_i64())
    }
}

fn client(
    cloud: &LoopbackCloud,
    key: &str,
    project: &datastore_designer::project::Project,
    audit: Option<AuditLog>,
) -> LivePlayers {
    let cloud = Cloud::new(
        CloudConfig::loopback(cloud.url(), UNIVERSE),
        ApiKey::new(key).unwrap(),
    );
    LivePlayers::new(cloud, project, audit)
}

fn with_coins(
    record: &datastore_designer::live::PlayerRecord,
    coins: i64,
) -> serde_json::Map<String, Json> {
    let mut data = record.data.clone();
    data.insert("Coins".into(), json!(coins));
    data
}

#[test]
fn a_record_the_game_saved_reads_as_the_schemas_form() {
    let mut live = Live::new();
    live.play_session(50);
    let record = live.run(|p, call| {
        let id = p
            .find_player(&PlayerRef::parse("ana").unwrap(), call)
            .unwrap();
        p.look_up(id, call).unwrap()
    });
    assert_eq!(record.user_id, 1);
    assert_eq!(record.version, 2);
    let account = live.run(|p, call| p.account(1, call).unwrap());
    assert_eq!(account.map(|a| a.name), Some("Ana".to_string()));
    assert_eq!(live.run(|p, call| p.account(99, call).unwrap()), None);
    assert_eq!(live.players.lock_state(&record), LockState::Free);
    let form = live.players.form(&record);
    assert_eq!(form.read_only, None);
    let coins = form.field("Coins").unwrap();
    assert_eq!(coins.value, Some(json!(50)));
    assert_eq!(coins.type_name, "whole number");
    assert_eq!(coins.limits, vec!["at least 0"]);
    assert!(coins.description.starts_with("Money"));
    assert!(form.problems().is_empty());
    let entries = live.audit();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, AuditAction::Read);
    assert_eq!(entries[0].user_id, Some(1));
}

#[test]
fn a_save_during_a_live_session_is_refused_unless_forced() {
    let mut live = Live::new();
    let s = live.game.server();
    live.game.world.server(s).join(1, "Ana").unwrap();
    live.game.wait_until(0.5, 30.0, |g| g.loaded(s, 1));
    assert!(live.game.set_coins(s, 1, 7));
    let record = live.run(|p, call| p.look_up(1, call).unwrap());
    let lock = live.players.lock_state(&record);
    assert!(lock.is_live(), "{lock:?}");
    assert!(
        lock.describe().starts_with("in a game on server "),
        "{}",
        lock.describe()
    );

    let refused = {
        let record = record.clone();
        live.run(move |p, call| {
            p.save(
                &record,
                with_coins(&record, 1000),
                SaveOptions::default(),
                call,
            )
        })
    };
    assert!(
        matches!(refused, Err(LiveError::InLiveSession { .. })),
        "{refused:?}"
    );
    assert_eq!(live.stored_coins(), Some(0), "nothing was written");

    let forced = {
        let record = record.clone();
        live.run(move |p, call| {
            p.save(
                &record,
                with_coins(&record, 1000),
                SaveOptions { force: true },
                call,
            )
        })
    };
    let forced = forced.unwrap();
    assert_eq!(forced.data["Coins"], json!(1000));
    // The lock was kept exactly, so the live server saves as usual and
    // overwrites the change: what the warning said.
    assert_eq!(
        forced.meta.lock.as_ref().map(|l| &l.raw),
        record.meta.lock.as_ref().map(|l| &l.raw)
    );
    live.game.world.server(s).leave(1).unwrap();
    live.game.world.advance(10.0);
    live.game.assert_no_errors(s);
    assert_eq!(live.stored_coins(), Some(7));
    let actions: Vec<AuditAction> = live.audit().iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            AuditAction::Read,
            AuditAction::Save,
            AuditAction::ForcedSave
        ]
    );
    assert!(
        live.audit()[1].outcome.contains("in a game"),
        "{}",
        live.audit()[1].outcome
    );
    assert_eq!(live.audit()[2].changes[0].describe(), "Coins: 0 → 1000");
}

#[test]
fn a_change_made_meanwhile_is_an_etag_conflict_not_an_overwrite() {
    let mut live = Live::new();
    live.play_session(5);
    let record = live.run(|p, call| p.look_up(1, call).unwrap());
    live.play_session(60);
    let result = live.run(move |p, call| {
        p.save(
            &record,
            with_coins(&record, 1),
            SaveOptions::default(),
            call,
        )
    });
    match result {
        Err(LiveError::Conflict {
            current: Some(current),
        }) => {
            assert_eq!(current.value["data"]["Coins"], json!(60));
        }
        other => panic!("expected a conflict with the current value, got {other:?}"),
    }
    assert_eq!(live.stored_coins(), Some(60));
    assert!(live.cloud.served().iter().any(|r| r.status == 412));
}

#[test]
fn a_rate_limited_call_backs_off_and_then_succeeds() {
    let mut live = Live::new();
    live.play_session(3);
    live.cloud.throttle_next(3, None);
    let record = live.run(|p, call| {
        let record = p.look_up(1, call);
        (record, call.progress().requests)
    });
    assert_eq!(record.0.unwrap().data["Coins"], json!(3));
    assert_eq!(record.1, 4, "three refused tries and one that worked");
    let statuses: Vec<u16> = live.cloud.served().iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![429, 429, 429, 200]);

    // Retry-After is followed: one second before the next try.
    live.cloud.throttle_next(1, Some(1));
    let started = Instant::now();
    live.run(|p, call| p.look_up(1, call).unwrap());
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );

    // Past the last try, the error says to wait.
    live.cloud.throttle_next(100, None);
    let failed = live.run(|p, call| p.look_up(1, call));
    assert!(
        matches!(failed, Err(LiveError::RateLimited { tries: 6 })),
        "{failed:?}"
    );
}

#[test]
fn the_rate_limit_of_the_universe_is_enforced_with_retry_after() {
    let mut rules = CloudRules::new(UNIVERSE, KEY);
    rules.requests_per_minute = Some(2);
    // A server on its own thread and this computer's clock, as the window's
    // tests use it.
    let running = RunningCloud::start(rules, |backend| {
        let value = json!({"data": {"Coins": 3}, "meta": {"schemaVersion": 2}});
        backend.put("PlayerData_v2", "global", "Player_1", value, system_ms());
    })
    .unwrap();
    let mut config = CloudConfig::loopback(running.url(), UNIVERSE);
    config.backoff.attempts = 2;
    config.backoff.max = Duration::from_millis(100);
    let cloud = Cloud::new(config, ApiKey::new(KEY).unwrap());
    let players = LivePlayers::new(cloud, &example("starter"), None);
    let call = Call::new();
    assert_eq!(players.look_up(1, &call).unwrap().data["Coins"], json!(3));
    assert!(players.look_up(1, &call).is_ok());
    let third = players.look_up(1, &call);
    assert!(
        matches!(third, Err(LiveError::RateLimited { tries: 2 })),
        "{third:?}"
    );
    let served = running.with(|_, cloud| cloud.served());
    let statuses: Vec<u16> = served.iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![200, 200, 429, 429]);
    // Retry-After says when the minute frees up.
    assert!(
        served[2]
            .retry_after
            .is_some_and(|s| (58..=60).contains(&s)),
        "{served:?}"
    );
}

#[test]
fn cancelling_stops_a_call_that_is_backing_off() {
    let live = Live::new();
    live.cloud.throttle_next(100, Some(30));
    let players = live.players.clone();
    let call = Call::new();
    let worker_call = call.clone();
    let handle = std::thread::spawn(move || players.look_up(1, &worker_call));
    let world = &live.game.world;
    live.cloud.serve_for(
        world.backend(),
        || unix_ms(world),
        Duration::from_millis(300),
    );
    assert!(
        call.progress().describe().contains("slow down"),
        "{}",
        call.progress().describe()
    );
    call.cancel();
    let started = Instant::now();
    let done = live.cloud.serve_until(
        world.backend(),
        || unix_ms(world),
        || handle.is_finished(),
        Duration::from_secs(5),
    );
    assert!(done);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(matches!(handle.join().unwrap(), Err(LiveError::Cancelled)));
}

#[test]
fn a_restored_backup_is_what_the_game_loads_next() {
    let mut live = Live::new();
    let s = live.game.server();
    live.game.world.server(s).join(1, "Ana").unwrap();
    live.game.wait_until(0.5, 30.0, |g| g.loaded(s, 1));
    assert!(live.game.set_coins(s, 1, 10));
    // The auto-save writes a backup (the first is due at once).
    live.game.world.advance(320.0);
    assert!(live.game.set_coins(s, 1, 999_999));
    live.game.world.server(s).leave(1).unwrap();
    live.game.world.advance(10.0);
    assert_eq!(live.stored_coins(), Some(999_999));

    let (current, backups, plan) = live.run(|p, call| {
        let current = p.look_up(1, call).unwrap();
        let backups = p.backups(1, call).unwrap();
        let plan = p
            .plan_restore(&current, &RestoreSource::Backup { index: 1 }, call)
            .unwrap();
        (current, backups, plan)
    });
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].data["Coins"], json!(10));
    let words: Vec<String> = plan.changes.iter().map(|c| c.describe()).collect();
    assert_eq!(words, vec!["Coins: 999999 → 10"]);
    assert!(plan.problems.is_empty());
    let restored = live
        .run(move |p, call| p.restore(&current, &plan, SaveOptions::default(), call))
        .unwrap();
    assert_eq!(restored.data["Coins"], json!(10));
    assert!(restored.meta.raw.contains_key("restoredAt"));

    // The replaced data is kept as a backup, as the runtime's restore does.
    let backups = live.run(|p, call| p.backups(1, call).unwrap());
    assert_eq!(backups[0].note.as_deref(), Some("before restore"));
    assert_eq!(backups[0].data["Coins"], json!(999_999));

    // The game loads the restored data.
    let s2 = live.game.server();
    live.game.world.server(s2).join(1, "Ana").unwrap();
    live.game.wait_until(0.5, 30.0, |g| g.loaded(s2, 1));
    assert_eq!(live.game.coins(s2, 1), Some(10));
    live.game.assert_no_errors(s2);
}

#[test]
fn a_restored_roblox_version_is_what_the_game_loads_next() {
    let mut live = Live::new();
    live.play_session(25);
    // Roblox keeps the first write of each hour: the next session is hours
    // later.
    live.game.world.advance(2.0 * 3600.0);
    live.play_session(0);
    let current = live.run(|p, call| p.look_up(1, call).unwrap());
    let versions = live.run(|p, call| p.versions(1, None, call).unwrap());
    assert!(versions.revisions.len() >= 2, "{versions:?}");
    // Find the version holding 25 coins, as a designer would by looking.
    let mut chosen = None;
    for revision in &versions.revisions {
        let id = revision.revision_id.clone();
        let current = current.clone();
        let plan = live.run(move |p, call| {
            p.plan_restore(&current, &RestoreSource::Version { revision_id: id }, call)
        });
        if let Ok(plan) = plan
            && plan.data.get("Coins") == Some(&json!(25))
        {
            chosen = Some(plan);
            break;
        }
    }
    let plan = chosen.expect("a version with 25 coins");
    assert_eq!(plan.changes[0].describe(), "Coins: 0 → 25");
    live.run(move |p, call| p.restore(&current, &plan, SaveOptions::default(), call))
        .unwrap();
    let s = live.game.server();
    live.game.world.server(s).join(1, "Ana").unwrap();
    live.game.wait_until(0.5, 30.0, |g| g.loaded(s, 1));
    assert_eq!(live.game.coins(s, 1), Some(25));
}

#[test]
fn erase_removes_everything_the_runtime_erase_removes() {
    let mut live = Live::new();
    let s = live.game.server();
    live.game.world.server(s).join(1, "Ana").unwrap();
    live.game.wait_until(0.5, 30.0, |g| g.loaded(s, 1));
    assert!(live.game.set_coins(s, 1, 40));
    // Long enough for a backup and a leaderboard entry.
    live.game.world.advance(320.0);
    live.game.world.server(s).leave(1).unwrap();
    live.game.world.advance(10.0);
    assert!(!live.game.world.find_user(1).is_empty());

    let report = live
        .run(|p, call| p.erase(1, SaveOptions::default(), call))
        .unwrap();
    let removed: Vec<String> = report
        .keys
        .iter()
        .filter(|k| k.removed)
        .map(|k| format!("{}/{}", k.store, k.key))
        .collect();
    assert!(
        removed.contains(&"PlayerData_v2/Player_1".to_string()),
        "{removed:?}"
    );
    assert!(
        removed.contains(&"PlayerData_v2/Player_1/backups".to_string()),
        "{removed:?}"
    );
    let found: Vec<_> = live.game.world.find_user(1).into_iter().collect();
    assert!(found.is_empty(), "{found:#?}");
    let erase = live
        .audit()
        .into_iter()
        .find(|e| e.action == AuditAction::Erase && e.outcome == "ok")
        .unwrap();
    assert!(erase.changes.iter().any(|c| c.path == "Coins"));
}

#[test]
fn keys_without_a_permission_are_told_which_one() {
    let mut rules = CloudRules::new(UNIVERSE, KEY);
    rules
        .keys
        .push(KeyRule::with("read-only", &[scopes::READ, scopes::LIST]));
    rules.keys.push(KeyRule::with("nothing", &[]));
    let mut live = Live::with_rules(rules);
    live.play_session(1);
    let project = example("starter");
    let reader = client(&live.cloud, "read-only", &project, None);
    let stranger = client(&live.cloud, "not-a-key", &project, None);
    let players = live.players.clone();
    live.players = reader;
    let record = live.run(|p, call| p.look_up(1, call).unwrap());
    let refused = live.run(move |p, call| {
        p.save(
            &record,
            with_coins(&record, 2),
            SaveOptions::default(),
            call,
        )
    });
    match refused {
        Err(LiveError::MissingPermission { permission, .. }) => {
            assert_eq!(permission, "universe-datastores.objects:update")
        }
        other => panic!("{other:?}"),
    }
    let report = live.run(|p, call| p.test_connection(call).unwrap());
    let missing: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| c.outcome != datastore_designer::live::CheckOutcome::Allowed)
        .map(|c| c.permission.as_str())
        .collect();
    assert_eq!(
        missing,
        vec![
            "universe-datastores.objects:update",
            "universe-datastores.objects:delete",
            "universe-datastores.versions:list",
            "universe-datastores.versions:read",
            "universe.ordered-data-store.scope.entry:read",
            "universe.ordered-data-store.scope.entry:write",
            "universe-messaging-service:publish",
        ]
    );
    assert!(
        report.lines()[2].contains("add the permission"),
        "{:?}",
        report.lines()
    );
    assert!(
        report.lines().iter().any(|l| l
            == "Can't ask a live game server to let go of a player (for an erase): add the permission \"universe-messaging-service:publish\" to the key on the Creator Dashboard."),
        "{:?}",
        report.lines()
    );

    live.players = players;
    let full = live.run(|p, call| p.test_connection(call).unwrap());
    assert!(full.all_allowed(), "{:?}", full.lines());
    live.players = client(&live.cloud, "nothing", &project, None);
    let none = live.run(|p, call| p.test_connection(call).unwrap());
    assert!(
        none.key_problem
            .as_deref()
            .is_some_and(|w| w.contains("universe id 4242")),
        "{none:?}"
    );
    live.players = stranger;
    let bad = live.run(|p, call| p.test_connection(call).unwrap());
    assert!(bad.key_problem.is_some());
    let read = live.run(|p, call| p.look_up(1, call));
    assert!(matches!(read, Err(LiveError::BadKey { .. })), "{read:?}");
}

#[test]
fn keys_and_leaderboards_can_be_browsed() {
    let mut live = Live::new();
    live.play_session(30);
    let s = live.game.server();
    live.game.world.server(s).join(2, "Bo").unwrap();
    live.game.wait_until(0.5, 30.0, |g| g.loaded(s, 2));
    assert!(live.game.set_coins(s, 2, 90));
    live.game.world.advance(200.0);
    live.game.world.server(s).leave(2).unwrap();
    live.game.world.advance(10.0);
    let (all, players, top) = live.run(|p, call| {
        let all = p.browse("", None, call).unwrap();
        let players = p.browse("Player_2", None, call).unwrap();
        let top = p.leaderboard_top("TopCoins", None, call).unwrap();
        (all, players, top)
    });
    assert!(all.keys.contains(&"Player_1".to_string()), "{all:?}");
    assert!(all.keys.contains(&"Player_2".to_string()), "{all:?}");
    assert!(
        players.keys.iter().all(|k| k.starts_with("Player_2")),
        "{players:?}"
    );
    assert_eq!(
        top.entries.first().map(|e| (e.id.as_str(), e.value)),
        Some(("2", 90)),
        "{top:?}"
    );
}

#[test]
fn a_username_that_does_not_exist_says_so() {
    let live = Live::new();
    let result = live.run(|p, call| p.find_player(&PlayerRef::parse("nobody").unwrap(), call));
    match result {
        Err(e @ LiveError::NotFound { .. }) => assert!(e.to_string().contains("\"nobody\""), "{e}"),
        other => panic!("{other:?}"),
    }
}

/// Runs `datastore-designer player …` against `running` with the key in the
/// environment, as a script would.
fn player_command(
    running: &RunningCloud,
    dir: &std::path::Path,
    args: &[&str],
) -> std::process::Output {
    let universe = UNIVERSE.to_string();
    std::process::Command::new(env!("CARGO_BIN_EXE_datastore-designer"))
        .arg("player")
        .args(args)
        .args([
            "--project",
            "game.ron",
            "--universe",
            &universe,
            "--audit-log",
            "audit.jsonl",
        ])
        .args(["--cloud-url", running.url()])
        .env("DATASTORE_DESIGNER_API_KEY", KEY)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn the_player_command_gets_sets_restores_and_erases() {
    let running = RunningCloud::start(CloudRules::new(UNIVERSE, KEY), |backend| {
        let now = system_ms();
        let data = json!({"Coins": 5, "Level": 2, "Gems": 0, "Inventory": [], "Settings": {"MusicOn": true, "Volume": 0.5}});
        let record = json!({"data": data, "meta": {"schemaVersion": 2, "createdAt": now / 1000, "savedAt": now / 1000}});
        backend.put("PlayerData_v2", "global", "Player_1", record, now);
        let backups = json!({"entries": [{"at": now / 1000 - 600, "schemaVersion": 2, "data": {"Coins": 77, "Level": 3, "Gems": 0, "Inventory": [], "Settings": []}}]});
        backend.put("PlayerData_v2", "global", "Player_1/backups", backups, now);
        // Player 2 is in a game right now.
        let lock = json!({"jobId": "job-live", "placeId": 1, "session": "s", "at": now / 1000});
        let live = json!({"data": {"Coins": 1}, "meta": {"schemaVersion": 2, "lock": lock}});
        backend.put("PlayerData_v2", "global", "Player_2", live, now);
    })
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("game.ron"),
        datastore_designer::project::examples::text("starter").unwrap(),
    )
    .unwrap();

    let out = player_command(&running, dir, &["get", "1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["data"]["Coins"], json!(5));
    assert_eq!(got["lock"], json!("free: the player is not in a game"));

    let out = player_command(&running, dir, &["set", "1", "--field", "Coins=500"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Coins: 5 → 500"),
        "{}",
        text(&out.stdout)
    );
    let stored = running.with(|b, _| b.contents().get("PlayerData_v2", "Player_1").cloned());
    assert_eq!(stored.unwrap()["data"]["Coins"], json!(500));

    let out = player_command(&running, dir, &["set", "1", "--field", "Coins=-1"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        text(&out.stderr).contains("Coins is below the smallest allowed value 0 (it is -1)"),
        "{}",
        text(&out.stderr)
    );

    let out = player_command(&running, dir, &["set", "2", "--field", "Coins=9"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        text(&out.stderr).contains("in a game right now (on server job-live)"),
        "{}",
        text(&out.stderr)
    );

    // A change not written as FIELD=VALUE is refused before anything is
    // read from Roblox: the audit log, which records every read, is as it was.
    let audit = std::fs::read_to_string(dir.join("audit.jsonl")).unwrap();
    let out = player_command(&running, dir, &["set", "1", "--field", "Coins"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--field Coins: write it as FIELD=VALUE"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("audit.jsonl")).unwrap(),
        audit,
        "nothing was read"
    );

    let out = player_command(&running, dir, &["restore", "1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Backups (restore with --backup N):\n  1: "),
        "{}",
        text(&out.stdout)
    );

    let out = player_command(
        &running,
        dir,
        &["restore", "1", "--backup", "1", "--dry-run"],
    );
    assert!(
        text(&out.stdout).contains("Coins: 500 → 77"),
        "{}",
        text(&out.stdout)
    );
    let stored = running.with(|b, _| b.contents().get("PlayerData_v2", "Player_1").cloned());
    assert_eq!(
        stored.unwrap()["data"]["Coins"],
        json!(500),
        "a dry run writes nothing"
    );

    let out = player_command(&running, dir, &["restore", "1", "--backup", "1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stored = running.with(|b, _| b.contents().get("PlayerData_v2", "Player_1").cloned());
    assert_eq!(stored.unwrap()["data"]["Coins"], json!(77));

    let out = player_command(&running, dir, &["erase", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--confirm 1"),
        "{}",
        text(&out.stderr)
    );
    let out = player_command(&running, dir, &["erase", "1", "--confirm", "1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("erased user 1"),
        "{}",
        text(&out.stdout)
    );
    let left = running.with(|b, _| {
        let contents = b.contents();
        (
            contents.get("PlayerData_v2", "Player_1").cloned(),
            contents.get("PlayerData_v2", "Player_1/backups").cloned(),
        )
    });
    assert_eq!(left, (None, None));

    let audit = AuditLog::at(dir.join("audit.jsonl")).read_all().unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == AuditAction::Erase && e.outcome == "ok")
    );
    assert!(
        audit
            .iter()
            .any(|e| e.action == AuditAction::RestoreBackup && e.outcome == "ok")
    );
}

/// The window's checks and the game's own (Validate.luau, run in the
/// emulator) word the same broken rule the same way.
#[test]
fn edits_are_checked_as_the_game_checks_them() {
    let project = example("starter");
    let mut game = Game::new(&project);
    let s = game.server();
    let cases = [
        ("Coins", json!(-5)),
        ("Coins", json!(2.5)),
        ("Coins", json!("lots")),
        ("Level", json!(1001)),
        ("Inventory", json!([1, 2, -3])),
        ("Inventory", json!({"a": 1})),
        ("Settings", json!({"MusicOn": "yes", "Volume": 0.5})),
        ("Settings", json!({"MusicOn": true, "Volume": 2})),
        ("Settings", json!(7)),
        ("Gems", json!(true)),
        ("Coins", json!(12)),
    ];
    for (name, value) in cases {
        let field = project.field(name).unwrap();
        let ours =
            datastore_designer::live::validate::check_field(field, Some(&value)).map(|p| p.message);
        let encoded = serde_json::to_string(&value.to_string()).unwrap();
        let theirs: Option<String> = game.eval(
            s,
            &format!(
                r#"local DMF = game:GetService("ServerScriptService").DataManager
                local Config = require(DMF.Config)
                local Validate = require(DMF.Validate)
                local value = game:GetService("HttpService"):JSONDecode({encoded})
                for _, spec in Config.fields do
                    if spec.name == "{name}" then
                        local problem = Validate.field(spec, value)
                        return problem and problem.message
                    end
                end
                error("no field {name}")"#
            ),
        );
        assert_eq!(ours, theirs, "{name} = {value}");
    }
}

#[test]
fn a_player_still_in_an_older_data_store_is_fixed_there_and_the_game_moves_it() {
    let mut live = Live::new();
    // Saved before the DataManager (a plain table) in version 1's store.
    live.game.world.backend().put(
        "PlayerData_v1",
        "global",
        "Player_1",
        json!({"Coins": 5, "Level": 2.7, "Inventory": [1]}),
        unix_ms(&live.game.world),
    );
    let record = live.run(|p, call| p.look_up(1, call).unwrap());
    assert_eq!(record.store.name, "PlayerData_v1");
    assert_eq!(record.version, 1);
    assert!(
        live.players
            .older_store_note(&record)
            .unwrap()
            .contains("PlayerData_v2")
    );
    let form = live.players.form(&record);
    assert_eq!(
        form.field("Level").unwrap().type_name,
        "number",
        "version 1's fields"
    );
    assert!(form.field("Gems").is_none());
    let saved = live
        .run(move |p, call| {
            p.save(
                &record,
                with_coins(&record, 70),
                SaveOptions::default(),
                call,
            )
        })
        .unwrap();
    assert_eq!(saved.store.name, "PlayerData_v1");
    assert_eq!(
        live.game
            .world
            .backend()
            .contents()
            .get("PlayerData_v1", "Player_1"),
        Some(&json!({"Coins": 70, "Level": 2.7, "Inventory": [1]})),
        "a plain table stays plain"
    );
    let s = live.game.server();
    live.game.world.server(s).join(1, "Ana").unwrap();
    live.game.wait_until(0.5, 30.0, |g| g.loaded(s, 1));
    assert_eq!(live.game.coins(s, 1), Some(70));
    let level: i64 = live.game.eval(s, "return DM:GetData(P(1)).Level");
    assert_eq!(level, 2);
}

/// The sample the window's tests use reads as it says: a free player with
/// an unknown field, one in a game, one breaking the rules.
#[test]
fn the_sample_live_data_reads_as_documented() {
    use datastore_designer::sim::opencloud::sample;
    let running = RunningCloud::start(sample::sample_rules(), |backend| {
        sample::seed_starter_sample(backend, system_ms())
    })
    .unwrap();
    let cloud = Cloud::new(
        CloudConfig::loopback(running.url(), sample::SAMPLE_UNIVERSE),
        ApiKey::new(sample::SAMPLE_KEY).unwrap(),
    );
    let players = LivePlayers::new(cloud, &example("starter"), None);
    let call = Call::new();
    let ana = players
        .look_up(
            players
                .find_player(&PlayerRef::parse("Ana").unwrap(), &call)
                .unwrap(),
            &call,
        )
        .unwrap();
    assert_eq!(players.lock_state(&ana), LockState::Free);
    assert_eq!(players.form(&ana).unknown[0].name, "OldQuest");
    assert_eq!(players.backups(1, &call).unwrap().len(), 2);
    assert_eq!(players.versions(1, None, &call).unwrap().revisions.len(), 2);
    let bo = players.look_up(2, &call).unwrap();
    assert!(
        players
            .lock_state(&bo)
            .describe()
            .starts_with("in a game on server 9f1c-live-server since ")
    );
    let cy = players.look_up(3, &call).unwrap();
    let problems: Vec<String> = players
        .form(&cy)
        .problems()
        .into_iter()
        .map(|p| p.message)
        .collect();
    assert_eq!(
        problems,
        vec![
            "Coins is below the smallest allowed value 0 (it is -5)",
            "Level is above the largest allowed value 1000 (it is 2000)",
        ]
    );
    let top = players.leaderboard_top("TopCoins", None, &call).unwrap();
    assert_eq!(
        top.entries.iter().map(|e| e.value).collect::<Vec<_>>(),
        vec![120, 75, 0]
    );
}

/// Records the game itself would not load are shown, never written over.
#[test]
fn unreadable_and_newer_records_are_read_only() {
    let running = RunningCloud::start(CloudRules::new(UNIVERSE, KEY), |backend| {
        let now = system_ms();
        backend.put(
            "PlayerData_v2",
            "global",
            "Player_1",
            json!("not a table"),
            now,
        );
        let newer = json!({"data": {"Coins": 1, "Shiny": true}, "meta": {"schemaVersion": 9}});
        backend.put("PlayerData_v2", "global", "Player_2", newer, now);
    })
    .unwrap();
    let cloud = Cloud::new(
        CloudConfig::loopback(running.url(), UNIVERSE),
        ApiKey::new(KEY).unwrap(),
    );
    let players = LivePlayers::new(cloud, &example("starter"), None);
    let call = Call::new();
    for (user, says) in [
        (1, "can't load this record"),
        (2, "newer version of the game"),
    ] {
        let record = players.look_up(user, &call).unwrap();
        let form = players.form(&record);
        assert!(
            form.read_only.as_deref().is_some_and(|w| w.contains(says)),
            "{:?}",
            form.read_only
        );
        let refused = players.save(
            &record,
            record.data.clone(),
            SaveOptions { force: true },
            &call,
        );
        assert!(
            matches!(refused, Err(LiveError::Unusable(_))),
            "{refused:?}"
        );
    }
    let newer = players.look_up(2, &call).unwrap();
    assert_eq!(
        players.form(&newer).unknown.len(),
        2,
        "every field listed, none dropped"
    );
    let stored = running.with(|b, _| b.contents().get("PlayerData_v2", "Player_1").cloned());
    assert_eq!(stored, Some(json!("not a table")));
}

/// A short wait for the live server, read often: the tests' game runs faster
/// than the clock.
fn quick_release_wait() -> ReleaseWait {
    ReleaseWait {
        total: Duration::from_secs(20),
        read_every: Duration::from_millis(100),
        ask_every: Duration::from_secs(5),
    }
}

#[test]
fn a_player_in_a_game_is_asked_to_leave_then_erased_and_nothing_is_left() {
    let mut live = Live::new();
    live.connect_messaging();
    live.players.set_release_wait(quick_release_wait());
    let s = live.game.server();
    live.game.world.server(s).join(1, "Ana").unwrap();
    live.game.wait_until(0.5, 30.0, |g| g.loaded(s, 1));
    assert!(live.game.set_coins(s, 1, 40));
    // Long enough for a backup and a leaderboard entry.
    live.game.world.advance(320.0);
    let record = live.run(|p, call| p.look_up(1, call).unwrap());
    let lock = record.meta.lock.clone().expect("the player is in a game");
    assert!(live.players.lock_state(&record).is_live());

    let report = live
        .run_playing(|p, call| p.erase(1, SaveOptions::default(), call))
        .unwrap();
    assert!(
        report
            .keys
            .iter()
            .any(|k| k.removed && k.key == "Player_1" && k.store == "PlayerData_v2"),
        "{report:?}"
    );
    // The request went, as JSON text, to the holder's own topic.
    let published = live.cloud.published();
    assert_eq!(published[0].0, format!("DataManager_{}", lock.job_id));
    let request: Json = serde_json::from_str(&published[0].1).unwrap();
    assert_eq!(request["reason"], "erase");
    assert_eq!(request["session"], json!(lock.session));
    // The game kicked the player with the erasure message.
    let kicks = live.game.world.server(s).kicks();
    assert_eq!(
        kicks,
        vec![(
            1,
            "Your saved data for this game has been erased.".to_string()
        )]
    );
    assert!(!live.game.world.server(s).players().contains(&1));
    // Nothing about them is left, now or after the game plays on.
    let found: Vec<_> = live.game.world.find_user(1).into_iter().collect();
    assert!(found.is_empty(), "{found:#?}");
    live.game.world.advance(120.0);
    let found: Vec<_> = live.game.world.find_user(1).into_iter().collect();
    assert!(found.is_empty(), "{found:#?}");
    live.game.assert_no_errors(s);
}

#[test]
fn an_erase_whose_request_is_lost_is_refused_and_changes_nothing() {
    let mut live = Live::new();
    live.connect_messaging();
    live.players.set_release_wait(ReleaseWait {
        total: Duration::from_secs(2),
        read_every: Duration::from_millis(100),
        ask_every: Duration::from_millis(500),
    });
    let s = live.game.server();
    live.game.world.server(s).join(1, "Ana").unwrap();
    live.game.wait_until(0.5, 30.0, |g| g.loaded(s, 1));
    assert!(live.game.set_coins(s, 1, 40));
    live.game.world.advance(320.0);
    live.game.world.bus().set_loss_rate(1.0);
    let before = live.game.world.backend().contents();

    let refused = live.run_playing(|p, call| p.erase(1, SaveOptions::default(), call));
    match &refused {
        Err(error @ LiveError::NotReleased { .. }) => {
            let words = error.to_string();
            assert!(words.contains("did not let go"), "{words}");
            assert!(words.contains("Nothing was erased"), "{words}");
        }
        other => panic!("{other:?}"),
    }
    // Asked more than once (a message may be lost), heard never.
    assert!(
        live.cloud.published().len() >= 2,
        "{:?}",
        live.cloud.published()
    );
    assert!(live.game.world.server(s).kicks().is_empty());
    assert!(live.game.world.server(s).players().contains(&1));
    assert!(live.game.loaded(s, 1));
    // Nothing was removed: every key that was there still is.
    let after = live.game.world.backend().contents();
    for (store, key) in [
        ("PlayerData_v2", "Player_1"),
        ("PlayerData_v2", "Player_1/backups"),
    ] {
        assert!(before.get(store, key).is_some(), "{store}/{key} before");
        assert!(after.get(store, key).is_some(), "{store}/{key} after");
    }
    assert!(!live.game.world.find_user(1).is_empty());
    let audit = live.audit();
    assert!(
        audit
            .iter()
            .any(|e| e.action == AuditAction::Erase && e.outcome != "ok"),
        "{audit:#?}"
    );
    live.game.assert_no_errors(s);
}

#[test]
fn a_release_request_as_text_is_read_only_when_well_formed() {
    let mut live = Live::new();
    live.connect_messaging();
    let s = live.game.server();
    live.game.world.server(s).join(1, "Ana").unwrap();
    live.game.wait_until(0.5, 30.0, |g| g.loaded(s, 1));
    let record = live.run(|p, call| p.look_up(1, call).unwrap());
    let lock = record.meta.lock.clone().unwrap();
    let topic = format!("DataManager_{}", lock.job_id);
    // Malformed text, other kinds, a request naming no session or another
    // session: all ignored, without an error.
    let ignored = [
        "not json".to_string(),
        "[1, 2]".to_string(),
        json!({"kind": "gift", "userId": 1, "from": "x", "id": "g", "name": "n"}).to_string(),
        json!({"kind": "release", "userId": 1, "from": "x", "reason": "erase"}).to_string(),
        json!({"kind": "release", "userId": 1, "session": "another", "from": "x", "reason": "erase"})
            .to_string(),
        json!({"kind": "release", "userId": "one", "session": lock.session, "from": "x"}).to_string(),
        json!({"kind": "release", "userId": 1, "session": lock.session}).to_string(),
    ];
    for text in &ignored {
        let topic = topic.clone();
        let text = text.clone();
        live.run(move |p, call| p.cloud().publish_message(&topic, &text, call).unwrap());
        live.game.world.advance(2.0);
    }
    assert!(live.game.world.server(s).kicks().is_empty());
    assert!(live.game.loaded(s, 1));
    live.game.assert_no_errors(s);
    // The well-formed one is heard.
    let text =
        datastore_designer::live::release::erase_request(1, lock.session.as_deref().unwrap());
    live.run(move |p, call| p.cloud().publish_message(&topic, &text, call).unwrap());
    live.game
        .wait_until(0.5, 10.0, |g| !g.world.server(s).kicks().is_empty());
    assert_eq!(live.game.world.server(s).kicks().len(), 1);
    live.game.assert_no_errors(s);
}
