//! Where Roblox puts every GUI object on a given screen: pure functions from
//! a GUI tree ([`GuiNode`]) and a [`Device`] to rectangles, clip rectangles,
//! draw order and lines of text, following Roblox's layout rules (see
//! `roblox-platform.md`, "GUI layout"). The preview draws from this and the
//! `layout` command prints it; nothing here draws.
//!
//! Coordinates are screen pixels (logical points) from the device screen's
//! top-left corner, or canvas pixels for a SurfaceGui. Roblox's own
//! `AbsolutePosition` is measured from the bottom-left of the top bar; it is
//! given too ([`NodeLayout::absolute_position`]).

pub mod device;
pub mod fill;
pub mod fit;
pub mod fonts;
mod props;
pub mod text;

use serde::Serialize;

use crate::project::gui::{GuiNode, UDim};

pub use device::{Device, DeviceKind, Insets};
pub use fill::{SampleEntry, fill_rows, sample_entries};
pub use fonts::{Family, FontId};
pub use text::{TextLayout, TextLine};

use props::{BarInset, BorderMode, Kind, Props, ScreenInsets, SizeConstraint, Sort};

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Vec2 {
    pub x: f32,
    pub y: f32,
}

impl Vec2 {
    pub const ZERO: Vec2 = Vec2 { x: 0.0, y: 0.0 };
    pub fn new(x: f32, y: f32) -> Vec2 {
        Vec2 { x, y }
    }
}

/// An axis-aligned rectangle: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }
    fn at(pos: Vec2, size: Vec2) -> Rect {
        Rect::new(pos.x, pos.y, size.x, size.y)
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// The overlap of two rectangles; None when they don't overlap.
    pub fn intersect(&self, other: &Rect) -> Option<Rect> {
        let x = self.x.max(other.x);
        let y = self.y.max(other.y);
        let r = self.right().min(other.right());
        let b = self.bottom().min(other.bottom());
        (r > x && b > y).then(|| Rect::new(x, y, r - x, b - y))
    }
    pub fn is_finite(&self) -> bool {
        self.x.is_finite() && self.y.is_finite() && self.w.is_finite() && self.h.is_finite()
    }
    fn expand(&self, by: f32) -> Rect {
        Rect::new(
            self.x - by,
            self.y - by,
            self.w + 2.0 * by,
            self.h + 2.0 * by,
        )
    }
}

/// Roblox's top bar, which ScreenGuis stay below unless they ignore the
/// GUI inset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum TopBar {
    /// The current Roblox UI: 58 px.
    #[default]
    Current,
    /// The old UI: 36 px.
    Classic,
}

impl TopBar {
    pub fn height(self) -> f32 {
        match self {
            TopBar::Current => 58.0,
            TopBar::Classic => 36.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LayoutOptions {
    pub top_bar: TopBar,
    /// Size in studs of the part face a SurfaceGui is on, for SizingMode
    /// PixelsPerStud. Without it the SurfaceGui's CanvasSize is used.
    pub surface_part_size: Option<Vec2>,
}

/// A UIStroke's outline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stroke {
    pub thickness: f32,
    pub transparency: f32,
    /// The letters are outlined (a text object with ApplyStrokeMode
    /// Contextual), not the box.
    pub on_text: bool,
}

/// What a ScrollingFrame shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScrollLayout {
    /// The window onto the canvas (the frame minus inset scroll bars).
    pub viewport: Rect,
    /// The whole canvas, scrolled into place.
    pub canvas: Rect,
    /// CanvasPosition, clamped to what can be scrolled.
    pub canvas_position: Vec2,
    /// The scroll bars' tracks when shown, with the thumbs.
    pub vertical_bar: Option<Rect>,
    pub vertical_thumb: Option<Rect>,
    pub horizontal_bar: Option<Rect>,
    pub horizontal_thumb: Option<Rect>,
}

/// One laid-out instance: a GUI root or a GuiObject. Layout helpers
/// (UIListLayout, UICorner, ...) have no entry; their effect is in their
/// parent's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeLayout {
    /// Names from the root, slash-separated (`LeaderboardGUI/Frame/Title`).
    pub path: String,
    pub class: String,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Top-left corner in screen (or canvas) pixels.
    pub position: Vec2,
    /// Roblox's AbsoluteSize.
    pub size: Vec2,
    /// Roblox's AbsolutePosition: `position` minus the GUI inset.
    pub absolute_position: Vec2,
    /// Own Rotation in degrees, around the centre; the box drawn turns,
    /// `position`/`size` don't. Children turn with it around its centre.
    pub rotation: f32,
    /// Visible, under visible ancestors, in an enabled GUI.
    pub visible: bool,
    /// What this object's drawing is cut to (its ancestors' clipping and
    /// the screen's safe area).
    pub clip: Rect,
    /// The part of the object that shows: its box cut by `clip`; None
    /// when hidden or clipped away entirely.
    pub visible_rect: Option<Rect>,
    /// Place in drawing order (0 first, drawn under the rest); None when
    /// not drawn.
    pub draw_index: Option<usize>,
    pub z_index: i64,
    /// Whether the background is drawn (BackgroundTransparency < 1).
    pub background: bool,
    /// The border's outer rectangle when a border is drawn.
    pub border: Option<Rect>,
    pub border_size: f32,
    /// UICorner radius in pixels, clamped to half the smaller side.
    pub corner_radius: f32,
    pub stroke: Option<Stroke>,
    pub text: Option<TextLayout>,
    pub scroll: Option<ScrollLayout>,
    /// The rectangle children are laid out in: the box minus UIPadding
    /// (for a ScrollingFrame, the padded canvas).
    pub content: Rect,
}

