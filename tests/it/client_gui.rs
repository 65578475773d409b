//! The generated leaderboard client scripts (LocalScripts) running in the
//! emulator as the local player: the GUI they build is compared, property by
//! property, with the designer's GUI filled by `layout::fill_rows` and with
//! the .rbxmx export read back.

use datastore_designer::export;
use datastore_designer::layout::fill::{SampleEntry, fill_rows, sample_entries};
use datastore_designer::luau::{client, format_luau, parse_luau};
use datastore_designer::project::gui::{GuiNode, PropValue};
use datastore_designer::project::{Display, Leaderboard, Project, examples, file};
use datastore_designer::sim::{OutputKind, Server, World, WorldConfig};
use datastore_designer::studio::model::{self, ModelFormat};
use serde_json::{Value as Json, json};

fn example(name: &str) -> Project {
    file::parse_str(examples::text(name).unwrap(), name).unwrap()
}

fn examples_with_boards() -> Vec<(String, Project)> {
    examples::names()
        .into_iter()
        .map(|n| (n.to_string(), example(n)))
        .filter(|(_, p)| !p.leaderboards.is_empty())
        .collect()
}

/// Ranks the local player holds in the sample list.
const LOCAL_RANK: usize = 2;

fn entries(board: &Leaderboard) -> Vec<SampleEntry> {
    // Huge values (still exact in a double), and the sample's long names.
    let mut list = sample_entries(board.top, 4_503_599_627_370_496);
    list[5].name = "AVeryLongNameThatDoesNotFitTheRowAtAll_0123456789".into();
    list
}

fn payload(entries: &[SampleEntry]) -> Json {
    Json::Array(
        entries
            .iter()
            .map(|e| {
                json!({
                    "rank": e.rank,
                    "userId": e.user_id,
                    "name": e.name,
                    "displayName": format!("{} (display)", e.name),
                    "value": e.value,
                })
            })
            .collect(),
    )
}

fn remote_path(board: &Leaderboard) -> String {
    format!(
        "ReplicatedStorage.DataStoreDesigner.Leaderboards.{}",
        board.name
    )
}

struct Client {
    world: World,
    id: usize,
}

impl Client {
    /// A client VM whose local player is `user_id`, running `source`; the
    /// board's RemoteEvent is created (replicated) after the script started.
    fn start(board: &Leaderboard, source: &str, user_id: i64) -> Client {
        let mut world = World::new(WorldConfig::default());
        let id = world.add_server(Default::default()).unwrap();
        let s = world.server(id);
        s.join_as_local_player(user_id, "me", "Me").unwrap();
        if let Display::Surface { part, .. } = &board.display {
            s.add_instance("Workspace", "Part", part, None).unwrap();
        }
        s.run_local_script(&board.name, source).unwrap();
        world.advance(1.0);
        let s = world.server(id);
        s.add_instance("ReplicatedStorage", "Folder", "DataStoreDesigner", None)
            .unwrap();
        s.add_instance(
            "ReplicatedStorage.DataStoreDesigner",
            "Folder",
            "Leaderboards",
            None,
        )
        .unwrap();
        s.add_instance(
            "ReplicatedStorage.DataStoreDesigner.Leaderboards",
            "RemoteEvent",
            &board.name,
            None,
        )
        .unwrap();
        world.advance(1.0);
        Client { world, id }
    }

    fn server(&self) -> &Server {
        self.world.server(self.id)
    }

    fn fire(&mut self, board: &Leaderboard, payload: &Json) {
        self.server()
            .fire_client_event(&remote_path(board), payload)
            .unwrap();
        // Long enough for the avatar thumbnails to arrive.
        self.world.advance(1.0);
    }

    /// The GUI as built, with every class-table property; panics if a
    /// script left one unset.
    fn gui(&self, board: &Leaderboard) -> GuiNode {
        let snap = self.server().read_player_gui(&board.gui.name).unwrap();
        assert!(
            snap.unset.is_empty(),
            "properties left to Instance.new's defaults: {:?}",
            snap.unset
        );
        snap.tree
    }

