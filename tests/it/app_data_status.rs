//! The data-status screen in the designer window, driven like a user would
//! through egui_kittest: its page, its preview of each state, editing it on
//! the canvas, and the load window and messages on the Saving page.

use datastore_designer::app::state::{DATA_STATUS_BOARD, GuiPart};
use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use datastore_designer::project::data_status::DataState;
use datastore_designer::project::gui::PropValue;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const PAGE: &str = "⏳ Data status screen";
const PANEL: &str = "DataStatusGUI/Loading/Panel";

fn starter() -> Harness<'static, DesignerApp> {
    let state = AppState::starter();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h
}

fn open_page(h: &mut Harness<'_, DesignerApp>) {
    h.get_by_label(PAGE).click();
    h.run();
    assert_eq!(h.state().state.selection, Selection::DataStatus);
}

/// Types `text` over the input (not the title next to it) named `label`.
fn retype_input(h: &mut Harness<'_, DesignerApp>, label: &str, text: &str) {
    let input = |h: &Harness<'_, DesignerApp>| {
        h.query_all_by_label(label)
            .find(|n| n.accesskit_node().role() != Role::Label)
            .unwrap_or_else(|| panic!("an input named {label}"))
            .accesskit_node()
            .id()
    };
    let id = input(h);
    h.get_by(|n| n.id() == id).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    let id = input(h);
    h.get_by(|n| n.id() == id).type_text(text);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

fn laid_visible(h: &Harness<'_, DesignerApp>, path: &str) -> bool {
    h.state()
        .canvas
        .layout
        .as_ref()
        .and_then(|l| l.get(path))
        .unwrap_or_else(|| panic!("{path} is laid out"))
        .visible
}

fn laid_text(h: &Harness<'_, DesignerApp>, path: &str) -> String {
    let node = h
        .state()
        .canvas
        .layout
        .as_ref()
        .and_then(|l| l.get(path))
        .unwrap_or_else(|| panic!("{path} is laid out"));
    node.text
        .as_ref()
        .map(|t| {
            t.lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

#[test]
fn the_page_previews_loading_then_the_not_saving_notice() {
    let mut h = starter();
    open_page(&mut h);
    // The page says what the screen is for, and the tree lists its objects.
    h.get_by_label_contains("While their data loads");
    assert!(laid_visible(&h, "DataStatusGUI/Loading"));
    assert!(!laid_visible(&h, "DataStatusGUI/ReadOnly"));
    let messages = h.state().state.project.save_policy.messages.clone();
    assert_eq!(laid_text(&h, &format!("{PANEL}/Title")), messages.loading);
    h.remove_cursor();
    h.run();
    h.snapshot("data_status_loading");

    h.get_by_label(DataState::ReadOnly.label()).click();
    h.run();
    assert_eq!(h.state().canvas.status_state, DataState::ReadOnly);
    assert!(!laid_visible(&h, "DataStatusGUI/Loading"));
    assert!(laid_visible(&h, "DataStatusGUI/ReadOnly"));
    let words: Vec<&str> = messages.read_only_notice.split_whitespace().collect();
    let shown = laid_text(&h, "DataStatusGUI/ReadOnly/Message");
    assert_eq!(shown.split_whitespace().collect::<Vec<_>>(), words);
    h.remove_cursor();
    h.run();
    h.snapshot("data_status_read_only");
}

#[test]
fn its_objects_are_picked_and_moved_on_the_canvas_in_one_undo_step() {
    let mut h = starter();
    open_page(&mut h);
    let panel = |h: &Harness<'_, DesignerApp>| {
        h.state().state.project.data_status.gui.children[0].children[0]
            .prop("Position")
            .cloned()
    };
    let before = panel(&h);
    let n = h
        .state()
        .canvas
        .layout
        .as_ref()
        .unwrap()
        .get(PANEL)
        .unwrap()
        .clone();
    // A point on the panel between its texts.
    let at = h
        .state()
        .canvas
        .to_screen(n.position.x + 6.0, n.position.y + n.size.y - 6.0);
    let to = at + egui::vec2(30.0, 20.0);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    for k in 1..=4 {
        h.hover_at(at + (to - at) * (k as f32 / 4.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    assert_eq!(
        h.state().state.selection,
        Selection::GuiNode(DATA_STATUS_BOARD, GuiPart::DataStatus, vec![0, 0])
    );
    let after = panel(&h);
    assert_ne!(after, before, "the panel moved");
    match (&before, &after) {
        (Some(PropValue::UDim2(bx, by)), Some(PropValue::UDim2(ax, ay))) => {
            assert_eq!(ax.0, bx.0, "only the offset changes");
            assert_eq!(ay.0, by.0);
            assert!(ax.1 > bx.1 && ay.1 > by.1, "{after:?}");
        }
        other => panic!("{other:?}"),
    }
    // The inspector on the right shows the panel.
    h.get_by_label_contains("Panel (Frame)");
    h.state_mut().state.undo();
    h.run();
    assert_eq!(panel(&h), before);
    // A click beside the device goes back to the page.
    let beside = h.state().canvas.to_screen(-8.0, -8.0);
    h.hover_at(beside);
    h.run();
    h.drag_at(beside);
    h.run();
    h.drop_at(beside);
    h.run();
    assert_eq!(h.state().state.selection, Selection::DataStatus);
}

#[test]
fn renaming_a_state_object_is_a_problem_and_reset_mends_it() {
    let mut h = starter();
    open_page(&mut h);
    // Rename Loading in the tree: the script would no longer find it.
    h.state_mut().state.selection =
        Selection::GuiNode(DATA_STATUS_BOARD, GuiPart::DataStatus, vec![0]);
    h.run();
    h.key_press(egui::Key::F2);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("New name for Loading").type_text("Spinner");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let project = &h.state().state.project;
    assert_eq!(project.data_status.gui.children[0].name, "Spinner");
    assert!(
        h.state()
            .state
            .diagnostics
            .iter()
            .any(|d| d.code == "data-status-state-missing")
    );
    // Reset brings the default design back.
    h.state_mut().state.selection = Selection::DataStatus;
    h.run();
    h.get_by_label("Reset to the default design").click();
    h.run();
    assert!(h.state().state.project.data_status.is_default());
    assert!(
        !h.state()
            .state
            .diagnostics
            .iter()
            .any(|d| d.code.starts_with("data-status"))
    );
}

#[test]
fn the_saving_page_sets_how_long_loading_keeps_trying_and_the_messages() {
    let mut h = starter();
    h.get_by_label("💾 Saving").click();
    h.run();
    retype_input(&mut h, "Keep trying to load for", "90");
    assert_eq!(h.state().state.project.save_policy.load_window_seconds, 90);
    h.get_by_label_contains("for up to 1 min 30 s");
    retype_input(&mut h, "Keep trying to load for", "5");
    assert_eq!(h.state().state.project.save_policy.load_window_seconds, 5);
    assert!(
        h.query_all_by_label_contains("Loading gives up after 5 seconds")
            .count()
            >= 1
    );
    retype_input(&mut h, "Not saving", "Nothing is saved here. Rejoin later.");
    assert_eq!(
        h.state()
            .state
            .project
            .save_policy
            .messages
            .read_only_notice,
        "Nothing is saved here. Rejoin later."
    );
    retype_input(&mut h, "Loading", "Fetching your stuff...");
    assert_eq!(
        h.state().state.project.save_policy.messages.loading,
        "Fetching your stuff..."
    );
}
