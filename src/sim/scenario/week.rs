//! The "leaderboard week" test play: the virtual clock runs for eight days
//! from a Sunday evening (UTC), players come back every day and earn, and
//! the daily, weekly and monthly boards must roll over: each period kept
//! under its own scope, nothing written to a period after it ended, and what
//! was earned never counted twice.
//!
//! Unlike the other scenarios it doesn't play tick by tick (a week of ticks
//! would take hours): the world advances from one arrival or departure to
//! the next, and the exported code runs everything in between as it would.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{
    BudgetPeak, Event, EventKind, Report, RunControl, Scenario, ScenarioError, Settings, Verdict,
};
use crate::project::budget::RequestType;
use crate::project::periods::{self, Period};
use crate::project::{Leaderboard, Project, Ranking};
use crate::sim::{ServerConfig, StoreId, World, WorldConfig};

/// Sunday 2026-01-04 20:00 UTC: the first day ends four hours in, the first
/// week (weeks starting on Monday) the same night.
const START_UNIX: i64 = 1_767_556_800;
const DAY: f64 = 86_400.0;
/// Eight days: every daily board rolls over eight times, a Monday week twice.
const LENGTH: f64 = 8.0 * DAY;
/// How long the server gets to save after the last player of a day leaves.
const SETTLE: f64 = 120.0;

/// One board's ranking of one period kind.
struct Ranked<'a> {
    board: &'a Leaderboard,
    period: Period,
}

/// A stay of a player: joins at `at` (seconds from the start) for `seconds`.
struct Visit {
    player: i64,
    at: f64,
    seconds: f64,
}

pub(super) fn run(
    project: &Project,
    settings: &Settings,
    control: &RunControl,
    export: &Path,
) -> Result<(Report, World), ScenarioError> {
    let ranked: Vec<Ranked<'_>> = project
        .leaderboards
        .iter()
        .flat_map(|board| {
            board
                .periods
                .iter()
                .filter(|p| **p != Period::AllTime)
                .map(move |&period| Ranked { board, period })
        })
        .collect();
    let mut notes = Vec::new();
    let mut world = World::new(WorldConfig {
        seed: settings.seed,
        start_unix: START_UNIX as f64,
        ..WorldConfig::default()
    });
    if ranked.is_empty() {
        notes.push(
            "No leaderboard of this project is daily, weekly or monthly, so nothing rolls over: give a leaderboard a period (in its settings) to test it."
                .into(),
        );
        return Ok((
            report(
                project,
                settings,
                Verdict::default(),
                Vec::new(),
                notes,
                0.0,
            ),
            world,
        ));
    }
    let stats: BTreeSet<&str> = ranked.iter().map(|r| r.board.stat.as_str()).collect();
    let server = world
        .add_server(ServerConfig::default())
        .map_err(emulator)?;
    world
        .server(server)
        .load_rojo_project(export)
        .map_err(emulator)?;

    // Every player comes every day for the set minutes at a time of their own; player 1 always plays across
    // midnight, so a period ends while they are in the game.
    let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
    let stay = (settings.minutes * 60.0).clamp(60.0, 4.0 * 3600.0);
    let mut visits = Vec::new();
    for day in 0..8 {
        for player in 1..=i64::from(settings.players) {
            let midnight = 4.0 * 3600.0 + f64::from(day) * DAY;
            let at = if player == 1 {
                midnight - stay / 2.0
            } else {
                f64::from(day) * DAY + rng.random_range(0.0..(DAY - stay - SETTLE))
            };
            if at >= 0.0 && at + stay < LENGTH {
                visits.push(Visit {
                    player,
                    at,
                    seconds: stay,
                });
            }
        }
    }
    visits.sort_by(|a, b| a.at.total_cmp(&b.at));

    let mut events = Vec::new();
    let mut verdict = Verdict::default();
    // Each player's stat values as the game set them: the first and the last.
    let mut first: BTreeMap<(i64, &str), f64> = BTreeMap::new();
    let mut last: BTreeMap<(i64, &str), f64> = BTreeMap::new();
    let mut next_period_note = 0.0;
    for visit in &visits {
        if control.is_cancelled() {
            return Err(ScenarioError::Cancelled);
        }
        control.set_progress((visit.at / LENGTH * 0.95) as f32);
        advance_to(&mut world, visit.at, &mut next_period_note, &mut events);
        let s = world.server(server);
        let name = format!("Player{}", visit.player);
        s.join(visit.player, &name).map_err(emulator)?;
        verdict.sessions += 1;
        events.push(event(
            visit.at,
            EventKind::Join,
            Some(visit.player),
            format!("{name} joins for {}.", minutes(visit.seconds)),
        ));
        // Earn once a minute while in the game.
        let mut t = visit.at + 10.0;
        while t < visit.at + visit.seconds {
            advance_to(&mut world, t, &mut next_period_note, &mut events);
            for stat in &stats {
                let amount = rng.random_range(1..=10);
                let code = format!(
                    "local DM = require(game:GetService(\"ServerScriptService\").DataManager)\n\
                     local p = game:GetService(\"Players\"):GetPlayerByUserId({id})\n\
                     local d = p and DM:GetData(p)\n\
                     if d == nil or type(d[\"{stat}\"]) ~= \"number\" then return nil end\n\
                     local was = d[\"{stat}\"]\n\
                     if DM:SetData(p, \"{stat}\", was + {amount}) then return was + {amount}, was end\n\
                     return nil",
                    id = visit.player,
                );
                let (now_value, was): (Option<f64>, Option<f64>) =
                    world.server(server).eval(&code).map_err(emulator)?;
                if let (Some(value), Some(was)) = (now_value, was) {
                    first.entry((visit.player, stat)).or_insert(was);
                    last.insert((visit.player, stat), value);
                    verdict.changes += 1;
                }
            }
            t += 60.0;
        }
        advance_to(
            &mut world,
            visit.at + visit.seconds,
            &mut next_period_note,
            &mut events,
        );
        world.server(server).leave(visit.player).map_err(emulator)?;
        events.push(event(
            visit.at + visit.seconds,
            EventKind::Leave,
            Some(visit.player),
            format!("{name} leaves."),
        ));
    }
    let end = (visits.last().map_or(0.0, |v| v.at + v.seconds) + SETTLE).max(LENGTH);
    advance_to(&mut world, end, &mut next_period_note, &mut events);

    let errors = world.server(server).errors();
    verdict.script_errors = errors.len();
    for e in errors.iter().take(5) {
        verdict.problems.push(format!("A script error: {}", e.text));
    }
    check_periods(&world, &ranked, &first, &last, &mut verdict, &mut notes);
    notes.push(format!(
        "The clock started on Sunday 2026-01-04 at 20:00 UTC and ran {} ({} arrivals); every player came back each day for {} and earned every minute; player 1 always played across midnight UTC.",
        clock_days(end),
        visits.len(),
        minutes(stay)
    ));
    count_requests(&world, project, settings, &mut verdict);
    control.set_progress(1.0);
    Ok((
        report(project, settings, verdict, events, notes, end),
        world,
    ))
}

