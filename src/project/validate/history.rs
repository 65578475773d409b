//! Published versions and the changes between them: every record saved
//! under an older version must have a way to become a record of the current
//! one.

use std::collections::HashMap;

use super::schema::innermost;
use super::stores::check_store_name;
use super::text::{a_type, name as show, quote};
use super::{MAX_DEPTH, Report, join};
use crate::project::{Change, Conversion, Field, FieldType, Project, Schema};

pub(super) fn check(project: &Project, out: &mut Report) {
    let current = &project.schema;
    let mut previous: Option<u32> = None;
    for (index, published) in project.history.iter().enumerate() {
        let version = published.schema.version;
        let path = format!("versions/{version}");
        check_store_name(
            "DataStore name",
            &published.datastore,
            &join(&path, "datastore"),
            out,
        );
        if let Some(before) = previous.filter(|before| version <= *before) {
            out.error(
                "history-version-order",
                path.clone(),
                format!(
                    "Published version {version} comes after version {before}; versions must \
                     go up, oldest first."
                ),
                "Put the published versions in order and give each a higher number than the \
                 one before.",
            );
        } else if version >= current.version {
            out.error(
                "history-version-order",
                path.clone(),
                format!(
                    "Published version {version} is not older than the current version \
                     {}; the current version must have the highest number.",
                    current.version
                ),
                format!(
                    "Set the current version to {} or higher.",
                    version.saturating_add(1)
                ),
            );
        }
        previous = Some(version);
        let old = index.checked_sub(1).map(|i| &project.history[i].schema);
        check_step(old, &published.schema, &join(&path, "data"), out);
    }
    let old = project.history.last().map(|p| &p.schema);
    check_step(old, current, "data", out);
}

