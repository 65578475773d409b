//! The Live data page, driven like a user would through egui_kittest on the
//! real app type, against the loopback Open Cloud server (its own backend,
//! answering on its own thread at this computer's clock).

use std::sync::Arc;
use std::time::{Duration, Instant};

use datastore_designer::app::live_data::LiveTab;
use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use datastore_designer::live::{ApiKey, AuditLog, Cloud, CloudConfig, KeyStore, LivePlayers};
use datastore_designer::project::Project;
use datastore_designer::sim::backend::Backend;
use datastore_designer::sim::opencloud::{CloudRules, KeyRule, RunningCloud, scopes};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use serde_json::{Value as Json, json};

const UNIVERSE: u64 = 4242;
const KEY: &str = "test-key-0001";
const SERVER: &str = "job-live-7";

/// The window on the Live data page, the server it talks to and the audit
/// log's folder.
struct Page {
    h: Harness<'static, DesignerApp>,
    cloud: RunningCloud,
    audit: tempfile::TempDir,
    project: Project,
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The starter project's keys, worked out as the client does.
fn keys(project: &Project) -> LivePlayers {
    let cloud = Cloud::new(
        CloudConfig::loopback("http://127.0.0.1:9", UNIVERSE),
        ApiKey::new(KEY).unwrap(),
    );
    LivePlayers::new(cloud, project, None)
}

/// A record as the exported runtime stores it; `lock_at` puts a session
/// lock of [`SERVER`] refreshed then.
fn record(data: Json, lock_at: Option<i64>) -> Json {
    record_saved(data, lock_at, now_secs() - 60)
}

fn record_saved(data: Json, lock_at: Option<i64>, saved_at: i64) -> Json {
    let mut meta = json!({"schemaVersion": 2, "loads": 4, "createdAt": saved_at - 86_400, "savedAt": saved_at});
    if let Some(at) = lock_at {
        meta["lock"] = json!({"jobId": SERVER, "placeId": 99, "session": "s-1", "at": at});
    }
    json!({"data": data, "meta": meta})
}

impl Page {
    /// Checks the live-session warning and that `button` waits for it, ticks
    /// `tick` (the "I know" box), presses `button` and waits for the call.
    fn force_past_warning(&mut self, warning: &str, tick: &str, button: &str) {
        self.h.get_by_label_contains(warning);
        assert!(
            !self.is_enabled(button),
            "{button} is pressed only after the warning is accepted"
        );
        self.click(tick);
        assert!(self.is_enabled(button));
        self.click(button);
        self.wait();
    }

    /// Player `user`'s stored record, after checking that it holds `coins`
    /// and that the live server's lock was kept as it was.
    fn stored_with_lock_kept(&self, user: i64, coins: i64) -> Json {
        let stored = self.stored(user).unwrap();
        assert_eq!(stored["data"]["Coins"], json!(coins));
        assert_eq!(
            stored["meta"]["lock"]["jobId"],
            json!(SERVER),
            "the live lock is kept"
        );
        stored
    }

    fn start(
        rules: CloudRules,
        setup: impl FnOnce(&Backend, &LivePlayers) + Send + 'static,
    ) -> Page {
        let project = AppState::starter().project;
        let players = keys(&project);
        let cloud = RunningCloud::start(rules, move |backend| setup(backend, &players))
            .expect("the loopback server starts");
        let audit = tempfile::tempdir().unwrap();
        let mut app = DesignerApp::from_state(AppState::starter(), BottomTab::Problems);
        app.live.loopback = Some(cloud.url().to_string());
        app.live.keys = Arc::new(KeyStore::mock());
        app.live.audit = Some(AuditLog::at(audit.path().join("audit.jsonl")));
        app.state.selection = Selection::LiveData;
        let mut h = Harness::builder()
            .with_size(egui::vec2(1400.0, 1000.0))
            .build_eframe(move |_cc| app);
        let _ = h.try_run();
        Page {
            h,
            cloud,
            audit,
            project,
        }
    }