impl NodeLayout {
    pub fn rect(&self) -> Rect {
        Rect::at(self.position, self.size)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    /// Every root and GuiObject, depth first in tree order.
    pub nodes: Vec<NodeLayout>,
    /// Indices into `nodes`, back to front.
    pub draw_order: Vec<usize>,
    /// The screen (or SurfaceGui canvas) size.
    pub screen: Vec2,
    /// Where Roblox's AbsolutePosition (0, 0) is on the screen.
    pub gui_inset: Vec2,
}

impl Layout {
    /// The node at a path of names (`"LeaderboardGUI/Frame"`).
    pub fn get(&self, path: &str) -> Option<&NodeLayout> {
        self.nodes.iter().find(|n| n.path == path)
    }
}

/// Lay out one GUI (a ScreenGui, a SurfaceGui, or any GuiObject, which is
/// then placed in a default ScreenGui) on `device`.
pub fn layout(root: &GuiNode, device: &Device, options: &LayoutOptions) -> Layout {
    layout_many(&[root], device, options)
}

/// Lay out several GUIs on one screen; ScreenGuis draw in DisplayOrder
/// (ties: in the order given).
pub fn layout_many(roots: &[&GuiNode], device: &Device, options: &LayoutOptions) -> Layout {
    let mut engine = Engine {
        nodes: Vec::with_capacity(roots.iter().map(|r| r.count()).sum()),
    };
    let s = device.safe_insets;
    let gui_inset = Vec2::new(s.left, s.top + options.top_bar.height());
    let mut screen = Vec2::new(device.width, device.height);
    let mut ordered: Vec<(i64, usize, bool)> = Vec::new();
    for root in roots {
        let p = Props::of(root);
        let start = engine.nodes.len();
        match props::kind(&root.class) {
            Kind::ScreenGui | Kind::SurfaceGui => {
                let surface = props::kind(&root.class) == Kind::SurfaceGui;
                let (area, clip) = if surface {
                    let canvas = if p.sizing_fixed {
                        Vec2::new(p.surface_canvas.0, p.surface_canvas.1)
                    } else {
                        match options.surface_part_size {
                            Some(part) => {
                                Vec2::new(part.x * p.pixels_per_stud, part.y * p.pixels_per_stud)
                            }
                            None => Vec2::new(p.surface_canvas.0, p.surface_canvas.1),
                        }
                    };
                    if roots.len() == 1 {
                        screen = canvas;
                    }
                    let r = Rect::at(Vec2::ZERO, canvas);
                    let clip = if p.clips {
                        r
                    } else {
                        Rect::new(-1e9, -1e9, 2e9, 2e9)
                    };
                    (r, clip)
                } else {
                    screen_area(&p, device, options)
                };
                let visible = p.enabled;
                let mods = Mods::of(root);
                let idx = engine.push(NodeLayout {
                    path: root.name.clone(),
                    class: root.class.clone(),
                    parent: None,
                    children: Vec::new(),
                    position: Vec2::new(area.x, area.y),
                    size: Vec2::new(area.w, area.h),
                    absolute_position: if surface {
                        Vec2::new(area.x, area.y)
                    } else {
                        Vec2::new(area.x - gui_inset.x, area.y - gui_inset.y)
                    },
                    rotation: 0.0,
                    visible,
                    clip,
                    visible_rect: if visible { area.intersect(&clip) } else { None },
                    draw_index: None,
                    z_index: 0,
                    background: false,
                    border: None,
                    border_size: 0.0,
                    corner_radius: 0.0,
                    stroke: None,
                    text: None,
                    scroll: None,
                    content: area,
                });
                let frame = Frame {
                    origin: Vec2::new(area.x, area.y),
                    size: Vec2::new(area.w, area.h),
                };
                let inherit = Inherit {
                    clip,
                    visible,
                    inset: if surface { Vec2::ZERO } else { gui_inset },
                    trial: false,
                };
                let kids =
                    engine.layout_children(root, &mods, frame, Some(idx), &inherit, &root.name);
                engine.nodes[idx].children = kids;
                ordered.push((p.display_order, start, p.z_global));
            }
            Kind::Object { .. } => {
                let sg = Props::of_class("ScreenGui");
                let (area, clip) = screen_area(&sg, device, options);
                let frame = Frame {
                    origin: Vec2::new(area.x, area.y),
                    size: Vec2::new(area.w, area.h),
                };
                let inherit = Inherit {
                    clip,
                    visible: true,
                    inset: gui_inset,
                    trial: false,
                };
                let mods = Mods::of(root);
                let item = Item {
                    node: root,
                    props: p,
                    mods,
                };
                engine.emit(&item, root.name.clone(), None, frame, None, &inherit);
                ordered.push((0, start, false));
            }
            _ => {}
        }
    }
    // DisplayOrder: stable, so ties keep the order given.
    ordered.sort_by_key(|(order, _, _)| *order);
    let mut draw_order = Vec::with_capacity(engine.nodes.len());
    for (_, start, global) in ordered {
        let root_drawn = engine.nodes[start].parent.is_none()
            && !matches!(
                props::kind(&engine.nodes[start].class),
                Kind::ScreenGui | Kind::SurfaceGui
            );
        if global {
            let mut all: Vec<usize> = Vec::new();
            collect_visible(&engine.nodes, start, root_drawn, &mut all);
            all.sort_by_key(|&i| engine.nodes[i].z_index);
            draw_order.extend(all);
        } else {
            sibling_order(&engine.nodes, start, root_drawn, &mut draw_order);
        }
    }
    for (i, &n) in draw_order.iter().enumerate() {
        engine.nodes[n].draw_index = Some(i);
    }
    Layout {
        nodes: engine.nodes,
        draw_order,
        screen,
        gui_inset,
    }
}

/// The rectangle a ScreenGui fills and the one it is clipped to.
fn screen_area(p: &Props, device: &Device, options: &LayoutOptions) -> (Rect, Rect) {
    let s = device.safe_insets;
    let (w, h) = (device.width, device.height);
    let tb = options.top_bar.height();
    let mode = if p.ignore_gui_inset && p.screen_insets == ScreenInsets::CoreUiSafe {
        ScreenInsets::DeviceSafe
    } else {
        p.screen_insets
    };
    let full = Rect::new(0.0, 0.0, w, h);
    let safe = Rect::new(
        s.left,
        s.top,
        (w - s.left - s.right).max(0.0),
        (h - s.top - s.bottom).max(0.0),
    );
    let area = match mode {
        ScreenInsets::None => full,
        ScreenInsets::DeviceSafe => safe,
        ScreenInsets::CoreUiSafe => Rect::new(safe.x, safe.y + tb, safe.w, (safe.h - tb).max(0.0)),
        ScreenInsets::TopbarSafe => Rect::new(safe.x, safe.y, safe.w, tb),
    };
    let clip = if p.clip_to_device_safe_area {
        safe
    } else {
        full
    };
    (area, clip)
}

fn collect_visible(nodes: &[NodeLayout], i: usize, include_self: bool, out: &mut Vec<usize>) {
    let n = &nodes[i];
    if !n.visible {
        return;
    }
    if include_self {
        out.push(i);
    }
    for &c in &n.children {
        collect_visible(nodes, c, true, out);
    }
}

fn sibling_order(nodes: &[NodeLayout], i: usize, include_self: bool, out: &mut Vec<usize>) {
    let n = &nodes[i];
    if !n.visible {
        return;
    }
    if include_self {
        out.push(i);
    }
    let mut kids = n.children.clone();
    kids.sort_by_key(|&c| nodes[c].z_index);
    for c in kids {
        sibling_order(nodes, c, true, out);
    }
}

/// The area children are placed in: scale is relative to `size`.
#[derive(Debug, Clone, Copy)]
struct Frame {
    origin: Vec2,
    size: Vec2,
}

struct Inherit {
    clip: Rect,
    visible: bool,
    inset: Vec2,
    /// Measuring content for AutomaticSize: only the children's boxes
    /// matter, so text and grandchildren are skipped.
    trial: bool,
}

/// The layout helpers among a node's children (the first of each kind).
#[derive(Default)]
struct Mods<'a> {
    padding: Option<[UDim; 4]>,
    // Boxed: Mods is moved around with every object.
    list: Option<Box<Props<'a>>>,
    grid: Option<Box<Props<'a>>>,
    corner: Option<UDim>,
    stroke: Option<(f32, f32, bool)>,
    aspect: Option<(f32, bool, bool)>,
    size: Option<((f32, f32), (f32, f32))>,
    text_size: Option<(f32, f32)>,
}

