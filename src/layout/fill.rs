//! A leaderboard's GUI with rows filled in, for previews: what players see
//! once the top list has arrived.

use serde::Serialize;

use crate::project::gui::{GuiNode, PropValue};
use crate::project::leaderboard::{Leaderboard, NumberFormat};

/// One entry of a top list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleEntry {
    pub rank: u32,
    pub name: String,
    pub value: i64,
    /// The player's UserId, for the avatar thumbnail.
    pub user_id: u64,
}

/// `count` made-up entries, best first, with values falling from
/// `top_value` (descending) and names of varied length (long ones test
/// truncation).
pub fn sample_entries(count: u32, top_value: i64) -> Vec<SampleEntry> {
    const NAMES: [&str; 12] = [
        "builderman",
        "Sk8rKid_2011",
        "xX_DragonSlayer_Xx",
        "Ana",
        "CoolGamer123",
        "TheLongestUsernameEver20",
        "mia",
        "Noob_Master_69",
        "PixelPanda",
        "zed",
        "QuantumQuokka",
        "Lily_Rose",
    ];
    (1..=count)
        .map(|rank| SampleEntry {
            rank,
            name: NAMES[(rank as usize - 1) % NAMES.len()].to_string(),
            value: (top_value as f64 * 0.8f64.powi(rank as i32 - 1)).round() as i64,
            user_id: 156 + u64::from(rank) * 1_000,
        })
        .collect()
}

/// The leaderboard's GUI with one copy of the row template per entry
/// inside `rows_in`. Each row is named `<template name><rank>` with
/// LayoutOrder = rank; {rank}, {name}, {value} (formatted with `format`)
/// and {avatar} (a head-shot thumbnail) are filled in; ranks 1-3 and the
/// highlight colours apply as in game. If `rows_in` is missing, the GUI is
/// returned unchanged.
pub fn fill_rows(board: &Leaderboard, entries: &[SampleEntry], format: NumberFormat) -> GuiNode {
    let mut gui = board.gui.clone();
    let Some(holder) = find_mut(&mut gui, &board.rows_in) else {
        return gui;
    };
    for entry in entries {
        let mut row = board.row_template.clone();
        row.name = format!("{}{}", board.row_template.name, entry.rank);
        row.properties
            .insert("LayoutOrder".into(), PropValue::Int(i64::from(entry.rank)));
        if let Some(top3) = board.highlight.top3
            && (1..=3).contains(&entry.rank)
        {
            let (r, g, b) = top3[entry.rank as usize - 1];
            row.properties
                .insert("BackgroundColor3".into(), PropValue::Color3(r, g, b));
        }
        substitute(&mut row, entry, &format.format(entry.value));
        holder.children.push(row);
    }
    gui
}

fn find_mut<'a>(node: &'a mut GuiNode, path: &str) -> Option<&'a mut GuiNode> {
    let mut node = node;
    for part in path.split('/').filter(|p| !p.is_empty()) {
        node = node.children.iter_mut().find(|c| c.name == part)?;
    }
    Some(node)
}

fn substitute(node: &mut GuiNode, entry: &SampleEntry, value: &str) {
    for v in node.properties.values_mut() {
        match v {
            PropValue::String(s) | PropValue::Content(s) if s.contains('{') => {
                *s = s
                    .replace("{rank}", &entry.rank.to_string())
                    .replace("{name}", &entry.name)
                    .replace("{value}", value)
                    .replace(
                        "{avatar}",
                        &format!(
                            "rbxthumb://type=AvatarHeadShot&id={}&w=48&h=48",
                            entry.user_id
                        ),
                    );
            }
            _ => {}
        }
    }
    for c in &mut node.children {
        substitute(c, entry, value);
    }
}