    /// The starter's records with one player, 101, whose data is given.
    fn with_player(data: Json, lock_at: Option<i64>) -> Page {
        Page::start(
            CloudRules::new(UNIVERSE, KEY).with_user(101, "Builderman"),
            move |backend, players| {
                let store = players.record_store();
                backend.put(
                    &store.name,
                    &store.scope,
                    &players.key_for(101),
                    record(data, lock_at),
                    (now_secs() - 60) * 1000,
                );
            },
        )
    }

    /// Lets the window settle; while a call runs it keeps repainting (its
    /// progress bar), so a few frames are enough then.
    fn settle(&mut self) {
        if self.h.try_run().is_err() {
            self.h.run_steps(2);
        }
    }

    /// Types `text` over the whole text of the field named `field`.
    fn type_into(&mut self, field: &str, text: &str) {
        // The key's field hides what is typed: a password input.
        let role = |h: &Harness<'_, DesignerApp>| {
            if h.query_by_role_and_label(Role::PasswordInput, field)
                .is_some()
            {
                Role::PasswordInput
            } else {
                Role::TextInput
            }
        };
        let role = role(&self.h);
        self.h.get_by_role_and_label(role, field).scroll_to_me();
        self.settle();
        self.h.get_by_role_and_label(role, field).focus();
        self.settle();
        self.h
            .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        self.settle();
        self.h.get_by_role_and_label(role, field).type_text(text);
        self.settle();
    }

    /// Clicks the widget named `label`, scrolled into view first (the
    /// page is taller than the window).
    fn click(&mut self, label: &str) {
        self.h.get_by_label(label).scroll_to_me();
        self.settle();
        self.h.get_by_label(label).click();
        self.settle();
    }

    fn is_enabled(&self, label: &str) -> bool {
        !self.h.get_by_label(label).accesskit_node().is_disabled()
    }

    /// Steps the window in real time until the running call has ended.
    fn wait(&mut self) {
        let start = Instant::now();
        self.settle();
        while self.h.state().live.is_busy() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the call did not end"
            );
            std::thread::sleep(Duration::from_millis(20));
            self.h.step();
        }
        self.settle();
    }

    fn connect_with(&mut self, key: &str) {
        self.type_into("Universe id", &UNIVERSE.to_string());
        self.type_into("API key", key);
        self.click("🔌 Connect and test");
        self.wait();
    }

    fn connect(&mut self) {
        self.connect_with(KEY);
        assert!(self.h.state().live.is_connected(), "the key is accepted");
    }

    fn look_up(&mut self, who: &str) {
        self.click(LiveTab::Player.title());
        self.type_into("User id or username", who);
        self.click("🔍 Look up");
        self.wait();
    }

    /// Runs `f` on the server's backend.
    fn backend<R: Send + 'static>(
        &self,
        f: impl FnOnce(&Backend, &LivePlayers) -> R + Send + 'static,
    ) -> R {
        let players = keys(&self.project);
        self.cloud.with(move |backend, _| f(backend, &players))
    }

    /// The stored value of player `user_id`'s record.
    fn stored(&self, user_id: i64) -> Option<Json> {
        self.backend(move |backend, players| {
            let store = players.record_store();
            backend
                .contents()
                .get_scoped(&store.name, &store.scope, &players.key_for(user_id))
                .cloned()
        })
    }

    /// Sets a value in the Fix form: typed into a text box, or a number
    /// put into its number box (as a screen reader sets it).
    fn set_field(&mut self, field: &str, text: &str) {
        if self
            .h
            .query_by_role_and_label(Role::SpinButton, field)
            .is_none()
        {
            self.type_into(field, text);
            return;
        }
        let number: f64 = text.parse().expect("a number");
        self.h
            .get_by_role_and_label(Role::SpinButton, field)
            .scroll_to_me();
        self.settle();
        self.h
            .get_by_role_and_label(Role::SpinButton, field)
            .set_value_accesskit(number);
        self.settle();
    }
}

