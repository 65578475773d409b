//! Drawing the laid-out GUI as Roblox would: backgrounds, borders, strokes,
//! text, image placeholders and scroll bars, turned by Rotation.

use egui::epaint::{RectShape, TextShape};
use egui::{
    Align2, Color32, CornerRadius, FontFamily, Painter, Pos2, Rect, Stroke, StrokeKind, vec2,
};

use super::view::{Turn, View};
use super::{Scene, color, float, font_family, prop};
use crate::layout::{self, Device, LayoutOptions};
use crate::project::gui::{GuiNode, PropValue};

/// A box of the GUI on the egui screen: where its centre and size are, and
/// how far it is turned.
#[derive(Clone, Copy)]
struct Placed {
    rect: Rect,
    angle: f32,
}

fn place(view: &View, turn: &Turn, r: layout::Rect) -> Placed {
    let centre = turn.apply(Pos2::new(r.x + r.w / 2.0, r.y + r.h / 2.0));
    Placed {
        rect: Rect::from_center_size(view.to_screen(centre), vec2(r.w, r.h) * view.scale),
        angle: turn.angle,
    }
}

fn fill(p: &Painter, at: Placed, radius: CornerRadius, color: Color32) {
    p.add(RectShape::filled(at.rect, radius, color).with_angle(at.angle));
}

fn outline(p: &Painter, at: Placed, radius: CornerRadius, stroke: Stroke, kind: StrokeKind) {
    p.add(RectShape::stroke(at.rect, radius, stroke, kind).with_angle(at.angle));
}

/// Where each node's drawing is cut, on the egui screen. Under a turned
/// ancestor the layout's clip rectangles are in the turned frame, so the
/// clip of the outermost turned ancestor is used instead (Roblox doesn't
/// clip inside turned frames either).
fn clips(scene: &Scene<'_>, all: Rect) -> Vec<Rect> {
    let mut out: Vec<Rect> = Vec::with_capacity(scene.laid.nodes.len());
    for n in &scene.laid.nodes {
        let c = match n.parent {
            Some(p) if !scene.turns[p].is_none() => out[p],
            _ => scene.view.rect(n.clip).intersect(all),
        };
        out.push(c);
    }
    out
}

/// The device, the game world behind the GUI, Roblox's top bar, the GUI
/// itself and the safe-area insets.
/// `empty`: the laid-out path of a list without rows and the text shown in
/// its place.
pub(super) fn scene(
    painter: &Painter,
    scene: &Scene<'_>,
    device: &Device,
    empty: Option<&(String, String)>,
) {
    let laid = &scene.laid;
    let view = &scene.view;
    let s = view.scale;
    let screen = view.rect(layout::Rect::new(0.0, 0.0, laid.screen.x, laid.screen.y));
    let clip_all = painter.clip_rect().intersect(screen);

    let insets = device.safe_insets;
    if scene.surface.is_some() {
        part_face(painter, screen);
    } else {
        painter.rect_filled(screen.expand(6.0), 10.0, Color32::from_gray(20));
        painter.rect_filled(screen, 0.0, Color32::from_rgb(96, 126, 156));
        let ground = Rect::from_min_max(
            screen.left_top() + vec2(0.0, screen.height() * 0.62),
            screen.max,
        );
        painter.rect_filled(ground, 0.0, Color32::from_rgb(88, 112, 78));

        // Roblox's top bar, below the device's own top inset.
        let bar = view.rect(layout::Rect::new(
            0.0,
            insets.top,
            laid.screen.x,
            LayoutOptions::default().top_bar.height(),
        ));
        painter.rect_filled(bar, 0.0, Color32::from_black_alpha(90));
        for k in 0..2 {
            let c = view.to_screen(Pos2::new(
                insets.left + 12.0 + 22.0 + k as f32 * 52.0,
                insets.top + 29.0,
            ));
            painter.circle_filled(c, 22.0 * s, Color32::from_black_alpha(140));
        }
    }

    let clips = clips(scene, clip_all);
    for &i in &laid.draw_order {
        let n = &laid.nodes[i];
        let Some(src) = scene.sources.get(&n.path) else {
            continue;
        };
        if !clips[i].is_positive() {
            continue;
        }
        object(
            &painter.with_clip_rect(clips[i]),
            view,
            &scene.turns[i],
            n,
            src.node,
        );
    }

    if let Some((list, text)) = empty
        && let Some(h) = laid.get(list)
    {
        let r = view.rect(h.rect());
        painter.with_clip_rect(r.intersect(clip_all)).text(
            r.center(),
            Align2::CENTER_CENTER,
            text,
            egui::FontId::new(16.0 * s, FontFamily::Proportional),
            Color32::from_gray(200),
        );
    }

    // Safe-area insets: the device keeps these for itself (a part has none).
    let shade = Color32::from_rgba_unmultiplied(200, 40, 40, 70);
    let (w, h) = (laid.screen.x, laid.screen.y);
    let sides = [
        (0.0, 0.0, insets.left, h),
        (w - insets.right, 0.0, insets.right, h),
        (0.0, 0.0, w, insets.top),
        (0.0, h - insets.bottom, w, insets.bottom),
    ];
    if let Some(fit) = &scene.surface {
        part_caption(painter, screen.intersect(clip_all), fit);
    }
    for (x, y, rw, rh) in sides.into_iter().filter(|_| scene.surface.is_none()) {
        if rw > 0.0 && rh > 0.0 {
            painter.rect_filled(view.rect(layout::Rect::new(x, y, rw, rh)), 0.0, shade);
        }
    }
    painter.rect_stroke(
        screen,
        0.0,
        Stroke::new(1.0, Color32::from_gray(60)),
        StrokeKind::Outside,
    );
}

