//! A small typed Luau syntax tree and its printer.
//!
//! Generated modules are built as trees, never pasted together as text, so
//! values taken from a project (names, texts, numbers) are always escaped and
//! the printed code always parses. The printer aims at *valid* code with a
//! plain layout (tabs, one table item per line); [`super::format`] runs StyLua
//! afterwards for the final look.
//!
//! What the printer takes care of:
//! - strings are escaped (`\\ \" \n \r \t`, other control characters as
//!   `\ddd`), valid UTF-8 is kept as it is;
//! - numbers: integers without `.0`, other finite numbers in their shortest
//!   round-trip form, infinities as `math.huge`; NaN cannot be built;
//! - field names that are not identifiers are written `a["my field"]`, table
//!   keys `["my field"] = ...`, table type keys `["my field"]: T`;
//! - operators get parentheses from their precedence;
//! - comments are split into lines and cannot open a block comment;
//! - a `return` that is not the last statement of its block is wrapped in
//!   `do ... end`;
//! - a statement that would start with `(` gets a leading `;`.
//!
//! What callers must get right: names of locals, parameters, functions,
//! methods and named types must be valid identifiers
//! ([`is_luau_identifier`]); the printer checks this only in debug builds.

use std::fmt;

use crate::project::names::is_luau_identifier;

/// One source file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chunk {
    /// Hot comments such as `--!strict`, printed first.
    pub directives: Vec<Directive>,
    /// Comment lines printed after the directives, then a blank line.
    pub header: Vec<String>,
    pub body: Vec<Stmt>,
}

/// A Luau hot comment (`--!name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    Strict,
    Nonstrict,
    NoCheck,
    Native,
    /// `--!optimize N` (0, 1 or 2).
    Optimize(u8),
}

impl fmt::Display for Directive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Directive::Strict => f.write_str("--!strict"),
            Directive::Nonstrict => f.write_str("--!nonstrict"),
            Directive::NoCheck => f.write_str("--!nocheck"),
            Directive::Native => f.write_str("--!native"),
            Directive::Optimize(level) => write!(f, "--!optimize {}", (*level).min(2)),
        }
    }
}

/// A statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    /// `-- text`; a text of several lines becomes several comment lines.
    Comment(String),
    /// An empty line (StyLua keeps at most one in a row).
    Blank,
    /// `local name: ty = value`
    Local {
        name: String,
        ty: Option<Type>,
        value: Option<Expr>,
    },
    /// `target = value`; the target must be a name, a field or an index.
    Assign { target: Expr, value: Expr },
    /// `return a, b`
    Return(Vec<Expr>),
    /// `type Name = ty`, or `export type Name = ty`.
    TypeDecl {
        export: bool,
        name: String,
        ty: Type,
    },
    /// A named function declaration.
    Function(Box<FunctionDecl>),
    /// `if ... then ... elseif ... else ... end`
    If(Box<If>),
    /// A call used as a statement. Anything that is not a call or a method
    /// call is printed as `local _ = expr` so the code stays valid.
    Call(Expr),
    /// `for a, b in values do ... end` (Luau's generalized iteration when
    /// `values` is one table, or `ipairs(t)` and the like).
    For(Box<For>),
}

/// A generic `for` loop.
#[derive(Debug, Clone, PartialEq)]
pub struct For {
    /// Loop variables; at least one, each an identifier.
    pub names: Vec<String>,
    pub values: Vec<Expr>,
    pub body: Vec<Stmt>,
}

/// `local function name(...)`, `function A.b(...)` or `function A:b(...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDecl {
    pub name: FunctionName,
    pub body: FunctionBody,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FunctionName {
    /// `local function name`
    Local(String),
    /// `function a.b.c`: every part an identifier, at least one.
    Path(Vec<String>),
    /// `function a.b:method`
    Method(Vec<String>, String),
}

/// Parameters, return type and statements of a function.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FunctionBody {
    pub params: Vec<Param>,
    pub returns: Option<Type>,
    pub body: Vec<Stmt>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub ty: Option<Type>,
}

impl Param {
    pub fn new(name: impl Into<String>) -> Self {
        Param {
            name: name.into(),
            ty: None,
        }
    }

