//! Hand-computed rectangles for each layout rule, at two device presets.
//!
//! Screens used below:
//! - desktop 1920x1080, no safe-area insets. Default ScreenGui
//!   (CoreUISafeInsets) area = below the 58 px top bar: (0, 58, 1920, 1022).
//! - iphone16 852x393, insets left 59, right 59, bottom 21. Device safe
//!   area = (59, 0, 852-118 = 734, 393-21 = 372); CoreUISafeInsets area =
//!   (59, 58, 734, 372-58 = 314).
//!
//! Tests of containers with fixed pixel sizes use ScreenInsets None, so the
//! ScreenGui's origin is (0, 0) on both devices and the numbers match.

use datastore_designer::layout::{
    Device, Layout, LayoutOptions, Rect, TopBar, layout, layout_many,
};
use datastore_designer::project::{GuiNode, PropValue};

fn devices() -> [Device; 2] {
    [
        Device::by_name("desktop").unwrap(),
        Device::by_name("iphone16").unwrap(),
    ]
}

fn e(ty: &str, item: &str) -> PropValue {
    PropValue::enum_item(ty, item)
}

fn screen(children: Vec<GuiNode>) -> GuiNode {
    let mut s = GuiNode::new("ScreenGui", "S");
    s.children = children;
    s
}

/// A ScreenGui filling the whole screen, origin (0, 0), not clipped to the
/// phone's safe area.
fn full_screen(children: Vec<GuiNode>) -> GuiNode {
    screen(children)
        .with("ScreenInsets", e("ScreenInsets", "None"))
        .with("ClipToDeviceSafeArea", PropValue::Bool(false))
}

fn frame(name: &str, w: i32, h: i32) -> GuiNode {
    GuiNode::new("Frame", name).with("Size", PropValue::udim2(0.0, w, 0.0, h))
}

fn at(node: GuiNode, x: i32, y: i32) -> GuiNode {
    node.with("Position", PropValue::udim2(0.0, x, 0.0, y))
}

fn lay(root: &GuiNode, d: &Device) -> Layout {
    layout(root, d, &LayoutOptions::default())
}

#[track_caller]
fn assert_rect(l: &Layout, path: &str, want: (f32, f32, f32, f32)) {
    let n = l.get(path).unwrap_or_else(|| panic!("no node {path}"));
    let got = (n.position.x, n.position.y, n.size.x, n.size.y);
    let close = |a: f32, b: f32| (a - b).abs() < 1e-3;
    assert!(
        close(got.0, want.0)
            && close(got.1, want.1)
            && close(got.2, want.2)
            && close(got.3, want.3),
        "{path}: got {got:?}, want {want:?}"
    );
}

#[test]
fn udim2_scale_offset_and_anchor_point() {
    let gui = screen(vec![
        GuiNode::new("Frame", "F")
            .with("Size", PropValue::udim2(0.5, 10, 0.25, 0))
            .with("Position", PropValue::udim2(0.5, 0, 0.5, 0))
            .with("AnchorPoint", PropValue::Vector2(0.5, 0.5)),
    ]);
    let [desktop, phone] = devices();
    // Desktop: parent (0,58,1920,1022). size = (0.5*1920+10, 0.25*1022) =
    // (970, 255.5); pos = (0 + 960 - 0.5*970, 58 + 511 - 0.5*255.5) = (475, 441.25).
    assert_rect(&lay(&gui, &desktop), "S/F", (475.0, 441.25, 970.0, 255.5));
    // iPhone: parent (59,58,734,314). size = (367+10, 78.5) = (377, 78.5);
    // pos = (59 + 367 - 188.5, 58 + 157 - 39.25) = (237.5, 175.75).
    assert_rect(&lay(&gui, &phone), "S/F", (237.5, 175.75, 377.0, 78.5));
    // AbsolutePosition is measured from the GUI inset: desktop (0, 58).
    let l = lay(&gui, &desktop);
    let n = l.get("S/F").unwrap();
    assert_eq!(
        (n.absolute_position.x, n.absolute_position.y),
        (475.0, 383.25)
    );
}

