//! Golden cases of the layout engine, checked by code point (the visual order is
//! what the terminal gets, left to right).

use hiwar_layout::wrap::break_opportunities;
use hiwar_layout::{BaseDirection, Direction, LayoutOptions, VisualLine, layout};

const INTERVIEW: &str = include_str!("../../../assets/interview-ar.txt");

fn opts(direction: BaseDirection, shaping: bool) -> LayoutOptions {
    LayoutOptions { direction, shaping }
}

fn rtl() -> LayoutOptions {
    opts(BaseDirection::Rtl, true)
}

fn visual(lines: &[VisualLine]) -> Vec<String> {
    lines.iter().map(|l| l.visual_text().to_string()).collect()
}

#[test]
fn tanween_stays_on_its_letter() {
    // كتابًا: the fathatan U+064B follows ب logically; it must share ب's cell.
    for shaping in [false, true] {
        let lines = layout("كتابًا", 0, &opts(BaseDirection::Rtl, shaping));
        assert_eq!(lines.len(), 1);
        let cell = lines[0]
            .iter()
            .find(|(sym, _)| sym.contains('\u{64B}'))
            .expect("a cell holds the tanween");
        let base = cell.0.chars().next().expect("non-empty symbol");
        assert_ne!(base, '\u{64B}', "the mark must not lead its cell");
        assert_eq!(
            &"كتابًا"[cell.1.source.clone()],
            "بً",
            "the cell covers the letter and its mark"
        );
    }
}

#[test]
fn brackets_are_mirrored_in_rtl() {
    let lines = layout("(تشانغ)", 0, &opts(BaseDirection::Rtl, false));
    assert_eq!(visual(&lines), ["(غناشت)"]);
    let shaped = layout("(تشانغ)", 0, &rtl());
    let text = shaped[0].visual_text();
    assert!(text.starts_with('(') && text.ends_with(')'), "{text:?}");
    // « » too, by Bidi_Mirrored.
    let quotes = layout("«نص»", 0, &opts(BaseDirection::Rtl, false));
    assert_eq!(visual(&quotes), ["«صن»"]);
    // Not in LTR runs.
    let ltr = layout("(abc)", 0, &opts(BaseDirection::Rtl, false));
    assert_eq!(visual(&ltr), ["(abc)"]);
}

#[test]
fn numbers_stay_left_to_right_inside_arabic() {
    let para = "في عام 2013 نما بنسبة 31.5% إلى 13,000 شركة";
    let lines = layout(para, 0, &opts(BaseDirection::Rtl, false));
    let text = lines[0].visual_text();
    for number in ["2013", "31.5", "13,000"] {
        assert!(text.contains(number), "{number} missing from {text:?}");
    }
    // After Arabic letters the digits are Arabic numbers (rule W2), so the percent
    // sign stays a neutral that resolves right-to-left: it reads after the number,
    // on its left, as FriBidi and browsers show it.
    assert!(text.contains("%31.5"), "{text:?}");
    // The numbers keep the order of the Arabic around them: read right to left,
    // 2013 comes first, so it is rightmost.
    let pos = |n: &str| text.find(n).expect("present");
    assert!(pos("2013") > pos("31.5") && pos("31.5") > pos("13,000"));
    // In a left-to-right paragraph the same number keeps its sign on the right.
    let ltr = layout("grew 31.5% to 13,000", 0, &opts(BaseDirection::Ltr, false));
    assert_eq!(ltr[0].visual_text(), "grew 31.5% to 13,000");
}

