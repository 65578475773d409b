//! The client side of periods, tabs, the time left, the "you" row and the
//! number kinds: the exported server runtime and the generated LocalScript
//! run together in one emulated VM (the local player is in the server), and
//! the GUI they build is read back.

use datastore_designer::export;
use datastore_designer::project::gui::{GuiNode, PropValue};
use datastore_designer::project::{
    Leaderboard, NumberKind, Period, Project, Tabs, YouRow, examples, file,
};
use datastore_designer::sim::{World, WorldConfig};

fn starter() -> Project {
    file::parse_str(examples::text("starter").unwrap(), "starter").unwrap()
}

fn text(value: &str) -> PropValue {
    PropValue::String(value.into())
}

/// The starter's all-time board with a weekly list on a tab, the period and
/// time left in its title, and the player's own row.
fn tabbed(board: &mut Leaderboard) {
    board.name = "Coins".into();
    board.periods = vec![Period::AllTime, Period::Weekly];
    board.update_seconds = 60;
    board.you_row = Some(YouRow::default());
    let frame = board
        .gui
        .children
        .iter_mut()
        .find(|c| c.name == "LeaderboardFrame")
        .unwrap();
    for child in &mut frame.children {
        if child.name == "Title" {
            child
                .properties
                .insert("Text".into(), text("{period}: {resets}"));
        }
    }
    frame.children.push(
        GuiNode::new("Frame", "Tabs")
            .with("Size", PropValue::udim2(1.0, 0, 0.0, 24))
            .child(GuiNode::new("UIListLayout", "Layout").with(
                "FillDirection",
                PropValue::enum_item("FillDirection", "Horizontal"),
            )),
    );
    board.tabs = Some(Tabs {
        goes_in: "LeaderboardFrame/Tabs".into(),
        template: GuiNode::new("TextButton", "Tab")
            .with("Size", PropValue::udim2(0.0, 90, 1.0, 0))
            .with("Text", text("{period}"))
            .with("BackgroundColor3", PropValue::Color3(50, 50, 50)),
    });
}

struct Play {
    world: World,
    id: usize,
    _dir: tempfile::TempDir,
}