#[test]
fn size_constraint_relative_xx_and_yy() {
    let half = PropValue::udim2(0.5, 0, 0.5, 0);
    let gui = screen(vec![
        GuiNode::new("Frame", "XX")
            .with("Size", half.clone())
            .with("SizeConstraint", e("SizeConstraint", "RelativeXX")),
        GuiNode::new("Frame", "YY")
            .with("Size", half)
            .with("SizeConstraint", e("SizeConstraint", "RelativeYY")),
    ]);
    let [desktop, phone] = devices();
    // Desktop: XX uses the width 1920 for both: 960x960; YY the height 1022: 511x511.
    let l = lay(&gui, &desktop);
    assert_rect(&l, "S/XX", (0.0, 58.0, 960.0, 960.0));
    assert_rect(&l, "S/YY", (0.0, 58.0, 511.0, 511.0));
    // iPhone: width 734 -> 367x367; height 314 -> 157x157; origin (59, 58).
    let l = lay(&gui, &phone);
    assert_rect(&l, "S/XX", (59.0, 58.0, 367.0, 367.0));
    assert_rect(&l, "S/YY", (59.0, 58.0, 157.0, 157.0));
}

#[test]
fn rotation_keeps_position_and_size() {
    let gui = full_screen(vec![
        at(frame("R", 100, 50), 10, 20).with("Rotation", PropValue::Float(45.0)),
    ]);
    for d in devices() {
        let l = lay(&gui, &d);
        // Rotation turns around the centre; AbsolutePosition/Size unchanged.
        assert_rect(&l, "S/R", (10.0, 20.0, 100.0, 50.0));
        assert_eq!(l.get("S/R").unwrap().rotation, 45.0);
    }
}

#[test]
fn visible_false_hides_the_subtree() {
    let gui = full_screen(vec![
        frame("Hidden", 100, 100)
            .with("Visible", PropValue::Bool(false))
            .child(at(frame("Child", 10, 10), 5, 5)),
        frame("Shown", 100, 100),
    ]);
    for d in devices() {
        let l = lay(&gui, &d);
        for p in ["S/Hidden", "S/Hidden/Child"] {
            let n = l.get(p).unwrap();
            assert!(!n.visible && n.draw_index.is_none() && n.visible_rect.is_none());
        }
        // Still laid out (Roblox computes AbsolutePosition of hidden objects).
        assert_rect(&l, "S/Hidden/Child", (5.0, 5.0, 10.0, 10.0));
        assert_eq!(l.draw_order.len(), 1);
    }
}

#[test]
fn screen_insets_ignore_gui_inset_and_top_bar() {
    let fill = GuiNode::new("Frame", "F").with("Size", PropValue::udim2(1.0, 0, 1.0, 0));
    let ignore = screen(vec![fill.clone()]).with("IgnoreGuiInset", PropValue::Bool(true));
    let none = screen(vec![fill.clone()]).with("ScreenInsets", e("ScreenInsets", "None"));
    let [desktop, phone] = devices();
    // IgnoreGuiInset = DeviceSafeInsets: desktop whole screen, iPhone the safe area.
    assert_rect(&lay(&ignore, &desktop), "S/F", (0.0, 0.0, 1920.0, 1080.0));
    assert_rect(&lay(&ignore, &phone), "S/F", (59.0, 0.0, 734.0, 372.0));
    // AbsolutePosition of (0,0) on desktop is above the top bar: (0, -58).
    let l = lay(&ignore, &desktop);
    assert_eq!(l.get("S/F").unwrap().absolute_position.y, -58.0);
    // None: the whole screen, but clipped to the device safe area
    // (ClipToDeviceSafeArea defaults to true).
    let l = lay(&none, &phone);
    assert_rect(&l, "S/F", (0.0, 0.0, 852.0, 393.0));
    assert_eq!(
        l.get("S/F").unwrap().visible_rect,
        Some(Rect::new(59.0, 0.0, 734.0, 372.0))
    );
    assert_rect(&lay(&none, &desktop), "S/F", (0.0, 0.0, 1920.0, 1080.0));
    // Classic 36 px top bar: desktop (0, 36, 1920, 1044); iPhone (59, 36, 734, 372-36 = 336).
    let classic = LayoutOptions {
        top_bar: TopBar::Classic,
        ..Default::default()
    };
    let plain = screen(vec![fill]);
    let l = layout(&plain, &desktop, &classic);
    assert_rect(&l, "S/F", (0.0, 36.0, 1920.0, 1044.0));
    let l = layout(&plain, &phone, &classic);
    assert_rect(&l, "S/F", (59.0, 36.0, 734.0, 336.0));
}

