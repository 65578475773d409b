//! An emulated Roblox server farm for testing exported Luau code.
//!
//! A [`World`] holds a virtual clock, a shared DataStore [`Backend`] (with
//! budgets, fault injection and a request log), a MessagingService [`Bus`] and
//! any number of [`Server`]s. Each server is a Luau VM (mlua) running an
//! emulation of the Roblox APIs a data layer uses (`runtime.luau`); every
//! script runs in a coroutine and every yield (task.wait, WaitForChild,
//! DataStore requests, signal waits) parks it on the virtual clock, so runs
//! are fast and deterministic.
//!
//! ```no_run
//! use datastore_designer::sim::{World, WorldConfig, ServerConfig};
//! let mut world = World::new(WorldConfig::default());
//! let s = world.add_server(ServerConfig::default()).unwrap();
//! world.server(s).run_script("Main", "task.wait(2) print(os.time())").unwrap();
//! world.server(s).join(1, "alice").unwrap();
//! world.advance(5.0);
//! println!("{:?}", world.server(s).output());
//! ```

pub mod backend;
pub mod bus;
mod census;
mod datastore;
mod erasure;
pub mod gui;
mod marketplace;
pub mod memory;
pub mod opencloud;
pub mod rojo;
pub mod scenario;
mod scheduler;
pub mod server;
mod studio;
pub mod value;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

pub use backend::{
    Backend, Contents, FaultConfig, Outcome, PathFaults, PermanentError, PermanentFault,
    RequestLogEntry, RequestType, StoreId,
};
pub use bus::{Bus, Delivery, DropReason, FailedCall, Message, MessagingConfig, SubscribeFaults};
pub use erasure::{Found, FoundBy, StoreKind};
pub use gui::GuiSnapshot;
pub use marketplace::{Receipt, ReceiptDelivery, ReceiptOutcome, ReceiptState};
pub use memory::{
    MapKind, MemoryConfig, MemoryItem, MemoryLogEntry, MemoryMinute, MemoryOutcome,
    MemoryServerMinute, MemoryStore, SortKey,
};
pub use server::{OutputKind, OutputLine, Server, ServerConfig};
pub use studio::PluginWidget;

/// Index of a server in its [`World`].
pub type ServerId = usize;

/// Errors of the emulator's Rust API (errors inside Luau threads go to the
/// server's output instead, like on Roblox).
#[derive(Debug, Clone, thiserror::Error)]
pub enum SimError {
    #[error("Luau: {0}")]
    Lua(String),
    #[error("Rojo project: {0}")]
    Rojo(String),
    #[error("no server {0} in the world (crashed or shut down?)")]
    NoServer(ServerId),
    #[error("{0}")]
    Other(String),
}

impl From<mlua::Error> for SimError {
    fn from(e: mlua::Error) -> Self {
        SimError::Lua(e.to_string())
    }
}

/// Settings of a [`World`].
#[derive(Debug, Clone)]
pub struct WorldConfig {
    /// Seeds job ids, GUIDs and (through `faults.seed`) fault injection.
    pub seed: u64,
    /// Unix time (seconds) at virtual time 0.
    pub start_unix: f64,
    pub faults: FaultConfig,
    /// MessagingService delivery latency in virtual seconds.
    pub message_latency: f64,
    /// MessagingService faults (none by default).
    pub messaging: MessagingConfig,
    /// MemoryStoreService faults and latency (no faults by default).
    pub memory: MemoryConfig,
    /// Virtual seconds between deliveries of a pending developer product
    /// receipt while its player stays in a server. Roblox documents only that
    /// a receipt not granted is delivered again "during their existing session
    /// or the next time they join a server" (Enum.ReceiptDecision); the
    /// interval isn't published. 10 s is an assumption that keeps test plays
    /// short while still retrying many times a session.
    pub receipt_retry: f64,
}

impl Default for WorldConfig {
    fn default() -> Self {
        WorldConfig {
            seed: 1,
            start_unix: 1_767_225_600.0, // 2026-01-01T00:00:00Z
            faults: FaultConfig::default(),
            message_latency: 0.2,
            messaging: MessagingConfig::default(),
            memory: MemoryConfig::default(),
            receipt_retry: 10.0,
        }
    }
}

