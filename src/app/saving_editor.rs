//! How player data is saved: forms with a plain-words line under each
//! choice, the request budget as bars, and backups.

use egui::{RichText, Ui};

use super::PanelCtx;
use super::edit::Edit;
use super::widgets::{self, explain};
use crate::project::budget::{self, Activity, RequestType};
use crate::project::save_policy::{Handoff, LoadFailure, SavePolicy, StudioMode};

fn policy_edit(
    label: impl Into<String>,
    session: Option<egui::Id>,
    change: impl FnOnce(&mut SavePolicy) + 'static,
) -> Edit {
    let edit = Edit::new(label, move |p| change(&mut p.save_policy));
    match session {
        Some(id) => edit.in_session(id),
        None => edit,
    }
}

/// A setting: its name, the widget, a line of explanation and its problems.
fn setting(
    ui: &mut Ui,
    ctx: &PanelCtx<'_>,
    title: &str,
    path: &str,
    explanation: &str,
    widget: impl FnOnce(&mut Ui),
) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.add_sized(
            [190.0, 18.0],
            egui::Label::new(RichText::new(title).strong()),
        );
        widget(ui);
    });
    explain(ui, explanation);
    let problems = widgets::problems_under(ctx.diagnostics, path);
    widgets::show_problems(ui, &problems);
}

/// Seconds in words: "5 minutes", "90 seconds", "1 hour".
pub fn duration_words(seconds: u32) -> String {
    let plural = |n: u32, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if seconds >= 3600 && seconds.is_multiple_of(3600) {
        plural(seconds / 3600, "hour")
    } else if seconds >= 60 && seconds.is_multiple_of(60) {
        plural(seconds / 60, "minute")
    } else if seconds >= 60 {
        format!("{} min {} s", seconds / 60, seconds % 60)
    } else {
        plural(seconds, "second")
    }
}

pub fn show_saving(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Saving");
            explain(ui, "When player data is saved and loaded, and what happens when Roblox's servers have trouble.");
            saving_form(ui, ctx);
            ui.add_space(12.0);
            budget_bars(ui, ctx);
        });
}

