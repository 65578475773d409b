//! Leaderboard number kinds and periods: the encodings keep order and round
//! trip within their precision (property tests), and the exported Luau
//! (assets/luau/DataManager/NumberKinds.luau and Periods.luau, run in mlua's
//! Luau) gives exactly what the Rust side gives.

use datastore_designer::luau::runtime::FILES;
use datastore_designer::project::NumberKind;
use datastore_designer::project::number_kind::{self, MAX_EXACT, decode_huge, encode_huge};
use datastore_designer::project::periods::{self, Period, Weekday};
use mlua::{Function, Lua, Table};
use proptest::prelude::*;

/// The module `name` of the runtime, loaded into a fresh Luau state.
fn module(name: &str) -> (Lua, Table) {
    let file = FILES
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no runtime module {name}"));
    let lua = Lua::new();
    let table: Table = lua.load(file.source).set_name(name).eval().unwrap();
    (lua, table)
}

fn kind_name(kind: NumberKind) -> (&'static str, Option<u8>) {
    match kind {
        NumberKind::Whole => ("Whole", None),
        NumberKind::Decimal { places } => ("Decimal", Some(places)),
        NumberKind::Time => ("Time", None),
        NumberKind::Huge => ("Huge", None),
    }
}

fn kinds() -> impl Strategy<Value = NumberKind> {
    prop_oneof![
        Just(NumberKind::Whole),
        (1u8..=6).prop_map(|places| NumberKind::Decimal { places }),
        Just(NumberKind::Time),
        Just(NumberKind::Huge),
    ]
}

/// Positive numbers spread over every power of ten a Luau number has.
fn huge_values() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0.0f64..308.0).prop_map(|p| 10f64.powf(p)),
        (1.0f64..1e13).prop_map(f64::floor),
        Just(f64::MAX),
        Just(MAX_EXACT),
        Just(MAX_EXACT + 2.0),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn huge_codes_keep_order(a in huge_values(), b in huge_values()) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(encode_huge(low) <= encode_huge(high), "{low} {high}");
        prop_assert!(encode_huge(high) <= MAX_EXACT);
        prop_assert_eq!(encode_huge(high).fract(), 0.0);
    }

    #[test]
    fn huge_codes_round_trip_to_thirteen_digits(v in huge_values()) {
        let back = decode_huge(encode_huge(v));
        prop_assert!(back <= v * (1.0 + 1e-15), "{v} came back larger: {back}");
        prop_assert!((v - back) / v < 1e-12, "{v} came back as {back}");
        if v < 1e13 && v.fract() == 0.0 {
            prop_assert_eq!(back, v);
        }
    }

    #[test]
    fn fixed_point_keeps_order_and_round_trips(
        kind in kinds().prop_filter("fixed", |k| *k != NumberKind::Huge),
        a in -1e9f64..1e9,
        b in -1e9f64..1e9,
    ) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let (el, eh) = (kind.encode(low).unwrap(), kind.encode(high).unwrap());
        prop_assert!(el <= eh);
        // Within half a step of the kind's precision.
        let step = 1.0 / kind.scale();
        prop_assert!((kind.decode(el) - low).abs() <= step / 2.0 + 1e-9 * low.abs().max(1.0));
        // What is stored is stored again unchanged.
        prop_assert_eq!(kind.encode(kind.decode(el)), Some(el));
    }

    #[test]
    fn the_luau_encoder_matches_rust(kind in kinds(), v in prop_oneof![huge_values(), -1e12f64..1e12]) {
        let (lua, nk) = module("NumberKinds");
        let encode: Function = nk.get("encode").unwrap();
        let decode: Function = nk.get("decode").unwrap();
        let (name, places) = kind_name(kind);
        let luau: Option<f64> = encode.call((name, places, v)).unwrap();
        let rust = kind.encode(v).map(|c| c as f64);
        prop_assert_eq!(luau, rust, "{:?} {}", kind, v);
        if let Some(code) = rust {
            let back: f64 = decode.call((name, places, code)).unwrap();
            prop_assert_eq!(back, kind.decode(code as i64));
        }
        drop(lua);
    }

    #[test]
    fn luau_periods_match_rust(
        period in prop_oneof![Just(Period::AllTime), Just(Period::Daily), Just(Period::Weekly), Just(Period::Monthly)],
        week in 0usize..7,
        now in 0i64..4_102_444_800, // 1970 to 2100
    ) {
        let (lua, periods_lua) = module("Periods");
        let window: Function = periods_lua.get("window").unwrap();
        let weekday = Weekday::ALL[week];
        let got: Table = window.call((period.code(), week as i64, now)).unwrap();
        let rust = periods::window(period, weekday, now);
        prop_assert_eq!(got.get::<Option<String>>("scope").unwrap(), rust.scope.clone());
        prop_assert_eq!(got.get::<Option<i64>>("endsAt").unwrap(), rust.ends);
        if let Some(ends) = rust.ends {
            prop_assert!(rust.starts <= now && now < ends);
            prop_assert_eq!(got.get::<i64>("startsAt").unwrap(), rust.starts);
            // The next period starts where this one ends, under another scope.
            let next = periods::window(period, weekday, ends);
            prop_assert_eq!(next.starts, ends);
            prop_assert_ne!(next.scope, rust.scope);
        }
        drop(lua);
    }
}

#[test]
fn each_kind_reads_as_players_expect() {
    use datastore_designer::project::NumberFormat;
    assert_eq!(number_kind::format_huge(1.234e15), "1.2Qa");
    assert_eq!(number_kind::format_huge(5.5e18), "5.5Qi");
    assert_eq!(number_kind::format_time(75.129), "1:15.12");
    assert_eq!(
        NumberKind::Decimal { places: 1 }.format(2.26, NumberFormat::Separated),
        "2.3"
    );
}
