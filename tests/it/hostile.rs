//! Hostile input: validation and project loading must never panic, whatever
//! they are given: odd names, NaN and huge numbers, deep nesting, many
//! fields, broken or mutated project text.

use std::collections::BTreeMap;

use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use datastore_designer::project::classes::{self, ENUMS};
use datastore_designer::project::file::{parse_str, to_ron_string};
use datastore_designer::project::gui::{FontStyle, FontWeight, UDim};
use datastore_designer::project::leaderboard::Highlight;
use datastore_designer::project::save_policy::{
    Backoff, Backups, Handoff, LoadFailure, Messages, SavePolicy, SessionLock, Shutdown, StudioMode,
};
use datastore_designer::project::validate::{CODES, check, worst_case_record_size};
use datastore_designer::project::{
    Change, Conversion, DataStatusGui, Diagnostic, Display, Field, FieldType, Gift, Grant, GuiNode,
    Leaderboard, NumberFormat, Product, Project, PropValue, PublishedSchema, RankOrder, Schema,
    Value,
};
use datastore_designer::project::{NumberKind, Period, Ranking, Tabs, YouRow};

// ---------------------------------------------------------------------------
// Strategies.

/// Names designers (or broken files) might use: valid, reserved, empty,
/// duplicated, unicode, control characters, very long.
fn name() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[A-Za-z_][A-Za-z0-9_]{0,8}",
        2 => select(vec!["Coins", "Level", "Gold", "end", "nil", "", "Panel", "List", "a/b"])
            .prop_map(String::from),
        2 => any::<String>(),
        1 => "\\PC{0,12}",
        1 => "[\\x00-\\x1f\\x7f]{1,6}",
        1 => (0usize..3000).prop_map(|n| "é".repeat(n)),
    ]
    .boxed()
}

fn hostile_f64() -> BoxedStrategy<f64> {
    prop_oneof![
        any::<f64>(),
        select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            -0.0,
            0.0,
            1e300,
            9_007_199_254_740_993.0,
        ]),
        -1000.0..1000.0,
    ]
    .boxed()
}

fn hostile_f32() -> BoxedStrategy<f32> {
    prop_oneof![
        any::<f32>(),
        select(vec![
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::MAX,
            -0.0
        ]),
        -2.0f32..2.0,
    ]
    .boxed()
}

fn hostile_u32() -> BoxedStrategy<u32> {
    prop_oneof![
        any::<u32>(),
        select(vec![0, 1, 59, 60, 100, 101, 300, 600, 700, 701, u32::MAX]),
        0u32..1000,
    ]
    .boxed()
}

fn value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        any::<i64>().prop_map(Value::Integer),
        select(vec![0i64, -1, 1 << 53, (1 << 53) + 1, i64::MIN, i64::MAX]).prop_map(Value::Integer),
        hostile_f64().prop_map(Value::Number),
        name().prop_map(Value::String),
        any::<bool>().prop_map(Value::Boolean),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::List),
            btree_map(name(), inner, 0..4).prop_map(Value::Map),
        ]
    })
    .boxed()
}

fn field_with(ty: BoxedStrategy<FieldType>) -> BoxedStrategy<Field> {
    (
        name(),
        ty,
        (0u8..3, value()),
        (option::of(hostile_f64()), option::of(hostile_f64())),
        (option::of(hostile_u32()), option::of(hostile_u32())),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(name, ty, (default_mode, v), (min, max), (max_length, max_items), (ls, saved))| {
                let default = match default_mode {
                    0 => None,
                    1 => Some(v),
                    _ => Some(ty.empty_value()),
                };
                Field {
                    name,
                    ty,
                    default,
                    min,
                    max,
                    max_length,
                    max_items,
                    leaderstat: ls,
                    saved,
                    description: String::new(),
                }
            },
        )
        .boxed()
}

