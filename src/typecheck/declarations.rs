//! Roblox's API as a Luau declaration file (`declare class ... end`,
//! `declare Enum: ...`), the way luau-lsp declares it: classes, their
//! properties and the enums come from the reflection database; what the
//! database lacks (methods, events, datatypes, globals) from the hand-written
//! `assets/typecheck/roblox.d.luau`, merged in.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rbx_reflection::{ClassTag, DataType, ReflectionDatabase, Scriptability};
use rbx_types::VariantType;

use crate::project::names::is_luau_identifier;

/// The hand-written part (see the file's header for how it is merged).
pub const HAND_WRITTEN: &str = include_str!("../../assets/typecheck/roblox.d.luau");

/// The reflection database the declarations are generated from.
pub fn database() -> &'static ReflectionDatabase<'static> {
    rbx_reflection_database::get_bundled()
}

/// A top-level piece of the hand-written file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chunk {
    /// `declare class Name [extends Base] ... end`: its name and member lines.
    Class {
        name: String,
        header: String,
        members: Vec<String>,
    },
    /// Anything else (a `type`, a `declare name: T`), verbatim.
    Other(String),
}

/// Splits the hand-written file into its top-level declarations. Comments
/// and blank lines between them are dropped.
pub fn chunks(text: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("--") {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("declare class ") {
            let name = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            let mut members = Vec::new();
            for member in lines.by_ref() {
                if member.trim() == "end" {
                    break;
                }
                if !member.trim().is_empty() && !member.trim().starts_with("--") {
                    members.push(member.trim().to_string());
                }
            }
            out.push(Chunk::Class {
                name,
                header: trimmed.to_string(),
                members,
            });
            continue;
        }
        // A declaration runs until its brackets close.
        let mut text = line.to_string();
        let mut depth = bracket_depth(line);
        while depth > 0 {
            let Some(next) = lines.next() else { break };
            depth += bracket_depth(next);
            text.push('\n');
            text.push_str(next);
        }
        out.push(Chunk::Other(text));
    }
    out
}

fn bracket_depth(line: &str) -> i32 {
    let code = line.split("--").next().unwrap_or_default();
    code.chars()
        .map(|c| match c {
            '{' | '(' => 1,
            '}' | ')' => -1,
            _ => 0,
        })
        .sum()
}

/// The name a member line declares: `Name: T` or `function Name(...)`.
pub fn member_name(line: &str) -> Option<&str> {
    let line = line.strip_prefix("function ").unwrap_or(line);
    let end = line.find([':', '(']).unwrap_or(line.len());
    let name = line[..end].trim();
    is_luau_identifier(name).then_some(name)
}

/// True when `line` declares a method rather than a property.
pub fn is_method(line: &str) -> bool {
    line.starts_with("function ")
}

/// The Luau type of an enum's items: `EnumSortOrder`.
pub fn enum_type(name: &str) -> String {
    format!("Enum{name}")
}

/// The Luau type a property of this data type has, or `None` when the
/// declarations have no type for it.
fn property_type(data_type: &DataType<'_>, datatypes: &BTreeSet<String>) -> Option<String> {
    let ty = match data_type {
        DataType::Enum(name) => {
            return database().enums.contains_key(name).then(|| enum_type(name));
        }
        DataType::Value(ty) => *ty,
        _ => return None,
    };
    let name = match ty {
        VariantType::Bool => "boolean",
        VariantType::String | VariantType::ContentId => "string",
        VariantType::Float32 | VariantType::Float64 | VariantType::Int32 | VariantType::Int64 => {
            "number"
        }
        VariantType::Ref => "Instance?",
        other => {
            let name = format!("{other:?}");
            return Some(if datatypes.contains(&name) {
                name
            } else {
                "any".to_string()
            });
        }
    };
    Some(name.to_string())
}

/// Luau's reserved words: not usable as property names in a declaration.
const KEYWORDS: &[&str] = &[
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if", "in", "local",
    "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
];

fn usable_name(name: &str) -> bool {
    is_luau_identifier(name) && !KEYWORDS.contains(&name)
}

