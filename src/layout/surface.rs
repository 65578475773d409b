//! A SurfaceGui board on its part as the layout engine sees it: the fit of
//! [`crate::project::surface`] in pixels, and the GUI laid out on the face
//! (stretched as Roblox stretches a FixedSize canvas of another shape).

use serde::Serialize;

use super::{Device, Layout, LayoutOptions, Rect, Vec2, layout};
use crate::project::GuiNode;
use crate::project::surface as face;

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

/// The width and height (studs) of a face of a part; see
/// [`crate::project::surface::face_size`].
pub fn face_size(part: [f32; 3], face_name: &str) -> Vec2 {
    let (w, h) = face::face_size(part, face_name);
    Vec2::new(w, h)
}

/// How the SurfaceGui `root` fits the part of Size `part`.
pub fn fit(root: &GuiNode, part: [f32; 3]) -> SurfaceFit {
    let f = face::fit(root, part);
    let v = |(x, y): (f32, f32)| Vec2::new(x, y);
    let ratio = |a: f32, b: f32| if b > 0.0 { a / b } else { 1.0 };
    SurfaceFit {
        face: v(f.face),
        canvas: v(f.canvas),
        shown: v(f.shown),
        stretch: Vec2::new(ratio(f.shown.0, f.canvas.0), ratio(f.shown.1, f.canvas.1)),
        pixels_per_stud: Vec2::new(ratio(f.shown.0, f.face.0), ratio(f.shown.1, f.face.1)),
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
