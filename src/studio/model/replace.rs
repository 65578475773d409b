//! Putting an imported GUI into a leaderboard: the GUI, where its rows go,
//! its row template, its period tabs and where it shows.

use thiserror::Error;

use super::ImportedLeaderboardGui;
use crate::project::{Display, GuiNode, Leaderboard, Tabs};

#[derive(Debug, Error)]
pub enum ReplaceError {
    #[error("the imported GUI has no object at {0}")]
    NoSuchObject(String),
    #[error(
        "the imported GUI is a SurfaceGui, which shows on a part in the world: name the part in Workspace that shows it"
    )]
    PartNeeded,
}

/// Replaces `board`'s GUI with `imported`. The row template is, in order of
/// preference: the object at `row_template` (a path of names below the
/// root, taken out of the GUI; its parent becomes where rows go), the one an
/// export of this tool marked, or the board's current one. The period tab
/// template likewise: the object at `tab_template` (its parent becomes
/// where tabs go), the marked one, or the board's current tabs. A
/// SurfaceGui shows on `part`, else on the part the file had it in (with
/// that part's size), else on the board's current part. Nothing changes on
/// error.
pub fn use_imported_gui(
    board: &mut Leaderboard,
    imported: ImportedLeaderboardGui,
    row_template: Option<&str>,
    tab_template: Option<&str>,
    part: Option<&str>,
) -> Result<(), ReplaceError> {
    let mut gui = imported.gui;
    let (rows_in, template) = match (row_template, imported.row_template) {
        (Some(path), _) => {
            take_node(&mut gui, path).ok_or_else(|| ReplaceError::NoSuchObject(path.to_string()))?
        }
        (None, Some(found)) => found,
        (None, None) => (board.rows_in.clone(), board.row_template.clone()),
    };
    let tabs = match (tab_template, imported.tab_template) {
        (Some(path), _) => {
            let (goes_in, template) = take_node(&mut gui, path)
                .ok_or_else(|| ReplaceError::NoSuchObject(path.to_string()))?;
            Some(Tabs { goes_in, template })
        }
        (None, Some((goes_in, template))) => Some(Tabs { goes_in, template }),
        (None, None) => board.tabs.clone(),
    };
    // The part: the one named, else the one the GUI was saved in, else the
    // board's own. Its size: that of the part in the file, else the one
    // the designer gave the board's part.
    let saved_in = imported.part;
    let display = match gui.class.as_str() {
        "SurfaceGui" => {
            let size = saved_in
                .as_ref()
                .map(|(_, size)| *size)
                .or(board.display.part_size())
                .unwrap_or(crate::project::leaderboard::DEFAULT_PART_SIZE);
            let name = match (part, &saved_in, &board.display) {
                (Some(part), _, _) => part.to_string(),
                (None, Some((name, _)), _) => name.clone(),
                (None, None, Display::Surface { part, .. }) => part.clone(),
                (None, None, Display::Screen) => return Err(ReplaceError::PartNeeded),
            };
            Display::Surface {
                part: name,
                part_size: size,
            }
        }
        _ => Display::Screen,
    };
    board.gui = gui;
    board.rows_in = rows_in;
    board.row_template = template;
    board.tabs = tabs;
    board.display = display;
    Ok(())
}

/// Removes the node at `path` below `root`; returns its parent's path and the node.
fn take_node(root: &mut GuiNode, path: &str) -> Option<(String, GuiNode)> {
    let path = path.trim_matches('/');
    let (parent_path, name) = path.rsplit_once('/').unwrap_or(("", path));
    let mut parent = &mut *root;
    for part in parent_path.split('/').filter(|p| !p.is_empty()) {
        parent = parent.children.iter_mut().find(|c| c.name == part)?;
    }
    let index = parent.children.iter().position(|c| c.name == name)?;
    Some((parent_path.to_string(), parent.children.remove(index)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{examples, file};

    fn board() -> Leaderboard {
        let text = examples::text("global-leaderboard").unwrap();
        file::parse_str(text, "t").unwrap().leaderboards.remove(0)
    }

    fn imported(gui: GuiNode) -> ImportedLeaderboardGui {
        ImportedLeaderboardGui {
            gui,
            row_template: None,
            tab_template: None,
            part: None,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn a_named_object_becomes_the_row_template() {
        let mut target = board();
        let mut gui = target.gui.clone();
        gui.children[0].children[2]
            .children
            .push(GuiNode::new("Frame", "Row"));
        use_imported_gui(
            &mut target,
            imported(gui),
            Some("LeaderboardFrame/ListFrame/Row"),
            None,
            None,
        )
        .unwrap();
        assert_eq!(target.rows_in, "LeaderboardFrame/ListFrame");
        assert_eq!(target.row_template.name, "Row");
        assert!(target.gui.find("LeaderboardFrame/ListFrame/Row").is_none());
    }

    #[test]
    fn a_named_object_becomes_the_tab_template_and_none_keeps_the_tabs() {
        let mut target = board();
        let mut gui = target.gui.clone();
        gui.children[0]
            .children
            .push(GuiNode::new("Frame", "Tabs").child(GuiNode::new("TextButton", "Tab")));
        use_imported_gui(
            &mut target,
            imported(gui.clone()),
            None,
            Some("LeaderboardFrame/Tabs/Tab"),
            None,
        )
        .unwrap();
        let tabs = target.tabs.clone().expect("the tab template was taken");
        assert_eq!(tabs.goes_in, "LeaderboardFrame/Tabs");
        assert_eq!(tabs.template.name, "Tab");
        assert!(target.gui.find("LeaderboardFrame/Tabs/Tab").is_none());

        // A GUI without a marked tab template keeps the board's tabs.
        use_imported_gui(&mut target, imported(gui), None, None, None).unwrap();
        assert_eq!(target.tabs, Some(tabs));
    }

    #[test]
    fn errors_change_nothing() {
        let mut target = board();
        let before = target.clone();
        let gui = target.gui.clone();
        assert!(
            use_imported_gui(
                &mut target,
                imported(gui.clone()),
                Some("Nope/Row"),
                None,
                None
            )
            .is_err()
        );
        assert!(
            use_imported_gui(&mut target, imported(gui), None, Some("Nope/Tab"), None).is_err()
        );
        let surface = GuiNode::new("SurfaceGui", "Board");
        assert!(matches!(
            use_imported_gui(&mut target, imported(surface.clone()), None, None, None),
            Err(ReplaceError::PartNeeded)
        ));
        assert_eq!(target, before);
        use_imported_gui(
            &mut target,
            imported(surface),
            None,
            None,
            Some("Billboard"),
        )
        .unwrap();
        assert_eq!(target.display, Display::surface("Billboard"));
    }
}