/// Classes in an order where each comes after its superclass.
fn classes_in_order(db: &ReflectionDatabase<'static>) -> Vec<&'static str> {
    let mut depth: BTreeMap<usize, BTreeSet<&'static str>> = BTreeMap::new();
    for name in db.classes.keys() {
        let mut d = 0;
        let mut class = db.classes.get(name).and_then(|c| c.superclass);
        while let Some(s) = class {
            d += 1;
            class = db.classes.get(s).and_then(|c| c.superclass);
        }
        depth.entry(d).or_default().insert(name);
    }
    depth.into_values().flatten().collect()
}

/// Extra members of generated classes, from outside the database: the
/// hand-written methods and events, and the children of the export's
/// instances (added by the module graph).
pub type ExtraMembers = BTreeMap<String, Vec<String>>;

/// Everything in one declaration file, in an order Luau accepts: enums,
/// hand-written datatypes, the database's classes (with the hand-written
/// members merged in), `tree_classes` (classes of the export's instances,
/// which extend database classes), then the globals.
///
/// `services` maps a service's name to the type `GetService` returns for it
/// (a tree class when the export puts something in that service).
///
/// `created` names the classes the scripts create with `Instance.new("Name")`:
/// with [`InstanceNew::Overloads`] each gets an overload returning that class
/// (one per class in the database is more than the checker accepts in one
/// type).
pub fn generate(
    tree_classes: &str,
    services: &BTreeMap<String, String>,
    created: &BTreeSet<String>,
    instance_new: InstanceNew,
) -> String {
    let db = database();
    let chunks = chunks(HAND_WRITTEN);
    let mut merged: ExtraMembers = BTreeMap::new();
    let mut datatypes = BTreeSet::new();
    let mut before = String::new();
    let mut after = String::new();
    for chunk in &chunks {
        match chunk {
            Chunk::Class { name, members, .. } if db.classes.contains_key(name.as_str()) => {
                merged
                    .entry(name.clone())
                    .or_default()
                    .extend(members.iter().cloned());
            }
            Chunk::Class {
                name,
                header,
                members,
            } => {
                datatypes.insert(name.clone());
                write_class(&mut before, header, members);
            }
            Chunk::Other(text) if text.trim_start().starts_with("declare ") => {
                after.push_str(text);
                after.push_str("\n\n");
            }
            Chunk::Other(text) => {
                before.push_str(text);
                before.push_str("\n\n");
            }
        }
    }

    let mut out =
        String::from("-- Generated by DataStore Designer from Roblox's reflection database.\n\n");
    write_enums(&mut out, db);
    out.push_str(&before);
    for name in classes_in_order(db) {
        if !usable_name(name) {
            continue;
        }
        let class = &db.classes[name];
        let header = match class.superclass {
            Some(base) => format!("declare class {name} extends {base}"),
            None => format!("declare class {name}"),
        };
        let extra = merged.get(name).map(Vec::as_slice).unwrap_or_default();
        let replaced: BTreeSet<&str> = extra
            .iter()
            .filter(|m| !is_method(m))
            .filter_map(|m| member_name(m))
            .collect();
        let mut members: Vec<String> = Vec::new();
        let mut properties: Vec<_> = class.properties.values().collect();
        properties.sort_by_key(|p| p.name);
        for property in properties {
            let readable = matches!(
                property.scriptability,
                Scriptability::ReadWrite | Scriptability::Read
            );
            if !readable || !usable_name(property.name) || replaced.contains(property.name) {
                continue;
            }
            if let Some(ty) = property_type(&property.data_type, &datatypes) {
                members.push(format!("{}: {ty}", property.name));
            }
        }
        members.extend(extra.iter().cloned());
        if name == "ServiceProvider" {
            for (service, ty) in services {
                members.push(format!(
                    "function GetService(self, service: \"{service}\"): {ty}"
                ));
            }
            members.push("function GetService(self, service: string): Instance".to_string());
        }
        write_class(&mut out, &header, &members);
    }
    out.push_str(tree_classes);
    out.push_str(&after);
    match instance_new {
        InstanceNew::Overloads => write_instance_new(&mut out, db, created),
        InstanceNew::Any => out.push_str(
            "declare Instance: {\n\tnew: (className: string, parent: Instance?) -> any,\n}\n",
        ),
    }
    out
}

/// How `Instance.new` is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceNew {
    /// One overload per created class: `Instance.new("Folder")` is a `Folder`.
    Overloads,
    /// Returns `any`. Luau 0.710's new solver gives up ("code is too
    /// complex") on an intersection of more than about seven overloads in a
    /// declaration file, so it checks created instances less closely.
    Any,
}

/// `services` for [`generate`] when no service holds anything of the export.
pub fn plain_services() -> BTreeMap<String, String> {
    database()
        .classes
        .values()
        .filter(|c| c.tags.contains(&ClassTag::Service) && usable_name(c.name))
        .map(|c| (c.name.to_string(), c.name.to_string()))
        .collect()
}