#[test]
fn the_page_opens_from_the_tree_on_connect_with_the_keychain_notice() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(|_cc| DesignerApp::from_state(AppState::starter(), BottomTab::Problems));
    h.run();
    h.get_by_label("🌐 Live data").click();
    h.run();
    assert_eq!(h.state().state.selection, Selection::LiveData);
    h.get_by_label_contains("never in the project file");
    // Nothing but Connect and the audit log works before connecting.
    assert!(h.get_by_label("👤 Player").accesskit_node().is_disabled());
    assert!(h.get_by_label("🗑 Erase").accesskit_node().is_disabled());
    assert!(
        h.get_by_label("🔌 Connect and test")
            .accesskit_node()
            .is_disabled(),
        "no universe id yet"
    );
    assert!(!h.state().state.dirty);
}

#[test]
fn connecting_keeps_the_key_out_of_the_form_and_reports_every_permission() {
    let mut page = Page::with_player(json!({"Coins": 5}), None);
    page.connect();
    page.h
        .get_by_label_contains("Connected: every page can be used");
    page.h.get_by_label("✔ Can read players' saved data.");
    page.h
        .get_by_label_contains("kept in this computer's keychain");
    // Connecting again with the field empty uses the key kept.
    page.click("🔌 Connect and test");
    page.wait();
    assert!(page.h.state().live.is_connected());
    assert!(
        !page.h.state().state.dirty,
        "live data is not a project edit"
    );
    // Forgetting it disconnects, and the next connect needs the key again.
    page.click("Forget the key");
    page.wait();
    assert!(!page.h.state().live.is_connected());
    page.h
        .get_by_label_contains("The key for universe 4242 is forgotten");
    page.click("🔌 Connect and test");
    page.wait();
    assert!(!page.h.state().live.is_connected());
    page.h.get_by_label_contains("There is no API key yet");
}

#[test]
fn a_key_without_a_permission_is_told_which_one_to_add() {
    let rules = CloudRules {
        keys: vec![KeyRule::with(KEY, &[scopes::READ, scopes::LIST])],
        ..CloudRules::new(UNIVERSE, KEY)
    };
    let mut page = Page::start(rules, |_, _| {});
    page.connect();
    let missing = page.h.query_all_by_label_contains("Can't ").count();
    assert!(missing >= 3, "update, delete and versions are missing");
    page.h.get_by_label_contains(&format!(
        "Can't change players' saved data: add the permission \"{}\"",
        scopes::UPDATE
    ));
    page.h
        .get_by_label_contains("Connected, but the pages that need a missing permission");
}

#[test]
fn a_wrong_key_is_refused_and_nothing_else_opens() {
    let mut page = Page::start(CloudRules::new(UNIVERSE, KEY), |_, _| {});
    page.connect_with("not-the-key");
    assert!(!page.h.state().live.is_connected());
    page.h.get_by_label_contains("did not accept the API key");
    assert!(!page.is_enabled(LiveTab::Player.title()));
}

#[test]
fn a_player_shows_as_the_schema_form_with_broken_rules_unknown_fields_and_the_lock() {
    let locked_at = now_secs() - 30;
    let mut page = Page::with_player(
        json!({"Coins": -5, "Level": 3, "Gems": 2, "Inventory": [1, 2], "Settings": {"MusicOn": true, "Volume": 0.5}, "Legacy": "old"}),
        Some(locked_at),
    );
    page.connect();
    page.look_up("Builderman");
    assert_eq!(page.h.state().live.player.record().unwrap().user_id, 101);
    page.h.get_by_label("Player 101");
    page.h.get_by_label("Builderman (@Builderman) on Roblox");
    // Each field with its type and limits, and its description.
    page.h
        .get_by_label("whole number, at least 1, at most 1000");
    // The value that breaks its limit is marked, and keeps Save off.
    assert!(page.h.query_all_by_label_contains("⛔ ").count() >= 1);
    // The field the project doesn't know is listed, and kept.
    page.h.get_by_label_contains("Legacy = \"old\"");
    // The lock in words.
    let lock = format!("in a game on server {SERVER} since");
    assert!(page.h.query_all_by_label_contains(&lock).count() >= 1);
    assert!(!page.h.state().state.dirty);
}

