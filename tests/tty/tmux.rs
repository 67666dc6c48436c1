//! hiwar through a real tmux, which `.ci/run` installs (Debian's `tmux`). tmux stands
//! between hiwar and terminals that reorder on their own (Konsole), and it has its own
//! ideas about what hiwar writes: it keeps a copy of the screen, takes a ZWJ for the
//! start of an emoji sequence, and forwards an escape sequence for the terminal only
//! when it is wrapped for passthrough and the pane is not waiting to be redrawn.
//!
//! Where tmux is missing the tests say so and pass, except under CI (`CI` set), where
//! a missing tmux fails: CI must never skip them silently.

use crate::common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::pty::{DEADLINE, Pty, contains, hints_drawn};
use portable_pty::CommandBuilder;

/// Whether tmux can be run; under CI its absence is a failure.
fn have_tmux() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is not installed (apt-get install tmux)"
        );
        eprintln!("skipped: tmux is not installed (apt-get install tmux)");
    }
    found
}

/// A tmux server of the test's own (its own socket), ended when dropped.
struct Server {
    socket: String,
}

impl Server {
    fn new(name: &str) -> Server {
        Server {
            socket: format!("hiwar-test-{}-{name}", std::process::id()),
        }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        assert!(
            output.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 from tmux")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// Short paragraphs where nearly every letter joins on one side or both, with harakat,
/// a shadda, tatweel and lam-alef.
const JOINED: &str = "ومهما كان، فهذه هي المنطقة التي تلتقي فيها السياسة والتسوية.\n\n\
مُهِمٌّ جدًّا أن نقرأ كـــتـــاب الحوار بين الصين وكازاخستان.\n\n\
لا إلا الأمم لأن لإن لآن.\n";

/// Printed with an LRO after every cell and a ZWJ on each side a letter joins on (as
/// for Konsole behind tmux), every letter keeps its own cell in tmux's copy of the
/// screen: without the marks, it shows what a pipe gets at the same width. A bare
/// ZWJ before a letter made tmux put the letter into the cell before (`ﺔﻴﺳﺎﻴﺴﻟﺍ`
/// came out as `ﺔﻴﺳﺎﻟﺍ`).
#[test]
fn printed_letters_keep_their_cells_through_tmux() {
    if !have_tmux() {
        return;
    }
    let dir = common::scratch("tmux", "print");
    let file = common::write(&dir, "joined.txt", JOINED.as_bytes());
    let done = dir.join("done");
    let server = Server::new("print");
    let command = format!(
        "{} --print --plain --terminal-bidi lro-cells {}; touch {}; sleep 60",
        env!("CARGO_BIN_EXE_hiwar"),
        file.display(),
        done.display()
    );
    server.tmux(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        "60",
        "-y",
        "30",
        &command,
    ]);
    wait_for_file(&done);
    let marks: &[char] = &['\u{202D}', '\u{200D}', '\u{206D}'];
    let capture = || -> Vec<String> {
        server
            .tmux(&["capture-pane", "-p"])
            .lines()
            .map(|line| line.replace(marks, "").trim_end().to_string())
            .collect()
    };
    let printed = common::stdout_of(common::hiwar().args([
        "--print",
        "--plain",
        "--width",
        "59",
        file.to_str().expect("a UTF-8 path"),
    ]));
    // The blank first column that carries each line's first mark, then the line.
    let expected: Vec<String> = printed
        .lines()
        .map(|line| format!(" {line}").trim_end().to_string())
        .collect();
    assert!(
        expected.iter().any(|line| line.contains('\u{FEEC}')),
        "the text has joined letters"
    );
    // tmux may still be taking in the last lines the pane wrote.
    let end = Instant::now() + DEADLINE;
    let mut shown = capture();
    while shown.get(..expected.len()) != Some(&expected[..]) && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(50));
        shown = capture();
    }
    assert_eq!(shown[..expected.len()], expected[..]);
}

/// With `allow-passthrough on`, the reader's setting for Konsole reaches the terminal
/// outside tmux on the way in and on the way out. tmux drops a passthrough sequence
/// while the pane waits for the redraw that switching screens causes: sent after
/// `?1049h`, the setting never arrived (seen in Konsole: the reader garbled).
#[test]
fn the_setting_passes_through_tmux_both_ways() {
    if !have_tmux() {
        return;
    }
    let dir = common::scratch("tmux", "passthrough");
    let conf = common::write(
        &dir,
        "tmux.conf",
        b"set -g status off\nset -g allow-passthrough on\n",
    );
    let server = Server::new("passthrough");
    let mut command = CommandBuilder::new("tmux");
    command.env_clear();
    command.env("TERM", "xterm-256color");
    command.env("LANG", "C.UTF-8");
    command.env("PATH", std::env::var("PATH").unwrap_or_default());
    command.env("HOME", dir.to_str().expect("a UTF-8 path"));
    command.args([
        "-L",
        &server.socket,
        "-f",
        conf.to_str().expect("a UTF-8 path"),
        "new-session",
        &format!(
            "{} --no-resume --terminal-bidi konsole",
            env!("CARGO_BIN_EXE_hiwar")
        ),
    ]);
    let mut pty = Pty::spawn(command, 24, 80);
    pty.wait_for("Konsole's setting off, through tmux", |raw| {
        contains(raw, b"\x1b]50;BidiRenderingEnabled=false\x07")
    });
    pty.wait_for_screen("the reader's first screen", &hints_drawn());
    pty.wait_quiet();
    pty.send(b"q");
    pty.wait_for("Konsole's setting on again, through tmux", |raw| {
        contains(raw, b"\x1b]50;BidiRenderingEnabled=true\x07")
    });
    let _ = pty.wait_exit_or_kill();
}

fn wait_for_file(path: &Path) {
    let end = Instant::now() + DEADLINE;
    while !path.exists() {
        assert!(
            Instant::now() < end,
            "gave up waiting for {}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
