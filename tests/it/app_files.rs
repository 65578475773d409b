//! Opening projects by dropping them and from Open recent, and importing a
//! leaderboard GUI made in Studio, driven through egui_kittest on the real
//! app type.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection, Startup};
use datastore_designer::export::{Format, export_format};
use datastore_designer::project::{Display, Project, examples};
use datastore_designer::studio::model::normalized;
use datastore_designer::studio::writer::WriteOptions;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn starter() -> Harness<'static, DesignerApp> {
    let state = AppState::starter();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h
}

/// A file dropped onto the window, as the native integration reports it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut Harness<'_, DesignerApp>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
    h.run();
}

/// Writes the example `name` as a project file in `dir`.
fn example_file(dir: &Path, file: &str, name: &str) -> PathBuf {
    let path = dir.join(file);
    std::fs::write(&path, examples::text(name).unwrap()).unwrap();
    path
}

fn notice(h: &Harness<'_, DesignerApp>) -> (bool, String) {
    let n = h.state().state.notice.clone().expect("a notice");
    (n.is_error, n.text)
}

#[test]
fn a_dropped_project_file_opens_asking_first_about_changes() {
    let dir = tempfile::tempdir().unwrap();
    let other = example_file(dir.path(), "other.ron", "migration");
    let migration = datastore_designer::project::file::load(&other).unwrap();
    let mut h = starter();

    // With unsaved changes, the app asks first, like Open.
    h.get_by_label("➕ Add field").click();
    h.run();
    drop_file(&mut h, &other);
    h.get_by_label("Save your changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().state.project.name, "Starter");
    assert!(h.state().state.dirty);

    drop_file(&mut h, &other);
    h.get_by_label("Don't save").click();
    h.run();
    assert_eq!(h.state().state.project, migration);
    assert_eq!(h.state().state.path.as_deref(), Some(other.as_path()));
    assert!(!h.state().state.dirty);
}

#[test]
fn a_dropped_file_that_is_not_a_project_shows_why_and_keeps_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let picture = dir.path().join("picture.png");
    std::fs::write(&picture, b"not a project").unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format_version: 1, name: \"Broken\", schema: (").unwrap();
    let mut h = starter();
    let before = h.state().state.project.clone();

    drop_file(&mut h, &picture);
    let (is_error, text) = notice(&h);
    assert!(is_error);
    assert!(text.contains("picture.png"), "{text}");
    assert!(text.contains("only DataStore Designer project files (.ron)"));
    h.get_by_label_contains("Your current project is still open");
    assert_eq!(h.state().state.project, before);

    drop_file(&mut h, &broken);
    let (is_error, text) = notice(&h);
    assert!(is_error);
    assert!(text.contains("Could not open the project"), "{text}");
    h.get_by_label_contains("Your current project is still open");
    assert_eq!(h.state().state.project, before);
    assert_eq!(h.state().state.path, None);
}

use crate::app_common::MemoryStorage;

#[test]
fn open_recent_lists_opened_files_and_opens_them() {
    let dir = tempfile::tempdir().unwrap();
    let first = example_file(dir.path(), "first.ron", "migration");
    let second = example_file(dir.path(), "second.ron", "global-leaderboard");
    let gone = example_file(dir.path(), "gone.ron", "player-stats");
    let first_project = datastore_designer::project::file::load(&first).unwrap();
    let mut h = starter();
    for path in [&gone, &first, &second] {
        h.state_mut().state.picks.open_file = Some(path.clone());
        h.get_by_label("📂 Open…").click();
        h.run();
    }
    std::fs::remove_file(&gone).unwrap();
    assert_eq!(
        h.state().state.recent,
        vec![second.clone(), first.clone(), gone.clone()]
    );

    h.get_by_label("🕘 Open recent").click();
    h.run();
    h.get_by_label_contains("second.ron  (");
    assert_eq!(
        h.query_all_by_label_contains("(missing)").count(),
        1,
        "only the deleted file is missing"
    );
    let missing = h.get_by_label_contains("(missing)");
    let label = missing.accesskit_node().label().unwrap_or_default();
    assert!(label.starts_with("gone.ron  ("), "{label}");
    assert!(missing.accesskit_node().is_disabled());
    h.get_by_label_contains("first.ron  (").click();
    h.run();
    assert_eq!(h.state().state.project, first_project);
    assert_eq!(h.state().state.path.as_deref(), Some(first.as_path()));
    // The one just opened comes first.
    assert_eq!(h.state().state.recent[0], first);

    // Saving adds the file too, and the list is kept between runs.
    let saved = dir.path().join("saved.ron");
    h.state_mut().state.picks.save_file = Some(saved.clone());
    h.get_by_label("Save as…").click();
    h.run();
    assert_eq!(h.state().state.recent[0], saved);
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let remembered = storage.0.values().next().expect("something remembered");
    assert!(
        remembered.contains("saved.ron") && remembered.contains("second.ron"),
        "{remembered}"
    );
}

