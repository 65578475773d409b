//! The report in plain words, as the command line prints it.

use std::fmt::Write;

use super::{EventKind, Report, Verdict};

/// Virtual seconds as mm:ss (rounded down, so times in a log keep their order).
pub fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0).floor() as u64;
    format!("{:02}:{:02}", s / 60, s % 60)
}

pub(super) fn render(report: &Report) -> String {
    let v = &report.verdict;
    let s = &report.settings;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Test play of \"{}\": {} ({} players, {} min, {:.0} % of requests failing, seed {})",
        report.project,
        report.scenario.title(),
        s.players,
        s.minutes,
        s.failure_rate * 100.0,
        s.seed
    );
    let _ = writeln!(out, "{}", report.scenario.describe());
    out.push('\n');
    let _ = writeln!(out, "{}", v.headline());
    for line in v.summary() {
        let _ = writeln!(out, "  {line}");
    }
    let m = &v.messaging;
    if m.published + m.failed_publishes + m.failed_subscriptions > 0 {
        let _ = writeln!(
            out,
            "  Cross-server messages: {} published, {} delivered, {} lost, {} dropped over Roblox's limits; {} publish(es) and {} subscription(s) failed.",
            m.published,
            m.delivered,
            m.lost,
            m.over_limits,
            m.failed_publishes,
            m.failed_subscriptions
        );
    }
    if let Some(busiest) = &v.memory_store_busiest_minute {
        let _ = writeln!(
            out,
            "  MemoryStore: {} requests; busiest minute {} request units of the game's {:.0} ({} failed, {} throttled in it).",
            v.memory_store_requests,
            busiest.units,
            busiest.limit,
            busiest.failed,
            busiest.throttled
        );
    }
    if !v.problems.is_empty() {
        out.push_str("\nWhat went wrong:\n");
        for p in &v.problems {
            let _ = writeln!(out, "  - {p}");
        }
    }
    if !report.notes.is_empty() {
        out.push_str("\nHow this was tested:\n");
        for n in &report.notes {
            let _ = writeln!(out, "  - {n}");
        }
    }
    out.push_str("\nEvents:\n");
    for kind in EventKind::ALL {
        let n = report.events.iter().filter(|e| e.kind == kind).count();
        if n > 0 {
            let _ = writeln!(out, "  {:<10} {n}", kind.label());
        }
    }
    let _ = writeln!(out, "  ({} simulated)", clock(report.virtual_seconds));
    out
}

impl Verdict {
    /// One line: did the data survive?
    pub fn headline(&self) -> String {
        if self.passed() && self.players_read_only > 0 {
            format!(
                "PASSED: no saved data lost or duplicated, but {}",
                self.read_only_line()
            )
        } else if self.passed() {
            "PASSED: no data lost or duplicated.".to_string()
        } else {
            let mut what = Vec::new();
            if self.saves_lost > 0 {
                what.push(format!("{} save(s) lost", self.saves_lost));
            }
            if self.progress_lost_to_takeovers > 0 {
                what.push(format!(
                    "{} change(s) lost to take-overs",
                    self.progress_lost_to_takeovers
                ));
            }
            if self.items_duplicated > 0 {
                what.push(format!("{} item(s) duplicated", self.items_duplicated));
            }
            let p = &self.purchases;
            if p.granted_twice > 0 {
                what.push(format!("{} purchase(s) granted twice", p.granted_twice));
            }
            if p.charged_and_lost > 0 {
                what.push(format!(
                    "{} purchase(s) charged and lost",
                    p.charged_and_lost
                ));
            }
            if self.gifts.applied_twice > 0 {
                what.push(format!(
                    "{} gift(s) applied twice",
                    self.gifts.applied_twice
                ));
            }
            if self.gifts.lost > 0 {
                what.push(format!("{} gift(s) lost", self.gifts.lost));
            }
            if self.grant_totals_wrong > 0 {
                what.push(format!(
                    "{} player(s) whose granted fields don't add up",
                    self.grant_totals_wrong
                ));
            }
            if self.script_errors > 0 {
                what.push(format!("{} script error(s)", self.script_errors));
            }
            format!("FAILED: {}.", what.join(", "))
        }
    }

