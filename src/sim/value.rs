//! Conversion between Luau values and the JSON the backend stores, with the
//! checks Roblox makes before storing a value.

use std::collections::HashSet;
use std::ffi::c_void;

use mlua::{Lua, Table, Value};
use serde_json::{Map, Number, Value as Json};

/// The largest value Roblox stores, in characters of JSON.
pub const MAX_VALUE_CHARS: usize = 4_194_304;

/// Why a value cannot be stored. `Display` gives a Roblox-like message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// 104: the value (or a part of it, at `path`) has no JSON form.
    CantStore { what: String, path: String },
    /// 105: the JSON form is longer than [`MAX_VALUE_CHARS`].
    TooLarge(usize),
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValueError::CantStore { what, path } if path.is_empty() => {
                write!(f, "104: Cannot store {what} in data store.")
            }
            ValueError::CantStore { what, path } => {
                write!(f, "104: Cannot store {what} in data store (at {path}).")
            }
            ValueError::TooLarge(n) => write!(
                f,
                "105: Serialized value exceeds 4MB limit ({n} > {MAX_VALUE_CHARS} characters)."
            ),
        }
    }
}

fn cant(what: impl Into<String>, path: &str) -> ValueError {
    ValueError::CantStore {
        what: what.into(),
        path: path.to_string(),
    }
}

/// Converts a Luau value to JSON as a DataStore would, refusing what Roblox
/// cannot store: NaN and infinities, non-UTF-8 strings, tables mixing array and
/// dictionary keys, sparse arrays, non-string dictionary keys, functions,
/// userdata, threads and cycles; then checks the size limit.
pub fn to_storable_json(value: &Value) -> Result<Json, ValueError> {
    let mut seen = HashSet::new();
    let json = convert(value, "", &mut seen)?;
    let len = serde_json::to_string(&json)
        .map(|s| s.chars().count())
        .unwrap_or(usize::MAX);
    if len > MAX_VALUE_CHARS {
        return Err(ValueError::TooLarge(len));
    }
    Ok(json)
}

fn number(n: f64, path: &str) -> Result<Json, ValueError> {
    if n.is_nan() {
        return Err(cant("NaN", path));
    }
    if n.is_infinite() {
        return Err(cant(if n > 0.0 { "inf" } else { "-inf" }, path));
    }
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        return Ok(Json::from(n as i64));
    }
    Ok(Number::from_f64(n).map(Json::Number).unwrap_or(Json::Null))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn convert(
    value: &Value,
    path: &str,
    seen: &mut HashSet<*const c_void>,
) -> Result<Json, ValueError> {
    match value {
        Value::Nil => Ok(Json::Null),
        Value::Boolean(b) => Ok(Json::Bool(*b)),
        Value::Integer(i) => Ok(Json::from(*i)),
        Value::Number(n) => number(*n, path),
        Value::String(s) => match s.to_str() {
            Ok(s) => Ok(Json::String(s.to_string())),
            Err(_) => Err(cant(
                "string. Data stores can only accept valid UTF-8 characters",
                path,
            )),
        },
        Value::Table(t) => convert_table(t, path, seen),
        Value::Function(_) => Err(cant("function", path)),
        Value::Thread(_) => Err(cant("thread", path)),
        Value::Buffer(_) => Err(cant("buffer (not supported by the emulator yet)", path)),
        Value::UserData(_) | Value::LightUserData(_) => Err(cant("Instance or userdata", path)),
        Value::Vector(_) => Err(cant("Vector3", path)),
        other => Err(cant(other.type_name(), path)),
    }
}