impl<'a> Mods<'a> {
    fn of(node: &'a GuiNode) -> Mods<'a> {
        let mut m = Mods::default();
        for c in &node.children {
            let k = props::kind(&c.class);
            if matches!(k, Kind::Object { .. } | Kind::Other) {
                continue;
            }
            let p = Props::of(c);
            match k {
                Kind::Padding if m.padding.is_none() => m.padding = Some(p.padding),
                Kind::ListLayout if m.list.is_none() && m.grid.is_none() => {
                    m.list = Some(Box::new(p))
                }
                Kind::GridLayout if m.list.is_none() && m.grid.is_none() => {
                    m.grid = Some(Box::new(p))
                }
                Kind::Corner if m.corner.is_none() => m.corner = Some(p.corner_radius),
                Kind::Stroke if m.stroke.is_none() && p.stroke_enabled => {
                    m.stroke = Some((p.stroke_thickness, p.stroke_transparency, p.stroke_border))
                }
                Kind::AspectRatio if m.aspect.is_none() => {
                    m.aspect = Some((
                        p.aspect_ratio,
                        p.aspect_scale_with_parent,
                        p.dominant_height,
                    ))
                }
                Kind::SizeConstraint if m.size.is_none() => m.size = Some((p.min_size, p.max_size)),
                Kind::TextSizeConstraint if m.text_size.is_none() => {
                    m.text_size = Some((p.min_text_size, p.max_text_size))
                }
                _ => {}
            }
        }
        m
    }

    /// UIPadding in pixels (left, top, right, bottom) for a box of `size`.
    fn pad(&self, size: Vec2) -> [f32; 4] {
        match self.padding {
            None => [0.0; 4],
            Some([l, t, r, b]) => [
                udim(l, size.x),
                udim(t, size.y),
                udim(r, size.x),
                udim(b, size.y),
            ],
        }
    }
}

impl Props<'static> {
    fn of_class(class: &'static str) -> Props<'static> {
        static SCREEN_GUI: std::sync::LazyLock<GuiNode> =
            std::sync::LazyLock::new(|| GuiNode::new("ScreenGui", "ScreenGui"));
        debug_assert_eq!(class, "ScreenGui");
        Props::of(&SCREEN_GUI)
    }
}

/// What a trial layout (measuring content for AutomaticSize) inherits:
/// every object counts by its own Visible, nothing is clipped.
fn trial(inherit: &Inherit) -> Inherit {
    Inherit {
        clip: Rect::new(-1e9, -1e9, 2e9, 2e9),
        visible: true,
        inset: inherit.inset,
        trial: true,
    }
}

fn udim(u: UDim, of: f32) -> f32 {
    u.0 * of + u.1 as f32
}

fn content_of(pos: Vec2, size: Vec2, pad: [f32; 4]) -> Frame {
    Frame {
        origin: Vec2::new(pos.x + pad[0], pos.y + pad[1]),
        size: Vec2::new(
            (size.x - pad[0] - pad[2]).max(0.0),
            (size.y - pad[1] - pad[3]).max(0.0),
        ),
    }
}

/// Size from Size and SizeConstraint against the parent's content size.
fn resolve_size(p: &Props, parent: Vec2) -> Vec2 {
    let (sx, sy) = match p.size_constraint {
        SizeConstraint::XY => (parent.x, parent.y),
        SizeConstraint::XX => (parent.x, parent.x),
        SizeConstraint::YY => (parent.y, parent.y),
    };
    Vec2::new(udim(p.size.x, sx), udim(p.size.y, sy))
}

fn clamp_size(size: Vec2, mods: &Mods) -> Vec2 {
    match mods.size {
        None => size,
        Some((min, max)) => Vec2::new(size.x.min(max.0).max(min.0), size.y.min(max.1).max(min.1)),
    }
}

/// UISizeConstraint, then UIAspectRatioConstraint.
fn constrain(size: Vec2, mods: &Mods, parent: Vec2) -> Vec2 {
    let mut size = clamp_size(size, mods);
    if let Some((ratio, with_parent, dominant_height)) = mods.aspect
        && ratio > 0.0
        && ratio.is_finite()
    {
        if with_parent {
            // ScaleWithParentSize: the dominant side follows the parent,
            // the other the ratio.
            if dominant_height {
                size = Vec2::new(size.y * ratio, size.y);
            } else {
                size = Vec2::new(size.x, size.x / ratio);
            }
            let _ = parent;
        } else if size.y > 0.0 && size.x / size.y > ratio {
            // FitWithinMaxSize: the largest box of that ratio inside the size.
            size.x = size.y * ratio;
        } else {
            size.y = size.x / ratio;
        }
    }
    size
}

struct Engine {
    nodes: Vec<NodeLayout>,
}

/// A child GuiObject ready to be placed.
struct Item<'a> {
    node: &'a GuiNode,
    props: Props<'a>,
    mods: Mods<'a>,
}

