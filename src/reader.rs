//! The reader: an interview on a terminal, read with the keys.
//!
//! Data flows one way: a terminal event becomes an [`Action`] ([`keys`]); the pure
//! [`State::update`] applies it ([`state`]); the view cache lays out what the new
//! state shows at the terminal's size and measures it ([`view`]); the widgets draw
//! that into a frame ([`ui`]). No module here imports one above it:
//!
//! ```text
//! screen, items, labels, search  ◄─ state ◄─ keys ◄─ view ◄─ ui ◄─ reader (the loop)
//! ```
//!
//! [`Reader`] ties state and view together; the event loop ([`run`]) drives it on a
//! real terminal, which [`crate::terminal::session`] puts in the reader's modes and
//! gives back.

pub mod keys;
pub mod labels;
pub mod screen;
pub mod search;
pub mod state;
pub mod ui;
pub mod view;

use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::document::passages;
use crate::document::{Interview, TextDirection};
use crate::error::{Error, Result};
use crate::layout::{BaseDirection, Direction, LayoutOptions};
use crate::resume::{self, Position, Store};
use crate::settings::Look;
use crate::terminal::{BidiPlan, Hint, clipboard, session};
use labels::Notice;

pub use screen::Screen;
pub use state::{Action, State};
pub use view::View;

/// The most text `y` sends to the clipboard (terminals cap OSC 52; xterm at 1 MB of
/// base64).
pub const MAX_COPY_BYTES: usize = 512 * 1024;

/// The state and its view, kept in step: every action is applied with what the view
/// measured, then the view catches up.
pub struct Reader {
    state: State,
    view: View,
    options: LayoutOptions,
    look: Look,
}

impl Reader {
    pub fn new(interview: Interview, options: LayoutOptions) -> Self {
        let look = Look::for_document(&interview.language);
        Reader::with_look(interview, options, look)
    }

    /// A reader that looks as `look` says (theme, interface language, answer width).
    pub fn with_look(interview: Interview, options: LayoutOptions, look: Look) -> Self {
        let direction = direction_of(&interview, &options);
        Reader::from_state(State::new(interview, direction), options, look)
    }

    /// A reader on the opening of a large file ([`crate::document::input::Opening`]),
    /// whose whole comes later, by [`Reader::complete_with`].
    pub fn on_opening(interview: Interview, options: LayoutOptions, look: Look) -> Self {
        let direction = direction_of(&interview, &options);
        Reader::from_state(State::opening(interview, direction), options, look)
    }

    fn from_state(state: State, options: LayoutOptions, look: Look) -> Self {
        let view = View::with_look(&state, options, look);
        Reader {
            state,
            view,
            options,
            look,
        }
    }

    /// The whole document, arrived: the state takes it in place of the opening, and
    /// the view is laid out anew for it (same size, same place).
    pub fn complete_with(&mut self, interview: Interview) {
        let area = self.view.area();
        self.state.complete_with(interview);
        self.view = View::with_look(&self.state, self.options, self.look);
        self.view.sync(&self.state, area);
    }

    /// Opens at a saved position, and says so on the status bar.
    pub fn resume(&mut self, position: Position) {
        let top = Some((position.passage, position.byte)).filter(|&top| top != (0, 0));
        self.state.resume_at(position.item, top);
        self.view.sync(&self.state, self.view.area());
        let item = self.state.selected_item();
        if position != Position::default() && position.item == self.state.selected() {
            self.apply(Action::Notify(Notice::Resumed(item)));
        }
    }

    /// Where the reader is: the item selected and where its first row shown starts.
    pub fn position(&self) -> Position {
        let extent = self.view.extent();
        let (passage, byte) = if extent.answer_item == self.state.selected() {
            extent.top_anchor.unwrap_or((0, 0))
        } else {
            (0, 0)
        };
        Position {
            item: self.state.selected(),
            passage,
            byte,
        }
    }

