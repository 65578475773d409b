//! Bundled open-licensed stand-ins for Roblox's fonts and text measurement.
//!
//! Widths are measured in font units (advance widths plus GPOS pair
//! kerning), so they scale linearly with the text size and one cached
//! measurement per (font, text) serves every size.

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::{Face, GlyphId, Tag};

use crate::project::gui::{FontStyle, FontWeight};

/// A bundled font family (an open-licensed stand-in for a Roblox family).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Family {
    /// Stand-in for Gotham / GothamSSm (Roblox itself now renders Gotham as Montserrat).
    Montserrat,
    /// Stand-in for Source Sans Pro.
    SourceSans3,
    /// Stand-in for Builder Sans (whose licence allows use only on Roblox).
    Inter,
    /// Stand-in for Arial and Legacy Arial (metric-compatible with Arial).
    Arimo,
    Roboto,
    Inconsolata,
    /// Stand-in for Comic Neue Angular.
    ComicNeue,
}

impl Family {
    pub const ALL: [Family; 7] = [
        Family::Montserrat,
        Family::SourceSans3,
        Family::Inter,
        Family::Arimo,
        Family::Roboto,
        Family::Inconsolata,
        Family::ComicNeue,
    ];

    /// The family that previews a Roblox font family asset
    /// (`rbxasset://fonts/families/GothamSSm.json`) or a bare family name.
    /// Unknown families fall back to Source Sans (Roblox's default).
    pub fn for_roblox(family: &str) -> Family {
        let stem = family
            .rsplit('/')
            .next()
            .unwrap_or(family)
            .trim_end_matches(".json")
            .to_ascii_lowercase()
            .replace(' ', "");
        match stem.as_str() {
            s if s.starts_with("gotham") => Family::Montserrat,
            s if s.starts_with("montserrat") => Family::Montserrat,
            s if s.starts_with("sourcesans") => Family::SourceSans3,
            s if s.starts_with("buildersans") || s.starts_with("builder") => Family::Inter,
            "arial" | "legacyarial" | "arimo" => Family::Arimo,
            s if s.starts_with("roboto") => Family::Roboto,
            s if s.starts_with("inconsolata") || s == "code" || s.starts_with("robotomono") => {
                Family::Inconsolata
            }
            s if s.starts_with("comicneue") || s == "cartoon" => Family::ComicNeue,
            s if s.starts_with("inter") => Family::Inter,
            _ => Family::SourceSans3,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::Montserrat => "Montserrat",
            Family::SourceSans3 => "Source Sans 3",
            Family::Inter => "Inter",
            Family::Arimo => "Arimo",
            Family::Roboto => "Roboto",
            Family::Inconsolata => "Inconsolata",
            Family::ComicNeue => "Comic Neue",
        }
    }
}

/// One bundled font file: a family at one weight (400 or 700).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct FontId {
    pub family: Family,
    pub bold: bool,
}

impl FontId {
    /// The bundled file nearest to a Roblox font face: Thin..Medium map to
    /// Regular (400), SemiBold..Heavy to Bold (700). Italic is measured
    /// with the upright face (italics are not bundled).
    pub fn for_face(family: &str, weight: FontWeight, _style: FontStyle) -> FontId {
        FontId {
            family: Family::for_roblox(family),
            bold: weight.value() >= 600,
        }
    }

    fn index(self) -> usize {
        Family::ALL.iter().position(|f| *f == self.family).unwrap() * 2 + usize::from(self.bold)
    }

    /// The TTF bytes, for renderers that need the same font.
    pub fn data(self) -> &'static [u8] {
        FONT_DATA[self.index()].1
    }

    /// The bundled file's name, e.g. `Montserrat/Montserrat_700Bold.ttf`.
    pub fn file(self) -> &'static str {
        FONT_DATA[self.index()].0
    }

    /// Metrics of this font (parsed once).
    pub fn metrics(self) -> &'static FontMetrics {
        &FONTS[self.index()].metrics
    }
}

macro_rules! font {
    ($dir:literal, $file:literal) => {
        (
            concat!($dir, "/", $file),
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/assets/fonts/",
                $dir,
                "/",
                $file
            )) as &[u8],
        )
    };
}

/// In the order of `Family::ALL`, regular then bold.
static FONT_DATA: [(&str, &[u8]); 14] = [
    font!("Montserrat", "Montserrat_400Regular.ttf"),
    font!("Montserrat", "Montserrat_700Bold.ttf"),
    font!("SourceSans3", "SourceSans3_400Regular.ttf"),
    font!("SourceSans3", "SourceSans3_700Bold.ttf"),
    font!("Inter", "Inter_400Regular.ttf"),
    font!("Inter", "Inter_700Bold.ttf"),
    font!("Arimo", "Arimo_400Regular.ttf"),
    font!("Arimo", "Arimo_700Bold.ttf"),
    font!("Roboto", "Roboto_400Regular.ttf"),
    font!("Roboto", "Roboto_700Bold.ttf"),
    font!("Inconsolata", "Inconsolata_400Regular.ttf"),
    font!("Inconsolata", "Inconsolata_700Bold.ttf"),
    font!("ComicNeue", "ComicNeue_400Regular.ttf"),
    font!("ComicNeue", "ComicNeue_700Bold.ttf"),
];

/// Vertical metrics in em (1.0 = the text size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FontMetrics {
    pub ascender: f32,
    /// Negative: below the baseline.
    pub descender: f32,
    pub units_per_em: f32,
}

struct LoadedFont {
    face: Face<'static>,
    metrics: FontMetrics,
    /// Lookups of the `kern` feature that are pair adjustments.
    kern_lookups: Vec<u16>,
}

