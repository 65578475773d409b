//! Reads an exported Rojo 7 project (default.project.json and the files its
//! `$path`s point to) into a tree of instances to create.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json};

use super::SimError;

/// An instance to create.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub name: String,
    pub class: String,
    /// Source of a Script, LocalScript or ModuleScript.
    pub source: Option<String>,
    pub properties: Map<String, Json>,
    pub children: Vec<Node>,
}

fn io_err(path: &Path, e: std::io::Error) -> SimError {
    SimError::Rojo(format!("{}: {e}", path.display()))
}

/// Reads a project: `path` is the project file or a folder holding default.project.json.
pub fn read_project(path: &Path) -> Result<Node, SimError> {
    let file = if path.is_dir() {
        path.join("default.project.json")
    } else {
        path.to_path_buf()
    };
    let text = fs::read_to_string(&file).map_err(|e| io_err(&file, e))?;
    let json: Json = serde_json::from_str(&text)
        .map_err(|e| SimError::Rojo(format!("{}: {e}", file.display())))?;
    let tree = json
        .get("tree")
        .ok_or_else(|| SimError::Rojo(format!("{}: no \"tree\"", file.display())))?;
    let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = json.get("name").and_then(Json::as_str).unwrap_or("Game");
    read_node(name, tree, &base)
}

fn read_node(name: &str, node: &Json, base: &Path) -> Result<Node, SimError> {
    let obj = node
        .as_object()
        .ok_or_else(|| SimError::Rojo(format!("node {name} is not an object")))?;
    let class = obj.get("$className").and_then(Json::as_str);
    let mut out = match obj.get("$path").and_then(Json::as_str) {
        Some(p) => {
            let path: PathBuf = base.join(p);
            let mut n = read_path(&path)?
                .ok_or_else(|| SimError::Rojo(format!("{}: unsupported file", path.display())))?;
            n.name = name.to_string();
            if let Some(c) = class {
                n.class = c.to_string();
            }
            n
        }
        None => Node {
            name: name.to_string(),
            class: class
                .unwrap_or(if name_is_service(name) {
                    name
                } else {
                    "Folder"
                })
                .to_string(),
            source: None,
            properties: Map::new(),
            children: Vec::new(),
        },
    };
    if let Some(Json::Object(props)) = obj.get("$properties") {
        for (k, v) in props {
            out.properties.insert(k.clone(), v.clone());
        }
    }
    for (k, v) in obj {
        if !k.starts_with('$') {
            out.children.push(read_node(k, v, base)?);
        }
    }
    Ok(out)
}

fn name_is_service(name: &str) -> bool {
    matches!(
        name,
        "Workspace"
            | "ReplicatedStorage"
            | "ServerScriptService"
            | "ServerStorage"
            | "ReplicatedFirst"
            | "StarterGui"
            | "StarterPack"
            | "StarterPlayer"
            | "Lighting"
            | "SoundService"
            | "Players"
    )
}

/// The script class and instance name a file stands for, if it is a script.
fn script_kind(file_name: &str) -> Option<(&'static str, &str)> {
    for ext in [".luau", ".lua"] {
        if let Some(stem) = file_name.strip_suffix(ext) {
            return Some(if let Some(s) = stem.strip_suffix(".server") {
                ("Script", s)
            } else if let Some(s) = stem.strip_suffix(".client") {
                ("LocalScript", s)
            } else {
                ("ModuleScript", stem)
            });
        }
    }
    None
}

fn leaf(name: &str, class: &str, source: Option<String>) -> Node {
    Node {
        name: name.to_string(),
        class: class.to_string(),
        source,
        properties: Map::new(),
        children: Vec::new(),
    }
}

