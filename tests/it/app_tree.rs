//! The project tree, publishing a schema version and list defaults, driven
//! through the real `DesignerApp` by accessible labels.

use crate::app_common;

use app_common::retype;
use datastore_designer::app::state::template;
use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use datastore_designer::project::{Change, Project};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness(state: AppState) -> Harness<'static, DesignerApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        // A refused drop shows its message and the rows below move once.
        .with_max_steps(8)
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h
}

fn project<'a>(h: &'a Harness<'_, DesignerApp>) -> &'a Project {
    &h.state().state.project
}

fn errors(h: &Harness<'_, DesignerApp>) -> Vec<String> {
    h.state()
        .state
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} at {}: {}", d.code, d.path, d.message))
        .collect()
}

fn click(h: &mut Harness<'_, DesignerApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn migration_example() -> Harness<'static, DesignerApp> {
    harness(AppState::new(template("migration").unwrap(), None))
}

#[test]
fn publishing_shows_the_migration_and_confirm_is_one_undo_step() {
    let mut h = migration_example();
    assert!(errors(&h).is_empty(), "{:?}", errors(&h));
    click(&mut h, "📚 Versions");
    // Version 2 is what the example is working on; version 1 is published.
    click(&mut h, "📦 Publish version 2…");
    h.get_by_label("Publish version 2");
    h.get_by_label_contains("Gems: starts at 0");
    h.get_by_label_contains("Level: from number to whole number");
    h.get_by_label_contains("Gems is new: old saves start it at 0.");
    // The example's own step (round down) is the proposed conversion.
    h.get_by_label_contains("old values are converted (round down to a whole number)");
    click(&mut h, "✔ Confirm and publish");
    assert!(h.query_by_label("Publish version 2").is_none());
    let p = project(&h);
    assert_eq!(p.history.len(), 2);
    assert_eq!(p.history[1].schema.version, 2);
    assert_eq!(p.schema.version, 3);
    assert!(p.schema.changes.is_empty());
    assert!(errors(&h).is_empty(), "{:?}", errors(&h));

    // Publishing again right away has nothing to publish.
    click(&mut h, "📦 Publish version 3…");
    h.get_by_label_contains("Nothing changed since version 2 was published");
    assert!(h.query_by_label("Publish version 3").is_none());
    assert_eq!(project(&h).history.len(), 2);

    // One undo takes the whole publish back.
    click(&mut h, "⟲ Undo");
    let p = project(&h);
    assert_eq!(p.history.len(), 1);
    assert_eq!(p.schema.version, 2);
    assert_eq!(*p, template("migration").unwrap());
}

#[test]
fn a_renamed_field_shows_as_a_rename_and_publishes_valid() {
    let mut h = migration_example();
    click(&mut h, "📚 Versions");
    click(&mut h, "📦 Publish version 2…");
    click(&mut h, "✔ Confirm and publish");

    // Rename Coins in the data table: the app remembers it was a rename.
    click(&mut h, "📋 Player data");
    retype(&mut h, "Name of field Coins", "Money");
    assert_eq!(project(&h).schema.fields[0].name, "Money");
    assert_eq!(
        project(&h).schema.changes,
        vec![Change::Rename {
            from: "Coins".into(),
            to: "Money".into()
        }]
    );

    click(&mut h, "📚 Versions");
    click(&mut h, "📦 Publish version 3…");
    h.get_by_label_contains("Coins is now called Money: old saves keep its value");
    click(&mut h, "✔ Confirm and publish");
    let p = project(&h);
    assert_eq!(p.schema.version, 4);
    assert_eq!(p.history.len(), 3);
    assert_eq!(
        p.history[2].schema.changes,
        vec![Change::Rename {
            from: "Coins".into(),
            to: "Money".into()
        }]
    );
    assert!(errors(&h).is_empty(), "{:?}", errors(&h));
}

#[test]
fn cancel_publishes_nothing_and_a_gone_field_can_be_called_a_rename() {
    let mut h = migration_example();
    click(&mut h, "📚 Versions");
    click(&mut h, "📦 Publish version 2…");
    click(&mut h, "✔ Confirm and publish");
    // Renamed behind the app's back (as if edited by hand): a removal and
    // an addition, until the designer says it is a rename.
    let mut changed = project(&h).clone();
    changed.schema.fields[2].name = "Items".into();
    h.state_mut().state = AppState::new(changed.clone(), None);
    h.state_mut().state.selection = Selection::Versions;
    h.run();
    click(&mut h, "📦 Publish version 3…");
    h.get_by_label_contains("Inventory is removed");
    h.get_by_label_contains("Items is new");
    click(&mut h, "What happened to Inventory");
    click(&mut h, "is now called Items");
    h.get_by_label_contains("Inventory is now called Items");
    assert!(h.query_by_label_contains("Inventory is removed").is_none());

    click(&mut h, "Cancel");
    assert!(h.query_by_label("Publish version 3").is_none());
    assert_eq!(*project(&h), changed);
    assert!(!h.state().state.can_undo());
}

/// The starter with its TopCoins leaderboard open in the tree.
fn starter_tree() -> Harness<'static, DesignerApp> {
    let mut h = harness(AppState::starter());
    click(&mut h, "TopCoins");
    h
}

