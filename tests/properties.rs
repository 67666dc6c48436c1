//! Properties of the layout on random mixes of every kind of text it meets.

use std::collections::BTreeSet;

use hiwar::layout::{BaseDirection, LayoutOptions, VisualLine, layout};
use proptest::prelude::*;

/// Pieces of text to mix: scripts, digits, punctuation, brackets, marks, joiners,
/// bidi controls, wide characters, emoji and controls.
const PIECES: &[&str] = &[
    "كتاب",
    "سلام",
    "لا",
    "لأ",
    "بًا",
    "مُحَمَّد",
    "ـ",
    "پیچ",
    "گ",
    "ہے",
    "ی",
    "شالوم",
    "עברית",
    "abc",
    "Hello",
    "x",
    "2013",
    "31.5%",
    "13,000",
    "٣٤",
    "۱۲",
    ".",
    ",",
    ":",
    "؟",
    "،",
    "!",
    "-",
    "/",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "«",
    "»",
    "‹",
    "›",
    "\u{64B}",
    "\u{651}",
    "\u{670}",
    "\u{200D}",
    "\u{200C}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{202A}",
    "\u{202B}",
    "\u{202C}",
    "\u{202D}",
    "\u{202E}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200E}",
    "\u{200F}",
    "\u{61C}",
    "中文",
    "字",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "\u{1b}[2J",
    "\u{1b}]0;t\u{7}",
    "\u{9b}",
    "\u{7f}",
    "\r",
    "\n",
    "\t",
    "\u{0}",
    " ",
    " ",
    " ",
    "  ",
    "\u{a0}",
    "\u{3000}",
    "e\u{301}",
    "\u{301}",
];

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (
        prop::sample::select(vec![
            BaseDirection::Auto,
            BaseDirection::Rtl,
            BaseDirection::Ltr,
        ]),
        any::<bool>(),
    )
        .prop_map(|(direction, shaping)| LayoutOptions { direction, shaping })
}

/// Characters that may have no cell: bidi formatting characters and line breaks,
/// and whitespace (which hangs at line ends).
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{61C}'
    )
}

fn may_vanish(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{b}' | '\u{c}' | '\u{85}'
        )
        || c == ' '
        || c == '\u{3000}'
        || c == '\t'
}

fn check(text: &str, width: usize, options: &LayoutOptions) -> Result<(), TestCaseError> {
    let lines = layout(text, width, options);
    prop_assert!(!lines.is_empty());
    let mut covered = BTreeSet::new();
    let mut previous_end = 0;
    for line in &lines {
        if width > 0 {
            prop_assert!(line.total_width() <= width, "line wider than {}", width);
        }
        check_line(text, line, options)?;
        // Reading order: a line's cells all come after the previous line's.
        if let Some(span) = line.source_span() {
            prop_assert!(span.start >= previous_end, "lines out of reading order");
            previous_end = span.end;
        }
        for cell in line.cells() {
            // A tab becomes four spaces, each pointing at the tab.
            if !text[cell.source.clone()].contains('\t') {
                for byte in cell.source.clone() {
                    prop_assert!(covered.insert(byte), "byte {} in two cells", byte);
                }
            } else {
                covered.extend(cell.source.clone());
            }
        }
    }
    // Every character has its cell, but for those that may vanish.
    for (i, c) in text.char_indices() {
        if !covered.contains(&i) {
            prop_assert!(may_vanish(c), "{:?} at {} has no cell", c, i);
        }
    }
    Ok(())
}

fn check_line(text: &str, line: &VisualLine, options: &LayoutOptions) -> Result<(), TestCaseError> {
    for (symbol, cell) in line.iter() {
        prop_assert!(cell.width == 1 || cell.width == 2);
        prop_assert!(cell.source.start < cell.source.end && cell.source.end <= text.len());
        prop_assert!(text.is_char_boundary(cell.source.start));
        prop_assert!(text.is_char_boundary(cell.source.end));
        for c in symbol.chars() {
            prop_assert!(
                !(c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c)),
                "control {:?} reached a cell",
                c
            );
            prop_assert!(
                !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
                "bidi control reached a cell"
            );
        }
        let source = &text[cell.source.clone()];
        // Never a lost character: marks and joiners of the source are in the symbol.
        for c in source.chars() {
            if matches!(
                c,
                '\u{64B}'..='\u{652}' | '\u{670}' | '\u{640}' | '\u{200C}' | '\u{200D}'
            ) {
                prop_assert!(symbol.contains(c) || symbol == "\u{FFFD}", "{:?} lost", c);
            }
        }
        if !options.shaping && symbol != "\u{FFFD}" {
            // Without shaping a cell draws its source, controls made visible and
            // brackets mirrored at odd levels.
            // (A cell's source may span a bidi control it does not draw.)
            let expected: String = source
                .chars()
                .filter(|&c| !is_bidi_control(c))
                .map(|c| visible(c, cell.level))
                .collect();
            // (A lone mark is drawn on a dotted circle.)
            let drawn = symbol.replace('\u{25CC}', "");
            prop_assert_eq!(drawn, expected);
        }
    }
    Ok(())
}

fn visible(c: char, level: u8) -> char {
    match c {
        '\t' => ' ',
        '\u{7f}' => '\u{2421}',
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or(c),
        '\u{80}'..='\u{9f}' => '\u{FFFD}',
        _ if level % 2 == 1 => unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c),
        _ => c,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn layout_keeps_every_character_in_its_place(
        text in paragraph(),
        width in 1usize..=200,
        options in options(),
    ) {
        check(&text, width, &options)?;
    }

    #[test]
    fn no_wrapping_at_width_zero(text in paragraph(), options in options()) {
        let lines = layout(&text, 0, &options);
        let breaks = text.matches('\n').count() + text.matches('\u{2028}').count();
        // Only mandatory breaks make lines, and no line is padded.
        prop_assert!(lines.len() <= breaks + 1);
        prop_assert!(lines.iter().all(|l| l.padding == 0));
        check(&text, 0, &options)?;
    }
}