fn field_type() -> BoxedStrategy<FieldType> {
    let leaf = select(vec![
        FieldType::Integer,
        FieldType::Number,
        FieldType::String,
        FieldType::Boolean,
    ]);
    leaf.prop_recursive(5, 32, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| FieldType::List(Box::new(t))),
            inner.clone().prop_map(|t| FieldType::Map(Box::new(t))),
            vec(field_with(inner.boxed()), 0..4).prop_map(FieldType::Record),
        ]
    })
    .boxed()
}

fn field() -> BoxedStrategy<Field> {
    field_with(field_type())
}

fn change() -> BoxedStrategy<Change> {
    let pooled = || {
        prop_oneof![
            3 => select(vec!["Coins", "Level", "Gold", "Money", "Stats"]).prop_map(String::from),
            1 => name(),
        ]
    };
    prop_oneof![
        (pooled(), pooled()).prop_map(|(from, to)| Change::Rename { from, to }),
        pooled().prop_map(|field| Change::Remove { field }),
        (pooled(), select(Conversion::ALL.to_vec()))
            .prop_map(|(field, conversion)| Change::Retype { field, conversion }),
    ]
    .boxed()
}

fn schema() -> BoxedStrategy<Schema> {
    (hostile_u32(), vec(field(), 0..8), vec(change(), 0..4))
        .prop_map(|(version, fields, changes)| Schema {
            version,
            fields,
            changes,
        })
        .boxed()
}

fn prop_value() -> BoxedStrategy<PropValue> {
    let enum_names: Vec<&'static str> = ENUMS.iter().map(|(n, _)| *n).collect();
    let enum_items: Vec<&'static str> = ENUMS
        .iter()
        .flat_map(|(_, items)| items.iter().copied())
        .collect();
    prop_oneof![
        any::<bool>().prop_map(PropValue::Bool),
        any::<i64>().prop_map(PropValue::Int),
        hostile_f32().prop_map(PropValue::Float),
        prop_oneof![
            name(),
            select(vec![
                "{rank}",
                "#{rank} {name}",
                "{value}",
                "{avatar}",
                "{Rank}",
                "{"
            ])
            .prop_map(String::from)
        ]
        .prop_map(PropValue::String),
        prop_oneof![
            name(),
            select(vec!["{avatar}", "rbxassetid://1", "123", "x{avatar}"]).prop_map(String::from)
        ]
        .prop_map(PropValue::Content),
        (hostile_f32(), any::<i32>()).prop_map(|(s, o)| PropValue::UDim(UDim(s, o))),
        (hostile_f32(), any::<i32>(), hostile_f32(), any::<i32>())
            .prop_map(|(a, b, c, d)| PropValue::UDim2(UDim(a, b), UDim(c, d))),
        (hostile_f32(), hostile_f32()).prop_map(|(x, y)| PropValue::Vector2(x, y)),
        any::<(u8, u8, u8)>().prop_map(|(r, g, b)| PropValue::Color3(r, g, b)),
        (name(), select(FontWeight::ALL.to_vec()), any::<bool>()).prop_map(
            |(family, weight, italic)| {
                PropValue::Font {
                    family,
                    weight,
                    style: if italic {
                        FontStyle::Italic
                    } else {
                        FontStyle::Normal
                    },
                }
            }
        ),
        (
            prop_oneof![select(enum_names).prop_map(String::from), name()],
            prop_oneof![select(enum_items).prop_map(String::from), name()],
        )
            .prop_map(|(ty, item)| PropValue::Enum(ty, item)),
    ]
    .boxed()
}

fn gui_tree() -> BoxedStrategy<GuiNode> {
    let class_names: Vec<&'static str> = classes::classes().keys().copied().collect();
    let mut prop_names: Vec<&'static str> = classes::classes()
        .values()
        .flat_map(|c| c.properties.iter().map(|p| p.name))
        .collect();
    prop_names.sort_unstable();
    prop_names.dedup();
    let class = prop_oneof![4 => select(class_names).prop_map(String::from), 1 => name()];
    let prop = prop_oneof![4 => select(prop_names).prop_map(String::from), 1 => name()];
    let leaf = (class, name(), btree_map(prop, prop_value(), 0..5)).prop_map(
        |(class, name, properties)| GuiNode {
            class,
            name,
            properties,
            children: Vec::new(),
        },
    );
    leaf.prop_recursive(5, 40, 5, |inner| {
        (inner.clone(), vec(inner, 0..5)).prop_map(|(mut node, children)| {
            node.children = children;
            node
        })
    })
    .boxed()
}

