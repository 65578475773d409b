//! Saves from before: what players who played the previous schema version
//! have in the DataStore, and what the current version must turn them into.
//! The expected result is worked out here from the project's migration steps,
//! independently of the exported Luau that performs them.

use std::collections::BTreeMap;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value as Json, json};

use crate::project::{Change, Conversion, Field, FieldType, Project, Value};

/// One returning player's stored save and what loading it must give.
pub(super) struct OldSave {
    pub store: String,
    pub stored: Json,
    /// Current fields to their expected values; fields whose value the data
    /// layer may legitimately mend (it broke today's limits) are left out.
    pub expected: BTreeMap<String, Json>,
}

/// Builds the saves of every player, and a note on what they are.
pub(super) fn build(
    project: &Project,
    players: &[i64],
    seed: u64,
) -> (Vec<(i64, OldSave)>, String) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x01D5_A7E5);
    let current = &project.schema;
    let store = project.save_policy.datastore.clone();
    let Some(previous) = project.previous_schema() else {
        let saves = players
            .iter()
            .map(|&user| {
                let data = random_record(&current.fields, &mut rng);
                let stored =
                    json!({ "data": data.clone(), "meta": { "schemaVersion": current.version } });
                let expected = comparable(&current.fields, &data);
                (
                    user,
                    OldSave {
                        store: store.clone(),
                        stored,
                        expected,
                    },
                )
            })
            .collect();
        return (
            saves,
            format!(
                "This project has only one schema version, so the returning players have saves of version {}; the test checks each gets exactly their save back.",
                current.version
            ),
        );
    };
    let old = &previous.schema;
    // A plain table in an older DataStore is how the seed's scripts saved; the
    // data layer reads it as the oldest version published for that store.
    let oldest_for_store = project
        .history
        .iter()
        .filter(|h| h.datastore == previous.datastore)
        .map(|h| h.schema.version)
        .min();
    let plain = previous.datastore != store && oldest_for_store == Some(old.version);
    let saves = players
        .iter()
        .map(|&user| {
            let data = random_record(&old.fields, &mut rng);
            let stored = if plain {
                data.clone()
            } else {
                json!({ "data": data.clone(), "meta": { "schemaVersion": old.version } })
            };
            let migrated = migrate(&current.fields, &current.changes, &data);
            let expected = comparable(&current.fields, &migrated);
            (
                user,
                OldSave {
                    store: previous.datastore.clone(),
                    stored,
                    expected,
                },
            )
        })
        .collect();
    let how = if plain {
        "plain tables, as scripts without DataStore Designer saved them"
    } else {
        "records of DataStore Designer's format"
    };
    (
        saves,
        format!(
            "The returning players have saves of version {} in the DataStore {} ({how}); each is checked field by field against what version {}'s migration steps make of it.",
            old.version, previous.datastore, current.version
        ),
    )
}

/// Fields of `data` whose values are within today's limits (others may be mended).
fn comparable(fields: &[Field], data: &Json) -> BTreeMap<String, Json> {
    fields
        .iter()
        .filter(|f| f.saved)
        .filter_map(|f| {
            let v = data.get(&f.name)?;
            fits(f, v).then(|| (f.name.clone(), v.clone()))
        })
        .collect()
}

fn fits(field: &Field, v: &Json) -> bool {
    let number_ok = |n: f64| field.min.is_none_or(|m| n >= m) && field.max.is_none_or(|m| n <= m);
    let text_ok = |s: &str| {
        field
            .max_length
            .is_none_or(|m| s.chars().count() <= m as usize)
    };
    let item_ok = |item: &Json| match item {
        Json::Number(n) => number_ok(n.as_f64().unwrap_or(f64::NAN)),
        Json::String(s) => text_ok(s),
        _ => true,
    };
    match (&field.ty, v) {
        (FieldType::Integer, Json::Number(n)) => {
            n.as_f64().is_some_and(|x| x.fract() == 0.0 && number_ok(x))
        }
        (FieldType::Number, Json::Number(n)) => n.as_f64().is_some_and(number_ok),
        (FieldType::String, Json::String(s)) => text_ok(s),
        (FieldType::Boolean, Json::Bool(_)) => true,
        (FieldType::List(_), Json::Array(items)) => {
            field.max_items.is_none_or(|m| items.len() <= m as usize) && items.iter().all(item_ok)
        }
        (FieldType::Map(_), Json::Object(items)) => {
            field.max_items.is_none_or(|m| items.len() <= m as usize) && items.values().all(item_ok)
        }
        (FieldType::Record(_), Json::Object(_)) => true,
        _ => false,
    }
}

