//! One emulated Roblox game server: a Luau VM with the Roblox object model
//! (`runtime.luau`) and the host functions it calls; it runs the events of
//! its queue (`scheduler.rs`) as the virtual clock reaches them.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use mlua::thread::ThreadStatus;
use mlua::{FromLuaMulti, Function, Lua, MultiValue, Table, Thread, Value, Variadic, VmState};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value as Json;

use super::backend::{Backend, RequestLogEntry, RequestType, StoreId};
use super::bus::Bus;
use super::census::Census;
use super::datastore::{self, DsOp, DsRequest};
use super::marketplace::{Due, Ledger, ReceiptOutcome};
use super::memory::{self, MapKind, MemOp, MemRequest, MemoryStore};
use super::scheduler::{EventKind, SharedQueue};
use super::value::{json_to_lua, to_storable_json};
use super::{SimError, rojo};

const RUNTIME: &str = include_str!("runtime.luau");

/// Settings of one server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub place_id: i64,
    pub game_id: i64,
    /// `game.JobId`; generated from the world seed when `None`.
    pub job_id: Option<String>,
    /// What `RunService:IsStudio()` returns.
    pub is_studio: bool,
    pub max_players: u32,
    /// Length of a frame in virtual seconds (task.wait() minimum, Heartbeat period).
    pub frame: f64,
    /// Latency of web calls (MessagingService, UserService, names) in virtual seconds.
    pub web_latency: f64,
    /// Wall-clock time a thread may run without yielding before it is stopped.
    pub script_timeout: Duration,
    /// How long GetAsync results stay cached, in virtual seconds.
    pub cache_seconds: f64,
    /// Budget a server starts with, in minutes of its per-minute rate.
    pub initial_budget_minutes: f64,
    /// Most budget a server can hold, in minutes of its per-minute rate (unverified: 3).
    pub max_budget_minutes: f64,
    /// Requests that may wait per request type when the budget is empty.
    pub queue_limit: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            place_id: 1_000_000,
            game_id: 1_000,
            job_id: None,
            is_studio: false,
            max_players: 50,
            frame: 1.0 / 60.0,
            web_latency: 0.05,
            script_timeout: Duration::from_secs(10),
            cache_seconds: 4.0,
            initial_budget_minutes: 1.0,
            max_budget_minutes: 3.0,
            queue_limit: 30,
        }
    }
}

/// What a server shares with its world.
pub(crate) struct WorldParts {
    pub(crate) clock: Rc<Cell<f64>>,
    pub(crate) start_unix: f64,
    pub(crate) backend: Backend,
    pub(crate) bus: Bus,
    pub(crate) memory: MemoryStore,
    pub(crate) census: Census,
    pub(crate) user_names: Rc<RefCell<HashMap<i64, String>>>,
    pub(crate) ledger: Ledger,
    pub(crate) seed: u64,
}

// Defined beside `World`, which it indexes; still public here as before.
pub use super::ServerId;

/// What a line of output is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    Print,
    Warn,
    Error,
    /// Notes from the emulator, e.g. deprecated globals.
    Info,
}

/// A line of a server's output, like Studio's Output window.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputLine {
    pub time: f64,
    pub kind: OutputKind,
    pub text: String,
    /// For errors: the Luau traceback.
    pub traceback: Option<String>,
}

/// State shared between the [`Server`] and the host functions in its VM.
pub(crate) struct State {
    pub(crate) id: ServerId,
    pub(crate) clock: Rc<Cell<f64>>,
    pub(crate) start_unix: f64,
    pub(crate) config: ServerConfig,
    pub(crate) queue: SharedQueue,
    pub(crate) output: Vec<OutputLine>,
    pub(crate) kicks: Vec<(i64, String)>,
    pub(crate) players: BTreeSet<i64>,
    pub(crate) backend: Backend,
    pub(crate) bus: Bus,
    pub(crate) memory: MemoryStore,
    pub(crate) census: Census,
    pub(crate) ds: datastore::ClientState,
    pub(crate) user_names: Rc<RefCell<HashMap<i64, String>>>,
    pub(crate) ledger: Ledger,
    rng: ChaCha8Rng,
    deprecated_sites: BTreeSet<String>,
    deadline: Option<Instant>,
}

