//! The data-status LocalScript: `StarterPlayerScripts/DataStatus/`, a
//! hand-written `init.client.luau` (in `assets/luau/DataStatus/`, embedded)
//! and the generated `Config.luau` it reads.
//!
//! Config shape:
//! - `stateAttribute`: the Player attribute the DataManager sets
//!   ("Loading", "Ready" or "ReadOnly");
//! - `objects`: by state, the name of the object shown in it;
//! - `messages`: by state, the text `{message}` is replaced with;
//! - `gui`: the designed ScreenGui as `{ class, name, properties, children }`,
//!   `properties` an array of `{ name, value }` pairs holding every property
//!   of the class table (the designer's value or Studio's default), in that
//!   table's order, so Instance.new's defaults never show.

use super::ast::{Chunk, Directive, Expr, Stmt, Table, Type};
use crate::project::Project;
use crate::project::data_status::{DataState, STATE_ATTRIBUTE};
use crate::project::gui::{FontStyle, GuiNode, PropValue};
use crate::studio::plan::ExportPlan;
use crate::studio::rojo::{self, Container, ScriptKind};

/// The LocalScript's name in StarterPlayerScripts (a folder in Rojo).
pub const SCRIPT: &str = "DataStatus";

/// The hand-written script, exported unchanged.
pub const SOURCE: &str = include_str!("../../assets/luau/DataStatus/init.client.luau");

/// Where the script goes in the export folder.
pub fn script_path() -> String {
    rojo::script_path(
        Container::StarterPlayerScripts,
        &[SCRIPT],
        "init",
        ScriptKind::Client,
    )
}

/// Where its generated Config goes.
pub fn config_path() -> String {
    rojo::script_path(
        Container::StarterPlayerScripts,
        &[SCRIPT],
        "Config",
        ScriptKind::Module,
    )
}

/// Adds the script and its Config.
pub fn add_client_script(plan: &mut ExportPlan, project: &Project) {
    plan.add(script_path(), SOURCE);
    plan.add(config_path(), generate(project));
}

/// The formatted source of the Config module.
pub fn generate(project: &Project) -> String {
    super::format_or_keep(chunk(project).print())
}

fn state_key(state: DataState) -> &'static str {
    match state {
        DataState::Loading => "Loading",
        DataState::ReadOnly => "ReadOnly",
    }
}

pub fn chunk(project: &Project) -> Chunk {
    let mut header = super::generated_header(&project.name);
    header.push(
        "The data-status GUI as designed: shown while the player's data loads, and while it won't be saved."
            .into(),
    );
    let config = || Expr::ident("Config");
    let mut body = vec![
        Stmt::Local {
            name: "Config".into(),
            ty: None,
            value: Some(Table::new().into()),
        },
        Stmt::Blank,
    ];
    let mut section = |key: &str, comment: &str, value: Expr| {
        body.push(Stmt::Comment(comment.into()));
        body.push(Stmt::Assign {
            target: config().field(key),
            value,
        });
        body.push(Stmt::Blank);
    };
    section(
        "stateAttribute",
        "The Player attribute the DataManager keeps up to date: \"Loading\", \"Ready\" or \"ReadOnly\".",
        Expr::string(STATE_ATTRIBUTE),
    );
    let mut objects = Table::new_expanded();
    let mut messages = Table::new_expanded();
    for state in DataState::ALL {
        objects.set(state_key(state), state.object());
        messages.set(
            state_key(state),
            state.message(&project.save_policy.messages),
        );
    }
    section(
        "objects",
        "The object of the GUI shown in each state (the others are hidden).",
        objects.into(),
    );
    section(
        "messages",
        "What {message} shows in each state.",
        messages.into(),
    );
    // The tree gets its type up front: without it Luau's checker would infer each
    // property list's type from its first pair and refuse the other values.
    body.push(Stmt::Comment(
        "One GUI object: its class, name, every property as { name, value } in order, and children."
            .into(),
    ));
    body.push(Stmt::TypeDecl {
        export: true,
        name: "Node".into(),
        ty: Type::Named(
            "{ class: string, name: string, properties: { { any } }, children: { Node } }".into(),
        ),
    });
    body.push(Stmt::Blank);
    body.push(Stmt::Comment(
        "The GUI: each object's class, name, every property in order, and children.".into(),
    ));
    body.push(Stmt::Local {
        name: "gui".into(),
        ty: Some(Type::Named("Node".into())),
        value: Some(node_table(&project.data_status.gui).into()),
    });
    body.push(Stmt::Assign {
        target: config().field("gui"),
        value: Expr::ident("gui"),
    });
    body.push(Stmt::Blank);
    body.push(Stmt::Return(vec![config()]));
    Chunk {
        directives: vec![Directive::Strict],
        header,
        body,
    }
}

fn node_table(node: &GuiNode) -> Table {
    let mut properties = Table::new_expanded();
    for (name, value) in super::gui_properties_in_order(node) {
        properties.push(
            Table::new()
                .with_item(Expr::string(name.as_str()))
                .with_item(value_expr(&value)),
        );
    }
    let mut children = Table::new_expanded();
    for child in &node.children {
        children.push(node_table(child));
    }
    Table::new_expanded()
        .with("class", node.class.as_str())
        .with("name", node.name.as_str())
        .with("properties", properties)
        .with("children", children)
}

/// A property value as the Luau that makes it; fonts name their family
/// directly (the leaderboard scripts use a FONTS table instead).
fn value_expr(value: &PropValue) -> Expr {
    match value {
        PropValue::Font {
            family,
            weight,
            style,
        } => Expr::ident("Font").field("new").call(vec![
            Expr::string(family.as_str()),
            Expr::ident("Enum").field("FontWeight").field(weight.name()),
            Expr::ident("Enum").field("FontStyle").field(match style {
                FontStyle::Normal => "Normal",
                FontStyle::Italic => "Italic",
            }),
        ]),
        other => super::client::value_expr(other),
    }
}