/// Reads a file or folder; `None` for files Rojo would not turn into instances
/// here (meta files, models the emulator does not read).
fn read_path(path: &Path) -> Result<Option<Node>, SimError> {
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)
            .map_err(|e| io_err(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        let mut node = leaf(&file_name, "Folder", None);
        for e in &entries {
            let n = e.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if e.is_file()
                && let Some((class, "init")) = script_kind(n)
            {
                node.class = class.to_string();
                node.source = Some(fs::read_to_string(e).map_err(|err| io_err(e, err))?);
            }
            if n == "init.meta.json" {
                let text = fs::read_to_string(e).map_err(|err| io_err(e, err))?;
                let meta: Json = serde_json::from_str(&text)
                    .map_err(|err| SimError::Rojo(format!("{}: {err}", e.display())))?;
                if let Some(c) = meta.get("className").and_then(Json::as_str) {
                    node.class = c.to_string();
                }
                if let Some(Json::Object(p)) = meta.get("properties") {
                    node.properties.extend(p.clone());
                }
            }
        }
        for e in &entries {
            let n = e.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if e.is_file() && script_kind(n).is_some_and(|(_, stem)| stem == "init") {
                continue;
            }
            if let Some(child) = read_path(e)? {
                node.children.push(child);
            }
        }
        return Ok(Some(node));
    }
    if let Some((class, stem)) = script_kind(&file_name) {
        let source = fs::read_to_string(path).map_err(|e| io_err(path, e))?;
        return Ok(Some(leaf(stem, class, Some(source))));
    }
    if let Some(stem) = file_name.strip_suffix(".txt") {
        let mut n = leaf(stem, "StringValue", None);
        let text = fs::read_to_string(path).map_err(|e| io_err(path, e))?;
        n.properties.insert("Value".into(), Json::String(text));
        return Ok(Some(n));
    }
    if file_name.ends_with(".meta.json")
        || file_name.ends_with(".model.json")
        || file_name.ends_with(".project.json")
        || file_name.ends_with(".rbxm")
        || file_name.ends_with(".rbxmx")
    {
        return Ok(None);
    }
    if let Some(stem) = file_name.strip_suffix(".json") {
        let text = fs::read_to_string(path).map_err(|e| io_err(path, e))?;
        serde_json::from_str::<Json>(&text)
            .map_err(|e| SimError::Rojo(format!("{}: {e}", path.display())))?;
        // A JSON file is a ModuleScript returning the decoded value.
        let source = format!(
            "return game:GetService(\"HttpService\"):JSONDecode({})",
            Json::String(text)
        );
        return Ok(Some(leaf(stem, "ModuleScript", Some(source))));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scripts_modules_and_init_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("src/server/Data")).unwrap();
        fs::create_dir_all(root.join("src/shared")).unwrap();
        fs::write(root.join("src/server/Main.server.luau"), "print('hi')").unwrap();
        fs::write(root.join("src/server/Ui.client.luau"), "").unwrap();
        fs::write(root.join("src/server/Data/init.luau"), "return {}").unwrap();
        fs::write(root.join("src/server/Data/Schema.luau"), "return 1").unwrap();
        fs::write(root.join("src/shared/Config.luau"), "return 2").unwrap();
        fs::write(
            root.join("default.project.json"),
            r#"{"name": "P", "tree": {"$className": "DataModel",
                "ServerScriptService": {"$className": "ServerScriptService", "Server": {"$path": "src/server"}},
                "ReplicatedStorage": {"Shared": {"$path": "src/shared"}}}}"#,
        )
        .unwrap();
        let tree = read_project(root).unwrap();
        assert_eq!(tree.class, "DataModel");
        let find = |n: &str| tree.children.iter().find(|c| c.name == n).unwrap();
        let sss = find("ServerScriptService");
        assert_eq!(
            (sss.name.as_str(), sss.class.as_str()),
            ("ServerScriptService", "ServerScriptService")
        );
        let server = &sss.children[0];
        let kinds: Vec<_> = server
            .children
            .iter()
            .map(|c| (c.name.as_str(), c.class.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("Data", "ModuleScript"),
                ("Main", "Script"),
                ("Ui", "LocalScript")
            ]
        );
        assert_eq!(server.children[0].children[0].name, "Schema");
        assert_eq!(find("ReplicatedStorage").class, "ReplicatedStorage");
    }
}