#[test]
fn a_word_that_fits_is_never_split() {
    // Every line of the interview starts at a UAX #14 break opportunity (after a
    // space, or after a slash as in سبتمبر/أيلول), since no word of it is wider than
    // the widths tried.
    for para in INTERVIEW.lines() {
        let opportunities: Vec<usize> = break_opportunities(para).map(|(i, _)| i).collect();
        for width in [16, 20, 33, 40, 60, 80] {
            let lines = layout(para, width, &rtl());
            for line in &lines {
                assert!(line.total_width() <= width, "line wider than {width}");
                let span = line.source_span().expect("non-empty line");
                assert!(
                    span.start == 0 || opportunities.contains(&span.start),
                    "width {width}: a line starts inside a word at {span:?}"
                );
            }
            // Nothing but the spaces at breaks is left out between lines.
            let spans: Vec<_> = lines.iter().filter_map(|l| l.source_span()).collect();
            assert_eq!(spans[0].start, 0);
            assert_eq!(spans[spans.len() - 1].end, para.trim_end().len());
            for pair in spans.windows(2) {
                let gap = &para[pair[0].end..pair[1].start];
                assert!(gap.chars().all(|c| c == ' '), "width {width}: lost {gap:?}");
            }
        }
    }
}

#[test]
fn a_word_longer_than_the_line_splits_at_graphemes() {
    let word = "مممممممممممممممممممممممممممممم"; // 30 letters
    let lines = layout(word, 7, &rtl());
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l.width() <= 7));
    assert_eq!(lines.iter().map(|l| l.cells().len()).sum::<usize>(), 30);
}

#[test]
fn the_first_visual_line_holds_the_first_word() {
    for para in INTERVIEW.lines() {
        let lines = layout(para, 40, &rtl());
        let first_word_end = para.find(' ').unwrap_or(para.len());
        let first = lines[0].source_span().expect("non-empty");
        assert_eq!(first.start, 0);
        assert!(first.end >= first_word_end);
        // Reading order: each line's text comes after the previous line's.
        for pair in lines.windows(2) {
            let (a, b) = (pair[0].source_span(), pair[1].source_span());
            assert!(a.expect("line").end <= b.expect("line").start);
        }
        // RTL: the start of the line is at its right end.
        let rightmost = lines[0].cells().last().expect("cells");
        assert_eq!(rightmost.source.start, 0);
    }
}

#[test]
fn rtl_lines_are_right_aligned_and_ltr_left_aligned() {
    let lines = layout("مرحبا بالعالم", 30, &rtl());
    assert_eq!(lines[0].total_width(), 30);
    assert!(lines[0].padding > 0);
    let lines = layout("hello world", 30, &opts(BaseDirection::Auto, true));
    assert_eq!(lines[0].padding, 0);
    // Width 0: no padding at all.
    assert_eq!(layout("مرحبا", 0, &rtl())[0].padding, 0);
}

#[test]
fn controls_and_escape_sequences_come_out_inert() {
    let hostile = "\u{1b}[2J\u{1b}]0;title\u{7} \u{9b}31m نص\u{7f}\r\u{8}x\u{1b}P+q\u{1b}\\";
    let lines = layout(hostile, 0, &rtl());
    for line in &lines {
        for c in line.visual_text().chars() {
            assert!(
                !(c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c)),
                "control {c:?} reached a cell"
            );
        }
        assert!(line.visual_text().contains('\u{241B}'), "ESC is drawn as ␛");
    }
}

#[test]
fn bidi_controls_take_part_but_get_no_cell() {
    // An override is made inert (Trojan Source, CVE-2021-42574): RLO acts as RLE,
    // so its letters keep their own order while its runs are ordered right to
    // left; the override itself is not drawn.
    let lines = layout("\u{202E}abc\u{202C}", 0, &opts(BaseDirection::Ltr, false));
    assert_eq!(visual(&lines), ["abc"]);
    let lines = layout("\u{202E}1 2\u{202C}", 0, &opts(BaseDirection::Ltr, false));
    assert_eq!(visual(&lines), ["2 1"]);
    for c in ['\u{200E}', '\u{200F}', '\u{061C}', '\u{2066}', '\u{2069}'] {
        let text = format!("a{c}b");
        let lines = layout(&text, 0, &opts(BaseDirection::Ltr, false));
        assert_eq!(lines[0].visual_text(), "ab");
    }
}