fn convert_table(
    t: &Table,
    path: &str,
    seen: &mut HashSet<*const c_void>,
) -> Result<Json, ValueError> {
    let ptr = t.to_pointer();
    if !seen.insert(ptr) {
        return Err(cant("a table that contains itself (cyclic table)", path));
    }
    let mut ints: Vec<(i64, Value)> = Vec::new();
    let mut strs: Vec<(String, Value)> = Vec::new();
    for pair in t.pairs::<Value, Value>() {
        let (k, v) = pair.map_err(|e| cant(format!("table ({e})"), path))?;
        match &k {
            Value::String(s) => match s.to_str() {
                Ok(s) => strs.push((s.to_string(), v)),
                Err(_) => return Err(cant("a table key that is not valid UTF-8", path)),
            },
            Value::Integer(i) if *i >= 1 => ints.push((*i, v)),
            Value::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n < 9.0e15 => {
                ints.push((*n as i64, v))
            }
            other => {
                let what = match other {
                    Value::Number(n) => format!("a table with the non-string key {n}"),
                    Value::Integer(i) => format!("a table with the non-string key {i}"),
                    o => format!("a table with a {} key", o.type_name()),
                };
                return Err(cant(what, path));
            }
        }
    }
    let out = if !ints.is_empty() && !strs.is_empty() {
        return Err(cant("a table mixing array and dictionary keys", path));
    } else if !strs.is_empty() {
        strs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut map = Map::new();
        for (k, v) in strs {
            let p = join(path, &k);
            map.insert(k, convert(&v, &p, seen)?);
        }
        Json::Object(map)
    } else {
        ints.sort_by_key(|(i, _)| *i);
        if ints.last().is_some_and(|(i, _)| *i as usize != ints.len()) {
            return Err(cant("a sparse array (an array with holes)", path));
        }
        let mut arr = Vec::with_capacity(ints.len());
        for (i, v) in ints {
            arr.push(convert(&v, &format!("{path}[{i}]"), seen)?);
        }
        Json::Array(arr)
    };
    seen.remove(&ptr);
    Ok(out)
}

/// Converts JSON back into a Luau value (arrays become 1-based tables).
pub fn json_to_lua(lua: &Lua, json: &Json) -> mlua::Result<Value> {
    Ok(match json {
        Json::Null => Value::Nil,
        Json::Bool(b) => Value::Boolean(*b),
        Json::Number(n) => Value::Number(n.as_f64().unwrap_or(0.0)),
        Json::String(s) => Value::String(lua.create_string(s)?),
        Json::Array(a) => {
            let t = lua.create_table_with_capacity(a.len(), 0)?;
            for (i, v) in a.iter().enumerate() {
                t.raw_set(i + 1, json_to_lua(lua, v)?)?;
            }
            Value::Table(t)
        }
        Json::Object(o) => {
            let t = lua.create_table_with_capacity(0, o.len())?;
            for (k, v) in o {
                t.raw_set(k.as_str(), json_to_lua(lua, v)?)?;
            }
            Value::Table(t)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str) -> Result<Json, ValueError> {
        let lua = Lua::new();
        let v: Value = lua.load(src).eval().unwrap();
        to_storable_json(&v)
    }

    #[test]
    fn accepts_plain_data() {
        let j = check("return {coins = 5, items = {'a', 'b'}, ratio = 0.5, ok = true, empty = {}}")
            .unwrap();
        assert_eq!(
            j,
            serde_json::json!({"coins": 5, "items": ["a", "b"], "ratio": 0.5, "ok": true, "empty": []})
        );
    }

    #[test]
    fn refuses_what_roblox_cannot_store() {
        let cases = [
            ("return 0/0", "NaN"),
            ("return {x = math.huge}", "inf"),
            ("return {1, 2, x = 3}", "mixing"),
            ("return {[1] = 1, [3] = 3}", "sparse"),
            ("return {[true] = 1}", "boolean key"),
            ("return {[1.5] = 1}", "non-string key"),
            ("return {f = print}", "function"),
            ("local t = {} t.self = t return t", "cyclic"),
            ("return '\\255\\254'", "UTF-8"),
        ];
        for (src, needle) in cases {
            let err = check(src).unwrap_err().to_string();
            assert!(err.starts_with("104: Cannot store"), "{src}: {err}");
            assert!(err.contains(needle), "{src}: {err}");
        }
    }

    #[test]
    fn refuses_values_over_the_size_limit() {
        let err = check("return string.rep('x', 4194304)").unwrap_err();
        assert!(matches!(err, ValueError::TooLarge(_)));
        assert!(check("return string.rep('x', 4194302)").is_ok());
    }

    #[test]
    fn shared_subtables_are_not_cycles() {
        assert!(check("local s = {1} return {a = s, b = s}").is_ok());
    }
}
