//! A ScreenGui or SurfaceGui made in Studio (.rbxmx or .rbxm) as a GuiNode.
//!
//! What is kept: every property a PropValue can hold (true/false, numbers,
//! text, asset ids, UDim, UDim2, Vector2, Color3, fonts, enum items,
//! ColorSequence and NumberSequence), for classes of the class table and
//! for any other class (kept as a node with what can be kept of it).
//! Properties the class table does not list are kept in the node too and
//! written back on export. A GUI saved inside a part (a board on its part)
//! comes with the part's name and size.
//!
//! What is left out, each with a warning naming the instance and the
//! property: references to other instances, attributes, tags, values a
//! PropValue cannot hold (Rect, ...), and
//! properties unknown to the reflection database. Left out without a
//! warning: values equal to Roblox's default (writing the GUI back gives the
//! same), empty references, attribute and tag lists, and UniqueIds (Studio's
//! per-instance ids, made anew for every insert).
//!
//! So that an imported GUI reads cleanly, properties equal to the class
//! table's default are not stored in the node (the export writes them back).
//! Colours are rounded to whole 0-255 channels.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use rbx_dom_weak::{Instance, WeakDom};
use rbx_types::{Ref, Variant};
use thiserror::Error;

use super::{
    ROW_TEMPLATE_ATTRIBUTE, TAB_TEMPLATE_ATTRIBUTE, class_descriptor, database, database_default,
    from_variant, property_descriptor,
};
use crate::project::classes;
use crate::project::gui::{GuiNode, PropValue};

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("could not read {path}: {error}")]
    Unreadable { path: String, error: std::io::Error },
    #[error(
        "{path} is not a Roblox model file. In Studio, right-click the ScreenGui or SurfaceGui and choose \"Save to File...\" to make an .rbxmx or .rbxm file"
    )]
    NotAModel { path: String },
    #[error(
        "{path} looks like an .{extension} model but could not be read; it may be damaged or cut short. Save it from Studio again ({detail})"
    )]
    Corrupted {
        path: String,
        extension: &'static str,
        detail: String,
    },
    #[error(
        "{path} holds no ScreenGui or SurfaceGui (it holds {found}). Save the GUI itself from Studio: right-click the ScreenGui or SurfaceGui and choose \"Save to File...\""
    )]
    NoGui { path: String, found: String },
}

/// Something in the file that the imported GUI does not keep.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportWarning {
    /// Slash-separated names from the GUI root (`LeaderboardGUI/Frame`).
    pub path: String,
    /// The property (or `Attribute X`, `Tags`) concerned, if any.
    pub property: Option<String>,
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.property {
            Some(p) => write!(f, "{} ({p}): {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// A leaderboard GUI read back with its row and tab templates taken out.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedLeaderboardGui {
    pub gui: GuiNode,
    /// Where the row template was (the leaderboard's `rows_in`) and the
    /// template itself, if the file has one marked by an export.
    pub row_template: Option<(String, GuiNode)>,
    /// Where the period tab template was (the tabs' `goes_in`) and the
    /// template itself, if the file has one marked by an export.
    pub tab_template: Option<(String, GuiNode)>,
    /// The part a SurfaceGui was saved in (a part with its board saved
    /// from Studio): its name and Size in studs.
    pub part: Option<(String, [f32; 3])>,
    pub warnings: Vec<ImportWarning>,
}

/// Reads the first ScreenGui or SurfaceGui of a model file as a GuiNode.
/// The row and tab templates an export put in the GUI stay in it (hidden); use
/// [`import_leaderboard_gui`] to take them out.
pub fn import_gui(path: impl AsRef<Path>) -> Result<(GuiNode, Vec<ImportWarning>), ImportError> {
    let (gui, _, warnings, _) = read_path(path.as_ref())?;
    Ok((gui, warnings))
}

/// [`import_gui`] on the bytes of a file; `label` names it in messages.
pub fn import_gui_bytes(
    bytes: &[u8],
    label: &str,
) -> Result<(GuiNode, Vec<ImportWarning>), ImportError> {
    let (gui, _, warnings, _) = read(bytes, label)?;
    Ok((gui, warnings))
}

/// Reads a leaderboard GUI and takes out the row template an export put in
/// it (marked with the attribute DataStoreDesignerRowTemplate), and the
/// period tab template (DataStoreDesignerTabTemplate).
pub fn import_leaderboard_gui(
    path: impl AsRef<Path>,
) -> Result<ImportedLeaderboardGui, ImportError> {
    let (gui, marks, warnings, part) = read_path(path.as_ref())?;
    Ok(split_templates(gui, marks, warnings, part))
}

/// [`import_leaderboard_gui`] on the bytes of a file.
pub fn import_leaderboard_gui_bytes(
    bytes: &[u8],
    label: &str,
) -> Result<ImportedLeaderboardGui, ImportError> {
    let (gui, marks, warnings, part) = read(bytes, label)?;
    Ok(split_templates(gui, marks, warnings, part))
}

/// Which template an export marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Template {
    Row,
    Tab,
}

