//! The building blocks the looks share: a label, a rounded corner, an
//! outline, a scrolling list. Each sets the properties Roblox needs so a
//! look never relies on a default that differs between Studio and
//! Instance.new.

use crate::project::UDim;
use crate::project::gui::{ColorKey, FontWeight, GuiNode, PropValue};

pub const GOTHAM: &str = "rbxasset://fonts/families/GothamSSm.json";
pub const BUILDER: &str = "rbxasset://fonts/families/BuilderSans.json";
pub const COMIC: &str = "rbxasset://fonts/families/ComicNeueAngular.json";
pub const CODE: &str = "rbxasset://fonts/families/Inconsolata.json";
pub const ROBOTO: &str = "rbxasset://fonts/families/Roboto.json";
pub const SOURCE_SANS: &str = "rbxasset://fonts/families/SourceSansPro.json";

pub type Rgb = (u8, u8, u8);

pub fn rgb((r, g, b): Rgb) -> PropValue {
    PropValue::Color3(r, g, b)
}

pub fn udim2(xs: f32, xo: i32, ys: f32, yo: i32) -> PropValue {
    PropValue::udim2(xs, xo, ys, yo)
}

pub fn enum_item(name: &str, item: &str) -> PropValue {
    PropValue::enum_item(name, item)
}

/// The ScreenGui every on-screen look starts from: it survives respawns
/// (the list would otherwise empty on every death) and draws siblings by
/// ZIndex.
pub fn screen_gui() -> GuiNode {
    GuiNode::new("ScreenGui", "LeaderboardGUI")
        .with("ResetOnSpawn", PropValue::Bool(false))
        .with("ZIndexBehavior", enum_item("ZIndexBehavior", "Sibling"))
}

/// A borderless Frame filled with `color`.
pub fn panel(name: &str, color: Rgb, transparency: f32) -> GuiNode {
    GuiNode::new("Frame", name)
        .with("BackgroundColor3", rgb(color))
        .with("BackgroundTransparency", PropValue::Float(transparency))
        .with("BorderSizePixel", PropValue::Int(0))
}

/// A text without a background.
pub fn label(
    name: &str,
    text: &str,
    size: f32,
    color: Rgb,
    family: &str,
    weight: FontWeight,
) -> GuiNode {
    GuiNode::new("TextLabel", name)
        .with("BackgroundTransparency", PropValue::Float(1.0))
        .with("BorderSizePixel", PropValue::Int(0))
        .with("Text", PropValue::String(text.into()))
        .with("TextSize", PropValue::Float(size))
        .with("TextColor3", rgb(color))
        .with("FontFace", PropValue::font(family, weight))
}

/// A label that ends in "..." instead of running out of its box: for
/// player names, which can be 20 characters long.
pub fn name_label(name: &str, size: f32, color: Rgb, family: &str, weight: FontWeight) -> GuiNode {
    label(name, "{name}", size, color, family, weight)
        .with("TextTruncate", enum_item("TextTruncate", "AtEnd"))
}

pub fn align_x(node: GuiNode, item: &str) -> GuiNode {
    node.with("TextXAlignment", enum_item("TextXAlignment", item))
}

pub fn corner(pixels: i32) -> GuiNode {
    GuiNode::new("UICorner", "UICorner").with(
        "CornerRadius",
        PropValue::UDim(crate::project::UDim(0.0, pixels)),
    )
}

/// An outline around the box (not the letters).
pub fn outline(color: Rgb, thickness: f32, transparency: f32) -> GuiNode {
    GuiNode::new("UIStroke", "UIStroke")
        .with("ApplyStrokeMode", enum_item("ApplyStrokeMode", "Border"))
        .with("Color", rgb(color))
        .with("Thickness", PropValue::Float(thickness))
        .with("Transparency", PropValue::Float(transparency))
}