    fn assert_no_errors(&self) {
        let bad: Vec<_> = self
            .server()
            .output()
            .into_iter()
            .filter(|l| matches!(l.kind, OutputKind::Error | OutputKind::Warn))
            .collect();
        assert!(bad.is_empty(), "{bad:#?}");
    }
}

fn find_mut<'a>(node: &'a mut GuiNode, path: &str) -> &'a mut GuiNode {
    let mut node = node;
    for part in path.split('/').filter(|p| !p.is_empty()) {
        node = node
            .children
            .iter_mut()
            .find(|c| c.name == part)
            .unwrap_or_else(|| panic!("no {part}"));
    }
    node
}

/// The preview's filled GUI plus what only the game knows: the local
/// player's row colour and the thumbnail size asked of Roblox.
fn expected_rows(board: &Leaderboard, list: &[SampleEntry], local_user: u64) -> GuiNode {
    let mut gui = fill_rows(board, list, board.number_format);
    // A bare list says no period end and no value of the player's own: no time left, no "you" row.
    datastore_designer::layout::fill_ranking(board, &mut gui, board.periods[0], "", None);
    let holder = find_mut(&mut gui, &board.rows_in);
    if let Some((r, g, b)) = board.highlight.local_player {
        for (row, entry) in holder
            .children
            .iter_mut()
            .filter(|c| c.name.starts_with(&board.row_template.name))
            .zip(list)
        {
            if entry.user_id == local_user {
                row.properties
                    .insert("BackgroundColor3".into(), PropValue::Color3(r, g, b));
            }
        }
    }
    gui
}

fn expected_empty(board: &Leaderboard) -> GuiNode {
    let mut gui = board.gui.clone();
    datastore_designer::layout::fill_ranking(board, &mut gui, board.periods[0], "", None);
    find_mut(&mut gui, &board.rows_in)
        .children
        .push(client::empty_state_node(board));
    gui
}

/// Compares two trees after filling in every class-table default, naming
/// the first differing property.
fn assert_same(actual: &GuiNode, expected: &GuiNode, what: &str) {
    let a = model::normalized(actual);
    let e = model::normalized(expected);
    let (aw, ew) = (a.walk(), e.walk());
    let names = |w: &Vec<(String, &GuiNode)>| w.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&aw), names(&ew), "{what}: instances differ");
    for ((path, an), (_, en)) in aw.iter().zip(&ew) {
        assert_eq!(an.class, en.class, "{what}: {path}");
        for (prop, ev) in &en.properties {
            assert_eq!(an.properties.get(prop), Some(ev), "{what}: {path}.{prop}");
        }
        assert_eq!(an.properties.len(), en.properties.len(), "{what}: {path}");
    }
    assert_eq!(a, e, "{what}");
}

fn script(project: &Project, board: &Leaderboard) -> String {
    let (plan, _) = export::plan(project).unwrap();
    plan.text(&client::script_path(board))
        .unwrap_or_else(|| panic!("no client script for {}", board.name))
        .to_string()
}

#[test]
fn every_client_script_parses_and_is_stylua_stable() {
    for (name, project) in examples_with_boards() {
        let (plan, _) = export::plan(&project).unwrap();
        for board in &project.leaderboards {
            let path = client::script_path(board);
            assert!(
                path.starts_with("src/StarterPlayer/StarterPlayerScripts/Leaderboards/")
                    && path.ends_with(".client.luau"),
                "{path}"
            );
            let code = plan.text(&path).unwrap();
            parse_luau(code).unwrap_or_else(|e| panic!("{name}: {e}\n{code}"));
            assert_eq!(
                format_luau(code).unwrap(),
                code,
                "{name}: not StyLua-stable"
            );
            assert!(
                plan.text("default.project.json")
                    .unwrap()
                    .contains("StarterPlayerScripts")
            );
        }
    }
}