/// A colour with a CanvasGroup's GroupColor3 multiplied in.
fn tinted(c: Color32, tint: [f32; 3]) -> Color32 {
    if tint == [1.0; 3] {
        return c;
    }
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    let part = |v: u8, k: f32| (f32::from(v) * k).round().clamp(0.0, 255.0) as u8;
    Color32::from_rgba_unmultiplied(part(r, tint[0]), part(g, tint[1]), part(b, tint[2]), a)
}

/// A colour as a UIGradient shades it at (u, v) of the box: its colour
/// multiplied in, its transparency combined (1 - (1 - a)(1 - b)).
fn shaded(c: Color32, gradient: Option<&layout::Gradient>, u: f32, v: f32) -> Color32 {
    let Some(g) = gradient else { return c };
    let ([gr, gg, gb], gt) = g.at(u, v);
    let [r, gc, b, a] = c.to_srgba_unmultiplied();
    let part = |v: u8, k: f32| (f32::from(v) * k).round().clamp(0.0, 255.0) as u8;
    Color32::from_rgba_unmultiplied(
        part(r, gr),
        part(gc, gg),
        part(b, gb),
        (f32::from(a) * (1.0 - gt)).round() as u8,
    )
}

/// A box filled with a gradient: a grid of coloured vertices (colours are
/// blended between them), pulled in at the corners to the rounding, and
/// turned with the box.
fn gradient_fill(p: &Painter, at: Placed, radius: f32, base: Color32, g: &layout::Gradient) {
    let (w, h) = (at.rect.width(), at.rect.height());
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    const CELLS: usize = 24;
    let r = radius.min(w / 2.0).min(h / 2.0).max(0.0);
    let rot = egui::emath::Rot2::from_angle(at.angle);
    let centre = at.rect.center();
    let mut mesh = egui::Mesh::default();
    for j in 0..=CELLS {
        for i in 0..=CELLS {
            let (u, v) = (i as f32 / CELLS as f32, j as f32 / CELLS as f32);
            let mut local = vec2(-w / 2.0 + u * w, -h / 2.0 + v * h);
            // Outside a rounded corner's arc: onto the arc.
            let inner = vec2(w / 2.0 - r, h / 2.0 - r);
            let d = vec2(local.x.abs() - inner.x, local.y.abs() - inner.y);
            if r > 0.0 && d.x > 0.0 && d.y > 0.0 && d.length() > r {
                let on_arc = d * (r / d.length());
                local = vec2(
                    (inner.x + on_arc.x).copysign(local.x),
                    (inner.y + on_arc.y).copysign(local.y),
                );
            }
            mesh.colored_vertex(centre + rot * local, shaded(base, Some(g), u, v));
        }
    }
    let row = (CELLS + 1) as u32;
    for j in 0..CELLS as u32 {
        for i in 0..CELLS as u32 {
            let a = j * row + i;
            mesh.add_triangle(a, a + 1, a + row);
            mesh.add_triangle(a + 1, a + row + 1, a + row);
        }
    }
    p.add(egui::Shape::mesh(mesh));
}