    pub fn typed(name: impl Into<String>, ty: Type) -> Self {
        Param {
            name: name.into(),
            ty: Some(ty),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct If {
    pub condition: Expr,
    pub then_body: Vec<Stmt>,
    pub else_ifs: Vec<(Expr, Vec<Stmt>)>,
    pub else_body: Option<Vec<Stmt>>,
}

/// A Luau number. NaN cannot be represented: [`Number::float`] refuses it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(NumberRepr);

#[derive(Debug, Clone, Copy, PartialEq)]
enum NumberRepr {
    /// Printed digit for digit, even beyond 2^53 where Luau rounds it.
    Int(i64),
    /// Never NaN.
    Float(f64),
}

/// The error of [`Number::float`] and `Number::try_from(f64)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("NaN cannot be written as a Luau number")]
pub struct NotANumber;

impl Number {
    pub fn int(value: i64) -> Self {
        Number(NumberRepr::Int(value))
    }

    /// Any float but NaN; infinities print as `math.huge`.
    pub fn float(value: f64) -> Result<Self, NotANumber> {
        if value.is_nan() {
            Err(NotANumber)
        } else {
            Ok(Number(NumberRepr::Float(value)))
        }
    }

    /// Whether the printed form starts with a minus sign.
    pub fn is_negative(self) -> bool {
        match self.0 {
            NumberRepr::Int(i) => i < 0,
            NumberRepr::Float(f) => f.is_sign_negative(),
        }
    }

    fn is_infinite(self) -> bool {
        matches!(self.0, NumberRepr::Float(f) if f.is_infinite())
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Self {
        Number::int(value)
    }
}

impl From<i32> for Number {
    fn from(value: i32) -> Self {
        Number::int(value.into())
    }
}

impl From<u32> for Number {
    fn from(value: u32) -> Self {
        Number::int(value.into())
    }
}

/// What a generated number becomes when it is NaN. Validation rejects NaN
/// before export, so this only decides what unchecked code still gets, and
/// the right stand-in depends on who reads the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NanAs {
    /// For settings and saved values (`Config`): nil, as if the value were not
    /// set, so the DataManager's own checks see it missing rather than a
    /// made-up number.
    Nil,
    /// For GUI properties: 0, because Roblox errors when a number property is
    /// set to nil (and `UDim2.new` and friends want numbers).
    Zero,
}

impl TryFrom<f64> for Number {
    type Error = NotANumber;

    fn try_from(value: f64) -> Result<Self, NotANumber> {
        Number::float(value)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            NumberRepr::Int(i) => write!(f, "{i}"),
            NumberRepr::Float(x) => f.write_str(&float_literal(x)),
        }
    }
}

/// The shortest text that reads back as `x` (finite or infinite, not NaN).
fn float_literal(x: f64) -> String {
    if x.is_infinite() {
        return if x > 0.0 { "math.huge" } else { "-math.huge" }.into();
    }
    let abs = x.abs();
    // Rust's `{}` and `{:e}` both print the shortest round-trip digits; `{}`
    // never uses an exponent, which is unreadable for very large or small
    // numbers, and `{}` prints whole numbers without ".0".
    if abs == 0.0 || (1e-5..1e16).contains(&abs) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Nil,
    Bool(bool),
    Number(Number),
    /// Any text; printed in double quotes with escapes.
    String(String),
    /// A name such as `game` or `Config`; must be a valid identifier.
    Ident(String),
    /// `base.name`, or `base["name"]` when `name` is not an identifier.
    Field(Box<Expr>, String),
    /// `base[key]`
    Index(Box<Expr>, Box<Expr>),
    /// `callee(args)`
    Call(Box<Expr>, Vec<Expr>),
    /// `base:method(args)`; the method name must be an identifier.
    MethodCall(Box<Expr>, String, Vec<Expr>),
    Table(Table),
    /// `function(params): returns ... end`
    Function(Box<FunctionBody>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnOp, Box<Expr>),
    /// `expr :: Type`
    Cast(Box<Expr>, Type),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    Concat,
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
}

impl BinOp {
    fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Lt => "<",
            BinOp::Gt => ">",
            BinOp::Le => "<=",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "~=",
            BinOp::Concat => "..",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "^",
        }
    }

    fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge | BinOp::Eq | BinOp::Ne => 3,
            BinOp::Concat => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div | BinOp::FloorDiv | BinOp::Mod => 6,
            BinOp::Pow => 8,
        }
    }

    fn right_associative(self) -> bool {
        matches!(self, BinOp::Concat | BinOp::Pow)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `not x`
    Not,
    /// `#x`
    Len,
}

/// Precedence levels beyond the binary operators.
const PREC_UNARY: u8 = 7;
const PREC_CAST: u8 = 9;
/// Literals, tables and functions: fine as operands, not as a call's callee.
const PREC_SIMPLE: u8 = 10;
/// Names, fields, indexes, calls: usable as callee or indexed base.
const PREC_PREFIX: u8 = 11;

impl Expr {
    pub fn ident(name: impl Into<String>) -> Self {
        Expr::Ident(name.into())
    }

    pub fn string(text: impl Into<String>) -> Self {
        Expr::String(text.into())
    }

    pub fn int(value: impl Into<i64>) -> Self {
        Expr::Number(Number::int(value.into()))
    }

    /// A number expression; NaN is refused.
    pub fn float(value: f64) -> Result<Self, NotANumber> {
        Number::float(value).map(Expr::Number)
    }

    /// A number as generated code writes it; NaN, which Luau cannot write,
    /// becomes what `nan` says (see [`NanAs`] for which to use where).
    pub fn number(value: f64, nan: NanAs) -> Self {
        Expr::float(value).unwrap_or(match nan {
            NanAs::Nil => Expr::Nil,
            NanAs::Zero => Expr::int(0),
        })
    }

    /// `self.name` (or `self["name"]`).
    pub fn field(self, name: impl Into<String>) -> Self {
        Expr::Field(Box::new(self), name.into())
    }

    /// `self[key]`
    pub fn index(self, key: Expr) -> Self {
        Expr::Index(Box::new(self), Box::new(key))
    }

    /// `self(args)`
    pub fn call(self, args: Vec<Expr>) -> Self {
        Expr::Call(Box::new(self), args)
    }

    /// `self:method(args)`
    pub fn method(self, method: impl Into<String>, args: Vec<Expr>) -> Self {
        Expr::MethodCall(Box::new(self), method.into(), args)
    }

    pub fn binary(self, op: BinOp, rhs: Expr) -> Self {
        Expr::Binary(op, Box::new(self), Box::new(rhs))
    }

    pub fn unary(op: UnOp, operand: Expr) -> Self {
        Expr::Unary(op, Box::new(operand))
    }

    pub fn cast(self, ty: Type) -> Self {
        Expr::Cast(Box::new(self), ty)
    }

    /// `game:GetService("Name")`
    pub fn service(name: &str) -> Self {
        Expr::ident("game").method("GetService", vec![Expr::string(name)])
    }

    /// Whether the printed expression spans several lines.
    fn is_multiline(&self) -> bool {
        match self {
            Expr::Nil | Expr::Bool(_) | Expr::Number(_) | Expr::String(_) | Expr::Ident(_) => false,
            Expr::Function(_) => true,
            Expr::Table(t) => t.is_multiline(),
            Expr::Field(base, _) => base.is_multiline(),
            Expr::Index(base, key) => base.is_multiline() || key.is_multiline(),
            Expr::Call(base, args) | Expr::MethodCall(base, _, args) => {
                base.is_multiline() || args.iter().any(Expr::is_multiline)
            }
            Expr::Binary(_, lhs, rhs) => lhs.is_multiline() || rhs.is_multiline(),
            Expr::Unary(_, e) => e.is_multiline(),
            Expr::Cast(e, ty) => e.is_multiline() || ty.is_multiline(),
        }
    }

