//! A global leaderboard's settings: which stat, how many players, how often.

use egui::{RichText, Ui};

use super::edit::Edit;
use super::widgets::{self, explain};
use super::{PanelCtx, Request};
use crate::project::{Display, FieldType, Leaderboard, NumberFormat, RankOrder};

fn board_edit(
    b: usize,
    label: &str,
    session: Option<egui::Id>,
    change: impl FnOnce(&mut Leaderboard) + 'static,
) -> Edit {
    let e = Edit::new(label, move |p| {
        if let Some(board) = p.leaderboards.get_mut(b) {
            change(board)
        }
    });
    match session {
        Some(id) => e.in_session(id),
        None => e,
    }
}

fn row(ui: &mut Ui, title: &str, widget: impl FnOnce(&mut Ui)) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.add_sized(
            [190.0, 18.0],
            egui::Label::new(RichText::new(title).strong()),
        );
        widget(ui);
    });
}

pub fn show(ui: &mut Ui, ctx: &mut PanelCtx<'_>, b: usize) {
    let Some(board) = ctx.project.leaderboards.get(b) else {
        return;
    };
    let mut edits = Vec::new();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.heading(format!("Leaderboard {}", board.name));
        explain(ui, "A stat ranked across every server of your game, and the panel that shows the top players. Pick its objects in the tree on the left to change how it looks.");
        let path = format!("leaderboards/{}", board.name);
        widgets::show_problems(ui, &widgets::problems_at(ctx.diagnostics, &path, &["gui", "row_template"]));
        ui.add_space(6.0);
        if ui.button("🎨 Change look…")
            .on_hover_text("Pick a ready-made look from the gallery. Only what players see changes; the stat and every setting stay.")
            .clicked()
        {
            ctx.requests.push(Request::ChooseLook(super::look_gallery::LookFor::Board(b)));
        }
        if ui.button("📥 Import GUI from Studio…")
            .on_hover_text("Use a ScreenGui or SurfaceGui you made in Studio as this leaderboard's panel. In Studio, right-click it and choose \"Save to File...\", then pick that .rbxmx or .rbxm file here.")
            .clicked()
        {
            ctx.requests.push(Request::ImportGui(b));
        }
        ui.add_space(6.0);
        row(ui, "Name", |ui| {
            if let Some((v, id)) = widgets::text(ui, "Leaderboard name", &board.name, 200.0) {
                edits.push(board_edit(b, "rename the leaderboard", Some(id), move |l| l.name = v));
            }
        });
        row(ui, "Ranks players by", |ui| {
            let stats: Vec<&str> = ctx.project.schema.fields.iter()
                .filter(|f| f.ty == FieldType::Integer)
                .map(|f| f.name.as_str())
                .collect();
            let mut picked = None;
            let r = egui::ComboBox::from_id_salt("stat")
                .selected_text(&board.stat)
                .width(200.0)
                .show_ui(ui, |ui| {
                    for s in &stats {
                        if ui.selectable_label(board.stat == *s, *s).clicked() {
                            picked = Some(s.to_string());
                        }
                    }
                });
            let _ = r.response.accessible_name("Ranks players by").on_hover_text("A whole-number field of the player data");
            if let Some(v) = picked {
                edits.push(board_edit(b, "change the ranked stat", None, move |l| l.stat = v));
            }
        });
        row(ui, "Order", |ui| {
            if let Some(v) = widgets::choice(ui, "Order", board.order, &[(RankOrder::Descending, "Highest first"), (RankOrder::Ascending, "Lowest first (fastest times)")], 200.0) {
                edits.push(board_edit(b, "change the order", None, move |l| l.order = v));
            }
        });
        row(ui, "Players shown", |ui| {
            if let Some((v, id)) = widgets::drag_u32(ui, "Players shown", board.top, 1..=100, "") {
                edits.push(board_edit(b, "change how many players show", Some(id), move |l| l.top = v));
            }
        });
        row(ui, "Update every", |ui| {
            if let Some((v, id)) = widgets::drag_u32(ui, "Update every", board.update_seconds, 1..=86_400, " s") {
                edits.push(board_edit(b, "change the update interval", Some(id), move |l| l.update_seconds = v));
            }
            ui.label(RichText::new(format!("= {}", super::saving_editor::duration_words(board.update_seconds))).weak());
        });
        explain(ui, "Each update writes the stat of every player in the server and reads the top list once.");
        row(ui, "Numbers look like", |ui| {
            let options = [
                (NumberFormat::Abbreviated, "1.2M"),
                (NumberFormat::Separated, "1,234,567"),
                (NumberFormat::Plain, "1234567"),
            ];
            if let Some(v) = widgets::choice(ui, "Numbers look like", board.number_format, &options, 200.0) {
                edits.push(board_edit(b, "change the number format", None, move |l| l.number_format = v));
            }
        });
        row(ui, "Shown", |ui| {
            let on_part = matches!(board.display, Display::Surface { .. });
            if let Some(v) = widgets::choice(ui, "Shown", on_part, &[(false, "On each player's screen"), (true, "On a part in the world")], 200.0) {
                edits.push(board_edit(b, "change where it shows", None, move |l| {
                    l.display = if v { Display::surface("LeaderboardPart") } else { Display::Screen }
                }));
            }
            if let Display::Surface { part, .. } = &board.display
                && let Some((v, id)) = widgets::text(ui, "Part name", part, 160.0)
            {
                edits.push(board_edit(b, "change the part", Some(id), move |l| {
                    if let Display::Surface { part, .. } = &mut l.display {
                        *part = v;
                    }
                }));
            }
        });
        if let Some(size) = board.display.part_size() {
            row(ui, "Part size (studs)", |ui| {
                for (axis, label) in ["X", "Y", "Z"].iter().enumerate() {
                    ui.label(*label);
                    if let Some((v, id)) = widgets::drag_f64(ui, &format!("Part size {label}"), f64::from(size[axis]), "") {
                        edits.push(board_edit(b, "change the part's size", Some(id), move |l| {
                            if let Display::Surface { part_size, .. } = &mut l.display {
                                part_size[axis] = (v as f32).max(0.05);
                            }
                        }));
                    }
                }
            });
            explain(ui, "The size of the part in Studio (its Size property). The canvas shows the board on the face the SurfaceGui's Face picks, at this shape.");
        }
        row(ui, "DataStore of the ranking", |ui| {
            if let Some((v, id)) = widgets::text(ui, "DataStore of the ranking", &board.ordered_datastore, 200.0) {
                edits.push(board_edit(b, "change the ranking's DataStore", Some(id), move |l| l.ordered_datastore = v));
            }
        });
        row(ui, "Rows go in", |ui| {
            if let Some((v, id)) = widgets::text(ui, "Rows go in", &board.rows_in, 200.0) {
                edits.push(board_edit(b, "change where rows go", Some(id), move |l| l.rows_in = v));
            }
        });
        explain(ui, "The object of the GUI that holds the rows, by names below the root (Panel/List).");
        row(ui, "Text while empty", |ui| {
            if let Some((v, id)) = widgets::text(ui, "Text while empty", &board.empty_text, 200.0) {
                edits.push(board_edit(b, "change the empty text", Some(id), move |l| l.empty_text = v));
            }
        });
    });
    ctx.edits.extend(edits);
}
