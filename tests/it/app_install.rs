//! "Install into Studio" in the app: the project's Studio plugin written
//! into the plugins folder (asked for where Studio's can't be found), with
//! where it went or why nothing was written.

use std::path::Path;

use datastore_designer::app::{AppState, BottomTab, DesignerApp, Startup};
use datastore_designer::export::{self, Format};
use datastore_designer::project::{Field, FieldType};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const BUTTON: &str = "⬇ Install into Studio";
const PLUGIN: &str = "Starter_DataStoreDesigner.rbxmx";

fn starter() -> Harness<'static, DesignerApp> {
    let state = AppState::starter();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h
}

fn notice(h: &Harness<'_, DesignerApp>) -> (bool, String) {
    let n = h.state().state.notice.clone().expect("a notice");
    (n.is_error, n.text)
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn plugin_of(state: &AppState) -> Vec<u8> {
    let (plan, _) = export::plan_format(&state.project, Format::Plugin).unwrap();
    plan.files[PLUGIN].clone()
}

/// On Windows and macOS the button writes into the real Studio's plugins
/// folder when it exists; these tests choose the folder, so they run where
/// Studio's folder is not found (Linux, or a computer without Studio).
fn studio_found_here() -> bool {
    export::studio_plugins_folder().is_some()
}

#[test]
fn the_plugin_goes_into_the_chosen_folder_and_says_where() {
    if studio_found_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Other.rbxm"), "someone else's").unwrap();
    let mut h = starter();
    h.state_mut().state.picks.plugins_folder = Some(dir.path().to_path_buf());
    h.get_by_label(BUTTON).click();
    h.run();
    let (is_error, text) = notice(&h);
    let path = dir.path().join(PLUGIN);
    assert!(!is_error, "{text}");
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains("\"Install Starter\""), "{text}");
    assert_eq!(std::fs::read(&path).unwrap(), plugin_of(&h.state().state));
    assert_eq!(
        h.state().state.plugins_folder.as_deref(),
        Some(dir.path()),
        "remembered"
    );

    // Again after a change: the plugin is replaced, nothing else is touched.
    h.state_mut()
        .state
        .project
        .schema
        .fields
        .push(Field::new("Trophies", FieldType::Integer));
    h.get_by_label(BUTTON).click();
    h.run();
    assert!(!notice(&h).0, "{}", notice(&h).1);
    assert_eq!(std::fs::read(&path).unwrap(), plugin_of(&h.state().state));
    assert_eq!(files(dir.path()), ["Other.rbxm", PLUGIN]);
}

#[test]
fn nothing_is_written_when_the_project_has_errors_or_the_write_fails() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = starter();
    h.state_mut().state.plugins_folder = Some(dir.path().to_path_buf());
    let copy = h.state().state.project.schema.fields[0].clone();
    h.state_mut().state.project.schema.fields.push(copy);
    h.get_by_label(BUTTON).click();
    h.run();
    let (is_error, text) = notice(&h);
    assert!(
        is_error && text.starts_with("Nothing was installed."),
        "{text}"
    );
    assert!(files(dir.path()).is_empty());

    // A write that fails says why in plain words and leaves the folder as it was.
    h.state_mut().state.project.schema.fields.pop();
    std::fs::create_dir(dir.path().join(PLUGIN)).unwrap();
    h.get_by_label(BUTTON).click();
    h.run();
    let (is_error, text) = notice(&h);
    assert!(
        is_error && text.starts_with("Nothing was installed:") && text.contains("is a folder"),
        "{text}"
    );
    assert_eq!(files(dir.path()), [PLUGIN]);
    assert!(dir.path().join(PLUGIN).is_dir());
}

#[test]
fn a_chosen_folder_that_is_gone_is_asked_for_again() {
    if studio_found_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone");
    let mut h = starter();
    h.state_mut().state.picks.no_native_dialog = Some("no file chooser portal (test)".into());
    h.state_mut().state.plugins_folder = Some(gone.clone());
    h.get_by_label(BUTTON).click();
    h.run();
    h.get_by_label_contains("Roblox Studio's plugins folder");
    assert_eq!(h.state().state.plugins_folder, None);
    assert!(!gone.exists());
}

#[test]
fn without_a_file_dialog_the_plugins_folder_is_typed() {
    if studio_found_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut h = starter();
    h.state_mut().state.picks.no_native_dialog = Some("no file chooser portal (test)".into());
    h.get_by_label(BUTTON).click();
    h.run();
    h.get_by_label_contains("Roblox Studio's plugins folder");
    let label = "Path of the folder";
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label)
        .type_text(&dir.path().display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let (is_error, text) = notice(&h);
    assert!(!is_error, "{text}");
    assert_eq!(files(dir.path()), [PLUGIN]);
}

use crate::app_common::MemoryStorage;

#[test]
fn a_chosen_plugins_folder_is_remembered_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = starter();
    h.state_mut().state.plugins_folder = Some(dir.path().to_path_buf());
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let again = DesignerApp::restore(Some(&storage), Startup::Starter);
    assert_eq!(again.state.plugins_folder.as_deref(), Some(dir.path()));
    assert_eq!(
        DesignerApp::restore(None, Startup::Starter)
            .state
            .plugins_folder,
        None
    );
}
