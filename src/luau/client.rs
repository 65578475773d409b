//! The generated client scripts: one LocalScript per leaderboard, under
//! StarterPlayerScripts (`Leaderboards/<Name>.client.luau`).
//!
//! Each script
//! 1. builds the designed GUI with `Instance.new`, one function per element
//!    (a GuiObject and its layout helpers) named after the designer's names,
//!    setting every property of the class table explicitly: the value the
//!    designer chose or Studio's default, never Instance.new's (which
//!    differ, e.g. a new Frame is grey with a border);
//! 2. puts it in the player's PlayerGui (a SurfaceGui too, with its Adornee
//!    set to the part, so it can be clicked), showing the empty text;
//! 3. waits for the board's RemoteEvent
//!    (`ReplicatedStorage.DataStoreDesigner.Leaderboards.<Name>`) and, on
//!    every top list, checks each entry's types, removes the old rows and
//!    builds one row per entry from the row template (`buildRow(entry)`),
//!    named and ordered as [`crate::layout::fill::fill_rows`] names them.
//!
//! Decisions:
//! - `{name}` is the username (unique, what the designer's preview shows),
//!   never the display name, and every label showing it has
//!   `RichText = false`, so a name is always plain text.
//! - The local player's row colour wins over the top-3 colours.
//! - A payload that is not a list is ignored (the rows stay); entries with
//!   a wrong type are skipped; at most `top` rows are shown.
//! - `{avatar}` shows a placeholder image until
//!   `Players:GetUserThumbnailAsync` (in a pcall) answers; answers are
//!   cached per user.

mod ranking;

use std::collections::BTreeSet;

use super::ast::{
    BinOp, Chunk, Directive, Expr, For, FunctionBody, FunctionDecl, FunctionName, If, NanAs, Param,
    Stmt, Table, Type, TypeField, UnOp,
};
use crate::project::Project;
use crate::project::classes;
use crate::project::gui::{FontStyle, GuiNode, PropValue, UDim};
use crate::project::leaderboard::{Display, Leaderboard, NumberFormat};
use crate::project::names::is_luau_identifier;
use crate::studio::plan::ExportPlan;
use crate::studio::rojo::{self, Container, ScriptKind};

/// Folder below StarterPlayerScripts that holds the leaderboard scripts.
pub const FOLDER: &str = "Leaderboards";

/// Name of the TextLabel shown in the rows' place while there are none.
pub const EMPTY_TEXT_NAME: &str = "EmptyText";

/// Image shown in `{avatar}` images until the head shot arrives.
pub const AVATAR_PLACEHOLDER: &str = "rbxasset://textures/ui/GuiImagePlaceholder.png";

/// Where a board's client script goes in the export folder.
pub fn script_path(board: &Leaderboard) -> String {
    rojo::script_path(
        Container::StarterPlayerScripts,
        &[FOLDER],
        &board.name,
        ScriptKind::Client,
    )
}

/// Adds one client script per leaderboard.
pub fn add_client_scripts(plan: &mut ExportPlan, project: &Project) {
    for board in &project.leaderboards {
        plan.add_script(
            Container::StarterPlayerScripts,
            &[FOLDER],
            &board.name,
            ScriptKind::Client,
            generate(project, board),
        );
    }
}

/// The formatted source of a board's client script.
pub fn generate(project: &Project, board: &Leaderboard) -> String {
    super::format_or_keep(chunk(project, board).print())
}

/// The TextLabel the script shows inside `rows_in` while no top list has
/// arrived or the list is empty: as wide and tall as a row, styled like the
/// row template's name label (or its first text label), transparent.
pub fn empty_state_node(board: &Leaderboard) -> GuiNode {
    let mut node = GuiNode::new("TextLabel", EMPTY_TEXT_NAME);
    let size = match board.row_template.prop("Size") {
        Some(v @ PropValue::UDim2(..)) => v.clone(),
        _ => PropValue::udim2(1.0, 0, 0.0, 30),
    };
    let style = text_style_source(&board.row_template);
    for prop in ["FontFace", "TextColor3", "TextSize", "TextTransparency"] {
        if let Some(v) = style.and_then(|s| s.prop(prop)) {
            node.properties.insert(prop.into(), v.clone());
        }
    }
    node.with("BackgroundTransparency", PropValue::Float(1.0))
        .with("Size", size)
        .with("LayoutOrder", PropValue::Int(0))
        .with("Text", PropValue::String(board.empty_text.clone()))
        .with("TextWrapped", PropValue::Bool(true))
        .with("RichText", PropValue::Bool(false))
}

/// The label whose look the empty text copies.
fn text_style_source(template: &GuiNode) -> Option<&GuiNode> {
    let labels: Vec<&GuiNode> = template
        .walk()
        .into_iter()
        .map(|(_, n)| n)
        .filter(|n| matches!(n.class.as_str(), "TextLabel" | "TextButton"))
        .collect();
    labels
        .iter()
        .find(|n| matches!(n.prop("Text"), Some(PropValue::String(s)) if s.contains("{name}")))
        .or(labels.first())
        .copied()
}

// Small constructors that keep the generator readable ----------------------

fn id(name: &str) -> Expr {
    Expr::ident(name)
}

fn call(name: &str, args: Vec<Expr>) -> Expr {
    id(name).call(args)
}

fn lib(lib: &str, f: &str, args: Vec<Expr>) -> Expr {
    id(lib).field(f).call(args)
}

fn local(name: &str, value: Expr) -> Stmt {
    Stmt::Local {
        name: name.into(),
        ty: None,
        value: Some(value),
    }
}

fn assign(target: Expr, value: Expr) -> Stmt {
    Stmt::Assign { target, value }
}

fn comment(text: &str) -> Stmt {
    Stmt::Comment(text.into())
}

fn if_then(condition: Expr, then_body: Vec<Stmt>) -> Stmt {
    if_else(condition, then_body, None)
}