#[test]
fn display_order_orders_screen_guis() {
    let top = screen(vec![frame("A", 10, 10)]).with("DisplayOrder", PropValue::Int(5));
    let mut top = top;
    top.name = "Top".into();
    let mut bottom = screen(vec![frame("B", 10, 10)]);
    bottom.name = "Bottom".into();
    for d in devices() {
        let l = layout_many(&[&top, &bottom], &d, &LayoutOptions::default());
        let a = l.get("Top/A").unwrap().draw_index.unwrap();
        let b = l.get("Bottom/B").unwrap().draw_index.unwrap();
        assert!(b < a, "DisplayOrder 5 draws above 0");
    }
}

#[test]
fn surface_gui_canvas_size_and_pixels_per_stud() {
    let fill = GuiNode::new("Frame", "F").with("Size", PropValue::udim2(0.5, 0, 1.0, 0));
    let mut fixed =
        GuiNode::new("SurfaceGui", "G").with("CanvasSize", PropValue::Vector2(400.0, 300.0));
    fixed.children.push(fill.clone());
    let mut pps = GuiNode::new("SurfaceGui", "G")
        .with("SizingMode", e("SurfaceGuiSizingMode", "PixelsPerStud"))
        .with("PixelsPerStud", PropValue::Float(25.0));
    pps.children.push(fill);
    let part = LayoutOptions {
        surface_part_size: Some(datastore_designer::layout::Vec2::new(8.0, 4.0)),
        ..Default::default()
    };
    for d in devices() {
        // Fixed: 400x300 canvas whatever the device; F = (200, 300).
        let l = lay(&fixed, &d);
        assert_eq!((l.screen.x, l.screen.y), (400.0, 300.0));
        assert_rect(&l, "G/F", (0.0, 0.0, 200.0, 300.0));
        // PixelsPerStud: an 8x4 stud face at 25 px/stud = 200x100; F = (100, 100).
        let l = layout(&pps, &d, &part);
        assert_rect(&l, "G", (0.0, 0.0, 200.0, 100.0));
        assert_rect(&l, "G/F", (0.0, 0.0, 100.0, 100.0));
    }
}

#[test]
fn ui_padding_shrinks_the_content_area() {
    let gui = full_screen(vec![
        at(frame("P", 200, 100), 10, 10)
            .child(
                GuiNode::new("UIPadding", "Pad")
                    .with(
                        "PaddingLeft",
                        PropValue::UDim(datastore_designer::project::gui::UDim(0.0, 10)),
                    )
                    .with(
                        "PaddingTop",
                        PropValue::UDim(datastore_designer::project::gui::UDim(0.1, 0)),
                    )
                    .with(
                        "PaddingRight",
                        PropValue::UDim(datastore_designer::project::gui::UDim(0.1, 0)),
                    ),
            )
            .child(GuiNode::new("Frame", "C").with("Size", PropValue::udim2(1.0, 0, 1.0, 0))),
    ]);
    for d in devices() {
        // Padding: left 10, top 0.1*100 = 10, right 0.1*200 = 20, bottom 0.
        // Content = (10+10, 10+10, 200-30, 100-10) = (20, 20, 170, 90).
        assert_rect(&lay(&gui, &d), "S/P/C", (20.0, 20.0, 170.0, 90.0));
    }
}

