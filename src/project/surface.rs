//! A SurfaceGui board on its part: the face it is drawn on (the part's
//! Size seen from the SurfaceGui's Face) and the canvas Roblox lays the GUI
//! out in.
//!
//! - PixelsPerStud: the canvas is the face's size in studs x PixelsPerStud,
//!   so it always has the face's shape.
//! - FixedSize: the canvas is CanvasSize, whatever the face; Roblox
//!   stretches it over the face, so a canvas of another shape than the face
//!   shows squashed or widened in game.
//!
//! The layout engine's `layout::surface` builds on this.

use super::classes;
use super::gui::{GuiNode, PropValue};

/// How a SurfaceGui's canvas sits on its part's face.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceFit {
    /// The face's width and height in studs.
    pub face: (f32, f32),
    /// The canvas the GUI is laid out in, in pixels.
    pub canvas: (f32, f32),
    /// What the canvas looks like on the face, in canvas pixels: the
    /// canvas's height kept, its width made the face's shape.
    pub shown: (f32, f32),
}

impl FaceFit {
    /// How much wider (above 1) or narrower the GUI looks on the face than
    /// it was laid out: 1 when the canvas has the face's shape.
    pub fn stretch_across(&self) -> f32 {
        if self.canvas.0 > 0.0 {
            self.shown.0 / self.canvas.0
        } else {
            1.0
        }
    }
}

/// The width and height (studs) of the face `face` (a NormalId item) of a
/// part of Size `part` (X, Y, Z): Front and Back show X by Y, Left and
/// Right Z by Y, Top and Bottom X by Z.
pub fn face_size(part: [f32; 3], face: &str) -> (f32, f32) {
    let [x, y, z] = part.map(|v| if v.is_finite() { v.max(0.0) } else { 0.0 });
    match face {
        "Left" | "Right" => (z, y),
        "Top" | "Bottom" => (x, z),
        _ => (x, y),
    }
}

/// A property of the SurfaceGui, or its class default.
fn prop(root: &GuiNode, name: &str) -> Option<PropValue> {
    root.prop(name).cloned().or_else(|| {
        classes::class(&root.class)?
            .property(name)
            .map(|p| p.default.clone())
    })
}

/// How the SurfaceGui `root` fits the part of Size `part`.
pub fn fit(root: &GuiNode, part: [f32; 3]) -> FaceFit {
    let face_name = match prop(root, "Face") {
        Some(PropValue::Enum(_, item)) => item,
        _ => "Front".into(),
    };
    let face = face_size(part, &face_name);
    let fixed =
        !matches!(prop(root, "SizingMode"), Some(PropValue::Enum(_, i)) if i == "PixelsPerStud");
    let canvas = if fixed {
        match prop(root, "CanvasSize") {
            Some(PropValue::Vector2(w, h)) if w.is_finite() && h.is_finite() => {
                (w.max(0.0), h.max(0.0))
            }
            _ => (800.0, 600.0),
        }
    } else {
        let pps = match prop(root, "PixelsPerStud") {
            Some(PropValue::Float(f)) if f.is_finite() => f.max(0.0),
            Some(PropValue::Int(i)) => (i as f32).max(0.0),
            _ => 50.0,
        };
        (face.0 * pps, face.1 * pps)
    };
    let shown = if face.1 > 0.0 && canvas.1 > 0.0 {
        (canvas.1 * face.0 / face.1, canvas.1)
    } else {
        canvas
    };
    FaceFit {
        face,
        canvas,
        shown,
    }
}
