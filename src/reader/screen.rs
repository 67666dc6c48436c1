//! Where each part of the screen goes, for one terminal size: pure geometry, shared by
//! the state (to know what a click hit), the view (to lay out at the right widths) and
//! the widgets (to draw).

use ratatui::layout::{Margin, Rect};

use crate::layout::Direction;

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
    /// The screen of a document in `direction`: its questions pane on the side where
    /// reading starts.
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

    /// Columns left for an item's text: the selection marker and the match mark take
    /// one each.
    pub fn item_text_width(&self) -> u16 {
        self.questions_inner().width.saturating_sub(2)
    }

    /// The answer's text: inside the border, with a blank column on each side.
    pub fn answer_text(&self) -> Rect {
        self.answer.inner(Margin::new(2, 1))
    }
}
