//! The Roblox GUI classes a designer can build with, their properties and the
//! values a property takes when the project leaves it unset.
//!
//! Unset properties take the value Studio gives a newly inserted instance
//! (what designers know), not Instance.new's: exported code sets every
//! property in this table explicitly, so the two never disagree in game.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::gui::{ColorKey, FontStyle, FontWeight, NumberKey, PropKind, PropValue, UDim};

/// One property a class has.
#[derive(Debug, Clone)]
pub struct PropertyInfo {
    pub name: &'static str,
    pub kind: PropKind,
    /// For enum properties: the Roblox enum type, e.g. `TextXAlignment`.
    pub enum_type: Option<&'static str>,
    pub default: PropValue,
    /// Plain-words explanation for tooltips and messages.
    pub help: &'static str,
}

#[derive(Debug, Clone)]
pub struct ClassInfo {
    pub name: &'static str,
    /// What the class is, for the palette.
    pub help: &'static str,
    /// Whether it is drawn as a box (a GuiObject) rather than a layout helper
    /// or container.
    pub is_gui_object: bool,
    /// Whether it is the root of a GUI (ScreenGui, SurfaceGui).
    pub is_root: bool,
    pub properties: Vec<PropertyInfo>,
}

impl ClassInfo {
    pub fn property(&self, name: &str) -> Option<&PropertyInfo> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// Enum types and their items, in Roblox's order.
pub const ENUMS: &[(&str, &[&str])] = &[
    ("ApplyStrokeMode", &["Contextual", "Border"]),
    ("AspectType", &["FitWithinMaxSize", "ScaleWithParentSize"]),
    ("AutomaticSize", &["None", "X", "Y", "XY"]),
    ("BorderMode", &["Outline", "Middle", "Inset"]),
    ("DominantAxis", &["Width", "Height"]),
    ("EasingDirection", &["In", "Out", "InOut"]),
    (
        "EasingStyle",
        &[
            "Linear",
            "Sine",
            "Back",
            "Quad",
            "Quart",
            "Quint",
            "Bounce",
            "Elastic",
            "Exponential",
            "Circular",
            "Cubic",
        ],
    ),
    ("ElasticBehavior", &["WhenScrollable", "Always", "Never"]),
    ("FillDirection", &["Horizontal", "Vertical"]),
    ("HorizontalAlignment", &["Center", "Left", "Right"]),
    (
        "ItemLineAlignment",
        &["Automatic", "Start", "Center", "End", "Stretch"],
    ),
    ("LineJoinMode", &["Round", "Bevel", "Miter"]),
    (
        "NormalId",
        &["Right", "Top", "Back", "Left", "Bottom", "Front"],
    ),
    ("ScaleType", &["Stretch", "Slice", "Tile", "Fit", "Crop"]),
    (
        "ScreenInsets",
        &[
            "None",
            "DeviceSafeInsets",
            "CoreUISafeInsets",
            "TopbarSafeInsets",
        ],
    ),
    ("ScrollBarInset", &["None", "ScrollBar", "Always"]),
    ("ScrollingDirection", &["X", "Y", "XY"]),
    (
        "SizeConstraint",
        &["RelativeXY", "RelativeXX", "RelativeYY"],
    ),
    ("SortOrder", &["Name", "Custom", "LayoutOrder"]),
    (
        "StartCorner",
        &["TopLeft", "TopRight", "BottomLeft", "BottomRight"],
    ),
    ("SurfaceGuiSizingMode", &["FixedSize", "PixelsPerStud"]),
    ("TextTruncate", &["None", "AtEnd", "SplitWord"]),
    ("TextXAlignment", &["Left", "Right", "Center"]),
    ("TextYAlignment", &["Top", "Center", "Bottom"]),
    (
        "UIFlexAlignment",
        &["None", "Fill", "SpaceAround", "SpaceBetween", "SpaceEvenly"],
    ),
    ("UIFlexMode", &["None", "Grow", "Shrink", "Fill", "Custom"]),
    ("VerticalAlignment", &["Center", "Top", "Bottom"]),
    ("ZIndexBehavior", &["Global", "Sibling"]),
];

pub fn enum_items(enum_type: &str) -> Option<&'static [&'static str]> {
    ENUMS
        .iter()
        .find(|(name, _)| *name == enum_type)
        .map(|(_, items)| *items)
}

