//! The generated `Config` ModuleScript: every setting of the project as plain
//! Luau tables, read by the exported DataManager at run time.
//!
//! Shape (keys in this order):
//! - `dataStore`: `name`, `scope` (or nil), `keyPattern`
//! - `savePolicy`: `autoSaveSeconds`, `attempts`, `backoff`, `sessionLock`,
//!   `backups`, `maxPlayers`, `studio`, `loadWindowSeconds` (how long a join
//!   keeps trying to load before `onLoadFailure` applies), `onLoadFailure`,
//!   `shutdown`, `messages` (`loadFailed`, `sessionLocked`, `takenOver`,
//!   `loading`, `readOnlyNotice`)
//! - `schemaVersion`: the current version number
//! - `defaults`: a new player's record, fields in schema order
//! - `fields`: array of field descriptions (see [`field_spec`])
//! - `history`: earlier published versions by number: `datastore`, `fields`
//! - `migrations`: by the version a record moves to: `fromVersion`, `steps`
//!   (`{op = "rename", from, to}`, `{op = "remove", field}`,
//!   `{op = "retype", field, conversion, default}`) and `added` (new saved
//!   fields and their defaults; session-only fields always start at their
//!   defaults and are not listed)
//! - `leaderboards`: array of `name`, `stat`, `orderedDataStore`, `top`,
//!   `ascending`, `updateSeconds`, `display`, `numberFormat`, `emptyText`,
//!   and only when not the default: `periods` (`"AllTime"`, `"Daily"`,
//!   `"Weekly"`, `"Monthly"`) with `weekStarts` (days after Monday), `ranks`
//!   (`"Earned"`), `numberKind` (`"Decimal"` with `decimalPlaces`, `"Time"`,
//!   `"Huge"`), `youRow` (true)
//!
//! - `products`: developer products by product id: `name`, `grants`
//! - `gifts`: gifts by name: `grants`
//! - `grantHistory`: how many purchase ids (`purchases`) and applied gift ids
//!   (`gifts`) a record remembers, so neither is granted twice
//!
//! A grant is `{kind = "Add", field, amount}`, `{kind = "AddItem", field,
//! item, count}` or `{kind = "Set", field, value}` on a top-level field.
//!
//! Optional limits that are not set (`min`, `max`, `maxLength`, `maxItems`)
//! are left out of a field's description. NaN cannot be written in Luau:
//! a NaN limit is left out and a NaN default is written as nil (validation
//! rejects both before export).

use std::collections::BTreeSet;

use super::ast::{Chunk, Directive, Expr, NanAs, Stmt, Table, Type, TypeField};
use crate::project::commerce::{GIFT_HISTORY, Grant, PURCHASE_HISTORY};
use crate::project::leaderboard::{Display, NumberFormat, RankOrder};
use crate::project::save_policy::{Handoff, LoadFailure, StudioMode};
use crate::project::{
    Change, Conversion, Field, FieldType, Leaderboard, NumberKind, Project, Ranking, Schema, Value,
};

/// The formatted source of `Config.luau`.
pub fn generate(project: &Project) -> String {
    super::format_or_keep(chunk(project).print())
}

