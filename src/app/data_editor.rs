//! The player data table: one row per field, nested rows for the fields of a
//! record, with each field's problems right under it.

use egui::{RichText, Ui};

use super::collection_default;
use super::edit::{self, Edit, edit_field, unique_name};
use super::widgets::{self, explain};
use super::{PanelCtx, Selection};
use crate::project::migration;
use crate::project::{Field, FieldType, Grant, Value};

const NAME_W: f32 = 130.0;
const TYPE_W: f32 = 120.0;
const DEFAULT_W: f32 = 110.0;
/// Wide enough for a list's min, max and max items side by side, so the
/// columns after it stay in line on every row.
const LIMITS_W: f32 = 320.0;
/// The item type of a list or map ("whole numbers") is a little wider than a
/// type; every row keeps this much room for it.
const ITEM_TYPE_W: f32 = TYPE_W + 8.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Integer,
    Number,
    Text,
    Boolean,
    List,
    Map,
    Record,
}

const KINDS: [(Kind, &str); 7] = [
    (Kind::Integer, "Whole number"),
    (Kind::Number, "Number"),
    (Kind::Text, "Text"),
    (Kind::Boolean, "True/false"),
    (Kind::List, "List of…"),
    (Kind::Map, "Map of…"),
    (Kind::Record, "Record"),
];

const ITEM_KINDS: [(Kind, &str); 5] = [
    (Kind::Integer, "whole numbers"),
    (Kind::Number, "numbers"),
    (Kind::Text, "texts"),
    (Kind::Boolean, "true/false"),
    (Kind::Record, "records"),
];

fn kind_of(ty: &FieldType) -> Kind {
    match ty {
        FieldType::Integer => Kind::Integer,
        FieldType::Number => Kind::Number,
        FieldType::String => Kind::Text,
        FieldType::Boolean => Kind::Boolean,
        FieldType::List(_) => Kind::List,
        FieldType::Map(_) => Kind::Map,
        FieldType::Record(_) => Kind::Record,
    }
}

/// The type for a kind, keeping what can be kept of the old type.
fn type_for(kind: Kind, old: &FieldType) -> FieldType {
    let item = || match old {
        FieldType::List(item) | FieldType::Map(item) => item.clone(),
        FieldType::Record(_) => Box::new(old.clone()),
        scalar => Box::new(scalar.clone()),
    };
    match kind {
        Kind::Integer => FieldType::Integer,
        Kind::Number => FieldType::Number,
        Kind::Text => FieldType::String,
        Kind::Boolean => FieldType::Boolean,
        Kind::List => FieldType::List(item()),
        Kind::Map => FieldType::Map(item()),
        Kind::Record => match old {
            FieldType::Record(fields) => FieldType::Record(fields.clone()),
            _ => FieldType::Record(Vec::new()),
        },
    }
}

/// Whether a default value still fits a type.
fn fits(value: &Value, ty: &FieldType) -> bool {
    matches!(
        (value, ty),
        (Value::Integer(_), FieldType::Integer)
            | (Value::Number(_), FieldType::Number)
            | (Value::String(_), FieldType::String)
            | (Value::Boolean(_), FieldType::Boolean)
            | (Value::List(_), FieldType::List(_))
            | (Value::Map(_), FieldType::Map(_))
    )
}

fn set_type(field: &mut Field, ty: FieldType) {
    field.ty = ty;
    if let Some(default) = &field.default {
        let kept = match (default, &field.ty) {
            (Value::Integer(i), FieldType::Number) => Some(Value::Number(*i as f64)),
            (Value::Number(n), FieldType::Integer) if n.fract() == 0.0 => {
                Some(Value::Integer(*n as i64))
            }
            (v, ty) if fits(v, ty) => Some(v.clone()),
            _ => None,
        };
        field.default = kept;
    }
}

/// A field being dragged by its handle: its record (empty for the top
/// level) and place there.
#[derive(Debug, Clone)]
struct FieldDrag {
    parent: Vec<usize>,
    index: usize,
}

