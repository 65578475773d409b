//! Roblox model files (.rbxmx / .rbxm): the class table against Roblox's
//! reflection database, GUIs written and read back property by property,
//! import(export(x)) == x, the whole export as one model, imports of files
//! made by hand, bad files, and `export --format`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use datastore_designer::export::{self, Format};
use datastore_designer::project::classes;
use datastore_designer::project::gui::{ColorKey, FontStyle, GuiNode, NumberKey, PropValue};
use datastore_designer::project::{Project, examples};
use datastore_designer::studio::model::{
    self, EXPORT_FOLDER, GUI_FOLDER, ImportError, ModelError, ModelFormat, ROW_TEMPLATE_ATTRIBUTE,
};
use rbx_dom_weak::{Instance, InstanceBuilder, WeakDom};
use rbx_types::{Variant, VariantType};

const FORMATS: [ModelFormat; 2] = [ModelFormat::Xml, ModelFormat::Binary];

use crate::common::example_projects;

fn read_dom(bytes: &[u8], format: ModelFormat) -> WeakDom {
    match format {
        ModelFormat::Xml => rbx_xml::from_reader_default(bytes).expect("rbx_xml reads it"),
        ModelFormat::Binary => rbx_binary::from_reader(bytes).expect("rbx_binary reads it"),
    }
}

fn top(dom: &WeakDom) -> Vec<&Instance> {
    dom.root()
        .children()
        .iter()
        .map(|r| dom.get_by_ref(*r).unwrap())
        .collect()
}

fn children<'a>(dom: &'a WeakDom, instance: &Instance) -> Vec<&'a Instance> {
    instance
        .children()
        .iter()
        .map(|r| dom.get_by_ref(*r).unwrap())
        .collect()
}

/// Whether a variant read from a file holds the PropValue, checked by hand
/// (independently of the exporter's own conversion).
fn same(value: &PropValue, variant: &Variant, class: &str, property: &str) -> bool {
    let db = rbx_reflection_database::get_bundled();
    match (value, variant) {
        (PropValue::Bool(a), Variant::Bool(b)) => a == b,
        (PropValue::Int(a), Variant::Int32(b)) => *a == i64::from(*b),
        (PropValue::Int(a), Variant::Int64(b)) => a == b,
        (PropValue::Float(a), Variant::Float32(b)) => a == b,
        (PropValue::Float(a), Variant::Float64(b)) => *a == *b as f32,
        (PropValue::String(a), Variant::String(b)) => a == b,
        (PropValue::Content(a), Variant::ContentId(b)) => a == b.as_str(),
        (PropValue::Content(a), Variant::Content(b)) => b.as_uri().unwrap_or("") == a,
        (PropValue::UDim(a), Variant::UDim(b)) => a.0 == b.scale && a.1 == b.offset,
        (PropValue::UDim2(x, y), Variant::UDim2(b)) => {
            x.0 == b.x.scale && x.1 == b.x.offset && y.0 == b.y.scale && y.1 == b.y.offset
        }
        (PropValue::Vector2(x, y), Variant::Vector2(b)) => *x == b.x && *y == b.y,
        (PropValue::Color3(r, g, b), Variant::Color3(c)) => {
            (c.r - f32::from(*r) / 255.0).abs() < 1e-6
                && (c.g - f32::from(*g) / 255.0).abs() < 1e-6
                && (c.b - f32::from(*b) / 255.0).abs() < 1e-6
        }
        (PropValue::Color3(r, g, b), Variant::Color3uint8(c)) => (c.r, c.g, c.b) == (*r, *g, *b),
        (
            PropValue::Font {
                family,
                weight,
                style,
            },
            Variant::Font(f),
        ) => {
            f.family == *family
                && f.weight.as_u16() == weight.value()
                && (f.style == rbx_types::FontStyle::Italic) == (*style == FontStyle::Italic)
        }
        (PropValue::ColorSequence(keys), Variant::ColorSequence(seq)) => {
            keys.len() == seq.keypoints.len()
                && keys.iter().zip(&seq.keypoints).all(|(k, p)| {
                    let (r, g, b) = k.1;
                    k.0 == p.time
                        && (p.color.r - f32::from(r) / 255.0).abs() < 1e-6
                        && (p.color.g - f32::from(g) / 255.0).abs() < 1e-6
                        && (p.color.b - f32::from(b) / 255.0).abs() < 1e-6
                })
        }
        (PropValue::NumberSequence(keys), Variant::NumberSequence(seq)) => {
            keys.len() == seq.keypoints.len()
                && keys
                    .iter()
                    .zip(&seq.keypoints)
                    .all(|(k, p)| k.0 == p.time && k.1 == p.value && p.envelope == 0.0)
        }
        (PropValue::Enum(ty, item), Variant::Enum(e)) => {
            let descriptor = model::property_descriptor(class, property).unwrap();
            let rbx_reflection::DataType::Enum(db_type) = descriptor.data_type else {
                return false;
            };
            db_type == ty.as_str()
                && db.enums[db_type].items.get(item.as_str()) == Some(&e.to_u32())
        }
        _ => false,
    }
}