fn item(name: &str, order: i64, w: i32, h: i32) -> GuiNode {
    frame(name, w, h)
        .with("LayoutOrder", PropValue::Int(order))
        // Position is ignored under a layout.
        .with("Position", PropValue::udim2(0.0, 999, 0.0, 999))
}

fn udim(s: f32, o: i32) -> PropValue {
    PropValue::UDim(datastore_designer::project::gui::UDim(s, o))
}

#[test]
fn list_layout_vertical_sorted_padded_aligned() {
    let gui = full_screen(vec![
        frame("L", 300, 400)
            .child(
                GuiNode::new("UIListLayout", "Layout")
                    .with("Padding", udim(0.05, 5))
                    .with("HorizontalAlignment", e("HorizontalAlignment", "Center"))
                    .with("VerticalAlignment", e("VerticalAlignment", "Bottom")),
            )
            .child(item("A", 3, 100, 50))
            .child(item("B", 1, 100, 50))
            .child(item("C", 2, 60, 50))
            .child(item("D", 1, 100, 50).with("Visible", PropValue::Bool(false))),
    ]);
    for d in devices() {
        let l = lay(&gui, &d);
        // Padding = 0.05 * 400 (height: the fill direction) + 5 = 25.
        // Visible items by LayoutOrder: B(1), C(2), A(3); D is hidden, skipped.
        // Block = 3*50 + 2*25 = 200; Bottom: starts at 400 - 200 = 200.
        // Centre: x = (300 - 100)/2 = 100, C: (300 - 60)/2 = 120.
        assert_rect(&l, "S/L/B", (100.0, 200.0, 100.0, 50.0));
        assert_rect(&l, "S/L/C", (120.0, 275.0, 60.0, 50.0));
        assert_rect(&l, "S/L/A", (100.0, 350.0, 100.0, 50.0));
    }
}

#[test]
fn list_layout_ties_keep_insertion_order_and_name_sort() {
    let mk = |sort: &str| {
        full_screen(vec![
            frame("L", 300, 400)
                .child(
                    GuiNode::new("UIListLayout", "Layout").with("SortOrder", e("SortOrder", sort)),
                )
                .child(item("Zed", 0, 10, 10))
                .child(item("Amy", 0, 10, 10))
                .child(item("Bob", 0, 10, 10)),
        ])
    };
    for d in devices() {
        // LayoutOrder all 0: insertion order Zed, Amy, Bob at y 0, 10, 20.
        let l = lay(&mk("LayoutOrder"), &d);
        assert_rect(&l, "S/L/Zed", (0.0, 0.0, 10.0, 10.0));
        assert_rect(&l, "S/L/Bob", (0.0, 20.0, 10.0, 10.0));
        // Name: Amy, Bob, Zed.
        let l = lay(&mk("Name"), &d);
        assert_rect(&l, "S/L/Amy", (0.0, 0.0, 10.0, 10.0));
        assert_rect(&l, "S/L/Zed", (0.0, 20.0, 10.0, 10.0));
    }
}

#[test]
fn list_layout_horizontal_wraps() {
    let gui = full_screen(vec![
        frame("L", 250, 300)
            .child(
                GuiNode::new("UIListLayout", "Layout")
                    .with("FillDirection", e("FillDirection", "Horizontal"))
                    .with("Padding", udim(0.0, 10))
                    .with("Wraps", PropValue::Bool(true)),
            )
            .child(item("A", 1, 100, 40))
            .child(item("B", 2, 100, 60))
            .child(item("C", 3, 100, 40)),
    ]);
    for d in devices() {
        let l = lay(&gui, &d);
        // Line 1: A at x 0, B at 0+100+10 = 110 (ends 210 <= 250); C would end
        // at 320 > 250, so it starts line 2 at y = tallest of line 1 (60) + 10.
        assert_rect(&l, "S/L/A", (0.0, 0.0, 100.0, 40.0));
        assert_rect(&l, "S/L/B", (110.0, 0.0, 100.0, 60.0));
        assert_rect(&l, "S/L/C", (0.0, 70.0, 100.0, 40.0));
    }
}

