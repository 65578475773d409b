//! The command line as a user runs it: messages, exit codes, files.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// Runs the command line in `dir`.
pub(crate) fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_datastore-designer"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs the command line in `dir`, which must succeed; returns what it printed.
pub(crate) fn run_ok(args: &[&str], dir: &Path) -> String {
    let out = run(args, dir);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

#[test]
fn without_a_display_no_arguments_explains_the_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_datastore-designer"))
        .current_dir(tmp.path())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .env("HOME", tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the designer window could not open"),
        "{}",
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.contains("new --template starter"), "{text}");
    assert!(text.contains("check") && text.contains("export"), "{text}");
}

#[test]
fn new_check_export_round() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = run(&["new", "--template", "starter", "game.ron"], dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("game.ron").is_file());

    let out = run(&["new", "--template", "starter", "game.ron"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));

    let out = run(&["check", "game.ron"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 errors") || stdout(&out).contains("no problems"));

    let out = run(&["check", "game.ron", "--json"], dir);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"], 0);
    assert!(json["diagnostics"].is_array());

    let out = run(&["export", "game.ron", "--out", "exported"], dir);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(dir.join("exported/default.project.json").is_file());
    assert!(stdout(&out).contains("Config.luau"));
}

#[test]
fn unknown_template_lists_the_real_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["new", "--template", "nope", "x.ron"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("player-stats"), "{}", stderr(&out));
    assert!(!tmp.path().join("x.ron").exists());
}

#[test]
fn a_project_with_errors_exits_1_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert!(run(&["new", "game.ron"], dir).status.success());
    let text = fs::read_to_string(dir.join("game.ron")).unwrap();
    let broken = text.replacen("name: \"Coins\"", "name: \"end\"", 1);
    assert_ne!(text, broken, "the starter has a Coins field");
    fs::write(dir.join("game.ron"), broken).unwrap();

    let out = run(&["check", "game.ron"], dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("\"end\""), "{}", stdout(&out));

    let out = run(&["check", "game.ron", "--json"], dir);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["errors"].as_u64().unwrap() >= 1);

    let out = run(&["export", "game.ron", "--out", "exported"], dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("Nothing was exported"),
        "{}",
        stdout(&out)
    );
    assert!(!dir.join("exported").exists());
}

