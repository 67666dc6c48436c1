//! The terminal, handled with care: entering and leaving raw mode, the alternate
//! screen, mouse capture and the cursor, on every exit path.
//!
//! - On start hiwar sends `CSI 8 l` (ECMA-48 BDSM, explicit mode): a bidi-aware
//!   terminal such as VTE must not reorder text that is already in visual order.
//!   Every exit path sends `CSI 8 h` to give the terminal back its implicit mode.
//! - A panic restores the terminal and prints one line (no backtrace).
//! - SIGTERM, SIGHUP and SIGINT restore the terminal, then end the process as the
//!   signal would have (a thread of their own, so they work even while the main thread
//!   is blocked reading input).
//! - Ctrl-Z (a key in raw mode) restores the terminal and stops the process; `fg`
//!   re-enters and redraws everything.
//! - If the terminal goes away, crossterm's reader can spin forever without returning
//!   (crossterm issue #793): a watch thread polls the terminal for a hang-up, without
//!   reading from it, and ends the process.

use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::error::{Error, Result};

/// `CSI 8 l`: bidi mode explicit (the application orders the text itself).
pub const BIDI_EXPLICIT: &[u8] = b"\x1b[8l";
/// `CSI 8 h`: bidi mode implicit (the terminal's default).
pub const BIDI_IMPLICIT: &[u8] = b"\x1b[8h";

/// True while the terminal is in the reader's modes and must be restored.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal in the reader's modes.
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout().lock();
    // Clearing here rather than through ratatui, whose clear asks the terminal for the
    // cursor position (a round trip that a slow or silent terminal turns into an error).
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        Hide,
        Clear(ClearType::All)
    )?;
    out.write_all(BIDI_EXPLICIT)?;
    out.flush()
}

/// Gives the terminal back as it was. Safe to call from any thread, any number of
/// times: only the first call after [`enter`] does anything. Errors are ignored, since
/// this runs on the way out, when the terminal may already be gone.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout().lock();
        let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show);
        let _ = out.write_all(BIDI_IMPLICIT);
        let _ = out.flush();
        let _ = disable_raw_mode();
    }
}

/// Runs `body` (the event loop) with the terminal in the reader's modes, restoring it
/// however `body` ends: return, error, panic, signal, hang-up.
pub fn run<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    install_panic_hook();
    let signals = Signals::new([SIGTERM, SIGHUP, SIGINT]).map_err(Error::Terminal)?;
    let handle = signals.handle();
    let signal_thread = std::thread::spawn(move || restore_on_signals(signals));
    watch_for_hangup();
    let result = enter().map_err(Error::Terminal).and_then(|()| body());
    restore();
    handle.close();
    let _ = signal_thread.join();
    result
}

/// The ratatui terminal the reader draws on. A new terminal starts with an empty
/// previous frame: its first draw is complete.
pub fn new_terminal() -> Result<Terminal<CrosstermBackend<io::Stdout>>> {
    Terminal::new(CrosstermBackend::new(io::stdout())).map_err(Error::Terminal)
}

/// Ctrl-Z: leave the terminal as the shell expects it, stop, and come back on `fg`.
pub fn suspend() -> io::Result<()> {
    restore();
    // SAFETY: raise only sends a signal to this process; SIGTSTP keeps its default
    // action (stop), and execution continues here after SIGCONT.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    enter()
}

fn restore_on_signals(mut signals: Signals) {
    if let Some(signal) = signals.forever().next() {
        restore();
        // End the process as the signal's default action would (so the exit status
        // tells the parent which signal it was).
        let _ = signal_hook::low_level::emulate_default_handler(signal);
        std::process::exit(128 + signal);
    }
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            restore();
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_string());
            let message: String = message.chars().filter(|c| !c.is_control()).collect();
            match info.location() {
                Some(at) => eprintln!(
                    "hiwar: internal error: {message} (at {}:{})",
                    at.file(),
                    at.line()
                ),
                None => eprintln!("hiwar: internal error: {message}"),
            }
        }));
    });
}

/// Starts (once) a thread that waits for the terminal to hang up and then ends the
/// process. It only polls for POLLHUP/POLLERR (no events asked for, nothing read), so
/// it never takes a key from the reader.
fn watch_for_hangup() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // crossterm reads from stdin when it is a terminal, else from /dev/tty.
        // SAFETY: isatty only inspects the descriptor.
        let tty = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            None
        } else {
            match std::fs::File::open("/dev/tty") {
                Ok(file) => Some(file),
                Err(_) => return,
            }
        };
        std::thread::spawn(move || {
            use std::os::fd::AsRawFd;
            let fd = tty.as_ref().map_or(libc::STDIN_FILENO, |f| f.as_raw_fd());
            let mut poll = libc::pollfd {
                fd,
                events: 0,
                revents: 0,
            };
            loop {
                // SAFETY: one valid pollfd, for a descriptor kept open by this thread.
                let ready = unsafe { libc::poll(&mut poll, 1, -1) };
                if ready < 0 {
                    if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                        continue;
                    }
                    return;
                }
                if poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                    if ACTIVE.load(Ordering::SeqCst) {
                        restore();
                        let _ = signal_hook::low_level::emulate_default_handler(SIGHUP);
                        std::process::exit(128 + SIGHUP);
                    }
                    return;
                }
            }
        });
    });
}