impl State {
    pub(crate) fn now(&self) -> f64 {
        self.clock.get()
    }

    pub(crate) fn unix_ms(&self) -> i64 {
        ((self.start_unix + self.now()) * 1000.0).floor() as i64
    }

    pub(crate) fn schedule(&mut self, time: f64, kind: EventKind) {
        self.queue.borrow_mut().schedule(time, kind);
    }

    pub(crate) fn out(&mut self, kind: OutputKind, text: String, traceback: Option<String>) {
        let time = self.now();
        self.output.push(OutputLine {
            time,
            kind,
            text,
            traceback,
        });
    }

    pub(crate) fn log(&self, entry: RequestLogEntry) {
        self.backend.0.borrow_mut().push_log(entry);
    }

    /// Drops every pending wake-up of a thread.
    fn cancel(&mut self, thread: &Thread) {
        let ptr = thread.to_pointer();
        self.queue.borrow_mut().cancel(ptr);
        self.ds.cancel(ptr);
    }
}

pub(crate) type Shared = Rc<RefCell<State>>;

/// An emulated game server. Create it with [`World::add_server`](super::World::add_server).
pub struct Server {
    pub(crate) state: Shared,
    pub(crate) entry: Table,
    env_meta: Table,
    pub(crate) lua: Lua,
}

fn error_text(e: &mlua::Error) -> (String, Option<String>) {
    match e {
        mlua::Error::CallbackError { traceback, cause } => {
            (error_text(cause).0, Some(traceback.clone()))
        }
        mlua::Error::RuntimeError(s) => match s.split_once("\nstack traceback:") {
            Some((msg, tb)) => (msg.to_string(), Some(tb.trim().to_string())),
            None => (s.clone(), None),
        },
        mlua::Error::WithContext { cause, .. } => error_text(cause),
        other => (other.to_string(), None),
    }
}

