//! Print mode as a library: which paragraphs an interview prints, how they are
//! laid out and separated, and plain text line by line.

use crate::common;

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use hiwar::document::parse::{TextOptions, parse_text};
use hiwar::document::{BUILTIN_TEXT, Interview};
use hiwar::layout::{BaseDirection, LayoutOptions};
use hiwar::print::{
    interview_paragraphs, print_interview, print_plain, print_plain_stream,
    print_plain_stream_in_chunks,
};

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

/// A reader that hands out a few bytes at a time, cutting UTF-8 sequences.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// Streamed plain print in chunks of `chunk` bytes, read `step` bytes at a time:
/// the output, or the error's message.
fn streamed(bytes: &[u8], width: usize, chunk: usize, step: usize) -> (String, Option<String>) {
    streamed_at_most(bytes, width, chunk, step, usize::MAX)
}

/// [`streamed`] with a size limit of `max` bytes.
fn streamed_at_most(
    bytes: &[u8],
    width: usize,
    chunk: usize,
    step: usize,
    max: usize,
) -> (String, Option<String>) {
    let mut out = Vec::new();
    let input = Trickle { bytes, step };
    let result = print_plain_stream_in_chunks(
        &mut out,
        input,
        Path::new("in.txt"),
        width,
        &LayoutOptions::default(),
        chunk,
        max,
    );
    let out = String::from_utf8(out).expect("UTF-8 output");
    (out, result.err().map(|e| e.to_string()))
}

#[test]
fn streamed_plain_print_equals_the_whole_text_printed_at_once() {
    let texts = [
        "\u{feff}\u{0645}\u{0631}\u{062d}\u{0628}\u{0627} (hello) 2013\r\n\r\nabc\n\n\n\u{0644}\u{0627} \u{0628}\u{064e}\u{0627}\u{0628}\u{064c}",
        "\u{feff}",
        "\n",
        "no newline at the end",
        "\u{0643}\u{0644}\u{0645}\u{0629} word ",
    ];
    for text in texts {
        for width in [0, 7, 80] {
            let whole = plain(text, width, &LayoutOptions::default());
            for chunk in [4, 5, 9, 16, 1 << 20] {
                for step in [1, 3, 64] {
                    let (out, error) = streamed(text.as_bytes(), width, chunk, step);
                    assert_eq!(error, None);
                    assert_eq!(
                        out, whole,
                        "{text:?} width {width} chunk {chunk} step {step}"
                    );
                }
            }
        }
    }
    // A chunk of many batches, laid out in parallel, comes out in input order.
    let text = BUILTIN_TEXT.repeat(3);
    let (out, error) = streamed(text.as_bytes(), 60, 20_000, 4096);
    assert_eq!(error, None);
    let one_by_one: String = text
        .lines()
        .map(|l| plain(l, 60, &LayoutOptions::default()))
        .collect();
    assert_eq!(out, one_by_one);
    assert_eq!(plain(&text, 60, &LayoutOptions::default()), one_by_one);
}

