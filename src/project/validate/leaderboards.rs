//! Global leaderboards: names, the ranked stat, OrderedDataStores, timing,
//! where they are shown, and their GUI and row template.

use std::collections::HashMap;

use super::gui::{Role, can_hold_rows, check_tree};
use super::leaderboard_periods;
use super::names::{Named, check_code_names};
use super::stores::check_store_name;
use super::text::{name as show, quote};
use super::{Report, join, segment};
use crate::project::classes;
use crate::project::{Display, Field, FieldType, GuiNode, Leaderboard, NumberKind, Project};

/// Roblox returns at most this many entries per page of a top list.
const MAX_TOP: u32 = 100;
/// Updating more often than this writes every player's stat very often.
const MIN_UPDATE_SECONDS: u32 = 15;

pub(super) fn check(project: &Project, out: &mut Report) {
    let boards = &project.leaderboards;
    if boards.is_empty() {
        return;
    }
    let named: Vec<Named<'_>> = boards
        .iter()
        .enumerate()
        .map(|(i, b)| Named {
            name: &b.name,
            path: join("leaderboards", &segment(&b.name, i)),
        })
        .collect();
    check_code_names(&named, "leaderboard", "in this project", out);

    let mut fields: HashMap<&str, &Field> = HashMap::with_capacity(project.schema.fields.len());
    for field in &project.schema.fields {
        fields.entry(field.name.as_str()).or_insert(field);
    }
    // OrderedDataStore name -> the first leaderboard that uses it.
    let mut stores: HashMap<&str, &Leaderboard> = HashMap::new();
    for (board, item) in boards.iter().zip(&named) {
        let path = item.path.as_str();
        let store_path = join(path, "ordered_datastore");
        check_store_name(
            "OrderedDataStore name",
            &board.ordered_datastore,
            &store_path,
            out,
        );
        if !board.ordered_datastore.is_empty() {
            match stores.get(board.ordered_datastore.as_str()) {
                Some(first) if first.stat != board.stat => {
                    out.error(
                        "ordered-datastore-conflict",
                        store_path,
                        format!(
                            "{} and {} both keep their stats in the OrderedDataStore {}, but \
                             rank different stats ({} and {}). A player has one entry in it, so \
                             each leaderboard would overwrite the other's values.",
                            show(&first.name),
                            show(&board.name),
                            quote(&board.ordered_datastore),
                            show(&first.stat),
                            show(&board.stat)
                        ),
                        format!(
                            "Give {} an OrderedDataStore of its own, such as {}.",
                            show(&board.name),
                            own_store_name(board)
                        ),
                    );
                }
                Some(first)
                    if first.number_kind != board.number_kind || first.ranks != board.ranks =>
                {
                    out.error(
                        "ordered-datastore-conflict",
                        store_path,
                        format!(
                            "{} and {} both keep {} in the OrderedDataStore {}, but store it \
                             differently (as another kind of number, or as the total against \
                             what was earned), so each would overwrite the other's values.",
                            show(&first.name),
                            show(&board.name),
                            show(&board.stat),
                            quote(&board.ordered_datastore)
                        ),
                        format!(
                            "Give {} an OrderedDataStore of its own, such as {}.",
                            show(&board.name),
                            own_store_name(board)
                        ),
                    );
                }
                Some(_) => {} // The same ranking shown twice shares its data.
                None => {
                    stores.insert(board.ordered_datastore.as_str(), board);
                }
            }
        }
        check_stat(board, &fields, &project.schema.fields, path, out);
        check_numbers(board, path, out);
        leaderboard_periods::check(board, path, out);
        check_display(board, path, out);
        check_tree(&board.gui, &join(path, "gui"), Role::Gui, out);
        check_rows(board, path, out);
    }
}

fn own_store_name(board: &Leaderboard) -> String {
    let base: String = board
        .name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(40)
        .collect();
    format!(
        "{}_v1",
        if base.is_empty() {
            "Leaderboard"
        } else {
            &base
        }
    )
}

