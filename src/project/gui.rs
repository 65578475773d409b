//! A Roblox GUI as a tree of instances with Roblox's own class and property
//! names, so what the designer edits maps one to one onto Studio.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuiNode {
    /// Roblox class name, e.g. `Frame` or `UIListLayout`.
    pub class: String,
    /// Instance name, as in Studio's Explorer.
    pub name: String,
    /// Properties the designer set; the rest keep the class defaults.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, PropValue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<GuiNode>,
}

impl GuiNode {
    pub fn new(class: impl Into<String>, name: impl Into<String>) -> Self {
        GuiNode {
            class: class.into(),
            name: name.into(),
            properties: BTreeMap::new(),
            children: Vec::new(),
        }
    }

    pub fn with(mut self, property: &str, value: PropValue) -> Self {
        self.properties.insert(property.to_string(), value);
        self
    }

    pub fn child(mut self, child: GuiNode) -> Self {
        self.children.push(child);
        self
    }

    pub fn prop(&self, property: &str) -> Option<&PropValue> {
        self.properties.get(property)
    }

    /// The descendant at a slash-separated path of names below this node
    /// (`"Panel/List"`); the empty path is this node.
    pub fn find(&self, path: &str) -> Option<&GuiNode> {
        let mut node = self;
        for part in path.split('/').filter(|p| !p.is_empty()) {
            node = node.children.iter().find(|c| c.name == part)?;
        }
        Some(node)
    }

    /// This node and every descendant, depth first, with its path of names
    /// from this node (this node's own path is its name).
    pub fn walk(&self) -> Vec<(String, &GuiNode)> {
        let mut out = Vec::new();
        let mut stack = vec![(self.name.clone(), self)];
        while let Some((path, node)) = stack.pop() {
            for child in node.children.iter().rev() {
                stack.push((format!("{path}/{}", child.name), child));
            }
            out.push((path, node));
        }
        out
    }

    /// Number of instances in this subtree, this node included.
    pub fn count(&self) -> usize {
        1 + self.children.iter().map(GuiNode::count).sum::<usize>()
    }
}

/// A scale (fraction of the parent) and an offset in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct UDim(pub f32, pub i32);

impl UDim {
    pub fn scale(self) -> f32 {
        self.0
    }
    pub fn offset(self) -> i32 {
        self.1
    }
}

/// The style of a font face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FontStyle {
    Normal,
    Italic,
}

/// Roblox's Enum.FontWeight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FontWeight {
    Thin,
    ExtraLight,
    Light,
    Regular,
    Medium,
    SemiBold,
    Bold,
    ExtraBold,
    Heavy,
}

impl FontWeight {
    pub const ALL: [FontWeight; 9] = [
        FontWeight::Thin,
        FontWeight::ExtraLight,
        FontWeight::Light,
        FontWeight::Regular,
        FontWeight::Medium,
        FontWeight::SemiBold,
        FontWeight::Bold,
        FontWeight::ExtraBold,
        FontWeight::Heavy,
    ];

    /// The numeric weight Roblox stores (100..900).
    pub fn value(self) -> u16 {
        (self as u16 + 1) * 100
    }

    pub fn name(self) -> &'static str {
        match self {
            FontWeight::Thin => "Thin",
            FontWeight::ExtraLight => "ExtraLight",
            FontWeight::Light => "Light",
            FontWeight::Regular => "Regular",
            FontWeight::Medium => "Medium",
            FontWeight::SemiBold => "SemiBold",
            FontWeight::Bold => "Bold",
            FontWeight::ExtraBold => "ExtraBold",
            FontWeight::Heavy => "Heavy",
        }
    }
}

/// A typed property value, written in the project file as Roblox's type name
/// with its parts, e.g. `UDim2((1.0, -260), (0.0, 10))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PropValue {
    Bool(bool),
    Int(i64),
    Float(f32),
    String(String),
    /// An asset id such as `rbxassetid://123`, or a `{avatar}` binding in a
    /// row template.
    Content(String),
    UDim(UDim),
    UDim2(UDim, UDim),
    Vector2(f32, f32),
    /// Red, green and blue, each 0-255 (Color3.fromRGB).
    Color3(u8, u8, u8),
    /// Font.new(family, weight, style); family is an asset path such as
    /// `rbxasset://fonts/families/GothamSSm.json`.
    Font {
        family: String,
        weight: FontWeight,
        style: FontStyle,
    },
    /// An enum item, by enum type and item name: `Enum("TextXAlignment", "Left")`.
    Enum(String, String),
    /// Colours along 0..1 (ColorSequence): keypoints of (time, colour),
    /// times rising from 0 to 1, as UIGradient.Color takes them.
    ColorSequence(Vec<ColorKey>),
    /// Numbers along 0..1 (NumberSequence): keypoints of (time, value),
    /// times rising from 0 to 1, as UIGradient.Transparency takes them.
    NumberSequence(Vec<NumberKey>),
}

/// One ColorSequenceKeypoint: time (0..1) and colour (0-255 each).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ColorKey(pub f32, pub (u8, u8, u8));

/// One NumberSequenceKeypoint: time (0..1) and value. Roblox's envelope
/// (random spread for particles) means nothing to a GUI and is always 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NumberKey(pub f32, pub f32);