fn grid(props: &[(&str, PropValue)], n: usize, w: i32, h: i32) -> GuiNode {
    let mut g = GuiNode::new("UIGridLayout", "Grid");
    for (k, v) in props {
        g = g.with(k, v.clone());
    }
    let mut f = frame("G", w, h).child(g);
    for i in 0..n {
        f = f.child(item(&format!("I{i}"), i as i64, 7, 7));
    }
    full_screen(vec![f])
}

#[test]
fn grid_layout_cells_fill_rows() {
    // Defaults: CellSize 100x100, CellPadding 5x5, fill Horizontal.
    let gui = grid(&[], 5, 330, 330);
    for d in devices() {
        let l = lay(&gui, &d);
        // Per row: floor((330 + 5) / (100 + 5)) = 3. Children take the cell size.
        assert_rect(&l, "S/G/I0", (0.0, 0.0, 100.0, 100.0));
        assert_rect(&l, "S/G/I2", (210.0, 0.0, 100.0, 100.0));
        assert_rect(&l, "S/G/I3", (0.0, 105.0, 100.0, 100.0));
        assert_rect(&l, "S/G/I4", (105.0, 105.0, 100.0, 100.0));
    }
}

#[test]
fn grid_layout_start_corner_max_cells_alignment_vertical() {
    let gui = grid(
        &[
            ("StartCorner", e("StartCorner", "TopRight")),
            ("FillDirectionMaxCells", PropValue::Int(2)),
            ("HorizontalAlignment", e("HorizontalAlignment", "Center")),
            ("CellSize", PropValue::udim2(0.0, 50, 0.0, 40)),
            ("CellPadding", PropValue::udim2(0.0, 10, 0.0, 0)),
        ],
        3,
        300,
        300,
    );
    let vertical = grid(
        &[
            ("FillDirection", e("FillDirection", "Vertical")),
            ("CellSize", PropValue::udim2(0.0, 50, 0.5, -10)),
            ("StartCorner", e("StartCorner", "BottomLeft")),
        ],
        3,
        300,
        200,
    );
    for d in devices() {
        let l = lay(&gui, &d);
        // 2 per row (max cells). Block width = 2*50 + 10 = 110, centred at
        // (300-110)/2 = 95. TopRight: I0 in the right column (95+60 = 155),
        // I1 left (95); I2 on row 2 at the right.
        assert_rect(&l, "S/G/I0", (155.0, 0.0, 50.0, 40.0));
        assert_rect(&l, "S/G/I1", (95.0, 0.0, 50.0, 40.0));
        assert_rect(&l, "S/G/I2", (155.0, 40.0, 50.0, 40.0));
        // Vertical fill: cell height 0.5*200-10 = 90; per column
        // floor((200+5)/(90+5)) = 2. BottomLeft: I0 at the bottom (y 95), I1 on
        // top, I2 in column 2 at the bottom.
        let l = lay(&vertical, &d);
        assert_rect(&l, "S/G/I0", (0.0, 95.0, 50.0, 90.0));
        assert_rect(&l, "S/G/I1", (0.0, 0.0, 50.0, 90.0));
        assert_rect(&l, "S/G/I2", (55.0, 95.0, 50.0, 90.0));
    }
}

