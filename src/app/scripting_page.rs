//! "For scripters": the signals and calls the exported DataManager offers a
//! game's own scripts, each with one short example.

use egui::{RichText, Ui};

use super::PanelCtx;
use super::widgets::explain;

/// (name, what it is for, example).
const HOOKS: &[(&str, &str, &str)] = &[
    (
        "Loaded",
        "Fires when a player's data has loaded and is ready to use.",
        "DataManager.Loaded:Connect(function(player, data)\n\tprint(player.Name, \"has\", data.Coins, \"coins\")\nend)",
    ),
    (
        "BeforeSave",
        "Fires just before each save; it may change the data but must not wait (no task.wait or calls that yield).",
        "DataManager.BeforeSave:Connect(function(player, data)\n\tdata.Coins = math.max(data.Coins, 0)\nend)",
    ),
    (
        "Left",
        "Fires after a leaving player's last save; `saved` says whether it reached the DataStore.",
        "DataManager.Left:Connect(function(player, data, saved)\n\tprint(player.Name, \"left with\", data.Coins, \"coins\", saved)\nend)",
    ),
    (
        "Outage",
        "Fires with true when this server's DataStore requests keep failing (5 failures within 60 seconds), and with false when they work again (30 seconds without a failure). Saves keep trying meanwhile.",
        "DataManager.Outage:Connect(function(active)\n\tworkspace:SetAttribute(\"ShopClosed\", active)\nend)",
    ),
    (
        "Granted",
        "Fires when a purchase or a gift has been given to a player. A purchase is saved before Roblox is told; a gift is saved within seconds.",
        "DataManager.Granted:Connect(function(player, source, name)\n\tprint(player.Name, \"got\", name, \"from a\", source)\nend)",
    ),
    (
        "Peek",
        "Reads a player's saved data without loading it for play, for admin panels. It works whether they are online or not.",
        "local data, err = DataManager:Peek(userId)\nif data then print(data.Coins) end",
    ),
    (
        "OnProductPurchase",
        "Handles a developer product that is not on the Products page, with the same exactly-once care. Change the data it is given; return false to refuse for now (Roblox offers the purchase again later). The handler must not wait.",
        "DataManager:OnProductPurchase(123456789, function(player, data, receipt)\n\tdata.Coins += 50\n\treturn true\nend)",
    ),
    (
        "Gift",
        "Sends a gift from the Gifts page to a player, online or not.",
        "local ok, giftId = DataManager:Gift(userId, \"WelcomeBack\")",
    ),
    (
        "Erase",
        "Removes everything saved about a player, for a right-to-erasure request.",
        "local ok, err = DataManager:Erase(userId)",
    ),
];

pub fn show(ui: &mut Ui, _ctx: &PanelCtx<'_>) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("For scripters");
            explain(
                ui,
                "What your game's own scripts can use once the export is in Studio. Get the module first:",
            );
            code(
                ui,
                "local DataManager = require(game:GetService(\"ServerScriptService\").DataManager)",
            );
            for (name, about, example) in HOOKS {
                ui.add_space(10.0);
                ui.label(RichText::new(*name).size(16.0).strong());
                explain(ui, about);
                code(ui, example);
            }
        });
}

/// A piece of Luau in a shaded box, selectable so it can be copied.
pub fn code(ui: &mut Ui, text: &str) {
    egui::Frame::new()
        .fill(ui.visuals().code_bg_color)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).monospace()).selectable(true));
        });
}