/// The syntax tree of `Config.luau`, before printing.
pub fn chunk(project: &Project) -> Chunk {
    let mut header = super::generated_header(&project.name);
    header.push(
        "Settings that DataManager runs with: where and how player data is saved, its fields, and leaderboards."
            .into(),
    );

    let config = || Expr::ident("Config");
    let mut body = spec_types();
    body.extend([
        Stmt::Local {
            name: "Config".into(),
            ty: None,
            value: Some(Table::new().into()),
        },
        Stmt::Blank,
    ]);
    let mut section = |key: &str, comment: &str, value: Expr| {
        body.push(Stmt::Comment(comment.into()));
        body.push(Stmt::Assign {
            target: config().field(key),
            value,
        });
        body.push(Stmt::Blank);
    };

    section(
        "dataStore",
        "Where each player's record is kept: the DataStore, its scope, and the key of each record ({UserId} is the player's id).",
        data_store(project),
    );
    section(
        "savePolicy",
        "When and how data is saved: auto-save, retries, session locking, backups, Studio, shutdown and kick messages.",
        save_policy(project),
    );
    section(
        "schemaVersion",
        "Version of the data's shape; each saved record carries the version it was saved with.",
        Expr::int(project.schema.version),
    );
    section(
        "defaults",
        "What a new player starts with.",
        record_defaults(&project.schema.fields).expand().into(),
    );
    section(
        "fields",
        "Every field of the data, so records can be checked when they are loaded and before they are saved.",
        fields_table(&project.schema.fields),
    );
    section(
        "history",
        "Earlier published versions of the data, by version number, so older records can still be read.",
        history(project).into(),
    );
    section(
        "migrations",
        "How a record saved under an earlier version is brought up to date, by the version it moves to.",
        migrations(project).into(),
    );
    section(
        "leaderboards",
        "Global leaderboards: a stat ranked across every server, and how its top list is shown.",
        leaderboards(&project.leaderboards).into(),
    );
    section(
        "products",
        "Developer products, by product id: what one purchase grants. DataManager handles their receipts; a game script can handle other products with DataManager:OnProductPurchase.",
        products(project),
    );
    section(
        "gifts",
        "Gifts the game's team can send with DataManager:Gift(userId, name), by name: what each grants.",
        gifts(project),
    );
    section(
        "grantHistory",
        "How many purchase ids and applied gift ids each record remembers, so none is granted twice.",
        Table::new()
            .with("purchases", Expr::int(PURCHASE_HISTORY))
            .with("gifts", Expr::int(GIFT_HISTORY))
            .into(),
    );
    body.push(Stmt::Return(vec![config()]));

    Chunk {
        directives: vec![Directive::Strict],
        header,
        body,
    }
}

fn data_store(project: &Project) -> Expr {
    let policy = &project.save_policy;
    Table::new_expanded()
        .with("name", policy.datastore.as_str())
        .with(
            "scope",
            policy.scope.as_deref().map_or(Expr::Nil, Expr::string),
        )
        .with("keyPattern", policy.key_pattern.as_str())
        .into()
}

fn save_policy(project: &Project) -> Expr {
    let p = &project.save_policy;
    Table::new_expanded()
        .with("autoSaveSeconds", p.auto_save_seconds)
        .with("attempts", p.attempts)
        .with(
            "backoff",
            Table::new()
                .with(
                    "firstDelaySeconds",
                    Expr::number(p.retry_backoff.first_delay_seconds, NanAs::Nil),
                )
                .with(
                    "maxDelaySeconds",
                    Expr::number(p.retry_backoff.max_delay_seconds, NanAs::Nil),
                )
                .with("jitter", p.retry_backoff.jitter),
        )
        .with(
            "sessionLock",
            Table::new()
                .with("enabled", p.session_lock.enabled)
                .with("timeoutSeconds", p.session_lock.timeout_seconds)
                .with("handoff", handoff_name(p.session_lock.handoff)),
        )
        .with(
            "backups",
            Table::new()
                .with("count", p.backups.count)
                .with("intervalSeconds", p.backups.interval_seconds),
        )
        .with("maxPlayers", p.max_players)
        .with("studio", studio_name(p.studio))
        .with("loadWindowSeconds", p.load_window_seconds)
        .with("onLoadFailure", load_failure_name(p.on_load_failure))
        .with(
            "shutdown",
            Table::new()
                .with("maxWaitSeconds", p.shutdown.max_wait_seconds)
                .with("skipWaitInStudio", p.shutdown.skip_wait_in_studio),
        )
        .with(
            "messages",
            // One message a line: together they never fit in one.
            Table::new_expanded()
                .with("loadFailed", p.messages.load_failed.as_str())
                .with("sessionLocked", p.messages.session_locked.as_str())
                .with("takenOver", p.messages.taken_over.as_str())
                .with("newerVersion", p.messages.newer_version.as_str())
                .with("loading", p.messages.loading.as_str())
                .with("readOnlyNotice", p.messages.read_only_notice.as_str()),
        )
        .into()
}