/// Compares a read-back instance with the normalized GuiNode, property by
/// property; `skip` names instances that are not in the node (templates).
fn assert_same_tree(dom: &WeakDom, instance: &Instance, node: &GuiNode, path: &str) {
    assert_eq!(instance.class.as_str(), node.class, "{path}: class");
    assert_eq!(instance.name, node.name, "{path}: name");
    for (property, value) in &node.properties {
        let descriptor = model::property_descriptor(&node.class, property).unwrap();
        if let Some(migration) = model::migration(descriptor) {
            // Files store it as its replacements (Image as ImageContent,
            // CornerRadius as four radii); IgnoreGuiInset is folded into
            // ScreenInsets by normalized() and checked there.
            if property == "IgnoreGuiInset" {
                assert_eq!(value, &PropValue::Bool(false), "{path}: normalized");
                continue;
            }
            for new_name in migration.new_property_names() {
                let variant = instance
                    .properties
                    .get(&rbx_dom_weak::ustr(new_name))
                    .unwrap_or_else(|| panic!("{path}: {new_name} missing from the file"));
                assert!(
                    same(value, variant, &node.class, new_name),
                    "{path}: {new_name} is {variant:?} in the file, {property} {value:?} in the project"
                );
            }
            continue;
        }
        let variant = instance
            .properties
            .get(&rbx_dom_weak::ustr(property))
            .unwrap_or_else(|| panic!("{path}: {property} missing from the file"));
        assert!(
            same(value, variant, &node.class, property),
            "{path}: {property} is {variant:?} in the file, {value:?} in the project"
        );
    }
    let kids = children(dom, instance);
    let kids: Vec<&Instance> = kids.into_iter().filter(|k| !is_template(k)).collect();
    assert_eq!(
        kids.len(),
        node.children.len(),
        "{path}: number of children"
    );
    for (kid, child) in kids.iter().zip(&node.children) {
        assert_same_tree(dom, kid, child, &format!("{path}/{}", child.name));
    }
}

fn is_template(instance: &Instance) -> bool {
    match instance.properties.get(&rbx_dom_weak::ustr("Attributes")) {
        Some(Variant::Attributes(a)) => a.get(ROW_TEMPLATE_ATTRIBUTE).is_some(),
        _ => false,
    }
}

#[test]
fn class_table_matches_the_reflection_database() {
    let mismatches = model::check_class_table();
    let text: Vec<String> = mismatches.iter().map(ToString::to_string).collect();
    assert!(mismatches.is_empty(), "{}", text.join("\n"));
    // The check itself notices wrong entries.
    assert!(model::property_descriptor("Frame", "BackgroundColour3").is_none());
    assert!(model::property_descriptor("TextLabel", "FontFace").is_some());
    assert!(model::enum_value("TextXAlignment", "Centre").is_none());
    // Every class the table lists, and every enum item, really is there.
    let db = model::database();
    for (name, info) in classes::classes() {
        assert!(db.classes.contains_key(name), "{name}");
        for prop in &info.properties {
            let descriptor = model::property_descriptor(name, prop.name).unwrap();
            assert!(
                model::compatible(prop.kind, prop.enum_type, &descriptor.data_type),
                "{name}.{}",
                prop.name
            );
        }
    }
    for (enum_type, items) in classes::ENUMS {
        for item in *items {
            assert!(
                model::enum_value(enum_type, item).is_some(),
                "{enum_type}.{item}"
            );
        }
    }
}

#[test]
fn example_guis_read_back_property_by_property() {
    let mut boards = 0;
    for (name, project) in example_projects() {
        for board in &project.leaderboards {
            boards += 1;
            let expected = model::normalized(&board.gui);
            for format in FORMATS {
                let bytes = model::write_gui(&board.gui, format).unwrap();
                let dom = read_dom(&bytes, format);
                let tops = top(&dom);
                assert_eq!(tops.len(), 1);
                assert_same_tree(&dom, tops[0], &expected, &format!("{name}/{}", board.name));

                // The leaderboard's model: the same GUI, plus the hidden
                // template at the end of the rows container.
                let bytes =
                    model::write_model(vec![model::leaderboard_gui(board).unwrap()], format)
                        .unwrap();
                let dom = read_dom(&bytes, format);
                let root = top(&dom)[0];
                assert_same_tree(&dom, root, &expected, &board.name);
                let mut container = root;
                for part in board.rows_in.split('/') {
                    container = children(&dom, container)
                        .into_iter()
                        .find(|c| c.name == part)
                        .unwrap();
                }
                let template = *children(&dom, container).last().unwrap();
                assert!(is_template(template));
                assert_eq!(
                    template.properties.get(&rbx_dom_weak::ustr("Visible")),
                    Some(&Variant::Bool(false))
                );
                let mut shown = model::normalized(&board.row_template);
                shown
                    .properties
                    .insert("Visible".into(), PropValue::Bool(false));
                assert_same_tree(&dom, template, &shown, "template");
            }
        }
    }
    assert!(boards >= 2, "the examples have leaderboards");
}

