//! "Test connection": tries each kind of call the live-data pages make, in a
//! way that changes nothing (probes on a key no game uses, writes that carry
//! an etag no entry has, a message on a topic no server listens on), and
//! reports each missing permission in words.

use super::call::Call;
use super::cloud::{self, Cloud, EntryWrite, Need, StoreRef};
use super::error::LiveError;

/// The key no game uses, which the probes read, "write" and "remove".
pub const PROBE_KEY: &str = "DataStoreDesigner_ConnectionTest";
/// An etag no entry has, so a probe write is always refused before it writes.
const PROBE_ETAG: &str = "DataStoreDesigner-connection-test";

/// How one probe went.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckOutcome {
    Allowed,
    /// The key lacks this permission.
    Missing {
        message: String,
    },
    /// The probe failed for another reason (network, bad key, Roblox).
    Failed {
        message: String,
    },
}

/// One permission the pages need and whether the key has it.
#[derive(Debug, Clone, PartialEq)]
pub struct PermissionCheck {
    /// What it allows, in words.
    pub what: String,
    /// The Open Cloud permission (API key scope).
    pub permission: String,
    pub outcome: CheckOutcome,
}

impl PermissionCheck {
    pub fn describe(&self) -> String {
        match &self.outcome {
            CheckOutcome::Allowed => format!("Can {}.", self.what),
            CheckOutcome::Missing { .. } => format!(
                "Can't {}: add the permission \"{}\" to the key on the Creator Dashboard.",
                self.what, self.permission
            ),
            CheckOutcome::Failed { message } => {
                format!("Could not check whether it can {}: {message}", self.what)
            }
        }
    }
}

/// Every probe's result.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConnectionReport {
    /// Set when the key itself was refused (nothing else can work).
    pub key_problem: Option<String>,
    pub checks: Vec<PermissionCheck>,
}

impl ConnectionReport {
    /// Whether everything the pages need is allowed.
    pub fn all_allowed(&self) -> bool {
        self.key_problem.is_none()
            && self
                .checks
                .iter()
                .all(|c| c.outcome == CheckOutcome::Allowed)
    }

    /// The report in words, one line each.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(problem) = &self.key_problem {
            lines.push(problem.clone());
        }
        lines.extend(self.checks.iter().map(PermissionCheck::describe));
        lines
    }
}

fn outcome<T>(result: Result<T, LiveError>) -> CheckOutcome {
    match result {
        // Past the permission check: the probe key is missing, its etag is
        // wrong, or (Roblox's 400) the probe's made-up revision id is.
        Ok(_)
        | Err(LiveError::NotFound { .. })
        | Err(LiveError::Conflict { .. })
        | Err(LiveError::Server { status: 400, .. }) => CheckOutcome::Allowed,
        Err(LiveError::MissingPermission { message, .. }) => CheckOutcome::Missing { message },
        Err(other) => CheckOutcome::Failed {
            message: other.to_string(),
        },
    }
}

/// Runs the probes against `store` (the record store) and the ordered
/// stores of `leaderboards` (the first is probed; they share permissions).
pub fn test_connection(
    cloud: &Cloud,
    store: &StoreRef,
    leaderboard_stores: &[String],
    call: &Call,
) -> Result<ConnectionReport, LiveError> {
    let mut report = ConnectionReport::default();
    let probes: Vec<(Need, Box<dyn Fn() -> CheckOutcome + '_>)> = vec![
        (
            cloud::LIST,
            Box::new(|| outcome(cloud.list_entries(store, Some(PROBE_KEY), None, 1, call))),
        ),
        (
            cloud::READ,
            Box::new(|| outcome(cloud.get_entry(store, PROBE_KEY, call))),
        ),
        (
            cloud::UPDATE,
            Box::new(|| {
                let attributes = serde_json::Map::new();
                let write = EntryWrite {
                    value: &serde_json::Value::Null,
                    users: &[],
                    attributes: &attributes,
                    etag: Some(PROBE_ETAG),
                };
                outcome(cloud.update_entry(store, PROBE_KEY, &write, call))
            }),
        ),
        (
            cloud::DELETE,
            Box::new(|| outcome(cloud.delete_entry(store, PROBE_KEY, call))),
        ),
        (
            cloud::LIST_VERSIONS,
            Box::new(|| outcome(cloud.list_revisions(store, PROBE_KEY, None, 1, call))),
        ),
        (
            cloud::READ_VERSION,
            Box::new(|| outcome(cloud.get_revision(store, PROBE_KEY, "0", call))),
        ),
    ];
    let mut probes = probes;
    if let Some(board) = leaderboard_stores.first() {
        probes.push((
            cloud::ORDERED_READ,
            Box::new(move || {
                outcome(cloud.list_ordered(board, cloud::DEFAULT_SCOPE, true, None, 1, call))
            }),
        ));
        probes.push((
            cloud::ORDERED_WRITE,
            Box::new(move || {
                outcome(cloud.delete_ordered(board, cloud::DEFAULT_SCOPE, PROBE_KEY, call))
            }),
        ));
    }
    // A message on a topic no server listens on: Roblox checks the
    // permission, and no game hears it.
    probes.push((
        cloud::MESSAGING,
        Box::new(|| outcome(cloud.publish_message(PROBE_KEY, "{}", call))),
    ));
    call.set_total(probes.len() as u32);
    for (need, probe) in probes {
        if call.is_cancelled() {
            return Err(LiveError::Cancelled);
        }
        call.step(format!("Checking whether the key may {}", need.what));
        let result = probe();
        call.step_done();
        if let CheckOutcome::Failed { message } = &result
            && message.starts_with("Roblox did not accept the API key")
        {
            report.key_problem = Some(message.clone());
            report.checks.clear();
            return Ok(report);
        }
        if let CheckOutcome::Failed { message } = &result
            && message == &LiveError::Cancelled.to_string()
        {
            return Err(LiveError::Cancelled);
        }
        report.checks.push(PermissionCheck {
            what: need.what.into(),
            permission: need.permission.into(),
            outcome: result,
        });
    }
    let refused = |c: &PermissionCheck| matches!(c.outcome, CheckOutcome::Missing { .. });
    if !report.checks.is_empty() && report.checks.iter().all(refused) {
        // Nothing allowed at all: more likely the wrong game than a key
        // missing every permission one by one.
        report.key_problem = Some(format!(
            "The key may do nothing the live-data pages need in the game with universe id {}. Check the universe id, and that the key's permissions on the Creator Dashboard name this experience.",
            cloud.universe_id()
        ));
    }
    Ok(report)
}
