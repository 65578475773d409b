//! Test play: every scenario against every example. The verdict must be clean
//! (no lost or duplicated data, no script errors), and each report's counts
//! must agree with the emulator's own request log.

use std::collections::BTreeMap;

use datastore_designer::project::budget::RequestType;
use datastore_designer::project::save_policy::LoadFailure;
use datastore_designer::project::{Project, examples, file};
use datastore_designer::sim::Outcome;
use datastore_designer::sim::World;
use datastore_designer::sim::scenario::{
    self, EventKind, Report, RunControl, Scenario, ScenarioError, Settings,
};

fn example(name: &str) -> Project {
    file::parse_str(examples::text(name).unwrap(), name).unwrap()
}

/// Short runs: the behaviour each scenario provokes shows within minutes.
fn settings(scenario: Scenario, project: &Project) -> Settings {
    let mut s = scenario.defaults(project);
    s.players = s.players.min(match scenario {
        Scenario::Throttling | Scenario::Shutdown => 20,
        _ => 8,
    });
    s.minutes = match scenario {
        Scenario::Outage | Scenario::ServerCrash | Scenario::HopHiccup | Scenario::LostMessages => {
            6.0
        }
        _ => 3.0,
    };
    s.seed = 7;
    s
}

fn run(project: &Project, scenario: Scenario) -> (Report, World) {
    let s = settings(scenario, project);
    scenario::run_keeping_world(project, scenario, &s, &RunControl::new())
        .unwrap_or_else(|e| panic!("{} on {}: {e}", scenario, project.name))
}

/// The report's numbers, recounted from the emulator's request log and events.
fn check_counts(report: &Report, world: &World) {
    let log = world.backend().log();
    let mut sent = 0;
    let mut failed = 0;
    let mut throttled = 0;
    let mut by_type: BTreeMap<RequestType, usize> = BTreeMap::new();
    for e in &log {
        match &e.outcome {
            Outcome::Cached => continue,
            Outcome::Queued => {
                throttled += 1;
                continue;
            }
            Outcome::Failed(m) if m.contains("throttled") => {
                failed += 1;
                throttled += 1;
                continue;
            }
            Outcome::Failed(_) => failed += 1,
            _ => {}
        }
        if e.request_types.is_empty() {
            continue; // the commit of an UpdateAsync: the same request
        }
        sent += 1;
        for t in &e.request_types {
            *by_type.entry(*t).or_default() += 1;
        }
    }
    let v = &report.verdict;
    assert_eq!(v.requests, sent, "requests sent");
    assert_eq!(v.failed_requests, failed, "failed requests");
    assert_eq!(v.throttled_requests, throttled, "throttled requests");
    let mut plotted: BTreeMap<RequestType, usize> = BTreeMap::new();
    for m in &report.requests_per_minute {
        for (t, n) in &m.sent {
            *plotted.entry(*t).or_default() += n;
        }
    }
    assert_eq!(plotted, by_type, "requests per minute add up to the log");
    let count = |k: EventKind| report.events.iter().filter(|e| e.kind == k).count();
    assert_eq!(v.saves, count(EventKind::Save), "saves against save events");
    assert_eq!(v.sessions, count(EventKind::Join), "sessions against joins");
    assert_eq!(
        v.players_kicked(),
        count(EventKind::Kick),
        "kicks against kick events"
    );
    assert!(report.events.windows(2).all(|w| w[0].time <= w[1].time));
    // Every receipt in Roblox's ledger is counted once, in one of the four outcomes.
    let p = &v.purchases;
    let receipts = world.receipts();
    assert_eq!(p.bought, receipts.len(), "receipts bought");
    assert_eq!(
        p.deliveries,
        receipts.iter().map(|r| r.deliveries.len()).sum::<usize>(),
        "receipt deliveries"
    );
    assert_eq!(
        p.granted_once + p.pending + p.granted_twice + p.charged_and_lost,
        p.bought,
        "every receipt has one outcome"
    );
    for p in &v.peak_budget {
        assert!(p.budget > 0.0 && p.requests > 0, "{p:?}");
    }
}

