//! MessagingService's message bus shared by the servers of a world.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use serde_json::Value as Json;

use super::server::{EventKind, State};

/// A published message, as recorded by the bus.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub from_server: usize,
    /// Virtual time of publication.
    pub time: f64,
    pub topic: String,
    pub data: Json,
}

#[derive(Default)]
pub(crate) struct BusState {
    servers: Vec<Weak<RefCell<State>>>,
    latency: f64,
    log: Vec<Message>,
}

/// Handle to the bus; cloning shares it.
#[derive(Clone, Default)]
pub struct Bus(pub(crate) Rc<RefCell<BusState>>);

impl Bus {
    pub(crate) fn new(latency: f64) -> Self {
        Bus(Rc::new(RefCell::new(BusState {
            latency,
            ..Default::default()
        })))
    }

    pub(crate) fn attach(&self, server: Weak<RefCell<State>>) {
        self.0.borrow_mut().servers.push(server);
    }

    /// Delivery latency in virtual seconds.
    pub fn set_latency(&self, latency: f64) {
        self.0.borrow_mut().latency = latency;
    }

    /// Every message published so far.
    pub fn messages(&self) -> Vec<Message> {
        self.0.borrow().log.clone()
    }

    /// Queues delivery of a message to every live server (the publisher included).
    pub(crate) fn publish(&self, from: usize, now: f64, topic: String, data: Json, sent_unix: i64) {
        let (servers, latency) = {
            let mut bus = self.0.borrow_mut();
            bus.log.push(Message {
                from_server: from,
                time: now,
                topic: topic.clone(),
                data: data.clone(),
            });
            (bus.servers.clone(), bus.latency)
        };
        for s in servers.iter().filter_map(Weak::upgrade) {
            let kind = EventKind::Message {
                topic: topic.clone(),
                data: data.clone(),
                sent: sent_unix,
            };
            s.borrow_mut().schedule(now + latency, kind);
        }
    }
}