/// The part a SurfaceGui board is on: its face (Roblox's default part
/// grey) at the face's shape, with the part's edge around it.
fn part_face(p: &Painter, face: Rect) {
    let edge = (face.width().min(face.height()) * 0.03).clamp(4.0, 14.0);
    p.rect_filled(face.expand(edge), 3.0, Color32::from_rgb(105, 104, 108));
    p.rect_filled(
        Rect::from_min_max(
            face.left_top() - vec2(edge, edge),
            face.right_top() + vec2(edge, 0.0),
        ),
        3.0,
        Color32::from_rgb(190, 189, 193),
    );
    p.rect_filled(face, 0.0, Color32::from_rgb(163, 162, 165));
}

/// What the preview of a board on a part shows, written on the face's
/// bottom edge over the GUI, so the zoom never pushes it out of view.
fn part_caption(p: &Painter, face: Rect, fit: &layout::surface::SurfaceFit) {
    let mut words = format!(
        "Part face {} x {} studs, {:.0} px per stud",
        figure(fit.face.x),
        figure(fit.face.y),
        fit.pixels_per_stud.y
    );
    let k = fit.stretch.x;
    if (k - 1.0).abs() > 0.01 {
        words.push_str(&format!(
            " - the {} x {} canvas is stretched {:.2} times across to fit the face",
            figure(fit.canvas.x),
            figure(fit.canvas.y),
            k
        ));
    }
    let galley = p.layout_no_wrap(
        words,
        egui::FontId::new(12.0, FontFamily::Proportional),
        Color32::from_gray(230),
    );
    let at = face.left_bottom() + vec2(4.0, -galley.size().y - 4.0);
    p.rect_filled(
        Rect::from_min_size(at - vec2(3.0, 2.0), galley.size() + vec2(6.0, 4.0)),
        3.0,
        Color32::from_black_alpha(150),
    );
    p.galley(at, galley, Color32::from_gray(230));
}

/// A number of studs or pixels as people write it: 12, 12.5.
fn figure(x: f32) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

/// An outline around a box, shaded by a gradient: quads between the box's
/// (rounded) edge and the same edge pushed out by `width`, so the outer
/// corners are round, as UIStroke's default LineJoinMode Round draws them.
fn gradient_ring(
    p: &Painter,
    at: Placed,
    radius: f32,
    width: f32,
    base: Color32,
    g: &layout::Gradient,
) {
    let (w, h) = (at.rect.width(), at.rect.height());
    if w <= 0.0 || h <= 0.0 || width <= 0.0 {
        return;
    }
    const STEPS: usize = 8;
    let r = radius.min(w / 2.0).min(h / 2.0).max(0.0);
    let rot = egui::emath::Rot2::from_angle(at.angle);
    let centre = at.rect.center();
    // Corners clockwise from the top-right, each an arc of a quarter turn.
    let corners = [
        (vec2(w / 2.0 - r, -h / 2.0 + r), -90.0f32),
        (vec2(w / 2.0 - r, h / 2.0 - r), 0.0),
        (vec2(-w / 2.0 + r, h / 2.0 - r), 90.0),
        (vec2(-w / 2.0 + r, -h / 2.0 + r), 180.0),
    ];
    let mut mesh = egui::Mesh::default();
    for (c, start) in corners {
        for k in 0..=STEPS {
            let a = (start + 90.0 * k as f32 / STEPS as f32).to_radians();
            let normal = vec2(a.cos(), a.sin());
            let edge = c + normal * r;
            let (u, v) = ((edge.x + w / 2.0) / w, (edge.y + h / 2.0) / h);
            let color = shaded(base, Some(g), u, v);
            mesh.colored_vertex(centre + rot * edge, color);
            mesh.colored_vertex(centre + rot * (edge + normal * width), color);
        }
    }
    let n = (mesh.vertices.len() / 2) as u32;
    for i in 0..n {
        let j = (i + 1) % n;
        let (a, b, c, d) = (2 * i, 2 * i + 1, 2 * j, 2 * j + 1);
        mesh.add_triangle(a, b, c);
        mesh.add_triangle(b, d, c);
    }
    p.add(egui::Shape::mesh(mesh));
}

