//! Writing names, numbers and values into messages.

use crate::project::names::is_luau_identifier;
pub(super) use crate::project::words::{count, thousands};
use crate::project::{FieldType, Value};

/// Longest piece of a name or text quoted in a message.
const QUOTE_CHARS: usize = 40;

/// A name or text in quotes, with control characters made visible and
/// anything very long cut short: `"my coins"`, `"a\u{7}b"`, `"aaaa…"`.
pub(super) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(QUOTE_CHARS * 2) + 2);
    out.push('"');
    for (i, c) in text.chars().enumerate() {
        if i == QUOTE_CHARS {
            out.push('…');
            break;
        }
        if c == '"' || c == '\\' || c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// A field or leaderboard name as it reads best in a sentence: plain when it
/// is a valid name, quoted otherwise.
pub(super) fn name(text: &str) -> String {
    if is_luau_identifier(text) {
        text.to_string()
    } else {
        quote(text)
    }
}

/// A rate or other figure: whole numbers as such, others to one decimal.
pub(super) fn figure(x: f64) -> String {
    if !x.is_finite() {
        return "unlimited".into();
    }
    let rounded = (x * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        let whole = rounded.abs() as u64;
        let sign = if rounded < 0.0 { "-" } else { "" };
        format!("{sign}{}", thousands(whole))
    } else {
        format!("{rounded:.1}")
    }
}

/// A number as designers wrote it: `5`, `0.5`, `-3`, `NaN`.
pub(super) fn number(x: f64) -> String {
    if x.is_nan() {
        "NaN (not a number)".into()
    } else if x.is_infinite() {
        if x > 0.0 {
            "infinity".into()
        } else {
            "minus infinity".into()
        }
    } else {
        format!("{x}")
    }
}

/// A value as it reads in a sentence.
pub(super) fn value(v: &Value) -> String {
    match v {
        Value::Integer(i) => i.to_string(),
        Value::Number(x) => number(*x),
        Value::String(s) => quote(s),
        Value::Boolean(b) => b.to_string(),
        Value::List(items) => format!("a list of {}", count(items.len() as u64, "item", "items")),
        Value::Map(entries) => {
            format!(
                "a map of {}",
                count(entries.len() as u64, "entry", "entries")
            )
        }
    }
}

/// The type with its article: `a whole number`, `text`, `a list of texts`.
pub(super) fn a_type(ty: &FieldType) -> String {
    match ty {
        FieldType::Integer => "a whole number".into(),
        FieldType::Number => "a number".into(),
        FieldType::String => "text".into(),
        FieldType::Boolean => "true or false".into(),
        other => format!("a {}", other.describe()),
    }
}

/// What a new player starts with when a field of this type has no default.
pub(super) fn empty_value(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::Integer | FieldType::Number => "0",
        FieldType::String => "empty text",
        FieldType::Boolean => "false",
        FieldType::List(_) => "an empty list",
        FieldType::Map(_) => "an empty map",
        FieldType::Record(_) => "the defaults of its fields",
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The first letter in upper case.
pub(super) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_hostile_text() {
        assert_eq!(quote("my coins"), "\"my coins\"");
        assert_eq!(quote("a\u{7}b"), "\"a\\u{7}b\"");
        assert_eq!(quote(&"x".repeat(100)), format!("\"{}…\"", "x".repeat(40)));
    }

    #[test]
    fn writes_figures() {
        assert_eq!(thousands(4_194_304), "4,194,304");
        assert_eq!(thousands(999), "999");
        assert_eq!(figure(300.0), "300");
        assert_eq!(figure(272.72), "272.7");
        assert_eq!(figure(f64::INFINITY), "unlimited");
    }
}
