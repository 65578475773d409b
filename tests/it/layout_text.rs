//! Text measurement and text layout: wider text is wider, TextScaled picks
//! the largest size that fits, wrapping drops lines, truncation adds an
//! ellipsis and fits. Checked at two device presets (text boxes have fixed
//! pixel sizes, so the results match).

use datastore_designer::layout::fonts::{self, Family, FontId};
use datastore_designer::layout::{Device, Layout, LayoutOptions, TextLayout, layout};
use datastore_designer::project::gui::{FontStyle, FontWeight, UDim};
use datastore_designer::project::{GuiNode, PropValue};

const GOTHAM: &str = "rbxasset://fonts/families/GothamSSm.json";

fn devices() -> [Device; 2] {
    [
        Device::by_name("desktop").unwrap(),
        Device::by_name("iphone16").unwrap(),
    ]
}

fn label(name: &str, w: i32, h: i32, text: &str) -> GuiNode {
    GuiNode::new("TextLabel", name)
        .with("Size", PropValue::udim2(0.0, w, 0.0, h))
        .with("Text", PropValue::String(text.into()))
        .with("FontFace", PropValue::font(GOTHAM, FontWeight::Regular))
}

fn screen(children: Vec<GuiNode>) -> GuiNode {
    let mut s = GuiNode::new("ScreenGui", "S")
        .with("ScreenInsets", PropValue::enum_item("ScreenInsets", "None"))
        .with("ClipToDeviceSafeArea", PropValue::Bool(false));
    s.children = children;
    s
}

fn text_of<'a>(l: &'a Layout, path: &str) -> &'a TextLayout {
    l.get(path).unwrap().text.as_ref().unwrap()
}

fn montserrat() -> FontId {
    FontId::for_face(GOTHAM, FontWeight::Regular, FontStyle::Normal)
}

#[test]
fn font_families_map_to_bundled_stand_ins() {
    let fam = |f: &str| Family::for_roblox(f);
    assert_eq!(fam(GOTHAM), Family::Montserrat);
    assert_eq!(
        fam("rbxasset://fonts/families/SourceSansPro.json"),
        Family::SourceSans3
    );
    assert_eq!(
        fam("rbxasset://fonts/families/BuilderSans.json"),
        Family::Inter
    );
    assert_eq!(
        fam("rbxasset://fonts/families/LegacyArial.json"),
        Family::Arimo
    );
    assert_eq!(fam("rbxasset://fonts/families/Arial.json"), Family::Arimo);
    assert_eq!(fam("rbxasset://fonts/families/Roboto.json"), Family::Roboto);
    assert_eq!(
        fam("rbxasset://fonts/families/Inconsolata.json"),
        Family::Inconsolata
    );
    assert_eq!(
        fam("rbxasset://fonts/families/ComicNeueAngular.json"),
        Family::ComicNeue
    );
    assert_eq!(
        fam("rbxasset://fonts/families/Unknown.json"),
        Family::SourceSans3
    );
    // Weights: Medium and below -> 400, SemiBold and above -> 700.
    assert!(!FontId::for_face(GOTHAM, FontWeight::Medium, FontStyle::Normal).bold);
    assert!(FontId::for_face(GOTHAM, FontWeight::SemiBold, FontStyle::Normal).bold);
    // Every bundled file parses.
    for family in Family::ALL {
        for bold in [false, true] {
            let f = FontId { family, bold };
            assert!(fonts::text_width(f, 14.0, "Hello") > 10.0, "{}", f.file());
        }
    }
}

