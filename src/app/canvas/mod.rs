//! The canvas in the middle: a leaderboard's GUI laid out by the layout
//! engine on a chosen device, filled with sample rows and painted as Roblox
//! would draw it. Click an object to select it; drag it to move it or its
//! handles to resize it; zoom, pan, and save what is drawn as a PNG.

mod export;
mod gesture;
mod overlay;
mod paint;
mod pointer;
pub mod snapping;
mod thumbnail;
pub mod view;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{Color32, FontFamily, Pos2, Rect, Sense, Ui, Vec2, vec2};

pub use export::{crop, write_png};
pub use gesture::{Guide, Handle, SNAP_REACH};
pub use thumbnail::board_thumbnail;
use view::{MAX_ZOOM, MIN_ZOOM, Turn, View, ZOOM_STEPS};

use super::{PanelCtx, Request, Selection};
use crate::layout::{self, Device, FontId, Layout, LayoutOptions, fill_rows, sample_entries};

use crate::project::classes;
use crate::project::data_status::DataState;
use crate::project::gui::{GuiNode, PropValue, UDim};
use crate::project::gui_addr::{DATA_STATUS_BOARD, node_at};
use crate::project::{GuiAddr, GuiPart, Project};

/// Space around the device on the canvas, in points.
const MARGIN: f32 = 16.0;
/// How long to wait for the screenshot of a "Save preview as PNG…".
const CAPTURE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);
/// The value of the first sample row.
const TOP_VALUE: i64 = 1_250_000;

/// The egui font family that draws a bundled font.
pub fn font_family(font: FontId) -> FontFamily {
    FontFamily::Name(
        format!(
            "{}{}",
            font.family.name(),
            if font.bold { " Bold" } else { "" }
        )
        .into(),
    )
}

/// Registers every bundled font with egui under [`font_family`]'s name,
/// falling back to egui's own fonts for missing glyphs.
pub fn install_fonts(ctx: &egui::Context) {
    let mut defs = egui::FontDefinitions::default();
    let fallback = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for family in layout::Family::ALL {
        for bold in [false, true] {
            let font = FontId { family, bold };
            let name = font.file().to_string();
            defs.font_data.insert(
                name.clone(),
                std::sync::Arc::new(egui::FontData::from_static(font.data())),
            );
            let mut list = vec![name];
            list.extend(fallback.iter().cloned());
            defs.families.insert(font_family(font), list);
        }
    }
    ctx.set_fonts(defs);
}

/// A "Save preview as PNG…" on its way: a clean frame is drawn, captured,
/// then cropped to the device and written.
enum Capture {
    Idle,
    /// Draw the next frame without selection marks and ask for a screenshot.
    Requested(PathBuf),
    Waiting {
        path: PathBuf,
        /// The device on the screen, in points, cut to what is visible.
        rect: Rect,
        /// Whether part of the device was outside the canvas.
        partial: bool,
        /// When the screenshot was asked for (egui time, seconds).
        since: f64,
        shot: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    },
}

