//! What the reader tells the terminal, byte by byte, through a pseudo-terminal: the
//! bidi mode before every clear, each emulator told its own way, every mode given
//! back on the way out, and Ctrl-Z under a real shell.

use crate::common;

use std::time::Duration;

use common::pty::{Effect, Pty, assert_modes_given_back, contains, effects, hints_drawn};
use portable_pty::CommandBuilder;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The reader's first full screen has been drawn (the status bar's hints are last).
fn first_screen(pty: &mut Pty) {
    pty.wait_for_screen("the first screen", &hints_drawn());
    pty.wait_quiet();
}

/// For VTE, which gives the rows a clear creates the bidi mode in effect: explicit
/// mode (`CSI 8 l`) is asserted before every full clear, since the last text drawn;
/// no text is drawn in implicit mode; and the reader ends giving implicit mode back.
fn assert_explicit_before_every_clear(raw: &[u8], what: &str) {
    let effects = effects(raw);
    let mut explicit = false;
    let mut asserted = false;
    let mut clears = 0;
    let mut drawn = false;
    for effect in &effects {
        match effect {
            Effect::Mode {
                private: false,
                mode: 8,
                set,
            } => {
                explicit = !set;
                asserted = !set;
            }
            Effect::ClearAll => {
                clears += 1;
                assert!(
                    explicit && asserted,
                    "{what}: clear number {clears} without CSI 8 l before it"
                );
            }
            Effect::Text(text) if !text.trim().is_empty() && clears > 0 => {
                assert!(explicit, "{what}: text drawn in implicit mode: {text:?}");
                drawn = true;
                asserted = false;
            }
            _ => {}
        }
    }
    assert!(clears > 0 && drawn, "{what}: the reader cleared and drew");
    assert!(!explicit, "{what}: implicit mode is not given back");
}

#[test]
fn explicit_mode_comes_before_every_clear() {
    let mut pty = Pty::hiwar(&[], &[], 24, 80);
    first_screen(&mut pty);
    // A resize clears the screen; so does coming back to a usable size.
    for (rows, cols) in [(30, 100), (5, 10), (24, 80)] {
        pty.resize(rows, cols);
        pty.send(b"j");
        pty.wait_quiet();
    }
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    assert_explicit_before_every_clear(&pty.raw, "reader");
    let clears = effects(&pty.raw)
        .iter()
        .filter(|e| **e == Effect::ClearAll)
        .count();
    assert!(
        clears >= 4,
        "the resizes cleared the screen: {clears} clears"
    );
}

#[test]
fn the_order_check_can_fail() {
    // Today's order before the fix: clear, then explicit mode.
    let late = b"\x1b[?1049h\x1b[2J\x1b[8labc\x1b[8h";
    assert!(std::panic::catch_unwind(|| assert_explicit_before_every_clear(late, "late")).is_err());
    // Explicit mode taken back at once.
    let undone = b"\x1b[?1049h\x1b[8l\x1b[8h\x1b[2Jabc";
    assert!(
        std::panic::catch_unwind(|| assert_explicit_before_every_clear(undone, "undone")).is_err()
    );
    // A later clear (a resize) without asserting the mode again.
    let stale = b"\x1b[8l\x1b[2Jabc\x1b[2Jdef\x1b[8h";
    assert!(
        std::panic::catch_unwind(|| assert_explicit_before_every_clear(stale, "stale")).is_err()
    );
    assert_explicit_before_every_clear(b"\x1b[8l\x1b[2Jabc\x1b[8l\x1b[2Jdef\x1b[8h", "good");
}

#[test]
fn quitting_gives_back_every_mode() {
    let mut pty = Pty::hiwar(&[], &[], 24, 80);
    first_screen(&mut pty);
    pty.send(b"j?");
    pty.wait_quiet();
    // In the help, q closes the help (issue 19); the second q quits.
    pty.send(b"q");
    pty.wait_quiet();
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    // The reader turned these on; all must be off again, the cursor shown.
    for on in [
        &b"\x1b[?1049h"[..],
        b"\x1b[?1000h",
        b"\x1b[?1006h",
        b"\x1b[?25l",
        b"\x1b[8l",
    ] {
        assert!(
            contains(&pty.raw, on),
            "{:?} sent",
            String::from_utf8_lossy(on)
        );
    }
    assert_modes_given_back(&pty.raw, "q");
    assert!(pty.cooked(), "raw mode left on");
}

