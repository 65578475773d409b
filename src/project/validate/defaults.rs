//! Defaults: what a new player starts with must be of the field's type,
//! storable, and within the field's limits, down to every item of a list and
//! every field of a record.

use std::collections::HashMap;

use super::text::{a_type, capitalize, count, empty_value, name as show, number, quote, value};
use super::{MAX_DEPTH, Report, join};
use crate::project::{Field, FieldType, Value};

/// Luau numbers hold whole numbers exactly up to 2^53.
pub(super) const MAX_EXACT_INTEGER: i64 = 1 << 53;

/// The limits that apply to each single value.
#[derive(Clone, Copy)]
struct Limits {
    min: Option<f64>,
    max: Option<f64>,
    max_length: Option<u32>,
}

impl Limits {
    fn of(field: &Field) -> Self {
        Limits {
            min: field.min,
            max: field.max,
            max_length: field.max_length,
        }
    }
}

/// One thing wrong with a default.
struct Problem {
    code: &'static str,
    /// What the part is and why it's wrong, after the subject ("is text, but...").
    what: String,
    fix: String,
}

pub(super) fn check(field: &Field, path: &str, out: &mut Report) {
    let path = join(path, "default");
    let Some(default) = &field.default else {
        check_empty_value(field, &path, out);
        return;
    };
    if let FieldType::Record(_) = field.ty {
        out.error(
            "record-has-default",
            path,
            format!(
                "{} is a record, and records take their defaults from their own fields, but it \
                 also has a default of its own.",
                show(&field.name)
            ),
            "Remove the record's default and set defaults on its fields instead.",
        );
        return;
    }
    let mut walk = Walk::default();
    if let Some(problem) = walk.find(default, &field.ty, Limits::of(field), field.max_items, 0) {
        // `location` still holds the way to the part that is wrong.
        let mut subject = String::new();
        for part in walk.location.iter().rev() {
            subject.push_str(part);
            subject.push_str(" of ");
        }
        subject.push_str("the default of ");
        subject.push_str(&show(&field.name));
        let message = format!("{} {}", capitalize(&subject), problem.what);
        out.error(problem.code, path, message, problem.fix);
    }
}

/// A number field without a default starts at 0, which must be allowed.
fn check_empty_value(field: &Field, path: &str, out: &mut Report) {
    if !field.ty.is_numeric() {
        return;
    }
    let name = show(&field.name);
    if let Some(min) = field.min.filter(|min| *min > 0.0) {
        out.error(
            "default-out-of-range",
            path,
            format!(
                "{name} has no default, so new players start at 0, but its smallest allowed \
                 value is {}.",
                number(min)
            ),
            format!("Set a default of {} or more.", number(min)),
        );
    } else if let Some(max) = field.max.filter(|max| *max < 0.0) {
        out.error(
            "default-out-of-range",
            path,
            format!(
                "{name} has no default, so new players start at 0, but its largest allowed \
                 value is {}.",
                number(max)
            ),
            format!("Set a default of {} or less.", number(max)),
        );
    }
}

/// Walking a default alongside its type.
#[derive(Default)]
struct Walk<'a> {
    /// The way to the part being checked, innermost last.
    location: Vec<String>,
    /// Each record type's fields by name, built once per record type however
    /// many items of a list hold that record.
    records: HashMap<*const Field, HashMap<&'a str, &'a Field>>,
}

