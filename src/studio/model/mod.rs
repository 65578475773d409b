//! Roblox model files (.rbxmx XML and .rbxm binary) without Rojo: a
//! designer drags one file into Studio.
//!
//! - [`export`]: GuiNode trees and the scripts of an export plan as models.
//! - [`import`]: a ScreenGui or SurfaceGui made in Studio back into a GuiNode.
//! - [`place`]: a whole place (.rbxlx) with every script in its service.
//! - [`plugin`]: a local Studio plugin that installs the export into a place.
//!
//! Every property is typed with Roblox's reflection database (the bundled
//! copy from `rbx_reflection_database`, never a local override, so results
//! do not depend on the machine), and checked against it: a property the
//! database does not know would be dropped silently by rbx_xml and
//! rbx_binary, so it is an error here instead.
//!
//! Comparing trees: an imported GUI leaves out properties that equal the
//! class table's defaults, while a project may spell them out. Compare
//! trees after [`normalized`], which fills in every class-table default.

pub mod export;
pub mod import;
pub mod place;
pub mod plugin;
mod replace;

use rbx_reflection::{
    ClassDescriptor, DataType, PropertyDescriptor, PropertyKind, PropertyMigration,
    PropertySerialization, ReflectionDatabase,
};
use rbx_types::{Variant, VariantType};

use crate::project::classes;
use crate::project::gui::{
    ColorKey, FontStyle, FontWeight, GuiNode, NumberKey, PropKind, PropValue, UDim,
};

pub use export::{
    EXPORT_FOLDER, GUI_FOLDER, MODELS_DIR, ModelError, ModelFormat, container_folders,
    export_model, gui_builder, leaderboard_gui, model_files, models_readme, write_gui, write_model,
};
pub use import::{
    ImportError, ImportWarning, ImportedLeaderboardGui, import_gui, import_gui_bytes,
    import_leaderboard_gui, import_leaderboard_gui_bytes,
};
pub use place::{PLACE_SERVICES, place_dom, place_file, place_file_name};
pub use plugin::{
    INSTALL_PATH_ATTRIBUTE, INSTALLED_MARK, PLUGIN_INSTALL_FOLDER, PLUGIN_SCRIPT, PLUGIN_SOURCE,
    plugin_dom, plugin_file, plugin_file_name,
};
pub use replace::{ReplaceError, use_imported_gui};

/// Attribute set on the exported row template so an import can find it.
pub const ROW_TEMPLATE_ATTRIBUTE: &str = "DataStoreDesignerRowTemplate";
/// Attribute set on the exported period tab template, like
/// [`ROW_TEMPLATE_ATTRIBUTE`].
pub const TAB_TEMPLATE_ATTRIBUTE: &str = "DataStoreDesignerTabTemplate";

/// The reflection database everything here is checked against.
pub fn database() -> &'static ReflectionDatabase<'static> {
    rbx_reflection_database::get_bundled()
}

pub(crate) fn class_descriptor(class: &str) -> Option<&'static ClassDescriptor<'static>> {
    database().classes.get(class)
}

/// A property of `class` (or of one of its superclasses), following aliases
/// to the canonical property that files store.
pub fn property_descriptor(
    class: &str,
    property: &str,
) -> Option<&'static PropertyDescriptor<'static>> {
    let db = database();
    let descriptor = class_descriptor(class)?;
    let mut name = property;
    for _ in 0..4 {
        let found = db
            .superclasses_iter(descriptor)
            .find_map(|c| c.properties.get(name))?;
        match &found.kind {
            PropertyKind::Alias { alias_for } => name = alias_for,
            _ => return Some(found),
        }
    }
    None
}

/// Whether a canonical property is written to model files, as itself or
/// migrated to newer properties.
pub fn serializes(descriptor: &PropertyDescriptor) -> bool {
    matches!(
        &descriptor.kind,
        PropertyKind::Canonical {
            serialization: PropertySerialization::Serializes
                | PropertySerialization::SerializesAs(_)
                | PropertySerialization::Migrate(_)
        }
    )
}

/// For a property Roblox replaced (files store it as newer properties):
/// the migration that turns its value into theirs.
pub fn migration<'a>(descriptor: &'a PropertyDescriptor<'a>) -> Option<&'a PropertyMigration<'a>> {
    match &descriptor.kind {
        PropertyKind::Canonical {
            serialization: PropertySerialization::Migrate(migration),
        } => Some(migration),
        _ => None,
    }
}

/// The reflection database's default for a property of a class.
pub(crate) fn database_default(class: &str, property: &str) -> Option<&'static Variant> {
    let db = database();
    db.find_default_property(class_descriptor(class)?, property)
}