fn leaderboard() -> BoxedStrategy<Leaderboard> {
    (
        (
            name(),
            prop_oneof![
                select(vec!["Coins", "Level", "Gold"]).prop_map(String::from),
                name()
            ],
            name(),
        ),
        (hostile_u32(), hostile_u32(), any::<bool>()),
        (option::of(name()), gui_tree(), gui_tree()),
        prop_oneof![
            select(vec!["", "Panel", "Panel/List", "/", "//x"]).prop_map(String::from),
            name()
        ],
        name(),
        ranking(),
    )
        .prop_map(
            |(
                (name, stat, ordered_datastore),
                (top, update_seconds, ascending),
                (part, gui, row_template),
                rows_in,
                empty_text,
                (periods, ranks, number_kind, you_row, tabs),
            )| {
                Leaderboard {
                    name,
                    stat,
                    ordered_datastore,
                    top,
                    order: if ascending {
                        RankOrder::Ascending
                    } else {
                        RankOrder::Descending
                    },
                    update_seconds,
                    display: match part {
                        None => Display::Screen,
                        Some(part) => Display::surface(part),
                    },
                    number_format: NumberFormat::Separated,
                    gui,
                    rows_in,
                    row_template,
                    highlight: Highlight::default(),
                    empty_text,
                    periods,
                    week_starts: Default::default(),
                    ranks,
                    number_kind,
                    you_row,
                    tabs,
                }
            },
        )
        .boxed()
}

/// Periods (repeated, empty or all four), any ranking and kind of number
/// (places out of range too), a "you" row and tabs anywhere.
#[allow(clippy::type_complexity)]
fn ranking() -> BoxedStrategy<(
    Vec<Period>,
    Ranking,
    NumberKind,
    Option<YouRow>,
    Option<Tabs>,
)> {
    let period = select(Period::ALL.to_vec());
    (
        vec(period, 0..6),
        prop_oneof![Just(Ranking::Total), Just(Ranking::Earned)],
        prop_oneof![
            Just(NumberKind::Whole),
            any::<u8>().prop_map(|places| NumberKind::Decimal { places }),
            Just(NumberKind::Time),
            Just(NumberKind::Huge),
        ],
        option::of(
            (name(), name()).prop_map(|(goes_in, unranked_text)| YouRow {
                goes_in,
                unranked_text,
            }),
        ),
        option::of((name(), gui_tree()).prop_map(|(goes_in, template)| Tabs { goes_in, template })),
    )
        .boxed()
}

fn save_policy() -> BoxedStrategy<SavePolicy> {
    (
        (
            name(),
            option::of(name()),
            prop_oneof![
                name(),
                select(vec!["Player_{UserId}", "{UserId}", "{userid}"]).prop_map(String::from)
            ],
        ),
        (hostile_u32(), hostile_u32(), hostile_f64(), hostile_f64()),
        (any::<bool>(), hostile_u32(), hostile_u32(), hostile_u32()),
        (hostile_u32(), hostile_u32(), name(), any::<u8>()),
    )
        .prop_map(
            |(
                (datastore, scope, key_pattern),
                (auto, attempts, first, max),
                (lock, timeout, count, interval),
                (players, wait, message, mode),
            )| {
                SavePolicy {
                    datastore,
                    scope,
                    key_pattern,
                    auto_save_seconds: auto,
                    attempts,
                    retry_backoff: Backoff {
                        first_delay_seconds: first,
                        max_delay_seconds: max,
                        jitter: mode & 1 == 0,
                    },
                    session_lock: SessionLock {
                        enabled: lock,
                        timeout_seconds: timeout,
                        handoff: if mode & 2 == 0 {
                            Handoff::Fast
                        } else {
                            Handoff::Strict
                        },
                    },
                    backups: Backups {
                        count,
                        interval_seconds: interval,
                    },
                    max_players: players,
                    load_window_seconds: wait.saturating_mul(3),
                    studio: match mode % 3 {
                        0 => StudioMode::UseDataStores,
                        1 => StudioMode::LoadOnly,
                        _ => StudioMode::Offline,
                    },
                    on_load_failure: if mode & 4 == 0 {
                        LoadFailure::Kick
                    } else {
                        LoadFailure::ReadOnly
                    },
                    shutdown: Shutdown {
                        max_wait_seconds: wait,
                        skip_wait_in_studio: mode & 8 == 0,
                    },
                    messages: Messages {
                        load_failed: message.clone(),
                        session_locked: message.clone(),
                        taken_over: String::new(),
                        newer_version: message.clone(),
                        loading: message,
                        read_only_notice: String::new(),
                    },
                }
            },
        )
        .boxed()
}

