//! `export --watch`: export again each time the project file changes, for a
//! folder that `rojo serve` serves. The file's modification time is checked
//! every second; Ctrl+C stops. One line per export, or per skip with why.

use std::path::Path;
use std::process::ExitCode;
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime};

use crate::export::{self, ExportError, Format};
use crate::project::diagnostics::error_count;
use crate::project::file;
use crate::project::words::errors_stop_export;
use crate::studio::writer::{WriteError, WriteOptions};

/// How often the project file is looked at.
const POLL: Duration = Duration::from_secs(1);

/// What is watched and where it goes.
pub struct Watch<'a> {
    pub file: &'a Path,
    pub out: &'a Path,
    pub format: Format,
    pub force: bool,
    /// Stop after this long (None: until Ctrl+C).
    pub stop_after: Option<Duration>,
}

/// The file's modification time and length, to tell that it changed.
fn stamp(file: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(file).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

pub fn run(watch: &Watch<'_>) -> ExitCode {
    let started = Instant::now();
    println!(
        "Watching {}: each change is exported to {} (Ctrl+C stops).",
        watch.file.display(),
        watch.out.display()
    );
    let mut last = None;
    let mut first = true;
    loop {
        let now = stamp(watch.file);
        if first || now != last {
            println!("{}", once(watch, now.is_some()));
            last = now;
            first = false;
        }
        let left = watch
            .stop_after
            .map(|limit| limit.saturating_sub(started.elapsed()));
        match left {
            Some(left) if left.is_zero() => return ExitCode::SUCCESS,
            Some(left) => sleep(left.min(POLL)),
            None => sleep(POLL),
        }
    }
}

/// Exports once: the line to print.
fn once(watch: &Watch<'_>, there: bool) -> String {
    if !there {
        return format!(
            "Skipped: {} is not there (moved, renamed or deleted); waiting for it to come back.",
            watch.file.display()
        );
    }
    let project = match file::load(watch.file) {
        Ok(project) => project,
        Err(error) => return format!("Skipped: could not read the project: {error}."),
    };
    let options = WriteOptions {
        force: watch.force,
        ..WriteOptions::default()
    };
    match export::export_format(&project, watch.out, watch.format, options) {
        Ok(report) => format!(
            "Exported \"{}\" to {} ({} files).",
            project.name,
            watch.out.display(),
            report.manifest.files.len()
        ),
        Err(ExportError::ProjectHasErrors(d)) => {
            let first = d.iter().find(|d| d.is_error()).map_or(String::new(), |d| {
                format!(
                    " The first, at {}: {}.",
                    d.path,
                    d.message.trim_end_matches('.')
                )
            });
            format!(
                "Skipped: {} (`check` lists them).{first}",
                errors_stop_export(error_count(&d))
            )
        }
        Err(ExportError::Write(WriteError::ChangedSinceExport { changed, .. })) => format!(
            "Skipped: files in {} were changed by hand since the last export ({changed}). Move them out of the folder, or watch with --force to replace them.",
            watch.out.display()
        ),
        Err(error) => format!("Skipped: {error}."),
    }
}