fn check_scenario(report: &Report, project: &Project) {
    let v = &report.verdict;
    let has = |text: &str| report.events.iter().any(|e| e.text.contains(text));
    assert!(v.sessions >= report.settings.players as usize);
    assert!(v.changes > 0, "the players changed nothing");
    match report.scenario {
        Scenario::ServerCrash => assert!(has("crashed")),
        Scenario::Outage => assert!(v.failed_requests > 0 && has("outage begins")),
        Scenario::Failures => assert!(v.failed_requests > 0),
        Scenario::RejoinStorm | Scenario::TwoServers => {
            assert!(
                v.sessions > 2 * report.settings.players as usize,
                "{}",
                v.sessions
            )
        }
        Scenario::Shutdown => assert!(has("shuts down with 20 players")),
        Scenario::Throttling => assert!(!v.peak_budget.is_empty()),
        Scenario::Migration => assert_eq!(
            v.migrated, report.settings.players as usize,
            "every returning player's old save came back ({})",
            project.name
        ),
        Scenario::NormalPlay => assert!(v.saves > 0),
        Scenario::HopHiccup => {
            assert!(has("can't reach the DataStore") && has("reaches the DataStore again"));
            assert!(v.failed_requests > 0);
            assert!(v.sessions > 2 * report.settings.players as usize);
        }
        Scenario::LostMessages => {
            assert!(has("loses 60 % of deliveries") && has("subscriptions fail"));
            assert!(v.sessions > 2 * report.settings.players as usize);
        }
        Scenario::LeaderboardWeek => {
            assert!(has("00:00 UTC: a new day"));
            assert_eq!(v.periods_wrong, 0);
        }
        Scenario::Purchases => {
            assert!(has("crashed"));
            if !project.products.is_empty() {
                assert!(
                    v.purchases.bought > 0 && has("bought "),
                    "nothing was bought"
                );
            }
            if !project.gifts.is_empty() {
                assert!(
                    v.gifts.sent + v.gifts.failed_to_send > 0,
                    "no gift was sent"
                );
            }
        }
    }
}

/// The scenarios the exported DataManager passes only with liveness that does
/// not depend on messages (issue 11): until then they lose progress to
/// take-overs, which their own tests below assert (ignored until it lands).
const NEEDS_LIVENESS: [Scenario; 2] = [Scenario::HopHiccup, Scenario::LostMessages];