fn grant() -> BoxedStrategy<Grant> {
    prop_oneof![
        (name(), hostile_f64()).prop_map(|(field, amount)| Grant::Add { field, amount }),
        (name(), value(), hostile_u32()).prop_map(|(field, item, count)| Grant::AddItem {
            field,
            item,
            count
        }),
        (name(), any::<bool>()).prop_map(|(field, value)| Grant::Set { field, value }),
    ]
    .boxed()
}

fn product() -> BoxedStrategy<Product> {
    (any::<u64>(), name(), vec(grant(), 0..4), name())
        .prop_map(|(id, name, grants, description)| Product {
            id,
            name,
            grants,
            description,
        })
        .boxed()
}

fn gift() -> BoxedStrategy<Gift> {
    (name(), vec(grant(), 0..4), name())
        .prop_map(|(name, grants, description)| Gift {
            name,
            grants,
            description,
        })
        .boxed()
}

fn project() -> BoxedStrategy<Project> {
    (
        name(),
        schema(),
        vec((name(), schema()), 0..3),
        save_policy(),
        vec(leaderboard(), 0..3),
        option::of(gui_tree()),
        vec(product(), 0..3),
        vec(gift(), 0..3),
    )
        .prop_map(
            |(name, schema, history, save_policy, leaderboards, status, products, gifts)| Project {
                format_version: 1,
                name,
                schema,
                history: history
                    .into_iter()
                    .map(|(datastore, schema)| PublishedSchema { datastore, schema })
                    .collect(),
                save_policy,
                leaderboards,
                // The default design, or any tree at all.
                data_status: status.map(|gui| DataStatusGui { gui }).unwrap_or_default(),
                products,
                gifts,
            },
        )
        .boxed()
}

/// Runs the checks and the size estimate, and checks what they return.
fn run(project: &Project) -> Vec<Diagnostic> {
    let diagnostics = check(project);
    let _ = worst_case_record_size(&project.schema);
    // What the app draws and counts even while a project has errors.
    let _ = datastore_designer::project::budget::estimate(project, 50);
    for board in &project.leaderboards {
        let entries = datastore_designer::layout::sample_entries(3, 1000);
        let mut gui = datastore_designer::layout::fill_rows(board, &entries, board.number_format);
        datastore_designer::layout::preview_ranking(board, &mut gui, &entries);
    }
    let mut seen_warning = false;
    for d in &diagnostics {
        assert!(
            CODES
                .iter()
                .any(|(code, severity, _)| *code == d.code && *severity == d.severity),
            "unlisted code {} ({})",
            d.code,
            d.severity
        );
        assert!(!d.message.is_empty() && !d.fix.is_empty(), "{d}");
        if d.is_error() {
            assert!(!seen_warning, "an error after a warning");
        } else {
            seen_warning = true;
        }
    }
    diagnostics
}

// ---------------------------------------------------------------------------
// Validation.

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_projects_never_panic(project in project()) {
        run(&project);
    }

    #[test]
    fn random_fields_never_panic(fields in vec(field(), 0..30)) {
        let mut project = Project::new("Fields");
        project.schema.fields = fields;
        run(&project);
    }
}

