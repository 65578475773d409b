//! The GUI objects of a leaderboard (or of the data-status GUI) in the
//! project tree, like Studio's Explorer: select, rename in place
//! (double-click, F2 or the menu), drag to reorder or put inside another
//! object, add from a palette and delete.

use egui::{Key, Modifiers, RichText, Sense, Stroke, Ui};

use super::PanelCtx;
use super::edit::{Edit, unique_name};
use super::tree_ops::{self, Place};
use crate::project::classes;
use crate::project::gui_addr::node_at;
use crate::project::{Diagnostic, GuiAddr, GuiNode, GuiPart, Project};

const INDENT: f32 = 14.0;

/// What is dragged in the tree: an object of one GUI.
#[derive(Debug, Clone, PartialEq)]
struct TreeDrag(GuiAddr);

/// The object being renamed in place and the text typed so far.
#[derive(Debug, Clone)]
struct Renaming {
    addr: GuiAddr,
    buffer: String,
    /// Whether the text box got the keyboard yet.
    focused: bool,
}

fn renaming_id() -> egui::Id {
    egui::Id::unique("gui-tree-renaming")
}

fn message_id() -> egui::Id {
    egui::Id::unique("gui-tree-message")
}

/// Why the last rename, move or delete was refused, shown under the tree.
fn refuse(ui: &Ui, text: impl Into<String>) {
    let text: String = text.into();
    ui.data_mut(|d| d.insert_temp(message_id(), text));
}

fn start_renaming(ui: &Ui, addr: &GuiAddr, name: &str) {
    ui.data_mut(|d| {
        d.remove::<String>(message_id());
        d.insert_temp(
            renaming_id(),
            Renaming {
                addr: addr.clone(),
                buffer: name.to_string(),
                focused: false,
            },
        )
    });
}

/// F2 renames and Delete deletes the selected object, unless the keyboard
/// is typing somewhere.
pub fn keys(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let Some(addr) = ctx.selection.gui_addr() else {
        return;
    };
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let project = ctx.project;
    let Some(node) = addr.node(project) else {
        return;
    };
    let (rename, delete) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::F2),
            i.consume_key(Modifiers::NONE, Key::Delete),
        )
    });
    if rename {
        start_renaming(ui, &addr, &node.name);
    }
    if delete {
        delete_node(ui, ctx, project, &addr);
    }
}

/// The message of the last refusal, with a button to dismiss it.
pub fn message(ui: &mut Ui) {
    let Some(text) = ui.data(|d| d.get_temp::<String>(message_id())) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("⛔ {text}")).color(ui.visuals().error_fg_color));
        if ui
            .small_button("✖")
            .on_hover_text("Hide this message")
            .clicked()
        {
            ui.data_mut(|d| d.remove::<String>(message_id()));
        }
    });
}

/// The objects of `parts` of leaderboard `b` (its GUI and its row), or of
/// the data-status GUI.
pub fn show(ui: &mut Ui, ctx: &mut PanelCtx<'_>, b: usize, parts: &[GuiPart], depth: usize) {
    let project = ctx.project;
    palette(ui, ctx, project, b, parts, depth);
    for &part in parts {
        let Some(root) = part.root(project, b) else {
            continue;
        };
        if parts.len() > 1 {
            ui.horizontal(|ui| {
                ui.add_space(depth as f32 * INDENT);
                ui.label(
                    RichText::new(match part {
                        GuiPart::RowTemplate => "One row (copied for each player)",
                        GuiPart::TabTemplate => "One tab (copied for each period)",
                        _ => "GUI",
                    })
                    .weak()
                    .small(),
                );
            });
        }
        node_rows(ui, ctx, project, &mut GuiAddr::root(b, part), root, depth);
    }
}

