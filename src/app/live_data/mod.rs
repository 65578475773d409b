//! The Live data page: a published game's saved player data, read, fixed
//! and restored through Roblox's Open Cloud and seen through the project's
//! own schema (`crate::live` does the work; this draws it).
//!
//! One tab per job, one module each: Connect, Player (look up and fix),
//! Restore, Erase, Audit log and Browse. Every call to Roblox runs on a
//! worker thread, one at a time, with a progress bar and Cancel above the
//! tabs. Nothing here is a project edit: it never marks the project changed
//! and is never undone.

mod audit_page;
mod browse;
mod connect;
mod erase;
mod player;
mod restore;
pub mod task;
pub mod value_editor;

use std::sync::Arc;

use egui::{RichText, Ui};

use super::PanelCtx;
use super::widgets::explain;
use crate::live::diff::short;
use crate::live::{AuditLog, Call, ChangeKind, Cloud, FieldChange, KeyStore, LivePlayers};
use crate::project::Project;

pub use audit_page::ExportFormat;
pub use task::Running;

/// The tabs of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LiveTab {
    #[default]
    Connect,
    Player,
    Restore,
    Erase,
    Audit,
    Browse,
}

impl LiveTab {
    const ALL: [LiveTab; 6] = [
        LiveTab::Connect,
        LiveTab::Player,
        LiveTab::Restore,
        LiveTab::Erase,
        LiveTab::Audit,
        LiveTab::Browse,
    ];

    pub fn title(self) -> &'static str {
        match self {
            LiveTab::Connect => "🔑 Connect",
            LiveTab::Player => "👤 Player",
            LiveTab::Restore => "⏪ Restore",
            LiveTab::Erase => "🗑 Erase",
            LiveTab::Audit => "📒 Audit log",
            LiveTab::Browse => "📂 Browse",
        }
    }

    fn help(self) -> &'static str {
        match self {
            LiveTab::Connect => "The game's universe id and an Open Cloud API key",
            LiveTab::Player => "Look up a player's saved data and fix it",
            LiveTab::Restore => "Put back an earlier copy of a player's data",
            LiveTab::Erase => "Remove everything the game stores about a player",
            LiveTab::Audit => "Every read and write made from this computer",
            LiveTab::Browse => "The keys of the player data store and the leaderboards' tops",
        }
    }

    /// Whether the tab needs a connection to show anything.
    fn needs_connection(self) -> bool {
        !matches!(self, LiveTab::Connect | LiveTab::Audit)
    }
}

/// What a finished call gives, for the tab that started it.
enum PageAnswer {
    Connect(connect::Answer),
    Player(player::Answer),
    Restore(restore::Answer),
    Erase(erase::Answer),
    Browse(browse::Answer),
}

/// The Live data page's state: the app's, never the project's.
pub struct LiveData {
    pub tab: LiveTab,
    /// Where requests go: None for Roblox's own Open Cloud. The tests set
    /// their loopback server's address here.
    pub loopback: Option<String>,
    /// Where API keys are kept (the tests use keyring's mock store).
    pub keys: Arc<KeyStore>,
    /// Where every read and write is logged; None when the computer has no
    /// folder for the app's data (then the page says nothing is logged).
    pub audit: Option<AuditLog>,
    pub connect: connect::ConnectPage,
    pub player: player::PlayerPage,
    pub restore: restore::RestorePage,
    pub erase: erase::ErasePage,
    pub audit_page: audit_page::AuditPage,
    pub browse: browse::BrowsePage,
    /// The client once connected.
    cloud: Option<Cloud>,
    task: Option<Running<PageAnswer>>,
    /// A call whose worker stopped without an answer, in words.
    lost: Option<String>,
}

impl Default for LiveData {
    fn default() -> Self {
        LiveData {
            tab: LiveTab::default(),
            loopback: None,
            keys: Arc::new(KeyStore::new()),
            audit: AuditLog::default_path().map(AuditLog::at),
            connect: Default::default(),
            player: Default::default(),
            restore: Default::default(),
            erase: Default::default(),
            audit_page: Default::default(),
            browse: Default::default(),
            cloud: None,
            task: None,
            lost: None,
        }
    }
}

/// What every tab draws from: the project (its schema), the connection and
/// whether a call is running; and where a tab starts its call.
pub(crate) struct Live<'a> {
    pub project: &'a Project,
    pub cloud: Option<&'a Cloud>,
    pub keys: &'a Arc<KeyStore>,
    pub audit: Option<&'a AuditLog>,
    pub loopback: Option<&'a str>,
    /// Whether a call is running (the tabs' buttons are off meanwhile).
    pub busy: bool,
    start: &'a mut Option<Running<PageAnswer>>,
    ctx: egui::Context,
}

impl Live<'_> {
    /// The game's live data seen through the project as it is now; None
    /// until connected.
    fn players(&self) -> Option<LivePlayers> {
        let cloud = self.cloud?.clone();
        Some(LivePlayers::new(cloud, self.project, self.audit.cloned()))
    }

    /// Starts `work` on a worker thread, unless a call is running.
    fn start<T: Send + 'static>(
        &mut self,
        what: impl Into<String>,
        wrap: fn(T) -> PageAnswer,
        work: impl FnOnce(&Call) -> T + Send + 'static,
    ) {
        if self.start.is_none() {
            *self.start = Some(Running::start(what, &self.ctx, move |call| {
                wrap(work(call))
            }));
            self.busy = true;
        }
    }
}

/// A user id as typed: digits only, above zero.
pub(crate) fn parse_user_id(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse::<i64>().ok().filter(|id| *id > 0)
}

impl LiveData {
    pub fn is_connected(&self) -> bool {
        self.cloud.is_some()
    }

