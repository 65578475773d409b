//! Connect: the game's universe id and an Open Cloud API key, kept in the
//! computer's keychain (never in the project file), and "test connection"
//! with each missing permission in words.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::{Live, PageAnswer, done_line, error_line};
use crate::live::{
    ApiKey, AuditLog, Call, CheckOutcome, Cloud, CloudConfig, ConnectionReport, KeyPlace, KeyStore,
    LiveError, LivePlayers,
};
use crate::project::Project;

/// What "Connect" found, or whether "Forget the key" could.
pub enum Answer {
    Connected {
        universe: u64,
        result: Result<Connected, LiveError>,
    },
    Forgot {
        universe: u64,
        result: Result<(), LiveError>,
    },
}

pub struct Connected {
    cloud: Cloud,
    /// Where the key is kept; None when it came from the keychain already.
    place: Option<KeyPlace>,
    report: ConnectionReport,
}

#[derive(Default)]
pub struct ConnectPage {
    pub universe: String,
    /// The key as pasted; emptied once it is kept.
    key: String,
    /// Where the key was kept, said once after Connect.
    place: Option<KeyPlace>,
    /// The game the last test was for, and what it found.
    report: Option<(u64, ConnectionReport)>,
    pub error: Option<String>,
    notice: Option<String>,
}

impl ConnectPage {
    /// The last test connection's report.
    pub fn report(&self) -> Option<&ConnectionReport> {
        self.report.as_ref().map(|(_, r)| r)
    }

    /// Keeps the connection when the key was accepted.
    pub(super) fn receive(&mut self, answer: Answer) -> Option<Cloud> {
        let (universe, result) = match answer {
            Answer::Connected { universe, result } => (universe, result),
            Answer::Forgot { universe, result } => {
                match result {
                    Ok(()) => {
                        self.notice = Some(format!("The key for universe {universe} is forgotten."))
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
                return None;
            }
        };
        match result {
            Ok(connected) => {
                if let Some(place) = connected.place {
                    self.place = Some(place);
                }
                let accepted = connected.report.key_problem.is_none();
                self.report = Some((universe, connected.report));
                accepted.then_some(connected.cloud)
            }
            Err(LiveError::Cancelled) => None,
            Err(e) => {
                self.error = Some(e.to_string());
                None
            }
        }
    }

    /// Returns true when the user disconnected.
    pub(super) fn show(&mut self, ui: &mut Ui, live: &mut Live<'_>) -> bool {
        ui.label(RichText::new("Connect to your game").size(16.0));
        ui.label(
            "On the Creator Dashboard, open Open Cloud > API Keys and create a key for this game with the Data Stores API: read and write entries, delete entries, list entries, list and read versions, and read ordered data stores' entries (for the leaderboards); and the Messaging Service API's publish, so Erase can ask a live server to let go of a player. The universe id is on the game's page (Copy Universe ID in its menu).",
        );
        ui.add_space(6.0);
        let mut connect = false;
        egui::Grid::new("live-connect")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label("Universe id");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.universe)
                            .hint_text("e.g. 1234567890")
                            .desired_width(220.0),
                    )
                    .accessible_name("Universe id");
                connect |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.end_row();
                ui.label("API key");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.key)
                            .password(true)
                            .hint_text("paste the key; empty uses the one kept")
                            .desired_width(420.0),
                    )
                    .accessible_name("API key");
                connect |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.end_row();
            });
        let kept_where = match &self.place {
            Some(place) => place.describe(),
            None => "The key is kept in this computer's keychain (Keychain on a Mac, Credential Manager on Windows, the Secret Service on Linux), never in the project file, so sharing the project never shares the key.".into(),
        };
        super::explain(ui, &kept_where);
        ui.add_space(6.0);
        let universe = self.universe.trim().parse::<u64>().ok().filter(|u| *u > 0);
        let mut disconnect = false;
        ui.horizontal(|ui| {
            let button = ui
                .add_enabled(
                    !live.busy && universe.is_some(),
                    egui::Button::new("🔌 Connect and test"),
                )
                .on_hover_text(
                    "Keep the key and try each kind of request the pages make, changing nothing",
                )
                .on_disabled_hover_text(if universe.is_none() {
                    "Type the game's universe id (a number) first"
                } else {
                    "Wait for the call that is running, or cancel it"
                });
            connect |= button.clicked();
            if let Some(universe) = universe
                && ui
                    .add_enabled(!live.busy, egui::Button::new("Forget the key"))
                    .on_hover_text("Remove this game's key from the keychain and disconnect")
                    .clicked()
            {
                self.key.clear();
                self.place = None;
                self.report = None;
                self.error = None;
                self.notice = None;
                // The keychain can take seconds to answer: not on this thread.
                let keys = live.keys.clone();
                live.start(
                    format!("Forgetting the key for universe {universe}"),
                    PageAnswer::Connect,
                    move |_: &Call| Answer::Forgot {
                        universe,
                        result: keys.forget(universe),
                    },
                );
                disconnect = true;
            }
        });
        if connect
            && let Some(universe) = universe
            && !live.busy
        {
            self.start(live, universe);
        }
        if let Some(notice) = &self.notice {
            done_line(ui, notice);
        }
        if let Some(error) = &self.error {
            error_line(ui, error);
        }
        if let Some((universe, report)) = &self.report {
            ui.add_space(8.0);
            show_report(ui, *universe, report, live.cloud.is_some());
        }
        disconnect
    }

    fn start(&mut self, live: &mut Live<'_>, universe: u64) {
        self.error = None;
        self.notice = None;
        let pasted = ApiKey::new(&self.key);
        // The key leaves the text field at once: it lives in the keychain.
        self.key.clear();
        let keys: Arc<KeyStore> = live.keys.clone();
        let config = match live.loopback {
            Some(url) => CloudConfig::loopback(url, universe),
            None => CloudConfig::new(universe),
        };
        let project = live.project.clone();
        let audit = live.audit.cloned();
        live.start(
            format!("Connecting to universe {universe}"),
            PageAnswer::Connect,
            move |call: &Call| Answer::Connected {
                universe,
                result: connect(&keys, config, pasted, &project, audit, call),
            },
        );
    }
}

