//! The session lock in words: "in a game on server X since 14:02" or
//! "free", judged as SessionLock.isHeld judges it (a lock not refreshed for
//! the project's lock timeout belongs to a server that is gone).

use super::record::SessionLockInfo;
use super::time;

/// Whether a player's data is in use by a game server.
#[derive(Debug, Clone, PartialEq)]
pub enum LockState {
    /// No server holds it.
    Free,
    /// A server is playing with it now: a write would be overwritten.
    InGame {
        job_id: String,
        /// os.time() of the lock's last refresh.
        since: i64,
    },
    /// A lock whose server stopped refreshing it long ago (crashed): the
    /// next server to load takes it, so it counts as free.
    TimedOut { job_id: String, at: Option<i64> },
}

impl LockState {
    /// The lock as SessionLock.isHeld sees it at `now` (os.time() seconds).
    pub fn of(lock: Option<&SessionLockInfo>, timeout_seconds: u32, now: i64) -> LockState {
        let Some(lock) = lock else {
            return LockState::Free;
        };
        match lock.at {
            Some(at) if now - at <= i64::from(timeout_seconds) => LockState::InGame {
                job_id: lock.job_id.clone(),
                since: at,
            },
            at => LockState::TimedOut {
                job_id: lock.job_id.clone(),
                at,
            },
        }
    }

    /// Whether a write now would race a live server.
    pub fn is_live(&self) -> bool {
        matches!(self, LockState::InGame { .. })
    }

    /// The lock in words, for the window.
    pub fn describe(&self) -> String {
        match self {
            LockState::Free => "free: the player is not in a game".into(),
            LockState::InGame { job_id, since } => {
                format!("in a game on server {job_id} since {}", time::clock(*since))
            }
            LockState::TimedOut { job_id, at } => match at {
                Some(at) => format!(
                    "free: server {job_id} held it until {}, then stopped (it crashed or lost its connection)",
                    time::describe(*at)
                ),
                None => format!("free: server {job_id} left a lock without a time"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    fn lock(at: i64) -> SessionLockInfo {
        SessionLockInfo {
            job_id: "job-7".into(),
            place_id: Some(1),
            session: Some("s".into()),
            at: Some(at),
            raw: Json::Null,
        }
    }

    #[test]
    fn a_fresh_lock_is_a_live_session_and_an_old_one_is_free() {
        let at = 1_767_225_600 + 14 * 3600 + 120;
        let live = LockState::of(Some(&lock(at)), 600, at + 30);
        assert!(live.is_live());
        assert_eq!(live.describe(), "in a game on server job-7 since 14:02 UTC");
        let old = LockState::of(Some(&lock(at)), 600, at + 601);
        assert!(!old.is_live());
        assert!(old.describe().starts_with("free"));
        assert_eq!(
            LockState::of(None, 600, 0).describe(),
            "free: the player is not in a game"
        );
    }
}
