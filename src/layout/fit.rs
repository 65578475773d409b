//! Whether a laid-out GUI fits its screen the way a designer means it to:
//! nothing cut off or sticking out of its parent except rows a list
//! scrolls to, no text running out of its box, text big enough to read on
//! phones, and nothing under a notch, the home indicator or Roblox's top
//! bar. The gallery of looks is held to this on every device preset.

use serde::Serialize;

use super::{Device, DeviceKind, Layout, LayoutOptions, NodeLayout, Rect};
use crate::project::gui::{GuiNode, PropValue};

/// Smallest text size, in pixels, that reads on a phone held at arm's
/// length (Apple's and Google's guidance puts body text at 11 points and
/// up).
pub const MIN_PHONE_TEXT: f32 = 11.0;

/// How far (pixels) a box may go past a limit before it counts: layout
/// sums of scales and offsets are not exact.
const SLACK: f32 = 0.5;

/// One thing that doesn't fit, in plain words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Misfit {
    /// Path of the object from the root (`LeaderboardGUI/Panel/Title`).
    pub path: String,
    pub problem: String,
}

/// Everything in `laid` (a layout of `gui` on `device` with `options`)
/// that doesn't fit.
pub fn misfits(
    laid: &Layout,
    gui: &GuiNode,
    device: &Device,
    options: &LayoutOptions,
) -> Vec<Misfit> {
    let mut out = Vec::new();
    let on_screen = gui.class == "ScreenGui";
    let safe = safe_area(device, options);
    for n in laid
        .nodes
        .iter()
        .filter(|n| n.visible && n.parent.is_some())
    {
        let mut say = |problem: String| {
            out.push(Misfit {
                path: n.path.clone(),
                problem,
            })
        };
        let scroller = scrolling_ancestor(laid, n);
        match scroller {
            // Rows a list scrolls to are meant to be cut by its window;
            // they must still be on its canvas, where scrolling reaches.
            Some(s) => {
                if let Some(sc) = &s.scroll
                    && !inside(&n.rect(), &sc.canvas)
                {
                    say(format!(
                        "goes past the end of {}, where scrolling can't reach",
                        s.path
                    ));
                }
            }
            None => {
                if n.visible_rect.is_none_or(|v| !same(&v, &n.rect())) {
                    say("is cut off".into());
                }
                if on_screen && !inside(&n.rect(), &safe) {
                    say("reaches under the top bar or past the screen's safe area".into());
                }
            }
        }
        if let Some(p) = n.parent.map(|p| &laid.nodes[p])
            && p.parent.is_some()
            && p.scroll.is_none()
            && !inside(&n.rect(), &p.rect())
        {
            say(format!("sticks out of {}", p.path));
        }
        if let Some(t) = &n.text {
            let source = source(gui, &n.path);
            let may_cut = source
                .and_then(|s| s.prop("TextTruncate"))
                .is_some_and(|v| !matches!(v, PropValue::Enum(_, item) if item == "None"));
            let r = n.rect();
            let wide = t
                .lines
                .iter()
                .any(|l| l.x < r.x - SLACK || l.x + l.width > r.right() + SLACK);
            let tall = t.lines.len() as f32 * t.line_height > r.h + SLACK;
            if wide || tall || (t.truncated && !may_cut) {
                say("has text that doesn't fit its box".into());
            }
            let has_text = t.lines.iter().any(|l| !l.text.trim().is_empty());
            if device.kind == DeviceKind::Phone && has_text && t.size < MIN_PHONE_TEXT {
                say(format!(
                    "has text {} px tall, too small to read on a phone (at least {MIN_PHONE_TEXT})",
                    t.size
                ));
            }
        }
    }
    out
}

/// Where a ScreenGui may draw: below Roblox's top bar and inside the
/// device's own insets. For a SurfaceGui, its canvas.
fn safe_area(device: &Device, options: &LayoutOptions) -> Rect {
    let i = device.safe_insets;
    let top = i.top + options.top_bar.height();
    Rect::new(
        i.left,
        top,
        device.width - i.left - i.right,
        device.height - top - i.bottom,
    )
}

fn scrolling_ancestor<'a>(laid: &'a Layout, n: &NodeLayout) -> Option<&'a NodeLayout> {
    let mut at = n.parent;
    while let Some(p) = at {
        let node = &laid.nodes[p];
        if node.scroll.is_some() {
            return Some(node);
        }
        at = node.parent;
    }
    None
}

fn source<'a>(gui: &'a GuiNode, path: &str) -> Option<&'a GuiNode> {
    let below_root = path.split_once('/').map_or("", |(_, rest)| rest);
    gui.find(below_root)
}

fn inside(a: &Rect, b: &Rect) -> bool {
    a.x >= b.x - SLACK
        && a.y >= b.y - SLACK
        && a.right() <= b.right() + SLACK
        && a.bottom() <= b.bottom() + SLACK
}

fn same(a: &Rect, b: &Rect) -> bool {
    inside(a, b) && inside(b, a)
}