#[test]
fn import_of_export_gives_the_project_back() {
    for (name, project) in example_projects() {
        for board in &project.leaderboards {
            for format in FORMATS {
                let bytes = model::write_gui(&board.gui, format).unwrap();
                let (gui, warnings) = model::import_gui_bytes(&bytes, "gui").unwrap();
                assert!(warnings.is_empty(), "{name}: {warnings:?}");
                assert_eq!(
                    model::normalized(&gui),
                    model::normalized(&board.gui),
                    "{name}"
                );
                // Defaults are left out, so the import reads cleanly.
                for (path, node) in gui.walk() {
                    let info = classes::class(&node.class).unwrap();
                    for (prop, value) in &node.properties {
                        assert_ne!(
                            Some(value),
                            info.property(prop).map(|p| &p.default),
                            "{path}.{prop}"
                        );
                    }
                }

                let bytes =
                    model::write_model(vec![model::leaderboard_gui(board).unwrap()], format)
                        .unwrap();
                let imported = model::import_leaderboard_gui_bytes(&bytes, "board").unwrap();
                assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
                assert_eq!(
                    model::normalized(&imported.gui),
                    model::normalized(&board.gui)
                );
                let (rows_in, template) = imported.row_template.expect("the template is found");
                assert_eq!(rows_in, board.rows_in);
                assert_eq!(
                    model::normalized(&template),
                    model::normalized(&board.row_template)
                );
            }
        }
    }
}

#[test]
fn surface_guis_and_every_value_kind_round_trip() {
    let gui = GuiNode::new("SurfaceGui", "Board")
        .with("AlwaysOnTop", PropValue::Bool(true))
        .with("Brightness", PropValue::Float(2.5))
        .with("CanvasSize", PropValue::Vector2(1024.0, 512.0))
        .with("Face", PropValue::enum_item("NormalId", "Top"))
        .with("PixelsPerStud", PropValue::Float(0.1))
        .with(
            "SizingMode",
            PropValue::enum_item("SurfaceGuiSizingMode", "PixelsPerStud"),
        )
        .child(
            GuiNode::new("ImageLabel", "Avatar")
                .with("Image", PropValue::Content("rbxassetid://123".into()))
                .with("ImageColor3", PropValue::Color3(1, 128, 254))
                .with("ZIndex", PropValue::Int(-3))
                .child(GuiNode::new("UISizeConstraint", "Limit"))
                .child(GuiNode::new("UIStroke", "Stroke").with("Thickness", PropValue::Float(1.5))),
        )
        .child(
            GuiNode::new("TextButton", "Go")
                .with(
                    "FontFace",
                    PropValue::Font {
                        family: classes::DEFAULT_FONT_FAMILY.into(),
                        weight: datastore_designer::project::gui::FontWeight::Heavy,
                        style: FontStyle::Italic,
                    },
                )
                .with(
                    "Text",
                    PropValue::String("Ünïcode & <xml> \"quotes\"\n".into()),
                ),
        )
        .child(
            GuiNode::new("CanvasGroup", "Fade")
                .with("GroupTransparency", PropValue::Float(0.25))
                .with("GroupColor3", PropValue::Color3(200, 180, 255))
                .child(
                    GuiNode::new("UIGradient", "Shade")
                        .with(
                            "Color",
                            PropValue::ColorSequence(vec![
                                ColorKey(0.0, (255, 0, 0)),
                                ColorKey(0.4, (0, 255, 0)),
                                ColorKey(1.0, (0, 0, 255)),
                            ]),
                        )
                        .with(
                            "Transparency",
                            PropValue::NumberSequence(vec![
                                NumberKey(0.0, 0.0),
                                NumberKey(1.0, 0.75),
                            ]),
                        )
                        .with("Rotation", PropValue::Float(90.0))
                        .with("Offset", PropValue::Vector2(0.1, -0.2)),
                )
                .child(GuiNode::new("UIScale", "Big").with("Scale", PropValue::Float(1.5)))
                .child(
                    GuiNode::new("UIListLayout", "Row")
                        .with(
                            "HorizontalFlex",
                            PropValue::enum_item("UIFlexAlignment", "SpaceBetween"),
                        )
                        .with(
                            "ItemLineAlignment",
                            PropValue::enum_item("ItemLineAlignment", "Stretch"),
                        ),
                )
                .child(
                    GuiNode::new("ImageButton", "Tab")
                        .with("HoverImage", PropValue::Content("rbxassetid://5".into()))
                        .child(
                            GuiNode::new("UIFlexItem", "Flex")
                                .with("FlexMode", PropValue::enum_item("UIFlexMode", "Custom"))
                                .with("GrowRatio", PropValue::Float(2.0)),
                        ),
                ),
        )
        .child(
            GuiNode::new("Frame", "Pages").child(
                GuiNode::new("UIPageLayout", "Paging")
                    .with("Circular", PropValue::Bool(true))
                    .with("EasingStyle", PropValue::enum_item("EasingStyle", "Quad")),
            ),
        );
    for format in FORMATS {
        let bytes = model::write_gui(&gui, format).unwrap();
        let (back, warnings) = model::import_gui_bytes(&bytes, "x").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(model::normalized(&back), model::normalized(&gui));
    }
}