/// How a [`World::shutdown`] went.
#[derive(Debug, Clone, PartialEq)]
pub struct ShutdownReport {
    /// BindToClose callbacks that were bound.
    pub callbacks: usize,
    /// Whether they all returned within Roblox's 30-second limit.
    pub completed: bool,
    /// Virtual seconds the shutdown took.
    pub elapsed: f64,
}

/// Roblox gives BindToClose callbacks this long.
pub const SHUTDOWN_LIMIT: f64 = 30.0;

/// A virtual clock, a backend, a message bus and the servers sharing them.
pub struct World {
    clock: Rc<Cell<f64>>,
    backend: Backend,
    bus: Bus,
    memory: MemoryStore,
    census: census::Census,
    ledger: marketplace::Ledger,
    servers: Vec<Option<Server>>,
    user_names: Rc<RefCell<HashMap<i64, String>>>,
    config: WorldConfig,
}

impl World {
    pub fn new(config: WorldConfig) -> World {
        let clock = Rc::new(Cell::new(0.0));
        let census = census::Census::default();
        World {
            backend: Backend::new(config.faults.clone()),
            bus: Bus::new(
                config.message_latency,
                config.messaging.clone(),
                census.clone(),
            ),
            memory: MemoryStore::new(config.memory.clone(), clock.clone(), census.clone()),
            clock,
            census,
            ledger: marketplace::Ledger::new(config.receipt_retry, config.seed),
            servers: Vec::new(),
            user_names: Rc::default(),
            config,
        }
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    pub fn bus(&self) -> &Bus {
        &self.bus
    }

    /// MemoryStoreService, shared by every server.
    pub fn memory(&self) -> &MemoryStore {
        &self.memory
    }

    /// Virtual seconds since the world started.
    pub fn now(&self) -> f64 {
        self.clock.get()
    }

    /// Names UserService and Players:GetNameFromUserIdAsync know (players who
    /// joined are added automatically).
    pub fn set_user_name(&self, user_id: i64, name: &str) {
        self.user_names
            .borrow_mut()
            .insert(user_id, name.to_string());
    }

    /// Starts a new server; its scripts are loaded separately.
    pub fn add_server(&mut self, config: ServerConfig) -> Result<ServerId, SimError> {
        let id = self.servers.len();
        let parts = server::WorldParts {
            clock: self.clock.clone(),
            start_unix: self.config.start_unix,
            backend: self.backend.clone(),
            bus: self.bus.clone(),
            memory: self.memory.clone(),
            census: self.census.clone(),
            user_names: self.user_names.clone(),
            ledger: self.ledger.clone(),
            seed: self.config.seed,
        };
        let server = Server::new(id, parts, config)?;
        self.census.set(id, 0);
        self.bus.attach(Rc::downgrade(&server.state.borrow().queue));
        self.servers.push(Some(server));
        Ok(id)
    }

    /// A live server. Panics if `id` crashed or was shut down; see [`World::try_server`].
    pub fn server(&self, id: ServerId) -> &Server {
        self.try_server(id)
            .unwrap_or_else(|| panic!("no live server {id}"))
    }

    pub fn try_server(&self, id: ServerId) -> Option<&Server> {
        self.servers.get(id).and_then(Option::as_ref)
    }

    /// Ids of the servers still running.
    pub fn live_servers(&self) -> Vec<ServerId> {
        (0..self.servers.len())
            .filter(|i| self.servers[*i].is_some())
            .collect()
    }

    /// A player buys a developer product (Roblox has charged them): the
    /// receipt goes into the game's ledger and is delivered to the server the
    /// player is in, then again as Roblox does until a server answers
    /// PurchaseGranted. Returns the receipt's PurchaseId.
    pub fn purchase(&mut self, user_id: i64, product_id: i64) -> Result<String, SimError> {
        let Some(server) = self.ledger.server_of(user_id) else {
            return Err(SimError::Other(format!(
                "player {user_id} is in no server, so they can't buy anything"
            )));
        };
        if self.try_server(server).is_none() {
            return Err(SimError::NoServer(server));
        }
        let id = self.ledger.buy(user_id, product_id, self.now());
        self.deliver_receipts();
        Ok(id)
    }

    /// What `receiptInfo.CurrencySpent` says for a product (0 unless set).
    pub fn set_product_price(&self, product_id: i64, robux: i64) {
        self.ledger.set_price(product_id, robux);
    }

    /// Everything stored about a user, in every DataStore, OrderedDataStore
    /// and MemoryStore map: keys naming their id, keys whose current version
    /// records their id in UserIds, and values holding the id. After a
    /// right-to-erasure request is honoured, this is empty.
    pub fn find_user(&self, user_id: i64) -> Vec<Found> {
        erasure::find_user(&self.backend.0.borrow(), &self.memory, user_id)
    }

    /// Every receipt bought so far, with each delivery and its answer.
    pub fn receipts(&self) -> Vec<Receipt> {
        self.ledger.receipts()
    }

    /// Calls ProcessReceipt for every receipt due now, each in a new thread.
    fn deliver_receipts(&mut self) {
        let now = self.now();
        for due in self.ledger.take_due(now) {
            match &self.servers[due.server] {
                Some(s) => s.deliver_receipt(&due),
                None => self.ledger.server_gone(due.server, now),
            }
        }
    }

    /// Runs the earliest due batch of events (at or before `limit`); false if none.
    fn step(&mut self, limit: f64) -> bool {
        let next = self
            .servers
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((s.as_ref()?.next_event_time()?, i)))
            .filter(|(t, _)| *t <= limit)
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let receipts = self.ledger.next_due().filter(|t| *t <= limit);
        if let Some(t) = receipts
            && next.is_none_or(|(n, _)| t <= n)
        {
            if t > self.clock.get() {
                self.clock.set(t);
            }
            self.deliver_receipts();
            return true;
        }
        let Some((t, i)) = next else { return false };
        if t > self.clock.get() {
            self.clock.set(t);
        }
        if let Some(s) = &self.servers[i] {
            s.pump();
        }
        true
    }

