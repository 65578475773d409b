//! Who plays where: the players of every live server. MemoryStore and
//! MessagingService limits grow with the players of the game and the servers
//! running, so both read them here.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::ServerId;

/// Players per live server; cloning shares it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Census(Rc<RefCell<BTreeMap<ServerId, usize>>>);

impl Census {
    pub(crate) fn set(&self, server: ServerId, players: usize) {
        self.0.borrow_mut().insert(server, players);
    }

    /// The server crashed or shut down.
    pub(crate) fn remove(&self, server: ServerId) {
        self.0.borrow_mut().remove(&server);
    }

    /// Servers running.
    pub(crate) fn servers(&self) -> usize {
        self.0.borrow().len()
    }

    /// Players in the whole game (concurrent users).
    pub(crate) fn players(&self) -> usize {
        self.0.borrow().values().sum()
    }

    pub(crate) fn players_in(&self, server: ServerId) -> usize {
        self.0.borrow().get(&server).copied().unwrap_or(0)
    }
}
