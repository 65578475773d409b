//! The data side of a board's client script beyond one all-time list of
//! whole numbers: the number kinds' formatting (decimals, m:ss.cc times,
//! 1.2Qa), one list per period with tabs that switch between them, texts that
//! show {period} and {resets} (the time left), and the "you" row.
//!
//! Boards that use none of it get exactly the script they always had: every
//! piece here is added only when the board needs it.

use super::{
    assign, call, comment, for_in, func, id, if_else, if_then, lib, local, local_fn, local_typed,
    ret, typed_fn,
};
use crate::luau::ast::{BinOp, Expr, If, NanAs, Stmt, Table};
use crate::project::gui::GuiNode;
use crate::project::number_kind::{HUGE_SUFFIXES, MAX_PLACES};
use crate::project::periods::is_all_time_only;
use crate::project::{Leaderboard, NumberFormat, NumberKind, PropValue};

/// Bindings the board's own GUI (not its rows) fills in.
pub const BOARD_BINDINGS: [&str; 2] = ["{period}", "{resets}"];

/// Whether the board needs the period machinery: lists by period, the
/// server's second argument, tabs, board texts or the "you" row.
pub fn needed(board: &Leaderboard) -> bool {
    !is_all_time_only(&board.periods)
        || board.you_row.is_some()
        || board.tabs.is_some()
        || uses_board_bindings(&board.gui)
}

/// Whether some text of the GUI shows {period} or {resets}.
pub fn uses_board_bindings(gui: &GuiNode) -> bool {
    gui.walk().iter().any(|(_, node)| shows_board_binding(node))
}

/// Whether this object's Text shows {period} or {resets}.
pub fn shows_board_binding(node: &GuiNode) -> bool {
    matches!(node.prop("Text"), Some(PropValue::String(s)) if BOARD_BINDINGS.iter().any(|b| s.contains(b)))
}

fn bin(a: Expr, op: BinOp, b: Expr) -> Expr {
    a.binary(op, b)
}

fn s(text: &str) -> Expr {
    Expr::string(text)
}

fn n(value: i64) -> Expr {
    Expr::int(value)
}

fn fmt(pattern: &str, args: Vec<Expr>) -> Expr {
    let mut all = vec![s(pattern)];
    all.extend(args);
    lib("string", "format", all)
}

fn floor(e: Expr) -> Expr {
    lib("math", "floor", vec![e])
}

fn elseif(
    condition: Expr,
    then_body: Vec<Stmt>,
    else_ifs: Vec<(Expr, Vec<Stmt>)>,
    else_body: Option<Vec<Stmt>>,
) -> Stmt {
    Stmt::If(Box::new(If {
        condition,
        then_body,
        else_ifs,
        else_body,
    }))
}

/// Constants at the top of the script.
pub fn constants(board: &Leaderboard) -> Vec<Stmt> {
    let mut b = Vec::new();
    if needed(board) {
        let mut periods = Table::new();
        let mut labels = Table::new_expanded();
        for period in &board.periods {
            periods.push(s(period.code()));
            labels.set(period.code(), s(period.label()));
        }
        b.push(comment(
            "The periods this board ranks (the first shows first) and their names on tabs and in {period}.",
        ));
        b.push(local("PERIODS", periods.into()));
        b.push(local_typed(
            "PERIOD_LABELS",
            "{ [string]: string? }",
            labels.into(),
        ));
    }
    if let Some(you) = &board.you_row {
        b.push(comment(
            "Shown for {rank} in the player's own row when they are not in the list (Roblox can't look a rank up).",
        ));
        let text = you
            .unranked_text
            .replace("{top}", &board.top.clamp(1, 100).to_string());
        b.push(local("UNRANKED_TEXT", s(&text)));
    }
    if board.number_kind == NumberKind::Huge {
        b.push(comment(
            "Names of powers of a thousand, as Roblox games write them: 1.2K, 3.4M, 5.6Qa.",
        ));
        let mut t = Table::new();
        for suffix in HUGE_SUFFIXES {
            t.push(s(suffix));
        }
        b.push(local_typed("HUGE_SUFFIXES", "{ string? }", t.into()));
    }
    b
}