fn handoff_name(handoff: Handoff) -> &'static str {
    match handoff {
        Handoff::Fast => "Fast",
        Handoff::Strict => "Strict",
    }
}

fn studio_name(mode: StudioMode) -> &'static str {
    match mode {
        StudioMode::SeparateTestData => "SeparateTestData",
        StudioMode::UseDataStores => "UseDataStores",
        StudioMode::LoadOnly => "LoadOnly",
        StudioMode::Offline => "Offline",
    }
}

fn load_failure_name(failure: LoadFailure) -> &'static str {
    match failure {
        LoadFailure::Kick => "Kick",
        LoadFailure::ReadOnly => "ReadOnly",
    }
}

/// A value as a Luau literal; maps (and record values) with sorted keys.
pub fn value_expr(value: &Value) -> Expr {
    match value {
        Value::Integer(i) => Expr::int(*i),
        Value::Number(x) => Expr::number(*x, NanAs::Nil),
        Value::String(s) => Expr::string(s.as_str()),
        Value::Boolean(b) => Expr::Bool(*b),
        Value::List(items) => items.iter().map(value_expr).collect::<Table>().into(),
        Value::Map(entries) => {
            let mut table = Table::new();
            for (key, value) in entries {
                table.set(key.as_str(), value_expr(value));
            }
            table.into()
        }
    }
}

/// A field's default as a Luau literal; records keep their fields' order.
pub fn default_expr(field: &Field) -> Expr {
    match &field.ty {
        FieldType::Record(fields) => record_defaults(fields).into(),
        _ => value_expr(&field.effective_default()),
    }
}

fn record_defaults(fields: &[Field]) -> Table {
    let mut table = Table::new();
    for field in fields {
        table.set(field.name.as_str(), default_expr(field));
    }
    table
}

/// The description of a type for the run-time checker: `{ kind = "Integer" }`,
/// `{ kind = "List", item = ... }`, `{ kind = "Map", item = ... }` (keys are
/// text) or `{ kind = "Record", fields = { ... } }`.
pub fn type_spec(ty: &FieldType) -> Table {
    let table = Table::new();
    match ty {
        FieldType::Integer => table.with("kind", "Integer"),
        FieldType::Number => table.with("kind", "Number"),
        FieldType::String => table.with("kind", "String"),
        FieldType::Boolean => table.with("kind", "Boolean"),
        FieldType::List(item) => table.with("kind", "List").with("item", type_spec(item)),
        FieldType::Map(item) => table.with("kind", "Map").with("item", type_spec(item)),
        FieldType::Record(fields) => table.with("kind", "Record").with(
            "fields",
            Expr::from(
                fields
                    .iter()
                    .map(|f| field_spec(f).into())
                    .collect::<Table>(),
            )
            .cast(Type::Array(Box::new(Type::Named("FieldSpec".into())))),
        ),
    }
}

/// The description of a field: `name`, `type` ([`type_spec`]), the limits
/// that are set (`min`, `max`, `maxLength`, `maxItems`), `leaderstat` and
/// `saved`.
pub fn field_spec(field: &Field) -> Table {
    let mut table = Table::new()
        .with("name", field.name.as_str())
        .with("type", type_spec(&field.ty));
    if let Some(min) = field.min.and_then(|x| Expr::float(x).ok()) {
        table.set("min", min);
    }
    if let Some(max) = field.max.and_then(|x| Expr::float(x).ok()) {
        table.set("max", max);
    }
    if let Some(n) = field.max_length {
        table.set("maxLength", n);
    }
    if let Some(n) = field.max_items {
        table.set("maxItems", n);
    }
    table
        .with("leaderstat", field.leaderstat)
        .with("saved", field.saved)
}

