//! A call running on a worker thread, for the window: spawn it, read its
//! progress each frame, cancel it, take its result when it is done.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::call::{Call, Progress};

/// A call on its own thread.
#[derive(Debug)]
pub struct Task<T> {
    call: Call,
    result: Receiver<T>,
    finished: Option<T>,
    /// Set when the worker ended without a result (it panicked).
    lost: bool,
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a new thread; `done` runs there when it has finished
    /// (the window passes a repaint request, so the result shows at once).
    pub fn spawn(
        work: impl FnOnce(&Call) -> T + Send + 'static,
        done: impl FnOnce() + Send + 'static,
    ) -> Task<T> {
        let call = Call::new();
        let worker_call = call.clone();
        let (send, result) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("live-data-call".into())
            .spawn(move || {
                let _ = send.send(work(&worker_call));
                done();
            });
        Task {
            call,
            result,
            finished: None,
            lost: spawned.is_err(),
        }
    }
}

impl<T> Task<T> {
    pub fn call(&self) -> &Call {
        &self.call
    }

    pub fn progress(&self) -> Progress {
        self.call.progress()
    }

    /// Asks the call to stop; its result (usually `Cancelled`) still comes.
    pub fn cancel(&self) {
        self.call.cancel();
    }

    fn poll(&mut self) {
        if self.finished.is_none() && !self.lost {
            match self.result.try_recv() {
                Ok(value) => self.finished = Some(value),
                Err(TryRecvError::Disconnected) => self.lost = true,
                Err(TryRecvError::Empty) => {}
            }
        }
    }

    /// Whether the call has ended (with a result, or lost to a panic).
    pub fn is_finished(&mut self) -> bool {
        self.poll();
        self.finished.is_some() || self.lost
    }

    /// The result, once, when the call has finished.
    pub fn take(&mut self) -> Option<T> {
        self.poll();
        self.finished.take()
    }

    /// Whether the worker ended without a result (a bug: it panicked).
    pub fn is_lost(&mut self) -> bool {
        self.poll();
        self.lost
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    fn wait_for<T>(task: &mut Task<T>) {
        let until = Instant::now() + Duration::from_secs(5);
        while !task.is_finished() && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_task_reports_progress_can_be_cancelled_and_gives_its_result_once() {
        let woke = Arc::new(AtomicBool::new(false));
        let woke_flag = woke.clone();
        let mut task = Task::spawn(
            |call| {
                call.step("Waiting");
                while !call.is_cancelled() {
                    std::thread::sleep(Duration::from_millis(2));
                }
                42
            },
            move || woke_flag.store(true, Ordering::SeqCst),
        );
        assert_eq!(task.take(), None);
        task.cancel();
        wait_for(&mut task);
        assert_eq!(task.take(), Some(42));
        assert_eq!(task.take(), None);
        assert!(woke.load(Ordering::SeqCst));
        assert_eq!(task.progress().step, "Waiting");

        let mut lost: Task<()> = Task::spawn(|_| panic!("a bug"), || {});
        wait_for(&mut lost);
        assert!(lost.is_lost());
    }
}
