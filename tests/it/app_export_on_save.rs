//! Export on save: with the switch on, Ctrl+S saves the project and exports
//! it again to its Rojo folder, and says why when it does not, driven
//! through egui_kittest on the real app type.

use std::path::{Path, PathBuf};

use datastore_designer::app::{AppState, BottomTab, DesignerApp, Edit, Startup};
use datastore_designer::project::schema::Value;
use datastore_designer::project::{examples, file};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const CONFIG: &str = "src/ServerScriptService/DataManager/Config.luau";

/// The starter project saved in `dir`, open in the app, with Export on
/// save turned on by its switch (which asks for the folder `served`).
fn syncing(dir: &Path) -> (Harness<'static, DesignerApp>, PathBuf, PathBuf) {
    let project_file = dir.join("game.ron");
    std::fs::write(&project_file, examples::text("starter").unwrap()).unwrap();
    let project = file::load(&project_file).unwrap();
    let mut state = AppState::new(project, Some(project_file.clone()));
    let served = dir.join("served");
    state.picks.export_folder = Some(served.clone());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h.get_by_label("Export on save").click();
    h.run();
    let notice = notice(&h);
    assert!(!notice.0, "{}", notice.1);
    assert!(
        notice.1.starts_with("Export on save is on. Exported"),
        "{}",
        notice.1
    );
    assert!(served.join(CONFIG).is_file());
    (h, project_file, served)
}

fn notice(h: &Harness<'_, DesignerApp>) -> (bool, String) {
    let n = h.state().state.notice.clone().expect("a notice");
    (n.is_error, n.text)
}

fn set_coins_default(h: &mut Harness<'_, DesignerApp>, coins: i64) {
    h.state_mut()
        .state
        .apply(Edit::new("change the default of Coins", move |p| {
            p.schema.fields[0].default = Some(Value::Integer(coins));
        }));
    h.run();
}

fn ctrl_s(h: &mut Harness<'_, DesignerApp>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn ctrl_s_saves_and_exports_the_changed_default() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, project_file, served) = syncing(dir.path());
    assert!(!read(&served.join(CONFIG)).contains("4321"));

    set_coins_default(&mut h, 4321);
    ctrl_s(&mut h);

    assert!(!h.state().state.dirty);
    assert_eq!(file::load(&project_file).unwrap(), h.state().state.project);
    assert!(read(&served.join(CONFIG)).contains("4321"));
    let (is_error, text) = notice(&h);
    assert!(!is_error, "{text}");
    assert!(
        text.starts_with(&format!("Saved {}. Exported", project_file.display())),
        "{text}"
    );
    assert!(text.contains(&served.display().to_string()), "{text}");

    // Turned off, saving no longer exports.
    h.get_by_label("Export on save").click();
    h.run();
    set_coins_default(&mut h, 8765);
    ctrl_s(&mut h);
    assert!(read(&project_file).contains("8765"));
    assert!(read(&served.join(CONFIG)).contains("4321"));
    assert_eq!(notice(&h).1, format!("Saved {}.", project_file.display()));
}

#[test]
fn a_project_with_errors_is_saved_but_not_exported() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, project_file, served) = syncing(dir.path());
    let before = read(&served.join(CONFIG));

    set_coins_default(&mut h, 4321);
    h.state_mut().state.apply(Edit::new("rename Coins", |p| {
        p.schema.fields[0].name.clear()
    }));
    h.run();
    assert!(h.state().state.error_count() > 0);
    ctrl_s(&mut h);

    assert!(!h.state().state.dirty);
    assert_eq!(file::load(&project_file).unwrap(), h.state().state.project);
    assert_eq!(read(&served.join(CONFIG)), before);
    let (is_error, text) = notice(&h);
    assert!(is_error, "{text}");
    assert!(
        text.starts_with(&format!("Saved {}.", project_file.display())),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Export on save left {} as it was.",
            served.display()
        )),
        "{text}"
    );
    assert!(text.contains("errors that stop Export"), "{text}");
}

