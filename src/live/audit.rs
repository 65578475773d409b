//! The audit log: every read and write of live data, appended to a local
//! file as JSON lines (who, when, which game and player, what, the
//! difference). Append-only: the app never rewrites or shortens it. It can
//! be read back and exported as CSV or JSON.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::diff::FieldChange;
use super::error::LiveError;
use super::time;

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    TestConnection,
    Read,
    ReadBackups,
    ReadVersions,
    Browse,
    ReadLeaderboard,
    Save,
    /// A save during a live session, after the warning.
    ForcedSave,
    RestoreBackup,
    RestoreVersion,
    Erase,
}

impl AuditAction {
    pub fn describe(self) -> &'static str {
        match self {
            AuditAction::TestConnection => "tested the connection",
            AuditAction::Read => "read",
            AuditAction::ReadBackups => "read backups",
            AuditAction::ReadVersions => "read Roblox's versions",
            AuditAction::Browse => "listed keys",
            AuditAction::ReadLeaderboard => "read a leaderboard",
            AuditAction::Save => "saved",
            AuditAction::ForcedSave => "saved during a live session (forced)",
            AuditAction::RestoreBackup => "restored a backup",
            AuditAction::RestoreVersion => "restored a Roblox version",
            AuditAction::Erase => "erased",
        }
    }

    /// Whether the action wrote anything.
    pub fn writes(self) -> bool {
        matches!(
            self,
            AuditAction::Save
                | AuditAction::ForcedSave
                | AuditAction::RestoreBackup
                | AuditAction::RestoreVersion
                | AuditAction::Erase
        )
    }
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Unix seconds.
    pub at: i64,
    /// The person (the computer's user name) and the key used.
    pub who: String,
    pub universe: u64,
    pub user_id: Option<i64>,
    pub action: AuditAction,
    /// The data store and key (or what was listed).
    pub target: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
    /// "ok", or what went wrong.
    pub outcome: String,
}

/// The person using the app, as the computer names them.
pub fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown user".into())
}

/// The log file. Cloning shares the path; appends are whole lines.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditLog {
    path: PathBuf,
}

impl AuditLog {
    pub fn at(path: impl Into<PathBuf>) -> AuditLog {
        AuditLog { path: path.into() }
    }

    /// Where the app keeps its log: the user's data folder.
    pub fn default_path() -> Option<PathBuf> {
        let base = if cfg!(windows) {
            std::env::var_os("APPDATA").map(PathBuf::from)
        } else if cfg!(target_os = "macos") {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
        } else {
            std::env::var_os("XDG_DATA_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        }?;
        Some(
            base.join("datastore-designer")
                .join("live-data-audit.jsonl"),
        )
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one entry.
    pub fn append(&self, entry: &AuditEntry) -> Result<(), LiveError> {
        let fail = |e: std::io::Error| LiveError::Audit(format!("{}: {e}", self.path.display()));
        if let Some(dir) = self.path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let mut line = serde_json::to_string(entry).map_err(|e| LiveError::Audit(e.to_string()))?;
        line.push('\n');
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(fail)?;
        // One write per line: concurrent appends don't interleave lines.
        file.write_all(line.as_bytes()).map_err(fail)
    }

    /// Every entry, oldest first. Lines that can't be read (a cut-off last
    /// line) are skipped rather than hiding the rest.
    pub fn read_all(&self) -> Result<Vec<AuditEntry>, LiveError> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => Ok(text
                .lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(LiveError::Audit(format!("{}: {e}", self.path.display()))),
        }
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The entries as CSV (one row each; the changes in words in one column).
pub fn to_csv(entries: &[AuditEntry]) -> String {
    let mut out = String::from("time (UTC),who,universe,player,action,target,changes,outcome\n");
    for e in entries {
        let changes: Vec<String> = e.changes.iter().map(FieldChange::describe).collect();
        let row = [
            time::describe(e.at),
            e.who.clone(),
            e.universe.to_string(),
            e.user_id.map(|u| u.to_string()).unwrap_or_default(),
            e.action.describe().to_string(),
            e.target.clone(),
            changes.join("; "),
            e.outcome.clone(),
        ];
        let row: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// The entries as one JSON array.
pub fn to_json(entries: &[AuditEntry]) -> String {
    serde_json::to_string_pretty(entries).unwrap_or_else(|_| "[]".into())
}

/// Writes `entries` to `path`: CSV when the name ends in `.csv`, else JSON.
pub fn export(entries: &[AuditEntry], path: &Path) -> Result<(), LiveError> {
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let text = if csv {
        to_csv(entries)
    } else {
        to_json(entries)
    };
    std::fs::write(path, text).map_err(|e| LiveError::Audit(format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::diff::ChangeKind;
    use serde_json::json;

    #[test]
    fn entries_are_appended_and_read_back_and_exported() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::at(dir.path().join("nested/audit.jsonl"));
        assert!(log.read_all().unwrap().is_empty());
        let entry = AuditEntry {
            at: 1_767_225_600,
            who: "ana (key …a1b2)".into(),
            universe: 9,
            user_id: Some(12),
            action: AuditAction::Save,
            target: "PlayerData_v1/Player_12".into(),
            changes: vec![FieldChange {
                path: "Coins".into(),
                kind: ChangeKind::Changed,
                before: Some(json!(5)),
                after: Some(json!(500)),
            }],
            outcome: "ok, with \"quotes\"".into(),
        };
        log.append(&entry).unwrap();
        log.append(&entry).unwrap();
        let read = log.read_all().unwrap();
        assert_eq!(read, vec![entry.clone(), entry.clone()]);
        let csv = to_csv(&read);
        assert!(csv.contains("2026-01-01 00:00 UTC,ana (key …a1b2),9,12,saved,PlayerData_v1/Player_12,Coins: 5 → 500,\"ok, with \"\"quotes\"\"\""), "{csv}");
        assert!(to_json(&read).contains("\"Coins\""));
        export(&read, &dir.path().join("out.csv")).unwrap();
        let written = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
        assert!(written.starts_with("time (UTC),who,"), "{written}");
        export(&read, &dir.path().join("out.json")).unwrap();
        let back: Vec<AuditEntry> =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
                .unwrap();
        assert_eq!(back, read);
    }
}
