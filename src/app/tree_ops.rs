//! What the project tree may do to a GUI tree, without drawing anything:
//! which classes can go inside which, which names are allowed, and moving an
//! object to another place. Each check returns a plain message on refusal.

use crate::project::classes;
use crate::project::gui_addr::{node_at as node, node_at_mut as node_mut};
use crate::project::{GuiNode, Leaderboard};

/// Roblox cuts instance names at this many characters.
pub const MAX_NAME_CHARS: usize = 100;

/// Where a dragged object lands, relative to the object it is dropped on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Before,
    Inside,
    After,
}

/// Whether an object of class `child` may go inside one of class `parent`,
/// and if not, why, in plain words.
pub fn can_hold(parent: &str, child: &str) -> Result<(), String> {
    let child_info = classes::class(child);
    if child_info.is_some_and(|c| c.is_root) {
        return Err(format!(
            "A {child} can only be the root of a GUI, not inside another object."
        ));
    }
    let Some(parent_info) = classes::class(parent) else {
        // Kept from Studio as it came; Studio allowed it.
        return Ok(());
    };
    // A gradient in an outline shades the outline.
    if parent == "UIStroke" && child == "UIGradient" {
        return Ok(());
    }
    if !parent_info.is_gui_object && !parent_info.is_root {
        return Err(format!(
            "A {parent} changes how its parent looks; it can't hold other objects."
        ));
    }
    let Some(child_info) = child_info else {
        return Ok(());
    };
    if child_info.is_gui_object {
        return Ok(());
    }
    match child {
        // Layouts arrange their siblings, which a ScreenGui has too; a
        // UIScale in a ScreenGui scales the whole GUI.
        "UIListLayout" | "UIGridLayout" | "UIPageLayout" | "UIScale" => Ok(()),
        "UITextSizeConstraint" if !matches!(parent, "TextLabel" | "TextButton") => Err(format!(
            "A {child} limits the size of text, so it only works inside a TextLabel or TextButton."
        )),
        _ if parent_info.is_root => Err(format!(
            "A {child} changes the object it is in, so it only works inside a visible object such as a Frame, not directly in the {parent}."
        )),
        _ => Ok(()),
    }
}

/// Whether `name` is a good name for the child at `index` of `parent` (None:
/// the root, or a new child when `index` is None).
pub fn check_name(
    parent: Option<&GuiNode>,
    index: Option<usize>,
    name: &str,
) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err(
            "A name can't be empty: the generated code finds objects by their names.".into(),
        );
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "That name is {} characters long; Roblox keeps at most {MAX_NAME_CHARS}.",
            name.chars().count()
        ));
    }
    if name.contains('/') {
        return Err(
            "A name can't contain /, which separates names in paths such as \"rows in\".".into(),
        );
    }
    if let Some(parent) = parent {
        let clash = parent
            .children
            .iter()
            .enumerate()
            .any(|(i, c)| Some(i) != index && c.name == name);
        if clash {
            return Err(format!(
                "Another object in {} is already called {name}; the generated code would always find that one first.",
                parent.name
            ));
        }
    }
    Ok(())
}

/// The names below the root to an object (`Panel/List`), as "rows in" says it.
pub fn names_path(root: &GuiNode, path: &[usize]) -> Option<String> {
    let mut names = Vec::with_capacity(path.len());
    let mut node = root;
    for &i in path {
        node = node.children.get(i)?;
        names.push(node.name.as_str());
    }
    Some(names.join("/"))
}

/// Points "rows in" at the object's new place when it, or an object it is
/// inside, moved or was renamed.
pub fn follow_rows_in(board: &mut Leaderboard, old: &str, new: &str) {
    if old.is_empty() || old == new {
        return;
    }
    if board.rows_in == old {
        board.rows_in = new.to_string();
    } else if let Some(rest) = board.rows_in.strip_prefix(&format!("{old}/")) {
        board.rows_in = format!("{new}/{rest}");
    }
}

/// The child index path `path` points to once the object at `removed` is
/// taken out of its parent.
fn after_removal(path: &[usize], removed: &[usize]) -> Vec<usize> {
    let mut out = path.to_vec();
    if let Some((&gone, parent)) = removed.split_last()
        && out.len() > parent.len()
        && out[..parent.len()] == *parent
        && out[parent.len()] > gone
    {
        out[parent.len()] -= 1;
    }
    out
}

