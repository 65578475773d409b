//! The designer window driven like a user would, through egui_kittest, on
//! the real app type.

use std::path::Path;

use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(state: AppState) -> Harness<'static, DesignerApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems))
}

fn starter() -> Harness<'static, DesignerApp> {
    let mut h = harness(AppState::starter());
    h.run();
    h
}

fn has_problem(h: &Harness<'_, DesignerApp>, code: &str) -> bool {
    h.state().state.diagnostics.iter().any(|d| d.code == code)
}

/// Types `text` over the whole text of the field named `label`.
fn retype(h: &mut Harness<'_, DesignerApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn add_a_field_and_change_its_type() {
    let mut h = starter();
    let before = h.state().state.project.schema.fields.len();
    h.get_by_label("➕ Add field").click();
    h.run();
    let fields = &h.state().state.project.schema.fields;
    assert_eq!(fields.len(), before + 1);
    assert_eq!(fields.last().unwrap().name, "NewField");
    assert!(h.state().state.dirty);

    // Change its type to Text through the drop-down.
    h.get_by_label("NewField type").click();
    h.run();
    h.get_by_label("Text").click();
    h.run();
    let field = h.state().state.project.schema.fields.last().unwrap();
    assert_eq!(field.ty, datastore_designer::project::FieldType::String);
}

#[test]
fn a_reserved_name_shows_a_problem_until_renamed_and_undo_redo_work() {
    let mut h = starter();
    assert!(!has_problem(&h, "reserved-name"));
    retype(&mut h, "Name of field Coins", "end");
    assert_eq!(h.state().state.project.schema.fields[0].name, "end");
    assert!(has_problem(&h, "reserved-name"));
    // The problem shows in the list at the bottom and next to the field.
    assert!(h.query_all_by_label_contains("keeps for itself").count() >= 2);

    // Leave the field, then rename it: the problem goes away.
    h.key_press(egui::Key::Escape);
    h.run();
    retype(&mut h, "Name of field end", "Cash");
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().state.project.schema.fields[0].name, "Cash");
    assert!(!has_problem(&h, "reserved-name"));
    // The Coins leaderboard follows its field to the new name.
    assert_eq!(h.state().state.project.leaderboards[0].stat, "Cash");
    assert!(h.query_by_label_contains("keeps for itself").is_none());

    // Undo: each typing session is one step.
    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(h.state().state.project.schema.fields[0].name, "end");
    assert!(has_problem(&h, "reserved-name"));
    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(h.state().state.project.schema.fields[0].name, "Coins");
    assert!(!h.state().state.dirty, "back to the project as opened");
    // Redo with the keyboard.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(h.state().state.project.schema.fields[0].name, "end");
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(h.state().state.project.schema.fields[0].name, "Cash");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().state.project.schema.fields[0].name, "end");
}

#[test]
fn clicking_a_problem_selects_where_it_is() {
    let mut project = datastore_designer::app::state::template("starter").unwrap();
    project.schema.fields[4].ty = match &project.schema.fields[4].ty {
        datastore_designer::project::FieldType::Record(inner) => {
            let mut inner = inner.clone();
            inner[1].name = "until".into();
            datastore_designer::project::FieldType::Record(inner)
        }
        other => panic!("Settings is a record, not {other:?}"),
    };
    let mut h = harness(AppState::new(project, None));
    h.run();
    let path = h
        .state()
        .state
        .diagnostics
        .iter()
        .find(|d| d.code == "reserved-name")
        .expect("a reserved-name problem")
        .path
        .clone();
    assert_eq!(path, "data/Settings/until");
    h.get_by_label(&path).click();
    h.run();
    assert_eq!(h.state().state.selection, Selection::Field(vec![4, 1]));
}

#[test]
fn a_broken_project_file_shows_the_error_and_keeps_the_open_project() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format_version: 1, name: \"Broken\", schema: (").unwrap();
    let mut h = starter();
    h.state_mut().state.picks.open_file = Some(broken);
    h.get_by_label("📂 Open…").click();
    h.run();
    assert_eq!(h.state().state.project.name, "Starter");
    assert!(h.state().state.notice.as_ref().unwrap().is_error);
    h.get_by_label_contains("Could not open the project");
    h.get_by_label_contains("Your current project is still open");
}

#[test]
fn open_asks_before_losing_changes_and_save_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("game.ron");
    let mut h = starter();
    h.get_by_label("➕ Add field").click();
    h.run();
    h.state_mut().state.picks.save_file = Some(saved.clone());
    h.get_by_label("💾 Save").click();
    h.run();
    assert!(!h.state().state.dirty);
    let reopened = datastore_designer::project::file::load(&saved).unwrap();
    assert_eq!(reopened, h.state().state.project);

    // Change, then open another file: the app asks first.
    h.get_by_label("➕ Add field").click();
    h.run();
    let other = dir.path().join("other.ron");
    std::fs::write(
        &other,
        datastore_designer::project::examples::text("migration").unwrap(),
    )
    .unwrap();
    h.state_mut().state.picks.open_file = Some(other);
    h.get_by_label("📂 Open…").click();
    h.run();
    h.get_by_label("Save your changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().state.project.name, "Starter");
    assert!(h.state().state.dirty);

    h.state_mut().state.picks.open_file = Some(dir.path().join("other.ron"));
    h.get_by_label("📂 Open…").click();
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert_ne!(h.state().state.project.name, "Starter");
    assert!(!h.state().state.dirty);
}

#[test]
fn export_writes_the_files_into_the_chosen_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let mut h = starter();
    h.state_mut().state.picks.export_folder = Some(out.clone());
    h.get_by_label("⬆ Export").click();
    h.run();
    let done = h.state().state.last_export.clone().expect("exported");
    assert!(done.files.iter().any(|f| f == "default.project.json"));
    for file in &done.files {
        assert!(Path::new(&out).join(file).is_file(), "{file} was written");
    }
    assert_eq!(
        h.state().state.export_folder.as_deref(),
        Some(out.as_path())
    );
    h.get_by_label_contains("Last export:");
}

#[test]
fn export_refuses_a_project_with_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let mut project = datastore_designer::app::state::template("starter").unwrap();
    project.schema.fields[0].name = "end".into();
    let mut h = harness(AppState::new(project, None));
    h.run();
    h.state_mut().state.picks.export_folder = Some(out.clone());
    h.get_by_label("⬆ Export").click();
    h.run();
    assert!(!out.exists());
    h.get_by_label_contains("Nothing was exported");
}

#[test]
fn every_part_of_the_project_opens_without_trouble() {
    let mut h = starter();
    for label in [
        "💾 Saving",
        "📚 Versions",
        "🛡 Backups",
        "💰 Products",
        "🎁 Gifts",
        "🔒 Player privacy",
        "📜 For scripters",
        "TopCoins",
    ] {
        h.get_by_label(label).click();
        h.run();
    }
    assert_eq!(h.state().state.selection, Selection::Leaderboard(0));
    h.get_by_label("Exported files").click();
    h.run();
    h.get_by_label("📋 Copy");
}

#[test]
fn main_screen_snapshot() {
    let mut h = starter();
    h.snapshot("main_screen");
}
