//! A server's virtual-time event queue: what is due when (resumed threads,
//! finished DataStore and MemoryStore requests, budget refills, messages).
//! The server runs due events in [`Server::pump`](super::Server::pump); the
//! DataStore client and the message bus add to it.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::ffi::c_void;
use std::rc::Rc;

use mlua::{Thread, Value};
use serde_json::Value as Json;

use super::ServerId;
use super::datastore::DsRequest;
use super::memory::MemRequest;

pub(crate) enum EventKind {
    Resume {
        thread: Thread,
        args: Vec<Value>,
    },
    DsComplete(Box<DsRequest>),
    MemComplete(Box<MemRequest>),
    BudgetTick,
    Message {
        from: ServerId,
        topic: String,
        data: Json,
        sent: i64,
    },
}

pub(crate) struct Event {
    pub(crate) time: f64,
    seq: u64,
    pub(crate) kind: EventKind,
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Event {}
impl PartialOrd for Event {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Event {
    // Reversed: BinaryHeap is a max-heap and we want the earliest event first.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .time
            .total_cmp(&self.time)
            .then(other.seq.cmp(&self.seq))
    }
}

/// One server's pending events, earliest first; events at the same time run
/// in the order they were scheduled.
#[derive(Default)]
pub(crate) struct EventQueue {
    heap: BinaryHeap<Event>,
    seq: u64,
}

/// A server's queue, shared with the message bus so it can deliver without
/// reaching into the server.
pub(crate) type SharedQueue = Rc<RefCell<EventQueue>>;

impl EventQueue {
    pub(crate) fn schedule(&mut self, time: f64, kind: EventKind) {
        self.seq += 1;
        self.heap.push(Event {
            time,
            seq: self.seq,
            kind,
        });
    }

    /// Time of the next scheduled event, if any.
    pub(crate) fn next_time(&self) -> Option<f64> {
        self.heap.peek().map(|e| e.time)
    }

    /// The earliest event if it is due at `now`.
    pub(crate) fn pop_due(&mut self, now: f64) -> Option<Event> {
        match self.heap.peek() {
            Some(e) if e.time <= now => self.heap.pop(),
            _ => None,
        }
    }

    /// Drops every pending wake-up of a thread.
    pub(crate) fn cancel(&mut self, thread: *const c_void) {
        self.heap.retain(|e| match &e.kind {
            EventKind::Resume { thread: t, .. } => t.to_pointer() != thread,
            EventKind::DsComplete(r) => r.thread.to_pointer() != thread,
            EventKind::MemComplete(r) => r.thread.to_pointer() != thread,
            _ => true,
        });
    }

    pub(crate) fn clear(&mut self) {
        self.heap.clear();
    }
}