impl Server {
    pub(crate) fn new(
        id: ServerId,
        world: WorldParts,
        config: ServerConfig,
    ) -> Result<Server, SimError> {
        let WorldParts {
            clock,
            start_unix,
            backend,
            bus,
            memory,
            census,
            user_names,
            ledger,
            seed,
        } = world;
        let mut rng =
            ChaCha8Rng::seed_from_u64(seed ^ (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let job_id = config
            .job_id
            .clone()
            .unwrap_or_else(|| guid(&mut rng, false));
        let ds = datastore::ClientState::new(&config);
        let state = Rc::new(RefCell::new(State {
            id,
            clock,
            start_unix,
            config: config.clone(),
            queue: SharedQueue::default(),
            output: Vec::new(),
            kicks: Vec::new(),
            players: BTreeSet::new(),
            backend,
            bus,
            memory,
            census,
            ds,
            user_names,
            ledger,
            rng,
            deprecated_sites: BTreeSet::new(),
            deadline: None,
        }));
        let lua = Lua::new();
        let timeout_state = state.clone();
        // Luau calls this at every call and loop back-edge: reading the clock
        // each time cost a tenth of a test play, so it looks every 256th time.
        let ticks = Cell::new(0u32);
        lua.set_interrupt(move |_| {
            let n = ticks.get().wrapping_add(1);
            ticks.set(n);
            if !n.is_multiple_of(256) {
                return Ok(VmState::Continue);
            }
            let deadline = timeout_state.try_borrow().ok().and_then(|s| s.deadline);
            match deadline {
                Some(d) if Instant::now() > d => Err(mlua::Error::runtime(
                    "Script timeout: exhausted allowed execution time",
                )),
                _ => Ok(VmState::Continue),
            }
        });
        let env_meta = lua.create_table()?;
        env_meta.set("__index", lua.globals())?;
        let host = make_host(&lua, &state, &env_meta, &job_id)?;
        let entry: Table = lua.load(RUNTIME).set_name("=SimRuntime").call(host)?;
        // Luau seeds math.random from the VM's address, so jitter and random
        // auto-save moments would differ between runs: seed it from the world.
        let lua_seed = (seed ^ (id as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03)) % 2_147_483_647;
        lua.load(format!("math.randomseed({lua_seed})"))
            .set_name("=SimSeed")
            .exec()?;
        Ok(Server {
            state,
            entry,
            env_meta,
            lua,
        })
    }

    pub fn id(&self) -> ServerId {
        self.state.borrow().id
    }

    /// `game.JobId`.
    pub fn job_id(&self) -> String {
        self.eval::<String>("return game.JobId").unwrap_or_default()
    }

    /// The Luau VM, for advanced tests.
    pub fn lua(&self) -> &Lua {
        &self.lua
    }

    /// Everything printed, warned, errored so far.
    pub fn output(&self) -> Vec<OutputLine> {
        self.state.borrow().output.clone()
    }

    /// The output from line `from` on (for reading it as it grows).
    pub fn output_since(&self, from: usize) -> Vec<OutputLine> {
        let st = self.state.borrow();
        st.output.get(from..).unwrap_or_default().to_vec()
    }

    /// The errors in the output.
    pub fn errors(&self) -> Vec<OutputLine> {
        self.output()
            .into_iter()
            .filter(|l| l.kind == OutputKind::Error)
            .collect()
    }

    /// (user id, message) of every `Player:Kick`.
    pub fn kicks(&self) -> Vec<(i64, String)> {
        self.state.borrow().kicks.clone()
    }

    /// The kicks from number `from` on.
    pub fn kicks_since(&self, from: usize) -> Vec<(i64, String)> {
        let st = self.state.borrow();
        st.kicks.get(from..).unwrap_or_default().to_vec()
    }

    /// User ids of the players in the server.
    pub fn players(&self) -> Vec<i64> {
        self.state.borrow().players.iter().copied().collect()
    }

    /// Current budget of a request type, as `GetRequestBudgetForRequestType` reports it.
    pub fn budget(&self, request_type: RequestType) -> f64 {
        let mut st = self.state.borrow_mut();
        let (now, players) = (st.now(), st.players.len());
        st.ds.budget(request_type, now, players)
    }

    /// Time of the next scheduled event, if any.
    pub(crate) fn next_event_time(&self) -> Option<f64> {
        self.state.borrow().queue.borrow().next_time()
    }

    /// Runs everything that is due at the current virtual time.
    pub fn pump(&self) {
        let mut guard = 0usize;
        loop {
            let ev = {
                let st = self.state.borrow();
                let now = st.now();
                st.queue.borrow_mut().pop_due(now)
            };
            let Some(ev) = ev else { break };
            guard += 1;
            if guard > 1_000_000 {
                self.state.borrow_mut().out(
                    OutputKind::Error,
                    "emulator: more than 1,000,000 events at one instant; stopping this step"
                        .into(),
                    None,
                );
                break;
            }
            match ev.kind {
                EventKind::Resume { thread, args } => {
                    self.resume(&thread, MultiValue::from_vec(args))
                }
                EventKind::DsComplete(req) => self.complete_ds(*req),
                EventKind::MemComplete(req) => {
                    let memory = self.state.borrow().memory.clone();
                    let reply = memory.execute(&req);
                    self.finish(&req.thread, reply);
                }
                EventKind::BudgetTick => datastore::budget_tick(&self.state),
                EventKind::Message {
                    from,
                    topic,
                    data,
                    sent,
                } => {
                    let (bus, id, now) = {
                        let st = self.state.borrow();
                        (st.bus.clone(), st.id, st.now())
                    };
                    if !bus.receive(id, from, now, &topic) {
                        continue;
                    }
                    let result = json_to_lua(&self.lua, &data).and_then(|v| {
                        self.entry
                            .get::<Function>("deliver")?
                            .call::<()>((topic, v, sent))
                    });
                    self.report(result);
                }
            }
        }
    }

    fn report(&self, r: mlua::Result<()>) {
        if let Err(e) = r {
            let (msg, tb) = error_text(&e);
            self.state.borrow_mut().out(OutputKind::Error, msg, tb);
        }
    }

    fn resume(&self, thread: &Thread, args: MultiValue) {
        if thread.status() != ThreadStatus::Resumable {
            return;
        }
        let timeout = self.state.borrow().config.script_timeout;
        self.state.borrow_mut().deadline = Some(Instant::now() + timeout);
        let r = thread.resume::<MultiValue>(args).map(|_| ());
        self.state.borrow_mut().deadline = None;
        self.report(r);
    }

    fn complete_ds(&self, req: DsRequest) {
        let thread = req.thread.clone();
        let reply = datastore::complete(&self.state, req);
        self.finish(&thread, reply);
    }

    /// Resumes a thread waiting for a request with `(true, values...)` or `(false, error)`.
    fn finish(&self, thread: &Thread, reply: Result<Vec<Json>, String>) {
        let args = match reply {
            Ok(values) => {
                let mut v = vec![Value::Boolean(true)];
                for j in &values {
                    match json_to_lua(&self.lua, j) {
                        Ok(x) => v.push(x),
                        Err(e) => return self.report(Err(e)),
                    }
                }
                v
            }
            Err(msg) => match self.lua.create_string(&msg) {
                Ok(s) => vec![Value::Boolean(false), Value::String(s)],
                Err(e) => return self.report(Err(e)),
            },
        };
        self.resume(thread, MultiValue::from_vec(args));
    }

    /// Runs a Luau snippet synchronously in a new thread (with `game` etc. in scope)
    /// and returns its results. Fails if it errors or yields.
    pub fn eval<R: FromLuaMulti>(&self, code: &str) -> Result<R, SimError> {
        let env = self.lua.create_table()?;
        env.set_metatable(Some(self.env_meta.clone()))?;
        let f = self
            .lua
            .load(code)
            .set_name("=eval")
            .set_environment(env)
            .into_function()?;
        let thread = self.lua.create_thread(f)?;
        let r: MultiValue = thread.resume(())?;
        if thread.status() == ThreadStatus::Resumable {
            return Err(SimError::Other("eval: the snippet yielded".into()));
        }
        Ok(R::from_lua_multi(r, &self.lua)?)
    }

    /// Adds a Script named `name` to ServerScriptService and runs it (deferred,
    /// then everything due now runs).
    pub fn run_script(&self, name: &str, source: &str) -> Result<(), SimError> {
        self.entry
            .get::<Function>("run_script")?
            .call::<Value>((name, source))?;
        self.pump();
        Ok(())
    }

    /// Creates an instance from Rust, e.g. a ModuleScript with `source`, under `parent_path`
    /// (dot-separated from `game`, e.g. "ReplicatedStorage.Shared").
    pub fn add_instance(
        &self,
        parent_path: &str,
        class_name: &str,
        name: &str,
        source: Option<&str>,
    ) -> Result<(), SimError> {
        let mut parent: Value = self.lua.globals().get("game")?;
        for part in parent_path.split('.').filter(|p| !p.is_empty()) {
            let find: Function = match &parent {
                Value::UserData(_) => self
                    .lua
                    .load("return function(p, n) return p:FindFirstChild(n) end")
                    .eval()?,
                _ => return Err(SimError::Other(format!("no instance at {parent_path}"))),
            };
            parent = find.call((parent, part))?;
            if parent.is_nil() {
                return Err(SimError::Other(format!("no instance at {parent_path}")));
            }
        }
        self.entry
            .get::<Function>("make")?
            .call::<Value>((class_name, name, parent, source))?;
        Ok(())
    }

    /// Reads an exported Rojo project (a folder with default.project.json, or the
    /// project file itself) into the instance tree, then starts every Script in
    /// ServerScriptService and Workspace, like Roblox does.
    pub fn load_rojo_project(&self, path: &Path) -> Result<usize, SimError> {
        let tree = rojo::read_project(path)?;
        let make: Function = self.entry.get("make")?;
        let set_prop: Function = self.entry.get("set_property")?;
        let game: Value = self.lua.globals().get("game")?;
        for child in &tree.children {
            self.build(&make, &set_prop, child, game.clone())?;
        }
        let n: usize = self.entry.get::<Function>("run_scripts")?.call(())?;
        self.pump();
        Ok(n)
    }

    fn build(
        &self,
        make: &Function,
        set_prop: &Function,
        node: &rojo::Node,
        parent: Value,
    ) -> Result<(), SimError> {
        let inst: Value = make.call((
            node.class.as_str(),
            node.name.as_str(),
            parent,
            node.source.as_deref(),
        ))?;
        for (k, v) in &node.properties {
            set_prop.call::<()>((inst.clone(), k.as_str(), json_to_lua(&self.lua, v)?))?;
        }
        for child in &node.children {
            self.build(make, set_prop, child, inst.clone())?;
        }
        Ok(())
    }

    /// A player joins: `Players.PlayerAdded` fires.
    pub fn join(&self, user_id: i64, name: &str) -> Result<(), SimError> {
        self.join_with_display_name(user_id, name, name)
    }

    pub fn join_with_display_name(
        &self,
        user_id: i64,
        name: &str,
        display: &str,
    ) -> Result<(), SimError> {
        self.join_inner(user_id, name, display, false)
    }

    pub(crate) fn join_inner(
        &self,
        user_id: i64,
        name: &str,
        display: &str,
        local: bool,
    ) -> Result<(), SimError> {
        {
            let mut st = self.state.borrow_mut();
            if !st.players.insert(user_id) {
                return Err(SimError::Other(format!(
                    "player {user_id} is already in server {}",
                    st.id
                )));
            }
            st.user_names
                .borrow_mut()
                .entry(user_id)
                .or_insert_with(|| name.to_string());
            st.census.set(st.id, st.players.len());
            st.ledger.joined(user_id, st.id, st.now());
        }
        self.entry
            .get::<Function>("join")?
            .call::<()>((user_id, name, display, local))?;
        self.pump();
        Ok(())
    }

    /// A player leaves: `Players.PlayerRemoving` fires, then the player is removed.
    pub fn leave(&self, user_id: i64) -> Result<bool, SimError> {
        let found: bool = self.entry.get::<Function>("leave")?.call(user_id)?;
        self.pump();
        Ok(found)
    }

    /// Calls `MarketplaceService.ProcessReceipt` for a receipt in a new thread;
    /// the answer reaches the ledger when the callback returns.
    pub(crate) fn deliver_receipt(&self, due: &Due) {
        let (id, user, product, robux) = self.state.borrow().ledger.info(due.index);
        let place = self.state.borrow().config.place_id;
        let result = self.lua.create_table().and_then(|info| {
            info.set("PurchaseId", id)?;
            info.set("PlayerId", user)?;
            info.set("ProductId", product)?;
            info.set("PlaceIdWherePurchased", place)?;
            info.set("CurrencySpent", robux)?;
            self.entry.get::<Function>("process_receipt")?.call::<()>((
                info,
                due.index,
                due.delivery,
            ))
        });
        self.report(result);
        self.pump();
    }

    /// Starts closing: players are removed and BindToClose callbacks start (in
    /// parallel). Returns the number of callbacks. [`World::shutdown`](super::World::shutdown)
    /// drives the rest.
    pub(crate) fn begin_shutdown(&self) -> Result<usize, SimError> {
        let n: usize = self.entry.get::<Function>("shutdown")?.call(())?;
        self.pump();
        Ok(n)
    }

    /// BindToClose callbacks still running.
    pub(crate) fn closing(&self) -> usize {
        self.entry
            .get::<Function>("closing")
            .and_then(|f| f.call(()))
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Release every Luau reference held on the Rust side before the VM goes.
        let mut st = self.state.borrow_mut();
        st.queue.borrow_mut().clear();
        st.ds.clear();
    }
}

fn guid(rng: &mut ChaCha8Rng, wrap: bool) -> String {
    let mut b: [u8; 16] = rng.random();
    b[6] = (b[6] & 0x0F) | 0x40;
    b[8] = (b[8] & 0x3F) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02X}")).collect();
    let s = format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    );
    if wrap { format!("{{{s}}}") } else { s }
}