/// State kept beside the rows: lists and infos by period, the period shown,
/// texts to refresh, tabs and the "you" row.
pub fn state(board: &Leaderboard) -> Vec<Stmt> {
    if !needed(board) {
        return Vec::new();
    }
    let mut b = vec![
        comment(
            "What the server sent for each period, the period shown, and the texts with {period} or {resets}.",
        ),
        local_typed("lists", "{ [string]: { Entry } }", Table::new().into()),
        local_typed(
            "infos",
            "{ [string]: { endsIn: number?, at: number, you: number? } }",
            Table::new().into(),
        ),
        local_typed("current", "string", id("PERIODS").index(n(1))),
        local_typed(
            "boardTexts",
            "{ { label: any, text: string } }",
            Table::new().into(),
        ),
    ];
    if board.tabs.is_some() {
        b.push(local_typed("tabsIn", "Instance?", Expr::Nil));
        b.push(local_typed(
            "tabs",
            "{ [string]: any }",
            Table::new().into(),
        ));
        b.push(local_typed(
            "tabColors",
            "{ [string]: Color3 }",
            Table::new().into(),
        ));
    }
    if board.you_row.is_some() {
        b.push(local_typed("youIn", "Instance?", Expr::Nil));
        b.push(local_typed("youRow", "Instance?", Expr::Nil));
    }
    b
}