#[test]
fn open_recent_keeps_the_last_eight() {
    let dir = tempfile::tempdir().unwrap();
    let mut state = AppState::starter();
    for i in 0..10 {
        state.remember_recent(&dir.path().join(format!("p{i}.ron")));
    }
    state.remember_recent(&dir.path().join("p5.ron"));
    let names: Vec<String> = state
        .recent
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["p5", "p9", "p8", "p7", "p6", "p4", "p3", "p2"].map(|n| format!("{n}.ron"))
    );
}

/// The global-leaderboard example exported as Studio models into `dir`;
/// returns the project and its TopCoins model.
fn exported_leaderboard(dir: &Path, project: &Project) -> PathBuf {
    let out = dir.join("out");
    export_format(project, &out, Format::Rbxmx, WriteOptions::default()).unwrap();
    let model = out.join("models/TopCoins.rbxmx");
    assert!(model.is_file());
    model
}

fn starter_on_top_coins() -> Harness<'static, DesignerApp> {
    let mut h = starter();
    h.get_by_label("TopCoins").click();
    h.run();
    assert_eq!(h.state().state.selection, Selection::Leaderboard(0));
    h
}

#[test]
fn import_gui_from_studio_replaces_the_gui_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let source = datastore_designer::app::state::template("global-leaderboard").unwrap();
    let model = exported_leaderboard(dir.path(), &source);
    let mut h = starter_on_top_coins();
    let before = h.state().state.project.clone();

    // A file that is not a model: an error, and nothing changes.
    let not_a_model = example_file(dir.path(), "lb.ron", "global-leaderboard");
    h.state_mut().state.picks.gui_model = Some(not_a_model);
    h.get_by_label("📥 Import GUI from Studio…").click();
    h.run();
    let (is_error, text) = notice(&h);
    assert!(is_error);
    assert!(text.contains("is not a Roblox model file"), "{text}");
    assert!(text.contains("Nothing was changed"));
    assert_eq!(h.state().state.project, before);
    assert!(!h.state().state.can_undo());

    // A file that is not there: an error too.
    h.state_mut().state.picks.gui_model = Some(dir.path().join("nowhere.rbxmx"));
    h.get_by_label("📥 Import GUI from Studio…").click();
    h.run();
    assert!(notice(&h).0);
    assert_eq!(h.state().state.project, before);

    h.state_mut().state.picks.gui_model = Some(model);
    h.get_by_label("📥 Import GUI from Studio…").click();
    h.run();
    let (is_error, text) = notice(&h);
    assert!(!is_error, "{text}");
    assert!(
        text.contains("Imported the GUI of TopCoins.rbxmx into TopCoins"),
        "{text}"
    );
    let (got, want) = (
        &h.state().state.project.leaderboards[0],
        &source.leaderboards[0],
    );
    assert_eq!(normalized(&got.gui), normalized(&want.gui));
    assert_eq!(
        normalized(&got.row_template),
        normalized(&want.row_template)
    );
    assert_eq!(got.rows_in, want.rows_in);
    assert_eq!(got.display, Display::Screen);
    assert_ne!(h.state().state.project, before);
    assert_eq!(
        h.state().state.undo_label(),
        Some("import the GUI from Studio")
    );

    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(h.state().state.project, before);
    assert!(!h.state().state.can_undo(), "the import was one step");
    assert!(!h.state().state.dirty);
}

