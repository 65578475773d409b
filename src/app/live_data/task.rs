//! One call to Roblox at a time, on a worker thread, so the window keeps
//! drawing while the network is slow: what it is doing in words, a progress
//! bar and Cancel.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use egui::Ui;

use crate::live::Call;

/// A call going on in the background whose answer is a `T`.
pub struct Task<T> {
    /// What the call does, in words ("Looking up player 123").
    pub what: String,
    call: Call,
    answer: Receiver<T>,
    started: Instant,
}

/// Where a task has got to.
pub enum Polled<T> {
    Running,
    Done(T),
    /// The worker stopped without an answer (it could not start, or failed).
    Lost,
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a worker thread; it reports progress on, and stops
    /// when cancelled through, the [`Call`] it gets.
    pub fn start(what: impl Into<String>, work: impl FnOnce(&Call) -> T + Send + 'static) -> Self {
        let call = Call::new();
        let (send, answer) = mpsc::channel();
        let worker = {
            let call = call.clone();
            move || {
                // The page may be gone: nobody to tell then.
                let _ = send.send(work(&call));
            }
        };
        // A thread that can't start drops `send`: poll then says Lost.
        let _ = std::thread::Builder::new()
            .name("live-data".into())
            .spawn(worker);
        Task {
            what: what.into(),
            call,
            answer,
            started: Instant::now(),
        }
    }
}

impl<T> Task<T> {
    pub fn cancel(&self) {
        self.call.cancel();
    }

    /// The answer once it is there; asks for another frame meanwhile, so the
    /// answer shows without the user moving the mouse.
    pub fn poll(&self, ctx: &egui::Context) -> Polled<T> {
        match self.answer.try_recv() {
            Ok(answer) => Polled::Done(answer),
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(50));
                Polled::Running
            }
            Err(TryRecvError::Disconnected) => Polled::Lost,
        }
    }

    /// The progress bar with what the call is doing, and Cancel.
    pub fn show(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let progress = self.call.progress();
            let text = if self.call.is_cancelled() {
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
                self.call.cancel();
            }
        });
    }
}

impl<T> Drop for Task<T> {
    // Nobody reads a dropped task's answer: stop its retries.
    fn drop(&mut self) {
        self.call.cancel();
    }
}