/// Whether values of `kind` can be stored in a property of `data_type`.
/// For enums the enum type must match too (`enum_type`).
pub fn compatible(kind: PropKind, enum_type: Option<&str>, data_type: &DataType) -> bool {
    match data_type {
        DataType::Enum(name) => kind == PropKind::Enum && enum_type.is_none_or(|t| t == *name),
        DataType::Value(ty) => matches!(
            (kind, ty),
            (PropKind::Bool, VariantType::Bool)
                | (PropKind::Int, VariantType::Int32 | VariantType::Int64)
                | (PropKind::Float, VariantType::Float32 | VariantType::Float64)
                | (PropKind::String, VariantType::String)
                | (
                    PropKind::Content,
                    VariantType::ContentId | VariantType::Content
                )
                | (PropKind::UDim, VariantType::UDim)
                | (PropKind::UDim2, VariantType::UDim2)
                | (PropKind::Vector2, VariantType::Vector2)
                | (
                    PropKind::Color3,
                    VariantType::Color3 | VariantType::Color3uint8
                )
                | (PropKind::Font, VariantType::Font)
                | (PropKind::ColorSequence, VariantType::ColorSequence)
                | (PropKind::NumberSequence, VariantType::NumberSequence)
        ),
        _ => false,
    }
}

/// Describes a data type for messages: `Int32`, `Enum.TextXAlignment`.
pub fn data_type_name(data_type: &DataType) -> String {
    match data_type {
        DataType::Enum(name) => format!("Enum.{name}"),
        DataType::Value(ty) => format!("{ty:?}"),
        other => format!("{:?}", other.ty()),
    }
}

/// The value of an enum item, by enum type and item name.
pub fn enum_value(enum_type: &str, item: &str) -> Option<u32> {
    database().enums.get(enum_type)?.items.get(item).copied()
}

/// The name of an enum item, by enum type and value.
pub fn enum_item_name(enum_type: &str, value: u32) -> Option<&'static str> {
    database()
        .enums
        .get(enum_type)?
        .items
        .iter()
        .find(|(_, v)| **v == value)
        .map(|(name, _)| *name)
}

/// Why a value could not be turned into the property's type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ToVariantError {
    WrongType { expected: String },
    UnknownEnumItem { enum_type: String },
    OutOfRange,
}

/// `value` as the variant the property's data type needs.
pub(crate) fn to_variant(
    value: &PropValue,
    data_type: &DataType,
) -> Result<Variant, ToVariantError> {
    let wrong = || ToVariantError::WrongType {
        expected: data_type_name(data_type),
    };
    let ty = match data_type {
        DataType::Enum(name) => {
            let PropValue::Enum(enum_type, item) = value else {
                return Err(wrong());
            };
            if enum_type != name {
                return Err(wrong());
            }
            return enum_value(name, item)
                .map(|v| Variant::Enum(rbx_types::Enum::from_u32(v)))
                .ok_or(ToVariantError::UnknownEnumItem {
                    enum_type: name.to_string(),
                });
        }
        other => other.ty(),
    };
    Ok(match (value, ty) {
        (PropValue::Bool(b), VariantType::Bool) => Variant::Bool(*b),
        (PropValue::Int(i), VariantType::Int32) => {
            Variant::Int32(i32::try_from(*i).map_err(|_| ToVariantError::OutOfRange)?)
        }
        (PropValue::Int(i), VariantType::Int64) => Variant::Int64(*i),
        (PropValue::Float(f), VariantType::Float32) => Variant::Float32(*f),
        (PropValue::Float(f), VariantType::Float64) => Variant::Float64(f64::from(*f)),
        (PropValue::String(s), VariantType::String) => Variant::String(s.clone()),
        (PropValue::Content(s), VariantType::ContentId) => {
            Variant::ContentId(rbx_types::ContentId::from(s.as_str()))
        }
        (PropValue::Content(s), VariantType::Content) => Variant::Content(if s.is_empty() {
            rbx_types::Content::none()
        } else {
            rbx_types::Content::from_uri(s.as_str())
        }),
        (PropValue::UDim(u), VariantType::UDim) => Variant::UDim(udim(*u)),
        (PropValue::UDim2(x, y), VariantType::UDim2) => {
            Variant::UDim2(rbx_types::UDim2::new(udim(*x), udim(*y)))
        }
        (PropValue::Vector2(x, y), VariantType::Vector2) => {
            Variant::Vector2(rbx_types::Vector2::new(*x, *y))
        }
        (PropValue::Color3(r, g, b), VariantType::Color3) => {
            Variant::Color3(rbx_types::Color3::new(
                f32::from(*r) / 255.0,
                f32::from(*g) / 255.0,
                f32::from(*b) / 255.0,
            ))
        }
        (PropValue::Color3(r, g, b), VariantType::Color3uint8) => {
            Variant::Color3uint8(rbx_types::Color3uint8::new(*r, *g, *b))
        }
        (
            PropValue::Font {
                family,
                weight,
                style,
            },
            VariantType::Font,
        ) => Variant::Font(rbx_types::Font::new(
            family,
            rbx_types::FontWeight::from_u16(weight.value()).unwrap_or_default(),
            match style {
                FontStyle::Normal => rbx_types::FontStyle::Normal,
                FontStyle::Italic => rbx_types::FontStyle::Italic,
            },
        )),
        (PropValue::ColorSequence(keys), VariantType::ColorSequence) => {
            Variant::ColorSequence(rbx_types::ColorSequence {
                keypoints: keys
                    .iter()
                    .map(|ColorKey(t, (r, g, b))| {
                        rbx_types::ColorSequenceKeypoint::new(
                            *t,
                            rbx_types::Color3::new(
                                f32::from(*r) / 255.0,
                                f32::from(*g) / 255.0,
                                f32::from(*b) / 255.0,
                            ),
                        )
                    })
                    .collect(),
            })
        }
        (PropValue::NumberSequence(keys), VariantType::NumberSequence) => {
            Variant::NumberSequence(rbx_types::NumberSequence {
                keypoints: keys
                    .iter()
                    .map(|NumberKey(t, v)| rbx_types::NumberSequenceKeypoint::new(*t, *v, 0.0))
                    .collect(),
            })
        }
        _ => return Err(wrong()),
    })
}

