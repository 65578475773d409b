//! One call to Roblox as the window sees it: a Cancel button and a line of
//! progress. Calls run on a worker thread; the window keeps a clone of the
//! [`Call`] and reads [`Call::progress`] each frame.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where a call has got to, in plain words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    /// What is happening now, e.g. "Reading Player_12".
    pub step: String,
    /// Requests sent so far (tries included).
    pub requests: u32,
    /// Steps finished of `total`, for calls made of several requests.
    pub done: u32,
    pub total: Option<u32>,
    /// Waiting until then before the next request.
    pub waiting_until: Option<Instant>,
    /// Why, in words ("Roblox asked to slow down").
    pub waiting_for: String,
}

impl Progress {
    /// The progress line shown under a spinner.
    pub fn describe(&self) -> String {
        let mut text = self.step.clone();
        if let Some(total) = self.total {
            text.push_str(&format!(" ({} of {total})", self.done.min(total)));
        }
        if let Some(until) = self.waiting_until {
            let left = until.saturating_duration_since(Instant::now());
            if !left.is_zero() {
                text.push_str(&format!(
                    "; {}, trying again in {} s",
                    self.waiting_for,
                    left.as_secs().max(1)
                ));
            }
        }
        text
    }
}

/// Cancel flag and progress of one call, shared between the worker thread
/// and the window. Cloning shares them.
#[derive(Debug, Clone, Default)]
pub struct Call {
    cancelled: Arc<AtomicBool>,
    progress: Arc<Mutex<Progress>>,
}

impl Call {
    pub fn new() -> Call {
        Call::default()
    }

    /// Asks the call to stop: it stops before its next request or wait.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }

    pub fn progress(&self) -> Progress {
        self.lock().clone()
    }

    /// Starts a new step, e.g. "Reading Player_12".
    pub fn step(&self, step: impl Into<String>) {
        let mut p = self.lock();
        p.step = step.into();
        p.waiting_until = None;
    }

    /// Sets how many steps the call has.
    pub fn set_total(&self, total: u32) {
        self.lock().total = Some(total);
    }

    /// One more step finished.
    pub fn step_done(&self) {
        self.lock().done += 1;
    }

    pub(crate) fn count_request(&self) {
        self.lock().requests += 1;
    }

    /// Sleeps up to `wait` in short slices, returning false as soon as the
    /// call is cancelled.
    pub(crate) fn wait(&self, wait: Duration, why: &str) -> bool {
        let until = Instant::now() + wait;
        {
            let mut p = self.lock();
            p.waiting_until = Some(until);
            p.waiting_for = why.to_string();
        }
        while Instant::now() < until {
            if self.is_cancelled() {
                return false;
            }
            let left = until.saturating_duration_since(Instant::now());
            std::thread::sleep(left.min(Duration::from_millis(50)));
        }
        self.lock().waiting_until = None;
        !self.is_cancelled()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Progress> {
        // A worker that panicked while holding the lock left a progress line:
        // still worth showing.
        self.progress.lock().unwrap_or_else(|e| e.into_inner())
    }
}
