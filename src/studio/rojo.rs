//! Rojo 7 project layout: where each script goes in the folder, and the
//! default.project.json that maps the folder onto Roblox's services.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json, json};

/// The Roblox container a generated script or folder lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Container {
    /// Server-only code: the data manager and leaderboards.
    ServerScriptService,
    /// Shared between server and clients (RemoteEvents, shared modules).
    ReplicatedStorage,
    /// Client code that runs once per player (the leaderboard GUIs).
    StarterPlayerScripts,
}

impl Container {
    pub const ALL: [Container; 3] = [
        Container::ServerScriptService,
        Container::ReplicatedStorage,
        Container::StarterPlayerScripts,
    ];

    /// The path of instances from the DataModel, each with its name and
    /// class: where default.project.json maps the container.
    pub fn instance_path(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Container::ServerScriptService => &[("ServerScriptService", "ServerScriptService")],
            Container::ReplicatedStorage => &[("ReplicatedStorage", "ReplicatedStorage")],
            Container::StarterPlayerScripts => &[
                ("StarterPlayer", "StarterPlayer"),
                ("StarterPlayerScripts", "StarterPlayerScripts"),
            ],
        }
    }

    /// The folder under `src/` that mirrors this container.
    pub fn folder(self) -> String {
        let names: Vec<&str> = self.instance_path().iter().map(|(name, _)| *name).collect();
        format!("src/{}", names.join("/"))
    }
}

/// What kind of script a `.luau` file becomes in Roblox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptKind {
    /// A Script: runs on the server.
    Server,
    /// A LocalScript: runs on each player's device.
    Client,
    /// A ModuleScript: runs when another script requires it.
    Module,
}

impl ScriptKind {
    /// Rojo's file suffix for the kind.
    pub fn suffix(self) -> &'static str {
        match self {
            ScriptKind::Server => ".server.luau",
            ScriptKind::Client => ".client.luau",
            ScriptKind::Module => ".luau",
        }
    }

    /// The file that makes a folder itself this kind of script, with the
    /// folder's other files as its children.
    pub fn init_file(self) -> String {
        format!("init{}", self.suffix())
    }
}

/// The path of a script file inside the export folder: `container`, then
/// the `folders` it sits in, then `name` with Rojo's suffix for `kind`.
pub fn script_path(container: Container, folders: &[&str], name: &str, kind: ScriptKind) -> String {
    let mut path = container.folder();
    for folder in folders {
        path.push('/');
        path.push_str(folder);
    }
    path.push('/');
    path.push_str(name);
    path.push_str(kind.suffix());
    path
}

/// default.project.json for the given export files: every top-level entry
/// below a container folder becomes a `$path` node, and only containers
/// that hold something appear (Rojo refuses a `$path` that does not exist).
pub fn project_json(project_name: &str, file_paths: &[&str]) -> String {
    // container -> entry name -> path of the entry
    let mut entries: BTreeMap<Container, BTreeMap<String, String>> = BTreeMap::new();
    for path in file_paths {
        for container in Container::ALL {
            let folder = container.folder();
            if let Some(rest) = path.strip_prefix(&folder).and_then(|r| r.strip_prefix('/')) {
                let entry = rest.split('/').next().unwrap_or(rest);
                let node_name = entry
                    .strip_suffix(".server.luau")
                    .or_else(|| entry.strip_suffix(".client.luau"))
                    .or_else(|| entry.strip_suffix(".luau"))
                    .unwrap_or(entry);
                entries
                    .entry(container)
                    .or_default()
                    .insert(node_name.to_string(), format!("{folder}/{entry}"));
            }
        }
    }

    let mut tree = Map::new();
    tree.insert("$className".into(), json!("DataModel"));
    for (container, children) in entries {
        let mut node = &mut tree;
        for (name, class) in container.instance_path() {
            let child = node
                .entry(name.to_string())
                .or_insert_with(|| json!({ "$className": class }));
            node = child.as_object_mut().expect("container nodes are objects");
        }
        for (name, path) in children {
            node.insert(name, json!({ "$path": path }));
        }
    }
    let root = json!({ "name": project_name, "tree": Json::Object(tree) });
    let mut text = serde_json::to_string_pretty(&root).expect("JSON values always serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_paths_follow_rojo_naming() {
        assert_eq!(
            script_path(
                Container::ServerScriptService,
                &["DataManager"],
                "Config",
                ScriptKind::Module
            ),
            "src/ServerScriptService/DataManager/Config.luau"
        );
        assert_eq!(
            script_path(
                Container::StarterPlayerScripts,
                &[],
                "TopCoins",
                ScriptKind::Client
            ),
            "src/StarterPlayer/StarterPlayerScripts/TopCoins.client.luau"
        );
        assert_eq!(ScriptKind::Server.init_file(), "init.server.luau");
    }

    #[test]
    fn project_json_maps_entries_to_services() {
        let text = project_json(
            "Starter",
            &[
                "src/ServerScriptService/DataManager/Config.luau",
                "src/ServerScriptService/DataManager/Types.luau",
                "src/ServerScriptService/Main.server.luau",
                "src/StarterPlayer/StarterPlayerScripts/TopCoins.client.luau",
            ],
        );
        let json: Json = serde_json::from_str(&text).unwrap();
        let tree = &json["tree"];
        assert_eq!(json["name"], "Starter");
        assert_eq!(tree["$className"], "DataModel");
        assert_eq!(
            tree["ServerScriptService"]["$className"],
            "ServerScriptService"
        );
        assert_eq!(
            tree["ServerScriptService"]["DataManager"]["$path"],
            "src/ServerScriptService/DataManager"
        );
        assert_eq!(
            tree["ServerScriptService"]["Main"]["$path"],
            "src/ServerScriptService/Main.server.luau"
        );
        assert_eq!(
            tree["StarterPlayer"]["StarterPlayerScripts"]["TopCoins"]["$path"],
            "src/StarterPlayer/StarterPlayerScripts/TopCoins.client.luau"
        );
        assert!(tree.get("ReplicatedStorage").is_none());
    }
}