fn saving_form(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let policy = ctx.project.save_policy.clone();
    let mut edits = Vec::new();

    ui.add_space(8.0);
    ui.label(RichText::new("Where it is saved").size(16.0));
    setting(
        ui,
        ctx,
        "DataStore name",
        "saving/datastore",
        "The name of the store that holds every player's data. Changing it starts everyone from the defaults, so add a version at the end (PlayerData_v1).",
        |ui| {
            if let Some((v, id)) = widgets::text(ui, "DataStore name", &policy.datastore, 220.0) {
                edits.push(policy_edit(
                    "change the DataStore name",
                    Some(id),
                    move |p| p.datastore = v,
                ));
            }
        },
    );
    setting(
        ui,
        ctx,
        "Key of each player",
        "saving/key_pattern",
        "Each player's data is saved under this key; {UserId} becomes the player's id.",
        |ui| {
            if let Some((v, id)) =
                widgets::text(ui, "Key of each player", &policy.key_pattern, 220.0)
            {
                edits.push(policy_edit("change the key", Some(id), move |p| {
                    p.key_pattern = v
                }));
            }
        },
    );
    setting(
        ui,
        ctx,
        "Scope (optional)",
        "saving/scope",
        "Most games leave this empty. A scope keeps a separate set of keys in the same store.",
        |ui| {
            let scope = policy.scope.clone().unwrap_or_default();
            if let Some((v, id)) = widgets::text(ui, "Scope", &scope, 220.0) {
                edits.push(policy_edit("change the scope", Some(id), move |p| {
                    p.scope = (!v.is_empty()).then_some(v)
                }));
            }
        },
    );

    ui.add_space(10.0);
    ui.label(RichText::new("When it is saved").size(16.0));
    let auto = policy.auto_save_seconds;
    setting(
        ui,
        ctx,
        "Auto-save every",
        "saving/auto_save_seconds",
        &format!(
            "Each player's data is also saved when they leave. If a server crashes, players lose at most the last {} of progress.",
            duration_words(auto)
        ),
        |ui| {
            if let Some((v, id)) = widgets::drag_u32(ui, "Auto-save every", auto, 0..=86_400, " s")
            {
                edits.push(policy_edit(
                    "change the auto-save interval",
                    Some(id),
                    move |p| p.auto_save_seconds = v,
                ));
            }
            ui.label(RichText::new(format!("= {}", duration_words(auto))).weak());
        },
    );
    setting(
        ui,
        ctx,
        "Most players per server",
        "saving/max_players",
        "Your game's Max Players setting. Roblox's request budget grows with it.",
        |ui| {
            if let Some((v, id)) = widgets::drag_u32(
                ui,
                "Most players per server",
                policy.max_players,
                1..=700,
                "",
            ) {
                edits.push(policy_edit("change the most players", Some(id), move |p| {
                    p.max_players = v
                }));
            }
        },
    );
    setting(
        ui,
        ctx,
        "Tries per load or save",
        "saving/attempts",
        "When Roblox's servers fail, try again this many times in all before giving up.",
        |ui| {
            if let Some((v, id)) =
                widgets::drag_u32(ui, "Tries per load or save", policy.attempts, 1..=20, "")
            {
                edits.push(policy_edit("change the tries", Some(id), move |p| {
                    p.attempts = v
                }));
            }
        },
    );
    setting(
        ui,
        ctx,
        "Wait between tries",
        "saving/retry_backoff",
        "The first wait, doubled after each failed try up to the longest wait. Random jitter keeps many servers from retrying at the same moment.",
        |ui| {
            let b = policy.retry_backoff.clone();
            if let Some((v, id)) = widgets::drag_f64(ui, "First wait", b.first_delay_seconds, " s")
            {
                edits.push(policy_edit("change the first wait", Some(id), move |p| {
                    p.retry_backoff.first_delay_seconds = v
                }));
            }
            ui.label("up to");
            if let Some((v, id)) = widgets::drag_f64(ui, "Longest wait", b.max_delay_seconds, " s")
            {
                edits.push(policy_edit("change the longest wait", Some(id), move |p| {
                    p.retry_backoff.max_delay_seconds = v
                }));
            }
            if let Some(v) = widgets::checkbox(
                ui,
                "jitter",
                b.jitter,
                "Wait a random part longer, so servers don't retry in step",
            ) {
                edits.push(policy_edit("change the jitter", None, move |p| {
                    p.retry_backoff.jitter = v
                }));
            }
        },
    );

    ui.add_space(10.0);
    ui.label(RichText::new("One server at a time").size(16.0));
    let lock = policy.session_lock.clone();
    setting(
        ui,
        ctx,
        "Session locking",
        "saving/session_lock/enabled",
        "Keeps a player's data in one server at a time, so items can't be duplicated by joining two servers quickly.",
        |ui| {
            if let Some(v) = widgets::checkbox(
                ui,
                "on",
                lock.enabled,
                "Lock each player's data to the server they are in",
            ) {
                edits.push(policy_edit(
                    "turn session locking on or off",
                    None,
                    move |p| p.session_lock.enabled = v,
                ));
            }
        },
    );
    if lock.enabled {
        setting(
            ui,
            ctx,
            "Lock timeout",
            "saving/session_lock/timeout_seconds",
            &format!(
                "A lock not refreshed for {} belongs to a server that crashed, and is taken over.",
                duration_words(lock.timeout_seconds)
            ),
            |ui| {
                if let Some((v, id)) =
                    widgets::drag_u32(ui, "Lock timeout", lock.timeout_seconds, 0..=86_400, " s")
                {
                    edits.push(policy_edit("change the lock timeout", Some(id), move |p| {
                        p.session_lock.timeout_seconds = v
                    }));
                }
            },
        );
        setting(
            ui,
            ctx,
            "When data is locked",
            "saving/session_lock/handoff",
            "Fast hand-off asks the other server to save and let go, and takes over about 10 seconds after it crashed (once its \"alive\" note in MemoryStore runs out), so players get back in fast. \
             A server that is alive is never overtaken, however slow. Waiting for the timeout never looks at the \"alive\" notes: after a crash, players wait for the whole lock timeout.",
            |ui| {
                if let Some(v) = widgets::choice(
                    ui,
                    "When data is locked",
                    lock.handoff,
                    &[
                        (Handoff::Fast, "Fast hand-off"),
                        (Handoff::Strict, "Wait for the timeout"),
                    ],
                    200.0,
                ) {
                    edits.push(policy_edit("change the hand-off", None, move |p| {
                        p.session_lock.handoff = v
                    }));
                }
            },
        );
    }

    ui.add_space(10.0);
    ui.label(RichText::new("When things go wrong").size(16.0));
    setting(
        ui,
        ctx,
        "Keep trying to load for",
        "saving/load_window_seconds",
        &format!(
            "A joining player sees the loading screen while their data is tried again and again for up to {}; only then does the choice below apply.",
            duration_words(policy.load_window_seconds)
        ),
        |ui| {
            if let Some((v, id)) = widgets::drag_u32(
                ui,
                "Keep trying to load for",
                policy.load_window_seconds,
                0..=3600,
                " s",
            ) {
                edits.push(policy_edit(
                    "change how long loading keeps trying",
                    Some(id),
                    move |p| p.load_window_seconds = v,
                ));
            }
        },
    );
    setting(
        ui,
        ctx,
        "If data can't be loaded",
        "saving/on_load_failure",
        match policy.on_load_failure {
            LoadFailure::Kick => {
                "When the time above runs out, the player is kicked with the message below; their saved data is untouched."
            }
            LoadFailure::ReadOnly => {
                "When the time above runs out, the player plays on defaults that are never saved, and the data-status screen tells them so; their real data is never overwritten."
            }
        },
        |ui| {
            if let Some(v) = widgets::choice(
                ui,
                "If data can't be loaded",
                policy.on_load_failure,
                &[
                    (LoadFailure::Kick, "Kick with a message"),
                    (LoadFailure::ReadOnly, "Play without saving"),
                ],
                200.0,
            ) {
                edits.push(policy_edit(
                    "change what happens when loading fails",
                    None,
                    move |p| p.on_load_failure = v,
                ));
            }
        },
    );
    setting(
        ui,
        ctx,
        "At server shutdown, wait",
        "saving/shutdown/max_wait_seconds",
        "How long shutdown waits for the last saves. Roblox gives a closing server 30 seconds in all.",
        |ui| {
            if let Some((v, id)) = widgets::drag_u32(
                ui,
                "At server shutdown, wait",
                policy.shutdown.max_wait_seconds,
                0..=30,
                " s",
            ) {
                edits.push(policy_edit(
                    "change the shutdown wait",
                    Some(id),
                    move |p| p.shutdown.max_wait_seconds = v,
                ));
            }
            if let Some(v) = widgets::checkbox(
                ui,
                "not in Studio",
                policy.shutdown.skip_wait_in_studio,
                "In Studio, stopping a play test waits only for the last saves themselves (so no lock is left on your data), not for retries",
            ) {
                edits.push(policy_edit("change the Studio shutdown", None, move |p| {
                    p.shutdown.skip_wait_in_studio = v
                }));
            }
        },
    );
    setting(
        ui,
        ctx,
        "In Roblox Studio",
        "saving/studio",
        &match policy.studio {
            StudioMode::SeparateTestData => format!(
                "Play tests load and save test data of their own, in {}{} (needs Studio Access to API \
                 Services): live players' data is never touched.",
                policy.datastore,
                crate::project::save_policy::STUDIO_SUFFIX
            ),
            StudioMode::UseDataStores => {
                "Play tests load and save live players' data, like a live game (needs Studio Access to \
                 API Services): a test can change a real player's progress."
                    .into()
            }
            StudioMode::LoadOnly => {
                "Play tests load live data but never save it: safe, but nothing a test earns is kept."
                    .into()
            }
            StudioMode::Offline => {
                "Play tests never touch DataStores; everyone starts from the defaults.".into()
            }
        },
        |ui| {
            if let Some(v) = widgets::choice(
                ui,
                "In Roblox Studio",
                policy.studio,
                &[
                    (StudioMode::SeparateTestData, "Separate test data"),
                    (StudioMode::UseDataStores, "Live data: load and save"),
                    (StudioMode::LoadOnly, "Load, never save"),
                    (StudioMode::Offline, "Don't use DataStores"),
                ],
                200.0,
            ) {
                edits.push(policy_edit("change the Studio mode", None, move |p| {
                    p.studio = v
                }));
            }
        },
    );

    ui.add_space(10.0);
    ui.label(RichText::new("Messages players see when kicked").size(16.0));
    let m = policy.messages.clone();
    for (title, key, value, help) in [
        (
            "Data could not load",
            "load_failed",
            m.load_failed,
            "When their data can't be loaded.",
        ),
        (
            "Data is locked",
            "session_locked",
            m.session_locked,
            "When another server still holds their data.",
        ),
        (
            "Joined another server",
            "taken_over",
            m.taken_over,
            "When they joined another server, which took their data.",
        ),
        (
            "New version out",
            "newer_version",
            m.newer_version,
            "When a newer version of the game saved their data and this server is still on the old one \
             (during an update): they only need to rejoin.",
        ),
        (
            "Loading",
            "loading",
            m.loading,
            "Shown on the loading screen while their data loads ({message} in the data-status GUI).",
        ),
        (
            "Not saving",
            "read_only_notice",
            m.read_only_notice,
            "Shown all session when their data couldn't be loaded and they play without saving.",
        ),
    ] {
        if key == "loading" {
            ui.add_space(10.0);
            ui.label(RichText::new("Messages on the data-status screen").size(16.0));
        }
        setting(
            ui,
            ctx,
            title,
            &format!("saving/messages/{key}"),
            help,
            |ui| {
                if let Some((v, id)) = widgets::text(ui, title, &value, 420.0) {
                    edits.push(policy_edit(
                        "change a message",
                        Some(id),
                        move |p| match key {
                            "load_failed" => p.messages.load_failed = v,
                            "session_locked" => p.messages.session_locked = v,
                            "newer_version" => p.messages.newer_version = v,
                            "loading" => p.messages.loading = v,
                            "read_only_notice" => p.messages.read_only_notice = v,
                            _ => p.messages.taken_over = v,
                        },
                    ));
                }
            },
        );
    }
    ctx.edits.extend(edits);
}