fn if_else(condition: Expr, then_body: Vec<Stmt>, else_body: Option<Vec<Stmt>>) -> Stmt {
    Stmt::If(Box::new(If {
        condition,
        then_body,
        else_ifs: Vec::new(),
        else_body,
    }))
}

fn for_in(names: &[&str], values: Vec<Expr>, body: Vec<Stmt>) -> Stmt {
    Stmt::For(Box::new(For {
        names: names.iter().map(|n| n.to_string()).collect(),
        values,
        body,
    }))
}

fn body(params: &[&str], body: Vec<Stmt>) -> FunctionBody {
    FunctionBody {
        params: params.iter().map(|p| Param::new(*p)).collect(),
        returns: None,
        body,
    }
}

/// `local name: ty = value`.
fn local_typed(name: &str, ty: &str, value: Expr) -> Stmt {
    Stmt::Local {
        name: name.into(),
        ty: Some(Type::Named(ty.into())),
        value: Some(value),
    }
}

/// `local function name(param: Type, ...): Returns`: the script is
/// `--!strict`, and Luau's strict checker wants what it cannot infer spelled
/// out.
fn typed_fn(name: &str, params: &[(&str, &str)], returns: Option<&str>, stmts: Vec<Stmt>) -> Stmt {
    Stmt::Function(Box::new(FunctionDecl {
        name: FunctionName::Local(name.into()),
        body: FunctionBody {
            params: params
                .iter()
                .map(|(p, ty)| Param::typed(*p, Type::Named((*ty).into())))
                .collect(),
            returns: returns.map(|r| Type::Named(r.into())),
            body: stmts,
        },
    }))
}

fn local_fn(name: &str, params: &[&str], stmts: Vec<Stmt>) -> Stmt {
    Stmt::Function(Box::new(FunctionDecl {
        name: FunctionName::Local(name.into()),
        body: body(params, stmts),
    }))
}

fn func(params: &[&str], stmts: Vec<Stmt>) -> Expr {
    Expr::Function(Box::new(body(params, stmts)))
}

fn ret(value: Expr) -> Stmt {
    Stmt::Return(vec![value])
}

fn not(e: Expr) -> Expr {
    Expr::unary(UnOp::Not, e)
}

/// A GUI property's f32 as the shortest decimal that reads back as it (0.6,
/// not 0.6000000238418579); NaN is written as 0 (see [`NanAs::Zero`]).
fn num32(x: f32) -> Expr {
    let shortest = x.to_string().parse::<f64>().unwrap_or(f64::from(x));
    Expr::number(shortest, NanAs::Zero)
}

fn color(r: u8, g: u8, b: u8) -> Expr {
    lib(
        "Color3",
        "fromRGB",
        vec![
            Expr::int(i64::from(r)),
            Expr::int(i64::from(g)),
            Expr::int(i64::from(b)),
        ],
    )
}

fn udim_args(u: UDim) -> [Expr; 2] {
    [num32(u.0), Expr::int(i64::from(u.1))]
}

fn enum_item(ty: &str, item: &str) -> Expr {
    id("Enum").field(ty).field(item)
}

/// The key of a font family in the script's FONTS table: the family's
/// name for Roblox's own fonts (`GothamSSm`), a hash for anything else, so
/// two families never share a key.
fn font_key(family: &str) -> String {
    let stem = family
        .strip_prefix("rbxasset://fonts/families/")
        .and_then(|rest| rest.strip_suffix(".json"));
    match stem {
        Some(stem)
            if stem.starts_with(|c: char| c.is_ascii_alphabetic())
                && stem.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            stem.to_string()
        }
        _ => {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for b in family.bytes() {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
            format!("Custom{hash:016x}")
        }
    }
}

/// Every font family the GUI, its row template and the empty text use.
fn font_families(board: &Leaderboard) -> std::collections::BTreeMap<String, String> {
    let empty = empty_state_node(board);
    [&board.gui, &board.row_template, &empty]
        .into_iter()
        .chain(board.tabs.as_ref().map(|t| &t.template))
        .flat_map(|root| root.walk())
        .flat_map(|(_, node)| {
            let class_fonts = crate::project::classes::class(&node.class)
                .and_then(|c| c.property("FontFace"))
                .map(|p| &p.default);
            node.properties.get("FontFace").or(class_fonts)
        })
        .filter_map(|value| match value {
            PropValue::Font { family, .. } => Some((font_key(family), family.clone())),
            _ => None,
        })
        .collect()
}

/// A property value as the Luau that makes it.
pub fn value_expr(value: &PropValue) -> Expr {
    match value {
        PropValue::Bool(b) => Expr::Bool(*b),
        PropValue::Int(i) => Expr::int(*i),
        PropValue::Float(f) => num32(*f),
        PropValue::String(s) | PropValue::Content(s) => Expr::string(s.as_str()),
        PropValue::UDim(u) => lib("UDim", "new", udim_args(*u).into()),
        PropValue::UDim2(x, y) => {
            let [xs, xo] = udim_args(*x);
            let [ys, yo] = udim_args(*y);
            lib("UDim2", "new", vec![xs, xo, ys, yo])
        }
        PropValue::Vector2(x, y) => lib("Vector2", "new", vec![num32(*x), num32(*y)]),
        PropValue::Color3(r, g, b) => color(*r, *g, *b),
        PropValue::Font {
            family,
            weight,
            style,
        } => lib(
            "Font",
            "new",
            vec![
                id("FONTS").field(font_key(family)),
                enum_item("FontWeight", weight.name()),
                enum_item(
                    "FontStyle",
                    match style {
                        FontStyle::Normal => "Normal",
                        FontStyle::Italic => "Italic",
                    },
                ),
            ],
        ),
        PropValue::Enum(ty, item) => enum_item(ty, item),
        PropValue::ColorSequence(keys) => lib(
            "ColorSequence",
            "new",
            vec![Expr::Table(keys.iter().fold(Table::new(), |t, k| {
                let (r, g, b) = k.1;
                t.with_item(lib(
                    "ColorSequenceKeypoint",
                    "new",
                    vec![num32(k.0), color(r, g, b)],
                ))
            }))],
        ),
        PropValue::NumberSequence(keys) => lib(
            "NumberSequence",
            "new",
            vec![Expr::Table(keys.iter().fold(Table::new(), |t, k| {
                t.with_item(lib(
                    "NumberSequenceKeypoint",
                    "new",
                    vec![num32(k.0), num32(k.1)],
                ))
            }))],
        ),
    }
}

