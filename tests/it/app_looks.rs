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

/// The starter with TopCoins in `look` (all time only, no own row, no
/// tabs), its editor open.
fn wearing(look: &str, customise: bool) -> Harness<'static, DesignerApp> {
    let mut state = AppState::starter();
    let board = &mut state.project.leaderboards[0];
    board.periods = vec![Period::AllTime];
    board.you_row = None;
    board.tabs = None;
    looks::by_id(look).unwrap().apply_to(board);
    if customise {
        // The designer's own touch: a badge on the panel.
        board
            .gui
            .children
            .push(datastore_designer::project::GuiNode::new("Frame", "Badge"));
    }
    state.selection = Selection::Leaderboard(0);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1000.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h
}

fn top_coins(h: &Harness<'_, DesignerApp>) -> datastore_designer::project::Leaderboard {
    h.state().state.project.leaderboards[0].clone()
}

#[test]
fn turning_on_the_own_row_or_tabs_refits_the_look_in_one_undoable_edit() {
    let mut h = wearing("neon", false);
    let before = top_coins(&h);

    h.get_by_label("Show it below the list").click();
    h.run();
    let board = top_coins(&h);
    assert_eq!(looks::Look::worn_by(&board).unwrap().id, "neon");
    let you = &board.you_row.as_ref().unwrap().goes_in;
    assert!(!you.is_empty() && board.gui.find(you).is_some(), "{you}");
    assert_ne!(board.gui, before.gui, "the list made room");

    h.get_by_label("Tabs switch between periods").click();
    h.run();
    let board = top_coins(&h);
    assert_eq!(looks::Look::worn_by(&board).unwrap().id, "neon");
    let tabs = board.tabs.as_ref().unwrap();
    assert!(board.gui.find(&tabs.goes_in).is_some());
    // No hint: the look made room itself.
    assert!(h.query_by_label("Make room (re-apply Neon)").is_none());

    // One Undo per option: the tabs go with their room, then the own row.
    h.get_by_label("⟲ Undo").click();
    h.run();
    assert!(top_coins(&h).tabs.is_none());
    assert_eq!(looks::Look::worn_by(&top_coins(&h)).unwrap().id, "neon");
    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(top_coins(&h), before);
}

#[test]
fn a_second_period_gives_a_worn_look_its_tabs_and_time_left() {
    let mut h = wearing("classic-dark", false);
    let before = top_coins(&h);
    h.get_by_label("Weekly").click();
    h.run();
    let board = top_coins(&h);
    assert_eq!(board.periods, [Period::AllTime, Period::Weekly]);
    assert_eq!(looks::Look::worn_by(&board).unwrap().id, "classic-dark");
    let tabs = board.tabs.as_ref().expect("tabs to switch periods");
    assert!(board.gui.find(&tabs.goes_in).is_some());
    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(top_coins(&h), before);
}

#[test]
fn a_customised_look_is_kept_and_the_editor_offers_to_make_room() {
    let mut h = wearing("neon", true);
    let customised = top_coins(&h);
    assert!(h.query_by_label("Make room (re-apply Neon)").is_none());

    h.get_by_label("Show it below the list").click();
    h.run();
    let board = top_coins(&h);
    // The designer's GUI is kept as it was.
    assert_eq!(board.gui, customised.gui);
    assert!(board.you_row.is_some());
    h.get_by_label("Make room (re-apply Neon)").click();
    h.run();
    let board = top_coins(&h);
    assert_eq!(looks::Look::worn_by(&board).unwrap().id, "neon");
    let you = &board.you_row.as_ref().unwrap().goes_in;
    assert!(board.gui.find(you).is_some());
    assert!(h.query_by_label("Make room (re-apply Neon)").is_none());

    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(top_coins(&h).gui, customised.gui);
    assert!(h.query_by_label("Make room (re-apply Neon)").is_some());
}