impl Engine {
    fn push(&mut self, n: NodeLayout) -> usize {
        self.nodes.push(n);
        self.nodes.len() - 1
    }

    /// The object's AbsoluteSize in a parent content area of `parent`
    /// (`forced`: the size a grid gives it).
    fn final_size(
        &mut self,
        item: &Item,
        parent: Vec2,
        forced: Option<Vec2>,
        inherit: &Inherit,
    ) -> Vec2 {
        let p = &item.props;
        let mut size = match forced {
            Some(f) => f,
            None => constrain(resolve_size(p, parent), &item.mods, parent),
        };
        if p.automatic_size.any() {
            let content = self.content_extent(item, size, inherit);
            if p.automatic_size.x() {
                size.x = size.x.max(content.x);
            }
            if p.automatic_size.y() {
                size.y = size.y.max(content.y);
            }
            if let Some((_, max)) = item.mods.size {
                size.x = size.x.min(max.0);
                size.y = size.y.min(max.1);
            }
        }
        size
    }

    /// Size AutomaticSize grows to: text bounds and children's extents plus
    /// UIPadding.
    fn content_extent(&mut self, item: &Item, size: Vec2, inherit: &Inherit) -> Vec2 {
        let p = &item.props;
        let pad = item.mods.pad(size);
        let inner = content_of(Vec2::ZERO, size, pad);
        let mut ext = Vec2::ZERO;
        if let Kind::Object { text: true, .. } = props::kind(&item.node.class) {
            let text = plain_text(p);
            let wrap = (p.text_wrapped && !p.automatic_size.x()).then_some(inner.size.x);
            let b = text::text_bounds(&text, p.font(), p.text_size, p.line_height, wrap);
            ext.x = ext.x.max(b.x);
            ext.y = ext.y.max(b.y);
        }
        let mark = self.nodes.len();
        let frame = Frame {
            origin: Vec2::ZERO,
            size: inner.size,
        };
        let kids = self.layout_children(item.node, &item.mods, frame, None, &trial(inherit), "");
        for k in kids {
            let n = &self.nodes[k];
            if n.visible {
                ext.x = ext.x.max(n.position.x + n.size.x);
                ext.y = ext.y.max(n.position.y + n.size.y);
            }
        }
        self.nodes.truncate(mark);
        Vec2::new(ext.x + pad[0] + pad[2], ext.y + pad[1] + pad[3])
    }

