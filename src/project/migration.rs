//! What publishing a schema version implies for saves made under the last
//! published one: which fields are new, renamed, removed or retyped, and the
//! [`Change`]s that bring an old save up to date.
//!
//! Two schemas alone can't tell a rename from a removal plus an addition, so
//! renames come from the designer (or from the changes already written in
//! the schema); everything else follows from comparing the fields.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::validate::{by_name, same_shape};
use super::{Change, Conversion, Field, FieldType, Project, PublishedSchema, Schema, Value};

/// A field of the old version whose values need converting.
#[derive(Debug, Clone, PartialEq)]
pub struct Retyped {
    /// The name in the old version (changes use the old names).
    pub field: String,
    /// The name in the new version, when it was renamed too.
    pub now_called: String,
    pub from: FieldType,
    pub to: FieldType,
    pub conversion: Conversion,
    /// Every conversion that can turn `from` into `to`; never empty.
    pub choices: Vec<Conversion>,
}

/// The migration from one published version to the next.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Migration {
    /// New fields with what old saves start them at, in plain words.
    pub added: Vec<(String, String)>,
    /// (old name, new name).
    pub renamed: Vec<(String, String)>,
    pub removed: Vec<String>,
    pub retyped: Vec<Retyped>,
    /// Fields kept as they were saved whose default, limits or other
    /// settings changed: no conversion, but still a difference to publish.
    pub settings_changed: Vec<String>,
}

impl Migration {
    /// Whether the new version is the same as the old one.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.renamed.is_empty()
            && self.removed.is_empty()
            && self.retyped.is_empty()
            && self.settings_changed.is_empty()
    }

    /// The steps that turn an old save into a new one, as the validator and
    /// the generated code read them.
    pub fn changes(&self) -> Vec<Change> {
        let renames = self.renamed.iter().map(|(from, to)| Change::Rename {
            from: from.clone(),
            to: to.clone(),
        });
        let removes = self.removed.iter().map(|field| Change::Remove {
            field: field.clone(),
        });
        let retypes = self.retyped.iter().map(|r| Change::Retype {
            field: r.field.clone(),
            conversion: r.conversion,
        });
        renames.chain(removes).chain(retypes).collect()
    }

    /// What happens to a player's old save, one sentence per field.
    pub fn in_plain_words(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, start) in &self.added {
            out.push(format!("{name} is new: old saves start it at {start}."));
        }
        for (from, to) in &self.renamed {
            out.push(format!(
                "{from} is now called {to}: old saves keep its value under the new name."
            ));
        }
        for name in &self.removed {
            out.push(format!(
                "{name} is removed: old saves stop carrying its value once they load."
            ));
        }
        for r in &self.retyped {
            out.push(format!(
                "{} changes from {} to {}: old values are converted ({}); a value that can't be converted starts from the default.",
                r.now_called,
                r.from.describe(),
                r.to.describe(),
                r.conversion.describe()
            ));
        }
        for name in &self.settings_changed {
            out.push(format!(
                "{name} keeps its saved value; only its default, limits or other settings changed."
            ));
        }
        out
    }
}

/// The migration from `old` to `new`, taking renames and chosen conversions
/// from the changes `new` already lists (when they fit).
pub fn propose(old: Option<&Schema>, new: &Schema) -> Migration {
    let mut renames = Vec::new();
    let mut conversions = BTreeMap::new();
    for change in &new.changes {
        match change {
            Change::Rename { from, to } => renames.push((from.clone(), to.clone())),
            Change::Retype { field, conversion } => {
                conversions.insert(field.clone(), *conversion);
            }
            Change::Remove { .. } => {}
        }
    }
    plan(old, new, &renames, &conversions)
}