// Names -----------------------------------------------------------------------

/// `LeaderboardFrame` from a designer's name: letters, digits and `_`, each
/// other run of characters starting a new capitalised word.
fn pascal(name: &str) -> String {
    let mut out = String::new();
    let mut upper_next = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if upper_next {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            upper_next = false;
        } else {
            upper_next = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "Element");
    }
    out
}

/// `listFrame`, `uiCorner`, `leaderboardGUI`: the PascalCase name with its
/// leading capitals lowered (all but the last when a word follows).
fn camel(name: &str) -> String {
    let p = pascal(name);
    let chars: Vec<char> = p.chars().collect();
    let run = chars.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let lower = if run > 1 && run < chars.len() && chars[run].is_ascii_lowercase() {
        run - 1
    } else {
        run.max(1)
    };
    let out: String = chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < lower {
                c.to_ascii_lowercase()
            } else {
                *c
            }
        })
        .collect();
    if is_luau_identifier(&out) {
        out
    } else {
        format!("{out}Object")
    }
}

/// Names a scope already uses; [`Names::fresh`] adds a number when taken.
#[derive(Clone)]
struct Names(BTreeSet<String>);

impl Names {
    fn fresh(&mut self, base: &str) -> String {
        let mut name = base.to_string();
        let mut n = 2;
        while self.0.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.0.insert(name.clone());
        name
    }
}

/// Top-level names of the script; element names never shadow them.
const RESERVED: &[&str] = &[
    "Players",
    "ReplicatedStorage",
    "localPlayer",
    "playerGui",
    "gui",
    "rowsIn",
    "emptyText",
    "rows",
    "shown",
    "built",
    "top3Color",
    "remote",
    "mount",
    "showEntries",
    "readEntry",
    "readEntries",
    "isNumber",
    "fillText",
    "formatValue",
    "loadAvatar",
    "avatarCache",
    "buildRow",
    "buildEmptyText",
    "parent",
    "entry",
    "game",
    "workspace",
    "script",
    "Enum",
    "Instance",
    "Color3",
    "UDim",
    "UDim2",
    "Vector2",
    "Font",
    "task",
    "math",
    "string",
    "table",
    "type",
    "typeof",
    "tostring",
    "ipairs",
    "next",
    "pcall",
];

fn reserved() -> Names {
    Names(
        RESERVED
            .iter()
            .chain(ranking::RESERVED)
            .map(|s| s.to_string())
            .collect(),
    )
}

// The GUI builders ------------------------------------------------------------------

fn is_element(node: &GuiNode) -> bool {
    classes::class(&node.class).is_some_and(|c| c.is_gui_object || c.is_root)
}

/// Statements that create `node` in the local `var` and set its name and
/// every class-table property; `value` may replace a property's value.
fn create_instance(
    node: &GuiNode,
    var: &str,
    name: Expr,
    value: &mut dyn FnMut(&str, &PropValue) -> Expr,
) -> Vec<Stmt> {
    let mut out = vec![
        local(
            var,
            lib("Instance", "new", vec![Expr::string(node.class.as_str())]),
        ),
        assign(id(var).field("Name"), name),
    ];
    let props = super::gui_properties_in_order(node);
    for (name, v) in &props {
        out.push(assign(id(var).field(name.as_str()), value(name, v)));
    }
    out
}

struct Gen<'a> {
    board: &'a Leaderboard,
    rows_in: String,
    /// Build functions, children before their parents.
    functions: Vec<Stmt>,
    top: Names,
    /// Whether some element of the row template shows `{avatar}`.
    uses_avatar: bool,
    /// The classes of the elements that show `{avatar}`.
    avatar_classes: BTreeSet<String>,
}

impl<'a> Gen<'a> {
    /// Adds the build function of an element of the GUI (and of its element
    /// children) and returns its name. `path` is below the root ("" for it).
    fn element_fn(&mut self, node: &GuiNode, path: &str, is_root: bool) -> String {
        let mut scope = reserved();
        let var = scope.fresh(&camel(&node.name));
        let mut stmts = vec![];
        stmts.extend(create_instance(
            node,
            &var,
            Expr::string(node.name.as_str()),
            &mut |_, v| value_expr(v),
        ));
        self.children(node, path, &var, &mut scope, &mut stmts);
        if path == self.rows_in || (is_root && self.board.gui.find(&self.rows_in).is_none()) {
            stmts.push(comment("The rows of the top list go in here."));
            stmts.push(assign(id("rowsIn"), id(&var)));
        }
        self.ranking_slots(node, path, &var, &mut stmts);
        if !is_root {
            stmts.push(assign(id(&var).field("Parent"), id("parent")));
        }
        stmts.push(ret(id(&var)));
        let name = self.top.fresh(&format!("build{}", pascal(&node.name)));
        let label = if path.is_empty() {
            node.name.clone()
        } else {
            format!("{}/{}", self.board.gui.name, path)
        };
        self.functions
            .push(comment(&format!("{label} ({})", node.class)));
        let params: &[(&str, &str)] = if is_root {
            &[]
        } else {
            &[("parent", "Instance")]
        };
        self.functions
            .push(typed_fn(&name, params, Some(&node.class), stmts));
        self.functions.push(Stmt::Blank);
        name
    }