fn write_class(out: &mut String, header: &str, members: &[String]) {
    out.push_str(header);
    out.push('\n');
    for member in members {
        out.push('\t');
        out.push_str(member);
        out.push('\n');
    }
    out.push_str("end\n\n");
}

fn write_enums(out: &mut String, db: &ReflectionDatabase<'static>) {
    out.push_str(
        "declare class EnumItem\n\tName: string\n\tValue: number\n\tEnumType: Enum\n\
         \tfunction IsA(self, enumName: string): boolean\nend\n\n\
         declare class Enum\n\tfunction GetEnumItems(self): { EnumItem }\nend\n\n",
    );
    let mut names: Vec<&str> = db
        .enums
        .keys()
        .copied()
        .filter(|n| usable_name(n))
        .collect();
    names.sort_unstable();
    let mut list = String::from("declare Enum: {\n");
    for name in &names {
        let ty = enum_type(name);
        let _ = write!(out, "declare class {ty} extends EnumItem\nend\n\n");
        let _ = writeln!(out, "declare class {ty}_INTERNAL extends Enum");
        let mut items: Vec<&str> = db.enums[name]
            .items
            .keys()
            .copied()
            .filter(|i| usable_name(i))
            .collect();
        items.sort_unstable();
        for item in items {
            let _ = writeln!(out, "\t{item}: {ty}");
        }
        let _ = writeln!(
            out,
            "\tfunction FromName(self, name: string): {ty}?\n\tfunction FromValue(self, value: number): {ty}?\nend\n"
        );
        let _ = writeln!(list, "\t{name}: {ty}_INTERNAL,");
    }
    list.push_str("}\n\n");
    out.push_str(&list);
}

/// `Instance.new("Folder")` has type `Folder` for each class in `created`
/// that scripts can create; any other class name gives an `Instance`.
fn write_instance_new(
    out: &mut String,
    db: &ReflectionDatabase<'static>,
    created: &BTreeSet<String>,
) {
    let mut overloads: Vec<String> = created
        .iter()
        .filter_map(|name| db.classes.get(name.as_str()))
        .filter(|c| {
            !c.tags.contains(&ClassTag::NotCreatable)
                && !c.tags.contains(&ClassTag::Service)
                && usable_name(c.name)
        })
        .map(|c| {
            format!(
                "\t\t((className: \"{0}\", parent: Instance?) -> {0})",
                c.name
            )
        })
        .collect();
    overloads.push("\t\t((className: string, parent: Instance?) -> Instance)".to_string());
    let _ = write!(
        out,
        "declare Instance: {{\n\tnew: \n{},\n}}\n",
        overloads.join(" &\n")
    );
}