impl Template {
    fn from_attribute(key: &str) -> Option<Template> {
        match key {
            ROW_TEMPLATE_ATTRIBUTE => Some(Template::Row),
            TAB_TEMPLATE_ATTRIBUTE => Some(Template::Tab),
            _ => None,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Template::Row => "row templates",
            Template::Tab => "tab templates",
        }
    }
}

/// A template found in the file: which one, child indices from the root,
/// and the template's own Visible before the export hid it.
struct Mark {
    template: Template,
    indices: Vec<usize>,
    visible: bool,
}

fn split_templates(
    mut gui: GuiNode,
    marks: Vec<Mark>,
    mut warnings: Vec<ImportWarning>,
    part: Option<(String, [f32; 3])>,
) -> ImportedLeaderboardGui {
    // The first mark of each kind is taken out. Taking them out from the
    // last in tree order backwards keeps the indices of the others valid.
    let mut taken: Vec<&Mark> = Vec::new();
    for kind in [Template::Row, Template::Tab] {
        let of_kind: Vec<&Mark> = marks.iter().filter(|m| m.template == kind).collect();
        if of_kind.len() > 1 {
            warnings.push(ImportWarning {
                path: gui.name.clone(),
                property: None,
                message: format!(
                    "the GUI holds {} {}; the first was taken as the template, the others stay in the GUI",
                    of_kind.len(),
                    kind.what()
                ),
            });
        }
        taken.extend(of_kind.first());
    }
    taken.sort_by(|a, b| b.indices.cmp(&a.indices));
    // One object marked as both (edited by hand) is the row template only.
    taken.dedup_by(|later, kept| later.indices == kept.indices);
    let mut row_template = None;
    let mut tab_template = None;
    for mark in taken {
        let Some((&last, parents)) = mark.indices.split_last() else {
            continue;
        };
        let mut names = Vec::new();
        let mut parent = &mut gui;
        for &i in parents {
            parent = &mut parent.children[i];
            names.push(parent.name.clone());
        }
        let mut template = parent.children.remove(last);
        if mark.visible {
            template.properties.remove("Visible");
        } else {
            template
                .properties
                .insert("Visible".into(), PropValue::Bool(false));
        }
        let found = Some((names.join("/"), template));
        match mark.template {
            Template::Row => row_template = found,
            Template::Tab => tab_template = found,
        }
    }
    ImportedLeaderboardGui {
        gui,
        row_template,
        tab_template,
        part,
        warnings,
    }
}

fn read_path(path: &Path) -> Result<Read, ImportError> {
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| ImportError::Unreadable {
        path: label.clone(),
        error,
    })?;
    read(&bytes, &label)
}

/// What a model file holds: its first GUI, the templates an export marked
/// in it, warnings, and the part the GUI was in.
type Read = (
    GuiNode,
    Vec<Mark>,
    Vec<ImportWarning>,
    Option<(String, [f32; 3])>,
);

