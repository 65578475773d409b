//! The data-status GUI: what a player sees while their data is loading, and
//! the notice that their progress won't be kept when it could not be loaded
//! (the ReadOnly save policy). One per project, on every player's screen.
//!
//! The exported client script shows the root's child named [`LOADING`]
//! while the DataManager says the data is loading, the child named
//! [`READ_ONLY`] while the player plays on defaults that are never saved,
//! and neither once the data is ready. Texts holding [`MESSAGE`] show the
//! matching message of the save policy.

use serde::{Deserialize, Serialize};

use super::gui::{FontWeight, GuiNode, PropValue, UDim};
use super::save_policy::Messages;

/// The object shown while the player's data loads.
pub const LOADING: &str = "Loading";
/// The object shown while the player plays on data that is never saved.
pub const READ_ONLY: &str = "ReadOnly";
/// Replaced, in texts, by the state's message from the save policy.
pub const MESSAGE: &str = "{message}";

/// The states the GUI shows, as the DataManager names them in the Player
/// attribute [`STATE_ATTRIBUTE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataState {
    Loading,
    ReadOnly,
}

/// The Player attribute the DataManager keeps up to date: "Loading",
/// "Ready" or "ReadOnly".
pub const STATE_ATTRIBUTE: &str = "DataManagerState";

impl DataState {
    pub const ALL: [DataState; 2] = [DataState::Loading, DataState::ReadOnly];