    fn precedence(&self) -> u8 {
        match self {
            Expr::Number(n) if n.is_negative() => PREC_UNARY,
            // `math.huge` is a field access.
            Expr::Number(n) if n.is_infinite() => PREC_PREFIX,
            Expr::Nil
            | Expr::Bool(_)
            | Expr::Number(_)
            | Expr::String(_)
            | Expr::Table(_)
            | Expr::Function(_) => PREC_SIMPLE,
            Expr::Ident(_)
            | Expr::Field(..)
            | Expr::Index(..)
            | Expr::Call(..)
            | Expr::MethodCall(..) => PREC_PREFIX,
            Expr::Binary(op, ..) => op.precedence(),
            Expr::Unary(..) => PREC_UNARY,
            Expr::Cast(..) => PREC_CAST,
        }
    }
}

impl From<Number> for Expr {
    fn from(n: Number) -> Self {
        Expr::Number(n)
    }
}

impl From<bool> for Expr {
    fn from(b: bool) -> Self {
        Expr::Bool(b)
    }
}

impl From<&str> for Expr {
    fn from(s: &str) -> Self {
        Expr::String(s.into())
    }
}

impl From<String> for Expr {
    fn from(s: String) -> Self {
        Expr::String(s)
    }
}

impl From<i64> for Expr {
    fn from(i: i64) -> Self {
        Expr::int(i)
    }
}

impl From<u32> for Expr {
    fn from(i: u32) -> Self {
        Expr::int(i)
    }
}

impl From<Table> for Expr {
    fn from(t: Table) -> Self {
        Expr::Table(t)
    }
}

/// A table constructor.
///
/// Printed on one line (`{ a = 1, b = 2 }`) unless it is `expanded` or holds
/// comments or something printed on several lines; StyLua then breaks lines
/// that are too long, and keeps expanded tables expanded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub items: Vec<TableItem>,
    /// One item per line even when the table would fit on one.
    pub expanded: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableItem {
    /// `None` for an array item.
    pub key: Option<TableKey>,
    pub value: Expr,
    /// Comment lines printed before the item.
    pub leading_comments: Vec<String>,
    /// A comment at the end of the item's line (kept on one line).
    pub trailing_comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TableKey {
    /// `name = ...` when `name` is an identifier, else `["name"] = ...`.
    Name(String),
    /// `[expr] = ...`
    Expr(Expr),
}

impl Table {
    pub fn new() -> Self {
        Table::default()
    }

    /// An empty table printed one item per line.
    pub fn new_expanded() -> Self {
        Table {
            items: Vec::new(),
            expanded: true,
        }
    }

    /// Builder: print one item per line.
    pub fn expand(mut self) -> Self {
        self.expanded = true;
        self
    }

    /// Whether the printer puts the items on lines of their own.
    fn is_multiline(&self) -> bool {
        !self.items.is_empty()
            && (self.expanded
                || self.items.iter().any(|item| {
                    !item.leading_comments.is_empty()
                        || item.trailing_comment.is_some()
                        || item.value.is_multiline()
                        || matches!(&item.key, Some(TableKey::Expr(k)) if k.is_multiline())
                }))
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds an array item.
    pub fn push(&mut self, value: impl Into<Expr>) -> &mut TableItem {
        self.push_item(None, value.into())
    }

    /// Adds `name = value`.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<Expr>) -> &mut TableItem {
        self.push_item(Some(TableKey::Name(name.into())), value.into())
    }

    /// Adds `[key] = value`.
    pub fn set_expr(&mut self, key: Expr, value: impl Into<Expr>) -> &mut TableItem {
        self.push_item(Some(TableKey::Expr(key)), value.into())
    }

    /// Builder form of [`Table::push`].
    pub fn with_item(mut self, value: impl Into<Expr>) -> Self {
        self.push(value);
        self
    }

    /// Builder form of [`Table::set`].
    pub fn with(mut self, name: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.set(name, value);
        self
    }

    fn push_item(&mut self, key: Option<TableKey>, value: Expr) -> &mut TableItem {
        self.items.push(TableItem {
            key,
            value,
            leading_comments: Vec::new(),
            trailing_comment: None,
        });
        self.items.last_mut().expect("just pushed")
    }
}

impl FromIterator<Expr> for Table {
    fn from_iter<I: IntoIterator<Item = Expr>>(iter: I) -> Self {
        let mut table = Table::new();
        for value in iter {
            table.push(value);
        }
        table
    }
}

impl TableItem {
    pub fn comment(&mut self, text: impl Into<String>) -> &mut Self {
        self.trailing_comment = Some(text.into());
        self
    }

    pub fn leading_comment(&mut self, text: impl Into<String>) -> &mut Self {
        self.leading_comments.push(text.into());
        self
    }
}

/// A type annotation.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    /// `number`, `string`, `Player`, `Types.PlayerData`: printed as given.
    Named(String),
    /// `{ T }`
    Array(Box<Type>),
    /// `{ [K]: V }`
    Map(Box<Type>, Box<Type>),
    /// `{ name: T, ... }`
    Table(Vec<TypeField>),
    /// `T?`
    Optional(Box<Type>),
    /// `"text"`
    StringLiteral(String),
    /// `A | B | C`; empty, it is `never`.
    Union(Vec<Type>),
}

/// One property of a table type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeField {
    /// Printed bare when an identifier, else `["name"]`.
    pub name: String,
    pub ty: Type,
    /// Comment lines printed before the property.
    pub leading_comments: Vec<String>,
    /// A comment at the end of the property's line.
    pub trailing_comment: Option<String>,
}

impl TypeField {
    pub fn new(name: impl Into<String>, ty: Type) -> Self {
        TypeField {
            name: name.into(),
            ty,
            leading_comments: Vec::new(),
            trailing_comment: None,
        }
    }

    pub fn with_comment(mut self, text: impl Into<String>) -> Self {
        self.trailing_comment = Some(text.into());
        self
    }

    pub fn with_leading_comment(mut self, text: impl Into<String>) -> Self {
        self.leading_comments.push(text.into());
        self
    }
}

