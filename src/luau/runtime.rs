//! The hand-written server runtime: the `DataManager` ModuleScript and its
//! helper modules, plus the Script that starts it. They are plain Luau files
//! in `assets/luau/`, embedded into the binary and exported unchanged next
//! to the generated `Config` and `Types` modules, which they read at run time.
//!
//! Layout in the export (Rojo):
//! - `src/ServerScriptService/DataManager/init.luau`: the ModuleScript
//!   `DataManager`; every other module (Config, Types and the ones below) is
//!   its child.
//! - `src/ServerScriptService/DataManagerStart.server.luau`: a Script that
//!   requires DataManager and calls `:Start()`.

use crate::project::Project;
use crate::studio::plan::{DATA_MANAGER, ExportPlan};
use crate::studio::rojo::{self, Container, ScriptKind};

/// One embedded runtime file.
#[derive(Debug, Clone, Copy)]
pub struct RuntimeFile {
    /// Folders below ServerScriptService.
    pub folders: &'static [&'static str],
    /// Instance name (`init` makes the folder itself the script).
    pub name: &'static str,
    pub kind: ScriptKind,
    /// Path below `assets/luau/` in the source tree.
    pub asset: &'static str,
    pub source: &'static str,
    /// What the file does, in one line.
    pub summary: &'static str,
}

impl RuntimeFile {
    /// Where the file goes in the export folder.
    pub fn export_path(&self) -> String {
        rojo::script_path(
            Container::ServerScriptService,
            self.folders,
            self.name,
            self.kind,
        )
    }
}

macro_rules! module {
    ($name:literal, $summary:literal) => {
        RuntimeFile {
            folders: &[DATA_MANAGER],
            name: $name,
            kind: ScriptKind::Module,
            asset: concat!("DataManager/", $name, ".luau"),
            source: include_str!(concat!("../../assets/luau/DataManager/", $name, ".luau")),
            summary: $summary,
        }
    };
}

/// Every runtime file, the main module first.
pub const FILES: &[RuntimeFile] = &[
    module!(
        "init",
        "DataManager itself: joining, leaving, auto-save, shutdown and the API other scripts use"
    ),
    module!(
        "Session",
        "one player's data from loading (lock, migration) to the final save"
    ),
    module!(
        "RecordStore",
        "every request on players' records: load, save, release, move from an older DataStore"
    ),
    module!(
        "SessionLock",
        "the lock inside each record and the MessagingService handoff between servers"
    ),
    module!(
        "Presence",
        "\"this server is alive\" entries in MemoryStore, so a live server's data is never taken"
    ),
    module!(
        "Migrate",
        "brings data saved under an earlier version (or the seed's plain tables) up to date"
    ),
    module!(
        "Reconcile",
        "fills missing fields with defaults and mends values that break the rules"
    ),
    module!(
        "Validate",
        "checks values before they are kept or saved: storable, the field rules, the size limit"
    ),
    module!("Retry", "retries with exponential backoff and jitter"),
    module!(
        "Mode",
        "how DataStores are used in Studio: separate test data, live data, load-only or none"
    ),
    module!(
        "Outage",
        "notices when DataStores keep failing and when they work again"
    ),
    module!(
        "Grants",
        "what products and gifts give, and the ids that make each count once"
    ),
    module!(
        "Budget",
        "waits in line for DataStore request budget instead of being throttled"
    ),
    module!(
        "Backups",
        "the last few copies of each player's data, to list and restore"
    ),
    module!(
        "Leaderstats",
        "the player-list values, synced both ways with the data"
    ),
    module!(
        "Leaderboards",
        "global leaderboards: stats to OrderedDataStores, top lists to clients"
    ),
    module!(
        "Periods",
        "when daily, weekly and monthly leaderboards start again, and where each period's scores go"
    ),
    module!(
        "NumberKinds",
        "how decimals, times and huge numbers are kept in an OrderedDataStore"
    ),
    module!(
        "KeyValueStore",
        "a simple safe wrapper for single values that are not player data"
    ),
    module!(
        "Signal",
        "the events scripts connect to: Loaded, Saved, Left and others"
    ),
    module!("TableUtil", "deep copies and comparisons"),
    RuntimeFile {
        folders: &[],
        name: "DataManagerStart",
        kind: ScriptKind::Server,
        asset: "DataManagerStart.server.luau",
        source: include_str!("../../assets/luau/DataManagerStart.server.luau"),
        summary: "the Script that starts DataManager when the server starts",
    },
];

/// Adds the runtime files to an export. They are the same for every project:
/// everything project-specific is in the generated Config and Types modules.
pub fn add_runtime(plan: &mut ExportPlan, _project: &Project) {
    for file in FILES {
        plan.add_script(
            Container::ServerScriptService,
            file.folders,
            file.name,
            file.kind,
            file.source.to_string(),
        );
    }
}

/// README lines listing the runtime files, one per file.
pub fn readme_lines() -> String {
    FILES
        .iter()
        .map(|file| format!("- `{}`: {}.\n", file.export_path(), file.summary))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_rojo_naming() {
        assert_eq!(
            FILES[0].export_path(),
            "src/ServerScriptService/DataManager/init.luau"
        );
        let start = FILES.iter().find(|f| f.name == "DataManagerStart").unwrap();
        assert_eq!(
            start.export_path(),
            "src/ServerScriptService/DataManagerStart.server.luau"
        );
    }

    #[test]
    fn names_are_unique_and_not_generated_ones() {
        let mut names: Vec<&str> = FILES.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FILES.len());
        assert!(!names.contains(&"Config") && !names.contains(&"Types"));
    }
}
