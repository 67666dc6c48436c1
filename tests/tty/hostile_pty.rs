//! The reader under a pseudo-terminal with hostile files, signals and resizes:
//! nothing from a document reaches the terminal as a control, the terminal is
//! restored whatever ends hiwar, and a storm of resizes (0×0 and 1×1 among them)
//! neither panics nor grows memory.
//!
//! The byte stream hiwar writes is checked raw: every escape sequence in it must
//! be one of the reader's own (CSI with a final byte from the short list the
//! reader uses; no OSC, DCS, APC, PM or SOS at all), and outside escape
//! sequences there is no C0 control but CR/LF, no DEL, no C1 control and no bidi
//! formatting character.

use crate::common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::pty::{Pty, assert_modes_given_back, contains, hints_drawn};

/// The reader's restore sequence, in the order `terminal::restore` writes it, after
/// mouse reporting is turned off: leave the alternate screen, show the cursor, give
/// back implicit bidi mode.
const RESTORED: &[u8] = b"\x1b[?1049l\x1b[?25h\x1b[8h";

/// Starts the reader on `file` (the built-in interview for `None`).
fn start(file: Option<&Path>, rows: u16, cols: u16) -> Pty {
    let file = file.map(|f| f.to_str().expect("a UTF-8 scratch path"));
    Pty::hiwar(file.as_slice(), &[], rows, cols)
}

/// The first frame: the reader has entered its modes and drawn until it went quiet.
fn wait_first_screen(session: &mut Pty) {
    session.wait_for("the reader's modes", |raw| contains(raw, b"\x1b[2J"));
    session.wait_quiet();
}

fn rss_kb(session: &Pty) -> Option<u64> {
    let pid = session.child.process_id()?;
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Final bytes of the CSI sequences the reader writes (crossterm and ratatui):
/// SGR, cursor moves, erase, modes, scroll region.
const READER_CSI_FINALS: &[u8] = b"mHJKhlABCDGdfrX";

/// The first thing in the stream that is not the reader's own: an escape
/// sequence of another kind, or a control or bidi character outside one.
fn foreign(raw: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b == 0x1b {
            match raw.get(i + 1) {
                Some(b'[') => {
                    let mut j = i + 2;
                    while j < raw.len() && (0x20..0x40).contains(&raw[j]) {
                        j += 1;
                    }
                    let Some(&last) = raw.get(j) else {
                        return None; // cut short by the end of the stream
                    };
                    let params = &raw[i + 2..j];
                    // The document's own sequences are distinctive: a device status
                    // report (6n), a window report (21t) and the like end in other bytes.
                    if !READER_CSI_FINALS.contains(&last) {
                        return Some(format!(
                            "CSI {:?} {:?} at {i}",
                            String::from_utf8_lossy(params),
                            char::from(last)
                        ));
                    }
                    i = j + 1;
                    continue;
                }
                Some(&next) => {
                    return Some(format!("ESC {:?} at {i}", char::from(next)));
                }
                None => return None,
            }
        }
        let found = match raw[i..] {
            [b'\r' | b'\n', ..] => None,
            [b, ..] if b < 0x20 || b == 0x7f => Some("a C0 control or DEL"),
            [0xC2, 0x80..=0x9F, ..] => Some("a C1 control"),
            [0xE2, 0x80, 0x8E | 0x8F | 0xAA..=0xAE, ..]
            | [0xE2, 0x81, 0xA6..=0xA9, ..]
            | [0xD8, 0x9C, ..] => Some("a bidi formatting character"),
            _ => None,
        };
        if let Some(found) = found {
            let end = (i + 3).min(raw.len());
            return Some(format!("{found} {:02X?} at {i}", &raw[i..end]));
        }
        i += 1;
    }
    None
}

fn assert_only_the_readers_own(raw: &[u8], what: &str) {
    if let Some(found) = foreign(raw) {
        panic!("{what}: {found}");
    }
}

/// The terminal is given back: every mode the reader turned on is off again, the
/// stream ends with the restore sequence (nothing echoed after it: keys typed into
/// the closing reader are discarded), and raw mode is off.
fn assert_restored(session: &Pty, what: &str) {
    let raw = &session.raw;
    let tail = &raw[raw.len().saturating_sub(120)..];
    assert_modes_given_back(raw, what);
    assert!(
        raw.ends_with(RESTORED),
        "{what}: the stream does not end restored: {:?}",
        String::from_utf8_lossy(tail)
    );
    assert!(session.cooked(), "{what}: raw mode left on");
}

