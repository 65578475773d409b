//! DataStore request budgets: what saving and leaderboards spend per minute
//! against what Roblox allows one server.
//!
//! Demand and budget both grow linearly with the players in a server, so
//! their ratio moves one way between 1 player and a full server: checking
//! those two ends covers every size in between.

use std::collections::HashMap;

use super::text::{and_list, count, figure, name as show};
use super::{Report, join, segment};
use crate::project::Project;
use crate::project::budget::{BudgetUse, RequestType, estimate};

/// Above this share of a budget, joins, leaves and the game's own requests
/// may not fit any more.
const WARN_FRACTION: f64 = 0.8;
/// Spenders named in one message.
const MAX_LISTED: usize = 4;

pub(super) fn check(project: &Project, out: &mut Report) {
    let full = project.save_policy.max_players;
    let mut ends = vec![estimate(project, 1)];
    if full > 1 {
        ends.push(estimate(project, full));
    }
    let mut boards = Boards::new();
    for (index, board) in project.leaderboards.iter().enumerate() {
        boards.entry(board.name.as_str()).or_insert(index);
    }
    for request in RequestType::ALL {
        // The worse of the two ends, if either is over the warning line.
        let worst = ends
            .iter()
            .filter_map(|uses| uses.iter().find(|u| u.request == request))
            // Infinite use comes from a 0-second interval, reported on its own.
            .filter(|u| u.used.is_finite() && u.fraction() > WARN_FRACTION)
            .max_by(|a, b| a.fraction().total_cmp(&b.fraction()));
        if let Some(usage) = worst {
            report(project, &boards, usage, out);
        }
    }
}

/// A setting that makes requests: where it is, how often it acts, and
/// whether each player makes requests or only the server.
struct Source<'a> {
    label: &'a str,
    rate: f64,
    path: String,
    seconds: u32,
    what: String,
    verb: &'static str,
}

/// Leaderboards by name (the first of each name), to find what a budget
/// source names.
type Boards<'p> = HashMap<&'p str, usize>;

fn source<'a>(project: &Project, boards: &Boards<'_>, label: &'a str, rate: f64) -> Source<'a> {
    let policy = &project.save_policy;
    let (path, seconds, what, verb) = match label {
        "auto-save" => (
            "saving/auto_save_seconds".to_string(),
            policy.auto_save_seconds,
            "auto-saves".to_string(),
            "Auto-save",
        ),
        "backups" => (
            "saving/backups/interval_seconds".to_string(),
            policy.backups.interval_seconds,
            "backups".to_string(),
            "Back up each player",
        ),
        _ => {
            let board = label
                .strip_prefix("leaderboard ")
                .and_then(|name| boards.get(name))
                .map(|&index| (index, &project.leaderboards[index]));
            match board {
                Some((index, board)) => (
                    join(
                        &join("leaderboards", &segment(&board.name, index)),
                        "update_seconds",
                    ),
                    board.update_seconds,
                    format!("the leaderboard {}", show(&board.name)),
                    "Update the leaderboard",
                ),
                None => (String::from("saving"), 0, label.to_string(), ""),
            }
        }
    };
    Source {
        label,
        rate,
        path,
        seconds,
        what,
        verb,
    }
}

fn report(project: &Project, boards: &Boards<'_>, usage: &BudgetUse, out: &mut Report) {
    let mut sources: Vec<Source<'_>> = usage
        .sources
        .iter()
        .map(|(label, rate)| source(project, boards, label, *rate))
        .collect();
    // The biggest spender first: that is where the fix goes.
    sources.sort_by(|a, b| b.rate.total_cmp(&a.rate));
    let Some(main) = sources.first() else { return };
    let (base, per) = usage.request.rate();
    let players = count(u64::from(usage.players), "player", "players");
    let spenders = if sources.len() == 1 {
        capitalize_first(&main.what)
    } else {
        let mut parts: Vec<String> = sources
            .iter()
            .take(MAX_LISTED)
            .map(|s| format!("{} ({})", s.what, figure(s.rate)))
            .collect();
        if sources.len() > MAX_LISTED {
            parts.push(format!("{} more", sources.len() - MAX_LISTED));
        }
        capitalize_first(&and_list(&parts))
    };
    let percent = usage.fraction() * 100.0;
    let message = format!(
        "{spenders} would make {} {} a minute with {players}, but Roblox allows this server {} \
         ({base} + {per} per player), so {}% of it would be used{}",
        figure(usage.used),
        usage.request.describe(),
        figure(usage.available),
        figure(percent.round()),
        if usage.fraction() > 1.0 {
            ". Requests beyond the budget wait in a queue and then fail, so saves would be lost."
        } else {
            ", leaving too little for players joining and leaving and for the game's own requests."
        }
    );
    let fix = fix(usage, &sources);
    if usage.fraction() > 1.0 {
        out.error("budget-exceeded", main.path.clone(), message, fix);
    } else {
        out.warning("budget-tight", main.path.clone(), message, fix);
    }
}

/// Seconds the biggest spender would need so the total stays within
/// `share` of the budget, the others unchanged.
fn needed_seconds(usage: &BudgetUse, sources: &[Source<'_>], share: f64) -> Option<u64> {
    let main = sources.first()?;
    let others: f64 = sources.iter().skip(1).map(|s| s.rate).sum();
    let room = usage.available * share - others;
    if main.seconds == 0 || main.verb.is_empty() || room <= 0.0 {
        return None;
    }
    let seconds = (f64::from(main.seconds) * main.rate / room).ceil();
    (seconds.is_finite() && seconds < 1e9).then_some(seconds as u64)
}

fn fix(usage: &BudgetUse, sources: &[Source<'_>]) -> String {
    let Some(main) = sources.first() else {
        return String::new();
    };
    let target = if main.label.starts_with("leaderboard ") {
        format!(
            "{} {}",
            main.verb,
            main.what.trim_start_matches("the leaderboard ")
        )
    } else {
        main.verb.to_string()
    };
    let comfortable = needed_seconds(usage, sources, WARN_FRACTION);
    match (
        usage.fraction() > 1.0,
        needed_seconds(usage, sources, 1.0),
        comfortable,
    ) {
        (true, Some(enough), Some(comfortable)) if comfortable > enough => format!(
            "{target} every {enough} seconds or more ({comfortable} seconds or more keeps it \
             under 80%, leaving room for players joining and leaving)."
        ),
        (_, _, Some(comfortable)) => {
            format!("{target} every {comfortable} seconds or more.")
        }
        _ => format!(
            "Save and update less often ({}), or lower the game's Max Players.",
            and_list(
                &sources
                    .iter()
                    .take(MAX_LISTED)
                    .map(|s| s.what.clone())
                    .collect::<Vec<_>>()
            )
        ),
    }
}

fn capitalize_first(text: &str) -> String {
    super::text::capitalize(text)
}
