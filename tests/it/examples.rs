//! The example projects in examples/ (embedded in project::examples) load,
//! save back byte for byte, pass validation, and are all listed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use datastore_designer::project::classes;
use datastore_designer::project::examples::{self, DEFAULT_EXAMPLE, EXAMPLES};
use datastore_designer::project::file::{self, to_ron_string};
use datastore_designer::project::gui::{GuiNode, PropValue};
use datastore_designer::project::names::is_luau_identifier;
use datastore_designer::project::validate;
use datastore_designer::project::{Field, FieldType, Project, Severity};

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn example_path(name: &str) -> PathBuf {
    examples_dir().join(format!("{name}.ron"))
}

fn parse(name: &str, text: &str) -> Project {
    file::parse_str(text, &format!("examples/{name}.ron"))
        .unwrap_or_else(|e| panic!("example {name} does not load: {e}"))
}

#[test]
fn every_example_loads_from_the_embedded_text_and_from_its_file() {
    for (name, _, text) in EXAMPLES {
        let embedded = parse(name, text);
        let path = example_path(name);
        let loaded = file::load(&path).unwrap_or_else(|e| panic!("example {name}: {e}"));
        assert_eq!(
            embedded, loaded,
            "example {name}: the file and the embedded text differ"
        );
        assert_eq!(examples::text(name), Some(*text));
    }
}

#[test]
fn every_example_is_in_the_canonical_format() {
    for (name, _, text) in EXAMPLES {
        let project = parse(name, text);
        let saved = to_ron_string(&project);
        if saved != *text {
            let line = saved
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .map_or_else(|| "the end".to_string(), |i| format!("line {}", i + 1));
            panic!(
                "example {name} is not exactly what saving it writes (first difference at {line}); \
                 replace examples/{name}.ron with:\n{saved}"
            );
        }
    }
}

#[test]
fn every_example_survives_save_load_save_through_a_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, _, text) in EXAMPLES {
        let path = dir.path().join(format!("{name}.ron"));
        file::save(&parse(name, text), &path).expect("first save");
        let first = std::fs::read(&path).expect("read the first save");
        assert_eq!(
            first,
            text.as_bytes(),
            "example {name}: the first save changed the text"
        );

        let reloaded = file::load(&path).unwrap_or_else(|e| panic!("example {name}: {e}"));
        file::save(&reloaded, &path).expect("second save");
        let second = std::fs::read(&path).expect("read the second save");
        assert_eq!(
            first, second,
            "example {name}: save -> load -> save changed the file"
        );
        assert_eq!(parse(name, text), reloaded);
    }
}

#[test]
fn every_example_passes_validation_without_errors() {
    let mut failures = Vec::new();
    for (name, _, text) in EXAMPLES {
        let diagnostics = validate::check(&parse(name, text));
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            let all: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            failures.push(format!("example {name}:\n{}", all.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_list_of_examples_matches_the_files() {
    let listed: BTreeSet<String> = EXAMPLES.iter().map(|(n, _, _)| n.to_string()).collect();
    assert_eq!(listed.len(), EXAMPLES.len(), "an example is listed twice");
    let on_disk: BTreeSet<String> = std::fs::read_dir(examples_dir())
        .expect("the examples folder")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        listed, on_disk,
        "EXAMPLES and the .ron files in examples/ differ"
    );
    assert!(listed.contains(DEFAULT_EXAMPLE));
    assert_eq!(examples::names().len(), EXAMPLES.len());
    for (name, what, _) in EXAMPLES {
        assert!(!what.is_empty(), "example {name} has no description");
    }
}

/// Checks that do not wait for the validator: names that compile, defaults
/// within their limits, GUI classes and properties Roblox has.
#[test]
fn every_example_is_sound() {
    for (name, _, text) in EXAMPLES {
        let project = parse(name, text);
        assert!(
            !project.name.trim().is_empty(),
            "example {name} has no title"
        );
        let policy = &project.save_policy;
        if policy.session_lock.enabled {
            assert!(
                policy.session_lock.timeout_seconds > policy.auto_save_seconds,
                "example {name}: the lock would time out between auto-saves"
            );
        }
        let schemas =
            std::iter::once(&project.schema).chain(project.history.iter().map(|h| &h.schema));
        for schema in schemas {
            check_fields(name, &schema.fields);
        }
        for board in &project.leaderboards {
            assert!(
                is_luau_identifier(&board.name),
                "example {name}: {}",
                board.name
            );
            let stat = project
                .field(&board.stat)
                .unwrap_or_else(|| panic!("example {name}: no field {}", board.stat));
            assert_eq!(stat.ty, FieldType::Integer, "example {name}: ranked stat");
            assert!(
                board.gui.find(&board.rows_in).is_some(),
                "example {name}: rows_in {} is not in the GUI",
                board.rows_in
            );
            check_gui(name, &board.gui);
            check_gui(name, &board.row_template);
        }
        check_gui(name, &project.data_status.gui);
        assert!(
            policy.load_window_seconds >= 10,
            "example {name}: loading gives up too soon"
        );
    }
}

fn check_fields(example: &str, fields: &[Field]) {
    let mut seen = BTreeSet::new();
    for field in fields {
        let at = format!("example {example}, field {}", field.name);
        assert!(
            is_luau_identifier(&field.name),
            "{at}: not a Luau identifier"
        );
        assert!(seen.insert(&field.name), "{at}: name used twice");
        if let Some(value) = &field.default {
            let n = match value {
                datastore_designer::project::Value::Integer(i) => Some(*i as f64),
                datastore_designer::project::Value::Number(x) => Some(*x),
                _ => None,
            };
            if let Some(n) = n {
                assert!(field.min.is_none_or(|m| n >= m), "{at}: default below min");
                assert!(field.max.is_none_or(|m| n <= m), "{at}: default above max");
            }
        }
        match &field.ty {
            FieldType::Record(inner) => check_fields(example, inner),
            FieldType::String => {
                assert!(field.max_length.is_some(), "{at}: text with no max_length")
            }
            FieldType::List(item) | FieldType::Map(item) => {
                assert!(field.max_items.is_some(), "{at}: list with no max_items");
                if **item == FieldType::String {
                    assert!(field.max_length.is_some(), "{at}: texts with no max_length");
                }
            }
            _ => {}
        }
    }
}

fn check_gui(example: &str, root: &GuiNode) {
    for (path, node) in root.walk() {
        let at = format!("example {example}, GUI {path}");
        let class = classes::class(&node.class)
            .unwrap_or_else(|| panic!("{at}: unknown class {}", node.class));
        for (prop, value) in &node.properties {
            let info = class
                .property(prop)
                .unwrap_or_else(|| panic!("{at}: {} has no property {prop}", node.class));
            assert_eq!(info.kind, value.kind(), "{at}.{prop}: wrong kind of value");
            if let PropValue::Enum(ty, item) = value {
                assert_eq!(Some(ty.as_str()), info.enum_type, "{at}.{prop}: wrong enum");
                let items = classes::enum_items(ty).expect("known enum");
                assert!(
                    items.contains(&item.as_str()),
                    "{at}.{prop}: no item {item}"
                );
            }
        }
    }
}