#[test]
fn deeply_nested_isolates_do_not_panic() {
    // unicode-bidi issue #145: nesting to the maximum depth puts a digit at the
    // implicit level 126, where the crate's own L2 panics.
    let mut text = String::new();
    for i in 0..140 {
        text.push(if i % 2 == 0 { '\u{2067}' } else { '\u{2066}' });
    }
    text.push('9');
    for width in [0, 1, 80] {
        let lines = layout(&text, width, &opts(BaseDirection::Ltr, true));
        assert_eq!(lines[0].visual_text(), "9");
    }
    let mut deep = "\u{2067}".repeat(130);
    deep.push('1');
    deep.push_str(&"\u{2069}".repeat(130));
    assert_eq!(layout(&deep, 80, &rtl())[0].visual_text(), "1");
}

#[test]
fn line_separators_are_mandatory_breaks() {
    let lines = layout(
        "one\ntwo\r\nthree\u{2028}four",
        80,
        &opts(BaseDirection::Ltr, false),
    );
    assert_eq!(visual(&lines), ["one", "two", "three", "four"]);
    assert_eq!(layout("a\n", 0, &LayoutOptions::default()).len(), 2);
    assert_eq!(layout("", 10, &LayoutOptions::default()).len(), 1);
}

#[test]
fn a_tab_is_a_segment_separator_drawn_as_blank_columns() {
    // مرحبا abc<TAB>def عالم in a right-to-left paragraph: the tab keeps its class S,
    // so rule L1 puts it at the paragraph level and the Latin on each side is its own
    // run, ordered right to left: `def<TAB>abc`, as UAX #9 and FriBidi give (checked
    // against the fribidi program in tests/differential.py). Visual order, escaped:
    // عالم reversed, space, def, the tab's four columns, abc, space, مرحبا reversed.
    let text = "\u{645}\u{631}\u{62D}\u{628}\u{627} abc\tdef \u{639}\u{627}\u{644}\u{645}";
    let lines = layout(text, 0, &opts(BaseDirection::Rtl, false));
    assert_eq!(
        visual(&lines),
        ["\u{645}\u{644}\u{627}\u{639} def    abc \u{627}\u{628}\u{62D}\u{631}\u{645}"]
    );
    let tab = text.find('\t').expect("a tab");
    let blanks: Vec<_> = lines[0]
        .cells()
        .iter()
        .filter(|c| c.source == (tab..tab + 1))
        .collect();
    assert_eq!(
        blanks.len(),
        4,
        "one cell per column, each pointing at the tab"
    );
    assert!(blanks.iter().all(|c| c.level == 1 && c.width == 1));
    // In a left-to-right paragraph the runs keep their order around the tab, and an
    // Arabic run after it stays right to left.
    let lines = layout("ab\t\u{628}\u{627}", 0, &opts(BaseDirection::Ltr, false));
    assert_eq!(visual(&lines), ["ab    \u{627}\u{628}"]);
    // The tab's columns hang at a line end like spaces: no line is wider, none
    // starts with them.
    let lines = layout("abc\tdef", 3, &opts(BaseDirection::Ltr, false));
    assert_eq!(visual(&lines), ["abc", "def"]);
}

#[test]
fn a_bare_cr_is_drawn_and_a_paragraph_keeps_one_direction_across_breaks() {
    // A bare CR is not a line break: it is drawn as its control picture.
    let lines = layout("a\rb", 0, &opts(BaseDirection::Ltr, false));
    assert_eq!(visual(&lines), ["a\u{240D}b"]);
    // LF is a paragraph separator for UAX #9 (class B), yet the lines after it keep
    // the paragraph's direction (found from its first strong character): one
    // direction, one alignment for the whole paragraph.
    let lines = layout("abc\n\u{628}\u{627}", 10, &LayoutOptions::default());
    assert_eq!(visual(&lines), ["abc", "\u{FE8E}\u{FE91}"]);
    assert!(lines.iter().all(|l| l.padding == 0), "left-aligned");
    let lines = layout("\n\u{628}\u{627}\nabc", 10, &LayoutOptions::default());
    assert!(lines.iter().all(|l| l.direction == Some(Direction::Rtl)));
    assert_eq!(lines[2].padding, 7, "right-aligned");
}

