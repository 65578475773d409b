//! The export pipeline: what it writes, and that it never destroys anything.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use datastore_designer::export::{self, ExportError};
use datastore_designer::luau::format::{format_luau, parse_luau};
use datastore_designer::project::{Project, examples, file};
use datastore_designer::studio::writer::{MANIFEST, WriteError, WriteOptions};
use datastore_designer::typecheck;

fn starter() -> Project {
    file::parse_str(examples::text("starter").unwrap(), "starter").unwrap()
}

/// Every file below `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn writes_a_rojo_project() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("game");
    let report = export::export(&starter(), &out, WriteOptions::default()).unwrap();
    let files = snapshot(&out);
    for path in [
        "default.project.json",
        "README.md",
        MANIFEST,
        "src/ServerScriptService/DataManager/Config.luau",
        "src/ServerScriptService/DataManager/Types.luau",
    ] {
        assert!(
            files.contains_key(path),
            "missing {path}; have {:?}",
            files.keys()
        );
    }
    assert_eq!(
        report.manifest.files.len() + 1,
        files.len(),
        "manifest lists every file but itself"
    );
    let json: serde_json::Value = serde_json::from_slice(&files["default.project.json"]).unwrap();
    assert_eq!(json["tree"]["$className"], "DataModel");
    assert_eq!(
        json["tree"]["ServerScriptService"]["DataManager"]["$path"],
        "src/ServerScriptService/DataManager"
    );
    // Only the export itself is left in the parent folder: no staging leftovers.
    assert_eq!(names_in(tmp.path()), vec!["game".to_string()]);
}

#[test]
fn every_exported_luau_file_of_every_example_parses_and_is_stylua_formatted() {
    for (name, _, text) in examples::EXAMPLES {
        let project = file::parse_str(text, name).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join(name);
        export::export(&project, &out, WriteOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let luau: Vec<_> = snapshot(&out)
            .into_iter()
            .filter(|(path, _)| path.ends_with(".luau"))
            .collect();
        assert!(!luau.is_empty(), "{name} exported no Luau");
        for (path, bytes) in luau {
            let code = String::from_utf8(bytes).unwrap();
            parse_luau(&code).unwrap_or_else(|e| panic!("{name}/{path} does not parse: {e}"));
            let formatted = format_luau(&code).unwrap();
            assert!(
                formatted == code,
                "{name}/{path} is not as StyLua formats it"
            );
        }
    }
}

#[test]
fn exporting_twice_replaces_the_earlier_export() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("game");
    let mut project = starter();
    export::export(&project, &out, WriteOptions::default()).unwrap();
    project.save_policy.auto_save_seconds = 240;
    export::export(&project, &out, WriteOptions::default()).unwrap();
    let config =
        fs::read_to_string(out.join("src/ServerScriptService/DataManager/Config.luau")).unwrap();
    assert!(
        config.contains("240"),
        "the second export's settings are in place"
    );
    assert_eq!(names_in(tmp.path()), vec!["game".to_string()]);
}

#[test]
fn a_failure_part_way_leaves_the_previous_export_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("game");
    let mut project = starter();
    export::export(&project, &out, WriteOptions::default()).unwrap();
    let before = snapshot(&out);

    project.save_policy.auto_save_seconds = 240;
    for fail_at in 0..3 {
        let mut written = 0;
        let mut hook = |_: &Path| {
            if written == fail_at {
                return Err(io::Error::other("disk full (injected)"));
            }
            written += 1;
            Ok(())
        };
        let options = WriteOptions {
            force: false,
            before_each_file: Some(&mut hook),
        };
        let err = export::export(&project, &out, options).unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
        assert_eq!(
            snapshot(&out),
            before,
            "previous export changed after failing at file {fail_at}"
        );
        assert_eq!(
            names_in(tmp.path()),
            vec!["game".to_string()],
            "staging folder left behind"
        );
    }
}

#[test]
fn a_failed_first_export_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("game");
    let mut hook = |_: &Path| Err(io::Error::other("injected"));
    let options = WriteOptions {
        force: false,
        before_each_file: Some(&mut hook),
    };
    assert!(export::export(&starter(), &out, options).is_err());
    assert!(names_in(tmp.path()).is_empty());
}