    /// "N players played read-only: ...", for the headline and the summary.
    fn read_only_line(&self) -> String {
        let n = self.players_read_only;
        format!(
            "{n} player{} played read-only: their progress was not kept ({} session{} on defaults that were never saved, after a failed load).",
            if n == 1 { "" } else { "s" },
            self.read_only_sessions,
            if self.read_only_sessions == 1 {
                ""
            } else {
                "s"
            }
        )
    }

    /// Receipts and gifts in plain sentences (none when nothing was bought or sent).
    pub fn purchase_lines(&self) -> Vec<String> {
        let p = &self.purchases;
        let g = &self.gifts;
        let mut lines = Vec::new();
        if p.bought > 0 {
            lines.push(format!(
                "Purchases: {} bought, ProcessReceipt called {} time(s): {} granted exactly once, {} still pending (Roblox keeps delivering them: fine), {} granted twice, {} charged and lost.",
                p.bought, p.deliveries, p.granted_once, p.pending, p.granted_twice, p.charged_and_lost
            ));
        }
        if g.sent + g.failed_to_send > 0 {
            lines.push(format!(
                "Gifts: {} sent ({} refused, so the sender knew to try again): {} applied once, {} waiting for the player's next load (fine), {} applied twice, {} lost.",
                g.sent, g.failed_to_send, g.applied_once, g.pending, g.applied_twice, g.lost
            ));
        }
        if self.grant_totals_wrong > 0 {
            lines.push(format!(
                "Players whose granted fields don't add up to their stored purchases and gifts: {}.",
                self.grant_totals_wrong
            ));
        }
        lines
    }

    /// The verdict in plain sentences, the most important first.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = vec![format!("Saves lost: {}.", self.saves_lost)];
        if self.progress_lost_to_takeovers > 0 {
            lines.push(format!(
                "Progress lost to take-overs: {} change(s) in {} session(s) (a server that was still running lost the player's data to another server before saving it).",
                self.progress_lost_to_takeovers, self.sessions_taken_over
            ));
        }
        lines.push(format!("Items duplicated: {}.", self.items_duplicated));
        if self.players_read_only > 0 {
            lines.push(self.read_only_line());
        }
        if self.kicks.is_empty() {
            lines.push("Players kicked: none.".into());
        } else {
            for k in &self.kicks {
                lines.push(format!(
                    "Players kicked: {} with the message \"{}\".",
                    k.players, k.message
                ));
            }
        }
        match self
            .peak_budget
            .iter()
            .max_by(|a, b| a.fraction.total_cmp(&b.fraction))
        {
            Some(p) => lines.push(format!(
                "Peak budget use: {:.0} % of one server's {} budget ({} {} in a minute, budget {:.0}).",
                p.fraction * 100.0,
                p.request_type,
                p.requests,
                p.request_type.describe(),
                p.budget
            )),
            None => lines.push("Peak budget use: no requests were sent.".into()),
        }
        lines.push(format!(
            "Worst unsaved time: {:.0} s (the longest a change waited to be stored).",
            self.worst_unsaved_seconds
        ));
        if self.changes_lost_in_crashes > 0 {
            lines.push(format!(
                "Changes lost in crashes: {} (made after the last save of a server that crashed; expected, at most one auto-save interval of play).",
                self.changes_lost_in_crashes
            ));
        }
        if self.migrated > 0 {
            lines.push(format!("Old saves brought up to date: {}.", self.migrated));
        }
        lines.extend(self.purchase_lines());
        lines.push(format!(
            "{} sessions, {} changes ({} items bought in the game's shop), {} saves; {} DataStore requests, {} failed, {} throttled.",
            self.sessions,
            self.changes,
            self.items_bought,
            self.saves,
            self.requests,
            self.failed_requests,
            self.throttled_requests
        ));
        if self.script_errors > 0 {
            lines.push(format!("Script errors: {}.", self.script_errors));
        }
        lines
    }
}
