//! The editor of a gradient's colour and transparency points
//! (ColorSequence, NumberSequence): a strip showing the gradient, then one
//! row per point with its time and its colour or transparency.
//!
//! The first point stays at time 0 and the last at 1 (Roblox refuses
//! anything else), and a point can't move past its neighbours, so every
//! edit keeps the sequence one Roblox accepts.

use egui::{Color32, Sense, Ui};

use crate::project::gui::{ColorKey, NumberKey, color_at, number_at};

/// Roblox's limit on keypoints.
const MAX_POINTS: usize = 20;

/// The colour points' editor; the new points when changed, with the id of
/// a drag that should merge into one undo step.
pub fn colors(
    ui: &mut Ui,
    name: &str,
    keys: &[ColorKey],
) -> Option<(Vec<ColorKey>, Option<egui::Id>)> {
    let mut out = None;
    ui.vertical(|ui| {
        strip(ui, name, |t| {
            let (r, g, b) = color_at(keys, t);
            Color32::from_rgb(r.round() as u8, g.round() as u8, b.round() as u8)
        });
        for (i, key) in keys.iter().enumerate() {
            ui.horizontal(|ui| {
                if let Some((t, id)) = time(ui, name, keys.iter().map(|k| k.0), i) {
                    let mut new = keys.to_vec();
                    new[i].0 = t;
                    out = Some((new, Some(id)));
                }
                let (r, g, b) = key.1;
                let mut rgb = [r, g, b];
                let response = ui
                    .color_edit_button_srgb(&mut rgb)
                    .accessible_name(format!("{name} point {} colour", i + 1))
                    .on_hover_text(format!("{name} point {}: {r}, {g}, {b}", i + 1));
                if response.changed() {
                    let mut new = keys.to_vec();
                    new[i].1 = (rgb[0], rgb[1], rgb[2]);
                    out = Some((new, Some(response.id)));
                }
                if let Some(new) = remove_button(ui, name, keys, i) {
                    out = Some((new, None));
                }
            });
        }
        if let Some(at) = add_button(ui, name, keys.iter().map(|k| k.0)) {
            let (r, g, b) = color_at(keys, at.1);
            let mut new = keys.to_vec();
            new.insert(
                at.0,
                ColorKey(at.1, (r.round() as u8, g.round() as u8, b.round() as u8)),
            );
            out = Some((new, None));
        }
    });
    out
}

/// The number points' editor (transparency: 0 solid, 1 invisible).
pub fn numbers(
    ui: &mut Ui,
    name: &str,
    keys: &[NumberKey],
) -> Option<(Vec<NumberKey>, Option<egui::Id>)> {
    let mut out = None;
    ui.vertical(|ui| {
        strip(ui, name, |t| {
            let alpha = (1.0 - number_at(keys, t)).clamp(0.0, 1.0);
            Color32::from_white_alpha((alpha * 255.0).round() as u8)
        });
        for (i, key) in keys.iter().enumerate() {
            ui.horizontal(|ui| {
                if let Some((t, id)) = time(ui, name, keys.iter().map(|k| k.0), i) {
                    let mut new = keys.to_vec();
                    new[i].0 = t;
                    out = Some((new, Some(id)));
                }
                let mut v = key.1;
                let response = ui
                    .add(
                        egui::DragValue::new(&mut v)
                            .speed(0.01)
                            .range(0.0..=1.0)
                            .max_decimals(3),
                    )
                    .accessible_name(format!("{name} point {} value", i + 1))
                    .on_hover_text("0 is solid, 1 is invisible");
                if response.changed() {
                    let mut new = keys.to_vec();
                    new[i].1 = v;
                    out = Some((new, Some(response.id)));
                }
                if let Some(new) = remove_button(ui, name, keys, i) {
                    out = Some((new, None));
                }
            });
        }
        if let Some(at) = add_button(ui, name, keys.iter().map(|k| k.0)) {
            let mut new = keys.to_vec();
            new.insert(at.0, NumberKey(at.1, number_at(keys, at.1)));
            out = Some((new, None));
        }
    });
    out
}