#[test]
fn bad_files_get_clear_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();

    let out = run(&["check", "missing.ron"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("missing.ron: there is no such file"),
        "{}",
        stderr(&out)
    );

    fs::create_dir(dir.join("folder.ron")).unwrap();
    let out = run(&["check", "folder.ron"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));

    fs::write(
        dir.join("broken.ron"),
        "(\n    format_version: 1,\n    name: \"x\",\n    schema: (version: 1 fields: []),\n)\n",
    )
    .unwrap();
    let out = run(&["check", "broken.ron"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken.ron:4:"), "{}", stderr(&out));

    fs::write(dir.join("binary.ron"), [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let out = run(&["check", "binary.ron"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not text"), "{}", stderr(&out));

    let out = run(&["new", "folder.ron"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));
}

#[test]
fn layout_prints_every_element_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run_ok(&["new", "--template", "global-leaderboard", "lb.ron"], dir);
    let out = run(
        &[
            "layout",
            "lb.ron",
            "--leaderboard",
            "TopCoins",
            "--device",
            "desktop",
            "--json",
        ],
        dir,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let elements = json["elements"].as_array().unwrap();
    let frame = elements
        .iter()
        .find(|e| e["path"] == "LeaderboardGUI/LeaderboardFrame")
        .expect("the panel is listed");
    // Position (1, -260, 0, 10) on a 1920-wide screen: x = 1920 - 260, y = 10 below the top bar.
    assert_eq!(
        frame["absolute_position"],
        serde_json::json!([1660.0, 10.0])
    );
    assert_eq!(frame["absolute_size"], serde_json::json!([250.0, 350.0]));
    assert!(frame["draw_order"].is_number());
    // Ten sample rows were filled into the list.
    let rows = elements
        .iter()
        .filter(|e| {
            e["path"]
                .as_str()
                .unwrap()
                .starts_with("LeaderboardGUI/LeaderboardFrame/ListFrame/Entry")
                && e["class"] == "Frame"
        })
        .count();
    assert_eq!(rows, 10);

    let out = run(&["layout", "lb.ron", "--leaderboard", "Nope"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("TopCoins"), "{}", stderr(&out));
}

#[test]
fn layout_lays_out_the_data_status_screen_in_each_state() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run_ok(&["new", "--template", "player-stats", "p.ron"], dir);
    for (state, shown, hidden) in [
        ("loading", "Loading", "ReadOnly"),
        ("read-only", "ReadOnly", "Loading"),
    ] {
        let out = run(&["layout", "p.ron", "--data-status", state, "--json"], dir);
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["data_status"], state);
        assert!(json.get("leaderboard").is_none());
        let element = |name: &str| {
            json["elements"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["path"] == format!("DataStatusGUI/{name}"))
                .cloned()
                .unwrap_or_else(|| panic!("{name} is listed"))
        };
        assert_eq!(element(shown)["visible"], true, "{state}");
        assert_eq!(element(hidden)["visible"], false, "{state}");
    }
    // The loading panel sits in the middle of a 1920x1080 screen.
    let out = run(
        &["layout", "p.ron", "--data-status", "loading", "--json"],
        dir,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let panel = json["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == "DataStatusGUI/Loading/Panel")
        .unwrap()
        .clone();
    let x = panel["absolute_position"][0].as_f64().unwrap();
    let w = panel["absolute_size"][0].as_f64().unwrap();
    assert!((x + w / 2.0 - 960.0).abs() < 1.0, "{panel}");
    // A project without leaderboards says how to lay out what it has.
    let out = run(&["layout", "p.ron"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--data-status"), "{}", stderr(&out));
    let out = run(
        &["layout", "p.ron", "--data-status", "loading", "--rows", "3"],
        dir,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn import_gui_replaces_a_leaderboard_gui_and_refuses_bad_models() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run_ok(&["new", "--template", "global-leaderboard", "lb.ron"], dir);
    assert!(
        run(
            &["export", "lb.ron", "--out", "out", "--format", "rbxmx"],
            dir
        )
        .status
        .success()
    );
    run_ok(&["new", "--template", "starter", "s.ron"], dir);

    // A model that is not one: an error, and the project is untouched.
    let before = fs::read(dir.join("s.ron")).unwrap();
    let out = run(&["import-gui", "s.ron", "--model", "lb.ron"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not a Roblox model file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(dir.join("s.ron")).unwrap(), before);

    let out = run(
        &[
            "import-gui",
            "s.ron",
            "--model",
            "out/models/TopCoins.rbxmx",
            "--leaderboard",
            "TopCoins",
        ],
        dir,
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let imported = datastore_designer::project::file::load(&dir.join("s.ron")).unwrap();
    let source = datastore_designer::project::file::load(&dir.join("lb.ron")).unwrap();
    let (got, want) = (&imported.leaderboards[0], &source.leaderboards[0]);
    let normalized = datastore_designer::studio::model::normalized;
    assert_eq!(normalized(&got.gui), normalized(&want.gui));
    assert_eq!(
        normalized(&got.row_template),
        normalized(&want.row_template)
    );
    assert_eq!(got.rows_in, want.rows_in);
    assert_eq!(
        fs::read(dir.join("s.ron.bak")).unwrap(),
        before,
        "the previous project is kept"
    );
}

#[test]
fn import_gui_takes_the_named_tab_template_out_of_a_studio_gui() {
    use datastore_designer::project::gui::GuiNode;
    use datastore_designer::studio::model::{self, ModelFormat};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run_ok(&["new", "--template", "starter", "s.ron"], dir);
    // A GUI made in Studio: the starter's, with a tab button the designer added.
    let project = datastore_designer::project::file::load(&dir.join("s.ron")).unwrap();
    let board = &project.leaderboards[0];
    let mut gui = board.gui.clone();
    let frame = gui
        .children
        .iter_mut()
        .find(|c| c.name == "LeaderboardFrame")
        .unwrap();
    frame
        .children
        .push(GuiNode::new("Frame", "Tabs").child(GuiNode::new("TextButton", "Tab")));
    let bytes = model::write_gui(&gui, ModelFormat::Xml).unwrap();
    fs::write(dir.join("studio.rbxmx"), bytes).unwrap();

    let args = [
        "import-gui",
        "s.ron",
        "--model",
        "studio.rbxmx",
        "--leaderboard",
    ];
    let out = run(
        &[
            &args[..],
            &[&board.name, "--tab-template", "LeaderboardFrame/Tabs/Tab"],
        ]
        .concat(),
        dir,
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let imported = datastore_designer::project::file::load(&dir.join("s.ron")).unwrap();
    let got = &imported.leaderboards[0];
    let tabs = got.tabs.as_ref().expect("the tab template was taken");
    assert_eq!(tabs.goes_in, "LeaderboardFrame/Tabs");
    assert_eq!(tabs.template.name, "Tab");
    assert!(got.gui.find("LeaderboardFrame/Tabs/Tab").is_none());
    assert!(got.gui.find("LeaderboardFrame/Tabs").is_some());

    // A path that names nothing: an error, and the project is untouched.
    let before = fs::read(dir.join("s.ron")).unwrap();
    let out = run(
        &[&args[..], &[&board.name, "--tab-template", "Nope/Tab"]].concat(),
        dir,
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Nope/Tab"), "{}", stderr(&out));
    assert_eq!(fs::read(dir.join("s.ron")).unwrap(), before);
}

#[test]
fn simulate_prints_the_verdict_and_exits_by_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["new", "--template", "starter", "game.ron"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(
        &[
            "simulate",
            "game.ron",
            "--scenario",
            "server-crash",
            "--players",
            "4",
            "--minutes",
            "2",
            "--seed",
            "3",
        ],
        tmp.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.contains("Server crash (4 players, 2 min"), "{text}");
    assert!(
        text.contains("PASSED: no data lost or duplicated."),
        "{text}"
    );
    let out = run(
        &[
            "simulate",
            "game.ron",
            "--scenario",
            "normal-play",
            "--players",
            "2",
            "--minutes",
            "1",
            "--json",
        ],
        tmp.path(),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["scenario"], "normal-play");
    assert_eq!(json["verdict"]["saves_lost"], 0);
    // Without session locking, a player hopping between servers loses saves: exit code 3.
    let text = fs::read_to_string(tmp.path().join("game.ron")).unwrap();
    let unlocked = text.replacen("enabled: true", "enabled: false", 1);
    assert_ne!(text, unlocked);
    fs::write(tmp.path().join("unlocked.ron"), unlocked).unwrap();
    let out = run(
        &[
            "simulate",
            "unlocked.ron",
            "--scenario",
            "two-servers",
            "--players",
            "8",
            "--minutes",
            "5",
            "--failure-rate",
            "0.2",
            "--seed",
            "7",
        ],
        tmp.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).contains("FAILED"), "{}", stdout(&out));
}

#[test]
fn simulate_refuses_bad_settings_in_plain_words() {
    let tmp = tempfile::tempdir().unwrap();
    run(&["new", "--template", "starter", "game.ron"], tmp.path());
    let out = run(
        &["simulate", "game.ron", "--scenario", "earthquake"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("choose one of: normal-play"),
        "{}",
        stderr(&out)
    );
    let out = run(
        &[
            "simulate",
            "game.ron",
            "--scenario",
            "outage",
            "--failure-rate",
            "2",
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("failure rate must be between 0 and 0.9"),
        "{}",
        stderr(&out)
    );
    let out = run(
        &["simulate", "missing.ron", "--scenario", "outage"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_luau_type_checks_an_export_in_plain_words() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // A scripter's own Rojo project: a module and the script requiring it.
    let src = dir.join("game/src");
    fs::create_dir_all(&src).unwrap();
    fs::write(
        dir.join("game/default.project.json"),
        r#"{"name": "Mine", "tree": {"$className": "DataModel",
            "ServerScriptService": {"$className": "ServerScriptService", "Game": {"$path": "src"}}}}"#,
    )
    .unwrap();
    fs::write(src.join("Coins.luau"), "--!strict\nreturn { start = 10 }\n").unwrap();
    let main = "--!strict\nlocal Coins = require(script.Parent.Coins)\nlocal n: number = Coins.start\nprint(n)\n";
    fs::write(src.join("Main.server.luau"), main).unwrap();

    let out = run(&["check", "--luau", "game"], dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("Type-checked 2 scripts") && stdout(&out).contains("no problems"),
        "{}",
        stdout(&out)
    );

    // A file inside the project names the project too.
    fs::write(
        src.join("Main.server.luau"),
        main.replace("Coins.start", "Coins.stat"),
    )
    .unwrap();
    let out = run(&["check", "--luau", "game/src/Main.server.luau"], dir);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("ServerScriptService.Game.Main:3:") && text.contains("stat"),
        "{text}"
    );
    assert!(text.contains("1 error"), "{text}");

    let out = run(&["check", "--luau", "game", "--json"], dir);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"], 1);
    assert_eq!(
        json["problems"][0]["script"],
        "ServerScriptService.Game.Main"
    );

    let out = run(&["check", "--luau", "."], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not in an exported Rojo project"),
        "{}",
        stderr(&out)
    );

    // A project file: what it would export, checked without writing it.
    run(&["new", "--template", "starter", "game.ron"], dir);
    let out = run(&["check", "--luau", "game.ron"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("the export of game.ron"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn simulate_purchases_counts_receipts_and_gifts_in_text_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["new", "--template", "starter", "game.ron"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let args = [
        "simulate",
        "game.ron",
        "--scenario",
        "purchases",
        "--players",
        "6",
        "--minutes",
        "3",
        "--seed",
        "5",
    ];
    let out = run(&args, tmp.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.contains("Purchases and gifts (6 players"), "{text}");
    assert!(text.contains("granted exactly once"), "{text}");
    assert!(
        text.contains("0 granted twice, 0 charged and lost"),
        "{text}"
    );
    assert!(text.contains("Gifts: "), "{text}");
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let out = run(&json_args, tmp.path());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["scenario"], "purchases");
    let purchases = &json["verdict"]["purchases"];
    assert!(purchases["bought"].as_u64().unwrap() > 0, "{purchases}");
    assert_eq!(purchases["charged_and_lost"], 0);
    assert_eq!(purchases["granted_twice"], 0);
    assert_eq!(json["verdict"]["gifts"]["lost"], 0);
}

#[test]
fn layout_of_a_board_on_a_part_uses_the_parts_face_in_pixels_per_stud() {
    use datastore_designer::project::{Display, PropValue, examples, file};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut project = file::parse_str(
        examples::text("global-leaderboard").unwrap(),
        "global-leaderboard",
    )
    .unwrap();
    let board = &mut project.leaderboards[0];
    board.display = Display::Surface {
        part: "Board".into(),
        part_size: [10.0, 5.0, 1.0],
    };
    board.gui.class = "SurfaceGui".into();
    board.gui.properties.clear();
    board.gui.properties.insert(
        "SizingMode".into(),
        PropValue::enum_item("SurfaceGuiSizingMode", "PixelsPerStud"),
    );
    board
        .gui
        .properties
        .insert("PixelsPerStud".into(), PropValue::Float(40.0));
    file::save(&project, &dir.join("part.ron")).unwrap();
    let out = run_ok(&["layout", "part.ron", "--json"], dir);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    // A 10x5 stud face at 40 px per stud: a 400x200 canvas.
    let root = json["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == "LeaderboardGUI")
        .expect("the root is listed");
    assert_eq!(root["absolute_size"], serde_json::json!([400.0, 200.0]));
}

#[test]
fn look_list_names_every_look_for_scripts() {
    let tmp = tempfile::tempdir().unwrap();
    let text = run_ok(&["look", "list"], tmp.path());
    for look in datastore_designer::project::looks::all() {
        assert!(
            text.contains(look.id) && text.contains(look.title),
            "{text}"
        );
    }
    assert!(text.contains("on a part"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["look", "list", "--json"], tmp.path())).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        datastore_designer::project::looks::all()
            .iter()
            .map(|l| l.id)
            .collect::<Vec<_>>()
    );
}

#[test]
fn look_apply_dresses_one_board_and_keeps_what_it_ranks() {
    use datastore_designer::project::{file, looks::Look};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run_ok(&["new", "--template", "starter", "s.ron"], dir);
    let before = file::load(&dir.join("s.ron")).unwrap();
    let bytes = fs::read(dir.join("s.ron")).unwrap();

    let text = run_ok(
        &[
            "look",
            "apply",
            "s.ron",
            "--leaderboard",
            "TopCoins",
            "--look",
            "neon",
        ],
        dir,
    );
    assert!(text.contains("Gave TopCoins the look Neon"), "{text}");
    let after = file::load(&dir.join("s.ron")).unwrap();
    let (was, now) = (&before.leaderboards[0], &after.leaderboards[0]);
    assert_eq!(Look::worn_by(now).unwrap().id, "neon");
    assert_eq!(
        (&now.stat, &now.ordered_datastore, &now.periods, now.top),
        (&was.stat, &was.ordered_datastore, &was.periods, was.top)
    );
    // The other boards and the rest of the project are untouched.
    assert_eq!(after.leaderboards[1..], before.leaderboards[1..]);
    assert_eq!(after.schema, before.schema);
    assert_eq!(fs::read(dir.join("s.ron.bak")).unwrap(), bytes);
}

#[test]
fn look_apply_with_a_wrong_name_lists_the_right_ones_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run_ok(&["new", "--template", "starter", "s.ron"], dir);
    let before = fs::read(dir.join("s.ron")).unwrap();

    let out = run(
        &[
            "look",
            "apply",
            "s.ron",
            "--leaderboard",
            "TopCoins",
            "--look",
            "shiny",
        ],
        dir,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("there is no look called shiny"), "{err}");
    assert!(
        err.contains("classic-dark") && err.contains("wooden-sign"),
        "{err}"
    );

    let out = run(
        &[
            "look",
            "apply",
            "s.ron",
            "--leaderboard",
            "TopGems",
            "--look",
            "neon",
        ],
        dir,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no leaderboard called TopGems"), "{err}");
    assert!(err.contains("TopCoins"), "{err}");

    // The starter has two boards: which one must be said.
    let out = run(&["look", "apply", "s.ron", "--look", "neon"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--leaderboard"), "{}", stderr(&out));

    let out = run(&["look", "apply", "missing.ron", "--look", "neon"], dir);
    assert_eq!(out.status.code(), Some(2));

    assert_eq!(fs::read(dir.join("s.ron")).unwrap(), before);
    assert!(!dir.join("s.ron.bak").exists());
}
