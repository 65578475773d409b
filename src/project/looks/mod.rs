//! The gallery of ready-made leaderboard looks. A look is everything about
//! a board that players see (its GUI, where the rows go, the row and the
//! highlight colours) and nothing about what it ranks: applying one keeps
//! the board's stat, store, periods, numbers, timing and texts.
//!
//! Every look is checked on every device preset by the tests
//! (tests/it/looks.rs) with the layout engine's fit check (`layout::fit`).

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

use super::gui::{GuiNode, PropValue};
use super::leaderboard::{Display, Highlight, Leaderboard, Tabs, YouRow};
use super::periods::Period;
pub use parts::Room;

/// What a look's own row shows for {rank} when the player is beyond the
/// loaded top list ({top} is how many are shown).
pub const UNRANKED: &str = "{top}+";

/// The line over the list of a board that starts again (daily, weekly or
/// monthly).
pub const COUNTDOWN: &str = "{period} · ends in {resets}";
/// The same when one of its tabs is all time, which never ends.
pub const COUNTDOWN_BESIDE_ALL_TIME: &str = "⏱ {resets}";

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
    build: fn(Room) -> LookParts,
}

/// What a look gives a board.
#[derive(Debug, Clone, PartialEq)]
pub struct LookParts {
    pub gui: GuiNode,
    pub rows_in: String,
    pub row_template: GuiNode,
    pub highlight: Highlight,
    /// Where the tabs go (empty without room for tabs).
    pub tabs_in: String,
    /// One tab, reading {period}.
    pub tab: GuiNode,
    /// Where the player's own row goes (empty: after the list's rows).
    pub you_in: String,
}

impl Look {
    /// The look with room for what is asked.
    pub fn parts(&self, room: Room) -> LookParts {
        (self.build)(room)
    }

    /// The look as `board` wears it: with tabs when it shows several
    /// periods, and room for its "you" row when it has one.
    pub fn parts_for(&self, board: &Leaderboard) -> LookParts {
        self.parts(room_of(board))
    }

    /// Dresses `board` in this look. Only what players see changes: the
    /// GUI, the rows and their colours, and, for a look made for a part
    /// (or for screens), where the board shows. A board already on a part
    /// keeps its part's name. A board of several periods gets tabs.
    pub fn apply_to(&self, board: &mut Leaderboard) {
        self.dress(board, room_of(board));
    }

    /// Dresses `board` in this look again after its options changed, with
    /// room for what it shows now: tabs only if it has them (the designer
    /// may have turned them off on purpose), its own row if it has one,
    /// the time left if a period starts again.
    pub fn refit(&self, board: &mut Leaderboard) {
        self.dress(board, chosen_room(board));
    }

    fn dress(&self, board: &mut Leaderboard, room: Room) {
        let parts = self.parts(room);
        board.gui = parts.gui;
        board.rows_in = parts.rows_in;
        board.row_template = parts.row_template;
        board.highlight = parts.highlight;
        if let Some(you) = &mut board.you_row {
            you.goes_in = parts.you_in;
            // The default words don't fit a rank column; "100+" says the
            // same (beyond the top 100) in the room a rank has. Words the
            // designer wrote are kept.
            if you.unranked_text == YouRow::default().unranked_text {
                you.unranked_text = UNRANKED.into();
            }
        }
        board.tabs = room.tabs.then(|| Tabs {
            goes_in: parts.tabs_in,
            template: share_of_strip(parts.tab, board.periods.len()),
        });
        match (&board.display, self.on_part) {
            (Display::Screen, true) => board.display = Display::surface(DEFAULT_PART),
            (Display::Surface { .. }, false) => board.display = Display::Screen,
            _ => {}
        }
        if let Some(part) = board.display.part_size() {
            fit_canvas_to_face(&mut board.gui, part);
        }
    }

    /// The look whose GUI `board` has now, if it has not been changed
    /// since (so the gallery can mark it, and the editor can keep it
    /// fitting when options change).
    pub fn worn_by(board: &Leaderboard) -> Option<Look> {
        all().into_iter().find(|look| {
            [room_of(board), chosen_room(board)]
                .into_iter()
                .any(|room| {
                    let mut dressed = board.clone();
                    look.dress(&mut dressed, room);
                    dressed.gui == board.gui
                        && dressed.row_template == board.row_template
                        && dressed.rows_in == board.rows_in
                })
        })
    }

