//! The leaderboard canvas driven like a user would, through egui_kittest,
//! on the real app type.

use datastore_designer::app::state::GuiPart;
use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use datastore_designer::layout::NodeLayout;
use datastore_designer::project::gui::{PropValue, UDim};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const TITLE: &str = "LeaderboardGUI/LeaderboardFrame/Title";

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

/// The title's child indices in the project.
fn title_path(h: &Harness<'_, DesignerApp>) -> Vec<usize> {
    let frame = &h.state().state.project.leaderboards[0].gui.children[0];
    let i = frame
        .children
        .iter()
        .position(|c| c.name == "Title")
        .expect("the starter has a title");
    vec![0, i]
}

fn title_udim2(h: &Harness<'_, DesignerApp>, name: &str) -> (UDim, UDim) {
    let path = title_path(h);
    let node = &h.state().state.project.leaderboards[0].gui.children[0].children[path[1]];
    match node.prop(name).cloned() {
        Some(PropValue::UDim2(x, y)) => (x, y),
        None => (UDim(0.0, 0), UDim(0.0, 0)),
        other => panic!("the title's {name} is {other:?}"),
    }
}

fn laid(h: &Harness<'_, DesignerApp>, path: &str) -> NodeLayout {
    h.state()
        .canvas
        .layout
        .as_ref()
        .and_then(|l| l.get(path))
        .unwrap_or_else(|| panic!("{path} is laid out"))
        .clone()
}

/// Where a point of a laid-out object is on screen; `fx`, `fy` are
/// fractions of its box (0.5, 0.5: the centre).
fn point_of(h: &Harness<'_, DesignerApp>, path: &str, fx: f32, fy: f32) -> egui::Pos2 {
    let n = laid(h, path);
    h.state()
        .canvas
        .to_screen(n.position.x + n.size.x * fx, n.position.y + n.size.y * fy)
}