#[test]
fn bad_trees_are_refused_in_plain_words() {
    let unknown_class = GuiNode::new("ScreenGui", "G").child(GuiNode::new("Fraim", "F"));
    let err = model::write_gui(&unknown_class, ModelFormat::Xml).unwrap_err();
    assert!(matches!(err, ModelError::UnknownClass { .. }));
    assert!(
        err.to_string().contains("G/F") && err.to_string().contains("Fraim"),
        "{err}"
    );

    let unknown_prop = GuiNode::new("ScreenGui", "G").with("Colour", PropValue::Bool(true));
    let err = model::write_gui(&unknown_prop, ModelFormat::Xml).unwrap_err();
    assert!(err.to_string().contains("Colour"), "{err}");

    let wrong = GuiNode::new("ScreenGui", "G").with("Enabled", PropValue::Int(1));
    let err = model::write_gui(&wrong, ModelFormat::Xml).unwrap_err();
    assert!(matches!(err, ModelError::WrongType { .. }), "{err}");

    let bad_item = GuiNode::new("ScreenGui", "G").with(
        "ZIndexBehavior",
        PropValue::enum_item("ZIndexBehavior", "Sideways"),
    );
    let err = model::write_gui(&bad_item, ModelFormat::Xml).unwrap_err();
    assert!(err.to_string().contains("Sideways") && err.to_string().contains("ZIndexBehavior"));
}

/// Where Rojo puts a file of the export: (instance path, class).
fn rojo_instance(path: &str) -> Option<(String, &'static str)> {
    let rest = path.strip_prefix("src/")?;
    let rest = rest.strip_prefix("StarterPlayer/").unwrap_or(rest);
    let (dir, file) = rest.rsplit_once('/')?;
    for (suffix, class) in [
        (".server.luau", "Script"),
        (".client.luau", "LocalScript"),
        (".luau", "ModuleScript"),
    ] {
        if let Some(name) = file.strip_suffix(suffix) {
            return Some(if name == "init" {
                (dir.to_string(), class)
            } else {
                (format!("{dir}/{name}"), class)
            });
        }
    }
    None
}

fn find_path<'a>(dom: &'a WeakDom, from: &'a Instance, path: &str) -> Option<&'a Instance> {
    let mut node = from;
    for part in path.split('/') {
        node = children(dom, node).into_iter().find(|c| c.name == part)?;
    }
    Some(node)
}

#[test]
fn the_whole_export_is_one_model_with_every_script() {
    for (name, project) in example_projects() {
        let (plan, _) = export::plan(&project).unwrap();
        for format in FORMATS {
            let folder = model::export_model(&project, &plan.files).unwrap();
            let bytes = model::write_model(vec![folder], format).unwrap();
            let dom = read_dom(&bytes, format);
            let tops = top(&dom);
            assert_eq!(tops.len(), 1);
            let root = tops[0];
            assert_eq!(
                (root.class.as_str(), root.name.as_str()),
                ("Folder", EXPORT_FOLDER)
            );
            let mut scripts = 0;
            for (path, contents) in &plan.files {
                let Some((instance_path, class)) = rojo_instance(path) else {
                    continue;
                };
                scripts += 1;
                let instance = find_path(&dom, root, &instance_path)
                    .unwrap_or_else(|| panic!("{name}: {instance_path} ({path}) is in the model"));
                assert_eq!(instance.class.as_str(), class, "{path}");
                assert_eq!(
                    instance.properties.get(&rbx_dom_weak::ustr("Source")),
                    Some(&Variant::String(
                        String::from_utf8(contents.clone()).unwrap()
                    )),
                    "{path}"
                );
            }
            assert!(scripts >= 2, "{name}");
            let guis = find_path(&dom, root, GUI_FOLDER);
            assert_eq!(guis.is_some(), !project.leaderboards.is_empty(), "{name}");
            if let Some(guis) = guis {
                let kids = children(&dom, guis);
                assert_eq!(kids.len(), project.leaderboards.len());
                for (kid, board) in kids.iter().zip(&project.leaderboards) {
                    assert_same_tree(&dom, kid, &model::normalized(&board.gui), &board.name);
                }
            }
        }
    }
}

#[test]
fn the_data_status_script_is_in_the_model_with_its_config() {
    use datastore_designer::luau::data_status;
    for (name, project) in example_projects() {
        let (plan, _) = export::plan(&project).unwrap();
        for format in FORMATS {
            let folder = model::export_model(&project, &plan.files).unwrap();
            let bytes = model::write_model(vec![folder], format).unwrap();
            let dom = read_dom(&bytes, format);
            let root = top(&dom)[0];
            for (path, class, file) in [
                (
                    "StarterPlayerScripts/DataStatus",
                    "LocalScript",
                    data_status::script_path(),
                ),
                (
                    "StarterPlayerScripts/DataStatus/Config",
                    "ModuleScript",
                    data_status::config_path(),
                ),
            ] {
                let instance = find_path(&dom, root, path)
                    .unwrap_or_else(|| panic!("{name}: no {path} in the model"));
                assert_eq!(instance.class.as_str(), class, "{name}: {path}");
                assert_eq!(
                    instance.properties.get(&rbx_dom_weak::ustr("Source")),
                    Some(&Variant::String(plan.text(&file).unwrap().to_string())),
                    "{name}: {path}"
                );
            }
        }
    }
}

