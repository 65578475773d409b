//! The canvas in the middle: a leaderboard's GUI laid out by the layout
//! engine on a chosen device, filled with sample rows and painted as Roblox
//! would draw it. Click an object to select it; drag it to move it.

use std::collections::HashMap;

use egui::{
    Align2, Color32, CornerRadius, FontFamily, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, vec2,
};

use super::edit::Edit;
use super::project_tree::{gui_node, gui_node_mut};
use super::state::GuiPart;
use super::{PanelCtx, Selection};
use crate::layout::{self, Device, FontId, Layout, LayoutOptions, fill_rows, sample_entries};
use crate::project::classes;
use crate::project::gui::{GuiNode, PropValue, UDim};

/// Space around the device on the canvas, in points.
const MARGIN: f32 = 16.0;
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

/// A drag of a GUI object in progress.
struct Drag {
    board: usize,
    part: GuiPart,
    path: Vec<usize>,
    /// Position when the drag started.
    start: (UDim, UDim),
}

/// The canvas's own settings and what it drew last (for tests).
pub struct Canvas {
    /// Index into [`Device::presets`].
    pub device: usize,
    /// Sample entries shown (0: the empty state).
    pub rows: u32,
    pub show_bounds: bool,
    /// 1.0 fits the device in the panel.
    pub zoom: f32,
    /// Points per Roblox pixel, as last drawn.
    pub scale: f32,
    /// Where the device screen's top-left corner was last drawn.
    pub origin: Pos2,
    /// The layout last drawn.
    pub layout: Option<Layout>,
    drag: Option<Drag>,
    /// Why the object being dragged can't move.
    blocked: Option<String>,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            device: 0,
            rows: 10,
            show_bounds: false,
            zoom: 1.0,
            scale: 1.0,
            origin: Pos2::ZERO,
            layout: None,
            drag: None,
            blocked: None,
        }
    }
}

/// Which source object each laid-out path comes from.
struct Source<'a> {
    node: &'a GuiNode,
    part: GuiPart,
    path: Vec<usize>,
}