/// Shows where a dragged field would land among its neighbours and moves it
/// there on release, as one undo step. Fields stay in their own record.
fn drop_field(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    row: &egui::Response,
    parent: &[usize],
    index: usize,
    name: &str,
) {
    let Some(drag) = row.dnd_hover_payload::<FieldDrag>() else {
        return;
    };
    if drag.parent != parent {
        return;
    }
    let below = ui
        .ctx()
        .pointer_interact_pos()
        .is_some_and(|p| p.y > row.rect.center().y);
    let y = if below {
        row.rect.bottom()
    } else {
        row.rect.top()
    };
    ui.painter().hline(
        row.rect.x_range(),
        y,
        egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
    );
    if row.dnd_release_payload::<FieldDrag>().is_none() {
        return;
    }
    let from = drag.index;
    let slot = if below { index + 1 } else { index };
    let to = if slot > from { slot - 1 } else { slot };
    if to == from {
        return;
    }
    let owner = parent.to_vec();
    let moved = edit::fields(ctx.project, parent)
        .and_then(|f| f.get(from))
        .map_or_else(|| name.to_string(), |f| f.name.clone());
    ctx.edits.push(Edit::new(format!("move {moved}"), move |p| {
        if let Some(fields) = edit::fields_mut(p, &owner)
            && from < fields.len()
            && to < fields.len()
        {
            let field = fields.remove(from);
            fields.insert(to, field);
        }
    }));
    *ctx.selection = Selection::Field([parent, &[to]].concat());
}

pub fn show(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    collection_default::dialog(ui, ctx);
    ui.heading("Player data");
    explain(
        ui,
        "What the game saves for each player. New players start with the defaults; the limits keep bad values out of saves.",
    );
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.add_space(4.0);
        for (label, width) in [
            ("Name", NAME_W),
            ("Type", TYPE_W + ITEM_TYPE_W + 8.0),
            ("New players start with", DEFAULT_W),
            ("Limits", LIMITS_W),
        ] {
            ui.add_sized(
                [width, 18.0],
                egui::Label::new(RichText::new(label).strong()),
            );
        }
        ui.label(RichText::new("Shown / saved").strong());
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let fields = &ctx.project.schema.fields;
            if fields.is_empty() {
                explain(ui, "No fields yet. Add one to start, for example Coins.");
            }
            rows(ui, ctx, fields, &[], "data", 0);
            ui.add_space(6.0);
            if ui
                .button("➕ Add field")
                .on_hover_text("Add a new piece of player data, such as Coins or Level")
                .clicked()
            {
                add_field(ctx, &[]);
            }
        });
}

fn add_field(ctx: &mut PanelCtx<'_>, parent: &[usize]) {
    let taken = edit::fields(ctx.project, parent)
        .map(|f| f.iter().map(|f| f.name.clone()).collect::<Vec<_>>())
        .unwrap_or_default();
    let name = unique_name("NewField", taken.iter().map(String::as_str));
    let index = taken.len();
    let owner = parent.to_vec();
    ctx.edits
        .push(Edit::new(format!("add field {name}"), move |p| {
            if let Some(fields) = edit::fields_mut(p, &owner) {
                fields.push(Field::new(name, FieldType::Integer));
            }
        }));
    let mut path = parent.to_vec();
    path.push(index);
    *ctx.selection = Selection::Field(path);
}

