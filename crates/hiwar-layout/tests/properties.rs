//! Properties of the layout on random mixes of every kind of text it meets.

use std::collections::BTreeSet;

use hiwar_layout::{
    BaseDirection, LayoutOptions, PreparedParagraph, VisualLine, layout, with_general_paths,
};
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

/// Pieces of the text the fast paths take: Arabic with its marks, Latin, digits,
/// punctuation and brackets, spaces (no control, separator or bidi control).
const SIMPLE_PIECES: &[&str] = &[
    "كتاب",
    "سلام",
    "لا",
    "لأ",
    "بًا",
    "مُحَمَّد",
    "ـ",
    "پیچ",
    "ی",
    "عالم",
    "في",
    "abc",
    "Hello",
    "2013",
    "31.5%",
    "13,000",
    "٣٤",
    ".",
    ",",
    "،",
    "؟",
    "!",
    "-",
    "/",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "\u{64B}",
    "\u{651}",
    "\u{670}",
    "\u{200D}",
    "\u{200C}",
    " ",
    " ",
    " ",
    "  ",
    "e\u{301}",
    "שלום",
    "\u{a0}",
    "“",
    "”",
    "؛",
    "…",
    "—",
    "\u{2009}",
    "لًا",
    "\u{2011}",
    "⁅",
    "⁆",
    "$",
    "'",
    "Ωé",
    " \u{651}",
    " \u{200D}",
];

/// Mostly text the fast paths take, sometimes anything. Some of it has no mark or
/// joiner (then every character is a cluster of its own: the simple print fills
/// lines a line at a time).
fn prose() -> impl Strategy<Value = String> {
    let unmarked: Vec<&str> = SIMPLE_PIECES
        .iter()
        .copied()
        .filter(|piece| !piece.contains(is_mark_or_joiner))
        .collect();
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(SIMPLE_PIECES), 0..80)
            .prop_map(|v| v.concat()),
        2 => prop::collection::vec(prop::sample::select(unmarked), 0..80)
            .prop_map(|v| v.concat()),
        1 => paragraph(),
    ]
}

/// The characters of [`SIMPLE_PIECES`] that attach to the one before.
fn is_mark_or_joiner(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{200C}' | '\u{200D}')
}

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

/// Bidi formatting characters: they take part in the analysis and never get a cell.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{61C}'
    )
}

/// Line separators: mandatory breaks, with no cell (CR only as the CR of CR LF).
fn is_line_separator(text: &str, i: usize, c: char) -> bool {
    matches!(
        c,
        '\n' | '\u{2028}' | '\u{2029}' | '\u{b}' | '\u{c}' | '\u{85}'
    ) || (c == '\r' && text[i + 1..].starts_with('\n'))
}

/// Whitespace that hangs at a line end (bidi class WS, and the tab's columns).
fn is_hanging_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{2000}'..='\u{200A}' | '\u{205F}'
    )
}

fn check(text: &str, width: usize, options: &LayoutOptions) -> Result<(), TestCaseError> {
    let lines = layout(text, width, options);
    prop_assert!(!lines.is_empty());
    let mut covered = BTreeSet::new();
    // Where each line starts in the text (its first character with a cell).
    let mut line_starts = BTreeSet::new();
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
            line_starts.insert(span.start);
        }
        for cell in line.cells() {
            // A tab is drawn as four cells, each pointing at the tab.
            if !text[cell.source.clone()].contains('\t') {
                for byte in cell.source.clone() {
                    prop_assert!(covered.insert(byte), "byte {} in two cells", byte);
                }
            } else {
                covered.extend(cell.source.clone());
            }
        }
    }
    // Every character has its cell, but bidi controls, line separators, and the
    // spaces that hang at a line break: those followed (past other such spaces and
    // bidi controls) by the end of the paragraph, a line separator, or the first
    // character of the next line.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if covered.contains(&i) || is_bidi_control(c) || is_line_separator(text, i, c) {
            continue;
        }
        prop_assert!(is_hanging_space(c), "{:?} at {} has no cell", c, i);
        let next = chars[k + 1..]
            .iter()
            .find(|&&(j, d)| covered.contains(&j) || is_line_separator(text, j, d));
        let at_break = match next {
            None => true,
            Some(&(j, d)) => is_line_separator(text, j, d) || line_starts.contains(&j),
        };
        prop_assert!(
            at_break,
            "{:?} at {} has no cell, and no line breaks after it",
            c,
            i
        );
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
            prop_assert!(!is_bidi_control(c), "bidi control {:?} reached a cell", c);
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
            // At an odd level the invisibles that end the cluster come first, last
            // one first (they keep their place in rule L2's reversal; not ZWJ).
            let expected = if cell.level % 2 == 1 {
                let chars: Vec<char> = expected.chars().collect();
                let invisible = |c: &char| {
                    matches!(
                        c,
                        '\u{200B}' | '\u{200C}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
                    )
                };
                let mut tail = chars.len();
                while tail > 1 && invisible(&chars[tail - 1]) {
                    tail -= 1;
                }
                chars[tail..].iter().rev().chain(&chars[..tail]).collect()
            } else {
                expected
            };
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
    fn the_fast_paths_give_what_the_general_path_gives(
        text in prose(),
        width in 0usize..=100,
        options in options(),
    ) {
        let fast = layout(&text, width, &options);
        let general = with_general_paths(|| layout(&text, width, &options));
        prop_assert_eq!(&fast, &general);
        let print = |paragraph: &mut PreparedParagraph| {
            let mut out = Vec::new();
            let printed = paragraph.print(&text, &options, width, &mut out, &mut |_| Ok::<(), ()>(()));
            assert_eq!(printed, Ok(()));
            out
        };
        let mut paragraph = PreparedParagraph::new("", &options);
        let fast = print(&mut paragraph);
        let general = with_general_paths(|| print(&mut paragraph));
        prop_assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&general));
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