    /// Where tabs and the "you" row go, and texts showing {period} or
    /// {resets} (refreshed when the period or the time left changes).
    fn ranking_slots(&self, node: &GuiNode, path: &str, var: &str, stmts: &mut Vec<Stmt>) {
        if ranking::shows_board_binding(node)
            && let Some(PropValue::String(text)) = node.prop("Text")
        {
            stmts.push(Stmt::Call(lib(
                "table",
                "insert",
                vec![
                    id("boardTexts"),
                    Table::new()
                        .with("label", id(var))
                        .with("text", Expr::string(text.as_str()))
                        .into(),
                ],
            )));
        }
        let here = |goes_in: &str| path == goes_in.trim_matches('/');
        if self.board.tabs.as_ref().is_some_and(|t| here(&t.goes_in)) {
            stmts.push(comment("The tabs go in here."));
            stmts.push(assign(id("tabsIn"), id(var)));
        }
        if self
            .board
            .you_row
            .as_ref()
            .is_some_and(|y| !y.goes_in.is_empty() && here(&y.goes_in))
        {
            stmts.push(comment("The player's own row goes in here."));
            stmts.push(assign(id("youIn"), id(var)));
        }
    }

    fn children(
        &mut self,
        node: &GuiNode,
        path: &str,
        var: &str,
        scope: &mut Names,
        stmts: &mut Vec<Stmt>,
    ) {
        for child in &node.children {
            let child_path = if path.is_empty() {
                child.name.clone()
            } else {
                format!("{path}/{}", child.name)
            };
            if is_element(child) {
                let f = self.element_fn(child, &child_path, false);
                stmts.push(Stmt::Call(call(&f, vec![id(var)])));
            } else {
                let child_var = scope.fresh(&camel(&child.name));
                stmts.extend(create_instance(
                    child,
                    &child_var,
                    Expr::string(child.name.as_str()),
                    &mut |_, v| value_expr(v),
                ));
                self.children(child, &child_path, &child_var, scope, stmts);
                stmts.push(assign(id(&child_var).field("Parent"), id(var)));
            }
        }
    }

    /// `buildRow(entry)`: the whole row template, bindings filled in.
    fn row_fn(&mut self) -> Stmt {
        let mut scope = reserved();
        let template = self.board.row_template.clone();
        let var = scope.fresh("row");
        let mut stmts = Vec::new();
        self.row_node(&template, &var, &mut scope, &mut stmts, true);
        stmts.push(ret(id(&var)));
        typed_fn(
            "buildRow",
            &[("entry", "Entry")],
            Some(&template.class),
            stmts,
        )
    }

    fn row_node(
        &mut self,
        node: &GuiNode,
        var: &str,
        scope: &mut Names,
        stmts: &mut Vec<Stmt>,
        is_row: bool,
    ) {
        let shows_name =
            matches!(node.prop("Text"), Some(PropValue::String(s)) if s.contains("{name}"));
        let mut avatar = false;
        let instance_name = if is_row {
            stmts.push(comment(
                "Named and ordered like the designer's preview: Entry1, Entry2, ...",
            ));
            Expr::string(node.name.as_str()).binary(BinOp::Concat, id("entry").field("rank"))
        } else {
            Expr::string(node.name.as_str())
        };
        stmts.extend(create_instance(
            node,
            var,
            instance_name,
            &mut |name, v| match v {
                _ if is_row && name == "LayoutOrder" => id("entry").field("rank"),
                PropValue::String(s) if name == "Text" || s.contains('{') => {
                    if crate::project::gui::bindings_in(s).is_empty() {
                        value_expr(v)
                    } else {
                        call("fillText", vec![Expr::string(s.as_str()), id("entry")])
                    }
                }
                PropValue::Content(s) if s.contains("{avatar}") => {
                    avatar = true;
                    id("AVATAR_PLACEHOLDER")
                }
                PropValue::Bool(_) if name == "RichText" && shows_name => Expr::Bool(false),
                _ => value_expr(v),
            },
        ));
        if shows_name {
            stmts.push(comment(
                "Player names are plain text: RichText stays off whatever the name holds.",
            ));
        }
        if is_row {
            let has =
                |p: &str| classes::class(&node.class).is_some_and(|c| c.property(p).is_some());
            if has("BackgroundColor3") {
                let h = &self.board.highlight;
                let mine = id("entry")
                    .field("userId")
                    .binary(BinOp::Eq, id("localPlayer").field("UserId"));
                // A local typed as optional: Luau's checker refuses to
                // compare a Color3 with nil.
                if h.top3.is_some() {
                    stmts.push(local_typed(
                        "top3Color",
                        "Color3?",
                        id("TOP3_COLORS").index(id("entry").field("rank")),
                    ));
                }
                let top3 = id("top3Color");
                let mine_body = vec![assign(
                    id(var).field("BackgroundColor3"),
                    id("LOCAL_PLAYER_COLOR"),
                )];
                let top_body = vec![assign(id(var).field("BackgroundColor3"), top3.clone())];
                match (h.local_player.is_some(), h.top3.is_some()) {
                    (true, true) => stmts.push(Stmt::If(Box::new(If {
                        condition: mine,
                        then_body: mine_body,
                        else_ifs: vec![(top3.binary(BinOp::Ne, Expr::Nil), top_body)],
                        else_body: None,
                    }))),
                    (true, false) => stmts.push(if_then(mine, mine_body)),
                    (false, true) => {
                        stmts.push(if_then(top3.binary(BinOp::Ne, Expr::Nil), top_body))
                    }
                    (false, false) => {}
                }
            }
        }
        for child in &node.children {
            let child_var = scope.fresh(&camel(&child.name));
            self.row_node(child, &child_var, scope, stmts, false);
            stmts.push(assign(id(&child_var).field("Parent"), id(var)));
        }
        if avatar {
            self.uses_avatar = true;
            self.avatar_classes.insert(node.class.clone());
            stmts.push(Stmt::Call(call(
                "loadAvatar",
                vec![id(var), id("entry").field("userId")],
            )));
        }
    }
}

fn top3_table(board: &Leaderboard) -> Expr {
    let mut t = Table::new().expand();
    if let Some(colors) = board.highlight.top3 {
        for (i, (r, g, b)) in colors.into_iter().enumerate() {
            t.push(color(r, g, b))
                .comment(["first", "second", "third"][i]);
        }
    }
    t.into()
}

