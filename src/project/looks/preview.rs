//! The parts of a board the row filler doesn't draw yet: one tab per
//! period and the player's own row, filled in as players see them, so the
//! gallery and the fit checks cover them.

use crate::layout::SampleEntry;
use crate::project::gui::{GuiNode, PropValue};
use crate::project::leaderboard::{Leaderboard, NumberFormat};

/// Name of the player's own row in the preview.
pub const YOU_ROW: &str = "YouRow";

/// Adds to `gui` (the board's GUI with its rows filled) a tab per period
/// and, when the board has one, the player's own row showing `you`:
/// ranked when `you` is in the list, else with the board's text for a
/// player beyond the loaded top list.
pub fn add_tabs_and_you_row(
    board: &Leaderboard,
    gui: &mut GuiNode,
    you: &SampleEntry,
    format: NumberFormat,
) {
    if let Some(tabs) = &board.tabs
        && let Some(holder) = find_mut(gui, &tabs.goes_in)
    {
        for (i, period) in board.periods.iter().enumerate() {
            let mut tab = tabs.template.clone();
            tab.name = format!("{}{}", tabs.template.name, period.code());
            tab.properties
                .insert("LayoutOrder".into(), PropValue::Int(i as i64 + 1));
            replace(&mut tab, &[("{period}", period.label())]);
            holder.children.push(tab);
        }
    }
    let Some(you_row) = &board.you_row else {
        return;
    };
    let holder_path = if you_row.goes_in.is_empty() {
        &board.rows_in
    } else {
        &you_row.goes_in
    };
    let Some(holder) = find_mut(gui, holder_path) else {
        return;
    };
    let mut row = board.row_template.clone();
    row.name = YOU_ROW.into();
    row.properties.insert(
        "LayoutOrder".into(),
        PropValue::Int(i64::from(board.top) + 1),
    );
    if let Some((r, g, b)) = board.highlight.local_player {
        row.properties
            .insert("BackgroundColor3".into(), PropValue::Color3(r, g, b));
    }
    let rank = if you.rank <= board.top {
        you.rank.to_string()
    } else {
        you_row
            .unranked_text
            .replace("{top}", &board.top.to_string())
    };
    let value = format.format(you.value);
    let avatar = format!(
        "rbxthumb://type=AvatarHeadShot&id={}&w=48&h=48",
        you.user_id
    );
    replace(
        &mut row,
        &[
            ("{rank}", &rank),
            ("{name}", &you.name),
            ("{value}", &value),
            ("{avatar}", &avatar),
        ],
    );
    holder.children.push(row);
}

fn replace(node: &mut GuiNode, pairs: &[(&str, &str)]) {
    for v in node.properties.values_mut() {
        if let PropValue::String(s) | PropValue::Content(s) = v {
            for (from, to) in pairs {
                *s = s.replace(from, to);
            }
        }
    }
    for c in &mut node.children {
        replace(c, pairs);
    }
}

fn find_mut<'a>(node: &'a mut GuiNode, path: &str) -> Option<&'a mut GuiNode> {
    let mut node = node;
    for part in path.split('/').filter(|p| !p.is_empty()) {
        node = node.children.iter_mut().find(|c| c.name == part)?;
    }
    Some(node)
}
