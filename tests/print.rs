//! Print mode as a library: which paragraphs an interview prints, how they are
//! laid out and separated, and plain text line by line.

use std::io::{self, Write};

use hiwar::document::parse::{TextOptions, parse_text};
use hiwar::document::{BUILTIN_TEXT, Interview};
use hiwar::layout::{BaseDirection, LayoutOptions};
use hiwar::print::{interview_paragraphs, print_interview, print_plain};

fn rtl(shaping: bool) -> LayoutOptions {
    LayoutOptions {
        direction: BaseDirection::Rtl,
        shaping,
    }
}

fn printed(interview: &Interview, width: usize, options: &LayoutOptions) -> String {
    let mut out = Vec::new();
    print_interview(&mut out, interview, width, options).expect("writing to a Vec");
    String::from_utf8(out).expect("UTF-8 output")
}

/// Columns a printed line takes, char by char as a terminal advances (a string
/// measure would count lam-alef as one column even when it is two cells).
fn columns(line: &str) -> usize {
    line.chars()
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
        .sum()
}

fn plain(text: &str, width: usize, options: &LayoutOptions) -> String {
    let mut out = Vec::new();
    print_plain(&mut out, text, width, options).expect("writing to a Vec");
    String::from_utf8(out).expect("UTF-8 output")
}

#[test]
fn builtin_paragraphs_carry_numbers_and_names() {
    let interview = Interview::builtin();
    let paragraphs = interview_paragraphs(&interview);
    // Title, 2 intro, 7 questions, 7+2+4+2+2+2+4 answer paragraphs.
    assert_eq!(paragraphs.len(), 1 + 2 + 7 + 23);
    assert_eq!(paragraphs[0], interview.title);
    assert_eq!(paragraphs[1], interview.intro[0]);
    assert!(paragraphs[3].starts_with("1. جلوبال تايمز: يصادف هذا العام"));
    assert!(paragraphs[4].starts_with("تشانغ شياو: خلال العقد الماضي"));
    // Later paragraphs of the same answer carry no name.
    assert!(paragraphs[5].starts_with("وفي السنوات العشر"));
    assert!(paragraphs[11].starts_with("2. جلوبال تايمز: "));
    let questions = paragraphs
        .iter()
        .filter(|p| p.contains(". جلوبال تايمز: "))
        .count();
    assert_eq!(questions, 7);
    let answers = paragraphs
        .iter()
        .filter(|p| p.starts_with("تشانغ شياو: "))
        .count();
    assert_eq!(answers, 7);
}

#[test]
fn every_turn_of_three_speakers_is_named() {
    let interview = parse_text(
        "H: q?\nX: a\nY: b\nmore b\nH: q2?\nY: c\nX: d",
        &TextOptions::default(),
    );
    assert_eq!(
        interview_paragraphs(&interview),
        [
            "1. H: q?",
            "X: a",
            "Y: b",
            "more b",
            "2. H: q2?",
            "Y: c",
            "X: d"
        ]
    );
}

#[test]
fn an_untitled_text_starts_with_its_introduction() {
    let interview = parse_text("just text", &TextOptions::default());
    assert_eq!(interview_paragraphs(&interview), ["just text"]);
    let printed = printed(&interview, 20, &LayoutOptions::default());
    assert_eq!(printed, "just text\n");
}

#[test]
fn paragraphs_are_separated_by_one_blank_line() {
    let interview = Interview::builtin();
    let out = printed(&interview, 80, &rtl(true));
    let paragraphs = interview_paragraphs(&interview).len();
    assert_eq!(out.matches("\n\n").count(), paragraphs - 1);
    assert!(!out.contains("\n\n\n"));
    assert!(!out.starts_with('\n'));
    assert!(out.ends_with('\n') && !out.ends_with("\n\n"));
    for line in out.lines() {
        assert!(!line.ends_with(' '), "trailing space: {line:?}");
        assert!(columns(line) <= 80, "too wide: {line:?}");
    }
}

#[test]
fn rtl_lines_are_right_aligned() {
    let interview = Interview::builtin();
    let out = printed(&interview, 60, &rtl(true));
    let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert!(lines.len() > 33);
    // A paragraph's last line is short and padded; full lines end at column 60.
    let padded = lines.iter().filter(|l| l.starts_with(' ')).count();
    assert!(padded > 0);
    for line in &lines {
        assert_eq!(columns(line), 60, "{line:?}");
    }
}

#[test]
fn title_comes_first_in_visual_order() {
    // Pure Arabic with shaping off: the visual line is the title reversed, code
    // point by code point (escaped here, since editors re-order what they show).
    let mut interview = Interview::builtin();
    interview.title = "\u{0639}\u{0646}\u{0648}\u{0627}\u{0646}".into(); // عنوان
    let out = printed(&interview, 0, &rtl(false));
    let first = out.lines().next().expect("a first line");
    assert_eq!(first, "\u{0646}\u{0627}\u{0648}\u{0646}\u{0639}");
}

#[test]
fn plain_prints_each_line_and_keeps_empty_ones() {
    let options = LayoutOptions::default();
    assert_eq!(plain("abc\n\ndef\n", 0, &options), "abc\n\ndef\n");
    assert_eq!(plain("abc\r\n\r\ndef", 0, &options), "abc\n\ndef\n");
    assert_eq!(plain("\u{feff}abc", 0, &options), "abc\n");
    assert_eq!(plain("", 0, &options), "");
    assert_eq!(plain("\n", 0, &options), "\n");
    assert_eq!(plain("   \n", 10, &options), "\n");
}

#[test]
fn plain_pads_rtl_lines_to_the_width_and_not_at_zero() {
    let options = LayoutOptions::default();
    // باب: three letters, three columns.
    let word = "\u{0628}\u{0627}\u{0628}";
    let out = plain(word, 10, &options);
    // Seven columns of padding, then the word's last letter: an isolated beh
    // (U+FE8F), since alef never joins the letter after it.
    assert!(out.starts_with("       \u{FE8F}"), "{out:?}");
    assert_eq!(columns(out.trim_end_matches('\n')), 10);
    let out = plain(word, 0, &options);
    assert!(!out.starts_with(' '), "{out:?}");
}

#[test]
fn plain_on_the_builtin_text_gives_a_line_per_paragraph_at_width_zero() {
    let out = plain(BUILTIN_TEXT, 0, &LayoutOptions::default());
    assert_eq!(out.lines().count(), 32);
}

struct FullDisk;

impl Write for FullDisk {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::from(io::ErrorKind::StorageFull))
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn write_errors_come_back() {
    let interview = Interview::builtin();
    let e = print_interview(&mut FullDisk, &interview, 80, &rtl(true)).expect_err("disk full");
    assert_eq!(e.kind(), io::ErrorKind::StorageFull);
    let e = print_plain(&mut FullDisk, "x", 80, &rtl(true)).expect_err("disk full");
    assert_eq!(e.kind(), io::ErrorKind::StorageFull);
}

#[test]
fn many_speakers_print_in_bounded_time() {
    let mut text = String::new();
    for i in 0..30_000 {
        text.push_str(&format!("S{i}: one\nS{i}: two\n"));
    }
    let interview = parse_text(&text, &TextOptions::default());
    let start = std::time::Instant::now();
    let paragraphs = interview_paragraphs(&interview);
    assert_eq!(paragraphs.len(), 60_000);
    assert_eq!(paragraphs[0], "1. S0: one");
    assert_eq!(paragraphs[2], "S1: one");
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}
