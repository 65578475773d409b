//! `export --format plugin`: the local Studio plugin. Its Luau runs in the
//! emulator as Studio runs a local plugin (the `plugin` global, a toolbar
//! button clicked from Rust, ChangeHistoryService); an install into a place
//! that already holds the designer's own scripts leaves them byte-identical
//! and puts in exactly what the Rojo project of the same export maps, an
//! install of a changed export replaces and removes only what an earlier
//! install marked, and Ctrl+Z (ChangeHistoryService:Undo) takes an install
//! back whole. The model itself is checked with rbx-dom like the others.

use std::collections::BTreeMap;

use datastore_designer::export::{self, Format};
use datastore_designer::luau::format_luau;
use datastore_designer::project::save_policy::StudioMode;
use datastore_designer::project::schema::{Field, FieldType};
use datastore_designer::project::{Project, examples, file};
use datastore_designer::sim::rojo::{self, Node};
use datastore_designer::sim::{Server, ServerConfig, World, WorldConfig};
use datastore_designer::studio::model::{
    self, INSTALL_PATH_ATTRIBUTE, INSTALLED_MARK, PLUGIN_INSTALL_FOLDER, PLUGIN_SCRIPT,
    PLUGIN_SOURCE,
};
use datastore_designer::studio::writer::WriteOptions;
use mlua::Table;
use rbx_dom_weak::{Instance, WeakDom, ustr};
use rbx_reflection::ClassTag;
use rbx_types::Variant;

use crate::common::example_projects;

/// The plugin file of `project`'s export.
fn plugin_bytes(project: &Project) -> Vec<u8> {
    let (plan, _) = export::plan_format(project, Format::Plugin).unwrap();
    let name = model::plugin_file_name(&project.name);
    assert_eq!(
        plan.files.keys().collect::<Vec<_>>(),
        [&name],
        "one plugin file"
    );
    plan.files[&name].clone()
}

/// What an instance is, compared between the place and the Rojo project:
/// class, Source, a StringValue's Value, whether a script runs, and the
/// install mark.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    class: String,
    source: Option<String>,
    value: Option<String>,
    enabled: Option<bool>,
    mark: Option<String>,
}

/// Services and the StarterPlayer containers hold the exported instances.
fn is_container(class: &str) -> bool {
    matches!(class, "StarterPlayerScripts" | "StarterCharacterScripts")
        || model::database()
            .classes
            .get(class)
            .is_some_and(|c| c.tags.contains(&ClassTag::Service))
}

fn runs(class: &str) -> Option<bool> {
    matches!(class, "Script" | "LocalScript").then_some(true)
}

/// The Rojo project's instances by path, as an install must make them:
/// each top-level instance of a container marked with the project's name.
fn rojo_items(node: &Node, path: &str, mark: &str, out: &mut BTreeMap<String, Item>) {
    let in_container = is_container(&node.class) || node.class == "DataModel";
    for c in &node.children {
        let at = if path.is_empty() {
            c.name.clone()
        } else {
            format!("{path}/{}", c.name)
        };
        if !is_container(&c.class) {
            out.insert(
                at.clone(),
                Item {
                    class: c.class.clone(),
                    source: c.source.clone(),
                    value: c
                        .properties
                        .get("Value")
                        .and_then(|v| v.as_str())
                        .map(str::to_string),
                    enabled: runs(&c.class),
                    mark: in_container.then(|| mark.to_string()),
                },
            );
        }
        rojo_items(c, &at, mark, out);
    }
}

/// The Rojo project of `project`'s export, as items.
fn exported_items(project: &Project) -> BTreeMap<String, Item> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("rojo");
    export::export_format(project, &out, Format::Rojo, WriteOptions::default()).unwrap();
    let tree = rojo::read_project(&out).unwrap();
    let mut items = BTreeMap::new();
    rojo_items(&tree, "", &project.name, &mut items);
    items
}

/// `got` equals `want`, told path by path.
fn assert_same(got: &BTreeMap<String, Item>, want: &BTreeMap<String, Item>, what: &str) {
    let missing: Vec<&String> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: missing {missing:?}, not expected {extra:?}"
    );
    for (path, item) in want {
        assert_eq!(&got[path], item, "{what}: {path}");
    }
}

