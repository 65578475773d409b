//! Geometry of the GUI classes added for polished looks (UIScale, flex
//! lists and UIFlexItem, UIPageLayout, CanvasGroup, UIGradient), worked out
//! by hand from Roblox's documented rules; each test writes the formula
//! and the numbers.
//!
//! Containers use a full-screen ScreenGui (ScreenInsets None), so on the
//! desktop preset (1920x1080) its origin is (0, 0).

use datastore_designer::layout::{Device, Layout, LayoutOptions, layout};
use datastore_designer::project::gui::{ColorKey, NumberKey, UDim};
use datastore_designer::project::{GuiNode, PropValue};

fn e(ty: &str, item: &str) -> PropValue {
    PropValue::enum_item(ty, item)
}

fn full_screen(children: Vec<GuiNode>) -> GuiNode {
    let mut s = GuiNode::new("ScreenGui", "S")
        .with("ScreenInsets", e("ScreenInsets", "None"))
        .with("ClipToDeviceSafeArea", PropValue::Bool(false));
    s.children = children;
    s
}

fn frame(name: &str, w: i32, h: i32) -> GuiNode {
    GuiNode::new("Frame", name).with("Size", PropValue::udim2(0.0, w, 0.0, h))
}

fn order(node: GuiNode, n: i64) -> GuiNode {
    node.with("LayoutOrder", PropValue::Int(n))
}

fn lay(root: &GuiNode) -> Layout {
    layout(
        root,
        &Device::by_name("desktop").unwrap(),
        &LayoutOptions::default(),
    )
}

#[track_caller]
fn assert_rect(l: &Layout, path: &str, want: (f32, f32, f32, f32)) {
    let n = l.get(path).unwrap_or_else(|| panic!("no node {path}"));
    let got = (n.position.x, n.position.y, n.size.x, n.size.y);
    let close = |a: f32, b: f32| (a - b).abs() < 1e-2;
    assert!(
        close(got.0, want.0)
            && close(got.1, want.1)
            && close(got.2, want.2)
            && close(got.3, want.3),
        "{path}: got {got:?}, want {want:?}"
    );
}

fn scale(s: f32) -> GuiNode {
    GuiNode::new("UIScale", "Scale").with("Scale", PropValue::Float(s))
}

#[test]
fn ui_scale_enlarges_an_object_around_its_anchor_point() {
    // UIScale: AbsoluteSize = Size x Scale; the object grows around its
    // anchor point (which stays where Position puts it), and everything in
    // it grows with it.
    let gui = full_screen(vec![
        frame("F", 200, 100)
            .with("Position", PropValue::udim2(0.0, 400, 0.0, 300))
            .with("AnchorPoint", PropValue::Vector2(0.5, 0.5))
            .child(scale(1.5))
            .child(frame("C", 20, 10).with("Position", PropValue::udim2(0.5, 0, 0.0, 5)))
            .child(
                GuiNode::new("TextLabel", "T")
                    .with("Size", PropValue::udim2(1.0, 0, 0.0, 20))
                    .with("TextSize", PropValue::Float(14.0)),
            ),
    ]);
    let l = lay(&gui);
    // Unscaled F: size (200, 100), anchor point (400, 300), top-left
    // (400 - 100, 300 - 50) = (300, 250). Scaled x1.5 around (400, 300):
    // size (300, 150), top-left (400 - 1.5 x 100, 300 - 1.5 x 50) = (250, 225).
    assert_rect(&l, "S/F", (250.0, 225.0, 300.0, 150.0));
    // Unscaled C: (300 + 0.5 x 200, 250 + 5) = (400, 255), size (20, 10).
    // Scaled: (400 + 1.5 x 0, 300 + 1.5 x (255 - 300)) = (400, 232.5),
    // size (30, 15).
    assert_rect(&l, "S/F/C", (400.0, 232.5, 30.0, 15.0));
    let t = l.get("S/F/T").unwrap();
    // TextSize 14 x 1.5 = 21 px; the object records the scale it is under.
    assert_eq!(t.text.as_ref().unwrap().size, 21.0);
    assert_eq!(t.scale, 1.5);
    assert_eq!(l.get("S/F").unwrap().scale, 1.5);
}

