//! The emulator's faults and limits beyond plain DataStores: MemoryStoreService
//! (expiry, conflicts, quotas, failures), MessagingService (loss, failed
//! publishes and subscriptions, the documented limits), DataStore faults on one
//! server's path only, and permanent DataStore errors. Every test counts.

use crate::common::{assert_no_errors, prints};
use datastore_designer::sim::{
    DropReason, FaultConfig, MapKind, MemoryConfig, MemoryOutcome, MessagingConfig, Outcome,
    PathFaults, PermanentError, ServerConfig, SortKey, World, WorldConfig,
};
use serde_json::json;

fn world() -> World {
    World::new(WorldConfig::default())
}

fn run(w: &World, s: usize, source: &str) {
    w.server(s).run_script("Main", source).unwrap();
}

// MemoryStoreService --------------------------------------------------------------------------------

#[test]
fn a_hash_map_is_shared_by_every_server_of_the_world() {
    let mut w = world();
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    run(
        &w,
        a,
        r#"
        local map = game:GetService("MemoryStoreService"):GetHashMap("Alive")
        print("new", map:SetAsync("job-a", { at = 1 }, 30))
        print("again", map:SetAsync("job-a", { at = 2 }, 30))
        print("got", map:GetAsync("job-a").at)
        print("updated", map:UpdateAsync("job-a", function(old) return { at = old.at + 10 } end, 30).at)
        print("cancel", map:UpdateAsync("job-a", function() return nil end, 30))
        "#,
    );
    w.advance(1.0);
    run(
        &w,
        b,
        r#"
        local map = game:GetService("MemoryStoreService"):GetHashMap("Alive")
        print("seen", map:GetAsync("job-a").at, map:GetAsync("nobody"))
        map:RemoveAsync("job-a")
        print("removed", map:GetAsync("job-a"))
        "#,
    );
    w.advance(1.0);
    assert_no_errors(&w, a);
    assert_no_errors(&w, b);
    assert_eq!(
        prints(&w, a),
        vec![
            "new false",
            "again true",
            "got 2",
            "updated 12",
            "cancel nil"
        ]
    );
    assert_eq!(prints(&w, b), vec!["seen 12 nil", "removed nil"]);
    assert!(w.memory().hash_map("Alive").is_empty());
    // Every call yields for the latency (0.05 s by default) and is logged.
    let log = w.memory().log();
    assert_eq!(log.iter().filter(|e| e.server == b).count(), 4);
    assert!(
        log.iter()
            .all(|e| e.kind == MapKind::Hash && e.map == "Alive")
    );
    assert_eq!(
        log.iter()
            .filter(|e| e.outcome == MemoryOutcome::Cancelled)
            .count(),
        1
    );
}

/// The liveness pattern of issue 11: every server refreshes an "alive" entry
/// every 3 s that expires after 12 s. A crashed server's entry is gone 12 s
/// after its last refresh; a live server's stays.
#[test]
fn a_crashed_servers_alive_entry_expires_and_a_live_ones_stays() {
    let mut w = world();
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    let heartbeat = r#"
        local alive = game:GetService("MemoryStoreService"):GetHashMap("Alive")
        while true do
            pcall(alive.SetAsync, alive, game.JobId, os.time(), 12)
            task.wait(3)
        end
    "#;
    run(&w, a, heartbeat);
    run(&w, b, heartbeat);
    let (job_a, job_b) = (w.server(a).job_id(), w.server(b).job_id());
    w.advance(10.0);
    assert_eq!(w.memory().hash_map("Alive").len(), 2);
    w.crash(a).unwrap();
    // A refresh every 3.05 s (the wait and the call's 0.05 s): a's last landed at 9.20 s and
    // lives until 21.20 s.
    w.run_until(21.15);
    assert!(w.memory().hash_map("Alive").contains_key(&job_a));
    w.run_until(21.25);
    let alive = w.memory().hash_map("Alive");
    assert!(!alive.contains_key(&job_a) && alive.contains_key(&job_b));
    w.advance(60.0);
    assert_eq!(w.memory().hash_map("Alive").len(), 1);
    // b refreshed at 0.05 + 3.05 k s until 81.25 s: 27 requests of 1 unit.
    let units_b: u32 = w
        .memory()
        .per_server_minute()
        .iter()
        .filter(|m| m.server == b)
        .map(|m| m.units)
        .sum();
    assert_eq!(units_b, 27);
}