fn node_rows(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    project: &Project,
    addr: &mut GuiAddr,
    node: &GuiNode,
    depth: usize,
) {
    ui.horizontal(|ui| {
        ui.add_space(depth as f32 * INDENT);
        let renaming = ui
            .data(|d| d.get_temp::<Renaming>(renaming_id()))
            .filter(|r| r.addr == *addr);
        match renaming {
            Some(renaming) => rename_box(ui, ctx, project, renaming, node),
            None => node_label(ui, ctx, project, addr, node),
        }
        super::widgets::marker(ui, &own_problems(ctx.diagnostics, project, addr, node));
    });
    for (i, child) in node.children.iter().enumerate() {
        addr.path.push(i);
        node_rows(ui, ctx, project, addr, child, depth + 1);
        addr.path.pop();
    }
}

/// Problems of the object itself, not of the objects inside it.
fn own_problems<'a>(
    diagnostics: &'a [Diagnostic],
    project: &Project,
    addr: &GuiAddr,
    node: &GuiNode,
) -> Vec<&'a Diagnostic> {
    let diag_path = addr.diag_path(project);
    let prefix = format!("{diag_path}/");
    diagnostics
        .iter()
        .filter(|d| {
            d.path == diag_path
                || d.path.starts_with(&prefix)
                    && !node
                        .children
                        .iter()
                        .any(|c| d.path.starts_with(&format!("{prefix}{}", c.name)))
        })
        .collect()
}

fn node_label(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    project: &Project,
    addr: &GuiAddr,
    node: &GuiNode,
) {
    let help =
        classes::class(&node.class).map_or("A class DataStore Designer does not know", |c| c.help);
    let label = format!("{} {}", class_icon(&node.class), node.name);
    let response = ui
        .add(
            egui::Button::selectable(ctx.selection.is_gui(addr), label)
                .sense(Sense::click_and_drag()),
        )
        .on_hover_text(format!(
            "{} ({}): {help}\nDouble-click or F2 to rename; drag to move.",
            node.name, node.class
        ));
    if response.clicked() {
        *ctx.selection = addr.clone().into();
    }
    if response.double_clicked() {
        start_renaming(ui, addr, &node.name);
    }
    if !addr.is_root() {
        response.dnd_set_drag_payload(TreeDrag(addr.clone()));
    }
    drop_here(ui, ctx, project, addr, &response);
    response.context_menu(|ui| {
        if ui
            .button("Rename")
            .on_hover_text("Type a new name (F2)")
            .clicked()
        {
            start_renaming(ui, addr, &node.name);
            ui.close();
        }
        ui.menu_button("Add inside", |ui| {
            if add_menu(ui, ctx, addr, node) {
                ui.close();
            }
        });
        let delete = ui.add_enabled(!addr.is_root(), egui::Button::new(format!("Delete {}", node.name)));
        let delete = if addr.is_root() {
            delete.on_disabled_hover_text(match addr.part {
                GuiPart::DataStatus => format!(
                    "The {} is the data-status GUI itself, so it can't be deleted. Delete or hide the objects inside it instead.",
                    node.class
                ),
                _ => format!(
                    "The {} is the leaderboard's GUI itself, so it can't be deleted. Delete the objects inside it, import another GUI, or delete the leaderboard.",
                    node.class
                ),
            })
        } else {
            delete.on_hover_text("Delete this object and everything inside it (Del)")
        };
        if delete.clicked() {
            delete_node(ui, ctx, project, addr);
            ui.close();
        }
    });
}

