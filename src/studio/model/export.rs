//! GuiNode trees and export plans as Roblox models.
//!
//! Every property the class table lists is written, with the node's value
//! or the table's default, so Studio shows exactly what the designer saw
//! (Studio's own defaults differ). Properties outside the table (kept from
//! an import) are written too when the reflection database knows them.
//!
//! Row templates: a leaderboard's model holds its GUI with the row template
//! as the last child of the rows container (`rows_in`), hidden
//! (`Visible = false`) so it never shows as a row itself, and marked with
//! the attribute [`ROW_TEMPLATE_ATTRIBUTE`](super::ROW_TEMPLATE_ATTRIBUTE)
//! whose value is the template's own Visible, so an import can take it out
//! again exactly. A board with period tabs keeps its tab template the same
//! way: the last child of the tabs container (`tabs.goes_in`), hidden and
//! marked with [`TAB_TEMPLATE_ATTRIBUTE`](super::TAB_TEMPLATE_ATTRIBUTE).
//! The client script builds the GUI in code and never clones these hidden
//! copies, so they stay hidden in Studio and in play.

use std::collections::BTreeMap;

use rbx_dom_weak::{InstanceBuilder, WeakDom};
use rbx_types::{Attributes, Variant};
use thiserror::Error;

use super::{
    ROW_TEMPLATE_ATTRIBUTE, TAB_TEMPLATE_ATTRIBUTE, ToVariantError, class_descriptor,
    data_type_name, property_descriptor, serializes, to_variant,
};
use crate::project::classes;
use crate::project::gui::{GuiNode, PropValue};
use crate::project::{Leaderboard, Project};
use crate::studio::rojo::Container;

/// Name of the Folder that holds a whole export in one model.
pub const EXPORT_FOLDER: &str = "DataStoreDesigner";
/// Name of the Folder (inside [`EXPORT_FOLDER`]) that holds the GUIs.
pub const GUI_FOLDER: &str = "GUIs";
/// Folder of the export that holds the model files.
pub const MODELS_DIR: &str = "models";

/// Which kind of model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelFormat {
    /// `.rbxmx`: XML, readable and diffable.
    Xml,
    /// `.rbxm`: binary, smaller and faster for Studio.
    Binary,
}

impl ModelFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ModelFormat::Xml => "rbxmx",
            ModelFormat::Binary => "rbxm",
        }
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum ModelError {
    #[error("{path}: Roblox has no class called \"{class}\"")]
    UnknownClass { path: String, class: String },
    #[error("{path}: a {class} has no property \"{property}\" that Roblox saves in model files")]
    UnknownProperty {
        path: String,
        class: String,
        property: String,
    },
    #[error("{path}: {property} must be {expected}, but it is {found}")]
    WrongType {
        path: String,
        property: String,
        expected: String,
        found: String,
    },
    #[error("{path}: {property} is {item:?}, which is not an item of Enum.{enum_type}")]
    UnknownEnumItem {
        path: String,
        property: String,
        enum_type: String,
        item: String,
    },
    #[error("{path}: {property} is too large for Roblox ({value})")]
    OutOfRange {
        path: String,
        property: String,
        value: String,
    },
    #[error(
        "{path}: only .luau, .lua and .txt files can go into a model (as scripts and StringValues)"
    )]
    UnsupportedFile { path: String },
    #[error("could not write the .{extension} model: {detail}")]
    Encode {
        extension: &'static str,
        detail: String,
    },
}

/// The instance for `node` and its subtree, with every property typed and
/// checked against the reflection database.
pub fn gui_builder(node: &GuiNode) -> Result<InstanceBuilder, ModelError> {
    build(node, &node.name, "", &mut Vec::new())
}

/// A leaderboard's GUI with its row template (and tab template, if it has
/// tabs) hidden in their containers (see the module documentation).
pub fn leaderboard_gui(board: &Leaderboard) -> Result<InstanceBuilder, ModelError> {
    let root_path = &board.gui.name;
    let mut templates = vec![(
        board.rows_in.trim_matches('/'),
        hidden_template(
            &board.row_template,
            root_path,
            &board.rows_in,
            ROW_TEMPLATE_ATTRIBUTE,
        )?,
    )];
    if let Some(tabs) = &board.tabs {
        templates.push((
            tabs.goes_in.trim_matches('/'),
            hidden_template(
                &tabs.template,
                root_path,
                &tabs.goes_in,
                TAB_TEMPLATE_ATTRIBUTE,
            )?,
        ));
    }
    let mut root = build(&board.gui, root_path, "", &mut templates)?;
    // A container path that names nothing (validation reports it): keep the
    // template in the model anyway, under the root.
    for (_, builder) in templates {
        root.add_child(builder);
    }
    Ok(root)
}

