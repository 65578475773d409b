//! Frosted glass: light, see-through, dark letters, for calm or bright
//! games.

use super::parts::*;
use super::{Look, LookParts, Room};
use crate::project::gui::{FontWeight, PropValue};
use crate::project::leaderboard::Highlight;

pub const LOOK: Look = Look {
    id: "frosted-glass",
    title: "Frosted glass",
    about: "A light, see-through panel with dark letters at the top right, for calm or bright games.",
    on_part: false,
    build,
};

const INK: Rgb = (24, 30, 44);

fn build(room: Room) -> LookParts {
    let mut gui = screen_gui().child(
        panel("Glass", (245, 248, 255), 0.25)
            .with("AnchorPoint", PropValue::Vector2(1.0, 0.0))
            .with("Position", udim2(1.0, -12, 0.0, 12))
            .with("Size", udim2(0.0, 276, 0.66, 0))
            .child(corner(16))
            // A cool tint towards the bottom, like light through frosted glass.
            .child(shading(
                &[(0.0, (255, 255, 255)), (1.0, (214, 226, 255))],
                90.0,
            ))
            .child(outline((255, 255, 255), 1.5, 0.2))
            .child(size_limits((276.0, 160.0), (276.0, 380.0)))
            .child(
                align_x(
                    label("Title", "Leaderboard", 19.0, INK, BUILDER, FontWeight::Bold),
                    "Left",
                )
                .with("Position", udim2(0.0, 16, 0.0, 4))
                .with("Size", udim2(1.0, -32, 0.0, 36)),
            )
            .child(
                scroller("List", "Y", (90, 100, 120))
                    .with("Position", udim2(0.0, 10, 0.0, 42))
                    .with("Size", udim2(1.0, -20, 1.0, -52))
                    .child(list("Vertical", 4)),
            ),
    );
    let row_template = row(&RowStyle {
        height: 34,
        back: (255, 255, 255),
        back_transparency: 0.35,
        corner: Some(10),
        outline: None,
        rank_text: "{rank}",
        rank_width: 36,
        rank_color: (90, 100, 120),
        name_color: INK,
        value_color: INK,
        family: BUILDER,
        text_size: 15.0,
        avatar: Some((220, 226, 236)),
        value_width: 84,
    });
    let (tabs_in, you_in) = make_room(
        &mut gui,
        "Glass/List",
        room,
        (TAB_STRIP, 34, 4),
        caption((80, 90, 110), BUILDER, 12.0),
    );
    LookParts {
        gui,
        rows_in: "Glass/List".into(),
        row_template,
        highlight: Highlight {
            top3: Some([(255, 226, 140), (222, 228, 240), (240, 200, 170)]),
            local_player: Some((180, 214, 255)),
        },
        tabs_in,
        tab: tab((255, 255, 255), INK, BUILDER, Some(10), 14),
        you_in,
    }
}
