//! What kind of number a leaderboard ranks, and how it is kept in an
//! OrderedDataStore, which holds only whole numbers (exact up to 2^53 in
//! Luau).
//!
//! - Whole numbers are stored as they are.
//! - Decimals with N places are stored as fixed point: 12.5 with 2 places is
//!   1250.
//! - Times (seconds) are stored in hundredths and ranked lowest first; they
//!   read as m:ss.cc.
//! - Huge numbers (past 2^53, up to Luau's largest number) are stored with an
//!   order-preserving encoding: the power of ten and the first
//!   [`HUGE_DIGITS`] digits, so a bigger number never gets a smaller code.
//!
//! The exported runtime (assets/luau/DataManager/NumberKinds.luau) does the
//! same arithmetic; tests run both and compare.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum NumberKind {
    #[default]
    Whole,
    /// A number with `places` digits after the point (1 to [`MAX_PLACES`]).
    Decimal { places: u8 },
    /// Seconds, shown as m:ss.cc; lowest first.
    Time,
    /// Numbers past 2^53, shown as 1.2Qa.
    Huge,
}

/// More places leave too little room before 2^53 and are rarely readable.
pub const MAX_PLACES: u8 = 6;
/// Largest whole number a Luau number holds exactly (2^53).
pub const MAX_EXACT: f64 = 9_007_199_254_740_992.0;
/// Significant digits a huge number keeps.
pub const HUGE_DIGITS: i32 = 13;
/// 10^HUGE_DIGITS: one step of the power of ten in a huge code.
const HUGE_STEP: f64 = 1e13;
/// Luau's largest finite number is about 1.8e308.
const HUGE_MAX_POWER: i32 = 308;

impl NumberKind {
    /// How many stored units one unit of the stat is (1 for whole numbers and
    /// huge numbers, which have their own encoding).
    pub fn scale(self) -> f64 {
        match self {
            NumberKind::Whole | NumberKind::Huge => 1.0,
            NumberKind::Decimal { places } => 10f64.powi(i32::from(places.min(MAX_PLACES))),
            NumberKind::Time => 100.0,
        }
    }

    /// The whole number stored for `value`, or None if it can't be stored
    /// (not finite, or out of range).
    pub fn encode(self, value: f64) -> Option<i64> {
        if !value.is_finite() {
            return None;
        }
        let stored = match self {
            NumberKind::Huge => return Some(encode_huge(value) as i64),
            // Round half away from zero, as Luau's math.floor(x + 0.5) does for positives.
            _ => (value * self.scale()).round(),
        };
        (stored.abs() <= MAX_EXACT).then_some(stored as i64)
    }

    /// The stat back from what is stored (exact for whole numbers, to the
    /// kind's precision otherwise).
    pub fn decode(self, stored: i64) -> f64 {
        match self {
            NumberKind::Huge => decode_huge(stored as f64),
            _ => stored as f64 / self.scale(),
        }
    }

    /// Largest stat that can be stored, for validation against a field's
    /// limits.
    pub fn largest(self) -> f64 {
        match self {
            NumberKind::Huge => f64::MAX,
            _ => MAX_EXACT / self.scale(),
        }
    }

    /// The value as players read it. `whole` formats whole numbers (1.2M,
    /// 1,234,567), which decimals use for the part before the point.
    pub fn format(self, value: f64, whole: super::NumberFormat) -> String {
        if !value.is_finite() {
            return "-".into();
        }
        match self {
            NumberKind::Whole => whole.format(value.round() as i64),
            NumberKind::Decimal { places } => {
                let places = usize::from(places.min(MAX_PLACES));
                let text = format!("{:.*}", places, value.abs());
                let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
                let int: i64 = int.parse().unwrap_or(0);
                let sign = if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
                    "-"
                } else {
                    ""
                };
                if whole == super::NumberFormat::Abbreviated && int >= 1000 {
                    return format!("{sign}{}", whole.format(int));
                }
                format!("{sign}{}.{frac}", whole.format(int))
            }
            NumberKind::Time => format_time(value),
            NumberKind::Huge => format_huge(value),
        }
    }
}

/// Seconds as m:ss.cc (h:mm:ss.cc from an hour on), truncated to hundredths
/// so a time never reads faster than it was.
pub fn format_time(seconds: f64) -> String {
    let hundredths = (seconds.max(0.0) * 100.0 + 1e-6).floor() as i64;
    let (cs, total) = (hundredths % 100, hundredths / 100);
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}.{cs:02}")
    } else {
        format!("{m}:{s:02}.{cs:02}")
    }
}

/// Short names of powers of a thousand, as Roblox games write them.
pub const HUGE_SUFFIXES: [&str; 21] = [
    "", "K", "M", "B", "T", "Qa", "Qi", "Sx", "Sp", "Oc", "No", "Dc", "Ud", "Dd", "Td", "Qad",
    "Qid", "Sxd", "Spd", "Ocd", "Nod",
];