#[test]
fn measurement_is_sane() {
    let f = montserrat();
    let bold = FontId { bold: true, ..f };
    // Wider text is wider; bold is wider than regular; width scales with size.
    assert!(fonts::text_width(f, 14.0, "WWWW") > fonts::text_width(f, 14.0, "iiii"));
    assert!(fonts::text_width(f, 14.0, "Hello world") > fonts::text_width(f, 14.0, "Hello"));
    assert!(fonts::text_width(bold, 14.0, "Hello") > fonts::text_width(f, 14.0, "Hello"));
    let w14 = fonts::text_width(f, 14.0, "Leaderboard");
    let w28 = fonts::text_width(f, 28.0, "Leaderboard");
    assert!((w28 - 2.0 * w14).abs() < 1e-3);
    // Plausible: a 14 px Montserrat "Leaderboard" is 60-110 px wide.
    assert!((60.0..110.0).contains(&w14), "{w14}");
    // Monospace: every character the same width.
    let mono = FontId {
        family: Family::Inconsolata,
        bold: false,
    };
    assert_eq!(
        fonts::text_width(mono, 10.0, "iiii"),
        fonts::text_width(mono, 10.0, "WWWW")
    );
    // Kerning: "AV" is narrower than A + V measured apart.
    let av = fonts::text_width_em(f, "AV");
    let apart = fonts::text_width_em(f, "A") + fonts::text_width_em(f, "V");
    assert!(av < apart, "AV {av} vs {apart}");
}

#[test]
fn text_size_is_the_line_height() {
    let gui = screen(vec![
        label("L", 300, 100, "One\nTwo").with("TextSize", PropValue::Float(20.0)),
    ]);
    for d in devices() {
        let l = layout(&gui, &d, &LayoutOptions::default());
        let t = text_of(&l, "S/L");
        // Two lines of 20 px, centred in 100: top at (100 - 40)/2 = 30.
        assert_eq!(t.lines.len(), 2);
        assert_eq!((t.lines[0].y, t.lines[1].y), (30.0, 50.0));
        assert_eq!(t.bounds.y, 40.0);
    }
}

#[test]
fn text_scaled_picks_the_largest_size_that_fits() {
    let text = "Top Players";
    let gui = screen(vec![
        label("Scaled", 200, 60, text).with("TextScaled", PropValue::Bool(true)),
        label("Capped", 200, 60, text)
            .with("TextScaled", PropValue::Bool(true))
            .child(
                GuiNode::new("UITextSizeConstraint", "C").with("MaxTextSize", PropValue::Int(18)),
            ),
        label("Tall", 200, 500, "Hi").with("TextScaled", PropValue::Bool(true)),
    ]);
    for d in devices() {
        let l = layout(&gui, &d, &LayoutOptions::default());
        let t = text_of(&l, "S/Scaled");
        let s = t.size;
        // Fits at s: one line (if it fits on one) no wider than 200, no taller than 60.
        let lines = t.lines.len() as f32;
        assert!(lines * s <= 60.0 && t.lines.iter().all(|l| l.width <= 200.0 + 1e-3));
        // Not at s + 1: wrapped at that size the text is too tall or too wide.
        let bigger = screen(vec![
            label("B", 200, 60, text)
                .with("TextWrapped", PropValue::Bool(true))
                .with("TextSize", PropValue::Float(s + 1.0)),
        ]);
        let lb = layout(&bigger, &d, &LayoutOptions::default());
        let b = text_of(&lb, "S/B").bounds;
        assert!(
            b.y > 60.0 || b.x > 200.0,
            "size {s} is not the largest: {b:?}"
        );
        assert!(s >= 15.0, "size {s}");
        assert!(!t.truncated);
        // UITextSizeConstraint caps it.
        assert_eq!(text_of(&l, "S/Capped").size, 18.0);
        // Roblox's limit is 100.
        assert_eq!(text_of(&l, "S/Tall").size, 100.0);
    }
}

#[test]
fn wrapping_breaks_at_spaces_and_drops_lines_that_dont_fit() {
    let text = "one two three four five six seven eight nine ten";
    let gui = screen(vec![
        label("Wrap", 90, 200, text)
            .with("TextWrapped", PropValue::Bool(true))
            .with("TextSize", PropValue::Float(14.0)),
        label("Short", 90, 30, text)
            .with("TextWrapped", PropValue::Bool(true))
            .with("TextSize", PropValue::Float(14.0)),
    ]);
    for d in devices() {
        let l = layout(&gui, &d, &LayoutOptions::default());
        let t = text_of(&l, "S/Wrap");
        assert!(t.lines.len() >= 3);
        // Every line fits and breaks between words.
        for line in &t.lines {
            assert!(line.width <= 90.0 + 1e-3, "{line:?}");
            assert!(!line.text.starts_with(' ') && !line.text.ends_with(' '));
        }
        let rejoined: Vec<_> = t.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(rejoined.join(" "), text);
        // 30 px holds two 14 px lines; the rest are dropped.
        let t = text_of(&l, "S/Short");
        assert_eq!(t.lines.len(), 2);
        assert!(t.truncated);
    }
}