/// The canvas's own settings and what it drew last (for tests).
pub struct Canvas {
    /// Index into [`Device::presets`].
    pub device: usize,
    /// Sample entries shown (0: the empty state).
    pub rows: u32,
    /// Which state the data-status GUI is previewed in.
    pub status_state: DataState,
    pub show_bounds: bool,
    /// Points per Roblox pixel chosen by the designer; None fits the device
    /// in the panel.
    pub zoom: Option<f32>,
    /// How far the device is moved from the middle of the panel, in points.
    pub pan: Vec2,
    /// Drags change the Scale part of Position and Size (else the Offset).
    pub edit_scale: bool,
    /// Drags snap to the parent's and siblings' edges and centres.
    pub snap: bool,
    /// Points per Roblox pixel, as last drawn.
    pub scale: f32,
    /// Where the device screen's top-left corner was last drawn.
    pub origin: Pos2,
    /// The layout last drawn.
    pub layout: Option<Layout>,
    /// How many outlines "Show layout bounds" drew last frame.
    pub bounds_drawn: usize,
    /// The snap guides of the drag in progress.
    pub guides: Vec<gesture::Guide>,
    /// The drawn copy of the selected object the designer last pressed on
    /// (a row template object is drawn once per row).
    focus: Option<String>,
    gesture: Option<gesture::Gesture>,
    /// Why the object being dragged can't move.
    blocked: Option<String>,
    /// A zoom chosen in the toolbar, applied around the panel's middle once
    /// the panel's size is known. `Some(None)`: fit.
    zoom_request: Option<Option<f32>>,
    capture: Capture,
    /// Pixels per point when the screenshot was asked for.
    capture_ppp: f32,
    /// The outcome of a save, for the app to show: (is_error, text).
    notice: Option<(bool, String)>,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            device: 0,
            rows: 10,
            status_state: DataState::Loading,
            show_bounds: false,
            zoom: None,
            pan: Vec2::ZERO,
            edit_scale: false,
            snap: true,
            scale: 1.0,
            origin: Pos2::ZERO,
            layout: None,
            bounds_drawn: 0,
            guides: Vec::new(),
            focus: None,
            gesture: None,
            blocked: None,
            zoom_request: None,
            capture: Capture::Idle,
            capture_ppp: 1.0,
            notice: None,
        }
    }
}

/// One frame's layout with what the canvas needs to draw and hit-test it.
struct Scene<'a> {
    laid: Layout,
    sources: HashMap<String, Source<'a>>,
    turns: Vec<Turn>,
    view: View,
    /// How a SurfaceGui's canvas is stretched onto its part ((1, 1) for a
    /// screen, or a canvas of the face's shape).
    stretch: layout::Vec2,
    /// The part face a SurfaceGui board is previewed on.
    surface: Option<layout::surface::SurfaceFit>,
}
/// Which source object each laid-out path comes from.
struct Source<'a> {
    node: &'a GuiNode,
    addr: GuiAddr,
}

fn map_sources<'a>(
    node: &'a GuiNode,
    name_path: String,
    addr: GuiAddr,
    holders: &[(&[usize], usize, GuiPart)],
    out: &mut HashMap<String, Source<'a>>,
) {
    for (i, child) in node.children.iter().enumerate() {
        let child_path = format!("{name_path}/{}", child.name);
        // Copies the game adds after the designed children (rows, tabs) stand for their template.
        let copy_of = holders.iter().find(|(h, count, _)| {
            addr.part == GuiPart::Gui && *h == addr.path.as_slice() && i >= *count
        });
        let child_addr = match copy_of {
            Some((_, _, part)) => GuiAddr::root(addr.board, *part),
            None => addr.child(i),
        };
        map_sources(child, child_path, child_addr, holders, out);
    }
    out.entry(name_path).or_insert(Source { node, addr });
}

/// Child indices of the object at a path of names.
fn indices_of(root: &GuiNode, names: &str) -> Option<Vec<usize>> {
    let mut node = root;
    let mut out = Vec::new();
    for part in names.split('/').filter(|p| !p.is_empty()) {
        let i = node.children.iter().position(|c| c.name == part)?;
        out.push(i);
        node = &node.children[i];
    }
    Some(out)
}

fn prop(node: &GuiNode, name: &str) -> Option<PropValue> {
    node.prop(name).cloned().or_else(|| {
        classes::class(&node.class)?
            .property(name)
            .map(|p| p.default.clone())
    })
}

fn float(node: &GuiNode, name: &str, default: f32) -> f32 {
    match prop(node, name) {
        Some(PropValue::Float(f)) => f,
        Some(PropValue::Int(i)) => i as f32,
        _ => default,
    }
}