/// One description per line, typed as the list of [`spec_types`] it is:
/// descriptions differ in which limits they set, and a list whose items
/// differ needs its type spelled out to pass Luau's strict type checker.
fn fields_table(fields: &[Field]) -> Expr {
    let mut table = Table::new_expanded();
    for field in fields {
        table.push(field_spec(field).expand());
    }
    Expr::from(table).cast(Type::Array(Box::new(Type::Named("FieldSpec".into()))))
}

/// `export type TypeSpec` and `FieldSpec`: the shape of [`type_spec`] and
/// [`field_spec`] tables.
fn spec_types() -> Vec<Stmt> {
    let optional = |name: &str| Type::Optional(Box::new(Type::Named(name.into())));
    let named = |name: &str| Type::Named(name.into());
    vec![
        Stmt::Comment("The shape of a field's description in `fields` and `history` below.".into()),
        Stmt::TypeDecl {
            export: true,
            name: "TypeSpec".into(),
            ty: Type::Table(vec![
                TypeField::new("kind", named("string")),
                TypeField::new("item", optional("TypeSpec")).with_comment("List and Map"),
                TypeField::new(
                    "fields",
                    Type::Optional(Box::new(Type::Array(Box::new(named("FieldSpec"))))),
                )
                .with_comment("Record"),
            ]),
        },
        Stmt::TypeDecl {
            export: true,
            name: "FieldSpec".into(),
            ty: Type::Table(vec![
                TypeField::new("name", named("string")),
                TypeField::new("type", named("TypeSpec")),
                TypeField::new("min", optional("number")),
                TypeField::new("max", optional("number")),
                TypeField::new("maxLength", optional("number")),
                TypeField::new("maxItems", optional("number")),
                TypeField::new("leaderstat", named("boolean")),
                TypeField::new("saved", named("boolean")),
            ]),
        },
        Stmt::Comment(
            "The shape of `products` and `gifts` below: what a purchase or a gift grants.".into(),
        ),
        Stmt::TypeDecl {
            export: true,
            name: "GrantSpec".into(),
            ty: Type::Table(vec![
                TypeField::new("kind", named("string"))
                    .with_comment("\"Add\", \"AddItem\" or \"Set\""),
                TypeField::new("field", named("string")),
                TypeField::new("amount", optional("number")).with_comment("Add"),
                TypeField::new("item", named("any")).with_comment("AddItem"),
                TypeField::new("count", optional("number")).with_comment("AddItem"),
                TypeField::new("value", optional("boolean")).with_comment("Set"),
            ]),
        },
        Stmt::TypeDecl {
            export: true,
            name: "ProductSpec".into(),
            ty: Type::Table(vec![
                TypeField::new("name", named("string")),
                TypeField::new("grants", Type::Array(Box::new(named("GrantSpec")))),
            ]),
        },
        Stmt::TypeDecl {
            export: true,
            name: "GiftSpec".into(),
            ty: Type::Table(vec![TypeField::new(
                "grants",
                Type::Array(Box::new(named("GrantSpec"))),
            )]),
        },
        Stmt::Blank,
    ]
}

fn history(project: &Project) -> Table {
    let mut table = Table::new_expanded();
    for published in &project.history {
        table.set_expr(
            Expr::int(published.schema.version),
            Table::new_expanded()
                .with("datastore", published.datastore.as_str())
                .with("fields", fields_table(&published.schema.fields)),
        );
    }
    table
}

/// Every published version, oldest first, the current one last.
fn versions(project: &Project) -> Vec<&Schema> {
    project
        .history
        .iter()
        .map(|p| &p.schema)
        .chain(std::iter::once(&project.schema))
        .collect()
}