    /// Lay out a node's GuiObject children in `frame`; returns their
    /// indices.
    fn layout_children(
        &mut self,
        node: &GuiNode,
        mods: &Mods,
        frame: Frame,
        parent: Option<usize>,
        inherit: &Inherit,
        path: &str,
    ) -> Vec<usize> {
        let items: Vec<Item> = node
            .children
            .iter()
            .filter(|c| matches!(props::kind(&c.class), Kind::Object { .. }))
            .map(|c| Item {
                node: c,
                props: Props::of(c),
                mods: Mods::of(c),
            })
            .collect();
        let mut placed: Vec<Option<(Vec2, Vec2)>> = vec![None; items.len()];
        if let Some(lp) = mods.list.as_ref().or(mods.grid.as_ref()) {
            let mut order: Vec<usize> = (0..items.len())
                .filter(|&i| items[i].props.visible)
                .collect();
            match lp.sort {
                Sort::LayoutOrder => order.sort_by_key(|&i| items[i].props.layout_order),
                Sort::Name => order.sort_by(|&a, &b| items[a].node.name.cmp(&items[b].node.name)),
                Sort::Custom => {}
            }
            if mods.list.is_some() {
                let sizes: Vec<Vec2> = order
                    .iter()
                    .map(|&i| self.final_size(&items[i], frame.size, None, inherit))
                    .collect();
                let positions = place_list(lp, frame, &sizes);
                for (k, &i) in order.iter().enumerate() {
                    placed[i] = Some((positions[k], sizes[k]));
                }
            } else {
                let cell = Vec2::new(
                    udim(lp.cell_size.x, frame.size.x),
                    udim(lp.cell_size.y, frame.size.y),
                );
                let positions = place_grid(lp, frame, cell, order.len());
                for (k, &i) in order.iter().enumerate() {
                    let size = self.final_size(&items[i], frame.size, Some(cell), inherit);
                    placed[i] = Some((positions[k], size));
                }
            }
        }
        let mut out = Vec::with_capacity(items.len());
        for (item, place) in items.iter().zip(placed) {
            let child_path = if path.is_empty() {
                String::new()
            } else {
                format!("{path}/{}", item.node.name)
            };
            let idx = self.emit(item, child_path, parent, frame, place, inherit);
            out.push(idx);
        }
        out
    }

