//! A player's record as a form built from the schema their data was saved
//! under: each field with its type, limits, description and value, the rule
//! it breaks (checked as the runtime checks it), and every key the schema
//! doesn't know, listed and kept, never dropped.

use serde_json::{Map, Value as Json};

use super::record::PlayerRecord;
use super::validate::{self, Problem, luau_number};
use crate::project::{Field, FieldType, Value};

/// One field of the schema and the player's value of it.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    pub name: String,
    /// The type in words ("whole number", "list of texts").
    pub type_name: String,
    pub ty: FieldType,
    /// The limits in words ("at least 0", "at most 20 characters").
    pub limits: Vec<String>,
    pub description: String,
    /// Off: lives only in a server; never stored, so not in the form's data.
    pub saved: bool,
    /// The stored value; None when the record has none (the game gives it
    /// the default at the next load).
    pub value: Option<Json>,
    /// What a new player starts with.
    pub default: Json,
    /// The rule the value breaks, as the runtime words it.
    pub problem: Option<Problem>,
}

/// A stored key the schema doesn't know (a removed field, another tool's
/// data): shown and written back as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownField {
    pub name: String,
    pub value: Json,
}

/// The whole form.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordForm {
    /// The schema version the form follows (the record's own).
    pub version: u32,
    /// Set when the form can't be edited, with why (saved by a newer
    /// version of the game, or a version this project no longer has).
    pub read_only: Option<String>,
    pub fields: Vec<FormField>,
    pub unknown: Vec<UnknownField>,
}

/// A schema value as JSON, as the runtime stores it.
pub fn value_to_json(value: &Value) -> Json {
    match value {
        Value::Integer(i) => Json::from(*i),
        Value::Number(x) => serde_json::Number::from_f64(*x).map_or(Json::Null, Json::Number),
        Value::String(s) => Json::String(s.clone()),
        Value::Boolean(b) => Json::Bool(*b),
        Value::List(items) => Json::Array(items.iter().map(value_to_json).collect()),
        Value::Map(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), value_to_json(v)))
                .collect(),
        ),
    }
}

/// A field's limits in words.
pub fn limits_in_words(field: &Field) -> Vec<String> {
    let mut out = Vec::new();
    let each = matches!(field.ty, FieldType::List(_) | FieldType::Map(_));
    let prefix = if each { "each item " } else { "" };
    if let Some(min) = field.min {
        out.push(format!("{prefix}at least {}", luau_number(min)));
    }
    if let Some(max) = field.max {
        out.push(format!("{prefix}at most {}", luau_number(max)));
    }
    if let Some(len) = field.max_length {
        out.push(format!("{prefix}at most {len} characters"));
    }
    if let Some(items) = field.max_items {
        out.push(format!("at most {items} items"));
    }
    out
}

impl FormField {
    fn of(field: &Field, value: Option<&Json>) -> FormField {
        FormField {
            name: field.name.clone(),
            type_name: field.ty.describe(),
            ty: field.ty.clone(),
            limits: limits_in_words(field),
            description: field.description.clone(),
            saved: field.saved,
            value: value.cloned(),
            default: value_to_json(&field.effective_default()),
            problem: value.and_then(|v| validate::check_field(field, Some(v))),
        }
    }

    /// The value as text for an edit box: plain for text and numbers, JSON
    /// for lists, maps and records.
    pub fn text(&self) -> String {
        match (&self.ty, &self.value) {
            (_, None) => String::new(),
            (FieldType::String, Some(Json::String(s))) => s.clone(),
            (_, Some(v)) => v.to_string(),
        }
    }
}

/// Reads what a designer typed as a value of `ty`: a number, true/false,
/// text as it is, JSON for lists, maps and records.
pub fn parse_input(ty: &FieldType, text: &str) -> Result<Json, String> {
    let trimmed = text.trim();
    match ty {
        FieldType::String => Ok(Json::String(text.to_string())),
        FieldType::Integer => trimmed
            .parse::<i64>()
            .map(Json::from)
            .map_err(|_| format!("\"{trimmed}\" is not a whole number")),
        FieldType::Number => trimmed
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .and_then(serde_json::Number::from_f64)
            .map(Json::Number)
            .ok_or_else(|| format!("\"{trimmed}\" is not a number")),
        FieldType::Boolean => match trimmed.to_ascii_lowercase().as_str() {
            "true" | "yes" => Ok(Json::Bool(true)),
            "false" | "no" => Ok(Json::Bool(false)),
            _ => Err(format!("\"{trimmed}\" is not true or false")),
        },
        FieldType::List(_) | FieldType::Map(_) | FieldType::Record(_) => {
            serde_json::from_str(trimmed)
                .map_err(|e| format!("this is not a {} written as JSON ({e})", ty.describe()))
        }
    }
}

