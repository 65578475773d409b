//! What dragging on the canvas does: move or resize the selected object
//! (by Scale or by Offset, snapping to its neighbours), or pan the view.
//! Each whole drag is one undo step.

use egui::{CursorIcon, Pos2, Response, Vec2, vec2};

use super::snapping::{self, Targets};
use super::view::Turn;
use super::{Canvas, Scene, udim2};
use crate::app::edit::Edit;
use crate::layout;
use crate::project::GuiAddr;
use crate::project::gui::{PropValue, UDim};

/// How near (in points on screen) a line has to come to snap.
pub const SNAP_REACH: f32 = 6.0;
/// Half the side of a resize handle, and how near the pointer has to be.
pub(super) const HANDLE: f32 = 4.0;
const HANDLE_REACH: f32 = 7.0;

/// A resize handle: which edges it moves (-1 left/top, 1 right/bottom, 0 neither).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handle {
    pub x: i8,
    pub y: i8,
}

pub const HANDLES: [Handle; 8] = [
    Handle { x: -1, y: -1 },
    Handle { x: 0, y: -1 },
    Handle { x: 1, y: -1 },
    Handle { x: 1, y: 0 },
    Handle { x: 1, y: 1 },
    Handle { x: 0, y: 1 },
    Handle { x: -1, y: 1 },
    Handle { x: -1, y: 0 },
];

impl Handle {
    /// Where the handle sits on a box, in Roblox pixels (before any turn).
    pub fn point(self, r: layout::Rect) -> Pos2 {
        Pos2::new(
            r.x + r.w * (self.x as f32 + 1.0) / 2.0,
            r.y + r.h * (self.y as f32 + 1.0) / 2.0,
        )
    }

    pub(super) fn cursor(self) -> CursorIcon {
        match (self.x, self.y) {
            (0, _) => CursorIcon::ResizeVertical,
            (_, 0) => CursorIcon::ResizeHorizontal,
            (x, y) if x == y => CursorIcon::ResizeNwSe,
            _ => CursorIcon::ResizeNeSw,
        }
    }
}

/// A guide line drawn while a drag snaps, in Roblox pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Guide {
    pub vertical: bool,
    pub at: f32,
    pub from: f32,
    pub to: f32,
}

/// An object being moved or resized.
pub(super) struct ObjectDrag {
    pub addr: GuiAddr,
    pub name: String,
    /// None moves the object.
    pub handle: Option<Handle>,
    pub position: (UDim, UDim),
    pub size: (UDim, UDim),
    pub anchor: (f32, f32),
    /// The object's box when the drag started, in Roblox pixels.
    pub start: layout::Rect,
    /// The box its parent lays it out in (what Scale is a fraction of).
    pub parent_box: layout::Rect,
    /// The turn of the frame the drag happens in: the parent's for a move,
    /// the object's own for a resize.
    pub turn: Turn,
    pub targets: Targets,
    /// Canvas pixels per pixel of offset, per axis: for Position, the
    /// parent's (its UIScales, and the stretch of a SurfaceGui on its
    /// part); for Size, the object's own (its UIScale too).
    pub unit_position: Vec2,
    pub unit_size: Vec2,
}

pub(super) enum Gesture {
    Pan { start: Vec2 },
    Object(Box<ObjectDrag>),
}

/// A scale rounded to what the inspector shows, so drags don't leave long tails.
fn tidy(v: f32) -> f32 {
    (v * 10_000.0).round() / 10_000.0
}

/// `u` changed by `pixels`, in Scale (a fraction of `of`) or in Offset.
fn nudge(u: UDim, pixels: f32, of: f32, by_scale: bool) -> UDim {
    if by_scale && of > 0.0 {
        UDim(tidy(u.0 + pixels / of), u.1)
    } else {
        UDim(u.0, u.1 + pixels.round() as i32)
    }
}

