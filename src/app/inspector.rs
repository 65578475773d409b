//! The properties of one GUI object, with Studio's names and defaults and a
//! plain-words tooltip for each.

use egui::{RichText, Ui};

use super::PanelCtx;
use super::edit::Edit;
use super::widgets::{self, explain};
use crate::project::classes::{self, FONT_FAMILIES, PropertyInfo};
use crate::project::gui::FontWeight;
use crate::project::{GuiAddr, PropValue, UDim};

pub fn show(ui: &mut Ui, ctx: &mut PanelCtx<'_>, addr: &GuiAddr) {
    let project = ctx.project;
    let Some(node) = addr.node(project) else {
        return;
    };
    let node_edit = |label: String,
                     session: Option<egui::Id>,
                     change: Box<dyn FnOnce(&mut crate::project::GuiNode)>| {
        let at = addr.clone();
        let e = Edit::new(label, move |p| {
            if let Some(n) = at.node_mut(p) {
                change(n)
            }
        });
        match session {
            Some(id) => e.in_session(id),
            None => e,
        }
    };
    let mut edits = Vec::new();
    let class = classes::class(&node.class);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(format!("{} ({})", node.name, node.class));
            explain(
                ui,
                class.map_or(
                    "DataStore Designer does not know this class; it is kept as it is.",
                    |c| c.help,
                ),
            );
            let diag = addr.diag_path(project);
            let child_names: Vec<&str> = node.children.iter().map(|c| c.name.as_str()).collect();
            widgets::show_problems(
                ui,
                &widgets::problems_at(ctx.diagnostics, &diag, &child_names),
            );
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.add_sized(
                    [170.0, 18.0],
                    egui::Label::new(RichText::new("Name").strong()),
                );
                if let Some((v, id)) = widgets::text(ui, "Object name", &node.name, 200.0) {
                    edits.push(node_edit(
                        format!("rename {}", node.name),
                        Some(id),
                        Box::new(move |n| n.name = v),
                    ));
                }
            });
            ui.separator();
            let Some(class) = class else { return };
            egui::Grid::new("props")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for info in &class.properties {
                        let set = node.properties.get(info.name);
                        let value = set.unwrap_or(&info.default);
                        let title = if set.is_some() {
                            RichText::new(info.name).strong()
                        } else {
                            RichText::new(info.name)
                        };
                        ui.label(title).on_hover_text(info.help);
                        if let Some((new, id)) = property(ui, info, value) {
                            let name = info.name.to_string();
                            edits.push(node_edit(
                                format!("change {}", info.name),
                                id,
                                Box::new(move |n| {
                                    n.properties.insert(name, new);
                                }),
                            ));
                        }
                        if set.is_some() {
                            if ui
                                .small_button("↺")
                                .on_hover_text(format!(
                                    "Back to Studio's default for {}",
                                    info.name
                                ))
                                .clicked()
                            {
                                let name = info.name.to_string();
                                edits.push(node_edit(
                                    format!("reset {}", info.name),
                                    None,
                                    Box::new(move |n| {
                                        n.properties.remove(&name);
                                    }),
                                ));
                            }
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
        });
    ctx.edits.extend(edits);
}