fn color(node: &GuiNode, name: &str, default: (u8, u8, u8), transparency: f32) -> Color32 {
    let (r, g, b) = match prop(node, name) {
        Some(PropValue::Color3(r, g, b)) => (r, g, b),
        _ => default,
    };
    let alpha = ((1.0 - transparency).clamp(0.0, 1.0) * 255.0).round() as u8;
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// The pages UIPageLayouts show: the one holding the selection, so
/// selecting a page (or anything on it) brings it into view; the others
/// show their first page, as in game.
fn pages_to_show(
    gui: &GuiNode,
    sources: &HashMap<String, Source<'_>>,
    selection: &Selection,
    b: usize,
) -> Vec<(String, String)> {
    let Some(addr) = selection.gui_addr().filter(|a| a.board == b) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, _) in sources.iter().filter(|(_, s)| s.addr == addr) {
        let mut parts = path.split('/');
        let (Some(root), mut node) = (parts.next(), gui) else {
            continue;
        };
        let mut at = root.to_string();
        for part in parts {
            if node.children.iter().any(|c| c.class == "UIPageLayout") {
                out.push((at.clone(), part.to_string()));
            }
            let Some(child) = node.children.iter().find(|c| c.name == part) else {
                break;
            };
            node = child;
            at = format!("{at}/{part}");
        }
    }
    out
}

/// Why an object can't be dragged, if it can't.
fn locked_reason(project: &Project, addr: &GuiAddr) -> Option<String> {
    let Some(parent) = addr.parent() else {
        return Some(match addr.part {
            GuiPart::Gui | GuiPart::DataStatus => "The GUI's root fills the screen, so it can't be dragged.".into(),
            GuiPart::RowTemplate => "Rows are placed one under another by the leaderboard's list, so a row can't be dragged. Change the list's padding or the row's Size instead.".into(),
            GuiPart::TabTemplate => "Tabs are placed one after another where the tabs go, so a tab can't be dragged. Give that object a list layout with padding, or change the tab's Size instead.".into(),
        });
    };
    let parent = parent.node(project)?;
    parent
        .children
        .iter()
        .find(|c| matches!(c.class.as_str(), "UIListLayout" | "UIGridLayout"))
        .map(|l| {
            format!(
                "{} places everything inside {}, so this can't be dragged. Change its LayoutOrder, or the {}'s padding and alignment.",
                l.name, parent.name, l.class
            )
        })
}

fn udim2(node: &GuiNode, name: &str) -> (UDim, UDim) {
    match prop(node, name) {
        Some(PropValue::UDim2(x, y)) => (x, y),
        _ => (UDim(0.0, 0), UDim(0.0, 0)),
    }
}

impl Canvas {
    /// Where a point in Roblox screen pixels is on the egui screen.
    pub fn to_screen(&self, x: f32, y: f32) -> Pos2 {
        self.view().to_screen(Pos2::new(x, y))
    }

    fn view(&self) -> View {
        View {
            scale: self.scale,
            origin: self.origin,
        }
    }

    pub fn device(&self) -> Device {
        let presets = Device::presets();
        presets[self.device.min(presets.len() - 1)].clone()
    }

    /// Starts saving the device as drawn to a PNG at `path`; the result is
    /// told through [`Canvas::take_notice`].
    pub fn save_preview_to(&mut self, mut path: PathBuf, ctx: &egui::Context) {
        if path.extension().is_none() {
            path.set_extension("png");
        }
        self.capture = Capture::Requested(path);
        ctx.request_repaint();
    }

    /// What the last save of the preview came to, once.
    pub fn take_notice(&mut self) -> Option<(bool, String)> {
        self.finish_capture();
        self.notice.take()
    }

    /// Writes the screenshot once it has arrived.
    fn finish_capture(&mut self) {
        let Capture::Waiting {
            path,
            rect,
            partial,
            shot,
            ..
        } = &self.capture
        else {
            return;
        };
        let Some(image) = shot.lock().ok().and_then(|mut s| s.take()) else {
            return;
        };
        // The screenshot's pixels per point: its width over the window's.
        let ppp = self.capture_ppp.max(0.01);
        self.notice = Some(match export::crop(&image, *rect, ppp) {
            None => (
                true,
                "Could not save the preview: the device is not on the screen. Press Fit and try again.".into(),
            ),
            Some(png) => match export::write_png(&png, path) {
                Ok(()) => (
                    false,
                    format!(
                        "Saved the preview ({}×{} pixels) to {}.{}",
                        png.width(),
                        png.height(),
                        path.display(),
                        if *partial {
                            " Only the part of the device visible on the canvas was saved; press Fit to save all of it."
                        } else {
                            ""
                        }
                    ),
                ),
                Err(why) => (
                    true,
                    format!("Could not save the preview: {why}. Nothing was saved."),
                ),
            },
        });
        self.capture = Capture::Idle;
    }

