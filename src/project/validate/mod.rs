//! Checks a project and reports every problem as a diagnostic.
//!
//! Each submodule checks one part of the project; they all add to one
//! [`Report`]. [`check`] runs them in the order of the project tree and
//! returns errors first, then warnings, otherwise in the order found, so the
//! same project always gives the same list.
//!
//! Paths name places in the project tree, separated by `/`:
//! `data/Stats/Wins/max`, `saving/session_lock/timeout_seconds`,
//! `versions/2/changes/0`, `leaderboards/TopCoins/gui/Panel/Title/TextSize`.
//! GUI paths start below the root object (the root itself is `.../gui` or
//! `.../row_template`), like the leaderboard's `rows_in`. Something without a
//! name is addressed by its position instead, `#0` being the first.
//!
//! The checks never panic and take time in proportion to the size of the
//! project: the app runs them after every edit.

mod codes;
mod commerce;
mod data_status;
mod defaults;
mod gui;
mod gui_layouts;
mod history;
mod leaderboard_periods;
mod leaderboards;
mod limits;
mod names;
mod requests;
mod save_policy;
mod schema;
mod stores;
mod surface;
mod text;

use std::borrow::Cow;

use super::{Diagnostic, Project};

pub use codes::CODES;
pub(crate) use history::{by_name, same_shape};
pub use limits::{
    MAP_KEY_CHARS, MAX_VALUE_CHARS, NUMBER_CHARS, RECORD_OVERHEAD_CHARS, worst_case_record_size,
};

/// Data nested deeper than this (lists, maps and records inside each other)
/// is reported and not checked further.
pub const MAX_DEPTH: usize = 32;

/// Every problem in the project, errors first.
pub fn check(project: &Project) -> Vec<Diagnostic> {
    let mut report = Report::default();
    schema::check(project, &mut report);
    limits::check(project, &mut report);
    history::check(project, &mut report);
    save_policy::check(project, &mut report);
    stores::check_studio_names(project, &mut report);
    requests::check(project, &mut report);
    leaderboards::check(project, &mut report);
    surface::check(project, &mut report);
    data_status::check(project, &mut report);
    commerce::check(project, &mut report);
    report.finish()
}

/// The diagnostics found so far.
#[derive(Default)]
struct Report {
    items: Vec<Diagnostic>,
}

impl Report {
    fn error(
        &mut self,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.items.push(Diagnostic::error(code, path, message, fix));
    }

    fn warning(
        &mut self,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.items
            .push(Diagnostic::warning(code, path, message, fix));
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        // Stable: within a severity, the order found.
        self.items.sort_by_key(|d| d.severity);
        self.items
    }
}

/// The path segment of a named item: its name, or `#index` when unnamed.
fn segment(name: &str, index: usize) -> Cow<'_, str> {
    if name.is_empty() {
        Cow::Owned(format!("#{index}"))
    } else {
        Cow::Borrowed(name)
    }
}

/// `parent/child`.
fn join(parent: &str, child: &str) -> String {
    let mut path = String::with_capacity(parent.len() + 1 + child.len());
    path.push_str(parent);
    path.push('/');
    path.push_str(child);
    path
}
