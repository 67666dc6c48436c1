//! A program in a pseudo-terminal, read raw and through a terminal emulator
//! (vt100), and what its byte stream did to the terminal's modes.
#![allow(dead_code)] // each test file uses part of it

use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Catches a hang only.
pub const DEADLINE: Duration = Duration::from_secs(30);

pub fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    output: Receiver<Vec<u8>>,
    stop_reading: Arc<AtomicBool>,
    reading: Option<JoinHandle<()>>,
    pub parser: vt100::Parser,
    pub raw: Vec<u8>,
}

impl Pty {
    /// Starts `command` in a new pseudo-terminal of `rows` x `cols`.
    pub fn spawn(command: CommandBuilder, rows: u16, cols: u16) -> Pty {
        let pty = native_pty_system()
            .openpty(size(rows, cols))
            .expect("open a pseudo-terminal");
        let child = pty.slave.spawn_command(command).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        // Non-blocking reads, so that the reading thread can let go of its end of the
        // terminal when a test hangs up (a blocked read would keep it open).
        let fd = pty.master.as_raw_fd().expect("master descriptor");
        // SAFETY: fcntl on a descriptor the pty owns; only O_NONBLOCK changes.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        let (sender, output) = channel();
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        // Reads until the child's side closes (EIO on Linux once it has exited), or
        // until told to stop.
        let reading = std::thread::spawn(move || {
            let mut chunk = [0u8; 16384];
            while !stop.load(Ordering::SeqCst) {
                match reader.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(n) => {
                        if sender.send(chunk[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(2));
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        });
        Pty {
            child,
            master: Some(pty.master),
            writer: Some(writer),
            output,
            stop_reading,
            reading: Some(reading),
            parser: vt100::Parser::new(rows.max(1), cols.max(1), 0),
            raw: Vec::new(),
        }
    }

    /// hiwar with `args`, a clean environment but for `env` (TERM is xterm's).
    pub fn hiwar(args: &[&str], env: &[(&str, &str)], rows: u16, cols: u16) -> Pty {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_hiwar"));
        command.env_clear();
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        for (name, value) in env {
            command.env(name, value);
        }
        command.args(args);
        Pty::spawn(command, rows, cols)
    }

    fn master(&self) -> &dyn MasterPty {
        self.master.as_deref().expect("the terminal is open")
    }

    /// Resizes the terminal (the program gets SIGWINCH); the emulator follows when
    /// it can hold the size.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.master().resize(size(rows, cols)).expect("resize");
        if rows > 0 && cols > 0 {
            self.parser.screen_mut().set_size(rows, cols);
        }
    }

    /// The terminal goes away: every descriptor of its side is closed, as when its
    /// window is closed.
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(reading) = self.reading.take() {
            reading.join().expect("reading thread");
        }
        self.writer.take();
        self.master.take();
    }

    fn take(&mut self, bytes: Vec<u8>) {
        self.parser.process(&bytes);
        self.raw.extend_from_slice(&bytes);
    }

    pub fn drain(&mut self) {
        while let Ok(bytes) = self.output.try_recv() {
            self.take(bytes);
        }
    }

    /// Reads output until `done` holds for the raw stream, or fails at the deadline.
    pub fn wait_for(&mut self, what: &str, done: impl Fn(&[u8]) -> bool) {
        self.wait_until(what, |pty| done(&pty.raw));
    }

    /// Reads output until `done` holds for this terminal, or fails at the deadline.
    fn wait_until(&mut self, what: &str, done: impl Fn(&Pty) -> bool) {
        let end = Instant::now() + DEADLINE;
        while !done(self) {
            assert!(
                Instant::now() < end,
                "gave up waiting for {what}; screen:\n{}",
                self.parser.screen().contents()
            );
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.take(bytes);
            }
        }
    }

    /// The screen's text, without the zero-width marks (LRM, LRO) that terminals
    /// keep in their cells.
    pub fn screen_text(&self) -> String {
        self.parser
            .screen()
            .contents()
            .replace(['\u{200E}', '\u{202D}'], "")
    }

    /// Reads until the screen shows `text`.
    pub fn wait_for_screen(&mut self, what: &str, text: &str) {
        self.wait_until_screen(what, |screen| screen.contains(text));
    }

    /// Reads until nothing has come for 150 ms.
    pub fn wait_quiet(&mut self) {
        self.wait_quiet_for(Duration::from_millis(150));
    }

    /// Reads until nothing has come for `quiet`.
    pub fn wait_quiet_for(&mut self, quiet: Duration) {
        let end = Instant::now() + DEADLINE;
        while let Ok(bytes) = self.output.recv_timeout(quiet) {
            self.take(bytes);
            assert!(Instant::now() < end, "never went quiet");
        }
    }

    /// Reads until the screen (without marks) satisfies `done`.
    pub fn wait_until_screen(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        self.wait_until(what, |pty| done(&pty.screen_text()));
    }