    /// Advances the virtual clock to `t`, running every event on every server
    /// in time order (ties: lower server id first).
    pub fn run_until(&mut self, t: f64) {
        while self.step(t) {}
        if t > self.clock.get() {
            self.clock.set(t);
        }
    }

    /// Advances the virtual clock by `dt` seconds.
    pub fn advance(&mut self, dt: f64) {
        self.run_until(self.now() + dt);
    }

    /// Closes a server like Roblox: players are removed (PlayerRemoving fires),
    /// BindToClose callbacks run in parallel for at most 30 virtual seconds
    /// while the rest of the world goes on, then the server is gone.
    pub fn shutdown(&mut self, id: ServerId) -> Result<ShutdownReport, SimError> {
        self.shutdown_then(id, |_| {})
    }

    /// [`World::shutdown`], with a last look at the server before it is gone
    /// (its output and kicks during the shutdown).
    pub fn shutdown_then(
        &mut self,
        id: ServerId,
        last_look: impl FnOnce(&Server),
    ) -> Result<ShutdownReport, SimError> {
        let start = self.now();
        let callbacks = self
            .try_server(id)
            .ok_or(SimError::NoServer(id))?
            .begin_shutdown()?;
        let deadline = start + SHUTDOWN_LIMIT;
        let mut completed = self.server(id).closing() == 0;
        while !completed && self.step(deadline) {
            completed = self.server(id).closing() == 0;
        }
        if !completed {
            self.clock.set(self.clock.get().max(deadline));
        }
        let elapsed = self.now() - start;
        if let Some(server) = &self.servers[id] {
            last_look(server);
        }
        self.servers[id] = None;
        self.gone(id);
        Ok(ShutdownReport {
            callbacks,
            completed,
            elapsed,
        })
    }

    /// Stops a server at once: no PlayerRemoving, no BindToClose, requests in
    /// flight are lost.
    pub fn crash(&mut self, id: ServerId) -> Result<(), SimError> {
        match self.servers.get_mut(id).and_then(Option::take) {
            Some(_) => {
                self.gone(id);
                Ok(())
            }
            None => Err(SimError::NoServer(id)),
        }
    }

    /// A server no longer counts for the limits that grow with servers and players.
    fn gone(&mut self, id: ServerId) {
        self.census.remove(id);
        self.ledger.server_gone(id, self.now());
        self.bus.forget(id);
    }
}
