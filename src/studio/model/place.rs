//! A whole place (.rbxlx) for a new game, opened in Studio with File > Open:
//! Studio's Baseplate template (an anchored 2048×16×2048 baseplate and a
//! spawn location) with every script of an export already in its service.
//!
//! The scripts are the very instances of the "everything" model
//! ([`container_folders`]), moved out of their Folders into the services
//! that default.project.json maps each container to
//! ([`Container::instance_path`]), so the place holds exactly what
//! `rojo build` of the export's Rojo folder would. Leaderboard GUIs are not
//! in StarterGui: the leaderboards' LocalScripts make them for each player,
//! as in the Rojo project. A leaderboard shown on a part gets that part in
//! Workspace, so it shows as soon as the game runs.
//!
//! Every class and property is checked against the reflection database, like
//! the models: rbx_xml would drop one it does not know without a word.

use std::collections::BTreeMap;

use rbx_dom_weak::{InstanceBuilder, WeakDom};
use rbx_reflection::DataType;
use rbx_types::{CFrame, Color3, Matrix3, Ref, Variant, Vector3};

use super::export::container_folders;
use super::{ModelError, class_descriptor, data_type_name, property_descriptor, serializes};
use crate::project::leaderboard::DEFAULT_PART_SIZE;
use crate::project::{Display, Project};

/// The services of the place, in the order Studio's Explorer lists them.
pub const PLACE_SERVICES: [&str; 11] = [
    "Workspace",
    "Players",
    "Lighting",
    "ReplicatedFirst",
    "ReplicatedStorage",
    "ServerScriptService",
    "ServerStorage",
    "StarterGui",
    "StarterPack",
    "StarterPlayer",
    "SoundService",
];

/// Studio's Baseplate template: its top face is at y = 0.
const BASEPLATE_SIZE: [f32; 3] = [2048.0, 16.0, 2048.0];
const SPAWN_SIZE: [f32; 3] = [12.0, 1.0, 12.0];
/// Leaderboard parts stand 30 studs in front of the spawn, their front face
/// (where a SurfaceGui shows by default) to the spawn.
const BOARD_DISTANCE: f32 = 30.0;
const BOARD_GAP: f32 = 4.0;

/// The file name of the place: the project's name without the characters
/// Windows and macOS refuse in file names.
pub fn place_file_name(project_name: &str) -> String {
    let stem: String = project_name
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let stem = stem.trim().trim_end_matches('.');
    let stem = if stem.is_empty() { "Place" } else { stem };
    format!("{stem}.rbxlx")
}

