//! Small widgets the panels share. Each one names itself for screen readers
//! (and tests) and returns the new value only when the user changed it.

use egui::{Color32, Response, RichText, Ui};

use crate::project::{Diagnostic, Severity};

pub fn error_color(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

pub fn warning_color(ui: &Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

pub fn severity_color(ui: &Ui, severity: Severity) -> Color32 {
    match severity {
        Severity::Error => error_color(ui),
        Severity::Warning => warning_color(ui),
    }
}

pub fn severity_icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "⛔",
        Severity::Warning => "⚠",
    }
}

/// A one-line text field. Returns the new text and the field's id (for
/// merging the typing into one undo step).
pub fn text(ui: &mut Ui, name: &str, value: &str, width: f32) -> Option<(String, egui::Id)> {
    let mut buffer = value.to_string();
    let response = ui
        .add(egui::TextEdit::singleline(&mut buffer).desired_width(width))
        .accessible_name(name);
    changed(response, buffer)
}

/// A whole number that can be dragged or typed.
pub fn drag_u32(
    ui: &mut Ui,
    name: &str,
    value: u32,
    range: std::ops::RangeInclusive<u32>,
    suffix: &str,
) -> Option<(u32, egui::Id)> {
    let mut v = value;
    let response = ui
        .add(egui::DragValue::new(&mut v).range(range).suffix(suffix))
        .accessible_name(name);
    changed(response, v)
}

pub fn drag_f64(ui: &mut Ui, name: &str, value: f64, suffix: &str) -> Option<(f64, egui::Id)> {
    let mut v = value;
    let response = ui
        .add(egui::DragValue::new(&mut v).speed(0.1).suffix(suffix))
        .accessible_name(name);
    changed(response, v)
}

/// A number that is kept whole (limits of whole-number fields).
pub fn drag_whole_f64(ui: &mut Ui, name: &str, value: f64) -> Option<(f64, egui::Id)> {
    let mut v = value;
    let response = ui
        .add(egui::DragValue::new(&mut v).speed(1.0).max_decimals(0))
        .accessible_name(name);
    changed(response, v.round())
}

pub fn drag_i64(ui: &mut Ui, name: &str, value: i64) -> Option<(i64, egui::Id)> {
    let mut v = value;
    let response = ui.add(egui::DragValue::new(&mut v)).accessible_name(name);
    changed(response, v)
}

pub fn checkbox(ui: &mut Ui, label: &str, value: bool, help: &str) -> Option<bool> {
    let mut v = value;
    let response = ui.checkbox(&mut v, label).on_hover_text(help);
    response.changed().then_some(v)
}

fn changed<T>(response: Response, value: T) -> Option<(T, egui::Id)> {
    response.changed().then_some((value, response.id))
}

/// A drop-down of choices; returns the chosen one when it changed.
pub fn choice<T: PartialEq + Copy>(
    ui: &mut Ui,
    name: &str,
    current: T,
    options: &[(T, &str)],
    width: f32,
) -> Option<T> {
    let selected = options
        .iter()
        .find(|(v, _)| *v == current)
        .map_or("", |(_, l)| *l);
    let mut picked = None;
    let response = egui::ComboBox::from_id_salt(ui.scope_id().with(name))
        .selected_text(selected)
        .width(width)
        .show_ui(ui, |ui| {
            for (value, label) in options {
                if ui.selectable_label(*value == current, *label).clicked() && *value != current {
                    picked = Some(*value);
                }
            }
        });
    let _ = response.response.accessible_name(name);
    picked
}

/// One line of explanation under a setting, in plain words.
pub fn explain(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).weak().small());
}

/// Problems at exactly `path` or at one of its settings (`path/...` whose
/// rest is not another item's name in `children`).
pub fn problems_at<'a>(
    diagnostics: &'a [Diagnostic],
    path: &str,
    children: &[&str],
) -> Vec<&'a Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| {
            if d.path == path {
                return true;
            }
            match d.path.strip_prefix(path).and_then(|r| r.strip_prefix('/')) {
                Some(rest) => {
                    let first = rest.split('/').next().unwrap_or("");
                    !children.contains(&first)
                }
                None => false,
            }
        })
        .collect()
}

/// Problems whose path starts with `prefix` (the prefix itself included).
pub fn problems_under<'a>(diagnostics: &'a [Diagnostic], prefix: &str) -> Vec<&'a Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| {
            d.path == prefix
                || d.path
                    .strip_prefix(prefix)
                    .is_some_and(|r| r.starts_with('/'))
        })
        .collect()
}

/// Problems listed in their colours, each with how to fix it on hover.
pub fn show_problems(ui: &mut Ui, problems: &[&Diagnostic]) {
    for d in problems {
        let color = severity_color(ui, d.severity);
        ui.label(
            RichText::new(format!("{} {}", severity_icon(d.severity), d.message)).color(color),
        )
        .on_hover_text(format!("How to fix it: {}", d.fix));
    }
}

/// A marker after an item with how many problems are under it.
pub fn marker(ui: &mut Ui, problems: &[&Diagnostic]) {
    if problems.is_empty() {
        return;
    }
    let worst = problems
        .iter()
        .map(|d| d.severity)
        .min()
        .unwrap_or(Severity::Warning);
    let text = RichText::new(format!("{} {}", severity_icon(worst), problems.len()))
        .color(severity_color(ui, worst))
        .small();
    ui.label(text).on_hover_text(
        problems
            .iter()
            .map(|d| d.message.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
}