fn read(bytes: &[u8], label: &str) -> Result<Read, ImportError> {
    let dom = decode(bytes, label)?;
    let mut guis = Vec::new();
    find_guis(&dom, dom.root(), &mut guis);
    let Some(&first) = guis.first() else {
        return Err(ImportError::NoGui {
            path: label.into(),
            found: describe_top(&dom),
        });
    };
    let mut warnings = Vec::new();
    let mut marks = Vec::new();
    let instance = dom.get_by_ref(first).expect("found in this dom");
    let gui = convert(
        &dom,
        instance,
        &instance.name,
        &mut Vec::new(),
        &mut marks,
        &mut warnings,
    );
    if guis.len() > 1 {
        let others: Vec<String> = guis[1..]
            .iter()
            .filter_map(|r| dom.get_by_ref(*r))
            .map(|i| format!("{} \"{}\"", i.class, i.name))
            .collect();
        warnings.push(ImportWarning {
            path: gui.name.clone(),
            property: None,
            message: format!(
                "the file holds more GUIs ({}); only the first was imported. Save each GUI to a file of its own to import it",
                others.join(", ")
            ),
        });
    }
    Ok((gui, marks, warnings, part_of(&dom, instance)))
}

/// The name and Size of the part a GUI is in, when it is in one.
fn part_of(dom: &WeakDom, gui: &Instance) -> Option<(String, [f32; 3])> {
    let parent = dom.get_by_ref(gui.parent())?;
    let db = database();
    let is_part = db
        .superclasses_iter(class_descriptor(&parent.class)?)
        .any(|c| c.name == "BasePart");
    if !is_part {
        return None;
    }
    let size = parent.properties.iter().find_map(|(k, v)| match v {
        Variant::Vector3(s) if k.as_str().eq_ignore_ascii_case("size") => Some([s.x, s.y, s.z]),
        _ => None,
    })?;
    Some((parent.name.clone(), size))
}

