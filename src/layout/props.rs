//! Typed view of the properties layout reads: the class defaults from
//! [`crate::project::classes`] with the node's own properties applied.
//! Defaults are resolved once per class, so a node costs only a pass over
//! the properties it sets.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::project::classes;
use crate::project::gui::{ColorKey, FontStyle, FontWeight, GuiNode, NumberKey, PropValue, UDim};

use super::fonts::FontId;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct UDim2 {
    pub x: UDim,
    pub y: UDim,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SizeConstraint {
    XY,
    XX,
    YY,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BorderMode {
    Outline,
    Middle,
    Inset,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Truncate {
    None,
    AtEnd,
    SplitWord,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sort {
    Name,
    Custom,
    LayoutOrder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BarInset {
    None,
    ScrollBar,
    Always,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScreenInsets {
    None,
    DeviceSafe,
    CoreUiSafe,
    TopbarSafe,
}

/// UIFlexAlignment: how a list shares out spare space along one axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flex {
    None,
    Fill,
    SpaceAround,
    SpaceBetween,
    SpaceEvenly,
}

/// ItemLineAlignment: where an item sits across its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineAlign {
    Automatic,
    Start,
    Center,
    End,
    Stretch,
}

/// UIFlexMode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FlexMode {
    None,
    Grow,
    Shrink,
    Fill,
    Custom,
}

/// Bits: 1 = X, 2 = Y.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Axes(pub u8);

impl Axes {
    pub fn x(self) -> bool {
        self.0 & 1 != 0
    }
    pub fn y(self) -> bool {
        self.0 & 2 != 0
    }
    pub fn any(self) -> bool {
        self.0 != 0
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Props<'a> {
    // GuiObject
    pub anchor: (f32, f32),
    pub automatic_size: Axes,
    pub background_transparency: f32,
    pub border_mode: BorderMode,
    pub border_size: f32,
    pub clips: bool,
    pub layout_order: i64,
    pub position: UDim2,
    pub rotation: f32,
    pub size: UDim2,
    pub size_constraint: SizeConstraint,
    pub visible: bool,
    pub z_index: i64,
    // Text
    pub font_family: &'a str,
    pub font_weight: FontWeight,
    pub font_style: FontStyle,
    pub line_height: f32,
    pub rich_text: bool,
    pub text: &'a str,
    pub text_scaled: bool,
    pub text_size: f32,
    pub text_truncate: Truncate,
    pub text_wrapped: bool,
    /// 0 left/top, 0.5 centre, 1 right/bottom.
    pub text_x: f32,
    pub text_y: f32,
    // ScrollingFrame
    pub automatic_canvas: Axes,
    pub canvas_position: (f32, f32),
    pub canvas_size: UDim2,
    pub h_bar_inset: BarInset,
    pub v_bar_inset: BarInset,
    pub scroll_bar_thickness: f32,
    pub scrolling_direction: Axes,
    // Roots
    pub enabled: bool,
    pub z_global: bool,
    pub display_order: i64,
    pub ignore_gui_inset: bool,
    pub screen_insets: ScreenInsets,
    pub clip_to_device_safe_area: bool,
    pub surface_canvas: (f32, f32),
    pub pixels_per_stud: f32,
    pub sizing_fixed: bool,
    // UIListLayout / UIGridLayout
    pub fill_horizontal: bool,
    pub list_padding: UDim,
    /// 0 left/top, 0.5 centre, 1 right/bottom.
    pub h_align: f32,
    pub v_align: f32,
    pub sort: Sort,
    pub wraps: bool,
    pub cell_padding: UDim2,
    pub cell_size: UDim2,
    pub max_cells: i64,
    pub start_right: bool,
    pub start_bottom: bool,
    pub h_flex: Flex,
    pub v_flex: Flex,
    pub item_line_alignment: LineAlign,
    // UIFlexItem
    pub flex_mode: FlexMode,
    pub grow_ratio: f32,
    pub shrink_ratio: f32,
    // UIScale
    pub ui_scale: f32,
    // CanvasGroup
    pub group_transparency: f32,
    pub group_color: (u8, u8, u8),
    // UIGradient (Rotation and Enabled are shared with other classes)
    pub gradient_color: &'a [ColorKey],
    pub gradient_transparency: &'a [NumberKey],
    pub gradient_offset: (f32, f32),
    // UIPadding: left, top, right, bottom
    pub padding: [UDim; 4],
    // UICorner
    pub corner_radius: UDim,
    // UIStroke
    pub stroke_border: bool,
    pub stroke_enabled: bool,
    pub stroke_thickness: f32,
    pub stroke_transparency: f32,
    // UIAspectRatioConstraint
    pub aspect_ratio: f32,
    pub aspect_scale_with_parent: bool,
    pub dominant_height: bool,
    // UISizeConstraint
    pub min_size: (f32, f32),
    pub max_size: (f32, f32),
    // UITextSizeConstraint
    pub min_text_size: f32,
    pub max_text_size: f32,
}

const Z: UDim = UDim(0.0, 0);
const Z2: UDim2 = UDim2 { x: Z, y: Z };

static BASE: Props<'static> = Props {
    anchor: (0.0, 0.0),
    automatic_size: Axes(0),
    background_transparency: 0.0,
    border_mode: BorderMode::Outline,
    border_size: 0.0,
    clips: false,
    layout_order: 0,
    position: Z2,
    rotation: 0.0,
    size: Z2,
    size_constraint: SizeConstraint::XY,
    visible: true,
    z_index: 1,
    font_family: classes::DEFAULT_FONT_FAMILY,
    font_weight: FontWeight::Regular,
    font_style: FontStyle::Normal,
    line_height: 1.0,
    rich_text: false,
    text: "",
    text_scaled: false,
    text_size: 14.0,
    text_truncate: Truncate::None,
    text_wrapped: false,
    text_x: 0.5,
    text_y: 0.5,
    automatic_canvas: Axes(0),
    canvas_position: (0.0, 0.0),
    canvas_size: Z2,
    h_bar_inset: BarInset::None,
    v_bar_inset: BarInset::None,
    scroll_bar_thickness: 12.0,
    scrolling_direction: Axes(3),
    enabled: true,
    z_global: false,
    display_order: 0,
    ignore_gui_inset: false,
    screen_insets: ScreenInsets::CoreUiSafe,
    clip_to_device_safe_area: true,
    surface_canvas: (800.0, 600.0),
    pixels_per_stud: 50.0,
    sizing_fixed: true,
    fill_horizontal: false,
    list_padding: Z,
    h_align: 0.0,
    v_align: 0.0,
    sort: Sort::LayoutOrder,
    wraps: false,
    cell_padding: Z2,
    cell_size: Z2,
    max_cells: 0,
    start_right: false,
    start_bottom: false,
    h_flex: Flex::None,
    v_flex: Flex::None,
    item_line_alignment: LineAlign::Automatic,
    flex_mode: FlexMode::None,
    grow_ratio: 0.0,
    shrink_ratio: 0.0,
    ui_scale: 1.0,
    group_transparency: 0.0,
    group_color: (255, 255, 255),
    gradient_color: &[],
    gradient_transparency: &[],
    gradient_offset: (0.0, 0.0),
    padding: [Z; 4],
    corner_radius: UDim(0.0, 8),
    stroke_border: false,
    stroke_enabled: true,
    stroke_thickness: 1.0,
    stroke_transparency: 0.0,
    aspect_ratio: 1.0,
    aspect_scale_with_parent: false,
    dominant_height: false,
    min_size: (0.0, 0.0),
    max_size: (f32::INFINITY, f32::INFINITY),
    min_text_size: 1.0,
    max_text_size: 100.0,
};

static DEFAULTS: LazyLock<HashMap<&'static str, Props<'static>>> = LazyLock::new(|| {
    classes::classes()
        .iter()
        .map(|(name, info)| {
            let mut props = BASE.clone();
            for p in &info.properties {
                props.apply(p.name, &p.default);
            }
            (*name, props)
        })
        .collect()
});

/// Class facts layout needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    ScreenGui,
    SurfaceGui,
    /// A GuiObject (drawn box); `text` for TextLabel/TextButton,
    /// `scrolling` for ScrollingFrame.
    Object {
        text: bool,
        scrolling: bool,
    },
    ListLayout,
    GridLayout,
    PageLayout,
    Padding,
    Gradient,
    Scale,
    FlexItem,
    Corner,
    Stroke,
    AspectRatio,
    SizeConstraint,
    TextSizeConstraint,
    /// Anything else: not laid out (nor its descendants).
    Other,
}

pub(crate) fn kind(class: &str) -> Kind {
    match class {
        "ScreenGui" => Kind::ScreenGui,
        "SurfaceGui" => Kind::SurfaceGui,
        "UIListLayout" => Kind::ListLayout,
        "UIGridLayout" => Kind::GridLayout,
        "UIPageLayout" => Kind::PageLayout,
        "UIGradient" => Kind::Gradient,
        "UIScale" => Kind::Scale,
        "UIFlexItem" => Kind::FlexItem,
        "UIPadding" => Kind::Padding,
        "UICorner" => Kind::Corner,
        "UIStroke" => Kind::Stroke,
        "UIAspectRatioConstraint" => Kind::AspectRatio,
        "UISizeConstraint" => Kind::SizeConstraint,
        "UITextSizeConstraint" => Kind::TextSizeConstraint,
        "TextLabel" | "TextButton" | "TextBox" => Kind::Object {
            text: true,
            scrolling: false,
        },
        "ScrollingFrame" => Kind::Object {
            text: false,
            scrolling: true,
        },
        "Frame" | "ImageLabel" | "ImageButton" | "CanvasGroup" | "VideoFrame" | "ViewportFrame" => {
            Kind::Object {
                text: false,
                scrolling: false,
            }
        }
        other => match classes::class(other) {
            Some(info) if info.is_gui_object => Kind::Object {
                text: false,
                scrolling: false,
            },
            _ => Kind::Other,
        },
    }
}

impl<'a> Props<'a> {
    /// The class defaults with `node`'s properties applied.
    pub fn of(node: &'a GuiNode) -> Props<'a> {
        let mut props = match DEFAULTS.get(node.class.as_str()) {
            Some(d) => d.clone(),
            None => DEFAULTS
                .get(match kind(&node.class) {
                    Kind::Object { text: true, .. } => "TextLabel",
                    _ => "Frame",
                })
                .cloned()
                .unwrap_or_else(|| BASE.clone()),
        };
        for (name, value) in &node.properties {
            props.apply(name, value);
        }
        props
    }

    pub fn font(&self) -> FontId {
        FontId::for_face(self.font_family, self.font_weight, self.font_style)
    }

    /// Set one property; values of the wrong type are ignored (validation
    /// reports them), keeping the default.
    fn apply(&mut self, name: &str, value: &'a PropValue) {
        use PropValue as V;
        match (name, value) {
            ("AnchorPoint", V::Vector2(x, y)) => self.anchor = (*x, *y),
            ("AutomaticSize", V::Enum(_, i)) => self.automatic_size = axes(i),
            ("BackgroundTransparency", v) => {
                if let Some(f) = num(v) {
                    self.background_transparency = f
                }
            }
            ("BorderMode", V::Enum(_, i)) => {
                self.border_mode = match i.as_str() {
                    "Middle" => BorderMode::Middle,
                    "Inset" => BorderMode::Inset,
                    _ => BorderMode::Outline,
                }
            }
            ("BorderSizePixel", v) => {
                if let Some(f) = num(v) {
                    self.border_size = f.max(0.0)
                }
            }
            ("ClipsDescendants", V::Bool(b)) => self.clips = *b,
            ("LayoutOrder", v) => {
                if let Some(f) = num(v) {
                    self.layout_order = f as i64
                }
            }
            ("Position", V::UDim2(x, y)) => self.position = UDim2 { x: *x, y: *y },
            ("Rotation", v) => {
                if let Some(f) = num(v) {
                    self.rotation = f
                }
            }
            ("Size", V::UDim2(x, y)) => self.size = UDim2 { x: *x, y: *y },
            ("SizeConstraint", V::Enum(_, i)) => {
                self.size_constraint = match i.as_str() {
                    "RelativeXX" => SizeConstraint::XX,
                    "RelativeYY" => SizeConstraint::YY,
                    _ => SizeConstraint::XY,
                }
            }
            ("Visible", V::Bool(b)) => self.visible = *b,
            ("ZIndex", v) => {
                if let Some(f) = num(v) {
                    self.z_index = f as i64
                }
            }
            (
                "FontFace",
                V::Font {
                    family,
                    weight,
                    style,
                },
            ) => {
                self.font_family = family;
                self.font_weight = *weight;
                self.font_style = *style;
            }
            ("Font", V::Enum(_, item)) => {
                // Legacy Enum.Font: name the family, keep the weight it implies.
                let (family, weight) = legacy_font(item);
                self.font_family = family;
                self.font_weight = weight;
            }
            ("LineHeight", v) => {
                if let Some(f) = num(v) {
                    self.line_height = f.clamp(1.0, 3.0)
                }
            }
            ("RichText", V::Bool(b)) => self.rich_text = *b,
            ("Text", V::String(s)) => self.text = s,
            ("TextScaled", V::Bool(b)) => self.text_scaled = *b,
            ("TextSize", v) => {
                if let Some(f) = num(v) {
                    self.text_size = f.clamp(1.0, 100.0)
                }
            }
            ("TextTruncate", V::Enum(_, i)) => {
                self.text_truncate = match i.as_str() {
                    "AtEnd" => Truncate::AtEnd,
                    "SplitWord" => Truncate::SplitWord,
                    _ => Truncate::None,
                }
            }
            ("TextWrapped", V::Bool(b)) => self.text_wrapped = *b,
            ("TextXAlignment", V::Enum(_, i)) => self.text_x = align(i),
            ("TextYAlignment", V::Enum(_, i)) => self.text_y = align(i),
            ("AutomaticCanvasSize", V::Enum(_, i)) => self.automatic_canvas = axes(i),
            ("CanvasPosition", V::Vector2(x, y)) => self.canvas_position = (*x, *y),
            ("CanvasSize", V::UDim2(x, y)) => self.canvas_size = UDim2 { x: *x, y: *y },
            ("CanvasSize", V::Vector2(x, y)) => self.surface_canvas = (*x, *y),
            ("HorizontalScrollBarInset", V::Enum(_, i)) => self.h_bar_inset = bar_inset(i),
            ("VerticalScrollBarInset", V::Enum(_, i)) => self.v_bar_inset = bar_inset(i),
            ("ScrollBarThickness", v) => {
                if let Some(f) = num(v) {
                    self.scroll_bar_thickness = f.max(0.0)
                }
            }
            ("ScrollingDirection", V::Enum(_, i)) => self.scrolling_direction = axes(i),
            ("Enabled", V::Bool(b)) => {
                self.enabled = *b;
                self.stroke_enabled = *b;
            }
            ("ZIndexBehavior", V::Enum(_, i)) => self.z_global = i == "Global",
            ("DisplayOrder", v) => {
                if let Some(f) = num(v) {
                    self.display_order = f as i64
                }
            }
            ("IgnoreGuiInset", V::Bool(b)) => self.ignore_gui_inset = *b,
            ("ScreenInsets", V::Enum(_, i)) => {
                self.screen_insets = match i.as_str() {
                    "None" => ScreenInsets::None,
                    "DeviceSafeInsets" => ScreenInsets::DeviceSafe,
                    "TopbarSafeInsets" => ScreenInsets::TopbarSafe,
                    _ => ScreenInsets::CoreUiSafe,
                }
            }
            ("ClipToDeviceSafeArea", V::Bool(b)) => self.clip_to_device_safe_area = *b,
            ("PixelsPerStud", v) => {
                if let Some(f) = num(v) {
                    self.pixels_per_stud = f.max(0.0)
                }
            }
            ("SizingMode", V::Enum(_, i)) => self.sizing_fixed = i != "PixelsPerStud",
            ("FillDirection", V::Enum(_, i)) => self.fill_horizontal = i == "Horizontal",
            ("Padding", V::UDim(u)) => self.list_padding = *u,
            ("HorizontalAlignment", V::Enum(_, i)) => self.h_align = align(i),
            ("VerticalAlignment", V::Enum(_, i)) => self.v_align = align(i),
            ("SortOrder", V::Enum(_, i)) => {
                self.sort = match i.as_str() {
                    "Name" => Sort::Name,
                    "Custom" => Sort::Custom,
                    _ => Sort::LayoutOrder,
                }
            }
            ("Wraps", V::Bool(b)) => self.wraps = *b,
            ("CellPadding", V::UDim2(x, y)) => self.cell_padding = UDim2 { x: *x, y: *y },
            ("CellSize", V::UDim2(x, y)) => self.cell_size = UDim2 { x: *x, y: *y },
            ("FillDirectionMaxCells", v) => {
                if let Some(f) = num(v) {
                    self.max_cells = f as i64
                }
            }
            ("StartCorner", V::Enum(_, i)) => {
                self.start_right = i.ends_with("Right");
                self.start_bottom = i.starts_with("Bottom");
            }
            ("HorizontalFlex", V::Enum(_, i)) => self.h_flex = flex(i),
            ("VerticalFlex", V::Enum(_, i)) => self.v_flex = flex(i),
            ("ItemLineAlignment", V::Enum(_, i)) => {
                self.item_line_alignment = match i.as_str() {
                    "Start" => LineAlign::Start,
                    "Center" => LineAlign::Center,
                    "End" => LineAlign::End,
                    "Stretch" => LineAlign::Stretch,
                    _ => LineAlign::Automatic,
                }
            }
            ("FlexMode", V::Enum(_, i)) => {
                self.flex_mode = match i.as_str() {
                    "Grow" => FlexMode::Grow,
                    "Shrink" => FlexMode::Shrink,
                    "Fill" => FlexMode::Fill,
                    "Custom" => FlexMode::Custom,
                    _ => FlexMode::None,
                }
            }
            ("GrowRatio", v) => {
                if let Some(f) = num(v) {
                    self.grow_ratio = f.max(0.0)
                }
            }
            ("ShrinkRatio", v) => {
                if let Some(f) = num(v) {
                    self.shrink_ratio = f.max(0.0)
                }
            }
            ("Scale", v) => {
                if let Some(f) = num(v) {
                    self.ui_scale = f.max(0.0)
                }
            }
            ("GroupTransparency", v) => {
                if let Some(f) = num(v) {
                    self.group_transparency = f.clamp(0.0, 1.0)
                }
            }
            ("GroupColor3", V::Color3(r, g, b)) => self.group_color = (*r, *g, *b),
            ("Color", V::ColorSequence(keys)) => self.gradient_color = keys,
            ("Transparency", V::NumberSequence(keys)) => self.gradient_transparency = keys,
            ("Offset", V::Vector2(x, y)) => self.gradient_offset = (*x, *y),
            ("PaddingLeft", V::UDim(u)) => self.padding[0] = *u,
            ("PaddingTop", V::UDim(u)) => self.padding[1] = *u,
            ("PaddingRight", V::UDim(u)) => self.padding[2] = *u,
            ("PaddingBottom", V::UDim(u)) => self.padding[3] = *u,
            ("CornerRadius", V::UDim(u)) => self.corner_radius = *u,
            ("ApplyStrokeMode", V::Enum(_, i)) => self.stroke_border = i == "Border",
            ("Thickness", v) => {
                if let Some(f) = num(v) {
                    self.stroke_thickness = f.max(0.0)
                }
            }
            ("Transparency", v) => {
                if let Some(f) = num(v) {
                    self.stroke_transparency = f
                }
            }
            ("AspectRatio", v) => {
                if let Some(f) = num(v) {
                    self.aspect_ratio = f
                }
            }
            ("AspectType", V::Enum(_, i)) => {
                self.aspect_scale_with_parent = i == "ScaleWithParentSize"
            }
            ("DominantAxis", V::Enum(_, i)) => self.dominant_height = i == "Height",
            ("MinSize", V::Vector2(x, y)) => self.min_size = (*x, *y),
            ("MaxSize", V::Vector2(x, y)) => self.max_size = (*x, *y),
            ("MinTextSize", v) => {
                if let Some(f) = num(v) {
                    self.min_text_size = f.clamp(1.0, 100.0)
                }
            }
            ("MaxTextSize", v) => {
                if let Some(f) = num(v) {
                    self.max_text_size = f.clamp(1.0, 100.0)
                }
            }
            _ => {}
        }
    }
}

fn num(v: &PropValue) -> Option<f32> {
    match v {
        PropValue::Float(f) if f.is_finite() => Some(*f),
        PropValue::Int(i) => Some(*i as f32),
        _ => None,
    }
}

fn axes(item: &str) -> Axes {
    match item {
        "X" => Axes(1),
        "Y" => Axes(2),
        "XY" => Axes(3),
        _ => Axes(0),
    }
}

fn align(item: &str) -> f32 {
    match item {
        "Left" | "Top" => 0.0,
        "Right" | "Bottom" => 1.0,
        _ => 0.5,
    }
}

fn flex(item: &str) -> Flex {
    match item {
        "Fill" => Flex::Fill,
        "SpaceAround" => Flex::SpaceAround,
        "SpaceBetween" => Flex::SpaceBetween,
        "SpaceEvenly" => Flex::SpaceEvenly,
        _ => Flex::None,
    }
}

fn bar_inset(item: &str) -> BarInset {
    match item {
        "ScrollBar" => BarInset::ScrollBar,
        "Always" => BarInset::Always,
        _ => BarInset::None,
    }
}

/// The family and weight a legacy `Enum.Font` item stands for.
fn legacy_font(item: &str) -> (&'static str, FontWeight) {
    let (stem, weight) = if let Some(s) = item.strip_suffix("Bold") {
        (s, FontWeight::Bold)
    } else if let Some(s) = item.strip_suffix("Black") {
        (s, FontWeight::Heavy)
    } else if let Some(s) = item.strip_suffix("Semibold") {
        (s, FontWeight::SemiBold)
    } else if let Some(s) = item.strip_suffix("Medium") {
        (s, FontWeight::Medium)
    } else if let Some(s) = item.strip_suffix("Light") {
        (s, FontWeight::Light)
    } else {
        (item, FontWeight::Regular)
    };
    let family = match stem {
        "Gotham" | "GothamSSm" => "rbxasset://fonts/families/GothamSSm.json",
        "Arial" | "Legacy" => "rbxasset://fonts/families/Arial.json",
        "Roboto" => "rbxasset://fonts/families/Roboto.json",
        "Montserrat" => "rbxasset://fonts/families/Montserrat.json",
        "Code" | "RobotoMono" => "rbxasset://fonts/families/Inconsolata.json",
        "Cartoon" | "ComicNeueAngular" => "rbxasset://fonts/families/ComicNeueAngular.json",
        "BuilderSans" => "rbxasset://fonts/families/BuilderSans.json",
        _ => classes::DEFAULT_FONT_FAMILY,
    };
    (family, weight)
}
