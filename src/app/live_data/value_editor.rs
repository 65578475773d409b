//! The Fix form's value widgets: each stored value edited with the widget its
//! schema type calls for, as the Player data editor does (a checkbox for
//! true/false, number boxes, a text box, a record's fields indented below
//! it, item rows with add/remove for lists and maps), so a designer never
//! types JSON. The rule a value breaks is marked right under the value (or
//! item) the check names; keys the schema doesn't know are shown and kept.

use egui::{RichText, Ui};
use serde_json::{Map, Value as Json};

use crate::app::edit::unique_name;
use crate::live::diff::short;
use crate::live::form::value_to_json;
use crate::live::validate::{Problem, join};
use crate::project::{Field, FieldType};

/// How far a record's fields and a collection's items sit in from their owner.
const INDENT: f32 = 16.0;

/// The broken rule of one top-level field, and whether a widget showed it.
struct Marks<'a> {
    problem: Option<&'a Problem>,
    shown: bool,
}

impl Marks<'_> {
    /// Marks the value at `path` when the rule broken is about it.
    fn at(&mut self, ui: &mut Ui, path: &str) {
        if let Some(problem) = self.problem.filter(|p| p.path == path) {
            ui.label(
                RichText::new(format!("⛔ {}", problem.reason)).color(ui.visuals().error_fg_color),
            );
            self.shown = true;
        }
    }
}

/// Edits a top-level field's value. `value` None means not stored: the
/// widgets show the game's default, and an edit stores it. True when the
/// value changed.
pub fn field_value(
    ui: &mut Ui,
    name: &str,
    ty: &FieldType,
    default: &Json,
    value: &mut Option<Json>,
    problem: Option<&Problem>,
) -> bool {
    let mut work = value.clone().unwrap_or_else(|| default.clone());
    let mut marks = Marks {
        problem,
        shown: false,
    };
    let changed = edit(ui, name, name, ty, &mut work, &mut marks);
    if changed {
        *value = Some(work);
    }
    // A rule about a place no widget shows (an item since removed): say it
    // in full under the field.
    if let Some(problem) = problem
        && !marks.shown
    {
        ui.label(
            RichText::new(format!("⛔ {}", problem.message)).color(ui.visuals().error_fg_color),
        );
    }
    changed
}

/// The widget for `value` of type `ty`; `label` is its accessible name and
/// `path` where the runtime's check names it (`Settings.Volume`,
/// `Inventory[2]`).
fn edit(
    ui: &mut Ui,
    label: &str,
    path: &str,
    ty: &FieldType,
    value: &mut Json,
    marks: &mut Marks<'_>,
) -> bool {
    let changed = match ty {
        FieldType::Record(fields) => return record(ui, label, path, fields, value, marks),
        FieldType::List(item) => return list(ui, label, path, item, value, marks),
        FieldType::Map(item) => return map(ui, label, path, item, value, marks),
        FieldType::Boolean => match value {
            Json::Bool(on) => ui
                .add(egui::Checkbox::new(on, if *on { "on" } else { "off" }))
                .accessible_name(label)
                .on_hover_text("Ticked is true, empty is false")
                .changed(),
            _ => wrong_type(ui, label, ty, value),
        },
        FieldType::Integer => match (value.as_i64(), value.as_f64()) {
            (Some(mut whole), _) => {
                let changed = ui
                    .add(egui::DragValue::new(&mut whole).speed(1.0))
                    .accessible_name(label)
                    .on_hover_text("Drag, or click and type a whole number")
                    .changed();
                if changed {
                    *value = Json::from(whole);
                }
                changed
            }
            // A fraction stored by mistake: shown as it is, to be made whole.
            (None, Some(x)) => number_box(ui, label, x, 1.0, value),
            _ => wrong_type(ui, label, ty, value),
        },
        FieldType::Number => match value.as_f64() {
            Some(x) => number_box(ui, label, x, 0.1, value),
            None => wrong_type(ui, label, ty, value),
        },
        FieldType::String => match value {
            Json::String(text) => ui
                .add(egui::TextEdit::singleline(text).desired_width(200.0))
                .accessible_name(label)
                .changed(),
            _ => wrong_type(ui, label, ty, value),
        },
    };
    marks.at(ui, path);
    changed
}

fn number_box(ui: &mut Ui, label: &str, mut x: f64, speed: f64, value: &mut Json) -> bool {
    let changed = ui
        .add(egui::DragValue::new(&mut x).speed(speed))
        .accessible_name(label)
        .on_hover_text("Drag, or click and type a number")
        .changed();
    if changed && let Some(number) = serde_json::Number::from_f64(x) {
        *value = Json::Number(number);
    }
    changed
}

