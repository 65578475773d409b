//! Where Roblox puts every GUI object on a given screen: pure functions from
//! a GUI tree ([`GuiNode`]) and a [`Device`] to rectangles, clip rectangles,
//! draw order and lines of text, following Roblox's layout rules (see
//! `roblox-platform.md`, "GUI layout"): sizes and positions, padding, list
//! layouts with flex (UIFlexItem), grids, page layouts, scrolling,
//! constraints, UIScale, and what CanvasGroups and UIGradients do to the
//! drawing. [`surface`] fits a SurfaceGui on its part's face. The preview
//! draws from this and the `layout` command prints it; nothing here draws.
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
pub mod ranking_preview;
pub mod surface;
pub mod text;

use serde::Serialize;

use crate::project::gui::{ColorKey, GuiNode, NumberKey, UDim, color_at, number_at};

pub use device::{Device, DeviceKind, Insets};
pub use fill::{SampleEntry, fill_rows, sample_entries};
pub use fonts::{Family, FontId};
pub use ranking_preview::{fill_ranking, preview_ranking};
pub use text::{TextLayout, TextLine};

use props::{
    BarInset, BorderMode, Flex, FlexMode, Kind, LineAlign, Props, ScreenInsets, SizeConstraint,
    Sort,
};

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
    /// The page each UIPageLayout shows, by the path of the object that
    /// holds the pages (`"Board/Pages"`) and the page's name. A UIPageLayout
    /// not listed shows its first page, as in game before any JumpTo.
    pub current_pages: Vec<(String, String)>,
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

/// A UIGradient over an object: colours multiplied into the object's
/// colours and transparency combined with its own, along a line turned by
/// `rotation` and moved by `offset`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gradient {
    pub color: Vec<ColorKey>,
    pub transparency: Vec<NumberKey>,
    /// Degrees: 0 runs left to right, 90 top to bottom.
    pub rotation: f32,
    /// A fraction of the object's size.
    pub offset: Vec2,
}

impl Gradient {
    /// Where a point of the object falls on the gradient (0 start, 1 end),
    /// from its place in the box (`u`, `v`: 0..1 from the top-left).
    ///
    /// The gradient runs through the box's centre, moved by Offset, along
    /// the direction (cos Rotation, sin Rotation) in the box's own 0..1
    /// coordinates, so 45 degrees runs corner to corner of any box:
    /// `t = 0.5 + (u - 0.5 - offset.x) cos r + (v - 0.5 - offset.y) sin r`,
    /// clamped to 0..1.
    pub fn time_at(&self, u: f32, v: f32) -> f32 {
        let r = self.rotation.to_radians();
        let t = 0.5 + (u - 0.5 - self.offset.x) * r.cos() + (v - 0.5 - self.offset.y) * r.sin();
        t.clamp(0.0, 1.0)
    }

    /// The colour multiplier (each part 0..1) and the transparency at a
    /// point of the box.
    pub fn at(&self, u: f32, v: f32) -> ([f32; 3], f32) {
        let t = self.time_at(u, v);
        let (r, g, b) = color_at(&self.color, t);
        (
            [r / 255.0, g / 255.0, b / 255.0],
            number_at(&self.transparency, t).clamp(0.0, 1.0),
        )
    }
}

fn is_one(x: &f32) -> bool {
    *x == 1.0
}