#[test]
fn a_lone_mark_gets_a_dotted_circle_and_invisibles_ride_along() {
    let lines = layout("\u{64E}ب", 0, &opts(BaseDirection::Rtl, false));
    assert!(lines[0].visual_text().contains("\u{25CC}\u{64E}"));
    let lines = layout("a\u{200B}b", 0, &opts(BaseDirection::Ltr, false));
    assert_eq!(lines[0].cells().len(), 2);
    assert_eq!(lines[0].visual_text(), "a\u{200B}b");
}

#[test]
fn wide_characters_take_two_columns() {
    let lines = layout("中文 字", 4, &opts(BaseDirection::Ltr, false));
    assert_eq!(visual(&lines), ["中文", "字"]);
    assert!(lines[0].cells().iter().all(|c| c.width == 2));
    // A one-column line cannot hold a wide character: it is replaced, not overflowed.
    let lines = layout("中", 1, &opts(BaseDirection::Ltr, false));
    assert_eq!(lines[0].total_width(), 1);
}

#[test]
fn lam_alef_is_one_cell() {
    let lines = layout("لا", 0, &rtl());
    assert_eq!(lines[0].cells().len(), 1);
    assert_eq!(lines[0].visual_text(), "\u{FEFB}");
    assert_eq!(lines[0].cells()[0].width, 1);
    assert_eq!(lines[0].cells()[0].source, 0.."لا".len());
    // After a joining letter, the final form; a mark between lam and alef stays on
    // the ligature's cell.
    let lines = layout("كلا", 0, &rtl());
    assert_eq!(lines[0].visual_text(), "\u{FEFC}\u{FEDB}"); // final lam-alef, initial kaf
    let lines = layout("لَا", 0, &rtl());
    assert_eq!(lines[0].cells().len(), 1);
    assert_eq!(lines[0].visual_text(), "\u{FEFB}\u{64E}");
    // Without shaping, two letters in two cells.
    let lines = layout("لا", 0, &opts(BaseDirection::Rtl, false));
    assert_eq!(lines[0].visual_text(), "\u{627}\u{644}");
}

#[test]
fn shaping_keeps_harakat_tatweel_and_joiners() {
    let text = "مُحَمَّد ـبـ ن\u{200C}ا ن\u{200D}";
    let lines = layout(text, 0, &rtl());
    let drawn = lines[0].visual_text();
    for c in [
        '\u{64F}', '\u{64E}', '\u{651}', '\u{640}', '\u{200C}', '\u{200D}',
    ] {
        assert_eq!(
            drawn.matches(c).count(),
            text.matches(c).count(),
            "{c:?} count changed"
        );
    }
}

#[test]
fn cells_under_an_override_are_marked() {
    let text = "a \u{202E}nimda\u{202C} b";
    let lines = layout(text, 0, &opts(BaseDirection::Ltr, false));
    assert_eq!(lines[0].visual_text(), "a nimda b");
    let marked: String = lines[0]
        .iter()
        .filter(|(_, c)| c.overridden)
        .map(|(s, _)| s)
        .collect();
    assert_eq!(marked, "nimda");
}

