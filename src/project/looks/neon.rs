//! Glowing outlines on near-black, for simulators and obbies at night.

use super::parts::*;
use super::{Look, LookParts, Room};
use crate::project::gui::{FontWeight, PropValue};
use crate::project::leaderboard::Highlight;

pub const LOOK: Look = Look {
    id: "neon",
    title: "Neon",
    about: "Cyan and pink outlines glowing on near-black, at the top left.",
    on_part: false,
    build,
};

const CYAN: Rgb = (0, 240, 255);
const PINK: Rgb = (255, 60, 200);

fn build(room: Room) -> LookParts {
    let mut gui = screen_gui().child(
        panel("Panel", (255, 255, 255), 0.05)
            .with("Position", udim2(0.0, 12, 0.0, 12))
            .with("Size", udim2(0.0, 290, 0.65, 0))
            .child(corner(14))
            // Deep purple at the top fading to midnight blue.
            .child(shading(&[(0.0, (40, 10, 66)), (1.0, (6, 16, 46))], 90.0))
            .child(
                // A glowing border: cyan at the top left turning pink at
                // the bottom right (Roblox shades a UIStroke by the
                // UIGradient inside it).
                outline((255, 255, 255), 2.5, 0.1)
                    .child(shading(&[(0.0, CYAN), (1.0, PINK)], 45.0)),
            )
            .child(size_limits((290.0, 170.0), (290.0, 400.0)))
            .child(
                label(
                    "Title",
                    "TOP PLAYERS",
                    22.0,
                    PINK,
                    GOTHAM,
                    FontWeight::Heavy,
                )
                .with("Size", udim2(1.0, 0, 0.0, 42))
                .with("TextStrokeColor3", rgb((120, 0, 90)))
                .with("TextStrokeTransparency", PropValue::Float(0.2)),
            )
            .child(
                panel("Line", PINK, 0.0)
                    .with("Position", udim2(0.0, 16, 0.0, 42))
                    .with("Size", udim2(1.0, -32, 0.0, 2)),
            )
            .child(
                scroller("List", "Y", CYAN)
                    .with("Position", udim2(0.0, 10, 0.0, 52))
                    .with("Size", udim2(1.0, -20, 1.0, -60))
                    .child(list("Vertical", 6)),
            ),
    );
    let row_template = row(&RowStyle {
        height: 34,
        back: (22, 16, 44),
        back_transparency: 0.0,
        corner: Some(8),
        outline: Some((CYAN, 1.0, 0.55)),
        rank_text: "{rank}",
        rank_width: 40,
        rank_color: PINK,
        name_color: (220, 250, 255),
        value_color: CYAN,
        family: GOTHAM,
        text_size: 14.0,
        avatar: None,
        value_width: 86,
    });
    let (tabs_in, you_in) = make_room(
        &mut gui,
        "Panel/List",
        room,
        (TAB_STRIP, 34, 6),
        caption((220, 250, 255), GOTHAM, 12.0),
    );
    LookParts {
        gui,
        rows_in: "Panel/List".into(),
        row_template,
        highlight: Highlight {
            top3: Some([(92, 20, 110), (20, 64, 110), (110, 40, 30)]),
            local_player: Some((0, 86, 110)),
        },
        tabs_in,
        tab: tab((22, 16, 44), CYAN, GOTHAM, Some(8), 14),
        you_in,
    }
}