impl Type {
    /// Whether the printed type spans several lines: table types with
    /// properties always do.
    fn is_multiline(&self) -> bool {
        match self {
            Type::Named(_) | Type::StringLiteral(_) => false,
            Type::Table(fields) => !fields.is_empty(),
            Type::Array(t) | Type::Optional(t) => t.is_multiline(),
            Type::Map(k, v) => k.is_multiline() || v.is_multiline(),
            Type::Union(items) => items.iter().any(Type::is_multiline),
        }
    }

    pub fn named(name: impl Into<String>) -> Self {
        Type::Named(name.into())
    }

    pub fn number() -> Self {
        Type::named("number")
    }

    pub fn string() -> Self {
        Type::named("string")
    }

    pub fn boolean() -> Self {
        Type::named("boolean")
    }

    pub fn array(item: Type) -> Self {
        Type::Array(Box::new(item))
    }

    pub fn map(key: Type, value: Type) -> Self {
        Type::Map(Box::new(key), Box::new(value))
    }

    /// `T?`; an optional type stays as it is.
    pub fn optional(self) -> Self {
        match self {
            Type::Optional(_) => self,
            other => Type::Optional(Box::new(other)),
        }
    }

    /// `"a" | "b" | ...`
    pub fn string_union<I, S>(texts: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Type::Union(
            texts
                .into_iter()
                .map(|s| Type::StringLiteral(s.into()))
                .collect(),
        )
    }
}

/// Writes `text` as a double-quoted Luau string literal.
pub fn quote_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Three digits always, so a following digit is not taken in.
            // Other control characters (C0, DEL and C1) byte by byte.
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\{byte:03}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The lines of a comment text: split at line breaks, other control
/// characters turned into spaces, trailing spaces dropped.
fn comment_lines(text: &str) -> Vec<String> {
    text.split(['\n', '\r'])
        .map(|line| {
            line.chars()
                .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// One comment line: `-- text`, never the start of a block comment or a
/// hot comment (`--[[`, `--!`), thanks to the space.
fn comment_line(line: &str) -> String {
    if line.is_empty() {
        "--".into()
    } else {
        format!("-- {line}")
    }
}

/// A trailing comment: all on one line.
fn trailing_comment(text: &str) -> String {
    let joined = comment_lines(text)
        .into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    comment_line(&joined)
}

impl Chunk {
    pub fn new() -> Self {
        Chunk::default()
    }

    /// The code, valid Luau but not yet formatted.
    pub fn print(&self) -> String {
        let mut p = Printer::default();
        for d in &self.directives {
            p.line(&d.to_string());
        }
        for h in &self.header {
            for l in comment_lines(h) {
                p.line(&comment_line(&l));
            }
        }
        let has_top = !self.directives.is_empty() || !self.header.is_empty();
        if has_top && !self.body.is_empty() {
            p.out.push('\n');
        }
        p.block(&self.body);
        p.out
    }
}

impl fmt::Display for Chunk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.print())
    }
}

#[derive(Default)]
struct Printer {
    out: String,
    indent: usize,
}

impl Printer {
    fn pad(&mut self) {
        for _ in 0..self.indent {
            self.out.push('\t');
        }
    }

    fn line(&mut self, text: &str) {
        self.pad();
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn comment(&mut self, text: &str) {
        for l in comment_lines(text) {
            self.line(&comment_line(&l));
        }
    }

    fn block(&mut self, stmts: &[Stmt]) {
        // A `return` must end its block: one followed by real statements is
        // wrapped in `do ... end`.
        let last_real = stmts
            .iter()
            .rposition(|s| !matches!(s, Stmt::Comment(_) | Stmt::Blank));
        for (i, stmt) in stmts.iter().enumerate() {
            let wrap_return = matches!(stmt, Stmt::Return(_)) && Some(i) != last_real;
            if wrap_return {
                self.line("do");
                self.indent += 1;
                self.stmt(stmt);
                self.indent -= 1;
                self.line("end");
            } else {
                self.stmt(stmt);
            }
        }
    }

    fn indented_block(&mut self, stmts: &[Stmt]) {
        self.indent += 1;
        self.block(stmts);
        self.indent -= 1;
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::Comment(text) => self.comment(text),
            Stmt::Blank => self.out.push('\n'),
            Stmt::Local { name, ty, value } => {
                debug_identifier(name);
                self.pad();
                self.out.push_str("local ");
                self.out.push_str(name);
                if let Some(ty) = ty {
                    self.out.push_str(": ");
                    self.ty(ty);
                }
                if let Some(value) = value {
                    self.out.push_str(" = ");
                    self.expr(value, 0);
                }
                self.out.push('\n');
            }
            Stmt::Assign { target, value } => {
                debug_assert!(
                    matches!(target, Expr::Ident(_) | Expr::Field(..) | Expr::Index(..)),
                    "cannot assign to {target:?}"
                );
                self.statement_start(target);
                self.expr(target, PREC_PREFIX);
                self.out.push_str(" = ");
                self.expr(value, 0);
                self.out.push('\n');
            }
            Stmt::Return(values) => {
                self.pad();
                self.out.push_str("return");
                if !values.is_empty() {
                    self.out.push(' ');
                    self.expr_list(values);
                }
                self.out.push('\n');
            }
            Stmt::TypeDecl { export, name, ty } => {
                debug_identifier(name);
                self.pad();
                if *export {
                    self.out.push_str("export ");
                }
                self.out.push_str("type ");
                self.out.push_str(name);
                self.out.push_str(" = ");
                self.ty(ty);
                self.out.push('\n');
            }
            Stmt::Function(decl) => {
                self.pad();
                match &decl.name {
                    FunctionName::Local(name) => {
                        debug_identifier(name);
                        self.out.push_str("local function ");
                        self.out.push_str(name);
                    }
                    FunctionName::Path(parts) => {
                        debug_assert!(!parts.is_empty(), "function name without parts");
                        parts.iter().for_each(|p| debug_identifier(p));
                        self.out.push_str("function ");
                        self.out.push_str(&parts.join("."));
                    }
                    FunctionName::Method(parts, method) => {
                        debug_assert!(!parts.is_empty(), "method without a table");
                        parts.iter().for_each(|p| debug_identifier(p));
                        debug_identifier(method);
                        self.out.push_str("function ");
                        self.out.push_str(&parts.join("."));
                        self.out.push(':');
                        self.out.push_str(method);
                    }
                }
                self.function_rest(&decl.body);
                self.out.push('\n');
            }
            Stmt::If(branch) => {
                self.pad();
                self.out.push_str("if ");
                self.expr(&branch.condition, 0);
                self.out.push_str(" then\n");
                self.indented_block(&branch.then_body);
                for (condition, body) in &branch.else_ifs {
                    self.pad();
                    self.out.push_str("elseif ");
                    self.expr(condition, 0);
                    self.out.push_str(" then\n");
                    self.indented_block(body);
                }
                if let Some(body) = &branch.else_body {
                    self.line("else");
                    self.indented_block(body);
                }
                self.line("end");
            }
            Stmt::For(f) => {
                debug_assert!(!f.names.is_empty(), "for loop without variables");
                f.names.iter().for_each(|n| debug_identifier(n));
                self.pad();
                self.out.push_str("for ");
                self.out.push_str(&f.names.join(", "));
                self.out.push_str(" in ");
                self.expr_list(&f.values);
                self.out.push_str(" do\n");
                self.indented_block(&f.body);
                self.line("end");
            }
            Stmt::Call(expr) => {
                if matches!(expr, Expr::Call(..) | Expr::MethodCall(..)) {
                    self.statement_start(expr);
                    self.expr(expr, PREC_PREFIX);
                } else {
                    self.pad();
                    self.out.push_str("local _ = ");
                    self.expr(expr, 0);
                }
                self.out.push('\n');
            }
        }
    }