/// A document made to talk to the terminal every way it can.
fn escapes_text() -> String {
    let sequences = [
        "\x1b[6n",            // device status report: the terminal answers
        "\x1b[21t",           // report the window title
        "\x1b]0;PWNED\x07",   // OSC 0 title
        "\x1b]2;PWNED\x1b\\", // OSC 2 title
        "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\", // OSC 8
        "\x1b]52;c;UFdORUQ=\x07", // OSC 52 clipboard
        "\x1bP$qm\x1b\\",     // DCS
        "\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\", // APC, PM, SOS
        "\u{9b}6n\u{9d}0;PWNED\u{9c}\u{90}q\u{85}", // 8-bit CSI, OSC, ST, DCS, NEL
        "\x7fdel\rcr\x07bel\x08bs\x0e\x1bc", // DEL, CR, BEL, BS, SO, RIS
        "\u{202e}nimda\u{202c} \u{2067}x\u{2069} \u{200f}",
    ];
    let mut text = String::from("\x1b]0;PWNED\x07عنوان \u{9b}2J\n");
    for (i, s) in sequences.iter().enumerate() {
        text.push_str(&format!("Q: سؤال {i} {s} ?\nA: جواب {s} .\n"));
    }
    text
}

/// Keys that visit every part of the screen: down, Tab, page down, End, help,
/// help closed, the last question, answer focus, up.
const TOUR: &[&[u8]] = &[
    b"j", b"j", b"\t", b" ", b"G", b"?", b"?", b"]", b"9", b"\r", b"k", b"\x1b[B", b"\x1b[6~",
];

fn tour_and_quit(session: &mut Pty, what: &str) {
    wait_first_screen(session);
    for key in TOUR {
        session.send(key);
        std::thread::sleep(Duration::from_millis(15));
        session.drain();
    }
    session.send(b"q");
    let status = session.wait_exit();
    assert!(status.success(), "{what}: exit status {status:?}");
    assert!(
        !contains(&session.raw, b"internal error"),
        "{what}: a panic"
    );
    assert_only_the_readers_own(&session.raw, what);
    assert_restored(session, what);
}

#[test]
fn hostile_documents_in_the_reader() {
    let dir = common::scratch("hostile-pty", "docs");
    let mut nested = String::new();
    nested.push_str(&format!(
        "{}7{}\n",
        "\u{2067}".repeat(130),
        "\u{2069}".repeat(130)
    ));
    nested.push_str(&format!(
        "Q: {}1{}?\nA: ok\n",
        "\u{2066}\u{2067}".repeat(65),
        "\u{2069}".repeat(130)
    ));
    let mut many = String::new();
    for i in 1..=100_000 {
        many.push_str(&format!("س: سؤال {i}؟\nج: جواب {i}.\n"));
    }
    let json = r#"{"title":"\u001b]0;PWNED\u0007","language":"ar","direction":"rtl",
"speakers":[{"label":"\u001b[6n","name":"\u009b6n\u202e"}],
"intro":["\u001b]52;c;eA==\u0007"],"exchanges":[{"question":["\u0008\u007f\u000d?"],"answer":["\u2066x\u2069"]}]}"#;
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("escapes.txt", escapes_text().into_bytes()),
        ("escapes.json", json.as_bytes().to_vec()),
        // Empty and blank files never reach the reader: refused before the
        // terminal is touched (tests/cli.rs).
        (
            "nolabels.txt",
            "نص بلا متحدثين\nسطر ثان\n".as_bytes().to_vec(),
        ),
        ("word.txt", "ب".repeat(200_000).into_bytes()),
        ("nested.txt", nested.into_bytes()),
        ("many.txt", many.into_bytes()),
        (
            "\x1b]0;PWNED\x07name\u{202e}.txt",
            "Q: a?\nA: b\n".as_bytes().to_vec(),
        ),
    ];
    for (name, bytes) in files {
        let path = dir.join(name);
        fs::write(&path, bytes).expect("a scratch file");
        for (rows, cols) in [(24, 80), (5, 12)] {
            let mut session = start(Some(&path), rows, cols);
            tour_and_quit(&mut session, &format!("{name:?} at {cols}x{rows}"));
        }
    }
}

#[test]
fn a_six_megabyte_paragraph_in_the_reader() {
    let dir = common::scratch("hostile-pty", "big");
    let sentence =
        "في سبتمبر/أيلول 2013، اقترح الرئيس الصيني بناء \"حزام اقتصادي\" word (تشانغ) 31.5% ";
    let text = sentence.repeat(6 * 1024 * 1024 / sentence.len() + 1);
    let path = dir.join("big.txt");
    fs::write(&path, text).expect("a scratch file");
    let mut session = start(Some(&path), 24, 80);
    tour_and_quit(&mut session, "6 MB paragraph");
}

