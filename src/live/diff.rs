//! Field-by-field differences between two versions of a player's data,
//! shown before any write and kept in the audit log. Records (and maps) are
//! compared field by field down to the part that changed; a list that
//! changed is one change.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use super::validate::join;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One difference, at `path` (e.g. `Coins` or `Settings.Volume`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub path: String,
    pub kind: ChangeKind,
    pub before: Option<Json>,
    pub after: Option<Json>,
}

impl FieldChange {
    /// The change in words: "Coins: 5 → 500".
    pub fn describe(&self) -> String {
        let show = |v: &Option<Json>| v.as_ref().map_or_else(|| "nothing".to_string(), short);
        match self.kind {
            ChangeKind::Added => format!("{}: added, {}", self.path, show(&self.after)),
            ChangeKind::Removed => format!("{}: removed (was {})", self.path, show(&self.before)),
            ChangeKind::Changed => {
                format!(
                    "{}: {} → {}",
                    self.path,
                    show(&self.before),
                    show(&self.after)
                )
            }
        }
    }
}

/// A value in one line, shortened past 80 characters.
pub fn short(value: &Json) -> String {
    let text = value.to_string();
    if text.chars().count() > 80 {
        let cut: String = text.chars().take(77).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn as_map(value: &Json) -> Option<&Map<String, Json>> {
    value.as_object()
}

fn walk(path: &str, before: Option<&Json>, after: Option<&Json>, out: &mut Vec<FieldChange>) {
    match (before, after) {
        (None, None) => {}
        (Some(b), Some(a)) if same(b, a) => {}
        (Some(b), Some(a)) => match (as_map(b), as_map(a)) {
            (Some(bm), Some(am)) => diff_maps(path, bm, am, out),
            _ => out.push(FieldChange {
                path: path.to_string(),
                kind: ChangeKind::Changed,
                before: Some(b.clone()),
                after: Some(a.clone()),
            }),
        },
        (None, Some(a)) => out.push(FieldChange {
            path: path.to_string(),
            kind: ChangeKind::Added,
            before: None,
            after: Some(a.clone()),
        }),
        (Some(b), None) => out.push(FieldChange {
            path: path.to_string(),
            kind: ChangeKind::Removed,
            before: Some(b.clone()),
            after: None,
        }),
    }
}

/// Equal as Luau sees them: 5 and 5.0 are one number; [] and {} are both an
/// empty table.
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::Array(x), Json::Object(y)) | (Json::Object(y), Json::Array(x)) => {
            x.is_empty() && y.is_empty()
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn diff_maps(
    path: &str,
    before: &Map<String, Json>,
    after: &Map<String, Json>,
    out: &mut Vec<FieldChange>,
) {
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        walk(&join(path, key), before.get(key), after.get(key), out);
    }
}

/// Every difference from `before` to `after`, sorted by path.
pub fn diff_data(before: &Map<String, Json>, after: &Map<String, Json>) -> Vec<FieldChange> {
    let mut out = Vec::new();
    diff_maps("", before, after, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn records_are_compared_field_by_field_and_lists_whole() {
        let before =
            json!({"Coins": 5, "Settings": {"Volume": 1, "Music": true}, "Bag": ["a"], "Gone": 1});
        let after = json!({"Coins": 5.0, "Settings": {"Volume": 0.5, "Music": true}, "Bag": ["a", "b"], "New": []});
        let changes = diff_data(before.as_object().unwrap(), after.as_object().unwrap());
        let words: Vec<String> = changes.iter().map(FieldChange::describe).collect();
        assert_eq!(
            words,
            vec![
                "Bag: [\"a\"] → [\"a\",\"b\"]",
                "Gone: removed (was 1)",
                "New: added, []",
                "Settings.Volume: 1 → 0.5",
            ]
        );
    }
}