fn udim(u: UDim) -> rbx_types::UDim {
    rbx_types::UDim::new(u.0, u.1)
}

fn color_part(c: f32) -> u8 {
    (c.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// A variant read from a file as a PropValue, if a PropValue can hold it.
/// `data_type` (from the reflection database) names enum types; without it
/// an enum cannot be named. Err gives the variant's type name.
pub(crate) fn from_variant(
    variant: &Variant,
    data_type: Option<&DataType>,
) -> Result<PropValue, String> {
    let unsupported = || format!("{:?}", variant.ty());
    Ok(match variant {
        Variant::Bool(b) => PropValue::Bool(*b),
        Variant::Int32(i) => PropValue::Int(i64::from(*i)),
        Variant::Int64(i) => PropValue::Int(*i),
        Variant::Float32(f) => PropValue::Float(*f),
        Variant::Float64(f) => PropValue::Float(*f as f32),
        Variant::String(s) => PropValue::String(s.clone()),
        Variant::ContentId(c) => PropValue::Content(c.as_str().to_string()),
        Variant::Content(c) => match c.value() {
            rbx_types::ContentType::None => PropValue::Content(String::new()),
            rbx_types::ContentType::Uri(uri) => PropValue::Content(uri.clone()),
            _ => return Err("Content (an object reference)".into()),
        },
        Variant::UDim(u) => PropValue::UDim(UDim(u.scale, u.offset)),
        Variant::UDim2(u) => {
            PropValue::UDim2(UDim(u.x.scale, u.x.offset), UDim(u.y.scale, u.y.offset))
        }
        Variant::Vector2(v) => PropValue::Vector2(v.x, v.y),
        Variant::Color3(c) => PropValue::Color3(color_part(c.r), color_part(c.g), color_part(c.b)),
        Variant::Color3uint8(c) => PropValue::Color3(c.r, c.g, c.b),
        Variant::Font(f) => {
            let weight = FontWeight::ALL
                .into_iter()
                .find(|w| w.value() == f.weight.as_u16())
                .ok_or_else(unsupported)?;
            let style = match f.style {
                rbx_types::FontStyle::Normal => FontStyle::Normal,
                rbx_types::FontStyle::Italic => FontStyle::Italic,
                _ => return Err(unsupported()),
            };
            PropValue::Font {
                family: f.family.clone(),
                weight,
                style,
            }
        }
        Variant::ColorSequence(seq) => PropValue::ColorSequence(
            seq.keypoints
                .iter()
                .map(|k| {
                    ColorKey(
                        k.time,
                        (
                            color_part(k.color.r),
                            color_part(k.color.g),
                            color_part(k.color.b),
                        ),
                    )
                })
                .collect(),
        ),
        // The envelope (a random spread for particles) does nothing in a
        // GUI, so it is not kept.
        Variant::NumberSequence(seq) => PropValue::NumberSequence(
            seq.keypoints
                .iter()
                .map(|k| NumberKey(k.time, k.value))
                .collect(),
        ),
        Variant::Enum(e) => {
            let Some(DataType::Enum(enum_type)) = data_type else {
                return Err("Enum (of a type unknown to the reflection database)".into());
            };
            let item = enum_item_name(enum_type, e.to_u32())
                .ok_or_else(|| format!("Enum.{enum_type} value {} (unknown item)", e.to_u32()))?;
            PropValue::Enum(enum_type.to_string(), item.to_string())
        }
        Variant::EnumItem(e) => {
            let item = enum_item_name(&e.ty, e.value)
                .ok_or_else(|| format!("Enum.{} value {} (unknown item)", e.ty, e.value))?;
            PropValue::Enum(e.ty.clone(), item.to_string())
        }
        _ => return Err(unsupported()),
    })
}

/// A copy of `node` with every property of the class table filled in
/// (with the node's value where it has one), recursively. Two GUIs look the
/// same in Studio exactly when their normalized trees are equal.
///
/// Spellings that mean the same are made one: `IgnoreGuiInset = true` is
/// `ScreenInsets = DeviceSafeInsets` (what model files store; an explicit
/// ScreenInsets wins, as in the export).
pub fn normalized(node: &GuiNode) -> GuiNode {
    let mut out = node.clone();
    if node.class == "ScreenGui" && node.prop("IgnoreGuiInset") == Some(&PropValue::Bool(true)) {
        out.properties
            .entry("ScreenInsets".into())
            .or_insert_with(|| PropValue::enum_item("ScreenInsets", "DeviceSafeInsets"));
        out.properties
            .insert("IgnoreGuiInset".into(), PropValue::Bool(false));
    }
    if let Some(info) = classes::class(&node.class) {
        for prop in &info.properties {
            out.properties
                .entry(prop.name.to_string())
                .or_insert_with(|| prop.default.clone());
        }
    }
    out.children = node.children.iter().map(normalized).collect();
    out
}

/// One disagreement between the class table and the reflection database.
#[derive(Debug, Clone, PartialEq)]
pub struct TableMismatch {
    pub class: String,
    pub property: Option<String>,
    pub problem: String,
}

impl std::fmt::Display for TableMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.property {
            Some(p) => write!(f, "{}.{}: {}", self.class, p, self.problem),
            None => write!(f, "{}: {}", self.class, self.problem),
        }
    }
}