    /// Indents, and adds `;` before a statement that starts with `(`, which
    /// Lua could otherwise read as a call of the previous line.
    fn statement_start(&mut self, first: &Expr) {
        self.pad();
        if starts_with_paren(first) {
            self.out.push(';');
        }
    }

    /// `(params): returns` + body + `end` (no newline after `end`).
    fn function_rest(&mut self, f: &FunctionBody) {
        self.out.push('(');
        for (i, param) in f.params.iter().enumerate() {
            debug_identifier(&param.name);
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(&param.name);
            if let Some(ty) = &param.ty {
                self.out.push_str(": ");
                self.ty(ty);
            }
        }
        self.out.push(')');
        if let Some(ty) = &f.returns {
            self.out.push_str(": ");
            self.ty_operand(ty);
        }
        self.out.push('\n');
        self.indented_block(&f.body);
        self.pad();
        self.out.push_str("end");
    }

    fn expr_list(&mut self, values: &[Expr]) {
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(v, 0);
        }
    }

    /// Prints `e`, in parentheses when its precedence is below `min_prec`.
    fn expr(&mut self, e: &Expr, min_prec: u8) {
        if e.precedence() < min_prec {
            self.out.push('(');
            self.expr(e, 0);
            self.out.push(')');
            return;
        }
        match e {
            Expr::Nil => self.out.push_str("nil"),
            Expr::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Expr::Number(n) => self.out.push_str(&n.to_string()),
            Expr::String(s) => self.out.push_str(&quote_string(s)),
            Expr::Ident(name) => {
                debug_identifier(name);
                self.out.push_str(name);
            }
            Expr::Field(base, name) => {
                self.expr(base, PREC_PREFIX);
                if is_luau_identifier(name) {
                    self.out.push('.');
                    self.out.push_str(name);
                } else {
                    self.out.push('[');
                    self.out.push_str(&quote_string(name));
                    self.out.push(']');
                }
            }
            Expr::Index(base, key) => {
                self.expr(base, PREC_PREFIX);
                self.out.push('[');
                self.expr(key, 0);
                self.out.push(']');
            }
            Expr::Call(callee, args) => {
                self.expr(callee, PREC_PREFIX);
                self.out.push('(');
                self.expr_list(args);
                self.out.push(')');
            }
            Expr::MethodCall(base, method, args) => {
                debug_identifier(method);
                self.expr(base, PREC_PREFIX);
                self.out.push(':');
                self.out.push_str(method);
                self.out.push('(');
                self.expr_list(args);
                self.out.push(')');
            }
            Expr::Table(table) => self.table(table),
            Expr::Function(f) => {
                self.out.push_str("function");
                self.function_rest(f);
            }
            Expr::Binary(op, lhs, rhs) => {
                let p = op.precedence();
                let (lp, rp) = if op.right_associative() {
                    (p + 1, p)
                } else {
                    (p, p + 1)
                };
                self.expr(lhs, lp);
                self.out.push(' ');
                self.out.push_str(op.symbol());
                self.out.push(' ');
                self.expr(rhs, rp);
            }
            Expr::Unary(op, operand) => {
                match op {
                    UnOp::Neg => self.out.push('-'),
                    UnOp::Not => self.out.push_str("not "),
                    UnOp::Len => self.out.push('#'),
                }
                // `- -x` must not print as the comment `--x`.
                let starts_with_minus = match &**operand {
                    Expr::Unary(UnOp::Neg, _) => true,
                    Expr::Number(n) => n.is_negative(),
                    _ => false,
                };
                let min = if starts_with_minus && *op == UnOp::Neg {
                    PREC_PREFIX
                } else {
                    PREC_UNARY
                };
                self.expr(operand, min);
            }
            Expr::Cast(inner, ty) => {
                self.expr(inner, PREC_SIMPLE);
                self.out.push_str(" :: ");
                self.ty_operand(ty);
            }
        }
    }

    fn table(&mut self, table: &Table) {
        if table.items.is_empty() {
            self.out.push_str("{}");
            return;
        }
        if !table.is_multiline() {
            self.out.push_str("{ ");
            for (i, item) in table.items.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.table_key(&item.key);
                self.expr(&item.value, 0);
            }
            self.out.push_str(" }");
            return;
        }
        self.out.push_str("{\n");
        self.indent += 1;
        for item in &table.items {
            for c in &item.leading_comments {
                self.comment(c);
            }
            self.pad();
            self.table_key(&item.key);
            self.expr(&item.value, 0);
            self.out.push(',');
            if let Some(c) = &item.trailing_comment {
                self.out.push(' ');
                self.out.push_str(&trailing_comment(c));
            }
            self.out.push('\n');
        }
        self.indent -= 1;
        self.pad();
        self.out.push('}');
    }

    fn table_key(&mut self, key: &Option<TableKey>) {
        match key {
            None => {}
            Some(TableKey::Name(name)) => {
                if is_luau_identifier(name) {
                    self.out.push_str(name);
                } else {
                    self.out.push('[');
                    self.out.push_str(&quote_string(name));
                    self.out.push(']');
                }
                self.out.push_str(" = ");
            }
            Some(TableKey::Expr(key)) => {
                self.out.push('[');
                self.expr(key, 0);
                self.out.push_str("] = ");
            }
        }
    }

    /// A type where a union would be ambiguous (before `?`, after `::` or as
    /// a function's return type): unions get parentheses.
    fn ty_operand(&mut self, ty: &Type) {
        if matches!(ty, Type::Union(items) if items.len() > 1) {
            self.out.push('(');
            self.ty(ty);
            self.out.push(')');
        } else {
            self.ty(ty);
        }
    }

    fn ty(&mut self, ty: &Type) {
        match ty {
            Type::Named(name) => self.out.push_str(name),
            Type::Array(item) => {
                self.out.push_str("{ ");
                self.ty(item);
                self.out.push_str(" }");
            }
            Type::Map(key, value) => {
                self.out.push_str("{ [");
                self.ty(key);
                self.out.push_str("]: ");
                self.ty(value);
                self.out.push_str(" }");
            }
            Type::Table(fields) => {
                if fields.is_empty() {
                    self.out.push_str("{}");
                    return;
                }
                self.out.push_str("{\n");
                self.indent += 1;
                for field in fields {
                    for c in &field.leading_comments {
                        self.comment(c);
                    }
                    self.pad();
                    if is_luau_identifier(&field.name) {
                        self.out.push_str(&field.name);
                    } else {
                        self.out.push('[');
                        self.out.push_str(&quote_string(&field.name));
                        self.out.push(']');
                    }
                    self.out.push_str(": ");
                    self.ty(&field.ty);
                    self.out.push(',');
                    if let Some(c) = &field.trailing_comment {
                        self.out.push(' ');
                        self.out.push_str(&trailing_comment(c));
                    }
                    self.out.push('\n');
                }
                self.indent -= 1;
                self.pad();
                self.out.push('}');
            }
            // `T??` is written `T?`.
            Type::Optional(inner) if matches!(**inner, Type::Optional(_)) => self.ty(inner),
            Type::Optional(inner) => {
                self.ty_operand(inner);
                self.out.push('?');
            }
            Type::StringLiteral(text) => self.out.push_str(&quote_string(text)),
            Type::Union(items) => match items.as_slice() {
                [] => self.out.push_str("never"),
                [only] => self.ty(only),
                items => {
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str(" | ");
                        }
                        self.ty_operand(item);
                    }
                }
            },
        }
    }
}

