//! Audit log: every read and write made from this computer (who, when,
//! which player, what changed), newest first, with a filter, and exported
//! as CSV or JSON.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::{Live, done_line, error_line};
use crate::app::file_dialog::Dialog;
use crate::live::audit::{to_csv, to_json};
use crate::live::time;
use crate::live::{AuditEntry, FieldChange};
use crate::studio::writer::write_file_atomically;

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
    /// The folder of the last export, where the next one starts.
    last_folder: Option<PathBuf>,
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

    /// Returns the format to export in when the designer asked for an
    /// export (the app then asks where, with the usual save dialog).
    pub(super) fn show(&mut self, ui: &mut Ui, live: &Live<'_>) -> Option<ExportFormat> {
        ui.label(RichText::new("Audit log").size(16.0));
        let Some(log) = live.audit else {
            error_line(
                ui,
                "This computer has no folder for the app's data (no home folder), so reads and writes are not logged.",
            );
            return None;
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
        let mut export = None;
        ui.horizontal(|ui| {
            for (format, label, help) in [
                (
                    ExportFormat::Csv,
                    "Export as CSV…",
                    "Save the entries shown (with the filter) as a spreadsheet file",
                ),
                (
                    ExportFormat::Json,
                    "Export as JSON…",
                    "Save the entries shown (with the filter) as a JSON file",
                ),
            ] {
                if ui.button(label).on_hover_text(help).clicked() {
                    export = Some(format);
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
        export
    }

    /// The save dialog for an export: a file named for the format, in the
    /// folder of the last export.
    pub fn export_dialog(&self, format: ExportFormat) -> Dialog {
        let extension = match format {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        };
        Dialog::AuditExport {
            name: format!("Live data audit log.{extension}"),
            folder: self.last_folder.clone(),
        }
    }

    /// Writes the entries shown to `path` in one step, so a failed write
    /// leaves any file already there as it was.
    pub(super) fn export(&mut self, format: ExportFormat, path: &Path) {
        self.error = None;
        self.notice = None;
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
        match write_file_atomically(path, text.as_bytes()) {
            Ok(()) => {
                self.last_folder = path.parent().map(Path::to_path_buf);
                self.notice = Some(format!(
                    "Wrote {} to {}.",
                    crate::project::words::count(chosen.len() as u64, "entry", "entries"),
                    path.display()
                ))
            }
            Err(e) => {
                self.error = Some(format!(
                    "The audit log was not exported: {e}. Choose another place and try again."
                ))
            }
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