impl ObjectDrag {
    /// The new Position and Size after a drag of `delta` Roblox pixels (in
    /// the drag's own frame), and the guides of any snap.
    pub fn result(
        &self,
        mut delta: Vec2,
        snap_reach: Option<f32>,
        by_scale: bool,
    ) -> ((UDim, UDim), (UDim, UDim), Vec<Guide>) {
        let r = self.start;
        let mut guides = Vec::new();
        let reach = snap_reach.filter(|_| self.turn.angle == 0.0);
        // The lines of the box that move with the pointer, per axis.
        let lines = |lo: f32, size: f32, edge: Option<i8>| -> Vec<f32> {
            match edge {
                None => vec![lo, lo + size / 2.0, lo + size],
                Some(-1) => vec![lo],
                Some(1) => vec![lo + size],
                Some(_) => Vec::new(),
            }
        };
        let (ex, ey) = match self.handle {
            None => (None, None),
            Some(h) => (Some(h.x), Some(h.y)),
        };
        if let Some(reach) = reach {
            let xs = lines(r.x + delta.x, r.w, ex);
            let ys = lines(r.y + delta.y, r.h, ey);
            if let Some(s) = snapping::nearest(&xs, &self.targets.xs, reach) {
                delta.x += s.shift;
                guides.push(Guide {
                    vertical: true,
                    at: s.line,
                    from: 0.0,
                    to: 0.0,
                });
            }
            if let Some(s) = snapping::nearest(&ys, &self.targets.ys, reach) {
                delta.y += s.shift;
                guides.push(Guide {
                    vertical: false,
                    at: s.line,
                    from: 0.0,
                    to: 0.0,
                });
            }
        }
        let (mut left, mut top, mut right, mut bottom) = (r.x, r.y, r.right(), r.bottom());
        match self.handle {
            None => {
                left += delta.x;
                right += delta.x;
                top += delta.y;
                bottom += delta.y;
            }
            Some(h) => {
                // Edges stop at the opposite edge rather than turning the box inside out.
                match h.x {
                    -1 => left = (left + delta.x).min(right),
                    1 => right = (right + delta.x).max(left),
                    _ => {}
                }
                match h.y {
                    -1 => top = (top + delta.y).min(bottom),
                    1 => bottom = (bottom + delta.y).max(top),
                    _ => {}
                }
            }
        }
        let (w, h) = (right - left, bottom - top);
        for g in &mut guides {
            let (a, b) = if g.vertical {
                (
                    self.parent_box.y.min(top),
                    self.parent_box.bottom().max(bottom),
                )
            } else {
                (
                    self.parent_box.x.min(left),
                    self.parent_box.right().max(right),
                )
            };
            g.from = a;
            g.to = b;
        }
        // Position is where the AnchorPoint is, so it moves with whichever
        // edge keeps the anchor's share of the box.
        let (ax, ay) = self.anchor;
        let dpx = left + ax * w - (r.x + ax * r.w);
        let dpy = top + ay * h - (r.y + ay * r.h);
        // The parent's size in its own (unscaled) pixels, which Scale is a
        // fraction of; moves and size changes in those pixels.
        let (up, us) = (self.unit_position, self.unit_size);
        let (pw, ph) = (self.parent_box.w / up.x, self.parent_box.h / up.y);
        let position = (
            nudge(self.position.0, dpx / up.x, pw, by_scale),
            nudge(self.position.1, dpy / up.y, ph, by_scale),
        );
        let size = (
            nudge(self.size.0, (w - r.w) / us.x, pw, by_scale),
            nudge(self.size.1, (h - r.h) / us.y, ph, by_scale),
        );
        (position, size, guides)
    }
}

impl Canvas {
    /// The handle of the focused object nearest to a point on the egui
    /// screen, if near enough. On small objects the reach shrinks so that
    /// the middle of the object still moves it.
    pub(super) fn handle_at(&self, scene: &Scene<'_>, focus: usize, at: Pos2) -> Option<Handle> {
        let n = &scene.laid.nodes[focus];
        let reach = HANDLE_REACH
            .min(n.size.x.min(n.size.y) * scene.view.scale / 3.0)
            .max(2.0);
        HANDLES
            .into_iter()
            .map(|h| {
                let p = scene
                    .view
                    .to_screen(scene.turns[focus].apply(h.point(n.rect())));
                (h, (p - at).length())
            })
            .filter(|&(_, d)| d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(h, _)| h)
    }