fn make_host(lua: &Lua, state: &Shared, env_meta: &Table, job_id: &str) -> mlua::Result<Table> {
    let host = lua.create_table()?;
    let cfg = state.borrow().config.clone();
    let config = lua.create_table()?;
    config.set("frame", cfg.frame)?;
    config.set("is_studio", cfg.is_studio)?;
    config.set("job_id", job_id)?;
    config.set("place_id", cfg.place_id)?;
    config.set("game_id", cfg.game_id)?;
    config.set("max_players", cfg.max_players)?;
    config.set("web_latency", cfg.web_latency)?;
    host.set("config", config)?;
    super::gui::add_host_data(lua, &host)?;

    let s = state.clone();
    host.set(
        "now",
        lua.create_function(move |_, ()| Ok(s.borrow().now()))?,
    )?;
    let s = state.clone();
    host.set(
        "epoch",
        lua.create_function(move |_, ()| {
            let st = s.borrow();
            Ok(st.start_unix + st.now())
        })?,
    )?;
    let s = state.clone();
    host.set(
        "resume_at",
        lua.create_function(
            move |_, (thread, time, args): (Thread, f64, Variadic<Value>)| {
                let mut st = s.borrow_mut();
                let time = if time.is_nan() {
                    st.now()
                } else {
                    time.max(st.now())
                };
                st.schedule(
                    time,
                    EventKind::Resume {
                        thread,
                        args: args.into_iter().collect(),
                    },
                );
                Ok(())
            },
        )?,
    )?;
    let s = state.clone();
    host.set(
        "cancel",
        lua.create_function(move |_, thread: Thread| {
            s.borrow_mut().cancel(&thread);
            Ok(())
        })?,
    )?;
    let s = state.clone();
    host.set(
        "output",
        lua.create_function(move |_, (kind, text): (String, String)| {
            let kind = match kind.as_str() {
                "warn" => OutputKind::Warn,
                "error" => OutputKind::Error,
                "info" => OutputKind::Info,
                _ => OutputKind::Print,
            };
            s.borrow_mut().out(kind, text, None);
            Ok(())
        })?,
    )?;
    let s = state.clone();
    host.set(
        "report_error",
        lua.create_function(move |_, (msg, tb): (String, Option<String>)| {
            s.borrow_mut()
                .out(OutputKind::Error, msg, tb.filter(|t| !t.is_empty()));
            Ok(())
        })?,
    )?;
    let s = state.clone();
    host.set(
        "deprecated",
        lua.create_function(move |_, (name, site): (String, String)| {
            let mut st = s.borrow_mut();
            let key = format!("{name}@{site}");
            if st.deprecated_sites.insert(key) {
                st.out(
                    OutputKind::Info,
                    format!("deprecated global '{name}' used at {site}; use task.{name}"),
                    None,
                );
            }
            Ok(())
        })?,
    )?;
    let meta = env_meta.clone();
    host.set(
        "compile",
        lua.create_function(
            move |lua, (source, name, script, plugin): (String, String, Value, Value)| {
                let env = lua.create_table()?;
                env.set("script", script)?;
                if !plugin.is_nil() {
                    env.set("plugin", plugin)?;
                }
                env.set_metatable(Some(meta.clone()))?;
                match lua
                    .load(source)
                    .set_name(format!("={name}"))
                    .set_environment(env)
                    .into_function()
                {
                    Ok(f) => Ok((Some(f), None)),
                    Err(e) => Ok((None, Some(error_text(&e).0))),
                }
            },
        )?,
    )?;
    let s = state.clone();
    host.set(
        "kick",
        lua.create_function(move |_, (uid, msg): (i64, String)| {
            s.borrow_mut().kicks.push((uid, msg));
            Ok(())
        })?,
    )?;
    let s = state.clone();
    host.set(
        "player_removed",
        lua.create_function(move |_, uid: i64| {
            let mut st = s.borrow_mut();
            st.players.remove(&uid);
            st.census.set(st.id, st.players.len());
            st.ledger.left(uid, st.id);
            Ok(())
        })?,
    )?;
    let s = state.clone();
    host.set(
        "receipt_decision",
        lua.create_function(
            move |_, (index, delivery, outcome, detail): (usize, usize, String, Option<String>)| {
                let outcome = match outcome.as_str() {
                    "granted" => ReceiptOutcome::PurchaseGranted,
                    "not-processed" => ReceiptOutcome::NotProcessedYet,
                    "no-callback" => ReceiptOutcome::NoCallback,
                    "error" => ReceiptOutcome::Errored(detail.unwrap_or_default()),
                    _ => ReceiptOutcome::NoDecision,
                };
                let st = s.borrow();
                st.ledger.decided(index, delivery, outcome, st.now());
                Ok(())
            },
        )?,
    )?;
    let s = state.clone();
    host.set(
        "guid",
        lua.create_function(move |_, wrap: bool| Ok(guid(&mut s.borrow_mut().rng, wrap)))?,
    )?;
    host.set(
        "json_encode",
        lua.create_function(|_, v: Value| match to_storable_json(&v) {
            Ok(j) => Ok((Some(j.to_string()), None)),
            Err(e) => Ok((None, Some(format!("Can't convert to JSON: {e}")))),
        })?,
    )?;
    host.set(
        "json_decode",
        lua.create_function(|lua, s: String| match serde_json::from_str::<Json>(&s) {
            Ok(j) => Ok((true, json_to_lua(lua, &j)?)),
            Err(e) => Ok((
                false,
                Value::String(lua.create_string(format!("Can't parse JSON: {e}"))?),
            )),
        })?,
    )?;
    let s = state.clone();
    host.set(
        "user_names",
        lua.create_function(move |lua, ids: Vec<i64>| {
            let st = s.borrow();
            let names = st.user_names.borrow();
            let out = lua.create_table()?;
            for id in ids {
                if let Some(n) = names.get(&id) {
                    let t = lua.create_table()?;
                    t.set("Id", id)?;
                    t.set("Username", n.as_str())?;
                    t.set("DisplayName", n.as_str())?;
                    t.set("HasVerifiedBadge", false)?;
                    out.push(t)?;
                }
            }
            Ok(out)
        })?,
    )?;
    let s = state.clone();
    host.set(
        "msg_publish",
        lua.create_function(move |_, (topic, message): (Value, Value)| {
            let topic = match topic {
                Value::String(t) => t.to_string_lossy(),
                _ => return Ok(Some("Argument 1 missing or nil".to_string())),
            };
            if topic.chars().count() > 80 {
                return Ok(Some("Topic name exceeds 80 characters".into()));
            }
            let data = match to_storable_json(&message) {
                Ok(d) => d,
                Err(e) => return Ok(Some(format!("Message cannot be serialized: {e}"))),
            };
            if data.to_string().len() > 1024 {
                return Ok(Some("Message size exceeds 1kB limit".into()));
            }
            let (bus, id, now, unix) = {
                let st = s.borrow();
                (st.bus.clone(), st.id, st.now(), st.unix_ms() / 1000)
            };
            // The service's refusals come back after the call's latency (the Luau side waits).
            Ok(bus
                .publish(id, now, topic, data, unix)
                .err()
                .map(|e| format!("\0{e}")))
        })?,
    )?;
    let s = state.clone();
    host.set(
        "msg_subscribe",
        lua.create_function(move |_, topic: String| {
            let (bus, id, now) = {
                let st = s.borrow();
                (st.bus.clone(), st.id, st.now())
            };
            Ok(bus.subscribe(id, now, &topic).err())
        })?,
    )?;
    let s = state.clone();
    host.set(
        "msg_unsubscribe",
        lua.create_function(move |_, topic: String| {
            let (bus, id) = {
                let st = s.borrow();
                (st.bus.clone(), st.id)
            };
            bus.unsubscribe(id, &topic);
            Ok(())
        })?,
    )?;
    let s = state.clone();
    host.set(
        "mem_request",
        lua.create_function(
            move |_,
                  (thread, method, kind, map, key, opts): (
                Thread,
                String,
                String,
                String,
                Value,
                Table,
            )| {
                let kind = if kind == "sorted" {
                    MapKind::Sorted
                } else {
                    MapKind::Hash
                };
                let needs_key = !matches!(method.as_str(), "GetRangeAsync" | "ListItemsAsync");
                let key = if needs_key {
                    match memory::check_key(key) {
                        Ok(k) => Some(k),
                        Err(e) => return Ok(Some(e)),
                    }
                } else {
                    None
                };
                let op = match MemOp::parse(&method, kind, &opts) {
                    Ok(op) => op,
                    Err(e) => return Ok(Some(e)),
                };
                let mut st = s.borrow_mut();
                let latency = st.memory.next_latency();
                let now = st.now();
                let req = MemRequest {
                    thread,
                    server: st.id,
                    method,
                    kind,
                    map,
                    key,
                    op,
                };
                st.schedule(now + latency, EventKind::MemComplete(Box::new(req)));
                Ok(None)
            },
        )?,
    )?;
    host.set(
        "check_store",
        lua.create_function(|_, (name, scope): (String, String)| {
            Ok(datastore::check_store_name(&name, &scope))
        })?,
    )?;
    let s = state.clone();
    host.set(
        "ds_budget",
        lua.create_function(move |_, name: String| {
            let Some(types) = RequestType::from_name(&name) else {
                return Ok(0.0);
            };
            let mut st = s.borrow_mut();
            let (now, players) = (st.now(), st.players.len());
            Ok(types
                .into_iter()
                .map(|t| st.ds.budget(t, now, players))
                .fold(f64::INFINITY, f64::min))
        })?,
    )?;
    let s = state.clone();
    host.set(
        "ds_request",
        lua.create_function(
            move |lua,
                  (thread, method, name, scope, ordered, key, opts): (
                Thread,
                String,
                String,
                String,
                bool,
                Value,
                Table,
            )| {
                let key = match key {
                    Value::Nil => None,
                    Value::String(k) => Some(k.to_string_lossy()),
                    Value::Integer(i) => Some(i.to_string()),
                    Value::Number(n) => Some(n.to_string()),
                    other => {
                        return Ok(MultiValue::from_vec(vec![
                            Value::String(lua.create_string("error")?),
                            Value::String(lua.create_string(format!(
                                "Unable to cast {} to string",
                                other.type_name()
                            ))?),
                        ]));
                    }
                };
                let store = StoreId {
                    name,
                    scope,
                    ordered,
                };
                let result = match DsOp::parse(&method, &store, key.as_deref(), &opts) {
                    Err(msg) => Err(msg),
                    Ok(op) => datastore::submit(&s, thread, method, store, key, op),
                };
                let mut out = Vec::new();
                match result {
                    Err(msg) => {
                        out.push(Value::String(lua.create_string("error")?));
                        out.push(Value::String(lua.create_string(msg)?));
                    }
                    Ok(None) => out.push(Value::String(lua.create_string("wait")?)),
                    Ok(Some(values)) => {
                        out.push(Value::String(lua.create_string("done")?));
                        for v in &values {
                            out.push(json_to_lua(lua, v)?);
                        }
                    }
                }
                Ok(MultiValue::from_vec(out))
            },
        )?,
    )?;
    Ok(host)
}
