//! The verdict of a finished run: a headline a designer can read at a glance,
//! then the numbers behind it, who was kicked and why, how close the request
//! budget came to its limit, and notes on how the project was tested.

use egui::{Color32, RichText, Ui};

use super::{Finished, seconds_words};
use crate::project::words::count;
use crate::sim::scenario::{Report, Verdict};

const GOOD: Color32 = Color32::from_rgb(70, 180, 90);
/// Nothing stored was lost, but some players' progress was never kept.
const READ_ONLY: Color32 = Color32::from_rgb(215, 150, 40);

pub(super) fn show(ui: &mut Ui, finished: &Finished, report: &Report, generation: u64) {
    let v = &report.verdict;
    let bad = ui.visuals().error_fg_color;
    let (text, color) = headline(v, bad);
    egui::Frame::new()
        .fill(color.gamma_multiply(0.12))
        .stroke(egui::Stroke::new(1.0, color.gamma_multiply(0.6)))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(14, 10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(text).size(24.0).strong().color(color));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("📋 Copy report")
                        .on_hover_text(
                            "Copy the report as text, to paste into a message or a bug report",
                        )
                        .clicked()
                    {
                        ui.ctx().copy_text(report.to_text());
                    }
                });
            });
        });
    let s = &report.settings;
    ui.label(
        RichText::new(format!(
            "{} · {} · {} of game time · {} % failing requests · seed {} — tested the project as it was at {}",
            report.scenario.title(),
            count(u64::from(s.players), "player", "players"),
            seconds_words(report.virtual_seconds),
            (s.failure_rate * 100.0).round(),
            s.seed,
            finished.tested_at,
        ))
        .weak(),
    );
    if generation != finished.generation {
        ui.label(
            RichText::new("The project has changed since; press Run to test the changes.")
                .color(ui.visuals().warn_fg_color),
        );
    }
    ui.add_space(6.0);
    for line in v.summary() {
        ui.label(line);
    }
    for problem in &v.problems {
        ui.label(RichText::new(format!("⛔ {problem}")).color(bad));
    }
    ui.add_space(8.0);
    numbers(ui, v, bad);
    if v.purchases.bought + v.gifts.sent + v.gifts.failed_to_send > 0 {
        ui.add_space(8.0);
        purchases(ui, v, bad);
    }
    ui.add_space(8.0);
    kicks_and_budget(ui, v, bad);
    if !report.notes.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("About this test").strong());
        for note in &report.notes {
            ui.label(format!("• {note}"));
        }
    }
}

fn headline(v: &Verdict, bad: Color32) -> (&'static str, Color32) {
    if v.passed() && v.players_read_only > 0 {
        (
            "⚠ No saved data lost, but some players played read-only",
            READ_ONLY,
        )
    } else if v.passed() {
        ("✔ No data lost or duplicated", GOOD)
    } else if v.progress_lost_to_takeovers > 0 {
        ("✖ Progress was lost to a take-over", bad)
    } else if v.saves_lost > 0 {
        ("✖ Data was lost", bad)
    } else if v.items_duplicated > 0 {
        ("✖ Data was duplicated", bad)
    } else if v.purchases.charged_and_lost > 0 || v.gifts.lost > 0 {
        ("✖ A purchase or gift was lost", bad)
    } else if v.purchases.granted_twice > 0 || v.gifts.applied_twice > 0 || v.grant_totals_wrong > 0
    {
        ("✖ A purchase or gift was granted twice", bad)
    } else {
        ("✖ The exported scripts failed", bad)
    }
}

/// The numbers as a row of cards, the ones that decide the verdict first.
fn numbers(ui: &mut Ui, v: &Verdict, bad: Color32) {
    let kicked: usize = v.kicks.iter().map(|k| k.players).sum();
    let peak = v
        .peak_budget
        .iter()
        .map(|p| p.fraction)
        .fold(0.0_f64, f64::max);
    let warn = ui.visuals().warn_fg_color;
    let cards: [(String, &str, Option<Color32>, &str); 8] = [
        (
            v.saves_lost.to_string(),
            "saves lost",
            (v.saves_lost > 0).then_some(bad),
            "Times a player's stored data went back to older data, or their last changes were never stored",
        ),
        (
            v.items_duplicated.to_string(),
            "items duplicated",
            (v.items_duplicated > 0).then_some(bad),
            "Bought items stored more than once",
        ),
        (
            kicked.to_string(),
            "players kicked",
            (kicked > 0).then_some(warn),
            "Players the exported scripts kicked (the reasons are listed below)",
        ),
        (
            format!("{:.0} %", peak * 100.0),
            "peak budget use",
            (peak >= 1.0)
                .then_some(bad)
                .or((peak >= 0.8).then_some(warn)),
            "The most of a request budget used in any minute; over 100 % means Roblox delays or refuses requests",
        ),
        (
            seconds_words(v.worst_unsaved_seconds),
            "worst unsaved time",
            None,
            "The longest a change in the game waited before it was stored",
        ),
        (
            v.script_errors.to_string(),
            "script errors",
            (v.script_errors > 0).then_some(bad),
            "Errors in the exported scripts",
        ),
        (
            format!("{} / {}", v.saves, v.requests),
            "saves / requests",
            None,
            "Saves stored, and all DataStore requests sent",
        ),
        (
            format!("{} / {}", v.failed_requests, v.throttled_requests),
            "failed / throttled",
            None,
            "Requests that failed, and requests Roblox delayed because the budget ran out",
        ),
    ];
    ui.horizontal_wrapped(|ui| {
        for (value, caption, color, help) in cards {
            card(ui, &value, caption, color).on_hover_text(help);
        }
    });
}