/// Font families Roblox ships, by the name designers know, with their asset path.
pub const FONT_FAMILIES: &[(&str, &str)] = &[
    (
        "Source Sans Pro",
        "rbxasset://fonts/families/SourceSansPro.json",
    ),
    (
        "Gotham (Montserrat)",
        "rbxasset://fonts/families/GothamSSm.json",
    ),
    ("Builder Sans", "rbxasset://fonts/families/BuilderSans.json"),
    ("Arial", "rbxasset://fonts/families/Arial.json"),
    ("Legacy Arial", "rbxasset://fonts/families/LegacyArial.json"),
    ("Roboto", "rbxasset://fonts/families/Roboto.json"),
    ("Montserrat", "rbxasset://fonts/families/Montserrat.json"),
    (
        "Inconsolata (Code)",
        "rbxasset://fonts/families/Inconsolata.json",
    ),
    (
        "Comic Neue (Cartoon)",
        "rbxasset://fonts/families/ComicNeueAngular.json",
    ),
];

pub const DEFAULT_FONT_FAMILY: &str = "rbxasset://fonts/families/SourceSansPro.json";

/// Every class the designer can use, by name.
pub fn classes() -> &'static BTreeMap<&'static str, ClassInfo> {
    static TABLE: LazyLock<BTreeMap<&'static str, ClassInfo>> = LazyLock::new(build_table);
    &TABLE
}

pub fn class(name: &str) -> Option<&'static ClassInfo> {
    classes().get(name)
}

fn p(name: &'static str, default: PropValue, help: &'static str) -> PropertyInfo {
    let enum_type = match &default {
        PropValue::Enum(ty, _) => Some(
            ENUMS
                .iter()
                .find(|(n, _)| n == ty)
                .map(|(n, _)| *n)
                .expect("enum default names a known enum"),
        ),
        _ => None,
    };
    PropertyInfo {
        name,
        kind: default.kind(),
        enum_type,
        default,
        help,
    }
}

fn e(ty: &str, item: &str) -> PropValue {
    PropValue::enum_item(ty, item)
}

fn color(r: u8, g: u8, b: u8) -> PropValue {
    PropValue::Color3(r, g, b)
}

fn size(x: i32, y: i32) -> PropValue {
    PropValue::udim2(0.0, x, 0.0, y)
}

fn gui_object(size_px: (i32, i32)) -> Vec<PropertyInfo> {
    vec![
        p(
            "Active",
            PropValue::Bool(false),
            "Whether the object sinks clicks and touches.",
        ),
        p(
            "AnchorPoint",
            PropValue::Vector2(0.0, 0.0),
            "Which point of the object its Position places: (0, 0) top-left, (0.5, 0.5) centre, (1, 1) bottom-right.",
        ),
        p(
            "AutomaticSize",
            e("AutomaticSize", "None"),
            "Grow the object to fit its content.",
        ),
        p("BackgroundColor3", color(255, 255, 255), "Fill colour."),
        p(
            "BackgroundTransparency",
            PropValue::Float(0.0),
            "0 is solid, 1 is invisible.",
        ),
        p(
            "BorderColor3",
            color(27, 42, 53),
            "Colour of the square border.",
        ),
        p(
            "BorderMode",
            e("BorderMode", "Outline"),
            "Whether the border is drawn outside, across or inside the edge.",
        ),
        p(
            "BorderSizePixel",
            PropValue::Int(0),
            "Width of the square border in pixels; 0 hides it.",
        ),
        p(
            "ClipsDescendants",
            PropValue::Bool(false),
            "Cut off children that reach outside this object.",
        ),
        p(
            "LayoutOrder",
            PropValue::Int(0),
            "Place in a list or grid layout: lower comes first.",
        ),
        p(
            "Position",
            size(0, 0),
            "Where the anchor point sits: a fraction of the parent plus pixels.",
        ),
        p(
            "Rotation",
            PropValue::Float(0.0),
            "Turn in degrees around the centre.",
        ),
        p(
            "Size",
            size(size_px.0, size_px.1),
            "Width and height: a fraction of the parent plus pixels.",
        ),
        p(
            "SizeConstraint",
            e("SizeConstraint", "RelativeXY"),
            "Which parent side the size scale follows.",
        ),
        p(
            "Visible",
            PropValue::Bool(true),
            "Hidden objects and their children are not drawn.",
        ),
        p(
            "ZIndex",
            PropValue::Int(1),
            "Drawing order among siblings: higher is on top.",
        ),
    ]
}