#[test]
fn streamed_plain_print_refuses_bad_input_at_its_offset() {
    let line = "\u{0633}\u{0644}\u{0627}\u{0645}\n"; // سلام: 9 bytes
    let mut bytes = line.repeat(10).into_bytes();
    bytes.push(0xff);
    bytes.extend_from_slice(line.as_bytes());
    // Within one chunk: nothing printed.
    let (out, error) = streamed(&bytes, 80, 1 << 20, 7);
    assert_eq!(out, "");
    let error = error.expect("refused");
    assert_eq!(
        error,
        "in.txt: not UTF-8 text: invalid byte sequence at byte offset 90"
    );
    // In a later chunk: the lines of the chunks before it are out, the offset
    // counts from the start of the input, and the message says what was printed.
    let (out, error) = streamed(&bytes, 80, 32, 7);
    let printed = out.lines().count();
    assert!((3..10).contains(&printed), "{out:?}");
    assert_eq!(
        error.expect("refused"),
        format!(
            "in.txt: not UTF-8 text: invalid byte sequence at byte offset 90 \
             (streamed input: its first {printed} lines were printed before this)"
        )
    );
    // A bad byte in a chunk's unfinished last line: nothing of the chunk is out.
    let mut bytes = line.repeat(4).into_bytes();
    bytes.extend_from_slice(b"ab\xffcd\n");
    let (out, error) = streamed(&bytes, 80, 40, 64);
    assert_eq!(out, "");
    assert!(error.expect("refused").ends_with("byte offset 38"));
    // In the second of a block's batches, laid out in parallel.
    let text = BUILTIN_TEXT.repeat(4);
    let at = text.as_bytes()[40_000..]
        .iter()
        .position(|&b| b == b'\n')
        .expect("a newline")
        + 40_001;
    let mut bytes = text.into_bytes();
    bytes.insert(at, 0xff);
    let (out, error) = streamed(&bytes, 80, 1 << 20, 1 << 16);
    assert_eq!(out, "");
    assert!(
        error
            .expect("refused")
            .ends_with(&format!("byte offset {at}"))
    );
    // A sequence cut by the end of the input.
    let (_, error) = streamed(&line.as_bytes()[..line.len() - 2], 80, 1 << 20, 7);
    assert!(error.expect("refused").ends_with("byte offset 6"));

    let mut bytes = line.repeat(10).into_bytes();
    bytes.extend_from_slice(b"a\0b\n");
    let (_, error) = streamed(&bytes, 80, 1 << 20, 7);
    assert_eq!(
        error.expect("refused"),
        "in.txt: looks like binary data (a NUL byte at offset 91), not text"
    );
    let (out, error) = streamed(b"\xff\xfeH\x00i\x00", 80, 32, 1);
    assert_eq!(out, "");
    assert!(error.expect("refused").contains("looks like UTF-16 text"));
}

#[test]
fn a_stream_over_the_size_limit_is_refused_saying_what_was_printed() {
    let line = "\u{0633}\u{0644}\u{0627}\u{0645}\n"; // سلام: 9 bytes
    let bytes = line.repeat(20).into_bytes(); // 180 bytes
    // Up to the limit: all of it.
    let (out, error) = streamed_at_most(&bytes, 80, 32, 7, 180);
    assert_eq!((out.lines().count(), error), (20, None));
    // One byte over: refused, after the chunks before the limit.
    let (out, error) = streamed_at_most(&bytes, 80, 32, 7, 179);
    let printed = out.lines().count();
    assert!((1..20).contains(&printed), "{out:?}");
    assert_eq!(
        error.expect("refused"),
        format!(
            "in.txt: larger than 256 MiB, more than hiwar reads \
             (streamed input: its first {printed} lines were printed before this)"
        )
    );
    // Within the first chunk: nothing printed, nothing said about it.
    let (out, error) = streamed_at_most(&bytes, 80, 1 << 20, 7, 100);
    assert_eq!(out, "");
    assert_eq!(
        error.expect("refused"),
        "in.txt: larger than 256 MiB, more than hiwar reads"
    );
}

#[test]
fn streamed_plain_print_reports_write_errors() {
    let e = print_plain_stream(
        &mut FullDisk,
        "x\n".as_bytes(),
        Path::new("in.txt"),
        80,
        &LayoutOptions::default(),
    )
    .expect_err("disk full");
    assert!(e.to_string().starts_with("cannot write output"), "{e}");
}

// The binary: a file is checked whole before anything is printed; a stream is
// printed as it comes, and a refusal says what was already printed.

/// `hiwar ARGS` with `stdin` written to it (from another thread): exit code,
/// stdout, stderr.
fn run_hiwar(args: &[&str], stdin: Vec<u8>) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hiwar"))
        .args(args)
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hiwar runs");
    let mut input = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        // hiwar may stop reading early (refused): a broken pipe is expected then.
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("hiwar ends");
    writer.join().expect("the writer thread");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        String::from_utf8(output.stderr).expect("UTF-8 errors"),
    )
}