/// Every instance of the emulated place outside the containers, by path.
fn place_items(server: &Server) -> BTreeMap<String, Item> {
    let list: Table = server
        .eval(
            r#"
            local out = {}
            local function walk(inst, path)
                for _, c in inst:GetChildren() do
                    local at = if path == "" then c.Name else path .. "/" .. c.Name
                    table.insert(out, {
                        path = at,
                        class = c.ClassName,
                        source = if c:IsA("LuaSourceContainer") then c.Source else nil,
                        value = if c:IsA("StringValue") then c.Value else nil,
                        enabled = if c:IsA("BaseScript") then c.Enabled and not c.Disabled else nil,
                        mark = c:GetAttribute("DataStoreDesigner"),
                    })
                    walk(c, at)
                end
            end
            walk(game, "")
            return out
            "#,
        )
        .unwrap();
    let mut out = BTreeMap::new();
    for entry in list.sequence_values::<Table>() {
        let entry = entry.unwrap();
        let class: String = entry.get("class").unwrap();
        if is_container(&class) {
            continue;
        }
        out.insert(
            entry.get("path").unwrap(),
            Item {
                class,
                source: entry.get("source").unwrap(),
                value: entry.get("value").unwrap(),
                enabled: entry.get("enabled").unwrap(),
                mark: entry.get("mark").unwrap(),
            },
        );
    }
    out
}

/// The designer's own scripts, already in the place before any install.
const USER_SCRIPT: &str = "-- my game loop\nprint(\"round started\")\n";
const USER_MODULE: &str = "-- my shop\nreturn { price = 5 }\n";

fn user_items() -> BTreeMap<String, Item> {
    let item = |class: &str, source: &str| Item {
        class: class.into(),
        source: Some(source.into()),
        value: None,
        enabled: runs(class),
        mark: None,
    };
    [
        (
            "ServerScriptService/GameLoop".to_string(),
            item("Script", USER_SCRIPT),
        ),
        (
            "ReplicatedStorage/Shop".to_string(),
            item("ModuleScript", USER_MODULE),
        ),
    ]
    .into()
}

/// A Studio session: a place holding the designer's own scripts, with the
/// project's plugin loaded.
fn studio_with_plugin(project: &Project) -> (World, usize) {
    let mut world = World::new(WorldConfig::default());
    let s = world
        .add_server(ServerConfig {
            is_studio: true,
            ..ServerConfig::default()
        })
        .unwrap();
    let server = world.server(s);
    server
        .add_instance(
            "ServerScriptService",
            "Script",
            "GameLoop",
            Some(USER_SCRIPT),
        )
        .unwrap();
    server
        .add_instance(
            "ReplicatedStorage",
            "ModuleScript",
            "Shop",
            Some(USER_MODULE),
        )
        .unwrap();
    assert_eq!(server.load_plugin(&plugin_bytes(project)).unwrap(), 1);
    assert!(server.errors().is_empty(), "{:?}", server.errors());
    (world, s)
}

fn button(project: &Project) -> String {
    format!("Install {}", project.name)
}

fn summary(server: &Server) -> String {
    let widgets = server.plugin_widgets().unwrap();
    assert_eq!(widgets.len(), 1, "one summary window: {widgets:?}");
    assert!(widgets[0].enabled, "the summary is shown");
    widgets[0].text.clone()
}

fn with_user(mut items: BTreeMap<String, Item>) -> BTreeMap<String, Item> {
    items.extend(user_items());
    items
}

/// The export's top-level instances (the ones an install marks), as the
/// summary lists them: "ServerScriptService > DataManager".
fn top_level(items: &BTreeMap<String, Item>) -> Vec<String> {
    let mut list: Vec<String> = items
        .iter()
        .filter(|(_, item)| item.mark.is_some())
        .map(|(path, _)| path.replace('/', " > "))
        .collect();
    list.sort();
    list
}