    pub(super) fn start_object_drag(
        &self,
        scene: &Scene<'_>,
        project: &crate::project::Project,
        i: usize,
        handle: Option<Handle>,
    ) -> Option<ObjectDrag> {
        let n = &scene.laid.nodes[i];
        let src = scene.sources.get(&n.path)?;
        let node = src.addr.node(project)?;
        let parent = n.parent?;
        let p = &scene.laid.nodes[parent];
        let siblings = p
            .children
            .iter()
            .filter(|&&c| c != i && scene.laid.nodes[c].visible)
            .map(|&c| scene.laid.nodes[c].rect());
        let anchor = match super::prop(node, "AnchorPoint") {
            Some(PropValue::Vector2(x, y)) => (x, y),
            _ => (0.0, 0.0),
        };
        Some(ObjectDrag {
            addr: src.addr.clone(),
            name: node.name.clone(),
            handle,
            position: udim2(node, "Position"),
            size: udim2(node, "Size"),
            anchor,
            start: n.rect(),
            parent_box: p.content,
            turn: if handle.is_some() {
                scene.turns[i]
            } else {
                scene.turns[parent]
            },
            targets: Targets::around(p.rect(), siblings),
            unit_position: vec2(p.scale * scene.stretch.x, p.scale * scene.stretch.y),
            unit_size: vec2(n.scale * scene.stretch.x, n.scale * scene.stretch.y),
        })
    }