/// The visual text of `text` at width 0 (one line per mandatory break), written
/// both ways the layout has: cells (`lines`) and print (`PreparedParagraph::print`).
fn printed(text: &str, options: &LayoutOptions) -> String {
    let lines: Vec<String> = layout(text, 0, options)
        .iter()
        .map(|line| line.to_string())
        .collect();
    let mut out = Vec::new();
    let mut paragraph = hiwar_layout::PreparedParagraph::new("", options);
    paragraph
        .print(text, options, 0, &mut out, &mut |_| Ok::<(), ()>(()))
        .expect("print into memory");
    let joined = lines.join("\n") + "\n";
    assert_eq!(String::from_utf8(out).expect("UTF-8"), joined, "{text:?}");
    lines.join("\n")
}

#[test]
fn isolates_keep_their_level_through_reordering() {
    // Issue 23, item 1: an isolate's level parts the runs around it in rule L2.
    let ltr = opts(BaseDirection::Ltr, false);
    // The file name in an isolate after an Arabic word, in an English sentence:
    // FriBidi and python-bidi print the Arabic word (reversed) before it.
    assert_eq!(
        printed(
            "The file \u{645}\u{644}\u{641}\u{2066}report.txt\u{2069}.",
            &ltr
        ),
        "The file \u{641}\u{644}\u{645}report.txt."
    );
    // BidiTest.txt line 418075, R RLI L PDI in a left-to-right paragraph: order 0 1 2 3.
    assert_eq!(printed("\u{5D0}\u{2067}abc\u{2069}.", &ltr), "\u{5D0}abc.");
    // Right to left: the isolate keeps "def" apart from "abc".
    let rtl = opts(BaseDirection::Rtl, false);
    assert_eq!(
        printed("abc\u{2066}def\u{2069} \u{628}", &rtl),
        "\u{628} defabc"
    );
    // The same with shaping on, and through the simple text's path (marks).
    assert_eq!(
        printed(
            "abc\u{2066}def\u{2069} \u{628}\u{64E}",
            &opts(BaseDirection::Rtl, true)
        ),
        "\u{FE8F}\u{64E} defabc"
    );
}

#[test]
fn an_isolate_or_a_mark_never_makes_a_line_of_its_own() {
    // Hidden clusters take no column: a wide character after one, at one column,
    // is still the first thing on its line, and a mark at a break leaves no empty
    // line behind.
    let options = opts(BaseDirection::Ltr, false);
    let lines = layout("\u{2066}中\u{2069}", 1, &options);
    assert_eq!(visual(&lines), ["\u{FFFD}"]);
    let lines = layout("ab\u{200E} cd", 2, &options);
    assert_eq!(visual(&lines), ["ab", "cd"]);
    let lines = layout("\u{5D0}\u{200F}\u{2067}", 3, &options);
    assert_eq!(visual(&lines), ["\u{5D0}"]);
}

#[test]
fn an_invisible_after_an_isolate_stays_on_the_cell_before() {
    // U+2060 WORD JOINER (class BN) between an LRI and its PDI, in Hebrew: rides on
    // the alef as it would with no isolate, and the line keeps one level
    // (BidiCharacterTest.txt line 136: order 4 3 1 0).
    let options = opts(BaseDirection::Ltr, false);
    let lines = layout("\u{5D0}\u{2066}\u{2060}\u{2069}\u{5D1}", 0, &options);
    // (The WJ keeps its place after the alef: item 4.)
    assert_eq!(visual(&lines), ["\u{5D1}\u{2060}\u{5D0}"]);
}

#[test]
fn whitespace_carrying_a_joiner_at_a_line_end_takes_the_paragraph_level() {
    // Rule L1 with BN counted as whitespace (UAX #9 5.2): the space carrying a
    // ZWNJ at the end of the first line goes to the left-to-right paragraph's
    // level, after the Hebrew word, not before it. Through the simple path (ZWNJ
    // attaches) and the general one (ZWSP rides along).
    let options = opts(BaseDirection::Ltr, false);
    for invisible in ['\u{200C}', '\u{200B}'] {
        let text = format!("\u{5D0}\u{5D1} {invisible}\u{5D2}\u{5D3}");
        let lines = layout(&text, 3, &options);
        assert_eq!(
            visual(&lines),
            [
                format!("\u{5D1}\u{5D0} {invisible}"),
                "\u{5D3}\u{5D2}".to_string()
            ],
            "{invisible:?}"
        );
        printed(&text, &options);
    }
}

