//! `player get|set|restore|erase`: a live game's saved player data from
//! scripts, through Open Cloud, seen through the project's schema (the same
//! checks, lock rules, backups and erase as the window's live-data pages).
//!
//! The API key is never an argument (arguments show up in process lists and
//! shell history): it comes from the environment variable
//! `DATASTORE_DESIGNER_API_KEY`, a `--key-file`, or the keychain entry the
//! app keeps for the universe, in that order.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde_json::{Map, Value as Json, json};

use super::{EXIT_BAD_INPUT, EXIT_REFUSED};
use crate::live::{
    ApiKey, AuditLog, Call, Cloud, CloudConfig, KeyStore, LiveError, LivePlayers, PlayerRecord,
    PlayerRef, RestoreSource, SaveOptions,
};
use crate::project::file;

/// The environment variable holding the API key.
pub const KEY_VARIABLE: &str = "DATASTORE_DESIGNER_API_KEY";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
    /// The project file (.ron) whose schema the data follows.
    #[arg(long, global = true)]
    pub project: Option<PathBuf>,
    /// The game's universe id (Creator Dashboard: the experience's id).
    #[arg(long, global = true)]
    pub universe: Option<u64>,
    /// A file holding the Open Cloud API key (else the environment variable
    /// DATASTORE_DESIGNER_API_KEY, else the key the app keeps in the keychain).
    #[arg(long, global = true)]
    pub key_file: Option<PathBuf>,
    /// The audit log to append to (default: the app's own log).
    #[arg(long, global = true)]
    pub audit_log: Option<PathBuf>,
    /// Open Cloud's address, for a local test server.
    #[arg(long, global = true, hide = true)]
    pub cloud_url: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Print a player's record as JSON: data, version, lock, broken rules.
    Get {
        /// A user id, or a username.
        player: String,
    },
    /// Change fields of a player's record (checked by the game's rules,
    /// written with the record's etag).
    Set {
        player: String,
        /// FIELD=VALUE, for each field to change (lists, maps and records as JSON).
        #[arg(long = "field", value_name = "FIELD=VALUE")]
        fields: Vec<String>,
        /// A JSON file with the whole data to write instead.
        #[arg(long, conflicts_with = "fields")]
        data: Option<PathBuf>,
        /// Write even though the player is in a game (their server will
        /// overwrite it at its next save).
        #[arg(long)]
        force: bool,
    },
    /// Restore a player's data from the game's backups or Roblox's kept
    /// versions; without --backup or --version, list both.
    Restore {
        player: String,
        /// The backup to restore, 1 being the newest.
        #[arg(long, conflicts_with = "version")]
        backup: Option<usize>,
        /// The Roblox version (revision id) to restore.
        #[arg(long)]
        version: Option<String>,
        /// Show the difference without writing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        force: bool,
    },
    /// Remove everything the game stores for a player (right to erasure).
    Erase {
        player: String,
        /// The player's user id again, to confirm.
        #[arg(long, value_name = "USER_ID")]
        confirm: Option<i64>,
        /// Erase even if the game server holding the player does not let go
        /// within 30 s of being asked (only when that server is gone: a live
        /// one would write their data back).
        #[arg(long)]
        force: bool,
    },
}

/// The API key: environment, then --key-file, then the keychain.
fn api_key(args: &Args, universe: u64) -> anyhow::Result<ApiKey> {
    if let Some(key) = std::env::var(KEY_VARIABLE)
        .ok()
        .as_deref()
        .and_then(ApiKey::new)
    {
        return Ok(key);
    }
    if let Some(path) = &args.key_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("could not read the key file {}", path.display()))?;
        return ApiKey::new(&text)
            .with_context(|| format!("the key file {} is empty", path.display()));
    }
    match KeyStore::new().load(universe)? {
        Some(key) => Ok(key),
        None => bail!(
            "no API key: set {KEY_VARIABLE}, pass --key-file, or save the key for universe {universe} in the app's Live data page"
        ),
    }
}

