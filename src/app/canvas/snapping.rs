//! Snapping a dragged box's edges and centre to its parent's and its
//! siblings' edges and centre lines, as Studio does.

use crate::layout::Rect;

/// Lines a box can snap to, in Roblox pixels, parents' first so that they
/// win ties.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
}

impl Targets {
    /// The parent's edges and centre, then each sibling's.
    pub fn around(parent: Rect, siblings: impl IntoIterator<Item = Rect>) -> Targets {
        let mut t = Targets::default();
        for r in std::iter::once(parent).chain(siblings) {
            t.xs.extend([r.x, r.x + r.w / 2.0, r.right()]);
            t.ys.extend([r.y, r.y + r.h / 2.0, r.bottom()]);
        }
        t
    }
}

/// A snap found on one axis: how far to shift, and the line snapped to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Snap {
    pub shift: f32,
    pub line: f32,
}

/// The smallest shift (at most `reach`) that puts one of `lines` on one of
/// `targets`.
pub fn nearest(lines: &[f32], targets: &[f32], reach: f32) -> Option<Snap> {
    let mut best: Option<Snap> = None;
    for &t in targets {
        for &l in lines {
            let shift = t - l;
            if shift.abs() <= reach && best.is_none_or(|b| shift.abs() < b.shift.abs()) {
                best = Some(Snap { shift, line: t });
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snaps_the_centre_to_the_parents_centre() {
        let t = Targets::around(Rect::new(0.0, 0.0, 200.0, 100.0), []);
        // A box 40 wide whose centre is at 97: 3 px from the parent's centre.
        let s = nearest(&[77.0, 97.0, 117.0], &t.xs, 6.0).unwrap();
        assert_eq!(
            s,
            Snap {
                shift: 3.0,
                line: 100.0
            }
        );
    }

    #[test]
    fn nothing_in_reach_means_no_snap() {
        let t = Targets::around(
            Rect::new(0.0, 0.0, 200.0, 100.0),
            [Rect::new(50.0, 0.0, 10.0, 10.0)],
        );
        assert_eq!(nearest(&[30.0], &t.xs, 6.0), None);
        assert_eq!(nearest(&[44.5], &t.xs, 6.0).map(|s| s.line), Some(50.0));
    }
}
