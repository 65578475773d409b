//! A global leaderboard's settings: which stat, how many players, how often.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::edit::Edit;
use super::widgets::{self, explain};
use super::{PanelCtx, Request};
use crate::project::gui::{GuiNode, PropValue};
use crate::project::looks::Look;
use crate::project::{
    Display, FieldType, Leaderboard, NumberFormat, NumberKind, Period, RankOrder, Ranking, Tabs,
    Weekday, YouRow,
};

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

/// An edit of an option a look makes room for (periods, tabs, the own
/// row). A board still wearing a look unchanged is dressed in it again in
/// the same edit, with room for the new options, so one Undo takes both
/// back; a GUI the designer changed is kept (the editor offers to make
/// room instead, see [`make_room_hint`]).
fn room_edit(
    b: usize,
    label: &str,
    change: impl FnOnce(&mut Leaderboard) + 'static,
    redress: fn(&Look, &mut Leaderboard),
) -> Edit {
    board_edit(b, label, None, move |l| {
        let worn = Look::worn_by(l);
        change(l);
        if let Some(look) = worn {
            redress(&look, l);
        }
    })
}

/// When the board's GUI came from a look made without room for what the
/// board shows now, says so and offers to re-apply the look.
fn make_room_hint(ui: &mut Ui, board: &Leaderboard, b: usize, edits: &mut Vec<Edit>) {
    let Some(look) = lacking_room(ui, board) else {
        return;
    };
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "⚠ This panel was made from the look {} before the tabs, the player's own row or \
             the time left were turned on, so they may cover other parts or have nowhere to go. \
             Your changes to the panel are kept until you re-apply the look.",
            look.title
        ))
        .color(ui.visuals().warn_fg_color),
    );
    let label = format!("Make room (re-apply {})", look.title);
    if ui
        .button(&label)
        .on_hover_text("Dresses the panel in the look again with room for everything it shows. Changes you made to the panel's objects are replaced; Undo takes it back.")
        .clicked()
    {
        edits.push(board_edit(
            b,
            &format!("make room: re-apply the look {}", look.title),
            None,
            move |l| look.refit(l),
        ));
    }
}