pub fn padding(left: i32, right: i32, top: i32, bottom: i32) -> GuiNode {
    let u = |px| PropValue::UDim(crate::project::UDim(0.0, px));
    GuiNode::new("UIPadding", "UIPadding")
        .with("PaddingLeft", u(left))
        .with("PaddingRight", u(right))
        .with("PaddingTop", u(top))
        .with("PaddingBottom", u(bottom))
}

/// Keeps a box between two sizes in pixels however big the screen is.
pub fn size_limits(min: (f32, f32), max: (f32, f32)) -> GuiNode {
    GuiNode::new("UISizeConstraint", "UISizeConstraint")
        .with("MinSize", PropValue::Vector2(min.0, min.1))
        .with("MaxSize", PropValue::Vector2(max.0, max.1))
}

/// Rows stacked in rank order (the rows' LayoutOrder is their rank).
pub fn list(direction: &str, gap: i32) -> GuiNode {
    GuiNode::new("UIListLayout", "UIListLayout")
        .with("FillDirection", enum_item("FillDirection", direction))
        .with("Padding", PropValue::UDim(crate::project::UDim(0.0, gap)))
        .with("SortOrder", enum_item("SortOrder", "LayoutOrder"))
}

/// A list that scrolls along `direction` ("Y" or "X") once the rows no
/// longer fit, its canvas growing with the rows.
pub fn scroller(name: &str, direction: &str, bar: Rgb) -> GuiNode {
    GuiNode::new("ScrollingFrame", name)
        .with("AutomaticCanvasSize", enum_item("AutomaticSize", direction))
        .with("BackgroundTransparency", PropValue::Float(1.0))
        .with("BorderSizePixel", PropValue::Int(0))
        .with("CanvasSize", udim2(0.0, 0, 0.0, 0))
        .with("ScrollBarImageColor3", rgb(bar))
        .with("ScrollBarThickness", PropValue::Int(4))
        .with(
            "ScrollingDirection",
            enum_item("ScrollingDirection", direction),
        )
}

/// The player's head shot, square, centred on the row's height.
pub fn avatar(side: i32, x: i32, back: Rgb) -> GuiNode {
    GuiNode::new("ImageLabel", "Avatar")
        .with("AnchorPoint", PropValue::Vector2(0.0, 0.5))
        .with("BackgroundColor3", rgb(back))
        .with("BorderSizePixel", PropValue::Int(0))
        .with("Image", PropValue::Content("{avatar}".into()))
        .with("Position", udim2(0.0, x, 0.5, 0))
        .with("Size", udim2(0.0, side, 0.0, side))
}

/// How a one-line row looks: rank, optional avatar, name, value.
pub struct RowStyle {
    pub height: i32,
    pub back: Rgb,
    pub back_transparency: f32,
    pub corner: Option<i32>,
    pub outline: Option<(Rgb, f32, f32)>,
    pub rank_text: &'static str,
    pub rank_width: i32,
    pub rank_color: Rgb,
    pub name_color: Rgb,
    pub value_color: Rgb,
    pub family: &'static str,
    pub text_size: f32,
    /// Background of the avatar picture; None leaves the avatar out.
    pub avatar: Option<Rgb>,
    /// Room for the value: "12,345,678" in the chosen font and size.
    pub value_width: i32,
}