    /// `top`: a leaderboard's number of players, for its sample rows;
    /// `save`: what "Save preview as PNG…" asks for.
    fn toolbar(
        &mut self,
        ui: &mut Ui,
        top: Option<u32>,
        requests: &mut Vec<Request>,
        save: Request,
    ) {
        // Wrapped, so a narrow canvas (a wide settings panel) keeps every control.
        ui.horizontal_wrapped(|ui| {
            let presets = Device::presets();
            let current = self.device();
            let label = ui.label("Device");
            egui::ComboBox::from_id_salt("canvas-device")
                .selected_text(current.label)
                .show_ui(ui, |ui| {
                    for (i, d) in presets.iter().enumerate() {
                        ui.selectable_value(
                            &mut self.device,
                            i,
                            format!("{} ({}×{})", d.label, d.width, d.height),
                        );
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("The screen to preview the GUI on");
            ui.separator();
            match top {
                Some(top) => {
                    let label = ui.label("Sample rows");
                    ui.add(egui::DragValue::new(&mut self.rows).range(0..=top.max(1)))
                        .labelled_by(label.id)
                        .on_hover_text("How many made-up players fill the list (0 shows the empty list)");
                }
                None => {
                    ui.label("Show");
                    for state in DataState::ALL {
                        ui.radio_value(&mut self.status_state, state, state.label())
                            .on_hover_text(match state {
                                DataState::Loading => "What players see while their data loads",
                                DataState::ReadOnly => "What players see all session when their data couldn't be loaded and isn't saved",
                            });
                    }
                }
            }
            ui.separator();
            self.zoom_menu(ui);
            ui.separator();
            let busy = !matches!(self.capture, Capture::Idle);
            if ui
                .add_enabled(!busy, egui::Button::new("Save preview as PNG…"))
                .on_hover_text("Save the screen as drawn now, at this zoom, as a PNG picture")
                .clicked()
            {
                requests.push(save.clone());
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Drags change");
            ui.radio_value(&mut self.edit_scale, false, "Offset (pixels)")
                .on_hover_text("Moving and resizing change the pixel part (Offset) of Position and Size, so the object keeps its size in pixels on every screen");
            ui.radio_value(&mut self.edit_scale, true, "Scale (share of parent)")
                .on_hover_text("Moving and resizing change the fraction-of-the-parent part (Scale) of Position and Size, so the object grows and shrinks with the screen");
            ui.separator();
            ui.checkbox(&mut self.snap, "Snap")
                .on_hover_text("Line objects up with their parent's and neighbours' edges and middles while dragging (hold Alt to drag freely)");
            ui.checkbox(&mut self.show_bounds, "Show layout bounds")
                .on_hover_text("Outline every object's box, to see where each one really is: orange is the selection, pink its parent");
        });
    }

    fn zoom_menu(&mut self, ui: &mut Ui) {
        let label = ui.label("Zoom");
        egui::ComboBox::from_id_salt("canvas-zoom")
            .selected_text(match self.zoom {
                None => "Fit".to_string(),
                Some(z) => format!("{:.0} %", z * 100.0),
            })
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(self.zoom.is_none(), "Fit")
                    .on_hover_text("Fit the whole screen in the panel, in the middle")
                    .clicked()
                {
                    self.zoom_request = Some(None);
                }
                for z in ZOOM_STEPS {
                    if ui
                        .selectable_label(self.zoom == Some(z), format!("{:.0} %", z * 100.0))
                        .on_hover_text(format!(
                            "Draw each Roblox pixel {} points wide, keeping the middle of the view in place",
                            z
                        ))
                        .clicked()
                    {
                        self.zoom_request = Some(Some(z));
                    }
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("How big the screen is drawn; 100 % draws one Roblox pixel as one point. Ctrl+wheel or pinch zooms around the pointer; drag empty space, middle-drag or Space+drag to pan");
    }

    /// Leaderboard `b`'s GUI, filled with sample rows.
    pub fn show(&mut self, ui: &mut Ui, ctx: &mut PanelCtx<'_>, b: usize) {
        let Some(board) = ctx.project.leaderboards.get(b) else {
            return;
        };
        self.toolbar(
            ui,
            Some(board.top),
            ctx.requests,
            Request::SavePreviewPng(b),
        );
        self.hint(ui);

        let device = self.device();
        let entries = sample_entries(self.rows, TOP_VALUE);
        let mut gui = fill_rows(board, &entries, board.number_format);
        // Tabs, {period}, {resets} and the player's own row, as the game shows them.
        layout::preview_ranking(board, &mut gui, &entries);
        let holder = |path: &str, part: GuiPart| {
            let at = indices_of(&board.gui, path)?;
            let count = node_at(&board.gui, &at).map_or(0, |n| n.children.len());
            Some((at, count, part))
        };
        let holders: Vec<(Vec<usize>, usize, GuiPart)> = [
            holder(&board.rows_in, GuiPart::RowTemplate),
            board
                .tabs
                .as_ref()
                .and_then(|t| holder(&t.goes_in, GuiPart::TabTemplate)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let holders: Vec<(&[usize], usize, GuiPart)> = holders
            .iter()
            .map(|(at, count, part)| (at.as_slice(), *count, *part))
            .collect();
        let mut sources = HashMap::new();
        map_sources(
            &gui,
            gui.name.clone(),
            GuiAddr::root(b, GuiPart::Gui),
            &holders,
            &mut sources,
        );
        let empty = (self.rows == 0).then(|| {
            (
                format!("{}/{}", board.gui.name, board.rows_in),
                board.empty_text.clone(),
            )
        });
        self.draw(
            ui,
            ctx,
            &gui,
            sources,
            &device,
            b,
            Selection::Leaderboard(b),
            empty,
        );
    }

    /// The data-status GUI in the state chosen in the toolbar.
    pub fn show_data_status(&mut self, ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
        self.toolbar(ui, None, ctx.requests, Request::SaveDataStatusPng);
        self.hint(ui);
        let device = self.device();
        let project = ctx.project;
        let gui = project
            .data_status
            .showing(self.status_state, &project.save_policy.messages);
        let mut sources = HashMap::new();
        map_sources(
            &gui,
            gui.name.clone(),
            GuiAddr::data_status(Vec::new()),
            &[],
            &mut sources,
        );
        self.draw(
            ui,
            ctx,
            &gui,
            sources,
            &device,
            DATA_STATUS_BOARD,
            Selection::DataStatus,
            None,
        );
    }

    fn hint(&self, ui: &mut Ui) {
        if let Some(why) = &self.blocked {
            ui.colored_label(ui.visuals().warn_fg_color, format!("🔒 {why}"));
        } else {
            ui.weak("Click an object to select it; drag it to move it, or its handles to resize it. Hold Alt to drag without snapping.");
        }
        ui.separator();
    }

    /// Lays out `gui`, paints it and handles the pointer. `home` is selected
    /// by a click on empty space; `empty` names the laid-out path of a list
    /// and the text drawn in it while it has no rows.
    #[allow(clippy::too_many_arguments)]
    fn draw(
        &mut self,
        ui: &mut Ui,
        ctx: &mut PanelCtx<'_>,
        gui: &GuiNode,
        sources: HashMap<String, Source<'_>>,
        device: &Device,
        b: usize,
        home: Selection,
        empty: Option<(String, String)>,
    ) {
        let options = LayoutOptions {
            current_pages: pages_to_show(gui, &sources, ctx.selection, b),
            ..LayoutOptions::default()
        };
        // A board on a part is previewed on the part's face, at its shape.
        let part = ctx
            .project
            .leaderboards
            .get(b)
            .and_then(|board| board.display.part_size())
            .filter(|_| gui.class == "SurfaceGui" && matches!(home, Selection::Leaderboard(_)));
        let (laid, surface) = match part {
            Some(part) => {
                let (laid, fit) = layout::surface::layout_on_part(gui, device, &options, part);
                (laid, Some(fit))
            }
            None => (layout::layout(gui, device, &options), None),
        };
        let (space, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
        let response = ui.interact(
            space,
            egui::Id::unique("canvas-surface"),
            Sense::click_and_drag(),
        );
        self.update_view(ui, &response, space, laid.screen);
        let turns = view::turns(&laid);
        let scene = Scene {
            laid,
            sources,
            turns,
            view: self.view(),
            stretch: surface.map_or(layout::Vec2::new(1.0, 1.0), |f| f.stretch),
            surface,
        };

        let painter = ui.painter_at(space);
        paint::scene(&painter, &scene, device, empty.as_ref());
        self.interact(&response, &scene, ctx, b, home);

        let clean = !matches!(self.capture, Capture::Idle);
        if !clean {
            let selected = self.selected_nodes(&scene, ctx.selection, b);
            let focus = self.focus_node(&scene, &selected);
            let handles = focus.is_some_and(|f| {
                let s = &scene.sources[&scene.laid.nodes[f].path];
                locked_reason(ctx.project, &s.addr).is_none()
            });
            let accent = ui.visuals().selection.stroke.color;
            self.overlays(&painter, &scene, &selected, focus, handles, accent);
        }
        self.blocked_tooltip(&response);
        if let Capture::Requested(path) = &self.capture {
            let device_rect = scene.view.rect(layout::Rect::new(
                0.0,
                0.0,
                scene.laid.screen.x,
                scene.laid.screen.y,
            ));
            let rect = device_rect.intersect(space);
            let partial = rect != device_rect;
            let shot = Arc::new(Mutex::new(None));
            let slot = Arc::clone(&shot);
            let repaint = ui.ctx().clone();
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Screenshot(
                    egui::ScreenshotCallback::new(move |image| {
                        if let Ok(mut s) = slot.lock() {
                            *s = Some(image);
                        }
                        repaint.request_repaint();
                    }),
                ));
            self.capture_ppp = ui.ctx().pixels_per_point();
            self.capture = Capture::Waiting {
                path: path.clone(),
                rect,
                partial,
                since: ui.input(|i| i.time),
                shot,
            };
            ui.ctx().request_repaint_after(CAPTURE_TIMEOUT);
        } else if let Capture::Waiting { since, .. } = &self.capture
            && ui.input(|i| i.time) - since > CAPTURE_TIMEOUT.as_secs_f64()
        {
            // Some graphics drivers never answer; don't leave the button disabled.
            self.capture = Capture::Idle;
            self.notice = Some((
                true,
                "Could not save the preview: the window's picture could not be taken. Nothing was saved.".into(),
            ));
        }
        self.layout = Some(scene.laid);
    }

    /// Applies the zoom and pan asked for this frame and places the device.
    fn update_view(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        space: Rect,
        screen: layout::Vec2,
    ) {
        let screen = vec2(screen.x, screen.y);
        let fit = ((space.width() - 2.0 * MARGIN) / screen.x)
            .min((space.height() - 2.0 * MARGIN) / screen.y)
            .max(0.01);
        let centred = |scale: f32| space.center() - screen * scale * 0.5;
        let old = self.zoom.unwrap_or(fit);
        let origin = centred(old) + self.pan;
        let zoom_at = |canvas: &mut Canvas, new: Option<f32>, pointer: Pos2| {
            let new_scale = new.unwrap_or(fit).clamp(MIN_ZOOM, MAX_ZOOM);
            let o = view::zoom_origin(origin, pointer, old, new_scale);
            canvas.zoom = new.map(|_| new_scale);
            canvas.pan = o - centred(new_scale);
        };
        match self.zoom_request.take() {
            // Fit also brings the device back to the middle.
            Some(None) => {
                self.zoom = None;
                self.pan = Vec2::ZERO;
            }
            Some(Some(z)) => zoom_at(self, Some(z), space.center()),
            None => {}
        }
        if let Some(pointer) = response.hover_pos() {
            let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
            if zoom != 1.0 {
                zoom_at(self, Some(old * zoom), pointer);
            } else if scroll != Vec2::ZERO {
                self.pan += scroll;
            }
        }
        self.scale = self.zoom.unwrap_or(fit);
        self.origin = centred(self.scale) + self.pan;
    }
}