/// A stored value of another type than the schema's: shown as stored, with
/// a button to start it again as the right type.
fn wrong_type(ui: &mut Ui, label: &str, ty: &FieldType, value: &mut Json) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(RichText::new(short(value)).monospace());
        changed = ui
            .small_button("Reset")
            .accessible_name(format!("Reset {label}"))
            .on_hover_text(format!("Replace it with an empty {}", ty.describe()))
            .clicked();
    });
    if changed {
        *value = value_to_json(&ty.empty_value());
    }
    changed
}

/// A record: each of its fields below it, indented; keys its fields don't
/// name are listed and kept.
fn record(
    ui: &mut Ui,
    label: &str,
    path: &str,
    fields: &[Field],
    value: &mut Json,
    marks: &mut Marks<'_>,
) -> bool {
    // Another tool may store an empty record as an empty list.
    if matches!(value, Json::Array(items) if items.is_empty()) {
        *value = Json::Object(Map::new());
    }
    let Json::Object(table) = value else {
        let changed = wrong_type(ui, label, &FieldType::Record(fields.to_vec()), value);
        marks.at(ui, path);
        return changed;
    };
    marks.at(ui, path);
    let mut changed = false;
    indented(ui, |ui| {
        for spec in fields {
            let inner_path = join(path, &spec.name);
            let inner_label = format!("{label}.{}", spec.name);
            // A missing field gets its default at the next load: show that.
            let mut inner = table
                .get(&spec.name)
                .cloned()
                .unwrap_or_else(|| value_to_json(&spec.effective_default()));
            let edited = if is_scalar(&spec.ty) {
                ui.horizontal(|ui| {
                    name_label(ui, spec);
                    ui.vertical(|ui| {
                        edit(ui, &inner_label, &inner_path, &spec.ty, &mut inner, marks)
                    })
                    .inner
                })
                .inner
            } else {
                name_label(ui, spec);
                edit(ui, &inner_label, &inner_path, &spec.ty, &mut inner, marks)
            };
            if edited {
                table.insert(spec.name.clone(), inner);
                changed = true;
            }
        }
        kept_keys(
            ui,
            table
                .iter()
                .filter(|(k, _)| !fields.iter().any(|f| &f.name == *k)),
        );
    });
    changed
}

fn name_label(ui: &mut Ui, spec: &Field) {
    let response = ui.label(RichText::new(&spec.name).strong());
    let mut about = spec.ty.describe();
    if !spec.description.is_empty() {
        about = format!("{about}: {}", spec.description);
    }
    response.on_hover_text(about);
}

/// Keys a record holds that its schema doesn't name.
fn kept_keys<'a>(ui: &mut Ui, keys: impl Iterator<Item = (&'a String, &'a Json)>) {
    for (key, value) in keys {
        ui.label(
            RichText::new(format!(
                "{key} = {} (not in the project; kept)",
                short(value)
            ))
            .weak()
            .monospace(),
        );
    }
}

fn is_scalar(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::Integer | FieldType::Number | FieldType::String | FieldType::Boolean
    )
}

fn indented<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.horizontal(|ui| {
        ui.add_space(INDENT);
        ui.vertical(add).inner
    })
    .inner
}

enum ItemAction {
    Up(usize),
    Down(usize),
    Remove(usize),
}

/// A list: one row per item (move up, down, remove), and Add item.
fn list(
    ui: &mut Ui,
    label: &str,
    path: &str,
    item: &FieldType,
    value: &mut Json,
    marks: &mut Marks<'_>,
) -> bool {
    // An empty table can come back from Roblox as an empty object.
    if matches!(value, Json::Object(map) if map.is_empty()) {
        *value = Json::Array(Vec::new());
    }
    let Json::Array(items) = value else {
        let changed = wrong_type(ui, label, &FieldType::List(Box::new(item.clone())), value);
        marks.at(ui, path);
        return changed;
    };
    marks.at(ui, path);
    let mut changed = false;
    let mut action = None;
    let count = items.len();
    indented(ui, |ui| {
        if items.is_empty() {
            ui.label(RichText::new("empty").weak());
        }
        for (i, value) in items.iter_mut().enumerate() {
            let item_label = format!("{label} item {}", i + 1);
            let item_path = format!("{path}[{}]", i + 1);
            let buttons = |ui: &mut Ui, action: &mut Option<ItemAction>| {
                if ui
                    .add_enabled(i > 0, egui::Button::new("⏶").small())
                    .accessible_name(format!("Move {item_label} up"))
                    .on_hover_text("Move this item up")
                    .clicked()
                {
                    *action = Some(ItemAction::Up(i));
                }
                if ui
                    .add_enabled(i + 1 < count, egui::Button::new("⏷").small())
                    .accessible_name(format!("Move {item_label} down"))
                    .on_hover_text("Move this item down")
                    .clicked()
                {
                    *action = Some(ItemAction::Down(i));
                }
                if ui
                    .add(egui::Button::new("🗑").small())
                    .accessible_name(format!("Remove {item_label}"))
                    .on_hover_text("Remove this item")
                    .clicked()
                {
                    *action = Some(ItemAction::Remove(i));
                }
            };
            if is_scalar(item) {
                ui.horizontal(|ui| {
                    ui.label(format!("{}.", i + 1));
                    changed |= ui
                        .vertical(|ui| edit(ui, &item_label, &item_path, item, value, marks))
                        .inner;
                    buttons(ui, &mut action);
                });
            } else {
                ui.horizontal(|ui| {
                    ui.label(format!("{}.", i + 1));
                    buttons(ui, &mut action);
                });
                changed |= edit(ui, &item_label, &item_path, item, value, marks);
            }
        }
        if ui
            .small_button("➕ Add item")
            .accessible_name(format!("Add an item to {label}"))
            .on_hover_text("Add one more at the end")
            .clicked()
        {
            items.push(value_to_json(&item.empty_value()));
            changed = true;
        }
    });
    match action {
        Some(ItemAction::Up(i)) => items.swap(i, i - 1),
        Some(ItemAction::Down(i)) => items.swap(i, i + 1),
        Some(ItemAction::Remove(i)) => {
            items.remove(i);
        }
        None => return changed,
    }
    true
}