    /// Waits for the process to end within the deadline, or kills it: its exit
    /// status then (`None` if it had to be killed), and everything it wrote.
    pub fn wait_exit_or_kill(&mut self) -> Option<portable_pty::ExitStatus> {
        let end = Instant::now() + DEADLINE;
        loop {
            self.drain();
            if let Some(status) = self.child.try_wait().expect("child status") {
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.take(bytes);
                }
                return Some(status);
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    pub fn signal(&self, signal: libc::c_int) {
        let pid = self.child.process_id().expect("pid") as libc::pid_t;
        // SAFETY: a signal to the child this test started.
        unsafe {
            libc::kill(pid, signal);
        }
    }

    /// Waits for the process to end and reads everything it wrote.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        self.wait_exit_or_kill().expect("the program did not exit")
    }

    /// The terminal modes (termios) left behind: canonical input and echo are back
    /// unless raw mode was left on.
    pub fn cooked(&self) -> bool {
        let fd = self.master().as_raw_fd().expect("master descriptor");
        // SAFETY: tcgetattr fills a termios we own, from a descriptor the pty owns.
        let termios = unsafe {
            let mut termios = std::mem::zeroed::<libc::termios>();
            assert_eq!(libc::tcgetattr(fd, &mut termios), 0, "tcgetattr");
            termios
        };
        termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The status bar's key hints as the reader draws them for the built-in interview
/// (its interface is Arabic): right to left, shaped. The status bar is the last row
/// drawn, so its hints on screen mean a whole first frame.
pub fn hints_drawn() -> String {
    use hiwar::reader::labels::{Labels, Text};
    use hiwar::settings::Language;
    let options = hiwar::layout::LayoutOptions {
        direction: hiwar::layout::BaseDirection::Rtl,
        ..hiwar::layout::LayoutOptions::default()
    };
    hiwar::layout::layout(Labels::new(Language::Ar).text(Text::Hints), 0, &options)
        .first()
        .map(|line| line.visual_text().to_string())
        .unwrap_or_default()
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What a byte stream does to a terminal, in order: the parts the checks need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// `CSI Ps h` / `CSI Ps l` (ECMA-48 mode), `CSI ? Ps h` / `CSI ? Ps l` (DEC
    /// private mode), one per parameter.
    Mode { private: bool, mode: u16, set: bool },
    /// `CSI 2 J`: the whole screen erased (new rows, for VTE).
    ClearAll,
    /// `OSC …` up to BEL or ST: its text.
    Osc(String),
    /// Printable characters outside any sequence.
    Text(String),
}

/// The effects of `raw`, in order. Sequences cut short at the end are dropped.
pub fn effects(raw: &[u8]) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut text = Vec::new();
    let flush_text = |text: &mut Vec<u8>, effects: &mut Vec<Effect>| {
        if !text.is_empty() {
            effects.push(Effect::Text(String::from_utf8_lossy(text).into_owned()));
            text.clear();
        }
    };
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != 0x1b {
            if raw[i] >= 0x20 || raw[i] == b'\n' {
                text.push(raw[i]);
            }
            i += 1;
            continue;
        }
        flush_text(&mut text, &mut effects);
        match raw.get(i + 1) {
            Some(b'[') => {
                let mut j = i + 2;
                while j < raw.len() && (0x20..0x40).contains(&raw[j]) {
                    j += 1;
                }
                let Some(&last) = raw.get(j) else { break };
                let params = String::from_utf8_lossy(&raw[i + 2..j]).into_owned();
                match (last, params.as_str()) {
                    (b'h' | b'l', params) => {
                        let private = params.starts_with('?');
                        for mode in params.trim_start_matches('?').split(';') {
                            if let Ok(mode) = mode.parse() {
                                effects.push(Effect::Mode {
                                    private,
                                    mode,
                                    set: last == b'h',
                                });
                            }
                        }
                    }
                    (b'J', "2") => effects.push(Effect::ClearAll),
                    _ => {}
                }
                i = j + 1;
            }
            Some(b']') => {
                let mut j = i + 2;
                while j < raw.len()
                    && raw[j] != 0x07
                    && !(raw[j] == 0x1b && raw.get(j + 1) == Some(&b'\\'))
                {
                    j += 1;
                }
                if j >= raw.len() {
                    break;
                }
                effects.push(Effect::Osc(
                    String::from_utf8_lossy(&raw[i + 2..j]).into_owned(),
                ));
                i = if raw[j] == 0x07 { j + 1 } else { j + 2 };
            }
            Some(_) => i += 2,
            None => break,
        }
    }
    flush_text(&mut text, &mut effects);
    effects
}

/// Modes as the stream leaves them: for each mode it changed, the last state.
pub fn final_modes(raw: &[u8]) -> Vec<((bool, u16), bool)> {
    let mut modes: Vec<((bool, u16), bool)> = Vec::new();
    for effect in effects(raw) {
        if let Effect::Mode { private, mode, set } = effect {
            match modes.iter_mut().find(|(key, _)| *key == (private, mode)) {
                Some((_, state)) => *state = set,
                None => modes.push(((private, mode), set)),
            }
        }
    }
    modes
}

/// Every mode the stream changed is back at the terminal's default: the private
/// modes off (alternate screen, mouse reporting, …) but the cursor shown (`?25`),
/// bidi mode implicit (`8` set); and each terminal setting turned off is on again.
pub fn assert_modes_given_back(raw: &[u8], what: &str) {
    for ((private, mode), set) in final_modes(raw) {
        let default = matches!((private, mode), (true, 25) | (false, 8));
        assert_eq!(
            set,
            default,
            "{what}: mode {}{mode} left {}",
            if private { "?" } else { "" },
            if set { "set" } else { "reset" }
        );
    }
    let settings: Vec<String> = effects(raw)
        .into_iter()
        .filter_map(|e| match e {
            Effect::Osc(osc) if osc.starts_with("50;") || osc.starts_with("5379;") => Some(osc),
            _ => None,
        })
        .collect();
    if let Some(last) = settings.last() {
        assert!(
            last.ends_with("=true"),
            "{what}: a terminal setting left off: {settings:?}"
        );
    }
}