/// A strip painted with the gradient from time 0 (left) to 1 (right).
fn strip(ui: &mut Ui, name: &str, color: impl Fn(f32) -> Color32) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(200.0, 14.0), Sense::hover());
    response.on_hover_text(format!("{name}, from time 0 (left) to 1 (right)"));
    let painter = ui.painter_at(rect);
    // A checkerboard under it, so transparency shows.
    let cell = 7.0;
    for (k, x) in (0..((rect.width() / cell).ceil() as usize)).enumerate() {
        for y in 0..2 {
            if (k + y) % 2 == 0 {
                let min = rect.min + egui::vec2(x as f32 * cell, y as f32 * cell);
                painter.rect_filled(
                    egui::Rect::from_min_size(min, egui::vec2(cell, cell)),
                    0.0,
                    Color32::from_gray(90),
                );
            }
        }
    }
    let steps = 50;
    for s in 0..steps {
        let t0 = s as f32 / steps as f32;
        let t1 = (s + 1) as f32 / steps as f32;
        let r = egui::Rect::from_min_max(
            egui::pos2(rect.left() + t0 * rect.width(), rect.top()),
            egui::pos2(rect.left() + t1 * rect.width(), rect.bottom()),
        );
        painter.rect_filled(r, 0.0, color((t0 + t1) / 2.0));
    }
}

/// A point's time: fixed for the first and last, else between its
/// neighbours.
fn time(
    ui: &mut Ui,
    name: &str,
    times: impl Iterator<Item = f32>,
    i: usize,
) -> Option<(f32, egui::Id)> {
    let times: Vec<f32> = times.collect();
    let last = times.len().saturating_sub(1);
    if i == 0 || i == last {
        ui.label(format!("at {}", times[i]))
            .on_hover_text("The first point is always at 0 and the last at 1.");
        return None;
    }
    let (lo, hi) = (times[i - 1], times[i + 1]);
    let mut t = times[i];
    let response = ui
        .add(
            egui::DragValue::new(&mut t)
                .speed(0.01)
                .range(lo..=hi)
                .max_decimals(3)
                .prefix("at "),
        )
        .accessible_name(format!("{name} point {} time", i + 1))
        .on_hover_text("Where along the gradient this point is: 0 start, 1 end");
    response.changed().then_some((t, response.id))
}

fn remove_button<K: Clone>(ui: &mut Ui, name: &str, keys: &[K], i: usize) -> Option<Vec<K>> {
    let inner = i > 0 && i + 1 < keys.len();
    if !inner {
        return None;
    }
    let what = format!("Remove point {} of {name}", i + 1);
    let clicked = ui
        .small_button("✖")
        .accessible_name(what.clone())
        .on_hover_text(what)
        .clicked();
    clicked.then(|| {
        let mut new = keys.to_vec();
        new.remove(i);
        new
    })
}

/// "Add a point" halfway across the widest gap; where to insert it.
fn add_button(ui: &mut Ui, name: &str, times: impl Iterator<Item = f32>) -> Option<(usize, f32)> {
    let times: Vec<f32> = times.collect();
    if times.len() >= MAX_POINTS || times.len() < 2 {
        return None;
    }
    let (gap, _) = times
        .windows(2)
        .enumerate()
        .map(|(i, w)| (i, w[1] - w[0]))
        .fold(
            (0, f32::MIN),
            |best, cur| if cur.1 > best.1 { cur } else { best },
        );
    let clicked = ui
        .small_button("➕ Add a point")
        .on_hover_text(format!("Add a point to {name} in its widest gap"))
        .clicked();
    clicked.then(|| (gap + 1, (times[gap] + times[gap + 1]) / 2.0))
}
