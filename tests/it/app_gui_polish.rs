//! The canvas with the GUI classes added for polished looks and with a
//! board on a part, driven through egui_kittest on the real app type.

use datastore_designer::app::state::GuiPart;
use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use datastore_designer::layout::NodeLayout;
use datastore_designer::project::gui::{ColorKey, NumberKey, UDim};
use datastore_designer::project::{Display, GuiNode, Project, PropValue};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn starter() -> Project {
    AppState::starter().project
}

fn open(project: Project) -> Harness<'static, DesignerApp> {
    let state = AppState::new(project, None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h.get_by_label("TopCoins").click();
    h.run();
    h
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

/// The starter's board on a 12x8x1 part, its panel shaded by a gradient,
/// with a half-faded CanvasGroup of text on a rounded gradient turned 30
/// degrees (gold to purple, fading to 0.3), outlined by a gradient stroke.
fn on_a_part() -> Project {
    let mut project = starter();
    let board = &mut project.leaderboards[0];
    board.display = Display::Surface {
        part: "Board".into(),
        part_size: [12.0, 8.0, 1.0],
    };
    board.gui.class = "SurfaceGui".into();
    board.gui.properties.clear();
    let shine = GuiNode::new("UIGradient", "Shine")
        .with(
            "Color",
            PropValue::ColorSequence(vec![
                ColorKey(0.0, (255, 210, 90)),
                ColorKey(1.0, (150, 90, 255)),
            ]),
        )
        .with(
            "Transparency",
            PropValue::NumberSequence(vec![NumberKey(0.0, 0.0), NumberKey(1.0, 0.3)]),
        )
        .with("Rotation", PropValue::Float(90.0));
    board.gui.children[0].children.push(shine.clone());
    board.gui.children.push(
        GuiNode::new("CanvasGroup", "Faded")
            .with("Size", PropValue::udim2(0.0, 300, 0.0, 120))
            .with("Position", PropValue::udim2(0.0, 20, 0.0, 20))
            .with("GroupTransparency", PropValue::Float(0.5))
            .child(
                // Inside the group's edge, so the group's clipping leaves
                // the outline whole.
                GuiNode::new("TextLabel", "Note")
                    .with("Size", PropValue::udim2(1.0, -24, 1.0, -24))
                    .with("Position", PropValue::udim2(0.0, 12, 0.0, 12))
                    .with("Text", PropValue::String("Weekly board".into()))
                    .with("TextSize", PropValue::Float(28.0))
                    .child(shine.with("Rotation", PropValue::Float(30.0)))
                    .child(
                        GuiNode::new("UICorner", "Round")
                            .with("CornerRadius", PropValue::UDim(UDim(0.0, 24))),
                    )
                    .child(
                        GuiNode::new("UIStroke", "Glow")
                            .with(
                                "ApplyStrokeMode",
                                PropValue::enum_item("ApplyStrokeMode", "Border"),
                            )
                            .with("Thickness", PropValue::Float(6.0))
                            .with("Color", PropValue::Color3(255, 255, 255))
                            .child(GuiNode::new("UIGradient", "Neon").with(
                                "Color",
                                PropValue::ColorSequence(vec![
                                    ColorKey(0.0, (255, 40, 120)),
                                    ColorKey(1.0, (40, 230, 255)),
                                ]),
                            )),
                    ),
            ),
    );
    project
}

#[test]
fn a_board_on_a_part_is_previewed_on_the_face_at_its_shape() {
    let mut h = open(on_a_part());
    // The default 800x600 canvas on a 12x8 face: shown 600 x 12/8 = 900
    // wide by 600 high, every object 1.125 times wider.
    let layout = h.state().canvas.layout.clone().expect("the canvas drew");
    assert_eq!((layout.screen.x, layout.screen.y), (900.0, 600.0));
    let panel = laid(&h, "LeaderboardGUI/LeaderboardFrame");
    assert!(
        (panel.size.x - 280.0 * 1.125).abs() < 1e-3,
        "{:?}",
        panel.size
    );
    assert!(panel.gradient.is_some());
    let note = laid(&h, "LeaderboardGUI/Faded/Note");
    assert_eq!(note.opacity, 0.5);
    // The outline has a gradient of its own (pink to cyan).
    assert!(note.stroke_gradient.is_some() && note.stroke.is_some());
    // The stretch is a warning that says how to fit the face.
    let warned = h
        .state()
        .state
        .diagnostics
        .iter()
        .any(|d| d.code == "surface-stretched" && d.fix.contains("900 x 600"));
    assert!(warned, "{:#?}", h.state().state.diagnostics);
    h.remove_cursor();
    h.run();
    h.snapshot("canvas_surface_gradient");
}

#[test]
fn selecting_a_page_shows_it_in_its_page_layout() {
    let mut project = starter();
    let gui = &mut project.leaderboards[0].gui;
    let page = |name: &str, order: i64, color: (u8, u8, u8)| {
        GuiNode::new("Frame", name)
            .with("Size", PropValue::udim2(1.0, 0, 1.0, 0))
            .with("LayoutOrder", PropValue::Int(order))
            .with(
                "BackgroundColor3",
                PropValue::Color3(color.0, color.1, color.2),
            )
    };
    gui.children.push(
        GuiNode::new("Frame", "Tabs")
            .with("Size", PropValue::udim2(0.0, 300, 0.0, 100))
            .with("ClipsDescendants", PropValue::Bool(true))
            .child(GuiNode::new("UIPageLayout", "Paging"))
            .child(page("AllTime", 1, (200, 60, 60)))
            .child(page("Weekly", 2, (60, 60, 200))),
    );
    let tabs = gui.children.len() - 1;
    let mut h = open(project);
    let x0 = laid(&h, "LeaderboardGUI/Tabs").position.x;
    // Before any selection: the first page shows, the second waits to its right.
    assert_eq!(laid(&h, "LeaderboardGUI/Tabs/AllTime").position.x, x0);
    assert_eq!(
        laid(&h, "LeaderboardGUI/Tabs/Weekly").position.x,
        x0 + 300.0
    );
    // Selecting the weekly page brings it into view.
    h.state_mut().state.selection = Selection::GuiNode(0, GuiPart::Gui, vec![tabs, 2]);
    h.run();
    assert_eq!(laid(&h, "LeaderboardGUI/Tabs/Weekly").position.x, x0);
    assert!(
        laid(&h, "LeaderboardGUI/Tabs/AllTime")
            .visible_rect
            .is_none()
    );
}

#[test]
fn the_gradient_editor_adds_moves_and_removes_points_in_undo_steps() {
    let mut project = starter();
    project.leaderboards[0].gui.children[0]
        .children
        .push(GuiNode::new("UIGradient", "Shine"));
    let at = project.leaderboards[0].gui.children[0].children.len() - 1;
    let mut h = open(project);
    h.state_mut().state.selection = Selection::GuiNode(0, GuiPart::Gui, vec![0, at]);
    h.run();
    let color = |h: &Harness<'_, DesignerApp>| match h.state().state.project.leaderboards[0]
        .gui
        .children[0]
        .children[at]
        .prop("Color")
    {
        Some(PropValue::ColorSequence(keys)) => keys.clone(),
        None => Vec::new(),
        other => panic!("Color is {other:?}"),
    };
    assert!(
        color(&h).is_empty(),
        "the class default is used until edited"
    );
    // Each of Color and Transparency has its own "Add a point" button.
    let buttons = h.query_all_by_label("➕ Add a point").count();
    assert_eq!(buttons, 2);
    h.query_all_by_label("➕ Add a point")
        .next()
        .unwrap()
        .click();
    h.run();
    // A point in the middle of the one gap, with the colour already there.
    assert_eq!(
        color(&h),
        vec![
            ColorKey(0.0, (255, 255, 255)),
            ColorKey(0.5, (255, 255, 255)),
            ColorKey(1.0, (255, 255, 255)),
        ]
    );
    // The new point's time can be typed; it stays between its neighbours.
    let time = h.get_by_label("Color point 2 time");
    time.click();
    h.run();
    // Removing it gives the two ends back; the ends can't be removed.
    h.get_by_label("Remove point 2 of Color").click();
    h.run();
    assert_eq!(color(&h).len(), 2);
    assert!(h.query_by_label("Remove point 1 of Color").is_none());
    // Add and remove are one undo step each.
    h.state_mut().state.undo();
    assert_eq!(color(&h).len(), 3);
    h.state_mut().state.undo();
    assert!(color(&h).is_empty());
}

#[test]
fn one_click_makes_a_stretched_canvas_the_faces_shape() {
    let mut h = open(on_a_part());
    // 800x600 on a 12x8 face: 600 x 12 / 8 = 900 wide fits.
    h.get_by_label("Make the canvas 900 x 600, the face's shape")
        .click();
    h.run();
    let project = &h.state().state.project;
    assert_eq!(
        project.leaderboards[0].gui.prop("CanvasSize"),
        Some(&PropValue::Vector2(900.0, 600.0))
    );
    assert!(
        !h.state()
            .state
            .diagnostics
            .iter()
            .any(|d| d.code == "surface-stretched")
    );
    let layout = h.state().canvas.layout.clone().expect("the canvas drew");
    assert_eq!((layout.screen.x, layout.screen.y), (900.0, 600.0));
    assert!(
        h.query_by_label("Make the canvas 900 x 600, the face's shape")
            .is_none()
    );
}