#[test]
fn never_overwrites_a_folder_it_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("my-stuff");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "my notes").unwrap();
    let err = export::export(&starter(), &out, WriteOptions::default()).unwrap_err();
    assert!(
        matches!(err, ExportError::Write(WriteError::ForeignFolder { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("notes.txt"), "{err}");
    // Not even with --force.
    let forced = WriteOptions {
        force: true,
        ..WriteOptions::default()
    };
    assert!(export::export(&starter(), &out, forced).is_err());
    assert_eq!(names_in(&out), vec!["notes.txt".to_string()]);
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn a_forged_or_broken_manifest_does_not_make_a_folder_ours() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("game");
    fs::create_dir(&out).unwrap();
    fs::write(out.join(MANIFEST), "{ not json").unwrap();
    fs::write(out.join("keep.txt"), "x").unwrap();
    let err = export::export(&starter(), &out, WriteOptions::default()).unwrap_err();
    assert!(
        matches!(err, ExportError::Write(WriteError::ForeignFolder { .. })),
        "{err}"
    );
    assert!(out.join("keep.txt").exists());
}

#[test]
fn refuses_to_replace_files_changed_by_hand_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("game");
    export::export(&starter(), &out, WriteOptions::default()).unwrap();
    let config = out.join("src/ServerScriptService/DataManager/Config.luau");
    fs::write(&config, "-- my edit\n").unwrap();
    fs::write(
        out.join("src/ServerScriptService/Extra.server.luau"),
        "print('mine')\n",
    )
    .unwrap();

    let err = export::export(&starter(), &out, WriteOptions::default()).unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(
            err,
            ExportError::Write(WriteError::ChangedSinceExport { .. })
        ),
        "{text}"
    );
    assert!(
        text.contains("Config.luau (changed)") && text.contains("Extra.server.luau (added)"),
        "{text}"
    );
    assert_eq!(fs::read_to_string(&config).unwrap(), "-- my edit\n");

    let forced = WriteOptions {
        force: true,
        ..WriteOptions::default()
    };
    export::export(&starter(), &out, forced).unwrap();
    assert!(
        fs::read_to_string(&config)
            .unwrap()
            .contains("Generated by DataStore Designer")
    );
}

#[test]
fn exports_into_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("empty");
    fs::create_dir(&out).unwrap();
    export::export(&starter(), &out, WriteOptions::default()).unwrap();
    assert!(out.join("default.project.json").is_file());
}

#[test]
fn a_file_in_the_way_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("game");
    fs::write(&out, "not a folder").unwrap();
    let err = export::export(&starter(), &out, WriteOptions::default()).unwrap_err();
    assert!(
        matches!(err, ExportError::Write(WriteError::NotAFolder { .. })),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), "not a folder");

    // A folder that cannot be created, because a file sits where its parent should be.
    let below_file = out.join("inside");
    let err = export::export(&starter(), &below_file, WriteOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("could not write the export"),
        "{err}"
    );

    // The plugin goes into a folder too, and says so the same way.
    let err = export::export_format(
        &starter(),
        &out,
        export::Format::Plugin,
        WriteOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, ExportError::Write(WriteError::NotAFolder { .. })),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), "not a folder");
}

#[test]
fn a_project_with_errors_is_not_exported() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("game");
    let mut project = starter();
    project.schema.fields.clear();
    let err = export::export(&project, &out, WriteOptions::default()).unwrap_err();
    let ExportError::ProjectHasErrors(diagnostics) = err else {
        panic!("expected project errors, got {err}");
    };
    assert!(diagnostics.iter().any(|d| d.is_error()));
    assert!(!out.exists());
}

/// The export of `project` in a temporary folder.
fn exported(project: &Project) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    export::export(project, &tmp.path().join("game"), WriteOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", project.name));
    tmp
}