    /// The look `board`'s GUI was made from, when it was made without room
    /// for the tabs, the own row or the time left that the board shows now
    /// (turned on after the look was applied, then the GUI changed by
    /// hand, so re-applying it is the designer's call). Boards wearing a
    /// look unchanged, boards with room, and GUIs no look resembles give
    /// None.
    ///
    /// Resemblance is by geometry: the objects of each look, built with
    /// and without each room, whose path, class, position and size the
    /// board's GUI has too. Colours and texts the designer changed don't
    /// matter; a list still where it was before the room was made does.
    pub fn lacking_room(board: &Leaderboard) -> Option<Look> {
        if Look::worn_by(board).is_some() {
            return None;
        }
        let needed = chosen_room(board);
        let have = geometry(&board.gui);
        let mut rooms = vec![needed];
        for tabs in [false, true] {
            for you in [false, true] {
                for countdown in [None, needed.countdown] {
                    let room = Room {
                        tabs,
                        you,
                        countdown,
                    };
                    if !rooms.contains(&room) {
                        rooms.push(room);
                    }
                }
            }
        }
        let mut best: Option<(f32, Look, Room)> = None;
        for look in all() {
            for room in &rooms {
                let gui = look.parts(*room).gui;
                if gui.class != board.gui.class {
                    continue;
                }
                let theirs = geometry(&gui);
                let shared = theirs.iter().filter(|k| have.contains(*k)).count();
                let score = shared as f32 / theirs.len().max(have.len()).max(1) as f32;
                if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                    best = Some((score, look, *room));
                }
            }
        }
        let (score, look, room) = best?;
        // Below this it is the designer's own GUI, not a changed look.
        const RESEMBLES: f32 = 0.6;
        (score >= RESEMBLES
            && (room.tabs, room.you, room.countdown.is_some())
                != (needed.tabs, needed.you, needed.countdown.is_some()))
            .then_some(look)
    }
}

/// Where each object of `gui` is: its path, class, position and size.
fn geometry(gui: &GuiNode) -> std::collections::HashSet<String> {
    gui.walk()
        .into_iter()
        .map(|(path, node)| {
            format!(
                "{path}|{}|{:?}|{:?}",
                node.class,
                node.prop("Position"),
                node.prop("Size")
            )
        })
        .collect()
}

/// Gives a FixedSize SurfaceGui the shape of the part's face it goes on
/// (Roblox stretches the canvas over the face otherwise), keeping its
/// height; faces much wider or taller than a sign keep a readable width.
fn fit_canvas_to_face(gui: &mut GuiNode, part: [f32; 3]) {
    let Some(PropValue::Vector2(_, height)) = gui.prop("CanvasSize").cloned() else {
        return;
    };
    let face = match gui.prop("Face") {
        Some(PropValue::Enum(_, item)) => item.clone(),
        _ => "Front".into(),
    };
    let (face_w, face_h) = super::surface::face_size(part, &face);
    if face_w > 0.0 && face_h > 0.0 {
        let width = (height * face_w / face_h).round().clamp(600.0, 2400.0);
        gui.properties
            .insert("CanvasSize".into(), PropValue::Vector2(width, height));
    }
}

/// What `board` needs room for.
fn room_of(board: &Leaderboard) -> Room {
    let periodic = board.periods.iter().any(|p| *p != Period::AllTime);
    Room {
        // A board with tabs keeps them (the checks say when one period
        // leaves nothing to switch to).
        tabs: board.periods.len() > 1 || board.tabs.is_some(),
        you: board.you_row.is_some(),
        // {resets} is empty while all time is shown, so next to an
        // all-time tab the line is only a clock and the time.
        countdown: periodic.then_some(if board.periods.contains(&Period::AllTime) {
            COUNTDOWN_BESIDE_ALL_TIME
        } else {
            COUNTDOWN
        }),
    }
}

/// What `board` shows by the designer's choice: as [`room_of`], but tabs
/// only when it has them.
fn chosen_room(board: &Leaderboard) -> Room {
    Room {
        tabs: board.tabs.is_some(),
        ..room_of(board)
    }
}

/// A tab as wide as its share of the strip: `count` tabs 4 pixels apart.
fn share_of_strip(mut tab: GuiNode, count: usize) -> GuiNode {
    let n = count.max(1) as i32;
    let gaps = 4 * (n - 1);
    tab.properties.insert(
        "Size".into(),
        PropValue::udim2(1.0 / n as f32, -((gaps + n - 1) / n), 1.0, 0),
    );
    tab
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
