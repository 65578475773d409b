//! A SurfaceGui board on its part's face, in both sizing modes, worked out
//! by hand: the face is the part's Size seen from the SurfaceGui's Face
//! (Front/Back: X by Y; Left/Right: Z by Y; Top/Bottom: X by Z).
//! PixelsPerStud lays the GUI out in face x PixelsPerStud pixels;
//! FixedSize lays it out in CanvasSize and Roblox stretches that canvas
//! over the face.

use datastore_designer::layout::surface::{face_size, fit, layout_on_part};
use datastore_designer::layout::{Device, LayoutOptions, Vec2};
use datastore_designer::project::{GuiNode, PropValue};

fn e(ty: &str, item: &str) -> PropValue {
    PropValue::enum_item(ty, item)
}

fn board(root: GuiNode) -> GuiNode {
    root.child(GuiNode::new("Frame", "Half").with("Size", PropValue::udim2(0.5, 0, 1.0, 0)))
        .child(
            GuiNode::new("TextLabel", "Title")
                .with("Size", PropValue::udim2(1.0, 0, 0.0, 40))
                .with("TextSize", PropValue::Float(20.0)),
        )
}

fn pixels_per_stud(pps: f32) -> GuiNode {
    board(
        GuiNode::new("SurfaceGui", "G")
            .with("SizingMode", e("SurfaceGuiSizingMode", "PixelsPerStud"))
            .with("PixelsPerStud", PropValue::Float(pps)),
    )
}

fn fixed(w: f32, h: f32) -> GuiNode {
    board(GuiNode::new("SurfaceGui", "G").with("CanvasSize", PropValue::Vector2(w, h)))
}

fn desktop() -> Device {
    Device::by_name("desktop").unwrap()
}

#[test]
fn the_face_is_the_part_size_seen_from_the_face() {
    let part = [12.0, 8.0, 1.0];
    assert_eq!(face_size(part, "Front"), Vec2::new(12.0, 8.0));
    assert_eq!(face_size(part, "Back"), Vec2::new(12.0, 8.0));
    assert_eq!(face_size(part, "Right"), Vec2::new(1.0, 8.0));
    assert_eq!(face_size(part, "Left"), Vec2::new(1.0, 8.0));
    assert_eq!(face_size(part, "Top"), Vec2::new(12.0, 1.0));
    // Nonsense sizes give an empty face, never NaN.
    assert_eq!(
        face_size([f32::NAN, -3.0, 1.0], "Front"),
        Vec2::new(0.0, 0.0)
    );
}

#[test]
fn pixels_per_stud_lays_out_on_the_face_itself() {
    // 12x8 studs at 50 px/stud: a 600x400 canvas of the face's shape, not
    // stretched. Half (0.5, 0, 1, 0) = 300x400; Title keeps TextSize 20.
    let gui = pixels_per_stud(50.0);
    let f = fit(&gui, [12.0, 8.0, 1.0]);
    assert_eq!(f.face, Vec2::new(12.0, 8.0));
    assert_eq!(f.canvas, Vec2::new(600.0, 400.0));
    assert_eq!(f.shown, Vec2::new(600.0, 400.0));
    assert_eq!(f.stretch, Vec2::new(1.0, 1.0));
    assert_eq!(f.pixels_per_stud, Vec2::new(50.0, 50.0));
    let (l, _) = layout_on_part(
        &gui,
        &desktop(),
        &LayoutOptions::default(),
        [12.0, 8.0, 1.0],
    );
    assert_eq!((l.screen.x, l.screen.y), (600.0, 400.0));
    let half = l.get("G/Half").unwrap();
    assert_eq!((half.size.x, half.size.y), (300.0, 400.0));
    assert_eq!(l.get("G/Title").unwrap().text.as_ref().unwrap().size, 20.0);
    // A bigger part is a bigger canvas at the same density: 20x5 studs ->
    // 1000x250; Half 500x250.
    let (l, _) = layout_on_part(
        &gui,
        &desktop(),
        &LayoutOptions::default(),
        [20.0, 5.0, 1.0],
    );
    assert_eq!((l.screen.x, l.screen.y), (1000.0, 250.0));
    let half = l.get("G/Half").unwrap();
    assert_eq!((half.size.x, half.size.y), (500.0, 250.0));
}

#[test]
fn fixed_size_is_laid_out_in_its_canvas_and_stretched_over_the_face() {
    // CanvasSize 800x600 (4:3) on a 12x8 face (3:2): laid out in 800x600,
    // shown 600 x 12/8 = 900 wide by 600 high: stretched 900/800 = 1.125
    // across, 1 down; 900/12 = 75 px per stud both ways.
    let gui = fixed(800.0, 600.0);
    let part = [12.0, 8.0, 1.0];
    let f = fit(&gui, part);
    assert_eq!(f.canvas, Vec2::new(800.0, 600.0));
    assert_eq!(f.shown, Vec2::new(900.0, 600.0));
    assert_eq!(f.stretch, Vec2::new(1.125, 1.0));
    assert_eq!(f.pixels_per_stud, Vec2::new(75.0, 75.0));
    let (l, _) = layout_on_part(&gui, &desktop(), &LayoutOptions::default(), part);
    assert_eq!((l.screen.x, l.screen.y), (900.0, 600.0));
    // Half: 400x600 in the canvas, 400 x 1.125 = 450 wide on the face.
    let half = l.get("G/Half").unwrap();
    assert_eq!((half.size.x, half.size.y), (450.0, 600.0));
    // The text keeps its height (the stretch is across only).
    assert_eq!(l.get("G/Title").unwrap().text.as_ref().unwrap().size, 20.0);

    // The same canvas on the top of a 12x8x2 part: the face is 12x2 (6:1),
    // shown 600 x 6 = 3600 wide: stretched 4.5 times.
    let top = fixed(800.0, 600.0).with("Face", e("NormalId", "Top"));
    let f = fit(&top, [12.0, 8.0, 2.0]);
    assert_eq!(f.face, Vec2::new(12.0, 2.0));
    assert_eq!(f.stretch, Vec2::new(4.5, 1.0));

    // A canvas of the face's shape is not stretched: 900x600 on 12x8.
    let f = fit(&fixed(900.0, 600.0), part);
    assert_eq!(f.stretch, Vec2::new(1.0, 1.0));
}