#[test]
fn a_surface_gui_imported_into_a_screen_board_shows_on_a_default_part() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = datastore_designer::app::state::template("global-leaderboard").unwrap();
    source.leaderboards[0].display = Display::surface("Billboard");
    source.leaderboards[0].gui.class = "SurfaceGui".into();
    let model = exported_leaderboard(dir.path(), &source);
    let mut h = starter_on_top_coins();
    assert_eq!(
        h.state().state.project.leaderboards[0].display,
        Display::Screen
    );

    h.state_mut().state.picks.gui_model = Some(model);
    h.get_by_label("📥 Import GUI from Studio…").click();
    h.run();
    let (is_error, text) = notice(&h);
    assert!(!is_error, "{text}");
    assert!(text.contains("\"LeaderboardPart\""), "{text}");
    let board = &h.state().state.project.leaderboards[0];
    assert_eq!(board.gui.class, "SurfaceGui");
    assert_eq!(board.display, Display::surface("LeaderboardPart"));
}

/// Asks to close the window, as its close button does.
fn close_window(h: &mut Harness<'_, DesignerApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
}

/// Clicks a button of the close prompt; returns whether the app then told
/// the window to close.
fn answer_closes(h: &mut Harness<'_, DesignerApp>, button: &str) -> bool {
    h.get_by_label(button).click();
    asked_to_close(h)
}

/// Runs one frame (a click, and the app's answer to the window); returns
/// whether the app told the window to close, then lets the app settle.
fn asked_to_close(h: &mut Harness<'_, DesignerApp>) -> bool {
    h.step();
    let closes = h
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::Close));
    h.run();
    closes
}

/// The starter opened from a file and changed (a field added), unsaved.
fn changed_file(dir: &Path) -> (Harness<'static, DesignerApp>, PathBuf) {
    let path = example_file(dir, "game.ron", "starter");
    let mut h = starter();
    h.state_mut().state.picks.open_file = Some(path.clone());
    h.get_by_label("📂 Open…").click();
    h.run();
    h.get_by_label("➕ Add field").click();
    h.run();
    assert!(h.state().state.dirty);
    (h, path)
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = changed_file(dir.path());
    let on_disk = std::fs::read_to_string(&path).unwrap();
    close_window(&mut h);
    h.get_by_label("Save your changes?");
    h.get_by_label_contains("They will be lost by closing");
    assert!(!answer_closes(&mut h, "Cancel"));
    assert!(h.query_by_label("Save your changes?").is_none());
    assert!(h.state().state.dirty);
    assert!(!h.state().state.close_confirmed);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), on_disk);
    // Asked again on the next try.
    close_window(&mut h);
    h.get_by_label("Save your changes?");
}

#[test]
fn closing_without_saving_closes_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = changed_file(dir.path());
    let on_disk = std::fs::read_to_string(&path).unwrap();
    close_window(&mut h);
    assert!(answer_closes(&mut h, "Don't save"));
    assert!(h.state().state.close_confirmed);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), on_disk);
    // The window's own close now goes through without asking.
    close_window(&mut h);
    assert!(h.query_by_label("Save your changes?").is_none());
}

#[test]
fn closing_with_save_writes_the_file_then_closes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = changed_file(dir.path());
    close_window(&mut h);
    assert!(answer_closes(&mut h, "Save"));
    let saved = datastore_designer::project::file::load(&path).unwrap();
    assert_eq!(saved, h.state().state.project);
    assert_eq!(saved.schema.fields.last().unwrap().name, "NewField");
    assert!(!h.state().state.dirty);
}

