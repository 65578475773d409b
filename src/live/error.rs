//! What can go wrong with live data, in words a designer understands.

use super::cloud::CloudEntry;
use super::record::SessionLockInfo;
use super::validate::Problem;

#[derive(Debug, Clone, thiserror::Error)]
pub enum LiveError {
    /// No API key was given or kept.
    #[error("There is no API key yet. Paste an Open Cloud API key for this game first.")]
    NoKey,
    /// 401: Roblox did not accept the key at all.
    #[error(
        "Roblox did not accept the API key ({message}). Check that it was pasted whole and has not expired or been revoked."
    )]
    BadKey { message: String },
    /// 403: the key works but may not do this.
    #[error(
        "The API key may not {what}. On the Creator Dashboard, open the key and add the permission \"{permission}\" for this game ({message})."
    )]
    MissingPermission {
        /// What was refused, in words ("read players' saved data").
        what: String,
        /// The Open Cloud permission (scope) that allows it.
        permission: String,
        message: String,
    },
    /// 404 where something had to exist.
    #[error("{what} was not found.")]
    NotFound { what: String },
    /// 409/412: the entry changed since it was read; nothing was written.
    #[error(
        "Someone else changed this player's data since you read it (the game, or another person). Nothing was written: compare the current value with yours and try again."
    )]
    Conflict {
        /// The entry as it is now, when it could be read back.
        current: Option<Box<CloudEntry>>,
    },
    /// Still 429 after every try.
    #[error(
        "Roblox kept asking to slow down (too many requests for this game), even after {tries} tries. Wait a minute and try again."
    )]
    RateLimited { tries: u32 },
    #[error("Cancelled.")]
    Cancelled,
    /// The player is in a live session: refused unless forced.
    #[error(
        "The player is in a game right now (on server {}). That server saves their data again soon and would write over any change made here. Wait until they leave, or force it.",
        lock.job_id
    )]
    InLiveSession { lock: SessionLockInfo },
    /// Erase: the live server was asked to let go of the player and did not
    /// within the wait; nothing was erased.
    #[error(
        "The player is in a game right now (on server {}), and that server did not let go of their data within {waited_seconds} s of being asked to. Nothing was erased. The request may have been lost or the server may be busy: try again in a minute, or once they have left.",
        lock.job_id
    )]
    NotReleased {
        lock: SessionLockInfo,
        waited_seconds: u64,
    },
    /// The edited data breaks the schema's rules.
    #[error("The data breaks the game's rules: {}", problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("; "))]
    Invalid { problems: Vec<Problem> },
    /// The stored value can't be edited as the schema's data.
    #[error("{0}")]
    Unusable(String),
    /// Could not reach Roblox.
    #[error("Could not reach Roblox: {0}")]
    Network(String),
    /// Any other answer Roblox gave.
    #[error("Roblox answered {status}: {message}")]
    Server { status: u16, message: String },
    /// An answer that does not look like Open Cloud's.
    #[error("Roblox's answer could not be read: {0}")]
    BadAnswer(String),
    /// The keychain failed.
    #[error("The keychain failed: {0}")]
    Keychain(String),
    /// The audit log could not be written or read.
    #[error("The audit log could not be used: {0}")]
    Audit(String),
}

impl LiveError {
    /// Whether trying the same call again later may work.
    pub fn is_temporary(&self) -> bool {
        matches!(
            self,
            LiveError::RateLimited { .. }
                | LiveError::Network(_)
                | LiveError::Server { status: 500.., .. }
        )
    }
}
