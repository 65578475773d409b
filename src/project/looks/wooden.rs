//! A wooden sign on a part in the lobby: big letters that read from afar.

use super::parts::*;
use super::{Look, LookParts, Room};
use crate::project::gui::{FontWeight, GuiNode, PropValue};
use crate::project::leaderboard::Highlight;

pub const LOOK: Look = Look {
    id: "wooden-sign",
    title: "Wooden sign (on a part)",
    about: "Planks and carved letters on a part's front face, big enough to read across the lobby.",
    on_part: true,
    build,
};

const CREAM: Rgb = (255, 236, 190);
const DARK_WOOD: Rgb = (74, 44, 22);

fn build(room: Room) -> LookParts {
    // 1200 x 800 canvas pixels, the shape of the default 12 x 8 stud part
    // (FixedSize stretches the canvas over the face): ten rows of 56 fit
    // under the title without scrolling, which is awkward on a sign
    // across the room.
    let mut gui = GuiNode::new("SurfaceGui", "LeaderboardGUI")
        .with("CanvasSize", PropValue::Vector2(1200.0, 800.0))
        .with("Face", enum_item("NormalId", "Front"))
        .with("LightInfluence", PropValue::Float(0.0))
        .with("SizingMode", enum_item("SurfaceGuiSizingMode", "FixedSize"))
        .child(
            panel("Sign", (132, 86, 46), 0.0)
                .with("Size", udim2(1.0, 0, 1.0, 0))
                .child(
                    outline(DARK_WOOD, 14.0, 0.0)
                        .with("ApplyStrokeMode", enum_item("ApplyStrokeMode", "Border")),
                )
                .child(corner(18))
                // Darker planks at the edges, lighter in the middle.
                .child(shading(
                    &[
                        (0.0, (205, 185, 165)),
                        (0.5, (255, 255, 255)),
                        (1.0, (205, 185, 165)),
                    ],
                    0.0,
                ))
                .child(
                    label(
                        "Title",
                        "TOP PLAYERS",
                        54.0,
                        CREAM,
                        SOURCE_SANS,
                        FontWeight::Bold,
                    )
                    .with("Position", udim2(0.0, 0, 0.0, 10))
                    .with("Size", udim2(1.0, 0, 0.0, 76))
                    .with("TextStrokeColor3", rgb(DARK_WOOD))
                    .with("TextStrokeTransparency", PropValue::Float(0.0)),
                )
                .child(
                    scroller("Planks", "Y", DARK_WOOD)
                        .with("Position", udim2(0.0, 40, 0.0, 92))
                        .with("Size", udim2(1.0, -80, 1.0, -112))
                        .with("ScrollBarThickness", PropValue::Int(8))
                        .child(list("Vertical", 6)),
                ),
        );
    let row_template = row(&RowStyle {
        height: 56,
        back: (166, 112, 62),
        back_transparency: 0.0,
        corner: Some(10),
        outline: Some((DARK_WOOD, 3.0, 0.2)),
        rank_text: "{rank}.",
        rank_width: 96,
        rank_color: CREAM,
        name_color: (255, 248, 230),
        value_color: CREAM,
        family: SOURCE_SANS,
        text_size: 30.0,
        avatar: Some(DARK_WOOD),
        value_width: 240,
    });
    let (tabs_in, you_in) = make_room(
        &mut gui,
        "Sign/Planks",
        room,
        (48, 56, 6),
        caption(CREAM, SOURCE_SANS, 26.0),
    );
    LookParts {
        gui,
        rows_in: "Sign/Planks".into(),
        row_template,
        highlight: Highlight {
            top3: Some([(176, 132, 40), (140, 130, 120), (150, 90, 50)]),
            local_player: Some((70, 110, 60)),
        },
        tabs_in,
        tab: tab((166, 112, 62), CREAM, SOURCE_SANS, Some(10), 30),
        you_in,
    }
}
