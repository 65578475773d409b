//! The emulated DataStoreService: semantics, budgets, faults, shutdown, several servers.

use crate::common::{assert_no_errors, prints};
use datastore_designer::sim::{
    FaultConfig, Outcome, OutputKind, RequestType, ServerConfig, World, WorldConfig,
};
use serde_json::json;

fn world_with(faults: FaultConfig) -> World {
    World::new(WorldConfig {
        faults,
        ..Default::default()
    })
}

#[test]
fn get_set_update_remove_increment_with_key_info() {
    let mut w = world_with(FaultConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local store = game:GetService("DataStoreService"):GetDataStore("Players")
            print(store:GetAsync("k"))
            local opts = Instance.new("DataStoreSetOptions")
            opts:SetMetadata({ schema = 2 })
            local version = store:SetAsync("k", { coins = 5 }, { 123 }, opts)
            local v, info = store:GetAsync("k")
            print(v.coins, info.Version == version, info:GetUserIds()[1], info:GetMetadata().schema, typeof(info))
            local nv, ninfo = store:UpdateAsync("k", function(old, keyInfo)
                old.coins += 1
                return old, keyInfo:GetUserIds(), keyInfo:GetMetadata()
            end)
            print(nv.coins, ninfo:GetUserIds()[1], ninfo.UpdatedTime >= ninfo.CreatedTime)
            print(store:UpdateAsync("k", function() return nil end))
            print(store:IncrementAsync("n", 3), store:IncrementAsync("n"))
            local removed = store:RemoveAsync("k")
            print(removed.coins, store:GetAsync("k", (function() local o = Instance.new("DataStoreGetOptions") o.UseCache = false return o end)()))
            "#,
        )
        .unwrap();
    w.advance(5.0);
    assert_no_errors(&w, s);
    assert_eq!(
        prints(&w, s),
        vec![
            "nil nil",
            "5 true 123 2 Instance",
            "6 123 true",
            "nil nil",
            "3 4",
            "6 nil nil"
        ]
    );
    let contents = w.backend().contents();
    assert_eq!(contents.get("Players", "k"), None);
    assert_eq!(contents.get("Players", "n"), Some(&json!(4)));
}

