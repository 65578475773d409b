//! Lines of text in a box: wrapping, TextScaled, truncation and alignment.

use serde::Serialize;

use super::fonts::{self, FontId};
pub(crate) use super::props::Truncate;
use super::{Rect, Vec2};

/// How a text object's text is drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextLayout {
    pub font: FontId,
    /// The text size used (TextScaled picks it), in pixels.
    pub size: f32,
    /// Height of one line: size x LineHeight.
    pub line_height: f32,
    pub lines: Vec<TextLine>,
    /// Whether lines were dropped or cut short (with an ellipsis for
    /// TextTruncate AtEnd).
    pub truncated: bool,
    /// Roblox's TextBounds: the size of the text as laid out (before
    /// lines are dropped for not fitting).
    pub bounds: Vec2,
    /// Whether a UIStroke outlines the letters (ApplyStrokeMode Contextual).
    pub stroked: bool,
}

/// One line, in screen pixels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextLine {
    pub text: String,
    /// Left edge of the line's ink advance.
    pub x: f32,
    /// Top of the line box.
    pub y: f32,
    pub width: f32,
    /// Baseline, for renderers that place glyphs by baseline.
    pub baseline: f32,
}

pub(crate) struct TextStyle {
    pub font: FontId,
    pub size: f32,
    pub line_height: f32,
    pub wrapped: bool,
    pub scaled: bool,
    pub min_size: f32,
    pub max_size: f32,
    /// TextTruncate: cut text that doesn't fit, ending it with "...".
    pub truncate: Truncate,
    pub align_x: f32,
    pub align_y: f32,
}

/// A paragraph's words with their widths in em.
struct Para<'t> {
    words: Vec<(&'t str, f32)>,
}

struct Prepared<'t> {
    font: FontId,
    paras: Vec<Para<'t>>,
    space: f32,
}

/// A line as a range of words of one paragraph, or a piece of a word too
/// long for the line.
#[derive(Clone)]
struct Line {
    text: String,
    em: f32,
}

fn prepare(font: FontId, text: &str) -> Prepared<'_> {
    let space = fonts::text_width_em(font, " ");
    let paras = text
        .split('\n')
        .map(|p| Para {
            words: p
                .split(' ')
                .map(|w| (w, fonts::text_width_em(font, w)))
                .collect(),
        })
        .collect();
    Prepared { font, paras, space }
}

impl Prepared<'_> {
    /// Lines when wrapping at `max_em` (None: no wrapping).
    fn lines(&self, max_em: Option<f32>) -> Vec<Line> {
        let mut out = Vec::new();
        for para in &self.paras {
            let Some(max) = max_em else {
                let text = para.words.iter().map(|w| w.0).collect::<Vec<_>>().join(" ");
                let em = para.words.iter().map(|w| w.1).sum::<f32>()
                    + self.space * para.words.len().saturating_sub(1) as f32;
                out.push(Line { text, em });
                continue;
            };
            let mut cur = String::new();
            let mut cur_em = 0.0f32;
            let mut started = false;
            for &(word, w) in &para.words {
                let add = if started { self.space + w } else { w };
                if started && cur_em + add > max + 1e-4 && !word.is_empty() {
                    out.push(Line {
                        text: std::mem::take(&mut cur).trim_end().to_string(),
                        em: cur_em,
                    });
                    cur_em = 0.0;
                    started = false;
                }
                if !started && w > max + 1e-4 {
                    // A word longer than the line: break it between characters.
                    let mut piece = String::new();
                    let mut piece_em = 0.0;
                    for ch in word.chars() {
                        let cw = fonts::char_width_em(self.font, ch);
                        if !piece.is_empty() && piece_em + cw > max + 1e-4 {
                            out.push(Line {
                                text: std::mem::take(&mut piece),
                                em: piece_em,
                            });
                            piece_em = 0.0;
                        }
                        piece.push(ch);
                        piece_em += cw;
                    }
                    cur = piece;
                    cur_em = piece_em;
                    started = true;
                    continue;
                }
                if started {
                    cur.push(' ');
                    cur_em += self.space;
                }
                cur.push_str(word);
                cur_em += w;
                started = true;
            }
            out.push(Line {
                text: cur.trim_end().to_string(),
                em: cur_em,
            });
        }
        out
    }
}

/// What Roblox puts where text was cut (three full stops).
pub const ELLIPSIS: &str = "...";

