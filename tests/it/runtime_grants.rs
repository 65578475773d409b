//! Developer products, gifts, erasure, Peek and the hooks of the exported
//! DataManager, run unmodified in the emulator. Receipts are handed to
//! `MarketplaceService.ProcessReceipt` the way Roblox calls it, so each test
//! sees the decision Roblox would get.

use crate::common;

use common::{Game, example};
use datastore_designer::sim::{FaultConfig, OutputKind, ServerId, WorldConfig};
use serde_json::{Value as Json, json};

const STORE: &str = "PlayerData_v2";
const GEMS100: u64 = 1_000_001;
const STARTER_PACK: u64 = 1_000_002;

/// Calls ProcessReceipt as Roblox does, in a thread of its own; the decision
/// lands in `_G.decisions[purchaseId]` (a list: one entry per delivery).
fn deliver(g: &Game, s: ServerId, user: i64, product: u64, purchase: &str) {
    g.run(
        s,
        &format!(
            r#"local MarketplaceService = game:GetService("MarketplaceService")
            local decision = MarketplaceService.ProcessReceipt({{
                PurchaseId = "{purchase}", PlayerId = {user}, ProductId = {product},
                PlaceIdWherePurchased = game.PlaceId, CurrencySpent = 10, CurrencyType = "Robux",
            }})
            _G.decisions = _G.decisions or {{}}
            _G.decisions["{purchase}"] = _G.decisions["{purchase}"] or {{}}
            table.insert(_G.decisions["{purchase}"], tostring(decision))"#
        ),
    );
}

