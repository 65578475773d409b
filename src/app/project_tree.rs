//! The project tree on the left, like Studio's Explorer: the parts of the
//! project, each leaderboard and the objects of its GUI.

use egui::{RichText, Ui};

use super::edit::Edit;
use super::gui_tree;
use super::look_gallery::LookFor;
use super::widgets::{marker, problems_under};
use super::{PanelCtx, Request, Selection};
use crate::project::gui_addr::DATA_STATUS_BOARD;
use crate::project::{Diagnostic, FieldType, GuiPart};

const INDENT: f32 = 14.0;

fn item(
    ui: &mut Ui,
    ctx: &mut PanelCtx<'_>,
    depth: usize,
    label: &str,
    help: &str,
    target: Selection,
    problems: &[&Diagnostic],
) -> egui::Response {
    ui.horizontal(|ui| {
        ui.add_space(depth as f32 * INDENT);
        let response = ui
            .selectable_label(*ctx.selection == target, label)
            .on_hover_text(help);
        if response.clicked() {
            *ctx.selection = target;
        }
        marker(ui, problems);
        response
    })
    .inner
}

pub fn show(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    gui_tree::keys(ui, ctx);
    ui.add_space(4.0);
    ui.label(RichText::new(&ctx.project.name).heading());
    ui.separator();
    // Above the scrolling list, so it shows wherever the tree is scrolled to.
    gui_tree::message(ui);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| tree(ui, ctx));
}

fn tree(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let project = ctx.project;
    let diags = ctx.diagnostics;
    item(
        ui,
        ctx,
        0,
        "📋 Player data",
        "The fields saved for each player",
        Selection::Data,
        &problems_under(diags, "data"),
    );
    for (i, field) in project.schema.fields.iter().enumerate() {
        let path = format!("data/{}", field.name);
        item(
            ui,
            ctx,
            1,
            &field.name,
            &field.ty.describe(),
            Selection::Field(vec![i]),
            &problems_under(diags, &path),
        );
        if let FieldType::Record(inner) = &field.ty {
            for (j, sub) in inner.iter().enumerate() {
                item(
                    ui,
                    ctx,
                    2,
                    &sub.name,
                    &sub.ty.describe(),
                    Selection::Field(vec![i, j]),
                    &problems_under(diags, &format!("{path}/{}", sub.name)),
                );
            }
        }
    }
    let saving: Vec<&Diagnostic> = problems_under(diags, "saving")
        .into_iter()
        .filter(|d| !d.path.starts_with("saving/backups"))
        .collect();
    item(
        ui,
        ctx,
        0,
        "💾 Saving",
        "When and how player data is saved, loaded and locked",
        Selection::Saving,
        &saving,
    );
    item(
        ui,
        ctx,
        0,
        "📚 Versions",
        "The data's version number and how saves of earlier versions are brought up to date",
        Selection::Versions,
        &problems_under(diags, "versions"),
    );
    item(
        ui,
        ctx,
        0,
        "🛡 Backups",
        "Extra copies of each player's data to restore from",
        Selection::Backups,
        &problems_under(diags, "saving/backups"),
    );
    ui.horizontal(|ui| {
        ui.label("🏆 Leaderboards");
        marker(ui, &problems_under(diags, "leaderboards"));
        if ui
            .small_button("➕")
            .on_hover_text("Add a global leaderboard, starting from a look of the gallery")
            .accessible_name("Add a leaderboard")
            .clicked()
        {
            ctx.requests.push(Request::ChooseLook(LookFor::NewBoard));
        }
    });
    for (b, board) in project.leaderboards.iter().enumerate() {
        let board_path = format!("leaderboards/{}", board.name);
        let response = item(
            ui,
            ctx,
            1,
            &board.name,
            &format!("Top {} players by {}", board.top, board.stat),
            Selection::Leaderboard(b),
            &problems_under(diags, &board_path),
        );
        response.context_menu(|ui| {
            if ui.button("Delete leaderboard").clicked() {
                let name = board.name.clone();
                ctx.edits
                    .push(Edit::new(format!("delete leaderboard {name}"), move |p| {
                        if b < p.leaderboards.len() {
                            p.leaderboards.remove(b);
                        }
                    }));
                *ctx.selection = Selection::Data;
                ui.close();
            }
        });
        let open = ctx.selection.board() == Some(b);
        if open {
            gui_tree::show(ui, ctx, b, &GuiPart::OF_LEADERBOARD, 2);
        }
    }
    item(
        ui,
        ctx,
        0,
        "⏳ Data status screen",
        "What players see while their data loads, and when it couldn't be loaded and isn't saved",
        Selection::DataStatus,
        &problems_under(diags, "data_status"),
    );
    let open = matches!(
        ctx.selection,
        Selection::DataStatus | Selection::GuiNode(_, GuiPart::DataStatus, _)
    );
    if open {
        gui_tree::show(ui, ctx, DATA_STATUS_BOARD, &[GuiPart::DataStatus], 1);
    }
    item(
        ui,
        ctx,
        0,
        "💰 Products",
        "The developer products the game sells and what each one gives",
        Selection::Products,
        &problems_under(diags, "products"),
    );
    item(
        ui,
        ctx,
        0,
        "🎁 Gifts",
        "Things the team can send a player, online or not",
        Selection::Gifts,
        &problems_under(diags, "gifts"),
    );
    item(
        ui,
        ctx,
        0,
        "🔒 Player privacy",
        "Where a player's data is kept, for Roblox's right-to-erasure requests",
        Selection::Privacy,
        &[],
    );
    item(
        ui,
        ctx,
        0,
        "📜 For scripters",
        "The signals and calls your game's own scripts can use",
        Selection::Scripting,
        &[],
    );
    item(
        ui,
        ctx,
        0,
        "🎮 Test play",
        "Play the exported files with simulated players, crashes and outages, and see whether any data is lost",
        Selection::TestPlay,
        &[],
    );
    item(
        ui,
        ctx,
        0,
        "🌐 Live data",
        "Look up, fix and restore a published game's saved player data through Roblox's Open Cloud",
        Selection::LiveData,
        &[],
    );
}