#[test]
fn a_save_during_a_live_session_is_refused_until_forced_and_keeps_the_lock() {
    let mut page = Page::with_player(json!({"Coins": 5, "Level": 3}), Some(now_secs() - 20));
    page.connect();
    page.look_up("101");
    page.set_field("Coins", "50");
    page.h.get_by_label("• Coins: 5, now 50");
    page.force_past_warning(
        "will overwrite what you save here",
        "Save anyway: I know the live server may overwrite it",
        "💾 Save anyway",
    );
    page.h.get_by_label_contains("Saved 1 change to Roblox");
    let stored = page.stored_with_lock_kept(101, 50);
    assert_eq!(stored["meta"]["schemaVersion"], json!(2));
    assert_eq!(stored["data"]["Level"], json!(3));
}

#[test]
fn the_fix_form_edits_records_and_lists_with_their_own_widgets() {
    let mut page = Page::with_player(
        json!({"Coins": 5, "Inventory": [1, 2], "Settings": {"MusicOn": true, "Volume": 0.5, "Theme": "dark"}}),
        None,
    );
    page.connect();
    page.look_up("101");
    // No JSON to type: a checkbox, number boxes and item rows.
    assert!(
        page.h
            .query_by_role_and_label(Role::TextInput, "Settings")
            .is_none()
    );
    page.click("Settings.MusicOn");
    page.set_field("Settings.Volume", "0.8");
    page.click("Remove Inventory item 1");
    page.click("Add an item to Inventory");
    page.set_field("Inventory item 2", "7");
    page.h.get_by_label("• Settings.MusicOn: true, now false");
    page.h.get_by_label("• Settings.Volume: 0.5, now 0.8");
    page.h.get_by_label_contains("• Inventory");
    // A value over its limit is marked at the value, and keeps Save off.
    page.set_field("Settings.Volume", "3");
    assert!(
        page.h
            .query_all_by_label_contains("⛔ is above the largest allowed value")
            .count()
            >= 1
    );
    assert!(!page.is_enabled("💾 Save changes"));
    page.set_field("Settings.Volume", "0.8");
    page.click("💾 Save changes");
    page.wait();
    page.h.get_by_label_contains("changes to Roblox");
    let stored = page.stored(101).unwrap();
    assert_eq!(stored["data"]["Settings"]["MusicOn"], json!(false));
    assert_eq!(stored["data"]["Settings"]["Volume"], json!(0.8));
    assert_eq!(
        stored["data"]["Settings"]["Theme"],
        json!("dark"),
        "a key the project doesn't know is kept"
    );
    assert_eq!(stored["data"]["Inventory"], json!([2, 7]));
    assert_eq!(stored["data"]["Coins"], json!(5));
}

#[test]
fn a_change_made_meanwhile_is_shown_instead_of_overwritten() {
    let mut page = Page::with_player(json!({"Coins": 5}), None);
    page.connect();
    page.look_up("101");
    // The game saves the player meanwhile.
    page.backend(|backend, players| {
        let store = players.record_store();
        backend.put(
            &store.name,
            &store.scope,
            &players.key_for(101),
            record(json!({"Coins": 999}), None),
            now_secs() * 1000,
        );
    });
    page.set_field("Coins", "50");
    page.click("💾 Save changes");
    page.wait();
    page.h
        .get_by_label_contains("Someone else changed this player's data");
    page.h.get_by_label("• Coins: 999, now 50");
    assert_eq!(
        page.stored(101).unwrap()["data"]["Coins"],
        json!(999),
        "nothing written"
    );
    // Keeping the edits puts them over the stored data, with its etag.
    page.click("Keep my values");
    page.click("💾 Save changes");
    page.wait();
    assert_eq!(page.stored(101).unwrap()["data"]["Coins"], json!(50));
}

#[test]
fn roblox_asking_to_slow_down_is_waited_out() {
    let mut page = Page::with_player(json!({"Coins": 5}), None);
    page.connect();
    page.cloud.with(|_, cloud| cloud.throttle_next(2, None));
    page.look_up("101");
    page.h.get_by_label("Player 101");
    let throttled = page
        .cloud
        .with(|_, cloud| cloud.served().iter().filter(|s| s.status == 429).count());
    assert_eq!(throttled, 2, "two refusals, then the answer");
}

