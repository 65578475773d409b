//! A loopback Open Cloud server on the emulator's own [`Backend`]: what an
//! exported game writes in the emulator can be read and fixed through the
//! data-store API, and what the API writes the game then loads. It answers
//! the endpoints the live-data pages use (listed in src/live/endpoints.rs)
//! with Open Cloud v2's resource shapes, API-key checks (401 for an unknown
//! key, 403 for a missing permission), 404, etags (412 on a mismatch),
//! Roblox's kept versions, and 429 with Retry-After past a configurable
//! rate limit. The users API (names to ids) is answered too.
//!
//! The backend is single-threaded (as the emulator is), so connections are
//! read on background threads and answered where the backend lives: by
//! [`LoopbackCloud::serve_for`] and friends in a test that drives a
//! [`World`](super::World), or by [`RunningCloud`], which owns a backend on
//! a thread of its own (the app's tests).

mod http;
mod routes;
pub mod sample;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io;
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use http::{Request, Response};

use super::backend::Backend;
use super::bus::Bus;

/// The Open Cloud permissions a key can have (the API key scopes).
pub mod scopes {
    pub const READ: &str = "universe-datastores.objects:read";
    pub const LIST: &str = "universe-datastores.objects:list";
    pub const CREATE: &str = "universe-datastores.objects:create";
    pub const UPDATE: &str = "universe-datastores.objects:update";
    pub const DELETE: &str = "universe-datastores.objects:delete";
    pub const LIST_VERSIONS: &str = "universe-datastores.versions:list";
    pub const READ_VERSION: &str = "universe-datastores.versions:read";
    pub const ORDERED_READ: &str = "universe.ordered-data-store.scope.entry:read";
    pub const ORDERED_WRITE: &str = "universe.ordered-data-store.scope.entry:write";
    pub const MESSAGING: &str = "universe-messaging-service:publish";
    /// Everything the live-data pages use.
    pub const ALL: [&str; 10] = [
        READ,
        LIST,
        CREATE,
        UPDATE,
        DELETE,
        LIST_VERSIONS,
        READ_VERSION,
        ORDERED_READ,
        ORDERED_WRITE,
        MESSAGING,
    ];
}

/// An API key the server accepts, with its permissions.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyRule {
    pub key: String,
    pub scopes: Vec<String>,
}

