//! The classic dark panel at the top right, gold title, avatars in the rows.

use super::parts::*;
use super::{Look, LookParts, Room};
use crate::project::gui::{FontWeight, PropValue};
use crate::project::leaderboard::Highlight;

pub const LOOK: Look = Look {
    id: "classic-dark",
    title: "Classic dark panel",
    about: "A dark panel at the top right with a gold title and avatars: fits most games.",
    on_part: false,
    build,
};

fn build(room: Room) -> LookParts {
    let mut gui = screen_gui().child(
        panel("LeaderboardFrame", (30, 30, 30), 0.1)
            .with("AnchorPoint", PropValue::Vector2(1.0, 0.0))
            .with("Position", udim2(1.0, -12, 0.0, 12))
            .with("Size", udim2(0.0, 280, 0.7, 0))
            .child(corner(10))
            .child(shading(
                &[(0.0, (255, 255, 255)), (1.0, (150, 150, 160))],
                90.0,
            ))
            .child(outline((255, 215, 0), 1.5, 0.6))
            .child(size_limits((280.0, 160.0), (280.0, 380.0)))
            .child(
                label(
                    "Title",
                    "🏆 Top Players",
                    20.0,
                    (255, 215, 0),
                    GOTHAM,
                    FontWeight::Bold,
                )
                .with("Size", udim2(1.0, 0, 0.0, 40)),
            )
            .child(
                scroller("ListFrame", "Y", (120, 120, 120))
                    .with("Position", udim2(0.0, 10, 0.0, 45))
                    .with("Size", udim2(1.0, -20, 1.0, -50))
                    .child(list("Vertical", 5)),
            ),
    );
    let row_template = row(&RowStyle {
        height: 36,
        back: (50, 50, 50),
        back_transparency: 0.0,
        corner: Some(6),
        outline: None,
        rank_text: "#{rank}",
        rank_width: 42,
        rank_color: (255, 255, 255),
        name_color: (235, 235, 235),
        value_color: (255, 215, 0),
        family: GOTHAM,
        text_size: 14.0,
        avatar: Some((70, 70, 70)),
        value_width: 84,
    });
    let (tabs_in, you_in) = make_room(
        &mut gui,
        "LeaderboardFrame/ListFrame",
        room,
        (TAB_STRIP, 36, 5),
        caption((200, 200, 200), GOTHAM, 12.0),
    );
    LookParts {
        gui,
        rows_in: "LeaderboardFrame/ListFrame".into(),
        row_template,
        highlight: Highlight::default(),
        tabs_in,
        tab: tab((50, 50, 50), (255, 215, 0), GOTHAM, Some(6), 14),
        you_in,
    }
}