/// The migration from `old` to `new` with the designer's renames (old name,
/// new name) and chosen conversions (by old name). A rename is used only when
/// its old field is gone, its new field is new and neither is renamed twice;
/// a conversion only when it fits. Anything else falls back to a removal plus
/// an addition, or to the first conversion that fits.
pub fn plan(
    old: Option<&Schema>,
    new: &Schema,
    renames: &[(String, String)],
    conversions: &BTreeMap<String, Conversion>,
) -> Migration {
    let mut migration = Migration::default();
    let Some(old) = old else {
        migration.added = new
            .fields
            .iter()
            .map(|f| (f.name.clone(), describe_default(f)))
            .collect();
        return migration;
    };
    let old_fields = by_name(&old.fields);
    let new_fields = by_name(&new.fields);

    let mut renamed_to: HashMap<&str, &str> = HashMap::new();
    let mut targets: HashMap<&str, &str> = HashMap::new();
    for (from, to) in renames {
        let usable = old_fields.contains_key(from.as_str())
            && !new_fields.contains_key(from.as_str())
            && new_fields.contains_key(to.as_str())
            && !old_fields.contains_key(to.as_str())
            && !renamed_to.contains_key(from.as_str())
            && !targets.contains_key(to.as_str());
        if usable {
            renamed_to.insert(from, to);
            targets.insert(to, from);
        }
    }

    for (name, old_field) in unique(&old.fields) {
        let now = renamed_to.get(name).copied().unwrap_or(name);
        let Some(new_field) = new_fields.get(now) else {
            migration.removed.push(name.to_string());
            continue;
        };
        if now != name {
            migration.renamed.push((name.to_string(), now.to_string()));
        }
        if !same_shape(&old_field.ty, &new_field.ty, 0) {
            let choices: Vec<Conversion> = Conversion::ALL
                .into_iter()
                .filter(|c| c.fits(&old_field.ty, &new_field.ty))
                .collect();
            let conversion = conversions
                .get(name)
                .copied()
                .filter(|c| choices.contains(c))
                .or_else(|| choices.first().copied())
                .unwrap_or(Conversion::ResetToDefault);
            migration.retyped.push(Retyped {
                field: name.to_string(),
                now_called: now.to_string(),
                from: old_field.ty.clone(),
                to: new_field.ty.clone(),
                conversion,
                choices,
            });
        } else if !same_settings(old_field, new_field) {
            migration.settings_changed.push(now.to_string());
        }
    }
    for (name, field) in unique(&new.fields) {
        if !old_fields.contains_key(name) && !targets.contains_key(name) {
            migration
                .added
                .push((name.to_string(), describe_default(field)));
        }
    }
    migration
}

/// Each name's first field, in order: the validator reports repeated names,
/// and the first is the one code finds.
fn unique(fields: &[Field]) -> Vec<(&str, &Field)> {
    let mut seen = std::collections::HashSet::new();
    fields
        .iter()
        .filter(|f| seen.insert(f.name.as_str()))
        .map(|f| (f.name.as_str(), f))
        .collect()
}

/// Whether two fields of the same shape differ only by name.
fn same_settings(a: &Field, b: &Field) -> bool {
    let mut b = b.clone();
    b.name.clone_from(&a.name);
    *a == b
}

/// The number the current schema is published as: its own, raised above
/// the last published version when it is not (the validator wants versions
/// to go up).
pub fn next_version(project: &Project) -> u32 {
    let last = project.previous_schema().map_or(0, |p| p.schema.version);
    project.schema.version.max(last.saturating_add(1))
}

/// Freezes the current schema as a published version, with `migration` as
/// the steps from the last published one, and starts the next version with
/// the same fields and no steps (nothing differs from what was published).
pub fn publish(project: &mut Project, migration: &Migration) {
    let version = next_version(project);
    let mut schema = project.schema.clone();
    schema.version = version;
    schema.changes = if project.history.is_empty() {
        Vec::new()
    } else {
        migration.changes()
    };
    project.history.push(PublishedSchema {
        datastore: project.save_policy.datastore.clone(),
        schema,
    });
    project.schema.version = version.saturating_add(1);
    project.schema.changes.clear();
}