#[test]
fn ui_scale_counts_in_a_list_and_in_the_whole_screen_gui() {
    // In a UIListLayout an item takes its scaled size: A 100x50 at x2 is
    // 200x100, so B starts at y = 100.
    let list = full_screen(vec![
        frame("Box", 400, 400)
            .child(GuiNode::new("UIListLayout", "L"))
            .child(order(frame("A", 100, 50), 1).child(scale(2.0)))
            .child(order(frame("B", 100, 50), 2)),
    ]);
    let l = lay(&list);
    assert_rect(&l, "S/Box/A", (0.0, 0.0, 200.0, 100.0));
    assert_rect(&l, "S/Box/B", (0.0, 100.0, 100.0, 50.0));

    // A UIScale in the ScreenGui: children are laid out in 1920/0.5 x
    // 1080/0.5 = 3840x2160, then halved from the top-left corner. A child
    // of Size (1, 0, 0, 100) at (0, 0, 0, 10): (0, 10, 3840, 100) before,
    // (0, 5, 1920, 50) after: still the full width.
    let mut whole = full_screen(vec![
        GuiNode::new("Frame", "Bar")
            .with("Size", PropValue::udim2(1.0, 0, 0.0, 100))
            .with("Position", PropValue::udim2(0.0, 0, 0.0, 10)),
    ]);
    whole.children.push(scale(0.5));
    assert_rect(&lay(&whole), "S/Bar", (0.0, 5.0, 1920.0, 50.0));
}

/// A 400x50 box with a horizontal list and three items 50, 100 and 50 wide
/// (20 high), 10 px apart: together 50 + 100 + 50 + 2 x 10 = 220, so
/// free = 400 - 220 = 180.
fn row(list: GuiNode, items: [GuiNode; 3]) -> GuiNode {
    let [a, b, c] = items;
    full_screen(vec![
        frame("Box", 400, 50)
            .child(
                list.with("FillDirection", e("FillDirection", "Horizontal"))
                    .with("Padding", PropValue::UDim(UDim(0.0, 10))),
            )
            .child(order(a, 1))
            .child(order(b, 2))
            .child(order(c, 3)),
    ])
}

fn three() -> [GuiNode; 3] {
    [frame("A", 50, 20), frame("B", 100, 20), frame("C", 50, 20)]
}

fn list() -> GuiNode {
    GuiNode::new("UIListLayout", "L")
}

fn flex_item(mode: &str) -> GuiNode {
    GuiNode::new("UIFlexItem", "Flex").with("FlexMode", e("UIFlexMode", mode))
}

fn xs(l: &Layout) -> Vec<(f32, f32)> {
    ["A", "B", "C"]
        .iter()
        .map(|n| {
            let n = l.get(&format!("S/Box/{n}")).unwrap();
            (n.position.x, n.size.x)
        })
        .collect()
}

#[track_caller]
fn assert_xs(l: &Layout, want: [(f32, f32); 3]) {
    let got = xs(l);
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g.0 - w.0).abs() < 1e-2 && (g.1 - w.1).abs() < 1e-2,
            "got {got:?}, want {want:?}"
        );
    }
}

#[test]
fn horizontal_flex_fill_shares_the_spare_width_equally() {
    // Fill: every item grows at ratio 1: 180 / 3 = 60 each, so 110, 160,
    // 110 wide at x = 0, 110 + 10 = 120, 120 + 160 + 10 = 290.
    let l = lay(&row(
        list().with("HorizontalFlex", e("UIFlexAlignment", "Fill")),
        three(),
    ));
    assert_xs(&l, [(0.0, 110.0), (120.0, 160.0), (290.0, 110.0)]);
}

#[test]
fn flex_items_grow_by_their_ratios_and_shrink_when_space_is_short() {
    // A: Custom GrowRatio 2; B: Grow (1:0); C: no UIFlexItem (no flex on
    // the list): A gets 180 x 2/3 = 120 -> 170, B 180 x 1/3 = 60 -> 160,
    // C stays 50: x = 0, 180, 350.
    let [a, b, c] = three();
    let a = a.child(flex_item("Custom").with("GrowRatio", PropValue::Float(2.0)));
    let b = b.child(flex_item("Grow"));
    let l = lay(&row(list(), [a, b, c]));
    assert_xs(&l, [(0.0, 170.0), (180.0, 160.0), (350.0, 50.0)]);

    // Shrinking: three 200-wide items in 400 with 10 px gaps miss
    // 620 - 400 = 220. Fill on A and C (1:1), Shrink on B (0:1): each of
    // the three shrinks 220 / 3 = 73.33 -> 126.67, at x = 0, 136.67, 273.33.
    let wide = |n: &str, mode: &str| frame(n, 200, 20).child(flex_item(mode));
    let l = lay(&row(
        list(),
        [wide("A", "Fill"), wide("B", "Shrink"), wide("C", "Fill")],
    ));
    assert_xs(&l, [(0.0, 126.667), (136.667, 126.667), (273.333, 126.667)]);
    // Grow never shrinks: Grow items keep 200 and overflow from x = 0.
    let l = lay(&row(
        list(),
        [wide("A", "Grow"), wide("B", "Grow"), wide("C", "Grow")],
    ));
    assert_xs(&l, [(0.0, 200.0), (210.0, 200.0), (420.0, 200.0)]);
}

