//! The reader: an interview on a terminal, read with the keys.
//!
//! Data flows one way: a terminal event becomes an [`Action`] ([`keys`]); the pure
//! [`State::update`] applies it ([`state`]); the view cache lays out what the new
//! state shows at the terminal's size and measures it ([`view`]); the widgets draw
//! that into a frame ([`ui`]). No module here imports one above it:
//!
//! ```text
//! screen, items, labels, search  ◄─ state ◄─ keys ◄─ view ◄─ ui ◄─ reader (the loop)
//! terminal                                                        ◄─ reader
//! ```
//!
//! [`Reader`] ties state and view together; the event loop ([`run`]) drives it on a
//! real terminal, which [`terminal`] puts in the reader's modes and gives back.

pub mod items;
pub mod keys;
pub mod labels;
pub mod screen;
pub mod search;
pub mod state;
pub mod terminal;
pub mod ui;
pub mod view;

use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::document::{Interview, TextDirection};
use crate::emulator::{BidiPlan, Hint};
use crate::error::{Error, Result};
use crate::layout::{BaseDirection, Direction, LayoutOptions};
use labels::Notice;

pub use screen::Screen;
pub use state::{Action, State};
pub use view::View;

/// The state and its view, kept in step: every action is applied with what the view
/// measured, then the view catches up.
pub struct Reader {
    state: State,
    view: View,
}

impl Reader {
    pub fn new(interview: Interview, options: LayoutOptions) -> Self {
        let direction = match options.direction {
            BaseDirection::Rtl => Direction::Rtl,
            BaseDirection::Ltr => Direction::Ltr,
            BaseDirection::Auto => match interview.direction {
                TextDirection::Rtl => Direction::Rtl,
                TextDirection::Ltr => Direction::Ltr,
            },
        };
        let state = State::new(interview, direction);
        let view = View::new(&state, options);
        Reader { state, view }
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

/// Opens the reader on a terminal and runs it until the user quits, keeping the
/// terminal from reordering the text as `plan` says.
pub fn run(interview: Interview, options: LayoutOptions, plan: BidiPlan) -> Result<()> {
    let mut reader = Reader::new(interview, options);
    match plan.hint {
        Some(Hint::KittyForceLtr) => reader.apply(Action::Notify(Notice::KittyForceLtr)),
        Some(Hint::TmuxPassthrough) => reader.apply(Action::Notify(Notice::TmuxPassthrough)),
        None => {}
    }
    terminal::run(plan, || event_loop(&mut reader))
}

/// Draw, wait for events, apply them, draw again; until the user quits.
fn event_loop(reader: &mut Reader) -> Result<()> {
    let mut terminal = terminal::new_terminal()?;
    loop {
        {
            // A frame is written whole: a restore on another thread (a signal) waits
            // for its end rather than cutting an escape sequence in two.
            let _frame = std::io::stdout().lock();
            terminal
                .draw(|frame| reader.draw(frame))
                .map_err(Error::Terminal)?;
        }
        if reader.state().should_quit() {
            return Ok(());
        }
        // Wait for an event that changes something (pointer motion does not), then
        // take whatever else is already queued (key repeat, a burst of resizes) before
        // drawing again.
        let mut changed = false;
        loop {
            let event = event::read().map_err(Error::Terminal)?;
            match keys::action_for_event(&event, reader.state().mode()) {
                Some(Action::Suspend) => {
                    terminal::suspend().map_err(Error::Terminal)?;
                    terminal = terminal::new_terminal()?;
                    changed = true;
                }
                Some(action) => {
                    reader.apply(action);
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