/// `formatValue(value)` for decimals, times and huge numbers; whole numbers
/// (and the part of a decimal before the point) use the designer's number
/// format in `formatWhole`. None for whole numbers.
pub fn format_value(kind: NumberKind, whole: NumberFormat) -> Option<(String, Vec<Stmt>)> {
    let v = || id("value");
    match kind {
        NumberKind::Whole => None,
        NumberKind::Decimal { places } => {
            let places = places.clamp(1, MAX_PLACES);
            let text = id("text");
            let mut stmts = vec![
                local(
                    "text",
                    fmt(&format!("%.{places}f"), vec![lib("math", "abs", vec![v()])]),
                ),
                local(
                    "point",
                    lib(
                        "string",
                        "find",
                        vec![text.clone(), s("."), n(1), Expr::Bool(true)],
                    )
                    .binary(BinOp::Or, n(0)),
                ),
                local(
                    "whole",
                    call(
                        "tonumber",
                        vec![lib(
                            "string",
                            "sub",
                            vec![text.clone(), n(1), bin(id("point"), BinOp::Sub, n(1))],
                        )],
                    )
                    .binary(BinOp::Or, n(0)),
                ),
                local("sign", s("")),
                comment("No minus sign on a value that reads as zero."),
                if_then(
                    bin(
                        bin(v(), BinOp::Lt, n(0)),
                        BinOp::And,
                        bin(call("tonumber", vec![text.clone()]), BinOp::Ne, n(0)),
                    ),
                    vec![assign(id("sign"), s("-"))],
                ),
            ];
            if whole == NumberFormat::Abbreviated {
                stmts.push(comment(
                    "From 1,000 up the abbreviation has no room for decimals: 1.2K.",
                ));
                stmts.push(if_then(
                    bin(id("whole"), BinOp::Ge, n(1000)),
                    vec![ret(bin(
                        id("sign"),
                        BinOp::Concat,
                        call("formatWhole", vec![id("whole")]),
                    ))],
                ));
            }
            stmts.push(ret(bin(
                id("sign"),
                BinOp::Concat,
                bin(
                    call("formatWhole", vec![id("whole")]),
                    BinOp::Concat,
                    lib("string", "sub", vec![text, id("point")]),
                ),
            )));
            Some((format!("decimals with {places} places: 12.50"), stmts))
        }
        NumberKind::Time => Some((
            "a time: 1:23.45 (h:mm:ss.cc from an hour)".into(),
            vec![
                comment("Truncated to hundredths, so a time never reads faster than it was."),
                local(
                    "hundredths",
                    floor(bin(
                        bin(lib("math", "max", vec![v(), n(0)]), BinOp::Mul, n(100)),
                        BinOp::Add,
                        Expr::number(1e-6, NanAs::Zero),
                    )),
                ),
                local("cs", bin(id("hundredths"), BinOp::Mod, n(100))),
                local("total", bin(id("hundredths"), BinOp::FloorDiv, n(100))),
                local("hours", bin(id("total"), BinOp::FloorDiv, n(3600))),
                local(
                    "minutes",
                    bin(
                        bin(id("total"), BinOp::Mod, n(3600)),
                        BinOp::FloorDiv,
                        n(60),
                    ),
                ),
                local("seconds", bin(id("total"), BinOp::Mod, n(60))),
                if_then(
                    bin(id("hours"), BinOp::Gt, n(0)),
                    vec![ret(fmt(
                        "%d:%02d:%02d.%02d",
                        vec![id("hours"), id("minutes"), id("seconds"), id("cs")],
                    ))],
                ),
                ret(fmt(
                    "%d:%02d.%02d",
                    vec![id("minutes"), id("seconds"), id("cs")],
                )),
            ],
        )),
        NumberKind::Huge => {
            let pow10 = |e: Expr| bin(n(10), BinOp::Pow, e);
            let shown = |tenths: &str, rest: Expr| {
                vec![
                    if_then(
                        bin(bin(id(tenths), BinOp::Mod, n(1)), BinOp::Eq, n(0)),
                        vec![ret(bin(
                            id("sign"),
                            BinOp::Concat,
                            bin(fmt("%.0f", vec![id(tenths)]), BinOp::Concat, rest.clone()),
                        ))],
                    ),
                    ret(bin(
                        id("sign"),
                        BinOp::Concat,
                        bin(fmt("%.1f", vec![id(tenths)]), BinOp::Concat, rest),
                    )),
                ]
            };
            let mut out = vec![
                local("sign", s("")),
                if_then(bin(v(), BinOp::Lt, n(0)), vec![assign(id("sign"), s("-"))]),
                local("magnitude", lib("math", "abs", vec![v()])),
                if_then(
                    bin(id("magnitude"), BinOp::Lt, n(1000)),
                    vec![ret(bin(
                        id("sign"),
                        BinOp::Concat,
                        fmt("%.0f", vec![floor(id("magnitude"))]),
                    ))],
                ),
                comment("The power of ten; log10 can be one off next to a power of ten."),
                local("power", floor(lib("math", "log10", vec![id("magnitude")]))),
                elseif(
                    bin(
                        id("magnitude"),
                        BinOp::Ge,
                        pow10(bin(id("power"), BinOp::Add, n(1))),
                    ),
                    vec![assign(id("power"), bin(id("power"), BinOp::Add, n(1)))],
                    vec![(
                        bin(id("magnitude"), BinOp::Lt, pow10(id("power"))),
                        vec![assign(id("power"), bin(id("power"), BinOp::Sub, n(1)))],
                    )],
                    None,
                ),
                local("group", bin(id("power"), BinOp::FloorDiv, n(3))),
                local(
                    "suffix",
                    id("HUGE_SUFFIXES").index(bin(id("group"), BinOp::Add, n(1))),
                ),
                comment("One decimal, truncated so 1,999 never reads 2.0K."),
            ];
            let mut past = vec![local(
                "tenths",
                bin(
                    floor(bin(
                        bin(id("magnitude"), BinOp::Div, pow10(id("power"))),
                        BinOp::Mul,
                        n(10),
                    )),
                    BinOp::Div,
                    n(10),
                ),
            )];
            past.extend(shown(
                "tenths",
                bin(s("e"), BinOp::Concat, call("tostring", vec![id("power")])),
            ));
            out.push(if_then(bin(id("suffix"), BinOp::Eq, Expr::Nil), past));
            out.push(local(
                "tenths",
                bin(
                    floor(bin(
                        bin(
                            id("magnitude"),
                            BinOp::Div,
                            pow10(bin(id("group"), BinOp::Mul, n(3))),
                        ),
                        BinOp::Mul,
                        n(10),
                    )),
                    BinOp::Div,
                    n(10),
                ),
            ));
            out.extend(shown("tenths", id("suffix")));
            Some((
                "huge numbers: 1.2K, 3.4Qa, past 10^63 as 1.2e70".into(),
                out,
            ))
        }
    }
}