    /// Place one GuiObject and its subtree; returns its index.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        item: &Item,
        path: String,
        parent: Option<usize>,
        frame: Frame,
        place: Option<(Vec2, Vec2)>,
        inherit: &Inherit,
    ) -> usize {
        let (pos, size) = match place {
            Some(ps) => ps,
            None => {
                let size = self.final_size(item, frame.size, None, inherit);
                let p = &item.props;
                let pos = Vec2::new(
                    frame.origin.x + udim(p.position.x, frame.size.x) - p.anchor.0 * size.x,
                    frame.origin.y + udim(p.position.y, frame.size.y) - p.anchor.1 * size.y,
                );
                (pos, size)
            }
        };
        let Item {
            node,
            props: p,
            mods,
        } = item;
        let node: &GuiNode = node;
        let (is_text, scrolling) = match props::kind(&node.class) {
            Kind::Object { text, scrolling } => (text, scrolling),
            _ => (false, false),
        };
        let rect = Rect::at(pos, size);
        let visible = inherit.visible && p.visible;
        let background = p.background_transparency < 1.0;
        let border = (background && p.border_size > 0.0 && mods.corner.is_none()).then(|| match p
            .border_mode
        {
            BorderMode::Outline => rect.expand(p.border_size),
            BorderMode::Middle => rect.expand(p.border_size / 2.0),
            BorderMode::Inset => rect,
        });
        let smaller = size.x.min(size.y).max(0.0);
        let corner_radius = mods
            .corner
            .map(|c| udim(c, smaller).min(smaller / 2.0).max(0.0))
            .unwrap_or(0.0);
        let stroke = mods.stroke.map(|(thickness, transparency, border)| Stroke {
            thickness,
            transparency,
            on_text: is_text && !border,
        });
        let pad = mods.pad(size);
        let mut content = content_of(pos, size, pad);
        let text = if is_text && !inherit.trial {
            let area = Rect::at(content.origin, content.size);
            let (min_size, max_size) = mods.text_size.unwrap_or((1.0, 100.0));
            let style = text::TextStyle {
                font: p.font(),
                size: p.text_size,
                line_height: p.line_height,
                wrapped: p.text_wrapped,
                scaled: p.text_scaled,
                min_size,
                max_size,
                truncate: p.text_truncate,
                align_x: p.text_x,
                align_y: p.text_y,
            };
            let mut t = text::layout_text(&plain_text(p), &style, area);
            t.stroked = stroke.is_some_and(|s| s.on_text);
            Some(t)
        } else {
            None
        };
        let mut child_clip = if p.clips && p.rotation == 0.0 {
            rect.intersect(&inherit.clip)
                .unwrap_or(Rect::new(rect.x, rect.y, 0.0, 0.0))
        } else {
            inherit.clip
        };
        let idx = self.push(NodeLayout {
            path,
            class: node.class.clone(),
            parent,
            children: Vec::new(),
            position: pos,
            size,
            absolute_position: Vec2::new(pos.x - inherit.inset.x, pos.y - inherit.inset.y),
            rotation: p.rotation,
            visible,
            clip: inherit.clip,
            visible_rect: if visible {
                rect.intersect(&inherit.clip)
            } else {
                None
            },
            draw_index: None,
            z_index: p.z_index,
            background,
            border,
            border_size: p.border_size,
            corner_radius,
            stroke,
            text,
            scroll: None,
            content: Rect::at(content.origin, content.size),
        });
        if inherit.trial {
            return idx;
        }
        let child_inherit_visible = visible;
        if scrolling {
            let (scroll, canvas_frame) = self.scroll(node, p, mods, rect, inherit);
            if p.clips {
                child_clip = scroll
                    .viewport
                    .intersect(&inherit.clip)
                    .unwrap_or(Rect::new(rect.x, rect.y, 0.0, 0.0));
            }
            content = canvas_frame;
            self.nodes[idx].scroll = Some(scroll);
            self.nodes[idx].content = Rect::at(content.origin, content.size);
        }
        let child_inherit = Inherit {
            clip: child_clip,
            visible: child_inherit_visible,
            inset: inherit.inset,
            trial: false,
        };
        let path = std::mem::take(&mut self.nodes[idx].path);
        let kids = self.layout_children(node, mods, content, Some(idx), &child_inherit, &path);
        self.nodes[idx].path = path;
        self.nodes[idx].children = kids;
        idx
    }

    /// A ScrollingFrame's canvas and scroll bars; returns the frame its
    /// children are laid out in (the padded canvas, scrolled).
    fn scroll(
        &mut self,
        node: &GuiNode,
        p: &Props,
        mods: &Mods,
        rect: Rect,
        inherit: &Inherit,
    ) -> (ScrollLayout, Frame) {
        let t = p.scroll_bar_thickness;
        let dir = p.scrolling_direction;
        // The canvas is never smaller than the window (AbsoluteCanvasSize).
        let canvas_for = |view: Vec2| {
            Vec2::new(
                udim(p.canvas_size.x, view.x).max(view.x),
                udim(p.canvas_size.y, view.y).max(view.y),
            )
        };
        let auto_extent = |engine: &mut Engine, canvas: Vec2| -> Vec2 {
            if !p.automatic_canvas.any() {
                return canvas;
            }
            // Lay the content out in the canvas to measure it.
            let pad = mods.pad(canvas);
            let inner = content_of(Vec2::ZERO, canvas, pad);
            let mark = engine.nodes.len();
            let kids = engine.layout_children(node, mods, inner, None, &trial(inherit), "");
            let mut ext = Vec2::ZERO;
            for k in kids {
                let n = &engine.nodes[k];
                if n.visible {
                    ext.x = ext.x.max(n.position.x + n.size.x);
                    ext.y = ext.y.max(n.position.y + n.size.y);
                }
            }
            engine.nodes.truncate(mark);
            let ext = Vec2::new(ext.x + pad[2], ext.y + pad[3]);
            let mut c = canvas;
            if p.automatic_canvas.x() {
                c.x = c.x.max(ext.x);
            }
            if p.automatic_canvas.y() {
                c.y = c.y.max(ext.y);
            }
            c
        };
        let inset_taken = |mode: BarInset, shown: bool| match mode {
            BarInset::None => false,
            BarInset::ScrollBar => shown,
            BarInset::Always => true,
        };
        // First without bars taking space, then again if they do.
        let mut view = Vec2::new(rect.w, rect.h);
        let mut canvas = auto_extent(self, canvas_for(view));
        let mut v_shown = dir.y() && canvas.y > view.y + 0.5;
        let mut h_shown = dir.x() && canvas.x > view.x + 0.5;
        let v_take = inset_taken(p.v_bar_inset, v_shown);
        let h_take = inset_taken(p.h_bar_inset, h_shown);
        if v_take || h_take {
            view = Vec2::new(
                (rect.w - if v_take { t } else { 0.0 }).max(0.0),
                (rect.h - if h_take { t } else { 0.0 }).max(0.0),
            );
            canvas = auto_extent(self, canvas_for(view));
            v_shown = dir.y() && canvas.y > view.y + 0.5;
            h_shown = dir.x() && canvas.x > view.x + 0.5;
        }
        let max_scroll = Vec2::new((canvas.x - view.x).max(0.0), (canvas.y - view.y).max(0.0));
        let cp = Vec2::new(
            p.canvas_position.0.clamp(0.0, max_scroll.x),
            p.canvas_position.1.clamp(0.0, max_scroll.y),
        );
        let viewport = Rect::new(rect.x, rect.y, view.x, view.y);
        let canvas_rect = Rect::new(rect.x - cp.x, rect.y - cp.y, canvas.x, canvas.y);
        let (mut vb, mut vt, mut hb, mut ht) = (None, None, None, None);
        if v_shown && t > 0.0 {
            let track = Rect::new(
                rect.right() - t,
                rect.y,
                t,
                rect.h - if h_shown { t } else { 0.0 },
            );
            let len = (track.h * view.y / canvas.y).min(track.h);
            let off = if max_scroll.y > 0.0 {
                (track.h - len) * cp.y / max_scroll.y
            } else {
                0.0
            };
            vb = Some(track);
            vt = Some(Rect::new(track.x, track.y + off, t, len));
        }
        if h_shown && t > 0.0 {
            let track = Rect::new(
                rect.x,
                rect.bottom() - t,
                rect.w - if v_shown { t } else { 0.0 },
                t,
            );
            let len = (track.w * view.x / canvas.x).min(track.w);
            let off = if max_scroll.x > 0.0 {
                (track.w - len) * cp.x / max_scroll.x
            } else {
                0.0
            };
            hb = Some(track);
            ht = Some(Rect::new(track.x + off, track.y, len, t));
        }
        let pad = mods.pad(canvas);
        let frame = content_of(Vec2::new(canvas_rect.x, canvas_rect.y), canvas, pad);
        (
            ScrollLayout {
                viewport,
                canvas: canvas_rect,
                canvas_position: cp,
                vertical_bar: vb,
                vertical_thumb: vt,
                horizontal_bar: hb,
                horizontal_thumb: ht,
            },
            frame,
        )
    }
}