fn decisions(g: &Game, s: ServerId, purchase: &str) -> Vec<String> {
    g.eval(
        s,
        &format!(r#"return (_G.decisions and _G.decisions["{purchase}"]) or {{}}"#),
    )
}

fn gems(g: &Game, user: i64) -> i64 {
    g.record(STORE, user)
        .and_then(|r| r["data"]["Gems"].as_i64())
        .unwrap_or(0)
}

fn purchases(record: &Json) -> Vec<String> {
    record["meta"]["purchases"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn joined(g: &mut Game, s: ServerId, user: i64) {
    g.world
        .server(s)
        .join(user, &format!("player{user}"))
        .unwrap();
    g.wait_until(0.5, 30.0, |g| g.loaded(s, user));
    assert!(g.loaded(s, user), "user {user} did not load");
}

#[test]
fn a_receipt_is_granted_once_and_only_after_the_save_that_holds_it() {
    let project = example("starter");
    let mut g = Game::new(&project);
    let s = g.server();
    joined(&mut g, s, 1);
    let before = gems(&g, 1);

    deliver(&g, s, 1, GEMS100, "receipt-1");
    g.world.advance(2.0);
    assert_eq!(
        decisions(&g, s, "receipt-1"),
        ["Enum.ProductPurchaseDecision.PurchaseGranted"]
    );
    let record = g.record(STORE, 1).unwrap();
    assert_eq!(gems(&g, 1), before + 100, "the grant is stored: {record}");
    assert_eq!(
        purchases(&record),
        ["receipt-1"],
        "with its PurchaseId: {record}"
    );

    // Roblox delivers it again (its answer was lost): nothing more is granted.
    deliver(&g, s, 1, GEMS100, "receipt-1");
    g.world.advance(2.0);
    assert_eq!(decisions(&g, s, "receipt-1").len(), 2);
    assert!(
        decisions(&g, s, "receipt-1")
            .iter()
            .all(|d| d.ends_with("PurchaseGranted"))
    );
    let live: i64 = g.eval(s, "return DM:GetData(P(1)).Gems");
    assert_eq!(live, before + 100);

    // A grant of several kinds, and the Granted hook.
    g.run(
        s,
        r#"DM.Granted:Connect(function(player, source, name) print("granted", player.UserId, source, name) end)"#,
    );
    deliver(&g, s, 1, STARTER_PACK, "receipt-2");
    g.world.advance(2.0);
    let record = g.record(STORE, 1).unwrap();
    assert_eq!(purchases(&record), ["receipt-1", "receipt-2"]);
    assert!(
        record["data"]["Inventory"]
            .as_array()
            .unwrap()
            .contains(&json!(1001)),
        "{record}"
    );
    assert!(
        common::prints(&g.world, s)
            .iter()
            .any(|l| l == "granted 1 Purchase StarterPack")
    );
    g.assert_no_errors(s);
}

#[test]
fn a_receipt_waits_while_saving_fails_and_is_granted_once_when_it_works_again() {
    let project = example("starter");
    let config = WorldConfig {
        faults: FaultConfig {
            outages: vec![(10.0, 60.0)],
            ..FaultConfig::default()
        },
        ..WorldConfig::default()
    };
    let mut g = Game::with_world(&project, config);
    let s = g.server();
    joined(&mut g, s, 1);
    let before = gems(&g, 1);
    g.world.advance(12.0 - g.world.now());

    deliver(&g, s, 1, GEMS100, "r");
    g.world.advance(40.0);
    assert!(
        decisions(&g, s, "r").is_empty(),
        "no answer while nothing can be stored"
    );
    assert_eq!(gems(&g, 1), before, "nothing stored during the outage");
    let live: i64 = g.eval(s, "return DM:GetData(P(1)).Gems");
    assert_eq!(live, before + 100, "the player has it meanwhile");

    // Roblox delivers it again while the first call still waits: nothing is granted twice.
    deliver(&g, s, 1, GEMS100, "r");
    g.world.advance(40.0);
    assert_eq!(
        decisions(&g, s, "r"),
        [
            "Enum.ProductPurchaseDecision.PurchaseGranted",
            "Enum.ProductPurchaseDecision.PurchaseGranted"
        ],
        "both answer once the save after the outage stored it"
    );
    assert_eq!(gems(&g, 1), before + 100);
    let live: i64 = g.eval(s, "return DM:GetData(P(1)).Gems");
    assert_eq!(live, before + 100);
}

#[test]
fn a_receipt_granted_on_a_server_that_crashed_before_saving_is_granted_again_elsewhere() {
    let project = example("starter");
    let config = WorldConfig {
        faults: FaultConfig {
            outages: vec![(10.0, 1000.0)],
            ..FaultConfig::default()
        },
        ..WorldConfig::default()
    };
    let mut g = Game::with_world(&project, config);
    let a = g.server();
    joined(&mut g, a, 1);
    let before = gems(&g, 1);
    g.world.advance(12.0 - g.world.now());
    deliver(&g, a, 1, GEMS100, "r");
    g.world.advance(5.0);
    g.world.crash(a).unwrap();
    g.world.backend().set_faults(FaultConfig::default());

    let b = g.server();
    g.world.advance(60.0); // the crashed server's lock times out
    joined(&mut g, b, 1);
    deliver(&g, b, 1, GEMS100, "r");
    g.world.advance(3.0);
    assert_eq!(
        decisions(&g, b, "r"),
        ["Enum.ProductPurchaseDecision.PurchaseGranted"]
    );
    assert_eq!(
        gems(&g, 1),
        before + 100,
        "granted once: the crashed grant was never stored"
    );
}

#[test]
fn a_receipt_for_data_that_is_not_saved_is_not_processed() {
    let mut project = example("starter");
    project.save_policy.studio = datastore_designer::project::save_policy::StudioMode::LoadOnly;
    let mut g = Game::new(&project);
    let s = g.server_with(datastore_designer::sim::ServerConfig {
        is_studio: true,
        ..Default::default()
    });
    joined(&mut g, s, 1);
    deliver(&g, s, 1, GEMS100, "r");
    // An unknown product, and a player who is not here.
    deliver(&g, s, 1, 42, "r2");
    deliver(&g, s, 7, GEMS100, "r3");
    g.world.advance(3.0);
    for id in ["r", "r2", "r3"] {
        assert_eq!(
            decisions(&g, s, id),
            ["Enum.ProductPurchaseDecision.NotProcessedYet"],
            "{id}"
        );
    }
}

#[test]
fn a_script_handles_products_the_project_does_not_list() {
    let project = example("starter");
    let mut g = Game::new(&project);
    let s = g.server();
    g.run(
        s,
        r#"DM:OnProductPurchase(555, function(player, data, receipt) data.Coins += 7 end)
        DM:OnProductPurchase(556, function(player, data, receipt) task.wait(1) data.Coins += 1 end)"#,
    );
    joined(&mut g, s, 1);
    let coins = g.coins(s, 1).unwrap();
    deliver(&g, s, 1, 555, "c1");
    deliver(&g, s, 1, 556, "c2");
    g.world.advance(3.0);
    assert_eq!(
        decisions(&g, s, "c1"),
        ["Enum.ProductPurchaseDecision.PurchaseGranted"]
    );
    assert_eq!(
        decisions(&g, s, "c2"),
        ["Enum.ProductPurchaseDecision.NotProcessedYet"]
    );
    deliver(&g, s, 1, 555, "c1");
    g.world.advance(3.0);
    assert_eq!(g.coins(s, 1).unwrap(), coins + 7);
    let record = g.record(STORE, 1).unwrap();
    assert_eq!(record["data"]["Coins"], json!(coins + 7));
    assert_eq!(purchases(&record), ["c1"]);
    assert!(
        g.lines(s, OutputKind::Warn)
            .iter()
            .any(|l| l.contains("must not wait")),
        "a handler that waits is refused with a reason"
    );
}

fn queued_gifts(g: &Game, user: i64) -> usize {
    g.record(STORE, user)
        .and_then(|r| r["meta"]["gifts"].as_array().map(Vec::len))
        .unwrap_or(0)
}

#[test]
fn a_gift_to_an_offline_player_is_applied_once_when_they_join() {
    let project = example("starter");
    let mut g = Game::new(&project);
    let s = g.server();
    joined(&mut g, s, 2);
    g.world.server(s).leave(2).unwrap();
    g.world.advance(3.0);
    let coins = g.record(STORE, 2).unwrap()["data"]["Coins"]
        .as_i64()
        .unwrap();

    g.run(s, r#"print("gift", DM:Gift(2, "WelcomeBack"))"#);
    g.run(s, r#"print("unknown", DM:Gift(2, "Nope"))"#);
    g.run(s, r#"print("never played", DM:Gift(99, "WelcomeBack"))"#);
    g.world.advance(2.0);
    let prints = common::prints(&g.world, s);
    assert!(
        prints.iter().any(|l| l.starts_with("gift true ")),
        "{prints:?}"
    );
    assert!(
        prints
            .iter()
            .any(|l| l.starts_with("unknown false there is no gift named Nope"))
    );
    assert!(
        prints
            .iter()
            .any(|l| l.starts_with("never played false") && l.contains("no saved data"))
    );
    assert_eq!(queued_gifts(&g, 2), 1);

    let b = g.server();
    joined(&mut g, b, 2);
    assert_eq!(g.coins(b, 2), Some(coins + 250));
    g.world.advance(5.0);
    let record = g.record(STORE, 2).unwrap();
    assert_eq!(
        record["data"]["Coins"],
        json!(coins + 250),
        "stored soon after: {record}"
    );
    assert_eq!(queued_gifts(&g, 2), 0);
    assert_eq!(
        record["meta"]["giftsApplied"].as_array().map(Vec::len),
        Some(1)
    );

    // Leaving and joining again applies nothing more.
    g.world.server(b).leave(2).unwrap();
    g.world.advance(3.0);
    joined(&mut g, b, 2);
    assert_eq!(g.coins(b, 2), Some(coins + 250));
}

#[test]
fn a_gift_to_a_player_on_another_server_arrives_within_seconds() {
    let project = example("starter");
    let mut g = Game::new(&project);
    let a = g.server();
    let b = g.server();
    joined(&mut g, a, 3);
    let coins = g.coins(a, 3).unwrap();
    g.run(b, r#"print("gift", DM:Gift(3, "WelcomeBack"))"#);
    let took = g.wait_until(0.25, 30.0, |g| g.coins(a, 3) == Some(coins + 250));
    assert!(took < 5.0, "applied after {took} s");
    g.world.advance(5.0);
    let record = g.record(STORE, 3).unwrap();
    assert_eq!(record["data"]["Coins"], json!(coins + 250));
    assert_eq!(queued_gifts(&g, 3), 0);
    g.assert_no_errors(a);
    g.assert_no_errors(b);
}

#[test]
fn a_gift_whose_message_is_lost_is_applied_by_the_next_save() {
    let project = example("starter");
    let mut config = WorldConfig::default();
    config.messaging.loss_rate = 1.0;
    let mut g = Game::with_world(&project, config);
    let a = g.server();
    let b = g.server();
    joined(&mut g, a, 3);
    let coins = g.coins(a, 3).unwrap();
    g.run(b, r#"DM:Gift(3, "WelcomeBack")"#);
    g.world.advance(3.0);
    assert_eq!(g.coins(a, 3), Some(coins), "the message was lost");
    let interval = f64::from(project.save_policy.auto_save_seconds);
    g.wait_until(1.0, interval * 2.0 + 10.0, |g| {
        g.coins(a, 3) == Some(coins + 250)
    });
    assert_eq!(g.coins(a, 3), Some(coins + 250));
    g.world.server(a).leave(3).unwrap();
    g.world.advance(3.0);
    assert_eq!(
        g.record(STORE, 3).unwrap()["data"]["Coins"],
        json!(coins + 250)
    );
    assert_eq!(queued_gifts(&g, 3), 0);
}

#[test]
fn erase_removes_every_key_of_a_player_playing_on_another_server() {
    let project = example("starter");
    let mut g = Game::new(&project);
    let a = g.server();
    let b = g.server();
    joined(&mut g, a, 4);
    g.set_coins(a, 4, 500);
    // Until a backup and a leaderboard entry are written.
    g.wait_until(5.0, 900.0, |g| left_of(g, 4).len() >= 3);
    let before = left_of(&g, 4);
    for key in [
        "PlayerData_v2 Player_4",
        "PlayerData_v2 Player_4/backups",
        "CoinsLeaderboard 4",
    ] {
        assert!(
            before.iter().any(|k| k == key),
            "{key} missing before: {before:?}"
        );
    }
    g.run(b, r#"print("erase", DM:Erase(4))"#);
    g.wait_until(0.5, 60.0, |g| {
        common::prints(&g.world, b)
            .iter()
            .any(|l| l.starts_with("erase "))
    });
    let prints = common::prints(&g.world, b);
    assert!(prints.iter().any(|l| l == "erase true nil"), "{prints:?}");
    assert!(
        !g.world.server(a).players().contains(&4),
        "the player was removed"
    );
    assert_eq!(left_of(&g, 4), Vec::<String>::new());
    g.world.advance(120.0);
    assert_eq!(
        left_of(&g, 4),
        Vec::<String>::new(),
        "nothing writes it back"
    );
}

/// Every key in every store that names the user (their records, backups and leaderboard entries).
fn left_of(g: &Game, user: i64) -> Vec<String> {
    let contents = g.world.backend().contents();
    let id = user.to_string();
    let names = |key: &str| key.split(|c: char| !c.is_ascii_digit()).any(|t| t == id);
    let mut left = Vec::new();
    for (store, keys) in &contents.stores {
        left.extend(
            keys.keys()
                .filter(|k| names(k))
                .map(|k| format!("{} {k}", store.name)),
        );
    }
    for (store, keys) in &contents.ordered {
        left.extend(
            keys.keys()
                .filter(|k| names(k))
                .map(|k| format!("{} {k}", store.name)),
        );
    }
    left
}

#[test]
fn peek_reads_saved_data_without_the_lock() {
    let project = example("starter");
    let mut g = Game::new(&project);
    let a = g.server();
    let b = g.server();
    joined(&mut g, a, 5);
    g.set_coins(a, 5, 77);
    g.run(a, "DM:Save(P(5))");
    g.world.advance(2.0);
    g.run(
        b,
        r#"local d, e = DM:Peek(5) print("peek", d and d.Coins, e) print("none", DM:Peek(6))"#,
    );
    g.world.advance(2.0);
    let prints = common::prints(&g.world, b);
    assert!(prints.iter().any(|l| l == "peek 77 nil"), "{prints:?}");
    assert!(
        prints
            .iter()
            .any(|l| l.starts_with("none nil") && l.contains("no saved data"))
    );
    assert!(g.loaded(a, 5), "the owner keeps playing");
}

#[test]
fn before_save_left_and_outage_hooks_fire() {
    let project = example("starter");
    let config = WorldConfig {
        faults: FaultConfig {
            outages: vec![(20.0, 100.0)],
            ..FaultConfig::default()
        },
        ..WorldConfig::default()
    };
    let mut g = Game::with_world(&project, config);
    let s = g.server();
    g.run(
        s,
        r#"DM.BeforeSave:Connect(function(player, data) data.Level = 9 end)
        DM.BeforeSave:Connect(function() task.wait(1) end)
        DM.Left:Connect(function(player, data, saved) print("left", player.UserId, data.Level, saved) end)
        DM.Outage:Connect(function(active) print("outage", active) end)"#,
    );
    joined(&mut g, s, 6);
    g.run(s, "DM:Save(P(6))");
    g.world.advance(2.0);
    assert_eq!(g.record(STORE, 6).unwrap()["data"]["Level"], json!(9));
    assert!(
        g.lines(s, OutputKind::Warn)
            .iter()
            .any(|l| l.contains("BeforeSave handlers must not wait"))
    );
    g.world.advance(20.0 - g.world.now());
    for _ in 0..4 {
        g.run(s, "DM:Save(P(6))");
        g.world.advance(10.0);
    }
    assert!(
        common::prints(&g.world, s)
            .iter()
            .any(|l| l == "outage true")
    );
    g.world.advance(150.0 - g.world.now());
    g.run(s, "DM:Save(P(6))");
    g.world.advance(3.0);
    assert!(
        common::prints(&g.world, s)
            .iter()
            .any(|l| l == "outage false")
    );
    g.world.server(s).leave(6).unwrap();
    g.world.advance(3.0);
    assert!(
        common::prints(&g.world, s)
            .iter()
            .any(|l| l == "left 6 9 true")
    );
}

#[test]
fn studio_play_tests_with_separate_test_data_never_touch_the_live_stores() {
    let mut project = example("starter");
    project.save_policy.studio =
        datastore_designer::project::save_policy::StudioMode::SeparateTestData;
    let mut g = Game::new(&project);
    let studio = g.server_with(datastore_designer::sim::ServerConfig {
        is_studio: true,
        ..Default::default()
    });
    joined(&mut g, studio, 8);
    g.set_coins(studio, 8, 900);
    g.run(
        studio,
        r#"local KV = DM.KeyValueStore.new("GameSettings") print("kv", KV:Set("EventEndsAt", 5))"#,
    );
    g.world.server(studio).leave(8).unwrap();
    g.wait_until(5.0, 900.0, |g| {
        g.world
            .backend()
            .contents()
            .get_ordered("CoinsLeaderboard_Studio", "8")
            .is_some()
    });
    let contents = g.world.backend().contents();
    let test_record = contents
        .get("PlayerData_v2_Studio", "Player_8")
        .expect("the test record");
    assert_eq!(test_record["data"]["Coins"], json!(900));
    assert!(contents.get("GameSettings_Studio", "EventEndsAt").is_some());
    for (store, keys) in &contents.stores {
        assert!(
            store.name.ends_with("_Studio"),
            "a live store was written: {} {keys:?}",
            store.name
        );
    }
    for store in contents.ordered.keys() {
        assert!(
            store.name.ends_with("_Studio"),
            "a live leaderboard was written: {}",
            store.name
        );
    }
    assert!(
        common::prints(&g.world, studio)
            .iter()
            .any(|l| l.contains("SeparateTestData") && l.contains("PlayerData_v2_Studio"))
    );

    // A live server of the same game uses the live names.
    let live = g.server();
    joined(&mut g, live, 8);
    assert_ne!(
        g.coins(live, 8),
        Some(900),
        "live data is not the test data"
    );
    g.world.advance(5.0);
    assert!(g.record(STORE, 8).is_some());
}