fn check_stat(
    board: &Leaderboard,
    fields: &HashMap<&str, &Field>,
    all: &[Field],
    path: &str,
    out: &mut Report,
) {
    let path = join(path, "stat");
    let name = show(&board.name);
    let Some(field) = fields.get(board.stat.as_str()) else {
        let whole: Vec<&str> = all
            .iter()
            // Only names that work in code: suggesting one with its own error would only send the
            // designer to a second problem.
            .filter(|f| {
                f.ty == FieldType::Integer
                    && crate::project::names::is_luau_identifier(&f.name)
                    && !crate::project::names::is_reserved(&f.name)
            })
            .map(|f| f.name.as_str())
            .take(3)
            .collect();
        let fix = if whole.is_empty() {
            "Add a whole number field to data (such as Coins) and pick it.".to_string()
        } else {
            format!("Pick a whole number field, such as {}.", whole.join(" or "))
        };
        let message = if board.stat.is_empty() {
            format!("The leaderboard {name} has no stat to rank.")
        } else {
            format!(
                "The leaderboard {name} ranks {}, but data has no top-level field of that name.",
                show(&board.stat)
            )
        };
        out.error("leaderboard-stat-missing", path, message, fix);
        return;
    };
    let fits = match board.number_kind {
        NumberKind::Whole => field.ty == FieldType::Integer,
        _ => matches!(field.ty, FieldType::Integer | FieldType::Number),
    };
    if !fits {
        let kind = match &field.ty {
            FieldType::Number => "a number with a fraction part",
            FieldType::String => "text",
            FieldType::Boolean => "true/false",
            FieldType::List(_) => "a list",
            FieldType::Map(_) => "a map",
            _ => "a record",
        };
        let (message, fix) = if board.number_kind == NumberKind::Whole {
            (
                format!(
                    "The leaderboard {name} ranks {}, which is {kind}, but Roblox's ranked \
                     DataStores (OrderedDataStores) can only hold whole numbers.",
                    show(&field.name)
                ),
                if field.ty == FieldType::Number {
                    format!(
                        "Make {} a whole number field, rank it as decimals, a time or a huge \
                         number, or rank another field.",
                        show(&field.name)
                    )
                } else {
                    "Rank a whole number field instead.".to_string()
                },
            )
        } else {
            (
                format!(
                    "The leaderboard {name} ranks {}, which is {kind}, but only numbers can be \
                     ranked.",
                    show(&field.name)
                ),
                "Rank a number field instead.".to_string(),
            )
        };
        out.error("leaderboard-stat-type", path, message, fix);
        return;
    }
    leaderboard_periods::check_stat_range(board, field, &path, out);
    if !field.saved {
        out.warning(
            "leaderboard-stat-not-saved",
            path,
            format!(
                "The leaderboard {name} ranks {}, which is not saved, so it starts again from \
                 its default whenever a player joins, and their place on the leaderboard would \
                 drop back with it.",
                show(&field.name)
            ),
            format!(
                "Switch saving on for {}, unless the ranking is meant to reset each visit.",
                show(&field.name)
            ),
        );
    }
}

fn check_numbers(board: &Leaderboard, path: &str, out: &mut Report) {
    let name = show(&board.name);
    if board.top == 0 || board.top > MAX_TOP {
        out.error(
            "leaderboard-top-range",
            join(path, "top"),
            format!(
                "The leaderboard {name} shows the top {} players, but Roblox hands out top \
                 lists in pages of 1 to {MAX_TOP} entries.",
                board.top
            ),
            format!("Show between 1 and {MAX_TOP} players, such as 10."),
        );
    }
    let seconds_path = join(path, "update_seconds");
    if board.update_seconds == 0 {
        out.error(
            "leaderboard-update-zero",
            seconds_path,
            format!(
                "The leaderboard {name} updates every 0 seconds, which would write every \
                 player's stat without pause and use up Roblox's request budget at once."
            ),
            "Update every 60 seconds or more; players rarely notice the difference.",
        );
    } else if board.update_seconds < MIN_UPDATE_SECONDS {
        out.warning(
            "leaderboard-update-too-frequent",
            seconds_path,
            format!(
                "The leaderboard {name} updates every {} seconds. Each update writes the stat \
                 of every player in the server, and Roblox allows a server only 30 + 5 per \
                 player of those writes a minute, shared by all leaderboards.",
                board.update_seconds
            ),
            format!(
                "Update every {MIN_UPDATE_SECONDS} seconds or more; 60 or more is plenty for a \
                 top list."
            ),
        );
    }
}