#[test]
fn built_gui_matches_the_preview_and_the_rbxmx_export() {
    for (name, project) in examples_with_boards() {
        for board in &project.leaderboards {
            let list = entries(board);
            let me = list[LOCAL_RANK - 1].user_id;
            let mut c = Client::start(board, &script(&project, board), me as i64);

            // Before the first top list: the empty text in the rows' place.
            assert_same(
                &c.gui(board),
                &expected_empty(board),
                &format!("{name}: empty state"),
            );

            c.fire(board, &payload(&list));
            let built = c.gui(board);
            // (a) the designer's GUI with rows filled by the preview.
            assert_same(
                &built,
                &expected_rows(board, &list, me),
                &format!("{name}: preview"),
            );

            // (b) the .rbxmx export, read back, filled the same way.
            let from_file = board_from_model(&project, board, ModelFormat::Xml);
            assert_same(
                &built,
                &expected_rows(&from_file, &list, me),
                &format!("{name}: rbxmx"),
            );

            // An empty list shows the empty text again.
            c.fire(board, &json!([]));
            assert_same(
                &c.gui(board),
                &expected_empty(board),
                &format!("{name}: empty list"),
            );
            c.assert_no_errors();
        }
    }
}

fn row<'a>(gui: &'a GuiNode, board: &Leaderboard, rank: usize) -> &'a GuiNode {
    gui.find(&format!(
        "{}/{}{rank}",
        board.rows_in, board.row_template.name
    ))
    .unwrap_or_else(|| panic!("no row {rank}"))
}

#[test]
fn local_row_and_top_three_are_highlighted_and_names_stay_plain() {
    let project = example("starter");
    let board = &project.leaderboards[0];
    let list = entries(board);
    let me = list[1].user_id;
    let mut c = Client::start(board, &script(&project, board), me as i64);
    let mut with_markup = list.clone();
    with_markup[0].name = "<b>bold</b>".into();
    c.fire(board, &payload(&with_markup));
    let gui = c.gui(board);
    let [first, _, third] = board.highlight.top3.unwrap();
    let color = |rank| row(&gui, board, rank).prop("BackgroundColor3").cloned();
    assert_eq!(color(1), Some(PropValue::Color3(first.0, first.1, first.2)));
    let (r, g, b) = board.highlight.local_player.unwrap();
    assert_eq!(
        color(2),
        Some(PropValue::Color3(r, g, b)),
        "the local row wins over top-3"
    );
    assert_eq!(color(3), Some(PropValue::Color3(third.0, third.1, third.2)));
    assert_eq!(
        color(4),
        board.row_template.prop("BackgroundColor3").cloned()
    );
    let first_row = row(&gui, board, 1);
    let labels: Vec<&GuiNode> = first_row
        .walk()
        .into_iter()
        .map(|(_, n)| n)
        .filter(|n| matches!(n.prop("Text"), Some(PropValue::String(t)) if t.contains("<b>")))
        .collect();
    assert!(!labels.is_empty());
    for l in labels {
        assert_eq!(l.prop("RichText"), Some(&PropValue::Bool(false)));
    }
    c.assert_no_errors();
}

#[test]
fn malformed_payloads_never_error() {
    let project = example("global-leaderboard");
    let board = &project.leaderboards[0];
    let list = sample_entries(3, 1000);
    let mut c = Client::start(board, &script(&project, board), 1);
    c.fire(board, &payload(&list));
    let good = c.gui(board);
    for bad in [
        json!(null),
        json!("top"),
        json!(42),
        json!(true),
        json!({"rank": 1}),
    ] {
        c.fire(board, &bad);
        assert_eq!(
            c.gui(board),
            good,
            "a payload that is not a list leaves the rows: {bad}"
        );
    }
    // Lists of malformed entries: those are left out.
    let mixed = json!([
        // (no null: a nil ends a Luau list, as it does a list sent through a RemoteEvent)
        1, "x", [1, 2],
        {"rank": "1", "userId": 1, "name": "a", "value": 1},
        {"rank": 1, "userId": 1, "name": 5, "value": 1},
        {"rank": 1, "userId": 1, "name": "a", "value": "lots"},
        {"rank": 0, "userId": 1, "name": "a", "value": 1},
        {"rank": 2, "userId": "x", "name": "ok", "value": 1e300, "displayName": {}},
    ]);
    c.fire(board, &mixed);
    let gui = c.gui(board);
    let holder = gui.find(&board.rows_in).unwrap();
    let rows: Vec<&str> = holder
        .children
        .iter()
        .filter(|n| n.name.starts_with(&board.row_template.name))
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(rows, ["Entry2"]);
    c.fire(board, &json!([{"rank": "1"}, 7]));
    assert_same(
        &c.gui(board),
        &expected_empty(board),
        "only malformed entries",
    );
    c.assert_no_errors();
}