/// The colour of a ColorSequence at `t` (0..1), as Roblox interpolates it:
/// linearly in RGB between the keypoints around `t`.
pub fn color_at(keys: &[ColorKey], t: f32) -> (f32, f32, f32) {
    let rgb = |c: (u8, u8, u8)| (f32::from(c.0), f32::from(c.1), f32::from(c.2));
    let Some(first) = keys.first() else {
        return (255.0, 255.0, 255.0);
    };
    if t <= first.0 {
        return rgb(first.1);
    }
    for pair in keys.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if t <= b.0 {
            let span = b.0 - a.0;
            let f = if span > 0.0 { (t - a.0) / span } else { 1.0 };
            let (ca, cb) = (rgb(a.1), rgb(b.1));
            return (
                ca.0 + (cb.0 - ca.0) * f,
                ca.1 + (cb.1 - ca.1) * f,
                ca.2 + (cb.2 - ca.2) * f,
            );
        }
    }
    rgb(keys[keys.len() - 1].1)
}

/// The value of a NumberSequence at `t` (0..1), linearly between keypoints.
pub fn number_at(keys: &[NumberKey], t: f32) -> f32 {
    let Some(first) = keys.first() else {
        return 0.0;
    };
    if t <= first.0 {
        return first.1;
    }
    for pair in keys.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if t <= b.0 {
            let span = b.0 - a.0;
            let f = if span > 0.0 { (t - a.0) / span } else { 1.0 };
            return a.1 + (b.1 - a.1) * f;
        }
    }
    keys[keys.len() - 1].1
}

/// Why a sequence's keypoints are not what Roblox accepts (it errors on
/// these when the sequence is made): None when they are fine.
pub fn sequence_problem(times: &[f32]) -> Option<&'static str> {
    if times.len() < 2 {
        return Some("needs at least two keypoints");
    }
    if times.len() > 20 {
        return Some("has more than 20 keypoints, the most Roblox allows");
    }
    if times.iter().any(|t| !t.is_finite()) {
        return Some("has a keypoint time that is not a number");
    }
    if times[0] != 0.0 || times[times.len() - 1] != 1.0 {
        return Some("must start at time 0 and end at time 1");
    }
    if times.windows(2).any(|w| w[1] < w[0]) {
        return Some("has keypoint times that go backwards");
    }
    None
}

impl PropValue {
    pub fn kind(&self) -> PropKind {
        match self {
            PropValue::Bool(_) => PropKind::Bool,
            PropValue::Int(_) => PropKind::Int,
            PropValue::Float(_) => PropKind::Float,
            PropValue::String(_) => PropKind::String,
            PropValue::Content(_) => PropKind::Content,
            PropValue::UDim(_) => PropKind::UDim,
            PropValue::UDim2(..) => PropKind::UDim2,
            PropValue::Vector2(..) => PropKind::Vector2,
            PropValue::Color3(..) => PropKind::Color3,
            PropValue::Font { .. } => PropKind::Font,
            PropValue::Enum(..) => PropKind::Enum,
            PropValue::ColorSequence(_) => PropKind::ColorSequence,
            PropValue::NumberSequence(_) => PropKind::NumberSequence,
        }
    }

    pub fn enum_item(name: &str, item: &str) -> PropValue {
        PropValue::Enum(name.to_string(), item.to_string())
    }

    pub fn udim2(xs: f32, xo: i32, ys: f32, yo: i32) -> PropValue {
        PropValue::UDim2(UDim(xs, xo), UDim(ys, yo))
    }

    pub fn font(family: &str, weight: FontWeight) -> PropValue {
        PropValue::Font {
            family: family.to_string(),
            weight,
            style: FontStyle::Normal,
        }
    }
}

/// The type of a property, without its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropKind {
    Bool,
    Int,
    Float,
    String,
    Content,
    UDim,
    UDim2,
    Vector2,
    Color3,
    Font,
    Enum,
    ColorSequence,
    NumberSequence,
}

impl PropKind {
    pub fn name(self) -> &'static str {
        match self {
            PropKind::Bool => "true/false",
            PropKind::Int => "whole number",
            PropKind::Float => "number",
            PropKind::String => "text",
            PropKind::Content => "asset id",
            PropKind::UDim => "UDim (scale, offset)",
            PropKind::UDim2 => "UDim2 ((x scale, x offset), (y scale, y offset))",
            PropKind::Vector2 => "Vector2 (x, y)",
            PropKind::Color3 => "Color3 (red, green, blue)",
            PropKind::Font => "font",
            PropKind::Enum => "choice",
            PropKind::ColorSequence => "ColorSequence [(time, (red, green, blue)), ...]",
            PropKind::NumberSequence => "NumberSequence [(time, value), ...]",
        }
    }
}

/// Placeholders a row template's texts and images can hold; each row fills
/// them in for one leaderboard entry.
pub const ROW_BINDINGS: [&str; 4] = ["{rank}", "{name}", "{value}", "{avatar}"];

/// Where the exported data and a row binding meet: which placeholders a
/// string uses.
pub fn bindings_in(text: &str) -> Vec<&'static str> {
    ROW_BINDINGS
        .iter()
        .copied()
        .filter(|b| text.contains(b))
        .collect()
}