fn frame_children(h: &Harness<'_, DesignerApp>) -> Vec<String> {
    project(h).leaderboards[0].gui.children[0]
        .children
        .iter()
        .map(|c| c.name.clone())
        .collect()
}

fn tree_message(h: &Harness<'_, DesignerApp>, text: &str) {
    h.get_by_label_contains(&format!("⛔ {text}"));
}

/// Drags the tree row `from` and lets go `fraction` of the way down `onto`.
fn drag_row(h: &mut Harness<'_, DesignerApp>, from: &str, onto: &str, fraction: f32) {
    let start = h.get_by_label(from).rect().center();
    let target = h.get_by_label(onto).rect();
    let end = egui::pos2(target.center().x, target.top() + target.height() * fraction);
    h.hover_at(start);
    h.run();
    h.drag_at(start);
    h.run();
    for k in 1..=5 {
        h.hover_at(start + (end - start) * (k as f32 / 5.0));
        h.run();
    }
    // Released over the row, with the pointer still there.
    h.event(egui::Event::PointerButton {
        pos: end,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    h.remove_cursor();
    h.run();
}

fn select_all_and_type(h: &mut Harness<'_, DesignerApp>, label: &str, text: &str) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn rename_in_the_tree_with_f2_and_the_menu_refusing_bad_names() {
    let mut h = starter_tree();
    click(&mut h, "🔤 Title");
    h.key_press(egui::Key::F2);
    h.run();
    assert!(h.get_by_label("New name for Title").is_focused());
    select_all_and_type(&mut h, "New name for Title", "Heading");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label("New name for Title").is_none());
    assert_eq!(frame_children(&h)[3], "Heading");
    h.get_by_label("🔤 Heading");

    // A name a sibling already has is refused and nothing changes.
    let before = project(&h).clone();
    h.get_by_label("📜 ListFrame").click_secondary();
    h.run();
    click(&mut h, "Rename");
    select_all_and_type(&mut h, "New name for ListFrame", "Heading");
    h.key_press(egui::Key::Enter);
    h.run();
    tree_message(
        &h,
        "Another object in LeaderboardFrame is already called Heading",
    );
    assert_eq!(*project(&h), before);
    // Still in the box to correct it; empty is refused too.
    select_all_and_type(&mut h, "New name for ListFrame", "");
    h.key_press(egui::Key::Backspace);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    tree_message(&h, "A name can't be empty");
    assert_eq!(*project(&h), before);
    // Esc leaves the name as it was.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("New name for ListFrame").is_none());
    assert_eq!(*project(&h), before);

    // A good name sticks, and "rows in" follows the object.
    click(&mut h, "📜 ListFrame");
    h.key_press(egui::Key::F2);
    h.run();
    select_all_and_type(&mut h, "New name for ListFrame", "Rows");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(project(&h).leaderboards[0].rows_in, "LeaderboardFrame/Rows");
    assert!(
        !h.state().state.diagnostics.iter().any(|d| d.is_error()),
        "{:?}",
        h.state().state.diagnostics
    );
}

#[test]
fn drag_reorders_a_gui_child_in_one_undo_step_and_refuses_its_own_descendant() {
    let mut h = starter_tree();
    let before = project(&h).clone();
    let order = frame_children(&h);
    assert_eq!(order[3..], ["Title", "ListFrame"]);
    // Let go on the lower edge of ListFrame: Title goes after it.
    drag_row(&mut h, "🔤 Title", "📜 ListFrame", 0.9);
    assert_eq!(frame_children(&h)[3..], ["ListFrame", "Title"]);
    assert_eq!(
        h.state().state.selection,
        Selection::GuiNode(0, datastore_designer::app::state::GuiPart::Gui, vec![0, 4])
    );
    click(&mut h, "⟲ Undo");
    assert_eq!(*project(&h), before);

    // Dropped in the middle of ListFrame: Title goes inside it.
    drag_row(&mut h, "🔤 Title", "📜 ListFrame", 0.5);
    let list = &project(&h).leaderboards[0].gui.children[0].children[3];
    assert_eq!(list.name, "ListFrame");
    assert_eq!(list.children.last().unwrap().name, "Title");
    click(&mut h, "⟲ Undo");
    assert_eq!(*project(&h), before);

    // A frame can't go inside something inside it.
    drag_row(&mut h, "⬜ LeaderboardFrame", "📜 ListFrame", 0.5);
    tree_message(&h, "LeaderboardFrame can't go inside itself");
    assert_eq!(*project(&h), before);
}

#[test]
fn the_palette_offers_only_classes_that_fit_and_adds_a_ui_corner() {
    let mut h = starter_tree();
    click(&mut h, "🖥 LeaderboardGUI");
    click(&mut h, "➕ Add object");
    h.get_by_label("Frame");
    assert!(
        h.query_by_label("UICorner").is_none(),
        "a UICorner does nothing directly in a ScreenGui"
    );
    h.key_press(egui::Key::Escape);
    h.run();

    click(&mut h, "🔤 Title");
    click(&mut h, "➕ Add object");
    click(&mut h, "UICorner");
    let title = &project(&h).leaderboards[0].gui.children[0].children[3];
    assert_eq!(title.children.len(), 1);
    assert_eq!(title.children[0].class, "UICorner");
    assert_eq!(
        h.state().state.selection,
        Selection::GuiNode(
            0,
            datastore_designer::app::state::GuiPart::Gui,
            vec![0, 3, 0]
        )
    );
    click(&mut h, "⟲ Undo");
    assert!(
        project(&h).leaderboards[0].gui.children[0].children[3]
            .children
            .is_empty()
    );
}

#[test]
fn delete_with_the_key_and_the_menu_but_never_the_root() {
    let mut h = starter_tree();
    click(&mut h, "🔤 Title");
    h.key_press(egui::Key::Delete);
    h.run();
    assert!(!frame_children(&h).contains(&"Title".to_string()));
    h.get_by_label("📜 ListFrame").click_secondary();
    h.run();
    click(&mut h, "Delete ListFrame");
    assert!(!frame_children(&h).contains(&"ListFrame".to_string()));

    let before = project(&h).clone();
    h.get_by_label("🖥 LeaderboardGUI").click_secondary();
    h.run();
    assert!(
        h.get_by_label("Delete LeaderboardGUI")
            .accesskit_node()
            .is_disabled()
    );
    h.key_press(egui::Key::Escape);
    h.run();
    click(&mut h, "🖥 LeaderboardGUI");
    h.key_press(egui::Key::Delete);
    h.run();
    tree_message(
        &h,
        "The ScreenGui is the leaderboard's GUI itself, so it can't be deleted.",
    );
    assert_eq!(*project(&h), before);
}

fn field_names(h: &Harness<'_, DesignerApp>) -> Vec<String> {
    project(h)
        .schema
        .fields
        .iter()
        .map(|f| f.name.clone())
        .collect()
}

#[test]
fn drag_a_field_by_its_handle_in_one_undo_step() {
    let mut h = harness(AppState::starter());
    let before = project(&h).clone();
    assert_eq!(field_names(&h)[..3], ["Coins", "Level", "Gems"]);
    // Let go on the upper half of Coins' row: Gems goes first.
    drag_row(&mut h, "Drag Gems", "Name of field Coins", 0.2);
    assert_eq!(field_names(&h)[..3], ["Gems", "Coins", "Level"]);
    assert_eq!(h.state().state.selection, Selection::Field(vec![0]));
    // And down again below Level.
    drag_row(&mut h, "Drag Gems", "Name of field Level", 0.8);
    assert_eq!(field_names(&h)[..3], ["Coins", "Level", "Gems"]);
    click(&mut h, "⟲ Undo");
    assert_eq!(field_names(&h)[..3], ["Gems", "Coins", "Level"]);
    click(&mut h, "⟲ Undo");
    assert_eq!(*project(&h), before);
    // The buttons still work too.
    h.query_all_by_label("⏷").next().unwrap().click();
    h.run();
    assert_eq!(field_names(&h)[..2], ["Level", "Coins"]);
}

#[test]
fn edit_a_list_default_checked_by_the_validator_in_one_undo_step() {
    use datastore_designer::project::Value;
    let mut h = harness(AppState::starter());
    let before = project(&h).clone();
    h.get_by_label("Edit Inventory default: an empty list")
        .click();
    h.run();
    h.get_by_label("Inventory for new players");
    click(&mut h, "➕ Add item");
    click(&mut h, "➕ Add item");
    h.get_by_label("Inventory item 1").set_value_accesskit(-5.0);
    h.run();
    // Below the field's minimum: the validator's message, and Done waits.
    h.get_by_label_contains("⛔ Item 1 of the default of Inventory");
    assert!(h.get_by_label("✔ Done").accesskit_node().is_disabled());
    assert_eq!(*project(&h), before, "nothing changes while editing");
    h.get_by_label("Inventory item 1").set_value_accesskit(7.0);
    h.run();
    h.get_by_label("Inventory item 2").set_value_accesskit(3.0);
    h.run();
    // Reorder: the second item up; a third added and removed again.
    click(&mut h, "Move Inventory item 2 up");
    click(&mut h, "➕ Add item");
    click(&mut h, "Remove Inventory item 3");
    click(&mut h, "✔ Done");
    assert!(h.query_by_label("Inventory for new players").is_none());
    let inventory = project(&h).field("Inventory").unwrap();
    assert_eq!(
        inventory.default,
        Some(Value::List(vec![Value::Integer(3), Value::Integer(7)]))
    );
    // The table says how many items new players start with.
    h.get_by_label("Edit Inventory default: 2 items");
    click(&mut h, "⟲ Undo");
    assert_eq!(*project(&h), before);

    // Cancel keeps the list as it was.
    h.get_by_label("Edit Inventory default: an empty list")
        .click();
    h.run();
    click(&mut h, "➕ Add item");
    click(&mut h, "Cancel");
    assert_eq!(*project(&h), before);
}

#[test]
fn publish_dialog_snapshot() {
    let mut h = migration_example();
    click(&mut h, "📚 Versions");
    click(&mut h, "📦 Publish version 2…");
    h.remove_cursor();
    h.run();
    h.snapshot("publish_dialog");
}

#[test]
fn edit_a_map_default_refusing_a_key_used_twice() {
    use datastore_designer::project::{Field, FieldType, Value};
    let mut start = AppState::starter().project;
    start.schema.fields.push(
        Field::new("Quests", FieldType::Map(Box::new(FieldType::String))).with_default(Value::Map(
            [("first".to_string(), Value::String("Find the cave".into()))].into(),
        )),
    );
    start.schema.fields.last_mut().unwrap().max_length = Some(20);
    let mut h = harness(AppState::new(start.clone(), None));
    h.get_by_label("Edit Quests default: 1 entry").click();
    h.run();
    click(&mut h, "➕ Add entry");
    // The new entry gets a free key; typing the first key again is refused.
    assert_eq!(
        h.get_by_label("Quests key 2").value().as_deref(),
        Some("key")
    );
    h.get_by_label("Quests key 2").focus();
    h.run();
    select_all_and_type(&mut h, "Quests key 2", "first");
    h.get_by_label_contains("⛔ Two entries have the key \"first\"");
    assert!(h.get_by_label("✔ Done").accesskit_node().is_disabled());
    select_all_and_type(&mut h, "Quests key 2", "second");
    // Too long for the field's max length: the validator says so.
    h.get_by_label("Quests item 2").focus();
    h.run();
    h.get_by_label("Quests item 2")
        .type_text("Defeat the dragon of the north");
    h.run();
    h.get_by_label_contains("⛔ ");
    assert!(h.get_by_label("✔ Done").accesskit_node().is_disabled());
    select_all_and_type(&mut h, "Quests item 2", "Beat the dragon");
    click(&mut h, "Remove Quests item 1");
    click(&mut h, "✔ Done");
    assert_eq!(
        project(&h).field("Quests").unwrap().default,
        Some(Value::Map(
            [(
                "second".to_string(),
                Value::String("Beat the dragon".into())
            )]
            .into()
        ))
    );
    click(&mut h, "⟲ Undo");
    assert_eq!(*project(&h), start);
}

#[test]
fn double_click_renames_in_place() {
    // Frames a sixtieth of a second apart, so two clicks are a double-click.
    let state = AppState::starter();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(30)
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    click(&mut h, "TopCoins");
    let title = h.get_by_label("🔤 Title").rect().center();
    h.hover_at(title);
    // A second later, so the click on TopCoins doesn't make this a triple-click.
    h.run_steps(60);
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: title,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
    }
    h.run();
    assert!(h.get_by_label("New name for Title").is_focused());
    select_all_and_type(&mut h, "New name for Title", "Heading");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(frame_children(&h)[3], "Heading");
}

#[test]
fn publishing_waits_until_the_player_data_has_no_errors() {
    let mut broken = template("migration").unwrap();
    broken.schema.fields[0].name = "end".into();
    let mut h = harness(AppState::new(broken.clone(), None));
    assert!(!errors(&h).is_empty());
    click(&mut h, "📚 Versions");
    let button = h.get_by_label("📦 Publish version 2…");
    assert!(button.accesskit_node().is_disabled());
    button.click();
    h.run();
    assert!(h.query_by_label("Publish version 2").is_none());
    assert_eq!(*project(&h), broken);
}