#[test]
fn aspect_ratio_and_size_constraints() {
    let half = PropValue::udim2(0.5, 0, 0.5, 0);
    let gui = screen(vec![
        GuiNode::new("Frame", "A").with("Size", half.clone()).child(
            GuiNode::new("UIAspectRatioConstraint", "C").with("AspectRatio", PropValue::Float(2.0)),
        ),
        GuiNode::new("Frame", "Z").with("Size", half).child(
            GuiNode::new("UISizeConstraint", "C")
                .with("MinSize", PropValue::Vector2(100.0, 200.0))
                .with("MaxSize", PropValue::Vector2(400.0, 300.0)),
        ),
    ]);
    let [desktop, phone] = devices();
    // Desktop: half = 960 x 511. Ratio 960/511 = 1.88 < 2: width stays,
    // height = 960/2 = 480. Size constraint: clamp 960 -> 400, 511 -> 300.
    let l = lay(&gui, &desktop);
    assert_rect(&l, "S/A", (0.0, 58.0, 960.0, 480.0));
    assert_rect(&l, "S/Z", (0.0, 58.0, 400.0, 300.0));
    // iPhone: half = 367 x 157. 367/157 = 2.34 > 2: height stays, width =
    // 157*2 = 314. Size constraint: 367 stays, 157 -> min 200.
    let l = lay(&gui, &phone);
    assert_rect(&l, "S/A", (59.0, 58.0, 314.0, 157.0));
    assert_rect(&l, "S/Z", (59.0, 58.0, 367.0, 200.0));
}

#[test]
fn automatic_size_grows_from_the_anchor_point() {
    let gui = screen(vec![
        GuiNode::new("Frame", "Auto")
            .with("Size", PropValue::udim2(0.0, 200, 0.0, 0))
            .with("AutomaticSize", e("AutomaticSize", "Y"))
            .with("AnchorPoint", PropValue::Vector2(0.5, 1.0))
            .with("Position", PropValue::udim2(0.5, 0, 1.0, 0))
            .child(GuiNode::new("UIListLayout", "L"))
            .child(item("A", 1, 100, 40))
            .child(item("B", 2, 100, 40))
            .child(item("C", 3, 100, 40)),
        at(frame("XY", 10, 10), 0, 0)
            .with("AutomaticSize", e("AutomaticSize", "XY"))
            .child(at(frame("Far", 50, 30), 100, 20)),
    ]);
    let [desktop, phone] = devices();
    // Content: 3 x 40 = 120 high. Anchor (0.5, 1) at the bottom centre:
    // desktop x = 960 - 100 = 860, y = 58 + 1022 - 120 = 960.
    let l = lay(&gui, &desktop);
    assert_rect(&l, "S/Auto", (860.0, 960.0, 200.0, 120.0));
    assert_rect(&l, "S/Auto/C", (860.0, 1040.0, 100.0, 40.0));
    // XY: child reaches (100+50, 20+30) = (150, 50).
    assert_rect(&l, "S/XY", (0.0, 58.0, 150.0, 50.0));
    // iPhone: x = 59 + 367 - 100 = 326, y = 58 + 314 - 120 = 252.
    let l = lay(&gui, &phone);
    assert_rect(&l, "S/Auto", (326.0, 252.0, 200.0, 120.0));
    assert_rect(&l, "S/XY", (59.0, 58.0, 150.0, 50.0));
}

fn scroller(extra: &[(&str, PropValue)], rows: usize) -> GuiNode {
    let mut s = at(
        GuiNode::new("ScrollingFrame", "Sc").with("Size", PropValue::udim2(0.0, 300, 0.0, 200)),
        10,
        10,
    )
    .with("ScrollBarThickness", PropValue::Int(10))
    .child(GuiNode::new("UIListLayout", "L"));
    for (k, v) in extra {
        s = s.with(k, v.clone());
    }
    for i in 0..rows {
        s = s.child(
            GuiNode::new("Frame", format!("R{i}"))
                .with("Size", PropValue::udim2(1.0, 0, 0.0, 50))
                .with("LayoutOrder", PropValue::Int(i as i64)),
        );
    }
    full_screen(vec![s])
}

