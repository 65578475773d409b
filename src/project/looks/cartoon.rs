//! Thick outlines, round corners and sunny colours, for playful games.

use super::parts::*;
use super::{Look, LookParts, Room};
use crate::project::gui::{FontWeight, PropValue};
use crate::project::leaderboard::Highlight;

pub const LOOK: Look = Look {
    id: "cartoon",
    title: "Cartoon",
    about: "A sunny yellow board with thick outlines and round corners, for playful games.",
    on_part: false,
    build,
};

const INK: Rgb = (46, 30, 84);

fn build(room: Room) -> LookParts {
    let mut gui = screen_gui().child(
        panel("Board", (255, 204, 64), 0.0)
            .with("AnchorPoint", PropValue::Vector2(1.0, 0.0))
            .with("Position", udim2(1.0, -14, 0.0, 14))
            .with("Size", udim2(0.0, 270, 0.68, 0))
            .child(corner(20))
            // Sunny yellow warming to orange at the bottom.
            .child(shading(
                &[(0.0, (255, 255, 255)), (1.0, (255, 196, 150))],
                90.0,
            ))
            .child(outline(INK, 4.0, 0.0))
            .child(size_limits((270.0, 170.0), (270.0, 390.0)))
            .child(
                label(
                    "Title",
                    "★ Top Players ★",
                    22.0,
                    (255, 255, 255),
                    COMIC,
                    FontWeight::Bold,
                )
                .with("Size", udim2(1.0, 0, 0.0, 44))
                .with("TextStrokeColor3", rgb(INK))
                .with("TextStrokeTransparency", PropValue::Float(0.0)),
            )
            .child(
                scroller("List", "Y", INK)
                    .with("Position", udim2(0.0, 12, 0.0, 46))
                    .with("Size", udim2(1.0, -24, 1.0, -58))
                    .child(list("Vertical", 6)),
            ),
    );
    let row_template = row(&RowStyle {
        height: 36,
        back: (255, 255, 255),
        back_transparency: 0.0,
        corner: Some(12),
        outline: Some((INK, 2.0, 0.0)),
        rank_text: "{rank}",
        rank_width: 38,
        rank_color: (232, 72, 96),
        name_color: INK,
        value_color: INK,
        family: COMIC,
        text_size: 16.0,
        avatar: Some((255, 236, 180)),
        value_width: 80,
    });
    let (tabs_in, you_in) = make_room(
        &mut gui,
        "Board/List",
        room,
        (TAB_STRIP, 36, 6),
        caption(INK, COMIC, 13.0),
    );
    LookParts {
        gui,
        rows_in: "Board/List".into(),
        row_template,
        // Light colours: the letters in the rows are dark.
        highlight: Highlight {
            top3: Some([(255, 228, 110), (214, 224, 238), (244, 186, 140)]),
            local_player: Some((170, 220, 255)),
        },
        tabs_in,
        tab: tab((255, 255, 255), INK, COMIC, Some(12), 14),
        you_in,
    }
}
