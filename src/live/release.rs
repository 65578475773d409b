//! Asking the live game server that holds a player's session lock to let go
//! of their data, as the runtime's own DataManager:Erase does
//! (SessionLock.askToRelease with reason "erase"): a release request on that
//! server's own MessagingService topic. Open Cloud can only publish text, so
//! the request goes as JSON, which the runtime's SessionLock reads on its
//! per-server topic: the holder kicks the player with the erasure message,
//! saves without a leaderboard entry and removes the lock. Delivery is best
//! effort, so the request is sent again while waiting.

use std::time::Duration;

use serde_json::json;

use super::record::SessionLockInfo;

/// Who the request says it is from. The runtime answers "released" on this
/// name's topic, which no server listens on: the erase watches the lock
/// instead.
pub const REQUESTER: &str = "DataStoreDesigner";

/// The topic the server `job_id` listens on (SessionLock.topicFor: the
/// first 80 bytes of "DataManager_" and the JobId).
pub fn topic_for(job_id: &str) -> String {
    let mut topic = String::from("DataManager_");
    for c in job_id.chars() {
        if topic.len() + c.len_utf8() > 80 {
            break;
        }
        topic.push(c);
    }
    topic
}

/// The release request for `user_id`'s session `session`, with reason
/// "erase", as the JSON text the runtime decodes (the fields of its table
/// form only).
pub fn erase_request(user_id: i64, session: &str) -> String {
    json!({
        "kind": "release",
        "userId": user_id,
        "session": session,
        "from": REQUESTER,
        "reason": "erase",
    })
    .to_string()
}

/// The topic and request for the lock `lock`, when it names its session
/// (locks of DataManager versions before sessions can't be asked this way).
pub fn request_for(user_id: i64, lock: &SessionLockInfo) -> Option<(String, String)> {
    let session = lock.session.as_deref()?;
    Some((topic_for(&lock.job_id), erase_request(user_id, session)))
}

/// How long an erase waits for the live server to let go, how often it
/// reads the lock, and how often it asks again (a request may be lost).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReleaseWait {
    pub total: Duration,
    pub read_every: Duration,
    pub ask_every: Duration,
}

impl Default for ReleaseWait {
    /// The runtime's own Erase waits 30 s and asks every 5 s; reading every
    /// 2 s costs at most 15 of the 300 reads a minute.
    fn default() -> ReleaseWait {
        ReleaseWait {
            total: Duration::from_secs(30),
            read_every: Duration::from_secs(2),
            ask_every: Duration::from_secs(10),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_topic_is_the_runtimes_and_at_most_80_bytes() {
        assert_eq!(topic_for("abc"), "DataManager_abc");
        let long = "x".repeat(100);
        assert_eq!(topic_for(&long).len(), 80);
    }

    #[test]
    fn the_request_carries_only_the_table_forms_fields() {
        let text = erase_request(7, "s-1");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["from", "kind", "reason", "session", "userId"]);
        assert_eq!(value["userId"], 7);
        assert_eq!(value["reason"], "erase");
        assert!(text.len() <= 1024);
    }
}