#[test]
fn an_install_puts_exactly_the_export_in_and_leaves_the_designers_scripts_alone() {
    for (name, project) in example_projects() {
        let (world, s) = studio_with_plugin(&project);
        let server = world.server(s);
        let before = place_items(server);
        assert_eq!(before, user_items(), "{name}: only the designer's scripts");

        assert!(server.click_plugin_button(&button(&project)).unwrap());
        assert!(server.errors().is_empty(), "{name}: {:?}", server.errors());
        let want = exported_items(&project);
        assert!(
            want.contains_key("ServerScriptService/DataManager/Config"),
            "{name}: {:?}",
            want.keys()
        );
        assert_same(
            &place_items(server),
            &with_user(want.clone()),
            &format!("{name}: the export in its services, the designer's scripts unchanged"),
        );

        let added = top_level(&want);
        let text = summary(server);
        assert!(
            text.starts_with(&format!(
                "Installed \"{}\": {} added, 0 replaced, 0 removed.",
                project.name,
                added.len()
            )),
            "{name}: {text}"
        );
        assert!(
            text.contains(&format!("Added: {}.", added.join(", "))),
            "{name}: {text}"
        );
        assert!(!text.contains("Not installed"), "{name}: {text}");
        assert!(text.contains("Ctrl+Z"), "{name}: {text}");
        let printed: Vec<String> = server.output().into_iter().map(|l| l.text).collect();
        assert!(
            printed
                .iter()
                .any(|l| l.starts_with("[DataStore Designer] Installed")),
            "{name}: the summary is printed too: {printed:?}"
        );

        // Installing the same export again replaces each marked instance.
        assert!(server.click_plugin_button(&button(&project)).unwrap());
        assert_same(&place_items(server), &with_user(want), name);
        assert!(
            summary(server).starts_with(&format!(
                "Installed \"{}\": 0 added, {} replaced, 0 removed.",
                project.name,
                added.len()
            )),
            "{name}: {}",
            summary(server)
        );
    }
}

fn starter() -> Project {
    file::parse_str(examples::text("starter").unwrap(), "starter").unwrap()
}

/// The starter with a field added and its last leaderboard removed.
fn changed(project: &Project) -> Project {
    let mut changed = project.clone();
    assert!(changed.schema.fields.iter().all(|f| f.name != "Trophies"));
    changed
        .schema
        .fields
        .push(Field::new("Trophies", FieldType::Integer));
    assert!(
        !changed.leaderboards.is_empty(),
        "the starter has leaderboards"
    );
    // Every board goes, so their scripts' folder does too.
    changed.leaderboards.clear();
    changed
}

#[test]
fn an_update_replaces_and_removes_only_what_an_install_marked_and_undo_takes_each_back() {
    let first = starter();
    let second = changed(&first);
    let (world, s) = studio_with_plugin(&first);
    world
        .server(s)
        .click_plugin_button(&button(&first))
        .unwrap();
    let installed = place_items(world.server(s));
    assert_same(
        &installed,
        &with_user(exported_items(&first)),
        "first install",
    );

    // A new version of the plugin replaces the old one, as Studio reloads it.
    let server = world.server(s);
    server.load_plugin(&plugin_bytes(&second)).unwrap();
    assert!(server.click_plugin_button(&button(&second)).unwrap());
    assert!(server.errors().is_empty(), "{:?}", server.errors());
    let want = exported_items(&second);
    assert_same(&place_items(server), &with_user(want.clone()), "update");

    let old_top = top_level(&exported_items(&first));
    let new_top = top_level(&want);
    let removed: Vec<&String> = old_top.iter().filter(|p| !new_top.contains(p)).collect();
    let replaced: Vec<&String> = old_top.iter().filter(|p| new_top.contains(p)).collect();
    assert!(
        !removed.is_empty(),
        "the leaderboard's script goes: {old_top:?}"
    );
    let widgets = server.plugin_widgets().unwrap();
    let text = &widgets.last().unwrap().text;
    assert!(
        text.starts_with(&format!(
            "Installed \"{}\": 0 added, {} replaced, {} removed.",
            second.name,
            replaced.len(),
            removed.len()
        )),
        "{text}"
    );
    let removed_list: Vec<&str> = removed.iter().map(|p| p.as_str()).collect();
    assert!(
        text.contains(&format!("Removed: {}.", removed_list.join(", "))),
        "{text}"
    );
    let config = "ServerScriptService/DataManager/Config";
    assert_ne!(
        installed[config].source,
        place_items(server)[config].source,
        "the new field is in the new Config"
    );

    // Ctrl+Z: back to the first install, then to the designer's scripts only.
    world.server(s).undo().unwrap();
    assert_same(&place_items(world.server(s)), &installed, "first undo");
    world.server(s).undo().unwrap();
    assert_same(&place_items(world.server(s)), &user_items(), "second undo");
    assert!(world.server(s).errors().is_empty());
}