/// What a publish must tell the designer when it moves players' data to
/// another DataStore: during Roblox's rolling update, servers still running
/// the published version keep loading and saving the old store, so progress
/// made there after a player moved is not in the new one. The exported code
/// detects it and warns; restarting the outdated servers prevents it.
pub fn store_change_warning(project: &Project) -> Option<String> {
    let last = project.previous_schema()?;
    let new = &project.save_policy.datastore;
    (last.datastore != *new).then(|| {
        format!(
            "Players' data moves from the DataStore \"{old}\" to \"{new}\". Servers still running the \
             earlier version keep saving to \"{old}\": progress a player makes on one of them after moving \
             would not reach \"{new}\". After you publish the place in Studio, restart the old servers: \
             Creator Dashboard, your game, Configure, Server Management, Restart Servers, with \"Restart \
             only servers with outdated versions\".",
            old = last.datastore,
        )
    })
}

/// The project as its exported code should see it. Right after a publish the
/// working schema is the published one under the next number with nothing
/// changed yet: exporting that would stamp every save with a version that
/// changes nothing, and servers still running the published code refuse saves
/// "from a newer version" (during an update, players hopping back to them
/// would be kicked). So until something changes, the export stays on the
/// published version.
pub fn as_exported(project: &Project) -> Cow<'_, Project> {
    match project.history.last() {
        Some(last)
            if project.schema.changes.is_empty()
                && last.schema.fields == project.schema.fields
                && last.datastore == project.save_policy.datastore
                && last.schema.version < project.schema.version =>
        {
            let mut shipped = project.clone();
            if let Some(last) = shipped.history.pop() {
                shipped.schema = last.schema;
            }
            Cow::Owned(shipped)
        }
        _ => Cow::Borrowed(project),
    }
}

/// Records that the top-level field `old` is now called `new`, so the
/// next publish knows it was renamed rather than removed and added: a rename
/// already leading to `old` follows it, a field of the last published
/// version gets a rename step, and renaming back drops the step.
pub fn note_rename(project: &mut Project, old: &str, new: &str) {
    let Some(previous) = project.history.last() else {
        return;
    };
    let was_published = previous.schema.fields.iter().any(|f| f.name == old);
    let changes = &mut project.schema.changes;
    let existing = changes
        .iter()
        .position(|c| matches!(c, Change::Rename { to, .. } if to == old));
    match existing {
        Some(i) => {
            if let Change::Rename { from, to } = &mut changes[i] {
                if from == new {
                    changes.remove(i);
                } else {
                    *to = new.to_string();
                }
            }
        }
        None if was_published && old != new => {
            let renamed_already = changes
                .iter()
                .any(|c| matches!(c, Change::Rename { from, .. } if from == old));
            if !renamed_already {
                changes.push(Change::Rename {
                    from: old.to_string(),
                    to: new.to_string(),
                });
            }
        }
        None => {}
    }
}

/// What a new player starts a field at, in plain words.
pub fn describe_default(field: &Field) -> String {
    match field.ty {
        FieldType::Record(_) => "its fields' defaults".into(),
        _ => describe_value(&field.effective_default()),
    }
}