    /// The selected item's text, as `y` copies it, and the notice that says so;
    /// `None` with the notice when it is too long to send.
    pub fn copy(&self) -> (Option<String>, Notice) {
        let item = self.state.selected_item();
        let text = passages::plain_text(self.state.interview(), item);
        if text.len() > MAX_COPY_BYTES {
            (None, Notice::CopyTooLong)
        } else {
            (Some(text), Notice::Copied(item))
        }
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    /// Lays the view out for a terminal of `area`.
    pub fn resize(&mut self, area: Rect) {
        self.view.sync(&self.state, area);
    }

    /// Applies one action, then brings the view up to date.
    pub fn apply(&mut self, action: Action) {
        self.state.update(action, self.view.extent());
        self.view.sync(&self.state, self.view.area());
    }

    /// Renders the current view into `buf` (of the view's area).
    pub fn render(&self, buf: &mut Buffer) {
        ui::render(&self.state, &self.view, buf);
    }

    /// Draws a frame: lays out for the frame's size first if it changed (a resize),
    /// then renders.
    pub fn draw(&mut self, frame: &mut Frame) {
        if frame.area() != self.view.area() {
            self.resize(frame.area());
        }
        self.render(frame.buffer_mut());
    }
}

/// The screen's direction: the layout options', else the document's.
fn direction_of(interview: &Interview, options: &LayoutOptions) -> Direction {
    match options.direction {
        BaseDirection::Rtl => Direction::Rtl,
        BaseDirection::Ltr => Direction::Ltr,
        BaseDirection::Auto => match interview.direction {
            TextDirection::Rtl => Direction::Rtl,
            TextDirection::Ltr => Direction::Ltr,
        },
    }
}

/// How a reader session starts and ends besides the document: its look, where
/// positions are kept (none: `--no-resume`, standard input, no home directory), and
/// for a large file the rest of it, still loading.
pub struct Session {
    pub look: Look,
    pub store: Option<Store>,
    /// The document's key in the store; for a large file it comes with its whole.
    pub key: Option<resume::Key>,
    /// A large file's whole, to load: the reader opens on its beginning, loads the
    /// whole on another thread once its first frame is out, and takes it when it
    /// comes (or ends with the error that refuses the file).
    pub rest: Option<LoadWhole>,
}

/// Loads a large file's whole ([`Session::rest`]).
pub type LoadWhole = Box<dyn FnOnce() -> Result<Loaded> + Send>;

/// A large file's whole, loaded, and its key in the store of positions.
#[derive(Debug)]
pub struct Loaded {
    pub interview: Interview,
    pub key: Option<resume::Key>,
}

/// Where the reader is, and the key to save it under: kept for a signal or a
/// hang-up that ends the process before the loop does.
#[derive(Clone, Debug, Default)]
struct Here {
    position: Position,
    key: Option<resume::Key>,
}

/// Opens the reader on a terminal and runs it until the user quits, keeping the
/// terminal from reordering the text as `plan` says. With a store, it opens where
/// the document was left, and saves where it is on quitting; a store that cannot
/// be read is said once on the status bar, one that cannot be written on standard
/// error after the terminal is given back (the reading itself went well: exit 0).
pub fn run(
    interview: Interview,
    options: LayoutOptions,
    plan: BidiPlan,
    session: Session,
) -> Result<()> {
    // crossterm drops every colour when NO_COLOR is set; the theme has already
    // taken NO_COLOR into account (mono, unless --theme or the config chose another,
    // as no-color.org lets them), so the theme decides alone.
    crossterm::style::Colored::set_ansi_color_disabled(false);
    let Session {
        look,
        store,
        key,
        rest,
    } = session;
    let mut reader = match rest {
        Some(_) => Reader::on_opening(interview, options, look),
        None => Reader::with_look(interview, options, look),
    };
    let mut notice = resume_from(&mut reader, store.as_ref(), key.as_ref());
    let hint = match plan.hint {
        Some(Hint::KittyForceLtr) => Some(Notice::KittyForceLtr),
        Some(Hint::TmuxPassthrough) => Some(Notice::TmuxPassthrough),
        None => None,
    };
    notice = notice.or(hint);
    if let Some(notice) = notice {
        reader.apply(Action::Notify(notice));
    }
    let here = Arc::new(Mutex::new(Here {
        position: reader.position(),
        key,
    }));
    if let Some(store) = store.clone() {
        let here = Arc::clone(&here);
        session::on_forced_exit(move || {
            if let Ok(here) = here.lock()
                && let Some(key) = &here.key
            {
                let _ = store.save(key, here.position);
            }
        });
    }
    let mut waiting = Waiting {
        load: rest,
        rest: None,
        store: store.as_ref(),
        moved: false,
    };
    session::run(plan, || event_loop(&mut reader, &here, &mut waiting))?;
    let here = here.lock().map(|here| here.clone()).unwrap_or_default();
    if let (Some(store), Some(key)) = (&store, &here.key)
        && let Err(e) = store.save(key, reader.position())
    {
        eprintln!(
            "hiwar: could not save the reading position in {}: {e}",
            crate::error::inert(&store.path().display().to_string())
        );
    }
    Ok(())
}

/// Opens where the document was left, if the store knows it; the notice to show
/// when the store cannot be read.
fn resume_from(
    reader: &mut Reader,
    store: Option<&Store>,
    key: Option<&resume::Key>,
) -> Option<Notice> {
    let (store, key) = (store?, key?);
    match store.load(key) {
        Ok(Some(position)) => {
            reader.resume(position);
            None
        }
        Ok(None) => None,
        Err(_) => Some(Notice::StateUnreadable),
    }
}

/// A large file's whole, while it loads: checked for between events.
struct Waiting<'a> {
    /// Not started yet: it starts after the first frame, which it would slow down.
    load: Option<LoadWhole>,
    rest: Option<Receiver<Result<Loaded>>>,
    store: Option<&'a Store>,
    /// The reader has been moved since it opened: a saved position that comes with
    /// the whole no longer applies.
    moved: bool,
}

