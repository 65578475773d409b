//! The gallery of looks in the real window: adding a board starts from a
//! look, "Change look" dresses an existing board in one without touching
//! what it ranks, and Undo takes it back.

use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection, canvas, look_gallery};
use datastore_designer::layout::Device;
use datastore_designer::project::leaderboard::YouRow;
use datastore_designer::project::looks;
use datastore_designer::project::periods::Period;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn starter(size: egui::Vec2) -> Harness<'static, DesignerApp> {
    let state = AppState::starter();
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h
}

#[test]
fn adding_a_leaderboard_starts_from_the_look_picked() {
    let mut h = starter(egui::vec2(1400.0, 860.0));
    let before = h.state().state.project.leaderboards.len();
    h.get_by_label("Add a leaderboard").click();
    h.run();
    // Nothing is added until a look is picked.
    assert_eq!(h.state().state.project.leaderboards.len(), before);
    h.get_by_label("Pick a look for the new leaderboard");
    h.get_by_label("Use the look Cartoon").click();
    h.run();
    let project = &h.state().state.project;
    assert_eq!(project.leaderboards.len(), before + 1);
    let added = &project.leaderboards[before];
    assert_eq!(looks::Look::worn_by(added).unwrap().id, "cartoon");
    assert_ne!(added.name, project.leaderboards[0].name);
    assert_eq!(h.state().state.selection, Selection::Leaderboard(before));
    assert!(
        h.query_by_label("Pick a look for the new leaderboard")
            .is_none()
    );

    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(h.state().state.project.leaderboards.len(), before);
}

#[test]
fn changing_the_look_keeps_the_stat_and_settings_and_undoes() {
    let mut h = starter(egui::vec2(1400.0, 860.0));
    h.get_by_label("TopCoins").click();
    h.run();
    let before = h.state().state.project.leaderboards[0].clone();
    h.get_by_label("🎨 Change look…").click();
    h.run();
    h.get_by_label("Pick a look for TopCoins");
    h.get_by_label("Use the look Neon").click();
    h.run();
    let after = h.state().state.project.leaderboards[0].clone();
    assert_eq!(looks::Look::worn_by(&after).unwrap().id, "neon");
    assert_ne!(after.gui, before.gui);
    assert_eq!(
        (
            &after.name,
            &after.stat,
            &after.ordered_datastore,
            after.top
        ),
        (
            &before.name,
            &before.stat,
            &before.ordered_datastore,
            before.top
        )
    );
    assert_eq!(
        (after.update_seconds, after.number_format, &after.empty_text),
        (
            before.update_seconds,
            before.number_format,
            &before.empty_text
        )
    );
    // The canvas shows the new look.
    h.run();
    let layout = h.state().canvas.layout.clone().unwrap();
    assert!(layout.get("LeaderboardGUI/Panel/List").is_some());

    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(h.state().state.project.leaderboards[0], before);
}

#[test]
fn cancel_closes_the_gallery_without_a_change() {
    let mut h = starter(egui::vec2(1400.0, 860.0));
    let project = h.state().state.project.clone();
    h.get_by_label("Add a leaderboard").click();
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        h.query_by_label("Pick a look for the new leaderboard")
            .is_none()
    );
    assert_eq!(h.state().state.project, project);
}

/// The picture of the whole gallery in the README (docs/looks.png is a
/// copy of tests/snapshots/looks_gallery.png): the gallery's own tiles,
/// drawn by the canvas painter, for the starter's TopCoins on a laptop.
/// (The grid dresses the board in each look, which adds the tabs.)
#[test]
fn looks_gallery_snapshot() {
    let project = AppState::starter().project;
    // All time and this week, with the player's own row: everything a
    // look makes room for.
    let mut board = project.leaderboards[0].clone();
    board.periods = vec![Period::AllTime, Period::Weekly];
    board.you_row = Some(YouRow::default());
    let laptop = Device::by_name("laptop").unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(852.0, 842.0))
        .build_ui_state(
            move |ui, fonts_installed: &mut bool| {
                if !*fonts_installed {
                    canvas::install_fonts(ui.ctx());
                    *fonts_installed = true;
                }
                egui::Frame::central_panel(ui.style()).show(ui, |ui| {
                    look_gallery::grid(ui, &board, &laptop, None);
                });
            },
            false,
        );
    h.run();
    h.snapshot("looks_gallery");
}