#[test]
fn the_designers_instance_with_an_exported_name_is_kept_and_reported() {
    let project = starter();
    let want = exported_items(&project);
    let (world, s) = studio_with_plugin(&project);
    let server = world.server(s);
    let theirs = "-- the designer's own DataManagerStart\nprint(\"mine\")\n";
    server
        .add_instance(
            "ServerScriptService",
            "ModuleScript",
            "DataManagerStart",
            Some(theirs),
        )
        .unwrap();
    server.click_plugin_button(&button(&project)).unwrap();
    assert!(server.errors().is_empty(), "{:?}", server.errors());

    let mut expected = with_user(want);
    expected.insert(
        "ServerScriptService/DataManagerStart".into(),
        Item {
            class: "ModuleScript".into(),
            source: Some(theirs.into()),
            value: None,
            enabled: None,
            mark: None,
        },
    );
    assert_same(&place_items(server), &expected, "theirs is untouched");
    let text = summary(server);
    assert!(
        text.contains(
            "Not installed, because something of yours already has the name (rename or delete it, then install again): ServerScriptService > DataManagerStart."
        ),
        "{text}"
    );
    assert!(!text.contains("Added: ServerScriptService > DataManagerStart"));
}

#[test]
fn a_container_missing_from_the_place_is_reported_and_the_rest_installed() {
    let project = starter();
    let (world, s) = studio_with_plugin(&project);
    let server = world.server(s);
    server
        .eval::<()>("game:GetService('StarterPlayer').StarterPlayerScripts:Destroy()")
        .unwrap();
    server.click_plugin_button(&button(&project)).unwrap();
    assert!(server.errors().is_empty(), "{:?}", server.errors());
    let text = summary(server);
    assert!(
        text.contains(
            "Not in this place, so nothing was put there: StarterPlayer > StarterPlayerScripts."
        ),
        "{text}"
    );
    let want: BTreeMap<String, Item> = exported_items(&project)
        .into_iter()
        .filter(|(path, _)| !path.starts_with("StarterPlayer/"))
        .collect();
    assert_same(&place_items(server), &with_user(want), "the rest");
}

#[test]
fn export_format_plugin_without_out_needs_studios_folder() {
    if export::studio_plugins_folder().is_some() {
        // It would write into this computer's real Studio.
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("game.ron"),
        examples::text("starter").unwrap(),
    )
    .unwrap();
    let out = crate::cli::run(&["export", "game.ron", "--format", "plugin"], tmp.path());
    let stderr = crate::cli::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("plugins folder was not found"), "{stderr}");
    assert!(stderr.contains("--out DIR"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "nothing written");
}

#[test]
fn the_summary_reminds_of_studio_access_only_when_the_project_saves_in_studio() {
    let reminder = "Enable Studio Access to API Services";
    let mut project = starter();
    for (mode, reminded) in [
        (StudioMode::UseDataStores, true),
        (StudioMode::LoadOnly, true),
        (StudioMode::Offline, false),
    ] {
        project.save_policy.studio = mode;
        let (world, s) = studio_with_plugin(&project);
        world
            .server(s)
            .click_plugin_button(&button(&project))
            .unwrap();
        let text = summary(world.server(s));
        assert_eq!(text.contains(reminder), reminded, "{mode:?}: {text}");
        assert_eq!(
            text.contains("Game Settings > Security"),
            reminded,
            "{mode:?}"
        );
    }
}

fn children<'a>(dom: &'a WeakDom, instance: &Instance) -> Vec<&'a Instance> {
    instance
        .children()
        .iter()
        .map(|r| dom.get_by_ref(*r).unwrap())
        .collect()
}

/// An attribute's value; strings (which files hold as bytes) as String.
fn attribute(instance: &Instance, name: &str) -> Option<Variant> {
    match instance.properties.get(&ustr("Attributes")) {
        Some(Variant::Attributes(a)) => a.get(name).map(|v| match v {
            Variant::BinaryString(b) => {
                Variant::String(String::from_utf8(AsRef::<[u8]>::as_ref(b).to_vec()).unwrap())
            }
            other => other.clone(),
        }),
        _ => None,
    }
}