/// `template` hidden (`Visible = false`) and marked with `attribute`, whose
/// value is the template's own Visible.
fn hidden_template(
    template: &GuiNode,
    root_path: &str,
    container: &str,
    attribute: &str,
) -> Result<InstanceBuilder, ModelError> {
    let mut builder = build(
        template,
        &format!("{root_path}/{container}/{}", template.name),
        "",
        &mut Vec::new(),
    )?;
    let was_visible = !matches!(template.prop("Visible"), Some(PropValue::Bool(false)));
    if property_descriptor(&template.class, "Visible").is_some() {
        builder.add_property("Visible", false);
    }
    builder.add_property("Attributes", Attributes::new().with(attribute, was_visible));
    Ok(builder)
}

fn build(
    node: &GuiNode,
    path: &str,
    rel: &str,
    templates: &mut Vec<(&str, InstanceBuilder)>,
) -> Result<InstanceBuilder, ModelError> {
    if class_descriptor(&node.class).is_none() {
        return Err(ModelError::UnknownClass {
            path: path.into(),
            class: node.class.clone(),
        });
    }
    let mut builder = InstanceBuilder::new(node.class.as_str()).with_name(node.name.as_str());
    let mut values: BTreeMap<&str, &PropValue> = BTreeMap::new();
    if let Some(info) = classes::class(&node.class) {
        for prop in &info.properties {
            values.insert(prop.name, &prop.default);
        }
    }
    for (name, value) in &node.properties {
        values.insert(name, value);
    }
    // Properties Roblox replaced are stored as their replacements. Layers,
    // later winning: class-table defaults, migrated values, values the node
    // sets itself (so an explicit ScreenInsets beats IgnoreGuiInset).
    let mut defaults = BTreeMap::new();
    let mut migrated = BTreeMap::new();
    let mut explicit = BTreeMap::new();
    for (name, value) in values {
        let descriptor = property_descriptor(&node.class, name)
            .filter(|d| serializes(d))
            .ok_or_else(|| ModelError::UnknownProperty {
                path: path.into(),
                class: node.class.clone(),
                property: name.into(),
            })?;
        let variant = to_variant(value, &descriptor.data_type).map_err(|e| match e {
            ToVariantError::WrongType { expected } => ModelError::WrongType {
                path: path.into(),
                property: name.into(),
                expected,
                found: match value {
                    PropValue::Enum(ty, _) => format!("an item of Enum.{ty}"),
                    other => format!("a {:?} value", other.kind()),
                },
            },
            ToVariantError::UnknownEnumItem { enum_type } => ModelError::UnknownEnumItem {
                path: path.into(),
                property: name.into(),
                enum_type,
                item: match value {
                    PropValue::Enum(_, item) => item.clone(),
                    _ => String::new(),
                },
            },
            ToVariantError::OutOfRange => ModelError::OutOfRange {
                path: path.into(),
                property: name.into(),
                value: format!("{value:?} for {}", data_type_name(&descriptor.data_type)),
            },
        })?;
        if let Some(migration) = super::migration(descriptor) {
            let new_value = migration
                .perform(&variant)
                .map_err(|e| ModelError::WrongType {
                    path: path.into(),
                    property: name.into(),
                    expected: data_type_name(&descriptor.data_type),
                    found: e.to_string(),
                })?;
            for new_name in migration.new_property_names() {
                migrated.insert(*new_name, new_value.clone());
            }
        } else if node.properties.contains_key(name) {
            explicit.insert(descriptor.name, variant);
        } else {
            defaults.insert(descriptor.name, variant);
        }
    }
    defaults.extend(migrated);
    defaults.extend(explicit);
    for (name, variant) in defaults {
        builder.add_property(name, variant);
    }
    for child in &node.children {
        let child_rel = if rel.is_empty() {
            child.name.clone()
        } else {
            format!("{rel}/{}", child.name)
        };
        builder.add_child(build(
            child,
            &format!("{path}/{}", child.name),
            &child_rel,
            templates,
        )?);
    }
    // The templates that go in here, last, in the order given.
    let mut i = 0;
    while i < templates.len() {
        if templates[i].0 == rel {
            builder.add_child(templates.remove(i).1);
        } else {
            i += 1;
        }
    }
    Ok(builder)
}

