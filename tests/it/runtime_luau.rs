//! The embedded server runtime (assets/luau): every file parses, is exactly
//! StyLua-formatted, uses only modern Luau APIs, requires only modules that
//! exist, and is exported at the right Rojo paths for every example.
//!
//! `UPDATE_RUNTIME_LUAU=1 cargo test --test it runtime_luau::` rewrites the asset
//! files with their formatted text.

use std::collections::BTreeSet;
use std::path::PathBuf;

use datastore_designer::export;
use datastore_designer::luau::runtime::FILES;
use datastore_designer::luau::{format_luau, parse_luau};
use datastore_designer::project::{examples, file};
use serde_json::Value as Json;

fn asset_path(asset: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/luau")
        .join(asset)
}

#[test]
fn every_file_parses_and_is_stylua_formatted() {
    let update = std::env::var_os("UPDATE_RUNTIME_LUAU").is_some();
    let mut unformatted = Vec::new();
    for file in FILES {
        parse_luau(file.source).unwrap_or_else(|e| panic!("{} does not parse:\n{e}", file.asset));
        let formatted = format_luau(file.source).unwrap_or_else(|e| panic!("{}: {e}", file.asset));
        if formatted != file.source {
            if update {
                std::fs::write(asset_path(file.asset), &formatted).unwrap();
            }
            unformatted.push(file.asset);
        }
    }
    assert!(
        unformatted.is_empty(),
        "not StyLua-formatted (run with UPDATE_RUNTIME_LUAU=1 to fix): {unformatted:?}"
    );
}

#[test]
fn embedded_text_matches_the_asset_files() {
    for file in FILES {
        let on_disk = std::fs::read_to_string(asset_path(file.asset)).unwrap();
        assert_eq!(
            on_disk, file.source,
            "{} changed since the build",
            file.asset
        );
    }
}

/// Code with comments and string literals blanked out, so checks only see code.
fn code_only(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '-' if chars.peek() == Some(&'-') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' | '\'' => {
                out.push(c);
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == quote_of(&out) {
                        out.push(c);
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn quote_of(out: &str) -> char {
    out.chars().last().unwrap_or('"')
}

#[test]
fn no_deprecated_globals() {
    for file in FILES {
        let code = code_only(file.source);
        for (n, line) in code.lines().enumerate() {
            for name in ["wait", "spawn", "delay", "tick"] {
                let call = format!("{name}(");
                let mut start = 0;
                while let Some(i) = line[start..].find(&call) {
                    let at = start + i;
                    let before = line[..at].chars().last();
                    let is_member = matches!(before, Some('.') | Some(':'))
                        || before.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    assert!(
                        is_member,
                        "{}:{}: deprecated global {name}(): use task.{name}\n{line}",
                        file.asset,
                        n + 1
                    );
                    start = at + call.len();
                }
            }
        }
        assert!(
            !code.contains("coroutine.wrap("),
            "{}: use task.spawn",
            file.asset
        );
    }
}

#[test]
fn every_required_module_exists() {
    let mut modules: BTreeSet<&str> = FILES
        .iter()
        .filter(|f| f.folders == ["DataManager"] && f.name != "init")
        .map(|f| f.name)
        .collect();
    modules.insert("Config");
    modules.insert("Types");
    for file in FILES {
        let prefix = if file.name == "init" {
            "require(script."
        } else {
            "require(script.Parent."
        };
        for (i, _) in file.source.match_indices("require(") {
            let rest = &file.source[i..];
            if rest.starts_with("require(ServerScriptService") || rest.starts_with("require(game") {
                continue;
            }
            assert!(
                rest.starts_with(prefix),
                "{}: unexpected require: {}",
                file.asset,
                &rest[..40.min(rest.len())]
            );
            let name: String = rest[prefix.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            assert!(
                modules.contains(name.as_str()),
                "{} requires a missing module {name}",
                file.asset
            );
        }
    }
}

#[test]
fn modules_are_strict_and_say_where_they_come_from() {
    for file in FILES {
        assert!(file.source.starts_with("--!strict\n"), "{}", file.asset);
        assert!(
            file.source
                .contains("Exported unchanged with every project"),
            "{}",
            file.asset
        );
    }
}

#[test]
fn every_example_exports_the_runtime_and_rojo_maps_it() {
    for (name, _, text) in examples::EXAMPLES {
        let project = file::parse_str(text, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (plan, _) = export::plan(&project).unwrap_or_else(|e| panic!("{name}: {e}"));
        for runtime in FILES {
            let path = runtime.export_path();
            assert_eq!(plan.text(&path), Some(runtime.source), "{name}: {path}");
        }
        assert!(
            plan.text("src/ServerScriptService/DataManager/init.luau")
                .is_some()
        );
        assert!(
            plan.text("src/ServerScriptService/DataManager/Config.luau")
                .is_some()
        );
        assert!(
            plan.text("src/ServerScriptService/DataManagerStart.server.luau")
                .is_some()
        );

        let json: Json = serde_json::from_str(plan.text("default.project.json").unwrap()).unwrap();
        let sss = &json["tree"]["ServerScriptService"];
        assert_eq!(sss["$className"], "ServerScriptService", "{name}");
        assert_eq!(
            sss["DataManager"]["$path"], "src/ServerScriptService/DataManager",
            "{name}"
        );
        assert_eq!(
            sss["DataManagerStart"]["$path"],
            "src/ServerScriptService/DataManagerStart.server.luau",
            "{name}"
        );

        let readme = plan.text("README.md").unwrap();
        for runtime in FILES {
            assert!(
                readme.contains(&runtime.export_path()),
                "{name}: README lacks {}",
                runtime.export_path()
            );
        }
    }
}