/// `{ rank = ..., ... }` for the local player.
fn you_entry(rank: Expr, value: Expr) -> Expr {
    Table::new()
        .with("rank", rank)
        .with("userId", id("localPlayer").field("UserId"))
        .with("name", id("localPlayer").field("Name"))
        .with("displayName", id("localPlayer").field("DisplayName"))
        .with("value", value)
        .expand()
        .into()
}

/// Functions that `showEntries` uses: time left, board texts, the server's
/// info and the "you" row.
pub fn before_show(board: &Leaderboard) -> Vec<Stmt> {
    if !needed(board) {
        return Vec::new();
    }
    let mut b = vec![
        comment(
            "Time left until the shown period starts again: 3d 4h, 4h 12m, 12m 5s; empty for all time.",
        ),
        typed_fn(
            "timeLeft",
            &[],
            Some("string"),
            vec![
                local("info", id("infos").index(id("current"))),
                if_then(bin(id("info"), BinOp::Eq, Expr::Nil), vec![ret(s(""))]),
                local("endsIn", id("info").field("endsIn")),
                if_then(bin(id("endsIn"), BinOp::Eq, Expr::Nil), vec![ret(s(""))]),
                comment(
                    "Counted on this device's clock from when the server said it, so clocks that differ don't matter.",
                ),
                local(
                    "left",
                    lib(
                        "math",
                        "max",
                        vec![
                            floor(bin(
                                id("endsIn"),
                                BinOp::Sub,
                                bin(
                                    lib("os", "clock", vec![]),
                                    BinOp::Sub,
                                    id("info").field("at"),
                                ),
                            )),
                            n(0),
                        ],
                    ),
                ),
                local("days", bin(id("left"), BinOp::FloorDiv, n(86400))),
                local(
                    "hours",
                    bin(
                        bin(id("left"), BinOp::Mod, n(86400)),
                        BinOp::FloorDiv,
                        n(3600),
                    ),
                ),
                local(
                    "minutes",
                    bin(bin(id("left"), BinOp::Mod, n(3600)), BinOp::FloorDiv, n(60)),
                ),
                elseif(
                    bin(id("days"), BinOp::Gt, n(0)),
                    vec![ret(fmt("%dd %dh", vec![id("days"), id("hours")]))],
                    vec![(
                        bin(id("hours"), BinOp::Gt, n(0)),
                        vec![ret(fmt("%dh %dm", vec![id("hours"), id("minutes")]))],
                    )],
                    None,
                ),
                ret(fmt(
                    "%dm %ds",
                    vec![id("minutes"), bin(id("left"), BinOp::Mod, n(60))],
                )),
            ],
        ),
        Stmt::Blank,
        comment(
            "A text of the board with {period} (the shown period's name) and {resets} (time left) filled in.",
        ),
        typed_fn(
            "fillBoardText",
            &[("text", "string")],
            Some("string"),
            vec![
                local(
                    "filled",
                    lib(
                        "string",
                        "gsub",
                        vec![
                            id("text"),
                            s("{(%a+)}"),
                            Expr::Function(Box::new(crate::luau::ast::FunctionBody {
                                params: vec![crate::luau::ast::Param::typed(
                                    "key",
                                    crate::luau::ast::Type::Named("string".into()),
                                )],
                                returns: Some(crate::luau::ast::Type::Named("string".into())),
                                body: vec![
                                    if_then(
                                        bin(id("key"), BinOp::Eq, s("period")),
                                        vec![ret(bin(
                                            id("PERIOD_LABELS").index(id("current")),
                                            BinOp::Or,
                                            id("current"),
                                        ))],
                                    ),
                                    if_then(
                                        bin(id("key"), BinOp::Eq, s("resets")),
                                        vec![ret(call("timeLeft", vec![]))],
                                    ),
                                    ret(bin(
                                        s("{"),
                                        BinOp::Concat,
                                        bin(id("key"), BinOp::Concat, s("}")),
                                    )),
                                ],
                            })),
                        ],
                    ),
                ),
                ret(id("filled")),
            ],
        ),
        Stmt::Blank,
        comment("Shows the board's texts for the period shown now."),
        typed_fn(
            "refreshTexts",
            &[],
            None,
            vec![for_in(
                &["_", "item"],
                vec![id("boardTexts")],
                vec![assign(
                    id("item").field("label").field("Text"),
                    call("fillBoardText", vec![id("item").field("text")]),
                )],
            )],
        ),
        Stmt::Blank,
        comment(
            "The server's second argument, checked: when the period ends (as seconds from now) and the player's own value.",
        ),
        typed_fn(
            "readInfo",
            &[("info", "{ [string]: any }")],
            Some("{ endsIn: number?, at: number, you: number? }"),
            vec![
                local_typed("endsIn", "number?", Expr::Nil),
                if_then(
                    bin(
                        call("isNumber", vec![id("info").field("endsAt")]),
                        BinOp::And,
                        call("isNumber", vec![id("info").field("now")]),
                    ),
                    vec![assign(
                        id("endsIn"),
                        bin(
                            id("info").field("endsAt"),
                            BinOp::Sub,
                            id("info").field("now"),
                        ),
                    )],
                ),
                local_typed("you", "number?", Expr::Nil),
                if_then(
                    call("isNumber", vec![id("info").field("you")]),
                    vec![assign(id("you"), id("info").field("you"))],
                ),
                ret(Table::new()
                    .with("endsIn", id("endsIn"))
                    .with("at", lib("os", "clock", vec![]))
                    .with("you", id("you"))
                    .into()),
            ],
        ),
        Stmt::Blank,
    ];
    if board.you_row.is_some() {
        b.push(comment(
            "The player's own row below the list, in the row template's style: their rank when they are in the list, else UNRANKED_TEXT.",
        ));
        b.push(typed_fn(
            "showYou",
            &[],
            None,
            vec![
                if_then(
                    bin(id("youRow"), BinOp::Ne, Expr::Nil),
                    vec![
                        Stmt::Call(id("youRow").method("Destroy", vec![])),
                        assign(id("youRow"), Expr::Nil),
                    ],
                ),
                local("info", id("infos").index(id("current"))),
                if_then(bin(id("info"), BinOp::Eq, Expr::Nil), vec![Stmt::Return(vec![])]),
                local("you", id("info").field("you")),
                comment("Not known yet (still loading, or the period's start is not saved yet): no row rather than a wrong one."),
                if_then(bin(id("you"), BinOp::Eq, Expr::Nil), vec![Stmt::Return(vec![])]),
                local("rank", n(0)),
                for_in(
                    &["_", "entry"],
                    vec![id("shown")],
                    vec![if_then(
                        bin(
                            id("entry").field("userId"),
                            BinOp::Eq,
                            id("localPlayer").field("UserId"),
                        ),
                        vec![assign(id("rank"), id("entry").field("rank"))],
                    )],
                ),
                local("row", call("buildRow", vec![you_entry(id("rank"), id("you"))])),
                assign(id("row").field("Name"), s("You")),
                comment("After the list when it shares the list's object."),
                assign(
                    id("row").field("LayoutOrder"),
                    bin(id("MAX_ROWS"), BinOp::Add, n(1)),
                ),
                assign(
                    id("row").field("Parent"),
                    bin(id("youIn"), BinOp::Or, id("rowsIn")),
                ),
                assign(id("youRow"), id("row")),
            ],
        ));
        b.push(Stmt::Blank);
    }
    b
}