fn players(args: &Args) -> anyhow::Result<LivePlayers> {
    let Some(project) = &args.project else {
        bail!("--project is needed: the project file whose schema the data follows");
    };
    let Some(universe) = args.universe else {
        bail!("--universe is needed: the game's universe id");
    };
    let project = file::load(project)?;
    let key = api_key(args, universe)?;
    let config = match &args.cloud_url {
        Some(url) => CloudConfig::loopback(url, universe),
        None => CloudConfig::new(universe),
    };
    let audit = args
        .audit_log
        .clone()
        .or_else(AuditLog::default_path)
        .map(AuditLog::at);
    Ok(LivePlayers::new(Cloud::new(config, key), &project, audit))
}

fn find(players: &LivePlayers, who: &str, call: &Call) -> anyhow::Result<i64> {
    let Some(who) = PlayerRef::parse(who) else {
        bail!("name a player: a user id or a username");
    };
    Ok(players.find_player(&who, call)?)
}

/// The record as the JSON `get` prints.
fn record_json(players: &LivePlayers, record: &PlayerRecord) -> Json {
    let form = players.form(record);
    let fields: Vec<Json> = form
        .fields
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "type": f.type_name,
                "limits": f.limits,
                "saved": f.saved,
                "value": f.value,
                "problem": f.problem.as_ref().map(|p| p.message.clone()),
            })
        })
        .collect();
    json!({
        "userId": record.user_id,
        "store": record.store.name,
        "key": record.key,
        "exists": record.exists(),
        "version": record.version,
        "lock": players.lock_state(record).describe(),
        "readOnly": form.read_only,
        "fields": fields,
        "unknownFields": form.unknown.iter().map(|u| (u.name.clone(), u.value.clone())).collect::<Map<_, _>>(),
        "data": record.data,
        "meta": record.meta.raw,
    })
}

/// Exit code and message for a refusal that is the data's state, not bad
/// input: a live session, a conflict, broken rules.
fn refused(error: &LiveError) -> bool {
    matches!(
        error,
        LiveError::InLiveSession { .. }
            | LiveError::NotReleased { .. }
            | LiveError::Conflict { .. }
            | LiveError::Invalid { .. }
    )
}

fn finish<T>(result: Result<T, LiveError>) -> anyhow::Result<Result<T, ExitCode>> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(error) if refused(&error) => {
            eprintln!("refused: {error}");
            if let LiveError::Conflict {
                current: Some(current),
            } = &error
            {
                eprintln!("the record now: {}", current.value);
            }
            Ok(Err(ExitCode::from(EXIT_REFUSED)))
        }
        Err(error) => Err(error.into()),
    }
}

/// Applies FIELD=VALUE changes to `data` under the record's own schema.
fn apply_fields(
    players: &LivePlayers,
    record: &PlayerRecord,
    changes: &[String],
) -> anyhow::Result<Map<String, Json>> {
    let mut form = players.form(record);
    if let Some(why) = &form.read_only {
        bail!("{why}");
    }
    let fields = players.fields_of(record.version).unwrap_or(&[]).to_vec();
    for (change, (name, value)) in changes.iter().zip(split_fields(changes)?) {
        form.set_text(name, value, &fields)
            .map_err(|why| anyhow::anyhow!("--field {change}: {why}"))?;
    }
    Ok(form.data())
}

/// Each --field as (name, value text), or a message for the first one not
/// written as FIELD=VALUE (checked before any request is made).
fn split_fields(changes: &[String]) -> anyhow::Result<Vec<(&str, &str)>> {
    changes
        .iter()
        .map(|change| match change.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => Ok((name.trim(), value)),
            _ => bail!("--field {change}: write it as FIELD=VALUE, for example --field Coins=100"),
        })
        .collect()
}