/// The class names `source` passes to `Instance.new` as string literals.
pub fn created_classes(source: &str) -> impl Iterator<Item = &str> {
    source.split("Instance.new(").skip(1).filter_map(|rest| {
        let rest = rest.trim_start().strip_prefix('"')?;
        let end = rest.find('"')?;
        Some(&rest[..end])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_split_classes_and_other_declarations() {
        let text = "-- c\ndeclare class A extends B\n\tX: number -- x\n\tfunction F(self): ()\nend\n\
                    type T = {\n\ta: number,\n}\ndeclare f: (x: number) -> ()\n";
        let got = chunks(text);
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0],
            Chunk::Class {
                name: "A".into(),
                header: "declare class A extends B".into(),
                members: vec!["X: number -- x".into(), "function F(self): ()".into()],
            }
        );
        assert_eq!(got[1], Chunk::Other("type T = {\n\ta: number,\n}".into()));
        assert_eq!(member_name("function F(self): ()"), Some("F"));
        assert_eq!(member_name("X: number"), Some("X"));
    }

    /// Names the hand-written file may use that are neither classes nor
    /// enums of the database: its own datatypes and aliases, and Luau's.
    fn declared_here() -> BTreeSet<String> {
        let mut names: BTreeSet<String> = chunks(HAND_WRITTEN)
            .iter()
            .filter_map(|c| match c {
                Chunk::Class { name, .. } => Some(name.clone()),
                Chunk::Other(text) => text
                    .strip_prefix("type ")
                    .and_then(|t| t.split(['<', ' ']).next())
                    .map(String::from),
            })
            .collect();
        names.extend(["Enum", "EnumItem"].map(String::from));
        names
    }

    #[test]
    fn every_class_property_and_enum_the_hand_written_file_names_is_in_the_database() {
        let wrong = missing_from_database(HAND_WRITTEN);
        assert!(
            wrong.is_empty(),
            "not in the reflection database: {wrong:#?}"
        );
    }

    #[test]
    fn made_up_names_in_a_declaration_file_are_found() {
        let text = "declare class Playerz\nend\n\
                    declare class Players\n\tLocalPlayerz: Player\n\
                    \tfunction F(self, x: EnumNope): DataStoreThing\nend\n\
                    declare x: number -- Enum.SortOrder.Nope\n\
                    declare y: typeof(Enum.SortOrder.Sideways)\n";
        assert_eq!(
            missing_from_database(text),
            vec![
                "class Playerz",
                "property Players.LocalPlayerz",
                "type EnumNope in: function F(self, x: EnumNope): DataStoreThing",
                "type DataStoreThing in: function F(self, x: EnumNope): DataStoreThing",
                "enum item Enum.SortOrder.Sideways",
            ]
        );
    }

    fn missing_from_database(text: &str) -> Vec<String> {
        let db = database();
        let own = declared_here();
        let mut wrong = Vec::new();
        for chunk in chunks(text) {
            let Chunk::Class { name, members, .. } = chunk else {
                continue;
            };
            let Some(class) = db.classes.get(name.as_str()) else {
                // A datatype: one the database's properties have, or an
                // engine type scripts see (RBXScriptConnection, and the
                // plugin's DockWidgetPluginGuiInfo).
                let is_datatype = db.classes.values().any(|c| {
                    c.properties
                        .values()
                        .any(|p| format!("{:?}", p.data_type.ty()) == name)
                });
                // Keypoints are the parts of the ColorSequence and
                // NumberSequence datatypes.
                let engine_type = [
                    "RBXScriptConnection",
                    "DockWidgetPluginGuiInfo",
                    "ColorSequenceKeypoint",
                    "NumberSequenceKeypoint",
                ];
                if !is_datatype && !engine_type.contains(&name.as_str()) {
                    wrong.push(format!("class {name}"));
                }
                continue;
            };
            for member in &members {
                let is_event = member.contains("RBXScriptSignal");
                if is_method(member) || is_event {
                    continue;
                }
                let property = member_name(member).unwrap_or_default();
                let found = db
                    .superclasses(class)
                    .unwrap_or_default()
                    .iter()
                    .any(|c| c.properties.contains_key(property));
                if !found {
                    wrong.push(format!("property {name}.{property}"));
                }
            }
        }
        // Every type named: a class, `EnumName`, or declared in the file.
        for line in text.lines() {
            let code = line.split("--").next().unwrap_or_default();
            let code = code
                .trim_start()
                .trim_start_matches("declare class ")
                .trim_start_matches("declare ")
                .trim_start_matches("type ");
            let mut rest = code;
            let mut after_function = code.starts_with("function ");
            while let Some(start) = rest.find(|c: char| c.is_ascii_uppercase()) {
                let word_end = rest[start..]
                    .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .map_or(rest.len(), |e| start + e);
                let word = &rest[start..word_end];
                let preceded_by_word = rest[..start]
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
                let is_name = rest[word_end..].starts_with(':') || after_function;
                after_function = false;
                rest = &rest[word_end..];
                // Single capitals are generic parameters: `<T...>`.
                if preceded_by_word || is_name || code.starts_with(word) || word.len() == 1 {
                    continue;
                }
                let known = db.classes.contains_key(word)
                    || own.contains(word)
                    || word
                        .strip_prefix("Enum")
                        .is_some_and(|e| db.enums.contains_key(e));
                if !known {
                    wrong.push(format!("type {word} in: {}", line.trim()));
                }
            }
            for (i, _) in code.match_indices("Enum.") {
                let mut parts = code[i + 5..].split('.');
                let enum_name = parts.next().unwrap_or_default();
                let item: String = parts
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                let ok = db
                    .enums
                    .get(enum_name)
                    .is_some_and(|e| item.is_empty() || e.items.contains_key(item.as_str()));
                if !ok {
                    wrong.push(format!("enum item Enum.{enum_name}.{item}"));
                }
            }
        }
        wrong
    }

    #[test]
    fn created_classes_are_the_string_literals_given_to_instance_new() {
        let source = "local a = Instance.new(\"Folder\")\nlocal b = Instance.new( \"TextLabel\", a)\n\
                      local c = Instance.new(kind)\n";
        let got: Vec<&str> = created_classes(source).collect();
        assert_eq!(got, vec!["Folder", "TextLabel"]);
    }
}