#[test]
fn cancel_stops_a_call_that_waits_for_roblox() {
    let mut page = Page::with_player(json!({"Coins": 5}), None);
    page.connect();
    page.cloud
        .with(|_, cloud| cloud.throttle_next(1000, Some(30)));
    page.click(LiveTab::Player.title());
    page.type_into("User id or username", "101");
    page.click("🔍 Look up");
    assert!(page.h.state().live.is_busy());
    let start = Instant::now();
    page.click("✖ Cancel");
    page.wait();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "cancelled at once"
    );
    assert!(page.h.state().live.player.record().is_none());
}

#[test]
fn a_backup_is_restored_after_showing_the_difference() {
    let mut page = Page::start(CloudRules::new(UNIVERSE, KEY), |backend, players| {
        let store = players.record_store();
        backend.put(
            &store.name,
            &store.scope,
            &players.key_for(101),
            record(json!({"Coins": 0, "Level": 1}), None),
            (now_secs() - 60) * 1000,
        );
        backend.put(
            &store.name,
            &store.scope,
            &players.backups_key_for(101),
            json!({"entries": [{"at": now_secs() - 3600, "schemaVersion": 2, "data": {"Coins": 700, "Level": 9}}]}),
            (now_secs() - 3600) * 1000,
        );
    });
    page.connect();
    page.look_up("101");
    page.click("⏪ Restore…");
    assert_eq!(page.h.state().live.tab, LiveTab::Restore);
    page.click("Read backups");
    page.wait();
    page.click("Compare backup 1");
    page.wait();
    // Field by field before anything is written.
    page.h.get_by_label("700");
    page.h.get_by_label("9");
    assert_eq!(page.stored(101).unwrap()["data"]["Coins"], json!(0));
    page.click("⏪ Restore this");
    page.wait();
    page.h
        .get_by_label_contains("Restored player 101 from backup 1");
    let stored = page.stored(101).unwrap();
    assert_eq!(stored["data"]["Coins"], json!(700));
    assert_eq!(stored["data"]["Level"], json!(9));
    // The player tab shows the record as now stored.
    assert_eq!(
        page.h.state().live.player.record().unwrap().data["Coins"],
        json!(700)
    );
}

#[test]
fn a_restore_during_a_live_session_is_refused_until_forced() {
    let mut page = Page::start(CloudRules::new(UNIVERSE, KEY), |backend, players| {
        let store = players.record_store();
        backend.put(
            &store.name,
            &store.scope,
            &players.key_for(101),
            record(json!({"Coins": 0}), Some(now_secs() - 10)),
            (now_secs() - 10) * 1000,
        );
        backend.put(
            &store.name,
            &store.scope,
            &players.backups_key_for(101),
            json!({"entries": [{"at": now_secs() - 3600, "schemaVersion": 2, "data": {"Coins": 300}}]}),
            (now_secs() - 3600) * 1000,
        );
    });
    page.connect();
    page.look_up("101");
    page.click(LiveTab::Restore.title());
    page.click("Read backups");
    page.wait();
    page.click("Compare backup 1");
    page.wait();
    page.force_past_warning(
        "will overwrite the restore. Wait until they leave the game",
        "Restore anyway: I know the live server may overwrite it",
        "⏪ Restore this",
    );
    page.stored_with_lock_kept(101, 300);
}

#[test]
fn a_backup_that_breaks_the_rules_is_not_restored() {
    let mut page = Page::start(CloudRules::new(UNIVERSE, KEY), |backend, players| {
        let store = players.record_store();
        backend.put(
            &store.name,
            &store.scope,
            &players.key_for(101),
            record(json!({"Coins": 0}), None),
            now_secs() * 1000,
        );
        backend.put(
            &store.name,
            &store.scope,
            &players.backups_key_for(101),
            json!({"entries": [{"at": now_secs() - 3600, "schemaVersion": 2, "data": {"Coins": -40}}]}),
            (now_secs() - 3600) * 1000,
        );
    });
    page.connect();
    page.look_up("101");
    page.click(LiveTab::Restore.title());
    page.click("Read backups");
    page.wait();
    page.click("Compare backup 1");
    page.wait();
    page.h
        .get_by_label_contains("the game would refuse this data, so it can't be restored");
    assert!(!page.is_enabled("⏪ Restore this"));
}