/// The row named "Entry": a Frame as wide as the list, its texts bound to
/// {rank}, {name} and {value}.
pub fn row(s: &RowStyle) -> GuiNode {
    let mut row = panel("Entry", s.back, s.back_transparency)
        .with("Size", udim2(1.0, -8, 0.0, s.height))
        .child(padding(6, 8, 0, 0));
    if let Some(r) = s.corner {
        row = row.child(corner(r));
    }
    if let Some((color, thickness, transparency)) = s.outline {
        row = row.child(outline(color, thickness, transparency));
    }
    let mut x = s.rank_width + 4;
    // Ranks up to 100 and the own row's "100+" shrink to fit, never
    // below what reads on a phone.
    row = row.child(
        label(
            "Rank",
            s.rank_text,
            s.text_size,
            s.rank_color,
            s.family,
            FontWeight::Bold,
        )
        .with("Size", udim2(0.0, s.rank_width, 1.0, 0))
        .with("TextScaled", PropValue::Bool(true))
        .child(text_limits(11, s.text_size as i64)),
    );
    if let Some(back) = s.avatar {
        let side = (s.height - 8).min(40);
        row = row.child(avatar(side, x, back).with("BorderSizePixel", PropValue::Int(0)));
        x += side + 6;
    }
    row.child(
        align_x(
            name_label(
                "PlayerName",
                s.text_size,
                s.name_color,
                s.family,
                FontWeight::Medium,
            ),
            "Left",
        )
        .with("Position", udim2(0.0, x, 0.0, 0))
        .with("Size", udim2(1.0, -(x + s.value_width + 4), 1.0, 0)),
    )
    .child(
        align_x(
            label(
                "Value",
                "{value}",
                s.text_size,
                s.value_color,
                s.family,
                FontWeight::Bold,
            ),
            "Right",
        )
        .with("AnchorPoint", PropValue::Vector2(1.0, 0.0))
        .with("Position", udim2(1.0, 0, 0.0, 0))
        .with("Size", udim2(0.0, s.value_width, 1.0, 0)),
    )
}

/// What a look must make room for besides the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Room {
    /// A strip of tabs, one per period, above the list.
    pub tabs: bool,
    /// The player's own row, below the list.
    pub you: bool,
    /// A line above the list counting down to the period's end, with this
    /// text ({period}, {resets}); None for all-time boards.
    pub countdown: Option<&'static str>,
}

/// Height of the strip of tabs, in pixels.
pub const TAB_STRIP: i32 = 28;

fn udim2_of(node: &GuiNode, prop: &str) -> (UDim, UDim) {
    match node.prop(prop) {
        Some(PropValue::UDim2(x, y)) => (*x, *y),
        _ => (UDim(0.0, 0), UDim(0.0, 0)),
    }
}

/// Shortens the list at `list_path` (a path below the root) to make room
/// for a strip of tabs (`strip_height` tall) and the `caption` counting
/// down (see [`caption`]) above it, and a holder for the player's own row
/// (`you_height` tall) below it, all as wide as the list, `gap` pixels
/// apart. Returns the paths of the tabs' holder and the own row's holder
/// (empty when there is no room for them).
pub fn make_room(
    gui: &mut GuiNode,
    list_path: &str,
    room: Room,
    (strip_height, you_height, gap): (i32, i32, i32),
    caption: GuiNode,
) -> (String, String) {
    let (parent_path, list_name) = list_path.rsplit_once('/').unwrap_or(("", list_path));
    let Some(parent) = find_mut(gui, parent_path) else {
        return (String::new(), String::new());
    };
    let Some(at) = parent.children.iter().position(|c| c.name == list_name) else {
        return (String::new(), String::new());
    };
    let (px, mut py) = udim2_of(&parent.children[at], "Position");
    let (sx, mut sy) = udim2_of(&parent.children[at], "Size");
    let holder = |name: &str| {
        GuiNode::new("Frame", name)
            .with("BackgroundTransparency", PropValue::Float(1.0))
            .with("BorderSizePixel", PropValue::Int(0))
    };
    let join = |name: &str| {
        if parent_path.is_empty() {
            name.to_string()
        } else {
            format!("{parent_path}/{name}")
        }
    };
    let mut tabs_in = String::new();
    let mut you_in = String::new();
    if room.tabs {
        let strip = holder("Tabs")
            .with("Position", PropValue::UDim2(px, py))
            .with("Size", PropValue::UDim2(sx, UDim(0.0, strip_height)))
            .child(list("Horizontal", 4));
        py = UDim(py.0, py.1 + strip_height + gap);
        sy = UDim(sy.0, sy.1 - strip_height - gap);
        parent.children.insert(at, strip);
        tabs_in = join("Tabs");
    }
    if let Some(text) = room.countdown {
        let height = caption_height(&caption);
        let line = caption
            .with("Text", PropValue::String(text.into()))
            .with("Position", PropValue::UDim2(px, py))
            .with("Size", PropValue::UDim2(sx, UDim(0.0, height)));
        py = UDim(py.0, py.1 + height + gap);
        sy = UDim(sy.0, sy.1 - height - gap);
        parent.children.push(line);
    }
    if room.you {
        sy = UDim(sy.0, sy.1 - you_height - gap);
        let below = UDim(py.0 + sy.0, py.1 + sy.1 + gap);
        parent.children.push(
            holder("You")
                .with("Position", PropValue::UDim2(px, below))
                .with("Size", PropValue::UDim2(sx, UDim(0.0, you_height))),
        );
        you_in = join("You");
    }
    if let Some(l) = parent.children.iter_mut().find(|c| c.name == list_name) {
        l.properties
            .insert("Position".into(), PropValue::UDim2(px, py));
        l.properties.insert("Size".into(), PropValue::UDim2(sx, sy));
    }
    (tabs_in, you_in)
}