fn every_scenario(example_name: &str) {
    let project = example(example_name);
    let mut failures = Vec::new();
    for scenario in Scenario::ALL {
        // A week of leaderboards has its own test below (it plays eight days, not minutes).
        if NEEDS_LIVENESS.contains(&scenario) || scenario == Scenario::LeaderboardWeek {
            continue;
        }
        let (report, world) = run(&project, scenario);
        if !report.verdict.passed() {
            failures.push(format!("{scenario}:\n{}", report.to_text()));
            continue;
        }
        check_counts(&report, &world);
        check_scenario(&report, &project);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn starter_survives_every_scenario() {
    every_scenario("starter");
}

#[test]
fn player_stats_survives_every_scenario() {
    every_scenario("player-stats");
}

#[test]
fn session_locking_survives_every_scenario() {
    every_scenario("session-locking");
}

#[test]
fn global_leaderboard_survives_every_scenario() {
    every_scenario("global-leaderboard");
}

#[test]
fn migration_survives_every_scenario() {
    every_scenario("migration");
}

fn liveness_scenarios(example_name: &str) {
    let project = example(example_name);
    let mut failures = Vec::new();
    for scenario in NEEDS_LIVENESS {
        let (report, world) = run(&project, scenario);
        if !report.verdict.passed() {
            failures.push(format!("{scenario}:\n{}", report.to_text()));
            continue;
        }
        check_counts(&report, &world);
        check_scenario(&report, &project);
        if scenario == Scenario::LostMessages {
            // The faults were there: subscriptions failed, and messages were lost whenever enough were
            // sent (the hand-off sends few: only when a joiner finds the lock still held).
            assert!(!world.bus().subscribe_failures().is_empty());
            assert!(world.bus().messages().len() < 5 || !world.bus().drops().is_empty());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn starter_survives_hops_during_hiccups_and_lost_messages() {
    liveness_scenarios("starter");
}

#[test]
fn player_stats_survives_hops_during_hiccups_and_lost_messages() {
    liveness_scenarios("player-stats");
}

#[test]
fn session_locking_survives_hops_during_hiccups_and_lost_messages() {
    liveness_scenarios("session-locking");
}

#[test]
fn global_leaderboard_survives_hops_during_hiccups_and_lost_messages() {
    liveness_scenarios("global-leaderboard");
}

#[test]
fn migration_survives_hops_during_hiccups_and_lost_messages() {
    liveness_scenarios("migration");
}

/// Lost messages cost no progress: the hand-off never takes a player's data from a server that is
/// still running (issue 11). The old runtime took the lock of a holder that didn't answer within 8 s,
/// and this run reported progress lost to take-overs.
#[test]
fn lost_messages_lose_no_progress_to_take_overs() {
    let project = example("starter");
    let (report, world) = run_with(
        &project,
        Scenario::LostMessages,
        &Scenario::LostMessages.defaults(&project),
    );
    let v = &report.verdict;
    assert!(v.passed(), "{}", report.to_text());
    assert_eq!(
        (v.progress_lost_to_takeovers, v.sessions_taken_over),
        (0, 0)
    );
    assert!(!world.bus().drops().is_empty());
    assert!(!world.bus().subscribe_failures().is_empty());
}

/// The take-over detector works: with a lock timeout barely longer than the auto-save interval, a
/// server whose DataStore path is down for minutes can't refresh its locks, another server takes a
/// player's data while the first still runs, and the verdict names the progress lost that way apart
/// from lost saves and crashes, and fails.
#[test]
fn a_tight_lock_timeout_during_a_hiccup_reports_progress_lost_to_a_take_over() {
    let mut project = example("starter");
    project.save_policy.auto_save_seconds = 60;
    project.save_policy.session_lock.timeout_seconds = 90;
    let mut s = Scenario::HopHiccup.defaults(&project);
    s.seed = 7;
    let (report, _) = run_with(&project, Scenario::HopHiccup, &s);
    let v = &report.verdict;
    assert!(!v.passed(), "{}", report.to_text());
    assert!(
        v.progress_lost_to_takeovers > 0 && v.sessions_taken_over > 0,
        "{}",
        report.to_text()
    );
    assert_eq!(v.changes_lost_in_crashes, 0);
    let text = report.to_text();
    assert!(
        text.contains("FAILED") && text.contains("lost to take-overs"),
        "{text}"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["verdict"]["progress_lost_to_takeovers"],
        v.progress_lost_to_takeovers
    );
}

/// Lost messages and failed subscriptions come from the seed too.
#[test]
fn lost_messages_are_the_same_for_the_same_seed() {
    let project = example("starter");
    let s = Scenario::LostMessages.defaults(&project);
    let a = scenario::run(&project, Scenario::LostMessages, &s, &RunControl::new()).unwrap();
    let b = scenario::run(&project, Scenario::LostMessages, &s, &RunControl::new()).unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert!(a.verdict.messaging.lost > 0 && a.verdict.messaging.failed_subscriptions > 0);
}

/// Players who play on defaults after a failed load (onLoadFailure
/// "ReadOnly") are counted and named: their progress is not kept.
#[test]
fn read_only_sessions_are_counted_and_said_plainly() {
    // An outage longer than the load window: loads that started in it give up and play read-only (30 %
    // failures no longer do: a load keeps trying for the whole window).
    let project = example("player-stats");
    assert_eq!(project.save_policy.on_load_failure, LoadFailure::ReadOnly);
    let (report, _) = run(&project, Scenario::Outage);
    let v = &report.verdict;
    let read_only_loads = report
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Load && e.text.contains("will not be saved"))
        .count();
    assert!(read_only_loads > 0, "{}", report.to_text());
    assert_eq!(v.read_only_sessions, read_only_loads);
    assert!(v.players_read_only >= 1 && v.players_read_only <= read_only_loads);
    let text = report.to_text();
    assert!(
        text.contains("played read-only: their progress was not kept"),
        "{text}"
    );
    assert!(v.summary().iter().any(|l| l.contains("played read-only")));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["verdict"]["read_only_sessions"], read_only_loads);
}

#[test]
fn the_same_seed_gives_the_same_report_and_another_seed_another() {
    let project = example("starter");
    let mut s = settings(Scenario::Failures, &project);
    let a = scenario::run(&project, Scenario::Failures, &s, &RunControl::new()).unwrap();
    let b = scenario::run(&project, Scenario::Failures, &s, &RunControl::new()).unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    s.seed += 1;
    let c = scenario::run(&project, Scenario::Failures, &s, &RunControl::new()).unwrap();
    assert_ne!(
        serde_json::to_string(&a.events).unwrap(),
        serde_json::to_string(&c.events).unwrap()
    );
}

#[test]
fn a_cancelled_run_stops_with_cancelled() {
    let project = example("starter");
    let control = RunControl::new();
    control.cancel();
    let s = settings(Scenario::NormalPlay, &project);
    assert_eq!(
        scenario::run(&project, Scenario::NormalPlay, &s, &control),
        Err(ScenarioError::Cancelled)
    );
}

#[test]
fn impossible_settings_and_broken_projects_are_refused_in_plain_words() {
    let project = example("starter");
    let mut s = settings(Scenario::NormalPlay, &project);
    s.players = 0;
    let e = scenario::run(&project, Scenario::NormalPlay, &s, &RunControl::new()).unwrap_err();
    assert!(e.to_string().contains("between 1 and 200"), "{e}");
    s.players = 3;
    s.failure_rate = 1.5;
    let e = scenario::run(&project, Scenario::NormalPlay, &s, &RunControl::new()).unwrap_err();
    assert!(e.to_string().contains("failure rate"), "{e}");
    s.failure_rate = 0.0;
    let mut broken = project.clone();
    broken.save_policy.datastore = String::new();
    let e = scenario::run(&broken, Scenario::NormalPlay, &s, &RunControl::new()).unwrap_err();
    assert!(matches!(e, ScenarioError::Project(_)), "{e}");
}

/// The verdict is not a rubber stamp: without session locking, two servers
/// that both hold a hopping player save over each other, and test play says so.
#[test]
fn without_session_locking_two_servers_lose_saves_and_the_verdict_says_so() {
    let mut project = example("starter");
    project.save_policy.session_lock.enabled = false;
    let mut s = settings(Scenario::TwoServers, &project);
    s.minutes = 5.0;
    // A slow DataStore widens the window in which both servers hold the player.
    s.failure_rate = 0.2;
    let (report, _) = run_with(&project, Scenario::TwoServers, &s);
    assert!(!report.verdict.passed(), "{}", report.to_text());
    assert!(report.verdict.saves_lost > 0);
    assert!(report.to_text().contains("FAILED"));
}

fn run_with(project: &Project, scenario: Scenario, s: &Settings) -> (Report, World) {
    scenario::run_keeping_world(project, scenario, s, &RunControl::new()).unwrap()
}

/// Publishing freezes the schema and starts the next version with nothing
/// changed: the export and test play stay on the published version, so the
/// old saves they migrate are those of the version before it.
#[test]
fn right_after_publishing_export_and_test_play_stay_on_the_published_version() {
    use datastore_designer::export;
    use datastore_designer::project::migration;
    let mut project = example("migration");
    let last = project.history.last().map(|h| h.schema.clone());
    let steps = migration::propose(last.as_ref(), &project.schema);
    migration::publish(&mut project, &steps);
    assert_eq!(project.schema.version, 3);
    let (plan, _) = export::plan(&project).unwrap();
    let config = plan
        .files
        .iter()
        .find(|(path, _)| path.ends_with("DataManager/Config.luau"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap();
    assert!(config.contains("Config.schemaVersion = 2"), "{config}");
    let (report, _) = run(&project, Scenario::Migration);
    assert!(report.verdict.passed(), "{}", report.to_text());
    assert_eq!(report.verdict.migrated, report.settings.players as usize);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("saves of version 1")),
        "{:?}",
        report.notes
    );
}

/// A shop script of the game's own that answers PurchaseGranted before
/// anything is saved (set after DataManager:Start, so it replaces the export's).
const CARELESS_SHOP: &str = r#"
task.wait(1)
game:GetService("MarketplaceService").ProcessReceipt = function(receiptInfo)
    return Enum.ProductPurchaseDecision.PurchaseGranted
end
"#;

fn purchases_settings(project: &Project) -> Settings {
    let mut s = Scenario::Purchases.defaults(project);
    s.players = 8;
    s.minutes = 4.0;
    s.seed = 3;
    s
}

/// Runs the Purchases scenario on the starter example with a game script of
/// its own beside the export.
fn purchases_with_script(name: &str, source: &str) -> (Report, World) {
    let project = example("starter");
    let scripts = [(name.to_string(), source.to_string())];
    scenario::run_with_game_scripts(
        &project,
        Scenario::Purchases,
        &purchases_settings(&project),
        &RunControl::new(),
        &scripts,
    )
    .unwrap()
}

#[test]
fn a_process_receipt_that_grants_before_saving_fails_the_purchases_verdict() {
    let (report, world) = purchases_with_script("CarelessShop", CARELESS_SHOP);
    let p = &report.verdict.purchases;
    assert!(p.bought > 0);
    assert!(p.charged_and_lost > 0, "{}", report.to_text());
    assert!(!report.verdict.passed());
    let text = report.to_text();
    assert!(text.contains("charged and lost"), "{text}");
    assert!(text.contains("They were charged and got nothing"), "{text}");
    check_counts(&report, &world);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["verdict"]["purchases"]["charged_and_lost"],
        serde_json::json!(p.charged_and_lost)
    );
}

#[test]
fn the_purchases_scenario_says_plainly_when_there_is_nothing_to_sell() {
    let mut project = example("starter");
    project.products.clear();
    project.gifts.clear();
    let s = purchases_settings(&project);
    let (report, world) = run_with(&project, Scenario::Purchases, &s);
    assert_eq!(report.verdict.purchases.bought, 0);
    assert!(world.receipts().is_empty());
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("sells no developer products")),
        "{:?}",
        report.notes
    );
    assert!(report.notes.iter().any(|n| n.contains("defines no gifts")));
}

