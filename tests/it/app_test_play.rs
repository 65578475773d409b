//! The Test play page, driven like a user would through egui_kittest on the
//! real app type.

use crate::app_common;

use app_common::retype;
use std::time::{Duration, Instant};

use datastore_designer::app::test_play::Finished;
use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use datastore_designer::project::budget::RequestType;
use datastore_designer::sim::scenario::{
    self, BudgetPeak, Event, EventKind, GiftCounts, KickGroup, PurchaseCounts, Report,
    RequestMinute, RunControl, Sample, Scenario, ScenarioError, Settings, Verdict,
};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const TREE_ENTRY: &str = "🎮 Test play";
const RUN: &str = "▶ Run";
const PASSED: &str = "✔ No data lost or duplicated";

fn harness(state: AppState, height: f32) -> Harness<'static, DesignerApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, height))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems))
}

/// The starter project with the Test play page open.
fn on_test_play() -> Harness<'static, DesignerApp> {
    let mut h = harness(AppState::starter(), 860.0);
    h.run();
    h.get_by_label(TREE_ENTRY).click();
    h.run();
    h
}

fn settings(h: &Harness<'_, DesignerApp>) -> Settings {
    h.state().test_play.settings.clone().expect("shown once")
}

fn run_is_enabled(h: &Harness<'_, DesignerApp>) -> bool {
    !h.get_by_label(RUN).accesskit_node().is_disabled()
}

fn event(time: f64, kind: EventKind, player: Option<i64>, text: &str) -> Event {
    Event {
        time,
        kind,
        server: Some(0),
        player,
        text: text.into(),
    }
}

/// A report as the engine would give for ten minutes of normal play.
fn sample_report(verdict: Verdict) -> Report {
    let minutes = 10u32;
    let requests_per_minute = (0..minutes)
        .map(|m| {
            let writes = if m == 0 { 2 } else { 14 + (m % 3) as usize * 4 };
            let reads = if m == 0 { 12 } else { 3 + (m % 2) as usize };
            RequestMinute {
                minute: m,
                sent: vec![
                    (RequestType::StandardRead, reads),
                    (RequestType::StandardWrite, writes),
                    (RequestType::OrderedWrite, 6),
                ],
                budget: vec![
                    (RequestType::StandardRead, 60.0 + 40.0 * 12.0),
                    (RequestType::StandardWrite, 60.0 + 40.0 * 12.0),
                    (RequestType::OrderedWrite, 30.0 + 5.0 * 12.0),
                ],
            }
        })
        .collect();
    // Scattered like real latencies, but the same every run.
    let mut noise = 7u32;
    let mut next = move || {
        noise = noise.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        f64::from(noise >> 16 & 0x7fff) / 32_768.0
    };
    let save_latency = (0..120)
        .map(|i| Sample {
            time: 20.0 + f64::from(i) * 4.8,
            seconds: 0.06 + next() * next() * 0.5,
        })
        .collect();
    let load_waits = (0..24)
        .map(|i| Sample {
            time: 2.0 + f64::from(i) * 24.0,
            seconds: if i % 7 == 3 {
                6.5
            } else {
                0.1 + f64::from(i % 5) * 0.05
            },
        })
        .collect();
    let mut events = Vec::new();
    for p in 0..12i64 {
        let player = 1000 + p;
        let t = p as f64 * 3.0;
        events.push(event(t, EventKind::Join, Some(player), "joined"));
        events.push(event(
            t + 0.4,
            EventKind::Load,
            Some(player),
            "data loaded in 0.3 s",
        ));
        events.push(event(
            t + 300.0,
            EventKind::Save,
            Some(player),
            "auto-saved (version 2)",
        ));
    }
    events.push(event(
        312.0,
        EventKind::Failure,
        Some(1003),
        "UpdateAsync failed: 502 internal error; retrying",
    ));
    events.push(event(
        420.0,
        EventKind::Kick,
        Some(1007),
        "kicked: \"Your data could not be loaded. Please rejoin.\"",
    ));
    events.push(event(599.0, EventKind::Leave, Some(1001), "left the game"));
    events.sort_by(|a, b| a.time.total_cmp(&b.time));
    Report {
        project: "Starter".into(),
        scenario: Scenario::NormalPlay,
        settings: Settings {
            players: 12,
            minutes: f64::from(minutes),
            failure_rate: 0.0,
            seed: 1,
        },
        verdict,
        requests_per_minute,
        save_latency,
        load_waits,
        events,
        notes: vec![
            "The field Coins was used as the progress counter.".into(),
            "Purchases were stored in the list Inventory.".into(),
        ],
        virtual_seconds: f64::from(minutes) * 60.0,
    }
}