/// `formatValue(value)`: the designer's number format, like
/// [`NumberFormat::format`].
fn format_fn(format: NumberFormat) -> Vec<Stmt> {
    let whole = vec![
        comment("Whole numbers, as the OrderedDataStore keeps them."),
        local(
            "whole",
            lib(
                "math",
                "floor",
                vec![id("value").binary(BinOp::Add, Expr::number(0.5, NanAs::Zero))],
            ),
        ),
    ];
    let digits = |e: Expr| lib("string", "format", vec![Expr::string("%.0f"), e]);
    let mut stmts = whole;
    let sign = || {
        vec![
            local("sign", Expr::string("")),
            if_then(
                id("whole").binary(BinOp::Lt, Expr::int(0)),
                vec![assign(id("sign"), Expr::string("-"))],
            ),
            local("magnitude", lib("math", "abs", vec![id("whole")])),
        ]
    };
    match format {
        NumberFormat::Plain => {
            stmts.push(ret(digits(id("whole"))));
        }
        NumberFormat::Separated => {
            stmts.extend(sign());
            stmts.push(comment(
                "A comma every three digits from the right: 1,234,567.",
            ));
            stmts.push(local(
                "grouped",
                lib(
                    "string",
                    "gsub",
                    vec![
                        lib("string", "reverse", vec![digits(id("magnitude"))]),
                        Expr::string("(%d%d%d)"),
                        Expr::string("%1,"),
                    ],
                ),
            ));
            stmts.push(assign(
                id("grouped"),
                lib("string", "reverse", vec![id("grouped")]),
            ));
            stmts.push(if_then(
                lib(
                    "string",
                    "sub",
                    vec![id("grouped"), Expr::int(1), Expr::int(1)],
                )
                .binary(BinOp::Eq, Expr::string(",")),
                vec![assign(
                    id("grouped"),
                    lib("string", "sub", vec![id("grouped"), Expr::int(2)]),
                )],
            ));
            stmts.push(ret(id("sign").binary(BinOp::Concat, id("grouped"))));
        }
        NumberFormat::Abbreviated => {
            stmts.extend(sign());
            let tenths = lib(
                "math",
                "floor",
                vec![
                    id("magnitude")
                        .binary(BinOp::Div, id("unit").field("size"))
                        .binary(BinOp::Mul, Expr::int(10)),
                ],
            )
            .binary(BinOp::Div, Expr::int(10));
            let with = |fmt: &str| {
                ret(id("sign").binary(
                    BinOp::Concat,
                    lib("string", "format", vec![Expr::string(fmt), id("tenths")])
                        .binary(BinOp::Concat, id("unit").field("suffix")),
                ))
            };
            stmts.push(for_in(
                &["_", "unit"],
                vec![id("VALUE_UNITS")],
                vec![if_then(
                    id("magnitude").binary(BinOp::Ge, id("unit").field("size")),
                    vec![
                        comment("One decimal, truncated so 1,999 never shows as 2.0K."),
                        local("tenths", tenths),
                        if_then(
                            id("tenths")
                                .binary(BinOp::Mod, Expr::int(1))
                                .binary(BinOp::Eq, Expr::int(0)),
                            vec![with("%.0f")],
                        ),
                        with("%.1f"),
                    ],
                )],
            ));
            stmts.push(ret(
                id("sign").binary(BinOp::Concat, digits(id("magnitude")))
            ));
        }
    }
    stmts
}

fn units_table() -> Expr {
    let mut t = Table::new().expand();
    for (size, suffix, words) in [
        (1e15, "Q", "quadrillion"),
        (1e12, "T", "trillion"),
        (1e9, "B", "billion"),
        (1e6, "M", "million"),
        (1e3, "K", "thousand"),
    ] {
        t.push(
            Table::new()
                .with("size", Expr::number(size, NanAs::Zero))
                .with("suffix", suffix),
        )
        .comment(words);
    }
    t.into()
}

