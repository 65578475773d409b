//! What the canvas draws over the GUI: selection outlines, layout bounds,
//! resize handles and snap guides.

use egui::{Color32, Pos2, Stroke, StrokeKind, vec2};

use super::gesture::{HANDLE, HANDLES};
use super::{Canvas, Scene};

impl Canvas {
    /// Selection outlines, layout bounds, handles and snap guides.
    pub(super) fn overlays(
        &mut self,
        painter: &egui::Painter,
        scene: &Scene<'_>,
        selected: &[usize],
        focus: Option<usize>,
        handles: bool,
        accent: Color32,
    ) {
        let view = &scene.view;
        let laid = &scene.laid;
        let outline = |i: usize, width: f32, color: Color32| {
            let n = &laid.nodes[i];
            let r = n.rect();
            let turn = &scene.turns[i];
            let c = view.to_screen(turn.apply(Pos2::new(r.x + r.w / 2.0, r.y + r.h / 2.0)));
            painter.add(
                egui::epaint::RectShape::stroke(
                    egui::Rect::from_center_size(c, vec2(r.w, r.h) * view.scale),
                    0.0,
                    Stroke::new(width, color),
                    StrokeKind::Outside,
                )
                .with_angle(turn.angle),
            );
        };
        self.bounds_drawn = 0;
        if self.show_bounds {
            let parents: Vec<usize> = selected
                .iter()
                .filter_map(|&i| laid.nodes[i].parent)
                .collect();
            for (i, n) in laid.nodes.iter().enumerate() {
                // Objects clipped away entirely (rows scrolled out of a list) would
                // only clutter the view.
                if n.parent.is_none() || n.visible_rect.is_none() {
                    continue;
                }
                let color = if selected.contains(&i) {
                    Color32::from_rgb(255, 170, 0)
                } else if parents.contains(&i) {
                    Color32::from_rgb(230, 90, 230)
                } else {
                    Color32::from_rgb(0, 200, 255)
                };
                outline(i, 1.0, color);
                self.bounds_drawn += 1;
            }
        }
        for &i in selected {
            outline(i, 2.0, accent);
        }
        if handles && let Some(f) = focus {
            let n = &laid.nodes[f];
            for h in HANDLES {
                let p = view.to_screen(scene.turns[f].apply(h.point(n.rect())));
                let r = egui::Rect::from_center_size(p, vec2(2.0, 2.0) * HANDLE);
                painter.rect_filled(r, 1.0, Color32::WHITE);
                painter.rect_stroke(r, 1.0, Stroke::new(1.0, accent), StrokeKind::Outside);
            }
        }
        let guide = Color32::from_rgb(255, 64, 160);
        for g in &self.guides {
            let (a, b) = if g.vertical {
                (Pos2::new(g.at, g.from), Pos2::new(g.at, g.to))
            } else {
                (Pos2::new(g.from, g.at), Pos2::new(g.to, g.at))
            };
            painter.line_segment(
                [view.to_screen(a), view.to_screen(b)],
                Stroke::new(1.0, guide),
            );
        }
    }
}