    /// The name of the object shown in this state.
    pub fn object(self) -> &'static str {
        match self {
            DataState::Loading => LOADING,
            DataState::ReadOnly => READ_ONLY,
        }
    }

    /// What designers call the state.
    pub fn label(self) -> &'static str {
        match self {
            DataState::Loading => "Loading",
            DataState::ReadOnly => "Not saving (read-only)",
        }
    }

    /// The message of the save policy that `{message}` shows in this state.
    pub fn message(self, messages: &Messages) -> &str {
        match self {
            DataState::Loading => &messages.loading,
            DataState::ReadOnly => &messages.read_only_notice,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataStatusGui {
    /// A ScreenGui holding the [`LOADING`] and [`READ_ONLY`] objects.
    pub gui: GuiNode,
}

impl DataStatusGui {
    /// Whether this is the default design (project files leave it out then).
    pub fn is_default(&self) -> bool {
        *self == DataStatusGui::default()
    }

    /// The GUI as players see it in `state`: only that state's object
    /// visible, and `{message}` in each state's object filled with that
    /// state's message.
    pub fn showing(&self, state: DataState, messages: &Messages) -> GuiNode {
        let mut gui = self.gui.clone();
        for child in &mut gui.children {
            let Some(own) = DataState::ALL
                .into_iter()
                .find(|s| s.object() == child.name)
            else {
                continue;
            };
            child
                .properties
                .insert("Visible".into(), PropValue::Bool(own == state));
            fill_message(child, own.message(messages));
        }
        gui
    }
}

/// Replaces `{message}` in every Text below `node`.
fn fill_message(node: &mut GuiNode, message: &str) {
    if let Some(PropValue::String(text)) = node.properties.get_mut("Text")
        && text.contains(MESSAGE)
    {
        *text = text.replace(MESSAGE, message);
    }
    for child in &mut node.children {
        fill_message(child, message);
    }
}

const GOTHAM: &str = "rbxasset://fonts/families/GothamSSm.json";
const GOLD: PropValue = PropValue::Color3(255, 215, 0);
const PANEL: PropValue = PropValue::Color3(30, 30, 30);

fn corner(pixels: i32) -> GuiNode {
    GuiNode::new("UICorner", "UICorner").with("CornerRadius", PropValue::UDim(UDim(0.0, pixels)))
}

fn stroke() -> GuiNode {
    GuiNode::new("UIStroke", "UIStroke")
        .with(
            "ApplyStrokeMode",
            PropValue::enum_item("ApplyStrokeMode", "Border"),
        )
        .with("Color", GOLD)
        .with("Thickness", PropValue::Float(1.5))
        .with("Transparency", PropValue::Float(0.6))
}

fn label(name: &str, text: &str, weight: FontWeight, size: f32) -> GuiNode {
    GuiNode::new("TextLabel", name)
        .with("BackgroundTransparency", PropValue::Float(1.0))
        .with("FontFace", PropValue::font(GOTHAM, weight))
        .with("Text", PropValue::String(text.into()))
        .with("TextSize", PropValue::Float(size))
        .with("TextWrapped", PropValue::Bool(true))
}

/// The dark rounded panel in the leaderboard's style.
fn panel(name: &str, anchor: (f32, f32), position: PropValue, size: PropValue) -> GuiNode {
    GuiNode::new("Frame", name)
        .with("AnchorPoint", PropValue::Vector2(anchor.0, anchor.1))
        .with("BackgroundColor3", PANEL)
        .with("BackgroundTransparency", PropValue::Float(0.1))
        .with("BorderSizePixel", PropValue::Int(0))
        .with("Position", position)
        .with("Size", size)
        .child(corner(10))
        .child(stroke())
}

impl Default for DataStatusGui {
    fn default() -> Self {
        // Loading: the screen dimmed, a panel in the middle with the message
        // in gold. It covers the game: nothing the player does counts yet.
        let loading_panel = panel(
            "Panel",
            (0.5, 0.5),
            PropValue::udim2(0.5, 0, 0.5, 0),
            PropValue::udim2(0.0, 320, 0.0, 110),
        )
        .child(
            label("Title", MESSAGE, FontWeight::Bold, 20.0)
                .with("Position", PropValue::udim2(0.0, 16, 0.0, 18))
                .with("Size", PropValue::udim2(1.0, -32, 0.0, 40))
                .with("TextColor3", GOLD),
        )
        .child(
            label(
                "Hint",
                "This can take a few seconds.",
                FontWeight::Medium,
                14.0,
            )
            .with("Position", PropValue::udim2(0.0, 16, 0.0, 62))
            .with("Size", PropValue::udim2(1.0, -32, 0.0, 28))
            .with("TextColor3", PropValue::Color3(200, 200, 200)),
        );
        let loading = GuiNode::new("Frame", LOADING)
            .with("BackgroundColor3", PropValue::Color3(0, 0, 0))
            .with("BackgroundTransparency", PropValue::Float(0.35))
            .with("BorderSizePixel", PropValue::Int(0))
            .with("Size", PropValue::udim2(1.0, 0, 1.0, 0))
            .child(loading_panel);
        // Read-only: a banner at the top, below Roblox's top bar, that stays
        // for the whole session, so the game never looks like normal, saved
        // play.
        let read_only = panel(
            READ_ONLY,
            (0.5, 0.0),
            PropValue::udim2(0.5, 0, 0.0, 66),
            PropValue::udim2(0.9, 0, 0.0, 78),
        )
        .child(
            GuiNode::new("UISizeConstraint", "UISizeConstraint")
                .with("MaxSize", PropValue::Vector2(560.0, 78.0)),
        )
        .child(
            label(
                "Title",
                "⚠ Progress is not being saved",
                FontWeight::Bold,
                16.0,
            )
            .with("Position", PropValue::udim2(0.0, 14, 0.0, 8))
            .with("Size", PropValue::udim2(1.0, -28, 0.0, 22))
            .with("TextColor3", GOLD)
            .with(
                "TextXAlignment",
                PropValue::enum_item("TextXAlignment", "Left"),
            ),
        )
        .child(
            label("Message", MESSAGE, FontWeight::Medium, 13.0)
                .with("Position", PropValue::udim2(0.0, 14, 0.0, 32))
                .with("Size", PropValue::udim2(1.0, -28, 1.0, -38))
                .with("TextColor3", PropValue::Color3(255, 255, 255))
                .with(
                    "TextXAlignment",
                    PropValue::enum_item("TextXAlignment", "Left"),
                )
                .with(
                    "TextYAlignment",
                    PropValue::enum_item("TextYAlignment", "Top"),
                ),
        );
        let gui = GuiNode::new("ScreenGui", "DataStatusGUI")
            // Above the game's own GUIs, and over the top bar's strip too.
            .with("DisplayOrder", PropValue::Int(100))
            .with("IgnoreGuiInset", PropValue::Bool(true))
            .with("ResetOnSpawn", PropValue::Bool(false))
            .with(
                "ZIndexBehavior",
                PropValue::enum_item("ZIndexBehavior", "Sibling"),
            )
            .child(loading)
            .child(read_only);
        DataStatusGui { gui }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_shows_only_its_object_with_its_message() {
        let gui = DataStatusGui::default();
        let messages = Messages::default();
        let loading = gui.showing(DataState::Loading, &messages);
        assert_eq!(
            loading.find(LOADING).unwrap().prop("Visible"),
            Some(&PropValue::Bool(true))
        );
        assert_eq!(
            loading.find(READ_ONLY).unwrap().prop("Visible"),
            Some(&PropValue::Bool(false))
        );
        assert_eq!(
            loading.find("Loading/Panel/Title").unwrap().prop("Text"),
            Some(&PropValue::String(messages.loading.clone()))
        );
        let read_only = gui.showing(DataState::ReadOnly, &messages);
        assert_eq!(
            read_only.find(READ_ONLY).unwrap().prop("Visible"),
            Some(&PropValue::Bool(true))
        );
        assert_eq!(
            read_only.find("ReadOnly/Message").unwrap().prop("Text"),
            Some(&PropValue::String(messages.read_only_notice.clone()))
        );
    }
}
