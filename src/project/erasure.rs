//! Where the export keeps anything about a player, for Roblox's
//! right-to-erasure requests: the DataStores, scopes and keys to put into the
//! erasure templates on the Creator Dashboard. `DataManager:Erase(userId)`
//! removes the same keys from inside the game.

use std::fmt::Write as _;

use super::{Period, Project};

/// The scope Roblox uses when a game names none.
pub const DEFAULT_SCOPE: &str = "global";

/// Roblox's longest DataStore key, in characters.
const MAX_KEY_CHARS: usize = 50;

/// The longest user id, in digits (ids are 64-bit signed numbers).
const LONGEST_USER_ID_DIGITS: usize = 19;

/// What kind of DataStore a key is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    /// A standard DataStore (`GetDataStore`).
    Standard,
    /// A ranked DataStore (`GetOrderedDataStore`), as leaderboards use.
    Ordered,
}

impl StoreKind {
    pub fn describe(self) -> &'static str {
        match self {
            StoreKind::Standard => "DataStore",
            StoreKind::Ordered => "OrderedDataStore",
        }
    }
}

/// One key the export may write for a player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureKey {
    pub kind: StoreKind,
    /// The DataStore's name.
    pub store: String,
    pub scope: String,
    /// The key, with `{UserId}` standing for the player's user id.
    pub key: String,
    /// What the key holds, in plain words.
    pub holds: String,
}

/// Every key the export may write for one player, in the order to erase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureList {
    pub keys: Vec<ErasureKey>,
}

impl ErasureList {
    pub fn of(project: &Project) -> Self {
        let policy = &project.save_policy;
        let scope = policy.scope.clone().unwrap_or_else(|| DEFAULT_SCOPE.into());
        let pattern = policy.key_pattern.clone();
        let mut keys = Vec::new();
        let record = |store: &str, holds: String| ErasureKey {
            kind: StoreKind::Standard,
            store: store.into(),
            scope: scope.clone(),
            key: pattern.clone(),
            holds,
        };
        let backups = |store: &str, key: String, holds: &str| ErasureKey {
            kind: StoreKind::Standard,
            store: store.into(),
            scope: scope.clone(),
            key,
            holds: holds.into(),
        };
        let add_backups = |keys: &mut Vec<ErasureKey>, store: &str| {
            keys.push(backups(
                store,
                format!("{pattern}/backups"),
                "backups of the player's record (written while backups are on)",
            ));
            // The runtime moves the backups key when the first form would be
            // too long for Roblox (see Backups.keyFor).
            let longest = pattern.replace("{UserId}", &"9".repeat(LONGEST_USER_ID_DIGITS));
            if longest.chars().count() + "/backups".len() > MAX_KEY_CHARS {
                keys.push(backups(
                    store,
                    "backups/{UserId}".into(),
                    "backups, for user ids too long for the key above",
                ));
            }
        };

        keys.push(record(&policy.datastore, "the player's saved data".into()));
        add_backups(&mut keys, &policy.datastore);

        // Each period of a board keeps its entries under a scope of its own
        // (see project::periods); all time uses the default scope.
        let mut ordered: Vec<(&str, Period)> = Vec::new();
        for board in &project.leaderboards {
            for &period in &board.periods {
                if board.ordered_datastore.is_empty()
                    || ordered.contains(&(board.ordered_datastore.as_str(), period))
                {
                    continue;
                }
                ordered.push((&board.ordered_datastore, period));
                let (scope, holds) = match period {
                    Period::AllTime => (
                        DEFAULT_SCOPE.to_string(),
                        format!("the player's entry on the {} leaderboard", board.name),
                    ),
                    Period::Monthly => (
                        "Monthly_{YYYY-MM}".into(),
                        format!(
                            "the player's {} entries, one scope per month (Erase: this and last month's)",
                            board.name
                        ),
                    ),
                    Period::Daily | Period::Weekly => (
                        format!("{}_{{YYYY-MM-DD}}", period.code()),
                        format!(
                            "the player's {} entries, one scope per {} from the day it starts (Erase: this and last {}'s)",
                            board.name,
                            if period == Period::Daily {
                                "day"
                            } else {
                                "week"
                            },
                            if period == Period::Daily {
                                "day"
                            } else {
                                "week"
                            },
                        ),
                    ),
                };
                keys.push(ErasureKey {
                    kind: StoreKind::Ordered,
                    store: board.ordered_datastore.clone(),
                    scope,
                    key: "{UserId}".into(),
                    holds,
                });
            }
        }

        // Players who have not joined since an older version still have
        // their record (and maybe backups) in that version's DataStore.
        let mut older: Vec<&str> = vec![policy.datastore.as_str()];
        for published in project.history.iter().rev() {
            if older.contains(&published.datastore.as_str()) {
                continue;
            }
            older.push(&published.datastore);
            keys.push(record(
                &published.datastore,
                format!(
                    "the player's data from version {}, if they have not played since",
                    published.schema.version
                ),
            ));
            add_backups(&mut keys, &published.datastore);
        }
        ErasureList { keys }
    }

    /// The list as plain text to copy into a note or a ticket.
    pub fn to_text(&self) -> String {
        let mut text = String::from(
            "Keys that hold a player's data ({UserId} stands for the player's user id):\n",
        );
        for key in &self.keys {
            let _ = writeln!(
                text,
                "- {} \"{}\", scope \"{}\", key \"{}\": {}",
                key.kind.describe(),
                key.store,
                key.scope,
                key.key,
                key.holds
            );
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{examples, file};

    fn starter() -> Project {
        file::parse_str(examples::text("starter").unwrap(), "starter").unwrap()
    }

    #[test]
    fn lists_every_key_of_the_starter_example() {
        let project = starter();
        insta::assert_snapshot!(ErasureList::of(&project).to_text());
    }

    #[test]
    fn long_keys_list_the_backups_fallback_and_shared_stores_once() {
        let mut project = starter();
        project.save_policy.key_pattern = format!("{}{{UserId}}", "P".repeat(30));
        project.leaderboards.truncate(1);
        let board = project.leaderboards[0].clone();
        project.leaderboards.push(board);
        let list = ErasureList::of(&project);
        assert!(list.keys.iter().any(|k| k.key == "backups/{UserId}"));
        let ordered = list.keys.iter().filter(|k| k.kind == StoreKind::Ordered);
        assert_eq!(ordered.count(), 1);
    }
}