#[test]
fn scrolling_frame_canvas_position_and_bar_inset() {
    let fixed = scroller(
        &[
            ("CanvasSize", PropValue::udim2(0.0, 0, 0.0, 500)),
            ("CanvasPosition", PropValue::Vector2(0.0, 100.0)),
            ("VerticalScrollBarInset", e("ScrollBarInset", "ScrollBar")),
        ],
        3,
    );
    let auto = scroller(
        &[
            ("CanvasSize", PropValue::udim2(0.0, 0, 0.0, 0)),
            ("AutomaticCanvasSize", e("AutomaticSize", "Y")),
            ("CanvasPosition", PropValue::Vector2(0.0, 10_000.0)),
        ],
        10,
    );
    for d in devices() {
        let l = lay(&fixed, &d);
        // Canvas 500 > 200: vertical bar shown, inset ScrollBar takes 10 px:
        // viewport 290 wide. Rows are 1.0 x canvas width = 290 wide, shifted
        // up by CanvasPosition 100: R0 at y = 10 - 100 = -90.
        let sc = l.get("S/Sc").unwrap().scroll.unwrap();
        assert_eq!(sc.viewport, Rect::new(10.0, 10.0, 290.0, 200.0));
        assert_eq!(sc.vertical_bar, Some(Rect::new(300.0, 10.0, 10.0, 200.0)));
        assert_rect(&l, "S/Sc/R0", (10.0, -90.0, 290.0, 50.0));
        assert_rect(&l, "S/Sc/R2", (10.0, 10.0, 290.0, 50.0));
        // R0 is scrolled out of the window: clipped away.
        assert_eq!(l.get("S/Sc/R0").unwrap().visible_rect, None);
        // Thumb: 200 * 200/500 = 80 long, at (200-80) * 100/300 = 40.
        assert_eq!(sc.vertical_thumb, Some(Rect::new(300.0, 50.0, 10.0, 80.0)));

        // Automatic canvas: 10 rows x 50 = 500; CanvasPosition clamps to
        // 500 - 200 = 300. Inset None: rows keep the full 300 width.
        let l = lay(&auto, &d);
        let sc = l.get("S/Sc").unwrap().scroll.unwrap();
        assert_eq!(sc.canvas, Rect::new(10.0, -290.0, 300.0, 500.0));
        assert_rect(&l, "S/Sc/R9", (10.0, 160.0, 300.0, 50.0));
        assert_eq!(
            l.get("S/Sc/R6").unwrap().visible_rect,
            Some(Rect::new(10.0, 10.0, 300.0, 50.0))
        );
    }
}

#[test]
fn corner_stroke_border_and_background() {
    let gui = full_screen(vec![
        frame("Round", 80, 40)
            .child(GuiNode::new("UICorner", "C").with("CornerRadius", udim(0.0, 50))),
        frame("Scaled", 80, 40)
            .child(GuiNode::new("UICorner", "C").with("CornerRadius", udim(0.25, 2))),
        frame("Outline", 80, 40).with("BorderSizePixel", PropValue::Int(2)),
        frame("Inset", 80, 40)
            .with("BorderSizePixel", PropValue::Int(2))
            .with("BorderMode", e("BorderMode", "Inset")),
        frame("Clear", 80, 40)
            .with("BorderSizePixel", PropValue::Int(2))
            .with("BackgroundTransparency", PropValue::Float(1.0)),
        GuiNode::new("TextLabel", "Boxed").child(
            GuiNode::new("UIStroke", "St")
                .with("Thickness", PropValue::Float(3.0))
                .with("ApplyStrokeMode", e("ApplyStrokeMode", "Border")),
        ),
        GuiNode::new("TextLabel", "Letters").child(GuiNode::new("UIStroke", "St")),
    ]);
    for d in devices() {
        let l = lay(&gui, &d);
        // 50 px clamps to half the smaller side: 40/2 = 20.
        assert_eq!(l.get("S/Round").unwrap().corner_radius, 20.0);
        // 0.25 * 40 + 2 = 12.
        assert_eq!(l.get("S/Scaled").unwrap().corner_radius, 12.0);
        assert_eq!(
            l.get("S/Outline").unwrap().border,
            Some(Rect::new(-2.0, -2.0, 84.0, 44.0))
        );
        assert_eq!(
            l.get("S/Inset").unwrap().border,
            Some(Rect::new(0.0, 0.0, 80.0, 40.0))
        );
        let clear = l.get("S/Clear").unwrap();
        assert!(!clear.background && clear.border.is_none());
        let boxed = l.get("S/Boxed").unwrap();
        assert_eq!(boxed.stroke.unwrap().thickness, 3.0);
        assert!(!boxed.stroke.unwrap().on_text && !boxed.text.as_ref().unwrap().stroked);
        let letters = l.get("S/Letters").unwrap();
        assert!(letters.stroke.unwrap().on_text && letters.text.as_ref().unwrap().stroked);
    }
}

