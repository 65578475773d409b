//! The gallery of leaderboard looks: each one valid, each one fitting every
//! device preset (nothing cut off but scrolled rows, text in its box and at
//! least 11 px on phones, inside the safe area), and applying one keeps
//! what the board ranks.

use datastore_designer::layout::fit::{MIN_PHONE_TEXT, misfits};
use datastore_designer::layout::surface::layout_on_part;
use datastore_designer::layout::{
    Device, DeviceKind, LayoutOptions, SampleEntry, TopBar, fill_ranking, fill_rows, layout,
    sample_entries,
};
use datastore_designer::project::gui::{FontWeight, GuiNode, PropValue};
use datastore_designer::project::leaderboard::{Display, NumberFormat, RankOrder, YouRow};
use datastore_designer::project::looks::{self, DEFAULT_PART, Look};
use datastore_designer::project::periods::Period;
use datastore_designer::project::validate;
use datastore_designer::project::{Leaderboard, Project, examples, file};

fn starter() -> Project {
    file::parse_str(examples::text("starter").unwrap(), "starter").unwrap()
}

#[test]
fn the_gallery_has_at_least_eight_looks_with_their_own_names() {
    let all = looks::all();
    assert!(all.len() >= 8, "{}", all.len());
    for (i, look) in all.iter().enumerate() {
        for other in &all[i + 1..] {
            assert_ne!(look.id, other.id);
            assert_ne!(look.title, other.title);
            assert_ne!(
                look.parts(looks::Room::default()).gui,
                other.parts(looks::Room::default()).gui,
                "{} and {}",
                look.id,
                other.id
            );
        }
        assert_eq!(looks::by_id(look.id).unwrap().id, look.id);
        assert_eq!(
            look.parts(looks::Room::default()).gui.class == "SurfaceGui",
            look.on_part,
            "{}",
            look.id
        );
    }
    assert!(
        all.iter().any(|l| l.on_part),
        "a look for a part in the world"
    );
}

#[test]
fn every_look_is_a_valid_board_without_warnings() {
    // Every board of the starter: all time, and this week with its own row.
    for b in 0..starter().leaderboards.len() {
        for look in looks::all() {
            let mut project = starter();
            look.apply_to(&mut project.leaderboards[b]);
            let found: Vec<_> = validate::check(&project)
                .into_iter()
                .filter(|d| d.path.starts_with("leaderboards"))
                .collect();
            assert!(found.is_empty(), "{} on board {b}: {found:#?}", look.id);
            assert_eq!(Look::worn_by(&project.leaderboards[b]).unwrap().id, look.id);
        }
    }
}

/// The extras a board can ask a look to make room for.
#[derive(Debug, Clone, Copy)]
enum Extras {
    None,
    /// Four period tabs, and the player's own row beyond the top list
    /// (its widest text).
    FourTabsAndUnrankedYou,
    /// Two period tabs, and the player's own row ranked.
    TwoTabsAndRankedYou,
    /// One monthly period: no tabs, the countdown names the period.
    MonthlyOnly,
}

fn dress(look: &Look, extras: Extras) -> Leaderboard {
    let mut board = starter().leaderboards.remove(0);
    match extras {
        Extras::None => {}
        Extras::FourTabsAndUnrankedYou => {
            board.periods = Period::ALL.to_vec();
            board.you_row = Some(YouRow::default());
        }
        Extras::TwoTabsAndRankedYou => {
            board.periods = vec![Period::AllTime, Period::Weekly];
            board.you_row = Some(YouRow::default());
        }
        Extras::MonthlyOnly => board.periods = vec![Period::Monthly],
    }
    look.apply_to(&mut board);
    board
}

