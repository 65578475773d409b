//! The building blocks the looks share: a label, a rounded corner, an
//! outline, a scrolling list. Each sets the properties Roblox needs so a
//! look never relies on a default that differs between Studio and
//! Instance.new.

use crate::project::gui::{FontWeight, GuiNode, PropValue};

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
    row = row.child(
        label(
            "Rank",
            s.rank_text,
            s.text_size,
            s.rank_color,
            s.family,
            FontWeight::Bold,
        )
        .with("Size", udim2(0.0, s.rank_width, 1.0, 0)),
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