fn starts_with_paren(e: &Expr) -> bool {
    match e {
        Expr::Field(base, _)
        | Expr::Index(base, _)
        | Expr::Call(base, _)
        | Expr::MethodCall(base, ..) => base.precedence() < PREC_PREFIX || starts_with_paren(base),
        other => other.precedence() < PREC_PREFIX,
    }
}

fn debug_identifier(name: &str) {
    debug_assert!(
        is_luau_identifier(name),
        "{name:?} is not a valid Luau identifier"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::luau::format::{format_luau, parse_luau};

    fn print_expr(e: Expr) -> String {
        let chunk = Chunk {
            body: vec![Stmt::Local {
                name: "x".into(),
                ty: None,
                value: Some(e),
            }],
            ..Chunk::default()
        };
        let code = chunk.print();
        parse_luau(&code).unwrap_or_else(|err| panic!("{code}\n{err}"));
        code.trim_end()
            .strip_prefix("local x = ")
            .expect("printed as a local")
            .to_string()
    }

    fn num(x: f64) -> String {
        print_expr(Expr::float(x).unwrap())
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(quote_string("plain"), r#""plain""#);
        assert_eq!(
            quote_string(r#"a "quoted" \ back"#),
            r#""a \"quoted\" \\ back""#
        );
        assert_eq!(quote_string("line\nnext\r\ttab"), r#""line\nnext\r\ttab""#);
        // Control characters as three digits, so a following digit stays a digit.
        assert_eq!(quote_string("\u{0}1"), r#""\0001""#);
        assert_eq!(quote_string("bell\u{7}"), r#""bell\007""#);
        assert_eq!(quote_string("del\u{7f}"), r#""del\127""#);
        assert_eq!(quote_string("esc\u{1b}[0m"), r#""esc\027[0m""#);
        assert_eq!(quote_string("c1\u{85}"), r#""c1\194\133""#);
        // UTF-8 passes through.
        assert_eq!(quote_string("Münzen 🏆 ✓"), "\"Münzen 🏆 ✓\"");
        // Not a long-bracket or interpolation problem in double quotes.
        assert_eq!(quote_string("]]{x}`'"), "\"]]{x}`'\"");
        for tricky in [
            "\\",
            "\\\"",
            "\n\n",
            "\u{0}\u{1}\u{1f}",
            "--[[ not a comment",
            "end",
            "",
        ] {
            print_expr(Expr::string(tricky));
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(num(300.0), "300");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.0), "-0");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(0.1), "0.1");
        assert_eq!(num(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(num(-2.25), "-2.25");
        assert_eq!(num(1e15), "1000000000000000");
        assert_eq!(num(1e16), "1e16");
        assert_eq!(num(1e300), "1e300");
        assert_eq!(num(1.5e-7), "1.5e-7");
        assert_eq!(num(f64::MAX), "1.7976931348623157e308");
        assert_eq!(num(f64::MIN_POSITIVE), "2.2250738585072014e-308");
        assert_eq!(num(5e-324), "5e-324");
        assert_eq!(num(f64::INFINITY), "math.huge");
        assert_eq!(num(f64::NEG_INFINITY), "-math.huge");
        assert_eq!(print_expr(Expr::int(i64::MIN)), "-9223372036854775808");
        assert_eq!(print_expr(Expr::int(42)), "42");
        assert_eq!(Number::float(f64::NAN), Err(NotANumber));
        assert!(Expr::float(-f64::NAN).is_err());
    }

    #[test]
    fn floats_round_trip() {
        for x in [
            0.1,
            1.0 / 3.0,
            123456.789,
            -9.87654321e-12,
            2f64.powi(53) + 2.0,
            6.02214076e23,
            1e-5,
            1e16 - 2.0,
        ] {
            let text = num(x);
            let back: f64 = text.parse().unwrap_or_else(|_| panic!("{text}"));
            assert_eq!(back.to_bits(), x.to_bits(), "{x} printed as {text}");
        }
    }

    #[test]
    fn negative_numbers_in_operators() {
        let neg = Expr::int(-2);
        assert_eq!(
            print_expr(neg.clone().binary(BinOp::Pow, Expr::int(2))),
            "(-2) ^ 2"
        );
        assert_eq!(
            print_expr(Expr::int(1).binary(BinOp::Sub, neg.clone())),
            "1 - -2"
        );
        assert_eq!(print_expr(Expr::unary(UnOp::Neg, neg.clone())), "-(-2)");
        assert_eq!(
            print_expr(Expr::unary(
                UnOp::Neg,
                Expr::unary(UnOp::Neg, Expr::ident("x"))
            )),
            "-(-x)"
        );
        assert_eq!(
            print_expr(Expr::float(f64::NEG_INFINITY).unwrap().field("x")),
            "(-math.huge).x"
        );
        assert_eq!(print_expr(Expr::int(5).field("x")), "(5).x");
    }

    #[test]
    fn precedence_and_associativity() {
        let a = || Expr::ident("a");
        let b = || Expr::ident("b");
        let c = || Expr::ident("c");
        let sum = a().binary(BinOp::Add, b());
        assert_eq!(
            print_expr(sum.clone().binary(BinOp::Mul, c())),
            "(a + b) * c"
        );
        assert_eq!(
            print_expr(c().binary(BinOp::Sub, sum.clone())),
            "c - (a + b)"
        );
        assert_eq!(print_expr(sum.clone().binary(BinOp::Sub, c())), "a + b - c");
        let pow = a().binary(BinOp::Pow, b());
        assert_eq!(
            print_expr(pow.clone().binary(BinOp::Pow, c())),
            "(a ^ b) ^ c"
        );
        assert_eq!(print_expr(c().binary(BinOp::Pow, pow)), "c ^ a ^ b");
        let cat = a().binary(BinOp::Concat, b());
        assert_eq!(
            print_expr(cat.clone().binary(BinOp::Concat, c())),
            "(a .. b) .. c"
        );
        assert_eq!(print_expr(c().binary(BinOp::Concat, cat)), "c .. a .. b");
        assert_eq!(
            print_expr(Expr::unary(UnOp::Not, a().binary(BinOp::Eq, b()))),
            "not (a == b)"
        );
        assert_eq!(
            print_expr(Expr::unary(UnOp::Len, a()).binary(BinOp::Gt, Expr::int(0))),
            "#a > 0"
        );
        assert_eq!(
            print_expr(a().binary(BinOp::Or, b()).binary(BinOp::And, c())),
            "(a or b) and c"
        );
        assert_eq!(
            print_expr(Expr::unary(UnOp::Neg, a()).cast(Type::number())),
            "(-a) :: number"
        );
        assert_eq!(
            print_expr(Expr::string("x").method("rep", vec![Expr::int(3)])),
            r#"("x"):rep(3)"#
        );
        assert_eq!(
            print_expr(Expr::int(1).binary(BinOp::Concat, Expr::int(2))),
            "1 .. 2"
        );
    }

    #[test]
    fn fields_and_keys() {
        let data = Expr::ident("data");
        assert_eq!(print_expr(data.clone().field("Coins")), "data.Coins");
        assert_eq!(
            print_expr(data.clone().field("my coins")),
            r#"data["my coins"]"#
        );
        assert_eq!(print_expr(data.clone().field("end")), r#"data["end"]"#);
        assert_eq!(
            print_expr(data.clone().field("Münzen")),
            r#"data["Münzen"]"#
        );
        assert_eq!(print_expr(data.clone().field("2x")), r#"data["2x"]"#);
        assert_eq!(print_expr(data.clone().field("type")), "data.type");

        let mut t = Table::new();
        t.set("Coins", Expr::int(0));
        t.set("my coins", Expr::int(1)).comment("spaces\nand lines");
        t.set("nil", Expr::Nil);
        t.set_expr(Expr::int(2), Expr::Bool(true));
        t.push(Expr::string("item"))
            .leading_comment("an array item");
        assert_eq!(
            print_expr(Expr::Table(t)),
            "{\n\tCoins = 0,\n\t[\"my coins\"] = 1, -- spaces and lines\n\t[\"nil\"] = nil,\n\t[2] = true,\n\t-- an array item\n\t\"item\",\n}"
        );
        assert_eq!(print_expr(Expr::Table(Table::new())), "{}");
        assert_eq!(print_expr(Expr::Table(Table::new().expand())), "{}");

        // Inline unless expanded, commented, or holding something multi-line.
        let inner = Table::new().with_item(Expr::Nil).with_item(-1i64);
        assert_eq!(
            print_expr(Table::new().with("a", 1i64).with("b", inner.clone()).into()),
            "{ a = 1, b = { nil, -1 } }"
        );
        assert_eq!(
            print_expr(Table::new().with("b", inner.clone().expand()).into()),
            "{\n\tb = {\n\t\tnil,\n\t\t-1,\n\t},\n}"
        );
        assert_eq!(print_expr(inner.expand().into()), "{\n\tnil,\n\t-1,\n}");
    }

    #[test]
    fn types() {
        let ty = Type::Table(vec![
            TypeField::new("Coins", Type::number()).with_comment("money"),
            TypeField::new("Inventory", Type::array(Type::number())),
            TypeField::new("Settings", Type::map(Type::string(), Type::boolean()))
                .with_leading_comment("two\nlines"),
            TypeField::new(
                "my field",
                Type::Optional(Box::new(Type::string().optional())),
            ),
            TypeField::new(
                "Mode",
                Type::string_union(["Fast", "Strict \"x\""]).optional(),
            ),
            TypeField::new("Never", Type::Union(vec![])),
        ]);
        let chunk = Chunk {
            directives: vec![Directive::Strict],
            header: vec!["header".into()],
            body: vec![
                Stmt::TypeDecl {
                    export: true,
                    name: "PlayerData".into(),
                    ty,
                },
                Stmt::Return(vec![Expr::Table(Table::new())]),
            ],
        };
        let code = chunk.print();
        assert_eq!(
            code,
            "--!strict\n-- header\n\nexport type PlayerData = {\n\tCoins: number, -- money\n\tInventory: { number },\n\t-- two\n\t-- lines\n\tSettings: { [string]: boolean },\n\t[\"my field\"]: string?,\n\tMode: (\"Fast\" | \"Strict \\\"x\\\"\")?,\n\tNever: never,\n}\nreturn {}\n"
        );
        parse_luau(&code).unwrap();
        format_luau(&code).unwrap();
    }

    #[test]
    fn statements() {
        let body = vec![
            Stmt::Comment("first\n\n--[[ not a block\n!strict".into()),
            Stmt::Local {
                name: "Players".into(),
                ty: None,
                value: Some(Expr::service("Players")),
            },
            Stmt::Blank,
            Stmt::Function(Box::new(FunctionDecl {
                name: FunctionName::Local("greet".into()),
                body: FunctionBody {
                    params: vec![
                        Param::typed("player", Type::named("Player")),
                        Param::new("n"),
                    ],
                    returns: Some(Type::string_union(["a", "b"])),
                    body: vec![
                        Stmt::Return(vec![Expr::string("early")]),
                        Stmt::If(Box::new(If {
                            condition: Expr::ident("n").binary(BinOp::Gt, Expr::int(1)),
                            then_body: vec![Stmt::Return(vec![Expr::string("a")])],
                            else_ifs: vec![(Expr::Bool(false), vec![])],
                            else_body: Some(vec![Stmt::Call(
                                Expr::ident("print").call(vec![Expr::string("b")]),
                            )]),
                        })),
                        Stmt::Return(vec![Expr::string("b")]),
                        Stmt::Comment("after the return".into()),
                    ],
                },
            })),
            Stmt::Function(Box::new(FunctionDecl {
                name: FunctionName::Method(vec!["M".into(), "sub".into()], "go".into()),
                body: FunctionBody::default(),
            })),
            Stmt::Call(Expr::string("x").method("rep", vec![Expr::int(2)])),
            Stmt::Call(Expr::ident("notACall")),
            Stmt::Assign {
                target: Expr::ident("t").field("odd key").index(Expr::int(1)),
                value: Expr::Function(Box::default()),
            },
            Stmt::Local {
                name: "n".into(),
                ty: Some(Type::number().optional()),
                value: None,
            },
        ];
        let code = Chunk {
            body,
            ..Chunk::default()
        }
        .print();
        assert!(code.starts_with("-- first\n--\n-- --[[ not a block\n-- !strict\n"));
        assert!(
            code.contains("\tdo\n\t\treturn \"early\"\n\tend\n"),
            "{code}"
        );
        assert!(code.contains(";(\"x\"):rep(2)\n"), "{code}");
        assert!(code.contains("local _ = notACall\n"), "{code}");
        assert!(
            code.contains("t[\"odd key\"][1] = function()\nend\n"),
            "{code}"
        );
        assert!(code.contains("function M.sub:go()\nend\n"), "{code}");
        assert!(
            code.contains("local function greet(player: Player, n): (\"a\" | \"b\")\n"),
            "{code}"
        );
        parse_luau(&code).unwrap_or_else(|e| panic!("{code}\n{e}"));
        let formatted = format_luau(&code).unwrap();
        assert_eq!(format_luau(&formatted).unwrap(), formatted);
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        /// Printed, parsed, formatted, and formatted again to the same text.
        fn check(chunk: &Chunk) -> Result<String, TestCaseError> {
            let code = chunk.print();
            prop_assert!(parse_luau(&code).is_ok(), "does not parse:\n{}", code);
            let formatted = format_luau(&code).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(format_luau(&formatted).unwrap(), formatted.clone());
            Ok(formatted)
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn any_text_anywhere(text in "\\PC*|[\\x00-\\x7f]*", key in ".*") {
                let mut table = Table::new();
                table.set(key.clone(), Expr::string(text.clone()))
                    .comment(text.clone());
                table.push(Expr::ident("t").field(key.clone()));
                let chunk = Chunk {
                    directives: vec![Directive::Strict],
                    header: vec![text.clone()],
                    body: vec![
                        Stmt::Comment(text.clone()),
                        Stmt::TypeDecl {
                            export: true,
                            name: "T".into(),
                            ty: Type::Table(vec![
                                TypeField::new(key.clone(), Type::StringLiteral(text.clone()))
                                    .with_comment(text.clone())
                                    .with_leading_comment(text.clone()),
                            ]),
                        },
                        Stmt::Local { name: "t".into(), ty: None, value: Some(table.into()) },
                        Stmt::Return(vec![Expr::ident("t")]),
                    ],
                };
                check(&chunk)?;
            }

            #[test]
            fn any_number(x in any::<f64>().prop_filter("not NaN", |x| !x.is_nan()), i in any::<i64>()) {
                let chunk = Chunk {
                    body: vec![Stmt::Return(vec![
                        Expr::float(x).unwrap(),
                        Expr::int(i),
                        Expr::float(x).unwrap().binary(BinOp::Pow, Expr::float(x).unwrap()),
                        Expr::unary(UnOp::Neg, Expr::float(x).unwrap()),
                    ])],
                    ..Chunk::default()
                };
                check(&chunk)?;
                if x.is_finite() {
                    let text = Number::float(x).unwrap().to_string();
                    prop_assert_eq!(text.parse::<f64>().unwrap().to_bits(), x.to_bits());
                }
            }
        }
    }
}