#[test]
fn files_changed_by_hand_stop_the_export_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, project_file, served) = syncing(dir.path());
    let config = served.join(CONFIG);
    let hand_edit = format!("{}\n-- tuned by hand\n", read(&config));
    std::fs::write(&config, &hand_edit).unwrap();

    set_coins_default(&mut h, 4321);
    ctrl_s(&mut h);

    assert!(read(&project_file).contains("4321"));
    assert_eq!(read(&config), hand_edit);
    let (is_error, text) = notice(&h);
    assert!(is_error, "{text}");
    assert!(text.contains("changed by hand"), "{text}");
    assert!(text.contains("Config.luau"), "{text}");
}

#[test]
fn a_served_folder_that_is_gone_is_named_and_not_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, project_file, served) = syncing(dir.path());
    std::fs::remove_dir_all(&served).unwrap();

    set_coins_default(&mut h, 4321);
    ctrl_s(&mut h);

    assert!(read(&project_file).contains("4321"));
    assert!(!served.exists());
    let (is_error, text) = notice(&h);
    assert!(is_error, "{text}");
    assert!(text.contains("is no longer there"), "{text}");
}

#[test]
fn the_exported_readme_names_the_plugin_first_and_then_export_on_save() {
    let project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
    let (plan, _) = datastore_designer::export::plan(&project).unwrap();
    let readme = plan.text("README.md").unwrap();
    let at = |what: &str| {
        readme
            .find(what)
            .unwrap_or_else(|| panic!("the README lacks {what}:\n{readme}"))
    };
    let ways = [
        "1. **Install into Studio (in the app)**",
        "2. **A place file, for a new game.**",
        "3. **Model files, for a game you already have.**",
        "4. **Rojo, with Export on save**",
    ];
    for pair in ways.windows(2) {
        assert!(
            at(pair[0]) < at(pair[1]),
            "{} comes after {}",
            pair[0],
            pair[1]
        );
    }
    assert!(at("rojo serve") > at(ways[3]));
    assert!(at("--watch") > at(ways[3]));
    assert!(at("Enable Studio Access to API Services") > at(ways[3]));
}

/// Types `text` over the path field and presses its OK button.
fn type_path_and_ok(h: &mut Harness<'_, DesignerApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
    h.get_by_label("OK").click();
    h.run();
}

#[test]
fn without_a_file_dialog_the_switch_asks_for_the_folder_in_the_app_and_follows_the_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut state = AppState::starter();
    state.picks.no_native_dialog = Some("no file chooser portal (test)".into());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();

    h.get_by_label("Export on save").click();
    h.run();
    let served = dir.path().join("served");
    type_path_and_ok(&mut h, "Path of the folder", &served.display().to_string());
    assert!(served.join(CONFIG).is_file());
    let (is_error, text) = notice(&h);
    assert!(!is_error, "{text}");
    assert!(text.starts_with("Export on save is on. Exported"), "{text}");

    // The unsaved project's first save gives it a file, and the switch
    // stays on for that file.
    set_coins_default(&mut h, 4321);
    ctrl_s(&mut h);
    let project_file = dir.path().join("game.ron");
    type_path_and_ok(
        &mut h,
        "Path of the file to save",
        &project_file.display().to_string(),
    );
    assert!(read(&project_file).contains("4321"));
    assert!(read(&served.join(CONFIG)).contains("4321"));
    let remembered = h
        .state()
        .state
        .export_on_save
        .of(Some(project_file.as_path()));
    assert!(remembered.on);
    assert_eq!(remembered.folder.as_deref(), Some(served.as_path()));
}

use crate::app_common::MemoryStorage;

#[test]
fn the_switch_and_the_folder_are_remembered_for_that_project_only() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, project_file, served) = syncing(dir.path());
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);

    let again = DesignerApp::restore(Some(&storage), Startup::File(project_file.clone()));
    let remembered = again.state.export_on_save.of(Some(project_file.as_path()));
    assert!(remembered.on);
    assert_eq!(remembered.folder.as_deref(), Some(served.as_path()));

    // Another project does not export to this one's folder.
    let other = dir.path().join("other.ron");
    std::fs::write(&other, examples::text("migration").unwrap()).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::restore(Some(&storage), Startup::File(other)));
    h.run();
    let config = read(&served.join(CONFIG));
    ctrl_s(&mut h);
    assert_eq!(read(&served.join(CONFIG)), config);
    let (is_error, text) = notice(&h);
    assert!(!is_error && text.ends_with("other.ron."), "{text}");
}
