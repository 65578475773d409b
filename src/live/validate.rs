//! The exported runtime's own value checks (Validate.luau), in Rust, over
//! the JSON Open Cloud returns: what a DataStore can store at all, then the
//! designer's rules for each field (type, min, max, maxLength, maxItems).
//! The messages are the runtime's, word for word, so the window and the
//! game's output say the same thing about the same value.

use serde_json::{Map, Value as Json};

use super::record::describe;
use crate::project::{Field, FieldType};

/// One broken rule, as the runtime reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The top-level field the problem is in.
    pub field: String,
    /// Where exactly, e.g. `Inventory[3]` or `Settings.Volume`.
    pub path: String,
    pub reason: String,
    /// Path and reason together.
    pub message: String,
}

fn problem(path: &str, reason: impl Into<String>) -> Problem {
    let reason = reason.into();
    let field = path
        .split(['.', '['])
        .next()
        .filter(|f| !f.is_empty())
        .unwrap_or(path)
        .to_string();
    Problem {
        field,
        path: path.to_string(),
        message: format!("{path} {reason}"),
        reason,
    }
}

/// `path` followed by `key`, as Validate.join writes it.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        return key.to_string();
    }
    let mut chars = key.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier {
        format!("{path}.{key}")
    } else {
        format!("{path}[{key:?}]")
    }
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{}]", i + 1)
}

/// A number as Luau's tostring writes it.
pub fn luau_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// The limits of the field being checked (its items use the same ones).
#[derive(Clone, Copy)]
struct Limits {
    min: Option<f64>,
    max: Option<f64>,
    max_length: Option<u32>,
    max_items: Option<u32>,
}

impl Limits {
    fn of(field: &Field) -> Limits {
        Limits {
            min: field.min,
            max: field.max,
            max_length: field.max_length,
            max_items: field.max_items,
        }
    }
}

/// Whether a DataStore can store `value` at all (Validate.storable). JSON
/// can hold nothing a DataStore refuses, except what the schema forbids.
pub fn storable(_value: &Json, _path: &str) -> Option<Problem> {
    None
}

fn check_type(
    ty: &FieldType,
    limits: Limits,
    value: Option<&Json>,
    path: &str,
    top: bool,
) -> Option<Problem> {
    let shown = value.map_or_else(|| "nil".to_string(), describe);
    match ty {
        FieldType::Integer | FieldType::Number => {
            let Some(x) = value.and_then(Json::as_f64) else {
                return Some(problem(path, format!("should be a number but is {shown}")));
            };
            if *ty == FieldType::Integer && x.fract() != 0.0 {
                return Some(problem(
                    path,
                    format!("should be a whole number but is {}", luau_number(x)),
                ));
            }
            if let Some(min) = limits.min.filter(|min| x < *min) {
                return Some(problem(
                    path,
                    format!(
                        "is below the smallest allowed value {} (it is {})",
                        luau_number(min),
                        luau_number(x)
                    ),
                ));
            }
            if let Some(max) = limits.max.filter(|max| x > *max) {
                return Some(problem(
                    path,
                    format!(
                        "is above the largest allowed value {} (it is {})",
                        luau_number(max),
                        luau_number(x)
                    ),
                ));
            }
            None
        }
        FieldType::String => {
            let Some(text) = value.and_then(Json::as_str) else {
                return Some(problem(path, format!("should be text but is {shown}")));
            };
            let length = text.chars().count();
            match limits.max_length {
                Some(max) if length > max as usize => Some(problem(
                    path,
                    format!("is {length} characters long; at most {max} are allowed"),
                )),
                _ => None,
            }
        }
        FieldType::Boolean => match value {
            Some(Json::Bool(_)) => None,
            _ => Some(problem(
                path,
                format!("should be true or false but is {shown}"),
            )),
        },
        FieldType::List(item) => {
            let items: &[Json] = match value {
                Some(Json::Array(items)) => items,
                // An empty table is stored as an object only by other tools.
                Some(Json::Object(map)) if map.is_empty() => &[],
                Some(Json::Object(map)) => {
                    let key = map.keys().next().cloned().unwrap_or_default();
                    return Some(problem(
                        path,
                        format!("should be a list but has the key {key:?}"),
                    ));
                }
                _ => return Some(problem(path, format!("should be a list but is {shown}"))),
            };
            if let Some(max) = limits
                .max_items
                .filter(|max| top && items.len() > *max as usize)
            {
                return Some(problem(
                    path,
                    format!("holds {} items; at most {max} are allowed", items.len()),
                ));
            }
            items
                .iter()
                .enumerate()
                .find_map(|(i, v)| check_type(item, limits, Some(v), &index(path, i), false))
        }
        FieldType::Map(item) => {
            let entries = match value {
                Some(Json::Object(map)) => map.clone(),
                Some(Json::Array(items)) if items.is_empty() => Map::new(),
                Some(Json::Array(_)) => {
                    return Some(problem(path, "has the key 1; a map's keys must be text"));
                }
                _ => return Some(problem(path, format!("should be a map but is {shown}"))),
            };
            if let Some(max) = limits
                .max_items
                .filter(|max| top && entries.len() > *max as usize)
            {
                return Some(problem(
                    path,
                    format!("holds {} entries; at most {max} are allowed", entries.len()),
                ));
            }
            entries
                .iter()
                .find_map(|(k, v)| check_type(item, limits, Some(v), &join(path, k), false))
        }
        FieldType::Record(fields) => {
            let table = match value {
                Some(Json::Object(map)) => map.clone(),
                Some(Json::Array(items)) if items.is_empty() => Map::new(),
                Some(Json::Array(_)) => {
                    return Some(problem(path, "has the key 1; a record's keys must be text"));
                }
                _ => return Some(problem(path, format!("should be a record but is {shown}"))),
            };
            for spec in fields {
                // A field that is missing gets its default at the next load
                // (Reconcile.fill), as a missing top-level field does.
                let Some(item) = table.get(&spec.name) else {
                    continue;
                };
                if let Some(found) = check_type(
                    &spec.ty,
                    Limits::of(spec),
                    Some(item),
                    &join(path, &spec.name),
                    true,
                ) {
                    return Some(found);
                }
            }
            table
                .iter()
                .filter(|(k, _)| !fields.iter().any(|f| &f.name == *k))
                .find_map(|(k, v)| storable(v, &join(path, k)))
        }
    }
}

