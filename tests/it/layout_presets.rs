//! Every example leaderboard, filled with rows, laid out at every device
//! preset: no panics, every rectangle finite, rows stacked by the list.

use datastore_designer::layout::{
    Device, LayoutOptions, Rect, TopBar, fill_rows, layout, sample_entries,
};
use datastore_designer::project::leaderboard::NumberFormat;
use datastore_designer::project::{PropValue, examples, file};

#[test]
fn presets_have_names_and_portrait_variants() {
    let names = Device::names();
    for n in [
        "desktop", "laptop", "iphone16", "iphone7", "ipad", "console",
    ] {
        assert!(names.contains(&n), "{n}");
        assert!(Device::by_name(n).unwrap().width > Device::by_name(n).unwrap().height);
    }
    for n in ["iphone16-portrait", "iphone7-portrait", "ipad-portrait"] {
        let d = Device::by_name(n).unwrap();
        assert!(d.height > d.width, "{n}");
    }
    let phone = Device::by_name("iPhone16").unwrap();
    assert_eq!((phone.width, phone.height), (852.0, 393.0));
    assert_eq!(
        (phone.safe_insets.left, phone.safe_insets.right),
        (59.0, 59.0)
    );
}

#[test]
fn example_leaderboards_lay_out_at_every_preset() {
    let mut boards = 0;
    for name in examples::names() {
        let project = file::parse_str(examples::text(name).unwrap(), name).unwrap();
        for board in &project.leaderboards {
            boards += 1;
            let entries = sample_entries(board.top, 12_345_678);
            let gui = fill_rows(board, &entries, board.number_format);
            for device in Device::presets() {
                for top_bar in [TopBar::Current, TopBar::Classic] {
                    let options = LayoutOptions {
                        top_bar,
                        ..Default::default()
                    };
                    let l = layout(&gui, &device, &options);
                    assert_eq!(
                        l.nodes.len(),
                        gui.walk()
                            .iter()
                            .filter(|(_, n)| !n.class.starts_with("UI"))
                            .count()
                    );
                    for n in &l.nodes {
                        assert!(
                            n.rect().is_finite() && n.clip.is_finite(),
                            "{} at {}",
                            n.path,
                            device.name
                        );
                        if let Some(t) = &n.text {
                            for line in &t.lines {
                                assert!(
                                    Rect::new(line.x, line.y, line.width, t.line_height)
                                        .is_finite()
                                        && line.baseline.is_finite()
                                );
                            }
                        }
                    }
                    // Rows are stacked top to bottom in rank order.
                    let rows: Vec<_> = (1..=board.top)
                        .filter_map(|r| {
                            l.get(&format!(
                                "{}/{}/{}{r}",
                                board.gui.name, board.rows_in, board.row_template.name
                            ))
                        })
                        .collect();
                    assert_eq!(rows.len(), board.top as usize, "{name} at {}", device.name);
                    for pair in rows.windows(2) {
                        assert!(pair[1].position.y > pair[0].position.y);
                    }
                    assert!(!l.draw_order.is_empty());
                }
            }
        }
    }
    assert!(boards >= 2);
}

#[test]
fn starter_leaderboard_on_desktop_and_iphone() {
    let project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
    let board = &project.leaderboards[0];
    let gui = fill_rows(
        board,
        &sample_entries(10, 5_000_000),
        NumberFormat::Abbreviated,
    );
    // Desktop: area (0, 58, 1920, 1022). Frame: Size (0,280),(0.7,0) ->
    // 280 x 715.4, clamped by UISizeConstraint max 380 -> 280 x 380.
    // Top right, like the seed's: AnchorPoint (1, 0) at (1,-12),(0,12):
    // x = 1920 - 12 - 280 = 1628, y = 58 + 12 = 70.
    let l = layout(
        &gui,
        &Device::by_name("desktop").unwrap(),
        &LayoutOptions::default(),
    );
    let frame = l.get("LeaderboardGUI/LeaderboardFrame").unwrap();
    assert_eq!(frame.rect(), Rect::new(1628.0, 70.0, 280.0, 380.0));
    assert_eq!(frame.corner_radius, 10.0);
    // iPhone 16: area (59, 58, 734, 314). 0.7 * 314 = 219.8 (within 160..380).
    // x = 59 + 734 - 12 - 280 = 501; y = 58 + 12 = 70.
    let l = layout(
        &gui,
        &Device::by_name("iphone16").unwrap(),
        &LayoutOptions::default(),
    );
    let frame = l.get("LeaderboardGUI/LeaderboardFrame").unwrap();
    let r = frame.rect();
    assert!(
        (r.x - 501.0).abs() < 1e-3 && (r.y - 70.0).abs() < 1e-3 && (r.h - 219.8).abs() < 1e-3,
        "{r:?}"
    );
    // The list scrolls: ListFrame is (1,-20),(1,-50) = 260 x 169.8 at (511, 115),
    // rows of 36 + 5 padding: 10 rows = 10*36 + 9*5 = 405 > 169.8.
    let list = l.get("LeaderboardGUI/LeaderboardFrame/ListFrame").unwrap();
    let sc = list.scroll.unwrap();
    assert!((sc.canvas.h - 405.0).abs() < 1e-3, "{sc:?}");
    assert!(sc.vertical_bar.is_some());
    // Rows below the window are clipped away.
    let last = l
        .get("LeaderboardGUI/LeaderboardFrame/ListFrame/Entry10")
        .unwrap();
    assert!(last.visible_rect.is_none());
    // Values are substituted and formatted.
    let first = &gui.find("LeaderboardFrame/ListFrame/Entry1").unwrap();
    let texts: Vec<String> = first
        .walk()
        .iter()
        .filter_map(|(_, n)| match n.prop("Text") {
            Some(PropValue::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(texts.iter().any(|t| t == "#1"), "{texts:?}");
    assert!(texts.iter().any(|t| t.ends_with("5M")), "{texts:?}");
}