/// Shows where a dragged object would land and moves it there on release.
fn drop_here(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    project: &Project,
    addr: &GuiAddr,
    response: &egui::Response,
) {
    let Some(drag) = response.dnd_hover_payload::<TreeDrag>() else {
        return;
    };
    let drag = &drag.0;
    let (b, part, path) = (addr.board, addr.part, addr.path.as_slice());
    let rect = response.rect;
    let place = match ui.ctx().pointer_interact_pos() {
        _ if path.is_empty() => Place::Inside,
        Some(p) if p.y < rect.top() + rect.height() * 0.25 => Place::Before,
        Some(p) if p.y > rect.bottom() - rect.height() * 0.25 => Place::After,
        _ => Place::Inside,
    };
    let Some(root) = part.root(project, b) else {
        return;
    };
    let target = if drag.same_gui(addr) {
        tree_ops::drop_target(root, &drag.path, path, place)
    } else {
        Err("Objects move within one GUI: the leaderboard's GUI and its row are separate.".into())
    };
    let color = match target {
        Ok(_) => ui.visuals().selection.stroke.color,
        Err(_) => ui.visuals().error_fg_color,
    };
    let stroke = Stroke::new(2.0, color);
    match place {
        Place::Before => {
            ui.painter().hline(rect.x_range(), rect.top(), stroke);
        }
        Place::After => {
            ui.painter().hline(rect.x_range(), rect.bottom(), stroke);
        }
        Place::Inside => {
            ui.painter()
                .rect_stroke(rect, 3.0, stroke, egui::StrokeKind::Inside);
        }
    }
    if response.dnd_release_payload::<TreeDrag>().is_none() {
        return;
    }
    let (parent, index) = match target {
        Ok(target) => target,
        Err(why) => {
            refuse(ui, why);
            return;
        }
    };
    let from = drag.path.clone();
    let mut moved = root.clone();
    let Some(new_path) = tree_ops::move_node(&mut moved, &from, &parent, index) else {
        return;
    };
    let name = node_at(root, &from).map_or_else(String::new, |n| n.name.clone());
    ctx.edits.push(Edit::new(format!("move {name}"), move |p| {
        let Some(root) = part.root_mut(p, b) else {
            return;
        };
        let old = tree_ops::names_path(root, &from).unwrap_or_default();
        if let Some(now) = tree_ops::move_node(root, &from, &parent, index)
            && part == GuiPart::Gui
            && let Some(board) = p.leaderboards.get_mut(b)
        {
            let new = tree_ops::names_path(&board.gui, &now).unwrap_or_default();
            tree_ops::follow_rows_in(board, &old, &new);
        }
    }));
    *ctx.selection = addr.with_path(new_path).into();
    ui.data_mut(|d| d.remove::<String>(message_id()));
}

fn rename_box(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    project: &Project,
    mut renaming: Renaming,
    node: &GuiNode,
) {
    let response = ui
        .add(egui::TextEdit::singleline(&mut renaming.buffer).desired_width(150.0))
        .accessible_name(format!("New name for {}", node.name))
        .on_hover_text("Enter keeps the new name, Esc leaves it as it was");
    if !renaming.focused {
        response.request_focus();
        renaming.focused = true;
    }
    if !response.lost_focus() {
        ui.data_mut(|d| d.insert_temp(renaming_id(), renaming));
        return;
    }
    let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
    let done = |ui: &Ui| ui.data_mut(|d| d.remove::<Renaming>(renaming_id()));
    if escape {
        done(ui);
        return;
    }
    let name = renaming.buffer.clone();
    if name == node.name {
        done(ui);
        return;
    }
    let parent = renaming.addr.parent().and_then(|p| p.node(project));
    let index = renaming.addr.path.last().copied();
    match tree_ops::check_name(parent, index, &name) {
        Ok(()) => {
            let addr = renaming.addr.clone();
            ctx.edits.push(Edit::new(
                format!("rename {} to {name}", node.name),
                move |p| {
                    let Some(root) = addr.gui_root_mut(p) else {
                        return;
                    };
                    let old = tree_ops::names_path(root, &addr.path).unwrap_or_default();
                    let Some(node) = addr.node_mut(p) else {
                        return;
                    };
                    node.name = name;
                    if addr.part == GuiPart::Gui
                        && !addr.is_root()
                        && let Some(board) = p.leaderboards.get_mut(addr.board)
                    {
                        let new = tree_ops::names_path(&board.gui, &addr.path).unwrap_or_default();
                        tree_ops::follow_rows_in(board, &old, &new);
                    }
                },
            ));
            done(ui);
            ui.data_mut(|d| d.remove::<String>(message_id()));
        }
        Err(why) => {
            refuse(ui, format!("{why} The name was not changed."));
            if enter {
                // Stay in the box so the name can be corrected.
                renaming.focused = false;
                ui.data_mut(|d| d.insert_temp(renaming_id(), renaming));
            } else {
                done(ui);
            }
        }
    }
}