fn connect(
    keys: &KeyStore,
    config: CloudConfig,
    pasted: Option<ApiKey>,
    project: &Project,
    audit: Option<AuditLog>,
    call: &Call,
) -> Result<Connected, LiveError> {
    let universe = config.universe_id;
    call.step("Reading the keychain");
    let (key, place) = match pasted {
        Some(key) => {
            let place = keys.save(universe, &key);
            (key, Some(place))
        }
        None => (keys.load(universe)?.ok_or(LiveError::NoKey)?, None),
    };
    let cloud = Cloud::new(config, key);
    let report = LivePlayers::new(cloud.clone(), project, audit).test_connection(call)?;
    Ok(Connected {
        cloud,
        place,
        report,
    })
}

fn show_report(ui: &mut Ui, universe: u64, report: &ConnectionReport, connected: bool) {
    ui.label(RichText::new(format!("Test connection to universe {universe}")).strong());
    if let Some(problem) = &report.key_problem {
        error_line(ui, problem);
    }
    for check in &report.checks {
        match check.outcome {
            CheckOutcome::Allowed => done_line(ui, &check.describe()),
            _ => error_line(ui, &check.describe()),
        }
    }
    ui.add_space(4.0);
    if report.all_allowed() {
        done_line(ui, "Connected: every page can be used.");
    } else if connected {
        ui.label(
            RichText::new(
                "⚠ Connected, but the pages that need a missing permission will say so when used.",
            )
            .color(ui.visuals().warn_fg_color),
        );
    }
}