fn text_props(text: &str) -> Vec<PropertyInfo> {
    vec![
        p(
            "FontFace",
            PropValue::Font {
                family: DEFAULT_FONT_FAMILY.into(),
                weight: FontWeight::Regular,
                style: FontStyle::Normal,
            },
            "Font family, weight and style.",
        ),
        p(
            "LineHeight",
            PropValue::Float(1.0),
            "Space between lines, as a multiple of the text size.",
        ),
        p(
            "RichText",
            PropValue::Bool(false),
            "Read tags like <b> in the text. Keep off for player names.",
        ),
        p(
            "Text",
            PropValue::String(text.into()),
            "The text shown. Row templates can use {rank}, {name} and {value}.",
        ),
        p("TextColor3", color(0, 0, 0), "Text colour."),
        p(
            "TextScaled",
            PropValue::Bool(false),
            "Pick the largest text size that fits the box.",
        ),
        p(
            "TextSize",
            PropValue::Float(14.0),
            "Height of a line of text in pixels.",
        ),
        p(
            "TextStrokeColor3",
            color(0, 0, 0),
            "Colour of the outline around the letters.",
        ),
        p(
            "TextStrokeTransparency",
            PropValue::Float(1.0),
            "0 shows the letter outline, 1 hides it.",
        ),
        p(
            "TextTransparency",
            PropValue::Float(0.0),
            "0 is solid text, 1 is invisible.",
        ),
        p(
            "TextTruncate",
            e("TextTruncate", "None"),
            "Cut text that does not fit, with an ellipsis.",
        ),
        p(
            "TextWrapped",
            PropValue::Bool(false),
            "Break long text onto more lines.",
        ),
        p(
            "TextXAlignment",
            e("TextXAlignment", "Center"),
            "Horizontal text alignment.",
        ),
        p(
            "TextYAlignment",
            e("TextYAlignment", "Center"),
            "Vertical text alignment.",
        ),
    ]
}

fn image_props() -> Vec<PropertyInfo> {
    vec![
        p(
            "Image",
            PropValue::Content(String::new()),
            "Image asset id. Row templates can use {avatar}.",
        ),
        p(
            "ImageColor3",
            color(255, 255, 255),
            "Tint multiplied into the image.",
        ),
        p(
            "ImageRectOffset",
            PropValue::Vector2(0.0, 0.0),
            "Top-left of the part of the image to show, in pixels.",
        ),
        p(
            "ImageRectSize",
            PropValue::Vector2(0.0, 0.0),
            "Size of the part of the image to show; (0, 0) is all of it.",
        ),
        p(
            "ImageTransparency",
            PropValue::Float(0.0),
            "0 is solid, 1 is invisible.",
        ),
        p(
            "ScaleType",
            e("ScaleType", "Stretch"),
            "How the image fills the box.",
        ),
    ]
}

fn root_common() -> Vec<PropertyInfo> {
    vec![
        p(
            "Enabled",
            PropValue::Bool(true),
            "Whether the GUI is shown.",
        ),
        p(
            "ZIndexBehavior",
            e("ZIndexBehavior", "Sibling"),
            "Sibling: children draw above parents. Global: ZIndex alone decides.",
        ),
    ]
}