#[test]
fn what_the_app_remembers_comes_back_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let older = example_file(dir.path(), "older.ron", "global-leaderboard");
    let last = example_file(dir.path(), "last.ron", "migration");
    let mut h = starter();
    for path in [&older, &last] {
        h.state_mut().state.picks.open_file = Some(path.clone());
        h.get_by_label("📂 Open…").click();
        h.run();
    }
    let export = dir.path().join("export");
    h.state_mut().state.export_folder = Some(export.clone());
    h.get_by_label_contains("Exported files").click();
    h.run();
    h.state_mut().canvas.device = 2;
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);

    let again = DesignerApp::restore(Some(&storage), Startup::Remembered);
    assert_eq!(again.state.path.as_deref(), Some(last.as_path()));
    assert_eq!(again.state.project, h.state().state.project);
    assert_eq!(again.state.recent, vec![last.clone(), older.clone()]);
    assert_eq!(again.state.export_folder.as_deref(), Some(export.as_path()));
    assert_eq!(again.bottom_tab, BottomTab::Code);
    assert_eq!(again.canvas.device, 2);

    // Starting on the starter still keeps the rest.
    let starter = DesignerApp::restore(Some(&storage), Startup::Starter);
    assert_eq!(starter.state.path, None);
    assert_eq!(starter.state.recent.len(), 2);
    assert_eq!(starter.canvas.device, 2);
    // Nothing remembered (first run): the defaults.
    let first = DesignerApp::restore(None, Startup::Remembered);
    assert!(first.state.recent.is_empty());
    assert_eq!(first.bottom_tab, BottomTab::Problems);
}

#[test]
fn panel_sizes_come_back_with_egui_memory() {
    let mut h = starter();
    let heading = h.get_by_label("Player data").rect().left();
    // The tree panel's right edge is the middle panel's margin away.
    let edge = egui::pos2(heading - 8.0, 400.0);
    h.hover_at(edge);
    h.run();
    h.drag_at(edge);
    h.run();
    for k in 1..=4 {
        h.hover_at(edge + egui::vec2(25.0 * k as f32, 0.0));
        h.run();
    }
    h.drop_at(edge + egui::vec2(100.0, 0.0));
    h.run();
    let widened = h.get_by_label("Player data").rect().left();
    assert!(widened > heading + 50.0, "{heading} -> {widened}");

    // What eframe saves of egui's memory between runs, loaded into a new window.
    let memory = h.ctx.memory(|m| ron::to_string(m).unwrap());
    let state = AppState::starter();
    let mut again = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |cc| {
            cc.egui_ctx
                .memory_mut(|m| *m = ron::from_str(&memory).unwrap());
            DesignerApp::from_state(state, BottomTab::Problems)
        });
    again.run();
    let restored = again.get_by_label("Player data").rect().left();
    assert!((restored - widened).abs() < 1.0, "{widened} -> {restored}");
}

/// The starter on a desktop where no file dialog can open (as on a Linux
/// desktop without a file chooser portal).
fn without_file_dialogs() -> Harness<'static, DesignerApp> {
    let mut h = starter();
    h.state_mut().state.picks.no_native_dialog = Some("no file chooser portal (test)".into());
    h
}

/// Types `text` over the path field and presses its OK button; returns
/// whether the app then told the window to close.
fn type_path_and_ok(h: &mut Harness<'_, DesignerApp>, label: &str, text: &str) -> bool {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
    h.get_by_label("OK").click();
    asked_to_close(h)
}

#[test]
fn export_without_a_file_dialog_asks_for_the_folder_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = without_file_dialogs();
    assert_eq!(h.state().state.export_folder, None);
    h.get_by_label("⬆ Export").click();
    h.run();
    h.get_by_label("Export the Studio files into");
    h.get_by_label_contains("No file dialog could open: no file chooser portal (test).");

    // Inside a folder that does not exist: said so, and nothing is made.
    let nowhere = "/no-such-folder-for-datastore-designer/export";
    type_path_and_ok(&mut h, "Path of the folder", nowhere);
    h.get_by_label_contains("does not exist. Create it first");
    h.snapshot("path_prompt");
    let missing = dir.path().join("missing").join("export");
    type_path_and_ok(&mut h, "Path of the folder", &missing.display().to_string());
    h.get_by_label_contains("does not exist. Create it first");
    assert!(!dir.path().join("missing").exists());
    assert_eq!(h.state().state.export_folder, None);
    assert!(h.state().state.last_export.is_none());
    // A file is not a folder either.
    let file = example_file(dir.path(), "game.ron", "starter");
    type_path_and_ok(&mut h, "Path of the folder", &file.display().to_string());
    h.get_by_label_contains("is a file, not a folder");

    // A new folder beside them: exported there, and remembered.
    let out = dir.path().join("export");
    type_path_and_ok(&mut h, "Path of the folder", &out.display().to_string());
    assert!(h.query_by_label("Path of the folder").is_none(), "closed");
    assert!(out.join("default.project.json").is_file());
    assert_eq!(
        h.state().state.export_folder.as_deref(),
        Some(out.as_path())
    );
    let (is_error, text) = notice(&h);
    assert!(!is_error && text.starts_with("Exported"), "{text}");
}