/// One or more top-level instances as a model file.
pub fn write_model(
    instances: Vec<InstanceBuilder>,
    format: ModelFormat,
) -> Result<Vec<u8>, ModelError> {
    let mut dom = WeakDom::new(InstanceBuilder::new("DataModel"));
    let root = dom.root_ref();
    let refs: Vec<_> = instances.into_iter().map(|b| dom.insert(root, b)).collect();
    let mut out = Vec::new();
    let result = match format {
        ModelFormat::Xml => {
            rbx_xml::to_writer_default(&mut out, &dom, &refs).map_err(|e| e.to_string())
        }
        ModelFormat::Binary => {
            rbx_binary::to_writer(&mut out, &dom, &refs).map_err(|e| e.to_string())
        }
    };
    result.map_err(|detail| ModelError::Encode {
        extension: format.extension(),
        detail,
    })?;
    Ok(out)
}

/// A GUI tree as a model file.
pub fn write_gui(node: &GuiNode, format: ModelFormat) -> Result<Vec<u8>, ModelError> {
    write_model(vec![gui_builder(node)?], format)
}

/// The Folder [`EXPORT_FOLDER`] holding every script of an export plan's
/// files (a Folder per container, named after the service to drag it
/// into) and every leaderboard's GUI (in [`GUI_FOLDER`]).
///
/// Scripts follow Rojo's naming: `X.server.luau` is a Script, `X.client.luau`
/// a LocalScript, other `X.luau` a ModuleScript, `X.txt` a StringValue; a
/// folder with an `init.luau` (`init.server.luau`, `init.client.luau`) is
/// that script, with the folder's other files as its children.
pub fn export_model(
    project: &Project,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<InstanceBuilder, ModelError> {
    let mut folder = InstanceBuilder::new("Folder").with_name(EXPORT_FOLDER);
    for (_, container_folder) in container_folders(files)? {
        folder.add_child(container_folder);
    }
    if !project.leaderboards.is_empty() {
        let mut guis = InstanceBuilder::new("Folder").with_name(GUI_FOLDER);
        for board in &project.leaderboards {
            guis.add_child(leaderboard_gui(board)?);
        }
        folder.add_child(guis);
    }
    Ok(folder)
}

/// The scripts of an export plan's files, as one Folder per container that
/// holds something (named after its service, see [`container_name`]).
/// Scripts follow Rojo's naming, as described at [`export_model`].
pub fn container_folders(
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<Vec<(Container, InstanceBuilder)>, ModelError> {
    let mut out = Vec::new();
    for container in Container::ALL {
        let prefix = format!("{}/", container.folder());
        let mut dir = Dir::default();
        for (path, bytes) in files {
            if let Some(rest) = path.strip_prefix(&prefix) {
                dir.insert(rest, path, bytes);
            }
        }
        if dir.is_empty() {
            continue;
        }
        let folder = dir.instance(container_name(container), &container.folder(), true)?;
        out.push((container, folder));
    }
    Ok(out)
}

/// The service a container's Folder is named after (and dragged into).
pub fn container_name(container: Container) -> &'static str {
    match container {
        Container::ServerScriptService => "ServerScriptService",
        Container::ReplicatedStorage => "ReplicatedStorage",
        Container::StarterPlayerScripts => "StarterPlayerScripts",
    }
}

/// The model files of an export, by path in the export folder:
/// `models/DataStoreDesigner.<ext>` (everything) and
/// `models/<Leaderboard>.<ext>` (each leaderboard's GUI) per format.
pub fn model_files(
    project: &Project,
    files: &BTreeMap<String, Vec<u8>>,
    formats: &[ModelFormat],
) -> Result<BTreeMap<String, Vec<u8>>, ModelError> {
    let mut out = BTreeMap::new();
    for &format in formats {
        let ext = format.extension();
        out.insert(
            format!("{MODELS_DIR}/{EXPORT_FOLDER}.{ext}"),
            write_model(vec![export_model(project, files)?], format)?,
        );
        for board in &project.leaderboards {
            out.insert(
                format!("{MODELS_DIR}/{}.{ext}", board.name),
                write_model(vec![leaderboard_gui(board)?], format)?,
            );
        }
    }
    Ok(out)
}

/// README text explaining the model files.
pub fn models_readme(project: &Project, formats: &[ModelFormat]) -> String {
    let exts: Vec<String> = formats
        .iter()
        .map(|f| format!(".{}", f.extension()))
        .collect();
    let exts = exts.join(" or ");
    let mut text = format!(
        "## Without Rojo: model files\n\
         \n\
         `{MODELS_DIR}/{EXPORT_FOLDER}` ({exts}) holds the whole export in one model. In Studio, drag the file\n\
         into the Explorer (or right-click a service > Insert from File...), then move the contents of each\n\
         folder inside \"{EXPORT_FOLDER}\" into the service it is named after:\n\
         \n\
         - `ServerScriptService`: everything in it goes into ServerScriptService (server scripts and the data manager).\n\
         - `ReplicatedStorage`: into ReplicatedStorage (shared modules and remote events).\n\
         - `StarterPlayerScripts`: into StarterPlayer > StarterPlayerScripts (scripts that run for each player).\n\
         - `{GUI_FOLDER}`: each leaderboard's GUI as designed, to look at and change in Studio. Its row template sits\n  \
           hidden (Visible = false) at the end of the rows container, and so does a board's period tab template\n  \
           at the end of the tabs container; DataStore Designer can import the GUI back.\n\
         \n\
         Then delete the empty \"{EXPORT_FOLDER}\" folder. Keep the folders' contents as they are: scripts find\n\
         each other by these names.\n"
    );
    if !project.leaderboards.is_empty() {
        text.push_str("\nEach leaderboard's GUI is also a model of its own:\n\n");
        for board in &project.leaderboards {
            text.push_str(&format!(
                "- `{MODELS_DIR}/{}` ({exts}): the GUI \"{}\".\n",
                board.name, board.gui.name
            ));
        }
    }
    text
}

/// The files of a folder of the export plan, as a tree.
#[derive(Default)]
struct Dir<'a> {
    files: BTreeMap<&'a str, (&'a str, &'a [u8])>,
    dirs: BTreeMap<&'a str, Dir<'a>>,
}