/// The syntax tree of a board's client script.
pub fn chunk(project: &Project, board: &Leaderboard) -> Chunk {
    let mut header = super::generated_header(&project.name);
    let place = match &board.display {
        Display::Screen => "on each player's screen".to_string(),
        Display::Surface { part, .. } => format!("on the part Workspace.{part}"),
    };
    header.push(String::new());
    header.push(format!(
        "The {} leaderboard {place} (a LocalScript): builds the GUI designed in DataStore Designer,",
        board.name
    ));
    header.push(format!(
        "then shows the top list the server sends through ReplicatedStorage.DataStoreDesigner.Leaderboards.{}.",
        board.name
    ));
    header.push(
        "Every property is set explicitly: Instance.new's defaults differ from Studio's.".into(),
    );

    let mut g = Gen {
        board,
        rows_in: board.rows_in.trim_matches('/').to_string(),
        functions: Vec::new(),
        top: reserved(),
        uses_avatar: false,
        avatar_classes: BTreeSet::new(),
    };
    let root_fn = g.element_fn(&board.gui, "", true);
    let row_fn = g.row_fn();
    let empty = empty_state_node(board);
    let mut empty_stmts = create_instance(
        &empty,
        "label",
        Expr::string(EMPTY_TEXT_NAME),
        &mut |name, v| {
            if name == "Text" {
                id("EMPTY_TEXT")
            } else {
                value_expr(v)
            }
        },
    );
    empty_stmts.push(ret(id("label")));

    let top = board.top.clamp(1, 100);
    let mut b = vec![
        local("Players", Expr::service("Players")),
        local("ReplicatedStorage", Expr::service("ReplicatedStorage")),
        Stmt::Blank,
        local("localPlayer", id("Players").field("LocalPlayer")),
        local(
            "playerGui",
            id("localPlayer").method("WaitForChild", vec![Expr::string("PlayerGui")]),
        ),
        Stmt::Blank,
        comment(
            "The leaderboard this script shows: the server fires the RemoteEvent of this name.",
        ),
        local("BOARD_NAME", Expr::string(board.name.as_str())),
        comment("Most rows shown: the board shows its top players only."),
        local("MAX_ROWS", Expr::int(i64::from(top))),
        comment("Shown in the list until the first top list arrives, and while it is empty."),
        local("EMPTY_TEXT", Expr::string(board.empty_text.as_str())),
    ];
    b.extend(ranking::constants(board));
    if let Display::Surface { part, .. } = &board.display {
        b.push(comment(
            "The part in Workspace whose face shows the leaderboard.",
        ));
        b.push(local("PART_NAME", Expr::string(part.as_str())));
    }
    if board.highlight.top3.is_some() {
        b.push(comment(
            "Background colours of the rows of ranks 1, 2 and 3.",
        ));
        b.push(local("TOP3_COLORS", top3_table(board)));
    }
    if let Some((r, gg, bb)) = board.highlight.local_player {
        b.push(comment(
            "Background colour of the local player's own row (wins over the top-3 colours).",
        ));
        b.push(local("LOCAL_PLAYER_COLOR", color(r, gg, bb)));
    }
    if g.uses_avatar {
        b.push(comment(
            "Shown in avatar images until the player's head shot has loaded.",
        ));
        b.push(local(
            "AVATAR_PLACEHOLDER",
            Expr::string(AVATAR_PLACEHOLDER),
        ));
    }
    let fonts = font_families(board);
    if !fonts.is_empty() {
        b.push(comment(
            "Font families of the GUI's texts (Roblox asset paths), used by Font.new below.",
        ));
        let mut table = Table::new_expanded();
        for (key, family) in &fonts {
            table.set(key.as_str(), Expr::string(family.as_str()));
        }
        b.push(local("FONTS", table.into()));
    }
    let whole_format = matches!(
        board.number_kind,
        crate::project::NumberKind::Whole | crate::project::NumberKind::Decimal { .. }
    );
    if board.number_format == NumberFormat::Abbreviated && whole_format {
        b.push(comment(
            "Values from each size up are written in that unit, largest first: 1.2K, 3.4M.",
        ));
        b.push(local("VALUE_UNITS", units_table()));
    }
    b.push(Stmt::Blank);
    b.push(comment(
        "One entry of the top list, as readEntry checks it.",
    ));
    b.push(Stmt::TypeDecl {
        export: false,
        name: "Entry".into(),
        ty: Type::Table(vec![
            TypeField::new("rank", Type::Named("number".into())),
            TypeField::new("userId", Type::Named("number".into())),
            TypeField::new("name", Type::Named("string".into())),
            TypeField::new("displayName", Type::Named("string".into())),
            TypeField::new("value", Type::Named("number".into())),
        ]),
    });
    // The GUI is kept only to build it again after a respawn.
    let rebuilds = board.gui.prop("ResetOnSpawn") == Some(&PropValue::Bool(true));
    b.push(comment(if rebuilds {
        "The GUI once built, the object that holds the rows, the text shown while there are none,"
    } else {
        "The object that holds the rows, the text shown while there are none,"
    }));
    b.push(comment("the rows shown now and the entries they show."));
    let gui_type = format!("{}?", board.gui.class);
    let empty_type = format!("{}?", empty.class);
    let row_list = format!("{{ {} }}", board.row_template.class);
    let state = [
        ("gui", gui_type.as_str(), Expr::Nil),
        ("rowsIn", "Instance?", Expr::Nil),
        ("emptyText", empty_type.as_str(), Expr::Nil),
        ("rows", row_list.as_str(), Table::new().into()),
        ("shown", "{ Entry }", Table::new().into()),
    ];
    for (name, ty, value) in state {
        if name != "gui" || rebuilds {
            b.push(local_typed(name, ty, value));
        }
    }
    b.extend(ranking::state(board));
    b.push(Stmt::Blank);

    // Value checks and formatting.
    b.push(comment(
        "Whether a value from the server is a usable number (not NaN or infinite).",
    ));
    b.push(typed_fn(
        "isNumber",
        &[("value", "any")],
        Some("boolean"),
        vec![ret(call("type", vec![id("value")])
            .binary(BinOp::Eq, Expr::string("number"))
            .binary(BinOp::And, id("value").binary(BinOp::Eq, id("value")))
            .binary(
                BinOp::And,
                id("value").binary(BinOp::Ne, id("math").field("huge")),
            )
            .binary(
                BinOp::And,
                id("value").binary(BinOp::Ne, Expr::unary(UnOp::Neg, id("math").field("huge"))),
            ))],
    ));
    b.push(Stmt::Blank);
    b.push(comment(
        "One entry of the server's list with checked types, or nil when it is malformed.",
    ));
    let item = |f: &str| id("item").field(f);
    b.push(typed_fn(
        "readEntry",
        &[("item", "{ [string]: any }")],
        Some("Entry?"),
        vec![
            if_then(
                call("type", vec![id("item")]).binary(BinOp::Ne, Expr::string("table")),
                vec![ret(Expr::Nil)],
            ),
            if_then(
                not(call("isNumber", vec![item("rank")]))
                    .binary(BinOp::Or, item("rank").binary(BinOp::Lt, Expr::int(1)))
                    .binary(BinOp::Or, not(call("isNumber", vec![item("value")])))
                    .binary(
                        BinOp::Or,
                        call("type", vec![item("name")]).binary(BinOp::Ne, Expr::string("string")),
                    ),
                vec![ret(Expr::Nil)],
            ),
            local("userId", Expr::int(0)),
            if_then(
                call("isNumber", vec![item("userId")]),
                vec![assign(id("userId"), item("userId"))],
            ),
            local("displayName", item("name")),
            if_then(
                call("type", vec![item("displayName")]).binary(BinOp::Eq, Expr::string("string")),
                vec![assign(id("displayName"), item("displayName"))],
            ),
            ret(Table::new()
                .with("rank", lib("math", "floor", vec![item("rank")]))
                .with("userId", id("userId"))
                .with("name", item("name"))
                .with("displayName", id("displayName"))
                .with("value", item("value"))
                .expand()
                .into()),
        ],
    ));
    b.push(Stmt::Blank);
    b.push(comment(
        "The entries of a top list (at most MAX_ROWS, malformed ones left out), or nil when it is not a list.",
    ));
    b.push(typed_fn(
        "readEntries",
        &[("payload", "{ any }")],
        Some("{ Entry }?"),
        vec![
            comment("A list is a table that is empty or has an item 1."),
            if_then(
                call("type", vec![id("payload")])
                    .binary(BinOp::Ne, Expr::string("table"))
                    .binary(
                        BinOp::Or,
                        call("next", vec![id("payload")])
                            .binary(BinOp::Ne, Expr::Nil)
                            .binary(
                                BinOp::And,
                                id("payload")
                                    .index(Expr::int(1))
                                    .binary(BinOp::Eq, Expr::Nil),
                            ),
                    ),
                vec![ret(Expr::Nil)],
            ),
            local_typed("entries", "{ Entry }", Table::new().into()),
            for_in(
                &["_", "item"],
                vec![call("ipairs", vec![id("payload")])],
                vec![
                    local("entry", call("readEntry", vec![id("item")])),
                    if_then(
                        id("entry").binary(BinOp::Ne, Expr::Nil).binary(
                            BinOp::And,
                            Expr::unary(UnOp::Len, id("entries")).binary(BinOp::Lt, id("MAX_ROWS")),
                        ),
                        vec![Stmt::Call(lib(
                            "table",
                            "insert",
                            vec![id("entries"), id("entry")],
                        ))],
                    ),
                ],
            ),
            ret(id("entries")),
        ],
    ));
    b.push(Stmt::Blank);
    b.push(comment(&format!(
        "A value as players read it ({}).",
        match board.number_format {
            NumberFormat::Abbreviated => "abbreviated: 1.2K, 3.4M",
            NumberFormat::Separated => "with separators: 1,234,567",
            NumberFormat::Plain => "plain digits: 1234567",
        }
    )));
    match ranking::format_value(board.number_kind, board.number_format) {
        None => b.push(typed_fn(
            "formatValue",
            &[("value", "number")],
            Some("string"),
            format_fn(board.number_format),
        )),
        Some((what, stmts)) => {
            if matches!(
                board.number_kind,
                crate::project::NumberKind::Decimal { .. }
            ) {
                b.push(typed_fn(
                    "formatWhole",
                    &[("value", "number")],
                    Some("string"),
                    format_fn(board.number_format),
                ));
                b.push(Stmt::Blank);
            }
            b.push(comment(&format!(
                "A value of this board as players read it: {what}."
            )));
            b.push(typed_fn(
                "formatValue",
                &[("value", "number")],
                Some("string"),
                stmts,
            ));
        }
    }
    b.push(Stmt::Blank);
    b.push(comment(
        "A row template text with {rank}, {name} (the username) and {value} filled in.",
    ));
    let key_case = |key: &str, value: Expr| {
        if_then(
            id("key").binary(BinOp::Eq, Expr::string(key)),
            vec![ret(value)],
        )
    };
    let key_case_when = |key: &str, when: Expr, value: Expr| {
        if_then(
            id("key")
                .binary(BinOp::Eq, Expr::string(key))
                .binary(BinOp::And, when),
            vec![ret(value)],
        )
    };
    b.push(typed_fn(
        "fillText",
        &[("text", "string"), ("entry", "Entry")],
        Some("string"),
        vec![
            local(
                "filled",
                lib(
                    "string",
                    "gsub",
                    vec![
                        id("text"),
                        Expr::string("{(%a+)}"),
                        Expr::Function(Box::new(FunctionBody {
                            params: vec![Param::typed("key", Type::Named("string".into()))],
                            returns: Some(Type::Named("string".into())),
                            body: [
                                if board.you_row.is_some() {
                                    vec![comment("Rank 0 is the player's own row when they are not in the list.")]
                                } else {
                                    Vec::new()
                                },
                                if board.you_row.is_some() {
                                    vec![key_case_when(
                                        "rank",
                                        id("entry").field("rank").binary(BinOp::Lt, Expr::int(1)),
                                        id("UNRANKED_TEXT"),
                                    )]
                                } else {
                                    Vec::new()
                                },
                                vec![
                                key_case("rank", call("tostring", vec![id("entry").field("rank")])),
                                key_case("name", id("entry").field("name")),
                                key_case(
                                    "value",
                                    call("formatValue", vec![id("entry").field("value")]),
                                ),
                                comment("Anything else stays as written."),
                                ret(Expr::string("{")
                                    .binary(BinOp::Concat, id("key"))
                                    .binary(BinOp::Concat, Expr::string("}"))),
                                ],
                            ]
                            .concat(),
                        })),
                    ],
                ),
            ),
            ret(id("filled")),
        ],
    ));
    b.push(Stmt::Blank);
    if g.uses_avatar {
        b.push(comment("Head shots already loaded, by user id."));
        b.push(local_typed(
            "avatarCache",
            "{ [number]: string }",
            Table::new().into(),
        ));
        b.push(comment(
            "Shows a player's head shot in `image` once Roblox has it; the placeholder stays if it fails.",
        ));
        let thumb = id("Players").method(
            "GetUserThumbnailAsync",
            vec![
                id("userId"),
                enum_item("ThumbnailType", "HeadShot"),
                enum_item("ThumbnailSize", "Size48x48"),
            ],
        );
        let image_type = match g.avatar_classes.len() {
            1 => g.avatar_classes.first().cloned().unwrap_or_default(),
            _ => "any".to_string(),
        };
        b.push(typed_fn(
            "loadAvatar",
            &[("image", image_type.as_str()), ("userId", "number")],
            None,
            vec![
                if_then(
                    id("avatarCache")
                        .index(id("userId"))
                        .binary(BinOp::Ne, Expr::Nil),
                    vec![
                        assign(
                            id("image").field("Image"),
                            id("avatarCache").index(id("userId")),
                        ),
                        Stmt::Return(vec![]),
                    ],
                ),
                Stmt::Call(lib(
                    "task",
                    "spawn",
                    vec![func(
                        &[],
                        vec![
                            local_typed("content", "string?", Expr::Nil),
                            local(
                                "ok",
                                call("pcall", vec![func(&[], vec![assign(id("content"), thumb)])]),
                            ),
                            if_then(
                                id("ok").binary(
                                    BinOp::And,
                                    call("type", vec![id("content")])
                                        .binary(BinOp::Eq, Expr::string("string")),
                                ),
                                vec![
                                    assign(id("avatarCache").index(id("userId")), id("content")),
                                    assign(id("image").field("Image"), id("content")),
                                ],
                            ),
                        ],
                    )],
                )),
            ],
        ));
        b.push(Stmt::Blank);
    }

    b.push(comment(
        "The GUI, element by element (names as in DataStore Designer).",
    ));
    b.push(Stmt::Blank);
    b.extend(std::mem::take(&mut g.functions));
    b.push(comment(&format!(
        "One row of the top list, from the row template {} ({}).",
        board.row_template.name, board.row_template.class
    )));
    b.push(row_fn);
    b.push(Stmt::Blank);
    b.push(comment(
        "The text shown in the rows' place while there are none.",
    ));
    b.push(typed_fn(
        "buildEmptyText",
        &[],
        Some(&empty.class),
        empty_stmts,
    ));
    b.push(Stmt::Blank);

    b.extend(ranking::before_show(board));
    b.push(comment(
        "Replaces the rows with one per entry; the empty text shows when there are none.",
    ));
    b.push(typed_fn(
        "showEntries",
        &[("entries", "{ Entry }")],
        None,
        vec![
            assign(id("shown"), id("entries")),
            for_in(
                &["_", "row"],
                vec![id("rows")],
                vec![Stmt::Call(id("row").method("Destroy", vec![]))],
            ),
            assign(id("rows"), Table::new().into()),
            for_in(
                &["_", "entry"],
                vec![id("entries")],
                vec![
                    local("row", call("buildRow", vec![id("entry")])),
                    assign(id("row").field("Parent"), id("rowsIn")),
                    Stmt::Call(lib("table", "insert", vec![id("rows"), id("row")])),
                ],
            ),
            comment("Always built by now (mount); the check is for Luau's type checker."),
            if_then(
                id("emptyText").binary(BinOp::Ne, Expr::Nil),
                vec![if_else(
                    Expr::unary(UnOp::Len, id("entries")).binary(BinOp::Eq, Expr::int(0)),
                    vec![assign(id("emptyText").field("Parent"), id("rowsIn"))],
                    Some(vec![assign(id("emptyText").field("Parent"), Expr::Nil)]),
                )],
            ),
        ]
        .into_iter()
        .chain(ranking::after_show(board))
        .collect(),
    ));
    b.push(Stmt::Blank);
    b.extend(ranking::after_show_fns(board));
    let mut mount = Vec::new();
    if ranking::needed(board) {
        mount.push(assign(id("boardTexts"), Table::new().into()));
    }
    mount.extend([
        local("built", call(&root_fn, vec![])),
        assign(id("emptyText"), call("buildEmptyText", vec![])),
        assign(id("rows"), Table::new().into()),
        Stmt::Call(call("showEntries", vec![id("shown")])),
    ]);
    mount.extend(ranking::in_mount(board));
    if let Display::Surface { .. } = &board.display {
        mount.push(comment(
            "In PlayerGui (not on the part) so players can click it; Adornee puts it on the part.",
        ));
        mount.push(assign(
            id("built").field("Adornee"),
            id("workspace").method("WaitForChild", vec![id("PART_NAME")]),
        ));
    }
    if rebuilds {
        mount.push(assign(id("gui"), id("built")));
    }
    mount.push(assign(id("built").field("Parent"), id("playerGui")));
    b.push(comment(
        "Builds the GUI and shows it with the entries known so far.",
    ));
    b.push(local_fn("mount", &[], mount));
    b.push(Stmt::Blank);
    b.push(Stmt::Call(call("mount", vec![])));
    if rebuilds {
        b.push(Stmt::Blank);
        b.push(comment(
            "ResetOnSpawn is on, as designed: Roblox destroys the GUI when the character respawns, so build it again.",
        ));
        b.push(Stmt::Call(
            id("localPlayer").field("CharacterAdded").method(
                "Connect",
                vec![func(
                    &[],
                    vec![Stmt::Call(lib(
                        "task",
                        "defer",
                        vec![func(
                            &[],
                            vec![if_then(
                                id("gui").binary(BinOp::Eq, Expr::Nil).binary(
                                    BinOp::Or,
                                    id("gui").field("Parent").binary(BinOp::Eq, Expr::Nil),
                                ),
                                vec![Stmt::Call(call("mount", vec![]))],
                            )],
                        )],
                    ))],
                )],
            ),
        ));
    }
    b.push(Stmt::Blank);
    if !ranking::needed(board) {
        b.push(comment(
            "The server sends the whole top list on every update, and once when this player joins.",
        ));
    }
    b.push(local(
        "remote",
        id("ReplicatedStorage")
            .method("WaitForChild", vec![Expr::string("DataStoreDesigner")])
            .method("WaitForChild", vec![Expr::string("Leaderboards")])
            .method("WaitForChild", vec![id("BOARD_NAME")])
            .cast(Type::Named("RemoteEvent".into())),
    ));
    if ranking::needed(board) {
        b.extend(ranking::listen(board));
    } else {
        b.push(Stmt::Call(id("remote").field("OnClientEvent").method(
            "Connect",
            vec![func(
                &["payload"],
                vec![
                    local("entries", call("readEntries", vec![id("payload")])),
                    if_then(
                        id("entries").binary(BinOp::Ne, Expr::Nil),
                        vec![Stmt::Call(call("showEntries", vec![id("entries")]))],
                    ),
                ],
            )],
        )));
    }

    Chunk {
        directives: vec![Directive::Strict],
        header,
        body: b,
    }
}