/// A value in plain words: `0`, `"Hello"`, `an empty list`.
pub fn describe_value(value: &Value) -> String {
    match value {
        Value::Integer(i) => i.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.is_empty() => "empty text".into(),
        Value::String(s) => format!("\"{s}\""),
        Value::Boolean(b) => b.to_string(),
        Value::List(items) if items.is_empty() => "an empty list".into(),
        Value::List(items) => format!(
            "a list of {} item{}",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        ),
        Value::Map(items) if items.is_empty() => "nothing in it".into(),
        Value::Map(items) => format!(
            "{} entr{}",
            items.len(),
            if items.len() == 1 { "y" } else { "ies" }
        ),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn right_after_a_publish_the_export_stays_on_the_published_version() {
        let mut p = crate::project::file::parse_str(
            crate::project::examples::text("migration").unwrap(),
            "migration",
        )
        .unwrap();
        assert!(matches!(as_exported(&p), Cow::Borrowed(_)));
        let last = p.history.last().map(|h| h.schema.clone());
        let migration = propose(last.as_ref(), &p.schema);
        publish(&mut p, &migration);
        let published = p.history.last().unwrap().schema.version;
        assert_eq!(p.schema.version, published + 1);
        let shipped = as_exported(&p);
        assert_eq!(shipped.schema.version, published);
        assert_eq!(shipped.history.len(), p.history.len() - 1);
        assert_eq!(
            shipped.schema.changes,
            p.history.last().unwrap().schema.changes
        );
        // The first real change makes the working version the exported one.
        p.schema
            .fields
            .push(Field::new("Trophies", FieldType::Integer));
        assert_eq!(as_exported(&p).schema.version, published + 1);
    }
    use super::*;

    fn schema(version: u32, fields: Vec<Field>) -> Schema {
        Schema {
            version,
            fields,
            changes: Vec::new(),
        }
    }

    fn v1() -> Schema {
        schema(
            1,
            vec![
                Field::new("Coins", FieldType::Integer),
                Field::new("Level", FieldType::Number),
                Field::new("Old", FieldType::String),
            ],
        )
    }

    #[test]
    fn no_earlier_version_means_every_field_is_new() {
        let m = propose(None, &v1());
        assert_eq!(m.added.len(), 3);
        assert!(m.changes().is_empty());
        assert_eq!(m.added[0], ("Coins".into(), "0".into()));
    }

    #[test]
    fn the_same_fields_need_nothing() {
        let m = propose(Some(&v1()), &v1());
        assert!(m.is_empty(), "{m:?}");
        assert!(m.in_plain_words().is_empty());
    }

    #[test]
    fn added_removed_and_retyped_fields_are_found() {
        let mut new = v1();
        new.fields.remove(2);
        new.fields[1].ty = FieldType::Integer;
        new.fields
            .push(Field::new("Gems", FieldType::Integer).with_default(Value::Integer(5)));
        let m = propose(Some(&v1()), &new);
        assert_eq!(m.added, vec![("Gems".into(), "5".into())]);
        assert_eq!(m.removed, vec!["Old".to_string()]);
        assert_eq!(m.retyped.len(), 1);
        let r = &m.retyped[0];
        assert_eq!(r.field, "Level");
        assert_eq!(r.conversion, Conversion::Round);
        assert_eq!(
            r.choices,
            vec![
                Conversion::Round,
                Conversion::Floor,
                Conversion::ResetToDefault
            ]
        );
        assert_eq!(
            m.changes(),
            vec![
                Change::Remove {
                    field: "Old".into()
                },
                Change::Retype {
                    field: "Level".into(),
                    conversion: Conversion::Round
                },
            ]
        );
        let words = m.in_plain_words().join("\n");
        assert!(
            words.contains("Gems is new: old saves start it at 5."),
            "{words}"
        );
        assert!(
            words.contains("rounded") || words.contains("round"),
            "{words}"
        );
    }

    #[test]
    fn a_rename_without_a_hint_is_a_removal_and_an_addition() {
        let mut new = v1();
        new.fields[0].name = "Money".into();
        let m = propose(Some(&v1()), &new);
        assert_eq!(m.removed, vec!["Coins".to_string()]);
        assert_eq!(m.added[0].0, "Money");
        assert!(m.renamed.is_empty());
    }

    #[test]
    fn renames_come_from_the_listed_changes_and_keep_retypes_on_old_names() {
        let mut new = v1();
        new.fields[1].name = "Rank".into();
        new.fields[1].ty = FieldType::String;
        new.changes = vec![
            Change::Rename {
                from: "Level".into(),
                to: "Rank".into(),
            },
            Change::Retype {
                field: "Level".into(),
                conversion: Conversion::ResetToDefault,
            },
        ];
        let m = propose(Some(&v1()), &new);
        assert_eq!(m.renamed, vec![("Level".into(), "Rank".into())]);
        assert!(m.added.is_empty() && m.removed.is_empty());
        assert_eq!(m.retyped[0].field, "Level");
        assert_eq!(m.retyped[0].now_called, "Rank");
        // The chosen conversion fits, so it is kept over the first choice.
        assert_eq!(m.retyped[0].conversion, Conversion::ResetToDefault);
        assert_eq!(
            m.retyped[0].choices,
            vec![Conversion::ToText, Conversion::ResetToDefault]
        );
    }

    #[test]
    fn renames_that_cannot_be_right_are_ignored() {
        let mut new = v1();
        new.fields[0].name = "Money".into();
        let bad = [
            // The old field is still there.
            ("Level".to_string(), "Money".to_string()),
            // No such new field.
            ("Coins".into(), "Cash".into()),
        ];
        let m = plan(Some(&v1()), &new, &bad, &BTreeMap::new());
        assert!(m.renamed.is_empty());
        // A rename onto a field that was already there would merge two values.
        let onto_kept = [("Coins".to_string(), "Level".to_string())];
        let m = plan(Some(&v1()), &new, &onto_kept, &BTreeMap::new());
        assert!(m.renamed.is_empty());
        // Two old fields can't become one.
        let mut two = v1();
        two.fields.retain(|f| f.name == "Level");
        two.fields.push(Field::new("Money", FieldType::Integer));
        let both = [
            ("Coins".to_string(), "Money".to_string()),
            ("Old".to_string(), "Money".to_string()),
        ];
        let m = plan(Some(&v1()), &two, &both, &BTreeMap::new());
        assert_eq!(m.renamed, vec![("Coins".into(), "Money".into())]);
        assert_eq!(m.removed, vec!["Old".to_string()]);
    }

    #[test]
    fn a_conversion_that_does_not_fit_falls_back_to_one_that_does() {
        let mut new = v1();
        new.fields[0].ty = FieldType::Number;
        let chosen = BTreeMap::from([("Coins".to_string(), Conversion::ParseNumber)]);
        let m = plan(Some(&v1()), &new, &[], &chosen);
        assert_eq!(m.retyped[0].conversion, Conversion::ToNumber);
    }

    #[test]
    fn records_may_gain_fields_but_not_change_kept_ones() {
        let inner = vec![Field::new("MusicOn", FieldType::Boolean)];
        let old = schema(
            1,
            vec![Field::new("Settings", FieldType::Record(inner.clone()))],
        );
        let mut grown = inner.clone();
        grown.push(Field::new("Volume", FieldType::Number));
        let new = schema(2, vec![Field::new("Settings", FieldType::Record(grown))]);
        let m = propose(Some(&old), &new);
        assert!(m.retyped.is_empty());
        let m_new = propose(None, &new);
        assert_eq!(m_new.added[0].1, "its fields' defaults");
        assert_eq!(m.settings_changed, vec!["Settings".to_string()]);

        let changed = vec![Field::new("MusicOn", FieldType::Integer)];
        let new = schema(2, vec![Field::new("Settings", FieldType::Record(changed))]);
        let m = propose(Some(&old), &new);
        assert_eq!(m.retyped[0].choices, vec![Conversion::ResetToDefault]);
    }

    #[test]
    fn a_changed_default_is_a_difference_without_a_step() {
        let mut new = v1();
        new.fields[0].default = Some(Value::Integer(100));
        let m = propose(Some(&v1()), &new);
        assert!(!m.is_empty());
        assert!(m.changes().is_empty());
        assert_eq!(m.settings_changed, vec!["Coins".to_string()]);
    }

    #[test]
    fn repeated_names_count_once() {
        let mut new = v1();
        new.fields.push(Field::new("Coins", FieldType::String));
        let m = propose(Some(&v1()), &new);
        assert!(m.is_empty(), "{m:?}");
    }

    fn errors(project: &Project) -> Vec<String> {
        crate::project::validate::check(project)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect()
    }

    #[test]
    fn a_publish_that_changes_the_datastore_warns_about_old_servers() {
        let text = crate::project::examples::text("migration").unwrap();
        let mut project = crate::project::file::parse_str(text, "migration").unwrap();
        project.save_policy.datastore = project.previous_schema().unwrap().datastore.clone();
        assert_eq!(store_change_warning(&project), None);
        project.save_policy.datastore = "PlayerData_v9".into();
        let warning = store_change_warning(&project).unwrap();
        let old = &project.previous_schema().unwrap().datastore;
        assert!(
            warning.contains(&format!("\"{old}\" to \"PlayerData_v9\"")),
            "{warning}"
        );
        assert!(warning.contains("Restart Servers"), "{warning}");
    }

    #[test]
    fn publishing_checks_clean_and_starts_the_next_version() {
        let text = crate::project::examples::text("migration").unwrap();
        let mut project = crate::project::file::parse_str(text, "migration").unwrap();
        assert!(errors(&project).is_empty());
        // Publish version 2 as it is, then rename, retype and remove.
        let m = propose(
            project.previous_schema().map(|p| &p.schema),
            &project.schema,
        );
        publish(&mut project, &m);
        assert_eq!(project.history.len(), 2);
        assert_eq!(project.history[1].schema.version, 2);
        assert_eq!(project.schema.version, 3);
        assert!(errors(&project).is_empty(), "{:?}", errors(&project));
        assert!(
            propose(
                project.previous_schema().map(|p| &p.schema),
                &project.schema
            )
            .is_empty()
        );

        project.schema.fields[0].name = "Money".into();
        project.schema.fields[1].ty = FieldType::String;
        project.schema.fields[1].default = None;
        project.schema.fields[1].min = None;
        project.schema.fields[1].max = None;
        project.schema.fields[1].leaderstat = false;
        project.schema.fields.retain(|f| f.name != "Gems");
        for board in &mut project.leaderboards {
            board.stat = "Money".into();
        }
        let renames = [("Coins".to_string(), "Money".to_string())];
        let old = project.previous_schema().map(|p| p.schema.clone());
        let m = plan(old.as_ref(), &project.schema, &renames, &BTreeMap::new());
        assert_eq!(m.renamed.len(), 1);
        assert_eq!(m.removed, vec!["Gems".to_string()]);
        assert_eq!(m.retyped[0].conversion, Conversion::ToText);
        publish(&mut project, &m);
        assert_eq!(project.schema.version, 4);
        assert_eq!(project.history[2].schema.changes, m.changes());
        assert!(errors(&project).is_empty(), "{:?}", errors(&project));
    }

    #[test]
    fn the_first_publish_has_no_steps_and_a_low_version_is_raised() {
        let mut project = Project::new("Game");
        project
            .schema
            .fields
            .push(Field::new("Coins", FieldType::Integer));
        let m = propose(None, &project.schema);
        publish(&mut project, &m);
        assert_eq!(project.history[0].schema.version, 1);
        assert!(project.history[0].schema.changes.is_empty());
        assert_eq!(project.schema.version, 2);
        project.schema.version = 1;
        assert_eq!(next_version(&project), 2);
    }

    #[test]
    fn renaming_a_published_field_records_one_step_that_follows_the_typing() {
        let mut project = Project::new("Game");
        project
            .schema
            .fields
            .push(Field::new("Coins", FieldType::Integer));
        note_rename(&mut project, "Coins", "C");
        assert!(project.schema.changes.is_empty(), "nothing published yet");
        let m = propose(None, &project.schema);
        publish(&mut project, &m);
        for (old, new) in [("Coins", "C"), ("C", "Ca"), ("Ca", "Cash")] {
            project.schema.fields[0].name = new.into();
            note_rename(&mut project, old, new);
        }
        assert_eq!(
            project.schema.changes,
            vec![Change::Rename {
                from: "Coins".into(),
                to: "Cash".into()
            }]
        );
        let m = propose(
            project.previous_schema().map(|p| &p.schema),
            &project.schema,
        );
        assert_eq!(m.renamed, vec![("Coins".into(), "Cash".into())]);
        // Renamed back: no step left.
        project.schema.fields[0].name = "Coins".into();
        note_rename(&mut project, "Cash", "Coins");
        assert!(project.schema.changes.is_empty());
    }

    #[test]
    fn values_in_plain_words() {
        assert_eq!(describe_value(&Value::String(String::new())), "empty text");
        assert_eq!(
            describe_value(&Value::List(vec![Value::Integer(1)])),
            "a list of 1 item"
        );
        assert_eq!(describe_value(&Value::Boolean(true)), "true");
    }
}
