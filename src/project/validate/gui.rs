//! GUI trees (a leaderboard's GUI and its row template): names, classes,
//! property kinds and values, and the {rank}-style bindings of rows.
//!
//! Trees are walked with a stack, not recursion, so any depth is safe.

use super::names::{Named, check_gui_names};
use super::text::{figure, quote};
use super::{Report, join, segment};
use crate::project::classes::{self, ClassInfo, PropertyInfo};
use crate::project::gui::{GuiNode, PropKind, PropValue, ROW_BINDINGS, bindings_in};

/// Which tree is checked: bindings are filled in only in row templates.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Gui,
    RowTemplate,
}

/// Which bindings a row template uses somewhere.
#[derive(Default, Clone, Copy)]
pub(super) struct Bindings {
    pub rank: bool,
    pub name: bool,
    pub value: bool,
    pub avatar: bool,
}

/// Roblox draws text at most this large.
const MAX_TEXT_SIZE: f64 = 100.0;
/// Longest `{binding}` looked at when searching for misspelled ones.
const MAX_BINDING_CHARS: usize = 32;
const ASSET_PREFIXES: [&str; 5] = [
    "rbxassetid://",
    "rbxasset://",
    "rbxthumb://",
    "https://",
    "http://",
];

/// Checks a tree whose root is at `prefix` (`leaderboards/TopCoins/gui`).
pub(super) fn check_tree(root: &GuiNode, prefix: &str, role: Role, out: &mut Report) -> Bindings {
    let mut bindings = Bindings::default();
    let mut stack: Vec<(&GuiNode, String, bool)> = vec![(root, prefix.to_string(), true)];
    while let Some((node, path, is_root)) = stack.pop() {
        let class = classes::class(&node.class);
        check_node(node, class, &path, is_root, role, &mut bindings, out);
        if node.children.is_empty() {
            continue;
        }
        let named: Vec<Named<'_>> = node
            .children
            .iter()
            .enumerate()
            .map(|(i, child)| Named {
                name: &child.name,
                path: join(&path, &segment(&child.name, i)),
            })
            .collect();
        let parent = if is_root {
            "at the top of the GUI".to_string()
        } else {
            format!("inside {}", quote(&node.name))
        };
        check_gui_names(&named, &parent, out);
        let child_paths: Vec<String> = named.iter().map(|n| n.path.clone()).collect();
        super::gui_layouts::check(node, &child_paths, out);
        // Reversed, so children are checked in order.
        for (child, item) in node.children.iter().zip(named).rev() {
            stack.push((child, item.path, false));
        }
    }
    bindings
}

/// How an object is named in messages: `the TextLabel "Title"`.
fn object(node: &GuiNode, class: Option<&ClassInfo>) -> String {
    match class {
        Some(class) => format!("the {} {}", class.name, quote(&node.name)),
        None => format!("the object {}", quote(&node.name)),
    }
}

fn check_node(
    node: &GuiNode,
    class: Option<&ClassInfo>,
    path: &str,
    is_root: bool,
    role: Role,
    bindings: &mut Bindings,
    out: &mut Report,
) {
    let who = object(node, class);
    match class {
        None => out.warning(
            "unknown-class",
            path,
            format!(
                "DataStore Designer doesn't know the class {} of {who}. It is kept as it came \
                 from Studio, but its properties can't be checked or previewed.",
                quote(&node.class)
            ),
            "If the class name is a typo, correct it (for example Frame, TextLabel or \
             ImageLabel); otherwise you can keep it.",
        ),
        Some(info) if info.is_root && !is_root => out.error(
            "gui-root-nested",
            path,
            format!(
                "{} can't be inside another object: a {} can only be the root of a GUI.",
                super::text::capitalize(&who),
                info.name
            ),
            "Use a Frame here instead.",
        ),
        Some(_) => {}
    }
    for (prop, value) in &node.properties {
        let prop_path = join(path, prop);
        let info = class.and_then(|c| c.property(prop));
        if let Some(class) = class {
            match info {
                None => {
                    unknown_property(class, prop, &who, &prop_path, out);
                    continue;
                }
                Some(info) => {
                    if !kind_fits(value, info, &who, &prop_path, out) {
                        continue;
                    }
                }
            }
        }
        check_value(node, prop, value, &who, &prop_path, out);
        check_bindings(node, class, prop, value, &prop_path, role, bindings, out);
    }
    check_text_size_pair(node, &who, path, out);
}

