//! The call to Roblox running now, as the page shows it: what it is doing
//! in words, a progress bar and Cancel. The call itself runs on a worker
//! thread (`crate::live::Task`), so the window keeps drawing while the
//! network is slow.

use std::time::{Duration, Instant};

use egui::Ui;

use crate::live::{Call, Task};

/// A call going on in the background whose answer is a `T`.
pub struct Running<T> {
    /// What the call does, in words ("Looking up player 123").
    pub what: String,
    task: Task<T>,
    started: Instant,
}

/// Where a call has got to.
pub enum Polled<T> {
    Running,
    Done(T),
    /// The worker stopped without an answer (it could not start, or failed).
    Lost,
}

impl<T: Send + 'static> Running<T> {
    /// Runs `work` on a worker thread; it reports progress on, and stops
    /// when cancelled through, the [`Call`] it gets. The window is woken
    /// when it ends, so the answer shows without the mouse moving.
    pub fn start(
        what: impl Into<String>,
        ctx: &egui::Context,
        work: impl FnOnce(&Call) -> T + Send + 'static,
    ) -> Self {
        let ctx = ctx.clone();
        Running {
            what: what.into(),
            task: Task::spawn(work, move || ctx.request_repaint()),
            started: Instant::now(),
        }
    }
}

impl<T> Running<T> {
    /// The answer once it is there.
    pub fn poll(&mut self, ctx: &egui::Context) -> Polled<T> {
        if let Some(answer) = self.task.take() {
            return Polled::Done(answer);
        }
        if self.task.is_lost() {
            return Polled::Lost;
        }
        // The progress line changes while the call waits (seconds left).
        ctx.request_repaint_after(Duration::from_millis(200));
        Polled::Running
    }

    /// The progress bar with what the call is doing, and Cancel.
    pub fn show(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let progress = self.task.progress();
            let text = if self.task.call().is_cancelled() {
                "Cancelling…".to_string()
            } else {
                let step = progress.describe();
                let seconds = self.started.elapsed().as_secs();
                let mut text = self.what.clone();
                if !step.is_empty() {
                    text.push_str(&format!(": {step}"));
                }
                if seconds >= 2 {
                    text.push_str(&format!(" ({seconds} s)"));
                }
                text
            };
            let fraction = match progress.total {
                Some(total) if total > 0 => progress.done.min(total) as f32 / total as f32,
                _ => 0.0,
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .animate(true)
                    .desired_width((ui.available_width() - 110.0).clamp(120.0, 520.0))
                    .text(text),
            );
            if ui
                .button("✖ Cancel")
                .on_hover_text("Stop waiting for Roblox: nothing more is sent")
                .clicked()
            {
                self.task.cancel();
            }
        });
    }
}

impl<T> Drop for Running<T> {
    // Nobody reads a dropped call's answer: stop its retries.
    fn drop(&mut self) {
        self.task.cancel();
    }
}