/// The designer's rules for one field applied to its value (None: not
/// stored). Validate.field.
pub fn check_field(field: &Field, value: Option<&Json>) -> Option<Problem> {
    check_type(&field.ty, Limits::of(field), value, &field.name, true)
}

/// Every stored field's first broken rule, in the schema's order, then the
/// keys the schema doesn't know (which must only be storable). A field that
/// is missing, at the top or inside a record, is not a problem: the runtime
/// gives it its default at the next load (Reconcile.fill). Session-only
/// fields are not stored.
pub fn check_data(fields: &[Field], data: &Map<String, Json>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for field in fields {
        if !field.saved {
            continue;
        }
        if let Some(value) = data.get(&field.name)
            && let Some(found) = check_field(field, Some(value))
        {
            problems.push(found);
        }
    }
    for (key, value) in data {
        if !fields.iter().any(|f| &f.name == key)
            && let Some(found) = storable(value, key)
        {
            problems.push(found);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(name: &str, ty: FieldType) -> Field {
        Field::new(name, ty)
    }

    #[test]
    fn messages_are_the_runtimes() {
        let mut coins = field("Coins", FieldType::Integer);
        coins.min = Some(0.0);
        assert_eq!(
            check_field(&coins, Some(&json!(-3))).unwrap().message,
            "Coins is below the smallest allowed value 0 (it is -3)"
        );
        assert_eq!(
            check_field(&coins, Some(&json!(1.5))).unwrap().message,
            "Coins should be a whole number but is 1.5"
        );
        assert_eq!(
            check_field(&coins, Some(&json!("x"))).unwrap().message,
            "Coins should be a number but is \"x\""
        );
        let mut bag = field("Bag", FieldType::List(Box::new(FieldType::String)));
        bag.max_length = Some(3);
        bag.max_items = Some(2);
        assert_eq!(
            check_field(&bag, Some(&json!(["a", "long"])))
                .unwrap()
                .message,
            "Bag[2] is 4 characters long; at most 3 are allowed"
        );
        assert_eq!(
            check_field(&bag, Some(&json!(["a", "b", "c"])))
                .unwrap()
                .message,
            "Bag holds 3 items; at most 2 are allowed"
        );
        assert!(check_field(&bag, Some(&json!([]))).is_none());
        let settings = field(
            "Settings",
            FieldType::Record(vec![{
                let mut v = field("Volume", FieldType::Number);
                v.max = Some(1.0);
                v
            }]),
        );
        assert_eq!(
            check_field(&settings, Some(&json!({"Volume": 3})))
                .unwrap()
                .message,
            "Settings.Volume is above the largest allowed value 1 (it is 3)"
        );
    }

    #[test]
    fn missing_saved_fields_and_unknown_keys_are_not_problems() {
        let fields = vec![field("Coins", FieldType::Integer)];
        let data = json!({"Old": {"a": 1}}).as_object().unwrap().clone();
        assert!(check_data(&fields, &data).is_empty());
    }
}
