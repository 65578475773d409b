//! A slim column down the right edge, for busy screens.

use super::parts::*;
use super::{Look, LookParts, Room};
use crate::project::gui::{FontWeight, PropValue};
use crate::project::leaderboard::Highlight;

pub const LOOK: Look = Look {
    id: "slim-sidebar",
    title: "Slim sidebar",
    about: "A narrow navy column down the right edge with small rows, for screens with a lot going on.",
    on_part: false,
    build,
};

const ACCENT: Rgb = (120, 190, 255);

fn build(room: Room) -> LookParts {
    let mut gui = screen_gui().child(
        panel("Sidebar", (16, 28, 52), 0.2)
            .with("AnchorPoint", PropValue::Vector2(1.0, 0.5))
            .with("Position", udim2(1.0, -6, 0.5, 0))
            .with("Size", udim2(0.0, 210, 0.8, 0))
            .child(corner(8))
            .child(size_limits((210.0, 150.0), (210.0, 420.0)))
            .child(panel("Accent", ACCENT, 0.0).with("Size", udim2(0.0, 3, 1.0, 0)))
            .child(
                align_x(
                    label("Title", "TOP", 14.0, ACCENT, ROBOTO, FontWeight::Bold),
                    "Left",
                )
                .with("Position", udim2(0.0, 12, 0.0, 0))
                .with("Size", udim2(1.0, -16, 0.0, 28)),
            )
            .child(
                scroller("List", "Y", ACCENT)
                    .with("Position", udim2(0.0, 7, 0.0, 28))
                    .with("Size", udim2(1.0, -10, 1.0, -32))
                    .with("ScrollBarThickness", PropValue::Int(3))
                    .child(list("Vertical", 3)),
            ),
    );
    let row_template = row(&RowStyle {
        height: 26,
        back: (28, 44, 76),
        back_transparency: 0.0,
        corner: Some(5),
        outline: None,
        rank_text: "{rank}",
        rank_width: 34,
        rank_color: ACCENT,
        name_color: (230, 238, 250),
        value_color: (255, 255, 255),
        family: ROBOTO,
        text_size: 13.0,
        avatar: None,
        value_width: 72,
    });
    let (tabs_in, you_in) = make_room(
        &mut gui,
        "Sidebar/List",
        room,
        (TAB_STRIP, 26, 3),
        caption(ACCENT, ROBOTO, 12.0),
    );
    LookParts {
        gui,
        rows_in: "Sidebar/List".into(),
        row_template,
        highlight: Highlight {
            top3: Some([(120, 96, 24), (74, 84, 104), (110, 70, 40)]),
            local_player: Some((40, 90, 160)),
        },
        tabs_in,
        tab: tab((28, 44, 76), ACCENT, ROBOTO, Some(5), 13),
        you_in,
    }
}
