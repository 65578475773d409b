//! The Test play page: plays the project's exact export in the emulated
//! Roblox servers (`sim::scenario`) and shows what happened to the players'
//! data. The run happens on a worker thread on a copy of the project, so the
//! window stays responsive and the project can be edited meanwhile.
//!
//! This state is the app's, not the document's: it is never saved in the
//! project and never undone.

mod log;
mod plots;
mod settings;
mod verdict;

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use egui::{RichText, Ui};

use super::PanelCtx;
use crate::project::diagnostics::error_count;
use crate::project::words::{errors_stop_export, plural};
use crate::project::{Diagnostic, Project};
use crate::sim::scenario::{self, Report, RunControl, Scenario, ScenarioError, Settings};

pub use log::LogView;

/// A run that ended, well or not, and what it ran on.
#[derive(Debug, Clone)]
pub struct Finished {
    pub scenario: Scenario,
    pub settings: Settings,
    /// The wall-clock time the project was copied for the run (`12:03:10`).
    pub tested_at: String,
    /// The project's change counter at that moment, to tell whether the
    /// project was edited since.
    pub generation: u64,
    pub result: Result<Report, ScenarioError>,
}

/// A run going on in the background.
struct Job {
    scenario: Scenario,
    settings: Settings,
    tested_at: String,
    generation: u64,
    control: RunControl,
    result: Receiver<Result<Report, ScenarioError>>,
}

impl Drop for Job {
    // Nobody will read a dropped job's report: stop the worker instead of
    // letting it play on for minutes.
    fn drop(&mut self) {
        self.control.cancel();
    }
}

pub struct TestPlay {
    pub scenario: Scenario,
    /// What the next run uses. `None` until the page first shows; then the
    /// scenario's defaults for the project, and again whenever the scenario
    /// changes.
    pub settings: Option<Settings>,
    job: Option<Job>,
    last: Option<Finished>,
    /// Bumped for every finished run, so the log knows to filter anew.
    serial: u64,
    pub log: LogView,
    /// Whether the requests plot shows the budget lines.
    pub budget_lines: bool,
}

impl Default for TestPlay {
    fn default() -> Self {
        TestPlay {
            scenario: Scenario::ALL[0],
            settings: None,
            job: None,
            last: None,
            serial: 0,
            log: LogView::default(),
            budget_lines: true,
        }
    }
}

impl TestPlay {
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// The last run that ended, if any.
    pub fn last(&self) -> Option<&Finished> {
        self.last.as_ref()
    }

    /// Shows `finished` as the outcome of the last run.
    pub fn show_finished(&mut self, finished: Finished) {
        self.last = Some(finished);
        self.serial += 1;
    }

    /// Starts `scenario` on a copy of `project` in a worker thread. The
    /// caller has checked the settings and the project.
    fn start(&mut self, project: &Project, generation: u64, settings: Settings) {
        let control = RunControl::new();
        let (send, result) = mpsc::channel();
        let worker = {
            let project = project.clone();
            let scenario = self.scenario;
            let settings = settings.clone();
            let control = control.clone();
            move || {
                // The receiver may be gone (the page was closed): nothing to tell then.
                let _ = send.send(scenario::run(&project, scenario, &settings, &control));
            }
        };
        let job = Job {
            scenario: self.scenario,
            settings,
            tested_at: clock_now(),
            generation,
            control,
            result,
        };
        if let Err(e) = std::thread::Builder::new()
            .name("test-play".into())
            .spawn(worker)
        {
            self.finish(
                job,
                Err(ScenarioError::Emulator(format!(
                    "could not start a worker thread ({e})"
                ))),
            );
            return;
        }
        self.last = None;
        self.job = Some(job);
    }

    fn finish(&mut self, job: Job, result: Result<Report, ScenarioError>) {
        self.show_finished(Finished {
            scenario: job.scenario,
            settings: job.settings.clone(),
            tested_at: job.tested_at.clone(),
            generation: job.generation,
            result,
        });
    }

