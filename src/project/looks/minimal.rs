//! Phone first: a light strip of text on the left, no pictures, nothing
//! in the way of the thumbsticks.

use super::parts::*;
use super::{Look, LookParts, Room};
use crate::project::gui::{FontWeight, PropValue};
use crate::project::leaderboard::Highlight;

pub const LOOK: Look = Look {
    id: "minimal-phone",
    title: "Minimal (phone first)",
    about: "A see-through strip of plain text at the left edge that stays out of the way on phones.",
    on_part: false,
    build,
};

fn build(room: Room) -> LookParts {
    // Middle of the left edge: the jump button and thumbstick sit at the
    // bottom corners on phones, the Roblox menu at the top.
    let mut gui = screen_gui().child(
        panel("Strip", (0, 0, 0), 0.55)
            .with("AnchorPoint", PropValue::Vector2(0.0, 0.5))
            .with("Position", udim2(0.0, 8, 0.5, 0))
            .with("Size", udim2(0.28, 0, 0.55, 0))
            .child(corner(8))
            .child(size_limits((220.0, 150.0), (260.0, 330.0)))
            .child(
                align_x(
                    label(
                        "Title",
                        "Top players",
                        15.0,
                        (255, 255, 255),
                        BUILDER,
                        FontWeight::Bold,
                    ),
                    "Left",
                )
                .with("Position", udim2(0.0, 12, 0.0, 0))
                .with("Size", udim2(1.0, -24, 0.0, 30)),
            )
            .child(
                scroller("List", "Y", (200, 200, 200))
                    .with("Position", udim2(0.0, 4, 0.0, 30))
                    .with("Size", udim2(1.0, -8, 1.0, -34))
                    .with("ScrollBarThickness", PropValue::Int(3))
                    .child(list("Vertical", 2)),
            ),
    );
    let row_template = row(&RowStyle {
        height: 26,
        back: (255, 255, 255),
        back_transparency: 0.85,
        corner: None,
        outline: None,
        rank_text: "{rank}",
        rank_width: 36,
        rank_color: (170, 170, 170),
        name_color: (255, 255, 255),
        value_color: (255, 255, 255),
        family: BUILDER,
        text_size: 14.0,
        avatar: None,
        value_width: 80,
    });
    let (tabs_in, you_in) = make_room(
        &mut gui,
        "Strip/List",
        room,
        (TAB_STRIP, 26, 2),
        caption((210, 210, 210), BUILDER, 12.0),
    );
    LookParts {
        gui,
        rows_in: "Strip/List".into(),
        row_template,
        // Rows are mostly see-through, so highlights only tint them: gold
        // for the top three, blue for the player's own row.
        highlight: Highlight {
            top3: Some([(255, 200, 40), (200, 210, 230), (230, 140, 70)]),
            local_player: Some((60, 150, 255)),
        },
        tabs_in,
        tab: tab((60, 60, 60), (255, 255, 255), BUILDER, Some(6), 14),
        you_in,
    }
}
