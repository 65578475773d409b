//! An arcade cabinet's high-score table: square, black, monospaced.

use super::parts::*;
use super::{Look, LookParts, Room};
use crate::project::gui::{FontWeight, PropValue};
use crate::project::leaderboard::Highlight;

pub const LOOK: Look = Look {
    id: "retro-arcade",
    title: "Retro arcade",
    about: "A square black high-score table in a typewriter font with yellow and green letters.",
    on_part: false,
    build,
};

const YELLOW: Rgb = (255, 230, 0);
const GREEN: Rgb = (80, 255, 120);

fn build(room: Room) -> LookParts {
    let mut gui = screen_gui().child(
        panel("Cabinet", (0, 0, 0), 0.0)
            .with("Position", udim2(0.0, 12, 0.0, 12))
            .with("Size", udim2(0.0, 290, 0.7, 0))
            .child(outline(YELLOW, 3.0, 0.0))
            .child(size_limits((290.0, 170.0), (290.0, 390.0)))
            .child(
                label("Title", "HIGH SCORES", 22.0, YELLOW, CODE, FontWeight::Bold)
                    .with("Size", udim2(1.0, 0, 0.0, 40)),
            )
            .child(
                scroller("Scores", "Y", YELLOW)
                    .with("Position", udim2(0.0, 8, 0.0, 42))
                    .with("Size", udim2(1.0, -16, 1.0, -50))
                    .with("ScrollBarThickness", PropValue::Int(3))
                    .child(list("Vertical", 2)),
            ),
    );
    let row_template = row(&RowStyle {
        height: 28,
        back: (0, 0, 0),
        back_transparency: 0.0,
        corner: None,
        outline: None,
        rank_text: "{rank}.",
        rank_width: 46,
        rank_color: YELLOW,
        name_color: (255, 255, 255),
        value_color: GREEN,
        family: CODE,
        text_size: 16.0,
        avatar: None,
        value_width: 96,
    });
    let (tabs_in, you_in) = make_room(
        &mut gui,
        "Cabinet/Scores",
        room,
        (TAB_STRIP, 28, 2),
        caption(GREEN, CODE, 12.0),
    );
    LookParts {
        gui,
        rows_in: "Cabinet/Scores".into(),
        row_template,
        highlight: Highlight {
            top3: Some([(110, 80, 0), (60, 60, 80), (100, 44, 20)]),
            local_player: Some((20, 40, 140)),
        },
        tabs_in,
        tab: tab((60, 54, 0), YELLOW, CODE, None, 14),
        you_in,
    }
}
