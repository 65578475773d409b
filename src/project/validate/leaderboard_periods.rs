//! A leaderboard's periods, ranking, number kind, "you" row and tabs:
//! combinations that can't work and stats that can't be stored.

use super::gui::{Role, can_hold_rows, check_tree};
use super::text::{name as show, quote};
use super::{Report, join};
use crate::project::classes;
use crate::project::number_kind::MAX_PLACES;
use crate::project::{
    Field, FieldType, Leaderboard, NumberKind, Period, PropValue, RankOrder, Ranking,
};

pub(super) fn check(board: &Leaderboard, path: &str, out: &mut Report) {
    check_periods(board, path, out);
    check_kind(board, path, out);
    check_you_row(board, path, out);
    check_tabs(board, path, out);
}

fn check_periods(board: &Leaderboard, path: &str, out: &mut Report) {
    let name = show(&board.name);
    let periods_path = join(path, "periods");
    if board.periods.is_empty() {
        out.error(
            "leaderboard-periods-empty",
            periods_path.clone(),
            format!("The leaderboard {name} has no period, so it ranks nothing."),
            "Pick at least one period, such as All time.",
        );
    }
    for (i, period) in board.periods.iter().enumerate() {
        if board.periods[..i].contains(period) {
            out.error(
                "leaderboard-period-repeated",
                join(&periods_path, &i.to_string()),
                format!(
                    "The leaderboard {name} lists {} twice; each period has one ranking.",
                    period.label()
                ),
                "Remove the second one.",
            );
        }
    }
    let periodic = board.periods.iter().any(|p| *p != Period::AllTime);
    if board.ranks == Ranking::Earned {
        if !periodic {
            out.error(
                "leaderboard-earned-all-time",
                join(path, "ranks"),
                format!(
                    "The leaderboard {name} ranks what players earned during the period, but \
                     its only period is All time, which has no start to count from."
                ),
                "Add a daily, weekly or monthly period, or rank the stat's total.",
            );
        }
        if board.number_kind == NumberKind::Time {
            out.error(
                "leaderboard-earned-time",
                join(path, "ranks"),
                format!(
                    "The leaderboard {name} ranks times by what was earned during the period, \
                     but a time is a best result, not an amount that adds up."
                ),
                "Rank the stat's total (the best time of the period).",
            );
        }
    }
    if board.periods.len() > 1 && board.tabs.is_none() {
        out.warning(
            "leaderboard-periods-no-tabs",
            periods_path,
            format!(
                "The leaderboard {name} has {} periods but no tabs to switch between them, so \
                 players only ever see {}.",
                board.periods.len(),
                board.periods[0].label()
            ),
            "Add tabs to the leaderboard, or keep one period.",
        );
    }
}

fn check_kind(board: &Leaderboard, path: &str, out: &mut Report) {
    let name = show(&board.name);
    let kind_path = join(path, "number_kind");
    match board.number_kind {
        NumberKind::Decimal { places } if places == 0 || places > MAX_PLACES => {
            out.error(
                "leaderboard-decimal-places",
                kind_path,
                format!(
                    "The leaderboard {name} shows {places} decimal places, but decimals need 1 \
                     to {MAX_PLACES} places."
                ),
                if places == 0 {
                    "Choose whole numbers, or 1 or more places.".to_string()
                } else {
                    format!("Use {MAX_PLACES} places or fewer; 2 is usual.")
                },
            );
        }
        NumberKind::Time if board.order == RankOrder::Descending => {
            out.warning(
                "leaderboard-time-order",
                join(path, "order"),
                format!(
                    "The leaderboard {name} ranks times with the highest first, so the slowest \
                     player would lead."
                ),
                "Rank lowest first, unless longer times are better (such as time survived).",
            );
        }
        _ => {}
    }
}