#[test]
fn clips_descendants_cuts_children() {
    let gui = full_screen(vec![
        frame("Clip", 100, 100)
            .with("ClipsDescendants", PropValue::Bool(true))
            .child(at(frame("C", 50, 50), 75, 75).child(at(frame("G", 10, 10), 30, 30))),
        at(frame("NoClip", 100, 100), 200, 0).child(at(frame("C", 50, 50), 75, 75)),
    ]);
    for d in devices() {
        let l = lay(&gui, &d);
        // C spans (75..125): only (75..100) shows.
        assert_eq!(
            l.get("S/Clip/C").unwrap().visible_rect,
            Some(Rect::new(75.0, 75.0, 25.0, 25.0))
        );
        // G at (105,105) is outside the clip entirely.
        assert_eq!(l.get("S/Clip/C/G").unwrap().visible_rect, None);
        assert_eq!(
            l.get("S/NoClip/C").unwrap().visible_rect,
            Some(Rect::new(275.0, 75.0, 50.0, 50.0))
        );
    }
}

#[test]
fn z_index_sibling_and_global() {
    let tree = |behavior: &str| {
        full_screen(vec![
            frame("P", 100, 100)
                .with("ZIndex", PropValue::Int(5))
                .child(frame("Child", 10, 10).with("ZIndex", PropValue::Int(1))),
            frame("Q", 100, 100).with("ZIndex", PropValue::Int(2)),
        ])
        .with("ZIndexBehavior", e("ZIndexBehavior", behavior))
    };
    for d in devices() {
        let order = |l: &Layout| -> Vec<String> {
            l.draw_order
                .iter()
                .map(|&i| l.nodes[i].path.clone())
                .collect()
        };
        // Sibling: siblings by ZIndex (Q 2 under P 5), children above parents.
        let l = lay(&tree("Sibling"), &d);
        assert_eq!(order(&l), ["S/Q", "S/P", "S/P/Child"]);
        // Global: everything by ZIndex: Child 1, Q 2, P 5.
        let l = lay(&tree("Global"), &d);
        assert_eq!(order(&l), ["S/P/Child", "S/Q", "S/P"]);
    }
}

#[test]
fn text_alignment_places_lines() {
    let label = |name: &str, x: &str, y: &str| {
        GuiNode::new("TextLabel", name)
            .with("Size", PropValue::udim2(0.0, 200, 0.0, 50))
            .with("Text", PropValue::String("Hi".into()))
            .with("TextSize", PropValue::Float(20.0))
            .with("TextXAlignment", e("TextXAlignment", x))
            .with("TextYAlignment", e("TextYAlignment", y))
    };
    let gui = full_screen(vec![
        label("TL", "Left", "Top"),
        label("BR", "Right", "Bottom"),
        label("CC", "Center", "Center"),
    ]);
    for d in devices() {
        let l = lay(&gui, &d);
        let line = |p: &str| l.get(p).unwrap().text.as_ref().unwrap().lines[0].clone();
        let tl = line("S/TL");
        assert_eq!((tl.x, tl.y), (0.0, 0.0));
        // Right/bottom: x = 200 - width, y = 50 - 20 (one 20 px line).
        let br = line("S/BR");
        assert!((br.x + br.width - 200.0).abs() < 1e-3 && br.y == 30.0);
        // Centre: x = (200 - width)/2, y = (50 - 20)/2 = 15.
        let cc = line("S/CC");
        assert!((cc.x - (200.0 - cc.width) / 2.0).abs() < 1e-3 && cc.y == 15.0);
    }
}