/// One GUI object.
fn object(p: &Painter, view: &View, turn: &Turn, n: &layout::NodeLayout, node: &GuiNode) {
    // CanvasGroups fade what is in them (Roblox fades the group as one
    // picture; overlapping objects in it fade one by one here).
    let mut faded = p.clone();
    faded.multiply_opacity(n.opacity);
    let p = &faded;
    let ink = |c: Color32| tinted(c, n.tint);
    let s = view.scale;
    let at = place(view, turn, n.rect());
    let radius = CornerRadius::same((n.corner_radius * s).round().clamp(0.0, 255.0) as u8);
    let bg_t = float(node, "BackgroundTransparency", 0.0);
    if n.background {
        let bg = ink(color(node, "BackgroundColor3", (163, 162, 165), bg_t));
        match &n.gradient {
            Some(g) => gradient_fill(p, at, n.corner_radius * s, bg, g),
            None => fill(p, at, radius, bg),
        }
    }
    if let Some(border) = n.border
        && n.border_size > 0.0
        && bg_t < 1.0
    {
        outline(
            p,
            place(view, turn, border),
            CornerRadius::ZERO,
            Stroke::new(
                n.border_size * s,
                ink(color(node, "BorderColor3", (27, 42, 53), bg_t)),
            ),
            StrokeKind::Inside,
        );
    }
    if matches!(n.class.as_str(), "ImageLabel" | "ImageButton") {
        image(p, node, at, radius, &|c| {
            shaded(ink(c), n.gradient.as_ref(), 0.5, 0.5)
        });
    }
    let stroke_color = node
        .children
        .iter()
        .find(|c| c.class == "UIStroke")
        .map(|st| color(st, "Color", (0, 0, 0), 0.0));
    if let Some(stroke) = n.stroke
        && !stroke.on_text
        && let Some(c) = stroke_color
        && let Some(g) = &n.stroke_gradient
    {
        let c = ink(with_alpha(c, 1.0 - stroke.transparency));
        gradient_ring(p, at, n.corner_radius * s, stroke.thickness * s, c, g);
    } else if let Some(stroke) = n.stroke
        && !stroke.on_text
        && let Some(c) = stroke_color
    {
        let c = ink(with_alpha(c, 1.0 - stroke.transparency));
        outline(
            p,
            at,
            radius,
            Stroke::new(stroke.thickness * s, c),
            StrokeKind::Outside,
        );
    }
    if let Some(text) = &n.text {
        let t = float(node, "TextTransparency", 0.0);
        let text_fill = ink(color(node, "TextColor3", (27, 42, 53), t));
        let text_outline = n
            .stroke
            .filter(|st| st.on_text)
            .zip(stroke_color)
            .map(|(st, c)| {
                // A gradient in the letters' outline: its colour at the middle.
                let c = shaded(c, n.stroke_gradient.as_ref(), 0.5, 0.5);
                (
                    st.thickness * s,
                    ink(with_alpha(c, (1.0 - st.transparency) * (1.0 - t))),
                )
            });
        let font = egui::FontId::new(text.size * s, font_family(text.font));
        let rect = n.rect();
        for line in &text.lines {
            // A gradient shades each line by the colour at its middle.
            let text_fill = if rect.w > 0.0 && rect.h > 0.0 {
                let u = (line.x + line.width / 2.0 - rect.x) / rect.w;
                let v = (line.y + text.line_height / 2.0 - rect.y) / rect.h;
                shaded(text_fill, n.gradient.as_ref(), u, v)
            } else {
                text_fill
            };
            let galley = p.layout_no_wrap(line.text.clone(), font.clone(), text_fill);
            let ascent = galley
                .rows
                .first()
                .and_then(|r| r.row.glyphs.first().map(|g| r.pos.y + g.pos.y))
                .unwrap_or(text.size * s * 0.8);
            let top_left = Pos2::new(line.x, line.baseline - ascent / s);
            let pos = view.to_screen(turn.apply(top_left));
            if let Some((w, c)) = text_outline {
                // Text outlines: the letters drawn around in the stroke colour.
                for k in 0..8 {
                    let a = k as f32 * std::f32::consts::FRAC_PI_4;
                    let o = vec2(a.cos(), a.sin()) * w;
                    p.add(
                        TextShape::new(pos + o, galley.clone(), c)
                            .with_override_text_color(c)
                            .with_angle(turn.angle),
                    );
                }
            }
            p.add(TextShape::new(pos, galley, text_fill).with_angle(turn.angle));
        }
    }
    if let Some(scroll) = &n.scroll {
        let t = float(node, "ScrollBarImageTransparency", 0.0);
        let c = ink(color(node, "ScrollBarImageColor3", (0, 0, 0), t));
        for thumb in [scroll.vertical_thumb, scroll.horizontal_thumb]
            .into_iter()
            .flatten()
        {
            fill(
                p,
                place(view, turn, thumb),
                CornerRadius::same((2.0 * s) as u8),
                c,
            );
        }
    }
}