/// 1234 as 1.2K, 1.2e15 as 1.2Qa; past the last suffix as 1.2e63.
pub fn format_huge(value: f64) -> String {
    if !value.is_finite() {
        return "-".into();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let abs = value.abs();
    if abs < 1000.0 {
        return format!("{sign}{}", abs.floor());
    }
    let power = power_of_ten(abs);
    let group = (power / 3) as usize;
    let Some(suffix) = HUGE_SUFFIXES.get(group) else {
        let tenths = (abs / pow10(power) * 10.0).floor() / 10.0;
        return format!("{sign}{tenths}e{power}");
    };
    // One decimal, truncated so 1,999 never reads 2.0K.
    let tenths = (abs / pow10(group as i32 * 3) * 10.0).floor() / 10.0;
    format!("{sign}{tenths}{suffix}")
}

/// 10^power for whole powers, the same way the Luau runtime gets it (`10 ^ p`).
fn pow10(power: i32) -> f64 {
    10f64.powf(f64::from(power))
}

/// The power of ten of a positive finite number: 10^p <= value < 10^(p+1).
fn power_of_ten(value: f64) -> i32 {
    let mut power = (value.log10().floor() as i32).clamp(-330, HUGE_MAX_POWER);
    // log10 can be one off next to a power of ten; the comparisons decide.
    while power < HUGE_MAX_POWER && value >= pow10(power + 1) {
        power += 1;
    }
    while power > -330 && value < pow10(power) {
        power -= 1;
    }
    power
}

/// The order-preserving code of a huge number: 0 for anything below 1, else
/// (power + 1) * 10^13 + the first 13 digits. Codes stay below 3.1e15, well
/// inside 2^53. Numbers below 10^13 keep every digit, so whole numbers there
/// round-trip exactly.
pub fn encode_huge(value: f64) -> f64 {
    if value.is_nan() || value < 1.0 {
        return 0.0;
    }
    let value = value.min(f64::MAX);
    let power = power_of_ten(value);
    let shift = HUGE_DIGITS - 1 - power;
    // Multiplying or dividing by an exact power of ten keeps whole numbers exact.
    let digits = if shift >= 0 {
        value * pow10(shift)
    } else {
        value / pow10(-shift)
    };
    let digits = digits.floor().clamp(0.0, HUGE_STEP - 1.0);
    f64::from(power + 1) * HUGE_STEP + digits
}

/// A huge number back from its code.
pub fn decode_huge(code: f64) -> f64 {
    if code.is_nan() || code < HUGE_STEP {
        return 0.0;
    }
    let power = (code / HUGE_STEP).floor() as i32 - 1;
    let digits = code - f64::from(power + 1) * HUGE_STEP;
    let shift = HUGE_DIGITS - 1 - power;
    if shift >= 0 {
        digits / pow10(shift)
    } else {
        digits * pow10(-shift)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::NumberFormat;

    #[test]
    fn formats_each_kind() {
        assert_eq!(format_time(83.456), "1:23.45");
        assert_eq!(format_time(5.0), "0:05.00");
        assert_eq!(format_time(3723.5), "1:02:03.50");
        assert_eq!(format_huge(1.23e15), "1.2Qa");
        assert_eq!(format_huge(999.0), "999");
        assert_eq!(format_huge(1999.0), "1.9K");
        assert_eq!(format_huge(2.5e70), "2.5e70");
        let two = NumberKind::Decimal { places: 2 };
        assert_eq!(two.format(12.5, NumberFormat::Plain), "12.50");
        assert_eq!(two.format(1234.5, NumberFormat::Separated), "1,234.50");
        assert_eq!(two.format(-0.001, NumberFormat::Plain), "0.00");
        assert_eq!(two.format(-3.25, NumberFormat::Plain), "-3.25");
    }

    #[test]
    fn stores_fixed_point_and_refuses_what_does_not_fit() {
        let two = NumberKind::Decimal { places: 2 };
        assert_eq!(two.encode(12.345), Some(1235));
        assert_eq!(two.decode(1235), 12.35);
        assert_eq!(NumberKind::Time.encode(61.5), Some(6150));
        assert_eq!(NumberKind::Whole.encode(f64::NAN), None);
        assert_eq!(two.encode(1e15), None);
        assert_eq!(NumberKind::Huge.encode(1e300).map(|c| c > 0), Some(true));
    }

    #[test]
    fn huge_codes_keep_whole_numbers_below_ten_trillion() {
        for v in [
            1.0,
            9.0,
            10.0,
            999.0,
            1000.0,
            123_456_789.0,
            9_999_999_999_999.0,
        ] {
            assert_eq!(decode_huge(encode_huge(v)), v, "{v}");
        }
        assert_eq!(encode_huge(0.5), 0.0);
        assert!(encode_huge(f64::MAX) < MAX_EXACT);
    }
}