#[test]
fn items_expire_on_the_virtual_clock() {
    let mut w = world();
    let s = w.add_server(ServerConfig::default()).unwrap();
    run(
        &w,
        s,
        r#"
        local map = game:GetService("MemoryStoreService"):GetHashMap("Alive")
        map:SetAsync("job", "here", 12)
        task.wait(11)
        print(map:GetAsync("job"))
        task.wait(1.5)
        print(map:GetAsync("job"))
        "#,
    );
    w.advance(5.0);
    let item = w.memory().item(MapKind::Hash, "Alive", "job").unwrap();
    assert!((item.expires - 12.05).abs() < 1e-9, "{}", item.expires);
    assert_eq!(w.memory().hash_map("Alive").len(), 1);
    w.advance(10.0);
    assert!(w.memory().hash_map("Alive").is_empty());
    assert_eq!(prints(&w, s), vec!["here", "nil"]);
}

#[test]
fn update_async_runs_its_transform_again_when_another_server_wrote_meanwhile() {
    let mut w = world();
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    // A reads at 0.05 and commits at 0.10; B's write lands at 0.08 in between.
    run(
        &w,
        a,
        r#"
        local map = game:GetService("MemoryStoreService"):GetHashMap("Counter")
        local runs = 0
        local v = map:UpdateAsync("n", function(old)
            runs += 1
            return (old or 0) + 1
        end, 60)
        print(runs, v)
        "#,
    );
    run(
        &w,
        b,
        r#"
        task.wait(0.03)
        game:GetService("MemoryStoreService"):GetHashMap("Counter"):SetAsync("n", 100, 60)
        "#,
    );
    w.advance(1.0);
    assert_no_errors(&w, a);
    assert_eq!(prints(&w, a), vec!["2 101"]);
    assert_eq!(w.memory().hash_map("Counter")["n"], json!(101));
    let conflicts = w
        .memory()
        .log()
        .iter()
        .filter(|e| e.outcome == MemoryOutcome::Conflict)
        .count();
    assert_eq!(conflicts, 1);
}

#[test]
fn bad_arguments_fail_at_once_with_roblox_errors() {
    let mut w = world();
    let s = w.add_server(ServerConfig::default()).unwrap();
    run(
        &w,
        s,
        r#"
        local MS = game:GetService("MemoryStoreService")
        local map = MS:GetHashMap("M")
        local sorted = MS:GetSortedMap("S")
        local function try(f, ...)
            local ok, err = pcall(f, ...)
            print(ok, err)
        end
        try(map.SetAsync, map, "k", 1)
        try(map.SetAsync, map, "k", 1, 3888001)
        try(map.SetAsync, map, "k", 1, -1)
        try(map.SetAsync, map, string.rep("k", 129), 1, 10)
        try(map.SetAsync, map, "", 1, 10)
        try(map.SetAsync, map, "k", function() end, 10)
        try(map.SetAsync, map, "k", string.rep("x", 33000), 10)
        try(sorted.SetAsync, sorted, "k", 1, 10, {})
        try(sorted.GetRangeAsync, sorted, Enum.SortDirection.Ascending, 201)
        try(map.UpdateAsync, map, "k", function() task.wait(1) return 1 end, 10)
        "#,
    );
    w.advance(5.0);
    let out = prints(&w, s);
    assert_eq!(out.len(), 10, "{out:?}");
    assert_eq!(out[0], "false Argument 3 missing or nil");
    assert!(out[1].contains("InvalidExpirationTime") && out[1].contains("3,888,000"));
    assert!(out[2].contains("InvalidExpirationTime"));
    assert!(out[3].contains("128 character limit"), "{}", out[3]);
    assert!(out[4].contains("can't be empty"), "{}", out[4]);
    assert!(
        out[5].contains("Unable to convert value to json"),
        "{}",
        out[5]
    );
    assert!(out[6].contains("ItemValueSizeTooLarge"), "{}", out[6]);
    assert!(out[7].contains("sortKey"), "{}", out[7]);
    assert!(out[8].contains("between 1 and 200"), "{}", out[8]);
    assert!(out[9].contains("TransformCallbackFailed"), "{}", out[9]);
    assert!(out.iter().all(|l| l.starts_with("false")));
    // Only the UpdateAsync read reached the service; nothing was written.
    assert!(w.memory().hash_map("M").is_empty());
    assert_eq!(w.memory().log().len(), 1);
}

