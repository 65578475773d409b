//! Every diagnostic code: a project that has the problem (the code appears
//! with its severity at its path) and the same project fixed (the code is
//! gone). Each starts from a small valid project.

use std::collections::{BTreeMap, BTreeSet};

use datastore_designer::project::classes::DEFAULT_FONT_FAMILY;
use datastore_designer::project::gui::{ColorKey, FontWeight};
use datastore_designer::project::leaderboard::Highlight;
use datastore_designer::project::save_policy::{LoadFailure, StudioMode};
use datastore_designer::project::validate::{self, CODES, MAX_VALUE_CHARS};
use datastore_designer::project::{
    Change, Conversion, Diagnostic, Display, Field, FieldType, Gift, Grant, GuiNode, Leaderboard,
    NumberFormat, Product, Project, PropValue, PublishedSchema, RankOrder, Severity, Value,
};
use datastore_designer::project::{NumberKind, Period, Ranking, Tabs, YouRow};

// ---------------------------------------------------------------------------
// The valid base project and helpers to change it.

fn int(name: &str) -> Field {
    Field::new(name, FieldType::Integer)
}

fn list(item: FieldType) -> FieldType {
    FieldType::List(Box::new(item))
}

fn text(value: &str) -> PropValue {
    PropValue::String(value.to_string())
}

fn label(name: &str, value: &str) -> GuiNode {
    GuiNode::new("TextLabel", name)
        .with("Text", text(value))
        .with("TextSize", PropValue::Float(18.0))
        .with("BackgroundTransparency", PropValue::Float(1.0))
}

fn base_fields() -> Vec<Field> {
    let mut coins = int("Coins").with_default(Value::Integer(0));
    coins.min = Some(0.0);
    coins.leaderstat = true;
    let mut level = int("Level").with_default(Value::Integer(1));
    level.min = Some(1.0);
    level.max = Some(100.0);
    let mut title =
        Field::new("Title", FieldType::String).with_default(Value::String("Newbie".into()));
    title.max_length = Some(20);
    let mut inventory = Field::new("Inventory", list(FieldType::String));
    inventory.max_items = Some(50);
    inventory.max_length = Some(30);
    let mut best = Field::new("BestTime", FieldType::Number);
    best.min = Some(0.0);
    let stats = Field::new("Stats", FieldType::Record(vec![int("Wins"), best]));
    vec![coins, level, title, inventory, stats]
}

fn base_gui() -> GuiNode {
    GuiNode::new("ScreenGui", "TopCoinsGui")
        .with("ResetOnSpawn", PropValue::Bool(false))
        .with(
            "ZIndexBehavior",
            PropValue::enum_item("ZIndexBehavior", "Sibling"),
        )
        .child(
            GuiNode::new("Frame", "Panel")
                .with("AnchorPoint", PropValue::Vector2(1.0, 0.0))
                .with("Position", PropValue::udim2(1.0, -10, 0.0, 10))
                .with("Size", PropValue::udim2(0.0, 260, 0.5, 0))
                .with("BackgroundColor3", PropValue::Color3(20, 20, 30))
                .with("BackgroundTransparency", PropValue::Float(0.2))
                .child(GuiNode::new("UICorner", "Corner"))
                .child(
                    GuiNode::new("UISizeConstraint", "Limit")
                        .with("MaxSize", PropValue::Vector2(f32::INFINITY, f32::INFINITY)),
                )
                .child(
                    label("Title", "Top Coins")
                        .with("TextSize", PropValue::Float(24.0))
                        .with(
                            "FontFace",
                            PropValue::font(DEFAULT_FONT_FAMILY, FontWeight::Bold),
                        )
                        .with(
                            "TextXAlignment",
                            PropValue::enum_item("TextXAlignment", "Center"),
                        ),
                )
                .child(
                    GuiNode::new("ScrollingFrame", "List")
                        .with("Position", PropValue::udim2(0.0, 0, 0.0, 40))
                        .with("Size", PropValue::udim2(1.0, 0, 1.0, -40))
                        .with(
                            "AutomaticCanvasSize",
                            PropValue::enum_item("AutomaticSize", "Y"),
                        )
                        .child(GuiNode::new("UIListLayout", "Layout").with(
                            "SortOrder",
                            PropValue::enum_item("SortOrder", "LayoutOrder"),
                        )),
                ),
        )
}

fn base_row() -> GuiNode {
    GuiNode::new("Frame", "Row")
        .with("Size", PropValue::udim2(1.0, 0, 0.0, 40))
        .with("BackgroundTransparency", PropValue::Float(0.5))
        .child(label("Rank", "#{rank}"))
        .child(
            GuiNode::new("ImageLabel", "Avatar")
                .with("Image", PropValue::Content("{avatar}".into()))
                .with("Size", PropValue::udim2(0.0, 40, 0.0, 40)),
        )
        .child(label("Name", "{name}"))
        .child(label("Value", "{value}"))
}

fn base_board() -> Leaderboard {
    Leaderboard {
        name: "TopCoins".into(),
        stat: "Coins".into(),
        ordered_datastore: "TopCoins_v1".into(),
        top: 10,
        order: RankOrder::Descending,
        update_seconds: 120,
        display: Display::Screen,
        number_format: NumberFormat::Abbreviated,
        gui: base_gui(),
        rows_in: "Panel/List".into(),
        row_template: base_row(),
        highlight: Highlight::default(),
        empty_text: "No scores yet".into(),
        periods: vec![datastore_designer::project::Period::AllTime],
        week_starts: Default::default(),
        ranks: Default::default(),
        number_kind: Default::default(),
        you_row: None,
        tabs: None,
    }
}

/// A small valid project: five fields (one a record), the default save
/// policy and a Coins leaderboard on screen.
/// Tabs going into `goes_in`: a TextButton showing {period}.
fn tabs(goes_in: &str) -> Tabs {
    Tabs {
        goes_in: goes_in.into(),
        template: GuiNode::new("TextButton", "Tab")
            .with("Text", PropValue::String("{period}".into()))
            .with("Size", PropValue::udim2(0.0, 90, 0.0, 24)),
    }
}

fn base() -> Project {
    let mut project = Project::new("Test Game");
    project.schema.fields = base_fields();
    project.leaderboards.push(base_board());
    project
}

/// The base project with one published version before the current one:
/// version 1 had Coins, Level, Inventory and Stats; version 2 added Title.
fn with_history() -> Project {
    let mut project = base();
    project.schema.version = 2;
    let old: Vec<Field> = base_fields()
        .into_iter()
        .filter(|f| f.name != "Title")
        .collect();
    project.history.push(PublishedSchema {
        datastore: "PlayerData_v1".into(),
        schema: datastore_designer::project::Schema {
            version: 1,
            fields: old,
            changes: Vec::new(),
        },
    });
    project
}

fn old_fields(project: &mut Project) -> &mut Vec<Field> {
    &mut project.history[0].schema.fields
}

fn field<'a>(project: &'a mut Project, name: &str) -> &'a mut Field {
    project
        .schema
        .fields
        .iter_mut()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn nested<'a>(project: &'a mut Project, record: &str, name: &str) -> &'a mut Field {
    match &mut field(project, record).ty {
        FieldType::Record(fields) => fields.iter_mut().find(|f| f.name == name).unwrap(),
        _ => panic!("{record} is not a record"),
    }
}

/// The base project playing on unsaved defaults when loading fails.
fn read_only() -> Project {
    let mut project = base();
    project.save_policy.on_load_failure = LoadFailure::ReadOnly;
    project
}

fn status<'a>(project: &'a mut Project, path: &str) -> &'a mut GuiNode {
    node(&mut project.data_status.gui, path)
}

fn board(project: &mut Project) -> &mut Leaderboard {
    &mut project.leaderboards[0]
}