fn unknown_property(class: &ClassInfo, prop: &str, who: &str, path: &str, out: &mut Report) {
    let close = class
        .properties
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(prop));
    let fix = match close {
        Some(p) => format!(
            "Did you mean {}? Rename the property to {}.",
            p.name, p.name
        ),
        None => "Remove the property.".to_string(),
    };
    out.warning(
        "unknown-property",
        path,
        format!(
            "{} has no property {}, so it has no effect.",
            super::text::capitalize(who),
            quote(prop)
        ),
        fix,
    );
}

/// Whether the value has the property's kind (and, for choices, the right
/// enum and an existing item); reports it if not.
fn kind_fits(
    value: &PropValue,
    info: &PropertyInfo,
    who: &str,
    path: &str,
    out: &mut Report,
) -> bool {
    if value.kind() != info.kind {
        out.error(
            "property-wrong-kind",
            path,
            format!(
                "{} of {who} must be a {} value, but it holds {}, a {} value.",
                info.name,
                info.kind.name(),
                show(value),
                value.kind().name()
            ),
            match value {
                PropValue::Int(i) if info.kind == PropKind::Float => {
                    format!("Write it as a number with a decimal point: {i}.0.")
                }
                _ => format!(
                    "Set it to a {} value, such as its default {}.",
                    info.kind.name(),
                    show(&info.default)
                ),
            },
        );
        return false;
    }
    if let (PropValue::Enum(ty, item), Some(expected)) = (value, info.enum_type) {
        let items = classes::enum_items(expected).unwrap_or(&[]);
        if ty != expected {
            out.error(
                "enum-invalid",
                path,
                format!(
                    "{} of {who} takes a {expected} choice, but it is set to {}.{}.",
                    info.name,
                    quote(ty),
                    quote(item)
                ),
                format!("Pick one of {}.", items.join(", ")),
            );
            return false;
        }
        if !items.contains(&item.as_str()) {
            out.error(
                "enum-invalid",
                path,
                format!(
                    "{} of {who} is set to {}, which is not one of the {expected} choices.",
                    info.name,
                    quote(item)
                ),
                format!("Pick one of {}.", items.join(", ")),
            );
            return false;
        }
    }
    true
}

