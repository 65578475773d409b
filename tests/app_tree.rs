//! The project tree, publishing a schema version and list defaults, driven
//! through the real `DesignerApp` by accessible labels.

use datastore_designer::app::state::template;
use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use datastore_designer::project::{Change, Project};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(state: AppState) -> Harness<'static, DesignerApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
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

/// Types `text` over the whole text of the field named `label`, then leaves it.
fn retype(h: &mut Harness<'_, DesignerApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(egui::Key::Enter);
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