/// The changes that turn a record of `old` into one of `new`. `fields_path`
/// is where the new version's fields are (`data` for the current one).
fn check_step(old: Option<&Schema>, new: &Schema, fields_path: &str, out: &mut Report) {
    let changes_path = format!("versions/{}/changes", new.version);
    let Some(old) = old else {
        if !new.changes.is_empty() {
            out.error(
                "changes-without-previous",
                join(&changes_path, "0"),
                format!(
                    "Version {} lists changes from an earlier version, but there is no \
                     earlier published version.",
                    new.version
                ),
                "Remove the changes, or add the earlier version to the published versions.",
            );
        }
        return;
    };
    let old_fields = by_name(&old.fields);
    let new_fields = by_name(&new.fields);
    let v_old = old.version;
    let v_new = new.version;

    /// What the changes say about one old field.
    #[derive(Default)]
    struct Fate<'a> {
        /// Renamed to or removed (the change's index).
        moved: Option<usize>,
        renamed_to: Option<&'a str>,
        retyped: Option<usize>,
    }
    let mut fates: HashMap<&str, Fate<'_>> = HashMap::new();
    // New names that renames lead to, with the change that does.
    let mut targets: HashMap<&str, usize> = HashMap::new();
    // Renames that were accepted, in order.
    let mut renames: Vec<(usize, &str, &str)> = Vec::new();

    for (index, change) in new.changes.iter().enumerate() {
        let path = join(&changes_path, &index.to_string());
        let (field, verb) = match change {
            Change::Rename { from, .. } => (from, "renames"),
            Change::Remove { field } => (field, "removes"),
            Change::Retype { field, .. } => (field, "changes the type of"),
        };
        if !old_fields.contains_key(field.as_str()) {
            out.error(
                "change-unknown-field",
                path,
                format!(
                    "Change {} of version {v_new} {verb} {}, but version {v_old} has no field \
                     of that name.",
                    index + 1,
                    show(field)
                ),
                "Pick a field that version ".to_string()
                    + &v_old.to_string()
                    + " has (changes use the old names), or remove the change.",
            );
            continue;
        }
        let fate = fates.entry(field.as_str()).or_default();
        match change {
            Change::Rename { from, to } => {
                if let Some(earlier) = fate.moved {
                    conflict(out, path, index, earlier, from);
                    continue;
                }
                fate.moved = Some(index);
                fate.renamed_to = Some(to.as_str());
                renames.push((index, from.as_str(), to.as_str()));
                if !new_fields.contains_key(to.as_str()) {
                    out.error(
                        "rename-target-missing",
                        path.clone(),
                        format!(
                            "Change {} renames {} to {}, but version {v_new} has no field called \
                             {}.",
                            index + 1,
                            show(from),
                            show(to),
                            show(to)
                        ),
                        format!(
                            "Add the field {} to version {v_new}, or correct the new name.",
                            show(to)
                        ),
                    );
                }
                if let Some(earlier) = targets.insert(to.as_str(), index) {
                    out.error(
                        "conflicting-changes",
                        path,
                        format!(
                            "Changes {} and {} both rename a field to {}, so one value would \
                             overwrite the other.",
                            earlier + 1,
                            index + 1,
                            show(to)
                        ),
                        "Rename each old field to its own new name.",
                    );
                }
            }
            Change::Remove { field } => {
                if let Some(earlier) = fate.moved {
                    conflict(out, path, index, earlier, field);
                    continue;
                }
                fate.moved = Some(index);
            }
            Change::Retype { field, .. } => {
                if let Some(earlier) = fate.retyped {
                    conflict(out, path, index, earlier, field);
                    continue;
                }
                fate.retyped = Some(index);
            }
        }
    }

    // A rename onto an old field that stays would merge two fields.
    for (index, from, to) in renames {
        let kept = old_fields.contains_key(to)
            && to != from
            && fates.get(to).is_none_or(|fate| fate.moved.is_none());
        if kept {
            out.error(
                "conflicting-changes",
                join(&changes_path, &index.to_string()),
                format!(
                    "Change {} renames {} to {}, but version {v_old} already has a field {}                      that no change renames or removes, so one value would overwrite the other.",
                    index + 1,
                    show(from),
                    show(to),
                    show(to)
                ),
                format!("Also rename or remove the old {}, or pick another new name.", show(to)),
            );
        }
    }

    // Now that renames are known, check each retype against the new field,
    // and each old field for a type change or a disappearance no change
    // explains.
    let mut missing: Vec<&str> = Vec::new();
    for old_field in &old.fields {
        let name = old_field.name.as_str();
        if old_fields
            .get(name)
            .is_some_and(|first| !std::ptr::eq(*first, old_field))
        {
            continue; // A duplicate name, reported with the fields.
        }
        let fate = fates.get(name);
        let removed = fate.is_some_and(|f| f.moved.is_some() && f.renamed_to.is_none());
        let new_name = match fate.and_then(|f| f.renamed_to) {
            Some(to) => to,
            None if removed => {
                if let Some(retype) = fate.and_then(|f| f.retyped) {
                    let earlier = fate.and_then(|f| f.moved).unwrap_or(retype);
                    conflict(
                        out,
                        join(&changes_path, &retype.to_string()),
                        retype,
                        earlier,
                        name,
                    );
                }
                continue;
            }
            None => name,
        };
        let Some(new_field) = new_fields.get(new_name) else {
            if fate.and_then(|f| f.renamed_to).is_none() {
                missing.push(name);
            }
            continue;
        };
        if let Some(retype) = fate.and_then(|f| f.retyped) {
            if let Some(Change::Retype { conversion, .. }) = new.changes.get(retype)
                && within_depth(&old_field.ty)
                && within_depth(&new_field.ty)
                && !conversion.fits(&old_field.ty, &new_field.ty)
            {
                let fitting: Vec<&str> = Conversion::ALL
                    .iter()
                    .filter(|c| c.fits(&old_field.ty, &new_field.ty))
                    .map(|c| c.describe())
                    .collect();
                out.error(
                    "retype-conversion-mismatch",
                    join(&changes_path, &retype.to_string()),
                    format!(
                        "Change {} converts {} from {} to {} with \"{}\", which can't turn one \
                         into the other.",
                        retype + 1,
                        show(name),
                        shape_name(&old_field.ty),
                        shape_name(&new_field.ty),
                        conversion.describe()
                    ),
                    format!("Pick a conversion that fits: {}.", fitting.join(", or ")),
                );
            }
        } else if !same_shape(&old_field.ty, &new_field.ty, 0) {
            let where_ = if new_name == name {
                String::new()
            } else {
                format!(" (now called {})", show(new_name))
            };
            out.error(
                "type-changed-without-retype",
                join(fields_path, new_name),
                format!(
                    "{}{where_} was {} in version {v_old} and is {} in version {v_new}, but no \
                     change says how saved values are converted, so old records would load \
                     with values of the wrong type.",
                    show(name),
                    shape_name(&old_field.ty),
                    shape_name(&new_field.ty)
                ),
                format!(
                    "Add a \"change type\" step for {} to version {v_new}, choosing how old \
                     values become new ones (or to start again from the default).",
                    show(name)
                ),
            );
        }
    }
    for name in missing {
        out.error(
            "missing-change",
            changes_path.clone(),
            format!(
                "{} was in version {v_old} but is not in version {v_new}, and no change says \
                 whether it was removed or renamed. If it was renamed, players would lose \
                 their saved values.",
                show(name)
            ),
            format!(
                "Add a rename change from {} to its new name, or a remove change for it.",
                show(name)
            ),
        );
    }
}

