//! The save policy: how often and how hard saving tries, the session lock,
//! backups, server size, shutdown and the messages kicked players see.

use super::Report;
use super::stores::check_player_store;
use super::text::number;
use crate::project::save_policy::{LoadFailure, SavePolicy};
use crate::project::{Project, budget::RequestType};

/// Auto-saving more often than this spends request budget for little gain.
const MIN_AUTO_SAVE_SECONDS: u32 = 60;
/// Auto-saving less often than this loses a lot of progress in a crash.
const MAX_AUTO_SAVE_SECONDS: u32 = 900;
const MAX_ATTEMPTS: u32 = 10;
/// Roblox's largest server.
const MAX_SERVER_SIZE: u32 = 700;
/// Roblox gives BindToClose this long in total.
const SHUTDOWN_SECONDS: u32 = 30;
/// A shorter load window gives up during an ordinary DataStore hiccup or a
/// server hand-off, which take a few seconds to tens of seconds.
pub(super) const MIN_LOAD_WINDOW_SECONDS: u32 = 10;
/// Nobody waits longer than this on a loading screen.
pub(super) const MAX_LOAD_WINDOW_SECONDS: u32 = 600;
/// Past two minutes, most players have left the loading screen already.
const PATIENT_LOAD_WINDOW_SECONDS: u32 = 120;

pub(super) fn check(project: &Project, out: &mut Report) {
    let policy = &project.save_policy;
    check_player_store(policy, out);
    check_auto_save(policy, out);
    check_retries(policy, out);
    check_session_lock(policy, out);
    check_backups(policy, out);
    check_players(policy, out);
    check_shutdown(policy, out);
    check_load_window(policy, out);
    check_messages(policy, out);
}

fn minutes(seconds: u32) -> String {
    if seconds.is_multiple_of(60) {
        let m = seconds / 60;
        if m == 1 {
            "1 minute".into()
        } else {
            format!("{m} minutes")
        }
    } else if seconds == 1 {
        "1 second".into()
    } else {
        format!("{seconds} seconds")
    }
}

fn check_auto_save(policy: &SavePolicy, out: &mut Report) {
    let path = "saving/auto_save_seconds";
    let seconds = policy.auto_save_seconds;
    if seconds == 0 {
        out.error(
            "auto-save-zero",
            path,
            "Auto-save is set to every 0 seconds, which would save every player without pause \
             and use up Roblox's request budget at once.",
            "Auto-save every 300 seconds (5 minutes), as most games do.",
        );
    } else if seconds < MIN_AUTO_SAVE_SECONDS {
        let (base, per) = RequestType::StandardWrite.rate();
        out.warning(
            "auto-save-too-frequent",
            path,
            format!(
                "Auto-saving every {} spends a large part of the server's writes ({base} + {per} \
                 per player a minute), which joins, leaves and the game's own saves also need. \
                 Players leaving and server shutdowns are saved anyway.",
                minutes(seconds)
            ),
            format!("Auto-save every {MIN_AUTO_SAVE_SECONDS} seconds or more; 300 is common."),
        );
    } else if seconds > MAX_AUTO_SAVE_SECONDS {
        out.warning(
            "auto-save-rare",
            path,
            format!(
                "Auto-saving only every {} means that if a server crashes, its players lose up \
                 to {} of progress.",
                minutes(seconds),
                minutes(seconds)
            ),
            "Auto-save every 300 seconds (5 minutes), as most games do.",
        );
    }
}

