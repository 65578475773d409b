//! A SurfaceGui board on its part: the face it is drawn on (the part's
//! Size and the SurfaceGui's Face), the canvas Roblox lays the GUI out in,
//! and how that canvas is stretched onto the face.
//!
//! - PixelsPerStud: the canvas is the face's size in studs x PixelsPerStud,
//!   so it always has the face's shape.
//! - FixedSize: the canvas is CanvasSize, whatever the face; Roblox
//!   stretches it over the face, so a canvas of another shape than the face
//!   shows squashed or widened in game.

use serde::Serialize;

use super::props::Props;
use super::{Device, Layout, LayoutOptions, Rect, Vec2, layout};
use crate::project::gui::{GuiNode, PropValue};

/// How a SurfaceGui's canvas sits on its part's face.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SurfaceFit {
    /// The face's width and height in studs.
    pub face: Vec2,
    /// The canvas the GUI is laid out in, in pixels.
    pub canvas: Vec2,
    /// What the canvas looks like on the face, in canvas pixels: the
    /// canvas's height kept, its width made the face's shape.
    pub shown: Vec2,
    /// `shown / canvas` per axis: (1, 1) when the canvas has the face's
    /// shape; otherwise how much wider (above 1) or narrower the GUI looks
    /// in game than it was laid out.
    pub stretch: Vec2,
    /// Pixels per stud along each axis, as seen on the face.
    pub pixels_per_stud: Vec2,
}

/// The width and height (studs) of the face `face` (a NormalId item) of a
/// part of Size `part` (X, Y, Z): Front and Back show X by Y, Left and
/// Right Z by Y, Top and Bottom X by Z.
pub fn face_size(part: [f32; 3], face: &str) -> Vec2 {
    let [x, y, z] = part.map(|v| if v.is_finite() { v.max(0.0) } else { 0.0 });
    match face {
        "Left" | "Right" => Vec2::new(z, y),
        "Top" | "Bottom" => Vec2::new(x, z),
        _ => Vec2::new(x, y),
    }
}

/// How the SurfaceGui `root` fits the part of Size `part`.
pub fn fit(root: &GuiNode, part: [f32; 3]) -> SurfaceFit {
    let p = Props::of(root);
    let face_name = match root.prop("Face") {
        Some(PropValue::Enum(_, item)) => item.as_str(),
        _ => "Front",
    };
    let face = face_size(part, face_name);
    let canvas = if p.sizing_fixed {
        Vec2::new(p.surface_canvas.0.max(0.0), p.surface_canvas.1.max(0.0))
    } else {
        Vec2::new(face.x * p.pixels_per_stud, face.y * p.pixels_per_stud)
    };
    let shown = if face.y > 0.0 && canvas.y > 0.0 {
        Vec2::new(canvas.y * face.x / face.y, canvas.y)
    } else {
        canvas
    };
    let ratio = |a: f32, b: f32| if b > 0.0 { a / b } else { 1.0 };
    SurfaceFit {
        face,
        canvas,
        shown,
        stretch: Vec2::new(ratio(shown.x, canvas.x), ratio(shown.y, canvas.y)),
        pixels_per_stud: Vec2::new(ratio(shown.x, face.x), ratio(shown.y, face.y)),
    }
}

/// Lays out the SurfaceGui `root` on the part of Size `part` as it looks
/// on the face: laid out in its canvas, then stretched to the face's shape
/// (a no-op in PixelsPerStud mode). The layout's `screen` is the face.
pub fn layout_on_part(
    root: &GuiNode,
    device: &Device,
    options: &LayoutOptions,
    part: [f32; 3],
) -> (Layout, SurfaceFit) {
    let fit = fit(root, part);
    let options = LayoutOptions {
        surface_part_size: Some(fit.face),
        ..options.clone()
    };
    let mut laid = layout(root, device, &options);
    stretch(&mut laid, fit.stretch);
    laid.screen = fit.shown;
    (laid, fit)
}

/// Every rectangle of `laid` stretched by `k` from the canvas's top-left
/// corner. Text keeps its letters' shape: its size follows the height.
pub fn stretch(laid: &mut Layout, k: Vec2) {
    if k == Vec2::new(1.0, 1.0) {
        return;
    }
    let r = |r: Rect| Rect::new(r.x * k.x, r.y * k.y, r.w * k.x, r.h * k.y);
    let p = |v: Vec2| Vec2::new(v.x * k.x, v.y * k.y);
    for n in &mut laid.nodes {
        n.position = p(n.position);
        n.size = p(n.size);
        n.absolute_position = p(n.absolute_position);
        n.clip = r(n.clip);
        n.visible_rect = n.visible_rect.map(r);
        n.border = n.border.map(r);
        n.content = r(n.content);
        if let Some(t) = &mut n.text {
            t.size *= k.y;
            t.line_height *= k.y;
            t.bounds = p(t.bounds);
            for line in &mut t.lines {
                line.x *= k.x;
                line.y *= k.y;
                line.baseline *= k.y;
                line.width *= k.x;
            }
        }
        if let Some(sc) = &mut n.scroll {
            sc.viewport = r(sc.viewport);
            sc.canvas = r(sc.canvas);
            sc.canvas_position = p(sc.canvas_position);
            for bar in [
                &mut sc.vertical_bar,
                &mut sc.vertical_thumb,
                &mut sc.horizontal_bar,
                &mut sc.horizontal_thumb,
            ] {
                *bar = bar.map(r);
            }
        }
    }
}
