//! The event log of a run: what happened, in time order, with a chip per
//! kind of event to hide or show it and a search box. Only the rows in view
//! are laid out, so runs with many thousands of events scroll smoothly.

use std::collections::HashSet;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::sim::scenario::clock;
use crate::sim::scenario::{Event, EventKind};

const ROW_HEIGHT: f32 = 20.0;
const TABLE_HEIGHT: f32 = 320.0;

/// The filters the user set, and the rows they leave.
#[derive(Debug, Default)]
pub struct LogView {
    /// Kinds of event the user turned off.
    pub hidden: HashSet<EventKind>,
    pub search: String,
    /// Indices of the events shown, and what they were filtered with, so the
    /// filtering is only redone when something changed.
    shown: Vec<usize>,
    shown_for: Option<(u64, String, Vec<EventKind>)>,
}

impl LogView {
    pub(super) fn show(&mut self, ui: &mut Ui, events: &[Event], serial: u64) {
        ui.label(RichText::new("What happened").strong());
        super::super::widgets::explain(
            ui,
            "Every join, load, save, lock, kick and failure of the run, by game time. Click a kind to hide or show it.",
        );
        ui.add_space(2.0);
        self.chips(ui, events);
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("🔍 Search the log (player, text, …)")
                    .desired_width(320.0),
            )
            .accessible_name("Search the event log")
            .on_hover_text("Shows only the events whose text, player or kind contains this");
            if !self.search.is_empty()
                && ui
                    .small_button("✖")
                    .on_hover_text("Clear the search")
                    .clicked()
            {
                self.search.clear();
            }
        });
        self.refilter(events, serial);
        ui.label(
            RichText::new(format!(
                "Showing {} of {} events",
                self.shown.len(),
                events.len()
            ))
            .small()
            .weak(),
        );
        self.table(ui, events);
    }

    fn chips(&mut self, ui: &mut Ui, events: &[Event]) {
        let mut counts = [0usize; EventKind::ALL.len()];
        for e in events {
            if let Some(i) = EventKind::ALL.iter().position(|k| *k == e.kind) {
                counts[i] += 1;
            }
        }
        ui.horizontal_wrapped(|ui| {
            for (kind, count) in EventKind::ALL.into_iter().zip(counts) {
                if count == 0 {
                    continue;
                }
                let on = !self.hidden.contains(&kind);
                let chip = ui
                    .selectable_label(on, format!("{} ({count})", kind.label()))
                    .on_hover_text(if on {
                        format!("Hide the {} events", kind.label())
                    } else {
                        format!("Show the {} events", kind.label())
                    });
                if chip.clicked() && !self.hidden.remove(&kind) {
                    self.hidden.insert(kind);
                }
            }
        });
    }

    fn refilter(&mut self, events: &[Event], serial: u64) {
        let mut hidden: Vec<EventKind> = self.hidden.iter().copied().collect();
        hidden.sort_by_key(|k| k.label());
        let key = (serial, self.search.clone(), hidden);
        if self.shown_for.as_ref() == Some(&key) {
            return;
        }
        let needle = self.search.trim().to_lowercase();
        self.shown = events
            .iter()
            .enumerate()
            .filter(|(_, e)| !self.hidden.contains(&e.kind))
            .filter(|(_, e)| needle.is_empty() || matches(e, &needle))
            .map(|(i, _)| i)
            .collect();
        self.shown_for = Some(key);
    }

    fn table(&self, ui: &mut Ui, events: &[Event]) {
        if self.shown.is_empty() {
            ui.label(RichText::new("No events match.").weak());
            return;
        }
        TableBuilder::new(ui)
            .id_salt("test-play-log")
            .striped(true)
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(56.0))
            .column(Column::exact(56.0))
            .column(Column::exact(90.0))
            .column(Column::exact(80.0))
            .column(Column::remainder().clip(true))
            .min_scrolled_height(0.0)
            .max_scroll_height(TABLE_HEIGHT)
            .header(ROW_HEIGHT, |mut header| {
                for title in ["Time", "Server", "Player", "Kind", "What happened"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, self.shown.len(), |mut row| {
                    let Some(e) = self.shown.get(row.index()).and_then(|&i| events.get(i)) else {
                        return;
                    };
                    row.col(|ui| {
                        ui.monospace(clock(e.time));
                    });
                    row.col(|ui| {
                        ui.label(e.server.map_or(String::new(), |s| format!("#{s}")));
                    });
                    row.col(|ui| {
                        ui.label(e.player.map_or(String::new(), |p| p.to_string()));
                    });
                    row.col(|ui| {
                        ui.label(kind_text(ui, e.kind));
                    });
                    row.col(|ui| {
                        ui.label(&e.text).on_hover_text(&e.text);
                    });
                });
            });
    }
}

fn matches(e: &Event, needle: &str) -> bool {
    e.text.to_lowercase().contains(needle)
        || e.kind.label().contains(needle)
        || e.player.is_some_and(|p| p.to_string().contains(needle))
}

fn kind_text(ui: &Ui, kind: EventKind) -> RichText {
    let text = RichText::new(kind.label());
    match kind {
        EventKind::Kick | EventKind::Failure => text.color(ui.visuals().error_fg_color),
        EventKind::Server | EventKind::Output | EventKind::Lock => {
            text.color(ui.visuals().warn_fg_color)
        }
        _ => text,
    }
}