fn clean_verdict() -> Verdict {
    Verdict {
        kicks: vec![KickGroup {
            message: "Your data could not be loaded. Please rejoin.".into(),
            players: 1,
        }],
        peak_budget: vec![
            BudgetPeak {
                request_type: RequestType::StandardWrite,
                requests: 22,
                budget: 540.0,
                fraction: 22.0 / 540.0,
            },
            BudgetPeak {
                request_type: RequestType::OrderedWrite,
                requests: 6,
                budget: 90.0,
                fraction: 6.0 / 90.0,
            },
        ],
        worst_unsaved_seconds: 61.5,
        sessions: 12,
        changes: 842,
        items_bought: 57,
        requests: 310,
        failed_requests: 1,
        saves: 120,
        ..Verdict::default()
    }
}

fn show(h: &mut Harness<'_, DesignerApp>, report: Report) {
    let generation = h.state().state.generation;
    h.state_mut().test_play.show_finished(Finished {
        scenario: report.scenario,
        settings: report.settings.clone(),
        tested_at: "12:03:10".into(),
        generation,
        result: Ok(report),
    });
    h.run();
}

/// Steps the window in real time until `done` or the time is up.
fn step_until(
    h: &mut Harness<'_, DesignerApp>,
    limit: Duration,
    done: impl Fn(&DesignerApp) -> bool,
) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < limit,
            "not done after {limit:?}; progress {:?}",
            h.state().test_play.last().map(|f| &f.result)
        );
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.run();
}

#[test]
fn the_page_opens_from_the_tree_with_the_scenario_defaults() {
    let h = on_test_play();
    assert_eq!(h.state().state.selection, Selection::TestPlay);
    let project = h.state().state.project.clone();
    assert_eq!(settings(&h), Scenario::NormalPlay.defaults(&project));
    h.get_by_label_contains(Scenario::NormalPlay.describe());
    assert!(run_is_enabled(&h));
    assert!(h.get_by_label("✖ Cancel").accesskit_node().is_disabled());
    assert!(!h.state().test_play.is_running());
}

#[test]
fn changing_the_scenario_resets_the_settings_to_its_defaults() {
    let mut h = on_test_play();
    retype(&mut h, "Number of players", "7");
    retype(&mut h, "Random seed", "42");
    assert_eq!(settings(&h).players, 7);
    assert_eq!(settings(&h).seed, 42);

    h.get_by_label("Pick a scenario").click();
    h.run();
    h.get_by_label(Scenario::Failures.title()).click();
    h.run();
    let project = h.state().state.project.clone();
    assert_eq!(h.state().test_play.scenario, Scenario::Failures);
    assert_eq!(settings(&h), Scenario::Failures.defaults(&project));
    assert!((settings(&h).failure_rate - 0.3).abs() < 1e-9);
    h.get_by_label_contains(Scenario::Failures.describe());

    // Defaults puts them back after a change too.
    retype(&mut h, "Number of players", "9");
    assert_eq!(settings(&h).players, 9);
    h.get_by_label("↺ Defaults").click();
    h.run();
    assert_eq!(settings(&h), Scenario::Failures.defaults(&project));
}

#[test]
fn an_invalid_setting_disables_run_and_says_why() {
    let mut h = on_test_play();
    retype(&mut h, "Number of players", "0");
    assert_eq!(settings(&h).players, 0);
    h.get_by_label_contains("The number of players must be between 1 and 200; it is 0.");
    assert!(!run_is_enabled(&h));
    h.get_by_label(RUN).click();
    h.run();
    assert!(!h.state().test_play.is_running());
    assert!(h.state().test_play.last().is_none());

    // Too short a game is refused the same way; a good value clears it.
    retype(&mut h, "Number of players", "3");
    retype(&mut h, "Length in minutes", "0.2");
    h.get_by_label_contains("The length must be between 0.5 and 240 minutes");
    assert!(!run_is_enabled(&h));
    retype(&mut h, "Length in minutes", "1");
    assert!(h.query_by_label_contains("must be between").is_none());
    assert!(run_is_enabled(&h));
}

#[test]
fn a_project_with_errors_cannot_be_test_played() {
    let mut project = datastore_designer::app::state::template("starter").unwrap();
    project.schema.fields[0].name = "end".into();
    let mut h = harness(AppState::new(project, None), 860.0);
    h.run();
    assert!(
        h.state()
            .state
            .diagnostics
            .iter()
            .any(|d| d.severity == datastore_designer::project::Severity::Error)
    );
    h.get_by_label(TREE_ENTRY).click();
    h.run();
    h.get_by_label_contains("Export (listed under Problems)");
    assert!(!run_is_enabled(&h));
}

