//! DataStore names, scopes and keys: Roblox allows at most 50 characters
//! each, and each player needs a key of their own.

use super::Report;
use super::text::{count, quote};
use crate::project::Project;
use crate::project::save_policy::{STUDIO_SUFFIX, SavePolicy, StudioMode, USER_ID_PLACEHOLDER};

/// Longest DataStore name, scope or key Roblox accepts.
pub(super) const MAX_NAME_CHARS: usize = 50;

/// The longest user id: 19 digits (ids are 64-bit signed numbers).
const LONGEST_USER_ID: u64 = 9_999_999_999_999_999_999;

/// Checks a DataStore name or scope: `what` names it ("DataStore name").
pub(super) fn check_store_name(what: &str, name: &str, path: &str, out: &mut Report) {
    if name.is_empty() {
        out.error(
            "store-name-empty",
            path,
            format!("The {what} is empty."),
            format!("Give it a name, such as PlayerData_v1 (at most {MAX_NAME_CHARS} characters)."),
        );
    } else if name.len() > MAX_NAME_CHARS {
        out.error(
            "store-name-too-long",
            path,
            format!(
                "The {what} {} is {} long, but Roblox allows at most {MAX_NAME_CHARS}.{}",
                quote(name),
                count(name.len() as u64, "character", "characters"),
                non_english_note(name)
            ),
            format!("Shorten it to {MAX_NAME_CHARS} characters or fewer."),
        );
    }
}

/// Letters outside English take more than one of Roblox's characters.
fn non_english_note(text: &str) -> &'static str {
    if text.is_ascii() {
        ""
    } else {
        " (Letters and signs outside English count as 2 to 4 characters each.)"
    }
}

/// With separate test data, Studio uses each DataStore under its name plus
/// [`STUDIO_SUFFIX`]: that name must fit too, or play tests fail to load.
pub(super) fn check_studio_names(project: &Project, out: &mut Report) {
    if project.save_policy.studio != StudioMode::SeparateTestData {
        return;
    }
    let mut names: Vec<&str> = vec![project.save_policy.datastore.as_str()];
    names.extend(project.history.iter().map(|p| p.datastore.as_str()));
    names.extend(
        project
            .leaderboards
            .iter()
            .map(|b| b.ordered_datastore.as_str()),
    );
    let mut seen: Vec<&str> = Vec::new();
    for name in names {
        if seen.contains(&name) || name.is_empty() || name.len() > MAX_NAME_CHARS {
            continue; // empty and too-long names have their own errors
        }
        seen.push(name);
        let studio = format!("{name}{STUDIO_SUFFIX}");
        if studio.len() > MAX_NAME_CHARS {
            out.warning(
                "studio-store-name-too-long",
                "saving/studio",
                format!(
                    "In Studio, play tests use the DataStore {} for separate test data, which is {} \
                     long; Roblox allows at most {MAX_NAME_CHARS}, so play tests can't load or save.",
                    quote(&studio),
                    count(studio.len() as u64, "character", "characters"),
                ),
                format!(
                    "Shorten {} to {} characters or fewer, or choose another Studio mode in Saving.",
                    quote(name),
                    MAX_NAME_CHARS - STUDIO_SUFFIX.len()
                ),
            );
        }
    }
}

/// The player DataStore: name, scope, key pattern and version suffix.
pub(super) fn check_player_store(policy: &SavePolicy, out: &mut Report) {
    check_store_name("DataStore name", &policy.datastore, "saving/datastore", out);
    if let Some(scope) = &policy.scope {
        if scope.is_empty() {
            out.error(
                "store-name-empty",
                "saving/scope",
                "The DataStore scope is set but empty.",
                "Remove the scope (most games have none), or give it a name.",
            );
        } else {
            check_store_name("DataStore scope", scope, "saving/scope", out);
        }
    }
    check_key(&policy.key_pattern, out);
    if !policy.datastore.is_empty() && !has_version_suffix(&policy.datastore) {
        out.warning(
            "datastore-no-version",
            "saving/datastore",
            format!(
                "The DataStore name {} doesn't end in a version such as _v1. A version in the \
                 name lets you start a new DataStore later (for example after a big change) \
                 while the old one stays readable.",
                quote(&policy.datastore)
            ),
            format!(
                "If the game is not live yet, rename it to {}_v1. If players already have \
                 saved data, keep the name: a new name would start everyone from scratch.",
                policy.datastore
            ),
        );
    }
}

fn check_key(pattern: &str, out: &mut Report) {
    let path = "saving/key_pattern";
    if !pattern.contains(USER_ID_PLACEHOLDER) {
        let hint = if pattern.to_ascii_lowercase().contains("{userid}") {
            format!(" It has a different spelling: it must be exactly {USER_ID_PLACEHOLDER}.")
        } else {
            String::new()
        };
        out.error(
            "key-missing-user-id",
            path,
            format!(
                "The key {} doesn't contain {USER_ID_PLACEHOLDER}, so every player would load \
                 and save the same record and overwrite each other's data.{hint}",
                quote(pattern)
            ),
            format!(
                "Put {USER_ID_PLACEHOLDER} into the key, for example Player_{USER_ID_PLACEHOLDER}."
            ),
        );
        return;
    }
    let longest = pattern.replace(USER_ID_PLACEHOLDER, &LONGEST_USER_ID.to_string());
    if longest.len() > MAX_NAME_CHARS {
        out.error(
            "key-too-long",
            path,
            format!(
                "With the longest possible user id (19 digits) the key {} is {} long, but Roblox \
                 allows at most {MAX_NAME_CHARS}.{}",
                quote(pattern),
                count(longest.len() as u64, "character", "characters"),
                non_english_note(pattern)
            ),
            format!(
                "Shorten the text around {USER_ID_PLACEHOLDER} by {}.",
                count(
                    (longest.len() - MAX_NAME_CHARS) as u64,
                    "character",
                    "characters"
                )
            ),
        );
    }
}

/// Whether a name ends in a version: `_v1`, `-v2`, `V3`.
fn has_version_suffix(name: &str) -> bool {
    let digits = name.trim_end_matches(|c: char| c.is_ascii_digit());
    digits.len() < name.len() && (digits.ends_with('v') || digits.ends_with('V'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_suffixes() {
        assert!(has_version_suffix("PlayerData_v1"));
        assert!(has_version_suffix("PlayerDataV12"));
        assert!(!has_version_suffix("PlayerData"));
        assert!(!has_version_suffix("PlayerData1"));
        assert!(!has_version_suffix("v"));
    }
}