/// Statements at the end of `showEntries`.
pub fn after_show(board: &Leaderboard) -> Vec<Stmt> {
    if board.you_row.is_some() {
        vec![Stmt::Call(call("showYou", vec![]))]
    } else {
        Vec::new()
    }
}

/// `selectPeriod` and `buildTab`, after `showEntries`.
pub fn after_show_fns(board: &Leaderboard) -> Vec<Stmt> {
    let Some(tabs) = &board.tabs else {
        return Vec::new();
    };
    let mut b = Vec::new();
    let colours = board
        .highlight
        .local_player
        .filter(|_| has_background(&tabs.template));
    b.push(comment("Shows another period's list (a tab was pressed)."));
    let mut select = vec![assign(id("current"), id("period"))];
    if let Some((r, g, bb)) = colours {
        select.push(comment(
            "The shown period's tab takes the local player's highlight colour; the others keep the tab's own.",
        ));
        select.push(for_in(
            &["tabPeriod", "tab"],
            vec![id("tabs")],
            vec![if_else(
                bin(id("tabPeriod"), BinOp::Eq, id("current")),
                vec![assign(
                    id("tab").field("BackgroundColor3"),
                    super::color(r, g, bb),
                )],
                Some(vec![assign(
                    id("tab").field("BackgroundColor3"),
                    id("tabColors")
                        .index(id("tabPeriod"))
                        .binary(BinOp::Or, id("tab").field("BackgroundColor3")),
                )]),
            )],
        ));
    }
    select.push(Stmt::Call(call(
        "showEntries",
        vec![bin(
            id("lists").index(id("period")),
            BinOp::Or,
            Table::new().into(),
        )],
    )));
    select.push(Stmt::Call(call("refreshTexts", vec![])));
    b.push(typed_fn(
        "selectPeriod",
        &[("period", "string")],
        None,
        select,
    ));
    b.push(Stmt::Blank);

    // buildTab(period): the tab template with {period} filled in.
    let mut scope = super::reserved();
    let var = scope.fresh("tab");
    let mut stmts = Vec::new();
    tab_node(&tabs.template, &var, &mut scope, &mut stmts, true);
    if colours.is_some() {
        stmts.push(comment(
            "Its own colour, given back when another tab is shown.",
        ));
        stmts.push(assign(
            id("tabColors").index(id("period")),
            id(&var).field("BackgroundColor3"),
        ));
    }
    stmts.push(Stmt::Call(id(&var).field("Activated").method(
        "Connect",
        vec![func(
            &[],
            vec![Stmt::Call(call("selectPeriod", vec![id("period")]))],
        )],
    )));
    stmts.push(ret(id(&var)));
    b.push(comment(&format!(
        "One tab, from the tab template {} ({}).",
        tabs.template.name, tabs.template.class
    )));
    b.push(typed_fn(
        "buildTab",
        &[("period", "string"), ("order", "number")],
        Some(&tabs.template.class),
        stmts,
    ));
    b.push(Stmt::Blank);
    b
}

