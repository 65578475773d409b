//! What the game adds to a leaderboard's GUI around the rows, for previews
//! and tests, as the generated client script builds it: one tab per period
//! (named `<tab name><Period>`, LayoutOrder 1, 2, ..., the shown one in the
//! local player's highlight colour), {period} and {resets} filled in the
//! board's texts, and the player's own row after the list.

use super::fill::SampleEntry;
use crate::project::gui::{GuiNode, PropValue};
use crate::project::{Leaderboard, Period, classes};

/// The time left previews show in {resets}.
pub const RESETS_SAMPLE: &str = "2d 5h";

/// Fills `gui` as a preview shows it: the first period, [`RESETS_SAMPLE`],
/// and the player's own row beyond the sample list (so its "not in the top"
/// text shows), at half the last entry's value.
pub fn preview_ranking(board: &Leaderboard, gui: &mut GuiNode, entries: &[SampleEntry]) {
    let Some(first) = board.periods.first() else {
        return;
    };
    let you = SampleEntry {
        rank: 0,
        name: "YourName".into(),
        value: entries.last().map_or(0, |e| e.value / 2),
        user_id: 1,
    };
    let value = board.number_format.format(you.value);
    fill_ranking(board, gui, *first, RESETS_SAMPLE, Some((&you, &value)));
}

/// Fills `gui` (a board's GUI, rows already in) as the client shows it
/// while `shown` is the selected period. `resets` is the time left as text
/// ("" until the server said when the period ends). `you` is the local
/// player's entry (rank 0 when they are not in the list), or None while
/// their value is not known (the row is left out).
pub fn fill_ranking(
    board: &Leaderboard,
    gui: &mut GuiNode,
    shown: Period,
    resets: &str,
    you: Option<(&SampleEntry, &str)>,
) {
    fill_texts(gui, shown, resets, true);
    if let Some(tabs) = &board.tabs
        && let Some(holder) = find_mut(gui, &tabs.goes_in)
    {
        let highlight = board
            .highlight
            .local_player
            .filter(|_| has_background(&tabs.template));
        for (i, period) in board.periods.iter().enumerate() {
            let mut tab = tabs.template.clone();
            tab.name = format!("{}{}", tabs.template.name, period.code());
            if has_layout_order(&tab) {
                tab.properties
                    .insert("LayoutOrder".into(), PropValue::Int(i as i64 + 1));
            }
            fill_texts(&mut tab, *period, resets, false);
            if *period == shown
                && let Some((r, g, b)) = highlight
            {
                tab.properties
                    .insert("BackgroundColor3".into(), PropValue::Color3(r, g, b));
            }
            holder.children.push(tab);
        }
    }
    if let (Some(you_row), Some((entry, value))) = (&board.you_row, you) {
        let goes_in = if you_row.goes_in.is_empty() {
            &board.rows_in
        } else {
            &you_row.goes_in
        };
        let Some(holder) = find_mut(gui, goes_in) else {
            return;
        };
        let mut row = board.row_template.clone();
        row.name = "You".into();
        row.properties.insert(
            "LayoutOrder".into(),
            PropValue::Int(i64::from(board.top.clamp(1, 100)) + 1),
        );
        if let Some((r, g, b)) = board.highlight.local_player
            && has_background(&row)
        {
            row.properties
                .insert("BackgroundColor3".into(), PropValue::Color3(r, g, b));
        }
        let rank = if entry.rank == 0 {
            you_row
                .unranked_text
                .replace("{top}", &board.top.clamp(1, 100).to_string())
        } else {
            entry.rank.to_string()
        };
        fill_you(&mut row, &rank, &entry.name, value);
        holder.children.push(row);
    }
}

fn has_background(node: &GuiNode) -> bool {
    classes::class(&node.class).is_some_and(|c| c.property("BackgroundColor3").is_some())
}

fn has_layout_order(node: &GuiNode) -> bool {
    classes::class(&node.class).is_some_and(|c| c.property("LayoutOrder").is_some())
}

fn find_mut<'a>(node: &'a mut GuiNode, path: &str) -> Option<&'a mut GuiNode> {
    let mut node = node;
    for part in path.split('/').filter(|p| !p.is_empty()) {
        node = node.children.iter_mut().find(|c| c.name == part)?;
    }
    Some(node)
}

/// {period} and, in the board's own texts, {resets}, in every Text below
/// `node` (a tab fills only {period}, as the client does).
fn fill_texts(node: &mut GuiNode, period: Period, resets: &str, board: bool) {
    if let Some(PropValue::String(text)) = node.properties.get_mut("Text") {
        if text.contains("{period}") {
            *text = text.replace("{period}", period.label());
        }
        if board && text.contains("{resets}") {
            *text = text.replace("{resets}", resets);
        }
    }
    for child in &mut node.children {
        fill_texts(child, period, resets, board);
    }
}

fn fill_you(node: &mut GuiNode, rank: &str, name: &str, value: &str) {
    for v in node.properties.values_mut() {
        if let PropValue::String(s) | PropValue::Content(s) = v
            && s.contains('{')
        {
            *s = s
                .replace("{rank}", rank)
                .replace("{name}", name)
                .replace("{value}", value)
                .replace("{avatar}", "rbxthumb://type=AvatarHeadShot&id=1&w=48&h=48");
        }
    }
    for c in &mut node.children {
        fill_you(c, rank, name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{fill_rows, sample_entries};
    use crate::project::{Tabs, YouRow, examples, file};

    fn text(node: &GuiNode) -> Option<&str> {
        match node.prop("Text") {
            Some(PropValue::String(s)) => Some(s),
            _ => None,
        }
    }

    #[test]
    fn previews_tabs_texts_and_the_own_row_as_the_client_builds_them() {
        let project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
        let mut board = project.leaderboards[1].clone();
        board.periods = vec![Period::Weekly, Period::Monthly];
        board.you_row = Some(YouRow::default());
        board.tabs = Some(Tabs {
            goes_in: "WeeklyFrame".into(),
            template: GuiNode::new("TextButton", "Tab")
                .with("Text", PropValue::String("{period}!".into())),
        });
        let entries = sample_entries(3, 1000);
        let mut gui = fill_rows(&board, &entries, board.number_format);
        preview_ranking(&board, &mut gui, &entries);

        let frame = gui.find("WeeklyFrame").unwrap();
        let weekly = frame
            .children
            .iter()
            .find(|c| c.name == "TabWeekly")
            .unwrap();
        let monthly = frame
            .children
            .iter()
            .find(|c| c.name == "TabMonthly")
            .unwrap();
        assert_eq!(text(weekly), Some("This week!"));
        assert_eq!(text(monthly), Some("This month!"));
        assert_eq!(weekly.prop("LayoutOrder"), Some(&PropValue::Int(1)));
        // The shown period's tab wears the local player's colour.
        assert_eq!(
            weekly.prop("BackgroundColor3"),
            Some(&PropValue::Color3(40, 90, 160))
        );
        assert_eq!(monthly.prop("BackgroundColor3"), None);
        assert_eq!(
            text(gui.find("WeeklyFrame/Title").unwrap()),
            Some("📅 This week · ends in 2d 5h")
        );
        let you = gui.find("WeeklyFrame/ListFrame/You").unwrap();
        assert_eq!(you.prop("LayoutOrder"), Some(&PropValue::Int(11)));
        assert_eq!(text(you.find("Rank").unwrap()), Some("#Not in the top 10"));
        assert_eq!(text(you.find("PlayerName").unwrap()), Some("YourName"));
    }
}