fn budget_bars(ui: &mut Ui, ctx: &PanelCtx<'_>) {
    let players = ctx.project.save_policy.max_players;
    ui.label(RichText::new(format!("Requests per minute with {players} players")).size(16.0));
    explain(
        ui,
        "Roblox allows each server a number of DataStore requests per minute. The bars show what auto-saves, backups, leaderboards, purchases, gifts, peeks and erasures use in steady play; joins and leaves come on top, so keep well below the end.",
    );
    ui.add_space(4.0);
    let activity = activity_inputs(ui, ctx);
    ui.add_space(4.0);
    for usage in budget::estimate_with(ctx.project, players, &activity) {
        if usage.used <= 0.0
            && !matches!(
                usage.request,
                RequestType::StandardRead | RequestType::StandardWrite
            )
        {
            continue;
        }
        let fraction = usage.fraction();
        let color = if fraction > 0.9 {
            ui.visuals().error_fg_color
        } else if fraction > 0.6 {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().selection.bg_fill
        };
        ui.horizontal(|ui| {
            ui.add_sized([190.0, 18.0], egui::Label::new(usage.request.describe()))
                .on_hover_text(usage.request.name());
            let used = if usage.used.is_finite() {
                format!("{:.1}", usage.used)
            } else {
                "endless".into()
            };
            let bar = egui::ProgressBar::new(fraction.clamp(0.0, 1.0) as f32)
                .desired_width(320.0)
                .fill(color)
                .text(format!("{used} of {:.0}", usage.available));
            let sources = usage
                .sources
                .iter()
                .map(|(s, r)| format!("{s}: {r:.1} a minute"))
                .collect::<Vec<_>>()
                .join("\n");
            ui.add(bar).on_hover_text(if sources.is_empty() {
                "Nothing uses these yet".to_string()
            } else {
                sources
            });
        });
    }
}