/// The lines of `text` at `width`, written both ways the layout has (cells and
/// print, which must agree), with their padding.
fn printed_at(text: &str, width: usize, options: &LayoutOptions) -> Vec<String> {
    let lines: Vec<String> = layout(text, width, options)
        .iter()
        .map(|line| line.to_string())
        .collect();
    let mut out = Vec::new();
    let mut paragraph = hiwar_layout::PreparedParagraph::new("", options);
    paragraph
        .print(text, options, width, &mut out, &mut |_| Ok::<(), ()>(()))
        .expect("print into memory");
    let joined = lines.join("\n") + "\n";
    assert_eq!(String::from_utf8(out).expect("UTF-8"), joined, "{text:?}");
    lines
}

#[test]
fn a_paragraph_never_starts_with_an_empty_line() {
    // Issue 23, item 6: an indentation, then a run too long for the rest of the
    // line. The break after the spaces (LB18) would leave the first line blank.
    let ltr = opts(BaseDirection::Ltr, false);
    let lines = printed_at("    abcdefghijklmnopqrstuvwxyz0123456789 end", 20, &ltr);
    assert_eq!(
        lines,
        ["    abcdefghijklmnop", "qrstuvwxyz0123456789", "end"]
    );
    // The same in Arabic, shaped, through the simple print and the cells.
    let lines = printed_at(
        "   \u{627}\u{644}\u{645}\u{62A}\u{62D}\u{62F}\u{62B}\u{648}\u{646} \u{646}\u{639}\u{645}",
        8,
        &rtl(),
    );
    assert!(lines.iter().all(|l| !l.trim().is_empty()), "{lines:?}");
    // A line after a mandatory break too.
    let lines = printed_at("ab\n    abcdefghijklmnopqrstuvwxyz", 20, &ltr);
    assert_eq!(lines, ["ab", "    abcdefghijklmnop", "qrstuvwxyz"]);
}

#[test]
fn a_run_too_wide_breaks_at_a_space_inside_it_before_cutting_a_word() {
    // Issue 23, item 6: درخواست‌شده )نام( نباشد. has no opportunity (no break before
    // `)` after a space, LB13; none after `( `, LB14) and is 24 columns wide: at 20
    // it breaks after the space inside it rather than inside نباشد.
    let text = "\u{62F}\u{631}\u{62E}\u{648}\u{627}\u{633}\u{62A}\u{200C}\u{634}\u{62F}\u{647} )\u{646}\u{627}\u{645}( \u{646}\u{628}\u{627}\u{634}\u{62F}.";
    let options = opts(BaseDirection::Rtl, false);
    let lines = printed_at(text, 20, &options);
    assert_eq!(lines.len(), 2, "{lines:?}");
    // The second line is the whole last word and its stop, right-aligned (visual
    // order: the stop, then the word from its end).
    assert_eq!(
        lines[1].trim_start(),
        ".\u{62F}\u{634}\u{627}\u{628}\u{646}",
        "{lines:?}"
    );
    // A run without a space is still cut where the line ends.
    let ltr = opts(BaseDirection::Ltr, false);
    assert_eq!(
        printed_at("ab (cdefghijklmnopqrstuvw", 10, &ltr),
        ["ab", "(cdefghijk", "lmnopqrstu", "vw"]
    );
    // A space inside a run with no opportunity (`( ` keeps its word, LB14): the
    // run from the opportunity before it is still too wide, so it breaks there
    // too before the word is cut (before: `( cdefghij`, `klmnopq`).
    assert_eq!(
        printed_at("ab ( cdefghijklmnopq", 10, &ltr),
        ["ab", "(", "cdefghijkl", "mnopq"]
    );
    // When the run fits on a line of its own, UAX #14 decides alone.
    assert_eq!(printed_at("hello ( world", 10, &ltr), ["hello", "( world"]);
}