fn find_mut<'a>(node: &'a mut GuiNode, path: &str) -> Option<&'a mut GuiNode> {
    let mut node = node;
    for part in path.split('/').filter(|p| !p.is_empty()) {
        node = node.children.iter_mut().find(|c| c.name == part)?;
    }
    Some(node)
}

/// A tab: a button reading {period}, as wide as a share of the strip (set
/// by [`super::Look::apply_to`] once the number of periods is known), its
/// text shrinking to 11 px and wrapping before it runs out of the button.
pub fn tab(back: Rgb, text: Rgb, family: &str, corner_px: Option<i32>, max_text: i64) -> GuiNode {
    let mut tab = GuiNode::new("TextButton", "Tab")
        .with("AutoButtonColor", PropValue::Bool(true))
        .with("BackgroundColor3", rgb(back))
        .with("BackgroundTransparency", PropValue::Float(0.0))
        .with("BorderSizePixel", PropValue::Int(0))
        .with("FontFace", PropValue::font(family, FontWeight::Bold))
        .with("Size", udim2(0.5, -2, 1.0, 0))
        .with("Text", PropValue::String("{period}".into()))
        .with("TextColor3", rgb(text))
        .with("TextScaled", PropValue::Bool(true))
        .with("TextSize", PropValue::Float(max_text as f32))
        .with("TextWrapped", PropValue::Bool(true))
        .child(text_limits(11, max_text));
    if let Some(r) = corner_px {
        tab = tab.child(corner(r));
    }
    tab
}

/// Keeps scaled text between two sizes in pixels.
pub fn text_limits(min: i64, max: i64) -> GuiNode {
    GuiNode::new("UITextSizeConstraint", "UITextSizeConstraint")
        .with("MaxTextSize", PropValue::Int(max))
        .with("MinTextSize", PropValue::Int(min))
}

/// Shades its parent from one colour to the next along `rotation`
/// degrees (90: top to bottom). Roblox multiplies the parent's colour by
/// the gradient's, so white keeps the parent's own colour.
pub fn shading(keys: &[(f32, Rgb)], rotation: f32) -> GuiNode {
    GuiNode::new("UIGradient", "UIGradient")
        .with(
            "Color",
            PropValue::ColorSequence(keys.iter().map(|&(t, c)| ColorKey(t, c)).collect()),
        )
        .with("Rotation", PropValue::Float(rotation))
}

/// The line that counts down to the end of the period, in a look's
/// colour and font; [`make_room`] places it and sets its text.
pub fn caption(color: Rgb, family: &str, size: f32) -> GuiNode {
    // Not cut with "...": the time left is at the end.
    align_x(
        label("Countdown", "", size, color, family, FontWeight::Medium),
        "Left",
    )
}

fn caption_height(caption: &GuiNode) -> i32 {
    match caption.prop("TextSize") {
        Some(PropValue::Float(size)) => size.ceil() as i32 + 4,
        _ => 18,
    }
}
