//! The gallery of ready-made leaderboard looks: pick one for a new board,
//! or dress an existing board in one. Each look is previewed by the
//! canvas's painter on a device the designer picks.

use egui::{RichText, Ui, vec2};

use super::canvas::board_thumbnail;
use super::edit::{Edit, unique_name};
use super::state::template;
use crate::layout::Device;
use crate::project::looks::{self, Look};
use crate::project::{FieldType, Leaderboard, Project};

/// Which board a look is picked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookFor {
    /// A board that doesn't exist yet: picking a look adds it.
    NewBoard,
    /// The board at this index: picking a look changes its GUI.
    Board(usize),
}

/// Size of one preview, in points.
const THUMB: egui::Vec2 = vec2(260.0, 190.0);
const COLUMNS: usize = 3;

/// The gallery's own state: whether it is open and on which device its
/// previews are drawn.
pub struct LookGallery {
    pub open: Option<LookFor>,
    /// Index into [`Device::presets`].
    pub device: usize,
}

impl Default for LookGallery {
    fn default() -> Self {
        LookGallery {
            open: None,
            // The laptop: boards show at about the size people know them.
            device: 1,
        }
    }
}

/// What picking a look comes to: the edit, and the board to select after.
pub struct Picked {
    pub edit: Edit,
    pub board: usize,
}

impl LookGallery {
    /// Draws the gallery while it is open; returns the edit of the look
    /// picked, if one was.
    pub fn show(&mut self, ctx: &egui::Context, project: &Project) -> Option<Picked> {
        let target = self.open?;
        let sample = match target {
            LookFor::NewBoard => new_board(project)?,
            LookFor::Board(b) => project.leaderboards.get(b)?.clone(),
        };
        let worn = Look::worn_by(&sample).map(|l| l.id);
        let mut picked = None;
        let mut cancelled = false;
        let modal = egui::Modal::new(egui::Id::unique("look-gallery")).show(ctx, |ui| {
            ui.set_max_width(COLUMNS as f32 * (THUMB.x + 16.0));
            ui.heading(match target {
                LookFor::NewBoard => "Pick a look for the new leaderboard".to_string(),
                LookFor::Board(_) => format!("Pick a look for {}", sample.name),
            });
            ui.label(
                "A look is only what players see: the panel, its rows and their colours. \
                 The stat, the periods, how numbers are shown, how often it updates and the \
                 other settings stay as they are, and Undo takes the change back.",
            );
            ui.horizontal(|ui| {
                ui.label("Preview on");
                let presets = Device::presets();
                let current = presets[self.device.min(presets.len() - 1)].label;
                egui::ComboBox::from_id_salt("look-gallery-device")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for (i, d) in presets.iter().enumerate() {
                            ui.selectable_value(&mut self.device, i, d.label);
                        }
                    })
                    .response
                    .accessible_name("Preview on");
            });
            ui.add_space(6.0);
            let device = {
                let presets = Device::presets();
                presets[self.device.min(presets.len() - 1)].clone()
            };
            // A fixed height: a scroll area that grows frame by frame would
            // move the buttons under the pointer.
            let height = (ctx.content_rect().height() - 220.0).max(THUMB.y);
            egui::ScrollArea::vertical()
                .min_scrolled_height(height)
                .max_height(height)
                .show(ui, |ui| {
                    if let Some(look) = grid(ui, &sample, &device, worn) {
                        picked = Some(look);
                    }
                });
            ui.add_space(6.0);
            if ui.button("Cancel").clicked() {
                cancelled = true;
            }
        });
        if cancelled || modal.should_close() {
            self.open = None;
        }
        let look = picked?;
        self.open = None;
        Some(match target {
            LookFor::NewBoard => {
                let mut board = sample;
                look.apply_to(&mut board);
                let index = project.leaderboards.len();
                Picked {
                    edit: Edit::new(
                        format!("add leaderboard {} ({})", board.name, look.title),
                        move |p| p.leaderboards.push(board),
                    ),
                    board: index,
                }
            }
            LookFor::Board(b) => Picked {
                edit: Edit::new(
                    format!("give {} the look {}", sample.name, look.title),
                    move |p| {
                        if let Some(board) = p.leaderboards.get_mut(b) {
                            look.apply_to(board);
                        }
                    },
                ),
                board: b,
            },
        })
    }
}

/// Every look dressed on `board` and previewed on `device`, three to a
/// row; returns the look whose button was pressed. `worn`: the id of the
/// look the board has now.
pub fn grid(ui: &mut Ui, board: &Leaderboard, device: &Device, worn: Option<&str>) -> Option<Look> {
    let mut picked = None;
    egui::Grid::new("look-gallery-grid")
        .spacing(vec2(16.0, 16.0))
        .show(ui, |ui| {
            for (i, look) in looks::all().into_iter().enumerate() {
                if tile(ui, &look, board, device, worn == Some(look.id)) {
                    picked = Some(look);
                }
                if i % COLUMNS == COLUMNS - 1 {
                    ui.end_row();
                }
            }
        });
    picked
}

/// One look: its preview, what it is, and the button that picks it.
fn tile(ui: &mut Ui, look: &Look, board: &Leaderboard, device: &Device, worn: bool) -> bool {
    let mut dressed = board.clone();
    look.apply_to(&mut dressed);
    let mut clicked = false;
    ui.vertical(|ui| {
        ui.set_width(THUMB.x);
        board_thumbnail(ui, &dressed, device, THUMB).on_hover_text(look.about);
        ui.horizontal(|ui| {
            ui.label(RichText::new(look.title).strong());
            if worn {
                ui.label(RichText::new("✔ in use").weak());
            }
        });
        ui.add(egui::Label::new(RichText::new(look.about).small()).wrap());
        let button = ui
            .button("Use this look")
            .on_hover_text(format!("Give the leaderboard the look {}", look.title));
        let button = button.accessible_name(format!("Use the look {}", look.title));
        clicked = button.clicked();
    });
    clicked
}

/// The leaderboard the ➕ button adds: the template's, ranking the first
/// saved whole-number field, with a name and store no other board has.
pub fn new_board(project: &Project) -> Option<Leaderboard> {
    let mut board = template("global-leaderboard")?
        .leaderboards
        .into_iter()
        .next()?;
    if let Some(stat) = project
        .schema
        .fields
        .iter()
        .find(|f| f.ty == FieldType::Integer && f.saved)
    {
        board.stat = stat.name.clone();
        board.name = format!("Top{}", stat.name);
        board.ordered_datastore = format!("{}Leaderboard", stat.name);
    }
    let names = project.leaderboards.iter().map(|l| l.name.as_str());
    board.name = unique_name(&board.name, names);
    let stores = project
        .leaderboards
        .iter()
        .map(|l| l.ordered_datastore.as_str());
    board.ordered_datastore = unique_name(&board.ordered_datastore, stores);
    Some(board)
}
