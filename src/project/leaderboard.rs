//! Global leaderboards: a stat ranked across every server, and the GUI that
//! shows the top players.

use serde::{Deserialize, Serialize};

use super::gui::GuiNode;
use super::number_kind::NumberKind;
use super::periods::{self, Period, Ranking, Weekday};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leaderboard {
    /// Name used in code and in the exported files (`TopCoins`).
    pub name: String,
    /// The whole-number field that is ranked.
    pub stat: String,
    /// OrderedDataStore that holds every player's stat.
    pub ordered_datastore: String,
    /// How many top players are shown (1-100).
    pub top: u32,
    pub order: RankOrder,
    /// Seconds between writing stats and reading the top list.
    pub update_seconds: u32,
    pub display: Display,
    pub number_format: NumberFormat,
    /// The GUI: a ScreenGui or a SurfaceGui at the root.
    pub gui: GuiNode,
    /// Path of names below the root to the object that holds the rows
    /// (`"Panel/List"`).
    pub rows_in: String,
    /// One row, copied for each entry; its texts and images can use
    /// {rank}, {name}, {value} and {avatar}.
    pub row_template: GuiNode,
    #[serde(default)]
    pub highlight: Highlight,
    /// Shown in the rows' place until the first top list arrives or while it
    /// is empty.
    #[serde(default = "default_empty_text")]
    pub empty_text: String,
    /// The rankings shown (1 to 4, each once); the first one shows first.
    #[serde(
        default = "periods::default_periods",
        skip_serializing_if = "periods::is_all_time_only"
    )]
    pub periods: Vec<Period>,
    /// The day weekly rankings start again (00:00 UTC).
    #[serde(default, skip_serializing_if = "periods::is_default")]
    pub week_starts: Weekday,
    /// Whether daily, weekly and monthly rankings rank the stat itself or
    /// what was earned during the period.
    #[serde(default, skip_serializing_if = "periods::is_default")]
    pub ranks: Ranking,
    /// What kind of number the stat is, which decides how it is stored and
    /// shown.
    #[serde(default, skip_serializing_if = "periods::is_default")]
    pub number_kind: NumberKind,
    /// A row below the list with the local player's own rank and value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub you_row: Option<YouRow>,
    /// Buttons that switch between the periods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tabs: Option<Tabs>,
}

/// The local player's own row: a copy of the row template, highlighted with
/// [`Highlight::local_player`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YouRow {
    /// Path below the root of the object the row goes in; empty puts it after
    /// the list, inside `rows_in`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goes_in: String,
    /// Shown for {rank} when the player is not in the loaded top list
    /// (OrderedDataStores can't look up a rank, so the row says so plainly).
    /// {top} is replaced by the number of players shown.
    #[serde(default = "default_unranked_text")]
    pub unranked_text: String,
}

impl Default for YouRow {
    fn default() -> Self {
        YouRow {
            goes_in: String::new(),
            unranked_text: default_unranked_text(),
        }
    }
}

fn default_unranked_text() -> String {
    "Not in the top {top}".into()
}

/// Tabs that switch the list between periods: the template is copied once
/// per period into `goes_in`; its texts can use {period}.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tabs {
    /// Path below the root of the object that holds the tabs.
    pub goes_in: String,
    /// One tab, a TextButton or ImageButton at its root.
    pub template: GuiNode,
}

fn default_empty_text() -> String {
    "No scores yet".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RankOrder {
    /// Highest first (most coins).
    Descending,
    /// Lowest first (fastest time).
    Ascending,
}

/// Where players see the leaderboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Display {
    /// On each player's screen (the GUI root is a ScreenGui).
    Screen,
    /// On a face of a part in the world (the GUI root is a SurfaceGui, whose
    /// Face property picks the face). The part is found in Workspace by
    /// this name.
    Surface {
        part: String,
        /// The part's Size in studs (X, Y, Z), for the preview on its face
        /// and the checks; the game uses the real part's size.
        #[serde(default = "default_part_size")]
        part_size: [f32; 3],
    },
}

/// A board-sized part: 8 studs wide, 6 high, 1 deep; its front face has
/// the shape of a SurfaceGui's default 800 x 600 canvas, so a new board is
/// not stretched.
pub const DEFAULT_PART_SIZE: [f32; 3] = [8.0, 6.0, 1.0];

fn default_part_size() -> [f32; 3] {
    DEFAULT_PART_SIZE
}

impl Display {
    /// On the part named `part`, of the default size.
    pub fn surface(part: impl Into<String>) -> Display {
        Display::Surface {
            part: part.into(),
            part_size: DEFAULT_PART_SIZE,
        }
    }

    /// The part's size in studs, when the board is on a part.
    pub fn part_size(&self) -> Option<[f32; 3]> {
        match self {
            Display::Screen => None,
            Display::Surface { part_size, .. } => Some(*part_size),
        }
    }
}

/// How the ranked values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberFormat {
    /// 1234567 as 1.2M.
    Abbreviated,
    /// 1234567 as 1,234,567.
    Separated,
    /// 1234567 as 1234567.
    Plain,
}

impl NumberFormat {
    /// The value as players will see it.
    pub fn format(self, value: i64) -> String {
        match self {
            NumberFormat::Plain => value.to_string(),
            NumberFormat::Separated => {
                let digits = value.unsigned_abs().to_string();
                let mut out = String::new();
                for (i, ch) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i).is_multiple_of(3) {
                        out.push(',');
                    }
                    out.push(ch);
                }
                if value < 0 { format!("-{out}") } else { out }
            }
            NumberFormat::Abbreviated => {
                const UNITS: [(f64, &str); 5] =
                    [(1e15, "Q"), (1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
                let abs = value.unsigned_abs() as f64;
                let sign = if value < 0 { "-" } else { "" };
                for (size, unit) in UNITS {
                    if abs >= size {
                        // One decimal, truncated so 1,999 never shows as 2.0K.
                        let tenths = (abs / size * 10.0).floor() / 10.0;
                        let text = if tenths.fract() == 0.0 {
                            format!("{tenths:.0}")
                        } else {
                            format!("{tenths:.1}")
                        };
                        return format!("{sign}{text}{unit}");
                    }
                }
                value.to_string()
            }
        }
    }
}

/// Colours that set rows apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Highlight {
    /// Background colours of ranks 1, 2 and 3 (dark gold, silver, bronze).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top3: Option<[(u8, u8, u8); 3]>,
    /// Background colour of the local player's own row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_player: Option<(u8, u8, u8)>,
}

impl Default for Highlight {
    fn default() -> Self {
        Highlight {
            // Dark enough that white and gold text stays readable on them.
            top3: Some([(120, 96, 24), (88, 92, 104), (110, 70, 40)]),
            local_player: Some((40, 90, 160)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NumberFormat;

    #[test]
    fn formats_numbers_as_players_read_them() {
        assert_eq!(NumberFormat::Separated.format(1_234_567), "1,234,567");
        assert_eq!(NumberFormat::Separated.format(-1000), "-1,000");
        assert_eq!(NumberFormat::Separated.format(999), "999");
        assert_eq!(NumberFormat::Abbreviated.format(1_234), "1.2K");
        assert_eq!(NumberFormat::Abbreviated.format(1_999), "1.9K");
        assert_eq!(NumberFormat::Abbreviated.format(3_400_000), "3.4M");
        assert_eq!(NumberFormat::Abbreviated.format(2_000_000_000), "2B");
        assert_eq!(NumberFormat::Abbreviated.format(999), "999");
        assert_eq!(NumberFormat::Plain.format(1_234_567), "1234567");
    }
}