fn migrations(project: &Project) -> Table {
    let mut table = Table::new_expanded();
    for pair in versions(project).windows(2) {
        let (previous, current) = (pair[0], pair[1]);
        let added = added_fields(previous, current);
        if current.changes.is_empty() && added.is_empty() {
            continue;
        }
        let steps: Table = current
            .changes
            .iter()
            .map(|change| step(change, current).into())
            .collect();
        let mut added_table = Table::new();
        for field in added {
            added_table.set(field.name.as_str(), default_expr(field));
        }
        table.set_expr(
            Expr::int(current.version),
            Table::new_expanded()
                .with("fromVersion", previous.version)
                .with("steps", steps.expand())
                .with("added", added_table),
        );
    }
    table
}

/// Saved fields of `current` that a record of `previous` does not have once
/// the changes are applied: they start at their default. Session-only fields
/// are never in a saved record; they always start at their default.
pub fn added_fields<'a>(previous: &Schema, current: &'a Schema) -> Vec<&'a Field> {
    let mut carried: BTreeSet<&str> = previous
        .fields
        .iter()
        .filter(|f| f.saved)
        .map(|f| f.name.as_str())
        .collect();
    for change in &current.changes {
        match change {
            Change::Rename { from, to } => {
                if carried.remove(from.as_str()) {
                    carried.insert(to.as_str());
                }
            }
            Change::Remove { field } => {
                carried.remove(field.as_str());
            }
            Change::Retype { .. } => {}
        }
    }
    current
        .fields
        .iter()
        .filter(|f| f.saved && !carried.contains(f.name.as_str()))
        .collect()
}

fn step(change: &Change, current: &Schema) -> Table {
    match change {
        Change::Rename { from, to } => Table::new()
            .with("op", "rename")
            .with("from", from.as_str())
            .with("to", to.as_str()),
        Change::Remove { field } => Table::new()
            .with("op", "remove")
            .with("field", field.as_str()),
        Change::Retype { field, conversion } => {
            let mut table = Table::new()
                .with("op", "retype")
                .with("field", field.as_str())
                .with("conversion", conversion_name(*conversion));
            // What a value that cannot be converted becomes.
            if let Some(f) = current.fields.iter().find(|f| &f.name == field) {
                table.set("default", default_expr(f));
            }
            table
        }
    }
}

fn conversion_name(conversion: Conversion) -> &'static str {
    match conversion {
        Conversion::Round => "Round",
        Conversion::Floor => "Floor",
        Conversion::ToNumber => "ToNumber",
        Conversion::ToText => "ToText",
        Conversion::ParseNumber => "ParseNumber",
        Conversion::WrapInList => "WrapInList",
        Conversion::ResetToDefault => "ResetToDefault",
    }
}

fn leaderboards(boards: &[Leaderboard]) -> Table {
    let mut table = Table::new_expanded();
    for board in boards {
        let display = match &board.display {
            Display::Screen => Table::new().with("kind", "Screen"),
            Display::Surface { part, .. } => Table::new()
                .with("kind", "Surface")
                .with("part", part.as_str()),
        };
        let mut entry = Table::new_expanded()
            .with("name", board.name.as_str())
            .with("stat", board.stat.as_str())
            .with("orderedDataStore", board.ordered_datastore.as_str())
            .with("top", board.top)
            .with("ascending", board.order == RankOrder::Ascending)
            .with("updateSeconds", board.update_seconds)
            .with("display", display)
            .with("numberFormat", number_format_name(board.number_format))
            .with("emptyText", board.empty_text.as_str());
        add_ranking(&mut entry, board);
        table.push(entry);
    }
    table
}