#[test]
fn one_of_robloxs_versions_is_restored() {
    let mut page = Page::start(CloudRules::new(UNIVERSE, KEY), |backend, players| {
        let store = players.record_store();
        let key = players.key_for(101);
        backend.put(
            &store.name,
            &store.scope,
            &key,
            record(json!({"Coins": 40}), None),
            (now_secs() - 600) * 1000,
        );
        backend.put(
            &store.name,
            &store.scope,
            &key,
            record(json!({"Coins": 0}), None),
            (now_secs() - 60) * 1000,
        );
    });
    page.connect();
    page.look_up("101");
    page.click(LiveTab::Restore.title());
    page.click("🕘 Roblox's versions");
    page.click("List versions");
    page.wait();
    // Newest first: the oldest is the one with 40 coins.
    let last = page
        .h
        .query_all_by_label_contains("Compare ")
        .last()
        .expect("versions are listed")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    page.click(&last);
    page.wait();
    page.h.get_by_label("40");
    page.click("⏪ Restore this");
    page.wait();
    assert_eq!(page.stored(101).unwrap()["data"]["Coins"], json!(40));
}

#[test]
fn erase_needs_the_typed_confirmation_and_removes_every_key() {
    let mut page = Page::with_player(json!({"Coins": 5}), None);
    let board = page.project.leaderboards[0].ordered_datastore.clone();
    let ordered = board.clone();
    page.backend(move |backend, _| backend.put_ordered(&ordered, "global", "101", 5));
    page.connect();
    page.look_up("101");
    page.click(LiveTab::Erase.title());
    // The player just looked at is offered.
    assert_eq!(page.h.state().live.erase.user, "101");
    assert!(!page.is_enabled("🗑 Erase player 101"));
    page.type_into("Confirmation", "erase 102");
    assert!(!page.is_enabled("🗑 Erase player 101"), "the wrong player");
    page.type_into("Confirmation", "erase 101");
    assert!(page.is_enabled("🗑 Erase player 101"));
    page.click("🗑 Erase player 101");
    page.wait();
    page.h.get_by_label_contains("Player 101 is erased");
    assert_eq!(page.stored(101), None);
    let left = page.backend(move |backend, _| backend.contents().get_ordered(&board, "101"));
    assert_eq!(left, None, "the leaderboard entry is gone");
}

#[test]
fn the_audit_log_lists_every_read_and_write_and_exports_them() {
    let mut page = Page::with_player(json!({"Coins": 5}), None);
    page.connect();
    page.look_up("101");
    page.set_field("Coins", "6");
    page.click("💾 Save changes");
    page.wait();
    page.click(LiveTab::Audit.title());
    page.h.get_by_label("saved");
    page.h.get_by_label("read");
    page.h.get_by_label("tested the connection");
    page.type_into("Filter the audit log", "saved");
    page.h.get_by_label_contains("1 of 3 entries");
    // Exported through the save dialog, as every other export is.
    let out = page.audit.path().join("export.csv");
    page.h.state_mut().state.picks.audit_export = Some(out.clone());
    page.click("Export as CSV…");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 2, "the header and the save: {csv}");
    assert!(csv.contains("Coins: 5 → 6"), "{csv}");
    page.h.get_by_label_contains("Wrote 1 entry to");
    // A place that can't be written: said in words, nothing written.
    let nowhere = page.audit.path().join("no-such-folder").join("export.csv");
    page.h.state_mut().state.picks.audit_export = Some(nowhere.clone());
    page.click("Export as CSV…");
    page.h
        .get_by_label_contains("The audit log was not exported:");
    assert!(!nowhere.exists());
}

#[test]
fn the_audit_log_is_exported_through_the_path_field_without_a_file_dialog() {
    let mut page = Page::with_player(json!({"Coins": 5}), None);
    page.connect();
    page.look_up("101");
    page.click(LiveTab::Audit.title());
    page.h.state_mut().state.picks.no_native_dialog = Some("no file chooser portal (test)".into());
    page.click("Export as JSON…");
    page.h.get_by_label("Export the audit log as");
    let out = page.audit.path().join("log.json");
    page.type_into("Path of the file to save", &out.display().to_string());
    page.click("OK");
    let json: Json = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(2), "{json}");
    page.h.get_by_label_contains("Wrote 2 entries to");
}

