//! Loading and saving project files: strict, precise, atomic.

use std::fs;

use datastore_designer::project::file::{self, LoadError};
use datastore_designer::project::schema::{Field, FieldType, Value};
use datastore_designer::project::{FORMAT_VERSION, Project};

fn small_project() -> Project {
    let mut project = Project::new("Small");
    project
        .schema
        .fields
        .push(Field::new("Coins", FieldType::Integer).with_default(Value::Integer(5)));
    project
}

#[test]
fn save_load_save_is_byte_identical() {
    let project = small_project();
    let text = file::to_ron_string(&project);
    let loaded = file::parse_str(&text, "t").unwrap();
    assert_eq!(loaded, project);
    assert_eq!(file::to_ron_string(&loaded), text);
}

#[test]
fn unknown_fields_are_errors_that_name_them() {
    let text = file::to_ron_string(&small_project()).replacen(
        "name: \"Small\"",
        "name: \"Small\",\n    colour: 3",
        1,
    );
    let err = file::parse_str(&text, "game.ron").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("colour"), "{message}");
    assert!(message.starts_with("game.ron:"), "{message}");
    assert!(
        matches!(
            err,
            LoadError::Syntax {
                line: 4,
                column: 5,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn malformed_text_reports_line_and_column() {
    let text = "(\n    format_version: 1,\n    name: \"x\"\n    schema: (),\n)";
    let err = file::parse_str(text, "game.ron").unwrap_err();
    let LoadError::Syntax {
        line,
        column,
        message,
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(*line, 4, "{err}");
    assert!(*column >= 1);
    assert!(!message.is_empty());

    let err = file::parse_str("(format_version: 1, name: \"x\"", "game.ron").unwrap_err();
    assert!(err.to_string().contains("game.ron:1:"), "{err}");
}

#[test]
fn missing_settings_are_named() {
    let err = file::parse_str("(format_version: 1, name: \"x\")", "game.ron").unwrap_err();
    assert!(err.to_string().contains("schema"), "{err}");
}

#[test]
fn a_newer_file_is_refused_naming_both_versions() {
    let newer = FORMAT_VERSION + 1;
    let text = format!("(format_version: {newer}, name: \"x\", something_new: [1, 2])");
    let err = file::parse_str(&text, "game.ron").unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, LoadError::TooNew { .. }));
    assert!(
        message.contains(&format!("file format {newer}")),
        "{message}"
    );
    assert!(
        message.contains(&format!("file format {FORMAT_VERSION}")),
        "{message}"
    );
}

#[test]
fn version_zero_is_not_a_format() {
    let err = file::parse_str("(format_version: 0)", "game.ron").unwrap_err();
    assert!(
        matches!(err, LoadError::UnknownVersion { found: 0, .. }),
        "{err:?}"
    );
}

#[test]
fn saving_is_atomic_and_keeps_a_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("game.ron");
    let mut project = small_project();
    file::save(&project, &path).unwrap();
    let first = fs::read_to_string(&path).unwrap();
    assert!(
        !tmp.path().join("game.ron.bak").exists(),
        "nothing to back up the first time"
    );

    project.name = "Renamed".into();
    file::save(&project, &path).unwrap();
    assert_eq!(
        fs::read_to_string(tmp.path().join("game.ron.bak")).unwrap(),
        first
    );
    assert_eq!(file::load(&path).unwrap(), project);

    let mut names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["game.ron", "game.ron.bak"],
        "no temporary files left"
    );
}

#[test]
fn saving_over_a_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let err = file::save(&small_project(), tmp.path()).unwrap_err();
    assert!(err.to_string().contains("is a folder"), "{err}");
}

#[test]
fn saving_where_no_folder_can_be_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("file");
    fs::write(&blocker, "x").unwrap();
    let err = file::save(&small_project(), &blocker.join("game.ron")).unwrap_err();
    assert!(err.to_string().starts_with("could not save"), "{err}");
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "x");
}

