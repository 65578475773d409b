//! The emulated Roblox runtime: scheduler, signals, instances, require, players, Rojo loading.

use crate::common::{assert_no_errors, prints};
use datastore_designer::sim::{OutputKind, ServerConfig, World, WorldConfig};

fn world() -> (World, usize) {
    let mut w = World::new(WorldConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    (w, s)
}

#[test]
fn task_library_runs_on_the_virtual_clock() {
    let (mut w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            task.delay(3, function() print("delay", time()) end)
            task.spawn(function() print("spawn", time()) end)
            task.defer(function() print("defer", time()) end)
            local t = task.spawn(function() task.wait(1) print("never") end)
            task.cancel(t)
            local elapsed = task.wait(2)
            print("waited", elapsed)
            "#,
        )
        .unwrap();
    // spawn runs at once, defer after the current thread yields.
    assert_eq!(prints(&w, s), vec!["spawn 0", "defer 0"]);
    w.advance(10.0);
    assert_eq!(
        prints(&w, s),
        vec!["spawn 0", "defer 0", "waited 2", "delay 3"]
    );
    assert_eq!(w.now(), 10.0);
    assert_no_errors(&w, s);
}

#[test]
fn clocks_follow_virtual_time_and_deprecated_globals_are_noted() {
    let (mut w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local t0, c0, k0, d0 = os.time(), os.clock(), tick(), DateTime.now().UnixTimestamp
            wait(60)
            print(os.time() - t0, os.clock() - c0, math.floor(tick() - k0), DateTime.now().UnixTimestamp - d0)
            print(DateTime.fromUnixTimestamp(0):ToIsoDate())
            "#,
        )
        .unwrap();
    w.advance(61.0);
    assert_eq!(
        prints(&w, s),
        vec!["60 60 60 60", "1970-01-01T00:00:00.000Z"]
    );
    let info: Vec<_> = w
        .server(s)
        .output()
        .into_iter()
        .filter(|l| l.kind == OutputKind::Info)
        .collect();
    assert_eq!(info.len(), 1, "{info:?}");
    assert!(info[0].text.contains("deprecated global 'wait'"));
}

#[test]
fn signals_connect_once_wait_disconnect() {
    let (mut w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local e = Instance.new("BindableEvent")
            local n, once = 0, 0
            local c = e.Event:Connect(function(x) n += x end)
            e.Event:Once(function() once += 1 end)
            task.delay(1, function() e:Fire(5) end)
            local got = e.Event:Wait()
            print("waited", got, typeof(e.Event), typeof(c))
            task.wait()
            e:Fire(2)
            task.wait()
            c:Disconnect()
            e:Fire(100)
            task.wait()
            print(n, once, c.Connected)
            "#,
        )
        .unwrap();
    w.advance(2.0);
    assert_eq!(
        prints(&w, s),
        vec!["waited 5 RBXScriptSignal RBXScriptConnection", "7 1 false"]
    );
    assert_no_errors(&w, s);
}

#[test]
fn instances_values_and_changed_signals() {
    let (mut w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local f = Instance.new("Folder")
            f.Name = "leaderstats"
            local coins = Instance.new("IntValue")
            coins.Name = "Coins"
            coins.Parent = f
            local seen = {}
            coins.Changed:Connect(function(v) table.insert(seen, v) end)
            coins:GetPropertyChangedSignal("Value"):Connect(function() table.insert(seen, "prop") end)
            coins.Value = 2.6
            task.wait()
            print(coins.Value, table.concat(seen, ","), coins:IsA("ValueBase"), coins.ClassName, typeof(coins))
            print(f:FindFirstChild("Coins") == coins, f.Coins == coins, #f:GetChildren(), coins:GetFullName())
            print(pcall(function() return coins.Nope end))
            print(pcall(function() Instance.new("Part") end))
            coins:Destroy()
            print(coins.Parent, #f:GetChildren(), pcall(function() coins.Parent = f end))
            "#,
        )
        .unwrap();
    w.advance(1.0);
    let p = prints(&w, s);
    assert_eq!(p[0], "3 3,prop true IntValue Instance");
    assert_eq!(p[1], "true true 1 leaderstats.Coins");
    assert!(
        p[2].starts_with("false") && p[2].contains("Nope is not a valid member of IntValue"),
        "{}",
        p[2]
    );
    assert!(
        p[3].contains("Unable to create an Instance of type \"Part\""),
        "{}",
        p[3]
    );
    assert!(
        p[4].starts_with("nil 0 false") && p[4].contains("locked"),
        "{}",
        p[4]
    );
}

#[test]
fn wait_for_child_yields_until_the_child_appears_or_times_out() {
    let (mut w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local rs = game:GetService("ReplicatedStorage")
            task.delay(2, function() Instance.new("Folder", rs).Name = "Late" end)
            print("got", rs:WaitForChild("Late").Name, time())
            print("timeout", rs:WaitForChild("Never", 1), time())
            rs:WaitForChild("Forever")
            "#,
        )
        .unwrap();
    w.advance(10.0);
    assert_eq!(prints(&w, s), vec!["got Late 2", "timeout nil 3"]);
    let warns: Vec<_> = w
        .server(s)
        .output()
        .into_iter()
        .filter(|l| l.kind == OutputKind::Warn)
        .collect();
    assert_eq!(warns.len(), 1);
    assert!(
        warns[0]
            .text
            .contains("Infinite yield possible on 'ReplicatedStorage:WaitForChild(\"Forever\")'")
    );
}

#[test]
fn require_caches_modules_and_reports_errors() {
    let (mut w, s) = world();
    let server = w.server(s);
    server
        .add_instance("ReplicatedStorage", "ModuleScript", "Counter", Some("print('loading', script.Name) local n = 0 return { next = function() n += 1 return n end }"))
        .unwrap();
    server
        .add_instance(
            "ReplicatedStorage",
            "ModuleScript",
            "Bad",
            Some("error('boom')"),
        )
        .unwrap();
    server
        .add_instance(
            "ReplicatedStorage",
            "ModuleScript",
            "Two",
            Some("return 1, 2"),
        )
        .unwrap();
    server
        .run_script(
            "Main",
            r#"
            local rs = game:GetService("ReplicatedStorage")
            local a = require(rs.Counter)
            local b = require(rs:WaitForChild("Counter"))
            print(a == b, a.next(), b.next())
            print(pcall(require, rs.Bad))
            print(pcall(require, rs.Two))
            print(script.Parent.Name, script.Name)
            "#,
        )
        .unwrap();
    w.advance(1.0);
    let p = prints(&w, s);
    assert_eq!(p[0], "loading Counter");
    assert_eq!(p[1], "true 1 2");
    assert!(
        p[2].contains("Requested module experienced an error while loading"),
        "{}",
        p[2]
    );
    assert!(p[3].starts_with("false"), "{}", p[3]);
    assert_eq!(p[4], "ServerScriptService Main");
}

#[test]
fn errors_in_threads_are_logged_and_do_not_stop_the_server() {
    let (mut w, s) = world();
    w.server(s)
        .run_script("Broken", "task.wait(1) error('kaboom')")
        .unwrap();
    w.server(s)
        .run_script("Fine", "task.wait(2) print('still running')")
        .unwrap();
    w.advance(3.0);
    let errors = w.server(s).errors();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .text
            .contains("ServerScriptService.Broken:1: kaboom"),
        "{:?}",
        errors[0]
    );
    assert_eq!(prints(&w, s), vec!["still running"]);
}

#[test]
fn runaway_scripts_time_out() {
    let mut w = World::new(WorldConfig::default());
    let config = ServerConfig {
        script_timeout: std::time::Duration::from_millis(50),
        ..Default::default()
    };
    let s = w.add_server(config).unwrap();
    w.server(s).run_script("Loop", "while true do end").unwrap();
    let errors = w.server(s).errors();
    assert!(errors[0].text.contains("Script timeout"), "{errors:?}");
}

#[test]
fn players_join_leave_and_kick() {
    let (mut w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local Players = game:GetService("Players")
            Players.PlayerAdded:Connect(function(p)
                local ls = Instance.new("Folder")
                ls.Name = "leaderstats"
                ls.Parent = p
                print("added", p.Name, p.UserId, p.DisplayName, #Players:GetPlayers())
                if p.UserId == 3 then p:Kick("banned") end
            end)
            Players.PlayerRemoving:Connect(function(p)
                print("removing", p.Name, p:FindFirstChild("leaderstats") ~= nil)
            end)
            "#,
        )
        .unwrap();
    let server = w.server(s);
    server.join(1, "alice").unwrap();
    server.join(3, "mallory").unwrap();
    assert_eq!(server.players(), vec![1]);
    assert_eq!(server.kicks(), vec![(3, "banned".to_string())]);
    assert!(
        server
            .eval::<bool>("return game.Players:GetPlayerByUserId(1).Name == 'alice'")
            .unwrap()
    );
    assert!(server.leave(1).unwrap());
    w.advance(0.1);
    assert_eq!(
        prints(&w, s),
        vec![
            "added alice 1 alice 1",
            "added mallory 3 mallory 2",
            "removing mallory true",
            "removing alice true"
        ]
    );
}

#[test]
fn services_and_game_properties() {
    let mut w = World::new(WorldConfig::default());
    let config = ServerConfig {
        is_studio: true,
        place_id: 42,
        job_id: Some("job-1".into()),
        ..Default::default()
    };
    let s = w.add_server(config).unwrap();
    w.set_user_name(7, "seven");
    w.server(s)
        .run_script(
            "Main",
            r#"
            local RunService = game:GetService("RunService")
            local Http = game:GetService("HttpService")
            print(game.PlaceId, game.JobId, RunService:IsStudio(), RunService:IsServer())
            local guid = Http:GenerateGUID(false)
            print(#guid, Http:JSONEncode({a = {1, 2}}), Http:JSONDecode('{"x": [true]}').x[1])
            local infos = game:GetService("UserService"):GetUserInfosByUserIdsAsync({7, 8})
            print(#infos, infos[1].Username)
            local n = 0
            local c
            c = RunService.Heartbeat:Connect(function(dt) n += 1 if n == 60 then c:Disconnect() end end)
            task.wait(2)
            print("beats", n)
            print(pcall(function() game:GetService("Nope") end))
            "#,
        )
        .unwrap();
    w.advance(3.0);
    let p = prints(&w, s);
    assert_eq!(p[0], "42 job-1 true true");
    assert_eq!(p[1], r#"36 {"a":[1,2]} true"#);
    assert_eq!(p[2], "1 seven");
    assert_eq!(p[3], "beats 60");
    assert!(p[4].contains("'Nope' is not a valid Service name"));
}

#[test]
fn messaging_service_delivers_between_servers() {
    let mut w = World::new(WorldConfig::default());
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    let sub = r#"
        game:GetService("MessagingService"):SubscribeAsync("news", function(m)
            print("got", m.Data.text, time())
        end)
    "#;
    w.server(a).run_script("Sub", sub).unwrap();
    w.server(b).run_script("Sub", sub).unwrap();
    w.advance(1.0);
    w.server(a)
        .run_script(
            "Pub",
            r#"game:GetService("MessagingService"):PublishAsync("news", {text = "hi"})"#,
        )
        .unwrap();
    w.advance(1.0);
    for s in [a, b] {
        let p = prints(&w, s);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("got hi 1.2"), "{p:?}");
    }
    assert_eq!(w.bus().messages().len(), 1);
}

#[test]
fn rojo_project_loads_and_runs_server_scripts_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("src/server")).unwrap();
    std::fs::create_dir_all(root.join("src/shared/Lib")).unwrap();
    std::fs::write(
        root.join("src/server/Main.server.luau"),
        r#"
        local Lib = require(game:GetService("ReplicatedStorage"):WaitForChild("Shared"):WaitForChild("Lib"))
        print("main", script.Parent.Name, Lib.answer, Lib.Helper)
        "#,
    )
    .unwrap();
    std::fs::write(
        root.join("src/server/Client.client.luau"),
        "print('client should not run')",
    )
    .unwrap();
    std::fs::write(
        root.join("src/shared/Lib/init.luau"),
        "return { answer = 42, Helper = require(script.Helper) }",
    )
    .unwrap();
    std::fs::write(root.join("src/shared/Lib/Helper.luau"), "return 'helper'").unwrap();
    std::fs::write(
        root.join("default.project.json"),
        r#"{"name": "Game", "tree": {"$className": "DataModel",
            "ServerScriptService": {"$className": "ServerScriptService", "Server": {"$path": "src/server"}},
            "ReplicatedStorage": {"$className": "ReplicatedStorage", "Shared": {"$path": "src/shared"}}}}"#,
    )
    .unwrap();
    let (mut w, s) = world();
    let started = w.server(s).load_rojo_project(root).unwrap();
    assert_eq!(started, 1);
    w.advance(1.0);
    assert_no_errors(&w, s);
    assert_eq!(prints(&w, s), vec!["main Server 42 helper"]);
}