/// A stat's limits against what its number kind can store; called by the stat
/// check once it has found the field.
pub(super) fn check_stat_range(board: &Leaderboard, field: &Field, path: &str, out: &mut Report) {
    let name = show(&board.name);
    let kind = board.number_kind;
    if kind == NumberKind::Huge {
        if field.min.is_some_and(|min| min < 0.0) {
            out.error(
                "leaderboard-huge-negative",
                path,
                format!(
                    "The leaderboard {name} ranks {} as a huge number, which can go below zero, \
                     but huge numbers are stored from 0 up.",
                    show(&field.name)
                ),
                format!(
                    "Set the lowest value of {} to 0, or rank it as a whole number.",
                    show(&field.name)
                ),
            );
        }
        return;
    }
    let largest = kind.largest();
    let beyond = [field.min, field.max]
        .into_iter()
        .flatten()
        .find(|limit| limit.abs() > largest);
    if let Some(limit) = beyond {
        out.error(
            "leaderboard-stat-too-large",
            path,
            format!(
                "The leaderboard {name} ranks {}, which may reach {limit}, but its ranked \
                 DataStore holds whole numbers only up to 2^53, which is {} for this kind of \
                 number.",
                show(&field.name),
                largest.floor()
            ),
            if field.ty == FieldType::Number && kind == NumberKind::Whole {
                "Rank it as a huge number, or lower its limit.".to_string()
            } else {
                "Rank it as a huge number, use fewer decimal places, or lower its limit."
                    .to_string()
            },
        );
    }
}

fn check_you_row(board: &Leaderboard, path: &str, out: &mut Report) {
    let Some(you) = &board.you_row else {
        return;
    };
    if you.goes_in.is_empty() {
        return; // After the list, inside rows_in (checked with the rows).
    }
    let row_path = join(path, "you_row/goes_in");
    match board.gui.find(&you.goes_in) {
        None => out.error(
            "you-row-in-missing",
            row_path,
            format!(
                "The row with the player's own rank on {} goes into {}, but the GUI has no \
                 object at that path.",
                show(&board.name),
                quote(&you.goes_in)
            ),
            "Leave it empty to put the row after the list, or name a Frame of the GUI \
             (Panel/You).",
        ),
        Some(target) if !can_hold_rows(target) => out.warning(
            "rows-in-not-container",
            row_path,
            format!(
                "The row with the player's own rank on {} goes into {}, a {}, which can't show \
                 rows.",
                show(&board.name),
                quote(&you.goes_in),
                target.class
            ),
            "Point it at a Frame.",
        ),
        Some(_) => {}
    }
}

fn check_tabs(board: &Leaderboard, path: &str, out: &mut Report) {
    let Some(tabs) = &board.tabs else {
        return;
    };
    let name = show(&board.name);
    let tabs_path = join(path, "tabs");
    if board.periods.len() == 1 {
        out.warning(
            "leaderboard-tabs-one-period",
            tabs_path.clone(),
            format!(
                "The leaderboard {name} has tabs but one period, so there is nothing to switch \
                 to."
            ),
            "Add a period (such as This week), or remove the tabs.",
        );
    }
    match board.gui.find(&tabs.goes_in) {
        None => out.error(
            "tabs-in-missing",
            join(&tabs_path, "goes_in"),
            format!(
                "The tabs of {name} go into {}, but the GUI has no object at that path.",
                quote(&tabs.goes_in)
            ),
            "Name a Frame of the GUI by the names below the root (Panel/Tabs).",
        ),
        Some(target) if !can_hold_rows(target) => out.warning(
            "rows-in-not-container",
            join(&tabs_path, "goes_in"),
            format!(
                "The tabs of {name} go into {}, a {}, which can't show them.",
                quote(&tabs.goes_in),
                target.class
            ),
            "Point it at a Frame.",
        ),
        Some(_) => {}
    }
    let template_path = join(&tabs_path, "template");
    let class = &tabs.template.class;
    if !is_button(class) {
        out.error(
            "tab-template-root",
            template_path.clone(),
            format!(
                "The tab template of {name} starts with a {class}, but a tab must be a button \
                 players can press."
            ),
            "Make the tab template's root a TextButton (or an ImageButton).",
        );
    }
    check_tree(&tabs.template, &template_path, Role::Gui, out);
    let shows_period = tabs.template.walk().iter().any(|(_, node)| {
        node.properties
            .values()
            .any(|v| matches!(v, PropValue::String(t) if t.contains("{period}")))
    });
    if !shows_period {
        out.warning(
            "tab-template-no-period",
            template_path,
            format!(
                "The tab template of {name} never shows {{period}}, so every tab reads the same."
            ),
            "Set the Text of the button (or a TextLabel in it) to {period}.",
        );
    }
}

fn is_button(class: &str) -> bool {
    matches!(class, "TextButton" | "ImageButton") || classes::class(class).is_none()
}
