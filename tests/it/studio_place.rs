//! `export --format rbxlx`: one place file for a new game. It loads with
//! rbx_xml, holds Studio's services, a baseplate and a spawn, only classes
//! and properties Roblox's reflection data knows, and exactly the scripts
//! the Rojo project of the same export puts in each service.

use std::collections::BTreeMap;

use datastore_designer::export::{self, Format};
use datastore_designer::project::{Display, Project, examples, file};
use datastore_designer::sim::rojo::{self, Node};
use datastore_designer::studio::model::{self, PLACE_SERVICES};
use datastore_designer::studio::writer::WriteOptions;
use rbx_dom_weak::{Instance, WeakDom, ustr};
use rbx_reflection::ClassTag;
use rbx_types::Variant;

use crate::common::example_projects;

/// The place of `project`'s export, read back with rbx_xml.
fn place(project: &Project) -> WeakDom {
    let (plan, _) = export::plan_format(project, Format::Rbxlx).unwrap();
    let name = model::place_file_name(&project.name);
    let keys: std::collections::BTreeSet<&str> = plan.files.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["README.md", name.as_str()].into(),
        "one place and its README"
    );
    rbx_xml::from_reader_default(plan.files[&name].as_slice()).expect("rbx_xml reads the place")
}

fn children<'a>(dom: &'a WeakDom, instance: &Instance) -> Vec<&'a Instance> {
    instance
        .children()
        .iter()
        .map(|r| dom.get_by_ref(*r).unwrap())
        .collect()
}

fn child<'a>(dom: &'a WeakDom, parent: &Instance, name: &str) -> &'a Instance {
    children(dom, parent)
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{} has no {name}", parent.name))
}

/// What a script or other exported instance is, compared between the place
/// and the Rojo project: class, Source, and a StringValue's Value.
type Item = (String, Option<String>, Option<String>);

/// Services and the StarterPlayer containers hold the exported instances;
/// they are compared by what they hold.
fn is_container(class: &str) -> bool {
    let db = model::database();
    matches!(class, "StarterPlayerScripts" | "StarterCharacterScripts")
        || db
            .classes
            .get(class)
            .is_some_and(|c| c.tags.contains(&ClassTag::Service))
}

fn flatten_rojo(node: &Node, path: &str, out: &mut BTreeMap<String, Item>) {
    for c in &node.children {
        let at = if path.is_empty() {
            c.name.clone()
        } else {
            format!("{path}/{}", c.name)
        };
        if !is_container(&c.class) {
            let value = c
                .properties
                .get("Value")
                .and_then(|v| v.as_str())
                .map(str::to_string);
            out.insert(at.clone(), (c.class.clone(), c.source.clone(), value));
        }
        flatten_rojo(c, &at, out);
    }
}