/// Where the object at `from` would end up if dropped at `place` of the
/// object at `onto`: (parent path, index) before anything moves.
pub fn drop_target(
    root: &GuiNode,
    from: &[usize],
    onto: &[usize],
    place: Place,
) -> Result<(Vec<usize>, usize), String> {
    let moving = node(root, from).ok_or("That object is no longer there.")?;
    if from.is_empty() {
        return Err(format!(
            "{} is the root of the GUI; it can't move.",
            moving.name
        ));
    }
    let (parent, index) = match (place, onto.split_last()) {
        (Place::Inside, _) => (
            onto.to_vec(),
            node(root, onto).map_or(0, |n| n.children.len()),
        ),
        (_, None) => {
            return Err("Objects go inside the root of the GUI, not next to it.".into());
        }
        (Place::Before, Some((&i, parent))) => (parent.to_vec(), i),
        (Place::After, Some((&i, parent))) => (parent.to_vec(), i + 1),
    };
    if parent.starts_with(from) {
        return Err(format!("{} can't go inside itself.", moving.name));
    }
    let holder = node(root, &parent).ok_or("That place is no longer there.")?;
    can_hold(&holder.class, &moving.class)?;
    let same_parent = from[..from.len() - 1] == *parent;
    if !same_parent {
        check_name(Some(holder), None, &moving.name)?;
    }
    Ok((parent, index))
}

/// Moves the object at `from` to `index` among the children of `parent`
/// (indices as before the move). Returns its new path.
pub fn move_node(
    root: &mut GuiNode,
    from: &[usize],
    parent: &[usize],
    index: usize,
) -> Option<Vec<usize>> {
    let (&last, from_parent) = from.split_last()?;
    let target = after_removal(&[parent, &[index]].concat(), from);
    let node = {
        let holder = node_mut(root, from_parent)?;
        if last >= holder.children.len() {
            return None;
        }
        holder.children.remove(last)
    };
    let (&at, new_parent) = target.split_last()?;
    let holder = node_mut(root, new_parent)?;
    let at = at.min(holder.children.len());
    holder.children.insert(at, node);
    Some([new_parent, &[at]].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gui() -> GuiNode {
        GuiNode::new("ScreenGui", "Gui").child(
            GuiNode::new("Frame", "Panel")
                .child(GuiNode::new("TextLabel", "Title"))
                .child(GuiNode::new("ScrollingFrame", "List"))
                .child(GuiNode::new("UICorner", "UICorner")),
        )
    }

    #[test]
    fn helpers_go_inside_visible_objects_only() {
        assert!(can_hold("Frame", "UICorner").is_ok());
        assert!(can_hold("ScreenGui", "UIScale").is_ok());
        assert!(can_hold("ScreenGui", "UIPageLayout").is_ok());
        assert!(can_hold("ScreenGui", "UIGradient").is_err());
        assert!(can_hold("UIStroke", "UIGradient").is_ok());
        assert!(can_hold("UIStroke", "Frame").is_err());
        assert!(can_hold("CanvasGroup", "UIFlexItem").is_ok());
        assert!(can_hold("ScreenGui", "UICorner").is_err());
        assert!(can_hold("ScreenGui", "UIListLayout").is_ok());
        assert!(can_hold("UICorner", "Frame").is_err());
        assert!(can_hold("Frame", "ScreenGui").is_err());
        assert!(can_hold("Frame", "UITextSizeConstraint").is_err());
        assert!(can_hold("TextLabel", "UITextSizeConstraint").is_ok());
    }

    #[test]
    fn names() {
        let g = gui();
        let panel = &g.children[0];
        assert!(check_name(Some(panel), Some(0), "Title").is_ok());
        assert!(check_name(Some(panel), Some(0), "List").is_err());
        assert!(check_name(Some(panel), None, "").is_err());
        assert!(check_name(None, None, &"x".repeat(101)).is_err());
        assert!(check_name(None, None, "a/b").is_err());
    }

    #[test]
    fn moving_down_among_siblings_and_into_another_parent() {
        let mut g = gui();
        let (parent, index) = drop_target(&g, &[0, 0], &[0, 1], Place::After).unwrap();
        assert_eq!(move_node(&mut g, &[0, 0], &parent, index), Some(vec![0, 1]));
        assert_eq!(g.children[0].children[1].name, "Title");
        let (parent, index) = drop_target(&g, &[0, 1], &[0, 0], Place::Inside).unwrap();
        assert_eq!(
            move_node(&mut g, &[0, 1], &parent, index),
            Some(vec![0, 0, 0])
        );
        assert_eq!(names_path(&g, &[0, 0, 0]).unwrap(), "Panel/List/Title");
    }

    #[test]
    fn refused_moves() {
        let g = gui();
        assert!(drop_target(&g, &[0], &[0, 1], Place::Inside).is_err());
        assert!(drop_target(&g, &[], &[0], Place::Inside).is_err());
        assert!(drop_target(&g, &[0, 2], &[0], Place::Before).is_err());
        assert!(drop_target(&g, &[0, 0], &[0, 2], Place::Inside).is_err());
    }

    #[test]
    fn rows_in_follows() {
        let mut board = crate::app::state::template("global-leaderboard")
            .unwrap()
            .leaderboards
            .remove(0);
        board.rows_in = "Panel/List".into();
        follow_rows_in(&mut board, "Panel", "Box");
        assert_eq!(board.rows_in, "Box/List");
        follow_rows_in(&mut board, "Box/List", "Rows");
        assert_eq!(board.rows_in, "Rows");
    }
}