#[test]
fn the_verdict_says_in_words_whether_data_was_lost() {
    let mut h = on_test_play();
    show(&mut h, sample_report(clean_verdict()));
    h.get_by_label(PASSED);
    h.get_by_label_contains("tested the project as it was at 12:03:10");
    h.get_by_label_contains("1 player saw: “Your data could not be loaded. Please rejoin.”");
    h.get_by_label_contains("writes of player data: 4 % (22 of 540 a minute)");
    h.get_by_label_contains("The field Coins was used as the progress counter.");
    h.get_by_label("📋 Copy report").click();
    h.step();
    let report = sample_report(clean_verdict());
    assert!(
        h.output()
            .platform_output
            .commands
            .contains(&egui::OutputCommand::CopyText(report.to_text())),
        "Copy report puts the report's text on the clipboard"
    );
    h.run();
    assert!(
        h.query_by_label_contains("The project has changed since")
            .is_none()
    );

    let lost = Verdict {
        saves_lost: 3,
        problems: vec!["Player 1003 went back to an older save at 05:12.".into()],
        ..clean_verdict()
    };
    show(&mut h, sample_report(lost));
    h.get_by_label("✖ Data was lost");
    assert!(h.query_by_label(PASSED).is_none());
    h.get_by_label_contains("Player 1003 went back to an older save");

    // Editing the project afterwards marks the report as about the old project.
    h.get_by_label("📋 Player data").click();
    h.run();
    h.get_by_label("➕ Add field").click();
    h.run();
    h.get_by_label(TREE_ENTRY).click();
    h.run();
    h.get_by_label_contains("The project has changed since");
}

#[test]
fn the_verdict_counts_purchases_and_gifts() {
    let mut h = on_test_play();
    let counted = Verdict {
        purchases: PurchaseCounts {
            bought: 9,
            deliveries: 30,
            granted_once: 7,
            pending: 2,
            ..PurchaseCounts::default()
        },
        gifts: GiftCounts {
            sent: 4,
            applied_once: 3,
            pending: 1,
            ..GiftCounts::default()
        },
        ..clean_verdict()
    };
    show(&mut h, sample_report(counted.clone()));
    h.get_by_label(PASSED);
    h.get_by_label("purchases granted once");
    h.get_by_label("charged and lost");
    h.get_by_label("gifts applied once");
    h.get_by_label_contains("Purchases: 9 bought, ProcessReceipt called 30 time(s): 7 granted exactly once, 2 still pending");
    h.get_by_label_contains("Gifts: 4 sent");

    let lost = Verdict {
        purchases: PurchaseCounts {
            charged_and_lost: 1,
            ..counted.purchases.clone()
        },
        problems: vec!["Player 4 paid for product 1000001 (receipt 0a1b2c3d): a server answered PurchaseGranted, but their stored data doesn't have it.".into()],
        ..counted
    };
    show(&mut h, sample_report(lost));
    h.get_by_label("✖ A purchase or gift was lost");
    h.get_by_label_contains("Player 4 paid for product 1000001");
}

#[test]
fn a_run_without_a_report_says_why_plainly() {
    let mut h = on_test_play();
    let settings = settings(&h);
    let finished = |result| Finished {
        scenario: Scenario::Outage,
        settings: settings.clone(),
        tested_at: "09:15:00".into(),
        generation: 0,
        result,
    };
    h.state_mut()
        .test_play
        .show_finished(finished(Err(ScenarioError::Cancelled)));
    h.run();
    h.get_by_label("Cancelled");
    h.get_by_label_contains("The DataStore outage test play started at 09:15:00 was stopped");
    assert!(h.query_by_label(PASSED).is_none());

    h.state_mut()
        .test_play
        .show_finished(finished(Err(ScenarioError::Emulator(
            "a script never yielded".into(),
        ))));
    h.run();
    h.get_by_label("The test play could not finish");
    h.get_by_label("The emulated Roblox server failed: a script never yielded");
}

#[test]
fn chips_and_search_narrow_the_event_log() {
    // Tall enough for the whole log table to be in view.
    let mut h = harness(AppState::starter(), 2400.0);
    h.run();
    h.get_by_label(TREE_ENTRY).click();
    h.run();
    show(&mut h, sample_report(clean_verdict()));
    h.get_by_label("Showing 39 of 39 events");

    // Turning off joins and loads leaves the saves and the rest, all in view.
    h.get_by_label("join (12)").click();
    h.run();
    h.get_by_label("load (12)").click();
    h.run();
    h.get_by_label("Showing 15 of 39 events");
    assert_eq!(h.query_all_by_label("auto-saved (version 2)").count(), 12);
    assert!(h.query_by_label("joined").is_none());

    h.get_by_label("save (12)").click();
    h.run();
    h.get_by_label("Showing 3 of 39 events");
    assert_eq!(h.query_all_by_label("auto-saved (version 2)").count(), 0);
    h.get_by_label("kicked: \"Your data could not be loaded. Please rejoin.\"");

    // Searching keeps only what matches, among the kinds shown.
    h.get_by_label("Search the event log").focus();
    h.run();
    h.get_by_label("Search the event log").type_text("1003");
    h.run();
    h.get_by_label("Showing 1 of 39 events");
    h.get_by_label("UpdateAsync failed: 502 internal error; retrying");
    assert!(h.query_by_label("left the game").is_none());

    // Saves back on: player 1003's save shows too.
    h.get_by_label("save (12)").click();
    h.run();
    h.get_by_label("Showing 2 of 39 events");
    h.get_by_label("auto-saved (version 2)");

    h.get_by_label("Search the event log").focus();
    h.run();
    h.get_by_label("Search the event log")
        .type_text(" nothing like this");
    h.run();
    h.get_by_label("No events match.");
}