fn build_table() -> BTreeMap<&'static str, ClassInfo> {
    let mut t = BTreeMap::new();
    let mut add = |name: &'static str,
                   help: &'static str,
                   is_gui_object: bool,
                   is_root: bool,
                   properties: Vec<PropertyInfo>| {
        t.insert(
            name,
            ClassInfo {
                name,
                help,
                is_gui_object,
                is_root,
                properties,
            },
        );
    };

    let mut screen = root_common();
    screen.extend([
        p(
            "ClipToDeviceSafeArea",
            PropValue::Bool(true),
            "Keep the GUI out of the phone's notch and rounded corners.",
        ),
        p(
            "DisplayOrder",
            PropValue::Int(0),
            "Order among ScreenGuis: higher is on top.",
        ),
        p(
            "IgnoreGuiInset",
            PropValue::Bool(false),
            "Also cover the area behind Roblox's top bar.",
        ),
        p(
            "ResetOnSpawn",
            PropValue::Bool(false),
            "Rebuild the GUI each time the character respawns.",
        ),
        p(
            "ScreenInsets",
            e("ScreenInsets", "CoreUISafeInsets"),
            "Which screen area the GUI fills.",
        ),
    ]);
    add(
        "ScreenGui",
        "A GUI on the player's screen.",
        false,
        true,
        screen,
    );

    let mut surface = root_common();
    surface.extend([
        p(
            "AlwaysOnTop",
            PropValue::Bool(false),
            "Draw over the 3D world, even behind walls.",
        ),
        p(
            "Brightness",
            PropValue::Float(1.0),
            "Brightness when light influence is 0.",
        ),
        p(
            "CanvasSize",
            PropValue::Vector2(800.0, 600.0),
            "Size of the drawing area in pixels (fixed size mode).",
        ),
        p(
            "ClipsDescendants",
            PropValue::Bool(true),
            "Cut off what reaches outside the part's face.",
        ),
        p(
            "Face",
            e("NormalId", "Front"),
            "Which face of the part shows the GUI.",
        ),
        p(
            "LightInfluence",
            PropValue::Float(1.0),
            "How much the world's lighting darkens the GUI: 0 none, 1 fully.",
        ),
        p(
            "MaxDistance",
            PropValue::Float(0.0),
            "Hide the GUI beyond this many studs; 0 never hides it.",
        ),
        p(
            "PixelsPerStud",
            PropValue::Float(50.0),
            "Pixels per stud of the face (pixels-per-stud mode).",
        ),
        p(
            "SizingMode",
            e("SurfaceGuiSizingMode", "FixedSize"),
            "Fixed pixel canvas, or pixels per stud of the part.",
        ),
    ]);
    add(
        "SurfaceGui",
        "A GUI on a face of a part in the world.",
        false,
        true,
        surface,
    );

    add(
        "Frame",
        "A box that holds other objects.",
        true,
        false,
        gui_object((100, 100)),
    );

    let mut scrolling = gui_object((100, 100));
    for prop in scrolling.iter_mut() {
        match prop.name {
            "Active" => prop.default = PropValue::Bool(true),
            "ClipsDescendants" => prop.default = PropValue::Bool(true),
            _ => {}
        }
    }
    scrolling.extend([
        p(
            "AutomaticCanvasSize",
            e("AutomaticSize", "None"),
            "Grow the scrollable area to fit the content.",
        ),
        p(
            "CanvasPosition",
            PropValue::Vector2(0.0, 0.0),
            "How far the content is scrolled, in pixels.",
        ),
        p(
            "CanvasSize",
            PropValue::udim2(0.0, 0, 2.0, 0),
            "Size of the scrollable area.",
        ),
        p(
            "ElasticBehavior",
            e("ElasticBehavior", "WhenScrollable"),
            "Bounce at the ends on touch screens.",
        ),
        p(
            "HorizontalScrollBarInset",
            e("ScrollBarInset", "None"),
            "Whether the horizontal bar takes space from the content.",
        ),
        p("ScrollBarImageColor3", color(0, 0, 0), "Scroll bar colour."),
        p(
            "ScrollBarImageTransparency",
            PropValue::Float(0.0),
            "0 is a solid scroll bar, 1 invisible.",
        ),
        p(
            "ScrollBarThickness",
            PropValue::Int(12),
            "Scroll bar width in pixels.",
        ),
        p(
            "ScrollingDirection",
            e("ScrollingDirection", "XY"),
            "Directions the content scrolls in.",
        ),
        p(
            "ScrollingEnabled",
            PropValue::Bool(true),
            "Whether players can scroll.",
        ),
        p(
            "VerticalScrollBarInset",
            e("ScrollBarInset", "None"),
            "Whether the vertical bar takes space from the content.",
        ),
    ]);
    add(
        "ScrollingFrame",
        "A box whose content scrolls.",
        true,
        false,
        scrolling,
    );

    let mut label = gui_object((200, 50));
    label.extend(text_props("Label"));
    add("TextLabel", "Text.", true, false, label);

    let mut button = gui_object((200, 50));
    button.extend(text_props("Button"));
    button.push(p(
        "AutoButtonColor",
        PropValue::Bool(true),
        "Darken the button while it is pressed.",
    ));
    add(
        "TextButton",
        "Text that can be clicked.",
        true,
        false,
        button,
    );

    let mut image = gui_object((100, 100));
    image.extend(image_props());
    add(
        "ImageLabel",
        "An image, such as a player's avatar.",
        true,
        false,
        image,
    );

    let mut image_button = gui_object((100, 100));
    for prop in image_button.iter_mut() {
        if prop.name == "Active" {
            prop.default = PropValue::Bool(true);
        }
    }
    image_button.extend(image_props());
    image_button.extend([
        p(
            "AutoButtonColor",
            PropValue::Bool(true),
            "Darken the button while it is pressed.",
        ),
        p(
            "HoverImage",
            PropValue::Content(String::new()),
            "Image shown while the pointer is over the button; empty keeps Image.",
        ),
        p(
            "PressedImage",
            PropValue::Content(String::new()),
            "Image shown while the button is pressed; empty keeps Image.",
        ),
    ]);
    add(
        "ImageButton",
        "An image that can be clicked, such as a tab or an icon button.",
        true,
        false,
        image_button,
    );

    let mut group = gui_object((100, 100));
    for prop in group.iter_mut() {
        if prop.name == "ClipsDescendants" {
            prop.default = PropValue::Bool(true);
        }
    }
    group.extend([
        p(
            "GroupColor3",
            color(255, 255, 255),
            "Tint multiplied into everything in the group.",
        ),
        p(
            "GroupTransparency",
            PropValue::Float(0.0),
            "Fades the whole group together: 0 solid, 1 invisible.",
        ),
    ]);
    add(
        "CanvasGroup",
        "A box whose contents fade and tint together, as one picture.",
        true,
        false,
        group,
    );

    let layout_common = || {
        vec![
            p(
                "HorizontalAlignment",
                e("HorizontalAlignment", "Left"),
                "Where the items sit across the width.",
            ),
            p(
                "SortOrder",
                e("SortOrder", "LayoutOrder"),
                "Order items by LayoutOrder or by name.",
            ),
            p(
                "VerticalAlignment",
                e("VerticalAlignment", "Top"),
                "Where the items sit across the height.",
            ),
        ]
    };
    let mut list = layout_common();
    list.extend([
        p(
            "FillDirection",
            e("FillDirection", "Vertical"),
            "Stack items top to bottom or left to right.",
        ),
        p(
            "HorizontalFlex",
            e("UIFlexAlignment", "None"),
            "Share out spare width: stretch the items (Fill) or space them out.",
        ),
        p(
            "ItemLineAlignment",
            e("ItemLineAlignment", "Automatic"),
            "Where items sit across their line; Stretch makes them as tall (or wide) as the line.",
        ),
        p(
            "Padding",
            PropValue::UDim(UDim(0.0, 0)),
            "Space between items.",
        ),
        p(
            "VerticalFlex",
            e("UIFlexAlignment", "None"),
            "Share out spare height: stretch the items (Fill) or space them out.",
        ),
        p(
            "Wraps",
            PropValue::Bool(false),
            "Start a new line when items no longer fit.",
        ),
    ]);
    add(
        "UIListLayout",
        "Stacks its siblings in a row or column.",
        false,
        false,
        list,
    );

    let mut grid = layout_common();
    grid.extend([
        p(
            "CellPadding",
            PropValue::udim2(0.0, 5, 0.0, 5),
            "Space between cells.",
        ),
        p("CellSize", size(100, 100), "Size of every cell."),
        p(
            "FillDirection",
            e("FillDirection", "Horizontal"),
            "Fill rows first or columns first.",
        ),
        p(
            "FillDirectionMaxCells",
            PropValue::Int(0),
            "Most cells per row or column; 0 means as many as fit.",
        ),
        p(
            "StartCorner",
            e("StartCorner", "TopLeft"),
            "Corner the first cell is in.",
        ),
    ]);
    add(
        "UIGridLayout",
        "Arranges its siblings in a grid.",
        false,
        false,
        grid,
    );

    let mut pages = layout_common();
    pages.extend([
        p(
            "Animated",
            PropValue::Bool(true),
            "Slide between pages instead of jumping.",
        ),
        p(
            "Circular",
            PropValue::Bool(false),
            "Going past the last page comes back to the first.",
        ),
        p(
            "EasingDirection",
            e("EasingDirection", "Out"),
            "Which end of the slide the easing shapes.",
        ),
        p(
            "EasingStyle",
            e("EasingStyle", "Back"),
            "How the slide speeds up and slows down.",
        ),
        p(
            "FillDirection",
            e("FillDirection", "Horizontal"),
            "Pages side by side (Horizontal) or one above the other.",
        ),
        p(
            "GamepadInputEnabled",
            PropValue::Bool(true),
            "Gamepads can turn the pages.",
        ),
        p(
            "Padding",
            PropValue::UDim(UDim(0.0, 0)),
            "Space between pages.",
        ),
        p(
            "ScrollWheelInputEnabled",
            PropValue::Bool(true),
            "The mouse wheel can turn the pages.",
        ),
        p(
            "TouchInputEnabled",
            PropValue::Bool(true),
            "Swiping can turn the pages.",
        ),
        p("TweenTime", PropValue::Float(1.0), "Seconds a slide takes."),
    ]);
    add(
        "UIPageLayout",
        "Shows its siblings one at a time, as pages or tabs. Select a page to see it on the canvas.",
        false,
        false,
        pages,
    );

    add(
        "UIPadding",
        "Space inside the edges of its parent.",
        false,
        false,
        vec![
            p(
                "PaddingBottom",
                PropValue::UDim(UDim(0.0, 0)),
                "Space inside the bottom edge.",
            ),
            p(
                "PaddingLeft",
                PropValue::UDim(UDim(0.0, 0)),
                "Space inside the left edge.",
            ),
            p(
                "PaddingRight",
                PropValue::UDim(UDim(0.0, 0)),
                "Space inside the right edge.",
            ),
            p(
                "PaddingTop",
                PropValue::UDim(UDim(0.0, 0)),
                "Space inside the top edge.",
            ),
        ],
    );
    add(
        "UICorner",
        "Rounds its parent's corners.",
        false,
        false,
        vec![p(
            "CornerRadius",
            PropValue::UDim(UDim(0.0, 8)),
            "How round the corners are.",
        )],
    );
    add(
        "UIStroke",
        "An outline around its parent or its text.",
        false,
        false,
        vec![
            p(
                "ApplyStrokeMode",
                e("ApplyStrokeMode", "Contextual"),
                "On text: outline the letters (Contextual) or the box (Border).",
            ),
            p("Color", color(0, 0, 0), "Outline colour."),
            p(
                "Enabled",
                PropValue::Bool(true),
                "Whether the outline is drawn.",
            ),
            p(
                "LineJoinMode",
                e("LineJoinMode", "Round"),
                "Shape of the outline's corners.",
            ),
            p(
                "Thickness",
                PropValue::Float(1.0),
                "Outline width in pixels.",
            ),
            p(
                "Transparency",
                PropValue::Float(0.0),
                "0 is solid, 1 is invisible.",
            ),
        ],
    );
    add(
        "UIGradient",
        "Shades its parent with a colour and transparency gradient.",
        false,
        false,
        vec![
            p(
                "Color",
                PropValue::ColorSequence(vec![
                    ColorKey(0.0, (255, 255, 255)),
                    ColorKey(1.0, (255, 255, 255)),
                ]),
                "Colours along the gradient, multiplied into the parent's colours.",
            ),
            p(
                "Enabled",
                PropValue::Bool(true),
                "Whether the gradient is applied.",
            ),
            p(
                "Offset",
                PropValue::Vector2(0.0, 0.0),
                "Moves the gradient, as a fraction of the parent's size.",
            ),
            p(
                "Rotation",
                PropValue::Float(0.0),
                "Turns the gradient in degrees: 0 runs left to right, 90 top to bottom.",
            ),
            p(
                "Transparency",
                PropValue::NumberSequence(vec![NumberKey(0.0, 0.0), NumberKey(1.0, 0.0)]),
                "Transparency along the gradient: 0 solid, 1 invisible.",
            ),
        ],
    );
    add(
        "UIScale",
        "Makes its parent and everything in it bigger or smaller.",
        false,
        false,
        vec![p(
            "Scale",
            PropValue::Float(1.0),
            "Size multiplier: 2 is twice as big, 0.5 half.",
        )],
    );
    add(
        "UIFlexItem",
        "Lets its parent grow or shrink to share a list's spare space.",
        false,
        false,
        vec![
            p(
                "FlexMode",
                e("UIFlexMode", "None"),
                "Grow into spare space, shrink when space is short, both (Fill), or by your own ratios (Custom).",
            ),
            p(
                "GrowRatio",
                PropValue::Float(0.0),
                "With Custom: its share of the spare space, compared with the other items'.",
            ),
            p(
                "ItemLineAlignment",
                e("ItemLineAlignment", "Automatic"),
                "Where this item sits across its line; Automatic follows the list.",
            ),
            p(
                "ShrinkRatio",
                PropValue::Float(0.0),
                "With Custom: its share of the missing space, compared with the other items'.",
            ),
        ],
    );
    add(
        "UIAspectRatioConstraint",
        "Keeps its parent's width-to-height ratio.",
        false,
        false,
        vec![
            p(
                "AspectRatio",
                PropValue::Float(1.0),
                "Width divided by height.",
            ),
            p(
                "AspectType",
                e("AspectType", "FitWithinMaxSize"),
                "Fit inside the size, or follow the parent's size.",
            ),
            p(
                "DominantAxis",
                e("DominantAxis", "Width"),
                "Which side stays as set while the other follows.",
            ),
        ],
    );
    add(
        "UISizeConstraint",
        "Keeps its parent between a smallest and largest size.",
        false,
        false,
        vec![
            p(
                "MaxSize",
                PropValue::Vector2(f32::INFINITY, f32::INFINITY),
                "Largest size in pixels.",
            ),
            p(
                "MinSize",
                PropValue::Vector2(0.0, 0.0),
                "Smallest size in pixels.",
            ),
        ],
    );
    add(
        "UITextSizeConstraint",
        "Keeps scaled text between a smallest and largest size.",
        false,
        false,
        vec![
            p(
                "MaxTextSize",
                PropValue::Int(100),
                "Largest text size in pixels.",
            ),
            p(
                "MinTextSize",
                PropValue::Int(1),
                "Smallest text size in pixels.",
            ),
        ],
    );
    t
}