/// `line` cut so that it plus an ellipsis fits `max_em`. AtEnd cuts at
/// the last word boundary that fits when there is one; SplitWord cuts
/// between any two characters.
fn truncate_line(font: FontId, line: &str, max_em: f32, mode: Truncate) -> Line {
    let ell = fonts::text_width_em(font, ELLIPSIS);
    let mut kept = String::new();
    let mut em = 0.0;
    let mut cut_inside_word = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        let cw = fonts::char_width_em(font, ch);
        if em + cw + ell > max_em + 1e-4 {
            cut_inside_word = ch != ' ' && !kept.ends_with(' ') && !kept.is_empty();
            break;
        }
        kept.push(ch);
        em += cw;
        if chars.peek().is_none() {
            cut_inside_word = false;
        }
    }
    if mode == Truncate::AtEnd
        && cut_inside_word
        && let Some(space) = kept.trim_end().rfind(' ')
    {
        kept.truncate(space);
    }
    let kept = kept.trim_end().to_string();
    let em = fonts::text_width_em(font, &kept);
    if em + ell > max_em + 1e-4 && kept.is_empty() {
        // Not even the ellipsis fits: Roblox shows nothing.
        return Line {
            text: String::new(),
            em: 0.0,
        };
    }
    Line {
        text: format!("{kept}{ELLIPSIS}"),
        em: em + ell,
    }
}

/// Lay `text` out in `area` (screen pixels).
pub(crate) fn layout_text(text: &str, style: &TextStyle, area: Rect) -> TextLayout {
    let prepared = prepare(style.font, text);
    let wraps = style.wrapped || style.scaled;
    let fits = |size: f32| -> Option<Vec<Line>> {
        let lines = prepared.lines(Some(area.w / size));
        let h = lines.len() as f32 * size * style.line_height;
        let w_ok = lines.iter().all(|l| l.em * size <= area.w + 1e-3);
        (h <= area.h + 1e-3 && w_ok).then_some(lines)
    };
    let (size, lines) = if style.scaled {
        // Largest whole size that fits, within the UITextSizeConstraint.
        let lo_bound = style.min_size.max(1.0).floor() as i32;
        let hi_bound = style.max_size.min(100.0).floor().max(lo_bound as f32) as i32;
        let (mut lo, mut hi) = (lo_bound, hi_bound);
        let mut best = None;
        while lo <= hi {
            let mid = (lo + hi) / 2;
            match fits(mid as f32) {
                Some(lines) => {
                    best = Some((mid as f32, lines));
                    lo = mid + 1;
                }
                None => hi = mid - 1,
            }
        }
        best.unwrap_or_else(|| {
            let s = lo_bound as f32;
            (s, prepared.lines(Some(area.w / s)))
        })
    } else {
        let s = style.size;
        let max = wraps.then_some(area.w / s);
        (s, prepared.lines(max))
    };
    let line_px = size * style.line_height;
    let bounds = Vec2 {
        x: lines.iter().map(|l| l.em * size).fold(0.0, f32::max),
        y: lines.len() as f32 * line_px,
    };
    let mut lines = lines;
    let mut truncated = false;
    if wraps {
        // Lines that do not fit the height are dropped (the first stays).
        let fit = ((area.h + 1e-3) / line_px).floor().max(1.0) as usize;
        if lines.len() > fit {
            lines.truncate(fit);
            truncated = true;
            if style.truncate != Truncate::None {
                let last = lines.pop().unwrap();
                // Make room for the ellipsis on the last kept line.
                let mut cut = truncate_line(
                    style.font,
                    &format!("{} ", last.text),
                    area.w / size,
                    style.truncate,
                );
                if cut.text.is_empty() {
                    cut = last;
                }
                lines.push(cut);
            }
        }
    }
    if style.truncate != Truncate::None {
        for line in lines.iter_mut() {
            if line.em * size > area.w + 1e-3 {
                *line = truncate_line(style.font, &line.text, area.w / size, style.truncate);
                truncated = true;
            }
        }
    }
    let metrics = style.font.metrics();
    let block_h = lines.len() as f32 * line_px;
    let top = area.y + (area.h - block_h) * style.align_y;
    let ink = (metrics.ascender - metrics.descender) * size;
    let lines = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let width = l.em * size;
            let y = top + i as f32 * line_px;
            TextLine {
                x: area.x + (area.w - width) * style.align_x,
                y,
                width,
                baseline: y + (line_px - ink) / 2.0 + metrics.ascender * size,
                text: l.text,
            }
        })
        .collect();
    TextLayout {
        font: style.font,
        size,
        line_height: line_px,
        lines,
        truncated,
        bounds,
        stroked: false,
    }
}

/// TextBounds of `text` without a box: (width, height) when wrapping at
/// `wrap_width` (None: no wrapping).
pub(crate) fn text_bounds(
    text: &str,
    font: FontId,
    size: f32,
    line_height: f32,
    wrap_width: Option<f32>,
) -> Vec2 {
    let prepared = prepare(font, text);
    let lines = prepared.lines(wrap_width.map(|w| w / size));
    Vec2 {
        x: lines.iter().map(|l| l.em * size).fold(0.0, f32::max),
        y: lines.len() as f32 * size * line_height,
    }
}

/// Plain text of a RichText string: tags removed, entities decoded.
pub(crate) fn strip_rich_text(text: &str) -> String {
    let text = text.replace("<br />", "\n").replace("<br/>", "\n");
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
