//! The leaderboard editor's periods, kind of number, own row and tabs,
//! driven like a designer would in the real window.

use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use datastore_designer::project::{NumberKind, Period, Ranking};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn weekly_board() -> Harness<'static, DesignerApp> {
    let mut state = AppState::starter();
    state.selection = Selection::Leaderboard(1);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1000.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h
}

fn has_problem(h: &Harness<'_, DesignerApp>, code: &str) -> bool {
    h.state().state.diagnostics.iter().any(|d| d.code == code)
}

#[test]
fn periods_tabs_and_numbers_are_set_in_the_editor() {
    let mut h = weekly_board();
    let board = |h: &Harness<'_, DesignerApp>| h.state().state.project.leaderboards[1].clone();
    assert_eq!(board(&h).periods, [Period::Weekly]);
    assert_eq!(board(&h).ranks, Ranking::Earned);
    assert!(board(&h).you_row.is_some());

    h.get_by_label("Daily").click();
    h.run();
    assert_eq!(board(&h).periods, [Period::Daily, Period::Weekly]);
    assert!(has_problem(&h, "leaderboard-periods-no-tabs"));

    h.get_by_label("Tabs switch between periods").click();
    h.run();
    let tabs = board(&h).tabs.expect("tabs added");
    assert_eq!(tabs.goes_in, "WeeklyFrame/Tabs");
    assert!(
        board(&h).gui.find("WeeklyFrame/Tabs").is_some(),
        "a Tabs frame is made"
    );
    assert!(!has_problem(&h, "leaderboard-periods-no-tabs"));
    assert!(!has_problem(&h, "tabs-in-missing"));
    // The tab is designed like the row: it has its own part in the tree.
    h.get_by_label("One tab (copied for each period)");

    // The row's title and the drop-down share the name; the drop-down comes second.
    h.get_all_by_label("Kind of number").last().unwrap().click();
    h.run();
    h.get_by_label("Decimals (12.50)").click();
    h.run();
    assert_eq!(board(&h).number_kind, NumberKind::Decimal { places: 2 });

    h.get_by_label("Show it below the list").click();
    h.run();
    assert!(board(&h).you_row.is_none());

    // All time alone can't rank what was earned: the editor shows the problem.
    h.get_by_label("Daily").click();
    h.run();
    h.get_by_label("Weekly").click();
    h.run();
    h.get_by_label("All time").click();
    h.run();
    assert_eq!(board(&h).periods, [Period::AllTime]);
    assert!(has_problem(&h, "leaderboard-earned-all-time"));
}

/// The weekly board with a daily tab: the canvas shows the tabs, the time
/// left and the player's own row, and a tab selects the tab template.
#[test]
fn the_canvas_previews_tabs_and_a_tab_selects_its_template() {
    use datastore_designer::app::state::GuiPart;
    let mut h = weekly_board();
    h.get_by_label("Daily").click();
    h.run();
    h.get_by_label("Tabs switch between periods").click();
    h.run();
    h.remove_cursor();
    h.run();
    h.snapshot("canvas_period_tabs");

    let at = {
        let canvas = &h.state().canvas;
        let layout = canvas.layout.as_ref().expect("the canvas drew a layout");
        let tab = layout
            .get("WeeklyGUI/WeeklyFrame/Tabs/TabWeekly")
            .expect("the weekly tab is laid out");
        canvas.to_screen(tab.position.x + 4.0, tab.position.y + 4.0)
    };
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    h.drop_at(at);
    h.run();
    assert_eq!(
        h.state().state.selection,
        Selection::GuiNode(1, GuiPart::TabTemplate, vec![])
    );
}
