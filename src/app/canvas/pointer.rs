//! What pressing and dragging on the canvas picks: a handle of the
//! selection, the selection itself, the object under the pointer, or empty
//! space (which pans).

use egui::{Color32, Pos2, Rect, vec2};

use super::gesture::Gesture;
use super::{Canvas, PanelCtx, Scene, Selection, layout, locked_reason, udim2};

impl Canvas {
    /// Every drawn copy of the selected object.
    pub(super) fn selected_nodes(
        &self,
        scene: &Scene<'_>,
        selection: &Selection,
        b: usize,
    ) -> Vec<usize> {
        let Some(addr) = selection.gui_addr().filter(|a| a.board == b) else {
            return Vec::new();
        };
        (0..scene.laid.nodes.len())
            .filter(|&i| {
                scene
                    .sources
                    .get(&scene.laid.nodes[i].path)
                    .is_some_and(|s| s.addr == addr)
            })
            .collect()
    }

    /// The copy of the selection that gets resize handles: the one last
    /// pressed on, else the first.
    pub(super) fn focus_node(&self, scene: &Scene<'_>, selected: &[usize]) -> Option<usize> {
        selected
            .iter()
            .copied()
            .find(|&i| self.focus.as_deref() == Some(scene.laid.nodes[i].path.as_str()))
            .or_else(|| selected.first().copied())
    }

    /// The topmost selectable object at a point on the egui screen.
    fn hit(&self, scene: &Scene<'_>, at: Pos2) -> Option<usize> {
        let laid = &scene.laid;
        laid.draw_order.iter().rev().copied().find(|&i| {
            let n = &laid.nodes[i];
            if n.parent.is_none() || !scene.sources.contains_key(&n.path) {
                return false;
            }
            // Test in the object's own, unturned frame.
            let p = scene.turns[i].inverse().apply(scene.view.from_screen(at));
            let inside =
                |r: layout::Rect| p.x >= r.x && p.y >= r.y && p.x <= r.right() && p.y <= r.bottom();
            if scene.turns[i].is_none() {
                n.visible_rect.is_some_and(inside)
            } else {
                n.visible_rect.is_some() && inside(n.rect())
            }
        })
    }

    pub(super) fn interact(
        &mut self,
        response: &egui::Response,
        scene: &Scene<'_>,
        ctx: &mut PanelCtx<'_>,
        b: usize,
        home: Selection,
    ) {
        let project = ctx.project;
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            self.blocked = None;
            match self.hit(scene, pos) {
                Some(i) => {
                    let s = &scene.sources[&scene.laid.nodes[i].path];
                    *ctx.selection = s.addr.clone().into();
                    self.focus = Some(scene.laid.nodes[i].path.clone());
                }
                None => *ctx.selection = home,
            }
        }
        if response.drag_started() {
            self.start_drag(response, scene, ctx, b);
        }
        if response.dragged() {
            self.continue_drag(response, ctx.edits, |addr| {
                let node = addr.node(project)?;
                Some((udim2(node, "Position"), udim2(node, "Size")))
            });
        }
        if response.drag_stopped() {
            self.gesture = None;
            self.guides.clear();
        }
        if response.dragged() || self.gesture.is_some() {
            return;
        }
        // Say why the selected object can't be dragged before trying, and
        // show what pressing here would do.
        let Some(pos) = response.hover_pos() else {
            return;
        };
        let selected = self.selected_nodes(scene, ctx.selection, b);
        if let Some(f) = self.focus_node(scene, &selected)
            && let Some(h) = self.handle_at(scene, f, pos)
        {
            let s = &scene.sources[&scene.laid.nodes[f].path];
            if locked_reason(project, &s.addr).is_none() {
                response.ctx.set_cursor_icon(h.cursor());
                return;
            }
        }
        if let Some(i) = self.hit(scene, pos) {
            let s = &scene.sources[&scene.laid.nodes[i].path];
            if selected.contains(&i) {
                match locked_reason(project, &s.addr) {
                    Some(why) => {
                        response
                            .clone()
                            .on_hover_text_at_pointer(format!("🔒 {why}"));
                    }
                    None => response.ctx.set_cursor_icon(egui::CursorIcon::Grab),
                }
            }
        }
    }

    fn start_drag(
        &mut self,
        response: &egui::Response,
        scene: &Scene<'_>,
        ctx: &mut PanelCtx<'_>,
        b: usize,
    ) {
        let project = ctx.project;
        self.gesture = None;
        self.blocked = None;
        self.guides.clear();
        let (origin, middle, space) = response.ctx.input(|i| {
            (
                i.pointer.press_origin(),
                i.pointer.button_down(egui::PointerButton::Middle),
                i.key_down(egui::Key::Space),
            )
        });
        let Some(origin) = origin else {
            return;
        };
        let pan = Gesture::Pan { start: self.pan };
        if middle || space {
            self.gesture = Some(pan);
            return;
        }
        let selected = self.selected_nodes(scene, ctx.selection, b);
        let focus = self.focus_node(scene, &selected);
        // A handle of the selection first, then the selection itself (even
        // under other objects), then whatever is under the pointer.
        let handle = focus.and_then(|f| Some((f, self.handle_at(scene, f, origin)?)));
        let target = match handle {
            Some((f, h)) => Some((f, Some(h))),
            None => selected
                .iter()
                .rev()
                .copied()
                .find(|&i| {
                    let p = scene.turns[i]
                        .inverse()
                        .apply(scene.view.from_screen(origin));
                    let r = scene.laid.nodes[i].rect();
                    p.x >= r.x && p.y >= r.y && p.x <= r.right() && p.y <= r.bottom()
                })
                .or_else(|| self.hit(scene, origin))
                .map(|i| (i, None)),
        };
        let Some((i, handle)) = target else {
            // Dragging empty space pans.
            self.gesture = Some(pan);
            return;
        };
        let s = &scene.sources[&scene.laid.nodes[i].path];
        *ctx.selection = s.addr.clone().into();
        self.focus = Some(scene.laid.nodes[i].path.clone());
        match locked_reason(project, &s.addr) {
            Some(why) => self.blocked = Some(why),
            None => {
                self.gesture = self
                    .start_object_drag(scene, project, i, handle)
                    .map(|d| Gesture::Object(Box::new(d)));
            }
        }
    }

    /// While a locked object is dragged, say why it stays put.
    pub(super) fn blocked_tooltip(&self, response: &egui::Response) {
        let Some(why) = &self.blocked else {
            return;
        };
        if !response.dragged() {
            return;
        }
        let Some(pos) = response.ctx.pointer_latest_pos() else {
            return;
        };
        let painter = response.ctx.layer_painter(egui::LayerId::new(
            egui::Order::Tooltip,
            egui::Id::unique("canvas-locked"),
        ));
        let galley = painter.layout(
            format!("🔒 {why}"),
            egui::FontId::proportional(13.0),
            Color32::WHITE,
            320.0,
        );
        let at = pos + vec2(14.0, 14.0);
        let bg = Rect::from_min_size(at, galley.size()).expand(6.0);
        painter.rect_filled(bg, 4.0, Color32::from_black_alpha(220));
        painter.galley(at, galley, Color32::WHITE);
    }
}