fn is_white(c: &[f32; 3]) -> bool {
    *c == [1.0; 3]
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
    /// The object's UIGradient, when it has an enabled one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gradient: Option<Gradient>,
    /// The UIGradient in the object's UIStroke, which shades the outline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stroke_gradient: Option<Gradient>,
    /// How opaque CanvasGroups make the object: 1 - GroupTransparency of
    /// each CanvasGroup it is in (itself included), multiplied.
    #[serde(skip_serializing_if = "is_one")]
    pub opacity: f32,
    /// The CanvasGroups' GroupColor3 multiplied into its colours (0..1).
    #[serde(skip_serializing_if = "is_white")]
    pub tint: [f32; 3],
    /// How much UIScales enlarge the object: its own and its ancestors',
    /// multiplied (for a GUI root: its UIScale, which scales its content).
    /// Sizes, offsets, text and outlines are already scaled.
    #[serde(skip_serializing_if = "is_one")]
    pub scale: f32,
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
        pages: &options.current_pages,
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
                let s = mods.scale();
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
                    gradient: None,
                    stroke_gradient: None,
                    opacity: 1.0,
                    tint: [1.0; 3],
                    // A root's UIScale scales what is in it.
                    scale: s,
                });
                // A UIScale in the GUI itself: the children are laid out in
                // an area 1/Scale as big, then everything is scaled up from
                // its top-left corner, so scale-sized objects still fill it.
                let frame = Frame {
                    origin: Vec2::new(area.x, area.y),
                    size: Vec2::new(area.w / s, area.h / s),
                };
                let inherit = Inherit {
                    clip: if s == 1.0 { clip } else { UNCLIPPED },
                    visible,
                    inset: if surface { Vec2::ZERO } else { gui_inset },
                    trial: false,
                    opacity: 1.0,
                    tint: [1.0; 3],
                    scale: s,
                };
                let kids =
                    engine.layout_children(root, &mods, frame, Some(idx), &inherit, &root.name);
                if s != 1.0 {
                    engine.scale_nodes(idx + 1, Vec2::new(area.x, area.y), s, clip, inherit.inset);
                }
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
                    opacity: 1.0,
                    tint: [1.0; 3],
                    scale: 1.0,
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
    /// CanvasGroups around: opacity and tint so far.
    opacity: f32,
    tint: [f32; 3],
    /// UIScales around, multiplied (for NodeLayout::scale).
    scale: f32,
}

/// A clip that cuts nothing: scaled subtrees are laid out unclipped and cut
/// once scaled.
const UNCLIPPED: Rect = Rect {
    x: -1e9,
    y: -1e9,
    w: 2e9,
    h: 2e9,
};

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
    page: Option<Box<Props<'a>>>,
    gradient: Option<Gradient>,
    stroke_gradient: Option<Gradient>,
    ui_scale: Option<f32>,
    flex_item: Option<FlexItem>,
}

