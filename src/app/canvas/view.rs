//! Where things are: the zoom and pan of the canvas, and the turn that
//! Rotation gives an object and everything inside it.

use egui::{Pos2, Rect, Vec2, emath::Rot2, vec2};

use crate::layout::{self, Layout};

/// Zoom steps offered in the menu, in points per Roblox pixel.
pub const ZOOM_STEPS: [f32; 3] = [0.5, 1.0, 2.0];
pub const MIN_ZOOM: f32 = 0.05;
pub const MAX_ZOOM: f32 = 16.0;

/// A turn around a point followed by a shift, in Roblox pixels: what the
/// Rotation of an object and of its ancestors does to its drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn {
    /// Radians, clockwise (egui's y axis points down).
    pub angle: f32,
    pub shift: Vec2,
}

impl Turn {
    pub const NONE: Turn = Turn {
        angle: 0.0,
        shift: Vec2::ZERO,
    };

    /// A turn of `degrees` around `pivot`.
    pub fn around(degrees: f32, pivot: Pos2) -> Turn {
        let angle = degrees.to_radians();
        let r = Rot2::from_angle(angle);
        Turn {
            angle,
            shift: pivot.to_vec2() - r * pivot.to_vec2(),
        }
    }

    pub fn is_none(&self) -> bool {
        self.angle == 0.0 && self.shift == Vec2::ZERO
    }

    pub fn apply(&self, p: Pos2) -> Pos2 {
        (Rot2::from_angle(self.angle) * p.to_vec2() + self.shift).to_pos2()
    }

    /// Where a point ends up under `self`, then `outer`.
    pub fn then(&self, outer: &Turn) -> Turn {
        let r = Rot2::from_angle(outer.angle);
        Turn {
            angle: self.angle + outer.angle,
            shift: r * self.shift + outer.shift,
        }
    }

    pub fn inverse(&self) -> Turn {
        let r = Rot2::from_angle(-self.angle);
        Turn {
            angle: -self.angle,
            shift: -(r * self.shift),
        }
    }

    /// A direction turned back into the object's own axes.
    pub fn unturn_vec(&self, v: Vec2) -> Vec2 {
        Rot2::from_angle(-self.angle) * v
    }
}

/// The turn of every laid-out node (by index), from its own Rotation and
/// its ancestors'. The layout leaves positions unturned; Roblox turns each
/// object and its descendants around the object's centre.
pub fn turns(laid: &Layout) -> Vec<Turn> {
    let mut out = vec![Turn::NONE; laid.nodes.len()];
    // Nodes come depth first, so a parent's turn is known before its children's.
    for (i, n) in laid.nodes.iter().enumerate() {
        let inherited = n.parent.map_or(Turn::NONE, |p| out[p]);
        out[i] = if n.rotation == 0.0 {
            inherited
        } else {
            let r = n.rect();
            let own = Turn::around(n.rotation, Pos2::new(r.x + r.w / 2.0, r.y + r.h / 2.0));
            own.then(&inherited)
        };
    }
    out
}

/// How the Roblox screen maps onto the egui screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Points per Roblox pixel.
    pub scale: f32,
    /// Where Roblox's (0, 0) is drawn.
    pub origin: Pos2,
}

impl View {
    pub fn to_screen(&self, p: Pos2) -> Pos2 {
        self.origin + p.to_vec2() * self.scale
    }

    pub fn from_screen(&self, p: Pos2) -> Pos2 {
        ((p - self.origin) / self.scale).to_pos2()
    }

    pub fn rect(&self, r: layout::Rect) -> Rect {
        Rect::from_min_size(
            self.to_screen(Pos2::new(r.x, r.y)),
            vec2(r.w, r.h) * self.scale,
        )
    }
}

/// The origin that keeps the Roblox point under `pointer` there when the
/// scale changes from `old` to `new`.
pub fn zoom_origin(origin: Pos2, pointer: Pos2, old: f32, new: f32) -> Pos2 {
    pointer - (pointer - origin) * (new / old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_turn_and_its_inverse_cancel() {
        let t = Turn::around(30.0, Pos2::new(50.0, 20.0))
            .then(&Turn::around(-75.0, Pos2::new(3.0, 9.0)));
        let p = Pos2::new(17.0, -4.0);
        let back = t.inverse().apply(t.apply(p));
        assert!((back - p).length() < 1e-3, "{back:?}");
    }

    #[test]
    fn a_turn_keeps_its_pivot() {
        let c = Pos2::new(50.0, 20.0);
        assert!((Turn::around(90.0, c).apply(c) - c).length() < 1e-4);
        // Clockwise on screen: right of the centre goes below it.
        let p = Turn::around(90.0, c).apply(c + vec2(10.0, 0.0));
        assert!((p - (c + vec2(0.0, 10.0))).length() < 1e-4, "{p:?}");
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let v = View {
            scale: 0.5,
            origin: Pos2::new(10.0, 20.0),
        };
        let pointer = Pos2::new(300.0, 200.0);
        let under = v.from_screen(pointer);
        let z = View {
            scale: 2.0,
            origin: zoom_origin(v.origin, pointer, 0.5, 2.0),
        };
        assert!((z.to_screen(under) - pointer).length() < 1e-3);
    }
}