/// Checks every class, property, default and enum of the class table
/// against the reflection database; empty when they all agree.
pub fn check_class_table() -> Vec<TableMismatch> {
    let mut out = Vec::new();
    let mut bad = |class: &str, property: Option<&str>, problem: String| {
        out.push(TableMismatch {
            class: class.to_string(),
            property: property.map(str::to_string),
            problem,
        })
    };
    for (name, info) in classes::classes() {
        if class_descriptor(name).is_none() {
            bad(name, None, "not a class in the reflection database".into());
            continue;
        }
        for prop in &info.properties {
            let Some(descriptor) = property_descriptor(name, prop.name) else {
                bad(
                    name,
                    Some(prop.name),
                    "not a property in the reflection database".into(),
                );
                continue;
            };
            if descriptor.name != prop.name {
                bad(
                    name,
                    Some(prop.name),
                    format!("an alias; the stored property is {}", descriptor.name),
                );
            }
            if !serializes(descriptor) {
                bad(name, Some(prop.name), "not saved in model files".into());
            }
            if let Some(migration) = migration(descriptor) {
                for new_name in migration.new_property_names() {
                    if !property_descriptor(name, new_name).is_some_and(|d| serializes(d)) {
                        bad(
                            name,
                            Some(prop.name),
                            format!("stored as {new_name}, which model files do not hold"),
                        );
                    }
                }
            }
            if !compatible(prop.kind, prop.enum_type, &descriptor.data_type) {
                bad(
                    name,
                    Some(prop.name),
                    format!(
                        "the table says {:?}{}, the database {}",
                        prop.kind,
                        prop.enum_type
                            .map(|t| format!(" ({t})"))
                            .unwrap_or_default(),
                        data_type_name(&descriptor.data_type)
                    ),
                );
            } else if let Err(e) = to_variant(&prop.default, &descriptor.data_type) {
                bad(
                    name,
                    Some(prop.name),
                    format!("the default cannot be stored: {e:?}"),
                );
            }
        }
    }
    for (enum_type, items) in classes::ENUMS {
        let Some(descriptor) = database().enums.get(enum_type) else {
            bad(
                "Enum",
                Some(enum_type),
                "not an enum in the reflection database".into(),
            );
            continue;
        };
        for item in *items {
            if !descriptor.items.contains_key(item) {
                bad(
                    "Enum",
                    Some(enum_type),
                    format!("has no item {item} in the reflection database"),
                );
            }
        }
    }
    out
}