fn read_data(path: &Path) -> anyhow::Result<Map<String, Json>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    let value: Json =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    match value {
        Json::Object(map) => Ok(map),
        _ => bail!("{} must hold a JSON object of fields", path.display()),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let players = players(&args)?;
    let call = Call::new();
    match &args.action {
        Action::Get { player } => {
            let id = find(&players, player, &call)?;
            let record = players.look_up(id, &call)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&record_json(&players, &record))?
            );
        }
        Action::Set {
            player,
            fields,
            data,
            force,
        } => {
            if data.is_none() && fields.is_empty() {
                bail!("nothing to set: pass --field FIELD=VALUE or --data FILE");
            }
            split_fields(fields)?;
            let id = find(&players, player, &call)?;
            let record = players.look_up(id, &call)?;
            let new = match data {
                Some(path) => read_data(path)?,
                None => apply_fields(&players, &record, fields)?,
            };
            let changes = crate::live::diff_data(&record.data, &new);
            let options = SaveOptions { force: *force };
            match finish(players.save(&record, new, options, &call))? {
                Ok(_) => {
                    for change in &changes {
                        println!("{}", change.describe());
                    }
                    println!("saved {} ({} changed)", record.key, changes.len());
                }
                Err(code) => return Ok(code),
            }
        }
        Action::Restore {
            player,
            backup,
            version,
            dry_run,
            force,
        } => {
            let id = find(&players, player, &call)?;
            let current = players.look_up(id, &call)?;
            let source = match (backup, version) {
                (Some(index), _) => RestoreSource::Backup { index: *index },
                (None, Some(revision_id)) => RestoreSource::Version {
                    revision_id: revision_id.clone(),
                },
                (None, None) => {
                    list_sources(&players, id, &call)?;
                    return Ok(ExitCode::SUCCESS);
                }
            };
            let plan = players.plan_restore(&current, &source, &call)?;
            println!("{}:", plan.description);
            for change in &plan.changes {
                println!("  {}", change.describe());
            }
            if plan.changes.is_empty() {
                println!("  (the same as the current data)");
            }
            for problem in &plan.problems {
                println!("  breaks a rule: {}", problem.message);
            }
            if *dry_run {
                return Ok(ExitCode::SUCCESS);
            }
            match finish(players.restore(&current, &plan, SaveOptions { force: *force }, &call))? {
                Ok(_) => println!("restored {}", current.key),
                Err(code) => return Ok(code),
            }
        }
        Action::Erase {
            player,
            confirm,
            force,
        } => {
            let id = find(&players, player, &call)?;
            if *confirm != Some(id) {
                eprintln!(
                    "Erasing removes everything the game stores for user {id} and can't be undone. To confirm, run it again with --confirm {id}."
                );
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
            match finish(players.erase(id, SaveOptions { force: *force }, &call))? {
                Ok(report) => {
                    for key in &report.keys {
                        let kind = if key.ordered { "leaderboard " } else { "" };
                        let what = if key.removed {
                            "removed"
                        } else {
                            "nothing there"
                        };
                        println!("{kind}{}: {what}", key.place());
                    }
                    println!("erased user {id}");
                }
                Err(code) => return Ok(code),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list_sources(players: &LivePlayers, id: i64, call: &Call) -> anyhow::Result<()> {
    let backups = players.backups(id, call)?;
    println!("Backups (restore with --backup N):");
    if backups.is_empty() {
        println!("  none");
    }
    for backup in &backups {
        let at = backup
            .at
            .map_or_else(|| "unknown time".into(), crate::live::time::describe);
        let note = backup
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        println!(
            "  {}: {at}, data version {}{note}",
            backup.index,
            backup.schema_version.unwrap_or(0)
        );
    }
    let versions = players.versions(id, None, call)?;
    println!("Roblox's versions (restore with --version ID):");
    if versions.revisions.is_empty() {
        println!("  none");
    }
    for revision in &versions.revisions {
        let at = revision.time.map_or_else(
            || "unknown time".into(),
            |ms| crate::live::time::describe(ms / 1000),
        );
        let removed = if revision.state == crate::live::EntryState::Deleted {
            " (removed)"
        } else {
            ""
        };
        println!("  {}: {at}{removed}", revision.revision_id);
    }
    Ok(())
}