fn type_problems(folder: &Path) -> Vec<String> {
    let report = typecheck::check_folder(folder).unwrap_or_else(|e| panic!("{e}"));
    report.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn every_exported_script_of_every_example_passes_luau_strict_type_checking() {
    let mut failures = Vec::new();
    for (name, _, text) in examples::EXAMPLES {
        let project = file::parse_str(text, name).unwrap();
        let tmp = exported(&project);
        let folder = tmp.path().join("game");
        let readme = fs::read_to_string(folder.join("README.md")).unwrap();
        assert!(
            readme.contains("starts with `--!strict`")
                && readme.contains("\"luau-lsp.sourcemap.enabled\": true"),
            "{name}: the README does not say the scripts are strict-clean"
        );
        let report = typecheck::check_folder(&folder).unwrap_or_else(|e| panic!("{name}: {e}"));
        let scripts = snapshot(&folder)
            .keys()
            .filter(|p| p.ends_with(".luau"))
            .count();
        assert_eq!(report.scripts, scripts, "{name}: a script was not checked");
        eprintln!(
            "{name}: {} scripts type-checked in {:.2} s",
            report.scripts,
            report.took.as_secs_f64()
        );
        // Warnings count too: one that must stay is silenced in its script
        // with `--!nolint Name` and a comment saying why.
        for problem in &report.problems {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_type_error_in_an_exported_script_fails_the_type_check() {
    let tmp = exported(&starter());
    let folder = tmp.path().join("game");
    assert_eq!(type_problems(&folder), Vec::<String>::new());

    let config = folder.join("src/ServerScriptService/DataManager/Config.luau");
    let text = fs::read_to_string(&config).unwrap();
    let broken = text.replace(
        "Config.schemaVersion = 2",
        "Config.schemaVersion = (2 :: number) :: string",
    );
    assert_ne!(broken, text, "the line to break is gone");
    let line = broken
        .lines()
        .position(|l| l.starts_with("Config.schemaVersion"))
        .unwrap()
        + 1;
    fs::write(&config, broken).unwrap();
    let problems = type_problems(&folder);
    assert!(
        problems.iter().any(|p| p
            .starts_with(&format!("ServerScriptService.DataManager.Config:{line}:"))
            && p.contains("error")),
        "{problems:#?}"
    );

    // A script without --!strict is reported even when it has no error.
    fs::write(&config, text.replacen("--!strict\n", "", 1)).unwrap();
    let problems = type_problems(&folder);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("ServerScriptService.DataManager.Config:1:1: error (NotStrict,")),
        "{problems:#?}"
    );
}

#[test]
fn player_data_type_follows_a_renamed_field() {
    // A scripter's module beside DataManager's that reads a field by name.
    let reads_gems = "--!strict\nlocal Types = require(script.Parent.Types)\n\
                      return function(data: Types.PlayerData): number\n\treturn data.Gems\nend\n";
    let mut project = starter();
    let tmp = exported(&project);
    let folder = tmp.path().join("game");
    let dm = folder.join("src/ServerScriptService/DataManager");
    let types = fs::read_to_string(dm.join("Types.luau")).unwrap();
    assert!(types.contains("\tGems: number,"), "{types}");
    fs::write(dm.join("ReadsGems.luau"), reads_gems).unwrap();
    assert_eq!(type_problems(&folder), Vec::<String>::new());

    let field = project
        .schema
        .fields
        .iter_mut()
        .find(|f| f.name == "Gems")
        .unwrap();
    field.name = "Diamonds".into();
    // The Gems100 product follows, as it does when renamed in the app.
    project.products[0].grants = vec![datastore_designer::project::Grant::Add {
        field: "Diamonds".into(),
        amount: 100.0,
    }];
    let tmp = exported(&project);
    let folder = tmp.path().join("game");
    let dm = folder.join("src/ServerScriptService/DataManager");
    let types = fs::read_to_string(dm.join("Types.luau")).unwrap();
    assert!(types.contains("\tDiamonds: number,"), "{types}");
    assert!(!types.contains("Gems:"), "{types}");
    fs::write(dm.join("ReadsGems.luau"), reads_gems).unwrap();
    let problems = type_problems(&folder);
    assert!(
        problems.iter().any(
            |p| p.starts_with("ServerScriptService.DataManager.ReadsGems:4:") && p.contains("Gems")
        ),
        "{problems:#?}"
    );
}

#[test]
fn client_code_with_the_polished_gui_classes_passes_luau_strict_type_checking() {
    use datastore_designer::project::gui::{ColorKey, GuiNode, NumberKey, PropValue};
    let mut project = starter();
    let board = &mut project.leaderboards[0];
    let shine = GuiNode::new("UIGradient", "Shine")
        .with(
            "Color",
            PropValue::ColorSequence(vec![
                ColorKey(0.0, (255, 220, 120)),
                ColorKey(1.0, (120, 160, 255)),
            ]),
        )
        .with(
            "Transparency",
            PropValue::NumberSequence(vec![NumberKey(0.0, 0.0), NumberKey(1.0, 0.5)]),
        );
    board.row_template.children.push(shine.clone());
    board.gui.children[0].children.push(shine);
    board.gui.children[0]
        .children
        .push(GuiNode::new("UIScale", "Scale").with("Scale", PropValue::Float(0.9)));
    board.gui.children.push(
        GuiNode::new("CanvasGroup", "Tabs")
            .with("GroupTransparency", PropValue::Float(0.1))
            .child(GuiNode::new("UIListLayout", "Row").with(
                "HorizontalFlex",
                PropValue::enum_item("UIFlexAlignment", "Fill"),
            ))
            .child(GuiNode::new("ImageButton", "AllTime").child(GuiNode::new("UIFlexItem", "Flex")))
            .child(
                GuiNode::new("Frame", "Pages")
                    .child(GuiNode::new("UIPageLayout", "Paging"))
                    .child(GuiNode::new("Frame", "Page")),
            ),
    );
    let tmp = exported(&project);
    let problems = type_problems(&tmp.path().join("game"));
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The client code of every look of the gallery passes Luau's strict type
/// checker: one project holds a board per look, alternately copies of the
/// starter's all-time board and its weekly board (tabs' room, countdown,
/// own row).
#[test]
fn every_look_exports_and_passes_luau_strict_type_checking() {
    let mut project = starter();
    let templates = project.leaderboards.clone();
    for (i, look) in datastore_designer::project::looks::all().iter().enumerate() {
        let mut board = templates[i % templates.len()].clone();
        board.name = format!("Look{i}");
        board.ordered_datastore = format!("{}_{i}", board.ordered_datastore);
        look.apply_to(&mut board);
        project.leaderboards.push(board);
    }
    let tmp = exported(&project);
    let problems = type_problems(&tmp.path().join("game"));
    assert!(problems.is_empty(), "{problems:#?}");
}