/// How a UIFlexItem lets its object grow, shrink and sit across its line.
#[derive(Debug, Clone, Copy, PartialEq)]
struct FlexItem {
    grow: f32,
    shrink: f32,
    align: LineAlign,
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
                Kind::ListLayout if !m.has_layout() => m.list = Some(Box::new(p)),
                Kind::GridLayout if !m.has_layout() => m.grid = Some(Box::new(p)),
                Kind::PageLayout if !m.has_layout() => m.page = Some(Box::new(p)),
                Kind::Gradient if m.gradient.is_none() && p.enabled => m.gradient = gradient_of(&p),
                Kind::Scale if m.ui_scale.is_none() => m.ui_scale = Some(p.ui_scale),
                Kind::FlexItem if m.flex_item.is_none() => {
                    let (grow, shrink) = match p.flex_mode {
                        FlexMode::None => (0.0, 0.0),
                        FlexMode::Grow => (1.0, 0.0),
                        FlexMode::Shrink => (0.0, 1.0),
                        FlexMode::Fill => (1.0, 1.0),
                        FlexMode::Custom => (p.grow_ratio, p.shrink_ratio),
                    };
                    m.flex_item = Some(FlexItem {
                        grow,
                        shrink,
                        align: p.item_line_alignment,
                    })
                }
                Kind::Corner if m.corner.is_none() => m.corner = Some(p.corner_radius),
                Kind::Stroke if m.stroke.is_none() && p.stroke_enabled => {
                    m.stroke = Some((p.stroke_thickness, p.stroke_transparency, p.stroke_border));
                    m.stroke_gradient = c
                        .children
                        .iter()
                        .find(|g| g.class == "UIGradient")
                        .and_then(|g| gradient_of(&Props::of(g)));
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

    /// Whether a layout (list, grid or pages) already places the children:
    /// only the first one counts.
    fn has_layout(&self) -> bool {
        self.list.is_some() || self.grid.is_some() || self.page.is_some()
    }

    /// The UIScale factor (1 without one). A scale of 0 would make the
    /// object vanish and divide by zero below; it is kept just above.
    fn scale(&self) -> f32 {
        self.ui_scale.map_or(1.0, |s| s.max(1e-3))
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

/// An enabled UIGradient's colours, transparency and line.
fn gradient_of(p: &Props) -> Option<Gradient> {
    p.enabled.then(|| Gradient {
        color: p.gradient_color.to_vec(),
        transparency: p.gradient_transparency.to_vec(),
        rotation: p.rotation,
        offset: Vec2::new(p.gradient_offset.0, p.gradient_offset.1),
    })
}

/// What a trial layout (measuring content for AutomaticSize) inherits:
/// every object counts by its own Visible, nothing is clipped.
fn trial(inherit: &Inherit) -> Inherit {
    Inherit {
        clip: UNCLIPPED,
        visible: true,
        inset: inherit.inset,
        trial: true,
        opacity: 1.0,
        tint: [1.0; 3],
        scale: 1.0,
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

struct Engine<'o> {
    nodes: Vec<NodeLayout>,
    /// LayoutOptions::current_pages.
    pages: &'o [(String, String)],
}

/// A child GuiObject ready to be placed.
struct Item<'a> {
    node: &'a GuiNode,
    props: Props<'a>,
    mods: Mods<'a>,
}

impl Engine<'_> {
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
        // UIScale: AbsoluteSize is the size times Scale.
        let s = item.mods.scale();
        Vec2::new(size.x * s, size.y * s)
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
        let layout = mods
            .list
            .as_ref()
            .or(mods.grid.as_ref())
            .or(mods.page.as_ref());
        if let Some(lp) = layout {
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
                let flex: Vec<Option<FlexItem>> =
                    order.iter().map(|&i| items[i].mods.flex_item).collect();
                let boxes = place_list(lp, frame, &sizes, &flex);
                for (k, &i) in order.iter().enumerate() {
                    placed[i] = Some(boxes[k]);
                }
            } else if mods.page.is_some() {
                let sizes: Vec<Vec2> = order
                    .iter()
                    .map(|&i| self.final_size(&items[i], frame.size, None, inherit))
                    .collect();
                let wanted = self
                    .pages
                    .iter()
                    .find(|(holder, _)| !path.is_empty() && holder == path)
                    .map(|(_, page)| page.as_str());
                let current = wanted
                    .and_then(|name| order.iter().position(|&i| items[i].node.name == name))
                    .unwrap_or(0);
                let positions = place_pages(lp, frame, &sizes, current);
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
        // With a UIScale the object and its subtree are laid out at their
        // unscaled size, unclipped, then scaled around `pivot` (the anchor
        // point, or the top-left corner a layout gives) and clipped.
        let s = item.mods.scale();
        let (pos, size, pivot) = match place {
            Some((pos, size)) => (pos, Vec2::new(size.x / s, size.y / s), pos),
            None => {
                let scaled = self.final_size(item, frame.size, None, inherit);
                let size = Vec2::new(scaled.x / s, scaled.y / s);
                let p = &item.props;
                let pivot = Vec2::new(
                    frame.origin.x + udim(p.position.x, frame.size.x),
                    frame.origin.y + udim(p.position.y, frame.size.y),
                );
                let pos = Vec2::new(pivot.x - p.anchor.0 * size.x, pivot.y - p.anchor.1 * size.y);
                (pos, size, pivot)
            }
        };
        let outer_clip = inherit.clip;
        let unclipped;
        let inherit = if s == 1.0 {
            inherit
        } else {
            unclipped = Inherit {
                clip: UNCLIPPED,
                visible: inherit.visible,
                inset: inherit.inset,
                trial: inherit.trial,
                opacity: inherit.opacity,
                tint: inherit.tint,
                scale: inherit.scale,
            };
            &unclipped
        };
        let idx = self.emit_unscaled(item, path, parent, pos, size, inherit);
        if s != 1.0 {
            self.scale_nodes(idx, pivot, s, outer_clip, inherit.inset);
        }
        idx
    }

    /// Every node from `start` on scaled by `s` around `pivot`, then cut by
    /// `outer_clip` (the clip from outside the scaled subtree).
    fn scale_nodes(&mut self, start: usize, pivot: Vec2, s: f32, outer_clip: Rect, inset: Vec2) {
        let at =
            |x: f32, y: f32| Vec2::new(pivot.x + (x - pivot.x) * s, pivot.y + (y - pivot.y) * s);
        let rect = |r: Rect| {
            let p = at(r.x, r.y);
            Rect::new(p.x, p.y, r.w * s, r.h * s)
        };
        for n in &mut self.nodes[start..] {
            n.position = at(n.position.x, n.position.y);
            n.size = Vec2::new(n.size.x * s, n.size.y * s);
            n.absolute_position = Vec2::new(n.position.x - inset.x, n.position.y - inset.y);
            let clip = rect(n.clip);
            n.clip = clip
                .intersect(&outer_clip)
                .unwrap_or(Rect::new(clip.x, clip.y, 0.0, 0.0));
            n.visible_rect = if n.visible {
                n.rect().intersect(&n.clip)
            } else {
                None
            };
            n.border = n.border.map(rect);
            n.border_size *= s;
            n.corner_radius *= s;
            if let Some(stroke) = &mut n.stroke {
                stroke.thickness *= s;
            }
            if let Some(t) = &mut n.text {
                t.size *= s;
                t.line_height *= s;
                t.bounds = Vec2::new(t.bounds.x * s, t.bounds.y * s);
                for line in &mut t.lines {
                    let p = at(line.x, line.y);
                    line.baseline = at(0.0, line.baseline).y;
                    line.x = p.x;
                    line.y = p.y;
                    line.width *= s;
                }
            }
            if let Some(sc) = &mut n.scroll {
                sc.viewport = rect(sc.viewport);
                sc.canvas = rect(sc.canvas);
                sc.canvas_position = Vec2::new(sc.canvas_position.x * s, sc.canvas_position.y * s);
                for bar in [
                    &mut sc.vertical_bar,
                    &mut sc.vertical_thumb,
                    &mut sc.horizontal_bar,
                    &mut sc.horizontal_thumb,
                ] {
                    *bar = bar.map(rect);
                }
            }
            n.content = rect(n.content);
        }
    }

    /// Place one GuiObject at `pos` with its unscaled `size`, and its
    /// subtree; returns its index.
    fn emit_unscaled(
        &mut self,
        item: &Item,
        path: String,
        parent: Option<usize>,
        pos: Vec2,
        size: Vec2,
        inherit: &Inherit,
    ) -> usize {
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
        let (opacity, tint) = if node.class == "CanvasGroup" {
            let (r, g, b) = p.group_color;
            (
                inherit.opacity * (1.0 - p.group_transparency),
                [
                    inherit.tint[0] * f32::from(r) / 255.0,
                    inherit.tint[1] * f32::from(g) / 255.0,
                    inherit.tint[2] * f32::from(b) / 255.0,
                ],
            )
        } else {
            (inherit.opacity, inherit.tint)
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
            gradient: mods.gradient.clone(),
            stroke_gradient: mods.stroke_gradient.clone(),
            opacity,
            tint,
            scale: inherit.scale * mods.scale(),
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
            opacity,
            tint,
            scale: inherit.scale * mods.scale(),
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

/// Boxes (top-left corner, size) for a UIListLayout's items, in layout
/// order; `flex` holds each item's UIFlexItem.
///
/// Along the fill direction, per line: the spare length
/// `free = line length - (sum of item lengths + Padding x (n - 1))` goes to
/// the items that grow, in proportion to their grow ratios (a list with
/// Fill flex: every item without a UIFlexItem grows and shrinks at ratio 1;
/// UIFlexItem Grow 1:0, Shrink 0:1, Fill 1:1, Custom its own ratios); a
/// missing length (free < 0) is taken from the items that shrink, in
/// proportion to their shrink ratios, none below 0. What is still spare is
/// spread by the flex alignment: SpaceBetween adds free / (n - 1) between
/// items, SpaceAround free / n around each (half on each side),
/// SpaceEvenly free / (n + 1) before, between and after; otherwise the
/// line is placed by the alignment, `free x alignment` from the start.
///
/// Across: without Wraps the one line spans the whole frame; with it each
/// line is as thick as its thickest item and the lines are spread like the
/// items (Fill shares the spare thickness equally among the lines). Within
/// its line an item sits by ItemLineAlignment (its UIFlexItem's, else the
/// list's): Start, Center, End, or Stretch to the line's thickness;
/// Automatic follows the list's alignment, or stretches when the cross
/// flex is Fill.
fn place_list(
    lp: &Props,
    frame: Frame,
    sizes: &[Vec2],
    flex: &[Option<FlexItem>],
) -> Vec<(Vec2, Vec2)> {
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
    let (main_flex, cross_flex) = if horiz {
        (lp.h_flex, lp.v_flex)
    } else {
        (lp.v_flex, lp.h_flex)
    };
    let mut main: Vec<f32> = sizes
        .iter()
        .map(|s| if horiz { s.x } else { s.y })
        .collect();
    let mut cross: Vec<f32> = sizes
        .iter()
        .map(|s| if horiz { s.y } else { s.x })
        .collect();
    let pad = udim(lp.list_padding, main_len);
    // Lines of item indices, broken by the items' own lengths.
    let mut lines: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0f32;
    for (i, &m) in main.iter().enumerate() {
        let line = lines.last_mut().unwrap();
        let add = if line.is_empty() { m } else { pad + m };
        if lp.wraps && !line.is_empty() && used + add > main_len + 1e-3 {
            lines.push(vec![i]);
            used = m;
        } else {
            line.push(i);
            used += add;
        }
    }
    let ratios = |i: usize| match flex.get(i).copied().flatten() {
        Some(f) => (f.grow, f.shrink),
        None if main_flex == Flex::Fill => (1.0, 1.0),
        None => (0.0, 0.0),
    };
    // Where each line starts along the fill direction, and the gap after
    // each item.
    let mut line_main: Vec<(f32, f32)> = Vec::with_capacity(lines.len());
    for line in &lines {
        let n = line.len() as f32;
        let total = line.iter().map(|&i| main[i]).sum::<f32>() + pad * (n - 1.0).max(0.0);
        let mut free = main_len - total;
        let grow: f32 = line.iter().map(|&i| ratios(i).0).sum();
        let shrink: f32 = line.iter().map(|&i| ratios(i).1).sum();
        if free > 0.0 && grow > 0.0 {
            for &i in line {
                main[i] += free * ratios(i).0 / grow;
            }
            free = 0.0;
        } else if free < 0.0 && shrink > 0.0 {
            for &i in line {
                main[i] = (main[i] + free * ratios(i).1 / shrink).max(0.0);
            }
            free = 0.0;
        }
        line_main.push(spread(main_flex, free, n, pad, main_align));
    }
    // Across: each line's start and thickness.
    let mut line_cross: Vec<(f32, f32)> = Vec::with_capacity(lines.len());
    if lp.wraps {
        let thick: Vec<f32> = lines
            .iter()
            .map(|l| l.iter().map(|&i| cross[i]).fold(0.0, f32::max))
            .collect();
        let count = thick.len() as f32;
        let total = thick.iter().sum::<f32>() + pad * (count - 1.0).max(0.0);
        let free = cross_len - total;
        let extra = if cross_flex == Flex::Fill && free > 0.0 {
            free / count
        } else {
            0.0
        };
        let (mut at, gap) = if extra > 0.0 {
            (0.0, pad)
        } else {
            spread(cross_flex, free, count, pad, cross_align)
        };
        for t in thick {
            line_cross.push((at, t + extra));
            at += t + extra + gap;
        }
    } else {
        line_cross.push((0.0, cross_len));
    }
    let mut out = vec![(Vec2::ZERO, Vec2::ZERO); sizes.len()];
    for (li, line) in lines.iter().enumerate() {
        let (mut main_at, gap) = line_main[li];
        let (cross_start, thickness) = line_cross[li];
        for &i in line {
            let own = flex
                .get(i)
                .copied()
                .flatten()
                .map_or(LineAlign::Automatic, |f| f.align);
            let align = match (own, lp.item_line_alignment) {
                (LineAlign::Automatic, LineAlign::Automatic) if cross_flex == Flex::Fill => {
                    LineAlign::Stretch
                }
                (LineAlign::Automatic, list) => list,
                (item, _) => item,
            };
            let offset = match align {
                LineAlign::Stretch => {
                    cross[i] = thickness;
                    0.0
                }
                LineAlign::Start => 0.0,
                LineAlign::Center => (thickness - cross[i]) / 2.0,
                LineAlign::End => thickness - cross[i],
                LineAlign::Automatic => (thickness - cross[i]) * cross_align,
            };
            let c = cross_start + offset;
            out[i] = if horiz {
                (
                    Vec2::new(frame.origin.x + main_at, frame.origin.y + c),
                    Vec2::new(main[i], cross[i]),
                )
            } else {
                (
                    Vec2::new(frame.origin.x + c, frame.origin.y + main_at),
                    Vec2::new(cross[i], main[i]),
                )
            };
            main_at += main[i] + gap;
        }
    }
    out
}

/// Where `n` things start and the gap between them, sharing out `free`
/// spare length by a flex alignment (or the plain alignment).
fn spread(flex: Flex, free: f32, n: f32, pad: f32, align: f32) -> (f32, f32) {
    if free <= 0.0 || n < 1.0 {
        return (free * align, pad);
    }
    match flex {
        Flex::SpaceBetween if n > 1.0 => (0.0, pad + free / (n - 1.0)),
        Flex::SpaceBetween => (0.0, pad),
        Flex::SpaceAround => (free / (2.0 * n), pad + free / n),
        Flex::SpaceEvenly => (free / (n + 1.0), pad + free / (n + 1.0)),
        Flex::None | Flex::Fill => (free * align, pad),
    }
}

/// Top-left corners of a UIPageLayout's pages, in page order, showing page
/// `current`: it sits in the frame by the alignments (the spare room times
/// the alignment, on each axis), and the others follow it, and precede it,
/// along the fill direction, each Padding apart. Across, every page is
/// aligned the same way.
fn place_pages(lp: &Props, frame: Frame, sizes: &[Vec2], current: usize) -> Vec<Vec2> {
    if sizes.is_empty() {
        return Vec::new();
    }
    let horiz = lp.fill_horizontal;
    let main_of = |s: Vec2| if horiz { s.x } else { s.y };
    let cross_of = |s: Vec2| if horiz { s.y } else { s.x };
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
    let pad = udim(lp.list_padding, main_len);
    let current = current.min(sizes.len() - 1);
    let mut main_at = vec![0.0f32; sizes.len()];
    main_at[current] = (main_len - main_of(sizes[current])) * main_align;
    for k in current + 1..sizes.len() {
        main_at[k] = main_at[k - 1] + main_of(sizes[k - 1]) + pad;
    }
    for k in (0..current).rev() {
        main_at[k] = main_at[k + 1] - pad - main_of(sizes[k]);
    }
    sizes
        .iter()
        .zip(main_at)
        .map(|(&s, m)| {
            let c = (cross_len - cross_of(s)) * cross_align;
            if horiz {
                Vec2::new(frame.origin.x + m, frame.origin.y + c)
            } else {
                Vec2::new(frame.origin.x + c, frame.origin.y + m)
            }
        })
        .collect()
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