#[test]
fn awkward_texts_survive_a_round_trip() {
    for text in [
        "couldn't",
        "say \"hi\"",
        "back\\slash",
        "\"#",
        "line\nbreak",
        "tab\there",
        "nul\0byte",
        "❤️ emoji 🏆",
        "\u{7f}\u{1b}[31m",
        "r#\"raw\"#",
    ] {
        let mut project = small_project();
        project.name = text.to_string();
        project.schema.fields[0].description = text.to_string();
        let saved = file::to_ron_string(&project);
        let loaded =
            file::parse_str(&saved, "t").unwrap_or_else(|e| panic!("{text:?}: {e}\n{saved}"));
        assert_eq!(loaded, project, "{text:?}");
        assert_eq!(file::to_ron_string(&loaded), saved);
    }
}

#[test]
fn a_file_that_is_not_a_project_says_so_without_the_loaders_type_names() {
    for text in [
        "ProjectFile(garbage",
        "(name: \"x\")",
        "Save(format_version: 1)",
    ] {
        let err = file::parse_str(text, "game.ron").unwrap_err().to_string();
        assert!(
            err.contains("is this a DataStore Designer project?"),
            "{text}: {err}"
        );
        assert!(!err.contains("VersionOnly"), "{text}: {err}");
    }
}

#[test]
fn files_from_before_the_load_window_and_data_status_screen_load_with_their_defaults() {
    let project = small_project();
    let text = file::to_ron_string(&project);
    // A file as earlier versions wrote it: none of the new settings.
    let old: String = text
        .lines()
        .filter(|l| {
            !["load_window_seconds:", "loading:", "read_only_notice:"]
                .iter()
                .any(|k| l.trim_start().starts_with(k))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(old, text, "the new settings are written");
    assert!(
        !text.contains("data_status"),
        "the default design is left out"
    );
    let loaded = file::parse_str(&old, "old.ron").unwrap();
    assert_eq!(loaded, project);
    assert_eq!(loaded.save_policy.load_window_seconds, 60);
    assert!(loaded.data_status.is_default());
}

#[test]
fn a_changed_data_status_screen_is_saved_and_loaded_back() {
    use datastore_designer::project::gui::PropValue;
    let mut project = small_project();
    project.data_status.gui.children[0]
        .properties
        .insert("BackgroundTransparency".into(), PropValue::Float(0.5));
    let text = file::to_ron_string(&project);
    assert!(text.contains("data_status"));
    let loaded = file::parse_str(&text, "t").unwrap();
    assert_eq!(loaded, project);
    assert_eq!(file::to_ron_string(&loaded), text);
}

#[test]
fn gradients_and_boards_on_parts_survive_saving_and_loading() {
    use datastore_designer::project::gui::{ColorKey, GuiNode, NumberKey, PropValue};
    use datastore_designer::project::{Display, examples};
    let mut project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
    let board = &mut project.leaderboards[0];
    board.gui.children[0].children.push(
        GuiNode::new("UIGradient", "Shine")
            .with(
                "Color",
                PropValue::ColorSequence(vec![
                    ColorKey(0.0, (255, 0, 0)),
                    ColorKey(0.25, (1, 2, 3)),
                    ColorKey(1.0, (0, 0, 255)),
                ]),
            )
            .with(
                "Transparency",
                PropValue::NumberSequence(vec![NumberKey(0.0, 0.5), NumberKey(1.0, 1.0)]),
            ),
    );
    board.display = Display::Surface {
        part: "Board".into(),
        part_size: [12.5, 8.0, 0.5],
    };
    let text = file::to_ron_string(&project);
    assert!(
        text.contains("ColorSequence([") && text.contains("part_size: (12.5, 8.0, 0.5)"),
        "{text}"
    );
    let back = file::parse_str(&text, "saved").unwrap();
    assert_eq!(back, project);
    // A board on a part saved before parts had a size loads with the
    // default 8x6x1 part.
    let old = text.replace("part_size: (12.5, 8.0, 0.5),", "");
    let back = file::parse_str(&old, "old").unwrap();
    assert_eq!(back.leaderboards[0].display, Display::surface("Board"));
}
