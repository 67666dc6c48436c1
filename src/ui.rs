//! Drawing the reader: a pure function of [`App`] into a ratatui buffer.
//!
//! Every piece of text on screen, the document's and our own labels alike, goes through
//! the layout engine and is drawn cell by cell ([`text`]): nothing is handed to ratatui
//! as a string, so no control character can reach the terminal through it, and the
//! Arabic is already in visual order and shaped.
//!
//! The screen is mirrored for a right-to-left document: the questions pane sits on the
//! side where reading starts.

pub mod answer_view;
pub mod help;
mod pane;
pub mod question_list;
pub mod status_bar;
pub mod text;
pub mod theme;
pub mod title_bar;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};

use crate::app::App;
use crate::layout::{Direction, layout};

/// Below this size the panes cannot show anything useful: a short note instead.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;

/// Where each part of the screen goes, for one terminal size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Screen {
    pub area: Rect,
    pub title: Rect,
    pub questions: Rect,
    pub answer: Rect,
    pub status: Rect,
    pub too_small: bool,
}

impl Screen {
    pub fn new(area: Rect, direction: Direction) -> Self {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Screen {
                area,
                too_small: true,
                ..Screen::default()
            };
        }
        let title = Rect { height: 1, ..area };
        let status = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let body_height = area.height - 2;
        let questions_width = (area.width * 32 / 100).clamp(14, 42);
        let answer_width = area.width - questions_width;
        let (questions_x, answer_x) = match direction {
            Direction::Rtl => (area.x + answer_width, area.x),
            Direction::Ltr => (area.x, area.x + questions_width),
        };
        Screen {
            area,
            title,
            questions: Rect::new(questions_x, area.y + 1, questions_width, body_height),
            answer: Rect::new(answer_x, area.y + 1, answer_width, body_height),
            status,
            too_small: false,
        }
    }

    /// The questions pane inside its border: one row per item.
    pub fn questions_inner(&self) -> Rect {
        self.questions.inner(Margin::new(1, 1))
    }

    /// Columns left for an item's text: the marker and a gap take two.
    pub fn item_text_width(&self) -> u16 {
        self.questions_inner().width.saturating_sub(2)
    }

    /// The answer's text: inside the border, with a blank column on each side.
    pub fn answer_text(&self) -> Rect {
        self.answer.inner(Margin::new(2, 1))
    }
}

/// Draws one frame: brings the app's caches up to date for this size, then renders.
pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    app.sync(area);
    render(app, frame.buffer_mut());
}

/// Renders the app as of its last [`App::sync`].
pub fn render(app: &App, buf: &mut Buffer) {
    let screen = *app.screen();
    if screen.too_small {
        render_too_small(app, screen.area, buf);
        return;
    }
    title_bar::render(app, screen.title, buf);
    question_list::render(app, screen.questions, buf);
    answer_view::render(app, screen.answer, buf);
    status_bar::render(app, screen.status, buf);
    if app.show_help {
        help::render(app, screen.area, buf);
    }
}

/// A terminal too small for the panes: the note, wrapped, as much as fits.
fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let lines = layout(
        app.labels().too_small,
        area.width as usize,
        &app.document_options(),
    );
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (line, y) in lines.iter().zip(top..area.bottom()) {
        let x = area.x + (area.width.saturating_sub(line.width() as u16)) / 2;
        text::draw_line(buf, line, x, y, area, |_| theme::TEXT);
    }
}
