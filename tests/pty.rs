//! End to end: the real binary in a pseudo-terminal, its output fed to a terminal
//! emulator (vt100), driven key by key.

use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hiwar::layout::{LayoutOptions, layout};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;
const DEADLINE: Duration = Duration::from_secs(10);

struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    output: Receiver<Vec<u8>>,
    stop_reading: Arc<AtomicBool>,
    reading: Option<JoinHandle<()>>,
    parser: vt100::Parser,
    raw: Vec<u8>,
}

impl Session {
    /// Starts `hiwar` with no arguments: the built-in interview, in the reader.
    fn start() -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_hiwar"));
        command.env_clear();
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        let child = pty.slave.spawn_command(command).expect("spawn hiwar");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        // Non-blocking reads, so that the reading thread can let go of its end of the
        // terminal when a test closes it (a blocked read would keep it open).
        let fd = pty.master.as_raw_fd().expect("master descriptor");
        // SAFETY: fcntl on a descriptor the pty owns; only the O_NONBLOCK flag changes.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        let (sender, output) = channel();
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = stop_reading.clone();
        let reading = std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while !stop.load(Ordering::SeqCst) {
                match reader.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(n) => {
                        if sender.send(chunk[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        });
        Session {
            child,
            master: Some(pty.master),
            writer: Some(writer),
            output,
            stop_reading,
            reading: Some(reading),
            parser: vt100::Parser::new(ROWS, COLS, 0),
            raw: Vec::new(),
        }
    }

    fn take(&mut self, bytes: Vec<u8>) {
        self.parser.process(&bytes);
        self.raw.extend_from_slice(&bytes);
    }

    /// Reads output until the screen satisfies `done`, or fails at the deadline.
    fn wait_for(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let end = Instant::now() + DEADLINE;
        loop {
            if done(&self.parser.screen().contents()) {
                return;
            }
            let left = end.saturating_duration_since(Instant::now());
            match self
                .output
                .recv_timeout(left.min(Duration::from_millis(100)))
            {
                Ok(bytes) => self.take(bytes),
                Err(RecvTimeoutError::Timeout) if !left.is_zero() => {}
                Err(_) => panic!(
                    "gave up waiting for {what}; screen:\n{}",
                    self.parser.screen().contents()
                ),
            }
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("terminal open");
        writer.write_all(bytes).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// Waits for the process to end, reading what it still writes.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let end = Instant::now() + DEADLINE;
        loop {
            while let Ok(bytes) = self.output.try_recv() {
                self.take(bytes);
            }
            if let Some(status) = self.child.try_wait().expect("child status") {
                // Whatever is left in the pty's buffer.
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.take(bytes);
                }
                return status;
            }
            assert!(Instant::now() < end, "hiwar did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn raw_contains(&self, needle: &[u8]) -> bool {
        self.raw.windows(needle.len()).any(|w| w == needle)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A phrase as hiwar draws it (visual order, shaped), so the checks below do not depend
/// on how the shaper renders the letters.
fn drawn(text: &str) -> String {
    layout(text, 0, &LayoutOptions::default())
        .first()
        .map(|line| line.visual_text().to_string())
        .unwrap_or_default()
}

/// The answer pane: the left part of the screen, for a right-to-left interview.
fn answer_pane(session: &Session) -> String {
    let area = ratatui::layout::Rect::new(0, 0, COLS, ROWS);
    let answer = hiwar::reader::Screen::new(area, hiwar::layout::Direction::Rtl).answer;
    let screen = session.parser.screen();
    screen
        .rows(answer.x, answer.width)
        .collect::<Vec<_>>()
        .join("\n")
}

fn first_screen(session: &mut Session) {
    session.wait_for("the first screen", |screen| screen.contains(&hints_drawn()));
}

#[test]
fn starts_moves_to_the_next_answer_and_quits_cleanly() {
    let mut session = Session::start();
    first_screen(&mut session);
    let name = drawn("جلوبال تايمز");
    let opening = drawn("يصادف هذا العام");
    let before = answer_pane(&session);
    assert!(
        !before.contains(&name),
        "no interviewer's name in the introduction:\n{before}"
    );

    session.send(b"\x1b[B"); // Down
    session.wait_for("the first question's position", |screen| {
        screen.contains("1/7")
    });
    let after = answer_pane(&session);
    assert!(
        after.contains(&name) && after.contains(&opening),
        "the answer pane shows the first question:\n{after}"
    );

    session.send(b"q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status: {status:?}");
    assert!(
        session.raw_contains(b"\x1b[?1049h"),
        "alternate screen entered"
    );
    assert!(
        session.raw_contains(b"\x1b[?1049l"),
        "alternate screen left"
    );
    assert!(session.raw_contains(b"\x1b[8l"), "CSI 8 l sent on start");
    assert!(session.raw_contains(b"\x1b[8h"), "CSI 8 h sent on exit");
    let start = session.raw.windows(4).position(|w| w == b"\x1b[8l");
    let end = session.raw.windows(4).rposition(|w| w == b"\x1b[8h");
    assert!(start < end, "CSI 8 h comes after CSI 8 l");
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut session = Session::start();
    first_screen(&mut session);
    let pid = session.child.process_id().expect("pid") as libc::pid_t;
    // SAFETY: a signal to the child we started.
    unsafe {
        libc::kill(pid, libc::SIGTERM);
    }
    let status = session.wait_exit();
    assert!(!status.success());
    assert!(
        session.raw_contains(b"\x1b[?1049l"),
        "alternate screen left"
    );
    assert!(session.raw_contains(b"\x1b[8h"), "CSI 8 h sent");
}

#[test]
fn closing_the_terminal_ends_the_reader() {
    let mut session = Session::start();
    first_screen(&mut session);
    // The terminal goes away: hiwar must exit rather than spin on a dead input.
    session.stop_reading.store(true, Ordering::SeqCst);
    if let Some(reading) = session.reading.take() {
        reading.join().expect("reading thread");
    }
    session.writer.take();
    session.master.take();
    let end = Instant::now() + DEADLINE;
    loop {
        if session.child.try_wait().expect("child status").is_some() {
            break;
        }
        assert!(Instant::now() < end, "hiwar kept running after a hang-up");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The status bar: the last row.
fn status_bar(session: &Session) -> String {
    let screen = session.parser.screen();
    screen
        .rows(0, COLS)
        .nth(usize::from(ROWS) - 1)
        .unwrap_or_default()
}

#[test]
fn an_arabic_query_is_counted_and_n_walks_the_questions_that_have_it() {
    let mut session = Session::start();
    first_screen(&mut session);
    // Typed without hamza or harakat; the interview writes أيضًا.
    session.send("/ايضا".as_bytes());
    session.wait_for("the query in the prompt", |screen| {
        screen.contains(&drawn("ايضا"))
    });
    session.send(b"\r");
    // The first match is in the introduction (where the reader is): 1 of 4.
    session.wait_for("the first match", |screen| {
        screen.lines().last().is_some_and(|l| l.contains("1/4"))
    });
    let bar = status_bar(&session);
    assert!(bar.contains(&drawn("ايضا")), "the query is shown: {bar}");
    assert!(
        bar.contains(&drawn("مقدمة")),
        "still in the introduction: {bar}"
    );
    // n: the next match is in question 1.
    session.send(b"n");
    session.wait_for("the second match", |screen| {
        screen.lines().last().is_some_and(|l| l.contains("2/4"))
    });
    assert!(
        status_bar(&session).contains("1/7"),
        "{}",
        status_bar(&session)
    );
    // n again: question 2 has no match, so on to question 3.
    session.send(b"n");
    session.wait_for("the third match", |screen| {
        screen.lines().last().is_some_and(|l| l.contains("3/4"))
    });
    assert!(
        status_bar(&session).contains("3/7"),
        "{}",
        status_bar(&session)
    );
    // The current match is highlighted in the answer pane, on its four cells (the
    // tanween rides on the dad): magenta, as the theme paints the current match.
    let area = ratatui::layout::Rect::new(0, 0, COLS, ROWS);
    let text = hiwar::reader::Screen::new(area, hiwar::layout::Direction::Rtl).answer_text();
    let screen = session.parser.screen();
    let current: String = (text.y..text.bottom())
        .flat_map(|row| (text.x..text.right()).map(move |col| (row, col)))
        .filter_map(|(row, col)| screen.cell(row, col))
        .filter(|cell| cell.bgcolor() == vt100::Color::Idx(5))
        .map(|cell| cell.contents().to_string())
        .collect();
    assert_eq!(current, drawn("أيضًا"), "the current match's cells");
    session.send(b"q");
    assert!(session.wait_exit().success());
}

/// The status bar's key hints as the reader draws them for the built-in interview
/// (its interface is Arabic): right to left, shaped. The status bar is the last row
/// drawn, so its hints on screen mean a whole first frame.
fn hints_drawn() -> String {
    use hiwar::reader::labels::{Labels, Language, Text};
    let options = hiwar::layout::LayoutOptions {
        direction: hiwar::layout::BaseDirection::Rtl,
        ..hiwar::layout::LayoutOptions::default()
    };
    hiwar::layout::layout(Labels::new(Language::Ar).text(Text::Hints), 0, &options)
        .first()
        .map(|line| line.visual_text().to_string())
        .unwrap_or_default()
}
