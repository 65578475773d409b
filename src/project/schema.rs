//! The player data a game saves: fields, their types, defaults and limits.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The current shape of a player's saved data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Published version number of this shape. Saved records carry it, so the
    /// data layer knows which migrations a record still needs.
    pub version: u32,
    pub fields: Vec<Field>,
    /// How a record of the previous published version becomes this one. Fields
    /// that are new here need no step: they start at their default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// One named piece of player data, such as `Coins` or `Inventory`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// What a new player starts with. Left out, it is the type's empty value
    /// (0, "", false, an empty list). Records take their defaults from their
    /// own fields, so they have none here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Smallest allowed number. On a list or map of numbers it limits each item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest allowed number. On a list or map of numbers it limits each item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Longest allowed text, in characters. On a list or map of strings it
    /// limits each item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Most items a list or map may hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// Shown in the in-game player list (Roblox's `leaderstats`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub leaderstat: bool,
    /// Off: the value lives only while the player is in the server.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub saved: bool,
    /// A note for the designer; it is written into the generated types as a comment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_true(b: &bool) -> bool {
    *b
}
fn yes() -> bool {
    true
}

impl Field {
    /// A field of the given type with no constraints, saved, not a leaderstat.
    pub fn new(name: impl Into<String>, ty: FieldType) -> Self {
        Field {
            name: name.into(),
            ty,
            default: None,
            min: None,
            max: None,
            max_length: None,
            max_items: None,
            leaderstat: false,
            saved: true,
            description: String::new(),
        }
    }

    pub fn with_default(mut self, value: Value) -> Self {
        self.default = Some(value);
        self
    }

    /// The value a new player gets: the explicit default, or the type's empty
    /// value, or for records a map built from the record's own fields.
    pub fn effective_default(&self) -> Value {
        match (&self.default, &self.ty) {
            (_, FieldType::Record(fields)) => record_default(fields),
            (Some(v), _) => v.clone(),
            (None, ty) => ty.empty_value(),
        }
    }
}

/// The default record for a list of fields: each field at its default.
pub fn record_default(fields: &[Field]) -> Value {
    Value::Map(
        fields
            .iter()
            .map(|f| (f.name.clone(), f.effective_default()))
            .collect(),
    )
}

/// What kind of value a field holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FieldType {
    /// A whole number, exact up to 2^53 in Luau.
    Integer,
    /// Any finite number.
    Number,
    String,
    Boolean,
    /// An ordered list of values of one type.
    List(Box<FieldType>),
    /// Text keys to values of one type.
    Map(Box<FieldType>),
    /// A group of named fields saved together.
    Record(Vec<Field>),
}

impl FieldType {
    /// Name shown to designers.
    pub fn describe(&self) -> String {
        match self {
            FieldType::Integer => "whole number".into(),
            FieldType::Number => "number".into(),
            FieldType::String => "text".into(),
            FieldType::Boolean => "true/false".into(),
            FieldType::List(item) => format!("list of {}", item.describe_plural()),
            FieldType::Map(item) => format!("map of text to {}", item.describe_plural()),
            FieldType::Record(_) => "record".into(),
        }
    }

    fn describe_plural(&self) -> String {
        match self {
            FieldType::Integer => "whole numbers".into(),
            FieldType::Number => "numbers".into(),
            FieldType::String => "texts".into(),
            FieldType::Boolean => "true/false values".into(),
            FieldType::List(_) | FieldType::Map(_) => format!("({})", self.describe()),
            FieldType::Record(_) => "records".into(),
        }
    }

    pub fn empty_value(&self) -> Value {
        match self {
            FieldType::Integer => Value::Integer(0),
            FieldType::Number => Value::Number(0.0),
            FieldType::String => Value::String(String::new()),
            FieldType::Boolean => Value::Boolean(false),
            FieldType::List(_) => Value::List(Vec::new()),
            FieldType::Map(_) => Value::Map(BTreeMap::new()),
            FieldType::Record(fields) => record_default(fields),
        }
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, FieldType::Integer | FieldType::Number)
    }

    /// The type that per-item constraints (min, max, max length) apply to:
    /// the item type for lists and maps, the type itself otherwise.
    pub fn constrained_scalar(&self) -> &FieldType {
        match self {
            FieldType::List(item) | FieldType::Map(item) => item.constrained_scalar(),
            other => other,
        }
    }
}

/// A concrete value: a default, or an item of one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Integer(i64),
    Number(f64),
    String(String),
    Boolean(bool),
    List(Vec<Value>),
    /// Also the value of a record: field names to values.
    Map(BTreeMap<String, Value>),
}

impl Value {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Integer(_) => "a whole number",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Boolean(_) => "true/false",
            Value::List(_) => "a list",
            Value::Map(_) => "a map",
        }
    }
}

/// One step of turning a record of the previous schema version into this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// The field `from` is now called `to`; its value is kept.
    Rename { from: String, to: String },
    /// The field is gone. Its value stays in the old version's data, which is
    /// never deleted, but the current version no longer carries it.
    Remove { field: String },
    /// The field's type changed; old values are converted.
    Retype {
        field: String,
        conversion: Conversion,
    },
}

/// How an old value becomes a value of the field's new type. A value that
/// cannot be converted takes the field's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Conversion {
    /// Number to whole number, rounding to the nearest.
    Round,
    /// Number to whole number, rounding down.
    Floor,
    /// Whole number to number: always exact.
    ToNumber,
    /// Anything to its text form (`tostring`).
    ToText,
    /// Text to number (`tonumber`); text that is not a number takes the default.
    ParseNumber,
    /// A single value becomes a list holding it.
    WrapInList,
    /// Start again from the default, dropping the old value.
    ResetToDefault,
}

impl Conversion {
    pub const ALL: [Conversion; 7] = [
        Conversion::Round,
        Conversion::Floor,
        Conversion::ToNumber,
        Conversion::ToText,
        Conversion::ParseNumber,
        Conversion::WrapInList,
        Conversion::ResetToDefault,
    ];

    /// Whether this conversion can turn a value of `from` into one of `to`.
    pub fn fits(self, from: &FieldType, to: &FieldType) -> bool {
        use FieldType as T;
        match self {
            Conversion::Round | Conversion::Floor => from.is_numeric() && *to == T::Integer,
            Conversion::ToNumber => from.is_numeric() && *to == T::Number,
            Conversion::ToText => {
                matches!(from, T::Integer | T::Number | T::Boolean | T::String) && *to == T::String
            }
            Conversion::ParseNumber => *from == T::String && to.is_numeric(),
            Conversion::WrapInList => matches!(to, T::List(item) if **item == *from),
            Conversion::ResetToDefault => true,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Conversion::Round => "round to the nearest whole number",
            Conversion::Floor => "round down to a whole number",
            Conversion::ToNumber => "keep the number as it is",
            Conversion::ToText => "turn the value into text",
            Conversion::ParseNumber => "read the text as a number",
            Conversion::WrapInList => "put the old value into a list",
            Conversion::ResetToDefault => "start again from the default",
        }
    }
}

/// An earlier published version of the schema, kept so exported code can
/// migrate records saved under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedSchema {
    /// The DataStore that version was saved in. When it differs from the next
    /// version's, the data layer moves records over on first load.
    pub datastore: String,
    pub schema: Schema,
}