    /// Takes the worker's result once it is there. Called every frame,
    /// whichever page shows, so a run finishes while the user edits.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else {
            return;
        };
        let result = match job.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => {
                // The worker runs in real time; look again soon for progress.
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Err(TryRecvError::Disconnected) => Err(ScenarioError::Emulator(
                "the test play stopped unexpectedly without a report".into(),
            )),
        };
        if let Some(job) = self.job.take() {
            self.finish(job, result);
        }
    }

    /// The page in the middle of the window.
    pub fn show(&mut self, ui: &mut Ui, ctx: &PanelCtx<'_>) {
        let (project, diagnostics, generation) =
            (ctx.project, ctx.diagnostics, ctx.status.generation);
        egui::ScrollArea::vertical()
            .id_salt("test-play-page")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.heading("🎮 Test play");
                ui.label(
                    "Plays the exact files Export writes in emulated Roblox servers, with simulated \
                     players, crashes and DataStore failures, then tells whether any player data \
                     was lost or duplicated. Nothing is sent to Roblox.",
                );
                ui.add_space(8.0);
                self.controls(ui, project, diagnostics, generation);
                ui.add_space(8.0);
                if let Some(finished) = &self.last {
                    let views = Views {
                        serial: self.serial,
                        log: &mut self.log,
                        budget_lines: &mut self.budget_lines,
                    };
                    outcome(ui, finished, generation, views);
                }
            });
    }

    /// The scenario, its settings, Run and Cancel, and the progress bar.
    fn controls(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        diagnostics: &[Diagnostic],
        generation: u64,
    ) {
        let running = self.job.is_some();
        let settings = self
            .settings
            .get_or_insert_with(|| self.scenario.defaults(project));
        let mut form = settings::Form {
            scenario: &mut self.scenario,
            settings,
        };
        let to_defaults = ui.add_enabled_ui(!running, |ui| form.show(ui)).inner;
        if to_defaults {
            self.settings = Some(self.scenario.defaults(project));
        }
        let settings = self
            .settings
            .clone()
            .unwrap_or_else(|| self.scenario.defaults(project));

        ui.add_space(6.0);
        let errors = error_count(diagnostics);
        let blocked = if errors > 0 {
            Some(format!(
                "{} (listed under Problems). Test play runs the exported files, so fix {} first.",
                errors_stop_export(errors),
                plural(errors as u64, "it", "them"),
            ))
        } else {
            settings.check().err().map(|e| e.to_string())
        };
        if let Some(why) = &blocked {
            ui.label(RichText::new(format!("⛔ {why}")).color(ui.visuals().error_fg_color));
            ui.add_space(4.0);
        }

        ui.horizontal(|ui| {
            let run = ui
                .add_enabled(
                    !running && blocked.is_none(),
                    egui::Button::new(RichText::new("▶ Run").strong())
                        .min_size(egui::vec2(90.0, 28.0)),
                )
                .on_hover_text(
                    "Play this scenario with these settings on a copy of the project as it is now",
                )
                .on_disabled_hover_text(blocked.clone().unwrap_or_else(|| {
                    "A test play is already running; cancel it or wait for it to finish".into()
                }));
            if run.clicked() {
                self.start(project, generation, settings.clone());
            }
            let cancel = ui
                .add_enabled(
                    running,
                    egui::Button::new("✖ Cancel").min_size(egui::vec2(90.0, 28.0)),
                )
                .on_hover_text("Stop the running test play; it gives no report");
            if cancel.clicked()
                && let Some(job) = &self.job
            {
                job.control.cancel();
            }
            if let Some(job) = &self.job {
                let progress = job.control.progress();
                let text = if job.control.is_cancelled() {
                    "Cancelling…".to_string()
                } else {
                    format!(
                        "Playing {}… {:.0} %",
                        job.scenario.title(),
                        progress * 100.0
                    )
                };
                ui.add(
                    egui::ProgressBar::new(progress)
                        .desired_width(ui.available_width().min(420.0))
                        .text(text),
                );
            }
        });
        if let Some(job) = &self.job {
            super::widgets::explain(
                ui,
                &format!(
                    "Testing the project as it was at {}. You can keep editing meanwhile.",
                    job.tested_at
                ),
            );
        }
    }
}

/// What the last run gave: the verdict, the plots and the log, or why there
/// is no report.
/// How the user looks at a report: kept from run to run.
struct Views<'a> {
    serial: u64,
    log: &'a mut LogView,
    budget_lines: &'a mut bool,
}

fn outcome(ui: &mut Ui, finished: &Finished, generation: u64, views: Views<'_>) {
    ui.separator();
    match &finished.result {
        Ok(report) => {
            verdict::show(ui, finished, report, generation);
            ui.add_space(10.0);
            plots::show(ui, report, views.budget_lines);
            ui.add_space(10.0);
            views.log.show(ui, &report.events, views.serial);
        }
        Err(ScenarioError::Cancelled) => {
            ui.label(RichText::new("Cancelled").heading().strong());
            ui.label(format!(
                "The {} test play started at {} was stopped before it finished, so there is no report. Press Run to play it again.",
                finished.scenario.title(),
                finished.tested_at
            ));
        }
        Err(e) => {
            ui.label(
                RichText::new("The test play could not finish")
                    .heading()
                    .strong()
                    .color(ui.visuals().error_fg_color),
            );
            ui.label(e.to_string());
        }
    }
}

/// The local wall-clock time as `HH:MM:SS`.
fn clock_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let of_day = local_seconds_of_day(secs);
    format!(
        "{:02}:{:02}:{:02}",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

#[cfg(unix)]
fn local_seconds_of_day(secs: u64) -> u64 {
    let t = secs as libc::time_t;
    // SAFETY: localtime_r only reads `t` and writes the zeroed `tm` we own;
    // it is the thread-safe variant.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&t, &mut tm).is_null() };
    if ok {
        (tm.tm_hour as u64) * 3600 + (tm.tm_min as u64) * 60 + tm.tm_sec as u64
    } else {
        secs % 86_400
    }
}

// Without the C library's time zone rules, UTC is still a time the user can
// match against their clock's minutes.
#[cfg(not(unix))]
fn local_seconds_of_day(secs: u64) -> u64 {
    secs % 86_400
}

/// A length of time in words: "4.2 seconds", "10 minutes", "3 min 20 s".
pub(crate) fn seconds_words(seconds: f64) -> String {
    if seconds < 60.0 {
        return format!("{seconds:.1} seconds");
    }
    let s = seconds.round() as u64;
    match (s / 60, s % 60) {
        (1, 0) => "1 minute".into(),
        (m, 0) => format!("{m} minutes"),
        (m, rest) => format!("{m} min {rest} s"),
    }
}