#[test]
fn a_sorted_map_orders_by_sort_key_then_key_and_reads_ranges() {
    let mut w = world();
    let s = w.add_server(ServerConfig::default()).unwrap();
    run(
        &w,
        s,
        r#"
        local map = game:GetService("MemoryStoreService"):GetSortedMap("Board")
        map:SetAsync("c", "C", 60, 5)
        map:SetAsync("a", "A", 60, 10)
        map:SetAsync("b", "B", 60, 5)
        map:SetAsync("t", "T", 60, "text")
        map:SetAsync("n", "N", 60)
        local function keys(items)
            local out = {}
            for _, it in items do table.insert(out, it.key) end
            return table.concat(out, ",")
        end
        print(keys(map:GetRangeAsync(Enum.SortDirection.Ascending, 10)))
        print(keys(map:GetRangeAsync(Enum.SortDirection.Descending, 2)))
        print(keys(map:GetRangeAsync(Enum.SortDirection.Ascending, 10, { sortKey = 5, key = "b" })))
        print(keys(map:GetRangeAsync(Enum.SortDirection.Ascending, 10, { sortKey = 5 }, { sortKey = "text" })))
        print(map:GetAsync("b"))
        print(map:UpdateAsync("b", function(v, sk) return v .. "!", sk + 1 end, 60))
        "#,
    );
    w.advance(2.0);
    assert_no_errors(&w, s);
    assert_eq!(
        prints(&w, s),
        vec!["b,c,a,t,n", "n,t", "c,a,t,n", "a", "B 5", "B! 6"]
    );
    let items = w.memory().sorted_map("Board");
    assert_eq!(items[0].0, "c");
    assert_eq!(
        items[1],
        ("b".into(), json!("B!"), Some(SortKey::Number(6.0)))
    );
    // A range returning 4 items costs 4 request units.
    let ranges: Vec<u32> = w
        .memory()
        .log()
        .iter()
        .filter(|e| e.op == "GetRangeAsync")
        .map(|e| e.units)
        .collect();
    assert_eq!(ranges, vec![5, 2, 4, 1]);
}

#[test]
fn requests_over_the_games_request_units_per_minute_are_throttled() {
    let mut w = world();
    let s = w.add_server(ServerConfig::default()).unwrap();
    // No players: 1000 + 120 x 0 units a minute. 1100 reads in 55 s.
    run(
        &w,
        s,
        r#"
        local map = game:GetService("MemoryStoreService"):GetHashMap("M")
        local failed, first = 0, nil
        for i = 1, 1100 do
            local ok, err = pcall(map.GetAsync, map, "k")
            if not ok then
                failed += 1
                first = first or err
            end
        end
        print(failed, first)
        "#,
    );
    w.advance(120.0);
    assert_eq!(
        prints(&w, s),
        vec![
            "100 Code: RequestThrottled, Error: Recent MemoryStores requests hit one or more limits."
        ]
    );
    let minutes = w.memory().per_minute();
    assert_eq!(minutes[0].units, 1000);
    assert_eq!(minutes[0].throttled, 100);
    assert_eq!(minutes[0].limit, 1000.0);
    // Players raise the limit: 1000 + 120 x 2.
    w.server(s).join(1, "a").unwrap();
    w.server(s).join(2, "b").unwrap();
    run(
        &w,
        s,
        r#"
        local map = game:GetService("MemoryStoreService"):GetHashMap("M")
        local failed = 0
        for i = 1, 1300 do
            task.spawn(function()
                if not pcall(map.GetAsync, map, "k") then failed += 1 end
            end)
        end
        task.wait(1)
        print(failed)
        "#,
    );
    w.advance(120.0);
    assert_eq!(prints(&w, s).last().unwrap(), "60");
    let per_server = w.memory().per_server_minute();
    assert_eq!(per_server[0].server, s);
    assert_eq!(per_server[0].units, 1000);
    assert_eq!(per_server.iter().map(|m| m.units).sum::<u32>(), 1000 + 1240);
}