/// The board filled as players see it: `top` rows, the tabs, the
/// countdown (its widest: a month's "30d 23h") and the player's own row.
fn filled(board: &Leaderboard, top: u32, format: NumberFormat, extras: Extras) -> GuiNode {
    let entries = sample_entries(top, 12_345_678);
    let mut gui = fill_rows(board, &entries, format);
    let you = match extras {
        Extras::TwoTabsAndRankedYou => entries[entries.len() / 2].clone(),
        _ => SampleEntry {
            rank: 0,
            name: "TheLongestUsernameEver20".into(),
            value: 9_999_999,
            user_id: 1,
        },
    };
    let value = format.format(you.value);
    let shown = *board.periods.last().unwrap();
    fill_ranking(board, &mut gui, shown, "30d 23h", Some((&you, &value)));
    gui
}

/// Every look, at 3, 10 and 100 players, with short and long numbers,
/// with and without tabs and the player's own row, on every device preset
/// under both top bars.
#[test]
fn every_look_fits_every_device_preset() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for look in looks::all() {
        for extras in [
            Extras::None,
            Extras::FourTabsAndUnrankedYou,
            Extras::TwoTabsAndRankedYou,
            Extras::MonthlyOnly,
        ] {
            let board = dress(&look, extras);
            for top in [3, 10, 100] {
                for format in [NumberFormat::Abbreviated, NumberFormat::Separated] {
                    let gui = filled(&board, top, format, extras);
                    for device in Device::presets() {
                        for top_bar in [TopBar::Current, TopBar::Classic] {
                            let options = LayoutOptions {
                                top_bar,
                                ..Default::default()
                            };
                            // A board on a part is laid out on the part's face.
                            let laid = match board.display.part_size() {
                                Some(part) => layout_on_part(&gui, &device, &options, part).0,
                                None => layout(&gui, &device, &options),
                            };
                            checked += 1;
                            for m in misfits(&laid, &gui, &device, &options) {
                                problems.push(format!(
                                    "{} ({top} rows, {format:?}, {extras:?}) on {} ({top_bar:?}): {} {}",
                                    look.id, device.name, m.path, m.problem
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 8 * 4 * 3 * 2 * 9 * 2);
}

#[test]
fn tabs_and_the_own_row_are_where_the_look_made_room_for_them() {
    for look in looks::all() {
        let board = dress(&look, Extras::FourTabsAndUnrankedYou);
        let tabs = board.tabs.as_ref().expect("several periods get tabs");
        assert!(board.gui.find(&tabs.goes_in).is_some(), "{}", look.id);
        let you = board.you_row.as_ref().unwrap();
        assert!(board.gui.find(&you.goes_in).is_some(), "{}", look.id);
        let found: Vec<_> = validate::check(&Project {
            leaderboards: vec![board.clone()],
            ..starter()
        })
        .into_iter()
        .filter(|d| d.path.starts_with("leaderboards"))
        .collect();
        assert!(found.is_empty(), "{}: {found:#?}", look.id);
        let gui = filled(
            &board,
            10,
            NumberFormat::Abbreviated,
            Extras::FourTabsAndUnrankedYou,
        );
        let holder = gui.find(&tabs.goes_in).unwrap();
        let labels: Vec<_> = holder
            .children
            .iter()
            .filter_map(|t| match t.prop("Text") {
                Some(PropValue::String(s)) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            labels,
            ["All time", "Today", "This week", "This month"],
            "{}",
            look.id
        );
        // One period: no tabs.
        let single = dress(&look, Extras::None);
        assert!(
            single.tabs.is_none() && single.you_row.is_none(),
            "{}",
            look.id
        );
    }
}

#[test]
fn applying_a_look_keeps_what_the_board_ranks() {
    let mut project = starter();
    let board = &mut project.leaderboards[0];
    board.top = 42;
    board.order = RankOrder::Ascending;
    board.update_seconds = 300;
    board.number_format = NumberFormat::Separated;
    board.empty_text = "Be the first!".into();
    let before = board.clone();
    let neon = looks::by_id("neon").unwrap();
    neon.apply_to(board);
    let mut expected = before.clone();
    let parts = neon.parts_for(&before);
    expected.gui = parts.gui;
    expected.rows_in = parts.rows_in;
    expected.row_template = parts.row_template;
    expected.highlight = parts.highlight;
    assert_eq!(*board, expected);

    // A look made for a part moves the board onto one, and back.
    let sign = looks::all().into_iter().find(|l| l.on_part).unwrap();
    sign.apply_to(board);
    assert_eq!(board.display, Display::surface(DEFAULT_PART));
    board.display = Display::surface("LobbySign");
    sign.apply_to(board);
    assert_eq!(
        board.display,
        Display::surface("LobbySign"),
        "keeps the part it is on"
    );
    // On a wider part, the sign's canvas takes the face's shape (else
    // Roblox would stretch it): 16 x 8 studs at 800 px high is 1600 wide.
    board.display = Display::Surface {
        part: "LobbySign".into(),
        part_size: [16.0, 8.0, 1.0],
    };
    sign.apply_to(board);
    assert_eq!(
        board.gui.prop("CanvasSize"),
        Some(&PropValue::Vector2(1600.0, 800.0))
    );
    neon.apply_to(board);
    assert_eq!(board.display, Display::Screen);
    assert_eq!((board.top, board.stat.as_str()), (42, "Coins"));
}

fn text(name: &str, size: f32, width: i32) -> GuiNode {
    GuiNode::new("TextLabel", name)
        .with("Text", PropValue::String("Top players".into()))
        .with("TextSize", PropValue::Float(size))
        .with(
            "FontFace",
            PropValue::font("rbxasset://fonts/families/GothamSSm.json", FontWeight::Bold),
        )
        .with("Size", PropValue::udim2(0.0, width, 0.0, 30))
}

fn problems_of(gui: &GuiNode, device: &str) -> Vec<String> {
    let device = Device::by_name(device).unwrap();
    let options = LayoutOptions::default();
    let laid = layout(gui, &device, &options);
    misfits(&laid, gui, &device, &options)
        .into_iter()
        .map(|m| format!("{}: {}", m.path, m.problem))
        .collect()
}

#[test]
fn the_fit_check_finds_what_a_player_would_miss() {
    let gui = |child: GuiNode| {
        GuiNode::new("ScreenGui", "G").child(
            GuiNode::new("Frame", "Panel")
                .with("Position", PropValue::udim2(0.0, 20, 0.0, 20))
                .with("Size", PropValue::udim2(0.0, 300, 0.0, 200))
                .child(child),
        )
    };
    // Fits: 14 px text in a wide box.
    assert_eq!(
        problems_of(&gui(text("T", 14.0, 200)), "iphone7"),
        Vec::<String>::new()
    );
    // 10 px text: fine on a desktop, too small on a phone.
    let small = gui(text("T", 10.0, 200));
    assert_eq!(problems_of(&small, "desktop"), Vec::<String>::new());
    let p = problems_of(&small, "iphone7");
    assert!(
        p.len() == 1 && p[0].starts_with("G/Panel/T: has text 10 px"),
        "{p:?}"
    );
    assert_eq!(MIN_PHONE_TEXT, 11.0);
    // Text wider than its box.
    let p = problems_of(&gui(text("T", 20.0, 40)), "desktop");
    assert_eq!(p, ["G/Panel/T: has text that doesn't fit its box"]);
    // A child hanging out of its panel.
    let p = problems_of(
        &gui(text("T", 14.0, 200).with("Position", PropValue::udim2(0.0, 200, 0.0, 0))),
        "desktop",
    );
    assert_eq!(p, ["G/Panel/T: sticks out of G/Panel"]);
    // A panel pushed under the Dynamic Island of a landscape iPhone 16:
    // ScreenInsets None ignores the safe area, so it draws there.
    let under_notch = GuiNode::new("ScreenGui", "G")
        .with("ScreenInsets", PropValue::enum_item("ScreenInsets", "None"))
        .child(
            GuiNode::new("Frame", "Panel")
                .with("Position", PropValue::udim2(0.0, 10, 0.0, 80))
                .with("Size", PropValue::udim2(0.0, 200, 0.0, 100)),
        );
    let p = problems_of(&under_notch, "iphone16");
    assert!(
        p.iter()
            .any(|m| m == "G/Panel: reaches under the top bar or past the screen's safe area"),
        "{p:?}"
    );
    assert!(problems_of(&under_notch, "desktop").is_empty());
    // A panel half off the bottom of the screen is cut off there.
    let off = GuiNode::new("ScreenGui", "G").child(
        GuiNode::new("Frame", "Panel")
            .with("Position", PropValue::udim2(0.0, 10, 1.0, -50))
            .with("Size", PropValue::udim2(0.0, 200, 0.0, 100)),
    );
    let p = problems_of(&off, "desktop");
    assert!(p.iter().any(|m| m == "G/Panel: is cut off"), "{p:?}");
}

#[test]
fn phones_are_among_the_presets_checked() {
    assert!(
        Device::presets()
            .iter()
            .filter(|d| d.kind == DeviceKind::Phone)
            .count()
            >= 4
    );
}

/// The room a look makes, in Roblox's UDim2 terms: a list at
/// Position (0,10),(0,45), Size (1,-20),(1,-50) (its bottom edge at
/// 1 - 5 px) gets a 28 px strip of tabs at its old top, moves down by
/// 28 + 5, and ends 36 + 5 px higher, where a 36 px holder for the own row
/// ends on the list's old bottom edge: (1,-41) + 36 = (1,-5).
#[test]
fn making_room_moves_the_list_by_whole_pixels_and_keeps_its_edges() {
    use datastore_designer::project::UDim;
    use datastore_designer::project::looks::parts::{GOTHAM, Room, caption as line, make_room};
    let caption = || line((255, 255, 255), GOTHAM, 12.0);
    let list = GuiNode::new("ScrollingFrame", "List")
        .with("Position", PropValue::udim2(0.0, 10, 0.0, 45))
        .with("Size", PropValue::udim2(1.0, -20, 1.0, -50));
    let mut gui = GuiNode::new("ScreenGui", "G").child(GuiNode::new("Frame", "Panel").child(list));
    let room = Room {
        tabs: true,
        you: true,
        countdown: None,
    };
    let (tabs_in, you_in) = make_room(&mut gui, "Panel/List", room, (28, 36, 5), caption());
    assert_eq!(
        (tabs_in.as_str(), you_in.as_str()),
        ("Panel/Tabs", "Panel/You")
    );
    let at = |path: &str, prop: &str| gui.find(path).unwrap().prop(prop).cloned().unwrap();
    let u2 = |xs, xo, ys, yo| PropValue::UDim2(UDim(xs, xo), UDim(ys, yo));
    assert_eq!(at("Panel/Tabs", "Position"), u2(0.0, 10, 0.0, 45));
    assert_eq!(at("Panel/Tabs", "Size"), u2(1.0, -20, 0.0, 28));
    assert_eq!(at("Panel/List", "Position"), u2(0.0, 10, 0.0, 78));
    assert_eq!(at("Panel/List", "Size"), u2(1.0, -20, 1.0, -124));
    assert_eq!(at("Panel/You", "Position"), u2(0.0, 10, 1.0, -41));
    assert_eq!(at("Panel/You", "Size"), u2(1.0, -20, 0.0, 36));
    // Nothing asked, nothing moved.
    let before = gui.clone();
    let (t, y) = make_room(
        &mut gui,
        "Panel/List",
        Room::default(),
        (28, 36, 5),
        caption(),
    );
    assert_eq!((t.as_str(), y.as_str(), &gui), ("", "", &before));
}

/// The own row's words for a player beyond the list: the default ("Not in
/// the top 10") fits no rank column, so a look says "10+" instead; words
/// the designer wrote stay.
#[test]
fn a_look_keeps_the_designers_own_words_for_the_unranked_row() {
    let neon = looks::by_id("neon").unwrap();
    let mut board = starter().leaderboards.remove(0);
    board.you_row = Some(YouRow::default());
    neon.apply_to(&mut board);
    assert_eq!(
        board.you_row.as_ref().unwrap().unranked_text,
        looks::UNRANKED
    );
    board.you_row = Some(YouRow {
        unranked_text: "Keep going!".into(),
        ..YouRow::default()
    });
    neon.apply_to(&mut board);
    let you = board.you_row.as_ref().unwrap();
    assert_eq!(you.unranked_text, "Keep going!");
    assert_eq!(you.goes_in, "Panel/You");
}

/// The starter's all-time board in `id`, with only that period.
fn worn(id: &str) -> Leaderboard {
    let mut board = starter().leaderboards[0].clone();
    board.periods = vec![Period::AllTime];
    board.tabs = None;
    board.you_row = None;
    looks::by_id(id).unwrap().apply_to(&mut board);
    board
}

#[test]
fn refitting_a_worn_look_makes_room_for_the_options_turned_on_since() {
    for look in looks::all() {
        let mut board = worn(look.id);
        // Options turned on after the look: the GUI has no room for them.
        board.you_row = Some(YouRow::default());
        board.periods = vec![Period::AllTime, Period::Weekly];
        board.tabs = Some(datastore_designer::project::Tabs {
            goes_in: "Nowhere".into(),
            template: GuiNode::new("TextButton", "Tab"),
        });
        assert!(Look::worn_by(&board).is_none(), "{}", look.id);
        look.refit(&mut board);
        assert_eq!(Look::worn_by(&board).unwrap().id, look.id);
        let tabs = board.tabs.as_ref().expect("tabs kept");
        assert!(board.gui.find(&tabs.goes_in).is_some(), "{}", look.id);
        let you = &board.you_row.as_ref().unwrap().goes_in;
        assert!(
            you.is_empty() || board.gui.find(you).is_some(),
            "{}",
            look.id
        );
    }
}

#[test]
fn refitting_keeps_tabs_off_when_the_designer_turned_them_off() {
    let look = looks::by_id("classic-dark").unwrap();
    let mut board = worn(look.id);
    board.periods = vec![Period::AllTime, Period::Weekly];
    look.apply_to(&mut board);
    assert!(
        board.tabs.is_some(),
        "picking a look gives several periods tabs"
    );
    board.tabs = None;
    look.refit(&mut board);
    assert!(board.tabs.is_none());
    // Still recognised as the look, so later options keep it fitting.
    assert_eq!(Look::worn_by(&board).unwrap().id, look.id);
}

#[test]
fn a_changed_look_without_room_is_found_and_one_with_room_is_left_alone() {
    for look in looks::all() {
        // Tabs and the own row turned on after the look, and the panel
        // recoloured by hand: the list is where it was without room.
        let mut board = worn(look.id);
        board.gui.children.push(GuiNode::new("Frame", "MyOwnFrame"));
        board.you_row = Some(YouRow::default());
        assert!(Look::worn_by(&board).is_none(), "{}", look.id);
        // A look whose own row goes after the list (the podium's) has
        // nothing to make room for.
        let with_you = looks::Room {
            you: true,
            ..looks::Room::default()
        };
        let makes_room = look.parts(with_you).gui != look.parts(looks::Room::default()).gui;
        assert_eq!(
            Look::lacking_room(&board).map(|l| l.id),
            makes_room.then_some(look.id),
            "{} without room for the own row",
            look.id
        );
        // Re-applied with room, then changed by hand: nothing to say.
        look.refit(&mut board);
        board.gui.children.push(GuiNode::new("Frame", "MyOwnFrame"));
        assert!(Look::worn_by(&board).is_none());
        assert_eq!(
            Look::lacking_room(&board).map(|l| l.id),
            None,
            "{}",
            look.id
        );
    }
    // A board wearing a look unchanged needs no hint.
    assert!(Look::lacking_room(&worn("neon")).is_none());
}

#[test]
fn a_gui_no_look_resembles_gets_no_hint() {
    let mut board = worn("classic-dark");
    board.gui = GuiNode::new("ScreenGui", "Mine")
        .child(GuiNode::new("Frame", "Board").with("Size", PropValue::udim2(0.3, 0, 0.5, 0)));
    board.you_row = Some(YouRow::default());
    assert!(Look::lacking_room(&board).is_none());
}