impl KeyRule {
    /// A key with every permission the pages use.
    pub fn full(key: &str) -> KeyRule {
        KeyRule {
            key: key.into(),
            scopes: scopes::ALL.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// A key with only `scopes`.
    pub fn with(key: &str, scopes: &[&str]) -> KeyRule {
        KeyRule {
            key: key.into(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// How the server behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudRules {
    /// The one universe it serves; others get 403.
    pub universe_id: u64,
    pub keys: Vec<KeyRule>,
    /// Requests a minute for reads and for writes each before 429 (Roblox:
    /// 300); None for no limit.
    pub requests_per_minute: Option<u32>,
    /// Usernames the users API knows: name (any case) to (id, display name).
    pub users: BTreeMap<String, (i64, String)>,
}

impl CloudRules {
    /// One universe, one key with every permission, Roblox's rate limit.
    pub fn new(universe_id: u64, key: &str) -> CloudRules {
        CloudRules {
            universe_id,
            keys: vec![KeyRule::full(key)],
            requests_per_minute: Some(300),
            users: BTreeMap::new(),
        }
    }

    pub fn with_user(mut self, id: i64, name: &str) -> CloudRules {
        self.users
            .insert(name.to_ascii_lowercase(), (id, name.to_string()));
        self
    }
}

/// One request the server answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Served {
    pub method: String,
    /// The path, decoded.
    pub path: String,
    pub status: u16,
    /// The Retry-After sent with a 429, in seconds.
    pub retry_after: Option<u32>,
}

/// A request waiting for its answer.
struct Pending {
    request: Request,
    reply: Sender<Response>,
}

/// Changeable state of the server.
#[derive(Debug, Default)]
pub(crate) struct ServerState {
    pub(crate) rules: Option<CloudRules>,
    /// Server times (ms) of recent requests, reads and writes.
    pub(crate) recent: [Vec<i64>; 2],
    /// The next this many requests get 429, with this Retry-After.
    pub(crate) throttle_next: u32,
    pub(crate) throttle_retry_after: Option<u32>,
    pub(crate) served: Vec<Served>,
    /// Messages published (topic, text), not yet handed to the game's bus.
    pub(crate) outbox: Vec<(String, String)>,
    /// Every message published (topic, text).
    pub(crate) published: Vec<(String, String)>,
}

/// The server: a listening socket and the requests it has read.
pub struct LoopbackCloud {
    url: String,
    incoming: Receiver<Pending>,
    stop: Arc<AtomicBool>,
    listener: Option<JoinHandle<()>>,
    state: RefCell<ServerState>,
    /// The game's MessagingService and its world's start (unix seconds),
    /// once connected: published messages reach its servers.
    messaging: RefCell<Option<(Bus, f64)>>,
}

impl LoopbackCloud {
    /// Listens on a free loopback port. Requests wait until answered with
    /// one of the `serve` methods.
    pub fn start(rules: CloudRules) -> io::Result<LoopbackCloud> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let (send, incoming) = mpsc::channel::<Pending>();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::Builder::new()
            .name("loopback-open-cloud".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let send = send.clone();
                    // One thread per connection: a slow answer never holds up
                    // the next accept.
                    let _ = std::thread::Builder::new()
                        .name("loopback-open-cloud-connection".into())
                        .spawn(move || handle(stream, send));
                }
            })?;
        Ok(LoopbackCloud {
            url: format!("http://{addr}"),
            incoming,
            stop,
            listener: Some(thread),
            state: RefCell::new(ServerState {
                rules: Some(rules),
                ..Default::default()
            }),
            messaging: RefCell::new(None),
        })
    }

    /// Messages published through the API go to `bus` (a world's
    /// MessagingService; `start_unix` is the world's start, to turn the
    /// server's time into the world's). Until then they are accepted and
    /// heard by no one, as on Roblox when no server listens.
    pub fn connect_messaging(&self, bus: Bus, start_unix: f64) {
        *self.messaging.borrow_mut() = Some((bus, start_unix));
    }

    /// Every message published through the API so far (topic, text), also
    /// those no game heard.
    pub fn published(&self) -> Vec<(String, String)> {
        self.state.borrow().published.clone()
    }

    /// The base URL for `CloudConfig::loopback`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The next `count` requests are answered 429, with `retry_after`
    /// seconds in Retry-After (None: no header).
    pub fn throttle_next(&self, count: u32, retry_after: Option<u32>) {
        let mut state = self.state.borrow_mut();
        state.throttle_next = count;
        state.throttle_retry_after = retry_after;
    }

    /// Replaces the rules (keys, permissions, rate limit).
    pub fn set_rules(&self, rules: CloudRules) {
        self.state.borrow_mut().rules = Some(rules);
    }

    /// Every request answered so far.
    pub fn served(&self) -> Vec<Served> {
        self.state.borrow().served.clone()
    }

    /// Answers every request waiting now, at server time `now_ms` (unix
    /// milliseconds). Returns how many.
    pub fn serve_pending(&self, backend: &Backend, now_ms: i64) -> usize {
        let mut count = 0;
        while let Ok(pending) = self.incoming.try_recv() {
            self.answer(backend, now_ms, pending);
            count += 1;
        }
        count
    }

    /// Answers requests for `wait`, at the times `clock` gives.
    pub fn serve_for(&self, backend: &Backend, clock: impl Fn() -> i64, wait: Duration) {
        let until = Instant::now() + wait;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(pending) => self.answer(backend, clock(), pending),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    /// Answers requests until `done` (e.g. a client thread finished), or
    /// `timeout` passed; true when `done`.
    pub fn serve_until(
        &self,
        backend: &Backend,
        clock: impl Fn() -> i64,
        done: impl Fn() -> bool,
        timeout: Duration,
    ) -> bool {
        let until = Instant::now() + timeout;
        while Instant::now() < until {
            if done() {
                self.serve_pending(backend, clock());
                return true;
            }
            self.serve_for(backend, &clock, Duration::from_millis(5));
        }
        done()
    }

    fn answer(&self, backend: &Backend, now_ms: i64, pending: Pending) {
        let Pending { request, reply } = pending;
        let response = routes::answer(&mut self.state.borrow_mut(), backend, now_ms, &request);
        let outbox = std::mem::take(&mut self.state.borrow_mut().outbox);
        for (topic, text) in outbox {
            if let Some((bus, start_unix)) = &*self.messaging.borrow() {
                let now = now_ms as f64 / 1000.0 - start_unix;
                bus.publish_from_open_cloud(
                    now,
                    topic.clone(),
                    serde_json::Value::String(text.clone()),
                    now_ms.div_euclid(1000),
                );
            }
            self.state.borrow_mut().published.push((topic, text));
        }
        self.state.borrow_mut().served.push(Served {
            method: request.method.clone(),
            path: http::percent_decode(&request.path, false),
            status: response.status,
            retry_after: response.retry_after,
        });
        let _ = reply.send(response);
    }
}

impl Drop for LoopbackCloud {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        if let Some(addr) = self.url.strip_prefix("http://") {
            let _ = TcpStream::connect(addr);
        }
        if let Some(thread) = self.listener.take() {
            let _ = thread.join();
        }
    }
}

/// Reads one request, hands it over and writes the answer.
fn handle(stream: TcpStream, send: Sender<Pending>) {
    let Some(request) = http::read_request(&stream) else {
        return;
    };
    let (reply, answer) = mpsc::channel();
    if send.send(Pending { request, reply }).is_err() {
        return;
    }
    if let Ok(response) = answer.recv_timeout(Duration::from_secs(30)) {
        http::write_response(&stream, &response);
    }
}

type Command = Box<dyn FnOnce(&Backend, &LoopbackCloud) + Send>;

/// A loopback server with a backend of its own, answering on its own thread
/// at this computer's clock: for tests of the window, which can't pump a
/// server themselves.
pub struct RunningCloud {
    url: String,
    commands: Option<Sender<Command>>,
    thread: Option<JoinHandle<()>>,
}

impl RunningCloud {
    /// Starts the server; `setup` fills its backend first.
    pub fn start(
        rules: CloudRules,
        setup: impl FnOnce(&Backend) + Send + 'static,
    ) -> io::Result<RunningCloud> {
        let (ready_send, ready) = mpsc::channel::<io::Result<String>>();
        let (commands, inbox) = mpsc::channel::<Command>();
        let thread = std::thread::Builder::new()
            .name("loopback-open-cloud-backend".into())
            .spawn(move || {
                let cloud = match LoopbackCloud::start(rules) {
                    Ok(cloud) => cloud,
                    Err(e) => {
                        let _ = ready_send.send(Err(e));
                        return;
                    }
                };
                let backend = Backend::default();
                setup(&backend);
                let _ = ready_send.send(Ok(cloud.url().to_string()));
                loop {
                    match inbox.try_recv() {
                        Ok(command) => command(&backend, &cloud),
                        Err(mpsc::TryRecvError::Disconnected) => return,
                        Err(mpsc::TryRecvError::Empty) => {}
                    }
                    cloud.serve_for(&backend, system_ms, Duration::from_millis(5));
                }
            })?;
        let url = ready
            .recv()
            .map_err(|_| io::Error::other("the loopback server stopped while starting"))??;
        Ok(RunningCloud {
            url,
            commands: Some(commands),
            thread: Some(thread),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs `f` on the server's thread with its backend and server, and
    /// returns what it returns.
    pub fn with<R: Send + 'static>(
        &self,
        f: impl FnOnce(&Backend, &LoopbackCloud) -> R + Send + 'static,
    ) -> R {
        let (send, answer) = mpsc::channel();
        let command: Command = Box::new(move |backend, cloud| {
            let _ = send.send(f(backend, cloud));
        });
        self.commands
            .as_ref()
            .expect("the server runs until dropped")
            .send(command)
            .expect("the loopback server's thread ended");
        answer.recv().expect("the loopback server's thread ended")
    }
}

impl Drop for RunningCloud {
    fn drop(&mut self) {
        self.commands.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// This computer's clock in unix milliseconds.
pub fn system_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