/// The place as an .rbxlx file, from the project and its export plan's files.
pub fn place_file(
    project: &Project,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<Vec<u8>, ModelError> {
    let dom = place_dom(project, files)?;
    let mut out = Vec::new();
    rbx_xml::to_writer_default(&mut out, &dom, dom.root().children()).map_err(|e| {
        ModelError::Encode {
            extension: "rbxlx",
            detail: e.to_string(),
        }
    })?;
    Ok(out)
}

/// The place as a DataModel tree.
pub fn place_dom(
    project: &Project,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<WeakDom, ModelError> {
    let mut dom = WeakDom::new(InstanceBuilder::new("DataModel"));
    let root = dom.root_ref();
    for service in PLACE_SERVICES {
        let mut builder = instance(service, service)?;
        match service {
            "Workspace" => {
                builder.add_child(baseplate()?);
                builder.add_child(spawn_location()?);
                for part in leaderboard_parts(project)? {
                    builder.add_child(part);
                }
            }
            "StarterPlayer" => {
                builder.add_child(instance("StarterPlayerScripts", "StarterPlayerScripts")?);
                builder.add_child(instance(
                    "StarterCharacterScripts",
                    "StarterCharacterScripts",
                )?);
            }
            _ => {}
        }
        dom.insert(root, builder);
    }
    for (container, folder) in container_folders(files)? {
        let mut parent = root;
        for (name, class) in container.instance_path() {
            parent = match child_named(&dom, parent, name) {
                Some(found) => found,
                None => dom.insert(parent, instance(class, name)?),
            };
        }
        let folder = dom.insert(root, folder);
        let moved = dom.get_by_ref(folder).map(|f| f.children().to_vec());
        for child in moved.unwrap_or_default() {
            dom.transfer_within(child, parent);
        }
        dom.destroy(folder);
    }
    Ok(dom)
}

fn child_named(dom: &WeakDom, parent: Ref, name: &str) -> Option<Ref> {
    dom.get_by_ref(parent)?
        .children()
        .iter()
        .copied()
        .find(|r| dom.get_by_ref(*r).is_some_and(|i| i.name == name))
}

/// An instance of a class the reflection database knows.
fn instance(class: &str, name: &str) -> Result<InstanceBuilder, ModelError> {
    if class_descriptor(class).is_none() {
        return Err(ModelError::UnknownClass {
            path: name.into(),
            class: class.into(),
        });
    }
    Ok(InstanceBuilder::new(class).with_name(name))
}

/// Sets a property the reflection database knows and files store, with a
/// value of its type.
fn set(
    builder: &mut InstanceBuilder,
    class: &str,
    path: &str,
    property: &str,
    value: Variant,
) -> Result<(), ModelError> {
    let descriptor = property_descriptor(class, property)
        .filter(|d| serializes(d))
        .ok_or_else(|| ModelError::UnknownProperty {
            path: path.into(),
            class: class.into(),
            property: property.into(),
        })?;
    let fits = match &descriptor.data_type {
        DataType::Value(ty) => *ty == value.ty(),
        DataType::Enum(_) => matches!(value, Variant::Enum(_)),
        _ => false,
    };
    if !fits {
        return Err(ModelError::WrongType {
            path: path.into(),
            property: property.into(),
            expected: data_type_name(&descriptor.data_type),
            found: format!("{:?}", value.ty()),
        });
    }
    builder.add_property(descriptor.name, value);
    Ok(())
}

fn vector([x, y, z]: [f32; 3]) -> Variant {
    Variant::Vector3(Vector3::new(x, y, z))
}

fn at(position: [f32; 3], orientation: Matrix3) -> Variant {
    let [x, y, z] = position;
    Variant::CFrame(CFrame::new(Vector3::new(x, y, z), orientation))
}

/// An anchored part with its size, place and colour.
fn part(
    class: &str,
    name: &str,
    size: [f32; 3],
    cframe: Variant,
    rgb: [u8; 3],
) -> Result<InstanceBuilder, ModelError> {
    let path = format!("Workspace/{name}");
    let mut builder = instance(class, name)?;
    set(&mut builder, class, &path, "Anchored", Variant::Bool(true))?;
    set(&mut builder, class, &path, "Size", vector(size))?;
    set(&mut builder, class, &path, "CFrame", cframe)?;
    let [r, g, b] = rgb.map(|c| f32::from(c) / 255.0);
    set(
        &mut builder,
        class,
        &path,
        "Color",
        Variant::Color3(Color3::new(r, g, b)),
    )?;
    Ok(builder)
}

fn baseplate() -> Result<InstanceBuilder, ModelError> {
    let mut builder = part(
        "Part",
        "Baseplate",
        BASEPLATE_SIZE,
        at([0.0, -BASEPLATE_SIZE[1] / 2.0, 0.0], Matrix3::identity()),
        [91, 91, 91],
    )?;
    // Locked, as in Studio's template, so building on it never drags it.
    set(
        &mut builder,
        "Part",
        "Workspace/Baseplate",
        "Locked",
        Variant::Bool(true),
    )?;
    Ok(builder)
}

fn spawn_location() -> Result<InstanceBuilder, ModelError> {
    part(
        "SpawnLocation",
        "SpawnLocation",
        SPAWN_SIZE,
        at([0.0, SPAWN_SIZE[1] / 2.0, 0.0], Matrix3::identity()),
        [163, 162, 165],
    )
}

/// A part for each leaderboard shown on one (each part once), of the size
/// the designer gave it (so the board looks as previewed), in a row facing
/// the spawn, BOARD_GAP studs apart.
fn leaderboard_parts(project: &Project) -> Result<Vec<InstanceBuilder>, ModelError> {
    let mut parts: Vec<(&str, [f32; 3])> = Vec::new();
    for board in &project.leaderboards {
        if let Display::Surface { part, part_size } = &board.display
            && !["Baseplate", "SpawnLocation", "Terrain", "Camera"].contains(&part.as_str())
            && !parts.iter().any(|(name, _)| name == part)
        {
            let size = if part_size.iter().all(|v| v.is_finite() && *v > 0.0) {
                *part_size
            } else {
                DEFAULT_PART_SIZE
            };
            parts.push((part, size));
        }
    }
    // Turned half a turn, so the front face looks back at the spawn.
    let facing_spawn = Matrix3::new(
        Vector3::new(-1.0, 0.0, 0.0),
        Vector3::new(0.0, 1.0, 0.0),
        Vector3::new(0.0, 0.0, -1.0),
    );
    let row_width = parts.iter().map(|(_, s)| s[0]).sum::<f32>()
        + BOARD_GAP * (parts.len() as f32 - 1.0).max(0.0);
    let mut left = -row_width / 2.0;
    parts
        .iter()
        .map(|(name, size)| {
            let x = left + size[0] / 2.0;
            left += size[0] + BOARD_GAP;
            let position = [x, size[1] / 2.0, -BOARD_DISTANCE];
            part(
                "Part",
                name,
                *size,
                at(position, facing_spawn),
                [27, 42, 53],
            )
        })
        .collect()
}