fn check_display(board: &Leaderboard, path: &str, out: &mut Report) {
    let name = show(&board.name);
    let (needed, place) = match &board.display {
        Display::Screen => ("ScreenGui", "on each player's screen"),
        Display::Surface { part, .. } => {
            if part.trim().is_empty() {
                out.error(
                    "leaderboard-part-empty",
                    join(path, "display/part"),
                    format!(
                        "The leaderboard {name} is shown on a part, but doesn't say which part."
                    ),
                    "Enter the name of the part in Workspace that shows the leaderboard.",
                );
            }
            ("SurfaceGui", "on a part")
        }
    };
    let root = &board.gui.class;
    if root == needed {
        return;
    }
    if classes::class(root).is_some_and(|c| c.is_root) {
        out.error(
            "leaderboard-display-root",
            join(path, "display"),
            format!(
                "The leaderboard {name} is shown {place}, which needs a {needed} at the root of \
                 its GUI, but the root is a {root}."
            ),
            format!(
                "Change the root's class to {needed}, or change where the leaderboard is shown."
            ),
        );
    } else {
        out.error(
            "gui-root-class",
            join(path, "gui"),
            format!(
                "The GUI of the leaderboard {name} starts with {}, but a leaderboard's GUI must \
                 have a single {needed} at its root (it is shown {place}).",
                quote(root)
            ),
            format!("Put the GUI inside a {needed} and make that the root."),
        );
    }
}

fn check_rows(board: &Leaderboard, path: &str, out: &mut Report) {
    let name = show(&board.name);
    let rows_path = join(path, "rows_in");
    match board.gui.find(&board.rows_in) {
        None => out.error(
            "rows-in-missing",
            rows_path,
            format!(
                "The rows of {name} go into {}, but the GUI has no object at that path (names \
                 below the root, separated by /, such as Panel/List).",
                quote(&board.rows_in)
            ),
            match suggest_container(&board.gui) {
                Some(found) => format!("Set it to {}.", quote(&found)),
                None => "Add a ScrollingFrame to the GUI and set this to its path.".to_string(),
            },
        ),
        Some(target) if !can_hold_rows(target) => out.warning(
            "rows-in-not-container",
            rows_path,
            format!(
                "The rows of {name} go into {}, a {}, which can't show rows.",
                quote(&board.rows_in),
                target.class
            ),
            "Point it at a Frame or ScrollingFrame.",
        ),
        Some(_) => {}
    }

    let template_path = join(path, "row_template");
    let template = &board.row_template;
    if let Some(class) = classes::class(&template.class)
        && !class.is_gui_object
    {
        out.error(
            "row-template-root",
            template_path.clone(),
            format!(
                "The row template of {name} starts with a {}, but each row must be a visible \
                 object, such as a Frame, that is copied once per entry.",
                class.name
            ),
            "Make the row template's root a Frame and put its texts and images inside.",
        );
    }
    let bindings = check_tree(template, &template_path, Role::RowTemplate, out);
    if !(bindings.rank || bindings.name || bindings.value) {
        out.warning(
            "row-template-no-bindings",
            template_path,
            format!(
                "The row template of {name} shows none of {{rank}}, {{name}} or {{value}}, so \
                 every row would look the same."
            ),
            "Set the Text of TextLabels in the row to {rank}, {name} and {value}.",
        );
    } else if !bindings.value {
        out.warning(
            "row-template-no-value",
            template_path,
            format!(
                "The row template of {name} never shows {{value}}, so players see who is \
                 ranked but not their {}.",
                show(&board.stat)
            ),
            "Add a TextLabel to the row whose Text is {value}.",
        );
    }
}

/// A path below the root to the first ScrollingFrame, or else Frame.
fn suggest_container(root: &GuiNode) -> Option<String> {
    let walk = root.walk();
    let below_root = |path: &str| path.get(root.name.len() + 1..).unwrap_or("").to_string();
    ["ScrollingFrame", "Frame"].into_iter().find_map(|class| {
        walk.iter()
            .skip(1)
            .find(|(_, node)| node.class == class)
            .map(|(path, _)| below_root(path))
    })
}