impl<'a> Walk<'a> {
    /// The first problem in `v` as a value of `ty`, leaving in `location` the
    /// way to the part that is wrong.
    fn find(
        &mut self,
        v: &Value,
        ty: &'a FieldType,
        limits: Limits,
        max_items: Option<u32>,
        depth: usize,
    ) -> Option<Problem> {
        if depth > MAX_DEPTH {
            return None;
        }
        match (ty, v) {
            (FieldType::Integer, Value::Integer(i)) | (FieldType::Number, Value::Integer(i)) => {
                if i.unsigned_abs() > MAX_EXACT_INTEGER.unsigned_abs() {
                    return Some(Problem {
                        code: "default-invalid-number",
                        what: format!(
                            "is {i}, which is too large: Roblox stores whole numbers exactly only \
                         up to 9,007,199,254,740,992 (2^53) either way."
                        ),
                        fix: "Use a smaller number.".into(),
                    });
                }
                range(*i as f64, &i.to_string(), limits)
            }
            (FieldType::Number, Value::Number(x)) => {
                if !x.is_finite() {
                    return Some(Problem {
                        code: "default-invalid-number",
                        what: format!("is {}, which Roblox can't save.", number(*x)),
                        fix: "Use an ordinary number such as 0.".into(),
                    });
                }
                range(*x, &number(*x), limits)
            }
            (FieldType::Integer, Value::Number(x)) => {
                let fix =
                    if x.is_finite() && x.fract() == 0.0 && x.abs() <= MAX_EXACT_INTEGER as f64 {
                        format!("Write it as the whole number {}.", *x as i64)
                    } else if x.is_finite() && x.abs() <= MAX_EXACT_INTEGER as f64 {
                        format!("Use a whole number such as {}.", x.round() as i64)
                    } else {
                        "Use a whole number such as 0.".into()
                    };
                Some(Problem {
                    code: "default-wrong-type",
                    what: format!("is {}, but it must be a whole number.", number(*x)),
                    fix,
                })
            }
            (FieldType::String, Value::String(s)) => {
                let max = limits.max_length?;
                let chars = s.chars().count();
                (chars > max as usize).then(|| Problem {
                    code: "default-too-long",
                    what: format!(
                        "is {} long, but the longest allowed text is {}.",
                        count(chars as u64, "character", "characters"),
                        count(u64::from(max), "character", "characters")
                    ),
                    fix: format!(
                        "Shorten it to {} or fewer, or raise the longest length.",
                        count(u64::from(max), "character", "characters")
                    ),
                })
            }
            (FieldType::Boolean, Value::Boolean(_)) => None,
            (FieldType::List(item), Value::List(items)) => {
                if let Some(problem) = too_many(items.len(), max_items) {
                    return Some(problem);
                }
                for (i, v) in items.iter().enumerate() {
                    self.location.push(format!("item {}", i + 1));
                    let found = self.find(v, item, limits, None, depth + 1);
                    if found.is_some() {
                        return found;
                    }
                    self.location.pop();
                }
                None
            }
            (FieldType::Map(item), Value::Map(entries)) => {
                if let Some(problem) = too_many(entries.len(), max_items) {
                    return Some(problem);
                }
                for (key, v) in entries {
                    self.location
                        .push(format!("the value for key {}", quote(key)));
                    let found = self.find(v, item, limits, None, depth + 1);
                    if found.is_some() {
                        return found;
                    }
                    self.location.pop();
                }
                None
            }
            (FieldType::Record(fields), Value::Map(entries)) => {
                // Fields missing from the value take their own defaults.
                for (key, v) in entries {
                    let by_name = self.records.entry(fields.as_ptr()).or_insert_with(|| {
                        fields.iter().rev().map(|f| (f.name.as_str(), f)).collect()
                    });
                    let Some(&field) = by_name.get(key.as_str()) else {
                        return Some(Problem {
                            code: "default-wrong-type",
                            what: format!(
                                "has a value for {}, but the record has no field of that name.",
                                quote(key)
                            ),
                            fix: format!(
                                "Remove {} from the default, or add that field to the record.",
                                quote(key)
                            ),
                        });
                    };
                    self.location.push(format!("field {}", show(key)));
                    let found =
                        self.find(v, &field.ty, Limits::of(field), field.max_items, depth + 1);
                    if found.is_some() {
                        return found;
                    }
                    self.location.pop();
                }
                None
            }
            (ty, v) => Some(Problem {
                code: "default-wrong-type",
                what: format!("is {}, but it must be {}.", value(v), a_type(ty)),
                fix: format!(
                    "Change it to {}, or remove it so new players start with {}.",
                    a_type(ty),
                    empty_value(ty)
                ),
            }),
        }
    }
}

fn range(x: f64, shown: &str, limits: Limits) -> Option<Problem> {
    if let Some(min) = limits.min.filter(|min| x < *min) {
        return Some(Problem {
            code: "default-out-of-range",
            what: format!(
                "is {shown}, but the smallest allowed value is {}.",
                number(min)
            ),
            fix: format!(
                "Change it to {} or more, or lower the smallest allowed value.",
                number(min)
            ),
        });
    }
    if let Some(max) = limits.max.filter(|max| x > *max) {
        return Some(Problem {
            code: "default-out-of-range",
            what: format!(
                "is {shown}, but the largest allowed value is {}.",
                number(max)
            ),
            fix: format!(
                "Change it to {} or less, or raise the largest allowed value.",
                number(max)
            ),
        });
    }
    None
}

fn too_many(items: usize, max_items: Option<u32>) -> Option<Problem> {
    let max = max_items?;
    (items > max as usize).then(|| Problem {
        code: "default-too-many-items",
        what: format!(
            "has {}, but at most {} allowed.",
            count(items as u64, "item", "items"),
            if max == 1 {
                "1 is".to_string()
            } else {
                format!("{max} are")
            }
        ),
        fix: format!("Remove items from the default, or raise the item limit to {items}."),
    })
}