/// Receipts and gifts as cards: the two bad outcomes of each first.
fn purchases(ui: &mut Ui, v: &Verdict, bad: Color32) {
    let p = &v.purchases;
    let g = &v.gifts;
    ui.label(RichText::new("Purchases and gifts").strong());
    let flag = |n: usize| (n > 0).then_some(bad);
    let mut cards: Vec<(String, &str, Option<Color32>, &str)> = Vec::new();
    if p.bought > 0 {
        cards.extend([
            (
                p.granted_once.to_string(),
                "purchases granted once",
                (p.granted_once > 0).then_some(GOOD),
                "Receipts whose grant is stored exactly once",
            ),
            (
                p.pending.to_string(),
                "purchases pending",
                None,
                "Not granted yet and not confirmed to Roblox: Roblox delivers them again, so the player still gets them",
            ),
            (
                p.granted_twice.to_string(),
                "purchases granted twice",
                flag(p.granted_twice),
                "Receipts whose grant is stored more than once",
            ),
            (
                p.charged_and_lost.to_string(),
                "charged and lost",
                flag(p.charged_and_lost),
                "Roblox was told the purchase was granted, but the stored data doesn't have it: the player paid for nothing",
            ),
        ]);
    }
    if g.sent + g.failed_to_send > 0 {
        cards.extend([
            (
                g.applied_once.to_string(),
                "gifts applied once",
                (g.applied_once > 0).then_some(GOOD),
                "Gifts applied exactly once",
            ),
            (
                g.pending.to_string(),
                "gifts waiting",
                None,
                "Gifts stored for the player, applied when they next load",
            ),
            (
                g.applied_twice.to_string(),
                "gifts applied twice",
                flag(g.applied_twice),
                "Gifts applied more than once",
            ),
            (
                g.lost.to_string(),
                "gifts lost",
                flag(g.lost),
                "Gifts reported sent that are neither waiting nor applied",
            ),
        ]);
    }
    if v.grant_totals_wrong > 0 {
        cards.push((
            v.grant_totals_wrong.to_string(),
            "totals wrong",
            Some(bad),
            "Players whose granted fields don't add up to the purchases and gifts stored for them",
        ));
    }
    ui.horizontal_wrapped(|ui| {
        for (value, caption, color, help) in cards {
            card(ui, &value, caption, color).on_hover_text(help);
        }
    });
}

fn card(ui: &mut Ui, value: &str, caption: &str, color: Option<Color32>) -> egui::Response {
    let fill = ui.visuals().faint_bg_color;
    let stroke = egui::Stroke::new(
        1.0,
        color.unwrap_or(ui.visuals().widgets.noninteractive.bg_stroke.color),
    );
    egui::Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(12, 8))
        .show(ui, |ui| {
            ui.set_min_width(110.0);
            ui.vertical(|ui| {
                let mut text = RichText::new(value).size(20.0).strong();
                if let Some(c) = color {
                    text = text.color(c);
                }
                ui.label(text);
                ui.label(RichText::new(caption).small().weak());
            });
        })
        .response
}

fn kicks_and_budget(ui: &mut Ui, v: &Verdict, bad: Color32) {
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.label(RichText::new("Players kicked and why").strong());
        if v.kicks.is_empty() {
            ui.label(RichText::new("Nobody was kicked.").weak());
        }
        for kick in &v.kicks {
            ui.label(format!(
                "{} saw: “{}”",
                count(kick.players as u64, "player", "players"),
                kick.message
            ));
        }

        let ui = &mut cols[1];
        ui.label(RichText::new("Busiest minute of each request budget").strong());
        if v.peak_budget.is_empty() {
            ui.label(RichText::new("No DataStore requests were sent.").weak());
        }
        let warn = ui.visuals().warn_fg_color;
        for peak in &v.peak_budget {
            let color = if peak.fraction >= 1.0 {
                bad
            } else if peak.fraction >= 0.8 {
                warn
            } else {
                GOOD
            };
            ui.add(
                egui::ProgressBar::new(peak.fraction.min(1.0) as f32)
                    .desired_width(ui.available_width().min(460.0))
                    .fill(color.gamma_multiply(0.7))
                    .text(format!(
                        "{}: {:.0} % ({} of {:.0} a minute)",
                        peak.request_type.describe(),
                        peak.fraction * 100.0,
                        peak.requests,
                        peak.budget
                    )),
            )
            .on_hover_text(format!(
                "Roblox's name for this budget: {}",
                peak.request_type.name()
            ));
        }
    });
}