/// Periods, ranking, number kind and the "you" row, each only when it is not
/// the default, so boards without them export as they always did.
fn add_ranking(entry: &mut Table, board: &Leaderboard) {
    if !crate::project::periods::is_all_time_only(&board.periods) {
        let mut periods = Table::new();
        for period in &board.periods {
            periods.push(Expr::string(period.code()));
        }
        entry.set("periods", periods);
        entry.set(
            "weekStarts",
            Expr::int(i64::from(board.week_starts.from_monday())),
        );
    }
    if board.ranks == Ranking::Earned {
        entry.set("ranks", "Earned");
    }
    match board.number_kind {
        NumberKind::Whole => {}
        NumberKind::Decimal { places } => {
            entry.set("numberKind", "Decimal");
            entry.set("decimalPlaces", Expr::int(i64::from(places)));
        }
        NumberKind::Time => {
            entry.set("numberKind", "Time");
        }
        NumberKind::Huge => {
            entry.set("numberKind", "Huge");
        }
    }
    if board.you_row.is_some() {
        entry.set("youRow", true);
    }
}

fn grants_table(grants: &[Grant]) -> Expr {
    let mut table = Table::new_expanded();
    for grant in grants {
        table.push(match grant {
            Grant::Add { field, amount } => Table::new()
                .with("kind", "Add")
                .with("field", field.as_str())
                .with("amount", Expr::number(*amount, NanAs::Zero)),
            Grant::AddItem { field, item, count } => Table::new()
                .with("kind", "AddItem")
                .with("field", field.as_str())
                .with("item", value_expr(item))
                .with("count", Expr::int(*count)),
            Grant::Set { field, value } => Table::new()
                .with("kind", "Set")
                .with("field", field.as_str())
                .with("value", Expr::Bool(*value)),
        });
    }
    Expr::from(table).cast(Type::Array(Box::new(Type::Named("GrantSpec".into()))))
}

fn products(project: &Project) -> Expr {
    let mut table = Table::new_expanded();
    for product in &project.products {
        // Validation refuses ids above 2^53, which Luau can't hold exactly.
        let id = i64::try_from(product.id).unwrap_or(i64::MAX);
        table.set_expr(
            Expr::int(id),
            Table::new_expanded()
                .with("name", product.name.as_str())
                .with("grants", grants_table(&product.grants)),
        );
    }
    Expr::from(table).cast(Type::map(Type::number(), Type::Named("ProductSpec".into())))
}

fn gifts(project: &Project) -> Expr {
    let mut table = Table::new_expanded();
    for gift in &project.gifts {
        table.set(
            gift.name.as_str(),
            Table::new_expanded().with("grants", grants_table(&gift.grants)),
        );
    }
    Expr::from(table).cast(Type::map(Type::string(), Type::Named("GiftSpec".into())))
}