#[test]
fn the_mode_check_can_fail() {
    let mouse_left_on = b"\x1b[?1049h\x1b[?1000h\x1b[?25l\x1b[8l\x1b[?1049l\x1b[?25h\x1b[8h";
    assert!(std::panic::catch_unwind(|| assert_modes_given_back(mouse_left_on, "mouse")).is_err());
    let setting_left_off = b"\x1b]50;BidiRenderingEnabled=false\x07";
    assert!(
        std::panic::catch_unwind(|| assert_modes_given_back(setting_left_off, "konsole")).is_err()
    );
}

/// Runs hiwar in the reader with `env`, moves, quits; returns the stream.
fn reader_stream(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let mut pty = Pty::hiwar(args, env, 24, 80);
    first_screen(&mut pty);
    pty.send(b"j");
    pty.wait_for_screen("the first question", "1/7");
    pty.wait_quiet();
    // Whatever marks ride in the cells, the text on screen is the reader's.
    let screen = pty.screen_text();
    assert!(screen.contains(&hints_drawn()), "{env:?}: {screen}");
    pty.send(b"q");
    assert!(pty.wait_exit().success(), "{env:?}: exit status");
    assert_modes_given_back(&pty.raw, &format!("{env:?} {args:?}"));
    pty.raw.clone()
}

