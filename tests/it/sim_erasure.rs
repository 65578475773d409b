//! Finding everything stored about a user (what a right-to-erasure request
//! must remove), and the UserIds recorded with writes.

use crate::common::assert_no_errors;
use datastore_designer::sim::{FoundBy, ServerConfig, StoreKind, World, WorldConfig};

fn world() -> (World, usize) {
    let mut w = World::new(WorldConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    (w, s)
}

#[test]
fn find_user_looks_at_keys_user_ids_and_values_in_every_store() {
    let (mut w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local DSS = game:GetService("DataStoreService")
            local players = DSS:GetDataStore("Players")
            players:SetAsync("Player_42", { coins = 5 }, { 42 })
            players:SetAsync("Player_142", { coins = 1 }, { 142 })
            players:UpdateAsync("Player_7", function() return { friend = 42, note = "met 42 today", n = 420 }, { 7 } end)
            players:SetAsync("shared", { owners = { "x" } }, { 9, 42 })
            players:SetAsync("gone_42", 1)
            players:RemoveAsync("gone_42")
            DSS:GetDataStore("Backups", "s1"):SetAsync("42", { old = true })
            local board = DSS:GetOrderedDataStore("Coins")
            board:SetAsync("42", 10)
            board:SetAsync("43", 42)
            board:SetAsync("44", 9)
            game:GetService("MemoryStoreService"):GetHashMap("Sessions"):SetAsync("lock_42", "server", 60)
            print("done")
            "#,
        )
        .unwrap();
    w.advance(10.0);
    assert_no_errors(&w, s);
    let mut found: Vec<(StoreKind, String, String, FoundBy)> = w
        .find_user(42)
        .into_iter()
        .map(|f| (f.kind, f.store, f.key, f.by))
        .collect();
    found.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    let ds = StoreKind::DataStore;
    let want = vec![
        (ds, "Backups".into(), "42".into(), FoundBy::Key),
        (ds, "Players".into(), "Player_42".into(), FoundBy::Key),
        (ds, "Players".into(), "Player_42".into(), FoundBy::UserIds),
        (
            ds,
            "Players".into(),
            "Player_7".into(),
            FoundBy::Value("friend".into()),
        ),
        (
            ds,
            "Players".into(),
            "Player_7".into(),
            FoundBy::Value("note".into()),
        ),
        (ds, "Players".into(), "shared".into(), FoundBy::UserIds),
        (
            StoreKind::MemoryHashMap,
            "Sessions".into(),
            "lock_42".into(),
            FoundBy::Key,
        ),
        (
            StoreKind::OrderedDataStore,
            "Coins".into(),
            "42".into(),
            FoundBy::Key,
        ),
        (
            StoreKind::OrderedDataStore,
            "Coins".into(),
            "43".into(),
            FoundBy::Value("(the value)".into()),
        ),
    ];
    let mut want = want;
    want.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    assert_eq!(found, want);
    assert!(w.find_user(1000).is_empty(), "{:?}", w.find_user(1000));
}

#[test]
fn removing_a_users_keys_leaves_nothing_to_find() {
    let (mut w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local DSS = game:GetService("DataStoreService")
            DSS:GetDataStore("Players"):SetAsync("Player_8", { coins = 5 }, { 8 })
            DSS:GetOrderedDataStore("Coins"):SetAsync("8", 10)
            task.wait(10)
            DSS:GetDataStore("Players"):RemoveAsync("Player_8")
            DSS:GetOrderedDataStore("Coins"):RemoveAsync("8")
            "#,
        )
        .unwrap();
    w.advance(5.0);
    assert_eq!(w.find_user(8).len(), 3, "{:?}", w.find_user(8));
    w.advance(10.0);
    assert_no_errors(&w, s);
    assert!(w.find_user(8).is_empty(), "{:?}", w.find_user(8));
}

#[test]
fn ordered_stores_refuse_user_ids_as_roblox_documents() {
    let (mut w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local board = game:GetService("DataStoreService"):GetOrderedDataStore("Coins")
            print(pcall(function() board:SetAsync("1", 5, { 1 }) end))
            print(pcall(function() board:IncrementAsync("1", 5, { 1 }) end))
            print(pcall(function() board:SetAsync("1", 5, {}) end))
            "#,
        )
        .unwrap();
    w.advance(5.0);
    let out = crate::common::prints(&w, s);
    assert!(
        out[0].starts_with("false") && out[0].contains("does not support the userIds"),
        "{out:?}"
    );
    assert!(out[1].starts_with("false"), "{out:?}");
    assert_eq!(out[2], "true");
    assert_eq!(w.backend().contents().get_ordered("Coins", "1"), Some(5));
}

/// The export, played and then asked to erase a player: before, every
/// DataStore key about them carries their UserId (so Roblox's own erasure
/// tools find it); after, nothing in any store names them.
#[test]
fn the_export_leaves_nothing_of_an_erased_player_in_any_store() {
    use crate::common::{Game, example};
    let project = example("starter");
    let mut g = Game::new(&project);
    let a = g.server();
    let b = g.server();
    g.world.server(a).join(4, "dee").unwrap();
    g.wait_until(0.5, 30.0, |g| g.loaded(a, 4));
    g.set_coins(a, 4, 500);
    // Until the record, its backups and the leaderboard entry are written.
    g.wait_until(5.0, 900.0, |g| {
        let found = g.world.find_user(4);
        found.iter().any(|f| f.kind == StoreKind::OrderedDataStore)
            && found.iter().any(|f| f.key.contains("backups"))
    });
    let found = g.world.find_user(4);
    for f in found
        .iter()
        .filter(|f| f.kind == StoreKind::DataStore && f.by == FoundBy::Key)
    {
        assert!(
            found
                .iter()
                .any(|u| u.store == f.store && u.key == f.key && u.by == FoundBy::UserIds),
            "{} {} doesn't record UserId 4: {found:?}",
            f.store,
            f.key
        );
    }
    g.run(b, r#"print("erase", DM:Erase(4))"#);
    g.wait_until(0.5, 60.0, |g| {
        crate::common::prints(&g.world, b)
            .iter()
            .any(|l| l.starts_with("erase "))
    });
    assert!(
        crate::common::prints(&g.world, b).contains(&"erase true nil".to_string()),
        "{:?}",
        crate::common::prints(&g.world, b)
    );
    g.world.advance(120.0);
    assert_eq!(
        g.world.find_user(4),
        Vec::new(),
        "something of player 4 is left"
    );
}