/// The node at a path of names below `root`.
fn node<'a>(root: &'a mut GuiNode, path: &str) -> &'a mut GuiNode {
    let mut node = root;
    for part in path.split('/').filter(|p| !p.is_empty()) {
        node = node
            .children
            .iter_mut()
            .find(|c| c.name == part)
            .unwrap_or_else(|| panic!("no {part}"));
    }
    node
}

fn gui<'a>(project: &'a mut Project, path: &str) -> &'a mut GuiNode {
    node(&mut board(project).gui, path)
}

fn row<'a>(project: &'a mut Project, path: &str) -> &'a mut GuiNode {
    node(&mut board(project).row_template, path)
}

fn set(node: &mut GuiNode, prop: &str, value: PropValue) {
    node.properties.insert(prop.to_string(), value);
}

fn describe(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {} {} at {}: {}", d.severity, d.code, d.path, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------
// The cases.

struct Case {
    code: &'static str,
    severity: Severity,
    path: &'static str,
    bad: Project,
    good: Project,
}

/// `breaks` turns the base project into one with the problem; `fixes` then
/// turns that into one without it.
fn case(
    code: &'static str,
    severity: Severity,
    path: &'static str,
    start: Project,
    breaks: impl FnOnce(&mut Project),
    fixes: impl FnOnce(&mut Project),
) -> Case {
    let mut bad = start;
    breaks(&mut bad);
    let mut good = bad.clone();
    fixes(&mut good);
    Case {
        code,
        severity,
        path,
        bad,
        good,
    }
}

use Severity::{Error as E, Warning as W};

fn cases() -> Vec<Case> {
    let deep = |levels: usize| {
        let mut ty = FieldType::Integer;
        for _ in 0..levels {
            ty = list(ty);
        }
        ty
    };
    let second_board = || {
        let mut other = base_board();
        other.name = "TopLevels".into();
        other.stat = "Level".into();
        other
    };
    vec![
        // Names.
        case(
            "empty-name",
            E,
            "data/#1",
            base(),
            |p| field(p, "Level").name.clear(),
            |p| p.schema.fields[1].name = "Level".into(),
        ),
        case(
            "invalid-name",
            E,
            "data/my level",
            base(),
            |p| field(p, "Level").name = "my level".into(),
            |p| field(p, "my level").name = "my_level".into(),
        ),
        case(
            "reserved-name",
            E,
            "data/Stats/end",
            base(),
            |p| nested(p, "Stats", "Wins").name = "end".into(),
            |p| nested(p, "Stats", "end").name = "End".into(),
        ),
        case(
            "duplicate-name",
            E,
            "data/Level",
            base(),
            |p| p.schema.fields.push(int("Level")),
            |p| p.schema.fields.last_mut().unwrap().name = "Level2".into(),
        ),
        case(
            "gui-name-slash",
            E,
            "leaderboards/TopCoins/gui/Panel/Ti/tle",
            base(),
            |p| gui(p, "Panel/Title").name = "Ti/tle".into(),
            |p| gui(p, "Panel").children[2].name = "Title".into(),
        ),
        // Data.
        case(
            "empty-schema",
            E,
            "data",
            base(),
            |p| p.schema.fields.clear(),
            |p| p.schema.fields = base_fields(),
        ),
        case(
            "nothing-saved",
            W,
            "data",
            base(),
            |p| {
                for f in &mut p.schema.fields {
                    f.saved = false;
                }
            },
            |p| field(p, "Coins").saved = true,
        ),
        case(
            "empty-record",
            W,
            "data/Stats",
            base(),
            |p| field(p, "Stats").ty = FieldType::Record(Vec::new()),
            |p| field(p, "Stats").ty = FieldType::Record(vec![int("Wins")]),
        ),
        case(
            "nesting-too-deep",
            E,
            "data/Deep",
            base(),
            |p| {
                let mut f = Field::new("Deep", deep(40));
                f.max_items = Some(5);
                p.schema.fields.push(f);
            },
            |p| field(p, "Deep").ty = list(FieldType::Integer),
        ),
        case(
            "record-has-default",
            E,
            "data/Stats/default",
            base(),
            |p| field(p, "Stats").default = Some(Value::Map(BTreeMap::new())),
            |p| field(p, "Stats").default = None,
        ),
        case(
            "default-wrong-type",
            E,
            "data/Coins/default",
            base(),
            |p| field(p, "Coins").default = Some(Value::String("lots".into())),
            |p| field(p, "Coins").default = Some(Value::Integer(0)),
        ),
        case(
            "default-invalid-number",
            E,
            "data/Stats/BestTime/default",
            base(),
            |p| nested(p, "Stats", "BestTime").default = Some(Value::Number(f64::NAN)),
            |p| nested(p, "Stats", "BestTime").default = Some(Value::Number(0.0)),
        ),
        case(
            "default-out-of-range",
            E,
            "data/Level/default",
            base(),
            |p| field(p, "Level").default = Some(Value::Integer(0)),
            |p| field(p, "Level").default = Some(Value::Integer(1)),
        ),
        case(
            "default-too-long",
            E,
            "data/Title/default",
            base(),
            |p| {
                field(p, "Title").default = Some(Value::String("The Greatest Champion Ever".into()))
            },
            |p| field(p, "Title").default = Some(Value::String("Champion".into())),
        ),
        case(
            "default-too-many-items",
            E,
            "data/Inventory/default",
            base(),
            |p| {
                let f = field(p, "Inventory");
                f.max_items = Some(2);
                f.default = Some(Value::List(vec![Value::String("Sword".into()); 3]));
            },
            |p| field(p, "Inventory").max_items = Some(50),
        ),
        case(
            "constraint-invalid",
            E,
            "data/Level/max",
            base(),
            |p| field(p, "Level").max = Some(f64::NAN),
            |p| field(p, "Level").max = Some(100.0),
        ),
        case(
            "min-above-max",
            E,
            "data/Level/min",
            base(),
            |p| field(p, "Level").min = Some(200.0),
            |p| field(p, "Level").min = Some(1.0),
        ),
        case(
            "constraint-ignored",
            W,
            "data/Coins/max_length",
            base(),
            |p| field(p, "Coins").max_length = Some(10),
            |p| field(p, "Coins").max_length = None,
        ),
        case(
            "limit-zero",
            W,
            "data/Inventory/max_items",
            base(),
            |p| field(p, "Inventory").max_items = Some(0),
            |p| field(p, "Inventory").max_items = Some(50),
        ),
        case(
            "leaderstat-type",
            E,
            "data/Inventory/leaderstat",
            base(),
            |p| field(p, "Inventory").leaderstat = true,
            |p| field(p, "Inventory").leaderstat = false,
        ),
        case(
            "leaderstat-nested",
            W,
            "data/Stats/Wins/leaderstat",
            base(),
            |p| nested(p, "Stats", "Wins").leaderstat = true,
            |p| nested(p, "Stats", "Wins").leaderstat = false,
        ),
        case(
            "too-many-leaderstats",
            W,
            "data/Kills/leaderstat",
            base(),
            |p| {
                for name in ["Level", "Title"] {
                    field(p, name).leaderstat = true;
                }
                for name in ["Gems", "Kills"] {
                    let mut f = int(name);
                    f.leaderstat = true;
                    p.schema.fields.push(f);
                }
            },
            |p| field(p, "Kills").leaderstat = false,
        ),
        // Size.
        case(
            "record-too-large",
            E,
            "data",
            base(),
            |p| {
                let f = field(p, "Inventory");
                f.max_items = Some(100_000);
                f.max_length = Some(100);
            },
            |p| field(p, "Inventory").max_items = Some(1_000),
        ),
        case(
            "size-unbounded",
            W,
            "data/Title/max_length",
            base(),
            |p| field(p, "Title").max_length = None,
            |p| field(p, "Title").max_length = Some(20),
        ),
        // History.
        case(
            "history-version-order",
            E,
            "versions/2",
            with_history(),
            |p| p.history[0].schema.version = 2,
            |p| p.history[0].schema.version = 1,
        ),
        case(
            "changes-without-previous",
            E,
            "versions/1/changes/0",
            base(),
            |p| {
                p.schema.changes.push(Change::Remove {
                    field: "Gems".into(),
                })
            },
            |p| p.schema.changes.clear(),
        ),
        case(
            "change-unknown-field",
            E,
            "versions/2/changes/0",
            with_history(),
            |p| {
                p.schema.changes.push(Change::Remove {
                    field: "Gems".into(),
                })
            },
            |p| p.schema.changes.clear(),
        ),
        case(
            "rename-target-missing",
            E,
            "versions/2/changes/0",
            with_history(),
            |p| {
                old_fields(p).push(int("Gold"));
                p.schema.changes.push(Change::Rename {
                    from: "Gold".into(),
                    to: "Money".into(),
                });
            },
            |p| p.schema.fields.push(int("Money")),
        ),
        case(
            "conflicting-changes",
            E,
            "versions/2/changes/1",
            with_history(),
            |p| {
                old_fields(p).push(int("Gold"));
                p.schema.fields.push(int("Money"));
                p.schema.changes.push(Change::Remove {
                    field: "Gold".into(),
                });
                p.schema.changes.push(Change::Rename {
                    from: "Gold".into(),
                    to: "Money".into(),
                });
            },
            |p| {
                p.schema.changes.remove(0);
            },
        ),
        case(
            "retype-conversion-mismatch",
            E,
            "versions/2/changes/0",
            with_history(),
            |p| {
                old_fields(p)[1].ty = FieldType::String;
                p.schema.changes.push(Change::Retype {
                    field: "Level".into(),
                    conversion: Conversion::ToText,
                });
            },
            |p| {
                p.schema.changes[0] = Change::Retype {
                    field: "Level".into(),
                    conversion: Conversion::ParseNumber,
                }
            },
        ),
        case(
            "type-changed-without-retype",
            E,
            "data/Level",
            with_history(),
            |p| old_fields(p)[1].ty = FieldType::String,
            |p| {
                p.schema.changes.push(Change::Retype {
                    field: "Level".into(),
                    conversion: Conversion::ParseNumber,
                })
            },
        ),
        case(
            "missing-change",
            E,
            "versions/2/changes",
            with_history(),
            |p| old_fields(p).push(int("Gold")),
            |p| {
                p.schema.changes.push(Change::Remove {
                    field: "Gold".into(),
                })
            },
        ),
        // DataStore names.
        case(
            "store-name-empty",
            E,
            "saving/datastore",
            base(),
            |p| p.save_policy.datastore.clear(),
            |p| p.save_policy.datastore = "PlayerData_v1".into(),
        ),
        case(
            "store-name-too-long",
            E,
            "leaderboards/TopCoins/ordered_datastore",
            base(),
            |p| board(p).ordered_datastore = format!("{}_v1", "TopCoins".repeat(7)),
            |p| board(p).ordered_datastore = "TopCoins_v1".into(),
        ),
        case(
            "key-missing-user-id",
            E,
            "saving/key_pattern",
            base(),
            |p| p.save_policy.key_pattern = "Player".into(),
            |p| p.save_policy.key_pattern = "Player_{UserId}".into(),
        ),
        case(
            "key-too-long",
            E,
            "saving/key_pattern",
            base(),
            |p| p.save_policy.key_pattern = "PlayerDataOfTheGreatGameKeyPrefix_{UserId}".into(),
            |p| p.save_policy.key_pattern = "Player_{UserId}".into(),
        ),
        case(
            "datastore-no-version",
            W,
            "saving/datastore",
            base(),
            |p| p.save_policy.datastore = "PlayerData".into(),
            |p| p.save_policy.datastore = "PlayerData_v1".into(),
        ),
        case(
            "studio-store-name-too-long",
            W,
            "saving/studio",
            base(),
            |p| {
                p.save_policy.studio = StudioMode::SeparateTestData;
                p.save_policy.datastore = "ThePlayerDataOfOurVeryLongNamedGameRightHere_v1".into();
            },
            |p| p.save_policy.studio = StudioMode::Offline,
        ),
        // Save policy.
        case(
            "auto-save-zero",
            E,
            "saving/auto_save_seconds",
            base(),
            |p| p.save_policy.auto_save_seconds = 0,
            |p| p.save_policy.auto_save_seconds = 300,
        ),
        case(
            "auto-save-too-frequent",
            W,
            "saving/auto_save_seconds",
            base(),
            |p| p.save_policy.auto_save_seconds = 30,
            |p| p.save_policy.auto_save_seconds = 300,
        ),
        case(
            "auto-save-rare",
            W,
            "saving/auto_save_seconds",
            base(),
            |p| {
                p.save_policy.auto_save_seconds = 1800;
                p.save_policy.session_lock.timeout_seconds = 3600;
            },
            |p| p.save_policy.auto_save_seconds = 300,
        ),
        case(
            "attempts-zero",
            E,
            "saving/attempts",
            base(),
            |p| p.save_policy.attempts = 0,
            |p| p.save_policy.attempts = 3,
        ),
        case(
            "attempts-too-many",
            W,
            "saving/attempts",
            base(),
            |p| p.save_policy.attempts = 20,
            |p| p.save_policy.attempts = 5,
        ),
        case(
            "backoff-invalid",
            E,
            "saving/retry_backoff/first_delay_seconds",
            base(),
            |p| p.save_policy.retry_backoff.first_delay_seconds = -1.0,
            |p| p.save_policy.retry_backoff.first_delay_seconds = 1.0,
        ),
        case(
            "backoff-first-above-max",
            E,
            "saving/retry_backoff/first_delay_seconds",
            base(),
            |p| p.save_policy.retry_backoff.first_delay_seconds = 10.0,
            |p| p.save_policy.retry_backoff.max_delay_seconds = 30.0,
        ),
        case(
            "session-lock-off",
            W,
            "saving/session_lock/enabled",
            base(),
            |p| p.save_policy.session_lock.enabled = false,
            |p| p.save_policy.session_lock.enabled = true,
        ),
        case(
            "lock-timeout-too-short",
            E,
            "saving/session_lock/timeout_seconds",
            base(),
            |p| p.save_policy.session_lock.timeout_seconds = 300,
            |p| p.save_policy.session_lock.timeout_seconds = 600,
        ),
        case(
            "lock-timeout-tight",
            W,
            "saving/session_lock/timeout_seconds",
            base(),
            |p| p.save_policy.session_lock.timeout_seconds = 400,
            |p| p.save_policy.session_lock.timeout_seconds = 900,
        ),
        case(
            "backup-interval-zero",
            E,
            "saving/backups/interval_seconds",
            base(),
            |p| {
                p.save_policy.backups.count = 3;
                p.save_policy.backups.interval_seconds = 0;
            },
            |p| p.save_policy.backups.interval_seconds = 3600,
        ),
        case(
            "max-players-zero",
            E,
            "saving/max_players",
            base(),
            |p| p.save_policy.max_players = 0,
            |p| p.save_policy.max_players = 30,
        ),
        case(
            "max-players-too-many",
            E,
            "saving/max_players",
            base(),
            |p| p.save_policy.max_players = 800,
            |p| p.save_policy.max_players = 700,
        ),
        case(
            "shutdown-wait-too-long",
            E,
            "saving/shutdown/max_wait_seconds",
            base(),
            |p| p.save_policy.shutdown.max_wait_seconds = 40,
            |p| p.save_policy.shutdown.max_wait_seconds = 25,
        ),
        case(
            "shutdown-wait-zero",
            E,
            "saving/shutdown/max_wait_seconds",
            base(),
            |p| p.save_policy.shutdown.max_wait_seconds = 0,
            |p| p.save_policy.shutdown.max_wait_seconds = 25,
        ),
        case(
            "kick-message-empty",
            W,
            "saving/messages/load_failed",
            base(),
            |p| p.save_policy.messages.load_failed.clear(),
            |p| p.save_policy.messages.load_failed = "Please rejoin.".into(),
        ),
        case(
            "kick-message-empty",
            W,
            "saving/messages/newer_version",
            base(),
            |p| p.save_policy.messages.newer_version.clear(),
            |p| p.save_policy.messages.newer_version = "A new version is out: rejoin.".into(),
        ),
        case(
            "load-window-too-short",
            E,
            "saving/load_window_seconds",
            base(),
            |p| p.save_policy.load_window_seconds = 9,
            |p| p.save_policy.load_window_seconds = 10,
        ),
        case(
            "load-window-too-long",
            E,
            "saving/load_window_seconds",
            base(),
            |p| p.save_policy.load_window_seconds = 601,
            |p| p.save_policy.load_window_seconds = 60,
        ),
        case(
            "load-window-long",
            W,
            "saving/load_window_seconds",
            base(),
            |p| p.save_policy.load_window_seconds = 121,
            |p| p.save_policy.load_window_seconds = 120,
        ),
        case(
            "status-message-empty",
            W,
            "saving/messages/loading",
            base(),
            |p| p.save_policy.messages.loading = "  ".into(),
            |p| p.save_policy.messages.loading = "Loading...".into(),
        ),
        case(
            "status-message-empty",
            W,
            "saving/messages/read_only_notice",
            read_only(),
            |p| p.save_policy.messages.read_only_notice.clear(),
            |p| p.save_policy.on_load_failure = LoadFailure::Kick,
        ),
        // Request budget.
        case(
            "budget-exceeded",
            E,
            "leaderboards/TopCoins/update_seconds",
            base(),
            |p| board(p).update_seconds = 10,
            |p| board(p).update_seconds = 120,
        ),
        case(
            "budget-tight",
            W,
            "leaderboards/TopCoins/update_seconds",
            base(),
            |p| board(p).update_seconds = 13,
            |p| board(p).update_seconds = 14,
        ),
        // Leaderboards.
        case(
            "ordered-datastore-conflict",
            E,
            "leaderboards/TopLevels/ordered_datastore",
            base(),
            |p| p.leaderboards.push(second_board()),
            |p| p.leaderboards[1].ordered_datastore = "TopLevels_v1".into(),
        ),
        case(
            "leaderboard-stat-missing",
            E,
            "leaderboards/TopCoins/stat",
            base(),
            |p| board(p).stat = "Gems".into(),
            |p| board(p).stat = "Coins".into(),
        ),
        case(
            "leaderboard-stat-type",
            E,
            "leaderboards/TopCoins/stat",
            base(),
            |p| board(p).stat = "Title".into(),
            |p| board(p).stat = "Level".into(),
        ),
        case(
            "leaderboard-stat-not-saved",
            W,
            "leaderboards/TopCoins/stat",
            base(),
            |p| field(p, "Coins").saved = false,
            |p| field(p, "Coins").saved = true,
        ),
        case(
            "leaderboard-top-range",
            E,
            "leaderboards/TopCoins/top",
            base(),
            |p| board(p).top = 250,
            |p| board(p).top = 100,
        ),
        case(
            "leaderboard-update-zero",
            E,
            "leaderboards/TopCoins/update_seconds",
            base(),
            |p| board(p).update_seconds = 0,
            |p| board(p).update_seconds = 60,
        ),
        case(
            "leaderboard-update-too-frequent",
            W,
            "leaderboards/TopCoins/update_seconds",
            base(),
            |p| board(p).update_seconds = 14,
            |p| board(p).update_seconds = 60,
        ),
        case(
            "leaderboard-display-root",
            E,
            "leaderboards/TopCoins/display",
            base(),
            |p| board(p).display = Display::surface("Board"),
            |p| board(p).display = Display::Screen,
        ),
        case(
            "leaderboard-part-empty",
            E,
            "leaderboards/TopCoins/display/part",
            base(),
            |p| {
                let b = board(p);
                b.display = Display::surface(String::new());
                b.gui = GuiNode::new("SurfaceGui", "BoardGui").child(b.gui.children[0].clone());
            },
            |p| board(p).display = Display::surface("Board"),
        ),
        case(
            "leaderboard-periods-empty",
            E,
            "leaderboards/TopCoins/periods",
            base(),
            |p| board(p).periods.clear(),
            |p| board(p).periods = vec![Period::AllTime],
        ),
        case(
            "leaderboard-period-repeated",
            E,
            "leaderboards/TopCoins/periods/1",
            base(),
            |p| board(p).periods = vec![Period::Weekly, Period::Weekly],
            |p| board(p).periods = vec![Period::Weekly],
        ),
        case(
            "leaderboard-earned-all-time",
            E,
            "leaderboards/TopCoins/ranks",
            base(),
            |p| board(p).ranks = Ranking::Earned,
            |p| board(p).periods = vec![Period::Daily],
        ),
        case(
            "leaderboard-earned-time",
            E,
            "leaderboards/TopCoins/ranks",
            base(),
            |p| {
                let b = board(p);
                b.periods = vec![Period::Daily];
                b.number_kind = NumberKind::Time;
                b.order = RankOrder::Ascending;
                b.ranks = Ranking::Earned;
            },
            |p| board(p).ranks = Ranking::Total,
        ),
        case(
            "leaderboard-periods-no-tabs",
            W,
            "leaderboards/TopCoins/periods",
            base(),
            |p| board(p).periods = vec![Period::AllTime, Period::Weekly],
            |p| board(p).tabs = Some(tabs("Panel")),
        ),
        case(
            "leaderboard-tabs-one-period",
            W,
            "leaderboards/TopCoins/tabs",
            base(),
            |p| board(p).tabs = Some(tabs("Panel")),
            |p| board(p).periods = vec![Period::AllTime, Period::Daily],
        ),
        case(
            "tabs-in-missing",
            E,
            "leaderboards/TopCoins/tabs/goes_in",
            base(),
            |p| {
                let b = board(p);
                b.periods = vec![Period::AllTime, Period::Daily];
                b.tabs = Some(tabs("Panel/Tabs"));
            },
            |p| board(p).tabs = Some(tabs("Panel")),
        ),
        case(
            "tab-template-root",
            E,
            "leaderboards/TopCoins/tabs/template",
            base(),
            |p| {
                let b = board(p);
                b.periods = vec![Period::AllTime, Period::Daily];
                let mut t = tabs("Panel");
                t.template.class = "TextLabel".into();
                b.tabs = Some(t);
            },
            |p| board(p).tabs = Some(tabs("Panel")),
        ),
        case(
            "tab-template-no-period",
            W,
            "leaderboards/TopCoins/tabs/template",
            base(),
            |p| {
                let b = board(p);
                b.periods = vec![Period::AllTime, Period::Daily];
                let mut t = tabs("Panel");
                t.template.properties.clear();
                b.tabs = Some(t);
            },
            |p| board(p).tabs = Some(tabs("Panel")),
        ),
        case(
            "leaderboard-decimal-places",
            E,
            "leaderboards/TopCoins/number_kind",
            base(),
            |p| board(p).number_kind = NumberKind::Decimal { places: 9 },
            |p| board(p).number_kind = NumberKind::Decimal { places: 2 },
        ),
        case(
            "leaderboard-time-order",
            W,
            "leaderboards/TopCoins/order",
            base(),
            |p| board(p).number_kind = NumberKind::Time,
            |p| board(p).order = RankOrder::Ascending,
        ),
        case(
            "leaderboard-stat-too-large",
            E,
            "leaderboards/TopCoins/stat",
            base(),
            |p| {
                field(p, "Coins").max = Some(1e15);
                board(p).number_kind = NumberKind::Decimal { places: 2 };
            },
            |p| board(p).number_kind = NumberKind::Huge,
        ),
        case(
            "leaderboard-huge-negative",
            E,
            "leaderboards/TopCoins/stat",
            base(),
            |p| {
                field(p, "Coins").min = Some(-5.0);
                board(p).number_kind = NumberKind::Huge;
            },
            |p| field(p, "Coins").min = Some(0.0),
        ),
        case(
            "you-row-in-missing",
            E,
            "leaderboards/TopCoins/you_row/goes_in",
            base(),
            |p| {
                board(p).you_row = Some(YouRow {
                    goes_in: "Panel/You".into(),
                    ..YouRow::default()
                })
            },
            |p| board(p).you_row = Some(YouRow::default()),
        ),
        case(
            "surface-part-size",
            E,
            "leaderboards/TopCoins/display/part_size",
            base(),
            |p| {
                let b = board(p);
                b.display = Display::Surface {
                    part: "Board".into(),
                    part_size: [12.0, 0.0, f32::NAN],
                };
                b.gui = GuiNode::new("SurfaceGui", "BoardGui").child(b.gui.children[0].clone());
            },
            |p| board(p).display = Display::surface("Board"),
        ),
        case(
            "surface-stretched",
            W,
            "leaderboards/TopCoins/gui/CanvasSize",
            base(),
            |p| {
                // 800x600 (the default CanvasSize) on a 12x8 face: 1.125x wider.
                let b = board(p);
                b.display = Display::Surface {
                    part: "Board".into(),
                    part_size: [12.0, 8.0, 1.0],
                };
                b.gui = GuiNode::new("SurfaceGui", "BoardGui").child(b.gui.children[0].clone());
            },
            |p| {
                board(p)
                    .gui
                    .properties
                    .insert("CanvasSize".into(), PropValue::Vector2(900.0, 600.0));
            },
        ),
        case(
            "rows-in-missing",
            E,
            "leaderboards/TopCoins/rows_in",
            base(),
            |p| board(p).rows_in = "Panel/Rows".into(),
            |p| board(p).rows_in = "Panel/List".into(),
        ),
        case(
            "rows-in-not-container",
            W,
            "leaderboards/TopCoins/rows_in",
            base(),
            |p| board(p).rows_in = "Panel/List/Layout".into(),
            |p| board(p).rows_in = "Panel/List".into(),
        ),
        case(
            "row-template-root",
            E,
            "leaderboards/TopCoins/row_template",
            base(),
            |p| board(p).row_template.class = "UIListLayout".into(),
            |p| board(p).row_template.class = "Frame".into(),
        ),
        case(
            "row-template-no-bindings",
            W,
            "leaderboards/TopCoins/row_template",
            base(),
            |p| {
                for name in ["Rank", "Name", "Value"] {
                    set(row(p, name), "Text", text("-"));
                }
            },
            |p| set(row(p, "Value"), "Text", text("{value}")),
        ),
        case(
            "row-template-no-value",
            W,
            "leaderboards/TopCoins/row_template",
            base(),
            |p| set(row(p, "Value"), "Text", text("?")),
            |p| set(row(p, "Value"), "Text", text("{value} coins")),
        ),
        case(
            "binding-misplaced",
            E,
            "leaderboards/TopCoins/row_template/Name/Text",
            base(),
            |p| set(row(p, "Name"), "Text", text("{avatar} {name}")),
            |p| set(row(p, "Name"), "Text", text("{name}")),
        ),
        case(
            "binding-outside-row",
            W,
            "leaderboards/TopCoins/gui/Panel/Title/Text",
            base(),
            |p| set(gui(p, "Panel/Title"), "Text", text("Top {value}")),
            |p| set(gui(p, "Panel/Title"), "Text", text("Top Coins")),
        ),
        case(
            "unknown-binding",
            W,
            "leaderboards/TopCoins/row_template/Rank/Text",
            base(),
            |p| set(row(p, "Rank"), "Text", text("#{Rank}")),
            |p| set(row(p, "Rank"), "Text", text("#{rank}")),
        ),
        // GUI trees.
        case(
            "gui-root-class",
            E,
            "leaderboards/TopCoins/gui",
            base(),
            |p| {
                let b = board(p);
                b.gui.class = "Frame".into();
                b.gui.properties.clear();
            },
            |p| board(p).gui.class = "ScreenGui".into(),
        ),
        case(
            "data-status-root",
            E,
            "data_status/gui",
            base(),
            |p| {
                let gui = &mut p.data_status.gui;
                gui.class = "Frame".into();
                gui.properties.clear();
            },
            |p| p.data_status.gui.class = "ScreenGui".into(),
        ),
        case(
            "data-status-state-missing",
            E,
            "data_status/gui",
            base(),
            |p| status(p, "Loading").name = "Loader".into(),
            |p| status(p, "Loader").name = "Loading".into(),
        ),
        case(
            "data-status-state-missing",
            E,
            "data_status/gui/ReadOnly",
            base(),
            |p| {
                let gui = &mut p.data_status.gui;
                gui.children.retain(|c| c.name != "ReadOnly");
                gui.children.push(GuiNode::new("UIListLayout", "ReadOnly"));
            },
            |p| {
                let gui = &mut p.data_status.gui;
                gui.children.retain(|c| c.name != "ReadOnly");
                gui.children.push(GuiNode::new("Frame", "ReadOnly"));
            },
        ),
        case(
            "data-status-no-message",
            W,
            "data_status/gui/Loading",
            base(),
            |p| {
                set(
                    status(p, "Loading/Panel/Title"),
                    "Text",
                    text("Please wait"),
                )
            },
            |p| {
                set(
                    status(p, "Loading/Panel/Title"),
                    "Text",
                    text("Wait: {message}"),
                )
            },
        ),
        case(
            "data-status-no-message",
            W,
            "data_status/gui/ReadOnly",
            read_only(),
            |p| set(status(p, "ReadOnly/Message"), "Text", text("Not saving.")),
            |p| set(status(p, "ReadOnly/Message"), "Text", text("{message}")),
        ),
        case(
            "gui-root-nested",
            E,
            "leaderboards/TopCoins/gui/Panel/Inner",
            base(),
            |p| {
                gui(p, "Panel")
                    .children
                    .push(GuiNode::new("ScreenGui", "Inner"))
            },
            |p| gui(p, "Panel/Inner").class = "Frame".into(),
        ),
        case(
            "unknown-class",
            W,
            "leaderboards/TopCoins/gui/Panel/Title",
            base(),
            |p| gui(p, "Panel/Title").class = "TextLable".into(),
            |p| gui(p, "Panel/Title").class = "TextLabel".into(),
        ),
        case(
            "unknown-property",
            W,
            "leaderboards/TopCoins/gui/Panel/Title/TextSise",
            base(),
            |p| set(gui(p, "Panel/Title"), "TextSise", PropValue::Float(20.0)),
            |p| {
                gui(p, "Panel/Title").properties.remove("TextSise");
            },
        ),
        case(
            "property-wrong-kind",
            E,
            "leaderboards/TopCoins/gui/Panel/Title/TextSize",
            base(),
            |p| set(gui(p, "Panel/Title"), "TextSize", PropValue::Int(24)),
            |p| set(gui(p, "Panel/Title"), "TextSize", PropValue::Float(24.0)),
        ),
        case(
            "enum-invalid",
            E,
            "leaderboards/TopCoins/gui/Panel/Title/TextXAlignment",
            base(),
            |p| {
                set(
                    gui(p, "Panel/Title"),
                    "TextXAlignment",
                    PropValue::enum_item("TextXAlignment", "Middle"),
                )
            },
            |p| {
                set(
                    gui(p, "Panel/Title"),
                    "TextXAlignment",
                    PropValue::enum_item("TextXAlignment", "Left"),
                )
            },
        ),
        case(
            "property-not-finite",
            E,
            "leaderboards/TopCoins/gui/Panel/Rotation",
            base(),
            |p| set(gui(p, "Panel"), "Rotation", PropValue::Float(f32::NAN)),
            |p| set(gui(p, "Panel"), "Rotation", PropValue::Float(5.0)),
        ),
        case(
            "property-out-of-range",
            E,
            "leaderboards/TopCoins/gui/Panel/BackgroundTransparency",
            base(),
            |p| {
                set(
                    gui(p, "Panel"),
                    "BackgroundTransparency",
                    PropValue::Float(1.5),
                )
            },
            |p| {
                set(
                    gui(p, "Panel"),
                    "BackgroundTransparency",
                    PropValue::Float(1.0),
                )
            },
        ),
        case(
            "property-clamped",
            W,
            "leaderboards/TopCoins/gui/Panel/Title/TextSize",
            base(),
            |p| set(gui(p, "Panel/Title"), "TextSize", PropValue::Float(150.0)),
            |p| set(gui(p, "Panel/Title"), "TextSize", PropValue::Float(100.0)),
        ),
        case(
            "layout-twice",
            W,
            "leaderboards/TopCoins/gui/Panel/List/Pages",
            base(),
            |p| {
                gui(p, "Panel/List")
                    .children
                    .push(GuiNode::new("UIPageLayout", "Pages"));
            },
            |p| gui(p, "Panel/List").children.retain(|c| c.name != "Pages"),
        ),
        case(
            "flex-item-unused",
            W,
            "leaderboards/TopCoins/gui/Panel/Title/Grow",
            base(),
            |p| {
                gui(p, "Panel/Title")
                    .children
                    .push(GuiNode::new("UIFlexItem", "Grow"));
            },
            |p| {
                gui(p, "Panel")
                    .children
                    .push(GuiNode::new("UIListLayout", "Stack"));
            },
        ),
        case(
            "sequence-keypoints",
            E,
            "leaderboards/TopCoins/gui/Panel/Shine/Color",
            base(),
            |p| {
                let shine = GuiNode::new("UIGradient", "Shine").with(
                    "Color",
                    PropValue::ColorSequence(vec![
                        ColorKey(0.2, (255, 0, 0)),
                        ColorKey(1.0, (0, 0, 255)),
                    ]),
                );
                gui(p, "Panel").children.push(shine);
            },
            |p| {
                set(
                    gui(p, "Panel/Shine"),
                    "Color",
                    PropValue::ColorSequence(vec![
                        ColorKey(0.0, (255, 0, 0)),
                        ColorKey(1.0, (0, 0, 255)),
                    ]),
                )
            },
        ),
        case(
            "font-family-empty",
            E,
            "leaderboards/TopCoins/gui/Panel/Title/FontFace",
            base(),
            |p| {
                set(
                    gui(p, "Panel/Title"),
                    "FontFace",
                    PropValue::font("", FontWeight::Bold),
                )
            },
            |p| {
                set(
                    gui(p, "Panel/Title"),
                    "FontFace",
                    PropValue::font(DEFAULT_FONT_FAMILY, FontWeight::Bold),
                )
            },
        ),
        case(
            "content-invalid",
            W,
            "leaderboards/TopCoins/row_template/Avatar/Image",
            base(),
            |p| {
                set(
                    row(p, "Avatar"),
                    "Image",
                    PropValue::Content("123456".into()),
                )
            },
            |p| {
                set(
                    row(p, "Avatar"),
                    "Image",
                    PropValue::Content("rbxassetid://123456".into()),
                )
            },
        ),
        // Products and gifts.
        case(
            "product-id-invalid",
            E,
            "products/Coins100/id",
            with_shop(),
            |p| p.products[0].id = 0,
            |p| p.products[0].id = 42,
        ),
        case(
            "product-id-invalid",
            E,
            "products/Coins100/id",
            with_shop(),
            |p| p.products[0].id = (1 << 53) + 1,
            |p| p.products[0].id = 1 << 53,
        ),
        case(
            "product-id-duplicate",
            E,
            "products/Vip/id",
            with_shop(),
            |p| p.products.push(product("Vip", 42, set_vip())),
            |p| p.products[1].id = 43,
        ),
        case(
            "duplicate-name",
            E,
            "gifts/Welcome",
            with_shop(),
            |p| p.gifts.push(p.gifts[0].clone()),
            |p| p.gifts[1].name = "Welcome2".into(),
        ),
        case(
            "invalid-name",
            E,
            "products/100 Coins",
            with_shop(),
            |p| p.products[0].name = "100 Coins".into(),
            |p| p.products[0].name = "Coins100".into(),
        ),
        case(
            "no-grants",
            E,
            "gifts/Welcome/grants",
            with_shop(),
            |p| p.gifts[0].grants.clear(),
            |p| p.gifts[0].grants.push(set_vip()),
        ),
        case(
            "grant-field-missing",
            E,
            "products/Coins100/grants/0/field",
            with_shop(),
            |p| p.products[0].grants[0] = add("Gems", 100.0),
            |p| p.products[0].grants[0] = add("Coins", 100.0),
        ),
        case(
            "grant-field-not-saved",
            E,
            "gifts/Welcome/grants/0/field",
            with_shop(),
            |p| field(p, "Vip").saved = false,
            |p| field(p, "Vip").saved = true,
        ),
        case(
            "grant-wrong-type",
            E,
            "products/Coins100/grants/0/field",
            with_shop(),
            |p| p.products[0].grants[0] = add("Title", 100.0),
            |p| p.products[0].grants[0] = add("Coins", 100.0),
        ),
        case(
            "grant-wrong-type",
            E,
            "gifts/Welcome/grants/0/field",
            with_shop(),
            |p| {
                p.gifts[0].grants[0] = Grant::Set {
                    field: "Coins".into(),
                    value: true,
                }
            },
            |p| p.gifts[0].grants[0] = set_vip(),
        ),
        case(
            "grant-amount-invalid",
            E,
            "products/Coins100/grants/0/amount",
            with_shop(),
            |p| p.products[0].grants[0] = add("Coins", 2.5),
            |p| p.products[0].grants[0] = add("Coins", 3.0),
        ),
        case(
            "grant-amount-invalid",
            E,
            "products/Coins100/grants/0/amount",
            with_shop(),
            |p| p.products[0].grants[0] = add("Coins", f64::NAN),
            |p| p.products[0].grants[0] = add("Coins", 1.0),
        ),
        case(
            "grant-amount-invalid",
            E,
            "products/Coins100/grants/0/amount",
            with_shop(),
            |p| p.products[0].grants[0] = add("Coins", 0.0),
            |p| p.products[0].grants[0] = add("Coins", -1.0),
        ),
        case(
            "grant-past-limit",
            W,
            "products/Coins100/grants/0/amount",
            with_shop(),
            |p| p.products[0].grants[0] = add("Level", 100.0),
            |p| p.products[0].grants[0] = add("Level", 99.0),
        ),
        case(
            "grant-item-wrong-type",
            E,
            "products/Coins100/grants/0/item",
            with_shop(),
            |p| p.products[0].grants[0] = add_item(Value::Integer(5), 1),
            |p| p.products[0].grants[0] = add_item(Value::String("Sword".into()), 1),
        ),
        case(
            "grant-item-wrong-type",
            E,
            "products/Coins100/grants/0/item",
            with_shop(),
            |p| p.products[0].grants[0] = add_item(Value::String("S".repeat(31)), 1),
            |p| p.products[0].grants[0] = add_item(Value::String("S".repeat(30)), 1),
        ),
        case(
            "grant-count-invalid",
            E,
            "products/Coins100/grants/0/count",
            with_shop(),
            |p| p.products[0].grants[0] = add_item(Value::String("Sword".into()), 51),
            |p| p.products[0].grants[0] = add_item(Value::String("Sword".into()), 50),
        ),
        case(
            "grant-count-invalid",
            E,
            "products/Coins100/grants/0/count",
            with_shop(),
            |p| p.products[0].grants[0] = add_item(Value::String("Sword".into()), 0),
            |p| p.products[0].grants[0] = add_item(Value::String("Sword".into()), 1),
        ),
    ]
}

fn add(field: &str, amount: f64) -> Grant {
    Grant::Add {
        field: field.into(),
        amount,
    }
}

fn add_item(item: Value, count: u32) -> Grant {
    Grant::AddItem {
        field: "Inventory".into(),
        item,
        count,
    }
}

fn set_vip() -> Grant {
    Grant::Set {
        field: "Vip".into(),
        value: true,
    }
}

fn product(name: &str, id: u64, grant: Grant) -> Product {
    Product {
        id,
        name: name.into(),
        grants: vec![grant],
        description: String::new(),
    }
}

/// The base project with a true/false Vip field, a product that adds 100
/// Coins and a gift that makes a player a Vip.
fn with_shop() -> Project {
    let mut project = base();
    project
        .schema
        .fields
        .push(Field::new("Vip", FieldType::Boolean));
    project
        .products
        .push(product("Coins100", 42, add("Coins", 100.0)));
    project.gifts.push(Gift {
        name: "Welcome".into(),
        grants: vec![set_vip()],
        description: String::new(),
    });
    project
}

#[test]
fn the_base_project_is_clean() {
    let diagnostics = validate::check(&base());
    assert!(
        diagnostics.is_empty(),
        "unexpected:\n{}",
        describe(&diagnostics)
    );
    let diagnostics = validate::check(&with_shop());
    assert!(
        diagnostics.is_empty(),
        "unexpected:\n{}",
        describe(&diagnostics)
    );
    let diagnostics = validate::check(&with_history());
    assert!(
        diagnostics.is_empty(),
        "unexpected:\n{}",
        describe(&diagnostics)
    );
}

#[test]
fn every_code_is_reported_where_it_should_be_and_gone_once_fixed() {
    let mut failures = Vec::new();
    for case in cases() {
        let bad = validate::check(&case.bad);
        let found = bad
            .iter()
            .any(|d| d.code == case.code && d.severity == case.severity && d.path == case.path);
        if !found {
            failures.push(format!(
                "{} ({:?} at {}) not reported; got:\n{}",
                case.code,
                case.severity,
                case.path,
                describe(&bad)
            ));
        }
        for d in &bad {
            if d.message.trim().is_empty() || d.fix.trim().is_empty() {
                failures.push(format!("{} has an empty message or fix", d.code));
            }
            // A line break in the source without its `\` leaves a run of spaces in the sentence.
            if d.message.contains("  ") || d.fix.contains("  ") {
                failures.push(format!(
                    "{} has a run of spaces: {:?} / {:?}",
                    d.code, d.message, d.fix
                ));
            }
        }
        let good = validate::check(&case.good);
        if good.iter().any(|d| d.code == case.code) {
            failures.push(format!(
                "{} still reported after the fix:\n{}",
                case.code,
                describe(&good)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_code_has_a_case_and_one_severity() {
    let listed: BTreeMap<&str, Severity> =
        CODES.iter().map(|(code, sev, _)| (*code, *sev)).collect();
    assert_eq!(listed.len(), CODES.len(), "a code is listed twice");
    let cases = cases();
    let tested: BTreeSet<&str> = cases.iter().map(|c| c.code).collect();
    let untested: Vec<&&str> = listed
        .keys()
        .filter(|code| !tested.contains(*code))
        .collect();
    assert!(untested.is_empty(), "codes without a case: {untested:?}");
    for case in &cases {
        assert_eq!(
            listed.get(case.code),
            Some(&case.severity),
            "{} is not listed with that severity",
            case.code
        );
    }
    // Every code any case produces is listed, with its severity.
    for case in &cases {
        for d in validate::check(&case.bad) {
            assert_eq!(
                listed.get(d.code),
                Some(&d.severity),
                "{} reported but not listed as {}",
                d.code,
                d.severity
            );
        }
    }
}

#[test]
fn errors_come_first_and_the_order_is_stable() {
    let mut project = base();
    field(&mut project, "Title").max_length = None; // warning
    project.save_policy.attempts = 0; // error
    board(&mut project).update_seconds = 14; // warning
    project.save_policy.datastore = "PlayerData".into(); // warning
    field(&mut project, "Level").default = Some(Value::Integer(500)); // error
    let first = validate::check(&project);
    let errors = first.iter().take_while(|d| d.is_error()).count();
    assert_eq!(errors, 2, "{}", describe(&first));
    assert!(first[errors..].iter().all(|d| !d.is_error()));
    assert_eq!(
        first[0].code, "default-out-of-range",
        "project order within errors"
    );
    assert_eq!(first, validate::check(&project));
}

// ---------------------------------------------------------------------------
// Messages: plain words, figures and concrete fixes.

fn only(project: &Project, code: &str) -> Diagnostic {
    let found: Vec<Diagnostic> = validate::check(project)
        .into_iter()
        .filter(|d| d.code == code)
        .collect();
    assert_eq!(found.len(), 1, "{code}: {}", describe(&found));
    found.into_iter().next().unwrap()
}

#[test]
fn invalid_names_explain_and_suggest() {
    let mut project = base();
    field(&mut project, "Coins").name = "my coins".into();
    let d = only(&project, "invalid-name");
    assert!(
        d.message.contains("\"my coins\" can't be used in code"),
        "{}",
        d.message
    );
    assert!(d.message.contains("English letters"), "{}", d.message);
    assert_eq!(d.fix, "Rename it to my_coins.");

    field(&mut project, "my coins").name = "2fast".into();
    assert!(
        only(&project, "invalid-name")
            .message
            .contains("starts with a digit")
    );
}

#[test]
fn duplicates_are_found_in_leaderboards_and_gui_siblings() {
    let mut project = base();
    let mut twin = base_board();
    twin.update_seconds = 300;
    project.leaderboards.push(twin);
    let d = only(&project, "duplicate-name");
    assert_eq!(d.path, "leaderboards/TopCoins");
    assert!(d.fix.contains("TopCoins2"), "{}", d.fix);

    let mut project = base();
    gui(&mut project, "Panel/List").name = "Title".into();
    board(&mut project).rows_in = "Panel".into();
    let d = only(&project, "duplicate-name");
    assert_eq!(d.path, "leaderboards/TopCoins/gui/Panel/Title");
}

#[test]
fn budget_messages_name_the_spender_the_figures_and_the_fix() {
    let mut project = base();
    board(&mut project).update_seconds = 10;
    let d = only(&project, "budget-exceeded");
    assert!(d.message.contains("leaderboard TopCoins"), "{}", d.message);
    assert!(
        d.message
            .contains("300 writes of leaderboard stats a minute with 50 players"),
        "{}",
        d.message
    );
    assert!(
        d.message.contains("allows this server 280"),
        "{}",
        d.message
    );
    assert!(
        d.fix
            .starts_with("Update the leaderboard TopCoins every 11 seconds or more"),
        "{}",
        d.fix
    );

    // Several spenders: auto-saves and backups share the write budget.
    let mut project = base();
    project.save_policy.auto_save_seconds = 60;
    project.save_policy.session_lock.timeout_seconds = 600;
    project.save_policy.backups.count = 3;
    project.save_policy.backups.interval_seconds = 1;
    project.save_policy.max_players = 3;
    let all = validate::check(&project);
    let over: Vec<&Diagnostic> = all.iter().filter(|d| d.code == "budget-exceeded").collect();
    assert_eq!(over.len(), 2, "reads and writes: {}", describe(&all));
    let d = over[1];
    assert!(
        d.message.contains("Backups (180) and auto-saves (3)"),
        "{}",
        d.message
    );
    assert!(d.message.contains("writes of player data"), "{}", d.message);
    assert_eq!(d.path, "saving/backups/interval_seconds");
    assert!(
        d.fix
            .starts_with("Back up each player every 2 seconds or more"),
        "{}",
        d.fix
    );
}

#[test]
fn budget_is_checked_at_one_player_too() {
    // Two leaderboards reading the top list every 9 seconds: 13.3 list reads
    // a minute, but one player's server gets 5 + 2.
    let mut project = base();
    project.save_policy.max_players = 100;
    board(&mut project).update_seconds = 17;
    let mut other = base_board();
    other.name = "TopCoins2".into();
    other.update_seconds = 17;
    project.leaderboards.push(other);
    let d = validate::check(&project);
    let budget: Vec<&Diagnostic> = d.iter().filter(|d| d.code.starts_with("budget")).collect();
    assert!(
        budget.iter().any(|d| d.message.contains("with 1 player,")),
        "{}",
        describe(&d)
    );
}

#[test]
fn lock_timeout_is_explained_in_plain_words() {
    let mut project = base();
    project.save_policy.session_lock.timeout_seconds = 120;
    let d = only(&project, "lock-timeout-too-short");
    assert!(d.message.contains("after 2 minutes"), "{}", d.message);
    assert!(d.message.contains("every 5 minutes"), "{}", d.message);
    assert!(
        d.message
            .contains("another server could take the player's data over"),
        "{}",
        d.message
    );
    assert!(d.fix.contains("10 minutes"), "{}", d.fix);
}

#[test]
fn size_messages_state_their_assumptions() {
    let mut project = base();
    let mut prices = Field::new("Prices", FieldType::Map(Box::new(FieldType::Integer)));
    prices.max_items = Some(200_000);
    project.schema.fields.push(prices);
    let d = only(&project, "record-too-large");
    assert!(
        d.message.contains("map keys as 50 characters"),
        "{}",
        d.message
    );
    assert!(d.message.contains("4,194,304"), "{}", d.message);
    assert!(d.message.contains("Prices ("), "{}", d.message);

    field(&mut project, "Prices").max_items = None;
    let d = only(&project, "size-unbounded");
    assert_eq!(d.path, "data/Prices/max_items");
    assert!(
        d.message
            .contains("Keys are counted as up to 50 characters"),
        "{}",
        d.message
    );

    // Lists inside lists can't be limited.
    let mut project = base();
    let mut grid = Field::new("Grid", list(list(FieldType::Integer)));
    grid.max_items = Some(10);
    project.schema.fields.push(grid);
    assert_eq!(only(&project, "size-unbounded").path, "data/Grid");
}

#[test]
fn the_size_estimate_is_public() {
    let size = validate::worst_case_record_size(&base().schema).expect("bounded");
    assert!(size > 300 && size < MAX_VALUE_CHARS, "{size}");
    let mut project = base();
    field(&mut project, "Title").max_length = None;
    assert_eq!(validate::worst_case_record_size(&project.schema), None);
}

#[test]
fn defaults_are_checked_inside_lists_maps_and_records() {
    let mut project = base();
    let mut teams = Field::new(
        "Teams",
        list(FieldType::Record(vec![
            int("Wins"),
            Field::new("Name", FieldType::String),
        ])),
    );
    teams.max_items = Some(5);
    let mut item = BTreeMap::new();
    item.insert("Wins".to_string(), Value::String("three".into()));
    teams.default = Some(Value::List(vec![
        Value::Map(BTreeMap::new()),
        Value::Map(item),
    ]));
    project.schema.fields.push(teams);
    let d = only(&project, "default-wrong-type");
    assert_eq!(d.path, "data/Teams/default");
    assert!(
        d.message
            .starts_with("Field Wins of item 2 of the default of Teams is \"three\""),
        "{}",
        d.message
    );

    // Whole numbers must stay exact in Luau.
    let mut project = base();
    field(&mut project, "Coins").default = Some(Value::Integer(1 << 60));
    assert_eq!(
        only(&project, "default-invalid-number").path,
        "data/Coins/default"
    );

    // No default: the field starts at 0, which must be allowed.
    let mut project = base();
    field(&mut project, "Level").default = None;
    assert!(
        only(&project, "default-out-of-range")
            .message
            .contains("start at 0")
    );
}

#[test]
fn renames_keep_types_and_merges_are_caught() {
    let mut project = with_history();
    old_fields(&mut project).push(int("Gold"));
    project.schema.changes.push(Change::Rename {
        from: "Gold".into(),
        to: "Coins".into(),
    });
    // Coins existed in version 1 and is kept: Gold would overwrite it.
    assert_eq!(
        only(&project, "conflicting-changes").path,
        "versions/2/changes/0"
    );

    // A rename to a field of another type needs a retype too.
    let mut project = with_history();
    old_fields(&mut project).push(Field::new("Gold", FieldType::String));
    project.schema.fields.push(int("Money"));
    project.schema.changes.push(Change::Rename {
        from: "Gold".into(),
        to: "Money".into(),
    });
    assert_eq!(
        only(&project, "type-changed-without-retype").path,
        "data/Money"
    );
    project.schema.changes.push(Change::Retype {
        field: "Gold".into(),
        conversion: Conversion::ParseNumber,
    });
    assert!(
        validate::check(&project).is_empty(),
        "{}",
        describe(&validate::check(&project))
    );

    // A DataStore move (new name for the current version) is fine.
    let mut project = with_history();
    project.save_policy.datastore = "PlayerData_v2".into();
    assert!(validate::check(&project).is_empty());
}

#[test]
fn surface_leaderboards_need_a_surface_gui() {
    let mut project = base();
    let b = board(&mut project);
    b.display = Display::surface("Board");
    b.gui = GuiNode::new("SurfaceGui", "BoardGui")
        .with("Face", PropValue::enum_item("NormalId", "Front"))
        .child(b.gui.children[0].clone());
    assert!(
        validate::check(&project).is_empty(),
        "{}",
        describe(&validate::check(&project))
    );
}

#[test]
fn enum_items_of_another_enum_are_rejected() {
    let mut project = base();
    set(
        gui(&mut project, "Panel/Title"),
        "TextXAlignment",
        PropValue::enum_item("HorizontalAlignment", "Left"),
    );
    assert!(
        only(&project, "enum-invalid")
            .message
            .contains("TextXAlignment choice")
    );
}

#[test]
fn a_large_valid_project_has_no_problems() {
    let mut project = base();
    for i in 0..300 {
        let mut f = int(&format!("Stat{i}"));
        f.max = Some(1e9);
        project.schema.fields.push(f);
    }
    for b in 0..5 {
        let mut board = base_board();
        board.name = format!("Top{b}");
        board.ordered_datastore = format!("Top{b}_v1");
        board.update_seconds = 300;
        let list = node(&mut board.gui, "Panel/List");
        for i in 0..200 {
            list.children
                .push(label(&format!("Entry{i}"), "x").with("LayoutOrder", PropValue::Int(i)));
        }
        project.leaderboards.push(board);
    }
    let diagnostics = validate::check(&project);
    println!(
        "checked {} GUI objects",
        project
            .leaderboards
            .iter()
            .map(|b| b.gui.count() + b.row_template.count())
            .sum::<usize>()
    );
    assert!(diagnostics.is_empty(), "{}", describe(&diagnostics));
}

#[test]
#[ignore = "prints every case's diagnostics for reading"]
fn show_messages() {
    for case in cases() {
        println!("== {}", case.code);
        for d in validate::check(&case.bad) {
            println!("{d}\n");
        }
    }
}

#[test]
fn a_missing_stat_suggests_only_fields_whose_names_work_in_code() {
    let mut project = base();
    project.schema.fields[0].name = "end".into(); // Coins, a whole number field, now reserved
    board(&mut project).stat = "Gone".into();
    let diagnostics = validate::check(&project);
    let missing = diagnostics
        .iter()
        .find(|d| d.path == "leaderboards/TopCoins/stat")
        .unwrap_or_else(|| panic!("{}", describe(&diagnostics)));
    assert!(missing.fix.contains("such as"), "{}", missing.fix);
    assert!(!missing.fix.contains("end"), "{}", missing.fix);
}
