//! A large file in the reader: it opens on its beginning at once, and takes the
//! whole when it has loaded, or ends with the error that refuses the file.

use crate::common;

use std::path::{Path, PathBuf};

use common::pty::{Pty, assert_modes_given_back, contains};
use hiwar::document::input::{OPENING_BYTES, Source};

/// The built-in interview, its exchanges repeated past `bytes`.
fn large_interview(dir: &Path, name: &str, bytes: usize, tail: &[u8]) -> PathBuf {
    let text = hiwar::document::BUILTIN_TEXT;
    let first_question = text.find("ج.ت:").expect("a question");
    let mut out = format!("{}\n", text.trim_end());
    while out.len() < bytes {
        out.push_str(text[first_question..].trim_end());
        out.push('\n');
    }
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(tail);
    common::write(dir, name, &bytes)
}

#[test]
fn a_large_file_opens_on_its_beginning_and_takes_the_whole() {
    let dir = common::scratch("large", "whole");
    let path = large_interview(&dir, "long.txt", 3 * 1024 * 1024, b"");
    let whole = Source::File(path.clone())
        .load(None, None)
        .expect("the whole");
    let questions = whole.exchanges.len();
    assert!(questions > 1000, "{questions} questions");

    let path = path.to_str().expect("a UTF-8 path");
    let mut pty = Pty::hiwar(&["--no-resume", path], &[], 30, 100);
    pty.wait_for("the first screen", |raw| contains(raw, b"\x1b[2J"));
    pty.send(b"j");
    // Either the opening (its count not known yet) or the whole, already.
    pty.wait_for_screen("the first question", "1/");
    pty.wait_for_screen("the count of the whole", &format!("1/{questions}"));
    pty.send(b"G");
    pty.wait_for_screen("the last question", &format!("{questions}/{questions}"));
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    assert_modes_given_back(&pty.raw, "large file");
}

#[test]
fn a_large_file_bad_at_its_end_is_refused_after_its_opening() {
    let dir = common::scratch("large", "bad");
    // Valid UTF-8 for far more than the opening, then a byte that is not.
    let path = large_interview(&dir, "bad.txt", 4 * OPENING_BYTES, b"\xff\n");
    let size = std::fs::metadata(&path).expect("the file").len();
    let path = path.to_str().expect("a UTF-8 path");
    let mut pty = Pty::hiwar(&["--no-resume", path], &[], 30, 100);
    let status = pty.wait_exit();
    assert!(!status.success(), "refused: {status:?}");
    assert_eq!(status.exit_code(), 1);
    let output = String::from_utf8_lossy(&pty.raw);
    let message = format!(
        "bad.txt: not UTF-8 text: invalid byte sequence at byte offset {}",
        size - 2
    );
    assert!(output.contains(&message), "{output:?}");
    // Said after the terminal was given back, on the shell's screen.
    let after_restore = output.rfind("\x1b[?1049l").expect("alternate screen left");
    assert!(output[after_restore..].contains(&message));
    assert_modes_given_back(&pty.raw, "refused large file");
}

/// A large file's place is kept like any file's: found when its whole has loaded,
/// and taken then (no key pressed yet).
#[test]
fn a_large_file_resumes_once_its_whole_has_loaded() {
    let dir = common::scratch("large", "resume");
    let path = large_interview(&dir, "long.txt", 2 * 1024 * 1024, b"");
    let questions = Source::File(path.clone())
        .load(None, None)
        .expect("the whole")
        .exchanges
        .len();
    let path = path.to_str().expect("a UTF-8 path");
    let state = dir.join("state");
    let env = [("XDG_STATE_HOME", state.to_str().expect("a UTF-8 path"))];

    let mut pty = Pty::hiwar(&[path], &env, 30, 100);
    pty.wait_for("the first screen", |raw| contains(raw, b"\x1b[2J"));
    pty.send(b"j");
    pty.wait_for_screen("the whole", &format!("1/{questions}"));
    pty.send(b"5");
    pty.wait_for_screen("question 5", &format!("5/{questions}"));
    pty.send(b"q");
    assert!(pty.wait_exit().success());

    let mut pty = Pty::hiwar(&[path], &env, 30, 100);
    pty.wait_for_screen("back on question 5", &format!("5/{questions}"));
    pty.send(b"q");
    assert!(pty.wait_exit().success());
}
