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

/// Remembers values like eframe's storage does.
#[derive(Default)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}