#[test]
fn writes_that_would_pass_the_memory_quota_fail_and_others_still_succeed() {
    let mut w = world();
    let s = w.add_server(ServerConfig::default()).unwrap();
    // No players: 64 KB. Two 30,000-byte values fit, a third does not.
    run(
        &w,
        s,
        r#"
        local map = game:GetService("MemoryStoreService"):GetHashMap("Big")
        local big = string.rep("x", 29998)
        print(pcall(map.SetAsync, map, "a", big, 20))
        print(pcall(map.SetAsync, map, "b", big, 60))
        print(pcall(map.SetAsync, map, "c", big, 60))
        print(pcall(map.SetAsync, map, "b", "small", 60))
        task.wait(21)
        print(pcall(map.SetAsync, map, "c", big, 60))
        "#,
    );
    w.advance(30.0);
    let out = prints(&w, s);
    assert_eq!(out[0], "true false");
    assert_eq!(out[1], "true false");
    assert!(
        out[2].starts_with("false Code: TotalMemoryOverLimit"),
        "{}",
        out[2]
    );
    assert_eq!(out[3], "true true");
    assert_eq!(
        out[4], "true false",
        "after \"a\" expired there is room again"
    );
    // "c" (30,000 bytes of JSON and a 1-byte key) and "b" ("small": 7 + 1).
    assert_eq!(w.memory().memory_used(), 30_009);
}

#[test]
fn memory_store_faults_hit_the_whole_game_or_one_servers_path() {
    let mut w = World::new(WorldConfig {
        memory: MemoryConfig {
            seed: 5,
            ..Default::default()
        },
        ..Default::default()
    });
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    w.memory().add_server_outage(b, 0.0, 30.0);
    let script = r#"
        local map = game:GetService("MemoryStoreService"):GetHashMap("Alive")
        local failed, err = 0, nil
        for i = 1, 20 do
            local ok, e = pcall(map.SetAsync, map, game.JobId, i, 15)
            if not ok then failed += 1 err = e end
        end
        print(failed, err)
    "#;
    run(&w, a, script);
    run(&w, b, script);
    w.advance(10.0);
    assert_eq!(prints(&w, a), vec!["0 nil"]);
    assert_eq!(
        prints(&w, b),
        vec!["20 Code: InternalError, Error: Internal Error."]
    );
    assert_eq!(w.memory().hash_map("Alive").len(), 1, "only a's entry");
    // After the window, b works again.
    w.advance(30.0);
    run(&w, b, script);
    w.advance(10.0);
    assert_eq!(prints(&w, b).last().unwrap(), "0 nil");
    // A game-wide failure rate, the same pattern for the same seed.
    let pattern = |seed: u64| {
        let mut w = World::new(WorldConfig {
            memory: MemoryConfig {
                faults: PathFaults::failing(0.3),
                seed,
                ..Default::default()
            },
            ..Default::default()
        });
        let s = w.add_server(ServerConfig::default()).unwrap();
        run(
            &w,
            s,
            r#"
            local map = game:GetService("MemoryStoreService"):GetHashMap("M")
            local out = {}
            for i = 1, 60 do
                table.insert(out, if pcall(map.GetAsync, map, "k") then "." else "x")
            end
            print(table.concat(out))
            "#,
        );
        w.advance(20.0);
        prints(&w, s)[0].clone()
    };
    let p = pattern(3);
    assert_eq!(p, pattern(3));
    assert_ne!(p, pattern(4));
    let failed = p.chars().filter(|c| *c == 'x').count();
    assert!((8..=30).contains(&failed), "{p}");
}