/// About 3 MB of the interview's lines, then a bad byte on the last line.
fn three_megabytes_with_a_bad_byte_at_the_end() -> (Vec<u8>, usize) {
    let mut bytes = BUILTIN_TEXT
        .repeat(3_000_000 / BUILTIN_TEXT.len() + 1)
        .into_bytes();
    bytes.extend_from_slice(b"last ");
    let at = bytes.len();
    bytes.extend_from_slice(b"\xff line\n");
    (bytes, at)
}

#[test]
fn a_bad_file_prints_nothing_however_late_its_bad_byte() {
    let dir = common::scratch("print", "bad-file");
    let (bytes, at) = three_megabytes_with_a_bad_byte_at_the_end();
    let path = common::write(&dir, "late.txt", &bytes);
    let path = path.to_str().expect("a UTF-8 path");
    let (code, out, err) = run_hiwar(&["--print", "--plain", path], Vec::new());
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(out, "", "nothing printed");
    assert_eq!(
        err,
        format!("hiwar: {path}: not UTF-8 text: invalid byte sequence at byte offset {at}\n")
    );
    // A NUL byte, the same.
    let mut bytes = bytes;
    bytes[at] = 0;
    let path = common::write(&dir, "nul.txt", &bytes);
    let (code, out, err) = run_hiwar(
        &["--print", "--plain", path.to_str().expect("UTF-8")],
        Vec::new(),
    );
    assert_eq!((code, out.as_str()), (Some(1), ""), "{err}");
    assert!(err.contains(&format!("a NUL byte at offset {at}")), "{err}");
}

#[test]
fn a_file_over_256_mib_is_refused_before_anything_is_printed() {
    let dir = common::scratch("print", "large-file");
    let path = dir.join("large.txt");
    // Sparse: its size is checked before a byte is read.
    let file = std::fs::File::create(&path).expect("a scratch file");
    file.set_len(300 * 1024 * 1024).expect("a sparse file");
    drop(file);
    let path = path.to_str().expect("a UTF-8 path");
    let (code, out, err) = run_hiwar(&["--print", "--plain", path], Vec::new());
    assert_eq!((code, out.as_str()), (Some(1), ""), "{err}");
    assert_eq!(
        err,
        format!("hiwar: {path}: larger than 256 MiB, more than hiwar reads\n")
    );
}

#[test]
fn a_bad_stream_says_how_many_lines_were_printed_before() {
    let (bytes, at) = three_megabytes_with_a_bad_byte_at_the_end();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (code, out, err) = run_hiwar(&["--print", "--plain", "--width", "80", "-"], bytes);
    assert_eq!(code, Some(1), "{err}");
    let paragraphs: usize = err
        .split("its first ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the count of lines printed");
    // A stream is printed as it comes: what is out is exactly those input lines,
    // laid out.
    assert!(paragraphs > 0);
    let first: String = text.split_inclusive('\n').take(paragraphs).collect();
    assert_eq!(out, plain(&first, 80, &LayoutOptions::default()));
    assert_eq!(
        err,
        format!(
            "hiwar: standard input: not UTF-8 text: invalid byte sequence at byte offset {at} \
             (streamed input: its first {paragraphs} lines were printed before this)\n"
        )
    );
}

#[test]
fn a_stream_over_256_mib_is_refused_after_what_was_printed() {
    // Three short lines, then a line that never ends: the lines go out with the
    // first chunk, the long one is held until the limit refuses it.
    let mut bytes = b"one\ntwo\nthree\n".to_vec();
    bytes.resize(257 * 1024 * 1024, b'a');
    let (code, out, err) = run_hiwar(&["--print", "--plain", "--width", "80", "-"], bytes);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(out, "one\ntwo\nthree\n");
    assert_eq!(
        err,
        "hiwar: standard input: larger than 256 MiB, more than hiwar reads \
         (streamed input: its first 3 lines were printed before this)\n"
    );
}