/// A type `levels` deep; each level a list, a map or a record, as `kinds` says.
fn nested(kinds: &[u8], leaf: FieldType) -> FieldType {
    kinds.iter().fold(leaf, |inner, kind| match kind % 3 {
        0 => FieldType::List(Box::new(inner)),
        1 => FieldType::Map(Box::new(inner)),
        _ => {
            let mut f = Field::new("Inner", inner);
            f.max_items = Some(3);
            FieldType::Record(vec![f])
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn deep_nesting_never_panics(
        kinds in vec(any::<u8>(), 1..=60),
        old_kinds in vec(any::<u8>(), 1..=60),
        default in value(),
        limits in (option::of(hostile_u32()), option::of(hostile_u32())),
    ) {
        let ty = nested(&kinds, FieldType::String);
        let mut deep = Field::new("Deep", ty.clone());
        deep.max_items = limits.0;
        deep.max_length = limits.1;
        deep.default = Some(if kinds.len().is_multiple_of(2) { ty.empty_value() } else { default });
        let mut project = Project::new("Deep");
        project.schema.version = 2;
        project.schema.fields = vec![deep];
        project.schema.changes = vec![Change::Retype {
            field: "Deep".into(),
            conversion: Conversion::WrapInList,
        }];
        project.history.push(PublishedSchema {
            datastore: "PlayerData_v1".into(),
            schema: Schema {
                version: 1,
                fields: vec![Field::new("Deep", nested(&old_kinds, FieldType::Integer))],
                changes: Vec::new(),
            },
        });
        let diagnostics = run(&project);
        if kinds.len() > 40 {
            prop_assert!(diagnostics.iter().any(|d| d.code == "nesting-too-deep"));
        }
    }
}

fn list_chain(levels: usize) -> FieldType {
    (0..levels).fold(FieldType::Integer, |inner, _| {
        FieldType::List(Box::new(inner))
    })
}

fn record_chain(levels: usize) -> FieldType {
    (0..levels).fold(FieldType::Integer, |inner, _| {
        FieldType::Record(vec![Field::new("Level", inner)])
    })
}

#[test]
fn very_deep_structures_are_reported_not_recursed() {
    // Far deeper than anyone would build, and than the RON reader accepts.
    // Building is a loop; checking must not recurse either.
    let deep_fields = || {
        vec![
            Field::new("Lists", list_chain(2000)),
            Field::new("Records", record_chain(2000)),
        ]
    };
    let mut project = Project::new("Deep");
    project.schema.version = 2;
    project.schema.fields = deep_fields();
    project.history.push(PublishedSchema {
        datastore: "PlayerData_v0".into(),
        schema: Schema {
            version: 1,
            fields: deep_fields(),
            changes: Vec::new(),
        },
    });
    let mut gui = GuiNode::new("TextLabel", "Bottom");
    for i in 0..2000 {
        gui = GuiNode::new("Frame", format!("F{i}")).child(gui);
    }
    project.leaderboards.push(Leaderboard {
        name: "Deep".into(),
        stat: "Lists".into(),
        ordered_datastore: "Deep_v1".into(),
        top: 10,
        order: RankOrder::Descending,
        update_seconds: 60,
        display: Display::Screen,
        number_format: NumberFormat::Plain,
        gui: GuiNode::new("ScreenGui", "Root").child(gui),
        rows_in: "x/".repeat(5000),
        row_template: GuiNode::new("Frame", "Row"),
        highlight: Highlight::default(),
        empty_text: String::new(),
        periods: vec![datastore_designer::project::Period::AllTime],
        week_starts: Default::default(),
        ranks: Default::default(),
        number_kind: Default::default(),
        you_row: None,
        tabs: None,
    });
    let diagnostics = run(&project);
    let size = worst_case_record_size(&project.schema);
    // Dropping 2,000 levels recursively is the test's own business: do it
    // on a thread with room to spare.
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || drop(project))
        .unwrap()
        .join()
        .unwrap();
    let deep: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.code == "nesting-too-deep")
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        deep,
        [
            "data/Lists",
            "data/Records/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level/Level"
        ]
    );
    assert_eq!(size, None);
}

