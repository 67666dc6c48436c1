//! The terminal, handled with care: entering and leaving raw mode, the alternate
//! screen, mouse capture and the cursor, on every exit path.
//!
//! - A bidi-aware terminal must not reorder text that is already in visual order:
//!   on start hiwar tells it so, the way that terminal understands
//!   ([`crate::emulator::BidiPlan`]: `CSI 8 l` for VTE, a profile setting for
//!   Konsole, mlterm's own setting, marks in the cells through tmux), before the
//!   first clear and again before every later one (VTE gives fresh rows the mode in
//!   effect when they are made). Every exit path gives the terminal its modes back.
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
use ratatui::backend::{Backend, ClearType as RegionClear, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::emulator::{BidiPlan, LRM_LRO, LRO, Marks};
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

/// A ratatui backend that carries out the terminal's bidi plan as ratatui draws:
/// the bidi mode asserted before every full clear (a resize clears), marks among the
/// cells. The buffer ratatui diffs keeps the plain symbols; only what is written
/// carries the marks, which take no column.
pub struct BidiBackend<B> {
    inner: B,
    plan: BidiPlan,
    marks: Marker,
}

impl<B> BidiBackend<B> {
    fn new(inner: B, plan: BidiPlan) -> Self {
        BidiBackend {
            inner,
            plan,
            marks: Marker::default(),
        }
    }
}

/// Places the plan's marks. For marks per row it keeps a copy of the screen: a row's
/// mark rides on its first blank cell (before any text, and drawn the same with or
/// without the mark, unlike a border, which terminals draw themselves unless
/// something rides on it), which may not be among the cells ratatui redraws, and
/// which moves when the row's content does.
#[derive(Default)]
struct Marker {
    screen: Vec<Vec<Cell>>,
    /// Per row, the column whose cell carries the row's mark in the terminal.
    marked_at: Vec<Option<u16>>,
    /// The cells of one draw, marked; kept to reuse the allocation.
    out: Vec<(u16, u16, Cell)>,
}

impl Marker {
    fn forget_screen(&mut self) {
        self.screen.clear();
        self.marked_at.clear();
    }

    fn cell_mut(&mut self, x: u16, y: u16) -> &mut Cell {
        let (x, y) = (usize::from(x), usize::from(y));
        if self.screen.len() <= y {
            self.screen.resize_with(y + 1, Vec::new);
            self.marked_at.resize(y + 1, None);
        }
        let row = &mut self.screen[y];
        if row.len() <= x {
            row.resize_with(x + 1, Cell::default);
        }
        &mut row[x]
    }

    fn marked(cell: &Cell, mark: &str) -> Cell {
        let mut marked = cell.clone();
        if !mark.is_empty() {
            let symbol = format!("{}{mark}", cell.symbol());
            marked.set_symbol(&symbol);
        }
        marked
    }

    /// The cells to write for `content` under `plan`, marks added.
    fn mark<'a>(
        &mut self,
        plan: &BidiPlan,
        content: impl Iterator<Item = (u16, u16, &'a Cell)>,
    ) -> &[(u16, u16, Cell)] {
        self.out.clear();
        match plan.marks {
            Marks::None => self.out.extend(content.map(|(x, y, c)| (x, y, c.clone()))),
            Marks::Cells => {
                for (x, y, cell) in content {
                    let mark = if is_drawing(cell.symbol()) { "" } else { LRO };
                    self.out.push((x, y, Self::marked(cell, mark)));
                }
            }
            Marks::Rows => {
                let mut rows = Vec::new();
                for (x, y, cell) in content {
                    *self.cell_mut(x, y) = cell.clone();
                    self.out.push((x, y, cell.clone()));
                    if rows.last() != Some(&y) {
                        rows.push(y);
                    }
                }
                for y in rows {
                    let row = &self.screen[usize::from(y)];
                    // The first blank; else the first cell that is not a border; a
                    // row of borders only has nothing to keep in order.
                    let Some(at) = row
                        .iter()
                        .position(|c| c.symbol() == " ")
                        .or_else(|| row.iter().position(|c| !is_drawing(c.symbol())))
                        .map(|at| at as u16)
                    else {
                        continue;
                    };
                    let drawn = self.out.iter().position(|&(cx, cy, _)| (cx, cy) == (at, y));
                    let mark_cell = Self::marked(&row[usize::from(at)], LRM_LRO);
                    match drawn {
                        Some(i) => self.out[i].2 = mark_cell,
                        // Not redrawn, but the mark must move there.
                        None if self.marked_at[usize::from(y)] != Some(at) => {
                            self.out.push((at, y, mark_cell));
                        }
                        None => {}
                    }
                    self.marked_at[usize::from(y)] = Some(at);
                }
                self.out.sort_by_key(|&(x, y, _)| (y, x));
            }
        }
        &self.out
    }
}

/// Box and block drawing: borders and scrollbars, which terminals draw themselves
/// (and differently when a mark rides on them), and which no terminal reorders.
fn is_drawing(symbol: &str) -> bool {
    symbol
        .chars()
        .next()
        .is_some_and(|c| ('\u{2500}'..='\u{259F}').contains(&c))
}

impl<B: Backend<Error = io::Error> + Write> Backend for BidiBackend<B> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if self.plan.marks == Marks::None {
            return self.inner.draw(content);
        }
        let cells = self.marks.mark(&self.plan, content);
        self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(RegionClear::All)
    }

    fn clear_region(&mut self, clear_type: RegionClear) -> io::Result<()> {
        if clear_type == RegionClear::All {
            self.inner.write_all(self.plan.before_clear())?;
            self.marks.forget_screen();
        }
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
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