/// A property value in the project file's notation, for fixes.
fn show(value: &PropValue) -> String {
    match value {
        PropValue::Bool(b) => b.to_string(),
        PropValue::Int(i) => i.to_string(),
        PropValue::Float(x) => format!("{x}"),
        PropValue::String(s) | PropValue::Content(s) => quote(s),
        PropValue::UDim(u) => format!("({}, {})", u.0, u.1),
        PropValue::UDim2(x, y) => format!("(({}, {}), ({}, {}))", x.0, x.1, y.0, y.1),
        PropValue::Vector2(x, y) => format!("({x}, {y})"),
        PropValue::Color3(r, g, b) => format!("({r}, {g}, {b})"),
        PropValue::Font { family, .. } => quote(family),
        PropValue::Enum(ty, item) => format!("{ty}.{item}"),
        PropValue::ColorSequence(keys) => format!(
            "[{}]",
            keys.iter()
                .map(|k| format!("({}, ({}, {}, {}))", k.0, k.1.0, k.1.1, k.1.2))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        PropValue::NumberSequence(keys) => format!(
            "[{}]",
            keys.iter()
                .map(|k| format!("({}, {})", k.0, k.1))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The numbers with a fraction part inside a value.
fn floats(value: &PropValue) -> [Option<f32>; 2] {
    match value {
        PropValue::Float(x) => [Some(*x), None],
        PropValue::UDim(u) => [Some(u.0), None],
        PropValue::UDim2(x, y) => [Some(x.0), Some(y.0)],
        PropValue::Vector2(x, y) => [Some(*x), Some(*y)],
        _ => [None, None],
    }
}

/// Values Roblox can't use or silently changes.
fn check_value(
    node: &GuiNode,
    prop: &str,
    value: &PropValue,
    who: &str,
    path: &str,
    out: &mut Report,
) {
    let may_be_infinite = node.class == "UISizeConstraint" && prop == "MaxSize";
    let bad = floats(value)
        .into_iter()
        .flatten()
        .find(|x| !(x.is_finite() || (may_be_infinite && *x == f32::INFINITY)));
    if let Some(x) = bad {
        out.error(
            "property-not-finite",
            path,
            format!(
                "{prop} of {who} holds {}, which Roblox can't use.",
                if x.is_nan() {
                    "NaN (not a number)"
                } else {
                    "an infinite number"
                }
            ),
            "Set it to an ordinary number.",
        );
        return;
    }
    let out_of_range = |out: &mut Report, allowed: &str, got: String| {
        out.error(
            "property-out-of-range",
            path,
            format!("{prop} of {who} is {got}, but it must be {allowed}."),
            format!("Set it to a value {allowed}."),
        );
    };
    let clamped = |out: &mut Report, range: &str, got: String, used: String| {
        out.warning(
            "property-clamped",
            path,
            format!(
                "{prop} of {who} is {got}, but Roblox keeps it {range}, so it shows as {used}."
            ),
            format!("Set it {range}."),
        );
    };
    match (prop, value) {
        (p, PropValue::Float(x)) if p.ends_with("Transparency") && !(0.0..=1.0).contains(x) => {
            out_of_range(
                out,
                "between 0 (solid) and 1 (invisible)",
                figure(f64::from(*x)),
            );
        }
        ("TextSize", PropValue::Float(x)) if *x <= 0.0 => {
            out_of_range(out, "above 0", figure(f64::from(*x)));
        }
        ("TextSize", PropValue::Float(x)) if f64::from(*x) > MAX_TEXT_SIZE => {
            clamped(out, "at 100 or less", figure(f64::from(*x)), "100".into());
        }
        ("LineHeight", PropValue::Float(x)) if !(1.0..=3.0).contains(x) => {
            let used = if *x < 1.0 { "1" } else { "3" };
            clamped(out, "between 1 and 3", figure(f64::from(*x)), used.into());
        }
        ("Thickness" | "MaxDistance", PropValue::Float(x)) if *x < 0.0 => {
            out_of_range(out, "0 or more", figure(f64::from(*x)));
        }
        ("AspectRatio" | "PixelsPerStud", PropValue::Float(x)) if *x <= 0.0 => {
            out_of_range(out, "above 0", figure(f64::from(*x)));
        }
        ("BorderSizePixel" | "ScrollBarThickness" | "FillDirectionMaxCells", PropValue::Int(i))
            if *i < 0 =>
        {
            out_of_range(out, "0 or more", i.to_string());
        }
        ("MinTextSize" | "MaxTextSize", PropValue::Int(i)) if *i < 1 => {
            out_of_range(out, "1 or more", i.to_string());
        }
        ("MinTextSize" | "MaxTextSize", PropValue::Int(i)) if *i > 100 => {
            clamped(out, "at 100 or less", i.to_string(), "100".into());
        }
        (_, PropValue::Font { family, .. }) if family.trim().is_empty() => {
            out.error(
                "font-family-empty",
                path,
                format!("{prop} of {who} has no font family."),
                format!(
                    "Pick a font family, such as {}.",
                    classes::DEFAULT_FONT_FAMILY
                ),
            );
        }
        (_, PropValue::Content(asset)) => check_content(asset, prop, who, path, out),
        (_, PropValue::ColorSequence(keys)) => {
            let times: Vec<f32> = keys.iter().map(|k| k.0).collect();
            sequence_keypoints(&times, prop, who, path, out);
        }
        (_, PropValue::NumberSequence(keys)) => {
            let times: Vec<f32> = keys.iter().map(|k| k.0).collect();
            if !sequence_keypoints(&times, prop, who, path, out)
                && prop.ends_with("Transparency")
                && let Some(k) = keys.iter().find(|k| !(0.0..=1.0).contains(&k.1))
            {
                out_of_range(
                    out,
                    "between 0 (solid) and 1 (invisible) at every point",
                    figure(f64::from(k.1)),
                );
            }
        }
        _ => {}
    }
}

/// A gradient's keypoints that Roblox refuses (the script that builds the
/// GUI stops with an error); true when it reported one.
fn sequence_keypoints(times: &[f32], prop: &str, who: &str, path: &str, out: &mut Report) -> bool {
    let Some(problem) = crate::project::gui::sequence_problem(times) else {
        return false;
    };
    out.error(
        "sequence-keypoints",
        path,
        format!("{prop} of {who} {problem}, so Roblox refuses it."),
        "Keep between 2 and 20 points, the first at 0 and the last at 1, in order.",
    );
    true
}

fn check_content(asset: &str, prop: &str, who: &str, path: &str, out: &mut Report) {
    let asset = asset.trim();
    if asset.is_empty()
        || asset.contains('{')
        || ASSET_PREFIXES.iter().any(|p| asset.starts_with(p))
    {
        return;
    }
    let fix = if asset.bytes().all(|b| b.is_ascii_digit()) {
        format!("Write it as rbxassetid://{asset}.")
    } else {
        "Use an asset id such as rbxassetid://123456 (copy it from the Toolbox or the Creator \
         Dashboard)."
            .to_string()
    };
    out.warning(
        "content-invalid",
        path,
        format!(
            "{prop} of {who} is {}, which is not an asset id, so Roblox would show nothing.",
            quote(asset)
        ),
        fix,
    );
}

/// MinTextSize above MaxTextSize.
fn check_text_size_pair(node: &GuiNode, who: &str, path: &str, out: &mut Report) {
    if let (Some(PropValue::Int(min)), Some(PropValue::Int(max))) =
        (node.prop("MinTextSize"), node.prop("MaxTextSize"))
        && min > max
    {
        out.error(
            "property-out-of-range",
            join(path, "MinTextSize"),
            format!("MinTextSize of {who} ({min}) is above its MaxTextSize ({max})."),
            "Make MinTextSize smaller than MaxTextSize.",
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn check_bindings(
    node: &GuiNode,
    class: Option<&ClassInfo>,
    prop: &str,
    value: &PropValue,
    path: &str,
    role: Role,
    bindings: &mut Bindings,
    out: &mut Report,
) {
    let (text, is_image) = match value {
        PropValue::String(s) => (s, false),
        PropValue::Content(s) => (s, true),
        _ => return,
    };
    let used = bindings_in(text);
    let who = object(node, class);
    if role == Role::Gui {
        if let Some(first) = used.first() {
            out.warning(
                "binding-outside-row",
                path,
                format!(
                    "{prop} of {who} uses {first}, but only the row template's texts and images \
                     are filled in for each entry; here it would show as written."
                ),
                format!("Move it into the row template, or remove {first}."),
            );
        }
        return;
    }
    for binding in &used {
        match *binding {
            "{rank}" => bindings.rank = true,
            "{name}" => bindings.name = true,
            "{value}" => bindings.value = true,
            _ => bindings.avatar = true,
        }
    }
    let avatar = used.contains(&"{avatar}");
    let avatar_slot = node.class == "ImageLabel" && prop == "Image" && is_image;
    if avatar && !avatar_slot {
        out.error(
            "binding-misplaced",
            path,
            format!(
                "{prop} of {who} uses {{avatar}}, but {{avatar}} is a picture of the player and \
                 can only be the Image of an ImageLabel."
            ),
            "Add an ImageLabel to the row and set its Image to {avatar}.",
        );
    } else if avatar && text.trim() != "{avatar}" {
        out.error(
            "binding-misplaced",
            path,
            format!(
                "{prop} of {who} is {}, but {{avatar}} must be the whole Image value.",
                quote(text)
            ),
            "Set Image to exactly {avatar}.",
        );
    } else if is_image && let Some(other) = used.iter().find(|b| **b != "{avatar}") {
        out.error(
            "binding-misplaced",
            path,
            format!("{prop} of {who} uses {other}, but images can only show {{avatar}}."),
            format!("Show {other} in the Text of a TextLabel instead."),
        );
    }
    if !is_image && let Some(unknown) = unknown_binding(text) {
        let close = ROW_BINDINGS
            .iter()
            .find(|b| b.eq_ignore_ascii_case(unknown))
            .map(|b| format!("Did you mean {b}? Bindings are written in lower case."))
            .unwrap_or_else(|| format!("Use one of {}.", ROW_BINDINGS.join(", ")));
        out.warning(
            "unknown-binding",
            path,
            format!(
                "{prop} of {who} contains {}, which is not a binding the rows fill in, so it \
                 would show as written.",
                quote(unknown)
            ),
            close,
        );
    }
}

/// The first `{word}` in `text` that is not a known binding.
fn unknown_binding(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let inner_len = after
            .char_indices()
            .take(MAX_BINDING_CHARS)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
            .filter(|(_, c)| *c == '}')
            .map(|(i, _)| i);
        if let Some(len) = inner_len.filter(|len| *len > 0) {
            let candidate = &rest[start..start + len + 2];
            if !ROW_BINDINGS.contains(&candidate) {
                return Some(candidate);
            }
        }
        rest = after;
    }
    None
}

/// Whether a class can hold rows (a GuiObject or a GUI root).
pub(super) fn can_hold_rows(node: &GuiNode) -> bool {
    classes::class(&node.class).is_none_or(|c| c.is_gui_object || c.is_root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_misspelled_bindings() {
        assert_eq!(unknown_binding("#{Rank} {name}"), Some("{Rank}"));
        assert_eq!(unknown_binding("{rank} {name} {value}"), None);
        assert_eq!(unknown_binding("{ not a binding }"), None);
        assert_eq!(unknown_binding("{{score}}"), Some("{score}"));
        assert_eq!(unknown_binding("{"), None);
        assert_eq!(unknown_binding("{é}"), None);
    }
}