#[test]
fn space_between_around_and_evenly_spread_the_spare_width() {
    let spread = |how: &str| {
        lay(&row(
            list().with("HorizontalFlex", e("UIFlexAlignment", how)),
            three(),
        ))
    };
    // SpaceBetween: gaps 10 + 180 / 2 = 100: x = 0, 150, 350.
    assert_xs(
        &spread("SpaceBetween"),
        [(0.0, 50.0), (150.0, 100.0), (350.0, 50.0)],
    );
    // SpaceAround: 180 / 3 = 60 per item, half each side: starts at 30,
    // gaps 10 + 60 = 70: x = 30, 150, 320 (and 30 after the last).
    assert_xs(
        &spread("SpaceAround"),
        [(30.0, 50.0), (150.0, 100.0), (320.0, 50.0)],
    );
    // SpaceEvenly: 180 / 4 = 45 before, between and after: x = 45,
    // 45 + 50 + 55 = 150, 150 + 100 + 55 = 305.
    assert_xs(
        &spread("SpaceEvenly"),
        [(45.0, 50.0), (150.0, 100.0), (305.0, 50.0)],
    );
    // None keeps the list's alignment: Right puts the block at 180.
    assert_xs(
        &lay(&row(
            list().with("HorizontalAlignment", e("HorizontalAlignment", "Right")),
            three(),
        )),
        [(180.0, 50.0), (240.0, 100.0), (350.0, 50.0)],
    );
}

#[test]
fn item_line_alignment_places_items_across_their_line() {
    // One line spans the box's 50 px height; items are 20 high.
    let [a, b, c] = three();
    let b = b.child(
        GuiNode::new("UIFlexItem", "Flex").with("ItemLineAlignment", e("ItemLineAlignment", "End")),
    );
    let gui = row(
        list()
            .with("ItemLineAlignment", e("ItemLineAlignment", "Stretch"))
            .with("VerticalAlignment", e("VerticalAlignment", "Center")),
        [a, b, c],
    );
    let l = lay(&gui);
    // Stretch: A and C are as high as the line: y 0, height 50.
    assert_rect(&l, "S/Box/A", (0.0, 0.0, 50.0, 50.0));
    // B's own End wins: y = 50 - 20 = 30.
    assert_rect(&l, "S/Box/B", (60.0, 30.0, 100.0, 20.0));
    // Automatic follows VerticalAlignment Center: y = (50 - 20) / 2 = 15.
    let l = lay(&row(
        list().with("VerticalAlignment", e("VerticalAlignment", "Center")),
        three(),
    ));
    assert_rect(&l, "S/Box/A", (0.0, 15.0, 50.0, 20.0));
    // VerticalFlex Fill in a horizontal list stretches the items across;
    // C is at 50 + 10 + 100 + 10 = 170.
    let l = lay(&row(
        list().with("VerticalFlex", e("UIFlexAlignment", "Fill")),
        three(),
    ));
    assert_rect(&l, "S/Box/C", (170.0, 0.0, 50.0, 50.0));
}

