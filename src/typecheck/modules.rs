//! The module graph of an export as Roblox sees it: every script of the
//! Rojo tree, named by its instance path, and a class per instance so that
//! `script.Parent.Types` and `game:GetService("ServerScriptService").DataManager`
//! have types (as luau-lsp gives them from Rojo's sourcemap).
//!
//! Requires themselves are followed by the checker along the same instance
//! paths: module `game/ServerScriptService/DataManager/Session` requiring
//! `script.Parent.Types` loads `game/ServerScriptService/DataManager/Types`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rbx_reflection::ClassTag;

use super::declarations::{self, Chunk, database, member_name};
use crate::project::names::is_luau_identifier;
use crate::sim::rojo::Node;

/// One script of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// The checker's name for it: its instance path from the DataModel,
    /// `game/ServerScriptService/DataManager/Session`.
    pub name: String,
    /// What scripters call it: `ServerScriptService.DataManager.Session`.
    pub display: String,
    /// `Script`, `LocalScript` or `ModuleScript`.
    pub class: String,
    pub source: String,
    /// Declarations only this script sees: its `script`.
    pub environment: String,
}

/// Everything the checker needs to know about an export's instances.
#[derive(Debug, Clone, Default)]
pub struct ExportTree {
    pub modules: Vec<Module>,
    /// `declare class` for each instance, with its children as members.
    pub tree_classes: String,
    /// The type `game:GetService(name)` returns, for every service.
    pub services: BTreeMap<String, String>,
    /// The classes the scripts create with `Instance.new("Name")`.
    pub created: BTreeSet<String>,
}

impl ExportTree {
    /// The whole declaration file for this export.
    pub fn declarations(&self, instance_new: declarations::InstanceNew) -> String {
        declarations::generate(
            &self.tree_classes,
            &self.services,
            &self.created,
            instance_new,
        )
    }
}

/// Reads the instance tree Rojo would build (see [`crate::sim::rojo`]).
pub fn from_rojo(root: &Node) -> ExportTree {
    let mut builder = Builder {
        tree: ExportTree {
            services: declarations::plain_services(),
            ..ExportTree::default()
        },
        used_names: BTreeSet::new(),
        members: hand_written_members(),
    };
    for service in &root.children {
        let path = vec![service.name.clone()];
        let class = builder.visit(service, &path, "DataModel");
        let is_service = database()
            .classes
            .get(service.class.as_str())
            .is_some_and(|c| c.tags.contains(&ClassTag::Service));
        if is_service && service.name == service.class {
            builder.tree.services.insert(service.name.clone(), class);
        }
    }
    builder.tree
}

struct Builder {
    tree: ExportTree,
    used_names: BTreeSet<String>,
    /// Members the hand-written file adds to database classes.
    members: BTreeMap<String, BTreeSet<String>>,
}

impl Builder {
    /// Declares the class of `node` (at `path` below the DataModel, inside
    /// an instance of class `parent`) and of its descendants; returns the
    /// class name.
    fn visit(&mut self, node: &Node, path: &[String], parent: &str) -> String {
        let class_name = self.class_name(path);
        let base = if database().classes.contains_key(node.class.as_str()) {
            node.class.as_str()
        } else {
            "Instance"
        };
        let taken = self.member_names(base);
        // Where the instance sits is known, so `script.Parent` is typed.
        let mut members = vec![format!("\tParent: {parent}")];
        for child in &node.children {
            let mut child_path = path.to_vec();
            child_path.push(child.name.clone());
            let child_class = self.visit(child, &child_path, &class_name);
            if is_luau_identifier(&child.name) && !taken.contains(&child.name) {
                members.push(format!("\t{}: {child_class}", child.name));
            }
        }
        let _ = writeln!(
            self.tree.tree_classes,
            "declare class {class_name} extends {base}"
        );
        for member in members {
            let _ = writeln!(self.tree.tree_classes, "{member}");
        }
        self.tree.tree_classes.push_str("end\n\n");

        if let Some(source) = &node.source {
            self.tree
                .created
                .extend(declarations::created_classes(source).map(String::from));
            let name = format!("game/{}", path.join("/"));
            self.tree.modules.push(Module {
                environment: format!("declare script: {class_name}\n"),
                name,
                display: path.join("."),
                class: node.class.clone(),
                source: source.clone(),
            });
        }
        class_name
    }

    /// A class name for the instance at `path`, unique in the file:
    /// `Rojo_ServerScriptService_DataManager`.
    fn class_name(&mut self, path: &[String]) -> String {
        let joined: String = path
            .join("_")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let base = format!("Rojo_{joined}");
        let mut name = base.clone();
        let mut n = 2;
        while !self.used_names.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }

    /// Every member `class` and its superclasses have: a child of the same
    /// name is hidden behind it in Roblox too.
    fn member_names(&self, class: &str) -> BTreeSet<String> {
        let db = database();
        let mut names = BTreeSet::new();
        let mut current = db.classes.get(class);
        while let Some(descriptor) = current {
            names.extend(descriptor.properties.keys().map(|k| k.to_string()));
            if let Some(extra) = self.members.get(descriptor.name) {
                names.extend(extra.iter().cloned());
            }
            current = descriptor.superclass.and_then(|s| db.classes.get(s));
        }
        names
    }
}

fn hand_written_members() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for chunk in declarations::chunks(declarations::HAND_WRITTEN) {
        if let Chunk::Class { name, members, .. } = chunk {
            out.entry(name).or_default().extend(
                members
                    .iter()
                    .filter_map(|m| member_name(m))
                    .map(String::from),
            );
        }
    }
    out
}
