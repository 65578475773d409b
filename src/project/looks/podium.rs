//! The top three as cards side by side, gold, silver and bronze, at the
//! top middle of the screen.

use super::parts::*;
use super::{Look, LookParts, Room};
use crate::project::gui::{FontWeight, GuiNode, PropValue};
use crate::project::leaderboard::Highlight;

pub const LOOK: Look = Look {
    id: "podium",
    title: "Podium for the top 3",
    about: "Big cards side by side for the best three, in gold, silver and bronze; more players scroll sideways. Best with 3 players shown.",
    on_part: false,
    build,
};

const WHITE: Rgb = (255, 255, 255);

fn build(room: Room) -> LookParts {
    // Tabs go above the cards, in a panel that much taller; the player's
    // own card goes after the others in the sideways list.
    let caption = caption((200, 200, 214), GOTHAM, 12.0);
    let height = 196
        + if room.tabs { TAB_STRIP + 6 } else { 0 }
        + if room.countdown.is_some() { 16 + 6 } else { 0 };
    let mut gui = screen_gui().child(
        panel("Podium", (24, 26, 38), 0.15)
            .with("AnchorPoint", PropValue::Vector2(0.5, 0.0))
            .with("Position", udim2(0.5, 0, 0.0, 8))
            .with("Size", udim2(0.9, 0, 0.0, height))
            .child(corner(14))
            .child(size_limits((300.0, height as f32), (360.0, height as f32)))
            .child(
                label(
                    "Title",
                    "🏆 Podium",
                    17.0,
                    (255, 214, 90),
                    GOTHAM,
                    FontWeight::Bold,
                )
                .with("Size", udim2(1.0, 0, 0.0, 28)),
            )
            .child(
                scroller("Cards", "X", (160, 160, 160))
                    .with("Position", udim2(0.0, 8, 0.0, 30))
                    .with("Size", udim2(1.0, -16, 1.0, -36))
                    // Left-aligned: a centred list wider than its canvas
                    // would push the first cards out past the left edge,
                    // where scrolling can't reach.
                    .child(list("Horizontal", 6)),
            ),
    );
    let card: GuiNode = panel("Card", (58, 62, 80), 0.0)
        .with("Size", udim2(0.0, 104, 1.0, -8))
        .child(corner(12))
        .child(
            label("Rank", "#{rank}", 22.0, WHITE, GOTHAM, FontWeight::Heavy)
                .with("Size", udim2(1.0, 0, 0.0, 28)),
        )
        .child(
            avatar(52, 0, (40, 42, 56))
                .with("AnchorPoint", PropValue::Vector2(0.5, 0.0))
                .with("Position", udim2(0.5, 0, 0.0, 30))
                .child(corner(26)),
        )
        .child(
            name_label("PlayerName", 13.0, WHITE, GOTHAM, FontWeight::Medium)
                .with("Position", udim2(0.0, 6, 0.0, 86))
                .with("Size", udim2(1.0, -12, 0.0, 20)),
        )
        .child(
            label(
                "Value",
                "{value}",
                15.0,
                (255, 236, 160),
                GOTHAM,
                FontWeight::Bold,
            )
            .with("Position", udim2(0.0, 4, 0.0, 106))
            .with("Size", udim2(1.0, -8, 0.0, 22))
            .with("TextScaled", PropValue::Bool(true))
            .child(text_limits(11, 15)),
        );
    let only_tabs = Room { you: false, ..room };
    let (tabs_in, _) = make_room(
        &mut gui,
        "Podium/Cards",
        only_tabs,
        (TAB_STRIP, 0, 6),
        caption,
    );
    LookParts {
        gui,
        rows_in: "Podium/Cards".into(),
        row_template: card,
        highlight: Highlight {
            top3: Some([(170, 128, 20), (112, 118, 134), (140, 84, 44)]),
            local_player: Some((40, 90, 160)),
        },
        tabs_in,
        tab: tab((58, 62, 80), WHITE, GOTHAM, Some(8), 14),
        you_in: String::new(),
    }
}