#[test]
fn wrapped_lines_are_spread_by_the_cross_flex() {
    // A 200x200 box, horizontal list with Wraps, three 120x40 items: 120 +
    // 120 > 200, so each is a line of its own, 40 thick; free across =
    // 200 - 3 x 40 = 80.
    let wrap = |how: &str| {
        full_screen(vec![
            frame("Box", 200, 200)
                .child(
                    list()
                        .with("FillDirection", e("FillDirection", "Horizontal"))
                        .with("Wraps", PropValue::Bool(true))
                        .with("VerticalFlex", e("UIFlexAlignment", how)),
                )
                .child(order(frame("A", 120, 40), 1))
                .child(order(frame("B", 120, 40), 2))
                .child(order(frame("C", 120, 40), 3)),
        ])
    };
    // SpaceBetween: gaps 80 / 2 = 40: y = 0, 80, 160.
    let l = lay(&wrap("SpaceBetween"));
    assert_rect(&l, "S/Box/A", (0.0, 0.0, 120.0, 40.0));
    assert_rect(&l, "S/Box/B", (0.0, 80.0, 120.0, 40.0));
    assert_rect(&l, "S/Box/C", (0.0, 160.0, 120.0, 40.0));
    // Fill: each line is 40 + 80 / 3 = 66.67 thick and the items stretch
    // to it: y = 0, 66.67, 133.33.
    let l = lay(&wrap("Fill"));
    assert_rect(&l, "S/Box/B", (0.0, 66.667, 120.0, 66.667));
    assert_rect(&l, "S/Box/C", (0.0, 133.333, 120.0, 66.667));
}

fn pages(layout_node: GuiNode, size: (f32, i32, f32, i32)) -> GuiNode {
    let page = |n: &str, k: i64| {
        order(
            GuiNode::new("Frame", n).with("Size", PropValue::udim2(size.0, size.1, size.2, size.3)),
            k,
        )
    };
    full_screen(vec![
        frame("Pages", 300, 100)
            .with("ClipsDescendants", PropValue::Bool(true))
            .child(layout_node.with("Padding", PropValue::UDim(UDim(0.0, 10))))
            .child(page("First", 1))
            .child(page("Second", 2))
            .child(page("Third", 3)),
    ])
}

#[test]
fn page_layout_shows_the_current_page_and_lines_up_the_others() {
    let gui = pages(GuiNode::new("UIPageLayout", "Paging"), (1.0, 0, 1.0, 0));
    // Pages of Size (1, 0, 1, 0) = 300x100; alignment Left/Top: the
    // current page (the first, before any JumpTo) at x = 0, the next at
    // 300 + 10 = 310, then 620; clipped away by the box.
    let l = lay(&gui);
    assert_rect(&l, "S/Pages/First", (0.0, 0.0, 300.0, 100.0));
    assert_rect(&l, "S/Pages/Second", (310.0, 0.0, 300.0, 100.0));
    assert_rect(&l, "S/Pages/Third", (620.0, 0.0, 300.0, 100.0));
    assert!(l.get("S/Pages/Second").unwrap().visible_rect.is_none());
    // Showing the second page: it is at 0, the first at 0 - 10 - 300.
    let options = LayoutOptions {
        current_pages: vec![("S/Pages".into(), "Second".into())],
        ..Default::default()
    };
    let l = layout(&gui, &Device::by_name("desktop").unwrap(), &options);
    assert_rect(&l, "S/Pages/First", (-310.0, 0.0, 300.0, 100.0));
    assert_rect(&l, "S/Pages/Second", (0.0, 0.0, 300.0, 100.0));
    assert_rect(&l, "S/Pages/Third", (310.0, 0.0, 300.0, 100.0));
    assert!(l.get("S/Pages/First").unwrap().visible_rect.is_none());

    // Centred 200x50 pages: the current one at ((300 - 200) / 2,
    // (100 - 50) / 2) = (50, 25); the next 200 + 10 further right.
    let centred = pages(
        GuiNode::new("UIPageLayout", "Paging")
            .with("HorizontalAlignment", e("HorizontalAlignment", "Center"))
            .with("VerticalAlignment", e("VerticalAlignment", "Center")),
        (0.0, 200, 0.0, 50),
    );
    let l = lay(&centred);
    assert_rect(&l, "S/Pages/First", (50.0, 25.0, 200.0, 50.0));
    assert_rect(&l, "S/Pages/Second", (260.0, 25.0, 200.0, 50.0));
}

