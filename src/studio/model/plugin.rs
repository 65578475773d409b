//! A local Studio plugin for one project: its toolbar button installs the
//! project's export into the place being edited (see
//! `assets/luau/StudioPlugin.server.luau` for what the button does).
//!
//! The model holds one Script, the plugin, with the attributes `Project` (the
//! project's name) and `UsesDataStoresInStudio`, and under it the Folder
//! [`PLUGIN_INSTALL_FOLDER`]: a Folder per container of the Rojo project
//! (every container, even an empty one, so an install can remove what an
//! earlier one put there), its [`INSTALL_PATH_ATTRIBUTE`] naming where it goes
//! from `game`, holding the scripts exactly as [`container_folders`] builds
//! them for the other models, except that every Script and LocalScript is
//! disabled: Studio runs every enabled Script of a plugin model.
//!
//! The file is `.rbxmx` (XML): Studio loads both kinds from its plugins
//! folder, and a text file in that folder is one a designer (or whoever
//! helps them) can open to see what it will put into their game.

use std::collections::BTreeMap;

use rbx_dom_weak::{InstanceBuilder, WeakDom};
use rbx_types::{Attributes, Ref, Variant};

use super::export::{ModelError, ModelFormat, container_folders, container_name};
use super::{property_descriptor, serializes};
use crate::project::Project;
use crate::project::save_policy::StudioMode;
use crate::studio::rojo::Container;

/// The plugin's Luau: one Script, the same for every project (it reads the
/// project's name and policy from its attributes).
pub const PLUGIN_SOURCE: &str = include_str!("../../../assets/luau/StudioPlugin.server.luau");
/// Name of the plugin Script at the top of the model.
pub const PLUGIN_SCRIPT: &str = "DataStoreDesignerPlugin";
/// Name of the Folder (under the plugin Script) that holds what it installs.
pub const PLUGIN_INSTALL_FOLDER: &str = "Install";
/// Attribute of each Folder under [`PLUGIN_INSTALL_FOLDER`]: where its
/// contents go, as names from `game` joined by `/`.
pub const INSTALL_PATH_ATTRIBUTE: &str = "InstallPath";
/// Attribute the plugin sets on every instance it installs (its value is
/// the project's name); only instances with it are ever replaced or removed.
pub const INSTALLED_MARK: &str = "DataStoreDesigner";
/// The format of the plugin file.
pub const PLUGIN_FORMAT: ModelFormat = ModelFormat::Xml;

/// The plugin's file name: `<Project>_DataStoreDesigner.rbxmx`, without the
/// characters Windows and macOS refuse in file names.
pub fn plugin_file_name(project_name: &str) -> String {
    let stem = super::place_file_name(project_name);
    let stem = stem.strip_suffix(".rbxlx").unwrap_or(&stem);
    format!("{stem}_DataStoreDesigner.{}", PLUGIN_FORMAT.extension())
}

/// Whether the project's data layer uses DataStores in Studio, which needs
/// "Enable Studio Access to API Services".
pub fn uses_datastores_in_studio(project: &Project) -> bool {
    project.save_policy.studio != StudioMode::Offline
}

/// The plugin model as a tree: the root's one child is the plugin Script.
pub fn plugin_dom(
    project: &Project,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<WeakDom, ModelError> {
    let mut folders: BTreeMap<Container, InstanceBuilder> =
        container_folders(files)?.into_iter().collect();
    let mut install = InstanceBuilder::new("Folder").with_name(PLUGIN_INSTALL_FOLDER);
    for container in Container::ALL {
        let path: Vec<&str> = container.instance_path().iter().map(|(n, _)| *n).collect();
        let mut folder = folders
            .remove(&container)
            .unwrap_or_else(|| InstanceBuilder::new("Folder").with_name(container_name(container)));
        folder.add_property(
            "Attributes",
            Attributes::new().with(INSTALL_PATH_ATTRIBUTE, path.join("/")),
        );
        install.add_child(folder);
    }
    let attributes = Attributes::new()
        .with("Project", project.name.clone())
        .with("UsesDataStoresInStudio", uses_datastores_in_studio(project));
    let plugin = InstanceBuilder::new("Script")
        .with_name(PLUGIN_SCRIPT)
        .with_property("Source", PLUGIN_SOURCE)
        .with_property("Attributes", attributes)
        .with_child(install);
    let mut dom = WeakDom::new(InstanceBuilder::new("DataModel"));
    let root = dom.root_ref();
    let plugin = dom.insert(root, plugin);
    let templates = dom
        .get_by_ref(plugin)
        .map(|p| p.children().to_vec())
        .unwrap_or_default();
    for folder in templates {
        disable_scripts(&mut dom, folder)?;
    }
    Ok(dom)
}

/// The plugin as a model file.
pub fn plugin_file(
    project: &Project,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<Vec<u8>, ModelError> {
    let dom = plugin_dom(project, files)?;
    let mut out = Vec::new();
    let top = dom.root().children().to_vec();
    let result = match PLUGIN_FORMAT {
        ModelFormat::Xml => {
            rbx_xml::to_writer_default(&mut out, &dom, &top).map_err(|e| e.to_string())
        }
        ModelFormat::Binary => {
            rbx_binary::to_writer(&mut out, &dom, &top).map_err(|e| e.to_string())
        }
    };
    result.map_err(|detail| ModelError::Encode {
        extension: PLUGIN_FORMAT.extension(),
        detail,
    })?;
    Ok(out)
}

/// Disables every Script and LocalScript at and below `at`, through
/// whichever of Disabled and Enabled the reflection database saves.
fn disable_scripts(dom: &mut WeakDom, at: Ref) -> Result<(), ModelError> {
    let mut stack = vec![at];
    while let Some(r) = stack.pop() {
        let Some(instance) = dom.get_by_ref_mut(r) else {
            continue;
        };
        stack.extend(instance.children().iter().copied());
        let class = instance.class.to_string();
        if !["Script", "LocalScript"].contains(&class.as_str()) {
            continue;
        }
        let saved = |name| property_descriptor(&class, name).filter(|d| serializes(d));
        let descriptor = saved("Disabled")
            .or_else(|| saved("Enabled"))
            .ok_or_else(|| ModelError::UnknownProperty {
                path: instance.name.clone(),
                class: class.clone(),
                property: "Disabled".into(),
            })?;
        let disabled = descriptor.name == "Disabled";
        instance
            .properties
            .insert(descriptor.name.into(), Variant::Bool(disabled));
    }
    Ok(())
}