const SCRIPT_SUFFIXES: [(&str, &str); 6] = [
    (".server.luau", "Script"),
    (".client.luau", "LocalScript"),
    (".server.lua", "Script"),
    (".client.lua", "LocalScript"),
    (".luau", "ModuleScript"),
    (".lua", "ModuleScript"),
];

impl<'a> Dir<'a> {
    fn insert(&mut self, rest: &'a str, full: &'a str, bytes: &'a [u8]) {
        match rest.split_once('/') {
            Some((dir, rest)) => self.dirs.entry(dir).or_default().insert(rest, full, bytes),
            None => {
                self.files.insert(rest, (full, bytes));
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.files.is_empty() && self.dirs.is_empty()
    }

    /// `top`: a container folder, which is always a Folder.
    fn instance(&self, name: &str, path: &str, top: bool) -> Result<InstanceBuilder, ModelError> {
        let mut init = None;
        if !top {
            for (suffix, class) in SCRIPT_SUFFIXES {
                let file = format!("init{suffix}");
                if let Some((key, (full, bytes))) = self.files.get_key_value(file.as_str()) {
                    init = Some((*key, class, *full, *bytes));
                    break;
                }
            }
        }
        let mut builder = match init {
            Some((_, class, full, bytes)) => {
                InstanceBuilder::new(class).with_property("Source", text(full, bytes)?)
            }
            None => InstanceBuilder::new("Folder"),
        }
        .with_name(name);
        for (file, (full, bytes)) in &self.files {
            if init.is_some_and(|(key, ..)| key == *file) {
                continue;
            }
            builder.add_child(file_instance(file, full, bytes)?);
        }
        for (dir_name, dir) in &self.dirs {
            builder.add_child(dir.instance(dir_name, &format!("{path}/{dir_name}"), false)?);
        }
        Ok(builder)
    }
}

fn text(path: &str, bytes: &[u8]) -> Result<String, ModelError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| ModelError::UnsupportedFile { path: path.into() })
}

fn file_instance(file: &str, full: &str, bytes: &[u8]) -> Result<InstanceBuilder, ModelError> {
    let unsupported = || ModelError::UnsupportedFile { path: full.into() };
    if file.ends_with(".meta.json") || file.ends_with(".model.json") {
        return Err(unsupported());
    }
    for (suffix, class) in SCRIPT_SUFFIXES {
        if let Some(name) = file.strip_suffix(suffix) {
            return Ok(InstanceBuilder::new(class)
                .with_name(name)
                .with_property("Source", text(full, bytes)?));
        }
    }
    if let Some(name) = file.strip_suffix(".txt") {
        return Ok(InstanceBuilder::new("StringValue")
            .with_name(name)
            .with_property("Value", Variant::String(text(full, bytes)?)));
    }
    Err(unsupported())
}