#[test]
fn a_surface_board_is_in_player_gui_with_its_adornee() {
    let mut project = example("global-leaderboard");
    let board = &mut project.leaderboards[0];
    board.display = Display::surface("LeaderboardPart");
    board.gui.class = "SurfaceGui".into();
    board.gui.properties.clear();
    board
        .gui
        .properties
        .insert("Face".into(), PropValue::enum_item("NormalId", "Back"));
    let board = board.clone();
    let source = client::generate(&project, &board);
    parse_luau(&source).unwrap();
    let list = sample_entries(4, 50);
    let mut c = Client::start(&board, &source, 7);
    c.fire(&board, &payload(&list));
    assert_same(&c.gui(&board), &expected_rows(&board, &list, 7), "surface");
    let adorned: bool = c
        .server()
        .eval(&format!(
            "return game.Players.LocalPlayer.PlayerGui.{}.Adornee == workspace.LeaderboardPart",
            board.gui.name
        ))
        .unwrap();
    assert!(adorned);
    c.assert_no_errors();
}

#[test]
fn the_emulator_checks_gui_property_types_like_roblox() {
    let mut world = World::new(WorldConfig::default());
    let id = world.add_server(Default::default()).unwrap();
    let s = world.server(id);
    let errors: Vec<String> = s
        .eval(
            r#"
            local out = {}
            local f = Instance.new("Frame")
            for _, case in {
                function() f.Size = 5 end,
                function() f.Size = UDim.new(0, 1) end,
                function() f.BackgroundColor3 = "red" end,
                function() f.Nope = 1 end,
                function() f.AutomaticSize = Enum.TextXAlignment.Left end,
                function() f.Visible = 1 end,
            } do
                local ok, err = pcall(case)
                table.insert(out, if ok then "ok" else tostring(err))
            end
            f.Size = UDim2.new(1, -6, 0, 30)
            f.BackgroundColor3 = Color3.fromRGB(10, 20, 30)
            f.AutomaticSize = "Y"
            local t = Instance.new("TextLabel")
            t.FontFace = Font.new("rbxasset://fonts/families/GothamSSm.json", Enum.FontWeight.Bold)
            table.insert(out, tostring(f.Size == UDim2.new(1, -6, 0, 30)))
            table.insert(out, tostring(f.AutomaticSize == Enum.AutomaticSize.Y))
            table.insert(out, tostring(t.FontFace.Weight == Enum.FontWeight.Bold))
            return out
            "#,
        )
        .unwrap();
    assert!(
        errors[0].contains("UDim2 expected, got number"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].contains("UDim2 expected, got UDim"),
        "{}",
        errors[1]
    );
    assert!(errors[2].contains("Color3 expected"), "{}", errors[2]);
    assert!(errors[3].contains("not a valid member"), "{}", errors[3]);
    assert!(errors[4].contains("AutomaticSize"), "{}", errors[4]);
    assert!(errors[5].contains("bool expected"), "{}", errors[5]);
    assert_eq!(errors[6..], ["true", "true", "true"]);
}