/// The position of the first `needle` in `raw`.
fn at(raw: &[u8], needle: &[u8]) -> Option<usize> {
    raw.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn each_terminal_is_told_its_own_way() {
    const KONSOLE_OFF: &[u8] = b"\x1b]50;BidiRenderingEnabled=false\x07";
    const KONSOLE_ON: &[u8] = b"\x1b]50;BidiRenderingEnabled=true\x07";
    const MLTERM_OFF: &[u8] = b"\x1b]5379;use_ctl=false\x07";
    const MLTERM_ON: &[u8] = b"\x1b]5379;use_ctl=true\x07";
    let lro = "\u{202D}".as_bytes();
    let lrm_lro = "\u{200E}\u{202D}".as_bytes();

    // VTE: explicit mode, nothing else.
    let vte = reader_stream(&[], &[("VTE_VERSION", "7006")]);
    assert_explicit_before_every_clear(&vte, "VTE");
    assert!(!contains(&vte, b"\x1b]") && !contains(&vte, lro));

    // Konsole and mlterm: their setting, before the first clear, given back at the end.
    for (env, off, on) in [
        (("KONSOLE_VERSION", "221203"), KONSOLE_OFF, KONSOLE_ON),
        (("MLTERM", "3.9.0"), MLTERM_OFF, MLTERM_ON),
    ] {
        let raw = reader_stream(&[], &[env]);
        let (off_at, on_at) = (at(&raw, off), at(&raw, on));
        // Around the alternate screen: through tmux, a setting that comes while the
        // pane waits for the redraw a screen switch causes is dropped.
        let alternate = at(&raw, b"\x1b[?1049h");
        assert!(
            off_at.is_some() && off_at < alternate,
            "{env:?}: setting off before the alternate screen"
        );
        let leave = raw.windows(8).rposition(|w| w == b"\x1b[?1049l");
        assert!(
            on_at > alternate && on_at < leave,
            "{env:?}: setting given back before the alternate screen is left"
        );
        assert!(!contains(&raw, lro), "{env:?}: no marks");
    }

    // Through tmux to VTE (tmux forwards no sequence): LRM+LRO rides on each row's
    // first blank cell.
    let tmux = reader_stream(
        &[],
        &[("TMUX", "/nonexistent/tmux,1,0"), ("VTE_VERSION", "7006")],
    );
    assert!(
        contains(&tmux, &[b" ", lrm_lro].concat()),
        "row marks on a blank"
    );
    assert!(!contains(&tmux, KONSOLE_OFF));

    // Chosen by hand: an LRO after every cell but borders; nothing at all.
    let cells = reader_stream(&["--terminal-bidi", "lro-cells"], &[]);
    assert!(contains(&cells, &[b" ", lro].concat()));
    assert!(!contains(&cells, &["│".as_bytes(), lro].concat()));
    // No joiners in the reader: the one before a letter rides on the cell before,
    // which the reader may not redraw with it.
    assert!(!contains(&cells, "\u{200D}".as_bytes()));
    let off = reader_stream(&["--terminal-bidi", "off"], &[("VTE_VERSION", "7006")]);
    assert!(!contains(&off, b"\x1b[8l") && !contains(&off, lro));
}

/// Whether the reader, started with `env`, shows `needle` on its first screen (a
/// hint), and only there: the first key takes a hint away.
fn first_screen_shows(env: &[(&str, &str)], needle: &str) -> bool {
    // HOME is a scratch directory: the reader would resume, and say so there.
    let mut pty = Pty::hiwar(&["--no-resume"], env, 24, 100);
    // The status bar's end: the key hints, or the notice in their place.
    let end = std::time::Instant::now() + common::pty::DEADLINE;
    while !(pty.screen_text().contains(&hints_drawn()) || pty.screen_text().contains(".conf")) {
        assert!(std::time::Instant::now() < end, "no first screen");
        pty.wait_quiet();
    }
    let shown = pty.screen_text().contains(needle);
    pty.send(b"j");
    pty.wait_for_screen("the first question", "1/7");
    let gone = !pty.screen_text().contains(needle);
    assert!(gone, "{env:?}: the hint goes at the first key");
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    shown
}

/// kitty: nothing an application sends stops it mirroring right-to-left words; the
/// reader says once what to put in kitty.conf, unless kitty.conf already says it.
#[test]
fn kitty_gets_a_hint_unless_its_config_has_the_setting() {
    let dir = common::scratch("terminal", "kitty");
    let home = dir.to_str().expect("a UTF-8 path");
    let kitty = "force_ltr yes";
    assert!(first_screen_shows(
        &[("KITTY_WINDOW_ID", "1"), ("HOME", home)],
        kitty
    ));
    std::fs::write(dir.join("kitty.conf"), "font_size 12\nforce_ltr yes\n").expect("kitty.conf");
    let configured = [("KITTY_WINDOW_ID", "1"), ("KITTY_CONFIG_DIRECTORY", home)];
    assert!(!first_screen_shows(&configured, kitty));
    assert!(
        !first_screen_shows(&[("HOME", home)], kitty),
        "not kitty: no hint"
    );
}

/// tmux in front of Konsole without passthrough: marks keep the order, and the reader
/// says once how to let Konsole's own setting through. In front of VTE marks are all
/// it takes: no hint.
#[test]
fn tmux_in_front_of_konsole_gets_a_hint() {
    let tmux = ("TMUX", "/nonexistent/tmux,1,0");
    let passthrough = "allow-passthrough on";
    assert!(first_screen_shows(
        &[tmux, ("KONSOLE_VERSION", "221203")],
        passthrough
    ));
    assert!(!first_screen_shows(
        &[tmux, ("VTE_VERSION", "7006")],
        passthrough
    ));
}

#[test]
fn print_to_a_terminal_sets_the_mode_per_line() {
    let mut pty = Pty::hiwar(
        &["--print", "--width", "50"],
        &[("VTE_VERSION", "7006")],
        24,
        60,
    );
    assert!(pty.wait_exit().success());
    let text = String::from_utf8_lossy(&pty.raw);
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(lines.len() > 100, "the interview printed");
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.starts_with("\x1b[8l"),
            "each line in explicit mode: {line:?}"
        );
    }
    assert!(text.ends_with("\x1b[8h"), "implicit mode given back");
    // In Konsole: a blank first column carrying the first LRO, an LRO after every
    // character, the text one column narrower so that the line still fits.
    let mut pty = Pty::hiwar(
        &["--print", "--width", "50"],
        &[("KONSOLE_VERSION", "221203")],
        24,
        50,
    );
    assert!(pty.wait_exit().success());
    let text = String::from_utf8_lossy(&pty.raw)
        .replace("\r\n", "\n")
        .replace("\x1b[8l", "")
        .replace("\x1b[8h", "");
    let mut unmarked = String::new();
    for line in text.lines() {
        assert!(line.starts_with(" \u{202D}"), "{line:?}");
        let shown = line.replace(['\u{202D}', '\u{200D}', '\u{206D}'], "");
        assert!(shown.width() <= 50, "{} columns: {line:?}", shown.width());
        assert_eq!(
            line.matches('\u{202D}').count(),
            shown.graphemes(true).count(),
            "an LRO after every cell: {line:?}"
        );
        unmarked.push_str(&shown[1..]);
        unmarked.push('\n');
    }
    // Konsole shapes each cell alone: a joined letter carries a ZWJ on each side it
    // joins on (هو: a final waw, then an initial heh; U+206D after a ZWJ before a
    // letter keeps tmux from joining the letter into the cell before), and the
    // marks are all that was added: without them the text is what a pipe gets at
    // the same width.
    assert!(
        text.contains("\u{200D}\u{206D}ﻮ\u{202D}ﻫ\u{200D}\u{202D}"),
        "joiners on هو"
    );
    assert_eq!(
        unmarked,
        common::stdout_of(common::hiwar().args(["--print", "--width", "49"]))
    );
}