/// The editor of one property value; returns the new value when changed,
/// with the widget id when typing or dragging should merge into one step.
fn property(
    ui: &mut Ui,
    info: &PropertyInfo,
    value: &PropValue,
) -> Option<(PropValue, Option<egui::Id>)> {
    let name = info.name;
    let mut out = None;
    ui.horizontal(|ui| match value {
        PropValue::Bool(v) => {
            if let Some(n) = widgets::checkbox(ui, "", *v, info.help) {
                out = Some((PropValue::Bool(n), None));
            }
        }
        PropValue::Int(v) => {
            if let Some((n, id)) = widgets::drag_i64(ui, name, *v) {
                out = Some((PropValue::Int(n), Some(id)));
            }
        }
        PropValue::Float(v) => {
            if let Some((n, id)) = widgets::drag_f64(ui, name, f64::from(*v), "") {
                out = Some((PropValue::Float(n as f32), Some(id)));
            }
        }
        PropValue::String(v) => {
            if let Some((n, id)) = widgets::text(ui, name, v, 240.0) {
                out = Some((PropValue::String(n), Some(id)));
            }
        }
        PropValue::Content(v) => {
            if let Some((n, id)) = widgets::text(ui, name, v, 240.0) {
                out = Some((PropValue::Content(n), Some(id)));
            }
        }
        PropValue::UDim(u) => {
            if let Some((n, id)) = udim(ui, name, *u) {
                out = Some((PropValue::UDim(n), Some(id)));
            }
        }
        PropValue::UDim2(x, y) => {
            ui.label("X");
            if let Some((n, id)) = udim(ui, &format!("{name} X"), *x) {
                out = Some((PropValue::UDim2(n, *y), Some(id)));
            }
            ui.label("Y");
            if let Some((n, id)) = udim(ui, &format!("{name} Y"), *y) {
                out = Some((PropValue::UDim2(*x, n), Some(id)));
            }
        }
        PropValue::Vector2(x, y) => {
            if let Some((n, id)) = widgets::drag_f64(ui, &format!("{name} X"), f64::from(*x), "") {
                out = Some((PropValue::Vector2(n as f32, *y), Some(id)));
            }
            if let Some((n, id)) = widgets::drag_f64(ui, &format!("{name} Y"), f64::from(*y), "") {
                out = Some((PropValue::Vector2(*x, n as f32), Some(id)));
            }
        }
        PropValue::Color3(r, g, b) => {
            let mut rgb = [*r, *g, *b];
            let response = ui
                .color_edit_button_srgb(&mut rgb)
                .on_hover_text(format!("{name}: {r}, {g}, {b}"));
            if response.changed() {
                out = Some((PropValue::Color3(rgb[0], rgb[1], rgb[2]), Some(response.id)));
            }
            ui.label(RichText::new(format!("{r}, {g}, {b}")).weak());
        }
        PropValue::Font {
            family,
            weight,
            style,
        } => {
            let families: Vec<(&str, &str)> = FONT_FAMILIES
                .iter()
                .map(|(label, path)| (*path, *label))
                .collect();
            let current = families
                .iter()
                .find(|(p, _)| p == family)
                .map(|(p, _)| *p)
                .unwrap_or("");
            if let Some(picked) =
                widgets::choice(ui, &format!("{name} family"), current, &families, 170.0)
            {
                out = Some((
                    PropValue::Font {
                        family: picked.to_string(),
                        weight: *weight,
                        style: *style,
                    },
                    None,
                ));
            }
            let weights: Vec<(FontWeight, &str)> =
                FontWeight::ALL.iter().map(|w| (*w, w.name())).collect();
            if let Some(w) =
                widgets::choice(ui, &format!("{name} weight"), *weight, &weights, 100.0)
            {
                out = Some((
                    PropValue::Font {
                        family: family.clone(),
                        weight: w,
                        style: *style,
                    },
                    None,
                ));
            }
        }
        PropValue::ColorSequence(keys) => {
            if let Some((new, id)) = super::sequence_editor::colors(ui, name, keys) {
                out = Some((PropValue::ColorSequence(new), id));
            }
        }
        PropValue::NumberSequence(keys) => {
            if let Some((new, id)) = super::sequence_editor::numbers(ui, name, keys) {
                out = Some((PropValue::NumberSequence(new), id));
            }
        }
        PropValue::Enum(ty, item) => {
            let items = classes::enum_items(ty).unwrap_or(&[]);
            let options: Vec<(&str, &str)> = items.iter().map(|i| (*i, *i)).collect();
            let current = items.iter().copied().find(|i| i == item).unwrap_or("");
            if let Some(picked) = widgets::choice(ui, name, current, &options, 170.0) {
                out = Some((PropValue::Enum(ty.clone(), picked.to_string()), None));
            }
        }
    });
    out
}

fn udim(ui: &mut Ui, name: &str, u: UDim) -> Option<(UDim, egui::Id)> {
    let mut out = None;
    let mut scale = u.0;
    let r = ui
        .add(egui::DragValue::new(&mut scale).speed(0.01).max_decimals(3))
        .accessible_name(format!("{name} scale"))
        .on_hover_text("Scale: a fraction of the parent's size (1 = all of it)");
    if r.changed() {
        out = Some((UDim(scale, u.1), r.id));
    }
    let mut offset = u.1;
    let r = ui
        .add(egui::DragValue::new(&mut offset).suffix(" px"))
        .accessible_name(format!("{name} offset"))
        .on_hover_text("Offset: pixels added to the scale");
    if r.changed() {
        out = Some((UDim(u.0, offset), r.id));
    }
    out
}
