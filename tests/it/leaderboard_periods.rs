//! Daily, weekly and "earned" leaderboards in the emulated server farm: the
//! virtual clock passes more than a week, the boards roll over at 00:00 UTC,
//! each period keeps its scores under its own scope, and what was earned
//! counts from the value kept in the player's record.

use crate::common::{Game, example};
use datastore_designer::project::{Period, Ranking, YouRow};
use datastore_designer::sim::{Outcome, StoreId};
use serde_json::json;

/// A board's scores under one scope ("global" for all time).
fn scores(g: &Game, store: &str, scope: &str) -> Vec<(String, i64)> {
    let id = StoreId {
        name: store.into(),
        scope: scope.into(),
        ordered: true,
    };
    g.world
        .backend()
        .contents()
        .ordered
        .get(&id)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), *v)).collect())
        .unwrap_or_default()
}

const DAY: f64 = 86_400.0;

#[test]
fn boards_roll_over_daily_and_weekly_and_count_what_was_earned() {
    let mut project = example("starter");
    project.leaderboards.truncate(1);
    // The world starts on Thursday 2026-01-01 00:00 UTC; weeks start on Monday.
    let total = &mut project.leaderboards[0];
    total.periods = vec![Period::AllTime, Period::Daily, Period::Weekly];
    total.update_seconds = 600;
    let mut earned = project.leaderboards[0].clone();
    earned.name = "EarnedThisWeek".into();
    earned.ordered_datastore = "CoinsEarnedWeekly".into();
    earned.periods = vec![Period::Weekly];
    earned.ranks = Ranking::Earned;
    earned.you_row = Some(YouRow::default());
    project.leaderboards.push(earned);

    let mut g = Game::new(&project);
    let s = g.server();
    g.world.server(s).join(1, "alice").unwrap();
    g.world.server(s).join(2, "bob").unwrap();
    g.world.advance(5.0);
    assert!(g.set_coins(s, 1, 100));
    assert!(g.set_coins(s, 2, 50));
    g.run(s, "DM:Save(P(1)) DM:Save(P(2))");
    // First round with the players: totals written; the earned board takes the start of the week (100 and
    // 50) and saves it before counting anything.
    g.world.advance(1300.0);
    assert_eq!(
        scores(&g, "CoinsLeaderboard", "global"),
        [("1".into(), 100), ("2".into(), 50)]
    );
    assert_eq!(
        scores(&g, "CoinsLeaderboard", "Daily_2026-01-01"),
        [("1".into(), 100), ("2".into(), 50)]
    );
    assert_eq!(
        scores(&g, "CoinsLeaderboard", "Weekly_2025-12-29"),
        [("1".into(), 100), ("2".into(), 50)]
    );
    let record = g.record("PlayerData_v2", 1).unwrap();
    assert_eq!(
        record["meta"]["periodStarts"],
        json!({ "EarnedThisWeek@Weekly_2025-12-29": 100 })
    );
    assert!(
        scores(&g, "CoinsEarnedWeekly", "Weekly_2025-12-29").is_empty(),
        "nothing earned yet"
    );

    assert!(g.set_coins(s, 1, 130));
    g.run(s, "DM:Save(P(1))");
    g.world.advance(700.0);
    assert_eq!(
        scores(&g, "CoinsEarnedWeekly", "Weekly_2025-12-29"),
        [("1".into(), 30)]
    );
    let top: Vec<String> = g.eval(
        s,
        r#"local out = {}
        for _, e in DM:GetLeaderboard("EarnedThisWeek") do table.insert(out, e.name .. " " .. e.value) end
        return out"#,
    );
    assert_eq!(top, ["alice 30"]);

    // Friday: a new day, the same week. An all-time hero who doesn't play this week.
    g.world.set_user_name(99, "hero");
    g.world
        .backend()
        .put_ordered("CoinsLeaderboard", "global", "99", 9999);
    g.world.advance(DAY);
    assert_eq!(
        scores(&g, "CoinsLeaderboard", "Daily_2026-01-02"),
        [("1".into(), 130), ("2".into(), 50)]
    );
    assert_eq!(
        scores(&g, "CoinsLeaderboard", "Daily_2026-01-01").len(),
        2,
        "yesterday's list is kept"
    );
    let daily: Vec<String> = g.eval(
        s,
        r#"local out = {}
        for _, e in DM:GetLeaderboard("TopCoins", "Daily") do table.insert(out, e.name .. " " .. e.value) end
        return out"#,
    );
    assert_eq!(daily, ["alice 130", "bob 50"]);
    let all_time: Vec<String> = g.eval(
        s,
        r#"local out = {}
        for _, e in DM:GetLeaderboard("TopCoins") do table.insert(out, e.name .. " " .. e.value) end
        return out"#,
    );
    assert_eq!(
        all_time,
        ["hero 9999", "alice 130", "bob 50"],
        "the first period: all time"
    );

    // On to Monday 2026-01-05 and past it: a new week. The earned board starts again from 130.
    g.world.advance(3.0 * DAY);
    assert!(g.set_coins(s, 1, 170));
    assert!(g.set_coins(s, 2, 60));
    g.run(s, "DM:Save(P(1)) DM:Save(P(2))");
    g.world.advance(1300.0);
    let record = g.record("PlayerData_v2", 1).unwrap();
    assert_eq!(
        record["meta"]["periodStarts"],
        json!({ "EarnedThisWeek@Weekly_2026-01-05": 130 }),
        "last week's start is dropped"
    );
    assert_eq!(
        scores(&g, "CoinsEarnedWeekly", "Weekly_2026-01-05"),
        [("1".into(), 40), ("2".into(), 10)]
    );
    assert_eq!(
        scores(&g, "CoinsEarnedWeekly", "Weekly_2025-12-29"),
        [("1".into(), 30)],
        "last week unchanged"
    );
    assert_eq!(
        scores(&g, "CoinsLeaderboard", "Weekly_2026-01-05"),
        [("1".into(), 170), ("2".into(), 60)]
    );

    // A whole week later the weekly lists start again.
    g.world.advance(7.0 * DAY);
    let (weekly, ends): (usize, f64) = g.eval(
        s,
        r#"return #DM:GetLeaderboard("TopCoins", "Weekly"), os.time()"#,
    );
    assert!(
        scores(&g, "CoinsLeaderboard", "Weekly_2026-01-12").len() == 2,
        "written again in the new week"
    );
    assert_eq!(weekly, 2);
    assert!(ends > 1_768_176_000.0); // past Monday 2026-01-12 00:00 UTC
    g.assert_no_errors(s);
}