fn decode(bytes: &[u8], label: &str) -> Result<WeakDom, ImportError> {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &start[start.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    if start.starts_with(b"<roblox!") {
        rbx_binary::from_reader(bytes).map_err(|e| ImportError::Corrupted {
            path: label.into(),
            extension: "rbxm",
            detail: e.to_string(),
        })
    } else if start.starts_with(b"<roblox") || start.starts_with(b"<?xml") {
        let options = rbx_xml::DecodeOptions::new()
            .property_behavior(rbx_xml::DecodePropertyBehavior::ReadUnknown);
        rbx_xml::from_reader(bytes, options).map_err(|e| ImportError::Corrupted {
            path: label.into(),
            extension: "rbxmx",
            detail: e.to_string(),
        })
    } else {
        Err(ImportError::NotAModel { path: label.into() })
    }
}

fn is_gui_root(class: &str) -> bool {
    classes::class(class).is_some_and(|c| c.is_root)
}

/// Every GUI root, depth first, not looking inside a GUI root.
fn find_guis(dom: &WeakDom, instance: &Instance, out: &mut Vec<Ref>) {
    for &child in instance.children() {
        let Some(child) = dom.get_by_ref(child) else {
            continue;
        };
        if is_gui_root(&child.class) {
            out.push(child.referent());
        } else {
            find_guis(dom, child, out);
        }
    }
}

fn describe_top(dom: &WeakDom) -> String {
    let top: Vec<String> = dom
        .root()
        .children()
        .iter()
        .filter_map(|r| dom.get_by_ref(*r))
        .take(5)
        .map(|i| format!("{} \"{}\"", i.class, i.name))
        .collect();
    if top.is_empty() {
        "nothing".into()
    } else {
        top.join(", ")
    }
}

fn convert(
    dom: &WeakDom,
    instance: &Instance,
    path: &str,
    indices: &mut Vec<usize>,
    marks: &mut Vec<Mark>,
    warnings: &mut Vec<ImportWarning>,
) -> GuiNode {
    let class = instance.class.as_str();
    let mut node = GuiNode::new(class, instance.name.clone());
    let known_class = class_descriptor(class).is_some();
    if !known_class {
        warnings.push(ImportWarning {
            path: path.into(),
            property: None,
            message: format!(
                "Roblox's reflection database (version {}) does not know the class {class}; kept with the properties that could be read, but it cannot be exported until DataStore Designer knows it",
                database_version()
            ),
        });
    }
    let table = classes::class(class);
    let mut values: Vec<(String, PropValue)> = Vec::new();
    let mut warn = |property: String, message: String| {
        warnings.push(ImportWarning {
            path: path.into(),
            property: Some(property),
            message,
        })
    };
    let mut properties: Vec<(&str, &Variant)> = instance
        .properties
        .iter()
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    properties.sort_by_key(|(k, _)| *k);
    for (name, variant) in properties {
        match variant {
            Variant::Attributes(attributes) => {
                let mut names: Vec<(&String, &Variant)> = attributes.iter().collect();
                names.sort_by_key(|(k, _)| *k);
                for (key, value) in names {
                    if let Some(template) = Template::from_attribute(key) {
                        marks.push(Mark {
                            template,
                            indices: indices.clone(),
                            visible: !matches!(value, Variant::Bool(false)),
                        });
                    } else {
                        warn(
                            format!("Attribute {key}"),
                            "attributes are not kept: add it again in Studio after exporting"
                                .into(),
                        );
                    }
                }
                continue;
            }
            Variant::Tags(tags) => {
                if !tags.is_empty() {
                    let list: Vec<&str> = tags.iter().collect();
                    warn(
                        "Tags".into(),
                        format!(
                            "tags ({}) are not kept: add them again in Studio after exporting",
                            list.join(", ")
                        ),
                    );
                }
                continue;
            }
            Variant::Ref(target) => {
                if !target.is_none() {
                    let target = dom
                        .get_by_ref(*target)
                        .map(|t| format!(" ({})", t.name))
                        .unwrap_or_default();
                    warn(
                        name.into(),
                        format!(
                            "points to another instance{target}; references are not kept: set it again in Studio"
                        ),
                    );
                }
                continue;
            }
            Variant::UniqueId(_) => continue,
            _ => {}
        }
        let descriptor = property_descriptor(class, name);
        if descriptor.is_none() && known_class {
            warn(
                name.into(),
                format!(
                    "Roblox's reflection database (version {}) does not know this property, so it cannot be exported again; it was left out",
                    database_version()
                ),
            );
            continue;
        }
        match from_variant(variant, descriptor.map(|d| &d.data_type)) {
            Ok(value) => values.push((name.to_string(), value)),
            Err(kind) => {
                if database_default(class, name) == Some(variant) {
                    continue;
                }
                warn(
                    name.into(),
                    format!("is a {kind}, which DataStore Designer cannot hold; it was left out"),
                );
            }
        }
    }
    let mut values: BTreeMap<String, PropValue> = values.into_iter().collect();
    // Properties of the class table that files store as newer properties
    // (Image as ImageContent, CornerRadius as four corner radii): one value
    // in all of them reads back as the table's property.
    for info in table.map(|t| t.properties.as_slice()).unwrap_or_default() {
        let Some(migration) = property_descriptor(class, info.name).and_then(super::migration)
        else {
            continue;
        };
        let new_names = migration.new_property_names();
        if new_names
            .iter()
            .any(|n| table.is_some_and(|t| t.property(n).is_some()))
        {
            continue;
        }
        let found: Vec<&PropValue> = new_names.iter().filter_map(|n| values.get(*n)).collect();
        if found.len() == new_names.len()
            && found
                .iter()
                .all(|v| *v == found[0] && v.kind() == info.kind)
        {
            let value = found[0].clone();
            for n in new_names {
                values.remove(*n);
            }
            values.insert(info.name.to_string(), value);
        }
    }
    for (name, value) in values {
        if let Some(info) = table.and_then(|t| t.property(&name)) {
            if value.kind() != info.kind {
                warn(
                    name,
                    format!(
                        "is a {:?} value where DataStore Designer expects {}; it was left out",
                        value.kind(),
                        info.kind.name()
                    ),
                );
                continue;
            }
            if value == info.default {
                continue;
            }
        } else {
            let descriptor = property_descriptor(class, &name);
            let db_default = database_default(class, &name)
                .and_then(|d| from_variant(d, descriptor.map(|d| &d.data_type)).ok());
            if db_default.as_ref() == Some(&value) {
                continue;
            }
        }
        node.properties.insert(name, value);
    }
    for (i, &child) in instance.children().iter().enumerate() {
        let Some(child) = dom.get_by_ref(child) else {
            continue;
        };
        indices.push(i);
        node.children.push(convert(
            dom,
            child,
            &format!("{path}/{}", child.name),
            indices,
            marks,
            warnings,
        ));
        indices.pop();
    }
    node
}

fn database_version() -> String {
    let v = database().version;
    format!("{}.{}.{}.{}", v[0], v[1], v[2], v[3])
}