#[test]
fn the_export_grants_every_purchase_and_gift_exactly_once_across_a_crash_and_hops() {
    let project = example("starter");
    for seed in [3, 11] {
        let s = Settings {
            seed,
            ..purchases_settings(&project)
        };
        let (report, world) = run_with(&project, Scenario::Purchases, &s);
        let v = &report.verdict;
        assert!(v.passed(), "seed {seed}:\n{}", report.to_text());
        let p = &v.purchases;
        assert!(p.bought > 0 && p.granted_once > 0, "{p:?}");
        assert_eq!((p.granted_twice, p.charged_and_lost), (0, 0));
        assert_eq!(v.grant_totals_wrong, 0);
        assert!(v.gifts.applied_once > 0, "{:?}", v.gifts);
        assert_eq!((v.gifts.applied_twice, v.gifts.lost), (0, 0));
        // Receipts whose call died in the crash were delivered again and granted elsewhere.
        let receipts = world.receipts();
        let across_crash = receipts.iter().filter(|r| {
            r.deliveries
                .iter()
                .any(|d| d.outcome == datastore_designer::sim::ReceiptOutcome::ServerGone)
        });
        assert!(
            across_crash.clone().count() > 0,
            "seed {seed}: no receipt was cut off by the crash"
        );
        for r in across_crash {
            let last = r.deliveries.last().unwrap();
            assert_ne!(last.server, r.deliveries[0].server, "{r:?}");
        }
        check_counts(&report, &world);
    }
}

