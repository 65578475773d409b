//! Helpers shared by the tests that drive the real designer window.
#![allow(dead_code)]

use datastore_designer::app::DesignerApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Types `text` over the whole text of the field named `label`, then leaves it with Enter.
pub fn retype(h: &mut Harness<'_, DesignerApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}