#[test]
fn a_short_scenario_runs_to_its_verdict() {
    let mut h = on_test_play();
    retype(&mut h, "Number of players", "3");
    retype(&mut h, "Length in minutes", "1");
    h.get_by_label(RUN).click();
    h.run();
    assert!(h.state().test_play.is_running() || h.state().test_play.last().is_some());
    step_until(&mut h, Duration::from_secs(180), |app| {
        !app.test_play.is_running()
    });
    let finished = h.state().test_play.last().expect("a finished run");
    let report = finished.result.as_ref().expect("a report");
    assert_eq!(report.scenario, Scenario::NormalPlay);
    assert_eq!(report.settings.players, 3);
    let headlines = [
        PASSED,
        "✖ Data was lost",
        "✖ Data was duplicated",
        "✖ The exported scripts failed",
    ];
    let shown: Vec<&str> = headlines
        .into_iter()
        .filter(|l| h.query_by_label(l).is_some())
        .collect();
    let expected = if report.verdict.passed() {
        PASSED
    } else {
        "✖"
    };
    assert!(
        shown.len() == 1 && shown[0].starts_with(expected),
        "headlines shown: {shown:?}"
    );
    h.get_by_label_contains("tested the project as it was at");
    // The plots and the log show the run.
    h.get_by_label("Requests per minute");
    let events = report.events.len();
    h.get_by_label(&format!("Showing {events} of {events} events"));
    h.get_by_label("Show the budgets").scroll_to_me();
    h.run();
    h.get_by_label("Show the budgets").click();
    h.run();
    assert!(!h.state().test_play.budget_lines);
}

#[test]
fn cancel_stops_a_long_run() {
    let mut h = on_test_play();
    // As long a game as allowed, so it is still playing when Cancel comes.
    retype(&mut h, "Number of players", "200");
    retype(&mut h, "Length in minutes", "240");
    h.get_by_label(RUN).click();
    h.run();
    assert!(h.state().test_play.is_running());
    h.get_by_label_contains("Playing Normal play");

    // The project can be edited while it plays; the run goes on with its copy.
    h.get_by_label("📋 Player data").click();
    h.run();
    let fields = h.state().state.project.schema.fields.len();
    h.get_by_label("➕ Add field").click();
    h.run();
    assert_eq!(h.state().state.project.schema.fields.len(), fields + 1);
    assert!(h.state().test_play.is_running());
    h.get_by_label(TREE_ENTRY).click();
    h.run();

    assert!(
        h.state().test_play.is_running(),
        "still playing before Cancel"
    );
    h.get_by_label("✖ Cancel").click();
    h.run();
    step_until(&mut h, Duration::from_secs(60), |app| {
        !app.test_play.is_running()
    });
    h.get_by_label("Cancelled");
    assert!(matches!(
        h.state().test_play.last().map(|f| &f.result),
        Some(Err(
            datastore_designer::sim::scenario::ScenarioError::Cancelled
        ))
    ));
    assert!(run_is_enabled(&h));
}

#[test]
fn test_play_snapshot() {
    // Tall enough to show the log under the plots.
    let mut h = harness(AppState::starter(), 1900.0);
    h.run();
    h.get_by_label(TREE_ENTRY).click();
    h.run();
    // A real run, straight from the engine, so the picture shows what a
    // designer sees; the same seed gives the same report every time.
    let project = h.state().state.project.clone();
    let settings = Settings {
        players: 12,
        minutes: 10.0,
        ..Scenario::NormalPlay.defaults(&project)
    };
    let report = scenario::run(
        &project,
        Scenario::NormalPlay,
        &settings,
        &RunControl::new(),
    )
    .expect("the starter project plays");
    h.state_mut().test_play.settings = Some(settings);
    show(&mut h, report);
    h.remove_cursor();
    h.run();
    h.snapshot("test_play");
}