#[test]
fn browse_lists_keys_with_a_filter_and_a_leaderboards_top() {
    let mut page = Page::start(CloudRules::new(UNIVERSE, KEY), |backend, players| {
        let store = players.record_store();
        for id in [7, 71, 8] {
            backend.put(
                &store.name,
                &store.scope,
                &players.key_for(id),
                record(json!({"Coins": id}), None),
                now_secs() * 1000,
            );
        }
    });
    let board = page.project.leaderboards[0].clone();
    let store = board.ordered_datastore.clone();
    page.backend(move |backend, _| {
        backend.put_ordered(&store, "global", "7", 70);
        backend.put_ordered(&store, "global", "8", 800);
    });
    page.connect();
    page.click(LiveTab::Browse.title());
    let prefix = format!("{}7", keys(&page.project).key_for(7).trim_end_matches('7'));
    page.type_into("Keys starting with", &prefix);
    page.click("List keys");
    page.wait();
    page.h.get_by_label("Look up 7");
    page.h.get_by_label("Look up 71");
    assert!(page.h.query_by_label("Look up 8").is_none(), "filtered out");
    page.click(&format!("Top of {}", board.name));
    page.wait();
    page.h.get_by_label("800");
    page.h.get_by_label("70");
    // A key, or a leaderboard's row, opens its player.
    page.h.get_by_label("Open player 8");
    page.click("Look up 71");
    page.wait();
    assert_eq!(page.h.state().live.tab, LiveTab::Player);
    assert_eq!(page.h.state().live.player.record().unwrap().user_id, 71);
}

#[test]
fn live_data_snapshot() {
    // Fixed times, so the picture is the same every run: the lock is shown
    // in words by the other tests.
    let mut page = Page::start(CloudRules::new(UNIVERSE, KEY), |backend, players| {
        let store = players.record_store();
        let data = json!({"Coins": -5, "Level": 12, "Gems": 40, "Inventory": [3, 7], "Settings": {"MusicOn": true, "Volume": 0.5}, "Legacy": "old"});
        backend.put(
            &store.name,
            &store.scope,
            &players.key_for(101),
            record_saved(data, None, 1_767_282_120),
            1_767_282_120_000,
        );
    });
    page.connect();
    page.look_up("101");
    page.set_field("Level", "13");
    page.h.remove_cursor();
    page.settle();
    page.h.snapshot("live_data");
}

#[test]
fn an_unknown_username_and_a_player_without_data_are_said_in_words() {
    let mut page = Page::with_player(json!({"Coins": 5}), None);
    page.connect();
    page.look_up("Nobody");
    page.h
        .get_by_label_contains("A Roblox account called \"Nobody\" was not found");
    assert!(page.h.state().live.player.record().is_none());
    page.look_up("555");
    page.h.get_by_label("Player 555");
    page.h
        .get_by_label_contains("This player has no saved data");
}

#[test]
fn keys_are_listed_page_by_page() {
    let mut page = Page::start(CloudRules::new(UNIVERSE, KEY), |backend, players| {
        let store = players.record_store();
        for id in 1..=60 {
            backend.put(
                &store.name,
                &store.scope,
                &players.key_for(id),
                record(json!({"Coins": id}), None),
                now_secs() * 1000,
            );
        }
    });
    page.connect();
    page.click(LiveTab::Browse.title());
    page.click("List keys");
    page.wait();
    let first = page.h.query_all_by_label_contains("Look up ").count();
    assert!(first < 60, "one page at a time ({first})");
    page.click("Next page of keys");
    page.wait();
    assert_eq!(page.h.query_all_by_label_contains("Look up ").count(), 60);
    assert!(
        page.h.query_by_label("Next page of keys").is_none(),
        "the last page"
    );
}

