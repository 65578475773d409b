//! The leaderboard canvas driven like a user would, through egui_kittest,
//! on the real app type.

use datastore_designer::app::state::GuiPart;
use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use datastore_designer::project::gui::{PropValue, UDim};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn starter_on_top_coins() -> Harness<'static, DesignerApp> {
    let state = AppState::starter();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h.get_by_label("TopCoins").click();
    h.run();
    assert_eq!(h.state().state.selection, Selection::Leaderboard(0));
    h
}

/// A point inside the leaderboard's frame but outside its children, on the
/// egui screen.
fn on_the_panel(h: &Harness<'_, DesignerApp>) -> egui::Pos2 {
    let canvas = &h.state().canvas;
    let layout = canvas.layout.as_ref().expect("the canvas drew a layout");
    let frame = layout
        .get("LeaderboardGUI/LeaderboardFrame")
        .expect("the frame is laid out");
    canvas.to_screen(
        frame.position.x + 4.0,
        frame.position.y + frame.size.y - 4.0,
    )
}

fn position(h: &Harness<'_, DesignerApp>) -> (UDim, UDim) {
    match h.state().state.project.leaderboards[0].gui.children[0]
        .prop("Position")
        .cloned()
    {
        Some(PropValue::UDim2(x, y)) => (x, y),
        other => panic!("the frame has a Position, not {other:?}"),
    }
}

#[test]
fn clicking_on_the_canvas_selects_the_object() {
    let mut h = starter_on_top_coins();
    let at = on_the_panel(&h);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    h.drop_at(at);
    h.run();
    assert_eq!(
        h.state().state.selection,
        Selection::GuiNode(0, GuiPart::Gui, vec![0])
    );
    // The inspector on the right shows it.
    assert!(h.query_all_by_label_contains("LeaderboardFrame").count() >= 1);
}

#[test]
fn dragging_moves_the_object_in_one_undo_step() {
    let mut h = starter_on_top_coins();
    let before = position(&h);
    let at = on_the_panel(&h);
    let (dx, dy) = (40.0, -25.0);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    for k in 1..=4 {
        h.hover_at(at + egui::vec2(dx, dy) * (k as f32 / 4.0));
        h.run();
    }
    h.drop_at(at + egui::vec2(dx, dy));
    h.run();
    assert_eq!(
        h.state().state.selection,
        Selection::GuiNode(0, GuiPart::Gui, vec![0])
    );
    let after = position(&h);
    // The scale the canvas is drawn at, once the inspector shows on the right.
    let scale = h.state().canvas.scale;
    let (ex, ey) = ((dx / scale).round() as i32, (dy / scale).round() as i32);
    assert_ne!((ex, ey), (0, 0));
    assert_eq!(after.0, UDim(before.0.0, before.0.1 + ex));
    assert_eq!(after.1, UDim(before.1.0, before.1.1 + ey));

    // The whole drag is one step.
    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(position(&h), before);
    assert!(!h.state().state.dirty);
}

#[test]
fn rows_placed_by_a_list_cannot_be_dragged() {
    let mut h = starter_on_top_coins();
    let canvas = &h.state().canvas;
    let layout = canvas.layout.as_ref().unwrap();
    let row = layout
        .nodes
        .iter()
        .find(|n| n.path.ends_with("1") && n.parent.is_some() && n.class == "Frame")
        .expect("a first row");
    let at = canvas.to_screen(row.position.x + 2.0, row.position.y + 2.0);
    let project_before = h.state().state.project.clone();
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    h.hover_at(at + egui::vec2(30.0, 30.0));
    h.run();
    h.hover_at(at + egui::vec2(60.0, 30.0));
    h.run();
    assert_eq!(
        h.state().state.selection,
        Selection::GuiNode(0, GuiPart::RowTemplate, vec![])
    );
    h.get_by_label_contains("can't be dragged");
    h.drop_at(at + egui::vec2(60.0, 30.0));
    h.run();
    assert_eq!(h.state().state.project, project_before);
}

#[test]
fn canvas_snapshot() {
    let mut h = starter_on_top_coins();
    h.remove_cursor();
    h.run();
    h.snapshot("canvas");
}

#[test]
fn no_sample_rows_shows_the_empty_list() {
    let mut h = starter_on_top_coins();
    h.state_mut().canvas.rows = 0;
    h.run();
    let layout = h.state().canvas.layout.as_ref().unwrap();
    assert!(layout.get("LeaderboardGUI/LeaderboardFrame").is_some());
    assert!(!layout.nodes.iter().any(|n| n.path.contains("Entry")));
    // The device can be changed from the toolbar.
    h.get_by_label("Device").click();
    h.run();
    h.get_by_label_contains("iPhone 16 (portrait)").click();
    h.run();
    let canvas = &h.state().canvas;
    assert_eq!(canvas.device().name, "iphone16-portrait");
    assert_eq!(
        canvas.layout.as_ref().unwrap().screen.x,
        canvas.device().width
    );
}