// MessagingService -------------------------------------------------------------------------------------

const LISTEN: &str = r#"
    local MS = game:GetService("MessagingService")
    _G.got = 0
    MS:SubscribeAsync("T", function(m) _G.got += 1 end)
"#;

fn received(w: &World, s: usize) -> i64 {
    w.server(s).eval::<i64>("return _G.got").unwrap()
}

#[test]
fn lost_messages_are_dropped_per_delivery_and_logged_deterministically() {
    let run_with = |loss: f64, seed: u64| {
        let mut w = World::new(WorldConfig {
            messaging: MessagingConfig {
                loss_rate: loss,
                seed,
                ..Default::default()
            },
            ..Default::default()
        });
        let a = w.add_server(ServerConfig::default()).unwrap();
        let b = w.add_server(ServerConfig::default()).unwrap();
        run(&w, a, LISTEN);
        run(&w, b, LISTEN);
        w.advance(1.0);
        run(
            &w,
            a,
            r#"for i = 1, 100 do game:GetService("MessagingService"):PublishAsync("T", i) end"#,
        );
        w.advance(30.0);
        let drops: Vec<(usize, DropReason)> = w
            .bus()
            .drops()
            .iter()
            .map(|d| (d.to_server, d.dropped.unwrap()))
            .collect();
        (
            received(&w, a),
            received(&w, b),
            drops,
            w.bus().deliveries().len(),
        )
    };
    let (a, b, drops, deliveries) = run_with(0.0, 1);
    assert_eq!((a, b, drops.len(), deliveries), (100, 100, 0, 200));
    let (a, b, drops, deliveries) = run_with(0.5, 1);
    assert_eq!(deliveries, 200);
    assert_eq!((a + b) as usize + drops.len(), 200);
    assert!(drops.iter().all(|d| d.1 == DropReason::Lost));
    assert!((60..=140).contains(&drops.len()), "{}", drops.len());
    assert!(a < 100 && b < 100);
    assert_eq!(run_with(0.5, 1).2, drops);
    assert_ne!(run_with(0.5, 2).2, drops);
}

#[test]
fn publish_fails_in_an_outage_on_one_server_only() {
    let mut w = world();
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    w.bus()
        .set_server_publish_faults(b, PathFaults::outage(0.0, 10.0));
    let publish = r#"
        local ok, err = pcall(function() game:GetService("MessagingService"):PublishAsync("T", "hi") end)
        print(ok, err)
    "#;
    run(&w, a, publish);
    run(&w, b, publish);
    w.advance(1.0);
    assert_eq!(prints(&w, a), vec!["true nil"]);
    assert!(prints(&w, b)[0].starts_with("false MessagingService: PublishAsync failed"));
    assert_eq!(w.bus().messages().len(), 1);
    assert_eq!(w.bus().publish_failures().len(), 1);
    w.advance(10.0);
    run(&w, b, publish);
    w.advance(1.0);
    assert_eq!(prints(&w, b)[1], "true nil");
}

