//! Drawing the reader: a pure function of the state and the view into a ratatui
//! buffer. Widgets only read; every text they draw was laid out by the view.
//!
//! Every piece of text on screen, the document's and our own labels alike, went
//! through the layout engine and is drawn cell by cell ([`text`]): nothing is handed
//! to ratatui as a string, so no control character can reach the terminal through
//! it, and the Arabic is already in visual order and shaped.
//!
//! The screen is mirrored for a right-to-left document: the questions pane sits on the
//! side where reading starts.

pub mod answer_view;
pub mod help;
pub mod highlight;
mod pane;
pub mod question_list;
pub mod status_bar;
pub mod text;
pub mod theme;
pub mod title_bar;

use ratatui::buffer::Buffer;

use super::state::State;
use super::view::View;

/// Renders a frame of `state` as `view` laid it out. The buffer must be the view's
/// area (what [`View::sync`] was given); anything outside it is clipped.
pub fn render(state: &State, view: &View, buf: &mut Buffer) {
    let screen = *view.screen();
    text::fill(buf, buf.area, view.theme().background);
    if screen.too_small || buf.area != screen.area {
        render_too_small(view, buf);
        return;
    }
    title_bar::render(view, screen.title, buf);
    question_list::render(state, view, screen.questions, buf);
    answer_view::render(state, view, screen.answer, buf);
    status_bar::render(state, view, screen.status, buf);
    if state.show_help() {
        help::render(view, buf);
    }
}

/// A terminal too small for the panes: the note, as much as fits.
fn render_too_small(view: &View, buf: &mut Buffer) {
    let area = buf.area.intersection(view.area());
    if area.is_empty() {
        return;
    }
    let lines = view.too_small_lines();
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (line, y) in lines.iter().zip(top..area.bottom()) {
        let x = area.x + (area.width.saturating_sub(line.width() as u16)) / 2;
        text::draw_line(view.theme(), buf, line, x, y, area, |_| view.theme().text);
    }
}