/// Two trees with the same names, classes and properties.
fn same_tree(a: &WeakDom, ai: &Instance, b: &WeakDom, bi: &Instance) {
    assert_eq!((&ai.name, ai.class), (&bi.name, bi.class));
    let db = model::database();
    for (key, value) in &bi.properties {
        match ai.properties.get(key) {
            Some(original) => assert_eq!(original, value, "{}.{key}", ai.name),
            // rbx_binary writes every property of a class: the others are defaults.
            None => assert_eq!(
                db.find_default_property(db.classes.get(ai.class.as_str()).unwrap(), key.as_str()),
                Some(value),
                "{}.{key}",
                ai.name
            ),
        }
    }
    assert!(
        ai.properties.keys().all(|k| bi.properties.contains_key(k)),
        "{}",
        ai.name
    );
    let (ac, bc) = (children(a, ai), children(b, bi));
    assert_eq!(ac.len(), bc.len(), "{}", ai.name);
    for (x, y) in ac.into_iter().zip(bc) {
        same_tree(a, x, b, y);
    }
}

#[test]
fn the_plugin_model_is_real_roblox_and_survives_both_formats() {
    let db = model::database();
    for (name, project) in example_projects() {
        let bytes = plugin_bytes(&project);
        let dom = rbx_xml::from_reader_default(bytes.as_slice()).expect("rbx_xml reads it");
        let top = children(&dom, dom.root());
        assert_eq!(top.len(), 1, "{name}: one plugin Script");
        let plugin = top[0];
        assert_eq!(
            (plugin.name.as_str(), plugin.class.as_str()),
            (PLUGIN_SCRIPT, "Script")
        );
        assert_eq!(
            plugin.properties.get(&ustr("Source")),
            Some(&Variant::String(PLUGIN_SOURCE.into()))
        );
        assert_eq!(
            attribute(plugin, "Project"),
            Some(Variant::String(project.name.clone()))
        );

        // Every container, each saying where it goes; every script in it is
        // disabled, so Studio runs only the plugin itself.
        let install = children(&dom, plugin)
            .into_iter()
            .find(|c| c.name == PLUGIN_INSTALL_FOLDER)
            .unwrap();
        let paths: Vec<Option<Variant>> = children(&dom, install)
            .into_iter()
            .map(|f| attribute(f, INSTALL_PATH_ATTRIBUTE))
            .collect();
        assert_eq!(
            paths,
            [
                "ServerScriptService",
                "ReplicatedStorage",
                "StarterPlayer/StarterPlayerScripts"
            ]
            .map(|p| Some(Variant::String(p.into())))
        );
        let mut stack = vec![install.referent()];
        let mut scripts = 0;
        while let Some(r) = stack.pop() {
            let i = dom.get_by_ref(r).unwrap();
            stack.extend(i.children());
            if ["Script", "LocalScript"].contains(&i.class.as_str()) {
                scripts += 1;
                let disabled = i.properties.get(&ustr("Disabled")) == Some(&Variant::Bool(true))
                    || i.properties.get(&ustr("Enabled")) == Some(&Variant::Bool(false));
                assert!(disabled, "{name}: {} is disabled in the plugin", i.name);
            }
            assert_eq!(
                attribute(i, INSTALLED_MARK),
                None,
                "marked only when installed"
            );
        }
        assert!(scripts >= 2, "{name}: {scripts} scripts");

        // Every class and property is one Roblox knows and saves.
        let mut stack = vec![plugin.referent()];
        while let Some(r) = stack.pop() {
            let i = dom.get_by_ref(r).unwrap();
            stack.extend(i.children());
            let class = i.class.as_str();
            assert!(db.classes.contains_key(class), "{name}: {class}");
            for property in i.properties.keys() {
                let found = model::property_descriptor(class, property.as_str())
                    .unwrap_or_else(|| panic!("{name}: {class}.{property} is not Roblox's"));
                assert!(model::serializes(found), "{name}: {class}.{property}");
            }
        }

        // rbx_binary writes and reads back the same tree.
        let mut binary = Vec::new();
        rbx_binary::to_writer(&mut binary, &dom, &[plugin.referent()]).unwrap();
        let again = rbx_binary::from_reader(binary.as_slice()).expect("rbx_binary reads it");
        same_tree(&dom, plugin, &again, children(&again, again.root())[0]);
    }
}

#[test]
fn the_plugins_luau_is_strict_and_stylua_formatted() {
    assert!(PLUGIN_SOURCE.starts_with("--!strict\n"));
    assert_eq!(format_luau(PLUGIN_SOURCE).unwrap(), PLUGIN_SOURCE);
}