#[test]
fn canvas_groups_fade_and_tint_everything_in_them() {
    // Opacity = product of (1 - GroupTransparency) of the groups around:
    // outer 0.25 -> 0.75; inner 0.5 -> 0.75 x 0.5 = 0.375, and the frame in
    // it the same. GroupColor3 (255, 128, 0) multiplies colours by
    // (1, 128/255, 0).
    let gui = full_screen(vec![
        GuiNode::new("CanvasGroup", "Outer")
            .with("Size", PropValue::udim2(0.0, 200, 0.0, 200))
            .with("GroupTransparency", PropValue::Float(0.25))
            .with("GroupColor3", PropValue::Color3(255, 128, 0))
            .child(
                GuiNode::new("CanvasGroup", "Inner")
                    .with("Size", PropValue::udim2(0.0, 100, 0.0, 100))
                    .with("GroupTransparency", PropValue::Float(0.5))
                    .child(frame("F", 10, 10)),
            ),
    ]);
    let l = lay(&gui);
    assert_eq!(l.get("S/Outer").unwrap().opacity, 0.75);
    assert_eq!(l.get("S/Outer/Inner").unwrap().opacity, 0.375);
    assert_eq!(l.get("S/Outer/Inner/F").unwrap().opacity, 0.375);
    let tint = l.get("S/Outer/Inner/F").unwrap().tint;
    assert_eq!(tint, [1.0, 128.0 / 255.0, 0.0]);
    // A CanvasGroup clips its content by default (as Roblox's does).
    assert_eq!(
        l.get("S/Outer/Inner").unwrap().clip,
        datastore_designer::layout::Rect::new(0.0, 0.0, 200.0, 200.0)
    );
}

#[test]
fn gradients_run_along_their_rotation_from_the_centre() {
    // t = 0.5 + (u - 0.5 - offset.x) cos r + (v - 0.5 - offset.y) sin r,
    // clamped to 0..1, with (u, v) the point's place in the box.
    let gradient = |rotation: f32, offset: (f32, f32)| {
        full_screen(vec![
            frame("F", 200, 100).child(
                GuiNode::new("UIGradient", "G")
                    .with(
                        "Color",
                        PropValue::ColorSequence(vec![
                            ColorKey(0.0, (255, 0, 0)),
                            ColorKey(1.0, (0, 0, 255)),
                        ]),
                    )
                    .with(
                        "Transparency",
                        PropValue::NumberSequence(vec![
                            NumberKey(0.0, 0.0),
                            NumberKey(0.5, 1.0),
                            NumberKey(1.0, 0.0),
                        ]),
                    )
                    .with("Rotation", PropValue::Float(rotation))
                    .with("Offset", PropValue::Vector2(offset.0, offset.1)),
            ),
        ])
    };
    let l = lay(&gradient(0.0, (0.0, 0.0)));
    let g = l.get("S/F").unwrap().gradient.clone().unwrap();
    // 0 degrees: left edge t = 0 (red, solid), right edge t = 1 (blue).
    assert_eq!(g.at(0.0, 0.3), ([1.0, 0.0, 0.0], 0.0));
    assert_eq!(g.at(1.0, 0.3), ([0.0, 0.0, 1.0], 0.0));
    // Centre: t = 0.5, half red half blue, transparency 1.
    assert_eq!(g.at(0.5, 0.5), ([0.5, 0.0, 0.5], 1.0));
    // 90 degrees runs top to bottom: t = v.
    let l = lay(&gradient(90.0, (0.0, 0.0)));
    let g = l.get("S/F").unwrap().gradient.clone().unwrap();
    assert!((g.time_at(0.9, 0.25) - 0.25).abs() < 1e-5);
    // Offset (0.25, 0) at 0 degrees: the centre is at t = 0.5 - 0.25 =
    // 0.25: colour (0.75, 0, 0.25), transparency 0.5.
    let l = lay(&gradient(0.0, (0.25, 0.0)));
    let g = l.get("S/F").unwrap().gradient.clone().unwrap();
    let (c, t) = g.at(0.5, 0.5);
    assert!((c[0] - 0.75).abs() < 1e-5 && (c[2] - 0.25).abs() < 1e-5 && (t - 0.5).abs() < 1e-5);
    // 45 degrees: a corner is past the end (0.5 + 0.5 x 0.707 x 2 = 1.21),
    // clamped to 1.
    let l = lay(&gradient(45.0, (0.0, 0.0)));
    let g = l.get("S/F").unwrap().gradient.clone().unwrap();
    assert_eq!(g.time_at(1.0, 1.0), 1.0);
    assert_eq!(g.time_at(0.0, 0.0), 0.0);
    // A disabled gradient is not drawn.
    let mut off = gradient(0.0, (0.0, 0.0));
    off.children[0].children[0]
        .properties
        .insert("Enabled".into(), PropValue::Bool(false));
    assert!(lay(&off).get("S/F").unwrap().gradient.is_none());
}