impl RecordForm {
    /// The form of `record` under `fields` (the schema of the record's own
    /// version), or read-only with `read_only` as why.
    pub fn build(record: &PlayerRecord, fields: &[Field], read_only: Option<String>) -> RecordForm {
        let fields_out = fields
            .iter()
            .map(|f| FormField::of(f, record.data.get(&f.name)))
            .collect();
        let unknown = record
            .data
            .iter()
            .filter(|(k, _)| !fields.iter().any(|f| &f.name == *k))
            .map(|(k, v)| UnknownField {
                name: k.clone(),
                value: v.clone(),
            })
            .collect();
        RecordForm {
            version: record.version,
            read_only,
            fields: fields_out,
            unknown,
        }
    }

    pub fn field(&self, name: &str) -> Option<&FormField> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Sets a field from what the designer typed; the value is kept even if
    /// it breaks a rule (the rule is marked), but text that isn't a value of
    /// the type is refused with why.
    pub fn set_text(&mut self, name: &str, text: &str, fields: &[Field]) -> Result<(), String> {
        let ty = self
            .field(name)
            .map(|f| f.ty.clone())
            .ok_or_else(|| format!("the game has no field {name}"))?;
        let value = parse_input(&ty, text)?;
        self.set(name, Some(value), fields);
        Ok(())
    }

    /// Sets (or with None clears) a field's value and checks it again.
    pub fn set(&mut self, name: &str, value: Option<Json>, fields: &[Field]) {
        let spec = fields.iter().find(|f| f.name == name);
        if let Some(field) = self.fields.iter_mut().find(|f| f.name == name) {
            field.problem = match (spec, &value) {
                (Some(spec), Some(v)) => validate::check_field(spec, Some(v)),
                _ => None,
            };
            field.value = value;
        }
    }

    /// The data the form holds, as it would be stored: the saved fields that
    /// have a value, then the unknown keys untouched.
    pub fn data(&self) -> Map<String, Json> {
        let mut data = Map::new();
        for field in &self.fields {
            if let (true, Some(value)) = (field.saved, &field.value) {
                data.insert(field.name.clone(), value.clone());
            }
        }
        for unknown in &self.unknown {
            data.insert(unknown.name.clone(), unknown.value.clone());
        }
        data
    }

    /// Every broken rule.
    pub fn problems(&self) -> Vec<Problem> {
        self.fields
            .iter()
            .filter_map(|f| f.problem.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::cloud::{CloudEntry, EntryState, StoreRef};
    use serde_json::json;

    #[test]
    fn the_form_marks_broken_rules_and_keeps_unknown_keys() {
        let mut coins = Field::new("Coins", FieldType::Integer);
        coins.min = Some(0.0);
        coins.description = "Money".into();
        let fields = vec![coins, Field::new("Name", FieldType::String)];
        let entry = CloudEntry {
            id: "k".into(),
            value: json!({"data": {"Coins": -1, "Legacy": 3}, "meta": {"schemaVersion": 1}}),
            etag: "E".into(),
            revision_id: "R".into(),
            revision_time: None,
            create_time: None,
            state: EntryState::Active,
            users: vec![],
            attributes: Map::new(),
        };
        let record = PlayerRecord::decode(1, StoreRef::new("S", None), "k".into(), Some(&entry), 1);
        let mut form = RecordForm::build(&record, &fields, None);
        assert_eq!(form.field("Coins").unwrap().limits, vec!["at least 0"]);
        assert!(form.field("Coins").unwrap().problem.is_some());
        assert_eq!(form.field("Name").unwrap().value, None);
        assert_eq!(form.unknown[0].name, "Legacy");
        form.set_text("Coins", " 10 ", &fields).unwrap();
        assert!(form.problems().is_empty());
        assert!(form.set_text("Coins", "ten", &fields).is_err());
        assert_eq!(
            form.data(),
            json!({"Coins": 10, "Legacy": 3})
                .as_object()
                .unwrap()
                .clone()
        );
    }
}