#[test]
fn zero_width_characters_keep_their_place_in_right_to_left_text() {
    // Issue 23, item 4: `0628 200C 0628` shows `FE8F 200C FE8F` (the ZWNJ between
    // the two behs, as UAX #9 and FriBidi put it), not `FE8F FE8F 200C`. The same
    // for ZWSP, WJ and BOM; through the simple path (ZWNJ attaches) and the general
    // one (ZWSP and the others ride along), by cells and by print.
    let shaped = opts(BaseDirection::Rtl, true);
    assert_eq!(
        printed("\u{628}\u{200C}\u{628}", &shaped),
        "\u{FE8F}\u{200C}\u{FE8F}"
    );
    for invisible in ['\u{200B}', '\u{2060}', '\u{FEFF}'] {
        let text = format!("\u{5D0}{invisible}\u{5D1}");
        assert_eq!(
            printed(&text, &shaped),
            format!("\u{5D1}{invisible}\u{5D0}"),
            "{invisible:?}"
        );
    }
    // Several: last one first, as rule L2 reverses them; marks stay after their
    // letter.
    assert_eq!(
        printed("\u{628}\u{64E}\u{200C}\u{200B}\u{628} \u{5D0}", &shaped),
        "\u{5D0} \u{FE8F}\u{200B}\u{200C}\u{FE8F}\u{64E}"
    );
    // The cell keeps its source: the letter and what follows it.
    let lines = layout("\u{628}\u{200C}\u{628}", 0, &shaped);
    let (symbol, cell) = lines[0].iter().nth(1).expect("two cells");
    assert_eq!(symbol, "\u{200C}\u{FE8F}");
    assert_eq!(cell.source, 0..5);
    // Left to right, nothing moves.
    let ltr = opts(BaseDirection::Ltr, true);
    assert_eq!(printed("a\u{200C}b", &ltr), "a\u{200C}b");
    // A ZWJ stays after its letter (tmux would pull the letter after a ZWJ into
    // the ZWJ's cell): `0628 200D 0628` shows `FE90 FE91 200D`.
    assert_eq!(
        printed("\u{628}\u{200D}\u{628}", &shaped),
        "\u{FE90}\u{FE91}\u{200D}"
    );
}

#[test]
fn a_prepended_concatenation_mark_is_reordered_by_its_own_level() {
    // Issue 23, item 3. U+0600 ARABIC NUMBER SIGN before a space is one grapheme
    // cluster (UAX #29 GB9b) but two levels for UAX #9 (AN 2, WS 1): each gets its
    // cell. `0628 0020 0600 0020 0601` shows `0601 0020 0600 0020 FE8F`, as FriBidi.
    let shaped = opts(BaseDirection::Rtl, true);
    assert_eq!(
        printed("\u{628} \u{600} \u{601}", &shaped),
        "\u{601} \u{600} \u{FE8F}"
    );
    // Before digits, the mark leads them (all of level 2): `0600 0661 0662`.
    assert_eq!(
        printed("\u{600}\u{661}\u{662}", &shaped),
        "\u{600}\u{661}\u{662}"
    );
    // U+070F SYRIAC ABBREVIATION MARK (AL, zero columns by unicode-width, one by
    // glibc's wcwidth) before two Syriac letters: `070F 0712 071B` shows
    // `071B 0712 070F`, each in a column of its own.
    let lines = layout("\u{70F}\u{712}\u{71B}", 0, &shaped);
    assert_eq!(visual(&lines), ["\u{71B}\u{712}\u{70F}"]);
    assert!(lines[0].cells().iter().all(|cell| cell.width == 1));
    printed("\u{70F}\u{712}\u{71B}", &shaped);
}