/// The planner's guesses of how often players buy, and the team gifts,
/// peeks and erases. They are kept in the window's memory, not in the
/// project: they change the plan, not the game.
fn activity_inputs(ui: &mut Ui, ctx: &PanelCtx<'_>) -> Activity {
    let id = egui::Id::unique("budget-activity");
    let mut a: Activity = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let project = ctx.project;
    let row = |ui: &mut Ui, title: &str, value: &mut f64, unit: &str, cost: &str| {
        ui.horizontal(|ui| {
            ui.add_sized(
                [190.0, 18.0],
                egui::Label::new(RichText::new(title).strong()),
            );
            let _ = ui
                .add(
                    egui::DragValue::new(value)
                        .range(0.0..=10_000.0)
                        .speed(0.1)
                        .max_decimals(1)
                        .suffix(unit),
                )
                .accessible_name(title);
            ui.label(RichText::new(cost).weak().small());
        });
    };
    if !project.products.is_empty() {
        row(
            ui,
            "Purchases per player",
            &mut a.purchases_per_player_hour,
            " an hour",
            "each: 1 read + 1 write",
        );
    }
    if !project.gifts.is_empty() {
        row(
            ui,
            "Gifts sent",
            &mut a.gifts_per_hour,
            " an hour",
            "each: 2 reads + 2 writes (queued, then saved by the server that applies it) + 1 message to the player's server",
        );
    }
    row(
        ui,
        "Peeks",
        &mut a.peeks_per_hour,
        " an hour",
        "each: 1 read",
    );
    row(
        ui,
        "Erasures",
        &mut a.erasures_per_day,
        " a day",
        &format!(
            "each: 1 read + {} removals + {} leaderboard removal{}",
            2 * (1 + crate::project::budget::older_stores(project)),
            crate::project::budget::leaderboard_removals(project),
            if crate::project::budget::leaderboard_removals(project) == 1 {
                ""
            } else {
                "s"
            }
        ),
    );
    if !project.gifts.is_empty() {
        let players = project.save_policy.max_players;
        explain(
            ui,
            &format!(
                "Gifts also send {:.1} MessagingService messages a minute, of the {:.0} a server may send.",
                budget::gift_messages_per_minute(&a),
                budget::messaging_per_minute(players)
            ),
        );
    }
    explain(
        ui,
        "These are guesses for planning; change them to what you expect. They are not saved with the project.",
    );
    ui.data_mut(|d| d.insert_temp(id, a));
    a
}