/// A press at `from`, a move in steps and a release at `to`.
fn drag(h: &mut Harness<'_, DesignerApp>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=4 {
        h.hover_at(from + (to - from) * (k as f32 / 4.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

/// Selects the title by clicking it on the canvas.
fn select_title(h: &mut Harness<'_, DesignerApp>) {
    let at = point_of(h, TITLE, 0.5, 0.5);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    h.drop_at(at);
    h.run();
    let path = title_path(h);
    assert_eq!(
        h.state().state.selection,
        Selection::GuiNode(0, GuiPart::Gui, path)
    );
}

#[test]
fn resizing_by_a_handle_changes_size_by_offset_or_by_scale_in_one_undo_step() {
    let mut h = starter_on_top_coins();
    select_title(&mut h);
    // Without snapping, so the size follows the pointer exactly.
    h.get_by_label("Snap").click();
    h.run();
    assert!(!h.state().canvas.snap);
    let size_before = title_udim2(&h, "Size");
    let position_before = title_udim2(&h, "Position");
    let scale = h.state().canvas.scale;

    // The bottom edge, in Offset mode (the default).
    let dy = 30.0;
    let at = point_of(&h, TITLE, 0.5, 1.0);
    drag(&mut h, at, at + egui::vec2(0.0, dy));
    let size = title_udim2(&h, "Size");
    let grown = (dy / scale).round() as i32;
    assert_ne!(grown, 0);
    assert_eq!(size.0, size_before.0);
    assert_eq!(size.1, UDim(size_before.1.0, size_before.1.1 + grown));
    assert_eq!(title_udim2(&h, "Position"), position_before);
    assert_eq!(h.state().state.undo_label(), Some("Resize Title"));
    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(title_udim2(&h, "Size"), size_before);
    assert!(!h.state().state.dirty);

    // The left edge in Scale mode: Size and Position change by the dragged
    // fraction of the frame's width, the Offsets stay.
    h.get_by_label("Scale (share of parent)").click();
    h.run();
    assert!(h.state().canvas.edit_scale);
    let frame_width = laid(&h, "LeaderboardGUI/LeaderboardFrame").size.x;
    let dx = 40.0;
    let at = point_of(&h, TITLE, 0.0, 0.5);
    drag(&mut h, at, at + egui::vec2(dx, 0.0));
    let size = title_udim2(&h, "Size");
    let position = title_udim2(&h, "Position");
    let fraction = dx / scale / frame_width;
    assert!(
        (size.0.0 - (size_before.0.0 - fraction)).abs() < 1e-3,
        "width scale {} after a drag of {fraction}",
        size.0.0
    );
    assert_eq!(size.0.1, size_before.0.1);
    assert!((position.0.0 - (position_before.0.0 + fraction)).abs() < 1e-3);
    assert_eq!(position.0.1, position_before.0.1);
    assert_eq!((size.1, position.1), (size_before.1, position_before.1));
    h.get_by_label("⟲ Undo").click();
    h.run();
    assert_eq!(title_udim2(&h, "Size"), size_before);
    assert_eq!(title_udim2(&h, "Position"), position_before);
}

#[test]
fn a_drag_snaps_exactly_onto_the_parents_centre() {
    let mut h = starter_on_top_coins();
    assert!(h.state().canvas.snap, "snapping is on by default");
    select_title(&mut h);
    let frame = laid(&h, "LeaderboardGUI/LeaderboardFrame");
    let title = laid(&h, TITLE);
    let scale = h.state().canvas.scale;
    let centre_gap =
        (frame.position.y + frame.size.y / 2.0) - (title.position.y + title.size.y / 2.0);
    // 3 points short of the centre, well inside the snapping distance.
    let at = point_of(&h, TITLE, 0.5, 0.5);
    let to = at + egui::vec2(0.0, centre_gap * scale - 3.0);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    h.hover_at(to);
    h.run();
    // A guide shows on the centre line while the drag snaps.
    let centre_y = frame.position.y + frame.size.y / 2.0;
    assert!(
        h.state()
            .canvas
            .guides
            .iter()
            .any(|g| !g.vertical && g.at == centre_y),
        "guides: {:?}",
        h.state().canvas.guides
    );
    h.drop_at(to);
    h.run();
    assert!(h.state().canvas.guides.is_empty());
    let title = laid(&h, TITLE);
    assert!((title.position.y + title.size.y / 2.0 - centre_y).abs() < 1e-3);
    assert_eq!(title_udim2(&h, "Position").1, UDim(0.0, centre_gap as i32));
}

#[test]
fn at_200_percent_a_drag_of_n_points_moves_n_over_2_pixels() {
    let mut h = starter_on_top_coins();
    select_title(&mut h);
    h.get_by_label("Zoom").click();
    h.run();
    h.get_by_label("200 %").click();
    h.run();
    assert_eq!(h.state().canvas.scale, 2.0);
    // The middle of the screen stays put; the frame is now far to the left.
    // Drag the empty sky to bring the title into view.
    let n = laid(&h, TITLE);
    let centre = {
        let c = &h.state().canvas;
        let l = c.layout.as_ref().unwrap();
        c.to_screen(l.screen.x / 2.0, l.screen.y / 2.0)
    };
    let gap = centre - point_of(&h, TITLE, 0.5, 0.5);
    let before = h.state().state.project.clone();
    for _ in 0..4 {
        drag(&mut h, centre, centre + gap / 4.0);
    }
    assert_eq!(h.state().state.project, before, "panning changes nothing");
    let now = point_of(&h, TITLE, 0.5, 0.5);
    assert!((now - centre).length() < 0.5, "the title is at {now:?}");
    assert_eq!(laid(&h, TITLE).position, n.position);

    h.get_by_label("Snap").click();
    h.run();
    let position = title_udim2(&h, "Position");
    drag(&mut h, now, now + egui::vec2(30.0, -10.0));
    assert_eq!(
        title_udim2(&h, "Position"),
        (
            UDim(position.0.0, position.0.1 + 15),
            UDim(position.1.0, position.1.1 - 5)
        )
    );

    // Fit brings the whole device back, in the middle.
    h.get_by_label("Zoom").click();
    h.run();
    h.get_by_label("Fit").click();
    h.run();
    assert_eq!(h.state().canvas.zoom, None);
    assert_eq!(h.state().canvas.pan, egui::Vec2::ZERO);
}

#[test]
fn pinch_or_ctrl_wheel_zooms_around_the_pointer() {
    let mut h = starter_on_top_coins();
    let at = point_of(&h, TITLE, 0.5, 0.5);
    let scale = h.state().canvas.scale;
    h.hover_at(at);
    h.run();
    h.event(egui::Event::Zoom(1.5));
    h.run();
    assert!((h.state().canvas.scale - scale * 1.5).abs() < 1e-4);
    let still = point_of(&h, TITLE, 0.5, 0.5);
    assert!((still - at).length() < 0.5, "{still:?} moved from {at:?}");
}

#[test]
fn layout_bounds_outline_every_object() {
    let mut h = starter_on_top_coins();
    assert_eq!(h.state().canvas.bounds_drawn, 0);
    h.get_by_label("Show layout bounds").click();
    h.run();
    assert!(h.state().canvas.show_bounds);
    let shown = {
        let l = h.state().canvas.layout.as_ref().unwrap();
        l.nodes
            .iter()
            .filter(|n| n.parent.is_some() && n.visible_rect.is_some())
            .count()
    };
    assert!(shown > 10);
    assert_eq!(h.state().canvas.bounds_drawn, shown);
    select_title(&mut h);
    h.remove_cursor();
    h.run();
    h.snapshot("canvas_bounds");
}

#[test]
fn save_preview_writes_the_device_as_a_png() {
    let mut h = starter_on_top_coins();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("preview.png");
    h.state_mut().state.picks.preview_png = Some(path.clone());
    h.get_by_label("Save preview as PNG…").click();
    // The click, the clean frame and its screenshot, then the write.
    h.run_steps(8);
    let notice = h
        .state()
        .state
        .notice
        .clone()
        .expect("a notice says it saved");
    assert!(!notice.is_error, "{}", notice.text);
    assert!(notice.text.contains("preview.png"), "{}", notice.text);
    let image = image::open(&path).expect("a PNG").to_rgba8();
    let canvas = &h.state().canvas;
    let screen = canvas.layout.as_ref().unwrap().screen;
    let ppp = h.ctx.pixels_per_point();
    assert_eq!(
        image.dimensions(),
        (
            (screen.x * canvas.scale * ppp).round() as u32,
            (screen.y * canvas.scale * ppp).round() as u32
        )
    );
    // The bottom-right corner is the ground behind the GUI, not the bezel.
    let [r, g, b, a] = image.get_pixel(image.width() - 2, image.height() - 2).0;
    assert_eq!(a, 255);
    assert!(
        r.abs_diff(88) <= 3 && g.abs_diff(112) <= 3 && b.abs_diff(78) <= 3,
        "{:?}",
        (r, g, b)
    );
    // Only the picture is left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn saving_the_preview_into_an_unwritable_folder_writes_nothing() {
    let mut h = starter_on_top_coins();
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be: no one can write inside it.
    let not_a_folder = dir.path().join("notes.txt");
    std::fs::write(&not_a_folder, "hi").unwrap();
    let path = not_a_folder.join("preview.png");
    h.state_mut().state.picks.preview_png = Some(path.clone());
    h.get_by_label("Save preview as PNG…").click();
    // The click, the clean frame and its screenshot, then the write.
    h.run_steps(8);
    let notice = h.state().state.notice.clone().expect("an error notice");
    assert!(notice.is_error);
    assert!(
        notice.text.contains("Could not save the preview"),
        "{}",
        notice.text
    );
    assert!(notice.text.contains("Nothing was saved"), "{}", notice.text);
    assert!(!path.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Sets the title's Rotation in the project, as the inspector would.
fn rotate_title(h: &mut Harness<'_, DesignerApp>, degrees: f32) {
    let i = title_path(h)[1];
    h.state_mut().state.project.leaderboards[0].gui.children[0].children[i]
        .properties
        .insert("Rotation".into(), PropValue::Float(degrees));
    h.run();
}

#[test]
fn a_rotated_object_is_drawn_and_picked_turned_around_its_centre() {
    let mut h = starter_on_top_coins();
    rotate_title(&mut h, 90.0);
    let title = laid(&h, TITLE);
    assert_eq!(title.rotation, 90.0);
    let (cx, cy) = (
        title.position.x + title.size.x / 2.0,
        title.position.y + title.size.y / 2.0,
    );
    // Turned upright, the 280 × 40 title reaches 100 px above its centre,
    // over the sky where nothing else is...
    let above = h.state().canvas.to_screen(cx, cy - 100.0);
    h.hover_at(above);
    h.run();
    h.drag_at(above);
    h.run();
    h.drop_at(above);
    h.run();
    let path = title_path(&h);
    assert_eq!(
        h.state().state.selection,
        Selection::GuiNode(0, GuiPart::Gui, path)
    );
    // ...and no longer covers its old right end, which is the frame's now.
    let old_right = h.state().canvas.to_screen(cx + 120.0, cy);
    h.hover_at(old_right);
    h.run();
    h.drag_at(old_right);
    h.run();
    h.drop_at(old_right);
    h.run();
    assert_eq!(
        h.state().state.selection,
        Selection::GuiNode(0, GuiPart::Gui, vec![0])
    );
    // A slight tilt, selected: outline and handles turn with it.
    rotate_title(&mut h, 12.0);
    select_title(&mut h);
    h.remove_cursor();
    h.run();
    h.snapshot("canvas_rotated");
}

#[test]
fn holding_alt_drags_without_snapping() {
    let mut h = starter_on_top_coins();
    select_title(&mut h);
    let frame = laid(&h, "LeaderboardGUI/LeaderboardFrame");
    let title = laid(&h, TITLE);
    let scale = h.state().canvas.scale;
    let centre_gap =
        (frame.position.y + frame.size.y / 2.0) - (title.position.y + title.size.y / 2.0);
    let short = 3.0;
    let at = point_of(&h, TITLE, 0.5, 0.5);
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::ALT));
    drag(&mut h, at, at + egui::vec2(0.0, centre_gap * scale - short));
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run();
    assert!(h.state().canvas.guides.is_empty());
    assert_eq!(
        title_udim2(&h, "Position").1,
        UDim(0.0, ((centre_gap * scale - short) / scale).round() as i32)
    );
}

#[test]
fn a_middle_drag_pans_even_over_an_object() {
    let mut h = starter_on_top_coins();
    let before = h.state().state.project.clone();
    let pan = h.state().canvas.pan;
    let at = point_of(&h, TITLE, 0.5, 0.5);
    let press = |h: &mut Harness<'_, DesignerApp>, pressed: bool, pos: egui::Pos2| {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Middle,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    };
    h.hover_at(at);
    h.run();
    press(&mut h, true, at);
    for k in 1..=4 {
        h.hover_at(at + egui::vec2(10.0, 6.0) * k as f32);
        h.run();
    }
    press(&mut h, false, at + egui::vec2(40.0, 24.0));
    assert_eq!(h.state().state.project, before);
    assert_eq!(h.state().canvas.pan, pan + egui::vec2(40.0, 24.0));
}