#[test]
fn ten_thousand_fields_check_quickly() {
    let mut project = Project::new("Many");
    let kinds = [
        FieldType::Integer,
        FieldType::Number,
        FieldType::String,
        FieldType::Boolean,
        FieldType::List(Box::new(FieldType::String)),
        FieldType::Map(Box::new(FieldType::Integer)),
        FieldType::Record(vec![Field::new("Inner", FieldType::Integer)]),
    ];
    for i in 0..10_000 {
        let name = match i % 5 {
            0 => format!("Field{i}"),
            1 => "Same".to_string(),        // 2,000 duplicates
            2 => format!("Field{}", i - 2), // more duplicates
            3 => format!("bad name {i}\u{7}"),
            _ => format!("Münze{i}"),
        };
        let mut field = Field::new(name, kinds[i % kinds.len()].clone());
        field.leaderstat = i.is_multiple_of(3);
        field.default = Some(Value::Integer(i as i64 * 1_000_000_000_000));
        project.schema.fields.push(field);
    }
    project.schema.changes.push(Change::Remove {
        field: "Same".into(),
    });
    let diagnostics = run(&project);
    println!("{} diagnostics", diagnostics.len());
    assert!(diagnostics.len() > 10_000);
}

// ---------------------------------------------------------------------------
// Loading project text.

fn sample_text() -> String {
    let mut project = Project::new("Sample");
    let mut coins = Field::new("Coins", FieldType::Integer).with_default(Value::Integer(0));
    coins.leaderstat = true;
    coins.min = Some(0.0);
    let mut inventory = Field::new("Inventory", FieldType::List(Box::new(FieldType::String)));
    inventory.max_items = Some(10);
    let mut prices = BTreeMap::new();
    prices.insert("gold".to_string(), Value::Number(1.5));
    let prices = Field::new("Prices", FieldType::Map(Box::new(FieldType::Number)))
        .with_default(Value::Map(prices));
    project.schema.fields = vec![coins, inventory, prices];
    project.leaderboards.push(Leaderboard {
        name: "TopCoins".into(),
        stat: "Coins".into(),
        ordered_datastore: "TopCoins_v1".into(),
        top: 10,
        order: RankOrder::Descending,
        update_seconds: 120,
        display: Display::surface("Board"),
        number_format: NumberFormat::Abbreviated,
        gui: GuiNode::new("SurfaceGui", "Gui").child(
            GuiNode::new("ScrollingFrame", "List")
                .with("Size", PropValue::udim2(1.0, 0, 1.0, 0))
                .with(
                    "ScrollingDirection",
                    PropValue::enum_item("ScrollingDirection", "Y"),
                ),
        ),
        rows_in: "List".into(),
        row_template: GuiNode::new("Frame", "Row")
            .child(
                GuiNode::new("TextLabel", "Text")
                    .with("Text", PropValue::String("{rank} {name} {value}".into())),
            )
            .child(
                GuiNode::new("ImageLabel", "Avatar")
                    .with("Image", PropValue::Content("{avatar}".into())),
            ),
        highlight: Highlight::default(),
        empty_text: "No scores yet".into(),
        periods: vec![datastore_designer::project::Period::AllTime],
        week_starts: Default::default(),
        ranks: Default::default(),
        number_kind: Default::default(),
        you_row: None,
        tabs: None,
    });
    to_ron_string(&project)
}