fn plain_text(p: &Props) -> String {
    if p.rich_text {
        text::strip_rich_text(p.text)
    } else {
        p.text.to_string()
    }
}

/// Top-left corners for a UIListLayout's items (in layout order).
fn place_list(lp: &Props, frame: Frame, sizes: &[Vec2]) -> Vec<Vec2> {
    let horiz = lp.fill_horizontal;
    let (main_len, cross_len) = if horiz {
        (frame.size.x, frame.size.y)
    } else {
        (frame.size.y, frame.size.x)
    };
    let (main_align, cross_align) = if horiz {
        (lp.h_align, lp.v_align)
    } else {
        (lp.v_align, lp.h_align)
    };
    let main_of = |s: Vec2| if horiz { s.x } else { s.y };
    let cross_of = |s: Vec2| if horiz { s.y } else { s.x };
    let pad = udim(lp.list_padding, main_len);
    // Lines of item indices.
    let mut lines: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0f32;
    for (i, s) in sizes.iter().enumerate() {
        let line = lines.last_mut().unwrap();
        let add = if line.is_empty() {
            main_of(*s)
        } else {
            pad + main_of(*s)
        };
        if lp.wraps && !line.is_empty() && used + add > main_len + 1e-3 {
            lines.push(vec![i]);
            used = main_of(*s);
        } else {
            line.push(i);
            used += add;
        }
    }
    let mut out = vec![Vec2::ZERO; sizes.len()];
    let line_cross: Vec<f32> = lines
        .iter()
        .map(|l| l.iter().map(|&i| cross_of(sizes[i])).fold(0.0, f32::max))
        .collect();
    let total_cross =
        line_cross.iter().sum::<f32>() + pad * line_cross.len().saturating_sub(1) as f32;
    let mut cross_at = (cross_len - total_cross) * cross_align;
    for (li, line) in lines.iter().enumerate() {
        let line_main = line.iter().map(|&i| main_of(sizes[i])).sum::<f32>()
            + pad * line.len().saturating_sub(1) as f32;
        let mut main_at = (main_len - line_main) * main_align;
        for &i in line {
            let cross = if lp.wraps {
                cross_at + (line_cross[li] - cross_of(sizes[i])) * cross_align
            } else {
                // One line: each item is aligned across the whole frame.
                (cross_len - cross_of(sizes[i])) * cross_align
            };
            out[i] = if horiz {
                Vec2::new(frame.origin.x + main_at, frame.origin.y + cross)
            } else {
                Vec2::new(frame.origin.x + cross, frame.origin.y + main_at)
            };
            main_at += main_of(sizes[i]) + pad;
        }
        cross_at += line_cross[li] + pad;
    }
    out
}