fn rows(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    fields: &[Field],
    parent: &[usize],
    parent_path: &str,
    depth: usize,
) {
    for (index, field) in fields.iter().enumerate() {
        let mut path = parent.to_vec();
        path.push(index);
        let diag_path = format!("{parent_path}/{}", field.name);
        let selected = *ctx.selection == Selection::Field(path.clone());
        let frame = if selected {
            egui::Frame::new()
                .fill(ui.visuals().selection.bg_fill.gamma_multiply(0.25))
                .corner_radius(4.0)
        } else {
            egui::Frame::new()
        };
        let shown = frame.inner_margin(2.0).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.add_space(depth as f32 * 18.0);
                row(
                    ui,
                    ctx,
                    field,
                    &path,
                    &diag_path,
                    index,
                    fields.len(),
                    depth,
                );
            });
            let children: Vec<&str> = match &field.ty {
                FieldType::Record(inner) => inner.iter().map(|f| f.name.as_str()).collect(),
                _ => Vec::new(),
            };
            let problems = widgets::problems_at(ctx.diagnostics, &diag_path, &children);
            if !problems.is_empty() {
                ui.horizontal(|ui| {
                    ui.add_space(depth as f32 * 18.0 + 8.0);
                    ui.vertical(|ui| widgets::show_problems(ui, &problems));
                });
            }
        });
        drop_field(ui, ctx, &shown.response, parent, index, &field.name);
        if let FieldType::Record(inner) = &field.ty {
            rows(ui, ctx, inner, &path, &diag_path, depth + 1);
            ui.horizontal(|ui| {
                ui.add_space((depth + 1) as f32 * 18.0);
                if ui
                    .small_button(format!("➕ Add field to {}", field.name))
                    .on_hover_text("Add a field inside this record")
                    .clicked()
                {
                    add_field(ctx, &path);
                }
            });
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn row(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    field: &Field,
    path: &[usize],
    diag_path: &str,
    index: usize,
    count: usize,
    depth: usize,
) {
    let name = &field.name;
    let label = |what: &str| format!("{name} {what}");

    // A handle to drag the field up or down among its neighbours.
    let (owner_path, _) = path.split_at(path.len() - 1);
    let handle = ui
        .add(egui::Button::new("↕").small().sense(egui::Sense::drag()))
        .accessible_name(format!("Drag {name}"))
        .on_hover_text(format!("Drag {name} up or down to move it"));
    handle.dnd_set_drag_payload(FieldDrag {
        parent: owner_path.to_vec(),
        index,
    });

    // Name
    let width = (NAME_W - depth as f32 * 18.0).max(60.0);
    let mut buffer = name.clone();
    let response = ui
        .add(egui::TextEdit::singleline(&mut buffer).desired_width(width))
        .accessible_name(format!("Name of field {name}"))
        .on_hover_text("The field's name in code: English letters, digits and _");
    if response.gained_focus() || response.clicked() {
        *ctx.selection = Selection::Field(path.to_vec());
    }
    if response.changed() {
        // A top-level field's leaderboards and grants follow it to its new name.
        let at = path.to_vec();
        ctx.edits.push(
            Edit::new(format!("rename {name}"), move |p| {
                let Some(field) = edit::field_mut(p, &at) else {
                    return;
                };
                let old = std::mem::replace(&mut field.name, buffer.clone());
                if at.len() == 1 {
                    for board in p.leaderboards.iter_mut().filter(|b| b.stat == old) {
                        board.stat = buffer.clone();
                    }
                    // So do the grants of products and gifts.
                    let products = p.products.iter_mut().flat_map(|x| &mut x.grants);
                    let gifts = p.gifts.iter_mut().flat_map(|x| &mut x.grants);
                    for grant in products.chain(gifts) {
                        if let Grant::Add { field, .. }
                        | Grant::AddItem { field, .. }
                        | Grant::Set { field, .. } = grant
                            && *field == old
                        {
                            field.clone_from(&buffer);
                        }
                    }
                    // So publishing knows players' saved values move with it.
                    migration::note_rename(p, &old, &buffer);
                }
            })
            .in_session(response.id),
        );
    }

    // Type, and for lists and maps the type of their items.
    if let Some(kind) = widgets::choice(ui, &label("type"), kind_of(&field.ty), &KINDS, TYPE_W) {
        ctx.edits.push(edit_field(
            format!("change the type of {name}"),
            path,
            move |f| {
                let ty = type_for(kind, &f.ty);
                set_type(f, ty);
            },
        ));
    }
    // The same width on every row, so the columns after it line up.
    ui.allocate_ui(egui::vec2(ITEM_TYPE_W, 20.0), |ui| {
        ui.set_width(ITEM_TYPE_W);
        match &field.ty {
            FieldType::List(item) | FieldType::Map(item) => {
                let current = kind_of(item);
                if ITEM_KINDS.iter().any(|(k, _)| *k == current) {
                    if let Some(kind) = widgets::choice(
                        ui,
                        &label("item type"),
                        current,
                        &ITEM_KINDS,
                        TYPE_W - 10.0,
                    ) {
                        ctx.edits.push(edit_field(
                            format!("change the items of {name}"),
                            path,
                            move |f| {
                                let item = Box::new(type_for(kind, &FieldType::Integer));
                                let ty = match &f.ty {
                                    FieldType::Map(_) => FieldType::Map(item),
                                    _ => FieldType::List(item),
                                };
                                set_type(f, ty);
                            },
                        ));
                    }
                } else {
                    ui.add_sized([TYPE_W, 18.0], egui::Label::new(item.describe()));
                }
            }
            _ => {
                ui.add_space(ITEM_TYPE_W);
            }
        }
    });

    // Default
    ui.allocate_ui(egui::vec2(DEFAULT_W, 20.0), |ui| {
        ui.set_width(DEFAULT_W);
        default_editor(ui, ctx, field, path, diag_path)
    });

    // Limits
    ui.allocate_ui(egui::vec2(LIMITS_W, 20.0), |ui| {
        ui.set_width(LIMITS_W);
        ui.horizontal(|ui| limits(ui, ctx, field, path));
    });

    if let Some(v) = widgets::checkbox(
        ui,
        "shown",
        field.leaderstat,
        "Show this value in the in-game player list (leaderstats). Only for numbers.",
    ) {
        ctx.edits.push(edit_field(
            format!("show {name} in the player list"),
            path,
            move |f| f.leaderstat = v,
        ));
    }
    if let Some(v) = widgets::checkbox(
        ui,
        "saved",
        field.saved,
        "Off: the value lives only while the player is in the server and starts from the default every visit.",
    ) {
        ctx.edits
            .push(edit_field(format!("save {name}"), path, move |f| {
                f.saved = v
            }));
    }

    // Move and delete
    let (parent, _) = path.split_at(path.len() - 1);
    let owner = parent.to_vec();
    if ui
        .add_enabled(index > 0, egui::Button::new("⏶").small())
        .on_hover_text(format!("Move {name} up"))
        .clicked()
    {
        let o = owner.clone();
        ctx.edits
            .push(Edit::new(format!("move {name} up"), move |p| {
                if let Some(fields) = edit::fields_mut(p, &o)
                    && index > 0
                    && index < fields.len()
                {
                    fields.swap(index, index - 1);
                }
            }));
        *ctx.selection = Selection::Field([parent, &[index - 1]].concat());
    }
    if ui
        .add_enabled(index + 1 < count, egui::Button::new("⏷").small())
        .on_hover_text(format!("Move {name} down"))
        .clicked()
    {
        let o = owner.clone();
        ctx.edits
            .push(Edit::new(format!("move {name} down"), move |p| {
                if let Some(fields) = edit::fields_mut(p, &o)
                    && index + 1 < fields.len()
                {
                    fields.swap(index, index + 1);
                }
            }));
        *ctx.selection = Selection::Field([parent, &[index + 1]].concat());
    }
    if ui
        .add(egui::Button::new("🗑").small())
        .on_hover_text(format!("Delete the field {name}"))
        .clicked()
    {
        ctx.edits
            .push(Edit::new(format!("delete {name}"), move |p| {
                if let Some(fields) = edit::fields_mut(p, &owner)
                    && index < fields.len()
                {
                    fields.remove(index);
                }
            }));
        *ctx.selection = Selection::Data;
    }
}

fn default_editor(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    field: &Field,
    path: &[usize],
    diag_path: &str,
) {
    let name = format!("{} default", field.name);
    let label = format!("change the default of {}", field.name);
    let set = |value: Value, id: Option<egui::Id>| {
        let e = edit_field(label.clone(), path, move |f| f.default = Some(value));
        match id {
            Some(id) => e.in_session(id),
            None => e,
        }
    };
    match (&field.ty, field.effective_default()) {
        (FieldType::Integer, v) => {
            let current = if let Value::Integer(i) = v { i } else { 0 };
            if let Some((new, id)) = widgets::drag_i64(ui, &name, current) {
                ctx.edits.push(set(Value::Integer(new), Some(id)));
            }
        }
        (FieldType::Number, v) => {
            let current = match v {
                Value::Number(n) => n,
                Value::Integer(i) => i as f64,
                _ => 0.0,
            };
            if let Some((new, id)) = widgets::drag_f64(ui, &name, current, "") {
                ctx.edits.push(set(Value::Number(new), Some(id)));
            }
        }
        (FieldType::String, v) => {
            let current = if let Value::String(s) = v {
                s
            } else {
                String::new()
            };
            if let Some((new, id)) = widgets::text(ui, &name, &current, DEFAULT_W - 8.0) {
                ctx.edits.push(set(Value::String(new), Some(id)));
            }
        }
        (FieldType::Boolean, v) => {
            let current = matches!(v, Value::Boolean(true));
            if let Some(new) = widgets::checkbox(
                ui,
                if current { "true" } else { "false" },
                current,
                "What new players start with",
            ) {
                ctx.edits.push(set(Value::Boolean(new), None));
            }
        }
        (FieldType::List(_) | FieldType::Map(_), _) => {
            collection_default::button(ui, field, path, diag_path);
        }
        (FieldType::Record(_), _) => {
            ui.weak("its fields' defaults");
        }
    }
}

fn limits(ui: &mut Ui, ctx: &mut PanelCtx<'_>, field: &Field, path: &[usize]) {
    let scalar = field.ty.constrained_scalar();
    let name = &field.name;
    // A limit that does not fit the type (left from an earlier type) still
    // shows, so it can be removed; its problem says why.
    let numeric = scalar.is_numeric();
    optional_number(ui, ctx, path, name, "min", numeric, field.min, |f| {
        &mut f.min
    });
    optional_number(ui, ctx, path, name, "max", numeric, field.max, |f| {
        &mut f.max
    });
    let text = *scalar == FieldType::String;
    optional_count(
        ui,
        ctx,
        path,
        name,
        "max length",
        text,
        field.max_length,
        |f| &mut f.max_length,
    );
    let collection = matches!(field.ty, FieldType::List(_) | FieldType::Map(_));
    optional_count(
        ui,
        ctx,
        path,
        name,
        "max items",
        collection,
        field.max_items,
        |f| &mut f.max_items,
    );
}

/// A limit that may be unset: "+ min" to set it, a number and ✖ once set.
#[allow(clippy::too_many_arguments)]
fn optional_number(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    path: &[usize],
    name: &str,
    what: &'static str,
    offer: bool,
    value: Option<f64>,
    slot: fn(&mut Field) -> &mut Option<f64>,
) {
    match value {
        None => {
            let help = if what == "min" {
                "Set the smallest allowed value"
            } else {
                "Set the largest allowed value"
            };
            if offer
                && ui
                    .small_button(format!("+ {what}"))
                    .on_hover_text(help)
                    .clicked()
            {
                ctx.edits
                    .push(edit_field(format!("set {name} {what}"), path, move |f| {
                        *slot(f) = Some(0.0)
                    }));
            }
        }
        Some(v) => {
            ui.label(what);
            let whole = edit::field(ctx.project, path)
                .is_some_and(|f| *f.ty.constrained_scalar() == FieldType::Integer);
            let label = format!("{name} {what}");
            let changed = if whole {
                widgets::drag_whole_f64(ui, &label, v)
            } else {
                widgets::drag_f64(ui, &label, v, "")
            };
            if let Some((new, id)) = changed {
                ctx.edits.push(
                    edit_field(format!("change {name} {what}"), path, move |f| {
                        *slot(f) = Some(new)
                    })
                    .in_session(id),
                );
            }
            remove_limit(ui, ctx, path, name, what, slot);
        }
    }
}

/// The ✖ that takes a limit away.
fn remove_limit<T: 'static>(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    path: &[usize],
    name: &str,
    what: &str,
    slot: fn(&mut Field) -> &mut Option<T>,
) {
    if ui
        .small_button("✖")
        .on_hover_text(format!("Remove the {what} limit"))
        .clicked()
    {
        ctx.edits.push(edit_field(
            format!("remove {name} {what}"),
            path,
            move |f| *slot(f) = None,
        ));
    }
}

#[allow(clippy::too_many_arguments)]
fn optional_count(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    path: &[usize],
    name: &str,
    what: &'static str,
    offer: bool,
    value: Option<u32>,
    slot: fn(&mut Field) -> &mut Option<u32>,
) {
    match value {
        None if !offer => {}
        None => {
            if ui
                .small_button(format!("+ {what}"))
                .on_hover_text(format!("Set the {what}"))
                .clicked()
            {
                ctx.edits
                    .push(edit_field(format!("set {name} {what}"), path, move |f| {
                        *slot(f) = Some(100)
                    }));
            }
        }
        Some(v) => {
            ui.label(what);
            if let Some((new, id)) =
                widgets::drag_u32(ui, &format!("{name} {what}"), v, 0..=u32::MAX, "")
            {
                ctx.edits.push(
                    edit_field(format!("change {name} {what}"), path, move |f| {
                        *slot(f) = Some(new)
                    })
                    .in_session(id),
                );
            }
            remove_limit(ui, ctx, path, name, what, slot);
        }
    }
}