#[test]
fn truncate_at_end_adds_an_ellipsis_and_fits() {
    let name = "TheLongestUsernameEver20";
    let gui = screen(vec![
        label("Cut", 80, 20, name)
            .with(
                "TextTruncate",
                PropValue::enum_item("TextTruncate", "AtEnd"),
            )
            .with(
                "TextXAlignment",
                PropValue::enum_item("TextXAlignment", "Left"),
            )
            .child(
                GuiNode::new("UIPadding", "P").with("PaddingLeft", PropValue::UDim(UDim(0.0, 4))),
            ),
        label("Fits", 300, 20, name).with(
            "TextTruncate",
            PropValue::enum_item("TextTruncate", "AtEnd"),
        ),
        label("Overflow", 80, 20, name),
    ]);
    for d in devices() {
        let l = layout(&gui, &d, &LayoutOptions::default());
        let t = text_of(&l, "S/Cut");
        let line = &t.lines[0];
        assert!(t.truncated && line.text.ends_with("..."), "{line:?}");
        assert!(line.text.len() > "...".len());
        // Fits the padded width 80 - 4 = 76, starting at the padding.
        assert!(line.width <= 76.0 + 1e-3 && line.x == 4.0, "{line:?}");
        assert!(name.starts_with(line.text.trim_end_matches("...")));
        // Short enough: unchanged.
        assert_eq!(text_of(&l, "S/Fits").lines[0].text, name);
        // Without truncation the line overflows the box.
        let o = text_of(&l, "S/Overflow");
        assert!(!o.truncated && o.lines[0].width > 80.0);
    }
}

#[test]
fn automatic_size_fits_text() {
    let gui = screen(vec![
        label("Auto", 0, 0, "Hello there")
            .with("AutomaticSize", PropValue::enum_item("AutomaticSize", "XY"))
            .with("TextSize", PropValue::Float(20.0)),
    ]);
    let w = fonts::text_width(montserrat(), 20.0, "Hello there");
    for d in devices() {
        let l = layout(&gui, &d, &LayoutOptions::default());
        let n = l.get("S/Auto").unwrap();
        assert!(
            (n.size.x - w).abs() < 1e-3 && n.size.y == 20.0,
            "{:?}",
            n.size
        );
    }
}

#[test]
fn at_end_keeps_whole_words_split_word_does_not() {
    // Roblox's own example: the box ends inside "end".
    let text = "Long text is truncated at the end of the last complete word";
    let f = montserrat();
    // Wide enough for "Long text is truncated at the en..." but not one more letter.
    let w = fonts::text_width(f, 14.0, "Long text is truncated at the en...") + 0.5;
    // Sizes are whole pixels: the box may lose up to a pixel, so SplitWord
    // keeps at least "...the e".
    let wf = w.floor();
    let mk = |name: &str, mode: &str| {
        label(name, wf as i32, 20, text)
            .with("TextSize", PropValue::Float(14.0))
            .with("TextTruncate", PropValue::enum_item("TextTruncate", mode))
    };
    let gui = screen(vec![mk("AtEnd", "AtEnd"), mk("Split", "SplitWord")]);
    for d in devices() {
        let l = layout(&gui, &d, &LayoutOptions::default());
        let at_end = &text_of(&l, "S/AtEnd").lines[0];
        let split = &text_of(&l, "S/Split").lines[0];
        assert!(at_end.width <= wf + 1e-3 && split.width <= wf + 1e-3);
        assert_eq!(at_end.text, "Long text is truncated at the...");
        assert!(
            split.text.starts_with("Long text is truncated at the e")
                && split.text.ends_with("..."),
            "{}",
            split.text
        );
    }
}