static FONTS: LazyLock<Vec<LoadedFont>> = LazyLock::new(|| {
    FONT_DATA
        .iter()
        .map(|(name, data)| {
            let face = Face::parse(data, 0).unwrap_or_else(|e| panic!("bundled font {name}: {e}"));
            let upem = f32::from(face.units_per_em());
            let metrics = FontMetrics {
                ascender: f32::from(face.ascender()) / upem,
                descender: f32::from(face.descender()) / upem,
                units_per_em: upem,
            };
            let mut kern_lookups = Vec::new();
            if let Some(gpos) = face.tables().gpos {
                for feature in gpos.features {
                    if feature.tag == Tag::from_bytes(b"kern") {
                        for index in feature.lookup_indices {
                            if !kern_lookups.contains(&index) {
                                kern_lookups.push(index);
                            }
                        }
                    }
                }
            }
            kern_lookups.sort_unstable();
            LoadedFont {
                face,
                metrics,
                kern_lookups,
            }
        })
        .collect()
});

/// Advance width of characters a font lacks (emoji and the like), in em:
/// Roblox draws those from its emoji font, about one em wide.
const MISSING_GLYPH_EM: f32 = 1.0;

/// FxHash: the cache is hit for every word laid out, and SipHash costs
/// more than the measuring it saves on short words.
#[derive(Default)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type Fx = std::hash::BuildHasherDefault<FxHasher>;
type WidthCache = HashMap<FontId, HashMap<String, f32, Fx>, Fx>;
static CACHE: LazyLock<RwLock<WidthCache>> = LazyLock::new(|| RwLock::new(HashMap::default()));

/// Width of `text` on one line in em (multiply by the text size for
/// pixels): advance widths plus kerning. Cached.
pub fn text_width_em(font: FontId, text: &str) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    if let Some(w) = CACHE
        .read()
        .ok()
        .and_then(|c| c.get(&font).and_then(|m| m.get(text)).copied())
    {
        return w;
    }
    let w = measure_uncached(font, text);
    if let Ok(mut c) = CACHE.write() {
        let m = c.entry(font).or_default();
        // Bound the cache: designers type a lot of texts over a session.
        if m.len() > 50_000 {
            m.clear();
        }
        m.insert(text.to_string(), w);
    }
    w
}

/// Advance width of one character in em, without kerning (not cached: a
/// character map lookup is cheaper than the cache).
pub fn char_width_em(font: FontId, ch: char) -> f32 {
    let loaded = &FONTS[font.index()];
    if ch.is_control() || matches!(ch, '\u{FE00}'..='\u{FE0F}' | '\u{200B}'..='\u{200D}') {
        return 0.0;
    }
    match loaded.face.glyph_index(ch) {
        Some(g) => {
            f32::from(loaded.face.glyph_hor_advance(g).unwrap_or(0)) / loaded.metrics.units_per_em
        }
        None => MISSING_GLYPH_EM,
    }
}

/// Width of `text` in pixels at `size`.
pub fn text_width(font: FontId, size: f32, text: &str) -> f32 {
    text_width_em(font, text) * size
}

fn measure_uncached(font: FontId, text: &str) -> f32 {
    let loaded = &FONTS[font.index()];
    let face = &loaded.face;
    let upem = loaded.metrics.units_per_em;
    let mut units = 0.0f32;
    let mut prev: Option<GlyphId> = None;
    for ch in text.chars() {
        if ch.is_control() {
            prev = None;
            continue;
        }
        // Variation selectors and joiners draw nothing.
        if matches!(ch, '\u{FE00}'..='\u{FE0F}' | '\u{200B}'..='\u{200D}') {
            continue;
        }
        match face.glyph_index(ch) {
            Some(g) => {
                if let Some(p) = prev {
                    units += f32::from(kerning(loaded, p, g));
                }
                units += f32::from(face.glyph_hor_advance(g).unwrap_or(0));
                prev = Some(g);
            }
            None => {
                units += MISSING_GLYPH_EM * upem;
                prev = None;
            }
        }
    }
    units / upem
}

/// GPOS pair kerning between two glyphs, in font units (first matching
/// subtable of each kern lookup, as shapers apply them).
fn kerning(font: &LoadedFont, left: GlyphId, right: GlyphId) -> i16 {
    let Some(gpos) = font.face.tables().gpos else {
        return 0;
    };
    let mut total = 0i16;
    for &index in &font.kern_lookups {
        let Some(lookup) = gpos.lookups.get(index) else {
            continue;
        };
        for subtable in lookup.subtables.into_iter::<PositioningSubtable>() {
            let PositioningSubtable::Pair(pair) = subtable else {
                continue;
            };
            let found = match pair {
                PairAdjustment::Format1 { coverage, sets } => coverage
                    .get(left)
                    .and_then(|i| sets.get(i))
                    .and_then(|set| set.get(right))
                    .map(|(a, _)| a.x_advance),
                PairAdjustment::Format2 {
                    coverage,
                    classes,
                    matrix,
                } => {
                    if coverage.get(left).is_some() {
                        matrix
                            .get((classes.0.get(left), classes.1.get(right)))
                            .map(|(a, _)| a.x_advance)
                    } else {
                        None
                    }
                }
            };
            if let Some(adv) = found {
                total = total.saturating_add(adv);
                break;
            }
        }
    }
    total
}

/// Whether the font draws `ch` itself.
pub fn has_glyph(font: FontId, ch: char) -> bool {
    FONTS[font.index()].face.glyph_index(ch).is_some()
}
