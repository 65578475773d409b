//! The editor for what new players start with in a list or map field: add,
//! remove, reorder and edit items in a dialog, checked by the validator as
//! they are typed, kept as one undo step on Done.

use egui::{RichText, Ui};

use super::PanelCtx;
use super::edit::{self, edit_field};
use super::widgets::{self, explain};
use crate::project::{Field, FieldType, Value, validate};

/// The items being edited; nothing changes in the project until Done.
#[derive(Debug, Clone)]
struct Draft {
    path: Vec<usize>,
    /// Where the validator reports this field's problems (`data/Inventory`).
    diag_path: String,
    /// Map keys (empty for lists) with their values, in the order shown.
    items: Vec<(String, Value)>,
}

fn draft_id() -> egui::Id {
    egui::Id::unique("collection-default-draft")
}

/// The button in the data table that opens the editor.
pub fn button(ui: &mut Ui, field: &Field, path: &[usize], diag_path: &str) {
    let (item, is_map) = match &field.ty {
        FieldType::List(item) => (item, false),
        FieldType::Map(item) => (item, true),
        _ => return,
    };
    let items: Vec<(String, Value)> = match field.effective_default() {
        Value::List(items) => items.into_iter().map(|v| (String::new(), v)).collect(),
        Value::Map(items) => items.into_iter().collect(),
        _ => Vec::new(),
    };
    let text = match (items.len(), is_map) {
        (0, false) => "an empty list".to_string(),
        (0, true) => "an empty map".to_string(),
        (1, false) => "1 item".to_string(),
        (1, true) => "1 entry".to_string(),
        (n, false) => format!("{n} items"),
        (n, true) => format!("{n} entries"),
    };
    // The table's column is narrow: the short form shows, the long one is read out.
    let short = if items.is_empty() {
        "empty"
    } else {
        text.as_str()
    };
    let editable = is_scalar(item);
    let response = ui
        .add_enabled(editable, egui::Button::new(format!("{short} ✏")).small())
        .accessible_name(format!("Edit {} default: {text}", field.name));
    let response = if editable {
        response.on_hover_text("Change what new players start with")
    } else {
        response.on_disabled_hover_text(
            "Items that are lists, maps or records can't be edited here; new players start with their empty value",
        )
    };
    if response.clicked() {
        let draft = Draft {
            path: path.to_vec(),
            diag_path: diag_path.to_string(),
            items,
        };
        ui.data_mut(|d| d.insert_temp(draft_id(), draft));
    }
}

fn is_scalar(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::Integer | FieldType::Number | FieldType::String | FieldType::Boolean
    )
}

/// The dialog, when open. Drawn once per frame by the data table.
pub fn dialog(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let Some(mut draft) = ui.data(|d| d.get_temp::<Draft>(draft_id())) else {
        return;
    };
    let Some(field) = edit::field(ctx.project, &draft.path).cloned() else {
        ui.data_mut(|d| d.remove::<Draft>(draft_id()));
        return;
    };
    let (item_ty, is_map) = match &field.ty {
        FieldType::List(item) => ((**item).clone(), false),
        FieldType::Map(item) => ((**item).clone(), true),
        _ => {
            ui.data_mut(|d| d.remove::<Draft>(draft_id()));
            return;
        }
    };
    let mut keep = true;
    let modal = egui::Modal::new(egui::Id::unique("collection-default")).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        ui.heading(format!("{} for new players", field.name));
        explain(ui, &format!("Each item is {}.", item_ty.describe()));
        ui.add_space(6.0);
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                items(ui, &field.name, &item_ty, is_map, &mut draft.items);
            });
        if ui
            .button(if is_map {
                "➕ Add entry"
            } else {
                "➕ Add item"
            })
            .on_hover_text("Add one more at the end")
            .clicked()
        {
            let key = if is_map {
                edit::unique_name("key", draft.items.iter().map(|(k, _)| k.as_str()))
            } else {
                String::new()
            };
            draft.items.push((key, item_ty.empty_value()));
        }
        ui.add_space(6.0);
        let value = value_of(&draft.items, is_map);
        let problems = match &value {
            Ok(value) => check(ctx, &draft, value.clone()),
            Err(why) => vec![why.clone()],
        };
        for problem in &problems {
            ui.label(RichText::new(format!("⛔ {problem}")).color(ui.visuals().error_fg_color));
        }
        ui.horizontal(|ui| {
            let done = ui
                .add_enabled(problems.is_empty(), egui::Button::new("✔ Done"))
                .on_hover_text("Keep these as what new players start with (one undo step)")
                .on_disabled_hover_text(
                    "Fix the problems above first; nothing is changed until then",
                );
            if done.clicked()
                && let Ok(value) = value
            {
                ctx.edits.push(edit_field(
                    format!("change the default of {}", field.name),
                    &draft.path,
                    move |f| f.default = Some(value),
                ));
                keep = false;
            }
            if ui
                .button("Cancel")
                .on_hover_text("Close without changing anything")
                .clicked()
            {
                keep = false;
            }
        });
    });
    if modal.should_close() {
        keep = false;
    }
    ui.data_mut(|d| {
        if keep {
            d.insert_temp(draft_id(), draft);
        } else {
            d.remove::<Draft>(draft_id());
        }
    });
}