fn conflict(out: &mut Report, path: String, index: usize, earlier: usize, field: &str) {
    out.error(
        "conflicting-changes",
        path,
        format!(
            "Changes {} and {} both act on {}, which can only be renamed or removed once and \
             retyped once.",
            earlier + 1,
            index + 1,
            show(field)
        ),
        format!("Remove one of the two changes to {}.", quote(field)),
    );
}

/// Fields by name; the first wins when names repeat.
pub(crate) fn by_name(fields: &[Field]) -> HashMap<&str, &Field> {
    let mut map = HashMap::with_capacity(fields.len());
    for field in fields {
        map.entry(field.name.as_str()).or_insert(field);
    }
    map
}

/// Whether comparing or describing `ty` stays within the nesting limit.
fn within_depth(ty: &FieldType) -> bool {
    fn depth(ty: &FieldType, levels: usize) -> bool {
        let (inner, wrappers) = innermost(ty);
        let levels = levels.saturating_add(wrappers);
        match inner {
            FieldType::Record(fields) => {
                levels < MAX_DEPTH && fields.iter().all(|f| depth(&f.ty, levels + 1))
            }
            _ => levels <= MAX_DEPTH,
        }
    }
    depth(ty, 0)
}

/// Whether saved values of type `a` are values of type `b`: the same kinds
/// all the way down. Records may gain or lose fields (new ones start at their
/// defaults); fields they keep must keep their shape. Publishing uses the
/// same rule, so a published migration checks clean.
pub(crate) fn same_shape(a: &FieldType, b: &FieldType, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return true; // Reported as too deep with the fields.
    }
    match (a, b) {
        (FieldType::Integer, FieldType::Integer)
        | (FieldType::Number, FieldType::Number)
        | (FieldType::String, FieldType::String)
        | (FieldType::Boolean, FieldType::Boolean) => true,
        (FieldType::List(a), FieldType::List(b)) | (FieldType::Map(a), FieldType::Map(b)) => {
            same_shape(a, b, depth + 1)
        }
        (FieldType::Record(a), FieldType::Record(b)) => {
            let b = by_name(b);
            a.iter().all(|field| {
                b.get(field.name.as_str())
                    .is_none_or(|other| same_shape(&field.ty, &other.ty, depth + 1))
            })
        }
        _ => false,
    }
}

/// A type's name for messages, safe at any depth.
fn shape_name(ty: &FieldType) -> String {
    if within_depth(ty) {
        a_type(ty)
    } else {
        match ty {
            FieldType::List(_) => "a deeply nested list".into(),
            FieldType::Map(_) => "a deeply nested map".into(),
            _ => "a deeply nested record".into(),
        }
    }
}