#[test]
fn rojo_init_files_become_the_folder_script() {
    let project = Project::new("X");
    let mut files = BTreeMap::new();
    files.insert(
        "src/ServerScriptService/Main/init.server.luau".to_string(),
        b"print('main')".to_vec(),
    );
    files.insert(
        "src/ServerScriptService/Main/Helper.luau".to_string(),
        b"return {}".to_vec(),
    );
    files.insert(
        "src/ReplicatedStorage/Notes.txt".to_string(),
        b"hello".to_vec(),
    );
    let bytes = model::write_model(
        vec![model::export_model(&project, &files).unwrap()],
        ModelFormat::Xml,
    )
    .unwrap();
    let dom = read_dom(&bytes, ModelFormat::Xml);
    let root = top(&dom)[0];
    let main = find_path(&dom, root, "ServerScriptService/Main").unwrap();
    assert_eq!(main.class.as_str(), "Script");
    let helper = find_path(&dom, root, "ServerScriptService/Main/Helper").unwrap();
    assert_eq!(helper.class.as_str(), "ModuleScript");
    let notes = find_path(&dom, root, "ReplicatedStorage/Notes").unwrap();
    assert_eq!(notes.class.as_str(), "StringValue");

    files.insert("src/ReplicatedStorage/x.meta.json".into(), b"{}".to_vec());
    let err = model::export_model(&project, &files).unwrap_err();
    assert!(err.to_string().contains("x.meta.json"), "{err}");
}

const HAND_MADE: &str = r#"<roblox xmlns:xmime="http://www.w3.org/2005/05/xmlmime" version="4">
  <Item class="ScreenGui" referent="RBX1">
    <Properties>
      <string name="Name">ShopGui</string>
      <bool name="ResetOnSpawn">true</bool>
      <token name="ZIndexBehavior">1</token>
      <bool name="Enabled">true</bool>
    </Properties>
    <Item class="Frame" referent="RBX2">
      <Properties>
        <string name="Name">Panel</string>
        <Color3 name="BackgroundColor3"><R>1</R><G>0</G><B>0</B></Color3>
        <bool name="Selectable">true</bool>
        <token name="Style">0</token>
        <Ref name="NextSelectionDown">RBX3</Ref>
        <Ref name="NextSelectionUp">null</Ref>
        <string name="MadeUpProperty">hello</string>
        <BinaryString name="Tags">U2hpbnk=</BinaryString>
      </Properties>
      <Item class="UIGradient" referent="RBX3">
        <Properties>
          <string name="Name">Shade</string>
          <float name="Rotation">45</float>
          <Vector2 name="Offset"><X>0.25</X><Y>0</Y></Vector2>
          <ColorSequence name="Color">0 1 0 0 0 1 0 0 1 0 </ColorSequence>
        </Properties>
      </Item>
    </Item>
  </Item>
</roblox>"#;

#[test]
fn a_studio_file_keeps_what_it_can_and_warns_about_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("shop.rbxmx");
    std::fs::write(&path, HAND_MADE).unwrap();
    let (gui, warnings) = model::import_gui(&path).unwrap();
    let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    let text = text.join("\n");

    assert_eq!(gui.class, "ScreenGui");
    assert_eq!(gui.prop("ResetOnSpawn"), Some(&PropValue::Bool(true)));
    // Equal to the class table's defaults: left out.
    assert_eq!(gui.prop("ZIndexBehavior"), None);
    assert_eq!(gui.prop("Enabled"), None);
    let panel = gui.find("Panel").unwrap();
    assert_eq!(
        panel.prop("BackgroundColor3"),
        Some(&PropValue::Color3(255, 0, 0))
    );
    // Outside the class table, but Roblox knows it: kept.
    assert_eq!(panel.prop("Selectable"), Some(&PropValue::Bool(true)));
    // Outside the table and equal to Roblox's default: left out quietly.
    assert_eq!(panel.prop("Style"), None);
    // A gradient comes in whole, its colour points included.
    let shade = gui.find("Panel/Shade").unwrap();
    assert_eq!(shade.class, "UIGradient");
    assert_eq!(shade.prop("Rotation"), Some(&PropValue::Float(45.0)));
    assert_eq!(shade.prop("Offset"), Some(&PropValue::Vector2(0.25, 0.0)));
    assert_eq!(
        shade.prop("Color"),
        Some(&PropValue::ColorSequence(vec![
            ColorKey(0.0, (255, 0, 0)),
            ColorKey(1.0, (0, 0, 255))
        ]))
    );

    let warned = |path: &str, property: &str| {
        warnings
            .iter()
            .any(|w| w.path == path && w.property.as_deref() == Some(property))
    };
    assert!(!warned("ShopGui/Panel/Shade", "Color"), "{text}");
    assert!(warned("ShopGui/Panel", "NextSelectionDown"), "{text}");
    assert!(warned("ShopGui/Panel", "MadeUpProperty"), "{text}");
    assert!(warned("ShopGui/Panel", "Tags"), "{text}");
    assert!(text.contains("Shiny"), "{text}");
    assert_eq!(warnings.len(), 3, "{text}");

    // What was kept is written back, and reads back the same.
    for format in FORMATS {
        let bytes = model::write_gui(&gui, format).unwrap();
        let (again, warnings) = model::import_gui_bytes(&bytes, "again").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(again, gui);
    }
}