#[test]
fn end_to_end_the_server_runtime_feeds_the_client() {
    let project = example("global-leaderboard");
    let board = &project.leaderboards[0];
    let (plan, _) = export::plan(&project).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in &plan.files {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    let mut world = World::new(WorldConfig::default());
    let id = world.add_server(Default::default()).unwrap();
    world.set_user_name(99, "offline_hero");
    world
        .backend()
        .put_ordered(&board.ordered_datastore, "global", "99", 1500);
    let s = world.server(id);
    s.load_rojo_project(dir.path()).unwrap();
    s.join_as_local_player(5, "me", "Me").unwrap();
    // The leaderboard's script and the data-status script.
    assert_eq!(s.run_local_scripts().unwrap(), 2);
    world.advance(5.0);
    let gui = world
        .server(id)
        .read_player_gui(&board.gui.name)
        .unwrap()
        .tree;
    let row = row(&gui, board, 1);
    let texts: Vec<String> = row
        .walk()
        .into_iter()
        .filter_map(|(_, n)| match n.prop("Text") {
            Some(PropValue::String(t)) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, ["#1", "offline_hero", "💰 1.5K"]);
    assert!(
        world.server(id).errors().is_empty(),
        "{:#?}",
        world.server(id).errors()
    );
}

#[test]
#[ignore = "writes the global-leaderboard script to /tmp for reading"]
fn dump_global_leaderboard_script() {
    let p = example("global-leaderboard");
    std::fs::write(
        "/tmp/global-leaderboard.client.luau",
        script(&p, &p.leaderboards[0]),
    )
    .unwrap();
}

// The data-status script ------------------------------------------------------

use datastore_designer::luau::data_status;
use datastore_designer::project::data_status::{DataState, STATE_ATTRIBUTE};

/// A client running only the exported DataStatus LocalScript and its Config,
/// as Roblox copies them from StarterPlayerScripts when the player joins.
fn status_client(project: &Project) -> (World, usize) {
    let (plan, _) = export::plan(project).unwrap();
    let source = plan.text(&data_status::script_path()).unwrap();
    let config = plan.text(&data_status::config_path()).unwrap();
    let mut world = World::new(WorldConfig::default());
    let id = world.add_server(Default::default()).unwrap();
    let s = world.server(id);
    let scripts = "StarterPlayer.StarterPlayerScripts";
    s.add_instance(scripts, "LocalScript", "DataStatus", Some(source))
        .unwrap();
    s.add_instance(
        &format!("{scripts}.DataStatus"),
        "ModuleScript",
        "Config",
        Some(config),
    )
    .unwrap();
    s.join_as_local_player(5, "me", "Me").unwrap();
    assert_eq!(s.run_local_scripts().unwrap(), 1);
    world.advance(1.0);
    (world, id)
}

fn set_state(world: &mut World, id: usize, state: &str) {
    world
        .server(id)
        .eval::<()>(&format!(
            "game:GetService(\"Players\").LocalPlayer:SetAttribute(\"{STATE_ATTRIBUTE}\", \"{state}\")"
        ))
        .unwrap();
    world.advance(0.5);
}

/// The designed GUI as the script should show it: `state`'s object alone
/// visible (none when None), messages filled in, kept across respawns.
fn expected_status(project: &Project, state: Option<DataState>) -> GuiNode {
    let messages = &project.save_policy.messages;
    let mut gui = project
        .data_status
        .showing(state.unwrap_or(DataState::Loading), messages);
    if state.is_none() {
        find_mut(&mut gui, "Loading")
            .properties
            .insert("Visible".into(), PropValue::Bool(false));
    }
    gui.properties
        .insert("ResetOnSpawn".into(), PropValue::Bool(false));
    gui
}

fn status_gui(world: &World, id: usize, project: &Project) -> GuiNode {
    let snap = world
        .server(id)
        .read_player_gui(&project.data_status.gui.name)
        .unwrap();
    assert!(
        snap.unset.is_empty(),
        "properties left to Instance.new's defaults: {:?}",
        snap.unset
    );
    snap.tree
}

fn visible(gui: &GuiNode, path: &str) -> bool {
    gui.find(path).unwrap().prop("Visible") == Some(&PropValue::Bool(true))
}

#[test]
fn the_data_status_script_shows_loading_until_the_data_is_ready() {
    for (name, project) in examples::names().into_iter().map(|n| (n, example(n))) {
        let (mut world, id) = status_client(&project);
        // No attribute yet: the server hasn't started loading.
        let gui = status_gui(&world, id, &project);
        assert_same(
            &gui,
            &expected_status(&project, Some(DataState::Loading)),
            &format!("{name}: before the server says anything"),
        );
        set_state(&mut world, id, "Loading");
        world.advance(30.0);
        let gui = status_gui(&world, id, &project);
        assert!(visible(&gui, "Loading"), "{name}");
        assert!(!visible(&gui, "ReadOnly"), "{name}");
        set_state(&mut world, id, "Ready");
        let gui = status_gui(&world, id, &project);
        assert_same(
            &gui,
            &expected_status(&project, None),
            &format!("{name}: once ready"),
        );
        let errors = world.server(id).errors();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn the_data_status_script_keeps_the_notice_up_while_nothing_is_saved() {
    let mut project = example("starter");
    project.save_policy.on_load_failure =
        datastore_designer::project::save_policy::LoadFailure::ReadOnly;
    // A message with pattern characters shows exactly as written.
    project.save_policy.messages.read_only_notice =
        "100% of your progress here won't be saved (%1 {x}). Rejoin later.".into();
    let (mut world, id) = status_client(&project);
    set_state(&mut world, id, "Loading");
    set_state(&mut world, id, "ReadOnly");
    let gui = status_gui(&world, id, &project);
    assert_same(
        &gui,
        &expected_status(&project, Some(DataState::ReadOnly)),
        "read-only",
    );
    assert_eq!(
        gui.find("ReadOnly/Message").unwrap().prop("Text"),
        Some(&PropValue::String(
            project.save_policy.messages.read_only_notice.clone()
        ))
    );
    // It stays for the whole session, not only a moment.
    world.advance(600.0);
    let gui = status_gui(&world, id, &project);
    assert!(visible(&gui, "ReadOnly"));
    assert!(!visible(&gui, "Loading"));
    let errors = world.server(id).errors();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// The whole export: the DataManager on the server sets DataManagerState
/// and the DataStatus script follows it.
#[test]
fn end_to_end_the_data_manager_drives_the_data_status_screen() {
    for read_only_outage in [false, true] {
        let mut project = example("starter");
        project.save_policy.on_load_failure =
            datastore_designer::project::save_policy::LoadFailure::ReadOnly;
        let (plan, _) = export::plan(&project).unwrap();
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in &plan.files {
            let target = dir.path().join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, bytes).unwrap();
        }
        let mut world = World::new(WorldConfig::default());
        if read_only_outage {
            world.backend().add_outage(0.0, 100_000.0);
        }
        let id = world.add_server(Default::default()).unwrap();
        let s = world.server(id);
        s.load_rojo_project(dir.path()).unwrap();
        s.join_as_local_player(5, "me", "Me").unwrap();
        s.run_local_scripts().unwrap();
        world.advance(5.0);
        let gui = status_gui(&world, id, &project);
        if !read_only_outage {
            assert!(!visible(&gui, "Loading"), "loaded: the screen is gone");
            assert!(!visible(&gui, "ReadOnly"));
            continue;
        }
        assert!(visible(&gui, "Loading"), "still trying during the outage");
        world.advance(f64::from(project.save_policy.load_window_seconds) + 10.0);
        let gui = status_gui(&world, id, &project);
        assert!(!visible(&gui, "Loading"));
        assert!(
            visible(&gui, "ReadOnly"),
            "the notice once the window ran out"
        );
        assert!(world.server(id).kicks().is_empty());
    }
}

/// Each look of the gallery, on each of the starter's boards (all time;
/// this week with tabs' room, the countdown and the player's own row), is
/// built in game by the exported client script exactly as the canvas
/// previews it, without an error or warning, and its Studio model reads
/// back the same.
#[test]
fn every_look_is_built_in_game_as_previewed() {
    let boards = example("starter").leaderboards.len();
    assert!(boards >= 2);
    for (look, b) in datastore_designer::project::looks::all()
        .into_iter()
        .flat_map(|l| (0..boards).map(move |b| (l, b)))
    {
        let mut project = example("starter");
        look.apply_to(&mut project.leaderboards[b]);
        let board = &project.leaderboards[b];
        let list = entries(board);
        let me = list[LOCAL_RANK - 1].user_id;
        let mut c = Client::start(board, &script(&project, board), me as i64);
        assert_same(
            &c.gui(board),
            &expected_empty(board),
            &format!("{}: empty state", look.id),
        );
        c.fire(board, &payload(&list));
        let built = c.gui(board);
        assert_same(
            &built,
            &expected_rows(board, &list, me),
            &format!("{}: rows", look.id),
        );
        c.assert_no_errors();

        // The Studio model file holds the same GUI and row.
        let from_file = board_from_model(&project, board, ModelFormat::Xml);
        assert_same(
            &built,
            &expected_rows(&from_file, &list, me),
            &format!("{}: rbxmx", look.id),
        );
    }
}

/// A board dressed with every GUI class added for polished looks: a
/// gradient on the panel and in each row, a CanvasGroup, a UIScale, image
/// buttons as tabs in a flex row, and a UIPageLayout.
fn board_with_new_classes() -> (Project, Leaderboard) {
    use datastore_designer::project::gui::{ColorKey, NumberKey};
    let (_, mut project) = examples_with_boards().remove(0);
    let board = &mut project.leaderboards[0];
    let gradient = GuiNode::new("UIGradient", "Shine")
        .with(
            "Color",
            PropValue::ColorSequence(vec![
                ColorKey(0.0, (255, 220, 120)),
                ColorKey(0.5, (255, 255, 255)),
                ColorKey(1.0, (120, 160, 255)),
            ]),
        )
        .with(
            "Transparency",
            PropValue::NumberSequence(vec![NumberKey(0.0, 0.0), NumberKey(1.0, 0.4)]),
        )
        .with("Rotation", PropValue::Float(90.0));
    board.row_template.children.push(gradient.clone());
    board.row_template.children.push(
        GuiNode::new("UIStroke", "Outline")
            .with("Thickness", PropValue::Float(2.0))
            .with(
                "ApplyStrokeMode",
                PropValue::enum_item("ApplyStrokeMode", "Border"),
            )
            .child(gradient.clone()),
    );
    board.gui.children[0].children.push(gradient);
    board.gui.children[0]
        .children
        .push(GuiNode::new("UIScale", "Scale").with("Scale", PropValue::Float(0.9)));
    let tab = |name: &str, order: i64| {
        GuiNode::new("ImageButton", name)
            .with("LayoutOrder", PropValue::Int(order))
            .with("Size", PropValue::udim2(0.0, 80, 1.0, 0))
            .child(
                GuiNode::new("UIFlexItem", "Flex")
                    .with("FlexMode", PropValue::enum_item("UIFlexMode", "Fill")),
            )
    };
    board.gui.children.push(
        GuiNode::new("CanvasGroup", "Tabs")
            .with("GroupTransparency", PropValue::Float(0.2))
            .with("Size", PropValue::udim2(0.0, 300, 0.0, 40))
            .child(
                GuiNode::new("UIListLayout", "Row")
                    .with(
                        "FillDirection",
                        PropValue::enum_item("FillDirection", "Horizontal"),
                    )
                    .with(
                        "HorizontalFlex",
                        PropValue::enum_item("UIFlexAlignment", "SpaceEvenly"),
                    ),
            )
            .child(tab("AllTime", 1))
            .child(tab("Weekly", 2)),
    );
    board.gui.children.push(
        GuiNode::new("Frame", "Pages")
            .with("Size", PropValue::udim2(0.0, 300, 0.0, 100))
            .child(GuiNode::new("UIPageLayout", "Paging"))
            .child(GuiNode::new("Frame", "First").with("Size", PropValue::udim2(1.0, 0, 1.0, 0)))
            .child(GuiNode::new("Frame", "Second").with("Size", PropValue::udim2(1.0, 0, 1.0, 0))),
    );
    let board = board.clone();
    (project, board)
}

#[test]
fn new_gui_classes_are_built_as_designed_and_exported_alike() {
    let (project, board) = board_with_new_classes();
    let report = datastore_designer::project::validate::check(&project);
    assert!(
        !report
            .iter()
            .any(|d| d.code.starts_with("sequence") || d.code.starts_with("unknown")),
        "{report:#?}"
    );
    let list = entries(&board);
    let me = list[LOCAL_RANK - 1].user_id;
    let mut c = Client::start(&board, &script(&project, &board), me as i64);
    assert_same(&c.gui(&board), &expected_empty(&board), "empty state");
    c.fire(&board, &payload(&list));
    let built = c.gui(&board);
    assert_same(&built, &expected_rows(&board, &list, me), "preview");
    let from_file = board_from_model(&project, &board, ModelFormat::Binary);
    assert_same(&built, &expected_rows(&from_file, &list, me), "rbxm");
    c.assert_no_errors();
}

#[test]
fn the_emulator_refuses_gradients_roblox_refuses() {
    let (project, board) = board_with_new_classes();
    let _ = project;
    let source = "local ok, err = pcall(function()\n\
        \treturn ColorSequence.new({ ColorSequenceKeypoint.new(0.2, Color3.new(1, 0, 0)), ColorSequenceKeypoint.new(1, Color3.new()) })\n\
        end)\n\
        print(ok, err)\n\
        local n = NumberSequence.new(0, 1)\n\
        print(#n.Keypoints, n.Keypoints[2].Value)\n";
    let mut world = World::new(WorldConfig::default());
    let id = world.add_server(Default::default()).unwrap();
    let s = world.server(id);
    s.join_as_local_player(1, "me", "Me").unwrap();
    s.run_local_script(&board.name, source).unwrap();
    world.advance(1.0);
    let out: Vec<String> = world
        .server(id)
        .output()
        .into_iter()
        .map(|l| l.text.clone())
        .collect();
    let text = out.join("\n");
    assert!(
        text.contains("false") && text.contains("must start at time=0"),
        "{text}"
    );
    assert!(text.contains("2 1"), "{text}");
}

#[test]
fn the_emulator_turns_ui_page_layout_pages_like_roblox() {
    let source = r#"
local frame = Instance.new("Frame")
local layout = Instance.new("UIPageLayout")
layout.SortOrder = Enum.SortOrder.LayoutOrder
layout.Parent = frame
for i, name in { "Weekly", "AllTime", "Daily" } do
	local page = Instance.new("Frame")
	page.Name = name
	page.LayoutOrder = ({ 2, 1, 3 })[i]
	page.Parent = frame
end
print("first", layout.CurrentPage.Name)
layout.PageEnter:Connect(function(page) print("enter", page.Name) end)
layout:JumpTo(frame.Daily)
print("now", layout.CurrentPage.Name)
layout:Next()
print("past the end", layout.CurrentPage.Name)
layout.Circular = true
layout:Next()
print("circular", layout.CurrentPage.Name)
layout:JumpToIndex(1)
print("index 1", layout.CurrentPage.Name)
print(pcall(function() layout.CurrentPage = frame.Daily end))
"#;
    let mut world = World::new(WorldConfig::default());
    let id = world.add_server(Default::default()).unwrap();
    let s = world.server(id);
    s.join_as_local_player(1, "me", "Me").unwrap();
    s.run_local_script("Pages", source).unwrap();
    world.advance(1.0);
    let out: Vec<String> = world
        .server(id)
        .output()
        .into_iter()
        .map(|l| l.text.clone())
        .collect();
    let text = out.join("\n");
    // Pages in LayoutOrder: AllTime (1), Weekly (2), Daily (3).
    for line in [
        "first AllTime",
        "enter Daily",
        "now Daily",
        "past the end Daily",
        "circular AllTime",
        "index 1 Weekly",
        "false",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
    assert!(text.contains("read only"), "{text}");
}

/// `board` with the GUI and row template its exported Studio model file
/// holds, read back: what a designer gets after a round trip through Studio.
fn board_from_model(project: &Project, board: &Leaderboard, format: ModelFormat) -> Leaderboard {
    let (plan, _) = export::plan(project).unwrap();
    let files = model::model_files(project, &plan.files, &[format]).unwrap();
    let ext = match format {
        ModelFormat::Xml => "rbxmx",
        ModelFormat::Binary => "rbxm",
    };
    let bytes = &files[&format!("models/{}.{ext}", board.name)];
    let imported = model::import_leaderboard_gui_bytes(bytes, "test").unwrap();
    let (rows_in, row_template) = imported
        .row_template
        .expect("the export marks the row template");
    Leaderboard {
        gui: imported.gui,
        rows_in,
        row_template,
        ..board.clone()
    }
}