fn check_retries(policy: &SavePolicy, out: &mut Report) {
    if policy.attempts == 0 {
        out.error(
            "attempts-zero",
            "saving/attempts",
            "Tries per load or save is 0, so data would never be loaded or saved.",
            "Set it to 3: the first try and two retries.",
        );
    } else if policy.attempts > MAX_ATTEMPTS {
        out.warning(
            "attempts-too-many",
            "saving/attempts",
            format!(
                "Trying each load or save {} times keeps a joining player waiting a long time \
                 when Roblox's DataStores are down, and each retry spends request budget.",
                policy.attempts
            ),
            format!("Try {MAX_ATTEMPTS} times or fewer; 3 to 5 is usual."),
        );
    }
    let backoff = &policy.retry_backoff;
    let mut valid = true;
    for (value, key, label) in [
        (
            backoff.first_delay_seconds,
            "first_delay_seconds",
            "first wait",
        ),
        (
            backoff.max_delay_seconds,
            "max_delay_seconds",
            "longest wait",
        ),
    ] {
        if !value.is_finite() || value < 0.0 {
            valid = false;
            out.error(
                "backoff-invalid",
                format!("saving/retry_backoff/{key}"),
                format!(
                    "The {label} between tries is {} seconds, which is not a usable wait.",
                    number(value)
                ),
                format!("Set the {label} to 0 seconds or more, for example 1 second."),
            );
        }
    }
    if valid && backoff.first_delay_seconds > backoff.max_delay_seconds {
        out.error(
            "backoff-first-above-max",
            "saving/retry_backoff/first_delay_seconds",
            format!(
                "The first wait between tries ({} seconds) is longer than the longest wait ({} \
                 seconds).",
                number(backoff.first_delay_seconds),
                number(backoff.max_delay_seconds)
            ),
            "Make the first wait shorter than the longest, for example 1 and 8 seconds.",
        );
    }
}

fn check_session_lock(policy: &SavePolicy, out: &mut Report) {
    let lock = &policy.session_lock;
    if !lock.enabled {
        out.warning(
            "session-lock-off",
            "saving/session_lock/enabled",
            "The session lock is off, so a player who quickly joins a second server can be \
             loaded there before the first server saved: items traded away in one server can \
             come back in the other (item duplication), or progress can be lost.",
            "Switch the session lock on.",
        );
        return;
    }
    let path = "saving/session_lock/timeout_seconds";
    let timeout = lock.timeout_seconds;
    let interval = policy.auto_save_seconds;
    if timeout <= interval {
        out.error(
            "lock-timeout-too-short",
            path,
            format!(
                "The session lock counts as abandoned after {}, but the server that holds it \
                 only renews it when it auto-saves, every {}. Between two auto-saves a server \
                 that is working fine would look crashed, and another server could take the \
                 player's data over while they are still playing.",
                minutes(timeout),
                minutes(interval)
            ),
            format!(
                "Set the lock timeout to at least twice the auto-save interval: {} or more.",
                minutes(interval.saturating_mul(2))
            ),
        );
    } else if timeout < interval.saturating_mul(2) {
        out.warning(
            "lock-timeout-tight",
            path,
            format!(
                "The session lock counts as abandoned after {}, only a little longer than the \
                 auto-save interval ({}). If a single auto-save fails or is slow, the lock \
                 looks abandoned and another server could take over a player who is still \
                 playing.",
                minutes(timeout),
                minutes(interval)
            ),
            format!(
                "Set the lock timeout to {} or more (twice the auto-save interval).",
                minutes(interval.saturating_mul(2))
            ),
        );
    }
}

fn check_backups(policy: &SavePolicy, out: &mut Report) {
    if policy.backups.count > 0 && policy.backups.interval_seconds == 0 {
        out.error(
            "backup-interval-zero",
            "saving/backups/interval_seconds",
            "Backups are on, but the time between backups is 0 seconds, so every save would \
             also write a backup, doubling the writes.",
            "Keep at most one backup per hour: set the interval to 3600 seconds.",
        );
    }
}

fn check_players(policy: &SavePolicy, out: &mut Report) {
    let path = "saving/max_players";
    if policy.max_players == 0 {
        out.error(
            "max-players-zero",
            path,
            "Max players is 0. It should match the game's Max Players setting, which the \
             request budget checks depend on.",
            "Set it to the game's Max Players (Game Settings > Places), for example 50.",
        );
    } else if policy.max_players > MAX_SERVER_SIZE {
        out.error(
            "max-players-too-many",
            path,
            format!(
                "Max players is {}, but a Roblox server holds at most {MAX_SERVER_SIZE} players.",
                policy.max_players
            ),
            format!("Set it to the game's Max Players, {MAX_SERVER_SIZE} or fewer."),
        );
    }
}