/// Times at which a write of a player's record was committed.
fn record_commits(g: &Game, store: &str, key: &str) -> Vec<f64> {
    g.world
        .backend()
        .log()
        .into_iter()
        .filter(|e| {
            e.method == "UpdateAsync:commit"
                && e.outcome == Outcome::Ok
                && e.store == store
                && e.key.as_deref() == Some(key)
        })
        .map(|e| e.time)
        .collect()
}

#[test]
fn a_day_that_begins_during_play_is_saved_within_half_an_interval() {
    let mut project = example("starter");
    project.leaderboards.truncate(1);
    project.save_policy.backups.count = 0;
    let board = &mut project.leaderboards[0];
    board.periods = vec![Period::Daily];
    board.ranks = Ranking::Earned;
    board.update_seconds = 60;
    let store = project.save_policy.datastore.clone();
    let mut g = Game::new(&project);
    let s = g.server();
    g.world.server(s).join(1, "alice").unwrap();
    g.world.advance(5.0);
    assert!(g.set_coins(s, 1, 100));
    // The world starts on Thursday 2026-01-01 00:00 UTC: Friday begins a day later, while alice plays.
    let rollover = DAY;
    g.world.advance(rollover + 2.0 - g.world.now());
    assert!(g.set_coins(s, 1, 130));
    g.world.advance(400.0);
    g.assert_no_errors(s);

    let commits = record_commits(&g, &store, "Player_1");
    let before: Vec<f64> = commits.iter().copied().filter(|t| *t < rollover).collect();
    let [.., previous_but_one, previous] = before[..] else {
        panic!("auto-saves during the day: {commits:?}");
    };
    let interval = previous - previous_but_one;
    let next = commits
        .iter()
        .copied()
        .find(|t| *t > rollover)
        .expect("a save after the new day began");
    // The new day's start counts only once saved, so that save comes soon rather than a whole auto-save
    // interval after the last one; but no sooner than half an interval after it.
    assert!(
        next <= (rollover + 1.0).max(previous + interval / 2.0) + 3.0,
        "saved at {next}, the last save was at {previous}, every {interval} s"
    );
    assert!(next - previous >= interval / 2.0 - 1.0, "{commits:?}");
    let record = g.record(&store, 1).unwrap();
    assert_eq!(
        record["meta"]["periodStarts"],
        json!({ "TopCoins@Daily_2026-01-02": 100 })
    );
    assert_eq!(
        scores(&g, "CoinsLeaderboard", "Daily_2026-01-02"),
        [("1".into(), 30)],
        "what was earned since midnight, written in the round after the save"
    );
}