impl Waiting<'_> {
    /// Starts loading the whole on its own thread, if it is still to load.
    fn start(&mut self) {
        if let Some(load) = self.load.take() {
            let (sender, rest) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                // Below the terminal, which is drawing the first frame, and the keys.
                // SAFETY: setpriority on this thread's own id changes only its nice.
                unsafe {
                    let thread = libc::syscall(libc::SYS_gettid) as libc::id_t;
                    libc::setpriority(libc::PRIO_PROCESS, thread, 10);
                }
                let _ = sender.send(load());
            });
            self.rest = Some(rest);
        }
    }

    /// Takes the whole in if it has come: true when it did (the screen changes).
    fn take_in(&mut self, reader: &mut Reader, here: &Mutex<Here>) -> Result<bool> {
        let Some(rest) = &self.rest else {
            return Ok(false);
        };
        let loaded = match rest.try_recv() {
            Ok(loaded) => loaded,
            Err(TryRecvError::Empty) => return Ok(false),
            // The loading thread ended without sending: it panicked (the panic hook
            // has restored the terminal and said so). The reader cannot go on.
            Err(TryRecvError::Disconnected) => {
                self.rest = None;
                return Err(Error::Terminal(std::io::Error::other(
                    "the document stopped loading",
                )));
            }
        };
        self.rest = None;
        let Loaded { interview, key } = loaded?;
        reader.complete_with(interview);
        if let Ok(mut here) = here.lock() {
            here.key = key.clone();
        }
        if !self.moved
            && let Some(notice) = resume_from(reader, self.store, key.as_ref())
        {
            reader.apply(Action::Notify(notice));
        }
        Ok(true)
    }
}

/// How long the loop waits for a key before looking again for a large file's whole.
const LOADING_POLL: Duration = Duration::from_millis(20);

/// Draw, wait for events, apply them, draw again; until the user quits. After each
/// frame, `here` is where the reader is.
fn event_loop(reader: &mut Reader, here: &Mutex<Here>, waiting: &mut Waiting) -> Result<()> {
    let mut terminal = session::new_terminal()?;
    loop {
        {
            // A frame is written whole: a restore on another thread (a signal) waits
            // for its end rather than cutting an escape sequence in two.
            let _frame = std::io::stdout().lock();
            terminal
                .draw(|frame| reader.draw(frame))
                .map_err(Error::Terminal)?;
        }
        if let Ok(mut here) = here.lock() {
            here.position = reader.position();
        }
        if reader.state().should_quit() {
            return Ok(());
        }
        waiting.start();
        // Wait for an event that changes something (pointer motion does not), then
        // take whatever else is already queued (key repeat, a burst of resizes) before
        // drawing again. While a large file loads, look for its whole between events.
        let mut changed = false;
        loop {
            if waiting.rest.is_some() && !event::poll(LOADING_POLL).map_err(Error::Terminal)? {
                changed |= waiting.take_in(reader, here)?;
                if changed {
                    break;
                }
                continue;
            }
            let event = event::read().map_err(Error::Terminal)?;
            match keys::action_for_event(&event, reader.state().mode()) {
                Some(Action::Suspend) => {
                    session::suspend().map_err(Error::Terminal)?;
                    terminal = session::new_terminal()?;
                    changed = true;
                }
                Some(Action::Copy) => {
                    let (text, notice) = reader.copy();
                    if let Some(text) = text {
                        use std::io::Write;
                        let mut out = std::io::stdout().lock();
                        out.write_all(&clipboard::clipboard_sequence(&text))
                            .and_then(|()| out.flush())
                            .map_err(Error::Terminal)?;
                    }
                    reader.apply(Action::Notify(notice));
                    changed = true;
                }
                Some(action) => {
                    reader.apply(action);
                    waiting.moved = true;
                    changed = true;
                }
                None => match event {
                    // Lay out for the new size now, so that the actions queued after
                    // it measure the screen they act on.
                    Event::Resize(columns, rows) => {
                        reader.resize(Rect::new(0, 0, columns, rows));
                        changed = true;
                    }
                    Event::FocusGained => changed = true,
                    _ => {}
                },
            }
            if reader.state().should_quit()
                || (changed && !event::poll(Duration::ZERO).map_err(Error::Terminal)?)
            {
                break;
            }
        }
    }
}