/// Ctrl-Z under an interactive shell: hiwar stops (the shell reports the stopped
/// job), the terminal is given back while it is stopped, and `fg` brings the reader
/// back with explicit mode asserted before its clear.
#[test]
fn ctrl_z_stops_restores_and_resumes() {
    if !std::path::Path::new("/bin/bash").exists() {
        eprintln!("skipped: no /bin/bash for job control");
        return;
    }
    let mut command = CommandBuilder::new("/bin/bash");
    command.args(["--norc", "--noprofile", "-i"]);
    command.env_clear();
    command.env("TERM", "xterm-256color");
    command.env("LANG", "C.UTF-8");
    command.env("PS1", "READY$ ");
    command.env("PATH", "/usr/bin:/bin");
    let mut pty = Pty::spawn(command, 24, 80);
    pty.wait_for_screen("the shell's prompt", "READY$");
    pty.send(format!("{}\r", env!("CARGO_BIN_EXE_hiwar")).as_bytes());
    first_screen(&mut pty);
    let before_stop = pty.raw.len();

    pty.send(b"\x1a"); // Ctrl-Z
    pty.wait_for("the shell to see the job stop", |raw| {
        contains(&raw[before_stop..], b"Stopped")
    });
    let stopped = pty.raw[before_stop..].to_vec();
    // Given back before the shell spoke: the whole session so far ends restored.
    let shell_spoke = at(&stopped, b"Stopped").expect("the message");
    assert_modes_given_back(&pty.raw[..before_stop + shell_spoke], "stopped");
    assert!(
        contains(&stopped[..shell_spoke], b"\x1b[?1049l"),
        "alternate screen left when stopped"
    );

    // The shell's prompt after its report, before typing at it.
    pty.wait_for("the prompt after the report", |raw| {
        let after = &raw[before_stop..];
        at(after, b"Stopped").is_some_and(|stop| contains(&after[stop..], b"READY$"))
    });
    pty.wait_quiet();

    let before_resume = pty.raw.len();
    pty.send(b"fg\r");
    pty.wait_for("the reader back", |raw| {
        contains(&raw[before_resume..], hints_drawn().as_bytes())
    });
    pty.wait_quiet();
    let resumed = &pty.raw[before_resume..];
    assert!(contains(resumed, b"\x1b[?1049h"), "alternate screen again");
    assert_explicit_before_every_clear(&[resumed, b"\x1b[8h"].concat(), "resumed");

    let before_quit = pty.raw.len();
    pty.send(b"q");
    pty.wait_for("the prompt after the reader", |raw| {
        contains(&raw[before_quit..], b"READY$")
    });
    pty.send(b"echo status=$?\r");
    pty.wait_for_screen("the reader's exit status", "status=0");
    pty.send(b"exit\r");
    pty.wait_exit();
    std::thread::sleep(Duration::from_millis(10));
}
