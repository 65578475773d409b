//! A small, still picture of a leaderboard as Roblox lays it out on a
//! device, drawn by the canvas's own painter and framed on the board (not
//! the whole screen), for the gallery of looks.

use std::collections::HashMap;

use egui::{Response, Sense, Ui, Vec2};

use super::view::{self, View};
use super::{Scene, TOP_VALUE, map_sources, paint};
use crate::layout::{self, Device, LayoutOptions, fill_rows, sample_entries};
use crate::project::{GuiAddr, GuiPart, Leaderboard};

/// Rows shown in a thumbnail at most: enough to see the list, few enough
/// that the picture stays about the look.
const MAX_ROWS: u32 = 10;
/// Game world shown around the board, in Roblox pixels.
const FRAME: f32 = 20.0;

/// Draws `board` filled with sample rows on `device`, zoomed onto the
/// board's own objects, into a `size` box.
pub fn board_thumbnail(ui: &mut Ui, board: &Leaderboard, device: &Device, size: Vec2) -> Response {
    let (space, response) = ui.allocate_exact_size(size, Sense::hover());
    if !ui.is_rect_visible(space) {
        return response;
    }
    // A board on a part has no notch or home indicator to shade.
    let part_device;
    let device = if board.gui.class == "SurfaceGui" {
        part_device = Device::new("part", device.width, device.height);
        &part_device
    } else {
        device
    };
    let entries = sample_entries(board.top.min(MAX_ROWS), TOP_VALUE);
    let mut gui = fill_rows(board, &entries, board.number_format);
    // Tabs, the countdown and the player's own row, as the canvas shows
    // them.
    layout::preview_ranking(board, &mut gui, &entries);
    // A board on a part is shown on the part's face, at its shape.
    let part = board
        .display
        .part_size()
        .filter(|_| gui.class == "SurfaceGui");
    let (laid, surface) = match part {
        Some(part) => {
            let (laid, fit) =
                layout::surface::layout_on_part(&gui, device, &LayoutOptions::default(), part);
            (laid, Some(fit))
        }
        None => (
            layout::layout(&gui, device, &LayoutOptions::default()),
            None,
        ),
    };
    let screen = layout::Rect::new(0.0, 0.0, laid.screen.x, laid.screen.y);
    let shown = laid
        .nodes
        .iter()
        .filter(|n| n.parent == Some(0))
        .filter_map(|n| n.visible_rect)
        .reduce(|a, b| {
            let (x, y) = (a.x.min(b.x), a.y.min(b.y));
            layout::Rect::new(
                x,
                y,
                a.right().max(b.right()) - x,
                a.bottom().max(b.bottom()) - y,
            )
        })
        .map(|r| {
            layout::Rect::new(
                r.x - FRAME,
                r.y - FRAME,
                r.w + 2.0 * FRAME,
                r.h + 2.0 * FRAME,
            )
        })
        .and_then(|r| r.intersect(&screen))
        .unwrap_or(screen);
    let scale = (space.width() / shown.w).min(space.height() / shown.h);
    let centre = egui::pos2(shown.x + shown.w / 2.0, shown.y + shown.h / 2.0);
    let view = View {
        scale,
        origin: space.center() - centre.to_vec2() * scale,
    };
    let mut sources = HashMap::new();
    map_sources(
        &gui,
        gui.name.clone(),
        GuiAddr::root(0, GuiPart::Gui),
        &[],
        &mut sources,
    );
    let turns = view::turns(&laid);
    let scene = Scene {
        laid,
        sources,
        turns,
        view,
        stretch: surface.map_or(layout::Vec2::new(1.0, 1.0), |f| f.stretch),
        surface,
    };
    let painter = ui.painter_at(space);
    painter.rect_filled(space, 6.0, egui::Color32::from_gray(20));
    paint::scene(
        &painter.with_clip_rect(space.shrink(1.0)),
        &scene,
        device,
        None,
    );
    response
}