#[test]
fn a_bonus_written_into_a_field_products_grant_into_shows_as_totals_that_dont_add_up() {
    // A game script of the designer's own gives 5 Gems at every load: Gems
    // then hold more than the purchases stored grant, which is how a
    // purchase granted twice would look.
    let bonus = r#"
local DM = require(game:GetService("ServerScriptService").DataManager)
DM.Loaded:Connect(function(player, data)
    DM:SetData(player, "Gems", (data.Gems or 0) + 5)
end)
"#;
    let (report, _) = purchases_with_script("LoginBonus", bonus);
    let v = &report.verdict;
    assert!(v.grant_totals_wrong > 0, "{}", report.to_text());
    assert!(!v.passed());
    assert!(
        v.problems
            .iter()
            .any(|p| p.contains("doesn't add up") && p.contains("Gems is")),
        "{:?}",
        v.problems
    );
    assert!(
        report
            .to_text()
            .contains("whose granted fields don't add up")
    );
}

#[test]
fn a_week_of_leaderboards_rolls_the_starters_weekly_board_over() {
    let project = example("starter");
    let mut settings = Scenario::LeaderboardWeek.defaults(&project);
    settings.players = 3;
    settings.minutes = 10.0;
    let (report, world) = datastore_designer::sim::scenario::run_keeping_world(
        &project,
        Scenario::LeaderboardWeek,
        &settings,
        &RunControl::new(),
    )
    .unwrap();
    let text = report.to_text();
    assert!(report.verdict.passed(), "{text}");
    check_scenario(&report, &project);
    // Three weeks seen (the one of the start, and from Mondays 2026-01-05 and 2026-01-12), each with scores.
    assert!(
        text.contains("WeeklyCoins (Weekly, what was earned): 3 periods passed, 3 with scores"),
        "{text}"
    );
    assert_eq!(world.server(0).errors().len(), 0);
    // No board without periods: nothing to roll over, said plainly.
    let plain = example("global-leaderboard");
    let (report, _) = datastore_designer::sim::scenario::run_keeping_world(
        &plain,
        Scenario::LeaderboardWeek,
        &Scenario::LeaderboardWeek.defaults(&plain),
        &RunControl::new(),
    )
    .unwrap();
    assert!(report.verdict.passed());
    assert!(report.to_text().contains("nothing rolls over"));
}
