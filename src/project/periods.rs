//! Leaderboard periods: boards that start again every day, week or month
//! (UTC), and what a periodic board ranks.
//!
//! Each period has its own key space in the board's OrderedDataStore: the
//! exported runtime opens the store with a scope named after the period and
//! the day it started (`Weekly_2026-12-07`), so a new period starts empty and
//! the old one stays readable. All-time boards use the default scope, as
//! boards did before periods existed.

use serde::{Deserialize, Serialize};

use super::calendar::{civil_from_days, days_from_civil};

/// How long one ranking lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Period {
    AllTime,
    /// Starts again at 00:00 UTC.
    Daily,
    /// Starts again at 00:00 UTC on the week's first day.
    Weekly,
    /// Starts again at 00:00 UTC on the 1st.
    Monthly,
}

impl Period {
    pub const ALL: [Period; 4] = [
        Period::AllTime,
        Period::Daily,
        Period::Weekly,
        Period::Monthly,
    ];

    /// The name players read on a tab (`{period}`).
    pub fn label(self) -> &'static str {
        match self {
            Period::AllTime => "All time",
            Period::Daily => "Today",
            Period::Weekly => "This week",
            Period::Monthly => "This month",
        }
    }

    /// The name designers pick it by.
    pub fn name(self) -> &'static str {
        match self {
            Period::AllTime => "All time",
            Period::Daily => "Daily",
            Period::Weekly => "Weekly",
            Period::Monthly => "Monthly",
        }
    }

    /// The name in the exported Config and in period scopes.
    pub fn code(self) -> &'static str {
        match self {
            Period::AllTime => "AllTime",
            Period::Daily => "Daily",
            Period::Weekly => "Weekly",
            Period::Monthly => "Monthly",
        }
    }
}

/// The first day of a week for weekly boards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Weekday {
    #[default]
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Days after Monday (Monday 0 .. Sunday 6).
    pub fn from_monday(self) -> u32 {
        self as u32
    }

    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

/// What a periodic board ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Ranking {
    /// The stat as it is (total coins ever, best time).
    #[default]
    Total,
    /// How much the stat grew since the period started (coins earned this
    /// week). The value at the start of the period is kept in the player's
    /// record and saved with it.
    Earned,
}

pub(crate) fn default_periods() -> Vec<Period> {
    vec![Period::AllTime]
}

pub(crate) fn is_all_time_only(periods: &[Period]) -> bool {
    periods == [Period::AllTime]
}

pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

const DAY: i64 = 86_400;

/// One period of a board: when it started and ends (Unix seconds, UTC), and
/// the scope its scores are kept under (None for all time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub starts: i64,
    pub ends: Option<i64>,
    pub scope: Option<String>,
}

/// The period that `now` (Unix seconds) falls in.
pub fn window(period: Period, week_starts: Weekday, now: i64) -> Window {
    let today = now.div_euclid(DAY);
    let (starts_day, ends_day) = match period {
        Period::AllTime => {
            return Window {
                starts: i64::MIN,
                ends: None,
                scope: None,
            };
        }
        Period::Daily => (today, today + 1),
        Period::Weekly => {
            // 1970-01-01 was a Thursday: Monday-based weekday is (days + 3) mod 7.
            let weekday = (today + 3).rem_euclid(7);
            let back = (weekday - i64::from(week_starts.from_monday())).rem_euclid(7);
            (today - back, today - back + 7)
        }
        Period::Monthly => {
            let (y, m, _) = civil_from_days(today);
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            (days_from_civil(y, m, 1), days_from_civil(ny, nm, 1))
        }
    };
    let (y, m, d) = civil_from_days(starts_day);
    let scope = match period {
        Period::Monthly => format!("{}_{y:04}-{m:02}", period.code()),
        _ => format!("{}_{y:04}-{m:02}-{d:02}", period.code()),
    };
    Window {
        starts: starts_day * DAY,
        ends: Some(ends_day * DAY),
        scope: Some(scope),
    }
}