fn check_shutdown(policy: &SavePolicy, out: &mut Report) {
    let path = "saving/shutdown/max_wait_seconds";
    let wait = policy.shutdown.max_wait_seconds;
    if wait > SHUTDOWN_SECONDS {
        out.error(
            "shutdown-wait-too-long",
            path,
            format!(
                "Shutdown waits up to {wait} seconds for the last saves, but Roblox closes the \
                 server {SHUTDOWN_SECONDS} seconds after shutdown starts, whatever is still \
                 running."
            ),
            "Wait at most 25 seconds, leaving Roblox a few seconds of its own.",
        );
    } else if wait == 0 {
        out.error(
            "shutdown-wait-zero",
            path,
            "Shutdown doesn't wait for the last saves, so when a server closes (for example \
             when you update the game) its players lose everything since their last auto-save.",
            "Wait up to 25 seconds.",
        );
    }
}

fn check_load_window(policy: &SavePolicy, out: &mut Report) {
    let path = "saving/load_window_seconds";
    let window = policy.load_window_seconds;
    let gives_up = match policy.on_load_failure {
        LoadFailure::Kick => "kicked",
        LoadFailure::ReadOnly => "left playing without saving",
    };
    if window < MIN_LOAD_WINDOW_SECONDS {
        out.error(
            "load-window-too-short",
            path,
            format!(
                "Loading gives up after {}, so players are {gives_up} whenever Roblox's DataStores hiccup for a moment or their data is still being handed over from the server they just left, which often takes longer than that.",
                minutes(window)
            ),
            format!(
                "Keep trying for at least {MIN_LOAD_WINDOW_SECONDS} seconds; 60 seconds is a good choice."
            ),
        );
    } else if window > MAX_LOAD_WINDOW_SECONDS {
        out.error(
            "load-window-too-long",
            path,
            format!(
                "Loading keeps trying for {}, so a player whose data can't be loaded stares at the loading screen that long before being told anything.",
                minutes(window)
            ),
            format!(
                "Keep trying for at most {} (60 seconds is a good choice).",
                minutes(MAX_LOAD_WINDOW_SECONDS)
            ),
        );
    } else if window > PATIENT_LOAD_WINDOW_SECONDS {
        out.warning(
            "load-window-long",
            path,
            format!(
                "Loading keeps trying for {} before giving up. Most players leave a loading screen within a minute or two, so they would rather be told to rejoin sooner.",
                minutes(window)
            ),
            format!(
                "Keep trying for {} or less; 60 seconds is a good choice.",
                minutes(PATIENT_LOAD_WINDOW_SECONDS)
            ),
        );
    }
}

fn check_messages(policy: &SavePolicy, out: &mut Report) {
    let messages = &policy.messages;
    let lock = policy.session_lock.enabled;
    for (used, text, key, when) in [
        (
            policy.on_load_failure == LoadFailure::Kick,
            &messages.load_failed,
            "load_failed",
            "whose data could not be loaded",
        ),
        (
            lock,
            &messages.session_locked,
            "session_locked",
            "whose data another server still holds",
        ),
        (
            lock,
            &messages.taken_over,
            "taken_over",
            "who joined another server",
        ),
        (
            true,
            &messages.newer_version,
            "newer_version",
            "whose data a newer version of the game saved (on an old server during an update)",
        ),
    ] {
        if used && text.trim().is_empty() {
            out.warning(
                "kick-message-empty",
                format!("saving/messages/{key}"),
                format!(
                    "The message for players {when} is empty, so they are kicked without being \
                     told why or what to do."
                ),
                "Write a short, friendly message, for example \"Please rejoin in a minute.\"",
            );
        }
    }
    for (used, text, key, what) in [
        (
            true,
            &messages.loading,
            "loading",
            "The loading message is empty, so players see a loading screen that doesn't say \
             what they are waiting for.",
        ),
        (
            policy.on_load_failure == LoadFailure::ReadOnly,
            &messages.read_only_notice,
            "read_only_notice",
            "The notice for players whose data couldn't be loaded is empty, so nothing tells \
             them that their progress in this server won't be saved.",
        ),
    ] {
        if used && text.trim().is_empty() {
            out.warning(
                "status-message-empty",
                format!("saving/messages/{key}"),
                what,
                if key == "loading" {
                    "Write a short message, for example \"Loading your data...\""
                } else {
                    "Say that progress won't be kept and what to do, for example \"Progress in \
                     this server won't be saved. Rejoin later.\""
                },
            );
        }
    }
}
