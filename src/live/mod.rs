//! Live player data: a real game's saved player data, read and fixed
//! through Roblox's Open Cloud API and seen through the project's own
//! schema, session locks and backups.
//!
//! One job per file:
//! - [`cloud`]: the Open Cloud client (data-store entries with etags and
//!   revisions, listing, ordered data stores, the users API), following the
//!   documented rate limits and backing off on 429.
//! - [`call`]: cancelling a call and reporting its progress to the window.
//! - [`task`]: a call on a worker thread, polled by the window each frame.
//! - [`rate`]: the per-universe request budget and the backoff on 429.
//! - [`keychain`]: the API key in the operating system's keychain.
//! - [`connection`]: "test connection", each missing permission in words.
//! - [`record`]: a stored value decoded as the exported runtime stores it.
//! - [`lock`]: the session lock in words.
//! - [`validate`]: the runtime's own value checks (Validate.luau) in Rust.
//! - [`form`]: the record as a form built from the schema.
//! - [`diff`]: field-by-field differences.
//! - [`players`]: look up, save, restore and erase, as the runtime does.
//! - [`release`]: asking the live server holding a player to let go (erase).
//! - [`audit`]: the local log of every read and write.
//! - [`endpoints`]: every Open Cloud endpoint used, with its documentation.
//! - [`time`]: Roblox's times (RFC 3339, HTTP dates, os.time()) in UTC words.
//!
//! Nothing here touches the project document: live data is not a project
//! edit.

pub mod audit;
pub mod call;
pub mod cloud;
pub mod connection;
pub mod diff;
pub mod endpoints;
pub mod error;
pub mod form;
pub mod keychain;
pub mod lock;
pub mod players;
pub mod rate;
pub mod record;
pub mod release;
pub mod task;
/// Times as Open Cloud writes them and as the pages show them.
pub use crate::project::calendar as time;
pub mod validate;

pub use audit::{AuditAction, AuditEntry, AuditLog};
pub use call::{Call, Progress};
pub use cloud::{
    Cloud, CloudConfig, CloudEntry, EntryPage, EntryState, EntryWrite, OrderedEntry, OrderedPage,
    Revision, RevisionPage, RobloxUser, StoreRef,
};
pub use connection::{CheckOutcome, ConnectionReport, PermissionCheck};
pub use diff::{ChangeKind, FieldChange, diff_data};
pub use error::LiveError;
pub use form::{FormField, RecordForm, UnknownField};
pub use keychain::{ApiKey, KeyPlace, KeyStore};
pub use lock::LockState;
pub use players::{
    BackupEntry, EraseReport, ErasedKey, LivePlayers, PlayerRef, RestorePlan, RestoreSource,
    SaveOptions,
};
pub use record::{PlayerRecord, QueuedGift, RecordMeta, RecordShape, SessionLockInfo};
pub use release::ReleaseWait;
pub use task::Task;
pub use validate::Problem;
