//! The conformance files' visual order held against what the layout prints: the
//! whole pipeline (sanitize, levels, shaping, wrapping at width 0, per-line
//! reordering, cells), with the explicit formatting characters in the text.
//!
//! A cell is a grapheme cluster (a mark stays on its letter, a lam-alef is one
//! cell), so the order is compared by cell: each character of the file's order is
//! replaced by the cell that drew it, runs of the same cell counted once, and that
//! must be the cells' own order on screen. Characters with no cell are left out:
//! those rule X9 removes (level `x` in the files), the isolates and the marks LRM,
//! RLM and ALM (kept in the reordering, drawn as nothing), line separators, and
//! whitespace that hangs at the end of a line; any other character without a cell
//! fails the case.
//!
//! A text the layout prints as several lines (a line separator inside it) is the
//! file's one line cut at characters of the paragraph level: no reordering crosses
//! them, so the file's order is the printed lines one after the other, or, in a
//! right-to-left paragraph, from the last printed line to the first (rule L2's last
//! reversal takes the whole line). A separator at another level (a form feed or
//! U+2028, which are whitespace) cannot be compared that way: such cases are counted
//! apart.

use hiwar_layout::sanitize::is_line_separator;
use hiwar_layout::{BaseDirection, LayoutOptions, PreparedParagraph};

/// What became of one case.
pub enum Outcome {
    Passed,
    /// Printed on several lines cut at a separator the file gives another level.
    LinesApart,
    Failed(String),
}

/// Checks the printed lines of `text` against the file's `levels` (`None`: removed
/// by X9) and visual `order` (indices of the characters that are not removed).
pub fn check(
    text: &str,
    direction: BaseDirection,
    paragraph_level: u8,
    levels: &[Option<u8>],
    order: &[usize],
) -> Outcome {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() != levels.len() {
        return Outcome::Failed(format!(
            "{} characters, {} levels",
            chars.len(),
            levels.len()
        ));
    }
    if (0..chars.len()).any(|i| ends_line(&chars, i) && levels[i] != Some(paragraph_level)) {
        return Outcome::LinesApart;
    }
    let options = LayoutOptions {
        direction,
        shaping: true,
    };
    let paragraph = PreparedParagraph::new(text, &options);
    let mut lines = paragraph.lines(0);
    if paragraph_level % 2 == 1 {
        lines.reverse();
    }
    // The cell of each character, by where the cell's source starts (a tab's
    // columns share it; the last one may also carry an invisible after the tab).
    let mut cell_of: Vec<Option<usize>> = vec![None; chars.len()];
    let mut printed: Vec<usize> = Vec::new();
    let char_at = |offset: usize| chars.partition_point(|&(start, _)| start < offset);
    for line in &lines {
        for cell in line.cells() {
            let id = cell.source.start;
            let covered = char_at(cell.source.start)..char_at(cell.source.end);
            let mut in_order = false;
            // A cell's source may span an isolate or a mark (an invisible after
            // one rides on the cell before it): that character is still drawn as
            // nothing, at its own place.
            for i in covered.filter(|&i| !formatting(chars[i].1)) {
                if let Some(other) = cell_of[i].filter(|&other| other != id) {
                    return Outcome::Failed(format!(
                        "character {i} in two cells, {other:?} and {id:?}"
                    ));
                }
                cell_of[i] = Some(id);
                in_order |= levels[i].is_some();
            }
            if in_order && printed.last() != Some(&id) {
                printed.push(id);
            }
        }
    }
    for (i, &(_, c)) in chars.iter().enumerate() {
        if cell_of[i].is_none() && levels[i].is_some() && !drawn_as_nothing(&chars, i) {
            return Outcome::Failed(format!("character {i} ({c:?}) has no cell"));
        }
    }
    let mut expected: Vec<usize> = Vec::new();
    for &i in order {
        let Some(&cell) = cell_of.get(i) else {
            return Outcome::Failed(format!("order names character {i}"));
        };
        if let Some(id) = cell
            && expected.last() != Some(&id)
        {
            expected.push(id);
        }
    }
    if printed == expected {
        Outcome::Passed
    } else {
        let show =
            |cells: &[usize]| -> Vec<usize> { cells.iter().map(|&start| char_at(start)).collect() };
        Outcome::Failed(format!(
            "printed cells (by first character) {:?}, expected {:?}",
            show(&printed),
            show(&expected)
        ))
    }
}

/// The characters that get no cell: the isolates and bidi marks, line separators,
/// and whitespace (a space, a tab) with only whitespace, isolates, marks and removed
/// characters after it up to the end of its line.
fn drawn_as_nothing(chars: &[(usize, char)], i: usize) -> bool {
    let invisible = formatting;
    let c = chars[i].1;
    if invisible(c) || ends_line(chars, i) {
        return true;
    }
    let hangs = |c: char| {
        c == '\t'
            || invisible(c)
            || hiwar_layout::levels::bidi_class(c) == unicode_bidi::BidiClass::WS
            || hiwar_layout::levels::bidi_class(c) == unicode_bidi::BidiClass::BN
    };
    hangs(c)
        && (i..chars.len())
            .take_while(|&j| !ends_line(chars, j))
            .all(|j| hangs(chars[j].1))
}

/// A line separator, or the CR of a CR LF.
fn ends_line(chars: &[(usize, char)], i: usize) -> bool {
    let c = chars[i].1;
    is_line_separator(c) || (c == '\r' && chars.get(i + 1).is_some_and(|&(_, next)| next == '\n'))
}

/// The bidi formatting characters: embeddings, overrides, isolates and the marks.
fn formatting(c: char) -> bool {
    matches!(
        c,
        '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}'
    )
}