#[test]
fn plugin_file_names_are_the_project_name_made_safe() {
    assert_eq!(
        model::plugin_file_name("Starter"),
        "Starter_DataStoreDesigner.rbxmx"
    );
    assert_eq!(
        model::plugin_file_name("Tycoon: v2/3?"),
        "Tycoon_ v2_3__DataStoreDesigner.rbxmx"
    );
}

#[test]
fn export_format_plugin_writes_one_file_and_leaves_the_folders_other_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("game.ron"), examples::text("starter").unwrap()).unwrap();
    std::fs::create_dir(dir.join("Plugins")).unwrap();
    std::fs::write(dir.join("Plugins/Other.rbxmx"), "someone else's plugin").unwrap();
    for _ in 0..2 {
        let stdout = crate::cli::run_ok(
            &[
                "export", "game.ron", "--format", "plugin", "--out", "Plugins",
            ],
            dir,
        );
        assert!(
            stdout.contains("Starter_DataStoreDesigner.rbxmx"),
            "{stdout}"
        );
        assert!(stdout.contains("Install Starter"), "{stdout}");
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.join("Plugins"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["Other.rbxmx", "Starter_DataStoreDesigner.rbxmx"]);
    assert_eq!(
        std::fs::read(dir.join("Plugins/Other.rbxmx")).unwrap(),
        b"someone else's plugin"
    );
    let project = starter();
    assert_eq!(
        std::fs::read(dir.join("Plugins/Starter_DataStoreDesigner.rbxmx")).unwrap(),
        plugin_bytes(&project)
    );
}

#[test]
fn the_plugins_luau_passes_strict_type_checking() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("src/DataStoreDesignerPlugin.server.luau"),
        PLUGIN_SOURCE,
    )
    .unwrap();
    std::fs::write(
        dir.join("default.project.json"),
        r#"{"name": "Plugin", "tree": {"$className": "DataModel",
            "ServerScriptService": {"$className": "ServerScriptService",
                "DataStoreDesignerPlugin": {"$path": "src/DataStoreDesignerPlugin.server.luau"}}}}"#,
    )
    .unwrap();
    // Studio gives plugin scripts, and only them, the global `plugin`.
    let tree = rojo::read_project(dir).unwrap();
    let mut tree = datastore_designer::typecheck::modules::from_rojo(&tree);
    assert_eq!(tree.modules.len(), 1);
    tree.modules[0]
        .environment
        .push_str("\ndeclare plugin: Plugin\n");
    let report = datastore_designer::typecheck::check_tree(&tree).unwrap();
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_emulators_change_history_cancels_and_undoes_whole_recordings() {
    let mut world = World::new(WorldConfig::default());
    let s = world.add_server(ServerConfig::default()).unwrap();
    let ok: (bool, bool, bool, bool, bool) = world
        .server(s)
        .eval(
            r#"
            local CHS = game:GetService("ChangeHistoryService")
            local keep = Instance.new("Folder")
            keep.Name = "Keep"
            keep.Parent = workspace
            -- One recording at a time.
            local id = CHS:TryBeginRecording("Try")
            local second = CHS:TryBeginRecording("Other") == nil
            local temp = Instance.new("Folder")
            temp.Name = "Temp"
            temp.Parent = workspace
            keep:Destroy()
            CHS:FinishRecording(id, Enum.FinishRecordingOperation.Cancel)
            local cancelled = workspace:FindFirstChild("Temp") == nil and workspace:FindFirstChild("Keep") == keep
            -- A committed recording is one undo step; what it destroyed comes back usable.
            id = CHS:TryBeginRecording("Move")
            keep:Destroy()
            CHS:FinishRecording(id, Enum.FinishRecordingOperation.Commit)
            CHS:Undo()
            local undone = workspace:FindFirstChild("Keep") == keep
            keep.Parent = game:GetService("ReplicatedStorage")
            local usable = keep.Parent == game:GetService("ReplicatedStorage")
            -- Disabled is the old name of not Enabled.
            local script = Instance.new("Script")
            script.Disabled = true
            local linked = script.Enabled == false
            script.Enabled = true
            linked = linked and script.Disabled == false
            return second, cancelled, undone, usable, linked
            "#,
        )
        .unwrap();
    assert_eq!(ok, (true, true, true, true, true));
}