fn delete_node(ui: &Ui, ctx: &mut PanelCtx<'_>, project: &Project, addr: &GuiAddr) {
    let Some(node) = addr.node(project) else {
        return;
    };
    let (Some(&last), Some(parent)) = (addr.path.last(), addr.parent()) else {
        refuse(
            ui,
            format!(
                "The {} is the {} GUI itself, so it can't be deleted.",
                node.class,
                if addr.part == GuiPart::DataStatus {
                    "data-status"
                } else {
                    "leaderboard's"
                }
            ),
        );
        return;
    };
    let at = parent.clone();
    let name = node.name.clone();
    ctx.edits
        .push(Edit::new(format!("delete {name}"), move |p| {
            if let Some(parent) = at.node_mut(p)
                && last < parent.children.len()
            {
                parent.children.remove(last);
            }
        }));
    *ctx.selection = parent.into();
}

/// Buttons for the classes that can go inside `node`; returns whether one
/// was clicked.
fn add_menu(ui: &mut Ui, ctx: &mut PanelCtx<'_>, addr: &GuiAddr, node: &GuiNode) -> bool {
    let mut added = false;
    for class in classes::classes()
        .values()
        .filter(|c| tree_ops::can_hold(&node.class, c.name).is_ok())
    {
        if ui.button(class.name).on_hover_text(class.help).clicked() {
            let taken: Vec<&str> = node.children.iter().map(|c| c.name.as_str()).collect();
            let name = unique_name(class.name, taken.iter().copied());
            let class_name = class.name.to_string();
            let at = addr.clone();
            let index = node.children.len();
            ctx.edits.push(Edit::new(format!("add {name}"), move |p| {
                if let Some(parent) = at.node_mut(p) {
                    parent.children.push(GuiNode::new(class_name, name));
                }
            }));
            *ctx.selection = addr.child(index).into();
            added = true;
        }
    }
    added
}

/// "Add object": the classes that fit inside the selected object (or, for a
/// layout helper, inside its parent).
fn palette(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    project: &Project,
    b: usize,
    parts: &[GuiPart],
    depth: usize,
) {
    let target = match ctx.selection.gui_addr() {
        Some(mut addr) if addr.board == b && parts.contains(&addr.part) => {
            while let Some(node) = addr.node(project)
                && classes::class(&node.class).is_some_and(|c| !c.is_gui_object && !c.is_root)
                && addr.path.pop().is_some()
            {}
            addr.node(project).map(|node| (addr, node))
        }
        _ => None,
    };
    ui.horizontal(|ui| {
        ui.add_space(depth as f32 * INDENT);
        let Some((addr, node)) = target else {
            ui.add_enabled(false, egui::Button::new("➕ Add object"))
                .on_disabled_hover_text(
                    "Select an object in the GUI first; the new one goes inside it",
                );
            return;
        };
        ui.menu_button("➕ Add object", |ui| {
            ui.label(
                RichText::new(format!("Inside {}", node.name))
                    .weak()
                    .small(),
            );
            if add_menu(ui, ctx, &addr, node) {
                ui.close();
            }
        })
        .response
        .on_hover_text(format!(
            "Add an object inside {}; only classes that work there are listed",
            node.name
        ));
    });
}

fn class_icon(class: &str) -> &'static str {
    match class {
        "ScreenGui" | "SurfaceGui" => "🖥",
        "TextLabel" | "TextButton" => "🔤",
        "ImageLabel" | "ImageButton" => "🖼",
        "ScrollingFrame" => "📜",
        c if c.starts_with("UI") => "📐",
        _ => "⬜",
    }
}