#[test]
fn a_failing_subscription_hears_nothing_until_it_succeeds() {
    let mut w = world();
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    w.bus().fail_subscribe_tries(b, 2);
    w.bus().add_subscribe_outage(a, 0.0, 5.0);
    let listen = r#"
        _G.got = 0
        local MS = game:GetService("MessagingService")
        local tries = 0
        while true do
            tries += 1
            local ok, err = pcall(MS.SubscribeAsync, MS, "T", function() _G.got += 1 end)
            if ok then break end
            print(err)
            task.wait(2)
        end
        print("subscribed after", tries)
    "#;
    run(&w, a, listen);
    run(&w, b, listen);
    // Published at 1 s: b (failing its first two tries) and a (failing until 5 s) both miss it.
    w.advance(1.0);
    run(
        &w,
        a,
        r#"game:GetService("MessagingService"):PublishAsync("T", 1)"#,
    );
    w.advance(10.0);
    run(
        &w,
        a,
        r#"game:GetService("MessagingService"):PublishAsync("T", 2)"#,
    );
    w.advance(2.0);
    assert_eq!(prints(&w, b).last().unwrap(), "subscribed after 3");
    assert_eq!(prints(&w, a).last().unwrap(), "subscribed after 4");
    assert_eq!((received(&w, a), received(&w, b)), (1, 1));
    assert_eq!(w.bus().subscribe_failures().len(), 5);
    assert!(prints(&w, b)[0].contains("SubscribeAsync failed"));
}

#[test]
fn deliveries_over_a_topics_receive_limit_are_dropped() {
    let mut w = world();
    let s = w.add_server(ServerConfig::default()).unwrap();
    run(&w, s, LISTEN);
    w.advance(1.0);
    // One server: a topic receives 40 + 80 x 1 = 120 messages a minute.
    run(
        &w,
        s,
        r#"for i = 1, 150 do game:GetService("MessagingService"):PublishAsync("T", i) end"#,
    );
    w.advance(30.0);
    assert_eq!(received(&w, s), 120);
    let drops = w.bus().drops();
    assert_eq!(drops.len(), 30);
    assert!(
        drops
            .iter()
            .all(|d| d.dropped == Some(DropReason::TopicLimit))
    );
    // A minute later the topic receives again.
    w.advance(60.0);
    run(
        &w,
        s,
        r#"game:GetService("MessagingService"):PublishAsync("T", 0)"#,
    );
    w.advance(1.0);
    assert_eq!(received(&w, s), 121);
}

#[test]
fn deliveries_over_the_games_receive_limit_are_dropped() {
    let mut w = world();
    let s = w.add_server(ServerConfig::default()).unwrap();
    // One player: 840 messages sent a minute; one server: the game receives 400 + 200 = 600
    // a minute, each topic 120. Six topics of 110 messages stay under each topic's limit.
    w.server(s).join(1, "a").unwrap();
    run(
        &w,
        s,
        r#"
        local MS = game:GetService("MessagingService")
        _G.got = 0
        for t = 1, 6 do
            MS:SubscribeAsync("T" .. t, function() _G.got += 1 end)
        end
        for i = 1, 110 do
            for t = 1, 6 do
                MS:PublishAsync("T" .. t, i)
            end
        end
        "#,
    );
    w.advance(50.0);
    assert_no_errors(&w, s);
    assert_eq!(received(&w, s), 600);
    let drops = w.bus().drops();
    assert_eq!(drops.len(), 60);
    assert!(
        drops
            .iter()
            .all(|d| d.dropped == Some(DropReason::GameLimit))
    );
}

#[test]
fn publishing_over_the_servers_send_limit_errors() {
    let mut w = world();
    let s = w.add_server(ServerConfig::default()).unwrap();
    // No players: 600 + 240 x 0 messages a minute, nobody listening.
    run(
        &w,
        s,
        r#"
        local MS = game:GetService("MessagingService")
        local failed, first = 0, nil
        for i = 1, 610 do
            local ok, err = pcall(MS.PublishAsync, MS, "T", i)
            if not ok then failed += 1 first = first or err end
        end
        print(failed, first)
        "#,
    );
    w.advance(60.0);
    let out = prints(&w, s);
    assert!(
        out[0].starts_with("10 MessagingService: PublishAsync request throttled"),
        "{out:?}"
    );
    assert_eq!(w.bus().messages().len(), 600);
}