#[test]
fn open_without_a_file_dialog_takes_a_typed_path_and_cancel_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let other = example_file(dir.path(), "other.ron", "migration");
    let mut h = without_file_dialogs();
    let before = h.state().state.project.clone();

    h.get_by_label("📂 Open…").click();
    h.run();
    h.get_by_label("Open a DataStore Designer project");
    type_path_and_ok(&mut h, "Path of the file to open", "other.ron");
    h.get_by_label_contains("Type the whole path");
    let nowhere = dir.path().join("nowhere.ron");
    type_path_and_ok(
        &mut h,
        "Path of the file to open",
        &nowhere.display().to_string(),
    );
    h.get_by_label_contains("There is no file at");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Path of the file to open").is_none());
    assert_eq!(h.state().state.project, before);
    assert_eq!(h.state().state.path, None);

    h.get_by_label("📂 Open…").click();
    h.run();
    type_path_and_ok(
        &mut h,
        "Path of the file to open",
        &other.display().to_string(),
    );
    assert_eq!(h.state().state.path.as_deref(), Some(other.as_path()));
    let migration = datastore_designer::project::file::load(&other).unwrap();
    assert_eq!(h.state().state.project, migration);
}

#[test]
fn closing_with_save_and_no_file_dialog_saves_at_the_typed_path_then_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = without_file_dialogs();
    h.get_by_label("➕ Add field").click();
    h.run();
    close_window(&mut h);
    h.get_by_label("Save").click();
    h.run();
    h.get_by_label("Save the project as");
    let path = dir.path().join("game.ron");
    assert!(type_path_and_ok(
        &mut h,
        "Path of the file to save",
        &path.display().to_string()
    ));
    let saved = datastore_designer::project::file::load(&path).unwrap();
    assert_eq!(saved, h.state().state.project);
    assert!(!h.state().state.dirty);
    assert!(h.state().state.close_confirmed);
}

#[test]
fn every_file_dialog_falls_back_to_the_path_field() {
    use datastore_designer::app::path_prompt::PathUse;
    let mut state = AppState::starter();
    state.picks.no_native_dialog = Some("none here".into());
    let asked = |state: &mut AppState, run: &dyn Fn(&mut AppState)| {
        state.path_prompt = None;
        run(state);
        let prompt = state.path_prompt.clone().expect("the path field asks");
        assert_eq!(prompt.why, "none here");
        assert!(!prompt.text.is_empty(), "a path to start from");
        prompt.purpose
    };
    assert_eq!(
        asked(&mut state, &|s| s.request_open()),
        PathUse::OpenProject
    );
    assert_eq!(
        asked(&mut state, &|s| {
            s.save_as();
        }),
        PathUse::SaveProject { then: None }
    );
    assert_eq!(
        asked(&mut state, &|s| s.choose_export_folder_and_export()),
        PathUse::ExportFolder
    );
    assert_eq!(
        asked(&mut state, &|s| s.import_gui(0)),
        PathUse::GuiModel(0)
    );
    assert_eq!(
        asked(&mut state, &|s| {
            s.pick_preview_png(None);
        }),
        PathUse::PreviewPng(None)
    );
    let prompt = state.path_prompt.clone().unwrap();
    assert!(
        prompt.text.ends_with("Data status preview.png"),
        "{}",
        prompt.text
    );
}