#[test]
fn a_player_who_joined_since_the_look_up_is_seen_before_saving() {
    let mut page = Page::with_player(json!({"Coins": 5}), None);
    page.connect();
    page.look_up("101");
    page.h.get_by_label("free: the player is not in a game");
    // The player joins a server meanwhile: its load takes the lock.
    page.backend(|backend, players| {
        let store = players.record_store();
        backend.put(
            &store.name,
            &store.scope,
            &players.key_for(101),
            record(json!({"Coins": 5}), Some(now_secs())),
            now_secs() * 1000,
        );
    });
    page.set_field("Coins", "50");
    page.click("💾 Save changes");
    page.wait();
    page.h
        .get_by_label_contains("Someone else changed this player's data");
    assert_eq!(
        page.stored(101).unwrap()["data"]["Coins"],
        json!(5),
        "refused"
    );
    // Their edits on top of the data now stored: the lock is seen and warned of.
    page.click("Keep my values");
    page.force_past_warning(
        "will overwrite what you save here",
        "Save anyway: I know the live server may overwrite it",
        "💾 Save anyway",
    );
    page.stored_with_lock_kept(101, 50);
}

#[test]
fn the_universe_id_is_remembered_between_runs() {
    let mut app = DesignerApp::from_state(AppState::starter(), BottomTab::Problems);
    app.live.connect.universe = "4242".into();
    let mut storage = crate::app_common::MemoryStorage::default();
    eframe::App::save(&mut app, &mut storage);
    let again = DesignerApp::restore(Some(&storage), datastore_designer::app::Startup::Starter);
    assert_eq!(again.live.connect.universe, "4242");
}

#[test]
fn a_player_without_data_gets_a_record_the_game_can_load() {
    let mut page = Page::with_player(json!({"Coins": 5}), None);
    page.connect();
    page.look_up("555");
    page.set_field("Coins", "10");
    page.set_field("Level", "2");
    page.click("💾 Save changes");
    page.wait();
    let stored = page.stored(555).expect("the record is created");
    assert_eq!(stored["data"]["Coins"], json!(10));
    assert_eq!(stored["data"]["Level"], json!(2));
    assert_eq!(stored["meta"]["schemaVersion"], json!(2));
    assert!(stored["meta"].get("lock").is_none(), "no session holds it");
}

/// A map field's value in the Fix form: the broken rule marked at its
/// entry, entries added, a key renamed only to one not taken, and removed.
#[test]
fn a_map_is_edited_entry_by_entry_with_its_rule_marked_at_the_entry() {
    use datastore_designer::app::live_data::value_editor;
    use datastore_designer::live::validate::check_field;
    use datastore_designer::project::{Field, FieldType};

    let mut pets = Field::new("Pets", FieldType::Map(Box::new(FieldType::Integer)));
    pets.min = Some(0.0);
    let mut h = Harness::new_ui_state(
        move |ui, value: &mut Option<Json>| {
            let problem = check_field(&pets, value.as_ref());
            value_editor::field_value(ui, "Pets", &pets.ty, &json!({}), value, problem.as_ref());
        },
        Some(json!({"a": 1, "b": -2})),
    );
    h.run();
    // Marked once, at the entry the rule is about.
    assert_eq!(
        h.query_all_by_label_contains("⛔ is below the smallest allowed value 0")
            .count(),
        1
    );
    h.get_by_label("Add an entry to Pets").click();
    h.run();
    assert_eq!(h.state(), &Some(json!({"a": 1, "b": -2, "key": 0})));
    // A key that is taken is refused in words, and the old one kept.
    h.get_by_label("Pets entry 1 key").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Pets entry 1 key").type_text("b");
    h.run();
    h.get_by_label_contains("another entry has this key");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state(), &Some(json!({"a": 1, "b": -2, "key": 0})));
    // A free key renames the entry when its box is left.
    h.get_by_label("Pets entry 1 key").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Pets entry 1 key").type_text("cat");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state(), &Some(json!({"cat": 1, "b": -2, "key": 0})));
    // Entries are in key order: b, cat, key.
    h.get_by_label("Remove Pets entry 1").click();
    h.run();
    assert_eq!(h.state(), &Some(json!({"cat": 1, "key": 0})));
    h.get_by_role_and_label(Role::SpinButton, "Pets entry 1")
        .set_value_accesskit(5.0);
    h.run();
    assert_eq!(h.state(), &Some(json!({"cat": 5, "key": 0})));
}
