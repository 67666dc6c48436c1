//! The reader's session on the terminal, handled with care: entering and leaving raw
//! mode, the alternate screen, mouse capture and the cursor, on every exit path.
//!
//! - The terminal's own bidi is switched off as the plan says ([`BidiPlan`]) before
//!   the alternate screen and the first clear, and given back on every way out.
//! - Keys typed but not yet read when hiwar gives the terminal back are discarded,
//!   so they do not spill into the shell.
//! - A panic restores the terminal and prints one line (no backtrace).
//! - SIGTERM, SIGHUP and SIGINT restore the terminal, run the last words the reader
//!   left ([`on_forced_exit`]: it saves its position), then end the process as the
//!   signal would have (a thread of their own, so they work even while the main thread
//!   is blocked reading input).
//! - Ctrl-Z (a key in raw mode) restores the terminal and stops the process; `fg`
//!   re-enters and redraws everything.
//! - If the terminal goes away, crossterm's reader can spin forever without returning
//!   (crossterm issue #793): a watch thread polls the terminal for a hang-up, without
//!   reading from it, and ends the process.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, OnceLock};

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

use super::backend::BidiBackend;
use super::plan::BidiPlan;
use crate::error::{Error, Result};

/// True while the terminal is in the reader's modes and must be restored.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// How this run keeps the terminal from reordering the text: set once, before the
/// terminal is first entered, and read on every way out (signals, panics included).
static PLAN: OnceLock<BidiPlan> = OnceLock::new();

fn plan() -> BidiPlan {
    PLAN.get().copied().unwrap_or_default()
}

/// Run when a signal or a hang-up ends the process, after the terminal is given
/// back (the reader saves where it was): set once, by [`on_forced_exit`].
type LastWords = Box<dyn Fn() + Send + Sync>;
static LAST_WORDS: OnceLock<LastWords> = OnceLock::new();

/// Sets what to do before a signal (SIGTERM, SIGHUP, SIGINT) or a hang-up ends the
/// process. It runs on another thread than the event loop, with the terminal
/// restored and stdout held: it must not write to stdout.
pub fn on_forced_exit(last_words: impl Fn() + Send + Sync + 'static) {
    let _ = LAST_WORDS.set(Box::new(last_words));
}

fn last_words() {
    if let Some(last_words) = LAST_WORDS.get() {
        last_words();
    }
}

/// Puts the terminal in the reader's modes.
pub fn enter() -> io::Result<()> {
    // Holding stdout: a restore on another thread (a signal) waits for the whole of
    // this, so it never comes between these modes and leaves some of them on.
    let mut out = io::stdout().lock();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let plan = plan();
    out.write_all(&plan.setting_off_sequence())?;
    execute!(out, EnterAlternateScreen, EnableMouseCapture, Hide)?;
    // Before the clear: VTE gives the rows a clear makes the bidi mode in effect.
    out.write_all(&plan.enter_sequence())?;
    // Clearing here rather than through ratatui, whose clear asks the terminal for the
    // cursor position (a round trip that a slow or silent terminal turns into an error).
    execute!(out, Clear(ClearType::All))?;
    out.flush()
}

/// Gives the terminal back as it was. Safe to call from any thread, any number of
/// times: only the first call after [`enter`] does anything. Errors are ignored, since
/// this runs on the way out, when the terminal may already be gone.
pub fn restore() {
    let mut out = io::stdout().lock();
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let plan = plan();
        let _ = out.write_all(&plan.setting_on_sequence());
        let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show);
        let _ = out.write_all(&plan.leave_sequence());
        let _ = out.flush();
        // Keys typed into the closing reader are dropped, before echo comes back and
        // again after (some may still have been on their way), so none reaches the
        // shell.
        discard_typed_ahead();
        let _ = disable_raw_mode();
        discard_typed_ahead();
    }
}

/// Discards input the terminal received but nobody read.
fn discard_typed_ahead() {
    // SAFETY: tcflush on a descriptor only drops queued input; it fails harmlessly on
    // a descriptor that is not a terminal.
    unsafe {
        libc::tcflush(input_fd(), libc::TCIFLUSH);
    }
}

/// The terminal's input: stdin when it is one, else the controlling terminal, as
/// crossterm reads it (its descriptor is kept open for the life of the process).
fn input_fd() -> libc::c_int {
    static TTY: OnceLock<Option<std::fs::File>> = OnceLock::new();
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
        return libc::STDIN_FILENO;
    }
    use std::os::fd::AsRawFd;
    TTY.get_or_init(|| std::fs::File::open("/dev/tty").ok())
        .as_ref()
        .map_or(libc::STDIN_FILENO, |tty| tty.as_raw_fd())
}

/// Runs `body` (the event loop) with the terminal in the reader's modes, kept from
/// reordering the text as `plan` says, restoring it however `body` ends: return,
/// error, panic, signal, hang-up.
pub fn run<T>(plan: BidiPlan, body: impl FnOnce() -> Result<T>) -> Result<T> {
    let _ = PLAN.set(plan);
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

/// What the reader's frames go through: a buffer that ratatui's flush at the end of
/// each draw empties, so a frame reaches the terminal in one write rather than in
/// one locked, line-scanned write per escape sequence and symbol.
type Output = io::BufWriter<io::Stdout>;

/// Big enough for any common frame (a full 200x60 redraw of Arabic text is ~40 KB).
const OUTPUT_BUFFER: usize = 64 * 1024;

/// The ratatui terminal the reader draws on, through the bidi plan. A new terminal
/// starts with an empty previous frame: its first draw is complete.
pub fn new_terminal() -> Result<Terminal<BidiBackend<CrosstermBackend<Output>>>> {
    let output = io::BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout());
    let backend = BidiBackend::new(CrosstermBackend::new(output), plan());
    Terminal::new(backend).map_err(Error::Terminal)
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

/// Restores the terminal and keeps stdout until the process ends, so that nothing
/// the reader was about to draw comes after the restore.
fn restore_for_good() -> io::StdoutLock<'static> {
    let hold = io::stdout().lock();
    restore();
    hold
}

fn restore_on_signals(mut signals: Signals) {
    if let Some(signal) = signals.forever().next() {
        let _hold = restore_for_good();
        last_words();
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
                        let _hold = restore_for_good();
                        last_words();
                        let _ = signal_hook::low_level::emulate_default_handler(SIGHUP);
                        std::process::exit(128 + SIGHUP);
                    }
                    return;
                }
            }
        });
    });
}