fn items(ui: &mut Ui, name: &str, ty: &FieldType, is_map: bool, items: &mut Vec<(String, Value)>) {
    if items.is_empty() {
        explain(ui, "Empty: new players start with nothing in it.");
    }
    let count = items.len();
    let mut action = None;
    for (i, (key, value)) in items.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            if is_map {
                if let Some((k, _)) =
                    widgets::text(ui, &format!("{name} key {}", i + 1), key, 120.0)
                {
                    *key = k;
                }
                ui.label("is");
            } else {
                ui.label(format!("{}.", i + 1));
            }
            item_editor(ui, &format!("{name} item {}", i + 1), ty, value);
            if !is_map {
                if ui
                    .add_enabled(i > 0, egui::Button::new("⏶").small())
                    .accessible_name(format!("Move {name} item {} up", i + 1))
                    .on_hover_text("Move this item up")
                    .clicked()
                {
                    action = Some((i, Action::Up));
                }
                if ui
                    .add_enabled(i + 1 < count, egui::Button::new("⏷").small())
                    .accessible_name(format!("Move {name} item {} down", i + 1))
                    .on_hover_text("Move this item down")
                    .clicked()
                {
                    action = Some((i, Action::Down));
                }
            }
            if ui
                .add(egui::Button::new("🗑").small())
                .accessible_name(format!("Remove {name} item {}", i + 1))
                .on_hover_text("Remove this item")
                .clicked()
            {
                action = Some((i, Action::Remove));
            }
        });
    }
    match action {
        Some((i, Action::Up)) => items.swap(i, i - 1),
        Some((i, Action::Down)) => items.swap(i, i + 1),
        Some((i, Action::Remove)) => {
            items.remove(i);
        }
        None => {}
    }
}

enum Action {
    Up,
    Down,
    Remove,
}

fn item_editor(ui: &mut Ui, label: &str, ty: &FieldType, value: &mut Value) {
    match (ty, &*value) {
        (FieldType::Integer, Value::Integer(v)) => {
            if let Some((v, _)) = widgets::drag_i64(ui, label, *v) {
                *value = Value::Integer(v);
            }
        }
        (FieldType::Number, Value::Number(v)) => {
            if let Some((v, _)) = widgets::drag_f64(ui, label, *v, "") {
                *value = Value::Number(v);
            }
        }
        (FieldType::String, Value::String(v)) => {
            if let Some((v, _)) = widgets::text(ui, label, v, 200.0) {
                *value = Value::String(v);
            }
        }
        (FieldType::Boolean, Value::Boolean(v)) => {
            let mut b = *v;
            let text = if b { "true" } else { "false" };
            if ui
                .add(egui::Checkbox::new(&mut b, text))
                .accessible_name(label)
                .changed()
            {
                *value = Value::Boolean(b);
            }
        }
        _ => {
            // Left from an earlier item type: start it again as the new type.
            ui.label(
                RichText::new(format!("{} (not {})", value.kind_name(), ty.describe())).weak(),
            );
            if ui
                .small_button("Reset")
                .on_hover_text("Replace it with an empty value of the right type")
                .clicked()
            {
                *value = ty.empty_value();
            }
        }
    }
}

/// The draft as a default value; a map can't hold one key twice.
fn value_of(items: &[(String, Value)], is_map: bool) -> Result<Value, String> {
    if !is_map {
        return Ok(Value::List(items.iter().map(|(_, v)| v.clone()).collect()));
    }
    let mut map = std::collections::BTreeMap::new();
    for (key, value) in items {
        if map.insert(key.clone(), value.clone()).is_some() {
            return Err(format!(
                "Two entries have the key \"{key}\"; each key can be used once."
            ));
        }
    }
    Ok(Value::Map(map))
}

/// The validator's errors about the default if it were `value`.
fn check(ctx: &PanelCtx<'_>, draft: &Draft, value: Value) -> Vec<String> {
    let mut project = ctx.project.clone();
    let Some(field) = edit::field_mut(&mut project, &draft.path) else {
        return Vec::new();
    };
    field.default = Some(value);
    let prefix = format!("{}/default", draft.diag_path);
    validate::check(&project)
        .into_iter()
        .filter(|d| d.is_error() && (d.path == prefix || d.path.starts_with(&format!("{prefix}/"))))
        .map(|d| d.message)
        .collect()
}
