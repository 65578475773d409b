//! Boards on a part: the part's size, and a FixedSize canvas whose shape
//! is not the face's (Roblox stretches it over the face, so the board
//! looks squashed or widened in game).

use super::text::{figure, name as show};
use super::{Report, join, segment};
use crate::layout::surface::fit;
use crate::project::{Display, Project};

/// How far the canvas's shape may be off the face's before it shows.
const STRETCH_TOLERANCE: f32 = 0.02;

pub(super) fn check(project: &Project, out: &mut Report) {
    for (i, board) in project.leaderboards.iter().enumerate() {
        let Display::Surface { part, part_size } = &board.display else {
            continue;
        };
        let path = join("leaderboards", &segment(&board.name, i));
        let name = show(&board.name);
        if part_size.iter().any(|v| !v.is_finite() || *v <= 0.0) {
            out.error(
                "surface-part-size",
                join(&path, "display/part_size"),
                format!(
                    "The part {} that shows the leaderboard {name} has a size of {} x {} x {} \
                     studs; every side must be a number above 0.",
                    show(part),
                    figure(f64::from(part_size[0])),
                    figure(f64::from(part_size[1])),
                    figure(f64::from(part_size[2])),
                ),
                "Enter the part's Size as Studio shows it, for example 12, 8, 1.",
            );
            continue;
        }
        if board.gui.class != "SurfaceGui" {
            continue;
        }
        let f = fit(&board.gui, *part_size);
        if f.canvas.x <= 0.0 || f.canvas.y <= 0.0 || f.face.y <= 0.0 {
            continue;
        }
        let k = f.stretch.x;
        if (k - 1.0).abs() <= STRETCH_TOLERANCE {
            continue;
        }
        let wanted_width = (f.canvas.y * f.face.x / f.face.y).round();
        let how = if k > 1.0 { "wider" } else { "narrower" };
        out.warning(
            "surface-stretched",
            join(&path, "gui/CanvasSize"),
            format!(
                "The leaderboard {name} is drawn on a {} x {} pixel canvas (SizingMode \
                 FixedSize), but the face of the part {} it goes on is {} x {} studs, another \
                 shape. Roblox stretches the canvas over the face, so in game the board looks \
                 {:.2} times {how} than in the designer: text and round corners too.",
                figure(f64::from(f.canvas.x)),
                figure(f64::from(f.canvas.y)),
                show(part),
                figure(f64::from(f.face.x)),
                figure(f64::from(f.face.y)),
                if k > 1.0 { k } else { 1.0 / k },
            ),
            format!(
                "Set the SurfaceGui's CanvasSize to {} x {} (the face's shape), or use \
                 SizingMode PixelsPerStud, which always fits the face.",
                figure(f64::from(wanted_width)),
                figure(f64::from(f.canvas.y)),
            ),
        );
    }
}