/// Applies the migration steps the way the project describes them.
fn migrate(new: &[Field], changes: &[Change], data: &Json) -> Json {
    let mut map = data.as_object().cloned().unwrap_or_default();
    let field_of = |name: &str| new.iter().find(|f| f.name == name);
    for change in changes {
        match change {
            Change::Rename { from, to } => {
                if let Some(v) = map.remove(from) {
                    map.insert(to.clone(), v);
                }
            }
            Change::Remove { field } => {
                map.remove(field);
            }
            Change::Retype { field, conversion } => {
                let Some(target) = field_of(field) else {
                    continue;
                };
                if let Some(v) = map.get(field).cloned() {
                    let converted = convert(*conversion, &v, &target.ty)
                        .unwrap_or_else(|| to_json(&target.effective_default()));
                    map.insert(field.clone(), converted);
                }
            }
        }
    }
    let mut out = serde_json::Map::new();
    for f in new.iter().filter(|f| f.saved) {
        let value = match (map.get(&f.name), &f.ty) {
            (Some(Json::Object(inner)), FieldType::Record(sub)) => {
                migrate(sub, &[], &Json::Object(inner.clone()))
            }
            (Some(v), _) => v.clone(),
            (None, _) => to_json(&f.effective_default()),
        };
        out.insert(f.name.clone(), value);
    }
    Json::Object(out)
}

fn convert(conversion: Conversion, v: &Json, to: &FieldType) -> Option<Json> {
    Some(match conversion {
        Conversion::Round => json!(v.as_f64()?.round() as i64),
        Conversion::Floor => json!(v.as_f64()?.floor() as i64),
        Conversion::ToNumber => json!(v.as_f64()?),
        Conversion::ToText => Json::String(match v {
            Json::String(s) => s.clone(),
            Json::Bool(b) => b.to_string(),
            Json::Number(n) if n.as_f64()?.fract() == 0.0 => format!("{}", n.as_f64()? as i64),
            Json::Number(n) => n.to_string(),
            _ => return None,
        }),
        Conversion::ParseNumber => {
            let n: f64 = v.as_str()?.trim().parse().ok()?;
            if *to == FieldType::Integer && n.fract() != 0.0 {
                return None;
            }
            json!(n)
        }
        Conversion::WrapInList => json!([v.clone()]),
        Conversion::ResetToDefault => return None,
    })
}

pub(super) fn to_json(value: &Value) -> Json {
    match value {
        Value::Integer(i) => json!(i),
        Value::Number(n) => json!(n),
        Value::String(s) => json!(s),
        Value::Boolean(b) => json!(b),
        Value::List(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(items) => {
            Json::Object(items.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// A save a player could have: every field with a value within its limits.
fn random_record(fields: &[Field], rng: &mut ChaCha8Rng) -> Json {
    Json::Object(
        fields
            .iter()
            .filter(|f| f.saved)
            .map(|f| (f.name.clone(), random_value(f, &f.ty, rng)))
            .collect(),
    )
}

fn random_value(field: &Field, ty: &FieldType, rng: &mut ChaCha8Rng) -> Json {
    let lo = field.min.unwrap_or(0.0).max(-1e6);
    let hi = field.max.unwrap_or(5000.0).min(1e6).max(lo);
    match ty {
        FieldType::Integer => {
            json!(rng.random_range(lo.ceil() as i64..=hi.floor().max(lo.ceil()) as i64))
        }
        // Quarters print exactly and never round half-way.
        FieldType::Number => {
            let quarters = rng.random_range(
                (lo * 4.0).ceil() as i64..=(hi * 4.0).floor().max((lo * 4.0).ceil()) as i64,
            );
            let x = quarters as f64 / 4.0;
            if x.fract() == 0.5 {
                json!(x - 0.25)
            } else {
                json!(x)
            }
        }
        FieldType::String => {
            let max = field.max_length.unwrap_or(20).clamp(1, 20) as usize;
            let text = format!("saved-{}", rng.random_range(0..1000));
            json!(text.chars().take(max).collect::<String>())
        }
        FieldType::Boolean => json!(rng.random_bool(0.5)),
        FieldType::List(item) => {
            let n = rng.random_range(0..=field.max_items.unwrap_or(5).min(5));
            Json::Array((0..n).map(|_| random_value(field, item, rng)).collect())
        }
        FieldType::Map(item) => {
            let n = rng.random_range(0..=field.max_items.unwrap_or(3).min(3));
            Json::Object(
                (0..n)
                    .map(|i| (format!("key{i}"), random_value(field, item, rng)))
                    .collect(),
            )
        }
        FieldType::Record(sub) => random_record(sub, rng),
    }
}

/// Compares what a player loaded with what was expected; returns the fields that differ.
pub(super) fn differences(expected: &BTreeMap<String, Json>, loaded: &Json) -> Vec<String> {
    expected
        .iter()
        .filter(|(name, want)| !same(want, &loaded[name.as_str()]))
        .map(|(name, want)| format!("{name}: expected {want}, loaded {}", loaded[name.as_str()]))
        .collect()
}

fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            (x - y).abs() <= 1e-9 * x.abs().max(1.0)
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        // Luau can't tell an empty list from an empty map: both encode as [].
        (Json::Array(x), Json::Object(y)) | (Json::Object(y), Json::Array(x)) => {
            x.is_empty() && y.is_empty()
        }
        _ => a == b,
    }
}