/// A map: one row per entry (its key, its value, remove), and Add entry.
/// A key is renamed when its box is left, and only to a key not taken.
fn map(
    ui: &mut Ui,
    label: &str,
    path: &str,
    item: &FieldType,
    value: &mut Json,
    marks: &mut Marks<'_>,
) -> bool {
    if matches!(value, Json::Array(items) if items.is_empty()) {
        *value = Json::Object(Map::new());
    }
    let Json::Object(entries) = value else {
        let changed = wrong_type(ui, label, &FieldType::Map(Box::new(item.clone())), value);
        marks.at(ui, path);
        return changed;
    };
    marks.at(ui, path);
    let mut changed = false;
    let mut remove = None;
    let mut rename = None;
    let keys: Vec<String> = entries.keys().cloned().collect();
    indented(ui, |ui| {
        if entries.is_empty() {
            ui.label(RichText::new("empty").weak());
        }
        for (i, key) in keys.iter().enumerate() {
            let Some(value) = entries.get_mut(key) else {
                continue;
            };
            let entry_label = format!("{label} entry {}", i + 1);
            let entry_path = join(path, key);
            let mut row = |ui: &mut Ui| {
                if let Some(new) = key_box(ui, &entry_label, key, &keys) {
                    rename = Some((key.clone(), new));
                }
                ui.label("is");
            };
            let remove_button = |ui: &mut Ui| {
                ui.add(egui::Button::new("🗑").small())
                    .accessible_name(format!("Remove {entry_label}"))
                    .on_hover_text("Remove this entry")
                    .clicked()
            };
            if is_scalar(item) {
                ui.horizontal(|ui| {
                    row(ui);
                    changed |= ui
                        .vertical(|ui| edit(ui, &entry_label, &entry_path, item, value, marks))
                        .inner;
                    if remove_button(ui) {
                        remove = Some(key.clone());
                    }
                });
            } else {
                ui.horizontal(|ui| {
                    row(ui);
                    if remove_button(ui) {
                        remove = Some(key.clone());
                    }
                });
                changed |= edit(ui, &entry_label, &entry_path, item, value, marks);
            }
        }
        if ui
            .small_button("➕ Add entry")
            .accessible_name(format!("Add an entry to {label}"))
            .on_hover_text("Add one more entry with a new key")
            .clicked()
        {
            let key = unique_name("key", keys.iter().map(String::as_str));
            entries.insert(key, value_to_json(&item.empty_value()));
            changed = true;
        }
    });
    if let Some(key) = remove {
        entries.remove(&key);
        changed = true;
    }
    if let Some((old, new)) = rename
        && let Some(moved) = entries.remove(&old)
    {
        entries.insert(new, moved);
        changed = true;
    }
    changed
}

/// A map key's box: what is typed is kept aside until the box is left, so
/// the entry doesn't move while typing; then the new key if it is free.
fn key_box(ui: &mut Ui, label: &str, key: &str, keys: &[String]) -> Option<String> {
    let id = ui.make_persistent_id(("live-map-key", label, key));
    let mut typed = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| key.to_string());
    let response = ui
        .add(egui::TextEdit::singleline(&mut typed).desired_width(100.0))
        .accessible_name(format!("{label} key"))
        .on_hover_text("The entry's key; the change is kept when you leave the box");
    let problem = if typed.is_empty() {
        Some("a key can't be empty")
    } else if typed != key && keys.contains(&typed) {
        Some("another entry has this key")
    } else {
        None
    };
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
        return (problem.is_none() && typed != key).then_some(typed);
    }
    if response.changed() {
        ui.data_mut(|d| d.insert_temp(id, typed));
    }
    if let Some(problem) = problem {
        ui.label(
            RichText::new(format!("⛔ {problem} (the old key is kept)"))
                .color(ui.visuals().error_fg_color),
        );
    }
    None
}