pub(super) fn with_alpha(c: Color32, alpha: f32) -> Color32 {
    let [r, g, b, _] = c.to_srgba_unmultiplied();
    Color32::from_rgba_unmultiplied(r, g, b, (alpha.clamp(0.0, 1.0) * 255.0).round() as u8)
}

/// Images are not fetched: a tinted placeholder, with a head and shoulders
/// for avatar thumbnails.
fn image(
    p: &Painter,
    node: &GuiNode,
    at: Placed,
    radius: CornerRadius,
    ink: &dyn Fn(Color32) -> Color32,
) {
    let t = float(node, "ImageTransparency", 0.0);
    if t >= 1.0 {
        return;
    }
    let tint = color(node, "ImageColor3", (255, 255, 255), 0.0);
    let base = Color32::from_rgb(
        (tint.r() as f32 * 0.55) as u8,
        (tint.g() as f32 * 0.6) as u8,
        (tint.b() as f32 * 0.7) as u8,
    );
    let alpha = 1.0 - t;
    fill(p, at, radius, ink(with_alpha(base, alpha)));
    let figure = ink(with_alpha(Color32::from_gray(230), alpha * 0.9));
    let image = match prop(node, "Image") {
        Some(PropValue::Content(s) | PropValue::String(s)) => s,
        _ => String::new(),
    };
    let rect = at.rect;
    let side = rect.width().min(rect.height());
    let c = rect.center();
    // Parts of the figure sit off the centre; turn them around it with the image.
    let turned = |offset: egui::Vec2| c + egui::emath::Rot2::from_angle(at.angle) * offset;
    if image.contains("rbxthumb") || image.contains("{avatar}") {
        p.circle_filled(turned(vec2(0.0, -side * 0.12)), side * 0.2, figure);
        let body = Rect::from_center_size(
            turned(vec2(0.0, side * 0.3)),
            vec2(side * 0.64, side * 0.36),
        );
        // Shoulders are cut at the image's edge; a turned image can't be cut
        // along its sides, so its shoulders show whole.
        let cut = if at.angle == 0.0 {
            rect
        } else {
            rect.expand(side)
        };
        p.with_clip_rect(cut.intersect(p.clip_rect())).add(
            RectShape::filled(
                body,
                CornerRadius::same((side * 0.18).min(255.0) as u8),
                figure,
            )
            .with_angle(at.angle),
        );
    } else {
        outline(
            p,
            Placed {
                rect: rect.shrink(side * 0.2),
                angle: at.angle,
            },
            CornerRadius::same(2),
            Stroke::new(1.5, figure),
            StrokeKind::Inside,
        );
        p.circle_filled(c, side * 0.08, figure);
    }
}