/// [`Look::lacking_room`], kept until the board changes: it builds every
/// look in every kind of room (milliseconds), and the settings are drawn
/// every frame while they are open.
fn lacking_room(ui: &Ui, board: &Leaderboard) -> Option<Look> {
    type Seen = Arc<(Leaderboard, Option<Look>)>;
    let id = egui::Id::unique("look-lacking-room");
    if let Some(seen) = ui.data(|d| d.get_temp::<Seen>(id))
        && seen.0 == *board
    {
        return seen.1;
    }
    let found = Look::lacking_room(board);
    ui.data_mut(|d| d.insert_temp::<Seen>(id, Arc::new((board.clone(), found))));
    found
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
            // Decimals, times and huge numbers can rank number fields too.
            let numbers_too = board.number_kind != NumberKind::Whole;
            let stats: Vec<&str> = ctx.project.schema.fields.iter()
                .filter(|f| f.ty == FieldType::Integer || (numbers_too && f.ty == FieldType::Number))
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
            let _ = r.response.accessible_name("Ranks players by").on_hover_text("A number field of the player data (whole numbers unless the numbers are decimals, times or huge)");
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
        ranking_rows(ui, board, b, &mut edits);
        row(ui, "Shown", |ui| {
            let on_part = matches!(board.display, Display::Surface { .. });
            if let Some(v) = widgets::choice(ui, "Shown", on_part, &[(false, "On each player's screen"), (true, "On a part in the world")], 200.0) {
                edits.push(board_edit(b, "change where it shows", None, move |l| {
                    l.display = if v { Display::surface("LeaderboardPart") } else { Display::Screen }
                }));
            }
        });
        if let Display::Surface { part, .. } = &board.display {
            row(ui, "Part name", |ui| {
                if let Some((v, id)) = widgets::text(ui, "Part name", part, 200.0) {
                    edits.push(board_edit(b, "change the part", Some(id), move |l| {
                        if let Display::Surface { part, .. } = &mut l.display {
                            *part = v;
                        }
                    }));
                }
            });
        }
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
            // A FixedSize canvas of another shape than the face is stretched in game.
            let fit = crate::layout::surface::fit(&board.gui, size);
            if board.gui.class == "SurfaceGui" && fit.face.y > 0.0 && (fit.stretch.x - 1.0).abs() > 0.02 {
                let width = (fit.canvas.y * fit.face.x / fit.face.y).round();
                let height = fit.canvas.y;
                let label = format!("Make the canvas {width} x {height}, the face's shape");
                if ui
                    .button(&label)
                    .on_hover_text("Roblox stretches a FixedSize canvas over the face; a canvas of the face's shape isn't stretched.")
                    .clicked()
                {
                    edits.push(board_edit(b, "fit the canvas to the part", None, move |l| {
                        l.gui
                            .properties
                            .insert("CanvasSize".into(), crate::project::PropValue::Vector2(width, height));
                    }));
                }
            }
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

/// Periods, what they rank, the kind of number, the player's own row and the
/// tabs.
fn ranking_rows(ui: &mut Ui, board: &Leaderboard, b: usize, edits: &mut Vec<Edit>) {
    row(ui, "Kind of number", |ui| {
        let current = match board.number_kind {
            NumberKind::Decimal { .. } => NumberKind::Decimal { places: 2 },
            other => other,
        };
        let options = [
            (NumberKind::Whole, "Whole numbers (1234)"),
            (NumberKind::Decimal { places: 2 }, "Decimals (12.50)"),
            (NumberKind::Time, "Times, lowest first (1:23.45)"),
            (NumberKind::Huge, "Huge numbers (1.2Qa)"),
        ];
        if let Some(v) = widgets::choice(ui, "Kind of number", current, &options, 200.0) {
            edits.push(board_edit(b, "change the kind of number", None, move |l| {
                l.number_kind = v;
                // Times are best lowest first.
                if v == NumberKind::Time {
                    l.order = RankOrder::Ascending;
                }
            }));
        }
        if let NumberKind::Decimal { places } = board.number_kind
            && let Some((v, id)) =
                widgets::drag_u32(ui, "Decimal places", u32::from(places), 1..=6, " places")
        {
            edits.push(board_edit(
                b,
                "change the decimal places",
                Some(id),
                move |l| {
                    l.number_kind = NumberKind::Decimal {
                        places: v.clamp(1, 6) as u8,
                    };
                },
            ));
        }
    });
    explain(
        ui,
        "Ranked DataStores hold whole numbers only: decimals and times are stored in hundredths (or the places you pick), huge numbers with a code that keeps their order.",
    );
    row(ui, "Periods", |ui| {
        for period in Period::ALL {
            let on = board.periods.contains(&period);
            let help = match period {
                Period::AllTime => "One ranking that never starts again.",
                Period::Daily => "Starts again every day at 00:00 UTC.",
                Period::Weekly => "Starts again every week at 00:00 UTC on the day you pick.",
                Period::Monthly => "Starts again on the 1st of every month at 00:00 UTC.",
            };
            if let Some(v) = widgets::checkbox(ui, period.name(), on, help) {
                let change = move |l: &mut Leaderboard| {
                    let mut wanted: Vec<Period> = Period::ALL
                        .into_iter()
                        .filter(|p| {
                            if *p == period {
                                v
                            } else {
                                l.periods.contains(p)
                            }
                        })
                        .collect();
                    wanted.dedup();
                    l.periods = wanted;
                };
                // A look gives a board of several periods tabs, as when
                // it is picked.
                edits.push(room_edit(b, "change the periods", change, Look::apply_to));
            }
        }
    });
    explain(
        ui,
        "Each period is a ranking of its own, kept apart in the OrderedDataStore, and costs its own writes and reads. With several, add tabs so players can switch.",
    );
    let periodic = board.periods.iter().any(|p| *p != Period::AllTime);
    if board.periods.contains(&Period::Weekly) {
        row(ui, "Weeks start on", |ui| {
            let options: Vec<(Weekday, &str)> =
                Weekday::ALL.iter().map(|d| (*d, d.name())).collect();
            if let Some(v) =
                widgets::choice(ui, "Weeks start on", board.week_starts, &options, 200.0)
            {
                edits.push(board_edit(
                    b,
                    "change the first day of the week",
                    None,
                    move |l| l.week_starts = v,
                ));
            }
        });
    }
    if periodic {
        row(ui, "Ranks", |ui| {
            let options = [
                (Ranking::Total, "The stat as it is"),
                (Ranking::Earned, "What was earned in the period"),
            ];
            if let Some(v) = widgets::choice(ui, "Ranks", board.ranks, &options, 200.0) {
                edits.push(board_edit(
                    b,
                    "change what the periods rank",
                    None,
                    move |l| l.ranks = v,
                ));
            }
        });
        explain(
            ui,
            "\"What was earned\" counts from the stat's value when the period started, kept in the player's saved data.",
        );
    }
    row(ui, "Player's own row", |ui| {
        if let Some(v) = widgets::checkbox(
            ui,
            "Show it below the list",
            board.you_row.is_some(),
            "A row in the row template's style with the player's own value and rank. Beyond the top list it says so: Roblox can't look a rank up.",
        ) {
            edits.push(room_edit(
                b,
                "show or hide the player's own row",
                move |l| l.you_row = v.then(YouRow::default),
                Look::refit,
            ));
        }
    });
    if let Some(you) = &board.you_row {
        row(ui, "Own row goes in", |ui| {
            if let Some((v, id)) = widgets::text(ui, "Own row goes in", &you.goes_in, 200.0) {
                edits.push(board_edit(
                    b,
                    "change where the player's own row goes",
                    Some(id),
                    move |l| {
                        if let Some(you) = &mut l.you_row {
                            you.goes_in = v;
                        }
                    },
                ));
            }
        });
        explain(
            ui,
            "Empty puts it after the list; or a path of names below the root, such as Panel/You.",
        );
        row(ui, "Rank when not listed", |ui| {
            if let Some((v, id)) =
                widgets::text(ui, "Rank when not listed", &you.unranked_text, 200.0)
            {
                edits.push(board_edit(
                    b,
                    "change the text beyond the list",
                    Some(id),
                    move |l| {
                        if let Some(you) = &mut l.you_row {
                            you.unranked_text = v;
                        }
                    },
                ));
            }
        });
        explain(
            ui,
            "Shown for {rank} when the player is not in the list; {top} is how many players are shown.",
        );
    }
    row(ui, "Tabs", |ui| {
        if let Some(v) = widgets::checkbox(
            ui,
            "Tabs switch between periods",
            board.tabs.is_some(),
            "One button per period, made from a tab you design; {period} in its text shows the period's name.",
        ) {
            edits.push(room_edit(
                b,
                "add or remove the tabs",
                move |l| l.tabs = if v { Some(default_tabs(l)) } else { None },
                Look::refit,
            ));
        }
    });
    if let Some(tabs) = &board.tabs {
        row(ui, "Tabs go in", |ui| {
            if let Some((v, id)) = widgets::text(ui, "Tabs go in", &tabs.goes_in, 200.0) {
                edits.push(board_edit(
                    b,
                    "change where the tabs go",
                    Some(id),
                    move |l| {
                        if let Some(tabs) = &mut l.tabs {
                            tabs.goes_in = v;
                        }
                    },
                ));
            }
        });
    }
    make_room_hint(ui, board, b, edits);
    if periodic || board.tabs.is_some() {
        explain(
            ui,
            "Texts of the GUI can show {period} (the shown period's name) and {resets} (time left until it starts again).",
        );
    }
}

/// Tabs for a board that has none: a Tabs frame with a horizontal list
/// beside the rows, made if missing, and a plain dark tab.
fn default_tabs(board: &mut Leaderboard) -> Tabs {
    let parent = board
        .rows_in
        .rsplit_once('/')
        .map_or(String::new(), |(p, _)| p.to_string());
    let goes_in = if parent.is_empty() {
        "Tabs".to_string()
    } else {
        format!("{parent}/Tabs")
    };
    if board.gui.find(&goes_in).is_none() {
        let frame = GuiNode::new("Frame", "Tabs")
            .with("BackgroundTransparency", PropValue::Float(1.0))
            .with("Size", PropValue::udim2(1.0, 0, 0.0, 24))
            .child(
                GuiNode::new("UIListLayout", "Layout")
                    .with(
                        "FillDirection",
                        PropValue::enum_item("FillDirection", "Horizontal"),
                    )
                    .with("Padding", PropValue::UDim(crate::project::UDim(0.0, 4)))
                    .with(
                        "SortOrder",
                        PropValue::enum_item("SortOrder", "LayoutOrder"),
                    ),
            );
        let mut holder = Some(&mut board.gui);
        for part in parent.split('/').filter(|p| !p.is_empty()) {
            holder = holder.and_then(|n| n.children.iter_mut().find(|c| c.name == part));
        }
        if let Some(holder) = holder {
            holder.children.push(frame);
        }
    }
    Tabs {
        goes_in,
        template: GuiNode::new("TextButton", "Tab")
            .with("BackgroundColor3", PropValue::Color3(50, 50, 50))
            .with("BorderSizePixel", PropValue::Int(0))
            .with("Size", PropValue::udim2(0.0, 90, 1.0, 0))
            .with("Text", PropValue::String("{period}".into()))
            .with("TextColor3", PropValue::Color3(255, 255, 255))
            .with("TextSize", PropValue::Float(14.0)),
    }
}