#[test]
fn subscriptions_over_the_servers_limit_fail() {
    let mut w = world();
    let s = w.add_server(ServerConfig::default()).unwrap();
    // No players: 20 subscriptions; with one player 28.
    run(
        &w,
        s,
        r#"
        local MS = game:GetService("MessagingService")
        local failed, conns = 0, {}
        for i = 1, 22 do
            local ok, c = pcall(MS.SubscribeAsync, MS, "T" .. i, function() end)
            if ok then table.insert(conns, c) else failed += 1 end
        end
        print(failed)
        conns[1]:Disconnect()
        print(pcall(MS.SubscribeAsync, MS, "again", function() end))
        "#,
    );
    w.advance(5.0);
    let out = prints(&w, s);
    assert_eq!(out[0], "2");
    assert!(out[1].starts_with("true"), "{out:?}");
    assert_eq!(w.bus().subscriptions(s).len(), 20);
}

// DataStores ---------------------------------------------------------------------------------------------

const SAVE_20: &str = r#"
    local store = game:GetService("DataStoreService"):GetDataStore("Data")
    local failed, err = 0, nil
    for i = 1, 20 do
        local ok, e = pcall(store.SetAsync, store, "k" .. game.JobId, i)
        if not ok then failed += 1 err = e end
    end
    print(failed, err)
"#;

#[test]
fn one_servers_datastore_path_fails_while_the_others_work() {
    let mut w = World::new(WorldConfig {
        faults: FaultConfig {
            seed: 9,
            ..Default::default()
        },
        ..Default::default()
    });
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    w.backend().add_server_outage(b, 0.0, 60.0);
    run(&w, a, SAVE_20);
    run(&w, b, SAVE_20);
    w.advance(30.0);
    assert_eq!(prints(&w, a), vec!["0 nil"]);
    assert_eq!(
        prints(&w, b),
        vec!["20 502: API Services rejected request with error. HTTP 503 (Service Unavailable)"]
    );
    let failed_by = |server: usize| {
        w.backend()
            .log()
            .iter()
            .filter(|e| e.server == server && matches!(e.outcome, Outcome::Failed(_)))
            .count()
    };
    assert_eq!((failed_by(a), failed_by(b)), (0, 20));
    // A failure rate on b's path only.
    w.backend().set_server_failure_rate(b, 0.5);
    w.advance(40.0);
    run(&w, a, SAVE_20);
    run(&w, b, SAVE_20);
    w.advance(30.0);
    assert_eq!(prints(&w, a)[1], "0 nil");
    let b_failed: usize = prints(&w, b)[1].split(' ').next().unwrap().parse().unwrap();
    assert!((3..=17).contains(&b_failed), "{b_failed}");
}

#[test]
fn permanent_errors_fail_every_write_of_the_key_and_nothing_else() {
    let mut w = world();
    let s = w.add_server(ServerConfig::default()).unwrap();
    w.backend()
        .put("Data", "global", "big", json!({"coins": 1}), 0);
    w.backend()
        .add_permanent_fault(Some("Data"), "big", PermanentError::ValueTooLarge);
    w.backend()
        .add_permanent_fault(None, "odd", PermanentError::ValueNotAllowed);
    run(
        &w,
        s,
        r#"
        local store = game:GetService("DataStoreService"):GetDataStore("Data")
        local failed = 0
        for i = 1, 5 do
            if not pcall(store.SetAsync, store, "big", { coins = i }) then failed += 1 end
        end
        print(failed)
        local runs = 0
        print(pcall(store.UpdateAsync, store, "big", function(old) runs += 1 return old end))
        print(runs, store:GetAsync("big").coins)
        print(pcall(store.SetAsync, store, "odd", 1))
        print(pcall(store.SetAsync, store, "fine", 1))
        "#,
    );
    w.advance(30.0);
    let out = prints(&w, s);
    assert_eq!(out[0], "5");
    assert_eq!(out[1], "false 105: Serialized value exceeds 4MB limit.");
    assert_eq!(
        out[2], "1 1",
        "the transform ran once; the stored value is untouched"
    );
    assert_eq!(out[3], "false 103: Can't allow userdata in DataStore.");
    assert!(out[4].starts_with("true"), "{out:?}");
    assert_eq!(
        w.backend().contents().get("Data", "big"),
        Some(&json!({"coins": 1}))
    );
}