/// Parses and, when the text loads, checks the project.
fn load(text: &str) {
    if let Ok(project) = parse_str(text, "test") {
        run(&project);
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
    Replace(usize, char),
    /// Replaces the next number after a position with another literal.
    Number(usize, String),
    /// Replaces the next quoted text after a position with other text.
    Text(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop_oneof![
        any::<String>(),
        select(vec![
            "(",
            ")",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "NaN",
            "inf",
            "-1",
            "99999999999999999999",
            "List(",
            "Some(",
            "None",
            "0.5e999"
        ])
        .prop_map(String::from),
    ];
    prop_oneof![
        1 => (any::<usize>(), 0usize..40).prop_map(|(at, len)| Edit::Delete(at, len)),
        1 => (any::<usize>(), piece).prop_map(|(at, text)| Edit::Insert(at, text)),
        1 => (any::<usize>(), 0usize..200).prop_map(|(at, len)| Edit::Duplicate(at, len)),
        1 => (any::<usize>(), any::<char>()).prop_map(|(at, c)| Edit::Replace(at, c)),
        3 => (any::<usize>(), prop_oneof![
            select(vec!["NaN", "inf", "-inf", "-1", "0", "1e308", "-0.0", "4294967296", "99999999999999999999", "9007199254740993"])
                .prop_map(String::from),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|x| format!("{x:?}")),
        ]).prop_map(|(at, n)| Edit::Number(at, n)),
        3 => (any::<usize>(), name()).prop_map(|(at, t)| Edit::Text(at, t)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let n = chars.len().max(1);
        match edit {
            Edit::Delete(at, len) => {
                let at = at % n;
                let end = (at + len).min(chars.len());
                if at < end {
                    chars.drain(at..end);
                }
            }
            Edit::Insert(at, piece) => {
                let at = (at % n).min(chars.len());
                chars.splice(at..at, piece.chars());
            }
            Edit::Duplicate(at, len) => {
                let at = (at % n).min(chars.len());
                let end = (at + len).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                chars.splice(end..end, copy);
            }
            Edit::Number(at, literal) => {
                let at = (at % n).min(chars.len());
                if let Some(start) = (at..chars.len()).find(|&i| chars[i].is_ascii_digit()) {
                    let end = (start..chars.len())
                        .find(|&i| !(chars[i].is_ascii_digit() || chars[i] == '.'))
                        .unwrap_or(chars.len());
                    chars.splice(start..end, literal.chars());
                }
            }
            Edit::Text(at, text) => {
                let at = (at % n).min(chars.len());
                if let Some(open) = (at..chars.len()).find(|&i| chars[i] == '"') {
                    let close = (open + 1..chars.len())
                        .find(|&i| chars[i] == '"' && chars[i - 1] != '\\')
                        .unwrap_or(chars.len());
                    chars.splice(
                        open..close.saturating_add(1).min(chars.len()),
                        format!("{text:?}").chars(),
                    );
                }
            }
            Edit::Replace(at, c) => {
                if !chars.is_empty() {
                    let at = at % chars.len();
                    chars[at] = *c;
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn the_sample_text_loads() {
    let text = sample_text();
    let project = parse_str(&text, "sample").expect("sample loads");
    assert!(
        !check(&project).iter().any(Diagnostic::is_error),
        "{:?}",
        check(&project)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        load(&text);
        load(&format!("(format_version: 1, {text}"));
    }

    #[test]
    fn mutated_project_text_never_panics(edits in vec(edit(), 1..4)) {
        load(&apply(&sample_text(), &edits));
    }
}

#[test]
fn deeply_nested_text_is_refused_not_overflowed() {
    for depth in [100, 1_000, 20_000] {
        let ty = format!("{}Integer{}", "List(".repeat(depth), ")".repeat(depth));
        let text = format!(
            "(format_version: 1, name: \"x\", schema: (version: 1, fields: [(name: \"a\", type: {ty})]), \
             save_policy: (datastore: \"d\", auto_save_seconds: 1, attempts: 1, \
             retry_backoff: (first_delay_seconds: 1.0, max_delay_seconds: 1.0, jitter: true), \
             session_lock: (enabled: true, timeout_seconds: 1, handoff: Fast), \
             backups: (count: 0, interval_seconds: 1), max_players: 1, studio: Offline, \
             on_load_failure: Kick, shutdown: (max_wait_seconds: 1, skip_wait_in_studio: true), \
             messages: (load_failed: \"\", session_locked: \"\", taken_over: \"\")))"
        );
        load(&text);
        let value = format!("{}1{}", "List([".repeat(depth), "])".repeat(depth));
        load(&text.replace("type: ", &format!("default: {value}, type: ")));
    }
}