fn string_property(instance: &Instance, name: &str) -> Option<String> {
    match instance.properties.get(&ustr(name)) {
        Some(Variant::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// Everything of the place outside the world (Workspace and Lighting).
fn flatten_place(dom: &WeakDom, instance: &Instance, path: &str, out: &mut BTreeMap<String, Item>) {
    for c in children(dom, instance) {
        if path.is_empty() && ["Workspace", "Lighting"].contains(&c.name.as_str()) {
            continue;
        }
        let at = if path.is_empty() {
            c.name.clone()
        } else {
            format!("{path}/{}", c.name)
        };
        if !is_container(c.class.as_str()) {
            out.insert(
                at.clone(),
                (
                    c.class.to_string(),
                    string_property(c, "Source"),
                    string_property(c, "Value"),
                ),
            );
        }
        flatten_place(dom, c, &at, out);
    }
}

#[test]
fn every_examples_place_holds_exactly_the_rojo_projects_scripts() {
    for (name, project) in example_projects() {
        let dom = place(&project);
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("rojo");
        export::export_format(&project, &out, Format::Rojo, WriteOptions::default()).unwrap();
        let rojo_tree = rojo::read_project(&out).unwrap();

        let mut want = BTreeMap::new();
        flatten_rojo(&rojo_tree, "", &mut want);
        let mut got = BTreeMap::new();
        flatten_place(&dom, dom.root(), "", &mut got);
        assert!(
            want.contains_key("ServerScriptService/DataManager/Config")
                && want.contains_key("ServerScriptService/DataManagerStart"),
            "{name}: {:?}",
            want.keys()
        );
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "{name}: the same instances in the same places"
        );
        assert_eq!(got, want, "{name}: the same classes and Source");

        // The Rojo project's containers are the place's, with the same classes.
        for service in &rojo_tree.children {
            let there = child(&dom, dom.root(), &service.name);
            assert_eq!(there.class.as_str(), service.class, "{name}");
            for inner in service.children.iter().filter(|c| is_container(&c.class)) {
                assert_eq!(child(&dom, there, &inner.name).class.as_str(), inner.class);
            }
        }
    }
}

#[test]
fn the_place_has_studios_services_a_baseplate_and_a_spawn() {
    let project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
    let dom = place(&project);
    let top: Vec<(&str, &str)> = children(&dom, dom.root())
        .into_iter()
        .map(|c| (c.name.as_str(), c.class.as_str()))
        .collect();
    assert_eq!(top, PLACE_SERVICES.map(|s| (s, s)));
    for service in PLACE_SERVICES {
        assert!(is_container(service), "{service} is a service");
    }
    let starter_player = child(&dom, dom.root(), "StarterPlayer");
    for inner in ["StarterPlayerScripts", "StarterCharacterScripts"] {
        assert_eq!(child(&dom, starter_player, inner).class.as_str(), inner);
    }

    let workspace = child(&dom, dom.root(), "Workspace");
    let world: Vec<(&str, &str)> = children(&dom, workspace)
        .into_iter()
        .map(|c| (c.name.as_str(), c.class.as_str()))
        .collect();
    assert_eq!(
        world,
        [("Baseplate", "Part"), ("SpawnLocation", "SpawnLocation")],
        "no leaderboard of the starter shows on a part"
    );
    let baseplate = child(&dom, workspace, "Baseplate");
    let prop = |i: &Instance, p: &str| i.properties.get(&ustr(p)).cloned();
    assert_eq!(prop(baseplate, "Anchored"), Some(Variant::Bool(true)));
    assert_eq!(prop(baseplate, "Locked"), Some(Variant::Bool(true)));
    let Some(Variant::Vector3(size)) = prop(baseplate, "Size") else {
        panic!("the baseplate has a size: {:?}", baseplate.properties);
    };
    assert_eq!((size.x, size.y, size.z), (2048.0, 16.0, 2048.0));
    let Some(Variant::CFrame(cframe)) = prop(baseplate, "CFrame") else {
        panic!("the baseplate has a CFrame");
    };
    assert_eq!(cframe.position.y, -8.0, "its top is at y = 0");
    let spawn = child(&dom, workspace, "SpawnLocation");
    assert_eq!(prop(spawn, "Anchored"), Some(Variant::Bool(true)));
    let Some(Variant::CFrame(cframe)) = prop(spawn, "CFrame") else {
        panic!("the spawn has a CFrame");
    };
    assert!(cframe.position.y > 0.0, "the spawn stands on the baseplate");
}

/// Every class and property in the place is one Roblox's reflection data
/// knows and saves in place files.
#[test]
fn every_class_and_property_of_the_place_is_real() {
    let db = model::database();
    for (name, project) in example_projects() {
        let dom = place(&project);
        let mut stack = vec![dom.root_ref()];
        let mut count = 0;
        while let Some(r) = stack.pop() {
            let instance = dom.get_by_ref(r).unwrap();
            stack.extend(instance.children());
            if r == dom.root_ref() {
                continue;
            }
            count += 1;
            let class = instance.class.as_str();
            let descriptor = db
                .classes
                .get(class)
                .unwrap_or_else(|| panic!("{name}: {class} is not a Roblox class"));
            for property in instance.properties.keys() {
                let found = db
                    .superclasses_iter(descriptor)
                    .find_map(|c| c.properties.get(property.as_str()));
                assert!(
                    found.is_some(),
                    "{name}: {class}.{property} is not a Roblox property"
                );
                let canonical = model::property_descriptor(class, property.as_str())
                    .unwrap_or_else(|| panic!("{name}: {class}.{property}"));
                assert!(
                    model::serializes(canonical),
                    "{name}: {class}.{property} is not saved in place files"
                );
            }
        }
        assert!(count > 15, "{name}: {count} instances");
    }
}

#[test]
fn a_leaderboard_shown_on_a_part_gets_the_part() {
    let mut project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
    project.leaderboards[0].display = Display::surface("Billboard");
    project.leaderboards[0].gui.class = "SurfaceGui".into();
    let dom = place(&project);
    let workspace = child(&dom, dom.root(), "Workspace");
    let board = child(&dom, workspace, "Billboard");
    assert_eq!(board.class.as_str(), "Part");
    assert_eq!(
        board.properties.get(&ustr("Anchored")),
        Some(&Variant::Bool(true))
    );
    // The part has the size the designer previewed the board on.
    assert_eq!(
        board.properties.get(&ustr("Size")),
        Some(&Variant::Vector3(rbx_types::Vector3::new(8.0, 6.0, 1.0)))
    );
    let mut wide = project.clone();
    wide.leaderboards[0].display = Display::Surface {
        part: "Billboard".into(),
        part_size: [16.0, 9.0, 0.5],
    };
    let dom = place(&wide);
    let board = child(&dom, child(&dom, dom.root(), "Workspace"), "Billboard");
    assert_eq!(
        board.properties.get(&ustr("Size")),
        Some(&Variant::Vector3(rbx_types::Vector3::new(16.0, 9.0, 0.5)))
    );
    let (plan, _) = export::plan_format(&project, Format::Rbxlx).unwrap();
    let readme = plan.text("README.md").unwrap();
    assert!(readme.contains("File > Open from File"), "{readme}");
    assert!(readme.contains("Billboard"), "{readme}");
}

#[test]
fn place_file_names_are_the_project_name_made_safe() {
    assert_eq!(model::place_file_name("Starter"), "Starter.rbxlx");
    assert_eq!(model::place_file_name("My game"), "My game.rbxlx");
    assert_eq!(
        model::place_file_name("Tycoon: v2/3?"),
        "Tycoon_ v2_3_.rbxlx"
    );
    assert_eq!(model::place_file_name(" .. "), "Place.rbxlx");
}

#[test]
fn export_format_rbxlx_on_the_command_line_writes_the_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("game.ron"), examples::text("starter").unwrap()).unwrap();
    let stdout = crate::cli::run_ok(
        &["export", "game.ron", "--out", "place", "--format", "rbxlx"],
        dir,
    );
    assert!(stdout.contains("Starter.rbxlx"), "{stdout}");
    let bytes = std::fs::read(dir.join("place/Starter.rbxlx")).unwrap();
    let dom = rbx_xml::from_reader_default(bytes.as_slice()).unwrap();
    let sss = child(&dom, dom.root(), "ServerScriptService");
    assert_eq!(
        child(&dom, sss, "DataManager").class.as_str(),
        "ModuleScript"
    );
    assert!(dir.join("place/README.md").is_file());
    assert!(!dir.join("place/default.project.json").exists());
}
