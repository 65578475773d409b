//! Layout helpers that can't work where they are: a second layout next to
//! the first (Roblox arranges the objects by one layout only), and a
//! UIFlexItem on an object no UIListLayout arranges.

use super::text::quote;
use super::{Report, join, segment};
use crate::project::GuiNode;
use crate::project::classes;

const LAYOUTS: [&str; 3] = ["UIListLayout", "UIGridLayout", "UIPageLayout"];

/// Checks the children of `node` (at `path`; `child_paths` are theirs).
pub(super) fn check(node: &GuiNode, child_paths: &[String], out: &mut Report) {
    let layouts: Vec<(&GuiNode, &String)> = node
        .children
        .iter()
        .zip(child_paths)
        .filter(|(c, _)| LAYOUTS.contains(&c.class.as_str()))
        .collect();
    if let [(first, _), rest @ ..] = layouts.as_slice() {
        for (extra, path) in rest {
            out.warning(
                "layout-twice",
                (*path).clone(),
                format!(
                    "{} holds two layouts, the {} {} and the {} {}; only one arranges its \
                     objects, so the second does nothing.",
                    quote(&node.name),
                    first.class,
                    quote(&first.name),
                    extra.class,
                    quote(&extra.name),
                ),
                "Keep one layout per object; put objects that need another layout in a Frame \
                 of their own.",
            );
        }
    }
    let has_list = node.children.iter().any(|c| c.class == "UIListLayout");
    for (child, child_path) in node.children.iter().zip(child_paths) {
        if !classes::class(&child.class).is_some_and(|c| c.is_gui_object) || has_list {
            continue;
        }
        for (j, flex) in child.children.iter().enumerate() {
            if flex.class != "UIFlexItem" {
                continue;
            }
            out.warning(
                "flex-item-unused",
                join(child_path, &segment(&flex.name, j)),
                format!(
                    "The UIFlexItem {} in {} does nothing: it shares out a list's space, but no \
                     UIListLayout arranges {}.",
                    quote(&flex.name),
                    quote(&child.name),
                    quote(&child.name),
                ),
                format!(
                    "Add a UIListLayout to {} (next to {}), or remove the UIFlexItem.",
                    quote(&node.name),
                    quote(&child.name)
                ),
            );
        }
    }
}
