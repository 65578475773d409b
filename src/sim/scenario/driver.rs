//! Runs a scenario: the simulated game that plays the export.

use super::{Report, RunControl, Scenario, ScenarioError, Settings};
use crate::project::Project;

/// Runs `scenario` on the export of `project`. Checks `control` for a cancel
/// between steps and reports progress to it.
pub fn run(
    project: &Project,
    scenario: Scenario,
    settings: &Settings,
    control: &RunControl,
) -> Result<Report, ScenarioError> {
    settings.check()?;
    let _ = (project, scenario);
    control.set_progress(0.0);
    Err(ScenarioError::Emulator("in progress".into()))
}