fn has_background(node: &GuiNode) -> bool {
    crate::project::classes::class(&node.class)
        .is_some_and(|c| c.property("BackgroundColor3").is_some())
}

fn tab_node(
    node: &GuiNode,
    var: &str,
    scope: &mut super::Names,
    stmts: &mut Vec<Stmt>,
    is_tab: bool,
) {
    let name = if is_tab {
        bin(s(&node.name), BinOp::Concat, id("period"))
    } else {
        s(&node.name)
    };
    stmts.extend(super::create_instance(
        node,
        var,
        name,
        &mut |prop, v| match v {
            _ if is_tab && prop == "LayoutOrder" => id("order"),
            PropValue::String(text) if text.contains("{period}") => {
                // string.format gives one result (gsub gives two); % in the designer's text is kept.
                let pattern = text.replace('%', "%%").replace("{period}", "%s");
                fmt(
                    &pattern,
                    vec![bin(
                        id("PERIOD_LABELS").index(id("period")),
                        BinOp::Or,
                        id("period"),
                    )],
                )
            }
            _ => super::value_expr(v),
        },
    ));
    for child in &node.children {
        let child_var = scope.fresh(&super::camel(&child.name));
        tab_node(child, &child_var, scope, stmts, false);
        stmts.push(assign(id(&child_var).field("Parent"), id(var)));
    }
}

