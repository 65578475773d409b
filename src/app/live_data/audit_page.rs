//! Audit log: every read and write made from this computer (who, when,
//! which player, what changed), newest first, with a filter, and exported
//! as CSV or JSON.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::{Live, done_line, error_line};
use crate::live::audit::{to_csv, to_json};
use crate::live::time;
use crate::live::{AuditEntry, AuditLog, FieldChange};

/// The format an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// The page lists at most this many entries: a log of months is long.
const ROWS_SHOWN: usize = 500;

#[derive(Default)]
pub struct AuditPage {
    /// The log as last read, oldest first; None until read (or after a call
    /// that may have added to it).
    entries: Option<Vec<AuditEntry>>,
    /// Shows only entries whose text contains this.
    pub filter: String,
    /// Where Export writes.
    pub export_to: String,
    error: Option<String>,
    notice: Option<String>,
}

impl AuditPage {
    /// A call was made: read the log again when next shown.
    pub(super) fn stale(&mut self) {
        self.entries = None;
    }

    /// The entries shown with the filter, newest first.
    pub fn shown<'a>(entries: &'a [AuditEntry], filter: &str) -> Vec<&'a AuditEntry> {
        let filter = filter.trim().to_lowercase();
        entries
            .iter()
            .rev()
            .filter(|e| filter.is_empty() || line_text(e).to_lowercase().contains(&filter))
            .collect()
    }

    pub(super) fn show(&mut self, ui: &mut Ui, live: &Live<'_>) {
        ui.label(RichText::new("Audit log").size(16.0));
        let Some(log) = live.audit else {
            error_line(
                ui,
                "This computer has no folder for the app's data (no home folder), so reads and writes are not logged.",
            );
            return;
        };
        super::explain(
            ui,
            &format!(
                "Every read and write of live data made from this computer is added to {} and never changed afterwards.",
                log.path().display()
            ),
        );
        if self.entries.is_none() {
            match log.read_all() {
                Ok(entries) => self.entries = Some(entries),
                Err(e) => {
                    self.error = Some(e.to_string());
                    self.entries = Some(Vec::new());
                }
            }
        }
        if self.export_to.is_empty() {
            self.export_to = default_export(log).display().to_string();
        }
        ui.horizontal(|ui| {
            ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("player, action, person…")
                    .desired_width(220.0),
            )
            .accessible_name("Filter the audit log");
            if ui
                .button("↻ Read again")
                .on_hover_text("Read the log file again")
                .clicked()
            {
                self.stale();
                self.error = None;
            }
        });
        ui.horizontal(|ui| {
            ui.label("Export to");
            ui.add(egui::TextEdit::singleline(&mut self.export_to).desired_width(360.0))
                .accessible_name("Export the audit log to");
            for (format, label) in [
                (ExportFormat::Csv, "Export as CSV"),
                (ExportFormat::Json, "Export as JSON"),
            ] {
                if ui
                    .button(label)
                    .on_hover_text("Write the entries shown (with the filter) to this file")
                    .clicked()
                {
                    self.export(format);
                }
            }
        });
        if let Some(error) = &self.error {
            error_line(ui, error);
        }
        if let Some(notice) = &self.notice {
            done_line(ui, notice);
        }
        let entries = self.entries.as_deref().unwrap_or(&[]);
        let shown = AuditPage::shown(entries, &self.filter);
        if shown.len() > ROWS_SHOWN {
            ui.label(format!(
                "{} of {} entries; the newest {ROWS_SHOWN} are listed (Export writes them all)",
                shown.len(),
                entries.len()
            ));
        } else {
            ui.label(format!("{} of {} entries", shown.len(), entries.len()));
        }
        egui::Grid::new("live-audit")
            .num_columns(6)
            .striped(true)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for title in ["When", "Who", "Player", "What", "Where", "Outcome"] {
                    ui.label(RichText::new(title).strong());
                }
                ui.end_row();
                for entry in shown.into_iter().take(ROWS_SHOWN) {
                    ui.label(time::describe(entry.at));
                    ui.label(&entry.who);
                    ui.label(entry.user_id.map(|u| u.to_string()).unwrap_or_default());
                    let what = ui.label(entry.action.describe());
                    if !entry.changes.is_empty() {
                        what.on_hover_text(changes_text(&entry.changes));
                    }
                    ui.label(RichText::new(&entry.target).monospace());
                    ui.label(&entry.outcome);
                    ui.end_row();
                }
            });
    }

    fn export(&mut self, format: ExportFormat) {
        self.error = None;
        self.notice = None;
        let path = PathBuf::from(self.export_to.trim());
        if path.as_os_str().is_empty() {
            self.error = Some("Type the file to export to first.".into());
            return;
        }
        let entries = self.entries.as_deref().unwrap_or(&[]);
        let chosen: Vec<AuditEntry> = AuditPage::shown(entries, &self.filter)
            .into_iter()
            .rev()
            .cloned()
            .collect();
        let text = match format {
            ExportFormat::Csv => to_csv(&chosen),
            ExportFormat::Json => to_json(&chosen),
        };
        match std::fs::write(&path, text) {
            Ok(()) => {
                self.notice = Some(format!(
                    "Wrote {} entries to {}.",
                    chosen.len(),
                    path.display()
                ))
            }
            Err(e) => self.error = Some(format!("Could not write {}: {e}", path.display())),
        }
    }
}

/// An entry as one line of text, for the filter.
fn line_text(entry: &AuditEntry) -> String {
    format!(
        "{} {} {} {} {} {} {}",
        time::describe(entry.at),
        entry.who,
        entry.user_id.map(|u| u.to_string()).unwrap_or_default(),
        entry.action.describe(),
        entry.target,
        entry.outcome,
        changes_text(&entry.changes)
    )
}

fn changes_text(changes: &[FieldChange]) -> String {
    changes
        .iter()
        .map(super::change_words)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The export file suggested: next to the log.
fn default_export(log: &AuditLog) -> PathBuf {
    log.path().with_extension("csv")
}
