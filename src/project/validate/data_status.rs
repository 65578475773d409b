//! The data-status GUI: a ScreenGui whose Loading and ReadOnly objects the
//! exported client script finds by name, and which shows the save policy's
//! messages through {message}.

use super::gui::{Role, check_tree};
use super::text::quote;
use super::{Report, join};
use crate::project::Project;
use crate::project::classes;
use crate::project::data_status::{DataState, MESSAGE};
use crate::project::gui::{GuiNode, PropValue};
use crate::project::save_policy::LoadFailure;

const PATH: &str = "data_status/gui";

pub(super) fn check(project: &Project, out: &mut Report) {
    let root = &project.data_status.gui;
    if root.class != "ScreenGui" {
        out.error(
            "data-status-root",
            PATH,
            format!(
                "The data-status GUI starts with {}, but it is shown on each player's screen, \
                 which needs a ScreenGui at its root.",
                quote(&root.class)
            ),
            "Change the root's class to ScreenGui.",
        );
    }
    check_tree(root, PATH, Role::Gui, out);
    for state in DataState::ALL {
        let name = state.object();
        let Some(object) = root.children.iter().find(|c| c.name == name) else {
            out.error(
                "data-status-state-missing",
                PATH,
                format!(
                    "The data-status GUI has no object called {name} at its top, so players \
                     would see nothing while {}.",
                    match state {
                        DataState::Loading => "their data loads",
                        DataState::ReadOnly => "their progress isn't being saved",
                    }
                ),
                format!(
                    "Add a Frame called {name} directly inside {}, or rename the object that \
                     should show then to {name}.",
                    quote(&root.name)
                ),
            );
            continue;
        };
        if !classes::class(&object.class).is_none_or(|c| c.is_gui_object) {
            out.error(
                "data-status-state-missing",
                join(PATH, name),
                format!(
                    "{name} in the data-status GUI is a {}, which can't be shown or hidden.",
                    object.class
                ),
                format!("Make {name} a Frame and put what it shows inside it."),
            );
            continue;
        }
        let shown = match state {
            DataState::Loading => true,
            DataState::ReadOnly => project.save_policy.on_load_failure == LoadFailure::ReadOnly,
        };
        if shown && !shows_message(object) {
            out.warning(
                "data-status-no-message",
                join(PATH, name),
                format!(
                    "No text in {name} shows {MESSAGE}, so the message written for this state \
                     on the Saving page ({}) is never shown.",
                    quote(state.message(&project.save_policy.messages))
                ),
                format!("Set the Text of a TextLabel in {name} to {MESSAGE} to show that message."),
            );
        }
    }
}

fn shows_message(node: &GuiNode) -> bool {
    node.walk()
        .iter()
        .any(|(_, n)| matches!(n.prop("Text"), Some(PropValue::String(t)) if t.contains(MESSAGE)))
}