    /// Carries on a drag: the edit for an object, or the new pan.
    pub(super) fn continue_drag(
        &mut self,
        response: &Response,
        edits: &mut Vec<Edit>,
        current: impl Fn(&GuiAddr) -> Option<((UDim, UDim), (UDim, UDim))>,
    ) {
        let Some((Some(origin), Some(now), alt)) = response.ctx.input(|i| {
            Some((
                i.pointer.press_origin(),
                i.pointer.latest_pos(),
                i.modifiers.alt,
            ))
        }) else {
            return;
        };
        let screen_delta = now - origin;
        let scale = self.scale;
        let (by_scale, snap) = (self.edit_scale, self.snap && !alt);
        match &self.gesture {
            Some(Gesture::Pan { start }) => {
                self.pan = *start + screen_delta;
                response.ctx.set_cursor_icon(CursorIcon::Grabbing);
            }
            Some(Gesture::Object(drag)) => {
                let delta = drag.turn.unturn_vec(screen_delta / scale);
                let reach = snap.then_some(SNAP_REACH / scale);
                let (position, size, guides) = drag.result(delta, reach, by_scale);
                self.guides = guides;
                response.ctx.set_cursor_icon(match drag.handle {
                    Some(h) => h.cursor(),
                    None => CursorIcon::Grabbing,
                });
                if current(&drag.addr) == Some((position, size)) {
                    return;
                }
                let addr = drag.addr.clone();
                let label = match drag.handle {
                    Some(_) => format!("Resize {}", drag.name),
                    None => format!("Move {}", drag.name),
                };
                let resize = drag.handle.is_some();
                edits.push(
                    Edit::new(label, move |project| {
                        if let Some(node) = addr.node_mut(project) {
                            node.properties.insert(
                                "Position".into(),
                                PropValue::UDim2(position.0, position.1),
                            );
                            if resize {
                                node.properties
                                    .insert("Size".into(), PropValue::UDim2(size.0, size.1));
                            }
                        }
                    })
                    .in_session(response.id),
                );
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    fn drag(handle: Option<Handle>, anchor: (f32, f32)) -> ObjectDrag {
        ObjectDrag {
            addr: GuiAddr::new(0, crate::project::GuiPart::Gui, vec![0]),
            name: "Box".into(),
            handle,
            position: (UDim(0.0, 100), UDim(0.0, 50)),
            size: (UDim(0.0, 40), UDim(0.0, 20)),
            anchor,
            start: layout::Rect::new(100.0 - anchor.0 * 40.0, 50.0 - anchor.1 * 20.0, 40.0, 20.0),
            parent_box: layout::Rect::new(0.0, 0.0, 400.0, 200.0),
            turn: Turn::NONE,
            targets: Targets::around(layout::Rect::new(0.0, 0.0, 400.0, 200.0), []),
            unit_position: vec2(1.0, 1.0),
            unit_size: vec2(1.0, 1.0),
        }
    }

    #[test]
    fn drags_under_a_ui_scale_or_a_stretch_change_offsets_in_unscaled_pixels() {
        // The parent is scaled x2 across and down, the object x3 (its own
        // UIScale 1.5): a 20 px move is 10 px of Position offset, a 30 px
        // resize 10 px of Size offset.
        let mut d = drag(None, (0.0, 0.0));
        d.unit_position = vec2(2.0, 2.0);
        d.unit_size = vec2(3.0, 3.0);
        let (pos, _, _) = d.result(vec2(20.0, -20.0), None, false);
        assert_eq!(pos, (UDim(0.0, 110), UDim(0.0, 40)));
        // By scale: the parent is 400 / 2 = 200 unscaled pixels wide, so a
        // 20 px move is 10 / 200 = 0.05.
        let (pos, _, _) = d.result(vec2(20.0, 0.0), None, true);
        assert!((pos.0.0 - 0.05).abs() < 1e-6);
        let mut d = drag(Some(Handle { x: 1, y: 0 }), (0.0, 0.0));
        d.unit_position = vec2(2.0, 2.0);
        d.unit_size = vec2(3.0, 3.0);
        let (_, size, _) = d.result(vec2(30.0, 0.0), None, false);
        assert_eq!(size.0, UDim(0.0, 50));
    }

    #[test]
    fn the_left_handle_moves_position_by_the_anchors_share() {
        let d = drag(Some(Handle { x: -1, y: 0 }), (0.5, 0.0));
        let (pos, size, _) = d.result(vec2(-10.0, 0.0), None, false);
        assert_eq!(size.0, UDim(0.0, 50));
        assert_eq!(pos.0, UDim(0.0, 95));
        let d = drag(Some(Handle { x: -1, y: 0 }), (0.0, 0.0));
        let (pos, size, _) = d.result(vec2(-10.0, 0.0), None, false);
        assert_eq!((pos.0, size.0), (UDim(0.0, 90), UDim(0.0, 50)));
    }

    #[test]
    fn the_right_handle_keeps_a_left_anchored_position() {
        let d = drag(Some(Handle { x: 1, y: 1 }), (0.0, 0.0));
        let (pos, size, _) = d.result(vec2(20.0, 40.0), None, true);
        assert_eq!(pos, d.position);
        assert_eq!(size, (UDim(0.05, 40), UDim(0.2, 20)));
    }

    #[test]
    fn an_edge_stops_at_the_opposite_edge() {
        let d = drag(Some(Handle { x: 1, y: 0 }), (0.0, 0.0));
        let (_, size, _) = d.result(vec2(-100.0, 0.0), None, false);
        assert_eq!(size.0, UDim(0.0, 0));
    }

    #[test]
    fn a_move_snaps_to_the_parents_centre_and_shows_a_guide() {
        let d = drag(None, (0.0, 0.0));
        // Box centre at 120 + 77 = 197; the parent's centre is at 200.
        let (pos, _, guides) = d.result(vec2(77.0, 0.0), Some(6.0), false);
        assert_eq!(pos.0, UDim(0.0, 180));
        assert!(guides.iter().any(|g| g.vertical && g.at == 200.0));
        let (pos, _, guides) = d.result(vec2(77.0, 0.0), None, false);
        assert_eq!(pos.0, UDim(0.0, 177));
        assert!(guides.is_empty());
    }
}