#[test]
fn attributes_and_extra_guis_are_reported() {
    let mut dom = WeakDom::new(InstanceBuilder::new("DataModel"));
    let root = dom.root_ref();
    let gui = InstanceBuilder::new("ScreenGui")
        .with_name("A")
        .with_property(
            "Attributes",
            rbx_types::Attributes::new().with("Price", 10.0f64),
        );
    let refs = vec![
        dom.insert(root, gui),
        dom.insert(root, InstanceBuilder::new("SurfaceGui").with_name("B")),
    ];
    let mut bytes = Vec::new();
    rbx_binary::to_writer(&mut bytes, &dom, &refs).unwrap();
    let (gui, warnings) = model::import_gui_bytes(&bytes, "two.rbxm").unwrap();
    assert_eq!(gui.name, "A");
    let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    let text = text.join("\n");
    assert!(text.contains("Attribute Price"), "{text}");
    assert!(text.contains("SurfaceGui \"B\""), "{text}");
}

#[test]
fn bad_files_get_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();

    let missing = dir.join("nope.rbxmx");
    let err = model::import_gui(&missing).unwrap_err();
    assert!(matches!(err, ImportError::Unreadable { .. }));
    assert!(err.to_string().contains("nope.rbxmx"), "{err}");

    let text = dir.join("notes.rbxmx");
    std::fs::write(&text, "just some notes").unwrap();
    let err = model::import_gui(&text).unwrap_err();
    assert!(matches!(err, ImportError::NotAModel { .. }), "{err}");
    assert!(err.to_string().contains("not a Roblox model file"), "{err}");

    let empty = dir.join("empty.rbxm");
    std::fs::write(&empty, "").unwrap();
    assert!(matches!(
        model::import_gui(&empty).unwrap_err(),
        ImportError::NotAModel { .. }
    ));

    let gui = GuiNode::new("ScreenGui", "G").child(GuiNode::new("Frame", "F"));
    for format in FORMATS {
        let bytes = model::write_gui(&gui, format).unwrap();
        let cut = &bytes[..bytes.len() / 2];
        let err = model::import_gui_bytes(cut, "cut").unwrap_err();
        assert!(
            matches!(err, ImportError::Corrupted { .. }),
            "{format:?}: {err}"
        );
        assert!(err.to_string().contains("damaged"), "{err}");
    }

    let folder = model::write_model(
        vec![InstanceBuilder::new("Folder").with_name("Stuff")],
        ModelFormat::Xml,
    )
    .unwrap();
    let err = model::import_gui_bytes(&folder, "stuff.rbxmx").unwrap_err();
    assert!(matches!(err, ImportError::NoGui { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("no ScreenGui or SurfaceGui") && message.contains("Folder \"Stuff\""),
        "{message}"
    );
}

#[test]
fn export_format_all_and_rbxmx_write_the_models() {
    let (_, starter) = example_projects()
        .into_iter()
        .find(|(n, _)| *n == "starter")
        .unwrap();
    let (plan, _) = export::plan_format(&starter, Format::All).unwrap();
    assert!(plan.files.contains_key("default.project.json"));
    for ext in ["rbxmx", "rbxm"] {
        assert!(
            plan.files
                .contains_key(&format!("models/{EXPORT_FOLDER}.{ext}"))
        );
        for board in &starter.leaderboards {
            assert!(
                plan.files
                    .contains_key(&format!("models/{}.{ext}", board.name))
            );
        }
    }
    assert!(plan.text("README.md").unwrap().contains("Without Rojo"));

    let (plan, _) = export::plan_format(&starter, Format::Rbxmx).unwrap();
    assert!(!plan.files.contains_key("default.project.json"));
    assert!(plan.files.keys().all(|p| !p.starts_with("src/")));
    assert!(plan.files.keys().all(|p| !p.ends_with(".rbxm")));

    // The command line.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("game.ron"), examples::text("starter").unwrap()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_datastore-designer"))
        .args(["export", "game.ron", "--out", "exported", "--format", "all"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let exported = dir.join("exported");
    assert!(exported.join("default.project.json").is_file());
    for file in [
        format!("models/{EXPORT_FOLDER}.rbxmx"),
        format!("models/{EXPORT_FOLDER}.rbxm"),
    ] {
        assert!(exported.join(&file).is_file(), "{file}");
    }
    let board = &starter.leaderboards[0];
    let imported =
        model::import_leaderboard_gui(exported.join(format!("models/{}.rbxm", board.name)))
            .unwrap();
    assert_eq!(
        model::normalized(&imported.gui),
        model::normalized(&board.gui)
    );
    assert!(Path::new(&exported.join("README.md")).is_file());
}

#[test]
fn database_types_used_for_numbers_are_the_databases() {
    // Int32 vs Int64 and Float32 vs Float64 come from the database.
    let zindex = model::property_descriptor("Frame", "ZIndex").unwrap();
    assert_eq!(zindex.data_type.ty(), VariantType::Int32);
    let bytes = model::write_gui(
        &GuiNode::new("ScreenGui", "G")
            .with("DisplayOrder", PropValue::Int(i64::from(i32::MAX) + 1)),
        ModelFormat::Xml,
    );
    assert!(
        matches!(bytes, Err(ModelError::OutOfRange { .. })),
        "{bytes:?}"
    );
}

#[test]
fn replaced_properties_are_stored_as_their_replacements() {
    // IgnoreGuiInset, Image and CornerRadius are stored by Roblox as
    // ScreenInsets, ImageContent and four corner radii.
    let gui = GuiNode::new("ScreenGui", "G")
        .with("IgnoreGuiInset", PropValue::Bool(true))
        .child(
            GuiNode::new("ImageLabel", "Icon")
                .with("Image", PropValue::Content("rbxassetid://42".into()))
                .child(GuiNode::new("UICorner", "Round").with(
                    "CornerRadius",
                    PropValue::UDim(datastore_designer::project::UDim(0.5, 0)),
                )),
        );
    for format in FORMATS {
        let bytes = model::write_gui(&gui, format).unwrap();
        let dom = read_dom(&bytes, format);
        let root = top(&dom)[0];
        assert!(matches!(
            root.properties.get(&rbx_dom_weak::ustr("ScreenInsets")),
            Some(Variant::Enum(e)) if Some(e.to_u32()) == model::enum_value("ScreenInsets", "DeviceSafeInsets")
        ));
        let (back, warnings) = model::import_gui_bytes(&bytes, "x").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(model::normalized(&back), model::normalized(&gui));
        let icon = back.find("Icon").unwrap();
        assert_eq!(
            icon.prop("Image"),
            Some(&PropValue::Content("rbxassetid://42".into()))
        );
        assert_eq!(icon.prop("ImageContent"), None);
        assert_eq!(
            back.find("Icon/Round").unwrap().prop("CornerRadius"),
            Some(&PropValue::UDim(datastore_designer::project::UDim(0.5, 0)))
        );
    }

    // One corner rounded differently (made in Studio): kept as that corner.
    let corner = GuiNode::new("ScreenGui", "G").child(GuiNode::new("Frame", "F").child(
        GuiNode::new("UICorner", "C").with(
            "TopLeftRadius",
            PropValue::UDim(datastore_designer::project::UDim(0.0, 20)),
        ),
    ));
    let bytes = model::write_gui(&corner, ModelFormat::Xml).unwrap();
    let (back, warnings) = model::import_gui_bytes(&bytes, "x").unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(back, corner);
}

#[test]
fn a_board_saved_on_its_part_brings_the_parts_name_and_size() {
    // Studio: right-click a part holding the board's SurfaceGui, "Save to
    // File...". The import finds the GUI in the part, and the board is shown
    // on that part, at its size.
    let mut dom = WeakDom::new(InstanceBuilder::new("DataModel"));
    let root = dom.root_ref();
    let part = dom.insert(
        root,
        InstanceBuilder::new("Part")
            .with_name("HallOfFame")
            .with_property("Size", rbx_types::Vector3::new(10.0, 5.0, 1.0)),
    );
    dom.insert(
        part,
        InstanceBuilder::new("SurfaceGui")
            .with_name("Board")
            .with_child(InstanceBuilder::new("Frame").with_name("Panel")),
    );
    for format in FORMATS {
        let mut bytes = Vec::new();
        match format {
            ModelFormat::Binary => rbx_binary::to_writer(&mut bytes, &dom, &[part]).unwrap(),
            ModelFormat::Xml => rbx_xml::to_writer_default(&mut bytes, &dom, &[part]).unwrap(),
        }
        let imported = model::import_leaderboard_gui_bytes(&bytes, "part").unwrap();
        assert_eq!(imported.gui.class, "SurfaceGui");
        assert_eq!(
            imported.part,
            Some(("HallOfFame".to_string(), [10.0, 5.0, 1.0]))
        );
        let mut board = example_projects()
            .into_iter()
            .find_map(|(_, p)| p.leaderboards.first().cloned())
            .expect("an example has a leaderboard");
        board.display = datastore_designer::project::Display::Screen;
        model::use_imported_gui(&mut board, imported, None, None, None).unwrap();
        assert_eq!(
            board.display,
            datastore_designer::project::Display::Surface {
                part: "HallOfFame".into(),
                part_size: [10.0, 5.0, 1.0],
            }
        );
    }
}

/// The starter's first board with period tabs kept in `goes_in`.
fn board_with_tabs(goes_in: &str) -> datastore_designer::project::Leaderboard {
    use datastore_designer::project::{Period, Tabs};
    let mut board = example_projects()
        .into_iter()
        .find(|(name, _)| *name == "starter")
        .and_then(|(_, p)| p.leaderboards.into_iter().next())
        .expect("the starter has a board");
    board.periods = vec![Period::AllTime, Period::Weekly];
    let frame = board
        .gui
        .children
        .iter_mut()
        .find(|c| c.name == "LeaderboardFrame")
        .expect("the starter's panel");
    frame
        .children
        .push(GuiNode::new("Frame", "Tabs").with("Size", PropValue::udim2(1.0, 0, 0.0, 24)));
    board.tabs = Some(Tabs {
        goes_in: goes_in.into(),
        template: GuiNode::new("TextButton", "Tab")
            .with("Text", PropValue::String("{period}".into()))
            .with("Size", PropValue::udim2(0.0, 90, 1.0, 0))
            .child(GuiNode::new("UICorner", "Round")),
    });
    board
}

fn is_tab_template(instance: &Instance) -> bool {
    match instance.properties.get(&rbx_dom_weak::ustr("Attributes")) {
        Some(Variant::Attributes(a)) => a.get(model::TAB_TEMPLATE_ATTRIBUTE).is_some(),
        _ => false,
    }
}

#[test]
fn the_tab_template_is_kept_hidden_in_the_model_and_imported_back() {
    for goes_in in ["LeaderboardFrame/Tabs", "LeaderboardFrame/ListFrame"] {
        let board = board_with_tabs(goes_in);
        assert_ne!(board.rows_in, "", "the starter has a rows container");
        let mut hidden_by_designer = board.clone();
        if let Some(tabs) = &mut hidden_by_designer.tabs {
            tabs.template
                .properties
                .insert("Visible".into(), PropValue::Bool(false));
        }
        for board in [board, hidden_by_designer] {
            for format in FORMATS {
                let bytes =
                    model::write_model(vec![model::leaderboard_gui(&board).unwrap()], format)
                        .unwrap();
                let dom = read_dom(&bytes, format);
                let root = top(&dom)[0];
                // In Studio: the last child of the tabs container, hidden and marked.
                let container = find_path(&dom, root, goes_in).expect("the tabs container");
                let last = *children(&dom, container).last().unwrap();
                assert!(is_tab_template(last), "{goes_in}: the tab template is last");
                assert_eq!(
                    last.properties.get(&rbx_dom_weak::ustr("Visible")),
                    Some(&Variant::Bool(false))
                );
                assert_eq!(
                    children(&dom, root)
                        .iter()
                        .filter(|c| is_tab_template(c))
                        .count(),
                    0,
                    "not dropped at the root"
                );

                let imported = model::import_leaderboard_gui_bytes(&bytes, "tabs").unwrap();
                assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
                assert_eq!(
                    model::normalized(&imported.gui),
                    model::normalized(&board.gui),
                    "{goes_in}: both templates are taken out"
                );
                let (rows_in, row) = imported.row_template.clone().unwrap();
                assert_eq!(rows_in, board.rows_in);
                assert_eq!(
                    model::normalized(&row),
                    model::normalized(&board.row_template)
                );
                let (tabs_in, tab) = imported.tab_template.clone().unwrap();
                let tabs = board.tabs.as_ref().unwrap();
                assert_eq!(tabs_in, tabs.goes_in);
                assert_eq!(model::normalized(&tab), model::normalized(&tabs.template));

                // A board that had no tabs gets them from the file.
                let mut target = board.clone();
                target.tabs = None;
                model::use_imported_gui(&mut target, imported, None, None, None).unwrap();
                assert_eq!(
                    target
                        .tabs
                        .map(|t| (t.goes_in, model::normalized(&t.template))),
                    Some((tabs.goes_in.clone(), model::normalized(&tabs.template)))
                );
            }
        }
    }
}

#[test]
fn extra_tab_templates_stay_in_the_gui_with_a_warning() {
    let board = board_with_tabs("LeaderboardFrame/Tabs");
    let mut gui = model::leaderboard_gui(&board).unwrap();
    // A designer duplicated the hidden tab in Studio and moved the copy to the root.
    gui.add_child(
        InstanceBuilder::new("TextButton")
            .with_name("Tab")
            .with_property("Visible", false)
            .with_property(
                "Attributes",
                rbx_types::Attributes::new().with(model::TAB_TEMPLATE_ATTRIBUTE, true),
            ),
    );
    let bytes = model::write_model(vec![gui], ModelFormat::Xml).unwrap();
    let imported = model::import_leaderboard_gui_bytes(&bytes, "dup").unwrap();
    let (tabs_in, _) = imported.tab_template.expect("the first is taken");
    assert_eq!(tabs_in, "LeaderboardFrame/Tabs");
    assert!(imported.gui.find("Tab").is_some(), "the second stays");
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("2 tab templates")),
        "{:?}",
        imported.warnings
    );
}
