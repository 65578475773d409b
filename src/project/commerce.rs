//! What players can be given: developer products they buy, and gifts the
//! game's team sends them (online or offline). Both are made of the same
//! [`Grant`]s on saved fields.

use serde::{Deserialize, Serialize};

use super::schema::Value;

/// How many purchase ids a record remembers, newest last, so a receipt that
/// Roblox delivers again grants nothing. ProfileStore's guide keeps about as
/// many; a player would need to buy this many products while one receipt is
/// still being re-delivered for an old id to be forgotten too early.
pub const PURCHASE_HISTORY: u32 = 100;

/// How many applied gift ids a record remembers, so a gift is applied once.
pub const GIFT_HISTORY: u32 = 100;

/// One change to a player's saved data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Grant {
    /// Adds `amount` to a number field (whole numbers take whole amounts).
    Add { field: String, amount: f64 },
    /// Adds `count` copies of `item` to the end of a list field.
    AddItem {
        field: String,
        item: Value,
        count: u32,
    },
    /// Sets a true/false field.
    Set { field: String, value: bool },
}

impl Grant {
    /// The top-level field this grant changes.
    pub fn field(&self) -> &str {
        match self {
            Grant::Add { field, .. } | Grant::AddItem { field, .. } | Grant::Set { field, .. } => {
                field
            }
        }
    }

    /// The grant in a designer's words: "add 100 to Coins".
    pub fn describe(&self) -> String {
        match self {
            Grant::Add { field, amount } => format!("add {} to {field}", number_words(*amount)),
            Grant::AddItem { field, item, count } => {
                let item = value_words(item);
                if *count == 1 {
                    format!("add {item} to {field}")
                } else {
                    format!("add {count} × {item} to {field}")
                }
            }
            Grant::Set { field, value } => format!("set {field} to {value}"),
        }
    }
}

fn number_words(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn value_words(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        Value::Integer(i) => i.to_string(),
        Value::Number(n) => number_words(*n),
        Value::Boolean(b) => b.to_string(),
        Value::List(_) | Value::Map(_) => v.kind_name().into(),
    }
}

/// A developer product the game sells (made on the Creator Dashboard; its id
/// is copied from there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// The developer product's id on Roblox.
    pub id: u64,
    /// A name for the designer and for code (`Coins100`).
    pub name: String,
    /// What one purchase gives.
    pub grants: Vec<Grant>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Something the game's team can send a player, online or offline, with
/// `DataManager:Gift(userId, name)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gift {
    /// The name code sends it by (`WelcomeBack`).
    pub name: String,
    /// What the gift gives.
    pub grants: Vec<Grant>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}