#[test]
fn get_async_is_cached_for_four_seconds_per_server() {
    let mut w = world_with(FaultConfig::default());
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    let code = r#"
        local store = game:GetService("DataStoreService"):GetDataStore("S")
        print((store:GetAsync("k")))
        task.wait(1)
        print((store:GetAsync("k")))
        task.wait(4)
        print((store:GetAsync("k")))
    "#;
    w.server(a).run_script("Reader", code).unwrap();
    w.server(b)
        .run_script("Writer", r#"task.wait(0.5) game:GetService("DataStoreService"):GetDataStore("S"):SetAsync("k", 1)"#)
        .unwrap();
    w.advance(10.0);
    assert_eq!(prints(&w, a), vec!["nil", "nil", "1"]);
    let cached = w
        .backend()
        .log()
        .iter()
        .filter(|e| e.outcome == Outcome::Cached)
        .count();
    assert_eq!(cached, 1);
}

#[test]
fn update_async_reruns_its_transform_after_a_concurrent_write() {
    let mut w = world_with(FaultConfig::default());
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    w.backend()
        .put("Data", "global", "k", json!({"coins": 10}), 0);
    // A: read completes at 0.1, commit at 0.2. B's write lands at 0.15, in between.
    w.server(a)
        .run_script(
            "Updater",
            r#"
            local runs = {}
            local v = game:GetService("DataStoreService"):GetDataStore("Data"):UpdateAsync("k", function(old)
                table.insert(runs, old.coins)
                old.coins += 1
                return old
            end)
            print(table.concat(runs, ","), v.coins)
            "#,
        )
        .unwrap();
    w.server(b)
        .run_script(
            "Writer",
            r#"task.wait(0.05) game:GetService("DataStoreService"):GetDataStore("Data"):SetAsync("k", {coins = 100})"#,
        )
        .unwrap();
    w.advance(2.0);
    assert_no_errors(&w, a);
    assert_eq!(prints(&w, a), vec!["10,100 101"]);
    assert_eq!(
        w.backend().contents().get("Data", "k"),
        Some(&json!({"coins": 101}))
    );
    let conflicts = w
        .backend()
        .log()
        .iter()
        .filter(|e| e.outcome == Outcome::Conflict)
        .count();
    assert_eq!(conflicts, 1);
}

#[test]
fn update_async_transform_must_not_yield() {
    let mut w = world_with(FaultConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local store = game:GetService("DataStoreService"):GetDataStore("Data")
            print(pcall(store.UpdateAsync, store, "k", function(old) task.wait(1) return 1 end))
            task.wait(3)
            print("after", (store:GetAsync("k")))
            "#,
        )
        .unwrap();
    w.advance(5.0);
    let p = prints(&w, s);
    assert!(
        p[0].starts_with("false") && p[0].contains("cannot yield"),
        "{p:?}"
    );
    assert_eq!(p[1], "after nil");
    assert_no_errors(&w, s);
}

#[test]
fn values_roblox_cannot_store_are_refused_before_any_request() {
    let mut w = world_with(FaultConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local store = game:GetService("DataStoreService"):GetDataStore("Data")
            print(pcall(store.SetAsync, store, "k", { hp = 0/0 }))
            print(pcall(store.SetAsync, store, "k", { 1, 2, name = "x" }))
            print(pcall(store.SetAsync, store, "k", { f = print }))
            print(pcall(store.SetAsync, store, "k", { part = Instance.new("Folder") }))
            print(pcall(store.SetAsync, store, string.rep("x", 51), 1))
            print(pcall(store.SetAsync, store, "", 1))
            print(pcall(store.UpdateAsync, store, "k", function() return { math.huge } end))
            print(pcall(store.SetAsync, store, "big", string.rep("x", 4194304)))
            print(pcall(function() game:GetService("DataStoreService"):GetDataStore(string.rep("n", 51)) end))
            "#,
        )
        .unwrap();
    w.advance(2.0);
    let p = prints(&w, s);
    let expect = [
        "104: Cannot store NaN in data store (at hp).",
        "104: Cannot store a table mixing array and dictionary keys in data store.",
        "104: Cannot store function in data store (at f).",
        "104: Cannot store Instance or userdata in data store (at part).",
        "102: Key name exceeds the 50 character limit.",
        "101: Key name can't be empty.",
        "104: Cannot store inf in data store (at [1]).",
        "105: Serialized value exceeds 4MB limit",
        "DataStore name exceeds the 50 character limit",
    ];
    assert_eq!(p.len(), expect.len(), "{p:#?}");
    for (line, e) in p.iter().zip(expect) {
        assert!(
            line.starts_with("false") && line.contains(e),
            "{line} !~ {e}"
        );
    }
    // Only the UpdateAsync read reached the backend.
    let log = w.backend().log();
    assert!(
        log.iter().all(|e| e.method.starts_with("UpdateAsync")),
        "{log:#?}"
    );
    assert!(w.backend().contents().stores.is_empty());
}

#[test]
fn budgets_throttle_queue_and_drop() {
    let mut w = world_with(FaultConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    assert_eq!(w.server(s).budget(RequestType::StandardRead), 60.0);
    w.server(s)
        .run_script(
            "Main",
            r#"
            local DSS = game:GetService("DataStoreService")
            local store = DSS:GetDataStore("Data")
            local ok, failed, errs = 0, 0, {}
            for i = 1, 100 do
                task.spawn(function()
                    local success, err = pcall(store.GetAsync, store, "key" .. i)
                    if success then ok += 1 else failed += 1 errs[err] = true end
                end)
            end
            print("budget", DSS:GetRequestBudgetForRequestType(Enum.DataStoreRequestType.StandardRead),
                DSS:GetRequestBudgetForRequestType(Enum.DataStoreRequestType.GetAsync))
            task.wait(1)
            print("after 1s", ok, failed)
            for e in errs do print(e) end
            task.wait(40)
            print("after 41s", ok, failed)
            "#,
        )
        .unwrap();
    w.advance(45.0);
    let p = prints(&w, s);
    assert_eq!(p[0], "budget 0 0");
    assert_eq!(p[1], "after 1s 60 10");
    assert_eq!(
        p[2],
        "301: GetAsync request dropped. Request was throttled, but throttled request queue was full."
    );
    assert_eq!(p[3], "after 41s 90 10");
    let warns = w
        .server(s)
        .output()
        .iter()
        .filter(|l| l.kind == OutputKind::Warn)
        .count();
    assert_eq!(warns, 30);
    let queued = w
        .backend()
        .log()
        .iter()
        .filter(|e| e.outcome == Outcome::Queued)
        .count();
    assert_eq!(queued, 30);
}

#[test]
fn budget_grows_with_players_and_refills_per_second() {
    let mut w = world_with(FaultConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    w.server(s).join(1, "a").unwrap();
    w.server(s).join(2, "b").unwrap();
    w.advance(30.0);
    // 60 at start + 30 s x (60 + 40 x 2) / 60 per second = 130, capped at 3 minutes of rate.
    assert_eq!(w.server(s).budget(RequestType::StandardWrite), 130.0);
    // OrderedList: 5 + 30 s x (5 + 2 x 2) / 60 = 9.5.
    assert_eq!(w.server(s).budget(RequestType::OrderedList), 9.0);
    w.advance(600.0);
    assert_eq!(w.server(s).budget(RequestType::StandardWrite), 420.0);
}

fn fault_pattern(seed: u64) -> Vec<String> {
    let faults = FaultConfig {
        failure_rate: 0.3,
        seed,
        ..Default::default()
    };
    let mut w = world_with(faults);
    let s = w.add_server(ServerConfig::default()).unwrap();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local store = game:GetService("DataStoreService"):GetDataStore("Data")
            local pattern = {}
            for i = 1, 40 do
                local ok, err = pcall(store.SetAsync, store, "k", i)
                table.insert(pattern, if ok then "." else string.sub(err, 1, 3))
            end
            print(table.concat(pattern))
            "#,
        )
        .unwrap();
    w.advance(60.0);
    prints(&w, s)
}

#[test]
fn fault_injection_is_deterministic_for_a_seed() {
    let a = fault_pattern(11);
    assert_eq!(a, fault_pattern(11));
    assert_ne!(a, fault_pattern(12));
    assert!(a[0].contains("502") && a[0].contains('.'), "{a:?}");
}

#[test]
fn outages_and_latency_are_on_the_virtual_clock() {
    let faults = FaultConfig {
        outages: vec![(5.0, 10.0)],
        latency: 0.5,
        ..Default::default()
    };
    let mut w = world_with(faults);
    let s = w.add_server(ServerConfig::default()).unwrap();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local store = game:GetService("DataStoreService"):GetDataStore("Data")
            local t = time()
            store:SetAsync("k", 1)
            print("took", time() - t)
            task.wait(5)
            print(pcall(store.SetAsync, store, "k", 2))
            task.wait(10)
            print(pcall(store.SetAsync, store, "k", 3))
            "#,
        )
        .unwrap();
    w.advance(20.0);
    let p = prints(&w, s);
    assert_eq!(p[0], "took 0.5");
    assert!(p[1].starts_with("false 502:"), "{p:?}");
    assert!(p[2].starts_with("true"), "{p:?}");
}

#[test]
fn ordered_data_store_sorts_and_pages() {
    let mut w = world_with(FaultConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local board = game:GetService("DataStoreService"):GetOrderedDataStore("Coins")
            for i, v in {5, 50, 20, 10, 40} do board:SetAsync("p" .. i, v) end
            board:IncrementAsync("p1", 100)
            print(board:GetAsync("p1"), pcall(board.SetAsync, board, "x", 1.5))
            local pages = board:GetSortedAsync(false, 2, 10)
            repeat
                local line = {}
                for _, e in pages:GetCurrentPage() do table.insert(line, e.key .. "=" .. e.value) end
                print(table.concat(line, " "), pages.IsFinished)
                if pages.IsFinished then break end
                pages:AdvanceToNextPageAsync()
            until false
            print(pcall(board.GetSortedAsync, board, true, 101))
            "#,
        )
        .unwrap();
    w.advance(10.0);
    let p = prints(&w, s);
    assert!(p[0].starts_with("105 false"), "{p:?}");
    assert_eq!(
        &p[1..4],
        &["p1=105 p2=50 false", "p5=40 p3=20 false", "p4=10 true"].map(String::from)
    );
    assert!(p[4].contains("106: PageSize"), "{p:?}");
    assert_eq!(w.backend().contents().get_ordered("Coins", "p1"), Some(105));
}

#[test]
fn versions_can_be_listed_and_read() {
    let mut w = world_with(FaultConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local store = game:GetService("DataStoreService"):GetDataStore("Data")
            store:SetAsync("k", "first")
            task.wait(3600)
            store:SetAsync("k", "second")
            task.wait(10)
            store:SetAsync("k", "third")
            local pages = store:ListVersionsAsync("k", Enum.SortDirection.Ascending)
            local versions = pages:GetCurrentPage()
            print(#versions, (store:GetVersionAsync("k", versions[1].Version)))
            "#,
        )
        .unwrap();
    w.advance(3700.0);
    assert_no_errors(&w, s);
    assert_eq!(prints(&w, s), vec!["3 first"]);
}

const SAVE_ON_CLOSE: &str = r#"
    local store = game:GetService("DataStoreService"):GetDataStore("Data")
    game:BindToClose(function()
        task.wait(2)
        store:SetAsync("closed", game.JobId)
    end)
    game:BindToClose(function()
        store:SetAsync("second", true)
    end)
"#;

#[test]
fn bind_to_close_runs_on_shutdown_but_not_on_crash() {
    let mut w = world_with(FaultConfig::default());
    let a = w
        .add_server(ServerConfig {
            job_id: Some("A".into()),
            ..Default::default()
        })
        .unwrap();
    let b = w
        .add_server(ServerConfig {
            job_id: Some("B".into()),
            ..Default::default()
        })
        .unwrap();
    w.server(a).run_script("Save", SAVE_ON_CLOSE).unwrap();
    w.server(b).run_script("Save", SAVE_ON_CLOSE).unwrap();
    w.advance(1.0);
    w.crash(b).unwrap();
    let report = w.shutdown(a).unwrap();
    assert_eq!(report.callbacks, 2);
    assert!(report.completed);
    assert!((report.elapsed - 2.1).abs() < 1e-9, "{report:?}");
    let contents = w.backend().contents();
    assert_eq!(contents.get("Data", "closed"), Some(&json!("A")));
    assert_eq!(contents.get("Data", "second"), Some(&json!(true)));
    assert!(w.live_servers().is_empty());
    assert!(w.backend().log().iter().all(|e| e.server == a));
}

#[test]
fn shutdown_stops_waiting_after_thirty_seconds() {
    let mut w = world_with(FaultConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    w.server(s)
        .run_script("Slow", "game:BindToClose(function() task.wait(100) end)")
        .unwrap();
    let report = w.shutdown(s).unwrap();
    assert!(!report.completed);
    assert_eq!(report.elapsed, 30.0);
}

/// A small but complete player-data script: load with a session lock, play,
/// save on leave and on close; a second server then loads the saved data.
const PLAYER_DATA: &str = r#"
local Players = game:GetService("Players")
local store = game:GetService("DataStoreService"):GetDataStore("PlayerData")
local sessions = {}

local function load(player)
    local key = "Player_" .. player.UserId
    local data
    for attempt = 1, 3 do
        local ok, err = pcall(function()
            data = store:UpdateAsync(key, function(old)
                old = old or { coins = 0, visits = 0 }
                if old.lock and old.lock ~= game.JobId and os.time() - old.lockTime < 600 then
                    return nil
                end
                old.lock, old.lockTime = game.JobId, os.time()
                old.visits += 1
                return old
            end)
        end)
        if ok then break end
        warn("load failed: " .. tostring(err))
        task.wait(1)
    end
    if not data then
        player:Kick("Your data is in use on another server")
        return
    end
    sessions[player] = data
    local ls = Instance.new("Folder")
    ls.Name = "leaderstats"
    local coins = Instance.new("IntValue")
    coins.Name = "Coins"
    coins.Value = data.coins
    coins.Parent = ls
    ls.Parent = player
end

local function save(player, release)
    local data = sessions[player]
    if not data then return end
    data.coins = player.leaderstats.Coins.Value
    store:UpdateAsync("Player_" .. player.UserId, function(old)
        if old and old.lock ~= game.JobId then return nil end
        data.lock = if release then nil else game.JobId
        data.lockTime = os.time()
        return data
    end)
    if release then sessions[player] = nil end
end

Players.PlayerAdded:Connect(load)
Players.PlayerRemoving:Connect(function(p) save(p, true) end)
game:BindToClose(function()
    for player in sessions do
        task.spawn(save, player, true)
    end
    while next(sessions) do task.wait(0.1) end
end)
task.spawn(function()
    while true do
        task.wait(1)
        for player in sessions do
            local ls = player:FindFirstChild("leaderstats")
            if ls then ls.Coins.Value += 1 end
        end
    end
end)
"#;

#[test]
fn player_data_round_trip_across_servers() {
    let mut w = world_with(FaultConfig::default());
    let a = w
        .add_server(ServerConfig {
            job_id: Some("A".into()),
            ..Default::default()
        })
        .unwrap();
    let b = w
        .add_server(ServerConfig {
            job_id: Some("B".into()),
            ..Default::default()
        })
        .unwrap();
    w.server(a).run_script("PlayerData", PLAYER_DATA).unwrap();
    w.server(b).run_script("PlayerData", PLAYER_DATA).unwrap();

    w.server(a).join(1, "alice").unwrap();
    w.advance(10.5);
    // While alice plays on A, B can't take her data.
    w.server(b).join(1, "alice").unwrap();
    w.advance(1.0);
    assert_eq!(
        w.server(b).kicks(),
        vec![(1, "Your data is in use on another server".to_string())]
    );

    w.server(a).leave(1).unwrap();
    w.advance(1.0);
    let saved = w
        .backend()
        .contents()
        .get("PlayerData", "Player_1")
        .cloned()
        .unwrap();
    assert_eq!(saved["coins"], json!(11));
    assert_eq!(saved["visits"], json!(1));
    assert!(saved.get("lock").is_none());

    w.server(b).join(1, "alice").unwrap();
    w.advance(5.5);
    let coins: i64 = w
        .server(b)
        .eval("return game.Players:GetPlayerByUserId(1).leaderstats.Coins.Value")
        .unwrap();
    // Coins tick at whole seconds: 11 saved at 11.5, then 13..=18 on B.
    assert_eq!(coins, 17);
    let report = w.shutdown(b).unwrap();
    assert!(report.completed);
    let saved = w
        .backend()
        .contents()
        .get("PlayerData", "Player_1")
        .cloned()
        .unwrap();
    assert_eq!(
        (saved["coins"].clone(), saved["visits"].clone()),
        (json!(17), json!(2))
    );
}