/// Requests, saves and the busiest minute of each request type, from the
/// emulator's log.
fn count_requests(world: &World, project: &Project, settings: &Settings, verdict: &mut Verdict) {
    let log = world.backend().log();
    let mut per_minute: BTreeMap<(RequestType, u64), usize> = BTreeMap::new();
    let mut record_updates: usize = 0;
    for e in &log {
        // As the other scenarios count them: an UpdateAsync's commit is the same request.
        if e.request_types.is_empty() {
            continue;
        }
        verdict.requests += 1;
        if e.store == project.save_policy.datastore && e.method == "UpdateAsync" {
            record_updates += 1;
        }
        for t in &e.request_types {
            *per_minute.entry((*t, (e.time / 60.0) as u64)).or_default() += 1;
        }
    }
    // Each session loads once with an UpdateAsync; the rest are saves.
    verdict.saves = record_updates.saturating_sub(verdict.sessions);
    for request_type in RequestType::ALL {
        let busiest = per_minute
            .iter()
            .filter(|((t, _), _)| *t == request_type)
            .map(|(_, n)| *n)
            .max();
        if let Some(requests) = busiest {
            let budget = request_type.per_minute(settings.players);
            verdict.peak_budget.push(BudgetPeak {
                request_type,
                requests,
                budget,
                fraction: requests as f64 / budget,
            });
        }
    }
}

/// Runs the world to `t`, logging each midnight UTC it passes.
fn advance_to(world: &mut World, t: f64, next_note: &mut f64, events: &mut Vec<Event>) {
    while world.now() < t {
        let step = (t - world.now()).min(3600.0);
        world.advance(step);
        let unix = START_UNIX as f64 + world.now();
        let midnight = (unix / DAY).floor() * DAY - START_UNIX as f64;
        if midnight > *next_note && midnight <= world.now() {
            *next_note = midnight;
            let date = periods::window(
                Period::Daily,
                Default::default(),
                START_UNIX + midnight as i64,
            );
            let scope = date.scope.unwrap_or_default();
            events.push(event(
                midnight,
                EventKind::Server,
                None,
                format!(
                    "00:00 UTC: a new day ({}), daily boards start again.",
                    scope.trim_start_matches("Daily_")
                ),
            ));
        }
    }
}