fn map_sources<'a>(
    node: &'a GuiNode,
    name_path: String,
    part: GuiPart,
    path: Vec<usize>,
    holder: Option<(&[usize], usize)>,
    out: &mut HashMap<String, Source<'a>>,
) {
    for (i, child) in node.children.iter().enumerate() {
        let child_path = format!("{name_path}/{}", child.name);
        let (child_part, child_idx) = match holder {
            Some((h, count)) if part == GuiPart::Gui && h == path.as_slice() && i >= count => {
                (GuiPart::RowTemplate, Vec::new())
            }
            _ => {
                let mut p = path.clone();
                p.push(i);
                (part, p)
            }
        };
        map_sources(child, child_path, child_part, child_idx, holder, out);
    }
    out.entry(name_path).or_insert(Source { node, part, path });
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

/// Why an object can't be dragged, if it can't.
fn locked_reason(
    board: &crate::project::Leaderboard,
    part: GuiPart,
    path: &[usize],
) -> Option<String> {
    let Some((_, parent_path)) = path.split_last() else {
        return Some(match part {
            GuiPart::Gui => "The GUI's root fills the screen, so it can't be dragged.".into(),
            GuiPart::RowTemplate => "Rows are placed one under another by the leaderboard's list, so a row can't be dragged. Change the list's padding or the row's Size instead.".into(),
        });
    };
    let parent = gui_node(board, part, parent_path)?;
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
        self.origin + vec2(x, y) * self.scale
    }

    fn rect(&self, r: layout::Rect) -> Rect {
        Rect::from_min_size(self.to_screen(r.x, r.y), vec2(r.w, r.h) * self.scale)
    }

    pub fn device(&self) -> Device {
        let presets = Device::presets();
        presets[self.device.min(presets.len() - 1)].clone()
    }

    fn toolbar(&mut self, ui: &mut Ui, top: u32) {
        ui.horizontal(|ui| {
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
                .on_hover_text("The screen to preview the leaderboard on");
            ui.separator();
            let label = ui.label("Sample rows");
            ui.add(egui::DragValue::new(&mut self.rows).range(0..=top.max(1)))
                .labelled_by(label.id)
                .on_hover_text("How many made-up players fill the list (0 shows the empty list)");
            ui.separator();
            ui.checkbox(&mut self.show_bounds, "Show layout bounds")
                .on_hover_text("Outline every object's box, to see where each one really is");
            ui.separator();
            let label = ui.label("Zoom");
            let mut percent = self.zoom * 100.0;
            if ui
                .add(
                    egui::DragValue::new(&mut percent)
                        .range(10.0..=800.0)
                        .suffix(" %")
                        .max_decimals(0),
                )
                .labelled_by(label.id)
                .on_hover_text("100 % fits the whole screen in the panel")
                .changed()
            {
                self.zoom = percent / 100.0;
            }
            if ui
                .button("Fit")
                .on_hover_text("Fit the whole screen in the panel")
                .clicked()
            {
                self.zoom = 1.0;
            }
        });
    }

    pub fn show(&mut self, ui: &mut Ui, ctx: &mut PanelCtx<'_>, b: usize) {
        let Some(board) = ctx.project.leaderboards.get(b) else {
            return;
        };
        self.toolbar(ui, board.top);
        if let Some(why) = &self.blocked {
            ui.colored_label(ui.visuals().warn_fg_color, format!("🔒 {why}"));
        } else {
            ui.weak("Click an object to select it; drag it to move it.");
        }
        ui.separator();

        let device = self.device();
        let entries = sample_entries(self.rows, TOP_VALUE);
        let gui = fill_rows(board, &entries, board.number_format);
        let laid = layout::layout(&gui, &device, &LayoutOptions::default());
        let holder = indices_of(&board.gui, &board.rows_in);
        let holder_count = holder
            .as_deref()
            .and_then(|h| gui_node(board, GuiPart::Gui, h))
            .map_or(0, |n| n.children.len());
        let mut sources = HashMap::new();
        map_sources(
            &gui,
            gui.name.clone(),
            GuiPart::Gui,
            Vec::new(),
            holder.as_deref().map(|h| (h, holder_count)),
            &mut sources,
        );

        let avail = ui.available_size();
        let fit = ((avail.x - 2.0 * MARGIN) / laid.screen.x)
            .min((avail.y - 2.0 * MARGIN) / laid.screen.y)
            .max(0.01);
        let scale = fit * self.zoom;
        let size = vec2(laid.screen.x, laid.screen.y) * scale + vec2(2.0, 2.0) * MARGIN;

        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let (space, _) = ui.allocate_exact_size(size.max(avail), Sense::hover());
                let response = ui.interact(
                    space,
                    egui::Id::unique("canvas-surface"),
                    Sense::click_and_drag(),
                );
                let offset = ((space.size() - size) * 0.5).max(vec2(0.0, 0.0));
                self.scale = scale;
                self.origin = space.min + offset + vec2(MARGIN, MARGIN);
                self.paint(ui, &laid, &sources, ctx, b, &device);
                self.interact(&response, &laid, &sources, ctx, b);
            });
        self.layout = Some(laid);
    }

    /// The topmost selectable object at a point on the egui screen.
    fn hit(&self, laid: &Layout, sources: &HashMap<String, Source<'_>>, at: Pos2) -> Option<usize> {
        let p = (at - self.origin) / self.scale;
        laid.draw_order.iter().rev().copied().find(|&i| {
            let n = &laid.nodes[i];
            n.parent.is_some()
                && sources.contains_key(&n.path)
                && n.visible_rect.is_some_and(|r| {
                    p.x >= r.x && p.y >= r.y && p.x <= r.right() && p.y <= r.bottom()
                })
        })
    }

    fn interact(
        &mut self,
        response: &egui::Response,
        laid: &Layout,
        sources: &HashMap<String, Source<'_>>,
        ctx: &mut PanelCtx<'_>,
        b: usize,
    ) {
        let board = &ctx.project.leaderboards[b];
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            self.blocked = None;
            match self.hit(laid, sources, pos) {
                Some(i) => {
                    let s = &sources[&laid.nodes[i].path];
                    *ctx.selection = Selection::GuiNode(b, s.part, s.path.clone());
                }
                None => *ctx.selection = Selection::Leaderboard(b),
            }
        }
        if response.drag_started() {
            self.drag = None;
            self.blocked = None;
            let origin = response.ctx.input(|i| i.pointer.press_origin());
            if let Some(origin) = origin {
                // Drag the selected object when pressed on it, else what is under the pointer.
                let selected_hit = match ctx.selection {
                    Selection::GuiNode(sb, part, path) if *sb == b => {
                        laid.draw_order.iter().rev().copied().find(|&i| {
                            let n = &laid.nodes[i];
                            sources
                                .get(&n.path)
                                .is_some_and(|s| s.part == *part && s.path == *path)
                                && self.rect(n.rect()).contains(origin)
                        })
                    }
                    _ => None,
                };
                if let Some(i) = selected_hit.or_else(|| self.hit(laid, sources, origin)) {
                    let s = &sources[&laid.nodes[i].path];
                    *ctx.selection = Selection::GuiNode(b, s.part, s.path.clone());
                    match locked_reason(board, s.part, &s.path) {
                        Some(why) => self.blocked = Some(why),
                        None => {
                            if let Some(node) = gui_node(board, s.part, &s.path) {
                                self.drag = Some(Drag {
                                    board: b,
                                    part: s.part,
                                    path: s.path.clone(),
                                    start: udim2(node, "Position"),
                                });
                            }
                        }
                    }
                }
            }
        }
        if response.dragged()
            && let Some(drag) = &self.drag
            && let (Some(origin), Some(now)) = response
                .ctx
                .input(|i| (i.pointer.press_origin(), i.pointer.latest_pos()))
        {
            let delta = (now - origin) / self.scale;
            let (x, y) = drag.start;
            let moved = (
                UDim(x.0, x.1 + delta.x.round() as i32),
                UDim(y.0, y.1 + delta.y.round() as i32),
            );
            let current = gui_node(board, drag.part, &drag.path).map(|n| udim2(n, "Position"));
            if current != Some(moved) {
                let (db, part, path) = (drag.board, drag.part, drag.path.clone());
                let name = gui_node(board, part, &path).map_or(String::new(), |n| n.name.clone());
                ctx.edits.push(
                    Edit::new(format!("Move {name}"), move |project| {
                        if let Some(node) = gui_node_mut(project, db, part, &path) {
                            node.properties
                                .insert("Position".into(), PropValue::UDim2(moved.0, moved.1));
                        }
                    })
                    .in_session(response.id),
                );
            }
        }
        if response.dragged() && self.drag.is_some() {
            response.ctx.set_cursor_icon(egui::CursorIcon::Grabbing);
        }
        if response.drag_stopped() {
            self.drag = None;
        }
        // Say why the selected object can't be dragged before trying.
        if !response.dragged()
            && let Some(pos) = response.hover_pos()
            && let Some(i) = self.hit(laid, sources, pos)
        {
            let s = &sources[&laid.nodes[i].path];
            let selected = matches!(ctx.selection, Selection::GuiNode(sb, p, path) if *sb == b && *p == s.part && *path == s.path);
            match locked_reason(board, s.part, &s.path) {
                Some(why) if selected => {
                    response
                        .clone()
                        .on_hover_text_at_pointer(format!("🔒 {why}"));
                }
                None if selected => response.ctx.set_cursor_icon(egui::CursorIcon::Grab),
                _ => {}
            }
        }
        if let Some(why) = &self.blocked
            && response.dragged()
            && let Some(pos) = response.ctx.pointer_latest_pos()
        {
            let painter = response.ctx.layer_painter(egui::LayerId::new(
                egui::Order::Tooltip,
                egui::Id::unique("canvas-locked"),
            ));
            let galley = painter.layout(
                format!("🔒 {why}"),
                egui::FontId::proportional(13.0),
                Color32::WHITE,
                320.0,
            );
            let at = pos + vec2(14.0, 14.0);
            let bg = Rect::from_min_size(at, galley.size()).expand(6.0);
            painter.rect_filled(bg, 4.0, Color32::from_black_alpha(220));
            painter.galley(at, galley, Color32::WHITE);
        }
    }

    fn paint(
        &self,
        ui: &Ui,
        laid: &Layout,
        sources: &HashMap<String, Source<'_>>,
        ctx: &PanelCtx<'_>,
        b: usize,
        device: &Device,
    ) {
        let board = &ctx.project.leaderboards[b];
        let s = self.scale;
        let screen = Rect::from_min_size(self.origin, vec2(laid.screen.x, laid.screen.y) * s);
        let clip_all = ui.clip_rect().intersect(screen);
        let painter = ui.painter();

        // The device and the game world behind the GUI.
        painter.rect_filled(screen.expand(6.0), 10.0, Color32::from_gray(20));
        painter.rect_filled(screen, 0.0, Color32::from_rgb(96, 126, 156));
        let ground = Rect::from_min_max(
            screen.left_top() + vec2(0.0, screen.height() * 0.62),
            screen.max,
        );
        painter.rect_filled(ground, 0.0, Color32::from_rgb(88, 112, 78));

        // Roblox's top bar, below the device's own top inset.
        let insets = device.safe_insets;
        let bar = Rect::from_min_size(
            self.to_screen(0.0, insets.top),
            vec2(laid.screen.x, LayoutOptions::default().top_bar.height()) * s,
        );
        painter.rect_filled(bar, 0.0, Color32::from_black_alpha(90));
        let r = 22.0 * s;
        for k in 0..2 {
            let c = self.to_screen(
                insets.left + 12.0 + 22.0 + k as f32 * 52.0,
                insets.top + 29.0,
            );
            painter.circle_filled(c, r, Color32::from_black_alpha(140));
        }

        // GUI objects, back to front.
        for &i in &laid.draw_order {
            let n = &laid.nodes[i];
            let Some(src) = sources.get(&n.path) else {
                continue;
            };
            let node = src.node;
            let clip = self.rect(n.clip).intersect(clip_all);
            if !clip.is_positive() {
                continue;
            }
            let p = painter.with_clip_rect(clip);
            let rect = self.rect(n.rect());
            let radius = CornerRadius::same((n.corner_radius * s).round().clamp(0.0, 255.0) as u8);
            let bg_t = float(node, "BackgroundTransparency", 0.0);
            if n.background {
                p.rect_filled(
                    rect,
                    radius,
                    color(node, "BackgroundColor3", (163, 162, 165), bg_t),
                );
            }
            if let Some(border) = n.border
                && n.border_size > 0.0
                && bg_t < 1.0
            {
                p.rect_stroke(
                    self.rect(border),
                    0.0,
                    Stroke::new(
                        n.border_size * s,
                        color(node, "BorderColor3", (27, 42, 53), bg_t),
                    ),
                    StrokeKind::Inside,
                );
            }
            if matches!(n.class.as_str(), "ImageLabel" | "ImageButton") {
                paint_image(&p, node, rect, radius);
            }
            let stroke_color = node
                .children
                .iter()
                .find(|c| c.class == "UIStroke")
                .map(|st| color(st, "Color", (0, 0, 0), 0.0));
            if let Some(stroke) = n.stroke
                && !stroke.on_text
                && let Some(c) = stroke_color
            {
                let c = with_alpha(c, 1.0 - stroke.transparency);
                p.rect_stroke(
                    rect,
                    radius,
                    Stroke::new(stroke.thickness * s, c),
                    StrokeKind::Outside,
                );
            }
            if let Some(text) = &n.text {
                let t = float(node, "TextTransparency", 0.0);
                let fill = color(node, "TextColor3", (27, 42, 53), t);
                let outline = n
                    .stroke
                    .filter(|st| st.on_text)
                    .zip(stroke_color)
                    .map(|(st, c)| {
                        (
                            st.thickness * s,
                            with_alpha(c, (1.0 - st.transparency) * (1.0 - t)),
                        )
                    });
                let font = egui::FontId::new(text.size * s, font_family(text.font));
                for line in &text.lines {
                    let galley = p.layout_no_wrap(line.text.clone(), font.clone(), fill);
                    let ascent = galley
                        .rows
                        .first()
                        .and_then(|r| r.row.glyphs.first().map(|g| r.pos.y + g.pos.y))
                        .unwrap_or(text.size * s * 0.8);
                    let at = self.to_screen(line.x, line.baseline) - vec2(0.0, ascent);
                    if let Some((w, c)) = outline {
                        // Text outlines: the letters drawn around in the stroke colour.
                        for k in 0..8 {
                            let a = k as f32 * std::f32::consts::FRAC_PI_4;
                            let o = vec2(a.cos(), a.sin()) * w;
                            p.galley_with_override_text_color(at + o, galley.clone(), c);
                        }
                    }
                    p.galley(at, galley, fill);
                }
            }
            if let Some(scroll) = &n.scroll {
                let t = float(node, "ScrollBarImageTransparency", 0.0);
                let c = color(node, "ScrollBarImageColor3", (0, 0, 0), t);
                for thumb in [scroll.vertical_thumb, scroll.horizontal_thumb]
                    .into_iter()
                    .flatten()
                {
                    p.rect_filled(self.rect(thumb), 2.0 * s, c);
                }
            }
        }

        // The empty list's message.
        if self.rows == 0
            && let Some(h) = laid.get(&format!("{}/{}", board.gui.name, board.rows_in))
        {
            let r = self.rect(h.rect());
            painter.with_clip_rect(r.intersect(clip_all)).text(
                r.center(),
                Align2::CENTER_CENTER,
                &board.empty_text,
                egui::FontId::new(16.0 * s, FontFamily::Proportional),
                Color32::from_gray(200),
            );
        }

        // Safe-area insets: the device keeps these for itself.
        let shade = Color32::from_rgba_unmultiplied(200, 40, 40, 70);
        let w = laid.screen.x;
        let h = laid.screen.y;
        for (x, y, rw, rh) in [
            (0.0, 0.0, insets.left, h),
            (w - insets.right, 0.0, insets.right, h),
            (0.0, 0.0, w, insets.top),
            (0.0, h - insets.bottom, w, insets.bottom),
        ] {
            if rw > 0.0 && rh > 0.0 {
                painter.rect_filled(self.rect(layout::Rect::new(x, y, rw, rh)), 0.0, shade);
            }
        }

        if self.show_bounds {
            let c = Color32::from_rgb(0, 200, 255);
            for n in laid
                .nodes
                .iter()
                .filter(|n| n.parent.is_some() && n.visible)
            {
                painter.rect_stroke(
                    self.rect(n.rect()),
                    0.0,
                    Stroke::new(1.0, c),
                    StrokeKind::Inside,
                );
            }
        }

        // The selected object (every copy of it, for a row template object).
        if let Selection::GuiNode(sb, part, path) = &*ctx.selection
            && *sb == b
        {
            let accent = ui.visuals().selection.stroke.color;
            for n in &laid.nodes {
                if sources
                    .get(&n.path)
                    .is_some_and(|s| s.part == *part && s.path == *path)
                {
                    let r = self.rect(n.rect()).intersect(screen);
                    painter.rect_stroke(r, 0.0, Stroke::new(2.0, accent), StrokeKind::Outside);
                }
            }
        }
        painter.rect_stroke(
            screen,
            0.0,
            Stroke::new(1.0, Color32::from_gray(60)),
            StrokeKind::Outside,
        );
    }
}