impl Play {
    fn start(project: &Project) -> Play {
        let (plan, _) = export::plan(project).unwrap();
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in &plan.files {
            let target = dir.path().join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, bytes).unwrap();
        }
        let mut world = World::new(WorldConfig::default());
        let id = world.add_server(Default::default()).unwrap();
        world.set_user_name(99, "offline_hero");
        let s = world.server(id);
        s.load_rojo_project(dir.path()).unwrap();
        s.join_as_local_player(5, "me", "Me").unwrap();
        s.run_local_scripts().unwrap();
        world.advance(5.0);
        Play {
            world,
            id,
            _dir: dir,
        }
    }

    fn eval(&self, code: &str) {
        let full = format!(
            "local DM = require(game:GetService(\"ServerScriptService\").DataManager)\n\
             local P = game:GetService(\"Players\"):GetPlayerByUserId(5)\n{code}"
        );
        self.world.server(self.id).eval::<()>(&full).unwrap();
    }

    fn gui(&self, name: &str) -> GuiNode {
        self.world
            .server(self.id)
            .read_player_gui(name)
            .unwrap()
            .tree
    }

    fn assert_no_errors(&self) {
        let errors = self.world.server(self.id).errors();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

/// The texts of `node` and everything in it, in order.
fn texts(node: &GuiNode) -> Vec<String> {
    node.walk()
        .into_iter()
        .filter_map(|(_, n)| match n.prop("Text") {
            Some(PropValue::String(t)) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

fn child<'a>(node: &'a GuiNode, path: &str) -> &'a GuiNode {
    node.find(path).unwrap_or_else(|| {
        panic!(
            "no {path} in {:#?}",
            node.walk()
                .iter()
                .map(|(p, _)| p.clone())
                .collect::<Vec<_>>()
        )
    })
}

#[test]
fn tabs_switch_periods_and_the_you_row_tells_the_truth() {
    let mut project = starter();
    project.leaderboards.truncate(1);
    tabbed(&mut project.leaderboards[0]);
    // The world starts on Thursday 2026-01-01 00:00 UTC: this week started on Monday 2025-12-29.
    let mut play = {
        let p = Play::start(&project);
        let b = p.world.backend();
        b.put_ordered("CoinsLeaderboard", "global", "99", 1500);
        b.put_ordered("CoinsLeaderboard", "Weekly_2025-12-29", "99", 700);
        p
    };
    play.eval(r#"DM:SetData(P, "Coins", 300) task.spawn(function() DM:Save(P) end)"#);
    play.world.advance(70.0);
    play.assert_no_errors();

    let gui = play.gui("LeaderboardGUI");
    let frame = child(&gui, "LeaderboardFrame");
    assert_eq!(texts(child(frame, "Tabs")), ["All time", "This week"]);
    assert_eq!(texts(child(frame, "Title")), ["All time: "]);
    let list = child(frame, "ListFrame");
    assert_eq!(
        texts(child(list, "Entry1")),
        ["#1", "offline_hero", "💰 1.5K"]
    );
    assert_eq!(texts(child(list, "Entry2")), ["#2", "me", "💰 300"]);
    assert_eq!(texts(child(list, "You")), ["#2", "me", "💰 300"]);

    play.world
        .server(play.id)
        .press_gui_button("LeaderboardGUI.LeaderboardFrame.Tabs.TabWeekly")
        .unwrap();
    play.world.advance(1.0);
    let gui = play.gui("LeaderboardGUI");
    let frame = child(&gui, "LeaderboardFrame");
    // 2026-01-01 00:01:16 to Monday 2026-01-05 00:00.
    assert_eq!(texts(child(frame, "Title")), ["This week: 3d 23h"]);
    let list = child(frame, "ListFrame");
    assert_eq!(
        texts(child(list, "Entry1")),
        ["#1", "offline_hero", "💰 700"]
    );
    assert_eq!(texts(child(list, "You")), ["#2", "me", "💰 300"]);
    let tab = child(frame, "Tabs/TabWeekly");
    assert_eq!(
        tab.prop("BackgroundColor3"),
        Some(&PropValue::Color3(40, 90, 160)),
        "the shown tab is highlighted"
    );

    // Beyond the loaded list the row says so instead of guessing a rank.
    play.eval(
        r#"local remote = game.ReplicatedStorage.DataStoreDesigner.Leaderboards.Coins
        remote:FireAllClients({ { rank = 1, userId = 99, name = "offline_hero", displayName = "Hero", value = 700 } },
            { period = "Weekly", endsAt = 2000, now = 1000, you = 12 })"#,
    );
    play.world.advance(1.0);
    let gui = play.gui("LeaderboardGUI");
    let list = child(&gui, "LeaderboardFrame/ListFrame");
    assert_eq!(
        texts(child(list, "You")),
        ["#Not in the top 10", "me", "💰 12"]
    );
    // 1,000 s left when it arrived, and a second has passed since: the time left counts down.
    assert_eq!(
        texts(child(&gui, "LeaderboardFrame/Title")),
        ["This week: 16m 39s"]
    );
    play.assert_no_errors();
}

#[test]
fn each_number_kind_reads_as_designed() {
    for (kind, value, shown) in [
        (NumberKind::Decimal { places: 2 }, 12.5, "💰 12.50"),
        (NumberKind::Time, 83.456, "💰 1:23.45"),
        (NumberKind::Huge, 1.234e15, "💰 1.2Qa"),
        (NumberKind::Huge, 2.5e70, "💰 2.5e70"),
    ] {
        let mut project = starter();
        project.leaderboards.truncate(1);
        project.leaderboards[0].number_kind = kind;
        let play = Play::start(&project);
        play.eval(&format!(
            r#"local remote = game.ReplicatedStorage.DataStoreDesigner.Leaderboards.TopCoins
            remote:FireAllClients({{ {{ rank = 1, userId = 99, name = "hero", displayName = "Hero", value = {value:e} }} }})"#
        ));
        let mut play = play;
        play.world.advance(1.0);
        let gui = play.gui("LeaderboardGUI");
        let row = child(&gui, "LeaderboardFrame/ListFrame/Entry1");
        assert_eq!(texts(row)[2], shown, "{kind:?}");
        play.assert_no_errors();
    }
}

#[test]
fn scripts_with_every_option_pass_strict_type_checking_and_stay_formatted() {
    use datastore_designer::luau::{client, format_luau};
    use datastore_designer::studio::writer::WriteOptions;
    let mut project = starter();
    project.leaderboards.truncate(1);
    tabbed(&mut project.leaderboards[0]);
    project.leaderboards[0].update_seconds = 900;
    for kind in [
        NumberKind::Whole,
        NumberKind::Decimal { places: 3 },
        NumberKind::Time,
        NumberKind::Huge,
    ] {
        let mut board = project.leaderboards[0].clone();
        board.name = format!("Board{}", project.leaderboards.len());
        board.number_kind = kind;
        // Few enough requests for five boards of two periods each.
        board.update_seconds = 900;
        board.order = if kind == NumberKind::Time {
            datastore_designer::project::RankOrder::Ascending
        } else {
            board.order
        };
        board.ordered_datastore = format!("{}_v1", board.name);
        project.leaderboards.push(board);
    }
    for board in &project.leaderboards {
        let source = client::generate(&project, board);
        assert_eq!(format_luau(&source).unwrap(), source, "{}", board.name);
    }
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("game");
    export::export(&project, &folder, WriteOptions::default()).unwrap();
    let report = datastore_designer::typecheck::check_folder(&folder).unwrap();
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn tabs_imported_from_the_exported_model_are_built_in_play() {
    use datastore_designer::studio::model::{self, ModelFormat};
    let mut designed = starter();
    designed.leaderboards.truncate(1);
    tabbed(&mut designed.leaderboards[0]);
    let (plan, _) = export::plan(&designed).unwrap();
    for format in [ModelFormat::Xml, ModelFormat::Binary] {
        let files = model::model_files(&designed, &plan.files, &[format]).unwrap();
        let bytes = &files[&format!("models/Coins.{}", format.extension())];
        let imported = model::import_leaderboard_gui_bytes(bytes, "Coins").unwrap();
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);

        // The project as if its tabs were lost: the model brings them back.
        let mut project = designed.clone();
        project.leaderboards[0].tabs = None;
        model::use_imported_gui(&mut project.leaderboards[0], imported, None, None, None).unwrap();
        let tabs = project.leaderboards[0].tabs.clone().expect("tabs imported");
        let designed_tabs = designed.leaderboards[0].tabs.as_ref().unwrap();
        assert_eq!(tabs.goes_in, designed_tabs.goes_in);
        assert_eq!(
            model::normalized(&tabs.template),
            model::normalized(&designed_tabs.template)
        );

        let mut play = Play::start(&project);
        play.world.advance(70.0);
        play.assert_no_errors();
        let gui = play.gui("LeaderboardGUI");
        let frame = child(&gui, "LeaderboardFrame");
        let built = child(frame, "Tabs");
        assert_eq!(texts(built), ["All time", "This week"]);
        assert_eq!(
            built
                .children
                .iter()
                .filter(|c| c.class == "TextButton")
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            ["TabAllTime", "TabWeekly"],
            "one button per period, none left over from the model"
        );
        play.world
            .server(play.id)
            .press_gui_button("LeaderboardGUI.LeaderboardFrame.Tabs.TabWeekly")
            .unwrap();
        play.world.advance(1.0);
        let gui = play.gui("LeaderboardGUI");
        let title = texts(child(&gui, "LeaderboardFrame/Title"));
        assert!(title[0].starts_with("This week: "), "{title:?}");
        play.assert_no_errors();
    }
}