    /// Writes the audit log entries shown (with the filter) to `path`, the
    /// file picked for the export; the Audit tab says how it went.
    pub fn export_audit(&mut self, format: ExportFormat, path: &std::path::Path) {
        self.audit_page.export(format, path);
    }

    pub fn is_busy(&self) -> bool {
        self.task.is_some()
    }

    /// Takes the running call's answer once it is there. Called every
    /// frame, whichever page shows, so calls end while the user is elsewhere.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let Some(task) = &mut self.task else {
            return;
        };
        let answer = match task.poll(ctx) {
            task::Polled::Running => return,
            task::Polled::Done(answer) => Some(answer),
            task::Polled::Lost => None,
        };
        let what = task.what.clone();
        self.task = None;
        self.lost = None;
        match answer {
            Some(PageAnswer::Connect(answer)) => {
                if let Some(cloud) = self.connect.receive(answer) {
                    self.cloud = Some(cloud);
                    self.audit_page.stale();
                }
            }
            Some(PageAnswer::Player(answer)) => {
                self.player.receive(answer);
                self.audit_page.stale();
            }
            Some(PageAnswer::Restore(answer)) => {
                if let Some(record) = self.restore.receive(answer) {
                    self.player.show_record(record);
                }
                self.audit_page.stale();
            }
            Some(PageAnswer::Erase(answer)) => {
                if let Some(user) = self.erase.receive(answer) {
                    self.player.forget(user);
                }
                self.audit_page.stale();
            }
            Some(PageAnswer::Browse(answer)) => {
                self.browse.receive(answer);
                self.audit_page.stale();
            }
            None => {
                self.lost = Some(format!(
                    "\"{what}\" stopped unexpectedly without an answer. Try again."
                ));
            }
        }
    }

    /// The page in the middle of the window.
    pub fn show(&mut self, ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
        ui.add_space(4.0);
        ui.heading("🌐 Live data");
        explain(
            ui,
            "A published game's saved player data, read and changed through Roblox's Open Cloud and shown with this project's fields, limits and session locks. What you do here changes real players' data, not the project.",
        );
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            for tab in LiveTab::ALL {
                let enabled = self.cloud.is_some() || !tab.needs_connection();
                let response = ui
                    .add_enabled(
                        enabled,
                        egui::Button::selectable(self.tab == tab, tab.title()),
                    )
                    .on_hover_text(tab.help())
                    .on_disabled_hover_text("Connect to the game first (the Connect tab)");
                if response.clicked() {
                    self.tab = tab;
                }
            }
        });
        if let Some(cloud) = &self.cloud {
            explain(
                ui,
                &format!(
                    "Connected to universe {} with {}.",
                    cloud.universe_id(),
                    cloud.key_label()
                ),
            );
        }
        if let Some(task) = &self.task {
            task.show(ui);
        }
        if let Some(lost) = &self.lost {
            error_line(ui, lost);
        }
        ui.separator();
        if self.cloud.is_none() && self.tab.needs_connection() {
            self.tab = LiveTab::Connect;
        }
        let busy = self.task.is_some();
        let mut live = Live {
            project: ctx.project,
            cloud: self.cloud.as_ref(),
            keys: &self.keys,
            audit: self.audit.as_ref(),
            loopback: self.loopback.as_deref(),
            busy,
            start: &mut self.task,
            ctx: ui.ctx().clone(),
        };
        let mut disconnect = false;
        let mut export = None;
        egui::ScrollArea::vertical()
            .id_salt("live-data-page")
            .auto_shrink([false, false])
            .show(ui, |ui| match self.tab {
                LiveTab::Connect => disconnect = self.connect.show(ui, &mut live),
                LiveTab::Player => {
                    let go_restore = self.player.show(ui, &mut live);
                    if go_restore {
                        self.tab = LiveTab::Restore;
                    }
                }
                LiveTab::Restore => self.restore.show(ui, &mut live, self.player.loaded()),
                LiveTab::Erase => {
                    // The player just looked at is the one a request most
                    // likely names; the typed confirmation still guards.
                    if self.erase.user.is_empty()
                        && let Some(record) = self.player.record()
                    {
                        self.erase.user = record.user_id.to_string();
                    }
                    self.erase.show(ui, &mut live)
                }
                LiveTab::Audit => export = self.audit_page.show(ui, &live),
                LiveTab::Browse => {
                    if let Some(user) = self.browse.show(ui, &mut live) {
                        self.player.look_up_later(user);
                        self.tab = LiveTab::Player;
                    }
                }
            });
        if let Some(format) = export {
            ctx.requests.push(super::Request::ExportAudit(format));
        }
        // The call running now (if any) is the keychain's forgetting.
        if disconnect {
            self.cloud = None;
            self.player = Default::default();
            self.restore = Default::default();
            self.browse = Default::default();
        }
    }
}

/// A change in words the app's fonts can draw: "Coins: 5, now 50".
pub fn change_words(change: &FieldChange) -> String {
    let show = |v: &Option<serde_json::Value>| v.as_ref().map_or_else(|| "nothing".into(), short);
    match change.kind {
        ChangeKind::Added => format!("{}: added, {}", change.path, show(&change.after)),
        ChangeKind::Removed => format!("{}: removed (was {})", change.path, show(&change.before)),
        ChangeKind::Changed => format!(
            "{}: {}, now {}",
            change.path,
            show(&change.before),
            show(&change.after)
        ),
    }
}

/// A failure in the error colour.
pub(crate) fn error_line(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(format!("⛔ {text}")).color(ui.visuals().error_fg_color));
}

/// A success in words.
pub(crate) fn done_line(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(format!("✔ {text}")).color(egui::Color32::from_rgb(80, 170, 90)));
}
