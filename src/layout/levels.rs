//! UAX #9 embedding levels (rules P2–I2 by unicode-bidi) and our own line rules
//! L1–L2, which work on any slice of levels (code points or grapheme clusters).
//!
//! We do not call unicode-bidi's own line functions (`visual_runs`, `reorder_line`):
//! its L2 panics on a line at the maximum implicit level 126 (unicode-bidi issue
//! #145, reachable by nesting isolates 125 deep around a digit). Our L2 works on
//! plain `u8` levels and cannot overflow.

use std::sync::OnceLock;

use unicode_bidi::data_source::BidiDataSource;
use unicode_bidi::{BidiClass, BidiInfo, Level};

use super::BaseDirection;

/// unicode-bidi's own character data, with a direct table in front of it for the
/// first 2,304 code points (Latin, Hebrew, Arabic and its supplements): most text
/// hiwar meets never reaches the crate's binary search.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastBidiData;

/// Code points below this have their class in the direct table.
const TABLE_END: usize = 0x900;

fn table() -> &'static [BidiClass; TABLE_END] {
    static TABLE: OnceLock<[BidiClass; TABLE_END]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [BidiClass::L; TABLE_END];
        for (cp, class) in table.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(cp as u32) {
                *class = unicode_bidi::bidi_class(c);
            }
        }
        table
    })
}

impl BidiDataSource for FastBidiData {
    #[inline]
    fn bidi_class(&self, c: char) -> BidiClass {
        match table().get(c as usize) {
            Some(&class) => class,
            None => unicode_bidi::bidi_class(c),
        }
    }
}

/// Runs rules P2–I2 on `text` (one or more paragraphs).
pub fn analyze(text: &str, base: BaseDirection) -> BidiInfo<'_> {
    BidiInfo::new_with_data_source(&FastBidiData, text, base_level(base))
}

/// The paragraph embedding level asked for, `None` for rules P2–P3.
pub fn base_level(base: BaseDirection) -> Option<Level> {
    match base {
        BaseDirection::Auto => None,
        BaseDirection::Rtl => Some(Level::rtl()),
        BaseDirection::Ltr => Some(Level::ltr()),
    }
}

/// Characters that rule X9 removes: embeddings, overrides, PDF and boundary neutrals.
pub fn removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, RLE | LRE | RLO | LRO | PDF | BN)
}

/// Characters rule L1 resets when they end a line or precede a separator.
fn is_whitespace_for_l1(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, WS | FSI | LRI | RLI | PDI)
}

/// Code-point level result for one line of text (the whole text is one line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineLevels {
    pub paragraph_level: u8,
    /// One entry per char; `None` for chars removed by rule X9.
    pub levels: Vec<Option<u8>>,
}

/// Resolves the levels of `text` taken as one line of one paragraph: rules P2–I2,
/// then L1. Paragraph separators inside `text` are treated as rule L1 says (reset to
/// the level of the paragraph they end).
pub fn resolve_line(text: &str, base: BaseDirection) -> LineLevels {
    let info = analyze(text, base);
    let paragraph_level = info.paragraphs.first().map_or(0, |p| p.level.number());
    let mut levels = Vec::with_capacity(text.len());
    let mut classes = Vec::with_capacity(text.len());
    for (i, _) in text.char_indices() {
        classes.push(info.original_classes[i]);
        levels.push(info.levels[i].number());
    }
    let para_levels: Vec<u8> = text
        .char_indices()
        .map(|(i, _)| {
            info.paragraphs
                .iter()
                .find(|p| p.range.contains(&i))
                .map_or(paragraph_level, |p| p.level.number())
        })
        .collect();
    apply_l1(&classes, &mut levels, |i| para_levels[i]);
    let levels = classes
        .iter()
        .zip(levels)
        .map(|(&c, l)| (!removed_by_x9(c)).then_some(l))
        .collect();
    LineLevels {
        paragraph_level,
        levels,
    }
}

/// Rule L1 on one line: segment and paragraph separators, and any whitespace
/// (or isolate formatting, or X9-removed characters among them) before a separator or
/// at the end of the line, go back to the paragraph level.
pub fn apply_l1(classes: &[BidiClass], levels: &mut [u8], para_level: impl Fn(usize) -> u8) {
    // Walk backwards: `resetting` is true while every char since the line end or the
    // last separator has been whitespace.
    let mut resetting = true;
    for i in (0..classes.len()).rev() {
        let class = classes[i];
        if matches!(class, BidiClass::S | BidiClass::B) {
            levels[i] = para_level(i);
            resetting = true;
        } else if is_whitespace_for_l1(class) || removed_by_x9(class) {
            if resetting {
                levels[i] = para_level(i);
            }
        } else {
            resetting = false;
        }
    }
}

/// Rule L2 on levels of X9-kept items (`None` items are left out): the item indices
/// in visual order, left to right.
pub fn visual_order(levels: &[Option<u8>]) -> Vec<usize> {
    let kept: Vec<usize> = (0..levels.len()).filter(|&i| levels[i].is_some()).collect();
    let flat: Vec<u8> = kept.iter().filter_map(|&i| levels[i]).collect();
    let mut order = Vec::with_capacity(kept.len());
    reorder(&flat, &mut order);
    order.into_iter().map(|k| kept[k]).collect()
}

/// Rule L2: from the highest level to the lowest odd level on the line, reverse any
/// contiguous sequence of items at that level or higher. `order` receives the item
/// indices left to right on screen.
pub fn reorder(levels: &[u8], order: &mut Vec<usize>) {
    order.clear();
    order.extend(0..levels.len());
    let Some(&max) = levels.iter().max() else {
        return;
    };
    let min_odd = levels.iter().copied().min().unwrap_or(0) | 1;
    if max < min_odd {
        return;
    }
    let mut level = max;
    while level >= min_odd {
        let mut i = 0;
        while i < levels.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < levels.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_table_agrees_with_the_crate() {
        for c in (0..0x1000).filter_map(char::from_u32) {
            assert_eq!(
                FastBidiData.bidi_class(c),
                unicode_bidi::bidi_class(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn reorder_reverses_rtl_runs_and_keeps_numbers_ltr() {
        let mut order = Vec::new();
        reorder(&[0, 0, 1, 1, 1, 0], &mut order);
        assert_eq!(order, [0, 1, 4, 3, 2, 5]);
        // Arabic (1) with a number (2) inside: the number keeps its order.
        reorder(&[1, 1, 2, 2, 1], &mut order);
        assert_eq!(order, [4, 2, 3, 1, 0]);
        // The maximum implicit level cannot overflow.
        reorder(&[126, 126, 125], &mut order);
        assert_eq!(order, [2, 0, 1]);
    }
}