fn with_alpha(c: Color32, alpha: f32) -> Color32 {
    let [r, g, b, _] = c.to_srgba_unmultiplied();
    Color32::from_rgba_unmultiplied(r, g, b, (alpha.clamp(0.0, 1.0) * 255.0).round() as u8)
}

/// Images are not fetched: a tinted placeholder, with a head and shoulders
/// for avatar thumbnails.
fn paint_image(p: &egui::Painter, node: &GuiNode, rect: Rect, radius: CornerRadius) {
    let t = float(node, "ImageTransparency", 0.0);
    if t >= 1.0 {
        return;
    }
    let tint = color(node, "ImageColor3", (255, 255, 255), 0.0);
    let base = Color32::from_rgb(
        (tint.r() as f32 * 0.55) as u8,
        (tint.g() as f32 * 0.6) as u8,
        (tint.b() as f32 * 0.7) as u8,
    );
    let alpha = 1.0 - t;
    p.rect_filled(rect, radius, with_alpha(base, alpha));
    let figure = with_alpha(Color32::from_gray(230), alpha * 0.9);
    let image = match prop(node, "Image") {
        Some(PropValue::Content(s) | PropValue::String(s)) => s,
        _ => String::new(),
    };
    let side = rect.width().min(rect.height());
    if image.contains("rbxthumb") || image.contains("{avatar}") {
        let c = rect.center();
        p.circle_filled(c - vec2(0.0, side * 0.12), side * 0.2, figure);
        let body =
            Rect::from_center_size(c + vec2(0.0, side * 0.3), vec2(side * 0.64, side * 0.36));
        p.with_clip_rect(rect.intersect(p.clip_rect())).rect_filled(
            body,
            CornerRadius::same((side * 0.18).min(255.0) as u8),
            figure,
        );
    } else {
        p.rect_stroke(
            rect.shrink(side * 0.2),
            2.0,
            Stroke::new(1.5, figure),
            StrokeKind::Inside,
        );
        p.circle_filled(rect.center(), side * 0.08, figure);
    }
}
