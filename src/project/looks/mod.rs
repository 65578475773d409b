//! The gallery of ready-made leaderboard looks. A look is everything about
//! a board that players see (its GUI, where the rows go, the row and the
//! highlight colours) and nothing about what it ranks: applying one keeps
//! the board's stat, store, periods, numbers, timing and texts.
//!
//! Every look is checked on every device preset by the tests
//! (tests/it/looks.rs) with [`crate::layout::fit`].

mod arcade;
mod cartoon;
mod classic;
mod glass;
mod minimal;
mod neon;
pub mod parts;
mod podium;
mod sidebar;
mod wooden;

use super::gui::GuiNode;
use super::leaderboard::{Display, Highlight, Leaderboard};

/// The part a look on a part is put on when the board had none.
pub const DEFAULT_PART: &str = "LeaderboardPart";

/// One design in the gallery.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    /// Stable name for files and the command line (`classic-dark`).
    pub id: &'static str,
    /// What designers see in the gallery.
    pub title: &'static str,
    /// One sentence on what it suits.
    pub about: &'static str,
    /// Shown on a part in the world (a SurfaceGui) rather than on screens.
    pub on_part: bool,
    build: fn() -> LookParts,
}

/// What a look gives a board.
#[derive(Debug, Clone, PartialEq)]
pub struct LookParts {
    pub gui: GuiNode,
    pub rows_in: String,
    pub row_template: GuiNode,
    pub highlight: Highlight,
}

impl Look {
    pub fn parts(&self) -> LookParts {
        (self.build)()
    }

    /// Dresses `board` in this look. Only what players see changes: the
    /// GUI, the rows and their colours, and, for a look made for a part
    /// (or for screens), where the board shows. A board already on a part
    /// keeps its part's name.
    pub fn apply_to(&self, board: &mut Leaderboard) {
        let parts = self.parts();
        board.gui = parts.gui;
        board.rows_in = parts.rows_in;
        board.row_template = parts.row_template;
        board.highlight = parts.highlight;
        match (&board.display, self.on_part) {
            (Display::Screen, true) => {
                board.display = Display::Surface {
                    part: DEFAULT_PART.into(),
                }
            }
            (Display::Surface { .. }, false) => board.display = Display::Screen,
            _ => {}
        }
    }

    /// The look whose GUI `board` has now, if it has not been changed
    /// since (so the gallery can mark it).
    pub fn worn_by(board: &Leaderboard) -> Option<Look> {
        all().into_iter().find(|look| {
            let parts = look.parts();
            parts.gui == board.gui
                && parts.row_template == board.row_template
                && parts.rows_in == board.rows_in
        })
    }
}

/// Every look, in gallery order.
pub fn all() -> Vec<Look> {
    vec![
        classic::LOOK,
        neon::LOOK,
        wooden::LOOK,
        minimal::LOOK,
        podium::LOOK,
        cartoon::LOOK,
        glass::LOOK,
        arcade::LOOK,
        sidebar::LOOK,
    ]
}

/// The look with this id.
pub fn by_id(id: &str) -> Option<Look> {
    all().into_iter().find(|l| l.id == id)
}