/// Each period seen: its scope holds the right players, nothing was written
/// after it ended, and what was earned adds up.
fn check_periods(
    world: &World,
    ranked: &[Ranked<'_>],
    first: &BTreeMap<(i64, &str), f64>,
    last: &BTreeMap<(i64, &str), f64>,
    verdict: &mut Verdict,
    notes: &mut Vec<String>,
) {
    let contents = world.backend().contents();
    let log = world.backend().log();
    let mut wrong = 0;
    for r in ranked {
        let board = r.board;
        let kind = board.number_kind;
        // Every window from the start to the end of the run.
        let mut windows = Vec::new();
        let mut t = START_UNIX;
        while (t as f64) < START_UNIX as f64 + world.now() {
            let w = periods::window(r.period, board.week_starts, t);
            let Some(ends) = w.ends else { break };
            windows.push(w.clone());
            t = ends;
        }
        let mut earned_sum: BTreeMap<i64, f64> = BTreeMap::new();
        let mut with_entries = 0;
        for w in &windows {
            let scope = w.scope.clone().unwrap_or_default();
            let id = StoreId {
                name: board.ordered_datastore.clone(),
                scope: scope.clone(),
                ordered: true,
            };
            let entries = contents.ordered.get(&id).cloned().unwrap_or_default();
            if !entries.is_empty() {
                with_entries += 1;
            }
            for (key, stored) in &entries {
                let Ok(player) = key.parse::<i64>() else {
                    continue;
                };
                let value = kind.decode(*stored);
                let start = first
                    .get(&(player, board.stat.as_str()))
                    .copied()
                    .unwrap_or(0.0);
                let end = last
                    .get(&(player, board.stat.as_str()))
                    .copied()
                    .unwrap_or(start);
                let allowed = match board.ranks {
                    Ranking::Total => end,
                    Ranking::Earned => end - start,
                };
                if value > allowed + 1e-6 {
                    wrong += 1;
                    verdict.problems.push(format!(
                        "{} ({}, {scope}) ranks player {player} with {value}, more than they ever had ({allowed}).",
                        board.name,
                        r.period.name()
                    ));
                }
                if board.ranks == Ranking::Earned {
                    *earned_sum.entry(player).or_insert(0.0) += value;
                }
            }
            // Nothing may be written to a period after it ended.
            let ends = w.ends.unwrap_or(i64::MAX) as f64 - START_UNIX as f64;
            let late = log
                .iter()
                .filter(|e| e.ordered && e.store == board.ordered_datastore && e.scope == scope)
                .filter(|e| e.method == "SetAsync" && e.time >= ends + 1.0)
                .count();
            if late > 0 {
                wrong += 1;
                verdict.problems.push(format!(
                    "{} ({}) wrote {late} score(s) to {scope} after that period ended.",
                    board.name,
                    r.period.name()
                ));
            }
        }
        if board.ranks == Ranking::Earned {
            for (player, sum) in &earned_sum {
                let start = first
                    .get(&(*player, board.stat.as_str()))
                    .copied()
                    .unwrap_or(0.0);
                let end = last
                    .get(&(*player, board.stat.as_str()))
                    .copied()
                    .unwrap_or(start);
                if *sum > end - start + 1e-6 {
                    wrong += 1;
                    verdict.problems.push(format!(
                        "{}: player {player} earned {} in all, but their {} only grew by {} (counted twice).",
                        board.name,
                        sum,
                        board.stat,
                        end - start
                    ));
                }
            }
        }
        if windows.len() > 1 && with_entries < 2 {
            wrong += 1;
            verdict.problems.push(format!(
                "{} ({}) never started again: {} periods passed but {} held scores.",
                board.name,
                r.period.name(),
                windows.len(),
                with_entries
            ));
        }
        let names: Vec<String> = windows.iter().filter_map(|w| w.scope.clone()).collect();
        notes.push(format!(
            "{} ({}, {}): {} periods passed, {} with scores, each under its own scope ({} to {}).",
            board.name,
            r.period.name(),
            match board.ranks {
                Ranking::Total => "the stat as it is",
                Ranking::Earned => "what was earned",
            },
            windows.len(),
            with_entries,
            names.first().map_or("", String::as_str),
            names.last().map_or("", String::as_str),
        ));
        if board.ranks == Ranking::Earned {
            notes.push(format!(
                "{} counts what a player earns from the value their first save of each period stored: earnings not yet saved when a period ends count in the next one, never in both.",
                board.name
            ));
        }
    }
    verdict.periods_wrong = wrong;
}

fn report(
    project: &Project,
    settings: &Settings,
    verdict: Verdict,
    events: Vec<Event>,
    notes: Vec<String>,
    seconds: f64,
) -> Report {
    Report {
        project: project.name.clone(),
        scenario: Scenario::LeaderboardWeek,
        settings: settings.clone(),
        verdict,
        requests_per_minute: Vec::new(),
        save_latency: Vec::new(),
        load_waits: Vec::new(),
        events,
        notes,
        virtual_seconds: seconds,
    }
}

fn event(time: f64, kind: EventKind, player: Option<i64>, text: String) -> Event {
    Event {
        time,
        kind,
        server: Some(0),
        player,
        text,
    }
}

fn minutes(seconds: f64) -> String {
    format!("{:.0} minutes", seconds / 60.0)
}

fn clock_days(seconds: f64) -> String {
    let days = (seconds / DAY).floor();
    let rest = (seconds - days * DAY).max(0.0);
    format!(
        "{days:.0} days {:.0} h {:.0} min",
        (rest / 3600.0).floor(),
        (rest % 3600.0 / 60.0).floor()
    )
}

fn emulator(e: impl ToString) -> ScenarioError {
    ScenarioError::Emulator(e.to_string())
}