/// The OrderedDataStore scope a period's scores are in at `now`: the
/// default scope for all time, else the period's own (`Weekly_2026-11-30`).
pub fn scope_at(period: Period, week_starts: Weekday, now: i64) -> String {
    window(period, week_starts, now)
        .scope
        .unwrap_or_else(|| super::erasure::DEFAULT_SCOPE.to_string())
}

/// The scopes an erasure removes a player from, exactly as the exported
/// runtime's `Leaderboards.erasableScopes` picks them: the default scope for
/// all time, and the current and previous period of each other period.
/// Older periods can't be found: OrderedDataStores have no list of scopes.
pub fn erasable_scopes(periods: &[Period], week_starts: Weekday, now: i64) -> Vec<String> {
    let mut scopes = Vec::new();
    let all_time = [Period::AllTime];
    let periods = if periods.is_empty() {
        &all_time[..]
    } else {
        periods
    };
    for &period in periods {
        let current = window(period, week_starts, now);
        let mut found = vec![scope_at(period, week_starts, now)];
        if current.scope.is_some()
            && let Some(previous) = window(period, week_starts, current.starts - 1).scope
        {
            found.push(previous);
        }
        for scope in found {
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
    }
    scopes
}

/// Time left as players read it: `3d 4h`, `4h 12m`, `12m 5s`.
pub fn time_left_text(seconds: i64) -> String {
    let s = seconds.max(0);
    let (d, h, m, sec) = (s / DAY, s % DAY / 3600, s % 3600 / 60, s % 60);
    if d > 0 {
        format!("{d}d {h}h")
    } else if h > 0 {
        format!("{h}h {m}m")
    } else {
        format!("{m}m {sec}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-06 12:00:00 UTC is a Sunday.
    const SUNDAY_NOON: i64 = 1_796_558_400;

    #[test]
    fn erasure_reaches_this_and_the_last_period() {
        let scopes = erasable_scopes(
            &[Period::AllTime, Period::Weekly, Period::Monthly],
            Weekday::Monday,
            SUNDAY_NOON,
        );
        assert_eq!(
            scopes,
            [
                "global",
                "Weekly_2026-11-30",
                "Weekly_2026-11-23",
                "Monthly_2026-12",
                "Monthly_2026-11"
            ]
        );
        assert_eq!(
            erasable_scopes(&[], Weekday::Monday, SUNDAY_NOON),
            ["global"]
        );
    }

    #[test]
    fn dates_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 365, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(SUNDAY_NOON / DAY), (2026, 12, 6));
    }

    #[test]
    fn periods_start_at_utc_midnight_on_the_right_day() {
        let daily = window(Period::Daily, Weekday::Monday, SUNDAY_NOON);
        assert_eq!(daily.scope.as_deref(), Some("Daily_2026-12-06"));
        assert_eq!(daily.ends, Some(daily.starts + DAY));

        let monday = window(Period::Weekly, Weekday::Monday, SUNDAY_NOON);
        assert_eq!(monday.scope.as_deref(), Some("Weekly_2026-11-30"));
        let sunday = window(Period::Weekly, Weekday::Sunday, SUNDAY_NOON);
        assert_eq!(sunday.scope.as_deref(), Some("Weekly_2026-12-06"));
        assert_eq!(sunday.ends, Some(sunday.starts + 7 * DAY));

        let month = window(Period::Monthly, Weekday::Monday, SUNDAY_NOON);
        assert_eq!(month.scope.as_deref(), Some("Monthly_2026-12"));
        // December has 31 days; the next period starts on 2027-01-01.
        assert_eq!(month.ends, Some(month.starts + 31 * DAY));
        assert_eq!(window(Period::AllTime, Weekday::Monday, 0).scope, None);
    }

    #[test]
    fn time_left_reads_plainly() {
        assert_eq!(time_left_text(3 * DAY + 4 * 3600 + 5), "3d 4h");
        assert_eq!(time_left_text(4 * 3600 + 12 * 60), "4h 12m");
        assert_eq!(time_left_text(65), "1m 5s");
        assert_eq!(time_left_text(-3), "0m 0s");
    }
}