/// Statements in `mount` after the GUI is built: the tabs and the texts.
pub fn in_mount(board: &Leaderboard) -> Vec<Stmt> {
    if !needed(board) {
        return Vec::new();
    }
    let mut b = Vec::new();
    if board.tabs.is_some() {
        b.push(comment("One tab per period, in the board's order."));
        b.push(assign(id("tabs"), Table::new().into()));
        b.push(for_in(
            &["order", "period"],
            vec![id("PERIODS")],
            vec![
                local("tab", call("buildTab", vec![id("period"), id("order")])),
                assign(id("tab").field("Parent"), id("tabsIn")),
                assign(id("tabs").index(id("period")), id("tab")),
            ],
        ));
        b.push(Stmt::Call(call("selectPeriod", vec![id("current")])));
    } else {
        b.push(Stmt::Call(call("refreshTexts", vec![])));
    }
    b
}

/// The RemoteEvent handler when the board has periods, and the clock that
/// counts the time left down.
pub fn listen(board: &Leaderboard) -> Vec<Stmt> {
    let handler = vec![
        local("entries", call("readEntries", vec![id("payload")])),
        if_then(
            bin(id("entries"), BinOp::Eq, Expr::Nil),
            vec![Stmt::Return(vec![])],
        ),
        local("period", id("PERIODS").index(n(1))),
        if_then(
            bin(call("type", vec![id("info")]), BinOp::Eq, s("table")),
            vec![
                if_then(
                    bin(
                        call("type", vec![id("info").field("period")]),
                        BinOp::Eq,
                        s("string"),
                    ),
                    vec![
                        comment(
                            "A period this script doesn't show (an older or newer export): ignored.",
                        ),
                        if_then(
                            bin(
                                id("PERIOD_LABELS").index(id("info").field("period")),
                                BinOp::Eq,
                                Expr::Nil,
                            ),
                            vec![Stmt::Return(vec![])],
                        ),
                        assign(id("period"), id("info").field("period")),
                    ],
                ),
                assign(
                    id("infos").index(id("period")),
                    call("readInfo", vec![id("info")]),
                ),
            ],
        ),
        assign(id("lists").index(id("period")), id("entries")),
        if_then(
            bin(id("period"), BinOp::Eq, id("current")),
            vec![
                Stmt::Call(call("showEntries", vec![id("entries")])),
                Stmt::Call(call("refreshTexts", vec![])),
            ],
        ),
    ];
    let mut b = vec![
        comment(
            "The server sends each period's list on every update, with { period, endsAt, now, you }, and once when this player joins.",
        ),
        Stmt::Call(
            id("remote")
                .field("OnClientEvent")
                .method("Connect", vec![func(&["payload", "info"], handler)]),
        ),
    ];
    let counts_down = board.gui.walk().iter().any(|(_, node)| {
        matches!(node.prop("Text"), Some(PropValue::String(t)) if t.contains("{resets}"))
    });
    if counts_down {
        b.push(Stmt::Blank);
        b.push(comment("The time left counts down every second."));
        b.push(local_fn(
            "tick",
            &[],
            vec![
                Stmt::Call(call("refreshTexts", vec![])),
                Stmt::Call(lib("task", "delay", vec![n(1), id("tick")])),
            ],
        ));
        b.push(Stmt::Call(call("tick", vec![])));
    }
    b
}

/// Names this module's code uses at the top of the script.
pub const RESERVED: &[&str] = &[
    "PERIODS",
    "PERIOD_LABELS",
    "UNRANKED_TEXT",
    "HUGE_SUFFIXES",
    "lists",
    "infos",
    "current",
    "boardTexts",
    "tabsIn",
    "tabs",
    "tabColors",
    "youIn",
    "youRow",
    "timeLeft",
    "fillBoardText",
    "refreshTexts",
    "readInfo",
    "showYou",
    "selectPeriod",
    "buildTab",
    "formatWhole",
    "tick",
    "order",
    "period",
    "os",
    "tonumber",
];