/// Top-left corners of a UIGridLayout's first `n` cells.
fn place_grid(lp: &Props, frame: Frame, cell: Vec2, n: usize) -> Vec<Vec2> {
    if n == 0 {
        return Vec::new();
    }
    let gap = Vec2::new(
        udim(lp.cell_padding.x, frame.size.x),
        udim(lp.cell_padding.y, frame.size.y),
    );
    let horiz = lp.fill_horizontal;
    let (avail, step) = if horiz {
        (frame.size.x, cell.x + gap.x)
    } else {
        (frame.size.y, cell.y + gap.y)
    };
    // Cells fit while cell + (cell + gap) * (k - 1) <= avail.
    let mut per_line = if step > 0.0 {
        (((avail + gap_of(horiz, gap)) / step) + 1e-4)
            .floor()
            .max(1.0) as usize
    } else {
        n
    };
    if lp.max_cells > 0 {
        per_line = per_line.min(lp.max_cells as usize);
    }
    let per_line = per_line.max(1);
    let lines = n.div_ceil(per_line);
    let in_line = n.min(per_line);
    let (cols, rows) = if horiz {
        (in_line, lines)
    } else {
        (lines, in_line)
    };
    let block = Vec2::new(
        cols as f32 * cell.x + (cols as f32 - 1.0) * gap.x,
        rows as f32 * cell.y + (rows as f32 - 1.0) * gap.y,
    );
    let start = Vec2::new(
        frame.origin.x + (frame.size.x - block.x) * lp.h_align,
        frame.origin.y + (frame.size.y - block.y) * lp.v_align,
    );
    (0..n)
        .map(|i| {
            let (line, k) = (i / per_line, i % per_line);
            let (mut cx, mut cy) = if horiz { (k, line) } else { (line, k) };
            if lp.start_right {
                cx = cols - 1 - cx;
            }
            if lp.start_bottom {
                cy = rows - 1 - cy;
            }
            Vec2::new(
                start.x + cx as f32 * (cell.x + gap.x),
                start.y + cy as f32 * (cell.y + gap.y),
            )
        })
        .collect()
}

fn gap_of(horiz: bool, gap: Vec2) -> f32 {
    if horiz { gap.x } else { gap.y }
}