fn number_format_name(format: NumberFormat) -> &'static str {
    match format {
        NumberFormat::Abbreviated => "Abbreviated",
        NumberFormat::Separated => "Separated",
        NumberFormat::Plain => "Plain",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::luau::{format_luau, parse_luau};
    use crate::project::PublishedSchema;

    fn project() -> Project {
        let mut p = Project::new("Test \"Game\"\nTwo");
        let mut coins = Field::new("Coins", FieldType::Integer);
        coins.min = Some(0.0);
        coins.leaderstat = true;
        let mut speed = Field::new("Speed", FieldType::Number).with_default(Value::Number(16.5));
        speed.saved = false;
        speed.max = Some(f64::INFINITY);
        let settings = Field::new(
            "Settings",
            FieldType::Record(vec![
                Field::new("Music", FieldType::Boolean).with_default(Value::Boolean(true)),
                Field::new("my name", FieldType::String),
            ]),
        );
        let tags = Field::new("Tags", FieldType::Map(Box::new(FieldType::String))).with_default(
            Value::Map(
                [("b", "two"), ("a", "one")]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), Value::String(v.into())))
                    .collect(),
            ),
        );
        p.schema.fields = vec![coins, speed, settings, tags];
        p
    }

    fn check(code: &str) {
        parse_luau(code).unwrap_or_else(|e| panic!("{code}\n{e}"));
        assert_eq!(format_luau(code).unwrap(), code, "not StyLua-stable");
    }

    #[test]
    fn writes_defaults_in_schema_order_and_maps_sorted() {
        let code = generate(&project());
        check(&code);
        assert!(code.starts_with("--!strict\n-- Generated by DataStore Designer from the project \"Test \"Game\" Two\".\n"), "{code}");
        assert!(code.contains("\tCoins = 0,\n\tSpeed = 16.5,\n\tSettings = { Music = true, [\"my name\"] = \"\" },\n\tTags = { a = \"one\", b = \"two\" },\n"), "{code}");
        assert!(code.contains("max = math.huge,"), "{code}");
        assert!(code.contains("\t\tname = \"Speed\",\n\t\ttype = { kind = \"Number\" },\n\t\tmax = math.huge,\n\t\tleaderstat = false,\n\t\tsaved = false,\n"), "{code}");
        assert!(code.contains("Config.history = {}\n"), "{code}");
        assert!(code.contains("Config.migrations = {}\n"), "{code}");
        assert!(code.ends_with("\nreturn Config\n"));
    }

    #[test]
    fn nan_is_never_written() {
        let mut p = project();
        p.schema.fields[0].min = Some(f64::NAN);
        p.schema.fields[1].default = Some(Value::Number(f64::NAN));
        p.save_policy.retry_backoff.first_delay_seconds = f64::NAN;
        let code = generate(&p);
        check(&code);
        assert!(!code.to_lowercase().contains("nan"), "{code}");
        assert!(code.contains("Speed = nil,"), "{code}");
    }

    #[test]
    fn migrations_list_steps_and_added_fields() {
        let mut p = project();
        let mut v1 = p.schema.clone();
        v1.version = 1;
        v1.fields = vec![
            Field::new("Gold", FieldType::Integer),
            Field::new("Level", FieldType::Number),
            Field::new("Old", FieldType::String),
        ];
        let mut v2 = v1.clone();
        v2.version = 2;
        v2.fields.push(Field::new("Gems", FieldType::Integer));
        p.history = vec![
            PublishedSchema {
                datastore: "PlayerData_v1".into(),
                schema: v1,
            },
            PublishedSchema {
                datastore: "PlayerData_v1".into(),
                schema: v2,
            },
        ];
        p.schema.version = 3;
        p.schema
            .fields
            .push(Field::new("Level", FieldType::Integer).with_default(Value::Integer(1)));
        p.schema.changes = vec![
            Change::Rename {
                from: "Gold".into(),
                to: "Coins".into(),
            },
            Change::Remove {
                field: "Old".into(),
            },
            Change::Retype {
                field: "Level".into(),
                conversion: Conversion::Round,
            },
        ];
        let code = generate(&p);
        check(&code);
        assert!(code.contains("\t[2] = {\n\t\tfromVersion = 1,\n\t\tsteps = {},\n\t\tadded = { Gems = 0 },\n\t},\n"), "{code}");
        assert!(
            code.contains("{ op = \"rename\", from = \"Gold\", to = \"Coins\" },"),
            "{code}"
        );
        assert!(
            code.contains("{ op = \"remove\", field = \"Old\" },"),
            "{code}"
        );
        assert!(
            code.contains(
                "{ op = \"retype\", field = \"Level\", conversion = \"Round\", default = 1 },"
            ),
            "{code}"
        );
        // Coins comes from Gold and Level is retyped: only the new fields are
        // added, and Speed is not saved.
        assert!(code.contains("added = { Settings = { Music = true, [\"my name\"] = \"\" }, Tags = { a = \"one\", b = \"two\" } },"), "{code}");
        assert!(code.contains("Config.schemaVersion = 3\n"), "{code}");
    }

    #[test]
    fn deterministic() {
        let p = project();
        assert_eq!(generate(&p), generate(&p));
    }
}
