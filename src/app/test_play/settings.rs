//! The scenario picker and its settings.
//!
//! The number fields stop at the engine's upper limits but go down to 0, so
//! that a value the engine refuses (0 players, a few seconds of play) shows
//! the engine's own message instead of silently becoming another number.

use egui::{RichText, Ui};

use crate::app::widgets::explain;
use crate::sim::scenario::{Scenario, Settings};

pub(super) struct Form<'a> {
    pub scenario: &'a mut Scenario,
    pub settings: &'a mut Settings,
}

impl Form<'_> {
    /// Returns true when the settings should go back to the scenario's
    /// defaults: another scenario was picked, or the user asked for them.
    pub fn show(&mut self, ui: &mut Ui) -> bool {
        let mut picked = false;
        egui::Frame::group(ui.style())
            .inner_margin(egui::Margin::same(10))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                egui::Grid::new("test-play-settings")
                    .num_columns(2)
                    .spacing([16.0, 6.0])
                    .show(ui, |ui| {
                        picked = self.rows(ui);
                    });
            });
        picked
    }

    fn rows(&mut self, ui: &mut Ui) -> bool {
        name(ui, "Scenario");
        let mut picked = false;
        ui.vertical(|ui| {
            let current = *self.scenario;
            egui::ComboBox::from_id_salt("test-play-scenario")
                .selected_text(current.title())
                .width(300.0)
                .show_ui(ui, |ui| {
                    for scenario in Scenario::ALL {
                        if ui
                            .selectable_label(scenario == current, scenario.title())
                            .on_hover_text(scenario.describe())
                            .clicked()
                            && scenario != current
                        {
                            *self.scenario = scenario;
                            picked = true;
                        }
                    }
                })
                .response
                .accessible_name("Pick a scenario")
                .on_hover_text("What the simulated game does to your data; picking one resets the settings below to suit it");
            ui.add(egui::Label::new(RichText::new(self.scenario.describe()).weak()).wrap());
        });
        ui.end_row();

        let s = &mut *self.settings;
        name(ui, "Players");
        ui.horizontal(|ui| {
            ui.add(
                egui::DragValue::new(&mut s.players)
                    .range(0..=Settings::MAX_PLAYERS)
                    .speed(0.2),
            )
            .accessible_name("Number of players")
            .on_hover_text("How many simulated players take part");
            explain(ui, &format!("1 to {} players", Settings::MAX_PLAYERS));
        });
        ui.end_row();

        name(ui, "Length");
        ui.horizontal(|ui| {
            ui.add(
                egui::DragValue::new(&mut s.minutes)
                    .range(0.0..=Settings::MAX_MINUTES)
                    .speed(0.1)
                    .max_decimals(1)
                    .suffix(" min"),
            )
            .accessible_name("Length in minutes")
            .on_hover_text("How many minutes of game time to play; the emulator plays them much faster than real time");
            explain(
                ui,
                &format!(
                    "{} to {} minutes of game time",
                    Settings::MIN_MINUTES,
                    Settings::MAX_MINUTES
                ),
            );
        });
        ui.end_row();

        name(ui, "Failure rate");
        ui.horizontal(|ui| {
            let mut percent = s.failure_rate * 100.0;
            let response = ui
                .add(
                    egui::DragValue::new(&mut percent)
                        .range(0.0..=Settings::MAX_FAILURE_RATE * 100.0)
                        .speed(0.5)
                        .max_decimals(1)
                        .suffix(" %"),
                )
                .accessible_name("Failing requests in percent")
                .on_hover_text("The share of DataStore requests that fail at random, as in a bad moment on Roblox");
            if response.changed() {
                s.failure_rate = percent / 100.0;
            }
            explain(
                ui,
                &format!(
                    "0 to {} % of DataStore requests fail",
                    Settings::MAX_FAILURE_RATE * 100.0
                ),
            );
        });
        ui.end_row();

        name(ui, "Seed");
        ui.horizontal(|ui| {
            ui.add(egui::DragValue::new(&mut s.seed).speed(0.2))
                .accessible_name("Random seed")
                .on_hover_text("Decides every random choice: the same seed plays the same game again, another seed a different one");
            explain(ui, "the same seed gives the same run");
        });
        ui.end_row();

        ui.label("");
        let reset = ui
            .button("↺ Defaults")
            .on_hover_text("Put back the settings that show this scenario best for this project")
            .clicked();
        ui.end_row();
        picked || reset
    }
}

fn name(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).strong());
}