#[test]
fn signals_at_any_moment_leave_the_terminal_restored() {
    for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT] {
        // Moments: while starting, on the first screen, in a burst of keys, with the
        // help overlay open.
        for delay_ms in [0u64, 5, 30] {
            let mut session = start(None, 24, 80);
            std::thread::sleep(Duration::from_millis(delay_ms));
            session.signal(signal);
            let status = session.wait_exit();
            assert!(!status.success(), "signal {signal} after {delay_ms} ms");
            // Killed before it touched the terminal, or restored.
            if contains(&session.raw, b"\x1b[?1049h") {
                assert_restored(&session, &format!("signal {signal} after {delay_ms} ms"));
            } else {
                assert!(
                    session.cooked(),
                    "signal {signal} after {delay_ms} ms: raw mode"
                );
            }
        }
        let mut session = start(None, 24, 80);
        wait_first_screen(&mut session);
        session.signal(signal);
        assert!(!session.wait_exit().success());
        assert_restored(&session, &format!("signal {signal} on the first screen"));

        let mut session = start(None, 24, 80);
        wait_first_screen(&mut session);
        for _ in 0..200 {
            session.send(b"j \x1b[B\t");
        }
        session.signal(signal);
        assert!(!session.wait_exit().success());
        assert_restored(&session, &format!("signal {signal} in a burst of keys"));

        let mut session = start(None, 24, 80);
        wait_first_screen(&mut session);
        session.send(b"?");
        session.wait_quiet();
        session.signal(signal);
        assert!(!session.wait_exit().success());
        assert_restored(&session, &format!("signal {signal} with the help open"));
    }
}

#[test]
fn a_thousand_resizes_neither_panic_nor_leak() {
    let mut session = start(None, 24, 80);
    wait_first_screen(&mut session);
    // Settle, then measure.
    std::thread::sleep(Duration::from_millis(200));
    session.drain();
    let before = rss_kb(&session);
    // Each extreme size on its own first, drawn before the next.
    for (rows, cols) in [(0, 0), (1, 1), (0, 80), (24, 0), (1, 1)] {
        session.resize(rows, cols);
        session.send(b"j");
        session.wait_quiet();
        assert!(
            session.child.try_wait().expect("child status").is_none(),
            "hiwar ended at {cols}x{rows}"
        );
    }
    let sizes = [
        (0, 0),
        (1, 1),
        (24, 80),
        (0, 80),
        (24, 0),
        (1, 200),
        (60, 1),
        (5, 12),
        (40, 120),
        (2, 3),
    ];
    for i in 0..1000 {
        let (rows, cols) = sizes[i % sizes.len()];
        session.resize(rows, cols);
        if i % 50 == 0 {
            session.send(b"j");
        }
        if i % 10 == 0 {
            session.drain();
        }
    }
    // Back to a usable size: the reader must draw it whole, and still answer keys.
    session.wait_quiet();
    let mark = session.raw.len();
    session.resize(24, 80);
    session.wait_for("a frame after the resizes", |raw| {
        contains(&raw[mark..], hints_drawn().as_bytes())
    });
    session.send(b"G");
    session.wait_quiet();
    let screen = session.parser.screen().contents();
    assert!(
        screen.contains("7/7"),
        "the reader answers keys after the resizes:\n{screen}"
    );
    let after = rss_kb(&session);
    eprintln!("resident memory: {before:?} kB before 1,000 resizes, {after:?} kB after");
    if let (Some(before), Some(after)) = (before, after) {
        assert!(
            after < before + 20 * 1024,
            "memory grew from {before} kB to {after} kB over 1,000 resizes"
        );
    }
    session.send(b"q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(!contains(&session.raw, b"internal error"), "a panic");
    assert_only_the_readers_own(&session.raw, "resizes");
    assert_restored(&session, "resizes");
}

#[test]
fn the_stream_check_can_fail() {
    for bad in [
        &b"\x1b]0;x\x07"[..],
        b"\x1b[6n",
        b"\x1bPq\x1b\\",
        b"a\x07",
        b"\x08",
        b"\x7f",
        "\u{9b}".as_bytes(),
        "\u{202e}".as_bytes(),
    ] {
        assert!(foreign(bad).is_some(), "{bad:02X?}");
    }
    assert_eq!(
        foreign(b"\x1b[1;1H\x1b[38;5;3mab\r\n\x1b[?1049l\x1b[8h"),
        None
    );
}