pub fn show_backups(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    ui.heading("Backups");
    explain(
        ui,
        "Extra copies of each player's data, kept apart from it. If a save goes wrong, an older copy can be restored.",
    );
    let backups = ctx.project.save_policy.backups.clone();
    let mut edits = Vec::new();
    setting(
        ui,
        ctx,
        "Copies kept per player",
        "saving/backups/count",
        if backups.count == 0 {
            "0 turns backups off."
        } else {
            "The oldest copy is replaced when a new one is made."
        },
        |ui| {
            if let Some((v, id)) =
                widgets::drag_u32(ui, "Copies kept per player", backups.count, 0..=50, "")
            {
                edits.push(policy_edit(
                    "change the number of backups",
                    Some(id),
                    move |p| p.backups.count = v,
                ));
            }
        },
    );
    if backups.count > 0 {
        setting(
            ui,
            ctx,
            "At most one copy every",
            "saving/backups/interval_seconds",
            &format!(
                "A player who plays for an hour gets about {} new copies. Each copy costs one read and one write.",
                3600 / backups.interval_seconds.max(1)
            ),
            |ui| {
                if let Some((v, id)) = widgets::drag_u32(
                    ui,
                    "At most one copy every",
                    backups.interval_seconds,
                    60..=86_400,
                    " s",
                ) {
                    edits.push(policy_edit(
                        "change the backup interval",
                        Some(id),
                        move |p| p.backups.interval_seconds = v,
                    ));
                }
                ui.label(
                    RichText::new(format!("= {}", duration_words(backups.interval_seconds))).weak(),
                );
            },
        );
    }
    ctx.edits.extend(edits);
}
